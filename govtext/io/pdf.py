"""PDF: the text layer from pypdfium2, geometry from pdfplumber only on demand.

pypdfium2 (which pdfplumber itself depends on) reads a page's text layer in
reading order tens of times faster than pdfplumber's ``extract_text()``, so the
text of every page comes from it, in one pass.  pdfplumber's character boxes and
table finder are needed only by the tables stage, for the pages holding tables;
:meth:`~govtext.io.base.Extraction.pdfplumber` opens the same bytes for that.

Pages are joined by a form feed (``\\f``); ``Extraction.page_starts`` records
where each page begins, so every offset knows its page.
"""

from __future__ import annotations

from typing import Any

from ..errors import CorruptFileError, EmptyDocumentError, EncryptedFileError
from .base import Bbox, Extraction

#: A PDF page whose text layer holds fewer characters than this counts as blank.
_MIN_CHARS = 1


def read_pdf(data: bytes) -> Extraction:
    """Read the text layer of every page of a PDF given as bytes."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        msg = str(exc)
        if "password" in msg.lower():
            raise EncryptedFileError("the PDF is encrypted and needs a password") from None
        raise CorruptFileError(f"the PDF is damaged or truncated ({_pdfium_reason(msg)})") from None
    try:
        n = len(pdf)
        if n == 0:
            raise EmptyDocumentError("the PDF has no pages")
        parts: list[str] = []
        page_starts: list[int] = []
        boxes: dict[int, tuple[float, float, float, float]] = {}
        pos = 0
        for i in range(n):
            try:
                page = pdf[i]
                textpage = page.get_textpage()
                text = textpage.get_text_range()
                if len(text) == textpage.count_chars() and "\x00" not in text:
                    _digit_boxes(textpage, text, pos + (1 if i else 0), page.get_height(), boxes)
                textpage.close()
                page.close()
            except pdfium.PdfiumError as exc:
                raise CorruptFileError(f"page {i + 1} of the PDF cannot be read ({_pdfium_reason(str(exc))})") from None
            text = text.replace("\f", "\n").replace("\x00", "")
            if i:
                parts.append("\f")
                pos += 1
            page_starts.append(pos)
            parts.append(text)
            pos += len(text)
    finally:
        pdf.close()
    full = "".join(parts)
    if sum(1 for ch in full if not ch.isspace()) < _MIN_CHARS:
        raise EmptyDocumentError(
            f"the PDF's {n} page(s) carry no text layer (a scanned image?); govtext does not run OCR"
        )
    return Extraction(text=full, format="pdf", page_starts=page_starts, pdf_bytes=data, char_boxes=boxes)


def _digit_boxes(textpage: Any, text: str, base: int, height: float, out: dict[int, Bbox]) -> None:
    """Boxes of the digits and decimal points of a page (what table cells print), keyed by offset.

    Table cells are located by these boxes without opening the PDF again; the
    ``(x0, top, x1, bottom)`` box is in points from the page's top left, as
    pdfplumber gives it.
    """
    for i, ch in enumerate(text):
        if "0" <= ch <= "9" or ch == ".":
            left, bottom, right, top = textpage.get_charbox(i)
            out[base + i] = (left, height - top, right, height - bottom)


def _pdfium_reason(msg: str) -> str:
    # "Failed to load document (PDFium: Data format error)." -> "data format error"
    if "PDFium:" in msg:
        msg = msg.split("PDFium:", 1)[1]
    return msg.strip(" .()").lower() or "unknown error"
