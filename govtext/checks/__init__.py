"""Checks: small rules, one per file, each with a stable code and its documentation in its docstring.

Rules live in ``govtext/checks/<group>/<CODE>.py`` (sqlfluff's layout): a
:class:`Rule` subclass whose docstring has a one-line summary, then 说明 (what it
checks and why), 错误示例 and 正确示例.  ``docs/rules.md`` is generated from
those docstrings (``python -m govtext.checks > docs/rules.md``), so the code and
its documentation cannot drift.

>>> from govtext.checks import all_rules
>>> [r.code for r in all_rules()][:2]
['GT100', 'GT101']
"""

from __future__ import annotations

from .base import CorpusRule, Rule, all_rules, render_docs, run_checks, run_cross_checks

__all__ = ["CorpusRule", "Rule", "all_rules", "render_docs", "run_checks", "run_cross_checks"]
