"""The workbooks inside a .zip a school sent, unpacked into a temporary folder to be read.

A school often zips its workbook before mailing it. The merge reads the spreadsheets inside as if
they lay in the folder, named ``truong.zip/BaoCao.xlsx`` in the tracker; the .zip itself is never
changed. A zip is only looked into, never trusted: an archive of at most ``MAX_UNPACKED`` bytes
and ``MAX_ENTRIES`` entries (counted before its directory is read), at most ``MAX_MEMBERS``
spreadsheets, each copied with a running cap of ``LIMITS.max_file_bytes`` (never the size it
declares), ``MAX_UNPACKED`` bytes in all, no folder or name of the archive used on disk, nested
archives left alone. Anything else (damaged, encrypted, empty of spreadsheets) is listed with what
to do.
"""

from __future__ import annotations

import os
import time
import zipfile
from collections.abc import Iterable
from pathlib import Path

from outreach_xl.core.merge import FileResult, FileStatus
from outreach_xl.schema import LIMITS

MAX_MEMBERS = 60  # a district's schools, and then some
MAX_UNPACKED = 200 * 1024 * 1024
MAX_ENTRIES = 10_000  # files and folders of the archive, spreadsheets or not
_END_MAGIC = b"PK\x05\x06"  # the end of the zip's central directory: its entry count at +10
_END_SEARCH = 22 + 0xFFFF  # that record, and the longest comment after it
_COPY_BLOCK = 1024 * 1024
_UNZIP = " Cách sửa: giải nén vào thư mục này rồi tổng hợp lại."


def unzipped(
    others: Iterable[FileResult], folder: Path, into: Path, suffixes: tuple[str, ...]
) -> tuple[list[FileResult], list[tuple[Path, str]]]:
    """The results not about a .zip, plus a row for each .zip that could not be read; and the
    (unpacked file, name shown) of every spreadsheet (a name ending in one of ``suffixes``) found
    inside the others."""
    kept: list[FileResult] = []
    members: list[tuple[Path, str]] = []
    for number, result in enumerate(others):
        if not result.file.lower().endswith(".zip"):
            kept.append(result)
            continue
        found = _unpack(folder / result.file, into / str(number), result.file, suffixes)
        if isinstance(found, str):
            kept.append(FileResult(result.file, failure=FileStatus.SKIPPED, reason=found))
        else:
            members.extend(found)
    return kept, members


def _unpack(
    archive: Path, target: Path, shown: str, suffixes: tuple[str, ...]
) -> list[tuple[Path, str]] | str:
    """The spreadsheets of one archive unpacked into ``target``, or why there are none."""
    too_large = _too_large(archive)
    if too_large:
        return too_large
    try:
        with zipfile.ZipFile(archive) as package:
            infos = [i for i in package.infolist() if _is_spreadsheet(i, suffixes)]
            if not infos:
                return (
                    "Tệp nén không có tệp Excel nào. Cách sửa: nhờ trường gửi tệp Excel (.xlsx, "
                    ".xlsm) đã điền."
                )
            if len(infos) > MAX_MEMBERS:
                return (
                    f"Tệp nén có quá nhiều tệp bảng tính ({len(infos)}, tối đa {MAX_MEMBERS})."
                    + _UNZIP
                )
            if any(i.flag_bits & 0x1 for i in infos):
                return (
                    "Tệp nén có đặt mật khẩu nên không đọc được. Cách sửa: giải nén (nhập mật "
                    "khẩu) vào thư mục này rồi tổng hợp lại."
                )
            target.mkdir(parents=True)
            out: list[tuple[Path, str]] = []
            budget = MAX_UNPACKED
            for number, info in enumerate(infos):
                path = target / f"{number}{os.path.splitext(info.filename)[1].lower()}"
                copied = _copy(package, info, path, min(budget, LIMITS.max_file_bytes))
                if copied is None:
                    return "Tệp nén chứa tệp quá lớn." + _UNZIP
                budget -= copied
                out.append((path, f"{shown}/{_member_name(info)}"))
            return out
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError):
        return (
            "Tệp nén bị hỏng hoặc dùng cách nén chương trình không đọc được. Cách sửa: giải nén "
            "vào thư mục này rồi tổng hợp lại, hoặc nhờ trường gửi lại."
        )
    except (RuntimeError, ValueError, zipfile.error):  # a bad CRC, a password asked for
        return "Tệp nén bị hỏng. Cách sửa: nhờ trường gửi lại."


def _too_large(archive: Path) -> str:
    """Why an archive is refused before ``zipfile`` reads its directory (which it holds whole, a
    few hundred bytes an entry): larger than ``MAX_UNPACKED``, or declaring more than
    ``MAX_ENTRIES`` entries; "" when it may be opened."""
    try:
        size = archive.stat().st_size
        if size > MAX_UNPACKED:
            return f"Tệp nén quá lớn ({size // (1024 * 1024)} MB).{_UNZIP}"
        with archive.open("rb") as handle:
            handle.seek(max(0, size - _END_SEARCH))
            tail = handle.read()
    except OSError:
        return ""  # (zipfile says it, as for any file it cannot open)
    end = tail.rfind(_END_MAGIC)
    if end >= 0 and len(tail) >= end + 12:
        entries = int.from_bytes(tail[end + 10 : end + 12], "little")
        if entries > MAX_ENTRIES:  # (0xFFFF: ZIP64, more entries than that)
            return f"Tệp nén có quá nhiều tệp bên trong ({entries}).{_UNZIP}"
    return ""


def _is_spreadsheet(info: zipfile.ZipInfo, suffixes: tuple[str, ...]) -> bool:
    """A spreadsheet of the archive (not a folder, macOS's ``__MACOSX`` copies, a lock file)."""
    name = info.filename.replace("\\", "/")
    base = name.rsplit("/", 1)[-1]
    return (
        not info.is_dir()
        and not name.startswith("__MACOSX/")
        and not base.startswith(("~$", "._", "."))
        and base.lower().endswith(suffixes)
    )


def _copy(package: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path, cap: int) -> int | None:
    """Copy one member with a running cap (never trusting its declared size); its size, or None
    past the cap. The file takes the member's date, which the tracker shows."""
    size = 0
    with package.open(info) as source, path.open("wb") as sink:
        while block := source.read(_COPY_BLOCK):
            size += len(block)
            if size > cap:
                return None
            sink.write(block)
    try:
        stamp = time.mktime((*info.date_time, 0, 0, -1))
        os.utime(path, (stamp, stamp))
    except (OverflowError, ValueError, OSError):
        pass
    return size


def _member_name(info: zipfile.ZipInfo) -> str:
    """The member's file name as the school's computer wrote it: Windows' own zip tool writes
    Vietnamese names in UTF-8 without saying so, which ``zipfile`` then reads as code page 437."""
    base = info.filename.replace("\\", "/").rsplit("/", 1)[-1]
    if info.flag_bits & 0x800:
        return base
    try:
        return base.encode("cp437").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return base
