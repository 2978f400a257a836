"""Render ``example_2023.txt`` as ``example_2023.docx`` (deterministically).

Usage::

    python corpora/examples/build_docx.py

Line rules for the plain-text source (one item per line, UTF-8):

* the first non-empty line is the title: centred, bold;
* ``一、`` … ``六、`` section headings: bold paragraphs;
* sub-headings numbered 一, 二, ... inside full-width brackets (short, no
  sentence punctuation): normal paragraphs whose single run is bold;
* a run of consecutive lines containing a TAB becomes one Word table. Rows
  shorter than the widest row have their last cell spanned to the right edge;
  identical adjacent non-numeric cells are merged horizontally, and identical
  vertically adjacent spans are merged vertically (as in the national template);
* every other line is a normal body paragraph.

The output is byte-for-byte reproducible: core properties are fixed and the
zip members are rewritten with a constant timestamp.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

if TYPE_CHECKING:
    from docx.document import Document as DocumentObject

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "example_2023.txt"
TARGET = HERE / "example_2023.docx"

FIXED_TIME = dt.datetime(2024, 1, 20, 9, 0, 0, tzinfo=dt.UTC)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
EAST_ASIAN_FONT = "宋体"

SECTION_RE = re.compile(r"^[一二三四五六]、\S{2,40}$")
# full-width bracketed numeral, then at most 30 chars with no sentence stops
SUBHEADING_RE = re.compile(
    "^\uff08[一二三四五六七八九十]+\uff09[^。\uff1b\uff0c]{1,30}$"
)
NUMBER_RE = re.compile(r"^-?[\d,]+(?:\.\d+)?%?$")


@dataclass(frozen=True)
class Span:
    """A horizontal run of grid columns ``[start, end]`` holding ``text``."""

    start: int
    end: int
    text: str


def is_mergeable(text: str) -> bool:
    """Only labels are merged; numbers and empty cells never are."""
    return bool(text) and not NUMBER_RE.match(text)


def row_spans(cells: list[str], width: int) -> list[Span]:
    """Split one table row into spans over a grid of ``width`` columns."""
    padded = cells + [""] * (width - len(cells))
    spans: list[Span] = []
    col = 0
    while col < width:
        end = col
        if col == len(cells) - 1:
            end = width - 1  # a short row's last cell reaches the right edge
        else:
            while (
                end + 1 < len(cells)
                and is_mergeable(padded[col])
                and padded[end + 1] == padded[col]
            ):
                end += 1
            if end == len(cells) - 1:
                end = width - 1
        spans.append(Span(col, end, padded[col]))
        col = end + 1
    return spans


def set_east_asian_font(document: DocumentObject) -> None:
    """Give the Normal style a CJK font so Word does not fall back at random."""
    style = document.styles["Normal"]
    style.font.size = Pt(12)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)


def add_table(document: DocumentObject, lines: list[str]) -> None:
    """Render a block of TAB-separated lines as one Word table."""
    rows = [line.split("\t") for line in lines]
    width = max(len(row) for row in rows)
    table = document.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER

    # Each merge region: (top row, bottom row, span); grow downwards when the
    # row below holds an identical label span.
    regions: list[tuple[int, int, Span]] = []
    open_regions: dict[tuple[int, int, str], int] = {}
    for r, cells in enumerate(rows):
        next_open: dict[tuple[int, int, str], int] = {}
        for span in row_spans(cells, width):
            key = (span.start, span.end, span.text)
            if is_mergeable(span.text) and key in open_regions:
                idx = open_regions[key]
                top, _, _ = regions[idx]
                regions[idx] = (top, r, span)
            else:
                idx = len(regions)
                regions.append((r, r, span))
            next_open[key] = idx
        open_regions = next_open

    for top, bottom, span in regions:
        cell = table.cell(top, span.start)
        if bottom != top or span.end != span.start:
            cell = cell.merge(table.cell(bottom, span.end))
        cell.text = span.text


def add_paragraph(document: DocumentObject, line: str, *, is_title: bool) -> None:
    """Render one non-table line according to its kind."""
    if is_title:
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(line)
        run.bold = True
        run.font.size = Pt(16)
    elif SECTION_RE.match(line):
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.keep_with_next = True
        run = paragraph.add_run(line)
        run.bold = True
        run.font.size = Pt(14)
    elif SUBHEADING_RE.match(line):
        paragraph = document.add_paragraph()
        paragraph.add_run(line).bold = True
    else:
        paragraph = document.add_paragraph(line)
        paragraph.paragraph_format.first_line_indent = Pt(24)


def build_document(text: str) -> DocumentObject:
    """Build the python-docx document for the plain-text report ``text``."""
    document = Document()
    set_east_asian_font(document)

    lines = [line.rstrip("\r") for line in text.split("\n")]
    seen_title = False
    block: list[str] = []
    for line in lines:
        if "\t" in line:
            block.append(line)
            continue
        if block:
            add_table(document, block)
            block = []
        if not line.strip():
            continue
        add_paragraph(document, line.strip(), is_title=not seen_title)
        seen_title = True
    if block:
        add_table(document, block)

    title = next((line.strip() for line in lines if line.strip()), "")
    props = document.core_properties
    props.author = "govtext"
    props.last_modified_by = "govtext"
    props.title = title
    props.comments = "Invented example report (govtext project); not a real body."
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    props.last_printed = FIXED_TIME
    props.revision = 1
    return document


def deterministic_bytes(document: DocumentObject) -> bytes:
    """Save ``document`` and rewrite the zip with constant member timestamps."""
    raw = io.BytesIO()
    document.save(raw)
    raw.seek(0)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(raw) as src,
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            dst.writestr(member, src.read(info.filename))
    return out.getvalue()


def main() -> None:
    """Regenerate ``example_2023.docx`` beside this script."""
    text = SOURCE.read_text(encoding="utf-8")
    TARGET.write_bytes(deterministic_bytes(build_document(text)))
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
