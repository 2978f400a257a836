"""Rules about the prose (GT4xx): totals and parts, rates, year-on-year changes, prose against tables, years, fees."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ...model import Claim, Document

_CLAUSE_END = re.compile(r"[，。；;！？!?]")


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
    """The claim's start in ``doc.text`` (found in its sentence by its text)."""
    if claim.sentence is None:
        return 0
    sent = doc.sentences[claim.sentence]
    # the claim's source span maps back to the normalised text through the sentence
    rel = _find_in_sentence(doc, claim)
    return sent.start + rel


def _find_in_sentence(doc: Document, claim: Claim) -> int:
    sent = doc.sentences[claim.sentence or 0]
    # all claims with the same text in the sentence, in order; pick by source offset rank
    same = [c for c in doc.claims if c.sentence == claim.sentence and c.text == claim.text]
    rank = sorted(same, key=lambda c: c.span.start).index(claim) if claim in same else 0
    pos = -1
    for _ in range(rank + 1):
        pos = sent.text.find(claim.text, pos + 1)
        if pos < 0:
            return max(0, sent.text.find(claim.text))
    return pos


def fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"
