"""Dates, numbers and document references written the way Nghị định 30/2020/NĐ-CP wants them.

Pure functions on plain values; every report and roll-up formats through here, never by hand (the
rules, in words: ``docs/decree30.md``). The examples here run as tests (``tests/test_doctests.py``):

>>> long_date(dt.date(2021, 1, 5))
'ngày 05 tháng 01 năm 2021'
>>> long_date(dt.date(2020, 6, 29))
'ngày 29 tháng 6 năm 2020'
>>> doc_reference(5, "BC-MGMA")
'05/BC-MGMA'
>>> thousands(1234567)
'1.234.567'
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

# Room left in "Số:    /BC-MGMA" for the records clerk to write the number when it is registered.
BLANK_NUMBER = "\u00a0" * 7

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def nfc(text: str) -> str:
    """Vietnamese text in its composed form (what Word and Excel on Windows type)."""
    return unicodedata.normalize("NFC", text)


def lower_first(text: str) -> str:
    """A text continuing a sentence: its first letter lowered.

    >>> lower_first("Không có trong danh sách")
    'không có trong danh sách'
    """
    return text[:1].lower() + text[1:]


def upper_first(text: str) -> str:
    """A text starting a sentence or a list item: its first letter a capital, unless its first
    word has a capital of its own (``iPad``).

    >>> upper_first("đổi mới giáo dục địa phương"), upper_first("iPad cho giáo viên")
    ('Đổi mới giáo dục địa phương', 'iPad cho giáo viên')
    """
    first = text.split(maxsplit=1)[0] if text.strip() else ""
    if first != first.lower():
        return text
    return text[:1].upper() + text[1:]


def document_kind(text: str) -> str:
    """The kind of a document cited, its first letter a capital (Nghị định 30, Phụ lục II);
    typed all in one case, the rest in small letters.

    >>> document_kind("công văn"), document_kind("CÔNG VĂN"), document_kind("Kế hoạch liên tịch")
    ('Công văn', 'Công văn', 'Kế hoạch liên tịch')
    """
    text = " ".join(nfc(text).split())
    return upper_first(nfc(text.lower()) if is_one_case(text) else text)


def upper(text: str) -> str:
    """Vietnamese upper case, composed: ``Trường Mẫu giáo Mỹ An`` -> ``TRƯỜNG MẪU GIÁO MỸ AN``."""
    return nfc(nfc(text).upper())


# Where a signer's authority has a second part: «TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH».
_AUTHORITY_PART = re.compile(r"\s+(?=(?:KT|TM|TL|TUQ)\s*\.)")
_AUTHORITY_DOT = re.compile(r"^(KT|TM|TL|TUQ|Q)\s*\.\s*")


def signer_authority(text: str) -> str:
    """The signer's authority in capitals, each part on a line of its own, as the decree sets a
    People's Committee's signature (Phụ lục I, mục IV): typed on one line, or with Alt+Enter.

    >>> signer_authority("tm. ủy ban nhân dân kt.chủ tịch")
    'TM. ỦY BAN NHÂN DÂN\\nKT. CHỦ TỊCH'
    >>> signer_authority("KT. HIỆU TRƯỞNG"), signer_authority("")
    ('KT. HIỆU TRƯỞNG', '')
    """
    text = " ".join(upper(text).split())
    return "\n".join(_AUTHORITY_DOT.sub(r"\1. ", part) for part in _AUTHORITY_PART.split(text))


def xml_safe(text: str) -> str:
    """Drop control characters XML 1.0 forbids (Excel lets them into cells; Word then refuses)."""
    return _XML_INVALID.sub("", text)


def day_text(day: int) -> str:
    """Days below 10 take a leading zero: ``05``."""
    return f"{day:02d}"


def month_text(month: int) -> str:
    """Only January and February take a leading zero: ``01``, ``02``, ``6``, ``12``.

    >>> [month_text(m) for m in (1, 2, 3, 10)]
    ['01', '02', '3', '10']
    """
    return f"{month:02d}" if month <= 2 else str(month)


def long_date(date: dt.date) -> str:
    """The date of a document's date line: ``ngày 05 tháng 01 năm 2021``."""
    return f"ngày {day_text(date.day)} tháng {month_text(date.month)} năm {date.year}"


def place_date(place: str, date: dt.date) -> str:
    """The whole date line: ``Mỹ An, ngày 29 tháng 12 năm 2020``."""
    return f"{nfc(place).strip()}, {long_date(date)}"


def short_date(date: dt.date) -> str:
    """A date inside a citation: ``07/01/2020``."""
    return f"{date.day:02d}/{date.month:02d}/{date.year}"


def doc_reference(number: int | None, symbol: str, *, as_typed: bool = False) -> str:
    """Number and symbol, ``05/BC-MGMA`` (a number below 10 takes a leading zero).

    In a report the symbol is written in capitals without spaces, and an unknown number leaves a
    blank for the records clerk. ``as_typed`` (the roll-up's column, showing what a school wrote)
    keeps the symbol as typed and leaves out what is not known: ``05``, ``bc mg``.

    >>> doc_reference(12, "bc-pgdđt")
    '12/BC-PGDĐT'
    >>> doc_reference(None, "BC-MGMA") == "\u00a0" * 7 + "/BC-MGMA"
    True
    >>> doc_reference(5, "bc mg", as_typed=True), doc_reference(None, "BC-MGMA", as_typed=True)
    ('05/bc mg', 'BC-MGMA')
    >>> doc_reference(12, "", as_typed=True)
    '12'
    """
    if as_typed:
        return "/".join(p for p in (f"{number:02d}" if number is not None else "", symbol) if p)
    symbol = symbol_as_written(symbol)
    if number is None:
        return f"{BLANK_NUMBER}/{symbol}"
    if number < 1:
        raise ValueError(f"document number must be positive, not {number}")
    return f"{number:02d}/{symbol}"


def symbol_as_written(symbol: str) -> str:
    """A document symbol as a report writes it: in capitals, without spaces.

    >>> symbol_as_written("bc-mg ma")
    'BC-MGMA'
    """
    return upper(symbol).replace(" ", "")


def body_abbreviation(symbol: str) -> str:
    """The issuing body's part of a symbol: ``BC-MGMA`` -> ``MGMA`` (what follows the type).

    >>> body_abbreviation("BC-MGMA"), body_abbreviation("mgma")
    ('MGMA', 'MGMA')
    """
    symbol = symbol_as_written(symbol)
    return symbol.split("-", 1)[1] if "-" in symbol else symbol


def thousands(number: int) -> str:
    """Whole numbers grouped by dots: ``1.200``, ``-12.345``; below 1000 unchanged.

    >>> thousands(0), thousands(999), thousands(1000), thousands(-12345)
    ('0', '999', '1.000', '-12.345')
    """
    sign = "-" if number < 0 else ""
    return sign + f"{abs(number):,}".replace(",", ".")


def percent(part: int, whole: int) -> str:
    """A share with at most one decimal, decimal comma: ``100%``, ``85,7%``.

    Rounded half up: 2/3 is 66,67% and shows ``66,7%``; 1/8 is 12,5%; 1/16 is 6,25% -> ``6,3%``.

    >>> percent(21, 21), percent(6, 7), percent(2, 3), percent(1, 8), percent(1, 16)
    ('100%', '85,7%', '66,7%', '12,5%', '6,3%')
    """
    if whole <= 0:
        raise ValueError("a percentage needs a positive whole")
    tenths = (part * 2000 + whole) // (2 * whole)  # rounded half up, in whole integers
    whole_part, rest = divmod(tenths, 10)
    return f"{thousands(whole_part)}%" if rest == 0 else f"{thousands(whole_part)},{rest}%"


def share(part: int, whole: int | None) -> str:
    """A figure with its total and rate when the total is known: ``21/21 (100%)``, else ``21``.

    >>> share(18, 20), share(1200, 1500), share(21, None), share(21, 0)
    ('18/20 (90%)', '1.200/1.500 (80%)', '21', '21')
    """
    if whole is None or whole <= 0:
        return thousands(part)
    return f"{thousands(part)}/{thousands(whole)} ({percent(part, whole)})"


_ROMAN = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(number: int) -> str:
    """Section numbers: 1 -> I, 4 -> IV, up to 39 (a report never has more sections).

    >>> [roman(n) for n in (1, 3, 4, 5, 9, 14, 39)]
    ['I', 'III', 'IV', 'V', 'IX', 'XIV', 'XXXIX']
    """
    if not 1 <= number < 40:
        raise ValueError(f"section number out of range: {number}")
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out += letters
            number -= value
    return out


# What a clerk may type at the end of an item (``;``, ``.``, ``,``, ``:``, spaces, the decree's
# ``./.``): the list's own marks replace it. Found by scanning back from the end, not by a
# pattern searched from every position, which costs the square or the cube of the length on an
# item typed as thousands of dots.
_END_MARKS = frozenset(";.,:")


def punctuate(lines: list[str]) -> list[str]:
    """List items in a document: ``;`` after each, ``.`` after the last, whatever was typed.

    The one rule for every list of every report (content, channels, results, figures, recipients,
    the district's lists): what the clerk typed at the end (``;``, ``.``, ``,``, ``;.``, ``..``) is
    replaced, so no item ends ``;.`` or ``..``. A trailing ellipsis is kept (``…;``; the last item
    ends with the ellipsis alone).

    >>> punctuate(["Phòng GD&ĐT;", "Lưu: VT"])
    ['Phòng GD&ĐT;', 'Lưu: VT.']
    >>> punctuate(["Đăng 8 bài.;", "Zalo, Facebook,..."])
    ['Đăng 8 bài;', 'Zalo, Facebook,…']
    """
    out = []
    for i, line in enumerate(lines):
        body = item_body(line)
        if body.endswith("…"):
            out.append(body if i == len(lines) - 1 else f"{body};")
        else:
            out.append(f"{body}." if i == len(lines) - 1 else f"{body};")
    return out


# What a clerk types before an item by habit, or pastes with it from Word: a dash or bullet
# ("- Phòng GD&ĐT", "-Tham gia", "• ...", Word's Symbol-font bullet U+F0B7), or a number or
# letter of a list ("1. ", "2) ", "a) "). Before a figure the sign is data ("+84 ...", "-5%",
# "1.200 học sinh") and stays.
_LIST_MARK = re.compile(
    r"^\s*(?:[-–—+•*·●○▪►✓\uf0a7\uf0b7]+(?=\s|[^\W\d_])|(?:\d{1,2}|[a-zđ])\)|\d{1,2}\.(?=\s))\s*"
)


def unbullet(text: str) -> str:
    """An item without the dash, bullet or list number typed before it.

    >>> unbullet("- Phòng GD&ĐT"), unbullet("1. Đăng 25 tin"), unbullet("-5% kinh phí")
    ('Phòng GD&ĐT', 'Đăng 25 tin', '-5% kinh phí')
    """
    return _LIST_MARK.sub("", text).strip()


def one_item(lines: list[str]) -> str:
    """The lines of one cell as one list item. A line wrapped by hand continues the sentence; a
    line with a bullet of its own, or after one ending in ``;``, is a part of the item, written
    after a semicolon (a row is one item: the roll-up counts rows).

    >>> one_item(["* Tuyên truyền biển đảo", "- Giới thiệu văn hóa"])
    'Tuyên truyền biển đảo; giới thiệu văn hóa'
    >>> one_item(["Tuyên truyền về truyền thống", "của quê hương"])
    'Tuyên truyền về truyền thống của quê hương'
    """
    text = ""
    for line in lines:
        body = unbullet(line)
        if not body:
            continue
        if not text:
            text = body
        elif text.endswith(":"):
            text = f"{text} {continued(body)}"
        elif _LIST_MARK.match(line) or text.endswith(";"):
            text = f"{item_body(text)}; {continued(body)}"
        else:
            text = f"{text} {body}"
    return text


# Words written with a capital wherever they stand (a name's first word keeps its capital).
_PROPER_FIRST_WORDS = frozenset({"zalo", "facebook", "youtube", "tiktok", "google", "internet"})


def continued(text: str) -> str:
    """A text continuing a sentence (after ``Kênh:`` or ``;``): ``Đăng 8 bài`` -> ``đăng 8 bài``.

    Kept as typed when it starts with a name: an abbreviation (``THCS``), a brand (``Zalo``) or
    a proper name of several capitalised words (``Việt Nam``).
    """
    words = text.split()
    first = words[0]
    if not first[:1].isupper() or any(c.isupper() for c in first[1:]):
        return text
    if first.casefold().strip(",.;:") in _PROPER_FIRST_WORDS:
        return text
    if len(words) > 1 and words[1][:1].isupper():
        return text
    return lower_first(text)


def item_body(line: str) -> str:
    """An item without what was typed at its end (``;``, ``.``, ``,``...); an ellipsis stays.

    >>> item_body("Đăng 8 bài ./.;"), item_body("Zalo, Facebook ...;"), item_body("Zalo…")
    ('Đăng 8 bài', 'Zalo, Facebook …', 'Zalo…')
    """
    marks = len(line)  # where the trailing marks and spaces start
    while marks and (line[marks - 1] in _END_MARKS or line[marks - 1].isspace()):
        marks -= 1
    ellipsis = _ellipsis(line, marks)
    if ellipsis is not None:  # "…" typed as such or as "...": kept, with its space if it had one
        start, spaced = ellipsis
        return f"{line[:start]}{' ' if spaced else ''}…"
    end = len(line)
    while end:
        if line.endswith("./.", 0, end):
            end -= 3
        elif line[end - 1] in _END_MARKS or line[end - 1].isspace():
            end -= 1
        else:
            break
    return line[:end]


def _ellipsis(line: str, marks: int) -> tuple[int, bool] | None:
    """Where an ellipsis at the end of an item starts, with the spaces before it, and whether
    spaces come first: a ``…`` just before the trailing marks (which start at ``marks``), or else
    the first run of three dots or more among them."""
    if marks and line[marks - 1] == "…":
        start = marks - 1
        while start and line[start - 1].isspace():
            start -= 1
        return start, start < marks - 1
    at = line.find("...", marks)
    if at < 0:
        return None
    start = at
    while start > marks and line[start - 1].isspace():
        start -= 1
    return start, start < at


# --- Case of names -------------------------------------------------------------------------------
# Nghị định 30, Phụ lục II: in a sentence, the name of a body takes a capital on the first letter
# of the words naming its type and field ("Trường Mẫu giáo", "Phòng Giáo dục và Đào tạo"), the
# administrative unit stays lower ("huyện", "xã") and a proper name takes a capital on every
# syllable ("Mỹ An", "Nguyễn Bỉnh Khiêm"); the seed report writes "Trường Mẫu giáo Mỹ An".

# The generic words a body's name starts with, as the decree writes them (longest first).
_GENERIC = tuple(
    sorted(
        (
            "Trường",
            "Phòng",
            "Sở",
            "Bộ",
            "Trung tâm",
            "Ủy ban nhân dân",
            "Uỷ ban nhân dân",
            "Phòng Giáo dục và Đào tạo",
            "Sở Giáo dục và Đào tạo",
            "Bộ Giáo dục và Đào tạo",
            "Phòng Văn hóa - Xã hội",
            "Phòng Văn hóa và Xã hội",
            "Giáo dục thường xuyên",
            "Giáo dục nghề nghiệp - Giáo dục thường xuyên",
            "Mầm non",
            "Mẫu giáo",
            "Nhà trẻ",
            "Tiểu học",
            "Trung học cơ sở",
            "Trung học phổ thông",
            "Trung học",
            "Phổ thông dân tộc nội trú",
            "Phổ thông dân tộc bán trú",
            "Phổ thông",
            "Liên cấp",
            "Tiểu học và Trung học cơ sở",
            "và",
        ),
        key=lambda phrase: -len(phrase.split()),
    )
)
# Abbreviations written in capitals wherever they stand.
_ACRONYMS = frozenset(
    {"ubnd", "hđnd", "thcs", "thpt", "th", "mn", "mg", "nt", "gd&đt", "gdđt", "pgd&đt", "pgdđt",
     "ptdtnt", "ptdtbt", "gdtx", "gdnn-gdtx", "tp", "tp.", "th&thcs", "thcs&thpt", "th-thcs",
     "thcs-thpt"}
)  # fmt: skip
# Administrative units and small words that stay lower inside a name.
_LOWER = ("thành phố", "thị xã", "thị trấn", "xã", "phường", "quận", "huyện", "tỉnh", "số")


def _abbreviation(word: str) -> bool:
    """A word written in capitals wherever it stands: a known abbreviation, or letters without a
    vowel (every Vietnamese syllable has one: ``CMHS``, ``BGH``, ``HĐND`` are abbreviations)."""
    if word.casefold() in _ACRONYMS:
        return True
    bare = unicodedata.normalize("NFD", word.casefold())
    return any(c.isalpha() for c in bare) and not any(c in "aeiouy" for c in bare)


def is_one_case(text: str) -> bool:
    """Typed all in capitals or all in small letters (and has letters at all)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and (text == upper(text) or text == nfc(text).lower())


_OPENING = "(«“\"'["
_FORMER = ("cũ)", "mới)")  # a name's former or new unit in brackets: (Long An cũ)


def _cap(word: str) -> str:
    """A word of a name with its first letter a capital, after any opening bracket or quote."""
    if word.casefold() in _FORMER:
        return word.lower()
    at = len(word) - len(word.lstrip(_OPENING))
    return word[:at] + word[at : at + 1].upper() + word[at + 1 :].lower()


def _match(words: list[str], at: int, phrases: tuple[str, ...]) -> str | None:
    """The phrase (as written in ``phrases``) the words start with at ``at``, if any."""
    for phrase in phrases:
        parts = phrase.split()
        if [w.casefold() for w in words[at : at + len(parts)]] == [p.casefold() for p in parts]:
            return phrase
    return None


def _proper_tail(words: list[str], at: int) -> list[str]:
    """A proper name with its administrative units: ``huyện Thủ Thừa``, ``số 1``."""
    out: list[str] = []
    while at < len(words):
        lower = _match(words, at, _LOWER)
        if lower and (out or at > 0):
            out.extend(lower.split())
            at += len(lower.split())
        elif _abbreviation(words[at]):
            out.append(upper(words[at]))
            at += 1
        else:
            out.append("-".join(_cap(part) for part in words[at].split("-")))
            at += 1
    return out


def person_name(text: str) -> str:
    """A person's name typed in one case, as it is written: ``nguyễn văn a`` -> ``Nguyễn Văn A``.

    Names typed in mixed case are the clerk's choice and stay as typed.
    """
    text = " ".join(nfc(text).split())
    if not is_one_case(text):
        return text
    return " ".join(_cap(word) for word in text.split())


def body_name(text: str) -> str:
    """A body's name typed in one case, as a sentence writes it (Nghị định 30, Phụ lục II).

    >>> body_name("TRƯỜNG MẪU GIÁO LONG THƯỢNG")
    'Trường Mẫu giáo Long Thượng'
    >>> body_name("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO HUYỆN THỦ THỪA")
    'Phòng Giáo dục và Đào tạo huyện Thủ Thừa'
    >>> body_name("trường thcs và thpt nguyễn bỉnh khiêm")
    'Trường THCS và THPT Nguyễn Bỉnh Khiêm'
    >>> body_name("trường thpt thủ thừa (long an cũ)")  # a former name in brackets
    'Trường THPT Thủ Thừa (Long An cũ)'
    >>> body_name("Trường mẫu giáo Mỹ An")  # mixed case: the clerk's choice
    'Trường mẫu giáo Mỹ An'
    """
    text = " ".join(nfc(text).split())
    if not is_one_case(text):
        return text
    words = text.split()
    out: list[str] = []
    at = 0
    while at < len(words):
        if _abbreviation(words[at]):
            out.append(upper(words[at]))
            at += 1
            continue
        phrase = _match(words, at, _GENERIC)
        if phrase is None:
            break
        out.extend(phrase.split())
        at += len(phrase.split())
    if out and out[0] == "và":  # never a name's first word
        return place_name(text)
    return " ".join(out + _proper_tail(words, at))


# A school's name whose first words are its level: «Trường» was left out («Mẫu giáo Mỹ An»).
_LEVEL_FIRST = re.compile(
    r"^(?:Mầm non|Mẫu giáo|Tiểu học|Trung học|Phổ thông|Liên cấp|TH|THCS|THPT|TH&THCS|THCS&THPT"
    r"|PTDTNT|PTDTBT)\b"
)


def school_name(text: str) -> str:
    """A school's name as a register typed it, written whole: in one case as ``body_name`` writes
    it, and with «Trường» when it starts with its level (Nhà trẻ names itself).

    >>> school_name("mẫu giáo mỹ an "), school_name("THCS NGUYỄN DU")
    ('Trường Mẫu giáo Mỹ An', 'Trường THCS Nguyễn Du')
    >>> school_name("Trường mẫu giáo Mỹ An"), school_name("nhà trẻ hoa hồng")
    ('Trường mẫu giáo Mỹ An', 'Nhà trẻ Hoa Hồng')
    """
    name = body_name(text)
    return f"Trường {name}" if _LEVEL_FIRST.match(name) else name


def recipient_name(text: str) -> str:
    """A line of «Nơi nhận» typed in one case: a body's name as ``body_name`` writes it (``phòng
    gd&đt`` -> ``Phòng GD&ĐT``); any other line as a sentence starts (``NHƯ TRÊN`` -> ``Như
    trên``). Typed otherwise, as typed.

    >>> recipient_name("ubnd xã mỹ an"), recipient_name("NHƯ TRÊN"), recipient_name("Như trên")
    ('UBND xã Mỹ An', 'Như trên', 'Như trên')
    >>> recipient_name("BAN ĐẠI DIỆN CMHS")  # a word without a vowel: an abbreviation
    'Ban đại diện CMHS'
    """
    text = " ".join(nfc(text).split())
    if not is_one_case(text):
        return text
    words = text.split()
    if _abbreviation(words[0]) or _match(words, 0, _GENERIC):
        return body_name(text)
    return upper_first(" ".join(upper(w) if _abbreviation(w) else nfc(w.lower()) for w in words))


def place_name(text: str) -> str:
    """A place typed in one case: ``THỊ TRẤN THỦ THỪA`` -> ``Thị trấn Thủ Thừa``."""
    text = " ".join(nfc(text).split())
    if not is_one_case(text):
        return text
    words = text.split()
    lower = _match(words, 0, _LOWER)
    if lower:
        head = lower.split()
        return " ".join([_cap(head[0]), *head[1:], *_proper_tail(words, len(head))])
    return " ".join(_proper_tail(words, 0))


_LEADING_VE = re.compile(r"^\s*(?:về(?=\s)|v/v\.?)\s*", re.IGNORECASE)


def request_subject(text: str) -> str:
    """A request's subject without the ``về`` the citation puts before it (``về về`` otherwise).

    >>> request_subject("về hoạt động thông tin đối ngoại năm 2020")
    'hoạt động thông tin đối ngoại năm 2020'
    >>> request_subject("V/v triển khai công tác năm 2020")
    'việc triển khai công tác năm 2020'
    """
    text = nfc(text).strip()
    found = _LEADING_VE.match(text)
    if not found:
        return text
    rest = text[found.end() :]
    return f"việc {rest}" if found.group(0).strip().casefold().startswith("v/v") else rest
