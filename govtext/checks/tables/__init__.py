"""Rules about reading the three tables (GT2xx): rows that cannot be read, unknown rows, missing tables."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...model import CellRef

if TYPE_CHECKING:
    from ...model import Document, Finding
    from ..base import Rule


def issue_findings(rule: Rule, doc: Document) -> Iterator[Finding]:
    """The findings of ``rule`` from the issues the tables stage recorded under its code."""
    for name, table in doc.tables.items():
        if table is None:
            continue
        for issue in table.issues:
            if issue.code != rule.code:
                continue
            cell = None
            if issue.row is not None:
                label = table.rows[issue.row].label if issue.row in table.rows else None
                cell = CellRef(name, issue.row, issue.col, label=label)
            yield rule.finding(
                issue.message, span=issue.span, observed=issue.observed, expected=issue.expected, cell=cell
            )
