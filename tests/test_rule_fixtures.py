"""Every rule's cases from its fixture file, ``tests/fixtures/rules/GTxxx.toml`` (format: the README beside them).

Each case gives a report (a whole small text, or the example report with a few exact
replacements) and says whether the file's rule fires on it, and optionally how: severity,
count, words of the message, the line it points at.  Only that rule runs
(``run_checks(doc, select=[code])``), so other rules do not interfere; a case may add rules
to the selection (GT207's cases need the rules whose errors it takes over).  The cross-year
rules (GT5xx) take several reports and run through the corpus path, as ``govtext batch``
does: each report's record → :func:`govtext.corpus.fingerprint` → :func:`~govtext.corpus.cross_year_findings`.

GT000 (a rule failed) has no fixture file: no report makes a rule raise, so it is tested
here with a rule that does (:func:`test_gt000_a_rule_that_raises`).
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import pytest

import govtext
from govtext.checks import all_rules, run_checks
from govtext.corpus import cross_year_findings, fingerprint
from govtext.model import Finding

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "rules"
_EXAMPLE = (ROOT / "corpora" / "examples" / "example_2023.txt").read_text(encoding="utf-8")
#: the reports a case may start from (``base``): the invented example, and the same with its TAB
#: tables flattened to spaces, as a crawler's text leaves them
BASES = {"example": _EXAMPLE, "example_flat": _EXAMPLE.replace("\t", " ")}
#: rules tested otherwise than by a fixture file, and how
NOT_BY_FIXTURE = {"GT000": "made by run_checks when a rule raises: test_gt000_a_rule_that_raises"}
FORMATS = ("txt", "md", "html")
STAGES = ("sections", "claims", "tables")

_INPUT_KEYS = {"text", "base", "replace", "format", "year"}
_EXPECT_KEYS = {"fires", "severity", "count", "message_contains", "message_excludes", "line", "demoted", "demoted_from"}
_CASE_KEYS = {"name", "select", "xfail", "reports"} | _INPUT_KEYS | _EXPECT_KEYS
_NAME = re.compile(r"^[a-z0-9_]+$")


class FixtureError(ValueError):
    """A fixture file or case that does not follow the format."""


@dataclass(frozen=True)
class Case:
    code: str
    name: str
    spec: dict[str, Any]

    @property
    def id(self) -> str:
        return f"{self.code}::{self.name}"


def fixture_files() -> dict[str, Path]:
    """The fixture files by rule code (the file's name)."""
    return {p.stem: p for p in sorted(FIXTURES.glob("*.toml"))}


@cache
def load(path: Path) -> tuple[Case, ...]:
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    if set(data) != {"case"} or not isinstance(data["case"], list):
        raise FixtureError(f"{path.name}: a fixture file holds [[case]] tables and nothing else")
    return tuple(Case(path.stem, str(c.get("name", "")), c) for c in data["case"])


def all_cases() -> list[Case]:
    return [case for path in fixture_files().values() for case in load(path)]


def validate(case: Case) -> None:
    """Raise :class:`FixtureError` where a case does not follow the format (README.md)."""
    spec, where = case.spec, case.id
    if not _NAME.match(case.name):
        raise FixtureError(f"{where}: a case needs a name of lower-case letters, digits and _")
    if unknown := set(spec) - _CASE_KEYS:
        raise FixtureError(f"{where}: unknown keys {sorted(unknown)}")
    if not isinstance(spec.get("fires"), bool):
        raise FixtureError(f"{where}: fires = true or false is required")
    if not spec["fires"] and set(spec) & {"severity", "count", "message_contains", "message_excludes", "line"}:
        raise FixtureError(f"{where}: a case where the rule is silent expects nothing of its findings")
    if "xfail" in spec and not (isinstance(spec["xfail"], str) and spec["xfail"].strip()):
        raise FixtureError(f"{where}: xfail takes the reason, as a string")
    for code in spec.get("select", []):
        if code not in _codes():
            raise FixtureError(f"{where}: select names an unknown rule {code!r}")
    if "demoted" in spec and "demoted_from" in spec:
        raise FixtureError(f"{where}: demoted (this rule's errors taken over by GT207) or demoted_from (GT207's cases)")
    if "reports" in spec:
        if set(spec) & _INPUT_KEYS or len(spec["reports"]) < 2:
            raise FixtureError(f"{where}: [[case.reports]] takes two or more reports, each with its own input")
        if set(spec) & {"line", "demoted", "demoted_from", "select"}:
            raise FixtureError(f"{where}: cross-report records have no line, are never demoted, and all run")
        for report in spec["reports"]:
            if unknown := set(report) - _INPUT_KEYS:
                raise FixtureError(f"{where}: unknown keys {sorted(unknown)} in a report")
            if not isinstance(report.get("year"), int):
                raise FixtureError(f"{where}: every report of a cross-year case gives its year")
            text_of(report, where)
    else:
        text_of(spec, where)


def text_of(spec: dict[str, Any], where: str) -> str:
    """The input of a case or of one of its reports: ``text``, or ``base`` with ``replace`` applied."""
    if spec.get("format", "txt") not in FORMATS:
        raise FixtureError(f"{where}: format is one of {FORMATS}")
    if ("text" in spec) == ("base" in spec):
        raise FixtureError(f"{where}: give either text or base")
    if "text" in spec:
        if "replace" in spec:
            raise FixtureError(f"{where}: replace goes with base")
        return str(spec["text"])
    if spec["base"] not in BASES:
        raise FixtureError(f"{where}: base is one of {sorted(BASES)}")
    text = BASES[spec["base"]]
    for pair in spec.get("replace", []):
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(s, str) for s in pair)):
            raise FixtureError(f"{where}: replace takes [old, new] pairs")
        old, new = pair
        if (n := text.count(old)) != 1:
            raise FixtureError(f"{where}: {old!r} occurs {n} times in the text replaced, not once")
        text = text.replace(old, new)
    return text


@lru_cache(maxsize=1)
def _codes() -> frozenset[str]:
    return frozenset(r.code for r in all_rules())


@cache
def analysed(text: str, fmt: str, year: int | None, name: str = "case") -> govtext.Document:
    """One analysis per distinct input: cases that share their input share it."""
    return govtext.analyze(text.encode("utf-8"), format=fmt, name=f"{name}.{fmt}", year=year, stages=STAGES)


def findings(case: Case) -> list[Finding]:
    spec = case.spec
    doc = analysed(text_of(spec, case.id), spec.get("format", "txt"), spec.get("year"))
    demotions = "demoted" in spec
    select = [case.code, *spec.get("select", []), *(["GT207"] if demotions else [])]
    return run_checks(doc, select=select)


def records(case: Case) -> list[dict[str, Any]]:
    """The cross-report records of a cross-year case, as ``govtext batch`` makes them."""
    prints = []
    for i, report in enumerate(case.spec["reports"]):
        text = text_of(report, case.id)
        # the name is the record's path: one per report of a case, so that two copies are told apart
        doc = analysed(text, report.get("format", "txt"), report["year"], f"report{i}_{report['year']}")
        prints.append(fingerprint(doc.to_dict(detail=True)))  # as govtext batch keeps its records
    return [f.to_dict() for f in cross_year_findings(prints)]


def _params() -> list[Any]:
    params = []
    for case in all_cases():
        marks = []
        if "xfail" in case.spec:
            # strict: the day the rule is fixed the case passes and says so; only a failed expectation counts
            marks.append(pytest.mark.xfail(reason=str(case.spec["xfail"]), strict=True, raises=AssertionError))
        params.append(pytest.param(case, id=case.id, marks=marks))
    return params


@pytest.mark.parametrize("case", _params())
def test_rule_case(case: Case) -> None:
    validate(case)
    spec = case.spec
    if "reports" in spec:
        got = [
            (r["severity"], f"{r['message']}\n{r['message_zh']}", None) for r in records(case) if r["rule"] == case.code
        ]
    else:
        found = findings(case)
        if "demoted" in spec:
            demoted = [f for f in found if f.rule == "GT207" and f.demoted_from == case.code]
            assert len(demoted) == spec["demoted"], _show(found)
            assert all(f.severity != "error" for f in demoted)
        if "demoted_from" in spec:
            wanted = set(_strings(spec["demoted_from"]))
            assert {f.demoted_from for f in found if f.rule == case.code} == wanted, _show(found)
        got = [
            (f.severity, f"{f.message}\n{f.message_zh or ''}", f.span.line if f.span else None)
            for f in found
            if f.rule == case.code
        ]
    if not spec["fires"]:
        assert got == [], got
        return
    assert got, f"{case.code} is silent"
    if "count" in spec:
        assert len(got) == spec["count"], got
    if "severity" in spec:
        assert {s for s, _, _ in got} == {spec["severity"]}, got
    for words in _strings(spec.get("message_contains")):
        assert all(words in m for _, m, _ in got), (words, got)
    for words in _strings(spec.get("message_excludes")):
        assert not any(words in m for _, m, _ in got), (words, got)
    if "line" in spec:
        lines = spec["line"] if isinstance(spec["line"], list) else [spec["line"]] * len(got)
        assert [line for _, _, line in got] == lines, got


def _strings(value: str | list[str] | None) -> list[str]:
    return [] if value is None else [value] if isinstance(value, str) else list(value)


def _show(found: list[Finding]) -> list[tuple[str, str | None, str]]:
    return [(f.rule, f.demoted_from, f.message) for f in found]


def test_every_rule_has_a_fixture_file_with_a_firing_and_a_silent_case() -> None:
    files = fixture_files()
    codes = {r.code for r in all_rules()}
    assert not set(files) - codes, f"fixture files of unknown rules: {sorted(set(files) - codes)}"
    missing = sorted(codes - set(files) - set(NOT_BY_FIXTURE))
    assert not missing, f"rules without a fixture file in {FIXTURES}: {missing}"
    for code, path in files.items():
        cases = load(path)
        assert any(c.spec.get("fires") is True for c in cases), f"{code}: no case where the rule fires"
        assert any(c.spec.get("fires") is False for c in cases), f"{code}: no case where the rule is silent"
        names = [c.name for c in cases]
        assert len(names) == len(set(names)), f"{code}: case names repeat"


def test_every_error_rule_has_a_case_where_uncertain_numbers_raise_no_error() -> None:
    # an error is an accusation: each error rule shows that a reading it cannot be sure of does not make one
    for rule in all_rules():
        if rule.severity != "error" or rule.code in NOT_BY_FIXTURE:
            continue
        cases = load(fixture_files()[rule.code])
        assert any(
            c.name.startswith("uncertain_")
            and (c.spec["fires"] is False or c.spec.get("severity") not in (None, "error"))
            for c in cases
        ), f"{rule.code}: no uncertain_ case where the rule raises no error"


def test_every_fixture_case_follows_the_format() -> None:
    problems = []
    for case in all_cases():
        try:
            validate(case)
        except FixtureError as exc:
            problems.append(str(exc))
    assert problems == []


def test_a_replacement_that_does_not_occur_once_is_refused() -> None:
    with pytest.raises(FixtureError, match="occurs 0 times"):
        text_of({"base": "example", "replace": [["no such words", "x"]]}, "t")
    with pytest.raises(FixtureError, match="occurs 2 times"):
        text_of({"base": "example", "replace": [["四、", "4."]]}, "t")
    # the pairs apply in order: the second sees the first's result
    with pytest.raises(FixtureError, match="occurs 3 times"):
        text_of({"base": "example", "replace": [["（七）总计", "四、"], ["四、", "4."]]}, "t")
    assert "（七）总计" not in text_of({"base": "example", "replace": [["（七）总计", "x"], ["x", "y"]]}, "t")


def test_gt000_a_rule_that_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    from govtext.checks.arithmetic.GT301 import T3RowSum

    def boom(self: object, doc: object) -> object:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(T3RowSum, "check", boom)
    doc = analysed(BASES["example"], "txt", None)
    (failed,) = run_checks(doc, select=["GT000", "GT301", "GT305"])
    assert (failed.rule, failed.severity, failed.observed) == ("GT000", "warning", "GT301")
    assert "rule GT301 (arithmetic.t3_row_sum) failed" in failed.message and "ZeroDivisionError" in failed.message
    # the other rule ran: a wrong table-4 total is still found beside the failure
    doc = analysed(BASES["example"].replace("\n2\t0\t1\t0\t3\t1", "\n2\t1\t1\t0\t3\t1"), "txt", None)
    assert sorted(f.rule for f in run_checks(doc, select=["GT000", "GT301", "GT305"])) == ["GT000", "GT305"]
    # without GT000 selected, the failure is silent and the run goes on
    assert [f.rule for f in run_checks(doc, select=["GT301", "GT305"])] == ["GT305"]
