"""Ruled tables of a PDF read from their geometry: the grid a word processor drew.

Word, WPS and LibreOffice draw a table's ruling lines.  pdfplumber's table finder
(lines strategy) turns those lines into cells; every character of pypdfium2's
text layer — the text govtext reads, so that every offset is an offset of
:attr:`~govtext.io.base.Extraction.text` — is then put into the cell its box lies
in.  A cell's text is all its characters, line by line: a number wrapped inside a
narrow cell (``32`` over ``7``) reads ``327``, a label wrapped over three lines
is one label, a vertical label printed one character per line is one word.

A table that runs over a page break comes out as one table: the part on the next
page continues it when nothing but page furniture (a page number) stands between
them and both have the same left and right edges.  Header rows printed again on
the continuation are dropped, and a row cut by the break (part of its label on
each page) is joined again.

This is slow next to the text layer (pdfplumber parses every page object), so the
tables stage asks for it only where the text layer leaves a table uncertain, and
only for the pages it names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any

from .base import Bbox, Cell, Extraction, RawTable
from .grid import GridCell, continues_cut_row, only_furniture, opens_row_default, repeated_header_rows

#: Two edges closer than this (points) are the same grid line.
_SNAP = 2.0


@dataclass
class _Char:
    page: int
    offset: int
    ch: str
    box: Bbox  # the font's box (loose): the same height for every character of a line
    tight: Bbox  # the glyph's own box


def _text(cell: GridCell) -> str:
    return _join_lines(cell.chars)


@dataclass
class _PageTable:
    page: int  # 0-based
    box: Bbox
    cells: list[GridCell]
    nrows: int

    def row_text(self, r: int) -> list[str]:
        return [_text(c) for c in sorted(self.cells, key=lambda c: c.c0) if c.r0 == r]


def ruled_tables(
    extraction: Extraction, pages: Iterable[int] | None = None, opens_row: Callable[[str], bool] | None = None
) -> list[RawTable]:
    """The ruled tables on ``pages`` (0-based; default all) as :class:`RawTable` grids in ``extraction.text``.

    Every cell keeps its merged extent (``rowspan``/``colspan``), its text (all its
    characters joined, line after line), the offsets of its first and last
    character in ``extraction.text`` and its box (``Cell.bbox``).  A page whose
    text layer cannot be mapped to ``extraction.text`` character by character is
    skipped.  ``opens_row(label)`` says whether the first row after a page break opens a
    row of its own (default: its label starts with an ordinal) rather than continuing
    the row the break cut.
    """
    if extraction.pdf_bytes is None or extraction.page_starts is None:
        return []
    wanted = sorted(set(range(len(extraction.page_starts)) if pages is None else pages))
    found: list[_PageTable] = []
    pdf = extraction.pdfium()  # the reader's document: the file is not parsed again
    with extraction.pdfplumber() as plumber:
        for p in wanted:
            if not 0 <= p < len(plumber.pages):
                continue
            chars = _page_chars(pdf, p, extraction)
            if chars is None:
                continue
            page = plumber.pages[p]
            for table in page.find_tables():
                pt = _page_table(p, table, chars)
                if pt is not None:
                    found.append(pt)
        tables = _join_pages(found, extraction, pdf)
    return [t for t in (_raw_table(t, opens_row or opens_row_default) for t in tables) if t is not None]


def _page_chars(pdf: Any, p: int, extraction: Extraction) -> list[_Char] | None:
    """Every visible character of page ``p`` with its offset in ``extraction.text`` and its box."""
    page = pdf[p]
    try:
        textpage = page.get_textpage()
        height = page.get_height()
        n = textpage.count_chars()
        base = extraction.page_starts[p]  # type: ignore[index]
        text = textpage.get_text_range()
        if len(text) != n or "\x00" in text or extraction.text[base : base + n] != text.replace("\f", "\n"):
            return None
        out = []
        for i, ch in enumerate(text):
            if ch.isspace():
                continue
            left, bottom, right, top = textpage.get_charbox(i, loose=True)
            tl, tb, tr, tt = textpage.get_charbox(i)
            out.append(
                _Char(p, base + i, ch, (left, height - top, right, height - bottom), (tl, height - tt, tr, height - tb))
            )
        textpage.close()
        return out
    finally:
        page.close()


def _snap(values: Iterable[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _SNAP:
            out.append(v)
    return out


def _index(edges: list[float], v: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - v))


def _page_table(p: int, table: Any, chars: list[_Char]) -> _PageTable | None:
    boxes = [tuple(c) for c in table.cells if c is not None]
    if len(boxes) < 2:
        return None
    xs = _snap([b[0] for b in boxes] + [b[2] for b in boxes])
    ys = _snap([b[1] for b in boxes] + [b[3] for b in boxes])
    cells = []
    for b in boxes:
        c0, c1, r0, r1 = _index(xs, b[0]), _index(xs, b[2]), _index(ys, b[1]), _index(ys, b[3])
        if c1 > c0 and r1 > r0:
            cells.append(GridCell(r0, r1, c0, c1, b))
    for ch in chars:
        cx, cy = (ch.box[0] + ch.box[2]) / 2, (ch.box[1] + ch.box[3]) / 2
        for cell in cells:
            x0, top, x1, bottom = cell.box
            if x0 <= cx <= x1 and top <= cy <= bottom:
                cell.chars.append(ch)
                break
    if not cells:
        return None
    return _PageTable(p, tuple(table.bbox), cells, len(ys) - 1)


def _join_lines(chars: list[_Char]) -> str:
    """The characters of a cell, line by line from the top, each line from the left."""
    lines: list[list[_Char]] = []
    for ch in sorted(chars, key=lambda c: (c.page, (c.box[1] + c.box[3]) / 2)):
        cy = (ch.box[1] + ch.box[3]) / 2
        if lines and lines[-1][0].page == ch.page:
            last = lines[-1]
            top = min(c.box[1] for c in last)
            bottom = max(c.box[3] for c in last)
            if top <= cy <= bottom:
                last.append(ch)
                continue
        lines.append([ch])
    return "".join(c.ch for line in lines for c in sorted(line, key=lambda c: c.box[0]))


def _join_pages(found: list[_PageTable], extraction: Extraction, pdf: Any) -> list[list[_PageTable]]:
    """Group the page tables into tables: a part at the top of the next page may continue the last one."""
    groups: list[list[_PageTable]] = []
    for t in found:
        if groups:
            prev = groups[-1][-1]
            same_page_after = [u for u in found if u.page == prev.page and u.box[1] > prev.box[1]]
            before_on_page = [u for u in found if u.page == t.page and u.box[1] < t.box[1]]
            if (
                t.page == prev.page + 1
                and not same_page_after
                and not before_on_page
                and abs(t.box[0] - prev.box[0]) <= _SNAP
                and abs(t.box[2] - prev.box[2]) <= _SNAP
                and _only_furniture_between(prev, t, extraction, pdf)
            ):
                groups[-1].append(t)
                continue
        groups.append([t])
    return groups


def _only_furniture_between(a: _PageTable, b: _PageTable, extraction: Extraction, pdf: Any) -> bool:
    """Nothing but page numbers below ``a`` on its page and above ``b`` on the next."""
    below = [c.ch for c in _page_chars(pdf, a.page, extraction) or [] if c.box[1] >= a.box[3] - 1]
    above = [c.ch for c in _page_chars(pdf, b.page, extraction) or [] if c.box[3] <= b.box[1] + 1]
    return only_furniture("".join(below) + "".join(above))


def _raw_table(parts: list[_PageTable], opens_row: Callable[[str], bool]) -> RawTable | None:
    """One table from its page parts: repeated header rows dropped, a row cut by a page break joined."""
    # one set of column edges for all parts (a part may not use every vertical line)
    xs = _snap([c.box[0] for p in parts for c in p.cells] + [c.box[2] for p in parts for c in p.cells])
    rows: list[list[GridCell]] = []
    first = parts[0]
    offset = 0
    for k, part in enumerate(parts):
        cells = [
            GridCell(c.r0, c.r1, _index(xs, c.box[0]), _index(xs, c.box[2]), c.box, list(c.chars)) for c in part.cells
        ]
        cells = [c for c in cells if c.c1 > c.c0]
        if k:
            # header rows printed again on the continuation page
            done = [c for row in rows for c in row]
            skip = repeated_header_rows(partial(_row_texts, done), partial(_row_texts, cells), part.nrows)
            if skip:
                cells = [c for c in cells if c.r0 >= skip]
                for c in cells:
                    c.r0 -= skip
                    c.r1 -= skip
            joined = _cut_row(rows, offset - 1, cells, opens_row)
            if joined:
                cells = [c for c in cells if id(c) not in joined]
                if not any(c.r0 == 0 and c.r1 == 1 for c in cells):  # the whole row was the cut row's rest
                    for c in cells:
                        c.r0 = max(0, c.r0 - 1)
                        c.r1 -= 1
                    cells = [c for c in cells if c.r1 > c.r0]
        n = max((c.r1 for c in cells), default=0)
        for c in cells:
            c.r0 += offset
            c.r1 += offset
        while len(rows) < offset + n:
            rows.append([])
        for c in cells:
            rows[c.r0].append(c)
        offset += n
    all_chars = [ch for row in rows for c in row for ch in c.chars]
    if not all_chars:
        return None
    start = min(ch.offset for ch in all_chars)
    end = max(ch.offset for ch in all_chars) + 1
    out_rows = []
    pos = start
    for row in rows:
        if not any(c.chars for c in row) and max((c.box[3] - c.box[1] for c in row if c.r1 - c.r0 == 1), default=0) < 6:
            continue  # a sliver between two ruling lines, not a row printed blank
        out: list[Cell] = []
        for c in sorted(row, key=lambda c: c.c0):
            if c.chars:
                a = min(ch.offset for ch in c.chars)
                b = max(ch.offset for ch in c.chars) + 1
                on_page = [ch.tight for ch in c.chars if ch.page == c.chars[0].page]
                box: Bbox | None = (
                    min(bx[0] for bx in on_page),
                    min(bx[1] for bx in on_page),
                    max(bx[2] for bx in on_page),
                    max(bx[3] for bx in on_page),
                )
                pos = b
            else:
                a = b = pos
                box = None
            out.append(Cell(_text(c), a, b, c.r1 - c.r0, c.c1 - c.c0, bbox=box))
        out_rows.append(tuple(out))
    return RawTable(tuple(out_rows), start, end, page=first.page + 1)


def _row_texts(cells: list[GridCell], r: int) -> list[tuple[int, int, str]]:
    return sorted((c.c0, c.c1, _text(c)) for c in cells if c.r0 == r)


def _cut_row(
    rows: list[list[GridCell]], last: int, cells: list[GridCell], opens_row: Callable[[str], bool]
) -> set[int]:
    """Join the first row of a continuation to the last row before the break where it is that row's rest
    (:func:`~govtext.io.grid.continues_cut_row`).

    Its one-row cells' characters go to the cells of the same columns that reach the
    bottom of the part before the break; a cell with no such cell above (the sub-headers
    under a cut header cell) stays where it is.  Returns the ids of the cells joined.
    """
    if last < 0:
        return set()
    head = sorted((c for c in cells if c.r0 == 0 and c.r1 == 1), key=lambda c: c.c0)
    above = [c for row in rows for c in row if c.r1 == last + 1]
    pairs = [(c, next((u for u in above if u.c0 == c.c0 and u.c1 == c.c1), None)) for c in head]
    texts = [_text(c) for c in head]
    if not continues_cut_row(texts, [None if u is None else _text(u) for _, u in pairs], opens_row):
        return set()
    if not any(texts):
        return {id(c) for c in head}  # the empty rest of a row cut by the break
    joined = set()
    for c, target in pairs:
        if target is not None:
            target.chars.extend(c.chars)
            joined.add(id(c))
    return joined
