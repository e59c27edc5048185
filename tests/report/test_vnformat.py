"""Decree formats: dates, numbers, document references, upper case, section numbers."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from outreach_xl.core import formats as vn

LONG_DATE = re.compile(r"ngày (\d{2}) tháng (\d{1,2}) năm (\d{4})")


@pytest.mark.parametrize(
    ("date", "text"),
    [
        (dt.date(2021, 1, 5), "ngày 05 tháng 01 năm 2021"),
        (dt.date(2020, 6, 29), "ngày 29 tháng 6 năm 2020"),
        (dt.date(2020, 2, 1), "ngày 01 tháng 02 năm 2020"),
        (dt.date(2020, 3, 9), "ngày 09 tháng 3 năm 2020"),
        (dt.date(2020, 10, 10), "ngày 10 tháng 10 năm 2020"),
        (dt.date(2020, 12, 31), "ngày 31 tháng 12 năm 2020"),
    ],
)
def test_long_date_examples(date: dt.date, text: str) -> None:
    assert vn.long_date(date) == text


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2199, 12, 31)))
def test_any_date_follows_the_decree(date: dt.date) -> None:
    text = vn.long_date(date)
    match = LONG_DATE.fullmatch(text)
    assert match, text
    day, month, year = match.groups()
    assert dt.date(int(year), int(month), int(day)) == date  # reads back
    assert len(day) == 2  # a day below 10 has its zero
    assert month.startswith("0") == (date.month <= 2)  # only January and February have one
    assert vn.place_date(" Mỹ An ", date) == f"Mỹ An, {text}"
    assert vn.short_date(date) == date.strftime("%d/%m/") + str(date.year)


@pytest.mark.parametrize(
    ("number", "symbol", "text"),
    [(5, "BC-MGMA", "05/BC-MGMA"), (15, "bc-mgma", "15/BC-MGMA"), (123, "BC-MGĐA", "123/BC-MGĐA")],
)
def test_doc_reference(number: int, symbol: str, text: str) -> None:
    assert vn.doc_reference(number, symbol) == text


def test_doc_reference_leaves_room_when_the_number_is_not_known() -> None:
    text = vn.doc_reference(None, "BC-MGMA")
    assert text.endswith("/BC-MGMA") and text[:-8].strip() == "" and len(text) > 10
    with pytest.raises(ValueError):
        vn.doc_reference(0, "BC-MGMA")


@given(st.integers(min_value=1, max_value=99999), st.from_regex(r"BC-[A-ZĐ]{2,6}", fullmatch=True))
def test_any_reference_has_two_digits_at_least(number: int, symbol: str) -> None:
    text = vn.doc_reference(number, symbol)
    head, tail = text.split("/", 1)
    assert int(head) == number and len(head) >= 2 and tail == symbol
    assert vn.body_abbreviation(tail) == symbol[3:]


@pytest.mark.parametrize(
    ("number", "text"),
    [(0, "0"), (999, "999"), (1000, "1.000"), (1234567, "1.234.567"), (-1200, "-1.200")],
)
def test_thousands(number: int, text: str) -> None:
    assert vn.thousands(number) == text


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_thousands_reads_back_in_groups_of_three(number: int) -> None:
    text = vn.thousands(number)
    assert int(text.replace(".", "")) == number
    groups = text.lstrip("-").split(".")
    assert 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


@pytest.mark.parametrize(
    ("part", "whole", "text"),
    [
        (21, 21, "21/21 (100%)"),
        (6, 7, "6/7 (85,7%)"),
        (1, 3, "1/3 (33,3%)"),
        (1200, 2400, "1.200/2.400 (50%)"),
    ],
)
def test_share(part: int, whole: int, text: str) -> None:
    assert vn.share(part, whole) == text


def test_share_without_a_total_is_the_number() -> None:
    assert vn.share(170, None) == "170" and vn.share(5, 0) == "5"


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=10**6))
def test_percent_is_the_rounded_share(part: int, whole: int) -> None:
    text = vn.percent(part, whole)
    value = float(text.rstrip("%").replace(".", "").replace(",", "."))
    assert abs(value - part * 100 / whole) <= 0.05 + 1e-9
    assert re.fullmatch(r"[\d.]+(,\d)?%", text)


@pytest.mark.parametrize(
    ("text", "upper"),
    [
        ("Trường Mẫu giáo Mỹ An", "TRƯỜNG MẪU GIÁO MỸ AN"),
        ("phòng gd&đt thủ thừa", "PHÒNG GD&ĐT THỦ THỪA"),
        ("Ủy ban nhân dân xã ỷ", "ỦY BAN NHÂN DÂN XÃ Ỷ"),
    ],
)
def test_upper(text: str, upper: str) -> None:
    assert vn.upper(text) == upper


@given(st.text())
def test_upper_is_composed_and_idempotent(text: str) -> None:
    once = vn.upper(text)
    assert vn.upper(once) == once
    assert once == vn.nfc(once)


def test_upper_of_decomposed_text() -> None:
    assert vn.upper(unicodedata.normalize("NFD", "Mỹ An")) == "MỸ AN"


@given(st.text())
def test_xml_safe_leaves_only_xml_characters(text: str) -> None:
    safe = vn.xml_safe(text)
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", safe)
    assert len(safe) <= len(text)


@pytest.mark.parametrize(
    ("n", "text"), [(1, "I"), (3, "III"), (4, "IV"), (6, "VI"), (9, "IX"), (14, "XIV")]
)
def test_roman(n: int, text: str) -> None:
    assert vn.roman(n) == text


def test_roman_out_of_range() -> None:
    with pytest.raises(ValueError):
        vn.roman(0)


@pytest.mark.parametrize(
    ("typed", "listed"),
    [
        (["Phòng GD&ĐT", "Lưu: VT"], ["Phòng GD&ĐT;", "Lưu: VT."]),
        (["a;", "b."], ["a;", "b."]),
        (["a;.", "b.."], ["a;", "b."]),
        (["a ;", "b ,", "c:"], ["a;", "b;", "c."]),
        (["trang điện tử,...", "trường chuẩn, …)"], ["trang điện tử,…;", "trường chuẩn, …)."]),
        (["Zalo, Facebook ..."], ["Zalo, Facebook …"]),
        (["a./."], ["a."]),
    ],
)
def test_one_punctuation_for_every_list_whatever_was_typed(
    typed: list[str], listed: list[str]
) -> None:
    assert vn.punctuate(typed) == listed


@given(st.lists(st.text(min_size=1).filter(lambda t: t.strip(" ;.,:")), min_size=1, max_size=6))
def test_no_item_ever_ends_twice(items: list[str]) -> None:
    for line in vn.punctuate(items):
        assert not line.endswith((";;", ";.", "..", ".;", ",;", ",.", " ;", " ."))


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("TRƯỜNG MẪU GIÁO LONG THƯỢNG", "Trường Mẫu giáo Long Thượng"),
        ("trường tiểu học mỹ phú", "Trường Tiểu học Mỹ Phú"),
        ("TRƯỜNG THCS VÀ THPT NGUYỄN BỈNH KHIÊM", "Trường THCS và THPT Nguyễn Bỉnh Khiêm"),
        (
            "TRƯỜNG TRUNG HỌC CƠ SỞ VÀ TRUNG HỌC PHỔ THÔNG NGUYỄN BỈNH KHIÊM",
            "Trường Trung học cơ sở và Trung học phổ thông Nguyễn Bỉnh Khiêm",
        ),
        ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO HUYỆN THỦ THỪA", "Phòng Giáo dục và Đào tạo huyện Thủ Thừa"),
        ("UBND XÃ MỸ AN", "UBND xã Mỹ An"),
        ("SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH TÂY NINH", "Sở Giáo dục và Đào tạo tỉnh Tây Ninh"),
        ("Trường mẫu giáo Mỹ An", "Trường mẫu giáo Mỹ An"),  # mixed case: the clerk's choice
    ],
)
def test_body_names_in_a_sentence(typed: str, written: str) -> None:
    assert vn.body_name(typed) == written


def test_person_and_place_names() -> None:
    assert vn.person_name("nguyễn văn a") == "Nguyễn Văn A"
    assert vn.person_name("TRẦN THỊ THU HÀ") == "Trần Thị Thu Hà"
    assert vn.person_name("Lê văn Tám") == "Lê văn Tám"  # mixed: as typed
    assert vn.place_name("THỊ TRẤN THỦ THỪA") == "Thị trấn Thủ Thừa"
    assert vn.place_name("mỹ an") == "Mỹ An"


@pytest.mark.parametrize(
    ("typed", "cited"),
    [
        ("về hoạt động thông tin đối ngoại", "hoạt động thông tin đối ngoại"),
        ("Về việc triển khai", "việc triển khai"),
        ("V/v triển khai", "việc triển khai"),
        ("hoạt động về biển đảo", "hoạt động về biển đảo"),
        ("vềnh", "vềnh"),
    ],
)
def test_request_subject_without_the_templates_ve(typed: str, cited: str) -> None:
    assert vn.request_subject(typed) == cited


# --- The end of a list item: scanned back from the end, as the two patterns it replaced said ---

_OLD_ITEM_END = re.compile(r"(?:\./\.|[\s;.,:])+$")
_OLD_DOTS = re.compile(r"\s*(?:\.{3,}|…)[\s;.,:]*$")


def _old_item_body(line: str) -> str:
    """``item_body`` as it was: two patterns searched from every position (slow on long runs)."""
    dots = _OLD_DOTS.search(line)
    if dots:
        space = " " if dots.group(0)[:1].isspace() else ""
        return f"{line[: dots.start()]}{space}…"
    return _OLD_ITEM_END.sub("", line)


@settings(max_examples=1000)
@given(st.text(alphabet=" ;.,:/…a\u00a0\t\n", max_size=14))
def test_item_body_is_what_the_old_patterns_gave(line: str) -> None:
    assert vn.item_body(line) == _old_item_body(line)


@given(st.text(max_size=30).map(lambda head: head + "x"), st.text(alphabet=" ;.,:/…", max_size=12))
def test_item_body_of_text_then_marks_is_what_the_old_patterns_gave(head: str, tail: str) -> None:
    assert vn.item_body(head + tail) == _old_item_body(head + tail)


def test_item_body_of_an_item_typed_as_thousands_of_marks_is_quick() -> None:
    """A cell of dots before one letter cost the old patterns the cube of its length (seven
    seconds at 2,000 dots, hours at Excel's 32,767 characters): a school's report, or the
    district's, would never have been made."""
    import time

    start = time.process_time()
    for line in (
        "." * 32766 + "x",
        "x" + " ;" * 16383,
        "x" + "./." * 10922 + "a",
        "x" + "." * 32766,
    ):
        vn.item_body(line)
    assert time.process_time() - start < 1.0
