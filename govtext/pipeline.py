"""The pipeline: source → extraction → normalised text → sentences and words → sections → findings.

Data flows one way.  Each later stage (sections, claims, tables, checks) reads
the :class:`~govtext.model.Document` the earlier ones built and adds its part.
"""

from __future__ import annotations

import os
import re
import sys
from bisect import bisect_right
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager

from . import claims, sections, tables
from .checks import run_checks
from .config import RuleConfig
from .errors import DeadlineExceededError, ResourceLimitError
from .io import Format, Source, read
from .io.base import Extraction
from .io.text import read_text
from .limits import DEFAULT_TIMEOUT, Limits, budget, check_deadline, tick
from .meta import TITLE_KEYS, extract_meta
from .model import Document, Finding, Sentence, make_span
from .normalize import DEFAULT_STEPS, OffsetText, Step, normalize, parse_crawler_header
from .segment import split_sentences

#: The stages after reading, normalising and segmenting, in order; ``analyze(stages=...)`` picks some.
STAGES: tuple[str, ...] = ("sections", "claims", "tables", "checks")


def analyze(
    source: str | os.PathLike[str] | bytes,
    *,
    year: int | None = None,
    format: Format | None = None,
    name: str | None = None,
    steps: Sequence[Step] = DEFAULT_STEPS,
    stages: Collection[str] = STAGES,
    limits: Limits | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> Document:
    """Analyse a report given as a path or as the file's bytes.

    ``year`` overrides the year the report states; ``format`` forces a reader
    (``"txt"``, ``"md"``, ``"html"``, ``"pdf"``, ``"docx"``) instead of
    detection by content; ``name`` names bytes input in messages and output;
    ``stages`` limits the work after segmentation (``()`` gives text,
    sentences and words only — the fastest way through a large corpus).
    ``limits`` (a :class:`~govtext.limits.Limits`) caps what a hostile input may
    make govtext read; ``timeout`` (seconds, default 60; ``None`` or 0: none) is
    the deadline of the whole call.
    Raises a :class:`~govtext.errors.ReadError` subclass when the input cannot be read
    (:class:`~govtext.errors.ResourceLimitError` when it is over a limit) and
    :class:`~govtext.errors.DeadlineExceededError` when the deadline passes.
    """
    shown = shown_name(source, name)
    with budget(limits, timeout), _naming(shown):
        extraction, src = read(source, format=format, name=name)
        return build_document(extraction, src, year=year, steps=steps, stages=stages)


_SURROGATE = re.compile("[\ud800-\udfff]")


def analyze_text(
    text: str,
    *,
    year: int | None = None,
    steps: Sequence[Step] = DEFAULT_STEPS,
    stages: Collection[str] = STAGES,
    limits: Limits | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> Document:
    """Analyse text already in hand (treated as a plain-text report); ``limits`` and ``timeout`` as for :func:`analyze`.

    A lone surrogate (a ``str`` decoded with ``surrogateescape``, or cut from UTF-16) is no
    character: it becomes U+FFFD, as an undecodable byte of a file does (GT107 counts them).
    """
    import hashlib

    text = _SURROGATE.sub("\ufffd", text)
    with budget(limits, timeout) as lim:
        lim.check("text_chars", len(text), "characters of text")
        extraction = read_text(text)
        src = Source(path=None, format="txt", sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), size=len(text))
        return build_document(extraction, src, year=year, steps=steps, stages=stages)


def read_tables(
    source: str | os.PathLike[str] | bytes,
    *,
    format: Format | None = None,
    name: str | None = None,
    limits: Limits | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> dict[str, tables.Table | None]:
    """The three tables of a report and nothing else: read, normalise, tables (no sentences or words).

    The fastest way to the numbers of a corpus: ``{"t2": Table | None, "t3": …, "t4": …}``.
    """
    shown = shown_name(source, name)
    with budget(limits, timeout), _naming(shown):
        extraction, src = read(source, format=format, name=name)
        # the tables stage inside build_document: it reads a PDF's pages while the reader's document is open
        return build_document(extraction, src, stages=("tables",), segment=False).tables


def lint(
    source: str | os.PathLike[str] | bytes,
    *,
    year: int | None = None,
    config: RuleConfig | str | os.PathLike[str] | None = None,
    limits: Limits | None = None,
    timeout: float | None = None,
    previous: str | os.PathLike[str] | bytes | Document | None = None,
) -> list[Finding]:
    """The findings of every rule that applies to the report (see ``docs/rules.md``), as ``govtext lint`` gives them.

    ``config`` is a :class:`~govtext.config.RuleConfig`, or the path of a file holding
    ``[tool.govtext]``; by default the nearest ``pyproject.toml`` above the working
    directory is read, as the command line does.  ``limits`` and ``timeout`` (seconds; 0: none)
    default to the configuration's ``limits`` and ``timeout``, else to the defaults (60 s).
    ``previous`` is the same body's report of the year before (a path, bytes or an analysed
    :class:`~govtext.model.Document`): the cross-year rules (GT501–GT506) then compare the two,
    as ``govtext lint --previous`` does, their findings located in this report.
    """
    from .linter import Linter

    return Linter(config, limits=limits, timeout=timeout).lint(source, year=year, previous=previous).findings


def shown_name(source: str | os.PathLike[str] | bytes, name: str | None) -> str | None:
    """How messages name ``source``: its path, or ``name`` for bytes."""
    return name if isinstance(source, (bytes, bytearray, memoryview)) else os.fspath(source)


@contextmanager
def _naming(path: str | None) -> Iterator[None]:
    """Name ``path`` in a deadline or limit error raised after reading (reading names it already)."""
    try:
        yield
    except (DeadlineExceededError, ResourceLimitError) as exc:
        if exc.path is None and path is not None:
            raise exc.with_path(path) from None
        raise


def build_document(
    extraction: Extraction,
    src: Source,
    *,
    year: int | None = None,
    steps: Sequence[Step] = DEFAULT_STEPS,
    stages: Collection[str] = STAGES,
    segment: bool = True,
) -> Document:
    """Run the stages over an extraction and return the :class:`Document`.

    ``segment=False`` skips sentences (only the tables stage can run
    without them).  A PDF's document, held open since it was read, is closed
    when the stages are done (:meth:`Extraction.close`).
    """
    unknown = set(stages) - set(STAGES)
    if unknown:
        raise ValueError(f"unknown stage(s) {sorted(unknown)}; choose from {STAGES}")
    try:
        return _build(extraction, src, year=year, steps=steps, stages=stages, segment=segment)
    finally:
        extraction.close()


def _build(
    extraction: Extraction,
    src: Source,
    *,
    year: int | None,
    steps: Sequence[Step],
    stages: Collection[str],
    segment: bool,
) -> Document:
    check_deadline()
    ot = normalize(OffsetText.from_text(extraction.text), steps)
    check_deadline()
    text = ot.text
    header = parse_crawler_header(extraction.text)
    sentences: list[Sentence] = []
    if segment:
        table_ranges = _table_ranges(extraction, ot)
        for start, end in split_sentences(text):
            tick()
            if _inside(start, end, table_ranges):
                continue
            sentences.append(
                Sentence(len(sentences), text[start:end], start, end, make_span(ot, extraction, start, end))
            )
        # words (Document.words) are segmented on first use: no stage reads them
        check_deadline()
    page = extraction.page_meta
    if page.get("title") and _names_a_report(page["title"]) and not any(header.get(k) for k in TITLE_KEYS):
        header["标题"] = page["title"]  # a web page's own title, not a title quoted in its body
    if page.get("published"):
        header.setdefault("published", page["published"])
    for key in TITLE_KEYS:
        if header.get(key):
            header[key] = normalize(header[key], steps).text
    meta = extract_meta(text, header, year=year)
    doc = Document(
        source=src,
        meta=meta,
        text=text,
        sentences=sentences,
        extraction=extraction,
        offsets=ot,
    )
    doc.stages = frozenset()
    if "sections" in stages:
        sections.apply(doc)
        check_deadline()
    if "claims" in stages:
        claims.apply(doc)
        check_deadline()
    if "tables" in stages:
        tables.apply(doc)
        check_deadline()
    # the checks see which stages ran: a rule whose stage did not run is skipped (no table is no missing table)
    doc.stages = frozenset(s for s in stages if s != "checks")
    if "checks" in stages:
        doc.findings = run_checks(doc)
    return doc


def _names_a_report(title: str) -> bool:
    """A page title that names a report or a letter, not a bare site or column name."""
    return len(title) >= 6 and not title.endswith(("首页", "网站", "门户网站"))


def _table_ranges(extraction: Extraction, ot: OffsetText) -> list[tuple[int, int]]:
    """Ranges of the normalised text that lie in a marked-up table (HTML, DOCX, Markdown).

    Table cells are not prose: the tables stage reads them from
    ``Document.raw_tables``, and they are left out of the sentences.
    """
    if not extraction.tables:
        return []
    import numpy as np

    ranges = []
    for table in extraction.tables:
        a = int(np.searchsorted(ot.starts, table.start, side="left"))
        b = int(np.searchsorted(ot.starts, table.end, side="left"))
        if b > a:
            ranges.append((a, b))
    # in order, without a range inside another (a nested table): then both starts and ends increase, and
    # the last range starting at or before a sentence is the only one that can hold it
    out: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if out and b <= out[-1][1]:
            continue
        if out and a == out[-1][0]:
            out[-1] = (a, b)
        else:
            out.append((a, b))
    return out


def _inside(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    """Whether ``[start, end)`` lies in one of ``ranges`` (:func:`_table_ranges`): a bisection, not a scan."""
    i = bisect_right(ranges, (start, sys.maxsize)) - 1
    return i >= 0 and ranges[i][0] <= start and end <= ranges[i][1]
