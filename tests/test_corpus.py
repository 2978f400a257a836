"""The real reports in ../shared/corpus: read, normalised, segmented, and mapped back to the source.

Skipped, with the reason, where ../shared is not beside the checkout.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

import govtext
from govtext.normalize import _opencc
from tests.conftest import SEED, corpus_params, needs_corpus

PINYIN_ANNOTATION = re.compile(r"[\u4e00-\u9fff][(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}[)）]")
FURNITURE = ("您现在的位置", "当前位置", "字体", "页面调色", "打印本页", "关闭窗口", "相关附件", "首页 >", "[大]")
LINE_BREAK = re.compile(r"\r\n|\n|\f|\r")


@cache
def analysed(path: Path) -> govtext.Document:
    return govtext.analyze(path)


@pytest.mark.parametrize("path", corpus_params())
def test_every_corpus_file_is_read_and_normalised(path: Path) -> None:
    doc = analysed(path)
    assert doc.sentences, f"{path.name}: no sentences"
    assert len(doc.text) > 1000
    assert _opencc().convert(doc.text) == doc.text, "traditional characters left"
    assert not PINYIN_ANNOTATION.search(doc.text)
    assert doc.meta.year is not None and 2008 <= doc.meta.year <= 2030
    assert doc.meta.title and "报告" in doc.meta.title
    assert "\f" not in doc.text and "\r" not in doc.text


def _is_subsequence(needle: str, hay: str) -> bool:
    it = iter(hay)
    return all(ch in it for ch in needle)


@pytest.mark.parametrize("path", corpus_params())
def test_every_sentence_maps_back_to_its_line_and_column(path: Path) -> None:
    """For every sentence: the source range holds its characters, and (line, col) points at the range's start."""
    doc = analysed(path)
    ex = doc.extraction
    assert ex is not None
    cc = _opencc()
    if ex.format == "pdf":
        pages = ex.text.split("\f")
        file_lines = None
    else:
        raw = ex.raw_text if ex.origin is not None else ex.text
        file_lines = LINE_BREAK.split(raw)
    checked = 0
    for sent in doc.sentences:
        sp = sent.span
        source = ex.text[sp.start : sp.end]
        chinese = "".join(ch for ch in sent.text if "\u4e00" <= ch <= "\u9fff")
        assert _is_subsequence(chinese, cc.convert(source)), (path.name, sent.text, source)
        first = ex.text[sp.start]
        if file_lines is None:
            lines = LINE_BREAK.split(pages[sp.page - 1])
            assert lines[sp.line - 1][sp.col - 1] == first, (path.name, sent.text)
        else:
            raw_pos = ex.origin[sp.start] if ex.origin is not None else sp.start
            assert file_lines[sp.line - 1][sp.col - 1] == raw[raw_pos], (path.name, sent.text)
            if ex.origin is None:  # a text file: the extracted text is the file
                assert raw[raw_pos] == first
        checked += 1
    assert checked == len(doc.sentences)


@needs_corpus
def test_html_span_points_into_the_original_file() -> None:
    path = SEED.parent / "shanghai_bgt_2019.html"
    doc = analysed(path)
    raw_lines = path.read_text(encoding="utf-8").split("\n")
    sent = next(s for s in doc.sentences if s.text.startswith("市政府办公厅代表市政府共受理"))
    line = raw_lines[sent.span.line - 1]
    assert line[sent.span.col - 1 :].startswith("市政府办公厅代表市政府共受理")


# -- the seed report ------------------------------------------------------------------

HEADINGS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]


@needs_corpus
def test_seed_is_simplified_without_pinyin_or_furniture() -> None:
    doc = analysed(SEED)
    assert _opencc().convert(doc.text) == doc.text
    assert not PINYIN_ANNOTATION.search(doc.text)
    assert not re.search(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔù]+\)", doc.text)
    for word in FURNITURE:
        assert word not in doc.text, word
    assert doc.meta.title == "江门市蓬江区民政局2023年度政府信息公开工作年度报告"
    assert doc.meta.agency == "江门市蓬江区民政局"
    assert doc.meta.year == 2023


@needs_corpus
def test_seed_headings_are_sentences_of_their_own() -> None:
    doc = analysed(SEED)
    texts = [s.text for s in doc.sentences]
    positions = [texts.index(h) for h in HEADINGS]
    assert positions == sorted(positions)
    # the heading's span points at the traditional original on its own line
    raw = SEED.read_text(encoding="utf-8").split("\n")
    for h in HEADINGS:
        sent = doc.sentences[texts.index(h)]
        assert sent.span.col == 1
        assert _opencc().convert(re.sub(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔù]+\)", "", raw[sent.span.line - 1])).strip() == h


@needs_corpus
def test_seed_claim_sentence_survives_intact() -> None:
    doc = analysed(SEED)
    assert (
        "公开政府信息共151条，其中机构职能文件2条、部门文件3条、工作动态82条、公示公告60条、财政预决算信息4条。"
        in doc.text
    )


@needs_corpus
def test_cli_analyze_seed_prints_interface_json() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "govtext.cli", "analyze", str(SEED), "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) >= {"source", "meta", "sections", "sentences", "claims", "tables", "findings"}
    assert data["source"]["format"] == "txt"
    assert data["source"]["sha256"] == "b1e3a2b45786d0240c102e922d0776e1be6c9ec0631b345e4389c2b866784b67"
    assert data["meta"]["year"] == 2023
    assert set(data["tables"]) == {"t2", "t3", "t4"}
    sent = data["sentences"][0]
    assert set(sent) >= {"text", "section", "topic", "span"}
    assert set(sent["span"]) >= {"start", "end", "line", "col", "page"}


@needs_corpus
def test_pdf_line_wraps_joined_and_footers_gone() -> None:
    doc = analysed(SEED.parent / "huaian_szf_2024.pdf")
    assert "2024年，全市共受理政府信息公开申请3119件，答复3050件" in doc.text
    assert not re.search(r"^- \d+ -$", doc.text, re.MULTILINE)
    # a sentence running over the page 1 → 2 break is one sentence
    assert "“建设‘四最’一流营商环境高质量推进产业发展”" in doc.text
    # table rows keep their cells apart
    assert "一、本年新收政府信息公开申请数量 3001 53 0 0 61 4 3119" in doc.text.split("\n")


@needs_corpus
def test_crawler_text_header_and_breadcrumb_removed() -> None:
    doc = analysed(SEED.parent / "pingtan_2021.txt")
    # the title run into the breadcrumb is kept, on a line of its own; crumbs and widgets go
    assert doc.text.startswith("平潭综合实验区2021年度政府信息公开工作年度报告\n根据《中华人民共和国政府信息公开条例》")
    assert doc.sentences[0].text == "平潭综合实验区2021年度政府信息公开工作年度报告"
    assert "原文链接" not in doc.text and "QQ空间" not in doc.text
    assert doc.meta.title == "平潭综合实验区2021年度政府信息公开工作年度报告"
    texts = [s.text for s in doc.sentences]
    assert "一、总体情况" in texts and "六、其他需要报告的事项" in texts


def test_traditional_pinyin_gb18030_copy_reads_like_the_original() -> None:
    """A report scraped from a site's 繁體 view (traditional, pinyin inserted, GB18030) analyses the same."""
    import random

    import opencc
    from govtext_synth.generate import generate

    s2t = opencc.OpenCC("s2t")
    rng = random.Random(1)
    syllables = ["xiàn", "jī", "guān", "diào", "wù", "dòng", "zhèng", "gōng", "kāi"]
    for rep in generate(7, 15):
        out = []
        for ch in s2t.convert(rep.text):
            out.append(ch)
            if "\u4e00" <= ch <= "\u9fff" and rng.random() < 0.05:
                out.append(f"({rng.choice(syllables)})")
        original = govtext.analyze(rep.text.encode("utf-8"))
        scraped = govtext.analyze("".join(out).encode("gb18030"))
        assert scraped.source.encoding == "gb18030"
        assert [(s.text, s.section) for s in scraped.sentences] == [(s.text, s.section) for s in original.sentences]
        assert [(c.value, c.unit, c.role) for c in scraped.claims] == [
            (c.value, c.unit, c.role) for c in original.claims
        ]
