from __future__ import annotations

from typing import TYPE_CHECKING

from . import TableRule, detail, where_zh

if TYPE_CHECKING:
    from ...tables import Table, TableIssue


class RowUnreadable(TableRule):
    """A table row has the wrong number of cells or digits that cannot be split into its cells.

    说明
        The template fixes how many cells each row has (seven in table 3: six applicant
        columns and the total; fifteen in table 4).  A row printed with fewer or more
        cells, or with digits run together in a way no split can make add up, cannot be
        checked, and usually means a cell was lost, merged or glued to its neighbour
        when the report was made or published.  The row's printed cells are kept with
        value null.

    中文
        表格某行的单元格数量不对，或连写的数字无法拆分到各单元格。

        模板规定了每行的单元格数量（表三每行七格：六类申请人及总计；表四共十五格）。
        某行印出的单元格多于或少于规定数量，或数字连写在一起、无论怎样拆分都不相符时，这一行无法核查；
        这通常说明报告制作或发布时某个单元格丢失、合并或与相邻单元格粘连。该行印出的内容予以保留，
        数值记为空（null），不按0计。该项为警告。

    错误示例
        ``1.属于国家秘密  2 0 0 0 2`` (five cells where seven belong).

    正确示例
        ``1.属于国家秘密  2 0 0 0 0 0 2``.
    """

    code = "GT201"
    name = "tables.row_unreadable"
    severity = "warning"
    group = "tables"

    kinds = ("cell_count", "unsplittable", "columns_missing")

    def describe(self, issue: TableIssue, table: Table | None = None) -> tuple[str, str]:
        where = where_zh(issue, table)
        if issue.kind == "columns_missing":
            printed = detail(issue, "printed", {})
            rows = ", ".join(f"{k} {v}" for k, v in printed.items())
            rows_zh = "，".join(f"{k} {v}" for k, v in printed.items())
            return (
                "table 3 prints three columns (自然人 / 法人或其他组织 / 总计): the five kinds of organisation are "
                f"missing; 法人或其他组织 prints {printed.get('new_received')} new applications (per row: {rows})",
                "表三只印出三列（自然人／法人或其他组织／总计），缺少五类组织的分列；"
                f"法人或其他组织本年新收申请{printed.get('new_received')}件（各行：{rows_zh}）",
            )
        if issue.kind == "unsplittable":
            run = detail(issue, "run")
            return (
                f"row {issue.row} prints {run!r}, which cannot be read as {issue.expected} cells "
                "(no split satisfies the row sum)",
                f"{where}印出“{run}”，无法拆分为{issue.expected}个单元格（没有一种拆分满足行合计）",
            )
        texts = detail(issue, "texts", [])
        if issue.table == "t4" and issue.row is None:
            return (
                f"table 4 prints {issue.observed} cells ({' '.join(texts)!r}) where 15 are expected",
                f"表四印出{issue.observed}个单元格（{' '.join(texts)}），模板为15个",
            )
        if issue.table == "t2":
            return (
                f"table 2 row {issue.row} has {issue.observed} value cells where {issue.expected} are expected",
                f"{where}有{issue.observed}个数值单元格，模板为{issue.expected}个",
            )
        return (
            f"row {issue.row} has {issue.observed} value cells where {issue.expected} are expected: {texts}",
            f"{where}有{issue.observed}个数值单元格，模板为{issue.expected}个：{'、'.join(texts)}",
        )
