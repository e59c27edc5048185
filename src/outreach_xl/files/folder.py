"""Reading a folder of school workbooks into file results, in parallel, never stopping on one file.

Each file is read read-only (python-calamine, only the sheets the school template needs), parsed,
validated and summarised in the process that read it; only the small summary travels back. Any
failure of one file becomes that file's status: an ``OutreachError`` keeps its Vietnamese message,
anything else is reported as unreadable with the exception's name, and a worker process that dies
(a native crash in the spreadsheet reader) costs only the file it was reading. Office lock files
(``~$name``, left while someone has the workbook open) are not read; they are listed as skipped,
because they tell the office that a school file may be open and unsaved. So are macOS ``._`` files,
our own roll-ups and the district workbook; links that lead nowhere and pipes are listed as
unreadable, and only regular files are ever opened.

This module must stay light to import: workers import it, so no pandas here.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import re
import shutil
import stat
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from outreach_xl.core.merge import (
    FileFacts,
    FileResult,
    FileStatus,
    Merger,
    RegisteredSchool,
    Rollup,
    summarise,
)
from outreach_xl.core.parse import Grid, read_grids, template_of
from outreach_xl.core.validation import validate
from outreach_xl.errors import (
    NotOurWorkbook,
    OutreachError,
    OwnOutput,
    UnreadableFile,
    UnsupportedTemplate,
)
from outreach_xl.files.archives import unzipped
from outreach_xl.files.lifeline import bind_to_parent
from outreach_xl.files.reader import load_grids, saved_on
from outreach_xl.schema import DISTRICT, DISTRICT_REPORT_PREFIX, SCHOOL

# Every spreadsheet a school might send: our template saved as .xls by an older Office, or as .ods
# by LibreOffice, reads like the .xlsx (in a child process). None is ever silently ignored.
SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".xlsb")
LOCK_PREFIX = "~$"
APPLE_PREFIX = "._"  # macOS keeps a file's extra attributes in "._name" on shared or FAT drives
PARALLEL_FROM = 48  # below this many files a process pool costs more than it saves
CHUNK = 32  # files per task sent to a worker

Progress = Callable[[int, int], None]

_LOCK_REASON = (
    "Tệp tạm do Excel tạo khi tệp gốc đang mở; đóng tệp gốc trong Excel rồi tổng hợp lại nếu tệp "
    "gốc chưa được lưu"
)
_APPLE_REASON = "Tệp phụ do máy Mac tạo khi chép tệp (tên bắt đầu bằng «._»), không phải báo cáo"
# Files a school sends instead of, or with, its workbook: listed with what to do, never silently
# left out (a school told «chưa nộp» that sent a .zip or a Word file would say it did).
_SENT_INSTEAD = {
    # (``collect`` reads the spreadsheets inside a .zip: ``files.archives``)
    ".zip": "Tệp nén .zip: các tệp Excel bên trong được đọc khi tổng hợp.",
    **dict.fromkeys(
        (".rar", ".7z"),
        "Tệp nén, chương trình không đọc bên trong. Cách sửa: giải nén vào thư mục này (tệp Excel "
        "của trường nằm trong đó) rồi tổng hợp lại.",
    ),
    **dict.fromkeys(
        (".doc", ".docx", ".odt", ".pdf"),
        "Văn bản Word hoặc PDF, không phải tệp Excel báo cáo. Cách sửa: nếu đây là báo cáo của "
        "một trường, nhờ trường gửi tệp Excel (.xlsx, .xlsm) đã điền.",
    ),
    **dict.fromkeys(
        (".jpg", ".jpeg", ".png", ".heic"),
        "Ảnh, không phải tệp Excel báo cáo. Cách sửa: nếu đây là ảnh chụp báo cáo của một trường, "
        "nhờ trường gửi tệp Excel (.xlsx, .xlsm) đã điền.",
    ),
}
_REGISTER_REASON = (
    "Tệp tổng hợp của đơn vị (danh sách trường), không phải báo cáo của trường; nên để tệp này "
    "ngoài thư mục báo cáo của các trường"
)


def find_files(
    folder: Path, *, recursive: bool = False, exclude: Iterable[Path] = ()
) -> tuple[list[Path], list[FileResult]]:
    """Workbooks to read (sorted), and what is listed without being read: Office lock files, macOS
    ``._`` files, links that lead nowhere, pipes and other non-files with a spreadsheet name, and
    (without ``recursive``) subfolders holding spreadsheets. ``exclude`` (the register, the output)
    is left out. Hidden folders are not entered, links to folders are not followed."""
    skip = set()
    for path in exclude:
        try:
            skip.add(path.resolve())
        except (OSError, RuntimeError):
            skip.add(path.absolute())
    # A file that is not a link resolves to its resolved folder and its own name: only a link, or
    # a file named like one of ``skip``, can be one of them (no path resolved per file).
    skip_names = {os.path.normcase(p.name) for p in skip}
    books: list[Path] = []
    others: list[FileResult] = []
    documents: list[tuple[str, str, str]] = []  # (folder, name, reason) of what _SENT_INSTEAD names
    for entry, relative_dir in _entries(folder, recursive, others):
        name = entry.name
        sent_instead = _SENT_INSTEAD.get(os.path.splitext(name)[1].lower())
        if sent_instead and not name.startswith((".", LOCK_PREFIX)):
            documents.append((relative_dir, name, sent_instead))
            continue
        if not name.lower().endswith(SUFFIXES) or name.startswith(".~"):
            continue  # ".~" is a temporary file of our own writer, or of LibreOffice
        path = Path(entry.path)
        shown = f"{relative_dir}{name}"
        if name.startswith(LOCK_PREFIX):
            others.append(FileResult(shown, failure=FileStatus.SKIPPED, reason=_LOCK_REASON))
            continue
        if name.startswith(APPLE_PREFIX):
            others.append(FileResult(shown, failure=FileStatus.SKIPPED, reason=_APPLE_REASON))
            continue
        problem = _not_a_file(path, entry)
        if problem is not None:
            others.append(FileResult(shown, failure=FileStatus.UNREADABLE, reason=problem))
            continue
        if os.path.normcase(name) in skip_names or _is_link(entry):
            try:
                resolved = path.resolve()
            except (OSError, RuntimeError):
                resolved = path
            if resolved in skip:
                continue
        books.append(path)
    others.extend(_sent_instead(documents, books, folder))
    return sorted(books), sorted(others, key=lambda r: r.file)


def _sent_instead(
    documents: list[tuple[str, str, str]], books: list[Path], folder: Path
) -> Iterator[FileResult]:
    """The documents and archives to list, but for our own outputs: a Word or PDF report beside
    the workbook it was made from (same name, perhaps ``_2``), and the district's own report."""
    made_from = {(relative(book.parent, folder), os.path.normcase(book.stem)) for book in books}
    for relative_dir, name, reason in documents:
        plain = _COPY_NUMBER.sub("", os.path.splitext(name)[0])
        here = relative_dir.rstrip("/") or "."
        if (here, os.path.normcase(plain)) in made_from or name.startswith(DISTRICT_REPORT_PREFIX):
            continue
        yield FileResult(f"{relative_dir}{name}", failure=FileStatus.SKIPPED, reason=reason)


_COPY_NUMBER = re.compile(r"_\d+$")  # report_2.docx: made again beside the same workbook


def _entries(
    folder: Path, recursive: bool, others: list[FileResult], prefix: str = ""
) -> Iterator[tuple[os.DirEntry[str], str]]:
    """(entry, folder relative to the merged one) of every file; subfolders entered when
    ``recursive``, else each one holding spreadsheets is listed with the hint ``--recursive``."""
    with os.scandir(folder) as scan:
        entries = sorted(scan, key=lambda e: e.name)
    for entry in entries:
        if _is_folder(entry):
            if entry.name.startswith("."):
                continue
            if recursive:
                yield from _entries(Path(entry.path), True, others, f"{prefix}{entry.name}/")
            else:
                count = _spreadsheets_in(Path(entry.path))
                if count:
                    others.append(
                        FileResult(
                            f"{prefix}{entry.name}/",
                            failure=FileStatus.SKIPPED,
                            reason=f"Thư mục con có {count} tệp bảng tính chưa được đọc. Cách "
                            "sửa: chạy lại lệnh tổng hợp với --recursive để đọc cả thư mục con, "
                            "hoặc chép các tệp ra thư mục chính.",
                        )
                    )
        else:
            yield entry, prefix


def _is_link(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_symlink()
    except OSError:
        return True  # not known: resolved like a link


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """A real folder (a link to a folder is not entered: no loops)."""
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _spreadsheets_in(folder: Path) -> int:
    try:
        with os.scandir(folder) as scan:
            return sum(
                1
                for e in scan
                if e.name.lower().endswith(SUFFIXES) and not e.name.startswith(("~$", "._", ".~"))
            )
    except OSError:
        return 0


def _not_a_file(path: Path, entry: os.DirEntry[str]) -> str | None:
    """Why a name in the folder is not a file that can be read (a broken or looping link, a pipe,
    a device), or None for a regular file or a link to one."""
    try:
        if entry.is_file(follow_symlinks=False):
            return None
        info = os.stat(path)
    except OSError as exc:
        broken = UnreadableFile(
            "Liên kết (shortcut) vòng quanh, không trỏ tới tệp nào"
            if exc.errno == errno.ELOOP
            else "Liên kết (shortcut) trỏ tới một tệp không còn tồn tại"
            if os.path.islink(path)
            else f"Không xem được tệp ({exc.strerror})",
            fix="Chép tệp thật vào thư mục thay cho liên kết",
        )
        return broken.user_message()
    if stat.S_ISREG(info.st_mode):
        return None
    special = UnreadableFile(
        "Không phải tệp bảng tính (thư mục, pipe hoặc tệp đặc biệt của hệ thống) nên không đọc",
        fix="Chép đúng tệp .xlsx hoặc .xlsm của trường vào thư mục",
    )
    return special.user_message()


def relative(path: Path, folder: Path) -> str:
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:
        return path.name


def read_one(path: Path, folder: Path, *, shown: str | None = None) -> FileResult:
    """One workbook into a FileResult (named ``shown``, or by its place in ``folder``); never
    raises."""
    name = shown or relative(path, folder)
    try:
        mtime = path.stat().st_mtime
    except OSError:
        mtime = 0.0
    try:
        grids = load_grids(path, SCHOOL.sheets_to_read())
        try:
            sub = read_grids(grids, name, SCHOOL, saved_on(path, mtime))
        except NotOurWorkbook:
            if _is_district_workbook(grids, name):
                return FileResult(name, mtime, failure=FileStatus.SKIPPED, reason=_REGISTER_REASON)
            raise
        findings = validate(sub, SCHOOL)
        return FileResult(name, mtime, summarise(sub, findings, FileFacts(name, mtime)))
    except OwnOutput as exc:
        return FileResult(name, mtime, failure=FileStatus.SKIPPED, reason=_message(exc))
    except (NotOurWorkbook, UnsupportedTemplate) as exc:
        return FileResult(name, mtime, failure=FileStatus.NOT_OURS, reason=_message(exc))
    except OutreachError as exc:  # unreadable, too large, a part of the template deleted
        return FileResult(name, mtime, failure=FileStatus.UNREADABLE, reason=_message(exc))
    except Exception:  # a bug or a parser surprise: this file only, never the whole merge
        return FileResult(
            name,
            mtime,
            failure=FileStatus.UNREADABLE,
            reason="Lỗi không mong đợi khi đọc tệp (chương trình chưa đọc được loại tệp này); "
            "hãy gửi tệp cho người hỗ trợ kỹ thuật",
        )


def _is_district_workbook(grids: Mapping[str, Grid], name: str) -> bool:
    try:
        return template_of(grids, name)[0].template_id == DISTRICT.template_id
    except OutreachError:
        return False


def _died(path: Path, folder: Path) -> FileResult:
    """The result of a file whose reading killed its worker process (a native crash)."""
    try:
        mtime = path.stat().st_mtime
    except OSError:
        mtime = 0.0
    error = UnreadableFile(
        "Không đọc được nội dung bảng tính (chương trình đọc bảng tính bị dừng đột ngột khi đọc "
        "tệp này)",
        fix="Mở tệp bằng Excel, lưu lại dạng .xlsx hoặc .xlsm rồi gửi lại",
    )
    return FileResult(
        relative(path, folder), mtime, failure=FileStatus.UNREADABLE, reason=error.user_message()
    )


def _message(exc: OutreachError) -> str:
    """The error without the file name (the tracker shows it in its own column)."""
    exc.file = None
    return exc.user_message()


def _read_chunk(paths: Sequence[Path], folder: Path) -> list[FileResult]:
    return [read_one(p, folder) for p in paths]


def collect(
    folder: Path,
    *,
    recursive: bool = False,
    exclude: Iterable[Path] = (),
    workers: int | None = None,
    progress: Progress | None = None,
) -> Iterator[FileResult]:
    """Every file's result, files not read first, then workbooks as they finish (order not fixed).

    ``workers``: processes to use (default: every core); 1 reads in this process. A worker that
    dies (a native crash in the spreadsheet reader) costs only the file it was reading: that
    file is marked unreadable and the others are read again by fresh workers.
    """
    books, others = find_files(folder, recursive=recursive, exclude=exclude)
    # (a temporary folder only for archives: a merge without one leaves nothing, even killed)
    archives = any(r.file.lower().endswith(".zip") for r in others)
    if archives:
        _sweep_stale_unpacked(Path(tempfile.gettempdir()))
    unpack = (  # (on Windows a virus scanner may still hold a file: never a crash at the end)
        tempfile.TemporaryDirectory(prefix=UNPACK_PREFIX, ignore_cleanup_errors=True)
        if archives
        else None
    )
    with unpack or contextlib.nullcontext("") as tmp:
        others, zipped = unzipped(others, folder, Path(tmp), SUFFIXES) if tmp else (others, [])
        yield from others
        total = len(books) + len(zipped)
        done = 0
        if progress:
            progress(0, total)
        for path, shown in zipped:  # (few: read here, each in its guarded reader)
            yield read_one(path, path.parent, shown=shown)
            done += 1
            if progress:
                progress(done, total)
        yield from _read_books(books, folder, workers, progress, done, total)


UNPACK_PREFIX = "outreach-xl-zip-"
STALE_AFTER = 24 * 3600  # seconds: no merge runs a day; a folder this old was left by a killed one


def _sweep_stale_unpacked(temp: Path) -> None:
    """Remove the copies of zipped workbooks a merge killed outright left in the temporary
    folder (schools' data); another merge's folder, younger than a day, is left alone."""
    limit = time.time() - STALE_AFTER
    try:
        entries = [e for e in os.scandir(temp) if e.name.startswith(UNPACK_PREFIX)]
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False) and entry.stat().st_mtime < limit:
                shutil.rmtree(entry.path, ignore_errors=True)
        except OSError:
            continue


def _read_books(
    books: list[Path],
    folder: Path,
    workers: int | None,
    progress: Progress | None,
    done: int,
    total: int,
) -> Iterator[FileResult]:
    """The workbooks of the folder read, in this process or by a pool of workers."""
    workers = workers or os.cpu_count() or 1
    if workers <= 1 or len(books) < PARALLEL_FROM:
        for path in books:
            yield read_one(path, folder)
            done += 1
            if progress:
                progress(done, total)
        return
    chunks = [books[i : i + CHUNK] for i in range(0, len(books), CHUNK)]
    for results in _in_pool(chunks, folder, min(workers, len(chunks))):
        yield from results
        done += len(results)
        if progress:
            progress(done, total)


def _pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=workers,
        initializer=bind_to_parent,  # workers end when the merge dies, kill -9 included
        initargs=(os.getpid(),),
    )


def _in_pool(
    chunks: Sequence[Sequence[Path]], folder: Path, workers: int
) -> Iterator[list[FileResult]]:
    """Chunks read by a pool of workers; the files of chunks lost with a dead worker are read
    again one per task by a single fresh worker, so the next death names its file."""
    suspects: list[Path] = []
    with _pool(workers) as pool:
        # The workers are forked from this process as the chunks are handed out: its objects
        # (modules, the register) are frozen out of the garbage collector's reach meanwhile, so
        # that a worker's full collection does not touch them and copy every page of them into
        # the worker (a third fewer page faults in the workers, 2% of their CPU).
        gc.freeze()
        try:
            futures = {pool.submit(_read_chunk, chunk, folder): chunk for chunk in chunks}
        finally:
            gc.unfreeze()
        for future in as_completed(futures):
            try:
                results = future.result()
            except BrokenProcessPool:
                suspects.extend(futures[future])
                continue
            yield results
    suspects.sort()
    while suspects:
        retry: list[Path] = []
        with _pool(1) as pool:
            queued = [(path, pool.submit(_read_chunk, [path], folder)) for path in suspects]
            culprit_found = False
            for path, future in queued:
                if culprit_found:
                    retry.append(path)
                    continue
                try:
                    yield future.result()
                except BrokenProcessPool:
                    culprit_found = True
                    yield [_died(path, folder)]
        suspects = retry


def rollup_folder(
    folder: Path,
    register: Sequence[RegisteredSchool] = (),
    *,
    year: int | None = None,
    recursive: bool = False,
    exclude: Iterable[Path] = (),
    workers: int | None = None,
    progress: Progress | None = None,
) -> Rollup:
    """Read every workbook of a folder and merge it with the register, keeping one summary per
    school as results arrive."""
    merger = Merger(register, year)
    for result in collect(
        folder, recursive=recursive, exclude=exclude, workers=workers, progress=progress
    ):
        merger.add(result)
    return merger.finish()
