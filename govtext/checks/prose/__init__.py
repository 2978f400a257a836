"""Rules about the prose (GT4xx): totals and parts, rates, year-on-year changes, prose against tables, years, fees."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...limits import tick
from ...tables.schema import fmt_number

if TYPE_CHECKING:
    from ...model import Claim, Document

_CLAUSE_END = re.compile(r"[，。；;！？!?]")
#: qualifiers that make a number approximate (余, 近, 超过 …): never an exact side of a comparison
LOOSE = frozenset({"余", "多", "近", "约", "超过", "逾", "以上", "左右", "大约", "将近", "不到"})


def clause_before(doc: Document, claim: Claim, width: int = 24) -> str:
    """The text of the claim's clause up to the claim (at most ``width`` characters, from the last comma)."""
    if claim.sentence is None:
        return ""
    sent = doc.sentences[claim.sentence]
    start = claim_offset(doc, claim) - sent.start
    before = sent.text[max(0, start - width) : start]
    parts = _CLAUSE_END.split(before)
    return parts[-1] if parts else before


def clause_after(doc: Document, claim: Claim, width: int = 12) -> str:
    """The text right after the claim, up to the end of its clause (at most ``width`` characters)."""
    if claim.sentence is None:
        return ""
    sent = doc.sentences[claim.sentence]
    start = claim_offset(doc, claim) - sent.start + len(claim.text)
    return _CLAUSE_END.split(sent.text[start : start + width])[0]


def claim_offset(doc: Document, claim: Claim) -> int:
    """The claim's start in ``doc.text`` (for a claim built from JSON: its source offset mapped back)."""
    tick()  # every prose rule comes here once a claim or more: their loops keep the deadline
    if claim.start is not None:
        return claim.start
    if doc.offsets is not None:
        import numpy as np

        starts = doc.offsets.starts
        i = int(np.searchsorted(starts, claim.span.start, side="left"))
        # several normalised characters may come from one source character: take the first
        # whose text is the claim's
        for j in range(max(0, i - 2), min(len(doc.text), i + 3)):
            if doc.text.startswith(claim.text, j):
                return j
    if claim.sentence is None:
        return 0
    sent = doc.sentences[claim.sentence]
    return sent.start + max(0, sent.text.find(claim.text))


fmt = fmt_number
