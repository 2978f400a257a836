"""Year-over-year statements (govtext.yoy): what a sentence says changed, by how much, since when, about what."""

from __future__ import annotations

from typing import Any

import pytest

from govtext.yoy import read_sentence, subject_of

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


@pytest.mark.parametrize(("text", "want"), READINGS, ids=[t for t, _ in READINGS])
def test_a_statement_is_read_into_direction_magnitude_year_and_subject(text: str, want: list[tuple]) -> None:
    got = [
        (c.direction, c.magnitude, c.unit, c.ref_year, c.subject, c.value, c.certain) for c in read_sentence(text, 2023)
    ]
    assert got == want


@pytest.mark.parametrize("text", NOT_READ)
def test_what_cannot_be_tied_to_one_figure_is_not_read(text: str) -> None:
    assert read_sentence(text, 2023) == []


def test_subjects_are_named_by_their_words_only() -> None:
    assert subject_of("全年共收到政府信息公开申请") == "received"
    assert subject_of("被申请行政复议") == "review"
    assert subject_of("行政复议和行政诉讼案件") is None  # two subjects
    assert subject_of("收到信访举报申请") is None  # no request for government information
    assert subject_of("自然人申请") is None  # one column, not the total
    assert subject_of("全年公示行政处罚决定") is None  # 公示: publications, not the table's decisions
