#!/usr/bin/env python3
"""Invented reports with the three standard tables, in every format govtext reads, and their truth.

For round-trip tests of the tables stage: :func:`random_tables` draws table values
that satisfy every identity of ``annual-report-format.md`` (table 3 row sums,
outcome sums and balance; table 4 group sums) for the 2021 or the 2019 template;
:func:`render` prints a whole short report around them as

* ``txt`` — crawler-style flattened text, cells run together or spaced;
* ``md`` — Markdown pipe tables;
* ``html`` — ``<table>`` with rowspan/colspan, ``&nbsp;`` in blank cells;
* ``docx`` — Word tables with merged cells (python-docx);
* ``pdf`` — ruled tables drawn with reportlab's CID font: table 3 split over a page
  break (with or without its header repeated), row-group labels printed one
  character per line, long labels wrapped, page numbers ``- N -``.

Options (``blank_zeros`` prints zero cells blank, ``run_together`` for text) are
drawn from the seed; the truth returned is the table **as printed** (a blank cell
is ``None``).  The same seed gives the same bytes.  All labels come from
``govtext.tables.schema``; every other word is invented here.

    python -m govtext_synth.table_reports --seed 1 --n 20 --out DIR
"""

from __future__ import annotations

import argparse
import io
import json
import random
import sys
from pathlib import Path
from typing import Any

from govtext.tables.schema import (
    T2_COLUMN_LABELS,
    T2_ROWS,
    T3_GROUPS,
    T3_ROWS,
    T4_GROUP_KEYS,
    T4_OUTCOME_KEYS,
    T4_OUTCOMES,
)

from . import tables as _rich

FORMATS = ("txt", "md", "html", "docx", "pdf")
PLACES = ("青禾市", "临溪区", "南岭县", "白沙镇", "云川市", "石桥区")
OFFICES = ("民政局", "教育局", "市场监督管理局", "人民政府办公室", "自然资源局", "交通运输局")
T2_TITLES = {"2021": ("第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"),
             "2019": ("第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项", "第二十条第（九）项")}  # fmt: skip
T2_BLOCKS = {
    "2021": (("regulations", "normative_docs"), ("licensing",), ("penalty", "coercion"), ("fees",)),
    "2019": (("regulations", "normative_docs"), ("licensing", "other_services"), ("penalty", "coercion"), ("fees",),
             ("procurement",)),
}  # fmt: skip


# --------------------------------------------------------------------------- values


def random_tables(rng: random.Random, template: str) -> dict[str, Any]:
    """Table values for ``template`` ("2021" or "2019") that satisfy every identity: the one value
    generator of this tool, :func:`govtext_synth.tables.random_tables` (the labels and keys are the
    schema's); this module only prints them its plainer ways."""
    return _rich.random_tables(rng, template)


def check_identities(tables: dict[str, Any]) -> list[str]:
    """The identities the values break (empty for every table this module draws)."""
    return _rich.check_identities(tables, _template_of(tables))


def _template_of(tables: dict[str, Any]) -> str:
    """2019 or 2021, by the rows of table 3 the values have."""
    return "2021" if set(tables["t3"]) == {r.key for r in T3_ROWS["2021"]} else "2019"


def as_printed(tables: dict[str, Any], blank_zeros: bool) -> dict[str, Any]:
    """The truth a reader should get back: zeros printed blank are ``None``."""
    if not blank_zeros:
        return tables
    return {t: {r: {c: (None if v == 0 else v) for c, v in cols.items()} for r, cols in rows.items()}
            for t, rows in tables.items()}  # fmt: skip


def _fmt(v: Any) -> str:
    return "" if v is None else str(v)


# --------------------------------------------------------------------------- layout as rows


def _t3_label(key: str, template: str) -> tuple[str | None, str]:
    """(group label or None, row label) as the template prints them."""
    spec = next(r for r in T3_ROWS[template] if r.key == key)
    group = key.split(".")[0] if "." in key else None
    if key in ("granted", "partially_granted"):
        return "三、本年度办理结果", spec.label
    if group in T3_GROUPS:
        return T3_GROUPS[group], spec.label
    if key == "other" or key == "total":
        return "三、本年度办理结果", spec.label
    return None, spec.label


def _t2_header(template: str, block: tuple[str, ...]) -> list[str]:
    cols = next(s for s in T2_ROWS[template] if s.key == block[0]).columns
    return ["信息内容", *(T2_COLUMN_LABELS[c] for c in cols)]


def _t2_spec(template: str, key: str):
    return next(s for s in T2_ROWS[template] if s.key == key)


# --------------------------------------------------------------------------- text and markdown


def _prose(rng: random.Random, agency: str, year: int) -> dict[int, str]:
    return {
        1: f"{year}年，{agency}认真贯彻落实《中华人民共和国政府信息公开条例》，持续推进政务公开工作，"
        f"全年通过门户网站主动公开各类政府信息{rng.randint(50, 900)}条。",
        5: "主要问题是政策解读形式还不够丰富。下一步将加强培训，提升公开质量。",
        6: "本年度未收取政府信息公开信息处理费。",
    }


HEADINGS = ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项")  # fmt: skip
T3_HEADER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def _render_text(tables: dict, template: str, title: str, prose: dict, rng: random.Random, run_together: bool) -> str:
    sep = "" if run_together else " "
    lines = [title, "", HEADINGS[0], prose[1], HEADINGS[1]]
    parts = []
    for head, block in zip(T2_TITLES[template], T2_BLOCKS[template], strict=True):
        parts.append(head + " " + " ".join(_t2_header(template, block)) + " ")
        for key in block:
            parts.append(_t2_spec(template, key).label + sep.join(_fmt(v) for v in tables["t2"][key].values()))
    lines.append("".join(parts))
    lines.append(HEADINGS[2])
    body = [T3_HEADER + "申请人情况 自然人 法人或其他组织 总计 商业企业 科研机构 社会公益组织 法律服务机构 其他 "]
    last_group = None
    for key, row in tables["t3"].items():
        group, label = _t3_label(key, template)
        prefix = group if group and group != last_group else ""
        last_group = group
        body.append(prefix + label + (" " if rng.random() < 0.3 else "") + sep.join(_fmt(v) for v in row.values()))
    lines.append("".join(body))
    lines.append(HEADINGS[3])
    head = ("行政复议 行政诉讼 结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉 "
            + " ".join(label for _, label in T4_OUTCOMES) * 2 + " ")  # fmt: skip
    lines.append(head + sep.join(_fmt(v) for g in T4_GROUP_KEYS for v in tables["t4"][g].values()))
    lines += [HEADINGS[4], prose[5], HEADINGS[5], prose[6]]
    return "\n".join(lines) + "\n"


def _md_table(rows: list[list[str]]) -> str:
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    out = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
    out += ["| " + " | ".join(c.replace("|", "｜") for c in r) + " |" for r in rows[1:]]
    return "\n".join(out)


def _grids(tables: dict, template: str) -> dict[str, list[list[str]]]:
    """The three tables as plain grids (merged cells repeated), for Markdown."""
    t2 = []
    for head, block in zip(T2_TITLES[template], T2_BLOCKS[template], strict=True):
        t2.append([head])
        t2.append(_t2_header(template, block))
        for key in block:
            t2.append([_t2_spec(template, key).label, *(_fmt(v) for v in tables["t2"][key].values())])
    t3 = [[T3_HEADER, "", "申请人情况"], ["", "", "自然人", "法人或其他组织", "", "", "", "", "总计"],
          ["", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""]]  # fmt: skip
    for key, row in tables["t3"].items():
        group, label = _t3_label(key, template)
        t3.append([group or "", label, *(_fmt(v) for v in row.values())])
    t4 = [["行政复议", "", "", "", "", "行政诉讼"], [*(label for _, label in T4_OUTCOMES), "未经复议直接起诉", "复议后起诉"],
          [*(label for _, label in T4_OUTCOMES)] * 3,
          [_fmt(v) for g in T4_GROUP_KEYS for v in tables["t4"][g].values()]]  # fmt: skip
    return {"t2": t2, "t3": t3, "t4": t4}


def _render_md(tables: dict, template: str, title: str, prose: dict) -> str:
    g = _grids(tables, template)
    parts = [f"# {title}", f"## {HEADINGS[0]}", prose[1], f"## {HEADINGS[1]}", _md_table(g["t2"]),
             f"## {HEADINGS[2]}", _md_table(g["t3"]), f"## {HEADINGS[3]}", _md_table(g["t4"]),
             f"## {HEADINGS[4]}", prose[5], f"## {HEADINGS[5]}", prose[6]]  # fmt: skip
    return "\n\n".join(parts) + "\n"


# --------------------------------------------------------------------------- html


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _render_html(tables: dict, template: str, title: str, prose: dict, rng: random.Random) -> str:
    def td(v: Any, span: str = "") -> str:
        return f"<td{span}>{_fmt(v) if v is not None else '&nbsp;'}</td>"

    out = [f"<html><head><meta charset='utf-8'><title>{_esc(title)}</title></head><body>",
           f"<h1>{_esc(title)}</h1>", f"<h2>{HEADINGS[0]}</h2><p>{_esc(prose[1])}</p>", f"<h2>{HEADINGS[1]}</h2>",
           "<table border='1'>"]  # fmt: skip
    for head, block in zip(T2_TITLES[template], T2_BLOCKS[template], strict=True):
        header = _t2_header(template, block)
        out.append(f"<tr><td colspan='{len(header)}'>{head}</td></tr>")
        out.append("<tr>" + "".join(f"<td>{h}</td>" for h in header) + "</tr>")
        for key in block:
            out.append(f"<tr><td>{_t2_spec(template, key).label}</td>" + "".join(td(v) for v in tables["t2"][key].values())
                       + "</tr>")  # fmt: skip
    out.append(f"</table><h2>{HEADINGS[2]}</h2><table border='1'>")
    th = "th" if rng.random() < 0.5 else "td"
    out.append(f"<tr><{th} rowspan='3' colspan='2'>{T3_HEADER}</{th}><{th} colspan='7'>申请人情况</{th}></tr>")
    out.append(
        f"<tr><{th} rowspan='2'>自然人</{th}><{th} colspan='5'>法人或其他组织</{th}><{th} rowspan='2'>总计</{th}></tr>"
    )
    out.append("<tr>" + "".join(f"<{th}>{c}</{th}>" for c in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"))
               + "</tr>")  # fmt: skip
    keys = list(tables["t3"])
    groups = [_t3_label(k, template)[0] for k in keys]
    for i, key in enumerate(keys):
        group, label = groups[i], _t3_label(key, template)[1]
        cells = "".join(td(v) for v in tables["t3"][key].values())
        if group is None:
            out.append(f"<tr><td colspan='2'>{label}</td>{cells}</tr>")
        elif i == 0 or groups[i - 1] != group:
            n = sum(
                1
                for j in range(i, len(keys))
                if groups[j] == group and all(groups[m] == group for m in range(i, j + 1))
            )
            out.append(f"<tr><td rowspan='{n}'>{group}</td><td>{label}</td>{cells}</tr>")
        else:
            out.append(f"<tr><td>{label}</td>{cells}</tr>")
    out.append(f"</table><h2>{HEADINGS[3]}</h2><table border='1'>")
    out.append("<tr><td colspan='5'>行政复议</td><td colspan='10'>行政诉讼</td></tr>")
    out.append("<tr>" + "".join(f"<td rowspan='2'>{label}</td>" for _, label in T4_OUTCOMES)
               + "<td colspan='5'>未经复议直接起诉</td><td colspan='5'>复议后起诉</td></tr>")  # fmt: skip
    out.append("<tr>" + "".join(f"<td>{label}</td>" for _, label in T4_OUTCOMES) * 2 + "</tr>")
    out.append("<tr>" + "".join(td(v) for g in T4_GROUP_KEYS for v in tables["t4"][g].values()) + "</tr></table>")
    for n in (4, 5):
        out.append(f"<h2>{HEADINGS[n]}</h2><p>{_esc(prose[n + 1])}</p>")
    out.append("</body></html>")
    return "\n".join(out)


# --------------------------------------------------------------------------- docx


def _render_docx(tables: dict, template: str, title: str, prose: dict) -> bytes:
    import docx

    d = docx.Document()
    d.core_properties.created = d.core_properties.modified = __import__("datetime").datetime(2024, 1, 1)
    d.add_paragraph(title)
    d.add_paragraph(HEADINGS[0])
    d.add_paragraph(prose[1])
    d.add_paragraph(HEADINGS[1])
    blocks = list(zip(T2_TITLES[template], T2_BLOCKS[template], strict=True))
    n_rows = sum(2 + len(b) for _, b in blocks)
    width = max(len(_t2_header(template, b)) for _, b in blocks)
    t = d.add_table(rows=n_rows, cols=width)
    r = 0
    for head, block in blocks:
        t.cell(r, 0).merge(t.cell(r, width - 1)).text = head
        header = _t2_header(template, block)
        for c, h in enumerate(header):
            t.cell(r + 1, c).text = h
        if len(header) < width:
            t.cell(r + 1, len(header) - 1).merge(t.cell(r + 1, width - 1))
        r += 2
        for key in block:
            vals = list(tables["t2"][key].values())
            t.cell(r, 0).text = _t2_spec(template, key).label
            for c, v in enumerate(vals, start=1):
                t.cell(r, c).text = _fmt(v)
            if len(vals) + 1 < width:
                t.cell(r, len(vals)).merge(t.cell(r, width - 1))
            r += 1
    d.add_paragraph(HEADINGS[2])
    keys = list(tables["t3"])
    t = d.add_table(rows=3 + len(keys), cols=9)
    t.cell(0, 0).merge(t.cell(2, 1)).text = T3_HEADER
    t.cell(0, 2).merge(t.cell(0, 8)).text = "申请人情况"
    t.cell(1, 2).merge(t.cell(2, 2)).text = "自然人"
    t.cell(1, 3).merge(t.cell(1, 7)).text = "法人或其他组织"
    t.cell(1, 8).merge(t.cell(2, 8)).text = "总计"
    for c, h in enumerate(("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"), start=3):
        t.cell(2, c).text = h
    groups = [_t3_label(k, template)[0] for k in keys]
    i = 0
    while i < len(keys):
        group = groups[i]
        j = i
        while j + 1 < len(keys) and group is not None and groups[j + 1] == group:
            j += 1
        if group is None:
            t.cell(3 + i, 0).merge(t.cell(3 + i, 1)).text = _t3_label(keys[i], template)[1]
        else:
            t.cell(3 + i, 0).merge(t.cell(3 + j, 0)).text = group
            for k in range(i, j + 1):
                t.cell(3 + k, 1).text = _t3_label(keys[k], template)[1]
        for k in range(i, j + 1):
            for c, v in enumerate(tables["t3"][keys[k]].values(), start=2):
                t.cell(3 + k, c).text = _fmt(v)
        i = j + 1
    d.add_paragraph(HEADINGS[3])
    t = d.add_table(rows=4, cols=15)
    t.cell(0, 0).merge(t.cell(0, 4)).text = "行政复议"
    t.cell(0, 5).merge(t.cell(0, 14)).text = "行政诉讼"
    for c, (_, label) in enumerate(T4_OUTCOMES):
        t.cell(1, c).merge(t.cell(2, c)).text = label
    t.cell(1, 5).merge(t.cell(1, 9)).text = "未经复议直接起诉"
    t.cell(1, 10).merge(t.cell(1, 14)).text = "复议后起诉"
    for c in range(5, 15):
        t.cell(2, c).text = T4_OUTCOMES[(c - 5) % 5][1]
    for c, v in enumerate(v for g in T4_GROUP_KEYS for v in tables["t4"][g].values()):
        t.cell(3, c).text = _fmt(v)
    for n in (4, 5):
        d.add_paragraph(HEADINGS[n])
        d.add_paragraph(prose[n + 1])
    buf = io.BytesIO()
    d.save(buf)
    return _fixed_zip_times(buf.getvalue())


def _fixed_zip_times(data: bytes) -> bytes:
    """The same zip with every entry dated 2024-01-01, so a seed gives the same bytes at any time."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


# --------------------------------------------------------------------------- pdf


def _render_pdf(tables: dict, template: str, title: str, prose: dict, rng: random.Random) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    font = "STSong-Light"
    if font not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(font))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(595, 842), invariant=1)
    page = [1]
    y = [790.0]

    def new_page() -> None:
        c.setFont(font, 9)
        c.drawString(285, 30, f"- {page[0]} -")
        c.showPage()
        page[0] += 1
        y[0] = 790.0

    def text(s: str, size: int = 10, x: float = 60) -> None:
        if y[0] < 70:
            new_page()
        c.setFont(font, size)
        c.drawString(x, y[0], s)
        y[0] -= size + 6

    def para(s: str) -> None:
        for k in range(0, len(s), 40):
            text(s[k : k + 40])

    text(title, 13)
    text(HEADINGS[0])
    para(prose[1])
    text(HEADINGS[1])
    for head, block in zip(T2_TITLES[template], T2_BLOCKS[template], strict=True):
        text(head, 9)
        header = _t2_header(template, block)
        c.setFont(font, 8)
        c.drawString(60, y[0], header[0])
        for k, h in enumerate(header[1:]):  # each column label centred over its column
            c.drawCentredString(240 + 110 * k, y[0], h)
        y[0] -= 14
        for key in block:
            vals = list(tables["t2"][key].values())
            c.setFont(font, 9)
            c.drawString(60, y[0], _t2_spec(template, key).label)
            for k, v in enumerate(vals):
                if v is not None:
                    c.drawCentredString(240 + 110 * k, y[0], _fmt(v))
            c.line(55, y[0] - 4, 560, y[0] - 4)
            y[0] -= 16
    text(HEADINGS[2])
    cols_x = [300 + 36 * k for k in range(7)]

    def t3_header() -> None:
        c.setFont(font, 7)
        c.drawString(60, y[0], "（本列数据的勾稽关系为：第一项加第二项之和，")
        c.drawString(60, y[0] - 9, "等于第三项加第四项之和）")
        c.drawString(300, y[0], "申请人情况")
        for x, h in zip(
            cols_x, ("自然人", "商业企业", "科研机构", "社会公益", "法律服务", "其他", "总计"), strict=True
        ):
            c.drawString(x - 14, y[0] - 18, h)
        y[0] -= 30

    t3_header()
    keys = list(tables["t3"])
    break_at = rng.randint(6, len(keys) - 5)
    repeat = rng.random() < 0.5
    vertical = rng.random() < 0.7
    last_group = None
    for i, key in enumerate(keys):
        if i == break_at:
            new_page()
            if repeat:
                t3_header()
        group, label = _t3_label(key, template)
        width = 16 if group else 22
        pieces = [label[k : k + width] for k in range(0, len(label), width)]
        if group and group != last_group:
            if vertical:  # one character per line, down the left margin
                c.setFont(font, 8)
                for k, ch in enumerate(group):
                    c.drawString(44, y[0] + 2 - 9 * k, ch)
            else:
                c.setFont(font, 8)
                c.drawString(60, y[0], group)
                y[0] -= 11
        last_group = group
        c.setFont(font, 8)
        x0 = 110 if group else 60
        for piece in pieces[:-1]:
            c.drawString(x0, y[0], piece)
            y[0] -= 10
        c.drawString(x0, y[0], pieces[-1])
        for x, v in zip(cols_x, tables["t3"][key].values(), strict=True):
            if v is not None:
                c.drawRightString(x + 8, y[0], _fmt(v))
        c.line(55, y[0] - 4, 560, y[0] - 4)
        y[0] -= 15
    text(HEADINGS[3])
    if y[0] < 160:
        new_page()
    c.setFont(font, 7)
    xs = [70 + 32 * k for k in range(15)]  # column centres
    c.drawCentredString(xs[2], y[0], "行政复议")
    c.drawCentredString((xs[5] + xs[14]) / 2, y[0], "行政诉讼")
    y[0] -= 10
    c.drawCentredString(xs[7], y[0], "未经复议直接起诉")
    c.drawCentredString(xs[12], y[0], "复议后起诉")
    y[0] -= 10
    for k, x in enumerate(xs):  # each outcome label in two lines, centred over its column
        label = T4_OUTCOMES[k % 5][1]
        c.drawCentredString(x, y[0], label[:2])
        c.drawCentredString(x, y[0] - 8, label[2:])
    y[0] -= 22
    c.setFont(font, 8)
    for x, v in zip(xs, (v for g in T4_GROUP_KEYS for v in tables["t4"][g].values()), strict=True):
        if v is not None:
            c.drawCentredString(x, y[0], _fmt(v))
    y[0] -= 18
    for n in (4, 5):
        text(HEADINGS[n])
        para(prose[n + 1])
    new_page()
    c.save()
    return buf.getvalue()


# --------------------------------------------------------------------------- the report


def make_report(seed: int, fmt: str, template: str | None = None) -> tuple[bytes, dict[str, Any]]:
    """One report: its bytes and its truth ``{"template", "year", "agency", "format", "options", "tables"}``."""
    rng = random.Random(f"{seed}-{fmt}")
    template = template or rng.choice(("2021", "2021", "2019"))
    year = rng.choice((2021, 2022, 2023, 2024)) if template == "2021" else rng.choice((2019, 2020))
    agency = rng.choice(PLACES) + rng.choice(OFFICES)
    title = f"{agency}{year}年政府信息公开工作年度报告"
    tables = random_tables(rng, template)
    assert not check_identities(tables)
    blank = fmt in ("html", "docx", "pdf", "md") and rng.random() < 0.4
    run_together = fmt == "txt" and rng.random() < 0.6
    printed = as_printed(tables, blank)
    prose = _prose(rng, agency, year)
    if fmt == "txt":
        data = _render_text(printed, template, title, prose, rng, run_together).encode("utf-8")
    elif fmt == "md":
        data = _render_md(printed, template, title, prose).encode("utf-8")
    elif fmt == "html":
        data = _render_html(printed, template, title, prose, rng).encode("utf-8")
    elif fmt == "docx":
        data = _render_docx(printed, template, title, prose)
    elif fmt == "pdf":
        data = _render_pdf(printed, template, title, prose, rng)
    else:
        raise ValueError(fmt)
    # table-2 rows whose cells ran together: no identity can tell where to cut them
    ambiguous = [f"t2.{k}.{c}" for k, row in printed["t2"].items() if run_together and len(row) > 1 for c in row]
    if run_together:
        # table 4 as one run of digits: several splits may satisfy the three group sums (22 0 / 2 20)
        from govtext.tables.split import split_groups

        run = "".join(_fmt(v) for g in T4_GROUP_KEYS for v in printed["t4"][g].values())
        if len(split_groups(run, 3, 5)) > 1:
            ambiguous += [f"t4.{g}.{o}" for g in T4_GROUP_KEYS for o in T4_OUTCOME_KEYS]
    truth = {"template": template, "year": year, "agency": agency, "format": fmt,
             "options": {"blank_zeros": blank, "run_together": run_together}, "tables": printed,
             "ambiguous": ambiguous}  # fmt: skip
    return data, truth


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--n", type=int, default=20)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--formats", default=",".join(FORMATS))
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for i in range(args.n):
        for fmt in args.formats.split(","):
            data, truth = make_report(args.seed * 100_000 + i, fmt)
            stem = args.out / f"report_{i + 1:04d}_{fmt}"
            stem.with_suffix("." + fmt).write_bytes(data)
            stem.with_suffix(".json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
