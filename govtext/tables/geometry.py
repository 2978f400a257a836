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
            bbox: tuple[float, float, float, float] | None = None
            for i in range(cell.span.start, cell.span.end):
                b = boxes.get(i)
                if b is None or not (b[2] > b[0] or b[3] > b[1]):
                    continue  # no box, or a box of no size
                if bbox is None:
                    bbox = b
                else:
                    bbox = (min(bbox[0], b[0]), min(bbox[1], b[1]), max(bbox[2], b[2]), max(bbox[3], b[3]))
            if bbox is not None:
                table.put(cell.evolve(bbox=bbox))
