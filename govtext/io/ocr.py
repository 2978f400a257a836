"""OCR of scanned pages (the optional extra ``pip install 'govtext[ocr]'``).

A page with no text layer (a scanned PDF page, a PNG/JPEG/TIFF image) is recognised by
an offline engine whose models ship inside a package — RapidOCR on ONNX Runtime with
the PP-OCR Chinese models (:class:`RapidOcrEngine`, the default); Tesseract with
Debian's ``chi_sim`` (:class:`TesseractEngine`) is kept for the comparison in
``docs/ocr.md``.  Nothing is downloaded at run time.

The engine gives text lines with a box and a confidence for every character.  This
module then does what the PDF readers do for a text layer:

* **deskew**: the page's skew is the median slope of its text lines (±5°); every box
  is turned back by it, and the ruling lines are looked for in the image turned back
  the same way;
* **ruling lines**: long horizontal and vertical strokes of the binarised page make a
  grid; a line missing between two grid cells merges them (merged header cells), so a
  ruled table becomes a :class:`~govtext.io.base.RawTable` of cells with their text,
  offsets and boxes, as the DOCX reader gives them — the tables stage reads it as a
  grid;
* **reading order**: outside tables, characters are joined into lines by their
  vertical overlap, left to right; a table is written row by row, its cells
  separated by a TAB, at the place of its top edge;
* **certainty**: every character read with a confidence below :data:`LOW_CONFIDENCE`,
  and every table cell that holds ink but no character the engine read, is recorded
  in ``Extraction.ocr_unsure``; a table cell or a claim built on one is not certain,
  so it can make a reading finding (GT207), never an identity error.

Boxes are in points from the page's top left (pixels × 72 / dpi), as for a PDF's text
layer, so every cell and finding points at a place on its page.

``--ocr auto|never|always`` (:func:`ocr_mode`): ``auto`` recognises the pages without
a text layer, ``never`` none (a PDF with no text layer is an error, as before the
extra), ``always`` every page of a PDF.
"""

from __future__ import annotations

import math
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, Literal, Protocol

from ..errors import EmptyDocumentError
from .base import Bbox, Cell, RawTable
from .grid import GridCell, continues_cut_row, only_furniture, opens_row_default, repeated_header_rows

OcrMode = Literal["auto", "never", "always"]
OCR_MODES: tuple[OcrMode, ...] = ("auto", "never", "always")

#: A character read with less confidence than this is not certain (its cell and claim are not).
LOW_CONFIDENCE = 0.9
#: The resolution pages of a PDF are rendered at for OCR.
RENDER_DPI = 200
#: Seconds of deadline each page to recognise adds (OCR is slow; the deadline is for hostile input).
SECONDS_PER_PAGE = 90.0
#: A PDF page whose text layer holds fewer non-space characters than this is recognised (``auto``).
MIN_LAYER_CHARS = 8

_MODE: ContextVar[OcrMode | None] = ContextVar("govtext_ocr_mode", default=None)
INSTALL_HINT = "pip install 'govtext[ocr]'"


class OcrUnavailableError(EmptyDocumentError):
    """A page needs OCR and the OCR extra is not installed (or ``--ocr never`` was asked for)."""


@contextmanager
def ocr_mode(mode: OcrMode) -> Iterator[OcrMode]:
    """Read under ``mode`` (``auto``, ``never``, ``always``) inside the ``with`` body."""
    if mode not in OCR_MODES:
        raise ValueError(f"unknown OCR mode {mode!r}; expected one of {', '.join(OCR_MODES)}")
    token = _MODE.set(mode)
    try:
        yield mode
    finally:
        _MODE.reset(token)


def current_mode() -> OcrMode:
    """The OCR mode in force: set by :func:`ocr_mode`, else by ``GOVTEXT_OCR`` in the environment, else ``auto``."""
    mode = _MODE.get()
    if mode is not None:
        return mode
    env = os.environ.get("GOVTEXT_OCR", "auto").strip().lower()
    return env if env in OCR_MODES else "auto"


# --------------------------------------------------------------------------- engines


@dataclass(frozen=True)
class OcrChar:
    """One recognised character: its box in pixels (x0, top, x1, bottom) and the engine's confidence (0–1)."""

    ch: str
    box: Bbox
    conf: float


@dataclass(frozen=True)
class OcrLine:
    """A line as the engine found it: its characters and its slope (radians, positive: falling to the right)."""

    chars: tuple[OcrChar, ...]
    angle: float | None = None


class OcrEngine(Protocol):
    """What an OCR engine gives: the text lines of a page image (grey, uint8, H×W)."""

    name: str

    def recognise(self, image: Any, dpi: float) -> list[OcrLine]: ...

    def read_line(self, image: Any, dpi: float) -> tuple[str, float]:
        """The text of an image holding one short line (a table cell the page pass found nothing in)."""
        ...


class RapidOcrEngine:
    """RapidOCR on ONNX Runtime with the PP-OCRv4 Chinese models of its wheel (offline)."""

    name = "rapidocr"

    def __init__(self, threads: int = 2) -> None:
        try:
            from rapidocr_onnxruntime import RapidOCR
        except ImportError:
            raise OcrUnavailableError(
                f"OCR needs the optional extra: {INSTALL_HINT} (rapidocr_onnxruntime is not installed)"
            ) from None
        self._ocr = RapidOCR(intra_op_num_threads=threads, inter_op_num_threads=1, use_cls=False)

    def recognise(self, image: Any, dpi: float) -> list[OcrLine]:
        import numpy as np

        rgb = np.stack([image] * 3, axis=-1) if image.ndim == 2 else image
        result, _ = self._ocr(rgb, use_cls=False, return_word_box=True)
        lines: list[OcrLine] = []
        for item in result or []:
            quad, text, score = item[0], str(item[1]), float(item[2])
            words = item[3] if len(item) > 3 else None
            contents = item[4] if len(item) > 4 else None
            confs = item[5] if len(item) > 5 else None
            (x0, y0), (x1, y1) = quad[0], quad[1]
            angle = math.atan2(y1 - y0, x1 - x0) if x1 - x0 > 3 * _height(quad) else None
            chars = _word_chars(text, score, quad, words, contents, confs)
            if chars:
                lines.append(OcrLine(tuple(chars), angle))
        return lines

    def read_line(self, image: Any, dpi: float) -> tuple[str, float]:
        import numpy as np

        rgb = np.stack([image] * 3, axis=-1) if image.ndim == 2 else image
        result, _ = self._ocr(rgb, use_det=False, use_cls=False)
        if not result:
            return "", 0.0
        return str(result[0][0]), float(result[0][1])


class TesseractEngine:
    """Tesseract 5 with the ``chi_sim`` model of Debian's ``tesseract-ocr-chi-sim`` (for comparison)."""

    name = "tesseract"

    def __init__(self, lang: str = "chi_sim") -> None:
        if shutil.which("tesseract") is None:
            raise OcrUnavailableError(
                "Tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-chi-sim)"
            )
        self.lang = lang

    def recognise(self, image: Any, dpi: float) -> list[OcrLine]:
        return self._run(image, dpi, psm="11")

    def _run(self, image: Any, dpi: float, psm: str) -> list[OcrLine]:
        import cv2

        ok, png = cv2.imencode(".png", image)
        if not ok:
            return []
        out = subprocess.run(
            ["tesseract", "stdin", "stdout", "-l", self.lang, "--dpi", str(int(dpi)), "--psm", psm, "tsv"],
            input=png.tobytes(),
            capture_output=True,
            check=False,
        ).stdout.decode("utf-8", "replace")
        groups: dict[tuple[str, ...], list[OcrChar]] = {}
        for row in out.splitlines()[1:]:
            f = row.split("\t")
            if len(f) < 12 or f[0] != "5" or not f[11].strip():
                continue
            left, top, w, h, conf, word = int(f[6]), int(f[7]), int(f[8]), int(f[9]), float(f[10]), f[11].strip()
            step = w / len(word)
            key = (f[1], f[2], f[3], f[4])
            for k, ch in enumerate(word):
                box = (left + k * step, float(top), left + (k + 1) * step, float(top + h))
                groups.setdefault(key, []).append(OcrChar(ch, box, max(0.0, conf) / 100))
        return [OcrLine(tuple(chars)) for chars in groups.values()]

    def read_line(self, image: Any, dpi: float) -> tuple[str, float]:
        lines = self._run(image, dpi, psm="7")
        chars = [c for ln in lines for c in ln.chars]
        return "".join(c.ch for c in chars), min((c.conf for c in chars), default=0.0)


def get_engine(name: str | None = None) -> OcrEngine:
    """The engine ``name`` (``rapidocr``, the default, or ``tesseract``; else ``GOVTEXT_OCR_ENGINE``), loaded once.

    Raises :class:`OcrUnavailableError`, naming the extra, where it is not installed.
    """
    return _engine(name or os.environ.get("GOVTEXT_OCR_ENGINE", "rapidocr"))


@lru_cache(maxsize=2)
def _engine(name: str) -> OcrEngine:
    if name == "rapidocr":
        return RapidOcrEngine()
    if name == "tesseract":
        return TesseractEngine()
    raise ValueError(f"unknown OCR engine {name!r}")


def _height(quad: Any) -> float:
    return float(math.hypot(quad[3][0] - quad[0][0], quad[3][1] - quad[0][1]))


def _word_chars(text: str, score: float, quad: Any, words: Any, contents: Any, confs: Any) -> list[OcrChar]:
    """The characters of one RapidOCR line with their boxes: a word's box shared out over its characters."""
    out: list[OcrChar] = []
    if words and contents and confs and len(words) == len(contents) == len(confs):
        for box, word, conf in zip(words, contents, confs, strict=True):
            word = str(word)
            xs = [p[0] for p in box]
            ys = [p[1] for p in box]
            x0, x1, top, bottom = min(xs), max(xs), min(ys), max(ys)
            chars = [c for c in word if not c.isspace()]
            step = (x1 - x0) / max(1, len(chars))
            for k, ch in enumerate(chars):
                out.append(OcrChar(ch, (x0 + k * step, top, x0 + (k + 1) * step, bottom), float(conf)))
        if "".join(c.ch for c in out) == "".join(text.split()):
            return out
        out = []
    xs = [p[0] for p in quad]
    ys = [p[1] for p in quad]
    chars = [c for c in text if not c.isspace()]
    step = (max(xs) - min(xs)) / max(1, len(chars))
    for k, ch in enumerate(chars):
        out.append(OcrChar(ch, (min(xs) + k * step, min(ys), min(xs) + (k + 1) * step, max(ys)), score))
    return out


# --------------------------------------------------------------------------- one page


@dataclass
class OcrPage:
    """The text of one recognised page, with its tables and what is uncertain in it (offsets in ``text``)."""

    text: str
    #: the box (points) of every digit and decimal point, by offset in ``text``
    boxes: dict[int, Bbox] = field(default_factory=dict)
    #: offsets read with low confidence, and the offsets of table cells with ink but no character read
    unsure: set[int] = field(default_factory=set)
    tables: list[RawTable] = field(default_factory=list)
    skew_degrees: float = 0.0
    #: the same tables with their grid columns, to join a table that runs over a page break (:func:`join_parts`)
    parts: list[TablePart] = field(default_factory=list)


@dataclass
class PartCell:
    """A cell of a recognised table with its grid row and column (``Cell.rowspan``/``colspan``: its extent)."""

    cell: Cell
    r0: int
    c0: int

    @property
    def r1(self) -> int:
        return self.r0 + self.cell.rowspan

    @property
    def c1(self) -> int:
        return self.c0 + self.cell.colspan


@dataclass
class TablePart:
    """One page's part of a ruled table: its cells with their grid places, its box (points), its offsets."""

    page: int  # 1-based once placed in a document
    box: Bbox
    ncols: int
    nrows: int
    cells: list[PartCell]
    start: int
    end: int
    above: str = ""  # the page's text before the table and after it (page furniture, or not)
    below: str = ""

    def raw(self) -> RawTable:
        rows = [sorted((c for c in self.cells if c.r0 == r), key=lambda c: c.c0) for r in range(self.nrows)]
        return RawTable(
            tuple(tuple(c.cell for c in row) for row in rows if row), self.start, self.end, page=self.page or None
        )

    def shifted(self, pos: int, page: int) -> TablePart:
        cells = [
            PartCell(replace(c.cell, start=c.cell.start + pos, end=c.cell.end + pos), c.r0, c.c0) for c in self.cells
        ]
        return TablePart(
            page, self.box, self.ncols, self.nrows, cells, self.start + pos, self.end + pos, self.above, self.below
        )


@dataclass
class _Char:
    ch: str
    box: Bbox  # deskewed, pixels
    conf: float

    @property
    def cx(self) -> float:
        return (self.box[0] + self.box[2]) / 2

    @property
    def cy(self) -> float:
        return (self.box[1] + self.box[3]) / 2


@dataclass
class _Table:
    box: Bbox  # pixels
    cells: list[GridCell]  # boxes in pixels, chars _Char


def recognise_page(image: Any, dpi: float, engine: OcrEngine | None = None) -> OcrPage:
    """Recognise one page image (grey or colour array) scanned at ``dpi``: text, tables, boxes, certainty."""
    import numpy as np

    grey = _grey(np.asarray(image))
    eng = engine or get_engine()
    lines = eng.recognise(grey, dpi)
    angles = [ln.angle for ln in lines if ln.angle is not None and abs(ln.angle) < math.radians(5)]
    skew = float(np.median(angles)) if angles else 0.0
    h, w = grey.shape[:2]
    centre = (w / 2, h / 2)
    chars = [_Char(c.ch, _turn(c.box, centre, -skew), c.conf) for ln in lines for c in ln.chars]
    straight = _rotate(grey, skew) if abs(skew) > math.radians(0.1) else grey
    tables = _find_tables(straight, dpi)
    free = _place(chars, tables)
    for t in tables:
        for cell in t.cells:
            if cell.ink and not cell.chars:
                cell.chars = _reread(eng, straight, cell.box, dpi)
    return _assemble(free, tables, dpi, math.degrees(skew))


def _grey(image: Any) -> Any:
    import cv2

    if image.ndim == 3:
        return cv2.cvtColor(image, cv2.COLOR_RGB2GRAY if image.shape[2] == 3 else cv2.COLOR_RGBA2GRAY)
    return image


def _turn(box: Bbox, centre: tuple[float, float], angle: float) -> Bbox:
    """A box turned by ``angle`` (radians) about ``centre``: its centre moves, its size stays."""
    cx, cy = (box[0] + box[2]) / 2 - centre[0], (box[1] + box[3]) / 2 - centre[1]
    c, s = math.cos(angle), math.sin(angle)
    nx, ny = cx * c - cy * s + centre[0], cx * s + cy * c + centre[1]
    hw, hh = (box[2] - box[0]) / 2, (box[3] - box[1]) / 2
    return (nx - hw, ny - hh, nx + hw, ny + hh)


def _rotate(grey: Any, angle: float) -> Any:
    """The image turned by ``-angle`` (radians) about its centre, as :func:`_turn` turns boxes."""
    import cv2

    h, w = grey.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), math.degrees(angle), 1.0)
    return cv2.warpAffine(grey, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


# --------------------------------------------------------------------------- ruling lines


@dataclass(frozen=True)
class _Seg:
    pos: float  # y of a horizontal line, x of a vertical one
    lo: float
    hi: float


def _find_tables(grey: Any, dpi: float) -> list[_Table]:
    """The ruled tables of a (deskewed) page: the grid of its long strokes, merged cells where a line is missing."""
    import cv2
    import numpy as np

    _, ink = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    pt = dpi / 72
    hk = cv2.getStructuringElement(cv2.MORPH_RECT, (max(8, int(40 * pt)), 1))
    vk = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(8, int(14 * pt))))
    # a binarised scan breaks thin lines into dashes: bridge gaps of a point or two along a horizontal line first
    # (not along vertical ones: that joins a heading's strokes to the table under it)
    bridge = max(2, round(1.5 * pt))
    hclosed = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (bridge, 1)))
    hmask = cv2.dilate(cv2.morphologyEx(hclosed, cv2.MORPH_OPEN, hk), np.ones((3, 3), np.uint8))
    vmask = cv2.dilate(cv2.morphologyEx(ink, cv2.MORPH_OPEN, vk), np.ones((3, 3), np.uint8))
    hsegs = _segments(hmask, horizontal=True)
    vsegs = _segments(vmask, horizontal=False)
    if len(hsegs) < 2 or len(vsegs) < 2:
        return []
    grid = cv2.dilate(cv2.bitwise_or(hmask, vmask), np.ones((5, 5), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(grid)
    tol = max(3.0, 3 * pt)
    tables = []
    for i in range(1, n):
        x, y, bw, bh = (int(v) for v in stats[i][:4])
        if bw < 60 * pt or bh < 20 * pt:
            continue
        hs = [s for s in hsegs if y - tol <= s.pos <= y + bh + tol and s.lo >= x - tol and s.hi <= x + bw + tol]
        vs = [s for s in vsegs if x - tol <= s.pos <= x + bw + tol and s.lo >= y - tol and s.hi <= y + bh + tol]
        table = _grid(hs, vs, tol)
        if table is not None:
            for cell in table.cells:
                cell.ink = _has_ink(ink, cell.box, pt)
            tables.append(table)
    return tables


def _segments(mask: Any, horizontal: bool) -> list[_Seg]:
    import cv2

    n, _, stats, _ = cv2.connectedComponentsWithStats(mask)
    out = []
    for i in range(1, n):
        x, y, w, h = (int(v) for v in stats[i][:4])
        if horizontal:
            out.append(_Seg(y + h / 2, x, x + w))
        else:
            out.append(_Seg(x + w / 2, y, y + h))
    return out


def _snap(values: list[float], tol: float) -> list[float]:
    out: list[list[float]] = []
    for v in sorted(values):
        if out and v - out[-1][-1] <= tol:
            out[-1].append(v)
        else:
            out.append([v])
    return [sum(g) / len(g) for g in out]


def _grid(hs: list[_Seg], vs: list[_Seg], tol: float) -> _Table | None:
    ys = _snap([s.pos for s in hs], tol)
    xs = _snap([s.pos for s in vs], tol)
    if len(ys) < 2 or len(xs) < 2:
        return None
    nr, nc = len(ys) - 1, len(xs) - 1

    def vline(x: float, y: float) -> bool:
        return any(abs(s.pos - x) <= tol and s.lo - tol <= y <= s.hi + tol for s in vs)

    def hline(y: float, x: float) -> bool:
        return any(abs(s.pos - y) <= tol and s.lo - tol <= x <= s.hi + tol for s in hs)

    parent = list(range(nr * nc))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(nr):
        my = (ys[r] + ys[r + 1]) / 2
        for c in range(nc):
            mx = (xs[c] + xs[c + 1]) / 2
            if c + 1 < nc and not vline(xs[c + 1], my):
                parent[find(r * nc + c + 1)] = find(r * nc + c)
            if r + 1 < nr and not hline(ys[r + 1], mx):
                parent[find((r + 1) * nc + c)] = find(r * nc + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(nr):
        for c in range(nc):
            groups.setdefault(find(r * nc + c), []).append((r, c))
    cells = []
    for members in groups.values():
        r0, r1 = min(m[0] for m in members), max(m[0] for m in members) + 1
        c0, c1 = min(m[1] for m in members), max(m[1] for m in members) + 1
        cells.append(GridCell(r0, r1, c0, c1, (xs[c0], ys[r0], xs[c1], ys[r1])))
    if len(cells) < 2:
        return None
    return _Table((xs[0], ys[0], xs[-1], ys[-1]), cells)


def _has_ink(ink: Any, box: Bbox, pt: float) -> bool:
    """Whether a cell's inside (its ruling lines left out) holds a mark: a character the engine did not read."""
    m = math.ceil(2.5 * pt)
    x0, y0, x1, y1 = int(box[0]) + m, int(box[1]) + m, int(box[2]) - m, int(box[3]) - m
    if x1 <= x0 or y1 <= y0:
        return False
    import cv2

    inside = ink[y0:y1, x0:x1]
    # a specks-only cell (noise, JPEG ringing) is empty: ink counts in blobs of a stroke's size
    n, _, stats, _ = cv2.connectedComponentsWithStats(inside)
    return any(stats[i][4] >= max(4, int(1.5 * pt * pt)) for i in range(1, n))


# --------------------------------------------------------------------------- reading order


_DASHES = frozenset("一-—–－_~～")
#: What a table cell read on its own may hold: a number, or the dash or slash of a blank.
_CELL_MARK = re.compile(r"[-+]?[\d,.]+|[一\-—–－_~～/／]{1,4}")


def _place(chars: list[_Char], tables: list[_Table]) -> list[_Char]:
    """Put every character inside a table into its cell; the characters outside tables."""
    free: list[_Char] = []
    for ch in chars:
        for t in tables:
            x0, top, x1, bottom = t.box
            if x0 <= ch.cx <= x1 and top <= ch.cy <= bottom:
                cell = next(
                    (c for c in t.cells if c.box[0] <= ch.cx <= c.box[2] and c.box[1] <= ch.cy <= c.box[3]),
                    None,
                )
                if cell is None:  # on a ruling line: the nearest cell
                    cell = min(
                        t.cells,
                        key=lambda c: abs((c.box[0] + c.box[2]) / 2 - ch.cx) + abs((c.box[1] + c.box[3]) / 2 - ch.cy),
                    )
                cell.chars.append(ch)
                break
        else:
            free.append(ch)
    return free


def _reread(engine: OcrEngine, grey: Any, box: Bbox, dpi: float) -> list[_Char]:
    """Read a table cell on its own: the page pass misses a lone short number (``1``) now and then."""
    import cv2
    import numpy as np

    pt = dpi / 72
    m = math.ceil(2.5 * pt)
    x0, y0, x1, y1 = int(box[0]) + m, int(box[1]) + m, int(box[2]) - m, int(box[3]) - m
    if x1 <= x0 or y1 <= y0:
        return []
    crop = grey[y0:y1, x0:x1]
    _, ink = cv2.threshold(crop, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    ys, xs = np.nonzero(ink)
    if not len(xs):
        return []
    bx0, bx1, by0, by1 = int(xs.min()), int(xs.max()) + 1, int(ys.min()), int(ys.max()) + 1
    left, top, bottom = x0 + bx0, y0 + by0, y0 + by1
    if by1 - by0 <= 4 * pt and bx1 - bx0 >= 2.5 * (by1 - by0):
        # one flat stroke: the dash a blank cell prints (the detector passes over it); its shape says so surely
        return [_Char("—", (left, top, x0 + bx1, bottom), 0.95)]
    pad = max(4, (by1 - by0) // 2)
    piece = cv2.copyMakeBorder(crop[by0:by1, bx0:bx1], pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255)
    text, conf = engine.read_line(piece, dpi)
    chars = [c for c in text if not c.isspace()]
    if not chars or not _CELL_MARK.fullmatch("".join(chars)):
        return []  # not a number or a dash (■ for a smudge): the cell stays unread, so unsure
    step = (bx1 - bx0) / len(chars)
    # read alone, with nothing around it to confirm it: never certain
    conf = min(conf, LOW_CONFIDENCE - 0.01)
    return [_Char(c, (left + k * step, top, left + (k + 1) * step, bottom), conf) for k, c in enumerate(chars)]


def _assemble(free: list[_Char], tables: list[_Table], dpi: float, skew: float) -> OcrPage:
    """Lay the characters out as text: lines outside tables, tables row by row, in order of their tops."""
    items: list[tuple[float, object]] = [(line[0].box[1], line) for line in _lines(free)]
    items += [(t.box[1], t) for t in tables]
    items.sort(key=lambda it: it[0])
    page = OcrPage("", skew_degrees=skew)
    parts: list[str] = []
    pos = 0
    scale = 72 / dpi

    def put(ch: _Char) -> None:
        nonlocal pos
        parts.append(ch.ch)
        if "0" <= ch.ch <= "9" or ch.ch == ".":
            page.boxes[pos] = tuple(v * scale for v in ch.box)  # type: ignore[assignment]
        if ch.conf < LOW_CONFIDENCE:
            page.unsure.add(pos)
        pos += 1

    def put_text(s: str) -> None:
        nonlocal pos
        parts.append(s)
        pos += len(s)

    for _, item in items:
        if isinstance(item, _Table):
            t_start = pos
            n = max(c.r1 for c in item.cells)
            emitted = [r for r in range(n) if any(c.r0 == r for c in item.cells)]
            index = {r: k for k, r in enumerate(emitted)}
            placed: list[PartCell] = []
            for r in emitted:
                row_cells = sorted((c for c in item.cells if c.r0 == r), key=lambda c: c.c0)
                for k, cell in enumerate(row_cells):
                    if k:
                        put_text("\t")
                    text_chars = _cell_chars(cell)
                    start = pos
                    for ch in text_chars:
                        put(ch)
                    if not text_chars and cell.ink:
                        page.unsure.add(start)  # a mark the engine did not read: not a blank
                    box = None
                    if text_chars:
                        box = (
                            min(c.box[0] for c in text_chars) * scale,
                            min(c.box[1] for c in text_chars) * scale,
                            max(c.box[2] for c in text_chars) * scale,
                            max(c.box[3] for c in text_chars) * scale,
                        )
                    rowspan = sum(1 for e in emitted if cell.r0 <= e < cell.r1)
                    text = "".join(c.ch for c in text_chars)
                    r0 = index[r]
                    placed.append(PartCell(Cell(text, start, pos, rowspan, cell.c1 - cell.c0, box), r0, cell.c0))
                put_text("\n")
            if placed:
                tbox: Bbox = (item.box[0] * scale, item.box[1] * scale, item.box[2] * scale, item.box[3] * scale)
                part = TablePart(0, tbox, max(c.c1 for c in item.cells), len(emitted), placed, t_start, pos)
                page.parts.append(part)
                page.tables.append(part.raw())
        else:
            assert isinstance(item, list)
            prev: _Char | None = None
            for ch in item:
                if prev is not None and ch.box[0] - prev.box[2] > 0.6 * (ch.box[3] - ch.box[1]):
                    put_text(" ")
                put(ch)
                prev = ch
            put_text("\n")
    page.text = "".join(parts)
    for part in page.parts:
        part.above = page.text[: part.start]
        part.below = page.text[part.end :]
    return page


def _cell_chars(cell: GridCell) -> list[_Char]:
    """A cell's characters line by line from the top, each line from the left; a dash mark read as 一 is a dash."""
    out = [c for line in _lines(cell.chars) for c in line]
    if out and all(c.ch in _DASHES for c in out) and len(out) <= 4:
        out = [_Char("—", c.box, c.conf) for c in out]
    return out


def _lines(chars: list[_Char]) -> list[list[_Char]]:
    """Characters grouped into lines by vertical overlap, each line left to right."""
    lines: list[list[_Char]] = []
    for ch in sorted(chars, key=lambda c: c.cy):
        if lines:
            last = lines[-1]
            top = sum(c.box[1] for c in last) / len(last)
            bottom = sum(c.box[3] for c in last) / len(last)
            if top <= ch.cy <= bottom:
                last.append(ch)
                continue
        lines.append([ch])
    return [sorted(line, key=lambda c: c.box[0]) for line in lines]


# --------------------------------------------------------------------------- tables over page breaks

#: Two tables on consecutive pages are one where their left and right edges are this close (points).
_EDGE_TOLERANCE = 10.0


def join_parts(parts: list[TablePart], unsure: set[int]) -> list[RawTable]:
    """The tables of a document from their page parts: a part at the top of the next page continues the last one.

    It does when nothing but page furniture (a page number) stands between them, both have the
    same columns and the same left and right edges.  Header rows printed again on the
    continuation are dropped; a row the break cut (its label not opening a row of its own) is
    joined to the row above the break, cell by cell.  A cell joined with a continuation OCR saw
    ink in but read nothing from becomes unsure (``unsure`` is updated).
    """
    groups: list[list[TablePart]] = []
    for part in parts:
        if groups:
            prev = groups[-1][-1]
            if (
                part.page == prev.page + 1
                and part.ncols == prev.ncols
                and abs(part.box[0] - prev.box[0]) <= _EDGE_TOLERANCE
                and abs(part.box[2] - prev.box[2]) <= _EDGE_TOLERANCE
                and only_furniture(prev.below + part.above)
            ):
                groups[-1].append(part)
                continue
        groups.append([part])
    return [_joined(g, unsure) for g in groups]


def _joined(group: list[TablePart], unsure: set[int]) -> RawTable:
    first = group[0]
    cells = [PartCell(c.cell, c.r0, c.c0) for c in first.cells]  # copies: joining changes them
    nrows = first.nrows
    for part in group[1:]:
        more = list(part.cells)
        skip = repeated_header_rows(partial(_row_texts, cells), partial(_row_texts, more), part.nrows)
        more = [PartCell(c.cell, c.r0 - skip, c.c0) for c in more if c.r0 >= skip]
        rows_more = part.nrows - skip
        head = sorted((c for c in more if c.r0 == 0 and c.cell.rowspan == 1), key=lambda c: c.c0)
        above = {(c.c0, c.c1): c for c in cells if c.r1 == nrows}
        texts_above = [None if (u := above.get((c.c0, c.c1))) is None else u.cell.text for c in head]
        if continues_cut_row([c.cell.text for c in head], texts_above, opens_row_default):
            joined = set()
            for c in head:
                target = above.get((c.c0, c.c1))
                if target is None:
                    continue
                t = target.cell
                if not c.cell.text and c.cell.start in unsure:
                    unsure.add(t.start)
                if c.cell.text:
                    target.cell = replace(
                        t, text=t.text + c.cell.text, end=c.cell.end, start=t.start if t.text else c.cell.start
                    )
                joined.add(id(c))
            more = [c for c in more if id(c) not in joined]
            if not any(c.r0 == 0 for c in more):
                more = [PartCell(c.cell, max(0, c.r0 - 1), c.c0) for c in more]
                rows_more -= 1
        cells += [PartCell(c.cell, c.r0 + nrows, c.c0) for c in more]
        nrows += max(0, rows_more)
    table = TablePart(first.page, first.box, first.ncols, nrows, cells, first.start, group[-1].end)
    return table.raw()


def _row_texts(cells: list[PartCell], r: int) -> list[tuple[int, int, str]]:
    return sorted((c.c0, c.c1, c.cell.text) for c in cells if c.r0 == r)


# --------------------------------------------------------------------------- batch


def ocr_allowance(path: str) -> float:
    """Seconds to add to a file's timeout for the pages OCR will recognise in it (0 where there are none).

    Counts the frames of an image file and the pages of a PDF whose text layer is (nearly) empty, when
    OCR is installed and not turned off; any file it cannot open counts nothing (the reader will say why).
    """
    import importlib.util

    mode = current_mode()
    if mode == "never" or importlib.util.find_spec("rapidocr_onnxruntime") is None:
        return 0.0
    try:
        with Path(path).open("rb") as fh:
            head = fh.read(8)
            if is_image(head):
                from PIL import Image, ImageSequence

                fh.seek(0)
                with Image.open(fh) as img:
                    return SECONDS_PER_PAGE * sum(1 for _ in ImageSequence.Iterator(img))
            if b"%PDF" not in head:
                return 0.0
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(path)
        try:
            pages = 0
            for i in range(len(pdf)):
                page = pdf[i]
                text = ""
                if mode != "always":
                    textpage = page.get_textpage()
                    text = textpage.get_text_range()
                    textpage.close()
                pages += sum(1 for ch in text if not ch.isspace()) < MIN_LAYER_CHARS
                page.close()
            return SECONDS_PER_PAGE * pages
        finally:
            pdf.close()
    except Exception:  # a damaged file: the reader reports it
        return 0.0


# --------------------------------------------------------------------------- images


def image_pages(data: bytes) -> list[tuple[Any, float]]:
    """The pages of a PNG, JPEG or TIFF file as grey arrays, with their resolution (dpi).

    A file that states no resolution is taken as an A4 page (its width 8.27 inches).
    """
    from io import BytesIO

    import numpy as np
    from PIL import Image, ImageSequence

    img = Image.open(BytesIO(data))
    out = []
    for frame in ImageSequence.Iterator(img):
        g = frame.convert("L")
        dpi = frame.info.get("dpi")
        res = float(dpi[0]) if dpi and dpi[0] and float(dpi[0]) > 30 else None
        if res is None:
            w, h = g.size
            res = min(w, h) / 8.27
        out.append((np.asarray(g), res))
    return out


def is_image(data: bytes) -> str | None:
    """The kind of image ``data`` is (``png``, ``jpeg``, ``tiff``), else ``None``."""
    if data.startswith(b"\x89PNG"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith((b"II*\x00", b"MM\x00*")):
        return "tiff"
    return None


__all__ = [
    "LOW_CONFIDENCE",
    "OCR_MODES",
    "OcrChar",
    "OcrEngine",
    "OcrLine",
    "OcrMode",
    "OcrPage",
    "OcrUnavailableError",
    "RapidOcrEngine",
    "TablePart",
    "TesseractEngine",
    "current_mode",
    "get_engine",
    "image_pages",
    "is_image",
    "join_parts",
    "ocr_allowance",
    "ocr_mode",
    "recognise_page",
]
