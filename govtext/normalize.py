"""Text normalisation as small composable steps that keep a map to the source.

Each step is a function ``OffsetText -> OffsetText`` with one job (textacy's
style, with one twist): an :class:`OffsetText` carries, for every character of
its text, the ``[start, end)`` range of source characters it came from, and every
step keeps that map right.  So after any composition a span of the normalised
text still names the exact characters of the extracted source, and through
:meth:`govtext.io.Extraction.locate` its line, column and page.

>>> from govtext.normalize import normalize
>>> ot = normalize("您現(xiàn)在的位置：首頁\\n2024 年，共１５１條")
>>> ot.text
'2024年，共151条'
>>> ot.source_span(0, 4)  # "2024" is at characters 22-26 of the source
(22, 26)

The default pipeline (:data:`DEFAULT_STEPS`), in order:

==========================  ==================================================
step                        does
==========================  ==================================================
:func:`unify_newlines`      CRLF/CR/U+2028 → LF
:func:`remove_invisible`    zero-width characters, BOM, soft hyphen, controls
:func:`unify_spaces`        NBSP, ideographic and other spaces → one space
:func:`strip_markup`        leftover HTML comments, tags and entities in text
:func:`fold_compat`         Kangxi radicals, compatibility ideographs → 一 月 …
:func:`remove_pinyin`       ``現(xiàn)在`` → ``現在`` (real parentheses stay)
:func:`to_simplified`       traditional → simplified (OpenCC ``t2s``)
:func:`fold_width`          full-width digits, letters and ``%`` → ASCII
:func:`unify_punctuation`   half-width ``,;:?!()`` in Chinese text → full-width
:func:`strip_crawler_header`  a scraper's ``标题: … ==== 正文 ====`` header
:func:`remove_furniture`    breadcrumbs, 字体[大][中][小], 打印本页, ``- 3 -`` …
:func:`join_wrapped_lines`  a PDF's line wraps inside a sentence
:func:`remove_cjk_spaces`   ``2024 年`` → ``2024年``, ``一、 总体`` → ``一、总体``
:func:`collapse_whitespace`  runs of spaces, blank lines, page breaks
==========================  ==================================================
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache, reduce
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from numpy.typing import NDArray
    from opencc import OpenCC

Step = Callable[["OffsetText"], "OffsetText"]
Replacement = str | Callable[[re.Match[str]], str]

# ---------------------------------------------------------------------------
# OffsetText and its editing primitive
# ---------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class OffsetText:
    """Text plus, for each character, the source range ``[starts[i], ends[i])`` it came from."""

    text: str
    starts: NDArray[np.int64]
    ends: NDArray[np.int64]

    @classmethod
    def from_text(cls, text: str) -> OffsetText:
        """The identity map: character ``i`` comes from source character ``i``."""
        n = len(text)
        return cls(text, np.arange(n, dtype=np.int64), np.arange(1, n + 1, dtype=np.int64))

    def __len__(self) -> int:
        return len(self.text)

    def __repr__(self) -> str:
        preview = self.text if len(self.text) <= 40 else self.text[:37] + "..."
        return f"OffsetText({preview!r}, n={len(self.text)})"

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The source range covered by ``text[start:end]`` (an empty range maps to a point)."""
        n = len(self.text)
        if n == 0:
            return 0, 0
        start = min(max(start, 0), n)
        end = min(max(end, start), n)
        if start == end:
            point = int(self.starts[start]) if start < n else int(self.ends[n - 1])
            return point, point
        return int(self.starts[start]), int(self.ends[end - 1])

    def edit(self, edits: Iterable[tuple[int, int, str]]) -> OffsetText:
        """Apply non-overlapping ``(start, end, replacement)`` edits, sorted by ``start``.

        A replacement as long as what it replaces maps character by character;
        otherwise each of its characters maps to the whole replaced range, and
        a deletion maps to nothing.  The map is built for all edits at once: the
        new text is a run of segments — kept text, replacement, kept text, … —
        and each segment's source offsets are a start plus a step (1 where the
        characters map one to one, 0 where all map to one range).
        """
        text, starts, ends = self.text, self.starts, self.ends
        n = len(text)
        pieces: list[str] = []
        # per segment: its length, the source index its first character maps to, and the step
        seg_len: list[int] = []
        seg_from: list[int] = []
        seg_step: list[int] = []
        # a segment that maps to a whole range uses these (index -1 - k of ranges)
        ranges_s: list[int] = []
        ranges_e: list[int] = []
        pos = 0
        changed = False
        for s, e, rep in edits:
            if s < pos:
                raise ValueError("edits overlap or are not sorted")
            if len(rep) == e - s and text[s:e] == rep:
                continue
            changed = True
            if pos < s:
                pieces.append(text[pos:s])
                seg_len.append(s - pos)
                seg_from.append(pos)
                seg_step.append(1)
            if rep:
                pieces.append(rep)
                seg_len.append(len(rep))
                if len(rep) == e - s:
                    seg_from.append(s)
                    seg_step.append(1)
                else:
                    seg_from.append(-1 - len(ranges_s))
                    seg_step.append(0)
                    src_s = int(starts[s]) if s < n else (int(ends[-1]) if n else 0)
                    ranges_s.append(src_s)
                    ranges_e.append(int(ends[e - 1]) if e > s else src_s)
            pos = e
        if not changed:
            return self
        if pos < n:
            pieces.append(text[pos:])
            seg_len.append(n - pos)
            seg_from.append(pos)
            seg_step.append(1)
        new_text = "".join(pieces)
        if not seg_len:
            empty = np.zeros(0, dtype=np.int64)
            return OffsetText(new_text, empty, empty.copy())
        lengths = np.asarray(seg_len, dtype=np.int64)
        offsets = np.arange(len(new_text), dtype=np.int64) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        all_idx = np.repeat(np.asarray(seg_from, dtype=np.int64), lengths) + offsets * np.repeat(
            np.asarray(seg_step, dtype=np.int64), lengths
        )
        direct = all_idx >= 0
        new_starts = np.empty(len(all_idx), dtype=np.int64)
        new_ends = np.empty(len(all_idx), dtype=np.int64)
        new_starts[direct] = starts[all_idx[direct]]
        new_ends[direct] = ends[all_idx[direct]]
        if not direct.all():
            which = -1 - all_idx[~direct]
            new_starts[~direct] = np.asarray(ranges_s, dtype=np.int64)[which]
            new_ends[~direct] = np.asarray(ranges_e, dtype=np.int64)[which]
        return OffsetText(new_text, new_starts, new_ends)

    def sub(self, pattern: re.Pattern[str] | str, repl: Replacement, count: int = 0) -> OffsetText:
        """``re.sub`` that keeps the offset map."""
        rx = re.compile(pattern) if isinstance(pattern, str) else pattern
        if isinstance(repl, str) and "\\" not in repl and not count:
            # a literal replacement (no group references): no expand() per match
            return self.edit([(m.start(), m.end(), repl) for m in rx.finditer(self.text)])
        edits = []
        for n, m in enumerate(rx.finditer(self.text)):
            if count and n >= count:
                break
            rep = repl(m) if callable(repl) else m.expand(repl)
            edits.append((m.start(), m.end(), rep))
        return self.edit(edits)

    def translate(self, table: dict[int, str], trigger: re.Pattern[str] | None = None) -> OffsetText:
        """``str.translate`` for a one-character-to-one-character table: the map is unchanged.

        ``trigger``, a pattern matching any key of ``table``, skips the work
        when nothing in the text needs translating.
        """
        if trigger is not None and trigger.search(self.text) is None:
            return self
        new = self.text.translate(table)
        if len(new) != len(self.text):
            raise ValueError("translate() needs a table that maps each character to exactly one")
        return OffsetText(new, self.starts, self.ends) if new != self.text else self


def make_pipeline(*steps: Step) -> Step:
    """Compose ``steps`` left to right into one step."""
    return lambda ot: reduce(lambda acc, step: step(acc), steps, ot)


# ---------------------------------------------------------------------------
# character classes
# ---------------------------------------------------------------------------

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_PUNCT = "，。、；：？！…—“”‘’（）《》〈〉【】「」『』〔〕"

# ---------------------------------------------------------------------------
# the steps
# ---------------------------------------------------------------------------

_NEWLINES = re.compile(r"(?=[\r\u2028\u2029\u0085\v])(?:\r\n?|[\u2028\u2029\u0085\v])")


def unify_newlines(ot: OffsetText) -> OffsetText:
    """CRLF, CR, U+2028/2029, NEL and vertical tab become ``\\n``; form feeds (page breaks) stay."""
    return ot.sub(_NEWLINES, "\n")


_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad\u180e\x00-\x08\x0e-\x1f\x7f]")


def remove_invisible(ot: OffsetText) -> OffsetText:
    """Remove zero-width characters, BOMs, soft hyphens and stray control characters."""
    return ot.sub(_INVISIBLE, "")


_SPACES = dict.fromkeys((0x00A0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000), " ")
_SPACES_RE = re.compile("[" + "".join(map(chr, _SPACES)) + "]")


def unify_spaces(ot: OffsetText) -> OffsetText:
    """NBSP, the ideographic space (U+3000) and other Unicode spaces become a plain space."""
    return ot.translate(_SPACES, _SPACES_RE)


_MARKUP_REST = (
    r"<!--\[if[^\]]{0,200}\]>|<!\[endif\]-->|<!\[if[^\]]{0,200}\]>|<!\[endif\]>"
    r"|</?(?:p|span|div|br|font|strong|b|i|u|td|tr|table|tbody|img|a|o:p)\b[^<>\n]{0,300}>"
    r"|&(?:nbsp|amp|lt|gt|quot|ldquo|rdquo|hellip|mdash|middot|#\d{2,6}|#x[0-9a-fA-F]{2,5});"
)
_MARKUP = re.compile(r"<!--.*?-->|" + _MARKUP_REST, re.IGNORECASE | re.DOTALL)
#: after the last "-->" no comment can close: there a comment is not looked for (each unclosed
#: "<!--" would scan to the end of the text: 20 000 of them in 80 KB took 10 s)
_MARKUP_TAIL = re.compile(_MARKUP_REST, re.IGNORECASE | re.DOTALL)
_ENTITY_TEXT = {"&nbsp;": " ", "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&ldquo;": "“",
                "&rdquo;": "”", "&hellip;": "…", "&mdash;": "—", "&middot;": "·"}  # fmt: skip


def _markup_repl(m: re.Match[str]) -> str:
    s = m.group(0)
    if s.startswith("&"):
        low = s.lower()
        if low in _ENTITY_TEXT:
            return _ENTITY_TEXT[low]
        try:
            code = int(low[3:-1], 16) if low.startswith("&#x") else int(low[2:-1])
        except ValueError:
            return ""
        # no surrogates (they cannot be encoded) and no control characters
        if code < 0x20 or 0x7F <= code < 0xA0 or 0xD800 <= code <= 0xDFFF or code >= 0x110000:
            return ""
        return chr(code)
    return ""


def strip_markup(ot: OffsetText) -> OffsetText:
    """Remove HTML left in text: comments such as ``<!--[if !supportLists]-->``, stray tags, entities.

    Only well-known tags are removed, so ``<5`` or ``《条例》`` are never touched.
    """
    text = ot.text
    if "<" not in text and "&" not in text:
        return ot
    closed = text.rfind("-->") + 3 if "-->" in text else 0
    matches = [*_MARKUP.finditer(text, 0, closed), *_MARKUP_TAIL.finditer(text, closed)]
    return ot.edit([(m.start(), m.end(), _markup_repl(m)) for m in matches])


# -- pinyin ------------------------------------------------------------------

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN_LETTERS = f"a-zü{_TONED}"
_INITIALS = "(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
_SYLLABLE = re.compile(rf"{_INITIALS}(?:[aeiouüv{_TONED}]{{1,3}}(?:ng|n|r)?|[mnńňǹḿ]g?)")
_PINYIN_ANNOT = re.compile(rf"(?<=[{CJK}])(?:[(（][{_PINYIN_LETTERS}]{{1,6}}[1-5]?[)）])+")
_ONE_ANNOT = re.compile(rf"[(（]([{_PINYIN_LETTERS}]{{1,6}}[1-5]?)[)）]")
#: toneless annotations count as a scraper's without a toned one in sight where there are at least this many,
#: one for every this many characters of the text at least
TONELESS_MIN, TONELESS_EVERY = 8, 60


def _is_syllable(s: str) -> bool:
    return _SYLLABLE.fullmatch(s.rstrip("12345")) is not None


def remove_pinyin(ot: OffsetText) -> OffsetText:
    """Remove pinyin annotations that scrapers insert after characters: ``機(jī)關(guān)`` → ``機關``.

    An annotation is a parenthesised pinyin syllable right after a Chinese
    character, or a run of them (``政(zheng)(zheng)府``: some sites repeat it).
    One with a tone mark (``(xiàn)``) is removed wherever it is; toneless ones
    (``(de)``, ``國(guo)``) where the text carries at least three toned ones, or
    where toneless ones alone are many and dense (at least ``TONELESS_MIN``, one
    for every ``TONELESS_EVERY`` characters: a page annotated without tone
    marks), so that a real parenthesis is never mistaken for pinyin.
    ``（一）``, ``(2023)`` and ``(PDF)`` are never touched.
    """
    if "(" not in ot.text and "（" not in ot.text:
        return ot
    matches = [
        m for m in _PINYIN_ANNOT.finditer(ot.text) if all(_is_syllable(a) for a in _ONE_ANNOT.findall(m.group(0)))
    ]
    toned = [m for m in matches if any(c in _TONED for c in m.group(0).lower())]
    if len(toned) >= 3 or (len(matches) >= TONELESS_MIN and len(matches) * TONELESS_EVERY >= len(ot.text)):
        chosen = matches
    else:
        chosen = toned
    if not chosen:
        return ot
    return ot.edit((m.start(), m.end(), "") for m in chosen)


# -- traditional -> simplified ----------------------------------------------


@lru_cache(maxsize=1)
def _opencc() -> OpenCC:
    import opencc

    return opencc.OpenCC("t2s")


_CHUNK = re.compile(r"[^，。；：！？、\n]+[，。；：！？、\n]?")


def simplified(text: str) -> str:
    """``text`` in simplified characters (OpenCC ``t2s``), without an offset map: for comparing labels."""
    return str(_opencc().convert(text))


def to_simplified(ot: OffsetText) -> OffsetText:
    """Convert traditional characters to simplified with OpenCC (``t2s``, phrase-aware).

    Conversion nearly always keeps the length, and then the map is untouched.
    Where a phrase conversion changes the length, each clause is converted on
    its own and only a changed clause maps to its whole source range.
    """
    cc = _opencc()
    converted = cc.convert(ot.text)
    if converted == ot.text:
        return ot
    if len(converted) == len(ot.text):
        return OffsetText(converted, ot.starts, ot.ends)
    edits = []
    for m in _CHUNK.finditer(ot.text):
        chunk = m.group(0)
        out = cc.convert(chunk)
        if out != chunk:
            edits.append((m.start(), m.end(), out))
    return ot.edit(edits)


# -- compatibility characters --------------------------------------------------


def _compat_table() -> dict[int, str]:
    table = {}
    for cp in (*range(0x2E80, 0x2FE0), *range(0xF900, 0xFB00)):
        folded = unicodedata.normalize("NFKC", chr(cp))
        if folded != chr(cp) and len(folded) == 1:
            table[cp] = folded
    return table


_COMPAT = _compat_table()
_COMPAT_RE = re.compile("[" + "".join(map(chr, _COMPAT)) + "]")


def fold_compat(ot: OffsetText) -> OffsetText:
    """Kangxi radicals and CJK compatibility ideographs become the ordinary characters.

    PDFs made from Word often carry ``⼀、总体情况`` with U+2F00 KANGXI RADICAL ONE for
    一, or ``⽉`` for 月; they look the same and match nothing.  Folded one to one, by
    Unicode's NFKC mapping, so the offset map is untouched.
    """
    return ot.translate(_COMPAT, _COMPAT_RE)


# -- width and punctuation ---------------------------------------------------

_FULLWIDTH = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}
# Chinese punctuation stays full-width; everything else in the block folds.
for _ch in "，。；：？！（）【】《》〈〉「」『』、～":
    _FULLWIDTH.pop(ord(_ch), None)


_FULLWIDTH_RE = re.compile("[" + "".join(re.escape(chr(cp)) for cp in _FULLWIDTH) + "]")


def fold_width(ot: OffsetText) -> OffsetText:
    """Full-width digits, Latin letters and symbols (``１５１``, ``％``, ``ＰＤＦ``) become ASCII.

    Chinese punctuation (，。；：？！（）《》【】) is left full-width.
    """
    return ot.translate(_FULLWIDTH, _FULLWIDTH_RE)


_HALF_PUNCT = re.compile(r"[,;:?!]")
_CJK_OR_PUNCT = re.compile(rf"[{CJK}{_CJK_PUNCT}]")
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_PAREN = re.compile(rf"\(([^()\n]{{0,60}}[{CJK}][^()\n]{{0,60}})\)|(?<=[{CJK}])\(([^()\n]{{1,60}})\)")


def unify_punctuation(ot: OffsetText) -> OffsetText:
    """Half-width ``, ; : ? !`` and parentheses in Chinese context become full-width.

    ``3,119``, ``16:34``, ``www.example.gov.cn`` and a parenthesis holding only
    Latin text between Latin words are left alone.
    """

    text = ot.text
    is_cjk = _CJK_OR_PUNCT.match
    edits = []
    for m in _HALF_PUNCT.finditer(text):
        a, b = m.start(), m.end()
        ch = text[a]
        while a and text[a - 1] in " \t":  # "通知 ," -> the spaces go with the comma
            a -= 1
        before = text[a - 1] if a else ""
        after = text[b : b + 1]
        j = b
        while after in (" ", "\t"):  # "关于, 通知" -> look past the spaces
            j += 1
            after = text[j : j + 1]
        if before and is_cjk(before):
            edits.append((a, b, _HALF_TO_FULL[ch]))
        elif after and is_cjk(after) and not (before.isdigit() and ch in ",:"):
            edits.append((b - 1, b, _HALF_TO_FULL[ch]))
    ot = ot.edit(edits)
    if "(" not in ot.text:
        return ot
    return ot.sub(_PAREN, lambda m: "（" + (m.group(1) if m.group(1) is not None else m.group(2)) + "）")


# -- scraper header and page furniture -------------------------------------

_HEADER_KEYS = (
    "标题|题目|信息名称|名称|发布时间|发布日期|成文日期|生成日期|文号|发文字号|发布机构|发文机关|来源|栏目|分类|主题分类|"
    "索引号|原文链接|链接|网址|url|URL|本地目录|作者|浏览次数|访问量|关键词|有效性"
)
_HEADER_LINE = re.compile(rf"^[ \t]*(?:{_HEADER_KEYS})[ \t]*[:：].*$|^[ \t]*页面链接与图片详见.*$")
_SEPARATOR = re.compile(
    r"^[ \t]*(?:[=\-—*#_]{2,}[ \t]*(?:正文|内容|全文|body|text)?[ \t]*[=\-—*#_]*|[【\[]\s*(?:正文|内容|全文)\s*[】\]])[ \t]*$",
    re.I,
)


def parse_crawler_header(text: str) -> dict[str, str]:
    """The ``key: value`` lines a scraper put above the report (``标题``, ``发布机构``, ``发布时间`` …).

    Reads the first 40 lines of the raw text, in simplified characters, so a
    header from a site's 繁體 view (``標題: …``) is read too.
    """
    fields: dict[str, str] = {}
    head = _opencc().convert("\n".join(text.split("\n", 40)[:40]))
    for line in head.split("\n"):
        if _SEPARATOR.match(line):
            break
        m = _HEADER_LINE.match(line)
        if not m:
            if line.strip():
                break
            continue
        if ":" in line or "：" in line:
            key, _, value = re.split(r"([:：])", line.strip(), maxsplit=1)
            fields[key.strip()] = value.strip()
    return fields


def strip_crawler_header(ot: OffsetText) -> OffsetText:
    """Remove a scraper's metadata header: ``key: value`` lines up to a ``==== 正文 ====`` line.

    The header is removed only when at least two such lines lead the text and
    a separator line ends them, or when three or more lead it.
    """
    text = ot.text
    pos = 0
    keys = 0
    end_at: int | None = None
    for line in text.split("\n", 40)[:40]:
        nxt = pos + len(line) + 1
        if _HEADER_LINE.match(line):
            keys += 1
        elif _SEPARATOR.match(line) and keys >= 2:
            end_at = nxt
            break
        elif line.strip():
            if keys >= 3:
                end_at = pos
            break
        pos = nxt
    if end_at is None:
        return ot
    return ot.edit([(0, min(end_at, len(text)), "")])


_BREADCRUMB = re.compile(
    r"(?:^|(?<=[\n\f]))[ \t]*(?:您(?:现在|所在)?的?(?:当前)?位置|当前位置|现在位置|所在位置)\s*[:：]"
)
_BREADCRUMB_END = re.compile(
    r"(?:(?:相关链接|文件下载|全真版|文字版|QQ空间|微博|微信|分享到|打印本页|关闭窗口|【打印】|【关闭】|"
    r"字体\s*[:：]?\s*\[?\s*大\s*\]?\s*\[?\s*中\s*\]?\s*\[?\s*小\s*\]?)\s*[:：]?\s*(?:-->)?\s*)+"
)
_WIDGETS = re.compile(
    r"字[体號号]\s*[:：]?\s*[\[【]?\s*大\s*[\]】]?\s*[\[【]?\s*中\s*[\]】]?\s*[\[【]?\s*小\s*[\]】]?"
    r"|【\s*(?:页面调色|打印本页|打印|关闭窗口|关闭|收藏|返回顶部|纠错)\s*[:：]?\s*】"
    r"|\[\s*(?:打印本页|打印|关闭窗口|关闭|收藏|返回顶部)\s*\]"
    r"|(?:(?<=[\n\f])|^)[ \t]*(?:(?:打印本页|关闭窗口|返回顶部|扫一扫在手机打开当前页|分享到\s*[:：]|我要纠错|【打印】|【关闭】)[ \t]*)+(?=[\n\f]|$)"
    r"|微信\s+微博\s+QQ空间(?:\s+全真版\s+文字版)?(?:\s+文件下载)?(?:\s+相关链接\s*[:：]\s*(?:-->)?)?"
)
_STANDALONE = ("打", "关", "返", "扫", "分", "我", "微")  # these widgets only count between spaces or lines


def _widget(m: re.Match[str]) -> str:
    s = m.string
    if m.group(0)[0] in _STANDALONE and m.start() and not s[m.start() - 1].isspace():
        return m.group(0)
    return ""


_PAGE_NUMBER = re.compile(
    r"(?:^|[\n\f])[ \t]*(?:[-—–－‐]\s*\d{1,4}\s*[-—–－‐]|第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页)[ \t]*(?=[\n\f]|$)"
)
_FOOTER_STRONG = re.compile(r"版权所有|ICP备|ICP证|公网安备|网站标识码|Copyright|©")
_FOOTER_WEAK = re.compile(
    r"主办单位|承办单位|技术支持|网站地图|联系我们|关于我们|网站声明|隐私声明|无障碍|适老化|建议使用.{0,12}浏览器"
)
_LINE = re.compile(r"[^\n\f]+")


def _footer_lines(text: str) -> list[tuple[int, int, str]]:
    """Site footer lines (版权所有, ICP备…, 主办单位 + 技术支持 …): short lines made of them."""
    edits = []
    for m in _LINE.finditer(text):
        line = m.group(0)
        if len(line) > 160:
            continue
        if _FOOTER_STRONG.search(line) or len(_FOOTER_WEAK.findall(line)) >= 2:
            edits.append((m.start(), m.end(), ""))
    return edits


_TRAILER = re.compile(r"(?:\n|(?<=[。！？]))[ \t]*(?:相关附件|附件下载|相关文件|相关链接)[ \t]*[:：]?\s*\Z")


_CRUMB_YEAR_TITLE = re.compile(r"(?:19|20)\d{2}\s*年度?[^。，\n]{0,24}?(?:报告|年报)")
_CRUMB_SEP = re.compile(r"[»>/＞|\s]")
_CRUMB_WORDS = re.compile(r"(?:信息公开年报|年度报告|年报)+")


def _title_in_crumbs(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where a report title run into a breadcrumb trail begins and ends, if one is there."""
    m = _CRUMB_YEAR_TITLE.search(text, start, end)
    if m is None:
        return None
    begin = m.start()
    floor = max(start, begin - 30)
    while begin > floor and not _CRUMB_SEP.match(text[begin - 1]):
        begin -= 1
    words = _CRUMB_WORDS.match(text, begin, m.start())
    return (words.end() if words else begin), m.end()


def remove_furniture(ot: OffsetText) -> OffsetText:
    """Remove page furniture: breadcrumbs, font-size and colour widgets, print/close links, page numbers.

    A breadcrumb line (``您现在的位置：首页 > …``) goes whole when it is short;
    in text where a scraper ran the whole page into one line, it goes up to the
    last sharing or download widget that follows it.  Page numbers (``- 3 -``,
    ``第3页 共6页``) go when they stand alone on a line; a trailing
    ``相关附件：`` with nothing after it goes too, and so do the site's footer
    lines (版权所有, ICP备…, 主办单位 … 技术支持).
    """
    text = ot.text
    edits: list[tuple[int, int, str]] = []
    for m in _BREADCRUMB.finditer(text):
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        line_start = text.rfind("\n", 0, m.start()) + 1
        title = _title_in_crumbs(text, m.end(), min(line_end, m.end() + 300))
        if title is not None:  # "… » 年报 » 年度报告某局2012年度…工作报告本报告…": keep the title
            begin, end = title
            edits.append((m.start(), begin, ""))
            widgets = _BREADCRUMB_END.search(text, end, end + 200)
            if widgets is not None:  # "…年度报告 来源：… 时间：… 微信 微博 …": the title on a line of its own
                edits.append((end, widgets.end(), "\n"))
            continue
        if line_end - m.start() <= 160:
            if text[line_start : m.start()].strip() == "":
                edits.append((line_start, min(line_end + 1, len(text)), ""))
            else:
                edits.append((m.start(), line_end, ""))
            continue
        # a page run into one line: cut through the first cluster of widgets
        cut = m.end()
        widgets = _BREADCRUMB_END.search(text, m.end(), m.end() + 300)
        if widgets is not None:
            cut = widgets.end()
        edits.append((m.start(), cut, ""))
    edits.sort()
    merged: list[tuple[int, int, str]] = []
    for e in edits:
        if merged and e[0] < merged[-1][1]:
            continue
        merged.append(e)
    ot = ot.edit(merged)
    ot = ot.edit(_footer_lines(ot.text))
    ot = ot.sub(_WIDGETS, _widget)
    ot = ot.sub(_PAGE_NUMBER, lambda m: m.group(0)[0] if m.group(0)[0] in "\n\f" else "")
    return ot.sub(_TRAILER, lambda m: "\n" if m.group(0).startswith("\n") else "")


# -- PDF line wraps ------------------------------------------------------------

_MARKER = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}[、.．](?!\d)"
    r"|第[一二三四五六七八九十\d]+[部章节条]|[①-⑳]|#)"
)
_CLOSERS = "。！？；;!?"
_CLAUSE = re.compile(r"[，。；：,;:]")


def _display_width(s: str) -> int:
    """Width in half-width cells: ASCII counts 1, CJK (3 UTF-8 bytes) counts 2."""
    return len(s) + (len(s.encode("utf-8")) - len(s)) // 2


#: (``(?<!\d)``: tried once per run of digits, not at every digit of it — linear on a run of 2 000 000)
_NUMBER_ROW = re.compile(r"(?<!\d)\d[\d.,%]*\s+\d[\d.,%]*\s*$")


def _margin_widths(lines: list[str]) -> tuple[float, float] | None:
    """The width range ``(low, high)`` of lines that run to the right margin, or ``None``.

    The margin is the width (give or take one unit, or 5 %) that most long lines
    share; a line from 15 % short of it to 30 % beyond reaches the margin (the
    first line of a paragraph is indented, a justified line is stretched).
    Text counts as hard-wrapped only when at least five lines, and 30 % of the
    lines at least half as wide as the margin, pile up at the margin and few overshoot it by far: what a PDF
    looks like, and a text with one paragraph per line does not.
    """
    widths = [_display_width(line.rstrip()) for line in lines]
    long = sorted(w for w in widths if w >= 20)
    if len(long) < 5:
        return None
    # the margin is where lines pile up: a width many long lines share, give or take one unit or 5 % (a
    # justified line holding half-width digits, ``231 件``, or a ragged right edge ends a few units short of or
    # past its neighbours); the widest such pile, since table rows and headings pile up far left of it and do
    # not count against it
    n = len(long)
    for margin in sorted(set(long), reverse=True):
        tol = max(1, 0.05 * margin)
        pile = bisect_right(long, margin + tol) - bisect_left(long, margin - tol)
        wide = n - bisect_left(long, margin / 2)
        overshoot = n - bisect_right(long, 1.3 * margin)
        if pile >= 5 and pile >= 0.3 * wide and overshoot <= 0.1 * n:
            return 0.85 * margin, 1.3 * margin
    return None


def join_wrapped_lines(ot: OffsetText) -> OffsetText:
    """Join lines that a PDF (or a hard-wrapped copy) broke inside a sentence.

    A line is a wrap when it runs to the right margin (see
    :func:`_margin_widths`; one margin for the whole document, since a report
    keeps its text width from page to page), does not end with sentence-closing
    punctuation, neither it nor the next line is a row of numbers, and the next
    line does not open with a heading or list marker.  Text whose paragraphs
    are single long lines is left as it is.  A wrap between two Chinese
    characters is removed; one between Latin letters becomes a space.  A
    sentence running from the last line of a page (pages are separated by
    ``\\f``) into the first line of the next is joined too.
    """
    text = ot.text
    if "\n" not in text:
        return ot
    margin = _margin_widths(re.split(r"[\n\f]", text))
    if margin is None:
        return ot
    low, high = margin
    edits: list[tuple[int, int, str]] = []
    # each line with the offset of the break after it
    lines = [(m.group(1), m.end(1), m.group(2)) for m in re.finditer(r"([^\n\f]*)([\n\f]*)", text) if m.group(0)]
    content = [(line, end, brk) for line, end, brk in lines if line.strip()]
    for (line, end, brk), (nxt, nxt_end, _) in itertools.pairwise(content):
        if not low <= _display_width(line.rstrip()) <= high or not _wraps(line, nxt):
            continue
        if "\f" not in brk and brk.count("\n") > 1:
            continue  # a blank line between them is a paragraph break
        edits.append((end, nxt_end - len(nxt), _joiner(line, nxt)))
    return ot.edit(edits)


_TITLE_LINE = re.compile(r"(?:19|20)\d{2}\s*年[^，。；]{0,30}(?:报告|年报)$")


def _wraps(line: str, nxt: str) -> bool:
    s = line.rstrip()
    if not s or not nxt.strip() or s[-1] in _CLOSERS:
        return False
    if _TITLE_LINE.search(s) and not _CLAUSE.search(s):
        return False  # "某区人民政府2022年度政府信息公开工作年度报告" is the title, whatever its width
    if _MARKER.match(s) and not _CLAUSE.search(s):
        return False  # "（三）政府信息公开平台建设情况" at the margin is a heading, not a wrap
    if _NUMBER_ROW.search(s) or _NUMBER_ROW.search(nxt.rstrip()):
        return False
    return not _MARKER.match(nxt)


def _joiner(line: str, nxt: str) -> str:
    """A space between two Latin words broken over lines; nothing inside Chinese text or a URL."""
    a, b = line.rstrip()[-1:], nxt.lstrip()[:1]
    if not (a.isascii() and a.isalpha() and b.isascii() and b.isalpha()):
        return ""
    last_token = line.rstrip().rsplit(None, 1)[-1]
    return "" if re.search(r"[/:.@_\-\d]|[^\x00-\x7f]", last_token) else " "


# -- spaces around Chinese --------------------------------------------------------

_CJKISH = re.compile(rf"[{CJK}{_CJK_PUNCT}]")
_SPACE_RUN = re.compile(r" +")
_NUM_AFTER = re.compile(r"\d[\d.,]*%?( +\d)?")
_NUM_BEFORE = re.compile(r"(\d +)?\d[\d.,]*%?$")


_WORD_BEFORE = re.compile(rf"[{CJK}]{{2}}$")
_WORD_AFTER = re.compile(rf"[{CJK}]{{2}}")


def _spaced_out(text: str, a: int, b: int) -> bool:
    """Is the space ``text[a:b]`` between two Chinese characters noise rather than a separator?

    A space next to Chinese punctuation (``一、 总体``, ``发展 。``) or next to a
    lone character (a PDF's justified ``号 ， 邮 编``) is noise; one between two
    words of two or more characters (``信息内容 本年制发件数``, table header
    cells) separates them and stays.
    """
    if text[a - 1] in _CJK_PUNCT or text[b] in _CJK_PUNCT:
        return True
    return not (_WORD_BEFORE.search(text, max(0, a - 2), a) and _WORD_AFTER.match(text, b))


def remove_cjk_spaces(ot: OffsetText) -> OffsetText:
    """Remove spaces a PDF or an editor put around Chinese text: ``2024 年`` → ``2024年``.

    Spaces around Chinese punctuation, around a lone Chinese character (the
    spacing of a justified PDF line) and between Chinese and a number go.
    Spaces between two Chinese words stay (``信息内容 本年制发件数``: table
    header cells), and so do spaces between numbers and between a label and a
    run of numbers, so a flattened table row ``数量 3001 53 0 0 61 4 3119``
    keeps its cells apart; Latin words keep theirs.
    """
    text = ot.text
    edits: list[tuple[int, int, str]] = []
    cjk = _CJKISH.match
    for m in _SPACE_RUN.finditer(text):
        a, b = m.start(), m.end()
        if a == 0 or b >= len(text):
            continue
        left, right = text[a - 1], text[b]
        if cjk(left):
            if cjk(right):
                if _spaced_out(text, a, b):
                    edits.append((a, b, ""))
            elif right.isdigit():
                num = _NUM_AFTER.match(text, b)
                if num and num.group(1) is None:
                    edits.append((a, b, ""))
        elif (left.isdigit() or left == "%") and cjk(right):
            num = _NUM_BEFORE.search(text, max(0, a - 40), a)
            if num and num.group(1) is None:
                edits.append((a, b, ""))
    return ot.edit(edits)


_MULTI_SPACE = re.compile(r"[ \t]{2,}")
_EDGE_SPACE = re.compile(r"^[ \t]+|[ \t]+$", re.MULTILINE)
_BLANK_LINES = re.compile(r"[\n\f]{2,}|\f|^\n+|\n+\Z")


def collapse_whitespace(ot: OffsetText) -> OffsetText:
    """Trim every line, collapse runs of spaces to one, and drop blank lines and page breaks."""
    ot = ot.sub(_EDGE_SPACE, "")
    ot = ot.sub(_MULTI_SPACE, lambda m: "\t" if "\t" in m.group(0) else " ")
    return ot.sub(_BLANK_LINES, lambda m: "" if m.start() == 0 or m.end() == len(m.string) else "\n")


DEFAULT_STEPS: tuple[Step, ...] = (
    unify_newlines,
    remove_invisible,
    unify_spaces,
    strip_markup,
    fold_compat,
    remove_pinyin,
    to_simplified,
    fold_width,
    unify_punctuation,
    strip_crawler_header,
    remove_furniture,
    join_wrapped_lines,
    remove_cjk_spaces,
    collapse_whitespace,
)


def normalize(ot: OffsetText | str, steps: Sequence[Step] = DEFAULT_STEPS) -> OffsetText:
    """Run ``steps`` (default: :data:`DEFAULT_STEPS`) over ``ot``; a ``str`` starts with the identity map."""
    if isinstance(ot, str):
        ot = OffsetText.from_text(ot)
    for step in steps:
        ot = step(ot)
    return ot


def normalize_text(text: str, steps: Sequence[Step] = DEFAULT_STEPS) -> str:
    """Normalise ``text`` and return only the string."""
    return normalize(text, steps).text
