"""Round trip of the tables stage over generated reports: every cell read back exactly?

``tools/synth/govtext_synth/table_reports.py`` (or, with ``--generator rich``, ``tools/synth/govtext_synth/tables.py``,
which prints many more layout variants) draws table values that satisfy every identity,
prints a report around them (TXT crawler text with cells run together or spaced,
Markdown, HTML, DOCX with merged cells, PDF with table 3 over a page break,
vertical group labels, wrapped labels and blank cells) and returns the values as
printed.  This reads each report back with govtext and counts reports and cells
read exactly.  Cells the generator marks ambiguous (table-2 rows of run-together
digits, a table-4 run with several valid splits) are counted apart.

    python benchmarks/roundtrip_tables.py [--n 100] [--seed 0] [--generator rich] [--formats md,html,txt]
    python benchmarks/roundtrip_tables.py --office --n 64 --seed 7   # LibreOffice PDFs, before/after pdf-grid
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from govtext_synth import table_reports  # noqa: E402

import govtext  # noqa: E402
import govtext.tables  # noqa: E402


def compare(tables: dict, truth: dict) -> tuple[int, int, int, list[str]]:
    """(cells, right, ambiguous cells, wrong unambiguous cells)."""
    amb = set(truth.get("ambiguous", []))
    cells = right = 0
    wrong = []
    for t in ("t2", "t3", "t4"):
        got = tables.get(t)
        for r, cols in truth["tables"][t].items():
            for c, v in cols.items():
                g = None if got is None else got.get(r, c)
                cells += 1
                if g == v:
                    right += 1
                elif f"{t}.{r}.{c}" not in amb:
                    wrong.append(f"{t}.{r}.{c}: printed {v}, read {g}")
    return cells, right, len(amb), wrong


def _rich(seed: int, i: int, fmt: str) -> tuple[bytes, dict]:
    """A report of the second generator (``tools/synth/govtext_synth/tables.py``: blank marks, thousands, TAB text,
    header rows repeated over page breaks, split rows …) in format ``fmt``."""
    from govtext_synth import tables as rich

    data, meta = rich.make_report(seed, i, formats=(fmt,))
    return data, meta


def run(
    n: int,
    seed: int = 0,
    formats: tuple[str, ...] = table_reports.FORMATS,
    generator: str = "plain",
    lint: bool = False,
) -> dict[str, Counter]:
    out: dict[str, Counter] = {}
    for fmt in formats:
        stats = Counter()
        for i in range(n):
            if generator == "rich":
                data, truth = _rich(seed, i + 1, fmt)
            else:
                data, truth = table_reports.make_report(seed * 100_000 + i, fmt)
            if lint:  # the whole analysis: every value satisfies every identity, so an error finding is false
                doc = govtext.analyze(data, name=f"r.{fmt}")
                tables = doc.tables
                errors = sorted({f.rule for f in doc.findings if f.severity == "error"})
                stats["with_error"] += bool(errors)
                for rule in errors:
                    stats[f"error:{rule}"] += 1
                reading = sorted({f.rule for f in doc.findings if f.rule.startswith("GT2")})
                stats["with_reading"] += bool(reading)
                for rule in reading:
                    stats[f"reading:{rule}"] += 1
            else:
                tables = govtext.read_tables(data, name=f"r.{fmt}")
            cells, right, amb, wrong = compare(tables, truth)
            stats["reports"] += 1
            stats["exact"] += not wrong
            stats["cells"] += cells
            stats["right"] += right
            stats["ambiguous"] += amb
            stats["wrong_unambiguous"] += len(wrong)
            stats["template_ok"] += govtext.tables.template_of(tables) == truth["template"]
        out[fmt] = stats
    return out


def run_office(n: int, seed: int = 0, *, grid: bool = True) -> dict[str, Counter] | str:
    """Reports of ``tools/synth/govtext_synth/office.py`` (four word-processor layouts) converted by LibreOffice and read back.

    Counts cells exact and reports with an error finding (every report is consistent).
    ``grid=False`` reads with the text layer only (the reading before ``pdf-grid``).
    Returns a reason string when ``soffice`` is not installed.
    """
    import json
    import shutil
    import tempfile

    from govtext_synth import office

    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        return "skipped: LibreOffice (soffice) is not installed"
    import govtext.tables.read as read

    out: dict[str, Counter] = {}
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)
        files, metas = [], []
        for i in range(1, n + 1):
            data, meta = office.make_report(seed, i)
            (d / f"r{i:04d}.docx").write_bytes(data)
            files.append(d / f"r{i:04d}.docx")
            metas.append(meta)
        office.to_pdf(files, d)
        saved = read._read_ruled
        if not grid:
            read._read_ruled = lambda *a, **k: None
        try:
            for path, meta in zip(files, metas, strict=True):
                doc = govtext.analyze(path.with_suffix(".pdf"))
                cells, right, _amb, wrong = compare(doc.tables, meta)
                stats = out.setdefault(meta["layout"], Counter())
                stats["reports"] += 1
                stats["exact"] += not wrong
                stats["cells"] += cells
                stats["right"] += right
                stats["error_reports"] += any(f.severity == "error" for f in doc.findings)
                stats["grid_tables"] += sum(1 for t in doc.tables.values() if t is not None and t.method == "pdf-grid")
                if wrong and "--verbose" in sys.argv:
                    print(path.name, meta["layout"], json.dumps(wrong[:5], ensure_ascii=False))
        finally:
            read._read_ruled = saved
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=100, help="reports per format")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--generator",
        choices=("plain", "rich"),
        default="plain",
        help="plain: tools/synth/govtext_synth/table_reports.py; rich: tools/synth/govtext_synth/tables.py (more layouts)",
    )
    ap.add_argument(
        "--formats", default=",".join(table_reports.FORMATS), help="comma-separated formats to run (default: all)"
    )
    ap.add_argument(
        "--lint", action="store_true", help="run the whole analysis and count reports with an error finding (slower)"
    )
    ap.add_argument(
        "--office",
        action="store_true",
        help="LibreOffice renderings of tools/synth/govtext_synth/office.py (needs soffice), text layer vs pdf-grid",
    )
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    formats = tuple(f.strip() for f in args.formats.split(",") if f.strip())
    t0 = time.perf_counter()
    if args.office:
        for grid in (False, True):
            res = run_office(args.n, args.seed, grid=grid)
            if isinstance(res, str):
                print(res)
                return 0
            print("with pdf-grid:" if grid else "text layer only (before):")
            for layout, s in sorted(res.items()):
                print(
                    f"  {layout:<16} {s['exact']}/{s['reports']} reports exact; cells {s['right']}/{s['cells']} "
                    f"({s['right'] / s['cells']:.3%}); reports with an error finding {s['error_reports']}; "
                    f"tables read from the grid {s['grid_tables']}"
                )
        print(f"[{time.perf_counter() - t0:.0f} s]")
        return 0
    results = run(args.n, args.seed, formats=formats, generator=args.generator, lint=args.lint)
    for fmt, s in results.items():
        print(
            f"{fmt:<5} {s['exact']}/{s['reports']} reports exact; cells {s['right']}/{s['cells']} "
            f"({s['right'] / s['cells']:.3%}); unambiguous cells wrong {s['wrong_unambiguous']}; "
            f"ambiguous {s['ambiguous']}; template right {s['template_ok']}/{s['reports']}"
        )
        if args.lint:
            rules = ", ".join(f"{k[6:]} {v}" for k, v in sorted(s.items()) if k.startswith("error:"))
            warned = ", ".join(f"{k[8:]} {v}" for k, v in sorted(s.items()) if k.startswith("reading:"))
            print(
                f"      reports with an error finding: {s['with_error']}/{s['reports']}"
                + (f" ({rules})" if rules else "")
            )
            print(
                f"      reports with a table-reading finding (GT2xx): {s['with_reading']}/{s['reports']}"
                + (f" ({warned})" if warned else "")
            )
    print(f"[{time.perf_counter() - t0:.0f} s]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
