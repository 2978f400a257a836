"""Which cells of a marked-up row are the table's columns: by the header the table prints, and by the identities.

Converters and CMS exports do not keep a table's grid tidy: a Markdown row may end (or
start) with an empty pipe cell, a header may be padded differently from its data rows, a
row may hold more cells than the table has columns, table 3 may be printed with three
columns only (自然人 / 法人或其他组织 / 总计).  Taking a row's cells from a fixed side reads
such rows wrongly, and a misread row turns a consistent report into false identity errors.

A row is read here by trying every placement of the table's columns among the row's cells
that leaves nothing but empty cells outside it — the positions the header's column labels
give (shifted by up to two cells), and every contiguous window — ranked: first no identity
fails (table 3's row sum, table 4's group sums), then the header's own positions unshifted,
then the identities hold (a window that merely adds up, 0 + 0 = 0, does not beat the
header), then the smallest shift.  Two placements ranked alike that read different numbers
decide nothing, nor does a row where no placement leaves only empty cells outside: such a
row is read as before (and reported where it cannot be read).

Header rows are recognised by their text (two or more column labels and no digit) so a header
row is never taken for a data row (``商业企业 … 其他`` is not the row 3.其他).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .labels import norm_label

#: the column labels of each table's header, as norm_label prints them
T3_COLUMN_LABELS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
T3_SIMPLE_LABELS = ("自然人", "法人或其他组织", "总计")
T4_COLUMN_LABELS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
_T2_HEADER_WORDS = ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "处理决定数量",
                    "本年收费金额", "本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增减",
                    "采购项目数量", "采购总金额")  # fmt: skip
_HEADER_WORDS = tuple(
    sorted(
        {
            *T3_COLUMN_LABELS,
            *T3_SIMPLE_LABELS,
            "申请人情况",
            *T4_COLUMN_LABELS,
            "行政复议",
            "行政诉讼",
            "未经复议直接起诉",
            "复议后起诉",
            *_T2_HEADER_WORDS,
        },
        key=len,
        reverse=True,
    )
)
_DIGIT = re.compile(r"[0-9０-９]")


def header_words(texts: Sequence[str]) -> int:
    """How many distinct column labels the cells print (the longest first: 其他结果 is not 其他)."""
    text = "|".join(norm_label(t) for t in texts)
    n = 0
    for w in _HEADER_WORDS:
        if w in text:
            n += 1
            text = text.replace(w, "|")
    return n


def is_header_row(texts: Sequence[str]) -> bool:
    """A header row: no digit anywhere, and at least two column labels."""
    return not any(_DIGIT.search(t) for t in texts) and header_words(texts) >= 2


def column_map(header_rows: Sequence[Sequence[tuple[int, str]]]) -> dict[int, str]:
    """Grid position -> column label, the lowest header row that prints a label at a position winning."""
    out: dict[int, str] = {}
    for row in reversed(header_rows):
        for pos, text in row:
            label = norm_label(text)
            if pos not in out and label in _HEADER_WORDS:
                out[pos] = label
    return out


def positions(rows: Sequence[Sequence[tuple[int, int]]]) -> list[list[int]]:
    """The grid column of every cell, given each cell's (rowspan, colspan): cells merged down from the rows
    above take their columns."""
    from ..io.base import MAX_COLSPAN, MAX_ROWSPAN
    from ..limits import tick

    out: list[list[int]] = []
    held: dict[int, int] = {}  # column -> rows it is still held by a cell merged down from above
    for row in rows:
        tick(max(1, len(held)))
        pos: list[int] = []
        c = 0
        new: dict[int, int] = {}
        for rowspan, colspan in row:
            while held.get(c, 0) > 0:
                c += 1
            pos.append(c)
            width = max(1, min(colspan, MAX_COLSPAN))
            if rowspan > 1:
                down = min(rowspan, MAX_ROWSPAN) - 1
                for j in range(c, c + width):
                    new[j] = down
            c += width
        held = {j: n - 1 for j, n in held.items() if n - 1 > 0}
        held.update(new)
        out.append(pos)
    return out


@dataclass(frozen=True)
class Fit:
    """Where a row's values are: indices into the row's cells (``None`` for a column the table does not print)."""

    index: tuple[int | None, ...]
    simplified: int | None = None  # table 3 with three columns: the index of the 法人或其他组织 cell


def _header_columns(columns: dict[int, str], name: str) -> list[tuple[list[int | None], int | None]]:
    """The column positions the header gives for table ``name`` (with the simplified table 3's organisation cell)."""
    by_label: dict[str, list[int]] = {}
    for pos in sorted(columns):
        by_label.setdefault(columns[pos], []).append(pos)
    if name == "t3":
        if all(lab in by_label for lab in T3_COLUMN_LABELS):
            return [([by_label[lab][0] for lab in T3_COLUMN_LABELS], None)]
        if all(lab in by_label for lab in T3_SIMPLE_LABELS) and "商业企业" not in by_label:
            nat, org, tot = (by_label[lab][0] for lab in T3_SIMPLE_LABELS)
            return [([nat, None, None, None, None, None, tot], org)]
    if name == "t4":
        t4_pos = sorted(p for p, lab in columns.items() if lab in T4_COLUMN_LABELS)
        if len(t4_pos) == 15 and all(columns[p] == T4_COLUMN_LABELS[i % 5] for i, p in enumerate(t4_pos)):
            t4_cols: list[int | None] = list(t4_pos)
            return [(t4_cols, None)]
    return []


def fit(
    texts: Sequence[str],
    pos: Sequence[int],
    first_value: int,
    columns: dict[int, str],
    name: str,
    value_of: object,
) -> Fit | None:
    """The placement of table ``name``'s columns among a row's cells, or None when no placement is clean.

    ``texts``/``pos``: the row's cells and their grid columns; ``first_value``: the index of the first cell
    after the row's label; ``value_of``: ``parse_value``.
    """
    ncol = {"t3": 7, "t4": 15}[name]
    n = len(texts)
    value_idx = range(first_value, n)
    # ranked: no identity fails; the header's own positions; the identities hold; the smallest shift
    options: list[tuple[tuple[bool, bool, int, int], Fit]] = []

    filled = [i for i in value_idx if texts[i].strip()]  # the cells a placement must all take

    def clean(idx: Sequence[int | None], extra: int | None) -> bool:
        used = {i for i in idx if i is not None} | ({extra} if extra is not None else set())
        return all(i in used for i in filled)

    for cols, org in _header_columns(columns, name):
        for shift in (0, -1, 1, -2, 2):
            where = {p: i for i, p in enumerate(pos)}
            idx = [None if p is None else where.get(p + shift) for p in cols]
            org_i = None if org is None else where.get(org + shift)
            wanted = [p for p in cols if p is not None] + ([org] if org is not None else [])
            got = [i for i in idx if i is not None] + ([org_i] if org_i is not None else [])
            if len(got) != len(wanted) or min(got) < first_value or not clean(idx, org_i):
                continue
            f = Fit(tuple(idx), org_i)
            ident = _identity(texts, f, name, value_of)
            options.append(((ident > 0, shift == 0, ident, -abs(shift)), f))
    # a run of ncol cells is clean when every filled cell lies inside it: only the starts from
    # (last filled - ncol + 1) to (first filled) can be, so a row of 20 000 cells is not tried 20 000 times
    lo = max(first_value, filled[-1] - ncol + 1) if filled else first_value
    hi = min(n - ncol, filled[0]) if filled else n - ncol
    for start in range(lo, hi + 1):
        idx = list(range(start, start + ncol))
        if clean(idx, None):
            f = Fit(tuple(idx))
            ident = _identity(texts, f, name, value_of)
            options.append(((ident > 0, False, ident, -3), f))
    if not options:
        return None
    options.sort(key=lambda o: o[0], reverse=True)
    best_score, best = options[0]
    # two placements as good as each other that read different numbers: nothing is decided here
    for score, other in options[1:]:
        if score != best_score:
            break
        if _values(texts, other, value_of) != _values(texts, best, value_of):
            return None
    return best


def _values(texts: Sequence[str], f: Fit, value_of: object) -> tuple:
    return tuple(None if i is None else value_of(texts[i])[0] for i in f.index)  # type: ignore[operator]


def _identity(texts: Sequence[str], f: Fit, name: str, value_of: object) -> int:
    """2 when the row's identities hold, 1 when they cannot be checked, 0 when one fails."""
    vals = _values(texts, f, value_of)
    if name == "t3":
        parts = list(vals[:-1])
        if f.simplified is not None:
            parts = [vals[0], value_of(texts[f.simplified])[0]]  # type: ignore[operator]
        total = vals[-1]
        if total is None:
            return 1
        return 2 if sum(v or 0 for v in parts) == total else 0
    groups = [vals[g * 5 : g * 5 + 5] for g in range(3)]
    score = 2
    for grp in groups:
        if grp[4] is None:
            if any(grp[:4]):
                score = min(score, 1)
            continue
        if sum(v or 0 for v in grp[:4]) != grp[4]:
            return 0
    return score
