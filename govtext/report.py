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
from collections.abc import Callable, Sequence
from typing import Any

from . import __version__
from .model import Finding

_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def format_text(
    path: str,
    findings: Sequence[Finding],
    source_line: Callable[[int], str] | None = None,
    *,
    chinese: bool = False,
) -> str:
    """Compiler-style lines, ``path:line:col: CODE severity: message``.

    With ``source_line`` (offset -> the source line holding it, e.g.
    :meth:`Extraction.source_line <govtext.io.base.Extraction.source_line>`) each
    finding is followed by its source line and a caret under the place.  A PDF
    location names the page: ``path:line:col (page 4)``; ``chinese`` adds the
    Chinese message on a line of its own.
    """
    lines = []
    for f in findings:
        where = f"{path}:{f.span.line}:{f.span.col}" if f.span else f"{path}:1:1"
        if f.span is not None and f.span.page:
            where += f" (page {f.span.page})"
        lines.append(f"{where}: {f.rule} {f.severity}: {f.message}")
        if chinese and f.message_zh:
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


def format_sarif(results: Sequence[tuple[str, Sequence[Finding]]]) -> str:
    """A SARIF 2.1.0 log with one run of govtext over every path."""
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
                "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]},
                "helpUri": f"docs/rules.md#{r.code.lower()}",
            }
        )
    sarif_results: list[dict[str, Any]] = []
    for path, findings in results:
        for f in findings:
            location: dict[str, Any] = {"physicalLocation": {"artifactLocation": {"uri": path}}}
            if f.span is not None:
                region = {"startLine": f.span.line, "startColumn": f.span.col}
                if f.span.end_line is not None and f.span.end_col is not None:
                    region |= {"endLine": f.span.end_line, "endColumn": f.span.end_col + 1}
                location["physicalLocation"]["region"] = region
            result: dict[str, Any] = {
                "ruleId": f.rule,
                "level": _SARIF_LEVEL[f.severity],
                "message": {"text": f.message},
                "locations": [location],
            }
            if f.rule in index:
                result["ruleIndex"] = index[f.rule]
            props = {
                k: v for k, v in (("observed", f.observed), ("expected", f.expected), ("cell", f.cell)) if v is not None
            }
            if props:
                result["properties"] = props
            sarif_results.append(result)
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "govtext", "version": __version__, "rules": rules}},
                "results": sarif_results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)
