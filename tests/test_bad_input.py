"""Bad input: a typed error from the API, exit 2 and one clear line from the CLI — never a traceback or a hang."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import govtext
from govtext.errors import (
    CorruptFileError,
    EmptyDocumentError,
    EncodingError,
    EncryptedFileError,
    FileTooLargeError,
    GovtextError,
    ReadError,
    SourceNotFoundError,
    UnsupportedFormatError,
)
from govtext.io import MAX_TEXT_BYTES
from tests.helpers import encrypt_pdf, make_docx, make_pdf


def _zip_without_document() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "not a word document")
    return buf.getvalue()


CASES: dict[str, tuple[str, bytes, type[ReadError]]] = {
    "empty": ("empty.txt", b"", EmptyDocumentError),
    "whitespace": ("blank.txt", b" \n\t\r\n  ", EmptyDocumentError),
    "binary junk named .txt": ("junk.txt", bytes(range(256)) * 64, UnsupportedFormatError),
    "undetectable encoding": ("odd.txt", bytes([0x81, 0x30, 0xFF, 0x80, 0xFE, 0xA0, 0x81, 0x7F] * 300), EncodingError),
    "truncated pdf": ("cut.pdf", make_pdf([["Annual report 2023"] * 5])[:300], CorruptFileError),
    "encrypted pdf": ("locked.pdf", encrypt_pdf(make_pdf([["Annual report 2023"]])), EncryptedFileError),
    "pdf without text layer": ("scan.pdf", make_pdf([[]]), EmptyDocumentError),
    "docx that is not a zip": ("report.docx", "一、总体情况".encode(), UnsupportedFormatError),
    "zip that is not a docx": ("report.docx", _zip_without_document(), UnsupportedFormatError),
    "truncated docx": ("cut.docx", make_docx(["一、总体情况", "正文。"])[:2000], CorruptFileError),
    "legacy .doc": ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024, UnsupportedFormatError),
    # PNG, JPEG and TIFF scans are read by OCR (govtext[ocr]); a PNG cut short is a damaged file either way
    "truncated png image": ("scan.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, CorruptFileError),
    "gif image": ("scan.gif", b"GIF89a" + b"\x00" * 100, UnsupportedFormatError),
    "html without text": (
        "empty.html",
        b"<html><head><title>x</title></head><body><script>1</script></body></html>",
        EmptyDocumentError,
    ),
    "pdf header only": ("stub.pdf", b"%PDF-1.7\n%%EOF\n", CorruptFileError),
}

# "undetectable encoding" may be judged binary by the control-byte check
_ALSO_OK = {"undetectable encoding": (EncodingError, UnsupportedFormatError)}


@pytest.mark.parametrize("case", list(CASES))
def test_api_raises_a_typed_error(case: str, tmp_path: Path) -> None:
    name, data, expected = CASES[case]
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(_ALSO_OK.get(case, expected)) as info:
        govtext.analyze(path)
    err = info.value
    assert isinstance(err, GovtextError)
    assert err.path == str(path)
    assert "\n" not in str(err) and str(err).startswith(str(path))


@pytest.mark.parametrize("case", list(CASES))
def test_api_on_bytes_raises_the_same_error(case: str) -> None:
    _, data, expected = CASES[case]
    if case in ("docx that is not a zip", "zip that is not a docx"):
        expected = UnsupportedFormatError
    if case == "docx that is not a zip":
        # without a name nothing says "docx": the bytes are read as the text they are
        doc = govtext.analyze(data)
        assert doc.text == "一、总体情况"
        return
    with pytest.raises(_ALSO_OK.get(case, expected)):
        govtext.analyze(data)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(SourceNotFoundError, match="no such file"):
        govtext.analyze(tmp_path / "nope.txt")
    with pytest.raises(SourceNotFoundError, match="not a regular file"):
        govtext.analyze(tmp_path)


def test_fifty_megabyte_text_file_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    line = "本局公开政府信息共151条，其中部门文件3条。\n".encode()
    with path.open("wb") as fh:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    assert path.stat().st_size > 50 * 1024 * 1024
    with pytest.raises(FileTooLargeError, match="limit"):
        govtext.analyze(path)


def test_text_just_under_the_limit_is_accepted_by_the_reader() -> None:
    from govtext.io import read

    data = ("正文。" * (MAX_TEXT_BYTES // 9 - 1)).encode()
    assert len(data) <= MAX_TEXT_BYTES
    extraction, _ = read(data)
    assert extraction.text.startswith("正文。")


def test_unknown_forced_format() -> None:
    with pytest.raises(UnsupportedFormatError, match="unknown format"):
        govtext.analyze(b"text", format="xls")  # type: ignore[arg-type]


@pytest.mark.parametrize("case", list(CASES))
def test_cli_exits_2_with_one_line_and_no_traceback(case: str, tmp_path: Path) -> None:
    name, data, _ = CASES[case]
    path = tmp_path / name
    path.write_bytes(data)
    out = subprocess.run(
        [sys.executable, "-m", "govtext.cli", "analyze", str(path), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert out.returncode == 2
    assert out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert lines[0].startswith(f"govtext: error: {path}: ")
    assert "Traceback" not in out.stderr


def test_cli_missing_file_and_misuse(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "govtext.cli", "analyze", str(tmp_path / "x.pdf")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 2 and "no such file" in out.stderr and "Traceback" not in out.stderr
    out = subprocess.run(
        [sys.executable, "-m", "govtext.cli", "frobnicate"], capture_output=True, text=True, check=False
    )
    assert out.returncode == 2 and "Traceback" not in out.stderr
    out = subprocess.run([sys.executable, "-m", "govtext.cli"], capture_output=True, text=True, check=False)
    assert out.returncode == 2


# -- fuzz: whatever the bytes, a Document or a ReadError, nothing else ------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_fragments = st.sampled_from(
    [b"%PDF-1.4\n", b"PK\x03\x04", b"<html>", b"<table><tr><td>", b"</td>", b"# ", b"| a |\n|---|\n",
     "一、总体情况\n".encode(), "現(xiàn)在".encode(), "共１５１條".encode("gb18030"), b"\xff\xfe", b"\xef\xbb\xbf",
     b"\x00", b"\r\n", b"\f", b"- 3 -\n", "字体：[大] [中] [小]".encode(), b"\x81\x30", b"<!--", b"&nbsp;"]
)  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_fragments, st.binary(max_size=40)), max_size=30))
def test_any_bytes_give_a_document_or_a_read_error(chunks: list[bytes]) -> None:
    data = b"".join(chunks)
    try:
        doc = govtext.analyze(data)
    except ReadError:
        return
    doc.to_json()
    for sent in doc.sentences:
        assert 0 <= sent.span.start <= sent.span.end
        assert sent.span.line >= 1 and sent.span.col >= 1
