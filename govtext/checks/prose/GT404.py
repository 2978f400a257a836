from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from ...model import CellRef, Claim, Document, Finding
from ...tables.schema import T3_PART_COLUMNS
from ..base import Rule, cell_basis, cell_label, claim_basis
from . import claim_offset, clause_after, clause_before, fmt

#: words that make an 申请 something other than a request for government information
_NOT_APPLICATIONS = re.compile(
    r"复议|诉讼|信访|投诉|举报|咨询|建议|提案|留言|热线|依职权|许可|审批|补正|材料|登记|备案|救助|补贴|听证|鉴定"
)


_APPLICANT_WORDS = re.compile(r"自然人|公民|商业企业|科研机构|社会公益组织|法律服务机构|(?<!或)其他组织|法人")


def _received(clause: str) -> bool:
    if _APPLICANT_WORDS.search(clause):
        return False  # the applications of one kind of applicant: a column, not the total
    return (
        bool(re.search(r"收到|受理|新收|接收|接到", clause))
        and "申请" in clause
        and not _NOT_APPLICATIONS.search(clause)
        and not re.search(r"上一?年度?结转|结转下|办结|答复", clause)
    )


def _review(clause: str) -> bool:
    return "行政复议" in clause and "诉讼" not in clause and "起诉" not in clause and not _T4_OUTCOME.search(clause)


def _litigation(clause: str) -> bool:
    return (
        bool(re.search(r"行政诉讼|(?:被|提起|发生|涉及|应诉)诉讼|诉讼案件|^诉讼$", clause))
        and "复议" not in clause
        and not _T4_OUTCOME.search(clause)
    )


#: words that make a count of normative documents something other than those made this year
_NOT_MADE = re.compile(r"废止|现行有效|有效|清理|备案|审查|累计|解读|宣传|公开总|新公开")
_T4_OUTCOME = re.compile(r"维持|纠正|纠错|其他结果|尚未审结|审理中|未审结|未结")


def _normative(clause: str, what: str = "规范性文件") -> bool:
    if what == "规章" and "规范性文件" in clause:
        return False
    return (
        what in clause and bool(re.search(r"制发|印发|出台|制定|发布|新制作", clause)) and not _NOT_MADE.search(clause)
    )


_IN_FORCE = re.compile(r"现行有效|仍然有效|仍有效|继续有效|有效的")


def _normative_in_force(clause: str, what: str = "规范性文件") -> bool:
    if what == "规章" and "规范性文件" in clause:
        return False
    return what in clause and bool(_IN_FORCE.search(clause)) and not re.search(r"废止|制发|印发|清理后|累计", clause)


def _normative_repealed(clause: str, what: str = "规范性文件") -> bool:
    if what == "规章" and "规范性文件" in clause:
        return False
    return what in clause and "废止" in clause and not re.search(r"现行有效|制发|印发|失效|累计|拟", clause)


def _normative_published_total(clause: str) -> bool:
    return "规范性文件" in clause and bool(re.search(r"对外公开总|累计[^，。；]{0,4}对外公开|累计公开", clause))


def _normative_published(clause: str) -> bool:
    """2019 template: 本年新公开 规范性文件 (not 累计, not 对外公开总数)."""
    return "规范性文件" in clause and bool(re.search(r"新公开", clause)) and not re.search(r"累计|总", clause)


def _decisions(row: str, words: str) -> Callable[[str], bool]:
    """行政处罚/行政许可/行政强制 决定: a count of decisions (作出行政处罚决定274件), not of cases or applications."""
    return lambda clause: words in clause and "决定" in clause and not re.search(r"申请|案件|复议|诉讼|撤销", clause)


def _carried_over(clause: str) -> bool:
    return bool(re.search(r"上一?年度?(?:结转|遗留)|结转上一?年", clause)) and not re.search(
        r"结转(?:至|到)?下", clause
    )


def _carried_forward(clause: str) -> bool:
    return bool(
        re.search(r"结转(?:至|到)?(?:下一?年度?|\d{4}年)|顺延(?:至|到)下一?年度?|转入下一?年度?", clause)
    ) and not (re.search(r"上一?年度?结转", clause))


def _handled(clause: str) -> bool:
    """办结/答复 applications: table 3's (七)总计, every outcome (not 对答复“…不掌握…”的14件申请: one kind)."""
    bare = clause.replace("政府信息公开", "")
    if _ITEM_WORDS.search(bare) or re.search(
        r"予以公开|部分公开|不予公开|同意公开|无法提供|不予处理|其他处理|[“”\"]|的$", bare
    ):
        return False
    return (
        bool(re.search(r"办结|答复|办理完毕", clause))
        and "申请" in clause
        # 未办结, 仍在答复期限内: not handled; 上年度遗留: carried over
        and not re.search(
            r"率|按时|超期|逾期|延期|延长|结转|顺延|遗留|复议|诉讼|书面|电话|网上|当面|信函|补正|未|尚|仍|期限|期内",
            clause,
        )
        and not _NOT_APPLICATIONS.search(clause)
    )


#: a subject narrower than the body the tables count: one office acting for it (区政府办代表区政府受理…)
_NARROWER = re.compile(r"代表|本级|政府办|办公室|办公厅")
#: a named unit as the subject of a count (执法稽查科受理…, 区市场监管局收到…)
_UNIT = re.compile(
    r"([\u4e00-\u9fff]{1,12}?(?:科|股|室|处|所|队|站|中心|局|委员会|委|办))(?:[\u4e00-\u9fff]{0,6}?)"
    r"(?:共|全年|本年度?|依法)?(?:受理|收到|办理|办结|答复|接收|接到|制发|印发)"
)
#: a subject broader than the reporting body: all levels or a whole system (全区各级行政机关, 全市市场监管系统)
_BROADER = re.compile(r"各级|[^，。；]{0,8}系统|全[省市区县][^，。；]{0,6}各|全[省市区县]范围")


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


def _cell(table: str, row: str, col: str | dict[str, str]) -> Callable[[Document], tuple[Cell, ...]]:
    """One cell, its column chosen by the table's template where the templates differ (``{"2021": …}``)."""

    def cells(d: Document) -> tuple[Cell, ...]:
        if isinstance(col, str):
            return ((table, row, col),)
        t = d.tables.get(table)
        chosen = None if t is None else col.get(t.template)
        return () if chosen is None else ((table, row, chosen),)

    return cells


def _one(d: Document, cells: tuple[Cell, ...]) -> list[float]:
    v = _get(d, *cells[0]) if cells else None
    return [] if v is None else [v]


#: (what, 中文, test of the number's own words, the cells, the values the number may equal);
#: the first test that holds decides, so the narrower ones come first
_CHECKS: tuple[
    tuple[str, str, Callable[[str], bool], Callable[[Document], tuple[Cell, ...]], Callable[..., list[float]]], ...
] = (
    ("applications carried over from last year", "上年结转申请", _carried_over,
     _cell("t3", "carried_over", "total"), _one),
    ("applications carried over to next year", "结转下年度申请", _carried_forward,
     _cell("t3", "carried_forward", "total"), _one),
    (
        "applications received",
        "收到申请",
        _received,
        lambda d: (("t3", "new_received", "total"), ("t3", "carried_over", "total")),
        # 收到75件 may count the carried-over applications too
        lambda d, cells: [
            v
            for v in (
                _get(d, "t3", "new_received", "total"),
                (_get(d, "t3", "new_received", "total") or 0) + (_get(d, "t3", "carried_over", "total") or 0),
            )
            if v is not None
        ],
    ),
    ("applications handled", "办结申请", _handled, _cell("t3", "total", "total"), _one),
    ("lawsuits without review", "未经复议直接起诉", lambda c: bool(re.search(r"未经复议|直接起诉", c)),
     _cell("t4", "litigation_direct", "total"), _one),
    ("lawsuits after review", "复议后起诉",
     lambda c: bool(re.search(r"复议后(?:又|再)?(?:提起|再)?(?:行政)?(?:起诉|诉讼)", c)),
     _cell("t4", "litigation_after_review", "total"), _one),
    ("administrative reviews", "行政复议", _review, _cell("t4", "review", "total"), _one),
    (
        "administrative lawsuits",
        "行政诉讼",
        _litigation,
        lambda d: (("t4", "litigation_direct", "total"), ("t4", "litigation_after_review", "total")),
        lambda d, cells: [
            v
            for v in (
                (_get(d, "t4", "litigation_direct", "total") or 0)
                + (_get(d, "t4", "litigation_after_review", "total") or 0),
                _get(d, "t4", "litigation_direct", "total"),
            )
            if v is not None and d.tables.get("t4") is not None
        ],
    ),
    ("normative documents in force", "现行有效规范性文件", _normative_in_force,
     _cell("t2", "normative_docs", {"2021": "in_force"}), _one),
    ("normative documents repealed", "废止规范性文件", _normative_repealed,
     _cell("t2", "normative_docs", {"2021": "repealed"}), _one),
    ("normative documents published in all", "规范性文件对外公开总数", _normative_published_total,
     _cell("t2", "normative_docs", {"2019": "published_total"}), _one),
    ("normative documents published this year", "本年新公开规范性文件", _normative_published,
     _cell("t2", "normative_docs", {"2019": "new_published"}), _one),
    ("normative documents made", "制发规范性文件", _normative,
     _cell("t2", "normative_docs", {"2021": "made", "2019": "new_made"}), _one),
    ("regulations in force", "现行有效规章", lambda c: _normative_in_force(c, "规章"),
     _cell("t2", "regulations", {"2021": "in_force"}), _one),
    ("regulations repealed", "废止规章", lambda c: _normative_repealed(c, "规章"),
     _cell("t2", "regulations", {"2021": "repealed"}), _one),
    ("regulations made", "制发规章", lambda c: _normative(c, "规章"),
     _cell("t2", "regulations", {"2021": "made", "2019": "new_made"}), _one),
    ("other services decisions", "其他对外管理服务事项处理决定", _decisions("other_services", "其他对外管理服务事项"),
     _cell("t2", "other_services", {"2019": "decisions"}), _one),
    ("penalty decisions", "行政处罚决定", _decisions("penalty", "行政处罚"), _cell("t2", "penalty", "decisions"), _one),
    ("licensing decisions", "行政许可决定", _decisions("licensing", "行政许可"),
     _cell("t2", "licensing", "decisions"), _one),
    ("coercion decisions", "行政强制决定", _decisions("coercion", "行政强制"), _cell("t2", "coercion", "decisions"), _one),
    ("procurement items", "政府集中采购项目", lambda c: "集中采购" in c and "项目" in c and "金额" not in c,
     _cell("t2", "procurement", {"2019": "items"}), _one),
)  # fmt: skip


class ProseVsTable(Rule):
    """A count stated in the prose disagrees with the table cell it describes.

    说明
        The prose of section 一 usually repeats the tables' key figures.  A count is set
        against the cell its own words name, in either template: applications received
        (表三 一、本年新收, or 新收 + 上年结转 where the prose counts both), carried over from
        last year (上年结转, 上年度遗留), handled (办结, 答复, 办理完毕: （七）总计), carried over
        to next year (结转下年度, 顺延至下一年度), one outcome row named by its own words
        (因本机关不掌握相关政府信息无法提供12件), an outcome group (予以公开及部分公开258件,
        不予公开8件, 因…等原因无法提供265件, 其他处理: the sum of the group's rows), one kind of
        applicant (自然人申请51件: the 新收 column), administrative reviews and lawsuits and
        their outcomes (表四: 行政复议, 行政诉讼, 未经复议直接起诉, 复议后起诉, 结果维持/纠正/纠错/
        尚未审结, the lawsuit group named as their scope), table 2's normative documents and
        regulations made, repealed and in force (2019: 新制作, 新公开, 对外公开总数), and its
        decisions (作出行政处罚决定274件); and statements such as 没有收到政府信息公开申请
        (表三 新收 = 0).  A figure that differs from its cell means one of them was not updated.
        Figures with 余/近/超过 are compared as bounds.  Where no cell's words fit, or two do
        (被申请行政复议和提起行政诉讼各4件), nothing is compared; words that name no request for
        government information (行政许可申请, 补正材料, 解读材料) name no cell.  A count whose
        subject is narrower than the reporting body (区政府办代表区政府受理…, 本级, 执法稽查科,
        another 局) or broader (全区各级行政机关, 全市…系统) is at most information.

    中文
        正文所述的数量与其对应的表格单元格不一致。

        第一部分的正文通常会复述表格中的主要数字。每个数字只与其自身文字所指的单元格对照，两种格式都适用：
        收到的申请（表三“一、本年新收政府信息公开申请数量”，正文把上年结转一并计入时为两者之和）、
        上年结转（含“上年度遗留”）、办结或答复（“（七）总计”）、结转下年度（含“顺延至下一年度”）、
        文字点名的单个办理结果行（如“因本机关不掌握相关政府信息无法提供12件”）、办理结果分组
        （予以公开及部分公开、不予公开、“……等原因无法提供”、不予处理、其他处理，取该组各行之和）、
        某一类申请人（如“自然人申请51件”，对照本年新收该列）、行政复议和行政诉讼及其结果
        （表四：行政复议、行政诉讼、未经复议直接起诉、复议后起诉，结果维持、纠正（纠错）、尚未审结；
        “直接起诉的案件中……”以该组为范围）、表二规范性文件和规章的制发、废止、现行有效件数
        （2019年格式为本年新制作、本年新公开、对外公开总数量）以及处理决定数量，
        还有“没有收到政府信息公开申请”之类的表述（表三本年新收为0）。数字与表格不一致，说明其中一处没有更新。
        带“余”“近”“超过”的数字按上下限比较（带“约”“左右”的允许约10%的出入）。没有单元格与文字对应，
        或有两个单元格都对应（如“被申请行政复议和提起行政诉讼各4件”）时不比较；“行政许可申请”“补正材料”
        “解读材料”等并非政府信息公开申请，不对应任何单元格。数字所指范围比报告机关窄
        （区政府办代表区政府受理……、本级、某个科室、另一个局）或宽（全区各级行政机关、全市……系统）的，
        最多只作提示。表格没有印出相应的行时不比较。该项为错误；正文数字或所依据的单元格未能确切读取时，
        改报为GT207警告。

    错误示例
        ``全年共收到政府信息公开申请3120件`` with 表三 本年新收 总计 3119.

    正确示例
        ``全年共收到政府信息公开申请3119件``
    """

    code = "GT404"
    name = "prose.prose_vs_table"
    severity = "error"
    group = "prose"
    requires = ("sections", "claims", "tables")

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
            wider = None if scope else _broader(doc, claim)
            note, note_zh = (
                (f" (the prose speaks of a narrower scope, {scope}: not the whole body the table counts)",
                 f"（正文所述范围较窄：“{scope}”，未必是表格统计的全部）")
                if scope else
                (f" (the prose speaks of a broader scope, {wider}: more than the body the table counts)",
                 f"（正文所述范围较宽：“{wider}”，不只是表格统计的本机关）")
                if wider else ("", "")
            )  # fmt: skip
            scope = scope or wider
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
                cell=CellRef(
                    table,
                    row,
                    col,
                    label=doc.tables[table].rows[row].label if row in doc.tables[table].rows else None,
                    bbox=cell.bbox if cell is not None else None,
                    line=cell.span.line if cell is not None and cell.span is not None else None,
                ),
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
    clause = before + re.split(r"[、（(]", after)[0]  # an aside in brackets is not the number's words
    if claim.value == 0 and claim.unit is None:  # 未收到政府信息公开申请: the words follow the negation
        clause = claim.text + clause_after(doc, claim, 24)
    group = _outcome_group(doc, claim, clause, before)
    if group is not None:
        return group
    both = _each(doc, claim, before)
    if both is not None:
        return both
    sentence = doc.sentences[claim.sentence].text if claim.sentence is not None else ""
    upto = (
        sentence[: claim_offset(doc, claim) - doc.sentences[claim.sentence].start] if claim.sentence is not None else ""
    )
    for what, zh_what, test, find_cells, expected in _CHECKS:
        if claim.role == "part" and what not in _PART_WHATS:
            continue  # a part of a list is compared only where its words name one row or column
        # 共受理申请3119件，答复3050件: 答复's applications are named earlier in the sentence
        words = clause + ("申请" if what == "applications handled" and "申请" in upto else "")
        if not test(words):
            continue
        cells = find_cells(doc)
        if not cells:
            return None  # the report's template has no such cell
        table, row, _col = cells[0]
        if doc.tables.get(table) is None or row not in doc.tables[table].rows:
            return None  # the report does not print the cell: nothing to compare with
        values = expected(doc, cells)
        if what == "applications received" and _CARRIED_APART.search(_rest_of_sentence(doc, claim)):
            values = values[:1]  # 收到申请3件，上年结转1件: the carried-over ones are stated apart
        if any(not float(v).is_integer() or v < 0 for v in values):
            return None  # a cell that is no count (GT304 says so) is no measure of the prose
        return (what, zh_what, values, cells) if values else None
    return _outcome_of_t4(doc, claim, clause) or _one_row(doc, claim, clause, before) or _applicants(doc, claim, before)


#: the checks a part of a list goes through: its own words name one row or column exactly
_PART_WHATS = frozenset(
    {"applications carried over from last year", "applications carried over to next year", "applications handled"}
)
#: a number with its unit and the separator after it, inside a clause
_AFTER_NUMBER = re.compile(r"(?<!\d)(?<!\d[,.])\d[\d,.]*+\s*[件个份宗起条项次]?\s*[、和及与]")  # once per run: linear
#: 上年结转 stated with its own number, not as part of the received count (含上年结转2件)
_CARRIED_APART = re.compile(r"(?<!含)(?<!包括)(?<!其中)上年结转[^，。；\d]{0,8}\d")


#: table 3's outcome groups as the prose names them: (what, 中文, the words, the rows they sum)
_GROUPS: tuple[tuple[str, str, re.Pattern[str], str], ...] = (
    ("applications granted in whole or in part", "予以公开及部分公开",
     re.compile(r"予以公开[及和与、]部分公开|全部或部分公开|全部公开[及和与、]部分公开"), "granted|partially_granted"),
    ("applications granted", "予以公开", re.compile(r"(?<!不)(?:予以|同意|全部)公开(?![及和与、]部分)"), "granted"),
    ("applications partially granted", "部分公开", re.compile(r"(?<![及和与、或])部分公开"), "partially_granted"),
    ("applications denied", "不予公开", re.compile(r"不予公开"), "denied."),
    ("applications that could not be met", "无法提供", re.compile(r"无法提供"), "unable."),
    ("applications not processed", "不予处理", re.compile(r"不予处理"), "not_processed."),
    ("applications otherwise handled", "其他处理", re.compile(r"其他处理"), "other|other."),
)  # fmt: skip
_GROUP_WHATS = frozenset(g[0] for g in _GROUPS)
#: items closed by 等 before the group's words: the group (因本机关不掌握等原因无法提供, 重复申请等作不予处理)
_GROUP_BY_ETC = re.compile(
    r"等(?:原因|情形|理由|情况)|等[^，。；\d]{0,3}(?:予以公开|部分公开|不予公开|无法提供|不予处理|其他处理)"
)
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
    the sentence or the six before it speak of applications.
    """
    named = [g for g in _GROUPS if g[2].search(clause)]
    # an item of the group named (因本机关不掌握…无法提供): the item's count, unless 等原因 makes it the group's
    if len(named) != 1 or (_ITEM_WORDS.search(clause) and not _GROUP_BY_ETC.search(clause)):
        return None
    # the group must be what the number counts: its words end right before the number (作出不予公开决定的3件
    # counts decisions of a kind, not the group)
    if not re.search(rf"(?:{named[0][2].pattern})(?:的)?(?:申请)?(?:的)?$", before.rstrip(" 共计约近达为")):
        return None
    t3 = doc.tables.get("t3")
    if t3 is None or claim.sentence is None:
        return None
    if "申请" not in _near(doc, claim) or "主动公开" in clause:
        return None
    what, zh_what, _, spec = named[0]
    rows = [r for r in t3.layout if any(r == a or (a.endswith(".") and r.startswith(a)) for a in spec.split("|"))]
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


#: one row of table 3's outcomes, by the words only that row's label has
_ROW_WORDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"国家秘密"), "denied.state_secret"),
    (re.compile(r"法律[、和]?行政法规禁止"), "denied.prohibited_by_law"),
    (re.compile(r"三安全一稳定"), "denied.security_stability"),
    (re.compile(r"第三方合法权益"), "denied.third_party"),
    (re.compile(r"内部事务"), "denied.internal_affairs"),
    (re.compile(r"过程性信息"), "denied.process_info"),
    (re.compile(r"行政执法案卷"), "denied.enforcement_files"),
    (re.compile(r"行政查询事项"), "denied.query_matters"),
    (re.compile(r"本机关不掌握"), "unable.not_held"),
    (re.compile(r"另行制作"), "unable.needs_creation"),
    (re.compile(r"补正后[^，。；]{0,8}不明确"), "unable.unclear"),
    (re.compile(r"信访[、，]?举报[、，]?投诉"), "not_processed.complaint"),
    (re.compile(r"重复申请"), "not_processed.repeated"),
    (re.compile(r"公开出版物"), "not_processed.publication"),
    (re.compile(r"大量反复"), "not_processed.excessive"),
    (re.compile(r"确认或重新出具"), "not_processed.confirmation"),
    (re.compile(r"逾期[^，。；]{0,4}补正"), "other.no_correction"),
    (re.compile(r"逾期[^，。；]{0,6}(?:缴纳|缴费)"), "other.unpaid_fee"),
)


def _one_row(
    doc: Document, claim: Claim, clause: str, before: str
) -> tuple[str, str, list[float], tuple[Cell, ...]] | None:
    """A count of one outcome row (因本机关不掌握相关政府信息无法提供12件) against that row's 总计.

    Only where the number's own words name exactly one row and no 等 (which would make it a
    group), and the sentence speaks of applications.
    """
    hits = [(m, row) for pattern, row in _ROW_WORDS if (m := pattern.search(before))]
    if len(hits) != 1 or "等" in before[hits[0][0].end() :]:
        return None  # several items, or items closed by 等: a group, not one row
    named = [hits[0][1]]
    t3 = doc.tables.get("t3")
    if t3 is None or named[0] not in t3.rows or "申请" not in _near(doc, claim) + before:
        return None
    cells = (("t3", named[0], "total"),)
    values = _one(doc, cells)
    label = t3.rows[named[0]].label
    return (f"applications of the row {label}", label, values, cells) if values else None


_T4_OUTCOME_COLS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"(?:结果)?维持"), "upheld", "结果维持"),
    (re.compile(r"(?:结果)?纠正|纠错"), "corrected", "结果纠正"),
    (re.compile(r"其他结果"), "other", "其他结果"),
    (re.compile(r"尚未审结|审理中|未审结|未结"), "pending", "尚未审结"),
)


def _outcome_of_t4(doc: Document, claim: Claim, clause: str) -> tuple[str, str, list[float], tuple[Cell, ...]] | None:
    """A review's or lawsuits' outcome (行政复议…结果维持3件) against table 4's outcome column.

    The outcome is named by the number's own words; whether it is of reviews or of lawsuits,
    by the last of 复议/诉讼 named before it in the sentence (reviews: the review group; lawsuits:
    both lawsuit groups added up).  Where both or neither are named, nothing is compared.
    """
    named = [(col, zh) for pattern, col, zh in _T4_OUTCOME_COLS if pattern.search(clause)]
    t4 = doc.tables.get("t4")
    if len(named) != 1 or t4 is None or claim.sentence is None:
        return None
    sent = doc.sentences[claim.sentence]
    upto = sent.text[: claim_offset(doc, claim) - sent.start]
    col, zh = named[0]
    groups: tuple[str, ...]
    # 直接起诉的案件中，结果维持1件: one lawsuit group, named as the scope of what follows
    scope = list(
        re.finditer(r"(复议后(?:又|再)?(?:提起)?(?:起诉|诉讼)|未经复议直接起诉|直接起诉)(?:的案件|案件)?中", upto)
    )
    last = max((m for m in re.finditer(r"复议后起诉|复议|诉讼", upto)), key=lambda m: m.start(), default=None)
    if scope:
        after_review = scope[-1].group(1).startswith("复议后")
        groups = ("litigation_after_review",) if after_review else ("litigation_direct",)
        zh_what = f"{'复议后起诉' if after_review else '未经复议直接起诉'}{zh}"
    elif last is None:
        return None
    elif last.group() == "复议" and "诉讼" not in upto:
        groups = ("review",)
        zh_what = f"行政复议{zh}"
    elif last.group() == "诉讼" and "复议" not in upto:
        groups = ("litigation_direct", "litigation_after_review")
        zh_what = f"行政诉讼{zh}"
    else:
        return None
    cells = tuple(("t4", g, col) for g in groups)
    values = [_get(doc, *c) for c in cells]
    if any(v is None for v in values) or any(g not in t4.rows for g in groups):
        return None
    kind = "administrative reviews" if groups == ("review",) else "administrative lawsuits"
    return (f"{kind} with the outcome {zh}", zh_what, [sum(values)], cells)  # type: ignore[arg-type]


_APPLICANT_COLS: tuple[tuple[re.Pattern[str], tuple[str, ...], str], ...] = (
    (re.compile(r"自然人|公民(?:个人)?(?=提出|申请)|个人(?=提出|申请)"), ("natural_person",), "自然人"),
    (re.compile(r"商业企业|(?<![事])企业(?=提出|申请|的申请)"), ("commercial",), "商业企业"),
    (re.compile(r"科研机构"), ("research",), "科研机构"),
    (re.compile(r"社会公益组织"), ("social_welfare",), "社会公益组织"),
    (re.compile(r"法律服务机构"), ("legal_services",), "法律服务机构"),
    (re.compile(r"(?<!或)其他组织"), ("other_org",), "其他组织"),
    (re.compile(r"法人或其他组织|法人和其他组织"), ("commercial", "research", "social_welfare", "legal_services", "other_org"),
     "法人或其他组织"),
)  # fmt: skip


def _applicants(doc: Document, claim: Claim, before: str) -> tuple[str, str, list[float], tuple[Cell, ...]] | None:
    """Applications received from one kind of applicant (自然人申请50件) against table 3's 新收 column.

    Only in a sentence about applications received (收到/受理/新收 … 申请 before the number, no
    outcome named), where the number's own words name exactly one kind of applicant.
    """
    named = [(cols, zh) for pattern, cols, zh in _APPLICANT_COLS if pattern.search(before)]
    if len(named) > 1 and named[-1][1] == "法人或其他组织":
        named = named[-1:]
    if len(named) != 1 or claim.sentence is None:
        return None
    sent = doc.sentences[claim.sentence]
    upto = sent.text[: claim_offset(doc, claim) - sent.start]
    if claim.value == 0 and claim.unit is None:
        return None  # 未收到科研机构提出的申请: a zero of one column, stated without a number to point at
    head = _APPLICANT_WORDS.split(upto)[0]  # the words before the list of applicants
    received = _received(head) or bool(re.search(r"提出|申请", before)) or head.rstrip("，,：:").endswith("申请人中")
    if not received or re.search(r"公开|提供|处理|办结|答复|结转", upto.replace("政府信息公开", "")):
        return None
    t3 = doc.tables.get("t3")
    if t3 is None or "new_received" not in t3.rows:
        return None
    cols, zh = named[0]
    new = [_get(doc, "t3", "new_received", c) for c in cols]
    old = [_get(doc, "t3", "carried_over", c) for c in cols]
    if any(v is None for v in new):
        return None
    values: list[float] = [sum(new)]  # type: ignore[arg-type]
    if all(v is not None for v in old) and "carried_over" in t3.rows and "结转" not in sent.text:
        values.append(sum(new) + sum(old))  # type: ignore[arg-type]
    return (f"applications from {zh}", f"{zh}申请", values, tuple(("t3", "new_received", c) for c in cols))


def _each(doc: Document, claim: Claim, before: str) -> tuple[str, str, list[float], tuple[Cell, ...]] | None:
    """被申请行政复议和提起行政诉讼各4件: reviews and lawsuits alike, each set against its own total.

    The cell compared is the first of the two that disagrees (the reviews where both agree).
    """
    if not re.search(r"各$", before.rstrip(" 有为")) or not ("复议" in before and "诉讼" in before):
        return None
    if re.search(r"复议后|直接起诉|未经复议", before) or claim.role == "part":
        return None
    t4 = doc.tables.get("t4")
    if t4 is None or any(g not in t4.rows for g in ("review", "litigation_direct", "litigation_after_review")):
        return None
    review = _get(doc, "t4", "review", "total")
    direct, after = _get(doc, "t4", "litigation_direct", "total"), _get(doc, "t4", "litigation_after_review", "total")
    if review is None or direct is None or after is None:
        return None
    lawsuit_cells = (("t4", "litigation_direct", "total"), ("t4", "litigation_after_review", "total"))
    if review == claim.value and direct + after != claim.value:
        return ("administrative lawsuits", "行政诉讼", [direct + after], lawsuit_cells)
    return ("administrative reviews", "行政复议", [review], (("t4", "review", "total"),))


def _near(doc: Document, claim: Claim, back: int = 6) -> str:
    """The claim's sentence and the ``back`` sentences before it."""
    if claim.sentence is None:
        return ""
    return "".join(doc.sentences[k].text for k in range(max(0, claim.sentence - back), claim.sentence + 1))


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
    if claim.sentence is not None:  # the subject may open the sentence: 其中，执法稽查科受理…
        sent = doc.sentences[claim.sentence]
        clause = sent.text[: claim_offset(doc, claim) - sent.start][-40:]
    m = _NARROWER.search(clause)
    if m is None:
        return _other_unit(doc, clause)
    agency = doc.meta.agency or ""
    offices = [w for w in ("办公厅", "办公室", "政府办") if w in clause]
    if offices and all(w in agency for w in offices):
        return None  # the office is the body whose report this is
    return m.group()


def _other_unit(doc: Document, clause: str) -> str | None:
    """A unit other than the reporting body named as the subject (执法稽查科受理…, 区市场监管局收到…)."""
    m = _UNIT.search(clause)
    if m is None:
        return None
    unit = re.sub(r"^(?:其中|全年|本年度?|今年|[，、])+", "", m.group(1))
    if re.match(r"^(?:本|我|该)(?:局|委|办|中心|机关|单位|部门)?$", unit) or unit in ("本机关", "我机关"):
        return None
    agency = re.sub(r"人民", "", doc.meta.agency or "")
    short = re.sub(r"人民", "", unit)
    if short and (short in agency or (agency.endswith(short[-4:]) and len(short) >= 4 and short[-4:] in agency)):
        return None
    return unit


def _broader(doc: Document, claim: Claim) -> str | None:
    """The words saying the count covers more than the reporting body (全区各级行政机关, 全市…系统)."""
    if claim.sentence is None:
        return None
    sent = doc.sentences[claim.sentence]
    m = _BROADER.search(sent.text[: claim_offset(doc, claim) - sent.start][-40:])
    return None if m is None else m.group()


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
