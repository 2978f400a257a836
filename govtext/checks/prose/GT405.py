from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ...model import Document, Finding
from ..base import Rule

# a year that opens a clause: "2023年，" "2023年以来" "2023年度，"
_YEAR_OPENING = re.compile(r"(?:^|[。；，\n])\s*((?:19|20)\d{2})\s*年(?:度)?(?:[，,]|以来|全年|内|我|本|共|，)")
#: a year that dates something: a date (2032年11月), a statement (2032年，… / 截至2032年底); not a target or the
#: end of a period (到2035年, 2035年远景目标, 规划（2021—2025年）), which may well lie years ahead
_DATED_YEAR = re.compile(
    r"(?<![\d〔\[（(第号到~～—－-])(?<!(?<!截)至)((?:19|20)\d{2})\s*年"
    r"(?=\s*\d{1,2}\s*月|度?\s*[，,。；]|以来|全年|底|初|末|上半年|下半年|期间|内[，,]?[我本共])"
)
_FUTURE = re.compile(r"将|计划|拟|下一步|明年|下一年")


class YearMismatch(Rule):
    """Years in the body do not fit the report's year.

    说明
        A report covers one calendar year, named in its title.  Three slips are common
        when last year's report is used as a template: more of the body's statements open
        with another year (2022年，本机关…) than with the report's own; a year after the next one
        dates something (a typo such as 2032年11月 or 2032年，…; a target or the end of a plan's
        period, 到2035年, 2035年远景目标, （2021—2025年）, is not one); and the improvement plans of section 五 are
        dated the report year itself (2016年，我们将…) instead of the next year.

    中文
        正文中的年份与报告年度不符。

        一份报告涵盖一个日历年度，年度在标题中写明。以上年报告为底稿修改时，常见三种疏漏：
        正文中以其他年份开头的表述（2022年，本机关……）多于以报告年度开头的（至少两处）；
        以晚于报告年度下一年的年份记事（如“2032年11月”“2032年，……”这样的笔误；“到2035年”“2035年远景目标”
        “（2021—2025年）”等目标或规划期限不算）；第五部分的改进计划写的是报告年度本身
        （2016年，我们将……），而不是下一年度。无法确定报告年度时不检查。该项为警告。

    错误示例
        Title ``…2023年政府信息公开工作年度报告``, body ``2022年，本机关坚持…``.

    正确示例
        Body ``2023年，本机关坚持…``; plans ``2024年，我们将…``.
    """

    code = "GT405"
    name = "prose.year_mismatch"
    severity = "warning"
    group = "prose"

    def check(self, doc: Document) -> Iterator[Finding]:
        year = doc.meta.year
        if year is None or doc.structure is None or not doc.structure.is_report:
            return
        body = [s for s in doc.sentences if (s.section or 0) >= 1]
        openings: Counter[int] = Counter()
        first_span: dict[int, object] = {}
        for s in body:
            for m in _YEAR_OPENING.finditer(s.text):
                y = int(m.group(1))
                openings[y] += 1
                first_span.setdefault(y, s.span)
        if openings:
            ((top, n),) = openings.most_common(1)
            if top != year and n >= 2 and n > openings[year]:
                yield self.finding(
                    f"the body's statements are dated {top} ({n} times), the title's year is {year}",
                    zh=f"正文叙述多处以{top}年开头（{n}处），标题年份却为{year}年",
                    span=first_span[top],  # type: ignore[arg-type]
                    observed=top,
                    expected=year,
                )
        for s in body:
            for m in _DATED_YEAR.finditer(s.text):
                y = int(m.group(1))
                if y > year + 1 and s.text.count("《", 0, m.start()) <= s.text.count("》", 0, m.start()):
                    yield self.finding(
                        f"the year {y} lies after the report's year {year} and the next",
                        zh=f"正文出现{y}年，晚于报告年度{year}年及其下一年",
                        span=s.span,
                        observed=y,
                        expected=f"<= {year + 1}",
                    )
        for s in body:
            if s.section != 5:
                continue
            dated = re.match(r"\s*(?:[（(]?[一二三四五六七八九十\d]+[)）、.]\s*)?((?:19|20)\d{2})\s*年", s.text)
            if dated and int(dated.group(1)) == year and _FUTURE.search(s.text[dated.end() : dated.end() + 30]):
                yield self.finding(
                    f"plans for the coming year are dated {year}, the report's own year",
                    zh=f"改进计划写为{year}年，即报告年度本身，应为下一年度",
                    span=s.span,
                    observed=year,
                    expected=year + 1,
                )
