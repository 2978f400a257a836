"""The decisions both ruled-table readers (PDF ruling lines, scanned pages) take when a table runs over a page break."""

from __future__ import annotations

from govtext.io import grid, ocr, pdfgrid
from govtext.io.grid import continues_cut_row, is_number, opens_row_default, repeated_header_rows


def test_both_readers_build_one_kind_of_cell_and_join_by_the_same_decisions() -> None:
    for reader in (pdfgrid, ocr):
        assert reader.GridCell is grid.GridCell
        assert reader.continues_cut_row is continues_cut_row
        assert reader.repeated_header_rows is repeated_header_rows


def test_a_row_cut_by_the_break() -> None:
    # the rest of a label: no ordinal, so it continues the row above
    assert continues_cut_row(["申请的信息", "", ""], ["1.本机关不掌握相关政府信息", "3", "0"], opens_row_default)
    # a label that opens a row of its own
    assert not continues_cut_row(["（四）无法提供", "2", "2"], ["3.其他", "1", "1"], opens_row_default)
    # the empty rest of a row
    assert continues_cut_row(["", ""], ["总计", "5"], opens_row_default)
    # no label, every number on both sides: a row of its own; a number cut in two (88 | 1): the rest
    assert not continues_cut_row(["", "12", "3"], ["", "7", "5"], opens_row_default)
    assert continues_cut_row(["", "1", ""], ["", "88", "4"], opens_row_default)
    # numbers with nothing above them: a row of its own
    assert not continues_cut_row(["12", "3"], [None, None], opens_row_default)
    assert not continues_cut_row([], [], opens_row_default)


def test_header_rows_printed_again() -> None:
    table = {
        0: [(0, 1, "项目"), (1, 2, "数量")],
        1: [(0, 1, "申请人"), (1, 2, "自然人")],
        2: [(0, 1, "一、收到"), (1, 2, "5")],
    }
    again = {
        0: [(0, 1, "项目"), (1, 2, "数量")],
        1: [(0, 1, "申请人"), (1, 2, "自然人")],
        2: [(0, 1, "二、办结"), (1, 2, "4")],
    }
    assert repeated_header_rows(table.__getitem__, again.__getitem__, 3) == 2
    assert repeated_header_rows(table.__getitem__, {0: [(0, 1, "三、x")], 1: []}.__getitem__, 2) == 0
    # one row is always kept, however many repeat
    assert repeated_header_rows(table.__getitem__, table.__getitem__, 3) == 2


def test_numbers_and_ordinals() -> None:
    assert is_number("1,234") and is_number("—") and not is_number("") and not is_number("总计")
    assert opens_row_default("（三）不予公开") and opens_row_default("2.其他") and not opens_row_default("其他")
