"""Rendering findings for people and for tools: text, JSON and SARIF 2.1.0.

Text is one line per finding, as compilers print them, with the source line::

    report.docx:12:1: GT102 warning: section 3 (…) has a heading but nothing under it: its table is missing
        | 三、收到和处理政府信息公开申请情况
        | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^

JSON is a list of ``{"path", "findings"}`` objects (each finding as in
``docs/interface.md``); SARIF is the OASIS format code-scanning tools read, with
every rule's documentation from ``docs/rules.md`` in ``tool.driver.rules``.
"""

from __future__ import annotations

import inspect
import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from . import __version__
from .model import CrossReportFinding, Document, Finding

if TYPE_CHECKING:
    from .model import Claim, Document, Sentence
    from .tables import Table

_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def format_text(
    path: str,
    findings: Sequence[Finding],
    source_line: Callable[[int], str] | None = None,
    *,
    chinese: bool = False,
    lang: str = "en",
    colour: bool = False,
    place: Callable[[int, str], str | None] | None = None,
) -> str:
    """Compiler-style lines, ``path:line:col: CODE severity: message``.

    With ``source_line`` (offset -> the source line holding it, e.g.
    :meth:`Extraction.source_line <govtext.io.base.Extraction.source_line>`) each
    finding is followed by its source line and a caret under the place.  A PDF
    location names the page: ``path:line:col (page 4)``.  ``lang="zh"`` prints the
    Chinese message and severity (``错误``/``警告``/``提示``); ``chinese`` adds the
    Chinese message under the English one; ``colour`` adds ANSI colours for a terminal.
    ``place`` (offset, lang -> a place as Word shows it, e.g. :meth:`Extraction.place
    <govtext.io.base.Extraction.place>`) names a DOCX location by paragraph or table cell
    instead of a line of the extracted text: ``report.docx (paragraph 12): …``.
    """
    lines = []
    for f in findings:
        where = f"{path}:{f.span.line}:{f.span.col}" if f.span else f"{path}:1:1"
        spot = place(f.span.start, lang) if place is not None and f.span is not None else None
        if spot:
            where = f"{path} ({spot})"
        if f.span is not None and f.span.page:
            box = f.cell.box_text() if f.cell is not None else None  # on the page, in points from the top left
            if lang == "zh":
                where += f" (第{f.span.page}页{'，位置 ' + box if box else ''})"
            else:
                where += f" (page {f.span.page}{', box ' + box if box else ''})"
        zh = lang == "zh" and bool(f.message_zh)
        severity = SEVERITY_ZH.get(f.severity, f.severity) if lang == "zh" else f.severity
        message = f.message_zh if zh else f.message
        if colour:
            tint = {"error": "31;1", "warning": "33;1", "info": "36"}.get(f.severity, "0")
            lines.append(f"\x1b[1m{where}\x1b[0m: \x1b[{tint}m{f.rule} {severity}\x1b[0m: {message}")
        else:
            lines.append(f"{where}: {f.rule} {severity}: {message}")
        if chinese and f.message_zh and not zh:
            lines.append(f"    {f.message_zh}")
        if source_line is not None and f.span is not None:
            text = source_line(f.span.start)
            lines.extend(_excerpt(text, f.span.col, f.span.end_col if f.span.end_line == f.span.line else None))
    return "\n".join(lines)


def _excerpt(text: str, col: int, end_col: int | None, width: int = 60) -> list[str]:
    """The source line around ``col`` (at most ``width`` characters) and a caret line under the span."""
    start = max(0, col - 1 - width // 3)
    shown = text[start : start + width]
    caret_at = col - 1 - start
    length = max(1, min((end_col or col) - col + 1, len(shown) - caret_at))
    lead = ("…" if start > 0 else "") + shown + ("…" if start + width < len(text) else "")
    # CJK characters take two columns on a terminal
    pad_cols = sum(2 if _wide(ch) else 1 for ch in ("…" if start > 0 else "") + shown[:caret_at])
    mark_cols = sum(2 if _wide(ch) else 1 for ch in shown[caret_at : caret_at + length]) or 1
    return [f"    | {lead}", f"    | {' ' * pad_cols}{'^' * mark_cols}"]


def _wide(ch: str) -> bool:
    import unicodedata

    return unicodedata.east_asian_width(ch) in ("W", "F")


def format_json(results: Sequence[tuple[str, Sequence[Finding]]]) -> str:
    return json.dumps(
        [{"path": path, "findings": [f.to_dict() for f in findings]} for path, findings in results],
        ensure_ascii=False,
        indent=2,
    )


#: where the rules are documented; SARIF wants an absolute helpUri
RULES_URL = "https://github.com/govtext/govtext/blob/main/docs/rules.md"


def format_sarif(results: Sequence[tuple[str, Sequence[Finding]]], *, lang: str = "en") -> str:
    """A SARIF 2.1.0 log with one run of govtext over every path.

    Each rule carries its documentation (``help.markdown``, from its docstring) and an
    absolute ``helpUri``; each result a ``partialFingerprints`` entry that stays the
    same across runs while the finding does (rule, cell, the numbers it rests on), the
    PDF page in the region's properties, and the message in both languages (``lang``
    chooses which is ``message.text``).  Paths are relative to the working directory
    where the file lies under it, else absolute ``file://`` URIs.
    """
    from .checks import all_rules

    rules = []
    index = {}
    for k, r in enumerate(all_rules()):
        index[r.code] = k
        doc = inspect.getdoc(r) or ""
        rules.append(
            {
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": r.summary()},
                "fullDescription": {"text": doc},
                "help": {"text": doc, "markdown": _rule_markdown(r.code, r.name, doc)},
                "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]},
                "helpUri": f"{RULES_URL}#{r.code.lower()}",
                "properties": {"group": r.group, "tags": [r.group]},
            }
        )
    sarif_results: list[dict[str, Any]] = []
    for path, findings in results:
        uri = _artifact_uri(path)
        for f in findings:
            location: dict[str, Any] = {"physicalLocation": {"artifactLocation": {"uri": uri}}}
            if f.span is not None:
                region: dict[str, Any] = {"startLine": f.span.line, "startColumn": f.span.col}
                if f.span.end_line is not None and f.span.end_col is not None:
                    region |= {"endLine": f.span.end_line, "endColumn": f.span.end_col + 1}
                if f.span.page:
                    region["properties"] = {"page": f.span.page}
                location["physicalLocation"]["region"] = region
            zh = lang == "zh" and bool(f.message_zh)
            result: dict[str, Any] = {
                "ruleId": f.rule,
                "level": _SARIF_LEVEL[f.severity],
                "message": {"text": f.message_zh if zh else f.message},
                "locations": [location],
                "partialFingerprints": {"govtextFinding/v1": _fingerprint(f)},
            }
            if f.rule in index:
                result["ruleIndex"] = index[f.rule]
            props = {
                k: v
                for k, v in (
                    ("observed", f.observed),
                    ("expected", f.expected),
                    ("cell", None if f.cell is None else f.cell.to_dict()),
                    ("message_en", f.message),
                    ("message_zh", f.message_zh),
                )
                if v is not None
            }
            if props:
                result["properties"] = props
            sarif_results.append(result)
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "govtext",
                        "version": __version__,
                        "informationUri": RULES_URL.rsplit("/blob/", 1)[0],
                        "rules": rules,
                    }
                },
                "results": sarif_results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)


def _artifact_uri(path: str) -> str:
    """``path`` relative to the working directory (POSIX separators), or an absolute file URI outside it."""
    from pathlib import Path

    p = Path(path)
    try:
        return p.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return p.resolve().as_uri()


def _fingerprint(f: Finding) -> str:
    """What identifies a finding across runs: its rule, its cell and the numbers it rests on, never its line."""
    import hashlib

    cell = f.cell
    key = [f.rule] + ([cell.table, str(cell.row), str(cell.col)] if cell is not None else ["None"] * 3)
    key += sorted(b.what for b in f.basis)
    if not f.basis and not f.cell:
        key.append(f.message)
    return hashlib.sha256("\x1f".join(key).encode("utf-8")).hexdigest()[:32]


def _rule_markdown(code: str, name: str, doc: str) -> str:
    """A rule's docstring as Markdown: the summary as a heading, the sections as subheadings, examples as code."""
    lines = doc.splitlines()
    out = [f"## {code} `{name}`", "", lines[0] if lines else ""]
    for line in lines[1:]:
        stripped = line.strip()
        if stripped in ("说明", "错误示例", "正确示例") and not line.startswith(" "):
            out += ["", f"### {stripped}", ""]
        else:
            out.append(stripped.replace("``", "`"))
    return "\n".join(out).strip() + "\n"


# --------------------------------------------------------------------------- HTML

_SEV_ORDER = {"error": 0, "warning": 1, "info": 2}
_TABLE_PART = {"t2": 2, "t3": 3, "t4": 4}


def _jinja() -> Any:
    from jinja2 import Environment, PackageLoader, select_autoescape

    return Environment(
        loader=PackageLoader("govtext", "data"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_html(doc: Document | dict[str, Any]) -> str:
    """One self-contained HTML page of a report: text by section, claims, tables, findings.

    ``doc`` is a :class:`~govtext.model.Document`; a record of ``doc.to_dict(detail=True)``
    (a batch's JSON line) is read back with :meth:`Document.from_dict` first.  Every
    string that came from the report is escaped by Jinja2's autoescaping.  The page
    needs no network: CSS and the few lines of script are inline.
    """
    from . import __version__
    from .headings import TITLES
    from .model import Document

    if isinstance(doc, dict):
        doc = Document.from_dict(doc)
    findings = sorted(doc.findings, key=lambda f: _SEV_ORDER.get(f.severity, 3))
    sentences = doc.sentences
    claims_by_sentence: dict[int, list[Claim]] = {}
    for c in doc.claims:
        if c.sentence is not None:
            claims_by_sentence.setdefault(c.sentence, []).append(c)
    tables = _tables_view(doc)
    cell_ids = {t["name"]: t["cell_ids"] for t in tables}
    flags: dict[int, str] = {}
    view_findings = []
    for f in findings:
        target = None
        cell = f.cell
        if cell is not None and cell.table and cell.row and cell.col:
            target = cell_ids.get(cell.table, {}).get((cell.row, cell.col))
        if target is None and cell is not None and cell.table and cell.row:
            target = cell_ids.get(cell.table, {}).get((cell.row, None))
        if target is None and f.span is not None:
            k = _sentence_at(sentences, f.span.start)
            if k is not None:
                target = f"s-{k}"
                flags[k] = min(flags.get(k, f.severity), f.severity, key=_SEV_ORDER.__getitem__)
        if target is None and cell is not None and cell.table in _TABLE_PART:
            target = f"part-{_TABLE_PART[cell.table]}"
        if target is not None and target.startswith("c-"):
            for t in tables:
                for row in t["rows"]:
                    for c in row["cells"]:
                        if c["id"] == target:
                            c["cls"] += f" flag-{f.severity}"
        view_findings.append(
            {
                **f.to_dict(),
                "target": target,
                "observed_text": _show(f.observed),
                "expected_text": _show(f.expected),
                "where": _where(f),
            }
        )
    parts = []
    for number in range(7):
        heading = "标题与前言" if number == 0 else f"{'一二三四五六'[number - 1]}、{TITLES[number]}"
        view = [
            {
                "index": i,
                "section": s.section,
                "topic": s.topic,
                "hover": f"§{s.section} · {s.topic or '—'} · about §{s.about} "
                f"({(s.about_confidence or 0):.0%}) · line {s.span.line}",
                "pieces": _pieces(s.text, claims_by_sentence.get(i, [])),
                "flag": flags.get(i),
                "anchors": [],
            }
            for i, s in enumerate(sentences)
            if (s.section or 0) == number
        ]
        parts.append(
            {
                "number": number,
                "heading": heading,
                "sentences": view,
                "tables": [t for t in tables if _TABLE_PART[t["name"]] == number],
            }
        )
    counts = {sev: sum(1 for f in findings if f.severity == sev) for sev in ("error", "warning", "info")}
    return (
        _jinja()
        .get_template("report.html.j2")
        .render(
            version=__version__,
            title=doc.meta.title or doc.source.path or "report",
            source=doc.source,
            meta=doc.meta,
            counts=counts,
            sections=doc.sections,
            parts=parts,
            tables=tables,
            findings=view_findings,
        )
    )


def _sentence_at(sentences: Sequence[Sentence], start: int) -> int | None:
    for i, s in enumerate(sentences):
        if s.span.start <= start < max(s.span.end, s.span.start + 1):
            return i
    return None


def _pieces(text: str, claims: list[Claim]) -> list[dict[str, Any]]:
    """The sentence cut into plain text and claims (found in order by their text)."""
    out: list[dict[str, Any]] = []
    pos = 0
    for c in claims:
        k = text.find(c.text, pos)
        if k < 0:
            continue
        if k > pos:
            out.append({"text": text[pos:k], "claim": None})
        hover = f"{c.value} {c.unit or ''} · {c.kind or ''}"
        if c.role:
            hover += f" · {c.role}"
        if c.subject:
            hover += f" · {c.subject}"
        out.append({"text": c.text, "claim": hover})
        pos = k + len(c.text)
    if pos < len(text):
        out.append({"text": text[pos:], "claim": None})
    return out


def _show(v: Any) -> str:
    if v is None:
        return "—"
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def _where(f: Finding) -> str:
    out = []
    if f.span is not None:
        out.append(f"line {f.span.line}, col {f.span.col}" + (f", page {f.span.page}" if f.span.page else ""))
    if f.cell is not None and f.cell.table:
        out.append(" / ".join(str(v) for v in (f.cell.table, f.cell.row, f.cell.col) if v))
    return " · ".join(out)


def _tables_view(doc: Document) -> list[dict[str, Any]]:
    """The three tables re-drawn with the template's labels (canonical rows, printed values)."""
    from .tables.schema import T2_COLUMN_LABELS, T2_ROWS, T3_COLUMNS, T3_ROWS, T4_GROUPS, T4_OUTCOMES

    template = doc.meta.template if doc.meta.template in ("2021", "2019") else "2021"
    out: list[dict[str, Any]] = []

    def cell_view(table: Table, row: str, col: str) -> dict[str, Any]:
        value = table.get(row, col)
        c = table.cell(row, col)
        text = "" if value is None else _show(value)
        cls = "blank" if value is None else ""
        hover = f"{table.name} {row}/{col}"
        if c is not None:
            hover += f" · printed {c.text!r}"
            if c.confidence < 1:
                cls += " low"
                hover += f" · confidence {c.confidence}"
            if c.span is not None:
                hover += f" · line {c.span.line}" + (f", page {c.span.page}" if c.span.page else "")
        return {"id": f"c-{table.name}-{row}-{col}".replace(".", "_"), "text": text, "cls": cls.strip(), "hover": hover}

    t3 = doc.tables.get("t3")
    if t3 is not None:
        rows = list(T3_ROWS[template])
        if "other" in t3 and template == "2021":
            rows.insert(len(rows) - 2, next(r for r in T3_ROWS["2019"] if r.key == "other"))
        view_rows = []
        for spec in rows:
            if spec.key not in t3:
                continue
            printed = t3.rows.get(spec.key)
            view_rows.append(
                {
                    "key": spec.key,
                    "label": spec.label,
                    "printed": printed.label if printed is not None else None,
                    "cells": [cell_view(t3, spec.key, k) for k, _ in T3_COLUMNS],
                }
            )
        for extra in t3.extra:
            view_rows.append({"key": "extra", "label": f"{extra.label}（模板外）", "printed": extra.label,
                              "cells": [{"id": "", "text": _show(c.value), "cls": "", "hover": "extra"}
                                        for c in extra.cells]})  # fmt: skip
        out.append({"name": "t3", "caption": "表3 收到和处理政府信息公开申请情况", "corner": "申请人情况",
                    "columns": [label for _, label in T3_COLUMNS], "rows": view_rows})  # fmt: skip
    t4 = doc.tables.get("t4")
    if t4 is not None:
        out.append(
            {
                "name": "t4",
                "caption": "表4 政府信息公开行政复议、行政诉讼情况",
                "corner": "",
                "columns": [label for _, label in T4_OUTCOMES],
                "rows": [
                    {"key": g, "label": label, "printed": None,
                     "cells": [cell_view(t4, g, o) for o, _ in T4_OUTCOMES]}
                    for g, label in T4_GROUPS
                ],
            }
        )  # fmt: skip
    t2 = doc.tables.get("t2")
    if t2 is not None:
        cols: list[str] = []
        for spec in T2_ROWS[template]:
            cols.extend(c for c in spec.columns if c not in cols)
        out.append(
            {
                "name": "t2",
                "caption": "表2 主动公开政府信息情况",
                "corner": "信息内容",
                "columns": [T2_COLUMN_LABELS[c] for c in cols],
                "rows": [
                    {"key": spec.key, "label": spec.label, "printed": None,
                     "cells": [cell_view(t2, spec.key, c)
                               if c in spec.columns else {"id": "", "text": "", "cls": "blank", "hover": ""}
                               for c in cols]}
                    for spec in T2_ROWS[template] if spec.key in t2
                ],
            }
        )  # fmt: skip
    for t in out:
        t["cell_ids"] = {}
        for row in t["rows"]:
            for c, key in zip(row["cells"], _col_keys(t["name"], template), strict=False):
                if c["id"]:
                    t["cell_ids"][(row["key"], key)] = c["id"]
            first = next((c["id"] for c in row["cells"] if c["id"]), None)
            if first:
                t["cell_ids"].setdefault((row["key"], None), first)
    out.sort(key=lambda t: t["name"])
    return out


def _col_keys(name: str, template: str) -> list[str]:
    from .tables.schema import T2_ROWS, T3_COLUMN_KEYS, T4_OUTCOME_KEYS

    if name == "t3":
        return list(T3_COLUMN_KEYS)
    if name == "t4":
        return list(T4_OUTCOME_KEYS)
    cols: list[str] = []
    for spec in T2_ROWS[template]:
        cols.extend(c for c in spec.columns if c not in cols)
    return cols


#: each body's chain of key figures over the years: key, Chinese and English label, colour, and the
#: table cells it is (several cells: their sum, only when every one of them was read)
_FIGURES: tuple[tuple[str, str, str, str, tuple[tuple[str, str, str], ...]], ...] = (
    ("carried_over", "上年结转", "carried over", "#8e24aa", (("t3", "carried_over", "total"),)),
    ("new_received", "本年新收申请", "new applications", "#3949ab", (("t3", "new_received", "total"),)),
    ("handled", "办理结果总计", "applications handled", "#546e7a", (("t3", "total", "total"),)),
    ("carried_forward", "结转下年度", "carried forward", "#00897b", (("t3", "carried_forward", "total"),)),
    ("review", "行政复议", "administrative reviews", "#6d4c41", (("t4", "review", "total"),)),
    ("litigation", "行政诉讼", "lawsuits", "#c0ca33",
     (("t4", "litigation_direct", "total"), ("t4", "litigation_after_review", "total"))),
    ("docs_made", "规范性文件制发", "normative documents made", "#fb8c00", (("t2", "normative_docs", "made"),)),
    ("docs_repealed", "规范性文件废止", "normative documents repealed", "#e53935",
     (("t2", "normative_docs", "repealed"),)),
    ("in_force", "现行有效规范性文件", "normative documents in force", "#f4511e",
     (("t2", "normative_docs", "in_force"),)),
)  # fmt: skip


@dataclass(frozen=True)
class DashboardRow:
    """What the dashboard keeps of one report (small: one per report of the corpus).

    ``figures`` are the key figures of :data:`_FIGURES` (``None`` where a cell was
    not read); ``unsure`` names those resting on a cell not read with certainty (a
    table rebuilt from a record saved without ``table_detail`` does not say how its
    cells were read: none is marked).  ``error`` is the error type of a file that could
    not be read (and everything else empty).
    """

    name: str
    path: str
    title: str | None = None
    link: str | None = None
    error: str | None = None
    body: str | None = None
    year: int | None = None
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    figures: dict[str, int | float | None] = field(default_factory=dict)
    unsure: tuple[str, ...] = ()

    @classmethod
    def of(cls, doc: Document, link: str | None = None) -> DashboardRow:
        """The row of an analysed report."""
        from pathlib import Path

        from .corpus import body_name
        from .tables.schema import CERTAIN

        path = doc.source.path or "?"
        figures: dict[str, int | float | None] = {}
        unsure: list[str] = []
        for key, _, _, _, cells in _FIGURES:
            values, hows = [], []
            for t, row, col in cells:
                table = doc.tables.get(t)
                cell = None if table is None else table.cell(row, col)
                values.append(None if cell is None else cell.value)
                hows.append(None if cell is None else cell.how)
            numbers = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
            figures[key] = sum(numbers) if len(numbers) == len(values) else None
            if figures[key] is not None and any(h not in CERTAIN and h != "recorded" for h in hows):
                unsure.append(key)
        severities = Counter(f.severity for f in doc.findings)
        return cls(
            name=Path(path).name,
            path=path,
            title=doc.meta.title,
            link=link,
            body=body_name(doc.meta.agency, doc.source.path),
            year=doc.meta.year,
            errors=severities["error"],
            warnings=severities["warning"],
            infos=severities["info"],
            figures=figures,
            unsure=tuple(unsure),
        )

    @classmethod
    def failed(cls, record: dict[str, Any], error: str | None = None) -> DashboardRow:
        """The row of a file that could not be read (a batch's error record), or of a record that cannot be
        read back (``error``: the type of the error that says so)."""
        from pathlib import Path

        src = record.get("source")
        path = (src.get("path") if isinstance(src, dict) else None) or "?"
        if error is None:
            err = record.get("error")
            error = str(err.get("type")) if isinstance(err, dict) else "error"
        return cls(name=Path(path).name, path=path, error=error)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["unsure"] = list(self.unsure)
        return d


def dashboard_row(record: Document | dict[str, Any], link: str | None = None) -> DashboardRow:
    """The dashboard's row of a report: a :class:`~govtext.model.Document`, or a batch record (read back with
    :meth:`Document.from_dict <govtext.model.Document.from_dict>`; an error record gives the row of a failure)."""
    doc = record if isinstance(record, Document) else read_back(record)
    return doc if isinstance(doc, DashboardRow) else DashboardRow.of(doc, link)


def read_back(record: dict[str, Any]) -> Document | DashboardRow:
    """A batch record's :class:`~govtext.model.Document`, or, for a file that could not be read (an error
    record) or a line of the output that cannot be read back (``InvalidRecordError``), its dashboard row."""
    from .errors import InvalidRecordError

    if "error" in record:
        return DashboardRow.failed(record)
    try:
        return Document.from_dict(record)
    except InvalidRecordError:
        return DashboardRow.failed(record, InvalidRecordError.__name__)


def _rule_labels() -> dict[str, dict[str, str]]:
    """Each rule's name and one-line summaries, by code (the bars of the dashboard show them)."""
    from .checks.base import all_rules

    return {r.code: {"name": r.name, "zh": r.summary("zh"), "en": r.summary("en")} for r in all_rules()}


def _year_ticks(first: int, last: int) -> list[int]:
    """The years labelled under an axis from ``first`` to ``last``: every one, or every 2nd or 5th, and the last."""
    span = last - first
    step = 1 if span <= 10 else 2 if span <= 20 else 5
    ticks = list(range(first, last + 1, step))
    if ticks[-1] != last:
        if last - ticks[-1] < step:  # too close to label both
            ticks.pop()
        ticks.append(last)
    return ticks


def _body_chain(body: str, rs: list[DashboardRow]) -> dict[str, Any] | None:
    """One body's key figures over the years: the chart (true year axis, gaps not bridged) and the table.

    The axis runs from the first to the last year with a key figure; every calendar
    year between has its place, so 2022→2024 is twice 2021→2022.  A line joins only
    consecutive years that both have the figure; a year without a report is shaded.
    """
    by_year: dict[int, DashboardRow] = {}
    for r in sorted(rs, key=lambda r: r.name):
        if r.year is not None:
            by_year.setdefault(r.year, r)  # two reports of one year: the first by name (both are in the table below)
    with_data = sorted(y for y, r in by_year.items() if any(v is not None for v in r.figures.values()))
    if len(with_data) < 2:
        return None
    first, last = with_data[0], with_data[-1]
    years = list(range(first, last + 1))
    earlier = sorted(y for y in by_year if y < first)
    present = [by_year[y] for y in years if y in by_year]
    shown = [f for f in _FIGURES if any(r.figures.get(f[0]) is not None for r in present)]
    width, left, right, band, top_pad, axis = 600, 150, 24, 46, 8, 22
    plot = width - left - right

    def x(year: int) -> float:
        return round(left + plot * (year - first) / (last - first), 1)

    bands, rows = [], []
    for i, (key, zh, en, colour, _) in enumerate(shown):
        y0 = top_pad + i * band
        cells: list[dict[str, Any]] = []
        for year in years:
            rec = by_year.get(year)
            v = rec.figures.get(key) if rec else None
            cells.append({"year": year, "report": rec is not None, "value": v,
                          "unsure": rec is not None and key in rec.unsure})  # fmt: skip
        top = max((c["value"] for c in cells if c["value"] is not None), default=0) or 1

        def y(v: float, y0: int = y0, top: float = top) -> float:
            return round(y0 + band - 12 - (band - 20) * v / top, 1)

        dots = [{"x": x(c["year"]), "y": y(c["value"]), **c} for c in cells if c["value"] is not None]
        runs: list[list[dict[str, Any]]] = []
        for d in dots:  # consecutive years only: a missing year or value breaks the line
            if runs and runs[-1][-1]["year"] == d["year"] - 1:
                runs[-1].append(d)
            else:
                runs.append([d])
        lines = [" ".join(f"{d['x']},{d['y']}" for d in run) for run in runs if len(run) > 1]
        bands.append({"key": key, "zh": zh, "en": en, "colour": colour, "y0": y0, "base": y0 + band - 12,
                      "top": top, "dots": dots, "lines": lines})  # fmt: skip
        rows.append({"key": key, "zh": zh, "en": en, "cells": cells})
    height = top_pad + len(shown) * band + axis
    return {
        "body": body,
        "first": first,
        "last": last,
        "earlier": earlier,
        "width": width,
        "height": height,
        "left": left,
        "right": width - right,
        "axis_y": top_pad + len(shown) * band,
        "half": round(plot / (last - first) / 2, 1),
        "years": [
            {"year": y, "x": x(y), "report": y in by_year, "label": y in _year_ticks(first, last)} for y in years
        ],
        "bands": bands,
        "rows": rows,
    }


def render_dashboard(summary: dict[str, Any], rows: Sequence[DashboardRow], cross: Sequence[CrossReportFinding]) -> str:
    """The corpus dashboard: one self-contained page (inline CSS, SVG and a short script of ours; nothing fetched).

    Findings by rule (code, name and summary) and by body, the worst reports with
    links to their pages, each body's chain of key figures over the years (a chart
    on a true year axis and a table), the cross-report findings, and every report in
    a table that the script sorts by any column and filters (text, severity, year);
    without script the table is all there, in input order.
    """
    from . import __version__

    def bars(counts: dict[str, int], limit: int = 40) -> list[dict[str, Any]]:
        items = sorted(counts.items(), key=lambda kv: -kv[1])[:limit]
        top = max((n for _, n in items), default=1) or 1
        return [{"label": k, "n": n, "w": max(1, round(85 * n / top))} for k, n in items]  # room for the count

    by_body: dict[str, list[DashboardRow]] = {}
    for r in rows:
        if r.body and r.year:
            by_body.setdefault(r.body, []).append(r)
    bodies = [c for body, rs in sorted(by_body.items()) if (c := _body_chain(body, rs)) is not None]
    by_path = {r.path: r for r in rows if r.path}
    worst = []
    for w in summary.get("worst_reports", []):
        found = by_path.get(w["path"])
        worst.append({"path": w["path"], "errors": w["errors"], "name": found.name if found else w["path"],
                      "link": found and found.link, "body": found and found.body, "year": found and found.year,
                      "title": found and found.title})  # fmt: skip
    env = _jinja()
    template = env.get_template("dashboard.html.j2")
    return template.render(
        version=__version__,
        summary=summary,
        rules=_rule_labels(),
        by_rule=bars(summary.get("findings_by_rule", {})),
        by_body=bars(summary.get("findings_by_body", {})),
        bodies=bodies,
        worst=worst,
        cross=cross,
        reports=rows,
        years=sorted({r.year for r in rows if r.year}),
    )
