"""Module sources from files: our macros in `xl_macros/`, xlwings' VBA from the installed package.

The xlwings VBA module must come from the xlwings version the Python side runs (pinned in
pyproject.toml), so it is read from the installed package, never copied into this repository.
"""

from __future__ import annotations

import re
from pathlib import Path

from outreach_xl.vba.project import Module, ModuleKind, VbaProjectError

__all__ = ["macro_module", "macros_dir", "outreach_modules", "xlwings_dir", "xlwings_modules"]

_KINDS = {".bas": ModuleKind.STANDARD, ".cls": ModuleKind.CLASS}
_VB_NAME = re.compile(r'^\s*Attribute\s+VB_Name\s*=\s*"([^"]*)"', re.IGNORECASE | re.MULTILINE)


def macro_module(path: str | Path) -> Module:
    """A Module from a .bas (standard) or .cls (class) file; its name from `Attribute VB_Name`.

    The file must be ASCII (the project's code page is 1252, and our text for users lives in
    Python). Without an `Attribute VB_Name` line the file name (without suffix) is the name.
    """
    path = Path(path)
    kind = _KINDS.get(path.suffix.lower())
    if kind is None:
        raise VbaProjectError(
            "Tệp mã VBA phải có đuôi .bas (mô-đun) hoặc .cls (lớp)",
            file=str(path),
            fix="Đổi đuôi tệp, hoặc chọn đúng tệp",
        )
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise VbaProjectError(
            f"Không đọc được tệp mã VBA: {error.strerror}",
            file=str(path),
            fix="Kiểm tra đường dẫn và quyền đọc tệp",
        ) from error
    try:
        text = raw.decode("ascii")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise VbaProjectError(
            f"Tệp mã VBA có byte không phải ASCII ({raw[error.start]:#04x}) ở dòng {line}",
            file=str(path),
            fix="Mã VBA chỉ dùng ASCII; chữ người dùng thấy phải đặt trong Python",
        ) from error
    match = _VB_NAME.search(text)
    name = match.group(1) if match else path.stem
    return Module(name=name, kind=kind, source=text)


def macros_dir() -> Path:
    """Our .bas files: `outreach_xl/_xl_macros` in a wheel, `xl_macros/` in a checkout."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "_xl_macros", package.parent.parent / "xl_macros"):
        if candidate.is_dir():
            return candidate
    raise VbaProjectError(
        "Không tìm thấy thư mục macro xl_macros của outreach-xl",
        fix="Cài lại outreach-xl (gói bị thiếu tệp), hoặc chạy từ thư mục mã nguồn",
    )


def outreach_modules(*file_names: str) -> list[Module]:
    """Our macro modules by file name, e.g. outreach_modules("school.bas")."""
    return [macro_module(macros_dir() / name) for name in file_names]


def xlwings_dir() -> Path:
    """The installed xlwings package folder (holds xlwings.bas and addin/Dictionary.cls)."""
    import xlwings  # deferred: only needed when building workbooks

    return Path(xlwings.__file__).resolve().parent


def xlwings_modules() -> list[Module]:
    """xlwings' VBA as shipped with the installed xlwings: module `xlwings`, class `Dictionary`."""
    folder = xlwings_dir()
    modules = [
        macro_module(folder / "xlwings.bas"),
        macro_module(folder / "addin" / "Dictionary.cls"),
    ]
    names = [module.name for module in modules]
    if names != ["xlwings", "Dictionary"]:
        raise VbaProjectError(
            f"Mã VBA của xlwings không như mong đợi: các mô-đun {names}",
            file=str(folder),
            fix="Cài đúng phiên bản xlwings ghi trong pyproject.toml",
        )
    return modules
