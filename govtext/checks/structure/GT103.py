from __future__ import annotations

from collections.abc import Iterator

from ...model import Document, Finding
from ..base import Rule


class SectionsOutOfOrder(Rule):
    """A section heading comes after the heading of a later section.

    说明
        The template fixes the order 一 … 六; readers and tools find content by
        it.  Sentences are placed under the heading they follow, as written.

    中文
        某一部分的标题出现在排序更靠后的部分标题之后。

        模板规定六个部分按一至六的顺序排列，读者和工具都依此查找内容。顺序颠倒时，
        在后出现的那个标题处报告；各语句仍按原文实际位置，归入其前面的标题下，不作调整。该项为错误。

    错误示例
        ``五、存在的主要问题及改进情况`` … then ``四、政府信息公开行政复议、行政诉讼情况``.

    正确示例
        ``四、…行政诉讼情况`` before ``五、存在的主要问题及改进情况``.
    """

    code = "GT103"
    name = "structure.sections_out_of_order"
    severity = "error"
    group = "structure"

    def check(self, doc: Document) -> Iterator[Finding]:
        if doc.structure is None:
            return
        for before, after in doc.structure.out_of_order:
            sent = doc.sentences[after.index]
            yield self.finding(
                f"section {after.section} heading comes after section {before.section}'s heading",
                span=sent.span,
                observed=after.section,
                expected=f"> {before.section}",
            )
