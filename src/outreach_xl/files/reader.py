"""Reading a workbook file with python-calamine, behind a guard that inspects the container first.

The grids it loads go through ``core.parse.read_grids``, the one parsing path shared with the
xlwings buttons.
"""

from __future__ import annotations

import html
import os
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from outreach_xl.core.model import Submission
from outreach_xl.core.parse import Grid, read_grids
from outreach_xl.errors import (
    InputTooLarge,
    MissingPart,
    NotOurWorkbook,
    UnreadableFile,
    UnsupportedTemplate,
    os_reason,
)
from outreach_xl.schema import (
    LIMITS,
    SCHOOL,
    WorkbookSchema,
)

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"


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
    except IsADirectoryError:
        raise UnreadableFile(
            "Đây là một thư mục, không phải tệp báo cáo",
            fix="Chọn một tệp .xlsx hoặc .xlsm trong thư mục đó; tổng hợp cả thư mục thì dùng "
            "lệnh rollup",
            file=path.name,
        ) from None
    except OSError as exc:
        raise UnreadableFile(
            f"Không mở được tệp ({os_reason(exc)})",
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
    if not head.startswith(_ZIP_MAGIC) and path.suffix.lower() in _OTHER_DOCUMENTS:
        raise _not_a_workbook(path, _OTHER_DOCUMENTS[path.suffix.lower()])
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
            if "word/document.xml" in names:  # (an .ods, read by calamine, is welcome)
                raise _not_a_workbook(path, "văn bản Word")
            if "ppt/presentation.xml" in names:
                raise _not_a_workbook(path, "bài trình chiếu PowerPoint")
            if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
                return {}
            return _error_cells(path, archive, names, sheets)
    except (zipfile.BadZipFile, OSError, EOFError, KeyError, zlib.error):
        raise UnreadableFile(
            "Tệp bị hỏng hoặc không đầy đủ (tải về chưa xong?)",
            fix="Nhờ người gửi gửi lại tệp, hoặc mở bằng Excel và lưu lại",
            file=path.name,
        ) from None


# Documents a clerk may pick by mistake, by what they are: named as such, not as a bad workbook.
_OTHER_DOCUMENTS = {
    ".doc": "văn bản Word",
    ".docx": "văn bản Word",
    ".pdf": "tệp PDF",
    ".odt": "văn bản OpenDocument",
}


def _not_a_workbook(path: Path, what: str) -> UnreadableFile:
    return UnreadableFile(
        f"Tệp này là {what}, không phải bảng tính Excel của trường",
        fix="Chọn tệp Excel (.xlsx hoặc .xlsm) của trường; báo cáo Word được làm từ tệp Excel "
        "bằng nút «Tạo báo cáo Word» hoặc lệnh report",
        file=path.name,
    )


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
    except Exception:  # calamine raises its own types for zip, XML and password trouble
        raise UnreadableFile(
            "Không đọc được nội dung bảng tính (tệp hỏng, hoặc không phải tệp Excel)",
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
    except Exception:
        raise UnreadableFile(
            "Không đọc được một trang của bảng tính (tệp có thể đã hỏng)",
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
