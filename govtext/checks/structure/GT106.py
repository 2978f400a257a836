from __future__ import annotations

from collections.abc import Iterator

from ...headings import TITLES
from ...model import Document, Finding
from ..base import Rule


class NonStandardHeading(Rule):
    """A section heading differs from the template's wording.

    说明
        Reports on the 2021 template should use its six titles verbatim; a
        different wording (or a typo such as 行政法复议) makes reports harder to
        compare and to process.  govtext still recognises the section.

    中文
        部分标题的措辞与模板不一致。

        按2021年格式编写的报告应逐字使用模板规定的六个标题；措辞不同（或有“行政法复议”这样的错字），
        会使报告难以比较和处理。govtext仍能识别出该部分。只检查2021年格式的报告；该项为提示。

    错误示例
        ``四、政府信息公开行政法复议、行政诉讼情况``; ``二、主动公开情况``.

    正确示例
        ``四、政府信息公开行政复议、行政诉讼情况``; ``二、主动公开政府信息情况``.
    """

    code = "GT106"
    name = "structure.nonstandard_heading"
    severity = "info"
    group = "structure"

    def check(self, doc: Document) -> Iterator[Finding]:
        if doc.structure is None or doc.meta.template != "2021":
            return
        for hit in doc.structure.headings:
            if hit.standard:
                continue
            written = hit.heading.title.strip(" 。：:")
            yield self.finding(
                f"section {hit.section} heading reads {written!r}; the 2021 template says {TITLES[hit.section]!r}",
                span=doc.sentences[hit.index].span,
                observed=written,
                expected=TITLES[hit.section],
            )
