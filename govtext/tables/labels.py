"""Matching printed row labels to the canonical rows, by label and not by position.

Printed labels differ from the template's: wrapped over lines, with spaces
inside (``4.无正当理由大量反复 申请``), other ordinals (``1、`` ``1．`` ``（1）``), no
quotes around 三安全一稳定, typos (``其他法律行政止公开``), 2019 wording, and group
labels run in front of them (``三、本年度办理结果（一）予以公开``).  A printed label
is compared with every canonical label by the similarity of the canonical label
to the end of the printed one; the result says how it matched:

* ``exact``: the canonical label (or a listed variant) ends the printed label;
* ``fuzzy``: similar enough (ratio at least :data:`FUZZY_MIN`), e.g. a typo;
* ``None``: no canonical row; the row goes to ``extra`` with a finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from .schema import T2_ROWS, T3_ROWS, RowSpec

#: Lowest similarity for a fuzzy match.
FUZZY_MIN = 0.72

_DROP = re.compile(r"[\s\"'“”‘’「」『』:：;；,，。、.．·\-—_*#|]+")
#: a parenthesised note that ends a printed label (the template's own labels end so too: （二）部分公开（区分处理的…）
#: is matched whole first)
_TRAILING_NOTE = re.compile(r"[(（][^()（）]{2,}[)）]\s*$")
_ORDINAL = re.compile(r"^[(（]?([0-9]{1,2}|[一二三四五六七八九十]{1,3})[)）]?[.、．,，]?")


@lru_cache(maxsize=4096)
def norm_label(text: str) -> str:
    """A label reduced for comparison: simplified characters, no spaces, quotes or punctuation; ( ) for （ ）.

    Table cells are read from the source as printed (a traditional-character page's
    規範性文件, 第二十條), the prose from the normalised text: both compare in simplified.
    """
    if not text.isascii():
        text = _simplified(text) if len(text) <= 200 else _convert(text)  # a long label is not worth a cache slot
    text = text.replace("（", "(").replace("）", ")")
    return _DROP.sub("", text)


@lru_cache(maxsize=8192)
def _simplified(text: str) -> str:
    return _convert(text)


def _convert(text: str) -> str:
    from ..normalize import simplified

    return simplified(text)


@dataclass(frozen=True)
class LabelMatch:
    """How a printed label matched a canonical row."""

    key: str
    how: str  # "exact" | "fuzzy"
    score: float


def _variants(spec: RowSpec) -> tuple[str, ...]:
    return tuple(norm_label(v) for v in (spec.label, *spec.aliases))


@lru_cache(maxsize=8)
def _table_variants(table: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    rows = T3_ROWS if table == "t3" else T2_ROWS
    seen: dict[str, tuple[str, ...]] = {}
    for template in ("2021", "2019"):
        for spec in rows[template]:
            seen[spec.key] = tuple(dict.fromkeys(seen.get(spec.key, ()) + _variants(spec)))
    return tuple(seen.items())


def _tail_ratio(canon: str, printed: str) -> float:
    """Similarity of ``canon`` to the best-fitting end of ``printed``."""
    n = len(canon)
    best = 0.0
    for extra in range(-2, 4):
        m = n + extra
        if m <= 0:
            continue
        tail = printed[-m:]
        sm = SequenceMatcher(None, canon, tail, autojunk=False)
        # quick upper bound first
        if sm.real_quick_ratio() <= best:
            continue
        best = max(best, sm.ratio())
    return best


@lru_cache(maxsize=8192)
def match_label(table: str, printed: str, allowed: frozenset[str] | None = None) -> LabelMatch | None:
    """The canonical row of ``table`` (``"t2"`` or ``"t3"``) whose label ends ``printed``, if any."""
    p = norm_label(printed)
    if not p:
        return None
    best: LabelMatch | None = None
    best_len = 0
    for key, variants in _table_variants(table):
        if allowed is not None and key not in allowed:
            continue
        for v in variants:
            if p.endswith(v) and len(v) > best_len:
                best, best_len = LabelMatch(key, "exact", 1.0), len(v)
    if best is not None:
        return best
    # the printed ordinal may differ (1、 for 1.) or be missing: compare without it
    p_bare = _ORDINAL.sub("", p)
    for key, variants in _table_variants(table):
        if allowed is not None and key not in allowed:
            continue
        for v in variants:
            v_bare = _ORDINAL.sub("", v)
            if len(v_bare) >= 2 and p_bare.endswith(v_bare) and len(v_bare) > best_len:
                best, best_len = LabelMatch(key, "exact", 1.0), len(v_bare)
    if best is not None:
        return best
    # a note after the label, as some provinces' forms print it: 规章（设区的市、自治州人民政府应提供相关数据）
    note = _TRAILING_NOTE.search(printed)
    if note is not None and note.start() > 0:
        bare = match_label(table, printed[: note.start()], allowed)
        if bare is not None and bare.how == "exact":
            return bare
    score_best = 0.0
    for key, variants in _table_variants(table):
        if allowed is not None and key not in allowed:
            continue
        for v in variants:
            if len(v) < 4:
                continue
            r = _tail_ratio(v, p)
            if r > score_best:
                score_best, best = r, LabelMatch(key, "fuzzy", round(r, 3))
    if best is not None and score_best >= FUZZY_MIN:
        return best
    return None
