"""The one description of every workbook: sheets, fields, lists, rules and roll-up columns.

The workbook builder, the readers, the validator, the report context and the roll-up all derive
from the objects defined here; no other module lists cells.

Layout convention shared by builder and reader (so an inserted row or a moved table breaks nothing):
- column A of every input sheet is hidden and holds the machine key of the row: a field key for a
  form row, ``#table:<key>`` on the header row of a list table;
- on a form row the label is in the column after the key and the value in the one after that;
- each sheet holds at most one list table, always below its form rows, so it can grow downwards;
  its columns are found by their header text, every row below the header is a data row.

The data is split by subject: ``types`` (what a schema is made of), ``lists``, ``school``,
``district``, ``rollup`` (the merged table's columns) and ``limits``. Import from here.
"""

from outreach_xl.schema.district import (
    DISTRICT,
    DISTRICT_CONFIG,
    DISTRICT_GUIDE,
    DISTRICT_REGISTER,
    DISTRICT_ROLLUP,
    DISTRICT_STATUS,
)
from outreach_xl.schema.limits import (
    LIMITS,
    Limits,
)
from outreach_xl.schema.lists import (
    CHANNELS,
    CONTENT_GROUPS,
    FOLLOWUP_KINDS,
    LEVELS,
    LISTS_SHEET,
    META_SHEET,
    SIGNER_AUTHORITIES,
)
from outreach_xl.schema.rollup import (
    ROLLUP_COLUMNS,
    STATUS_COLUMNS,
    YOY_COLUMNS,
    YOY_MEASURES,
    RollupColumn,
    rollup_columns,
)
from outreach_xl.schema.school import (
    SCHOOL,
    SCHOOL_CHANNELS,
    SCHOOL_CONTENT,
    SCHOOL_FOLLOWUPS,
    SCHOOL_GENERAL,
    SCHOOL_GUIDE,
    SCHOOL_RESULTS,
)
from outreach_xl.schema.types import (
    HELP_OFFSET,
    KEY_COL,
    LABEL_OFFSET,
    OTHER,
    TABLE_MARKER,
    VALUE_OFFSET,
    Choice,
    ChoiceList,
    Column,
    DateInYear,
    DateNotAfter,
    Field,
    Kind,
    LastRowStartsWith,
    MinRows,
    NoLeadingWord,
    NotGreater,
    NotZero,
    Pattern,
    PrefixIn,
    ProperCase,
    Rule,
    Severity,
    Sheet,
    Table,
    UniqueRows,
    Words,
    WorkbookSchema,
)

__all__ = [
    "CHANNELS",
    "CONTENT_GROUPS",
    "DISTRICT",
    "DISTRICT_CONFIG",
    "DISTRICT_GUIDE",
    "DISTRICT_REGISTER",
    "DISTRICT_ROLLUP",
    "DISTRICT_STATUS",
    "FOLLOWUP_KINDS",
    "HELP_OFFSET",
    "KEY_COL",
    "LABEL_OFFSET",
    "LEVELS",
    "LIMITS",
    "LISTS_SHEET",
    "META_SHEET",
    "OTHER",
    "ROLLUP_COLUMNS",
    "SCHOOL",
    "SCHOOL_CHANNELS",
    "SCHOOL_CONTENT",
    "SCHOOL_FOLLOWUPS",
    "SCHOOL_GENERAL",
    "SCHOOL_GUIDE",
    "SCHOOL_RESULTS",
    "SIGNER_AUTHORITIES",
    "STATUS_COLUMNS",
    "TABLE_MARKER",
    "VALUE_OFFSET",
    "YOY_COLUMNS",
    "YOY_MEASURES",
    "Choice",
    "ChoiceList",
    "Column",
    "DateInYear",
    "DateNotAfter",
    "Field",
    "Kind",
    "LastRowStartsWith",
    "Limits",
    "MinRows",
    "NoLeadingWord",
    "NotGreater",
    "NotZero",
    "Pattern",
    "PrefixIn",
    "ProperCase",
    "RollupColumn",
    "Rule",
    "Severity",
    "Sheet",
    "Table",
    "UniqueRows",
    "Words",
    "WorkbookSchema",
    "rollup_columns",
]
