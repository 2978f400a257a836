from __future__ import annotations

from collections.abc import Iterator

from ...headings import TITLES
from ...model import Document, Finding, Severity
from ..base import Rule

#: the sections whose content is a standard table: found where the table was read
_TABLE_OF = {2: "t2", 3: "t3", 4: "t4"}


class SectionMissing(Rule):
    """A standard section is missing.

    说明
        Since 2019 the national template requires six sections, in order.  A
        section is missing when neither its heading nor any sentence that
        belongs to it was found — nor, for sections 二, 三 and 四, their table
        (a report whose headings were lost still has the sections its tables
        were read from).  It is an error for reports on the 2019 and
        2021 templates and a warning for earlier, free-form reports, which had
        other parts.

    中文
        缺少模板规定的某一部分。

        自2019年起，全国统一的年度报告格式要求报告依次包括六个部分（一、总体情况……六、其他需要报告的事
        项）。某一部分既没有找到标题，也没有任何语句被归入该部分（第二、三、四部分也没有读到其表格），即视为缺失。按2019年或2021年格式编写的
        报告（2019年度及以后）缺少某一部分为错误；2019年以前的报告格式不统一，另有其他组成部分，
        缺少时只作警告（无法确定报告年度的也只作警告）。看起来不是年度报告的文档（见GT100）不检查。

    错误示例
        ``一、总体情况 … 二、主动公开政府信息情况 … 五、存在的主要问题及改进情况`` —
        sections 三, 四 and 六 (and the 信息处理费 statement) are absent.

    正确示例
        All six headings, each followed by its content (or its table).
    """

    code = "GT101"
    name = "structure.section_missing"
    severity = "error"
    group = "structure"

    def check(self, doc: Document) -> Iterator[Finding]:
        if doc.structure is None or not doc.structure.is_report:
            return
        severity: Severity = "error" if doc.meta.template in ("2019", "2021") else "warning"
        for section in doc.sections:
            if not section.found and doc.tables.get(_TABLE_OF.get(section.number, "")) is None:
                yield self.finding(
                    f"section {section.number} ({TITLES[section.number]}) is missing",
                    observed=None,
                    expected=TITLES[section.number],
                    severity=severity,
                )
