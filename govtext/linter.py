"""The linter core: one way from a source to its findings.

``govtext.lint()``, ``govtext lint`` and ``govtext batch`` all go through a
:class:`Linter`, so they read the same configuration the same way (``[tool.govtext]``:
rules, severities, limits, deadline), run the same stages and protect a run the
same way::

    from govtext import Linter, RuleConfig

    linter = Linter(RuleConfig(ignore=("GT2",)))
    result = linter.lint("report.docx")        # a LintResult: findings, skipped rules, the document
    for result in linter.lint_paths(paths):     # one result per path; an unreadable file is a result too
        ...

* A rule declares the stages it reads (``requires``); where one did not run, the
  rule is skipped and :attr:`LintResult.skipped` says so — never a false finding.
* A rule that raises becomes a GT000 finding on that file; the other rules and
  files go on.
* An unreadable file, a file over a limit or past the deadline is a result with
  :attr:`LintResult.error` set, not an exception, in :meth:`Linter.lint_paths`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .config import RuleConfig, load_config
from .errors import GovtextError
from .limits import DEFAULT_TIMEOUT, Limits, budget

if TYPE_CHECKING:
    from .io import Format
    from .model import Document, Finding

#: the stages a lint runs before its rules
LINT_STAGES: tuple[str, ...] = ("sections", "claims", "tables")


@dataclass(frozen=True)
class Skipped:
    """A rule that did not run on a document: the stages it reads that did not run."""

    rule: str
    missing: tuple[str, ...]


@dataclass
class LintResult:
    """The outcome of linting one source: its findings, or the error that stopped it.

    ``document`` is the analysed document (``None`` when the source could not be
    read, or when it was linted in another process); ``skipped`` the rules that
    did not run on it and why.
    """

    path: str | None
    findings: list[Finding] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    document: Document | None = None
    error: GovtextError | None = None

    @property
    def ok(self) -> bool:
        """Whether the source was read and every rule that applies ran on it."""
        return self.error is None

    @property
    def errors(self) -> int:
        """How many findings are at error severity."""
        return sum(1 for f in self.findings if f.severity == "error")


class Linter:
    """Rules, severities, limits and a deadline, applied the same way to every source.

    ``config`` is a :class:`~govtext.config.RuleConfig` or the path of a file
    holding ``[tool.govtext]`` (``None``: the nearest ``pyproject.toml``, as the
    command line reads it). ``limits`` and ``timeout`` (seconds; ``0``: none)
    default to the configuration's, else to the defaults (60 s).
    """

    def __init__(
        self,
        config: RuleConfig | str | os.PathLike[str] | None = None,
        *,
        limits: Limits | None = None,
        timeout: float | None = None,
        stages: Iterable[str] = LINT_STAGES,
    ) -> None:
        self.config = config if isinstance(config, RuleConfig) else load_config(config)
        self.limits = limits or self.config.limits
        if timeout is None:
            timeout = self.config.timeout if self.config.timeout is not None else DEFAULT_TIMEOUT
        self.timeout = timeout
        self.stages = tuple(s for s in stages if s != "checks")

    def __repr__(self) -> str:
        return f"<Linter config={self.config.source or 'defaults'} timeout={self.timeout:g}>"

    def read(
        self,
        source: str | os.PathLike[str] | bytes,
        *,
        year: int | None = None,
        name: str | None = None,
        format: Format | None = None,
    ) -> Document:
        """The document after this linter's stages, within its limits and deadline, no rule run on it
        (last year's report for ``previous``, say)."""
        from .pipeline import analyze

        return analyze(
            source, year=year, format=format, name=name, stages=self.stages, limits=self.limits, timeout=self.timeout
        )

    def lint(
        self,
        source: str | os.PathLike[str] | bytes,
        *,
        year: int | None = None,
        name: str | None = None,
        format: Format | None = None,
        previous: Document | str | os.PathLike[str] | bytes | None = None,
    ) -> LintResult:
        """Analyse ``source`` and run the rules on it. Raises the :class:`~govtext.errors.ReadError`
        of a source that cannot be read (and :class:`~govtext.errors.DeadlineExceededError`).

        ``previous``, the same body's report of the year before (a path, bytes or a document
        from :meth:`read`), adds the cross-year rules (GT501–GT506) comparing the two.
        """
        from .model import Document
        from .pipeline import _naming, shown_name

        before = previous if previous is None or isinstance(previous, Document) else self.read(previous)
        shown = shown_name(source, name)
        # one deadline for reading this report and running the rules on it (the read's own budget,
        # nested, keeps this earlier deadline)
        with budget(self.limits, self.timeout), _naming(shown):
            doc = self.read(source, year=year, name=name, format=format)
            result = self.lint_document(doc, previous=before)
        result.path = shown
        return result

    def lint_document(self, doc: Document, previous: Document | None = None) -> LintResult:
        """Run the rules on a document already analysed (its ``findings`` are set to theirs);
        with ``previous`` (last year's document) the cross-year rules too."""
        from .checks import run_checks
        from .checks.base import run_cross_checks, sort_findings

        skipped: list[tuple[str, tuple[str, ...]]] = []
        findings = run_checks(doc, config=self.config, skipped=skipped)
        if previous is not None:
            findings = sort_findings([*findings, *run_cross_checks(doc, previous, config=self.config)])
        doc.findings = findings
        return LintResult(
            doc.source.path, doc.findings, [Skipped(code, missing) for code, missing in skipped], document=doc
        )

    def analyze(
        self,
        source: str | os.PathLike[str] | bytes,
        *,
        year: int | None = None,
        name: str | None = None,
        format: Format | None = None,
    ) -> Document:
        """The analysed document, its ``findings`` those of this linter's rules."""
        result = self.lint(source, year=year, name=name, format=format)
        assert result.document is not None
        return result.document

    def lint_paths(self, paths: Iterable[str], *, year: int | None = None, jobs: int = 1) -> Iterator[LintResult]:
        """One result per path, in order; a file that cannot be read, is over a limit or runs past
        the deadline is a result with ``error`` set, and the others go on.

        ``jobs`` > 1 lints in that many processes; their results carry no ``document``.
        """
        if jobs <= 1:
            for path in paths:
                yield self._lint_path(path, year)
            return
        from concurrent.futures import ProcessPoolExecutor
        from functools import partial

        with ProcessPoolExecutor(jobs) as pool:
            yield from pool.map(partial(_lint_path_in_child, self, year=year), paths)

    def _lint_path(self, path: str, year: int | None) -> LintResult:
        try:
            return self.lint(path, year=year)
        except GovtextError as exc:
            return LintResult(path, error=exc)


def _lint_path_in_child(linter: Linter, path: str, year: int | None = None) -> LintResult:
    result = linter._lint_path(path, year)
    result.document = None  # the document stays in its process: findings and notes travel
    return result


__all__ = ["LINT_STAGES", "LintResult", "Linter", "Skipped"]
