"""The types every schema is made of: kinds, choices, fields, tables, sheets, rules, workbooks.

Layout convention shared by builder and reader (so an inserted row or a moved table breaks nothing):
- column A of every input sheet is hidden and holds the machine key of the row: a field key for a
  form row, ``#table:<key>`` on the header row of a list table;
- on a form row the label is in the column after the key and the value in the one after that;
- each sheet holds at most one list table, always below its form rows, so it can grow downwards;
  its columns are found by their header text, every row below the header is a data row.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from enum import Enum
from typing import ClassVar

TABLE_MARKER = "#table:"
KEY_COL = 0  # column A
LABEL_OFFSET = 1
VALUE_OFFSET = 2
HELP_OFFSET = 3


class Kind(str, Enum):
    """The type of a field or column, which fixes how it is validated in Excel and parsed."""

    TEXT = "text"
    LONGTEXT = "longtext"  # several paragraphs in one cell, one per line
    INT = "int"
    DATE = "date"
    CHOICE = "choice"  # one value of a named list


class Severity(str, Enum):
    """Errors stop a report; warnings are shown and the report is made."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Choice:
    """One entry of a drop-down list: a stable code, the label users see, a short column heading,
    and what clerks type instead of picking it (matched folded by ``core.choices.match_choice``)."""

    code: str
    label: str
    short: str = ""
    aliases: tuple[str, ...] = ()

    @property
    def heading(self) -> str:
        return self.short or self.label


@dataclass(frozen=True)
class ChoiceList:
    """A named drop-down list, written to the hidden lists sheet, referenced by a defined name."""

    key: str
    name: str  # Excel defined name (ASCII)
    title: str
    choices: tuple[Choice, ...]
    strict: bool = True  # False: other values are allowed with a warning (users add their own)

    def labels(self) -> tuple[str, ...]:
        return tuple(c.label for c in self.choices)

    def by_label(self, label: str) -> Choice | None:
        """The choice whose label is exactly ``label`` but for case (typed labels, aliases and
        diacritics are ``core.choices.match_choice``'s job)."""
        folded = label.casefold()
        for choice in self.choices:
            if choice.label.casefold() == folded:
                return choice
        return None

    def code_of(self, label: str) -> str:
        """The code of an exact label, else 'other'; code reading what a clerk typed uses
        ``core.choices.code_of`` instead, which also matches typed labels and aliases."""
        choice = self.by_label(label)
        return choice.code if choice else OTHER


OTHER = "other"


@dataclass(frozen=True)
class Field:
    """One labelled input cell of a form sheet."""

    key: str
    label: str
    kind: Kind = Kind.TEXT
    required: bool = False
    help: str = ""
    choices: str | None = None  # key of a ChoiceList
    min: int | None = None
    max: int | None = None
    width_hint: int = 0  # rows of height for long text
    since: int = 1  # the template version that added it: older workbooks read it as empty
    carry: bool = False  # kept when next year's workbook is made from this one (new --from)


@dataclass(frozen=True)
class Column:
    """One column of a list table."""

    key: str
    label: str
    kind: Kind = Kind.TEXT
    required: bool = False
    help: str = ""
    choices: str | None = None
    min: int | None = None
    max: int | None = None
    width: int = 30
    carry: bool = True  # when its table carries over: False leaves the column blank (counts)


@dataclass(frozen=True)
class Table:
    """A list that grows downwards (an Excel table): content items, channels, results..."""

    key: str
    name: str  # Excel table name (ASCII, unique in the workbook)
    title: str
    columns: tuple[Column, ...]
    help: str = ""
    carry: bool = False  # its rows are kept when next year's workbook is made from this one

    def column(self, key: str) -> Column:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(key)


@dataclass(frozen=True)
class Sheet:
    """A worksheet: its Vietnamese name, its VBA code name, a title, form fields and one table."""

    name: str
    code_name: str
    title: str = ""
    intro: str = ""
    fields: tuple[Field, ...] = ()
    table: Table | None = None
    hidden: bool = False
    kind: str = "input"  # input | guide | lists | meta | output


# --- Cross-field rules: declared here, checked by core.validation -------------------------------
# Which fields a rule names: a ``FieldKey`` is a key of the workbook's fields, a ``TableKey`` of its
# tables, a ``ColumnKey`` of the rule's table's columns (tests/test_schema.py checks each exists).
FieldKey = str
TableKey = str
ColumnKey = str


@dataclass(frozen=True)
class Words:
    """What a rule tells the user when a value breaks it, in Vietnamese: what is wrong
    (``message``) and what to do (``fix``).

    Both are ``str.format`` templates: the validator fills in the names its rule type lists in
    ``fills`` (the other field's label and value, the table's title...); a test checks that no
    other name is used.
    """

    message: str
    fix: str

    def names(self) -> set[str]:
        """The ``{names}`` the two texts use."""
        return {
            name
            for text in (self.message, self.fix)
            for _, name, _, _ in string.Formatter().parse(text)
            if name is not None
        }


@dataclass(frozen=True)
class NotGreater:
    """``part`` may not exceed ``whole`` (participants and totals)."""

    part: FieldKey
    whole: FieldKey
    severity: Severity = Severity.ERROR
    words: Words = field(kw_only=True)
    fills: ClassVar[tuple[str, ...]] = ("whole_label", "whole", "whole_cell")


@dataclass(frozen=True)
class MinRows:
    """A table needs at least ``count`` filled rows."""

    table: TableKey
    count: int = 1
    severity: Severity = Severity.ERROR
    words: Words = field(kw_only=True)
    fills: ClassVar[tuple[str, ...]] = ("title", "count")


@dataclass(frozen=True)
class Pattern:
    """A text field must match a regular expression (document symbols). With ``loose`` words, a
    value that matches once written as the report writes a symbol (in capitals, without spaces:
    ``bc-mgma``) is only warned about, with that form as ``{fixed}``."""

    key: FieldKey
    regex: str
    severity: Severity = Severity.ERROR
    words: Words = field(kw_only=True)
    loose: Words | None = field(default=None, kw_only=True)
    fills: ClassVar[tuple[str, ...]] = ("fixed",)


# What a date rule's ``swapped`` words may name: the date the cell holds (``shown``, and its
# ``day``, ``month``, ``date_year``), the form typed that an en-US Excel reads so (``typed``, day
# and month exchanged) and that date in the year-month-day form every Excel reads alike (``iso``).
SWAP = ("shown", "day", "month", "date_year", "typed", "iso")


@dataclass(frozen=True)
class DateInYear:
    """A date must fall in the report year or the first ``grace_months`` months of the next."""

    key: FieldKey
    year: FieldKey
    grace_months: int = 3
    severity: Severity = Severity.ERROR
    words: Words = field(kw_only=True)
    # said instead of ``words`` when the date with day and month exchanged would pass (``SWAP``)
    swapped: Words | None = field(default=None, kw_only=True)
    fills: ClassVar[tuple[str, ...]] = ("year", "next_year", "grace_months", *SWAP)


@dataclass(frozen=True)
class DateNotAfter:
    """``earlier`` may not be after ``later`` (the request letter precedes the report)."""

    earlier: FieldKey
    later: FieldKey
    severity: Severity = Severity.ERROR
    words: Words = field(kw_only=True)
    # said instead of ``words`` when ``earlier`` with day and month exchanged would pass
    swapped: Words | None = field(default=None, kw_only=True)
    fills: ClassVar[tuple[str, ...]] = ("later_label", "later", *SWAP)  # dates as dd/mm/yyyy


@dataclass(frozen=True)
class UniqueRows:
    """The same row twice in a list is most likely a copy-paste slip."""

    table: TableKey
    columns: tuple[ColumnKey, ...]
    severity: Severity = Severity.WARNING
    words: Words = field(kw_only=True)
    fills: ClassVar[tuple[str, ...]] = ("row", "title")  # ``row``: the first of the two


@dataclass(frozen=True)
class LastRowStartsWith:
    """A list ends with a fixed line (the recipients with the archive line ``Lưu: VT``)."""

    table: TableKey
    column: ColumnKey
    prefix: str
    severity: Severity = Severity.WARNING
    words: Words = field(kw_only=True)
    fills: ClassVar[tuple[str, ...]] = ("title", "prefix")


@dataclass(frozen=True)
class NotADate:
    """A count that is the serial number of a date of this century (36526-73050): ``3/5`` typed in
    a number cell, which Excel and LibreOffice turn into a date, then show as 46086."""

    keys: tuple[FieldKey, ...]
    table: TableKey
    columns: tuple[ColumnKey, ...]
    severity: Severity = Severity.ERROR
    words: Words = field(kw_only=True)
    fills: ClassVar[tuple[str, ...]] = ("date",)


@dataclass(frozen=True)
class DayFirst:
    """A workbook's dates were typed on one machine: when one of them was kept as text though
    written day first with a day above 12 (20/12/2025, which an Excel reading day first makes a
    date of), that Excel reads month first, so another it made a date of, with a day of at most
    12, may have its day and month exchanged (05/01/2021 kept as 1 May)."""

    keys: tuple[FieldKey, ...]
    severity: Severity = Severity.WARNING
    words: Words = field(kw_only=True)
    # ``text_label`` and ``text``: the field kept as text and what it holds
    fills: ClassVar[tuple[str, ...]] = ("text_label", "text", *SWAP)


@dataclass(frozen=True)
class NotLongAfterSaved:
    """A date more than ``days`` after the day its workbook was saved (or is checked in Excel)
    that, with day and month exchanged, would not be: an Excel set to US dates keeps 05/01/2026,
    typed on 5 January, as 1 May. (A date into the past is no sign: reports cite old letters.)"""

    keys: tuple[FieldKey, ...]
    days: int = 31
    severity: Severity = Severity.WARNING
    words: Words = field(kw_only=True)
    # ``saved``: that day as dd/mm/yyyy; ``days``: the rule's
    fills: ClassVar[tuple[str, ...]] = ("saved", "days", *SWAP)


@dataclass(frozen=True)
class NotZero:
    """A figure of zero is allowed but unusual (no session held at all)."""

    key: FieldKey
    severity: Severity = Severity.WARNING
    words: Words = field(kw_only=True)
    fills: ClassVar[tuple[str, ...]] = ()


@dataclass(frozen=True)
class PrefixIn:
    """A text field, when filled, must start with one of the given prefixes (``KT.``, ``TM.``);
    a prefix alone is ``bare`` (``KT.`` would print above the signer's own title)."""

    key: FieldKey
    prefixes: tuple[str, ...]
    severity: Severity = Severity.ERROR
    words: Words = field(kw_only=True)
    bare: Words = field(kw_only=True)
    # ``prefixes``: all of them, comma-separated; ``prefix``: the one typed alone
    fills: ClassVar[tuple[str, ...]] = ("prefixes", "prefix")


@dataclass(frozen=True)
class NoLeadingWord:
    """A subject cited after ``về`` must not start with ``về`` itself (``về về ...``)."""

    key: FieldKey
    severity: Severity = Severity.WARNING
    words: Words = field(kw_only=True)
    fills: ClassVar[tuple[str, ...]] = ("fixed",)  # the value as the report writes it


@dataclass(frozen=True)
class ProperCase:
    """A name typed all in capitals or all in small letters; ``kind`` says how it is written.

    ``body``: a body's name (``Trường Mẫu giáo Long Thượng``); ``person``: every syllable with a
    capital (``Nguyễn Văn A``); ``place``: a place (``Thị trấn Thủ Thừa``).
    """

    key: FieldKey
    kind: str
    severity: Severity = Severity.WARNING
    words: Words = field(kw_only=True)
    # ``typed``: «toàn chữ in hoa» or «toàn chữ thường»; ``fixed``: as the report writes it;
    # ``shown``: the same, cut short for the message.
    fills: ClassVar[tuple[str, ...]] = ("typed", "shown", "fixed")


@dataclass(frozen=True)
class AbolishedLevel:
    """A body's name of a level that no longer exists on the document's date: from 1 July 2025
    there is no district level (``PHÒNG GD&ĐT``, ``UBND HUYỆN``, ``QUẬN``, ``THỊ XÃ``), so a report
    dated since then that names it in its header names a body that cannot receive it."""

    key: FieldKey
    date: FieldKey  # the document's date
    since: tuple[int, int, int]  # (year, month, day) the level was abolished
    names: tuple[str, ...]  # words of the level's names, in capitals
    severity: Severity = Severity.WARNING
    words: Words = field(kw_only=True)
    # ``since``: the date as dd/mm/yyyy the decree writes it (01/7/2025); ``found``: the words
    fills: ClassVar[tuple[str, ...]] = ("since", "found")


@dataclass(frozen=True)
class AbolishedLevelRows:
    """``AbolishedLevel`` for each row of a list (the recipients, «Nơi nhận»): a report dated
    since 1 July 2025 cannot be sent to ``Phòng GD&ĐT``."""

    table: TableKey
    column: ColumnKey
    date: FieldKey  # the document's date
    since: tuple[int, int, int]
    names: tuple[str, ...]
    severity: Severity = Severity.WARNING
    words: Words = field(kw_only=True)
    fills: ClassVar[tuple[str, ...]] = ("since", "found")


@dataclass(frozen=True)
class SignsAlone:
    """A signing authority that is the signer's whole title (``Q. HIỆU TRƯỞNG``): the title typed
    ``below`` it is not printed, and the clerk is told so."""

    key: FieldKey
    below: FieldKey
    prefixes: tuple[str, ...]
    severity: Severity = Severity.WARNING
    words: Words = field(kw_only=True)
    # ``authority``: as the report prints it; ``title``: the one left out; ``key_label``: the
    # label of ``key``
    fills: ClassVar[tuple[str, ...]] = ("authority", "title", "key_label")


Rule = (
    AbolishedLevel
    | AbolishedLevelRows
    | NotGreater
    | MinRows
    | Pattern
    | DateInYear
    | DateNotAfter
    | UniqueRows
    | LastRowStartsWith
    | NotZero
    | NotADate
    | DayFirst
    | NotLongAfterSaved
    | PrefixIn
    | SignsAlone
    | NoLeadingWord
    | ProperCase
)


@dataclass(frozen=True)
class WorkbookSchema:
    """A whole workbook template: its id and version (stored in the file), sheets, lists, rules."""

    template_id: str
    version: int
    title: str
    sheets: tuple[Sheet, ...]
    lists: tuple[ChoiceList, ...]
    rules: tuple[Rule, ...] = ()
    year_key: str = "report_year"  # the field next year's workbook sets to this year + 1

    def sheet(self, name: str) -> Sheet:
        for sheet in self.sheets:
            if sheet.name == name:
                return sheet
        raise KeyError(name)

    def input_sheets(self) -> tuple[Sheet, ...]:
        return tuple(s for s in self.sheets if s.kind == "input")

    def fields(self) -> dict[str, tuple[Sheet, Field]]:
        return {f.key: (s, f) for s in self.sheets for f in s.fields}

    def tables(self) -> dict[str, tuple[Sheet, Table]]:
        return {s.table.key: (s, s.table) for s in self.sheets if s.table}

    def choice_list(self, key: str) -> ChoiceList:
        for lst in self.lists:
            if lst.key == key:
                return lst
        raise KeyError(key)

    def meta_sheet(self) -> Sheet:
        return next(s for s in self.sheets if s.kind == "meta")

    def sheets_to_read(self) -> tuple[str, ...]:
        """What a reader needs: the input sheets and the template metadata, not the guide."""
        return (*(s.name for s in self.input_sheets()), self.meta_sheet().name)

    def code_names(self) -> tuple[str, ...]:
        """Document module names in sheet order: the one list XlsxWriter and the VBA writer use."""
        return ("ThisWorkbook", *(s.code_name for s in self.sheets))
