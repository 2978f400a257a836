"""The section headings of an annual report, as real reports write them.

One place for the domain knowledge both segmentation (splitting a heading a
scraper glued to the next sentence) and the sections stage (deciding what a
heading is) need:

* :data:`TITLES` — the standard titles of the six sections (2021 template);
* :data:`VARIANTS` — the wordings seen for each section: the 2019–2020 template,
  the pre-2019 free-form parts (概述, 政府信息依申请公开情况, 收费及减免, …),
  near-miss titles (主动公开情况, 复议诉讼);
* :func:`parse_heading` — split a line into its ordinal (一、 / 一. / 第一部分 /
  1. / ``##``) and its title, and say which section the title names and how
  sure that is.

Sub-headings ((一)主动公开 …) are recognised as such (``level == 2``) so that
they are never taken for sections.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

TITLES: dict[int, str] = {
    1: "总体情况",
    2: "主动公开政府信息情况",
    3: "收到和处理政府信息公开申请情况",
    4: "政府信息公开行政复议、行政诉讼情况",
    5: "存在的主要问题及改进情况",
    6: "其他需要报告的事项",
}

VARIANTS: dict[int, tuple[str, ...]] = {
    1: (
        "总体情况", "概述", "概况", "基本情况", "总体工作情况", "工作概况", "总体概述", "总体概况",
        "政府信息公开工作总体情况", "政府信息公开总体情况", "工作总体情况", "政府信息公开工作概述",
        "政府信息公开工作情况", "年度工作概述", "总体情况概述",
    ),
    2: (
        "主动公开政府信息情况", "主动公开政府信息的情况", "主动公开情况", "主动公开政府信息",
        "政府信息主动公开情况", "主动公开工作情况", "主动公开信息情况", "主动公开政府信息工作情况",
    ),
    3: (
        "收到和处理政府信息公开申请情况", "收到和处理政府信息公开申请的情况", "依申请公开情况",
        "政府信息依申请公开情况", "依申请公开政府信息情况", "政府信息依申请公开工作情况",
        "依申请公开办理情况", "政府信息依申请公开办理情况", "收到和处理申请情况",
        "政府信息公开申请的办理情况", "政府信息公开申请办理情况", "收到和处理政府信息公开申请",
    ),
    4: (
        "政府信息公开行政复议、行政诉讼情况", "政府信息公开行政复议、行政诉讼的情况",
        "因政府信息公开申请行政复议、提起行政诉讼的情况", "因政府信息公开申请提起行政复议、行政诉讼的情况",
        "因政府信息公开工作被申请行政复议和提起行政诉讼情况", "行政复议、行政诉讼情况", "复议诉讼情况",
        "政府信息公开行政复议和行政诉讼情况", "行政复议和行政诉讼情况", "政府信息公开行政复议、诉讼情况",
        "因政府信息公开申请行政复议、提起行政诉讼情况", "政府信息公开行政复议行政诉讼情况",
    ),
    5: (
        "存在的主要问题及改进情况", "政府信息公开工作存在的主要问题及改进情况", "存在问题及改进",
        "主要问题和改进措施", "存在的主要问题及改进措施", "存在问题和改进措施", "存在的问题及改进措施",
        "工作中存在的问题及改进措施", "存在的主要问题和改进情况", "存在问题及改进情况",
        "政府信息公开工作存在的主要问题及改进措施", "存在的不足及改进措施", "主要问题及改进措施",
    ),
    6: (
        "其他需要报告的事项", "其他需要报告事项", "其他事项", "其他需要说明的事项", "其他需报告的事项",
        "政府信息公开的收费及减免情况", "收费及减免情况", "政府信息公开收费及减免情况",
        "政府信息公开情况统计表", "其他需要报告的事",
    ),
}  # fmt: skip

# A title must carry one of these to name its section: "三、本年度办理结果" and
# "一、本年新收政府信息公开申请数量" (table-3 rows) name no section.
_KEYWORDS: dict[int, re.Pattern[str]] = {
    1: re.compile(r"总体|概述|概况|基本情况|工作情况"),
    2: re.compile(r"主动公开"),
    3: re.compile(r"(?:收到|处理).{0,8}申请|依申请"),
    4: re.compile(r"复议|诉讼"),
    5: re.compile(r"问题|不足"),
    6: re.compile(r"其他|收费|统计表"),
}
_FORBIDDEN = re.compile(r"数量|结果|继续办理|本年|上年|下年|合计|总计|\d")
#: a sentence that says a section has nothing (无其他需要报告的事项) is the section's content, not its heading
_NEGATED = re.compile(r"^(?:本年度?|今年|全年|我[局区县市委办])?[，,]?(?:无|没有|暂无|未(?!来)|均无)")
#: a table's caption (表二 主动公开政府信息情况, 表3：…) repeats its section's title but opens no section
_CAPTION = re.compile(r"^\s*(?:附)?表\s*[一二三四五六1-6]")

CN_NUM = "一二三四五六七八九十"
_ORDINAL = re.compile(
    r"^(?P<md>#{1,6}\s*)?"
    r"(?:(?P<cn>[一二三四五六七八九十]{1,2})\s*[、.．，,：:]"
    r"|第(?P<part>[一二三四五六七八九十\d]{1,2})(?:部分|章|节)[、.．，,：:]?"
    r"|(?P<ar>\d{1,2})\s*(?:[、．]|\.(?!\d))"
    r"|[（(](?P<sub>[一二三四五六七八九十\d]{1,2})[)）]"
    r"|(?P<circ>[①-⑩]))\s*"
)


@dataclass(frozen=True)
class Heading:
    """What :func:`parse_heading` read from a line.

    ``ordinal`` is the number the heading carries (1-based; ``None`` without
    one); ``level`` is 1 for a section-style ordinal (一、 第一部分 1. ##),
    2 for a sub-heading ordinal ((一) ①), 0 for none.  ``section`` is the
    section the title names (``None`` if none) with ``score`` in 0–1, and
    ``title`` the words after the ordinal.  ``style`` names the ordinal's
    kind: ``cn`` (一、), ``part`` (第一部分), ``ar`` (1.), ``md`` (``##``),
    ``sub`` ((一)), ``circ`` (①), ``""`` for none — a report numbers its
    sections in one style, and a line numbered in another is an item of a list.
    """

    ordinal: int | None
    level: int
    title: str
    section: int | None
    score: float
    prefix_len: int
    style: str = ""


def cn_to_int(s: str) -> int | None:
    """一 → 1 … 十九 → 19; Arabic digits pass through."""
    if s.isdigit():
        return int(s)
    if not s or any(c not in CN_NUM for c in s):
        return None
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + CN_NUM.index(s[1]) + 1
    if len(s) == 2 and s[1] == "十":
        return (CN_NUM.index(s[0]) + 1) * 10
    if len(s) == 1:
        return CN_NUM.index(s) + 1
    return None


def _bigrams(s: str) -> set[str]:
    return {s[i : i + 2] for i in range(len(s) - 1)} or {s}


@lru_cache(maxsize=1)
def _variant_bigrams() -> list[tuple[int, str, set[str]]]:
    return [(k, v, _bigrams(v)) for k, vs in VARIANTS.items() for v in vs]


_TRAILING = re.compile(r"[\s。：:；;，,.、]+$")


def title_score(title: str) -> tuple[int | None, float]:
    """The section a title names and a similarity in 0–1 (Dice over character bigrams).

    A title must hold its section's keyword (主动公开, 复议/诉讼, 问题 …) and no
    table-row words (数量, 结果, 本年, digits …); otherwise it names no section.
    """
    t = _TRAILING.sub("", title).replace(" ", "").replace("和改进", "及改进").replace("与改进", "及改进")
    if not t or len(t) > 40 or _FORBIDDEN.search(t) or _CAPTION.match(t) or _NEGATED.match(t):
        return None, 0.0
    sections = {k for k, rx in _KEYWORDS.items() if rx.search(t)}
    if not sections:
        return None, 0.0
    tb = _bigrams(t)
    best: tuple[int | None, float] = (None, 0.0)
    for k, v, vb in _variant_bigrams():
        if k not in sections:
            continue
        score = 1.0 if t == v else 2 * len(tb & vb) / (len(tb) + len(vb))
        if v in t and len(t) <= len(v) + 6:
            score = max(score, 0.9)
        if score > best[1]:
            best = (k, score)
    return best


@lru_cache(maxsize=8192)
def parse_heading(line: str) -> Heading:
    """Read ``line`` as a possible heading: its ordinal, level, title and the section it names."""
    m = _ORDINAL.match(line)
    ordinal: int | None = None
    level = 0
    prefix = 0
    style = ""
    if m:
        prefix = m.end()
        if m.group("sub") or m.group("circ"):
            level = 2
            ordinal = cn_to_int(m.group("sub")) if m.group("sub") else "①②③④⑤⑥⑦⑧⑨⑩".index(m.group("circ")) + 1
            style = "sub" if m.group("sub") else "circ"
        else:
            level = 1
            raw = m.group("cn") or m.group("part") or m.group("ar")
            ordinal = cn_to_int(raw) if raw else None
            style = next(k for k in ("cn", "part", "ar", "md") if m.group(k))
    title = line[prefix:]
    section, score = title_score(title)
    return Heading(ordinal, level, title, section, score, prefix, style)


def glued_headings(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Section headings run into the text around them, as ``(start, end)`` pairs.

    Scrapers and PDF tables glue a heading to what follows
    (``一、总体情况2021年，我区…``) or to the table cell before it
    (``…24252.3三、收到和处理政府信息公开申请情况（本列数据…``).  A heading is a
    Chinese ordinal plus a known section wording (:data:`VARIANTS`), at the start
    of ``text[start:end]`` or anywhere inside it; table rows such as
    ``一、本年新收政府信息公开申请数量`` are no wording of a section and are left
    alone, and neither is an item of a list of parts (``一、总体情况；二、…``).
    """
    end = len(text) if end is None else end
    return [(m.start(1), m.end(1)) for m in _glued_pattern().finditer(text, start, end)]


_TITLE_END = re.compile(r"情况|事项|措施|概述|概况")


def leading_heading(text: str) -> int | None:
    """Where a section heading of unusual wording, glued to the text after it, ends.

    For ``五、申请行政复议、提起行政诉讼和申诉的情况2013年，我局…`` (no known
    wording, so :func:`glued_headings` misses it): after a Chinese ordinal at
    the start, each ending in 情况/事项/措施/概述 within 40 characters is tried as
    a title, and the best one that names a section (:func:`title_score` ≥ 0.55)
    wins.  ``None`` when there is none, or when the heading is all of ``text``.
    """
    m = _ORDINAL.match(text)
    if not m or not m.group("cn"):
        return None
    best: tuple[float, int] | None = None
    for e in _TITLE_END.finditer(text, m.end(), min(len(text), m.end() + 40)):
        end = e.end()
        if end >= len(text) or text[end] in "，。；：、":
            continue
        section, score = title_score(text[m.end() : end])
        if section is not None and score >= 0.55 and (best is None or score > best[0]):
            best = (score, end)
    return None if best is None else best[1]


@lru_cache(maxsize=1)
def _glued_pattern() -> re.Pattern[str]:
    # tolerate one stray character in 行政复议/行政诉讼 (a real typo: 行政法复议)
    titles = "|".join(
        re.escape(v).replace("行政复议", "行政.?复议").replace("行政诉讼", "行政.?诉讼").replace("及", "[及和与]")
        for v in _variants_longest_first()
    )
    # an appended statistics table carries the body's name: 六、平潭县2014年政府信息公开情况统计表
    titles += r"|[^，。；\n]{0,24}政府信息公开(?:工作)?情况统计表"
    # not after another numeral or 第 (十一、 第一、), and not an item of a list of parts (一、总体情况；二、…)
    # atomic group: a title followed by "；" must not match again as a shorter wording of itself
    return re.compile(
        rf"(?<![一二三四五六七八九十第])([一二三四五六七八九十]{{1,2}}[、.．]\s*(?>{titles}))(?![，；、])"
    )


@lru_cache(maxsize=1)
def _variants_longest_first() -> tuple[str, ...]:
    return tuple(sorted({v for vs in VARIANTS.values() for v in vs}, key=len, reverse=True))
