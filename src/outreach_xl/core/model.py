"""Plain data read from a workbook, and the pure coercion of raw cell values into typed ones.

A ``Submission`` keeps, for every field and table cell, the raw value, the parsed value (``None``
when empty or not parseable) and where it came from, so the validator can point at the cell.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from outreach_xl.core.legacy_text import might_be_legacy, unicode_of
from outreach_xl.schema import LIMITS, Kind

# Excel's day zero: serial 1 is 1900-01-01, and the phantom 1900-02-29 shifts later dates by one.
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_DATE_TEXT = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\s*$")
# A year in two figures, as a clerk shortens it (29/12/20): this century's (with a warning).
_SHORT_YEAR_DATE = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2})\s*$")
# The year first (2020-01-07, 2020/01/07): never ambiguous.
_ISO_DATE = re.compile(r"^\s*(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[ T]00:00(?::00)?)?\s*$")
# The field's own word before a figure (Số 05, năm 2020), as the document writes it.
_LABEL_WORD = re.compile(r"(?:số|năm)\s*[:.]?\s*(?=\d)", re.IGNORECASE)
# A date written out as a letter writes it: "ngày 05 tháng 01 năm 2026" (NFC, any case).
_WRITTEN_DATE = re.compile(
    r"^\s*(?:ngày\s*)?(\d{1,2})\s+tháng\s*(\d{1,2})\s*(?:năm\s*|,\s*)?(\d{4})\s*$",
    re.IGNORECASE,
)
# The number a count typed with its words starts with (one greedy class: no backtracking).
_LEADING_NUMBER = re.compile(r"[+-]?\d[\d.,\s]*")
# What Excel shows in a cell whose formula failed.
EXCEL_ERRORS = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
     "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#UNKNOWN!", "#CONNECT!", "#BUSY!"}
)  # fmt: skip
_INT_TEXT = re.compile(r"^[+]?\d{1,3}(?:[.,\s]\d{3})+$|^[+-]?\d+$")


@dataclass(frozen=True)
class CellRef:
    """Where a value sits: sheet name and A1 address."""

    sheet: str
    cell: str


@dataclass(frozen=True)
class Cell:
    """One input: what was in the cell, what it means, and where it is."""

    raw: Any
    value: Any
    ref: CellRef | None = None

    @property
    def empty(self) -> bool:
        return is_blank(self.raw)

    @property
    def excel_error(self) -> bool:
        """The cell shows a formula error such as #REF!."""
        return _is_excel_error(self.raw)

    @property
    def invalid(self) -> bool:
        """Filled, but not a value of the field's type."""
        return not self.empty and self.value is None


EMPTY = Cell(None, None)
_new = object.__new__


def make_cell(raw: Any, value: Any, ref: CellRef | None) -> Cell:
    """``Cell(raw, value, ref)``, made without the frozen dataclass's ``__init__`` (one
    ``object.__setattr__`` call per field, half the cost of a cell): parsing makes one per table
    cell. The same object in every way (fields, equality, hash, repr, still frozen)."""
    cell = _new(Cell)
    slots = cell.__dict__
    slots["raw"] = raw
    slots["value"] = value
    slots["ref"] = ref
    return cell


@dataclass(frozen=True)
class Row:
    """One filled row of a list table, keyed by column key."""

    cells: Mapping[str, Cell]
    number: int = 0  # the Excel row number, for messages

    def value(self, key: str) -> Any:
        return self.cells.get(key, EMPTY).value


@dataclass(frozen=True)
class SchoolData:
    """The plain content of a workbook: field values and table rows. The builder takes this."""

    values: Mapping[str, Any] = field(default_factory=dict)
    tables: Mapping[str, list[dict[str, Any]]] = field(default_factory=dict)


@dataclass(frozen=True)
class Submission:
    """A workbook as read: every field and table row with raw value, parsed value and address."""

    source: str
    template_id: str
    template_version: int
    fields: Mapping[str, Cell]
    tables: Mapping[str, tuple[Row, ...]]
    # The day the file was last saved (its modification time), or the day it is checked in
    # Excel: what its dates are weighed against. None when not known.
    saved: dt.date | None = None

    def value(self, key: str) -> Any:
        return self.fields.get(key, EMPTY).value

    def cell(self, key: str) -> Cell:
        return self.fields.get(key, EMPTY)

    def rows(self, table: str) -> tuple[Row, ...]:
        return self.tables.get(table, ())

    def records(self, table: str) -> list[dict[str, Any]]:
        """Rows as plain dicts of parsed values."""
        return [{k: c.value for k, c in row.cells.items()} for row in self.rows(table)]

    def data(self) -> SchoolData:
        """The plain content, comparable with what a workbook was built from."""
        return SchoolData(
            values={k: c.value for k, c in self.fields.items()},
            tables={k: self.records(k) for k in self.tables},
        )


def _is_excel_error(raw: Any) -> bool:
    """Text Excel shows for a failed formula (every one holds a ``#``: long texts are not copied
    twice to find out)."""
    return isinstance(raw, str) and "#" in raw and raw.strip().upper() in EXCEL_ERRORS


def is_blank(raw: Any) -> bool:
    """Empty cell, empty string or whitespace only."""
    if raw is None:
        return True
    return isinstance(raw, str) and not raw.strip()


def clean_text(raw: Any) -> str:
    """Text as the report should see it: NFC, no stray spaces, Excel line breaks normalised."""
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, dt.datetime):
        raw = raw.date()
    if isinstance(raw, dt.date):
        return raw.strftime("%d/%m/%Y")
    return _clean(str(raw))


def _clean(text: str) -> str:
    """``clean_text`` of a text."""
    text = unicodedata.normalize("NFC", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Most texts are clean already: no whitespace but single spaces and single line breaks
    # between other characters. (A str subclass is made a str by the join below, as it always
    # was.)
    if spaced_once(text.replace("\n", " ")) and type(text) is str:
        return text
    if "\u200b" in text or "\ufeff" in text:  # invisible marks pasted from a web page
        text = text.replace("\u200b", "").replace("\ufeff", "")
    if "\n" not in text:  # one line (\u00a0 is whitespace to split, as the general rule makes it)
        return " ".join(text.split())
    text = text.replace("\u00a0", " ")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line).strip()


def spaced_once(text: str) -> bool:
    """Whether ``text`` holds no whitespace but single spaces between other characters, so that
    ``" ".join(text.split())`` would give it back unchanged: every whitespace character but the
    space is unprintable, so one ``isprintable`` (in C) stands for the split and the join."""
    return text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "


def to_int(raw: Any) -> int | None:
    """Whole numbers from numbers or text ("21", "1.200", "1 200", "45 người": the words of what
    it counts left out); None if not a whole number."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return _bounded(raw)
    if isinstance(raw, float):
        if math.isfinite(raw) and raw.is_integer():
            return _bounded(int(raw))
        return None
    if isinstance(raw, str):
        text = unicodedata.normalize("NFC", raw).strip().replace("\u00a0", " ")
        text = _LABEL_WORD.sub("", text, count=1) if text[:1] in "sSnN" else text
        counted = count_and_words(text)
        if counted:
            text = counted[0]
        if _INT_TEXT.match(text):
            digits = re.sub(r"[.,\s]", "", text)
            return int(digits) if len(digits.lstrip("+-")) <= LIMITS.max_int_digits else None
        try:
            number = float(text.replace(",", "."))
        except ValueError:
            return None
        if math.isfinite(number) and number.is_integer() and "." not in text.rstrip("0."):
            return _bounded(int(number))
    return None


def count_and_words(text: str) -> tuple[str, str] | None:
    """(number, words) of a whole number followed by the words of what it counts, as a clerk
    writes it: ``45 người``, ``1.200 học sinh`` (NFC); None for any other text (``45/50``,
    ``khoảng 45``, ``45 (dự kiến)``).

    >>> count_and_words("1.200 học sinh"), count_and_words("45/50")
    (('1.200', 'học sinh'), None)
    """
    found = _LEADING_NUMBER.match(text)
    if found is None:
        return None
    words = text[found.end() :]
    if not words or not all(word.isalpha() for word in words.split()):
        return None
    return found.group().rstrip(), words


def typed_with_words(text: str) -> bool:
    """Whether ``to_int`` leaves words out of ``text`` (NFC, stripped) to read its number: the
    field's own word before it (``Số 05``, ``năm 2020``) or what it counts after (``45 người``)."""
    label = _LABEL_WORD.match(text)
    return label is not None or count_and_words(text) is not None


def short_year(text: str) -> bool:
    """Whether ``to_date`` read ``text`` as a date whose year was typed in two figures."""
    return _SHORT_YEAR_DATE.match(text) is not None


def _bounded(number: int) -> int | None:
    """Whole numbers past ``LIMITS.max_int_digits`` digits are not figures (Excel cannot even hold
    them exactly); they read as not-a-number, and the validator says they are too large."""
    return number if abs(number) < 10**LIMITS.max_int_digits else None


def to_date(raw: Any) -> dt.date | None:
    """Dates from date cells, Excel serial numbers, or dd/mm/yyyy (also - and .), ISO text and
    the written-out form of a letter (``ngày 5 tháng 1 năm 2026``)."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, bool):
        return None
    if isinstance(raw, (int, float)):
        if not math.isfinite(raw) or not 1 <= raw < 2958466:
            return None
        serial = int(raw)
        return _EXCEL_EPOCH + dt.timedelta(days=serial if serial > 60 else serial + 1)
    if isinstance(raw, str):
        match = _DATE_TEXT.match(raw) or _WRITTEN_DATE.match(unicodedata.normalize("NFC", raw))
        if match:
            day, month, year = (int(g) for g in match.groups())
        elif match := _SHORT_YEAR_DATE.match(raw):
            day, month, year = (int(g) for g in match.groups())
            year += 2000
        else:
            match = _ISO_DATE.match(raw)
            if not match:
                return None
            year, month, day = (int(match.group(i)) for i in (1, 3, 4))
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    return None


def coerce(kind: Kind, raw: Any) -> Any:
    """The typed value of a raw cell for a field kind; None when blank or not of that kind."""
    if raw is None:
        return None
    is_text = isinstance(raw, str)
    if is_text and (not raw.strip() or ("#" in raw and raw.strip().upper() in EXCEL_ERRORS)):
        return None  # blank or a formula error (is_blank and _is_excel_error, inline)
    if kind is Kind.INT:
        return to_int(raw)
    if kind is Kind.DATE:
        return to_date(raw)
    text = _clean(raw) if is_text else clean_text(raw)
    if kind is not Kind.LONGTEXT and "\n" in text:  # (one line: clean_text spaced it)
        text = " ".join(text.split())
    if is_text and might_be_legacy(text):  # pasted in a .VnTime or VNI font: the validator warns
        text = legacy_as_unicode(text)
    return text or None


def legacy_as_unicode(text: str) -> str:
    """``text`` in Unicode when it was typed in TCVN3 or VNI (``legacy_text``), else itself."""
    converted = unicode_of(text)
    return converted[0] if converted else text


def paragraphs(text: str | None) -> list[str]:
    """A long-text value split into its paragraphs (one per line in the cell)."""
    if not text:
        return []
    return [line.strip() for line in text.split("\n") if line.strip()]
