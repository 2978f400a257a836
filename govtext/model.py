"""The objects govtext hands out: small, immutable, printable.

A :class:`Document` is what :func:`govtext.analyze` returns; ``to_dict()`` gives
exactly the JSON of ``docs/interface.md``.  Every piece of text a document
reports carries a :class:`Span` that locates it in the source file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

from .io import Source
from .tables.schema import CERTAIN

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .io.base import Extraction, RawTable
    from .normalize import OffsetText
    from .sections import SectionResult
    from .segment import Token

Severity = Literal["error", "warning", "info"]
Template = Literal["2021", "2019", "pre-2019", "unknown"]


@dataclass(frozen=True)
class Span:
    """Where a piece of text lies in the source.

    ``start``/``end`` are character offsets into the extracted text (before
    normalisation; for a text file, the decoded file itself).  ``line`` and
    ``col`` (1-based) locate ``start`` in the original file — for a PDF within
    its ``page`` (1-based; ``None`` for other formats), for a DOCX counting one
    line per paragraph or table row.  ``end_line``/``end_col`` locate the last
    character.
    """

    start: int
    end: int
    line: int
    col: int
    page: int | None = None
    end_line: int | None = None
    end_col: int | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Span:
        return cls(d["start"], d["end"], d["line"], d["col"], d.get("page"), d.get("end_line"), d.get("end_col"))

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "col": self.col,
            "page": self.page,
            "end_line": self.end_line,
            "end_col": self.end_col,
        }


@dataclass(frozen=True)
class Meta:
    """What the report says about itself: ``title``, ``agency``, ``year``, ``template``.

    ``published`` (an extension) is the date the page or the scraper's header
    gives for the report's publication, as ``YYYY-MM-DD``, else ``None``.
    """

    title: str | None = None
    agency: str | None = None
    year: int | None = None
    template: Template = "unknown"
    published: str | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Meta:
        return cls(d.get("title"), d.get("agency"), d.get("year"), d.get("template", "unknown"), d.get("published"))

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "agency": self.agency, "year": self.year, "template": self.template,
                "published": self.published}  # fmt: skip


@dataclass(frozen=True)
class Sentence:
    """One sentence of the normalised text.

    ``start``/``end`` are offsets in :attr:`Document.text`; ``span`` locates the
    sentence in the source.  ``section`` (0 = title and preamble, 1–6) and
    ``topic`` are set by the sections stage and ``None`` before it runs;
    ``about`` is the section the sentence's content alone points to (the
    classifier's choice, with ``about_confidence``), which differs from
    ``section`` where content stands in the wrong place.
    """

    index: int
    text: str
    start: int
    end: int
    span: Span
    section: int | None = None
    topic: str | None = None
    about: int | None = None
    about_confidence: float | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any], index: int, start: int) -> Sentence:
        """The sentence of ``d`` (``to_dict()``'s), numbered ``index``, at ``start`` of the document's text."""
        return cls(index, d["text"], start, start + len(d["text"]), Span.from_dict(d["span"]), d.get("section"),
                   d.get("topic"), d.get("about"), d.get("about_confidence"))  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "section": self.section,
            "topic": self.topic,
            "about": self.about,
            "about_confidence": None if self.about_confidence is None else round(self.about_confidence, 3),
            "span": self.span.to_dict(),
        }


@dataclass(frozen=True)
class Section:
    """One of the six standard sections: whether the report has it (``found``) and whether it is ``empty``.

    ``title`` is the template's title; ``heading`` the heading as the report
    writes it (``None`` where the report has none and the section was found
    from its content); ``sentences`` the ``[first, last]`` sentence indices.
    """

    number: int
    title: str
    found: bool
    empty: bool
    span: Span | None = None
    heading: str | None = None
    sentences: tuple[int, int] | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Section:
        sentences = d.get("sentences")
        return cls(d["number"], d["title"], d["found"], d["empty"], _span(d.get("span")), d.get("heading"),
                   None if sentences is None else (sentences[0], sentences[1]))  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "title": self.title,
            "found": self.found,
            "empty": self.empty,
            "heading": self.heading,
            "sentences": None if self.sentences is None else list(self.sentences),
            "span": None if self.span is None else self.span.to_dict(),
        }


@dataclass(frozen=True)
class Claim:
    """A number stated in the prose, with its unit, qualifier, subject and role.

    ``kind`` is ``count``, ``amount``, ``rate`` or ``change``; ``role`` is
    ``total``/``part`` (``parent`` = the index of the total in
    ``Document.claims``) or ``rate``/``numerator``/``denominator``; ``sentence``
    the index of its sentence; ``confidence`` below 1 marks a number that cannot
    be read as stated (run-together digits of a flattened table, an impossible
    magnitude); ``start`` its offset in :attr:`Document.text` (``None`` for a claim
    built from JSON, which holds only its source ``span``).
    """

    text: str
    value: float | int
    unit: str | None
    span: Span
    qualifier: str | None = None
    subject: str | None = None
    kind: str | None = None
    role: str | None = None
    parent: int | None = None
    sentence: int | None = None
    confidence: float = 1.0
    start: int | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Claim:
        return cls(d["text"], d["value"], d.get("unit"), Span.from_dict(d["span"]), d.get("qualifier"),
                   d.get("subject"), d.get("kind"), d.get("role"), d.get("parent"), d.get("sentence"),
                   d.get("confidence", 1.0))  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "value": self.value,
            "unit": self.unit,
            "qualifier": self.qualifier,
            "subject": self.subject,
            "kind": self.kind,
            "role": self.role,
            "parent": self.parent,
            "sentence": self.sentence,
            "confidence": self.confidence,
            "span": self.span.to_dict(),
        }


@dataclass(frozen=True)
class Basis:
    """One number a finding rests on, and how it was obtained.

    ``what`` names it (``t3 total/natural_person``, ``prose 3120件``); ``how`` is a
    table cell's reading (:data:`govtext.tables.schema.HOWS`) or, for a number of the
    prose, ``read`` or ``low-confidence``.
    """

    what: str
    how: str
    value: Any = None
    why: str | None = None

    @property
    def certain(self) -> bool:
        return self.how in CERTAIN

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Basis:
        return cls(d["what"], d["how"], d.get("value"), d.get("why"))

    def to_dict(self) -> dict[str, Any]:
        return {"what": self.what, "how": self.how, "value": self.value, "why": self.why}


@dataclass(frozen=True)
class Suspect:
    """The one cell that, changed to ``value``, would make every failing identity of its table hold."""

    table: str
    row: str
    col: str
    printed: Any
    value: Any
    label: str | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Suspect:
        return cls(d["table"], d["row"], d["col"], d.get("printed"), d.get("value"), d.get("label"))

    def to_dict(self) -> dict[str, Any]:
        return {
            "table": self.table,
            "row": self.row,
            "col": self.col,
            "label": self.label,
            "printed": self.printed,
            "value": self.value,
        }


@dataclass(frozen=True)
class CellRef:
    """The table cell a finding is about: ``table`` (``t2``–``t4``), canonical ``row`` and ``col`` keys.

    ``row`` and ``col`` are ``None`` for a finding about a whole table or row;
    ``label`` is the row's label as printed; ``bbox`` the cell's box on its PDF page
    (``x0, top, x1, bottom`` in points from the top left); ``line`` the cell's own
    line where the finding points elsewhere (a prose finding points at the sentence).
    """

    table: str
    row: str | None = None
    col: str | None = None
    label: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    line: int | None = None

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> CellRef:
        box = bbox_of(d.get("bbox"))
        return cls(d["table"], d.get("row"), d.get("col"), d.get("label"),
                   None if box is None else (box[0], box[1], box[2], box[3]), d.get("line"))  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        return {
            "table": self.table,
            "row": self.row,
            "col": self.col,
            "label": self.label,
            "bbox": None if self.bbox is None else [round(v, 2) for v in self.bbox],
            "line": self.line,
        }

    def box_text(self) -> str | None:
        """The box as people read it in a message: ``x0,top,x1,bottom`` to a tenth of a point."""
        return None if self.bbox is None else ",".join(f"{v:.1f}" for v in self.bbox)


@dataclass(frozen=True)
class Finding:
    """One problem a rule found: where, how bad, and the numbers it compared.

    ``basis`` lists the numbers the finding rests on; an error finding whose basis
    holds a number not read with certainty is reported as GT207 instead (the rule it
    came from in ``demoted_from``).  ``suspect`` names the single table cell that
    would make every failing identity hold, where there is one.
    """

    rule: str
    severity: Severity
    message: str
    span: Span | None = None
    observed: Any = None
    expected: Any = None
    cell: CellRef | None = None
    message_zh: str | None = None
    basis: tuple[Basis, ...] = ()
    suspect: Suspect | None = None
    demoted_from: str | None = None

    @property
    def uncertain(self) -> tuple[Basis, ...]:
        """The numbers of :attr:`basis` not read with certainty."""
        return tuple(b for b in self.basis if not b.certain)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Finding:
        """The finding of ``d`` (``to_dict()``'s); of its basis only the numbers not read with certainty are kept there."""
        return cls(
            d["rule"], d["severity"], d["message"], _span(d.get("span")), d.get("observed"), d.get("expected"),
            None if d.get("cell") is None else CellRef.from_dict(d["cell"]), d.get("message_zh"), tuple(Basis.from_dict(b) for b in d.get("uncertain") or ()),
            None if d.get("suspect") is None else Suspect.from_dict(d["suspect"]), d.get("demoted_from"),
        )  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "message_zh": self.message_zh,
            "observed": self.observed,
            "expected": self.expected,
            "span": None if self.span is None else self.span.to_dict(),
            "cell": None if self.cell is None else self.cell.to_dict(),
            "uncertain": [b.to_dict() for b in self.uncertain],
            "suspect": None if self.suspect is None else self.suspect.to_dict(),
            "demoted_from": self.demoted_from,
        }


@dataclass(frozen=True)
class ReportCell:
    """A table cell of one report of a corpus: ``report`` (its path), ``table``, ``row``, ``col``."""

    report: str | None
    table: str | None
    row: str | None
    col: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"report": self.report, "table": self.table, "row": self.row, "col": self.col}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ReportCell:
        return cls(d.get("report"), d.get("table"), d.get("row"), d.get("col"))


@dataclass(frozen=True)
class CrossReportFinding:
    """A finding of a corpus rule (GT5xx) about several reports of one body, naming them.

    ``reports`` are the reports' paths, oldest first, with their ``years``; ``cells``
    the table cells it rests on (:class:`ReportCell`); ``linked``
    the renaming (``{"from", "to", "reason"}``) where the reports are of one body under
    two names; ``extra`` the rule's own fields (GT504: ``span``, ``statement``,
    ``sentence``, ``subject``, ``values``, ``doubts``).  :meth:`to_dict` is the batch's
    cross-report record (``docs/interface.md``).
    """

    rule: str
    severity: Severity
    message: str
    message_zh: str | None
    body: str
    years: tuple[int, ...]
    reports: tuple[str | None, ...]
    observed: Any = None
    expected: Any = None
    cells: tuple[ReportCell, ...] = ()
    linked: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def year(self) -> int | None:
        """The newest report's year (the year the finding is filed under)."""
        return self.years[-1] if self.years else None

    def to_dict(self) -> dict[str, Any]:
        out = {
            "kind": "cross_report",
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "message_zh": self.message_zh,
            "body": self.body,
            "years": list(self.years),
            "year": self.year,
            "reports": list(self.reports),
            "observed": self.observed,
            "expected": self.expected,
            "cells": [c.to_dict() for c in self.cells],
            **self.extra,
        }
        if self.linked is not None:
            out["linked"] = self.linked
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> CrossReportFinding:
        """The finding of a cross-report record (``to_dict()``'s)."""
        own = {"kind", "rule", "severity", "message", "message_zh", "body", "years", "year", "reports", "observed",
               "expected", "cells", "linked"}  # fmt: skip
        return cls(
            d["rule"], d["severity"], d["message"], d.get("message_zh"), d.get("body") or "",
            tuple(d.get("years") or ()), tuple(d.get("reports") or ()), d.get("observed"), d.get("expected"),
            tuple(ReportCell.from_dict(c) for c in d.get("cells") or () if isinstance(c, dict)), d.get("linked"),
            {k: v for k, v in d.items() if k not in own},
        )  # fmt: skip


TABLE_KEYS = ("t2", "t3", "t4")
#: the version of :meth:`Document.to_dict`'s shape (``govtext schema`` prints its JSON Schema): the minor
#: number grows when keys are added, the major one when a key changes or goes
SCHEMA_VERSION = "2.0"


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of :meth:`Document.to_dict`."""
    from importlib.resources import files

    schema: dict[str, Any] = json.loads(
        files("govtext.data").joinpath("document.schema.json").read_text(encoding="utf-8")
    )
    return schema


@dataclass(eq=False)
class Document:
    """An analysed report.

    ``text`` is the normalised text; ``sentences``, ``sections``, ``claims``,
    ``tables`` and ``findings`` are filled by the stages that produce them
    (an empty list, or ``None`` per table, until then).
    """

    source: Source
    meta: Meta
    text: str
    sentences: list[Sentence]
    sections: list[Section] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    tables: dict[str, Any] = field(default_factory=lambda: dict.fromkeys(TABLE_KEYS))
    findings: list[Finding] = field(default_factory=list)
    extraction: Extraction | None = field(default=None, repr=False)
    offsets: OffsetText | None = field(default=None, repr=False)
    structure: SectionResult | None = field(default=None, repr=False)
    #: the stages that have run on this document (``None``: not recorded, e.g. a document built by hand)
    stages: frozenset[str] | None = field(default=None, repr=False)

    def __repr__(self) -> str:
        return (
            f"<Document {self.source.path or '<bytes>'} format={self.source.format} year={self.meta.year} "
            f"sentences={len(self.sentences)} findings={len(self.findings)}>"
        )

    @cached_property
    def _segmentation(self) -> tuple[list[str], list[int]]:
        from .segment import word_segmenter

        return word_segmenter().segment(self.text)

    @property
    def words(self) -> list[str]:
        """The words of :attr:`text`, whitespace included so that they add up to it.

        Segmented on first use (jieba with the domain dictionary): no stage of the
        analysis reads words, so a document whose words nobody asks for never pays
        for them.
        """
        return self._segmentation[0]

    @property
    def word_starts(self) -> list[int]:
        """Where each of :attr:`words` starts in :attr:`text`."""
        return self._segmentation[1]

    @cached_property
    def tokens(self) -> list[Token]:
        """The words of :attr:`text` (jieba with the domain dictionary), each with its offsets."""
        from .segment import tokens_from

        return tokens_from(self.words, self.word_starts)

    @property
    def raw_tables(self) -> list[RawTable]:
        """Tables as the source marked them up (HTML, DOCX, Markdown), before interpretation."""
        return [] if self.extraction is None else self.extraction.tables

    def span(self, start: int, end: int) -> Span:
        """The source :class:`Span` of ``text[start:end]``."""
        if self.offsets is None or self.extraction is None:
            return Span(start, end, 1, start + 1)
        return make_span(self.offsets, self.extraction, start, end)

    @cached_property
    def spacy(self) -> Doc:
        """This document as a spaCy ``Doc`` (built on first access; imports spaCy)."""
        from .segment import to_spacy

        return to_spacy(self)

    def to_dict(self, *, detail: bool = False) -> dict[str, Any]:
        """The JSON object of ``docs/interface.md``.

        ``detail=True`` adds ``table_detail``: for each table its template, how it was
        read, each row's printed label and match, and every cell's printed text,
        value, confidence, span and (PDF) bbox.
        """
        out = {
            "source": self.source.to_dict(),
            "meta": self.meta.to_dict(),
            "sections": [s.to_dict() for s in self.sections],
            "sentences": [s.to_dict() for s in self.sentences],
            "claims": [c.to_dict() for c in self.claims],
            "tables": {k: (None if t is None else t.to_dict()) for k, t in self.tables.items()},
            "findings": [f.to_dict() for f in self.findings],
            "schema_version": SCHEMA_VERSION,
        }
        if detail:
            out["table_detail"] = {k: (None if t is None else t.detail()) for k, t in self.tables.items()}
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        """The document of ``d``, the JSON of :meth:`to_dict` (a record of ``govtext batch``).

        Everything the JSON holds comes back, so that ``from_dict(d).to_dict() == d``
        (with ``detail=True``: every table cell with its printed text, span and box).
        What the JSON does not hold is not invented: the source's own text, words
        and offsets are absent, and :attr:`text` is the sentences one per line, which
        the sentences' ``start``/``end`` index into. Table reading issues are not kept.
        Its findings are the record's: ``run_checks`` on it finds nothing (it ran no stage).
        A record it cannot read (a key missing, a value of the wrong kind) raises
        :class:`~govtext.errors.InvalidRecordError`.
        """
        from .errors import InvalidRecordError

        if not isinstance(d, dict):
            raise InvalidRecordError(f"an analysis record is a JSON object, not {type(d).__name__}")
        if "error" in d:
            raise InvalidRecordError("the record is of a file that could not be read (it has an 'error')")
        try:
            return cls._from_dict(d)
        except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
            path = (d.get("source") or {}).get("path") if isinstance(d.get("source"), dict) else None
            what = f"missing key {exc}" if isinstance(exc, KeyError) else str(exc)
            raise InvalidRecordError(
                f"{path or 'a record'}: not an analysis record govtext can read ({what})"
            ) from None

    @classmethod
    def _from_dict(cls, d: dict[str, Any]) -> Document:
        from .io import Source
        from .tables.model import Table

        sentences: list[Sentence] = []
        at = 0
        for i, s in enumerate(d.get("sentences") or []):
            sentences.append(Sentence.from_dict(s, i, at))
            at += len(s["text"]) + 1
        detail = d.get("table_detail") or {}
        meta = Meta.from_dict(d.get("meta") or {})
        tables = {k: None if t is None else Table.from_dict(k, t, detail.get(k), meta.template)
                  for k, t in (d.get("tables") or dict.fromkeys(TABLE_KEYS)).items()}  # fmt: skip
        src = d["source"]
        return cls(
            source=Source(
                src.get("path"), src["format"], src.get("sha256", ""), src.get("encoding"), src.get("size", 0)
            ),
            meta=meta,
            text="\n".join(s.text for s in sentences),
            sentences=sentences,
            sections=[Section.from_dict(s) for s in d.get("sections") or []],
            claims=[Claim.from_dict(c) for c in d.get("claims") or []],
            tables=tables,
            findings=[Finding.from_dict(f) for f in d.get("findings") or []],
            # a record, not a source: no stage ran on this object, so no rule runs on it again
            # (run on what the JSON leaves out, rules would find what is not there)
            stages=frozenset(),
        )

    def to_html(self) -> str:
        """This report as one self-contained HTML page: text by section, claims, tables, findings marked."""
        from .report import render_html

        return render_html(self.to_dict(detail=True))

    def to_json(self, **kwargs: Any) -> str:
        kwargs.setdefault("ensure_ascii", False)
        return json.dumps(self.to_dict(), **kwargs)


def _span(d: dict[str, Any] | None) -> Span | None:
    return None if d is None else Span.from_dict(d)


def bbox_of(value: Any) -> list[float] | None:
    """A cell's box as four numbers from a record: schema 2.0 holds a list, older records the string
    ``"x0,top,x1,bottom"``; anything else is no box."""
    if isinstance(value, str):
        try:
            value = [float(v) for v in value.split(",")]
        except ValueError:
            return None
    if not isinstance(value, (list, tuple)) or len(value) != 4:
        return None
    try:
        return [float(v) for v in value]
    except (TypeError, ValueError):
        return None


def make_span(ot: OffsetText, extraction: Extraction, start: int, end: int) -> Span:
    """Map ``[start, end)`` of normalised text through ``ot`` to a :class:`Span` of the source."""
    s, e = ot.source_span(start, end)
    line, col, page, end_line, end_col = extraction.locate_range(s, e)
    # a frozen dataclass sets each field through object.__setattr__: one dict is half the time, and a
    # report makes a span for every sentence, number and table cell
    span = _new(Span)
    _setattr(span, "__dict__", {"start": s, "end": e, "line": line, "col": col, "page": page,
                                "end_line": end_line, "end_col": end_col})  # fmt: skip
    return span


_new = object.__new__
_setattr = object.__setattr__
