"""The public API and the command line, as docs/interface.md fixes them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import govtext
from govtext.cli import main
from tests.conftest import EXAMPLES

EXAMPLE_TXT = EXAMPLES / "example_2023.txt"
EXAMPLE_DOCX = EXAMPLES / "example_2023.docx"


def test_import_is_light() -> None:
    """``import govtext`` must not load jieba, spaCy, numpy or the PDF/DOCX readers."""
    code = "import sys, govtext; print(sorted(m for m in ('jieba','spacy','numpy','pypdfium2','docx','opencc','pdfplumber') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_public_names() -> None:
    for name in ("analyze", "analyze_text", "lint", "Document", "Sentence", "Span", "GovtextError", "__version__"):
        assert hasattr(govtext, name), name
    with pytest.raises(AttributeError):
        govtext.no_such_thing  # noqa: B018


def test_to_dict_has_the_interface_shape() -> None:
    doc = govtext.analyze(EXAMPLE_TXT)
    data = doc.to_dict()
    # the keys of docs/interface.md in its order, then the extension that versions the shape
    keys = ["source", "meta", "sections", "sentences", "claims", "tables", "findings", "schema_version"]
    assert list(data) == keys and data["schema_version"] == govtext.SCHEMA_VERSION
    assert set(data["source"]) >= {"path", "format", "sha256"}
    assert set(data["meta"]) == {"title", "agency", "year", "template", "published"}
    assert data["meta"] == {
        "title": "青禾市临溪区市场监督管理局2023年政府信息公开工作年度报告",
        "agency": "青禾市临溪区市场监督管理局",
        "year": 2023,
        "template": "2021",
        "published": None,
    }
    tables = data["tables"]
    assert set(tables) == {"t2", "t3", "t4"}
    assert tables["t2"]["normative_docs"] == {"made": 2, "repealed": 1, "in_force": 9}
    assert tables["t2"]["fees"] == {"amount_wan": 3.82}
    assert tables["t3"]["new_received"] == {
        "natural_person": 51,
        "commercial": 6,
        "research": 0,
        "social_welfare": 0,
        "legal_services": 2,
        "other_org": 1,
        "total": 60,
    }
    assert len(tables["t3"]) == 25 and tables["t3"]["carried_forward"]["total"] == 2
    assert tables["t4"]["review"] == {"upheld": 2, "corrected": 0, "other": 1, "pending": 0, "total": 3}
    assert "table_detail" not in data
    cells = doc.to_dict(detail=True)["table_detail"]["t3"]["cells"]
    assert len(cells) == 175 and all(c["span"]["line"] >= 1 for c in cells)
    assert data["findings"] == []  # the example report is clean
    assert data["claims"] and all(c["span"]["line"] >= 1 for c in data["claims"])
    total = next(c for c in data["claims"] if c["value"] == 1268)
    assert total["role"] == "total"
    assert sorted(c["value"] for c in data["claims"] if c["parent"] == data["claims"].index(total)) == [
        46,
        58,
        183,
        219,
        762,
    ]
    assert [s["number"] for s in data["sections"]] == [1, 2, 3, 4, 5, 6]
    for sec in data["sections"]:
        assert set(sec) >= {"number", "title", "found", "empty", "span"}
        assert sec["found"] and not sec["empty"]
    for sent in data["sentences"]:
        assert set(sent) >= {"text", "section", "topic", "span"}
        assert sent["section"] in range(7)
        assert set(sent["span"]) >= {"start", "end", "line", "col", "page"}
    json.dumps(data, ensure_ascii=False)  # serialisable as it is


def test_table_rows_are_not_sentences() -> None:
    doc = govtext.analyze(EXAMPLE_TXT)
    assert len(doc.raw_tables) == 3
    assert not any("\t" in s.text for s in doc.sentences)
    assert not any(s.text.startswith("（七）总计") for s in doc.sentences)


def test_txt_and_docx_of_the_example_read_the_same_prose() -> None:
    txt = govtext.analyze(EXAMPLE_TXT)
    docx = govtext.analyze(EXAMPLE_DOCX)
    assert docx.source.format == "docx"
    assert [s.text for s in txt.sentences] == [s.text for s in docx.sentences]

    # Word merges label cells across and down; the text file repeats the label in each cell.
    # The data rows (a label and numbers) must read the same.
    def data_rows(rows: list[list[str]]) -> list[list[str]]:
        return [row for row in rows if len(row) >= 2 and row[-1].replace(".", "").isdigit()]

    assert [data_rows(t.texts()) for t in txt.raw_tables] == [data_rows(t.texts()) for t in docx.raw_tables]
    assert len(data_rows(docx.raw_tables[1].texts())) == 25  # table 3: every data row
    merged = docx.raw_tables[0].rows[0][0]
    assert merged.text == "第二十条第（一）项" and merged.colspan == 4
    note = docx.raw_tables[1].rows[0][0]
    assert note.text.startswith("（本列数据的勾稽关系为") and note.rowspan == 3


def test_analyze_bytes_and_path_agree() -> None:
    a = govtext.analyze(EXAMPLE_TXT)
    b = govtext.analyze(EXAMPLE_TXT.read_bytes())
    assert a.text == b.text and a.source.sha256 == b.source.sha256
    assert b.source.path is None


def test_analyze_text_and_year_hint() -> None:
    doc = govtext.analyze_text("某局政府信息公开工作年度报告\n一、总体情况\n本年度公开信息3条。", year=2022)
    assert doc.meta.year == 2022 and doc.meta.template == "2021"
    assert [s.text for s in doc.sentences] == ["某局政府信息公开工作年度报告", "一、总体情况", "本年度公开信息3条。"]
    assert doc.sentences[2].span.line == 3


def test_span_of_any_range() -> None:
    doc = govtext.analyze_text("标题\n２０２３年，公开信息３条。")
    i = doc.text.index("3条")
    sp = doc.span(i, i + 2)
    assert (sp.line, sp.col, sp.start, sp.end) == (2, 11, 13, 15)


def test_lint_returns_findings_list() -> None:
    assert govtext.lint(EXAMPLE_TXT) == []


def test_cli_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"govtext {govtext.__version__}"


def test_cli_analyze_json_and_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(EXAMPLE_TXT), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["meta"]["year"] == 2023
    assert main(["analyze", str(EXAMPLE_DOCX)]) == 0
    out = capsys.readouterr().out
    assert "青禾市临溪区市场监督管理局" in out and "sentences:" in out


def test_console_script_is_installed(tmp_path: Path) -> None:
    import shutil

    exe = shutil.which("govtext", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("the govtext console script is not installed next to this interpreter")
    out = subprocess.run([exe, "--version"], capture_output=True, text=True, check=False)
    assert out.returncode == 0 and out.stdout.startswith("govtext ")


def test_rules_whose_stage_did_not_run_are_skipped_not_false() -> None:
    # without the tables stage no table was read: that is no missing table (GT206) nor a sum to check
    doc = govtext.analyze(EXAMPLE_TXT, stages=("sections", "checks"))
    assert doc.findings == []
    assert all(t is None for t in doc.tables.values())


def test_lint_reads_the_configuration_as_the_command_line_does(tmp_path, monkeypatch) -> None:
    text = EXAMPLE_TXT.read_text(encoding="utf-8").replace("不予公开8件", "不予公开9件")
    report = tmp_path / "r.txt"
    report.write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert [f.rule for f in govtext.lint(report) if f.severity == "error"] == ["GT401", "GT404"]
    (tmp_path / "pyproject.toml").write_text('[tool.govtext.severity]\nGT404 = "info"\n', encoding="utf-8")
    assert [f.severity for f in govtext.lint(report) if f.rule == "GT404"] == ["info"]
    from govtext.config import RuleConfig

    assert [f for f in govtext.lint(report, config=RuleConfig(ignore=("GT4",))) if f.rule.startswith("GT4")] == []
