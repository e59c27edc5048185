"""One exception hierarchy: each error says in Vietnamese where the problem is and how to fix it.

Every error is split by its cause, so a caller can catch a whole family and a reader sees them all
in one place (the builtin in brackets is also a base: ``except ValueError`` catches it too)::

    OutreachError                      everything below: .user_message(), .as_dict(), .exit_code
    ├── InputError                     something the user gave us cannot be used as it is
    │   ├── InputNotFound [FileNotFoundError]  an input file or folder that is not there
    │   ├── UnreadableFile             not a workbook we can open (damaged, encrypted, .xls)
    │   ├── NotOurWorkbook             a workbook, but not made from an outreach-xl template
    │   │   └── OwnOutput              one of our own outputs (a roll-up) among the inputs
    │   ├── UnsupportedTemplate        our workbook, from a template version we do not know
    │   ├── MissingPart [LookupError]  a sheet, field or table column of the template was deleted
    │   ├── InputTooLarge              past the limits that keep memory and time bounded
    │   ├── ValidationFailed           entries with errors: no report from them yet (exit code 1)
    │   │   ├── ReportBlocked          (app/school.py) ... and the findings that block the report
    │   │   └── ConfigBlocked          (app/district.py) ... of the district workbook
    │   └── WrongPrevious              last year's roll-up: a later year, or another unit
    ├── TemplateError                  a Word report template that is missing or uses an unknown tag
    ├── OutputError                    an output that cannot be written (exists, no folder, locked)
    └── DeveloperError [RuntimeError]  build time: our own sources are wrong, never the user's doing
        ├── VbaProjectError            (vba/project.py) a module that cannot go into a VBA project
        ├── VbaCompressionError        (vba/compression.py) [MS-OVBA] 2.4.1 data that is not valid
        └── CfbError                   (vba/cfb.py) a tree that cannot be written as a compound file

Builtins are bases only where no guard can mistake ours for a library's: ``InputError`` is not a
``ValueError`` (the reader's guards catch the ``ValueError`` of zipfile and calamine and would
reword ours as "damaged file"), and ``OutputError`` is not an ``OSError`` (the atomic writer turns
the ``OSError`` of a failed write into an ``OutputError`` and must not catch its own).

Anything else that escapes is a bug: the command line, the buttons and the merge's tracker say so
in Vietnamese (``unexpected_message``) and write the traceback to a file for support; with
``OUTREACH_XL_DEBUG=1`` set, the traceback is printed on stderr as well (``debug_enabled``).
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

DEBUG_VARIABLE = "OUTREACH_XL_DEBUG"
"""Set to 1 to print the traceback of an unexpected error (for developers; users never need it)."""


def debug_enabled() -> bool:
    """Whether a developer asked for tracebacks: ``OUTREACH_XL_DEBUG`` set, and not to 0."""
    return os.environ.get(DEBUG_VARIABLE, "").strip() not in ("", "0")


def _show(value: Any, limit: int = 80) -> str:
    """A value as the user typed it, cut short so one huge cell cannot flood a message."""
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# What the operating system says, in the user's words (its own text is English on most machines).
_OS_REASONS = {
    errno.ENOENT: "không tìm thấy tệp hoặc thư mục",
    errno.EACCES: "không có quyền đọc hoặc ghi",
    errno.EPERM: "không có quyền đọc hoặc ghi",
    errno.EISDIR: "đây là một thư mục, không phải tệp",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
    errno.EEXIST: "đã có tệp hoặc thư mục cùng tên",
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EROFS: "ổ đĩa chỉ cho đọc, không cho ghi",
    errno.EBUSY: "tệp đang được chương trình khác dùng",
    errno.ENAMETOOLONG: "tên tệp hoặc đường dẫn quá dài",
    errno.EINVAL: "tên tệp không hợp lệ",
    errno.EMFILE: "máy đang mở quá nhiều tệp",
}


def os_reason(exc: OSError) -> str:
    """Why the system refused, in Vietnamese (never the system's English text)."""
    if getattr(exc, "winerror", None) == 32:  # Windows: another program has the file open
        return "tệp đang mở ở chương trình khác"
    reason = _OS_REASONS.get(exc.errno or 0)
    if reason:
        return reason
    return f"lỗi hệ thống số {exc.errno}" if exc.errno else "lỗi hệ thống"


BUG_LOG = "outreach-xl-loi.txt"


def unexpected_message(what: str = "LỖI không mong đợi trong chương trình") -> str:
    """What a user reads for a bug (call it inside ``except``): no class name, no English; the
    traceback goes to a file in the temporary folder for the support person, and to stderr too
    when ``OUTREACH_XL_DEBUG=1``."""
    import tempfile
    import traceback

    path = Path(tempfile.gettempdir()) / BUG_LOG
    if debug_enabled():  # a developer asked to see it (OUTREACH_XL_DEBUG=1)
        traceback.print_exc()
    try:
        path.write_text(traceback.format_exc(), encoding="utf-8")
        kept = f" Chi tiết kỹ thuật đã ghi vào tệp «{path}»."
    except OSError:
        kept = ""
    return (
        f"{what}. Tệp của bạn không bị thay đổi. Hãy gửi thông báo này kèm tệp cho người hỗ trợ "
        f"kỹ thuật.{kept}"
    )


class OutreachError(Exception):
    """Base of every error a user may meet: what is wrong, where, and what to do about it."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        fix: str = "",
        file: str | None = None,
        sheet: str | None = None,
        cell: str | None = None,
        value: Any = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix
        self.file = file
        self.sheet = sheet
        self.cell = cell
        self.value = value

    def located(self, file: str) -> OutreachError:
        """Attach the file name when the layer that raised did not know it."""
        if self.file is None:
            self.file = file
        return self

    def where(self) -> str:
        """'Tệp «x», trang «y», ô C5' with whatever parts are known."""
        parts = []
        if self.file:
            parts.append(f"Tệp «{self.file}»")
        if self.sheet:
            parts.append(f"trang «{self.sheet}»")
        if self.cell:
            parts.append(f"ô {self.cell}")
        return ", ".join(parts)

    def user_message(self) -> str:
        """The whole message shown to a user: place, value, problem, fix."""
        text = self.message
        where = self.where()
        if self.value not in (None, ""):
            text = f"{text} (giá trị: «{_show(self.value)}»)"
        if where:
            text = f"{where}: {text}"
        if self.fix:
            text = f"{text}. Cách sửa: {self.fix.rstrip('.')}."
        return text

    def as_dict(self) -> dict[str, Any]:
        """Plain data for --json output."""
        return {
            "error": type(self).__name__,
            "file": self.file,
            "sheet": self.sheet,
            "cell": self.cell,
            "value": None if self.value is None else _show(self.value, 200),
            "message": self.message,
            "fix": self.fix,
        }

    def __str__(self) -> str:
        return self.user_message()


# --- Input: what the user gave us -----------------------------------------------------------------


class InputError(OutreachError):
    """Something the user gave us (a file, a folder, the entries in a workbook) cannot be used."""


class InputNotFound(InputError, FileNotFoundError):
    """A file or folder named as an input does not exist."""


class UnreadableFile(InputError):
    """The file is not a workbook we can open (not a zip, damaged, encrypted, .xls, ...)."""


class NotOurWorkbook(InputError):
    """A readable workbook that was not made from an outreach-xl template."""


class OwnOutput(NotOurWorkbook):
    """A file outreach-xl wrote itself (a roll-up), found among the schools' files: skipped."""


class UnsupportedTemplate(InputError):
    """Our workbook, but from a template version this program does not know."""


class MissingPart(InputError, LookupError):
    """A sheet, field or table column of the template is gone (deleted or renamed)."""


class InputTooLarge(InputError):
    """A file or cell past the limits that keep memory and time bounded."""


class ValidationFailed(InputError):
    """Entries have errors, so a report cannot be made from them yet."""

    exit_code = 1


class WrongPrevious(InputError):
    """Last year's file is not one this year can follow: a later year, or another merging unit."""


# --- Template, output -----------------------------------------------------------------------------


class TemplateError(OutreachError):
    """A Word report template that is missing or uses a tag we do not know."""


class OutputError(OutreachError):
    """An output that cannot be written (exists already, folder missing, no permission)."""


# --- Build time: the developers' side -------------------------------------------------------------


class DeveloperError(OutreachError, RuntimeError):
    """Our own sources are wrong (a VBA module, a compound-file tree): found when we build the
    workbooks, never caused by what a user typed. The VBA writer's errors derive from it."""
