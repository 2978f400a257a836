"""The flat tables of a batch: declared types in Parquet, CSV with a BOM, an xlsx workbook, DataFrames.

One small batch (generated reports, analysed in this process) is made once for the module:
the example report and a copy of it (a cross-report GT503 finding), a clean generated PDF
(every cell with a box), a generated PDF whose table 3 does not add up (error findings on a
cell with a box) and an empty file (a failure record).
"""

from __future__ import annotations

import csv
import json
import math
import random
import sys
from pathlib import Path
from typing import Any

import pytest
from govtext_synth import table_reports

from govtext.checks import all_rules
from govtext.cli import main
from govtext.errors import GovtextError
from govtext.flat import SCHEMAS, TABLE_NAMES, FlatTables, arrow_schema, check_table_format, read_corpus
from tests.conftest import EXAMPLES, ROOT

pa = pytest.importorskip("pyarrow", reason="the Parquet tables need pyarrow (the test extra)")
pq = pytest.importorskip("pyarrow.parquet", reason="the Parquet tables need pyarrow (the test extra)")
TEXT = (EXAMPLES / "example_2023.txt").read_text(encoding="utf-8")


def _broken_pdf() -> bytes:
    """A generated 2021-template PDF whose t3 new_received/natural_person is one more than its identities allow."""
    rng = random.Random("flat-tables")
    tables = table_reports.random_tables(rng, "2021")
    tables["t3"]["new_received"]["natural_person"] += 1
    agency = "青禾市某区统计局"
    prose = table_reports._prose(rng, agency, 2023)
    return table_reports._render_pdf(
        table_reports.as_printed(tables, False), "2021", f"{agency}2023年政府信息公开工作年度报告", prose, rng
    )


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("flat")
    d = root / "in"
    d.mkdir()
    (d / "a.txt").write_text(TEXT, encoding="utf-8")
    (d / "a-copy.txt").write_text(TEXT + "\n附注", encoding="utf-8")
    (d / "clean.pdf").write_bytes(table_reports.make_report(3, "pdf")[0])
    (d / "broken.pdf").write_bytes(_broken_pdf())
    (d / "empty.txt").write_bytes(b"")
    out, parquet, xlsx = root / "out.jsonl", root / "parquet", root / "xlsx"
    args = ["batch", str(d), "-o", str(out), "-j", "0", "--no-progress", "--tables", str(parquet)]
    assert main([*args, "--table-format", "parquet"]) == 0
    assert main(["tables", str(out), "-o", str(xlsx), "--table-format", "xlsx"]) == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    records = [r for r in lines if r.get("kind") != "cross_report"]
    cross = [r for r in lines if r.get("kind") == "cross_report"]
    return {"out": out, "parquet": parquet, "xlsx": xlsx, "records": records, "cross": cross}


def _by_name(records: list[dict], name: str) -> dict:
    return next(r for r in records if Path(r["source"]["path"]).name == name)


# ----------------------------------------------------------------------------- Parquet


def test_the_parquet_schema_read_back_is_the_declared_one(batch: dict) -> None:
    for name in TABLE_NAMES:
        schema = pq.read_schema(batch["parquet"] / f"{name}.parquet")
        assert schema.equals(arrow_schema(name), check_metadata=True), name
        assert schema.names == [c.name for c in SCHEMAS[name]]
    cells, findings = (pq.read_schema(batch["parquet"] / f"{n}.parquet") for n in ("cells", "findings"))
    assert cells.field("bbox").type == pa.list_(pa.float64())
    assert findings.field("reports").type == pa.list_(pa.string())
    assert str(cells.field("value").type) == "double" and str(cells.field("line").type) == "int64"


def test_an_all_null_column_keeps_its_declared_type(tmp_path: Path) -> None:
    flat = FlatTables(tmp_path, "parquet")  # one failure record: every count and position is null
    flat.add(
        {"source": {"path": "x.pdf", "format": None, "sha256": None}, "error": {"type": "Timeout", "message": "m"}}
    )
    flat.close()
    reports = pq.read_table(tmp_path / "reports.parquet")
    assert reports.schema.field("sentences").type == pa.int64() and reports.column("sentences").null_count == 1
    for name in ("findings", "cells", "claims"):
        table = pq.read_table(tmp_path / f"{name}.parquet")
        assert table.num_rows == 0 and table.schema.equals(arrow_schema(name), check_metadata=True)


def test_nulls_are_nulls(batch: dict) -> None:
    reports = {Path(r["path"]).name: r for r in pq.read_table(batch["parquet"] / "reports.parquet").to_pylist()}
    empty = reports["empty.txt"]
    assert empty["error_type"] == "EmptyDocumentError"
    assert (empty["year"], empty["body"], empty["sentences"], empty["format"]) == (None, None, None, None)
    assert reports["a.txt"]["published"] is None and reports["a.txt"]["year"] == 2023
    cells = pq.read_table(batch["parquet"] / "cells.parquet").to_pylist()
    text_cells = [c for c in cells if c["path"].endswith("a.txt")]
    assert text_cells and all(c["page"] is None and c["bbox"] is None for c in text_cells)  # not 0, not ""
    findings = pq.read_table(batch["parquet"] / "findings.parquet").to_pylist()
    assert all(f["reports"] is None for f in findings if f["path"] is not None)
    cross = [f for f in findings if f["path"] is None]
    assert len(cross) == len(batch["cross"]) > 0
    assert all(f["line"] is None and isinstance(f["reports"], list) and len(f["reports"]) >= 2 for f in cross)


def test_bbox_is_a_list_of_four_floats(batch: dict) -> None:
    cells = pq.read_table(batch["parquet"] / "cells.parquet").to_pylist()
    pdf = [c for c in cells if c["path"].endswith("clean.pdf")]
    assert len(pdf) == len(_by_name(batch["records"], "clean.pdf")["table_detail"]["t3"]["cells"]) + sum(
        len(_by_name(batch["records"], "clean.pdf")["table_detail"][t]["cells"]) for t in ("t2", "t4")
    )
    boxed = [c for c in pdf if c["how"] != "missing"]
    assert boxed and all(c["page"] >= 1 for c in boxed)
    for c in boxed:
        x0, top, x1, bottom = c["bbox"]
        assert all(isinstance(v, float) for v in c["bbox"]) and x0 < x1 and top < bottom
    # a finding on a cell of a PDF has that cell's box, the same numbers as in cells
    findings = pq.read_table(batch["parquet"] / "findings.parquet").to_pylist()
    on_cells = [f for f in findings if (f["path"] or "").endswith("broken.pdf") and f["col_key"] is not None]
    assert any(f["severity"] == "error" for f in on_cells)
    boxes = {(c["table"], c["row_key"], c["col_key"]): c["bbox"] for c in cells if c["path"].endswith("broken.pdf")}
    for f in on_cells:
        assert f["bbox"] == boxes[(f["table"], f["row_key"], f["col_key"])] and len(f["bbox"]) == 4


def test_labels_and_rule_names(batch: dict) -> None:
    cells = pq.read_table(batch["parquet"] / "cells.parquet").to_pylist()
    a = {(c["table"], c["row_key"], c["col_key"]): c for c in cells if c["path"].endswith("/a.txt")}
    secret = a[("t3", "denied.state_secret", "natural_person")]
    assert (secret["row_label_zh"], secret["col_label_zh"]) == ("（三）不予公开 1.属于国家秘密", "自然人")
    assert a[("t4", "review", "upheld")]["row_label_zh"] == "行政复议"
    assert a[("t2", "regulations", "made")]["col_label_zh"] == "本年制发件数"
    assert all(c["row_label_zh"] and c["col_label_zh"] for c in cells)
    rules = {r.code: r for r in all_rules()}
    findings = pq.read_table(batch["parquet"] / "findings.parquet").to_pylist()
    assert {f["rule"] for f in findings} >= {"GT301", "GT503"}
    for f in findings:
        assert f["rule_name"] == rules[f["rule"]].name and f["rule_name_zh"] == rules[f["rule"]].summary("zh")
        if f["row_key"] is not None:
            assert f["row_label_zh"] and f["table"] in ("t2", "t3", "t4")


# ----------------------------------------------------------------------------- CSV


def test_csv_has_a_bom_and_round_trips_through_csv(batch: dict) -> None:
    for name in TABLE_NAMES:
        path = batch["parquet"] / f"{name}.csv"
        assert path.read_bytes().startswith(b"\xef\xbb\xbf" + b"path,"), name
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
        assert rows[0] == [c.name for c in SCHEMAS[name]]
        table = pq.read_table(batch["parquet"] / f"{name}.parquet")
        assert len(rows) - 1 == table.num_rows
        for row, typed in zip(rows[1:], table.to_pylist(), strict=True):
            for c, text in zip(SCHEMAS[name], row, strict=True):
                v = typed[c.name]
                if v is None:
                    assert text == "", (name, c.name)
                elif c.type.startswith("list"):
                    assert json.loads(text) == v
                elif c.type == "float64":
                    assert float(text) == v
                else:
                    assert text == str(v), (name, c.name)


def test_cells_csv_keeps_the_printed_values(batch: dict) -> None:
    with (batch["parquet"] / "cells.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    record = _by_name(batch["records"], "a.txt")
    row = next(
        r for r in rows if r["path"].endswith("/a.txt") and (r["row_key"], r["col_key"]) == ("new_received", "total")
    )
    assert row["value"] == str(record["tables"]["t3"]["new_received"]["total"]) == "60"  # an int prints as one


# ----------------------------------------------------------------------------- xlsx


def test_the_xlsx_workbook_has_a_sheet_per_table(batch: dict) -> None:
    openpyxl = pytest.importorskip("openpyxl", reason="xlsx tables need openpyxl (the test extra)")
    book = openpyxl.load_workbook(batch["xlsx"] / "tables.xlsx", read_only=True)
    assert book.sheetnames == [*TABLE_NAMES, "columns"]
    for name in TABLE_NAMES:
        rows = list(book[name].iter_rows(values_only=True))
        assert list(rows[0]) == [c.name for c in SCHEMAS[name]]
        typed = pq.read_table(batch["parquet"] / f"{name}.parquet").to_pylist()
        assert len(rows) - 1 == len(typed), name  # the same rows as the Parquet file of the same records
        width = len(SCHEMAS[name])
        for row, t in zip(rows[1:], typed, strict=True):
            row = (*row, *[None] * (width - len(row)))  # a sheet read back has no empty cells at the end of a row
            for c, v in zip(SCHEMAS[name], row, strict=True):
                want = t[c.name]
                assert v == (json.dumps(want, ensure_ascii=False) if isinstance(want, list) else want), (name, c.name)
    about = list(book["columns"].iter_rows(values_only=True))
    assert len(about) == 1 + sum(len(cols) for cols in SCHEMAS.values())
    assert not (batch["xlsx"] / "cells.parquet").exists()  # a format not asked for is not left behind


def test_xlsx_writes_text_never_a_formula(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl", reason="xlsx tables need openpyxl (the test extra)")
    record = {
        "source": {"path": '=HYPERLINK("http://example.invalid")', "format": "txt", "sha256": "0"},
        "meta": {"title": "=1+1\x07", "agency": None, "year": 2023, "template": "2021"},
        "findings": [],
    }
    flat = FlatTables(tmp_path, "xlsx")
    flat.add(record)
    flat.close()
    sheet = openpyxl.load_workbook(tmp_path / "tables.xlsx")["reports"]
    header = [c.value for c in sheet[1]]
    path, title = sheet[2][header.index("path")], sheet[2][header.index("title")]
    assert (path.data_type, title.data_type) == ("s", "s")
    assert title.value == "=1+1\\x07"  # a control character Excel refuses is escaped, not dropped


def test_missing_extras_are_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl raises ImportError
    with pytest.raises(GovtextError, match=r"govtext\[xlsx\]"):
        check_table_format("xlsx")
    with pytest.raises(GovtextError, match=r"govtext\[xlsx\]"):
        FlatTables(tmp_path, "xlsx")
    records = tmp_path / "out.jsonl"
    failure = {"source": {"path": "x.pdf", "format": None, "sha256": "0"}, "error": {"type": "Timeout", "message": "m"}}
    records.write_text(json.dumps(failure) + "\n", encoding="utf-8")
    assert main(["tables", str(records), "-o", str(tmp_path / "t"), "--table-format", "xlsx"]) == 2
    assert not (tmp_path / "t" / "tables.xlsx").exists()
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(GovtextError, match=r"govtext\[pandas\]"):
        read_corpus(tmp_path)
    with pytest.raises(GovtextError, match="unknown table format"):
        check_table_format("ods")


def test_a_missing_extra_stops_the_batch_before_any_analysis(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    args = ["batch", str(tmp_path / "a.txt"), "-o", str(out), "-j", "0", "--no-progress", "--tables", str(tmp_path)]
    assert main([*args, "--table-format", "xlsx"]) == 2
    assert not out.exists() or out.read_bytes() == b""


# ----------------------------------------------------------------------------- DataFrames


def test_read_corpus_gives_dataframes_of_the_declared_dtypes(batch: dict) -> None:
    pd = pytest.importorskip("pandas", reason="read_corpus needs pandas (the test extra)")
    import govtext

    tables = govtext.read_corpus(batch["out"])
    records = batch["records"]
    assert len(tables.reports) == len(records) == 5
    assert len(tables.findings) == sum(len(r.get("findings", [])) for r in records) + len(batch["cross"])
    assert len(tables.cells) == sum(
        len((t or {}).get("cells", [])) for r in records for t in (r.get("table_detail") or {}).values()
    )
    assert len(tables.claims) == sum(len(r.get("claims", [])) for r in records) > 0
    want = {"string": pd.StringDtype(), "int64": pd.Int64Dtype(), "float64": "float64"}
    for name in TABLE_NAMES:
        frame = tables[name]
        assert list(frame.columns) == [c.name for c in SCHEMAS[name]]
        for c in SCHEMAS[name]:
            assert frame[c.name].dtype == want.get(c.type, "object"), (name, c.name, frame[c.name].dtype)
    empty = tables.reports[tables.reports.error_type.notna()]
    assert len(empty) == 1 and empty.year.isna().all() and empty.body.isna().all()
    boxes = tables.cells[tables.cells.path.str.endswith("clean.pdf")].bbox
    assert all(isinstance(b, list) and len(b) == 4 and all(isinstance(v, float) for v in b) for b in boxes)
    assert tables.cells[tables.cells.path.str.endswith("/a.txt")].bbox.isna().all()
    cross = tables.findings[tables.findings.path.isna()]
    assert all(isinstance(r, list) and len(r) >= 2 for r in cross.reports)
    claim = tables.claims.iloc[0]
    record = _by_name(records, Path(claim.path).name)
    assert claim.text == record["claims"][0]["text"] and claim.sentence_index == record["claims"][0]["sentence"]
    assert claim.section == record["sentences"][claim.sentence_index]["section"]


def test_read_corpus_is_the_same_from_records_parquet_and_csv(batch: dict, tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas", reason="read_corpus needs pandas (the test extra)")
    from_records = read_corpus(batch["out"])
    from_parquet = read_corpus(batch["parquet"])
    csv_only = tmp_path / "csv"
    assert main(["tables", str(batch["out"]), "-o", str(csv_only)]) == 0
    assert not (csv_only / "cells.parquet").exists()
    from_csv = read_corpus(csv_only)
    for name in TABLE_NAMES:
        pd.testing.assert_frame_equal(from_records[name], from_parquet[name])
        pd.testing.assert_frame_equal(from_records[name], from_csv[name])
    (csv_only / "claims.csv").write_text("path,text\n", encoding="utf-8")
    with pytest.raises(GovtextError, match="govtext tables"):
        read_corpus(csv_only)
    with pytest.raises(GovtextError, match="no such batch output"):
        read_corpus(tmp_path / "missing.jsonl")


def test_values_of_a_finding_are_typed(batch: dict) -> None:
    findings = pq.read_table(batch["parquet"] / "findings.parquet").to_pylist()
    record = _by_name(batch["records"], "broken.pdf")
    errors = [f for f in findings if f["path"] == record["source"]["path"] and f["rule"] == "GT301"]
    source = [f for f in record["findings"] if f["rule"] == "GT301"]
    assert len(errors) == len(source) >= 1
    for f, s in zip(errors, source, strict=True):
        assert (f["observed_value"], f["expected_value"]) == (s["observed"], s["expected"])
        assert f["observed"] == str(s["observed"]) and f["message_zh"] == s["message_zh"]
        assert f["suspect_row_key"] == "new_received" and f["suspect_col_key"] == "natural_person"
        assert not math.isnan(f["suspect_value"])


def test_docs_list_every_column_as_declared() -> None:
    docs = (ROOT / "docs" / "batch.md").read_text(encoding="utf-8")
    for name in TABLE_NAMES:
        assert f"\n`{name}`\n" in docs, name
        for c in SCHEMAS[name]:
            assert f"| `{c.name}` | {c.type} | {c.description} |" in docs, (name, c.name)


def test_a_table_longer_than_a_sheet_goes_on_in_another(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl", reason="xlsx tables need openpyxl (the test extra)")
    import govtext.flat as flat

    monkeypatch.setattr(flat, "XLSX_MAX_ROWS", 3)  # Excel's 1 048 576 rows, made small
    tables = FlatTables(tmp_path, "xlsx")
    for i in range(5):
        tables.add({"source": {"path": f"r{i}.pdf", "sha256": None}, "error": {"type": "Timeout", "message": "m"}})
    tables.close()
    book = openpyxl.load_workbook(tmp_path / "tables.xlsx", read_only=True)
    assert book.sheetnames == [*TABLE_NAMES, "reports_2", "reports_3", "columns"]
    paths = [r[0] for name in ("reports", "reports_2", "reports_3") for r in book[name].iter_rows(values_only=True)]
    assert paths == ["path", "r0.pdf", "r1.pdf", "path", "r2.pdf", "r3.pdf", "path", "r4.pdf"]


def test_a_cross_report_finding_points_at_the_newest_reports_cell() -> None:
    from govtext.flat import cross_row

    rec = {
        "kind": "cross_report", "rule": "GT501", "severity": "warning", "message": "m", "message_zh": "中",
        "body": "某局", "years": [2021, 2022], "year": 2022, "reports": ["a_2021.txt", "a_2022.txt"],
        "observed": 2, "expected": 1,
        "cells": [{"report": "a_2021.txt", "table": "t3", "row": "carried_forward", "col": "total"},
                  {"report": "a_2022.txt", "table": "t3", "row": "carried_over", "col": "total"}],
    }  # fmt: skip
    from govtext.model import CrossReportFinding

    row = dict(zip([c.name for c in SCHEMAS["findings"]], cross_row(CrossReportFinding.from_dict(rec)), strict=True))
    assert (row["path"], row["reports"], row["year"]) == (None, ["a_2021.txt", "a_2022.txt"], 2022)
    assert (row["table"], row["row_key"], row["col_key"]) == ("t3", "carried_over", "total")
    assert (row["row_label_zh"], row["col_label_zh"]) == ("二、上年结转政府信息公开申请数量", "总计")
    assert (row["observed_value"], row["expected_value"], row["rule_name"]) == (2, 1, "crossyear.carried_over")


def test_rows_are_made_from_the_document_and_a_line_that_is_no_record_says_so() -> None:
    import govtext
    from govtext.flat import table_rows

    doc = govtext.analyze(EXAMPLES / "example_2023.txt")
    rows = table_rows(doc.to_dict(detail=True))
    cells = [dict(zip([c.name for c in SCHEMAS["cells"]], r, strict=True)) for r in rows["cells"]]
    t3 = doc.tables["t3"]
    assert t3 is not None and len(cells) == sum(len(t.cells) for t in doc.tables.values() if t is not None)
    total = next(c for c in cells if (c["table"], c["row_key"], c["col_key"]) == ("t3", "new_received", "total"))
    assert total["value"] == t3.get("new_received", "total") and total["how"] == "read"
    assert len(rows["findings"]) == len(doc.findings) and len(rows["claims"]) == len(doc.claims)
    # without its cell detail the record has no cells rows, and says so (cells null, not 0)
    report = dict(zip([c.name for c in SCHEMAS["reports"]], table_rows(doc.to_dict())["reports"][0], strict=True))
    assert report["cells"] is None and report["sentences"] == len(doc.sentences)
    broken = table_rows({"source": {"path": "/x/edited.txt", "sha256": "0"}, "meta": {}, "findings": [{"rule": 1}]})
    (row,) = broken["reports"]
    report = dict(zip([c.name for c in SCHEMAS["reports"]], row, strict=True))
    assert report["path"] == "/x/edited.txt" and report["error_type"] == "InvalidRecordError"
    assert not broken["findings"] and not broken["cells"] and not broken["claims"]
