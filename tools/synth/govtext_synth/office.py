#!/usr/bin/env python3
"""Word-processor renderings of generated reports: DOCX page layouts, and PDFs made by LibreOffice.

Offices fill in the national template in Word/WPS and export it to PDF.  This module
takes a report of :mod:`tables` (``tools/synth/govtext_synth/tables.py``) as DOCX and lays it out
again the way offices' files differ — page size and orientation, fonts, column widths
(a narrow label column wraps labels over 2-3 lines; narrow number columns wrap a
number inside its cell, ``32`` over ``7``), and the break of table 3 over a page
(blank paragraphs before it move the break to another row, and a row may be cut by
it) — then converts it with ``soffice --headless --convert-to pdf``.

The generator stays independent of the reader: it imports only :mod:`tables`
(which imports only ``govtext.tables.schema``).

Layouts (:data:`LAYOUTS`):

``a4_narrow_label``
    A4 portrait, Noto Serif CJK SC 10.5 pt, the label columns narrow (labels wrap).
``a4_wrap_numbers``
    A4 portrait, Noto Sans CJK SC 10.5 pt, the number columns so narrow that numbers of
    three digits and more wrap inside their cells; labels narrow too.
``a4_landscape``
    A4 landscape, Noto Sans CJK SC 9 pt, wide number columns, narrow label column.
``a4_large_font``
    A4 portrait, Noto Serif CJK SC 12 pt, number columns narrow, many blank lines before
    table 3 so its rows fall across a page break at different places.

    python -m govtext_synth.office --seed 1 --n 12 --out DIR [--layouts a4_narrow_label,...] [--pdf]

writes ``DIR/report_0001.docx`` (and with ``--pdf`` ``DIR/report_0001.pdf``, when
``soffice`` is installed) and ``DIR/report_0001.json`` (the truth as printed, as
``tables.py`` writes it, plus ``layout``).  Deterministic: report *i* depends only
on the seed and *i*.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import tables as gen

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TWIP = 20

#: page (w, h in twips), font, size (pt), label column scale, number column width (pt; None: keep)
LAYOUTS: dict[str, dict[str, Any]] = {
    "a4_narrow_label": {
        "page": (11906, 16838),
        "font": "Noto Serif CJK SC",
        "size": 10.5,
        "label_pt": 52,
        "num_pt": None,
        "pad_t3": (0, 6),
    },
    "a4_wrap_numbers": {
        "page": (11906, 16838),
        "font": "Noto Sans CJK SC",
        "size": 10.5,
        "label_pt": 60,
        "num_pt": 24,
        "pad_t3": (0, 10),
    },
    "a4_landscape": {
        "page": (16838, 11906),
        "font": "Noto Sans CJK SC",
        "size": 9,
        "label_pt": 70,
        "num_pt": 52,
        "pad_t3": (0, 8),
    },
    "a4_large_font": {
        "page": (11906, 16838),
        "font": "Noto Serif CJK SC",
        "size": 12,
        "label_pt": 64,
        "num_pt": 30,
        "pad_t3": (4, 24),
    },
}

#: grid columns holding labels, by a table's number of grid columns (t2: 4, t3: 10, t4: 15)
_LABEL_COLUMNS = {4: 1, 10: 3, 15: 0}


def restyle(docx: bytes, layout: str, rng: random.Random) -> bytes:
    """The DOCX ``docx`` laid out as ``layout``: page, default font and size, column widths, table 3 moved down."""
    spec = LAYOUTS[layout]
    zin = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "word/document.xml":
                data = _document(data.decode("utf-8"), spec, rng).encode("utf-8")
            elif info.filename == "word/styles.xml":
                data = _styles(data.decode("utf-8"), spec).encode("utf-8")
            zout.writestr(info, data)
    return out.getvalue()


def _styles(xml: str, spec: dict[str, Any]) -> str:
    font, half_points = spec["font"], round(spec["size"] * 2)
    fonts = f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/>'
    size = f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'

    def fix(m: re.Match[str]) -> str:
        body = re.sub(r"<w:rFonts[^>]*/>|<w:sz [^>]*/>|<w:szCs [^>]*/>", "", m.group(2))
        return f"{m.group(1)}{fonts}{size}{body}{m.group(3)}"

    xml = re.sub(r"(<w:rPrDefault><w:rPr>)(.*?)(</w:rPr></w:rPrDefault>)", fix, xml, count=1, flags=re.S)
    # headings keep their size but take the same family (a theme font may be missing)
    return re.sub(r'<w:rFonts w:asciiTheme="[^"]*"[^>]*/>', fonts, xml)


def _document(xml: str, spec: dict[str, Any], rng: random.Random) -> str:
    w, h = spec["page"]
    orient = ' w:orient="landscape"' if w > h else ""
    xml = re.sub(r"<w:pgSz [^>]*/>", f'<w:pgSz w:w="{w}" w:h="{h}"{orient}/>', xml, count=1)
    margin = 1134 if w < h else 1000  # 2 cm
    xml = re.sub(
        r"<w:pgMar [^>]*/>",
        f'<w:pgMar w:top="{margin}" w:right="{margin}" w:bottom="{margin}" w:left="{margin}" '
        f'w:header="567" w:footer="567" w:gutter="0"/>',
        xml,
        count=1,
    )
    xml = re.sub(r"<w:tbl>.*?</w:tbl>", lambda m: _table(m.group(0), spec), xml, flags=re.S)
    # LibreOffice (7.x) drops the rest of the document when a merged cell of vertical text
    # (tbRlV) crosses a page break; narrow columns still print labels one character a line
    xml = xml.replace('<w:textDirection w:val="tbRlV"/>', "")
    # blank paragraphs before table 3 (the one with ten grid columns) move its page break
    lo, hi = spec["pad_t3"]
    pad = "<w:p/>" * rng.randint(lo, hi)
    tables = [m for m in re.finditer(r"<w:tbl>.*?</w:tbl>", xml, flags=re.S) if m.group(0).count("<w:gridCol ") == 10]
    if tables and pad:
        at = tables[0].start()
        xml = xml[:at] + pad + xml[at:]
    return xml


def _table(tbl: str, spec: dict[str, Any]) -> str:
    widths = [int(v) for v in re.findall(r'<w:gridCol w:w="(\d+)"/>', tbl)]
    n = len(widths)
    n_label = _LABEL_COLUMNS.get(n)
    if n_label is None:
        return tbl
    new = list(widths)
    if n_label:
        label_total = spec["label_pt"] * _TWIP * (2 if n == 10 else 1)
        share = sum(widths[:n_label])
        for i in range(n_label):
            new[i] = max(240, round(label_total * widths[i] / share))
    if spec["num_pt"] is not None:
        num = spec["num_pt"] * _TWIP
        for i in range(n_label, n):
            new[i] = num if n != 4 else num * 2
    grid = "".join(f'<w:gridCol w:w="{v}"/>' for v in new)
    tbl = re.sub(r"<w:tblGrid>.*?</w:tblGrid>", f"<w:tblGrid>{grid}</w:tblGrid>", tbl, count=1, flags=re.S)
    tbl = re.sub(r'<w:tblW w:w="\d+"', f'<w:tblW w:w="{sum(new)}"', tbl, count=1)

    def row(m: re.Match[str]) -> str:
        col = 0

        def cell(c: re.Match[str]) -> str:
            nonlocal col
            span = re.search(r'<w:gridSpan w:val="(\d+)"/>', c.group(0))
            k = int(span.group(1)) if span else 1
            width = sum(new[col : col + k])
            col += k
            return re.sub(r'<w:tcW w:w="\d+"', f'<w:tcW w:w="{width}"', c.group(0), count=1)

        return re.sub(r"<w:tc>.*?</w:tc>", cell, m.group(0), flags=re.S)

    return re.sub(r"<w:tr>.*?</w:tr>|<w:tr [^>]*>.*?</w:tr>", row, tbl, flags=re.S)


def make_report(seed: int, i: int, layouts: Sequence[str] = tuple(LAYOUTS)) -> tuple[bytes, dict[str, Any]]:
    """Report ``i`` (1-based) of run ``seed`` as a DOCX in layout ``layouts[(i - 1) % len(layouts)]``, and its truth."""
    layout = layouts[(i - 1) % len(layouts)]
    data, meta = gen.make_report(seed, i, formats=("docx",), templates=gen.TEMPLATES)
    rng = random.Random(f"govtext-office:{seed}:{i}")
    meta = {**meta, "layout": layout}
    return restyle(data, layout, rng), meta


def to_pdf(docx_files: Sequence[Path], outdir: Path) -> list[Path]:
    """Convert DOCX files to PDF with LibreOffice (``soffice``); raises when it is not installed."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise FileNotFoundError("soffice (LibreOffice) is not installed")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
             "--outdir", str(outdir), *map(str, docx_files)],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600,
        )  # fmt: skip
    return [outdir / (p.stem + ".pdf") for p in docx_files]


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Generated reports as DOCX in word-processor layouts, and as PDF.")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--n", type=int, default=12)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--layouts", default=",".join(LAYOUTS), help="comma-separated layouts, used in turn")
    ap.add_argument("--pdf", action="store_true", help="also convert with soffice")
    args = ap.parse_args(argv)
    layouts = [x.strip() for x in args.layouts.split(",") if x.strip()]
    bad = [x for x in layouts if x not in LAYOUTS]
    if bad or not layouts:
        ap.error(f"unknown layouts: {', '.join(bad) or '(none)'}; known: {', '.join(LAYOUTS)}")
    args.out.mkdir(parents=True, exist_ok=True)
    files = []
    for i in range(1, args.n + 1):
        data, meta = make_report(args.seed, i, layouts)
        name = f"report_{i:04d}"
        (args.out / f"{name}.docx").write_bytes(data)
        text = json.dumps(meta, ensure_ascii=False, indent=1)
        (args.out / f"{name}.json").write_text(text + "\n", encoding="utf-8", newline="\n")
        files.append(args.out / f"{name}.docx")
    if args.pdf:
        to_pdf(files, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
