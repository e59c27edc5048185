"""Dates, numbers and document references written the way Nghị định 30/2020/NĐ-CP wants them.

Pure functions on plain values; every report and roll-up formats through here, never by hand:

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


def upper(text: str) -> str:
    """Vietnamese upper case, composed: ``Trường Mẫu giáo Mỹ An`` -> ``TRƯỜNG MẪU GIÁO MỸ AN``."""
    return nfc(nfc(text).upper())


def xml_safe(text: str) -> str:
    """Drop control characters XML 1.0 forbids (Excel lets them into cells; Word then refuses)."""
    return _XML_INVALID.sub("", text)


def day_text(day: int) -> str:
    """Days below 10 take a leading zero: ``05``."""
    return f"{day:02d}"


def month_text(month: int) -> str:
    """Only January and February take a leading zero: ``01``, ``02``, ``6``, ``12``."""
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


def doc_reference(number: int | None, symbol: str) -> str:
    """Number and symbol, ``05/BC-MGMA``; a blank for the clerk when the number is not known yet."""
    symbol = upper(symbol).replace(" ", "")
    if number is None:
        return f"{BLANK_NUMBER}/{symbol}"
    if number < 1:
        raise ValueError(f"document number must be positive, not {number}")
    return f"{number:02d}/{symbol}"


def body_abbreviation(symbol: str) -> str:
    """The issuing body's part of a symbol: ``BC-MGMA`` -> ``MGMA`` (what follows the type)."""
    symbol = upper(symbol).replace(" ", "")
    return symbol.split("-", 1)[1] if "-" in symbol else symbol


def thousands(number: int) -> str:
    """Whole numbers grouped by dots: ``1.200``, ``-12.345``; below 1000 unchanged."""
    sign = "-" if number < 0 else ""
    return sign + f"{abs(number):,}".replace(",", ".")


def percent(part: int, whole: int) -> str:
    """A share with at most one decimal, decimal comma: ``100%``, ``85,7%``."""
    if whole <= 0:
        raise ValueError("a percentage needs a positive whole")
    tenths = (part * 2000 + whole) // (2 * whole)  # rounded half up, in whole integers
    whole_part, rest = divmod(tenths, 10)
    return f"{thousands(whole_part)}%" if rest == 0 else f"{thousands(whole_part)},{rest}%"


def share(part: int, whole: int | None) -> str:
    """A figure with its total and rate when the total is known: ``21/21 (100%)``, else ``21``."""
    if whole is None or whole <= 0:
        return thousands(part)
    return f"{thousands(part)}/{thousands(whole)} ({percent(part, whole)})"


_ROMAN = ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def roman(number: int) -> str:
    """Section numbers: 1 -> I, 4 -> IV, up to 39 (a report never has more sections)."""
    if not 1 <= number < 40:
        raise ValueError(f"section number out of range: {number}")
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out += letters
            number -= value
    return out


def punctuate(lines: list[str]) -> list[str]:
    """List items in a document: ``;`` after each, ``.`` after the last (Nơi nhận, figures)."""
    return [f"{n}." if i == len(lines) - 1 else f"{n};" for i, n in enumerate(lines)]
