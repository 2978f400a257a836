"""Sort every sentence into the six standard sections, with or without headings.

Two sources of evidence, combined by one decoder:

Headings
    :func:`find_headings` reads each short sentence with
    :func:`govtext.headings.parse_heading`: an ordinal (一、 一. 第一部分 1. ``##``,
    or none when the line stands alone, is bold or is a Markdown/HTML
    heading) and a title that names a section (the 2021 wording, the 2019
    wording, pre-2019 parts, near-miss titles).  Sub-headings ((一)主动公开) and
    table rows that look like headings (三、本年度办理结果) are not sections.

The classifier
    :class:`SectionClassifier` — character 1–3-gram TF-IDF plus the sentence's
    relative position, into a multinomial logistic regression (scikit-learn
    at training time; at run time plain NumPy over the arrays in
    ``models/sections/``, no pickle) — gives each sentence a probability for
    each of sections 0–6.

:func:`decode` then finds the most likely labelling that never goes back
(sections come in order; how likely each move ``a → b`` is, skipping a section
or not, was counted in the training reports), where every heading fixes its
own sentence and bounds its neighbours: a sentence between the headings of sections 2 and 5 can
only be in 2, 3 or 4.  With all six headings the headings decide alone; with
none the classifier and the order decide.

Each sentence also gets a *topic* (:func:`assign_topics`): the finer subject
inside its section (主动公开, 依申请公开, 政府信息管理, 平台建设, 监督保障, 问题, 改进,
收费, 人大建议政协提案, …), from sub-headings where the report has them and
from keywords where it does not; and ``about``, the section its content alone
points to, with the classifier's confidence — the basis for flagging content
written in the wrong section.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import repeat
from operator import add
from typing import TYPE_CHECKING, Any

from .headings import TITLES, Heading, cn_to_int, parse_heading, title_score
from .limits import tick
from .segment import TABLE_OPENERS

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from .model import Document

N_LABELS = 7  # 0 = title and preamble, 1..6 the sections
MODEL_PACKAGE = "govtext.models"
MODEL_DIR = "sections"

# -- features -------------------------------------------------------------------------

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_WS = re.compile(r"\s+")


def _position_bin(rel: float) -> int:
    return min(9, max(0, int(rel * 10)))


_SCOPE_END = re.compile(r"[\d\s。，；：:,;.、（(]")
_SCOPE_STYLES = frozenset({"cn", "part", "md", "sub"})
_ARABIC_SUB = re.compile(r"\s*[（(]\s*\d")


def scopes(texts: Sequence[str]) -> list[str]:
    """The title of the numbered heading each sentence stands under (``""`` before the first).

    A report's headings — ``二、主动公开政府信息情况``, ``（三）咨询情况`` — say
    what the sentences under them are about even where the sentences do not:
    ``公务员招考、录用…的条件、程序、结果`` under ``（一）公开的主要内容`` is
    section 二's, the same words in an overview are 一's.  Where the section
    headings are lost (crawler text, a garbled PDF) the sub-headings are often
    all that is left.  Only section-style and ``（一）``-style ordinals open a
    scope: ``1、``, ``（14）`` and ``①`` items are lists inside one.  The title stops at the
    first digit, space or punctuation (flattened text runs a heading into its
    paragraph: ``（三）咨询情况2013年有约…``) and is cut to 10 characters.
    """
    out: list[str] = []
    current = ""
    for text in texts:
        head = parse_heading(text[:60])
        if head.level and head.style in _SCOPE_STYLES and not _ARABIC_SUB.match(text):
            current = _SCOPE_END.split(head.title, maxsplit=1)[0][:10]
        out.append(current)
    return out


def features(text: str, rel_pos: float, scope: str = "") -> list[str]:
    """The classifier's features of one sentence: character 1–3-grams, layout and scope tokens.

    Digits collapse to ``0`` (``受理申请3119件`` and ``受理申请21件`` look alike);
    ``§p<k>`` is the decile of the sentence's position in the report, ``§l<k>``
    its length class, ``§o1``/``§o2`` a section-style or sub-heading ordinal;
    ``§s<bigram>`` the character bigrams of the heading it stands under
    (:func:`scopes`).
    """
    t = _gram_text(text)
    grams = list(t)
    pairs = list(map(add, t, t[1:]))
    grams += pairs
    grams += map(add, pairs, t[2:])
    grams += _layout_features(text, rel_pos, scope)
    return grams


def _gram_text(text: str) -> str:
    """The text whose character n-grams are features: digits as ``0``, spaces as one, at most 300 characters."""
    return _WS.sub(" ", _DIGITS.sub("0", text.strip()))[:300]


def _layout_features(text: str, rel_pos: float, scope: str) -> list[str]:
    length = len(text)
    out = [
        f"§p{_position_bin(rel_pos)}",
        "§l0" if length <= 12 else "§l1" if length <= 30 else "§l2" if length <= 80 else "§l3",
    ]
    head = parse_heading(text[:60])
    if head.level:
        out.append(f"§o{head.level}")
    out.extend(f"§s{scope[i : i + 2]}" for i in range(len(scope) - 1))
    return out


_CODE_BITS = 21  # every code point fits: an n-gram of up to three is one int64


def _gram_keys(codes: NDArray[np.int64], n: int) -> NDArray[np.int64]:
    """The integer key of every ``n``-gram of ``codes`` (code points), in order."""
    key = codes[: len(codes) - n + 1].copy()
    for j in range(1, n):
        key = (key << _CODE_BITS) | codes[j : len(codes) - n + 1 + j]
    return key


class _KeyTable:
    """Non-negative int64 keys → int64 values, looked up many at once (open addressing, linear probing).

    ``np.searchsorted`` over the sorted keys costs a binary search of random
    reads per n-gram, a quarter of the sections stage; a table four times the
    size of the keys finds nearly every key at its first slot.  Built once per
    model, vectorised: every key still unplaced moves on one slot per round.
    """

    _MUL = 0x9E3779B97F4A7C15  # Fibonacci hashing: the top bits of key × 2⁶⁴/φ

    def __init__(self, keys: NDArray[np.int64], values: NDArray[np.int64]) -> None:
        import numpy as np

        bits = max(4, int(len(keys) * 4 - 1).bit_length())
        self._shift = np.uint64(64 - bits)
        self._mask = (1 << bits) - 1
        self._keys = np.full(1 << bits, -1, dtype=np.int64)
        self._values = np.full(1 << bits, -1, dtype=np.int64)
        pending = np.arange(len(keys))
        slots = self._slots(keys)
        while len(pending):
            at = slots[pending]
            free = self._keys[at] == -1
            taken, first = np.unique(at[free], return_index=True)  # one key per free slot this round
            winners = pending[free][first]
            self._keys[taken] = keys[winners]
            self._values[taken] = values[winners]
            placed = np.zeros(len(keys), dtype=bool)
            placed[winners] = True
            pending = pending[~placed[pending]]
            slots[pending] = (slots[pending] + 1) & self._mask

    def _slots(self, keys: NDArray[np.int64]) -> NDArray[np.int64]:
        import numpy as np

        with np.errstate(over="ignore"):
            return ((keys.astype(np.uint64) * np.uint64(self._MUL)) >> self._shift).astype(np.int64)

    def lookup(self, keys: NDArray[np.int64]) -> NDArray[np.int64]:
        """The value of each key, ``-1`` where the table does not hold it."""
        import numpy as np

        out = np.full(len(keys), -1, dtype=np.int64)
        index = np.arange(len(keys))
        slots = self._slots(keys)
        while len(index):
            stored = self._keys[slots]
            found = stored == keys
            out[index[found]] = self._values[slots[found]]
            going_on = ~found & (stored != -1)
            index, keys, slots = index[going_on], keys[going_on], (slots[going_on] + 1) & self._mask
        return out


# -- the classifier, from arrays ----------------------------------------------------------


class SectionClassifier:
    """Sentence → probabilities of sections 0–6, from ``vocab.json`` and ``weights.npz``.

    The arrays are what scikit-learn's ``TfidfVectorizer`` (with
    :func:`features` as analyzer, ``sublinear_tf=True``, L2 norm) and
    ``LogisticRegression`` learned; :meth:`predict_proba` computes the same
    function with NumPy, so neither scikit-learn nor pickle is needed to run.
    """

    def __init__(self, vocab: dict[str, int], idf: NDArray[np.float64], coef: NDArray[np.float64],
                 intercept: NDArray[np.float64], meta: dict[str, Any]) -> None:  # fmt: skip
        self.vocab = vocab
        self.idf = idf
        self.coef = coef
        self.intercept = intercept
        self.meta = meta
        self._grams: list[_KeyTable] | None = None
        self._coef_t: NDArray[np.float64] | None = None

    @classmethod
    def load(cls, directory: Any = None) -> SectionClassifier:
        """Load from ``directory`` (default: the model shipped in ``govtext.models``)."""
        import numpy as np

        base = resources.files(MODEL_PACKAGE).joinpath(MODEL_DIR) if directory is None else directory
        vocab_doc = json.loads(base.joinpath("vocab.json").read_text(encoding="utf-8"))
        with base.joinpath("weights.npz").open("rb") as fh:
            arrays = np.load(fh, allow_pickle=False)
            idf, coef, intercept = arrays["idf"], arrays["coef"], arrays["intercept"]
        return cls(vocab_doc["vocabulary"], idf, coef, intercept, vocab_doc.get("meta", {}))

    def entries(
        self, texts: Sequence[str], positions: Sequence[float], scope: Sequence[str] | None = None
    ) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.float64]]:
        """The non-zero TF-IDF entries of all sentences at once: row, column, L2-normalised weight.

        The same entries as :func:`features` looked up in ``vocab``, computed
        for all sentences together: each character n-gram becomes an integer
        (its code points side by side) and is looked up, all at once, in a hash
        table of the vocabulary's n-grams of its length (:class:`_KeyTable`); only
        the few layout and scope tokens are looked up one by one.  Building and hashing every
        n-gram as a string was over a third of a whole analysis.  ``scope``
        defaults to :func:`scopes` of ``texts`` (the sentences are one report,
        in order).
        """
        import numpy as np

        n = len(texts)
        get = self.vocab.get
        grams = [_gram_text(text) for text in texts]
        lengths = np.fromiter(map(len, grams), dtype=np.int64, count=n)
        row_of = np.repeat(np.arange(n, dtype=np.int64), lengths)
        # surrogatepass: a lone surrogate (a damaged text layer) is a code point like any other, never an error
        codes = np.frombuffer("".join(grams).encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.int64)
        rows_parts: list[NDArray[np.int64]] = []
        cols_parts: list[NDArray[np.int64]] = []
        for size, table in enumerate(self._gram_columns(), start=1):
            if len(codes) < size:
                continue
            key = _gram_keys(codes, size)
            row = row_of[: len(key)]
            inside = row == row_of[size - 1 :]  # the n-gram does not run into the next sentence
            col = table.lookup(key)
            hit = inside & (col >= 0)
            rows_parts.append(row[hit])
            cols_parts.append(col[hit])
        ids: list[int] = []
        counts: list[int] = []
        for text, pos, sc in zip(texts, positions, scopes(texts) if scope is None else scope, strict=True):
            tick()
            layout = _layout_features(text, pos, sc)
            ids.extend(map(get, layout, repeat(-1)))
            counts.append(len(layout))
        col = np.array(ids, dtype=np.int64)
        row = np.repeat(np.arange(n, dtype=np.int64), counts)
        keep = col >= 0
        rows_parts.append(row[keep])
        cols_parts.append(col[keep])
        n_cols = len(self.idf)
        all_rows, all_cols = np.concatenate(rows_parts), np.concatenate(cols_parts)
        keys_, tf = np.unique(all_rows * n_cols + all_cols, return_counts=True)
        rows, cols = keys_ // n_cols, keys_ % n_cols
        w = (1.0 + np.log(tf)) * self.idf[cols]
        norms = np.sqrt(np.bincount(rows, weights=w * w, minlength=n))
        return rows, cols, w / np.where(norms > 0, norms, 1.0)[rows]

    def _gram_columns(self) -> list[_KeyTable]:
        """For n = 1, 2, 3: the vocabulary's n-grams as integer keys, in a table that gives their columns."""
        if self._grams is None:
            import numpy as np

            by_size: list[list[tuple[int, int]]] = [[], [], []]
            for term, column in self.vocab.items():
                if 1 <= len(term) <= 3:
                    key = 0
                    for ch in term:
                        key = (key << _CODE_BITS) | ord(ch)
                    by_size[len(term) - 1].append((key, column))
            self._grams = [
                _KeyTable(
                    np.array([k for k, _ in pairs], dtype=np.int64), np.array([c for _, c in pairs], dtype=np.int64)
                )
                for pairs in by_size
            ]
        return self._grams

    def transform(
        self, texts: Sequence[str], positions: Sequence[float], scope: Sequence[str] | None = None
    ) -> NDArray[np.float64]:
        """The TF-IDF matrix (dense, rows L2-normalised) of the sentences — for tests and inspection."""
        import numpy as np

        x = np.zeros((len(texts), len(self.idf)), dtype=np.float64)
        rows, cols, w = self.entries(texts, positions, scope)
        x[rows, cols] = w
        return x

    def predict_proba(
        self, texts: Sequence[str], positions: Sequence[float], scope: Sequence[str] | None = None
    ) -> NDArray[np.float64]:
        """Probabilities of sections 0–6, one row per sentence (``scope`` as in :meth:`entries`)."""
        import numpy as np

        n = len(texts)
        if not n:
            return np.zeros((0, N_LABELS))
        rows, cols, w = self.entries(texts, positions, scope)
        if self._coef_t is None:
            self._coef_t = np.ascontiguousarray(self.coef.T)  # (features, labels): a feature's weights side by side
        z = np.tile(self.intercept, (n, 1))
        if len(rows):
            contrib = self._coef_t[cols] * w[:, None]  # (entries, labels); entries come sorted by row
            starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
            z[rows[starts]] += np.add.reduceat(contrib, starts, axis=0)
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        return p / p.sum(axis=1, keepdims=True)


@lru_cache(maxsize=1)
def shipped_classifier() -> SectionClassifier | None:
    """The model in ``govtext/models/sections``, or ``None`` where it has not been trained."""
    try:
        return SectionClassifier.load()
    except (FileNotFoundError, ModuleNotFoundError, OSError, KeyError):
        return None


# -- headings ----------------------------------------------------------------------------


@dataclass(frozen=True)
class HeadingHit:
    """A sentence recognised as the heading of ``section`` (``sentences`` = 2 when split over two lines)."""

    index: int
    section: int
    heading: Heading
    sentences: int = 1
    standard: bool = True


@dataclass
class Layout:
    """What the source says about one sentence beyond its text."""

    own_line: bool = True
    bold: bool = False
    marked_heading: bool = False


def find_headings(texts: Sequence[str], layout: Sequence[Layout] | None = None) -> list[HeadingHit]:
    """Every sentence that is a section heading, in order.

    A numbered title (一、 第一部分 1. ##) needs a similarity of 0.55 to one of
    its section's wordings; a title without a number needs 0.7 when the
    source marks it (bold, ``##``, ``<h2>``) and 0.85 when it merely stands on
    a line of its own.  A heading broken over two lines is read together.
    """
    layout = layout or [Layout() for _ in texts]
    hits: list[HeadingHit] = []
    skip = 0
    for i, text in enumerate(texts):
        if skip:
            skip -= 1
            continue
        if len(text) > 60:
            continue
        h = parse_heading(text)
        if h.level == 2:
            continue
        lay = layout[i]
        need = 0.55 if h.level == 1 else (0.7 if (lay.bold or lay.marked_heading) else 0.85)
        if h.level == 0 and not (lay.own_line or lay.bold or lay.marked_heading):
            continue
        # a heading broken over two lines: "四、政府信息公开行政复议、行政诉讼" + "情况"
        if h.level == 1 and i + 1 < len(texts) and len(texts[i + 1]) <= 8 and "。" not in texts[i + 1]:
            joined = parse_heading(text + texts[i + 1])
            if joined.section is not None and joined.score >= need and joined.score > h.score:
                hits.append(HeadingHit(i, joined.section, joined, 2, _is_standard(joined)))
                skip = 1
                continue
        if h.section is None or h.score < need:
            continue
        if h.title.rstrip("。").count("，") or (text.endswith("。") and h.level == 0):
            continue
        hits.append(HeadingHit(i, h.section, h, 1, _is_standard(h)))
    return _in_context(_demote_fee_parts(hits))


def _in_context(hits: list[HeadingHit]) -> list[HeadingHit]:
    """Keep the headings that are top-level headings in their report, not items inside a section.

    A report numbers its sections in one style.  When two or more headings
    share a section-style ordinal (一、 第一部分), that style is the report's:
    a line numbered otherwise (4.认真办理依申请公开) is an item of a numbered
    list inside a section and no heading; a line with no number (a bold line,
    an ``<h3>``, a line on its own) stays a heading only where it fits among
    the numbered ones — its section not already headed, and in order between
    its numbered neighbours.  Sibling lines that are content thus never become
    repeated or out-of-order headings (GT103/GT104 only accuse real ones).
    """
    styles = Counter(h.heading.style for h in hits if h.heading.level == 1)
    top = [st for st, n in styles.most_common() if n >= 2 and st in ("cn", "part", "md")]
    if not top:
        return hits
    style = top[0]
    strong = [h for h in hits if h.heading.level == 1 and h.heading.style == style]
    taken = {h.section for h in strong}
    out = []
    for hit in hits:
        if hit.heading.level == 1 and hit.heading.style == style:
            out.append(hit)
            continue
        if hit.heading.level == 1:
            continue  # numbered in another style: an item of a list
        before = [h.section for h in strong if h.index < hit.index]
        after = [h.section for h in strong if h.index > hit.index]
        if hit.section in taken or (before and hit.section < before[-1]) or (after and hit.section > after[0]):
            continue
        out.append(hit)
    return out


def _is_standard(h: Heading) -> bool:
    return h.section is not None and h.title.strip(" 。：:") == TITLES[h.section]


def _demote_fee_parts(hits: list[HeadingHit]) -> list[HeadingHit]:
    """Drop pre-2019 "收费及减免" parts that come before later-numbered parts.

    Old reports put the fee part (mapped to section 6) before the review and
    problems parts; it is then a part of the section before it, not section 6.
    """
    out = []
    for n, hit in enumerate(hits):
        if hit.section == 6 and "收费" in hit.heading.title and any(h.section < 6 for h in hits[n + 1 :]):
            continue
        out.append(hit)
    return out


# -- tables -------------------------------------------------------------------------------

_TABLE_SECTION = {"t2": 2, "t3": 3, "t4": 4}
_CAPTION_NUMBER = re.compile(r"\s*(?:附)?表\s*(?P<n>[一二三四五六七八九十])?[\d]?\s*[：:、.．]?\s*")
#: how sure a sentence that opens a table is of the table's section (the rest is shared by the others)
TABLE_CONFIDENCE = 0.97


def table_section(text: str) -> int | None:
    """The section a sentence opening a flattened table belongs to, or ``None``.

    Table 2 (第二十条第（一）项 …) is section 二, table 3 (本列数据的勾稽关系 /
    申请人情况 / 一、本年新收 …) section 三, table 4 (行政复议 行政诉讼 结果维持 …)
    section 四 — in the 2019 and the 2021 templates alike.  A caption says it by
    its words (表1 主动公开政府信息情况 → 二) or, in the 2021 template's Chinese
    numbering, by its number (表三 → 三); an Arabic number alone says nothing
    (provinces number the tables 表1–表3 as often as 表2–表4).
    """
    head = text.lstrip()[:80]
    for kind, rx in TABLE_OPENERS:
        if not rx.match(head):
            continue
        if kind != "caption":
            return _TABLE_SECTION[kind]
        m = _CAPTION_NUMBER.match(head)
        rest = head[m.end() :] if m else head
        section, score = title_score(rest[:30])
        if section is None:
            for end in range(len(rest[:30]), 3, -1):  # the caption's title, before the table's first cell
                section, score = title_score(rest[:end])
                if section is not None and score >= 0.7:
                    break
        if section in (2, 3, 4) and score >= 0.7:
            return section
        n = cn_to_int(m.group("n")) if m and m.group("n") else None
        return n if n in (2, 3, 4) else None
    return None


def _table_evidence(opens: Sequence[int | None], proba: NDArray[np.float64]) -> NDArray[np.float64]:
    """``proba`` with every sentence that opens a table (``opens[i]``, :func:`table_section`)
    made near-certain of the table's section."""
    out = proba
    for i, k in enumerate(opens):
        if k is None:
            continue
        if out is proba:
            out = proba.copy()
        out[i] = (1.0 - TABLE_CONFIDENCE) / (N_LABELS - 1)
        out[i, k] = TABLE_CONFIDENCE
    return out


# -- decoding ------------------------------------------------------------------------------

#: log-probability charged for moving on to a later section between two sentences
JUMP_PENALTY = math.log(0.02)


def allowed_labels(n: int, hits: Sequence[HeadingHit]) -> list[tuple[int, int]]:
    """For each sentence the range ``[lo, hi]`` of sections the headings leave open.

    A heading fixes its own sentence(s); a sentence after the heading of
    section ``a`` and before that of section ``b`` may be in ``a … b-1``.
    """
    ordered = sorted(hits, key=lambda h: h.index)
    fixed = {j: h.section for h in ordered for j in range(h.index, h.index + h.sentences)}
    bounds: list[tuple[int, int]] = []
    prev, k = 0, 0
    for i in range(n):
        while k < len(ordered) and ordered[k].index + ordered[k].sentences <= i:
            prev = ordered[k].section
            k += 1
        if i in fixed:
            bounds.append((fixed[i], fixed[i]))
            continue
        hi = ordered[k].section - 1 if k < len(ordered) else 6
        bounds.append((prev, max(prev, hi)))
    return bounds


def jump_costs(texts: Sequence[str], clf: SectionClassifier | None) -> list[float]:
    """The decoder's price for moving on at each sentence: lower where a numbered list restarts,
    higher inside a numbered list.

    The rates are the model's (``jump_logp``, ``jump_logp_restart``,
    ``jump_logp_in_list``: how often the section changes before an ordinary
    sentence, before one that restarts a list, and inside a list, in the
    training reports).
    """
    meta = clf.meta if clf is not None else {}
    plain = float(meta.get("jump_logp", JUMP_PENALTY))
    restart = float(meta.get("jump_logp_restart", plain))
    inside = float(meta.get("jump_logp_in_list", plain))
    return [restart if r else inside if k else plain for r, k in zip(restarts(texts), in_list(texts), strict=True)]


def _list_key(text: str) -> tuple[str, int | None, bool] | None:
    """A list item's numbering style and number: ``（一）`` and ``（1）`` and ``1、`` are three lists.

    The number is ``None`` for a section's own heading numbered like an item (``2.主动公开政府信息情况``).
    """
    head = text.lstrip()[:40]
    h = parse_heading(head)
    if h.ordinal is None or h.style not in ("sub", "ar", "circ"):
        return None  # no item, or a section-style ordinal (一、 第一部分): those may be the sections
    digits = any(c.isdigit() for c in head[: h.prefix_len])
    if _names_section(h.title):
        return h.style, None, digits  # a section's heading numbered 2. or （二）: it ends the list
    return h.style, h.ordinal, digits


_TITLE_END = re.compile(r"情况|事项|措施|概述|概况")


def _names_section(title: str) -> bool:
    """Does ``title`` (an item's words) name a section, alone or glued to what follows it?"""
    section, score = title_score(title[:40])
    if section is not None and score >= 0.7:
        return True
    for m in _TITLE_END.finditer(title, 0, min(len(title), 30)):
        section, score = title_score(title[: m.end()])
        if section is not None and score >= 0.7:
            return True
    return False


def in_list(texts: Sequence[str]) -> list[bool]:
    """Which sentences stand inside a numbered list: after an item and up to its next item.

    ``（一）公开的主要内容 … （二）公开形式 …`` is one list, and a list belongs
    to one section: nothing between its items, nor its next item, opens a new
    section.  An item continues a list when it carries the next number in the
    same style (``（一）`` → ``（二）``; ``1、`` → ``2、``, while ``（1）`` is another
    list); any other number starts a list afresh there (its earlier items may
    be glued inside sentences: ``（四）重点领域1、行政权力…`` then ``2、财政…``).
    Lists of section-style ordinals (一、 二、) are left alone: they may be the
    sections themselves.
    """
    out = [False] * len(texts)
    last: dict[tuple[str, bool], tuple[int, int]] = {}  # list style -> (its last number, where)
    for i, text in enumerate(texts):
        key = _list_key(text)
        if key is None:
            continue
        style, number, digits = key
        kind = (style, digits)
        prev = last.get(kind)
        if number is None:
            last.pop(kind, None)
            continue
        if prev is None or number != prev[0] + 1:
            last[kind] = (number, i)  # a list (re)starts here; or its first item was glued into a sentence
            continue
        for j in range(prev[1] + 1, i + 1):
            out[j] = True
        last[kind] = (number, i)
    return out


def restarts(texts: Sequence[str]) -> list[bool]:
    """Which sentences open a numbered list afresh: (一)…, 1、…, ① … (ordinal 1 below section level).

    Without headings, a list numbered from one again is where a new section
    most often begins (（一）公开的主要内容 after 4、强化监管…); the decoder
    charges less for moving on there.
    """
    out = []
    for text in texts:
        h = parse_heading(text[:40])
        out.append(h.ordinal == 1 and (h.level == 2 or h.style == "ar"))
    return out


def decode(
    logp: NDArray[np.float64],
    bounds: Sequence[tuple[int, int]],
    jump: float | Sequence[float] | NDArray[np.float64] = JUMP_PENALTY,
) -> list[int]:
    """The best labelling that never decreases and stays within ``bounds`` (Viterbi).

    ``jump`` is the log-price of moving on to a later section, one for all
    sentences or one per sentence (the price of moving on *at* that sentence).
    """
    import numpy as np

    n = logp.shape[0]
    if n == 0:
        return []
    jumps = np.broadcast_to(np.asarray(jump, dtype=np.float64), (n,))
    neg = -1e18
    score = np.full((n, N_LABELS), neg)
    back = np.zeros((n, N_LABELS), dtype=np.int64)
    lo, hi = bounds[0]
    score[0, lo : hi + 1] = logp[0, lo : hi + 1]
    for i in range(1, n):
        prev = score[i - 1]
        jump_i = float(jumps[i])
        # best predecessor for each label: the same label, or any earlier one with a jump
        best_prev = np.empty(N_LABELS)
        arg_prev = np.empty(N_LABELS, dtype=np.int64)
        run_max, run_arg = neg, 0
        for k in range(N_LABELS):
            stay = prev[k]
            if stay >= run_max + jump_i:
                best_prev[k], arg_prev[k] = stay, k
            else:
                best_prev[k], arg_prev[k] = run_max + jump_i, run_arg
            if prev[k] > run_max:
                run_max, run_arg = prev[k], k
        lo, hi = bounds[i]
        score[i, lo : hi + 1] = best_prev[lo : hi + 1] + logp[i, lo : hi + 1]
        back[i] = arg_prev
    labels = [int(np.argmax(score[-1]))]
    for i in range(n - 1, 0, -1):
        labels.append(int(back[i, labels[-1]]))
    return labels[::-1]


def decode_transitions(
    logp: NDArray[np.float64],
    bounds: Sequence[tuple[int, int]],
    transitions: NDArray[np.float64],
    bonus: Sequence[float] | NDArray[np.float64] | None = None,
    final: Sequence[float] | NDArray[np.float64] | None = None,
    at: Mapping[int, NDArray[np.float64]] | None = None,
) -> list[int]:
    """Like :func:`decode`, with a log-probability for every move ``a → b`` (``b ≥ a``).

    ``transitions[a, b]`` is how likely section ``a`` is followed by ``b`` in
    the training reports — skipping a section is rarer than moving to the next;
    ``bonus[i]`` is added to every move on *at* sentence ``i``; ``final[a]``
    to a labelling that ends in section ``a`` (ending early leaves sections out);
    ``at[i]`` replaces ``transitions`` for the moves at sentence ``i``.
    """
    import numpy as np

    n = logp.shape[0]
    if n == 0:
        return []
    neg = -1e18
    upper = np.triu(np.ones((N_LABELS, N_LABELS), dtype=bool))
    trans = np.where(upper, transitions, neg)
    onward = np.triu(np.ones((N_LABELS, N_LABELS)), k=1)
    # every sentence's moves at once (n × 7 × 7), and its log-probabilities with the labels out of its
    # bounds priced out, so the loop makes four NumPy calls a sentence
    moves = np.broadcast_to(trans, (n, N_LABELS, N_LABELS)).copy()
    if bonus is not None:
        moves += np.asarray(bonus, dtype=np.float64)[:, None, None] * onward
    for i, row in (at or {}).items():
        if 0 < i < n:
            moves[i] = np.where(upper, row, neg) + (bonus[i] * onward if bonus is not None else 0.0)
    lo_hi = np.asarray(bounds, dtype=np.int64).reshape(n, 2)
    labels_ = np.arange(N_LABELS)
    inside = (labels_ >= lo_hi[:, :1]) & (labels_ <= lo_hi[:, 1:])
    emit = np.where(inside, logp, neg)
    score = np.full((n, N_LABELS), neg)
    back = np.zeros((n, N_LABELS), dtype=np.int64)
    score[0] = emit[0]
    for i in range(1, n):
        tick()
        cand = score[i - 1][:, None] + moves[i]
        back[i] = cand.argmax(axis=0)
        score[i] = cand.max(axis=0) + emit[i]
    last = score[-1] + (np.asarray(final, dtype=np.float64) if final is not None else 0.0)
    labels = [int(np.argmax(last))]
    for i in range(n - 1, 0, -1):
        labels.append(int(back[i, labels[-1]]))
    return labels[::-1]


# -- topics --------------------------------------------------------------------------------

TOPICS: dict[int, tuple[str, ...]] = {
    0: ("标题", "前言"),
    1: ("概述", "主动公开", "依申请公开", "政府信息管理", "平台建设", "监督保障"),
    2: ("主动公开",),
    3: ("依申请公开",),
    4: ("复议诉讼",),
    5: ("问题", "改进"),
    6: ("收费", "人大建议政协提案", "工作要点落实", "其他"),
}
_HEADING_TOPIC = {1: "概述", 2: "主动公开", 3: "依申请公开", 4: "复议诉讼", 5: "问题", 6: "其他"}
_TOPIC_CUES: dict[int, tuple[tuple[str, re.Pattern[str]], ...]] = {
    1: (
        ("依申请公开", re.compile(r"依申请|收到.{0,6}申请|受理.{0,10}申请|申请.{0,4}(?:件|办结|答复)")),
        ("主动公开", re.compile(r"主动公开|发布.{0,10}信息|公开.{0,6}(?:信息|文件).{0,6}\d|政策解读|新闻发布")),
        (
            "政府信息管理",
            re.compile(r"信息管理|保密审查|公开属性|源头|审核|审查|清理|动态更新|目录|指南|标准化|规范化|发布机制"),
        ),
        ("平台建设", re.compile(r"平台|网站|新媒体|公众号|专栏|公报|政务服务网|公开栏")),
        (
            "监督保障",
            re.compile(r"监督|保障|考核|培训|评议|责任追究|督查|督导|领导小组|考评|工作机制|分管领导|专人|经费"),
        ),
    ),
    5: (
        ("改进", re.compile(r"改进|下一步|将(?:进一步|继续|持续|加强|着力|不断)|措施|加强|进一步")),
        ("问题", re.compile(r"问题|不足|有待|仍需|不够|差距|欠缺|薄弱|滞后")),
    ),
    6: (
        ("收费", re.compile(r"信息处理费|收费|收取.{0,6}费")),
        ("人大建议政协提案", re.compile(r"人大代表|政协委员|建议|提案")),
        ("工作要点落实", re.compile(r"工作要点|落实情况|年度.{0,6}任务")),
    ),
}
_SUBHEAD_TOPIC: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("依申请公开", re.compile(r"依申请|申请")),
    ("主动公开", re.compile(r"主动公开")),
    ("政府信息管理", re.compile(r"信息管理|管理")),
    ("平台建设", re.compile(r"平台")),
    ("监督保障", re.compile(r"监督|保障")),
    ("问题", re.compile(r"问题|不足")),
    ("改进", re.compile(r"改进|措施|下一步|计划")),
    ("收费", re.compile(r"收费|信息处理费")),
    ("人大建议政协提案", re.compile(r"建议|提案")),
)


def _cue_topic(section: int, text: str) -> str | None:
    for topic, rx in _TOPIC_CUES.get(section, ()):
        if rx.search(text):
            return topic
    return None


def assign_topics(
    texts: Sequence[str], labels: Sequence[int], heading_index: set[int], title_index: set[int] | None = None
) -> list[str]:
    """The topic of each sentence: from the sub-heading above it, else from its own words.

    A sub-heading is any numbered line inside a section that is not the
    section's own heading ((一)主要问题, 1、改进措施, 一是…); its topic holds until the
    next one.  A pre-2019 fee part placed in section 三 or 四 keeps the topic 收费.
    """
    topics: list[str] = []
    current_sub: str | None = None
    current_section = -1
    for i, (text, sec) in enumerate(zip(texts, labels, strict=True)):
        if sec != current_section:
            current_section, current_sub = sec, None
        if sec == 0:
            topics.append("标题" if title_index and i in title_index else "前言")
            continue
        if i in heading_index:
            topics.append(_HEADING_TOPIC[sec])
            continue
        if sec in (2, 3, 4):
            fee = sec != 2 and _cue_topic(6, text) == "收费"
            topics.append("收费" if fee else TOPICS[sec][0])
            continue
        h = parse_heading(text[:40])
        if h.level == 2:  # a sub-heading: its topic holds until the next one
            current_sub = next((t for t, rx in _SUBHEAD_TOPIC if t in TOPICS[sec] and rx.search(h.title[:20])), None)
            if current_sub is not None:
                topics.append(current_sub)
                continue
        if current_sub is not None:
            topics.append(current_sub)
            continue
        if sec == 5 and i and labels[i - 1] == 5 and topics[-1] == "改进":
            topics.append("改进")  # improvements follow the problems; they do not turn back
            continue
        default = "其他" if sec == 6 else TOPICS[sec][0]
        topics.append(_cue_topic(sec, text) or default)
    return topics


# -- the stage ------------------------------------------------------------------------------


@dataclass
class SectionResult:
    """What the sections stage found, before it is written into the Document."""

    labels: list[int]
    topics: list[str]
    about: list[int | None]
    confidence: list[float | None]
    headings: list[HeadingHit]
    report_score: float
    is_report: bool
    out_of_order: list[tuple[HeadingHit, HeadingHit]] = field(default_factory=list)
    duplicates: list[tuple[HeadingHit, HeadingHit]] = field(default_factory=list)
    classifier_confidence: float = 0.0
    #: why the source holds no report, when the reader could tell (a web page that is a list of links)
    reason: str | None = None


_REPORT_TERMS = re.compile(r"政府信息公开|政务公开|主动公开|依申请公开|信息处理费|行政复议|年度报告|公开申请")


def table_anchors(document: Document) -> list[tuple[int, int]]:
    """The source's marked-up tables (HTML, DOCX, PDF grids) as ``(index, section)``.

    ``index`` is the first sentence after the table (``len(sentences)`` at the
    end); ``section`` is what the table's opening rows say it is (表二 → 二,
    申请人情况 → 三, 行政复议 行政诉讼 → 四, :func:`table_section`).  A table
    that says nothing is left out.  Such tables are not sentences, so without
    them a section holding nothing but its table looks missing to the decoder.
    """
    sentences = document.sentences
    starts = [s.span.start for s in sentences]
    out = []
    for t in document.raw_tables:
        head = " ".join(" ".join(row) for row in t.texts()[:4])
        k = table_section(head)
        if k is not None:
            out.append((bisect.bisect_left(starts, t.end), k))
    return sorted(out)


def classify(
    texts: Sequence[str],
    layout: Sequence[Layout] | None = None,
    classifier: SectionClassifier | None = None,
    title_index: set[int] | None = None,
    tables: Sequence[tuple[int, int]] = (),
    template: str | None = None,
) -> SectionResult:
    """Sections, topics and evidence for a report given as its sentences.

    ``tables`` (:func:`table_anchors`) are decoded as sentences of their own,
    near-certain of their section, between the sentences around them;
    ``template`` is the report's (``meta.template``): in the 2019 and 2021
    templates sections 二–四 are tables, which a copy without any table has
    lost (:func:`_excuse_skips`).
    """
    import numpy as np

    n = len(texts)
    hits = find_headings(texts, layout)
    clf = classifier if classifier is not None else shipped_classifier()
    positions = [i / max(1, n - 1) for i in range(n)]
    proba = clf.predict_proba(texts, positions) if clf is not None and n else np.full((n, N_LABELS), 1.0 / N_LABELS)
    opens = [table_section(t) for t in texts]
    logp = np.log(np.clip(_table_evidence(opens, proba), 1e-9, 1.0))

    seen: dict[int, HeadingHit] = {}
    out_of_order: list[tuple[HeadingHit, HeadingHit]] = []
    duplicates: list[tuple[HeadingHit, HeadingHit]] = []
    monotone: list[HeadingHit] = []
    for hit in hits:
        if hit.section in seen:
            duplicates.append((seen[hit.section], hit))
            continue
        if monotone and hit.section < monotone[-1].section:
            out_of_order.append((monotone[-1], hit))
        seen[hit.section] = hit
        monotone.append(hit)

    if out_of_order:
        labels = _follow_headings(n, monotone)
    else:
        bounds = allowed_labels(n, monotone)
        no_tables = not tables and not any(opens)
        labels = _decode(clf, logp, bounds, jump_costs(texts, clf), tables, monotone, template, no_tables)

    about: list[int | None] = [int(k) for k in np.argmax(proba, axis=1)] if clf is not None else [None] * n
    confidence: list[float | None] = [float(proba[i, k]) if k is not None else None for i, k in enumerate(about)]
    hit_index = {h.index + j for h in monotone for j in range(h.sentences)}
    topics = assign_topics(texts, labels, hit_index, title_index)

    terms = sum(len(_REPORT_TERMS.findall(t)) for t in texts)
    chars = max(1, sum(len(t) for t in texts))
    density = min(1.0, terms / chars * 200)  # ~ one term per 200 characters counts as full
    distinct = len({lab for lab in labels if lab})
    report_score = round(min(1.0, 0.5 * len(seen) / 3 + 0.3 * density + 0.2 * distinct / 6), 3)
    # Whether this is a report at all is decided the same way for every format: only
    # headings found without the source's mark-up (bold, <h2>) count, as a text file would show them.
    plain: set[int] = set(seen)
    if any(lay.bold or lay.marked_heading for lay in layout or []):
        plain_layout = [Layout(lay.own_line) for lay in layout or []]
        plain = {h.section for h in find_headings(texts, plain_layout)}
    is_report = len(plain) >= 2 or (density >= 0.5 and distinct >= 3)
    # how sure the classifier is, on average, that sentences belong to sections 1-6
    clf_conf = float(proba[:, 1:].max(axis=1).mean()) if clf is not None and n else 0.0
    return SectionResult(
        labels, topics, about, confidence, hits, report_score, is_report, out_of_order, duplicates, round(clf_conf, 3)
    )


def _decode(
    clf: SectionClassifier | None,
    logp: NDArray[np.float64],
    bounds: Sequence[tuple[int, int]],
    jumps: Sequence[float],
    tables: Sequence[tuple[int, int]],
    headings: Sequence[HeadingHit],
    template: str | None,
    no_tables: bool,
) -> list[int]:
    """Each sentence's section: the Viterbi over the sentences and the tables between them.

    With a trained model's rates: moving on is cheaper where a list restarts,
    dearer inside a list and, in a report with headings, away from them; a
    section left out costs ``skip_logp`` (:func:`_excuse_skips` says when it
    does not), except where a heading says so (``skip_logp_at_heading``).
    """
    import numpy as np

    n = len(bounds)
    priced = clf is not None and "jump_logp" in clf.meta
    # a table is neither a list's restart nor a move inside a list: the model's plain price
    plain_price = float(clf.meta["jump_logp"]) if clf is not None and priced else None
    ext_logp, ext_bounds, ext_jumps, real = _with_tables(logp, bounds, jumps, tables, plain_price)
    trans = clf.meta.get("transitions") if clf is not None else None
    if clf is None or trans is None:
        decoded = decode(ext_logp, ext_bounds, ext_jumps)
        return [decoded[j] for j in real]
    meta = clf.meta
    plain = float(meta.get("jump_logp", JUMP_PENALTY))
    bonus = np.array(ext_jumps) - plain
    heading_rows = {real[h.index] for h in headings if h.index < n}
    if len(headings) >= 2 and "jump_logp_unheaded" in meta:
        # a report with headings moves on at its headings; elsewhere only on strong evidence
        unheaded = float(meta["jump_logp_unheaded"]) - plain
        bonus += np.array([0.0 if j in heading_rows else unheaded for j in range(len(bonus))])
    moves = np.array(trans, dtype=np.float64)
    final = np.array(meta.get("end_logp", np.zeros(N_LABELS)), dtype=np.float64)
    at: dict[int, NDArray[np.float64]] = {}
    skip = meta.get("skip_logp")
    if skip is not None:
        if template in ("2019", "2021") and no_tables:
            moves, final = _excuse_skips(moves, final, float(skip), _TABLE_SECTION.values())
        # a heading says which section comes next: the sections it passes over are missing
        # as often as the training reports' headings pass over absent ones
        into_heading = _excuse_skips(moves, final, float(skip), range(N_LABELS))[0]
        passed_over = np.maximum(0, np.arange(N_LABELS)[None, :] - np.arange(N_LABELS)[:, None] - 1)
        into_heading = into_heading + float(meta.get("skip_logp_at_heading", 0.0)) * passed_over
        at = dict.fromkeys(heading_rows, into_heading)
        if headings:  # where the headings stop, so may the report
            final = _excuse_skips(moves, final, float(skip), range(headings[-1].section + 1, N_LABELS))[1]
    decoded = decode_transitions(ext_logp, ext_bounds, moves, bonus, final, at)
    return [decoded[j] for j in real]


def _with_tables(
    logp: NDArray[np.float64],
    bounds: Sequence[tuple[int, int]],
    jumps: Sequence[float],
    tables: Sequence[tuple[int, int]],
    plain: float | None = None,
) -> tuple[NDArray[np.float64], list[tuple[int, int]], list[float], list[int]]:
    """The decoder's inputs with a row for each table inserted where it stands; and where the sentences went.

    A table row moves on at ``plain``, the price of a move that is neither a list's
    restart nor inside a list (the model's ``jump_logp``; else the cheapest of ``jumps``).
    """
    import numpy as np

    if not tables:
        return logp, list(bounds), list(jumps), list(range(len(bounds)))
    n = len(bounds)
    table_row = np.full(N_LABELS, math.log((1.0 - TABLE_CONFIDENCE) / (N_LABELS - 1)))
    rows: list[NDArray[np.float64]] = []
    ext_bounds: list[tuple[int, int]] = []
    ext_jumps: list[float] = []
    real: list[int] = []
    if plain is None:
        plain = min(jumps) if len(jumps) else JUMP_PENALTY  # a table is no restart of a list
    pending = sorted(tables)
    t = 0
    for i in range(n + 1):
        while t < len(pending) and pending[t][0] == i:
            k = pending[t][1]
            lo = bounds[i - 1][0] if i else 0
            hi = bounds[i][1] if i < n else N_LABELS - 1
            if lo <= k <= hi:
                row = table_row.copy()
                row[k] = math.log(TABLE_CONFIDENCE)
                rows.append(row)
                ext_bounds.append((lo, hi))
                ext_jumps.append(plain)
            t += 1
        if i < n:
            real.append(len(rows))
            rows.append(logp[i])
            ext_bounds.append(bounds[i])
            ext_jumps.append(jumps[i])
    return np.array(rows).reshape(len(rows), N_LABELS), ext_bounds, ext_jumps, real


def _excuse_skips(
    moves: NDArray[np.float64], final: NDArray[np.float64], skip: float, sections: Iterable[int]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """The decoder's moves and ends with leaving out any of ``sections`` no longer charged.

    In the 2019 and 2021 templates sections 二, 三 and 四 are tables and little
    else; a copy in which no table is seen at all (a scraper dropped them) has
    nothing left of those sections, so a report without them is what to expect,
    not the rare omission ``skip`` (the model's ``skip_logp``) prices.
    """
    free = set(sections)
    moves, final = moves.copy(), final.copy()
    for a in range(N_LABELS):
        for b in range(a + 2, N_LABELS):
            moves[a, b] -= skip * sum(1 for k in range(a + 1, b) if k in free)
        final[a] -= skip * sum(1 for k in range(a + 1, N_LABELS) if k in free)
    return moves, final


def _follow_headings(n: int, hits: Sequence[HeadingHit]) -> list[int]:
    labels = [0] * n
    ordered = sorted(hits, key=lambda h: h.index)
    for k, hit in enumerate(ordered):
        end = ordered[k + 1].index if k + 1 < len(ordered) else n
        for i in range(hit.index, end):
            labels[i] = hit.section
    return labels


def layout_of(document: Document) -> list[Layout]:
    """Per sentence: does it stand on its own line, is it bold or a marked-up heading in the source."""
    text = document.text
    blocks = document.extraction.blocks if document.extraction is not None else []
    marked = [(b.start, b.end, b.bold, b.kind == "heading") for b in blocks if b.bold or b.kind == "heading"]
    out = []
    for s in document.sentences:
        own = (s.start == 0 or text[s.start - 1] == "\n") and (s.end == len(text) or text[s.end] == "\n")
        bold = heading = False
        for a, b, is_bold, is_heading in marked:
            if a <= s.span.start < b:
                bold, heading = is_bold, is_heading
                break
        out.append(Layout(own, bold, heading))
    return out


_LETTER = re.compile(r"^关于.{2,80}的(?:复)?函$")


def _letter(document: Document) -> str | None:
    """A letter (关于…的函) is not a report, though it may answer under the report's headings."""
    first = next((line.strip() for line in document.text.split("\n", 5)[:5] if line.strip()), "")
    for title in (document.meta.title or "", first):
        if _LETTER.match(title) and not re.search(r"年度报告|年报|工作报告", title):
            return f"the document is a letter ({title[:40]}), not a report"
    return None


def apply(document: Document, classifier: SectionClassifier | None = None) -> Document:
    """The sections stage: set every sentence's section, topic and ``about``, and ``document.sections``."""
    from .model import Section, Sentence

    sentences = document.sentences
    texts = [s.text for s in sentences]
    title = document.meta.title or ""
    title_index = {i for i, s in enumerate(sentences[:6]) if len(s.text) >= 4 and s.text in title}
    result = classify(
        texts, layout_of(document), classifier, title_index, table_anchors(document), document.meta.template
    )
    reason = document.extraction.no_report if document.extraction is not None else None
    if reason and result.is_report and len({h.section for h in result.headings}) >= 4:
        reason = None  # a short page that still prints most section headings is a (short) report
    reason = reason or _letter(document)
    if reason:
        result.is_report, result.reason = False, reason
    labels = result.labels if result.is_report else [0] * len(sentences)
    document.sentences = [  # built directly: dataclasses.replace was a tenth of this stage
        Sentence(s.index, s.text, s.start, s.end, s.span, lab, top, ab, conf)
        for s, lab, top, ab, conf in zip(sentences, labels, result.topics, result.about, result.confidence, strict=True)
    ]
    document.structure = result
    heading_of: dict[int, HeadingHit] = {}
    for h in result.headings:
        heading_of.setdefault(h.section, h)
    tables = document.raw_tables
    sections = []
    for k in range(1, 7):
        members = [i for i, lab in enumerate(labels) if lab == k]
        hit = heading_of.get(k) if result.is_report else None
        if not members:
            sections.append(Section(k, TITLES[k], False, False))
            continue
        first, last = members[0], members[-1]
        heading_rows = set(range(hit.index, hit.index + hit.sentences)) if hit else set()
        content = [i for i in members if i not in heading_rows]
        # a table marked up in the source (HTML, DOCX) is content too, though not sentences
        end_offset = sentences[last + 1].span.start if last + 1 < len(sentences) else None
        has_table = any(
            t.start >= sentences[first].span.end and (end_offset is None or t.start < end_offset) for t in tables
        )
        empty = hit is not None and not content and not has_table
        span = document.span(sentences[first].start, sentences[last].end)
        heading = " ".join(texts[i] for i in sorted(heading_rows)) if hit else None
        sections.append(Section(k, TITLES[k], True, empty, span, heading, (first, last)))
    document.sections = sections
    return document


# -- spaCy ---------------------------------------------------------------------------------


def _ensure_extensions() -> None:
    from spacy.tokens import Doc, Span

    for name in ("section", "topic", "about"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    if not Doc.has_extension("govtext_sections"):
        Doc.set_extension("govtext_sections", default=None)


class SectionsComponent:
    """spaCy component ``govtext_sections``: sets ``span._.section``, ``._.topic``, ``._.about`` on ``doc.sents``.

    Needs sentence boundaries (``govtext_sentences`` or any sentencizer) before it;
    ``doc._.govtext_sections`` keeps the whole :class:`SectionResult`.
    """

    def __init__(self, classifier: SectionClassifier | None = None) -> None:
        _ensure_extensions()
        self.classifier = classifier

    def __call__(self, doc: Any) -> Any:
        sents = list(doc.sents)
        texts = [s.text.strip() for s in sents]
        text = doc.text
        layout = [
            Layout(
                own_line=(s.start_char == 0 or text[s.start_char - 1] == "\n")
                and (s.end_char >= len(text) or text[s.end_char] == "\n" or s.text.endswith("\n"))
            )
            for s in sents
        ]
        result = classify(texts, layout, self.classifier)
        for span, lab, top, ab in zip(sents, result.labels, result.topics, result.about, strict=True):
            span._.section, span._.topic, span._.about = lab, top, ab
        doc._.govtext_sections = result
        return doc


__all__ = [
    "N_LABELS",
    "TOPICS",
    "HeadingHit",
    "Layout",
    "SectionClassifier",
    "SectionResult",
    "SectionsComponent",
    "allowed_labels",
    "apply",
    "assign_topics",
    "classify",
    "decode",
    "decode_transitions",
    "features",
    "find_headings",
    "in_list",
    "jump_costs",
    "layout_of",
    "restarts",
    "shipped_classifier",
    "table_anchors",
    "table_section",
]
