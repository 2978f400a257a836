"""Normalisation steps, one job each, and the offset map they keep."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govtext.normalize import (
    DEFAULT_STEPS,
    OffsetText,
    _display_width,
    collapse_whitespace,
    fold_width,
    join_wrapped_lines,
    make_pipeline,
    normalize,
    normalize_text,
    parse_crawler_header,
    remove_cjk_spaces,
    remove_furniture,
    remove_invisible,
    remove_pinyin,
    strip_crawler_header,
    strip_markup,
    to_simplified,
    unify_newlines,
    unify_punctuation,
)


def run(step, text: str) -> str:
    return step(OffsetText.from_text(text)).text


# -- the edit primitive ------------------------------------------------------------


def test_edit_maps_equal_length_replacements_char_by_char() -> None:
    ot = OffsetText.from_text("ab12cd").edit([(2, 4, "34")])
    assert ot.text == "ab34cd"
    assert ot.source_span(2, 3) == (2, 3)


def test_edit_maps_longer_or_shorter_replacements_to_the_whole_range() -> None:
    ot = OffsetText.from_text("a(xiàn)b").edit([(1, 7, "")])
    assert ot.text == "ab"
    assert ot.source_span(1, 2) == (7, 8)
    ot2 = OffsetText.from_text("a&nbsp;b").edit([(1, 7, " ")])
    assert ot2.source_span(1, 2) == (1, 7)


def test_edit_rejects_overlapping_edits() -> None:
    with pytest.raises(ValueError, match="overlap"):
        OffsetText.from_text("abcdef").edit([(0, 3, "x"), (2, 4, "y")])


def test_composition_keeps_offsets() -> None:
    src = "字體:[大] [中] [小]\n2024 年，共１５１條"
    ot = normalize(src)
    assert ot.text == "2024年，共151条"
    s, e = ot.source_span(ot.text.index("151"), ot.text.index("151") + 3)
    assert src[s:e] == "１５１"
    s, e = ot.source_span(ot.text.index("条"), ot.text.index("条") + 1)
    assert src[s:e] == "條"


def test_make_pipeline_composes_left_to_right() -> None:
    pipe = make_pipeline(fold_width, remove_cjk_spaces)
    assert pipe(OffsetText.from_text("共 １５１ 条")).text == "共151条"


# -- steps -------------------------------------------------------------------------


def test_unify_newlines() -> None:
    assert run(unify_newlines, "a\r\nb\rc\u2028d") == "a\nb\nc\nd"


def test_remove_invisible() -> None:
    assert run(remove_invisible, "政\u200b务\ufeff公\u00ad开") == "政务公开"


@pytest.mark.parametrize(
    ("src", "out"),
    [
        ("現(xiàn)在的位置", "現在的位置"),
        ("機(jī)關(guān)", "機關"),
        ("實(shí)際（shí）", "實際"),
        ("（一）主動公開", "（一）主動公開"),
        ("統計期限(2023)", "統計期限(2023)"),
        ("下載(PDF)文件", "下載(PDF)文件"),
        ("網站(www.gov.cn)", "網站(www.gov.cn)"),
    ],
)
def test_remove_pinyin(src: str, out: str) -> None:
    assert run(remove_pinyin, src) == out


def test_toneless_pinyin_removed_only_with_toned_evidence() -> None:
    assert run(remove_pinyin, "的(de)確") == "的(de)確"  # alone: could be a real parenthesis
    many = "現(xiàn)在機(jī)關(guān)的(de)確"
    assert run(remove_pinyin, many) == "現在機關的確"


def test_toneless_and_repeated_pinyin_of_an_annotated_page_is_removed() -> None:
    """Some mirror sites annotate without tone marks and repeat the annotation: 政(zheng)(zheng)府(fu)(fu)."""
    page = "修訂后的《中華人民共和(he)(he)國(guo)政(zheng)(zheng)府(fu)(fu)信息公(gong)(gong)開(kai)(kai)條例》(以下簡(jian)稱(cheng)新(xin)條例)已(yi)于施行。"
    assert run(remove_pinyin, page) == "修訂后的《中華人民共和國政府信息公開條例》(以下簡稱新條例)已于施行。"
    # a few toneless ones in plain text stay: they may be real parentheses
    assert run(remove_pinyin, "申请(qing)3件(jian)，办(ban)结") == "申请(qing)3件(jian)，办(ban)结"


def test_fold_compat_kangxi_radicals() -> None:
    from govtext.normalize import fold_compat

    assert run(fold_compat, "⼀、总体情况，⽉底⾏政") == "一、总体情况，月底行政"


def test_to_simplified() -> None:
    assert run(to_simplified, "政務公開工作年度報告") == "政务公开工作年度报告"
    assert run(to_simplified, "已经是简体") == "已经是简体"


def test_fold_width_digits_letters_percent_but_not_chinese_punctuation() -> None:
    assert run(fold_width, "办结率１００％，ＰＤＦ（一）") == "办结率100%，PDF（一）"


@pytest.mark.parametrize(
    ("src", "out"),
    [
        ("申请,3119件;办结,率100%", "申请，3119件；办结，率100%"),
        ("共3,119件", "共3,119件"),
        ("时间 16:34", "时间 16:34"),
        ("联系方式:0591", "联系方式：0591"),
        ("(一)主动公开", "（一）主动公开"),
        ("f(x) = y", "f(x) = y"),
    ],
)
def test_unify_punctuation(src: str, out: str) -> None:
    assert run(unify_punctuation, src) == out


def test_strip_markup_leftovers() -> None:
    assert run(strip_markup, "一是<!--[if !supportLists]-->加强<!--[endif]-->管理&nbsp;") == "一是加强管理 "
    assert run(strip_markup, "数量<5，《条例》") == "数量<5，《条例》"


def test_crawler_header_parsed_and_stripped() -> None:
    text = "标题: 某区2021年报告\n发布时间: 2022-02-08\n栏目: 年报\n==================== 正文 ====================\n正文第一句。"
    assert parse_crawler_header(text)["标题"] == "某区2021年报告"
    assert run(strip_crawler_header, text) == "正文第一句。"
    assert run(strip_crawler_header, "标题很好。\n正文。") == "标题很好。\n正文。"


@pytest.mark.parametrize(
    ("src", "out"),
    [
        ("您现在的位置：首页 > 政务公开 > 部门动态\n报告正文。", "报告正文。"),
        ("字体：[大] [中] [小]\n正文。", "\n正文。"),
        ("【页面调色：】\n正文。", "\n正文。"),
        ("正文。\n打印本页 关闭窗口\n", "正文。\n\n"),
        ("我要纠错 栏目共收到留言5条。", "我要纠错 栏目共收到留言5条。"),
        ("统计表中“当前位置：”一栏填写所在位置。", "统计表中“当前位置：”一栏填写所在位置。"),
        ("正文。\n- 3 -\n续文。", "正文。\n\n续文。"),
        ("正文。\n第 3 页 共 6 页\n续文。", "正文。\n\n续文。"),
        ("正文。\n相关附件：\n", "正文。\n"),
        ("正文。\n版权所有：某市人民政府办公室 闽ICP备12345678号\n", "正文。\n\n"),
        ("正文。\n主办单位：某市人民政府 技术支持：某公司\n", "正文。\n\n"),
        ("如有疑问请联系我们，电话：0591-1234567。", "如有疑问请联系我们，电话：0591-1234567。"),
    ],
)
def test_remove_furniture(src: str, out: str) -> None:
    assert run(remove_furniture, src) == out


def test_breadcrumb_in_a_run_together_page_stops_at_the_widgets() -> None:
    src = (
        "当前位置： 首页政务公开 某区2021年度报告 来源：某区 时间：2022-02-08 16:34 微信 微博 QQ空间 全真版 文字版 文件下载 相关链接： --> 根据《条例》编制。"
        + "正文" * 200
    )
    out = run(remove_furniture, src)
    # the report title in the trail stays, on its own line; crumbs, source, time and widgets go
    assert out.startswith("某区2021年度报告\n根据《条例》编制。")


def test_page_number_at_a_page_break() -> None:
    assert run(remove_furniture, "正文。\f- 2 -\n续文。") == "正文。\f\n续文。"


def _pdf_page(lines: list[str]) -> str:
    return "\n".join(lines)


def test_join_wrapped_lines_in_a_hard_wrapped_page() -> None:
    page = _pdf_page(
        [
            "一、总体情况",
            "2023 年，本局坚持以人民为中心的发展思想，全面贯彻落实政府",
            "信息公开条例的各项规定，不断完善政府信息公开制度，建立健全",
            "保障机制。",
            "（一）主动公开情况。本局全年通过政府网站主动公开政府信息",
            "1136 条，均在法定期限内完成审核发布，没有发生泄密事件，全",
            "年组织开展业务培训三次，参加培训人员共计一百二十余人次，",
            "有效提升了工作人员的业务能力。",
            "规章 0 0 0",
            "行政规范性文件 0 5 5",
        ]
    )
    out = run(join_wrapped_lines, page).split("\n")
    assert out[0] == "一、总体情况"
    assert out[1].endswith("政府信息公开条例的各项规定，不断完善政府信息公开制度，建立健全保障机制。")
    assert out[2].startswith("（一）主动公开情况") and out[2].endswith("有效提升了工作人员的业务能力。")
    assert "1136 条，均在法定期限内完成审核发布，没有发生泄密事件，全年组织" in out[2]
    assert out[3:] == ["规章 0 0 0", "行政规范性文件 0 5 5"]


def test_join_wrapped_lines_across_a_page_break() -> None:
    body = "本局坚持以人民为中心的发展思想，全面贯彻落实政府信息公开条例的"
    text = f"{body}\n{body}\n{body}\n{body}\n{body}\f\n{body}。"
    out = run(join_wrapped_lines, text)
    assert "\f" not in out and out.count("\n") == 0


def test_short_report_with_lines_of_similar_width_is_not_joined() -> None:
    lines = [
        "某局2023年政府信息公开工作年度报告",
        "本报告根据《中华人民共和国政府信息公开条例》编制。",
        "三、收到和处理政府信息公开申请情况",
        "一、本年新收政府信息公开申请数量 5 0 0 0 0 0 5",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "政策解读形式还不够丰富。",
    ]
    text = "\n".join(lines)
    assert run(join_wrapped_lines, text) == text


def test_a_long_title_at_the_margin_and_a_broken_url() -> None:
    body = "本局坚持以人民为中心的发展思想，全面贯彻落实政府信息公开条例的"
    title = "某市某区人民政府2022年度政府信息公开工作年度报告"
    url_line = body[:-4] + "网址：ht"  # as wide as the others: the URL breaks at the margin
    text = "\n".join([title, body, body, body, body, body, url_line, "tps://www.example.gov.cn/a/b。"])
    out = run(join_wrapped_lines, text).split("\n")
    assert out[0] == title
    assert out[1].endswith("网址：https://www.example.gov.cn/a/b。")


def test_paragraph_per_line_text_is_not_joined() -> None:
    lines = ["一、总体情况", "甲" * 30 + "。", "乙" * 80, "丙" * 45, "二、主动公开政府信息情况"]
    text = "\n".join(lines)
    assert run(join_wrapped_lines, text) == text


@pytest.mark.parametrize(
    ("src", "out"),
    [
        ("2024 年 1 月", "2024年1月"),
        ("一、 总体情况", "一、总体情况"),
        ("申请 3119 件", "申请3119件"),
        ("申请数量 3001 53 0 0 61 4 3119", "申请数量 3001 53 0 0 61 4 3119"),
        ("0 0 61 4 3119 二、上年结转", "0 0 61 4 3119 二、上年结转"),
        ("LED 屏", "LED 屏"),
        ("信息内容 本年制发件数 本年废止件数", "信息内容 本年制发件数 本年废止件数"),
        ("号 ， 邮 编 ： 223100", "号，邮编：223100"),
        ("健康发展 。", "健康发展。"),
    ],
)
def test_remove_cjk_spaces(src: str, out: str) -> None:
    assert run(remove_cjk_spaces, src) == out


def test_collapse_whitespace() -> None:
    assert run(collapse_whitespace, "\n\n  a   b  \n\n\f\n c\n\n") == "a b\nc"


def test_seed_like_snippet_end_to_end() -> None:
    src = (
        "您現(xiàn)在的位置: 首頁 > 政務(wù)公開\n"
        "江門市某區(qū)民政局2023年度政府信息公開工作年度報(bào)告\n"
        "字體:[大] [中] [小]\n"
        "【頁面調(diào)色: 】\n"
        "一、總體情況\n"
        "2023年,我局公開政府信息共151條。\n"
        "相關(guān)附件:\n"
    )
    assert (
        normalize_text(src)
        == "江门市某区民政局2023年度政府信息公开工作年度报告\n一、总体情况\n2023年，我局公开政府信息共151条。"
    )


# -- properties of the map -----------------------------------------------------------

_pieces = st.sampled_from(
    ["政府", "信息", "公開", "現(xiàn)在", "機(jī)關(guān)", "２０２３", " 年 ", "，", ",", "。", "\n", "\r\n",
     "（一）", "(2023)", "- 3 -\n", "  ", "\u200b", "151", "條", "ＰＤＦ", "\f", "字體:[大] [中] [小]\n"]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(_pieces, max_size=40))
def test_offset_map_is_monotonic_and_in_bounds(pieces: list[str]) -> None:
    src = "".join(pieces)
    ot = normalize(src)
    assert len(ot.starts) == len(ot.text) == len(ot.ends)
    if len(ot.text):
        assert (ot.starts >= 0).all() and (ot.ends <= len(src)).all()
        assert (ot.starts < ot.ends).all()
        assert (np.diff(ot.starts) >= 0).all()


@settings(max_examples=200, deadline=None)
@given(st.lists(_pieces, max_size=40))
def test_every_chinese_character_maps_to_its_source_character(pieces: list[str]) -> None:
    from govtext.normalize import _opencc

    src = "".join(pieces)
    ot = normalize(src)
    cc = _opencc()
    for i, ch in enumerate(ot.text):
        if "\u4e00" <= ch <= "\u9fff":
            s, e = ot.source_span(i, i + 1)
            assert e - s == 1
            assert cc.convert(src[s]) == ch


def test_normalize_is_idempotent_on_the_corpus_style_text() -> None:
    src = "一、总体情况\n2023年，我局公开政府信息共151条，其中部门文件3条。"
    once = normalize_text(src)
    assert normalize_text(once) == once == src


def test_default_steps_are_all_documented() -> None:
    import govtext.normalize as mod

    for step in DEFAULT_STEPS:
        assert step.__doc__, step.__name__
        assert f":func:`{step.__name__}`" in mod.__doc__


def test_the_margin_is_the_widest_pile_not_the_commonest_width() -> None:
    # an A4-landscape export: a few long prose lines, ragged by half-width digits, and many more short
    # table rows; the prose still wraps at its margin (行政诉讼 11 / 件 is one sentence)
    paragraph = (
        "（二）依申请公开情况。全年共收到政府信息公开申请 435 件，上年结转 20 件；已办结 431 件，结转下年度继续"
        "办理 24 件。所有申请均在法定期限内答复，答复文书经法制审核后送达。因政府信息公开被申请行政复议 1 件、提起"
        "行政诉讼 11 件。动态调整主动公开目录，对新增职能和事项及时纳入公开范围，信息发布前逐条进行保密审查和合法性"
        "审查，未发生泄密或不当公开问题。开展行政规范性文件清理，对已失效、废止的文件及时标注效力状态，建立信息公开"
        "属性源头认定机制，公文在拟稿环节即明确公开方式。"
    )
    prose, line = [], ""
    for ch in paragraph * 2:  # lines as a page fills them: up to 100 half-width units each
        if _display_width(line + ch) > 100:
            prose.append(line)
            line = ""
        line += ch
    prose.append(line)
    paragraph *= 2
    rows = [f"{n}.属于行政查询事项 0 0 0 0 0 0 0" for n in range(1, 15)]
    assert len(rows) > len(prose) >= 6
    out = run(join_wrapped_lines, "\n".join(prose + rows))
    assert out == paragraph + "\n" + "\n".join(rows)


def test_sub_keeps_re_sub_semantics_with_literal_and_group_replacements() -> None:
    """OffsetText.sub gives re.sub's text whether the replacement is literal (the fast path) or refers to groups."""
    import re

    text = "a\r\nb\rc\r\n\r\nd 12 34"
    for pattern, repl in ((r"\r\n?", "\n"), (r"(\d)(\d)", r"\2\1"), (r"\s+", " "), (r"x*", "-")):
        ot = OffsetText.from_text(text).sub(re.compile(pattern), repl)
        assert ot.text == re.sub(pattern, repl, text)
        assert len(ot.starts) == len(ot.text) == len(ot.ends)
        assert all(0 <= s <= e <= len(text) for s, e in zip(ot.starts, ot.ends, strict=True))
