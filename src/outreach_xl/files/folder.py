"""Reading a folder of school workbooks into file results, in parallel, never stopping on one file.

Each file is read read-only (python-calamine, only the sheets the school template needs), parsed,
validated and summarised in the process that read it; only the small summary travels back. Any
failure of one file becomes that file's status: an ``OutreachError`` keeps its Vietnamese message,
anything else is reported as unreadable with the exception's name. Office lock files (``~$name``,
left while someone has the workbook open) are not read; they are listed as skipped, because they
tell the office that a school file may be open and unsaved.

This module must stay light to import: workers import it, so no pandas here.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
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
from outreach_xl.core.parse import read_grids
from outreach_xl.core.validation import validate
from outreach_xl.errors import NotOurWorkbook, OutreachError, UnsupportedTemplate
from outreach_xl.files.lifeline import bind_to_parent
from outreach_xl.files.reader import load_grids
from outreach_xl.schema import SCHOOL

# Every spreadsheet a school might send: .xls gets its "save as .xlsx" message in the tracker, and
# our template saved as .ods by LibreOffice reads like the .xlsx. None is ever silently ignored.
SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".xlsb")
LOCK_PREFIX = "~$"
PARALLEL_FROM = 48  # below this many files a process pool costs more than it saves
CHUNK = 32  # files per task sent to a worker

Progress = Callable[[int, int], None]


def find_files(
    folder: Path, *, recursive: bool = False, exclude: Iterable[Path] = ()
) -> tuple[list[Path], list[Path]]:
    """Workbooks to read and Office lock files, both sorted; ``exclude`` (the register, the output)
    is left out. Hidden folders are not entered."""
    skip = {p.resolve() for p in exclude}
    books: list[Path] = []
    locks: list[Path] = []
    walker: Iterator[tuple[str, list[str], list[str]]]
    if recursive:
        walker = os.walk(folder)
    else:
        walker = iter([(str(folder), [], [e.name for e in os.scandir(folder) if e.is_file()])])
    for root, dirs, files in walker:
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if not name.lower().endswith(SUFFIXES):
                continue
            path = Path(root, name)
            if name.startswith(LOCK_PREFIX):
                locks.append(path)
            elif not name.startswith(".~") and path.resolve() not in skip:
                books.append(path)
    return sorted(books), sorted(locks)


def relative(path: Path, folder: Path) -> str:
    try:
        return path.relative_to(folder).as_posix()
    except ValueError:
        return path.name


def read_one(path: Path, folder: Path) -> FileResult:
    """One workbook into a FileResult; never raises."""
    name = relative(path, folder)
    try:
        mtime = path.stat().st_mtime
    except OSError:
        mtime = 0.0
    try:
        sub = read_grids(load_grids(path, SCHOOL.sheets_to_read()), name, SCHOOL)
        findings = validate(sub, SCHOOL)
        return FileResult(name, mtime, summarise(sub, findings, FileFacts(name, mtime)))
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
    """Every file's result, lock files first, then workbooks as they finish (order not fixed).

    ``workers``: processes to use (default: every core); 1 reads in this process.
    """
    books, locks = find_files(folder, recursive=recursive, exclude=exclude)
    for lock in locks:
        yield FileResult(
            relative(lock, folder),
            failure=FileStatus.SKIPPED,
            reason="Tệp tạm do Excel tạo khi tệp gốc đang mở; đóng tệp gốc trong Excel rồi tổng "
            "hợp lại nếu tệp gốc chưa được lưu",
        )
    total = len(books)
    done = 0
    if progress:
        progress(0, total)
    workers = workers or os.cpu_count() or 1
    if workers <= 1 or total < PARALLEL_FROM:
        for path in books:
            yield read_one(path, folder)
            done += 1
            if progress:
                progress(done, total)
        return
    chunks = [books[i : i + CHUNK] for i in range(0, total, CHUNK)]
    with ProcessPoolExecutor(
        max_workers=min(workers, len(chunks)),
        initializer=bind_to_parent,  # workers end when the merge dies, kill -9 included
        initargs=(os.getpid(),),
    ) as pool:
        for results in pool.map(_read_chunk, chunks, [folder] * len(chunks)):
            yield from results
            done += len(results)
            if progress:
                progress(done, total)


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
