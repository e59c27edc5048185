"""Our cell reader against python-calamine on workbooks holding random cells, written by XlsxWriter
and by openpyxl: the same grids (value for value, type for type), or the cell reader declined the
file and python-calamine read it. Files holding nothing the reader has reason to decline must take
its fast path.

The reference is the reader as it was (``differential.before``: zipfile under the guard,
python-calamine for the values)."""

from __future__ import annotations

import datetime as dt
import io
import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import xlsxwriter
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from files.differential import before, difference, fast, now, same, why_declined

VIETNAMESE = "Trường Mầm non Mỹ An, huyện Tháp Mười: «tuyên truyền» về chủ quyền biển, đảo"
# Text as clerks type it, and as hostile as Excel lets it be: markup characters, control
# characters, white space at the ends, Vietnamese composed and decomposed, escapes-lookalikes.
PIECES = st.sampled_from(
    [
        "a", "Zz", " ", "  ", "\n", "\r\n", "\t", "&", "<", ">", '"', "'", "&amp;", "<t>", "]]>",
        "_x000D_", "_x0041_", "_x005F_", "_x00e9_", "_x1234_", "\x01", "\x07", "\x1f", "€", "😀",
        "-0", "1e5", "=SUM(A1)", VIETNAMESE, unicodedata.normalize("NFD", VIETNAMESE),
        "Ư", unicodedata.normalize("NFD", "Ư"), "\u00a0", "\u3000",
    ]
)  # fmt: skip
TEXT = st.one_of(
    st.lists(PIECES, max_size=8).map("".join),
    st.text(max_size=40).map(lambda t: "".join(c for c in t if c.isprintable() or c in "\t\n")),
    st.integers(1000, 32000).map(lambda n: ("Mỹ An " * n)[:n]),  # long, up to Excel's cap
)
SHORT = st.lists(PIECES, min_size=1, max_size=6).map("".join)
NUMBER = st.one_of(
    st.integers(-(10**15), 10**15),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([0.0, -0.0, 1e-300, 5e-324, 1e300, 0.1 + 0.2, 123456789.123, 2**53 + 1.0]),
)
DATETIME = st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(9999, 12, 30, 23, 59, 59))
DATE = st.dates(dt.date(1900, 1, 1), dt.date(9999, 12, 30))
TIME = st.times()
# Number formats a value may carry: builtin ids, custom codes (dates, numbers, text), and ones our
# reader is not sure of (a time span, a quoted literal): those files it declines.
SURE = [
    "General", "0", "0.00", "#,##0", "#,##0.00", "0%", "0.00E+00", "@", "dd/mm/yyyy",
    "d/m/yyyy", "yyyy-mm-dd", "dd/mm/yyyy hh:mm", "hh:mm:ss", "h:mm AM/PM", "mmm d, yyyy",
    "[$-42A]dd/mm/yyyy", "dd/mm/yyyy;@", "[Red]0.00", "0;[Red]-0", 14, 15, 22, 2, 3, 4, 10, 11,
]  # fmt: skip
UNSURE = ["[h]:mm:ss", '"Năm "0', '0" học sinh"', "[mm]:ss", 46]
FORMAT = st.sampled_from([None, None, *SURE, *SURE, *UNSURE])
ERRORS = ["#N/A", "#DIV/0!", "#REF!", "#NAME?", "#NULL!", "#NUM!", "#VALUE!"]


@dataclass(frozen=True)
class Cell:
    kind: str  # text, number, bool, datetime, date, time, formula, rich, blank
    value: Any
    format: Any = None


CELL = st.one_of(
    st.builds(Cell, st.just("text"), TEXT),
    st.builds(Cell, st.just("number"), NUMBER, FORMAT),
    st.builds(Cell, st.just("bool"), st.booleans()),
    st.builds(Cell, st.just("datetime"), DATETIME, FORMAT),
    st.builds(Cell, st.just("date"), DATE, FORMAT),
    st.builds(Cell, st.just("time"), TIME, FORMAT),
    st.builds(
        Cell, st.just("formula"), st.one_of(TEXT, NUMBER, st.booleans(), st.sampled_from(ERRORS))
    ),
    st.builds(Cell, st.just("rich"), st.lists(SHORT, min_size=2, max_size=4)),
    st.builds(Cell, st.just("blank"), st.none(), FORMAT),
)
SHEET = st.dictionaries(st.tuples(st.integers(0, 40), st.integers(0, 8)), CELL, max_size=25)
BOOK = st.lists(SHEET, min_size=1, max_size=3)
Sheets = list[dict[tuple[int, int], Cell]]


DATES = {"dd/mm/yyyy", "d/m/yyyy", "yyyy-mm-dd", "dd/mm/yyyy hh:mm", "hh:mm:ss", "h:mm AM/PM",
         "mmm d, yyyy", "[$-42A]dd/mm/yyyy", "dd/mm/yyyy;@", 14, 15, 22}  # fmt: skip


def _may_decline(cell: Cell) -> bool:
    """Whether the cell holds something our reader declines on purpose: a number in a format it
    is not sure of, or in a date format but outside the days of years 1900-9999."""
    if cell.kind in ("number", "datetime", "date", "time") and cell.format in UNSURE:
        return True
    return cell.kind == "number" and cell.format in DATES and not 0 <= cell.value < 2958465


def _xlsxwriter(sheets: list[dict[tuple[int, int], Cell]]) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False})
    bold, italic = book.add_format({"bold": True}), book.add_format({"italic": True})
    formats: dict[Any, Any] = {}

    def fmt(code: Any) -> Any:
        if code is None:
            return None
        if code not in formats:
            formats[code] = book.add_format({"num_format": code})
        return formats[code]

    for index, cells in enumerate(sheets):
        sheet = book.add_worksheet(f"Trang {index + 1}")
        for (row, col), cell in cells.items():
            if cell.kind == "text":
                sheet.write_string(row, col, cell.value)
            elif cell.kind == "number":
                sheet.write_number(row, col, cell.value, fmt(cell.format))
            elif cell.kind == "bool":
                sheet.write_boolean(row, col, cell.value)
            elif cell.kind in ("datetime", "date", "time"):
                sheet.write_datetime(row, col, cell.value, fmt(cell.format or "dd/mm/yyyy"))
            elif cell.kind == "formula":
                sheet.write_formula(row, col, "=1+1", None, cell.value)
            elif cell.kind == "rich":
                parts: list[Any] = []
                for n, piece in enumerate(cell.value):
                    parts += [(bold, italic)[n % 2], piece] if n % 3 else [piece]
                sheet.write_rich_string(row, col, *parts)
            else:
                sheet.write_blank(row, col, None, fmt(cell.format) or bold)
    book.close()
    return out.getvalue()


def _openpyxl(sheets: list[dict[tuple[int, int], Cell]]) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for index, cells in enumerate(sheets):
        sheet = book.create_sheet(f"Trang {index + 1}")
        for (row, col), cell in cells.items():
            target = sheet.cell(row + 1, col + 1)
            if cell.kind == "rich":
                target.value = CellRichText(
                    *(TextBlock(InlineFont(b=n % 2 == 1), p) for n, p in enumerate(cell.value))
                )
            elif cell.kind == "formula":
                target.value = "=1+1"
            elif cell.kind != "blank":
                target.value = cell.value
            if cell.format is not None and not isinstance(cell.format, int):
                target.number_format = cell.format
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _clean_for_openpyxl(cell: Cell) -> bool:
    """openpyxl refuses control characters other than tab and line breaks in text."""
    texts = cell.value if cell.kind == "rich" else [cell.value]
    return not any(
        isinstance(t, str) and any(ord(c) < 32 and c not in "\t\n\r" for c in t) for t in texts
    )


def _check(path: Path, expect_fast: bool) -> None:
    ours, theirs = now(path), before(path)
    assert same(ours, theirs), difference(ours, theirs)
    taken = fast(path)
    event("our cell reader" if taken else f"declined: {why_declined(path)}")
    if expect_fast:
        assert taken, why_declined(path)


EXAMPLES = int(os.environ.get("OUTREACH_CELLS_EXAMPLES", "150"))  # more for a longer campaign
COMMON = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@COMMON
@given(sheets=BOOK)
@example(sheets=[{(0, 0): Cell("text", " a & b "), (2, 1): Cell("number", 44194.0, 14)}])
@example(sheets=[{(0, 0): Cell("rich", ["_x00", "41_", " x "]), (0, 1): Cell("formula", "#N/A")}])
@example(sheets=[{(0, 0): Cell("time", dt.time(12, 0, 0, 500)), (1, 0): Cell("blank", None)}])
def test_xlsxwriter_workbooks(sheets: Sheets, tmp_path_factory: Any) -> None:
    path = tmp_path_factory.mktemp("xw") / "book.xlsx"
    path.write_bytes(_xlsxwriter(sheets))
    cells = [cell for sheet in sheets for cell in sheet.values()]
    _check(path, expect_fast=not any(map(_may_decline, cells)))


@COMMON
@given(sheets=BOOK)
@example(sheets=[{(0, 0): Cell("rich", ["a", " b "]), (3, 2): Cell("date", dt.date(1900, 2, 28))}])
def test_openpyxl_workbooks(sheets: Sheets, tmp_path_factory: Any) -> None:
    sheets = [{k: c for k, c in sheet.items() if _clean_for_openpyxl(c)} for sheet in sheets]
    path = tmp_path_factory.mktemp("op") / "book.xlsx"
    path.write_bytes(_openpyxl(sheets))
    cells = [cell for sheet in sheets for cell in sheet.values()]
    _check(path, expect_fast=not any(map(_may_decline, cells)))
