from __future__ import annotations

from collections.abc import Iterator

from ...headings import TITLES
from ...model import Document, Finding
from ..base import Rule


class SectionEmpty(Rule):
    """A section has its heading but nothing under it.

    说明
        Sections 二, 三 and 四 hold the three statistics tables; a heading with
        nothing after it usually means the tables were pasted as images or lost
        when the page was published or scraped, so the report cannot be checked
        against them.  An empty 一, 五 or 六 leaves out required content.

    错误示例
        ``三、收到和处理政府信息公开申请情况`` immediately followed by
        ``四、政府信息公开行政复议、行政诉讼情况``.

    正确示例
        ``三、收到和处理政府信息公开申请情况`` followed by table 3.
    """

    code = "GT102"
    name = "structure.section_empty"
    severity = "warning"
    group = "structure"

    def check(self, doc: Document) -> Iterator[Finding]:
        if doc.structure is None or not doc.structure.is_report:
            return
        for section in doc.sections:
            if section.found and section.empty:
                what = "its table" if section.number in (2, 3, 4) else "its content"
                yield self.finding(
                    f"section {section.number} ({TITLES[section.number]}) has a heading but nothing under it: {what} is missing",
                    span=section.span,
                )
