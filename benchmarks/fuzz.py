"""Fuzz the whole analysis with hostile variants of generated reports in five formats.

    python benchmarks/fuzz.py --n 10000 --jobs 2        # figures for docs/hostile.md
    python benchmarks/fuzz.py --n 300 --only docx       # a quick look at one format

Seeds are reports our generator writes (``tools/synth/govtext_synth/table_reports.py``: text,
Markdown, HTML, DOCX, PDF).  Each input is one seed changed by a structure-aware
mutator chosen at random: bytes flipped, cut, repeated, deleted, spliced with
another seed; a hostile snippet inserted (runs of ``</``, ``<!--``, ``&#``, digits,
full-width digits, NULs, ``（一）``, pipes, invalid UTF-8, a BOM in the middle); for
DOCX the same inside ``word/document.xml`` (and tables nested deep, a member
dropped, the zip damaged); for PDF bytes flipped or cut inside the streams.

Every input is analysed (``govtext.analyze``) in a worker process with an alarm
at ``--deadline`` seconds.  Counted: results, typed errors (``GovtextError``: a
clear message, which is allowed), **tracebacks** (any other exception: a bug),
**over the deadline** (a bug), the slowest input and each worker's peak resident
memory.  Every traceback and overrun is written with its recipe (seed, mutator,
parameters) to ``--failures`` so that it can be replayed: ``--replay FILE``.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import resource
import signal
import sys
import time
import zipfile
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FORMATS = ("txt", "md", "html", "docx", "pdf")
BLOCK = 500
SEEDS_PER_FORMAT = 3
HOSTILE = (
    "</", "<!--", "<!", "&#", "&amp", "1", "１", "0.", "（一）", "其中", "共", "|", "\t", "\r", "\n", "\x00", "\ufeff",
    "<table><tr><td>", "<div>", "<w:p>", "%", "。", "一、总体情况", "第二十条第（一）项", "行政复议", "—",
)  # fmt: skip


class Overrun(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise Overrun()


def seeds() -> dict[str, list[bytes]]:
    from govtext_synth.table_reports import make_report

    return {fmt: [make_report(9000 + k, fmt)[0] for k in range(SEEDS_PER_FORMAT)] for fmt in FORMATS}


# -- mutators: (name, function(rng, data, other) -> bytes) -------------------------------------------


def _snippet(rng: random.Random) -> bytes:
    s = rng.choice(HOSTILE)
    reps = rng.choice((1, 10, 1000, 20_000))
    raw = (s * reps).encode("utf-8")
    if rng.random() < 0.2:
        raw = raw.replace(b"\xe4", b"\xff")  # invalid UTF-8
    return raw


def flip(rng: random.Random, data: bytes, other: bytes) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        if b:
            b[rng.randrange(len(b))] = rng.randrange(256)
    return bytes(b)


def cut(rng: random.Random, data: bytes, other: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def repeat(rng: random.Random, data: bytes, other: bytes) -> bytes:
    a = rng.randrange(len(data) + 1)
    b = min(len(data), a + rng.randint(1, 200))
    return data[:a] + data[a:b] * rng.choice((2, 50, 2000)) + data[b:]


def delete(rng: random.Random, data: bytes, other: bytes) -> bytes:
    a = rng.randrange(len(data) + 1)
    return data[:a] + data[a + rng.randint(1, max(1, len(data) // 4)) :]


def splice(rng: random.Random, data: bytes, other: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)] + other[rng.randrange(len(other) + 1) :]


def insert(rng: random.Random, data: bytes, other: bytes) -> bytes:
    a = rng.randrange(len(data) + 1)
    return data[:a] + _snippet(rng) + data[a:]


def docx_xml(rng: random.Random, data: bytes, other: bytes) -> bytes:
    """Mutate ``word/document.xml`` inside the zip: a snippet in a text node, deep tables, or XML damage."""
    try:
        zin = zipfile.ZipFile(io.BytesIO(data))
        members = {i.filename: zin.read(i) for i in zin.infolist()}
    except Exception:  # a zip an earlier mutation damaged: mutate its bytes instead
        return insert(rng, data, other)
    xml = members.get("word/document.xml", b"")
    kind = rng.choice(("text", "nest", "damage", "drop", "paras"))
    if kind == "text" and b"<w:t>" in xml:
        k = xml.find(b"<w:t>", rng.randrange(len(xml))) if xml else -1
        k = k if k >= 0 else xml.find(b"<w:t>")
        snippet = _snippet(rng).replace(b"<", b"&lt;").replace(b"&", b"&amp;").replace(b"\x00", b"")
        xml = xml[: k + 5] + snippet + xml[k + 5 :]
    elif kind == "nest":
        depth = rng.choice((10, 100, 1000))
        open_ = b"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p>" * depth
        close = b"</w:tc></w:tr></w:tbl>" * depth
        k = xml.find(b"<w:body>")
        xml = xml[: k + 8] + open_ + close + xml[k + 8 :] if k >= 0 else xml
    elif kind == "damage":
        xml = flip(rng, xml, other) if rng.random() < 0.5 else cut(rng, xml, other)
    elif kind == "drop" and members:
        members.pop(rng.choice(sorted(members)))
    else:
        para = b"<w:p><w:r><w:t>\xe5\x85\xb1" + str(rng.randint(0, 999)).encode() + b"</w:t></w:r></w:p>"
        k = xml.find(b"<w:body>")
        xml = xml[: k + 8] + para * rng.choice((100, 5000, 20000)) + xml[k + 8 :] if k >= 0 else xml
    if "word/document.xml" in members:
        members["word/document.xml"] = xml
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in members.items():
            z.writestr(name, body)
    return out.getvalue()


GENERIC = (flip, cut, repeat, delete, splice, insert)
MUTATORS: dict[str, tuple] = {
    "txt": GENERIC,
    "md": GENERIC,
    "html": GENERIC,
    "docx": (docx_xml, docx_xml, docx_xml, flip, cut, splice),
    "pdf": (flip, cut, repeat, delete, insert),
}


def make_input(pool: dict[str, list[bytes]], fmt: str, case: int, seed: int) -> tuple[bytes, str]:
    rng = random.Random(f"fuzz-{seed}-{fmt}-{case}")
    data = rng.choice(pool[fmt])
    other = rng.choice(pool[rng.choice(FORMATS)])
    names = []
    for _ in range(rng.choice((1, 1, 2, 3))):
        mut = rng.choice(MUTATORS[fmt])
        data = mut(rng, data, other)
        names.append(mut.__name__)
    return data, "+".join(names)


# -- the workers -----------------------------------------------------------------------------------------

_POOL: dict[str, list[bytes]] = {}


def _init() -> None:
    _POOL.update(seeds())
    signal.signal(signal.SIGALRM, _alarm)
    import govtext

    govtext.analyze_text("一、总体情况\n全年公开信息3条。")  # load the dictionaries before the clock starts


def _one(job: tuple[str, int, int, float]) -> dict[str, Any]:
    import govtext
    from govtext.errors import GovtextError

    fmt, case, seed, deadline = job
    data, recipe = make_input(_POOL, fmt, case, seed)
    out: dict[str, Any] = {"format": fmt, "case": case, "recipe": recipe, "bytes": len(data)}
    t = time.perf_counter()
    signal.setitimer(signal.ITIMER_REAL, deadline)
    try:
        govtext.analyze(data, name=f"fuzz.{fmt}")
        out["outcome"] = "result"
    except Overrun:
        out["outcome"] = "over the deadline"
    except GovtextError as e:
        out["outcome"] = "typed error"
        out["error"] = type(e).__name__
    except Exception as e:  # counting them is the point
        out["outcome"] = "traceback"
        out["error"] = f"{type(e).__name__}: {str(e)[:200]}"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    out["seconds"] = round(time.perf_counter() - t, 3)
    out["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=10_000, help="inputs in all (spread over the formats)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--deadline", type=float, default=60.0, help="seconds an input may take")
    ap.add_argument("--only", choices=FORMATS, default=None)
    ap.add_argument("--failures", type=Path, default=Path("fuzz-failures.jsonl"))
    ap.add_argument(
        "--replay", type=Path, default=None, help="run the inputs of a failures file again, in this process"
    )
    args = ap.parse_args()
    if args.replay is not None:
        _init()
        for line in args.replay.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            print(_one((rec["format"], rec["case"], rec["run_seed"], args.deadline)))
        return 0
    formats = (args.only,) if args.only else FORMATS
    jobs = [(formats[k % len(formats)], k, args.seed, args.deadline) for k in range(args.n)]
    by_format: dict[str, Counter] = defaultdict(Counter)
    slowest: dict[str, tuple[float, str]] = {}
    peak = 0.0
    failures = []
    start = time.time()
    # fresh workers every BLOCK inputs per worker (a leak shows as growing peaks, not as one slow
    # worker); not max_tasks_per_child, with which CPython 3.11's pool can hang when it replaces one
    block = BLOCK * args.jobs
    for first in range(0, len(jobs), block):
        with ProcessPoolExecutor(args.jobs, initializer=_init) as ex:
            for rec in ex.map(_one, jobs[first : first + block], chunksize=8):
                fmt = rec["format"]
                by_format[fmt][rec["outcome"]] += 1
                if rec.get("error") and rec["outcome"] == "typed error":
                    by_format[fmt]["kind:" + rec["error"]] += 1
                if rec["seconds"] > slowest.get(fmt, (0.0, ""))[0]:
                    slowest[fmt] = (rec["seconds"], rec["recipe"])
                peak = max(peak, rec["peak_mb"])
                if rec["outcome"] in ("traceback", "over the deadline"):
                    failures.append({**rec, "run_seed": args.seed})
    elapsed = time.time() - start
    print(f"{args.n} inputs, seed {args.seed}, deadline {args.deadline:g} s, {args.jobs} workers, {elapsed:.0f} s")
    print("| format | inputs | results | typed errors | tracebacks | over the deadline | slowest input |")
    print("|---|---|---|---|---|---|---|")
    for fmt in formats:
        c = by_format[fmt]
        n = sum(v for k, v in c.items() if not k.startswith("kind:"))
        sec, recipe = slowest.get(fmt, (0.0, ""))
        print(
            f"| {fmt} | {n} | {c['result']} | {c['typed error']} | {c['traceback']} | {c['over the deadline']} "
            f"| {sec:.1f} s ({recipe}) |"
        )
    kinds: Counter = Counter()
    for c in by_format.values():
        kinds.update({k[5:]: v for k, v in c.items() if k.startswith("kind:")})
    print("typed errors by kind: " + ", ".join(f"{k} {v}" for k, v in kinds.most_common()))
    print(f"peak resident memory of a worker: {peak:.0f} MB")
    if failures:
        with args.failures.open("w", encoding="utf-8") as fh:
            for rec in failures:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        print(f"{len(failures)} failure(s) written to {args.failures}")
        for rec in failures[:10]:
            print(f"  {rec['format']} case {rec['case']}: {rec['outcome']} {rec.get('error', '')} [{rec['recipe']}]")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
