from __future__ import annotations

from collections.abc import Iterator

from ...model import Document, Finding
from ..base import Rule, claim_basis


class RateInconsistent(Rule):
    """A rate is outside 0–100 %, or does not agree with the numerator and denominator stated beside it.

    说明
        A rate (办结率, 答复率, 占比) is a share: between 0 and 100 %.  Where the prose
        states both counts (受理117件，办结117件，办结率100%), or the share of a listed item in
        its total (在…的1913条信息中，…行政许可类145条，占7.58%), the rate must be their ratio,
        within one unit of the last printed digit (reports round or cut off).  Growth figures (同比增长150%)
        are changes, not rates, and are checked by GT403.

    错误示例
        ``受理117件，办结171件，办结率100%`` (171/117 = 146 %).

    正确示例
        ``受理171件，办结171件，办结率100%``
    """

    code = "GT402"
    name = "prose.rate_inconsistent"
    severity = "error"
    group = "prose"

    def check(self, doc: Document) -> Iterator[Finding]:
        claims = doc.claims
        for i, rate in enumerate(claims):
            if rate.kind != "rate" or rate.unit not in ("%", "％") or rate.confidence < 1:
                continue
            if not 0 <= rate.value <= 100:
                yield self.finding(
                    f"the rate {rate.text} is outside 0–100 %",
                    zh=f"比率{rate.text}超出0–100%的范围",
                    span=rate.span,
                    observed=rate.value,
                    expected="0-100",
                    basis=(claim_basis(rate),),
                )
                continue
            num = next((c for c in claims if c.role == "numerator" and c.parent == i), None)
            den = next((c for c in claims if c.role == "denominator" and c.parent == i), None)
            if num is None and den is None and i > 0 and "占" in (rate.subject or "") + rate.text:
                # 行政许可类信息145条，占8.05%: a share of the total the item is a part of
                before = claims[i - 1]
                if before.sentence == rate.sentence and before.role == "part" and before.parent is not None:
                    num, den = before, claims[before.parent]
            if num is None or den is None or not den.value or num.confidence < 1 or den.confidence < 1:
                continue
            actual = num.value / den.value * 100
            decimals = len(rate.text.split(".")[1].rstrip("%％")) if "." in rate.text else 0
            # one unit of the last printed digit: reports round or cut off
            tolerance = 10**-decimals + 1e-9
            if abs(actual - rate.value) > tolerance:
                yield self.finding(
                    f"the rate {rate.text} does not agree with {num.text} / {den.text} = {actual:.2f} %",
                    zh=f"比率{rate.text}与{num.text}÷{den.text}={actual:.2f}%不符",
                    span=rate.span,
                    observed=rate.value,
                    expected=round(actual, 2),
                    basis=tuple(claim_basis(c) for c in (rate, num, den)),
                )
