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
        several readings; ``ocr``; ``missing``; ``recorded``, taken from a saved record
        that did not keep how it was read), and every number of the prose its
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

    中文
        某项核查未通过，但其所依据的数字没有确切读取。

        错误级别的发现就是认定报告有错，因此govtext只依据原样读取的数字报告错误。
        表格的每个单元格都记录了数值的来历（how）：read（原样读取）；blank（印为空白或短横线）；
        split（从连写的数字中拆出，且是勾稽关系唯一允许的拆法）；inferred（推定所得，并未印出）；
        guessed（在多种读法中猜测）；ocr（由图像识别）；missing（未读到）；
        recorded（取自未保存读取方式的记录）。
        正文中的每个数字也都记录了读取的把握。某项勾稽关系（GT301–GT305）、计数（GT304）
        或正文与表格的对照（GT404）未通过，而所依据的数字中有不属于read、blank或split的，
        该发现就改以本代码作为警告报告：列出不确定的数字及其原因，保留实际值和应有值，
        注明原本应属哪条规则（demoted_from）；若改动某一个单元格即可使表格相符，还会指出该单元格。
        在相信报告或读取结果之前，请先对照原文核对所指出的单元格。

        本规则自身不查找任何问题：由运行程序（govtext.checks.run_checks）把上述错误转为本项。
        可以像其他规则一样选用、忽略或调整严重程度。

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
