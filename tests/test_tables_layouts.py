"""Markdown and HTML layouts that converters and CMS exports write, read exactly (small fixtures written here).

Each layout is read back cell for cell, its consistent version gives no error finding, and the
same report with one cell changed gives the error that cell breaks.
"""

from __future__ import annotations

import pytest

import govtext
from govtext.tables import T3_COLUMN_KEYS, T4_GROUP_KEYS, T4_OUTCOME_KEYS

# (label cells, values): 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计
_G = "三、本年度办理结果"
T3: list[tuple[tuple[str, str, str], list[int]]] = [
    (("一、本年新收政府信息公开申请数量", "", ""), [2, 1, 0, 0, 0, 31, 34]),
    (("二、上年结转政府信息公开申请数量", "", ""), [1, 0, 0, 0, 0, 0, 1]),
    ((_G, "（一）予以公开", ""), [2, 1, 0, 0, 0, 19, 22]),
    ((_G, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ""), [1, 0, 0, 0, 0, 0, 1]),
    ((_G, "（三）不予公开", "1.属于国家秘密"), [0] * 7),
    ((_G, "（三）不予公开", "2.其他法律行政法规禁止公开"), [0] * 7),
    ((_G, "（三）不予公开", "3.危及“三安全一稳定”"), [0] * 7),
    ((_G, "（三）不予公开", "4.保护第三方合法权益"), [0] * 7),
    ((_G, "（三）不予公开", "5.属于三类内部事务信息"), [0] * 7),
    ((_G, "（三）不予公开", "6.属于四类过程性信息"), [0] * 7),
    ((_G, "（三）不予公开", "7.属于行政执法案卷"), [0] * 7),
    ((_G, "（三）不予公开", "8.属于行政查询事项"), [0] * 7),
    ((_G, "（四）无法提供", "1.本机关不掌握相关政府信息"), [0, 0, 0, 0, 0, 12, 12]),
    ((_G, "（四）无法提供", "2.没有现成信息需要另行制作"), [0] * 7),
    ((_G, "（四）无法提供", "3.补正后申请内容仍不明确"), [0] * 7),
    ((_G, "（五）不予处理", "1.信访举报投诉类申请"), [0] * 7),
    ((_G, "（五）不予处理", "2.重复申请"), [0] * 7),
    ((_G, "（五）不予处理", "3.要求提供公开出版物"), [0] * 7),
    ((_G, "（五）不予处理", "4.无正当理由大量反复申请"), [0] * 7),
    ((_G, "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"), [0] * 7),
    ((_G, "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"), [0] * 7),
    ((_G, "（六）其他处理", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"), [0] * 7),
    ((_G, "（六）其他处理", "3.其他"), [0] * 7),
    ((_G, "（七）总计", ""), [3, 1, 0, 0, 0, 31, 35]),
    (("四、结转下年度继续办理", "", ""), [0] * 7),
]
T3_KEYS = [
    "new_received", "carried_over", "granted", "partially_granted",
    "denied.state_secret", "denied.prohibited_by_law", "denied.security_stability", "denied.third_party",
    "denied.internal_affairs", "denied.process_info", "denied.enforcement_files", "denied.query_matters",
    "unable.not_held", "unable.needs_creation", "unable.unclear",
    "not_processed.complaint", "not_processed.repeated", "not_processed.publication", "not_processed.excessive",
    "not_processed.confirmation", "other.no_correction", "other.unpaid_fee", "other.other", "total", "carried_forward",
]  # fmt: skip
T4 = [119, 25, 91, 24, 259, 7, 0, 15, 6, 28, 21, 1, 7, 9, 38]
T4_CUT = "行政复议行政诉讼"
T2_ROWS = [("规章", [0, 0, 3]), ("行政规范性文件", [2, 1, 9]), ("行政许可", [97]), ("行政处罚", [12]),
           ("行政强制", [0]), ("行政事业性收费", [3.5])]  # fmt: skip
T2_BLOCKS = [
    ("第二十条第（一）项", ["本年制发件数", "本年废止件数", "现行有效件数"], [0, 1]),
    ("第二十条第（五）项", ["本年处理决定数量"], [2]),
    ("第二十条第（六）项", ["本年处理决定数量"], [3, 4]),
    ("第二十条第（八）项", ["本年收费金额（单位：万元）"], [5]),
]
T3_HEAD = ["申请人情况"] * 7
T3_HEAD2 = ["自然人", "法人或其他组织", "法人或其他组织", "法人或其他组织", "法人或其他组织", "法人或其他组织", "总计"]
T3_HEAD3 = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
T4_HEAD = ["行政复议"] * 5 + ["行政诉讼"] * 10
T4_HEAD2 = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] + ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5
T4_HEAD3 = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3


def _num(v: float) -> str:
    return str(v)


def md_row(cells: list[str], pad: str = "", pipes: bool = True) -> str:
    cells = [*cells, ""] if pad == "trailing" else (["", *cells] if pad == "leading" else cells)
    return ("| " + " | ".join(cells) + " |") if pipes or not (cells[0] and cells[-1]) else " | ".join(cells)


def md_table(rows: list[list[str]], nhead: int = 1, pad: str = "", pad_header: bool = True, pipes: bool = True,
             rule: str = "---") -> str:  # fmt: skip
    lines = []
    for i, row in enumerate(rows):
        lines.append(md_row(row, pad if (i >= nhead or pad_header) else "", pipes))
        if i == 0:
            n = len(row) + (1 if pad and pad_header else 0)
            lines.append(("| " + " | ".join([rule] * n) + " |") if pipes else " | ".join([rule] * n))
    return "\n".join(lines)


def t2_md(skip: tuple[str, ...] = (), **kw: object) -> str:
    rows: list[list[str]] = []
    for title, cols, idx in T2_BLOCKS:
        kept = [T2_ROWS[i] for i in idx if T2_ROWS[i][0] not in skip]
        if not kept:
            continue
        rows.append([title] * 4)
        spread = cols if len(cols) == 3 else cols * 3
        rows.append(["信息内容", *spread])
        for label, vals in kept:
            rows.append([label, *(map(_num, vals if len(vals) == 3 else vals * 3))])
    return md_table(rows, **kw)  # type: ignore[arg-type]


def t3_md(t3: list[list[int]] | None = None, simple: bool = False, **kw: object) -> str:
    t3 = t3 or [v for _, v in T3]
    note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    if simple:
        rows = [[note] * 3 + ["申请人情况"] * 3, [note] * 3 + ["自然人", "法人或其他组织", "总计"]]
        for (labels, _), v in zip(T3, t3, strict=True):
            rows.append([*labels, str(v[0]), str(sum(v[1:6])), str(v[6])])
        return md_table(rows, nhead=2, **kw)  # type: ignore[arg-type]
    rows = [[note] * 3 + T3_HEAD, [note] * 3 + T3_HEAD2, [note] * 3 + T3_HEAD3]
    for (labels, _), v in zip(T3, t3, strict=True):
        rows.append([*labels, *map(str, v)])
    return md_table(rows, nhead=3, **kw)  # type: ignore[arg-type]


def t4_md(t4: list[int] | None = None, layout: str = "grid", **kw: object) -> str:
    nums = [str(v) for v in (t4 or T4)]
    if layout == "cut_header":
        return md_table([[T4_CUT] + [""] * 14, nums], nhead=1, **kw)  # type: ignore[arg-type]
    if layout == "cut_line":
        return T4_CUT + "\n\n" + md_table([nums], nhead=0, **kw)  # type: ignore[arg-type]
    return md_table([T4_HEAD, T4_HEAD2, T4_HEAD3, nums], nhead=3, **kw)  # type: ignore[arg-type]


def report(t2: str, t3: str, t4: str, before_t2: str = "") -> str:
    return (
        "# 某某县民政局2023年政府信息公开工作年度报告\n\n## 一、总体情况\n\n本局认真做好政府信息公开工作。\n\n"
        f"## 二、主动公开政府信息情况\n\n{before_t2}{t2}\n\n## 三、收到和处理政府信息公开申请情况\n\n{t3}\n\n"
        f"## 四、政府信息公开行政复议、行政诉讼情况\n\n{t4}\n\n## 五、存在的主要问题及改进情况\n\n问题是宣传不够。\n\n"
        "## 六、其他需要报告的事项\n\n本年度未收取信息处理费。\n"
    )


def analyze(text: str, fmt: str = "md") -> govtext.Document:
    return govtext.analyze(text.encode("utf-8"), name=f"r.{fmt}")


def errors(doc: govtext.Document) -> list[tuple[str, str | None]]:
    return sorted((f.rule, (f.cell.row if f.cell else None)) for f in doc.findings if f.severity == "error")


def reading(doc: govtext.Document) -> list[str]:
    return sorted(f.rule for f in doc.findings if f.rule.startswith("GT2"))


def assert_t3(doc: govtext.Document, simple: bool = False) -> None:
    t3 = doc.tables["t3"]
    for key, (_, vals) in zip(T3_KEYS, T3, strict=True):
        want = dict(zip(T3_COLUMN_KEYS, vals, strict=True))
        if simple:
            want = {c: (v if c in ("natural_person", "total") else None) for c, v in want.items()}
        assert t3[key] == want, key


def assert_t4(doc: govtext.Document) -> None:
    t4 = doc.tables["t4"]
    for i, v in enumerate(T4):
        assert t4[T4_GROUP_KEYS[i // 5]][T4_OUTCOME_KEYS[i % 5]] == v


def changed_t3(row: int, col: int, delta: int = 1) -> list[list[int]]:
    t3 = [list(v) for _, v in T3]
    t3[row][col] += delta
    return t3


# --------------------------------------------------------------------------- Markdown


@pytest.mark.parametrize(
    ("pad", "pad_header"), [("trailing", True), ("trailing", False), ("leading", True), ("leading", False)]
)
def test_md_rows_with_an_empty_pipe_cell_are_aligned_by_the_header(pad: str, pad_header: bool) -> None:
    kw = {"pad": pad, "pad_header": pad_header}
    doc = analyze(report(t2_md(**kw), t3_md(**kw), t4_md(**kw)))
    assert_t3(doc)
    assert_t4(doc)
    assert doc.tables["t2"]["licensing"]["decisions"] == 97
    assert errors(doc) == [] and reading(doc) == []
    # one cell changed: the row sum breaks where it was changed, nowhere else
    doc = analyze(report(t2_md(**kw), t3_md(changed_t3(2, 0), **kw), t4_md(**kw)))
    assert doc.tables["t3"]["granted"]["natural_person"] == 3
    assert ("GT301", "granted") in errors(doc) and {r for r, _ in errors(doc)} <= {"GT301", "GT302"}


def test_md_row_with_more_cells_than_columns_keeps_only_empty_cells_out() -> None:
    t3 = t3_md().replace("| 一、本年新收政府信息公开申请数量 |", "| | 一、本年新收政府信息公开申请数量 |")
    t3 = t3.replace("| 12 | 12 |", "| 12 | 12 | |")
    doc = analyze(report(t2_md(), t3, t4_md()))
    assert_t3(doc)
    assert errors(doc) == [] and reading(doc) == []


@pytest.mark.parametrize("rule", [":---:", "-", "---:"])
def test_md_without_outer_pipes(rule: str) -> None:
    kw = {"pipes": False, "rule": rule}
    doc = analyze(report(t2_md(**kw), t3_md(**kw), t4_md(**kw)))
    assert "\n一、本年新收政府信息公开申请数量 |" in report(t2_md(**kw), t3_md(**kw), t4_md(**kw))
    assert_t3(doc)
    assert_t4(doc)
    assert errors(doc) == [] and reading(doc) == []
    doc = analyze(report(t2_md(**kw), t3_md(changed_t3(0, 6), **kw), t4_md(**kw)))
    assert ("GT301", "new_received") in errors(doc)


@pytest.mark.parametrize("layout", ["cut_header", "cut_line"])
@pytest.mark.parametrize("pad", ["", "trailing"])
def test_md_t4_one_row_under_a_cut_header(layout: str, pad: str) -> None:
    doc = analyze(report(t2_md(), t3_md(), t4_md(layout=layout, pad=pad)))
    assert_t4(doc)
    assert errors(doc) == [] and reading(doc) == []
    bad = list(T4)
    bad[6] += 1  # litigation_direct.corrected
    doc = analyze(report(t2_md(), t3_md(), t4_md(bad, layout=layout, pad=pad)))
    assert doc.tables["t4"]["litigation_direct"]["corrected"] == 1
    assert errors(doc) == [("GT305", "litigation_direct")]


def test_md_t4_caption_names_the_table() -> None:
    t4 = "**表四**\n\n" + md_table([[str(v) for v in T4]], nhead=0)
    doc = analyze(report(t2_md(), "**表三**\n\n" + t3_md(), t4))
    assert_t4(doc)
    assert errors(doc) == [] and reading(doc) == []


def test_md_t2_rows_as_plain_lines_before_the_pipe_table() -> None:
    lines = "规章 0 0 3\n\n行政许可 97\n\n行政事业性收费 3.5\n\n"
    skip = ("规章", "行政许可", "行政事业性收费")
    doc = analyze(report(t2_md(skip=skip), t3_md(), t4_md(), before_t2=lines))
    t2 = doc.tables["t2"]
    assert t2["licensing"]["decisions"] == 97 and t2["fees"]["amount_wan"] == 3.5
    assert t2["regulations"] == {"made": 0, "repealed": 0, "in_force": 3}
    assert t2["normative_docs"] == {"made": 2, "repealed": 1, "in_force": 9} and t2["penalty"]["decisions"] == 12
    assert t2.cell("licensing", "decisions").span.line == 11  # the plain line, in the Markdown file
    assert errors(doc) == [] and reading(doc) == []
    doc = analyze(report(t2_md(skip=skip), t3_md(), t4_md(), before_t2=lines.replace("97", "97.5")))
    assert errors(doc) == [("GT304", "licensing")]


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_simplified_t3_with_three_columns(fmt: str) -> None:
    t3 = t3_md(simple=True) if fmt == "md" else html_t3(simple=True)
    text = report(t2_md(), t3, t4_md())
    doc = analyze(text if fmt == "md" else md_to_html(text), fmt)
    assert_t3(doc, simple=True)
    cell = doc.tables["t3"].cell("new_received", "commercial")
    assert cell.value is None and cell.text == "" and cell.confidence == 0.0  # missing, not 0
    assert errors(doc) == []
    (issue,) = [i for i in doc.tables["t3"].issues if i.kind == "columns_missing"]
    assert issue.observed["法人或其他组织"]["new_received"] == 32 and "32" in issue.message
    # natural_person changed in 一、本年新收: the balance of that column breaks
    t3 = t3_md(changed_t3(0, 0), simple=True) if fmt == "md" else html_t3(changed_t3(0, 0), simple=True)
    text = report(t2_md(), t3, t4_md())
    doc = analyze(text if fmt == "md" else md_to_html(text), fmt)
    (balance,) = [f for f in doc.findings if f.severity == "error"]
    assert balance.rule == "GT303" and balance.cell.col == "natural_person"


# --------------------------------------------------------------------------- HTML


def md_to_html(text: str) -> str:
    """The fixture report as HTML: headings and paragraphs as <p>, Markdown tables as simple <table>s."""
    out = ["<html><body>"]
    for block in text.split("\n\n"):
        block = block.strip()
        if block.startswith("<table"):
            out.append(block)
        elif "|" in block:
            rows = [r for r in block.split("\n") if not set(r) <= set("|-: ")]
            body = "".join(
                "<tr>" + "".join(f"<td>{c.strip()}</td>" for c in r.strip().strip("|").split("|")) + "</tr>"
                for r in rows
            )
            out.append(f"<table>{body}</table>")
        else:
            out.append(f"<p>{block.lstrip('# ')}</p>")
    return "\n".join(out) + "</body></html>"


def html_t3(t3: list[list[int]] | None = None, simple: bool = False, merge: str = "span", th: bool = False) -> str:
    """Table 3 with the standard three-row header: merged with rowspan/colspan ("span"), or unmerged with the
    merged text in every cell ("repeat") or in the first only ("empty"); header cells <th> or <td>."""
    t3 = t3 or [v for _, v in T3]
    h = "th" if th else "td"
    note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    if simple:
        head = (
            f"<tr><{h} rowspan='2' colspan='3'>{note}</{h}><{h} colspan='3'>申请人情况</{h}></tr>"
            f"<tr><{h}>自然人</{h}><{h}>法人或其他组织</{h}><{h}>总计</{h}></tr>"
        )
        body = "".join(
            "<tr>" + "".join(f"<td>{x}</td>" for x in labels if x) + f"<td>{v[0]}</td><td>{sum(v[1:6])}</td>"
            f"<td>{v[6]}</td></tr>"
            for (labels, _), v in zip(T3, t3, strict=True)
        )
        return f"<table>{head}{body}</table>"
    if merge == "span":
        head = (
            f"<tr><{h} rowspan='3' colspan='3'>{note}</{h}><{h} colspan='7'>申请人情况</{h}></tr>"
            f"<tr><{h} rowspan='2'>自然人</{h}><{h} colspan='5'>法人或其他组织</{h}><{h} rowspan='2'>总计</{h}></tr>"
            "<tr>" + "".join(f"<{h}>{x}</{h}>" for x in T3_HEAD3[1:6]) + "</tr>"
        )
    else:
        rows = [[note] * 3 + T3_HEAD, [note] * 3 + T3_HEAD2, [note] * 3 + T3_HEAD3]
        head = ""
        for r, row in enumerate(rows):
            cells = []
            for c, x in enumerate(row):
                first = (r == 0 or rows[r - 1][c] != x) and (c == 0 or row[c - 1] != x)
                cells.append(x if merge == "repeat" or first else "")
            head += "<tr>" + "".join(f"<{h}>{x}</{h}>" for x in cells) + "</tr>"
    body = "".join(
        "<tr>" + "".join(f"<td>{x}</td>" for x in labels) + "".join(f"<td>{x}</td>" for x in v) + "</tr>"
        for (labels, _), v in zip(T3, t3, strict=True)
    )
    return f"<table>{head}{body}</table>"


@pytest.mark.parametrize(("merge", "th"), [("span", False), ("span", True), ("repeat", False), ("empty", True)])
def test_html_three_row_t3_header_is_no_data_row(merge: str, th: bool) -> None:
    doc = analyze(md_to_html(report(t2_md(), html_t3(merge=merge, th=th), t4_md())), "html")
    assert_t3(doc)
    assert_t4(doc)
    assert errors(doc) == [] and reading(doc) == []  # no phantom 其他 or 总计 row (GT204, GT201)
    html = md_to_html(report(t2_md(), html_t3(changed_t3(22, 5), merge=merge, th=th), t4_md()))
    doc = analyze(html, "html")
    assert ("GT301", "other.other") in errors(doc)


# --------------------------------------------------------------------------- a table converted to text one cell a line


def _t2_rows() -> list[list[str]]:
    rows: list[list[str]] = []
    for title, cols, idx in T2_BLOCKS:
        rows.append([title])
        rows.append(["信息内容", *cols])
        rows += [[T2_ROWS[i][0], *map(_num, T2_ROWS[i][1])] for i in idx]
    return rows


def _t3_rows(t3: list[list[int]]) -> list[list[str]]:
    rows = [["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"],
            ["自然人", "法人或其他组织", "总计"], T3_HEAD3[1:6]]  # fmt: skip
    return rows + [[c for c in labels if c] + [str(v) for v in vals] for (labels, _), vals in zip(T3, t3, strict=True)]


def cells_a_line(rows: list[list[str]], pipe: str) -> str:
    """What some converters make of a web page's table: every cell on a line of its own, a pipe after it or not."""
    return "\n".join(f"{cell}{pipe}" for row in rows for cell in row)


@pytest.mark.parametrize("pipe", [" |", "", "｜"])
def test_a_table_converted_to_text_one_cell_a_line(pipe: str) -> None:
    t4 = [["行政复议", "行政诉讼"], T4_HEAD2[:5], T4_HEAD3, [str(v) for v in T4]]

    def text(t3: list[list[int]]) -> str:
        return report(cells_a_line(_t2_rows(), pipe), cells_a_line(_t3_rows(t3), pipe), cells_a_line(t4, pipe))

    doc = analyze(text([v for _, v in T3]), fmt="txt")
    assert_t3(doc)
    assert_t4(doc)
    assert doc.tables["t2"]["normative_docs"] == {"made": 2, "repealed": 1, "in_force": 9}
    assert doc.tables["t2"]["fees"]["amount_wan"] == 3.5
    assert errors(doc) == [] and reading(doc) == []
    # one cell changed: the row sum breaks where it was changed
    doc = analyze(text(changed_t3(2, 0)), fmt="txt")
    assert doc.tables["t3"]["granted"]["natural_person"] == 3
    assert ("GT301", "granted") in errors(doc) and {r for r, _ in errors(doc)} <= {"GT301", "GT302"}


def test_lines_of_several_numbers_stay_rows_of_their_own() -> None:
    from govtext.tables.read import _cells_a_line

    text = "一、本年新收 |\n504 |\n218 |\n0\n二、上年结转\n1 0 0\n2 0 0\n3\n"
    joined = _cells_a_line(text)
    assert len(joined) == len(text)  # the same offsets
    assert joined.startswith("一、本年新收 |\n504   218   0\n二、上年结转\n1 0 0\n2 0 0\n3\n")


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_pipe_rows_keep_the_blank_cells_at_the_end_of_a_row_of_numbers(fmt: str) -> None:
    """``a | b |`` rows without a separator line, in a Markdown file or in text: table 4's row of values keeps
    its last, blank cells (other rows' padding at the end is dropped), so its values stay under their columns."""
    import re

    head = [" | ".join(T4_HEAD3) + " |"]
    values = T4[:10] + [0] * 5
    row = " | ".join(str(v) for v in T4[:10]) + " |" + "  |" * 5  # the last group printed blank
    text = report(t2_md(), t3_md(), "\n".join([T4_CUT + " |", *head, row]))
    if fmt == "txt":  # no Markdown at all: no heading marks, no separator lines
        text = re.sub(r"^\|(?: --- \|)+\n|^#+ ", "", text, flags=re.M)
    doc = analyze(text, fmt=fmt)
    assert doc.source.format == fmt
    t4 = doc.tables["t4"]
    got = [t4.get(g, o) for g in T4_GROUP_KEYS for o in T4_OUTCOME_KEYS]
    assert got == values[:10] + [None] * 5
    assert errors(doc) == [] and not [f for f in doc.findings if f.rule == "GT201"]
