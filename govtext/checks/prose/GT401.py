from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from ...model import Basis, CellRef, Document, Finding
from ...tables.schema import CERTAIN
from ..base import Rule, cell_basis, claim_basis
from . import LOOSE, claim_offset, clause_after, clause_before, fmt

_EXHAUSTIVE_CUE = re.compile(r"分别为|分别是|具体为|具体是|[：:]\s*$|包括")
_OPEN_END = re.compile(r"^\s*(?:等|等等|及其他|以及其他)")
#: the stages an application passes through; a total of one stage is not the sum of counts of another
_STAGES = (
    ("carried_in", re.compile(r"上一?年度?(?:结转|遗留)|上年结转|结转上年")),
    ("carried_out", re.compile(r"结转下一?年|结转至下一?年|转入下一?年|顺延|下一?年度(?:继续)?(?:办理|答复)")),
    (
        "outcome",
        re.compile(
            r"予以公开|同意公开|部分公开|不予公开|不同意公开|无法提供|不予处理|其他处理|信息不存在|不属于本机关"
            r"|非本机关|答复|办结|告知|驳回|维持|纠正|撤销"
        ),
    ),
    ("received", re.compile(r"收到|受理|新收|接收|收取|提出")),
)


class PartsVsTotal(Rule):
    """A total stated in the prose does not agree with the parts listed after it.

    说明
        Prose often states a total and then its parts: 共151条，其中机构职能2条、部门文件3条、
        工作动态82条、公示公告60条、财政预决算4条.  Parts that add up to *more* than the
        total are always an error.  Parts that add up to *less* are an error only when the
        list is exhaustive — introduced by 分别为/具体为/包括 or a colon and not closed by 等 —
        because 其中 often lists only some parts; otherwise the finding is information.
        The message says which case applies.  Totals or parts with 余/近/约/超过 are not
        compared.  Counts of different stages of an application are siblings, not parts:
        上年结转 beside 收到, or outcomes (同意公开答复9件…) after applications received,
        which count the carried-over applications too — such outcomes that do not add up
        to the applications received are information, naming the carry-overs as the
        likely difference.

    中文
        正文中所述的总数与其后列出的分项对不上。

        正文常先写总数，再列分项：共151条，其中机构职能2条、部门文件3条、工作动态82条、公示公告60条、
        财政预决算4条。分项之和大于总数，一律为错误。分项之和小于总数，只有在所列分项完整时才是错误——即
        以“分别为”“具体为”“包括”或冒号引出（或以“其中”引出三项以上、一直列到句末），且不以“等”
        收尾——因为“其中”往往只列出部分分项；以“等”收尾的表明只列了部分，不作报告；其余情况只作提示。
        提示信息会说明属于哪种情况。带有“余”“近”“约”“超过”等字样的总数或分项、
        单位不同或读取把握不大的数字，不作比较。申请办理不同环节的数量是并列关系，不是分项：如与“收到”
        并列的“上年结转”，或收到申请之后列出的办理结果（同意公开答复9件……），
        办理结果也包括上年结转的申请——这类办理结果与收到的申请数不相等时只作提示，
        并指出差额可能是上年结转或结转下年度的申请；只有办理结果之和超过收到的申请数、
        而表三“上年结转”“总计”确切读为0时，才是错误。

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
        if total.qualifier in LOOSE or any(p.qualifier in LOOSE for p in parts):
            return
        if any(p.unit and total.unit and p.unit != total.unit for p in parts):
            return
        s = sum(p.value for p in parts)
        if abs(s - total.value) < 1e-9:
            return
        listing = " + ".join(fmt(p.value) for p in parts)
        # a part's words stand before it (办结69件) or after it (1件结转下年度)
        stages = {_stage(clause_before(doc, p)) or _stage(clause_after(doc, p)) for p in parts}
        received = _stage(clause_before(doc, total) + (total.subject or "")) == "received"
        if received and stages - {None} and stages - {None} <= {"outcome", "carried_out"}:
            # outcomes count the applications handled this year, carried-over ones too: they may exceed
            # the applications received by those carried in, and fall short by those carried out
            carried_in = _carried_in(doc)
            if s > total.value and carried_in is not None and carried_in[1].value == 0:
                yield self.finding(
                    f"the parts listed add up to {fmt(s)} ({listing}), more than the {total.text} received, "
                    "and table 3 carries no application over from last year",
                    zh=f"所列分项之和为{fmt(s)}（{listing}），超过收到申请{total.text}，而表三上年结转为0",
                    span=total.span,
                    observed=total.value,
                    expected=s,
                    basis=(*(claim_basis(c) for c in (total, *parts)), carried_in[1]),
                    cell=CellRef("t3", "carried_over", "total"),
                )
                return
            yield self.finding(
                f"the handled and carried-over counts listed add up to {fmt(s)} ({listing}), not the {total.text} received; the "
                "difference may be applications carried in from last year or over to next year",
                zh=f"所列办理结果及结转数之和为{fmt(s)}（{listing}），与收到申请{total.text}不同；"
                "差额可能是上年结转或结转下年度的申请",
                span=total.span,
                observed=total.value,
                expected=s,
                severity="info",
                basis=tuple(claim_basis(c) for c in (total, *parts)),
            )
            return
        if (received and len(stages - {None}) > 1) or "carried_in" in stages:
            return  # siblings of different stages (上年结转2件，同意公开9件…) are no breakdown of one total
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
    def _exhaustive(doc: Document, total, parts) -> bool | None:
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


def _carried_in(doc: Document) -> tuple[str, Basis] | None:
    """Table 3's 上年结转 total where it was read with certainty (a blank cell is 0)."""
    t3 = doc.tables.get("t3")
    if t3 is None:
        return None
    basis = cell_basis(t3, "carried_over", "total")
    if basis.how not in CERTAIN:
        return None
    if basis.value is None:
        basis = replace(basis, value=0) if basis.how == "blank" else basis
    return None if basis.value is None else ("t3", basis)


def _stage(words: str) -> str | None:
    """Which stage of an application the words right before a count name, if any (the last one named)."""
    best: tuple[int, str] | None = None
    for name, pattern in _STAGES:
        for m in pattern.finditer(words):
            if best is None or m.end() > best[0]:
                best = (m.end(), name)
    if best is None and re.search(r"(?<!依)申请", words):
        return "received"  # 申请 alone (当面申请20件); 办结申请62件 is handled
    return None if best is None else best[1]


def _breakdowns(doc: Document, parts: list) -> list[list]:
    """Parts of one total grouped by listing: a 类别： list is a breakdown of its own."""
    from ...claims import _CATEGORY_LIST

    groups: dict[object, list] = {}
    for p in parts:
        sent = doc.sentences[p.sentence] if p.sentence is not None else None
        key = p.sentence if sent is not None and _CATEGORY_LIST.search(sent.text) else "main"
        groups.setdefault(key, []).append(p)
    return list(groups.values())
