"""Sentences, words and the spaCy Doc."""

from __future__ import annotations

import pytest

import govtext
from govtext.segment import make_nlp, split_sentences, tokenize


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def test_split_on_chinese_terminals_and_line_breaks() -> None:
    text = "一、总体情况\n本局公开信息151条。办结率100%！是否收费？否；无。\n（一）主要问题"
    assert sentences(text) == [
        "一、总体情况",
        "本局公开信息151条。",
        "办结率100%！",
        "是否收费？",
        "否；",
        "无。",
        "（一）主要问题",
    ]


@pytest.mark.parametrize("number", ["3.5", "1.2万", "3,119", "12.5%", "96171.6"])
def test_never_split_inside_a_number(number: str) -> None:
    text = f"增长{number}件。下一句。"
    assert sentences(text) == [f"增长{number}件。", "下一句。"]


def test_ascii_punctuation_inside_a_url_does_not_split() -> None:
    assert sentences("网址www.gov.cn/a.html?x=1;y=2。下一句。") == ["网址www.gov.cn/a.html?x=1;y=2。", "下一句。"]


def test_closing_quote_stays_with_its_sentence() -> None:
    assert sentences("他说：“公开为常态。”下一句。") == ["他说：“公开为常态。”", "下一句。"]


def test_book_title_with_exclamation_is_one_sentence() -> None:
    assert sentences("推送《现在为您导航！2019上海再出发》作品。") == ["推送《现在为您导航！2019上海再出发》作品。"]


def test_glued_section_heading_is_split_off() -> None:
    text = "联系电话：0591-23165370。一、总体情况2021年，我区主动公开信息。六、其他需要报告的事项2021年，无收费。"
    assert sentences(text) == [
        "联系电话：0591-23165370。",
        "一、总体情况",
        "2021年，我区主动公开信息。",
        "六、其他需要报告的事项",
        "2021年，无收费。",
    ]


def test_glued_heading_with_a_comma_ordinal_is_split_off() -> None:
    assert sentences("联系电话。一，总体情况2021年，我区主动公开信息。") == [
        "联系电话。",
        "一，总体情况",
        "2021年，我区主动公开信息。",
    ]


def test_heading_words_inside_a_sentence_are_not_split() -> None:
    text = "本报告包括总体情况、主动公开政府信息情况等六个部分。"
    assert sentences(text) == [text]


def test_domain_words_are_single_tokens() -> None:
    words = [t.text for t in tokenize("本年度依申请公开政府信息，未收取信息处理费，未发生行政复议和行政诉讼。")]
    for w in ("依申请公开", "信息处理费", "行政复议", "行政诉讼"):
        assert w in words


def test_token_offsets_point_into_the_text() -> None:
    text = "受理政府信息公开申请3119件"
    for tok in tokenize(text):
        assert text[tok.start : tok.end] == tok.text


def test_global_jieba_is_left_untouched() -> None:
    import jieba

    from govtext.segment import word_segmenter

    tokenize("信息处理费")
    assert word_segmenter()._tk is not jieba.dt
    assert "三安全一稳定" not in jieba.dt.FREQ  # a domain word we add, absent from jieba's own dictionary
    assert "三安全一稳定" in word_segmenter()._tk.FREQ


def test_document_as_spacy_doc() -> None:
    doc = govtext.analyze_text("一、总体情况\n本年度收到政府信息公开申请3件。未收取信息处理费。")
    sdoc = doc.spacy
    assert sdoc.text == doc.text
    sents = [s.text.strip() for s in sdoc.sents]  # a newline token closes the sentence before it
    assert sents[0] == "一、总体情况"
    assert "本年度收到政府信息公开申请3件。" in "".join(sents)
    assert any(t.text == "信息处理费" for t in sdoc)


def test_nlp_pipeline_tokenizes_and_sets_sentences() -> None:
    nlp = make_nlp()
    sdoc = nlp("本局受理申请3件。全部办结。")
    assert "govtext_sentences" in nlp.pipe_names
    assert [s.text for s in sdoc.sents] == ["本局受理申请3件。", "全部办结。"]
