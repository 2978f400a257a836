from __future__ import annotations

from collections.abc import Iterator

from ...model import Document, Finding
from ..base import Rule
from . import issue_findings


class RowUnreadable(Rule):
    """A table row has the wrong number of cells or digits that cannot be split into its cells.

    说明
        The template fixes how many cells each row has (seven in table 3: six applicant
        columns and the total; fifteen in table 4).  A row printed with fewer or more
        cells, or with digits run together in a way no split can make add up, cannot be
        checked, and usually means a cell was lost, merged or glued to its neighbour
        when the report was made or published.  The row's printed cells are kept with
        value null.

    错误示例
        ``1.属于国家秘密  2 0 0 0 2`` (five cells where seven belong).

    正确示例
        ``1.属于国家秘密  2 0 0 0 0 0 2``.
    """

    code = "GT201"
    name = "tables.row_unreadable"
    severity = "warning"
    group = "tables"

    def check(self, doc: Document) -> Iterator[Finding]:
        yield from issue_findings(self, doc)
