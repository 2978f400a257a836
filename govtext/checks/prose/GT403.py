from __future__ import annotations

import re
from collections.abc import Iterator

from ...model import Document, Finding
from ..base import Rule, claim_basis
from . import clause_before

_PREVIOUS = re.compile(r"上年|去年|上一年|同期|比上年|较上年")
_DOWN = re.compile(r"下降|减少|降低|回落|下滑")
_UP = re.compile(r"增长|增加|上升|提高|提升|增幅")


class ChangeInconsistent(Rule):
    """A year-on-year change (同比增长/下降 N%) does not agree with the two years' figures stated beside it.

    说明
        Where a sentence states this year's figure, last year's figure and the change
        between them (收到申请120件，上年100件，同比增长20%), the change must be
        (this − last) / last, within the rounding of the printed percentage.  A change
        stated as a rise while the figures fall (or the reverse) is reported too.

    中文
        同比增长或下降的幅度（同比增长/下降N%）与旁边所述的两年数字不符。

        一句话中写明本年数字、上年数字以及二者之间的变化（收到申请120件，上年100件，同比增长20%）时，
        变化幅度必须等于（本年−上年）÷上年，允许印出百分比的四舍五入误差。数字下降却写成增长（或相反），
        同样报告。只检查一句话中只有一个百分比变化、上年数字带有“上年”“去年”“同期”“较上年”等字样的情形；
        带“余”“约”等字样的数字、上年为0或读取把握不大的，不检查。该项为错误。

    错误示例
        ``收到申请120件，上年为100件，同比增长25%`` ((120 − 100) / 100 = 20 %).

    正确示例
        ``收到申请120件，上年为100件，同比增长20%``
    """

    code = "GT403"
    name = "prose.change_inconsistent"
    severity = "error"
    group = "prose"

    def check(self, doc: Document) -> Iterator[Finding]:
        by_sentence: dict[int, list] = {}
        for c in doc.claims:
            if c.sentence is not None:
                by_sentence.setdefault(c.sentence, []).append(c)
        for claims in by_sentence.values():
            changes = [c for c in claims if c.kind == "change" and c.unit in ("%", "％")]
            if len(changes) != 1:
                continue
            change = changes[0]
            # this year's figure, then last year's, then the change: 受理60件，较上年的48件同比增长25%
            before = [c for c in claims if c.kind == "count" and c.unit and c.span.start < change.span.start]
            if len(before) < 2 or before[-1].unit != before[-2].unit:
                continue
            this, last = before[-2], before[-1]
            if not _PREVIOUS.search(clause_before(doc, last) + (last.subject or "")):
                continue
            if not last.value or any(c.confidence < 1 or c.qualifier for c in (this, last, change)):
                continue
            words = clause_before(doc, change, 12) + (change.subject or "")
            sign = -1 if _DOWN.search(words) else 1 if _UP.search(words) else 0
            if sign == 0:
                continue
            actual = (this.value - last.value) / last.value * 100
            decimals = len(change.text.split(".")[1].rstrip("%％")) if "." in change.text else 0
            tolerance = 0.5 * 10**-decimals + 1e-9
            if abs(sign * change.value - actual) > tolerance:
                yield self.finding(
                    f"the change {change.text} does not agree with {this.text} against {last.text} ({actual:+.2f} %)",
                    zh=f"变化幅度{change.text}与{this.text}、上年{last.text}不符（实际{actual:+.2f}%）",
                    span=change.span,
                    observed=sign * change.value,
                    expected=round(actual, 2),
                    basis=tuple(claim_basis(c) for c in (this, last, change)),
                )
