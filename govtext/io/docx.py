"""DOCX with python-docx: paragraphs and tables in body order.

Each body paragraph becomes one line of the extracted text; each table row one
line of tab-separated cells, and the table is kept as a
:class:`~govtext.io.base.RawTable`.  A paragraph whose every run is bold, or
that has a heading style, is marked ``bold`` in its :class:`~govtext.io.base.Block`:
in Word reports that is often the only sign of a section heading.
"""

from __future__ import annotations

import zipfile
from io import BytesIO
from typing import Any

from ..errors import CorruptFileError, EmptyDocumentError
from .base import Block, Cell, Extraction, RawTable


def _is_bold(paragraph: Any) -> bool:
    runs = [r for r in paragraph.runs if r.text.strip()]
    if not runs:
        return False
    if all(r.bold for r in runs):
        return True
    style = paragraph.style
    while style is not None:
        if style.font is not None and style.font.bold:
            return all(r.bold is not False for r in runs)
        style = style.base_style
    return False


def _heading_level(paragraph: Any) -> int | None:
    name = (paragraph.style.name or "") if paragraph.style is not None else ""
    for prefix in ("Heading", "heading", "标题"):
        if name.startswith(prefix):
            rest = name[len(prefix) :].strip()
            return int(rest) if rest.isdigit() else 1
    if name == "Title":
        return 0
    return None


def read_docx(data: bytes) -> Extraction:
    """Read the body of a DOCX file given as bytes."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    try:
        document = docx.Document(BytesIO(data))
        items = list(document.iter_inner_content())
    except (zipfile.BadZipFile, PackageNotFoundError) as exc:
        raise CorruptFileError(f"the DOCX file is not a readable zip package ({exc})") from None
    except (KeyError, ValueError, XMLSyntaxError, zipfile.LargeZipFile, EOFError) as exc:
        raise CorruptFileError(f"the DOCX file is damaged ({type(exc).__name__}: {exc})") from None

    parts: list[str] = []
    blocks: list[Block] = []
    tables: list[RawTable] = []
    pos = 0

    def add_line(text: str) -> tuple[int, int]:
        nonlocal pos
        if parts:
            parts.append("\n")
            pos += 1
        start = pos
        parts.append(text)
        pos += len(text)
        return start, pos

    for item in items:
        if hasattr(item, "rows"):  # a Table
            t_start = pos + (1 if parts else 0)
            rows: list[tuple[Cell, ...]] = []
            for row in item.rows:
                cells: list[tuple[str, int]] = []
                prev = None
                for cell in row.cells:
                    if prev is not None and cell._tc is prev:
                        text, span = cells[-1]
                        cells[-1] = (text, span + 1)
                        continue
                    prev = cell._tc
                    cells.append((" ".join(cell.text.split()), 1))
                line = "\t".join(text for text, _ in cells)
                start, _ = add_line(line)
                row_cells: list[Cell] = []
                off = start
                for text, span in cells:
                    row_cells.append(Cell(text, off, off + len(text), 1, span))
                    off += len(text) + 1
                rows.append(tuple(row_cells))
            if rows:
                tables.append(RawTable(tuple(rows), t_start, pos))
                blocks.append(Block("table", t_start, pos))
        else:  # a Paragraph
            text = item.text.replace("\n", " ").replace("\r", " ")
            start, end = add_line(text)
            if not text.strip():
                continue
            level = _heading_level(item)
            bold = _is_bold(item) or (level is not None)
            kind = "heading" if level is not None else "paragraph"
            blocks.append(Block(kind, start, end, bold=bold, level=level))

    full = "".join(parts)
    if not full.strip():
        raise EmptyDocumentError("the DOCX file has no text in its body")
    return Extraction(text=full, format="docx", tables=tables, blocks=blocks)
