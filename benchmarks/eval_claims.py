"""Precision and recall of claim extraction against ``tests/data/claims_gold.jsonl``.

    python benchmarks/eval_claims.py [--split dev|test|all] [--errors N] [--markdown docs/claims-eval.md]

Three measures, each as precision and recall:

(i)   **detection** — a predicted claim overlapping a gold claim is a hit;
(ii)  **value + unit** — a hit whose value and unit both equal the gold's;
(iii) **links** — total→part and rate→numerator/denominator pairs between matched claims.

The gold set is split once and for all: *dev* (reports the rules were developed on:
seed, Huai'an, Hongze, Pingtan 2021–2025, Shanghai, the even-numbered written
sentences, and ``claims_gold_dev2.jsonl``, written sentences on relations between
numbers) and *test* (the other reports and the odd-numbered written sentences of
``claims_gold.jsonl``), which nobody inspects sentence by sentence while changing the
rules.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from govtext.claims import Mention, read_mentions  # noqa: E402

GOLD = ROOT / "tests" / "data" / "claims_gold.jsonl"
#: more written sentences on relations between numbers, for developing the link rules (all dev)
GOLD_DEV2 = ROOT / "tests" / "data" / "claims_gold_dev2.jsonl"
DEV_FILES = {
    "seed_pengjiang_minzheng_2023.txt",
    "huaian_szf_2024.pdf",
    "hongze_2023.pdf",
    "pingtan_2021.txt",
    "pingtan_2022.txt",
    "pingtan_2024.txt",
    "pingtan_2025.txt",
    "shanghai_bgt_2019.html",
}


def load(split: str = "all") -> list[dict]:
    records = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    written = 0
    out = []
    for rec in records:
        if rec.get("file") is None:
            rec["_split"] = "dev" if written % 2 == 0 else "test"
            written += 1
        else:
            rec["_split"] = "dev" if rec["file"] in DEV_FILES else "test"
        if split in ("all", rec["_split"]):
            out.append(rec)
    if GOLD_DEV2.is_file() and split in ("all", "dev"):
        for line in GOLD_DEV2.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                rec["_split"] = "dev"
                out.append(rec)
    return out


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Result:
    detection: Score = field(default_factory=Score)
    value_unit: Score = field(default_factory=Score)
    links: Score = field(default_factory=Score)
    errors: list[str] = field(default_factory=list)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _same_value(a: float | int | None, b: float | int | None) -> bool:
    return a is not None and b is not None and abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(b)))


def evaluate(records: list[dict]) -> Result:
    res = Result()
    for rec in records:
        text = rec["text"]
        predicted: list[Mention] = read_mentions(text)
        pred = [(k, m) for k, m in enumerate(predicted) if m.claim]
        gold = [g for g in rec["numbers"] if g.get("claim")]
        match: dict[int, int] = {}  # gold i -> predicted index
        used: set[int] = set()
        for g in gold:
            span = (g["pos"], g["pos"] + len(g["mention"]))
            for k, m in pred:
                if k not in used and _overlap(span, (m.start, m.end)):
                    match[g["i"]] = k
                    used.add(k)
                    break
        res.detection.tp += len(match)
        res.detection.fn += len(gold) - len(match)
        res.detection.fp += len(pred) - len(match)
        ok = 0
        for g in gold:
            k = match.get(g["i"])
            if k is None:
                res.errors.append(f"MISS  {g['mention']!r} in {text[:70]!r}")
                continue
            m = predicted[k]
            if _same_value(m.value, g.get("value")) and m.unit == g.get("unit"):
                ok += 1
            else:
                res.errors.append(
                    f"VALUE {g['mention']!r}: got {m.value} {m.unit!r}, gold {g.get('value')} {g.get('unit')!r}"
                )
        for k, m in pred:
            if k not in used:
                res.errors.append(f"EXTRA {m.text!r} in {text[:70]!r}")
        res.value_unit.tp += ok
        res.value_unit.fp += len(pred) - ok
        res.value_unit.fn += len(gold) - ok
        # links, between gold numbering
        inverse = {k: i for i, k in match.items()}
        gold_links = {(g["i"], g["parent"], g["role"]) for g in gold if g.get("parent") is not None}
        pred_links = set()
        for k, m in pred:
            if m.parent is not None and k in inverse and m.parent in inverse:
                pred_links.add((inverse[k], inverse[m.parent], m.role))
            elif m.parent is not None:
                pred_links.add((("unmatched", k), m.parent, m.role))
        hit = gold_links & pred_links
        res.links.tp += len(hit)
        res.links.fp += len(pred_links - hit)
        res.links.fn += len(gold_links - hit)
        for link in gold_links - pred_links:
            res.errors.append(f"LINK- {link} in {text[:70]!r}")
        for link in pred_links - gold_links:
            res.errors.append(f"LINK+ {link} in {text[:70]!r}")
    return res


def table(results: dict[str, Result], counts: dict[str, int]) -> str:
    lines = [
        "| split | sentences | (i) detection P | R | (ii) value+unit P | R | (iii) links P | R |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, r in results.items():
        lines.append(
            f"| {name} | {counts[name]} | {r.detection.precision:.3f} | {r.detection.recall:.3f} | "
            f"{r.value_unit.precision:.3f} | {r.value_unit.recall:.3f} | {r.links.precision:.3f} | {r.links.recall:.3f} |"
        )
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=("dev", "test", "all"), default=None)
    ap.add_argument("--errors", type=int, default=0, help="print this many errors (dev split only)")
    ap.add_argument("--markdown", type=Path, default=None)
    args = ap.parse_args()
    splits = [args.split] if args.split else ["dev", "test", "all"]
    results, counts = {}, {}
    for name in splits:
        records = load(name)
        results[name] = evaluate(records)
        counts[name] = len(records)
    out = table(results, counts)
    print(out)
    if args.errors and "dev" in results:
        print("\n".join(results["dev"].errors[: args.errors]))
    if args.markdown:
        args.markdown.write_text(
            "# Claim extraction: precision and recall\n\nGenerated by `python benchmarks/eval_claims.py "
            "--markdown docs/claims-eval.md` against `tests/data/claims_gold.jsonl`.\n\n" + out + "\n",
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
