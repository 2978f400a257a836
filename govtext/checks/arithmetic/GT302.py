from __future__ import annotations

from collections.abc import Iterator

from ...model import Document, Finding
from ..base import Rule
from . import COLUMN_ZH, basis, failures, fmt, suspect, suspect_note


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
        culprit = suspect(t3)
        note, note_zh = suspect_note(culprit)
        for identity, parts, total in failures(t3, "outcome_sum"):
            col = identity.about
            yield self.cell_finding(
                t3,
                "total",
                col,
                f"table 3 column {col}: the outcome rows add up to {fmt(parts)}, but （七）总计 is {fmt(total)}{note}",
                f"表3“{COLUMN_ZH[col]}”列：各办理结果之和为{fmt(parts)}，（七）总计却为{fmt(total)}{note_zh}",
                observed=total,
                expected=parts,
                basis=basis(t3, identity),
                suspect=culprit,
            )
