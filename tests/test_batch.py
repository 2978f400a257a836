"""``govtext batch``: one record per report, a broken file never stops the run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govtext.batch import find_inputs, run
from govtext.cli import main
from tests.conftest import EXAMPLES
from tests.helpers import make_pdf


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_bytes((EXAMPLES / "example_2023.txt").read_bytes())
    (tmp_path / "sub" / "b.docx").write_bytes((EXAMPLES / "example_2023.docx").read_bytes())
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "cut.pdf").write_bytes(make_pdf([["Annual report"] * 5])[:200])
    (tmp_path / "notes.csv").write_text("not a report", encoding="utf-8")
    return tmp_path


def test_find_inputs(folder: Path) -> None:
    names = [Path(p).name for p in find_inputs(str(folder))]
    assert names == ["a.txt", "cut.pdf", "empty.txt", "b.docx"]
    assert [Path(p).name for p in find_inputs(str(folder / "*.txt"))] == ["a.txt", "empty.txt"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_broken_files_become_error_records(folder: Path, tmp_path: Path, jobs: int) -> None:
    out = tmp_path / "out.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        summary = run(find_inputs(str(folder)), fh, jobs=jobs)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [Path(r["source"]["path"]).name for r in records] == ["a.txt", "cut.pdf", "empty.txt", "b.docx"]
    by_name = {Path(r["source"]["path"]).name: r for r in records}
    assert by_name["cut.pdf"]["error"]["type"] == "CorruptFileError"
    assert by_name["empty.txt"]["error"]["type"] == "EmptyDocumentError"
    assert by_name["a.txt"]["meta"]["year"] == 2023 and "error" not in by_name["a.txt"]
    assert (summary.analysed, summary.failed) == (2, 2)


def test_cli_batch(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "records.jsonl"
    assert main(["batch", str(folder), "-o", str(out), "-j", "1"]) == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 4
    assert "2 analysed, 2 could not be read" in capsys.readouterr().err
    assert main(["batch", str(tmp_path / "nothing-*.pdf"), "-o", str(out)]) == 2
