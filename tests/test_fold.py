"""``fold`` takes a shortcut for text of ASCII and Latin diacritics (all of Vietnamese), and
``clean_text`` one for text on one line: each must give what its general rule gives."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from outreach_xl.core.choices import fold
from outreach_xl.core.model import clean_text

_NOT_WORD = re.compile(r"[^0-9a-z&]+")


def _general(text: str) -> str:
    text = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(_NOT_WORD.sub(" ", text).split())


VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyÀÁẠẢÃĐẰẮẶẲẴỀẾỆỂỄƯỪỨỰỬỮ ,.;-\n\t0123456789&"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=VIETNAMESE) | st.text())
def test_fold_is_the_general_rule(text: str) -> None:
    assert fold(text) == _general(text)


def test_fold_of_every_character_next_to_a_diacritic() -> None:
    for code in range(0x110000):
        if 0xD800 <= code < 0xE000:
            continue
        text = f"ê{chr(code)}b"
        assert fold(text) == _general(text), hex(code)


def _clean_text_general(raw: str) -> str:
    text = unicodedata.normalize("NFC", raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line).strip()


SPACES = st.text(alphabet=" \t\r\n\u00a0\u2028\x0b\x1cabê.")


@settings(max_examples=500, deadline=None)
@given(SPACES | st.text())
def test_clean_text_of_one_line_is_the_general_rule(text: str) -> None:
    """``clean_text`` skips the line-by-line work for text without a line break."""
    assert clean_text(text) == _clean_text_general(text)
