"""The sections stage: headings in their real variety, the monotone decoder, topics, findings."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govtext
from govtext.headings import glued_headings, parse_heading
from govtext.sections import Layout, allowed_labels, classify, decode, find_headings, shipped_classifier
from tests.conftest import ROOT, SEED, needs_corpus
from tests.helpers import make_docx


@pytest.mark.parametrize(
    ("line", "section"),
    [
        ("一、总体情况", 1),
        ("一. 总体情况", 1),
        ("一，总体情况", 1),
        ("第一部分 总体情况", 1),
        ("1. 总体情况", 1),
        ("## 一、总体情况", 1),
        ("一、概述", 1),
        ("二、主动公开情况", 2),
        ("二、主动公开政府信息的情况", 2),
        ("三、政府信息依申请公开情况", 3),
        ("四、复议诉讼情况", 4),
        ("四、因政府信息公开申请行政复议、提起行政诉讼的情况", 4),
        ("四、政府信息公开行政法复议、行政诉讼情况", 4),  # a real typo
        ("五、政府信息公开工作存在的主要问题及改进情况", 5),
        ("五、存在的主要问题和改进措施", 5),
        ("六、其他需要报告的事项", 6),
        ("六、政府信息公开的收费及减免情况", 6),
    ],
)
def test_parse_heading_variants(line: str, section: int) -> None:
    h = parse_heading(line)
    assert h.section == section
    assert h.level == 1


@pytest.mark.parametrize(
    "line",
    [
        "三、本年度办理结果",
        "一、本年新收政府信息公开申请数量",
        "四、结转下年度继续办理",
        "二、上年结转政府信息公开申请数量",
    ],
)
def test_table_rows_are_not_headings(line: str) -> None:
    assert parse_heading(line).section is None


def test_sub_headings_are_level_two() -> None:
    for line in ("（一）主动公开", "(二)依申请公开情况", "（一）主要问题"):
        assert parse_heading(line).level == 2


def test_glued_headings_found_but_not_list_items() -> None:
    text = "…收费金额24252.3三、收到和处理政府信息公开申请情况（本列数据…"
    assert [text[a:b] for a, b in glued_headings(text)] == ["三、收到和处理政府信息公开申请情况"]
    listing = "本报告分为：一、总体情况；二、主动公开政府信息情况；三、…"
    assert glued_headings(listing) == []


def _sections(text: str) -> list[int]:
    return [s.section for s in govtext.analyze_text(text).sentences]


REPORT = [
    "某局2023年政府信息公开工作年度报告",
    "本报告根据《中华人民共和国政府信息公开条例》编制。",
    "{1}",
    "2023年，本局主动公开政府信息125条。",
    "{2}",
    "规章 0 0 3",
    "{3}",
    "一、本年新收政府信息公开申请数量 5 0 0 0 0 0 5",
    "三、本年度办理结果",
    "四、结转下年度继续办理 0 0 0 0 0 0 0",
    "{4}",
    "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0",
    "{5}",
    "政策解读形式还不够丰富。",
    "{6}",
    "本年度未收取信息处理费。",
]
EXPECTED = [0, 0, 1, 1, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6]


@pytest.mark.parametrize(
    "style",
    [
        ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
         "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"],
        ["一.总体情况", "二.主动公开情况", "三.依申请公开情况", "四.复议诉讼情况", "五.存在问题及改进", "六.其他事项"],
        ["第一部分 总体情况", "第二部分 主动公开政府信息情况", "第三部分 收到和处理政府信息公开申请情况",
         "第四部分 政府信息公开行政复议、行政诉讼情况", "第五部分 存在的主要问题及改进情况", "第六部分 其他需要报告的事项"],
        ["1. 总体情况", "2. 主动公开政府信息情况", "3. 收到和处理政府信息公开申请情况",
         "4. 政府信息公开行政复议、行政诉讼情况", "5. 存在的主要问题及改进情况", "6. 其他需要报告的事项"],
        ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
         "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项"],
    ],
    ids=["cn", "dot-nearmiss", "part", "arabic", "no-number"],
)  # fmt: skip
def test_heading_styles(style: list[str]) -> None:
    lines = [line.format(*[""] * 7) if "{" not in line else style[int(line[1]) - 1] for line in REPORT]
    assert _sections("\n".join(lines)) == EXPECTED


def test_markdown_headings() -> None:
    lines = [line if "{" not in line else "## " + ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
             "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"][int(line[1]) - 1]
             for line in REPORT]  # fmt: skip
    doc = govtext.analyze("\n\n".join(lines).encode(), name="r.md")
    assert [s.section for s in doc.sentences] == EXPECTED


def test_bold_docx_headings_without_numbers() -> None:
    titles = ["总体概况", "主动公开情况", "依申请公开情况", "复议诉讼情况", "存在问题及改进", "其他事项"]
    items, bold = [], set()
    for line in REPORT:
        if "{" in line:
            bold.add(len(items))
            items.append(titles[int(line[1]) - 1])
        else:
            items.append(line)
    doc = govtext.analyze(make_docx(items, bold=bold))
    assert [s.section for s in doc.sentences] == EXPECTED


def test_heading_split_over_two_lines() -> None:
    hits = find_headings(["一、总体情况", "正文。", "四、政府信息公开行政复议、行政诉讼", "情况", "正文。"])
    assert [(h.index, h.section, h.sentences) for h in hits] == [(0, 1, 1), (2, 4, 2)]


def test_no_number_heading_needs_its_own_line() -> None:
    assert find_headings(["总体情况"], [Layout(own_line=False)]) == []
    assert [h.section for h in find_headings(["总体情况"], [Layout(own_line=True)])] == [1]


def test_out_of_order_and_duplicate_headings_are_findings() -> None:
    text = "\n".join(["一、总体情况", "正文。", "五、存在的主要问题及改进情况", "问题。", "四、政府信息公开行政复议、行政诉讼情况",
                      "无。", "四、政府信息公开行政复议、行政诉讼情况", "六、其他需要报告的事项", "未收费。"])  # fmt: skip
    doc = govtext.analyze_text(text)
    rules = [f.rule for f in doc.findings]
    assert "GT103" in rules and "GT104" in rules
    assert [s.section for s in doc.sentences] == [1, 1, 5, 5, 4, 4, 4, 6, 6]


def test_missing_section_is_a_finding() -> None:
    text = "某局2023年政府信息公开工作年度报告\n一、总体情况\n正文。\n二、主动公开政府信息情况\n规章 0 0 1\n六、其他需要报告的事项\n未收费。"
    doc = govtext.analyze_text(text, year=2023)
    missing = sorted(f.expected for f in doc.findings if f.rule == "GT101")
    assert missing == sorted(
        ["收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况"]
    )
    assert all(f.severity == "error" for f in doc.findings if f.rule == "GT101")


@pytest.mark.parametrize(
    "text",
    [
        "本报讯 昨日，市气象台发布暴雨蓝色预警，预计未来三小时内将出现强降雨。\n气象部门提醒市民注意出行安全，远离低洼地带。\n"
        "据统计，今年以来全市共发布各类预警信号42次。",
        "关于2023年市级财政预算执行情况的报告\n一、2023年预算执行情况\n全市一般公共预算收入完成86.3亿元，增长5.2%。\n"
        "二、2024年预算草案\n一般公共预算收入预期增长5%。\n三、完成2024年预算的主要措施\n加强收入征管，严控一般性支出。",
    ],
    ids=["news", "budget"],
)
def test_not_an_annual_report(text: str) -> None:
    doc = govtext.analyze_text(text)
    assert [f.rule for f in doc.findings] == ["GT100"]
    assert "report score" in doc.findings[0].message
    assert not any(s.found for s in doc.sections)
    assert all(s.section == 0 for s in doc.sentences)


# -- the decoder -------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 30).flatmap(
        lambda n: st.tuples(st.just(n), st.lists(st.floats(-20, 0), min_size=n * 7, max_size=n * 7))
    )
)
def test_decode_is_monotone_and_within_bounds(case: tuple[int, list[float]]) -> None:
    n, flat = case
    logp = np.array(flat).reshape(n, 7)
    labels = decode(logp, [(0, 6)] * n)
    assert labels == sorted(labels)
    bounds = [(0, 2)] * (n // 2) + [(3, 3)] + [(3, 6)] * (n - n // 2 - 1)
    labels = decode(logp, bounds)
    assert labels == sorted(labels)
    assert all(lo <= lab <= hi for lab, (lo, hi) in zip(labels, bounds, strict=True))


def test_decode_follows_confident_evidence() -> None:
    logp = np.log(np.full((6, 7), 0.01))
    for i, k in enumerate([0, 1, 1, 3, 5, 6]):
        logp[i, k] = np.log(0.94)
    assert decode(logp, [(0, 6)] * 6) == [0, 1, 1, 3, 5, 6]


def test_allowed_labels_between_headings() -> None:
    from govtext.sections import HeadingHit

    hits = [
        HeadingHit(1, 1, parse_heading("一、总体情况")),
        HeadingHit(4, 5, parse_heading("五、存在的主要问题及改进情况")),
    ]
    assert allowed_labels(6, hits) == [(0, 0), (1, 1), (1, 4), (1, 4), (5, 5), (5, 6)]


# -- the seed report ---------------------------------------------------------------------------


@needs_corpus
def test_seed_sections() -> None:
    doc = govtext.analyze(SEED)
    assert [(s.number, s.found) for s in doc.sections] == [(k, True) for k in range(1, 7)]
    assert [s.empty for s in doc.sections] == [False, True, True, True, False, False]
    texts = [s.text for s in doc.sentences]
    start = texts.index("（一）主要问题")
    end = texts.index("六、其他需要报告的事项")
    assert all(s.section == 5 for s in doc.sentences[start:end])
    fee = next(s for s in doc.sentences if "信息处理费" in s.text)
    assert fee.section == 6 and fee.topic == "收费"
    assert sorted(f.rule for f in doc.findings) == ["GT102"] * 3 + ["GT206"] * 3  # empty sections, missing tables


@needs_corpus
def test_seed_topics_follow_sub_headings() -> None:
    doc = govtext.analyze(SEED)
    by_text = {s.text: s for s in doc.sentences}
    assert by_text["（一）主要问题"].topic == "问题"
    assert by_text["（二）改进措施"].topic == "改进"
    assert by_text["继续加大重大政策解读力度，推动政策解读回应多元化。"].topic == "改进"


def test_classify_without_sentences() -> None:
    result = classify([])
    assert result.labels == [] and not result.is_report


def test_spacy_component_by_name() -> None:
    import spacy

    nlp = spacy.blank("zh")
    nlp.add_pipe("govtext_sentences")
    nlp.add_pipe("govtext_sections")
    sdoc = nlp(
        "某局2023年政府信息公开工作年度报告\n一、总体情况\n本局公开信息3条。\n六、其他需要报告的事项\n未收取信息处理费。"
    )
    got = [(s.text.strip(), s._.section, s._.topic) for s in sdoc.sents]
    assert got[1] == ("一、总体情况", 1, "概述")
    assert got[-1] == ("未收取信息处理费。", 6, "收费")


def test_document_spacy_doc_carries_sections() -> None:
    doc = govtext.analyze_text("一、总体情况\n本局公开信息3条。\n六、其他需要报告的事项\n未收取信息处理费。")
    assert [s._.section for s in doc.spacy.sents] == [1, 1, 6, 6]


MISPLACED = """某局2023年政府信息公开工作年度报告
一、总体情况
本局全年主动公开政府信息125条。
二、主动公开政府信息情况
规章 0 0 3
三、收到和处理政府信息公开申请情况
一、本年新收政府信息公开申请数量 23 0 0 0 0 0 23
四、政府信息公开行政复议、行政诉讼情况
0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
五、存在的主要问题及改进情况
政策解读形式还不够丰富。
本年度共收到政府信息公开申请23件，其中自然人申请20件，法人或其他组织申请3件，予以公开15件，不予公开2件。
六、其他需要报告的事项
本年度未收取信息处理费。"""


def test_application_statistics_in_section_five_are_flagged() -> None:
    doc = govtext.analyze_text(MISPLACED, year=2023)
    flagged = [f for f in doc.findings if f.rule == "GT105"]
    assert len(flagged) == 1
    assert flagged[0].observed == 5 and flagged[0].expected == 3
    assert flagged[0].span is not None and flagged[0].span.line == 12


@needs_corpus
def test_no_misplaced_content_flagged_in_the_shared_reports() -> None:
    from tests.conftest import corpus_files

    for path in corpus_files():
        assert not [f for f in govtext.analyze(path).findings if f.rule == "GT105"], path.name


def test_sections_and_topics_of_generated_reports() -> None:
    """Regression guard on reports from a generator seed the model was not trained on."""

    from govtext_synth.generate import generate

    n = right = topic_right = 0
    for rep in generate(7, 40):
        doc = govtext.analyze_text(rep.text, stages=("sections",))
        k = 0
        for sent in doc.sentences:
            while k + 1 < len(rep.segments) and rep.segments[k][1] <= sent.span.start:
                k += 1
            n += 1
            if sent.section == rep.segments[k][2]:
                right += 1
                topic_right += sent.topic == rep.segments[k][3]
    assert right / n >= 0.95, right / n
    assert topic_right / right >= 0.87, topic_right / right


def test_a_table_caption_that_repeats_its_section_title_opens_no_section() -> None:
    # 表二 主动公开政府信息情况 under 二、主动公开政府信息情况 is the table's caption, not a second heading (GT104)
    text = (ROOT / "corpora" / "examples" / "example_2023.txt").read_text(encoding="utf-8")
    end = text.index("\n", text.index("二、主动公开政府信息情况"))
    for caption in (
        "表二 主动公开政府信息情况",
        "表3：收到和处理政府信息公开申请情况",
        "附表四 政府信息公开行政复议、行政诉讼情况",
    ):
        doc = govtext.analyze_text(text[: end + 1] + caption + "\n" + text[end + 1 :])
        assert doc.findings == [], caption
        assert [s.found for s in doc.sections] == [True] * 6


# -- headings in context (issue 15) ---------------------------------------------------------

_CN_TITLES = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
              "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]  # fmt: skip


def _report_with(section_one: list[str], section_six: list[str] | None = None) -> str:
    lines: list[str] = []
    for line in REPORT:
        if line == "{1}":
            lines += [_CN_TITLES[0], *section_one]
        elif line == "{6}" and section_six is not None:
            lines += [_CN_TITLES[5], *section_six]
        elif line == "本年度未收取信息处理费。" and section_six is not None:
            continue
        elif "{" in line:
            lines.append(_CN_TITLES[int(line[1]) - 1])
        else:
            lines.append(line)
    return "\n".join(lines)


def test_a_numbered_item_inside_a_section_is_no_heading() -> None:
    # 4.认真办理依申请公开 is the fourth item of a list in section 一, not section 三's heading (no GT103/GT104)
    items = ["1.加强组织领导", "2.主动公开政府信息", "3.规范信息发布", "4.认真办理依申请公开", "全年办理申请5件。"]
    doc = govtext.analyze_text(_report_with(items))
    assert not [f for f in doc.findings if f.rule in ("GT103", "GT104")]
    by_text = {s.text: s.section for s in doc.sentences}
    assert by_text["4.认真办理依申请公开"] == 1 and by_text["全年办理申请5件。"] == 1
    assert [s.found for s in doc.sections] == [True] * 6


def test_a_sentence_saying_there_is_nothing_is_the_section_content() -> None:
    # the only sentence of section 六, 无其他需要报告的事项, is not a repeated heading
    doc = govtext.analyze_text(_report_with(["2023年，本局主动公开政府信息125条。"], ["无其他需要报告的事项"]))
    assert not [f for f in doc.findings if f.rule in ("GT102", "GT104")]
    assert doc.sentences[-1].text == "无其他需要报告的事项" and doc.sentences[-1].section == 6
    assert doc.sections[5].heading == "六、其他需要报告的事项" and not doc.sections[5].empty


def test_bold_siblings_inside_a_section_are_no_headings() -> None:
    # DOCX: the section headings are numbered 一、…六、; bold lines inside section 一 (认真办理依申请公开,
    # 主动公开情况) are its sub-parts — bold like the headings, but they would repeat or reorder them
    items, bold = [], set()
    for line in REPORT:
        if line == "{1}":
            for text in (_CN_TITLES[0], "主动公开情况", "全年公开125条。", "依申请公开情况", "全年办理申请5件。"):
                bold.add(len(items)) if not text.endswith("。") else None
                items.append(text)
        elif "{" in line:
            bold.add(len(items))
            items.append(_CN_TITLES[int(line[1]) - 1])
        else:
            items.append(line)
    doc = govtext.analyze(make_docx(items, bold=bold))
    assert not [f for f in doc.findings if f.rule in ("GT103", "GT104")]
    assert {s.text: s.section for s in doc.sentences}["依申请公开情况"] == 1


def test_a_real_repeated_heading_is_still_found() -> None:
    hits = find_headings(
        ["一、总体情况", "正文。", "二、主动公开政府信息情况", "正文。", "二、主动公开政府信息情况", "正文。"]
    )
    assert [h.section for h in hits] == [1, 2, 2]


# -- tables flattened into crawler text ---------------------------------------------------------

_T2 = "第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件693665"
_T3 = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）申请人情况自然人法人或其他组织总计一、本年新收政府信息公开申请数量640020470四、结转下年度继续办理1000001"
_T4 = "行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计10203120001200000"


def test_flattened_tables_without_headings_are_one_sentence_each() -> None:
    from govtext.segment import split_sentences

    text = "切实提升我区政务公开质效。" + _T2 + _T3 + _T4 + "2021年，政策解读形式不够丰富，未能充分运用图表图解。"
    parts = [text[a:b] for a, b in split_sentences(text)]
    assert parts == [
        "切实提升我区政务公开质效。",
        _T2,
        _T3,
        _T4,
        "2021年，政策解读形式不够丰富，未能充分运用图表图解。",
    ]
    # a year glued to table 4's numbers once the heading between them is gone
    glued = _T4 + "2019年，我区政府信息公开工作取得了明显进展，但仍存在不足。"
    assert [glued[a:b] for a, b in split_sentences(glued)] == [_T4, glued[len(_T4) :]]


def test_prose_mentioning_table_words_is_not_cut() -> None:
    from govtext.segment import split_sentences

    text = "本年度按照申请人情况分类统计，详见表二和第二十条第（一）项的规定，行政复议结果维持1件。"
    assert split_sentences(text) == [(0, len(text))]


@pytest.mark.parametrize(
    ("text", "section"),
    [
        (_T2, 2),
        (_T3, 3),
        ("申请人情况 自然人 法人或其他组织", 3),
        (_T4, 4),
        ("表二 主动公开政府信息情况 第二十条", 2),
        ("表1：主动公开政府信息情况", 2),
        ("表四：政府信息公开行政复议、行政诉讼情况", 4),
        ("表三（单位：件）", 3),
        ("表1（单位：件）", None),  # an Arabic number alone says nothing
        ("全年公开政府信息125条。", None),
    ],
)
def test_table_section(text: str, section: int | None) -> None:
    from govtext.sections import table_section

    assert table_section(text) == section


def test_tables_place_headingless_sentences() -> None:
    # no headings at all: the tables alone put their sentences in 二, 三 and 四, whatever the classifier thinks
    texts = ["某局2021年政府信息公开工作年度报告", "全年公开政府信息125条。", _T2, _T3, _T4, "政策解读形式不够丰富。"]
    labels = classify(texts).labels
    assert labels[2:5] == [2, 3, 4]


def test_decode_moves_on_more_readily_where_a_list_restarts() -> None:
    from govtext.sections import restarts

    assert restarts(["（一）公开的主要内容", "1、加强领导", "一、总体情况", "（二）公开形式", "正文。"]) == [
        True, True, False, False, False,
    ]  # fmt: skip
    logp = np.log(np.array([[0.1, 0.6, 0.3, 0, 0, 0, 0], [0.1, 0.4, 0.5, 0, 0, 0, 0]]) + 1e-9)
    bounds = [(0, 6), (0, 6)]
    assert decode(logp, bounds, [-3.0, -3.0]) == [1, 1]
    assert decode(logp, bounds, [-3.0, -0.01]) == [1, 2]


@needs_corpus
def test_headingless_crawler_text_keeps_tables_in_their_sections() -> None:
    # pingtan_2021 with every section heading removed (not blanked): tables 2-4 stay three sentences in 二, 三, 四
    from tests.conftest import CORPUS

    text = (CORPUS / "pingtan_2021.txt").read_text(encoding="utf-8")
    for title in _CN_TITLES[1:5]:
        text = text.replace(title, "")
    doc = govtext.analyze_text(text)
    tables = [s for s in doc.sentences if s.text.startswith(("第二十条", "（本列数据", "行政复议行政诉讼"))]
    assert [s.section for s in tables] == [2, 3, 4]
    assert max(len(s.text) for s in doc.sentences) < 700


def test_decode_transitions_prefers_visiting_a_section_to_skipping_it() -> None:
    from govtext.sections import decode_transitions

    # the middle sentence leans to 3 but section 2 is likelier: with a plain jump price the
    # decoder skips 2 (one move); with the counted transitions (1 → 2 → 3 common, 1 → 3 rare) it does not
    logp = np.log(
        np.array([[0, 0.99, 0.01, 0, 0, 0, 0], [0, 0.05, 0.45, 0.5, 0, 0, 0], [0, 0, 0.05, 0.95, 0, 0, 0]]) + 1e-9
    )
    bounds = [(0, 6)] * 3
    assert decode(logp, bounds, -1.0) == [1, 3, 3]
    trans = np.full((7, 7), -1e9)
    for a in range(7):
        trans[a, a] = np.log(0.9)
        for b in range(a + 1, 7):
            trans[a, b] = np.log(0.09) if b == a + 1 else np.log(0.001)
    assert decode_transitions(logp, bounds, trans) == [1, 2, 3]
    assert decode_transitions(logp, [(1, 1), (1, 3), (3, 3)], trans) == [1, 2, 3]
    assert decode_transitions(logp[:0], [], trans) == []


def test_html_h3_siblings_inside_a_section_are_no_headings() -> None:
    # <h2> section headings numbered 一、…; the <h3> items of section 一 (主动公开情况, 4.认真办理依申请公开) are its
    # sub-parts: one would repeat 二's heading, the other reorder 三's before 二's
    body = ["<h1>某局2023年政府信息公开工作年度报告</h1>", "<h2>一、总体情况</h2>", "<h3>主动公开情况</h3>",
            "<p>全年公开政府信息125条。</p>", "<h3>4.认真办理依申请公开</h3>", "<p>全年办理申请5件。</p>"]  # fmt: skip
    for k, title in enumerate(_CN_TITLES[1:], start=2):
        body += [f"<h2>{title}</h2>", f"<p>第{k}部分的内容。</p>"]
    doc = govtext.analyze(("<html><body>" + "".join(body) + "</body></html>").encode(), name="r.html")
    assert not [f for f in doc.findings if f.rule in ("GT103", "GT104")]
    by_text = {s.text: s.section for s in doc.sentences}
    assert by_text["主动公开情况"] == 1 and by_text["4.认真办理依申请公开"] == 1 and by_text["全年办理申请5件。"] == 1
    assert [s.found for s in doc.sections] == [True] * 6


def test_in_list_marks_the_span_of_a_numbered_list() -> None:
    from govtext.sections import in_list

    texts = [
        "（一）公开的主要内容全年主动公开信息45条。",  # 0: a list opens
        "其中政策法规32条。",  # 1: inside it
        "1、管理规范。",  # 2: a nested list of another style
        "2、办税事项。",  # 3: continues the nested one
        "（二）公开形式。",  # 4: continues the outer one
        "设立公开栏。",  # 5: after the last item: may be the end of the section
        "（一）申请情况。",  # 6: restarts
        "（三）咨询情况。",  # 7: skips a number: no continuation
        "（2）另一种编号。",  # 8: (2) is another list than (二)
    ]
    assert in_list(texts) == [False, True, True, True, True, False, False, False, False]
    # an item that names a section is that section's heading numbered like an item: the list ends there
    assert in_list(["1、加强组织领导。", "内容。", "2.主动公开政府信息情况", "3、其他。"]) == [False] * 4
    # the list's first item glued inside a sentence: the second starts the list
    glued = ["（四）重点领域1、行政权力清单公开。", "2、财政资金信息公开。", "内容。", "3、公共资源配置。"]
    assert in_list(glued) == [False, False, True, True]


def test_a_section_changes_rarely_inside_a_list() -> None:
    from govtext.sections import jump_costs

    model = shipped_classifier()
    assert model is not None
    texts = ["（一）甲。", "乙。", "（二）丙。", "丁。"]
    plain, restart, inside = (model.meta[k] for k in ("jump_logp", "jump_logp_restart", "jump_logp_in_list"))
    assert inside < plain < restart
    assert jump_costs(texts, model) == [restart, inside, inside, plain]


def test_decode_transitions_final_and_per_sentence_moves() -> None:
    from govtext.sections import decode_transitions

    logp = np.log(np.array([[0, 0.9, 0.1, 0, 0, 0, 0], [0, 0.6, 0.4, 0, 0, 0, 0]]) + 1e-9)
    trans = np.where(np.triu(np.ones((7, 7))) > 0, np.log(0.5), -1e9)
    bounds = [(0, 6)] * 2
    assert decode_transitions(logp, bounds, trans) == [1, 1]
    # ending in section 1 leaves 2-6 out: with a price on that, the second sentence goes on to 2
    final = np.array([-20.0, -10.0, 0, 0, 0, 0, 0])
    assert decode_transitions(logp, bounds, trans, final=final) == [1, 2]
    # a move priced away at sentence 1 alone (the first sentence held to 1)
    blocked = np.where(np.eye(7) > 0, 0.0, -50.0)
    assert decode_transitions(logp, [(1, 1), (0, 6)], trans, final=final) == [1, 2]
    assert decode_transitions(logp, [(1, 1), (0, 6)], trans, final=final, at={1: blocked}) == [1, 1]


def test_short_sections_the_classifier_is_sure_of_are_not_skipped() -> None:
    # a headingless pre-2019 report: 三 and 四 are one sentence each between 二 and 五; the decoder
    # must not pass over them (moving 二 → 五 once used to cost less than 二 → 三 → 四 → 五)
    texts = [
        "某县2016年度政府信息公开工作年度报告",
        "2016年，全县政府信息公开工作有序推进。",
        "（一）加强组织领导，县政府成立政务公开领导小组。",
        "（二）健全工作制度，落实保密审查制度。",
        "（一）主动公开政府信息的数量2016年全县主动公开政府信息3460条。",
        "其中，县直各部门主动公开政府信息1822条。",
        "2016年全县未收到有关政府信息公开申请。",
        "2016年全县未收到有关政府信息公开行政复议、提起行政诉讼的申请。",
        "2016年，我县政府信息公开工作取得了明显进展，但仍存在一些不足和薄弱环节。",
        "下一步，我们将采取以下措施加以改进：（一）继续强化信息公开责任。",
    ]
    result = classify(texts)
    assert result.labels[6:8] == [3, 4]
    assert result.labels[-1] == 5


def _html_table(rows: list[list[str]]) -> str:
    return "<table>" + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows) + "</table>"


def test_a_marked_up_table_is_evidence_for_its_section() -> None:
    # a web page without section headings: sections 二–四 hold nothing but their tables, which are no
    # sentences; each table still stands for its section between the sentences around it
    from govtext.sections import table_anchors

    t2 = [["第二十条第（一）项"], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], ["规章", "0", "0", "0"]]
    t3 = [["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"], ["自然人", "总计"]]
    t4 = [["行政复议", "行政诉讼"], ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"], ["0", "0", "0", "0", "0"]]
    page = (
        "<html><head><title>某局2023年政府信息公开工作年度报告</title></head><body>"
        "<p>某局2023年政府信息公开工作年度报告</p>"
        "<p>2023年，我局认真贯彻落实《中华人民共和国政府信息公开条例》，加强组织领导，完善工作机制。</p>"
        + _html_table(t2)
        + _html_table(t3)
        + _html_table(t4)
        + "<p>政策解读形式还不够丰富，解读质量有待提高。</p><p>下一步，我局将进一步加强政策解读工作。</p>"
        "<p>本年度未收取信息处理费。</p></body></html>"
    )
    doc = govtext.analyze(page.encode(), name="r.html")
    anchors = table_anchors(doc)
    assert [k for _, k in anchors] == [2, 3, 4]
    texts = {s.text: s.section for s in doc.sentences}
    assert texts["政策解读形式还不够丰富，解读质量有待提高。"] == 5
    assert texts["本年度未收取信息处理费。"] == 6
    assert all(s.section <= 1 for s in doc.sentences[: anchors[0][0]])
