from __future__ import annotations

from typing import TYPE_CHECKING

from . import TableRule, detail, where_zh

if TYPE_CHECKING:
    from ...tables import Table, TableIssue


class RowDuplicated(TableRule):
    """A table row is printed twice.

    说明
        Each canonical row appears once in its table.  A second copy (a pasted row, or a
        table printed twice) makes it unclear which numbers the report means; the first
        readable copy is used.

    中文
        表格的某一行印了两次。

        模板中的每一行在表中只出现一次。重复的行（粘贴了两遍的行，或整张表印了两次）
        让人无法判断报告指的是哪组数字；govtext采用第一个能够读取的那一行。该项为警告。

    错误示例
        Two rows labelled ``（一）予以公开`` in table 3.

    正确示例
        One.
    """

    code = "GT204"
    name = "tables.row_duplicated"
    severity = "warning"
    group = "tables"

    kinds = ("repeated_row",)

    def describe(self, issue: TableIssue, table: Table | None = None) -> tuple[str, str]:
        times = detail(issue, "times")
        return (
            f"row {issue.row} is printed {times} times; the first readable one is used",
            f"{where_zh(issue, table)}印出{times}次，取第一处可读的",
        )
