"""``fold`` takes a shortcut for text of ASCII and Latin diacritics (all of Vietnamese): it must
give what the general rule gives (NFD, combining marks dropped, words of [0-9a-z&])."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from outreach_xl.core.choices import fold

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
