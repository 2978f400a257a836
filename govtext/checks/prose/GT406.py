from __future__ import annotations

import re
from collections.abc import Iterator

from ...model import Document, Finding
from ..base import Rule

_TITLE = re.compile(r"《[^》]*》")
_FEES = re.compile(r"信息处理费|收费|收取.{0,8}费|费用")


class FeeStatementMissing(Rule):
    """Section 六 does not say whether 信息处理费 was charged.

    说明
        Since the 2021 template, section 六、其他需要报告的事项 must report the charging of
        信息处理费 under 《政府信息公开信息处理费管理办法》 — the amount, or that none was
        charged.  Reports on the 2021 template without such a statement in section 六 are
        reported (the message says when the statement stands in another section instead).

    中文
        第六部分未说明是否收取信息处理费。

        自2021年格式起，“六、其他需要报告的事项”须按照《政府信息公开信息处理费管理办法》报告信息处理费的
        收取情况——收取的金额，或说明未收取。按2021年格式编写、而第六部分没有这类表述的报告予以报告（表述
        写在其他部分的，提示信息会注明）。只引用《……信息处理费管理办法》的名称不算作说明。
        没有第六部分的报告由GT101报告，此处不再重复。该项为警告。

    错误示例
        ``六、其他需要报告的事项`` followed by ``无。``

    正确示例
        ``六、其他需要报告的事项 本年度未收取信息处理费。``
    """

    code = "GT406"
    name = "prose.fee_statement_missing"
    severity = "warning"
    group = "prose"

    def check(self, doc: Document) -> Iterator[Finding]:
        if doc.meta.template != "2021" or doc.structure is None or not doc.structure.is_report:
            return
        if len(doc.sections) < 6 or not doc.sections[5].found:
            return
        # the 《…信息处理费管理办法》 a sentence cites is not a statement about charging
        in_six = [s for s in doc.sentences if s.section == 6 and _FEES.search(_TITLE.sub("", s.text))]
        if in_six:
            return
        # where the statement stands instead: a sentence naming the fee outside a 《…》 title (section 六 has none)
        elsewhere = next((s for s in doc.sentences if "信息处理费" in _TITLE.sub("", s.text)), None)
        where = f" (it is stated in section {elsewhere.section})" if elsewhere is not None else ""
        yield self.finding(
            "section 6 does not say whether 信息处理费 was charged" + where,
            zh="第六部分未说明信息处理费收取情况" + (f"（相关表述在第{elsewhere.section}部分）" if elsewhere else ""),
            span=doc.sections[5].span,
        )
