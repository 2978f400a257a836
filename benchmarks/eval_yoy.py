"""Precision and recall of GT504 (a year-over-year change against last year's report) on ``tests/data/yoy_gold.jsonl``.

For each gold item (see ``benchmarks/make_yoy_gold.py``) the two reports are built — a
written pair from ``tests/data/yoy_pairs.jsonl`` rendered by ``tools/synth/govtext_synth/tables.py`` with
the sentences inserted, or a shared Pingtan report (read in place from ``../shared/corpus``)
with our sentences inserted at the stored offset — analysed, and compared as
``govtext lint REPORT --previous LAST_YEAR_REPORT`` compares them (:func:`govtext.corpus.compare_pair`
over records with ``table_detail``; ``govtext batch`` with ``--tables`` runs the same rules on the
same records).  The GT504 records whose sentence is the item's are its findings.

* **precision at error**: error findings on sentences whose change is wrong (``agrees`` false),
  of all error findings; **recall at error**: items whose gold severity is ``error`` that got one.
* **at any severity**: findings (error or warning) on wrong sentences, of all findings; wrong
  sentences that got a finding, of all wrong sentences.
* ``too strong``: errors where the gold allows a warning at most (counted as right for the
  precision: the change *is* wrong, but the reading was not sure enough to accuse).
* ``--batch-records``: the same with batch records without ``table_detail`` (``govtext batch``
  without ``--tables``/``--html``): how the cells were read is unknown there, so no errors.

Pingtan items whose file is absent are skipped; a shared file whose sha256 or sentence sha1 no
longer matches is reported, not evaluated.

    python benchmarks/eval_yoy.py [--split test] [--batch-records] [--markdown docs/yoy-eval.md]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
import time
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import govtext  # noqa: E402
from govtext.corpus import compare_pair  # noqa: E402
from govtext.model import CrossReportFinding  # noqa: E402

GOLD = ROOT / "tests" / "data" / "yoy_gold.jsonl"
PAIRS = ROOT / "tests" / "data" / "yoy_pairs.jsonl"
CORPUS = ROOT.parent / "shared" / "corpus"
SOURCES = ("written", "hand", "pingtan-written", "pingtan")


def read_gold(path: Path = GOLD) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@cache
def read_pairs() -> dict[str, dict[str, Any]]:
    return {p["id"]: p for p in map(json.loads, PAIRS.read_text(encoding="utf-8").splitlines()) if p}


# --------------------------------------------------------------------------- building the reports


def _insert(data: bytes, fmt: str, sentences: list[str]) -> bytes:
    """``sentences`` as a paragraph right after the heading 一、总体情况."""
    if not sentences:
        return data
    text = data.decode("utf-8")
    at = text.find("一、总体情况")
    assert at >= 0, "no heading 一、总体情况"
    para = "".join(sentences)
    if fmt == "html":
        end = text.find(">", text.find("</", at)) + 1
        text = text[:end] + f"\n<p>{para}</p>" + text[end:]
    else:
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        text = text[:end] + ("\n\n" if fmt == "md" else "\n") + para + text[end:]
    return text.encode("utf-8")


def render_report(spec: dict[str, Any], side: str) -> bytes:
    """One report of a written pair: the tables' truth rendered by the synth generator, our sentences inserted."""
    from govtext_synth.tables import render

    s = spec[side]
    rng = random.Random(f"{spec['seed']}:{side}")
    options = {"txt_layout": "rows", "cell_sep": "tab"} if spec["fmt"] == "txt" else {}
    data = render(rng, s["tables"], spec["fmt"], template=s["template"], year=s["year"], agency=s["agency"], **options)
    return _insert(data, spec["fmt"], s["sentences"])


def _record(data: bytes, name: str, detail: bool) -> dict[str, Any]:
    doc = govtext.analyze(data, name=name, stages=("sections", "claims", "tables"))
    rec = doc.to_dict(detail=detail)
    rec["source"]["path"] = name
    return rec


def pair_records(spec: dict[str, Any], detail: bool = True) -> tuple[dict[str, Any], dict[str, Any]]:
    ext = spec["fmt"]
    prev = _record(render_report(spec, "prev"), f"{spec['id']}_{spec['prev']['year']}.{ext}", detail)
    cur = _record(render_report(spec, "cur"), f"{spec['id']}_{spec['cur']['year']}.{ext}", detail)
    return prev, cur


def _shared_record(name: str, detail: bool, insert: tuple[int, list[str]] | None = None) -> dict[str, Any]:
    data = (CORPUS / name).read_bytes()
    if insert is not None:
        text = data.decode("utf-8")
        offset, sentences = insert
        data = (text[:offset] + "\n" + "".join(sentences) + "\n" + text[offset:]).encode("utf-8")
    return _record(data, name, detail)


# --------------------------------------------------------------------------- matching findings to items


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def findings_by_sentence(found: list[CrossReportFinding]) -> dict[str, list[str]]:
    """The severities of the GT504 findings, by their (normalised) sentence."""
    out: dict[str, list[str]] = defaultdict(list)
    for r in found:
        if r.rule == "GT504":
            out[_norm(r.extra.get("sentence") or "")].append(r.severity)
    return out


def _strongest(severities: list[str]) -> str | None:
    for level in ("error", "warning", "info"):
        if level in severities:
            return level
    return None


def _found(by_sentence: dict[str, list[str]], sentence: str) -> str | None:
    want = _norm(sentence)
    hits = [s for text, sevs in by_sentence.items() for s in sevs if text and (text == want or want in text)]
    return _strongest(hits)


@cache
def _shared_records(name: str, detail: bool) -> dict[str, Any]:
    return _shared_record(name, detail)


def evaluate(items: list[dict[str, Any]], detail: bool = True) -> list[dict[str, Any]]:
    """Each item with ``found`` (the strongest GT504 severity at its sentence, or None) or ``skipped``."""
    out: list[dict[str, Any]] = []
    pairs = read_pairs()
    by_pair: dict[str, list[dict[str, Any]]] = defaultdict(list)
    by_group: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    negatives: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for it in items:
        if it["source"] in ("written", "hand"):
            by_pair[it["pair"]].append(it)
        elif not (CORPUS / it["file"]).is_file():
            out.append({**it, "skipped": "the shared corpus is absent"})
        elif it["source"] == "pingtan-written":
            by_group[(it["file"], it["previous"])].append(it)
        else:
            negatives[it["file"]].append(it)
    for pid, its in by_pair.items():
        prev, cur = pair_records(pairs[pid], detail)
        found = findings_by_sentence(compare_pair(prev, cur))
        out += [{**it, "found": _found(found, it["sentence"])} for it in its]
    for (name, previous), its in by_group.items():
        sha = hashlib.sha256((CORPUS / name).read_bytes()).hexdigest()
        if any(it["sha256"] != sha for it in its):
            out += [{**it, "skipped": f"{name} changed (sha256)"} for it in its]
            continue
        cur = _shared_record(name, detail, (its[0]["offset"], [it["sentence"] for it in its]))
        found = findings_by_sentence(compare_pair(_shared_records(previous, detail), cur))
        out += [{**it, "found": _found(found, it["sentence"])} for it in its]
    for name, its in negatives.items():
        rec = _shared_records(name, detail)
        year = rec["meta"]["year"]
        found: dict[str, list[str]] = defaultdict(list)
        for prev_name in _shared_by_year().get(year - 1, []):
            for k, v in findings_by_sentence(compare_pair(_shared_records(prev_name, detail), rec)).items():
                found[k] += v
        sents = {s["span"]["start"]: s["text"] for s in rec["sentences"]}
        for it in its:
            text = sents.get(it["offset"])
            if text is None or hashlib.sha1(text.encode("utf-8")).hexdigest() != it["sha1"]:
                out.append({**it, "skipped": "the sentence is no longer at its offset (sha1)"})
                continue
            out.append({**it, "found": _found(found, text)})
    return out


_FLIP = {"增长": "下降", "下降": "增长", "增加": "减少", "减少": "增加", "上升": "下降", "提高": "降低", "降低": "提高",
         "回落": "上升", "多": "少", "少": "多"}  # fmt: skip
_MAGNITUDE = re.compile(r"(?P<word>增长|下降|增加|减少|上升|提高|降低|回落|多|少)(?P<num>\d+(?:\.\d+)?)(?P<unit>%|件)")


def mutants(item: dict[str, Any]) -> list[tuple[str, str]]:
    """Wrong versions of a written sentence whose change agrees: (what was changed, the sentence).

    The magnitude moved by 10 % and by two units of its last digit, and the direction turned
    round — only versions that fit no reading of the figures (``make_yoy_gold._fits``).
    """
    import make_yoy_gold as mk

    m = _MAGNITUDE.search(item["sentence"])
    if m is None or item["shape"] not in ("pct", "count", "subject_first"):
        return []
    num, unit = m.group("num"), m.group("unit")
    decimals = len(num.split(".")[1]) if "." in num else 0
    step = 10**-decimals
    value = float(num)
    sign = -1 if _FLIP.get(m.group("word")) in ("增长", "增加", "上升", "提高", "多") else 1
    readings = mk._readings(_pair_maker(item["pair"]), item["subject"], stated_figure=True)
    out = []
    for what, word, new in (
        ("+10 %", m.group("word"), value * 1.1 + step),
        ("-2 units", m.group("word"), value - 2 * step),
        ("direction", _FLIP[m.group("word")], value),
    ):
        if new <= 0:
            continue
        printed = f"{new:.{decimals}f}" if unit == "%" else str(round(new))
        s_sign = sign if word == m.group("word") else -sign
        shape = "pct" if unit == "%" else "count"
        if any(mk._fits(shape, s_sign * float(printed), printed, t, la) for t, la in readings):
            continue
        sentence = item["sentence"][: m.start()] + word + printed + unit + item["sentence"][m.end() :]
        out.append((what, sentence))
    return out


@cache
def _pair_maker(pid: str) -> Any:
    """A stand-in for the generator's pair with the stored truth (what ``_readings`` needs)."""
    spec = read_pairs()[pid]

    class _P:
        cur, prev = spec["cur"]["tables"], spec["prev"]["tables"]
        template_cur, template_prev = spec["cur"]["template"], spec["prev"]["template"]

        def values(self, subject: str) -> tuple[int, int]:
            import make_yoy_gold as mk

            return mk.figure(self.cur, subject, self.template_cur), mk.figure(self.prev, subject, self.template_prev)

    return _P()


def evaluate_mutants(items: list[dict[str, Any]]) -> dict[str, Any]:
    """Mutants of the written sentences that agree (plain pairs, no qualifier): each must become an error.

    And every other sentence of the pair must keep its findings (no new error elsewhere).
    """
    pairs = read_pairs()
    total, caught, missed = 0, 0, []
    for it in items:
        if it["source"] not in ("written", "hand") or it["agrees"] is not True or it.get("shape") == "qualified":
            continue
        spec = pairs[it["pair"]]
        if spec["kind"] not in ("plain", "2019", "template_change"):
            continue
        for what, sentence in mutants(it):
            total += 1
            changed = {**spec, "cur": {**spec["cur"], "sentences": [
                sentence if s == it["sentence"] else s for s in spec["cur"]["sentences"]]}}  # fmt: skip
            prev, cur = pair_records(changed)
            found = _found(findings_by_sentence(compare_pair(prev, cur)), sentence)
            if found == "error":
                caught += 1
            else:
                missed.append(f"{it['id']} {what}: {sentence} → {found}")
    return {"mutants": total, "caught": caught, "missed": missed}


@cache
def _shared_by_year() -> dict[int, list[str]]:
    from make_yoy_gold import PINGTAN_FILES

    out: dict[int, list[str]] = defaultdict(list)
    for name in PINGTAN_FILES:
        m = re.search(r"(\d{4})", name)
        if m:
            out[int(m.group(1))].append(name)
    return out


def scores(results: list[dict[str, Any]]) -> dict[str, Any]:
    done = [r for r in results if "skipped" not in r]
    wrong = [r for r in done if r["agrees"] is False]
    errors = [r for r in done if r["found"] == "error"]
    anything = [r for r in done if r["found"] in ("error", "warning")]
    gold_errors = [r for r in done if r["severity"] == "error"]
    tp_err = [r for r in errors if r["agrees"] is False]
    return {
        "items": len(done),
        "skipped": len(results) - len(done),
        "wrong": len(wrong),
        "gold_errors": len(gold_errors),
        "errors": len(errors),
        "error_tp": len(tp_err),
        "false_errors": [r["id"] for r in errors if r["agrees"] is not False],
        "too_strong": [r["id"] for r in errors if r["agrees"] is False and r["severity"] != "error"],
        "precision_error": len(tp_err) / len(errors) if errors else 1.0,
        "recall_error": sum(1 for r in gold_errors if r["found"] == "error") / len(gold_errors) if gold_errors else 1.0,
        "missed_errors": [r["id"] for r in gold_errors if r["found"] != "error"],
        "findings": len(anything),
        "precision_any": sum(1 for r in anything if r["agrees"] is False) / len(anything) if anything else 1.0,
        "recall_any": sum(1 for r in wrong if r["found"] in ("error", "warning")) / len(wrong) if wrong else 1.0,
        "false_findings": [r["id"] for r in anything if r["agrees"] is not False],
        "missed_any": [r["id"] for r in wrong if r["found"] not in ("error", "warning")],
    }


def _table(rows: list[tuple[str, dict[str, Any]]]) -> list[str]:
    lines = [
        "| set | items | wrong | errors (right / all) | precision at error | recall at error | "
        "findings | precision any | recall any |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for name, s in rows:
        lines.append(
            f"| {name} | {s['items']} | {s['wrong']} | {s['error_tp']} / {s['errors']} | {s['precision_error']:.3f} | "
            f"{s['recall_error']:.3f} ({s['gold_errors']} gold) | {s['findings']} | {s['precision_any']:.3f} | "
            f"{s['recall_any']:.3f} |"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("dev", "test", "all"), default="all")
    ap.add_argument("--batch-records", action="store_true", help="also records without table_detail")
    ap.add_argument("--markdown", default=None, help="write the tables of docs/yoy-eval.md here")
    ap.add_argument("--mutants", action="store_true", help="also turn right changes wrong: each must be an error")
    args = ap.parse_args(argv)
    gold = read_gold()
    t0 = time.perf_counter()
    results = evaluate(gold)
    rows = []
    for split in ("dev", "test", "all") if args.split == "all" else (args.split,):
        part = [r for r in results if split == "all" or r["split"] == split]
        rows.append((f"{split}", scores(part)))
        for source in SOURCES:
            sub = [r for r in part if r["source"] == source]
            if sub:
                rows.append((f"{split} · {source}", scores(sub)))
    lines = _table(rows)
    if args.batch_records:
        batch = evaluate(gold, detail=False)
        lines += ["", "Batch records without `table_detail`:", ""]
        lines += _table([(split, scores([r for r in batch if split == "all" or r["split"] == split]))
                         for split in ("dev", "test", "all")])  # fmt: skip
    print("\n".join(lines))
    s = scores(results)
    print(f"\nfalse errors: {s['false_errors']}\ntoo strong: {s['too_strong']}\nmissed errors: {s['missed_errors']}")
    print(f"false findings: {s['false_findings']}\nmissed (any): {s['missed_any']}")
    skipped = [r for r in results if "skipped" in r]
    if skipped:
        print(f"skipped: {len(skipped)} ({skipped[0]['skipped']})")
    if args.mutants:
        for split in ("dev", "test"):
            m = evaluate_mutants([r for r in gold if r["split"] == split])
            line = f"{split}: {m['caught']} of {m['mutants']} mutants of right changes caught at error"
            lines += ["", line] if split == "dev" else [line]
            print(line)
            for miss in m["missed"]:
                print("   missed", miss)
    print(f"{time.perf_counter() - t0:.1f} s")
    if args.markdown:
        Path(args.markdown).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
