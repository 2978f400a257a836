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

Hostile files are stopped before they cost memory: the zip directory's sizes
are checked against :class:`~govtext.limits.Limits` (inflated size, compression
ratio) before anything is inflated, and :mod:`zipfile` never inflates an entry
past the size its directory states.  Every step is linear in the document: a
paragraph style is looked up once per style, and a table's grid (merged cells
included) is built in one pass over its rows.
"""

from __future__ import annotations

import zipfile
from io import BytesIO
from typing import Any

from ..errors import CorruptFileError, EmptyDocumentError, GovtextError, ResourceLimitError
from ..limits import Limits, current_limits, tick
from .base import MAX_COLSPAN, Block, BlockKind, Cell, Extraction, RawTable

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


#: what a paragraph style says: (heading level or None, whether the style or one it is based on is bold)
_StyleInfo = tuple[int | None, bool]


def _style_info(paragraph: Any, cache: dict[str | None, _StyleInfo]) -> _StyleInfo:
    """The heading level and boldness of the paragraph's style, looked up once per style id."""
    sid = paragraph._p.style
    info = cache.get(sid)
    if info is None:
        style = paragraph.style
        info = (_heading_level(style), _style_bold(style))
        cache[sid] = info
    return info


def _style_bold(style: Any) -> bool:
    seen = 0
    while style is not None and seen < 64:  # a chain of based-on styles; a cycle in a damaged file ends here
        if style.font is not None and style.font.bold:
            return True
        style = style.base_style
        seen += 1
    return False


def _is_bold(paragraph: Any, style_bold: bool) -> bool:
    runs = [r for r in paragraph.runs if r.text.strip()]
    if not runs:
        return False
    if all(r.bold for r in runs):
        return True
    if style_bold:
        return all(r.bold is not False for r in runs)
    return False


def _heading_level(style: Any) -> int | None:
    name = (style.name or "") if style is not None else ""
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


def _int_attr(element: Any, path: str, default: int) -> int:
    node = element.find(path)
    if node is None:
        return default
    try:
        return max(0, int(node.get(f"{_W}val", default)))
    except ValueError:
        return default


def _grid(table: Any) -> list[list[Any]]:
    """The layout grid of ``table``: for each row, the ``w:tc`` of every grid column it fills.

    A cell spanning columns (``w:gridSpan``) fills each of them; the continuation
    of a cell merged down (``w:vMerge`` without ``restart``) fills its columns with
    the ``w:tc`` that opens the merge — the cell above in the same column, looked up
    in the row before, so the whole table is one pass (python-docx's ``row.cells``
    walks up the merge from every continuation, quadratic in its height).
    """
    rows: list[list[Any]] = []
    above: dict[int, Any] = {}  # grid column -> the w:tc filling it in the row before
    for tr in table._tbl.iterchildren(f"{_W}tr"):
        tick()
        col = min(_int_attr(tr, f"{_W}trPr/{_W}gridBefore", 0), MAX_COLSPAN)
        row: list[Any] = []
        here: dict[int, Any] = {}
        for tc in tr.iterchildren(f"{_W}tc"):
            span = max(1, min(_int_attr(tc, f"{_W}tcPr/{_W}gridSpan", 1), MAX_COLSPAN))
            vmerge = tc.find(f"{_W}tcPr/{_W}vMerge")
            owner = tc
            if vmerge is not None and vmerge.get(f"{_W}val", "continue") == "continue" and col in above:
                owner = above[col]
            for c in range(col, col + span):
                here[c] = owner
                row.append(owner)
            col += span
        rows.append(row)
        above = here
    return rows


def _table_rows(table: Any) -> list[list[tuple[str, int, int]]]:
    """Rows of ``(text, rowspan, colspan)``: a merged cell once, with its spans.

    The continuation of a cell merged down is an empty placeholder with
    ``rowspan`` 0, which keeps the row's columns aligned in the text line.
    """
    grid = _grid(table)
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


def check_zip(data: bytes, limits: Limits) -> None:
    """Refuse a zip whose directory says it inflates past ``limits``, before inflating anything.

    :mod:`zipfile` stops inflating an entry at the size its directory states (a
    lying directory gives a CRC error, not a bomb), so the stated sizes bound the
    memory python-docx will use.
    """
    with zipfile.ZipFile(BytesIO(data)) as zf:
        infos = zf.infolist()
    total = 0
    for info in infos:
        total += info.file_size
        if info.filename.endswith((".xml", ".rels")):
            limits.check("xml_part_bytes", info.file_size, f"bytes the DOCX part {info.filename} inflates to")
        if info.file_size > 1024 * 1024 and limits.compression_ratio:
            ratio = info.file_size // max(1, info.compress_size)
            limits.check("compression_ratio", ratio, f"compression ratio of the DOCX part {info.filename}")
    limits.check("unzipped_bytes", total, "bytes the DOCX package inflates to")


def _xml_error(exc: Exception) -> ResourceLimitError | None:
    """libxml2's own fixed ceilings (nesting 256 deep, a text node of 10 MB) as the limit errors they are."""
    msg = str(exc)
    if "Excessive depth" in msg:
        return ResourceLimitError(
            "the DOCX XML nests elements deeper than 256 levels (libxml2's fixed ceiling; a report nests under 30)",
            limit="xml_depth",
            maximum=256,
        )
    if "Resource limit exceeded" in msg or "too long" in msg or "huge" in msg.lower():
        return ResourceLimitError(
            "the DOCX XML holds a text node or name over libxml2's fixed ceiling of 10 MB",
            limit="xml_node_bytes",
            maximum=10_000_000,
        )
    return None


def _read(data: bytes) -> Extraction:
    import docx

    limits = current_limits()
    check_zip(data, limits)
    try:
        document = docx.Document(BytesIO(data))
    except Exception as exc:
        err = _xml_error(exc) if type(exc).__name__ == "XMLSyntaxError" else None
        if err is not None:
            raise err from None
        raise
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
    n_tables = n_paragraphs = n_cells = 0
    styles: dict[str | None, _StyleInfo] = {}
    for item in items:
        tick()
        if pos > limits.text_chars > 0:
            limits.check("text_chars", pos, "characters of text in the DOCX body")
        limits.check("lines", len(places), "paragraphs and table rows in the DOCX body")
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
                n_cells += len(cells)
                limits.check("table_cells", n_cells, "cells in the DOCX tables")
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
            level, style_bold = _style_info(item, styles)
            bold = _is_bold(item, style_bold) or (level is not None)
            kind: BlockKind = "heading" if level is not None else "paragraph"
            blocks.append(Block(kind, start, end, bold=bold, level=level))

    full = "".join(parts)
    limits.check("text_chars", len(full), "characters of text in the DOCX body")
    if not full.strip():
        raise EmptyDocumentError("the DOCX file has no text in its body")
    return Extraction(text=full, format="docx", tables=tables, blocks=blocks, docx_places=places)
