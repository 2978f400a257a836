from __future__ import annotations

from typing import TYPE_CHECKING

from . import TableRule, detail, where_zh

if TYPE_CHECKING:
    from ...tables import Table, TableIssue


class DigitsRunTogether(TableRule):
    """The digits of a row ran together and more than one split fits.

    说明
        Crawlers and PDF text layers often print a row without separators (``8855698``
        for 88, 55, 698).  govtext splits such runs with the tables' identities (row
        sum, outcome sum, balance, table 4's group sums); where the identities cannot
        decide (table 2 has none) the split chosen is a guess, its cells carry a lower
        ``confidence``, and this finding says so.

    中文
        某行数字连写在一起，且不止一种拆分方式都说得通。

        网页抓取的文本和PDF文本层常把一行数字连在一起印出（如“8855698”实为88、55、698）。
        govtext借助表格的勾稽关系（表三的行合计、办理结果合计和“第一项加第二项之和，
        等于第三项加第四项之和”，表四各组合计）拆分这类数字；勾稽关系无法确定拆法时（表二没有勾稽关
        系），所选拆法只是猜测，这些单元格的可信度（confidence）较低，本项即说明这一情况。该项为提示。

    错误示例
        ``行政规范性文件8855698`` (88/55/698, 8/85/5698, 885/5/698 … all possible).

    正确示例
        ``行政规范性文件 88 55 698``
    """

    code = "GT203"
    name = "tables.digits_run_together"
    severity = "info"
    group = "tables"

    kinds = ("ambiguous_split",)

    def describe(self, issue: TableIssue, table: Table | None = None) -> tuple[str, str]:
        run, splits = detail(issue, "run"), detail(issue, "splits")
        if issue.table == "t4":
            return (
                f"table 4's digits ran together ({run}); {splits} splits satisfy its identities; the one closest "
                "to the printed spacing is used",
                f"表四的数字连写在一起（{run}），有{splits}种拆分都满足勾稽关系，取与印出间隔最接近的一种",
            )
        if issue.table == "t2":
            guess = detail(issue, "guess")
            return (
                f"table 2 row {issue.row} prints {run!r} for {detail(issue, 'cells')} cells; no identity decides between "
                f"its {splits} splits; {guess} is a guess",
                f"{where_zh(issue, table)}印出“{run}”，对应{detail(issue, 'cells')}个单元格，"
                f"没有勾稽关系能在{splits}种拆分中作出判断，{guess}只是猜测",
            )
        return (
            f"the digits of row {issue.row} ran together ({run}); {splits} splits satisfy its row sum and the "
            "column identities do not decide between them",
            f"{where_zh(issue, table)}的数字连写在一起（{run}），有{splits}种拆分都满足行合计，列的勾稽关系也无法判断",
        )
