"""``govtext lint``: text, JSON and SARIF output, exit codes 0/1/2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govtext.cli import main
from tests.conftest import EXAMPLES

CLEAN = EXAMPLES / "example_2023.txt"
OUT_OF_ORDER = "某局2023年政府信息公开工作年度报告\n一、总体情况\n正文。\n五、存在的主要问题及改进情况\n问题。\n四、政府信息公开行政复议、行政诉讼情况\n无。\n"


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    path = tmp_path / "broken.txt"
    path.write_text(OUT_OF_ORDER, encoding="utf-8")
    return path


def test_clean_report_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", str(CLEAN)]) == 0
    out = capsys.readouterr()
    assert out.out == "" and "0 finding(s)" in out.err


def test_error_findings_exit_1_with_precise_lines(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", str(broken)]) == 1
    lines = capsys.readouterr().out.splitlines()
    gt103 = [line for line in lines if " GT103 error: " in line]
    assert gt103 and gt103[0].startswith(f"{broken}:6:1: ")
    assert any(" GT101 error: " in line for line in lines)  # sections 二, 三 and 六 are missing


def test_unreadable_input_exits_2_after_linting_the_rest(
    broken: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["lint", str(broken), str(empty)]) == 2
    out = capsys.readouterr()
    assert "GT103" in out.out and f"{empty}: the file is empty" in out.err


def test_select_and_ignore(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", str(broken), "--select", "GT103"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert {line.split()[1] for line in out if not line.startswith("    ")} == {"GT103"}
    assert main(["lint", str(broken), "--select", "GT103", "--no-source"]) == 1
    assert all(not line.startswith("    ") for line in capsys.readouterr().out.splitlines())
    assert main(["lint", str(broken), "--ignore", "GT101,GT103"]) == 0


def test_json_output(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["lint", str(broken), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert data[0]["path"] == str(broken)
    finding = next(f for f in data[0]["findings"] if f["rule"] == "GT103")
    assert finding["severity"] == "error" and finding["span"]["line"] == 6


def test_sarif_output(broken: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["lint", str(broken), "--format", "sarif"])
    log = json.loads(capsys.readouterr().out)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert "GT103" in rule_ids
    result = next(r for r in run["results"] if r["ruleId"] == "GT103")
    assert result["level"] == "error" and rule_ids[result["ruleIndex"]] == "GT103"
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 6 and region["startColumn"] == 1
