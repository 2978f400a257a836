from __future__ import annotations

from collections.abc import Iterator

from ...model import Document, Finding
from ..base import Rule
from . import basis, digits_note, failures, fmt, suspect, suspect_note


class T3RowSum(Rule):
    """In table 3, a row's six applicant columns do not add up to its 总计.

    说明
        Every row of table 3 counts applications by applicant: 自然人, the five kinds of
        法人或其他组织, and their 总计.  The six must add up to the total in every row;
        a difference is a typing error in one of the cells or a total copied from
        another row.  Checked for every row whose total is printed.

    中文
        表三中某行六类申请人之和不等于该行的“总计”。

        表三每一行都按申请人统计申请数量：自然人，法人或其他组织的五类（商业企业、科研机构、
        社会公益组织、法律服务机构、其他），以及它们的总计。每一行中这六类之和都必须等于“总计”；
        不相等说明某个单元格录入有误，或总计是从别的行抄来的。凡印出总计的行都予检查。该项为错误；
        所依据的单元格中有未能确切读取的，改报为GT207警告；但一行数字连写、无论怎样拆分都不相符时，
        依据的是印出的数字本身，仍为错误。空白单元格按0计（模板的填报要求），但整块空着的不算：
        总计整块未填，或各分项整块未填而总计不为0时，不检查（有的报告不填办理结果各行的“总计”列）；
        有单元格填的是文字（见GT202）时也不检查。若只改动一个单元格就能使表内全部勾稽关系成立，
        提示信息会指出该单元格及其应有的数值。

    错误示例
        ``一、本年新收政府信息公开申请数量 | 3001 | 53 | 0 | 0 | 61 | 4 | 3120``
        (3001+53+0+0+61+4 = 3119).

    正确示例
        ``… | 3001 | 53 | 0 | 0 | 61 | 4 | 3119``
    """

    code = "GT301"
    name = "arithmetic.t3_row_sum"
    severity = "error"
    group = "arithmetic"

    def check(self, doc: Document) -> Iterator[Finding]:
        t3 = doc.tables.get("t3")
        if t3 is None:
            return
        failing = list(failures(t3, "row_sum"))
        if not failing:
            return  # the suspect is sought only where an identity fails
        culprit = suspect(t3)
        note, note_zh = suspect_note(culprit)
        for identity, parts, total in failing:
            row = identity.about
            label = t3.rows[row].label if row in t3.rows else row
            ran, ran_zh = digits_note(t3, identity)
            yield self.cell_finding(
                t3,
                row,
                "total",
                f"表三 row “{label}”: the applicant columns add up to {fmt(parts)}, "
                f"but its total is {fmt(total)}{ran}{note}",
                f"表三“{label}”行：各类申请人之和为{fmt(parts)}，总计却为{fmt(total)}{ran_zh}{note_zh}",
                observed=total,
                expected=parts,
                basis=basis(t3, identity),
                suspect=culprit,
            )
