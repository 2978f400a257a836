"""Rendering findings for people and for tools: text, JSON and SARIF 2.1.0.

Text is one line per finding, as linters print them::

    report.docx:12:1: GT102 warning section 3 (…) has a heading but nothing under it: its table is missing

JSON is a list of ``{"path", "findings"}`` objects (each finding as in
``docs/interface.md``); SARIF is the OASIS format code-scanning tools read, with
every rule's documentation from ``docs/rules.md`` in ``tool.driver.rules``.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Sequence
from typing import Any

from . import __version__
from .model import Finding

_SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def format_text(path: str, findings: Sequence[Finding]) -> str:
    """``path:line:col: CODE severity message`` lines."""
    lines = []
    for f in findings:
        where = f"{path}:{f.span.line}:{f.span.col}" if f.span else f"{path}:1:1"
        if f.span is not None and f.span.page:
            where += f" (page {f.span.page})"
        lines.append(f"{where}: {f.rule} {f.severity} {f.message}")
    return "\n".join(lines)


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
