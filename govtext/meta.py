"""What a report says about itself: title, agency, year and template.

The title is the scraper's ``标题`` field when there is one, else the first
short line near the top that names a report (…年度报告, …工作报告, …年报).  The
year comes from the caller's hint, else the title (``2023年`` or ``二〇二三年``),
else the statistics period (``统计期限自2023年1月1日``).  The agency is what the
title says before the year.  The template follows from the year until the
tables stage can tell it from the tables themselves: reports for 2021 on use
the 2021 format, 2019–2020 the 2019 one, earlier years a free form.
"""

from __future__ import annotations

import re

from .model import Meta, Template

#: scraper header fields that hold the report's title
TITLE_KEYS = ("标题", "题目", "信息名称", "名称")
_TITLE_HINT = re.compile(r"(?:年度?报告|工作报告|年报|的报告)\s*$")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_CN_YEAR = re.compile(r"([二〇零一三四五六七八九○Ｏ]{4})\s*年")
_PERIOD = re.compile(r"统计(?:期限|期间|时限)[^。]{0,6}?((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日")
_YEAR_FIRST = re.compile(r"(?:19|20)\d{2}\s*年|[二〇零一三四五六七八九○]{4}年")
_YEAR_LAST = re.compile(r"(?:(?:19|20)\d{2}|[二〇零一三四五六七八九○]{4})\s*年度?$")
_PUNCT = re.compile(r"[。，；：！？,;:]")
_REPORT_NAME = re.compile(r"(?:政府信息公开|政务公开|信息公开)")
_CN_DIGITS = str.maketrans("〇零○Ｏ一二三四五六七八九", "000012345678" + "9")


def _cn_year(s: str) -> int | None:
    digits = s.translate(_CN_DIGITS)
    return int(digits) if digits.isdigit() else None


_INLINE_TITLE = re.compile(
    r"(?:[^\s。，；：、»>|（）()《》“”]{2,40}?(?:(?:19|20)\d{2}|[二〇零一三四五六七八九○]{4})\s*年度?"
    r"[^\s。，；：»>|]{0,6}?|(?<![\d年])(?:19|20)\d{2}\s*年度?[^\s。，；：»>|]{2,30}?)"
    r"(?:政府信息公开|政务公开|信息公开)[^\s。，；：»>|]{0,8}?(?:年度报告|工作报告|年报|的报告)"
)
_CRUMB_TAIL = re.compile(r"^(?:信息公开年报|年度报告|年报|政府信息公开)+")
#: the words a preamble announces the report with: 现公布 / 特发布 / 现将 … 年度报告
_ANNOUNCING = re.compile(r"^(?:现予|现将|现|特|予以|正式)?(?:公布|发布|印发|公开)")


def find_title(lines: list[str], header: dict[str, str], text: str = "") -> str | None:
    for key in TITLE_KEYS:
        if header.get(key):
            return header[key].strip()
    lines = [line.strip() for line in lines[:8]]
    for i, line in enumerate(lines):
        if 6 <= len(line) <= 80 and _TITLE_HINT.search(line) and "。" not in line:
            # a title set over two lines: the body's name above "2024年…年度报告"
            prev = lines[i - 1] if i else ""
            if prev and _YEAR_FIRST.match(line) and len(prev) <= 30 and not _PUNCT.search(prev):
                return prev + line
            # or broken after the year: "宿州市人民政府2016年" above "政府信息公开工作年度报告"
            if prev and _YEAR_LAST.search(prev) and _REPORT_NAME.match(line) and not _PUNCT.search(prev):
                return prev + line
            return line
    # a page run into one line, or a preamble that names the report (现公布…年度报告): the title is near the
    # start, but not inside 《…》: that is another document the preamble cites (关于做好…年度报告编制发布工作的通知)
    head = text[:500]
    for m in _INLINE_TITLE.finditer(head):
        if head.count("《", 0, m.start()) > head.count("》", 0, m.start()):
            continue
        found = _CRUMB_TAIL.sub("", m.group(0)) or m.group(0)
        return _ANNOUNCING.sub("", found) or found
    return None


def find_year(title: str | None, text: str) -> int | None:
    if title:
        m = _YEAR.search(title)
        if m:
            return int(m.group(1))
        m = _CN_YEAR.search(title)
        if m:
            return _cn_year(m.group(1))
    m = _PERIOD.search(text[:5000])
    return int(m.group(1)) if m else None


def find_agency(title: str | None, header: dict[str, str]) -> str | None:
    if title:
        m = _YEAR.search(title) or _CN_YEAR.search(title)
        if m and m.start() > 0:
            agency = re.sub(r"^关于|关于$", "", title[: m.start()].strip(" ，,、"))
            if agency:
                return agency
        if m and m.start() == 0:  # "2019年上海市人民政府办公厅政府信息公开工作年度报告"
            rest = _REPORT_NAME.split(title[m.end() :].lstrip("度 "), 1)[0].strip()
            if rest:
                return rest
    for key in ("发布机构", "发文机关", "来源"):
        if header.get(key):
            return header[key]
    return None


def template_for(year: int | None) -> Template:
    if year is None:
        return "unknown"
    if year >= 2021:
        return "2021"
    if year >= 2019:
        return "2019"
    return "pre-2019"


#: scraper header fields that hold the publication date
DATE_KEYS = ("发布时间", "发布日期", "发文日期", "成文日期", "日期", "时间")
_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")


def find_published(header: dict[str, str]) -> str | None:
    """The publication date of the header (a scraper's ``发布时间``, a page's ``published``), as YYYY-MM-DD."""
    for key in ("published", *DATE_KEYS):
        m = _DATE.search(header.get(key) or "")
        if m:
            y, mo, d = (int(g) for g in m.groups())
            if 1 <= mo <= 12 and 1 <= d <= 31:
                return f"{y:04d}-{mo:02d}-{d:02d}"
    return None


def extract_meta(text: str, header: dict[str, str], year: int | None = None) -> Meta:
    """The :class:`Meta` of a normalised ``text`` (and the scraper ``header``, if any).

    A web page's own title (``<meta name="ArticleTitle">``, ``<title>`` without the
    site's name) comes in ``header`` as ``标题``, its date as ``published``.
    """
    title = find_title(text.split("\n", 10), header, text)
    found_year = find_year(title, text)
    y = year if year is not None else found_year
    return Meta(
        title=title,
        agency=find_agency(title, header),
        year=y,
        template=template_for(y),
        published=find_published(header),
    )
