"""Numeric claims: values, units, qualifiers, kinds, non-claims, total/part and rate links."""

from __future__ import annotations

import pytest

import govtext
from govtext.claims import parse_number, read_mentions
from tests.conftest import SEED, needs_corpus


def claims_of(text: str) -> list[tuple[str, float, str | None, str | None, str | None]]:
    return [(m.text, m.value, m.unit, m.qualifier, m.kind) for m in read_mentions(text) if m.claim]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("受理申请3119件", [("3119件", 3119, "件", None, "count")]),
        ("办结率为100%", [("100%", 100, "%", None, "rate")]),
        ("行政检查案件6宗，行政处罚案件0宗", [("6宗", 6, "宗", None, "count"), ("0宗", 0, "宗", None, "count")]),
        ("较上年增长12.5%", [("12.5%", 12.5, "%", None, "change")]),
        ("发布信息1.2万余条", [("1.2万余条", 12000, "条", "余", "count")]),
        ("收到申请二十三件", [("二十三件", 23, "件", None, "count")]),
        (
            "公开信息一百五十一条，召开会议两次",
            [("一百五十一条", 151, "条", None, "count"), ("两次", 2, "次", None, "count")],
        ),
        ("培训人员3千余人次", [("3千余人次", 3000, "人次", "余", "count")]),
        ("行政事业性收费96171.6万元", [("96171.6万元", 96171.6, "万元", None, "amount")]),
        ("近200件", [("200件", 200, "件", "近", "count")]),
        ("超过3,119件", [("3,119件", 3119, "件", "超过", "count")]),
        ("同比下降3个百分点", [("3个百分点", 3, "个百分点", None, "change")]),
    ],
)
def test_values_units_qualifiers(text: str, expected: list) -> None:
    assert claims_of(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2023年，本局", "year"),
        ("统计期限自2023年1月1日起", "year"),
        ("依据国办公开办函〔2021〕30号", "doc_number"),
        ("《条例》（国令第711号）", "doc_number"),
        ("第二十条第（六）项", None),  # article numbers are not even mentions
        ("电话：0591-23165370", "phone"),
        ("邮编：350400", "postcode"),
        ("地址：翔宇南道1号", "address"),
        ("大楼主楼14层", "address"),
        ("网址www.fj2023.gov.cn", "url"),
        ("电子邮箱：24336243@163.com", "url"),
        ("时间：2022-02-08 16:34", "date"),
        ("拨打12345热线", "name"),
        ("一是加强领导", None),
        ("“十四五”规划", None),
    ],
)
def test_non_claims(text: str, reason: str | None) -> None:
    mentions = read_mentions(text)
    assert not any(m.claim for m in mentions), mentions
    if reason is not None:
        assert reason in {m.reason for m in mentions}


def test_zero_statements_are_claims_of_zero() -> None:
    got = [
        (m.text, m.value) for m in read_mentions("本年度没有收到政府信息公开申请，无收取任何信息处理费。") if m.claim
    ]
    assert got == [("没有", 0), ("无", 0)]


def test_total_and_parts() -> None:
    ms = read_mentions(
        "政府信息公开行政复议351件，其中结果维持72件，结果纠正64件，其他结果178件，尚未审结37件；行政诉讼46件。"
    )
    claims = [m for m in ms if m.claim]
    assert [m.role for m in claims] == ["total", "part", "part", "part", "part", None]
    total = ms.index(claims[0])
    assert all(m.parent == total for m in claims[1:5])
    assert sum(m.value for m in claims[1:5]) == 351


def test_an_aside_is_not_a_part() -> None:
    ms = [m for m in read_mentions("答复3050件（含上年度结转申请34件，另有103件顺延到下年度答复）。") if m.claim]
    assert [m.role for m in ms] == ["total", "part", None]


def test_rate_with_numerator_and_denominator() -> None:
    ms = read_mentions("今年我局共受理审批事项117件，办结171件，办结率100%。")
    assert [(m.text, m.role) for m in ms if m.claim] == [
        ("117件", "denominator"),
        ("171件", "numerator"),
        ("100%", "rate"),
    ]


def test_table_rows_give_no_claims() -> None:
    assert claims_of("一、本年新收政府信息公开申请数量 3001 53 0 0 61 4 3119") == []
    assert claims_of("行政许可447228") == []


def test_bad_numbers_never_crash() -> None:
    for text in ("申请数量 3119 3", "共1397534件", "共99999999999999999件", "共1..2件", "共,,件", "共二十三十件"):
        read_mentions(text)
    low = [m for m in read_mentions("共99999999999999999件") if m.claim]
    assert low and low[0].confidence < 1


def test_parse_number() -> None:
    assert parse_number("3,119") == 3119
    assert parse_number("两") == 2
    assert parse_number("1.2", "万") == 12000
    assert parse_number("十一") == 11
    assert parse_number("二十三十") is None or isinstance(parse_number("二十三十"), (int, float))


def test_a_run_of_hundreds_of_digits_is_no_number() -> None:
    # float("1" * 400) is infinity, and int(infinity) raised OverflowError out of the claims stage
    assert parse_number("1" * 400) is None
    assert parse_number("9" * 320, "万") is None
    doc = govtext.analyze_text("一、总体情况\n全年收到申请" + "1" * 2000 + "件，办结3件。")
    assert any(c.value == 3 for c in doc.claims)


@needs_corpus
def test_seed_151_is_a_total_with_five_parts() -> None:
    doc = govtext.analyze(SEED)
    total = next(c for c in doc.claims if c.value == 151)
    assert total.role == "total" and total.unit == "条"
    k = doc.claims.index(total)
    parts = [c for c in doc.claims if c.parent == k]
    assert [c.value for c in parts] == [2, 3, 82, 60, 4]
    assert sum(c.value for c in parts) == 151
    assert all(c.role == "part" for c in parts)
    # the claim's span points at the traditional original
    raw = SEED.read_text(encoding="utf-8")
    assert raw[total.span.start : total.span.end] == "151條"


@needs_corpus
def test_seed_claims_in_json() -> None:
    data = govtext.analyze(SEED).to_dict()
    first = data["claims"][0]
    assert set(first) >= {"text", "value", "unit", "qualifier", "subject", "role", "parent", "span"}


@pytest.mark.parametrize(
    "sentence",
    [
        "全年通过门户网站主动公开政府信息共1041条，其中政策文件241条、工作动态281条、通知公告277条、人事信息244条。",
        "全年办结申请1235件，其中予以公开1200件、部分公开30件、不予公开5件。",
    ],
)
def test_prose_dense_with_counts_is_not_a_flattened_table(sentence: str) -> None:
    # every number carries its unit: prose, whatever its digit density or table words
    doc = govtext.analyze_text("一、总体情况\n" + sentence + "\n")
    claims = [c for c in doc.claims if c.text in sentence]
    assert claims and claims[0].role == "total" and all(c.role == "part" for c in claims[1:])
