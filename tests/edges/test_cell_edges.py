"""What a cell means, against answers written by hand (never computed with the code under test)."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from outreach_xl.core.model import clean_text, coerce, is_blank, paragraphs, to_date, to_int
from outreach_xl.core.parse import address, column_letter
from outreach_xl.schema import Kind

NBSP = "\u00a0"
TRUONG_NFD = unicodedata.normalize("NFD", "Trường")  # as a Mac or some web forms type it


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (None, ""),
        ("", ""),
        (21, "21"),
        (21.0, "21"),  # Excel stores every number as a float
        (21.5, "21.5"),
        (dt.date(2021, 1, 5), "05/01/2021"),
        (dt.datetime(2020, 12, 29, 10, 30), "29/12/2020"),
        ("  Mỹ  An  ", "Mỹ An"),
        (f"Mỹ{NBSP}An{NBSP}", "Mỹ An"),
        (TRUONG_NFD, "Trường"),
        ("dòng 1\r\ndòng 2\rdòng 3", "dòng 1\ndòng 2\ndòng 3"),
        ("  dòng   1 \n\n\n   dòng 2  \n", "dòng 1\ndòng 2"),
        (f"a{NBSP}\n{NBSP}\nb", "a\nb"),
    ],
)
def test_clean_text(raw: object, text: str) -> None:
    assert clean_text(raw) == text


def test_clean_text_composes_every_vietnamese_letter() -> None:
    letters = "ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
    decomposed = unicodedata.normalize("NFD", letters + letters.upper())
    assert len(decomposed) > 2 * len(letters)
    assert clean_text(decomposed) == letters + letters.upper()


@pytest.mark.parametrize(
    ("kind", "raw", "value"),
    [
        (Kind.TEXT, "Phòng  GD&ĐT\nThủ Thừa", "Phòng GD&ĐT Thủ Thừa"),  # one line in a form row
        (Kind.LONGTEXT, "Đoạn 1.\n\nĐoạn  2.", "Đoạn 1.\nĐoạn 2."),  # paragraphs kept
        (Kind.TEXT, "   ", None),
        (Kind.TEXT, "#REF!", None),
        (Kind.INT, " 21 ", 21),
        (Kind.INT, "#DIV/0!", None),
        (Kind.DATE, "05/01/2021", dt.date(2021, 1, 5)),
        (Kind.CHOICE, " Mẫu  giáo ", "Mẫu giáo"),
    ],
)
def test_coerce(kind: Kind, raw: object, value: object) -> None:
    assert coerce(kind, raw) == value


@pytest.mark.parametrize(
    ("raw", "number"),
    [
        (True, None),  # a ticked box is not a count
        (False, None),
        (21.5, None),
        (21.0, 21),
        ("1.20", None),  # not a thousands group: a decimal
        ("1.2000", None),
        ("12.000.000", 12000000),
        ("+21", 21),
        ("-3", -3),
        ("0021", 21),
        ("45 người", 45),  # the words of what it counts, as a clerk writes them
        ("Số 05", 5),  # the field's own word, as the document writes it
        ("năm 2020", 2020),
        ("Năm: 2020", 2020),
        ("số lượng 5", None),  # other words before: unsure
        ("05/BC-MGMA", None),
        ("1.200 học sinh", 1200),
        ("12 LẦN", 12),
        ("12 la\u0302\u0300n", 12),  # decomposed, as a Mac types
        ("45/50", None),  # another number: not a count with its word
        ("khoảng 45", None),  # words before: unsure
        ("45 (dự kiến)", None),
        ("2.5 lần", None),
        ("45 người 3", None),
    ],
)
def test_to_int_edges(raw: object, number: int | None) -> None:
    assert to_int(raw) == number


@pytest.mark.parametrize(
    ("raw", "date"),
    [
        (43831, dt.date(2020, 1, 1)),  # Excel's serial numbers, from Excel itself
        (44197, dt.date(2021, 1, 1)),
        (44195.75, dt.date(2020, 12, 30)),  # a time of day is dropped
        (61, dt.date(1900, 3, 1)),
        (1, dt.date(1900, 1, 1)),
        ("05/01/2021", dt.date(2021, 1, 5)),  # day first, as Vietnam writes dates
        ("12/01/2021", dt.date(2021, 1, 12)),
        ("01/12/2021", dt.date(2021, 12, 1)),
        ("29/02/2021", None),
        ("2021-02-29", None),
        ("ngày 05 tháng 01 năm 2021", dt.date(2021, 1, 5)),  # written out, as a letter dates
        ("Ngày 5 tháng 1 năm 2021", dt.date(2021, 1, 5)),
        ("5 tháng 12, 2021", dt.date(2021, 12, 5)),
        ("NGÀY 12 THÁNG 1 NĂM 2021", dt.date(2021, 1, 12)),
        ("ngày 31 tháng 2 năm 2021", None),
        ("tháng 1 năm 2021", None),  # no day
        ("29/12/20", dt.date(2020, 12, 29)),  # the year shortened: this century's
        ("29/12", None),  # no year
        ("2021/01/05", dt.date(2021, 1, 5)),  # the year first: never ambiguous
        ("2021.1.5", dt.date(2021, 1, 5)),
        ("2021/01-05", None),  # two separators
        (0, None),
        (True, None),
    ],
)
def test_to_date_edges(raw: object, date: dt.date | None) -> None:
    assert to_date(raw) == date


@pytest.mark.parametrize(("raw", "blank"), [(None, True), ("", True), ("  \t ", True),
                                             (0, False), ("0", False), (" x ", False)])  # fmt: skip
def test_is_blank(raw: object, blank: bool) -> None:
    assert is_blank(raw) is blank


def test_paragraphs() -> None:
    assert paragraphs("Đoạn 1.\n  \n Đoạn 2. ") == ["Đoạn 1.", "Đoạn 2."]
    assert paragraphs(None) == [] and paragraphs("") == []


@pytest.mark.parametrize(
    ("index", "letters"),
    [
        (0, "A"),
        (1, "B"),
        (25, "Z"),
        (26, "AA"),
        (27, "AB"),
        (701, "ZZ"),
        (702, "AAA"),
        (16383, "XFD"),
    ],
)
def test_column_letters(index: int, letters: str) -> None:
    assert column_letter(index) == letters


def test_address() -> None:
    assert address(0, 0) == "A1"
    assert address(4, 2) == "C5"
