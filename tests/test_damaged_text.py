"""A text file with a few undecodable bytes is read, each place reported (GT107), nothing accused."""

from __future__ import annotations

from pathlib import Path

import pytest

import govtext
from govtext.errors import EncodingError

EXAMPLE = Path(__file__).resolve().parents[1] / "corpora" / "examples" / "example_2023.txt"


def _example() -> bytes:
    return EXAMPLE.read_bytes()


def test_one_bad_byte_in_utf8_is_read_and_reported_where_it_is() -> None:
    data = _example()
    at = data.index("共受理政府信息公开申请60件".encode()) + len("共受理政府信息公开申请6".encode())
    doc = govtext.analyze(data[:at] + b"\xff" + data[at + 1 :], name="r.txt")  # the "0" of 60 is lost
    assert doc.source.encoding == "utf-8"
    (f,) = [f for f in doc.findings if f.rule == "GT107"]
    line = EXAMPLE.read_text(encoding="utf-8").splitlines()[f.span.line - 1]
    assert f.severity == "warning" and line[f.span.col - 1 :].startswith("0件")
    assert not [f for f in doc.findings if f.severity == "error"]  # 6�件 is no figure to accuse with


def test_a_number_beside_an_undecodable_byte_is_never_certain() -> None:
    data = _example()
    at = data.index("共受理政府信息公开申请60件".encode()) + len("共受理政府信息公开申请".encode())
    doc = govtext.analyze(data[:at] + b"9\xff" + data[at:], name="r.txt")  # 9�60件: which digits?
    near = [c for c in doc.claims if c.text.startswith("60")]
    assert near and all(c.confidence < 1 for c in near)
    assert not [f for f in doc.findings if f.severity == "error"]


def test_gb18030_with_a_bad_byte() -> None:
    data = EXAMPLE.read_text(encoding="utf-8").encode("gb18030")
    at = data.index("本局".encode("gb18030"))
    doc = govtext.analyze(data[:at] + b"\xff" + data[at + 1 :], name="r.txt")
    assert doc.source.encoding == "gb18030" and any(f.rule == "GT107" for f in doc.findings)


def test_a_file_damaged_throughout_is_still_refused() -> None:
    data = bytearray(_example())
    for k in range(100, len(data), 200):  # one byte in 200: far over MAX_DAMAGED_SHARE
        data[k] = 0xFF
    with pytest.raises(EncodingError):
        govtext.analyze(bytes(data), name="r.txt")


def test_a_lone_surrogate_in_a_str_is_an_unreadable_character_not_a_traceback() -> None:
    """A str decoded with surrogateescape (or cut from UTF-16) reaches analyze_text: U+FFFD, GT107, JSON that encodes."""
    import json

    text = EXAMPLE.read_text(encoding="utf-8")
    at = text.index("共受理政府信息公开申请60件") + len("共受理政府信息公开申请6")
    doc = govtext.analyze_text(text[:at] + "\udcff" + text[at + 1 :])
    assert "\ufffd" in doc.text and not any("\ud800" <= ch <= "\udfff" for ch in doc.text)
    assert [f.rule for f in doc.findings if f.rule == "GT107"] == ["GT107"]
    assert not [f for f in doc.findings if f.severity == "error"]
    json.dumps(doc.to_dict(detail=True), ensure_ascii=False).encode("utf-8")
