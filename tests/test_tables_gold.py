"""Cell-exact accuracy of the tables against the hand-written gold values (tests/data/tables_gold.json)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from .conftest import needs_corpus

ROOT = Path(__file__).resolve().parents[1]
GOLD = json.loads((ROOT / "tests" / "data" / "tables_gold.json").read_text(encoding="utf-8"))
_spec = importlib.util.spec_from_file_location("eval_tables", ROOT / "benchmarks" / "eval_tables.py")
eval_tables = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]
_spec.loader.exec_module(eval_tables)  # type: ignore[union-attr]

FILES = sorted(k for k in GOLD if not k.startswith("_"))


def test_gold_file_has_every_canonical_cell() -> None:
    from govtext.tables import empty_table

    for name in FILES:
        g = GOLD[name]
        for table in ("t2", "t3", "t4"):
            expected = empty_table(table, g["template"])
            if table == "t3" and "other" in g["t3"] and g["template"] == "2021":
                expected["other"] = dict.fromkeys(expected["total"])
            assert {r: set(c) for r, c in g[table].items()} == {r: set(c) for r, c in expected.items()}, (name, table)


@needs_corpus
@pytest.mark.parametrize("name", FILES)
def test_cells_match_the_gold(name: str) -> None:
    r = eval_tables.compare(name, GOLD[name])
    assert r["template"] == GOLD[name]["template"]
    ambiguous = set(GOLD[name].get("ambiguous", []))
    wrong_unambiguous = [w for w in r["wrong"] if w.split(":")[0] not in ambiguous]
    assert wrong_unambiguous == []
    if r["format"] in ("pdf", "html", "docx"):
        assert r["right"] == r["cells"]  # target: every cell of born-digital PDF, HTML and DOCX


@needs_corpus
def test_flattened_text_meets_its_target() -> None:
    rows = [eval_tables.compare(n, GOLD[n]) for n in FILES if n.endswith(".txt")]
    right, cells = sum(r["right"] for r in rows), sum(r["cells"] for r in rows)
    assert right / cells >= 0.99, (right, cells)
