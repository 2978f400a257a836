"""The objects the tables stage hands out: a table, its rows and its cells.

A :class:`Table` maps canonical row key -> column key -> value like the JSON of
``interface.md`` (``table["new_received"]["total"]``), and keeps for every cell
what was printed and where (:class:`TableCell`), for every row how its label was
matched (:class:`TableRow`), the rows the template does not know (``extra``), and
what went wrong while reading it (``issues``, turned into findings by GT2xx rules).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

from .schema import CERTAIN, fmt_number

if TYPE_CHECKING:
    from ..model import Span

Number = int | float
#: the template generation a table was printed on
TableTemplate = Literal["2021", "2019"]


@dataclass(frozen=True)
class TableCell:
    """One cell: its parsed value next to its printed form, and where it was printed.

    ``value`` is ``None`` for a blank or unreadable cell; ``text`` tells which
    (``""`` blank, ``"—"``/``"/"`` a dash, ``"无"`` text where a number belongs).
    ``bbox`` is ``(x0, top, x1, bottom)`` in PDF points from the page's top left.
    ``confidence`` is 1.0 where the cell was printed on its own, lower where it was
    split out of digits that ran together (0.9 when identities decided the split,
    0.5 when nothing could check it).  ``how`` says how the value was obtained (one of
    :data:`~govtext.tables.schema.HOWS`): only a ``read`` or ``blank`` cell is
    :attr:`certain`, and only certain cells may carry an error finding.
    """

    table: str
    row: str
    col: str
    value: Number | None
    text: str
    span: Span | None = None
    bbox: tuple[float, float, float, float] | None = None
    confidence: float = 1.0
    how: str = "read"

    @property
    def certain(self) -> bool:
        """Whether the value was read as printed (a number, or a blank the template counts as 0)."""
        return self.how in CERTAIN

    def evolve(self, **changes: Any) -> TableCell:
        """A copy with ``changes``: ``dataclasses.replace`` without its per-call look at the fields (a PDF's
        tables replace a few hundred cells a report, to give them boxes)."""
        unknown = changes.keys() - _CELL_FIELDS
        if unknown:
            raise TypeError(f"TableCell has no field(s) {sorted(unknown)}")
        new = object.__new__(TableCell)
        new.__dict__.update(self.__dict__)
        new.__dict__.update(changes)
        return new

    def to_dict(self) -> dict[str, Any]:
        return {
            "table": self.table,
            "row": self.row,
            "col": self.col,
            "value": self.value,
            "text": self.text,
            "confidence": self.confidence,
            "how": self.how,
            "bbox": None if self.bbox is None else [round(v, 2) for v in self.bbox],
            "span": None if self.span is None else self.span.to_dict(),
        }


_CELL_FIELDS = frozenset(TableCell.__dataclass_fields__)


@dataclass(frozen=True)
class TableRow:
    """A canonical row as the report printed it: its label and how the label matched."""

    key: str
    label: str
    match: str  # "exact" | "fuzzy" | "position"
    score: float
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "match": self.match,
            "score": self.score,
            "span": None if self.span is None else self.span.to_dict(),
        }


@dataclass(frozen=True)
class ExtraRow:
    """A row the template does not know (kept, never dropped)."""

    label: str
    cells: tuple[TableCell, ...]
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "values": [c.value for c in self.cells],
            "texts": [c.text for c in self.cells],
            "span": None if self.span is None else self.span.to_dict(),
        }


#: What can go wrong reading a table, as the reader sees it (``TableIssue.kind``):
#: ``cell_count`` a row prints more or fewer cells than the template's; ``unsplittable`` a row's digits ran
#: together and no split adds up; ``columns_missing`` table 3 prints three columns where the template has
#: seven; ``not_a_number`` text where a number belongs; ``ambiguous_split`` several splits of digits that ran
#: together fit and nothing decides; ``repeated_row`` a row printed twice; ``unknown_row`` a row the template
#: does not know.
ISSUE_KINDS: tuple[str, ...] = (
    "cell_count", "unsplittable", "columns_missing", "not_a_number", "ambiguous_split", "repeated_row", "unknown_row",
)  # fmt: skip


@dataclass(frozen=True)
class TableIssue:
    """Something that went wrong reading a table, as the reader saw it: its kind, the facts, a place.

    The reader says what it met (``kind``, one of :data:`ISSUE_KINDS`, and the facts
    in ``observed``, ``expected`` and ``detail``); the GT2xx rules decide which kinds
    they report and in what words, English and Chinese (``govtext.checks.tables``).
    ``code`` and ``message`` are theirs, looked up.
    """

    kind: str
    table: str
    span: Span | None = None
    row: str | None = None
    col: str | None = None
    observed: Any = None
    expected: Any = None
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def code(self) -> str:
        """The rule that reports this kind of issue (GT201 …)."""
        from ..checks.tables import rule_for

        return rule_for(self.kind).code

    @property
    def message(self) -> str:
        """The reporting rule's words for it, in English."""
        from ..checks.tables import rule_for

        return rule_for(self.kind)().describe(self)[0]


class Table:
    """One of the three standard tables (``name`` is ``t2``, ``t3`` or ``t4``).

    ``template`` is ``"2021"`` or ``"2019"``; ``method`` says how it was read
    (``html``, ``docx``, ``md``, ``txt`` for a marked-up table; ``text`` for
    flattened text; ``pdf-text`` for a PDF's text layer).

    Each value is held once, in its :class:`TableCell` (``cells``); ``data`` (row ->
    column -> value over the rows and columns the table has, ``None`` where no number
    was read) is a read-only view of them.  ``Table(name, template, method, data)``
    takes the rows and columns from ``data``; a value given there without a cell
    becomes a cell whose ``how`` is ``recorded`` (a figure from a saved record that
    did not keep how it was read: never certain).  Set a value with :meth:`put`.
    """

    __slots__ = ("cells", "extra", "issues", "layout", "method", "name", "rows", "template")

    def __init__(
        self,
        name: str,
        template: TableTemplate,
        method: str,
        data: Mapping[str, Mapping[str, Number | None]],
        cells: dict[tuple[str, str], TableCell] | None = None,
        rows: dict[str, TableRow] | None = None,
        extra: list[ExtraRow] | None = None,
        issues: list[TableIssue] | None = None,
    ) -> None:
        self.name = name
        self.template = template
        self.method = method
        #: row key -> the column keys of that row, in the table's order
        self.layout: dict[str, tuple[str, ...]] = {r: tuple(cols) for r, cols in data.items()}
        self.cells: dict[tuple[str, str], TableCell] = dict(cells or {})
        self.rows: dict[str, TableRow] = dict(rows or {})
        self.extra: list[ExtraRow] = list(extra or [])
        self.issues: list[TableIssue] = list(issues or [])
        for r, cols in data.items():
            for c, v in cols.items():
                if v is not None and (r, c) not in self.cells:
                    self.cells[(r, c)] = TableCell(name, r, c, v, fmt_number(v), how="recorded")
        outside = [key for key in self.cells if key[1] not in self.layout.get(key[0], ())]
        if outside:
            raise ValueError(f"table {name}: cells outside its rows and columns: {outside[:3]}")

    @property
    def data(self) -> Mapping[str, Mapping[str, Number | None]]:
        """Row -> column -> value (``None`` blank, unreadable or not printed): a read-only view of the cells."""
        cells = self.cells
        view = {}
        for r, cols in self.layout.items():
            row = {}
            for c in cols:
                cell = cells.get((r, c))
                row[c] = None if cell is None else cell.value
            view[r] = MappingProxyType(row)
        return MappingProxyType(view)

    def put(self, cell: TableCell) -> None:
        """Set (or replace) the cell at ``cell.row``/``cell.col``, one of the table's rows and columns."""
        if cell.col not in self.layout.get(cell.row, ()):
            raise KeyError(f"table {self.name} has no cell {cell.row}/{cell.col}")
        self.cells[(cell.row, cell.col)] = cell

    def __getitem__(self, row: str) -> Mapping[str, Number | None]:
        """Column -> value of one row (read-only), as ``data[row]`` without building the other rows."""
        return MappingProxyType({c: self.get(row, c) for c in self.layout[row]})

    def __contains__(self, row: object) -> bool:
        return row in self.layout

    def __iter__(self) -> Iterator[str]:
        return iter(self.layout)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Table):
            return NotImplemented
        return all(getattr(self, a) == getattr(other, a) for a in self.__slots__)

    __hash__ = None  # type: ignore[assignment]

    def get(self, row: str, col: str) -> Number | None:
        """The value at ``row``/``col`` (``None`` if blank, unreadable or absent)."""
        cell = self.cells.get((row, col))
        return None if cell is None else cell.value

    def cell(self, row: str, col: str) -> TableCell | None:
        return self.cells.get((row, col))

    def printed(self, row: str) -> bool:
        """Whether the report printed this row at all."""
        return row in self.rows

    def to_dict(self) -> dict[str, Any]:
        """Row -> column -> value, and ``extra`` (printed label -> values) when there are unknown rows."""
        out: dict[str, Any] = {r: dict(cols) for r, cols in self.data.items()}
        if self.extra:
            out["extra"] = {e.label: [c.value for c in e.cells] for e in self.extra}
        return out

    @classmethod
    def from_dict(
        cls, name: str, data: dict[str, Any], detail: dict[str, Any] | None = None, template: str | None = None
    ) -> Table:
        """The table of ``to_dict()``'s ``data`` and, where given, ``detail()``'s ``detail``.

        Without ``detail`` the table has its values but no cells, rows or spans, and its
        template is the report's (``template``) where that is 2019, else 2021.
        """
        from ..model import Span

        def span(s: dict[str, Any] | None) -> Span | None:
            return None if s is None else Span.from_dict(s)

        values = {r: dict(cols) for r, cols in data.items() if r != "extra"}
        if detail is None:
            extra = [ExtraRow(label, tuple(TableCell(name, "extra", str(i), v, "" if v is None else str(v))
                                           for i, v in enumerate(vals)))
                     for label, vals in (data.get("extra") or {}).items()]  # fmt: skip
            return cls(name, "2019" if template == "2019" else "2021", "unknown", values, extra=extra)
        cells = {}
        for c in detail.get("cells") or []:
            bbox = c.get("bbox")
            cells[(c["row"], c["col"])] = TableCell(
                c["table"], c["row"], c["col"], c["value"], c["text"], span(c.get("span")),
                None if bbox is None else (bbox[0], bbox[1], bbox[2], bbox[3]), c.get("confidence", 1.0),
                c.get("how", "read"),
            )  # fmt: skip
        rows = {k: TableRow(k, r["label"], r["match"], r["score"], span(r.get("span")))
                for k, r in (detail.get("rows") or {}).items()}  # fmt: skip
        extra = [
            ExtraRow(e["label"], tuple(TableCell(name, "extra", str(i), v, t)
                                       for i, (v, t) in enumerate(zip(e["values"], e["texts"], strict=True))),
                     span(e.get("span")))
            for e in detail.get("extra") or []
        ]  # fmt: skip
        return cls(name, detail["template"], detail["method"], values, cells, rows, extra)

    def detail(self) -> dict[str, Any]:
        """How the table was read: template, method, rows' labels, every cell, extra rows."""
        return {
            "template": self.template,
            "method": self.method,
            "rows": {k: r.to_dict() for k, r in self.rows.items()},
            "cells": [c.to_dict() for c in self.cells.values()],
            "extra": [e.to_dict() for e in self.extra],
        }

    def __repr__(self) -> str:
        filled = sum(1 for c in self.cells.values() if c.value is not None)
        return f"<Table {self.name} template={self.template} method={self.method} rows={len(self.rows)} cells={filled}>"
