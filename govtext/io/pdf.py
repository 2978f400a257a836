"""PDF: the text layer from pypdfium2, geometry from pdfplumber only on demand.

pypdfium2 (which pdfplumber itself depends on) reads a page's text layer in
reading order tens of times faster than pdfplumber's ``extract_text()``, so the
text of every page comes from it, in one pass.  pdfplumber's character boxes and
table finder are needed only by the tables stage, for the pages holding tables;
:meth:`~govtext.io.base.Extraction.pdfplumber` opens the same bytes for that.

Pages are joined by a form feed (``\\f``); ``Extraction.page_starts`` records
where each page begins, so every offset knows its page.

Hostile files are refused before pdfium pays for them (:class:`~govtext.limits.Limits`):
:func:`check_streams` inflates every stream but images (and font programs too small
to pass the limit) in chunks, counting bytes and text-showing operators without
keeping them, so a stream that inflates to gigabytes or a page of millions of text
operators is an error before pdfium loads the page;
then the page count, the objects of each page and the characters of its text layer
are checked before they are read.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from typing import Any

from ..errors import CorruptFileError, EmptyDocumentError, EncryptedFileError, ResourceLimitError
from ..limits import Limits, current_limits, tick
from .base import Bbox, Extraction, RawTable

#: A PDF page whose text layer holds fewer characters than this counts as blank.
_MIN_CHARS = 1


_STREAM = re.compile(rb"stream\r?\n")
# numbers of bounded length (an object number has ten digits at most, a length fifteen; int() refuses a run of
# thousands), possessive, and starting where a run of digits starts: a hostile file's long runs of digits are
# scanned once, not once from every digit with every length tried
_LENGTH = re.compile(rb"/Length\s++(\d{1,15})(?!\d)(?!\s+\d+\s+R)")  # not the 1 of /Length 12 0 R
_FLATE = re.compile(rb"/(?:FlateDecode|Fl)\b")
_OBJ = re.compile(rb"(?<!\d)(\d{1,10})\s++(\d{1,5})\s++obj\s*+$")
_REF = re.compile(rb"(?<!\d)(\d{1,10})\s++(\d{1,5})\s++R(?![A-Za-z0-9])")
_FONT_REF = re.compile(rb"/FontFile[23]?\s++(\d{1,10})\s++(\d{1,5})\s++R(?![A-Za-z0-9])")
_LENGTH_REF = re.compile(rb"/Length\s++(\d{1,10})\s++(\d{1,5})\s++R(?![A-Za-z0-9])")
_INT_OBJ = re.compile(rb"obj\s*+(\d{1,15})\s*+endobj")
_END = re.compile(rb"\s*+endstream")
_CHUNK = 1 << 16
_DIGIT = re.compile(r"[0-9.]")
#: Deflate cannot inflate a byte into more than 1032 (one 258-byte match per two bits); with a margin.
_MAX_RATIO = 1100


@dataclass(frozen=True)
class _Stream:
    """A stream of a PDF as its bytes declare it: the object that holds it, its filters, where its data lies."""

    key: tuple[int, int] | None  # (object number, generation)
    flates: int  # Flate filters in its chain
    image: bool
    start: int
    end: int
    exact: bool  # its /Length ends on ``endstream``


def check_streams(data: bytes, limits: Limits) -> None:
    """Refuse a PDF with a stream that inflates past ``pdf_stream_bytes`` or shows more text than a page may hold.

    Every Flate-encoded stream that is not an image (pdfium inflates content streams,
    fonts and forms to read text; images it never decodes for that) is inflated in
    chunks of 64 KiB whose bytes are counted and dropped; its text-showing and
    form-drawing operators (``Tj``, ``TJ``, ``Do``) are counted against
    ``pdf_page_objects``.  An operator takes two bytes at least, so a stream
    that inflates to at most twice ``pdf_page_objects`` bytes cannot hold too
    many: only a longer one is inflated a second time, counting.  A chain of
    Flate filters is inflated through the chain.  A stream zlib cannot inflate
    (encrypted, damaged) is left to pdfium.

    Embedded font programs are most of a report's inflated bytes (a sixth of a PDF
    analysis went to inflating them here, before pdfium inflates them again).  A
    font program holds no page operators, and one Flate filter inflates at most
    1 032 bytes a byte, so a stream is not inflated where that bound keeps it under
    ``pdf_stream_bytes`` and the file shows it to be a font program only: it is
    referenced as ``/FontFile``, ``/FontFile2`` or ``/FontFile3`` and nowhere else,
    no object hides in a compressed object stream, and every stream's declared
    ``/Length`` ends on ``endstream`` (so no reference can hide inside a stream
    whose length lies).
    """
    max_bytes, max_ops = limits.pdf_stream_bytes, limits.pdf_page_objects
    if not max_bytes and not max_ops:
        return
    streams = _streams(data)
    fonts = _font_programs(data, streams)
    for st in streams:
        tick()
        if not st.flates or st.image:
            continue
        if st.key in fonts and st.flates == 1 and (st.end - st.start) * _MAX_RATIO <= max_bytes:
            continue
        raw = memoryview(data)[st.start : st.end]
        if _inflate_count(raw, st.flates, max_bytes, 0) > 2 * max_ops > 0:
            _inflate_count(raw, st.flates, max_bytes, max_ops)


def _streams(data: bytes) -> list[_Stream]:
    """Every ``stream`` keyword of ``data`` that follows a dictionary, with what its dictionary says."""
    out: list[_Stream] = []
    ints: dict[tuple[int, int], int] | None = None  # objects that are one integer (indirect lengths)
    for m in _STREAM.finditer(data):
        tick()
        head = data[max(0, m.start() - 2048) : m.start()]
        if not head.rstrip().endswith(b">>"):
            continue  # "stream" inside some other token
        obj = head.rfind(b"obj")
        key = None
        if obj >= 0:
            found = _OBJ.search(head, max(0, obj - 40), obj + 3)
            key = None if found is None else (int(found.group(1)), int(found.group(2)))
            head = head[obj + 3 :]
        start = m.end()
        length = _LENGTH.search(head)
        end = start + int(length.group(1)) if length else data.find(b"endstream", start)
        if end < start:
            end = len(data)
        exact = length is not None and _END.match(data, end) is not None
        if length is None and (ref := _LENGTH_REF.search(head)) is not None:
            # /Length 12 0 R (LibreOffice writes them): exact where object 12 is the length up to endstream
            if ints is None:
                ints = _int_objects(data)
            declared = ints.get((int(ref.group(1)), int(ref.group(2))))
            exact = declared is not None and _END.match(data, start + declared) is not None
            end = start + declared if exact and declared is not None else end
        out.append(_Stream(key, len(_FLATE.findall(head)), b"/Image" in head, start, end, exact))
    return out


def _int_objects(data: bytes) -> dict[tuple[int, int], int]:
    """The objects of ``data`` that hold one integer (``12 0 obj 3401 endobj``)."""
    out: dict[tuple[int, int], int] = {}
    for m in _INT_OBJ.finditer(data):
        tick()
        found = _OBJ.search(data, max(0, m.start() - 40), m.start() + 3)
        if found is not None:
            out[(int(found.group(1)), int(found.group(2)))] = int(m.group(1))
    return out


def _font_programs(data: bytes, streams: list[_Stream]) -> set[tuple[int, int]]:
    """The objects ``data`` shows to be font programs only (see :func:`check_streams`); none where it cannot."""
    if b"/ObjStm" in data or not all(st.exact for st in streams):
        return set()
    refs: dict[tuple[int, int], int] = {}
    font_refs: dict[tuple[int, int], int] = {}
    pos = 0
    for st in streams:  # in the file's order
        if st.start < pos:
            return set()  # a stream inside another's data: nothing is shown
        gap = data[pos : st.start]
        for a, b in _REF.findall(gap):
            refs[(int(a), int(b))] = refs.get((int(a), int(b)), 0) + 1
        for a, b in _FONT_REF.findall(gap):
            font_refs[(int(a), int(b))] = font_refs.get((int(a), int(b)), 0) + 1
        pos = st.end
    for a, b in _REF.findall(data, pos):
        refs[(int(a), int(b))] = refs.get((int(a), int(b)), 0) + 1
    return {key for key, n in font_refs.items() if refs.get(key) == n}


def _inflate_count(raw: memoryview, depth: int, max_bytes: int, max_ops: int) -> int:
    """Inflate ``raw`` through ``depth`` Flate filters in chunks, counting bytes (returned) and, if
    ``max_ops``, text operators only."""
    inflaters = [zlib.decompressobj() for _ in range(min(depth, 4))]
    total = ops = 0

    def push(level: int, chunk: bytes) -> None:
        nonlocal total, ops
        d = inflaters[level]
        while chunk:
            out = d.decompress(chunk, _CHUNK)
            chunk = d.unconsumed_tail
            if level + 1 < len(inflaters):
                push(level + 1, out)
                continue
            total += len(out)
            if max_ops:
                ops += out.count(b"Tj") + out.count(b"TJ") + out.count(b"Do")
            if max_bytes and total > max_bytes:
                raise ResourceLimitError.over("pdf_stream_bytes", total, max_bytes, "bytes one PDF stream inflates to")
            if max_ops and ops > max_ops:
                raise ResourceLimitError.over(
                    "pdf_page_objects", ops, max_ops, "text and form operators in one PDF content stream"
                )
            if d.eof:
                return

    try:
        for i in range(0, len(raw), _CHUNK):
            tick()
            push(0, bytes(raw[i : i + _CHUNK]))
            if inflaters[0].eof:
                break
    except zlib.error:
        pass  # encrypted or damaged: pdfium decides
    return total


def read_pdf(data: bytes) -> Extraction:
    """Read the text layer of every page of a PDF given as bytes."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    limits = current_limits()
    check_streams(data, limits)
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
        limits.check("pdf_pages", n, "pages in the PDF")
        parts: list[str] = []
        page_starts: list[int] = []
        boxes: dict[int, tuple[float, float, float, float]] = {}
        ocr = _OcrPages(n)
        pos = 0
        for i in range(n):
            tick(every=16)
            try:
                page = pdf[i]
                limits.check(
                    "pdf_page_objects", pdfium_c.FPDFPage_CountObjects(page.raw), f"objects on page {i + 1} of the PDF"
                )
                textpage = page.get_textpage()
                limits.check("pdf_page_chars", textpage.count_chars(), f"characters on page {i + 1} of the PDF")
                text = textpage.get_text_range()
                recognised = None
                if ocr.wanted(text):
                    recognised = ocr.recognise(page)
                    if recognised is not None and ocr.mode == "auto" and _visible(recognised.text) <= _visible(text):
                        recognised = None  # OCR saw no more than the text layer holds: keep the layer
                if recognised is None and len(text) == textpage.count_chars() and "\x00" not in text:
                    _digit_boxes(textpage, text, pos + (1 if i else 0), page.get_height(), boxes)
                textpage.close()
                page.close()
            except pdfium.PdfiumError as exc:
                raise CorruptFileError(f"page {i + 1} of the PDF cannot be read ({_pdfium_reason(str(exc))})") from None
            if i:
                parts.append("\f")
                pos += 1
            page_starts.append(pos)
            if recognised is not None:
                text = recognised.text.replace("\f", "\n")
                ocr.add(recognised, i + 1, pos, boxes)
            else:
                text = text.replace("\f", "\n").replace("\x00", "")
            parts.append(text)
            pos += len(text)
            limits.check("text_chars", pos, "characters of text in the PDF")
        full = "".join(parts)
        if _visible(full) < _MIN_CHARS:
            ocr.refuse(n)
    except BaseException:
        pdf.close()
        raise
    ext = Extraction(
        text=full,
        format="pdf",
        page_starts=page_starts,
        pdf_bytes=data,
        char_boxes=boxes,
        tables=ocr.tables,
        ocr_pages=ocr.pages,
        ocr_unsure=ocr.unsure,
    )
    ext._pdf = pdf  # the document stays open for the tables stage (Extraction.pdfium); the pipeline closes it
    return ext


class _OcrPages:
    """The pages of one PDF to recognise (``--ocr``), and what their recognition gave."""

    def __init__(self, n: int) -> None:
        from .ocr import current_mode

        self.mode = current_mode()
        self.n = n
        self.pages: list[int] = []
        self.unsure: set[int] = set()
        self.parts: list[Any] = []  # the recognised tables' page parts (govtext.io.ocr.TablePart)
        self.missing: str | None = None  # why a page without text was not recognised

    def wanted(self, layer: str) -> bool:
        """Whether a page with this text layer is recognised: ``always``; ``auto`` where the layer is (nearly) empty."""
        from .ocr import MIN_LAYER_CHARS

        if self.mode == "never" or self.missing is not None:
            return False
        return self.mode == "always" or _visible(layer) < MIN_LAYER_CHARS

    def recognise(self, page: Any) -> Any:
        """The :class:`~govtext.io.ocr.OcrPage` of a pdfium page, or ``None`` where OCR is not installed."""
        from ..limits import extend_deadline
        from .ocr import RENDER_DPI, SECONDS_PER_PAGE, OcrUnavailableError, get_engine, recognise_page

        try:
            engine = get_engine()
        except OcrUnavailableError as exc:
            self.missing = str(exc)
            return None
        extend_deadline(SECONDS_PER_PAGE)
        bitmap = page.render(scale=RENDER_DPI / 72, grayscale=True)
        image = bitmap.to_numpy()
        bitmap.close()
        return recognise_page(image, RENDER_DPI, engine)

    def add(self, recognised: Any, page_no: int, pos: int, boxes: dict[int, Bbox]) -> None:
        """Take a recognised page that starts at offset ``pos`` of the text."""
        self.pages.append(page_no)
        boxes.update({pos + k: box for k, box in recognised.boxes.items()})
        self.unsure.update(pos + k for k in recognised.unsure)
        self.parts += [part.shifted(pos, page_no) for part in recognised.parts]

    @property
    def tables(self) -> list[RawTable]:
        """The recognised tables, a table over a page break joined into one."""
        from .ocr import join_parts

        return join_parts(self.parts, self.unsure) if self.parts else []

    def refuse(self, n: int) -> None:
        """Raise for a PDF whose pages hold no text, saying why OCR did not read them."""
        from .ocr import INSTALL_HINT, OcrUnavailableError

        what = f"the PDF's {n} page(s) carry no text layer (a scanned image?)"
        if self.mode == "never":
            raise OcrUnavailableError(f"{what}; OCR is off (--ocr never)")
        if self.missing is not None:
            raise OcrUnavailableError(f"{what}; to read it by OCR: {INSTALL_HINT}")
        raise EmptyDocumentError(f"{what}; OCR found no text on them")


def _visible(text: str) -> int:
    return sum(map(len, text.split()))  # str.split() splits where str.isspace(): the count, in C


def _digit_boxes(textpage: Any, text: str, base: int, height: float, out: dict[int, Bbox]) -> None:
    """Boxes of the digits and decimal points of a page (what table cells print), keyed by offset.

    Table cells are located by these boxes without opening the PDF again; the
    ``(x0, top, x1, bottom)`` box is in points from the page's top left, as
    pdfplumber gives it.
    """
    import ctypes

    import pypdfium2.raw as pdfium_c

    left, right, bottom, top = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    refs = ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top)
    charbox, raw = pdfium_c.FPDFText_GetCharBox, textpage.raw
    for n, m in enumerate(_DIGIT.finditer(text)):
        if not n & 4095:
            tick(4096)
        i = m.start()
        if charbox(raw, i, *refs):
            out[base + i] = (left.value, height - top.value, right.value, height - bottom.value)


def _pdfium_reason(msg: str) -> str:
    # "Failed to load document (PDFium: Data format error)." -> "data format error"
    if "PDFium:" in msg:
        msg = msg.split("PDFium:", 1)[1]
    return msg.strip(" .()").lower() or "unknown error"
