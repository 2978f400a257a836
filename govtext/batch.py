"""Analyse many reports: one JSON record per report, one broken file never stops the run.

:func:`run` takes paths (see :func:`find_inputs` for directories and globs) and
writes JSON Lines: for each report the analysis of ``docs/interface.md``, or,
for a file that could not be read or made govtext fail, a record with the same
``source`` and an ``error`` object (``type``, ``message``) instead.  Records come
in input order; with ``jobs > 1`` reports are analysed in worker processes.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from .errors import GovtextError

#: file name endings a directory is searched for
EXTENSIONS = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx")


def find_inputs(spec: str) -> list[str]:
    """The reports named by ``spec``: a file, a directory (searched recursively) or a glob pattern."""
    path = Path(spec)
    if path.is_file():
        return [str(path)]
    if path.is_dir():
        return sorted(str(p) for p in path.rglob("*") if p.is_file() and p.suffix.lower() in EXTENSIONS)
    # glob.glob takes absolute and relative patterns alike; Path.glob needs a base directory
    return sorted(p for p in glob.glob(spec, recursive=True) if Path(p).is_file())  # noqa: PTH207


def analyse_one(path: str) -> dict[str, Any]:
    """The JSON record of one report; never raises for a bad file."""
    from .pipeline import analyze

    try:
        return analyze(path).to_dict()
    except GovtextError as exc:
        return _error_record(path, type(exc).__name__, str(exc))
    except Exception as exc:  # a bug of ours must not stop a run over thousands of files
        return _error_record(path, f"InternalError.{type(exc).__name__}", str(exc))


def _error_record(path: str, kind: str, message: str) -> dict[str, Any]:
    try:
        digest: str | None = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        digest = None
    return {"source": {"path": path, "format": None, "sha256": digest}, "error": {"type": kind, "message": message}}


@dataclass
class Summary:
    """How a run went: reports analysed, failed, and findings at error severity."""

    analysed: int = 0
    failed: int = 0
    with_errors: int = 0


def _records(paths: list[str], jobs: int) -> Iterator[dict[str, Any]]:
    if jobs <= 1 or len(paths) <= 1:
        yield from map(analyse_one, paths)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(analyse_one, paths, chunksize=4)


def run(paths: Iterable[str], out: TextIO, jobs: int = 1) -> Summary:
    """Analyse ``paths`` and write one JSON line per report to ``out``."""
    summary = Summary()
    for record in _records(list(paths), jobs):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        if "error" in record:
            summary.failed += 1
        else:
            summary.analysed += 1
            if any(f["severity"] == "error" for f in record["findings"]):
                summary.with_errors += 1
    return summary


def default_jobs() -> int:
    return max(1, min(4, (os.cpu_count() or 1)))


__all__ = ["EXTENSIONS", "Summary", "analyse_one", "default_jobs", "find_inputs", "run"]
