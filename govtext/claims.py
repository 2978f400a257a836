"""Numeric claims in the prose: value, unit, qualifier, kind, subject, and total/part links.

For every sentence of prose (table rows are the tables stage's), :func:`extract`
finds each number — Arabic (``3,119``, ``12.5%``, ``1.2万余条``), Chinese
(``二十三件``, ``一百五十一条``, ``两次``, ``三千余``; read with cn2an) — and each
zero statement (``没有收到…申请``, ``无收取任何信息处理费``), and decides:

* **not a claim**: years (2023年, 二〇二三年), dates and times, document numbers
  (〔2021〕30号, 国令第711号), article and item numbers (第二十条第（六）项),
  list ordinals (一是, （一）, 1.), phone numbers, postcodes, addresses (1号,
  14层), URLs and e-mail addresses, names (12345热线, 十四五, 二十大) — by rules on
  the number's form and its context;
* **a claim**: a count, an amount, a rate or a change, with its ``unit``
  (条 件 宗 次 个 … 万元 元 %), ``qualifier`` (余 多 近 约 超过 以上 不到 左右),
  ``kind`` and ``subject`` (the words naming what is counted).

Then :func:`link` marks totals and their parts (``共151条，其中A2条、B3条…``;
包括, 分别为, 含) and rates with the numerator and denominator stated beside
them, so the checks can test the arithmetic.  A number that cannot be a real
count (run-together digits such as ``1397534件`` after a table cell, a value over
10^12) is kept with ``confidence`` below 1 rather than dropped.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .limits import tick

if TYPE_CHECKING:
    from .model import Claim, Document

# -- vocabulary -------------------------------------------------------------------------

#: units of counts, longest first (人次 before 人, 个百分点 before 个)
COUNT_UNITS = (
    "个百分点", "人次", "件次", "条次", "篇次", "项次", "家次", "批次", "万人次", "余人次",
    "条", "件", "宗", "次", "个", "篇", "期", "场", "人", "家", "项", "份", "册", "部", "台", "套", "类",
    "户", "所", "名", "位", "起", "笔", "张", "幅", "栏", "块", "处", "批", "轮", "支", "本", "集", "档",
    "组", "单", "例", "倍", "吨", "公里", "平方米", "亩",
)  # fmt: skip
MONEY_UNITS = ("万亿元", "亿元", "万元", "千元", "元")
_COUNT_UNIT_RX = "|".join(sorted((re.escape(u) for u in COUNT_UNITS), key=len, reverse=True))
_MONEY_UNIT_RX = "|".join(re.escape(u) for u in MONEY_UNITS)

_CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"
_NUMBER = re.compile(
    rf"(?P<num>\d+(?:,\d{{3}})*(?:\.\d+)?|[{_CN_DIGITS}]+(?:点[{_CN_DIGITS}]+)?)"
    rf"(?P<mult>万亿(?!元)|[万千亿](?![亿元]))?"
    r"(?P<post>余|多|几)?"
    rf"(?:\s?(?P<unit>%|‰|{_MONEY_UNIT_RX}|{_COUNT_UNIT_RX}))?"
    r"(?P<post2>余|多|左右|以上|以下)?"
)
_ZERO = re.compile(
    r"(?P<neg>没有|不存在|未曾|未|无|零)(?=(?:收到|收取|发生|受理|产生|出现|接到|发出|因|涉及|政府信息公开|任何|依申请|申请|"
    r"行政复议|行政诉讼|信息处理费|收费|不予公开|被|公开任何|投诉|败诉|差错|事故|泄密|向[^，。；]{0,8}收取))"
)
_PRE_QUALIFIER = re.compile(r"(近|约|超过|超|突破|逾|大约|将近|不到|不足|高达|多达|达到|共计|累计|合计|总计|共|计|达)$")
_QUALIFIERS = {"近", "约", "超过", "逾", "大约", "将近", "不到", "不足", "余", "多", "左右", "以上", "以下"}
#: qualifiers written another way
_QUALIFIER_ALIASES = {"超": "超过", "突破": "超过", "将近": "近", "大约": "约", "不足": "不到"}

_YEAR_AFTER = re.compile(r"\s*年(?!来|内|均|底)")
_DATE_AFTER = re.compile(r"\s*(?:月\s*\d{0,2}\s*[日号]?|月份|日)")
#: spans that are one non-claim each, whatever digits they hold.  A pattern that opens with a run
#: (``\d[\d,.]*``, ``[A-Za-z0-9…]+``) starts only where such a run starts (``(?<!…)``): the same matches,
#: but a run of n characters is tried once, not n times (n² steps on 2 000 000 digits)
#: the lookahead lets the scan skip, at one class test, every character none of the alternatives can
#: start with (most of a Chinese sentence): a fifth of the time of trying each alternative there
_OPAQUE = re.compile(
    r"(?=[0-9A-Za-z._%+〔\[（(令-])(?:"
    r"(?P<url>(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+|(?:https?://|www\.)[^\s，。；）)]+"
    r"|(?<![A-Za-z0-9-])[A-Za-z0-9-]+\.(?:gov|com|org|net)(?:\.cn)?[^\s，。；）)]*)"
    r"|(?P<phone>(?<!\d)(?:\d{3,4}-)?\d{7,8}(?:-\d{1,5})?(?!\d)|(?<!\d)1[3-9]\d{9}(?!\d))"
    r"|(?P<date>\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2})?|\d{1,2}:\d{2})"
    r"|(?P<doc_number>[〔\[（(]\d{4}[〕\]）)]\s*\d+\s*号|令第\s*\d+\s*号))"
)
_ORDINAL_AFTER = re.compile(r"^(?:是|要|则|来|方面|批|届|季度|级|类(?=[，。、])|线|产业)")
_NAME_AFTER = re.compile(
    r"^(?:热线|服务热线|政务服务|大|中全会|届|五|五规划|化|号楼|楼|层|室|栋|路|街|道|大道|巷|弄|村|组|区|号院|G|C)"
)
_ARTICLE_BEFORE = re.compile(r"(?:第|令第|〔\d{4}〕|\[\d{4}\]|（\d{4}）|\(\d{4}\))$")
_CONTACT = re.compile(r"(?:电话|传真|邮编|邮政编码|热线|信箱|邮箱|网址|地址|QQ|手机)[：:]?\s*$")
_CHANGE = re.compile(
    r"(?:同比|较上年|比上年|较去年|比去年|较\d{4}年|环比|较上一年)[^，。；]{0,12}?(?:增长|下降|增加|减少|提高|降低|回落|上升|提升)[了]?$|(?:增长|下降|增加|减少|提高|降低|回落|上升|提升)(?:了)?$"
)
_SUBJECT_STOP = re.compile(
    r"^(?:其中|以及|并且|同时|此外|另有|另|含|包括|共|共计|合计|总计|累计|全年|全区|全市|全县|本年度|本年|年内|今年|当年|我局|我区|我市|我县|"
    r"本局|本机关|本单位|我办|各级|各单位|各部门|依法|主要|分别|均|已|还|并|对|向|通过|在|为|将|把|按照|根据|\d{4}年(?:度)?|年度)+"
)
_SUBJECT_TRAIL = re.compile(r"(?:共计|共|合计|总计|累计|计|约|近|超过|逾|达到|达|为|是|有|约为|分别为|分别|各)+$")
_CLAUSE_SPLIT = re.compile(r"[，；：、,;:（）()“”]|其中|包括|分别为|分别是")


@dataclass(frozen=True)
class Mention:
    """A number in a sentence, claim or not, with what was read from it.

    ``start``/``end`` index the sentence text; ``reason`` says why a mention is
    not a claim (``year``, ``date``, ``time``, ``doc_number``, ``article``,
    ``ordinal``, ``phone``, ``postcode``, ``address``, ``url``, ``name``,
    ``no_unit``).
    """

    start: int
    end: int
    text: str
    claim: bool
    value: float | int | None = None
    unit: str | None = None
    qualifier: str | None = None
    kind: str | None = None
    subject: str | None = None
    reason: str | None = None
    confidence: float = 1.0
    role: str | None = None
    parent: int | None = None  # index into the sentence's mentions


# -- reading numbers ----------------------------------------------------------------------


def parse_number(num: str, mult: str | None = None) -> float | int | None:
    """``3,119`` → 3119, ``12.5`` → 12.5, ``二十三`` → 23, ``两`` → 2, ``1.2`` + 万 → 12000."""
    if num[0].isdigit():
        try:
            value: float = float(num.replace(",", ""))
        except ValueError:
            return None
    else:
        import cn2an

        try:
            value = float(cn2an.cn2an(num.replace("〇", "零"), "smart"))
        except (ValueError, KeyError, IndexError):
            return None
    value *= {"万": 10_000, "千": 1_000, "亿": 100_000_000, "万亿": 10**12}.get(mult or "", 1)
    if not math.isfinite(value):
        return None  # a run of hundreds of digits is no number a report states
    return int(value) if value == int(value) and abs(value) < 1e15 else value


_TABLE_LABELS = re.compile(
    r"申请人情况|本年新收|上年结转|结转下年度|本年度办理结果|予以公开|部分公开|不予公开|无法提供|不予处理|结果维持|结果纠正|"
    r"尚未审结|本年制发件数|本年废止件数|现行有效件数|本年处理决定数量|本年收费金额|法人或其他组织|商业企业"
)


_DIGIT = re.compile(r"\d")
_ANY_NUMBER = re.compile(r"[\d零〇一二两三四五六七八九十百千万亿]|没有|不存在|未|无")


#: (?<!\d[,.]) and *+: tried once per run of digits and separators, not at each digit after a "." in it
#: ("0.0.0.…" of 40 000 characters took minutes)
_UNIT_NUMBER = re.compile(
    r"(?<!\d)(?<!\d[,.])\d[\d,.]*+\s*(?:人次|万元|条|件|项|个|次|篇|元|%|％|家|场|期|份|宗|起|人|天)"
)


#: three numbers in a row with only spaces between (starting where a run of digits starts: linear)
_BARE_RUN = re.compile(r"(?<!\d)(?:\d+(?:\.\d+)?\s+){2,}\d")


def _is_table_text(text: str) -> bool:
    """A table row or a flattened table, not prose: runs of bare numbers, numbers and no punctuation, table labels.

    Numbers that carry a unit are prose counting things (共1041条，其中政策文件241条…,
    予以公开1200件、部分公开30件、不予公开5件): only bare numbers make a table.
    """
    if _DIGIT.search(text) is None:  # every test below needs a digit: most sentences are done here
        return False
    if _BARE_RUN.search(text):
        return True
    bare = _UNIT_NUMBER.sub("", text)
    if len(set(_TABLE_LABELS.findall(text))) >= 3 and re.search(r"\d{4,}", bare):
        return True
    if not re.search(r"[，。；：！？]", text) and re.search(r"\d\s*$", text):
        return True
    if len(text) <= 60 or text.count("，") >= 2:
        return False
    return len(_DIGIT.findall(bare)) / len(text) > 0.25


def _context_reason(text: str, m: re.Match[str]) -> str | None:
    """Why the number at ``m`` is not a claim, or ``None`` if it may be one."""
    start = m.start()
    num = m.group("num")
    before = text[max(0, start - 12) : start]
    after = text[m.end("num") : m.end("num") + 8]
    unit = m.group("unit")
    if _CONTACT.search(before) or (num.isdigit() and len(num) >= 7 and not unit):
        return "phone" if "邮" not in before[-6:] else "postcode"
    if re.match(r"\d{6}$", num) and re.search(r"邮编|邮政编码", before):
        return "postcode"
    if re.match(r"\s*[:：]\d{2}", after):
        return "time"
    if re.match(r"\s*-\d{1,2}-\d{1,2}", after) or re.search(r"\d{4}-(?:\d{1,2}-)?$", before):
        return "date"
    if num.isdigit() and len(num) == 4 and 1949 <= int(num) <= 2100 and _YEAR_AFTER.match(after):
        return "year"
    if (
        not num[0].isdigit()
        and len(num) == 4
        and set(num) <= set("〇零一二三四五六七八九○")
        and _YEAR_AFTER.match(after)
    ):
        return "year"
    if _DATE_AFTER.match(after) and not unit:
        return "date"
    if _ARTICLE_BEFORE.search(before):
        return "doc_number" if re.search(r"〔|\[|令第|（\d{4}）", before) else "article"
    if re.match(r"\s*[条款项章节]", after) and (before.endswith("第") or not unit):
        return "article"
    if re.match(r"号", after) and not unit:
        return "doc_number" if re.search(r"[〕\]）)]$|令第?$|字$", before) else "address"
    if re.match(r"\s*(?:号楼|楼|层|室|栋|号院|路|弄|巷)", after) and unit not in ("个", "家", "所", "处"):
        return "address"
    if (start == 0 or text[start - 1] in "（(") and re.match(r"\s*[、.．)）]", after):
        return "ordinal"
    if _ORDINAL_AFTER.match(after) and not unit:
        return "ordinal"
    if re.match(r"[、.．]\s*\D", text[m.end("num") :]) and not unit and start <= 2:
        return "ordinal"
    if _NAME_AFTER.match(after) and not unit:
        return "name"
    if (before.endswith("“") or before.endswith('"')) and not unit:
        return "name"
    return None


def _unit_kind(unit: str | None, before: str) -> str:
    if unit in MONEY_UNITS:
        return "amount"
    if unit in ("%", "‰", "个百分点"):
        return "change" if _CHANGE.search(before) else "rate"
    if _CHANGE.search(before):
        return "change"
    return "count"


def _subject(text: str, start: int, clause_ends: list[int] | None = None) -> str | None:
    """The words naming what the number at ``start`` counts: the clause before it, trimmed.

    ``clause_ends`` (the ends of ``_CLAUSE_SPLIT`` in ``text``, in order) saves a scan of the
    sentence from its start for every number of it.
    """
    if clause_ends is None:
        clause_ends = [m.end() for m in _CLAUSE_SPLIT.finditer(text, 0, start)]
    i = bisect_right(clause_ends, start) - 1
    clause_start = clause_ends[i] if i >= 0 else 0
    clause = text[clause_start:start].strip()
    clause = re.sub(r"\d+(?:[.,]\d+)*(?:%|[万千亿]?[元件条次个]?)", "", clause)
    clause = _SUBJECT_STOP.sub("", clause)
    clause = _SUBJECT_TRAIL.sub("", clause)
    clause = _PRE_QUALIFIER.sub("", clause)
    clause = clause.strip(" 　的了")
    return clause[-16:] or None


#: more numbers than this in one sentence make it a flattened table (prose states a few dozen at most)
MAX_PROSE_NUMBERS = 200


def _more_numbers_than(text: str, n: int) -> bool:
    if len(text) <= 2 * n:  # n + 1 runs of digits need n separators between them
        return False
    return any(k >= n for k, _ in enumerate(_DIGIT_RUN.finditer(text)))


_DIGIT_RUN = re.compile(r"\d+")


def read_mentions(text: str) -> list[Mention]:
    """Every number and zero statement in one sentence of prose, claim or not, in order."""
    if not _ANY_NUMBER.search(text):
        return []
    # a "sentence" of hundreds of numbers is a flattened table, not prose: its numbers are no claims
    # (silence, not a guess), and linking parts to totals, quadratic in the claims, is not tried
    tabular = _is_table_text(text) or _more_numbers_than(text, MAX_PROSE_NUMBERS)
    out: list[Mention] = []
    # which characters a mention already holds: a lookup per number, not a scan of all mentions so far
    taken = bytearray(len(text) + 1)

    def take(a: int, b: int) -> None:
        taken[a:b] = b"\x01" * (b - a)

    clause_ends = [c.end() for c in _CLAUSE_SPLIT.finditer(text)]
    for o in _OPAQUE.finditer(text):
        if any(ch.isdigit() for ch in o.group(0)):
            out.append(Mention(o.start(), o.end(), o.group(0), False, reason=o.lastgroup))
            take(o.start(), o.end())
    for m in _NUMBER.finditer(text):
        tick()
        num = m.group("num")
        if not num or taken[m.start()]:
            continue
        chinese = not num[0].isdigit()
        unit = m.group("unit")
        if chinese:
            # Chinese numerals count only before a unit: 一是, 统一, 万一 are words
            if not unit or num in ("万", "千", "百", "亿") or (len(num) == 1 and num in "万千百亿"):
                continue
            if text[m.start() - 1 : m.start()] in ("第",):
                continue
            if unit in ("个", "次") and re.match(r"[是要些点]", text[m.end() : m.end() + 1]):
                continue
        start, end = m.start(), m.end()
        if end == start:
            continue
        before = text[max(0, start - 14) : start]
        reason = "table" if tabular else _context_reason(text, m)
        if reason is None and unit == "个" and re.match(r"(?:季度|月|工作日|星期|年度|小时)", text[end : end + 3]):
            if text[end : end + 3] == "工作日" and _AVERAGE.search(before):
                unit, end = "个工作日", end + 3  # 平均办理时长8个工作日: a statistic
            else:
                reason = "other"  # 四个季度, 三个月, 24小时: a span of time, not a count
        if reason is None and _in_short_quote(text, start, end):
            reason = "name"  # “三个一”工作机制, “两平台”
        pre = _PRE_QUALIFIER.search(before)
        qualifier = None
        for g in ("post", "post2"):
            if m.group(g) in _QUALIFIERS:
                qualifier = m.group(g)
        if qualifier is None and pre:
            word = _QUALIFIER_ALIASES.get(pre.group(1), pre.group(1))
            if word in _QUALIFIERS:
                qualifier = word
        if reason is None and not unit:
            if m.group("mult") and not chinese:
                pass  # 阅读量达180万, 用户突破550万: a count stated without a unit
            elif re.match(r"\s\d(?=[，。；,;]|$)", text[end:]):
                pass  # "申请数量 3119 3": a cell of a flattened table run into the prose
            else:
                reason = "no_unit"
        value = parse_number(num, m.group("mult"))
        if reason is None and value is None:
            reason = "malformed"
        mention_text = text[start:end]
        if reason is not None:
            out.append(Mention(start, end, mention_text, False, value=value, reason=reason))
            take(start, end)
            continue
        confidence = 1.0
        if value is not None and (value > 1e12 or (num.isdigit() and len(num) >= 7 and unit in ("件", "条"))):
            confidence = 0.3  # run-together digits of a flattened table, or an impossible count
        if not unit and re.match(r"\s\d(?=[，。；,;]|$)", text[end:]):
            confidence = 0.5
        if "\ufffd" in text[max(0, start - 2) : end + 2]:
            confidence = min(confidence, 0.5)  # a character beside it could not be decoded (GT107)
        out.append(
            Mention(
                start,
                end,
                mention_text,
                True,
                value=value,
                unit=unit,
                qualifier=qualifier,
                kind=_unit_kind(unit, before),
                subject=_subject(text, start, clause_ends),
                confidence=confidence,
            )
        )
        take(start, end)
    for p in _PERCENT_WORDS.finditer(text):
        if taken[p.start()]:
            continue
        value = 100 if p.group("n") == "百" else parse_number(p.group("n"))
        before = text[max(0, p.start() - 14) : p.start()]
        out.append(Mention(p.start(), p.end(), p.group(0), True, value=value, unit="%", kind=_unit_kind("%", before),
                           subject=_subject(text, p.start(), clause_ends)))  # fmt: skip
        take(p.start(), p.end())
    for z in _ZERO.finditer(text):
        if taken[z.start()]:
            continue
        subject = _zero_subject(text, z.end())
        kind = "amount" if subject and "费" in subject else "count"
        out.append(Mention(z.start(), z.end(), z.group("neg"), True, value=0, unit=None, kind=kind, subject=subject))
    out.sort(key=lambda mm: mm.start)
    if len(out) > MAX_PROSE_NUMBERS:
        # no prose states hundreds of figures in one sentence (2 000 "未收取…" in a run-together page took
        # minutes to link): none is a claim, and linking, quadratic in the claims, is not tried
        return [replace(m, claim=False, reason=m.reason or "table") if m.claim else m for m in out]
    return link(text, out)


_AVERAGE = re.compile(r"平均|时长|用时|时间|缩短|压缩|提速|提前")
_QUOTES = {"“": "”", '"': '"', "‘": "’", "「": "」"}


def _in_short_quote(text: str, start: int, end: int) -> bool:
    """Is ``text[start:end]`` inside a quotation of at most eight characters (a slogan or a name)?"""
    for k in range(start - 1, max(-1, start - 8), -1):
        close = _QUOTES.get(text[k])
        if close is not None:
            j = text.find(close, end)
            return 0 <= j - k <= 9
        if text[k] in "，。；：”’」":
            return False
    return False


_PERCENT_WORDS = re.compile(r"百分之(?P<n>百|[一二三四五六七八九十]{1,3}(?:点[一二三四五六七八九零〇]+)?)")


def _zero_subject(text: str, start: int) -> str | None:
    rest = re.split(r"[，。；]", text[start:], maxsplit=1)[0]
    rest = re.sub(r"^(?:收到|收取|发生|受理|产生|出现|接到|发出|任何|涉及|关于|因)+", "", rest)
    return rest[:16] or None


# -- total / part ------------------------------------------------------------------------


def link(text: str, mentions: list[Mention]) -> list[Mention]:
    """Mark totals and their parts, and rates with their stated numerator and denominator.

    An enumeration of parts is opened by 其中/包括/涉及/分别为/含 after a total
    (the cue may come after a clause such as 同比增长18.9%), by a colon right after
    a total (行政复议6件：结果维持3件；…), by 在…N件…中, by a part named again with 中
    (法人或其他组织申请中商业企业…: parts of that part), or by a bracket right after a
    count (17件（商业企业12件、法律服务机构5件）).  Parts have the total's unit; an
    enumeration ends at 。, at a ； after which no part of the same kind follows, at
    a closing bracket it opened in, at a clause starting 另有/此外/同时…, or where
    the next enumeration opens.  Also linked: parts followed by 合计/共计/共需 and
    their total; applications received followed by those handled and carried over
    (收到70件，办结69件，1件结转); and a total followed by its applicant or outcome
    categories without a cue (收到29件，自然人提出26件，法人或其他组织提出3件).
    """
    ms = list(mentions)
    claims = [i for i, m in enumerate(ms) if m.claim]
    if len(claims) < 2:  # a total needs a part, a rate a count: nothing to link
        return ms

    def free(i: int) -> bool:
        return ms[i].role is None and ms[i].kind in ("count", "amount")

    def can_be_part(j: int, total: int) -> bool:
        m = ms[j]
        return m.role in (None, "total") and m.unit == ms[total].unit and m.kind == ms[total].kind

    def mark(total: int, parts: list[int]) -> None:
        if ms[total].role is None:  # a part that has parts of its own stays a part of its total
            ms[total] = replace(ms[total], role="total")
        for j in parts:
            ms[j] = replace(ms[j], role="part", parent=total)

    openers = _openers(text, ms, claims)
    # innermost first: a bracket's parts are settled before the enumeration around it
    for total, start, end in sorted(openers, key=lambda o: (o[2] - o[1], o[1])):
        # a further opener (其中, X中) outside brackets starts a sub-enumeration
        nxt = [o[1] for o in openers if start < o[1] < end and o[0] != total and not _in_brackets(text, o[1])]
        if nxt:
            end = min(nxt)
        parts = [j for j in claims if start <= ms[j].start < end and j != total and can_be_part(j, total)]
        parts = [j for j in parts if not _in_brackets_after(text, ms, j, start)]
        if parts:
            mark(total, parts)
    # parts, then 合计/共计 total
    for i in claims:
        if not free(i) or not _TRAILING_TOTAL.search(text[max(0, ms[i].start - 6) : ms[i].start]):
            continue
        seg_start = max(text.rfind("；", 0, ms[i].start), text.rfind("。", 0, ms[i].start)) + 1
        parts = [j for j in claims if seg_start <= ms[j].start < ms[i].start and free(j) and ms[j].unit == ms[i].unit]
        if len(parts) >= 2:
            mark(i, parts)
    # received, then handled and carried over; or a total followed by its categories
    for i in claims:
        if not free(i):
            continue
        boundary = min([k for k in (text.find(c, ms[i].end) for c in "。；") if k >= 0] or [len(text)])
        later = [
            j
            for j in claims
            if ms[i].end <= ms[j].start < boundary
            and free(j)
            and ms[j].unit == ms[i].unit
            and not _in_brackets(text, ms[j].start)  # an aside: （…另有103件顺延…）
        ]
        if _RECEIVED.search(_clause_before(text, ms[i].start) + (ms[i].subject or "")):
            handled = [j for j in later if _HANDLED.search(_clause_around(text, ms[j]))]
            carried = [j for j in later if _CARRIED.search(_clause_around(text, ms[j]))]
            if handled and carried:
                mark(i, sorted(set(handled + carried)))
                continue
        for family in _CATEGORIES:
            members = [j for j in later if family.search(_clause_before(text, ms[j].start))]
            if len(members) >= 2 and members == later[: len(members)]:
                mark(i, members)
                break
    _link_rates(text, ms)
    return ms


def _openers(text: str, ms: list[Mention], claims: list[int]) -> list[tuple[int, int, int]]:
    """Every enumeration of parts: ``(total, start, end)`` with the parts' text in ``[start, end)``."""
    out: list[tuple[int, int, int]] = []

    def last_before(pos: int, allow_part: bool = True) -> int | None:
        cands = [i for i in claims if ms[i].end <= pos and ms[i].kind in ("count", "amount")]
        cands = [i for i in cands if ms[i].role is None or (allow_part and ms[i].role == "part")]
        return cands[-1] if cands else None

    for cue in _PARTS_CUE_ANY.finditer(text):
        total = last_before(cue.start())
        first = next((i for i in claims if ms[i].start >= cue.end()), None)
        if total is not None and first is not None and ms[first].unit != ms[total].unit:
            # 项目74项，采购金额合计1.26亿元，其中货物类42项…: the total is the 项 count
            same = [i for i in claims if ms[i].end <= cue.start() and ms[i].unit == ms[first].unit]
            if same and (ms[same[-1]].role is None or ms[same[-1]].role == "part"):
                total = same[-1]
        if total is None:
            continue
        gap = text[ms[total].end : cue.start()]
        if "。" in gap or "；" in gap or len(gap) > 40:
            continue
        out.append((total, cue.end(), _enumeration_end(text, cue.end(), ms[total].unit)))
    for i in claims:  # 行政复议6件：结果维持3件；…
        if text[ms[i].end : ms[i].end + 1] in ("：", ":"):
            out.append((i, ms[i].end + 1, _enumeration_end(text, ms[i].end + 1, ms[i].unit, colon=True)))
        if text[ms[i].end : ms[i].end + 1] in ("（", "("):  # 17件（商业企业12件、法律服务机构5件）
            close = text.find("）" if text[ms[i].end] == "（" else ")", ms[i].end)
            if close > 0:
                out.append((i, ms[i].end + 1, min(close, _enumeration_end(text, ms[i].end + 1))))
    for m in _IN_ZHONG.finditer(text):  # 在办结的93件申请中，予以公开58件…
        inside = [i for i in claims if m.start() <= ms[i].start < m.end()]
        if len(inside) == 1:
            out.append((inside[0], m.end(), _enumeration_end(text, m.end(), ms[inside[0]].unit)))
    for m in _NAMED_ZHONG.finditer(text):  # …法人或其他组织申请15件，法人或其他组织申请中商业企业…
        name = m.group(1)
        earlier = [i for i in claims if ms[i].end <= m.start() and (subj := ms[i].subject) and _same_name(subj, name)]
        if earlier:
            i = earlier[-1]
            out.append((i, m.end(), _enumeration_end(text, m.end(), ms[i].unit)))
    return out


def _same_name(subject: str, name: str) -> bool:
    return len(name) >= 2 and (subject.endswith(name) or name.endswith(subject) or name in subject)


def _in_brackets_after(text: str, ms: list[Mention], j: int, start: int) -> bool:
    """Is claim ``j`` inside a bracket that follows another count of the enumeration (a sub-enumeration)?"""
    opened = text.rfind("（", start, ms[j].start)
    if opened < 0 or text.find("）", opened, ms[j].start) >= 0:
        return False
    return any(m.claim and m.end == opened for m in ms)


_PARTS_CUE_ANY = re.compile(r"其中|包括|包含|涉及|分别为|分别是|具体为|含(?=[^，。；]{0,12}\d)")
_IN_ZHONG = re.compile(r"在[^，。；]{0,16}?中[，,]")
_NAMED_ZHONG = re.compile(r"[，,；]([\u4e00-\u9fff]{2,14})中(?!心|央|国|共|华|间|小|期|旬|层|专)")
_TRAILING_TOTAL = re.compile(r"(?:合计|共计|总计|总共|共[\u4e00-\u9fff]{0,4})$")
_RECEIVED = re.compile(r"收到|受理|新收|接收|收取")
_HANDLED = re.compile(r"办结|答复|办理|处理完毕|完成")
_CARRIED = re.compile(r"结转|转入|顺延")
#: parts named by the categories of the statistics tables, listed without 其中
_CATEGORIES = (
    re.compile(r"自然人|法人|商业企业|科研机构|社会公益组织|法律服务机构|其他组织"),
    re.compile(r"予以公开|部分公开|不予公开|无法提供|不予处理|其他处理"),
    re.compile(r"结果维持|结果纠正|其他结果|尚未审结"),
)


def _in_brackets(text: str, pos: int) -> bool:
    return text.rfind("（", 0, pos) > text.rfind("）", 0, pos) or text.rfind("(", 0, pos) > text.rfind(")", 0, pos)


def _clause_before(text: str, start: int) -> str:
    cut = max(text.rfind(c, 0, start) for c in "，；。：")
    return text[cut + 1 : start]


def _clause_around(text: str, m: Mention) -> str:
    end = min([k for k in (text.find(c, m.end) for c in "，；。") if k >= 0] or [len(text)])
    return _clause_before(text, m.start) + text[m.end : end]


def _enumeration_end(text: str, start: int, unit: str | None = None, colon: bool = False) -> int:
    """Where an enumeration introduced at ``start`` ends.

    At 。; at a closing bracket it opened in; at a clause starting 另有/此外/同时…;
    and at ；, unless the clause after it goes on with a count of the same unit,
    opens no enumeration of its own, and either the list was opened by a colon
    (行政复议6件：结果维持3件；结果纠正2件；…) or it names another category of the
    same statistics table (其中予以公开44件；部分公开8件；…).  ``……尚未审结37件；
    行政诉讼46件`` ends at the ；.
    """
    opened = text.rfind("（", 0, start) > text.rfind("）", 0, start)
    k = start
    while k < len(text):
        ch = text[k]
        if ch == "。" or (opened and ch in "）)"):
            return k
        if ch in "，," and _ENUM_BREAK.match(text, k + 1):
            return k
        if ch in "；;":
            nxt = text.find("；", k + 1)
            seg = text[k + 1 : nxt if nxt >= 0 else len(text)].split("。")[0]
            if unit is None or _PARTS_CUE_ANY.search(seg) or not re.search(rf"\d(?:\.\d+)?\s?{re.escape(unit)}", seg):
                return k
            so_far = text[start:k]
            if not colon and not any(f.search(so_far) and f.search(seg) for f in _CATEGORIES):
                return k
        k += 1
    return len(text)


#: a clause that starts like this is no longer a part of the enumeration before it
_ENUM_BREAK = re.compile(r"另有|另外|此外|同时|并且|但|均|全部|都|共|已(?:审结|办结|答复|结案)")


_RATE_STEM = re.compile(r"([\u4e00-\u9fff]{1,4})率$")


#: rates of handling something counted beside them; 满意率, 认定率, 合格率 have another base
_PROCESS_STEM = re.compile(r"办结|答复|回复|受理|公开|采纳|处理|反馈|审核|解读")


def _link_rates(text: str, ms: list[Mention]) -> None:
    """Link a rate to the numerator and denominator stated beside it in the sentence.

    ``予以公开258件，占33.9%`` → numerator 258; ``其中原创信息占比67%`` after a
    count → that count is the denominator; ``受理117件，办结171件，办结率100%`` →
    the count named like the rate (办结) is the numerator and the count of the same
    unit before it the denominator; with one count, it is the numerator when named
    like the rate (予以公开62件，公开率54.4%) and the denominator otherwise
    (网民留言412条，答复率100%) — for rates of handling only, never for 满意率.
    A rate stated first (办结率97.3%，即受理的74件申请中办结72件) looks after itself.
    """
    for r, rate in enumerate(ms):
        if not rate.claim or rate.kind != "rate" or rate.role is not None:
            continue
        seg_start = max(text.rfind("。", 0, rate.start), text.rfind("；", 0, rate.start)) + 1
        counts = [
            k
            for k, m in enumerate(ms[:r])
            if m.claim and m.kind == "count" and m.role in (None, "total") and m.start >= seg_start
        ]
        near = text[max(0, rate.start - 16) : rate.start]
        if counts and re.search(r"占[^，。；]{0,12}$", near):
            k = counts[-1]
            if "其中" in text[ms[k].end : rate.start]:  # 发布2460条，其中原创信息占比67%
                if ms[k].role is None:
                    ms[r] = replace(rate, role="rate")
                    ms[k] = replace(ms[k], role="denominator", parent=r)
            elif ms[k].role is None:  # 予以公开258件，占33.9%
                ms[r] = replace(rate, role="rate")
                ms[k] = replace(ms[k], role="numerator", parent=r)
            continue
        stem = _RATE_STEM.search(re.sub(r"(?:为|达|达到|是)$", "", text[max(0, rate.start - 8) : rate.start]))
        if not stem:
            continue
        word = stem.group(1)[-2:]
        if not counts:  # the rate first, its counts after it
            seg_end = min([k for k in (text.find(c, rate.end) for c in "。；") if k >= 0] or [len(text)])
            counts = [
                k
                for k, m in enumerate(ms)
                if k > r and m.claim and m.kind == "count" and m.role is None and m.start < seg_end
            ]
        if not counts:
            continue

        def named(k: int, word: str = word) -> bool:
            return word in (ms[k].subject or "") or word in text[max(0, ms[k].start - 6) : ms[k].start]

        num = next((k for k in reversed(counts) if named(k)), None)
        if len(counts) == 1 or num is None:
            k = num if num is not None else counts[-1]
            gap = text[ms[k].end : rate.start] if ms[k].end <= rate.start else ""
            if ms[k].role is not None or not _PROCESS_STEM.search(word):
                continue
            if num is None and (
                gap.count("，") > 1 or len(gap) > 12 or "、" in text[max(0, ms[k].start - 12) : ms[k].start]
            ):
                continue
            ms[r] = replace(rate, role="rate")
            ms[k] = replace(ms[k], role="numerator" if num is not None else "denominator", parent=r)
            continue
        same_unit = [k for k in counts if k != num and ms[k].unit == ms[num].unit]
        before_num = [k for k in same_unit if ms[k].start < ms[num].start]
        den = before_num[-1] if before_num else (same_unit[0] if same_unit else None)
        if den is None:
            continue
        ms[r] = replace(rate, role="rate")
        ms[num] = replace(ms[num], role="numerator", parent=r)
        ms[den] = replace(ms[den], role="denominator", parent=r)


# -- the stage ------------------------------------------------------------------------------


def extract(document: Document) -> list[Claim]:
    """The claims of a document's prose, with their source spans (``parent`` indexes the returned list)."""
    from .model import Claim

    claims: list[Claim] = []
    for sent in document.sentences:
        mentions = read_mentions(sent.text)
        index_of: dict[int, int] = {}
        for k, m in enumerate(mentions):
            if not m.claim:
                continue
            index_of[k] = len(claims)
            a = sent.start + m.start
            claims.append(
                Claim(
                    text=m.text,
                    value=m.value if m.value is not None else 0,
                    unit=m.unit,
                    span=document.span(a, a + len(m.text)),
                    qualifier=m.qualifier,
                    subject=m.subject,
                    kind=m.kind,
                    role=m.role,
                    parent=m.parent,  # fixed below
                    sentence=sent.index,
                    confidence=m.confidence,
                    start=a,
                )
            )
        for k, m in enumerate(mentions):
            if m.claim and m.parent is not None and m.parent in index_of:
                c = claims[index_of[k]]
                claims[index_of[k]] = replace(c, parent=index_of[m.parent])
    return _link_across_sentences(document, claims)


# "在…的1913条政府信息中，A 133条，占6.95%；B 403条…" — a list that runs over ；-sentences
_IN_THE_N = re.compile(r"在[^。；]{0,50}?的?(?P<n>\d+)(?P<u>条|件|个|项)[^，。；\d]{0,16}中[，,]")
_OPENS_QIZHONG = re.compile(r"\s*其中[，,：:]?")
_MAX_LIST = 16
_CATEGORY_LIST = re.compile(r"(?:主要)?类别(?:有|为|包括)?[：:]")


def _link_across_sentences(document: Document, claims: list[Claim]) -> list[Claim]:
    """Totals whose parts are listed in the sentences after them.

    Two shapes are common in the reports: a total, then a sentence opening with
    其中 and parallel sentences after it (``…1913条。其中，区直各单位1397条，占73%。
    各乡镇534条，占27%。``); and ``在…的1913条政府信息中，`` opening a list whose items
    are separated by ``；`` (each item its own sentence here).  The items become
    parts of the total; a share stated beside an item (占6.95%) keeps pointing at
    it (see GT402).
    """
    by_sentence: dict[int, list[int]] = {}
    for i, c in enumerate(claims):
        if c.sentence is not None:
            by_sentence.setdefault(c.sentence, []).append(i)
    sents = document.sentences

    def counts(k: int, unit: str | None, after: int = -1) -> list[int]:
        out = []
        for i in by_sentence.get(k, []):
            c = claims[i]
            if c.kind == "count" and c.role in (None, "numerator") and c.unit == unit and c.span.start > after:
                out.append(i)
        return out

    def link(total: int, parts: list[int]) -> None:
        if len(parts) < 2:
            return
        claims[total] = replace(claims[total], role="total")
        for p in parts:
            claims[p] = replace(claims[p], role="part", parent=total)

    for k, sent in enumerate(sents):
        # shape 1: 在…的N条…中，item；item；…
        m = _IN_THE_N.search(sent.text)
        if m:
            total = next(
                (
                    i
                    for i in by_sentence.get(k, [])
                    if claims[i].text.startswith(m.group("n")) and claims[i].role is None
                ),
                None,
            )
            if total is not None:
                unit = claims[total].unit
                parts = counts(k, unit, after=claims[total].span.start)[:1]
                j = k
                while parts and sents[j].text.rstrip().endswith("；") and j + 1 < len(sents) and j - k < _MAX_LIST:
                    j += 1
                    more = counts(j, unit)
                    if len(more) != 1 or sents[j].section != sent.section:
                        break
                    parts.extend(more)
                link(total, parts)
                continue
        # shape 3: …N条。 … 主要类别有：A类信息594条，B类信息281条，… (the total stated shortly before)
        if _CATEGORY_LIST.search(sent.text):
            idx = by_sentence.get(k, [])
            items = [i for i in idx if claims[i].kind == "count" and claims[i].role is None]
            units = {claims[i].unit for i in items}
            if len(items) >= 3 and len(units) == 1:
                unit = units.pop()
                total = next(
                    (
                        i
                        for j in range(k - 1, max(-1, k - 5), -1)
                        if sents[j].section == sent.section
                        for i in reversed(by_sentence.get(j, []))
                        if claims[i].role == "total" and claims[i].unit == unit
                    ),
                    None,
                )
                if total is not None and not any(
                    c.parent == total and c.role == "part" for c in claims[: items[0]] if c.sentence == k
                ):
                    for p in items:
                        claims[p] = replace(claims[p], role="part", parent=total)
                    # the total's own parts (its 其中 list) are a different breakdown: keep this one apart
                    continue
        # shape 2: …N条。其中，item。item。…
        if k + 1 < len(sents) and _OPENS_QIZHONG.match(sents[k + 1].text) and sents[k + 1].section == sent.section:
            own = [i for i in by_sentence.get(k, []) if claims[i].kind == "count" and claims[i].role is None]
            if not own or by_sentence.get(k, [])[-1] != own[-1]:
                continue
            total = own[-1]
            unit = claims[total].unit
            first = counts(k + 1, unit)
            if len(first) != 1 or any(claims[i].role == "total" for i in by_sentence.get(k + 1, [])):
                continue
            shape = _shape(claims, by_sentence.get(k + 1, []))
            parts = list(first)
            j = k + 1
            while j + 1 < len(sents) and j - k < _MAX_LIST:
                nxt = counts(j + 1, unit)
                if len(nxt) != 1 or _shape(claims, by_sentence.get(j + 1, [])) != shape or len(sents[j + 1].text) > 80:
                    break
                if sents[j + 1].section != sent.section:
                    break
                j += 1
                parts.extend(nxt)
            link(total, parts)
    return claims


def _shape(claims: list[Claim], idx: list[int]) -> tuple[str | None, ...]:
    """The kinds of a sentence's claims in order: parallel list items share one."""
    return tuple(claims[i].kind for i in idx)


def apply(document: Document) -> Document:
    """The claims stage: fill ``document.claims``."""
    document.claims = extract(document)
    ext = document.extraction
    if ext is not None and ext.ocr_unsure:
        # a figure OCR read with low confidence is not certain: its checks say so and accuse no one
        document.claims = [
            replace(c, confidence=min(c.confidence, 0.5))
            if any(i in ext.ocr_unsure for i in range(c.span.start, c.span.end))
            else c
            for c in document.claims
        ]
    return document


__all__ = ["COUNT_UNITS", "MONEY_UNITS", "Mention", "apply", "extract", "link", "parse_number", "read_mentions"]
