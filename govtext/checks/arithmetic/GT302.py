from __future__ import annotations

from collections.abc import Iterator

from ...model import Document, Finding
from ...tables.schema import T3_COLUMN_KEYS, t3_outcome_rows
from ..base import Rule
from . import COLUMN_ZH, add, cell_state, fmt


def outcome_rows(t3) -> tuple[str, ...]:
    """The outcome rows of the table as printed (a 2019-style （六）其他处理 row in a 2021 table included)."""
    rows = t3_outcome_rows(t3.template)
    if "other" in t3.data and "other" not in rows:
        rows = (*rows, "other")
    return rows


class T3OutcomeSum(Rule):
    """In table 3, （七）总计 is not the sum of the outcome rows.

    说明
        （七）总计 counts every application handled this year, so in each column it equals
        （一）予以公开 + （二）部分公开 + every row of （三）不予公开, （四）无法提供, （五）不予处理
        and （六）其他处理 (three rows in the 2021 template, one in the 2019 template).
        A difference means an outcome row or the total is wrong.  A column whose outcome
        cells are all blank is not checked.

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
        rows = outcome_rows(t3)
        for col in T3_COLUMN_KEYS:
            if cell_state(t3, "total", col) != "num":
                continue
            parts, readable, printed = add(t3, ((r, col) for r in rows))
            total = t3.get("total", col)
            if not readable or (not printed and total != 0) or total is None or parts == total:
                continue
            yield self.cell_finding(
                t3,
                "total",
                col,
                f"table 3 column {col}: the outcome rows add up to {fmt(parts)}, but （七）总计 is {fmt(total)}",
                f"表3“{COLUMN_ZH[col]}”列：各办理结果之和为{fmt(parts)}，（七）总计却为{fmt(total)}",
                observed=total,
                expected=parts,
            )
