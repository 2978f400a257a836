from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...corpus import consecutive
from ...model import CrossReportFinding, ReportCell
from ..base import CorpusRule


class CarriedOverMismatch(CorpusRule):
    """This year's 上年结转 is not last year's 结转下年度继续办理.

    说明
        Applications a body carries forward at the end of one year are the applications
        it carries over into the next: table 3's 二、上年结转政府信息公开申请数量 of year *y*
        equals 四、结转下年度继续办理 of year *y* − 1 (总计 column).  A difference means one
        of the two reports is wrong, or the counts were restated (say so in the report).

    中文
        本年表三的“上年结转”不等于上一年的“结转下年度继续办理”。

        一个机关在某年年末结转的申请，就是转入下一年的申请：第y年表三“二、上年结转政府信息公开申请数量”
        应等于第y−1年表三“四、结转下年度继续办理”（均取“总计”列）。不相等说明两份报告中有一份有误，
        或者数字作过调整（应在报告中说明）。本规则在批量处理（govtext batch）
        中对同一机关相邻年度的报告运行；机构会调整、数字有时会更正，因此只作警告。
        任一数字未读到时不检查。

    错误示例
        2021: 结转下年度继续办理 1; 2022: 上年结转 0.

    正确示例
        2021: 结转下年度继续办理 1; 2022: 上年结转 1.
    """

    code = "GT501"
    name = "crossyear.carried_over"
    severity = "warning"
    group = "crossyear"

    def check_corpus(self, body: str, reports: list[dict[str, Any]]) -> Iterator[CrossReportFinding]:
        for prev, cur in consecutive(reports):
            before = ((prev.get("t3") or {}).get("carried_forward") or {}).get("total")
            now = ((cur.get("t3") or {}).get("carried_over") or {}).get("total")
            if before is None or now is None or before == now:
                continue
            yield self.record(
                body,
                [prev, cur],
                f"{body}: {cur['year']} carries over {now} application(s), but {prev['year']} carried forward {before}",
                f"{body}：{cur['year']}年表三上年结转{now}件，{prev['year']}年表三结转下年度继续办理却为{before}件",
                observed=now,
                expected=before,
                cells=[
                    ReportCell(prev["path"], "t3", "carried_forward", "total"),
                    ReportCell(cur["path"], "t3", "carried_over", "total"),
                ],
            )
