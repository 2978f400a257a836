from __future__ import annotations

from typing import TYPE_CHECKING

from . import TableRule, where_zh

if TYPE_CHECKING:
    from ...tables import Table, TableIssue


class CellNotANumber(TableRule):
    """A table cell holds text where a number belongs.

    说明
        Every data cell of tables 2–4 is a count or an amount.  Text such as 无, 见附件 or
        若干 cannot be added up; a blank or a dash (—, /) is read as "nothing printed" and
        is not reported here.  The cell's printed text is kept and its value is null.

    中文
        表格中应填数字的单元格填了文字。

        表二至表四的每个数据单元格都是数量或金额。“无”“见附件”“若干”之类的文字无法加总；
        空白或短横线（—、/）视为“未填写”，不在此报告。该单元格印出的文字予以保留，数值记为空（null），
        涉及它的勾稽关系不再核查。该项为警告。

    错误示例
        A table-2 row ``行政许可`` whose 本年处理决定数量 cell reads ``见附件``.

    正确示例
        The same cell reading ``12``.
    """

    code = "GT202"
    name = "tables.cell_not_a_number"
    severity = "warning"
    group = "tables"

    kinds = ("not_a_number",)

    def describe(self, issue: TableIssue, table: Table | None = None) -> tuple[str, str]:
        return (
            f"cell {issue.row}/{issue.col} prints {issue.observed!r} where a number belongs",
            f"{where_zh(issue, table)}印的是“{issue.observed}”，此处应为数字",
        )
