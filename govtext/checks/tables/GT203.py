from __future__ import annotations

from collections.abc import Iterator

from ...model import Document, Finding
from ..base import Rule
from . import issue_findings


class DigitsRunTogether(Rule):
    """The digits of a row ran together and more than one split fits.

    说明
        Crawlers and PDF text layers often print a row without separators (``8855698``
        for 88, 55, 698).  govtext splits such runs with the tables' identities (row
        sum, outcome sum, balance, table 4's group sums); where the identities cannot
        decide (table 2 has none) the split chosen is a guess, its cells carry a lower
        ``confidence``, and this finding says so.

    错误示例
        ``行政规范性文件8855698`` (88/55/698, 8/85/5698, 885/5/698 … all possible).

    正确示例
        ``行政规范性文件 88 55 698``
    """

    code = "GT203"
    name = "tables.digits_run_together"
    severity = "info"
    group = "tables"

    def check(self, doc: Document) -> Iterator[Finding]:
        yield from issue_findings(self, doc)
