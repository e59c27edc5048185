"""Vietnamese typed in the old 8-bit encodings, TCVN3 and VNI, read back as Unicode.

Many schools still keep older documents in the .VnTime (TCVN3) or VNI-Times (VNI) fonts. A
paragraph copied from one into Excel keeps its font, so the clerk sees «Trường mầm non» while the
cell holds ``Tr\u00adêng mÇm non`` (TCVN3) or ``Tröôøng maàm non`` (VNI): the report, set in
Times New Roman, would print that. ``unicode_of`` tells such a text and gives its Unicode form.

A text is taken for a legacy one only when all three hold, so that Unicode Vietnamese and foreign
names (``München``, ``Françoise``) are never changed:

- a word of it holds a sign no Vietnamese text in Unicode holds: a character (``µ``, ``¸``,
  ``ø``, ``ï``...), a capital right after a small letter (``ThiÕu``), a mark right after a or e
  (``truyeàn``);
- every character outside ASCII is one the encoding writes Vietnamese with;
- every word the conversion changes becomes a Vietnamese syllable (one tone mark at most).

>>> unicode_of("Tr\u00adêng mÇm non Mü An")
('Trường mầm non Mỹ An', 'TCVN3')
>>> unicode_of("Tröôøng maàm non Myõ An")
('Trường mầm non Mỹ An', 'VNI')
>>> unicode_of("Viện Goethe ở München") is None
True
"""

from __future__ import annotations

import re
import unicodedata

# TCVN3 (TCVN 5712:1993, the "ABC" fonts such as .VnTime): one byte per letter, read by Windows
# as the Latin-1 character of the same code. Capitals with a tone have no code in these fonts
# (titles used the all-capitals .VnTimeH fonts, which draw the small letters' codes as capitals).
_TCVN3_SMALL = (
    "µà ¸á ¶ả ·ã ¹ạ ¨ă »ằ ¾ắ ¼ẳ ½ẵ Æặ ©â Çầ Êấ Èẩ Éẫ Ëậ ®đ Ìè Ðé Îẻ Ïẽ Ñẹ ªê Òề Õế Óể Ôễ Öệ "
    "×ì Ýí Øỉ Üĩ Þị ßò ãó áỏ âõ äọ «ô åồ èố æổ çỗ éộ ¬ơ êờ íớ ëở ìỡ îợ ïù óú ñủ òũ ôụ "
    "\u00adư õừ øứ öử ÷ữ ùự úỳ ýý ûỷ üỹ þỵ ¡Ă ¢Â §Đ £Ê ¤Ô ¥Ơ ¦Ư"
)
TCVN3 = {pair[0]: pair[1] for pair in _TCVN3_SMALL.split()}

# VNI (VNI-Windows, the VNI-Times fonts): a base letter followed by a mark character; ơ, ư, đ,
# the i's and ỵ are one character each.
_VNI_TONES = "ùøûõï"  # sắc, huyền, hỏi, ngã, nặng after a, e, o, u, y, ơ (ô) and ư (ö)
_VNI_HAT = "âáàåãä"  # â (ê, ô) without a tone, then with each tone
_VNI_BREVE = "êéèúüë"  # ă without a tone, then with each tone
_TONED = {  # a base letter and its five toned forms, in the order of _VNI_TONES
    "a": "áàảãạ", "e": "éèẻẽẹ", "o": "óòỏõọ", "u": "úùủũụ", "y": "ýỳỷỹ",
    "ơ": "ớờởỡợ", "ư": "ứừửữự", "â": "ấầẩẫậ", "ê": "ếềểễệ", "ô": "ốồổỗộ", "ă": "ắằẳẵặ",
}  # fmt: skip
_VNI_ALONE = {"ô": "ơ", "ö": "ư", "ñ": "đ", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị",
              "î": "ỵ"}  # fmt: skip


def _vni_table() -> dict[str, str]:
    """VNI sequence -> Unicode letter, small letters and capitals."""
    small: dict[str, str] = dict(_VNI_ALONE)
    for base in "aeouy":
        for mark, letter in zip(_VNI_TONES, _TONED[base], strict=False):
            small[base + mark] = letter
    for alone, base in (("ô", "ơ"), ("ö", "ư")):
        for mark, letter in zip(_VNI_TONES, _TONED[base], strict=True):
            small[alone + mark] = letter
    for base, hatted in (("a", "â"), ("e", "ê"), ("o", "ô")):
        small[base + _VNI_HAT[0]] = hatted
        for mark, letter in zip(_VNI_HAT[1:], _TONED[hatted], strict=True):
            small[base + mark] = letter
    small["a" + _VNI_BREVE[0]] = "ă"
    for mark, letter in zip(_VNI_BREVE[1:], _TONED["ă"], strict=True):
        small["a" + mark] = letter
    return small | {key.upper(): letter.upper() for key, letter in small.items()}


VNI = _vni_table()
_VNI_SEQUENCE = re.compile("|".join(sorted(map(re.escape, VNI), key=len, reverse=True)))
_VNI_CHARS = frozenset("".join(VNI)) - frozenset(map(chr, range(128)))

# Characters no Vietnamese text in Unicode holds (nor common punctuation): one of them must be
# there before a text is taken for a legacy one.
_UNICODE_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ«»·§®©")
_SIGNS = "".join(sorted((set(TCVN3) | _VNI_CHARS) - _UNICODE_LATIN1))
# TCVN3 writes ấ ẩ ẫ è ề ế ể ễ í with capitals (Ê È É Ì Ò Õ Ó Ô Ý): one right after a small
# letter (``ThiÕu``) is a sign too, as no word in Unicode has a capital there, but for a slip of
# the caps lock (``tÊN``: a capital follows it).
_CAPITAL_SIGNS = "".join(sorted(ch for ch in set(TCVN3) & _UNICODE_LATIN1 if ch.isupper()))
# VNI writes a mark after its vowel: after a or e, no letter of Unicode Vietnamese follows but i,
# o, u, y (ai, ao, au, ay, eo), so a mark there (truyeàn, naêm) is a sign too.
_VNI_MARKS = "âáàåãäêéèúüëùøûõï"
_VNI_PAIR = f"(?<=[aeAE])[{_VNI_MARKS}{_VNI_MARKS.upper()}]"
_SIGN = re.compile(f"[{re.escape(_SIGNS)}]|(?<=[a-z])[{_CAPITAL_SIGNS}](?![A-Z])|{_VNI_PAIR}")
_VNI_SIGN = re.compile(_VNI_PAIR)

# A Vietnamese syllable once its tone mark is taken off: onset, vowels, final consonants.
_VOWELS = (
    "iêu|yêu|oai|oay|oeo|uây|uôi|uya|uyê|uyu|ươi|ươu|ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|"
    "oo|ôi|ơi|ua|uâ|uê|ui|uô|uơ|uy|ưa|ưi|ưu|ươ|yê|a|ă|â|e|ê|i|o|ô|ơ|u|ư|y"
)
_SYLLABLE = re.compile(
    f"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?(?:{_VOWELS})(?:ch|ng|nh|[cmnpt])?"
)
_TCVN3_WORD = re.compile(f"[A-Za-z{re.escape(''.join(TCVN3))}]+")
_VNI_WORD = re.compile(f"[A-Za-z{re.escape(''.join(_VNI_CHARS))}]+")
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_WORD = re.compile(r"[^\W\d_]+")


# A legacy line holds no character past U+00FF, and a line of Vietnamese in Unicode one in its
# first words (ư, ơ, đ, ạ...); signs are in nearly every word of a legacy line. So a line is looked
# at in its first characters only, and the long texts of every workbook are not read to their ends.
_WIDE = re.compile("[^\x00-\xff]")
_WIDE_LOOK, _SIGN_LOOK = 40, 160


def might_be_legacy(text: str) -> bool:
    """Whether a line of ``text`` holds a character only the legacy encodings write Vietnamese
    with, and none they cannot write (a cheap test first: ``unicode_of`` decides). Each line of a
    text may have been pasted apart."""
    if text.isascii():
        return False
    if "\n" in text:
        return any(map(might_be_legacy, text.split("\n")))
    return not _WIDE.search(text, 0, _WIDE_LOOK) and _SIGN.search(text, 0, _SIGN_LOOK) is not None


def unicode_of(text: str) -> tuple[str, str] | None:
    """(the Unicode text, the encoding's name) of a text typed in TCVN3 or VNI, line by line (a
    paragraph pasted under one typed in Unicode); None for any other text (Unicode Vietnamese,
    foreign names, anything not sure)."""
    if not might_be_legacy(text):
        return None
    if "\n" not in text:
        return _line_of(text)
    lines = text.split("\n")
    found = [_line_of(line) if might_be_legacy(line) else None for line in lines]
    encodings = [f[1] for f in found if f]
    if not encodings:
        return None
    unicode = [f[0] if f else line for f, line in zip(found, lines, strict=True)]
    return "\n".join(unicode), encodings[0]


def _line_of(text: str) -> tuple[str, str] | None:
    """``unicode_of`` one line."""
    found = _reading(text)
    # A reading that would itself be read again is no sure reading: TCVN3's g£ is gÊ, which
    # reads as TCVN3 again (gấ). Left as typed, as any text not sure.
    if found is not None and might_be_legacy(found[0]) and _reading(found[0]) is not None:
        return None
    return found


def _reading(text: str) -> tuple[str, str] | None:
    """One line read as VNI or TCVN3, whichever fits first."""
    others = {ch for ch in text if ord(ch) > 127}
    # (a mark right after a or e is VNI's way: its reading is tried first, TCVN3's may fit too)
    readers = (_vni, _tcvn3) if _VNI_SIGN.search(text) else (_tcvn3, _vni)
    for reader in readers:
        found = reader(text, others)
        if found is not None:
            return found
    return None


def _tcvn3(text: str, others: set[str]) -> tuple[str, str] | None:
    """``text`` read as TCVN3, if it can be."""
    if others <= TCVN3.keys() and _sign_in_a_word(text, _TCVN3_WORD):
        converted = "".join(TCVN3.get(ch, ch) for ch in text)
        if _syllables_only(converted, text):
            return converted, "TCVN3"
    return None


def _vni(text: str, others: set[str]) -> tuple[str, str] | None:
    """``text`` read as VNI, if it can be."""
    if others <= _VNI_CHARS and _sign_in_a_word(text, _VNI_WORD):
        converted = _VNI_SEQUENCE.sub(lambda found: VNI[found.group()], text)
        if _syllables_only(converted, text):
            return unicodedata.normalize("NFC", converted), "VNI"
    return None


def _sign_in_a_word(text: str, word: re.Pattern[str]) -> bool:
    """Whether a sign (``_SIGN``) stands inside a word of the encoding, next to a letter: a
    lone one, as in ``6×8``, says nothing."""
    return any(len(found) > 1 and _SIGN.search(found) for found in word.findall(text))


def _syllables_only(converted: str, text: str) -> bool:
    """Whether every word the conversion made out of ``text`` is a Vietnamese syllable."""
    changed = [w for w in _WORD.findall(converted) if not w.isascii()]
    # (one word of two letters at least: a lone sign, as in 6×8, is not a word of a sentence)
    return (
        any(len(w) > 1 for w in changed) and converted != text and all(map(_is_syllable, changed))
    )


def _is_syllable(word: str) -> bool:
    """A Vietnamese syllable, in any case, with one tone mark at most."""
    bare = unicodedata.normalize("NFD", word.lower())
    tones = sum(bare.count(mark) for mark in _TONE_MARKS)
    if tones > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(ch for ch in bare if ch not in _TONE_MARKS))
    return _SYLLABLE.fullmatch(bare) is not None
