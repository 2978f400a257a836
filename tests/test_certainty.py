"""Certainty gates severity: an error only on numbers read as printed; the suspect cell is named."""

from __future__ import annotations

import json
from pathlib import Path

import govtext
from govtext.checks import run_checks
from govtext.config import RuleConfig
from govtext.tables.schema import CERTAIN, HOWS, T3_COLUMN_KEYS, T4_OUTCOME_KEYS, identities

EXAMPLE = Path(__file__).resolve().parents[1] / "corpora" / "examples" / "example_2023.txt"
TEXT = EXAMPLE.read_text(encoding="utf-8")
#: the example with its TAB tables flattened to space-separated text, as a crawler leaves them
FLAT = TEXT.replace("\t", " ")


def _analyze(text: str, old: str, new: str) -> govtext.Document:
    assert text.count(old) == 1, old
    return govtext.analyze_text(text.replace(old, new))


def test_every_cell_says_how_it_was_read() -> None:
    doc = govtext.analyze_text(TEXT)
    hows = {c.how for t in doc.tables.values() for c in t.cells.values()}
    assert hows <= {"read", "blank"} and all(c.certain for c in doc.tables["t3"].cells.values())
    cells = doc.to_dict(detail=True)["table_detail"]["t3"]["cells"]
    assert len(cells) == 25 * 7 and {c["how"] for c in cells} <= set(HOWS)


def test_a_wrong_cell_is_an_error_that_names_the_suspect() -> None:
    doc = _analyze(TEXT, "一、本年新收政府信息公开申请数量\t51\t6", "一、本年新收政府信息公开申请数量\t52\t6")
    # the identities name the suspect; the prose's 自然人申请51件 disagrees with the cell too (GT404)
    assert sorted(f.rule for f in doc.findings if f.severity == "error") == ["GT301", "GT303", "GT404"]
    errors = [f for f in doc.findings if f.severity == "error" and f.rule != "GT404"]
    for f in errors:
        assert f.suspect is not None
        assert (f.suspect.table, f.suspect.row, f.suspect.col) == ("t3", "new_received", "natural_person")
        assert (f.suspect.printed, f.suspect.value) == (52, 51)
        assert "“一、本年新收政府信息公开申请数量” 自然人 (printed 52) as 51" in f.message
        assert "为51（现为52）" in f.message_zh
        assert f.uncertain == ()
    as_json = json.loads(json.dumps(errors[0].to_dict()))
    assert as_json["suspect"]["value"] == 51 and as_json["uncertain"] == [] and as_json["demoted_from"] is None


def test_no_suspect_where_several_cells_would_do() -> None:
    # table 4's 结果纠正 of 行政复议 changed (a cell the prose does not state): any of the group's five cells
    # could be the wrong one
    doc = _analyze(TEXT, "\n2\t0\t1\t0\t3\t1", "\n2\t1\t1\t0\t3\t1")
    (f,) = doc.findings
    assert f.rule == "GT305" and f.severity == "error" and f.suspect is None


def test_digits_split_the_one_way_the_identities_allow_are_certain() -> None:
    # the total row's digits ran together; one split adds up, and the column identities still fail
    # with it: they fail however the printed digits are read, so they are errors
    doc = _analyze(FLAT, "（七）总计 52 7 0 0 2 1 62", "（七）总计 537002163")
    assert doc.tables["t3"].cell("total", "natural_person").how == "split"
    # the prose's 全年办结申请62件 disagrees with the total's 63 too, and with every other reading of the digits
    assert {f.rule for f in doc.findings if f.severity == "error"} == {"GT302", "GT303", "GT404"}
    assert not [f for f in doc.findings if f.rule == "GT207"]


def test_an_identity_failing_on_guessed_digits_is_a_reading_warning() -> None:
    # no split of 527002163 adds up: the row sum fails whatever the split (an error resting on the
    # printed digits); the column identities rest on the guessed cells and become GT207
    doc = _analyze(FLAT, "（七）总计 52 7 0 0 2 1 62", "（七）总计 527002163")
    assert {c.how for c in doc.tables["t3"].cells.values() if c.row == "total"} == {"guessed"}
    (row_sum,) = [f for f in doc.findings if f.severity == "error"]
    assert row_sum.rule == "GT301" and "527002163" in row_sum.message and "连写为527002163" in row_sum.message_zh
    assert [b.how for b in row_sum.basis] == ["read"]
    demoted = [f for f in doc.findings if f.rule == "GT207"]
    # the prose's 全年办结申请62件 against the guessed total: a reading warning too, never an error
    assert {f.demoted_from for f in demoted} == {"GT302", "GT303", "GT404"}
    for f in demoted:
        assert f.severity == "warning" and f.uncertain
        assert all(b.how == "guessed" and b.what.startswith("t3 total/") for b in f.uncertain)
        assert "a guess among several readings" in f.message and "未能确切读取" in f.message_zh
    # the same table with its digits printed apart is read with certainty: errors
    doc = _analyze(FLAT, "（七）总计 52 7 0 0 2 1 62", "（七）总计 52 7 0 0 2 1 63")
    assert {f.rule for f in doc.findings if f.severity == "error"} == {"GT301", "GT302", "GT303", "GT404"}


def test_a_row_not_read_is_never_a_silent_zero() -> None:
    doc = _analyze(FLAT, "四、结转下年度继续办理 2 0 0 0 0 0 2\n", "")
    assert doc.tables["t3"].get("carried_forward", "total") is None
    assert not [f for f in doc.findings if f.severity == "error"]
    (f, *_) = [f for f in doc.findings if f.rule == "GT207"]
    assert f.demoted_from == "GT303" and f.uncertain[0].how == "missing"


def test_the_demotion_follows_the_configuration() -> None:
    doc = _analyze(FLAT, "（七）总计 52 7 0 0 2 1 62", "（七）总计 527002163")
    ignored = run_checks(doc, config=RuleConfig(ignore=("GT207",)))
    assert not [f for f in ignored if f.rule in ("GT207", "GT302", "GT303")] and any(f.rule == "GT301" for f in ignored)
    graded = run_checks(doc, config=RuleConfig(severity={"GT207": "info"}))
    assert {f.severity for f in graded if f.rule == "GT207"} == {"info"}
    # a rule graded below error is not demoted: it keeps its code
    kept = run_checks(doc, config=RuleConfig(severity={"GT302": "warning"}))
    assert {f.rule for f in kept} >= {"GT302"}


def test_the_identities_are_declared_once() -> None:
    t3 = identities("t3", "2021")
    assert len(t3) == 25 + 7 + 7  # a row sum per row, an outcome sum and a balance per column
    for i in t3:
        if i.kind == "row_sum":
            assert [c for _, c in i.cells] == list(T3_COLUMN_KEYS)
    assert len(identities("t3", "2019")) == 23 + 7 + 7
    assert any("other" in {r for r, _ in i.parts} for i in identities("t3", "2021", ["other"]))
    for i in identities("t4"):
        assert [c for _, c in i.cells] == list(T4_OUTCOME_KEYS)
    assert identities("t2") == ()
    assert {"read", "blank", "split"} == CERTAIN
