"""Decoding text files whose encoding nobody states.

Chinese government sites publish UTF-8 (with or without a BOM), GBK/GB18030,
occasionally Big5 and UTF-16.  :func:`decode` finds the encoding from the bytes
alone, in this order:

1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32);
2. BOM-less UTF-16, recognised by the NUL bytes its ASCII characters carry;
3. strict UTF-8, which almost never decodes anything else without error;
4. GB18030 and Big5, each decoded strictly and scored by how much of the
   result is common Chinese text (Big5 bytes often decode as GB18030 too, but
   into rare characters);
5. charset-normalizer's guess, for whatever else is left.

Whatever wins must still look like text (:func:`plausibility`); binary junk
raises :class:`~govtext.errors.UnsupportedFormatError` and text in no encoding
we can identify raises :class:`~govtext.errors.EncodingError`.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from ..errors import EncodingError, UnsupportedFormatError
from .base import Block, Cell, Extraction, RawTable

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: Below this share of plausible characters a decoding is rejected.
MIN_PLAUSIBILITY = 0.95
#: Control characters tolerated in text (tab, newlines, form feed).
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")


def _is_plausible_char(ch: str) -> bool:
    o = ord(ch)
    if o < 0x80:
        return ch.isprintable() or ch in _ALLOWED_CONTROLS
    if 0x4E00 <= o <= 0x9FFF:  # CJK unified ideographs
        return True
    if 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF or 0x2000 <= o <= 0x206F:
        return True  # CJK punctuation, full-width forms, general punctuation
    if 0xA0 <= o <= 0x24F:  # Latin-1 and Latin Extended (pinyin tone marks)
        return True
    cat = unicodedata.category(ch)
    if cat in ("Cc", "Cs", "Co", "Cn"):
        return False
    # Symbols, box drawing, circled numbers and the like occur but are rare.
    return 0x2100 <= o <= 0x27BF or 0x3200 <= o <= 0x33FF or 0xFE30 <= o <= 0xFE4F or cat == "Zs"


_IMPLAUSIBLE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\ufffd\ufff0-\ufffc]")
_RARE = re.compile("[^\x00-\u024f\u2000-\u27bf\u3000-\u33ff\u4e00-\u9fff\ufe30-\ufe4f\uff00-\uffef]")


def plausibility(text: str, sample: int = 20000) -> float:
    """Share of the first ``sample`` characters that are ordinary text characters.

    Control characters, private-use and replacement characters count against
    the text, and so do characters outside the blocks Chinese reports use
    (CJK ideographs and punctuation, Latin, full-width forms, common symbols)
    unless Unicode says they are letters or numbers of some script.
    """
    chunk = text[:sample]
    if not chunk:
        return 0.0
    bad = len(_IMPLAUSIBLE.findall(chunk))
    rare = _RARE.findall(chunk)
    if rare:
        bad += sum(1 for ch in rare if not _is_plausible_char(ch))
    return 1 - bad / len(chunk)


def _common_hanzi_share(text: str, sample: int = 20000) -> float:
    """Share of CJK characters that are common ones, simplified or traditional.

    Common simplified characters are GB2312 level 1 (lead byte B0–D7); common
    traditional ones are Big5's frequent block (lead byte A4–C6).  Big5 bytes
    decoded as GB18030 land mostly in GBK's extension areas, and GBK bytes
    decoded as Big5 in its rare block, so the wrong reading scores low.
    """
    n = simp = trad = 0
    for ch in text[:sample]:
        if not "\u4e00" <= ch <= "\u9fff":
            continue
        n += 1
        try:
            if 0xB0 <= ch.encode("gb2312")[0] <= 0xD7:
                simp += 1
        except UnicodeEncodeError:
            pass
        try:
            if 0xA4 <= ch.encode("big5")[0] <= 0xC6:
                trad += 1
        except UnicodeEncodeError:
            pass
    return max(simp, trad) / n if n else 0.0


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        # A truncated file may end inside a multi-byte character: forgive that
        # cut-off sequence (at most three bytes at the very end), nothing else.
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            try:
                return data[: exc.start].decode(encoding)
            except UnicodeDecodeError:
                return None
        return None
    except LookupError:
        return None


_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in (9, 10, 12, 13))


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    bad = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return bad / len(sample) > 0.01


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    even_nul = sample[0::2].count(0)
    odd_nul = sample[1::2].count(0)
    half = len(sample) / 2
    for enc, nul in (("utf-16-le", odd_nul), ("utf-16-be", even_nul)):
        if nul > 0.1 * half:
            text = _strict(data[: len(data) - (len(data) % 2)], enc)
            if text is not None and plausibility(text) >= MIN_PLAUSIBILITY:
                return text
    # CJK-only UTF-16 has no NUL bytes at all; try both anyway when NULs are
    # spread evenly (e.g. U+4E00 is 00 4E in big-endian order).
    return None


def decode(data: bytes) -> tuple[str, str]:
    """Decode ``data``; return ``(text, encoding)``.

    Raises :class:`UnsupportedFormatError` for binary content and
    :class:`EncodingError` when no encoding yields plausible text.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = _strict(data, enc)
            if text is None:
                raise EncodingError(f"the file starts with a {enc} byte-order mark but is not valid {enc}")
            return text.lstrip("\ufeff"), enc.replace("-sig", "")

    text16 = _utf16_without_bom(data)
    if text16 is not None:
        return text16, "utf-16"
    if _looks_binary(data):
        raise UnsupportedFormatError("binary content, not a text, HTML, PDF or DOCX report")

    text = _strict(data, "utf-8")
    if text is not None and plausibility(text) >= MIN_PLAUSIBILITY:
        return text, "utf-8"

    candidates: list[tuple[float, str, str]] = []
    encodings = ["gb18030", "big5"]
    if len(data) % 2 == 0:  # Chinese-only UTF-16 without a BOM has no NUL bytes to give it away
        encodings += ["utf-16-le", "utf-16-be"]
    for enc in encodings:
        decoded = _strict(data, enc)
        if decoded is None:
            continue
        plaus = plausibility(decoded)
        if plaus >= MIN_PLAUSIBILITY:
            candidates.append((plaus + _common_hanzi_share(decoded), enc, decoded))
    if candidates:
        candidates.sort(key=lambda c: c[0], reverse=True)
        score, enc, decoded = candidates[0]
        if score >= MIN_PLAUSIBILITY + 0.6:
            return decoded, "utf-16" if enc.startswith("utf-16") else enc
    if text is not None:
        raise UnsupportedFormatError("the content decodes as UTF-8 but is not text")

    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding:
        guess = str(best)
        if plausibility(guess) >= MIN_PLAUSIBILITY and _common_hanzi_share(guess) >= 0.6:
            return guess, best.encoding
    damaged = _with_replacements(data)
    if damaged is not None:
        return damaged
    if candidates:
        raise EncodingError(
            "the text's encoding could not be identified (not UTF-8; GB18030/Big5 give unlikely characters)"
        )
    raise EncodingError("the text's encoding could not be identified (not UTF-8, UTF-16, GB18030 or Big5)")


#: at most this share of a file's bytes may be undecodable for it to be read with U+FFFD in their place
MAX_DAMAGED_SHARE = 0.001


def _with_replacements(data: bytes) -> tuple[str, str] | None:
    """UTF-8 or GB18030 text with a few bytes that are valid in neither (a byte flipped, a file spliced).

    Read with U+FFFD for each bad sequence, where the rest is plainly that encoding:
    at most :data:`MAX_DAMAGED_SHARE` of the bytes (and at least 3 allowed) and common
    Chinese text otherwise. GT107 reports every U+FFFD, and a number beside one is
    never read with certainty, so nothing is lost silently and nothing is accused.
    """
    allowed = max(3, int(len(data) * MAX_DAMAGED_SHARE))
    best: tuple[int, str, str] | None = None
    for enc in ("utf-8", "gb18030"):
        text = data.decode(enc, errors="replace")
        bad = text.count("\ufffd")
        plain = plausibility(text) >= MIN_PLAUSIBILITY and _common_hanzi_share(text) >= 0.6
        if 0 < bad <= allowed and plain and (best is None or bad < best[0]):
            best = (bad, text, enc)
    return None if best is None else (best[1], best[2])


_NUMERIC_CELL = re.compile(r"^[-+]?[\d,，]+(?:\.\d+)?$")


def _is_table(rows: list[tuple[Cell, ...]]) -> bool:
    """Two or more TAB-separated lines; or one, when it reads as a table row (a label and a number)."""
    if len(rows) >= 2:
        return True
    return len(rows) == 1 and 2 <= len(rows[0]) <= 16 and any(_NUMERIC_CELL.match(c.text) for c in rows[0][1:])


#: a line of cells between pipes, as web-to-text converters write a table without Markdown's separator
#: line (``规章 | 0 | 0 | 0 | ||``): two pipes at least, and a cell that is not empty
_PIPE_ROW = re.compile(r"^[^|\n]*\|[^\n]*\|")
_SEPARATOR_LINE = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*(?::?-{3,}:?\s*)?$")


def _cells(body: str, pos: int, sep: str) -> tuple[tuple[Cell, ...], tuple[Cell, ...]]:
    """A row's cells, and (pipe rows) the same with the empty cells before its closing pipe kept."""
    cells = []
    indent = len(body) - len(body.lstrip(" \u3000"))  # leading TABs of a row are empty cells
    off = pos + indent
    for piece in body[indent:].split(sep):
        lead = len(piece) - len(piece.lstrip())
        cells.append(Cell(piece.strip(), off + lead, off + lead + len(piece.strip())))
        off += len(piece) + 1
    if sep != "|":
        return tuple(cells), tuple(cells)
    # the pipes that open and close a row hold no cells; nor, as a rule, the empty cells of its padding
    if cells and not cells[0].text:
        cells.pop(0)
    if cells and not cells[-1].text and body.rstrip().endswith("|"):
        cells.pop()  # the closing pipe
    kept = tuple(cells)
    while cells and not cells[-1].text:
        cells.pop()
    return tuple(cells), kept


def _numbers_row(cells: tuple[Cell, ...]) -> bool:
    """A row of numbers and blanks with no label (table 4's row of values under its header rows)."""
    return bool(cells) and all(not c.text or _NUMERIC_CELL.match(c.text) for c in cells)


def _pipe_rows(rows: list[tuple[tuple[Cell, ...], tuple[Cell, ...]]]) -> tuple[tuple[Cell, ...], ...]:
    """The rows of a table: empty cells at a row's end are padding, dropped, except in a row of numbers with no
    label, where they are the blank cells of the table's last columns, kept up to the widest row's width."""
    width = max((len(cells) for cells, _ in rows), default=0)
    return tuple(kept[:width] if _numbers_row(cells) else cells for cells, kept in rows)


def tab_tables(text: str) -> list[RawTable]:
    """Tables written as runs of lines of TAB-separated cells (one line if it is a label and numbers).

    Spreadsheet exports and copies of Word tables arrive this way; each such
    run becomes a :class:`~govtext.io.base.RawTable` whose cells point into
    ``text``.  So do runs of lines whose cells stand between pipes
    (``行政许可 | 8 | 5 | 93 | ||``), as converters of web pages to text write a
    table without Markdown's separator line.
    """
    tables: list[RawTable] = []
    rows: list[tuple[tuple[Cell, ...], tuple[Cell, ...]]] = []
    start = 0
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        # a TAB that only indents a paragraph separates no cells; trailing TABs are empty cells
        sep = "\t" if "\t" in body.lstrip() else "|" if _PIPE_ROW.match(body) and body.strip("| \t") else None
        if sep == "|" and _SEPARATOR_LINE.match(body):
            pass  # Markdown's line under a header row: part of the table, no row of it
        elif sep is not None:
            if not rows:
                start = pos
            rows.append(_cells(body, pos, sep))
        else:
            if _is_table([r for r, _ in rows]):
                tables.append(RawTable(_pipe_rows(rows), start, pos))
            rows = []
        pos += len(line)
    if _is_table([r for r, _ in rows]):
        tables.append(RawTable(_pipe_rows(rows), start, pos))
    return tables


def read_text(text: str, *, encoding: str | None = None) -> Extraction:
    """A plain-text report: the text as it is, with its TAB-separated tables found."""
    tables = tab_tables(text) if "\t" in text or "|" in text else []
    blocks = [Block("table", t.start, t.end) for t in tables]
    return Extraction(text=text, format="txt", encoding=encoding, tables=tables, blocks=blocks)
