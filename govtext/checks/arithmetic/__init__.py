"""Rules about the tables' arithmetic (GT3xx): the identities (勾稽关系) a correct report satisfies.

The identities themselves are declared once, in :func:`govtext.tables.schema.identities`.
A blank cell counts as 0 (the template's own instruction for empty cells); a cell
that holds text is unreadable and leaves its identity unchecked (GT202 reports
it); an identity whose total is not printed, or whose parts are all blank while
its total is not 0, is not checked (some reports leave the 总计 column of the
outcome rows empty).  A total printed blank where the same totals elsewhere are
filled in, beside parts that are not 0, is checked, but it is a total left out,
not a 0 read from the page: the finding is GT207's, not an error.  Every finding carries the cells it rests on (``basis``):
where one was not read with certainty the runner reports GT207 instead of an
error, and the single cell that would make every failing identity hold is named
(``suspect``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...model import Basis, Suspect
from ...tables.read import parse_value
from ...tables.schema import Identity, fmt_number, identities, t3_outcome_rows
from ..base import cell_basis

if TYPE_CHECKING:
    from ...tables import Table

COLUMN_ZH = {
    "natural_person": "自然人",
    "commercial": "商业企业",
    "research": "科研机构",
    "social_welfare": "社会公益组织",
    "legal_services": "法律服务机构",
    "other_org": "其他组织",
    "total": "总计",
    # table 4
    "upheld": "结果维持",
    "corrected": "结果纠正",
    "other": "其他结果",
    "pending": "尚未审结",
}


def cell_state(table: Table, row: str, col: str) -> str:
    """``"num"``, ``"blank"`` (printed empty or a dash), ``"bad"`` (text, unreadable) or ``"absent"``."""
    cell = table.cell(row, col)
    if cell is None:
        return "absent"
    if cell.value is not None:
        return "num"
    return "blank" if parse_value(cell.text)[1] and cell.confidence > 0 else "bad"


fmt = fmt_number


def table_identities(table: Table) -> tuple[Identity, ...]:
    """The identities of ``table`` as printed (a 2019-style ``other`` row in a 2021 table included)."""
    return identities(table.name, table.template, table.layout)


def checkable(table: Table, identity: Identity) -> tuple[float, float] | None:
    """``(parts, totals)`` of an identity the table lets us check, else ``None``.

    A blank is 0 (the template's instruction), but a report may leave a whole line of
    cells empty — most often the 总计 column of the outcome rows — and that is not a
    contradiction.  So an identity is not checked where a cell holds text (GT202 says
    so); where no total is printed as a number, unless the totals are blank and the
    same totals are filled in elsewhere in the table; or where every part is blank
    while the total is not 0, unless the same parts are filled in elsewhere.
    "Elsewhere" is the identities of the same kind in the same block of the table
    (:func:`_siblings`).
    """
    states = {cell: cell_state(table, *cell) for cell in identity.cells}
    if "bad" in states.values():
        return None
    if not _filled(table, identity, states, "totals"):
        return None
    parts, totals = identity.sides(table.get)
    if totals != 0 and not _filled(table, identity, states, "parts"):
        return None
    return parts, totals


def _filled(table: Table, identity: Identity, states: dict[tuple[str, str], str], side: str) -> bool:
    """Whether one side of an identity is printed: a number in it, or blanks where its siblings print numbers.

    In table 4, which no report leaves partly empty, blanks are 0 too where the table
    prints no 0 anywhere (its zeros are printed blank).
    """
    cells = getattr(identity, side)
    if any(states[c] == "num" for c in cells):
        return True
    if not all(states[c] == "blank" for c in cells):
        return False
    if table.name == "t4" and not any(c.value == 0 for c in table.cells.values()):
        return True
    if table.name == "t3" and side == "parts" and _t3_fills_parts(table, identity):
        return True
    return any(
        any(cell_state(table, *c) == "num" for c in getattr(sibling, side)) for sibling in _siblings(table, identity)
    )


def _t3_fills_parts(table: Table, identity: Identity) -> bool:
    """Whether table 3 fills in the cells of this identity's blank parts elsewhere, so that they are 0.

    A row's applicant columns are filled in where any row prints a number in one of
    them; an applicant column's outcome rows where any outcome row prints its 总计.
    """
    if identity.kind == "row_sum":
        cols = {c for _, c in identity.parts}
        return any(c.value is not None for (_, col), c in table.cells.items() if col in cols)
    if identity.kind == "outcome_sum" and identity.about != "total":
        rows = {r for r, _ in identity.parts}
        return any(table.get(r, "total") is not None for r in rows)
    return False


def _siblings(table: Table, identity: Identity) -> list[Identity]:
    """The other identities of the same kind and block: table 3's outcome rows apart from its other rows, and
    its 总计 column apart from the applicant columns (a report may leave either block empty as a whole)."""
    outcome = set(t3_outcome_rows(table.template)) | {"other"}

    def block(i: Identity) -> tuple[str, bool]:
        if i.table != "t3":
            return i.kind, True
        if i.kind == "row_sum":
            return i.kind, i.about in outcome
        return i.kind, i.about == "total"

    mine = block(identity)
    return [i for i in table_identities(table) if i != identity and block(i) == mine]


def failures(table: Table, kind: str) -> Iterator[tuple[Identity, float, float]]:
    """The identities of ``kind`` that can be checked and do not hold: ``(identity, parts, totals)``."""
    for identity in table_identities(table):
        if identity.kind != kind:
            continue
        sides = checkable(table, identity)
        if sides is not None and sides[0] != sides[1]:
            yield identity, sides[0], sides[1]


def basis(table: Table, identity: Identity) -> tuple[Basis, ...]:
    """How every cell of an identity was read.

    A row sum or group sum over cells cut from one run of digits that ran together,
    none of whose splits adds up (their ``how`` is ``guessed``), fails however the
    digits are cut: the finding rests on the printed digits, which were read.
    """
    digits = run_digits(table, identity)
    if digits is not None:
        what = f"{table.name} {identity.about} digits {digits}"
        return (Basis(what, "read", digits, "no way of splitting the printed digits satisfies the identity"),)
    return tuple(cell_basis(table, row, col) for row, col in identity.cells)


def run_digits(table: Table, identity: Identity) -> str | None:
    """The printed digits of a row or group whose cells were guessed out of one run (``None`` otherwise)."""
    if identity.kind not in ("row_sum", "group_sum"):
        return None
    cells = [table.cell(row, col) for row, col in identity.cells]
    present = [c for c in cells if c is not None]
    if (
        len(present) < len(cells)  # a cell of the identity the table does not have
        or any(c.how not in ("split", "guessed") for c in present)
        or all(c.how == "split" for c in present)
    ):
        return None
    return "".join(c.text for c in present)


def suspect(table: Table) -> Suspect | None:
    """The one cell that, changed, makes every failing identity of the table hold and breaks none that holds.

    Every identity that can be checked is considered; a candidate must lie in every
    failing one, in no holding one, and every failing identity must ask the same
    whole, non-negative value of it.  ``None`` where no cell or more than one does.
    """
    failing: list[Identity] = []
    holding: list[Identity] = []
    for identity in table_identities(table):
        sides = checkable(table, identity)
        if sides is not None:
            (holding if sides[0] == sides[1] else failing).append(identity)
    if not failing:
        return None
    candidates = set(failing[0].cells)
    for identity in failing[1:]:
        candidates &= set(identity.cells)
    for identity in holding:
        candidates -= set(identity.cells)
    found = []
    for cell in sorted(candidates):
        wanted = {identity.solve(cell, table.get) for identity in failing}
        if len(wanted) == 1 and (v := wanted.pop()) >= 0 and float(v).is_integer():
            found.append((cell, int(v)))
    if len(found) != 1:
        return None
    (row, col), value = found[0]
    label = table.rows[row].label if row in table.rows else None
    return Suspect(table.name, row, col, table.get(row, col), value, label)


def digits_note(table: Table, identity: Identity) -> tuple[str, str]:
    """What a finding adds when its row's digits ran together and no split adds up ('' otherwise)."""
    digits = run_digits(table, identity)
    if digits is None:
        return "", ""
    return (
        f" (its digits ran together as {digits}, and no way of splitting them adds up)",
        f"（该行数字连写为{digits}，无论如何拆分均不相符）",
    )


def suspect_note(s: Suspect | None) -> tuple[str, str]:
    """The sentence a finding adds about its suspect, in English and in Chinese ('' where there is none)."""
    if s is None:
        return "", ""
    printed = "blank" if s.printed is None else fmt(s.printed)
    where = f"“{s.label or s.row}” {COLUMN_ZH.get(s.col, s.col)}"
    return (
        f"; {where} (printed {printed}) as {fmt(s.value)} would make every identity of the table hold",
        f"；若“{s.label or s.row}”{COLUMN_ZH.get(s.col, s.col)}为{fmt(s.value)}（现为{'空' if s.printed is None else fmt(s.printed)}），"
        "表内各项勾稽关系即全部成立",
    )
