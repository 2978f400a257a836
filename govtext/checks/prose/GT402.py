from __future__ import annotations

import re
from collections.abc import Iterator

from ...model import CellRef, Claim, Document, Finding
from ..base import Rule, cell_basis, cell_label, claim_basis
from . import LOOSE, claim_offset, fmt


class RateInconsistent(Rule):
    """A rate is outside 0–100 %, or does not agree with the numerator and denominator stated beside it.

    说明
        A rate (办结率, 答复率, 占比) is a share: between 0 and 100 %.  Where the prose
        states both counts (受理117件，办结117件，办结率100%), or the share of a listed item in
        its total (在…的1913条信息中，…行政许可类145条，占7.58%), the rate must be their ratio,
        within one unit of the last printed digit (reports round or cut off).  A share whose base is
        stated in an earlier sentence of the same paragraph (答复申请805件。…予以公开258件，占33.9%；
        不予公开35件，占4.34%；…) is checked against the one earlier count that most of the
        paragraph's shares agree with — at least two, more than half, and no other count fitting
        as well — or against the only count the paragraph states before them; where no count is
        singled out so, nothing is said.  A share that names its base (占新收申请的45.0%,
        占办结总数的…) is checked against that cell of table 3.  Growth figures (同比增长150%)
        are changes, not rates, and are checked by GT403.

    中文
        比率超出0–100%，或与旁边所述的分子、分母不符。

        比率（办结率、答复率、占比）是一个份额，应在0到100%之间。正文同时写明两个数（受理117件，
        办结117件，办结率100%），或写明所列某项在总数中的占比（在……的1913条信息中，……行政许可类145条，
        占7.58%）时，比率必须等于二者之比，允许与印出的最后一位数字相差一个单位（报告会四舍五入或直接舍
        去）。占比的基数写在同一段落前面的句子中时（答复申请805件。……予以公开258件，占33.9%；
        不予公开35件，占4.34%；……），以该段大多数占比都相符的那一个前文数字为基数核查——至少两个、
        且超过半数的占比与之相符，并且没有别的数字同样相符——或者以该段在这些占比之前写明的唯一数字为基数；
        找不出这样唯一的基数时不作判断。占比写明了基数的（占新收申请的45.0%、占办结总数的……），
        与表三中相应的单元格核对。
        增长幅度（同比增长150%）是变化而不是比率，由GT403核查。读取把握不大或带“余”“约”
        等字样的数字不参与核查。该项为错误。

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
        shares: list[tuple[int, Claim]] = []  # rates with a numerator beside them and no base
        # each rate's first numerator and denominator, found once (a scan of all claims per rate was
        # quadratic: 2.6 s of a 1 M-character text)
        numerator: dict[int, Claim] = {}
        denominator: dict[int, Claim] = {}
        for c in claims:
            if c.parent is not None and c.role in ("numerator", "denominator"):
                (numerator if c.role == "numerator" else denominator).setdefault(c.parent, c)
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
            num, den = numerator.get(i), denominator.get(i)
            if num is None and den is None and i > 0 and "占" in (rate.subject or "") + rate.text:
                # 行政许可类信息145条，占8.05%: a share of the total the item is a part of
                before = claims[i - 1]
                if before.sentence == rate.sentence and before.role == "part" and before.parent is not None:
                    num, den = before, claims[before.parent]
            if num is not None and den is None:
                shares.append((i, num))
                continue
            if num is None or den is None or not den.value or num.confidence < 1 or den.confidence < 1:
                continue
            if any(c.qualifier in LOOSE for c in (rate, num, den)):
                continue  # 约117件, 办结率近100%: an approximate number is no side of an exact ratio
            actual = num.value / den.value * 100
            if not _agrees(rate, actual):
                yield self.finding(
                    f"the rate {rate.text} does not agree with {num.text} / {den.text} = {actual:.2f} %",
                    zh=f"比率{rate.text}与{num.text}÷{den.text}={actual:.2f}%不符",
                    span=rate.span,
                    observed=rate.value,
                    expected=round(actual, 2),
                    basis=tuple(claim_basis(c) for c in (rate, num, den)),
                )
        yield from self._shares_of_a_base(doc, shares)

    def _shares_of_a_base(self, doc: Document, shares: list[tuple[int, Claim]]) -> Iterator[Finding]:
        """Shares whose base is a count stated earlier in the paragraph (答复805件。…予以公开258件，占33.9%；…).

        The base is not named beside the share, so it is taken only where the paragraph's other
        shares agree on it: at least two shares of the paragraph, and more than half of them,
        agree with one earlier count and with no other.  A share that then disagrees is an error.
        """
        claims = doc.claims
        by_paragraph: dict[int, list[tuple[int, Claim]]] = {}
        for i, num in shares:
            if (at := claims[i].sentence) is not None and num.confidence == 1 and num.qualifier not in LOOSE:
                named = _named_base(doc, claims[i])
                if named is not None:
                    yield from self._against_the_table(doc, claims[i], num, *named)
                    continue
                by_paragraph.setdefault(_paragraph(doc, at), []).append((i, num))
        in_sentence: dict[int, list[int]] = {}
        if by_paragraph:
            for k, c in enumerate(claims):
                if c.sentence is not None:
                    in_sentence.setdefault(c.sentence, []).append(k)
        for group in by_paragraph.values():
            first = min(s for i, _ in group if (s := claims[i].sentence) is not None)  # every one has a sentence
            para = _paragraph(doc, first)
            opens = min(num.span.start for _, num in group)
            units = {num.unit for _, num in group}
            # the claims of the paragraph up to ``first``: its sentences para … first, one paragraph by definition
            here = sorted(k for s in range(para, first + 1) for k in in_sentence.get(s, ()))
            bases = [
                c
                for c in (claims[k] for k in here)
                if c.span.start < opens
                and c.kind == "count"
                and c.unit in units
                and c.confidence == 1
                and c.qualifier not in LOOSE
                and c.value
            ]
            fits = []
            if len({b.value for b in bases}) == 1 and bases[0].value >= max(num.value for _, num in group):
                # the one count the paragraph states before its shares: their base, as a reader takes it
                fits = [(bases[-1], [i for i, num in group if _agrees(claims[i], num.value / bases[-1].value * 100)])]
            for base in [] if fits else bases:
                agree = [
                    i for i, num in group if num.unit == base.unit and _agrees(claims[i], num.value / base.value * 100)
                ]
                if len(agree) >= 2 and 2 * len(agree) > len(group):
                    fits.append((base, agree))
            if len(fits) != 1 or len({b.value for b, _ in fits}) != 1:
                continue
            base, agree = fits[0]
            others = len(agree)
            for i, num in group:
                rate = claims[i]
                if i in agree or num.unit != base.unit:
                    continue
                actual = num.value / base.value * 100
                why = f"the base {others} other share(s) there agree with" if others else "the only count stated there"
                why_zh = f"该段其他{others}个占比所依据的基数" if others else "该段前文唯一的数量"
                yield self.finding(
                    f"the share {rate.text} does not agree with {num.text} / {base.text} = {actual:.2f} %; "
                    f"{base.text}, stated earlier in the paragraph, is {why}",
                    zh=f"占比{rate.text}与{num.text}÷{base.text}={actual:.2f}%不符；同段前文的{base.text}是{why_zh}",
                    span=rate.span,
                    observed=rate.value,
                    expected=round(actual, 2),
                    basis=tuple(claim_basis(c) for c in (rate, num, base)),
                )

    def _against_the_table(
        self, doc: Document, rate: Claim, num: Claim, what: str, cell: tuple[str, str, str]
    ) -> Iterator[Finding]:
        """A share of a base it names (占新收申请的45.0%) against that base in table 3."""
        table = doc.tables.get(cell[0])
        if table is None or cell[1] not in table.rows:
            return
        basis = cell_basis(table, cell[1], cell[2])
        if basis.value is None or not basis.value:
            return
        actual = num.value / basis.value * 100
        if _agrees(rate, actual):
            return
        named = cell_label(table, cell[1], cell[2])
        yield self.finding(
            f"the share {rate.text} of {what} does not agree with {num.text} / {fmt(basis.value)} "
            f"({named}) = {actual:.2f} %",
            zh=f"占{what}的比例{rate.text}与{num.text}÷{fmt(basis.value)}（{named}）={actual:.2f}%不符",
            span=rate.span,
            observed=rate.value,
            expected=round(actual, 2),
            cell=CellRef(cell[0], cell[1], cell[2]),
            basis=(claim_basis(rate), claim_basis(num), basis),
        )


#: a share that names its base (占新收申请的45.0%, 占全部办结申请总数的41.9%): the table cell of that base
_NAMED_BASE = (
    (
        re.compile(r"占(?:本年度?|全年|全部)?(?:新收|收到|受理)[^，。；的]{0,10}的$"),
        "新收申请",
        ("t3", "new_received", "total"),
    ),
    (re.compile(r"占(?:本年度?|全年|全部)?(?:办结|答复)[^，。；的]{0,10}的$"), "办结申请", ("t3", "total", "total")),
)


def _named_base(doc: Document, rate: Claim) -> tuple[str, tuple[str, str, str]] | None:
    """The base a share names right before its number, as a table-3 cell, or ``None``."""
    if rate.sentence is None:
        return None
    sent = doc.sentences[rate.sentence]
    before = sent.text[: claim_offset(doc, rate) - sent.start][-20:]
    for pattern, what, cell in _NAMED_BASE:
        if pattern.search(before) and not re.search(r"复议|诉讼|主动公开", before):
            return what, cell
    return None


def _agrees(rate: Claim, actual: float) -> bool:
    """``actual`` (a percentage) within one unit of the rate's last printed digit: reports round or cut off."""
    decimals = len(rate.text.split(".")[1].rstrip("%％")) if "." in rate.text else 0
    return abs(actual - rate.value) <= 10**-decimals + 1e-9


def _paragraph(doc: Document, sentence: int) -> int:
    """The index of the first sentence of ``sentence``'s paragraph: sentences not parted by a line break."""
    k = sentence
    while k > 0:
        prev, cur = doc.sentences[k - 1], doc.sentences[k]
        if "\n" in doc.text[prev.end : cur.start] or prev.section != cur.section:
            break
        k -= 1
    return k
