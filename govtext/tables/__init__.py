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
:mod:`~govtext.tables.geometry` (PDF boxes); the thresholds are a :class:`TableSettings`.
See ``docs/tables.md``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from .model import ExtraRow, Table, TableCell, TableIssue, TableRow
from .read import DEFAULT_SETTINGS, TableSettings, build, iter_cells, parse_value, template_of
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
    "TableSettings",
    "apply",
    "empty_table",
    "extract",
    "iter_cells",
    "parse_value",
]


def extract(doc: Document, settings: TableSettings | None = None) -> dict[str, Table | None]:
    """Read the three tables of ``doc`` (which needs its text; sections are not needed).

    ``settings`` (:class:`TableSettings`) changes the reader's thresholds.
    """
    tables = build(doc, settings or DEFAULT_SETTINGS)
    if doc.source is not None and doc.source.format in ("pdf", "image") and doc.extraction is not None:
        from .geometry import add_boxes

        add_boxes(doc.extraction, tables)
    if doc.extraction is not None and doc.extraction.ocr_pages:
        _ocr_certainty(doc.extraction.ocr_unsure, tables)
    return tables


def _ocr_certainty(unsure: set[int], tables: dict[str, Table | None]) -> None:
    """A cell built on a character OCR read with low confidence, or on a cell OCR saw ink in but read nothing
    from, is ``ocr``: not certain, so it makes a reading finding, never an identity error."""
    if not unsure:
        return
    for table in tables.values():
        if table is None:
            continue
        for cell in list(table.cells.values()):
            if cell.span is None or not cell.certain:
                continue
            if any(i in unsure for i in range(cell.span.start, max(cell.span.end, cell.span.start + 1))):
                table.put(cell.evolve(how="ocr", confidence=min(cell.confidence, 0.5)))


def apply(doc: Document) -> None:
    """The pipeline step: fill ``doc.tables`` and, where the tables show it, ``doc.meta.template``."""
    doc.tables = extract(doc)
    template = template_of(doc.tables)
    if template is not None:
        doc.meta = replace(doc.meta, template=template)
