"""Rules about reading the three tables (GT2xx): rows that cannot be read, unknown rows, missing tables.

The tables stage records what went wrong as :class:`~govtext.tables.TableIssue` objects of a
``kind`` (``cell_count``, ``not_a_number``, …) with the facts; a :class:`TableRule` names the
kinds it reports and words each one, in English and Chinese.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, ClassVar

from ...model import CellRef
from ..base import Rule, cell_label

if TYPE_CHECKING:
    from ...model import Document, Finding
    from ...tables import Table, TableIssue

TABLE_ZH = {"t2": "表二", "t3": "表三", "t4": "表四"}


class TableRule(Rule):
    """A rule that reports the tables stage's issues of its ``kinds``, in its own words (:meth:`describe`)."""

    kinds: ClassVar[tuple[str, ...]] = ()

    def describe(self, issue: TableIssue, table: Table | None = None) -> tuple[str, str]:  # pragma: no cover
        """The finding's message in English and in Chinese."""
        raise NotImplementedError

    def check(self, doc: Document) -> Iterator[Finding]:
        yield from issue_findings(self, doc)


def issue_findings(rule: TableRule, doc: Document) -> Iterator[Finding]:
    """The findings of ``rule`` from the issues of its kinds the tables stage recorded."""
    for name, table in doc.tables.items():
        if table is None:
            continue
        for issue in table.issues:
            if issue.kind not in rule.kinds:
                continue
            cell = None
            if issue.row is not None:
                label = table.rows[issue.row].label if issue.row in table.rows else None
                cell = CellRef(name, issue.row, issue.col, label=label)
            en, zh = rule.describe(issue, table)
            yield rule.finding(en, zh=zh, span=issue.span, observed=issue.observed, expected=issue.expected, cell=cell)


def rule_for(kind: str) -> type[TableRule]:
    """The rule that reports issues of ``kind``."""
    from ..base import all_rules

    for rule in all_rules():
        if issubclass(rule, TableRule) and kind in rule.kinds:
            return rule
    raise KeyError(f"no rule reports table issues of kind {kind!r}")


def where_zh(issue: TableIssue, table: Table | None) -> str:
    """``表三“（七）总计”行`` (with its column where the issue has one), or the table's name alone."""
    if issue.row is not None and table is not None:
        return cell_label(table, issue.row, issue.col)
    return TABLE_ZH.get(issue.table, "表格") + (f"{issue.row}行" if issue.row else "")


def detail(issue: TableIssue, key: str, default: Any = None) -> Any:
    return issue.detail.get(key, default)
