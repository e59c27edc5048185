"""Writing outputs safely: one mechanism for every command and button.

- An output is never the same file as something the command reads (an input, the register, a
  template), whatever the flags: compared by resolved path and by ``os.path.samefile``, so links
  and hard links are caught too (``check_target``).
- Each command names the extensions it writes; ``output_path`` refuses any other and turns a
  folder into the default file name inside it.
- Writing goes to a temporary file of ours beside the target (``.~outreach-<pid>-<host>-<token>``),
  created with the umask's normal mode, flushed to disk, then put in place: exclusively when the
  target must not exist (``os.link``: of two runs racing for the same new name exactly one wins),
  atomically with ``--force`` (``os.replace``). An interrupted write leaves the previous file
  intact; a temporary left by a killed run is removed by the next run writing beside it.
- A full disk, a missing permission or a file held open by Word become a Vietnamese
  ``OutputError`` (exit code 2) and leave the previous output as it was.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import secrets
import shutil
import socket
import stat
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path

from outreach_xl.core.formats import thousands
from outreach_xl.errors import OutputError

# Names Windows refuses for a file, whatever the extension.
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10))}
_RESERVED |= {f"LPT{i}" for i in range(1, 10)}

TEMP_PREFIX = ".~outreach-"
# Ours, exactly: .~outreach-<pid>-<6 hex of the host name>-<8 hex><.suffix>
_TEMP = re.compile(r"^\.~outreach-(\d{1,10})-([0-9a-f]{6})-[0-9a-f]{8}(\.[A-Za-z0-9]{1,8})?$")
# What versions before this one left (tempfile.mkstemp names), removed only once old.
_OLD_TEMP = re.compile(r"^\.~outreach-[a-z0-9_]{8}\.(docx|pdf|xlsx|xlsm)$")
_REASONS = {
    errno.ENOENT: "thư mục vừa bị xóa hoặc đổi tên",
    errno.ENAMETOOLONG: "tên tệp hoặc đường dẫn quá dài",
    errno.EIO: "lỗi đọc ghi của ổ đĩa",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
    errno.EISDIR: "tên tệp đang là tên một thư mục",
    errno.EBUSY: "tệp đang được chương trình khác dùng",
    errno.EXDEV: "tệp tạm và tệp kết quả ở hai ổ đĩa khác nhau",
}
STALE_AFTER = 3600.0  # seconds: no write of ours takes an hour
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}
_NO_RIGHT = {errno.EACCES, errno.EPERM, errno.EROFS}


def ascii_name(text: str, fallback: str = "TEP", limit: int = 40) -> str:
    """A file-name part from any text: ASCII letters and digits only (Đ -> D), never reserved.

    Not ``core.choices.fold``, which compares texts: a name keeps its letters' case (``MGMA``)."""
    text = unicodedata.normalize("NFC", text or "").replace("Đ", "D").replace("đ", "d")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^A-Za-z0-9]+", "", text)[:limit]
    if not text or text.upper() in _RESERVED:
        text = f"{fallback}{text}"
    return text


# --- Where to write ------------------------------------------------------------------------------


def output_path(
    output: str | os.PathLike[str] | None,
    default: str | os.PathLike[str],
    *,
    suffixes: Sequence[str],
    other: str = "",
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> Path:
    """The file a command writes: ``output``, or ``default`` when it is None; an existing folder
    given as ``output`` means ``default``'s name inside it.

    The name must end with one of ``suffixes`` (the first is the one suggested); ``other`` is an
    extra hint for the fix (e.g. which flag makes another extension valid). Naming one of
    ``inputs`` is refused first, whatever its extension.
    """
    default = Path(default)
    if output is None:
        return default
    path = Path(output)
    if path.is_dir():
        return path / default.name
    refuse_inputs(path, inputs)
    if path.suffix.lower() not in {s.lower() for s in suffixes}:
        expected = path.with_name(f"{path.stem if path.suffix else path.name}{suffixes[0]}")
        listed = ", ".join(suffixes)
        raise OutputError(
            f"Tên tệp kết quả phải có đuôi {listed}, chương trình không ghi tệp đuôi "
            f"«{path.suffix or '(không có)'}»",
            fix=f"Đặt tên tệp kết quả là «{expected.name}»{other}",
            file=str(path),
        )
    return path


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether two paths name one file: same resolved path, or (both existing) same file on disk,
    which catches symbolic and hard links and case-insensitive file systems."""
    with suppress(OSError, ValueError):
        if os.path.samefile(a, b):
            return True
    with suppress(OSError, ValueError):
        return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))
    return False


def refuse_inputs(target: Path, inputs: Iterable[str | os.PathLike[str]]) -> None:
    """Refuse an output that is the same file as one of ``inputs``, whatever the flags."""
    same = _same_file_as(target)
    for source in inputs:
        if same(source):
            raise OutputError(
                f"Tệp kết quả trùng với tệp đầu vào «{Path(source).name}»; chương trình không "
                "bao giờ ghi đè tệp đầu vào (tệp của trường, tệp tổng hợp, mẫu Word), kể cả khi "
                "có --force",
                fix="Chọn tên tệp kết quả khác (-o), ví dụ trong một thư mục khác",
                file=str(target),
            )


def _same_file_as(a: str | os.PathLike[str]) -> Callable[[str | os.PathLike[str]], bool]:
    """``same_file(a, b)`` as a test of ``b`` alone, ``a``'s side worked out once: a merge checks
    its output against every school file, tens of thousands of them.

    On POSIX a ``b`` whose last part is not a link resolves to its resolved folder and that part's
    name, so when the name is not that of ``a`` resolved the resolved paths differ: only the file
    identity is compared, and ``b`` is not resolved.
    """
    try:
        a_info: os.stat_result | None = os.stat(a)
    except (OSError, ValueError):
        a_info = None
    try:
        a_real: str | None = os.path.normcase(os.path.realpath(a))
    except (OSError, ValueError):
        a_real = None
    a_name = os.path.basename(a_real) if a_real is not None else ""
    posix = os.name == "posix"

    def same(b: str | os.PathLike[str]) -> bool:
        if a_info is not None:
            with suppress(OSError, ValueError):
                if os.path.samestat(a_info, os.stat(b)):
                    return True
        if a_real is None:
            return False
        if posix and _resolves_to_own_name(b, a_name):
            return False
        with suppress(OSError, ValueError):
            return os.path.normcase(os.path.realpath(b)) == a_real
        return False

    return same


def _resolves_to_own_name(path: str | os.PathLike[str], other: str) -> bool:
    """Whether ``path`` (POSIX) surely resolves to a path ending in its own last part, which is
    not ``other``: a name (not ``.``, ``..``, empty) that is not a link."""
    name = os.path.basename(os.fspath(path))
    if name in ("", ".", "..", other):
        return False
    try:
        return not stat.S_ISLNK(os.lstat(path).st_mode)
    except (OSError, ValueError):
        return False


def check_target(
    path: str | os.PathLike[str],
    *,
    force: bool,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> None:
    """Refuse an output that is one of ``inputs`` (always, even with ``force``), an existing file
    unless ``force``, a folder, and a folder that does not exist."""
    target = Path(path)
    refuse_inputs(target, inputs)
    if target.is_dir():
        raise OutputError(
            "Tên tệp kết quả đang là tên một thư mục",
            fix="Chọn tên tệp khác (-o)",
            file=str(target),
        )
    if (target.exists() or target.is_symlink()) and not force:
        raise OutputError(
            "Tệp kết quả đã có, chương trình không ghi đè",
            fix="Đổi tên tệp kết quả (-o), xóa tệp cũ, hoặc thêm --force để ghi đè tệp kết quả cũ",
            file=str(target),
        )
    if not target.parent.is_dir():
        raise OutputError(
            "Thư mục để ghi kết quả không tồn tại",
            fix="Tạo thư mục đó hoặc chọn nơi lưu khác (-o)",
            file=str(target),
        )


# --- Writing -------------------------------------------------------------------------------------


def write_atomic(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    force: bool = False,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> Path:
    """Write bytes: a temporary file beside the target, on disk, then put in place."""
    with atomic_target(path, force=force, inputs=inputs) as tmp:
        _write_all(tmp, data, Path(path))
    return Path(path)


@contextmanager
def atomic_target(
    path: str | os.PathLike[str],
    *,
    force: bool = False,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> Iterator[Path]:
    """A new empty temporary file beside the target, put in place only when the block succeeds.

    Whatever happens in the block (an error, Ctrl+C), the temporary file is removed and the
    previous target, if any, is left as it was.
    """
    target = Path(path)
    inputs = tuple(inputs)
    check_target(target, force=force, inputs=inputs)
    remove_stale_temporaries(target.parent)
    tmp = _create_temporary(target)
    try:
        try:
            yield tmp
        except OSError as exc:  # the caller's writing: a full disk, most likely
            raise _write_error(exc, target, stage="write") from None
        _sync(tmp, target)
        check_target(target, force=force, inputs=inputs)  # nothing changed while we wrote
        _put_in_place(tmp, target, force=force)
    finally:
        with suppress(OSError):
            os.unlink(tmp)


@contextmanager
def scratch_folder(path: str | os.PathLike[str]) -> Iterator[Path]:
    """A private folder beside the output for a writer's working files (XlsxWriter's rows), so
    no school data is left in the system's TMPDIR; removed afterwards, or by the next run if this
    one is killed. An OSError inside the block (a full disk) becomes an ``OutputError``."""
    target = Path(path)
    remove_stale_temporaries(target.parent)
    folder = target.with_name(temporary_name(".d"))
    try:
        os.mkdir(folder, 0o700)
    except OSError as exc:
        raise _write_error(exc, target, stage="create") from None
    try:
        yield folder
    except OSError as exc:
        raise _write_error(exc, target, stage="write") from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _host_tag() -> str:
    return hashlib.sha1(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:6]


def temporary_name(suffix: str) -> str:
    """A name of ours for a temporary file: our pid and host, so a later run knows it is stale."""
    return f"{TEMP_PREFIX}{os.getpid()}-{_host_tag()}-{secrets.token_hex(4)}{suffix}"


def _create_temporary(target: Path) -> Path:
    """An empty temporary file beside ``target``, created exclusively with mode 0666 so the
    umask gives it the mode of any file the user creates (mkstemp would give 0600)."""
    for _ in range(100):
        tmp = target.with_name(temporary_name(target.suffix))
        try:
            os.close(os.open(tmp, _CREATE, 0o666))
        except FileExistsError:
            continue
        except OSError as exc:
            raise _write_error(exc, target, stage="create") from None
        return tmp
    raise OutputError("Không tạo được tệp tạm", fix="Chọn thư mục khác (-o)", file=str(target))


def _write_all(tmp: Path, data: bytes, target: Path) -> None:
    try:
        with open(tmp, "r+b") as handle:
            handle.write(data)
            handle.flush()
    except OSError as exc:
        raise _write_error(exc, target, stage="write", size=len(data)) from None


def _sync(tmp: Path, target: Path) -> None:
    """Make the temporary file's content durable before it becomes the output."""
    try:
        fd = os.open(tmp, os.O_RDWR | getattr(os, "O_BINARY", 0))  # Windows flushes writers only
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        raise _write_error(exc, target, stage="write") from None


def _put_in_place(tmp: Path, target: Path, *, force: bool) -> None:
    """``force``: replace atomically. Otherwise create exclusively: a hard link fails if the
    target exists, so of two runs creating one new file exactly one succeeds."""
    try:
        if force:
            os.replace(tmp, target)
        else:
            _link_exclusive(tmp, target)
    except FileExistsError:
        raise OutputError(
            "Tệp kết quả vừa được một lần chạy khác tạo ra, chương trình không ghi đè",
            fix="Xem tệp đó; chạy lại với tên khác (-o), hoặc thêm --force để ghi đè",
            file=str(target),
        ) from None
    except OSError as exc:
        raise _write_error(exc, target, stage="replace") from None
    _sync_folder(target.parent)


def _link_exclusive(tmp: Path, target: Path) -> None:
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise
    except OSError:
        # A file system without hard links (FAT, some network shares): claim the name with an
        # exclusive create, then move the finished file onto it.
        os.close(os.open(target, _CREATE, 0o666))
        os.replace(tmp, target)


def _sync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    with suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_error(exc: OSError, target: Path, *, stage: str, size: int = 0) -> OutputError:
    """The Vietnamese message for an OSError while writing ``target``."""
    kept = "; tệp cũ (nếu có) vẫn giữ nguyên"
    if exc.errno in _DISK_FULL:
        need = f" (cần khoảng {thousands(max(size // 1024, 1))} KB)" if size else ""
        return OutputError(
            f"Ổ đĩa đã đầy, không ghi được tệp kết quả{need}{kept}",
            fix="Xóa bớt tệp để giải phóng chỗ trống trên ổ đĩa, hoặc chọn nơi lưu khác (-o)",
            file=str(target),
        )
    if stage == "replace" and isinstance(exc, PermissionError):
        return OutputError(
            f"Không thay được tệp kết quả cũ; có thể tệp đang mở trong Word hoặc Excel{kept}",
            fix="Đóng tệp đang mở rồi thử lại, hoặc chọn tên khác (-o)",
            file=str(target),
        )
    if exc.errno in _NO_RIGHT:
        what = "Ổ đĩa này chỉ cho đọc" if exc.errno == errno.EROFS else "Không có quyền ghi"
        return OutputError(
            f"{what}, không ghi được vào thư mục này{kept}",
            fix="Chọn thư mục khác (-o) hoặc nhờ người quản trị cấp quyền ghi",
            file=str(target),
        )
    reason = _REASONS.get(exc.errno or 0, f"lỗi hệ thống số {exc.errno}" if exc.errno else "")
    return OutputError(
        f"Không ghi được tệp{f' ({reason})' if reason else ''}{kept}",
        fix="Kiểm tra ổ đĩa và thư mục rồi thử lại, hoặc chọn nơi lưu khác (-o)",
        file=str(target),
    )


# --- Temporary files left by a killed run --------------------------------------------------------


def _alive(pid: int) -> bool:
    """Whether a process of this machine still runs (POSIX only; elsewhere assume it does)."""
    if os.name != "posix":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: another user's process
        return True
    return True


def is_stale_temporary(path: Path, *, now: float | None = None) -> bool:
    """Whether ``path`` is a temporary file of ours whose writer is gone.

    Ours by exact name only. Stale when written by a process of this machine that no longer
    runs, or (another machine's, or on Windows where a pid cannot be checked safely) when
    untouched for an hour; a file of the old naming only when an hour old.
    """
    name = path.name
    match = _TEMP.match(name)
    if match is None and _OLD_TEMP.match(name) is None:
        return False
    try:
        age = (time.time() if now is None else now) - path.lstat().st_mtime
    except OSError:
        return False
    if match is not None and match.group(2) == _host_tag() and os.name == "posix":
        pid = int(match.group(1))
        return pid != os.getpid() and not _alive(pid)
    return age > STALE_AFTER


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Remove the stale temporary files and folders of ours in ``folder`` (nothing else)."""
    removed: list[Path] = []
    try:
        entries = [e for e in os.scandir(folder) if e.name.startswith(TEMP_PREFIX)]
    except OSError:
        return removed
    for entry in entries:
        path = Path(entry.path)
        with suppress(OSError):
            if entry.is_symlink() or not is_stale_temporary(path):
                continue
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(path)
            else:
                os.unlink(path)
            removed.append(path)
    return removed
