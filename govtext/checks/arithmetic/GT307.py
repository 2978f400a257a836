from __future__ import annotations

from collections.abc import Iterator

from ...model import CellRef, Document, Finding
from ..base import Rule


class FeeAmountMissing(Rule):
    """Table 2 of a 2021-template report gives no number for 行政事业性收费.

    说明
        The 2021 template asks for 本年收费金额（单位：万元） in the 行政事业性收费 row
        (0 where nothing was charged).  A blank cell, a dash or text leaves the reader
        unable to tell whether fees were charged; a missing row drops the item.

    中文
        按2021年格式编写的报告，表二“行政事业性收费”一行没有填写数字。

        2021年格式要求在“行政事业性收费”行填写“本年收费金额（单位：万元）”（未收费的填0）。单元格空白、
        填短横线或文字，读者就无法判断是否收过费；缺少这一行则漏掉了该项目。只检查2021年格式的表二；
        该项为警告。

    错误示例
        ``行政事业性收费 | —``

    正确示例
        ``行政事业性收费 | 0`` or ``行政事业性收费 | 96171.6``
    """

    code = "GT307"
    name = "arithmetic.fee_amount_missing"
    severity = "warning"
    group = "arithmetic"

    def check(self, doc: Document) -> Iterator[Finding]:
        t2 = doc.tables.get("t2")
        if t2 is None or t2.template != "2021":
            return
        if "fees" not in t2.rows:
            yield self.finding(
                "table 2 has no 行政事业性收费 row",
                zh="表二缺少“行政事业性收费”行",
                cell=CellRef("t2", "fees", "amount_wan"),
                span=next((r.span for r in t2.rows.values() if r.span is not None), None),
            )
            return
        if t2.get("fees", "amount_wan") is None:
            cell = t2.cell("fees", "amount_wan")
            printed = "" if cell is None else cell.text
            yield self.cell_finding(
                t2,
                "fees",
                "amount_wan",
                f"table 2 行政事业性收费 gives no amount (printed {printed!r}); write 0 if nothing was charged",
                f"表二“行政事业性收费”未填写金额（印为“{printed}”）；未收费应填0",
                observed=printed,
            )
