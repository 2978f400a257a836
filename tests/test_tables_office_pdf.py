"""Word-processor PDFs (LibreOffice exports of generated DOCX reports): every cell exact, no error finding.

The PDFs under ``tests/data/office_pdf/`` were made by ``tools/synth/govtext_synth/office.py`` (four
page layouts: narrow label columns, numbers wrapped inside narrow cells, A4 landscape,
large type with table 3 over a page break) and LibreOffice; CI reads only the committed
files.  Their numbers wrap (``32`` over ``7``) and their labels run over 2-3 lines, so
the text layer alone loses cells; the ruled grid (``method="pdf-grid"``) reads them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import govtext

DATA = Path(__file__).parent / "data" / "office_pdf"
PDFS = sorted(DATA.glob("*.pdf"))


def test_the_renderings_are_there() -> None:
    assert len(PDFS) >= 6
    layouts = {json.loads(p.with_suffix(".json").read_text(encoding="utf-8"))["layout"] for p in PDFS}
    assert len(layouts) >= 3


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: p.stem)
def test_every_cell_exact_and_no_error_finding(pdf: Path) -> None:
    truth = json.loads(pdf.with_suffix(".json").read_text(encoding="utf-8"))
    doc = govtext.analyze(pdf)
    wrong = []
    n = 0
    for name, rows in truth["tables"].items():
        table = doc.tables[name]
        assert table is not None, f"{name} not read"
        for row, cols in rows.items():
            for col, value in cols.items():
                n += 1
                if table.get(row, col) != value:
                    wrong.append(f"{name}.{row}.{col}: printed {value}, read {table.get(row, col)}")
    assert n >= 150
    assert wrong == []
    errors = [f"{f.rule}: {f.message}" for f in doc.findings if f.severity == "error"]
    assert errors == []


def test_grid_cells_keep_their_place() -> None:
    """A cell read from the ruling lines has a span (page, line) and the box of its own characters."""
    used = 0
    for pdf in PDFS:
        doc = govtext.analyze(pdf)
        for table in doc.tables.values():
            if table is None or table.method != "pdf-grid":
                continue
            used += 1
            for cell in table.cells.values():
                if not cell.text:
                    continue
                assert cell.span is not None and cell.span.page is not None
                assert cell.bbox is not None
                x0, top, x1, bottom = cell.bbox
                assert x0 < x1 and top < bottom
                # every printed character of the cell lies in its span of the text
                printed = doc.extraction.text[cell.span.start : cell.span.end]
                assert all(ch in printed for ch in cell.text)
    assert used >= 4


def test_the_pdf_is_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reader, digit boxes, cell boxes and ruled grid share the reader's pdfium document; pdfplumber opens once."""
    import pdfplumber
    import pypdfium2

    opened: list[str] = []
    real_doc, real_open = pypdfium2.PdfDocument, pdfplumber.open

    class Counting(real_doc):  # type: ignore[misc, valid-type]
        def __init__(self, *args: object, **kwargs: object) -> None:
            opened.append("pdfium")
            super().__init__(*args, **kwargs)

    def counting_open(*args: object, **kwargs: object) -> object:
        opened.append("pdfplumber")
        return real_open(*args, **kwargs)

    monkeypatch.setattr(pypdfium2, "PdfDocument", Counting)
    monkeypatch.setattr(pdfplumber, "open", counting_open)
    doc = govtext.analyze(DATA / "report_0002.pdf")
    assert doc.tables["t3"] is not None and doc.tables["t3"].method == "pdf-grid"  # the ruled grid was read
    assert opened == ["pdfium", "pdfplumber"]
    assert doc.extraction is not None and doc.extraction._pdf is None  # closed when the stages were done
    opened.clear()
    assert govtext.read_tables(DATA / "report_0002.pdf")["t3"].method == "pdf-grid"  # type: ignore[union-attr]
    assert opened == ["pdfium", "pdfplumber"]
    # read again afterwards, it opens again: a document kept by the caller is not tied to the first analysis
    opened.clear()
    govtext.tables.extract(doc)
    assert opened.count("pdfium") <= 1 and doc.extraction._pdf is not None
    doc.extraction.close()
    assert doc.extraction._pdf is None
