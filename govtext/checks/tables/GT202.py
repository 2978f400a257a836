from __future__ import annotations

from collections.abc import Iterator

from ...model import Document, Finding
from ..base import Rule
from . import issue_findings


class CellNotANumber(Rule):
    """A table cell holds text where a number belongs.

    说明
        Every data cell of tables 2–4 is a count or an amount.  Text such as 无, 见附件 or
        若干 cannot be added up; a blank or a dash (—, /) is read as "nothing printed" and
        is not reported here.  The cell's printed text is kept and its value is null.

    错误示例
        A table-2 row ``行政许可`` whose 本年处理决定数量 cell reads ``见附件``.

    正确示例
        The same cell reading ``12``.
    """

    code = "GT202"
    name = "tables.cell_not_a_number"
    severity = "warning"
    group = "tables"

    def check(self, doc: Document) -> Iterator[Finding]:
        yield from issue_findings(self, doc)
