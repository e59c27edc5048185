"""The roll-up workbook, values only, by XlsxWriter: ``Tổng hợp``, ``Tình trạng nộp``, ``Biểu đồ``.

``Tổng hợp`` is one row per school under grouped headings, then a totals row over the schools the
totals count (the rule, ``core.merge.rule_sentence``, is written above the table); it prints on A4
landscape, one page wide, headings repeated. A hidden row above the headings holds each column's key
(``schema.ROLLUP_COLUMNS``) so ``read_rollup`` can take the table back without trusting positions;
after the keys, a blank cell, then ``#year``, ``#unit``... each followed by its value
(``meta_cells``: whose roll-up it is, for ``rollup --previous``). Where each part stands is
``xlsx.rollup_layout``, which the button writing the same sheets uses too.
Every text that came from a school is written with ``write_string`` (and the workbook refuses to
turn strings into formulas), so ``=1+1`` typed by a school stays the text ``=1+1``.

Rows are written in order with XlsxWriter's constant-memory mode, so 45,000 schools fit in little
memory; its working files go to a folder of ours beside the target (never TMPDIR), and the
finished file is put in place by ``files.output``.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeGuard

import xlsxwriter
from xlsxwriter.exceptions import FileCreateError
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet
from xlsxwriter.xmlwriter import XMLwriter

from outreach_xl.core.merge import (
    ROW_STATUS,
    FileStatus,
    PreviousYear,
    Rollup,
    SchoolStatus,
    StatusEntry,
    counted,
    ranked,
    summary_line,
)
from outreach_xl.core.year_over_year import former_note
from outreach_xl.files.output import check_target, scratch_folder, write_atomic
from outreach_xl.schema import (
    CHANNELS,
    STATUS_COLUMNS,
    YOY_COLUMNS,
    YOY_MEASURES,
    CellKind,
    RollupColumn,
    rollup_columns,
)
from outreach_xl.xlsx.builder import as_written, write_value
from outreach_xl.xlsx.rollup_layout import ROLLUP_SHEET, STATUS, STATUS_SHEET, TABLE

CHART_SHEET = "Biểu đồ"
SCHOOLS_SECTION = "A. Theo trường (trong danh sách, rồi các trường ngoài danh sách)"
FILES_SECTION = "B. Theo tệp trong thư mục"
NO_ENTRIES = "(không có)"  # a tracker section without entries
SEQ = "seq"  # the STT column's format: a whole number, centred, no grouping
FROZEN_COLS = 3  # STT, code, name stay in view
CHART_SCHOOLS = 40  # above this, the participation chart is drawn by level, not by school
FIXED_DATE = dt.datetime(2025, 1, 1)
FONT = {"font_name": "Times New Roman", "font_size": 11, "valign": "vcenter"}
HEAD_FILL = "#DDEBF7"
TOTAL_FILL = "#FFF2CC"
STATUS_FILLS = {
    SchoolStatus.REPORTED: "#E2EFDA",
    SchoolStatus.REPORTED_WITH_ERRORS: "#FFE699",
    SchoolStatus.MISSING: "#F8CBAD",
    SchoolStatus.NOT_REGISTERED: "#FFE699",
    SchoolStatus.LAPSED: "#F8CBAD",
    FileStatus.VALID: "#E2EFDA",
    FileStatus.WITH_ERRORS: "#FFE699",
    FileStatus.DUPLICATE: "#EDEDED",
    FileStatus.SAME_CONTENT: "#EDEDED",
    FileStatus.WRONG_YEAR: "#F8CBAD",
    FileStatus.NOT_OURS: "#F8CBAD",
    FileStatus.UNREADABLE: "#F8CBAD",
    FileStatus.SKIPPED: "#EDEDED",
}
CHANGE_FORMAT = "+#,##0;-#,##0;0"
META_MARK = "#"  # key-row cells after the columns: "#year", 2020, "#unit", "...", ...
ROW_FILLS = {  # the table's status cell; a counted school's is left white
    SchoolStatus.MISSING: "#F8CBAD",
    SchoolStatus.REPORTED_WITH_ERRORS: "#FFE699",
    SchoolStatus.NOT_REGISTERED: "#FFE699",
}


class _Formats:
    def __init__(self, book: Workbook) -> None:
        cell = {**FONT, "border": 1}
        self.title = book.add_format({**FONT, "bold": True, "font_size": 14})
        self.note = book.add_format({**FONT, "italic": True})
        self.note_wrap = book.add_format(
            {**FONT, "italic": True, "text_wrap": True, "valign": "top"}
        )
        self.key = book.add_format({"font_size": 8, "font_color": "#808080"})
        self.head = book.add_format(
            {**cell, "bold": True, "bg_color": HEAD_FILL, "text_wrap": True, "align": "center"}
        )
        self.head_up = book.add_format(
            {**cell, "bold": True, "bg_color": HEAD_FILL, "text_wrap": True, "rotation": 90,
             "align": "center"}
        )  # fmt: skip
        self.head_top = book.add_format({**cell, "bg_color": HEAD_FILL, "bottom": 0})
        self.head_low = book.add_format(
            {**cell, "bold": True, "bg_color": HEAD_FILL, "text_wrap": True, "align": "center",
             "top": 0}
        )  # fmt: skip
        self.section = book.add_format({**FONT, "bold": True, "font_size": 12})
        self._cache: dict[tuple[str, str, bool], Any] = {}
        self._book = book
        self._cell = cell

    def of(self, kind: CellKind | str, fill: str = "", total: bool = False) -> Any:
        """The format of a data cell of a kind (or ``SEQ``), optionally filled, bold on the totals
        row."""
        key = (kind, fill, total)
        if key not in self._cache:
            spec: dict[str, Any] = dict(self._cell)
            if kind == CellKind.INT:
                spec.update(num_format="#,##0", align="right")
            elif kind == SEQ:
                spec.update(num_format="0", align="center")
            elif kind == CellKind.RATE:
                spec.update(num_format="0.0%", align="right")
            elif kind == CellKind.CHANGE:
                spec.update(num_format=CHANGE_FORMAT, align="right")
            elif kind == CellKind.DATE:
                spec.update(num_format="dd/mm/yyyy", align="center")
            elif kind == CellKind.MARK:
                spec.update(align="center")
            else:
                spec.update(text_wrap=True)
            if fill:
                spec["bg_color"] = fill
            if total:
                spec.update(bold=True, bg_color=TOTAL_FILL)
            self._cache[key] = self._book.add_format(spec)
        return self._cache[key]


def write_rollup(
    rollup: Rollup,
    path: str | os.PathLike[str],
    *,
    unit: str = "",
    managing_body: str = "",
    force: bool = False,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> Path:
    """Write the roll-up workbook atomically; refuse an existing file unless ``force``, and any
    of ``inputs`` always. XlsxWriter's working files go to a folder of ours beside the output,
    never to TMPDIR, and are removed."""
    inputs = tuple(inputs)
    check_target(path, force=force, inputs=inputs)
    with scratch_folder(path) as scratch:
        data = rollup_bytes(rollup, unit, managing_body, tmpdir=scratch)
    return write_atomic(path, data, force=force, inputs=inputs)


class _KeptOpen(io.BytesIO):
    """An output XlsxWriter cannot close: on an error mid-write (a full disk under its row files)
    it closes the output while its zip writer is still open, whose clean-up then fails noisily
    ("Exception ignored ... I/O operation on closed file") after our clean message."""

    def close(self) -> None:
        """Kept open; the bytes are taken with ``getvalue`` and the buffer dropped."""


def rollup_bytes(
    rollup: Rollup, unit: str = "", managing_body: str = "", *, tmpdir: Path | None = None
) -> bytes:
    """The roll-up workbook as bytes (XlsxWriter's row files in ``tmpdir``)."""
    buffer = _KeptOpen()
    try:
        _build(rollup, buffer, unit, managing_body, tmpdir)
    except FileCreateError as exc:  # XlsxWriter's wrapper of an OSError (a full disk)
        cause = exc.args[0] if exc.args else None
        raise cause if isinstance(cause, OSError) else OSError(str(exc)) from None
    return buffer.getvalue()


def columns_of(rollup: Rollup) -> tuple[RollupColumn, ...]:
    """The table's columns: with the year-over-year ones when compared with last year's."""
    return rollup_columns(rollup.previous is not None)


def meta_cells(rollup: Rollup, unit: str, managing_body: str) -> list[Any]:
    """What the hidden key row holds after the column keys: whose roll-up, which year, compared
    with which year; ``rollup_meta`` reads it back (``rollup --previous`` checks it)."""
    pairs: list[tuple[str, Any]] = [
        ("year", rollup.year),
        ("unit", unit),
        ("managing_body", managing_body),
        ("previous_year", rollup.previous.year if rollup.previous else None),
        ("previous_counted", rollup.previous.counted if rollup.previous else None),
    ]
    if rollup.previous is not None and rollup.previous.former:  # another unit's: the former office
        pairs += [
            ("previous_unit", rollup.previous.former),
            ("previous_shared", rollup.previous.shared),
        ]
    cells: list[Any] = [None]
    for key, value in pairs:
        cells += [META_MARK + key, value if value not in (None, "") else None]
    return cells


def compared_note(rollup: Rollup) -> str:
    """The line under the title when the roll-up is compared with last year's."""
    if rollup.previous is None:
        return ""
    year = f"năm {rollup.previous.year}" if rollup.previous.year else "năm trước"
    if rollup.previous.former:
        return (
            f" {former_note(rollup.previous, rollup.registered)} Dòng tổng của các cột «Năm "
            "trước» tính theo cùng quy tắc với năm nay (kể cả các trường năm nay chưa nộp)."
        )
    return (
        f" So sánh với tổng hợp {year}: dòng tổng của các cột «Năm trước» là tổng số của {year}, "
        "tính theo cùng quy tắc với năm nay (kể cả các trường năm nay chưa nộp)."
    )


def _build(
    rollup: Rollup, filename: io.BytesIO, unit: str, managing_body: str, tmpdir: Path | None
) -> None:
    book = xlsxwriter.Workbook(
        filename,
        {
            "constant_memory": True,
            "tmpdir": str(tmpdir) if tmpdir is not None else None,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    book.set_properties({"title": "Tổng hợp báo cáo thông tin đối ngoại", "author": "outreach-xl",
                         "created": FIXED_DATE})  # fmt: skip
    formats = _Formats(book)
    table = book.add_worksheet(ROLLUP_SHEET)
    status = book.add_worksheet(STATUS_SHEET)
    charts = book.add_worksheet(CHART_SHEET)
    _write_table(table, rollup, formats, unit, managing_body)
    _write_status(status, rollup, formats, unit)
    _write_charts(book, charts, rollup, formats)
    table.activate()
    book.close()


def heading(rollup: Rollup, unit: str) -> str:
    year = f" NĂM {rollup.year}" if rollup.year else ""
    return f"TỔNG HỢP BÁO CÁO HOẠT ĐỘNG THÔNG TIN ĐỐI NGOẠI CỦA CÁC TRƯỜNG{year}"


def status_heading(rollup: Rollup) -> str:
    year = f" NĂM {rollup.year}" if rollup.year else ""
    return f"TÌNH TRẠNG NỘP BÁO CÁO{year}"


def total_label(rollup: Rollup) -> str:
    return f"Tổng cộng ({rollup.counted} trường có báo cáo hợp lệ)"


def rate_notes(rollup: Rollup) -> list[str]:
    """A line for each rate not taken over every counted school (some gave no total)."""
    notes = []
    t = rollup.totals
    for key, what in (("staff_rate", "CB-GV-NV"), ("pupil_rate", "HS/trẻ")):
        given = t.get(f"{key}_schools", 0)
        if given != rollup.counted:
            notes.append(
                f"Tỉ lệ {what} tham gia tính trên {given}/{rollup.counted} trường có ghi tổng "
                f"số ({t.get(f'{key}_part', 0)}/{t.get(f'{key}_whole', 0)})."
            )
    return notes


# --- Tổng hợp ------------------------------------------------------------------------------------


def _write_table(ws: Worksheet, rollup: Rollup, f: _Formats, unit: str, managing_body: str) -> None:
    cols = columns_of(rollup)
    last = len(cols) - 1
    printed = last - 1 if cols[-1].key == "file" else last  # the file column is not printed
    channels = next(i for i, c in enumerate(cols) if c.key.startswith("channel_"))
    followups = next(i for i, c in enumerate(cols) if c.key == "difficulties")
    ws.write_string(TABLE.title, 0, heading(rollup, unit), f.title)
    # The note states what the totals count: wrapped over the first printed page, never cut off.
    note = (f"{unit}. " if unit else "") + summary_line(rollup) + compared_note(rollup)
    span = next(i for i, c in enumerate(cols) if c.key == "pupil_rate")  # on any first page
    width = sum(c.width for c in cols[: span + 1])
    ws.set_row(TABLE.note, 15 * (1 + len(note) // width))
    ws.merge_range(TABLE.note, 0, TABLE.note, span, note, f.note_wrap)
    ws.set_row(TABLE.keys, None, None, {"hidden": True})
    for index, col in enumerate(cols):
        ws.write_string(TABLE.keys, index, col.key, f.key)
    for index, value in enumerate(meta_cells(rollup, unit, managing_body), start=len(cols)):
        write_value(ws, TABLE.keys, index, value, f.key)
    ws.set_row(TABLE.groups, 30)
    ws.set_row(TABLE.headings, 84)
    # Constant-memory mode writes rows strictly in order: the whole group row, then the heading
    # row; a column without a group has its heading at the bottom, under an empty top cell.
    for start, end, group in _groups(cols):
        if group and end > start:
            ws.merge_range(TABLE.groups, start, TABLE.groups, end, group, f.head)
        elif group:
            ws.write_string(TABLE.groups, start, group, f.head)
        else:
            ws.write_blank(TABLE.groups, start, None, f.head_top)
    for index, col in enumerate(cols):
        ws.set_column(index, index, col.width)
        up = col.width < 8 and col.kind in (CellKind.MARK, CellKind.INT) and bool(col.group)
        ws.write_string(
            TABLE.headings,
            index,
            col.heading,
            f.head_up if up else f.head if col.group else f.head_low,
        )
    cells = _RowWriter(ws, cols, f)
    wrapped = [(c.key, max(int(c.width * 1.1), 1)) for c in cols if _wraps(c)]
    for row, values in enumerate(rollup.rows, start=TABLE.first):
        status = ROW_STATUS.get(values.get("status") or "")
        lines = _lines_of(values, wrapped)
        fill = ROW_FILLS.get(status, "") if status else ""
        # Wrapped text (difficulties, proposals, why not counted) needs the room.
        cells.write(row, values, fill, height=15 * lines if lines > 1 else None)
    row = TABLE.total(len(rollup.rows))
    first = next(i for i, c in enumerate(cols) if c.total)
    ws.merge_range(row, 0, row, first - 1, total_label(rollup), f.of("text", total=True))
    for index, col in enumerate(cols[first:], start=first):
        _write_value(ws, row, index, col, rollup.totals.get(col.key), f, total=True)
    for note in rate_notes(rollup):
        row += 1
        ws.write_string(row, 0, note, f.note)
    ws.freeze_panes(TABLE.first, FROZEN_COLS)
    ws.autofilter(TABLE.headings, 0, max(row - 1, TABLE.headings), last)
    ws.set_paper(9)
    ws.set_landscape()
    ws.set_margins(left=0.3, right=0.3, top=0.5, bottom=0.5)
    # About 50 columns on one A4 page print too small to read: figures on the first page width,
    # channels and content groups on the second, difficulties, proposals and the checks on the
    # third (last year's figures, when compared, on a fourth), each page repeating the school's
    # identity.
    breaks = [channels, followups]
    if rollup.previous is not None:
        breaks.append(next(i for i, c in enumerate(cols) if c.key == YOY_COLUMNS[0].key))
    ws.set_v_pagebreaks(breaks)
    ws.repeat_columns(0, 2)
    ws.fit_to_pages(len(breaks) + 1, 0)
    ws.repeat_rows(TABLE.groups, TABLE.headings)
    ws.print_area(0, 0, row, printed)
    ws.set_footer("&CTrang &P/&N")


def _wraps(col: RollupColumn) -> bool:
    return col.kind == CellKind.TEXT and col.key != "file"


def _lines_of(values: Mapping[str, Any], wrapped: Sequence[tuple[str, int]]) -> int:
    """Lines the tallest wrapped text cell of a row needs (at most 12), the wrapped columns'
    (key, characters per line) worked out once per table."""
    most = 1
    for key, per_line in wrapped:
        value = values.get(key)
        if isinstance(value, str) and (len(value) > per_line or "\n" in value):  # else one line
            lines = sum(-(-max(len(part), 1) // per_line) for part in value.split("\n"))
            most = max(most, lines)
    return min(most, 12)


class _RowWriter:
    """Writes the data rows of a table as ``_write_value`` would, one row per call, with each
    column's format and kind looked up once per table rather than once per cell (a roll-up of
    45,000 schools has millions of cells).

    In XlsxWriter's constant-memory mode a row is written out as XML once the next one starts;
    this writer puts each row's XML into the sheet's row file itself, the very text XlsxWriter
    would write for the same cells (``tests/rollup/test_row_xml.py`` holds it to that, byte for
    byte), at a fraction of XlsxWriter's cost per cell. A row it cannot write so (a text over
    XlsxWriter's length limit or looking like its rich text, a value of another type, a worksheet
    not in that mode) goes through XlsxWriter's own calls, cell by cell, as before.
    """

    def __init__(self, ws: Worksheet, cols: Sequence[RollupColumn], f: _Formats) -> None:
        self.ws = ws
        self.f = f
        self.cols = [
            (index, col.key, col.kind == CellKind.MARK, SEQ if col.key == "seq" else col.kind)
            for index, col in enumerate(cols)
        ]
        self.plain = [f.of(kind) for _, _, _, kind in self.cols]
        self.heads: dict[str, list[tuple[str, bool, str, str]]] = {}  # fill -> cells' XML parts
        self.direct = _writes_row_xml(ws)

    def write(
        self,
        row: int,
        values: Mapping[str, Any],
        fill: str,
        *,
        height: float | None = None,
        ends_sheet: bool = False,
    ) -> None:
        """One row (``height`` in points, None for the default); ``ends_sheet``: no other row
        follows it in the sheet. XlsxWriter holds such a row until the workbook is closed (its
        formats get their index then, after the other sheets' rows), so that row goes through its
        own calls, and the styles stay the same."""
        if ends_sheet or not (self.direct and self._write_xml(row, values, fill, height)):
            if height is not None:
                self.ws.set_row(row, height)
            self._write_cells(row, values, fill)

    def _write_cells(self, row: int, values: Mapping[str, Any], fill: str) -> None:
        ws = self.ws
        for (index, key, mark, kind), fmt in zip(self.cols, self.plain, strict=True):
            if fill and key == "status":
                fmt = self.f.of(kind, fill)
            value = values.get(key)
            if value is None or value == "" or value is False:  # as ``shown``
                ws.write_blank(row, index, None, fmt)
            elif mark:
                ws.write_string(row, index, "x", fmt)
            elif type(value) is int or type(value) is float:
                ws.write_number(row, index, value, fmt)
            elif type(value) is str:
                ws.write_string(row, index, as_written(value), fmt)
            else:
                write_value(ws, row, index, value, fmt)

    def _heads(self, fill: str) -> list[tuple[str, bool, str, str]]:
        """(key, mark, ``<c r="A``, ``" s="n"``) of each column for rows of one fill. A format
        gets its index (``s``) when first written, in the order XlsxWriter writes cells (row by
        row, column by column, every column of these rows holding a formatted cell): so the
        indexes are taken here, in column order, when the first row of this fill is written."""
        heads = []
        for (index, key, mark, kind), fmt in zip(self.cols, self.plain, strict=True):
            if fill and key == "status":
                fmt = self.f.of(kind, fill)
            heads.append(
                (key, mark, f'<c r="{xl_col_to_name(index)}', f'" s="{fmt._get_xf_index()}"')
            )
        self.heads[fill] = heads
        return heads

    def _write_xml(
        self, row: int, values: Mapping[str, Any], fill: str, height: float | None
    ) -> bool:
        """The row as XML into the row file; False (nothing written) when it must go cell by
        cell. The XML is what ``Worksheet._write_single_row`` makes of the same cells."""
        ws: Any = self.ws
        if row < ws.previous_row or row >= ws.xls_rowmax or ws.table.get(row):
            return False
        if row in ws.comments or row in ws.row_info or ws.row_data_fh_closed:
            return False
        pixels = None if height is None else int(height * 4.0 / 3.0 + 0.5)
        if pixels == 0:  # a hidden row: XlsxWriter's own call
            return False
        if row > ws.previous_row:
            ws._write_single_row(row)  # XlsxWriter's pending row goes out first
        number = str(row + 1)
        longest = ws.xls_strmax // 2  # longer texts may need cutting: XlsxWriter's own call
        if pixels is None or pixels == ws.default_row_height:
            parts = [f'<row r="{number}">']
        else:
            parts = [f'<row r="{number}" ht="{pixels * 0.75:.16g}" customHeight="1">']
        for key, mark, head, style in self.heads.get(fill) or self._heads(fill):
            value = values.get(key)
            kind = type(value)
            if value is None or value is False or (kind is str and not value):  # as ``shown``
                parts.append(f"{head}{number}{style}/>")
            elif mark:
                parts.append(f'{head}{number}{style} t="inlineStr"><is><t>x</t></is></c>')
            elif kind is str:
                text = _inline_text(value) if len(value) <= longest else None
                if text is None:
                    return False
                parts.append(f'{head}{number}{style} t="inlineStr"><is>{text}</is></c>')
            elif kind is int or (kind is float and math.isfinite(value)):
                parts.append(f"{head}{number}{style}><v>{value:.16G}</v></c>")
            elif kind is dt.date:
                serial = ws._convert_date_time(dt.datetime(value.year, value.month, value.day))
                parts.append(f"{head}{number}{style}><v>{serial:.16G}</v></c>")
            else:
                return False
        ws._check_dimensions(row, 0)
        ws._check_dimensions(row, len(parts) - 2)
        if pixels is not None:
            ws.row_sizes[row] = [pixels, False]  # as ``set_row`` keeps it (for drawings)
        parts.append("</row>")
        ws.fh.write("".join(parts))
        return True


def _writes_row_xml(ws: Worksheet) -> bool:
    """Whether ``_RowWriter`` can put rows into this worksheet's row file: constant-memory mode,
    default row heights and Excel 2007 rows (the ``<row>`` it writes), and the XlsxWriter
    internals it relies on present."""
    needed = ("previous_row", "table", "row_info", "row_sizes", "comments", "row_data_fh_closed",
              "xls_rowmax", "xls_strmax", "_write_single_row", "_check_dimensions",
              "_convert_date_time")  # fmt: skip
    return (
        bool(getattr(ws, "constant_memory", False))
        and all(hasattr(ws, n) for n in needed)
        and getattr(ws, "excel_version", None) == 2007
        and getattr(ws, "default_row_height", None) == getattr(ws, "original_row_height", 0)
    )


# What XlsxWriter rewrites in a string cell: &<> (XML), control characters and look-alikes of
# their _xHHHH_ escape; a text with none of these and no space at either end is written as is.
_SPECIAL = re.compile("[&<>\x00-\x08\x0b-\x1f\ufffe\uffff]|_x")
_REWRITTEN = re.compile("_x|[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_XML_SPECIAL = re.compile("[&<>]")


def _inline_text(value: str) -> str | None:
    """``<t>...</t>`` of a non-empty text as XlsxWriter writes it in an inline string cell (its
    ``_escape_control_characters``, then ``xml:space`` for edge spaces, then ``&<>``); None for
    a text it would write as rich text (``<r>...</r>``): that goes through its own call."""
    if _SPECIAL.search(value) is None and not value[0].isspace() and not value[-1].isspace():
        return f"<t>{value}</t>"
    if _REWRITTEN.search(value):
        value = XMLwriter._escape_control_characters(value)
    if value.startswith("<r>") and value.endswith("</r>"):
        return None
    space = ' xml:space="preserve"' if value[:1].isspace() or value[-1:].isspace() else ""
    if _XML_SPECIAL.search(value):
        value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f"<t{space}>{value}</t>"


def _groups(cols: Sequence[RollupColumn]) -> list[tuple[int, int, str]]:
    """Runs of adjacent columns sharing a group heading: (first, last, group)."""
    runs: list[tuple[int, int, str]] = []
    for index, col in enumerate(cols):
        if runs and col.group and runs[-1][2] == col.group:
            runs[-1] = (runs[-1][0], index, col.group)
        else:
            runs.append((index, index, col.group))
    return runs


def _write_value(
    ws: Worksheet,
    row: int,
    col: int,
    spec: RollupColumn,
    value: Any,
    f: _Formats,
    fill: str = "",
    total: bool = False,
) -> None:
    fmt = f.of(SEQ if spec.key == "seq" else spec.kind, fill, total)
    write_value(ws, row, col, shown(spec, value, total=total), fmt)


def shown(spec: RollupColumn, value: Any, *, total: bool = False) -> Any:
    """What a roll-up cell shows: blank for nothing, ``x`` for a used channel, else the value."""
    if value is None or value == "" or value is False:
        return None
    if spec.kind == CellKind.MARK and not total:
        return "x"
    return value


# --- Tình trạng nộp ------------------------------------------------------------------------------


def lapsed_title(previous: PreviousYear) -> str:
    year = f"năm {previous.year}" if previous.year else "năm trước"
    among = (
        f" (chỉ các trường trong danh sách năm nay có ở tệp tổng hợp của «{previous.former}»)"
        if previous.former
        else ""
    )
    return f"C. Các trường đã nộp báo cáo {year}, năm nay chưa nộp{among}"


def status_sections(rollup: Rollup) -> list[tuple[str, Sequence[StatusEntry]]]:
    """The tracker's sections, (title, entries): by school, by file and, when compared with last
    year's roll-up, the schools that stopped reporting."""
    sections: list[tuple[str, Sequence[StatusEntry]]] = [
        (SCHOOLS_SECTION, rollup.schools),
        (FILES_SECTION, rollup.files),
    ]
    if rollup.previous is not None:
        sections.append((lapsed_title(rollup.previous), rollup.previous.lapsed))
    return sections


def _write_status(ws: Worksheet, rollup: Rollup, f: _Formats, unit: str) -> None:
    cols = STATUS_COLUMNS
    for index, col in enumerate(cols):
        ws.set_column(index, index, col.width)
    ws.write_string(STATUS.title, 0, status_heading(rollup), f.title)
    note = (f"{unit}. " if unit else "") + summary_line(rollup)
    ws.set_row(STATUS.note, 15 * (1 + len(note) // sum(c.width for c in cols)))
    ws.merge_range(STATUS.note, 0, STATUS.note, len(cols) - 1, note, f.note_wrap)
    sections = status_sections(rollup)
    row = STATUS.first_entry
    starts = STATUS.sections([len(e) for _, e in sections])
    for at, ((title, entries), start) in enumerate(zip(sections, starts, strict=True)):
        ws.write_string(start, 0, title, f.section)
        row = _status_table(ws, start + 1, entries, f, last=at == len(sections) - 1)
    ws.freeze_panes(STATUS.first_entry, 0)
    ws.set_paper(9)
    ws.set_landscape()
    ws.set_margins(left=0.3, right=0.3, top=0.5, bottom=0.5)
    ws.fit_to_pages(1, 0)
    ws.print_area(0, 0, row, len(cols) - 1)
    ws.set_footer("&CTrang &P/&N")


def _status_table(
    ws: Worksheet, row: int, entries: Sequence[StatusEntry], f: _Formats, *, last: bool = False
) -> int:
    """A section's heading row and entries; ``last``: the sheet's last section."""
    cols = STATUS_COLUMNS
    ws.set_row(row, 30)
    for index, col in enumerate(cols):
        ws.write_string(row, index, col.heading, f.head)
    row += 1
    if not entries:
        ws.merge_range(row, 0, row, len(cols) - 1, NO_ENTRIES, f.of("text"))
        return row + 1
    cells = _RowWriter(ws, cols, f)
    reason_col = next(c for c in cols if c.key == "reason")
    for seq, entry in enumerate(entries, start=1):
        values = entry.row(seq)
        longest = max(len(str(values.get("reason") or "")), 1)
        lines = min(8, -(-longest // int(reason_col.width * 1.2)))
        fill = STATUS_FILLS.get(entry.status, "")
        height = 15 * lines if lines > 1 else None
        cells.write(row, values, fill, height=height, ends_sheet=last and seq == len(entries))
        row += 1
    return row


# --- Biểu đồ -------------------------------------------------------------------------------------


def participation_table(
    rollup: Rollup,
) -> tuple[str, list[tuple[str, float | None, float | None]]]:
    """(what the rows are, [(label, staff rate, pupil rate)]) over the schools the totals count:
    by school, or by level when many; a rate is None where the school gave no total."""
    reported = [r for r in rollup.rows if counted(r)]  # what the totals count, nothing else
    if len(reported) <= CHART_SCHOOLS:
        return "Trường", [
            (str(r.get("school_name") or r.get("school_code")), r.get("staff_rate"),
             r.get("pupil_rate"))
            for r in reported
        ]  # fmt: skip
    sums: dict[str, list[int]] = {}
    for r in reported:
        acc = sums.setdefault(str(r.get("level") or "Khác"), [0, 0, 0, 0])
        for i, (part, whole) in enumerate((("staff_participants", "staff_total"),
                                           ("pupil_participants", "pupil_total"))):  # fmt: skip
            if r.get(part) is not None and r.get(whole):
                acc[2 * i] += r[part]
                acc[2 * i + 1] += r[whole]
    return "Cấp học", [
        (level, a[0] / a[1] if a[1] else None, a[2] / a[3] if a[3] else None)
        for level, a in sorted(sums.items())
    ]


def _write_charts(book: Workbook, ws: Worksheet, rollup: Rollup, f: _Formats) -> None:
    what, part = participation_table(rollup)
    channels = ranked(rollup.channel_counts, {c.code: c.heading for c in CHANNELS.choices})
    ws.set_column(0, 0, 34)
    ws.set_column(1, 2, 12)
    ws.set_column(4, 4, 24)
    ws.set_column(5, 5, 12)
    ws.write_string(0, 0, "SỐ LIỆU VẼ BIỂU ĐỒ", f.title)
    ws.write_string(1, 0, what, f.head)
    ws.write_string(1, 1, "Tỉ lệ CB-GV-NV tham gia", f.head)
    ws.write_string(1, 2, "Tỉ lệ HS/trẻ tham gia", f.head)
    ws.write_string(1, 4, "Kênh, hình thức", f.head)
    ws.write_string(1, 5, "Số trường sử dụng", f.head)
    ws.set_row(1, 45)
    below = 4 + max(len(part), len(channels))  # the charts go under the two small tables
    for i in range(max(len(part), len(channels))):
        row = 2 + i
        if i < len(part):
            label, staff, pupil = part[i]
            ws.write_string(row, 0, as_written(label), f.of("text"))
            for col, value in ((1, staff), (2, pupil)):
                if value is None:  # no total given: no bar, rather than a bar at 0%
                    ws.write_blank(row, col, None, f.of("rate"))
                else:
                    ws.write_number(row, col, value, f.of("rate"))
        if i < len(channels):
            ws.write_string(row, 4, as_written(channels[i][0]), f.of("text"))
            ws.write_number(row, 5, channels[i][1], f.of("int"))
    if part:
        chart = book.add_chart({"type": "bar"})
        last = 1 + len(part)
        for col, name in ((1, "CB-GV-NV"), (2, "Học sinh, trẻ")):
            chart.add_series({
                "name": name,
                "categories": [CHART_SHEET, 2, 0, last, 0],
                "values": [CHART_SHEET, 2, col, last, col],
                "data_labels": {"value": True, "num_format": "0%"},
            })  # fmt: skip
        chart.set_title({"name": f"Tỉ lệ tham gia theo {what.lower()}"})
        chart.set_x_axis(
            {"num_format": "0%", "min": 0, "max": 1, "major_gridlines": {"visible": True}}
        )
        chart.set_y_axis({"reverse": True})
        chart.set_legend({"position": "bottom"})
        height = max(300, 60 + 36 * len(part))
        chart.set_size({"width": 720, "height": height})
        ws.insert_chart(below, 0, chart)
        below += height // 20 + 2
    if channels:
        chart = book.add_chart({"type": "bar"})
        last = 1 + len(channels)
        chart.add_series({
            "name": "Số trường",
            "categories": [CHART_SHEET, 2, 4, last, 4],
            "values": [CHART_SHEET, 2, 5, last, 5],
            "data_labels": {"value": True},
            "fill": {"color": "#5B9BD5"},
        })  # fmt: skip
        chart.set_title({"name": "Số trường sử dụng mỗi kênh, hình thức"})
        chart.set_y_axis({"reverse": True})
        chart.set_x_axis({"min": 0, "major_gridlines": {"visible": True}})
        chart.set_legend({"none": True})
        chart.set_size({"width": 720, "height": max(300, 60 + 30 * len(channels))})
        ws.insert_chart(below, 0, chart)
    ws.set_paper(9)
    ws.set_margins(left=0.5, right=0.4, top=0.5, bottom=0.5)
    ws.fit_to_pages(1, 0)


# --- Reading a roll-up back (for the district report) --------------------------------------------


_ALL_COLUMNS = rollup_columns(True)


def _key_row(grid: Sequence[Sequence[Any]]) -> int | None:
    return next(
        (i for i, r in enumerate(grid) if len(r) and r[0] == "seq" and "school_code" in r), None
    )


def _values(cells: Sequence[Any], index: Mapping[str, int]) -> dict[str, Any]:
    """One table row of a grid, each value as its column's kind."""
    row: dict[str, Any] = {}
    for col in _ALL_COLUMNS:
        at = index.get(col.key)
        value = cells[at] if at is not None and at < len(cells) else None
        if value == "":
            value = None
        if col.kind == CellKind.MARK:
            value = True if value else None
        elif col.kind in (CellKind.INT, CellKind.CHANGE) and _whole(value):
            value = int(value)
        elif col.kind == CellKind.DATE and isinstance(value, dt.datetime):
            value = value.date()
        elif col.kind == CellKind.TEXT and value is not None:
            # A code Excel turned into a number (a sheet written without the text format)
            # reads back as 80512106, not 80512106.0.
            whole = isinstance(value, float) and value.is_integer()
            value = str(int(value)) if whole else str(value)
        row[col.key] = value
    return row


def _whole(value: Any) -> TypeGuard[float]:
    """A float holding a whole number (what Excel and calamine give back for ``12``)."""
    return isinstance(value, float) and value.is_integer()


def _index(header: Sequence[Any]) -> dict[str, int]:
    keys = list(header)
    return {c.key: keys.index(c.key) for c in _ALL_COLUMNS if c.key in keys}


def rows_from_grid(grid: Sequence[Sequence[Any]]) -> list[dict[str, Any]]:
    """The school rows of a ``Tổng hợp`` grid, found through the hidden key row."""
    key_row = _key_row(grid)
    if key_row is None:
        return []
    index = _index(grid[key_row])
    rows: list[dict[str, Any]] = []
    for cells in grid[key_row + TABLE.below_keys :]:
        if not cells or not isinstance(cells[0], (int, float)) or isinstance(cells[0], bool):
            break
        rows.append(_values(cells, index))
    return rows


def rollup_meta(grid: Sequence[Sequence[Any]]) -> dict[str, Any]:
    """``year``, ``unit``, ``managing_body``, ``previous_year`` of a ``Tổng hợp`` grid.

    A roll-up written before these were kept gives its year from the title and its unit from the
    line under it.
    """
    meta: dict[str, Any] = {}
    key_row = _key_row(grid)
    if key_row is not None:
        cells = list(grid[key_row])
        for at, cell in enumerate(cells[:-1]):
            if isinstance(cell, str) and cell.startswith(META_MARK):
                value = cells[at + 1]
                if isinstance(value, float) and value.is_integer():
                    value = int(value)
                meta[cell[len(META_MARK) :]] = None if value == "" else value
    if "year" not in meta and len(grid) > TABLE.title and grid[TABLE.title]:
        found = re.search(r"NĂM (\d{4})\s*$", str(grid[TABLE.title][0] or ""))
        meta["year"] = int(found.group(1)) if found else None
    if "unit" not in meta and len(grid) > TABLE.note and grid[TABLE.note]:
        note = str(grid[TABLE.note][0] or "")
        meta["unit"] = note.split(". Đã nộp:")[0] if ". Đã nộp:" in note else ""
    return meta


def previous_from_grid(grid: Sequence[Sequence[Any]]) -> PreviousYear | None:
    """Last year's totals kept in a compared roll-up's totals row; None if it was not compared.

    The schools that stopped reporting are in its tracker, not read back here.
    """
    meta = rollup_meta(grid)
    key_row = _key_row(grid)
    if key_row is None or "prev_sessions" not in grid[key_row]:
        return None
    index = _index(grid[key_row])
    at = key_row + TABLE.below_keys + len(rows_from_grid(grid))  # the totals row
    totals = _values(grid[at], index) if at < len(grid) else {}
    year, counted = meta.get("previous_year"), meta.get("previous_counted")
    former, shared = meta.get("previous_unit"), meta.get("previous_shared")
    return PreviousYear(
        year if isinstance(year, int) else None,
        {key: totals.get(f"prev_{key}") for key, _ in YOY_MEASURES},
        counted=counted if isinstance(counted, int) else None,
        former=former if isinstance(former, str) else "",
        shared=shared if isinstance(shared, int) else None,
    )
