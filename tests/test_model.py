"""Coercion of raw cell values: numbers typed as text, dates in their several shapes, clean text."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from outreach_xl.core.model import clean_text, coerce, paragraphs, to_date, to_int
from outreach_xl.schema import Kind


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (21, 21),
        (21.0, 21),
        ("21", 21),
        (" 21 ", 21),
        ("1.200", 1200),
        ("1,200", 1200),
        ("1 200", 1200),
        ("21.0", 21),
        (2.5, None),
        ("2,5", None),
        ("hai", None),
        (True, None),
        (float("nan"), None),
        ("", None),
    ],
)
def test_to_int_accepts_numbers_typed_as_text(raw: object, expected: int | None) -> None:
    assert to_int(raw) == expected


@given(st.integers(min_value=-(10**9), max_value=10**9))
def test_to_int_reads_back_any_written_integer(n: int) -> None:
    assert to_int(str(n)) == n
    assert to_int(float(n)) == n


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (dt.date(2020, 12, 29), dt.date(2020, 12, 29)),
        (dt.datetime(2020, 12, 29, 0, 0), dt.date(2020, 12, 29)),
        ("29/12/2020", dt.date(2020, 12, 29)),
        ("5/1/2021", dt.date(2021, 1, 5)),
        ("05-01-2021", dt.date(2021, 1, 5)),
        ("05.01.2021", dt.date(2021, 1, 5)),
        ("2021-01-05", dt.date(2021, 1, 5)),
        (44201, dt.date(2021, 1, 5)),  # Excel serial
        (44201.0, dt.date(2021, 1, 5)),
        ("31/02/2020", None),
        ("13/13/2020", None),
        ("hôm qua", None),
        (-3, None),
    ],
)
def test_to_date_reads_dates_serials_and_text(raw: object, expected: dt.date | None) -> None:
    assert to_date(raw) == expected


@given(st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2100, 12, 31)))
def test_dates_as_text_and_serials_agree(day: dt.date) -> None:
    serial = (day - dt.date(1899, 12, 30)).days
    assert to_date(day.strftime("%d/%m/%Y")) == day
    assert to_date(serial) == day


def test_text_is_trimmed_and_nfc_normalised() -> None:
    decomposed = "Tru\u031bo\u031b\u0300ng  Mâ\u0303u gia\u0301o "  # NFD, as some Mac apps type
    assert clean_text(decomposed) == "Trường Mẫu giáo"
    assert coerce(Kind.TEXT, " a \n b ") == "a b"
    assert coerce(Kind.LONGTEXT, "đoạn một\r\n\r\n  đoạn   hai ") == "đoạn một\nđoạn hai"
    assert paragraphs("một\nhai\n") == ["một", "hai"]


@given(st.one_of(st.none(), st.integers(), st.floats(), st.text(), st.booleans(), st.dates()))
def test_coerce_never_raises(raw: object) -> None:
    for kind in Kind:
        coerce(kind, raw)
