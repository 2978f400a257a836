from __future__ import annotations

from collections.abc import Iterator

from ...model import Document, Finding
from ...tables.schema import T4_GROUPS
from ..base import Rule
from . import basis, digits_note, failures, fmt, suspect, suspect_note


class T4GroupSum(Rule):
    """In table 4, 结果维持 + 结果纠正 + 其他结果 + 尚未审结 is not the group's 总计.

    说明
        Table 4 has three groups — 行政复议, 行政诉讼 未经复议直接起诉, 行政诉讼 复议后起诉 —
        each with four outcomes and their 总计.  Every case has exactly one outcome, so the
        four add up to the total in each group.  A blank cell is 0; a group whose total is
        printed blank while the other groups print theirs and its outcomes are not all 0 has
        its total left out, not a 0 read from the page: GT207 reports it, as a warning.

    中文
        表四中“结果维持”“结果纠正”“其他结果”“尚未审结”之和不等于该组的“总计”。

        表四分三组——行政复议、行政诉讼（未经复议直接起诉）、行政诉讼（复议后起诉）——每组有四种结果及其总
        计。每个案件只有一种结果，因此每组四项之和等于总计。该项为错误；所依据的单元格中有未能确切读取
        的，改报为GT207警告；但一组数字连写、无论怎样拆分都不相符时，依据的是印出的数字本身，仍为错误。
        空白单元格按0计；有单元格填的是文字（见GT202）或总计未以数字印出时不检查；
        其他组印出总计而本组总计留空、各项之和又不为0时，视为漏填而非0，改报GT207警告。
        若只改动一个单元格就能使表内全部勾稽关系成立，提示信息会指出该单元格及其应有的数值。

    错误示例
        行政复议 结果维持 10, 结果纠正 1, 其他结果 0, 尚未审结 0, 总计 0.

    正确示例
        行政复议 结果维持 10, 结果纠正 1, 其他结果 0, 尚未审结 0, 总计 11.
    """

    code = "GT305"
    name = "arithmetic.t4_group_sum"
    severity = "error"
    group = "arithmetic"

    def check(self, doc: Document) -> Iterator[Finding]:
        t4 = doc.tables.get("t4")
        if t4 is None:
            return
        failing = list(failures(t4, "group_sum"))
        if not failing:
            return  # the suspect is sought only where an identity fails
        culprit = suspect(t4)
        note, note_zh = suspect_note(culprit)
        labels = dict(T4_GROUPS)
        for identity, parts, total in failing:
            group = identity.about
            label = labels[group]
            ran, ran_zh = digits_note(t4, identity)
            yield self.cell_finding(
                t4,
                group,
                "total",
                f"表四 row “{label}”: upheld + corrected + other + pending = {fmt(parts)}, "
                f"but the total is {fmt(total)}{ran}{note}",
                f"表四“{label}”：结果维持、结果纠正、其他结果、尚未审结之和为{fmt(parts)}，总计却为{fmt(total)}{ran_zh}{note_zh}",
                observed=total,
                expected=parts,
                basis=basis(t4, identity),
                suspect=culprit,
            )
