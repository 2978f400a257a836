"""Every rule is documented, and docs/rules.md is what its docstrings generate."""

from __future__ import annotations

import inspect
import re

from govtext.checks import all_rules, render_docs
from tests.conftest import ROOT


def test_rules_md_is_generated_from_docstrings() -> None:
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == render_docs(), (
        "docs/rules.md is stale: run `python -m govtext.checks > docs/rules.md`"
    )


def test_every_rule_has_code_severity_and_documentation() -> None:
    codes = set()
    for rule in all_rules():
        assert re.fullmatch(r"GT\d{3}", rule.code)
        assert rule.code not in codes
        codes.add(rule.code)
        assert rule.severity in ("error", "warning", "info")
        doc = inspect.getdoc(rule) or ""
        for part in ("说明", "错误示例", "正确示例"):
            assert part in doc, f"{rule.code} docstring lacks {part}"
        assert rule.__module__.endswith(rule.code), "one rule per file, named by its code"
