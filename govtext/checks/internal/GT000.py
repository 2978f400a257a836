from __future__ import annotations

from collections.abc import Iterator

from ...model import Document, Finding
from ..base import Rule


class RuleFailed(Rule):
    """A rule failed on this report (a bug of govtext's); its findings are missing, the others are not.

    说明
        When one rule raises an exception, :func:`~govtext.checks.run_checks` records it
        as this finding, naming the rule and the exception, and goes on with the other
        rules (and, in ``govtext lint`` and ``govtext batch``, with the other files).  It is a
        warning, never an error: it says nothing about the report, only that one check
        could not be made.  Please report it with the file that caused it.

    中文
        某条规则在检查这份报告时出错（govtext自身的缺陷），该规则的检查结果缺失，其他规则不受影响。

        某条规则运行时抛出异常时，govtext把它记为本条提示，写明是哪条规则、出了什么异常，然后继续运行其他规则
        （在govtext lint和govtext batch中也继续检查其他文件）。它只是警告，不会作为错误：它不说明报告本身有问题，
        只说明有一项检查没能完成。请连同引发问题的文件一起报告给govtext的开发者。

    错误示例
        ``GT404 failed: ZeroDivisionError: division by zero`` on one report.

    正确示例
        No GT000 finding: every rule ran to its end.
    """

    code = "GT000"
    name = "internal.rule_failed"
    severity = "warning"
    group = "internal"

    def check(self, doc: Document) -> Iterator[Finding]:
        return iter(())  # made by run_checks when another rule raises

    def failed(self, rule: type[Rule], exc: BaseException) -> Finding:
        """The finding that says ``rule`` raised ``exc``."""
        detail = f"{type(exc).__name__}: {exc}"[:300]
        return self.finding(
            f"rule {rule.code} ({rule.name}) failed on this report and was skipped ({detail}); "
            "this is a bug of govtext's, please report it with the file",
            zh=f"规则{rule.code}（{rule.name}）检查本报告时出错，已跳过（{detail}）；这是govtext的缺陷，请连同文件一起报告",
            observed=rule.code,
        )
