"""Year-over-year statements (govtext.yoy) and the rule GT504 that sets them against last year's report.

The rule is exercised on small records made here (fast), through ``govtext lint --previous``
and ``govtext.lint(previous=…)`` on the example report, and through ``govtext batch``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

import govtext
from govtext.checks.crossyear.GT504 import ChangeVsLastYear
from govtext.cli import main
from govtext.corpus import compare_pair, cross_year_findings, fingerprint
from govtext.model import CrossReportFinding, ReportCell
from govtext.yoy import read_sentence, subject_of
from tests.conftest import EXAMPLES

# -- reading one sentence ---------------------------------------------------------------------

#: sentence → (direction, magnitude, unit, ref_year, subject, value, certain) of each statement, in a 2023 report
READINGS: list[tuple[str, list[tuple[Any, ...]]]] = [
    ("全年收到政府信息公开申请151件，同比增长12.5%。", [(1, 12.5, "%", 2022, "received", 151, True)]),
    ("全年收到政府信息公开申请151件，比2021年增加20件。", [(1, 20, "件", 2021, "received", 151, True)]),
    ("收到申请数量与上年持平。", [(0, None, None, 2022, "received", None, True)]),
    ("全年收到政府信息公开申请151件，与上年基本持平。", [(0, None, None, 2022, "received", 151, False)]),
    ("申请量较上年下降3.2%，共计120件。", [(-1, 3.2, "%", 2022, "received", 120, True)]),
    ("被申请行政复议3件，同比减少2件。", [(-1, 2, "件", 2022, "review", 3, True)]),
    ("被提起行政诉讼5件，同比上升25%。", [(1, 25, "%", 2022, "litigation", 5, True)]),
    ("办结申请148件，比上年多20件。", [(1, 20, "件", 2022, "handled", 148, True)]),
    ("作出行政处罚决定274件，较上年有所下降。", [(-1, None, None, 2022, "penalty", 274, True)]),
    ("本年度制发行政规范性文件2件，同比减少1件。", [(-1, 1, "件", 2022, "normative_made", 2, True)]),
    ("全年主动公开政府信息1268条，较去年增长约10%。", [(1, 10, "%", 2022, None, 1268, False)]),
    ("按时办结率100%，较上年提高5个百分点。", [(1, 5, "个百分点", 2022, None, 100, True)]),
    ("今年收到的政府信息公开申请比去年多了115件。", [(1, 115, "件", 2022, "received", None, True)]),
    # a scope other than the body: at most a warning
    ("全区各级行政机关共收到政府信息公开申请151件，同比增长12.5%。", [(1, 12.5, "%", 2022, "received", 151, False)]),
    ("全区政府信息公开申请数量同比增长12.5%。", [(1, 12.5, "%", 2022, "received", None, False)]),
    # last year's figure stated too, and the same change said twice
    ("本局共受理政府信息公开申请60件，较上年的48件同比增长25%。", [(1, 25, "%", 2022, "received", 60, True)]),
    ("全年共收到申请5件，同比减少4件，增幅71.7%。",
     [(-1, 4, "件", 2022, "received", 5, True), (1, 71.7, "%", 2022, "received", 5, True)]),
    ("全年收到申请151件，同比增长12.5%；办结148件，同比增长10%。",
     [(1, 12.5, "%", 2022, "received", 151, True), (1, 10, "%", 2022, "handled", 148, True)]),
]  # fmt: skip

#: sentences with no year-over-year statement that can be tied to one figure
NOT_READ = [
    "收到申请151件、办结148件，同比分别增长12.5%和10%。",  # which change goes with which figure
    "全年收到政府信息公开申请151件，其中自然人申请120件，同比增长12.5%。",  # the part's change or the total's?
    "全年新收政府信息公开申请42件，上年结转2件，同比增长165.0%。",  # the first figure's change, or the second's?
    "行政诉讼案件同比增长一倍。",  # 倍
    "全年共收到政府信息公开申请10件，同比下降84.4个百分点。",  # 个百分点 of a count
    "全年共收到政府信息公开申请5件，环比下降44.4%。",  # not a year-over-year change
    "依申请公开的办理压力有所增加。",  # no comparison with a year
    "较上年增加20件，共收到申请151件。",  # the figure after the change, in another clause
    "2023年较2023年增长较快。",  # not an earlier year
    "全年共收到政府信息公开申请151件，比上年结转的申请多。",  # 上年结转 is no year compared with
]


def _records(found: list[CrossReportFinding]) -> list[dict]:
    """The corpus rules' findings as the batch writes them (cross-report records)."""
    assert all(isinstance(f, CrossReportFinding) for f in found)
    assert all(isinstance(c, ReportCell) and c.report in f.reports for f in found for c in f.cells)  # typed cells
    records = [f.to_dict() for f in found]
    assert [CrossReportFinding.from_dict(r) for r in records] == found  # the record round-trips
    return records


@pytest.mark.parametrize(("text", "want"), READINGS, ids=[t for t, _ in READINGS])
def test_a_statement_is_read_into_direction_magnitude_year_and_subject(text: str, want: list[tuple]) -> None:
    got = [
        (c.direction, c.magnitude, c.unit, c.ref_year, c.subject, c.value, c.certain) for c in read_sentence(text, 2023)
    ]
    assert got == want


@pytest.mark.parametrize("text", NOT_READ)
def test_what_cannot_be_tied_to_one_figure_is_not_read(text: str) -> None:
    assert read_sentence(text, 2023) == []


def test_a_sentence_of_many_comparisons_is_read_in_bounded_work() -> None:
    from govtext.yoy import MAX_CHARS, MAX_REFS

    many = "收到申请151件，同比增长12.5%；" * 60  # 1 200 characters, 60 comparisons
    assert 0 < len(read_sentence(many, 2023)) <= MAX_REFS
    assert read_sentence("同比增长" * (MAX_CHARS // 4 + 1), 2023) == []  # longer than any sentence of prose


def test_subjects_are_named_by_their_words_only() -> None:
    assert subject_of("全年共收到政府信息公开申请") == "received"
    assert subject_of("被申请行政复议") == "review"
    assert subject_of("行政复议和行政诉讼案件") is None  # two subjects
    assert subject_of("收到信访举报申请") is None  # no request for government information
    assert subject_of("自然人申请") is None  # one column, not the total
    assert subject_of("全年公示行政处罚决定") is None  # 公示: publications, not the table's decisions


# -- the rule on records made here ----------------------------------------------------------------


def _record(
    year: int,
    sentences: Sequence[str] = (),
    *,
    path: str | None = None,
    agency: str = "青禾市临溪区市场监督管理局",
    new: int | None = 48,
    carried: int | None = 0,
    handled: int | None = 46,
    review: int | None = 3,
    how: str | None = "read",
) -> dict[str, Any]:
    """A report record with table 3's and 4's totals and the given sentences in section 1."""
    t3 = {"new_received": {"total": new}, "carried_over": {"total": carried}, "total": {"total": handled},
          "carried_forward": {"total": 2}}  # fmt: skip
    t4 = {"review": {"total": review}, "litigation_direct": {"total": 0}, "litigation_after_review": {"total": 0}}
    rec: dict[str, Any] = {
        "source": {"path": path or f"r{year}.txt", "sha256": f"sha-{year}-{path}"},
        "meta": {"year": year, "agency": agency, "template": "2021"},
        "sentences": [{"text": "一、总体情况", "section": 1, "span": {"start": 0, "end": 6, "line": 2, "col": 1}}]
        + [
            {
                "text": s,
                "section": 1,
                "span": {"start": 10 * (k + 1), "end": 10 * (k + 1) + len(s), "line": k + 3, "col": 1},
            }
            for k, s in enumerate(sentences)
        ],
        "claims": [],
        "tables": {"t2": None, "t3": t3, "t4": t4},
    }
    if how is not None:
        rec["table_detail"] = {
            "t3": {"cells": [{"row": r, "col": "total", "how": how} for r in t3]},
            "t4": {"cells": [{"row": r, "col": "total", "how": how} for r in t4]},
        }
    return rec


def _gt504(prev: dict[str, Any], cur: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for r in _records(compare_pair(prev, cur)) if r["rule"] == "GT504"]


@pytest.mark.parametrize(
    ("sentence", "severity"),
    [
        ("全年共收到政府信息公开申请60件，同比增长25%。", None),  # (60 − 48) / 48
        ("全年共收到政府信息公开申请60件，同比增长25.0%。", None),
        ("全年共收到政府信息公开申请60件，较上年增加12件。", None),
        ("全年共收到政府信息公开申请60件，较上年有所增长。", None),
        ("全年共收到政府信息公开申请60件，同比增长30%。", "error"),
        ("全年共收到政府信息公开申请60件，较上年减少12件。", "error"),
        ("全年共收到政府信息公开申请60件，较上年增加10件。", "error"),
        ("全年共收到政府信息公开申请60件，与上年持平。", "error"),
        ("全年共收到政府信息公开申请60件，较上年有所下降。", "error"),
        ("全年共收到政府信息公开申请60件，同比增长约26%。", None),  # about: within a tenth
        ("全年共收到政府信息公开申请60件，同比增长约50%。", "warning"),  # a qualifier is never an error
        ("全年共收到政府信息公开申请60件，与上年基本持平。", "warning"),
        ("全年共收到政府信息公开申请60件，较上年的50件同比增长20%。", "warning"),  # last year restated
        ("全年共收到政府信息公开申请61件，同比增长30%。", None),  # not the table's 60: GT404's to say
    ],
)
def test_a_change_is_set_against_last_years_table(sentence: str, severity: str | None) -> None:
    prev, cur = _record(2022, new=48), _record(2023, [sentence], new=60)
    found = _gt504(prev, cur)
    assert [r["severity"] for r in found] == ([severity] if severity else [])


def test_a_finding_names_both_reports_and_both_figures() -> None:
    prev = _record(2022, new=48, path="linxi_2022.txt")
    cur = _record(2023, ["全年共收到政府信息公开申请60件，同比增长30%。"], new=60, path="linxi_2023.txt")
    (rec,) = _gt504(prev, cur)
    assert rec["reports"] == ["linxi_2022.txt", "linxi_2023.txt"] and rec["years"] == [2022, 2023]
    for text in (rec["message"], rec["message_zh"]):
        assert "linxi_2022.txt" in text and "linxi_2023.txt" in text and "48" in text and "60" in text
    assert "+25.0 %" in rec["message"] and "实际增长25.0%" in rec["message_zh"]
    assert rec["observed"] == 30 and rec["expected"] == 25.0
    assert rec["values"] == {"this": 60, "last": 48}
    assert rec["span"]["line"] == 3  # the sentence in this year's report
    assert {"report": "linxi_2022.txt", "table": "t3", "row": "new_received", "col": "total"} in rec["cells"]


def test_any_reading_of_the_words_that_agrees_is_no_finding() -> None:
    # 收到75件 may count last year's carried-over application: 75 = 74 + 1 against 70 + 0
    prev = _record(2022, new=70, carried=0)
    cur = _record(2023, ["全年共收到政府信息公开申请75件，同比增长7.1%。"], new=74, carried=1)
    assert _gt504(prev, cur) == []
    cur = _record(2023, ["全年共收到政府信息公开申请75件，同比增长9%。"], new=74, carried=1)
    assert [r["severity"] for r in _gt504(prev, cur)] == ["error"]


def test_printed_digits_rounded_or_cut_off_agree() -> None:
    prev = _record(2022, new=218)
    for stated, ok in (("29.4", True), ("29.3", True), ("29.2", False), ("29", True), ("30", False)):
        cur = _record(2023, [f"全年共收到政府信息公开申请154件，同比下降{stated}%。"], new=154)  # −29.36 %
        assert (_gt504(prev, cur) == []) is ok, stated


def test_uncertain_cells_or_records_without_them_give_warnings_only() -> None:
    sentence = "全年共收到政府信息公开申请60件，同比增长30%。"
    for prev, cur in (
        (_record(2022, new=48, how="guessed"), _record(2023, [sentence], new=60)),
        (_record(2022, new=48), _record(2023, [sentence], new=60, how="inferred")),
        (_record(2022, new=48, how=None), _record(2023, [sentence], new=60, how=None)),  # a batch record
    ):
        assert [r["severity"] for r in _gt504(prev, cur)] == ["warning"]


def test_a_figure_of_the_prose_is_compared_with_last_years_prose_as_a_warning() -> None:
    prev = _record(2022, ["全年在政府网站发布工作动态300条。"])
    prev["claims"] = [{"text": "300条", "value": 300, "unit": "条", "kind": "count", "subject": "政府网站发布工作动态",
                       "sentence": 1, "confidence": 1.0}]  # fmt: skip
    cur = _record(2023, ["全年在政府网站发布工作动态330条，较上年增长20%。"])
    assert [r["severity"] for r in _gt504(prev, cur)] == ["warning"]
    cur = _record(2023, ["全年在政府网站发布工作动态330条，较上年增长10%。"])
    assert _gt504(prev, cur) == []


def test_nothing_is_compared_with_a_missing_year_and_the_gap_is_shown() -> None:
    prev = _record(2021, new=48)
    cur = _record(2023, ["全年共收到政府信息公开申请60件，同比增长30%。", "受理申请60件，比2021年增长25%。"], new=60)
    records = _records(compare_pair(prev, cur))
    assert [r["rule"] for r in records if r["rule"] == "GT504"] == []  # 上年 is 2022; 比2021年 agrees
    (gap,) = [r for r in records if r["rule"] == "GT505"]
    assert gap["missing"] == [2022] and gap["severity"] == "info" and "2022" in gap["message"]
    assert not [r for r in records if r["rule"] == "GT501"]  # 2021 is never paired with 2023
    cur = _record(2023, ["受理申请60件，比2021年增长30%。"], new=60)
    assert [r["severity"] for r in _records(compare_pair(prev, cur)) if r["rule"] == "GT504"] == ["error"]


def test_a_percentage_of_nothing_is_not_measured() -> None:
    prev, cur = _record(2022, review=0), _record(2023, ["被申请行政复议3件，同比增长100%。"], review=3)
    assert _gt504(prev, cur) == []
    cur = _record(2023, ["被申请行政复议3件，同比增加2件。"], review=3)
    assert [r["severity"] for r in _gt504(prev, cur)] == ["error"]


def test_two_reports_of_another_body_give_warnings_only() -> None:
    prev = _record(2022, new=48, agency="青禾市临溪区民政局")
    cur = _record(2023, ["全年共收到政府信息公开申请60件，同比增长30%。"], new=60)
    assert [r["severity"] for r in _gt504(prev, cur)] == ["warning"]


def test_the_rule_runs_over_a_bodys_reports_in_batch() -> None:
    reports = [
        fingerprint(_record(2021, new=40)),
        fingerprint(_record(2022, ["受理申请48件，同比增长20%。"], new=48)),
        fingerprint(_record(2023, ["受理申请60件，同比增长30%。"], new=60)),
    ]
    found = list(ChangeVsLastYear().check_corpus("b", reports))
    assert [(r.years, r.year, r.severity) for r in found] == [((2022, 2023), 2023, "error")]


# -- bodies renamed in a reorganisation ---------------------------------------------------------


def _fp(agency: str, year: int, **kw: Any) -> dict[str, Any]:
    return fingerprint(_record(year, agency=agency, path=f"{agency}_{year}.txt", **kw))


def test_a_renamed_body_is_linked_to_its_predecessor_with_the_link_shown() -> None:
    fps = [
        _fp("青禾县国土资源局", 2017, handled=5),
        _fp("青禾县国土资源局", 2018, handled=5),
        _fp("青禾县自然资源局", 2019, handled=5),  # carries over 0, but 2018 carried 2 forward: GT501 across the link
    ]
    records = _records(cross_year_findings(fps))
    (renamed,) = [r for r in records if r["rule"] == "GT506"]
    assert renamed["linked"] == {"from": "青禾县国土资源局", "to": "青禾县自然资源局",
                                 "reason": "2018–2019 机构改革：国土资源 → 自然资源"}  # fmt: skip
    assert renamed["reports"] == ["青禾县国土资源局_2018.txt", "青禾县自然资源局_2019.txt"]
    across = [r for r in records if r["rule"] == "GT501" and r["years"] == [2018, 2019]]
    assert across and across[0]["linked"]["from"] == "青禾县国土资源局" and across[0]["body"] == "青禾县自然资源局"
    within = [r for r in records if r["rule"] == "GT501" and r["years"] == [2017, 2018]]
    assert within and "linked" not in within[0]


@pytest.mark.parametrize(
    ("old", "new", "years"),
    [
        ("青禾县国土资源局", "石坪县自然资源局", (2018, 2019)),  # another region
        ("青禾县国土资源局", "青禾县住房和城乡建设局", (2018, 2019)),  # another function
        ("青禾县国土资源局", "青禾县自然资源局", (2019, 2019)),  # both names in one year
        ("青禾县国土资源局", "青禾县自然资源局", (2021, 2022)),  # long after the reorganisation
        ("国土资源局", "自然资源局", (2018, 2019)),  # no region to match
    ],
)
def test_no_link_where_region_function_or_years_do_not_fit(old: str, new: str, years: tuple[int, int]) -> None:
    records = _records(cross_year_findings([_fp(old, years[0]), _fp(new, years[1])]))
    assert not any(r["rule"] == "GT506" or "linked" in r for r in records)


def test_a_merger_of_two_predecessors_links_neither() -> None:
    fps = [_fp("青禾县工商行政管理局", 2018), _fp("青禾县质量技术监督局", 2018), _fp("青禾县市场监督管理局", 2019)]
    assert not any(r["rule"] == "GT506" or "linked" in r for r in _records(cross_year_findings(fps)))
    fps = [_fp("青禾县卫生和计划生育局", 2018), _fp("青禾县卫生健康局", 2019)]
    assert [r["rule"] for r in _records(cross_year_findings(fps)) if r["rule"] == "GT506"] == ["GT506"]


def test_a_change_across_a_renaming_is_a_warning() -> None:
    prev = _record(2018, new=48, agency="青禾县环境保护局")
    cur = _record(2019, ["全年共收到政府信息公开申请60件，同比增长30%。"], new=60, agency="青禾县生态环境局")
    (rec,) = _gt504(prev, cur)
    assert rec["severity"] == "warning" and rec["linked"]["to"] == "青禾县生态环境局"


# -- govtext lint --previous -------------------------------------------------------------------------

_HANDLED = "全年办结政府信息公开申请62件，同比增长10%。"  # last year handled 62 too: +0 %


@pytest.fixture
def two_years(tmp_path: Path) -> tuple[Path, Path]:
    text = (EXAMPLES / "example_2023.txt").read_text(encoding="utf-8")
    cur = tmp_path / "linxi_2023.txt"
    cur.write_text(text.replace("（二）依申请公开\n", f"（二）依申请公开\n{_HANDLED}\n"), encoding="utf-8")
    prev = tmp_path / "linxi_2022.txt"
    prev.write_text(text.replace("2023", "2022"), encoding="utf-8")
    return prev, cur


def test_lint_previous_points_at_this_years_sentence(two_years: tuple[Path, Path]) -> None:
    prev, cur = two_years
    findings = [f for f in govtext.lint(cur, previous=prev) if f.rule == "GT504"]
    by_severity = {f.severity: f for f in findings}
    assert set(by_severity) == {"error", "warning"}  # 办结 +10 % (0 %); 较上年的48件: last year restated (60)
    err = by_severity["error"]
    line = cur.read_text(encoding="utf-8").splitlines()[err.span.line - 1]
    assert line.startswith("全年办结政府信息公开申请62件") and line[err.span.col - 1 :].startswith("10%")
    assert (
        str(prev) in err.message
        and "62" in err.message
        and err.cell is not None
        and (err.cell.table, err.cell.row, err.cell.col) == ("t3", "total", "total")
    )
    assert "GT504" not in {f.rule for f in govtext.lint(cur)}  # nothing to compare with


def test_cli_lint_previous_exit_codes_and_formats(two_years: tuple[Path, Path], capsys: pytest.CaptureFixture) -> None:
    prev, cur = two_years
    assert main(["lint", str(cur), "--previous", str(prev), "--no-source"]) == 1
    out = capsys.readouterr().out
    assert f"{cur}:" in out and "GT504 error" in out and "GT504 warning" in out
    assert main(["lint", str(cur), "--previous", str(prev), "--format", "json", "--severity", "GT504=warning"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {f["severity"] for f in data[0]["findings"] if f["rule"] == "GT504"} == {"warning"}
    assert main(["lint", str(cur), "--previous", str(prev), "--ignore", "GT5", "--format", "json"]) == 0
    assert not [f for f in json.loads(capsys.readouterr().out)[0]["findings"] if f["rule"].startswith("GT5")]
    assert main(["lint", str(cur), "--previous", str(prev.with_name("absent.txt"))]) == 2


def test_lint_previous_of_a_year_not_the_one_before_shows_the_gap(tmp_path: Path, two_years: tuple[Path, Path]) -> None:
    _, cur = two_years
    older = tmp_path / "linxi_2021.txt"
    older.write_text((EXAMPLES / "example_2023.txt").read_text(encoding="utf-8").replace("2023", "2021"), "utf-8")
    findings = govtext.lint(cur, previous=older)
    assert not [f for f in findings if f.rule in ("GT501", "GT502", "GT504")]
    (gap,) = [f for f in findings if f.rule == "GT505"]
    assert gap.severity == "info" and "2022" in gap.message


def test_batch_writes_gt504_records(tmp_path: Path, two_years: tuple[Path, Path]) -> None:
    from govtext.batch import run

    out = tmp_path / "out.jsonl"
    with out.open("w", encoding="utf-8") as fh:
        run([str(p) for p in two_years], fh, jobs=0, detail=True)
    cross = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    gt504 = [r for r in cross if r.get("rule") == "GT504"]
    assert sorted(r["severity"] for r in gt504) == ["error", "warning"]
    assert all(r["reports"] == [str(p) for p in two_years] for r in gt504)


def test_a_plain_batch_run_accuses_on_certain_cells(two_years: tuple[Path, Path], tmp_path: Path) -> None:
    # the records keep the cells' reading whenever the cross-year checks run, so GT504 may be an error
    # in a batch without --tables, as in govtext lint --previous
    prev, cur = two_years
    out = tmp_path / "out.jsonl"
    assert main(["batch", str(prev), str(cur), "-o", str(out), "-j", "0", "--no-progress"]) == 0
    cross = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    gt504 = [r for r in cross if r.get("kind") == "cross_report" and r["rule"] == "GT504"]
    assert {r["severity"] for r in gt504} == {"error", "warning"}
