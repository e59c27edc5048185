"""Parsing sheet grids into a Submission: the one path for files (python-calamine) and xlwings.

Every field is found by its key in the hidden column A, every table by its ``#table:`` marker and
its columns by their header text, never by a fixed address. Formula results are never read
(XlsxWriter stores 0 as their cached value). Pure: grids in, a Submission out.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from outreach_xl.core.choices import caseless
from outreach_xl.core.formats import nfc
from outreach_xl.core.memo import SHORT, remember
from outreach_xl.core.model import Cell, CellRef, Row, Submission, coerce, make_cell
from outreach_xl.errors import MissingPart, NotOurWorkbook, UnsupportedTemplate
from outreach_xl.schema import (
    DISTRICT,
    KEY_COL,
    LABEL_OFFSET,
    SCHOOL,
    TABLE_MARKER,
    VALUE_OFFSET,
    Kind,
    Sheet,
    Table,
    WorkbookSchema,
)

Grid = Sequence[Sequence[Any]]


SCHEMAS = {s.template_id: s for s in (SCHOOL, DISTRICT)}


@lru_cache(maxsize=1024)
def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA.

    The core's own, as it imports no workbook library; the xlsx layer uses ``xlsxwriter.utility``.
    """
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def column_index(letters: str) -> int:
    """A -> 0, Z -> 25, AA -> 26: ``column_letter`` read back.

    >>> column_index("AA"), column_letter(column_index("XFD"))
    (26, 'XFD')
    """
    index = 0
    for char in letters:
        index = index * 26 + ord(char) - 64
    return index - 1


def address(row: int, col: int) -> str:
    """Zero-based row and column to an A1 address."""
    return f"{column_letter(col)}{row + 1}"


def _key(value: Any) -> str:
    """A marker or header cell compared as written but for case and spacing (``caseless``)."""
    if not isinstance(value, str):
        return ""
    found = _KEYS.get(value)
    if found is None:
        found = caseless(value)
        if len(value) <= _KEPT_CHARS:
            remember(_KEYS, value, found, _KEPT)
    return found


# Every workbook of a merge has the same headings and markers: each is made a key once. Bounded
# in entries and in the length of a value.
_KEYS: dict[str, str] = {}
_KEPT = 4096
_KEPT_CHARS = 200


def _at(grid: Grid, row: int, col: int) -> Any:
    if row >= len(grid):
        return None
    cells = grid[row]
    return cells[col] if col < len(cells) else None


def template_of(grids: Mapping[str, Grid], source: str) -> tuple[WorkbookSchema, int]:
    """Which template (and version) a workbook was made from, from its hidden metadata sheet."""
    meta_name = SCHOOL.meta_sheet().name
    if meta_name not in grids:
        raise NotOurWorkbook(
            f"Tệp không phải mẫu báo cáo của outreach-xl (không có trang «{meta_name}»)",
            fix="Dùng tệp tạo bằng lệnh «outreach-xl new», hoặc chép số liệu sang mẫu đó",
            file=source,
        )
    meta = {_key(row[0]): row[1] for row in grids[meta_name] if len(row) >= 2 and _key(row[0])}
    template_id = str(meta.get("template_id") or "").strip()
    schema = SCHEMAS.get(template_id)
    if schema is None:
        raise NotOurWorkbook(
            f"Mẫu «{template_id or '(trống)'}» không phải mẫu của outreach-xl",
            fix="Dùng tệp tạo bằng lệnh «outreach-xl new»",
            file=source,
            sheet=meta_name,
        )
    version = meta.get("template_version")
    number = _version_number(version)
    if number is None or number < 1:
        raise UnsupportedTemplate(
            "Không xác định được phiên bản mẫu",
            fix="Dùng tệp tạo bằng lệnh «outreach-xl new»",
            file=source,
            sheet=meta_name,
            value=version,
        )
    if number > schema.version:
        raise UnsupportedTemplate(
            f"Tệp làm từ mẫu phiên bản {number}, mới hơn chương trình này "
            f"(hiểu đến phiên bản {schema.version})",
            fix="Cài phiên bản outreach-xl mới nhất (tệp cài đặt .whl mới, pip install --upgrade)",
            file=source,
            sheet=meta_name,
        )
    return schema, number


def _version_number(version: Any) -> int | None:
    """The template version as a whole number, or None (NaN, infinity, text, huge digit runs)."""
    if isinstance(version, bool):
        return None
    if isinstance(version, float):
        return int(version) if math.isfinite(version) and abs(version) < 2**31 else None
    if isinstance(version, int):
        return version
    if isinstance(version, str):
        text = version.strip()
        if text.isascii() and text.isdigit() and len(text) <= 9:
            return int(text)
    return None


def read_grids(
    grids: Mapping[str, Grid],
    source: str,
    expect: WorkbookSchema | None = SCHOOL,
    saved: dt.date | None = None,
) -> Submission:
    """Parse sheet grids (values from A1) into a Submission of the expected template
    (``saved``: the day the file was saved, see ``Submission``)."""
    grids = {nfc(name): grid for name, grid in grids.items()}
    schema, version = template_of(grids, source)
    if expect is not None and schema.template_id != expect.template_id:
        raise NotOurWorkbook(
            f"Đây là tệp «{schema.title}», không phải «{expect.title}»",
            fix="Chọn đúng tệp",
            file=source,
        )
    fields: dict[str, Cell] = {}
    tables: dict[str, tuple[Row, ...]] = {}
    for sheet in schema.input_sheets():
        grid = grids.get(sheet.name)
        if grid is None:
            raise MissingPart(
                f"Không có trang «{sheet.name}» (trang bị xóa hoặc đổi tên)",
                fix=f"Đặt lại tên trang đúng là «{sheet.name}» hoặc chép số liệu sang mẫu mới",
                file=source,
            )
        rows = _key_rows(grid)  # (once per sheet, for its fields and its table)
        fields.update(_read_fields(grid, sheet, source, version, rows))
        if sheet.table:
            tables[sheet.table.key] = _read_table(grid, sheet, sheet.table, source, rows)
    return Submission(source, schema.template_id, version, fields, tables, saved)


def _key_rows(grid: Grid) -> dict[str, int]:
    """Row index of every key in column A (first occurrence wins)."""
    found: dict[str, int] = {}
    for index, row in enumerate(grid):
        if row and isinstance(row[KEY_COL], str) and row[KEY_COL]:
            found.setdefault(row[KEY_COL].strip(), index)
    return found


def _read_fields(
    grid: Grid, sheet: Sheet, source: str, version: int, rows: dict[str, int]
) -> dict[str, Cell]:
    out: dict[str, Cell] = {}
    col = KEY_COL + VALUE_OFFSET + _inserted_before_labels(grid, sheet, rows)
    col += _inserted_before_values(grid, sheet, rows, col)
    refs = _refs(sheet.name, f"{column_letter(col)}:")
    cols = (col,)
    for spec in sheet.fields:
        index = rows.get(spec.key)
        if index is None and spec.since > version:  # made before the field existed: empty
            out[spec.key] = Cell(None, None, None)
            continue
        if index is None:
            raise MissingPart(
                f"Không tìm thấy dòng «{spec.label}» (dòng bị xóa hoặc cột A bị sửa)",
                fix="Chép số liệu sang mẫu mới tạo bằng «outreach-xl new»",
                file=source,
                sheet=sheet.name,
            )
        raw = _at(grid, index, col)
        ref = (refs.get(index) or _row_refs(refs, sheet.name, cols, index))[0]
        out[spec.key] = make_cell(raw, _coerce(_short_values(spec.kind), spec.kind, raw), ref)
    return out


# At most this many columns inserted between the keys (A) and the labels are looked for.
_MAX_INSERTED = 5


def _inserted_before_labels(grid: Grid, sheet: Sheet, rows: dict[str, int]) -> int:
    """How many columns a clerk inserted between the hidden keys and the labels of a sheet of
    fields (to write notes): the labels, and the values after them, stand that much further right.
    0 when the first field's label is in column B as the template writes it, or is not found."""
    first = next((spec for spec in sheet.fields if spec.key in rows), None)
    if first is None:
        return 0
    row = grid[rows[first.key]]
    label = caseless(first.label)
    for shift in range(_MAX_INSERTED + 1):
        at = KEY_COL + LABEL_OFFSET + shift
        cell = row[at] if at < len(row) else None
        if isinstance(cell, str) and caseless(cell.rstrip(" *")) == label:
            return shift
    return 0


def _inserted_before_values(grid: Grid, sheet: Sheet, rows: dict[str, int], col: int) -> int:
    """How many columns a clerk inserted between the labels and the values of a sheet of fields:
    the value column is empty in every field's row, the first column after it holding something
    in a field's row holds no field's help text, and the column after that holds them (the
    template's next column, moved as far). 0 otherwise, as for a sheet not filled in yet."""
    indices = [rows[spec.key] for spec in sheet.fields if spec.key in rows]
    helps = {caseless(spec.help) for spec in sheet.fields if spec.help}

    def filled(at: int) -> list[Any]:
        cells = (grid[i][at] if at < len(grid[i]) else None for i in indices)
        return [c for c in cells if c is not None and c != ""]

    def helped(at: int) -> bool:
        return any(isinstance(c, str) and caseless(c) in helps for c in filled(at))

    if filled(col):
        return 0
    for shift in range(1, _MAX_INSERTED + 1):
        if filled(col + shift):
            # the help texts moved as far too: a column inserted, not a value typed beside them
            return shift if not helped(col + shift) and helped(col + shift + 1) else 0
    return 0


def _read_table(
    grid: Grid, sheet: Sheet, table: Table, source: str, keys: dict[str, int]
) -> tuple[Row, ...]:
    marker = TABLE_MARKER + table.key
    header = keys.get(marker)
    if header is None:
        raise MissingPart(
            f"Không tìm thấy bảng «{table.title}»",
            fix="Chép số liệu sang mẫu mới tạo bằng «outreach-xl new»",
            file=source,
            sheet=sheet.name,
        )
    columns = _table_columns(grid[header], sheet, table, source, header)
    # Looked up once per table, not per cell: each column's key, kind, position and addresses.
    name = sheet.name
    names = tuple(columns)
    kinds = tuple(table.column(key).kind for key in names)
    memos = tuple(_short_values(kind) for kind in kinds)
    cols = tuple(columns.values())
    addresses = _refs(name, "".join(f"{column_letter(col)}:" for col in cols))
    reach = max(cols) + 1 if cols else 0
    rows: list[Row] = []
    for index in range(header + 1, len(grid)):
        line = grid[index]
        if len(line) >= reach:
            raws = [line[col] for col in cols]
        else:
            raws = [line[col] if col < len(line) else None for col in cols]
        for raw in raws:  # is_blank of each, inline: a table has many blank rows below it
            if raw is not None and not (isinstance(raw, str) and not raw.strip()):
                break
        else:
            continue
        refs = addresses.get(index) or _row_refs(addresses, name, cols, index)
        cells = {}
        for key, kind, memo, raw, ref in zip(names, kinds, memos, raws, refs, strict=True):
            if raw is None:
                value = None
            elif type(raw) is str and len(raw) <= _SHORT:  # _coerce, inline
                value = memo.get(raw, _UNSEEN)
                if value is _UNSEEN:
                    value = remember(memo, raw, coerce(kind, raw), _SHORT_KEPT)
            else:
                value = coerce(kind, raw)
            cells[key] = make_cell(raw, value, ref)
        rows.append(Row(cells, index + 1))
    return tuple(rows)


# The values of short texts, per kind, made once per merge rather than per file: the drop-down
# columns (groups, channels, kinds of follow-ups) and the school's own heading fields hold the
# same few texts in every workbook. Long texts (free writing, seldom the same) are not kept, and
# a kind's memo is forgotten when full. ``coerce`` depends on the kind and the text only.
_SHORT = SHORT
_SHORT_KEPT = 4096
_SHORT_VALUES: dict[Kind, dict[str, Any]] = {}
_UNSEEN = object()


def _short_values(kind: Kind) -> dict[str, Any]:
    """The memo of a kind's short texts (text -> ``coerce(kind, text)``)."""
    memo = _SHORT_VALUES.get(kind)
    if memo is None:
        memo = _SHORT_VALUES[kind] = {}
    return memo


def _coerce(memo: dict[str, Any], kind: Kind, raw: Any) -> Any:
    """``coerce(kind, raw)``, a short text's taken from the kind's memo (``_short_values``)."""
    if type(raw) is str and len(raw) <= _SHORT:
        value = memo.get(raw, _UNSEEN)
        if value is _UNSEEN:
            value = remember(memo, raw, coerce(kind, raw), _SHORT_KEPT)
        return value
    return coerce(kind, raw)


# The addresses of a row's cells, made once per sheet, columns and row and shared (a CellRef is
# frozen): a merge reads the same few hundred addresses in every workbook. Bounded in rows per
# sheet and columns (then made afresh), and in sheets and columns (then forgotten).
_REFS: dict[tuple[str, str], dict[int, tuple[CellRef, ...]]] = {}
_REFS_KEPT = 2048
_LAYOUTS_KEPT = 64


def _refs(sheet: str, columns: str) -> dict[int, tuple[CellRef, ...]]:
    """The addresses made so far in some columns of a sheet, by zero-based row."""
    found = _REFS.get((sheet, columns))
    if found is None:
        if len(_REFS) >= _LAYOUTS_KEPT:
            _REFS.clear()
        found = _REFS[(sheet, columns)] = {}
    return found


def _row_refs(
    refs: dict[int, tuple[CellRef, ...]], sheet: str, cols: Sequence[int], row: int
) -> tuple[CellRef, ...]:
    """The addresses of a row's cells in some columns, not made before."""
    made = tuple(CellRef(sheet, address(row, col)) for col in cols)
    if len(refs) < _REFS_KEPT:
        refs[row] = made
    return made


def _table_columns(
    header: Sequence[Any], sheet: Sheet, table: Table, source: str, row: int
) -> dict[str, int]:
    """Column index of each table column, found by its header text."""
    positions = {_key(v): i for i, v in enumerate(header) if i > KEY_COL and _key(v)}
    out: dict[str, int] = {}
    for col in table.columns:
        index = positions.get(_key(col.label))
        if index is None:
            raise MissingPart(
                f"Bảng «{table.title}» thiếu cột «{col.label}» (cột bị xóa hoặc đổi tiêu đề)",
                fix=f"Đặt lại tiêu đề cột là «{col.label}» ở dòng {row + 1}",
                file=source,
                sheet=sheet.name,
            )
        out[col.key] = index
    return out
