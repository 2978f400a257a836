#!/usr/bin/env python3
"""The same invented report as a saved web page in several CMS styles, as text and as PDF.

For the differential test of the HTML reader: :func:`make_set` draws one report
(tables that satisfy every identity, from ``table_reports.py``, and a few
paragraphs of prose) and renders it

* ``txt`` and ``pdf`` with ``table_reports.py``'s own renderers;
* ``html-portal``, ``html-legacy`` and ``html-split`` as whole saved pages of three
  invented site designs, written here: top menus, breadcrumbs, search boxes,
  sidebars of column links, 分享到 share bars, 【打印】【关闭】, 上一篇/下一篇,
  related-article lists and footers with 主办单位 / ICP备 / 网站标识码 / 公网安备;
  the report's tables nested ``<td><p><span>`` with ``&nbsp;`` and inline styles;
  ``html-legacy`` lays the whole page out in tables (older CMSs), ``html-split``
  puts the tables in a ``div`` beside the prose's.

:func:`non_report_pages` writes pages that hold no report (a list of reports, a
search result page, a 404 page, a letter 关于…的函 as page and as text).

The truth of a set is the printed tables, the section of every prose sentence,
the page's title and date.  Nothing of govtext is imported but the schema that
``table_reports.py`` already shares; every word here is invented.

    python -m govtext_synth.pages --seed 1 --n 5 --out DIR
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

from . import table_reports as tr

STYLES = ("html-portal", "html-legacy", "html-split")
FORMATS = ("txt", "pdf", *STYLES)

_S1 = (
    "{agency}把政务公开纳入年度重点工作，由主要负责同志牵头，办公室具体承办，各科室明确一名信息员。",
    "全年召开政务公开专题会议{a}次，修订完善信息发布审核制度，确保公开信息准确规范。",
    "围绕重点领域信息公开，及时发布财政预决算、行政执法和民生保障等方面信息。",
    "依申请公开工作严格按照法定程序和时限办理，答复文书均经法制审核。",
    "政府信息公开平台运行平稳，栏目设置进一步优化，检索功能更加便捷。",
)
_S5 = (
    "一是部分栏目更新不够及时；二是政策解读的形式较为单一。",
    "下一步，{agency}将加强业务培训，规范信息发布流程，提升公开工作质量。",
    "同时将主动回应社会关切，丰富图解、视频等解读方式。",
)
_S6 = (
    "本年度未发生收取信息处理费的情况。",
    "本年度共办理人大代表建议{a}件、政协委员提案{b}件，均已按期办结并公开答复。",
)
_MENU = ("首页", "政务公开", "政务服务", "互动交流", "走进{place}", "专题专栏")
_COLUMN = ("政府信息公开指南", "政府信息公开制度", "法定主动公开内容", "政府信息公开年报", "依申请公开", "政务公开目录")
_RELATED = ("{place}2023年政府信息公开工作年度报告", "{place}2022年政府信息公开工作年度报告",
            "关于做好政府信息公开工作年度报告编制的通知", "{place}民政局2023年政府信息公开工作年度报告")  # fmt: skip
_FOOTER = ("主办单位：{place}人民政府办公室　承办单位：{place}大数据中心", "网站标识码：3301000000　ICP备0000000号-1",
           "公网安备 00000000000000号　联系我们　网站地图")  # fmt: skip


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def make_set(seed: int) -> dict[str, Any]:
    """One report in every format of :data:`FORMATS`: ``{"files": {fmt: bytes}, "truth": {...}}``."""
    rng = random.Random(f"pages-{seed}")
    template = rng.choice(("2021", "2021", "2019"))
    year = rng.choice((2021, 2022, 2023, 2024)) if template == "2021" else rng.choice((2019, 2020))
    place = rng.choice(tr.PLACES)
    agency = place + rng.choice(tr.OFFICES)
    title = f"{agency}{year}年政府信息公开工作年度报告"
    tables = tr.random_tables(rng, template)
    assert not tr.check_identities(tables)
    printed = tr.as_printed(tables, blank_zeros=False)
    fill = {"agency": agency, "a": rng.randint(2, 9), "b": rng.randint(1, 20)}
    prose_parts = {
        1: [s.format(**fill) for s in rng.sample(_S1, rng.randint(2, 4))],
        5: [s.format(**fill) for s in _S5[: rng.randint(2, 3)]],
        6: [s.format(**fill) for s in _S6[: rng.randint(1, 2)]],
    }
    prose = {k: "".join(v) for k, v in prose_parts.items()}
    published = f"{year + 1}-01-{rng.randint(10, 31):02d}"
    files: dict[str, bytes] = {
        "txt": tr._render_text(printed, template, title, prose, rng, run_together=False).encode("utf-8"),
        "pdf": tr._render_pdf(printed, template, title, prose, rng),
    }
    body = {style: _body(printed, template, prose_parts, style) for style in STYLES}
    ctx = {"place": place, "title": title, "published": published, "agency": agency}
    files["html-portal"] = _portal(ctx, body["html-portal"], rng).encode("utf-8")
    files["html-legacy"] = _legacy(ctx, body["html-legacy"], rng).encode("utf-8")
    files["html-split"] = _split(ctx, *body["html-split"], rng=rng).encode("utf-8")
    sentences = [(s, k) for k, parts in prose_parts.items() for s in parts]
    truth = {"template": template, "year": year, "title": title, "published": published, "tables": printed,
             "sentences": sentences}  # fmt: skip
    return {"files": files, "truth": truth}


# -- the report's body, as an editor's rich text ----------------------------------------------------


def _p(text: str, style: str) -> str:
    if style == "html-legacy":
        return f"<p style='text-indent:2em;line-height:1.8'><font face='仿宋'>{_esc(text)}</font></p>"
    return f"<p style='text-indent:2em;'><span style='font-family:仿宋_GB2312;font-size:16px'>{_esc(text)}</span></p>"


def _h(text: str, style: str) -> str:
    if style == "html-split":
        return f"<h3>{_esc(text)}</h3>"
    if style == "html-legacy":
        return f"<p><b>{_esc(text)}</b></p>"
    return f"<p style='text-indent:2em;'><strong><span style='font-family:黑体'>{_esc(text)}</span></strong></p>"


def _cell(v: Any, attrs: str = "") -> str:
    text = "&nbsp;" if v is None or v == "" else _esc(tr._fmt(v) if not isinstance(v, str) else v)
    return f"<td{attrs} style='border:1px solid #000;'><p style='text-align:center'><span style='font-size:14px'>{text}</span></p></td>"


def _tables_html(printed: dict, template: str) -> list[str]:
    """Tables 2, 3 and 4 with merged cells, one HTML string each."""
    t2 = ["<table border='1' cellspacing='0' style='border-collapse:collapse;width:100%'><tbody>"]
    for head, block in zip(tr.T2_TITLES[template], tr.T2_BLOCKS[template], strict=True):
        header = tr._t2_header(template, block)
        t2.append(f"<tr>{_cell(head, f' colspan={len(header)}')}</tr>")
        t2.append("<tr>" + "".join(_cell(h) for h in header) + "</tr>")
        for key in block:
            t2.append(f"<tr>{_cell(tr._t2_spec(template, key).label)}"
                      + "".join(_cell(v) for v in printed["t2"][key].values()) + "</tr>")  # fmt: skip
    t2.append("</tbody></table>")
    t3 = ["<table border='1' cellspacing='0' style='border-collapse:collapse'><tbody>",
          f"<tr>{_cell(tr.T3_HEADER, ' rowspan=3 colspan=2')}{_cell('申请人情况', ' colspan=7')}</tr>",
          f"<tr>{_cell('自然人', ' rowspan=2')}{_cell('法人或其他组织', ' colspan=5')}{_cell('总计', ' rowspan=2')}</tr>",
          "<tr>" + "".join(_cell(c) for c in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")) + "</tr>"]  # fmt: skip
    keys = list(printed["t3"])
    groups = [tr._t3_label(k, template)[0] for k in keys]
    for i, key in enumerate(keys):
        group, label = groups[i], tr._t3_label(key, template)[1]
        cells = "".join(_cell(v) for v in printed["t3"][key].values())
        if group is None:
            t3.append(f"<tr>{_cell(label, ' colspan=2')}{cells}</tr>")
        elif i == 0 or groups[i - 1] != group:
            n = 1
            while i + n < len(keys) and groups[i + n] == group:
                n += 1
            t3.append(f"<tr>{_cell(group, f' rowspan={n}')}{_cell(label)}{cells}</tr>")
        else:
            t3.append(f"<tr>{_cell(label)}{cells}</tr>")
    t3.append("</tbody></table>")
    t4 = ["<table border='1' cellspacing='0'><tbody>",
          f"<tr>{_cell('行政复议', ' colspan=5')}{_cell('行政诉讼', ' colspan=10')}</tr>",
          "<tr>" + "".join(_cell(label, " rowspan=2") for _, label in tr.T4_OUTCOMES)
          + _cell("未经复议直接起诉", " colspan=5") + _cell("复议后起诉", " colspan=5") + "</tr>",
          "<tr>" + "".join(_cell(label) for _, label in tr.T4_OUTCOMES) * 2 + "</tr>",
          "<tr>" + "".join(_cell(v) for g in tr.T4_GROUP_KEYS for v in printed["t4"][g].values()) + "</tr>",
          "</tbody></table>"]  # fmt: skip
    return ["\n".join(t2), "\n".join(t3), "\n".join(t4)]


def _body(printed: dict, template: str, prose: dict[int, list[str]], style: str) -> Any:
    tables = _tables_html(printed, template)
    h = [_h(t, style) for t in tr.HEADINGS]
    paras = {k: "".join(_p(s, style) for s in v) for k, v in prose.items()}
    if style == "html-split":  # section 1 in one div, the tables in the next, sections 5 and 6 in a third
        return ("\n".join([h[0], paras[1]]), "\n".join([h[1], tables[0], h[2], tables[1], h[3], tables[2]]),
                "\n".join([h[4], paras[5], h[5], paras[6]]))  # fmt: skip
    return "\n".join(
        [h[0], paras[1], h[1], tables[0], h[2], tables[1], h[3], tables[2], h[4], paras[5], h[5], paras[6]]
    )


# -- three site designs -----------------------------------------------------------------------------------


def _head(title: str, ctx: dict, rng: random.Random) -> str:
    site = rng.choice(("_{place}人民政府网站", "-{place}人民政府", " - 政府信息公开")).format(**ctx)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{_esc(title)}{site}</title>"
            f"<meta name='ArticleTitle' content='{_esc(title)}'><meta name='PubDate' content='{ctx['published']} 09:30'>"
            "<style>body{font-size:14px}.nav li{float:left}</style><script>var _hm=1;</script></head>")  # fmt: skip


def _links(items: tuple[str, ...] | list[str], ctx: dict) -> str:
    return "".join(f"<li><a href='/c/{i}.html'>{_esc(t.format(**ctx))}</a></li>" for i, t in enumerate(items))


def _footer(ctx: dict) -> str:
    return "".join(f"<p>{_esc(t.format(**ctx))}</p>" for t in _FOOTER)


def _related(ctx: dict) -> str:
    items = "".join(f"<li><a href='/r/{i}.html'>{_esc(t.format(**ctx))}</a><span>2024-01-{10 + i}</span></li>"
                    for i, t in enumerate(_RELATED))  # fmt: skip
    return f"<div class='related'><h4>相关文章</h4><ul>{items}</ul></div>"


def _portal(ctx: dict, body: str, rng: random.Random) -> str:
    return "\n".join([
        _head(ctx["title"], ctx, rng), "<body>",
        f"<div class='top'><div class='logo'>{ctx['place']}人民政府</div>"
        "<div class='tools'><a href='#'>无障碍</a> | <a href='#'>English</a> | <a href='#'>手机版</a></div>"
        "<form class='search'><input type='text' value='请输入关键词'><button>搜索</button></form></div>",
        f"<div class='nav'><ul>{_links(_MENU, ctx)}</ul></div>",
        "<div class='crumb'>您现在的位置：<a href='/'>首页</a> &gt; <a href='/zwgk'>政务公开</a> &gt; "
        "<a href='/nb'>政府信息公开年报</a></div>",
        "<div class='article'>",
        f"<div class='art-title'><h1>{_esc(ctx['title'])}</h1></div>",
        f"<div class='art-info'><span>发布时间：{ctx['published']}</span>&nbsp;&nbsp;<span>来源：{ctx['agency']}</span>"
        "&nbsp;<span>浏览次数：<script>document.write(123)</script></span>&nbsp;字号：[<a>大</a> <a>中</a> <a>小</a>]</div>",
        f"<div class='art-body' id='zoom'>\n{body}\n</div>",
        "<div class='share'>分享到：<a>微信</a><a>微博</a><a>QQ空间</a></div>",
        "<div class='tools2'><a href='javascript:window.print()'>【打印本页】</a> <a href='javascript:window.close()'>【关闭窗口】</a></div>",
        f"<div class='pager'><p>上一篇：<a href='/p.html'>{ctx['place']}2024年第一季度政务公开工作情况</a></p>"
        "<p>下一篇：<a href='/n.html'>关于开展政务公开培训的通知</a></p></div>",
        "</div>", _related(ctx),
        f"<div class='footer'>{_footer(ctx)}</div>", "</body></html>",
    ])  # fmt: skip


def _legacy(ctx: dict, body: str, rng: random.Random) -> str:
    side = "".join(f"<tr><td height='28'><a href='/l/{i}.html'>{_esc(t)}</a></td></tr>" for i, t in enumerate(_COLUMN))
    return "\n".join([
        _head(ctx["title"], ctx, rng), "<body topmargin='0'>",
        "<table width='1000' align='center' cellpadding='0' cellspacing='0'><tr><td>"
        f"<table width='100%'><tr><td><img src='banner.jpg' alt='{ctx['place']}人民政府门户网站'></td></tr>"
        "<tr><td class='menu'>" + " | ".join(f"<a href='/m{i}'>{t.format(**ctx)}</a>" for i, t in enumerate(_MENU)) + "</td></tr></table>",
        "<table width='100%'><tr>",
        f"<td width='220' valign='top'><table width='100%'><tr><td class='lm'>政务公开</td></tr>{side}</table></td>",
        "<td valign='top'><table width='100%'><tr><td>当前位置：<a href='/'>首页</a> &gt;&gt; <a>信息公开</a> &gt;&gt; <a>年报</a></td></tr>",
        f"<tr><td align='center' style='font-size:20px;font-weight:bold'>{_esc(ctx['title'])}</td></tr>",
        f"<tr><td align='center'>时间：{ctx['published'].replace('-', '/')}&nbsp;&nbsp;点击数：<span>256</span></td></tr>",
        f"<tr><td class='content'>\n{body}\n</td></tr>",
        "<tr><td align='right'><a href='#' onclick='window.print()'>打印</a>&nbsp;<a href='#' onclick='window.close()'>关闭</a></td></tr>",
        "</table></td></tr></table>",
        f"<table width='100%'><tr><td align='center'>{_footer(ctx)}</td></tr></table>",
        "</td></tr></table></body></html>",
    ])  # fmt: skip


def _split(ctx: dict, text: str, tables: str, rest: str, rng: random.Random) -> str:
    return "\n".join([
        _head(ctx["title"], ctx, rng), "<body>",
        f"<header><div class='brand'>{ctx['place']}人民政府</div><nav><a>首页</a><a>新闻</a></nav>"
        "<div class='search'><input placeholder='站内搜索'><a class='btn'>搜索</a></div></header>",
        f"<div class='menu'><ul>{_links(_MENU, ctx)}</ul></div>",
        "<div class='main'>",
        f"<div class='left'><div class='lt'>信息公开</div><ul>{_links(_COLUMN, ctx)}</ul></div>",
        "<div class='right'>",
        "<div class='position'>当前位置：<a>首页</a> / <a>信息公开</a> / <a>年度报告</a></div>",
        f"<div class='detail-title'><h2>{_esc(ctx['title'])}</h2></div>",
        f"<div class='detail-info'>日期：{ctx['published']}　　来源：{ctx['agency']}　　<a>【打印】</a><a>【关闭】</a></div>",
        f"<div class='TRS_Editor'>\n{text}\n</div>",
        f"<div class='attach'>\n{tables}\n</div>",
        f"<div class='TRS_Editor2'>\n{rest}\n</div>",
        "<div class='fx'>分享到：<a>微信</a> <a>微博</a></div>",
        "</div></div>", _related(ctx),
        f"<footer>{_footer(ctx)}</footer>", "</body></html>",
    ])  # fmt: skip


# -- pages with no report ----------------------------------------------------------------------------------------


def non_report_pages(seed: int) -> dict[str, bytes]:
    """Pages that hold no report: ``list``, ``search``, ``404``, ``letter`` (HTML) and ``letter-txt``."""
    rng = random.Random(f"nopage-{seed}")
    place = rng.choice(tr.PLACES)
    ctx = {"place": place, "published": "2024-01-18", "agency": place + "民政局"}
    rows = "".join(
        f"<li><a href='/nb/{y}.html'>{place}{office}{y}年政府信息公开工作年度报告</a><span>{y + 1}-01-2{k % 10}</span></li>"
        for k, (y, office) in enumerate((y, o) for y in range(2016, 2025) for o in tr.OFFICES[:3])
    )
    pager = "<div class='page'>共27条 <a>首页</a> <a>上一页</a> <a>1</a> <a>2</a> <a>下一页</a> <a>尾页</a></div>"
    pages = {
        "list": _portal_shell(ctx, "政府信息公开年报", f"<ul class='list'>{rows}</ul>{pager}", rng),
        "search": _portal_shell(
            ctx,
            "搜索结果",
            "<div class='res'>找到约 27 条结果</div>"
            + "".join(
                f"<div class='item'><a href='/s/{k}.html'>{place}{2016 + k}年政府信息公开工作年度报告</a>"
                f"<p class='sum'>…{place}{2016 + k}年政府信息公开工作年度报告…</p><span>{2017 + k}-01-15</span></div>"
                for k in range(9)
            )
            + pager,
            rng,
        ),
        "404": _portal_shell(
            ctx,
            "页面不存在",
            "<div class='e404'><h2>404</h2><p>抱歉，您访问的页面不存在或已被删除！</p>"
            "<p><a href='/'>返回首页</a></p></div>",
            rng,
        ),
    }
    letter_title = f"关于{place}2023年政务公开工作要点落实情况的函"
    letter = [
        "区政务公开办公室：",
        f"根据《关于印发{place}2023年政务公开工作要点的通知》要求，现将我局落实情况函告如下。",
        "公开工作情况",
        "我局按要求在门户网站公开机构职能、政策文件和财政预决算信息，共计公开信息86条，及时更新政府信息公开指南。",
        "依申请公开",
        "本年度我局收到政府信息公开申请2件，均在法定期限内答复，未发生行政复议和行政诉讼。",
        "问题及改进",
        "政策解读的及时性有待提高，我局将加强与业务科室的协同，做到政策文件与解读材料同步起草、同步审签、同步发布。",
        "特此函告。",
        f"{place}民政局",
        "2024年1月18日",
    ]
    heads = {2, 4, 6}
    body = "".join(
        f"<p><strong>{_esc(t)}</strong></p>" if i in heads else f"<p>{_esc(t)}</p>" for i, t in enumerate(letter)
    )
    ctx_letter = dict(ctx, title=letter_title)
    pages["letter"] = _portal(ctx_letter, body, rng)
    out = {k: v.encode("utf-8") for k, v in pages.items()}
    out["letter-txt"] = ("\n".join([letter_title, *letter]) + "\n").encode("utf-8")
    return out


def _portal_shell(ctx: dict, title: str, main: str, rng: random.Random) -> str:
    ctx = dict(ctx, title=title)
    return "\n".join([
        _head(title, ctx, rng), "<body>",
        f"<div class='top'><div class='logo'>{ctx['place']}人民政府</div></div>",
        f"<div class='nav'><ul>{_links(_MENU, ctx)}</ul></div>",
        f"<div class='crumb'>当前位置：<a href='/'>首页</a> &gt; <a>{_esc(title)}</a></div>",
        f"<div class='main'><div class='left'><ul>{_links(_COLUMN, ctx)}</ul></div><div class='right'>{main}</div></div>",
        f"<div class='footer'>{_footer(ctx)}</div>", "</body></html>",
    ])  # fmt: skip


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--n", type=int, default=5)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    ext = {"txt": "txt", "pdf": "pdf"}
    for i in range(args.n):
        s = make_set(args.seed * 100_000 + i)
        for fmt, data in s["files"].items():
            (args.out / f"page_{i + 1:04d}_{fmt}.{ext.get(fmt, 'html')}").write_bytes(data)
        (args.out / f"page_{i + 1:04d}.json").write_text(
            json.dumps(s["truth"], ensure_ascii=False, indent=1), encoding="utf-8"
        )
    for name, data in non_report_pages(args.seed).items():
        (args.out / f"noreport_{name}.{'txt' if name.endswith('txt') else 'html'}").write_bytes(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
