"""The canonical schema of the three standard tables, for both template generations.

Keys are those of ``annual-report-format.md``.  Each row and column carries the
label the national template prints and the variants real reports use, so that
rows are matched by label, not by position.

* **2021** (国办公开办函〔2021〕30号, reports for 2021 on): table 2 has six rows with
  本年制发/本年废止/现行有效 and 本年处理决定数量 and 本年收费金额; table 3 splits
  （六）其他处理 into three sub-rows.
* **2019** (reports for 2019 and 2020): table 2 has 本年新制作/本年新公开/对外公开总数量,
  上一年项目数量/本年增/减/处理决定数量, and a 政府集中采购 row; table 3's （六）其他处理
  is one row, key ``other``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

TEMPLATES = ("2021", "2019")


@dataclass(frozen=True)
class RowSpec:
    """One canonical row: its key, the label the template prints, and other labels seen."""

    key: str
    label: str
    aliases: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()  # table 2 only: the row's own columns


# --------------------------------------------------------------------------- table 3

T3_COLUMNS: tuple[tuple[str, str], ...] = (
    ("natural_person", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("social_welfare", "社会公益组织"),
    ("legal_services", "法律服务机构"),
    ("other_org", "其他"),
    ("total", "总计"),
)
T3_COLUMN_KEYS: tuple[str, ...] = tuple(k for k, _ in T3_COLUMNS)
#: The applicant columns whose sum is ``total``.
T3_PART_COLUMNS: tuple[str, ...] = T3_COLUMN_KEYS[:-1]

_T3_HEAD: tuple[RowSpec, ...] = (
    RowSpec("new_received", "一、本年新收政府信息公开申请数量", ("本年新收政府信息公开申请数量", "本年新收申请数量")),
    RowSpec("carried_over", "二、上年结转政府信息公开申请数量", ("上年结转政府信息公开申请数量", "上年结转申请数量")),
    RowSpec("granted", "（一）予以公开"),
    RowSpec("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ("（二）部分公开",)),
    RowSpec("denied.state_secret", "1.属于国家秘密"),
    RowSpec(
        "denied.prohibited_by_law", "2.其他法律行政法规禁止公开", ("2.其他法律行政止公开", "2.其他法律法规禁止公开")
    ),
    RowSpec("denied.security_stability", "3.危及“三安全一稳定”", ("3.危及三安全一稳定",)),
    RowSpec("denied.third_party", "4.保护第三方合法权益"),
    RowSpec("denied.internal_affairs", "5.属于三类内部事务信息"),
    RowSpec("denied.process_info", "6.属于四类过程性信息"),
    RowSpec("denied.enforcement_files", "7.属于行政执法案卷"),
    RowSpec("denied.query_matters", "8.属于行政查询事项"),
    RowSpec("unable.not_held", "1.本机关不掌握相关政府信息"),
    RowSpec("unable.needs_creation", "2.没有现成信息需要另行制作"),
    RowSpec("unable.unclear", "3.补正后申请内容仍不明确"),
    RowSpec("not_processed.complaint", "1.信访举报投诉类申请"),
    RowSpec("not_processed.repeated", "2.重复申请"),
    RowSpec("not_processed.publication", "3.要求提供公开出版物"),
    RowSpec("not_processed.excessive", "4.无正当理由大量反复申请"),
    RowSpec("not_processed.confirmation", "5.要求行政机关确认或重新出具已获取信息"),
)
_T3_OTHER_2021: tuple[RowSpec, ...] = (
    RowSpec("other.no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    RowSpec("other.unpaid_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    RowSpec("other.other", "3.其他"),
)
_T3_TAIL: tuple[RowSpec, ...] = (
    RowSpec("total", "（七）总计"),
    RowSpec("carried_forward", "四、结转下年度继续办理", ("结转下年度继续办理",)),
)

T3_ROWS: dict[str, tuple[RowSpec, ...]] = {
    "2021": _T3_HEAD + _T3_OTHER_2021 + _T3_TAIL,
    "2019": (*_T3_HEAD, RowSpec("other", "（六）其他处理"), *_T3_TAIL),
}

#: Row groups of table 3 (the printed group label and the keys under it).
T3_GROUPS: dict[str, str] = {
    "denied": "（三）不予公开",
    "unable": "（四）无法提供",
    "not_processed": "（五）不予处理",
    "other": "（六）其他处理",
}


def t3_outcome_rows(template: str) -> tuple[str, ...]:
    """The rows whose sum is （七）总计: every outcome row of the template."""
    keys = [r.key for r in T3_ROWS[template]]
    return tuple(keys[keys.index("granted") : keys.index("total")])


# --------------------------------------------------------------------------- table 2

T2_COLUMN_LABELS: dict[str, str] = {
    # 2021
    "made": "本年制发件数",
    "repealed": "本年废止件数",
    "in_force": "现行有效件数",
    "decisions": "本年处理决定数量",
    "amount_wan": "本年收费金额（单位：万元）",
    # 2019
    "new_made": "本年新制作数量",
    "new_published": "本年新公开数量",
    "published_total": "对外公开总数量",
    "prior_items": "上一年项目数量",
    "change": "本年增/减",
    "items": "采购项目数量",
    "amount": "采购总金额",
}

T2_ROWS: dict[str, tuple[RowSpec, ...]] = {
    "2021": (
        RowSpec("regulations", "规章", (), ("made", "repealed", "in_force")),
        RowSpec("normative_docs", "行政规范性文件", ("规范性文件",), ("made", "repealed", "in_force")),
        RowSpec("licensing", "行政许可", (), ("decisions",)),
        RowSpec("penalty", "行政处罚", (), ("decisions",)),
        RowSpec("coercion", "行政强制", (), ("decisions",)),
        RowSpec("fees", "行政事业性收费", (), ("amount_wan",)),
    ),
    "2019": (
        RowSpec("regulations", "规章", (), ("new_made", "new_published", "published_total")),
        RowSpec("normative_docs", "规范性文件", ("行政规范性文件",), ("new_made", "new_published", "published_total")),
        RowSpec("licensing", "行政许可", (), ("prior_items", "change", "decisions")),
        RowSpec("other_services", "其他对外管理服务事项", (), ("prior_items", "change", "decisions")),
        RowSpec("penalty", "行政处罚", (), ("prior_items", "change", "decisions")),
        RowSpec("coercion", "行政强制", (), ("prior_items", "change", "decisions")),
        RowSpec("fees", "行政事业性收费", (), ("prior_items", "change")),
        RowSpec("procurement", "政府集中采购", (), ("items", "amount")),
    ),
}

# --------------------------------------------------------------------------- table 4

T4_GROUPS: tuple[tuple[str, str], ...] = (
    ("review", "行政复议"),
    ("litigation_direct", "未经复议直接起诉"),
    ("litigation_after_review", "复议后起诉"),
)
T4_OUTCOMES: tuple[tuple[str, str], ...] = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)
T4_GROUP_KEYS: tuple[str, ...] = tuple(k for k, _ in T4_GROUPS)
T4_OUTCOME_KEYS: tuple[str, ...] = tuple(k for k, _ in T4_OUTCOMES)


#: The tables' names as the template prints them.
TABLE_LABELS: dict[str, str] = {
    "t2": "主动公开政府信息情况",
    "t3": "收到和处理政府信息公开申请情况",
    "t4": "政府信息公开行政复议、行政诉讼情况",
}


def row_label(table: str, row: str, template: str | None = None) -> str | None:
    """The Chinese label the template prints for a row; ``None`` for a key no template has.

    A row of a table-3 group carries the group's label too (``denied.state_secret`` is
    ``（三）不予公开 1.属于国家秘密``), so that the label alone names the row.  The row is
    looked up in ``template`` first, then in the other template (a 2019-style ``other``
    row in a 2021 table).
    """
    if table == "t4":
        return dict(T4_GROUPS).get(row)
    specs = T3_ROWS if table == "t3" else T2_ROWS if table == "t2" else {}
    order = [template] if template in specs else []
    order += [t for t in TEMPLATES if t not in order]
    for t in order:
        for spec in specs.get(t, ()):
            if spec.key == row:
                group = T3_GROUPS.get(row.split(".", 1)[0]) if table == "t3" and "." in row else None
                return f"{group} {spec.label}" if group else spec.label
    return None


def column_label(table: str, col: str) -> str | None:
    """The Chinese label the template prints for a column; ``None`` for a key no template has."""
    if table == "t3":
        return dict(T3_COLUMNS).get(col)
    if table == "t2":
        return T2_COLUMN_LABELS.get(col)
    if table == "t4":
        return dict(T4_OUTCOMES).get(col)
    return None


def fmt_number(v: float) -> str:
    """A number as a report prints it: ``12`` for 12.0, ``3.5`` for 3.5."""
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def empty_table(table: str, template: str) -> dict[str, dict[str, None]]:
    """The row -> column -> None skeleton of a table (every cell missing)."""
    if table == "t3":
        return {r.key: dict.fromkeys(T3_COLUMN_KEYS) for r in T3_ROWS[template]}
    if table == "t2":
        return {r.key: dict.fromkeys(r.columns) for r in T2_ROWS[template]}
    if table == "t4":
        return {g: dict.fromkeys(T4_OUTCOME_KEYS) for g in T4_GROUP_KEYS}
    raise ValueError(f"unknown table {table!r}")


# --------------------------------------------------------------------------- the identities (勾稽关系)

#: A cell of a table: (row key, column key).
CellKey = tuple[str, str]
#: A cell's value by row and column (``None``: blank or unknown, counted as 0).
Lookup = Callable[[str, str], "float | None"]

#: How a cell's value was obtained.  ``read``: printed in a cell of its own and parsed;
#: ``blank``: printed empty or as a dash in a cell whose extent is known (the template
#: counts it as 0); ``split``: cut out of digits that ran together, the one way the
#: identities allow among every way of cutting them (so any identity that still fails,
#: fails however the printed digits are read); ``inferred``: worked out, not printed (a
#: blank inferred from a gap in a PDF's text layer, numbers on several lines of a cell that
#: may be pieces of one); ``guessed``: one of several readings, or the closest of readings
#: none of which adds up; ``ocr``: recognised from an image; ``missing``: not read at all
#: (value ``None``, never 0); ``recorded``: taken from a saved record that did not keep how
#: the value was read (``Table.from_dict`` without ``detail``).
HOWS: tuple[str, ...] = ("read", "blank", "split", "inferred", "guessed", "ocr", "missing", "recorded")
#: The readings an error finding may rest on.
CERTAIN: frozenset[str] = frozenset({"read", "blank", "split"})


@dataclass(frozen=True)
class Identity:
    """One identity (勾稽关系) the template defines: ``sum(parts) == sum(totals)``.

    ``kind`` is ``row_sum`` (table 3: the applicant columns add up to 总计, one per
    row), ``outcome_sum`` (table 3: the outcome rows add up to （七）总计, one per
    column), ``balance`` (table 3: 新收 + 上年结转 = （七）总计 + 结转下年度, one per
    column) or ``group_sum`` (table 4: the four outcomes add up to 总计, one per
    group); ``about`` is the row or column it is stated for.  The rules
    (GT301/GT302/GT303/GT305), the reader's digit splitter and the generators all
    use these declarations.
    """

    kind: str
    table: str
    about: str
    parts: tuple[CellKey, ...]
    totals: tuple[CellKey, ...]

    @property
    def cells(self) -> tuple[CellKey, ...]:
        return self.parts + self.totals

    def sides(self, value: Lookup) -> tuple[float, float]:
        """``(sum of parts, sum of totals)`` with ``value(row, col)``; ``None`` counts as 0."""
        return (sum(value(r, c) or 0 for r, c in self.parts), sum(value(r, c) or 0 for r, c in self.totals))

    def holds(self, value: Lookup) -> bool:
        parts, totals = self.sides(value)
        return parts == totals

    def solve(self, cell: CellKey, value: Lookup) -> float:
        """The value ``cell`` must have for the identity to hold, the other cells as ``value`` gives them."""
        parts = sum(value(r, c) or 0 for r, c in self.parts if (r, c) != cell)
        totals = sum(value(r, c) or 0 for r, c in self.totals if (r, c) != cell)
        return totals - parts if cell in self.parts else parts - totals


def identities(table: str, template: str = "2021", rows: Iterable[str] = ()) -> tuple[Identity, ...]:
    """Every identity of ``table`` in ``template`` (table 2 has none).

    ``rows`` are the rows the printed table has beyond the template's: a 2019-style
    ``other`` row inside a 2021 table counts among the outcome rows.
    """
    return _identities(table, template, "other" in rows)


@lru_cache(maxsize=16)
def _identities(table: str, template: str, other_row: bool) -> tuple[Identity, ...]:
    rows = ("other",) if other_row else ()
    if table == "t3":
        keys = [r.key for r in T3_ROWS[template]]
        outcome = list(t3_outcome_rows(template))
        if "other" in rows and "other" not in outcome:
            outcome.append("other")
            keys.insert(keys.index("total"), "other")
        out = [
            Identity("row_sum", "t3", row, tuple((row, c) for c in T3_PART_COLUMNS), ((row, "total"),)) for row in keys
        ]
        out += [
            Identity("outcome_sum", "t3", col, tuple((r, col) for r in outcome), (("total", col),))
            for col in T3_COLUMN_KEYS
        ]
        out += [
            Identity(
                "balance",
                "t3",
                col,
                (("new_received", col), ("carried_over", col)),
                (("total", col), ("carried_forward", col)),
            )
            for col in T3_COLUMN_KEYS
        ]
        return tuple(out)
    if table == "t4":
        parts = T4_OUTCOME_KEYS[:-1]
        return tuple(
            Identity("group_sum", "t4", g, tuple((g, o) for o in parts), ((g, "total"),)) for g in T4_GROUP_KEYS
        )
    if table == "t2":
        return ()
    raise ValueError(f"unknown table {table!r}")


def parts_then_total(values: Sequence[float]) -> bool:
    """A row of the shape every ``row_sum`` and ``group_sum`` identity has: the parts, then their total."""
    return sum(values[:-1]) == values[-1]
