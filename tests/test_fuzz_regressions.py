"""Inputs ``benchmarks/fuzz.py`` found that crashed or took quadratic time, in small generated form.

Each runs in about a second read linearly; before its fix it raised, or took minutes at full size.
"""

from __future__ import annotations

import govtext
from govtext.claims import MAX_PROSE_NUMBERS, read_mentions

HEAD = "某局2023年政府信息公开工作年度报告\n一、总体情况\n全年主动公开政府信息125条。\n"


def test_a_pipe_row_of_thousands_of_cells() -> None:
    # tables.align.fit tried every start of a run of 7 cells and checked every cell for each (quadratic)
    row = "| 收到申请 " + "| 1 " * 20_000 + "|\n"
    doc = govtext.analyze((HEAD + "| a | b |\n|---|---|\n" + row).encode(), name="r.md")
    assert "全年主动公开政府信息125条" in doc.text


def test_a_sentence_of_thousands_of_counts_is_not_linked() -> None:
    # claims.link looked at every pair of claims of a sentence; such a "sentence" is a table run together
    text = "收到申请" + "、".join(f"{k}件" for k in range(3 * MAX_PROSE_NUMBERS)) + "。"
    for sentence in (text, "共" + text):
        mentions = read_mentions(sentence)
        assert len(mentions) > MAX_PROSE_NUMBERS
        assert all(m.role is None for m in mentions)


def test_blank_lines_and_tabs_do_not_slow_the_markdown_sniff() -> None:
    # "^\\s*" under MULTILINE ran from every line start over all the blank lines after it
    doc = govtext.analyze((HEAD + "\n \t" * 30_000 + "\n二、主动公开政府信息情况\n").encode(), name="r.txt")
    assert "全年主动公开政府信息125条" in doc.text


def test_thousands_of_number_runs_after_a_table() -> None:
    # segment._prose_tail tried every run of numbers after the last table, each reading to the end
    table = "第二十条第（一）项 信息内容 本年制发件数 本年废止件数 现行有效件数 规章 0 0 0\n"
    tail = "".join(f"第{k}项 {k}.{k} " for k in range(20_000))
    doc = govtext.analyze((HEAD + table + tail + "\n以上为本年度情况。").encode(), name="r.txt")
    assert "全年主动公开政府信息125条" in doc.text


def test_a_long_run_of_digits_and_dots_in_a_sentence() -> None:
    # claims._UNIT_NUMBER and GT404's _AFTER_NUMBER started at every digit after a "." and read to the
    # end of the run: "0." x 20 000 in one sentence took over 60 s (10 000-input fuzz run, seed 7)
    text = HEAD + "三、收到和处理政府信息公开申请情况 结果维持" + "0." * 20_000 + "\n本年收到申请3件。\n"
    doc = govtext.analyze(text.encode(), name="r.txt")
    assert any(c.value == 3 for c in doc.claims)


def test_thousands_of_unclosed_comments() -> None:
    # normalize.strip_markup's "<!--.*?-->" ran from every unclosed "<!--" to the end of the text:
    # 20 000 of them in 80 KB took 10 s (the same fuzz run)
    text = HEAD + "本年收到申请3件。<!--[if !supportLists]-->其中自然人3件。\n" + "<!--" * 20_000 + "\n以上。\n"
    doc = govtext.analyze(text.encode(), name="r.md")
    assert "本年收到申请3件。其中自然人3件" in doc.text and "supportLists" not in doc.text
    assert doc.text.count("<!--") == 20_000  # never closed: text, kept


def test_thousands_of_zero_statements_in_one_sentence() -> None:
    # claims.link paired every claim with every later one: 2 000 "本年度未收取…" run together in one
    # 40 000-character sentence took over 60 s (10 000-input fuzz run, seed 8)
    text = HEAD + "本年度未收取信息处理费、其他需要报告的事项" * 2_000 + "\n本年收到申请3件。\n"
    mentions = read_mentions("本年度未收取信息处理费、" * 2_000)
    assert len(mentions) > MAX_PROSE_NUMBERS and not any(m.claim for m in mentions)
    doc = govtext.analyze(text.encode(), name="r.txt")
    assert any(c.value == 3 for c in doc.claims)


def test_a_cell_spanning_a_hundred_million_columns() -> None:
    # tables.align.positions walked every column a cell spans, with no deadline check: an HTML table cell with
    # colspan="99999999" (a fuzzed page) kept the analysis for minutes. Spans are clamped as browsers clamp them.
    from govtext.io import read
    from govtext.io.base import MAX_COLSPAN, MAX_ROWSPAN
    from govtext.tables.align import positions

    row = '<tr><td rowspan="99999999" colspan="99999999">收到申请</td><td>1</td></tr>'
    page = f"<html><body><p>{HEAD}</p><table>{row * 3}</table></body></html>"
    ext, _ = read(page.encode(), name="r.html")
    (table,) = ext.tables
    assert (table.rows[0][0].rowspan, table.rows[0][0].colspan) == (MAX_ROWSPAN, MAX_COLSPAN)
    doc = govtext.analyze(page.encode(), name="r.html")
    assert "全年主动公开政府信息125条" in doc.text
    # and where a reader did not clamp them: the grid is laid out on clamped spans
    assert positions([[(10**8, 10**8), (1, 1)], [(1, 1)]]) == [[0, MAX_COLSPAN], [MAX_COLSPAN]]


def test_a_word_cell_spanning_a_hundred_million_grid_columns() -> None:
    # io.docx laid every w:gridSpan column out one by one: w:gridSpan w:val="99999999" never finished
    import io

    import docx
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    from govtext.io import read
    from govtext.io.base import MAX_COLSPAN

    d = docx.Document()
    d.add_paragraph(HEAD)
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text, table.cell(1, 0).text, table.cell(1, 1).text = (
        "收到申请",
        "1",
        "a",
        "2",
    )
    span = OxmlElement("w:gridSpan")
    span.set(qn("w:val"), "99999999")
    table.cell(0, 0)._tc.get_or_add_tcPr().append(span)
    buf = io.BytesIO()
    d.save(buf)
    ext, _ = read(buf.getvalue(), name="r.docx")
    assert ext.tables and max(c.colspan for row in ext.tables[0].rows for c in row) <= MAX_COLSPAN
    assert "全年主动公开政府信息125条" in govtext.analyze(buf.getvalue(), name="r.docx").text


def test_a_pdf_with_a_long_run_of_digits_between_its_objects() -> None:
    # io.pdf's look for object references (12 0 R) tried every digit of a run as a start and every length:
    # a fuzzed PDF with 80 KB of digits took 40 s before a page was read
    from govtext.io.pdf import check_streams
    from govtext.limits import Limits

    stream = b"5 0 obj\n<</Length 3/Filter/FlateDecode>>\nstream\nabc\nendstream\nendobj\n"
    data = b"%PDF-1.7\n" + b"7" * 300_000 + b" 0 " + b"1" * 300_000 + stream + b"%%EOF\n"
    check_streams(data, Limits())  # a stream zlib cannot inflate is left to pdfium: no error, and no minutes


def test_pdf_object_numbers_of_thousands_of_digits() -> None:
    # int() refuses a number of over 4 300 digits: an object number or reference that long is no object of a PDF
    from govtext.io.pdf import _REF, check_streams
    from govtext.limits import Limits

    big = b"9" * 5_000
    data = (b"%PDF-1.7\n1 0 obj\n<</FontFile2 " + big + b" 0 R>>\nendobj\n2 0 obj\n<</Length 3/Filter/FlateDecode>>\n"
            b"stream\nabc\nendstream\nendobj\n" + big + b" 0 R\n%%EOF\n")  # fmt: skip
    check_streams(data, Limits())
    assert _REF.findall(big + b" 0 R") == []
