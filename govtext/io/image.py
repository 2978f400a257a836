"""Scanned pages as image files (PNG, JPEG, TIFF): every page recognised by OCR (``govtext[ocr]``).

Each frame of the file is a page; pages are joined by a form feed as a PDF's are, and
``Extraction.page_starts`` says where each begins.  The tables OCR finds from the ruling
lines are in ``Extraction.tables``; see :mod:`govtext.io.ocr`.
"""

from __future__ import annotations

from ..errors import CorruptFileError, EmptyDocumentError
from ..limits import current_limits, extend_deadline
from .base import Bbox, Extraction
from .ocr import (
    SECONDS_PER_PAGE,
    OcrUnavailableError,
    TablePart,
    current_mode,
    get_engine,
    image_pages,
    join_parts,
    recognise_page,
)


def read_image(data: bytes) -> Extraction:
    """Recognise every page of an image file."""
    if current_mode() == "never":
        raise OcrUnavailableError("an image file is read only by OCR, and OCR is off (--ocr never)")
    try:
        pages = image_pages(data)
    except Exception as exc:  # PIL's UnidentifiedImageError, OSError on a truncated file, DecompressionBombError
        raise CorruptFileError(f"the image cannot be decoded ({type(exc).__name__})") from None
    engine = get_engine()  # raises, naming the extra, where OCR is not installed
    limits = current_limits()
    limits.check("pdf_pages", len(pages), "pages in the image file")
    parts: list[str] = []
    page_starts: list[int] = []
    boxes: dict[int, Bbox] = {}
    unsure: set[int] = set()
    table_parts: list[TablePart] = []
    pos = 0
    for i, (image, dpi) in enumerate(pages):
        extend_deadline(SECONDS_PER_PAGE)
        page = recognise_page(image, dpi, engine)
        if i:
            parts.append("\f")
            pos += 1
        page_starts.append(pos)
        boxes.update({pos + k: b for k, b in page.boxes.items()})
        unsure.update(pos + k for k in page.unsure)
        table_parts += [part.shifted(pos, i + 1) for part in page.parts]
        parts.append(page.text.replace("\f", "\n"))
        pos += len(page.text)
        limits.check("text_chars", pos, "characters of text in the image file")
    text = "".join(parts)
    if not text.strip():
        raise EmptyDocumentError(f"OCR found no text on the image's {len(pages)} page(s)")
    return Extraction(
        text=text,
        format="image",
        page_starts=page_starts,
        char_boxes=boxes,
        tables=join_parts(table_parts, unsure),
        ocr_pages=list(range(1, len(pages) + 1)),
        ocr_unsure=unsure,
    )
