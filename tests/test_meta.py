"""Title, agency and year across the title forms real and generated reports use."""

from __future__ import annotations

import pytest

import govtext


@pytest.mark.parametrize(
    ("text", "title", "year", "agency"),
    [
        (
            "某市民政局2023年度政府信息公开工作年度报告\n一、总体情况",
            "某市民政局2023年度政府信息公开工作年度报告",
            2023,
            "某市民政局",
        ),
        (
            "某县人民政府\n2024年政府信息公开工作年度报告\n本报告…",
            "某县人民政府2024年政府信息公开工作年度报告",
            2024,
            "某县人民政府",
        ),
        (
            "某区商务局关于2022年度政府信息公开工作的报告\n正文。",
            "某区商务局关于2022年度政府信息公开工作的报告",
            2022,
            "某区商务局",
        ),
        (
            "2019年某市人民政府办公厅政府信息公开工作年度报告\n正文。",
            "2019年某市人民政府办公厅政府信息公开工作年度报告",
            2019,
            "某市人民政府办公厅",
        ),
        (
            "某镇人民政府二〇二一年政府信息公开工作年度报告\n正文。",
            "某镇人民政府二〇二一年政府信息公开工作年度报告",
            2021,
            "某镇人民政府",
        ),
        (
            "标题: 某局2021年度政府信息公开工作年度报告\n发布时间: 2022-01-30\n=== 正文 ===\n正文。",
            "某局2021年度政府信息公开工作年度报告",
            2021,
            "某局",
        ),
        ("信息名称：某局2020年政府信息公开年报\n【正文】\n正文。", "某局2020年政府信息公开年报", 2020, "某局"),
        (
            "標題: 某局2021年度政府資訊公開工作年度報告\n發佈時間: 2022-01-30\n=== 正文 ===\n正文。",
            "某局2021年度政府资讯公开工作年度报告",
            2021,
            "某局",
        ),
        (
            "您所在的位置：首页 » 信息公开年报 » 年度报告某局2012年度政府信息公开工作报告本报告的电子文本…",
            "某局2012年度政府信息公开工作报告",
            2012,
            "某局",
        ),
    ],
)
def test_title_year_agency(text: str, title: str, year: int, agency: str) -> None:
    meta = govtext.analyze_text(text, stages=()).meta
    assert (meta.title, meta.year, meta.agency) == (title, year, agency)


def test_year_from_statistics_period_when_the_title_has_none() -> None:
    meta = govtext.analyze_text(
        "某局政府信息公开工作年度报告\n本报告所列数据的统计期限自2023年1月1日起至12月31日止。", stages=()
    ).meta
    assert meta.year == 2023 and meta.template == "2021"


def test_year_of_generated_reports() -> None:
    from govtext_synth.generate import generate

    reports = generate(7, 120)
    found = sum(govtext.analyze_text(r.text, stages=()).meta.year == r.style["year"] for r in reports)
    assert found >= 118, f"year right in {found}/120 generated reports"


@pytest.mark.parametrize(
    ("top", "title", "agency", "year"),
    [
        (
            "宿州市人民政府2016年\n政府信息公开工作年度报告",
            "宿州市人民政府2016年政府信息公开工作年度报告",
            "宿州市人民政府",
            2016,
        ),
        (
            "某县教育局二〇二三年度\n政府信息公开工作年度报告",
            "某县教育局二〇二三年度政府信息公开工作年度报告",
            "某县教育局",
            2023,
        ),
        ("某县教育局\n2023年政府信息公开工作年度报告", "某县教育局2023年政府信息公开工作年度报告", "某县教育局", 2023),
    ],
)
def test_a_title_set_over_two_lines_is_read_whole(top: str, title: str, agency: str, year: int) -> None:
    """A cover breaks the title after the body's name or after the year; both halves make the title."""
    doc = govtext.analyze_text(f"{top}\n一、总体情况\n本年度，本机关稳步推进政府信息公开工作。\n")
    assert (doc.meta.title, doc.meta.agency, doc.meta.year) == (title, agency, year)


def test_a_preamble_naming_the_report_beside_a_cited_notice_gives_the_reports_title() -> None:
    """No title line: the preamble cites a notice 《…关于做好2023年…年度报告编制发布工作的通知》 and then says
    现公布…年度报告; the title is the report's, not the notice's, and 现公布 is no part of the body's name."""
    text = (
        "根据《中华人民共和国政府信息公开条例》及《某省人民政府办公厅关于做好2023年政府信息公开工作年度报告编制发布"
        "工作的通知》要求，现公布某市人民政府2023年政府信息公开工作年度报告。统计期限为2023年1月1日至2023年12月31日。\n"
        "一、总体情况\n2023年，某市稳步推进政务公开工作。\n"
    )
    meta = govtext.analyze_text(text, stages=()).meta
    assert (meta.title, meta.agency, meta.year) == ("某市人民政府2023年政府信息公开工作年度报告", "某市人民政府", 2023)
