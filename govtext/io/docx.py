"""DOCX with python-docx: paragraphs and tables in body order.

Each body paragraph becomes one line of the extracted text; each table row one
line of tab-separated cells, and the table is kept as a
:class:`~govtext.io.base.RawTable` in which a merged cell appears once, with its
``rowspan``/``colspan``.  A paragraph whose every run is bold, or that has a
heading style, is marked ``bold`` in its :class:`~govtext.io.base.Block`: in Word
reports that is often the only sign of a section heading.

Text is read from the XML (every ``w:t``), so tracked insertions, simple fields
and content controls (``w:sdt``) are not lost; deleted text (``w:delText``) is
left out.  A table nested in a cell contributes its text to that cell.
"""

from __future__ import annotations

import zipfile
from io import BytesIO
from typing import Any

from ..errors import CorruptFileError, EmptyDocumentError, GovtextError
from .base import Block, BlockKind, Cell, Extraction, RawTable

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _xml_text(element: Any) -> str:
    """All visible text under ``element``: ``w:t``, tabs and breaks, not deleted text."""
    parts = []
    for node in element.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
        tag = node.tag
        if tag == f"{_W}t":
            parts.append(node.text or "")
        else:
            parts.append(" ")
    return "".join(parts)


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
            return int(rest) if rest.isascii() and rest.isdigit() else 1
    if name == "Title":
        return 0
    return None


def _body_items(parent: Any, container: Any) -> list[Any]:
    """Paragraphs and tables of ``container`` in order, looking inside content controls."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    items: list[Any] = []
    for child in container.iterchildren():
        if child.tag == f"{_W}p":
            items.append(Paragraph(child, parent))
        elif child.tag == f"{_W}tbl":
            items.append(Table(child, parent))
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                items.extend(_body_items(parent, content))
    return items


def _table_rows(table: Any) -> list[list[tuple[str, int, int]]]:
    """Rows of ``(text, rowspan, colspan)``: a merged cell once, with its spans.

    The continuation of a cell merged down is an empty placeholder with
    ``rowspan`` 0, which keeps the row's columns aligned in the text line.
    """
    grid: list[list[Any]] = [[cell._tc for cell in row.cells] for row in table.rows]
    rows: list[list[tuple[str, int, int]]] = []
    owner: dict[int, tuple[int, int]] = {}  # id(tc) -> (row, index in that row's output)
    for r, tcs in enumerate(grid):
        out: list[tuple[str, int, int]] = []
        prev = None
        for tc in tcs:
            if tc is prev:  # merged across: widen the cell just emitted
                text, rs, cs = out[-1]
                out[-1] = (text, rs, cs + 1)
                continue
            prev = tc
            if id(tc) in owner and owner[id(tc)][0] < r:  # merged down: grow the cell above
                orow, oidx = owner[id(tc)]
                text, rs, cs = rows[orow][oidx]
                if rs < r - orow + 1:
                    rows[orow][oidx] = (text, r - orow + 1, cs)
                out.append(("", 0, 1))  # a placeholder keeps the row's columns aligned
                continue
            owner[id(tc)] = (r, len(out))
            text = " ".join(_xml_text(p) for p in tc.iter(f"{_W}p"))
            out.append((" ".join(text.split()), 1, 1))
        rows.append(out)
    return rows


def read_docx(data: bytes) -> Extraction:
    """Read the body of a DOCX file given as bytes."""
    try:
        return _read(data)
    except GovtextError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile) as exc:
        raise CorruptFileError(f"the DOCX file is not a readable zip package ({exc})") from None
    except Exception as exc:  # python-docx, lxml and zlib raise many kinds on damaged files
        name = type(exc).__name__
        if name == "PackageNotFoundError":
            raise CorruptFileError("the DOCX file is not a readable zip package") from None
        raise CorruptFileError(f"the DOCX file is damaged ({name}: {exc})") from None


def _read(data: bytes) -> Extraction:
    import docx

    document = docx.Document(BytesIO(data))
    body = document.element.body
    if body is None:
        raise CorruptFileError("the DOCX file has no document body")
    items = _body_items(document._body, body)

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

    places: list[tuple[int, int, int]] = []  # (line start, table number or 0, row or paragraph number)
    n_tables = n_paragraphs = 0
    for item in items:
        if hasattr(item, "rows"):  # a Table
            t_start = pos + (1 if parts else 0)
            raw_rows: list[tuple[Cell, ...]] = []
            n_tables += 1
            for r, row in enumerate(_table_rows(item), start=1):
                start, _ = add_line("\t".join(text for text, _, _ in row))
                places.append((start, n_tables, r))
                cells: list[Cell] = []
                off = start
                for text, rowspan, colspan in row:
                    if rowspan:  # a continuation of a cell merged down is not a cell of its own
                        cells.append(Cell(text, off, off + len(text), rowspan, colspan))
                    off += len(text) + 1
                raw_rows.append(tuple(cells))
            if raw_rows:
                tables.append(RawTable(tuple(raw_rows), t_start, pos))
                blocks.append(Block("table", t_start, pos))
        else:  # a Paragraph
            text = _xml_text(item._p).replace("\n", " ").replace("\r", " ")
            start, end = add_line(text)
            n_paragraphs += 1
            places.append((start, 0, n_paragraphs))
            if not text.strip():
                continue
            level = _heading_level(item)
            bold = _is_bold(item) or (level is not None)
            kind: BlockKind = "heading" if level is not None else "paragraph"
            blocks.append(Block(kind, start, end, bold=bold, level=level))

    full = "".join(parts)
    if not full.strip():
        raise EmptyDocumentError("the DOCX file has no text in its body")
    return Extraction(text=full, format="docx", tables=tables, blocks=blocks, docx_places=places)
