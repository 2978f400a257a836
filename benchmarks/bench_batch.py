"""Batch benchmarks: scaling over cores, overhead over a plain loop, memory over thousands of reports, faults.

All figures are ratios or differences measured in the same run, on reports
generated for the run (``tools/synth/govtext_synth/generate.py``; nothing is committed):

* **scaling** — ``govtext.batch.run`` with 2 workers against 1 worker on the same
  files (target ≥ 1.8× on a machine with 2 free cores);
* **overhead** — ``run`` with 1 worker against a plain loop in this process calling
  ``govtext.analyze(path)`` (and, as a fairer reference, the loop that also writes
  each record as JSON, which is what the batch produces); target ≤ 5 % per file;
* **memory** — the resident set size of one worker process after 100 and after
  2 000 reports (target: within 50 MB);
* **faults** — a folder with 1 % corrupt, empty, oversized and hanging files: the
  run must finish with exactly those files as error records.

    python benchmarks/bench_batch.py [--n 400] [--memory-n 2000] [--json out.json]
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def generate(n: int, out: Path, seed: int = 11) -> list[str]:
    subprocess.run(
        [sys.executable, "-m", "govtext_synth.generate", "--seed", str(seed), "--n", str(n),
         "--out", str(out)],
        check=True,
    )  # fmt: skip
    return sorted(str(p) for p in out.glob("*.txt"))


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def bench_scaling(paths: list[str]) -> dict[str, float]:
    import govtext
    from govtext.batch import run

    def batch(jobs: int) -> None:
        run(paths, io.StringIO(), jobs, cross_year=False, progress=False)

    def loop() -> None:
        for p in paths:
            govtext.analyze(p)

    def loop_json() -> None:
        sink = io.StringIO()
        for p in paths:
            sink.write(json.dumps(govtext.analyze(p).to_dict(), ensure_ascii=False) + "\n")

    loop()  # warm-up: dictionaries and models in this process
    t1, t2, tl, tj = [], [], [], []
    for _ in range(2):  # interleaved rounds; the best of each
        t1.append(timed(lambda: batch(1)))
        t2.append(timed(lambda: batch(2)))
        tl.append(timed(loop))
        tj.append(timed(loop_json))
    one, two, plain, plain_json = min(t1), min(t2), min(tl), min(tj)
    return {
        "files": len(paths),
        "batch_1_worker_s": one,
        "batch_2_workers_s": two,
        "loop_analyze_s": plain,
        "loop_analyze_json_s": plain_json,
        "speedup_2_vs_1": one / two,
        "overhead_vs_loop": one / plain - 1,
        "overhead_vs_loop_json": one / plain_json - 1,
    }


_MEMORY_SCRIPT = """
import sys, json
from govtext.batch import analyse_one
paths = json.load(open(sys.argv[1]))
def rss():
    for line in open('/proc/self/status'):
        if line.startswith('VmRSS:'):
            return int(line.split()[1]) / 1024
marks = {}
for i, p in enumerate(paths, 1):
    analyse_one(p)
    if i in (100, len(paths)):
        marks[i] = rss()
print(json.dumps(marks))
"""


def bench_memory(paths: list[str]) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump(paths, fh)
    out = subprocess.run([sys.executable, "-c", _MEMORY_SCRIPT, fh.name], capture_output=True, text=True, check=True)
    marks = {int(k): v for k, v in json.loads(out.stdout.strip().splitlines()[-1]).items()}
    first, last = marks[100], marks[len(paths)]
    return {"reports": len(paths), "rss_after_100_mb": first, "rss_after_all_mb": last, "growth_mb": last - first}


def bench_faults(paths: list[str], tmp: Path) -> dict[str, object]:
    from govtext.batch import run
    from tests.batch_workers import faulty

    folder = tmp / "faults"
    folder.mkdir()
    good = []
    for i, p in enumerate(paths):
        dst = folder / f"r{i:04d}.txt"
        dst.write_bytes(Path(p).read_bytes())
        good.append(dst.name)
    k = max(1, len(paths) // 100)
    bad = {}
    for j in range(k):
        (folder / f"corrupt{j}.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 4)
        (folder / f"empty{j}.txt").write_bytes(b"")
        (folder / f"huge{j}.txt").write_bytes(("政府信息公开" * 1_500_000).encode("utf-8"))
        (folder / f"hang{j}.txt").write_bytes(Path(paths[0]).read_bytes())
        bad.update({f"corrupt{j}.pdf": "CorruptFileError", f"empty{j}.txt": "EmptyDocumentError",
                    f"huge{j}.txt": "FileTooLargeError", f"hang{j}.txt": "Timeout"})  # fmt: skip
    out = io.StringIO()
    files = sorted(str(p) for p in folder.iterdir())
    t0 = time.perf_counter()
    run(files, out, 2, timeout=10, worker=faulty, cross_year=False, progress=False)
    elapsed = time.perf_counter() - t0
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    errors = {Path(r["source"]["path"]).name: r["error"]["type"] for r in records if "error" in r}
    ok = {Path(r["source"]["path"]).name for r in records if "error" not in r}
    return {
        "files": len(files),
        "faulty": len(bad),
        "error_records_as_expected": errors == bad,
        "errors": errors,
        "good_analysed": len(ok),
        "good_expected": len(good),
        "nothing_lost": ok == set(good),
        "seconds": elapsed,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=400, help="reports for the scaling, overhead and fault runs")
    ap.add_argument("--memory-n", type=int, default=2000, help="reports for the memory run")
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        paths = generate(args.n, tmp / "gen")
        many = generate(args.memory_n, tmp / "many", seed=12)
        results = {
            "scaling": bench_scaling(paths),
            "memory": bench_memory(many),
            "faults": bench_faults(paths, tmp),
        }
    s, m, f = results["scaling"], results["memory"], results["faults"]
    print(
        f"scaling  {s['files']} reports: 1 worker {s['batch_1_worker_s']:.1f} s, 2 workers "
        f"{s['batch_2_workers_s']:.1f} s -> {s['speedup_2_vs_1']:.2f}x (target >= 1.8)"
    )
    print(
        f"overhead batch (1 worker) vs plain loop of analyze: {s['overhead_vs_loop']:+.1%}; vs loop of analyze + JSON "
        f"record: {s['overhead_vs_loop_json']:+.1%} (target <= 5%)"
    )
    print(
        f"memory   worker RSS after 100 reports {m['rss_after_100_mb']:.0f} MB, after {m['reports']} "
        f"{m['rss_after_all_mb']:.0f} MB -> growth {m['growth_mb']:+.0f} MB (target <= 50)"
    )
    print(
        f"faults   {f['files']} files with {f['faulty']} faulty: error records as expected {f['error_records_as_expected']}, "
        f"{f['good_analysed']}/{f['good_expected']} good files analysed, nothing lost {f['nothing_lost']} "
        f"({f['seconds']:.0f} s)"
    )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
