from __future__ import annotations

from collections.abc import Iterator

from ...model import Document, Finding
from ..base import Rule
from . import fmt


class T2Implausible(Rule):
    """In table 2, the documents made and repealed this year do not fit the number in force.

    说明
        现行有效件数 at the end of the year is last year's number plus 本年制发 minus 本年废止,
        and last year's number is at least 0, so 现行有效 can never be below
        本年制发 − 本年废止.  In the 2019 template 本年新公开数量 cannot exceed
        对外公开总数量.  A report that breaks this has a cell in the wrong column or a number
        copied from another row.  (Across years the identity is checked by the batch's
        cross-year rules.)

    中文
        表二中本年制发件数、本年废止件数与现行有效件数对不上。

        年末的“现行有效件数”等于上年的数量加“本年制发件数”减“本年废止件数”，而上年的数量不小于0，
        所以现行有效件数不可能小于本年制发件数减本年废止件数。在2019年格式中，“本年新公开数量”
        不能超过“对外公开总数量”。违反这一点的报告，有单元格填错了列，或数字是从别的行抄来的（跨年度的关
        系由批量处理中的跨年度规则GT502核查）。只检查规章和行政规范性文件两行；本年废止件数空白按0计，
        其余数字未读到时不检查。该项为警告。

    错误示例
        ``行政规范性文件 | 12 | 0 | 5`` (12 made this year, none repealed, only 5 in force).

    正确示例
        ``行政规范性文件 | 12 | 0 | 57``
    """

    code = "GT306"
    name = "arithmetic.t2_implausible"
    severity = "warning"
    group = "arithmetic"

    def check(self, doc: Document) -> Iterator[Finding]:
        t2 = doc.tables.get("t2")
        if t2 is None:
            return
        for row in ("regulations", "normative_docs"):
            if row not in t2.rows:
                continue
            made, repealed, in_force = (t2.get(row, c) for c in ("made", "repealed", "in_force"))
            if made is not None and in_force is not None and made - (repealed or 0) > in_force:
                yield self.cell_finding(
                    t2,
                    row,
                    "in_force",
                    f"表二 row “{t2.rows[row].label}”: {fmt(made)} made and {fmt(repealed or 0)} repealed this year, "
                    f"but only {fmt(in_force)} in force",
                    f"表二“{t2.rows[row].label}”：本年制发{fmt(made)}件、废止{fmt(repealed or 0)}件，"
                    f"现行有效却只有{fmt(in_force)}件",
                    observed=in_force,
                    expected=f">= {fmt(made - (repealed or 0))}",
                )
            published, total = t2.get(row, "new_published"), t2.get(row, "published_total")
            if published is not None and total is not None and published > total:
                yield self.cell_finding(
                    t2,
                    row,
                    "published_total",
                    f"表二 row “{t2.rows[row].label}”: {fmt(published)} published this year but {fmt(total)} published in all",
                    f"表二“{t2.rows[row].label}”：本年新公开{fmt(published)}件，对外公开总数量却只有{fmt(total)}件",
                    observed=total,
                    expected=f">= {fmt(published)}",
                )
