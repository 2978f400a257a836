from __future__ import annotations

from typing import TYPE_CHECKING

from . import TABLE_ZH, TableRule

if TYPE_CHECKING:
    from ...tables import Table, TableIssue


class UnknownRow(TableRule):
    """A table has a row the national template does not have.

    说明
        Some provinces add rows of their own, and some reports mislabel a row beyond
        recognition.  Such a row is never dropped: it is kept under ``extra`` with its
        printed label and values, and reported so that a reader can decide whether it
        belongs in the totals.

    中文
        表格中有全国统一模板没有的行。

        有些省份会增加本地的行，也有些报告把行名写错到无法辨认。这样的行绝不丢弃：
        连同印出的行名和数值保存在extra（模板外的行）中，并予以报告，由读者判断它是否应计入合计。
        该项为警告。

    错误示例
        A row ``行政确认`` with the value ``37`` inside table 2.

    正确示例
        Only the template's rows, or the added row explained in the text.
    """

    code = "GT205"
    name = "tables.unknown_row"
    severity = "warning"
    group = "tables"

    kinds = ("unknown_row",)

    def describe(self, issue: TableIssue, table: Table | None = None) -> tuple[str, str]:
        name = issue.table[1:]
        return (
            f"table {name} has a row the template does not know: {issue.observed!r}",
            f"{TABLE_ZH.get(issue.table, '表格')}有一行模板中没有：“{issue.observed}”",
        )
