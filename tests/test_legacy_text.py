"""Text pasted from a .VnTime (TCVN3) or VNI-Times document is read as the Unicode it stands for;
Unicode Vietnamese and foreign names are never touched.

The legacy forms below were written by other converters (Unikey's, a TypeScript and a C# one), not
by the code under test.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from outreach_xl.core.legacy_text import might_be_legacy, unicode_of
from outreach_xl.core.model import coerce
from outreach_xl.schema import Kind

SOFT_HYPHEN = "\u00ad"  # TCVN3's ư


@pytest.mark.parametrize(
    ("typed", "unicode", "encoding"),
    [
        ("B¶o Th¾ng", "Bảo Thắng", "TCVN3"),
        (f"M{SOFT_HYPHEN}êng Kh{SOFT_HYPHEN}¬ng", "Mường Khương", "TCVN3"),
        ("Ninh B×nh", "Ninh Bình", "TCVN3"),
        ("Phßng Gi¸o dôc vµ §µo t¹o", "Phòng Giáo dục và Đào tạo", "TCVN3"),
        ("th«ng tin ®èi ngo¹i n¨m 2020", "thông tin đối ngoại năm 2020", "TCVN3"),
        ("Xin chaøo caùc baïn", "Xin chào các bạn", "VNI"),
        ("Tröôøng maàm non Myõ An", "Trường mầm non Mỹ An", "VNI"),
        ("TRÖÔØNG TIEÅU HOÏC", "TRƯỜNG TIỂU HỌC", "VNI"),
        ("Nguyeãn Thò Höông; Ñaøo Ñình Kyø", "Nguyễn Thị Hương; Đào Đình Kỳ", "VNI"),
    ],
)
def test_legacy_text_reads_as_the_unicode_it_stands_for(
    typed: str, unicode: str, encoding: str
) -> None:
    assert unicode_of(typed) == (unicode, encoding)


@pytest.mark.parametrize(
    "text",
    [
        "München",
        "Françoise Müller",
        "Zürich 2020",
        "naïve",
        "Ñoño",
        "São Paulo",
        "café",
        "bé ngoan",  # é is Unicode é here, though TCVN3 writes ộ with it
        "«Khác»",
        "Zalo, Facebook",
        "Giới thiệu văn hóa Việt Nam",
        "Mỹ Ångström",
        "Phòng 6×8",  # a lone sign between figures, not a letter of a word
        "Giáo viên Müller",  # á, ê and ü are all TCVN3 codes, but Mỹller is no syllable
        "Bjørn Ødegård",  # VNI and TCVN3 signs, in no Vietnamese syllable
    ],
)
def test_unicode_and_foreign_words_are_left_alone(text: str) -> None:
    assert unicode_of(text) is None


_TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
_VOWELS = [unicodedata.normalize("NFC", v + t) for v in "aăâeêioôơuưy" for t in _TONES]
_LETTERS = [*"bcdđghklmnpqrstvx", *_VOWELS]  # every letter of Vietnamese, tone marks included
_VIETNAMESE = st.text(
    alphabet=st.sampled_from([*_LETTERS, *(c.upper() for c in _LETTERS), *" ,.12"]), max_size=40
)


@given(_VIETNAMESE)
def test_text_in_unicode_is_never_taken_for_a_legacy_one(text: str) -> None:
    assert not might_be_legacy(text)
    assert unicode_of(text) is None


def test_a_cell_typed_in_tcvn3_has_its_unicode_value() -> None:
    organisation = f"Nhµ tr{SOFT_HYPHEN}êng x©y dùng kÕ ho¹ch;\nTæ chøc tuyªn truyÒn"
    assert coerce(Kind.LONGTEXT, organisation) == (
        "Nhà trường xây dựng kế hoạch;\nTổ chức tuyên truyền"
    )
    assert coerce(Kind.CHOICE, "Trang web cña tr\u00adêng") == "Trang web của trường"


def test_a_paragraph_pasted_under_one_typed_in_unicode_is_read_line_by_line() -> None:
    typed = f"Tổ chức tuyên truyền tốt.\nTh«ng tin ®èi ngo¹i cña nhµ tr{SOFT_HYPHEN}êng"
    assert unicode_of(typed) == (
        "Tổ chức tuyên truyền tốt.\nThông tin đối ngoại của nhà trường",
        "TCVN3",
    )
    assert unicode_of("Tổ chức tuyên truyền tốt.\nViện Goethe ở München") is None


@pytest.mark.parametrize(
    ("typed", "unicode"),
    [
        ("ThiÕu kinh phÝ", "Thiếu kinh phí"),  # only letters that are capitals in Unicode
        ("nÒn nÕp", "nền nếp"),
    ],
)
def test_tcvn3_written_with_letters_unicode_has_as_capitals_is_read(
    typed: str, unicode: str
) -> None:
    assert unicode_of(typed) == (unicode, "TCVN3")
    assert unicode_of(unicode.upper()) is None  # capitals where capitals stand: Unicode
