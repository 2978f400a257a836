"""What every reader returns: the extracted text and where it came from.

A reader turns a file into an :class:`Extraction`: one string, ``text``, in
reading order, plus what is needed to point back into the file:

* ``origin`` (optional) maps each character of ``text`` to a character offset in
  ``raw_text``, the decoded file, for formats whose extracted text is not the file
  itself (HTML, Markdown);
* ``page_starts`` holds the offset in ``text`` where each PDF page begins (pages
  are separated by a form feed ``\\f``);
* ``tables`` keeps the tables an HTML or DOCX file marks up as tables, cell by
  cell, for the tables stage;
* ``blocks`` says which stretches of ``text`` are paragraphs, headings or tables.

Offsets everywhere in govtext's output (``span.start``/``span.end``) are offsets
into ``Extraction.text``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

_LINE_END = re.compile(r"\r\n|[\n\f]|\r(?!\n)")
_LINE_END_TEXT = re.compile(r"\r\n|\n|\r(?!\n)")

Format = Literal["txt", "md", "html", "pdf", "docx", "image"]
BlockKind = Literal["paragraph", "heading", "table"]
#: A box on a PDF page: x0, top, x1, bottom in points from the page's top left.
Bbox = tuple[float, float, float, float]

#: The most columns and rows one table cell may span, as browsers clamp ``colspan`` and ``rowspan`` (HTML's
#: table model): a hostile ``colspan="99999999"`` must not make a table of that many columns.
MAX_COLSPAN = 1000
MAX_ROWSPAN = 65534


def span_value(value: object, maximum: int, minimum: int = 1) -> int:
    """A cell's span as a source gives it (``"3"``, ``3``, junk), within ``minimum``..``maximum``; junk is 1."""
    try:
        n = int(str(value).strip()) if value is not None else 1
    except ValueError:
        return 1
    return max(minimum, min(n, maximum))


@dataclass(frozen=True)
class Cell:
    """One table cell: its text and where that text lies in ``Extraction.text``.

    ``bbox`` is set for a cell read from a PDF's ruling lines: the box of its characters on
    its (first) page, since its offsets may also cover other cells' text in reading order.
    """

    text: str
    start: int
    end: int
    rowspan: int = 1
    colspan: int = 1
    bbox: Bbox | None = None


@dataclass(frozen=True)
class RawTable:
    """A table as the source marks it up (HTML ``<table>``, a DOCX table).

    ``rows`` are lists of :class:`Cell`; a merged cell appears once, with its
    ``rowspan``/``colspan``.  Interpreting the table (which row is which canonical
    key) is the tables stage's job.
    """

    rows: tuple[tuple[Cell, ...], ...]
    start: int
    end: int
    page: int | None = None

    @property
    def n_rows(self) -> int:
        return len(self.rows)

    def texts(self) -> list[list[str]]:
        """The cell texts, row by row."""
        return [[c.text for c in row] for row in self.rows]


@dataclass(frozen=True)
class Block:
    """A stretch of ``Extraction.text``: a paragraph, a heading or a table.

    ``bold`` is true for a DOCX paragraph whose every run is bold, and for an
    HTML heading element; ``level`` is the heading level where the source states
    one (``<h2>``, ``## ``, a Word "Heading 2" style).
    """

    kind: BlockKind
    start: int
    end: int
    bold: bool = False
    level: int | None = None


@dataclass
class Extraction:
    """The text of one file, in reading order, with the means to locate it."""

    text: str
    format: Format
    encoding: str | None = None
    raw_text: str | None = None
    origin: list[int] | None = None
    page_starts: list[int] | None = None
    tables: list[RawTable] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    pdf_bytes: bytes | None = field(default=None, repr=False)
    #: PDF only: the box of every digit and decimal point, by offset in ``text``
    char_boxes: dict[int, Bbox] = field(default_factory=dict, repr=False)
    #: PDF and images: the pages (1-based) whose text was recognised by OCR (``govtext.io.ocr``)
    ocr_pages: list[int] = field(default_factory=list)
    #: offsets of ``text`` read by OCR with low confidence, and of table cells OCR saw ink in but read nothing
    ocr_unsure: set[int] = field(default_factory=set, repr=False)
    #: HTML only: what the page says about itself (``title``, ``published`` as YYYY-MM-DD)
    page_meta: dict[str, str] = field(default_factory=dict)
    #: HTML only: why the page holds no report (a list of links, no text), else ``None``
    no_report: str | None = None
    #: DOCX only: for every line of ``text``, ``(start, table, number)``: ``table`` 0 and the paragraph's
    #: number in the body, or the table's number and the row's number in it — the places Word shows
    docx_places: list[tuple[int, int, int]] | None = None
    #: PDF only: the pypdfium2 document the reader opened, held for the steps that need a page again
    _pdf: Any = field(default=None, init=False, repr=False, compare=False)

    def pdfium(self) -> Any:
        """The PDF as one pypdfium2 ``PdfDocument``: the one the reader opened, shared by every later step that
        loads a page again (boxes of cells, ruled tables), so the file is parsed once.  After :meth:`close` it is
        opened again from ``pdf_bytes``; callers load pages from it and close those, never the document."""
        if self.pdf_bytes is None:
            raise ValueError("a pdfium document is only available for PDF sources")
        if self._pdf is None:
            import pypdfium2 as pdfium

            self._pdf = pdfium.PdfDocument(self.pdf_bytes)
        return self._pdf

    def close(self) -> None:
        """Release the PDF document held open since reading (nothing for other formats); idempotent."""
        pdf, self._pdf = self._pdf, None
        if pdf is not None:
            pdf.close()

    def __enter__(self) -> Extraction:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_pdf"] = None  # an open pdfium document does not cross processes; pdfium() opens it again
        return state

    def place(self, offset: int, lang: str = "en") -> str | None:
        """Where ``offset`` is as a person finds it in Word: ``paragraph 12`` or ``table 2, row 4, column 3``.

        ``None`` for formats whose line and column are already that (text, HTML, PDF pages).
        """
        if not self.docx_places:
            return None
        import bisect

        i = bisect.bisect_right([p[0] for p in self.docx_places], offset) - 1
        if i < 0:
            return None
        start, table, number = self.docx_places[i]
        if not table:
            return f"第{number}段" if lang == "zh" else f"paragraph {number}"
        column = self.text.count("\t", start, offset) + 1
        return (
            f"表格{table}第{number}行第{column}列" if lang == "zh" else f"table {table}, row {number}, column {column}"
        )

    @property
    def n_pages(self) -> int | None:
        return None if self.page_starts is None else len(self.page_starts)

    @cached_property
    def _line_starts(self) -> list[int]:
        base = self.raw_text if self.origin is not None and self.raw_text is not None else self.text
        # A form feed separates PDF pages and ends a line there; elsewhere an
        # editor shows it on the line it is in.
        pattern = _LINE_END if self.page_starts is not None else _LINE_END_TEXT
        return [0] + [m.end() for m in pattern.finditer(base)]

    def page_of(self, offset: int) -> int | None:
        """The 1-based page holding ``offset`` of ``text`` (PDF only)."""
        if self.page_starts is None:
            return None
        return max(1, bisect_right(self.page_starts, offset))

    def locate(self, offset: int) -> tuple[int, int, int | None]:
        """Line, column (both 1-based) and page of ``offset`` in ``text``.

        For HTML and Markdown the line and column are those of the original
        file; for a PDF they count within the page's extracted text; for DOCX
        a line is a paragraph (or a table row) of the body.
        """
        return self.locate_range(offset, offset + 1)[:3]

    def locate_range(self, start: int, end: int) -> tuple[int, int, int | None, int, int]:
        """``line, col, page`` of ``start`` and ``end_line, end_col`` of the last character of ``[start, end)``
        (the start's when the range is empty), the look-ups shared: a report makes a span for every sentence,
        number and cell."""
        n = len(self.text)
        a = 0 if start < 0 else (n if start > n else start)
        b = end - 1 if end - 1 > a else a
        if b > n:
            b = n
        origin = self.origin
        if origin is not None:
            last = (origin[-1] + 1) if origin else 0
            pa = origin[a] if a < len(origin) else last
            pb = origin[b] if b < len(origin) else last
        else:
            pa, pb = a, b
        starts = self._line_starts
        i = bisect_right(starts, pa) - 1
        j = i if i + 1 >= len(starts) or pb < starts[i + 1] else bisect_right(starts, pb) - 1
        line, col, end_line, end_col = i + 1, pa - starts[i] + 1, j + 1, pb - starts[j] + 1
        page_starts = self.page_starts
        if page_starts is None:
            return line, col, None, end_line, end_col
        page = bisect_right(page_starts, a) or 1
        end_page = (
            page if b < (page_starts[page] if page < len(page_starts) else n + 1) else bisect_right(page_starts, b)
        )
        line -= bisect_right(starts, page_starts[page - 1]) - 1
        end_line -= bisect_right(starts, page_starts[end_page - 1]) - 1
        return line, col, page, end_line, end_col

    def source_line(self, offset: int) -> str:
        """The whole source line holding ``offset`` of ``text`` (as :meth:`locate` counts lines)."""
        offset = max(0, min(offset, len(self.text)))
        base = self.raw_text if self.origin is not None and self.raw_text is not None else self.text
        pos = offset
        if self.origin is not None:
            pos = self.origin[offset] if offset < len(self.origin) else (self.origin[-1] + 1 if self.origin else 0)
        starts = self._line_starts
        i = bisect_right(starts, pos) - 1
        end = starts[i + 1] if i + 1 < len(starts) else len(base)
        return base[starts[i] : end].rstrip("\r\n\f")

    def pdfplumber(self) -> Any:
        """Open the PDF with pdfplumber for geometry (chars with bboxes, tables).

        Only the tables stage needs this, and only for the pages it asks for;
        the text itself comes from pypdfium2's faster text layer.
        """
        if self.pdf_bytes is None:
            raise ValueError("pdfplumber geometry is only available for PDF sources")
        from io import BytesIO

        import pdfplumber

        return pdfplumber.open(BytesIO(self.pdf_bytes))
