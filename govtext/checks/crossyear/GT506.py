from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from typing import Any

from ...corpus import renaming
from ...model import CrossReportFinding
from ..base import CorpusRule


class BodyRenamed(CorpusRule):
    """A body's reports go on under a new name after a reorganisation (机构改革): the two names are compared as one.

    说明
        In the 2018–2019 机构改革 many departments were renamed or merged: 某县国土资源局
        became 某县自然资源局, 某市卫生和计划生育委员会 became 某市卫生健康委员会.  Where the
        corpus holds reports under the old name up to some year and under the new one after
        it, of the same region (the name before the function) and a function that a known
        renaming maps one to the other, the two are one body for the cross-year rules, and
        this record shows the link: the two names, the last report under the old name, the
        first under the new one, and why they are linked.  A new name with two predecessors
        in the corpus (工商局 and 质监局 → 市场监督管理局) links neither.  Records of other
        rules about reports of both names carry the same ``linked``; GT504 reports at most
        warnings across the link (the new body's figures may cover more).  Information only.

    中文
        机关在机构改革后更名，其报告在新名称下延续：新旧名称作为同一机关比较。

        2018—2019年机构改革中，许多部门更名或合并：某县国土资源局改为某县自然资源局，某市卫生和计划生育
        委员会改为某市卫生健康委员会。语料中某一年以前的报告用旧名称、此后的用新名称，地区（职能名称前的部分）
        相同，且已知的更名对照表把二者的职能对应起来时，跨年度规则把二者视为同一机关，本记录说明这一关联：
        两个名称、旧名称下的最后一份报告、新名称下的第一份报告以及关联的理由。新名称在语料中有两个前身的
        （工商局和质监局 → 市场监督管理局）不作关联。其他规则涉及新旧两个名称报告的记录带有同样的linked字段；
        跨越更名的GT504最多只作警告（新机关的数字可能涵盖更多职能）。仅作提示。

    错误示例
        青禾县国土资源局 2017, 2018; 青禾县自然资源局 2019, 2020 (one body, linked).

    正确示例
        青禾县自然资源局 2019, 2020, 2021 (one name).
    """

    code = "GT506"
    name = "crossyear.body_renamed"
    severity = "info"
    group = "crossyear"

    def check_corpus(self, body: str, reports: list[dict[str, Any]]) -> Iterator[CrossReportFinding]:
        for a, b in pairwise(reports):
            if a["body"] == b["body"]:
                continue
            link = renaming(a["body"], b["body"], [r["year"] for r in reports if r["body"] == a["body"]],
                            [r["year"] for r in reports if r["body"] == b["body"]])  # fmt: skip
            if link is None:
                continue
            yield self.record(
                body,
                [a, b],
                f"{b['body']} ({b['path']}, {b['year']}) continues {a['body']} ({a['path']}, {a['year']}): "
                f"{link['reason']}",
                f"{b['body']}（{b['path']}，{b['year']}年）承接{a['body']}（{a['path']}，{a['year']}年）：{link['reason']}",
                observed=b["body"],
                expected=a["body"],
                linked=link,
            )
