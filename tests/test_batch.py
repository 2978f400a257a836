"""``govtext batch``: one record per report, a broken file never stops the run."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from govtext.batch import find_inputs, run
from govtext.cli import main
from tests.conftest import EXAMPLES, SHARED, needs_corpus
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
    cross = [r for r in records if r.get("kind") == "cross_report"]
    records = [r for r in records if r.get("kind") != "cross_report"]
    assert [Path(r["source"]["path"]).name for r in records] == ["a.txt", "cut.pdf", "empty.txt", "b.docx"]
    # a.txt and b.docx are one report in two formats: the same body and year, the same text
    assert [(r["rule"], [Path(p).name for p in r["reports"]]) for r in cross] == [("GT503", ["a.txt", "b.docx"])]
    by_name = {Path(r["source"]["path"]).name: r for r in records}
    assert by_name["cut.pdf"]["error"]["type"] == "CorruptFileError"
    assert by_name["empty.txt"]["error"]["type"] == "EmptyDocumentError"
    assert by_name["a.txt"]["meta"]["year"] == 2023 and "error" not in by_name["a.txt"]
    assert (summary.analysed, summary.failed) == (2, 2)


def test_cli_batch(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "records.jsonl"
    assert main(["batch", str(folder), "-o", str(out), "-j", "1"]) == 0
    assert len([r for r in _lines(out) if r.get("kind") != "cross_report"]) == 4
    assert "2 analysed, 2 could not be read" in capsys.readouterr().err
    assert main(["batch", str(tmp_path / "nothing-*.pdf"), "-o", str(out)]) == 2


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_hanging_hogging_and_crashing_files_become_error_records(folder: Path, tmp_path: Path) -> None:
    from tests.batch_workers import faulty

    for name in ("hang.txt", "hog.txt", "crash.txt"):
        (folder / name).write_bytes((EXAMPLES / "example_2023.txt").read_bytes())
    out = tmp_path / "out.jsonl"
    paths = find_inputs(str(folder))
    with out.open("w", encoding="utf-8") as fh:
        summary = run(paths, fh, jobs=2, timeout=5, memory_mb=1024, worker=faulty, cross_year=False)
    by_name = {Path(r["source"]["path"]).name: r for r in _lines(out)}
    assert by_name["hang.txt"]["error"]["type"] == "Timeout"
    assert by_name["hog.txt"]["error"]["type"] in ("MemoryError", "WorkerCrashed")
    assert by_name["crash.txt"]["error"]["type"] == "WorkerCrashed"
    assert "error" not in by_name["a.txt"] and "error" not in by_name["b.docx"]  # the rest goes on
    assert (summary.analysed, summary.failed) == (2, 5)


def test_resume_skips_done_files_and_retries_timeouts(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(folder), "-o", str(out), "-j", "1", "--no-progress"]) == 0
    first = [r for r in _lines(out) if r.get("kind") != "cross_report"]
    (folder / "c.txt").write_text((EXAMPLES / "example_2023.txt").read_text(encoding="utf-8") + "\n附件：无", "utf-8")
    assert main(["batch", str(folder), "-o", str(out), "-j", "1"]) == 0
    second = _lines(out)
    reports = [r for r in second if r.get("kind") != "cross_report"]
    assert reports[: len(first)] == first
    assert [Path(r["source"]["path"]).name for r in reports[len(first) :]] == ["c.txt"]
    # a record of a file that timed out is retried by the next run
    from govtext.batch import path_key, read_done

    lines = out.read_text(encoding="utf-8").splitlines()
    lines[0] = json.dumps(
        {"source": {"path": reports[0]["source"]["path"], "sha256": reports[0]["source"]["sha256"]},
         "error": {"type": "Timeout", "message": "…"}}
    )  # fmt: skip
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    pair = (path_key(reports[0]["source"]["path"]), reports[0]["source"]["sha256"])
    assert pair not in read_done(out)
    assert (path_key(reports[1]["source"]["path"]), reports[1]["source"]["sha256"]) in read_done(out)


def test_interrupted_run_leaves_valid_output_that_a_rerun_completes(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    folder = tmp_path / "in"
    folder.mkdir()
    text = (EXAMPLES / "example_2023.txt").read_text(encoding="utf-8")
    for i in range(40):
        (folder / f"r{i:02d}.txt").write_text(text + f"\n附注{i}", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "govtext.cli", "batch", str(folder), "-o", str(out), "-j", "1", "--no-progress"]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while time.time() < deadline and (not out.exists() or len(out.read_bytes().splitlines()) < 3):
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=60)
    partial = _lines(out)  # every line is complete JSON
    assert 3 <= len(partial) < 40
    assert subprocess.run(cmd, capture_output=True, timeout=300).returncode == 0
    records = [r for r in _lines(out) if r.get("kind") != "cross_report"]
    assert sorted(Path(r["source"]["path"]).name for r in records) == sorted(p.name for p in folder.iterdir())


def test_flat_tables_and_summary(folder: Path, tmp_path: Path) -> None:
    import csv

    out, tables, summary = tmp_path / "out.jsonl", tmp_path / "tables", tmp_path / "summary.json"
    args = ["batch", str(folder), "-o", str(out), "-j", "1", "--tables", str(tables), "--summary", str(summary)]
    assert main(args) == 0
    reports = list(csv.DictReader((tables / "reports.csv").open(encoding="utf-8-sig")))
    assert len(reports) == 4 and {r["error_type"] for r in reports} >= {"CorruptFileError", ""}
    cells = list(csv.DictReader((tables / "cells.csv").open(encoding="utf-8-sig")))
    row = next(
        c for c in cells if c["path"].endswith("a.txt") and c["row_key"] == "new_received" and c["col_key"] == "total"
    )
    assert row["value"] == "60" and row["table"] == "t3" and row["line"]
    data = json.loads(summary.read_text(encoding="utf-8"))
    assert data["analysed"] == 2 and data["failures_by_type"] == {"CorruptFileError": 1, "EmptyDocumentError": 1}


def test_parquet_tables(folder: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet", reason="Parquet output needs pyarrow")
    tables = tmp_path / "tables"
    args = ["batch", str(folder), "-o", str(tmp_path / "o.jsonl"), "-j", "1", "--tables", str(tables)]
    assert main([*args, "--table-format", "parquet"]) == 0
    cells = pq.read_table(tables / "cells.parquet")
    assert cells.num_rows == 2 * (10 + 175 + 15)  # every cell of t2, t3 and t4 of the two readable reports
    assert str(cells.schema.field("text").type) == "string" and str(cells.schema.field("value").type) == "double"


def test_dask_engine_on_a_local_cluster(folder: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("dask.distributed", reason="the dask engine needs dask[distributed]")
    out = tmp_path / "out.jsonl"
    with (
        distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        distributed.Client(cluster) as client,
        out.open("w", encoding="utf-8") as fh,
    ):
        summary = run(find_inputs(str(folder)), fh, engine="dask", client=client)
    names = [Path(r["source"]["path"]).name for r in _lines(out) if r.get("kind") != "cross_report"]
    assert names == ["a.txt", "cut.pdf", "empty.txt", "b.docx"]
    assert (summary.analysed, summary.failed) == (2, 2)


def test_dask_engine_stops_hanging_hogging_and_crashing_files(folder: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("dask.distributed", reason="the dask engine needs dask[distributed]")
    from govtext import isolate
    from tests.batch_workers import faulty

    for name in ("hang.txt", "hog.txt", "crash.txt"):
        (folder / name).write_bytes((EXAMPLES / "example_2023.txt").read_bytes())
    out = tmp_path / "out.jsonl"
    with (
        distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as cluster,
        distributed.Client(cluster) as client,
        out.open("w", encoding="utf-8") as fh,
    ):
        summary = run(find_inputs(str(folder)), fh, engine="dask", client=client, timeout=3, memory_mb=1024,
                      worker=faulty, cross_year=False)  # fmt: skip
    by_name = {Path(r["source"]["path"]).name: r for r in _lines(out)}
    # the same records as the local engine's (test_hanging_hogging_and_crashing_files_become_error_records)
    assert by_name["hang.txt"]["error"] == {
        "type": "Timeout",
        "message": "the analysis took longer than 3 s and was stopped",
    }
    assert by_name["hog.txt"]["error"]["type"] in ("MemoryError", "WorkerCrashed")
    assert by_name["crash.txt"]["error"]["type"] == "WorkerCrashed"
    assert by_name["a.txt"]["tables"]["t3"]["new_received"]["total"] == 60  # the rest goes on
    assert "error" not in by_name["b.docx"]
    assert (summary.analysed, summary.failed) == (2, 5)
    assert not isolate._IDLE and not isolate._BUSY  # the run's child processes were stopped at its end


def test_a_killed_child_is_replaced_for_the_next_call() -> None:
    import time

    from govtext.isolate import Child, ChildDied, ChildError, ChildTimeout

    child = Child()
    try:
        with pytest.raises(ChildTimeout):
            child.call(time.sleep, (60,), timeout=0.5)
        assert child.pid is None  # killed and reaped
        assert child.call(abs, (-3,), timeout=30) == 3  # a fresh child takes the next call
        first = child.pid
        with pytest.raises(ChildError) as err:
            child.call(int, ("x",))
        assert err.value.kind == "ValueError" and child.pid == first  # an exception leaves the child alive
        with pytest.raises(ChildDied) as died:
            child.call(os._exit, (3,))
        assert died.value.exitcode == 3
        assert child.call(divmod, (7, 2)) == (3, 1)
    finally:
        child.kill()


@needs_corpus
def test_cross_year_records_for_pingtan(tmp_path: Path) -> None:
    folder = tmp_path / "pingtan"
    folder.mkdir()
    for name in ("pingtan_2021.txt", "pingtan_2022.txt", "pingtan_2024.txt", "pingtan_2025.txt",
                 "pingtan_xian_2011.txt", "pingtan_xian_2012.txt"):  # fmt: skip
        (folder / name).write_bytes((SHARED / "corpus" / name).read_bytes())
    # 2022 with a carried-over count that does not follow 2021's carried-forward one
    t22 = (folder / "pingtan_2022.txt").read_text(encoding="utf-8")
    assert t22.count("二、上年结转政府信息公开申请数量 1000001") == 1
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(folder), "-o", str(out), "-j", "2"]) == 0
    cross = [r for r in _lines(out) if r.get("kind") == "cross_report"]
    rules = {(r["rule"], tuple(Path(p).name for p in r["reports"])) for r in cross}
    assert ("GT502", ("pingtan_2024.txt", "pingtan_2025.txt")) in rules  # 440 + 58 - 45 != 546
    assert ("GT503", ("pingtan_xian_2011.txt", "pingtan_xian_2012.txt")) in rules  # the 2012 text repeats 2011's
    assert not any(r == "GT501" for r, _ in rules)  # 2021 carried 1 forward, 2022 carried 1 over
    (folder / "pingtan_2022.txt").write_text(
        t22.replace("二、上年结转政府信息公开申请数量 1000001", "二、上年结转政府信息公开申请数量 2000002"), "utf-8"
    )
    assert main(["batch", str(folder), "-o", str(out), "-j", "2"]) == 0
    cross = [r for r in _lines(out) if r.get("kind") == "cross_report"]
    gt501 = [r for r in cross if r["rule"] == "GT501"]
    assert len(gt501) == 1 and gt501[0]["observed"] == 2 and gt501[0]["expected"] == 1
    assert [Path(p).name for p in gt501[0]["reports"]] == ["pingtan_2021.txt", "pingtan_2022.txt"]


def test_a_line_of_the_output_that_is_no_record_does_not_stop_the_dashboard(
    folder: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A hand-edited or foreign line in the output: the resumed batch lists it as unreadable, and goes on."""
    where = tmp_path_factory.mktemp("outputs")
    out, html = where / "out.jsonl", where / "dash.html"
    assert main(["batch", str(folder), "-o", str(out), "-j", "0", "--no-progress", "--html", str(html)]) == 0
    with out.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"source": {"path": "/elsewhere/old.txt", "sha256": "0" * 64}, "meta": {}}) + "\n")
    assert main(["batch", str(folder), "-o", str(out), "-j", "0", "--no-progress", "--html", str(html)]) == 0
    page = html.read_text(encoding="utf-8")
    assert "old.txt" in page and "InvalidRecordError" in page
