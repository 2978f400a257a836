from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...corpus import consecutive
from ...model import CrossReportFinding, ReportCell
from ..base import CorpusRule

_ROWS = {"regulations": "规章", "normative_docs": "行政规范性文件"}


class InForceMismatch(CorpusRule):
    """Documents in force this year are not last year's plus those made minus those repealed.

    说明
        Table 2 (2021 template) counts 规章 and 行政规范性文件: 本年制发, 本年废止 and
        现行有效.  Across years: 现行有效[y] = 现行有效[y − 1] + 本年制发[y] − 本年废止[y].
        A difference means a cell of one of the two reports is wrong, or the documents were
        re-counted (a clean-up of the catalogue), which the report should explain.

    中文
        本年现行有效件数不等于上年现行有效件数加本年制发件数、减本年废止件数。

        表二（2021年格式）统计规章和行政规范性文件的本年制发件数、本年废止件数和现行有效件数。
        跨年度应有：第y年现行有效件数 = 第y−1年现行有效件数 + 第y年本年制发件数 − 第y年本年废止件数。
        不相等说明两份报告中有单元格填错，或者文件经过重新清理统计（目录清理），报告应予说明。
        本规则在批量处理（govtext batch）中对同一机关相邻年度的报告运行，只作警告；
        四个数字中任一未读到时不检查。

    错误示例
        2024: 现行有效 440; 2025: 制发 58, 废止 45, 现行有效 546 (440 + 58 − 45 = 453).

    正确示例
        2021: 现行有效 665; 2022: 制发 88, 废止 55, 现行有效 698.
    """

    code = "GT502"
    name = "crossyear.in_force"
    severity = "warning"
    group = "crossyear"

    def check_corpus(self, body: str, reports: list[dict[str, Any]]) -> Iterator[CrossReportFinding]:
        for prev, cur in consecutive(reports):
            t2p, t2c = prev.get("t2") or {}, cur.get("t2") or {}
            for row, label in _ROWS.items():
                a, b = t2p.get(row) or {}, t2c.get(row) or {}
                before, made, repealed, now = a.get("in_force"), b.get("made"), b.get("repealed"), b.get("in_force")
                if before is None or made is None or repealed is None or now is None:
                    continue
                expected = before + made - repealed
                if expected == now:
                    continue
                yield self.record(
                    body,
                    [prev, cur],
                    f"{body}: {label} in force in {cur['year']} is {now}, but {prev['year']}'s {before} + {made} made "
                    f"- {repealed} repealed = {expected}",
                    f"{body}：{cur['year']}年{label}现行有效{now}件，而{prev['year']}年现行有效{before}件"
                    f"加本年制发{made}件减废止{repealed}件应为{expected}件",
                    observed=now,
                    expected=expected,
                    cells=[
                        ReportCell(prev["path"], "t2", row, "in_force"),
                        ReportCell(cur["path"], "t2", row, "in_force"),
                    ],
                )
