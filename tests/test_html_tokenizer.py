"""The HTML tokenizer: what a browser shows, every character at its place, in linear time on hostile pages."""

from __future__ import annotations

import pytest

import govtext
from govtext.io.html import MAX_TABLE_DEPTH, _Tokenizer, read_html


class _Tokens(_Tokenizer):
    def __init__(self, raw: str) -> None:
        super().__init__(raw)
        self.out: list[tuple] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(("start", tag, tuple(attrs), self.at))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(("startend", tag, tuple(attrs), self.at))

    def handle_endtag(self, tag: str) -> None:
        self.out.append(("end", tag, self.at))

    def handle_data(self, data: str) -> None:
        self.out.append(("data", data, self.at))

    def handle_ref(self, text: str, length: int) -> None:
        self.out.append(("ref", text, length, self.at))


def tokens(raw: str) -> list[tuple]:
    t = _Tokens(raw)
    t.run()
    return t.out


def test_tags_attributes_and_offsets() -> None:
    raw = '<P Class="a>b" id=x hidden>共<B>3</B>条<br/></p>'
    assert tokens(raw) == [
        ("start", "p", (("class", "a>b"), ("id", "x"), ("hidden", None)), 0),
        ("data", "共", 27),
        ("start", "b", (), 28),
        ("data", "3", 31),
        ("end", "b", 32),
        ("data", "条", 36),
        ("startend", "br", (), 37),
        ("end", "p", 42),
    ]


def test_references_keep_their_place() -> None:
    raw = "A&amp;B&#x4e2d;&#25991; &nbsp &unknown; & 5"
    out = tokens(raw)
    assert ("ref", "&", 5, 1) in out
    assert ("ref", "中", 8, 7) in out
    assert ("ref", "文", 8, 15) in out
    assert ("ref", "\xa0", 5, 24) in out  # a legacy name without its semicolon, as browsers read it
    # no reference: the characters stay text
    assert "".join(t[1] for t in out if t[0] in ("data", "ref")) == "A&B中文 \xa0 &unknown; & 5"


def test_comments_declarations_cdata_are_skipped_and_text_lt_stays() -> None:
    raw = "<!DOCTYPE html><!-- 菜单 <p>x</p> -->a<?xml x?>b<![CDATA[c]]>d < 5 <1 </>e"
    out = tokens(raw)
    assert [t[0] for t in out] == ["data", "data", "data", "data"]
    assert "".join(t[1] for t in out) == "abd < 5 <1 e"


def test_script_and_style_hold_text_up_to_their_end_tag() -> None:
    raw = '<script>if (a < b && c) { s = "</p>"; }</SCRIPT >x<style>p>a{}</style>'
    out = tokens(raw)
    assert out[0][:2] == ("start", "script")
    assert out[1] == ("data", 'if (a < b && c) { s = "</p>"; }', 8)
    assert out[2][:2] == ("end", "script")
    assert out[3][:2] == ("data", "x")
    assert out[-1][:2] == ("end", "style")


def test_a_tag_cut_off_by_the_end_of_the_page_is_dropped() -> None:
    assert tokens("<p>共3条</p><div class='x") == [
        ("start", "p", (), 0),
        ("data", "共3条", 3),
        ("end", "p", 6),
    ]


def test_a_page_reads_as_before() -> None:
    page = (
        "<html><head><title>某局2023年报告_某区人民政府网站</title><style>td{}</style></head><body>"
        "<div class='nav'><a href='/'>首页</a></div>"
        "<div><p>一、总体情况</p><p>全年主动公开政府信息125条，其中&ldquo;政策文件&rdquo;12条。</p>"
        "<table><tr><td>收到申请</td><td>5</td></tr></table></div></body></html>"
    )
    ex = read_html(page, whole_page=True)
    assert "全年主动公开政府信息125条，其中“政策文件”12条。" in ex.text
    assert ex.tables[0].texts() == [["收到申请", "5"]]
    i = ex.text.index("“")
    assert page[ex.origin[i] : ex.origin[i] + 7] == "&ldquo;"  # the reference points at itself
    j = ex.text.index("125")
    assert page[ex.origin[j] : ex.origin[j] + 3] == "125"


HOSTILE = {
    # each takes seconds at most when read in linear time; the standard library's parser took minutes
    "end-tag openers": "</" * 200_000,
    "declaration openers": "<!" * 200_000,
    "comment openers": "<!--" * 100_000,
    "CDATA openers": "<![CDATA[" * 50_000,
    "unclosed comment": "<!--" + "a>b " * 100_000,
    "unclosed tag": "<div " + "a=b " * 100_000,
    "unclosed quote": '<div a="' + "x>" * 200_000,
    "nested tables, never closed": "<table><tr><td>x" * 20_000,
    "nested divs, never closed": "<div>" * 50_000 + "x",
    "titles, never closed": "<title>" * 50_000,
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_pages_are_read(name: str) -> None:
    report = "<html><body><p>某局2023年政府信息公开工作年度报告</p><p>一、总体情况</p><p>全年公开信息12条。</p>"
    doc = govtext.analyze((report + HOSTILE[name]).encode(), name="page.html")
    assert "全年公开信息12条" in doc.text


def test_tables_nested_beyond_the_limit_are_read_flat() -> None:
    deep = "<table><tr><td>x" * (MAX_TABLE_DEPTH + 10) + "</td></tr></table>" * (MAX_TABLE_DEPTH + 10)
    ex = read_html("<p>前</p>" + deep + "<p>后</p>", whole_page=True)
    assert ex.text.startswith("前") and ex.text.endswith("后")
    assert len(ex.tables) <= MAX_TABLE_DEPTH
