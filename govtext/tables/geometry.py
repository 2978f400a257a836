"""Boxes of PDF table cells.

The PDF reader records the box of every digit and decimal point while it reads
each page's text layer (:attr:`~govtext.io.base.Extraction.char_boxes`), so a
cell's box is the union of the boxes of the characters its span covers — no
second pass over the file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..io.base import Extraction
    from .model import Table


def add_boxes(extraction: Extraction, tables: dict[str, Table | None]) -> None:
    """Set ``bbox`` (x0, top, x1, bottom in points from the page's top left) on every PDF cell with a span."""
    boxes = extraction.char_boxes
    if not boxes:
        return
    for table in tables.values():
        if table is None:
            continue
        for cell in list(table.cells.values()):
            if cell.span is None or cell.bbox is not None:
                continue  # no span, or the box of a cell read from ruling lines
            found = [boxes[i] for i in range(cell.span.start, cell.span.end) if i in boxes]
            found = [b for b in found if b[2] > b[0] or b[3] > b[1]]
            if not found:
                continue
            bbox = (
                min(b[0] for b in found),
                min(b[1] for b in found),
                max(b[2] for b in found),
                max(b[3] for b in found),
            )
            table.put(cell.evolve(bbox=bbox))
