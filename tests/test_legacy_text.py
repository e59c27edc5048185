"""Text pasted from a .VnTime (TCVN3) or VNI-Times document is read as the Unicode it stands for;
Unicode Vietnamese and foreign names are never touched.

The legacy forms below were written by other converters (Unikey's, a TypeScript and a C# one), not
by the code under test.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from outreach_xl.core.legacy_text import TCVN3, VNI, might_be_legacy, unicode_of
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


# Real Vietnamese: the words of the reference report, in any order and case.
_SEED = Path(__file__).parent / "report" / "data" / "seed-report-mg-my-an-2020.txt"
_WORDS = sorted(set(re.findall(r"[^\W\d_]+", _SEED.read_text(encoding="utf-8"))))
_VIETNAMESE = st.lists(
    st.sampled_from(_WORDS).flatmap(lambda w: st.sampled_from([w, w.upper(), w.capitalize()])),
    max_size=12,
).map(" ".join)


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


def test_a_capital_the_caps_lock_left_is_not_tcvn3() -> None:
    assert unicode_of("tÊN") is None  # a capital follows it: not the ấ of TCVN3


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


_LEGACY_ALPHABET = sorted(set(TCVN3) | set("".join(VNI)) | set("aeiou ,.\n12"))


@given(st.one_of(st.text(), st.text(alphabet=_LEGACY_ALPHABET)))
@example("g£")  # TCVN3's gÊ, itself TCVN3 for gấ: left as typed
def test_a_text_read_as_unicode_is_never_read_again(text: str) -> None:
    """Any text: no error; what a legacy text is read as is Unicode, which is left alone."""
    found = unicode_of(text)
    if found is not None:
        converted, encoding = found
        assert encoding in ("TCVN3", "VNI") and converted != text
        assert unicode_of(converted) is None


@pytest.mark.parametrize(
    ("typed", "unicode"),
    [
        ("truyeàn", "truyền"),  # only marks Unicode has as letters: after a or e, VNI's
        ("keá", "kế"),  # á is TCVN3's ỏ too, and keỏ would pass as a syllable
    ],
)
def test_vni_marks_after_a_or_e_are_read_as_vni(typed: str, unicode: str) -> None:
    assert unicode_of(typed) == (unicode, "VNI")
