"""The editor's lint: strict options, languages, output files, stdin, rule explanations and SARIF."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from govtext.cli import main

from .conftest import SHARED

EXAMPLE = Path(__file__).resolve().parents[1] / "corpora" / "examples" / "example_2023.txt"
TEXT = EXAMPLE.read_text(encoding="utf-8")
#: the example with one prose count changed: one GT404 error
BROKEN = TEXT.replace("不予公开8件", "不予公开9件")


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    p = tmp_path / "broken.txt"
    p.write_text(BROKEN, encoding="utf-8")
    return p


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE", "NO_COLOR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(tmp_path)  # no pyproject.toml of ours above it


@pytest.mark.parametrize(
    ("flags", "hint"),
    [
        (["--select", "GT999"], "'GT999'"),
        (["--select", "arithmetc"], "did you mean 'arithmetic'?"),
        (["--ignore", "prose.part_vs_total"], "did you mean 'prose.parts_vs_total'?"),
        (["--severity", "GT40=warnin"], "did you mean 'warning'?"),
        (["--severity", "GT9=info"], "'GT9'"),
    ],
)
def test_unknown_names_exit_2_with_the_nearest_valid_one(
    broken: Path, capsys: pytest.CaptureFixture[str], flags: list[str], hint: str
) -> None:
    assert main(["lint", str(broken), *flags]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and hint in err


def test_groups_and_rule_names_select_like_codes(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("prose", "prose.prose_vs_table", "GT404", "gt40"):
        assert main(["lint", str(broken), "--select", name, "-q", "--no-source"]) == 1
        assert "GT404 error" in capsys.readouterr().out
    assert main(["lint", str(broken), "--select", "arithmetic"]) == 0
    assert main(["lint", str(broken), "--ignore", "prose"]) == 0


def test_an_unknown_config_key_exits_2(broken: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.govtext]\nselct = ["GT4"]\n', encoding="utf-8")
    assert main(["lint", str(broken)]) == 2
    err = capsys.readouterr().err
    assert "unknown key 'selct'" in err and "did you mean 'select'?" in err
    (tmp_path / "pyproject.toml").write_text('[tool.govtext]\nlang = "fr"\n', encoding="utf-8")
    assert main(["lint", str(broken)]) == 2
    (tmp_path / "pyproject.toml").write_text('[tool.govtext]\nlang = "zh"\nselect = ["prose"]\n', encoding="utf-8")
    assert main(["lint", str(broken), "--no-source"]) == 1
    out, err = capsys.readouterr()
    assert "GT404 错误: 正文所述不予公开为9" in out and "检查了1份报告" in err


def test_the_locale_chooses_chinese_and_lang_overrides_it(
    broken: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    main(["lint", str(broken), "--no-source"])
    assert "GT404 错误" in capsys.readouterr().out
    main(["lint", str(broken), "--no-source", "--lang", "en"])
    assert "GT404 error: the prose states 9" in capsys.readouterr().out


def test_output_file_quiet_exit_zero_and_statistics(
    broken: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.txt"
    assert main(["lint", str(broken), "-o", str(out), "-q"]) == 1
    assert capsys.readouterr() == ("", "")
    assert "GT404 error" in out.read_text(encoding="utf-8")
    assert main(["lint", str(broken), "--exit-zero", "--statistics"]) == 0
    stats = capsys.readouterr().out.splitlines()
    assert any(line.split()[:3] == ["1", "GT404", "error"] for line in stats)


def test_colour_only_when_asked_or_on_a_terminal(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["lint", str(broken), "--color", "always", "--no-source"])
    assert "\x1b[" in capsys.readouterr().out
    main(["lint", str(broken), "--no-source"])  # captured output is no terminal
    assert "\x1b[" not in capsys.readouterr().out


def test_stdin_with_a_filename(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import io

    stdin = io.TextIOWrapper(io.BytesIO(BROKEN.encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["lint", "-", "--stdin-filename", "report.txt", "--no-source"]) == 1
    assert capsys.readouterr().out.startswith("report.txt:10:")


def test_python_dash_m_and_the_rule_commands(tmp_path: Path) -> None:
    env = {**os.environ, "LANG": "C"}
    run = subprocess.run(
        [sys.executable, "-m", "govtext", "rule", "GT305", "--format", "json"], capture_output=True, text=True, env=env
    )
    assert run.returncode == 0
    record = json.loads(run.stdout)
    assert record["code"] == "GT305" and record["summary"] and record["wrong"] and record["right"]
    run = subprocess.run([sys.executable, "-m", "govtext", "rule", "GT3O5"], capture_output=True, text=True, env=env)
    assert run.returncode == 2 and "did you mean 'GT305'?" in run.stderr


def test_rules_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    from govtext.checks import all_rules

    assert main(["rules", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [r["code"] for r in listed] == [r.code for r in all_rules()]
    assert main(["rule", "arithmetic.t4_group_sum", "--lang", "en"]) == 0
    assert capsys.readouterr().out.startswith("GT305 (arithmetic.t4_group_sum)")


@pytest.mark.skipif(not (SHARED / "schemas" / "sarif-schema-2.1.0.json").exists(), reason="../shared/schemas absent")
def test_sarif_validates_against_the_schema_with_formats(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    assert main(["lint", str(broken), "--format", "sarif"]) == 1
    log = json.loads(capsys.readouterr().out)
    schema = json.loads((SHARED / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(log), key=str)
    assert not errors, errors[0].message
    run = log["runs"][0]
    for rule in run["tool"]["driver"]["rules"]:
        assert rule["helpUri"].startswith("https://") and rule["help"]["markdown"].startswith(f"## {rule['id']}")
    (result,) = [r for r in run["results"] if r["ruleId"] == "GT404"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "broken.txt"
    assert result["properties"]["message_zh"] and result["properties"]["message_en"]
    # the fingerprint names the finding, not its place: the same after lines are added above it
    moved = broken.parent / "moved.txt"
    moved.write_text("\n\n" + BROKEN, encoding="utf-8")
    main(["lint", str(moved), "--format", "sarif"])
    (again,) = [r for r in json.loads(capsys.readouterr().out)["runs"][0]["results"] if r["ruleId"] == "GT404"]
    assert again["partialFingerprints"] == result["partialFingerprints"]
    assert again["locations"][0]["physicalLocation"]["region"]["startLine"] == 12


def test_the_pre_commit_hook_skips_files_that_are_no_report(
    broken: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("# 会议记录\n\n下周三讨论网站改版方案，请各科室提前准备材料。\n", encoding="utf-8")
    assert main(["lint", str(notes)]) == 1  # GT100 when linted as a report
    capsys.readouterr()
    assert main(["lint", str(notes), "--skip-non-reports", "-v"]) == 0
    assert "notes.md: not an annual report, skipped" in capsys.readouterr().err
    # a real report is still checked
    assert main(["lint", str(notes), str(broken), "--skip-non-reports"]) == 1
    hook = (Path(__file__).resolve().parents[1] / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "entry: govtext lint --skip-non-reports" in hook


def test_the_analysis_json_validates_against_its_published_schema(capsys: pytest.CaptureFixture[str]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    import govtext

    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema == govtext.json_schema()
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    jsonschema.Draft202012Validator.check_schema(schema)
    docs = [govtext.analyze(EXAMPLE), govtext.analyze_text(BROKEN)]
    docs += [govtext.analyze(p) for p in sorted((SHARED / "corpus").glob("*")) if p.suffix in (".pdf", ".html")]
    for doc in docs:
        record = doc.to_dict()
        assert record["schema_version"] == govtext.SCHEMA_VERSION
        errors = list(validator.iter_errors(record))
        assert not errors, (doc.source.path, errors[0].json_path, errors[0].message)
    # the schema is strict where it matters: a severity outside the three levels is rejected
    record["findings"] = [{**docs[1].to_dict()["findings"][0], "severity": "fatal"}]
    assert not validator.is_valid(record)


def test_docx_findings_name_the_paragraph_or_table_cell_as_word_shows_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document(str(EXAMPLE.with_suffix(".docx")))
    (paragraph,) = [p for p in document.paragraphs if "不予公开8件" in p.text]
    number = next(i for i, p in enumerate(document.paragraphs, start=1) if p is paragraph or p._p is paragraph._p)
    for run in paragraph.runs:
        run.text = run.text.replace("不予公开8件", "不予公开9件")
    cell = document.tables[-1].rows[-1].cells[2]  # table 4, 行政复议 其他结果: 1 -> 2
    cell.paragraphs[0].runs[0].text = "2"
    path = tmp_path / "broken.docx"
    document.save(str(path))
    assert main(["lint", str(path), "--no-source"]) == 1
    out = capsys.readouterr().out
    assert f"{path} (paragraph {number}): GT404 error" in out
    # the table is the document's third; its header takes three rows, so the 行政复议 row is row 4
    assert f"{path} (table 3, row 4, column 5): GT305 error" in out
    main(["lint", str(path), "--no-source", "--lang", "zh"])
    assert f"{path} (第{number}段): GT404 错误" in capsys.readouterr().out


def test_cli_errors_in_the_chosen_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "none.txt"
    assert main(["lint", str(missing), "--lang", "zh"]) == 2
    assert f"govtext: 错误: 找不到文件：{missing}: no such file" in capsys.readouterr().err
    assert main(["lint", str(missing), "--select", "arithmetc", "--lang", "zh"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("govtext: 错误: 配置或选项有误：") and "did you mean 'arithmetic'?" in err
    assert main(["lint", str(missing)]) == 2
    assert capsys.readouterr().err.startswith(f"govtext: error: {missing}: no such file")


@pytest.mark.skipif(not (SHARED / "corpus" / "hongze_2023.pdf").exists(), reason="../shared/corpus absent")
def test_pdf_findings_name_the_page_and_the_cell_box(capsys: pytest.CaptureFixture[str]) -> None:
    main(["lint", str(SHARED / "corpus" / "hongze_2023.pdf"), "--no-source"])
    first = capsys.readouterr().out.splitlines()[0]
    assert "(page 4, box " in first and "GT305 error" in first


def test_a_rule_that_raises_is_a_gt000_warning_and_the_rest_goes_on(
    broken: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from govtext.checks.prose.GT402 import RateInconsistent

    def boom(self: object, doc: object) -> object:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(RateInconsistent, "check", boom)
    other = tmp_path / "other.txt"
    other.write_text(BROKEN, encoding="utf-8")
    assert main(["lint", str(broken), str(other), "--no-source"]) == 1  # GT404 still an error in both
    out = capsys.readouterr().out
    for path in (broken, other):
        assert f"{path}:" in out
    assert out.count("GT000 warning: rule GT402 (prose.rate_inconsistent) failed") == 2
    assert out.count("GT404 error") == 2
