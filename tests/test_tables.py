"""The tables stage: printed values, splitting run-together digits, label matching, and whole tables."""

from __future__ import annotations

from pathlib import Path

import pytest

import govtext
from govtext.tables import T3_ROWS, parse_value
from govtext.tables.labels import match_label
from govtext.tables.read import stream_observations
from govtext.tables.split import split_groups, split_plain, split_row

from .conftest import SHARED, needs_corpus
from .helpers import make_docx

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", (12, True)),
        (" 1,024 ", (1024, True)),
        ("96171.6", (96171.6, True)),
        ("251000元", (251000, True)),
        ("-3", (-3, True)),
        ("", (None, True)),
        ("—", (None, True)),
        ("/", (None, True)),
        ("无", (None, False)),
        ("见附件", (None, False)),
        ("123456789012345", (123456789012345, True)),
        ("1" * 16, (None, False)),  # a run of junk digits, not a count
        ("1" * 20000, (None, False)),  # int() refused it with ValueError past 4300 digits
    ],
)
def test_parse_value(text: str, expected: tuple) -> None:
    assert parse_value(text) == expected


def test_split_row_by_row_sum() -> None:
    assert split_row("713000074", 7, lambda v: sum(v[:-1]) == v[-1])[0] == (71, 3, 0, 0, 0, 0, 74)
    # the printed space after 230 is wrong; the row sum still finds 23 … 23
    assert split_row("230 000023", 7, lambda v: sum(v[:-1]) == v[-1])[0] == (23, 0, 0, 0, 0, 0, 23)
    # spaces where they are right are kept
    assert split_row("1 11 0 0 0 0 12", 7, lambda v: sum(v[:-1]) == v[-1])[0] == (1, 11, 0, 0, 0, 0, 12)
    # no leading zeros: 0 is a cell of its own
    assert all("0" not in str(c)[:1] or c == 0 for cand in split_row("1001", 2, lambda v: True) for c in cand)


def test_split_groups_of_table_4() -> None:
    # 17 digits for 15 cells: only one split makes every group add up
    assert split_groups("10203120001200000", 3, 5) == [(1, 0, 2, 0, 3, 12, 0, 0, 0, 12, 0, 0, 0, 0, 0)]
    assert split_groups("21317000001324019", 3, 5)[0] == (2, 1, 3, 1, 7, 0, 0, 0, 0, 0, 13, 2, 4, 0, 19)
    assert split_groups("1 2 3", 3, 5) == []


def test_split_plain_prefers_even_parts_with_the_largest_last() -> None:
    assert split_plain("8855698", 3)[0] == (88, 55, 698)
    assert split_plain("000", 3) == [(0, 0, 0)]


@pytest.mark.parametrize(
    ("printed", "key", "how"),
    [
        ("1.属于国家秘密", "denied.state_secret", "exact"),
        ("（三）不予公开 1.属于国家秘密", "denied.state_secret", "exact"),
        ("三、本年度办理结果（一）予以公开", "granted", "exact"),
        ("4.无正当理由大量反复 申请", "not_processed.excessive", "exact"),
        ("3、危及三安全一稳定", "denied.security_stability", "exact"),
        ("2.其他法律行政止公开", "denied.prohibited_by_law", "exact"),  # a variant the schema lists
        ("2.其他法律行政法规禁止公kai", "denied.prohibited_by_law", "fuzzy"),
        ("5.要求行政机关确认或重 新出具\n已获取信息", "not_processed.confirmation", "exact"),
        ("（六）其他处理", "other", "exact"),
        ("3.其他", "other.other", "exact"),
    ],
)
def test_labels_match_canonical_rows(printed: str, key: str, how: str) -> None:
    m = match_label("t3", printed)
    assert m is not None and (m.key, m.how) == (key, how)


def test_labels_that_are_no_row() -> None:
    assert match_label("t3", "本年度我局共办理依申请公开") is None
    assert match_label("t2", "行政确认") is None


def test_stream_keeps_ordinals_with_their_labels() -> None:
    obs = stream_observations("（一）予以公开1000001（二）部分公开00000002.没有现成信息需要另行制作 3 0 0 0 0 0 3")
    assert [o.run for o in obs if o.run] == ["1000001", "0000000", "3 0 0 0 0 0 3"]
    assert obs[2].label.startswith("2.没有")


_T3_ROWS_TEXT = [
    ("一、本年新收政府信息公开申请数量", [5, 1, 0, 0, 0, 0, 6]),
    ("二、上年结转政府信息公开申请数量", [1, 0, 0, 0, 0, 0, 1]),
    ("三、本年度办理结果（一）予以公开", [3, 1, 0, 0, 0, 0, 4]),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", [1, 0, 0, 0, 0, 0, 1]),
    ("（三）不予公开 1.属于国家秘密", [0] * 7),
    ("2.其他法律行政法规禁止公开", [0] * 7),
    ("3.危及“三安全一稳定”", [0] * 7),
    ("4.保护第三方合法权益", [0] * 7),
    ("5.属于三类内部事务信息", [0] * 7),
    ("6.属于四类过程性信息", [0] * 7),
    ("7.属于行政执法案卷", [0] * 7),
    ("8.属于行政查询事项", [0] * 7),
    ("（四）无法提供 1.本机关不掌握相关政府信息", [1, 0, 0, 0, 0, 0, 1]),
    ("2.没有现成信息需要另行制作", [0] * 7),
    ("3.补正后申请内容仍不明确", [0] * 7),
    ("（五）不予处理 1.信访举报投诉类申请", [0] * 7),
    ("2.重复申请", [0] * 7),
    ("3.要求提供公开出版物", [0] * 7),
    ("4.无正当理由大量反复申请", [0] * 7),
    ("5.要求行政机关确认或重新出具已获取信息", [0] * 7),
    ("（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", [0] * 7),
    ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", [0] * 7),
    ("3.其他", [0] * 7),
    ("（七）总计", [5, 1, 0, 0, 0, 0, 6]),
    ("四、结转下年度继续办理", [1, 0, 0, 0, 0, 0, 1]),
]


def _flat_report(rows: list[tuple[str, list]], sep: str = "", t4: str = "1 0 0 0 1 0 0 0 0 0 0 0 0 0 0") -> str:
    body = "".join(label + sep.join(str(v) for v in vals) for label, vals in rows)
    return (
        "某某县民政局2023年政府信息公开工作年度报告\n一、总体情况\n本局认真做好政府信息公开工作。\n"
        "二、主动公开政府信息情况\n第二十条第（一）项 信息内容 本年制发件数 本年废止件数 现行有效件数 "
        "规章 0 0 0 行政规范性文件 1 0 4 第二十条第（五）项 信息内容 本年处理决定数量 行政许可 12 "
        "第二十条第（六）项 信息内容 本年处理决定数量 行政处罚 3 行政强制 0 "
        "第二十条第（八）项 信息内容 本年收费金额（单位：万元） 行政事业性收费 0\n"
        "三、收到和处理政府信息公开申请情况\n（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
        "申请人情况 自然人 法人或其他组织 总计 商业企业 科研机构 社会公益组织 法律服务机构 其他 " + body + "\n"
        "四、政府信息公开行政复议、行政诉讼情况\n行政复议 行政诉讼 结果维持 结果纠正 其他结果 尚未审结 总计 "
        "未经复议直接起诉 复议后起诉 结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计 "
        + t4
        + "\n五、存在的主要问题及改进情况\n问题是宣传不够。\n六、其他需要报告的事项\n本年度未收取信息处理费。\n"
    )


def test_flattened_text_with_run_together_digits() -> None:
    doc = govtext.analyze_text(_flat_report(_T3_ROWS_TEXT, sep="", t4="100010000000000"))
    t3 = doc.tables["t3"]
    assert t3.template == "2021" and t3.method == "text"
    keys = [r.key for r in T3_ROWS["2021"]]
    assert list(t3) == keys
    for key, (_, vals) in zip(keys, _T3_ROWS_TEXT, strict=True):
        assert list(t3[key].values()) == vals, key
        assert t3.rows[key].match == "exact"
    assert doc.tables["t4"]["review"] == {"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1}
    assert doc.tables["t2"]["normative_docs"] == {"made": 1, "repealed": 0, "in_force": 4}
    cell = t3.cell("new_received", "total")
    assert cell.text == "6" and cell.span is not None and cell.span.line == 7
    assert doc.meta.template == "2021"


def test_unknown_row_is_kept_and_reported() -> None:
    rows = list(_T3_ROWS_TEXT)
    rows.insert(12, ("9.属于省里新增的情形", [0] * 7))
    doc = govtext.analyze_text(_flat_report(rows, sep=" "))
    t3 = doc.tables["t3"]
    assert [e.label for e in t3.extra] == ["9.属于省里新增的情形"]
    assert t3.to_dict()["extra"] == {"9.属于省里新增的情形": [0] * 7}
    assert [f.rule for f in doc.findings if f.rule.startswith("GT2")] == ["GT205"]


def test_row_with_wrong_number_of_cells_is_a_located_finding() -> None:
    rows = list(_T3_ROWS_TEXT)
    rows[4] = ("（三）不予公开 1.属于国家秘密", [0, 0, 0, 0, 0])
    doc = govtext.analyze_text(_flat_report(rows, sep=" "))
    found = [f for f in doc.findings if f.rule == "GT201"]
    cell = found[0].cell if len(found) == 1 else None
    assert cell is not None and (cell.table, cell.row, cell.col) == ("t3", "denied.state_secret", None)
    assert found[0].span is not None and found[0].span.line == 7
    assert doc.tables["t3"]["denied.state_secret"]["total"] is None  # missing, not 0
    assert doc.tables["t3"]["new_received"]["total"] == 6  # the rest still read


def _docx_report(t3_rows: list[list[str]]) -> bytes:
    header = [["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"]]
    return make_docx(
        [
            "某某县民政局2023年政府信息公开工作年度报告",
            "一、总体情况",
            "本局认真做好政府信息公开工作。",
            "三、收到和处理政府信息公开申请情况",
            header + t3_rows,
            "四、政府信息公开行政复议、行政诉讼情况",
            [
                ["行政复议", "行政诉讼"],
                ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"],
                ["1", "0", "0", "0", "1", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0"],
            ],
        ]
    )


def test_docx_cell_with_text_where_a_number_belongs() -> None:
    rows = [[label, *map(str, vals)] for label, vals in _T3_ROWS_TEXT]
    rows[2][2] = "无"
    doc = govtext.analyze(_docx_report(rows), name="r.docx")
    t3 = doc.tables["t3"]
    assert t3.method == "docx"
    found = [f for f in doc.findings if f.rule == "GT202"]
    assert found and found[0].cell.row == "granted"
    assert t3.cell("granted", "commercial").text == "无" and t3["granted"]["commercial"] is None
    assert t3["new_received"]["total"] == 6 and doc.tables["t4"]["review"]["total"] == 1


@needs_corpus
def test_pdf_cells_have_page_and_box() -> None:
    doc = govtext.analyze(SHARED / "corpus" / "huaian_szf_2024.pdf")
    t3 = doc.tables["t3"]
    cell = t3.cell("new_received", "total")
    assert cell.value == 3119 and cell.text == "3119" and cell.span.page == 4
    x0, top, x1, bottom = cell.bbox
    assert 0 < x0 < x1 < 600 and 0 < top < bottom < 850
    # the box is where pdfplumber's geometry puts the word
    with doc.extraction.pdfplumber() as pdf:
        words = [w for w in pdf.pages[3].extract_words() if w["text"] == "3119"]
    assert any(abs(w["x0"] - x0) < 1.5 and abs(w["x1"] - x1) < 1.5 and abs(w["top"] - top) < 3 for w in words)
    # the label split over the page break (（四）无 … 法提供) still matches its rows
    assert t3["unable.needs_creation"]["total"] == 11 and t3.cell("unable.needs_creation", "total").span.page == 5


@needs_corpus
def test_seed_has_no_tables_and_says_so() -> None:
    doc = govtext.analyze(SHARED / "corpus" / "seed_pengjiang_minzheng_2023.txt")
    assert doc.tables == {"t2": None, "t3": None, "t4": None}
    assert sorted(f.cell.table for f in doc.findings if f.rule == "GT206") == ["t2", "t3", "t4"]


@needs_corpus
def test_hongze_2019_style_row_in_a_2021_table() -> None:
    doc = govtext.analyze(SHARED / "corpus" / "hongze_2023.pdf")
    t3 = doc.tables["t3"]
    assert t3.template == "2021" and t3["other"]["total"] == 0 and "other.other" not in t3.rows
    assert t3.rows["denied.prohibited_by_law"].label.endswith("其他法律行政止公开")
    assert doc.tables["t4"]["review"] == {"upheld": 10, "corrected": 1, "other": 0, "pending": 0, "total": 0}


def test_tables_glued_into_one_html_table() -> None:

    from govtext_synth import table_reports

    data, truth = table_reports.make_report(11, "html", template="2021")
    html = data.decode("utf-8")
    # tables 3 and 4 pasted into one <table>: the header rows of table 4 say where it begins
    start = html.index("</table><h2>四、")
    end = html.index("<table border='1'>", start) + len("<table border='1'>")
    glued = html[:start] + html[end:]
    tables = govtext.read_tables(glued.encode("utf-8"), name="glued.html")
    assert tables["t3"].to_dict() == truth["tables"]["t3"]
    assert tables["t4"].to_dict() == truth["tables"]["t4"]


def test_blank_marks_run_into_the_digits_stay_cells() -> None:
    from govtext.tables.split import blanks_as_zero, row_sum_ok, split_marked

    ok = blanks_as_zero(row_sum_ok)
    assert split_marked("45 15———262", 7, ok) == [(45, 15, None, None, None, 2, 62)]
    assert split_marked("8351154/38/992", 7, ok) == [(835, 115, 4, None, 38, None, 992)]
    assert split_marked("2-----2", 7, ok) == [(2, None, None, None, None, None, 2)]
    assert split_marked("212 - - - 1 24", 7, ok) == [(21, 2, None, None, None, 1, 24)]
    # an even run of — may be blanks printed —— each: 29——7——36 reads 29, blank, blank, 7, blank, blank, 36
    assert split_marked("29——7——36", 7, ok) == [(29, None, None, 7, None, None, 36)]
    assert split_marked("29——7——36", 5, ok) == [(29, None, 7, None, 36)]
    assert split_marked("4315——7—66", 7, ok) == []  # no split adds up: a certain contradiction
    assert split_marked("713000074", 7, ok) is None  # no mark: the plain splitter's business


@pytest.mark.parametrize(
    "row",
    ["一、本年新收政府信息公开申请数量45 15———262", "一、本年新收政府信息公开申请数量4515///262",
     "一、本年新收政府信息公开申请数量\n45 15---2 62", "一、本年新收政府信息公开申请数量 45 15 - - - 2 62"],
)  # fmt: skip
def test_a_crawler_row_with_glued_blank_marks_is_read_and_not_accused(row: str) -> None:
    text = (ROOT / "corpora" / "examples" / "example_2023.txt").read_text(encoding="utf-8").replace("\t", " ")
    old = "一、本年新收政府信息公开申请数量 51 6 0 0 2 1 60"
    new_received = {"natural_person": 45, "commercial": 15, "total": 62, "research": None}
    doc = govtext.analyze_text(text.replace(old, row))
    assert {c: doc.tables["t3"].get("new_received", c) for c in new_received} == new_received
    # the row no longer matches the rest of the table: warnings or errors about the balance, never a row sum
    assert "GT301" not in {f.rule for f in doc.findings}


def test_a_2021_table_2_row_has_no_sign() -> None:
    from govtext.tables.read import _t2_split

    assert _t2_split("3-26", 3, None) == [(3, None, 26)]
    assert _t2_split("39-111", 3, 1)[0][1] < 0  # the 2019 template's 本年增/减 may be negative


def test_a_sign_before_a_blank_mark_is_no_reading_and_no_crash() -> None:
    from govtext.tables.read import _t2_split

    # 12, a minus, then a blank printed as / or —: the sign signs no number (this raised TypeError)
    assert _t2_split("12 -/5", 3, 1) == []
    assert _t2_split("12-—5", 3, 1) == []
    assert _t2_split("12 -3 5", 3, 1) == [(12, -3, 5)]  # a signed number still reads


def test_table_settings_reach_the_reader() -> None:
    """The reader's thresholds are a TableSettings: the defaults give the stage's reading, others change it."""
    from govtext.tables import TableSettings, extract

    text = (ROOT / "corpora" / "examples" / "example_2023.txt").read_text(encoding="utf-8").replace("\t", " ")
    doc = govtext.analyze_text(text.replace("行政规范性文件 2 1 9", "行政规范性文件 21119"))
    row = [c for (r, _), c in doc.tables["t2"].cells.items() if r == "normative_docs"]
    assert {c.how for c in row} == {"guessed"} and {c.confidence for c in row} == {TableSettings().guessed}
    again = extract(doc)  # no settings: the defaults, the same reading
    assert again["t2"].data == doc.tables["t2"].data
    unsure = extract(doc, TableSettings(guessed=0.25))["t2"]
    assert {c.confidence for (r, _), c in unsure.cells.items() if r == "normative_docs"} == {0.25}


def test_read_steps_shows_what_each_step_did() -> None:
    """read_steps keeps the observations, the assignment and the source of each table; build() is its result."""
    from govtext.tables.read import read_steps

    doc = govtext.analyze(ROOT / "corpora" / "examples" / "example_2023.txt", stages=())
    reading = read_steps(doc)
    assert set(reading.observations) == {"grid", "text"}  # TAB rows are marked-up tables; the text is read too
    assert reading.source == {"t2": "grid", "t3": "grid", "t4": "grid"}
    t3_rows = reading.assigned["grid"]["t3"].rows
    assert {"new_received", "granted", "total", "carried_forward"} <= set(t3_rows)
    assert {k: t.data if t else None for k, t in reading.tables.items()} == {
        k: t.data if t else None for k, t in govtext.tables.extract(doc).items()
    }
    # a Word export whose text layer leaves table 3 unsure: read again from the page's ruling lines
    pdf = ROOT / "tests" / "data" / "office_pdf" / "report_0002.pdf"
    assert read_steps(govtext.analyze(pdf, stages=())).source["t3"] == "pdf-grid"


def test_pipe_rows_without_a_separator_line_traditional_labels_and_notes_after_labels() -> None:
    """A web page converted to text: cells between pipes with no Markdown separator line, padding pipes at the
    end, labels in traditional characters and a province's notes after them (规章（设区的市…）)."""
    text = (
        "某市某局2020年政府信息公開工作年度報告\n"
        "二、主動公開政府信息情況\n"
        "第二十條第（一）項 | |||||\n"
        "信息內容 | 本年新製作數量 | 本年新公開數量 | 對外公開總數量 | ||\n"
        "規章（設區的市、自治州人民政府應提供相關數據） | 0 | 0 | 0 | ||\n"
        "規範性文件 | 3 | 3 | 21 | ||\n"
        "第二十條第（五）項 | |||||\n"
        "信息內容 | 上一年項目數量 | 本年增/減 | 處理決定數量 | ||\n"
        "行政許可 | 8 | 5 | 93 | ||\n"
        "其他對外管理服務事項（指行政許可以外的政務服務事項） | 117 | 0 | 165 | ||\n"
    )
    doc = govtext.analyze(text.encode("utf-8"), format="txt", name="page.txt")
    t2 = doc.tables["t2"]
    assert t2 is not None and t2.method == "txt"  # read as a grid, not from the text's runs of numbers
    assert t2.data["regulations"] == {"new_made": 0, "new_published": 0, "published_total": 0}
    assert t2.data["normative_docs"] == {"new_made": 3, "new_published": 3, "published_total": 21}
    assert t2.data["licensing"] == {"prior_items": 8, "change": 5, "decisions": 93}
    assert t2.data["other_services"] == {"prior_items": 117, "change": 0, "decisions": 165}
    assert not [f for f in doc.findings if f.rule.startswith("GT2")]


def test_a_markdown_table_in_a_text_file_reads_without_its_separator_line_as_a_row() -> None:
    from govtext.io.text import tab_tables

    text = "| 信息内容 | 本年制发件数 |\n|---|:---:|\n| 规章 | 0 |\n| 行政规范性文件 | 2 |\n"
    (table,) = tab_tables(text)
    assert [[c.text for c in row] for row in table.rows] == [
        ["信息内容", "本年制发件数"],
        ["规章", "0"],
        ["行政规范性文件", "2"],
    ]


def test_every_kind_of_table_issue_is_reported_by_exactly_one_rule() -> None:
    """ISSUE_KINDS is what the reader may record; each kind has one GT2xx rule to word it, and no rule claims more."""
    from govtext.checks import all_rules
    from govtext.checks.tables import TableRule
    from govtext.tables.model import ISSUE_KINDS

    claimed = [k for rule in all_rules() if issubclass(rule, TableRule) for k in rule.kinds]
    assert sorted(claimed) == sorted(ISSUE_KINDS)


def test_a_table_holds_each_value_once_in_its_cell() -> None:
    from dataclasses import replace

    from govtext.tables.model import Table, TableCell

    doc = govtext.analyze(Path(__file__).resolve().parents[1] / "corpora" / "examples" / "example_2023.txt")
    t3 = doc.tables["t3"]
    assert t3 is not None
    cell = t3.cell("new_received", "total")
    assert cell is not None and t3.get("new_received", "total") == cell.value
    # data is a view of the cells: a write to it fails loudly instead of leaving the cell behind
    with pytest.raises(TypeError):
        t3.data["new_received"]["total"] = 0  # type: ignore[index]
    t3.put(replace(cell, value=999, text="999"))
    assert t3.data["new_received"]["total"] == t3["new_received"]["total"] == t3.get("new_received", "total") == 999
    assert t3.to_dict()["new_received"]["total"] == 999
    with pytest.raises(KeyError):
        t3.put(TableCell("t3", "no_such_row", "total", 1, "1"))
    # a value given without a cell is a recorded one: kept, never certain
    t = Table("t4", "2021", "unknown", {"review": {"total": 3, "upheld": None}})
    assert t.cell("review", "total") == TableCell("t4", "review", "total", 3, "3", how="recorded")
    assert t.cell("review", "upheld") is None and t.data == {"review": {"total": 3, "upheld": None}}
    with pytest.raises(ValueError, match="outside"):
        Table(
            "t4",
            "2021",
            "unknown",
            {"review": {"total": None}},
            {("suit", "total"): TableCell("t4", "suit", "total", 1, "1")},
        )


def test_the_2019_change_column_may_print_its_sign_as_a_word() -> None:
    text = (
        "青禾市某局2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（五）项\n"
        "信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n行政许可\t6\t减4\t2\n其他对外管理服务事项\t3\t增加2\t5\n"
    )
    doc = govtext.analyze_text(text)
    t2 = doc.tables["t2"]
    assert t2 is not None and t2["licensing"]["change"] == -4 and t2["other_services"]["change"] == 2
    assert t2.cell("licensing", "change").how == "read"
    assert not [f for f in doc.findings if f.rule == "GT202"]
    assert parse_value("减少 1") == (-1, True) and parse_value("增") == (None, False)
