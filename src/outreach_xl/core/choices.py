"""What a clerk typed, matched to a drop-down list: the package's one text fold and the matcher.

A clerk who types ``facebook``, ``Zalo`` or ``Web trường`` instead of picking from the drop-down
means a choice of the list; only what matches nothing is «Khác». ``fold`` compares texts loosely
(case, diacritics, punctuation, spacing); ``key`` is the fold without any space, for codes and
labels typed run together; ``match_choice`` compares a typed value's key with each choice's label,
short heading and aliases (declared in ``schema.lists``). ``caseless`` is the stricter comparison
of the template's own words (diacritics and punctuation count).

>>> fold("  Mạng xã hội  ZALO. ")
'mang xa hoi zalo'
>>> key("805 12-101")
'80512101'
>>> from outreach_xl.schema import CHANNELS
>>> match_choice(CHANNELS, "Web trường").label
'Trang thông tin điện tử (website) của trường'
>>> match_choice(CHANNELS, "Bảng tin tổ dân phố") is None
True

A value of two words or more that is part of the names of one choice only (``văn hóa`` of
«Hình ảnh đất nước, con người Việt Nam, lịch sử, văn hóa, ...») means that choice; one that names
more than one (``trung học``) means none. A slip of the keys in a name (``Facebok``, ``TH-THCS``)
means that name's choice.

>>> from outreach_xl.schema import CONTENT_GROUPS, LEVELS
>>> match_choice(CONTENT_GROUPS, "văn hóa").code, match_choice(LEVELS, "trung học")
('image', None)
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from outreach_xl.schema import OTHER, SCHOOL_WORDS, Choice, ChoiceList

_WORD = re.compile(r"[0-9a-z&]+")
# The same words in ASCII text: every other ASCII character made a space (str.translate of ASCII
# into ASCII runs in C, ten times faster than the regular expression on long texts).
_ASCII_NOT_WORD = {code: ord(" ") for code in range(128) if not _WORD.fullmatch(chr(code))}
# After NFD: a character neither ASCII nor a combining diacritic of the Latin block (U+034F, the
# grapheme joiner, is in the block but not a combining mark).
_NOT_LATIN_MARK = re.compile("[^\x00-\x7f\u0300-\u034e\u0350-\u036f]")


def fold(text: str | None) -> str:
    """A text compared loosely: no case, no diacritics (đ is d), punctuation and runs of spaces
    made one space: ``Mạng xã hội  ZALO.`` -> ``mang xa hoi zalo``.

    The one fold of the package: typed choices, repeated rows, near-duplicate items, and (as
    ``key``) school codes and names in the merge.
    """
    text = (text or "").casefold().replace("đ", "d")
    if not text.isascii():
        text = unicodedata.normalize("NFD", text)
        if _NOT_LATIN_MARK.search(text):  # other scripts, dashes, quotes: the general rule
            text = "".join(ch for ch in text if not unicodedata.combining(ch))
            return " ".join(_WORD.findall(text))
        # ASCII and Latin diacritics only (all of Vietnamese): drop the diacritics in C
        text = text.encode("ascii", "ignore").decode("ascii")
    return " ".join(text.translate(_ASCII_NOT_WORD).split())


def consonants(text: str) -> bytes:
    """What ``fold`` keeps of a text but its vowels (``d`` counted one), spaces and separators,
    as ASCII: ``Mạng xã hội ZALO.`` -> ``b"mngxhzl"``. Texts that fold alike have the same
    consonants (not the reverse): repeated rows are looked for among rows whose consonants
    agree, and only those are folded.

    The fold's letters ``a e i o u y d`` are all that Vietnamese diacritics (and ``đ``) fold to,
    so the consonants of a text of ASCII and such letters are its ASCII consonants, taken in C
    without the fold's decomposition (ten times faster); any other text is folded.

    >>> consonants("Mạng xã hội ZALO.") == consonants("mang xa hoi zalo")
    True
    """
    if text.isascii() or _not_vowel_letter().search(text) is None:
        return text.encode("ascii", "ignore").translate(_LOWER, _NOT_CONSONANT)
    return fold(text).encode("ascii").translate(None, _NOT_CONSONANT)


def consonant_ends(text: str, size: int = 12, window: int = 48) -> tuple[bytes, bytes]:
    """The first and the last ``size`` bytes of ``consonants(text)``: texts that fold alike have
    the same ends. A character's consonants do not depend on its neighbours (those of a text are
    those of its parts, one after the other), so the ends of a long text are taken from its first
    and last ``window`` characters when these hold ``size`` consonants each, without reading the
    rest of it.

    >>> consonant_ends("Mạng xã hội ZALO.", 3) == (b"mng", b"hzl")
    True
    """
    if len(text) > 2 * window:
        head = consonants(text[:window])
        tail = consonants(text[-window:])
        if len(head) >= size and len(tail) >= size:
            return head[:size], tail[-size:]
    whole = consonants(text)
    return whole[:size], whole[-size:]


def consonant_head(text: str, size: int = 12, window: int = 48) -> bytes:
    """``consonant_ends(text, size, window)[0]``, the tail not taken: the first ``size`` bytes of
    ``consonants(text)``, from the first ``window`` characters when these hold as many.

    >>> consonant_head("Mạng xã hội ZALO.", 3) == consonant_ends("Mạng xã hội ZALO.", 3)[0]
    True
    """
    if len(text) > window:
        head = consonants(text[:window])
        if len(head) >= size:
            return head[:size]
    return consonants(text)[:size]


_LOWER = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"abcdefghijklmnopqrstuvwxyz")
# Every ASCII character but the consonants of a fold, digits and & (of either case).
_NOT_CONSONANT = bytes(
    code
    for code in range(128)
    if not _WORD.fullmatch(chr(code).lower()) or chr(code).lower() in "aeiouyd"
)


@cache
def _not_vowel_letter() -> re.Pattern[str]:
    """A character neither ASCII nor one of the Latin letters, marks and signs whose fold holds
    no consonant (Vietnamese letters, đ, combining diacritics): worked out from ``fold`` itself
    over the Latin blocks, on first use."""
    latin = (*range(0x80, 0x250), *range(0x300, 0x370), *range(0x1E00, 0x1F00))
    kept = "".join(
        chr(code)
        for code in latin
        if not fold(chr(code)).encode("ascii").translate(None, _NOT_CONSONANT)
    )
    return re.compile(f"[^\x00-\x7f{re.escape(kept)}]")


def key(text: str | None) -> str:
    """``fold`` without spaces: ``805 12101`` and ``80512101``, ``Web trường`` and ``Webtruong``
    are one key."""
    return fold(text).replace(" ", "")


def caseless(text: str) -> str:
    """A text compared as written but for case and runs of spaces: diacritics and punctuation
    count. For the template's own words (sheet markers, table headings, a list's fixed last
    line), which are not retyped freely; ``fold`` would take ``Cấp học`` and ``Cap hoc`` as one.

    >>> caseless("  Tên  TRƯỜNG ")
    'tên trường'
    """
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def names_of(choice: Choice) -> tuple[str, ...]:
    """Every way of writing a choice: its label, its short heading, its aliases."""
    return tuple(n for n in (choice.label, choice.short, *choice.aliases) if n)


@cache
def _index(choices: ChoiceList) -> dict[str, Choice]:
    found: dict[str, Choice] = {}
    for choice in choices.choices:
        for name in names_of(choice):
            if key(name):
                found.setdefault(key(name), choice)
    return found


def match_choice(choices: ChoiceList, text: str | None) -> Choice | None:
    """The choice a typed value means (its label, short heading or an alias, compared folded),
    or None when it matches nothing."""
    if not text:
        return None
    listed = _BY_LIST.get(id(choices))
    if listed is None or listed[0] is not choices:  # (hashing a ChoiceList walks every choice)
        listed = _BY_LIST[id(choices)] = (
            choices, _index(choices), _name_words(choices), _keys(choices)
        )  # fmt: skip
    index = listed[1]
    if len(text) > _REMEMBERED_CHARS:
        return index.get(key(text)) or _part_of_one(choices, text)  # no slip in a long text
    remembered = (id(choices), text)
    if remembered in _MATCHED:
        return _MATCHED[remembered]
    if len(_MATCHED) >= _REMEMBERED:
        _MATCHED.clear()
    folded = fold(text)  # (once for the four ways: a key is the fold without its spaces)
    found = _MATCHED[remembered] = (
        index.get(folded.replace(" ", ""))
        or _part_of_one(choices, text, folded)
        or _among_school_words(listed[2], folded)
        or _slipped(listed[3], folded)
    )
    return found


def _part_of_one(choices: ChoiceList, text: str, folded: str | None = None) -> Choice | None:
    """The one choice (not «Khác») whose label, short heading or an alias holds the folded words
    of ``text`` (``folded``, when given), two at least, one after the other; None when none does
    or several do."""
    typed = fold(text) if folded is None else folded
    if " " not in typed:
        return None
    typed = f" {typed} "
    found = {choice.code: choice for name, choice in _names(choices) if typed in name}
    return next(iter(found.values())) if len(found) == 1 else None


def _among_school_words(by_first: _NameWords, folded: str) -> Choice | None:
    """The one choice (not «Khác») whose names the words of a folded text hold, every other word
    being one of the school's own (``schema.SCHOOL_WORDS``): ``Fanpage của trường``, ``Nhóm Zalo
    phụ huynh các lớp``, ``Đề xuất, kiến nghị`` (two names of one choice). None when the words
    hold names of several choices (``Zalo và Facebook``), or other words (``Đăng tin trên
    Facebook``: what was done, not a channel)."""
    words = folded.split()
    if not 2 <= len(words) <= _AROUND_WORDS:
        return None
    covered = [False] * len(words)
    found: dict[str, Choice] = {}
    for at, word in enumerate(words):
        for name, choice in by_first.get(word, ()):
            size = len(name)
            if tuple(words[at : at + size]) == name:
                found[choice.code] = choice
                covered[at : at + size] = [True] * size
    school = _school_words()
    if len(found) != 1 or not all(c or w in school for w, c in zip(words, covered, strict=True)):
        return None
    return found.popitem()[1]


_AROUND_WORDS = 12  # a longer value is a sentence, not a name with words around it


_NameWords = dict[str, tuple[tuple[tuple[str, ...], Choice], ...]]
_Keys = dict[int, tuple[tuple[str, Choice], ...]]


@cache
def _name_words(choices: ChoiceList) -> _NameWords:
    """Every name of every choice but «Khác», as its folded words, by its first word."""
    found: dict[str, list[tuple[tuple[str, ...], Choice]]] = {}
    for choice in choices.choices:
        for name in names_of(choice) if choice.code != OTHER else ():
            words = tuple(fold(name).split())
            if words:
                found.setdefault(words[0], []).append((words, choice))
    return {first: tuple(names) for first, names in found.items()}


@cache
def _school_words() -> frozenset[str]:
    return frozenset(fold(w) for w in SCHOOL_WORDS)


def _slipped(by_length: _Keys, folded: str) -> Choice | None:
    """The one choice (not «Khác») a folded value means though the clerk slipped: one key missed,
    added, struck for another or swapped with its neighbour in a name of six letters or more
    (``Facebok``, ``Webiste``; ``TH-THCS``, whose dash folds away, is «&» missed). None when it
    is no such slip, or a slip from names of several choices."""
    typed = folded.replace(" ", "")  # its key
    if not _SLIP_MIN <= len(typed) <= _SLIP_CHARS:
        return None
    found = {
        choice.code: choice
        for length in (len(typed) - 1, len(typed), len(typed) + 1)
        for name, choice in by_length.get(length, ())
        if length >= _SLIP_MIN and one_slip(typed, name)
    }
    return found.popitem()[1] if len(found) == 1 else None  # (several: which one?)


_SLIP_MIN = 6  # «zalo», «THCS», «THPT»: too short to guess a slip in
_SLIP_CHARS = 60  # a value longer than any name by far is not a name mistyped


@cache
def _keys(choices: ChoiceList) -> _Keys:
    """Every name of every choice but «Khác» as a key, by its length."""
    found: dict[int, list[tuple[str, Choice]]] = {}
    for choice in choices.choices:
        for name in names_of(choice) if choice.code != OTHER else ():
            found.setdefault(len(key(name)), []).append((key(name), choice))
    return {length: tuple(names) for length, names in found.items()}


def one_slip(typed: str, name: str) -> bool:
    """Whether ``typed`` is ``name`` with one key missed, added, struck for another, or swapped
    with its neighbour.

    >>> one_slip("facebok", "facebook"), one_slip("faecbook", "facebook"), one_slip("fb", "fb")
    (True, True, False)
    """
    if typed == name or abs(len(typed) - len(name)) > 1:
        return False
    longer, shorter = (typed, name) if len(typed) >= len(name) else (name, typed)
    at = 0
    while at < len(shorter) and longer[at] == shorter[at]:
        at += 1
    if len(longer) != len(shorter):
        return longer[at + 1 :] == shorter[at:]
    swapped = longer[at + 1 : at + 2] + longer[at : at + 1] == shorter[at : at + 2]
    return longer[at + 1 :] == shorter[at + 1 :] or (
        swapped and longer[at + 2 :] == shorter[at + 2 :]
    )


@cache
def _names(choices: ChoiceList) -> tuple[tuple[str, Choice], ...]:
    """Every name of every choice but «Khác», folded, between spaces (to find whole words)."""
    return tuple(
        (f" {fold(name)} ", choice)
        for choice in choices.choices
        if choice.code != OTHER
        for name in names_of(choice)
    )


# A merge matches the same few dozen typed values in every file: each is folded once. Keyed by the
# list's id (the list is kept in _BY_LIST, so its id is never reused); bounded in entries and in
# the length of a value.
_BY_LIST: dict[int, tuple[ChoiceList, dict[str, Choice], _NameWords, _Keys]] = {}
_MATCHED: dict[tuple[int, str], Choice | None] = {}
_REMEMBERED = 4096
_REMEMBERED_CHARS = 200


def is_exact(choice: Choice, text: str) -> bool:
    """The value is the choice's label as the drop-down writes it (spaces aside)."""
    return " ".join(unicodedata.normalize("NFC", text).split()) == choice.label


def code_of(choices: ChoiceList, text: str | None) -> str:
    """The code a typed value counts under: its matched choice's, else «Khác» (``other``)."""
    choice = match_choice(choices, text)
    return choice.code if choice else OTHER
