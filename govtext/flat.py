"""Typed flat tables of a batch output, for analysts: ``reports``, ``findings``, ``cells`` and ``claims``.

The tables are made from the records of a batch output (its JSON Lines,
``docs/interface.md``), each read back as a :class:`~govtext.model.Document` (the
cross-report records as :class:`~govtext.model.CrossReportFinding`), never from one
another: one row per report, per
finding (the cross-report findings of the corpus rules included), per table cell
and per numeric claim of the prose.  Each table has one declared schema
(:data:`SCHEMAS`: column name, type, description) that is the CSV header, the
Parquet schema, the xlsx sheet's header and the DataFrame dtypes of
:func:`read_corpus` alike.  One naming scheme runs through them: ``path`` is the
report, ``table``/``row_key``/``col_key`` name a table cell by its canonical keys
(``row_label_zh``/``col_label_zh`` by the template's Chinese labels), ``page``,
``line`` and ``column`` are positions in the source, ``bbox`` a PDF box.

Formats (:class:`FlatTables`): CSV always (UTF-8 with a byte-order mark, so that
Excel and WPS on a Chinese desktop open it as UTF-8; a null is an empty field, a
list JSON text); ``parquet`` adds Parquet files written from the rows with
pyarrow (real nulls, ``int64`` counts, ``list<double>`` boxes); ``xlsx`` adds one
workbook, ``tables.xlsx``, a sheet per table and a ``columns`` sheet describing
every column (openpyxl).
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import GovtextError

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from .model import CrossReportFinding, Document, Span
    from .tables.model import TableCell

#: ``--table-format``: CSV alone, or CSV and Parquet, or CSV and an xlsx workbook
TABLE_FORMATS = ("csv", "parquet", "xlsx")
#: the tables, in the order they are written
TABLE_NAMES = ("reports", "findings", "cells", "claims")
#: the column types a schema may declare (Arrow's names)
TYPES = ("string", "int64", "float64", "list<string>", "list<double>")
#: the workbook of ``table_format="xlsx"``
WORKBOOK = "tables.xlsx"
#: rows of a Parquet row group
_BATCH_ROWS = 65_536
#: rows of an xlsx sheet, its header included (Excel's limit); a longer table goes on in ``cells_2`` …
XLSX_MAX_ROWS = 1_048_576
#: characters of an xlsx cell (Excel's limit)
_XLSX_MAX_TEXT = 32_767


@dataclass(frozen=True)
class Column:
    """One column of a flat table: its name, its type (one of :data:`TYPES`) and what it holds."""

    name: str
    type: str
    description: str


def _cols(*spec: tuple[str, str, str]) -> tuple[Column, ...]:
    for _, type_, _ in spec:
        assert type_ in TYPES, type_
    return tuple(Column(*s) for s in spec)


_WHERE = (
    ("path", "string", "the report's path as the run was given it (null for a cross-report finding)"),
    ("body", "string", "the issuing body: the title's agency, normalised as the cross-year rules group reports"),
    ("year", "int64", "the report's year"),
)
_CELL = (
    ("table", "string", "the table: t2, t3 or t4"),
    ("row_key", "string", "the row's canonical key (denied.state_secret)"),
    ("col_key", "string", "the column's canonical key (natural_person)"),
    ("row_label_zh", "string", "the row's label in the template (（三）不予公开 1.属于国家秘密)"),
    ("col_label_zh", "string", "the column's label in the template (自然人)"),
)
_POSITION = (
    ("page", "int64", "the PDF page (1-based); null for other formats"),
    ("line", "int64", "the line (1-based): of the file for TXT/HTML/Markdown, of the page for a PDF, a paragraph or table row for DOCX"),
    ("column", "int64", "the character in the line (1-based)"),
)  # fmt: skip
_BBOX = ("bbox", "list<double>", "the PDF box [x0, top, x1, bottom] in points; null for other formats")

REPORTS = _cols(
    ("path", "string", "the report's path as the run was given it"),
    ("sha256", "string", "the file's sha256"),
    ("format", "string", "pdf, docx, html, md or txt; null when the file could not be read"),
    _WHERE[1],
    ("agency", "string", "the agency the title names"),
    _WHERE[2],
    ("template", "string", "2021, 2019, pre-2019 or unknown"),
    ("title", "string", "the report's title"),
    ("published", "string", "the publication date (YYYY-MM-DD) a web page gives"),
    ("sentences", "int64", "sentences of the report"),
    ("claims", "int64", "numeric claims of the prose (rows of claims)"),
    ("cells", "int64", "table cells (rows of cells); null when the record holds no cell detail"),
    ("findings", "int64", "findings of the report (cross-report ones not counted)"),
    ("errors", "int64", "findings at error severity"),
    ("warnings", "int64", "findings at warning severity"),
    (
        "error_type",
        "string",
        "why the file could not be analysed (CorruptFileError, Timeout, …), or "
        "InvalidRecordError for a line of the output that cannot be read back as an analysis; null when it was",
    ),
    ("error_message", "string", "the failure's message"),
)
FINDINGS = _cols(
    *_WHERE,
    ("rule", "string", "the rule's code (GT301)"),
    ("rule_name", "string", "the rule's name (arithmetic.t3_row_sum)"),
    ("rule_name_zh", "string", "the rule's one-line summary in Chinese (the rules have no shorter Chinese name)"),
    ("severity", "string", "error, warning or info"),
    ("message", "string", "the message in English"),
    ("message_zh", "string", "the message in Chinese"),
    *_POSITION,
    *_CELL,
    _BBOX,
    ("observed", "string", "what the rule found: a number or text as printed, JSON text for a list or object"),
    ("expected", "string", "what it should be, the same way"),
    ("observed_value", "float64", "observed, when it is a number"),
    ("expected_value", "float64", "expected, when it is a number"),
    ("demoted_from", "string", "for GT207: the rule whose error rests on a number not read with certainty"),
    ("suspect_table", "string", "the one cell that, changed, makes every failing identity of its table hold: its table"),
    ("suspect_row_key", "string", "… its row key"),
    ("suspect_col_key", "string", "… its column key"),
    ("suspect_value", "float64", "… and the value it would need"),
    ("reports", "list<string>", "a cross-report finding: the paths of the reports it is about, oldest first; null otherwise"),
)  # fmt: skip
CELLS = _cols(
    *_WHERE,
    *_CELL,
    ("value", "float64", "its value; null if printed blank (how = blank, counted as 0) or not read (how = missing)"),
    ("text", "string", "the cell as printed"),
    (
        "how",
        "string",
        "how it was read: read, blank, split (certain), inferred, guessed, ocr, missing, recorded (from a record saved without detail)",
    ),
    ("confidence", "float64", "the reader's confidence, 0–1"),
    *_POSITION,
    _BBOX,
)
CLAIMS = _cols(
    *_WHERE,
    ("claim_index", "int64", "the claim's index in the report's claims (0-based)"),
    ("sentence_index", "int64", "the index of its sentence in the report's sentences (0-based)"),
    ("section", "int64", "the section (1–6) of its sentence; 0 before the first section"),
    ("text", "string", "the claim as written (151条)"),
    ("value", "float64", "its value"),
    ("unit", "string", "its unit (件, 条, %, 万元, …)"),
    ("qualifier", "string", "a qualifier (约, 以上, …)"),
    ("kind", "string", "count, amount, rate or change"),
    ("role", "string", "total, part, rate, numerator or denominator"),
    ("parent_index", "int64", "claim_index of the total or rate it belongs to"),
    ("subject", "string", "what is counted"),
    ("confidence", "float64", "below 1 for digits that cannot be read as written"),
    *_POSITION,
)
#: every table's declared columns
SCHEMAS: dict[str, tuple[Column, ...]] = {"reports": REPORTS, "findings": FINDINGS, "cells": CELLS, "claims": CLAIMS}

Row = tuple[Any, ...]


# --------------------------------------------------------------------------- rows from records


def table_rows(record: dict[str, Any], cells: dict[str, Any] | None = None) -> dict[str, list[Row]]:
    """The rows one report record gives each table (``cells``: its ``table_detail``, if not the record's own).

    The record is read back as a :class:`~govtext.model.Document` and the rows are made
    from its objects; a record that cannot be read back (a hand-edited or foreign line)
    is a ``reports`` row whose error is ``InvalidRecordError``.
    """
    from .errors import InvalidRecordError
    from .model import Document

    out: dict[str, list[Row]] = {name: [] for name in TABLE_NAMES}
    if "error" in record:
        out["reports"].append(_conform("reports", _failed(record, record.get("error"))))
        return out
    if cells is not None and cells is not record.get("table_detail"):
        record = {**record, "table_detail": cells}
    detail = record.get("table_detail")
    try:
        doc = Document.from_dict(record)
    except InvalidRecordError as exc:
        error = {"type": InvalidRecordError.__name__, "message": str(exc)}
        out["reports"].append(_conform("reports", _failed(record, error)))
        return out
    # the tables whose cells the record kept (the others' values carry no how, text or place)
    kept = {name for name, t in (detail or {}).items() if isinstance(t, dict)}
    where = _where(doc)
    out["reports"].append(_conform("reports", _report(doc, detail is not None, kept, where)))
    out["findings"] = [_conform("findings", r) for r in _findings(doc, kept, where)]
    out["cells"] = [_conform("cells", r) for r in _cells(doc, kept, where)]
    out["claims"] = [_conform("claims", r) for r in _claims(doc, where)]
    return out


def cross_row(rec: CrossReportFinding) -> Row:
    """The ``findings`` row of a cross-report finding."""
    reports = [r for r in rec.reports if isinstance(r, str)]
    row: dict[str, Any] = {
        "body": rec.body,
        "year": rec.year,
        **_rule(rec.rule),
        "severity": rec.severity,
        "message": rec.message,
        "message_zh": rec.message_zh,
        **_observed(rec.observed, rec.expected),
        "reports": reports,
    }
    # the cell it points at: the one of the newest report, where there is exactly one
    mine = [c for c in rec.cells if reports and c.report == reports[-1]]
    if len(mine) == 1:
        row.update(_cell_keys(mine[0].table, mine[0].row, mine[0].col, None))
    return _conform("findings", row)


def _failed(record: dict[str, Any], error: Any) -> dict[str, Any]:
    src = record.get("source")
    src = src if isinstance(src, dict) else {}
    error = error if isinstance(error, dict) else {}
    return {"path": src.get("path"), "sha256": src.get("sha256"), "format": src.get("format"),
            "error_type": error.get("type"), "error_message": error.get("message")}  # fmt: skip


def _where(doc: Document) -> dict[str, Any]:
    from .corpus import body_name

    return {"path": doc.source.path, "body": body_name(doc.meta.agency, doc.source.path), "year": doc.meta.year}


def _kept_cells(doc: Document, kept: set[str]) -> Iterator[TableCell]:
    """The cells the record kept, table by table, in its order."""
    for name, table in doc.tables.items():
        if table is not None and name in kept:
            yield from table.cells.values()


def _report(doc: Document, has_detail: bool, kept: set[str], where: dict[str, Any]) -> dict[str, Any]:
    src, meta = doc.source, doc.meta
    severities = [f.severity for f in doc.findings]
    return {
        "path": src.path,
        "sha256": src.sha256,
        "format": src.format,
        **where,
        "agency": meta.agency,
        "template": meta.template,
        "title": meta.title,
        "published": meta.published,
        "sentences": len(doc.sentences),
        "claims": len(doc.claims),
        "cells": sum(1 for _ in _kept_cells(doc, kept)) if has_detail else None,
        "findings": len(doc.findings),
        "errors": severities.count("error"),
        "warnings": severities.count("warning"),
    }


def _template(doc: Document, name: str, kept: set[str]) -> str | None:
    """The template a table was printed on: its own where the record kept its cells, else the report's."""
    table = doc.tables.get(name)
    return table.template if table is not None and name in kept else doc.meta.template


def _findings(doc: Document, kept: set[str], where: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for f in doc.findings:
        suspect = f.suspect
        row = {
            **where,
            **_rule(f.rule),
            "severity": f.severity,
            "message": f.message,
            "message_zh": f.message_zh,
            **_position(f.span),
            **_observed(f.observed, f.expected),
            "demoted_from": f.demoted_from,
            "suspect_table": None if suspect is None else suspect.table,
            "suspect_row_key": None if suspect is None else suspect.row,
            "suspect_col_key": None if suspect is None else suspect.col,
            "suspect_value": None if suspect is None else suspect.value,
        }
        cell = f.cell
        if cell is not None and cell.table:
            row.update(_cell_keys(cell.table, cell.row, cell.col, _template(doc, cell.table, kept)))
            table = doc.tables.get(cell.table)
            read = table.cell(cell.row or "", cell.col or "") if table is not None and cell.table in kept else None
            box = read.bbox if read is not None and read.bbox is not None else cell.bbox
            row["bbox"] = None if box is None else list(box)
        yield row


def _cells(doc: Document, kept: set[str], where: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for c in _kept_cells(doc, kept):
        yield {
            **where,
            **_cell_keys(c.table, c.row, c.col, _template(doc, c.table, kept)),
            "value": c.value,
            "text": c.text,
            "how": c.how,
            "confidence": c.confidence,
            **_position(c.span),
            "bbox": None if c.bbox is None else list(c.bbox),
        }


def _claims(doc: Document, where: dict[str, Any]) -> Iterator[dict[str, Any]]:
    sentences = doc.sentences
    for i, c in enumerate(doc.claims):
        s = c.sentence
        section = sentences[s].section if isinstance(s, int) and 0 <= s < len(sentences) else None
        yield {
            **where,
            "claim_index": i,
            "sentence_index": s,
            "section": section,
            "text": c.text,
            "value": c.value,
            "unit": c.unit,
            "qualifier": c.qualifier,
            "kind": c.kind,
            "role": c.role,
            "parent_index": c.parent,
            "subject": c.subject,
            "confidence": c.confidence,
            **_position(c.span),
        }


def _position(span: Span | None) -> dict[str, Any]:
    if span is None:
        return {"page": None, "line": None, "column": None}
    return {"page": span.page, "line": span.line, "column": span.col}


def _cell_keys(table: Any, row: Any, col: Any, template: str | None) -> dict[str, Any]:
    from .tables.schema import column_label, row_label

    ok = isinstance(table, str)
    return {
        "table": table,
        "row_key": row,
        "col_key": col,
        "row_label_zh": row_label(table, row, template) if ok and isinstance(row, str) else None,
        "col_label_zh": column_label(table, col) if ok and isinstance(col, str) else None,
    }


def _observed(observed: Any, expected: Any) -> dict[str, Any]:
    out = {}
    for key, v in (("observed", observed), ("expected", expected)):
        out[key] = json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v
        out[f"{key}_value"] = v if _is_number(v) else None
    return out


@lru_cache(maxsize=1)
def _rule_names() -> dict[str, tuple[str, str]]:
    from .checks import all_rules

    return {r.code: (r.name, r.summary("zh")) for r in all_rules()}


def _rule(code: Any) -> dict[str, Any]:
    name, zh = _rule_names().get(code, (None, None)) if isinstance(code, str) else (None, None)
    return {"rule": code, "rule_name": name, "rule_name_zh": zh}


# --------------------------------------------------------------------------- values of the declared types

_SURROGATE = re.compile("[\ud800-\udfff]")


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _text(v: Any) -> str | None:
    """A string column's value: lone surrogates (file names that are not UTF-8) as ``\\udcXX``, as in the records.

    An empty text is null, in every format alike (a CSV field cannot tell them apart; a
    cell printed empty says so in ``how``).
    """
    if v is None or v == "":
        return None
    s = v if type(v) is str else str(v)
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", s)
    return s


def _int(v: Any) -> int | None:
    if type(v) is int:
        return v
    if isinstance(v, bool) or not _is_number(v):
        return None
    if isinstance(v, float):
        return int(v) if v.is_integer() else None
    return int(v)


def _float(v: Any) -> int | float | None:
    # an int stays an int, so that CSV prints 60 as the record does; Arrow and pandas make it a double
    return v if type(v) is int or type(v) is float or _is_number(v) else None


def _list(v: Any, item: Any) -> list[Any] | None:
    if not isinstance(v, (list, tuple)):
        return None
    return [item(x) for x in v]


_CONVERT: dict[str, Any] = {
    "string": _text,
    "int64": _int,
    "float64": _float,
    "list<string>": lambda v: _list(v, _text),
    "list<double>": lambda v: _list(v, lambda x: float(x) if _is_number(x) else None),
}
#: each table's columns as (name, converter), in order
_CONVERTERS: dict[str, tuple[tuple[str, Any], ...]] = {
    name: tuple((c.name, _CONVERT[c.type]) for c in cols) for name, cols in SCHEMAS.items()
}


def _conform(name: str, row: dict[str, Any]) -> Row:
    """``row`` in the order and the types of the table's schema (a column the row does not have is null)."""
    get = row.get
    return tuple([convert(get(key)) for key, convert in _CONVERTERS[name]])


# --------------------------------------------------------------------------- writers


def check_table_format(table_format: str, packages: bool = True) -> None:
    """:class:`~govtext.errors.GovtextError` for an unknown format or, with ``packages``, a missing extra it needs."""
    if table_format not in TABLE_FORMATS:
        raise GovtextError(f"unknown table format {table_format!r}: choose {', '.join(TABLE_FORMATS)}")
    if not packages:
        return
    if table_format == "parquet":
        try:
            import pyarrow.parquet  # noqa: F401
        except ImportError as exc:
            raise GovtextError("Parquet tables need pyarrow: pip install 'govtext[parquet]'") from exc
    if table_format == "xlsx":
        try:
            import openpyxl  # noqa: F401
        except ImportError as exc:
            raise GovtextError("xlsx tables need openpyxl: pip install 'govtext[xlsx]'") from exc


def arrow_type(type_: str) -> pa.DataType:
    """The Arrow type of a declared column type."""
    import pyarrow as pa

    if type_.startswith("list<"):  # the item named as Parquet names it, so that a file's schema reads back equal
        return pa.list_(pa.field("element", arrow_type(type_[5:-1].replace("double", "float64"))))
    return {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64()}[type_]


def arrow_schema(name: str) -> pa.Schema:
    """The Parquet schema of a table, each field described in its metadata."""
    import pyarrow as pa

    return pa.schema(
        [
            pa.field(c.name, arrow_type(c.type), nullable=True, metadata={"description": c.description})
            for c in SCHEMAS[name]
        ]
    )


def _csv_value(v: Any) -> Any:
    return json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v


class _Csv:
    def __init__(self, path: Path, name: str) -> None:
        # utf-8-sig: Excel and WPS read a CSV without the byte-order mark in the desktop's code page (GBK)
        self.fh = path.open("w", encoding="utf-8-sig", errors="backslashreplace", newline="")
        self.writer = csv.writer(self.fh)
        self.writer.writerow([c.name for c in SCHEMAS[name]])

    def write(self, row: Row) -> None:
        self.writer.writerow([_csv_value(v) if type(v) is list else v for v in row])

    def flush(self) -> None:
        self.fh.flush()

    def close(self) -> None:
        self.fh.close()


class _Parquet:
    def __init__(self, path: Path, name: str) -> None:
        import pyarrow.parquet as pq

        self.schema = arrow_schema(name)
        self.writer = pq.ParquetWriter(path, self.schema)
        self.rows: list[Row] = []

    def write(self, row: Row) -> None:
        self.rows.append(row)
        if len(self.rows) >= _BATCH_ROWS:
            self._write_batch()

    def _write_batch(self) -> None:
        import pyarrow as pa

        columns = list(zip(*self.rows, strict=True)) if self.rows else [()] * len(self.schema)
        arrays = [pa.array(list(col), type=f.type) for col, f in zip(columns, self.schema, strict=True)]
        self.writer.write_batch(pa.RecordBatch.from_arrays(arrays, schema=self.schema))
        self.rows = []

    def flush(self) -> None:
        pass  # a row group per flush would make many small ones; rows are written in batches and at the end

    def close(self) -> None:
        if self.rows:
            self._write_batch()
        self.writer.close()  # with no row at all: a file with the schema and no rows


_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class _Workbook:
    """``tables.xlsx``: a sheet per table (``cells_2`` … past Excel's row limit) and a ``columns`` sheet."""

    def __init__(self, path: Path) -> None:
        from openpyxl import Workbook

        self.path = path
        self.book = Workbook(write_only=True)
        self.sheets: dict[str, Any] = {}
        self.rows: dict[str, int] = {}
        self.parts: dict[str, int] = {}
        for name in TABLE_NAMES:  # every table has its sheet and header, in this order, even without rows
            self._new_sheet(name)

    def _new_sheet(self, name: str) -> None:
        self.parts[name] = self.parts.get(name, 0) + 1
        self.sheets[name] = self.book.create_sheet(name if self.parts[name] == 1 else f"{name}_{self.parts[name]}")
        self.sheets[name].append([c.name for c in SCHEMAS[name]])
        self.rows[name] = 1

    def sheet(self, name: str) -> _Sheet:
        return _Sheet(self, name)

    def append(self, name: str, row: Iterable[Any]) -> None:
        if self.rows[name] >= XLSX_MAX_ROWS:
            self._new_sheet(name)
        self.sheets[name].append([self._cell(name, v) for v in row])
        self.rows[name] += 1

    def _cell(self, name: str, v: Any) -> Any:
        if isinstance(v, list):
            v = json.dumps(v, ensure_ascii=False)
        if not isinstance(v, str):
            return v
        v = _XLSX_ILLEGAL.sub(lambda m: f"\\x{ord(m.group()):02x}", v)
        if len(v) > _XLSX_MAX_TEXT:
            v = v[: _XLSX_MAX_TEXT - 1] + "…"
        if not v.startswith("="):
            return v  # openpyxl stores any other string as text
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(self.sheets[name], value=v)
        cell.data_type = "s"  # text, never a formula: a report's "=…" must not run in the analyst's Excel
        return cell

    def close(self) -> None:
        about = self.book.create_sheet("columns")
        about.append(["table", "column", "type", "description"])
        for name in TABLE_NAMES:
            for c in SCHEMAS[name]:
                about.append([name, c.name, c.type, c.description])
        self.book.save(self.path)


class _Sheet:
    def __init__(self, book: _Workbook, name: str) -> None:
        self.book, self.name = book, name

    def write(self, row: Row) -> None:
        self.book.append(self.name, row)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass  # the workbook is saved once, when every sheet is done


class FlatTables:
    """The flat tables of a batch in ``directory``: ``reports``, ``findings``, ``cells``, ``claims``.

    ``table_format`` is ``csv`` (CSV files alone), ``parquet`` (CSV and Parquet files)
    or ``xlsx`` (CSV files and ``tables.xlsx``).  The files are written afresh (the
    tables are made from the records, never appended to, or a resume would repeat
    rows), and files of a format not asked for are removed, so that the directory
    never holds tables of two runs.  Rows come from :meth:`add` (one report record)
    and :meth:`add_cross` (one cross-report record); :meth:`close` finishes the files.
    """

    def __init__(self, directory: str | os.PathLike[str], table_format: str = "csv") -> None:
        check_table_format(table_format)
        self.dir = Path(directory)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.format = table_format
        stale = [self.dir / f"{n}.parquet" for n in TABLE_NAMES if table_format != "parquet"]
        stale += [self.dir / WORKBOOK] if table_format != "xlsx" else []
        for path in stale:
            path.unlink(missing_ok=True)
        self._book = _Workbook(self.dir / WORKBOOK) if table_format == "xlsx" else None
        self._sinks: dict[str, list[Any]] = {}
        for name in TABLE_NAMES:
            sinks: list[Any] = [_Csv(self.dir / f"{name}.csv", name)]
            if table_format == "parquet":
                sinks.append(_Parquet(self.dir / f"{name}.parquet", name))
            if self._book is not None:
                sinks.append(self._book.sheet(name))
            self._sinks[name] = sinks
        self._closed = False

    def add(self, record: dict[str, Any], cells: dict[str, Any] | None = None) -> None:
        """The rows of one report record (``cells``: its ``table_detail``, if not the record's own)."""
        for name, rows in table_rows(record, cells).items():
            for row in rows:
                for sink in self._sinks[name]:
                    sink.write(row)

    def add_cross(self, rec: CrossReportFinding) -> None:
        """The ``findings`` row of one cross-report finding."""
        row = cross_row(rec)
        for sink in self._sinks["findings"]:
            sink.write(row)

    def close_partial(self) -> None:
        """Flush what is written so far (the CSV files can be read while a run goes on)."""
        for sinks in self._sinks.values():
            for sink in sinks:
                sink.flush()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        for sinks in self._sinks.values():
            for sink in sinks:
                sink.close()
        if self._book is not None:
            self._book.close()


# --------------------------------------------------------------------------- DataFrames


@dataclass
class CorpusTables:
    """The four flat tables of a corpus as pandas DataFrames (:func:`read_corpus`).

    Columns and dtypes are those of :data:`SCHEMAS`: ``string`` → pandas ``string``,
    ``int64`` → nullable ``Int64``, ``float64`` → ``float64`` (null: NaN), a list type →
    ``object`` holding Python lists (null: ``None``).  ``tables["cells"]`` works too.
    """

    reports: pd.DataFrame
    findings: pd.DataFrame
    cells: pd.DataFrame
    claims: pd.DataFrame

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in TABLE_NAMES:
            raise KeyError(name)
        frame: pd.DataFrame = getattr(self, name)
        return frame

    def keys(self) -> tuple[str, ...]:
        return TABLE_NAMES


def read_corpus(path: str | os.PathLike[str]) -> CorpusTables:
    """The reports, findings, cells and claims of a batch as pandas DataFrames of the declared dtypes.

    ``path`` is a batch output (JSON Lines: the tables are made from its records as
    ``govtext tables`` makes them: the newest record of each path, the cross-report
    findings computed again over them) or a directory of flat tables (its Parquet
    files where there are, else its CSV files).  Needs pandas (``pip install
    'govtext[pandas]'``); a directory of Parquet files needs pyarrow too.
    """
    try:
        import pandas  # noqa: F401
    except ImportError as exc:
        raise GovtextError("read_corpus needs pandas: pip install 'govtext[pandas]'") from exc
    p = Path(path)
    if p.is_dir():
        return CorpusTables(**{name: _read_table(p, name) for name in TABLE_NAMES})
    if not p.is_file():
        raise GovtextError(f"{os.fspath(path)}: no such batch output or tables directory")
    rows: dict[str, list[Row]] = {name: [] for name in TABLE_NAMES}
    fingerprints: list[dict[str, Any]] = []
    from .batch import fingerprint

    for record in _records(p):
        for name, more in table_rows(record).items():
            rows[name].extend(more)
        if "error" not in record:
            fingerprints.append(fingerprint(record))
    from .corpus import cross_year_findings

    rows["findings"].extend(cross_row(rec) for rec in cross_year_findings(fingerprints))
    return CorpusTables(**{name: _frame(name, rows[name]) for name in TABLE_NAMES})


def _records(output: Path) -> Iterator[dict[str, Any]]:
    """The newest record of each path of a batch output, in the order the paths first appear (as rebuild reads it)."""
    from .batch import _parse, _scan

    entries = _scan(output)
    with output.open("rb") as src:
        for key in sorted(entries, key=lambda k: entries[k].first):
            e = entries[key]
            src.seek(e.offset)
            yield _parse(src.read(e.length))


def _dtype(type_: str) -> str:
    return {"string": "string", "int64": "Int64", "float64": "float64"}.get(type_, "object")


def _frame(name: str, rows: list[Row]) -> pd.DataFrame:
    import pandas as pd

    columns = SCHEMAS[name]
    values = list(zip(*rows, strict=True)) if rows else [()] * len(columns)
    data = {}
    for c, col in zip(columns, values, strict=True):
        dtype = _dtype(c.type)
        if dtype == "float64":
            col = tuple(float("nan") if v is None else v for v in col)
        data[c.name] = pd.Series(list(col), dtype=dtype)
    return pd.DataFrame(data, columns=[c.name for c in columns])


def _read_table(directory: Path, name: str) -> pd.DataFrame:
    columns = [c.name for c in SCHEMAS[name]]
    parquet, csv_path = directory / f"{name}.parquet", directory / f"{name}.csv"
    rebuild = "rebuild them with `govtext tables RECORDS -o DIR`"
    if parquet.exists():
        try:
            import pyarrow.parquet as pq
        except ImportError as exc:
            raise GovtextError("reading Parquet tables needs pyarrow: pip install 'govtext[parquet]'") from exc
        table = pq.read_table(parquet)
        if table.column_names != columns:
            raise GovtextError(f"{parquet}: not the columns of this govtext's {name} table; {rebuild}")
        return _frame(name, list(zip(*(table.column(c).to_pylist() for c in columns), strict=True)))
    if not csv_path.exists():
        raise GovtextError(f"{directory}: no {name}.csv or {name}.parquet; {rebuild}")
    with csv_path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader, None)
        if header != columns:
            raise GovtextError(f"{csv_path}: not the columns of this govtext's {name} table; {rebuild}")
        parse = [_PARSE[c.type] for c in SCHEMAS[name]]
        rows = [tuple(f(v) for f, v in zip(parse, r, strict=True)) for r in reader]
    return _frame(name, rows)


def _from_csv(convert: Any) -> Any:
    return lambda v: None if v == "" else convert(v)


_PARSE: dict[str, Any] = {
    "string": _from_csv(str),
    "int64": _from_csv(int),
    "float64": _from_csv(float),
    "list<string>": _from_csv(json.loads),
    "list<double>": _from_csv(json.loads),
}


__all__ = [
    "CELLS",
    "CLAIMS",
    "FINDINGS",
    "REPORTS",
    "SCHEMAS",
    "TABLE_FORMATS",
    "TABLE_NAMES",
    "Column",
    "CorpusTables",
    "FlatTables",
    "arrow_schema",
    "arrow_type",
    "check_table_format",
    "cross_row",
    "read_corpus",
    "table_rows",
]
