"""The year-over-year gold (tests/data/yoy_gold.jsonl, issue 18): its integrity, and GT504 on its dev split.

The honest figures (the test split) are printed by ``python benchmarks/eval_yoy.py`` and kept in
docs/yoy-eval.md.
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from functools import cache
from types import ModuleType

import pytest

from tests.conftest import ROOT, needs_corpus

#: measured on the dev split, by source: (items, wrong, gold errors, errors found, of them right, any finding)
DEV = {
    "written": (61, 22, 16, 16, 16, 22),
    "hand": (12, 5, 4, 4, 4, 4),  # H022-1 (a change after 上年结转, which figure?) is left alone on purpose
    "pingtan-written": (18, 8, 6, 6, 6, 8),
    "pingtan": (14, 0, 0, 0, 0, 0),
}


def _load(name: str) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@cache
def _dev() -> list[dict]:
    ev = _load("eval_yoy")
    return ev.evaluate([it for it in ev.read_gold() if it["split"] == "dev"])


def test_gold_is_large_labelled_and_split_once() -> None:
    ev, build = _load("eval_yoy"), _load("make_yoy_gold")
    items = ev.read_gold()
    statements = [it for it in items if it["source"] != "pingtan"]
    assert len(statements) >= 60 and len({it["id"] for it in items}) == len(items)
    pairs = ev.read_pairs()
    for it in items:
        assert it["split"] == build.split_of(it["id"]), it["id"]  # fixed by the id's hash, never re-drawn
        assert it["severity"] in ("error", "warning", None) and it["agrees"] in (True, False, None)
        assert it["severity"] is None or it["agrees"] is False, it["id"]  # only a wrong change deserves a finding
        if it["source"] in ("written", "hand"):
            assert it["sentence"] in "".join(pairs[it["pair"]]["cur"]["sentences"])
        elif it["source"] == "pingtan-written":
            assert set(it) >= {"file", "previous", "offset", "sha256", "sentence"}
        else:
            assert set(it) >= {"file", "offset", "sha1"} and "sentence" not in it  # no third-party text stored
    splits = [it["split"] for it in statements]
    assert 0.35 <= splits.count("dev") / len(splits) <= 0.65
    assert sum(it["severity"] == "error" for it in items if it["split"] == "test") >= 20


def test_written_pairs_are_consistent_reports_read_back_exactly() -> None:
    ev = _load("eval_yoy")
    pairs = ev.read_pairs()
    for pid in ("W001", "W005", "H004"):
        spec = pairs[pid]
        prev, cur = ev.pair_records(spec)
        for rec, side in ((prev, "prev"), (cur, "cur")):
            truth = spec[side]["tables"]["t3"]
            assert rec["tables"]["t3"]["new_received"]["total"] == truth["new_received"]["total"]
            assert rec["meta"]["year"] == spec[side]["year"]
            assert not [f for f in rec["findings"] if f["severity"] == "error"], pid


@pytest.mark.parametrize("source", [s for s in DEV if s.startswith(("written", "hand"))] +
                         [pytest.param(s, marks=needs_corpus) for s in DEV if s.startswith("pingtan")])  # fmt: skip
def test_gt504_on_the_dev_split(source: str) -> None:
    ev = _load("eval_yoy")
    part = [r for r in _dev() if r["source"] == source]
    assert not [r for r in part if "skipped" in r]
    s = ev.scores(part)
    assert s["false_errors"] == [] and s["false_findings"] == []  # never an error, nor a warning, on a right change
    assert (s["items"], s["wrong"], s["gold_errors"], s["errors"], s["error_tp"], s["findings"]) == DEV[source]


@needs_corpus
def test_pingtan_items_still_point_at_the_shared_files() -> None:
    ev = _load("eval_yoy")
    for it in ev.read_gold():
        if it["source"] == "pingtan-written":
            data = (ev.CORPUS / it["file"]).read_bytes()
            assert hashlib.sha256(data).hexdigest() == it["sha256"]
            assert data.decode("utf-8")[it["offset"] - len("一、总体情况") : it["offset"]] == "一、总体情况"
