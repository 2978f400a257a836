"""OCR benchmark: scans of generated reports and of the shared PDFs, read back and checked.

Generated reports (``tools/synth/``, as ``eval_trust.py`` makes them: the DOCX laid out
by ``office.py`` and exported by LibreOffice) are scanned by ``tools/synth/govtext_synth/scan.py``
at each ``--dpi`` — every page turned by up to ±1.5°, blurred, grey noise, JPEG quality
70 — and read by govtext with OCR.  Reported per resolution and engine:

* **cells exact**: table cells read back as printed (blank = ``None``);
* **false errors**: consistent reports given an error-severity finding (target 0);
* **uncertain cells**: cells read as ``ocr`` (low confidence: a reading finding, never an error);
* **s/page** and the share of it spent in the OCR engine.

With ``--shared`` (the default where ``../shared/corpus`` exists) ``hongze_2023.pdf`` (its
table 4 has known errors: they must still be found) and ``huaian_szf_2024.pdf``
(consistent: no error finding) are scanned at 200 dpi and analysed, and the sections
found are compared with those of the text PDF.

    python benchmarks/eval_ocr.py [--n 4] [--dpi 150,200] [--engine rapidocr,tesseract] [--no-shared] [--json out.json]

Slow (tens of seconds a page on two cores): keep ``--n`` small while developing.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import eval_trust  # noqa: E402
from govtext_synth import scan  # noqa: E402

SHARED = ROOT.parent / "shared" / "corpus"


class _Timed:
    """An engine that counts the seconds spent in it; with a cache directory, a page seen before is replayed
    (its seconds then count nothing: take speed figures from a run without ``--cache``)."""

    cache: Path | None = None

    def __init__(self, engine: Any) -> None:
        self.engine, self.name, self.seconds = engine, engine.name, 0.0

    def recognise(self, image: Any, dpi: float) -> Any:
        import hashlib
        import pickle

        path = None
        if self.cache is not None:
            path = self.cache / f"{hashlib.sha1(image.tobytes()).hexdigest()[:16]}{self.name}.pkl"
            if path.exists():
                return pickle.loads(path.read_bytes())
        t = time.perf_counter()
        try:
            lines = self.engine.recognise(image, dpi)
        finally:
            self.seconds += time.perf_counter() - t
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(pickle.dumps(lines))
        return lines

    def read_line(self, image: Any, dpi: float) -> Any:
        t = time.perf_counter()
        try:
            return self.engine.read_line(image, dpi)
        finally:
            self.seconds += time.perf_counter() - t


def _timed_engine(name: str) -> _Timed:
    import govtext.io.image
    import govtext.io.ocr as ocr

    ocr._engine.cache_clear()
    timed = _Timed(ocr._engine(name))
    ocr.get_engine = lambda name=None: timed  # type: ignore[assignment]
    govtext.io.image.get_engine = ocr.get_engine  # type: ignore[attr-defined]
    return timed


def _pages(pdf: bytes) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        return len(doc)
    finally:
        doc.close()


def generated(n: int, dpis: list[int], seed: int) -> list[tuple[str, int, bytes, dict[str, Any], int]]:
    """``(label, i, scan, printed, pages)`` for reports 1..n at each dpi."""
    jobs = [j for j in eval_trust.make_jobs(seed, n, ["office-pdf"], 0) if not j.mutation]
    reason = eval_trust.to_office_pdf(jobs)
    if reason:
        raise SystemExit(reason)
    out = []
    for dpi in dpis:
        for j in jobs:
            data = scan.scan(j.data, dpi=dpi, seed=j.i)
            out.append((f"{dpi}dpi", j.i, data, j.printed, _pages(j.data)))
    return out


def run_generated(engine: str, n: int, dpis: list[int], seed: int) -> dict[str, Any]:
    timed = _timed_engine(engine)
    by: dict[str, dict[str, Any]] = {}
    for label, i, data, printed, pages in generated(n, dpis, seed):
        s = by.setdefault(
            label,
            {"reports": 0, "cells": 0, "right": 0, "uncertain": 0, "false_error": 0, "false": [], "wrong": [],
             "pages": 0, "seconds": 0.0, "ocr_seconds": 0.0, "failed": []},
        )  # fmt: skip
        before, t = timed.seconds, time.perf_counter()
        r = eval_trust.analyse(eval_trust.Job("office-pdf", i, "", data, printed))
        s["seconds"] += time.perf_counter() - t
        s["ocr_seconds"] += timed.seconds - before
        s["pages"] += pages
        if "failed" in r:
            s["failed"].append(f"#{i}: {r['failed']}")
            continue
        s["reports"] += 1
        s["cells"] += r["cells"]
        s["right"] += r["right"]
        s["wrong"] += [f"#{i} {w}" for w in r["wrong"]]
        if r["errors"]:
            s["false_error"] += 1
            s["false"].append(f"#{i}: {' | '.join(r['error_messages'])}")
        s["uncertain"] += r["findings"].get("GT207", 0)
        print(f"  {engine} {label} #{i}: {r['right']}/{r['cells']} errors={dict(r['errors'])}", file=sys.stderr)
    return by


def run_shared(engine: str, dpi: int = 200) -> dict[str, Any]:
    import govtext

    timed = _timed_engine(engine)
    out: dict[str, Any] = {}
    for name in ("hongze_2023.pdf", "huaian_szf_2024.pdf"):
        path = SHARED / name
        if not path.exists():
            continue
        pdf = path.read_bytes()
        text_doc = govtext.analyze(pdf, name=name)
        before, t = timed.seconds, time.perf_counter()
        doc = govtext.analyze(scan.scan(pdf, dpi=dpi, seed=7), name=name, timeout=None)
        seconds = time.perf_counter() - t
        gold = {(c.table, c.row, c.col): c.value for c in _cells(text_doc)}
        got = {(c.table, c.row, c.col): c.value for c in _cells(doc)}
        out[name] = {
            "pages": _pages(pdf),
            "seconds": round(seconds, 1),
            "ocr_seconds": round(timed.seconds - before, 1),
            "cells_as_text_pdf": f"{sum(got.get(k) == v for k, v in gold.items())}/{len(gold)}",
            "cells_differing": [f"{k}: {v} vs {got.get(k)}" for k, v in gold.items() if got.get(k) != v][:8],
            "sections_text_pdf": [s.number for s in text_doc.sections if s.found],
            "sections_scan": [s.number for s in doc.sections if s.found],
            "errors_text_pdf": dict(Counter(f.rule for f in text_doc.findings if f.severity == "error")),
            "errors_scan": dict(Counter(f.rule for f in doc.findings if f.severity == "error")),
            "error_messages_scan": [f"{f.rule} {f.message}" for f in doc.findings if f.severity == "error"][:6],
        }
        print(f"  {engine} {name}: {out[name]['cells_as_text_pdf']} errors={out[name]['errors_scan']}", file=sys.stderr)
    return out


def _cells(doc: Any) -> list[Any]:
    return [c for t in doc.tables.values() if t is not None for c in t.cells.values()]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=4, help="generated reports per resolution (default 4)")
    ap.add_argument("--dpi", default="150,200", help="resolutions of the scans (default 150,200)")
    ap.add_argument("--engine", default="rapidocr", help="engines, comma-separated: rapidocr, tesseract")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-shared", action="store_true", help="leave out the shared PDFs")
    ap.add_argument("--json", help="write the figures here")
    ap.add_argument("--cache", help="replay the engine's output for pages seen before (no speed figures then)")
    a = ap.parse_args()
    _Timed.cache = Path(a.cache) if a.cache else None
    os.environ.setdefault("OMP_NUM_THREADS", "2")
    dpis = [int(d) for d in a.dpi.split(",") if d]
    figures: dict[str, Any] = {}
    for engine in a.engine.split(","):
        f: dict[str, Any] = {"generated": run_generated(engine, a.n, dpis, a.seed)}
        if not a.no_shared and SHARED.exists():
            f["shared"] = run_shared(engine)
        figures[engine] = f
        for label, s in f["generated"].items():
            pct = 100 * s["right"] / max(1, s["cells"])
            per_page = s["seconds"] / max(1, s["pages"])
            share = 100 * s["ocr_seconds"] / max(1e-9, s["seconds"])
            print(
                f"{engine:10} {label:7} reports {s['reports']}  cells {s['right']}/{s['cells']} ({pct:.2f} %)  "
                f"false errors {s['false_error']}  GT207 {s['uncertain']}  {per_page:.1f} s/page ({share:.0f} % OCR)"
            )
            for w in s["false"] + s["wrong"][:10] + s["failed"]:
                print(f"    {w}")
        for name, r in f.get("shared", {}).items():
            print(f"{engine:10} {name}: {json.dumps(r, ensure_ascii=False)}")
    if a.json:
        Path(a.json).write_text(json.dumps(figures, ensure_ascii=False, indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
