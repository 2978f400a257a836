"""Hostile inputs: each attack of issue 20 at full size, in a subprocess with a wall-clock limit.

Each input is generated here by our own code (nothing stored): a run of digits,
DOCX files with many paragraphs, one huge text node or many vertically merged
cells, PDFs with a huge content stream, many text operators or one huge page.
For each, ``govtext analyze`` runs in a child process under a wall-clock limit;
the seconds, the child's peak resident memory (``resource.getrusage``) and the
first line of its stderr are reported.  Run::

    python benchmarks/hostile.py [--limit 60] [--only txt_digits,docx_paragraphs] [--json out.json]

The generators are importable (``tests/test_hostile.py`` uses them at small sizes).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/>'
    "</Relationships>"
)


def _docx(path: Path, body: Iterable[bytes]) -> Path:
    """A minimal DOCX whose document body is the concatenation of ``body`` (streamed, deflated)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _RELS)
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            fh.write(
                f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{_W_NS}"><w:body>'.encode()
            )
            for chunk in body:
                fh.write(chunk)
            fh.write(b"</w:body></w:document>")
    return path


def docx_paragraphs(path: Path, n: int = 200_000) -> Path:
    """``n`` short paragraphs."""

    def body() -> Iterator[bytes]:
        para = "<w:p><w:r><w:t>第一段。</w:t></w:r></w:p>".encode()
        for i in range(0, n, 1000):
            yield para * min(1000, n - i)

    return _docx(path, body())


def docx_big_node(path: Path, size: int = 1_500_000_000) -> Path:
    """One text node of ``size`` bytes (a zip bomb: about 1.5 MB zipped for 1.5 GB)."""

    def body() -> Iterator[bytes]:
        yield b"<w:p><w:r><w:t>"
        chunk = b"a" * (1 << 20)
        for _ in range(size // len(chunk)):
            yield chunk
        yield b"</w:t></w:r></w:p>"

    return _docx(path, body())


def docx_vmerge(path: Path, n: int = 20_000) -> Path:
    """A table of ``n`` rows whose first column is one cell merged down all of them."""

    def body() -> Iterator[bytes]:
        yield b'<w:tbl><w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/></w:tblGrid>'
        first = '<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>项目</w:t></w:r></w:p></w:tc>'
        yield (first + "<w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr>").encode()
        row = (
            b"<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"
            b"<w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr>"
        )
        for i in range(0, n - 1, 1000):
            yield row * min(1000, n - 1 - i)
        yield b"</w:tbl>"

    return _docx(path, body())


def _pdf(path: Path, pages: list[tuple[tuple[float, float], Iterable[bytes]]], *, deflate: bool = True) -> Path:
    """A PDF with one Helvetica font; each page is its size and its content stream (streamed, deflated)."""
    with path.open("wb") as fh:
        offsets: list[int] = []
        lengths: list[int] = []

        def obj(body: bytes) -> None:
            offsets.append(fh.tell())
            fh.write(f"{len(offsets)} 0 obj\n".encode() + body + b"\nendobj\n")

        fh.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
        n = len(pages)
        kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n))
        obj(b"<< /Type /Catalog /Pages 2 0 R >>")
        obj(f"<< /Type /Pages /Kids [{kids}] /Count {n} >>".encode())
        obj(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
        for i, ((w, h), content) in enumerate(pages):
            obj(
                f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w} {h}] "
                f"/Resources << /Font << /F1 3 0 R >> >> /Contents {5 + 2 * i} 0 R >>".encode()
            )
            # the content stream, its length written after it (an indirect object would need a second pass)
            offsets.append(fh.tell())
            fh.write(f"{len(offsets)} 0 obj\n<< /Length {len(offsets) + 2 * n + 1} 0 R".encode())
            fh.write(b" /Filter /FlateDecode >>\nstream\n" if deflate else b" >>\nstream\n")
            start = fh.tell()
            comp = zlib.compressobj(9)
            for chunk in content:
                fh.write(comp.compress(chunk) if deflate else chunk)
            if deflate:
                fh.write(comp.flush())
            lengths.append(fh.tell() - start)
            fh.write(b"\nendstream\nendobj\n")
        for length in lengths:
            obj(str(length).encode())
        xref = fh.tell()
        fh.write(f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n".encode())
        for off in offsets:
            fh.write(f"{off:010d} 00000 n \n".encode())
        fh.write(f"trailer\n<< /Size {len(offsets) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return path


def pdf_whitespace(path: Path, size: int = 2_000_000_000) -> Path:
    """One page whose content stream inflates to ``size`` bytes of spaces (after one line of text)."""

    def content() -> Iterator[bytes]:
        yield b"BT /F1 12 Tf 72 720 Td (2024) Tj ET\n"
        chunk = b" " * (1 << 20)
        for _ in range(size // len(chunk)):
            yield chunk

    return _pdf(path, [((612, 792), content())])


def pdf_text_ops(path: Path, n: int = 2_000_000) -> Path:
    """One page with ``n`` text-showing operators."""

    def content() -> Iterator[bytes]:
        yield b"BT /F1 1 Tf 0 0 Td\n"
        op = b"(1) Tj 0.01 0 Td\n"
        for i in range(0, n, 10_000):
            yield op * min(10_000, n - i)
        yield b"ET\n"

    return _pdf(path, [((612, 792), content())])


def pdf_big_page(path: Path, side: int = 14_400) -> Path:
    """One ``side`` x ``side`` point page filled with lines of 10-point text."""
    line_chars = side // 6

    def content() -> Iterator[bytes]:
        yield b"BT /F1 10 Tf 12 TL\n"
        text = (b"2024 123 456 " * (line_chars // 13 + 1))[:line_chars]
        yield f"0 {side - 12} Td\n".encode()
        for _ in range(side // 12 - 1):
            yield b"(" + text + b") Tj T*\n"
        yield b"ET\n"

    return _pdf(path, [((side, side), content())])


def txt_digits(path: Path, n: int = 2_000_000) -> Path:
    """A text file of ``n`` times the digit 1."""
    path.write_bytes(b"1" * n)
    return path


#: name -> (generator, the attack as the issue describes it)
ATTACKS: dict[str, tuple[Callable[[Path], Path], str, str]] = {
    "txt_digits": (txt_digits, "txt", 'TXT: "1" x 2 000 000'),
    "docx_paragraphs": (docx_paragraphs, "docx", "DOCX: 200 000 short paragraphs"),
    "docx_big_node": (docx_big_node, "docx", "DOCX: a 1.5 GB text node"),
    "pdf_whitespace": (pdf_whitespace, "pdf", "PDF: a 2 GB content stream of whitespace"),
    "pdf_text_ops": (pdf_text_ops, "pdf", "PDF: 2 000 000 text operators"),
    "pdf_big_page": (pdf_big_page, "pdf", "PDF: one 14 400 x 14 400 pt page of text"),
    "docx_vmerge": (docx_vmerge, "docx", "DOCX: 20 000 vertically merged cells"),
}


def run_one(path: Path, limit: float, extra: list[str]) -> dict[str, object]:
    """``govtext analyze path`` in a child: seconds, its own peak RSS (MB, from ``wait4``), exit code, last stderr line."""
    with tempfile.TemporaryFile("w+") as err_fh:
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "govtext", "analyze", str(path), *extra],
            stdout=subprocess.DEVNULL,
            stderr=err_fh,
        )
        killed = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - t0 > limit:
                proc.kill()
                killed = True
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
        seconds = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)  # tell Popen the child is reaped
        err_fh.seek(0)
        lines = err_fh.read().strip().splitlines()
    err = f"killed at {limit:.0f} s" if killed else (lines[-1][:200] if lines else "")
    rss = usage.ru_maxrss / 1024  # kilobytes on Linux
    return {
        "seconds": round(seconds, 1),
        "peak_rss_mb": round(rss),
        "exit": None if killed else proc.returncode,
        "stderr": err,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=float, default=60.0, help="wall-clock seconds per attack")
    ap.add_argument("--only", default=None, help="comma-separated attack names")
    ap.add_argument("--json", default=None, help="write the figures here")
    ap.add_argument("--keep", default=None, help="generate the inputs in this directory and keep them")
    ap.add_argument("extra", nargs="*", help="extra arguments for govtext analyze (after --)")
    args = ap.parse_args()
    names = args.only.split(",") if args.only else list(ATTACKS)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        where = Path(args.keep or tmp)
        where.mkdir(parents=True, exist_ok=True)
        for name in names:
            gen, ext, what = ATTACKS[name]
            path = where / f"{name}.{ext}"
            if not path.exists():
                gen(path)
            r = run_one(path, args.limit, args.extra)
            r["input_bytes"] = path.stat().st_size
            results[name] = r
            print(f"{what:45s} {r['seconds']:>6} s  {r['peak_rss_mb']!s:>6} MB  exit {r['exit']}  {r['stderr']}")
            sys.stdout.flush()
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    os.environ.setdefault("GOVTEXT_DEBUG", "")
    main()
