"""Boxes of PDF table cells, from pypdfium2's character boxes.

The text layer the reader extracted is pypdfium2's, page by page, one character
of ``Extraction.text`` per character of the page's text page, so a cell's span
(offsets in ``Extraction.text``) gives its characters' indices on its page and
their boxes give the cell's box.  Only the pages holding table cells are opened
again, and only their character boxes are read (no second text extraction).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..io.base import Extraction
    from .model import Table


def add_boxes(extraction: Extraction, tables: dict[str, Table | None]) -> None:
    """Set ``bbox`` (x0, top, x1, bottom in points from the page's top left) on every PDF cell with a span."""
    if extraction.pdf_bytes is None or extraction.page_starts is None:
        return
    by_page: dict[int, list[tuple[Table, tuple[str, str]]]] = defaultdict(list)
    for table in tables.values():
        if table is None:
            continue
        for key, cell in table.cells.items():
            if cell.span is not None and cell.span.page is not None:
                by_page[cell.span.page].append((table, key))
    if not by_page:
        return
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(extraction.pdf_bytes)
    try:
        for page_no, items in by_page.items():
            page = pdf[page_no - 1]
            textpage = page.get_textpage()
            height = page.get_height()
            n = textpage.count_chars()
            base = extraction.page_starts[page_no - 1]
            for table, key in items:
                cell = table.cells[key]
                assert cell.span is not None
                a, b = cell.span.start - base, cell.span.end - base
                boxes = [textpage.get_charbox(i) for i in range(max(0, a), min(b, n))]
                boxes = [bx for bx in boxes if bx[2] > bx[0] or bx[3] > bx[1]]
                if not boxes:
                    continue
                x0 = min(bx[0] for bx in boxes)
                x1 = max(bx[2] for bx in boxes)
                top = height - max(bx[3] for bx in boxes)
                bottom = height - min(bx[1] for bx in boxes)
                table.cells[key] = replace(cell, bbox=(x0, top, x1, bottom))
            textpage.close()
            page.close()
    finally:
        pdf.close()
