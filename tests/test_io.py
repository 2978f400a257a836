"""Readers: encodings detected without being told, formats detected by content."""

from __future__ import annotations

import pytest

from govtext.errors import EncodingError, UnsupportedFormatError
from govtext.io import read, sniff_format
from govtext.io.text import decode
from tests.helpers import make_docx, make_pdf

REPORT = (
    "临溪区市场监督管理局2023年政府信息公开工作年度报告\n"
    "一、总体情况\n"
    "2023年，本局主动公开政府信息共1268条，其中机构职能类信息46条。\n"
    "六、其他需要报告的事项\n"
    "本年度未收取信息处理费。\n"
)
TRADITIONAL = "臨溪區市場監督管理局2023年政府資訊公開工作年度報告，本機關未收取任何費用，辦結率為100%。"


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8"),
        ("gbk", "gb18030"),
        ("gb18030", "gb18030"),
        ("utf-16", "utf-16"),  # with BOM
        ("utf-16-le", "utf-16"),  # without BOM
        ("utf-16-be", "utf-16"),
    ],
)
def test_decode_detects_encoding(encoding: str, expected: str) -> None:
    text, found = decode(REPORT.encode(encoding))
    assert text == REPORT
    assert found == expected


def test_decode_big5_traditional_text() -> None:
    text, found = decode(TRADITIONAL.encode("big5"))
    assert text == TRADITIONAL
    assert found == "big5"


def test_decode_gbk_is_not_mistaken_for_big5() -> None:
    text, found = decode(REPORT.encode("gbk"))
    assert found == "gb18030"
    assert "信息处理费" in text


def test_decode_rejects_binary_junk() -> None:
    junk = bytes(range(256)) * 40
    with pytest.raises(UnsupportedFormatError):
        decode(junk)


def test_decode_rejects_undetectable_encoding() -> None:
    # high bytes that are invalid UTF-8 and decode to rare characters or fail in GB18030 and Big5
    data = bytes([0x81, 0x30, 0xFF, 0x80, 0xFE, 0xA0, 0x81, 0x7F] * 300)
    with pytest.raises((EncodingError, UnsupportedFormatError)):
        decode(data)


def test_decode_forgives_a_truncated_last_character() -> None:
    data = REPORT.encode("utf-8")[:-2]  # cut inside the final "。\n"
    text, found = decode(data)
    assert found == "utf-8"
    assert text.startswith("临溪区")


def test_sniff_pdf_and_docx_by_content_not_name() -> None:
    assert sniff_format(make_pdf([["hello"]]), "report.txt") == "pdf"
    assert sniff_format(make_docx(["正文"]), "report.bin") == "docx"
    assert sniff_format(REPORT.encode(), "report.pdf.txt") == "txt"


def test_html_detected_by_content_and_scripts_dropped(tmp_path) -> None:
    html = (
        "<div><script>var x = '一、总体情况';</script><style>p{color:red}</style>"
        "<nav>首页 &gt; 政务公开</nav><h2>一、总体情况</h2>"
        "<p>2023年，本局公开信息&nbsp;151条。</p></div>"
    )
    path = tmp_path / "page.txt"
    path.write_text(html, encoding="utf-8")
    extraction, source = read(path)
    assert source.format == "html"
    assert extraction.text.splitlines() == ["一、总体情况", "2023年，本局公开信息 151条。"]
    heading = [b for b in extraction.blocks if b.kind == "heading"]
    assert heading and heading[0].level == 2


def test_html_text_maps_to_line_and_column_of_the_page() -> None:
    html = "<html><body>\n<p>第一行</p>\n  <p>申请&nbsp;3件</p>\n</body></html>"
    extraction, _ = read(html.encode("utf-8"))
    pos = extraction.text.index("申请")
    line, col, page = extraction.locate(pos)
    assert (line, col, page) == (3, 6, None)
    assert html.splitlines()[line - 1][col - 1 : col + 1] == "申请"
    # the entity counts as one character of text but points at its "&"
    nbsp = extraction.text.index("申请") + 2
    assert html.splitlines()[2][extraction.locate(nbsp)[1] - 1] == "&"


def test_html_table_kept_as_table_with_spans() -> None:
    html = (
        "<p>三、收到和处理政府信息公开申请情况</p><table><tr><td rowspan='2'>申请人情况</td><td>自然人</td></tr>"
        "<tr><td>3</td></tr></table><p>四、</p>"
    )
    extraction, _ = read(html.encode())
    assert len(extraction.tables) == 1
    table = extraction.tables[0]
    assert table.texts() == [["申请人情况", "自然人"], ["3"]]
    assert table.rows[0][0].rowspan == 2
    cell = table.rows[1][0]
    assert extraction.text[cell.start : cell.end] == "3"


def test_markdown_headings_and_pipe_tables() -> None:
    md = "# 报告\n\n## 一、总体情况\n\n**2023年**，公开[信息](http://x.cn)3条。\n\n| 项目 | 数量 |\n|---|---|\n| 规章 | 2 |\n"
    extraction, source = read(md.encode(), name="r.md")
    assert source.format == "md"
    assert "## " not in extraction.text and "**" not in extraction.text
    assert "2023年，公开信息3条。" in extraction.text
    assert extraction.tables[0].texts() == [["项目", "数量"], ["规章", "2"]]
    pos = extraction.text.index("公开信息")
    line, col, _ = extraction.locate(pos)
    assert md.splitlines()[line - 1][col - 1 : col + 2] == "公开["


def test_docx_paragraphs_and_tables_in_body_order() -> None:
    data = make_docx(
        [
            "临溪区2023年政府信息公开工作年度报告",
            "一、总体情况",
            "公开信息3条。",
            [["信息内容", "本年制发件数"], ["规章", "1"]],
            "六、其他需要报告的事项",
        ],
        bold={1},
    )
    extraction, source = read(data)
    assert source.format == "docx"
    assert extraction.text.split("\n") == [
        "临溪区2023年政府信息公开工作年度报告",
        "一、总体情况",
        "公开信息3条。",
        "信息内容\t本年制发件数",
        "规章\t1",
        "六、其他需要报告的事项",
    ]
    assert extraction.tables[0].texts() == [["信息内容", "本年制发件数"], ["规章", "1"]]
    bold = [extraction.text[b.start : b.end] for b in extraction.blocks if b.bold]
    assert bold == ["一、总体情况"]


def test_pdf_pages_and_page_numbers() -> None:
    data = make_pdf([["First page line"], ["Second page", "more text"]])
    extraction, source = read(data)
    assert source.format == "pdf"
    assert extraction.n_pages == 2
    pos = extraction.text.index("more text")
    line, col, page = extraction.locate(pos)
    assert (page, line, col) == (2, 2, 1)
    assert extraction.page_of(extraction.text.index("First")) == 1


def test_txt_tab_tables_found() -> None:
    text = "二、主动公开政府信息情况\n信息内容\t本年制发件数\n规章\t1\n结束。\n"
    extraction, _ = read(text.encode())
    assert extraction.tables[0].texts() == [["信息内容", "本年制发件数"], ["规章", "1"]]


def test_source_records_sha256_and_size(tmp_path) -> None:
    import hashlib

    data = REPORT.encode("gbk")
    path = tmp_path / "r.txt"
    path.write_bytes(data)
    _, source = read(path)
    assert source.sha256 == hashlib.sha256(data).hexdigest()
    assert source.size == len(data)
    assert source.path == str(path)
    assert source.encoding == "gb18030"


@pytest.mark.parametrize("fmt", ["pdf", "html", "txt"])
def test_locate_range_is_locate_of_both_ends(fmt: str) -> None:
    import random
    from bisect import bisect_right

    def reference(offset: int) -> tuple[int, int, int | None]:
        """A character's line, column and page, one look-up at a time (locate as it was written first)."""
        offset = max(0, min(offset, len(ext.text)))
        pos = offset
        if ext.origin is not None:
            pos = ext.origin[offset] if offset < len(ext.origin) else (ext.origin[-1] + 1 if ext.origin else 0)
        starts = ext._line_starts
        page = ext.page_of(offset)
        i = bisect_right(starts, pos) - 1
        line, col = i + 1, pos - starts[i] + 1
        if page is not None and ext.page_starts is not None:
            line = i - (bisect_right(starts, ext.page_starts[page - 1]) - 1) + 1
        return line, col, page

    if fmt == "pdf":
        data = make_pdf([["第一页 12 件", "第二行 3"], ["第二页", "共 15 件"], ["第三页 7"]])
    elif fmt == "html":
        data = (
            "<html><body><h1>年度报告</h1>\n<p>收到申请<b>12</b>件，\n办结11件。</p><p>二、x</p></body></html>".encode()
        )
    else:
        data = "一、总体情况\r\n本年度收到申请12件。\n\n二、主动公开\n无。".encode()
    ext, _ = read(data)
    rnd = random.Random(7)
    n = len(ext.text)
    for _ in range(2000):
        a = rnd.randint(-2, n + 2)
        b = a + rnd.choice([0, 1, 2, 7, 40, n])
        assert ext.locate_range(a, b) == reference(a) + reference(max(a, b - 1))[:2], (a, b)
        assert ext.locate(a) == reference(a)
