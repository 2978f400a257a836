from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from ...model import CrossReportFinding, ReportCell, Severity
from ...yoy import SUBJECT_BY_KEY, prose_key
from ..base import CorpusRule
from ..prose import fmt

#: qualifiers that make a figure a lower bound (超过20%), an upper bound (近20%), or approximate (约20%)
_AT_LEAST = frozenset({"余", "多", "超过", "逾", "以上"})
_AT_MOST = frozenset({"近", "将近", "不到", "不足", "以下", "接近"})
_TABLE_ZH = {"t2": "表二", "t3": "表三", "t4": "表四"}


class ChangeVsLastYear(CorpusRule):
    """A year-over-year change stated in the prose (较上年增长12.5%) does not agree with last year's report.

    说明
        Sentences such as 收到申请151件，同比增长12.5%, 被申请行政复议3件，较上年减少2件,
        比2022年增加20件 or 与上年持平 state how a figure changed since an earlier year.
        The change is set against this year's figure and the same figure in the same
        body's report for that year: the table cell the words name on both sides (收到,
        受理 申请: 表三 新收, or 新收 + 上年结转; 办结: （七）总计; 行政复议, 行政诉讼: 表四;
        制发规范性文件, 行政处罚/许可/强制决定: 表二), else the figure of the same words
        in last year's prose.  A percentage is (this − last) / last, within the rounding or
        truncation of its printed digits; a count is this − last exactly; 持平 is no change;
        a change stated by its direction only (有所下降) must have that sign.  Where the words
        allow several readings (新收, or 新收 + 上年结转), a change that agrees with any of
        them is no finding.  The finding names both reports, their years and both figures.

        An error only where every number was read with certainty, the figure and its
        subject are unambiguous and both reports' table cells were compared (the same
        body, under one name).  It is a warning where a figure has a qualifier (约, 近, 余,
        基本持平), where last year's figure comes from its prose or its table was not read
        with certainty (a batch record without ``table_detail``), where the sentence
        restates last year's figure differently (较上年的48件…), or across a body's
        renaming.  Nothing is reported where the figure cannot be tied to one subject
        (收到151件、办结148件，同比分别增长…; a part after 其中; 增长1.2倍), where last year's
        report is missing (GT505 says so) or last year's figure is 0 for a percentage.
        It runs in ``govtext batch`` over each body's reports and in
        ``govtext lint REPORT --previous LAST_YEAR_REPORT``.

    中文
        正文所述的同比变化（如“较上年增长12.5%”）与上一年度报告不符。

        “收到申请151件，同比增长12.5%”“被申请行政复议3件，较上年减少2件”“比2022年增加20件”
        “与上年持平”等句子说明某个数字与往年相比的变化。本规则把所述变化与本年数字、同一机关该年度
        报告中的同一数字对照：优先取两份报告中文字所指的同一表格单元格（收到、受理申请：表三新收，
        或新收加上年结转；办结：（七）总计；行政复议、行政诉讼：表四；制发规范性文件，行政处罚、
        许可、强制决定：表二），没有对应单元格时取上年正文中同样文字的数字。百分比按（本年−上年）÷
        上年计算，允许印出位数的四舍五入或截断误差；件数之差必须完全相等；“持平”即没有变化；只说方向的
        （如“有所下降”）方向必须一致。文字有几种读法时（新收，或新收加上年结转），与任一读法相符即不报告。
        报告中写明两份报告、各自年度和两个数字。

        只有所有数字都确切读取、数字及其所指对象明确、两份报告的表格单元格都参与对照（同一机关、
        同一名称）时才报错误。数字带有“约”“近”“余”“基本持平”等限定词，上年数字取自正文或其表格
        未能确切读取（批量处理记录中没有table_detail时），句中另述的上年数字与上年报告不同
        （“较上年的48件……”），或机关在机构改革中更名的，只作警告。数字无法对应到唯一对象时
        （“收到151件、办结148件，同比分别增长……”、“其中”之后的部分数、“增长1.2倍”），
        缺少上年报告时（由GT505说明），或上年数字为0而变化以百分比表示时，不报告。
        本规则在批量处理（govtext batch）中对同一机关各年度的报告运行，也在
        govtext lint 报告 --previous 上年报告 中运行。

    错误示例
        2023: ``全年共收到政府信息公开申请60件，同比增长30%``; 2022: 表三 新收 总计 48
        ((60 − 48) / 48 = 25 %).

    正确示例
        2023: ``全年共收到政府信息公开申请60件，同比增长25%``; 2022: 表三 新收 总计 48.
    """

    code = "GT504"
    name = "crossyear.change_vs_last_year"
    severity = "error"
    group = "crossyear"

    def check_corpus(self, body: str, reports: list[dict[str, Any]]) -> Iterator[CrossReportFinding]:
        by_year: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for r in reports:
            by_year[r["year"]].append(r)
        for cur in reports:
            for change in (cur.get("yoy") or {}).get("changes") or []:
                ref = change.get("ref_year")
                previous = by_year.get(ref) if ref is not None and ref < cur["year"] else None
                if not previous:
                    continue
                rec = self._compare(body, previous, cur, change)
                if rec is not None:
                    yield rec

    def _compare(
        self, body: str, previous: list[dict[str, Any]], cur: dict[str, Any], change: dict[str, Any]
    ) -> CrossReportFinding | None:
        pairs = _pairs(previous, cur, change)
        if not pairs:
            return None
        results = [(p, _agrees(change, p["this"], p["last"])) for p in pairs]
        decided = [(p, ok) for p, ok in results if ok is not None]
        if not decided or any(ok for _, ok in decided):
            return None  # a reading agrees, or none can be compared (a percentage of 0)
        pair = decided[0][0]
        why = _doubts(change, pair, previous, cur)
        if len({p["last"] for p, _ in decided if p["reading"] == pair["reading"]}) > 1:
            why.append("two reports of last year with different figures")
        severity: Severity = "error" if not why else "warning"
        prev = pair["prev"]
        this, last = pair["this"], pair["last"]
        actual_en, actual_zh, expected = _actual(change, this, last)
        stated_en, stated_zh = _stated(change)
        subject = SUBJECT_BY_KEY.get(change.get("subject") or "")
        what_en = subject.en if subject else f"“{change.get('prose_subject')}”"
        what_zh = subject.zh if subject else change.get("prose_subject") or ""
        src_last_en, src_last_zh = _source(pair["last_from"])
        src_this_en, src_this_zh = _source(pair["this_from"])
        note_en = f" ({'; '.join(why)})" if why else ""
        note_zh = f"（{'；'.join(_WHY_ZH.get(w, w) for w in why)}）" if why else ""
        ref = change["ref_year"]
        message = (
            f"{cur['path']} ({cur['year']}) states that {what_en} {stated_en} over {ref} (“{change['text']}”), "
            f"but {prev['path']} ({ref}) has {fmt(last)}{src_last_en} and {cur['year']} has {fmt(this)}{src_this_en}: "
            f"{actual_en}{note_en}"
        )
        zh = (
            f"{cur['year']}年报告（{cur['path']}）称{what_zh}较{ref}年{stated_zh}（“{change['text']}”），"
            f"但{ref}年报告（{prev['path']}）为{fmt(last)}{src_last_zh}，{cur['year']}年为{fmt(this)}{src_this_zh}，"
            f"实际{actual_zh}{note_zh}"
        )
        rec = self.record(
            body,
            [prev, cur],
            message,
            zh,
            observed=_signed(change),
            expected=expected,
            cells=[
                *(ReportCell(prev["path"], t, r, c) for t, r, c in pair["last_cells"]),
                *(ReportCell(cur["path"], t, r, c) for t, r, c in pair["this_cells"]),
            ],
            span=change.get("span"),
            statement=change["text"],
            sentence=change.get("sentence_text"),
            subject=change.get("subject") or change.get("prose_subject"),
            values={"this": this, "last": last},
            doubts=why,
            severity=severity,
        )
        return rec


_WHY_ZH = {
    "qualified": "数字带有限定词",
    "qualified figure": "本年数字带有限定词",
    "figure read with low confidence": "数字读取把握不大",
    "scope": "所述范围未必就是本机关",
    "uncertain": "读取把握不大",
    "last year's figure from its prose": "上年数字取自正文",
    "this year's figure from the prose": "本年数字取自正文",
    "a figure of the prose": "正文中的数字",
    "a table cell not read with certainty": "有表格单元格未能确切读取",
    "the reading of the cells is not recorded": "记录中没有单元格的读取方式",
    "the sentence restates last year's figure": "句中另述的上年数字与上年报告不同",
    "the body was renamed": "机关已更名",
    "the reports name different bodies": "两份报告的机关不同",
    "two reports of last year with different figures": "上年有两份报告且数字不同",
}


def _pairs(previous: list[dict[str, Any]], cur: dict[str, Any], change: dict[str, Any]) -> list[dict[str, Any]]:
    """The (this year's, last year's) figures the change may be measured by, each with where it came from."""
    out = []
    key = change.get("subject")
    stated = change.get("value")
    cur_yoy = cur.get("yoy") or {}
    if key:
        this_rs = [
            {"value": r["value"], "certain": r["certain"], "cells": r["cells"], "reading": i}
            for i, r in enumerate(cur_yoy.get("cells", {}).get(key, []))
        ]
        if stated is not None:
            if this_rs and not any(r["value"] == stated for r in this_rs):
                return []  # the sentence's figure is not the table's (GT404 says so): which one changed?
            this_rs = [r for r in this_rs if r["value"] == stated] or [
                {"value": stated, "certain": False, "cells": [], "reading": None}
            ]
        for prev in previous:
            prev_yoy = prev.get("yoy") or {}
            last_rs = [
                {"value": r["value"], "certain": r["certain"], "cells": r["cells"], "reading": i}
                for i, r in enumerate(prev_yoy.get("cells", {}).get(key, []))
            ]
            if not last_rs and key in (prev_yoy.get("prose") or {}):
                last_rs = [{"value": prev_yoy["prose"][key]["value"], "certain": False, "cells": [], "reading": None}]
            for t in this_rs:
                for la in last_rs:
                    if t["reading"] is not None and la["reading"] is not None and t["reading"] != la["reading"]:
                        continue
                    out.append(_pair(prev, t, la))
        return out
    pkey = prose_key(change)
    if pkey is None or stated is None:
        return []
    for prev in previous:
        found = ((prev.get("yoy") or {}).get("prose") or {}).get(pkey)
        if found is not None:
            t = {"value": stated, "certain": False, "cells": [], "reading": None}
            la = {"value": found["value"], "certain": False, "cells": [], "reading": None}
            out.append(_pair(prev, t, la))
    return out


def _pair(prev: dict[str, Any], this: dict[str, Any], last: dict[str, Any]) -> dict[str, Any]:
    return {
        "prev": prev,
        "this": this["value"],
        "last": last["value"],
        "this_certain": this["certain"],
        "last_certain": last["certain"],
        "this_cells": [tuple(c) for c in this["cells"]],
        "last_cells": [tuple(c) for c in last["cells"]],
        "this_from": this["cells"] or "prose",
        "last_from": last["cells"] or "prose",
        "reading": this["reading"] if this["reading"] is not None else last["reading"],
    }


def _doubts(
    change: dict[str, Any], pair: dict[str, Any], previous: list[dict[str, Any]], cur: dict[str, Any]
) -> list[str]:
    why: list[str] = []
    if not change.get("certain"):
        why += (change.get("why") or "uncertain").split(", ")
    if pair["last_from"] == "prose":
        why.append("last year's figure from its prose" if change.get("subject") else "a figure of the prose")
    elif pair["this_from"] == "prose":
        why.append("this year's figure from the prose")
    certain = (pair["this_certain"], pair["last_certain"])
    if pair["this_from"] != "prose" and pair["last_from"] != "prose":
        if False in certain:
            why.append("a table cell not read with certainty")
        elif None in certain:
            why.append("the reading of the cells is not recorded")
    last_stated = change.get("last_stated")
    if last_stated is not None and last_stated != pair["last"]:
        why.append("the sentence restates last year's figure")
    if pair["prev"]["body"] != cur["body"]:
        why.append("the body was renamed" if _renamed(pair["prev"], cur) else "the reports name different bodies")
    return list(dict.fromkeys(why))


def _renamed(prev: dict[str, Any], cur: dict[str, Any]) -> bool:
    from ...corpus import renaming

    return renaming(prev["body"], cur["body"], [prev["year"]], [cur["year"]]) is not None


def _tolerance(change: dict[str, Any]) -> float:
    return float(10 ** -int(change.get("decimals") or 0))


def _agrees(change: dict[str, Any], this: float, last: float) -> bool | None:
    """Whether the stated change fits this year's and last year's figures; ``None`` where it cannot be measured."""
    delta = this - last
    direction = change["direction"]
    q = change.get("qualifier")
    magnitude = change.get("magnitude")
    unit = change.get("unit")
    if direction == 0:  # 持平
        if q:  # 基本持平: within a few per cent
            return abs(delta) <= max(1.0, 0.05 * abs(last))
        return delta == 0
    if magnitude is None:  # 有所增长: the sign only
        return delta != 0 and math.copysign(1, delta) == direction
    if unit == "%":
        if last == 0:
            return None
        actual = delta / last * 100
    elif unit == "个百分点":
        actual = delta
    else:
        actual = delta
        if not q:
            return delta == direction * magnitude
    if magnitude == 0:
        return abs(actual) < _tolerance(change)
    if actual == 0 or math.copysign(1, actual) != direction:
        return False
    a, u = abs(actual), (_tolerance(change) if unit in ("%", "个百分点") else 0.0)
    if q in _AT_LEAST:
        return a >= magnitude - u / 2 - 1e-9
    if q in _AT_MOST:
        return a <= magnitude + u + 1e-9
    if q:  # 约, 左右, 大约
        return abs(a - magnitude) <= max(u, 0.1 * magnitude) + 1e-9
    # the printed digits: rounded (12.46 → 12.5) or cut off (12.56 → 12.5)
    return magnitude - u / 2 - 1e-9 <= a < magnitude + u - 1e-9


def _signed(change: dict[str, Any]) -> float | None:
    if change["direction"] == 0:
        return 0
    m = change.get("magnitude")
    return None if m is None else change["direction"] * m


def _stated(change: dict[str, Any]) -> tuple[str, str]:
    d, m, unit = change["direction"], change.get("magnitude"), change.get("unit") or ""
    if d == 0:
        return "stayed level", "持平"
    up_en, up_zh = ("rose", "增长") if d > 0 else ("fell", "下降")
    if m is None:
        return up_en, ("有所增长" if d > 0 else "有所下降")
    q = change.get("qualifier") or ""
    shown = f"{q}{fmt(m)}{'%' if unit == '%' else unit}"
    return f"{up_en} by {shown}", f"{up_zh}{shown}"


def _actual(change: dict[str, Any], this: float, last: float) -> tuple[str, str, float]:
    delta = this - last
    unit = change.get("unit")
    if unit == "%" and last:
        pct = delta / last * 100
        digits = int(change.get("decimals") or 0) + 1
        shown = f"{pct:+.{digits}f} %"
        return (
            shown,
            ("增长" if pct > 0 else "下降" if pct < 0 else "变化") + f"{abs(pct):.{digits}f}%",
            round(pct, digits),
        )
    if unit == "个百分点":
        return f"{delta:+g} points", ("提高" if delta > 0 else "降低") + f"{abs(delta):g}个百分点", delta
    word = "增加" if delta > 0 else "减少" if delta < 0 else "没有变化"
    return f"{delta:+g}", (f"{word}{fmt(abs(delta))}" if delta else word), delta


def _source(where: Any) -> tuple[str, str]:
    if where == "prose":
        return " (prose)", "（正文）"
    tables = sorted({c[0] for c in where})
    return f" (table {', '.join(t[1:] for t in tables)})", f"（{'、'.join(_TABLE_ZH.get(t, t) for t in tables)}）"
