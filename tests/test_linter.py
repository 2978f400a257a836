"""The linter core: the API, the command line and lint_paths give the same findings for one configuration."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import govtext
from govtext.cli import main
from govtext.config import RuleConfig
from govtext.linter import Linter, LintResult, Skipped

EXAMPLE = Path(__file__).resolve().parents[1] / "corpora" / "examples" / "example_2023.txt"


@pytest.fixture()
def broken(tmp_path: Path) -> Path:
    """The example report with one row of table 3 that does not add up (an error finding)."""
    text = EXAMPLE.read_text(encoding="utf-8")
    old = "数量\t51\t6\t0\t0\t2\t1\t60\n"
    assert text.count(old) == 1
    path = tmp_path / "broken.txt"
    path.write_text(text.replace(old, "数量\t51\t6\t0\t0\t2\t1\t61\n"), encoding="utf-8")
    return path


def _rules(findings: list) -> list[tuple[str, str]]:
    return sorted((f["rule"], f["severity"]) if isinstance(f, dict) else (f.rule, f.severity) for f in findings)


def test_one_configuration_gives_the_same_findings_everywhere(
    broken: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    default = Linter(RuleConfig()).lint(broken)
    assert any(f.severity == "error" for f in default.findings)
    errors = {f.rule for f in default.findings if f.severity == "error"}
    (tmp_path / "pyproject.toml").write_text(
        "[tool.govtext]\nseverity = {" + ", ".join(f'{r} = "info"' for r in sorted(errors)) + "}\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)  # the nearest pyproject.toml, as the command line finds it
    api = govtext.lint(broken)
    core = Linter().lint(broken).findings
    assert main(["lint", str(broken), "--format", "json", "-q"]) == 0  # no error left: exit 0
    cli = json.loads(capsys.readouterr().out)[0]["findings"]
    assert _rules(api) == _rules(core) == _rules(cli)
    assert not any(f.severity == "error" for f in api)
    assert {f.rule for f in api if f.severity == "info"} >= errors


def test_a_rule_whose_stage_did_not_run_is_skipped_with_a_note() -> None:
    result = Linter(RuleConfig(), stages=("sections",)).lint(EXAMPLE)
    assert result.ok and result.findings == []  # no false finding from a table never read
    assert Skipped("GT301", ("tables",)) in result.skipped  # arithmetic reads the tables
    assert Skipped("GT404", ("claims", "tables")) in result.skipped
    assert all(s.missing for s in result.skipped)


def test_lint_paths_in_processes_gives_what_one_process_gives(broken: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    paths = [str(broken), str(missing), str(EXAMPLE)]
    linter = Linter(RuleConfig())
    one = list(linter.lint_paths(paths))
    two = list(linter.lint_paths(paths, jobs=2))
    assert [r.path for r in one] == [r.path for r in two] == paths
    assert [[f.to_dict() for f in r.findings] for r in one] == [[f.to_dict() for f in r.findings] for r in two]
    assert [r.ok for r in two] == [True, False, True]
    assert type(two[1].error).__name__ == "SourceNotFoundError" and str(missing) in str(two[1].error)
    assert one[0].document is not None and two[0].document is None  # documents stay in their process
    assert isinstance(one[0], LintResult) and one[0].errors >= 1 and one[2].errors == 0


def test_batch_reads_the_configuration_as_lint_does(
    broken: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    errors = {f.rule for f in Linter(RuleConfig()).lint(broken).findings if f.severity == "error"}
    assert errors
    (tmp_path / "pyproject.toml").write_text(
        "[tool.govtext]\nseverity = {" + ", ".join(f'{r} = "info"' for r in sorted(errors)) + "}\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out.jsonl"
    for jobs in ("0", "1"):  # in this process and in a worker process
        assert main(["batch", str(broken), "-o", str(out), "-j", jobs, "--force", "--no-progress"]) == 0
        record = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
        assert _rules(record["findings"]) == _rules(govtext.lint(broken))
        assert not any(f["severity"] == "error" for f in record["findings"])
