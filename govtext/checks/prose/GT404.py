from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from ...model import Claim, Document, Finding
from ...tables.schema import T3_PART_COLUMNS
from ..base import Rule, cell_basis, cell_label, claim_basis
from . import claim_offset, clause_after, clause_before, fmt

_NOT_APPLICATIONS = re.compile(r"复议|诉讼|信访|投诉|举报|咨询|建议|提案|留言|热线|依职权")


def _received(clause: str) -> bool:
    return (
        bool(re.search(r"收到|受理|新收|接收|接到", clause))
        and "申请" in clause
        and not _NOT_APPLICATIONS.search(clause)
    )


def _review(clause: str) -> bool:
    return "行政复议" in clause and "诉讼" not in clause and "后起诉" not in clause


def _litigation(clause: str) -> bool:
    return "行政诉讼" in clause and "复议" not in clause


#: words that make a count of normative documents something other than those made this year
_NOT_MADE = re.compile(r"废止|现行有效|有效|清理|备案|审查|累计")


def _normative(clause: str) -> bool:
    return (
        "规范性文件" in clause and bool(re.search(r"制发|印发|出台|制定|发布", clause)) and not _NOT_MADE.search(clause)
    )


def _normative_in_force(clause: str) -> bool:
    return "规范性文件" in clause and "现行有效" in clause and not re.search(r"废止|制发|印发|清理后|累计", clause)


#: a subject narrower than the body the tables count: one office acting for it (区政府办代表区政府受理…)
_NARROWER = re.compile(r"代表|本级|政府办|办公室|办公厅")


def _get(doc: Document, table: str, row: str, col: str) -> float | None:
    """The cell's value; a cell printed blank is 0 (the template's instruction); ``None`` where nothing was read."""
    t = doc.tables.get(table)
    if t is None:
        return None
    cell = t.cell(row, col)
    if cell is not None and cell.value is None and cell.how == "blank":
        return 0
    return t.get(row, col)


Cell = tuple[str, str, str]

#: (what, test of the clause before the number, the table values the number may equal,
#: the cells those values come from, the first being the one to point at)
_CHECKS: tuple[tuple[str, str, Callable[[str], bool], Callable[[Document], list[float]], tuple[Cell, ...]], ...] = (
    (
        "applications received",
        "收到申请",
        _received,
        # 收到75件 may count the carried-over applications too
        lambda d: [
            v
            for v in (
                _get(d, "t3", "new_received", "total"),
                (_get(d, "t3", "new_received", "total") or 0) + (_get(d, "t3", "carried_over", "total") or 0),
            )
            if v is not None
        ],
        (("t3", "new_received", "total"), ("t3", "carried_over", "total")),
    ),
    (
        "administrative reviews",
        "行政复议",
        _review,
        lambda d: [v for v in (_get(d, "t4", "review", "total"),) if v is not None],
        (("t4", "review", "total"),),
    ),
    (
        "administrative lawsuits",
        "行政诉讼",
        _litigation,
        lambda d: [
            v
            for v in (
                (_get(d, "t4", "litigation_direct", "total") or 0)
                + (_get(d, "t4", "litigation_after_review", "total") or 0),
                _get(d, "t4", "litigation_direct", "total"),
            )
            if v is not None and d.tables.get("t4") is not None
        ],
        (("t4", "litigation_direct", "total"), ("t4", "litigation_after_review", "total")),
    ),
    (
        "normative documents made",
        "制发规范性文件",
        _normative,
        lambda d: [v for v in (_get(d, "t2", "normative_docs", "made"),) if v is not None],
        (("t2", "normative_docs", "made"),),
    ),
    (
        "normative documents in force",
        "现行有效规范性文件",
        _normative_in_force,
        lambda d: [v for v in (_get(d, "t2", "normative_docs", "in_force"),) if v is not None],
        (("t2", "normative_docs", "in_force"),),
    ),
)


class ProseVsTable(Rule):
    """A count stated in the prose disagrees with the table cell it describes.

    说明
        The prose of section 一 usually repeats the tables' key figures: applications
        received (表三 一、本年新收, or 新收 + 上年结转 where the prose counts both),
        administrative reviews and lawsuits (表四 总计), normative documents made (表二
        本年制发), and statements such as 没有收到政府信息公开申请 (表三 新收 = 0).  A
        figure that differs from its table means one of them was not updated.  Figures
        with 余/近/超过 are compared as bounds.  A count is set against the cell its own words
        name (现行有效 规范性文件 against 现行有效件数, not 本年制发); one whose subject is
        narrower than the reporting body (区政府办代表区政府受理…, 本级, an office) is at most
        information.  A count of an outcome group (予以公开及部分公开258件, 不予公开8件,
        因本机关不掌握等原因无法提供265件), in either template, is set against the sum of the
        group's rows (their 总计, or their applicant columns where 总计 is left empty).

    中文
        正文所述的数量与其对应的表格单元格不一致。

        第一部分的正文通常会复述表格中的主要数字：收到的申请（表三“一、本年新收政府信息公开申请数量”，
        正文把上年结转一并计入时，为它与“二、上年结转政府信息公开申请数量”之和），
        行政复议和行政诉讼案件数（表四的“总计”），制发的规范性文件（表二“本年制发件数”），
        以及“没有收到政府信息公开申请”之类的表述（表三本年新收为0）。数字与表格不一致，
        说明其中一处没有更新。带“余”“近”“超过”的数字按上下限比较（带“约”“左右”的允许约10%的出入）。
        每个数字只与其自身文字所指的单元格对照（“现行有效”的规范性文件对照“现行有效件数”，
        而不是“本年制发件数”）；数字所指范围比报告机关窄的（区政府办代表区政府受理……、本级、
        某个办公室），最多只作提示。按办理结果分组的数量（予以公开及部分公开258件、不予公开8件、
        因本机关不掌握等原因无法提供265件），无论哪种格式，都与表三中该组各行之和对照（取各行的“总计”，
        “总计”空着时取各类申请人之和）。表格没有印出相应的行时不比较。该项为错误；
        正文数字或所依据的单元格未能确切读取时，改报为GT207警告。

    错误示例
        ``全年共收到政府信息公开申请3120件`` with 表三 本年新收 总计 3119.

    正确示例
        ``全年共收到政府信息公开申请3119件``
    """

    code = "GT404"
    name = "prose.prose_vs_table"
    severity = "error"
    group = "prose"

    def check(self, doc: Document) -> Iterator[Finding]:
        for claim in doc.claims:
            found = comparison(doc, claim)
            if found is None:
                continue
            what, zh_what, values, cells = found
            if _agrees(claim, values):
                continue
            table, row, col = cells[0]
            cell = doc.tables[table].cell(row, col)
            scope = _narrower(doc, claim)
            note, note_zh = (
                (f" (the prose speaks of a narrower scope, {scope}: not the whole body the table counts)",
                 f"（正文所述范围较窄：“{scope}”，未必是表格统计的全部）")
                if scope else ("", "")
            )  # fmt: skip
            named = cell_label(doc.tables[table], row, col)
            where, where_zh = f"{named} says", named
            if what in _GROUP_WHATS and len(cells) > 1:
                rows = list(dict.fromkeys(r for _, r, _ in cells))
                zh_table = "表" + "二三四"[int(table[1]) - 2]
                where = f"the {len(rows)} rows of {zh_what} in {zh_table} add up to"
                where_zh = f"{zh_table}{zh_what}各行合计"
            yield self.finding(
                f"the prose states {fmt(claim.value)} {what}, but {where} {fmt(values[0])}{note}",
                zh=f"正文所述{zh_what}为{fmt(claim.value)}，{where_zh}却为{fmt(values[0])}{note_zh}",
                severity="info" if scope else None,
                span=claim.span,
                observed=claim.value,
                expected=values[0],
                cell={"table": table, "row": row, "col": col}
                | ({"cell_line": str(cell.span.line)} if cell is not None and cell.span is not None else {}),
                basis=(
                    claim_basis(claim),
                    *(cell_basis(doc.tables[t], r, c) for t, r, c in cells if _printed(doc, t, r)),
                ),
            )


def comparison(doc: Document, claim: Claim) -> tuple[str, str, list[float], tuple[Cell, ...]] | None:
    """What a prose count is compared with: (what, 中文, the values it may equal, the table cells), or None."""
    if claim.kind != "count" or claim.confidence < 1:
        return None
    if claim.unit not in (None, "件", "个", "份", "宗", "起"):
        return None
    # the words that are the number's own: its clause up to the number, from the previous number of a
    # list (被申请行政复议3件、提起行政诉讼2件: 2件 is 提起行政诉讼), and a few characters after it up to
    # the next item (制发的2件行政规范性文件)
    before = _AFTER_NUMBER.split(clause_before(doc, claim))[-1]
    after = clause_after(doc, claim)
    clause = before + after.split("、")[0]
    if claim.value == 0 and claim.unit is None:
        clause = claim.text + (claim.subject or "")
    if claim.role == "part":  # a part of a list is compared only where it names a group of table 3's outcomes
        return _outcome_group(doc, claim, clause, before)
    group = _outcome_group(doc, claim, clause, before)
    if group is not None:
        return group
    for what, zh_what, test, expected, cells in _CHECKS:
        if not test(clause):
            continue
        table, row, _col = cells[0]
        if doc.tables.get(table) is None or row not in doc.tables[table].rows:
            return None  # the report does not print the cell: nothing to compare with
        values = expected(doc)
        if what == "applications received" and _CARRIED_APART.search(_rest_of_sentence(doc, claim)):
            values = values[:1]  # 收到申请3件，上年结转1件: the carried-over ones are stated apart
        return (what, zh_what, values, cells) if values else None
    return None


#: a number with its unit and the separator after it, inside a clause
_AFTER_NUMBER = re.compile(r"\d[\d,.]*\s*[件个份宗起条项次]?\s*[、和及与]")
#: 上年结转 stated with its own number, not as part of the received count (含上年结转2件)
_CARRIED_APART = re.compile(r"(?<!含)(?<!包括)(?<!其中)上年结转[^，。；\d]{0,8}\d")


#: table 3's outcome groups as the prose names them: (what, 中文, the words, the rows they sum)
_GROUPS: tuple[tuple[str, str, re.Pattern[str], str], ...] = (
    ("applications granted in whole or in part", "予以公开及部分公开",
     re.compile(r"予以公开[及和与、]部分公开|全部或部分公开|全部公开[及和与、]部分公开"), "granted|partially_granted"),
    ("applications granted", "予以公开", re.compile(r"(?<!不)予以公开(?![及和与、]部分)"), "granted"),
    ("applications partially granted", "部分公开", re.compile(r"(?<![及和与、或])部分公开"), "partially_granted"),
    ("applications denied", "不予公开", re.compile(r"不予公开"), "denied."),
    ("applications that could not be met", "无法提供", re.compile(r"无法提供"), "unable."),
    ("applications not processed", "不予处理", re.compile(r"不予处理"), "not_processed."),
)  # fmt: skip
_GROUP_WHATS = frozenset(g[0] for g in _GROUPS)
#: words naming one item of an outcome group (8.属于行政查询事项, 本机关不掌握…): the count is the item's, not the group's
_ITEM_WORDS = re.compile(
    r"国家秘密|禁止公开|三安全|第三方|内部事务|过程性|执法案卷|查询事项|不掌握|另行制作|不明确|信访|举报|投诉|重复申请"
    r"|出版物|反复申请|确认|重新出具"
)


def _outcome_group(
    doc: Document, claim: Claim, clause: str, before: str
) -> tuple[str, str, list[float], tuple[Cell, ...]] | None:
    """A count of applications by outcome (予以公开及部分公开258件, 不予公开8件) against the sum of its table-3 rows.

    Only where the number's own words name exactly one group, no item of it unless
    as 等 (因本机关不掌握等原因无法提供265件), the words end right before the number, and
    the sentence or the four before it speak of applications.
    """
    named = [g for g in _GROUPS if g[2].search(clause)]
    if len(named) != 1 or (_ITEM_WORDS.search(clause) and "等" not in clause):
        return None
    # the group must be what the number counts: its words end right before the number (作出不予公开决定的3件
    # counts decisions of a kind, not the group)
    if not re.search(rf"(?:{named[0][2].pattern})(?:申请)?$", before.rstrip(" 共计约近达")):
        return None
    t3 = doc.tables.get("t3")
    if t3 is None or claim.sentence is None:
        return None
    near = "".join(doc.sentences[k].text for k in range(max(0, claim.sentence - 4), claim.sentence + 1))
    if "申请" not in near or "主动公开" in clause:
        return None
    what, zh_what, _, spec = named[0]
    rows = [r for r in t3.data if r in spec.split("|") or (spec.endswith(".") and r.startswith(spec))]
    total, cells = 0.0, []
    for row in rows:
        if row not in t3.rows:
            return None  # a row of the group not read: nothing certain to compare with
        cell = t3.cell(row, "total")
        value = None if cell is None else cell.value  # a blank 总计 (left empty by some reports): add the row up
        if value is not None:
            total += value
            cells.append(("t3", row, "total"))
            continue
        parts = [(c, _get(doc, "t3", row, c)) for c in T3_PART_COLUMNS]
        if any(v is None for _, v in parts):
            return None
        total += sum(v for _, v in parts if v is not None)
        cells += [("t3", row, c) for c, _ in parts]
    return (what, zh_what, [total], tuple(cells)) if cells else None


def _rest_of_sentence(doc: Document, claim: Claim) -> str:
    if claim.sentence is None:
        return ""
    sent = doc.sentences[claim.sentence]
    return sent.text[claim_offset(doc, claim) - sent.start + len(claim.text) :]


def _narrower(doc: Document, claim: Claim) -> str | None:
    """The words saying the count is of a scope narrower than the reporting body, or ``None``.

    An office acting for the body (区政府办代表区政府受理…) or 本级 is narrower, unless the
    office is the reporting body itself (市政府办公厅代表市政府… in the 办公厅's own report).
    """
    clause = clause_before(doc, claim, 40)
    m = _NARROWER.search(clause)
    if m is None:
        return None
    agency = doc.meta.agency or ""
    offices = [w for w in ("办公厅", "办公室", "政府办") if w in clause]
    if offices and all(w in agency for w in offices):
        return None  # the office is the body whose report this is
    return m.group()


def _printed(doc: Document, table: str, row: str) -> bool:
    return doc.tables.get(table) is not None and doc.tables[table].printed(row)


def _agrees(claim: Claim, values: list[float]) -> bool:
    q = claim.qualifier
    for v in values:
        if q in (None, "共", "共计", "累计", "合计", "总计") and v == claim.value:
            return True
        if q in ("余", "多", "超过", "逾", "以上") and v >= claim.value:
            return True
        if q in ("近", "将近", "不到", "以下") and v <= claim.value:
            return True
        if q in ("约", "左右", "大约") and abs(v - claim.value) <= max(1, 0.1 * claim.value):
            return True
    return False
