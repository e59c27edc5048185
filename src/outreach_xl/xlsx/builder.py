"""The workbook builder: a schema (and optionally data) into an .xlsx/.xlsm, with XlsxWriter.

Output is byte-identical from run to run: fixed document dates, and XlsxWriter's fixed zip times.
Every string is written as text, never as a formula, so school text starting with ``=`` stays text.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_range_abs
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from outreach_xl import __version__
from outreach_xl.core.model import SchoolData, paragraphs
from outreach_xl.schema import (
    HELP_OFFSET,
    KEY_COL,
    LABEL_OFFSET,
    SCHOOL,
    TABLE_MARKER,
    VALUE_OFFSET,
    Column,
    Field,
    Kind,
    Sheet,
    Table,
    WorkbookSchema,
)
from outreach_xl.xlsx.guide import guide_lines

FIXED_DATE = dt.datetime(2025, 1, 1)
SPARE_ROWS = 3
BLANK_ROWS = 6
LABEL_WIDTH = 40
VALUE_WIDTH = 62
HELP_WIDTH = 42
INPUT_FILL = "#FFF2CC"
HEADER_FILL = "#DDEBF7"
MIN_DATE = dt.date(2000, 1, 1)
MAX_DATE = dt.date(2100, 12, 31)


@dataclass(frozen=True)
class Button:
    """A form button on the first sheet, bound to a VBA macro."""

    macro: str
    caption: str


class Formats:
    """The handful of cell formats every sheet shares."""

    def __init__(self, book: Workbook) -> None:
        base = {"font_name": "Times New Roman", "font_size": 12, "valign": "top"}
        self.title = book.add_format({**base, "bold": True, "font_size": 14})
        self.intro = book.add_format({**base, "italic": True})
        self.label = book.add_format({**base, "text_wrap": True, "border": 1})
        self.required = book.add_format({**base, "text_wrap": True, "border": 1, "bold": True})
        self.help = book.add_format(
            {**base, "italic": True, "font_color": "#595959", "text_wrap": True, "font_size": 10}
        )
        self.header = book.add_format(
            {**base, "bold": True, "bg_color": HEADER_FILL, "border": 1, "text_wrap": True}
        )
        self.key = book.add_format({"font_color": "#808080", "font_size": 8})
        unlocked = {**base, "locked": False, "bg_color": INPUT_FILL, "border": 1}
        self.input_text = book.add_format({**unlocked, "text_wrap": True, "num_format": "@"})
        self.input_int = book.add_format({**unlocked, "num_format": "0", "align": "left"})
        self.input_date = book.add_format({**unlocked, "num_format": "dd/mm/yyyy", "align": "left"})
        self.cell = book.add_format({**base, "text_wrap": True, "locked": False})
        self.guide = book.add_format({**base, "text_wrap": True})
        self.guide_head = book.add_format({**base, "bold": True})

    def input(self, kind: Kind) -> Any:
        if kind is Kind.INT:
            return self.input_int
        if kind is Kind.DATE:
            return self.input_date
        return self.input_text


def build_workbook(
    schema: WorkbookSchema = SCHOOL,
    data: SchoolData | None = None,
    *,
    vba_project: bytes | None = None,
    buttons: Sequence[Button] = (),
    xlwings_conf: Mapping[str, str] | None = None,
) -> bytes:
    """The bytes of a workbook for ``schema``, filled with ``data`` when given."""
    data = data or SchoolData()
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    book.set_properties(
        {"title": schema.title, "author": "outreach-xl", "created": FIXED_DATE, "comments": ""}
    )
    book.set_calc_mode("auto")
    formats = Formats(book)
    if vba_project is not None:
        book.add_vba_project(io.BytesIO(vba_project), is_stream=True)
        book.set_vba_name("ThisWorkbook")
    _define_lists(book, schema)
    for sheet in schema.sheets:
        ws = book.add_worksheet(sheet.name)
        if vba_project is not None:
            ws.set_vba_name(sheet.code_name)
        _write_sheet(book, ws, sheet, schema, data, formats, buttons)
    if xlwings_conf is not None:
        _write_xlwings_conf(book, xlwings_conf)
    book.worksheets()[0].activate()
    book.close()
    return buffer.getvalue()


def _write_sheet(
    book: Workbook,
    ws: Worksheet,
    sheet: Sheet,
    schema: WorkbookSchema,
    data: SchoolData,
    formats: Formats,
    buttons: Sequence[Button],
) -> None:
    if sheet.kind == "guide":
        _write_guide(ws, schema, formats, buttons)
    elif sheet.kind == "lists":
        _write_lists(ws, schema, formats)
    elif sheet.kind == "meta":
        _write_meta(ws, schema, formats)
    elif sheet.kind == "input":
        _write_input(ws, sheet, schema, data, formats)
    else:
        ws.write_string(0, 1, sheet.name, formats.title)
        ws.write_string(1, 1, "Trang này do nút «Tổng hợp các trường» điền.", formats.intro)
        ws.set_column(1, 1, 60)
    if sheet.hidden:
        ws.hide()


def _write_guide(
    ws: Worksheet, schema: WorkbookSchema, formats: Formats, buttons: Sequence[Button]
) -> None:
    """Title, the button row (rows 2-4), then numbered steps."""
    ws.set_column(0, 0, 3)
    ws.set_column(1, 1, 100)
    ws.write_string(0, 1, schema.sheets[0].title, formats.title)
    for index, button in enumerate(buttons):
        ws.insert_button(
            1,
            1,
            {
                "macro": button.macro,
                "caption": button.caption,
                "width": 190,
                "height": 34,
                "x_offset": 4 + index * 210,
                "y_offset": 6,
            },
        )
    ws.set_row(1, 48)
    row = 3
    for heading, line in guide_lines(schema, buttons=bool(buttons)):
        fmt = formats.guide_head if heading else formats.guide
        ws.write_string(row, 1, line, fmt)
        if not heading:
            ws.set_row(row, _height(line, 100))
        row += 1
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.protect("", {"objects": False})


def _write_lists(ws: Worksheet, schema: WorkbookSchema, formats: Formats) -> None:
    for col, lst in enumerate(schema.lists):
        ws.write_string(0, col, lst.title, formats.header)
        for row, label in enumerate(lst.labels(), start=1):
            ws.write_string(row, col, label)
        ws.set_column(col, col, 40)


def _define_lists(book: Workbook, schema: WorkbookSchema) -> None:
    """Defined names for the drop-down sources, so validations read ``=DS_HinhThuc``."""
    lists = next(s for s in schema.sheets if s.kind == "lists")
    for col, lst in enumerate(schema.lists):
        cells = xl_range_abs(1, col, len(lst.choices), col)  # $A$2:$A$<n + 1>
        book.define_name(lst.name, f"='{lists.name}'!{cells}")


def _write_meta(ws: Worksheet, schema: WorkbookSchema, formats: Formats) -> None:
    rows = (
        ("template_id", schema.template_id),
        ("template_version", schema.version),
        ("generator", f"outreach-xl {__version__}"),
    )
    for index, (key, value) in enumerate(rows):
        ws.write_string(index, 0, key)
        if isinstance(value, int):
            ws.write_number(index, 1, value)
        else:
            ws.write_string(index, 1, value)
    ws.set_column(0, 1, 24)


def _write_xlwings_conf(book: Workbook, conf: Mapping[str, str]) -> None:
    """xlwings reads its settings from a sheet of this exact name: key in A, value in B."""
    ws = book.add_worksheet("xlwings.conf")
    for index, (key, value) in enumerate(conf.items()):
        ws.write_string(index, 0, key)
        ws.write_string(index, 1, value)
    ws.set_column(0, 1, 30)
    ws.hide()


def _write_input(
    ws: Worksheet, sheet: Sheet, schema: WorkbookSchema, data: SchoolData, formats: Formats
) -> None:
    value_col = KEY_COL + VALUE_OFFSET
    widths = {KEY_COL + LABEL_OFFSET: LABEL_WIDTH, value_col: VALUE_WIDTH}
    if sheet.fields:
        widths[KEY_COL + HELP_OFFSET] = HELP_WIDTH
    if sheet.table:
        for offset, column in enumerate(sheet.table.columns, start=KEY_COL + 1):
            widths[offset] = max(widths.get(offset, 0), column.width)
    ws.set_column(KEY_COL, KEY_COL, 12, formats.key, {"hidden": True})
    for col, width in widths.items():
        ws.set_column(col, col, width)
    ws.write_string(0, 1, sheet.title, formats.title)
    if sheet.intro:
        ws.write_string(1, 1, sheet.intro, formats.intro)
    row = 3
    for spec in sheet.fields:
        _write_field(ws, row, spec, schema, data.values.get(spec.key), formats)
        row += 1
    if sheet.table:
        row += 1 if sheet.fields else 0
        _write_table(ws, row, sheet.table, schema, data.tables.get(sheet.table.key, []), formats)
    ws.freeze_panes(3 if sheet.fields else 0, 0)
    ws.set_paper(9)
    ws.set_margins(left=0.5, right=0.4, top=0.6, bottom=0.6)
    ws.fit_to_pages(1, 0)
    if sum(widths.values()) > 130:
        ws.set_landscape()
    ws.print_area(0, 1, max(row + 200, 60), max(widths))
    ws.repeat_rows(0)


def _write_field(
    ws: Worksheet, row: int, spec: Field, schema: WorkbookSchema, value: Any, formats: Formats
) -> None:
    label_col = KEY_COL + LABEL_OFFSET
    value_col = KEY_COL + VALUE_OFFSET
    ws.write_string(row, KEY_COL, spec.key, formats.key)
    label = f"{spec.label} *" if spec.required else spec.label
    ws.write_string(row, label_col, label, formats.required if spec.required else formats.label)
    write_value(ws, row, value_col, value, formats.input(spec.kind))
    if spec.help:
        ws.write_string(row, KEY_COL + HELP_OFFSET, spec.help, formats.help)
    validation = _validation(spec, schema)
    if validation:
        ws.data_validation(row, value_col, row, value_col, validation)
    lines = max(
        spec.width_hint,
        _lines(str(value) if value is not None else "", VALUE_WIDTH),
        _lines(spec.help, HELP_WIDTH, size=10),
        _lines(label, LABEL_WIDTH),
    )
    if lines > 1:
        ws.set_row(row, 15.75 * lines)


def _write_table(
    ws: Worksheet,
    row: int,
    table: Table,
    schema: WorkbookSchema,
    records: Sequence[Mapping[str, Any]],
    formats: Formats,
) -> None:
    """Title, then an Excel table whose header row carries the ``#table:`` marker in column A."""
    first_col = KEY_COL + 1
    last_col = first_col + len(table.columns) - 1
    ws.write_string(row, first_col, table.title, formats.guide_head)
    header = row + 1
    ws.write_string(header, KEY_COL, TABLE_MARKER + table.key, formats.key)
    count = len(records) + SPARE_ROWS if records else BLANK_ROWS
    last = header + count
    ws.add_table(
        header,
        first_col,
        last,
        last_col,
        {
            "name": table.name,
            "style": "Table Style Light 9",
            "autofilter": False,
            "columns": [
                {"header": col.label, "header_format": formats.header} for col in table.columns
            ],
        },
    )
    for offset, col in enumerate(table.columns):
        col_index = first_col + offset
        for index in range(count):
            value = records[index].get(col.key) if index < len(records) else None
            write_value(ws, header + 1 + index, col_index, value, formats.input(col.kind))
        validation = _validation(col, schema)
        if validation:
            ws.data_validation(header + 1, col_index, last, col_index, validation)
    for index, record in enumerate(records):
        lines = max(_lines(str(record.get(col.key) or ""), col.width) for col in table.columns)
        if lines > 1:
            ws.set_row(header + 1 + index, 15.75 * lines)


def write_value(ws: Worksheet, row: int, col: int, value: Any, fmt: Any) -> None:
    """A cell by its Python type; text always as text, so '=...' never becomes a formula."""
    if value is None or value == "":
        ws.write_blank(row, col, None, fmt)
    elif isinstance(value, dt.date):
        ws.write_datetime(row, col, dt.datetime(value.year, value.month, value.day), fmt)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        ws.write_number(row, col, value, fmt)
    else:
        ws.write_string(row, col, as_written(str(value)), fmt)


def as_written(text: str) -> str:
    """What to hand XlsxWriter for a cell to show exactly ``text``.

    XlsxWriter takes a text that starts with ``<r>`` and ends with ``</r>`` for rich-text markup
    and writes it unescaped: a school named ``<r>A&B</r>`` made a workbook no program opens. Such
    a text goes in as one run of itself, escaped.

    >>> as_written("<r>A&B</r>")
    '<r><t xml:space="preserve">&lt;r&gt;A&amp;B&lt;/r&gt;</t></r>'
    """
    if text.startswith("<r>") and text.endswith("</r>"):
        escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return f'<r><t xml:space="preserve">{escaped}</t></r>'
    return text


DATE_LOOK = "Gõ xong, xem lại ô: ngày và tháng bị đảo thì gõ dạng năm-tháng-ngày (2021-01-05)."
DATE_KEPT = (
    "Máy này có thể đặt ngày kiểu Mỹ (tháng/ngày/năm). Bấm Yes (Có) để giữ: chương trình vẫn "
    "đọc đúng ngày/tháng/năm. Hoặc bấm No (Không) rồi gõ dạng năm-tháng-ngày, ví dụ 2021-01-05."
)


def _validation(spec: Field | Column, schema: WorkbookSchema) -> dict[str, Any] | None:
    """Excel data validation for a field or column, with Vietnamese prompt and error texts."""
    title = spec.label[:32]
    prompt = (spec.help or spec.label)[:255]
    if spec.kind is Kind.CHOICE and spec.choices:
        lst = schema.choice_list(spec.choices)
        return {
            "validate": "list",
            "source": f"={lst.name}",
            "input_title": title,
            "input_message": (spec.help or "Chọn trong danh sách.")[:255],
            "error_title": "Giá trị không có trong danh sách",
            "error_message": (
                f"Hãy chọn một mục của danh sách «{lst.title}»."
                if lst.strict
                else f"Giá trị này không có trong danh sách «{lst.title}»; "
                "nếu giữ lại, khi tổng hợp sẽ được tính là «Khác»."
            )[:255],
            "error_type": "stop" if lst.strict else "warning",
        }
    if spec.kind is Kind.INT:
        low = spec.min if spec.min is not None else -(10**9)
        high = spec.max if spec.max is not None else 10**9
        return {
            "validate": "integer",
            "criteria": "between",
            "minimum": low,
            "maximum": high,
            "input_title": title,
            "input_message": prompt,
            "error_title": "Cần một số nguyên",
            "error_message": f"Nhập một số nguyên từ {low} đến {high}, không có chữ."[:255],
        }
    if spec.kind is Kind.DATE:
        # An Excel set to US dates keeps 20/12/2025 as text and reads 05/01/2021 as 1 May: the
        # text is let through (the reader reads it day first), and the clerk told to look.
        return {
            "validate": "date",
            "criteria": "between",
            "minimum": MIN_DATE,
            "maximum": MAX_DATE,
            "input_title": title,
            "input_message": f"{prompt} {DATE_LOOK}"[:255],
            "error_title": "Excel chưa hiểu đây là ngày",
            "error_message": DATE_KEPT,
            "error_type": "warning",
        }
    if spec.help:
        return {"validate": "any", "input_title": title, "input_message": prompt}
    return None


def _lines(text: str, width: int, size: int = 12) -> int:
    """Rough count of wrapped lines a text needs in a column of ``width`` characters."""
    if not text:
        return 1
    chars = max(8, int(width * 1.1 * 12 / size))
    return sum(max(1, math.ceil(len(p) / chars)) for p in (paragraphs(text) or [""]))


def _height(text: str, width: int) -> float:
    return 15.75 * _lines(text, width)
