"""Year-over-year statements of the prose: 较上年增长12.5%, 同比下降3件, 比2022年增加20条, 与上年持平.

:func:`read_sentence` reads every such statement of one sentence into a
:class:`Change`: its direction (增长/增加/上升/提高 +1, 下降/减少/降低/回落 −1,
持平 0), its magnitude (a count with its unit, a percentage with its printed
precision, 个百分点; none where only the direction is stated: 有所增长), the
year it is compared with (上年, 去年, 同比, 上一年 → the report's year − 1;
较2022年 → 2022), and its subject: the figure of this year the change is
attached to (收到申请151件，同比增长12.5% → 151 applications received), named
by one of :data:`SUBJECTS` (a table cell) where its words name exactly one, else
by the words the claims stage reads as its subject (a figure of the prose).

``certain`` is true only where the subject and every number are unambiguous: no
qualifier (约, 近, 余, 基本持平), no 倍, no 分别 (several figures, several changes),
one figure to attach to, a unit that fits the subject.  ``why`` says what made it
uncertain.  A statement that is uncertain may at most be a warning (GT504).

:func:`read_record` reads a report record (the JSON of ``docs/interface.md``),
:func:`subject_readings` the table cells each subject may be read as (with how
certainly they were read, from ``table_detail`` where the record has it), and
:func:`prose_values` the figures of the prose by subject — what last year's
report says, for the rule GT504.  All of it works on records, so that batch
(which keeps records) and ``govtext lint --previous`` (which has documents and
makes records of them) read the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, replace
from typing import Any

from .claims import Mention, read_mentions
from .claims import _subject as claim_subject

# -- the words of a comparison with another year ---------------------------------------------

_YEAR = r"(?:19|20)\d{2}"
#: the year compared with: 同比, 较上年, 比去年, 与上一年度相比, 较2022年 … (not 环比, a month's change)
_REF = re.compile(
    r"同比"
    r"|(?:较|比|与)(?:上一?年度?|去年|前一年|上年度?)同期(?:相比)?"
    r"|与(?:上一?年度?|去年|前一年)(?:相比|比较)"
    rf"|与(?P<y1>{_YEAR})年度?(?:同期)?(?:相比|比较)"
    rf"|[与和同](?:上一?年度?|去年|前一年|(?P<y3>{_YEAR})年度?)(?=(?:基本|大致|大体|总体|整体)?(?:保持)?持平)"
    r"|(?:较|比)(?:上一?年度?|去年|前一年)"
    rf"|(?:较|比)(?P<y2>{_YEAR})年度?(?:同期)?"
)
_UP_WORDS = "增长|增加|上升|提高|提升|增多|攀升|增幅|涨幅|增"
_DOWN_WORDS = "下降|减少|降低|回落|下滑|降幅|减幅|降|减"
_MORE_LESS = "多|少"
#: what may stand between the year and the direction: last year's figure (较上年的48件), adverbs (有所, 略有)
_LAST = re.compile(r"(?:的|[（(])?\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>%|件|条|个|项|次|份|宗|起|人次)?\s*[）)]?")
_ADVERBS = re.compile(r"^(?:同比|均|都|也|又|再|还|进一步|整体|总体|共|合计|累计)*")
_SOFT = re.compile(r"有所|略有|稍有|小幅|大幅|明显|显著|较大幅度|大幅度|持续|稳步")
_DIRECTION = re.compile(rf"(?P<dir>{_UP_WORDS}|{_DOWN_WORDS})(?:了)?(?:幅度|幅)?(?:为|达到|达|至)?")
_FLAT = re.compile(r"(?P<soft>基本|大致|大体|总体|整体)?(?:保持)?持平")
#: qualifiers of a magnitude written before it
_PRE_QUAL = re.compile(r"(?:约为|约|近|将近|超过|逾|不到|不足|大约|接近|达到|达|为)$")
_LOOSE = frozenset(
    {"约", "近", "将近", "超过", "逾", "不到", "不足", "大约", "接近", "余", "多", "左右", "以上", "以下"}
)
#: where a clause ends
_CLAUSE = re.compile(r"[，,；;。：:！？!?]")
#: count units a change of a table cell may be stated in
COUNT_UNITS = frozenset({"件", "个", "宗", "起", "份", "项", "条", "次", "例", "单", "件次"})
#: words of a scope other than the reporting body (all levels, a system, one office or unit acting for it)
_SCOPE = re.compile(r"各级|系统|本级|代表|所属|下属|各部门|各单位|各乡镇|各街道|各区|各县|全[省市区县][^，。；]{0,6}各")
#: a clause that goes on with the figure after a change stated first (申请量同比增长12.5%，达到151件)
_THEN_VALUE = re.compile(r"^(?:达到|达|共计|共|合计|总计|为|计|全年)?$")


@dataclass(frozen=True)
class Change:
    """A year-over-year statement of one sentence (offsets index the sentence's text).

    ``direction`` +1, −1 or 0 (持平); ``magnitude`` with ``unit`` (``%``, ``个百分点``,
    a count unit) and ``decimals`` (the printed precision), ``None`` where only the
    direction is stated; ``ref_year`` the year compared with; ``subject`` a key of
    :data:`SUBJECTS` or ``None``; ``words`` the words naming it; ``prose_subject``
    the claims stage's subject of the figure (for a figure of the prose);
    ``value`` this year's figure where the sentence states it (``value_unit``);
    ``last_stated`` last year's figure where the sentence states it too (较上年的48件).
    """

    start: int
    end: int
    text: str
    direction: int
    magnitude: float | None
    unit: str | None
    decimals: int
    qualifier: str | None
    ref_year: int | None
    ref_text: str
    subject: str | None
    words: str
    prose_subject: str | None
    value: float | None
    value_unit: str | None
    last_stated: float | None
    certain: bool
    why: str | None = None
    claim_text: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# -- subjects: the table cells a change may be about ------------------------------------------


@dataclass(frozen=True)
class Subject:
    """What a year-over-year statement may be about: its words, and the table cells it may be read as.

    ``readings`` lists the ways of reading the subject off the tables, each a tuple of
    cells added up (``("t3", "new_received", "total")``); a column given as a mapping
    is chosen by the report's template.  Several readings (收到申请: the new ones, or the
    new and the carried-over ones) are all tried: a change agreeing with any of them is
    no error.
    """

    key: str
    en: str
    zh: str
    test: Callable[[str, str], bool]
    readings: tuple[tuple[tuple[str, str, str | dict[str, str]], ...], ...]


_NOT_GOV_APPLICATION = re.compile(
    r"复议|诉讼|信访|投诉|举报|咨询|建议|提案|留言|热线|依职权|许可|审批|补正|材料|登记|备案|救助|补贴|听证|鉴定|来电|来信"
)
_APPLICANT = re.compile(r"自然人|公民|个人|商业企业|企业|科研机构|社会公益组织|法律服务机构|其他组织|法人")
_T4_OUTCOME = re.compile(r"维持|纠正|纠错|其他结果|尚未审结|审理中|未审结|未结|撤诉|败诉|胜诉")
_NOT_MADE = re.compile(r"废止|现行有效|有效|清理|备案|审查|累计|解读|宣传|公开总|新公开|征求")


def _received(words: str, upto: str) -> bool:
    if _APPLICANT.search(words) or _NOT_GOV_APPLICATION.search(words):
        return False
    if re.search(r"结转|办结|答复|办理|处理|公开(?!申请)|提供", words.replace("政府信息公开", "")):
        return False
    return bool(
        (re.search(r"收到|受理|新收|接收|接到|提出", words) and "申请" in words)
        or re.search(r"申请(?:量|数量|件数|总量|数|总数)$", words)
    )


def _handled(words: str, upto: str) -> bool:
    if _NOT_GOV_APPLICATION.search(words) or _APPLICANT.search(words):
        return False
    if re.search(r"率|按时|超期|逾期|延期|延长|结转|顺延|未|尚|仍|期限|期内|书面|电话|网上|当面", words):
        return False
    bare = words.replace("政府信息公开", "")
    if re.search(r"予以公开|部分公开|不予公开|无法提供|不予处理|其他处理|收到|受理", bare):
        return False
    return bool(re.search(r"办结|答复|办理完毕", words)) and ("申请" in words or "申请" in upto)


def _carried_forward(words: str, upto: str) -> bool:
    return bool(re.search(r"结转(?:至|到)?下一?年度?", words)) and not re.search(r"上一?年度?结转", words)


def _review(words: str, upto: str) -> bool:
    return "行政复议" in words and not re.search(r"诉讼|起诉", words) and not _T4_OUTCOME.search(words)


def _litigation(words: str, upto: str) -> bool:
    return (
        bool(re.search(r"行政诉讼|被起诉|被提起诉讼|诉讼案件|应诉", words))
        and "复议" not in words
        and not _T4_OUTCOME.search(words)
    )


def _made(what: str) -> Callable[[str, str], bool]:
    def test(words: str, upto: str) -> bool:
        if what == "规章" and "规范性文件" in words:
            return False
        return (
            what in words and bool(re.search(r"制发|印发|出台|制定|新制作|发布", words)) and not _NOT_MADE.search(words)
        )

    return test


def _decisions(what: str) -> Callable[[str, str], bool]:
    def test(words: str, upto: str) -> bool:
        return what in words and "决定" in words and not re.search(r"申请|案件|复议|诉讼|撤销|公示|公开", words)

    return test


def _granted(words: str, upto: str) -> bool:
    return (
        bool(re.search(r"(?<!不)(?:予以|同意)公开", words))
        and not re.search(r"部分|不予|主动", words)
        and "申请" in upto
    )


SUBJECTS: tuple[Subject, ...] = (
    Subject("carried_forward", "applications carried over to next year", "结转下年度申请", _carried_forward,
            ((("t3", "carried_forward", "total"),),)),
    Subject("received", "applications received", "收到申请", _received,
            ((("t3", "new_received", "total"),), (("t3", "new_received", "total"), ("t3", "carried_over", "total")))),
    Subject("handled", "applications handled", "办结申请", _handled, ((("t3", "total", "total"),),)),
    Subject("granted", "applications granted", "予以公开的申请", _granted, ((("t3", "granted", "total"),),)),
    Subject("review", "administrative reviews", "行政复议", _review, ((("t4", "review", "total"),),)),
    Subject("litigation", "administrative lawsuits", "行政诉讼", _litigation,
            ((("t4", "litigation_direct", "total"), ("t4", "litigation_after_review", "total")),
             (("t4", "litigation_direct", "total"),))),
    Subject("normative_made", "normative documents made", "制发行政规范性文件", _made("规范性文件"),
            ((("t2", "normative_docs", {"2021": "made", "2019": "new_made"}),),)),
    Subject("regulations_made", "regulations made", "制发规章", _made("规章"),
            ((("t2", "regulations", {"2021": "made", "2019": "new_made"}),),)),
    Subject("penalty", "penalty decisions", "行政处罚决定", _decisions("行政处罚"),
            ((("t2", "penalty", "decisions"),),)),
    Subject("licensing", "licensing decisions", "行政许可决定", _decisions("行政许可"),
            ((("t2", "licensing", "decisions"),),)),
    Subject("coercion", "coercion decisions", "行政强制决定", _decisions("行政强制"),
            ((("t2", "coercion", "decisions"),),)),
)  # fmt: skip
SUBJECT_BY_KEY = {s.key: s for s in SUBJECTS}


def subject_of(words: str, upto: str = "") -> str | None:
    """The key of the one subject whose words ``words`` name (``upto``: the sentence so far), else ``None``."""
    hits = [s.key for s in SUBJECTS if s.test(words, upto)]
    return hits[0] if len(hits) == 1 else None


# -- reading one sentence ------------------------------------------------------------------------


def _decimals(text: str) -> int:
    m = re.search(r"\d+\.(\d+)", text)
    return len(m.group(1)) if m else 0


_CLAUSE_CHARS = "，,；;。：:！？!?"
#: a sentence longer than this, or with more comparisons, is no prose stating a change (a flattened table, junk)
MAX_CHARS = 2000
MAX_REFS = 20


def _clause_start(text: str, pos: int) -> int:
    return max(text.rfind(ch, 0, pos) for ch in _CLAUSE_CHARS) + 1


def _clause_end(text: str, pos: int) -> int:
    m = _CLAUSE.search(text, pos)
    return m.start() if m else len(text)


def _direction(word: str) -> int:
    if word in ("多",):
        return 1
    if word in ("少",):
        return -1
    return 1 if re.match(_UP_WORDS, word) else -1


def read_sentence(text: str, year: int | None, mentions: list[Mention] | None = None) -> list[Change]:
    """The year-over-year statements of one sentence of a report for ``year`` (see :class:`Change`)."""
    if len(text) > MAX_CHARS or not _REF.search(text):
        return []
    if mentions is None:
        mentions = read_mentions(text)
    claims = [m for m in mentions if m.claim]
    out: list[Change] = []
    done = 0
    for k, ref in enumerate(_REF.finditer(text)):
        if k >= MAX_REFS:
            break
        if ref.start() < done:
            continue  # 较上年的48件同比增长25%: 同比 is part of the change read already
        change = _read_one(text, ref, year, claims, done)
        if change is None:
            continue
        out.append(change)
        done = change.end
        # the same change stated a second way: 同比增加12件，增幅25%
        chained = _CHAIN.match(text, done)
        mag = next((c for c in claims if chained and c.start == chained.end()), None)
        if chained and mag is not None and mag.value is not None and mag.unit in ("%", *COUNT_UNITS):
            out.append(
                replace(
                    change,
                    start=chained.start() + 1,
                    end=mag.end,
                    text=text[chained.start() + 1 : mag.end],
                    direction=_direction(chained.group("dir")),
                    magnitude=mag.value,
                    unit=mag.unit,
                    decimals=_decimals(mag.text),
                    qualifier=mag.qualifier,
                    certain=change.certain and not mag.qualifier,
                    why=change.why or ("qualified" if mag.qualifier else None),
                    claim_text=mag.text,
                )
            )
            done = mag.end
    return out


#: a second statement of a change right after one: ，增幅25%, ，增加12件
_CHAIN = re.compile(rf"[，,](?P<dir>{_UP_WORDS}|{_DOWN_WORDS})(?:了)?(?:幅度|幅)?(?:为|达到|达)?(?=\d)")


def _read_one(text: str, ref: re.Match[str], year: int | None, claims: list[Mention], floor: int = 0) -> Change | None:
    named = ref.group("y1") or ref.group("y2") or ref.group("y3")
    ref_year: int | None
    if named:
        ref_year = int(named)
        if year is not None and int(named) >= year:
            return None  # 较2024年 in the 2024 report: not a comparison with an earlier report
    else:
        ref_year = None if year is None else year - 1
    pos = ref.end()
    why: list[str] = []
    # last year's figure between the year and the change: 较上年的48件同比增长25%, 比上年（48件）增加12件
    last_stated = None
    m = _LAST.match(text, pos)
    if m and m.group("num") and (m.group(0).startswith(("的", "（", "(")) or m.group("unit")):
        last_stated = float(m.group("num"))
        pos = m.end()
    rest = text[pos : _clause_end(text, pos)]
    rest_start = pos
    adverbs = _ADVERBS.match(rest)
    skip = adverbs.end() if adverbs else 0
    soft = _SOFT.match(rest, skip)
    if soft:
        skip = soft.end()
    # words between the year and the change name the subject (同比政府信息公开申请增长12.5%)
    mid = ""
    flat = _FLAT.search(rest, skip)
    dm = _DIRECTION.search(rest, skip)
    direct_ml = re.match(rf"(?P<dir>{_MORE_LESS})(?:了)?(?=\s*[\d一二两三四五六七八九十])", rest[skip:])
    if flat and (dm is None or flat.start() < dm.start()) and flat.start() - skip <= 4:
        direction, cue_end = 0, rest_start + flat.end()
        mid = rest[skip : flat.start()]
        if flat.group("soft"):
            why.append("qualified")
        qualifier = flat.group("soft")
        magnitude, unit, decimals, claim_text = None, None, 0, None
    else:
        if direct_ml:
            word, d_end = direct_ml.group("dir"), skip + direct_ml.end()
        elif dm is not None and dm.start() - skip <= 12 and not re.search(r"\d", rest[skip : dm.start()]):
            word, d_end = dm.group("dir"), dm.end()
            mid = rest[skip : dm.start()]
            if _SOFT.search(mid):
                mid = _SOFT.sub("", mid)
        else:
            return None
        direction = _direction(word)
        # the magnitude: a claim starting right after the direction word (a qualifier may stand between)
        after = rest_start + d_end
        mag = next((c for c in claims if after <= c.start <= after + 3), None)
        gap = text[after : mag.start] if mag is not None else ""
        if mag is not None and (re.search(r"[，,；;。]", gap) or (gap and not _PRE_QUAL.search(gap))):
            mag = None
        qualifier = None
        if mag is None:
            if word in ("多", "少", "增", "降", "减"):
                return None  # 多/少/增/降 mean a change only with a number after them
            magnitude, unit, decimals, claim_text = None, None, 0, None
            cue_end = after
        else:
            magnitude, unit, decimals, claim_text = mag.value, mag.unit, _decimals(mag.text), mag.text
            q = mag.qualifier or (re.sub(r"^(?:达到|达|为)", "", gap) or None)
            qualifier = q if q in _LOOSE or q in ("约为",) else None
            if qualifier:
                why.append("qualified")
            cue_end = mag.end
            if unit in ("%", "‰"):
                unit = "%"
                if "‰" in mag.text:
                    magnitude = magnitude / 10 if magnitude is not None else None
            if unit not in ("%", "个百分点") and unit not in COUNT_UNITS:
                return None  # 增长1.2倍 (1.2 or 2.2 times?), amounts of money: not read
    # this year's figure and the subject's words
    start = _clause_start(text, ref.start())
    before = text[start : ref.start()]
    value_m: Mention | None = None
    words = ""
    in_clause = [c for c in claims if start <= c.start and c.end <= ref.start()]
    if in_clause:
        value_m = in_clause[-1]
        if len(in_clause) > 1 or len(text[value_m.end : ref.start()].strip(" 的，")) > 2:
            return None  # 收到151件、办结148件同比增长…; 151件的申请人数同比…: which figure changed is unsure
        words = text[_clause_start(text, value_m.start) : value_m.start]
    elif before.strip(" 　") and re.search(r"[\u4e00-\u9fff]{2}", before + mid):
        words = before + mid
        # the figure may follow: 申请量同比增长12.5%，达到151件
        nxt = cue_end if text[cue_end : cue_end + 1] in "，," else None
        if nxt is not None:
            k = nxt + 1
            end = _clause_end(text, k)
            follow = [c for c in claims if k <= c.start and c.end <= end]
            if len(follow) == 1 and _THEN_VALUE.match(text[k : follow[0].start]) and follow[0].end == end:
                value_m = follow[0]
    else:
        # the change opens its clause: the figure ends the clause before (收到申请151件，同比增长12.5%)
        prev_end = start - 1
        if prev_end < 0 or text[prev_end] not in "，,":
            return None
        prev_start = _clause_start(text, prev_end)
        prev = [c for c in claims if prev_start <= c.start and c.end <= prev_end]
        if not prev:
            return None
        value_m = prev[-1]
        tail = text[value_m.end : prev_end]
        if tail.strip(" 的"):
            return None  # the clause goes on after its figure: the change may be about something else
        words = text[prev_start : value_m.start]
        if len(prev) > 1 or re.match(r"\s*其中", words):
            return None  # several figures, or a part (其中…120件，同比增长…: the part's change, or the total's?)
        if any(floor <= c.start < prev_start and c.kind == "count" for c in claims):
            return None  # 新收74件，上年结转1件，同比增长…: the change may be the first figure's as well
    if value_m is not None:
        if value_m.qualifier:
            why.append("qualified figure")
        if value_m.confidence < 1:
            why.append("figure read with low confidence")
        if value_m.kind not in ("count", "rate", "amount") or value_m.value is None:
            value_m = None
    if re.search(r"分别|各自|依次", text[max(0, start - 2) : cue_end + 2]) or re.search(r"分别", words):
        return None  # several figures, several changes: which goes with which is not read
    upto = text[: ref.start()]
    words = words.strip(" 　，,")
    if _SCOPE.search(words) or _SCOPE.search(text[max(0, start - 16) : start]):
        why.append("scope")  # 全区各级行政机关, 本级, 代表区政府: not (only) the body the tables count
    elif value_m is None and re.search(r"全[省市区县镇乡]", words):
        why.append("scope")  # 全区申请量…: the whole district, or the body? no figure says which
    subject = subject_of(words, upto) if words else None
    if subject is None and value_m is None:
        return None  # no figure and no cell: nothing to compare
    if subject is not None and (
        (unit is not None and unit not in COUNT_UNITS and unit != "%")
        or (value_m is not None and value_m.unit not in COUNT_UNITS)
    ):
        return None  # 个百分点 of a count, a count stated as a rate: the words and the numbers do not fit
    prose_subject = value_m.subject if value_m is not None else claim_subject(words + "1", len(words))
    return Change(
        start=ref.start(),
        end=cue_end,
        text=text[ref.start() : cue_end],
        direction=direction,
        magnitude=magnitude,
        unit=unit,
        decimals=decimals,
        qualifier=qualifier,
        ref_year=ref_year,
        ref_text=ref.group(0),
        subject=subject,
        words=words,
        prose_subject=prose_subject,
        value=None if value_m is None else value_m.value,
        value_unit=None if value_m is None else value_m.unit,
        last_stated=last_stated,
        certain=not why,
        why=", ".join(dict.fromkeys(why)) or None,
        claim_text=claim_text,
    )


# -- reading a report record ---------------------------------------------------------------------


def _prose_sentences(record: dict[str, Any]) -> Iterable[tuple[int, dict[str, Any]]]:
    """The sentences after the title and preamble (a flattened table's numbers are no claims: see read_mentions)."""
    for i, s in enumerate(record.get("sentences") or []):
        if s.get("section") != 0:
            yield i, s


def read_record(record: dict[str, Any]) -> list[dict[str, Any]]:
    """The year-over-year statements of a report record, each with its sentence index, text and span.

    The span is the change's own claim where the claims stage read it (同比增长12.5%),
    else the sentence's.
    """
    year = (record.get("meta") or {}).get("year")
    claims_by_sentence: dict[int, list[dict[str, Any]]] = {}
    for c in record.get("claims") or []:
        if c.get("sentence") is not None:
            claims_by_sentence.setdefault(c["sentence"], []).append(c)
    out = []
    for i, s in _prose_sentences(record):
        text = s.get("text") or ""
        for ch in read_sentence(text, year):
            span = s.get("span")
            if ch.claim_text:
                own = next((c for c in claims_by_sentence.get(i, []) if c.get("text") == ch.claim_text), None)
                if own is not None and own.get("span"):
                    span = own["span"]
            out.append({**ch.to_dict(), "sentence": i, "sentence_text": text, "span": span})
    return out


def _cells_how(record: dict[str, Any]) -> dict[tuple[str, str, str], str] | None:
    detail = record.get("table_detail")
    if not isinstance(detail, dict):
        return None
    out: dict[tuple[str, str, str], str] = {}
    for name, t in detail.items():
        for c in (t or {}).get("cells") or []:
            out[(name, c.get("row"), c.get("col"))] = c.get("how")
    return out


def _template(record: dict[str, Any], table: dict[str, Any]) -> str | None:
    t2 = table
    for row in ("normative_docs", "regulations"):
        cols = t2.get(row) or {}
        if "made" in cols:
            return "2021"
        if "new_made" in cols:
            return "2019"
    return (record.get("meta") or {}).get("template")


def subject_readings(record: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """For each subject the report's tables print, its readings: ``value``, ``certain`` and ``cells``.

    ``certain`` is true where every cell was read with certainty (``read``, ``blank``,
    ``split``; the record's ``table_detail`` says), false where one was not, and
    ``None`` where the record does not say (a batch record without ``table_detail``).
    A cell printed blank counts 0 only where ``table_detail`` says it was blank; a
    cell without a value is no reading.
    """
    from .tables.schema import CERTAIN

    tables = record.get("tables") or {}
    how = _cells_how(record)
    out: dict[str, list[dict[str, Any]]] = {}
    for subject in SUBJECTS:
        readings = []
        for spec in subject.readings:
            total, certain, cells = 0.0, True, []
            ok = True
            for name, row, col in spec:
                t = tables.get(name) or {}
                if isinstance(col, dict):
                    chosen = col.get(_template(record, tables.get("t2") or {}) or "")
                    if chosen is None:
                        ok = False
                        break
                    col = chosen
                value = (t.get(row) or {}).get(col)
                cell_how = None if how is None else how.get((name, row, col))
                if value is None and cell_how == "blank":
                    value = 0
                if value is None or not float(value).is_integer() or value < 0:
                    ok = False
                    break
                total += value
                cells.append([name, row, col])
                if how is None:
                    certain = None if certain is not False else False  # type: ignore[assignment]
                elif cell_how not in CERTAIN:
                    certain = False
            if ok:
                readings.append({"value": total, "certain": certain, "cells": cells})
        if readings:
            out[subject.key] = readings
    return out


def prose_values(record: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The figures the prose states, by subject: a key of :data:`SUBJECTS`, or ``"prose:" + subject words + unit``.

    Only counts and rates read with certainty and without a qualifier; a subject
    stated twice with different figures is dropped (which one is meant is unknown).
    """
    sentences = record.get("sentences") or []
    found: dict[str, set[float]] = {}
    where: dict[str, dict[str, Any]] = {}
    skip = {i for i, s in enumerate(sentences) if s.get("section") == 0}
    for c in record.get("claims") or []:
        i = c.get("sentence")
        if i is None or i in skip or i >= len(sentences) or c.get("confidence", 1) < 1 or c.get("qualifier"):
            continue
        if c.get("kind") not in ("count", "rate") or c.get("value") is None:
            continue
        text = sentences[i].get("text") or ""
        if len(text) > MAX_CHARS:
            continue
        at = text.find(c.get("text") or "\0")
        if at < 0:
            continue
        words = text[_clause_start(text, at) : at].strip()
        keys = []
        subject = subject_of(words, text[:at]) if c.get("kind") == "count" else None
        if subject is not None:
            keys.append(subject)
        if c.get("subject"):
            keys.append(f"prose:{c['subject']}|{c.get('unit')}")
        for k in keys:
            found.setdefault(k, set()).add(float(c["value"]))
            where.setdefault(k, {"value": c["value"], "text": c.get("text"), "span": c.get("span")})
    return {k: where[k] for k, v in found.items() if len(v) == 1}


def prose_key(change: dict[str, Any]) -> str | None:
    """The key of :func:`prose_values` a change's figure has (its subject words and unit)."""
    if not change.get("prose_subject"):
        return None
    return f"prose:{change['prose_subject']}|{change.get('value_unit')}"


__all__ = [
    "SUBJECTS",
    "SUBJECT_BY_KEY",
    "Change",
    "Subject",
    "prose_key",
    "prose_values",
    "read_record",
    "read_sentence",
    "subject_of",
    "subject_readings",
]
