"""The prose-vs-table gold (tests/data/prose_gold.jsonl, issue 14): its integrity, and the prose rules on its dev split.

The honest figures (the test split, and the mutation measure) are reported by
``python benchmarks/eval_prose.py`` in docs/prose-eval.md.
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from functools import cache

import pytest

from tests.conftest import CORPUS, ROOT, needs_corpus

#: measured on 2026-12-02 after the rule fixes of issue 14, by source of the dev pairs: gold errors found
#: (recall), and error findings at pairs whose gold is not an error (before the fixes: 23 and 2 found, 8 false)
DEV_TRUE_ERRORS = {"written": 43, "shared": 3}  # of 43 and 3 gold errors (recall 1.0, 1.0)
DEV_FALSE_ERRORS = {"written": 0, "shared": 0}


def _evaluator():
    if "eval_prose" in sys.modules:
        return sys.modules["eval_prose"]
    spec = importlib.util.spec_from_file_location("eval_prose", ROOT / "benchmarks" / "eval_prose.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _builder():
    spec = importlib.util.spec_from_file_location("make_prose_gold", ROOT / "benchmarks" / "make_prose_gold.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


@cache
def _dev_scores(source: str | None = None) -> dict:
    ev = _evaluator()
    pairs = [p for p in ev.read_gold() if p["split"] == "dev" and source in (None, p["source"])]
    return ev.scores(ev.evaluate(pairs, mutations=False))


SOURCES = [pytest.param("written", id="written"), pytest.param("shared", id="shared", marks=needs_corpus)]


def test_gold_is_large_labelled_and_split_once() -> None:
    ev, build = _evaluator(), _builder()
    pairs = ev.read_gold()
    assert len(pairs) >= 150
    assert len({p["id"] for p in pairs}) == len(pairs)
    for p in pairs:
        assert p["split"] == build.split_of(p["id"]), p["id"]  # fixed by the id's hash, never re-drawn
        assert p["scope"] in ("report", "narrower", "broader") and p["severity"] in ("error", "info", None)
        assert (p["cell"] == "none") == (p["agrees"] is None), p["id"]
        assert p["severity"] != "error" or (p["agrees"] is False and p["scope"] == "report"), p["id"]
        if p["source"] == "written":
            assert p["base"] in ("2021", "2019") and ev.target_offset(p["text"], p["target"]) >= 0
        else:
            assert set(p) >= {"file", "offset", "value", "sha1"} and "text" not in p  # no third-party text stored
    splits = [p["split"] for p in pairs]
    assert 0.4 <= splits.count("dev") / len(splits) <= 0.6
    assert {p["base"] for p in pairs if p["source"] == "written"} == {"2021", "2019"}


def test_written_bases_are_consistent_reports_on_both_templates() -> None:
    import govtext

    ev = _evaluator()
    for template in ("2021", "2019"):
        doc = govtext.analyze_text(ev.base_text(template))
        assert doc.meta.template == template and all(doc.tables[t] is not None for t in ("t2", "t3", "t4"))
        assert [f for f in doc.findings if f.severity == "error"] == []


@needs_corpus
def test_shared_pairs_still_point_at_their_numbers() -> None:
    ev = _evaluator()
    by_file: dict[str, list[dict]] = {}
    for p in ev.read_gold():
        if p["source"] == "shared":
            by_file.setdefault(p["file"], []).append(p)
    assert len(by_file) == 8
    for name, pairs in by_file.items():
        doc = ev._shared_doc(name)  # the eval's own reading, analysed once
        claims = {c.span.start: c for c in doc.claims}
        for p in pairs:
            c = claims.get(p["offset"])
            assert c is not None and c.value == p["value"], (name, p["offset"])
            sha1 = hashlib.sha1(doc.sentences[c.sentence].text.encode("utf-8")).hexdigest()
            assert sha1 == p["sha1"], (name, p["offset"])


@pytest.mark.parametrize("source", SOURCES)
def test_recall_at_error_on_dev_holds_what_was_measured(source: str) -> None:
    s = _dev_scores(source)
    assert s["problems"] == 0
    assert s["tp"] >= DEV_TRUE_ERRORS[source], s


@pytest.mark.parametrize("source", SOURCES)
def test_no_more_false_errors_on_dev_than_measured(source: str) -> None:
    s = _dev_scores(source)
    assert s["predicted_errors"] - s["tp"] <= DEV_FALSE_ERRORS[source], s


def test_target_precision_at_error_on_dev_is_one() -> None:
    assert _dev_scores("written")["precision"] == 1.0
    if (CORPUS / "MANIFEST.tsv").is_file():
        assert _dev_scores("shared")["precision"] in (1.0, None)


def test_target_recall_at_error_on_dev() -> None:
    """Issue 14's target, recall at least 0.95, on the dev pairs (the test split is reported in docs/prose-eval.md)."""
    sources = ["written"] + (["shared"] if (CORPUS / "MANIFEST.tsv").is_file() else [])
    found = sum(_dev_scores(s)["tp"] for s in sources)
    gold = sum(_dev_scores(s)["gold_errors"] for s in sources)
    assert found / gold >= 0.95, (found, gold)


def test_heldout_gold_is_large_labelled_and_set_in_consistent_reports() -> None:
    """The held-out set (issue 14): its integrity only, never a bound on the rules' figures (a measurement)."""
    import govtext

    ev, build = _evaluator(), _builder()
    pairs = ev.read_gold(ROOT / "tests" / "data" / "prose_gold_heldout.jsonl")
    assert len(pairs) >= 120
    assert pairs == build._heldout()  # the file is what the builder writes
    assert len({p["id"] for p in pairs}) == len(pairs)
    assert not {p["id"] for p in pairs} & {p["id"] for p in ev.read_gold()}
    for p in pairs:
        assert p["split"] == "heldout" and p["source"] == "written" and p["base"] in ("2021", "2019"), p["id"]
        assert p["scope"] in ("report", "narrower", "broader") and p["severity"] in ("error", "info", None)
        assert (p["cell"] == "none") == (p["agrees"] is None), p["id"]
        assert p["severity"] != "error" or (p["agrees"] is False and p["scope"] == "report"), p["id"]
        assert p["agrees"] is not True or p["severity"] is None, p["id"]
        assert p["text"][ev.target_offset(p["text"], p["target"], p.get("nth", 0)) :].startswith(p["target"])
    assert {p["base"] for p in pairs} == {"2021", "2019"}
    agrees = [p["agrees"] for p in pairs if p["cell"] != "none"]
    assert 0.35 <= agrees.count(True) / len(agrees) <= 0.65  # about half agree, half contradict
    for base, agency in {(p["base"], p["agency"]) for p in pairs}:  # the reports they are set in are consistent
        doc = govtext.analyze_text(ev.base_text(base, agency))
        assert doc.meta.template == base and [f for f in doc.findings if f.severity == "error"] == [], (base, agency)
