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

    中文
        表三中本年新收与上年结转之和，不等于办理结果总计与结转下年度之和。

        模板本身印有这一勾稽关系：“第一项加第二项之和，等于第三项加第四项之和”，即在每一列中，
        “一、本年新收政府信息公开申请数量”加“二、上年结转政府信息公开申请数量”，等于“三、本年度办理结果”
        的“（七）总计”加“四、结转下年度继续办理”。收到的申请要么在本年度办理，要么结转下年度；
        不相等说明这四行中有一行有误。该项为错误；所依据的单元格中有未能确切读取的，改报为GT207警告。
        空白单元格按0计（模板的填报要求），但整块空着的不算：总计整块未填，
        或各分项整块未填而总计不为0时，不检查（有的报告不填办理结果各行的“总计”列）；
        有单元格填的是文字（见GT202）时也不检查。若只改动一个单元格就能使表内全部勾稽关系成立，
        提示信息会指出该单元格及其应有的数值。

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
        failing = list(failures(t3, "balance"))
        if not failing:
            return  # the suspect is sought only where an identity fails
        culprit = suspect(t3)
        note, note_zh = suspect_note(culprit)
        for identity, inflow, outflow in failing:
            col = identity.about
            yield self.cell_finding(
                t3,
                "carried_forward" if "carried_forward" in t3.rows else "total",
                col,
                f"表三 column “{COLUMN_ZH[col]}”: new + carried over = {fmt(inflow)}, "
                f"but handled + carried forward = {fmt(outflow)}{note}",
                f"表三“{COLUMN_ZH[col]}”列：本年新收与上年结转之和为{fmt(inflow)}，"
                f"办理结果总计与结转下年度之和却为{fmt(outflow)}{note_zh}",
                observed=outflow,
                expected=inflow,
                basis=basis(t3, identity),
                suspect=culprit,
            )
