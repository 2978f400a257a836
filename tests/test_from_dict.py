"""``Document.from_dict``: every analysis JSON comes back as the objects it was made from."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

import govtext
from govtext.model import Document
from govtext.tables.model import TableCell

SHARED = Path(__file__).resolve().parents[2] / "shared" / "corpus"
EXAMPLE = Path(__file__).resolve().parents[1] / "corpora" / "examples"


def _shared() -> list[Path]:
    if not SHARED.is_dir():
        return []
    return sorted(p for p in SHARED.iterdir() if p.suffix in (".txt", ".pdf", ".html", ".docx", ".md"))


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/corpus is not beside the checkout")
@pytest.mark.parametrize("path", _shared(), ids=lambda p: p.name)
def test_round_trip_on_every_shared_report(path: Path) -> None:
    doc = govtext.analyze(path)
    for detail in (False, True):
        d = json.loads(json.dumps(doc.to_dict(detail=detail), ensure_ascii=False))  # as a JSONL record holds it
        back = Document.from_dict(d)
        assert back.to_dict(detail=detail) == d
    # the objects are the objects: typed, with spans, cells and the uncertain basis of each finding
    back = Document.from_dict(json.loads(json.dumps(doc.to_dict(detail=True))))
    assert [type(s).__name__ for s in back.sentences[:1]] == ["Sentence"] * min(1, len(doc.sentences))
    for name, table in doc.tables.items():
        if table is None:
            assert back.tables[name] is None
            continue
        t = back.tables[name]
        assert t.template == table.template and t.method == table.method
        # value, printed text, span, confidence, how: all of them; the box as the JSON rounds it
        assert t.cells == {k: _rounded(c) for k, c in table.cells.items()}
        assert [r.key for r in t.rows.values()] == list(table.rows)
    assert [f.uncertain for f in back.findings] == [f.uncertain for f in doc.findings]
    assert [c.span for c in back.claims] == [c.span for c in doc.claims]


def _rounded(cell: TableCell) -> TableCell:
    return cell if cell.bbox is None else replace(cell, bbox=tuple(round(v, 2) for v in cell.bbox))  # type: ignore[arg-type]


def test_sentences_index_the_rebuilt_text() -> None:
    doc = govtext.analyze_text("一、总体情况\n本年度收到申请12件，办结11件。\n二、主动公开政府信息情况\n无。")
    back = Document.from_dict(doc.to_dict())
    assert back.sentences and all(back.text[s.start : s.end] == s.text for s in back.sentences)
    assert [s.index for s in back.sentences] == list(range(len(back.sentences)))


def test_a_batch_record_without_detail_keeps_its_values() -> None:
    doc = govtext.analyze_text(
        "表三\n申请人情况 自然人 法人或其他组织 总计\n一、本年新收政府信息公开申请数量 3 1 0 0 0 0 4\n"
    )
    d = doc.to_dict()
    back = Document.from_dict(d)
    assert back.to_dict() == d
    assert doc.tables["t3"] is not None and doc.tables["t3"].get("new_received", "total") == 4
    for name, table in doc.tables.items():
        if table is not None:
            assert back.tables[name] is not None and back.tables[name].data == table.data
            # each value is held once, in a cell; the record did not keep how it was read, so none is certain
            cells = back.tables[name].cells.values()
            assert {c.how for c in cells} <= {"recorded"} and not any(c.certain for c in cells)
            assert {(c.row, c.col): c.value for c in cells} == {
                (r, c): v for r, cols in table.data.items() for c, v in cols.items() if v is not None
            }


def test_no_rule_runs_again_on_a_record() -> None:
    from govtext.checks.base import run_checks

    text = (EXAMPLE / "example_2023.txt").read_text(encoding="utf-8")
    text = text.replace("数量\t51\t6\t0\t0\t2\t1\t60\n", "数量\t51\t6\t0\t0\t2\t1\t61\n")  # a row that does not add up
    doc = govtext.analyze_text(text)
    assert any(f.severity == "error" for f in doc.findings)
    back = Document.from_dict(doc.to_dict())
    assert [f.to_dict() for f in back.findings] == [f.to_dict() for f in doc.findings]
    # the text, structure and table issues the rules read are not in the JSON: nothing is found again
    assert run_checks(back) == []


def test_a_finding_cell_box_of_an_older_record_reads_as_numbers() -> None:
    """Schema 1.x records wrote a finding's cell box as the string "x0,top,x1,bottom"; a 2.0 record a list."""
    from govtext.model import CellRef

    old = CellRef.from_dict({"table": "t3", "row": "total", "col": "total", "bbox": "10.5,20,30,40.25"})
    assert old.bbox == (10.5, 20.0, 30.0, 40.25)
    assert CellRef.from_dict({"table": "t3", "bbox": [1, 2, 3, 4]}).bbox == (1.0, 2.0, 3.0, 4.0)
    for broken in ("10,20", "a,b,c,d", [1, 2, 3], ["x", 1, 2, 3], {"x0": 1}):
        assert CellRef.from_dict({"table": "t3", "bbox": broken}).bbox is None


def test_a_record_it_cannot_read_is_a_typed_error() -> None:
    from govtext.errors import GovtextError, InvalidRecordError

    for bad in ([], {"source": {"path": "x.txt"}}, {"source": {"path": "x.txt", "format": "txt"}, "sentences": [{}]},
                {"source": {"path": "x.pdf"}, "error": {"type": "CorruptFileError"}}):  # fmt: skip
        with pytest.raises(InvalidRecordError) as err:
            Document.from_dict(bad)  # type: ignore[arg-type]
        assert isinstance(err.value, GovtextError) and isinstance(err.value, ValueError)
