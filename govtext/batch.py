"""Analyse many reports: parallel, resumable, fault-isolated, with cross-year checks.

:func:`run` takes paths (see :func:`find_inputs` for directories and globs) and
writes JSON Lines: for each report the analysis of ``docs/interface.md``, or,
for a file that could not be read, hung or exhausted its memory, a record with
the same ``source`` and an ``error`` object (``type``, ``message``) instead.
Report records come in input order.  After them come **cross-report records**
(``"kind": "cross_report"``): findings of the corpus rules (GT5xx) about a
body's consecutive years, naming every report involved by its path.

* **Engines.**  ``engine="local"`` runs a process pool (pebble) of ``jobs``
  workers, each loading the models and dictionaries once; a file that takes
  longer than ``timeout`` seconds is killed with its worker (which is replaced),
  and a worker's address space is capped at ``memory_mb`` so a runaway file
  raises ``MemoryError`` in its own worker.  ``engine="dask"`` submits the same
  work to a Dask cluster (``scheduler`` address or a ``client``); a Dask task
  cannot be killed, so each worker thread hands its file to a child process of
  its own (:mod:`govtext.isolate`), which the timeout kills and the memory cap
  bounds: the same ``Timeout``, ``MemoryError`` and ``WorkerCrashed`` records.
* **Resumable** (:func:`run_output`, under a lock on ``<output>.lock``).  An
  input is done when the output's newest record for its path has the file's
  sha256 (copies, renamed and changed files are analysed; records of files that
  timed out or crashed their worker are retried); new records are appended, a
  cut last line is cut away first, and at the end the output is rewritten with
  the newest record per path and the cross-report records computed once.
* **One source of truth**: the tables, summary and dashboard are rebuilt from
  the output's records (:func:`rebuild`, ``govtext tables``), never appended to.
* **Flat tables** (``tables_dir``, :mod:`govtext.flat`): ``reports``, ``findings``,
  ``cells`` and ``claims`` as CSV (always) and Parquet (``table_format="parquet"``,
  needs pyarrow) or an xlsx workbook (``"xlsx"``, needs openpyxl), one row per
  report, per finding (cross-report findings included), per table cell and per claim.
* **Summary**: counts of findings by rule and by body, and the worst reports;
  ``html`` writes a dashboard (the worst reports, findings by rule and body, each
  body's key figures over the years, the cross-report findings, a sortable and
  filterable table of the reports) with a page per report beside it.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .errors import GovtextError
from .flat import FlatTables, check_table_format

if TYPE_CHECKING:
    from .config import RuleConfig
    from .model import CrossReportFinding
    from .report import DashboardRow

#: file name endings a directory is searched for
EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx")
#: error types that a later run retries (they may not happen again)
RETRY_ERRORS = ("Timeout", "WorkerCrashed")
DEFAULT_TIMEOUT = 120.0
DEFAULT_MEMORY_MB = 3072
#: what a worker does with one path: ``(path, detail) -> record``
Worker = Callable[[str, bool], dict]


def find_inputs(spec: str) -> list[str]:
    """The reports named by ``spec``: a file, a directory (searched recursively) or a glob pattern."""
    path = Path(spec)
    if path.is_file():
        return [str(path)]
    if path.is_dir():
        return sorted(str(p) for p in path.rglob("*") if p.is_file() and p.suffix.lower() in EXTENSIONS)
    # glob.glob takes absolute and relative patterns alike; Path.glob needs a base directory
    return sorted(p for p in glob.glob(spec, recursive=True) if Path(p).is_file())  # noqa: PTH207


def analyse_one(path: str, detail: bool = False, config: RuleConfig | None = None) -> dict[str, Any]:
    """The JSON record of one report; never raises for a bad file.

    ``detail`` adds ``table_detail`` (every table cell with its place), which the
    flat ``cells`` table is made from.  The rules run as a :class:`~govtext.linter.Linter`
    with ``config`` runs them (``None``: every rule at its default severity), so a
    batch and ``govtext lint`` agree on one configuration.
    """
    from .config import RuleConfig
    from .linter import Linter

    try:
        return Linter(config or RuleConfig()).analyze(path).to_dict(detail=detail)
    except GovtextError as exc:
        return error_record(path, type(exc).__name__, str(exc))
    except MemoryError:
        return error_record(path, "MemoryError", "the analysis ran out of memory (see memory_mb)")
    except Exception as exc:  # a bug of ours must not stop a run over thousands of files
        return error_record(path, f"InternalError.{type(exc).__name__}", str(exc))


def error_record(path: str, kind: str, message: str, digest: str | None = None) -> dict[str, Any]:
    if digest is None:
        digest = sha256_of(path)
    return {"source": {"path": path, "format": None, "sha256": digest}, "error": {"type": kind, "message": message}}


_SURROGATE = re.compile("[\ud800-\udfff]")


def dumps_record(record: Any, indent: int | None = None) -> str:
    """``record`` as JSON text that always encodes as UTF-8.

    A file name that is not valid UTF-8 reaches us with its bad bytes as lone
    surrogates (``os.fsdecode``); they are written as ``\\udcXX`` escapes, which
    ``json.loads`` turns back into the same string, so ``os.fsencode`` of a
    record's path gives the file's name again.
    """
    text = json.dumps(record, ensure_ascii=False, indent=indent)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def sha256_of(path: str) -> str | None:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as fh:  # noqa: PTH123
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    except OSError:
        return None
    return h.hexdigest()


def _worker_init(memory_mb: int | None) -> None:
    """Load the models once per worker and cap its memory."""
    if memory_mb:
        try:
            import resource

            limit = memory_mb * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        except (ImportError, ValueError, OSError):  # pragma: no cover - not on every platform
            pass
    from .pipeline import analyze_text

    analyze_text("一、总体情况\n本机关2023年收到申请3件。")  # jieba's dictionary, OpenCC, the sections model


@dataclass
class Summary:
    """How a run went: reports analysed, failed, skipped (already done) and findings by rule and body."""

    analysed: int = 0
    failed: int = 0
    skipped: int = 0
    processed: int = 0
    with_errors: int = 0
    without_cells: int = 0
    cross_report: int = 0
    by_rule: Counter = field(default_factory=Counter)
    by_body: Counter = field(default_factory=Counter)
    errors_by_report: Counter = field(default_factory=Counter)
    failures: Counter = field(default_factory=Counter)

    def to_dict(self, worst: int = 20) -> dict[str, Any]:
        return {
            "analysed": self.analysed,
            "failed": self.failed,
            "skipped": self.skipped,
            "processed": self.processed,
            "with_errors": self.with_errors,
            "cross_report_findings": self.cross_report,
            "findings_by_rule": dict(self.by_rule.most_common()),
            "findings_by_body": dict(self.by_body.most_common()),
            "failures_by_type": dict(self.failures.most_common()),
            "worst_reports": [{"path": p, "errors": n} for p, n in self.errors_by_report.most_common(worst)],
        }


# --------------------------------------------------------------------------- engines


def _outcome(path: str, result: Callable[[], dict], timeout: float | None, memory_mb: int | None) -> dict:
    """The record of one file, whichever engine ran it: ``result()``, or the error record of how it failed.

    Both engines give the same records: a file stopped at ``timeout`` is a
    ``Timeout``, one past the memory cap a ``MemoryError``, a dead worker a ``WorkerCrashed``.
    """
    from concurrent.futures import TimeoutError as FutureTimeout

    from pebble import ProcessExpired

    from .isolate import ChildDied, ChildError

    try:
        return result()
    except (FutureTimeout, TimeoutError):
        return error_record(path, "Timeout", f"the analysis took longer than {timeout:g} s and was stopped")
    except MemoryError:
        return error_record(path, "MemoryError", f"the analysis ran out of memory (cap {memory_mb} MB)")
    except (ProcessExpired, ChildDied) as exc:
        return error_record(path, "WorkerCrashed", f"the worker analysing it died (exit code {exc.exitcode})")
    except ChildError as exc:
        return error_record(path, f"InternalError.{exc.kind}", str(exc))
    except Exception as exc:
        return error_record(path, f"InternalError.{type(exc).__name__}", str(exc))


def progress_weights(paths: Sequence[str], allowances: Sequence[float] | None = None) -> tuple[list[int], str]:
    """What the progress bar counts for each file, and its unit.

    OCR takes seconds a page where reading a text layer takes milliseconds a report:
    where any file has pages to OCR, the bar counts pages (a scan its pages, any other
    file one), so that its rate and ETA mean something; else reports.  ``allowances``
    are the files' :func:`~govtext.io.ocr.ocr_allowance` where already worked out.
    """
    from .io.ocr import SECONDS_PER_PAGE, ocr_allowance

    if allowances is None:
        allowances = [ocr_allowance(p) for p in paths]
    pages = [round(a / SECONDS_PER_PAGE) for a in allowances]
    if not any(pages):
        return [1] * len(paths), "report"
    return [max(1, n) for n in pages], "page"


def _local(
    paths: list[str],
    jobs: int,
    timeout: float | None,
    memory_mb: int | None,
    detail: bool,
    worker: Worker,
    allowances: Sequence[float],
) -> Iterator[dict]:
    from pebble import ProcessPool

    with ProcessPool(max_workers=max(1, jobs), initializer=_worker_init, initargs=(memory_mb,)) as pool:
        # OCR is slow: a scan's timeout grows by the pages it has to recognise (ocr_allowance)
        limits = [timeout + a if timeout else timeout for a in allowances]
        futures = [pool.schedule(worker, args=(p, detail), timeout=t) for p, t in zip(paths, limits, strict=True)]
        try:
            for path, fut, limit in zip(paths, futures, limits, strict=True):
                yield _outcome(path, fut.result, limit, memory_mb)
        finally:
            for fut in futures:
                fut.cancel()
            pool.stop()


def _dask_task(path: str, detail: bool, worker: Worker, timeout: float | None, memory_mb: int | None,
               group: str) -> dict:  # fmt: skip
    """One file on a Dask worker: analysed in a child process of the worker that a timeout kills.

    The children of a run (``group``) are kept between files, so each loads the
    models once; a killed or dead child is replaced at the next file.  See
    :mod:`govtext.isolate` for why not a thread or a multiprocessing pool.
    """
    from . import isolate

    child = isolate.acquire(group, _worker_init, (memory_mb,))
    try:
        return _outcome(path, lambda: child.call(worker, (path, detail), timeout), timeout, memory_mb)
    finally:
        isolate.release(group, child)


def _dask(
    paths: list[str],
    client: Any,
    scheduler: str | None,
    detail: bool,
    worker: Worker,
    timeout: float | None = DEFAULT_TIMEOUT,
    memory_mb: int | None = DEFAULT_MEMORY_MB,
) -> Iterator[dict]:
    try:
        from dask.distributed import Client
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise GovtextError("the dask engine needs dask[distributed]: pip install 'govtext[dask]'") from exc
    import uuid

    from . import isolate

    own = client is None
    if own:
        client = Client(scheduler) if scheduler else Client(processes=True)
    group = f"govtext-batch-{uuid.uuid4().hex}"
    futures: list[Any] = []
    try:
        futures = client.map(_dask_task, paths, detail=detail, worker=worker, timeout=timeout, memory_mb=memory_mb,
                             group=group, pure=False)  # fmt: skip
        for path, fut in zip(paths, futures, strict=True):
            try:
                yield fut.result()
            except Exception as exc:  # the Dask worker itself died (or the cluster went away)
                yield error_record(path, "WorkerCrashed", f"{type(exc).__name__}: {exc}")
    finally:
        # the run's child processes on every worker (a cluster that is gone took them with it)
        with contextlib.suppress(Exception):
            client.cancel(futures)
            client.run(isolate.stop, group)
        if own:
            client.close()


def _inline(paths: list[str], detail: bool, worker: Worker) -> Iterator[dict]:
    for p in paths:
        yield worker(p, detail)


# --------------------------------------------------------------------------- output files


class BatchError(GovtextError):
    """The batch output cannot be written as asked."""


class OutputLockedError(BatchError):
    """Another run holds the lock of the output (two runs would interleave their records)."""


class OutputIsInputError(BatchError):
    """An output file is one of the input reports (writing it would destroy the report)."""


def path_key(path: str | os.PathLike[str]) -> str:
    """What identifies an input across runs: its absolute, normalised path."""
    return os.path.normcase(os.path.normpath(os.path.abspath(path)))  # noqa: PTH100


@dataclass
class _Entry:
    """Where the newest record of one path is in an output file, and what it says."""

    offset: int
    length: int
    first: int  # offset of the path's first record: the order of the reports
    sha256: str | None
    error: str | None
    detail: bool


def _parse(line: bytes) -> Any:
    # our own lines are valid UTF-8; a damaged byte must not make the whole output unreadable
    return json.loads(line.decode("utf-8", errors="replace"))


def _scan(output: str | os.PathLike[str], repair: bool = False) -> dict[str, _Entry]:
    """The newest record of each path in ``output`` (cross-report records and unreadable lines skipped).

    A last line without its newline that is not valid JSON was cut by an
    interruption (Ctrl-C, a full disk): it is ignored, and with ``repair`` cut
    away so that records appended later start on a line of their own.
    """
    entries: dict[str, _Entry] = {}
    p = Path(output)
    if not p.exists():
        return entries
    with p.open("rb") as fh:
        offset = 0
        cut: int | None = None
        unterminated = False
        for line in fh:
            start, offset = offset, offset + len(line)
            try:
                rec = _parse(line)
            except ValueError:
                if not line.endswith(b"\n"):
                    cut = start
                continue
            unterminated = not line.endswith(b"\n")
            if not isinstance(rec, dict) or rec.get("kind") == "cross_report":
                continue
            src = rec.get("source") or {}
            where = src.get("path") if isinstance(src, dict) else None
            if not isinstance(where, str):
                continue
            key = path_key(where)
            error = rec.get("error")
            entries[key] = _Entry(
                offset=start,
                length=len(line),
                first=entries[key].first if key in entries else start,
                sha256=src.get("sha256"),
                error=error.get("type") if isinstance(error, dict) else None,
                detail="table_detail" in rec,
            )
    if repair and cut is not None:
        with p.open("r+b") as fh:
            fh.truncate(cut)
    elif repair and unterminated:
        with p.open("ab") as fh:
            fh.write(b"\n")
    return entries


@contextmanager
def output_lock(output: str | os.PathLike[str]) -> Iterator[None]:
    """Hold the lock of ``output`` (``<output>.lock``) for a run; :class:`OutputLockedError` if another run has it.

    ``fcntl.flock`` where there is one (the lock goes with the process, even when
    it is killed); elsewhere a lock file created with ``O_EXCL`` and removed at the end.
    """
    lock = f"{os.fspath(output)}.lock"
    busy = f"{os.fspath(output)}: another govtext run is writing it (it holds {lock}); wait for it to finish"
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            raise OutputLockedError(busy + ", or delete the lock file if no run is going on") from None
        os.close(fd)
        try:
            yield
        finally:
            os.unlink(lock)  # noqa: PTH108
        return
    fd = os.open(lock, os.O_CREAT | os.O_RDWR, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise OutputLockedError(busy) from None
        yield
    finally:
        os.close(fd)  # releases the lock


def refuse_overwriting_inputs(paths: Iterable[str], targets: Iterable[str | os.PathLike[str] | None]) -> None:
    """:class:`OutputIsInputError` if a file the run writes is one of its input reports."""
    paths = list(paths)
    for target in targets:
        if target is None or os.fspath(target) == "-":
            continue
        key = path_key(target)
        try:
            st = os.stat(target)  # noqa: PTH116
            same = (st.st_dev, st.st_ino)
        except OSError:
            same = None
        for p in paths:
            hit = path_key(p) == key
            if not hit and same is not None:
                try:
                    s = os.stat(p)  # noqa: PTH116
                    hit = (s.st_dev, s.st_ino) == same
                except OSError:
                    pass
            if hit:
                raise OutputIsInputError(
                    f"{os.fspath(target)}: the output is one of the input reports ({p}); write it elsewhere"
                )


# --------------------------------------------------------------------------- run


def read_done(path: str | os.PathLike[str]) -> set[tuple[str, str]]:
    """``(path_key, sha256)`` of the reports an existing output already holds (retryable failures excluded).

    A report is done when the output's newest record for its path has the file's
    current content hash: a copy or a renamed file is not done, a changed file is redone.
    """
    return {(k, e.sha256) for k, e in _scan(path).items() if e.sha256 and e.error not in RETRY_ERRORS}


def _done_pairs(done: Mapping[str, str] | Collection[tuple[str, str]] | None) -> set[tuple[str, str]]:
    if not done:
        return set()
    if isinstance(done, Mapping):  # the form of govtext <= 0.x: sha256 -> path
        return {(path_key(p), d) for d, p in done.items() if p}
    return {(path_key(p), d) for p, d in done}


def run(
    paths: Iterable[str],
    out: IO[str],
    jobs: int = 1,
    *,
    engine: str = "local",
    client: Any = None,
    scheduler: str | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    memory_mb: int | None = DEFAULT_MEMORY_MB,
    done: Mapping[str, str] | Collection[tuple[str, str]] | None = None,
    tables_dir: str | os.PathLike[str] | None = None,
    table_format: str = "csv",
    progress: bool | None = None,
    cross_year: bool = True,
    html: str | os.PathLike[str] | None = None,
    previous: Iterable[dict] = (),
    worker: Worker = analyse_one,
    detail: bool | None = None,
    config: RuleConfig | None = None,
) -> Summary:
    """Analyse ``paths`` and write one JSON line per report to ``out``, then the cross-report records.

    ``done`` (``(path, sha256)`` pairs, see :func:`read_done`; the older
    ``sha256 -> path`` mapping is accepted too) names reports to skip;
    ``previous`` are the records of those reports (for the cross-year checks,
    the tables and the dashboard).  ``engine`` is ``"local"`` (process pool;
    ``jobs=0`` runs in this process, without timeouts) or ``"dask"``.
    ``progress`` shows a progress bar (default: when stderr is a terminal).
    ``worker`` replaces :func:`analyse_one` (it must be a module-level function,
    for the worker processes); ``config`` (a :class:`~govtext.config.RuleConfig`, as
    ``govtext lint`` reads it) is what :func:`analyse_one` runs the rules with.  ``detail`` keeps every table cell
    (``table_detail``) in the records; it is on when tables or a dashboard are
    asked for, so that they can be rebuilt from the records alone.

    Tables and dashboard are written afresh from ``previous`` and the new
    records; for a resumable output file use :func:`run_output`.
    """
    paths = list(paths)
    check_table_format(table_format, packages=tables_dir is not None)
    if config is not None and worker is analyse_one:
        worker = partial(analyse_one, config=config)
    previous = list(previous)
    summary = Summary()
    skip = _done_pairs(done)
    todo: list[str] = []
    for p in paths:
        if skip and (path_key(p), sha256_of(p)) in skip:
            summary.skipped += 1
        else:
            todo.append(p)
    if detail is None:
        # the cross-year rules accuse only on cells read with certainty, which the cell detail says
        detail = tables_dir is not None or html is not None or cross_year
    pages = Path(html).with_name(Path(html).stem + "_reports") if html is not None else None
    rows: list[DashboardRow] = []
    if html is not None:
        from .report import dashboard_row

        rows = [dashboard_row(r) for r in previous]
    if progress is None:
        progress = sys.stderr.isatty() and not os.environ.get("CI")
    pool = engine == "local" and jobs != 0
    # the pages each file has to OCR, worked out once: for the pool's timeouts and the progress bar
    from .io.ocr import ocr_allowance

    allowances = [ocr_allowance(p) for p in todo] if pool or progress else [0.0] * len(todo)
    if engine == "dask":
        records = _dask(todo, client, scheduler, detail, worker, timeout, memory_mb)
    elif engine == "local":
        records = (
            _local(todo, jobs, timeout, memory_mb, detail, worker, allowances)
            if pool
            else _inline(todo, detail, worker)
        )
    else:
        raise GovtextError(f"unknown engine {engine!r}: choose local or dask")
    from tqdm import tqdm

    flat = FlatTables(tables_dir, table_format) if tables_dir is not None else None
    if flat is not None:
        for r in previous:
            flat.add(r, r.get("table_detail"))
    fingerprints = [fingerprint(r) for r in previous if "error" not in r]
    weights, unit = progress_weights(todo, allowances) if progress else ([1] * len(todo), "report")
    bar = tqdm(total=sum(weights), unit=unit, disable=not progress, file=sys.stderr, smoothing=0.1)
    try:
        for k, record in enumerate(records):
            if pages is not None:
                rows.append(_page_and_row(pages, record))
            out.write(dumps_record(record) + "\n")
            out.flush()
            _count(summary, record)
            summary.processed += 1
            if flat is not None:
                flat.add(record, record.get("table_detail"))
            if cross_year and "error" not in record:
                fingerprints.append(fingerprint(record))
            bar.update(weights[k] if k < len(weights) else 1)
    finally:
        bar.close()
        if flat is not None:
            flat.close_partial()
    cross: list[CrossReportFinding] = []
    if cross_year:
        from .corpus import cross_year_findings

        cross = cross_year_findings(fingerprints)
        for rec in cross:
            out.write(dumps_record(rec.to_dict()) + "\n")
            _count_cross(summary, rec)
            if flat is not None:
                flat.add_cross(rec)
    _finish(flat, html, summary, rows, cross)
    return summary


def run_output(
    paths: Iterable[str],
    output: str | os.PathLike[str],
    jobs: int = 1,
    *,
    force: bool = False,
    engine: str = "local",
    client: Any = None,
    scheduler: str | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    memory_mb: int | None = DEFAULT_MEMORY_MB,
    tables_dir: str | os.PathLike[str] | None = None,
    table_format: str = "csv",
    progress: bool | None = None,
    cross_year: bool = True,
    html: str | os.PathLike[str] | None = None,
    worker: Worker = analyse_one,
    config: RuleConfig | None = None,
) -> Summary:
    """Analyse ``paths`` into the JSON Lines file ``output``, resuming what it already holds.

    Under the lock of ``output`` (:func:`output_lock`): a cut last line is cut
    away; an input is skipped when the newest record for its path has the file's
    current sha256 (and, when tables or a dashboard are asked for, its cells),
    so copies, renamed and changed files are analysed, and ``Timeout`` and
    ``WorkerCrashed`` records are retried; new records are appended as they
    come (an interrupted run loses nothing done).  At the end :func:`rebuild`
    rewrites ``output`` with the newest record of each path (in the order the
    paths first appeared) and the cross-report records recomputed once, and
    writes the tables and dashboard from it.  ``force``
    starts the output over.  The summary counts the reports the output holds;
    ``processed`` and ``skipped`` say what this run did.
    """
    unique: dict[str, str] = {}
    for p in paths:
        unique.setdefault(path_key(p), p)
    inputs = list(unique.values())
    refuse_overwriting_inputs(inputs, (output, html))
    check_table_format(table_format, packages=tables_dir is not None)
    detail = tables_dir is not None or html is not None or cross_year
    with output_lock(output):
        if force:
            Path(output).write_bytes(b"")
        entries = _scan(output, repair=True)
        done = {
            (k, e.sha256)
            for k, e in entries.items()
            if e.sha256 and e.error not in RETRY_ERRORS and (e.error or e.detail or not detail)
        }
        with open(output, "a", encoding="utf-8") as out:  # noqa: PTH123
            this_run = run(
                inputs,
                out,
                jobs,
                engine=engine,
                client=client,
                scheduler=scheduler,
                timeout=timeout,
                memory_mb=memory_mb,
                done=done,
                progress=progress,
                cross_year=False,
                worker=worker,
                detail=detail,
                config=config,
            )
        summary = rebuild(
            output,
            rewrite=True,
            tables_dir=tables_dir,
            table_format=table_format,
            html=html,
            cross_year=cross_year,
            refresh_pages=force,
        )
    summary.processed, summary.skipped = this_run.processed, this_run.skipped
    return summary


def rebuild(
    output: str | os.PathLike[str],
    *,
    rewrite: bool = False,
    tables_dir: str | os.PathLike[str] | None = None,
    table_format: str = "csv",
    html: str | os.PathLike[str] | None = None,
    cross_year: bool = True,
    refresh_pages: bool = False,
) -> Summary:
    """The summary, tables and dashboard of the reports ``output`` holds now, made from it alone.

    A report is the newest record of its path; reports come in the order their
    paths first appear (a fresh run: input order; a resume adds new paths at
    the end, a redone file keeps its place).  Cross-report
    records in the file are dropped and computed once over these reports.
    ``rewrite`` replaces ``output`` (atomically) by exactly these records.  The
    caller holds the lock when the file may be written meanwhile.
    """
    entries = _scan(output)
    order = sorted(entries, key=lambda k: entries[k].first)
    summary = Summary()
    flat = FlatTables(tables_dir, table_format) if tables_dir is not None else None
    pages = Path(html).with_name(Path(html).stem + "_reports") if html is not None else None
    rows: list[DashboardRow] = []
    fingerprints: list[dict] = []
    target = Path(output)
    tmp = target.with_name(target.name + ".tmp") if rewrite else None
    try:
        with (
            target.open("rb") if target.exists() else open(os.devnull, "rb") as src,  # noqa: PTH123
            tmp.open("wb") if tmp is not None else open(os.devnull, "wb") as dst,  # noqa: PTH123
        ):
            for key in order:
                e = entries[key]
                src.seek(e.offset)
                line = src.read(e.length)
                record = _parse(line)
                dst.write(line if line.endswith(b"\n") else line + b"\n")
                _count(summary, record)
                if flat is not None:
                    cells = record.get("table_detail")
                    summary.without_cells += "error" not in record and cells is None
                    flat.add(record, cells)
                if pages is not None:
                    rows.append(_page_and_row(pages, record, refresh_pages))
                if cross_year and "error" not in record:
                    fingerprints.append(fingerprint(record))
            cross: list[CrossReportFinding] = []
            if cross_year:
                from .corpus import cross_year_findings

                cross = cross_year_findings(fingerprints)
            for rec in cross:
                dst.write((dumps_record(rec.to_dict()) + "\n").encode("utf-8"))
                _count_cross(summary, rec)
                if flat is not None:
                    flat.add_cross(rec)
            dst.flush()
            if tmp is not None:
                os.fsync(dst.fileno())
    except BaseException:  # Ctrl-C or a full disk while rewriting: the output stays as it was
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        raise
    if tmp is not None:
        tmp.replace(target)
    _finish(flat, html, summary, rows, cross)
    return summary


def _finish(flat: FlatTables | None, html: str | os.PathLike[str] | None, summary: Summary, rows: list[DashboardRow],
            cross: list[CrossReportFinding]) -> None:  # fmt: skip
    """Close the flat tables and write the dashboard: the end of a run and of a rebuild."""
    if flat is not None:
        flat.close()
    if html is not None:
        from .report import render_dashboard

        Path(html).write_text(
            render_dashboard(summary.to_dict(), rows, cross), encoding="utf-8", errors="backslashreplace"
        )


def _page_and_row(directory: Path, record: dict, overwrite: bool = True) -> DashboardRow:
    """The report's own HTML page next to the dashboard, and its dashboard row linking to it: both from one
    :class:`~govtext.model.Document` read back from the record (an error record has a row and no page)."""
    from .report import DashboardRow, read_back, render_html

    doc = read_back(record)
    if isinstance(doc, DashboardRow):
        return doc  # no page: nothing to show
    directory.mkdir(parents=True, exist_ok=True)
    name = f"{Path(doc.source.path or 'report').name}.{(doc.source.sha256 or '')[:8]}.html"
    page = directory / name
    if overwrite or not page.exists():  # the name holds the content hash: an existing page is this report's
        page.write_text(render_html(doc), encoding="utf-8", errors="backslashreplace")
    return DashboardRow.of(doc, f"{directory.name}/{name}")


def _count_cross(summary: Summary, rec: CrossReportFinding) -> None:
    summary.cross_report += 1
    summary.by_rule[rec.rule] += 1
    summary.by_body[rec.body] += 1


def _count(summary: Summary, record: dict) -> None:
    if "error" in record:
        summary.failed += 1
        summary.failures[record["error"]["type"]] += 1
        return
    summary.analysed += 1
    from .corpus import body_of

    body = body_of(record)
    errors = 0
    for f in record.get("findings", []):
        summary.by_rule[f["rule"]] += 1
        summary.by_body[body] += 1
        errors += f["severity"] == "error"
    if errors:
        summary.with_errors += 1
        summary.errors_by_report[record["source"]["path"]] = errors


def fingerprint(record: dict) -> dict:
    """What the cross-year rules need of a report record (small: kept for every report of a corpus)."""
    from .corpus import fingerprint as fp

    return fp(record)


def default_jobs() -> int:
    return max(1, min(4, (os.cpu_count() or 1)))


__all__ = [
    "EXTENSIONS",
    "BatchError",
    "FlatTables",
    "OutputIsInputError",
    "OutputLockedError",
    "Summary",
    "analyse_one",
    "default_jobs",
    "dumps_record",
    "error_record",
    "find_inputs",
    "output_lock",
    "path_key",
    "read_done",
    "rebuild",
    "refuse_overwriting_inputs",
    "run",
    "run_output",
]
