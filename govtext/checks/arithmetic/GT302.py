from __future__ import annotations

from collections.abc import Iterator

from ...model import Document, Finding
from ..base import Rule
from . import COLUMN_ZH, basis, failures, fmt, suspect, suspect_note


class T3OutcomeSum(Rule):
    """In table 3, （七）总计 is not the sum of the outcome rows.

    说明
        （七）总计 counts every application handled this year, so in each column it equals
        （一）予以公开 + （二）部分公开 + every row of （三）不予公开, （四）无法提供, （五）不予处理
        and （六）其他处理 (three rows in the 2021 template, one in the 2019 template).
        A difference means an outcome row or the total is wrong.  A column whose outcome
        cells are all blank is not checked.

    中文
        表三中“（七）总计”不等于各办理结果行之和。

        “（七）总计”统计本年度办理的全部申请，因此在每一列中，它都等于“（一）予以公开”、“（二）部分公开”
        以及“（三）不予公开”“（四）无法提供”“（五）不予处理”“（六）其他处理”下各行之和（“（六）其他处理”
        在2021年格式中分三行，在2019年格式中为一行）。不相等说明某个办理结果行或总计有误。该项为错误；
        所依据的单元格中有未能确切读取的，改报为GT207警告。空白单元格按0计（模板的填报要求），
        但整块空着的不算：总计整块未填，或各分项整块未填而总计不为0时，不检查（有的报告不填办理结果各行
        的“总计”列）；有单元格填的是文字（见GT202）时也不检查。若只改动一个单元格就能使表内全部勾稽关系
        成立，提示信息会指出该单元格及其应有的数值。

    错误示例
        （七）总计 自然人 2932, where the 自然人 outcome rows add up to 2931.

    正确示例
        The outcome rows of each column add up to its （七）总计.
    """

    code = "GT302"
    name = "arithmetic.t3_outcome_sum"
    severity = "error"
    group = "arithmetic"

    def check(self, doc: Document) -> Iterator[Finding]:
        t3 = doc.tables.get("t3")
        if t3 is None or "total" not in t3.rows:
            return
        failing = list(failures(t3, "outcome_sum"))
        if not failing:
            return  # the suspect is sought only where an identity fails
        culprit = suspect(t3)
        note, note_zh = suspect_note(culprit)
        for identity, parts, total in failing:
            col = identity.about
            yield self.cell_finding(
                t3,
                "total",
                col,
                f"表三 column “{COLUMN_ZH[col]}”: the outcome rows add up to {fmt(parts)}, but （七）总计 is {fmt(total)}{note}",
                f"表三“{COLUMN_ZH[col]}”列：各办理结果之和为{fmt(parts)}，（七）总计却为{fmt(total)}{note_zh}",
                observed=total,
                expected=parts,
                basis=basis(t3, identity),
                suspect=culprit,
            )
