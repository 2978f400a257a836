"""Saved web pages: the report and nothing else, the page's own title and date, GT100 alike in every format.

The pages come from ``tools/synth/govtext_synth/pages.py``: the same invented report as text, as
PDF and wrapped in three site designs (menus, breadcrumbs, sidebars, share bars,
footers); pages with no report in them (a list, a search result, a 404 page, a letter).
"""

from __future__ import annotations

import re

import pytest
from govtext_synth import pages

import govtext
from govtext.io.html import read_html, strip_site_name

_SPACE = re.compile(r"\s+")
CHROME = (
    "主办单位",
    "网站标识码",
    "ICP备",
    "公网安备",
    "分享到",
    "上一篇",
    "下一篇",
    "相关文章",
    "当前位置",
    "您现在的位置",
)


def _sections(doc: govtext.Document, sentences: list) -> list[int | None]:
    """The section given to each of the report's sentences (one split at ``；`` is found by its first part)."""
    flat = [(_SPACE.sub("", s.text), s.section) for s in doc.sentences]
    out = []
    for want, _ in sentences:
        want = _SPACE.sub("", want)
        out.append(next((sec for t, sec in flat if want in t or (len(t) > 8 and t in want)), None))
    return out


@pytest.fixture(scope="module", params=[0, 1])
def page_set(request: pytest.FixtureRequest) -> dict:
    s = pages.make_set(request.param)
    docs = {fmt: govtext.analyze(data, name="r.pdf" if fmt == "pdf" else ("r.txt" if fmt == "txt" else "r.html"))
            for fmt, data in s["files"].items() if fmt != "pdf"}  # fmt: skip
    return {"truth": s["truth"], "docs": docs, "files": s["files"]}


@pytest.mark.parametrize("style", pages.STYLES)
def test_page_reads_as_the_text_does(page_set: dict, style: str) -> None:
    truth, txt, doc = page_set["truth"], page_set["docs"]["txt"], page_set["docs"][style]
    want = [k for _, k in truth["sentences"]]
    assert _sections(txt, truth["sentences"]) == want
    assert _sections(doc, truth["sentences"]) == want
    for t in ("t2", "t3", "t4"):
        for row, cols in truth["tables"][t].items():
            for col, v in cols.items():
                assert doc.tables[t].get(row, col) == v, (t, row, col)
    assert {(f.rule, f.severity) for f in doc.findings} == {(f.rule, f.severity) for f in txt.findings}
    assert not [f for f in doc.findings if f.severity == "error"]
    assert not [line for line in doc.text.split("\n") if any(w in line for w in CHROME)]
    assert doc.meta.title == truth["title"] and doc.meta.published == truth["published"]


@pytest.mark.parametrize("style", pages.STYLES)
def test_kept_text_points_at_the_page(page_set: dict, style: str) -> None:
    raw = page_set["files"][style].decode("utf-8")
    ex = read_html(raw)
    lines = raw.split("\n")
    sentence = page_set["truth"]["sentences"][-1][0]
    at = ex.text.index(sentence[:12])
    line, col, _ = ex.locate(at)
    assert lines[line - 1][col - 1 : col - 1 + 12] == sentence[:12]
    # every kept character comes from the page, and in the page's order
    assert all(ex.text[i] in " \n\t" or raw[ex.origin[i]] in (ex.text[i], "&") for i in range(len(ex.text)))
    assert ex.origin == sorted(ex.origin)


@pytest.mark.parametrize("name", ["list", "search", "404", "letter", "letter-txt"])
def test_page_without_a_report_gets_gt100_with_the_reason(name: str) -> None:
    data = pages.non_report_pages(0)[name]
    doc = govtext.analyze(data, name="r.txt" if name.endswith("txt") else "r.html")
    gt100 = [f for f in doc.findings if f.rule == "GT100"]
    assert gt100 and ":" in gt100[0].message.split("report", 1)[1]
    assert not any(s.found for s in doc.sections)


def test_site_name_stripped_from_the_title() -> None:
    assert (
        strip_site_name("某区2023年政府信息公开工作年度报告_某区人民政府网站") == "某区2023年政府信息公开工作年度报告"
    )
    assert strip_site_name("某区2023年年度报告 - 政府信息公开") == "某区2023年年度报告"
    assert strip_site_name("某局2019-2020年工作报告") == "某局2019-2020年工作报告"


def test_fragment_is_read_whole() -> None:
    ex = read_html("<p>第一行</p><div>主办单位：某区</div>")
    assert ex.text == "第一行\n主办单位：某区" and ex.no_report is None
