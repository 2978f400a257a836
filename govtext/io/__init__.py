"""Readers: turn a file (path or bytes) into an :class:`Extraction`.

:func:`read` finds the format from the content — magic bytes for PDF and DOCX,
markup for HTML, ATX headings and pipe tables for Markdown — and uses the file
name only to break a tie (a ``.md`` file with no Markdown in it is still read as
Markdown, harmlessly).  It never lets an exception of a third-party parser out:
every failure is a :class:`~govtext.errors.ReadError` subclass with a one-line
reason.
"""

from __future__ import annotations

import hashlib
import os
import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from ..errors import (
    CorruptFileError,
    EmptyDocumentError,
    FileTooLargeError,
    ReadError,
    SourceNotFoundError,
    UnsupportedFormatError,
)
from ..limits import Limits, current_limits
from .base import Block, Cell, Extraction, Format, RawTable

#: Largest text-like file (TXT, HTML, Markdown) read, in bytes.  Annual reports
#: are 5–300 kB of text; a file beyond this is not one report.
MAX_TEXT_BYTES = 8 * 1024 * 1024
#: Largest PDF or DOCX file read, in bytes (scanned annexes make PDFs large).
MAX_BINARY_BYTES = 128 * 1024 * 1024

FORMATS: tuple[Format, ...] = ("txt", "md", "html", "pdf", "docx", "image")


@dataclass(frozen=True)
class Source:
    """Where a document came from: ``path`` (or ``None`` for bytes), ``format`` and the file's ``sha256``."""

    path: str | None
    format: Format
    sha256: str
    encoding: str | None = None
    size: int = 0

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "format": self.format,
            "sha256": self.sha256,
            "encoding": self.encoding,
            "size": self.size,
        }


def sniff_format(data: bytes, name: str | None = None) -> Format:
    """The format of ``data`` by content (PDF and DOCX by magic bytes; text otherwise)."""
    if data.lstrip(b"\x00\t\n\r\f \xef\xbb\xbf")[:5] == b"%PDF-":
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        try:
            with zipfile.ZipFile(BytesIO(data)) as zf:
                names = set(zf.namelist())
        except Exception:  # BadZipFile, NotImplementedError (odd zip versions), OSError, ...
            raise CorruptFileError("a damaged or truncated zip package (a DOCX file cut short?)") from None
        if "word/document.xml" in names:
            return "docx"
        raise UnsupportedFormatError("a zip archive that is not a DOCX document")
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise UnsupportedFormatError("a legacy Word/Excel (OLE) file; save it as .docx or PDF first")
    if data.startswith(b"{\\rtf"):
        raise UnsupportedFormatError("an RTF file; save it as .docx or PDF first")
    from .ocr import is_image

    if is_image(data):
        return "image"  # read by OCR (the optional extra)
    if data.startswith(b"GIF8"):
        raise UnsupportedFormatError("a GIF image; govtext reads scans as PNG, JPEG or TIFF")
    suffix = (name or "").lower().rsplit(".", 1)[-1] if name and "." in name else ""
    if suffix in ("docx",) and not data.startswith(b"PK"):
        raise UnsupportedFormatError("named .docx but not a zip package (not a DOCX file)")
    if suffix == "pdf":
        raise UnsupportedFormatError("named .pdf but has no PDF header")
    return "txt"  # refined to html/md once decoded


def read(
    source: str | os.PathLike[str] | bytes,
    *,
    format: Format | None = None,
    name: str | None = None,
) -> tuple[Extraction, Source]:
    """Read ``source`` (a path or the file's bytes) into an :class:`Extraction`.

    ``format`` forces a reader; otherwise the content decides.  ``name`` is a
    file name to report for bytes input.
    """
    path: str | None
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        path = name
    else:
        path = os.fspath(source)
        p = Path(path)
        try:
            if not p.is_file():
                raise SourceNotFoundError("no such file" if not p.exists() else "not a regular file", path)
            size = p.stat().st_size
            if size > MAX_BINARY_BYTES:
                raise FileTooLargeError(f"{size:,} bytes is over the {MAX_BINARY_BYTES:,}-byte limit", path)
            data = p.read_bytes()
        except OSError as exc:
            raise SourceNotFoundError(f"cannot open the file ({exc.strerror or exc})", path) from None
    try:
        extraction = _read_bytes(data, format, path)
        check_extraction(extraction)
    except ReadError as exc:
        raise exc.with_path(path) from None
    src = Source(
        path=path,
        format=extraction.format,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=extraction.encoding,
        size=len(data),
    )
    return extraction, src


def check_extraction(extraction: Extraction, limits: Limits | None = None) -> None:
    """Refuse an extraction over the text, line or table-cell budgets (whatever reader made it)."""
    lim = limits or current_limits()
    lim.check("text_chars", len(extraction.text), f"characters of text in the {extraction.format} input")
    if lim.lines:
        lim.check("lines", extraction.text.count("\n") + 1, f"lines of text in the {extraction.format} input")
    lim.check("table_cells", sum(len(r) for t in extraction.tables for r in t.rows), "table cells")


def _read_bytes(data: bytes, format: Format | None, name: str | None) -> Extraction:
    if not data.strip():
        raise EmptyDocumentError("the file is empty" if not data else "the file holds only whitespace")
    if format is not None and format not in FORMATS:
        raise UnsupportedFormatError(f"unknown format {format!r}; expected one of {', '.join(FORMATS)}")
    fmt = format or sniff_format(data, name)
    if len(data) > (MAX_BINARY_BYTES if fmt in ("pdf", "docx", "image") else MAX_TEXT_BYTES):
        limit = MAX_BINARY_BYTES if fmt in ("pdf", "docx", "image") else MAX_TEXT_BYTES
        raise FileTooLargeError(f"{len(data):,} bytes is over the {limit:,}-byte limit for {fmt} input")
    if fmt == "pdf":
        from .pdf import read_pdf

        return read_pdf(data)
    if fmt == "image":
        from .image import read_image

        return read_image(data)
    if fmt == "docx":
        from .docx import read_docx

        return read_docx(data)

    from .text import decode, read_text

    text, encoding = decode(data)
    if not text.strip():
        raise EmptyDocumentError("the file holds only whitespace")
    from .html import looks_like_html, read_html
    from .markdown import looks_like_markdown, read_markdown

    suffix = (name or "").lower().rsplit(".", 1)[-1] if name and "." in name else ""
    if fmt == "html" or (format is None and (looks_like_html(text) or suffix in ("html", "htm", "xhtml"))):
        extraction = read_html(text, encoding=encoding)
        if not extraction.text.strip():
            raise EmptyDocumentError("the HTML page has no visible text")
        return extraction
    if fmt == "md" or (format is None and (suffix in ("md", "markdown") or looks_like_markdown(text))):
        return read_markdown(text, encoding=encoding)
    return read_text(text, encoding=encoding)


__all__ = [
    "MAX_BINARY_BYTES",
    "MAX_TEXT_BYTES",
    "Block",
    "Cell",
    "Extraction",
    "Format",
    "RawTable",
    "Source",
    "read",
    "sniff_format",
]
