"""Write ``tests/data/yoy_gold.jsonl``: the year-over-year gold of GT504 (issue 18), and build its reports.

Each gold item is one year-over-year sentence (较上年增长12.5%, 同比下降3件, 比2022年增加20条,
与上年持平 …) or one sentence that merely looks like one, with what a careful reader says of it:

* ``agrees``: whether the change stated agrees with this year's figure and the same body's
  report of the year compared with (``None`` where it cannot be known: no such report, the
  figure cannot be tied to one subject, or the sentence is no comparison at all);
* ``severity``: the strongest finding the sentence deserves — ``error`` (wrong, and every
  number and its subject unambiguous, table cells on both sides), ``warning`` (wrong, but a
  qualifier, a figure of the prose, a cell not read with certainty, a restated figure, a
  renamed body), or ``None``;
* ``subject``, ``this``, ``last``, ``stated``, ``shape`` and ``note``.

Three sources:

* **written** (``W-…``): pairs of consecutive-year reports of invented bodies, made here from
  ``tools/synth/govtext_synth/tables.py`` (tables satisfying every identity, TXT, Markdown or HTML), with
  sentences of our own inserted after the heading 一、总体情况 of this year's report (and a
  few in last year's).  Right and deliberately wrong changes, in varied phrasing; the labels
  follow from the generator's own arithmetic on the tables' truth, not from govtext.
* **pingtan-written** (``P-…``): sentences of our own about the real figures of the shared
  Pingtan reports, inserted (in memory, at a stored offset) into ``../shared/corpus``'s
  pingtan_2021/2022/2024/2025 text; the figures were read off the printed tables by hand
  (see :data:`PINGTAN_FIGURES`).  Only our sentences, the file name, the offset and the
  file's sha256 are stored.
* **pingtan** (``N-…``): sentences of the shared Pingtan reports with words of change
  (提高, 增加, 减少 …) but no comparison with another year — none of the shared years states
  one, so these are the shared years' own year-over-year gold: nothing is to be found.  Stored
  by file, the sentence's source offset and a sha1 of its text, never the text.

The split (``dev``/``test``) is fixed by a hash of the item's id.

    python benchmarks/make_yoy_gold.py        # needs ../shared/corpus for the pingtan items
"""

from __future__ import annotations

import hashlib
import json
import math
import random
import sys
from copy import deepcopy
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "tests" / "data" / "yoy_gold.jsonl"
#: the written pairs' reports: years, agencies, templates, format, the tables' truth, the sentences inserted
PAIRS = ROOT / "tests" / "data" / "yoy_pairs.jsonl"
CORPUS = ROOT.parent / "shared" / "corpus"
SEED = 18


def split_of(item_id: str) -> str:
    """dev or test, once and for all: the first byte of the id's sha1."""
    return "dev" if hashlib.sha1(item_id.encode("utf-8")).digest()[0] < 128 else "test"


# --------------------------------------------------------------------------- the subjects' figures


def figure(truth: dict[str, Any], subject: str, template: str) -> int:
    """A subject's figure in a report's tables (the truth the generator printed)."""
    t2, t3, t4 = truth["t2"], truth["t3"], truth["t4"]
    made = "made" if template == "2021" else "new_made"
    return int(
        {
            "received": lambda: t3["new_received"]["total"],
            "received_all": lambda: t3["new_received"]["total"] + t3["carried_over"]["total"],
            "handled": lambda: t3["total"]["total"],
            "review": lambda: t4["review"]["total"],
            "litigation": lambda: t4["litigation_direct"]["total"] + t4["litigation_after_review"]["total"],
            "normative_made": lambda: t2["normative_docs"][made],
            "penalty": lambda: t2["penalty"]["decisions"],
            "licensing": lambda: t2["licensing"]["decisions"],
            "coercion": lambda: t2["coercion"]["decisions"],
        }[subject]()
    )


#: how this year's figure is written, by subject ({v}: the figure, {s}: the body's self-reference)
LEADS: dict[str, tuple[str, ...]] = {
    "received": ("全年共收到政府信息公开申请{v}件", "{y}年，{s}受理政府信息公开申请{v}件", "本年度新收政府信息公开申请{v}件",
                 "全年接收政府信息公开申请{v}件"),
    "handled": ("全年办结政府信息公开申请{v}件", "全年共答复政府信息公开申请{v}件"),
    "review": ("因政府信息公开被申请行政复议{v}件", "{s}被申请行政复议{v}件"),
    "litigation": ("被提起行政诉讼{v}件", "因政府信息公开被提起行政诉讼{v}件"),
    "normative_made": ("制发行政规范性文件{v}件", "全年印发行政规范性文件{v}件"),
    "penalty": ("作出行政处罚决定{v}件", "全年作出行政处罚决定{v}件"),
    "licensing": ("作出行政许可决定{v}件",),
    "coercion": ("作出行政强制决定{v}件",),
}  # fmt: skip
#: the subject named without its figure, the change first (申请量较上年下降3.2%)
SUBJECT_FIRST = {"received": ("政府信息公开申请数量", "申请量"), "review": ("行政复议案件数量",)}

PCT_UP = ("同比增长{p}%", "较上年增长{p}%", "比上年上升{p}%", "较去年增长{p}%", "比{ry}年增长{p}%", "与上年相比增长{p}%",
          "较上一年度提高{p}%")  # fmt: skip
PCT_DOWN = (
    "同比下降{p}%",
    "较上年减少{p}%",
    "比去年下降{p}%",
    "较{ry}年降低{p}%",
    "较上年回落{p}%",
    "与去年相比下降{p}%",
)
CNT_UP = ("较上年增加{d}件", "同比增加{d}件", "比上年多{d}件", "比{ry}年增加{d}件")
CNT_DOWN = ("较上年减少{d}件", "同比减少{d}件", "比上年少{d}件", "比{ry}年减少{d}件")
FLAT = ("与上年持平", "同比持平", "与{ry}年持平")
DIR_UP = ("较上年有所增长", "较上年略有增加", "同比明显上升")
DIR_DOWN = ("同比有所下降", "较去年明显减少", "较上年略有下降")


def _pct(delta: int, last: int) -> float:
    return delta / last * 100


def _printed(value: float, decimals: int, cut: bool = False) -> str:
    """``value`` printed with ``decimals`` digits: rounded half up, or cut off (as some writers do)."""
    scale = 10**decimals
    n = math.floor(value * scale + 1e-9) if cut else math.floor(value * scale + 0.5 + 1e-9)
    return f"{n / scale:.{decimals}f}"


def _wrong_pct(rng: random.Random, actual: float) -> float:
    """A percentage clearly not ``actual`` (at least 2 points and 15 % away), of the same sign."""
    a = abs(actual)
    for _ in range(50):
        cand = round(a * rng.choice((0.5, 0.6, 0.7, 1.3, 1.5, 2.0)) + rng.choice((-3, 2, 5, 8)), 1)
        if cand > 0 and abs(cand - a) >= max(2.0, 0.15 * a):
            return cand
    return round(a + 10, 1)


class PairMaker:
    """One pair of reports and its sentences: ``add`` a sentence, ``item`` its gold."""

    def __init__(self, pid: str, rng: random.Random, kind: str = "plain") -> None:
        from govtext_synth.tables import random_agency, random_tables

        self.pid, self.rng, self.kind = pid, rng, kind
        self.fmt = rng.choice(("txt", "txt", "md", "html"))
        if kind in ("renamed", "2019"):
            self.template_prev = self.template_cur = "2019"
            self.cur_year = 2020
        elif kind == "template_change":
            self.template_prev, self.template_cur, self.cur_year = "2019", "2021", 2021
        else:
            self.template_prev = self.template_cur = "2021"
            self.cur_year = rng.randint(2022, 2025)
        self.prev_year = self.cur_year - (2 if kind == "gap" else 1)
        if kind == "renamed":
            region = random_agency(rng)
            region = region[: max(2, region.find("市") + 1)] + rng.choice(("", "青禾县", "石坪区", "临溪区"))
            old, new = rng.choice(
                (("国土资源局", "自然资源局"), ("卫生和计划生育局", "卫生健康局"), ("环境保护局", "生态环境局"),
                 ("安全生产监督管理局", "应急管理局"), ("农业局", "农业农村局"))
            )  # fmt: skip
            self.agency_prev, self.agency_cur = region + old, region + new
        else:
            self.agency_prev = self.agency_cur = random_agency(rng)
        while True:
            self.prev = random_tables(rng, self.template_prev)
            self.cur = random_tables(rng, self.template_cur)
            if figure(self.prev, "received", self.template_prev) >= 3 and figure(
                self.prev, "handled", self.template_prev
            ):
                break
        self.seed = rng.randint(0, 2**31)
        self.sentences: list[str] = []
        self.prev_sentences: list[str] = []
        self.copied: list[str] = []
        self.items: list[dict[str, Any]] = []

    def self_ref(self) -> str:
        return (
            self.rng.choice(("本机关", "我局", "本单位"))
            if "局" in self.agency_cur
            else self.rng.choice(("本机关", "我单位"))
        )

    def values(self, subject: str) -> tuple[int, int]:
        return figure(self.cur, subject, self.template_cur), figure(self.prev, subject, self.template_prev)

    def make_equal(self, subject: str) -> None:
        """Make last year's figure this year's: copy the table part it lives in (its identities hold)."""
        if subject in ("review", "litigation"):  # table 4's groups add up each on its own
            groups = ("review",) if subject == "review" else ("litigation_direct", "litigation_after_review")
            for g in groups:
                self.prev["t4"][g] = deepcopy(self.cur["t4"][g])
            self.copied.append(f"t4.{subject}")
        elif subject in ("penalty", "licensing", "coercion"):
            self.prev["t2"][subject] = {**self.prev["t2"][subject], "decisions": self.cur["t2"][subject]["decisions"]}
            self.copied.append(f"t2.{subject}")
        else:
            raise ValueError(subject)

    def add(self, sentence: str, **label: Any) -> None:
        self.sentences.append(sentence)
        item = {
            "id": f"{self.pid}-{len(self.items) + 1}",
            "source": "written",
            "pair": self.pid,
            "sentence": sentence,
            **label,
        }
        self.items.append(item)

    def spec(self) -> dict[str, Any]:
        return {
            "id": self.pid,
            "kind": self.kind,
            "fmt": self.fmt,
            "seed": self.seed,
            "prev": {"year": self.prev_year, "agency": self.agency_prev, "template": self.template_prev,
                     "tables": self.prev, "sentences": self.prev_sentences},
            "cur": {"year": self.cur_year, "agency": self.agency_cur, "template": self.template_cur,
                    "tables": self.cur, "sentences": self.sentences},
        }  # fmt: skip


def _statement(pm: PairMaker, subject: str, shape: str, right: bool) -> None:
    """Add one sentence about ``subject`` of the given shape, right or deliberately wrong."""
    rng = pm.rng
    this, last = pm.values(subject)
    delta = this - last
    ry = pm.prev_year if pm.kind != "gap" else pm.cur_year - 1
    lead = rng.choice(LEADS[subject]).format(v=this, y=pm.cur_year, s=pm.self_ref())
    severity_if_wrong = "warning" if pm.kind == "renamed" else "error"
    note = ""
    if shape == "pct":
        actual = _pct(delta, last)
        decimals = rng.choice((0, 1, 1, 2))
        cut = rng.random() < 0.2
        if right:
            p, up = _printed(abs(actual), decimals, cut), delta > 0
            note = "cut off" if cut else ""
        elif rng.random() < 0.3 and delta != 0:
            p, up = _printed(abs(actual), decimals), delta < 0  # the direction turned round
            note = "wrong direction"
        else:
            p, up = f"{_wrong_pct(rng, actual):.{max(decimals, 1)}f}", delta >= 0
            note = "wrong magnitude"
        if float(p) == 0:
            return
        cmp = rng.choice(PCT_UP if up else PCT_DOWN).format(p=p, ry=ry)
        stated = (1 if up else -1) * float(p)
    elif shape == "count":
        if right:
            d, up = abs(delta), delta > 0
        elif rng.random() < 0.4 and delta != 0:
            d, up = abs(delta), delta < 0
            note = "wrong direction"
        else:
            d, up = abs(delta) + rng.choice((1, 2, 3, 5, 10)), delta >= 0
            note = "wrong magnitude"
        if d == 0:
            return
        cmp = rng.choice(CNT_UP if up else CNT_DOWN).format(d=d, ry=ry)
        stated = (1 if up else -1) * d
    elif shape == "flat":
        cmp, stated = rng.choice(FLAT).format(ry=ry), 0
    elif shape == "direction":
        up = (delta > 0) if right else (delta < 0)
        if delta == 0:
            return
        cmp, stated = rng.choice(DIR_UP if up else DIR_DOWN), (1 if up else -1)
    else:
        raise ValueError(shape)
    if shape == "pct" and rng.random() < 0.25 and subject in SUBJECT_FIRST:
        words = rng.choice(SUBJECT_FIRST[subject])
        sentence = f"{words}{cmp}" + (f"，达到{this}件。" if rng.random() < 0.5 else "。")
        shape = "subject_first"
    else:
        sentence = f"{lead}，{cmp}。"
    if pm.kind == "gap":  # last year's report is missing: nothing can be known
        agrees, severity, note = None, None, f"no report for {ry} (the pair is {pm.prev_year} and {pm.cur_year})"
    else:
        # the words may be read another way (收到: 新收 or 新收 + 上年结转): a change fitting either is right
        agrees = any(
            _fits(shape, stated, p if shape in ("pct", "subject_first") else None, t, la)
            for t, la in _readings(pm, subject, stated_figure="，达到" in sentence or shape != "subject_first")
        )
        severity = None if agrees else severity_if_wrong
        if agrees != right:
            note = (note + "; " if note else "") + "fits another reading of the words"
    if pm.kind == "renamed" and not agrees:
        note = (note + "; " if note else "") + "across a renaming: warning"
    pm.add(sentence, subject=subject, this=this, last=last, stated=stated, agrees=agrees, severity=severity,
           shape=shape, note=note)  # fmt: skip


def _readings(pm: PairMaker, subject: str, stated_figure: bool = True) -> list[tuple[int, int]]:
    """(this year's, last year's) figures the words may mean: 收到 is 新收, or 新收 + 上年结转 where this year's
    figure as stated is both (nothing carried over) or not stated; 行政诉讼 is both groups, or the direct
    lawsuits where they are all of this year's."""
    this, last = pm.values(subject)
    out = [(this, last)]
    if subject == "received":
        this_all, last_all = pm.values("received_all")
        if this_all == this or not stated_figure:
            out.append((this_all, last_all))
    if subject == "litigation":
        d_this = pm.cur["t4"]["litigation_direct"]["total"]
        if d_this == this or not stated_figure:
            out.append((d_this, pm.prev["t4"]["litigation_direct"]["total"]))
    return out


def _fits(shape: str, stated: float, printed: str | None, this: int, last: int) -> bool:
    """Whether a change stated as ``stated`` (``printed``: a percentage's digits) fits ``this`` − ``last``.

    A percentage fits when its printed digits are the actual change rounded half up or cut off.
    """
    delta = this - last
    if shape == "flat":
        return delta == 0
    if shape == "direction":
        return delta != 0 and (delta > 0) == (stated > 0)
    if shape == "count":
        return delta == stated
    if last == 0 or delta == 0 or (delta > 0) != (stated > 0) or printed is None:
        return False
    decimals = len(printed.split(".")[1]) if "." in printed else 0
    actual = abs(delta / last * 100)
    return printed in (_printed(actual, decimals), _printed(actual, decimals, cut=True))


def _special(pm: PairMaker, what: str) -> None:
    """Sentences that are not errors whatever they say, or warnings at most."""
    rng = pm.rng
    this, last = pm.values("received")
    delta = this - last
    if what == "qualified" and last:
        actual = _pct(delta, last)
        right = rng.random() < 0.5
        p = abs(actual) * rng.uniform(0.95, 1.05) if right else abs(actual) * rng.choice((0.4, 2.5)) + 8
        q = rng.choice(("约", "近")) if right else "约"
        word = "增长" if delta >= 0 else "下降"
        if q == "近" and right:
            p = abs(actual) + 0.5
        sentence = f"全年共收到政府信息公开申请{this}件，同比{word}{q}{p:.0f}%。"
        pm.add(sentence, subject="received", this=this, last=last, stated=None, agrees=right,
               severity=None if right else "warning", shape="qualified", note="approximate: never an error")  # fmt: skip
    elif what == "flat_soft":
        sentence = f"全年共收到政府信息公开申请{this}件，与上年基本持平。"
        near = abs(delta) <= max(1, 0.05 * last)
        pm.add(sentence, subject="received", this=this, last=last, stated=0, agrees=near,
               severity=None if near else "warning", shape="qualified", note="基本持平: never an error")  # fmt: skip
    elif what == "several":
        done, _ = pm.values("handled")
        p, q = rng.uniform(1, 60), rng.uniform(1, 60)
        sentence = f"全年收到政府信息公开申请{this}件、办结{done}件，同比分别增长{p:.1f}%和{q:.1f}%。"
        pm.add(sentence, subject=None, this=this, last=last, stated=None, agrees=None, severity=None,
               shape="several", note="分别: which change goes with which figure is not read")  # fmt: skip
    elif what == "part":
        natural = pm.cur["t3"]["new_received"]["natural_person"]
        sentence = f"全年共收到政府信息公开申请{this}件，其中自然人申请{natural}件，同比增长{rng.uniform(1, 40):.1f}%。"
        pm.add(sentence, subject=None, this=natural, last=None, stated=None, agrees=None, severity=None,
               shape="part", note="a part after 其中: the total's change or the part's?")  # fmt: skip
    elif what == "times":
        sentence = f"被提起行政诉讼{pm.values('litigation')[0]}件，同比增长{rng.choice(('一', '两', '1.5'))}倍。"
        pm.add(sentence, subject="litigation", this=None, last=None, stated=None, agrees=None, severity=None,
               shape="times", note="倍: 1.5 or 2.5 times? not read")  # fmt: skip
    elif what == "restated" and last >= 2:
        readings = {last, figure(pm.prev, "received_all", pm.template_prev)}  # 新收, 新收 + 上年结转
        told = next(t for t in (last + k for k in rng.sample((-1, 1, 2, 3, 4), 5)) if t not in readings)
        p = _printed(abs(_pct(this - told, told)), 1)
        word = "增长" if this >= told else "下降"
        if this == told or any(_fits("pct", this - told, p, t, la) for t, la in _readings(pm, "received")):
            return  # the change stated fits last year's report too (−100 % from any figure to 0)
        sentence = f"全年共收到政府信息公开申请{this}件，较上年的{told}件同比{word}{p}%。"
        pm.add(sentence, subject="received", this=this, last=last, stated=None, agrees=False, severity="warning",
               shape="restated", note=f"agrees with the {told} it states, not with last year's report ({last})")  # fmt: skip
    elif what == "prose":
        m = rng.randint(50, 900)
        n = m + rng.choice((-1, 1)) * rng.randint(5, 80)
        pm.prev_sentences.append(f"全年在政府网站发布工作动态{m}条。")
        actual = _pct(n - m, m)
        right = rng.random() < 0.5
        p = _printed(abs(actual), 1) if right else f"{_wrong_pct(rng, actual):.1f}"
        word = "增长" if n > m else "下降"
        sentence = f"全年在政府网站发布工作动态{n}条，较上年{word}{p}%。"
        pm.add(sentence, subject="prose:政府网站发布工作动态", this=n, last=m, stated=None, agrees=right,
               severity=None if right else "warning", shape="prose", note="a figure of the prose on both sides")  # fmt: skip
    elif what == "no_report":
        ry = pm.prev_year - 1
        sentence = f"全年共收到政府信息公开申请{this}件，比{ry}年增加{rng.randint(1, 30)}件。"
        pm.add(sentence, subject="received", this=this, last=None, stated=None, agrees=None, severity=None,
               shape="no_report", note=f"no report for {ry} in the pair")  # fmt: skip
    elif what == "not_a_cell":
        sentence = f"全年公示行政处罚决定{pm.values('penalty')[0]}件，同比增长{rng.uniform(5, 60):.1f}%。"
        pm.add(sentence, subject=None, this=None, last=None, stated=None, agrees=None, severity=None,
               shape="not_a_cell", note="公示 decisions: not read as the table's decisions; no prose figure last year")  # fmt: skip


def written_pairs(seed: int = SEED, n: int = 40) -> list[PairMaker]:
    """The written pairs (deterministic): kinds, subjects, shapes and right/wrong drawn from ``seed``."""
    rng = random.Random(f"yoy-gold:{seed}")
    kinds = ["plain"] * 26 + ["2019"] * 3 + ["template_change"] * 3 + ["renamed"] * 4 + ["gap"] * 4
    rng.shuffle(kinds)
    out = []
    for i, kind in enumerate(kinds[:n], 1):
        pm = PairMaker(f"W{i:03d}", random.Random(f"yoy-pair:{seed}:{i}"), kind)
        r = pm.rng
        subjects = ["received", "handled", "review", "litigation", "normative_made", "penalty", "licensing", "coercion"]
        r.shuffle(subjects)
        want = r.randint(2, 3)
        used = 0
        for subject in subjects:
            if used >= want:
                break
            this, last = pm.values(subject)
            shapes = ["pct", "pct", "count", "direction"] if last else ["count"]
            if subject in ("review", "litigation", "penalty", "coercion") and r.random() < 0.3:
                pm.make_equal(subject)
                this, last = pm.values(subject)
                shapes = ["flat"]
            if this == last and "flat" not in shapes:
                shapes = ["flat"]
            shape = r.choice(shapes)
            right = r.random() < 0.5
            if shape == "flat":
                right = this == last
            before = len(pm.items)
            _statement(pm, subject, shape, right)
            used += len(pm.items) > before
        if kind == "plain":
            _special(pm, r.choice(("qualified", "flat_soft", "several", "part", "times", "restated", "prose",
                                   "no_report", "not_a_cell", "prose", "restated", "qualified")))  # fmt: skip
        out.append(pm)
    return out


# --------------------------------------------------------------------------- hand-written sentences

#: Sentences written by hand after the reader, in shapes it was not built around: (template, agrees, severity, note).
#: Fields: {v} this year's 新收, {l} last year's, {d} the difference, {ad} its size, {p} the change in per cent
#: (one decimal), {pw} a wrong one, {up}/{down} 增长/下降 by the sign, {ry} last year, {h} this year's 办结,
#: {c} this year's 上年结转, {r}/{rl} 行政复议 this and last year, {pen}/{penl} 行政处罚决定.
HAND: tuple[tuple[str, bool | None, str | None, str], ...] = (
    ("全年共收到政府信息公开申请{v}件，比上年度{more}了{ad}件。", True, None, "增加了"),
    ("全年共收到政府信息公开申请{v}件，比上年度{more}了{ad3}件。", False, "error", "增加了, wrong by 3"),
    ("全年共收到政府信息公开申请{v}件，较上年同期的{l}件{more}{ad}件。", True, None, "last year's figure stated"),
    ("收到政府信息公开申请{v}件，较{ry}年的{l}件{up}{p}%。", True, None, ""),
    ("与上年相比，全年收到政府信息公开申请{more}{ad2}件。", False, "error", "the comparison opens the sentence"),
    ("今年收到的政府信息公开申请比去年{moreless}了{ad1}件。", False, "error", "多了/少了"),
    ("全年共收到政府信息公开申请{v}件，同比{up}{p}个百分点。", None, None, "个百分点 of a count: not a reading"),
    ("全年共收到政府信息公开申请{v}件，较上年翻了一番。", None, None, "翻了一番: not read"),
    (
        "全年共收到政府信息公开申请{v}件（上年{l}件），{up}{pw}%。",
        False,
        "error",
        "no word of comparison before the change",
    ),
    ("全年共收到政府信息公开申请{v}件（上年{l}件），{up}{p}%。", True, None, "no word of comparison before the change"),
    ("全年办理政府信息公开申请{h}件，同比{up}{pw}%。", None, None, "办理: received or handled?"),
    ("全年共收到政府信息公开申请{v}件，同比例{up}。", None, None, "同比例 is no comparison with last year"),
    ("全年共收到政府信息公开申请{v}件，环比{up}{p}%。", None, None, "环比: not a year-over-year change"),
    ("全年共收到政府信息公开申请{v}件，同比{more}{ad}件，增幅{pw}%。", False, "error", "the wrong part has no 同比"),
    ("全年共收到政府信息公开申请{v}件，与上年（{l}件）相比{up}{pw}%。", False, "error", "与上年（…）相比"),
    ("全年共收到政府信息公开申请{v}件，同比{up}{pw}%，主要是企业登记档案类申请增多。", False, "error", ""),
    ("全年共收到政府信息公开申请{v}件，较上年{up}{p}%，按时办结率100%。", True, None, ""),
    (
        "全年新收政府信息公开申请{v}件，上年结转{c}件，同比{up}{p}%。",
        True,
        None,
        "the change follows 上年结转: which figure changed?",
    ),
    (
        "全年新收政府信息公开申请{v}件，上年结转{c}件，同比{up}{pw}%。",
        False,
        "warning",
        "the change follows 上年结转: which figure changed? not an error",
    ),
    ("全年共收到政府信息公开申请{v}件，比{ry2}年{up}{p}%。", None, None, "no report of that year in the pair"),
    ("作出行政处罚决定{pen}件，同比{penup}{penpw}%，行政许可决定数量保持稳定。", False, "error", ""),
    ("本年度收到的政府信息公开申请数量较上年有较大幅度{up}。", True, None, "direction only, words first"),
    ("本年度收到的政府信息公开申请数量较上年有较大幅度{down}。", False, "error", "direction only, turned round"),
    ("全年共收到政府信息公开申请{v}件，较上年{up}超过{plow}%。", True, None, "超过: a lower bound"),
    ("依申请公开工作量较上年明显{up}。", None, None, "工作量: no figure of the tables"),
    ("被申请行政复议{r}件，较上年{rmore}{rad}件。", True, None, ""),
    ("被申请行政复议{r}件，较上年{rmore}{rad2}件。", False, "error", ""),
)


def _hand_fields(pm: PairMaker) -> dict[str, Any] | None:
    v, l = pm.values("received")  # noqa: E741
    h, _ = pm.values("handled")
    r, rl = pm.values("review")
    pen, penl = pm.values("penalty")
    c = pm.cur["t3"]["carried_over"]["total"]
    d = v - l
    if d == 0 or l == 0 or c == 0 or penl == 0 or pen == penl or pm.values("received_all")[0] == v:
        return None
    p = abs(d) / l * 100
    pw = _wrong_pct(pm.rng, p)
    penp = abs(pen - penl) / penl * 100
    up, down = ("增长", "下降") if d > 0 else ("下降", "增长")
    return {
        "v": v, "l": l, "d": d, "ad": abs(d), "ad1": abs(d) + 1, "ad2": abs(d) + 2, "ad3": abs(d) + 3,
        "p": _printed(p, 1), "pw": f"{pw:.1f}", "plow": _printed(p * 0.8, 0), "up": up, "down": down,
        "more": "增加" if d > 0 else "减少", "moreless": "多" if d > 0 else "少", "ry": pm.prev_year,
        "ry2": pm.prev_year - 1, "h": h, "c": c, "r": r, "rl": rl, "rmore": "增加" if r >= rl else "减少",
        "rad": abs(r - rl), "rad2": abs(r - rl) + 2, "pen": pen, "penup": "增长" if pen > penl else "下降",
        "penpw": f"{_wrong_pct(pm.rng, penp):.1f}",
    }  # fmt: skip


def hand_pairs(seed: int = SEED) -> list[PairMaker]:
    """Pairs holding the hand-written sentences, a few to a pair (2021 template, consecutive years)."""
    out: list[PairMaker] = []
    k, i = 0, 0
    while k < len(HAND):
        i += 1
        pm = PairMaker(f"H{i:03d}", random.Random(f"yoy-hand:{seed}:{i}"), "plain")
        fields = _hand_fields(pm)
        if fields is None:
            continue
        for template, agrees, severity, note in HAND[k : k + 3]:
            if "{r" in template and fields["r"] == fields["rl"]:
                agrees, severity = (None, None) if "rad2" not in template else (False, "error")
            pm.add(template.format(**fields), subject=None, this=fields["v"], last=fields["l"], stated=None,
                   agrees=agrees, severity=severity, shape="hand", note=note)  # fmt: skip
            pm.items[-1]["source"] = "hand"
        k += 3
        out.append(pm)
    return out


# --------------------------------------------------------------------------- the shared Pingtan years

#: The figures of the shared Pingtan reports the pingtan-written sentences are about, read off the printed
#: tables by hand (the crawler runs cells together; each split below is the one the identities allow):
#: 2019 新收 230 000023 → 23; 2021 新收 640020470 → 70, （七）总计 630020469 → 69, 表四 10203|1200012|00000 →
#: 复议 3, 诉讼 12 + 0, 行政处罚 1282, 行政许可 2293, 规范性文件 693665 (made 69: run together, no identity);
#: 2022 新收 713000074 → 74, 上年结转 1, 总计 75, 表四 0 1 1 0 2 | 1 0 0 0 1 | 0 0 0 0 0 → 复议 2, 诉讼 1,
#: 行政处罚 2113, 行政许可 10690, 规范性文件 8855698 (88: run together); 2024 新收 21710000218 → 218, 总计
#: 218, 表四 21317|00000|1324019 → 复议 7, 诉讼 0 + 19, 行政处罚 1100, 行政强制 65; 2025 新收 15130000154 →
#: 154, 总计 14710000148 → 148, 表四 25380363|300630003 → 复议 36, 诉讼 6 + 3, 行政处罚 644, 行政强制 64.
PINGTAN_FIGURES = {
    2019: {"received": 23},
    2021: {"received": 70, "handled": 69, "review": 3, "litigation": 12, "penalty": 1282, "licensing": 2293,
           "normative_made": 69},
    2022: {"received": 74, "received_all": 75, "handled": 75, "review": 2, "litigation": 1, "penalty": 2113,
           "licensing": 10690, "normative_made": 88},
    2024: {"received": 218, "handled": 218, "review": 7, "litigation": 19, "penalty": 1100, "coercion": 65},
    2025: {"received": 154, "handled": 148, "review": 36, "litigation": 9, "penalty": 644, "coercion": 64},
}  # fmt: skip

#: (this year's file, last year's file, sentence, subject, stated, agrees, severity, note) — our sentences
PINGTAN_WRITTEN: list[tuple[str, str, str, str, float | None, bool | None, str | None, str]] = [
    ("pingtan_2022.txt", "pingtan_2021.txt", "全年共收到政府信息公开申请74件，较上年增长5.7%。", "received", 5.7, True, None,
     "74 vs 70: +5.71 %"),
    ("pingtan_2022.txt", "pingtan_2021.txt", "全年新收政府信息公开申请74件，比上年增加4件。", "received", 4, True, None, ""),
    ("pingtan_2022.txt", "pingtan_2021.txt", "全年共收到政府信息公开申请74件，同比增长8.6%。", "received", 8.6, False,
     "error", "neither 74/70 (+5.7 %) nor 75/70 (+7.1 %)"),
    ("pingtan_2022.txt", "pingtan_2021.txt", "全年共受理政府信息公开申请74件，比2021年减少4件。", "received", -4, False,
     "error", "the direction turned round"),
    ("pingtan_2022.txt", "pingtan_2021.txt", "办结政府信息公开申请75件，同比增长8.7%。", "handled", 8.7, True, None,
     "75 vs 69: +8.70 %"),
    ("pingtan_2022.txt", "pingtan_2021.txt", "办结政府信息公开申请75件，较上年增加9件。", "handled", 9, False, "error",
     "+6"),
    ("pingtan_2022.txt", "pingtan_2021.txt", "被申请行政复议2件，同比减少1件。", "review", -1, True, None, "2 vs 3"),
    ("pingtan_2022.txt", "pingtan_2021.txt", "被申请行政复议2件，较上年下降50%。", "review", -50, False, "error",
     "−33.3 %"),
    ("pingtan_2022.txt", "pingtan_2021.txt", "被提起行政诉讼1件，较上年减少11件。", "litigation", -11, True, None, "1 vs 12"),
    ("pingtan_2022.txt", "pingtan_2021.txt", "被提起行政诉讼1件，与上年持平。", "litigation", 0, False, "error", "1 vs 12"),
    ("pingtan_2022.txt", "pingtan_2021.txt", "作出行政处罚决定2113件，同比增长64.8%。", "penalty", 64.8, True, None,
     "2113 vs 1282: +64.82 %"),
    ("pingtan_2022.txt", "pingtan_2021.txt", "作出行政处罚决定2113件，同比增长46.8%。", "penalty", 46.8, False, "error",
     "+64.8 %"),
    ("pingtan_2022.txt", "pingtan_2021.txt", "作出行政许可决定10690件，较上年有所增长。", "licensing", 1, True, None,
     "10690 vs 2293"),
    ("pingtan_2022.txt", "pingtan_2021.txt", "制发行政规范性文件88件，较上年增加19件。", "normative_made", 19, True, None,
     "88 vs 69, both run together with their row"),
    ("pingtan_2022.txt", "pingtan_2021.txt", "制发行政规范性文件88件，较上年增加10件。", "normative_made", 10, False,
     "warning", "+19; table 2's cells ran together (8855698, 693665) and table 2 has no identity: not certain"),
    ("pingtan_2025.txt", "pingtan_2024.txt", "全年共收到政府信息公开申请154件，同比下降29.4%。", "received", -29.4, True,
     None, "154 vs 218: −29.36 %"),
    ("pingtan_2025.txt", "pingtan_2024.txt", "全年共收到政府信息公开申请154件，同比下降29.3%。", "received", -29.3, True,
     None, "−29.36 % cut off to 29.3"),
    ("pingtan_2025.txt", "pingtan_2024.txt", "全年共收到政府信息公开申请154件，较上年增长29.4%。", "received", 29.4, False,
     "error", "the direction turned round"),
    ("pingtan_2025.txt", "pingtan_2024.txt", "政府信息公开申请数量较上年减少54件。", "received", -54, False, "error", "−64"),
    ("pingtan_2025.txt", "pingtan_2024.txt", "全年办结政府信息公开申请148件，同比下降32.1%。", "handled", -32.1, True, None,
     "148 vs 218: −32.11 %"),
    ("pingtan_2025.txt", "pingtan_2024.txt", "全年办结政府信息公开申请148件，与2024年基本持平。", "handled", 0, False,
     "warning", "−32 %: 基本持平 is approximate, a warning at most"),
    ("pingtan_2025.txt", "pingtan_2024.txt", "行政复议案件36件，较上年增加29件。", "review", 29, True, None, "36 vs 7"),
    ("pingtan_2025.txt", "pingtan_2024.txt", "被申请行政复议36件，同比增长约400%。", "review", 400, True, None,
     "+414 %: about 400"),
    ("pingtan_2025.txt", "pingtan_2024.txt", "被申请行政复议36件，同比增长41.4%。", "review", 41.4, False, "error",
     "+414.3 %"),
    ("pingtan_2025.txt", "pingtan_2024.txt", "被提起行政诉讼9件，同比下降52.6%。", "litigation", -52.6, True, None,
     "9 vs 19: −52.63 %"),
    ("pingtan_2025.txt", "pingtan_2024.txt", "被提起行政诉讼9件，较上年减少8件。", "litigation", -8, False, "error", "−10"),
    ("pingtan_2025.txt", "pingtan_2024.txt", "作出行政处罚决定644件，同比下降41.5%。", "penalty", -41.5, True, None,
     "644 vs 1100: −41.45 %"),
    ("pingtan_2025.txt", "pingtan_2024.txt", "作出行政强制决定64件，与上年基本持平。", "coercion", 0, True, None, "64 vs 65"),
    ("pingtan_2025.txt", "pingtan_2024.txt", "作出行政强制决定64件，与上年持平。", "coercion", 0, False, "error",
     "64 vs 65: 持平 says no change"),
    ("pingtan_2021.txt", "pingtan_2019.txt", "全年共收到政府信息公开申请70件，较上年增长204.3%。", "received", 204.3, None,
     None, "上年 is 2020: no report of it (the corpus has 2019 and 2021)"),
    ("pingtan_2021.txt", "pingtan_2019.txt", "全年共收到政府信息公开申请70件，比2019年增长204.3%。", "received", 204.3,
     True, None, "70 vs 23: +204.35 %"),
    ("pingtan_2021.txt", "pingtan_2019.txt", "全年共收到政府信息公开申请70件，比2019年增加40件。", "received", 40, False,
     "error", "+47"),
    ("pingtan_2024.txt", "pingtan_2022.txt", "全年共收到政府信息公开申请218件，较上年增长194.6%。", "received", 194.6, None,
     None, "上年 is 2023: no report of it (218 vs 2022's 74 would be +194.6 %)"),
]  # fmt: skip

#: the files whose sentences with words of change (but no comparison) are the pingtan negatives
PINGTAN_FILES = ("pingtan_2014.txt", "pingtan_2015.txt", "pingtan_2016.txt", "pingtan_2017.txt", "pingtan_2018.txt",
                 "pingtan_2019.txt", "pingtan_2021.txt", "pingtan_2022.txt", "pingtan_2024.txt", "pingtan_2025.txt")  # fmt: skip
CHANGE_WORDS = ("增长", "增加", "下降", "减少", "提高", "降低", "上升", "回落", "提升", "减轻")


def insertion_offset(text: str) -> int:
    """Where the pingtan-written sentences go: right after the first 一、总体情况 of the report."""
    at = text.find("一、总体情况")
    return -1 if at < 0 else at + len("一、总体情况")


def pingtan_items() -> list[dict[str, Any]]:
    import govtext

    items = []
    for k, (cur, prev, sentence, subject, stated, agrees, severity, note) in enumerate(PINGTAN_WRITTEN, 1):
        text = (CORPUS / cur).read_text(encoding="utf-8")
        items.append({
            "id": f"P{k:03d}", "source": "pingtan-written", "file": cur, "previous": prev,
            "sha256": hashlib.sha256((CORPUS / cur).read_bytes()).hexdigest(),
            "offset": insertion_offset(text), "sentence": sentence, "subject": subject, "stated": stated,
            "agrees": agrees, "severity": severity, "note": note,
        })  # fmt: skip
    for name in PINGTAN_FILES:
        doc = govtext.analyze(CORPUS / name)
        for s in doc.sentences:
            if s.section and any(w in s.text for w in CHANGE_WORDS) and len(s.text) < 400:
                items.append({
                    "id": f"N-{name[8:12]}-{s.span.start}", "source": "pingtan", "file": name,
                    "offset": s.span.start, "sha1": hashlib.sha1(s.text.encode("utf-8")).hexdigest(),
                    "agrees": None, "severity": None, "note": "words of change, no comparison with another year",
                })  # fmt: skip
    return items


def build() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The gold items, and the written pairs' specifications."""
    items: list[dict[str, Any]] = []
    pairs = written_pairs() + hand_pairs()
    for pm in pairs:
        items += pm.items
    if CORPUS.is_dir():
        items += pingtan_items()
    for it in items:
        it["split"] = split_of(it["id"])
    return items, [pm.spec() for pm in pairs]


def main() -> int:
    items, pairs = build()
    OUT.write_text("".join(json.dumps(it, ensure_ascii=False) + "\n" for it in items), encoding="utf-8")
    PAIRS.write_text(
        "".join(json.dumps(p, ensure_ascii=False, separators=(",", ":")) + "\n" for p in pairs), encoding="utf-8"
    )
    by = {}
    for it in items:
        by.setdefault((it["source"], it["severity"]), 0)
        by[(it["source"], it["severity"])] += 1
    print(f"{len(items)} items -> {OUT.relative_to(ROOT)}: {sorted(by.items(), key=str)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
