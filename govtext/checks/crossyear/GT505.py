from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from typing import Any

from ...model import CrossReportFinding
from ..base import CorpusRule


class YearMissing(CorpusRule):
    """A body's reports skip a year: the years on either side of the gap are not compared.

    说明
        The cross-year rules compare a report with the same body's report of the year
        before (GT501, GT502, GT504).  Where the corpus holds reports of a body for 2022
        and 2024 but none for 2023, 2024 is not compared with 2022 as if it were the year
        before: the gap is reported, naming the reports on either side, so that a missing
        year is seen rather than bridged.  The report may not have been published, or not
        collected.  Information only.

    中文
        某机关的报告缺少某一年度：缺口两侧的年度不作比较。

        跨年度规则把一份报告与同一机关上一年度的报告比较（GT501、GT502、GT504）。语料中
        某机关有2022年和2024年的报告而没有2023年的，2024年不会当作紧接2022年来比较：
        本规则报告这一缺口，并列出缺口两侧的报告，使缺失的年度一目了然，而不是被悄悄跨过。
        报告可能没有公开，也可能没有收集到。仅作提示。

    错误示例
        pingtan_2022.txt and pingtan_2024.txt, no report for 2023.

    正确示例
        Reports for 2022, 2023 and 2024.
    """

    code = "GT505"
    name = "crossyear.year_missing"
    severity = "info"
    group = "crossyear"

    def check_corpus(self, body: str, reports: list[dict[str, Any]]) -> Iterator[CrossReportFinding]:
        first: dict[int, dict[str, Any]] = {}
        for r in reports:
            first.setdefault(r["year"], r)
        years = sorted(first)
        for a, b in pairwise(years):
            if b - a <= 1:
                continue
            missing = list(range(a + 1, b))
            shown = ", ".join(map(str, missing))
            shown_zh = "、".join(f"{y}年" for y in missing)
            yield self.record(
                body,
                [first[a], first[b]],
                f"{body}: no report for {shown} between {first[a]['path']} ({a}) and {first[b]['path']} ({b}); "
                f"{b} is not compared with {a}",
                f"{body}：{a}年报告（{first[a]['path']}）与{b}年报告（{first[b]['path']}）之间缺少{shown_zh}的报告，"
                f"{b}年不与{a}年比较",
                observed=missing,
                expected=None,
                missing=missing,
            )
