from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...corpus import consecutive
from ..base import CorpusRule


class CarriedOverMismatch(CorpusRule):
    """This year's 上年结转 is not last year's 结转下年度继续办理.

    说明
        Applications a body carries forward at the end of one year are the applications
        it carries over into the next: table 3's 二、上年结转政府信息公开申请数量 of year *y*
        equals 四、结转下年度继续办理 of year *y* − 1 (总计 column).  A difference means one
        of the two reports is wrong, or the counts were restated (say so in the report).

    错误示例
        2021: 结转下年度继续办理 1; 2022: 上年结转 0.

    正确示例
        2021: 结转下年度继续办理 1; 2022: 上年结转 1.
    """

    code = "GT501"
    name = "crossyear.carried_over"
    severity = "warning"
    group = "crossyear"

    def check_corpus(self, body: str, reports: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        for prev, cur in consecutive(reports):
            before = ((prev.get("t3") or {}).get("carried_forward") or {}).get("total")
            now = ((cur.get("t3") or {}).get("carried_over") or {}).get("total")
            if before is None or now is None or before == now:
                continue
            yield self.record(
                body,
                [prev, cur],
                f"{body}: {cur['year']} carries over {now} application(s), but {prev['year']} carried forward {before}",
                f"{body}：{cur['year']}年表3上年结转{now}件，{prev['year']}年表3结转下年度继续办理却为{before}件",
                observed=now,
                expected=before,
                cells=[
                    {"report": prev["path"], "table": "t3", "row": "carried_forward", "col": "total"},
                    {"report": cur["path"], "table": "t3", "row": "carried_over", "col": "total"},
                ],
            )
