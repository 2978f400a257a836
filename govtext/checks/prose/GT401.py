from __future__ import annotations

import re
from collections.abc import Iterator

from ...model import Document, Finding
from ..base import Rule, claim_basis
from . import claim_offset, fmt

_EXHAUSTIVE_CUE = re.compile(r"分别为|分别是|具体为|具体是|[：:]\s*$|包括")
_OPEN_END = re.compile(r"^\s*(?:等|等等|及其他|以及其他)")
_LOOSE = {"余", "多", "近", "约", "超过", "逾", "以上", "左右", "大约", "将近", "不到"}


class PartsVsTotal(Rule):
    """A total stated in the prose does not agree with the parts listed after it.

    说明
        Prose often states a total and then its parts: 共151条，其中机构职能2条、部门文件3条、
        工作动态82条、公示公告60条、财政预决算4条.  Parts that add up to *more* than the
        total are always an error.  Parts that add up to *less* are an error only when the
        list is exhaustive — introduced by 分别为/具体为/包括 or a colon and not closed by 等 —
        because 其中 often lists only some parts; otherwise the finding is information.
        The message says which case applies.  Totals or parts with 余/近/约/超过 are not
        compared.

    错误示例
        ``共发布信息1913条，其中政务动态1200条、通知公告731条`` (1200 + 731 = 1931).

    正确示例
        ``共发布信息1931条，其中政务动态1200条、通知公告731条``
    """

    code = "GT401"
    name = "prose.parts_vs_total"
    severity = "error"
    group = "prose"

    def check(self, doc: Document) -> Iterator[Finding]:
        claims = doc.claims
        for i, total in enumerate(claims):
            if total.role != "total":
                continue
            for parts in _breakdowns(doc, [c for c in claims if c.role == "part" and c.parent == i]):
                yield from self._check(doc, total, parts)

    def _check(self, doc: Document, total, parts) -> Iterator[Finding]:
        if len(parts) < 2 and not (parts and parts[0].value > total.value):
            return
        if any(c.confidence < 1 for c in (total, *parts)):
            return
        if total.qualifier in _LOOSE or any(p.qualifier in _LOOSE for p in parts):
            return
        if any(p.unit and total.unit and p.unit != total.unit for p in parts):
            return
        s = sum(p.value for p in parts)
        if abs(s - total.value) < 1e-9:
            return
        listing = " + ".join(fmt(p.value) for p in parts)
        if s > total.value:
            yield self.finding(
                f"the parts listed add up to {fmt(s)} ({listing}), more than the stated total {total.text}",
                zh=f"所列分项之和为{fmt(s)}（{listing}），超过所述总数{total.text}",
                span=total.span,
                observed=total.value,
                expected=s,
                basis=tuple(claim_basis(c) for c in (total, *parts)),
            )
            return
        exhaustive = self._exhaustive(doc, total, parts)
        if exhaustive is None:
            return  # closed by 等: the list says it is partial
        yield self.finding(
            f"the parts listed add up to {fmt(s)} ({listing}), less than the stated total {total.text}; "
            + (
                "the list is exhaustive, so a part or the total is wrong"
                if exhaustive
                else "the list may be partial (not introduced by 分别为/包括/a colon, or closed by 等)"
            ),
            zh=f"所列分项之和为{fmt(s)}（{listing}），少于所述总数{total.text}；"
            + ("所列为全部分项，分项或总数有误" if exhaustive else "所列可能只是部分分项"),
            span=total.span,
            observed=total.value,
            expected=s,
            severity="error" if exhaustive else "info",
            basis=tuple(claim_basis(c) for c in (total, *parts)),
        )

    @staticmethod
    def _exhaustive(doc: Document, total, parts) -> bool:
        a = claim_offset(doc, total) + len(total.text)
        first = min(parts, key=lambda p: p.span.start)
        last = max(parts, key=lambda p: p.span.start)
        b = claim_offset(doc, first)
        cue = doc.text[a:b] if b > a else ""
        after = doc.text[claim_offset(doc, last) + len(last.text) :][:6]
        if _OPEN_END.match(after):
            return None
        if _EXHAUSTIVE_CUE.search(cue):
            return True
        # 其中 with three or more parts that run to the end of the sentence lists them all
        sent = doc.sentences[last.sentence] if last.sentence is not None else None
        rest = "" if sent is None else doc.text[claim_offset(doc, last) + len(last.text) : sent.end]
        return "其中" in cue and len(parts) >= 3 and not re.search(r"[\u4e00-\u9fff\d]", rest)


def _breakdowns(doc: Document, parts: list) -> list[list]:
    """Parts of one total grouped by listing: a 类别： list is a breakdown of its own."""
    from ...claims import _CATEGORY_LIST

    groups: dict[object, list] = {}
    for p in parts:
        sent = doc.sentences[p.sentence] if p.sentence is not None else None
        key = p.sentence if sent is not None and _CATEGORY_LIST.search(sent.text) else "main"
        groups.setdefault(key, []).append(p)
    return list(groups.values())
