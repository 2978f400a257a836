"""OCR of scans (govtext[ocr]): ruling lines, reading order, certainty, the mode, and the error without the extra.

The layout tests use a stand-in engine over images drawn here (fast, exact); the tests
that run RapidOCR read one small committed scan (``tests/data/ocr``, made by
``tools/synth/govtext_synth/scan.py`` from a generated report, see its README) and are skipped,
with the reason, where the extra is not installed.
"""

from __future__ import annotations

import io
import json
import math
from pathlib import Path
from typing import Any

import pytest

import govtext
from govtext.io import ocr
from govtext.io.ocr import OcrChar, OcrLine, OcrUnavailableError

from .helpers import make_pdf

cv2 = pytest.importorskip("cv2", reason="the ocr extra is not installed: pip install -e '.[ocr]'")
np = pytest.importorskip("numpy")

DATA = Path(__file__).parent / "data" / "ocr"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"

try:
    import rapidocr_onnxruntime  # noqa: F401

    HAVE_RAPIDOCR = True
except ImportError:
    HAVE_RAPIDOCR = False
needs_rapidocr = pytest.mark.skipif(not HAVE_RAPIDOCR, reason="the ocr extra is not installed: pip install '.[ocr]'")


# --------------------------------------------------------------------------- a stand-in engine


class Replay:
    """An engine that gives back lines it was given (or a real engine's lines, changed)."""

    name = "replay"

    def __init__(self, lines: list[OcrLine], reread: tuple[str, float] = ("", 0.0)) -> None:
        self.lines = lines
        self.reread = reread
        self.rereads = 0

    def recognise(self, image: Any, dpi: float) -> list[OcrLine]:
        return self.lines

    def read_line(self, image: Any, dpi: float) -> tuple[str, float]:
        self.rereads += 1
        return self.reread


def _grid_image(
    rows: list[float], cols: list[float], size: tuple[int, int] = (700, 360), skip: list[tuple] | None = None
) -> Any:
    """A white page with a ruled grid; ``skip`` leaves out vertical line pieces ``(x, y0, y1)``."""
    img = np.full((size[1], size[0]), 255, np.uint8)
    for y in rows:
        cv2.line(img, (int(cols[0]), int(y)), (int(cols[-1]), int(y)), 0, 2)
    for x in cols:
        cv2.line(img, (int(x), int(rows[0])), (int(x), int(rows[-1])), 0, 2)
    for x, y0, y1 in skip or []:
        cv2.line(img, (int(x), int(y0) + 3), (int(x), int(y1) - 3), 255, 4)
    return img


def _char(ch: str, cx: float, cy: float, conf: float = 0.99, w: float = 16, h: float = 22) -> OcrChar:
    return OcrChar(ch, (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), conf)


ROWS = [60.0, 120.0, 180.0, 240.0]
COLS = [50.0, 250.0, 400.0, 550.0]


def _centre(r: int, c: int) -> tuple[float, float]:
    return (COLS[c] + COLS[c + 1]) / 2, (ROWS[r] + ROWS[r + 1]) / 2


def _line(text: str, r: int, c: int, conf: float = 0.99) -> OcrLine:
    cx, cy = _centre(r, c)
    x0 = cx - 8 * len(text) + 8
    return OcrLine(tuple(_char(ch, x0 + 16 * k, cy, conf) for k, ch in enumerate(text)))


def test_a_ruled_grid_becomes_a_table_row_by_row_with_tabs() -> None:
    img = _grid_image(ROWS, COLS)
    lines = [_line("项目", 0, 0), _line("甲", 0, 1), _line("乙", 0, 2)]
    lines += [_line("行政许可", 1, 0), _line("12", 1, 1), _line("3", 1, 2)]
    lines += [_line("行政处罚", 2, 0), _line("7", 2, 1), _line("40", 2, 2)]
    title = OcrLine(tuple(_char(ch, 60 + 22 * k, 30) for k, ch in enumerate("表二情况")))
    page = ocr.recognise_page(img, 144, Replay([title, *lines]))
    assert page.text.startswith("表二情况\n")
    assert len(page.tables) == 1
    t = page.tables[0]
    assert t.texts() == [["项目", "甲", "乙"], ["行政许可", "12", "3"], ["行政处罚", "7", "40"]]
    assert "行政许可\t12\t3\n" in page.text
    cell = t.rows[1][1]
    assert page.text[cell.start : cell.end] == "12"
    # boxes in points (pixels × 72 / dpi): the cell at x 250..400 px at 144 dpi lies at 125..200 pt
    assert cell.bbox is not None and 125 <= cell.bbox[0] < cell.bbox[2] <= 200
    assert set(page.boxes) == {i for i, ch in enumerate(page.text) if ch.isdigit()}
    assert not page.unsure


def test_a_missing_ruling_line_merges_cells() -> None:
    # the header cell over columns 1 and 2 (no line between them in row 0)
    img = _grid_image(ROWS, COLS, skip=[(COLS[2], ROWS[0], ROWS[1])])
    lines = [_line("项目", 0, 0), _line("数量", 0, 1)]
    lines += [_line("规章", 1, 0), _line("5", 1, 1), _line("6", 1, 2)]
    page = ocr.recognise_page(img, 144, Replay(lines))
    rows = page.tables[0].rows
    assert [(c.text, c.colspan) for c in rows[0]] == [("项目", 1), ("数量", 2)]
    assert [c.text for c in rows[1]] == ["规章", "5", "6"]


def test_a_skewed_scan_is_straightened() -> None:
    angle = math.radians(1.8)
    img = _grid_image(ROWS, COLS)
    h, w = img.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), -math.degrees(angle), 1.0)
    turned = cv2.warpAffine(img, m, (w, h), borderValue=255)

    def move(line: OcrLine) -> OcrLine:
        out = []
        for c in line.chars:
            cx, cy = (c.box[0] + c.box[2]) / 2, (c.box[1] + c.box[3]) / 2
            nx, ny = m @ np.array([cx, cy, 1.0])
            out.append(_char(c.ch, nx, ny, c.conf))
        return OcrLine(tuple(out), angle)

    lines = [_line("行政强制措施", 0, 0), _line("123", 0, 1), _line("45", 0, 2)]
    lines += [_line("行政许可事项", 1, 0), _line("6", 1, 1), _line("78", 1, 2)]
    lines += [_line("其他对外管理", 2, 0), _line("9", 2, 1), _line("10", 2, 2)]
    page = ocr.recognise_page(turned, 144, Replay([move(ln) for ln in lines]))
    assert abs(page.skew_degrees - 1.8) < 0.2
    assert page.tables[0].texts() == [
        ["行政强制措施", "123", "45"],
        ["行政许可事项", "6", "78"],
        ["其他对外管理", "9", "10"],
    ]


def test_low_confidence_digits_and_unread_marks_are_unsure() -> None:
    img = _grid_image(ROWS, COLS)
    cx, cy = _centre(2, 2)
    cv2.putText(img, "8", (int(cx) - 6, int(cy) + 8), cv2.FONT_HERSHEY_SIMPLEX, 0.8, 0, 2)  # ink OCR misses
    lines = [_line("项目", 0, 0), _line("甲", 0, 1), _line("乙", 0, 2)]
    lines += [_line("规章", 1, 0), _line("3", 1, 1, conf=0.55), _line("4", 1, 2)]
    lines += [_line("文件", 2, 0), _line("2", 2, 1)]
    engine = Replay(lines)  # the cell read alone gives nothing either
    page = ocr.recognise_page(img, 144, engine)
    rows = page.tables[0].rows
    assert engine.rereads == 1  # only the cell with ink and no character
    low = rows[1][1]
    assert low.text == "3" and low.start in page.unsure
    empty = rows[2][2]
    assert empty.text == "" and empty.start in page.unsure
    assert rows[1][2].start not in page.unsure and rows[2][1].start not in page.unsure


def test_a_cell_read_alone_is_never_certain() -> None:
    img = _grid_image(ROWS, COLS)
    cx, cy = _centre(1, 2)
    cv2.putText(img, "1", (int(cx) - 6, int(cy) + 8), cv2.FONT_HERSHEY_SIMPLEX, 0.8, 0, 2)
    lines = [_line("项目", 0, 0), _line("规章", 1, 0), _line("5", 1, 1)]
    page = ocr.recognise_page(img, 144, Replay(lines, reread=("1", 0.99)))
    cell = page.tables[0].rows[1][2]
    assert cell.text == "1" and cell.start in page.unsure


def test_a_dash_read_as_yi_is_a_dash() -> None:
    img = _grid_image(ROWS, COLS)
    lines = [_line("规章", 1, 0), _line("一", 1, 1), _line("5", 1, 2)]
    page = ocr.recognise_page(img, 144, Replay(lines))
    assert page.tables[0].rows[1][1].text == "—"


# --------------------------------------------------------------------------- mode and the missing extra


def test_without_the_extra_the_error_names_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def missing(name: str | None = None) -> Any:
        raise OcrUnavailableError(f"OCR needs the optional extra: {ocr.INSTALL_HINT}")

    monkeypatch.setattr(ocr, "get_engine", missing)
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf([[]]))
    with pytest.raises(OcrUnavailableError, match=r"pip install 'govtext\[ocr\]'") as info:
        govtext.analyze(path)
    assert isinstance(info.value, govtext.EmptyDocumentError)  # as before the extra: exit 2
    from govtext.cli import main

    assert main(["analyze", str(path)]) == 2


def test_ocr_never_refuses_a_scan_and_an_image(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with ocr.ocr_mode("never"), pytest.raises(OcrUnavailableError, match="OCR is off"):
        govtext.analyze(make_pdf([[]]))
    with ocr.ocr_mode("never"), pytest.raises(OcrUnavailableError, match="OCR is off"):
        govtext.analyze((DATA / "t4_150dpi.jpg").read_bytes())
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf([[]]))
    from govtext.cli import main

    assert main(["analyze", "--ocr", "never", str(path)]) == 2
    assert "OCR is off" in capsys.readouterr().err


def test_pages_with_a_text_layer_are_not_recognised(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def engine(name: str | None = None) -> Any:
        calls.append(1)
        return Replay([OcrLine(tuple(_char(ch, 100 + 20 * k, 100) for k, ch in enumerate("ABC")))])

    monkeypatch.setattr(ocr, "get_engine", engine)
    pdf = make_pdf([["Annual report 2023, page one"], [], ["page three"]])
    from govtext.io import read

    ext, _ = read(pdf)
    assert ext.ocr_pages == [2] and len(calls) == 1
    assert ext.text.split("\f") == ["Annual report 2023, page one", "ABC\n", "page three"]
    with ocr.ocr_mode("always"):
        ext, _ = read(pdf)
    assert ext.ocr_pages == [1, 2, 3]


# --------------------------------------------------------------------------- RapidOCR on a committed scan


@pytest.fixture(scope="module")
def t4_lines() -> list[OcrLine]:
    """RapidOCR's lines of the committed scan of a table 4 (150 dpi, turned 1°, blurred, JPEG), read once."""
    from govtext.io.ocr import get_engine, image_pages

    ((image, dpi),) = image_pages((DATA / "t4_150dpi.jpg").read_bytes())
    return get_engine("rapidocr").recognise(image, dpi)


@needs_rapidocr
def test_a_scanned_table_4_reads_back_exactly(t4_lines: list[OcrLine], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "get_engine", lambda name=None: _real_rereads(t4_lines))
    import govtext.io.image

    monkeypatch.setattr(govtext.io.image, "get_engine", ocr.get_engine)
    expected = json.loads((DATA / "t4_150dpi.json").read_text())
    doc = govtext.analyze(DATA / "t4_150dpi.jpg", timeout=None)
    assert doc.source is not None and doc.source.format == "image"
    t4 = doc.tables["t4"]
    assert t4 is not None
    for group, cols in expected.items():
        for col, value in cols.items():
            cell = t4.cells[(group, col)]
            assert cell.value == value, (group, col, cell)
            assert cell.span is not None and cell.span.page == 1 and cell.bbox is not None
    # a crop of one table is not a whole report (GT100); nothing else is an error
    assert [f.rule for f in doc.findings if f.severity == "error"] == ["GT100"]


@needs_rapidocr
def test_a_low_confidence_digit_is_a_reading_finding_not_an_error(
    t4_lines: list[OcrLine], monkeypatch: pytest.MonkeyPatch
) -> None:
    import govtext.io.image

    # 行政复议 总计 (1) read as 7: with confidence it breaks the row (an error); without, a reading finding
    def changed(conf: float) -> Any:
        lines = []
        for ln in t4_lines:
            chars = list(ln.chars)
            for k, c in enumerate(chars):
                if c.ch == "1" and 150 * 158 / 72 < c.box[0] < 150 * 172 / 72:
                    chars[k] = OcrChar("7", c.box, conf)
            lines.append(OcrLine(tuple(chars), ln.angle))
        return _real_rereads(lines)

    for conf, error in ((0.99, True), (0.5, False)):
        engine = changed(conf)
        monkeypatch.setattr(ocr, "get_engine", lambda name=None, e=engine: e)
        monkeypatch.setattr(govtext.io.image, "get_engine", ocr.get_engine)
        doc = govtext.analyze(DATA / "t4_150dpi.jpg", timeout=None)
        cell = doc.tables["t4"].cells[("review", "total")]
        assert cell.value == 7
        assert cell.certain is error
        errors = [f for f in doc.findings if f.severity == "error" and "表四" in f.message]
        assert bool(errors) is error, [f.message for f in doc.findings]
        if not error:
            assert any(f.rule == "GT207" for f in doc.findings)


def _real_rereads(lines: list[OcrLine]) -> Any:
    class Engine(Replay):
        def read_line(self, image: Any, dpi: float) -> tuple[str, float]:
            return ocr._engine("rapidocr").read_line(image, dpi)

    return Engine(lines)


# --------------------------------------------------------------------------- the shared report's scanned page


@pytest.mark.corpus
@needs_rapidocr
def test_hongze_table_4_errors_are_found_on_its_scanned_page() -> None:
    """hongze_2023.pdf with its table-4 page replaced by a 200-dpi scan: the known 表四 errors are still found."""
    path = SHARED / "hongze_2023.pdf"
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared/corpus beside the checkout)")

    import pypdfium2 as pdfium
    from govtext_synth import scan

    data = path.read_bytes()
    page = 3  # 0-based: the page holding 表四
    scanned = pdfium.PdfDocument(scan.scan(data, dpi=200, seed=1, pages=[page]))
    src = pdfium.PdfDocument(data)
    mixed = pdfium.PdfDocument.new()
    mixed.import_pages(src, list(range(page)))
    mixed.import_pages(scanned, [0])
    mixed.import_pages(src, list(range(page + 1, len(src))))
    buf = io.BytesIO()
    mixed.save(buf)
    doc = govtext.analyze(buf.getvalue(), name="hongze_scan.pdf", timeout=None)
    assert doc.extraction is not None and doc.extraction.ocr_pages == [page + 1]
    errors = [f for f in doc.findings if f.severity == "error"]
    assert {f.rule for f in errors} == {"GT305"}
    assert any("行政复议" in f.message for f in errors) and any("复议后起诉" in f.message for f in errors)
    assert all(f.span is not None and f.span.page == page + 1 for f in errors)


def test_a_scan_gets_more_time_in_a_batch(tmp_path: Path) -> None:
    from govtext.io.ocr import SECONDS_PER_PAGE, ocr_allowance

    text_pdf, scan_pdf = tmp_path / "text.pdf", tmp_path / "scan.pdf"
    text_pdf.write_bytes(make_pdf([["Annual report 2023"], ["the second page"]]))
    scan_pdf.write_bytes(make_pdf([["Annual report 2023"], [], []]))
    assert ocr_allowance(str(text_pdf)) == 0
    assert ocr_allowance(str(tmp_path / "missing.pdf")) == 0
    if not HAVE_RAPIDOCR:
        assert ocr_allowance(str(scan_pdf)) == 0  # nothing will be recognised
        return
    assert ocr_allowance(str(scan_pdf)) == 2 * SECONDS_PER_PAGE
    assert ocr_allowance(str(DATA / "t4_150dpi.jpg")) == SECONDS_PER_PAGE
    with ocr.ocr_mode("never"):
        assert ocr_allowance(str(scan_pdf)) == 0
    with ocr.ocr_mode("always"):
        assert ocr_allowance(str(text_pdf)) == 2 * SECONDS_PER_PAGE


def _part(page: int, rows: list[list[str]], start: int, above: str = "", below: str = "") -> ocr.TablePart:
    from govtext.io.base import Cell

    cells, pos = [], start
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cells.append(ocr.PartCell(Cell(text, pos, pos + len(text)), r, c))
            pos += len(text) + 1
    return ocr.TablePart(page, (50.0, 60.0, 550.0, 700.0), len(rows[0]), len(rows), cells, start, pos, above, below)


def test_a_table_over_a_page_break_is_one_table_with_its_cut_row_joined() -> None:
    head = ["项目", "自然人", "总计"]
    first = _part(1, [head, ["1.属于国家秘密", "3", "3"], ["2.其他法律行政法规禁止", "", "1"]], 0, below="\n- 1 -\n")
    # the next page repeats the header, then the rest of the cut row (its label's end, and a 1 read late)
    second = _part(2, [head, ["公开", "1", ""], ["3.危及“三安全一稳定”", "0", "0"]], 500, above="- 2 -\n")
    unsure = {c.cell.start for c in second.cells if c.r0 == 1 and c.c0 == 2}  # ink OCR could not read
    (table,) = ocr.join_parts([first, second], unsure)
    assert table.texts() == [
        head,
        ["1.属于国家秘密", "3", "3"],
        ["2.其他法律行政法规禁止公开", "1", "1"],
        ["3.危及“三安全一稳定”", "0", "0"],
    ]
    total = table.rows[2][2]
    assert total.start in unsure  # joined with a part OCR could not read
    # prose between the parts: two tables
    third = _part(2, [head, ["3.危及“三安全一稳定”", "0", "0"]], 500, above="说明文字\n")
    assert len(ocr.join_parts([first, third], set())) == 2
    # a row that opens with an ordinal is a row of its own
    fourth = _part(2, [["3.危及“三安全一稳定”", "0", "0"]], 500)
    assert [r[0].text for r in ocr.join_parts([first, fourth], set())[0].rows][-2:] == [
        "2.其他法律行政法规禁止",
        "3.危及“三安全一稳定”",
    ]


def test_a_claim_on_a_low_confidence_digit_is_uncertain(monkeypatch: pytest.MonkeyPatch) -> None:
    import govtext.io.image

    text = "本机关共收到政府信息公开申请15件，办结12件。"
    confs = [0.5 if k == text.index("15") + 1 else 0.99 for k in range(len(text))]
    line = OcrLine(
        tuple(_char(ch, 60 + 22 * k, 60, conf) for k, (ch, conf) in enumerate(zip(text, confs, strict=True)))
    )
    monkeypatch.setattr(govtext.io.image, "get_engine", lambda name=None: Replay([line]))
    _, png = cv2.imencode(".png", np.full((200, 1200), 255, np.uint8))
    doc = govtext.analyze(png.tobytes(), timeout=None)
    assert doc.extraction is not None and doc.extraction.ocr_pages == [1]
    by_value = {c.value: c.confidence for c in doc.claims}
    assert by_value[15] < 1 and by_value[12] == 1


def test_a_dash_the_detector_passes_over_is_a_blank_and_a_smudge_stays_unread() -> None:
    img = _grid_image(ROWS, COLS)
    cx, cy = _centre(1, 1)
    cv2.line(img, (int(cx) - 12, int(cy)), (int(cx) + 12, int(cy)), 0, 2)  # 一 dash: a blank cell's mark
    cx, cy = _centre(1, 2)
    cv2.circle(img, (int(cx), int(cy)), 7, 0, -1)  # a blot the recogniser calls ■
    page = ocr.recognise_page(img, 144, Replay([_line("规章", 1, 0)], reread=("■", 0.8)))
    dash, blot = page.tables[0].rows[1][1], page.tables[0].rows[1][2]
    assert dash.text == "—" and dash.start not in page.unsure
    assert blot.text == "" and blot.start in page.unsure


def test_ruling_lines_broken_by_binarisation_still_make_the_grid() -> None:
    img = _grid_image(ROWS, COLS)
    for y in ROWS:  # a binarised scan: the horizontal lines come out as dashes with 2-pixel gaps
        for x in range(int(COLS[0]) + 5, int(COLS[-1]) - 5, 9):
            img[int(y) - 2 : int(y) + 3, x : x + 2] = 255
    lines = [_line("规章", 1, 0), _line("5", 1, 1), _line("6", 1, 2), _line("文件", 2, 0), _line("7", 2, 1)]
    page = ocr.recognise_page(img, 144, Replay(lines))
    assert [r for r in page.tables[0].texts() if any(r)] == [["规章", "5", "6"], ["文件", "7", ""]]


@needs_rapidocr
def test_the_batch_progress_bar_counts_pages_where_there_are_scans(tmp_path: Path) -> None:
    from govtext.batch import progress_weights
    from govtext.io.ocr import ocr_mode

    text = tmp_path / "a.txt"
    text.write_text("一、总体情况\n本年收到申请3件。\n", encoding="utf-8")
    scan = Path(__file__).parent / "data" / "ocr" / "t4_150dpi.jpg"
    assert progress_weights([str(text)]) == ([1], "report")  # no page to recognise: reports
    assert progress_weights([str(text), str(scan)]) == ([1, 1], "page")  # one image, one page
    with ocr_mode("never"):
        assert progress_weights([str(text), str(scan)]) == ([1, 1], "report")
