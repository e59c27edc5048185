"""Start-menu entry of the Windows installer: make this year's workbook in Documents and open it.

    pythonw.exe lam_tep.pyw truong      the school workbook   BaoCao_TTDN_<year>.xlsm
    pythonw.exe lam_tep.pyw donvi       the district workbook TongHop_TTDN_<year>.xlsm
    python.exe  lam_tep.pyw truong --no-open --documents DIR    (the Wine smoke test)

The file goes to "<Documents>\\Báo cáo TTĐN". An existing file is opened, never replaced: it may
hold a year of the clerk's work. The workbook is made by ``python -m outreach_xl new`` run with the
pythonw.exe beside this Python, so its xlwings.conf sheet names that pythonw.exe (see
``outreach_xl.xlsm.interpreter_conf``) and the buttons start the bundled Python. Errors go to a
message box: pythonw has no console.
"""

from __future__ import annotations

import argparse
import ctypes
import datetime as dt
import os
import subprocess
import sys
import uuid
from pathlib import Path

FOLDER_NAME = "Báo cáo TTĐN"
STEMS = {"truong": "BaoCao_TTDN", "donvi": "TongHop_TTDN"}
TITLE = "outreach-xl"


def documents_dir() -> Path:
    """The user's Documents folder as Explorer shows it (it may be redirected, e.g. to OneDrive)."""
    if sys.platform == "win32":
        folder_id = uuid.UUID("{FDD39AD0-238F-46AF-ADB4-6C85480369C7}")  # FOLDERID_Documents
        guid = (ctypes.c_byte * 16).from_buffer_copy(folder_id.bytes_le)
        path = ctypes.c_wchar_p()
        shell32 = ctypes.windll.shell32  # type: ignore[attr-defined]
        if shell32.SHGetKnownFolderPath(ctypes.byref(guid), 0, None, ctypes.byref(path)) == 0:
            try:
                return Path(path.value or "")
            finally:
                ctypes.windll.ole32.CoTaskMemFree(path)  # type: ignore[attr-defined]
    return Path.home() / "Documents"


def tell(message: str, error: bool = False) -> None:
    if sys.platform == "win32" and (sys.stdout is None or "pythonw" in sys.executable.lower()):
        flags = 0x10 if error else 0x40  # MB_ICONERROR / MB_ICONINFORMATION
        ctypes.windll.user32.MessageBoxW(None, message, TITLE, flags)  # type: ignore[attr-defined]
    else:
        print(message, file=sys.stderr if error else sys.stdout)


def windowless_python() -> str:
    """pythonw.exe beside this interpreter (no console window), else this interpreter."""
    pythonw = Path(sys.executable).with_name("pythonw.exe")
    return str(pythonw) if pythonw.is_file() else sys.executable


def make_workbook(kind: str, documents: Path, year: int) -> Path:
    folder = documents / FOLDER_NAME
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{STEMS[kind]}_{year}.xlsm"
    if path.exists():
        return path
    command = [windowless_python(), "-m", "outreach_xl", "new", "--output", str(path)]
    if kind == "donvi":
        command.append("--district")
    done = subprocess.run(
        command,
        capture_output=True,
        cwd=folder,
        creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
        check=False,
    )
    if done.returncode != 0 or not path.is_file():
        output = (done.stdout + done.stderr).decode("utf-8", errors="replace").strip()
        raise RuntimeError(f"Không tạo được tệp {path}:\n{output}")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="lam_tep.pyw")
    parser.add_argument("kind", choices=sorted(STEMS))
    parser.add_argument("--documents", type=Path, help="thay cho thư mục Documents (kiểm thử)")
    parser.add_argument("--year", type=int, default=dt.date.today().year)
    parser.add_argument("--no-open", action="store_true", help="chỉ tạo tệp, không mở")
    args = parser.parse_args(argv)
    try:
        path = make_workbook(args.kind, args.documents or documents_dir(), args.year)
    except Exception as error:  # a message box rather than a silent pythonw death
        tell(str(error), error=True)
        return 1
    if args.no_open:
        if sys.stdout is not None:
            sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
            print(path)
    elif hasattr(os, "startfile"):
        try:
            os.startfile(path)  # Excel, or whatever opens .xlsm on this machine
        except OSError as error:
            tell(f"Đã tạo tệp {path}\nnhưng không mở được ({error}). Hãy mở tệp bằng Excel.", True)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
