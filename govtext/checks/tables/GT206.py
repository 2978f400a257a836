from __future__ import annotations

from collections.abc import Iterator

from ...model import CellRef, Document, Finding
from ..base import Rule

_WHERE = {
    "t2": (2, "主动公开政府信息情况"),
    "t3": (3, "收到和处理政府信息公开申请情况"),
    "t4": (4, "行政复议、行政诉讼情况"),
}


class TableMissing(Rule):
    """A report on the 2019 or 2021 template lacks one of the three standard tables.

    说明
        Since 2019 every report carries table 2 (主动公开), table 3 (依申请公开) and
        table 4 (复议、诉讼) in sections 二, 三 and 四.  A missing table usually
        means it was pasted as an image, lost when the page was published or
        scraped, or left out; none of its numbers can be checked.  Reports before
        2019 used free-form statistics and are not checked by this rule.

    中文
        按2019年或2021年格式编写的报告缺少三张统计表中的一张。

        自2019年起，每份报告都在第二、三、四部分分别载有表二（主动公开政府信息情况）、
        表三（收到和处理政府信息公开申请情况）和表四（政府信息公开行政复议、行政诉讼情况）。缺少某张表，
        通常是因为表格以图片形式粘贴、在网页发布或抓取时丢失，或者根本没有填报；该表的数字都无法核查。
        2019年以前的报告采用格式不统一的统计，不适用本规则。该项为警告；看起来不是年度报告的文档不检查。

    错误示例
        ``三、收到和处理政府信息公开申请情况`` followed by a picture of the table,
        or by nothing.

    正确示例
        The section followed by table 3 as text (a Word or HTML table, or text a
        PDF's text layer carries).
    """

    code = "GT206"
    name = "tables.table_missing"
    severity = "warning"
    group = "tables"

    def check(self, doc: Document) -> Iterator[Finding]:
        if doc.structure is None or not doc.structure.is_report:
            return
        if doc.meta.template not in ("2021", "2019"):
            return
        for name, (number, title) in _WHERE.items():
            if doc.tables.get(name) is not None:
                continue
            section = doc.sections[number - 1] if len(doc.sections) >= number else None
            span = section.span if section is not None and section.found else None
            yield self.finding(
                f"table {number} ({title}) is missing: no row of it was found in the text",
                span=span,
                cell=CellRef(name),
            )
