"""``govtext batch`` over an output file: nothing lost, nothing twice, whatever happened to the runs before.

Every batch here runs in this process (``-j 0``), so the models load once.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from govtext.batch import output_lock, path_key, read_done
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


# ----------------------------------------------------------------------------- 2. done is (path, sha256)


def test_a_copy_a_renamed_file_and_a_changed_file_each_get_their_record(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert _batch(folder, "-o", out) == 0
    shutil.copy(folder / "a.txt", folder / "a-copy.txt")  # the same bytes under another name
    (folder / "b.txt").rename(folder / "b-renamed.txt")
    (folder / "a.txt").write_text(TEXT + "\n附注：改", encoding="utf-8")  # same path, new content
    assert _batch(folder, "-o", out) == 0
    by_name: dict[str, list[dict]] = {}
    for r in _records(out):
        by_name.setdefault(Path(r["source"]["path"]).name, []).append(r)
    assert sorted(by_name) == ["a-copy.txt", "a.txt", "b-renamed.txt", "b.txt"]  # b.txt: an earlier input, kept
    assert all(len(rs) == 1 for rs in by_name.values())  # the changed file's old record is superseded
    digest = by_name["a.txt"][0]["source"]["sha256"]
    assert (path_key(folder / "a.txt"), digest) in read_done(out)
    assert by_name["a-copy.txt"][0]["source"]["sha256"] != digest


# ----------------------------------------------------------------------------- 3. newest record wins


def test_a_retried_timeout_replaces_its_record(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert _batch(folder, "-o", out) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    timeout = {"source": first["source"], "error": {"type": "Timeout", "message": "took longer than 120 s"}}
    lines.append(json.dumps(timeout, ensure_ascii=False))  # the newest record of a.txt is a timeout
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert (path_key(first["source"]["path"]), first["source"]["sha256"]) not in read_done(out)
    for _ in range(2):  # the first resume retries it; the second finds it done
        assert _batch(folder, "-o", out) == 0
        assert _names(out) == ["a.txt", "b.txt"]
        assert all("error" not in r for r in _records(out))


# ----------------------------------------------------------------------------- 4. a line cut inside a character


def test_a_last_line_cut_inside_a_character_is_dropped_and_redone(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert _batch(folder, "-o", out) == 0
    data = out.read_bytes()
    second = data.index(b"\n") + 1
    lead = next(i for i in range(second + 100, len(data)) if data[i] >= 0xE0)  # a three-byte character starts
    out.write_bytes(data[: lead + 1])  # a full disk: b.txt's record ends inside that character
    assert _batch(folder, "-o", out) == 0
    assert _names(out) == ["a.txt", "b.txt"]  # every line decodes and parses (see _records)


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


# ----------------------------------------------------------------------------- 7. tables from the records


def _rows(directory: Path, name: str) -> list[list[str]]:
    with (directory / f"{name}.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    return [rows[0], *sorted(rows[1:])]


def _sorted(rows: list) -> list[str]:
    """Rows of any format as JSON text, sorted (a resumed output lists its reports in another order)."""
    return sorted(json.dumps(r, ensure_ascii=False, sort_keys=True, default=str) for r in rows)


def _parquet_rows(directory: Path, name: str) -> list[str]:
    import pyarrow.parquet as pq

    return _sorted(pq.read_table(directory / f"{name}.parquet").to_pylist())


def _sheet_rows(directory: Path, name: str) -> list[str]:
    import openpyxl

    book = openpyxl.load_workbook(directory / "tables.xlsx", read_only=True)
    return _sorted([list(r) for r in book[name].iter_rows(values_only=True)])


def _have(module: str) -> bool:
    try:
        __import__(module)
    except ImportError:
        return False
    return True


def test_tables_after_any_history_are_those_of_one_fresh_run(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    for i in range(4):
        (d / f"r{i}.txt").write_text(TEXT + f"\n附注{i}", encoding="utf-8")  # one body, one year: GT503 copies
    (d / "broken.txt").write_text(BROKEN, encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    out, tables, summary = tmp_path / "out.jsonl", tmp_path / "tables", tmp_path / "summary.json"
    parquet = _have("pyarrow.parquet")  # a test dependency; CSV alone where it is absent
    formats = ("--table-format", "parquet") if parquet else ()
    opts = ("-o", out, "--tables", tables, "--summary", summary, *formats)
    assert _batch(d / "r0.txt", d / "broken.txt", d / "empty.txt", *opts) == 0  # half the inputs
    assert _batch(d, *opts) == 0  # the rest
    data = out.read_bytes()  # Ctrl-C while the fourth report was being written
    starts = [i + 1 for i, b in enumerate(data) if b == 10]
    out.write_bytes(data[: starts[2] + 300])
    assert _batch(d, *opts) == 0
    assert json.loads(summary.read_text(encoding="utf-8"))["with_errors"] == 1  # broken.txt, done before
    (d / "r1.txt").write_text(TEXT + "\n附注：改过", encoding="utf-8")
    assert _batch(d, *opts) == 0
    assert _batch(d, *opts, "--force") == 0
    shutil.copy(d / "r2.txt", d / "r2-renamed.txt")
    assert _batch(d, *opts) == 0
    assert _batch(d, *opts) == 0  # nothing to do
    fresh, fresh_tables, fresh_summary = tmp_path / "fresh.jsonl", tmp_path / "fresh", tmp_path / "fresh.json"
    assert _batch(d, "-o", fresh, "--tables", fresh_tables, "--summary", fresh_summary, *formats) == 0
    for name in ("reports", "findings", "cells", "claims"):
        assert len(_rows(tables, name)) > 1 and _rows(tables, name) == _rows(fresh_tables, name), name
        if parquet:
            assert _parquet_rows(tables, name) == _parquet_rows(fresh_tables, name), name
    if _have("openpyxl"):  # the workbook made from each output's records: the same sheets
        for src, dst in ((out, tmp_path / "xlsx"), (fresh, tmp_path / "fresh-xlsx")):
            assert main(["tables", str(src), "-o", str(dst), "--table-format", "xlsx"]) == 0
        for name in ("reports", "findings", "cells", "claims"):
            assert _sheet_rows(tmp_path / "xlsx", name) == _sheet_rows(tmp_path / "fresh-xlsx", name), name
    reports = _rows(tables, "reports")[1:]
    assert sorted(Path(r[0]).name for r in reports) == sorted(p.name for p in d.iterdir())  # one row per input
    assert sum(1 for r in _rows(tables, "findings") if r[3] == "GT503") > 0  # cross-report rows, once each
    a, b = (json.loads(p.read_text(encoding="utf-8")) for p in (summary, fresh_summary))
    assert (a.pop("processed"), a.pop("skipped"), b.pop("processed"), b.pop("skipped")) == (0, 7, 7, 0)
    assert a == b and a["with_errors"] == 1 and a["analysed"] == 6 and a["failed"] == 1
    # the same rebuild on its own, from the records alone: byte for byte what the batch wrote
    rebuilt = tmp_path / "rebuilt"
    assert main(["tables", str(out), "-o", str(rebuilt), *formats]) == 0
    for name in ("reports", "findings", "cells", "claims"):
        assert (rebuilt / f"{name}.csv").read_bytes() == (tables / f"{name}.csv").read_bytes(), name
        if parquet:
            import pyarrow.parquet as pq

            assert pq.read_table(rebuilt / f"{name}.parquet").equals(pq.read_table(tables / f"{name}.parquet"))


def test_tables_command_warns_of_records_without_cells(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.jsonl"
    # no --tables and no cross-year checks: the records hold no cell detail
    assert _batch(folder, "-o", out, "--no-cross-year") == 0
    assert main(["tables", str(out), "-o", str(tmp_path / "t")]) == 0
    assert "2 report record(s) hold no table cells" in capsys.readouterr().err
    assert len(_rows(tmp_path / "t", "reports")) == 3 and len(_rows(tmp_path / "t", "cells")) == 1
    assert _batch(folder, "-o", out, "--no-cross-year", "--tables", tmp_path / "t") == 0  # tables redo them
    assert len(_rows(tmp_path / "t", "cells")) == 1 + 2 * (10 + 175 + 15)
    assert main(["tables", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "t")]) == 2
