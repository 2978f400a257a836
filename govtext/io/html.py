"""HTML pages and fragments: body text in reading order, tables kept as tables.

Built on the standard library's :class:`html.parser.HTMLParser` because it reports
the source position of every piece of text, which lets each extracted character
point back to its line and column in the page (lxml and BeautifulSoup keep the
line of an element but not of the text inside it).  Entities are decoded one at
a time (``convert_charrefs=False``) for the same reason.

What is kept: text in reading order; block elements (``p``, ``div``, ``br``,
``li``, headings, table rows …) end a line; a ``<table>`` becomes a
:class:`~govtext.io.base.RawTable` and its rows lines of tab-separated cells.
What is dropped: ``script``, ``style``, ``noscript``, ``template``, ``nav``,
``head``, ``select``, ``button``, ``iframe`` and comments.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

from .base import Block, Cell, Extraction, RawTable

_SKIP = frozenset({"script", "style", "noscript", "template", "nav", "head", "select", "button", "iframe", "svg"})
_BLOCK = frozenset(
    {
        "p", "div", "br", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
        "table", "tr", "section", "article", "header", "footer", "blockquote", "pre", "hr", "form",
        "caption", "center", "main", "aside", "figure", "figcaption", "tbody", "thead", "tfoot", "title",
    }
)  # fmt: skip
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "wbr"})
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


class _Extractor(HTMLParser):
    def __init__(self, raw: str) -> None:
        super().__init__(convert_charrefs=False)
        self._line_offsets = [0] + [m.end() for m in re.finditer(r"\n", raw)]
        self.chars: list[str] = []
        self.origin: list[int] = []
        self.skip_depth = 0
        self.tables: list[RawTable] = []
        self.blocks: list[Block] = []
        # table state: a stack, since tables nest in real pages
        self._tables: list[dict] = []
        self._heading: tuple[int, int] | None = None  # (level, start)
        self._para_start: int | None = None

    # -- position helpers -------------------------------------------------
    def _pos(self) -> int:
        line, col = self.getpos()
        return self._line_offsets[line - 1] + col

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
        if tag in _SKIP:
            if tag not in _VOID:
                self.skip_depth += 1
            return
        if self.skip_depth:
            return
        if tag in _BLOCK:
            self._newline()
            self._close_para()
        if tag == "table":
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
            t["cell"] = (len(self.chars), _int(a.get("rowspan")), _int(a.get("colspan")))
        elif tag in _HEADINGS:
            self._heading = (_HEADINGS[tag], len(self.chars))
        if tag in _BLOCK and tag not in ("table", "tr") and not self._tables and tag not in _HEADINGS:
            self._para_start = len(self.chars)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK and not self.skip_depth:
            self._newline()

    def handle_endtag(self, tag: str) -> None:
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
        self._emit(data, self._pos())

    def handle_entityref(self, name: str) -> None:
        start = self._pos()
        text = unescape(f"&{name};")
        self._emit(text, start, len(name) + 2)

    def handle_charref(self, name: str) -> None:
        start = self._pos()
        text = unescape(f"&#{name};")
        self._emit(text, start, len(name) + 3)


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


def _int(value: str | None) -> int:
    try:
        return max(1, int(value or 1))
    except ValueError:
        return 1


def read_html(raw: str, *, encoding: str | None = None) -> Extraction:
    """Extract the readable text of an HTML page or fragment."""
    parser = _Extractor(raw)
    parser.feed(raw)
    parser.close()
    parser.skip_depth = 0  # a truncated page may end inside <script> or <button>
    while parser._tables:  # an unclosed table at the end of a truncated page
        parser.handle_endtag("table")
    parser._close_para()
    while parser.chars and parser.chars[-1] in " \n":
        parser.chars.pop()
        parser.origin.pop()
    return Extraction(
        text="".join(parser.chars),
        format="html",
        encoding=encoding,
        raw_text=raw,
        origin=parser.origin,
        tables=parser.tables,
        blocks=sorted(parser.blocks, key=lambda b: b.start),
    )
