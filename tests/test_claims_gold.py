"""Claim extraction against our annotated gold set (tests/data/claims_gold.jsonl).

A regression guard over the whole set; the honest dev/test split is reported by
``python benchmarks/eval_claims.py`` (docs/claims-eval.md).
"""

from __future__ import annotations

import importlib.util
import sys

from tests.conftest import CORPUS, ROOT, needs_corpus


def _evaluator():
    spec = importlib.util.spec_from_file_location("eval_claims", ROOT / "benchmarks" / "eval_claims.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_gold_file_is_consistent() -> None:
    ev = _evaluator()
    records = ev.load("all")
    assert len(records) >= 400
    for rec in records:
        for g in rec["numbers"]:
            assert rec["text"][g["pos"] : g["pos"] + len(g["mention"])] == g["mention"]


def test_claims_meet_the_targets_on_the_gold_set() -> None:
    ev = _evaluator()
    res = ev.evaluate(ev.load("all"))
    assert res.detection.precision >= 0.97 and res.detection.recall >= 0.95
    assert res.value_unit.precision >= 0.97 and res.value_unit.recall >= 0.95
    assert res.links.precision >= 0.90 and res.links.recall >= 0.90


@needs_corpus
def test_gold_sentences_are_still_govtext_sentences() -> None:
    """The gold is aligned by sentence text: segmentation changes must keep it valid."""
    import collections

    import govtext

    ev = _evaluator()
    by_file = collections.defaultdict(list)
    for rec in ev.load("all"):
        if rec.get("file"):
            by_file[rec["file"]].append(rec["text"])
    for name, texts in by_file.items():
        sentences = {s.text for s in govtext.analyze(CORPUS / name, stages=()).sentences}
        missing = [t for t in texts if t not in sentences]
        assert not missing, f"{name}: {len(missing)} gold sentence(s) no longer produced, e.g. {missing[0][:40]!r}"
