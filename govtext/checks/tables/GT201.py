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

    中文
        表格某行的单元格数量不对，或连写的数字无法拆分到各单元格。

        模板规定了每行的单元格数量（表三每行七格：六类申请人及总计；表四共十五格）。
        某行印出的单元格多于或少于规定数量，或数字连写在一起、无论怎样拆分都不相符时，这一行无法核查；
        这通常说明报告制作或发布时某个单元格丢失、合并或与相邻单元格粘连。该行印出的内容予以保留，
        数值记为空（null），不按0计。该项为警告。

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
