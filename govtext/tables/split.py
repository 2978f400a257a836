"""Splitting digits that run together back into cells, decided by the identities.

A crawler or a PDF text layer often prints a table row without separators:
``713000074`` for the seven cells 71, 3, 0, 0, 0, 0, 74 of a table-3 row.  A row
of *n* cells printed as *d* digits can be split in C(d-1, n-1) ways; the tables'
own arithmetic picks the one that was meant:

* a table-3 row: the six applicant columns add up to the total;
* a table-4 group: upheld + corrected + other + pending = total;
* across table-3 rows: each column's outcome rows add up to （七）总计, and
  一 + 二 = （七） + 四 (see :func:`choose_rows`).

A cell never starts with ``0`` unless it is ``0``.  Spaces in the printed run are
kept as hints: a split that puts its boundaries where the spaces are wins over one
that does not.  Where no identity applies (a table-2 row), :func:`split_plain`
ranks splits by plausibility and the caller marks the result as a guess.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from itertools import product
from typing import TypeVar

from .schema import parts_then_total

#: At most this many candidate splits are kept per row.
MAX_CANDIDATES = 64


def _parts(digits: str, n: int) -> Iterator[tuple[int, ...]]:
    """Every way of cutting ``digits`` into ``n`` numbers without leading zeros (as cut positions)."""
    d = len(digits)
    if n <= 0 or d < n:
        return

    def rec(start: int, left: int, acc: tuple[int, ...]) -> Iterator[tuple[int, ...]]:
        if left == 1:
            if digits[start] != "0" or d - start == 1:
                yield (*acc, d)
            return
        # a part starting with 0 is exactly "0"
        limit = start + 1 if digits[start] == "0" else d - left + 1
        for end in range(start + 1, min(limit, d - left + 1) + 1):
            yield from rec(end, left - 1, (*acc, end))

    yield from rec(0, n, ())


def _values(digits: str, cuts: tuple[int, ...]) -> tuple[int, ...]:
    out, prev = [], 0
    for c in cuts:
        out.append(int(digits[prev:c]))
        prev = c
    return tuple(out)


def _hint_cost(cuts: tuple[int, ...], spaces: frozenset[int]) -> int:
    """How far a split is from the spaces the run was printed with (0 = it cuts exactly there)."""
    inner = set(cuts[:-1])
    return len(inner ^ spaces)


def strip_run(run: str) -> tuple[str, frozenset[int]]:
    """The digits of a printed run and the positions (in the digits) where a space stood."""
    digits: list[str] = []
    spaces: set[int] = set()
    for ch in run:
        if ch.isdigit():
            digits.append(ch)
        elif ch.isspace() and digits:
            spaces.add(len(digits))
    return "".join(digits), frozenset(s for s in spaces if 0 < s < len(digits))


def split_row(run: str, n: int, check: Callable[[tuple[int, ...]], bool]) -> list[tuple[int, ...]]:
    """The splits of ``run`` into ``n`` cells that pass ``check``, best first (closest to the printed spaces)."""
    digits, spaces = strip_run(run)
    return _split_digits(digits, spaces, n, check)


def _split_digits(
    digits: str, spaces: frozenset[int], n: int, check: Callable[[tuple[int, ...]], bool]
) -> list[tuple[int, ...]]:
    found: list[tuple[int, tuple[int, ...]]] = []
    if len(digits) > 40:  # far longer than any row; do not search
        return []
    for cuts in _parts(digits, n):
        vals = _values(digits, cuts)
        if check(vals):
            found.append((_hint_cost(cuts, spaces), vals))
            if len(found) >= 4 * MAX_CANDIDATES:
                break
    found.sort(key=lambda x: x[0])
    best = [v for _, v in found]
    return best[:MAX_CANDIDATES]


#: A table-3 row or a table-4 group: the parts, then their total (the shape of the schema's
#: ``row_sum`` and ``group_sum`` identities).
row_sum_ok = parts_then_total


def split_groups(run: str, groups: int, size: int) -> list[tuple[int, ...]]:
    """Split a table-4 run into ``groups`` groups of ``size`` cells, each summing to its last cell."""
    digits, spaces = strip_run(run)
    if len(digits) > 60:
        return []

    @cache
    def rest(start: int, left: int) -> tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]:
        # (values, cut positions) for digits[start:] as `left` groups
        if left == 0:
            return (((), ()),) if start == len(digits) else ()
        out = []
        tail = digits[start:]
        for cuts in _parts_prefix(tail, size, min_rest=(left - 1) * size):
            vals = _values(tail, cuts)
            if not row_sum_ok(vals):
                continue
            end = start + cuts[-1]
            for more_vals, more_cuts in rest(end, left - 1):
                out.append((vals + more_vals, tuple(start + c for c in cuts) + more_cuts))
                if len(out) >= 4 * MAX_CANDIDATES:
                    return tuple(out)
        return tuple(out)

    found = [(_hint_cost(cuts, spaces), vals) for vals, cuts in rest(0, groups)]
    found.sort(key=lambda x: x[0])
    return [v for _, v in found][:MAX_CANDIDATES]


def split_groups_best(run: str, groups: int, size: int) -> tuple[tuple[int, ...], int] | None:
    """When no split satisfies every group: the split that satisfies the most, and how many it satisfies.

    A table-4 run with one wrong cell (``31317000001324019`` where 21317… was meant)
    has no split whose three groups all add up; the split that keeps two of them
    right puts the digits where they were printed and leaves the group-sum rule to
    report the third.
    """
    digits, spaces = strip_run(run)
    d = len(digits)
    if d > 30 or d < groups * size:
        return None

    @cache
    def best(start: int, left: int) -> tuple[int, int, tuple[int, ...]] | None:
        # (groups satisfied, -hint cost, values) for digits[start:] as `left` groups
        if left == 0:
            return (0, 0, ()) if start == d else None
        result = None
        tail = digits[start:]
        for cuts in _parts_prefix(tail, size, min_rest=(left - 1) * size):
            vals = _values(tail, cuts)
            rest_best = best(start + cuts[-1], left - 1)
            if rest_best is None:
                continue
            cost = len({start + c for c in cuts} ^ {s for s in spaces if start < s <= start + cuts[-1]})
            cand = (rest_best[0] + int(row_sum_ok(vals)), rest_best[1] - cost, vals + rest_best[2])
            if result is None or cand[:2] > result[:2]:
                result = cand
        return result

    found = best(0, groups)
    if found is None:
        return None
    return found[2], found[0]


def closest_split(run: str, n: int, target: Sequence[int | None], limit: int = 50000) -> tuple[int, ...] | None:
    """The split of ``run`` into ``n`` cells that agrees with ``target`` in the most cells.

    ``target`` holds the values the other rows' identities imply for this row
    (``None`` where they imply nothing).  Used for a row no split can make add up:
    the cells that agree with the rest of the table are placed where they belong,
    and the row-sum and column rules report the one that does not.
    """
    digits, spaces = strip_run(run)
    if len(digits) > 24:
        return None
    best, best_key = None, None
    for k, cuts in enumerate(_parts(digits, n)):
        if k >= limit:
            break
        vals = _values(digits, cuts)
        agree = sum(1 for v, t in zip(vals, target, strict=False) if t is not None and v == t)
        key = (agree, -_hint_cost(cuts, spaces))
        if best_key is None or key > best_key:
            best, best_key = vals, key
    return best


def _parts_prefix(digits: str, n: int, min_rest: int) -> Iterator[tuple[int, ...]]:
    """Ways of cutting a prefix of ``digits`` into ``n`` numbers, leaving at least ``min_rest`` digits."""
    for end in range(n, len(digits) - min_rest + 1):
        yield from _parts(digits[:end], n)


def split_plain(run: str, n: int, small: int | None = None) -> list[tuple[int, ...]]:
    """Splits of a run no identity can check (a table-2 row), most plausible first.

    Plausible means: cut where the spaces were; then, when column ``small`` is a
    change from last year (the 2019 template's 本年增/减, usually 0 or close to it),
    the smallest change; then the last column (现行有效, 处理决定数量) at least as
    long as the others; then parts of even length.
    """
    digits, spaces = strip_run(run)
    if len(digits) > 30:
        return []
    scored = []
    for cuts in _parts(digits, n):
        vals = _values(digits, cuts)
        lens = [len(str(v)) for v in vals]
        last_small = int(n > 1 and vals[-1] < max(vals[:-1]))
        change = abs(vals[small]) if small is not None and small < n else 0
        scored.append(((_hint_cost(cuts, spaces), change, last_small, max(lens) - min(lens), -lens[0]), vals))
    scored.sort(key=lambda x: x[0])
    return [v for _, v in scored][:MAX_CANDIDATES]


#: a row's values, as the caller of :func:`choose_rows` holds them
RowValues = TypeVar("RowValues")


def choose_rows(
    candidates: dict[str, list[RowValues]],
    score: Callable[[dict[str, RowValues]], int],
    limit: int = 20000,
) -> tuple[dict[str, RowValues], int]:
    """Pick one candidate per row so that ``score`` (identities satisfied) is highest.

    Rows with one candidate are fixed; the others are searched jointly when the
    product of their candidates is at most ``limit``, otherwise each keeps its
    first (closest to the printed spaces).  Returns the choice and the number of
    equally good choices (1 = the identities decided it).
    """
    fixed = {k: v[0] for k, v in candidates.items() if len(v) == 1}
    open_rows = [k for k, v in candidates.items() if len(v) > 1]
    if not open_rows:
        return fixed, 1
    total = 1
    for k in open_rows:
        total *= len(candidates[k])
    if total > limit:
        choice = dict(fixed)
        choice.update({k: candidates[k][0] for k in open_rows})
        return choice, total
    best_score, best, ties = None, None, 0
    for combo in product(*(candidates[k] for k in open_rows)):
        choice = dict(fixed)
        choice.update(zip(open_rows, combo, strict=True))
        s = score(choice)
        if best_score is None or s > best_score:
            best_score, best, ties = s, choice, 1
        elif s == best_score:
            ties += 1
    assert best is not None
    return best, ties


#: a mark printed for a blank cell (a dash, a slash, a hyphen: tables 3 and 4 hold no negative number), run
#: into the digits around it (15———262 is 15, three blanks, then 262 cut in two)
DASHES = "—－/／-"


def has_marks(run: str) -> bool:
    """Whether a run prints a blank cell as a dash (see :func:`split_marked`)."""
    return any(ch in DASHES for ch in run)


def split_marked(
    run: str,
    n: int,
    check: Callable[[tuple[int | None, ...]], bool],
    score: Callable[[tuple[int | None, ...]], int] | None = None,
    limit: int = 200_000,
) -> list[tuple[int | None, ...]] | None:
    """Splits of a run whose blank cells are printed as marks run into the digits, that pass ``check``.

    Each mark is a blank cell of its own (``None``) and stays where it was printed;
    only the digits between marks are cut (a stretch of digits holds at least one
    cell).  ``45 15———262`` as seven cells is 45, 15, blank, blank, blank, 2, 62.  A
    run of an even number of ``—`` may also be blanks printed ``——`` each (the usual
    Chinese dash), so both readings are searched.  Returns the splits best first
    (highest ``score``, then closest to the printed spaces), or ``None`` when the run
    has no mark or the search would exceed ``limit`` ways (the caller then cannot say
    it saw every split).
    """
    if not any(ch in DASHES for ch in run):
        return None
    items: list[tuple[bool, str]] = []  # (is a group of marks, its text); digits keep their spaces as hints
    for m in re.finditer(rf"[{DASHES}]+|[\d\s]+|.", run):
        text = m.group()
        if text[0] in DASHES:
            items.append((True, text))
        elif text[0].isdigit() or text[0].isspace():  # digits and spaces only (the pattern's second branch)
            if items and not items[-1][0]:
                items[-1] = (False, items[-1][1] + text)
            else:
                items.append((False, text))
        else:
            return None
    groups = [
        (len(t),) + ((len(t) // 2,) if len(t) % 2 == 0 and set(t) == {"—"} else ()) for is_mark, t in items if is_mark
    ]
    readings = list(product(*groups))
    if len(readings) > 64:
        return None
    found: dict[tuple[int | None, ...], tuple[int, int]] = {}
    ways = 0
    for counts in readings:
        it = iter(counts)
        segments: list[str | None] = []  # None: a blank cell; str: a stretch of digits
        for is_mark, text in items:
            if is_mark:
                segments += [None] * next(it)
            elif text.strip():
                segments.append(text)
        result = _split_segments(segments, n, check, score, limit - ways)
        if result is None:
            return None
        part, spent = result
        ways += spent
        for vals, key in part.items():
            found[vals] = min(key, found.get(vals, key))
    ranked = sorted(found.items(), key=lambda x: x[1])
    return [v for v, _ in ranked][:MAX_CANDIDATES]


def _split_segments(
    segments: list[str | None],
    n: int,
    check: Callable[[tuple[int | None, ...]], bool],
    score: Callable[[tuple[int | None, ...]], int] | None,
    limit: int,
) -> tuple[dict[tuple[int | None, ...], tuple[int, int]], int] | None:
    """The splits of stretches of digits between fixed blank cells into ``n`` cells in all, and the ways searched."""
    stretches = [strip_run(s) for s in segments if s is not None]
    cells = n - sum(1 for s in segments if s is None)
    if cells < len(stretches) or any(len(d) > 40 for d, _ in stretches):
        return {}, 0
    # the ways of cutting each stretch into k cells, for every k it can hold
    options: list[dict[int, list[tuple[int, tuple[int, ...]]]]] = []
    ways = 1
    for digits, spaces in stretches:
        by_k: dict[int, list[tuple[int, tuple[int, ...]]]] = {}
        for k in range(1, min(len(digits), cells) + 1):
            by_k[k] = [(_hint_cost(c, spaces), _values(digits, c)) for c in _parts(digits, k)]
        options.append(by_k)
        ways *= sum(len(v) for v in by_k.values())
        if ways > limit:
            return None
    found: dict[tuple[int | None, ...], tuple[int, int]] = {}

    def rec(i: int, left: int, cost: int, acc: tuple[tuple[int, ...], ...]) -> None:
        if i == len(stretches):
            if left == 0:
                it = iter(acc)
                vals: tuple[int | None, ...] = tuple(v for s in segments for v in ((None,) if s is None else next(it)))
                if check(vals):
                    found[vals] = (-score(vals) if score else 0, cost)
            return
        for k, cuts in options[i].items():
            if k <= left - (len(stretches) - i - 1):
                for c, vals in cuts:
                    rec(i + 1, left - k, cost + c, (*acc, vals))

    rec(0, cells, 0, ())
    return found, ways


def blanks_as_zero(check: Callable[[Sequence[int]], bool]) -> Callable[[tuple[int | None, ...]], bool]:
    """``check`` over values in which a blank cell (``None``) counts as 0."""
    return lambda vals: check([v or 0 for v in vals])
