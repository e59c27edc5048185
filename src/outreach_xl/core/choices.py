"""What a clerk typed, matched to a drop-down list: the package's one text fold and the matcher.

A clerk who types ``facebook``, ``Zalo`` or ``Web trường`` instead of picking from the drop-down
means a choice of the list; only what matches nothing is «Khác». ``fold`` compares texts loosely
(case, diacritics, spacing); ``match_choice`` compares a typed value, folded and stripped of
punctuation, with each choice's label, short heading and aliases (declared in ``schema.lists``).

>>> fold("  Trường Mẫu  giáo ĐỨC ")
'truongmaugiaoduc'
>>> from outreach_xl.schema import CHANNELS
>>> match_choice(CHANNELS, "Web trường").label
'Trang thông tin điện tử (website) của trường'
>>> match_choice(CHANNELS, "Bảng tin tổ dân phố") is None
True
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from outreach_xl.schema import OTHER, Choice, ChoiceList

_NOT_WORD = re.compile(r"[^\w&]+")


def fold(text: str | None) -> str:
    """A text compared loosely: no case, no diacritics (đ is d), no spaces at all.

    The one fold of the package: school codes and names in the merge, typed choices, repeated rows.
    """
    decomposed = unicodedata.normalize("NFD", text or "")
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    bare = bare.replace("đ", "d").replace("Đ", "D")
    return "".join(bare.split()).casefold()


def key(text: str | None) -> str:
    """``fold`` without punctuation either (``Facebook, fanpage`` is ``facebookfanpage``)."""
    return _NOT_WORD.sub("", fold(text))


@cache
def _index(choices: ChoiceList) -> dict[str, Choice]:
    found: dict[str, Choice] = {}
    for choice in choices.choices:
        for name in (choice.label, choice.short, *choice.aliases):
            if key(name):
                found.setdefault(key(name), choice)
    return found


def match_choice(choices: ChoiceList, text: str | None) -> Choice | None:
    """The choice a typed value means (its label, short heading or an alias, compared folded),
    or None when it matches nothing."""
    if not text:
        return None
    return _index(choices).get(key(text))


def is_exact(choice: Choice, text: str) -> bool:
    """The value is the choice's label as the drop-down writes it (spaces aside)."""
    return " ".join(unicodedata.normalize("NFC", text).split()) == choice.label


def code_of(choices: ChoiceList, text: str | None) -> str:
    """The code a typed value counts under: its matched choice's, else «Khác» (``other``)."""
    choice = match_choice(choices, text)
    return choice.code if choice else OTHER
