"""The rule base class, the registry and the runner."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import textwrap
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any, ClassVar, cast

from ..errors import DeadlineExceededError, ResourceLimitError
from ..limits import check_deadline
from ..model import Basis, CellRef, CrossReportFinding, Finding, ReportCell, Severity, Span, Suspect

if TYPE_CHECKING:
    from ..config import RuleConfig
    from ..model import Document

GROUPS = ("internal", "structure", "tables", "arithmetic", "prose", "crossyear")
#: the stages each group of rules reads by default (a rule may say otherwise in ``requires``)
REQUIRES: dict[str, tuple[str, ...]] = {
    "structure": ("sections",),
    "tables": ("tables",),
    "arithmetic": ("tables",),
    "prose": ("sections", "claims"),
}


class Rule:
    """A check.  Subclasses set ``code``, ``name``, ``severity``, ``group`` and implement :meth:`check`."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    group: ClassVar[str]
    #: configuration keys the rule reads (none yet; kept for the config file to come)
    config_keywords: ClassVar[tuple[str, ...]] = ()
    #: the stages whose output the rule reads; ``None``: those of its group (:data:`REQUIRES`)
    requires: ClassVar[tuple[str, ...] | None] = None

    @classmethod
    def needs(cls) -> tuple[str, ...]:
        """The stages the rule reads: its own :attr:`requires`, else its group's."""
        return cls.requires if cls.requires is not None else REQUIRES.get(cls.group, ())

    def check(self, doc: Document) -> Iterator[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError

    def finding(
        self,
        message: str,
        *,
        span: Span | None = None,
        observed: Any = None,
        expected: Any = None,
        cell: CellRef | None = None,
        severity: Severity | None = None,
        zh: str | None = None,
        basis: Iterable[Basis] = (),
        suspect: Suspect | None = None,
    ) -> Finding:
        """A :class:`~govtext.model.Finding` of this rule (``message`` in English, ``zh`` in Chinese).

        ``basis`` lists the numbers the finding rests on: an error resting on one not
        read with certainty is reported as GT207 by :func:`run_checks`.
        """
        return Finding(
            self.code, severity or self.severity, message, span, observed, expected, cell, zh, tuple(basis), suspect
        )

    def cell_finding(
        self,
        table: Any,
        row: str,
        col: str | None,
        message: str,
        zh: str,
        *,
        observed: Any = None,
        expected: Any = None,
        severity: Severity | None = None,
        basis: Iterable[Basis] = (),
        suspect: Suspect | None = None,
    ) -> Finding:
        """A finding located at a table cell (or at the row's label when the cell has no place)."""
        span = None
        cell = table.cell(row, col) if col is not None else None
        if cell is not None:
            span = cell.span
        if span is None and row in table.rows:
            span = table.rows[row].span
        where = CellRef(
            table.name,
            row,
            col,
            label=table.rows[row].label if row in table.rows else None,
            bbox=cell.bbox if cell is not None else None,
        )
        return self.finding(
            message,
            span=span,
            observed=observed,
            expected=expected,
            cell=where,
            severity=severity,
            zh=zh,
            basis=basis,
            suspect=suspect,
        )

    @classmethod
    def summary(cls, lang: str = "en") -> str:
        """The rule's one-line summary: the docstring's first line, or the first paragraph of its 中文 section."""
        return cls.explain(lang)["summary"]

    @classmethod
    def explain(cls, lang: str = "en") -> dict[str, str]:
        """What the rule checks and why, and a wrong and a right example, from the docstring.

        The docstring is an English summary line, then sections headed ``说明`` (the
        explanation in English), ``中文`` (a Chinese summary paragraph, then the
        explanation in Chinese), ``错误示例`` and ``正确示例``.  With ``lang="zh"`` the
        Chinese texts are returned where the rule has them.
        """
        doc = inspect.getdoc(cls) or ""
        first, _, rest = doc.partition("\n")
        sections: dict[str, list[str]] = {}
        current = None
        for line in rest.splitlines():
            if line.strip() and not line.startswith(" "):
                current = line.strip()
                sections[current] = []
            elif current is not None:
                sections[current].append(line)
        text = {k: textwrap.dedent("\n".join(v)).strip() for k, v in sections.items()}
        out = {
            "summary": first.strip(),
            "explanation": text.get("说明", ""),
            "wrong": text.get("错误示例", ""),
            "right": text.get("正确示例", ""),
        }
        zh = text.get("中文", "")
        if lang == "zh" and zh:
            head, _, body = zh.partition("\n\n")
            out["summary"] = "".join(line.strip() for line in head.splitlines())
            # Chinese has no spaces between words: a wrapped paragraph is joined without one
            paragraphs = [p for p in body.strip().split("\n\n") if p.strip()]
            out["explanation"] = "\n\n".join("".join(line.strip() for line in p.splitlines()) for p in paragraphs)
        return out


_COLUMN_LABELS = {
    "natural_person": "自然人", "commercial": "商业企业", "research": "科研机构", "social_welfare": "社会公益组织",
    "legal_services": "法律服务机构", "other_org": "其他组织", "total": "总计",
    "upheld": "结果维持", "corrected": "结果纠正", "other": "其他结果", "pending": "尚未审结",
    "made": "本年制发件数", "repealed": "本年废止件数", "in_force": "现行有效件数", "decisions": "处理决定数量",
    "amount_wan": "收费金额（万元）", "published": "本年新公开", "total_published": "对外公开总数量",
}  # fmt: skip


def cell_label(table: Any, row: str, col: str | None = None) -> str:
    """A cell as the report prints it: ``表三“（七）总计”行“自然人”列``, never the canonical keys."""
    from ..tables.schema import T2_ROWS, T3_ROWS, T4_GROUPS

    printed = table.rows.get(row) if getattr(table, "rows", None) else None
    label = getattr(printed, "label", None)
    if not label:
        specs = {r.key: r.label for rows in (*T2_ROWS.values(), *T3_ROWS.values()) for r in rows}
        label = specs.get(row) or dict(T4_GROUPS).get(row) or row
    name = "表" + "二三四"[int(table.name[1]) - 2] if getattr(table, "name", "t?")[1:].isdigit() else "表"
    out = f"{name}“{label}”行"
    if col is not None:
        out += f"“{_COLUMN_LABELS.get(col, col)}”列"
    return out


def cell_basis(table: Any, row: str, col: str) -> Basis:
    """How a table cell a finding rests on was read (a row the report does not print is ``missing``).

    A total printed blank beside parts that are not 0 (行政复议 2 0 1 0, 总计 left empty), in a
    table that prints its other zeros as 0, is ``blank-total``: a blank is 0 by the template,
    but a total left out is no 0 read from the page, so no error rests on it (GT207 reports
    the finding instead).  Where the table prints every 0 blank, a blank total is its 0.
    """
    cell = table.cell(row, col)
    if cell is None:
        return Basis(f"{table.name} {row}/{col}", "missing", None, f"row {row} was not found in the table")
    if cell.how == "blank" and _left_out_total(table, row, col):
        why = "the total is printed blank while its parts are not: left out, not a 0"
        return Basis(f"{table.name} {row}/{col}", "blank-total", None, why)
    return Basis(f"{table.name} {row}/{col}", cell.how, cell.value)


def _left_out_total(table: Any, row: str, col: str) -> bool:
    """Whether ``row``/``col`` is the total of an identity of ``table`` one of whose parts is not 0, in a table
    that prints its zeros as 0 (where it prints them blank, a blank total is a 0 as certain as any)."""
    from ..tables.schema import identities

    if not any(c.value == 0 and c.how == "read" for c in table.cells.values()):
        return False
    return any(
        (row, col) in i.totals and any(table.get(r, c) for r, c in i.parts)
        for i in identities(table.name, table.template, table.layout)
    )


def claim_basis(claim: Any) -> Basis:
    """How a number of the prose a finding rests on was read."""
    return Basis(f"prose {claim.text}", "read" if claim.confidence >= 1 else "low-confidence", claim.value)


class CorpusRule(Rule):
    """A rule over several reports (the batch's cross-year checks): :meth:`check_corpus` instead of :meth:`check`.

    It sees the :func:`govtext.corpus.fingerprint` of every report of a body and
    yields cross-report records naming every report involved.
    """

    scope: ClassVar[str] = "corpus"

    def check(self, doc: Document) -> Iterator[Finding]:
        return iter(())

    def check_corpus(
        self, body: str, reports: list[dict[str, Any]]
    ) -> Iterator[CrossReportFinding]:  # pragma: no cover
        raise NotImplementedError

    def record(
        self,
        body: str,
        reports: list[dict[str, Any]],
        message: str,
        zh: str,
        *,
        observed: Any = None,
        expected: Any = None,
        cells: list[ReportCell] | None = None,
        severity: Severity | None = None,
        **extra: Any,
    ) -> CrossReportFinding:
        """A finding of this rule about ``reports`` (fingerprints, oldest first)."""
        linked = extra.pop("linked", None)
        return CrossReportFinding(
            self.code,
            severity or self.severity,
            message,
            zh,
            body,
            tuple(r["year"] for r in reports),
            tuple(r["path"] for r in reports),
            observed,
            expected,
            tuple(cells or ()),
            linked,
            extra,
        )


@lru_cache(maxsize=1)
def all_rules() -> tuple[type[Rule], ...]:
    """Every rule, sorted by code (imports each ``govtext.checks.<group>`` package)."""
    found: dict[str, type[Rule]] = {}
    for group in GROUPS:
        package = importlib.import_module(f"{__package__}.{group}")
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            for obj in vars(module).values():
                if (
                    inspect.isclass(obj)
                    and issubclass(obj, Rule)
                    and obj is not Rule
                    and obj.__module__ == module.__name__
                ):
                    if obj.code in found:
                        raise RuntimeError(f"rule code {obj.code} is used twice")
                    found[obj.code] = obj
    return tuple(found[c] for c in sorted(found))


def run_checks(
    doc: Document,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    config: RuleConfig | None = None,
    skipped: list[tuple[str, tuple[str, ...]]] | None = None,
) -> list[Finding]:
    """The findings of every enabled rule.

    ``select``/``ignore`` take codes or code prefixes (``GT3``); ``config`` (a
    :class:`~govtext.config.RuleConfig`) adds severity overrides and its own
    select/ignore, which ``select``/``ignore`` given here replace.  A rule whose
    stages did not run is skipped; ``skipped``, where given, gets ``(code, the
    stages it lacked)`` for each.
    """
    from dataclasses import replace

    from ..config import RuleConfig

    cfg = (config or RuleConfig()).merged(
        select=[s.upper() for s in select] if select is not None else None,
        ignore=[s.upper() for s in ignore] or None,
    )
    findings: list[Finding] = []
    for rule_cls in all_rules():
        if not cfg.enabled(rule_cls.code):
            continue
        if doc.stages is not None and not set(rule_cls.needs()) <= doc.stages:
            # analyze(stages=...) left out what the rule reads: skipped, never a false finding
            if skipped is not None:
                skipped.append((rule_cls.code, tuple(s for s in rule_cls.needs() if s not in doc.stages)))
            continue
        # the configuration's levels are checked against SEVERITIES, and enabled() ruled out "off":
        # a level that is not empty is a Severity
        level = cfg.severity_of(rule_cls.code, "")
        check_deadline()
        try:
            for f in rule_cls().check(doc):
                f = replace(f, severity=cast(Severity, level)) if level else f
                if f.severity == "error" and f.uncertain:
                    if not cfg.enabled(UNCERTAIN_RULE):
                        continue
                    f = demote(f, cast(Severity, cfg.severity_of(UNCERTAIN_RULE, "") or "warning"))
                findings.append(f)
        except (DeadlineExceededError, ResourceLimitError):
            raise  # the call's budget, not a bug of the rule
        except Exception as exc:  # a bug of one rule: the others and the other files go on
            from .internal.GT000 import RuleFailed

            if cfg.enabled(RuleFailed.code):
                findings.append(RuleFailed().failed(rule_cls, exc))
    return sort_findings(findings)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Findings in the order of their place in the report (those without one first), errors first at one place."""
    order = {"error": 0, "warning": 1, "info": 2}
    return sorted(findings, key=lambda f: (f.span.start if f.span else -1, order[f.severity], f.rule))


_RANK = {"info": 0, "warning": 1, "error": 2}


def run_cross_checks(doc: Document, previous: Document, config: RuleConfig | None = None) -> list[Finding]:
    """The corpus rules (GT5xx) over ``doc`` and last year's report ``previous``, as findings of ``doc``.

    What ``govtext lint REPORT --previous LAST_YEAR_REPORT`` adds to :func:`run_checks`:
    each cross-report record of :func:`govtext.corpus.compare_pair` becomes a finding
    located at this year's sentence (GT504) or table cell (GT501, GT502) where it has
    one.  The configuration's select/ignore apply; a severity set for a rule replaces
    the rule's own, except that a record the rule itself lowered (an uncertain reading)
    is never raised by it.
    """
    from ..config import RuleConfig
    from ..corpus import compare_pair

    cfg = config or RuleConfig()
    current, before = doc.to_dict(detail=True), previous.to_dict(detail=True)
    cur_path = current["source"]["path"] = current["source"].get("path") or "<this report>"
    before["source"]["path"] = before["source"].get("path") or "<previous report>"
    defaults = {r.code: r.severity for r in all_rules()}
    out: list[Finding] = []
    for rec in compare_pair(before, current):
        code = rec.rule
        if not cfg.enabled(code):
            continue
        severity: Severity = rec.severity
        level = cfg.severity_of(code, "")
        if level and (severity == defaults.get(code) or _RANK[level] < _RANK[severity]):
            severity = cast(Severity, level)
        span: Span | None = None
        cell: CellRef | None = None
        if rec.extra.get("span"):
            span = Span(**rec.extra["span"])
        mine = [c for c in rec.cells if c.report == cur_path and c.table is not None]
        if mine:
            c = mine[0]
            t = doc.tables.get(c.table or "")
            found = t.cell(c.row or "", c.col or "") if t is not None else None
            cell = CellRef(
                c.table or "",
                c.row,
                c.col,
                label=t.rows[c.row].label if t is not None and c.row in t.rows else None,
                bbox=found.bbox if found is not None else None,
            )
            if span is None and found is not None:
                span = found.span
        out.append(Finding(code, severity, rec.message, span, rec.observed, rec.expected, cell, rec.message_zh))
    return out


#: The rule an error finding becomes when a number it rests on was not read with certainty.
UNCERTAIN_RULE = "GT207"

_HOW_EN = {
    "inferred": "worked out from an identity",
    "guessed": "a guess among several readings",
    "ocr": "recognised from an image",
    "missing": "not read",
    "recorded": "from a saved record that did not keep how it was read",
    "low-confidence": "read with low confidence",
    "blank-total": "a total printed blank beside parts that are not",
}
_HOW_ZH = {
    "inferred": "由勾稽关系推定",
    "guessed": "在多种读法中猜测",
    "ocr": "由图像识别",
    "missing": "未读到",
    "recorded": "取自未保存读取方式的记录",
    "low-confidence": "读取把握不大",
    "blank-total": "总计留空而各项不为0",
}


def demote(f: Finding, severity: Severity) -> Finding:
    """An error finding resting on a number not read with certainty, as a GT207 reading finding."""
    from dataclasses import replace

    names = ", ".join(f"{b.what} ({_HOW_EN.get(b.how, b.how)})" for b in f.uncertain)
    names_zh = "，".join(f"{b.what}（{_HOW_ZH.get(b.how, b.how)}）" for b in f.uncertain)
    return replace(
        f,
        rule=UNCERTAIN_RULE,
        severity=severity,
        message=f"{f.message} — not reported as {f.rule}: it rests on {names}; check how the table was read",
        message_zh=None
        if f.message_zh is None
        else f"{f.message_zh}——所依据的{names_zh}未能确切读取，未作为{f.rule}错误报告，请核对表格读取",
        demoted_from=f.rule,
    )


def render_docs(lang: str = "en") -> str:
    """``docs/rules.md``: every rule's code, name, severity and docstring.

    With ``lang="zh"``, ``docs/rules-zh.md``: the same rules in Chinese only (the
    ``中文`` section of each docstring, as ``govtext rule CODE --lang zh`` shows it).
    """
    if lang == "zh":
        return _render_docs_zh()
    lines = [
        "# Rules",
        "",
        "Generated from the rules' docstrings by `python -m govtext.checks > docs/rules.md`; do not edit by hand.",
        "",
        "| code | name | severity | group | summary |",
        "|---|---|---|---|---|",
    ]
    rules = all_rules()
    for r in rules:
        lines.append(f"| [{r.code}](#{r.code.lower()}) | `{r.name}` | {r.severity} | {r.group} | {r.summary()} |")
    for r in rules:
        en, zh = r.explain("en"), r.explain("zh")
        lines += [
            "",
            f"## {r.code}",
            "",
            f"**{en['summary']}**",
            "",
            f"`{r.name}` · severity **{r.severity}** · group {r.group}",
        ]
        # the docstring's sections, each under its bold heading with its text flush left (indented, Markdown
        # would print it as code); 中文: the Chinese summary, then the explanation, as `govtext rule --lang zh`
        parts = [("说明", en["explanation"])]
        if zh["summary"] != en["summary"]:
            parts.append(("中文", f"{zh['summary']}\n\n{zh['explanation']}".strip()))
        parts += [("错误示例", en["wrong"]), ("正确示例", en["right"])]
        for head, text in parts:
            if text:
                lines += ["", f"**{head}**", "", text]
    return "\n".join(lines) + "\n"


def _render_docs_zh() -> str:
    """``docs/rules-zh.md``: each rule's Chinese summary, explanation and examples."""
    from ..report import SEVERITY_ZH

    lines = [
        "# 规则",
        "",
        "本页由 `python -m govtext.checks --lang zh > docs/rules-zh.md` 从各规则的文档字符串生成，请勿手工编辑。"
        "英文说明见 [Rules](rules.md)。",
        "",
        "| 代码 | 名称 | 默认严重程度 | 组 | 概要 |",
        "|---|---|---|---|---|",
    ]
    rules = all_rules()
    for r in rules:
        lines.append(
            f"| [{r.code}](#{r.code.lower()}) | `{r.name}` | {SEVERITY_ZH[r.severity]} | {r.group} | {r.summary('zh')} |"
        )
    for r in rules:
        text = r.explain("zh")
        lines += [
            "",
            f"## {r.code}",
            "",
            f"**{text['summary']}**",
            "",
            f"`{r.name}` · 默认严重程度 **{SEVERITY_ZH[r.severity]}** · 组 {r.group}",
        ]
        for key, head in (("explanation", "说明"), ("wrong", "错误示例"), ("right", "正确示例")):
            if text[key]:
                lines += ["", f"**{head}**", "", text[key]]
    return "\n".join(lines) + "\n"
