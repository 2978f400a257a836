"""Cell-exact accuracy of the tables stage against hand-written gold values.

``tests/data/tables_gold.json`` holds, for every report of ``../shared/corpus``
(and the national template) that has the standard tables, the value of every
cell of t2/t3/t4 under its canonical key, as printed, written by reading the
report (see its ``_about``).  A cell is right when govtext's value equals the gold
value exactly (``null`` for a blank); a row govtext does not find counts all its
cells wrong.  Cells the annotator marked ``ambiguous`` (digits that ran together
where no identity decides the split) are counted both ways.

    python benchmarks/eval_tables.py [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

GOLD = ROOT / "tests" / "data" / "tables_gold.json"
SHARED = ROOT.parent / "shared"


def source_of(name: str) -> Path:
    for d in (SHARED / "corpus", SHARED / "templates"):
        if (d / name).exists():
            return d / name
    return SHARED / "corpus" / name


def compare(name: str, gold: dict) -> dict:
    """Per-file counts: cells, right, wrong (with where), ambiguous cells and how many of them are right."""
    import govtext

    doc = govtext.analyze(source_of(name), stages=("tables",))
    right, wrong = 0, []
    amb = set(gold.get("ambiguous", []))
    amb_right = 0
    for table in ("t2", "t3", "t4"):
        g = gold.get(table)
        if g is None:
            continue
        t = doc.tables.get(table)
        for row, cols in g.items():
            for col, value in cols.items():
                got = None if t is None else t.get(row, col)
                key = f"{table}.{row}.{col}"
                ok = got == value and (got is None) == (value is None)
                if isinstance(got, float) and isinstance(value, (int, float)) and value is not None:
                    ok = abs(got - value) < 1e-9
                if ok:
                    right += 1
                    amb_right += key in amb
                else:
                    wrong.append(f"{key}: gold {value} got {got}")
    n = right + len(wrong)
    template_ok = gold.get("template") in (None, doc.meta.template) or doc.meta.template == gold.get("template")
    return {
        "file": name,
        "format": doc.source.format,
        "cells": n,
        "right": right,
        "wrong": wrong,
        "ambiguous": len(amb),
        "ambiguous_right": amb_right,
        "template_ok": template_ok,
        "template": doc.meta.template,
    }


def evaluate() -> list[dict]:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    return [compare(name, g) for name, g in gold.items() if not name.startswith("_") and source_of(name).exists()]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    rows = evaluate()
    tot = {"cells": 0, "right": 0, "ambiguous": 0, "ambiguous_right": 0}
    by_kind: dict[str, list[int]] = {}
    for r in rows:
        for k in tot:
            tot[k] += r[k]
        kind = "text" if r["format"] == "txt" else r["format"]
        acc = by_kind.setdefault(kind, [0, 0])
        acc[0] += r["right"]
        acc[1] += r["cells"]
        strict = r["cells"] - r["ambiguous"]
        strict_right = r["right"] - r["ambiguous_right"]
        print(
            f"{r['file']:<36} {r['format']:<5} {r['right']:>4}/{r['cells']:<4} = {r['right'] / r['cells']:.2%}"
            f"   without ambiguous cells {strict_right}/{strict}   template {r['template']}"
            f"{'' if r['template_ok'] else ' (gold differs)'}"
        )
        for w in r["wrong"][:8]:
            print(f"    {w}")
    for kind, (right, n) in sorted(by_kind.items()):
        print(f"{kind}: {right}/{n} = {right / n:.2%}")
    print(
        f"TOTAL {tot['right']}/{tot['cells']} = {tot['right'] / tot['cells']:.2%}; without the "
        f"{tot['ambiguous']} ambiguous cells {tot['right'] - tot['ambiguous_right']}/{tot['cells'] - tot['ambiguous']}"
    )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
