"""Writing outputs safely: atomically, never over an existing file unless asked, with safe names."""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from outreach_xl.errors import OutputError

# Names Windows refuses for a file, whatever the extension.
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10))}
_RESERVED |= {f"LPT{i}" for i in range(1, 10)}


def ascii_name(text: str, fallback: str = "TEP", limit: int = 40) -> str:
    """A file-name part from any text: ASCII letters and digits only (Đ -> D), never reserved."""
    text = unicodedata.normalize("NFC", text or "").replace("Đ", "D").replace("đ", "d")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^A-Za-z0-9]+", "", text)[:limit]
    if not text or text.upper() in _RESERVED:
        text = f"{fallback}{text}"
    return text


def check_target(path: Path, *, force: bool) -> None:
    """Refuse an existing output unless --force, and a folder that does not exist."""
    if path.exists() and not force:
        raise OutputError(
            "Tệp kết quả đã có, chương trình không ghi đè",
            fix="Đổi tên tệp kết quả (-o), xóa tệp cũ, hoặc thêm --force để ghi đè",
            file=str(path),
        )
    if not path.parent.is_dir():
        raise OutputError(
            "Thư mục để ghi kết quả không tồn tại",
            fix="Tạo thư mục đó hoặc chọn nơi lưu khác (-o)",
            file=str(path),
        )


@contextmanager
def atomic_target(path: str | os.PathLike[str], *, force: bool = False) -> Iterator[Path]:
    """A temporary path beside the target; renamed into place only when the block succeeds.

    An interrupted write leaves the previous file (if any) intact and no half-written output.
    """
    target = Path(path)
    check_target(target, force=force)
    try:
        fd, tmp = tempfile.mkstemp(prefix=".~outreach-", suffix=target.suffix, dir=target.parent)
        os.close(fd)
    except OSError as exc:
        raise OutputError(
            f"Không ghi được vào thư mục ({exc.strerror})",
            fix="Chọn thư mục khác hoặc kiểm tra quyền ghi",
            file=str(target),
        ) from None
    try:
        yield Path(tmp)
        if not force and target.exists():
            raise OutputError(
                "Tệp kết quả vừa được tạo bởi chương trình khác, không ghi đè",
                fix="Chạy lại, hoặc thêm --force để ghi đè",
                file=str(target),
            )
        os.replace(tmp, target)
    except OSError as exc:
        raise OutputError(
            f"Không ghi được tệp ({exc.strerror}); có thể tệp đang mở trong Word hoặc Excel",
            fix="Đóng tệp đang mở rồi thử lại, hoặc chọn tên khác",
            file=str(target),
        ) from None
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def write_atomic(path: str | os.PathLike[str], data: bytes, *, force: bool = False) -> Path:
    """Write bytes atomically: a temporary file beside the target, flushed, then renamed."""
    with atomic_target(path, force=force) as tmp, tmp.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    return Path(path)
