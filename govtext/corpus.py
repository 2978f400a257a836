"""A corpus of reports: who issued each one, and the checks across a body's years.

:func:`body_of` names the issuing body of a report record (from its title's
agency, normalised so that 平潭综合实验区管委会 and 平潭综合实验区 are one body; the
file name when the report names none).  :func:`fingerprint` keeps what the
cross-year rules need of a record — the year, the table cells they compare,
MinHash signatures of each section's prose (digits masked, so a report copied
with new numbers still matches) and the year-over-year statements with the
figures they may be compared with (:mod:`govtext.yoy`) — small enough to hold
for thousands of reports.  :func:`cross_year_findings` groups fingerprints by
body, links a body renamed in a reorganisation to its predecessor
(:func:`link_bodies`, :data:`RENAMINGS`) and runs the corpus rules (GT5xx) over
each group; :func:`compare_pair` runs them over two reports
(``govtext lint --previous``).
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from . import yoy

if TYPE_CHECKING:
    from .model import CrossReportFinding

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
    return body_name((record.get("meta") or {}).get("agency"), (record.get("source") or {}).get("path"))


def body_name(agency: str | None, path: str | None) -> str:
    """The issuing body of a report by its agency, else by its file's name with the year taken out."""
    if agency:
        return normalise_body(agency)
    stem = Path(path or "").stem
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
        "yoy": {
            "changes": yoy.read_record(record),
            "cells": yoy.subject_readings(record),
            "prose": yoy.prose_values(record),
        },
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


def cross_year_findings(fingerprints: Iterable[dict[str, Any]]) -> list[CrossReportFinding]:
    """The records of every corpus rule, body by body (reports of one body sorted by year).

    A body renamed in a reorganisation is one group with its predecessor
    (:func:`link_bodies`); a record about reports of both names says so in ``linked``.
    """
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for fp in fingerprints:
        if fp.get("year") is not None:
            groups[fp["body"]].append(fp)
    links = link_bodies({b: sorted({f["year"] for f in fps}) for b, fps in groups.items()})
    for old, link in links.items():
        groups[link["to"]].extend(groups.pop(old))
    out: list[CrossReportFinding] = []
    for body in sorted(groups):
        out.extend(_run_rules(body, groups[body], links))
    return out


def _run_rules(
    body: str, fingerprints: list[dict[str, Any]], links: dict[str, dict[str, Any]]
) -> list[CrossReportFinding]:
    from .checks import CorpusRule, all_rules

    reports = sorted(fingerprints, key=lambda f: (f["year"], f["path"] or ""))
    bodies = {f["path"]: f["body"] for f in reports}
    out = []
    for rule_cls in all_rules():
        if not issubclass(rule_cls, CorpusRule):
            continue
        for rec in rule_cls().check_corpus(body, reports):
            named = {bodies.get(p) for p in rec.reports} - {None}
            link = next((links[b] for b in named if b in links and links[b]["to"] in named), None)
            if link is not None and rec.linked is None:
                rec = replace(rec, linked=link)
            out.append(rec)
    return out


def compare_pair(previous: dict[str, Any], current: dict[str, Any]) -> list[CrossReportFinding]:
    """The records of the corpus rules over two report records: ``current`` against ``previous`` (last year's).

    What ``govtext lint --previous`` runs.  The two are taken as one body's reports when
    their bodies are the same, when one is a known renaming of the other
    (:func:`renaming`; records then say ``linked``), or when a report names no agency
    (the caller said they are one body's); reports of two other bodies are compared
    all the same, and GT504 then reports at most warnings.
    """
    a, b = fingerprint(previous), fingerprint(current)
    if a.get("year") is None or b.get("year") is None:
        return []
    links: dict[str, dict[str, Any]] = {}
    if a["body"] != b["body"]:
        older, newer = (a, b) if a["year"] <= b["year"] else (b, a)
        link = renaming(older["body"], newer["body"], [older["year"]], [newer["year"]])
        if link is not None:
            links[older["body"]] = link
        elif not (previous.get("meta") or {}).get("agency") or not (current.get("meta") or {}).get("agency"):
            a = {**a, "body": b["body"]}  # a report that names no body: the caller's word that it is this one's
    return _run_rules(b["body"], [a, b], links)


# -- bodies renamed in a reorganisation (机构改革) -------------------------------------------------

#: Known renamings of the 2018–2019 机构改革 (and the 2021 扶贫办 → 乡村振兴局): the names a function was
#: issued under before (as the end of a body's name), the names after, why, and the years of the change
#: (the last report under an old name is for a year up to the second, the first under a new name for a
#: year from the first).  Written from the published reform plans; a body is linked only when its
#: region (the name before the function) is the same on both sides.
RENAMINGS: tuple[tuple[tuple[str, ...], tuple[str, ...], str, int, int], ...] = (
    (("国土资源局", "国土资源管理局", "国土局"), ("自然资源局", "自然资源和规划局", "自然资源规划局"),
     "2018–2019 机构改革：国土资源 → 自然资源", 2018, 2019),
    (("城乡规划局", "规划局", "城乡规划管理局"), ("自然资源和规划局", "自然资源规划局"),
     "2018–2019 机构改革：城乡规划 → 自然资源和规划", 2018, 2019),
    (("卫生和计划生育委员会", "卫生计生委", "卫计委", "卫生和计划生育局", "卫生计生局", "卫计局"),
     ("卫生健康委员会", "卫生健康委", "卫健委", "卫生健康局", "卫健局"),
     "2018–2019 机构改革：卫生和计划生育 → 卫生健康", 2018, 2019),
    (("环境保护局", "环保局"), ("生态环境局",), "2018–2019 机构改革：环境保护 → 生态环境", 2018, 2019),
    (("工商行政管理局", "工商局", "质量技术监督局", "质监局", "食品药品监督管理局", "食药监局"),
     ("市场监督管理局", "市场监管局"), "2018–2019 机构改革：工商、质监、食药监 → 市场监督管理", 2018, 2019),
    (("农业局", "农业委员会", "农委"), ("农业农村局", "农业农村委员会", "农业农村委"),
     "2018–2019 机构改革：农业 → 农业农村", 2018, 2019),
    (("安全生产监督管理局", "安监局"), ("应急管理局",), "2018–2019 机构改革：安全生产监督管理 → 应急管理", 2018, 2019),
    (("文化广电新闻出版局", "文化广电新闻出版旅游局", "文化广电旅游体育局", "文化局", "旅游局", "旅游发展委员会",
      "文化体育新闻出版广电局"),
     ("文化和旅游局", "文化广电和旅游局", "文化广电旅游局", "文化旅游局", "文化和旅游委员会", "文化旅游体育局",
      "文化广电旅游体育局"),
     "2018–2019 机构改革：文化、广电、旅游 → 文化和旅游", 2018, 2019),
    (("林业局",), ("林业和草原局",), "2018–2019 机构改革：林业 → 林业和草原", 2018, 2019),
    (("粮食局",), ("粮食和物资储备局",), "2018–2019 机构改革：粮食 → 粮食和物资储备", 2018, 2019),
    (("城市管理局", "城市管理行政执法局", "城管局"), ("城市管理和综合执法局", "城市管理综合执法局", "综合行政执法局"),
     "2018–2019 机构改革：城市管理 → 城市管理和综合执法", 2018, 2019),
    (("国家税务局", "地方税务局", "国税局", "地税局"), ("税务局",), "2018 国税地税征管体制改革：国税、地税 → 税务局",
     2018, 2018),
    (("扶贫开发办公室", "扶贫办", "扶贫开发领导小组办公室"), ("乡村振兴局",), "2021 扶贫开发办公室 → 乡村振兴局",
     2021, 2021),
)  # fmt: skip


def renaming(old: str, new: str, old_years: Iterable[int], new_years: Iterable[int]) -> dict[str, Any] | None:
    """``{"from": old, "to": new, "reason": …}`` where ``new`` continues ``old`` after a known renaming, else None.

    Both names must be one region followed by the old and the new name of one function in
    :data:`RENAMINGS`, every report under the old name must be for an earlier year than
    every report under the new one, and the years must fit the reorganisation's.
    """
    old_years, new_years = sorted(old_years), sorted(new_years)
    if not old_years or not new_years or old_years[-1] >= new_years[0]:
        return None
    for olds, news, reason, first, last in RENAMINGS:
        if any(old.endswith(n) for n in news):
            continue  # 自然资源和规划局 ends with 规划局: a new name is no old one
        for o in olds:
            if not old.endswith(o):
                continue
            region = old[: -len(o)]
            if len(region) < 2 or not any(new == region + n for n in news):
                continue
            if old_years[-1] <= last and new_years[0] >= first:
                return {"from": old, "to": new, "reason": reason}
    return None


def link_bodies(years: dict[str, list[int]]) -> dict[str, dict[str, Any]]:
    """The bodies that continue under another name: old name → ``{"from", "to", "reason"}``.

    ``years`` maps each body to the years of its reports.  A link is made only where it
    is the one way to read the names: a new name with two predecessors present (工商局 and
    质监局 → 市场监督管理局) or an old name with two successors links neither.
    """
    found = [
        link
        for old in years
        for new in years
        if old != new and (link := renaming(old, new, years[old], years[new])) is not None
    ]
    olds: dict[str, int] = defaultdict(int)
    news: dict[str, int] = defaultdict(int)
    for link in found:
        olds[link["from"]] += 1
        news[link["to"]] += 1
    return {link["from"]: link for link in found if olds[link["from"]] == 1 and news[link["to"]] == 1}


def consecutive(reports: list[dict[str, Any]]) -> Iterable[tuple[dict[str, Any], dict[str, Any]]]:
    """Pairs of reports of one body for year − 1 and year."""
    by_year: dict[int, dict[str, Any]] = {}
    for r in reports:
        by_year.setdefault(r["year"], r)  # two reports of one year: the first (reported by GT503 if copies)
    for y in sorted(by_year):
        if y - 1 in by_year:
            yield by_year[y - 1], by_year[y]
