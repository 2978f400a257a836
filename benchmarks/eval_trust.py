"""Trust benchmark: the same generated reports in every rendering offices publish, read and checked.

An error finding is an accusation, so this measures, for each rendering of the same
invented reports (``tools/synth/govtext_synth/tables.py``: tables satisfying every identity, prose
that repeats their key figures):

* **cells exact**: table cells read back as printed (blank = ``None``);
* **false errors**: consistent reports given an error-severity finding (target 0), and
  which rules raised them;
* **mutations caught at error**: reports re-rendered with one table-3/4 cell changed by
  ±1 (a cell that is printed), or with one figure of the prose (applications received,
  reviews, lawsuits) off by one: the share that get an error finding (target ≥ 99 %), and
  the share that get any new finding (GT207 included).

Renderings: ``docx`` (python-docx, merged cells), ``office-pdf`` (that DOCX exported by
LibreOffice Writer, as offices export from Word/WPS; skipped with a reason where
``soffice`` is absent), ``pdf`` (drawn by reportlab, ruled, page breaks in table 3),
``html``, ``md`` (pipe tables as other tools write them), ``crawler-txt`` (flattened text,
cells spaced, glued or mixed), ``tab-txt`` (TAB-separated rows) and ``cells-txt`` (one cell a
line, a pipe after each).  The generator shares
only the schema with govtext's reader.

With ``--shared`` (the default where ``../shared/corpus`` exists) the real reports are
measured too: gold cells (``benchmarks/eval_tables.py``), error findings on the reports the
MANIFEST calls consistent, and mutations (``benchmarks/mutations.py``).

    python benchmarks/eval_trust.py [--n 60] [--seed 0] [--mutants 3] [--jobs 2] [--no-shared] [--json out.json]
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from govtext_synth import office  # noqa: E402
from govtext_synth import tables as gen  # noqa: E402

#: rendering -> (generator format, options forced on top of the random ones)
RENDERINGS: dict[str, tuple[str, dict[str, Any]]] = {
    "docx": ("docx", {}),
    "office-pdf": ("docx", {"vertical_labels": False}),  # office.py's layouts; see tools/synth/govtext_synth/office.py
    "pdf": ("pdf", {}),
    "html": ("html", {}),
    "md": ("md", {}),
    "crawler-txt": ("txt", {}),
    "tab-txt": ("txt", {"cell_sep": "tab", "txt_layout": "rows"}),
    # a web page's tables converted to text one cell a line, a pipe after each (as some crawlers write them)
    "cells-txt": ("txt", {"cell_sep": "pipe", "txt_layout": "cells"}),
    # the national 2021 template of ../shared/templates filled in and exported by LibreOffice (2021 reports only)
    "template-pdf": ("docx", {}),
}
TEMPLATE_DOCX = ROOT.parent / "shared" / "templates" / "national_template_2021.docx"
PROSE_FIGURES = ("received", "review", "litigation")


@dataclass
class Job:
    """One document to analyse: a rendering of report ``i``, clean or with one mutation."""

    rendering: str
    i: int
    mutation: str  # "" for the clean report; "t3.granted.total+1", "prose.received+1"
    data: bytes = b""
    printed: dict[str, Any] = field(default_factory=dict)


def _report(seed: int, i: int) -> tuple[str, int, str, dict[str, Any]]:
    rng = random.Random(f"govtext-trust:{seed}:{i}")
    template = "2021" if rng.random() < 0.75 else "2019"
    year = rng.randint(2021, 2025) if template == "2021" else rng.randint(2019, 2020)
    agency = gen.random_agency(rng)
    return template, year, agency, gen.random_tables(rng, template)


def _options(seed: int, i: int, rendering: str, template: str) -> dict[str, Any]:
    fmt, forced = RENDERINGS[rendering]
    opts = gen.random_options(random.Random(f"govtext-trust:{seed}:{i}:{rendering}"), fmt, template)
    if rendering == "crawler-txt" and opts["cell_sep"] == "tab":
        opts["cell_sep"] = "space"
    opts.update(forced)
    if fmt == "txt" and opts["cell_sep"] != "tab" and opts["blank_zeros"] and not opts["blank_mark"]:
        opts["blank_mark"] = "—"  # crawler text shows a blank cell only by a mark
    return opts


def _render(seed: int, i: int, rendering: str, truth: dict[str, Any], meta: tuple, opts: dict[str, Any]):
    """The rendering's bytes and the truth as printed (``office-pdf``: the DOCX in one of the office layouts)."""
    template, year, agency = meta
    fmt = RENDERINGS[rendering][0]
    rng = random.Random(f"govtext-trust:{seed}:{i}:render")
    data, printed = gen.render_with_truth(rng, truth, fmt, template=template, year=year, agency=agency, **opts)
    if rendering == "template-pdf":
        shift = opts.get("prose_shift", {}).get("received", 0)
        return _fill_template(truth, year, agency, shift), _as_printed(truth)
    if rendering == "office-pdf":
        layouts = tuple(office.LAYOUTS)
        data = office.restyle(data, layouts[i % len(layouts)], random.Random(f"govtext-trust:{seed}:{i}:office"))
    return data, printed


def _fill_template(truth: dict[str, Any], year: int, agency: str, shift: int = 0) -> bytes:
    """The national template's DOCX (read in place from ../shared) with the tables filled in and a title."""
    import io

    import docx

    d = docx.Document(str(TEMPLATE_DOCX))
    title = next(p for p in d.paragraphs if "年度报告" in p.text)
    title.text = f"{agency}{year}年政府信息公开工作年度报告"
    t3 = truth["t3"]
    for p in d.paragraphs:
        if p.text.strip() == "（文字描述）":
            p.text = (
                f"{year}年，本机关共收到政府信息公开申请{t3['new_received']['total'] + shift}件，"
                f"办结{t3['total']['total']}件。"
            )
            break
    tables = d.tables

    def put(cell: Any, v: Any) -> None:
        cell.text = "" if v is None else str(v)

    for r, key in ((2, "regulations"), (3, "normative_docs")):
        for c, col in enumerate(("made", "repealed", "in_force"), 1):
            put(tables[0].rows[r].cells[c], truth["t2"][key][col])
    for r, key, col in ((6, "licensing", "decisions"), (9, "penalty", "decisions"), (10, "coercion", "decisions"),
                        (13, "fees", "amount_wan")):  # fmt: skip
        put(tables[0].rows[r].cells[1], truth["t2"][key][col])
    for i, spec in enumerate(gen.T3_ROWS["2021"]):
        for j, (col, _) in enumerate(gen.T3_COLUMNS):
            put(tables[1].rows[3 + i].cells[3 + j], t3[spec.key][col])
    for j in range(15):
        g, o = gen.T4_GROUPS[j // 5][0], gen.T4_OUTCOME_KEYS[j % 5]
        put(tables[2].rows[3].cells[j], truth["t4"][g][o])
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _as_printed(truth: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(truth)


def _mutations(seed: int, i: int, printed: dict[str, Any], truth: dict[str, Any], k: int, rendering: str) -> list[str]:
    """``k`` printed table-3/4 cells to change by ±1 and one prose figure to put off by one."""
    rng = random.Random(f"govtext-trust:{seed}:{i}:mutations")
    cells = [
        (t, r, c)
        for t in ("t3", "t4")
        for r, cols in printed[t].items()
        for c, v in cols.items()
        if v is not None and v == truth[t][r][c]
    ]
    out = []
    for t, r, c in rng.sample(cells, min(k, len(cells))):
        v = truth[t][r][c]
        out.append(f"{t}.{r}.{c}{'-1' if v > 0 and rng.random() < 0.5 else '+1'}")
    t3, t4 = truth["t3"], truth["t4"]
    # the prose states received only where something was received, and reviews and lawsuits together
    cases = t4["review"]["total"] + t4["litigation_direct"]["total"] + t4["litigation_after_review"]["total"]
    said = {"received": t3["new_received"]["total"] + t3["carried_over"]["total"], "review": cases, "litigation": cases}
    if rendering == "template-pdf":  # its prose states the applications received only
        said = {"received": 1}
    figures = [f for f in PROSE_FIGURES if said.get(f)]
    if figures:
        figure = rng.choice(figures)
        # 收到申请N件 may count the carried-over ones too: one more than 新收 is a right reading where 1 was
        # carried over, so that figure is put off by two
        off = 2 if figure == "received" and t3["carried_over"]["total"] == 1 else 1
        out.append(f"prose.{figure}+{off}")
    return out


def _apply(mutation: str, truth: dict[str, Any], opts: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    truth, opts = copy.deepcopy(truth), dict(opts)
    where, sign = mutation[:-2], mutation[-2:]
    delta = int(sign)
    if where.startswith("prose."):
        opts["prose_shift"] = {where.split(".", 1)[1]: delta}
        return truth, opts
    t, rest = where.split(".", 1)
    r, c = rest.rsplit(".", 1)
    truth[t][r][c] += delta
    return truth, opts


def make_jobs(seed: int, n: int, renderings: list[str], k: int) -> list[Job]:
    jobs = []
    for i in range(1, n + 1):
        template, year, agency, truth = _report(seed, i)
        for rendering in renderings:
            if rendering == "template-pdf" and (template != "2021" or not TEMPLATE_DOCX.exists()):
                continue
            opts = _options(seed, i, rendering, template)
            data, printed = _render(seed, i, rendering, truth, (template, year, agency), opts)
            jobs.append(Job(rendering, i, "", data, printed))
            for m in _mutations(seed, i, printed, truth, k, rendering):
                t2, o2 = _apply(m, truth, opts)
                jobs.append(Job(rendering, i, m, _render(seed, i, rendering, t2, (template, year, agency), o2)[0]))
    return jobs


def to_office_pdf(jobs: list[Job]) -> str | None:
    """Export the ``office-pdf`` jobs' DOCX with LibreOffice in one call; the reason where it cannot."""
    todo = [j for j in jobs if j.rendering in ("office-pdf", "template-pdf")]
    if not todo:
        return None
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        return "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui fonts-noto-cjk"
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp)
        files = []
        for n, j in enumerate(todo):
            files.append(src / f"d{n:05d}.docx")
            files[-1].write_bytes(j.data)
        pdfs = []
        for k in range(0, len(files), 100):  # one soffice run stops converting after a few hundred files
            pdfs += office.to_pdf(files[k : k + 100], src / "pdf")
        for j, pdf in zip(todo, pdfs, strict=True):
            j.data = pdf.read_bytes() if pdf.exists() else b""
    return None


def analyse(job: Job) -> dict[str, Any]:
    import govtext

    out: dict[str, Any] = {"rendering": job.rendering, "i": job.i, "mutation": job.mutation}
    if not job.data:
        out["failed"] = "no document (the conversion failed)"
        return out
    name = {
        "office-pdf": "r.pdf",
        "template-pdf": "r.pdf",
        "crawler-txt": "r.txt",
        "tab-txt": "r.txt",
        "cells-txt": "r.txt",
    }.get(job.rendering, f"r.{job.rendering}")
    try:
        doc = govtext.analyze(job.data, name=name)
    except govtext.GovtextError as exc:
        out["failed"] = f"{type(exc).__name__}: {exc}"
        return out
    out["errors"] = Counter(f.rule for f in doc.findings if f.severity == "error")
    out["error_messages"] = [f"{f.rule} {f.message}" for f in doc.findings if f.severity == "error"][:3]
    out["findings"] = Counter(f.rule for f in doc.findings)
    if not job.mutation:
        cells = right = 0
        wrong = []
        for t in ("t2", "t3", "t4"):
            got = doc.tables.get(t)
            for r, cols in job.printed[t].items():
                for c, v in cols.items():
                    g = None if got is None else got.get(r, c)
                    cells += 1
                    if g == v:
                        right += 1
                    else:
                        wrong.append(f"{t}.{r}.{c}: printed {v}, read {g}")
        out.update(cells=cells, right=right, wrong=wrong[:5])
    return out


def summarise(results: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    clean = {(r["rendering"], r["i"]): r for r in results if not r["mutation"]}
    by: dict[str, dict[str, Any]] = {}
    for r in results:
        s = by.setdefault(
            r["rendering"],
            {"reports": 0, "exact": 0, "cells": 0, "right": 0, "false_error": 0, "false_rules": Counter(),
             "mutants": 0, "caught_error": 0, "caught_any": 0, "prose_mutants": 0, "prose_caught": 0,
             "failed": 0, "missed": [], "false": []},
        )  # fmt: skip
        if "failed" in r:
            s["failed"] += 1
            continue
        if not r["mutation"]:
            s["reports"] += 1
            s["cells"] += r["cells"]
            s["right"] += r["right"]
            s["exact"] += r["cells"] == r["right"]
            if r["errors"]:
                s["false_error"] += 1
                s["false_rules"].update(r["errors"])
                s["false"].append(f"#{r['i']}: {' | '.join(r['error_messages'])}")
            continue
        base = clean.get((r["rendering"], r["i"]))
        if base is None or "failed" in base:
            continue
        new = r["findings"] - base["findings"]
        caught = bool(r["errors"] - base["errors"])
        s["mutants"] += 1
        s["caught_error"] += caught
        s["caught_any"] += bool(new) or caught
        if r["mutation"].startswith("prose."):
            s["prose_mutants"] += 1
            s["prose_caught"] += caught
        if not caught and len(s["missed"]) < 8:
            s["missed"].append(f"#{r['i']} {r['mutation']} -> {dict(new)}")
    return by


def shared_figures() -> dict[str, Any]:
    """The real reports of ../shared/corpus: gold cells, errors on consistent reports, mutations."""
    import eval_tables
    import mutations

    rows = eval_tables.evaluate()
    out: dict[str, Any] = {
        "gold_cells": sum(r["cells"] for r in rows),
        "gold_right": sum(r["right"] for r in rows),
    }
    results = [mutations.run_report(mutations.CORPUS / n) for n in mutations.CLEAN if (mutations.CORPUS / n).exists()]
    out["reports"] = len(results)
    out["clean_errors"] = sum(len(r.clean_errors) for r in results)
    out["breaking"] = sum(r.breaking for r in results)
    out["caught_error"] = sum(r.caught_error for r in results)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=60, help="reports per rendering (default 60)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--mutants", type=int, default=3, help="table-cell mutants per report and rendering")
    ap.add_argument("--renderings", default=",".join(RENDERINGS))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--no-shared", action="store_true", help="skip the real reports of ../shared/corpus")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    renderings = [r for r in args.renderings.split(",") if r]
    t0 = time.perf_counter()
    jobs = make_jobs(args.seed, args.n, renderings, args.mutants)
    skipped = to_office_pdf(jobs)
    if skipped:
        print(f"office-pdf and template-pdf skipped: {skipped}")
        jobs = [j for j in jobs if j.rendering not in ("office-pdf", "template-pdf")]
    with ProcessPoolExecutor(args.jobs) as pool:
        results = list(pool.map(analyse, jobs, chunksize=4))
    by = summarise(results)
    print(f"{args.n} reports (seed {args.seed}) in {len(by)} renderings, {len(jobs)} documents analysed")
    print("| rendering | reports exact | cells exact | consistent reports with an error | mutants caught at error "
          "| of which prose | caught at any severity |")  # fmt: skip
    print("|---|---|---|---|---|---|---|")
    for name, s in by.items():
        cells = s["right"] / s["cells"] if s["cells"] else 0
        rate = s["caught_error"] / s["mutants"] if s["mutants"] else 0
        anyr = s["caught_any"] / s["mutants"] if s["mutants"] else 0
        rules = ", ".join(f"{k} {v}" for k, v in s["false_rules"].most_common())
        print(
            f"| {name} | {s['exact']}/{s['reports']} | {s['right']}/{s['cells']} ({cells:.2%}) "
            f"| {s['false_error']}{f' ({rules})' if rules else ''} | {s['caught_error']}/{s['mutants']} ({rate:.2%}) "
            f"| {s['prose_caught']}/{s['prose_mutants']} | {anyr:.2%} |"
        )
    for name, s in by.items():
        for m in s["false"]:
            print(f"  {name} FALSE ERROR {m}")
        for m in s["missed"]:
            print(f"  {name} missed {m}")
        if s["failed"]:
            print(f"  {name}: {s['failed']} documents failed to read")
    shared = None
    if not args.no_shared and (ROOT.parent / "shared" / "corpus" / "MANIFEST.tsv").exists():
        shared = shared_figures()
        rate = shared["caught_error"] / shared["breaking"] if shared["breaking"] else 0
        print(
            f"shared reports: gold cells {shared['gold_right']}/{shared['gold_cells']}; "
            f"{shared['clean_errors']} error findings on the {shared['reports']} consistent reports; "
            f"mutants caught at error {shared['caught_error']}/{shared['breaking']} ({rate:.2%})"
        )
    print(f"[{time.perf_counter() - t0:.0f} s]")
    if args.json:
        for s in by.values():
            s["false_rules"] = dict(s["false_rules"])
        args.json.write_text(json.dumps({"renderings": by, "shared": shared}, indent=1, ensure_ascii=False), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
