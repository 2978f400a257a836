"""``govtext batch`` over an output file: nothing lost, nothing twice, whatever happened to the runs before.

Every batch here runs in this process (``-j 0``), so the models load once.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from govtext.batch import output_lock
from govtext.cli import main
from tests.conftest import EXAMPLES

TEXT = (EXAMPLES / "example_2023.txt").read_text(encoding="utf-8")
# a report with error findings (sections out of order, three missing)
BROKEN = "某局2023年政府信息公开工作年度报告\n一、总体情况\n正文。\n五、存在的主要问题及改进情况\n问题。\n四、政府信息公开行政复议、行政诉讼情况\n无。\n"
BAD_NAME = os.fsdecode(b"bad\xff.txt")  # not valid UTF-8: reaches Python as a lone surrogate


def _records(path: Path) -> list[dict]:
    """The report records of an output; every line must be complete JSON in valid UTF-8."""
    lines = path.read_bytes().decode("utf-8").splitlines()
    return [r for r in map(json.loads, lines) if r.get("kind") != "cross_report"]


def _batch(*args: str | Path) -> int:
    return main(["batch", *map(str, args), "-j", "0", "--no-progress"])


def _names(path: Path) -> list[str]:
    return [Path(r["source"]["path"]).name for r in _records(path)]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(TEXT, encoding="utf-8")
    (d / "b.txt").write_text(TEXT + "\n附注：b", encoding="utf-8")
    return d


# ----------------------------------------------------------------------------- 1. file names that are not UTF-8


def test_a_file_name_that_is_not_utf8_is_written_so_that_it_round_trips(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / BAD_NAME).write_text(BROKEN, encoding="utf-8")
    out, tables = tmp_path / "out.jsonl", tmp_path / "tables"
    args = (folder, "-o", out, "--tables", tables, "--summary", tmp_path / "s.json", "--html", tmp_path / "d.html")
    assert _batch(*args) == 0
    records = {os.fsencode(r["source"]["path"]): r for r in _records(out)}  # the escape turns back into the bytes
    bad = records[os.fsencode(str(folder)) + b"/bad\xff.txt"]
    assert bad["meta"]["year"] == 2023 and any(f["severity"] == "error" for f in bad["findings"])
    assert Path(os.fsdecode(os.fsencode(bad["source"]["path"]))).read_text(encoding="utf-8") == BROKEN
    assert json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))["with_errors"] == 1
    capsys.readouterr()
    assert _batch(*args) == 0  # the resume reads the name back and finds the file done
    assert "3 already done" in capsys.readouterr().err
    assert len(_records(out)) == 3


def test_lint_writes_a_file_name_that_is_not_utf8(folder: Path, tmp_path: Path) -> None:
    bad = folder / BAD_NAME
    bad.write_text(BROKEN, encoding="utf-8")
    out = tmp_path / "lint.json"
    assert main(["lint", "--format", "json", "-o", str(out), str(bad)]) == 1  # error findings, no crash
    assert os.fsencode(json.loads(out.read_text(encoding="utf-8"))[0]["path"]) == os.fsencode(str(bad))
    # a C locale without UTF-8 mode: stdout is ASCII; names and Chinese messages come out escaped
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG", "PYTHONIOENCODING"))}
    env.update(LC_ALL="C", PYTHONUTF8="0", PYTHONCOERCECLOCALE="0")
    proc = subprocess.run(
        [sys.executable, "-m", "govtext.cli", "lint", "--zh", str(bad)], capture_output=True, env=env, timeout=120
    )
    assert proc.returncode == 1, proc.stderr
    assert b" GT103 error: " in proc.stdout and b"internal error" not in proc.stderr


# ----------------------------------------------------------------------------- 5. -o an input


def test_output_equal_to_an_input_is_refused(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = folder / "a.txt"
    assert _batch(folder, "-o", report) == 2
    assert report.read_text(encoding="utf-8") == TEXT
    assert "is one of the input reports" in capsys.readouterr().err
    assert _batch(report, "-o", folder / "." / "a.txt") == 2  # another spelling of the same file
    os.link(report, folder / "hard.jsonl")
    assert _batch(report, "-o", folder / "hard.jsonl") == 2  # the same file under another name
    assert _batch(folder, "-o", folder / "x.jsonl", "--html", folder / "b.txt") == 2
    assert report.read_text(encoding="utf-8") == TEXT and (folder / "b.txt").read_text(encoding="utf-8") != ""


# ----------------------------------------------------------------------------- 6. one run per output


def test_a_second_run_on_a_locked_output_fails(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.jsonl"
    with output_lock(out):  # a run is writing it
        assert _batch(folder, "-o", out) == 2
        assert "another govtext run is writing it" in capsys.readouterr().err
        assert not out.exists() or out.read_bytes() == b""
    assert _batch(folder, "-o", out) == 0  # the lock went with the first run
    assert _names(out) == ["a.txt", "b.txt"]
