from __future__ import annotations

from collections.abc import Iterator

from ...model import Document, Finding
from ..base import Rule, cell_basis, cell_label
from . import fmt

#: Table-2 columns that are amounts or changes, not counts.
NOT_COUNTS = {"amount_wan", "amount", "change"}


class NotACount(Rule):
    """A table cell that counts something is negative or not a whole number.

    说明
        Tables 3 and 4 and the count columns of table 2 count documents, decisions and
        applications: whole numbers, never below zero.  ``-1`` or ``2.5`` is a typing
        error (or a cell meant for an amount).  Table 2's 本年收费金额 (万元), 采购总金额
        and the 2019 template's 本年增/减 are not counts and are not checked here.

    中文
        表格中统计数量的单元格为负数或不是整数。

        表三、表四以及表二中的件数、数量各列统计的是文件、决定和申请的数量，都是不小于0的整数。“-1”
        或“2.5”是录入错误（或是把金额填进了数量栏）。表二的“本年收费金额（单位：万元）”、
        2019年格式的采购总金额和“本年增/减”不是数量，不在此检查；空白或未读到的单元格也不检查。
        该项为错误；该单元格未能确切读取时，改报为GT207警告。

    错误示例
        ``（一）予以公开 | 12.5 | …``

    正确示例
        ``（一）予以公开 | 12 | …``
    """

    code = "GT304"
    name = "arithmetic.not_a_count"
    severity = "error"
    group = "arithmetic"

    def check(self, doc: Document) -> Iterator[Finding]:
        for name in ("t2", "t3", "t4"):
            table = doc.tables.get(name)
            if table is None:
                continue
            for (row, col), cell in table.cells.items():
                v = cell.value
                if v is None or col in NOT_COUNTS:
                    continue
                if v < 0 or not float(v).is_integer():
                    yield self.cell_finding(
                        table,
                        row,
                        col,
                        f"{cell_label(table, row, col)} is {fmt(v)}: a count must be a whole number of at least 0",
                        f"表{'二三四'[int(name[1]) - 2]}“{table.rows[row].label if row in table.rows else row}”{col}为{fmt(v)}："
                        "数量应为非负整数",
                        observed=v,
                        basis=(cell_basis(table, row, col),),
                    )
