from __future__ import annotations

from collections.abc import Iterator

from ...model import Document, Finding
from ..base import Rule


class NotAReport(Rule):
    """The document does not look like a government information-disclosure annual report.

    说明
        No two of the six section headings were found and the text has too
        little of the report's vocabulary (政府信息公开, 主动公开, 依申请公开,
        信息处理费 …) for the classifier to find the sections either.  govtext
        then reports no sections rather than six invented ones; the message
        gives the score (0–1) the decision was made on.  Only headings a plain
        text would show count here (not bold or ``<h2>`` mark-up alone), so a
        file gets the same answer in every format.  A web page whose main part
        is a list of links or holds no text, and a letter (关于…的函), get
        GT100 with that reason.

    中文
        文档看起来不是政府信息公开工作年度报告。

        六个部分的标题找到不足两个，正文中年度报告的用语（政府信息公开、主动公开、依申请公开、
        信息处理费等）又过少，分类器也划分不出至少三个部分时，报告此项。此时govtext不划分任何部分，
        而不是凭空编出六个部分；提示信息给出作出判断所依据的得分（0–1）。该项一律为错误。

    错误示例
        A news article or a budget report passed to ``govtext lint``.

    正确示例
        A report with its six parts: 一、总体情况 … 六、其他需要报告的事项.
    """

    code = "GT100"
    name = "structure.not_a_report"
    severity = "error"
    group = "structure"

    def check(self, doc: Document) -> Iterator[Finding]:
        result = doc.structure
        if result is None or result.is_report:
            return
        if result.reason:
            yield self.finding(
                f"this does not look like a government information-disclosure annual report: {result.reason}",
                observed=result.report_score,
                expected="a page whose main part is the report's text",
            )
            return
        yield self.finding(
            "this does not look like a government information-disclosure annual report "
            f"(report score {result.report_score:.2f} from headings, vocabulary and the section classifier: "
            f"{len(result.headings)} section heading(s) found, classifier confidence {result.classifier_confidence:.2f})",
            observed=result.report_score,
            expected=">= 2 section headings, or the report's vocabulary in at least 3 sections",
        )
