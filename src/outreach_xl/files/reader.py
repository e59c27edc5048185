"""Readers: a workbook file (python-calamine) or a dict of sheet grids (xlwings) into a Submission.

Both go through ``read_grids``, the one parsing path: every field is found by its key in the hidden
column A, every table by its ``#table:`` marker and its columns by their header text, never by a
fixed address. Formula results are never read (XlsxWriter stores 0 as their cached value).
"""

from __future__ import annotations

import html
import os
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from outreach_xl.core.model import Cell, CellRef, Row, Submission, coerce, is_blank
from outreach_xl.errors import (
    InputTooLarge,
    MissingPart,
    NotOurWorkbook,
    UnreadableFile,
    UnsupportedTemplate,
)
from outreach_xl.schema import (
    DISTRICT,
    KEY_COL,
    LIMITS,
    SCHOOL,
    TABLE_MARKER,
    VALUE_OFFSET,
    Sheet,
    Table,
    WorkbookSchema,
)

Grid = Sequence[Sequence[Any]]
SCHEMAS = {s.template_id: s for s in (SCHOOL, DISTRICT)}

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def address(row: int, col: int) -> str:
    """Zero-based row and column to an A1 address."""
    return f"{column_letter(col)}{row + 1}"


def _key(value: Any) -> str:
    """A marker or header cell compared loosely: NFC, trimmed, case-folded."""
    if not isinstance(value, str):
        return ""
    return " ".join(unicodedata.normalize("NFC", value).split()).casefold()


def _at(grid: Grid, row: int, col: int) -> Any:
    if row >= len(grid):
        return None
    cells = grid[row]
    return cells[col] if col < len(cells) else None


# --- From a file ---------------------------------------------------------------------------------


def _check_container(
    path: Path, sheets: set[str] | None = None
) -> dict[str, dict[tuple[int, int], str]]:
    """Refuse what is not a workbook, and hostile zips, before a parser spends memory on them.

    Returns the formula error cells (``#REF!``...) of each sheet, which calamine reads as empty.
    """
    if path.name.startswith("~$"):
        raise UnreadableFile(
            "Đây là tệp khóa tạm của Office (tạo ra khi tệp thật đang mở), không phải báo cáo",
            fix=f"Dùng tệp «{path.name[2:]}» thay cho tệp này",
            file=path.name,
        )
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
            if head.startswith(_OLE_MAGIC):
                head += handle.read(64 * 1024)
    except FileNotFoundError:
        raise UnreadableFile(
            "Không tìm thấy tệp", fix="Kiểm tra lại đường dẫn và tên tệp", file=path.name
        ) from None
    except OSError as exc:
        raise UnreadableFile(
            f"Không mở được tệp ({exc.strerror})",
            fix="Đóng tệp nếu đang mở ở chương trình khác, kiểm tra quyền đọc",
            file=path.name,
        ) from None
    if size > LIMITS.max_file_bytes:
        raise InputTooLarge(
            f"Tệp quá lớn ({size // (1024 * 1024)} MB, tối đa "
            f"{LIMITS.max_file_bytes // (1024 * 1024)} MB)",
            fix="Xóa bớt dữ liệu thừa hoặc chép số liệu sang mẫu mới",
            file=path.name,
        )
    if head.startswith(_OLE_MAGIC) and "EncryptedPackage".encode("utf-16-le") in head:
        raise UnreadableFile(
            "Tệp đã được đặt mật khẩu nên chương trình không đọc được",
            fix="Mở tệp trong Excel, vào Tệp > Thông tin > Bảo vệ sổ làm việc, xóa mật khẩu, "
            "lưu lại rồi gửi lại",
            file=path.name,
        )
    if head.startswith(_OLE_MAGIC):
        raise UnreadableFile(
            "Tệp là bảng tính Excel cũ (.xls), chương trình chỉ đọc .xlsx và .xlsm",
            fix="Mở tệp trong Excel, chọn Lưu thành dạng .xlsx hoặc .xlsm rồi gửi lại",
            file=path.name,
        )
    if not head.startswith(_ZIP_MAGIC):
        raise UnreadableFile(
            "Tệp không phải là bảng tính Excel (.xlsx, .xlsm)",
            fix="Gửi đúng tệp báo cáo tạo từ mẫu outreach-xl",
            file=path.name,
        )
    return _inspect_zip(path, sheets)


_SHEET_ENTRY = re.compile(rb'<sheet\b[^>]*?name="([^"]*)"[^>]*?r:id="([^"]*)"')
_REL_ENTRY = re.compile(rb'<Relationship\b[^>]*?Id="([^"]*)"[^>]*?Target="([^"]*)"')
_REL_ENTRY_REV = re.compile(rb'<Relationship\b[^>]*?Target="([^"]*)"[^>]*?Id="([^"]*)"')
_ERROR_CELL = re.compile(
    rb'<c r="([A-Z]+)(\d+)"[^>]*?t="e"[^>]*>(?:<f[^>]*?(?:/>|>.*?</f>))?<v>([^<]*)</v>'
)


def _unbomb(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    """Bound what inflating the parts would cost: total size and compression ratio."""
    total = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos) or 1
    if total > LIMITS.max_uncompressed_bytes or total > packed * LIMITS.max_zip_ratio + 2**20:
        raise InputTooLarge(
            f"Tệp giải nén ra quá lớn ({total // (1024 * 1024)} MB); có thể là tệp độc hại",
            fix="Không mở tệp này; đề nghị trường gửi lại tệp tạo từ mẫu",
            file=path.name,
        )


def _inspect_zip(
    path: Path, sheets: set[str] | None = None
) -> dict[str, dict[tuple[int, int], str]]:
    """Size caps, no DTDs (entity-expansion bombs), and the formula error cells of each sheet.

    Only the parts the parser will read are opened, each once: this runs for every file of a
    district merge.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            _unbomb(path, archive.infolist())
            names = set(archive.namelist())
            for shared in ("xl/sharedStrings.xml", "xl/styles.xml"):
                if shared in names:
                    with archive.open(shared) as part:
                        _refuse_dtd(path, part.read(4096))
            if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
                return {}
            return _error_cells(path, archive, names, sheets)
    except (zipfile.BadZipFile, OSError, EOFError, KeyError, zlib.error):
        raise UnreadableFile(
            "Tệp bị hỏng hoặc không đầy đủ (tải về chưa xong?)",
            fix="Nhờ người gửi gửi lại tệp, hoặc mở bằng Excel và lưu lại",
            file=path.name,
        ) from None


def _refuse_dtd(path: Path, start: bytes) -> None:
    """A DOCTYPE or ENTITY in a part's prolog is how entity-expansion bombs start."""
    if b"<!DOCTYPE" in start or b"<!ENTITY" in start:
        raise InputTooLarge(
            "Tệp có cấu trúc XML bất thường (khai báo DOCTYPE/ENTITY), có thể là tệp độc hại",
            fix="Không mở tệp này; đề nghị trường gửi lại tệp tạo từ mẫu",
            file=path.name,
        )


def _error_cells(
    path: Path, archive: zipfile.ZipFile, names: set[str], sheets: set[str] | None
) -> dict[str, dict[tuple[int, int], str]]:
    """Formula error values (``#REF!``) per sheet name: calamine returns them as empty text."""
    workbook = archive.read("xl/workbook.xml")
    rels_xml = archive.read("xl/_rels/workbook.xml.rels")
    _refuse_dtd(path, workbook[:4096])
    _refuse_dtd(path, rels_xml[:4096])
    targets = {rid: target for rid, target in _REL_ENTRY.findall(rels_xml)}
    targets.update({rid: target for target, rid in _REL_ENTRY_REV.findall(rels_xml)})
    found: dict[str, dict[tuple[int, int], str]] = {}
    for name, rid in _SHEET_ENTRY.findall(workbook):
        sheet = unicodedata.normalize("NFC", html.unescape(name.decode("utf-8", "replace")))
        if sheets is not None and sheet not in sheets:
            continue
        target = targets.get(rid, b"").decode("utf-8", "replace").lstrip("/")
        part = target if target.startswith("xl/") else f"xl/{target}"
        if part not in names:
            continue
        xml = archive.read(part)
        _refuse_dtd(path, xml[:4096])
        if b't="e"' in xml:
            found[sheet] = {
                (int(row) - 1, _column_index(col.decode())): value.decode("utf-8", "replace")
                for col, row, value in _ERROR_CELL.findall(xml)
            }
    return found


def _column_index(letters: str) -> int:
    """A -> 0, AA -> 26."""
    index = 0
    for char in letters:
        index = index * 26 + ord(char) - 64
    return index - 1


def _with_errors(grid: list[list[Any]], errors: dict[tuple[int, int], str]) -> list[list[Any]]:
    """Put formula error texts back where calamine left empty strings."""
    for (row, col), value in errors.items():
        if row < len(grid) and col < len(grid[row]):
            grid[row][col] = value
    return grid


def load_grids(
    path: str | os.PathLike[str], sheets: Sequence[str] | None = None
) -> dict[str, Grid]:
    """Every (or the named) sheet's values from A1, through python-calamine; input never written."""
    from python_calamine import CalamineWorkbook

    file = Path(path)
    wanted = None if sheets is None else {unicodedata.normalize("NFC", n) for n in sheets}
    error_cells = _check_container(file, wanted)
    try:
        book = CalamineWorkbook.from_path(str(file))
    except Exception as exc:  # calamine raises its own types for zip, XML and password trouble
        raise UnreadableFile(
            f"Không đọc được nội dung bảng tính ({type(exc).__name__})",
            fix="Mở tệp bằng Excel, lưu lại dạng .xlsx hoặc .xlsm rồi thử lại",
            file=file.name,
        ) from None
    try:
        names = [
            n
            for n in book.sheet_names
            if wanted is None or unicodedata.normalize("NFC", n) in wanted
        ]
        grids: dict[str, Grid] = {}
        for name in names:
            sheet = book.get_sheet_by_name(name)
            if sheet.total_height > LIMITS.max_rows:
                raise InputTooLarge(
                    f"Trang có quá nhiều dòng ({sheet.total_height}, tối đa {LIMITS.max_rows})",
                    fix="Xóa các dòng thừa ở cuối trang",
                    file=file.name,
                    sheet=name,
                )
            grid = sheet.to_python(skip_empty_area=False)
            nfc = unicodedata.normalize("NFC", name)
            grids[nfc] = _with_errors(grid, error_cells.get(nfc, {}))
        return grids
    except InputTooLarge:
        raise
    except Exception as exc:
        raise UnreadableFile(
            f"Không đọc được một trang của bảng tính ({type(exc).__name__})",
            fix="Mở tệp bằng Excel, lưu lại rồi thử lại",
            file=file.name,
        ) from None
    finally:
        book.close()


def read_file(path: str | os.PathLike[str], expect: WorkbookSchema | None = SCHOOL) -> Submission:
    """Read a workbook file made from one of our templates."""
    file = Path(path)
    try:
        sheets = expect.sheets_to_read() if expect is not None else None
        return read_grids(load_grids(file, sheets), file.name, expect)
    except (MissingPart, NotOurWorkbook, UnsupportedTemplate, InputTooLarge) as exc:
        raise exc.located(file.name) from None


# --- The one parsing path ------------------------------------------------------------------------


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
    number = int(version) if isinstance(version, (int, float)) else None
    if isinstance(version, str) and version.strip().isdigit():
        number = int(version.strip())
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


def read_grids(
    grids: Mapping[str, Grid], source: str, expect: WorkbookSchema | None = SCHOOL
) -> Submission:
    """Parse sheet grids (values from A1) into a Submission of the expected template."""
    grids = {unicodedata.normalize("NFC", name): grid for name, grid in grids.items()}
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
        fields.update(_read_fields(grid, sheet, source))
        if sheet.table:
            tables[sheet.table.key] = _read_table(grid, sheet, sheet.table, source)
    return Submission(source, schema.template_id, version, fields, tables)


def _key_rows(grid: Grid) -> dict[str, int]:
    """Row index of every key in column A (first occurrence wins)."""
    found: dict[str, int] = {}
    for index, row in enumerate(grid):
        if row and isinstance(row[KEY_COL], str) and row[KEY_COL]:
            found.setdefault(row[KEY_COL].strip(), index)
    return found


def _read_fields(grid: Grid, sheet: Sheet, source: str) -> dict[str, Cell]:
    rows = _key_rows(grid)
    out: dict[str, Cell] = {}
    col = KEY_COL + VALUE_OFFSET
    for spec in sheet.fields:
        index = rows.get(spec.key)
        if index is None:
            raise MissingPart(
                f"Không tìm thấy dòng «{spec.label}» (dòng bị xóa hoặc cột A bị sửa)",
                fix="Chép số liệu sang mẫu mới tạo bằng «outreach-xl new»",
                file=source,
                sheet=sheet.name,
            )
        raw = _at(grid, index, col)
        out[spec.key] = Cell(raw, coerce(spec.kind, raw), CellRef(sheet.name, address(index, col)))
    return out


def _read_table(grid: Grid, sheet: Sheet, table: Table, source: str) -> tuple[Row, ...]:
    marker = TABLE_MARKER + table.key
    header = _key_rows(grid).get(marker)
    if header is None:
        raise MissingPart(
            f"Không tìm thấy bảng «{table.title}»",
            fix="Chép số liệu sang mẫu mới tạo bằng «outreach-xl new»",
            file=source,
            sheet=sheet.name,
        )
    columns = _table_columns(grid[header], sheet, table, source, header)
    rows: list[Row] = []
    for index in range(header + 1, len(grid)):
        raws = {key: _at(grid, index, col) for key, col in columns.items()}
        if all(is_blank(v) for v in raws.values()):
            continue
        cells = {
            key: Cell(
                raw,
                coerce(table.column(key).kind, raw),
                CellRef(sheet.name, address(index, columns[key])),
            )
            for key, raw in raws.items()
        }
        rows.append(Row(cells, index + 1))
    return tuple(rows)


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
