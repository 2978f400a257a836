"""Ruled tables, however their ruling lines were found: one grid cell and one way to join a table's page parts.

Two readers find ruled tables by their lines: :mod:`govtext.io.pdfgrid` from the
edges pdfplumber finds on a PDF page, :mod:`govtext.io.ocr` from the strokes of a
scanned page.  Both build :class:`GridCell` s (a cell's place in the grid, its box,
the characters that fall inside it), and both join a table that runs over a page
break the same way, by the decisions here:

* **header rows printed again** on the continuation page are dropped
  (:func:`repeated_header_rows`);
* **a row the break cut** (part of its label on each page, or a number wrapped in
  its cell cut in two) is joined to the row above the break
  (:func:`continues_cut_row`);
* only **page furniture** (a page number) may stand between the two parts
  (:data:`FURNITURE`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .base import Bbox

#: What may stand between two parts of one table across a page break (page numbers).
FURNITURE = re.compile(r"[\s\d\-—–－第页共/／.·]*")
#: A label that opens a row of its own (an ordinal), not the rest of a row cut by a page break.
_ROW_START = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+\s*[.、．])")
_NUMBER = re.compile(r"[\d,.，\-—－/／]+")
#: At most this many header rows are printed again at the top of a continuation.
MAX_REPEATED_HEADER = 3


@dataclass
class GridCell:
    """A cell of a ruled grid: rows ``r0``–``r1`` and columns ``c0``–``c1`` (ends excluded), its box, its characters.

    ``chars`` are the reader's own character objects (a PDF's with page, offset and
    boxes; a scan's with a confidence); ``ink`` (scans only) says the cell holds a mark
    no character was read from, so it is not a certain blank.
    """

    r0: int
    r1: int
    c0: int
    c1: int
    box: Bbox
    chars: list[Any] = field(default_factory=list)
    ink: bool = False


def opens_row_default(label: str) -> bool:
    """Whether a label opens a row of its own: it starts with an ordinal (一、 （三） 2.)."""
    return _ROW_START.match(label) is not None


def is_number(text: str) -> bool:
    """Whether a cell prints a number (or the dash of a blank), not a label."""
    return bool(text) and _NUMBER.fullmatch(text) is not None


def only_furniture(text: str) -> bool:
    """Whether ``text`` (what stands below a part and above the next) is page furniture only."""
    return FURNITURE.fullmatch(text) is not None


RowTexts = Callable[[int], Sequence[tuple[int, int, str]]]


def repeated_header_rows(before: RowTexts, part: RowTexts, nrows: int) -> int:
    """How many of a continuation's first rows repeat the table's first rows (its header printed again).

    ``before(r)`` and ``part(r)`` give row ``r``'s cells as ``(c0, c1, text)``, left to
    right, of the table so far and of the continuation (``nrows`` rows); one row at
    least is kept, and at most :data:`MAX_REPEATED_HEADER` are dropped.
    """
    skip = 0
    while skip < min(MAX_REPEATED_HEADER, nrows - 1) and part(skip) and part(skip) == before(skip):
        skip += 1
    return skip


def continues_cut_row(head: Sequence[str], above: Sequence[str | None], opens_row: Callable[[str], bool]) -> bool:
    """Whether a continuation's first row is the rest of the row the page break cut.

    ``head`` are the texts of its one-row cells, left to right; ``above[i]`` the text of
    the cell of the same columns at the bottom of the part before the break (``None``
    where there is none).  It is the rest of that row when it is empty, or when none of
    its labels opens a row of its own (``opens_row``: an ordinal, a known label) and not
    every number stands on both sides of the break (a number wrapped in its cell may be
    cut: ``88`` before the break, ``1`` after).  A row with no label whose numbers all
    stand on both sides is a row of its own.
    """
    if not head:
        return False
    if not any(head):
        return True  # the empty rest of a row cut by the break
    labels = [t for t in head if t and not is_number(t)]
    if any(opens_row(t) for t in labels):
        return False  # checked cell by cell: the rest of a cut group label may stand before it (供 3.补正后…)
    numbers = [(t, u) for t, u in zip(head, above, strict=True) if u is not None and (is_number(t) or is_number(u))]
    return bool(labels) or (bool(numbers) and not all(a and b for a, b in numbers))
