"""HTML pages and fragments: body text in reading order, tables kept as tables.

Read by :class:`_Tokenizer`, a small HTML tokenizer of our own, because every
extracted character must point back to its line and column in the page (lxml
and BeautifulSoup keep the line of an element but not of the text inside it)
and because the standard library's :class:`html.parser.HTMLParser`, which
reports positions, takes quadratic time on hostile pages (``"</"`` or
``"<!--"`` repeated, an unclosed comment: it searches to the end of the page
again at each one).  The tokenizer reads the page once, left to right, and
remembers every search for a terminator (``>``, ``-->``, a quote) that failed,
so no part of the page is scanned twice: linear time whatever the page holds.
Entities are decoded one at a time so that each keeps its place.

What is kept: text in reading order; block elements (``p``, ``div``, ``br``,
``li``, headings, table rows …) end a line; a ``<table>`` becomes a
:class:`~govtext.io.base.RawTable` and its rows lines of tab-separated cells.
What is dropped: ``script``, ``style``, ``noscript``, ``template``, ``nav``,
``head``, ``select``, ``button``, ``iframe`` and comments; on a whole saved page,
also everything outside the containers that hold the report (menus, sidebars,
share bars, footers, related-article lists), chosen by content
(:func:`choose_content`, ``docs/html.md``).  The page's own title and date are
kept in ``Extraction.page_meta``; a page that holds no report says why in
``Extraction.no_report``.
"""

from __future__ import annotations

import re
from html import unescape

from .base import MAX_COLSPAN, MAX_ROWSPAN, Block, Cell, Extraction, RawTable, span_value

_SKIP = frozenset({"script", "style", "noscript", "template", "nav", "head", "select", "button", "iframe", "svg"})
_BLOCK = frozenset(
    {
        "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
        "table", "tr", "section", "article", "header", "footer", "blockquote", "pre", "hr", "form",
        "caption", "center", "main", "aside", "figure", "figcaption", "tbody", "thead", "tfoot", "title",
    }
)  # fmt: skip
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "wbr"})
#: elements whose text is weighed as a whole when looking for the report on a page
_CONTAINERS = frozenset(
    {"body", "div", "section", "article", "main", "td", "table", "ul", "ol", "dl", "aside", "header", "footer",
     "center", "form", "font"}
)  # fmt: skip
_HEADINGS = {f"h{i}": i for i in range(1, 7)}
_WS = re.compile(r"[ \t\r\n\f\u00a0]+")
_HTML_SNIFF = re.compile(
    r"<!doctype\s+html|<html[\s>]|<body[\s>]|<head[\s>]|<table[\s>]|<div[\s>]|<p[\s>]|<span[\s>]|<br\s*/?>|<td[\s>]"
    r"|<h[1-6][\s>]|<ul[\s>]|<ol[\s>]|<li[\s>]|<section[\s>]|<article[\s>]|<strong[\s>]",
    re.IGNORECASE,
)


def looks_like_html(text: str) -> bool:
    """True when ``text`` is markup: it opens with a tag, or holds many common HTML tags early on."""
    head = text[:4096]
    stripped = head.lstrip()
    if stripped[:1] == "<" and _HTML_SNIFF.match(stripped):
        return True
    return len(_HTML_SNIFF.findall(head)) >= 3


_SPECIAL = re.compile(r"[<&]")
_REF = re.compile(r"&(?:#(?:[0-9]{1,10}|[xX][0-9a-fA-F]{1,8})|[A-Za-z][A-Za-z0-9]{0,31});?")
_START_NAME = re.compile(r"<([A-Za-z][^\s/>]*)")
_END_NAME = re.compile(r"</([A-Za-z][^\s/>]*)")
_ATTR_GAP = re.compile(r"[\s/]*")
_ATTR_NAME = re.compile(r"[^\s/>=]+|=")
_ATTR_EQ = re.compile(r"\s*=\s*")
_UNQUOTED = re.compile(r"[^\s>]*")
_RAWTEXT_END = {tag: re.compile(rf"</{tag}(?=[\s/>])", re.IGNORECASE) for tag in ("script", "style")}
#: nesting beyond these depths is read as flat: no real page nests 200 containers or 32 tables
MAX_CONTAINER_DEPTH = 200
MAX_TABLE_DEPTH = 32


def _opens_markup(raw: str, j: int) -> bool:
    """Does the ``<`` at ``j`` open a tag, an end tag, a comment or a declaration (not ``< 5``, ``<1``)?"""
    nxt = raw[j + 1 : j + 2]
    return nxt in ("/", "!", "?") or ("a" <= nxt.lower() <= "z" and nxt.isascii())


class _Tokenizer:
    """Split a page into tags, text and character references, each with its offset in the page.

    Calls ``handle_starttag(tag, attrs)``, ``handle_startendtag``,
    ``handle_endtag(tag)``, ``handle_data(text)`` and ``handle_ref(text, length)``
    (a decoded reference ``&amp;`` and how many source characters it took) as
    :class:`html.parser.HTMLParser` does, with :attr:`at` the token's offset.
    Comments, ``<!…>``, ``<?…>`` and CDATA are skipped; ``script`` and ``style``
    hold text up to their end tag; a tag cut off by the end of the page is
    dropped, as a browser does.  Every failed search for a terminator is
    remembered (:meth:`_find`), so the page is read in linear time.
    """

    def __init__(self, raw: str) -> None:
        self._raw = raw
        self.at = 0
        self._none_from: dict[str, int] = {}  # needle -> an offset from which the page holds no needle

    def _find(self, needle: str, start: int) -> int:
        """``raw.find(needle, start)``, never searching the same stretch twice for a needle it lacks."""
        bound = self._none_from.get(needle)
        if bound is not None and start >= bound:
            return -1
        k = self._raw.find(needle, start)
        if k < 0:
            self._none_from[needle] = start if bound is None else min(bound, start)
        return k

    def _search(self, key: str, rx: re.Pattern[str], start: int) -> re.Match[str] | None:
        bound = self._none_from.get(key)
        if bound is not None and start >= bound:
            return None
        m = rx.search(self._raw, start)
        if m is None:
            self._none_from[key] = start if bound is None else min(bound, start)
        return m

    def run(self) -> None:
        raw, n = self._raw, len(self._raw)
        i = start = 0  # where to look next; where the text not yet handed on begins
        while True:
            m = _SPECIAL.search(raw, i)
            j = m.start() if m else n
            if j < n and raw[j] == "&":
                ref = _REF.match(raw, j)
                text = unescape(ref.group()) if ref else ""
                if ref is None or text == ref.group():  # no reference: the characters stay text
                    i = ref.end() if ref else j + 1
                    continue
                self._text(start, j)
                self.at = j
                self.handle_ref(text, ref.end() - j)
                i = start = ref.end()
                continue
            if j < n and not _opens_markup(raw, j):
                i = j + 1  # "<" before a space or a digit is text
                continue
            self._text(start, j)
            if j >= n:
                return
            i = start = self._markup(j)

    def _text(self, a: int, b: int) -> None:
        if b > a:
            self.at = a
            self.handle_data(self._raw[a:b])

    def _markup(self, j: int) -> int:
        """Read the markup starting with ``<`` at ``j``; the offset after it."""
        raw, n = self._raw, len(self._raw)
        if raw.startswith("<!--", j):
            k = self._find("-->", j + 4)
            return n if k < 0 else k + 3
        if raw.startswith("<![CDATA[", j):
            k = self._find("]]>", j + 9)
            return n if k < 0 else k + 3
        nxt = raw[j + 1 : j + 2]
        if nxt in ("!", "?"):
            k = self._find(">", j + 2)
            return n if k < 0 else k + 1
        if nxt == "/":
            m = _END_NAME.match(raw, j)
            k = self._find(">", m.end() if m else j + 2)
            if k < 0:
                return n  # cut off by the end of the page
            if m:
                self.at = j
                self.handle_endtag(m.group(1).lower())
            return k + 1
        m = _START_NAME.match(raw, j)
        assert m is not None  # run() hands on only what _opens_markup accepts
        tag = m.group(1).lower()
        attrs: list[tuple[str, str | None]] = []
        pos = m.end()
        while True:
            pos = _ATTR_GAP.match(raw, pos).end()  # type: ignore[union-attr]  # matches the empty string
            if pos >= n:
                return n  # cut off by the end of the page
            if raw[pos] == ">":
                break
            name = _ATTR_NAME.match(raw, pos)
            assert name is not None  # raw[pos] is neither space, "/" nor ">"
            pos = name.end()
            eq = _ATTR_EQ.match(raw, pos)
            if eq is None or name.group() == "=":
                attrs.append((name.group().lower(), None))
                continue
            pos = eq.end()
            if pos < n and raw[pos] in "\"'":
                k = self._find(raw[pos], pos + 1)
                if k < 0:
                    return n
                value, pos = raw[pos + 1 : k], k + 1
            else:
                v = _UNQUOTED.match(raw, pos)
                assert v is not None
                value, pos = v.group(), v.end()
            attrs.append((name.group().lower(), unescape(value)))
        self.at = j
        if raw[pos - 1] == "/":
            self.handle_startendtag(tag, attrs)
            return pos + 1
        self.handle_starttag(tag, attrs)
        if tag not in _RAWTEXT_END:
            return pos + 1
        end = self._search(f"</{tag}", _RAWTEXT_END[tag], pos + 1)
        stop = end.start() if end else n
        if stop > pos + 1:
            self.at = pos + 1
            self.handle_data(raw[pos + 1 : stop])
        if end is None:
            return n
        k = self._find(">", end.end())
        self.at = end.start()
        self.handle_endtag(tag)
        return n if k < 0 else k + 1

    # the callbacks, for subclasses
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None: ...
    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None: ...
    def handle_endtag(self, tag: str) -> None: ...
    def handle_data(self, data: str) -> None: ...
    def handle_ref(self, text: str, length: int) -> None: ...


class _Extractor(_Tokenizer):
    """One pass over the page.

    Without ``keep`` it reads the whole page and also records the element tree
    (containers and links) that :func:`choose_content` scores.  With ``keep``, a
    list of ``[start, end)`` ranges of the source, only what lies inside them is
    read, so every offset of the second pass points into the page as the first did.
    """

    def __init__(self, raw: str, keep: list[tuple[int, int]] | None = None) -> None:
        super().__init__(raw)
        self._keep = keep
        self._keep_i = 0
        # the element tree of the first pass: [tag, raw_start, raw_end, char_start, char_end, parent]
        self.nodes: list[list] = [["#root", 0, len(raw), 0, -1, -1]]  # the page itself is a candidate too
        self._open: list[int] = [0]
        self.links: list[tuple[int, int]] = []
        self._link_start: list[int] = []
        self.meta_tags: dict[str, str] = {}
        self.chars: list[str] = []
        self.origin: list[int] = []
        self.skip_depth = 0
        self.tables: list[RawTable] = []
        self.blocks: list[Block] = []
        # table state: a stack, since tables nest in real pages
        self._tables: list[dict] = []
        self._heading: tuple[int, int] | None = None  # (level, start)
        self._para_start: int | None = None
        self._too_deep: dict[str, int] = {}  # containers opened beyond MAX_CONTAINER_DEPTH, by tag
        self._flat_tables = 0  # tables opened beyond MAX_TABLE_DEPTH

    # -- position helpers -------------------------------------------------
    def _pos(self) -> int:
        return self.at

    def _outside(self, pos: int) -> bool:
        """True when ``pos`` lies outside every kept range (positions only grow)."""
        keep = self._keep
        if keep is None:
            return False
        while self._keep_i < len(keep) and keep[self._keep_i][1] <= pos:
            self._keep_i += 1
        return not (self._keep_i < len(keep) and keep[self._keep_i][0] <= pos)

    def _emit(self, text: str, raw_start: int, raw_len: int | None = None) -> None:
        """Append ``text`` taken from the raw source at ``raw_start``.

        Runs of whitespace collapse to one space, as a browser shows them.
        When ``raw_len`` differs from ``len(text)`` (an entity), every
        character points at the entity's start.
        """
        if self.skip_depth:
            return
        if raw_len is not None:
            for ch in text:
                if ch in " \t\r\n\u00a0":
                    ch = " "
                if ch == " " and (not self.chars or self.chars[-1] in " \n\t"):
                    continue
                self.chars.append(ch)
                self.origin.append(raw_start)
            return
        pos = 0
        for m in _WS.finditer(text):
            self._append_run(text, pos, m.start(), raw_start)
            if self.chars and self.chars[-1] not in " \n\t":
                self.chars.append(" ")
                self.origin.append(raw_start + m.start())
            pos = m.end()
        self._append_run(text, pos, len(text), raw_start)

    def _append_run(self, text: str, a: int, b: int, raw_start: int) -> None:
        if a < b:
            self.chars.extend(text[a:b])
            self.origin.extend(range(raw_start + a, raw_start + b))

    def _newline(self) -> None:
        while self.chars and self.chars[-1] == " ":
            self.chars.pop()
            self.origin.pop()
        if self.chars and self.chars[-1] != "\n":
            self.chars.append("\n")
            self.origin.append(self._pos())

    def _close_para(self) -> None:
        if self._para_start is not None and not self._tables:
            end = len(self.chars)
            if end > self._para_start and "".join(self.chars[self._para_start : end]).strip():
                self.blocks.append(Block("paragraph", self._para_start, end))
        self._para_start = None

    # -- parser callbacks -------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta" and self._keep is None:
            a = dict(attrs)
            key = (a.get("name") or a.get("property") or a.get("itemprop") or "").strip().lower()
            if key and a.get("content"):
                self.meta_tags.setdefault(key, a["content"] or "")
        if self._outside(self._pos()):
            return
        if self._keep is None and not self.skip_depth:
            if tag in _CONTAINERS and len(self._open) > MAX_CONTAINER_DEPTH:
                self._too_deep[tag] = self._too_deep.get(tag, 0) + 1  # read as flat, not as a candidate
            elif tag in _CONTAINERS:
                self._open.append(len(self.nodes))
                parent = self._open[-2]
                self.nodes.append([tag, self._pos(), -1, len(self.chars), -1, parent])
            elif tag == "a":
                self._link_start.append(len(self.chars))
        if tag in _SKIP:
            if tag not in _VOID:
                self.skip_depth += 1
            return
        if self.skip_depth:
            return
        if tag in _BLOCK:
            self._newline()
            self._close_para()
        if tag == "table" and len(self._tables) >= MAX_TABLE_DEPTH:
            self._flat_tables += 1  # its rows and cells go to the table around it
        elif tag == "table":
            self._tables.append({"rows": [], "row": None, "cell": None, "start": len(self.chars)})
        elif self._tables and tag == "tr":
            self._tables[-1]["row"] = []
        elif self._tables and tag in ("td", "th"):
            t = self._tables[-1]
            if t["row"] is None:
                t["row"] = []
            if t["cell"] is not None:
                self._finish_cell()
            if t["row"]:
                self.chars.append("\t")
                self.origin.append(self._pos())
            a = dict(attrs)
            rowspan, colspan = span_value(a.get("rowspan"), MAX_ROWSPAN), span_value(a.get("colspan"), MAX_COLSPAN)
            t["cell"] = (len(self.chars), rowspan, colspan)
        elif tag in _HEADINGS:
            self._heading = (_HEADINGS[tag], len(self.chars))
        if tag in _BLOCK and tag not in ("table", "tr") and not self._tables and tag not in _HEADINGS:
            self._para_start = len(self.chars)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            self.handle_starttag(tag, attrs)
            return
        if tag in _BLOCK and not self.skip_depth and not self._outside(self._pos()):
            self._newline()

    def handle_endtag(self, tag: str) -> None:
        if self._outside(self._pos()):
            return
        if self._keep is None and not self.skip_depth:
            if self._too_deep.get(tag):
                self._too_deep[tag] -= 1
            elif tag in _CONTAINERS and any(self.nodes[i][0] == tag for i in self._open):
                end = self._raw.find(">", self._pos())
                end = len(self._raw) if end < 0 else end + 1
                while self._open:
                    node = self.nodes[self._open.pop()]
                    node[2], node[4] = end, len(self.chars)
                    if node[0] == tag:
                        break
            elif tag == "a" and self._link_start:
                self.links.append((self._link_start.pop(), len(self.chars)))
        if tag in _SKIP:
            if tag not in _VOID and self.skip_depth:
                self.skip_depth -= 1
            return
        if self.skip_depth:
            return
        if self._tables and tag in ("td", "th"):
            self._finish_cell()
        elif self._tables and tag == "tr":
            self._finish_row()
        elif tag == "table" and self._flat_tables:
            self._flat_tables -= 1
            return
        elif tag == "table" and self._tables:
            self._finish_row()
            t = self._tables.pop()
            self._newline()
            rows = tuple(tuple(r) for r in t["rows"] if r)
            if rows and not _is_layout(rows):
                # a data table: a block element inside a cell must not break the row's line
                for cell in (c for row in rows for c in row):
                    for i in range(cell.start, cell.end):
                        if self.chars[i] == "\n":
                            self.chars[i] = " "
                self.tables.append(RawTable(rows, t["start"], len(self.chars)))
                self.blocks.append(Block("table", t["start"], len(self.chars)))
            return
        elif tag in _HEADINGS and self._heading is not None:
            level, start = self._heading
            self._heading = None
            end = len(self.chars)
            if "".join(self.chars[start:end]).strip() and not self._tables:
                self.blocks.append(Block("heading", start, end, bold=True, level=level))
        if tag in _BLOCK:
            self._close_para()
            self._newline()

    def _finish_cell(self) -> None:
        t = self._tables[-1]
        if t["cell"] is None:
            return
        start, rowspan, colspan = t["cell"]
        while len(self.chars) > start and self.chars[-1] in " \n":
            self.chars.pop()
            self.origin.pop()
        text = " ".join("".join(self.chars[start:]).split())
        if t["row"] is None:
            t["row"] = []
        t["row"].append(Cell(text, start, len(self.chars), rowspan, colspan))
        t["cell"] = None

    def _finish_row(self) -> None:
        t = self._tables[-1]
        if t["cell"] is not None:
            self._finish_cell()
        if t["row"]:
            t["rows"].append(t["row"])
            self._newline()
        t["row"] = None

    def handle_data(self, data: str) -> None:
        start = self._pos()
        if not self._outside(start):
            self._emit(data, start)

    def handle_ref(self, text: str, length: int) -> None:
        start = self._pos()
        if not self._outside(start):
            self._emit(text, start, length)


def _is_layout(rows: tuple[tuple[Cell, ...], ...]) -> bool:
    """A table used for page layout, not data: some cell holds running prose.

    Many government CMS pages put the whole article in a ``<td>``; its
    paragraphs are prose and must stay sentences.
    """
    for row in rows:
        for cell in row:
            text = cell.text
            if len(text) > 150 or (len(text) > 40 and ("。" in text or text.count("，") >= 2)):
                return True
    return False


# -- finding the report on a page ------------------------------------------------------------

#: the report's own words: a line that holds them is the report's, not the site's
_REPORT_WORDS = re.compile(
    r"政府信息公开|政务公开|信息公开|主动公开|依申请|行政复议|行政诉讼|信息处理费|公开申请|年度报告|政策解读|答复|办理"
)
#: a site's furniture: footers, share bars, breadcrumbs, pagers, related-article lists
_CHROME = re.compile(
    r"主办单位|承办单位|协办单位|主管单位|网站标识码|ICP备|ICP证|公网安备|版权所有|技术支持|联系我们|网站地图|网站声明|"
    r"隐私|分享到|打印本页|打印|关闭窗口|【关闭】|关闭|上一篇|下一篇|上一条|下一条|相关链接|相关文章|相关阅读|相关信息|"
    r"友情链接|当前位置|您现在的位置|您的位置|首页|字号|扫一扫|浏览次数|访问量|点击数|阅读次数|收藏|无障碍|适老化|"
    r"站内搜索|搜索|登录|注册|English|手机版|微信|微博|返回顶部"
)
_CRUMB = re.compile(r"\s*(?:当前位置|您现在的位置|您的位置|所在位置)\s*[:：]")
_NUMBERED = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|（[一二三四五六七八九十]+）|\d+[、.．])")
_DIGIT = re.compile(r"\d")
_FULL_PAGE = re.compile(r"<body[\s>]|<html[\s>]", re.IGNORECASE)
#: a page under this many characters of text is read whole: there is nothing to choose between
_SMALL_PAGE = 300


def _line_weight(line: str, link_chars: int) -> float:
    """How much a line of the page speaks for the container it sits in being the report.

    Prose (sentences, the report's vocabulary, table rows of numbers) counts for;
    links, footers, share bars and pagers count against; a short plain line
    (a caption, a signature, a date) counts for nothing either way.
    """
    n = sum(1 for ch in line if not ch.isspace())
    if not n:
        return 0.0
    link = min(1.0, link_chars / n)
    words = len(_REPORT_WORDS.findall(line))
    if link > 0.5:
        return -(5.0 + n * link)
    if n <= 60 and (_CRUMB.match(line) or (_CHROME.search(line) and not words)):
        return -(20.0 + n)
    if "\t" in line and _DIGIT.search(line):  # a table row
        return 0.5 * n + 5.0 * words
    sentences = line.count("。") + line.count("；")
    if sentences or n >= 40 or words or _NUMBERED.match(line):
        return n * (1.0 - link) + 10.0 * words + 5.0 * sentences
    return 0.0


class _Page:
    """The first pass's lines and containers, scored."""

    def __init__(self, parser: _Extractor) -> None:
        chars = parser.chars
        n = len(chars)
        # characters inside <a>, as a prefix sum
        diff = [0] * (n + 1)
        for a, b in parser.links:
            if b > a:
                diff[a] += 1
                diff[b] -= 1
        in_link = [0] * (n + 1)
        run = 0
        for i in range(n):
            run += diff[i]
            in_link[i + 1] = in_link[i] + (1 if run > 0 and not chars[i].isspace() else 0)
        text = "".join(chars)
        self.text = text
        self.lines: list[tuple[int, int, float, int]] = []  # start, end, weight, link chars
        start = 0
        for part in text.split("\n"):
            end = start + len(part)
            links = in_link[end] - in_link[start]
            self.lines.append((start, end, _line_weight(part, links), links))
            start = end + 1
        self.starts = [ln[0] for ln in self.lines]
        self.ends = [ln[1] for ln in self.lines]
        self.prefix = [0.0]
        for ln in self.lines:
            self.prefix.append(self.prefix[-1] + ln[2])

    def span_lines(self, a: int, b: int) -> tuple[int, int]:
        """The lines lying wholly inside characters ``[a, b)``: indexes ``[i, j)``."""
        from bisect import bisect_left, bisect_right

        i = bisect_left(self.starts, a)
        return i, max(i, bisect_right(self.ends, b))

    def score(self, a: int, b: int) -> float:
        i, j = self.span_lines(a, b)
        return self.prefix[j] - self.prefix[i]


def choose_content(raw: str, parser: _Extractor) -> tuple[list[tuple[int, int]] | None, str | None]:
    """The source ranges that hold the report, and why the page holds none (or ``None``).

    The report's container is found by what it holds, not by a CMS's class
    names: every container (``div``, ``td``, ``article`` …) is scored by the
    lines inside it (:func:`_line_weight`), and the best one is kept.  Any
    other container that holds the report's vocabulary or a table of numbers
    and scores above zero on its own is kept too (a table in a sibling
    ``div``, a report split over several ``div`` elements, the title above the body):
    dropping part of a report would be worse than keeping a stray line.
    ``None`` for the ranges keeps the whole page.
    """
    nodes = parser.nodes
    page = _Page(parser)
    content_chars = sum(1 for ch in page.text if not ch.isspace())
    if len(nodes) <= 1 or content_chars < _SMALL_PAGE:
        return None, _no_report_reason(raw, page, 0, len(page.text))
    scores = [page.score(nd[3], nd[4]) for nd in nodes]
    # the best container; among equal scores the outer one (keep more when unsure)
    best = max(range(len(nodes)), key=lambda k: (round(scores[k], 6), nodes[k][4] - nodes[k][3]))
    if scores[best] <= 0:
        return None, _no_report_reason(raw, page, 0, len(page.text))
    children: dict[int, list[int]] = {}
    for k, nd in enumerate(nodes):
        children.setdefault(nd[5], []).append(k)
    keep = [best]
    inside = {best}
    # every container outside the best one: is there report in it?
    ancestors = []
    k = nodes[best][5]
    while k != -1:
        ancestors.append(k)
        k = nodes[k][5]
    line_of_best = page.span_lines(nodes[best][3], nodes[best][4])
    for anc in [*ancestors, -1]:
        for child in children.get(anc, []):
            if child in inside or child in ancestors or child == best:
                continue
            found = _best_within(child, nodes, children, scores, page)
            if found is not None:
                keep.append(found)
                inside.add(found)
    ranges = _merge(sorted((nodes[k][1], nodes[k][2]) for k in keep))
    # inside what is kept, a container of nothing but furniture (breadcrumb, share bar, 【打印】) goes
    drop: list[tuple[int, int]] = []
    stack = [c for k in keep for c in children.get(k, [])]
    while stack:
        j = stack.pop()
        i0, i1 = page.span_lines(nodes[j][3], nodes[j][4])
        weights = [ln[2] for ln in page.lines[i0:i1]]
        if weights and max(weights) <= 0 < -min(weights):
            drop.append((nodes[j][1], nodes[j][2]))
        else:
            stack.extend(children.get(j, []))
    ranges = _subtract(ranges, _merge(sorted(drop)))
    reason = _no_report_reason(raw, page, *line_of_best, by_lines=True)
    return ranges, reason


def _best_within(
    k: int, nodes: list[list], children: dict[int, list[int]], scores: list[float], page: _Page
) -> int | None:
    """The container in ``k``'s subtree worth keeping beside the report, if any."""
    best, best_score = None, 0.0
    stack = [k]
    while stack:
        j = stack.pop()
        a, b = nodes[j][3], nodes[j][4]
        if scores[j] > best_score and _has_report(page, a, b):
            best, best_score = j, scores[j]
        stack.extend(children.get(j, []))
    return best


def _has_report(page: _Page, a: int, b: int) -> bool:
    i, j = page.span_lines(a, b)
    words = 0
    for start, end, weight, _ in page.lines[i:j]:
        line = page.text[start:end]
        if weight > 0 and ("\t" in line and _DIGIT.search(line)):
            return True
        if weight > 0:
            words += len(_REPORT_WORDS.findall(line))
    return words >= 2


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in ranges:
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _subtract(ranges: list[tuple[int, int]], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for a, b in ranges:
        for h0, h1 in holes:
            if h1 <= a or h0 >= b:
                continue
            if h0 > a:
                out.append((a, h0))
            a = max(a, h1)
        if a < b:
            out.append((a, b))
    return out


def _no_report_reason(raw: str, page: _Page, a: int, b: int, by_lines: bool = False) -> str | None:
    """Why a whole page (not a fragment) holds no report: a list of links, or next to no text."""
    if not _FULL_PAGE.search(raw[:4096]):
        return None
    i, j = (a, b) if by_lines else page.span_lines(a, b)
    lines = [ln for ln in page.lines[i:j] if page.text[ln[0] : ln[1]].strip()]
    if not lines:
        return "the page holds no text"
    linked = [ln for ln in lines if ln[3] > 0.5 * sum(1 for ch in page.text[ln[0] : ln[1]] if not ch.isspace())]
    prose = sum(
        sum(1 for ch in page.text[s:e] if not ch.isspace()) - links
        for s, e, w, links in lines
        if w > 0 and ("。" in page.text[s:e] or "\t" in page.text[s:e])
    )
    if len(linked) >= 5 and len(linked) >= 0.4 * len(lines) and prose < 400:
        return (
            f"the page is a list of links, not a report ({len(linked)} of the {len(lines)} lines of its main part are links, "
            f"{prose} characters of prose)"
        )
    if prose < 100:
        return f"the page holds no report text ({prose} characters of prose outside menus, links and footers)"
    return None


# -- page metadata -------------------------------------------------------------------------------

_TAG = re.compile(r"<[^>]*>")
_SITE_TAIL = re.compile(r"^(.{4,}?)\s*[_|｜\-–—]+\s*([^_|｜\-–—]{2,40})$")
_SITE_WORDS = re.compile(r"政府|网站|门户|网$|信息公开|政务公开|办公室|首页|官网|专栏|平台")
_TITLE_META = ("articletitle", "og:title", "title", "dc.title")
_DATE_META = ("pubdate", "publishdate", "firstpublishedtime", "article:published_time", "dc.date", "date")
_DATE_LABEL = re.compile(
    r"(?:发布时间|发布日期|发文日期|成文日期|公开日期|时间|日期)\s*[:：]\s*"
    r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"
)
_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_META_WINDOW = 1 << 16


def strip_site_name(title: str) -> str:
    """``关于…的报告_XX区人民政府网站`` → ``关于…的报告`` (the site's name after ``_``, ``-``, ``|``)."""
    title = " ".join(title.split())
    while True:
        m = _SITE_TAIL.match(title)
        if not m or not _SITE_WORDS.search(m.group(2)):
            return title
        title = m.group(1).strip()


def _iso(y: str, m: str, d: str) -> str | None:
    mi, di = int(m), int(d)
    return f"{int(y):04d}-{mi:02d}-{di:02d}" if 1 <= mi <= 12 and 1 <= di <= 31 else None


def _first_element(html: str, tag: str) -> str | None:
    """The markup inside the first ``<tag …>…</tag>`` of ``html`` (one forward search each: linear)."""
    low = html.lower()
    m = re.compile(rf"<{tag}(?=[\s>/])").search(low)
    if m is None:
        return None
    open_end = low.find(">", m.end())
    close = low.find(f"</{tag}", open_end + 1) if open_end >= 0 else -1
    return html[open_end + 1 : close] if close >= 0 else None


def page_meta(raw: str, parser: _Extractor) -> dict[str, str]:
    """The page's own title and publication date, from ``<meta>``, ``<title>``, ``<h1>`` and a 发布时间 line."""
    out: dict[str, str] = {}
    tags = parser.meta_tags
    title = next((tags[k] for k in _TITLE_META if tags.get(k, "").strip()), None)
    head = raw[:_META_WINDOW]  # a page's title is near its top
    for tag in ("title", "h1"):
        if title is None:
            inner = _first_element(head, tag)
            if inner is not None and unescape(_TAG.sub("", inner)).strip():
                title = unescape(_TAG.sub("", inner))
    if title:
        title = strip_site_name(unescape(title)[:300])
        if title:
            out["title"] = title
    for k in _DATE_META:
        m = _DATE.search(tags.get(k, ""))
        if m and _iso(*m.groups()):
            out["published"] = _iso(*m.groups()) or ""
            break
    else:
        m = _DATE_LABEL.search("".join(parser.chars))
        if m and _iso(*m.groups()):
            out["published"] = _iso(*m.groups()) or ""
    return out


def _parse(raw: str, keep: list[tuple[int, int]] | None) -> _Extractor:
    parser = _Extractor(raw, keep)
    parser.run()
    parser.skip_depth = 0  # a truncated page may end inside <script> or <button>
    while parser._tables:  # an unclosed table at the end of a truncated page
        parser.handle_endtag("table")
    parser._close_para()
    for k in parser._open:  # containers a truncated page never closed
        parser.nodes[k][2], parser.nodes[k][4] = len(raw), len(parser.chars)
    while parser.chars and parser.chars[-1] in " \n":
        parser.chars.pop()
        parser.origin.pop()
    return parser


def read_html(raw: str, *, encoding: str | None = None, whole_page: bool = False) -> Extraction:
    """Extract the report from an HTML page or fragment.

    The page is read once whole; :func:`choose_content` then picks the parts
    that hold the report, and only those are read again, so menus, footers and
    related-article lists never reach the text while every kept character
    still points at its place in the page.  ``whole_page=True`` keeps everything.
    """
    parser = _parse(raw, None)
    meta = page_meta(raw, parser)
    keep, reason = (None, None) if whole_page else choose_content(raw, parser)
    if keep is not None:
        parser = _parse(raw, keep)
    return Extraction(
        text="".join(parser.chars),
        format="html",
        encoding=encoding,
        raw_text=raw,
        origin=parser.origin,
        tables=parser.tables,
        blocks=sorted(parser.blocks, key=lambda b: b.start),
        page_meta=meta,
        no_report=reason,
    )
