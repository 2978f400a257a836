from __future__ import annotations

from collections.abc import Iterator

from ...model import Document, Finding
from ..base import Rule
from . import COLUMN_ZH, basis, failures, fmt, suspect, suspect_note


class T3Balance(Rule):
    """In table 3, new + carried-over applications do not equal handled + carried-forward.

    说明
        The template prints the identity itself: 第一项加第二项之和，等于第三项加第四项之和 —
        一、本年新收 + 二、上年结转 = 三（七）总计 + 四、结转下年度继续办理, in every column.  An
        application received is either handled this year or carried forward; a difference
        means one of the four rows is wrong.

    错误示例
        新收 3119 + 结转 34 = 3153, but 总计 3050 + 结转下年度 100 = 3150.

    正确示例
        3119 + 34 = 3050 + 103.
    """

    code = "GT303"
    name = "arithmetic.t3_balance"
    severity = "error"
    group = "arithmetic"

    def check(self, doc: Document) -> Iterator[Finding]:
        t3 = doc.tables.get("t3")
        if t3 is None or not {"new_received", "total"} <= set(t3.rows):
            return
        culprit = suspect(t3)
        note, note_zh = suspect_note(culprit)
        for identity, inflow, outflow in failures(t3, "balance"):
            col = identity.about
            yield self.cell_finding(
                t3,
                "carried_forward" if "carried_forward" in t3.rows else "total",
                col,
                f"table 3 column {col}: new + carried over = {fmt(inflow)}, "
                f"but handled + carried forward = {fmt(outflow)}{note}",
                f"表3“{COLUMN_ZH[col]}”列：本年新收与上年结转之和为{fmt(inflow)}，"
                f"办理结果总计与结转下年度之和却为{fmt(outflow)}{note_zh}",
                observed=outflow,
                expected=inflow,
                basis=basis(t3, identity),
                suspect=culprit,
            )
