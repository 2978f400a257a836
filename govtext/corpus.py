"""A corpus of reports: who issued each one, and the checks across a body's years.

:func:`body_of` names the issuing body of a report record (from its title's
agency, normalised so that 平潭综合实验区管委会 and 平潭综合实验区 are one body; the
file name when the report names none).  :func:`fingerprint` keeps what the
cross-year rules need of a record — the year, the table cells they compare, and
MinHash signatures of each section's prose (digits masked, so a report copied
with new numbers still matches) — small enough to hold for thousands of
reports.  :func:`cross_year_findings` groups fingerprints by body and runs the
corpus rules (GT5xx) over each group.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np

_SUFFIX = re.compile(r"(?:管委会|管理委员会|人民政府)$")
_NOISE = re.compile(r"[\s\"“”]")
_FILE_YEAR = re.compile(r"[_\-. ]?(?:19|20)\d{2}(?:年度?|年)?")

#: MinHash: number of hash functions, and the shingle length in characters
N_HASHES = 128
SHINGLE = 5
_P = (1 << 61) - 1
_RNG = np.random.default_rng(20211)
_A = _RNG.integers(1, 1 << 31, size=N_HASHES, dtype=np.int64)
_B = _RNG.integers(0, 1 << 31, size=N_HASHES, dtype=np.int64)


def normalise_body(name: str) -> str:
    name = _NOISE.sub("", name)
    return _SUFFIX.sub("", name) or name


def body_of(record: dict[str, Any]) -> str:
    """The issuing body of a report record (see the module docstring)."""
    agency = (record.get("meta") or {}).get("agency")
    if agency:
        return normalise_body(agency)
    path = (record.get("source") or {}).get("path") or ""
    stem = Path(path).stem
    return _FILE_YEAR.sub("", stem) or stem or "?"


def minhash(text: str) -> np.ndarray | None:
    """The MinHash signature of ``text``'s character shingles (digits masked); None for short text."""
    text = re.sub(r"\d+(?:\.\d+)?", "#", re.sub(r"\s+", "", text))
    if len(text) < SHINGLE * 4:
        return None
    shingles = {text[i : i + SHINGLE] for i in range(len(text) - SHINGLE + 1)}
    h = np.fromiter((zlib.crc32(s.encode("utf-8")) for s in shingles), dtype=np.int64, count=len(shingles))
    sig = ((_A[:, None] * h[None, :] + _B[:, None]) % _P).min(axis=1)
    return sig


def similarity(a: np.ndarray | None, b: np.ndarray | None) -> float | None:
    """Estimated Jaccard similarity of two MinHash signatures."""
    if a is None or b is None:
        return None
    return float(np.mean(a == b))


def fingerprint(record: dict[str, Any]) -> dict[str, Any]:
    """What the corpus rules need of one report record."""
    meta = record.get("meta") or {}
    tables = record.get("tables") or {}
    sections: dict[int, list[str]] = defaultdict(list)
    for s in record.get("sentences", []):
        if s.get("section") and not _table_like(s["text"]):
            sections[s["section"]].append(s["text"])
    texts = {n: "".join(parts) for n, parts in sections.items()}
    return {
        "path": (record.get("source") or {}).get("path"),
        "sha256": (record.get("source") or {}).get("sha256"),
        "body": body_of(record),
        "year": meta.get("year"),
        "template": meta.get("template"),
        "t2": tables.get("t2"),
        "t3": {k: v for k, v in (tables.get("t3") or {}).items() if k in ("new_received", "carried_over", "total",
                                                                        "carried_forward")} or None,
        "tables_values": _values(tables),
        "sections": {n: minhash(t) for n, t in texts.items()},
        "section_chars": {n: len(t) for n, t in texts.items()},
        "all": minhash("".join(texts[n] for n in sorted(texts))),
    }  # fmt: skip


def _table_like(text: str) -> bool:
    """A sentence that is a flattened table (labels and numbers), not prose: it is compared as a table."""
    runs = len(re.findall(r"\d+", text))
    return runs >= 10 or (runs >= 5 and text.count("，") + text.count("。") <= 3)


def _values(tables: dict[str, Any]) -> tuple[Any, ...] | None:
    out: list[Any] = []
    for name in ("t3", "t4"):
        t = tables.get(name)
        if not t:
            continue
        for row in sorted(k for k in t if k != "extra"):
            out.extend(t[row].get(c) for c in sorted(t[row]))
    return tuple(out) if out else None


def cross_year_findings(fingerprints: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The records of every corpus rule, body by body (reports of one body sorted by year)."""
    from .checks import CorpusRule, all_rules

    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for fp in fingerprints:
        if fp.get("year") is not None:
            groups[fp["body"]].append(fp)
    rules = [r() for r in all_rules() if issubclass(r, CorpusRule)]
    out: list[dict[str, Any]] = []
    for body in sorted(groups):
        reports = sorted(groups[body], key=lambda f: (f["year"], f["path"] or ""))
        for rule in rules:
            out.extend(rule.check_corpus(body, reports))
    return out


def consecutive(reports: list[dict[str, Any]]) -> Iterable[tuple[dict[str, Any], dict[str, Any]]]:
    """Pairs of reports of one body for year − 1 and year."""
    by_year: dict[int, dict[str, Any]] = {}
    for r in reports:
        by_year.setdefault(r["year"], r)  # two reports of one year: the first (reported by GT503 if copies)
    for y in sorted(by_year):
        if y - 1 in by_year:
            yield by_year[y - 1], by_year[y]
