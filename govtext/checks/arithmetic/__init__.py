"""Rules about the tables' arithmetic (GT3xx): the identities (勾稽关系) a correct report satisfies.

A blank cell counts as 0 (the template's own instruction for empty cells); a cell
that holds text is unreadable and leaves its identity unchecked (GT202 reports
it); a column whose parts are all blank is not checked (some reports leave the
总计 column of the outcome rows empty).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ...tables.read import parse_value

if TYPE_CHECKING:
    from ...tables import Table

COLUMN_ZH = {
    "natural_person": "自然人",
    "commercial": "商业企业",
    "research": "科研机构",
    "social_welfare": "社会公益组织",
    "legal_services": "法律服务机构",
    "other_org": "其他组织",
    "total": "总计",
}


def cell_state(table: Table, row: str, col: str) -> str:
    """``"num"``, ``"blank"`` (printed empty or a dash), ``"bad"`` (text, unreadable) or ``"absent"``."""
    cell = table.cell(row, col)
    if cell is None:
        return "absent"
    if cell.value is not None:
        return "num"
    return "blank" if parse_value(cell.text)[1] and cell.confidence > 0 else "bad"


def add(table: Table, cells: Iterable[tuple[str, str]]) -> tuple[float, bool, bool]:
    """Sum of the cells (blank and absent rows as 0), whether every cell was readable, whether any was printed."""
    total: float = 0
    readable, printed = True, False
    for row, col in cells:
        state = cell_state(table, row, col)
        if state == "bad":
            readable = False
        elif state == "num":
            printed = True
            total += table.get(row, col) or 0
    return total, readable, printed


def fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"
