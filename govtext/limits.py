"""Budgets for hostile input: how much a report may make govtext read, and for how long.

A real annual report is under 200 pages, under 5 MB of text and under 10 000
table cells.  :class:`Limits` sets generous ceilings far above that; an input
beyond one raises :class:`~govtext.errors.ResourceLimitError` naming the limit,
the value found and how to raise it — before the expensive work where it can be
known in advance (zip entry sizes, PDF page counts and stream sizes), at the
latest as soon as it is exceeded.

The deadline of one ``analyze``/``lint`` call is a monotonic clock reading kept
in a context variable: :func:`tick` is cheap (a counter; the clock is read every
``every`` calls) and is called between stages and inside the long loops, so an
over-long run stops with :class:`~govtext.errors.DeadlineExceededError` without
a thread or a signal.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, fields, replace
from typing import Any

from .errors import DeadlineExceededError, ResourceLimitError

#: The default overall time of one ``analyze``/``lint`` call, in seconds.
DEFAULT_TIMEOUT = 60.0

_MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Ceilings on what one input may make govtext read (``0`` switches a limit off).

    Set them in ``[tool.govtext] limits = {pdf_pages = 5000}`` or with
    ``govtext.analyze(path, limits=Limits(pdf_pages=5000))``.
    """

    #: characters of extracted text (a report: under 5 million)
    text_chars: int = 20_000_000
    #: lines of extracted text: paragraphs, table rows (a report: under 10 000)
    lines: int = 50_000
    #: cells of all marked-up tables together (a report: under 10 000)
    table_cells: int = 200_000
    #: DOCX: bytes of all zip entries inflated, read from the zip directory before inflating
    unzipped_bytes: int = 512 * _MB
    #: DOCX: bytes of one XML part inflated (document.xml, styles.xml, …)
    xml_part_bytes: int = 64 * _MB
    #: DOCX: how many times larger than its compressed size a zip entry over 1 MiB may be
    compression_ratio: int = 200
    #: PDF: pages
    pdf_pages: int = 5_000
    #: PDF: bytes one stream inflates to (content streams, images), counted without keeping them
    pdf_stream_bytes: int = 256 * _MB
    #: PDF: page objects (text runs, paths, images) on one page
    pdf_page_objects: int = 200_000
    #: PDF: characters of the text layer of one page
    pdf_page_chars: int = 200_000

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any], where: str) -> Limits:
        """Limits from ``{name: int}`` (a ``[tool.govtext] limits`` table); unknown names and bad values raise."""
        from .config import ConfigError, nearest

        names = [f.name for f in fields(cls)]
        out: dict[str, int] = {}
        for key, value in values.items():
            if key not in names:
                raise ConfigError(f"{where}: unknown limit {key!r}{nearest(key, names)}; limits are {', '.join(names)}")
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ConfigError(f"{where}: limit {key} must be a whole number ≥ 0 (0: no limit), not {value!r}")
            out[key] = value
        return cls(**out)

    def merged(self, **values: int) -> Limits:
        return replace(self, **values)

    def check(self, name: str, value: int, what: str) -> None:
        """Raise :class:`ResourceLimitError` when ``value`` is over limit ``name`` (``what`` says what was counted)."""
        maximum = getattr(self, name)
        if maximum and value > maximum:
            raise ResourceLimitError.over(name, value, maximum, what)


@dataclass
class _Budget:
    limits: Limits
    deadline: float | None  # time.monotonic() value, or None for no deadline
    timeout: float | None
    count: int = 0


_BUDGET: ContextVar[_Budget | None] = ContextVar("govtext_budget", default=None)


@contextmanager
def budget(limits: Limits | None = None, timeout: float | None = DEFAULT_TIMEOUT) -> Iterator[Limits]:
    """Run the body under ``limits`` and a deadline ``timeout`` seconds from now (``None`` or 0: none).

    Nested calls keep the outer deadline when it is the earlier one.
    """
    lim = limits or current_limits()
    now = time.monotonic()
    deadline = now + timeout if timeout else None
    outer = _BUDGET.get()
    if outer is not None and outer.deadline is not None and (deadline is None or outer.deadline < deadline):
        deadline, timeout = outer.deadline, outer.timeout
    token = _BUDGET.set(_Budget(lim, deadline, timeout))
    try:
        yield lim
    finally:
        _BUDGET.reset(token)


def current_limits() -> Limits:
    """The limits in force (the defaults outside :func:`budget`)."""
    b = _BUDGET.get()
    return b.limits if b is not None else _DEFAULT


def tick(n: int = 1, every: int = 4096) -> None:
    """Count ``n`` items of work; every ``every`` items, raise :class:`DeadlineExceededError` if time is up."""
    b = _BUDGET.get()
    if b is None or b.deadline is None:
        return
    before = b.count
    b.count += n
    if b.count // every != before // every:
        check_deadline()


def extend_deadline(seconds: float) -> None:
    """Move the deadline of the current call ``seconds`` later (slow work of known size: a page to OCR)."""
    b = _BUDGET.get()
    if b is not None and b.deadline is not None:
        b.deadline += seconds
        b.timeout = (b.timeout or 0.0) + seconds


def check_deadline() -> None:
    """Raise :class:`DeadlineExceededError` if the deadline of the current call has passed."""
    b = _BUDGET.get()
    if b is not None and b.deadline is not None and time.monotonic() > b.deadline:
        raise DeadlineExceededError(b.timeout or 0.0)


_DEFAULT = Limits()

__all__ = ["DEFAULT_TIMEOUT", "Limits", "budget", "check_deadline", "current_limits", "extend_deadline", "tick"]
