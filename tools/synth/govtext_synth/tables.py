#!/usr/bin/env python3
"""Deterministic generator of invented annual reports WITH the three standard tables, and the truth of every cell.

For round-trip tests of govtext's table parser: a report is written in one of five
formats, read back with ``govtext.io.read`` and the tables stage, and the values it
finds are compared with the truth this module returns.  Every agency, sentence and
number is invented here; the printed row and column labels are the national
template's, imported from :mod:`govtext.tables.schema` (plus the few template texts
the schema does not hold: section titles, 第二十条第（N）项, 申请人情况, 三、本年度办理结果 …).

What a report holds: a title line, a preamble, the six section headings
(一、总体情况 … 六、其他需要报告的事项), prose under 1, 5 and 6, and the tables under
2, 3 and 4, laid out as the national template lays them out:

* table 2: sub-blocks 第二十条第（一）项 / （五）/ （六）/ （八）(2019: and （九）), each a
  full-width block title, a 信息内容 header row and its data rows (4 grid columns);
* table 3: 10 grid columns; header rows 申请人情况 / 自然人 · 法人或其他组织 · 总计 /
  the five organisation sub-columns (the 勾稽关系 note in the merged corner cell);
  row-group cells 三、本年度办理结果, （三）不予公开, （四）无法提供, （五）不予处理,
  （六）其他处理 (2021) merged vertically; the 2019 template's （六）其他处理 is one row;
* table 4: 15 grid columns; three header rows (行政复议 · 行政诉讼 / the review outcomes
  merged down, 未经复议直接起诉 · 复议后起诉 / the litigation outcomes) or two
  (the three groups / 15 outcomes), then one row of 15 numbers.

Public API
----------
``random_tables(rng, template) -> dict``
    canonical values ``{"t2": {row: {col: value}}, "t3": …, "t4": …}`` satisfying every identity.
``check_identities(tables, template, *, none_as_zero=True) -> list[str]``
    the violations (shape, t3 row sum, outcome sum, balance, t4 group sums); ``[]`` when all hold.
``random_agency(rng) -> str``, ``random_options(rng, fmt, template="2021") -> dict``
``render(rng, truth, fmt, *, template, year, agency, **options) -> bytes``
``render_with_truth(rng, truth, fmt, *, template, year, agency, **options) -> (bytes, printed_truth)``
    ``printed_truth`` is ``truth`` with ``None`` for every cell printed blank.
``make_report(seed, i, formats=FORMATS, templates=TEMPLATES) -> (bytes, meta)``: report *i* of the CLI.

Options (keyword arguments of ``render``; defaults in :data:`COMMON_OPTIONS` and
:data:`FORMAT_OPTIONS`; the CLI draws them with :func:`random_options`):

all formats
    ``blank_zeros`` (False) zero cells printed blank (truth ``None``); ``blank_mark`` ("") what a
    blank cell prints: "", "—", "/" or "－"; ``blank_outcome_totals`` (False) the 总计 column of
    table 3's outcome rows printed blank whatever its value (as some real reports do; truth
    ``None``; not for txt); ``thousands`` (False) numbers >= 1000 printed 3,001; ``fixed_decimals``
    (False) amounts always with two decimals (0.00, 12.30); ``item_ordinal`` ("1.") or "1、"
    for the numbered table-3 rows; ``t3_note`` (True) the 勾稽关系 note in table 3's corner;
    ``t4_header`` ("three") or "two"; ``prose_shift`` ({}) numbers added to the prose's figures
    (``received``, ``review``, ``litigation``), to make a report whose prose contradicts its tables; ``lead_lines`` (False) a digit-free sentence before each
    table; ``wrap_labels`` (False) long labels broken (PDF: narrow label column, 2-3 lines;
    HTML ``<br />``; DOCX ``<w:br/>``, read back as a space; txt/md: a space inside the label);
    ``split_title`` (False) agency and report title on two lines; ``headings`` ("plain"), "bold"
    or "heading" (HTML ``<h2>``, Markdown ``##``, DOCX "Heading 2" style); ``amount_unit`` ("")
    "万元" or "元" printed after the 2019 template's 采购总金额 (the truth is the bare number).
html
    ``html_th`` header cells as ``<th>``; ``html_thead`` header rows in ``<thead>`` (else
    ``<tbody>`` only, or bare ``<tr>`` when ``html_tbody`` is False); ``html_doc`` a whole
    document (else a fragment); ``cell_p`` cell text inside ``<p align=…>``; ``html_compact``
    no newlines between elements; ``number_align`` "center" | "right".  Blank cells print
    ``&nbsp;`` (or the blank mark).
docx
    ``repeat_header`` (table 3 header rows marked ``w:tblHeader``); ``vertical_labels``
    (``tbRlV`` text direction on 三、本年度办理结果); ``number_align``.
pdf
    ``repeat_header`` table 3's three header rows printed again on the continuation page;
    ``vertical_labels`` (True) 三、本年度办理结果 one character per line in a narrow column;
    ``number_align``; ``page_numbers`` "last" ('- N -' at the foot, drawn last, so it ends the
    page's text), "first" (drawn first: it starts the page's text, as in many real PDFs) or
    "none"; ``span_align`` "center" | "top" (where a merged row-group label sits in its merged
    cell; a merged cell crossing the page break has its lines split between the pages);
    ``t3_break_row`` a table-3 row key before which a page break is forced (None: only where
    the page is full); ``split_row`` "" | "numbers_first" | "numbers_last": a row at a page break
    whose label has 2+ lines is split, part of its label on each page, its numbers on the first
    or the second part.
txt (flattened crawler text)
    ``txt_layout`` "report_line" (title line, then the whole body on one line, as crawler
    output), "table_line" (each table on one line), "rows" (a table row per line) or "cells" (a
    table cell per line, as some converters write a web page's table; never drawn at random);
    ``cell_sep`` "glued" (``713000074``), "space", "mixed" or "tab", or with "cells" "pipe"
    (each cell followed by `` |``); ``row_sep`` "", " " or
    "mixed" between rows on one line (a row's digits may run into the next row's ordinal).
    Blank cells need a visible ``blank_mark`` unless ``cell_sep`` is "tab".
md
    ``md_merge`` "repeat" (a merged cell's text in every grid position it covers, numbers too: a
    table-2 value merged over three columns prints three times) or "empty" (text in the first
    position only).  The first grid row is the pipe table's header row.  As converters write them:
    ``md_pad`` ("") "trailing" or "leading": an empty cell at the end (``| … | 34 | |``) or the start
    of every data row, and of the header rows too with ``md_pad_header``; ``md_pipes`` (True) False:
    no outer pipes (``a | b``; a row whose first or last cell is empty keeps them, GFM could not
    read it otherwise); ``md_rule`` the delimiter row's cells: "---", ":---:", "---:", ":-:", "-".
md and html (layouts other tools write)
    ``t3_columns`` ("full") or "simple": table 3 with three columns 自然人 / 法人或其他组织 / 总计
    (the truth has ``None`` for the five organisation columns, which are not printed);
    ``t4_layout`` ("grid"), "cut_header" (table 4's header cut to one cell 行政复议行政诉讼, then
    the row of 15 numbers) or "cut_line" (行政复议行政诉讼 a line before a table of that one row);
    ``t2_lines`` (()) the table-2 row keys printed as plain lines (``行政许可 97``, a blank as —)
    before the table that holds the rest; ``table_titles`` (False) a caption line 表二/表三/表四
    (``**表三**``, ``<p><strong>表三</strong></p>``) before each table.
html (more)
    ``html_merge`` ("span") rowspan/colspan; "repeat": every grid position a cell of its own, a
    merged cell's text in each; "empty": the text in the first, the others empty cells.

Truth: ints everywhere except the amounts of table 2 (``fees.amount_wan``; 2019
``procurement.amount``), an int or a float with 1-2 decimals; the 2019 ``change`` column
may be negative.  ``render_with_truth`` returns it as printed: ``None`` for a blank cell.
Check a printed truth with ``check_identities(t, template, none_as_zero=not
options["blank_outcome_totals"])``.  Table 2 has no identity, so run-together digits in
its rows (txt ``cell_sep`` "glued"/"mixed") can have several valid splits.

What the text layers look like (for the parser):

* DOCX: python-docx's default template; one ``w:tbl`` per table with ``w:gridSpan`` and
  ``w:vMerge`` exactly as the grid; blank cells are empty paragraphs; broken labels use
  ``<w:br/>`` (govtext reads it as a space, e.g. ``商业 企业``).
* HTML/Markdown: one row per grid row, merged cells once (HTML) with rowspan/colspan.
* PDF (pypdfium2 text): a row reads ``label n n n n n n n`` when its label has one line.  A
  label wrapped over 2-3 lines prints its first lines alone and the numbers on the line of
  the last label line or on a line of their own.  Merged group cells are drawn before the
  cells of their first row on each page, so ``三\n、\n本\n年…`` (vertical_labels) or
  ``三、本\n年度办\n理结果`` and ``（三）不\n予公开`` come before that row's label; a merged
  cell crossing the page break has the lines that fall on each page there (with span_align
  "center" the whole group label may land on the second page, or be split ``（四）无`` /
  ``法提供``).  Header cells are narrow: ``自然\n人``, ``商业\n企业``; a header line at
  the same height as the next cell's first line is joined to it (``商业 总计``).  The page
  break shows as ``\f`` in govtext's text, with ``- N -`` on its own line at the end of the
  page (page_numbers "last") or the start of the next one ("first"), followed by the
  repeated header rows when ``repeat_header``.  With ``split_row`` the label of the row at
  the break is cut: ``（四）无 1.本机关不掌握相关政府信`` / ``- 2 -`` / … ``法提供 息 1 0 0 0 0 0 1``.
  Every text object holds one cell, in column order; pdfium keeps a single-CJK-character
  object but may glue it to the next text without a line break (so a one-character piece of
  a vertical label left alone on a page can run into the following label).
* txt: see the options; labels are never broken across rows, group labels run in front of
  their first row (``（三）不予公开 1.属于国家秘密0000000`` or without the space).

Determinism: only the ``random.Random`` passed in (and, in the CLI, one per report
seeded from ``f"govtext-tables:{seed}:{i}"``) is a source of variation; PDFs are written
with reportlab's ``invariant=1`` and DOCX packages with fixed core-property dates and
fixed zip timestamps, so the same seed and n give byte-identical files, and report *i*
does not depend on n.  Report *i* of the CLI has format ``formats[(i - 1) % len(formats)]``.

    python -m govtext_synth.tables --seed 1 --n 50 --out DIR [--formats docx,html,pdf,txt,md] [--templates 2021,2019]
    python -m govtext_synth.tables --check --n 500      # check_identities over 500 truths per template

writes ``DIR/report_0001.<fmt>`` and ``DIR/report_0001.json`` ({"template", "year", "agency",
"format", "options", "tables"}; ``tables`` as printed, ``null`` for blank cells).  With both
templates a report is 2021 with probability 0.7; years are 2021-2025 (2021 template) or
2019-2020 (2019 template).  ``render`` may be called from several threads: the DOCX writer
reuses one parsed python-docx template, behind a lock.
"""

from __future__ import annotations

import argparse
import copy
import io
import json
import math
import random
import re
import struct
import sys
import threading
import zipfile
from collections.abc import Sequence
from datetime import datetime, timezone
from html import escape
from pathlib import Path
from typing import Any

from govtext.tables import schema as _schema

T2_COLUMN_LABELS = _schema.T2_COLUMN_LABELS
T2_ROWS = _schema.T2_ROWS
T3_COLUMNS = _schema.T3_COLUMNS
T3_GROUPS = _schema.T3_GROUPS
T3_PART_COLUMNS = _schema.T3_PART_COLUMNS
T3_ROWS = _schema.T3_ROWS
T4_GROUPS = _schema.T4_GROUPS
T4_OUTCOMES = _schema.T4_OUTCOMES
T4_OUTCOME_KEYS = _schema.T4_OUTCOME_KEYS
TEMPLATES = _schema.TEMPLATES
empty_table = _schema.empty_table
t3_outcome_rows = _schema.t3_outcome_rows

__all__ = [
    "COMMON_OPTIONS",
    "FORMATS",
    "FORMAT_OPTIONS",
    "check_identities",
    "main",
    "make_report",
    "random_agency",
    "random_options",
    "random_tables",
    "render",
    "render_with_truth",
]

FORMATS: tuple[str, ...] = ("docx", "html", "pdf", "txt", "md")

# --------------------------------------------------------------------------- template texts not in the schema

SECTION_TITLES: tuple[str, ...] = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)
#: The article item heading each table-2 row is printed under.
T2_ARTICLE: dict[str, str] = {
    "regulations": "第二十条第（一）项",
    "normative_docs": "第二十条第（一）项",
    "licensing": "第二十条第（五）项",
    "other_services": "第二十条第（五）项",
    "penalty": "第二十条第（六）项",
    "coercion": "第二十条第（六）项",
    "fees": "第二十条第（八）项",
    "procurement": "第二十条第（九）项",
}
T2_HEAD = "信息内容"
#: The 2019 template prints 处理决定数量 where the 2021 one prints 本年处理决定数量.
_T2_2019_COLUMN_TEXT = {"decisions": "处理决定数量"}
T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_APPLICANT = "申请人情况"
T3_ORGS = "法人或其他组织"
T3_OUTCOME_GROUP = "三、本年度办理结果"
T4_LITIGATION = "行政诉讼"

# --------------------------------------------------------------------------- numbers


def _multinomial(rng: random.Random, n: int, weights: Sequence[float]) -> list[int]:
    """``n`` items spread over ``weights`` (exact draws for small n, a binomial chain beyond)."""
    k = len(weights)
    out = [0] * k
    total_w = sum(weights)
    if n <= 0 or total_w <= 0:
        if n > 0:
            out[0] = n
        return out
    if n <= 300:
        for i in rng.choices(range(k), weights=weights, k=n):
            out[i] += 1
        return out
    left, left_w = n, total_w
    for i, w in enumerate(weights):
        if i == k - 1 or left == 0:
            out[i] = left
            break
        out[i] = _binomial(rng, left, min(1.0, w / left_w) if left_w > 0 else 0.0)
        left -= out[i]
        left_w -= w
    return out


def _binomial(rng: random.Random, n: int, p: float) -> int:
    if n <= 0 or p <= 0:
        return 0
    if p >= 1:
        return n
    if n <= 60:
        return sum(1 for _ in range(n) if rng.random() < p)
    mean, sd = n * p, math.sqrt(n * p * (1 - p))
    return max(0, min(n, round(rng.gauss(mean, sd))))


def _lognormal_int(rng: random.Random, median: float, sigma: float, lo: int, hi: int) -> int:
    return max(lo, min(hi, int(math.exp(rng.gauss(math.log(median), sigma)))))


def _amount(rng: random.Random, lo: float, hi: float) -> int | float:
    """A money amount with 0, 1 or 2 decimals (an int when it has none)."""
    v = math.exp(rng.uniform(math.log(lo), math.log(hi)))
    d = rng.choice((0, 1, 2, 2))
    if d == 0:
        return max(1, round(v))
    v = round(v, d)
    return v if v > 0 else round(10.0**-d, d)


# base weight of each outcome row, and the chance it is forced to zero in a report
_OUTCOME_WEIGHT: dict[str, tuple[float, float]] = {
    "granted": (40, 0.0),
    "partially_granted": (6, 0.3),
    "denied.state_secret": (0.3, 0.7),
    "denied.prohibited_by_law": (0.8, 0.5),
    "denied.security_stability": (0.4, 0.6),
    "denied.third_party": (2, 0.4),
    "denied.internal_affairs": (1.2, 0.4),
    "denied.process_info": (2, 0.4),
    "denied.enforcement_files": (1, 0.5),
    "denied.query_matters": (2.2, 0.4),
    "unable.not_held": (22, 0.05),
    "unable.needs_creation": (4, 0.3),
    "unable.unclear": (3, 0.4),
    "not_processed.complaint": (4, 0.3),
    "not_processed.repeated": (3, 0.3),
    "not_processed.publication": (0.4, 0.6),
    "not_processed.excessive": (0.6, 0.6),
    "not_processed.confirmation": (1, 0.5),
    "other.no_correction": (5, 0.3),
    "other.unpaid_fee": (0.2, 0.75),
    "other.other": (4, 0.3),
    "other": (9, 0.2),
}


def _random_t3(rng: random.Random, template: str, n_new: int) -> dict[str, dict[str, int]]:
    parts = T3_PART_COLUMNS
    col_w = [
        rng.uniform(55, 97),
        rng.uniform(1, 30) if rng.random() < 0.85 else 0.0,
        rng.uniform(0, 0.6) if rng.random() < 0.3 else 0.0,
        rng.uniform(0, 1.0) if rng.random() < 0.3 else 0.0,
        rng.uniform(0.3, 8) if rng.random() < 0.6 else 0.0,
        rng.uniform(0, 4) if rng.random() < 0.5 else 0.0,
    ]
    new = _multinomial(rng, n_new, col_w)
    carry_n = 0 if n_new == 0 or rng.random() < 0.45 else rng.randint(1, max(1, n_new // 12))
    carry = _multinomial(rng, carry_n, [c + 0.1 for c in new])
    p_fwd = 0.0 if rng.random() < 0.4 else rng.uniform(0.005, 0.1)
    outcome_keys = t3_outcome_rows(template)
    weights = []
    for key in outcome_keys:
        base, p_zero = _OUTCOME_WEIGHT[key]
        weights.append(0.0 if key != "granted" and rng.random() < p_zero else base * rng.uniform(0.1, 2.5))
    fwd = [_binomial(rng, new[c] + carry[c], p_fwd) for c in range(6)]
    per_col = [_multinomial(rng, new[c] + carry[c] - fwd[c], weights) for c in range(6)]
    rows: dict[str, list[int]] = {"new_received": new, "carried_over": carry}
    for i, key in enumerate(outcome_keys):
        rows[key] = [per_col[c][i] for c in range(6)]
    rows["total"] = [sum(per_col[c]) for c in range(6)]
    rows["carried_forward"] = fwd
    out: dict[str, dict[str, int]] = {}
    for spec in T3_ROWS[template]:
        vals = rows[spec.key]
        cells = dict(zip(parts, vals, strict=True))
        cells["total"] = sum(vals)
        out[spec.key] = cells
    return out


def _random_t4(rng: random.Random, n_new: int) -> dict[str, dict[str, int]]:
    def count(share: tuple[float, float], p_none: float) -> int:
        if n_new == 0 or rng.random() < p_none:
            return 0 if n_new == 0 or rng.random() < 0.9 else rng.randint(1, 3)
        return max(1, int(n_new * rng.uniform(*share)))

    review = count((0.005, 0.12), 0.4)
    direct = count((0.002, 0.05), 0.55)
    after = 0 if review == 0 or rng.random() < 0.4 else max(1, int(review * rng.uniform(0.05, 0.4)))
    out: dict[str, dict[str, int]] = {}
    for (key, _), n in zip(T4_GROUPS, (review, direct, after), strict=True):
        w = [rng.uniform(3, 8), rng.uniform(0, 2), rng.uniform(0, 3), rng.uniform(0, 2)]
        up, cor, oth, pend = _multinomial(rng, n, w)
        out[key] = {"upheld": up, "corrected": cor, "other": oth, "pending": pend, "total": n}
    return out


def _random_t2(rng: random.Random, template: str, scale: str) -> dict[str, dict[str, int | float]]:
    big = scale in ("large", "huge")
    out: dict[str, dict[str, int | float]] = {}
    lic = 0 if rng.random() < 0.2 else int(math.exp(rng.uniform(0, 11.5 if big else 9)))
    pen = 0 if rng.random() < 0.3 else int(math.exp(rng.uniform(0, 9.5 if big else 7)))
    coer = 0 if pen == 0 or rng.random() < 0.5 else rng.randint(1, max(1, pen // 4))
    if template == "2021":
        reg_made = rng.randint(0, 5) if big and rng.random() < 0.6 else 0
        reg_rep = rng.randint(0, 3) if big and rng.random() < 0.4 else 0
        reg_in = rng.randint(reg_made, reg_made + 120) if big or rng.random() < 0.1 else reg_made
        norm_made = rng.randint(0, 40 if big else 8)
        norm_rep = rng.randint(0, norm_made + (10 if big else 3))
        norm_in = norm_made + rng.randint(0, 400 if big else 40)
        out["regulations"] = {"made": reg_made, "repealed": reg_rep, "in_force": reg_in}
        out["normative_docs"] = {"made": norm_made, "repealed": norm_rep, "in_force": norm_in}
        out["licensing"] = {"decisions": lic}
        out["penalty"] = {"decisions": pen}
        out["coercion"] = {"decisions": coer}
        fee = 0 if rng.random() < 0.45 else _amount(rng, 0.05, 90000 if big else 3000)
        out["fees"] = {"amount_wan": fee}
        return out

    def published(n_made: int, total_hi: int) -> dict[str, int | float]:
        pub = n_made if rng.random() < 0.8 else rng.randint(0, n_made)
        return {"new_made": n_made, "new_published": pub, "published_total": pub + rng.randint(0, total_hi)}

    def items(prior_hi: int, decisions: int | None) -> dict[str, int | float]:
        prior = rng.randint(0, prior_hi) if rng.random() < 0.75 else 0
        change = rng.randint(-min(prior, max(1, prior // 5)), max(1, prior // 5)) if prior else rng.randint(0, 3)
        row: dict[str, int | float] = {"prior_items": prior, "change": change}
        if decisions is not None:
            row["decisions"] = decisions
        return row

    out["regulations"] = published(rng.randint(0, 6) if big else 0, 200 if big else 3)
    out["normative_docs"] = published(rng.randint(0, 40 if big else 8), 300 if big else 40)
    out["licensing"] = items(400 if big else 60, lic)
    out["other_services"] = items(80, 0 if rng.random() < 0.4 else int(math.exp(rng.uniform(0, 7))))
    out["penalty"] = items(900 if big else 120, pen)
    out["coercion"] = items(60, coer)
    out["fees"] = items(40, None)
    proc_items = 0 if rng.random() < 0.3 else rng.randint(1, 400 if big else 40)
    out["procurement"] = {"items": proc_items, "amount": _amount(rng, 1, 200000) if proc_items else 0}
    return out


def random_tables(rng: random.Random, template: str) -> dict[str, dict[str, dict[str, int | float]]]:
    """Invented canonical values of tables 2, 3 and 4 for ``template`` ("2021" or "2019").

    Every table-3 and table-4 identity holds; ``t3.*`` and ``t4.*`` are ints, the amounts of
    table 2 (``fees.amount_wan``; 2019 ``procurement.amount``) an int or a float with 1-2
    decimals, the 2019 ``change`` column may be negative.
    """
    if template not in TEMPLATES:
        raise ValueError(f"unknown template {template!r}; expected one of {TEMPLATES}")
    scale = rng.choices(("none", "small", "medium", "large", "huge"), weights=(12, 33, 30, 17, 8))[0]
    n_new = {
        "none": 0,
        "small": rng.randint(1, 12),
        "medium": _lognormal_int(rng, 60, 0.6, 10, 400),
        "large": _lognormal_int(rng, 500, 0.6, 100, 3000),
        "huge": rng.randint(1500, 9000),
    }[scale]
    return {
        "t2": _random_t2(rng, template, scale),
        "t3": _random_t3(rng, template, n_new),
        "t4": _random_t4(rng, n_new),
    }


def check_identities(tables: dict[str, Any], template: str, *, none_as_zero: bool = True) -> list[str]:
    """The violations of ``tables`` (a truth dict): shape, t3 row/outcome/balance sums, t4 group sums.

    ``None`` (a cell printed blank) counts as 0 when ``none_as_zero``; otherwise an identity
    with a ``None`` term is skipped.  An empty list means everything holds.
    """
    problems: list[str] = []
    for name in ("t2", "t3", "t4"):
        want = empty_table(name, template)
        got = tables.get(name)
        if not isinstance(got, dict):
            problems.append(f"{name}: missing")
            continue
        for row, cols in want.items():
            if row not in got:
                problems.append(f"{name}.{row}: missing row")
            elif set(got[row]) != set(cols):
                problems.append(f"{name}.{row}: columns {sorted(got[row])} != {sorted(cols)}")
        for row in got:
            if row not in want:
                problems.append(f"{name}.{row}: unexpected row")
    if problems:
        return problems

    def val(v: Any) -> float | None:
        return 0 if v is None and none_as_zero else v

    # the identities are govtext's one declaration of them (the schema), not written again here
    for name in ("t3", "t4"):
        rows = tables[name]

        def value(row: str, col: str, rows: dict[str, Any] = rows) -> float | None:
            return val(rows[row][col])

        for identity in _schema.identities(name, template):
            if any(value(r, c) is None for r, c in identity.cells):
                continue
            parts, totals = identity.sides(value)
            if parts != totals:
                problems.append(f"{name} {identity.kind} [{identity.about}]: {parts} != {totals}")
    for name in ("t2", "t3", "t4"):
        for row, cols in tables[name].items():
            for col, v in cols.items():
                if v is not None and not isinstance(v, (int, float)):
                    problems.append(f"{name}.{row}.{col}: not a number ({v!r})")
                elif isinstance(v, (int, float)) and v < 0 and not (name == "t2" and col == "change"):
                    problems.append(f"{name}.{row}.{col}: negative ({v})")
    return problems


# --------------------------------------------------------------------------- options

COMMON_OPTIONS: dict[str, Any] = {
    "blank_zeros": False,
    "blank_mark": "",
    "blank_outcome_totals": False,
    "thousands": False,
    "fixed_decimals": False,
    "item_ordinal": "1.",
    "t3_note": True,
    "t4_header": "three",
    "lead_lines": False,
    "wrap_labels": False,
    "split_title": False,
    "headings": "plain",
    "amount_unit": "",
    "prose_shift": {},
}
FORMAT_OPTIONS: dict[str, dict[str, Any]] = {
    "html": {
        "html_th": False,
        "html_thead": False,
        "html_tbody": True,
        "html_doc": True,
        "cell_p": False,
        "html_compact": False,
        "number_align": "center",
        "html_merge": "span",
        **{"t3_columns": "full", "t4_layout": "grid", "t2_lines": (), "table_titles": False},
    },
    "docx": {"repeat_header": False, "vertical_labels": False, "number_align": "center"},
    "pdf": {
        "repeat_header": False,
        "vertical_labels": True,
        "number_align": "center",
        "page_numbers": "last",
        "span_align": "center",
        "t3_break_row": None,
        "split_row": "",
    },
    "txt": {"txt_layout": "report_line", "cell_sep": "glued", "row_sep": "mixed"},
    "md": {
        "md_merge": "repeat",
        "md_pad": "",
        "md_pad_header": True,
        "md_pipes": True,
        "md_rule": "---",
        **{"t3_columns": "full", "t4_layout": "grid", "t2_lines": (), "table_titles": False},
    },
}
_CHOICES: dict[str, tuple[Any, ...]] = {
    "blank_mark": ("", "—", "/", "－"),
    "item_ordinal": ("1.", "1、"),
    "t4_header": ("three", "two"),
    "headings": ("plain", "bold", "heading"),
    "number_align": ("center", "right"),
    "page_numbers": ("last", "first", "none"),
    "span_align": ("center", "top"),
    "split_row": ("", "numbers_first", "numbers_last"),
    "txt_layout": ("report_line", "table_line", "rows"),
    "cell_sep": ("glued", "space", "mixed", "tab"),
    "row_sep": ("", " ", "mixed"),
    "md_merge": ("repeat", "empty"),
    "md_pad": ("", "trailing", "leading"),
    "md_rule": ("---", ":---:", "---:", ":-:", "-"),
    "html_merge": ("span", "repeat", "empty"),
    "t3_columns": ("full", "simple"),
    "t4_layout": ("grid", "cut_header", "cut_line"),
    "amount_unit": ("", "万元", "元"),
}
#: values an option may be given but is never drawn at random (a new rendering leaves earlier draws as they were)
_FORCED_ONLY: dict[str, tuple[Any, ...]] = {"txt_layout": ("cells",), "cell_sep": ("pipe",)}


def _resolve(fmt: str, template: str, options: dict[str, Any]) -> dict[str, Any]:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {FORMATS}")
    opts = {**COMMON_OPTIONS, **FORMAT_OPTIONS[fmt]}
    unknown = set(options) - set(opts)
    if unknown:
        raise TypeError(f"unknown option(s) for {fmt}: {', '.join(sorted(unknown))}")
    opts.update(options)
    for key, drawn in _CHOICES.items():
        allowed = drawn + _FORCED_ONLY.get(key, ())
        if key in opts and opts[key] not in allowed:
            raise ValueError(f"option {key}={opts[key]!r}; expected one of {allowed}")
    brk = opts.get("t3_break_row")
    if brk is not None and brk not in {s.key for s in T3_ROWS[template]}:
        raise ValueError(f"t3_break_row={brk!r} is not a table-3 row of the {template} template")
    if fmt == "txt":
        if opts["blank_zeros"] and not opts["blank_mark"] and opts["cell_sep"] != "tab":
            raise ValueError("txt: blank cells need a blank_mark unless cell_sep='tab'")
        if opts["blank_outcome_totals"]:
            raise ValueError("txt: blank_outcome_totals is not supported")
        if opts["thousands"] and opts["cell_sep"] in ("glued", "mixed"):
            raise ValueError("txt: thousands separators with run-together cells cannot be read")
        if opts["cell_sep"] == "pipe" and opts["txt_layout"] != "cells":
            raise ValueError("txt: cell_sep='pipe' goes with txt_layout='cells'")
        if opts["txt_layout"] == "cells" and opts["cell_sep"] not in ("pipe", "space"):
            raise ValueError("txt: txt_layout='cells' takes cell_sep 'pipe' (a pipe after each cell) or 'space'")
    return opts


def random_options(rng: random.Random, fmt: str, template: str = "2021") -> dict[str, Any]:
    """A random, valid set of ``render`` options for ``fmt`` (every option present)."""
    o: dict[str, Any] = {}
    o["blank_zeros"] = rng.random() < 0.3
    o["blank_mark"] = "" if rng.random() < 0.7 else rng.choice(_CHOICES["blank_mark"][1:])
    o["blank_outcome_totals"] = fmt != "txt" and rng.random() < 0.05
    o["thousands"] = rng.random() < 0.12
    o["fixed_decimals"] = rng.random() < 0.3
    o["item_ordinal"] = "1." if rng.random() < 0.8 else "1、"
    o["t3_note"] = rng.random() < 0.8
    o["t4_header"] = "three" if rng.random() < 0.75 else "two"
    o["lead_lines"] = rng.random() < 0.2
    o["wrap_labels"] = rng.random() < 0.4
    o["split_title"] = rng.random() < 0.3
    o["headings"] = rng.choice(_CHOICES["headings"])
    o["amount_unit"] = "" if rng.random() < 0.7 else rng.choice(("万元", "元"))
    if fmt == "html":
        o.update(
            html_th=rng.random() < 0.4,
            html_thead=rng.random() < 0.4,
            html_tbody=rng.random() < 0.7,
            html_doc=rng.random() < 0.6,
            cell_p=rng.random() < 0.5,
            html_compact=rng.random() < 0.4,
            number_align=rng.choice(_CHOICES["number_align"]),
            html_merge=rng.choice(("span", "span", "repeat", "empty")),
        )
        o.update(_other_tools_layouts(rng, template))
    elif fmt == "docx":
        o.update(
            repeat_header=rng.random() < 0.5,
            vertical_labels=rng.random() < 0.3,
            number_align=rng.choice(_CHOICES["number_align"]),
        )
    elif fmt == "pdf":
        keys = [s.key for s in T3_ROWS[template]]
        o.update(
            repeat_header=rng.random() < 0.5,
            vertical_labels=rng.random() < 0.7,
            number_align=rng.choice(_CHOICES["number_align"]),
            page_numbers=rng.choice(("last", "first", "first", "none")),
            span_align=rng.choice(_CHOICES["span_align"]),
            t3_break_row=rng.choice(keys[2:]) if rng.random() < 0.8 else None,
            split_row=rng.choice(("", "", "numbers_first", "numbers_last")),
        )
    elif fmt == "txt":
        o.update(
            txt_layout=rng.choice(_CHOICES["txt_layout"]),
            cell_sep=rng.choice(("glued", "glued", "space", "mixed", "tab")),
            row_sep=rng.choice(_CHOICES["row_sep"]),
        )
        o["blank_outcome_totals"] = False
        if o["cell_sep"] in ("glued", "mixed"):
            o["thousands"] = False
        if o["blank_zeros"] and o["cell_sep"] != "tab" and not o["blank_mark"]:
            o["blank_mark"] = rng.choice(_CHOICES["blank_mark"][1:])
    elif fmt == "md":
        o["md_merge"] = rng.choice(_CHOICES["md_merge"])
        o.update(
            md_pad=rng.choice(("", "", "trailing", "leading")),
            md_pad_header=rng.random() < 0.5,
            md_pipes=rng.random() < 0.75,
            md_rule=rng.choice(_CHOICES["md_rule"]),
        )
        o.update(_other_tools_layouts(rng, template))
    return o


def _other_tools_layouts(rng: random.Random, template: str) -> dict[str, Any]:
    """Layouts that converters and CMS exports write (Markdown and HTML): a simplified table 3, table 4
    flattened under a cut header, some table-2 rows as plain lines before the table, 表N title lines."""
    lines: tuple[str, ...] = ()
    if rng.random() < 0.25:
        keys = [s.key for s in T2_ROWS[template]]
        chosen = [k for k in keys if rng.random() < 0.4] or [rng.choice(keys)]
        lines = tuple(chosen if len(chosen) < len(keys) else chosen[:-1])
    return {
        "t3_columns": "simple" if rng.random() < 0.15 else "full",
        "t4_layout": rng.choice(("grid", "grid", "grid", "cut_header", "cut_line")),
        "t2_lines": lines,
        "table_titles": rng.random() < 0.3,
    }


# --------------------------------------------------------------------------- the grid of a table


# Plain classes, not dataclasses: a test may load this file by path without registering it in sys.modules.
class _Cell:
    """One printed cell of a grid (an owner cell: a merged cell appears once)."""

    __slots__ = ("c", "cs", "key", "kind", "parts", "r", "rs", "text")

    def __init__(self, r: int, c: int, text: str, kind: str, rs: int = 1, cs: int = 1, key: Any = None) -> None:
        self.r, self.c, self.text, self.kind, self.rs, self.cs = r, c, text, kind, rs, cs
        self.key: tuple[str, str, str] | None = key  # (table, row, column) of a number cell
        self.parts: list[str] = [text]  # the label broken for printing (wrap_labels)
        # kind: section | head | corner | label | group | num


class _Grid:
    """A table as the template lays it out: rows of owner cells on an ``ncols`` grid."""

    def __init__(self, name: str, ncols: int, nhead: int = 0) -> None:
        self.name, self.ncols, self.nhead = name, ncols, nhead
        self.rows: list[list[_Cell]] = []
        self.row_keys: list[str | None] = []
        self.before: list[str] = []  # lines printed just before the table (t2_lines, t4_layout "cut_line")

    def add_row(self, key: str | None = None) -> None:
        self.rows.append([])
        self.row_keys.append(key)

    def add(self, c: int, text: str, kind: str, rs: int = 1, cs: int = 1, key: Any = None) -> _Cell:
        cell = _Cell(len(self.rows) - 1, c, text, kind, rs, cs, key)
        self.rows[-1].append(cell)
        return cell

    def cover(self) -> list[list[_Cell | None]]:
        """The cell covering each grid position."""
        grid: list[list[_Cell | None]] = [[None] * self.ncols for _ in self.rows]
        for row in self.rows:
            for cell in row:
                for r in range(cell.r, cell.r + cell.rs):
                    for c in range(cell.c, cell.c + cell.cs):
                        grid[r][c] = cell
        return grid


def _fmt_number(v: int | float, opts: dict[str, Any], amount: bool = False) -> str:
    """How a value is printed: an int as is (3,001 with ``thousands``), an amount with its decimals."""
    if amount or isinstance(v, float):
        if opts["fixed_decimals"]:
            s = f"{v:.2f}"
        else:
            s = f"{v:.2f}".rstrip("0").rstrip(".") if isinstance(v, float) else str(v)
        whole, dot, frac = s.partition(".")
        if opts["thousands"] and abs(v) >= 1000:
            whole = f"{int(whole):,}"
        return whole + dot + frac
    return f"{v:,}" if opts["thousands"] and abs(v) >= 1000 else str(v)


#: The columns that hold money amounts (printed with decimals).
_AMOUNT_COLUMNS = frozenset({"amount_wan", "amount"})


class _Builder:
    """Builds the three grids from the full truth and records what is printed."""

    def __init__(self, truth: dict[str, Any], template: str, opts: dict[str, Any]) -> None:
        self.truth = truth
        self.template = template
        self.opts = opts
        self.printed: dict[str, Any] = copy.deepcopy(truth)

    def num(self, g: _Grid, c: int, table: str, row: str, col: str, cs: int = 1) -> None:
        v = self.truth[table][row][col]
        o = self.opts
        blank = (o["blank_zeros"] and v == 0) or (
            o["blank_outcome_totals"] and table == "t3" and col == "total" and row in t3_outcome_rows(self.template)
        )
        text = o["blank_mark"] if blank else _fmt_number(v, o, table == "t2" and col in _AMOUNT_COLUMNS)
        if col == "amount" and not blank:
            text += o["amount_unit"]
        if blank:
            self.printed[table][row][col] = None
        g.add(c, text, "num", cs=cs, key=(table, row, col))

    def t2(self) -> _Grid:
        g = _Grid("t2", 4)
        specs = T2_ROWS[self.template]
        blocks: list[list[Any]] = []
        as_lines = set(self.opts.get("t2_lines", ()))
        for spec in specs:
            if spec.key in as_lines:
                texts = []
                for col in spec.columns:
                    tmp = _Grid("tmp", 1)
                    tmp.add_row()
                    self.num(tmp, 0, "t2", spec.key, col)
                    texts.append(tmp.rows[0][0].text or "—")  # a blank on a plain line needs a mark
                g.before.append(" ".join([spec.label, *texts]))
                continue
            art = T2_ARTICLE[spec.key]
            if blocks and blocks[-1][0] == art:
                blocks[-1][1].append(spec)
            else:
                blocks.append([art, [spec]])
        for art, rows in blocks:
            g.add_row()
            g.add(0, art, "section", cs=4)
            cols = rows[0].columns
            g.add_row()
            g.add(0, T2_HEAD, "head")
            spans = {1: (3,), 2: (1, 2), 3: (1, 1, 1)}[len(cols)]
            c = 1
            for col, cs in zip(cols, spans, strict=True):
                text = T2_COLUMN_LABELS[col]
                if self.template == "2019":
                    text = _T2_2019_COLUMN_TEXT.get(col, text)
                g.add(c, text, "head", cs=cs)
                c += cs
            for spec in rows:
                g.add_row(spec.key)
                g.add(0, spec.label, "label")
                c = 1
                for col, cs in zip(spec.columns, spans, strict=True):
                    self.num(g, c, "t2", spec.key, col, cs)
                    c += cs
        return g

    def t3(self) -> _Grid:
        return self.t3_simple() if self.opts.get("t3_columns") == "simple" else self.t3_full()

    def t3_full(self) -> _Grid:
        g = _Grid("t3", 10, nhead=3)
        g.add_row()
        g.add(0, T3_NOTE if self.opts["t3_note"] else "", "corner", rs=3, cs=3)
        g.add(3, T3_APPLICANT, "head", cs=7)
        g.add_row()
        g.add(3, T3_COLUMNS[0][1], "head", rs=2)
        g.add(4, T3_ORGS, "head", cs=5)
        g.add(9, T3_COLUMNS[-1][1], "head", rs=2)
        g.add_row()
        for i, (_, label) in enumerate(T3_COLUMNS[1:-1]):
            g.add(4 + i, label, "head")
        specs = T3_ROWS[self.template]
        outcome = (*t3_outcome_rows(self.template), "total")  # the rows under 三、本年度办理结果
        group_size: dict[str, int] = {}
        for spec in specs:
            if "." in spec.key:
                group_size[spec.key.split(".")[0]] = group_size.get(spec.key.split(".")[0], 0) + 1
        seen: set[str] = set()
        for spec in specs:
            key = spec.key
            g.add_row(key)
            label = spec.label
            if self.opts["item_ordinal"] == "1、":
                label = re.sub(r"^(\d)\.", r"\1、", label)
            if key in outcome:
                if key == outcome[0]:
                    g.add(0, T3_OUTCOME_GROUP, "group", rs=len(outcome))
                if "." in key:
                    grp = key.split(".")[0]
                    if grp not in seen:
                        seen.add(grp)
                        g.add(1, T3_GROUPS[grp], "group", rs=group_size[grp])
                    g.add(2, label, "label")
                else:
                    g.add(1, label, "label", cs=2)
            else:
                g.add(0, label, "label", cs=3)
            for i, (col, _) in enumerate(T3_COLUMNS):
                self.num(g, 3 + i, "t3", key, col)
        return g

    def t3_simple(self) -> _Grid:
        """Table 3 as some tools print it: 自然人 / 法人或其他组织 / 总计 only (the five kinds of organisation
        added up into one column; in the truth they are missing, ``None``)."""
        g = _Grid("t3", 6, nhead=2)
        g.add_row()
        g.add(0, T3_NOTE if self.opts["t3_note"] else "", "corner", rs=2, cs=3)
        g.add(3, T3_APPLICANT, "head", cs=3)
        g.add_row()
        g.add(3, T3_COLUMNS[0][1], "head")
        g.add(4, T3_ORGS, "head")
        g.add(5, T3_COLUMNS[-1][1], "head")
        full = self.t3_full()
        for r in range(full.nhead, len(full.rows)):
            key = full.row_keys[r]
            assert key is not None
            g.add_row(key)
            for cell in full.rows[r]:
                if cell.kind != "num":
                    g.add(cell.c, cell.text, cell.kind, rs=cell.rs, cs=cell.cs)
            self.num(g, 3, "t3", key, "natural_person")
            orgs = [self.truth["t3"][key][c] for c, _ in T3_COLUMNS[1:-1]]
            total = sum(orgs)
            blank = self.opts["blank_zeros"] and total == 0
            g.add(4, self.opts["blank_mark"] if blank else _fmt_number(total, self.opts), "num")
            self.num(g, 5, "t3", key, "total")
            for c, _ in T3_COLUMNS[1:-1]:
                self.printed["t3"][key][c] = None
        return g

    def t4(self) -> _Grid:
        g = _Grid("t4", 15)
        outcomes = [label for _, label in T4_OUTCOMES]
        layout = self.opts.get("t4_layout", "grid")
        if layout == "cut_header":  # a converter kept only the first header cell's text
            g.nhead = 1
            g.add_row()
            g.add(0, T4_GROUPS[0][1] + T4_LITIGATION, "head")
            for i in range(1, 15):
                g.add(i, "", "head")
        elif layout == "cut_line":  # the header lost, its text a line before a table of one row
            g.before.append(T4_GROUPS[0][1] + T4_LITIGATION)
        elif self.opts["t4_header"] == "three":
            g.nhead = 3
            g.add_row()
            g.add(0, T4_GROUPS[0][1], "head", cs=5)
            g.add(5, T4_LITIGATION, "head", cs=10)
            g.add_row()
            for i, label in enumerate(outcomes):
                g.add(i, label, "head", rs=2)
            g.add(5, T4_GROUPS[1][1], "head", cs=5)
            g.add(10, T4_GROUPS[2][1], "head", cs=5)
            g.add_row()
            for i, label in enumerate(outcomes * 2):
                g.add(5 + i, label, "head")
        else:
            g.nhead = 2
            g.add_row()
            for i, (_, label) in enumerate(T4_GROUPS):
                g.add(5 * i, label, "head", cs=5)
            g.add_row()
            for i, label in enumerate(outcomes * 3):
                g.add(i, label, "head")
        g.add_row("t4")
        for gi, (group, _) in enumerate(T4_GROUPS):
            for oi, col in enumerate(T4_OUTCOME_KEYS):
                self.num(g, 5 * gi + oi, "t4", group, col)
        return g


def _break_label(text: str, kind: str, table: str, cs: int = 1) -> list[str]:
    """Where a printed label breaks when ``wrap_labels`` is on: narrow header and group cells in 2-3
    pieces (商业|企业, （三）不|予公开), long row labels every 14 characters or in two."""
    n = len(text)
    if kind in ("head", "group") and cs == 1 and (4 if table != "t2" else 7) <= n <= 12:
        k = 2 if n <= 8 else 3
        step = math.ceil(n / k)
        return [text[i : i + step] for i in range(0, n, step)]
    if kind in ("label", "corner", "head") and n > 15:
        step = 14 if n > 28 else math.ceil(n / 2) + 1
        return [text[i : i + step] for i in range(0, n, step)]
    return [text]


def _grids(truth: dict[str, Any], template: str, opts: dict[str, Any]) -> tuple[dict[str, _Grid], dict[str, Any]]:
    b = _Builder(truth, template, opts)
    grids = {"t2": b.t2(), "t3": b.t3(), "t4": b.t4()}
    for g in grids.values():
        for row in g.rows:
            for cell in row:
                brk = opts["wrap_labels"] and cell.kind != "num" and cell.kind != "section"
                cell.parts = _break_label(cell.text, cell.kind, g.name, cell.cs) if brk else [cell.text]
    return grids, b.printed


# --------------------------------------------------------------------------- agency and prose

_PLACE_A = "青临安永清河东西南北长新平宁嘉云石金兴泰丰华乐和德汇鹤桐"
_PLACE_B = "阳川原山江城州宁泉溪林丰和安水口台岭湖塘峰港浦桥源坪"
_DEPTS = (
    ("民政局", "本局"),
    ("交通运输局", "本局"),
    ("自然资源和规划局", "本局"),
    ("住房和城乡建设局", "本局"),
    ("市场监督管理局", "本局"),
    ("人力资源和社会保障局", "本局"),
    ("生态环境局", "本局"),
    ("卫生健康委员会", "本委"),
    ("教育局", "本局"),
    ("农业农村局", "本局"),
    ("水利局", "本局"),
    ("应急管理局", "本局"),
)


def _place(rng: random.Random) -> str:
    return rng.choice(_PLACE_A) + rng.choice(_PLACE_B)


def random_agency(rng: random.Random) -> str:
    """An invented issuing body (市/区/县 government, its office, a department, a 街道 or 镇)."""
    city = _place(rng) + "市"
    county = _place(rng) + rng.choice("区县区")
    kind = rng.choices(("city", "county", "office", "dept", "town"), weights=(10, 25, 10, 40, 15))[0]
    if kind == "city":
        return city + "人民政府"
    if kind == "county":
        return city + county + "人民政府"
    if kind == "office":
        return rng.choice((city, city + county)) + "人民政府办公室"
    if kind == "dept":
        return rng.choice((city, city + county, county)) + rng.choice(_DEPTS)[0]
    town = _place(rng)
    return county + (town + "街道办事处" if rng.random() < 0.5 else town + "镇人民政府")


def _self_ref(agency: str) -> tuple[str, ...]:
    for dept, ref in _DEPTS:
        if agency.endswith(dept):
            return (ref, "我" + ref[-1])
    if agency.endswith("办公室"):
        return ("本办", "我办")
    if agency.endswith("街道办事处"):
        return ("本街道", "我街道")
    if agency.endswith("镇人民政府"):
        return ("本镇", "我镇")
    unit = agency.removesuffix("人民政府")[-1]
    return ("本" + unit, "我" + unit, unit + "政府")


_PROBLEMS = (
    "政策解读的形式还不够丰富，图解、视频等解读产品偏少",
    "个别栏目信息更新不够及时，内容维护存在滞后",
    "依申请公开答复文书的规范化水平有待进一步提高",
    "基层工作人员业务能力参差不齐，培训覆盖面仍需扩大",
    "公开内容与群众关注点的契合度还需提升",
    "政务新媒体互动回应的时效性有待加强",
)
_FIXES = (
    "丰富解读方式，推出更多通俗易懂的解读材料",
    "建立栏目更新台账，定期开展内容自查，做到及时更新",
    "完善依申请办理流程和答复模板，加强法制审核",
    "分层分类组织业务培训，提升工作人员履职能力",
    "围绕群众关心的事项扩大主动公开范围，提高信息实用性",
    "健全留言办理机制，压缩回复时限，提高互动质量",
)


class _Prose:
    def __init__(
        self,
        rng: random.Random,
        agency: str,
        year: int,
        truth: dict[str, Any],
        template: str,
        shift: dict[str, int] | None = None,
    ) -> None:
        self.shift = shift or {}
        self.rng = rng
        self.agency = agency
        self.year = year
        self.truth = truth
        self.template = template
        self.refs = _self_ref(agency)

    def s(self) -> str:
        return self.rng.choice(self.refs)

    def title(self) -> tuple[str, str]:
        rest = self.rng.choice(
            (
                f"{self.year}年政府信息公开工作年度报告",
                f"{self.year}年度政府信息公开工作年度报告",
                f"{self.year}年政府信息公开年度报告",
            )
        )
        return self.agency, rest

    def preamble(self) -> list[str]:
        rng, y, a = self.rng, self.year, self.agency
        unit = rng.choice(("办公室", "综合科", "政务公开办公室", "党政办公室"))
        basis = rng.choice(
            (
                f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和上级政务公开主管部门的要求，由{a}{unit}汇总编制。",
                f"依照《中华人民共和国政府信息公开条例》（以下简称《条例》）的规定，{a}编制并向社会公布本年度报告。",
            )
        )
        period = rng.choice(
            (
                f"本报告所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。",
                f"报告中所列数据统计时段为{y}年1月1日至12月31日。",
            )
        )
        tel = f"0{rng.randint(310, 999)}-{rng.randint(2000000, 8999999)}"
        zip_code = f"{rng.randint(1, 8)}{rng.randint(10000, 99999)}"
        road = _place(rng) + rng.choice(("路", "大道", "街"))
        contact = f"如对本报告有疑问，请与{a}{unit}联系（地址：{road}{rng.randint(1, 300)}号；邮编：{zip_code}；电话：{tel}）。"
        sents = [basis, period, contact]
        if rng.random() < 0.4:
            return [basis + period, contact]
        return [" ".join(sents) if rng.random() < 0.3 else "".join(sents)]

    def section1(self) -> list[tuple[str, str]]:
        """(kind, text) pairs: "sub" sub-heading or "para"."""
        rng, y = self.rng, self.year
        t3, t4 = self.truth["t3"], self.truth["t4"]
        out: list[tuple[str, str]] = []
        out.append(
            (
                "para",
                rng.choice(
                    (
                        f"{y}年，{self.s()}严格执行《条例》各项规定，把政务公开贯穿于行政权力运行全过程，公开工作总体平稳有序。",
                        f"{y}年，{self.s()}按照年度政务公开工作要点的部署，细化任务分工，压实工作责任，推动政府信息公开工作提质增效。",
                        f"{y}年，{self.s()}围绕中心工作，以公开促落实、以公开促规范、以公开促服务，政务公开工作取得新的进展。",
                    )
                ),
            )
        )
        n_info = rng.randint(40, 6000)
        n_docs = rng.randint(1, min(80, n_info // 3))
        active = [
            f"全年通过门户网站和政务新媒体主动公开政府信息{n_info}条，其中政策文件{n_docs}件、政策解读{rng.randint(1, n_docs + 5)}篇。",
            "对涉及群众切身利益的政策文件，坚持解读材料与文件同步起草、同步审签、同步发布。",
            "及时更新机构职能、领导分工、办事指南等基础信息，确保公开内容准确完整。",
            "围绕稳就业、促消费、惠民生等方面的政策措施，编发图文解读和问答材料，方便群众理解和办理。",
            "财政预决算、重大项目建设、公共资源配置等重点领域信息按规定时限公开，公开内容与业务工作同步更新。",
            f"组织开展政府开放日、新闻发布会等活动{rng.randint(1, 12)}场，面向社会介绍重点工作进展。",
        ]
        new, carry = t3["new_received"]["total"] + self.shift.get("received", 0), t3["carried_over"]["total"]
        done, fwd = t3["total"]["total"], t3["carried_forward"]["total"]
        if new or carry:
            req = [
                f"全年共收到政府信息公开申请{new}件，上年结转{carry}件；已办结{done}件，结转下年度继续办理{fwd}件。",
                rng.choice(("所有申请均在法定期限内答复。", "申请办理全程留痕，答复文书经法制审核后送达。")),
            ]
        else:
            req = [rng.choice((f"{y}年，{self.s()}未收到政府信息公开申请。", "本年度没有收到政府信息公开申请。"))]
        rev = t4["review"]["total"] + self.shift.get("review", 0)
        lit = (
            t4["litigation_direct"]["total"] + t4["litigation_after_review"]["total"] + self.shift.get("litigation", 0)
        )
        if rev or lit:
            req.append(f"因政府信息公开被申请行政复议{rev}件、提起行政诉讼{lit}件。")
        else:
            req.append("本年度未发生因政府信息公开引发的行政复议和行政诉讼。")
        manage = [
            "信息发布前逐条进行保密审查和合法性审查，未发生泄密或不当公开问题。",
            "开展行政规范性文件清理，对已失效、废止的文件及时标注效力状态。",
            "动态调整主动公开目录，对新增职能和事项及时纳入公开范围。",
            "建立信息公开属性源头认定机制，公文在拟稿环节即明确公开方式。",
        ]
        platform = [
            "优化政府信息公开专栏栏目设置，完善站内检索功能，方便公众查找信息。",
            "加强政务新媒体日常管理，做到信息更新及时、互动回应规范。",
            "推进政务服务大厅政务公开专区建设，配备查阅终端，提供现场咨询和信息查询服务。",
            "定期开展网站巡查，及时处理错链、断链和栏目空白等问题。",
        ]
        oversight = [
            f"将政务公开纳入年度绩效考核，组织业务培训{rng.randint(1, 6)}次，参训{rng.randint(10, 300)}人次。",
            "主动接受社会监督，对群众反映的公开问题及时核实整改。",
            "明确分管负责同志和具体承办人员，形成主要负责同志牵头、职能科室协同推进的工作格局。",
            "对照上级通报和第三方评估指出的问题，逐项建立整改清单，按期完成整改。",
        ]
        subs = (
            ("（一）主动公开", active),
            ("（二）依申请公开", req),
            ("（三）政府信息管理", manage),
            ("（四）平台建设", platform),
            ("（五）监督保障", oversight),
        )
        suffix = rng.choice(("", "情况"))
        inline = rng.random() < 0.4
        for head, sents in subs:
            keep = sents if head == "（二）依申请公开" else rng.sample(sents, rng.randint(2, len(sents)))
            if inline:
                out.append(("para", f"{head}{suffix}。" + "".join(keep)))
            else:
                out.append(("sub", head + suffix))
                out.append(("para", "".join(keep)))
        return out

    def section5(self) -> list[tuple[str, str]]:
        rng = self.rng
        k = rng.randint(2, 3)
        idx = rng.sample(range(len(_PROBLEMS)), k)
        nums = "一二三"
        probs = "；".join(f"{nums[i]}是{_PROBLEMS[j]}" for i, j in enumerate(idx)) + "。"
        fixes = "；".join(f"{nums[i]}是{_FIXES[j]}" for i, j in enumerate(idx)) + "。"
        if rng.random() < 0.5:
            return [("sub", "（一）存在的主要问题"), ("para", probs), ("sub", "（二）改进情况"), ("para", fixes)]
        return [
            ("para", f"{self.year}年，{self.s()}政府信息公开工作还存在一些不足：{probs}"),
            ("para", f"下一步，{self.s()}将着力抓好以下工作：{fixes}"),
        ]

    def section6(self) -> list[tuple[str, str]]:
        rng = self.rng
        t3 = self.truth["t3"]
        unpaid = t3.get("other.unpaid_fee", {}).get("total", 0)
        if unpaid:
            fee = f"本年度依法向申请人发出收费通知{unpaid + rng.randint(0, 3)}件，收取信息处理费{rng.randint(1, 40) * 50}元。"
        else:
            fee = rng.choice(("本年度未收取政府信息公开信息处理费。", "本年度没有收取信息处理费。"))
        out = [("para", fee)]
        if rng.random() < 0.5:
            a, b = rng.randint(0, 30), rng.randint(0, 30)
            out.append(("para", f"全年办理人大代表建议{a}件、政协提案{b}件，均已按期办结。"))
        elif rng.random() < 0.5:
            out.append(("para", "本年度无其他需要报告的事项。"))
        return out


_LEADS = {
    "t2": "本年度主动公开政府信息情况如下表：",
    "t3": "本年度收到和处理政府信息公开申请情况如下表：",
    "t4": "本年度政府信息公开行政复议、行政诉讼情况如下表：",
}


_TABLE_TITLES = {"t2": "表二", "t3": "表三", "t4": "表四"}


class _Block:
    __slots__ = ("grid", "kind", "text")

    def __init__(self, kind: str, text: str = "", grid: _Grid | None = None) -> None:
        self.kind, self.text, self.grid = kind, text, grid  # kind: title | para | heading | sub | table


def _compose(
    rng: random.Random,
    truth: dict[str, Any],
    grids: dict[str, _Grid],
    template: str,
    year: int,
    agency: str,
    opts: dict,
) -> list[_Block]:
    p = _Prose(rng, agency, year, truth, template, opts["prose_shift"])
    blocks: list[_Block] = []
    a, rest = p.title()
    if opts["split_title"]:
        blocks += [_Block("title", a), _Block("title", rest)]
    else:
        blocks.append(_Block("title", a + rest))
    blocks += [_Block("para", t) for t in p.preamble()]
    bodies = {1: p.section1(), 5: p.section5(), 6: p.section6()}
    for sec, title in enumerate(SECTION_TITLES, 1):
        blocks.append(_Block("heading", title))
        if sec in bodies:
            blocks += [_Block(kind, text) for kind, text in bodies[sec]]
        else:
            name = f"t{sec}"
            if opts["lead_lines"]:
                blocks.append(_Block("para", _LEADS[name]))
            if opts.get("table_titles"):
                # the bare 表N: a caption that repeats the section title ("表二 主动公开政府信息情况") is read by
                # the sections stage as a second heading of the section (GT104), a matter for that stage
                blocks.append(_Block("caption", _TABLE_TITLES[name]))
            blocks += [_Block("para", line) for line in grids[name].before]
            blocks.append(_Block("table", grid=grids[name]))
    return blocks


# --------------------------------------------------------------------------- HTML


def _render_html(blocks: list[_Block], opts: dict[str, Any]) -> bytes:
    nl = "" if opts["html_compact"] else "\n"
    out: list[str] = []
    title_text = "".join(b.text for b in blocks if b.kind == "title")
    if opts["html_doc"]:
        out.append(
            f'<!DOCTYPE html>{nl}<html lang="zh-CN">{nl}<head>{nl}<meta charset="utf-8">{nl}'
            f"<title>{escape(title_text)}</title>{nl}</head>{nl}<body>{nl}"
        )
    for b in blocks:
        if b.kind == "title":
            out.append(f'<p style="text-align:center;font-weight:bold">{escape(b.text)}</p>{nl}')
        elif b.kind == "heading":
            h = opts["headings"]
            if h == "heading":
                out.append(f"<h2>{escape(b.text)}</h2>{nl}")
            elif h == "bold":
                out.append(f"<p><strong>{escape(b.text)}</strong></p>{nl}")
            else:
                out.append(f"<p>{escape(b.text)}</p>{nl}")
        elif b.kind in ("sub", "para"):
            out.append(f"<p>{escape(b.text)}</p>{nl}")
        elif b.kind == "caption":
            out.append(f"<p><strong>{escape(b.text)}</strong></p>{nl}")
        elif b.grid is not None:
            out.append(_html_table(b.grid, opts, nl))
    if opts["html_doc"]:
        out.append(f"</body>{nl}</html>{nl}")
    return "".join(out).encode("utf-8")


def _html_table(g: _Grid, opts: dict[str, Any], nl: str) -> str:
    out = [f'<table border="1" cellspacing="0" cellpadding="2" style="border-collapse:collapse">{nl}']
    head_rows = g.nhead if opts["html_thead"] else 0
    if head_rows:
        out.append(f"<thead>{nl}")
    elif opts["html_tbody"]:
        out.append(f"<tbody>{nl}")
    merge = opts.get("html_merge", "span")
    cover = g.cover()
    for r, row in enumerate(g.rows):
        if head_rows and r == head_rows:
            out.append(f"</thead>{nl}<tbody>{nl}")
        out.append("<tr>")
        # "span": merged cells once, with rowspan/colspan; "repeat"/"empty": a cell per grid position, as a
        # CMS export that unmerges the table writes it (the merged text in each, or in the first only)
        placed = [(cell, True) for cell in row] if merge == "span" else []
        if merge != "span":
            for c, cell in enumerate(cover[r]):
                if cell is not None:
                    placed.append((cell, (cell.r, cell.c) == (r, c)))
        for cell, owner in placed:
            is_head = cell.kind in ("head", "corner", "section")
            tag = "th" if opts["html_th"] and is_head else "td"
            attrs = ""
            if cell.rs > 1 and merge == "span":
                attrs += f' rowspan="{cell.rs}"'
            if cell.cs > 1 and merge == "span":
                attrs += f' colspan="{cell.cs}"'
            align = opts["number_align"] if cell.kind == "num" else ("left" if cell.kind == "label" else "center")
            text = "<br />".join(escape(p) for p in cell.parts) if cell.kind != "num" else escape(cell.text)
            if not owner and merge == "empty":
                text = ""
            if not text:
                text = "&nbsp;"
            if opts["cell_p"]:
                text = f'<p align="{align}">{text}</p>'
            elif cell.kind == "num" or (cell.kind != "label" and tag == "td"):
                attrs += f' align="{align}"'
            out.append(f"<{tag}{attrs}>{text}</{tag}>")
        out.append(f"</tr>{nl}")
    if head_rows or opts["html_tbody"]:
        out.append(f"</tbody>{nl}")
    out.append(f"</table>{nl}")
    return "".join(out)


# --------------------------------------------------------------------------- Markdown


def _render_md(blocks: list[_Block], opts: dict[str, Any]) -> bytes:
    out: list[str] = []
    titles = [b.text for b in blocks if b.kind == "title"]
    h = opts["headings"]
    for b in blocks:
        if b.kind == "title":
            out.append(("# " + b.text) if b.text == titles[0] or h == "heading" else b.text)
        elif b.kind == "heading":
            out.append({"heading": "## ", "bold": "**", "plain": ""}[h] + b.text + ("**" if h == "bold" else ""))
        elif b.kind == "sub":
            out.append(("### " + b.text) if h == "heading" else b.text)
        elif b.kind == "para":
            out.append(b.text)
        elif b.kind == "caption":
            out.append(f"**{b.text}**")
        elif b.grid is not None:
            out.append(_md_table(b.grid, opts))
    return ("\n\n".join(out) + "\n").encode("utf-8")


def _md_table(g: _Grid, opts: dict[str, Any]) -> str:
    """A pipe table; ``md_pad`` adds an empty cell at the end or the start of every data row (and of the
    header rows with ``md_pad_header``), as some converters do; ``md_pipes`` False drops the outer pipes."""
    cover = g.cover()
    lines = []
    for r, row in enumerate(cover):
        cells = []
        for c, cell in enumerate(row):
            if cell is None:
                cells.append("")
                continue
            owner = cell.r == r and cell.c == c
            text = " ".join(cell.parts) if cell.kind != "num" else cell.text
            cells.append(text if owner or opts["md_merge"] == "repeat" else "")
        if opts["md_pad"] and (r >= g.nhead or opts["md_pad_header"]):
            cells = [*cells, ""] if opts["md_pad"] == "trailing" else ["", *cells]
        if opts["md_pipes"] or not cells[0] or not cells[-1]:
            # without outer pipes an empty first or last cell could not be written (GFM reads a leading or
            # trailing pipe as the optional outer one): such a row keeps its outer pipes
            lines.append(("| " + " | ".join(cells) + " |").replace("|  |", "| |"))
        else:
            lines.append(" | ".join(cells))
        if r == 0:
            rule = [opts["md_rule"]] * len(cells)
            lines.append(("| " + " | ".join(rule) + " |") if opts["md_pipes"] else " | ".join(rule))
    return "\n".join(lines)


# --------------------------------------------------------------------------- flattened text


def _txt_cells(g: _Grid, after: str) -> list[str]:
    """A table one cell a line (``txt_layout="cells"``): a row's labels, then its numbers, ``after`` each."""
    lines: list[str] = []
    for row in g.rows:
        lines += [f"{text}{after}" for c in row if c.kind != "num" and (text := " ".join(c.parts))]
        lines += [f"{c.text}{after}" for c in row if c.kind == "num"]
    return lines


def _txt_rows(g: _Grid, opts: dict[str, Any], rng: random.Random) -> list[str]:
    sep_kind = opts["cell_sep"]
    if opts["txt_layout"] == "cells":
        return _txt_cells(g, " |" if sep_kind == "pipe" else "")
    rows: list[str] = []
    for row in g.rows:
        labels = [" ".join(c.parts) for c in row if c.kind != "num"]
        nums = [c.text for c in row if c.kind == "num"]
        if not nums:
            if g.name == "t4":
                rows.append(rng.choice(("", " ")).join(t for t in labels if t))
            else:
                rows.append(" ".join(t for t in labels if t))
            continue
        label = rng.choice((" ", "")).join(labels)
        if sep_kind == "tab":
            rows.append("\t".join([label, *nums]) if label else "\t".join(nums))
            continue
        parts = [label] if label else []
        body = ""
        for i, n in enumerate(nums):
            if i:
                body += {"glued": "", "space": " "}[sep_kind] if sep_kind != "mixed" else rng.choice(("", " "))
            body += n
        if parts:
            lead = " " if sep_kind == "space" else rng.choice((" ", ""))
            rows.append(label + lead + body)
        else:
            rows.append(body)
    return rows


def _join_rows(rows: list[str], opts: dict[str, Any], rng: random.Random) -> str:
    if opts["txt_layout"] in ("rows", "cells"):
        return "\n".join(rows)
    out = rows[0]
    for r in rows[1:]:
        sep = opts["row_sep"] if opts["row_sep"] != "mixed" else rng.choice(("", " "))
        out += sep + r
    return out


def _render_txt(blocks: list[_Block], opts: dict[str, Any], rng: random.Random) -> bytes:
    pieces: list[str] = []
    titles: list[str] = []
    for b in blocks:
        if b.kind == "title":
            titles.append(b.text)
        elif b.grid is not None:
            pieces.append(_join_rows(_txt_rows(b.grid, opts, rng), opts, rng))
        elif b.kind == "caption":
            pieces.append(b.text)
        else:
            pieces.append(b.text)
    head = "\n".join(titles)
    body = (" " if opts["txt_layout"] == "report_line" else "\n").join(pieces)
    return (head + "\n" + body + "\n").encode("utf-8")


# --------------------------------------------------------------------------- DOCX

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TWIP = 20  # twentieths of a point


def _docx_run(parts: Sequence[str], bold: bool = False) -> str:
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    inner = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(p, quote=False)}</w:t>' for p in parts)
    return f"<w:r>{rpr}{inner}</w:r>" if inner else ""


def _docx_para(text: str, *, bold: bool = False, center: bool = False, style: str | None = None) -> str:
    ppr = ""
    if style or center:
        ppr = "<w:pPr>" + (f'<w:pStyle w:val="{style}"/>' if style else "")
        ppr += ('<w:jc w:val="center"/>' if center else "") + "</w:pPr>"
    return f"<w:p>{ppr}{_docx_run([text], bold)}</w:p>"


def _docx_table(g: _Grid, opts: dict[str, Any]) -> str:
    widths = _col_widths(g, opts, vertical=False)
    tw = [round(w * _TWIP) for w in widths]
    borders = "".join(
        f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for s in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    out = [
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(tw)}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>'
    ]
    out += [f'<w:gridCol w:w="{w}"/>' for w in tw]
    out.append("</w:tblGrid>")
    cover = g.cover()
    for r, row in enumerate(cover):
        trpr = "<w:trPr><w:tblHeader/></w:trPr>" if opts["repeat_header"] and g.name == "t3" and r < g.nhead else ""
        out.append(f"<w:tr>{trpr}")
        c = 0
        while c < g.ncols:
            cell = row[c]
            assert cell is not None
            width = sum(tw[cell.c : cell.c + cell.cs])
            pr = f'<w:tcW w:w="{width}" w:type="dxa"/>'
            if cell.cs > 1:
                pr += f'<w:gridSpan w:val="{cell.cs}"/>'
            owner = cell.r == r
            if cell.rs > 1:
                pr += '<w:vMerge w:val="restart"/>' if owner else "<w:vMerge/>"
            if opts["vertical_labels"] and cell.kind == "group" and cell.c == 0:
                pr += '<w:textDirection w:val="tbRlV"/>'
            pr += '<w:vAlign w:val="center"/>'
            if owner:
                align = {"num": opts["number_align"], "label": "left"}.get(cell.kind, "center")
                jc = {"center": "center", "right": "right", "left": "left"}[align]
                parts = cell.parts if cell.kind != "num" else [cell.text]
                run = _docx_run([p for p in parts if p])
                para = f'<w:p><w:pPr><w:jc w:val="{jc}"/></w:pPr>{run}</w:p>'
            else:
                para = "<w:p/>"
            out.append(f"<w:tc><w:tcPr>{pr}</w:tcPr>{para}</w:tc>")
            c += cell.cs
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


_docx_lock = threading.Lock()
_docx_base: Any = None


def _render_docx(blocks: list[_Block], opts: dict[str, Any], year: int, agency: str) -> bytes:
    global _docx_base
    import docx
    from docx.oxml.parser import parse_xml

    xml: list[str] = []
    h = opts["headings"]
    for b in blocks:
        if b.kind == "title":
            xml.append(_docx_para(b.text, bold=True, center=True))
        elif b.kind == "heading":
            if h == "heading":
                xml.append(_docx_para(b.text, style="Heading2"))
            else:
                xml.append(_docx_para(b.text, bold=h == "bold"))
        elif b.kind == "sub":
            xml.append(_docx_para(b.text, bold=h != "plain"))
        elif b.kind == "para":
            xml.append(_docx_para(b.text))
        elif b.grid is not None:
            xml.append(_docx_table(b.grid, opts))
            xml.append("<w:p/>")
    wrapper = parse_xml(f'<w:body xmlns:w="{_W_NS}">{"".join(xml)}</w:body>')
    when = datetime(year + 1, 1, 20, 9, 0, 0, tzinfo=timezone.utc)
    # python-docx's default template is parsed once and reused: the body and the core
    # properties are replaced whole on every call, so nothing of one report reaches the next.
    with _docx_lock:
        if _docx_base is None:
            _docx_base = docx.Document()
        document = _docx_base
        body = document.element.body
        sect = body[-1] if len(body) and body[-1].tag == f"{{{_W_NS}}}sectPr" else None
        for child in list(body):
            if child is not sect:
                body.remove(child)
        for child in list(wrapper):
            if sect is not None:
                sect.addprevious(child)
            else:
                body.append(child)
        cp = document.core_properties
        cp.author = agency
        cp.last_modified_by = agency
        cp.title = "".join(b.text for b in blocks if b.kind == "title")
        cp.created = when
        cp.modified = when
        cp.revision = 1
        buf = io.BytesIO()
        document.save(buf)
    return _fix_zip_times(buf.getvalue(), (year + 1, 1, 20, 9, 0, 0))


def _fix_zip_times(data: bytes, date_time: tuple[int, int, int, int, int, int]) -> bytes:
    """The zip package with every member's modification time set to ``date_time`` (patched in place)."""
    y, mo, d, hh, mi, ss = date_time
    dos_time = (hh << 11) | (mi << 5) | (ss // 2)
    dos_date = ((y - 1980) << 9) | (mo << 5) | d
    stamp = struct.pack("<HH", dos_time, dos_date)
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        infos = z.infolist()
        end = data.rfind(b"PK\x05\x06")
        cd_offset = struct.unpack_from("<I", data, end + 16)[0]
    for info in infos:
        off = info.header_offset
        assert out[off : off + 4] == b"PK\x03\x04"
        out[off + 10 : off + 14] = stamp
    pos = cd_offset
    for _ in infos:
        assert out[pos : pos + 4] == b"PK\x01\x02"
        out[pos + 12 : pos + 16] = stamp
        n_name, n_extra, n_comment = struct.unpack_from("<HHH", out, pos + 28)
        pos += 46 + n_name + n_extra + n_comment
    return bytes(out)


# --------------------------------------------------------------------------- PDF

_FONT = "STSong-Light"
_PW, _PH = 595.0, 842.0
_ML, _MT, _MB = 72.0, 72.0, 72.0
_CW = _PW - 2 * _ML
_font_ready = False
_CHAR_W: dict[str, float] = {}


def _col_widths(g: _Grid, opts: dict[str, Any], *, vertical: bool) -> list[float]:
    """Column widths in points for a table ``_CW`` wide (the DOCX tables use the same)."""
    wrap = opts["wrap_labels"]
    if g.name == "t2":
        lab = 130.0 if wrap else 170.0
        return [lab] + [(_CW - lab) / 3] * 3
    if g.name == "t4":
        return [_CW / 15] * 15
    c0 = 24.0 if vertical else 44.0
    c1 = 52.0
    c2 = 130.0 if wrap else 190.0
    if not vertical and not wrap:
        c2 = 170.0
    rest = (_CW - c0 - c1 - c2) / 7
    return [c0, c1, c2] + [rest] * 7


def _ensure_font() -> None:
    global _font_ready
    if not _font_ready:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont

        pdfmetrics.registerFont(UnicodeCIDFont(_FONT))
        _font_ready = True


def _tw(text: str, size: float) -> float:
    total = 0.0
    for ch in text:
        w = _CHAR_W.get(ch)
        if w is None:
            from reportlab.pdfbase import pdfmetrics

            w = _CHAR_W[ch] = pdfmetrics.stringWidth(ch, _FONT, 1.0)
        total += w
    return total * size


#: Prose lines do not start with these (they hang past the margin instead); table cells break anywhere.
_NO_LINE_START = frozenset("，。、；：！？）》”’")


def _wrap(text: str, width: float, size: float, first: float | None = None) -> list[str]:
    """``text`` broken into lines ``width`` points wide (the first ``first`` wide: prose)."""
    lines: list[str] = []
    cur: list[str] = []
    used = 0.0
    limit = width if first is None else first
    for ch in text:
        w = _CHAR_W.get(ch)
        if w is None:
            _tw(ch, 1.0)
            w = _CHAR_W[ch]
        w *= size
        if cur and used + w > limit + 0.01 and not (first is not None and ch in _NO_LINE_START):
            lines.append("".join(cur))
            cur, used, limit = [], 0.0, width
        cur.append(ch)
        used += w
    if cur:
        lines.append("".join(cur))
    return lines or [""]


class _Place:
    """Where a table row (or part of a split row) is drawn."""

    __slots__ = ("h", "inst", "page", "part", "r", "split", "top")

    def __init__(
        self, r: int, page: int, top: float, h: float, part: str = "", inst: int = 0, split: Any = None
    ) -> None:
        self.r, self.page, self.top, self.h = r, page, top, h  # page: relative to the table's first page
        self.part = part  # "" whole row, "A" first part of a split row, "B" second part
        self.inst = inst  # 0 the table's own rows, k the k-th repetition of the header rows
        self.split: tuple[int, int] | None = split  # the label lines printed in this part


class _Pdf:
    def __init__(self, opts: dict[str, Any]) -> None:
        from reportlab.pdfgen import canvas

        _ensure_font()
        self.opts = opts
        self.buf = io.BytesIO()
        self.c = canvas.Canvas(self.buf, pagesize=(_PW, _PH), invariant=1, pageCompression=0)
        self.c.setLineWidth(0.5)
        self.page = 0
        self.y = 0.0
        self._start()

    # ------------------------------------------------------------------ pages
    def _start(self) -> None:
        self.page += 1
        self.y = _PH - _MT
        self.c.setLineWidth(0.5)
        if self.opts["page_numbers"] == "first":
            self._footer()

    def _footer(self) -> None:
        s = f"- {self.page} -"
        self.text([((_PW - _tw(s, 10.5)) / 2, 42.0, s)], 10.5)

    def new_page(self) -> None:
        if self.opts["page_numbers"] == "last":
            self._footer()
        self.c.showPage()
        self._start()

    def finish(self) -> bytes:
        if self.opts["page_numbers"] == "last":
            self._footer()
        self.c.showPage()
        self.c.save()
        return self.buf.getvalue()

    def text(self, items: Sequence[tuple[float, float, str]], size: float) -> None:
        """One text object holding every (x, baseline, string) of ``items``."""
        items = [it for it in items if it[2]]
        if not items:
            return
        t = self.c.beginText()
        t.setFont(_FONT, size)
        for x, y, s in items:
            t.setTextOrigin(x, y)
            t.textOut(s)
        self.c.drawText(t)

    # ------------------------------------------------------------------ prose
    def para(
        self, text: str, size: float = 12.0, indent: float = 2.0, center: bool = False, after: float = 2.0
    ) -> None:
        lh = size * 1.6
        lines = _wrap(text, _CW, size, first=_CW - indent * size)
        for i, line in enumerate(lines):
            if self.y - lh < _MB:
                self.new_page()
            x = (_PW - _tw(line, size)) / 2 if center else _ML + (indent * size if i == 0 else 0.0)
            self.text([(x, self.y - size * 1.1, line)], size)
            self.y -= lh
        self.y -= after

    # ------------------------------------------------------------------ tables
    def table(self, g: _Grid) -> None:
        o = self.opts
        vertical = bool(o["vertical_labels"])
        size = 9.0 if g.name == "t4" or (g.name == "t3" and not o["wrap_labels"]) else 10.0
        lh = size * 1.25
        pad = 3.0
        minh = lh + 2 * pad + 2
        widths = _col_widths(g, o, vertical=vertical)
        xs = [_ML]
        for w in widths:
            xs.append(xs[-1] + w)
        cells = [cell for row in g.rows for cell in row]
        lines: dict[int, list[str]] = {}
        for cell in cells:
            w = xs[cell.c + cell.cs] - xs[cell.c] - 2 * pad
            if cell.kind == "num":
                lines[id(cell)] = [cell.text] if cell.text else []
            elif cell.kind == "group" and cell.c == 0 and vertical:
                lines[id(cell)] = list(cell.text)
            else:
                lines[id(cell)] = _wrap(cell.text, w, size)
        n = len(g.rows)
        h = [minh] * n
        for cell in cells:
            if cell.rs == 1:
                h[cell.r] = max(h[cell.r], len(lines[id(cell)]) * lh + 2 * pad)
        for cell in cells:
            if cell.rs > 1:
                need = len(lines[id(cell)]) * lh + 2 * pad
                have = sum(h[cell.r : cell.r + cell.rs])
                if need > have:
                    for r in range(cell.r, cell.r + cell.rs):
                        h[r] += (need - have) / cell.rs
        # ---- placement
        places: list[_Place] = []
        page, y, inst = 0, self.y, 0
        top = _PH - _MT
        nhead = g.nhead
        repeat = bool(o["repeat_header"]) and g.name == "t3"
        brk_key = o["t3_break_row"] if g.name == "t3" else None
        first_need = sum(h[: nhead + 1]) if g.name != "t2" else sum(h[:3])
        if g.name == "t4":
            first_need = sum(h)
        if y - first_need < _MB:
            page, y = page + 1, top

        def headers(k: int) -> None:
            nonlocal y
            for r in range(nhead):
                places.append(_Place(r, page, y, h[r], inst=k))
                y -= h[r]

        headers(0)
        broke = False  # a forced break is only made if the table has not broken yet
        for r in range(nhead, n):
            forced = brk_key is not None and g.row_keys[r] == brk_key and r > nhead and not broke
            if y - h[r] < _MB or forced:
                broke = True
                lab = self._split_label(g, r, lines)
                if o["split_row"] and lab is not None:
                    nl = len(lines[id(lab)])
                    k = nl // 2 if y - h[r] >= _MB else int((y - _MB - 2 * pad) // lh)
                    if 1 <= k < nl:
                        ha = k * lh + 2 * pad
                        places.append(_Place(r, page, y, ha, "A", 0, (0, k)))
                        page, y = page + 1, top
                        if repeat:
                            inst += 1
                            headers(inst)
                        hb = max(minh, (nl - k) * lh + 2 * pad)
                        places.append(_Place(r, page, y, hb, "B", 0, (k, nl)))
                        y -= hb
                        continue
                page, y = page + 1, top
                if repeat:
                    inst += 1
                    headers(inst)
            places.append(_Place(r, page, y, h[r]))
            y -= h[r]
        # ---- where the lines of merged (rs > 1) cells fall
        spans = [cell for cell in cells if cell.rs > 1]
        trigger: dict[int, list[tuple[_Cell, list[tuple[float, float, str]], float, float]]] = {}
        for s in spans:
            rows = range(s.r, s.r + s.rs)
            insts = sorted({p.inst for p in places if p.r in rows})
            for k in insts:
                idx = [i for i, p in enumerate(places) if p.r in rows and p.inst == k]
                total = sum(places[i].h for i in idx)
                txt = lines[id(s)]
                start = (total - len(txt) * lh) / 2 if o["span_align"] == "center" or s.r < nhead else pad
                per_page: dict[int, list[tuple[float, float, str]]] = {}
                cum = 0.0
                offsets = []
                for i in idx:
                    offsets.append((i, cum))
                    cum += places[i].h
                for li, line in enumerate(txt):
                    v = start + li * lh
                    mid = v + lh / 2
                    i, base = offsets[-1]
                    for j, b0 in offsets:
                        if b0 <= mid < b0 + places[j].h:
                            i, base = j, b0
                            break
                    p = places[i]
                    x = self._x(s, line, xs, size, pad)
                    per_page.setdefault(p.page, []).append((x, p.top - (v - base) - lh * 0.8, line))
                by_page: dict[int, list[int]] = {}
                for i in idx:
                    by_page.setdefault(places[i].page, []).append(i)
                for pg, ids in by_page.items():
                    first_i = ids[0]
                    seg_top = places[first_i].top
                    seg_bot = places[ids[-1]].top - places[ids[-1]].h
                    trigger.setdefault(first_i, []).append((s, per_page.get(pg, []), seg_top, seg_bot))
        # ---- drawing, in reading order
        cur = 0
        for i, p in enumerate(places):
            while p.page > cur:
                self.new_page()
                cur += 1
            # cells in column order: a merged cell's lines on this page come before the row's own cells
            draw: list[tuple[int, list[tuple[float, float, str]], tuple[float, float, float, float]]] = []
            for s, items, seg_top, seg_bot in trigger.get(i, []):
                draw.append((s.c, items, (xs[s.c], seg_bot, xs[s.c + s.cs] - xs[s.c], seg_top - seg_bot)))
            lab = self._split_label(g, p.r, lines) if p.part else None
            with_nums = not p.part or (p.part == "A") == (o["split_row"] == "numbers_first")
            for cell in g.rows[p.r]:
                if cell.rs > 1:
                    continue
                txt = lines[id(cell)]
                if p.part and cell is lab and p.split is not None:
                    txt = txt[p.split[0] : p.split[1]]
                elif p.part and not with_nums:
                    txt = []
                block_top = p.top - (p.h - len(txt) * lh) / 2
                cell_items = [
                    (self._x(cell, line, xs, size, pad), block_top - li * lh - lh * 0.8, line)
                    for li, line in enumerate(txt)
                ]
                draw.append((cell.c, cell_items, (xs[cell.c], p.top - p.h, xs[cell.c + cell.cs] - xs[cell.c], p.h)))
            draw.sort(key=lambda d: d[0])
            for _, items, (x, y0, w, hh) in draw:
                self.text(items, size)
                self.c.rect(x, y0, w, hh, stroke=1, fill=0)
        while places and places[-1].page > cur:
            self.new_page()
            cur += 1
        self.y = (places[-1].top - places[-1].h if places else self.y) - 10

    def _x(self, cell: _Cell, line: str, xs: list[float], size: float, pad: float) -> float:
        x0, x1 = xs[cell.c], xs[cell.c + cell.cs]
        if cell.kind == "label":
            return x0 + pad
        w = _tw(line, size)
        if cell.kind == "num" and self.opts["number_align"] == "right":
            return x1 - pad - w
        return x0 + (x1 - x0 - w) / 2

    @staticmethod
    def _split_label(g: _Grid, r: int, lines: dict[int, list[str]]) -> _Cell | None:
        best = None
        for cell in g.rows[r]:
            n = len(lines[id(cell)])
            if cell.kind == "label" and cell.rs == 1 and n >= 2 and (best is None or n > len(lines[id(best)])):
                best = cell
        return best


def _render_pdf(blocks: list[_Block], opts: dict[str, Any]) -> bytes:
    pdf = _Pdf(opts)
    titles = [b for b in blocks if b.kind == "title"]
    for b in blocks:
        if b.kind == "title":
            pdf.para(b.text, size=16.0, indent=0.0, center=True, after=6.0 if b is titles[-1] else 0.0)
        elif b.kind == "heading":
            pdf.y -= 4
            pdf.para(b.text, size=12.0, indent=2.0, after=2.0)
        elif b.kind in ("sub", "para"):
            pdf.para(b.text)
        elif b.grid is not None:
            pdf.table(b.grid)
    return pdf.finish()


# --------------------------------------------------------------------------- public rendering


def render_with_truth(
    rng: random.Random,
    truth: dict[str, Any],
    fmt: str,
    *,
    template: str,
    year: int,
    agency: str,
    **options: Any,
) -> tuple[bytes, dict[str, Any]]:
    """The report as ``fmt`` bytes, and ``truth`` as printed (``None`` where a cell is printed blank)."""
    if template not in TEMPLATES:
        raise ValueError(f"unknown template {template!r}")
    opts = _resolve(fmt, template, options)
    grids, printed = _grids(truth, template, opts)
    blocks = _compose(rng, truth, grids, template, year, agency, opts)
    if fmt == "html":
        data = _render_html(blocks, opts)
    elif fmt == "md":
        data = _render_md(blocks, opts)
    elif fmt == "txt":
        data = _render_txt(blocks, opts, rng)
    elif fmt == "docx":
        data = _render_docx(blocks, opts, year, agency)
    else:
        data = _render_pdf(blocks, opts)
    return data, printed


def render(
    rng: random.Random,
    truth: dict[str, Any],
    fmt: str,
    *,
    template: str,
    year: int,
    agency: str,
    **options: Any,
) -> bytes:
    """The whole report as ``fmt`` ("docx", "html", "pdf", "txt", "md") bytes; see the module docstring for options."""
    return render_with_truth(rng, truth, fmt, template=template, year=year, agency=agency, **options)[0]


def make_report(
    seed: int, i: int, formats: Sequence[str] = FORMATS, templates: Sequence[str] = TEMPLATES
) -> tuple[bytes, dict[str, Any]]:
    """Report ``i`` (1-based) of the CLI run ``seed``: its bytes and its truth record."""
    rng = random.Random(f"govtext-tables:{seed}:{i}")
    fmt = formats[(i - 1) % len(formats)]
    if len(templates) > 1:
        template = "2021" if "2021" in templates and rng.random() < 0.7 else rng.choice(list(templates))
    else:
        template = templates[0]
    year = rng.randint(2021, 2025) if template == "2021" else rng.randint(2019, 2020)
    agency = random_agency(rng)
    truth = random_tables(rng, template)
    options = random_options(rng, fmt, template)
    data, printed = render_with_truth(rng, truth, fmt, template=template, year=year, agency=agency, **options)
    meta = {
        "template": template,
        "year": year,
        "agency": agency,
        "format": fmt,
        "options": options,
        "tables": printed,
    }
    return data, meta


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Generate invented annual reports with the three standard tables.")
    ap.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    ap.add_argument("--n", type=int, default=50, help="number of reports (default 50)")
    ap.add_argument("--out", type=Path, help="output directory (required unless --check)")
    ap.add_argument("--formats", default=",".join(FORMATS), help="comma-separated formats, used in turn")
    ap.add_argument("--templates", default=",".join(TEMPLATES), help="comma-separated templates (2021,2019)")
    ap.add_argument(
        "--check",
        action="store_true",
        help="only check the identities of n truths per template (exit 1 on a violation)",
    )
    args = ap.parse_args(argv)
    if args.check:
        bad = 0
        for template in TEMPLATES:
            for i in range(1, args.n + 1):
                problems = check_identities(random_tables(random.Random(f"check:{args.seed}:{i}"), template), template)
                bad += bool(problems)
                for p in problems:
                    print(f"{template} #{i}: {p}", file=sys.stderr)
        print(f"{bad} of {args.n * len(TEMPLATES)} truths violate an identity")
        return 1 if bad else 0
    if args.out is None:
        ap.error("--out is required")
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    templates = [t.strip() for t in args.templates.split(",") if t.strip()]
    bad = [f for f in formats if f not in FORMATS] + [t for t in templates if t not in TEMPLATES]
    if bad or not formats or not templates:
        ap.error(f"unknown or missing formats/templates: {', '.join(bad) or '(none given)'}")
    args.out.mkdir(parents=True, exist_ok=True)
    for i in range(1, args.n + 1):
        data, meta = make_report(args.seed, i, formats, templates)
        name = f"report_{i:04d}"
        (args.out / f"{name}.{meta['format']}").write_bytes(data)
        text = json.dumps(meta, ensure_ascii=False, indent=1)
        (args.out / f"{name}.json").write_text(text + "\n", encoding="utf-8", newline="\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
