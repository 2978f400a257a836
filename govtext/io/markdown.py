"""Markdown: headings, emphasis and pipe tables read for what they say.

``## 一、总体情况`` becomes the line ``一、总体情况`` marked as a heading block;
``**bold**`` and ``[text](url)`` keep only their text; a pipe table becomes lines
of tab-separated cells and a :class:`~govtext.io.base.RawTable`.  Every kept
character remembers its position in the Markdown file.
"""

from __future__ import annotations

import re

from .base import Block, Cell, Extraction, RawTable

_ATX = re.compile(r"^[ ]{0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_SEP = re.compile(r"^\s*+\|?\s*+:?-{3,}:?\s*+(\|\s*+:?-{3,}:?\s*+)*+\|?\s*+$")
# GFM's delimiter row: one or more dashes per column, colons for alignment, and at least one pipe
# (a lone ``---`` is a thematic break); it makes the line before it a table's header row even when
# that row has no outer pipes (``a | b``)
_DELIM_ROW = re.compile(r"^\s*+(?=.*\|)\|?\s*+:?-++:?\s*+(\|\s*+:?-++:?\s*+)*+\|?\s*+$")
_HAS_PIPE = re.compile(r"(?<!\\)\|")
# a line of cells between pipes with no delimiter row under the first (web pages converted to text write
# tables so): two unescaped pipes at least and some text; two such lines in a row make a table
_LOOSE_ROW = re.compile(r"^[^\n]*?(?<!\\)\|[^\n]*?(?<!\\)\|[^\n]*$")
_INLINE = re.compile(
    r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])|`|!?\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)|\\(?=[|*_`\[\]#\\])"
)
_CELL_SEP = re.compile(r"(?<!\\)\|")
_BULLET = re.compile(r"^[ ]{0,3}(?:[-*+]|>)[ \t]+")
# [ \t], not \s: with MULTILINE, "^\s*" ran from every line start over every blank line after it (quadratic)
_MD_SNIFF = re.compile(r"^[ ]{0,3}#{1,6}[ \t]+\S|^[ \t]*+\|?[ \t]*+:?-++:?[ \t]*+\|", re.MULTILINE)


def _loose_row(line: str) -> bool:
    return bool(_LOOSE_ROW.match(line)) and bool(line.strip("| \t"))


def looks_like_markdown(text: str) -> bool:
    """True when ``text`` has ATX headings or pipe-table rulers near its start."""
    return len(_MD_SNIFF.findall(text[:20000])) >= 2


class _Builder:
    def __init__(self) -> None:
        self.chars: list[str] = []
        self.origin: list[int] = []

    @property
    def pos(self) -> int:
        return len(self.chars)

    def add(self, text: str, raw_start: int) -> None:
        self.chars.extend(text)
        self.origin.extend(range(raw_start, raw_start + len(text)))

    def add_inline(self, text: str, raw_start: int) -> None:
        """Add ``text`` without emphasis markers and link targets."""
        pos = 0
        for m in _INLINE.finditer(text):
            self.add(text[pos : m.start()], raw_start + pos)
            if m.group(1) is not None:  # link or image: keep the label
                self.add(m.group(1), raw_start + m.start(1))
            pos = m.end()
        self.add(text[pos:], raw_start + pos)

    def newline(self, raw_pos: int) -> None:
        if self.chars and self.chars[-1] != "\n":
            self.chars.append("\n")
            self.origin.append(raw_pos)


def read_markdown(raw: str, *, encoding: str | None = None) -> Extraction:
    """Extract the text of a Markdown document."""
    b = _Builder()
    blocks: list[Block] = []
    tables: list[RawTable] = []
    table_rows: list[tuple[Cell, ...]] = []
    table_start = 0
    offset = 0
    lines = raw.splitlines(keepends=True)

    def close_table() -> None:
        nonlocal table_rows
        if table_rows:
            tables.append(RawTable(tuple(table_rows), table_start, b.pos))
            blocks.append(Block("table", table_start, b.pos))
        table_rows = []

    bodies = [line.rstrip("\r\n") for line in lines]
    for i, line in enumerate(lines):
        body = bodies[i]
        line_start = offset
        offset += len(line)
        in_table = bool(table_rows)
        is_row = (
            bool(_TABLE_ROW.match(body))
            or (
                bool(_HAS_PIPE.search(body))
                and (in_table or (i + 1 < len(bodies) and bool(_DELIM_ROW.match(bodies[i + 1]))))
            )
            or (_loose_row(body) and i + 1 < len(bodies) and _loose_row(bodies[i + 1]))
        )
        if is_row:
            if _TABLE_SEP.match(body) or (in_table and _DELIM_ROW.match(body)):
                continue
            if not table_rows:
                b.newline(line_start)
                table_start = b.pos
            else:
                b.newline(line_start)
            cells: list[Cell] = []
            # the outer pipes are optional (GFM): a leading or trailing pipe is one, not an empty cell
            stripped = body.strip()
            lead_ws = len(body) - len(body.lstrip())
            inner_start = lead_ws + (1 if stripped.startswith("|") else 0)
            inner_end = lead_ws + len(stripped) - (1 if stripped.endswith("|") and not stripped.endswith("\\|") else 0)
            if inner_end < inner_start:
                inner_end = inner_start
            pos = inner_start
            for k, piece in enumerate(_CELL_SEP.split(body[inner_start:inner_end])):
                lead = len(piece) - len(piece.lstrip())
                text = piece.strip()
                if k:
                    b.add("\t", line_start + pos - 1)
                c_start = b.pos
                b.add_inline(text, line_start + pos + lead)
                cells.append(Cell("".join(b.chars[c_start:]), c_start, b.pos))
                pos += len(piece) + 1
            table_rows.append(tuple(cells))
            continue
        close_table()
        if not body.strip():
            b.newline(line_start)
            continue
        b.newline(line_start)
        m = _ATX.match(body)
        start = b.pos
        if m:
            b.add_inline(m.group(2), line_start + m.start(2))
            blocks.append(Block("heading", start, b.pos, bold=True, level=len(m.group(1))))
            continue
        bullet = _BULLET.match(body)
        skip = bullet.end() if bullet else 0
        b.add_inline(body[skip:], line_start + skip)
        blocks.append(Block("paragraph", start, b.pos))
    close_table()
    return Extraction(
        text="".join(b.chars),
        format="md",
        encoding=encoding,
        raw_text=raw,
        origin=b.origin,
        tables=tables,
        blocks=blocks,
    )
