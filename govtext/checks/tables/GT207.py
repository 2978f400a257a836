from __future__ import annotations

from collections.abc import Iterator

from ...model import Document, Finding
from ..base import UNCERTAIN_RULE, Rule


class UncertainReading(Rule):
    """A check failed, but a number it rests on was not read with certainty.

    说明
        An error finding is an accusation, so govtext raises one only on numbers it
        read as printed.  Every table cell records how it was obtained (``how``:
        ``read``; ``blank``; ``split`` out of digits that ran together, the one way the
        identities allow; ``inferred``, worked out but not printed; ``guessed`` among
        several readings; ``ocr``; ``missing``), and every number of the prose its
        confidence.  When an identity (GT301–GT305), a count (GT304) or a comparison of
        the prose with a table (GT404) fails and one of the numbers it rests on is not
        ``read``, ``blank`` or ``split``, the finding is reported under this code
        instead, as a warning: it
        names the uncertain numbers and why, keeps the observed and expected values,
        says which rule it would have been (``demoted_from``), and, where one cell
        would make the table agree, names it.  Look at the cells it names in the
        source before trusting either the report or the reading.

        This rule finds nothing itself: the runner (:func:`govtext.checks.run_checks`)
        turns such errors into it.  Select, ignore or re-grade it like any rule.

    错误示例
        A PDF whose table-3 row ``一、本年新收`` printed ``36`` and ``3`` on two lines
        of a narrow cell (``363``): the row is not read, and GT303 would accuse the
        report of a balance that does not hold.  GT207 says instead that
        ``t3 new_received/total`` was not read.

    正确示例
        Every cell of the identity read as printed: a failing identity is an error
        (GT301–GT305), and nothing is reported here.
    """

    code = UNCERTAIN_RULE
    name = "tables.uncertain_reading"
    severity = "warning"
    group = "tables"

    def check(self, doc: Document) -> Iterator[Finding]:
        return iter(())
