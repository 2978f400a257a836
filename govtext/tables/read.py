"""Reading the three tables: observations, a state machine, and assembly by label.

Every way a table reaches govtext is first turned into the same thing, a
sequence of :class:`Obs` — a printed label followed by the row's numbers:

* a marked-up table (HTML ``<table>``, DOCX table, Markdown pipe table,
  TAB-separated text) gives one ``Obs`` per grid row, its cells already apart;
* flattened text (a crawler's page, a PDF's text layer) gives one ``Obs`` per run
  of numbers, its label being the text since the previous run; the digits of a
  run may have run together (``713000074``) and are split later.

A small state machine walks the observations: header text (申请人情况, 信息内容,
结果维持 …) says which table the following rows belong to, and prose ends it.
Within a table each row is matched to a canonical row by its label
(:mod:`govtext.tables.labels`); unmatched rows with numbers are kept as extra.
Values come from the printed cells, or for run-together digits from the split
that satisfies the identities (:mod:`govtext.tables.split`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

from ..limits import tick
from . import align as al
from . import split as sp
from .labels import LabelMatch, match_label, norm_label
from .model import ExtraRow, Number, Table, TableCell, TableIssue, TableRow, TableTemplate
from .schema import (
    T2_ROWS,
    T3_COLUMN_KEYS,
    T3_ROWS,
    T4_GROUP_KEYS,
    T4_GROUPS,
    T4_OUTCOME_KEYS,
    Identity,
    Lookup,
    RowSpec,
    identities,
)

if TYPE_CHECKING:
    from ..io.base import RawTable
    from ..model import Document, Span

# --------------------------------------------------------------------------- printed values

_BLANK_MARKS = {"", "—", "——", "–", "－", "-", "/", "／", "\\", "、"}
# the sign may be a word: the 2019 template's 本年增/减 column prints 减4, 增加2
_NUMBER = re.compile(r"^([-+－]|增加|增|减少|减)?(\d{1,3}(?:[,，]\d{3})+|\d+)(\.\d+)?\s*(万元|元|件|个|项|条|次|%)?$")


#: digits a printed number may have; more is a run of junk, not a count (and past 4300 ``int()`` refuses it)
MAX_DIGITS = 15


@dataclass(frozen=True)
class TableSettings:
    """The reader's thresholds, in one place (in the manner of pdfplumber's table settings).

    The defaults are what the shared corpus and the generated layouts were measured
    with (``docs/tables.md``, ``docs/trust.md``); ``govtext.tables.extract(doc, settings)``
    and :func:`build` take others.
    """

    #: characters of numberless text in a table (a label that belongs to no row) after which the table ends
    table_end_text: int = 80
    #: a label longer than this that holds 。 or ， is prose, not a row's label
    prose_label: int = 40
    #: how far from a column's centre a number may stand, as a share of the narrowest gap between centres
    column_tolerance: float = 0.5
    #: how far above and below a row a digit still counts as the row's, as a share of the row's height
    row_margin: float = 0.75
    #: a mark shorter than this share of the row's tallest digit is a decimal point, not a digit
    digit_height: float = 0.6
    #: confidence of cells cut from digits that ran together: the one split the identities allow …
    split_decided: float = 0.9
    #: … or one of several that fit
    split_undecided: float = 0.6
    #: confidence of a cell the reader guessed: a row placed by its position, a split of table 2 nothing decides
    guessed: float = 0.5


DEFAULT_SETTINGS = TableSettings()


def parse_value(text: str) -> tuple[Number | None, bool]:
    """The number a cell prints, and whether the cell reads as a number or a blank.

    ``("12", ) -> (12, True)``; ``"1,024" -> 1024``; ``"96171.6" -> 96171.6``; ``"减4" -> -4``;
    ``"" / "—" / "/" -> (None, True)``; ``"无" -> (None, False)``.
    """
    # a report's cells print the same few texts again and again; a long one (a hostile page) is not kept
    return _parse_short(text) if len(text) <= 32 else _parse_value(text)


def _parse_value(text: str) -> tuple[Number | None, bool]:
    t = "".join(text.split())  # every whitespace character out (str.split splits where \s matches)
    if t in _BLANK_MARKS:
        return None, True
    m = _NUMBER.match(t)
    if not m:
        return None, False
    sign, whole, frac, _unit = m.groups()
    whole = whole.replace(",", "").replace("，", "")
    if len(whole) > MAX_DIGITS:
        return None, False  # no count a report prints has this many digits: text where a number belongs
    value: Number = float(whole + frac) if frac else int(whole)
    if sign in ("-", "－", "减", "减少"):
        value = -value
    return value, True


_parse_short = lru_cache(maxsize=4096)(_parse_value)


def _is_numlike(text: str) -> bool:
    return parse_value(text)[1]


def printed_how(value: Number | None, text: str) -> str:
    """How a cell printed on its own was read: a number, a blank (counted as 0), or text where a number belongs."""
    if value is not None:
        return "read"
    return "blank" if parse_value(text)[1] else "missing"


# --------------------------------------------------------------------------- observations


@dataclass
class Piece:
    """A printed cell of a grid: its text and its offsets in ``Extraction.text``."""

    text: str
    start: int
    end: int
    missing: bool = False  # a column the table does not print (table 3 with three columns)


@dataclass
class Obs:
    """A printed row: its label, and either grid cells or a run of numbers in the text."""

    label: str
    label_start: int
    label_end: int
    cells: list[Piece] | None = None  # grid rows: offsets in Extraction.text
    run: str | None = None  # text rows: the run of numbers, offsets in Document.text
    run_start: int = 0
    method: str = "text"
    all_cells: list[Piece] = field(default_factory=list)  # grid rows: every cell, label cells included
    positions: list[int] = field(default_factory=list)  # grid rows: the grid column of each of all_cells
    columns: dict[int, str] = field(default_factory=dict)  # grid rows: the column labels of the header above
    org_total: Piece | None = None  # table 3 with three columns: the printed 法人或其他组织 cell

    @property
    def grid(self) -> bool:
        return self.cells is not None

    @property
    def n_values(self) -> int:
        if self.cells is not None:
            return len(self.cells)
        return len(self.run.split()) if self.run else 0


_ORDINAL_DIGIT = re.compile(r"\d(?=[.、．][\u4e00-\u9fff“\"（(])")
# a run of numbers; a sign may open a number (2019 template's 本年增/减: 39-111 is 39, -1, 11 or 39, -11, 1),
# thousands may be grouped (5,266), and a blank cell may be printed as a dash or slash standing on its own
_NUM = r"[-+－]?(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?"
# a dash for a blank cell may be glued to its neighbours (27 11 ——— 2 40 is seven cells), and so may a slash
# after a digit, a space or another slash (8351154/38/992, 结转 ///////) or after a label when a cell follows
# (总计/ 1// 1), and so may hyphens two or more in a
# row (2-----2: the full-width － that normalisation makes ASCII); one hyphen counts after a space, a digit or
# a mark unless a digit or a letter follows (then it is a sign: 本年增/减 39-111, 2023-12), and a slash between
# characters is not a cell (本年增/减)
_BLANK = (
    r"(?:[—－]+|(?:(?<=[\s\d/／])|^)[/／]+|(?<=[\u4e00-\u9fff])[/／]+(?=[\s\d/／]|$)"
    r"|-{2,}|(?:(?<=[\s\d/／—－-])|^)-(?![\dA-Za-z])|(?<=[\u4e00-\u9fff])-(?=[\s—－/／-]|$))"
)
_TOKEN = re.compile(rf"{_NUM}|[—－/／-]")
# the lookahead: the characters a run can start with, so the scan passes the rest at one class test
_RUN = re.compile(rf"(?=[\d+—－/／-])(?:{_NUM}|{_BLANK})(?:[ \t\u3000]*(?:{_NUM}|{_BLANK}))*", re.M)
_DASH_TOKEN = re.compile(r"(?<=[ \t])[—－/／](?=[ \t\n])")


# a line that is one cell of a table flattened one cell a line: a number (its unit after it: 0万元) or a
# blank mark, maybe with the pipe a converter put after it (``504 |``)
_CELL_LINE = re.compile(rf"^[ \t|｜]*(?:{_NUM}(?:万元|元|件|条|个|项|%)?|[—－/／-]+)[ \t|｜]*$", re.M)


def _cells_a_line(text: str) -> str:
    """``text`` with every run of two or more one-cell lines joined into one line, offsets kept.

    A web page's table converted to text one cell a line (``一、本年新收… |``, ``504 |``,
    ``218 |`` …) prints a row's values on as many lines; a run of numbers does not cross
    a line, so each value read as a row of its own.  Where two or more lines in a row
    hold one number (or blank mark) each, the line breaks and pipes between them become
    spaces: one run, at the same offsets.  A line holding several numbers is a row of
    its own and stays as it is.
    """
    if "\n" not in text or not _CELL_LINE.search(text):
        return text
    chars: list[str] | None = None
    group: list[re.Match[str]] = []

    def flush() -> None:
        nonlocal chars
        if len(group) >= 2:
            chars = list(text) if chars is None else chars
            a, b = group[0].start(), group[-1].end()
            for i in range(a, b):
                if chars[i] in "\n|｜":
                    chars[i] = " "
            # the first cell's leading pipes and the last one's trailing ones stay out of the run
        group.clear()

    for m in _CELL_LINE.finditer(text):
        tick()
        if group and text[group[-1].end() : m.start()] != "\n":
            flush()
        group.append(m)
    flush()
    return text if chars is None else "".join(chars)


def stream_observations(text: str) -> list[Obs]:
    """Observations of flattened text: each run of numbers with the text before it as label.

    The runs are found in :func:`_cells_a_line` of the text (a table flattened one cell
    a line read as rows); labels and offsets are the text's own.
    """
    ordinals = {m.start() for m in _ORDINAL_DIGIT.finditer(text)}
    out: list[Obs] = []
    prev = 0
    runs_text = _cells_a_line(text)
    for m in _RUN.finditer(runs_text):
        tick()
        a, b = m.start(), m.end()
        if a in ordinals:
            continue  # a label's own ordinal ("2.没有现成信息")
        # a row's digits running into the next row's ordinal: 10000012.没有
        while b - 1 in ordinals and b - 1 > a:
            b -= 1
        run = runs_text[a:b].rstrip()
        if not run:
            continue
        out.append(Obs(text[prev:a], prev, a, run=run, run_start=a, method="text"))
        prev = a + len(run)
    if prev < len(text):
        out.append(Obs(text[prev:], prev, len(text), run=None, method="text"))
    return out


def grid_observations(doc: Document, tables: Sequence[RawTable] | None = None, method: str | None = None) -> list[Obs]:
    """Observations of the tables the source marks up (or of ``tables``), one per grid row."""
    out: list[Obs] = []
    fmt = method or (doc.source.format if doc.source is not None else "txt")
    ext_text = doc.extraction.text if doc.extraction is not None else ""
    prev = 0
    for table in doc.raw_tables if tables is None else tables:
        # the text before a table (a header line standing outside it) can say which table it is
        between = ext_text[prev : table.start][-300:]
        if between.strip():
            out.append(Obs(between, table.start - len(between), table.start, cells=[], method=fmt))
        prev = table.end
        grid_pos = al.positions([[(c.rowspan, c.colspan) for c in row] for row in table.rows])
        header_rows: list[list[tuple[int, str]]] = []
        columns: dict[int, str] = {}
        for row, pos in zip(table.rows, grid_pos, strict=True):
            cells = list(row)
            pieces = [Piece(c.text, c.start, c.end) for c in cells]
            if al.is_header_row([c.text for c in cells]):
                # a header row is never a data row; its column labels say where each column is
                if not header_rows or columns:
                    header_rows, columns = [], {}
                header_rows.append(list(zip(pos, (c.text for c in cells), strict=True)))
                texts = [c for c in cells if c.text.strip()]
                a, b = (texts[0].start, texts[-1].end) if texts else (table.start, table.start)
                out.append(Obs("".join(c.text for c in cells), a, b, cells=[], method=fmt, all_cells=pieces))
                continue
            if header_rows and not columns:
                columns = al.column_map(header_rows)
            # the label is every cell up to the last one holding text; the cells after it are the
            # values, blanks included (a Markdown table repeats or empties merged label cells)
            k = max((i + 1 for i, c in enumerate(cells) if not _is_numlike(c.text)), default=0)
            label_cells = cells[:k]
            label = "".join(c.text for c in label_cells)
            a = label_cells[0].start if label_cells else (cells[0].start if cells else table.start)
            b = label_cells[-1].end if label_cells else a
            out.append(Obs(label, a, b, cells=pieces[k:], method=fmt, all_cells=pieces, positions=pos, columns=columns))
        # a table's end closes whatever table was open
        out.append(Obs("", table.end, table.end, cells=[], method=fmt))
    return out


# --------------------------------------------------------------------------- the state machine

# Header text, not prose: prose says 结果维持72件 and 收到申请, a table header prints its
# column labels one after another.
_T4_ANCHORS = ("尚未审结总计", "结果维持结果纠正", "总计未经复议直接起诉")
_T3_ANCHORS = ("申请人情况", "本年新收政府信息公开申请数量")
_T2_ANCHORS = ("信息内容", "第二十条第")
_END_ANCHORS = ("存在的主要问题", "其他需要报告", "主要问题及改进")


# Text that names the table a marked-up table is, where the table's own header is cut or missing: a
# caption (表三, **表三**), the section heading just before it, a cut header (行政复议行政诉讼).  Only for
# the text of a grid's header rows and the lines just before a grid: in prose they are mere words.
_GRID_T4_ANCHORS = ("行政复议行政诉讼", "表四", "表4")
_GRID_T3_ANCHORS = ("收到和处理政府信息公开申请情况", "表三", "表3")
_GRID_T2_ANCHORS = ("主动公开政府信息情况", "表二", "表2")


def _last_anchor(label: str, grid: bool = False) -> str | None:
    lab = norm_label(label)
    best, best_pos = None, -1
    groups = [("t4", _T4_ANCHORS), ("t3", _T3_ANCHORS), ("t2", _T2_ANCHORS), ("end", _END_ANCHORS)]
    if grid:
        groups += [("t4", _GRID_T4_ANCHORS), ("t3", _GRID_T3_ANCHORS), ("t2", _GRID_T2_ANCHORS)]
    for name, anchors in groups:
        for a in anchors:
            p = lab.rfind(a)
            if p > best_pos:
                best, best_pos = name, p
    return best


@dataclass
class Found:
    """Observations assigned to one table."""

    name: str
    rows: dict[str, list[tuple[Obs, str, float]]] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    extra: list[Obs] = field(default_factory=list)
    t4: list[Obs] = field(default_factory=list)
    header: str = ""
    done: bool = False


def assign(observations: Sequence[Obs], settings: TableSettings = DEFAULT_SETTINGS) -> dict[str, Found]:
    """Walk the observations and give each row to its table."""
    found = {name: Found(name) for name in ("t2", "t3", "t4")}
    state: str | None = None
    for obs in observations:
        anchor = _last_anchor(obs.label, grid=obs.grid and not obs.cells)
        if anchor == "end":
            state = None
        elif anchor is not None and not found[anchor].done:
            state = anchor
        if obs.grid and not obs.cells and not obs.label:
            state = None if obs.label_start == obs.label_end else state  # end of a marked-up table
            continue
        if state is None and obs.grid and obs.cells and any(c.text.strip() for c in obs.cells):
            # a marked-up table whose header stands outside it (TAB text under a plain header line):
            # a row whose label is exactly a canonical one says which table this is
            for name in ("t3", "t2"):
                m0 = match_label(name, obs.label)
                if m0 is not None and m0.how == "exact" and not found[name].done:
                    state = name
                    break
        if state is None:
            continue
        f = found[state]
        if state == "t2" and obs.grid:
            obs = _text_cells_row(obs)  # 行政许可 | 见附件: a row, whose cell holds text (GT202)
        if obs.n_values == 0 and not (obs.grid and obs.cells):
            f.header += obs.label
            if obs.grid:
                continue
            # a long stretch of text with no numbers ends the table
            if len(norm_label(obs.label)) > settings.table_end_text:
                state = None
            continue
        if obs.grid and state in ("t3", "t4"):
            obs = _fit_grid_row(state, obs)
        if state == "t4":
            f.header += obs.label
            if obs.grid and norm_label(obs.label) and not any(c.text.strip() for c in obs.cells or ()):
                continue  # a header row with empty trailing cells
            f.t4.append(obs)
            if sum(_count_digits(o) for o in f.t4) >= 15:
                f.done, state = True, None
            continue
        f.header += obs.label
        m: LabelMatch | tuple[str, str, float] | None = None
        if obs.grid and state == "t3" and len(obs.cells or ()) != 7 and len(obs.all_cells) > 7:
            m, obs = _grid_rematch(state, obs)  # text in a value cell: the last seven cells are the values
        if m is None:
            m = match_label(state, obs.label)
        if m is None and obs.grid:
            m, obs = _grid_rematch(state, obs)
        if m is None and state == "t3" and not norm_label(obs.label) and f.order:
            m = _by_position(f, settings.guessed)
        if m is None:
            if _prose_like(obs.label, settings.prose_label):
                state = None
                continue
            if obs.grid and not any(c.text.strip() for c in obs.cells or ()):
                continue  # text and empty cells only (a block title, a padded header row): no data row
            f.extra.append(obs)
            continue
        key, how, score = m if isinstance(m, tuple) else (m.key, m.how, m.score)
        if key not in f.rows:
            f.order.append(key)
        f.rows.setdefault(key, []).append((obs, how, score))
        if state == "t3" and key == "carried_forward":
            f.done, state = True, None
    return found


def _text_cells_row(obs: Obs) -> Obs:
    """A grid row of table 2 whose label cell is a row's exact label and whose cells after it hold text, as a row.

    The grid reader takes a row's value cells to be the ones that read as numbers,
    so in ``行政许可 | 见附件`` the text joined the label: the row was lost without a
    word, or, with empty cells after it (a Markdown table's padding), read as blank,
    that is 0.  Such a row keeps every cell after its label (trailing empty ones
    dropped) as its values: a text cell is null, reported by GT202.
    """
    if len(obs.all_cells) < 2:
        return obs
    first, rest = obs.all_cells[0], list(obs.all_cells[1:])
    while rest and not rest[-1].text.strip():
        rest.pop()
    if not rest or len(rest) > 4 or not any(c.text.strip() and not parse_value(c.text)[1] for c in rest):
        return obs
    if norm_label(first.text) == norm_label(obs.label) or _t2_row_named(first.text) is None:
        return obs  # the label took no text cell in, or only ends like a row's label
    return replace(obs, label=first.text, cells=rest)


def _t2_row_named(label: str, templates: Sequence[TableTemplate] = ("2021", "2019")) -> str | None:
    """The table-2 row whose template label ``label`` is, whole (not one it only ends like), in ``templates``."""
    printed = norm_label(label)
    return next((r.key for t in templates for r in T2_ROWS[t] if norm_label(r.label) == printed), None)


def _fit_grid_row(state: str, obs: Obs) -> Obs:
    """Table ``state``'s columns placed among a grid row's cells by its header and identities (``align.fit``).

    A new observation where they could be placed; the one given otherwise.
    """
    cells = obs.all_cells
    if not cells or len(obs.positions) != len(cells):
        return obs
    k = len(cells) - len(obs.cells or ())
    found = al.fit([c.text for c in cells], obs.positions, k, obs.columns, state, parse_value)
    if found is None:
        return obs
    placed = [cells[i] if i is not None else Piece("", 0, 0, missing=True) for i in found.index]
    return replace(obs, cells=placed, org_total=None if found.simplified is None else cells[found.simplified])


def _count_digits(obs: Obs) -> int:
    """At least how many cells a row holds: its grid cells, or its digits and blank marks."""
    if obs.cells is not None:
        return len(obs.cells)
    return sum(ch.isdigit() or ch in sp.DASHES for ch in obs.run or "")


def _prose_like(label: str, longest: int = DEFAULT_SETTINGS.prose_label) -> bool:
    lab = label.strip()
    return len(lab) > longest and ("。" in lab or "，" in lab)


def _grid_rematch(state: str, obs: Obs) -> tuple[LabelMatch | None, Obs]:
    """A grid row whose value cells hold text: the label from the cells before the last n, and the row so read.

    Returns the match and a new observation (the one given is left as it was).
    """
    cells = obs.all_cells
    if state == "t2" and len(cells) > 1:  # a table-2 label is one cell
        m = match_label(state, cells[0].text)
        if m is None:
            return None, obs
        return m, replace(obs, label=cells[0].text, cells=cells[1:], label_start=cells[0].start, label_end=cells[0].end)
    n = 7 if state == "t3" else None
    if n is None or len(cells) <= n:
        return None, obs
    label = "".join(c.text for c in cells[:-n])
    m = match_label(state, label)
    if m is None:
        return None, obs
    return m, replace(obs, label=label, cells=cells[-n:], label_start=cells[0].start, label_end=cells[-n - 1].end)


def _by_position(f: Found, confidence: float) -> tuple[str, str, float] | None:
    keys = [r.key for r in T3_ROWS["2021"]]
    last = f.order[-1]
    if last in keys and keys.index(last) + 1 < len(keys):
        return keys[keys.index(last) + 1], "position", confidence
    return None


# --------------------------------------------------------------------------- assembly


class _Builder:
    """Turns the observations of one document into :class:`Table` objects."""

    def __init__(self, doc: Document, settings: TableSettings = DEFAULT_SETTINGS) -> None:
        self.doc = doc
        self.settings = settings
        self.text = doc.text
        #: boxes of the cells read from a PDF's ruling lines, by their offsets in ``Extraction.text``
        self.grid_boxes: dict[tuple[int, int], tuple[float, float, float, float]] = {}

    # -- spans
    def span_text(self, a: int, b: int) -> Span:
        return self.doc.span(a, b)

    def span_source(self, a: int, b: int) -> Span:
        from ..model import Span

        ext = self.doc.extraction
        if ext is None:
            return Span(a, b, 1, a + 1)
        line, col, page = ext.locate(a)
        end_line, end_col, _ = ext.locate(max(a, b - 1))
        return Span(a, b, line, col, page, end_line, end_col)

    def x_centre(self, span: Span | None) -> float | None:
        """The horizontal centre of a PDF span's digits (None without boxes)."""
        if span is None:
            return None
        boxes = self.doc.extraction.char_boxes if self.doc.extraction is not None else {}
        found = [boxes[i] for i in range(span.start, span.end) if i in boxes]
        if not found:
            return None
        return (min(bx[0] for bx in found) + max(bx[2] for bx in found)) / 2

    def digit_boxes(self, page: int) -> list[tuple[float, float, float, float]]:
        """The boxes of the digits printed on a page of a PDF (from the text pass; cached)."""
        cache = self.__dict__.setdefault("_digit_boxes", {})
        if not cache and self.doc.extraction is not None:
            ext = self.doc.extraction
            for i, box in ext.char_boxes.items():
                cache.setdefault(ext.page_of(i) or 0, []).append(box)
        return cache.get(page, [])

    def source_box(self, offset: int) -> tuple[float, float, float, float] | None:
        """The box of any character of a PDF (read on demand from its page; digits are already known)."""
        ext = self.doc.extraction
        if ext is None or ext.pdf_bytes is None or ext.page_starts is None:
            return None
        if offset in ext.char_boxes:
            return ext.char_boxes[offset]
        page_no = ext.page_of(offset) or 1
        cache = self.__dict__.setdefault("_pages", {})
        if page_no not in cache:
            page = ext.pdfium()[page_no - 1]
            cache[page_no] = (page.get_textpage(), page.get_height())
        textpage, height = cache[page_no]
        idx = offset - ext.page_starts[page_no - 1]
        if not 0 <= idx < textpage.count_chars():
            return None
        left, bottom, right, top = textpage.get_charbox(idx)
        return (left, height - top, right, height - bottom)

    def label_span(self, obs: Obs) -> Span | None:
        lab = obs.label.rstrip()
        a = obs.label_start + (len(lab) - len(lab.lstrip()))
        b = obs.label_start + len(lab)
        if b <= a:
            return None
        return self.span_source(a, b) if obs.grid else self.span_text(a, b)

    # -- reading a row's values
    def pieces(self, obs: Obs) -> list[tuple[str, Span | None]]:
        """The printed cells of a row with their spans (text rows: split at spaces)."""
        if obs.cells is not None:
            unsure = self.doc.extraction.ocr_unsure if self.doc.extraction is not None else set()
            # a cell OCR saw a mark in but read nothing from keeps its place (a span of no width), so it is not
            # taken for a certain blank
            return [
                (
                    c.text.strip(),
                    self.span_source(c.start, c.end) if c.end > c.start or c.start in unsure else None,
                )
                for c in obs.cells
            ]
        out: list[tuple[str, Span | None]] = []
        for m in _TOKEN.finditer(obs.run or ""):
            a = obs.run_start + m.start()
            out.append((m.group(), self.span_text(a, a + len(m.group()))))
        return out

    def split_spans(self, obs: Obs | Sequence[Obs], values: Sequence[Number | None]) -> list[tuple[str, Span | None]]:
        """Spans of the parts of a run (or of runs, in order) split into ``values``, digits counted from the left.

        A part covers as many digits and decimal points as its value prints (a sign is
        not counted: the printed run may carry it before the digits or not at all).
        """
        runs = [obs] if isinstance(obs, Obs) else list(obs)
        # digits and decimal points; a dash run into them is a blank cell (a value None) of its own
        positions = [
            (o.run_start + i, ch in sp.DASHES)
            for o in runs
            for i, ch in enumerate(o.run or "")
            if ch.isdigit() or ch == "." or ch in sp.DASHES
        ]
        out: list[tuple[str, Span | None]] = []
        k = 0
        for v in values:
            if v is None:
                while k < len(positions) and not positions[k][1]:
                    k += 1  # not expected: a blank where the run prints digits
                if k < len(positions):
                    a = positions[k][0]
                    out.append((self.text[a : a + 1], self.span_text(a, a + 1)))
                    k += 1
                else:
                    out.append(("", None))
                continue
            s = _printed_number(v).lstrip("-")
            while k < len(positions) and positions[k][1]:
                k += 1
            idx = [p for p, _ in positions[k : k + len(s)]]
            k += len(s)
            if not idx:
                out.append((s, None))
                continue
            a, b = idx[0], idx[-1] + 1
            out.append((self.text[a:b], self.span_text(a, b)))
        return out


def _printed_number(v: Number) -> str:
    return str(v) if not isinstance(v, float) else repr(v)


@dataclass
class Reading:
    """How the tables of a document were read, step by step (:func:`read_steps`), for inspection.

    ``observations`` are what each source printed, row by row (``"grid"``: the tables the
    source marks up; ``"text"``: runs of numbers in the text with the words before them);
    ``assigned`` what :func:`assign` gave each table from each source; ``source`` the
    source each table was built from (``"pdf-grid"``: the ruling lines of a PDF, read where
    the text layer left a table unsure); ``tables`` the result, as the tables stage keeps it.
    """

    observations: dict[str, list[Obs]] = field(default_factory=dict)
    assigned: dict[str, dict[str, Found]] = field(default_factory=dict)
    source: dict[str, str | None] = field(default_factory=dict)
    tables: dict[str, Table | None] = field(default_factory=dict)


def read_steps(doc: Document, settings: TableSettings = DEFAULT_SETTINGS) -> Reading:
    """Read the three tables of a document and keep every step: observe, assign, build (and split), settle.

    1. *observe*: the marked-up tables' rows (:func:`grid_observations`) and the text's runs
       of numbers (:func:`stream_observations`);
    2. *assign*: each source's rows to tables 2, 3 and 4 (:func:`assign`, a state machine on
       the tables' anchors and labels);
    3. *build*: each table from the first source that has it, cells split out of digits that
       ran together where the identities decide (:mod:`govtext.tables.split`); a PDF table the
       text layer left unsure is read again from the page's ruling lines;
    4. *settle*: one template for the three.
    """
    builder = _Builder(doc, settings)
    reading = Reading(tables={"t2": None, "t3": None, "t4": None}, source=dict.fromkeys(("t2", "t3", "t4")))
    stream = stream_observations(doc.text)
    if doc.raw_tables:
        reading.observations["grid"] = grid_observations(doc)
    reading.observations["text"] = stream
    fmt = doc.source.format if doc.source is not None else "txt"
    for kind, observations in reading.observations.items():
        found = assign(observations, settings)
        if kind == "grid":
            _add_loose_rows(doc, found, stream, settings)
        reading.assigned[kind] = found
        method = observations[0].method if kind == "grid" and observations else ("pdf-text" if fmt == "pdf" else "text")
        for name in ("t2", "t3", "t4"):
            if reading.tables[name] is not None:
                continue
            reading.tables[name] = _build_table(builder, found, name, method)
            if reading.tables[name] is not None:
                reading.source[name] = kind
    if fmt == "pdf" and doc.extraction is not None and doc.extraction.pdf_bytes is not None:
        unsure = [name for name in ("t2", "t3", "t4") if not _sure(reading.tables[name])]
        if unsure:
            before = dict(reading.tables)
            _read_ruled(doc, builder, reading.tables, unsure)
            for name in unsure:
                if reading.tables[name] is not before[name]:
                    reading.source[name] = "pdf-grid"
    _settle_template(reading.tables)
    return reading


def build(doc: Document, settings: TableSettings = DEFAULT_SETTINGS) -> dict[str, Table | None]:
    """Read the three tables of a document (``None`` for a table the report does not have)."""
    return read_steps(doc, settings).tables


def _build_table(b: _Builder, found: dict[str, Found], name: str, method: str) -> Table | None:
    """Table ``name`` from the observations assigned to it (``None`` where none were)."""
    f = found[name]
    if name == "t4":
        return _build_t4(b, f, method) if f.t4 else None
    if name == "t3":
        return _build_t3(b, f, method, found["t2"]) if f.rows else None
    return _build_t2(b, f, method) if f.rows else None


def _add_loose_rows(
    doc: Document, found: dict[str, Found], stream: Sequence[Obs], settings: TableSettings = DEFAULT_SETTINGS
) -> None:
    """Rows of a marked-up table written as plain lines next to it (``行政许可 97`` before the pipe table that
    holds the rest of table 2): a table's rows may come from several sources in one document.

    Only a line that is a row's label and its numbers and nothing else, outside every marked-up table and
    between the tables next to the one being completed, and only for a row the marked-up part does not have.
    """
    tables = doc.raw_tables
    for name in ("t2", "t3"):
        f = found[name]
        grid_rows = [o for rows in f.rows.values() for o, _, _ in rows if o.grid]
        if not grid_rows:
            continue
        held = [i for i, t in enumerate(tables) if any(t.start <= o.label_start <= t.end for o in grid_rows)]
        if not held:
            continue
        lo = tables[held[0] - 1].end if held[0] > 0 else 0
        hi = (
            tables[held[-1] + 1].start
            if held[-1] + 1 < len(tables)
            else len(doc.extraction.text if doc.extraction is not None else "")
        )
        for obs in stream:
            if not obs.run:
                continue
            at = doc.span(obs.run_start, obs.run_start + 1).start
            if not lo <= at <= hi or any(t.start <= at < t.end for t in tables):
                continue
            line = obs.label.rsplit("\n", 1)[-1]
            if len(norm_label(line)) > settings.prose_label or _prose_like(line, settings.prose_label) or "。" in line:
                continue
            m = match_label(name, line)
            if m is None or m.how != "exact" or m.key in f.rows:
                continue
            loose = Obs(line, obs.label_end - len(line), obs.label_end, run=obs.run, run_start=obs.run_start)
            f.order.append(m.key)
            f.rows[m.key] = [(loose, m.how, m.score)]


# ---- PDF tables read from their ruling lines


def _sure(table: Table | None) -> bool:
    """Whether a table read from a PDF's text layer can be trusted as it is.

    It cannot when it is missing, when reading it raised an issue, when a row is not
    printed, or when any cell is not ``read``: split or guessed digits, a blank (the
    text layer drops a number as readily as it prints a blank), numbers of a row on
    several lines (a number wrapped inside its cell), a cell missing.  Identities that
    fail on a reading with none of these are the report's own.
    """
    if table is None or table.issues or table.extra:
        return False
    if any(c.how != "read" for c in table.cells.values()):
        return False
    for key, cols in table.layout.items():
        if key.startswith("other.") and "other" in table.rows:
            continue  # （六）其他处理 printed as one row
        if any(table.get(key, col) is None for col in cols):
            return False  # a row not printed, or a blank the text layer may have dropped
    return True


def _table_pages(doc: Document, result: dict[str, Table | None]) -> list[int] | None:
    """The pages (0-based) the tables were found on by the text layer, and the page after each; None: all."""
    if any(t is None for t in result.values()):
        return None
    pages: set[int] = set()
    for table in result.values():
        assert table is not None
        spans = [c.span for c in table.cells.values()] + [r.span for r in table.rows.values()]
        for span in spans:
            if span is not None and span.page is not None:
                pages.update((span.page - 2, span.page - 1, span.page))
    n = doc.extraction.n_pages if doc.extraction is not None else None
    return sorted(p for p in pages if 0 <= p < (n or 0)) or None


def _read_ruled(doc: Document, b: _Builder, result: dict[str, Table | None], names: Sequence[str]) -> None:
    """Read the tables ``names`` again from the PDF's ruling lines; keep the grid reading where it is complete."""
    from ..io.pdfgrid import ruled_tables

    assert doc.extraction is not None
    try:
        tables = ruled_tables(doc.extraction, _table_pages(doc, result), _opens_row)
    except Exception:  # a PDF pdfplumber cannot parse keeps its text-layer reading
        return
    if not tables:
        return
    for t in tables:
        for row in t.rows:
            for c in row:
                if c.bbox is not None:
                    b.grid_boxes[(c.start, c.end)] = c.bbox
    found = assign(grid_observations(doc, tables, method="pdf-grid"), b.settings)
    for name in names:
        table = _build_table(b, found, name, "pdf-grid")
        if table is None or not _complete(table):
            continue
        for cell in list(table.cells.values()):
            if cell.span is not None and (box := b.grid_boxes.get((cell.span.start, cell.span.end))) is not None:
                table.put(cell.evolve(bbox=box))
        result[name] = table


def _opens_row(label: str) -> bool:
    """Whether the label at the top of a page opens a row: an ordinal (every table-3 row has one), or a
    whole table-2 label (规章, 行政许可 …; not table 3's, whose 其他 would also end a cut header row)."""
    from ..io.grid import opens_row_default

    if opens_row_default(label):
        return True
    m = match_label("t2", label)
    return m is not None and m.how == "exact"


#: issues after which a table is not read completely (a row lost, merged or guessed)
_UNSURE_KINDS = frozenset({"cell_count", "unsplittable", "columns_missing", "ambiguous_split", "repeated_row"})


def _complete(table: Table) -> bool:
    """A grid reading worth more than the text layer's: every row of its template, no cell unreadable."""
    if any(i.kind in _UNSURE_KINDS for i in table.issues):
        return False
    if table.name == "t4":
        return len(table.cells) == 15
    return all(key in table.rows for key in table.layout if key != "other") and bool(table.rows)


# ---- table 3


def _t3_template(f: Found, t2_found: Found | None) -> TableTemplate:
    if any(k.startswith("other.") for k in f.rows):
        return "2021"
    if "other" in f.rows:
        return "2021" if t2_found is not None and _t2_template(t2_found) == "2021" else "2019"
    return "2021"


def _build_t3(b: _Builder, f: Found, method: str, t2_found: Found | None) -> Table:
    template = _t3_template(f, t2_found)
    keys = [r.key for r in T3_ROWS[template]]
    if "other" in f.rows and template == "2021":
        keys.insert(keys.index("total"), "other")  # a 2019-style row inside a 2021 table
    ncol = len(T3_COLUMN_KEYS)
    table = Table("t3", template, method, {k: dict.fromkeys(T3_COLUMN_KEYS) for k in keys})
    chosen_obs: dict[str, tuple[Obs, str, float]] = {}
    candidates: dict[str, list[tuple[Number | None, ...]]] = {}
    printed: dict[str, list[tuple[str, Span | None]]] = {}
    split_rows: set[str] = set()
    for key in f.order:
        options = f.rows[key]
        best = None
        for obs, how, score in options:
            cands, pieces, was_split = _t3_candidates(b, obs, ncol)
            if cands:
                best = (obs, how, score, cands, pieces, was_split)
                break
            if best is None:
                best = (obs, how, score, cands, pieces, was_split)
        assert best is not None
        obs, how, score, cands, pieces, was_split = best
        if len(options) > 1:
            table.issues.append(
                TableIssue(
                    "repeated_row", "t3", span=b.label_span(options[1][0]), row=key, detail={"times": len(options)}
                )
            )
        chosen_obs[key] = (obs, how, score)
        table.rows[key] = TableRow(key, _clean_label(obs.label), how, score, b.label_span(obs))
        if cands:
            candidates[key] = cands
            printed[key] = pieces
            if was_split:
                split_rows.add(key)
        else:
            printed[key] = pieces
    placed: dict[str, dict[int, str]] = {}
    if method == "pdf-text":
        placed = _place_by_geometry(b, chosen_obs, candidates, printed, split_rows, ncol)
    idents = identities("t3", template, keys)

    def ident_score(choice: dict[str, tuple[Number | None, ...]]) -> int:
        return _t3_identities_ok(choice, idents)

    choice, ties = sp.choose_rows(candidates, ident_score)
    guessed: set[str] = set()
    for key in chosen_obs:
        if key in candidates:
            continue
        obs = chosen_obs[key][0]
        target = _implied_row(choice, key, idents) if obs.run and not obs.grid else None
        closest = _closest(obs.run or "", ncol, target) if target is not None else None
        if (
            target is not None  # always so where closest is not None
            and closest is not None
            and sum(1 for v, t in zip(closest, target, strict=False) if (v or 0) == t) >= ncol // 2
        ):
            # no split adds up: the one that agrees with the rest of the table, for the rules to report
            candidates[key] = [closest]
            choice[key] = closest
            split_rows.add(key)
            guessed.add(key)
        else:
            table.issues.append(_unreadable(b, table.name, obs, key, ncol, printed[key]))
    for key, values in choice.items():
        obs = chosen_obs[key][0]
        row_how: str | None
        if key in guessed:
            conf, row_how = b.settings.guessed, "guessed"
            spans = b.split_spans(obs, values)
        elif key in split_rows:
            # the one split the identities allow, found by a search that saw every split
            decided = ties == 1 and 1 <= len(candidates[key]) < sp.MAX_CANDIDATES
            settings = b.settings
            conf, row_how = (settings.split_decided, "split") if decided else (settings.split_undecided, "guessed")
            spans = b.split_spans(obs, values)
        else:
            conf, row_how = 1.0, None
            spans = printed[key]
            if method == "pdf-text" and not on_one_line(b, [span for _, span in spans]):
                row_how = "inferred"  # numbers on several lines: some may be pieces of a wrapped number
        gaps = placed.get(key, {})
        for i, (col, v, (txt, span)) in enumerate(zip(T3_COLUMN_KEYS, values, spans, strict=False)):
            cell_how = row_how or gaps.get(i) or printed_how(v, txt)
            table.put(TableCell("t3", key, col, v, txt, span, confidence=conf, how=cell_how))
            if v is None and not parse_value(txt)[1]:
                table.issues.append(_not_a_number("t3", key, col, txt, span))
        if key in split_rows and ties > 1 and len(candidates[key]) > 1:
            table.issues.append(
                TableIssue(
                    "ambiguous_split",
                    "t3",
                    span=b.span_text(obs.run_start, obs.run_start + len(obs.run or "")),
                    row=key,
                    observed=obs.run,
                    detail={"run": obs.run, "splits": len(candidates[key])},
                )
            )
    _fill_unreadable_cells(b, table, printed, set(choice), T3_COLUMN_KEYS)
    _simplified_t3(b, table, chosen_obs)
    _extras(b, table, f)
    return table


def _simplified_t3(b: _Builder, table: Table, chosen: dict[str, tuple[Obs, str, float]]) -> None:
    """Table 3 printed with three columns (自然人 / 法人或其他组织 / 总计): the five organisation columns are
    missing (value None, confidence 0, so no identity counts them as 0); the printed 法人或其他组织 figures are
    kept in one issue (GT201: the rows print fewer cells than the template)."""
    printed: dict[str, Number | None] = {}
    first: Span | None = None
    for key, (obs, _, _) in chosen.items():
        if not obs.grid or not any(p.missing for p in obs.cells or ()):
            continue
        for col, piece in zip(T3_COLUMN_KEYS, obs.cells or (), strict=False):
            if piece.missing:
                table.put(TableCell("t3", key, col, None, "", None, confidence=0.0, how="missing"))
        if obs.org_total is not None:
            printed[key] = parse_value(obs.org_total.text)[0]
            if first is None and obs.org_total.end > obs.org_total.start:
                first = b.span_source(obs.org_total.start, obs.org_total.end)
    if not printed:
        return
    table.issues.append(
        TableIssue(
            "columns_missing",
            "t3",
            span=first,
            observed={"法人或其他组织": printed},
            expected=7,
            detail={"printed": printed},
        )
    )


def _place_by_geometry(
    b: _Builder,
    chosen: dict[str, tuple[Obs, str, float]],
    candidates: dict[str, list[tuple[Number | None, ...]]],
    printed: dict[str, list[tuple[str, Span | None]]],
    split_rows: set[str],
    ncol: int,
) -> dict[str, dict[int, str]]:
    """PDF rows with fewer printed cells than columns: place each number under its column.

    A PDF's text layer drops blank cells, so ``5 5`` may be natural_person and
    total.  The columns' x-centres come from the rows printed in full; a short
    row's numbers go to the nearest centres when each lands clearly in a column
    of its own, left to right.  Blank cells are ``None``.  Returns, for each row
    placed, how each of its empty columns reads: ``blank`` where no digit of the
    page stands in that column at the row's height, else ``inferred`` (a number
    may have wrapped onto another line).
    """
    full = [printed[k] for k in candidates if k not in split_rows and len(printed[k]) == ncol]
    xs: list[list[float]] = [[] for _ in range(ncol)]
    for pieces in full:
        for i, (_, span) in enumerate(pieces):
            x = b.x_centre(span)
            if x is not None:
                xs[i].append(x)
    if all(xs):
        centres = [sorted(col)[len(col) // 2] for col in xs]
    else:  # no row printed in full: the column labels of the header
        found = _t3_header_centres(b, chosen)
        if found is None:
            return {}
        centres = found
    gaps = [right - left for left, right in pairwise(centres)]
    if not gaps or min(gaps) <= 0:
        return {}
    tolerance = min(gaps) * b.settings.column_tolerance
    out: dict[str, dict[int, str]] = {}
    for key, (obs, _, _) in chosen.items():
        pieces = printed[key]
        if not (0 < len(pieces) < ncol) or obs.grid:
            continue
        slots: list[int] = []
        for _, span in pieces:
            x = b.x_centre(span)
            if x is None:
                break
            i = _nearest_column(centres, ncol, x)
            if abs(centres[i] - x) > tolerance:
                break
            slots.append(i)
        if len(slots) != len(pieces) or slots != sorted(set(slots)):
            continue
        values: list[Number | None] = [None] * ncol
        placed: list[tuple[str, Span | None]] = [("", None)] * ncol
        for i, (txt, span) in zip(slots, pieces, strict=True):
            values[i] = parse_value(txt)[0]
            placed[i] = (txt, span)
        candidates[key] = [tuple(values)]
        printed[key] = placed
        split_rows.discard(key)
        band = _band(b, [span for _, span in pieces])
        out[key] = {i: _gap_how(b, centres[i], tolerance, band) for i in range(ncol) if i not in slots}
    return out


def _band(b: _Builder, spans: Sequence[Span | None]) -> tuple[int, float, float] | None:
    """The page and vertical extent of the digits of ``spans`` (a PDF row's numbers)."""
    ext = b.doc.extraction
    if ext is None:
        return None
    boxes = [ext.char_boxes[i] for s in spans if s is not None for i in range(s.start, s.end) if i in ext.char_boxes]
    if not boxes or spans[0] is None:
        return None
    return (ext.page_of(spans[0].start) or 0, min(bx[1] for bx in boxes), max(bx[3] for bx in boxes))


def _gap_how(b: _Builder, x: float, tolerance: float, band: tuple[int, float, float] | None) -> str:
    """``blank`` when no digit of the row's page stands within ``tolerance`` of ``x`` near the row's height.

    A digit just above or below the row in that column (closer than the digits'
    own height) may be the rest of a number that wrapped inside a narrow cell; the
    gap is then only ``inferred``.
    """
    if band is None:
        return "inferred"
    page, top, bottom = band
    margin = b.settings.row_margin * (bottom - top)
    for x0, t, x1, bt in b.digit_boxes(page):
        if abs((x0 + x1) / 2 - x) <= tolerance and bt >= top - margin and t <= bottom + margin:
            return "inferred"
    return "blank"


def on_one_line(b: _Builder, spans: Sequence[Span | None]) -> bool:
    """Whether the numbers of a PDF text row stand on one line of the page (else some may be pieces of wrapped numbers).

    A number too wide for its cell prints ``32`` over ``7``; the text layer then holds
    two numbers where the row has one.  Every digit of the row (not its decimal points)
    centred within half a digit's height of the others says the row is what its text
    layer holds.
    """
    ext = b.doc.extraction
    if ext is None or not ext.char_boxes:
        return True
    marks = [
        ((box[1] + box[3]) / 2, box[3] - box[1])
        for s in spans
        if s is not None
        for i in range(s.start, s.end)
        if (box := ext.char_boxes.get(i)) is not None and box[3] > box[1]
    ]
    if not marks:
        return True
    tall = max(h for _, h in marks)
    digits = [y for y, h in marks if h >= b.settings.digit_height * tall]  # not a decimal point
    return max(digits) - min(digits) <= tall / 2


# a distinctive part of each table-3 column label; 其他 not the one inside 法人或其他组织
_T3_COLUMN_HEADER_KEYS = ("自然", "商业", "科研", "公益", "法律", "(?<!或)其他", "总计")


def _nearest_column(centres: Sequence[float], n: int, x: float) -> int:
    """The first of the ``n`` columns whose centre is nearest ``x``."""
    return min(range(n), key=lambda c: abs(centres[c] - x))


def _t3_header_centres(b: _Builder, chosen: dict[str, tuple[Obs, str, float]]) -> list[float] | None:
    """The x-centres of table 3's column labels in a PDF header (申请人情况 … 总计), in column order."""
    first = min((o for o, _, _ in chosen.values() if not o.grid and o.run), key=lambda o: o.run_start, default=None)
    if first is None:
        return None
    start = b.text.rfind("申请人情况", 0, first.run_start)
    if start < 0:
        return None
    centres = []
    for key in _T3_COLUMN_HEADER_KEYS:
        m = re.compile(key).search(b.text, start, first.run_start)
        if m is None:
            return None
        i = m.start()
        # the whole printed label around the key (社会公益 for 公益), on its line
        lo, hi = i, m.end()
        while lo > start and "\u4e00" <= b.text[lo - 1] <= "\u9fff":
            lo -= 1
        while hi < first.run_start and "\u4e00" <= b.text[hi] <= "\u9fff":
            hi += 1
        a = b.source_box(b.doc.span(lo, lo + 1).start)
        z = b.source_box(b.doc.span(hi - 1, hi).start)
        if a is None or z is None:
            return None
        centres.append((a[0] + z[2]) / 2)
    return centres


def _t3_candidates(
    b: _Builder, obs: Obs, ncol: int
) -> tuple[list[tuple[Number | None, ...]], list[tuple[str, Span | None]], bool]:
    pieces = b.pieces(obs)
    values = [parse_value(t) for t, _ in pieces]
    # a count is never negative: -1 in a run is a blank printed as a hyphen, then 1
    signed = obs.run is not None and any(v is not None and v < 0 for v, _ in values)
    if len(pieces) == ncol and (obs.grid or all(ok for _, ok in values)) and not signed:
        # text where a number belongs stays None (reported by GT202)
        return [tuple(v for v, _ in values)], pieces, False
    if obs.grid or not obs.run:
        return [], pieces, False
    if sp.has_marks(obs.run):
        # blank cells printed as dashes run into the digits: the dashes stay cells of their own
        marked = sp.split_marked(obs.run, ncol, sp.blanks_as_zero(sp.row_sum_ok))
        if marked:
            return list(marked), pieces, True
        only = sp.split_marked(obs.run, ncol, lambda _: True)
        return (list(only), pieces, True) if only is not None and len(only) == 1 else ([], pieces, False)
    cands = sp.split_row(obs.run, ncol, sp.row_sum_ok)
    if not cands:
        # no split adds up; if the digits can be read only one way (0000100 as seven
        # cells), read them so and let the row-sum rule report the error
        one_way = sp.split_row(obs.run, ncol, lambda _: True)[:2]
        if len(one_way) == 1:
            return list(one_way), pieces, True
        return [], pieces, False
    return list(cands), pieces, True


def _lookup(choice: dict[str, tuple[Number | None, ...]]) -> Lookup:
    """Table 3's values by row and column, from one candidate split per row."""
    index = {c: i for i, c in enumerate(T3_COLUMN_KEYS)}

    def value(row: str, col: str) -> Number | None:
        vals = choice.get(row)
        i = index[col]
        return None if vals is None or i >= len(vals) else vals[i]

    return value


def _closest(run: str, n: int, target: Sequence[int | None]) -> tuple[int | None, ...] | None:
    """The split of a row's run that agrees with ``target`` in the most cells (dashes kept as blank cells)."""
    if not sp.has_marks(run):
        return sp.closest_split(run, n, target)

    def agree(vals: tuple[int | None, ...]) -> int:
        return sum(1 for v, t in zip(vals, target, strict=False) if t is not None and (v or 0) == t)

    found = sp.split_marked(run, n, lambda _: True, score=agree)
    return found[0] if found else None


def _implied_row(
    choice: dict[str, tuple[Number | None, ...]], key: str, idents: Sequence[Identity]
) -> list[int | None] | None:
    """The values the column identities imply for row ``key`` given the other rows (None where unknown).

    Each column's value comes from the first column identity (outcome sum, then
    balance) that holds the cell; nothing is implied before the （七）总计 row is read.
    """
    if "total" not in choice and key != "total":
        return None
    value = _lookup(choice)
    out: list[int | None] = []
    for col in T3_COLUMN_KEYS:
        implied = next(
            (i.solve((key, col), value) for i in idents if i.kind != "row_sum" and (key, col) in i.cells), None
        )
        out.append(int(implied) if implied is not None and implied >= 0 and float(implied).is_integer() else None)
    return out if any(v is not None for v in out) else None


def _t3_identities_ok(choice: dict[str, tuple[Number | None, ...]], idents: Sequence[Identity]) -> int:
    """How many column identities (outcome sums and balances) a choice of splits satisfies."""
    if "total" not in choice:
        return 0
    value = _lookup(choice)
    return sum(1 for i in idents if i.kind != "row_sum" and i.holds(value))


def _unreadable(
    b: _Builder, table: str, obs: Obs, key: str, ncol: int, pieces: list[tuple[str, Span | None]]
) -> TableIssue:
    if obs.run is not None and not obs.grid:
        return TableIssue(
            "unsplittable",
            table,
            span=b.span_text(obs.run_start, obs.run_start + len(obs.run)),
            row=key,
            observed=obs.run,
            expected=ncol,
            detail={"run": obs.run},
        )
    span = pieces[0][1] if pieces else b.label_span(obs)
    texts = [t for t, _ in pieces]
    return TableIssue(
        "cell_count", table, span=span, row=key, observed=len(pieces), expected=ncol, detail={"texts": texts}
    )


def _not_a_number(table: str, row: str, col: str, text: str, span: Span | None) -> TableIssue:
    return TableIssue("not_a_number", table, span=span, row=row, col=col, observed=text)


def _fill_unreadable_cells(
    b: _Builder, table: Table, printed: dict[str, list[tuple[str, Span | None]]], done: set[str], cols: Sequence[str]
) -> None:
    """Rows that could not be read: keep what was printed, cell by cell, with value None."""
    for key, pieces in printed.items():
        if key in done:
            continue
        for col, (txt, span) in zip(cols, pieces, strict=False):
            _v, ok = parse_value(txt)
            table.put(TableCell(table.name, key, col, None, txt, span, confidence=0.0, how="missing"))
            if not ok:
                table.issues.append(_not_a_number(table.name, key, col, txt, span))


def _extras(b: _Builder, table: Table, f: Found) -> None:
    for obs in f.extra:
        pieces = b.pieces(obs)
        cells = tuple(
            TableCell(table.name, "extra", str(i), v, t, span, how=printed_how(v, t))
            for i, (t, span) in enumerate(pieces)
            for v in (parse_value(t)[0],)
        )
        label = _clean_label(obs.label)
        table.extra.append(ExtraRow(label, cells, b.label_span(obs)))
        table.issues.append(TableIssue("unknown_row", table.name, span=b.label_span(obs), observed=label))


def _clean_label(label: str) -> str:
    return re.sub(r"\s+", "", label)[-60:]


# ---- table 4


def _build_t4(b: _Builder, f: Found, method: str) -> Table:
    table = Table("t4", "2021", method, {g: dict.fromkeys(T4_OUTCOME_KEYS) for g in T4_GROUP_KEYS})
    pieces: list[tuple[str, Span | None]] = []
    for obs in f.t4:
        pieces.extend(b.pieces(obs))
    values = [parse_value(t) for t, _ in pieces]
    flat: list[Number | None] | None = None
    spans = pieces
    conf = 1.0
    how: list[str | None] = [None] * 15  # None: as printed
    signed = any(v is not None and v < 0 for v, _ in values) and not any(o.grid for o in f.t4)
    if len(pieces) == 15 and (all(o.grid for o in f.t4) or all(ok for _, ok in values)) and not signed:
        flat = [v for v, _ in values]
        if method == "pdf-text" and not on_one_line(b, [span for _, span in pieces]):
            how = ["inferred"] * 15
    elif method == "pdf-text" and 0 < len(pieces) < 15 and (placed := _t4_by_geometry(b, f, pieces)) is not None:
        # the text layer dropped blank cells: each number goes under its header label
        spans, how = placed
        flat = [parse_value(t)[0] if t else None for t, _ in spans]
        if not on_one_line(b, [span for _, span in pieces]):
            how = ["inferred"] * 15
    elif not any(o.grid for o in f.t4):
        run = " ".join(o.run or "" for o in f.t4)
        partial = None
        if sp.has_marks(run):  # blank cells printed as dashes run into the digits
            cands = list(sp.split_marked(run, 15, sp.blanks_as_zero(_t4_groups_ok)) or [])
            if not cands and (best := sp.split_marked(run, 15, lambda _: True, score=_t4_groups_held)):
                partial = (best[0], _t4_groups_held(best[0]))
        else:
            cands = list(sp.split_groups(run, 3, 5))
            if not cands:
                partial = sp.split_groups_best(run, 3, 5)
        if not cands and partial is not None and partial[1] >= 1:
            cands = [partial[0]]  # the group that does not add up is reported by GT305
        if cands:
            flat = list(cands[0])
            decided = len(cands) == 1 and partial is None
            conf = b.settings.split_decided if decided else b.settings.split_undecided
            how = ["split" if decided else "guessed"] * 15
            spans = b.split_spans(f.t4, flat)
            if len(cands) > 1:
                table.issues.append(
                    TableIssue(
                        "ambiguous_split",
                        "t4",
                        span=spans[0][1] if spans else None,
                        observed=run.strip(),
                        detail={"run": run.strip(), "splits": len(cands)},
                    )
                )
    if flat is None:
        table.issues.append(
            TableIssue(
                "cell_count",
                "t4",
                span=pieces[0][1] if pieces else None,
                observed=len(pieces),
                expected=15,
                detail={"texts": [t for t, _ in pieces]},
            )
        )
        for i, (txt, span) in enumerate(pieces[:15]):
            g, o = T4_GROUP_KEYS[i // 5], T4_OUTCOME_KEYS[i % 5]
            table.put(TableCell("t4", g, o, None, txt, span, confidence=0.0, how="missing"))
        return table
    for i, v in enumerate(flat):
        g, o = T4_GROUP_KEYS[i // 5], T4_OUTCOME_KEYS[i % 5]
        txt, span = spans[i] if i < len(spans) else ("", None)
        table.put(TableCell("t4", g, o, v, txt, span, confidence=conf, how=how[i] or printed_how(v, txt)))
    for i, (txt, span) in enumerate(pieces if len(pieces) == 15 else []):
        if not values[i][1]:
            g, o = T4_GROUP_KEYS[i // 5], T4_OUTCOME_KEYS[i % 5]
            table.issues.append(_not_a_number("t4", g, o, txt, span))
    for key, label in T4_GROUPS:
        table.rows[key] = TableRow(key, label, "position", 1.0, None)
    return table


def _t4_groups_held(values: Sequence[Number | None]) -> int:
    """How many of table 4's three groups add up (blank cells as 0)."""
    return sum(sp.row_sum_ok([v or 0 for v in values[g * 5 : g * 5 + 5]]) for g in range(3))


def _t4_groups_ok(values: Sequence[Number]) -> bool:
    return _t4_groups_held(values) == 3


_T4_KEY_CHARS = "维纠其审总"  # one per column label: 结果维持 结果纠正 其他结果 尚未审结 总计


def _t4_by_geometry(
    b: _Builder, f: Found, pieces: list[tuple[str, Span | None]]
) -> tuple[list[tuple[str, Span | None]], list[str | None]] | None:
    """Table 4 in a PDF with blank cells: the numbers placed under the fifteen column labels by x position.

    Returns the placed cells and how each empty one reads (see :func:`_gap_how`; ``None`` for a printed one).
    """
    obs = next((o for o in f.t4 if o.run), None)
    ext = b.doc.extraction
    if obs is None or ext is None or ext.pdf_bytes is None:
        return None
    header = [i for i in range(obs.label_start, obs.run_start) if b.text[i] in _T4_KEY_CHARS]
    if len(header) != 15:
        return None
    centres = []
    for i in header:
        box = b.source_box(b.doc.span(i, i + 1).start)
        if box is None:
            return None
        centres.append((box[0] + box[2]) / 2)
    if any(r <= left for left, r in pairwise(centres)):
        return None
    tolerance = min(r - left for left, r in pairwise(centres)) * b.settings.column_tolerance
    out: list[tuple[str, Span | None]] = [("", None)] * 15
    last = -1
    for txt, span in pieces:
        x = b.x_centre(span)
        if x is None:
            return None
        k = _nearest_column(centres, 15, x)
        if abs(centres[k] - x) > tolerance or k <= last:
            return None
        out[k], last = (txt, span), k
    band = _band(b, [span for _, span in pieces])
    return out, [None if out[k][1] is not None else _gap_how(b, centres[k], tolerance, band) for k in range(15)]


# ---- table 2


def _t2_template(f: Found) -> TableTemplate:
    h = norm_label(f.header)
    if any(w in h for w in ("本年新制作", "本年新公开", "对外公开总数量", "上一年项目数量", "采购项目数量")):
        return "2019"
    if any(k in f.rows for k in ("other_services", "procurement")):
        return "2019"
    return "2021"


def _build_t2(b: _Builder, f: Found, method: str) -> Table:
    template = _t2_template(f)
    specs = {s.key: s for s in T2_ROWS[template]}
    table = Table("t2", template, method, {k: dict.fromkeys(s.columns) for k, s in specs.items()})
    for key in f.order:
        obs, how, score = f.rows[key][0]
        spec = specs.get(key)
        if spec is None:
            f.extra.append(obs)
            continue
        table.rows[key] = TableRow(key, _clean_label(obs.label), how, score, b.label_span(obs))
        cols = spec.columns
        pieces = b.pieces(obs)
        while obs.grid and len(pieces) > len(cols) and not pieces[-1][0]:
            pieces = pieces[:-1]  # padding after the row's own cells (merged or empty in the source)
        while obs.grid and len(pieces) > len(cols) and pieces[-1][0] == pieces[-2][0]:
            pieces = pieces[:-1]  # a merged cell that a Markdown table repeats in every column it spans
        parsed = [parse_value(t) for t, _ in pieces]
        if len(pieces) == len(cols) and (obs.grid or all(ok for _, ok in parsed)):
            wrapped = method == "pdf-text" and not on_one_line(b, [span for _, span in pieces])
            for col, (v, ok), (txt, span) in zip(cols, parsed, pieces, strict=True):
                how = "inferred" if wrapped else printed_how(v, txt)
                table.put(TableCell("t2", key, col, v, txt, span, how=how))
                if not ok:
                    table.issues.append(_not_a_number("t2", key, col, txt, span))
            continue
        placed = _t2_by_geometry(b, obs, cols, pieces) if method == "pdf-text" and len(pieces) < len(cols) else None
        if placed is not None:
            # a PDF's text layer dropped blank cells: each number goes under its column label
            for col, (txt, span), gap in zip(cols, *placed, strict=True):
                v = parse_value(txt)[0] if txt else None
                table.put(TableCell("t2", key, col, v, txt, span, how=gap or printed_how(v, txt)))
            continue
        if not obs.grid and obs.run and len(pieces) < len(cols):
            cands = _t2_split(obs.run, len(cols), cols.index("change") if "change" in cols else None)
            if cands:
                values = cands[0]
                spans = b.split_spans(obs, values)
                for col, v, (txt, span) in zip(cols, values, spans, strict=False):
                    conf, how = (1.0, "split") if len(cands) == 1 else (b.settings.guessed, "guessed")
                    table.put(TableCell("t2", key, col, v, txt, span, confidence=conf, how=how))
                if len(cands) == 1:
                    continue
                table.issues.append(
                    TableIssue(
                        "ambiguous_split",
                        "t2",
                        span=b.span_text(obs.run_start, obs.run_start + len(obs.run)),
                        row=key,
                        observed=obs.run,
                        detail={
                            "cells": len(cols),
                            "run": obs.run,
                            "splits": len(cands),
                            "guess": "/".join("—" if v is None else _printed_number(v) for v in values),
                        },
                    )
                )
                continue
        table.issues.append(
            TableIssue(
                "cell_count",
                "t2",
                span=pieces[0][1] if pieces else b.label_span(obs),
                row=key,
                observed=len(pieces),
                expected=len(cols),
            )
        )
        for col, (_, ok), (txt, span) in zip(cols, parsed, pieces, strict=False):
            table.put(TableCell("t2", key, col, None, txt, span, confidence=0.0, how="missing"))
            if not ok:
                table.issues.append(_not_a_number("t2", key, col, txt, span))
    _text_only_rows(b, table, f, specs)
    _extras(b, table, f)
    return table


#: a line of flattened text that is a label and text cells only: 行政许可<TAB>见附件, 行政许可 不适用, | 行政许可 | 无 |
#: (the label must be a template row's label exactly, so a line of prose does not pass)
_TEXT_ONLY_LINE = re.compile(
    r"^[ \t|]*(?P<label>[^\t\n|]+?)[ \t]*(?:\t|\||\u3000| +)[ \t|]*(?P<text>[^\t\n|\d]{1,12}?)[ \t|]*$", re.M
)


def _text_only_rows(b: _Builder, table: Table, f: Found, specs: dict[str, RowSpec]) -> None:
    """Table-2 rows that print text where their numbers belong (行政许可<TAB>见附件): kept, value null, a GT202 issue.

    The text reader makes a row where it meets a run of numbers, so a row that
    prints none ran, label and text, into the label of the row after it and was
    lost without a word.  A line of the labels before a row's numbers that is a
    template row's exact label and short text cells is such a row; its text
    goes in its first cell, the others stay missing.
    """
    if all(key in table.rows for key in specs):
        return
    observed = [obs for rows in f.rows.values() for obs, _, _ in rows] + list(f.extra)
    for obs in observed:
        if obs.grid:
            continue
        for m in _TEXT_ONLY_LINE.finditer(obs.label):
            key = _t2_row_named(m.group("label"), (table.template,))
            text = m.group("text").strip()
            if key is None or key in table.rows or key not in specs or not text or parse_value(text)[1]:
                continue  # no row's whole label, a row read already, or a blank mark (read as such elsewhere)
            col = specs[key].columns[0]
            at = obs.label_start
            span = b.span_text(at + m.start("text"), at + m.start("text") + len(m.group("text").rstrip()))
            table.rows[key] = TableRow(key, _clean_label(m.group("label")), "exact", 1.0,
                                       b.span_text(at + m.start("label"), at + m.end("label")))  # fmt: skip
            for c in specs[key].columns:
                txt, cell_span = (text, span) if c == col else ("", None)
                table.put(TableCell("t2", key, c, None, txt, cell_span, confidence=0.0, how="missing"))
            table.issues.append(_not_a_number("t2", key, col, text, span))


#: a distinctive part of each table-2 column label, to find the label in a PDF's header text
_T2_COLUMN_KEYS = {"made": "制发", "repealed": "废止", "in_force": "现行有效", "decisions": "处理决定",
                   "amount_wan": "收费金额", "new_made": "新制作", "new_published": "新公开", "published_total": "公开总数",
                   "prior_items": "上一年", "change": "增", "items": "采购项目", "amount": "采购总金额"}  # fmt: skip


def _t2_by_geometry(
    b: _Builder, obs: Obs, cols: Sequence[str], pieces: list[tuple[str, Span | None]]
) -> tuple[list[tuple[str, Span | None]], list[str | None]] | None:
    """A PDF table-2 row with blank cells: its numbers placed under the column labels of the header above it.

    Returns the placed cells and how each empty one reads (see :func:`_gap_how`; ``None`` for a printed one).
    """
    if obs.grid or not pieces:
        return None
    window_start = max(0, obs.run_start - 300)
    centres = []
    for col in cols:
        key = _T2_COLUMN_KEYS[col]
        i = b.text.rfind(key, window_start, obs.run_start)
        if i < 0:
            return None
        first, last = (
            b.source_box(b.doc.span(i, i + 1).start),
            b.source_box(b.doc.span(i + len(key) - 1, i + len(key)).start),
        )
        if first is None or last is None:
            return None
        centres.append((first[0] + last[2]) / 2)
    if len(cols) > 1 and any(r <= left for left, r in pairwise(centres)):
        return None
    tolerance = min((r - left for left, r in pairwise(centres)), default=200) * b.settings.column_tolerance
    out: list[tuple[str, Span | None]] = [("", None)] * len(cols)
    last_k = -1
    for txt, span in pieces:
        x = b.x_centre(span)
        if x is None:
            return None
        k = _nearest_column(centres, len(cols), x)
        if abs(centres[k] - x) > tolerance or k <= last_k:
            return None
        out[k], last_k = (txt, span), k
    band = _band(b, [span for _, span in pieces])
    return out, [None if out[k][1] is not None else _gap_how(b, centres[k], tolerance, band) for k in range(len(cols))]


def _t2_split(run: str, n: int, small: int | None = None) -> list[tuple[Number | None, ...]]:
    """Split a table-2 run; a decimal part belongs to the last cell (an amount); a sign opens a cell.

    Where the row has no column that may be negative (``small`` is None), a dash or slash
    is a blank cell run into the digits, not a sign.
    """
    run = run.strip()
    if small is None and sp.has_marks(run) and "." not in run:
        return list(sp.split_marked(run, n, lambda _: True) or [])
    signed = [p for p in re.split(r"(?=[-+－])", run) if p.strip()]
    if len(signed) > 1:
        if len(signed) > n:
            return []
        head, last = signed[:-1], signed[-1]
        try:
            fixed = [int(p.replace("－", "-").replace(" ", "")) for p in head]
        except ValueError:  # a dash that marks a blank cell, not a sign
            return []
        if not last.lstrip("-+－ ").strip():
            return []
        rest = _t2_split(last.lstrip("-+－"), n - len(fixed), None)
        sign = -1 if last.lstrip()[0] in "-－" else 1
        # a sign before a blank mark (12 -/30) signs no number: such a split is no reading (it used to raise)
        return [(*fixed, sign * c[0], *c[1:]) for c in rest if c and c[0] is not None]
    if "." in run:
        whole, _, frac = run.rpartition(".")
        cands = sp.split_plain(whole, n, small)
        return [(*c[:-1], float(f"{c[-1]}.{frac}")) for c in cands]
    return list(sp.split_plain(run, n, small))


def _settle_template(result: dict[str, Table | None]) -> None:
    """Tables of one report share a template: table 2's header says it best, then table 3's rows."""
    t2, t3 = result["t2"], result["t3"]
    if t2 is not None and t3 is not None and t3.template != t2.template and "other" not in t3.rows:
        t3.template = t2.template
    if t3 is not None and result["t4"] is not None:
        result["t4"].template = t3.template
    elif t2 is not None and result["t4"] is not None:
        result["t4"].template = t2.template


def template_of(tables: dict[str, Table | None]) -> TableTemplate | None:
    """The template the tables were printed on, or None when the report has none."""
    for name in ("t2", "t3", "t4"):
        t = tables.get(name)
        if t is not None:
            return t.template
    return None


def iter_cells(tables: dict[str, Table | None]) -> Iterable[TableCell]:
    for t in tables.values():
        if t is not None:
            yield from t.cells.values()
