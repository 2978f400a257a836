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

    中文
        某一部分只有标题，标题下没有内容。

        第二、三、四部分分别载有表二、表三、表四三张统计表；标题后什么也没有，
        通常说明表格是以图片形式粘贴的，或在网页发布、抓取时丢失了，报告就无法与这些表格对照核查。
        第一、五、六部分为空，则是缺少了规定的内容。源文件中的表格（HTML、Word表格）也算作内容。
        该项为警告；看起来不是年度报告的文档不检查。

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
