"""Where each part of the roll-up's ``Tổng hợp`` and ``Tình trạng nộp`` sheets stands.

One layout for the three places that meet it: the file writer (``xlsx.rollup_workbook``), the
button that writes the same two sheets into the open district workbook
(``excel.write_rollup_sheets``) and the reader that takes the table back
(``rollup_workbook.rows_from_grid``). Rows and columns count from 0, as XlsxWriter and a grid do;
xlwings' ``range((row, col))`` counts from 1, so the button adds one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

ROLLUP_SHEET = "Tổng hợp"
STATUS_SHEET = "Tình trạng nộp"


@dataclass(frozen=True)
class TableLayout:
    """``Tổng hợp``: title, the note (who sent what, what the totals count), the hidden row of
    column keys, group headings, headings, one row per school, the totals row, then a note per
    rate not taken over every counted school."""

    title: int = 0
    note: int = 1
    keys: int = 2  # hidden: ``rows_from_grid`` finds the table by it
    groups: int = 3
    headings: int = 4
    first: int = 5  # the first school's row

    def total(self, schools: int) -> int:
        """The totals row under ``schools`` rows."""
        return self.first + schools

    @property
    def below_keys(self) -> int:
        """From the key row to the first school's row: how a reader skips the headings."""
        return self.first - self.keys


@dataclass(frozen=True)
class StatusLayout:
    """``Tình trạng nộp``: title, the same note, then sections (by school, by file, and when
    compared with last year's, the schools that stopped reporting), each a title row, a heading
    row and its entries (one row reading ``(không có)`` when there are none), with a blank row
    before the next section."""

    title: int = 0
    note: int = 1
    first_section: int = 3

    def sections(self, entries: Sequence[int]) -> list[int]:
        """The title row of each section, given how many entries each holds."""
        rows, row = [], self.first_section
        for count in entries:
            rows.append(row)
            row += max(count, 1) + 3
        return rows

    @property
    def first_entry(self) -> int:
        """The first entry row of the first section (the panes freeze above it)."""
        return self.first_section + 2


TABLE = TableLayout()
STATUS = StatusLayout()
