"""Reading a workbook file behind a guard that inspects the container first: by our own cell
reader (``files.cells``) when the guard vouches for every part of it, by python-calamine otherwise.

The grids it loads go through ``core.parse.read_grids``, the one parsing path shared with the
xlwings buttons.
"""

from __future__ import annotations

import datetime as dt
import errno
import html
import io
import os
import re
import stat
import sys
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from dataclasses import field as dc_field
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

from outreach_xl.core.formats import nfc, thousands
from outreach_xl.core.model import Submission
from outreach_xl.core.parse import Grid, column_index, column_letter, read_grids
from outreach_xl.errors import (
    InputTooLarge,
    MissingPart,
    NotOurWorkbook,
    OutreachError,
    OwnOutput,
    UnreadableFile,
    UnsupportedTemplate,
    os_reason,
)
from outreach_xl.files.cells import Book, Declined, Sheet
from outreach_xl.files.plainzip import NotPlain, PlainZip
from outreach_xl.schema import (
    LIMITS,
    META_SHEET,
    SCHOOL,
    WorkbookSchema,
)

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"


# --- From a file ---------------------------------------------------------------------------------
#
# Before a file's cells are read, a guard reads the parts python-calamine would parse and bounds
# what calamine would allocate from them. calamine (0.9) allocates from two things a file declares:
# the position of every cell that holds a value (the grid spans the furthest one: a value at
# XFD1048576 or C99999999999 asks for hundreds of GB and aborts the process) and the shared
# strings' ``uniqueCount`` (its capacity: 2**32-1 aborts, 2**64-1 panics). Dimensions, other counts,
# merged ranges, empty formatted cells and rows without cells allocate nothing (checked against
# 0.9.1). calamine refuses a part larger than its declared size, and reads only the package and
# workbook relationships, the workbook, shared strings, styles and the sheets asked for.
#
# The guard reads the file once, whole (it is at most ``LIMITS.max_file_bytes``). A zip laid out
# the way spreadsheet programs write one is read directly (``files.plainzip``: the central
# directory parsed with struct, each part inflated with zlib, its size and CRC-32 checked); any
# other zip, or one whose parts do not check out, is read through Python's zipfile as before, which
# refuses it as damaged or reads it. Then one linear pass over each of those parts:
# - inflates each with a running cap (never trusting the sizes the zip declares);
# - checks every cell reference is written the way every spreadsheet program writes it
#   (``<c r="B12"``), and finds cells beyond ``LIMITS.max_rows`` / ``max_cols``: a value below the
#   last row is refused, anything to the right (or an empty cell below) is dropped from a copy;
# - drops a ``uniqueCount`` larger than the part could hold;
# - finds formula error cells (``#REF!``), which calamine returns as empty.
# For a zip read directly, the pass over each sheet is our own cell reader's (``files.cells``): it
# reads the values as it goes, and stands for the checks above only where it is sure they would
# find nothing (every cell of the sheet a plain one in ``<sheetData>``, in the rows and columns
# read, none prefixed); on any doubt the sheet gets the checks above and the file is read by
# calamine. So a file every sheet of which the cell reader read is never handed to calamine.
# A file whose shape the guard cannot vouch for (another package layout, cells written another
# way, UTF-16 parts, .ods, .xlsb) is read in a child process with bounded memory and time instead.


# One pass over a clean sheet: any ``c`` element (not ``<col``, ``<cfRule``...) other than one in
# columns A-Z and rows 1-999 written ``<c r="B12"``, and any prefixed one (``<x:c``), sends the
# sheet to the exact checks below. Templates filled in by hand never get there.
_SUSPECT_CELL = re.compile(rb'<c(?![\w.:-])(?! r="[A-Z][0-9]{1,3}")')
_PREFIXED_CELL = re.compile(rb":c[\s/>]")
# A ``c`` element not written ``<c r="B12"``: the guard cannot place it.
_ODD_CELL = re.compile(rb'<c(?![\w.:-])(?! r="[A-Z]+[0-9]+")')
_CANONICAL_CELL = b'<c r="'
_SMALLEST_CELL = len(b'<c r="A1"/>')
_CELL_TAG = re.compile(rb'<c r="([A-Z]+)([0-9]+)"([^>]*)>')
_UNIQUE_COUNT = re.compile(rb'\suniqueCount\s*=\s*["\']\s*([0-9]*)\s*["\']')
_OFFICE_DOCUMENT = re.compile(rb"/officeDocument[\"']")
_STANDARD_ROOT = re.compile(
    rb'<Relationship\b(?=[^>]*\bTarget="/?xl/workbook\.xml")[^>]*/officeDocument"[^>]*>'
)


def _possibly_stray() -> re.Pattern[bytes]:
    """A cell reference that may lie beyond the last row or column a reader keeps (then checked
    exactly): as many letters as the last column, or as many digits as the last row."""
    letters = len(column_letter(LIMITS.max_cols - 1))
    digits = len(str(LIMITS.max_rows))
    return re.compile(rb'<c r="(?:[A-Z]{%d,}|[A-Z]+[0-9]{%d,})' % (letters, digits))


_POSSIBLY_STRAY = _possibly_stray()


@dataclass
class _Guarded:
    """What the guard found: error cells per sheet, parts to hand calamine instead of the file's
    (a copy with stray cells dropped), or why it cannot vouch for the file; and, when it read
    the zip the plain way, every part it inflated whole (for our own cell reader) and the zip's
    part names."""

    error_cells: dict[str, dict[tuple[int, int], str]] = dc_field(default_factory=dict)
    replaced: dict[str, bytes] = dc_field(default_factory=dict)
    parts: dict[str, bytes] = dc_field(default_factory=dict)
    unsure: str = ""
    grids: dict[str, Grid] | None = None


def _damaged(path: Path) -> UnreadableFile:
    return UnreadableFile(
        "Tệp bị hỏng hoặc không đầy đủ (tải về chưa xong?)",
        fix="Nhờ người gửi gửi lại tệp, hoặc mở bằng Excel và lưu lại",
        file=path.name,
    )


def _odd(path: Path, what: str) -> UnreadableFile:
    return UnreadableFile(
        f"Tệp có cấu trúc bất thường ({what}), không phải tệp Excel lưu bình thường",
        fix="Mở tệp bằng Excel, lưu lại dạng .xlsx hoặc .xlsm rồi gửi lại",
        file=path.name,
    )


def _open_regular(path: Path) -> tuple[int, bytes]:
    """(size, contents) of a regular file, the contents read whole unless the size is over
    ``LIMITS.max_file_bytes`` (then none; never more than one byte over it if the file grows);
    anything else (a folder, a pipe, a device, a broken link) is refused before it is opened, and
    the file is opened without blocking."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise UnreadableFile(
                "Đây là liên kết (shortcut) trỏ tới một tệp không còn tồn tại",
                fix="Chép tệp thật vào thư mục thay cho liên kết",
                file=path.name,
            ) from None
        raise UnreadableFile(
            "Không tìm thấy tệp", fix="Kiểm tra lại đường dẫn và tên tệp", file=path.name
        ) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnreadableFile(
                "Đây là liên kết (shortcut) vòng quanh, không trỏ tới tệp nào",
                fix="Xóa liên kết và chép tệp thật vào thư mục",
                file=path.name,
            ) from None
        raise _cannot_open(path, exc) from None
    if not stat.S_ISREG(info.st_mode):
        raise _not_regular(path, info.st_mode)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise _cannot_open(path, exc) from None
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):  # swapped for something else since the check
            raise _not_regular(path, opened.st_mode)
        if opened.st_size > LIMITS.max_file_bytes:
            return opened.st_size, b""
        chunks = []
        left = LIMITS.max_file_bytes + 1
        while left > 0:  # one read as a rule: more only if the file grew since its size was taken
            ask = min(left, opened.st_size + 1)
            chunks.append(os.read(fd, ask))
            left -= len(chunks[-1])
            if len(chunks[-1]) < ask:  # a regular file's end
                break
        data = b"".join(chunks)
        return max(opened.st_size, len(data)), data
    except OSError as exc:
        raise _cannot_open(path, exc) from None
    finally:
        os.close(fd)


def _cannot_open(path: Path, exc: OSError) -> UnreadableFile:
    return UnreadableFile(
        f"Không mở được tệp ({os_reason(exc)})",
        fix="Đóng tệp nếu đang mở ở chương trình khác, kiểm tra quyền đọc",
        file=path.name,
    )


def _not_regular(path: Path, mode: int) -> UnreadableFile:
    if stat.S_ISDIR(mode):
        return UnreadableFile(
            "Đây là một thư mục, không phải tệp báo cáo",
            fix="Chọn một tệp .xlsx hoặc .xlsm trong thư mục đó; tổng hợp cả thư mục thì dùng "
            "lệnh rollup",
            file=path.name,
        )
    what = "một tệp đặc biệt của hệ thống (pipe, thiết bị)"
    return UnreadableFile(
        f"Đây là {what}, không phải tệp bảng tính",
        fix="Chọn đúng tệp .xlsx hoặc .xlsm của trường",
        file=path.name,
    )


def _check_container(path: Path, sheets: set[str] | None = None) -> _Guarded:
    """Refuse what is not a workbook, and hostile zips, before a parser spends memory on them."""
    if path.name.startswith("~$"):
        raise UnreadableFile(
            "Đây là tệp khóa tạm của Office (tạo ra khi tệp thật đang mở), không phải báo cáo",
            fix=f"Dùng tệp «{path.name[2:]}» thay cho tệp này",
            file=path.name,
        )
    size, data = _open_regular(path)
    if size > LIMITS.max_file_bytes:
        raise InputTooLarge(
            f"Tệp quá lớn ({size // (1024 * 1024)} MB, tối đa "
            f"{LIMITS.max_file_bytes // (1024 * 1024)} MB)",
            fix="Xóa bớt dữ liệu thừa hoặc chép số liệu sang mẫu mới",
            file=path.name,
        )
    head = data[: 8 + 64 * 1024] if data.startswith(_OLE_MAGIC) else data[:8]
    if head.startswith(_OLE_MAGIC) and "EncryptedPackage".encode("utf-16-le") in head:
        raise UnreadableFile(
            "Tệp đã được đặt mật khẩu nên chương trình không đọc được",
            fix="Mở tệp trong Excel, vào Tệp > Thông tin > Bảo vệ sổ làm việc, xóa mật khẩu, "
            "lưu lại rồi gửi lại",
            file=path.name,
        )
    if head.startswith(_OLE_MAGIC):  # saved as .xls (Excel 97-2003) for an older Office
        return _Guarded(unsure="bảng tính Excel cũ dạng .xls")
    if path.suffix.lower() in _ARCHIVES:  # (a merge reads the workbooks inside a .zip)
        raise UnreadableFile(
            "Tệp này là tệp nén, không phải bảng tính Excel",
            fix="Giải nén rồi chọn tệp Excel (.xlsx hoặc .xlsm) của trường ở bên trong",
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
    return _inspect_zip(path, data, sheets)


_SHEET_ENTRY = re.compile(rb'<sheet\b[^>]*?name="([^"]*)"[^>]*?r:id="([^"]*)"')
_REL_ENTRY = re.compile(rb'<Relationship\b[^>]*?Id="([^"]*)"[^>]*?Target="([^"]*)"')
_REL_ENTRY_REV = re.compile(rb'<Relationship\b[^>]*?Target="([^"]*)"[^>]*?Id="([^"]*)"')
_REL_TARGET = re.compile(rb'Target="([^"]*)"')
_SHARED = "xl/sharedStrings.xml"
_STYLES = "xl/styles.xml"
# Our roll-up workbook: these sheets and no template metadata (a district workbook has both).
_ROLLUP_SHEETS = {"Tổng hợp", "Tình trạng nộp"}
META = META_SHEET.name


def _unbomb(path: Path, sizes: list[tuple[int, int]]) -> None:
    """Bound what the zip declares inflating its parts (size, packed size) would cost: total size
    and ratio."""
    total = sum(size for size, _ in sizes)
    packed = sum(packed for _, packed in sizes) or 1
    if total > LIMITS.max_uncompressed_bytes or total > packed * LIMITS.max_zip_ratio + 2**20:
        raise _bomb(path, total)


def _bomb(path: Path, total: int) -> InputTooLarge:
    return InputTooLarge(
        f"Tệp giải nén ra quá lớn ({total // (1024 * 1024)} MB); có thể là tệp độc hại",
        fix="Không mở tệp này; đề nghị trường gửi lại tệp tạo từ mẫu",
        file=path.name,
    )


def _inflate(path: Path, archive: zipfile.ZipFile, name: str) -> bytes:
    """One part, inflated with a running cap: never more than it declares (a part that holds
    more fails its checksum), and never more than ``LIMITS.max_part_bytes``."""
    info = archive.getinfo(name)
    cap = min(info.file_size, LIMITS.max_part_bytes)
    if info.file_size > LIMITS.max_part_bytes:
        raise _bomb(path, info.file_size)
    with archive.open(info) as part:
        data = part.read(cap + 1)  # zipfile inflates at most what read() asks for
        if len(data) > cap:
            raise _bomb(path, len(data))
    return data


class _Parts(Protocol):
    """The parts of a zip as the guard reads them."""

    sizes: list[tuple[int, int]]  # (size, packed size) of every entry
    names: set[str]
    duplicates: bool  # two entries of the same name
    inflated: dict[str, bytes]  # every part read whole so far (the plain way only)

    def size(self, name: str) -> int:
        """The size a part declares."""

    def read(self, name: str) -> bytes:
        """A whole part, inflated with a running cap (``_bomb`` past ``LIMITS.max_part_bytes``)."""

    def head(self, name: str) -> bytes:
        """The first 4,096 bytes of a part."""


class _PlainParts:
    """The parts of a plain zip (``files.plainzip``), each inflated once and kept."""

    def __init__(self, path: Path, package: PlainZip) -> None:
        self.path, self.package = path, package
        self.sizes = [(size, packed) for _, _, packed, size, _ in package.entries.values()]
        self.names = set(package.entries)
        self.duplicates = False
        self.inflated: dict[str, bytes] = {}

    def size(self, name: str) -> int:
        return self.package.size(name)

    def read(self, name: str) -> bytes:
        data = self.inflated.get(name)
        if data is None:
            size = self.package.size(name)
            if size > LIMITS.max_part_bytes:
                raise _bomb(self.path, size)
            data = self.inflated[name] = self.package.inflate(name)
        return data

    def head(self, name: str) -> bytes:
        return self.read(name)[:4096]


class _ZipfileParts:
    """The parts of any zip Python's zipfile reads, read through it as they are asked for."""

    def __init__(self, path: Path, archive: zipfile.ZipFile) -> None:
        self.path, self.archive = path, archive
        infos = archive.infolist()
        self.sizes = [(info.file_size, info.compress_size) for info in infos]
        self.names = {info.filename for info in infos}
        self.duplicates = len(self.names) != len(infos)
        self.inflated: dict[str, bytes] = {}  # none kept: python-calamine reads these files

    def size(self, name: str) -> int:
        return self.archive.getinfo(name).file_size

    def read(self, name: str) -> bytes:
        return _inflate(self.path, self.archive, name)

    def head(self, name: str) -> bytes:
        with self.archive.open(name) as stream:
            return stream.read(4096)


def _inspect_zip(path: Path, data: bytes, sheets: set[str] | None = None) -> _Guarded:
    """Size caps, no DTDs (entity-expansion bombs), cell positions, shared string counts and the
    formula error cells of each sheet.

    Only the parts calamine would read are inflated, each once: this runs for every file of a
    district merge. A zip laid out the plain way is read directly (``files.plainzip``) and the
    parts inflated are kept for our own cell reader; any other zip (or one whose parts do not
    check out) is read through Python's zipfile, which refuses it as damaged or reads it.
    """
    try:
        return _inspect_parts(path, _PlainParts(path, PlainZip(data)), sheets)
    except OutreachError:
        raise
    except (NotPlain, KeyError, ValueError, zlib.error):
        return _inspect_zipfile(path, data, sheets)


def _inspect_zipfile(path: Path, data: bytes, sheets: set[str] | None = None) -> _Guarded:
    """The guard over a zip read through Python's zipfile."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _inspect_parts(path, _ZipfileParts(path, archive), sheets)
    except (
        zipfile.BadZipFile,
        OSError,
        EOFError,
        KeyError,
        zlib.error,
        ValueError,
        NotImplementedError,  # a compression method or zip feature Python's zipfile lacks
        RuntimeError,  # an encrypted part
    ):
        raise _damaged(path) from None


def _inspect_parts(path: Path, parts: _Parts, sheets: set[str] | None) -> _Guarded:
    _unbomb(path, parts.sizes)
    names = parts.names
    if "word/document.xml" in names:  # (an .ods, read by calamine, is welcome)
        raise _not_a_workbook(path, "văn bản Word")
    if "ppt/presentation.xml" in names:
        raise _not_a_workbook(path, "bài trình chiếu PowerPoint")
    if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
        return _Guarded(unsure="không phải gói .xlsx/.xlsm thông thường")
    if parts.duplicates:  # which of two same-named parts would calamine read?
        return _Guarded(unsure="gói có hai phần cùng tên")
    return _guard_parts(path, parts, names, sheets)


# Documents a clerk may pick by mistake, by what they are: named as such, not as a bad workbook.
_ARCHIVES = (".zip", ".rar", ".7z")
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
    if b"!" in start and (b"<!DOCTYPE" in start or b"<!ENTITY" in start):
        raise InputTooLarge(
            "Tệp có cấu trúc XML bất thường (khai báo DOCTYPE/ENTITY), có thể là tệp độc hại",
            fix="Không mở tệp này; đề nghị trường gửi lại tệp tạo từ mẫu",
            file=path.name,
        )


def _utf8ish(xml: bytes) -> bool:
    """UTF-8 (or ASCII) XML: the byte scans below cannot see into UTF-16 text."""
    return not xml.startswith((b"\xff\xfe", b"\xfe\xff")) and b"\0" not in xml[:64]


def _guard_parts(path: Path, parts: _Parts, names: set[str], sheets: set[str] | None) -> _Guarded:
    guarded = _Guarded()
    if "_rels/.rels" in names:  # calamine finds the workbook from the package relationships
        root = parts.read("_rels/.rels")
        _refuse_dtd(path, root[:4096])
        if not _STANDARD_ROOT.search(root) or len(_OFFICE_DOCUMENT.findall(root)) != 1:
            guarded.unsure = "gói có cấu trúc khác thường"
            return guarded
    workbook = parts.read("xl/workbook.xml")
    rels_xml = parts.read("xl/_rels/workbook.xml.rels")
    _refuse_dtd(path, workbook[:4096])
    _refuse_dtd(path, rels_xml[:4096])
    if not (_utf8ish(workbook) and _utf8ish(rels_xml)):
        guarded.unsure = "mã hóa XML khác thường"
        return guarded
    if not _standard_parts(rels_xml):
        guarded.unsure = "gói có cấu trúc khác thường"
        return guarded
    for shared in (_SHARED, _STYLES):
        if shared in names:
            # calamine refuses a part longer than declared; the declared size is bounded here
            declared = parts.size(shared)
            if declared > LIMITS.max_part_bytes:
                raise _bomb(path, declared)
            head = parts.head(shared)
            _refuse_dtd(path, head)
            if not _utf8ish(head):
                guarded.unsure = "mã hóa XML khác thường"
                return guarded
            if shared == _SHARED and _unique_count_lies(head, declared):
                guarded.replaced[_SHARED] = _without_unique_count(path, parts.read(_SHARED))
    for shared in (_SHARED, _STYLES):  # a copy for calamine, if one is made, holds them all
        if shared in names and shared not in guarded.replaced:
            guarded.parts[shared] = b""
    entries, targets = _sheet_entries(workbook, rels_xml)
    found = dict(entries).keys()
    if sheets and not sheets & _ROLLUP_SHEETS and found >= _ROLLUP_SHEETS and META not in found:
        raise OwnOutput(
            "Đây là tệp kết quả tổng hợp do outreach-xl tạo, không phải báo cáo của trường",
            fix="Không cần làm gì; nên ghi tệp tổng hợp ra ngoài thư mục báo cáo của các trường",
            file=path.name,
        )
    book = _plain_book(parts, entries, targets)
    grids: dict[str, Grid] | None = {} if book is not None else None
    for sheet, rid in entries:
        if sheets is not None and sheet not in sheets:
            continue
        for target in targets.get(rid, [b""]):
            part = _part_name(target)
            if part not in names:
                guarded.unsure = "trang trỏ tới phần không có trong gói"
                return guarded
            xml = parts.read(part)
            _refuse_dtd(path, xml[:4096])
            read = _read_sheet(book, part, xml) if book is not None else None
            if read is not None:  # what _guard_sheet would find: nothing to drop, no odd cell
                guarded.parts[part] = xml
                if grids is not None:
                    grids[sheet] = _with_errors(read.grid, read.errors)
                if read.errors:
                    guarded.error_cells.setdefault(sheet, {}).update(read.errors)
                continue
            grids = None
            checked = _guard_sheet(path, sheet, xml)
            if checked is None:
                guarded.unsure = "ô viết theo cách khác thường"
                return guarded
            if checked is not xml:
                guarded.replaced[part] = checked
            guarded.parts[part] = checked
            if b't="e"' in checked:
                guarded.error_cells.setdefault(sheet, {}).update(_error_cells(checked))
    if guarded.replaced:  # calamine gets a copy: every part it reads, checked
        for name, data in list(guarded.parts.items()):
            if not data:  # shared strings, styles: only their heads were needed so far
                guarded.parts[name] = parts.read(name)
        guarded.parts.update(guarded.replaced)
        guarded.parts.update(
            {
                "_rels/.rels": _PACKAGE_RELS,
                "xl/workbook.xml": workbook,
                "xl/_rels/workbook.xml.rels": rels_xml,
            }
        )
    else:
        guarded.parts = {}
        guarded.grids = grids
    return guarded


@lru_cache(maxsize=16)  # files made from one template share these parts
def _sheet_entries(
    workbook: bytes, rels_xml: bytes
) -> tuple[list[tuple[str, bytes]], dict[bytes, list[bytes]]]:
    """(NFC name, relationship id) of the sheets, and the targets of each relationship id (kept
    as they are: callers only read them)."""
    targets: dict[bytes, list[bytes]] = {}
    for rid, target in _REL_ENTRY.findall(rels_xml):
        targets.setdefault(rid, []).append(target)
    for target, rid in _REL_ENTRY_REV.findall(rels_xml):
        targets.setdefault(rid, []).append(target)
    entries = [
        (nfc(html.unescape(name.decode("utf-8", "replace"))), rid)
        for name, rid in _SHEET_ENTRY.findall(workbook)
    ]
    return entries, targets


def _plain_book(
    parts: _Parts, entries: list[tuple[str, bytes]], targets: dict[bytes, list[bytes]]
) -> Book | None:
    """The workbook for our own cell reader (``files.cells``), when the zip was read the plain way
    and the reader sees the very sheets (names, parts, order) the guard checks."""
    if not isinstance(parts, _PlainParts):
        return None
    try:
        book = Book(parts.inflated, parts.names)
    except Declined:
        return None
    seen = []
    for name, rid in entries:
        found = targets.get(rid, [])
        seen.append((name, _part_name(found[0]) if len(found) == 1 else ""))
    return book if list(book.sheets) == seen else None


# A cell element not prefixed (prefixed ones: _PREFIXED_CELL): outside <sheetData> one would make
# _guard_sheet's findings differ (inside, our reader reads every "<" as a row or a plain cell).
_UNPREFIXED_CELL = re.compile(rb"<c(?![\w.:-])")


def _read_sheet(book: Book, part: str, xml: bytes) -> Sheet | None:
    """The sheet read by our own cell reader, when sure that ``_guard_sheet`` would find nothing
    to drop or refuse in it (every cell in ``<sheetData>``, written ``<c r="B12"``, in the rows and
    columns read, none prefixed, UTF-8) and that ``_error_cells`` would find the errors it found;
    else None. (``_guard_sheet`` also sends a sheet with ``:c`` and a space in a cell's text to a
    child process, which reads the same values: our reader reads them.)"""
    if not _utf8ish(xml) or len(xml) > LIMITS.max_rows * LIMITS.max_cols * _SMALLEST_CELL:
        return None
    try:
        read = book.grid(part, xml)
    except Declined:
        return None
    for cell in (_UNPREFIXED_CELL, _PREFIXED_CELL):
        if cell.search(xml, 0, read.start) or cell.search(xml, read.end):
            return None
    return read


_PACKAGE_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)


def _standard_parts(rels_xml: bytes) -> bool:
    """Whether the workbook's shared strings and styles are the parts the guard checks: calamine
    follows these relationships, wherever they point."""
    for kind, expected in ((b'/sharedStrings"', _SHARED), (b'/styles"', _STYLES)):
        at = rels_xml.find(kind)
        while at >= 0:
            start = rels_xml.rfind(b"<", 0, at)
            end = rels_xml.find(b">", at)
            target = _REL_TARGET.search(rels_xml, start, end if end >= 0 else len(rels_xml))
            if target is None or _part_name(target.group(1)) != expected:
                return False
            at = rels_xml.find(kind, at + 1)
    return True


def _part_name(target: bytes) -> str:
    """A relationship target of the workbook as a part name (``worksheets/x.xml`` is in xl/)."""
    text = target.decode("utf-8", "replace")
    return text.lstrip("/") if text.startswith("/") else f"xl/{text}"


def _unique_count_lies(head: bytes, size: int) -> bool:
    """calamine reserves room for ``uniqueCount`` strings: a count the part cannot hold (every
    string needs at least ``<si></si>``), or one that does not read as a number, is a lie."""
    if b"uniqueCount" not in head:
        return False
    match = _UNIQUE_COUNT.search(head)
    return not (match and match.group(1) and int(match.group(1)[:20]) <= size)


def _without_unique_count(path: Path, xml: bytes) -> bytes:
    head, rest = xml[:4096], xml[4096:]
    cleaned = re.sub(rb'\suniqueCount\s*=\s*(?:"[^"]*"|\'[^\']*\')', b"", head, count=1)
    if b"uniqueCount" in cleaned:
        raise _odd(path, "số chuỗi khai báo không đọc được")
    return cleaned + rest


def _guard_sheet(path: Path, sheet: str, xml: bytes) -> bytes | None:
    """The sheet as calamine may read it: the same bytes when every cell is within reach, a copy
    without the cells a reader never uses, or None when cells are written in a way the guard
    cannot check. A value below the last row is refused."""
    if not _utf8ish(xml) or _PREFIXED_CELL.search(xml):
        return None
    if len(xml) > LIMITS.max_rows * LIMITS.max_cols * _SMALLEST_CELL:
        cells = xml.count(_CANONICAL_CELL)
        if cells > LIMITS.max_rows * LIMITS.max_cols:
            raise _too_many_rows(path, sheet, f"{thousands(cells)} ô")
    if not _SUSPECT_CELL.search(xml):
        return xml
    if _ODD_CELL.search(xml):
        return None
    if not _POSSIBLY_STRAY.search(xml):
        return xml
    keep: list[bytes] = []
    start = 0
    stray = 0
    for tag, end, has_body in _cells(xml):
        row, col = _position(tag.group(1), tag.group(2))
        if row < LIMITS.max_rows and col < LIMITS.max_cols:
            continue
        if row >= LIMITS.max_rows and has_body:
            ref = (tag.group(1) + tag.group(2)).decode()
            raise _too_many_rows(path, sheet, f"có giá trị ở ô {ref[:20]}")
        stray += 1
        if stray > LIMITS.max_stray_cells:
            raise _odd(path, "quá nhiều ô nằm ngoài vùng nhập")
        keep.append(xml[start : tag.start()])
        start = end
    if not stray:
        return xml
    keep.append(xml[start:])
    return b"".join(keep)


def _too_many_rows(path: Path, sheet: str, detail: str) -> InputTooLarge:
    return InputTooLarge(
        f"Trang có quá nhiều dòng ({detail}; tối đa {thousands(LIMITS.max_rows)} dòng, "
        f"{LIMITS.max_cols} cột)",
        fix="Xóa các dòng thừa ở cuối trang (chọn các dòng, Xóa dòng) rồi lưu lại",
        file=path.name,
        sheet=sheet,
    )


def _position(letters: bytes, digits: bytes) -> tuple[int, int]:
    """Zero-based (row, column) of a reference; a huge one stays huge without big arithmetic."""
    row = int(digits) - 1 if len(digits) <= 9 else 10**9
    col = column_index(letters.decode()) if len(letters) <= 4 else 10**9
    return row, col


def _cells(xml: bytes) -> Iterator[tuple[re.Match[bytes], int, bool]]:
    """Every ``<c r="..">`` cell once, in order: (tag match, end offset, has a body). Linear: each
    search starts where the previous cell ended."""
    pos = 0
    while True:
        tag = _CELL_TAG.search(xml, pos)
        if tag is None:
            return
        if tag.group(3).endswith(b"/"):
            yield tag, tag.end(), False
            pos = tag.end()
            continue
        close = xml.find(b"</c>", tag.end())
        end = len(xml) if close < 0 else close + 4
        yield tag, end, True
        pos = end


def _error_cells(xml: bytes) -> dict[tuple[int, int], str]:
    """Formula error values (``#REF!``) of one sheet: calamine returns them as empty text."""
    found: dict[tuple[int, int], str] = {}
    for tag, end, has_body in _cells(xml):
        if not has_body or b't="e"' not in tag.group(3):
            continue
        value_at = xml.find(b"<v>", tag.end(), end)
        if value_at < 0:
            continue
        value_end = xml.find(b"</v>", value_at, end)
        if value_end < 0:
            continue
        row, col = _position(tag.group(1), tag.group(2))
        found[(row, col)] = xml[value_at + 3 : value_end].decode("utf-8", "replace")
    return found


def _with_errors(grid: list[list[Any]], errors: dict[tuple[int, int], str]) -> list[list[Any]]:
    """Put formula error texts back where calamine left empty strings."""
    for (row, col), value in errors.items():
        if row < len(grid) and col < len(grid[row]):
            grid[row][col] = value
    return grid


def load_grids(
    path: str | os.PathLike[str], sheets: Sequence[str] | None = None
) -> dict[str, Grid]:
    """Every (or the named) sheet's values from A1, through python-calamine; input never written.

    A file the guard cannot vouch for is read in a child process (``_read_isolated``)."""
    file = Path(path)
    wanted = None if sheets is None else {nfc(n) for n in sheets}
    guarded = _check_container(file, wanted)
    if guarded.unsure:
        return _read_isolated(file, sheets, guarded.unsure)
    return _read_checked(file, wanted, guarded)


def _read_checked(file: Path, wanted: set[str] | None, guarded: _Guarded) -> dict[str, Grid]:
    """The grids of a file the guard vouched for: those our own cell reader read in the guard's
    pass, or python-calamine's (when the reader declined, or the guard read the zip with zipfile or
    handed calamine a copy)."""
    if guarded.grids is not None:
        return guarded.grids
    return _read(file, wanted, guarded)


def _read(file: Path, wanted: set[str] | None, guarded: _Guarded) -> dict[str, Grid]:
    """The grids through calamine: the file itself, or the guard's checked copy of its parts."""
    from python_calamine import CalamineWorkbook

    try:
        if guarded.parts:
            book = CalamineWorkbook.from_filelike(io.BytesIO(_package(guarded.parts)))
        else:
            book = CalamineWorkbook.from_path(str(file))
    except BaseException as exc:  # calamine raises its own types, and Rust panics
        if not _from_reader(exc):  # a bug of ours, or an interrupt
            raise
        raise UnreadableFile(
            "Không đọc được nội dung bảng tính (tệp hỏng, hoặc không phải tệp Excel)",
            fix="Mở tệp bằng Excel, lưu lại dạng .xlsx hoặc .xlsm rồi thử lại",
            file=file.name,
        ) from None
    try:
        names = [n for n in book.sheet_names if wanted is None or nfc(n) in wanted]
        grids: dict[str, Grid] = {}
        for name in names:
            sheet = book.get_sheet_by_name(name)
            if sheet.total_height > LIMITS.max_rows:
                raise _too_many_rows(file, name, f"{thousands(sheet.total_height)} dòng")
            grid = sheet.to_python(skip_empty_area=False, nrows=LIMITS.max_rows)
            if sheet.total_width > LIMITS.max_cols:  # only when read without the guard's copy
                grid = [row[: LIMITS.max_cols] for row in grid]
            key = nfc(name)
            grids[key] = _with_errors(grid, guarded.error_cells.get(key, {}))
        return grids
    except InputTooLarge:
        raise
    except BaseException as exc:
        if not _from_reader(exc):  # a bug of ours, or an interrupt
            raise
        raise UnreadableFile(
            "Không đọc được một trang của bảng tính (tệp có thể đã hỏng)",
            fix="Mở tệp bằng Excel, lưu lại rồi thử lại",
            file=file.name,
        ) from None
    finally:
        book.close()


def _from_reader(exc: BaseException) -> bool:
    """An error of the library reading the file: its own types, the OS and value errors it raises,
    or a Rust panic (``PanicException``, a BaseException); never a bug of ours or an interrupt."""
    from python_calamine import CalamineError

    if isinstance(exc, OutreachError):  # ours (some are ValueErrors): raised on purpose
        return False
    library = (CalamineError, OSError, ValueError, OverflowError, MemoryError)
    return isinstance(exc, library) or type(exc).__name__ == "PanicException"


def _package(parts: dict[str, bytes]) -> bytes:
    """A zip (stored, not compressed) of exactly the parts the guard checked."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


# --- Reading in a child process ------------------------------------------------------------------


def _read_isolated(path: Path, sheets: Sequence[str] | None, why: str) -> dict[str, Grid]:
    """Read a file the guard cannot vouch for in a child process with bounded memory and time: if
    the reader aborts or runs away, only the child dies and the file is reported unreadable."""
    import multiprocessing

    method = "fork" if sys.platform.startswith("linux") else "spawn"
    context: Any = multiprocessing.get_context(method)
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child_read, args=(send, str(path), sheets), daemon=True)
    child.start()
    send.close()
    try:
        if receive.poll(LIMITS.max_read_seconds):
            try:
                kind, payload = receive.recv()
            except (EOFError, OSError):
                kind, payload = "died", None
        else:
            kind, payload = "slow", None
    finally:
        receive.close()
        if child.is_alive():
            child.kill()
        child.join()
    if kind == "grids":
        return payload
    if kind == "error":
        raise payload
    reason = (
        f"đọc quá {LIMITS.max_read_seconds:.0f} giây"
        if kind == "slow"
        else "chương trình đọc bảng tính bị dừng đột ngột"
    )
    raise UnreadableFile(
        f"Không đọc được nội dung bảng tính ({reason}; {why})",
        fix="Mở tệp bằng Excel, lưu lại dạng .xlsx hoặc .xlsm rồi gửi lại",
        file=path.name,
    )


def _child_read(send: Any, path: str, sheets: Sequence[str] | None) -> None:
    """In the child: cap memory, read, send the grids (or the error) back. A native abort's own
    words ("memory allocation failed") are not the user's business: stderr goes nowhere."""
    import faulthandler

    faulthandler.disable()
    try:
        quiet = os.open(os.devnull, os.O_WRONLY)
        os.dup2(quiet, 2)
        os.close(quiet)
    except OSError:
        pass
    _cap_memory(LIMITS.max_read_memory)
    file = Path(path)
    wanted = None if sheets is None else {nfc(n) for n in sheets}
    try:
        result: tuple[str, Any] = ("grids", _read(file, wanted, _Guarded()))
    except OutreachError as exc:
        result = ("error", exc)
    except MemoryError:
        result = ("died", None)
    send.send(result)
    send.close()


def _cap_memory(extra: int) -> None:
    """Let this process grow by at most ``extra`` bytes of address space (Linux; elsewhere the
    time limit still applies)."""
    try:
        import resource

        with open("/proc/self/statm") as statm:
            pages = int(statm.read().split()[0])
        now = pages * os.sysconf("SC_PAGE_SIZE")
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = now + extra
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ImportError, OSError, ValueError):
        pass


def saved_on(path: Path, mtime: float | None = None) -> dt.date | None:
    """The day a file was last modified, in local time (``mtime``: its modification time if
    known); None when it cannot be told."""
    try:
        stamp = path.stat().st_mtime if mtime is None else mtime
        return dt.date.fromtimestamp(stamp) if stamp > 0 else None
    except (OSError, OverflowError, ValueError):
        return None


def read_file(path: str | os.PathLike[str], expect: WorkbookSchema | None = SCHOOL) -> Submission:
    """Read a workbook file made from one of our templates."""
    file = Path(path)
    try:
        sheets = expect.sheets_to_read() if expect is not None else None
        return read_grids(load_grids(file, sheets), file.name, expect, saved_on(file))
    except (MissingPart, NotOurWorkbook, UnsupportedTemplate, InputTooLarge) as exc:
        raise exc.located(file.name) from None
