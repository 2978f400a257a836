"""The tables stage: the three standard tables read into canonical cells.

``doc.tables`` maps ``"t2"``, ``"t3"``, ``"t4"`` to a :class:`Table` (or ``None``
where the report has no such table).  A table maps canonical row key -> column
key -> value (the keys of ``annual-report-format.md``, both template
generations), and keeps for every cell its printed form and where it was printed
(page and bbox for a PDF, line:col for text, the cell for HTML/DOCX), for every
row how its label was matched, unknown rows under ``extra``, and what went wrong
while reading it (``issues``, reported by the GT2xx rules).

How: :mod:`govtext.tables.read` (observations, state machine, assembly),
:mod:`~govtext.tables.labels` (label matching), :mod:`~govtext.tables.split`
(run-together digits), :mod:`~govtext.tables.schema` (the canonical keys),
:mod:`~govtext.tables.geometry` (PDF boxes).  See ``docs/tables.md``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from .model import ExtraRow, Table, TableCell, TableIssue, TableRow
from .read import build, iter_cells, parse_value, template_of
from .schema import T2_ROWS, T3_COLUMN_KEYS, T3_ROWS, T4_GROUP_KEYS, T4_OUTCOME_KEYS, empty_table

if TYPE_CHECKING:
    from ..model import Document

__all__ = [
    "T2_ROWS",
    "T3_COLUMN_KEYS",
    "T3_ROWS",
    "T4_GROUP_KEYS",
    "T4_OUTCOME_KEYS",
    "ExtraRow",
    "Table",
    "TableCell",
    "TableIssue",
    "TableRow",
    "apply",
    "empty_table",
    "extract",
    "iter_cells",
    "parse_value",
]


def extract(doc: Document) -> dict[str, Table | None]:
    """Read the three tables of ``doc`` (which needs its text; sections are not needed)."""
    tables = build(doc)
    if doc.source is not None and doc.source.format == "pdf" and doc.extraction is not None:
        from .geometry import add_boxes

        add_boxes(doc.extraction, tables)
    return tables


def apply(doc: Document) -> None:
    """The pipeline step: fill ``doc.tables`` and, where the tables show it, ``doc.meta.template``."""
    doc.tables = extract(doc)
    template = template_of(doc.tables)
    if template is not None:
        doc.meta = replace(doc.meta, template=template)
