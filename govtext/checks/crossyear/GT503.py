from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations
from typing import Any

from ...corpus import similarity
from ...model import CrossReportFinding
from ..base import CorpusRule

#: A section counts as copied at this estimated similarity of its prose (digits masked).
SECTION_SIMILARITY = 0.85
#: … when it has at least this many characters (short boilerplate sections are alike anyway).
MIN_CHARS = 200
TITLES = {1: "总体情况", 2: "主动公开", 3: "依申请公开", 4: "复议诉讼", 5: "问题及改进", 6: "其他事项"}


class CopiedReport(CorpusRule):
    """A report's prose or tables are identical or nearly identical to another year's report of the same body.

    说明
        Reports are often written by editing last year's; some are not edited enough —
        the same 存在的主要问题及改进情况 year after year, or the tables of the year before.
        The prose of each section is compared (MinHash over 5-character shingles with the
        digits masked, so a copy with new numbers still matches); a section of at least 200
        characters at an estimated similarity of 0.85 or more, or tables 3 and 4 with the
        same values (not all zero), are reported with the similarity and the parts.

    中文
        某份报告的正文或表格与同一机关另一年度的报告相同或几乎相同。

        报告常在上年报告的基础上修改，有的改得不够——“存在的主要问题及改进情况”年年相同，
        或沿用上一年的表格。逐部分比较正文（把数字屏蔽后按连续5个字切片，用MinHash估计相似度，
        因此只换了数字的照搬仍能发现）：两份报告中都不少于200字的部分，估计相似度达到0.85及以上，
        或表三、表四的数值完全相同（且不全为0），即予报告，并给出相似度和雷同的部分；
        两份文件完全相同的也报告。本规则在批量处理（govtext batch）中对同一机关各年度的报告两两比较，
        只作警告。

    错误示例
        2023 and 2024 reports whose sections 一 and 五 differ only in their numbers.

    正确示例
        A section 五 that reports this year's problems and measures.
    """

    code = "GT503"
    name = "crossyear.copied_report"
    severity = "warning"
    group = "crossyear"

    def check_corpus(self, body: str, reports: list[dict[str, Any]]) -> Iterator[CrossReportFinding]:
        for a, b in combinations(reports, 2):
            if a.get("sha256") and a.get("sha256") == b.get("sha256"):
                parts = {"whole report": 1.0}
            else:
                parts = {}
                for n in sorted(set(a["sections"]) & set(b["sections"])):
                    if min(a["section_chars"].get(n, 0), b["section_chars"].get(n, 0)) < MIN_CHARS:
                        continue
                    s = similarity(a["sections"][n], b["sections"][n])
                    if s is not None and s >= SECTION_SIMILARITY:
                        parts[f"section {n} ({TITLES[n]})"] = round(s, 2)
                values = a.get("tables_values")
                if values and values == b.get("tables_values") and any(v for v in values):
                    parts["tables 3 and 4"] = 1.0
            if not parts:
                continue
            overall = similarity(a.get("all"), b.get("all"))
            what = ", ".join(f"{k} {v:.0%}" for k, v in parts.items())
            yield self.record(
                body,
                [a, b],
                f"{body}: the {b['year']} report repeats the {a['year']} report ({what}"
                f"{'' if overall is None else f'; whole text {overall:.0%}'})",
                f"{body}：{b['year']}年报告与{a['year']}年报告雷同（{what}）",
                observed=parts,
                expected=None,
                similarity=overall,
                parts=parts,
            )
