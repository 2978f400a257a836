from __future__ import annotations

from collections.abc import Iterator

from ...headings import TITLES
from ...model import Document, Finding
from ..base import Rule

#: how sure the classifier must be that a sentence belongs elsewhere
MIN_CONFIDENCE = 0.9


class MisplacedContent(Rule):
    """A sentence reads like another section's content.

    说明
        The section classifier, reading the sentence alone, is at least 90 %
        sure it is the content of a statistics section (二, 三 or 四) while it
        stands in 五 or 六 — e.g. application or 行政复议 counts written under
        五、存在的主要问题及改进情况.  Readers and reviewers look for such figures
        where the template puts them.  Section 一 is not checked: it summarises
        every other section by design.

    中文
        某句话读起来像是另一部分的内容。

        部分分类器单独阅读一句话，有至少90%的把握认为它属于统计部分（第二、三或四部分）的内容，
        而这句话却位于第五或第六部分——例如把政府信息公开申请数量或行政复议数量写在“五、存在的主要问题及
        改进情况”下。读者和审核人员会到模板规定的位置查找这些数字。第一部分按其性质要概述其他各部分，
        因此不检查。该项为警告；看起来不是年度报告的文档不检查。

    错误示例
        Under ``五、存在的主要问题及改进情况``: ``本年度共收到政府信息公开申请23件，均已按期答复。``

    正确示例
        The count under ``一、总体情况 （二）依申请公开`` and in table 3.
    """

    code = "GT105"
    name = "structure.misplaced_content"
    severity = "warning"
    group = "structure"
    config_keywords = ("min_confidence",)

    def check(self, doc: Document) -> Iterator[Finding]:
        if doc.structure is None or not doc.structure.is_report:
            return
        for sent in doc.sentences:
            if sent.section not in (5, 6) or sent.about not in (2, 3, 4):
                continue
            if (sent.about_confidence or 0.0) >= MIN_CONFIDENCE:
                yield self.finding(
                    f"this sentence in section {sent.section} reads like section {sent.about} "
                    f"({TITLES[sent.about]}) content (confidence {sent.about_confidence:.2f})",
                    span=sent.span,
                    observed=sent.section,
                    expected=sent.about,
                )
