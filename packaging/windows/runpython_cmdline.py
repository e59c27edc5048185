"""Start Python the way a button's RunPython does, through cmd.exe, and check what arrives.

Run by smoke.sh with the installed python.exe under Wine:

    python.exe runpython_cmdline.py WORKBOOK.xlsm

It reads Interpreter_Win from the workbook's xlwings.conf sheet, builds the command line that
xlwings 0.37.8's VBA (``ExecuteWindows`` in xlwings.bas) builds for ``RunPython``, and starts it
with CreateProcessW, as ``WScript.Shell.Run`` does: ``cmd.exe /C <drive> & cd "<python dir>" &
"<pythonw.exe>" -B -c "import xlwings.utils;xlwings.utils.prepare_sys_path(\\"...\\"); <command>"
--wb="<name>" ... 2> "<log>"``. The command writes what Python received: the workbook's folder
must be on sys.path with its Vietnamese letters intact, and ``--wb=`` must carry the name.
Wine's cmd.exe is not Windows' own, so this is evidence, not proof (see docs/excel-check.md).
"""

from __future__ import annotations

import json
import ntpath
import os
import subprocess
import sys
import tempfile

from python_calamine import CalamineWorkbook


def interpreter_of(workbook: str) -> str:
    rows = CalamineWorkbook.from_path(workbook).get_sheet_by_name("xlwings.conf").to_python()
    return dict((row[0], row[1]) for row in rows if len(row) >= 2)["Interpreter_Win"]


def vba_command_line(workbook: str, python_win: str, python_command: str, log_file: str) -> str:
    """The string ExecuteWindows hands to WScript.Shell.Run (AddExcelDir true, no conda)."""
    pythonpath = (
        f"true;{workbook};{workbook};;;;"  # ADD_WORKBOOK..., Active/ThisFullName, OneDrive...
    )
    pythonpath = pythonpath.replace("&", "^&").replace("\\", "\\\\")
    python_dir = ntpath.dirname(python_win)
    drive_command = f'{python_win[:2]} & cd "{python_dir}" & '
    run_command = (
        f'"{python_win}" -B -c "import xlwings.utils;'
        f'xlwings.utils.prepare_sys_path(\\"{pythonpath}\\"); {python_command}" '
    )
    name = ntpath.basename(workbook)
    app = r"C:\Program Files\Microsoft Office\root\Office16\EXCEL.EXE"
    return (
        f'cmd.exe /C {drive_command}{run_command} --wb="{name}" --from_xl=1 --app="{app}"'
        f' --hwnd="1234" 2> "{log_file}" '
    )


def main() -> int:
    sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    workbook = os.path.abspath(sys.argv[1])
    python_win = interpreter_of(workbook)
    scratch = tempfile.mkdtemp(prefix="runpython-")
    out = os.path.join(scratch, "received.json")
    log = os.path.join(scratch, "xlwings.log")
    command = (
        "import sys, json; "
        f"open(r'{out}', 'w', encoding='utf-8').write(json.dumps([sys.path, sys.argv]))"
    )
    line = vba_command_line(workbook, python_win, command, log)
    code = subprocess.run(line, check=False).returncode
    if code != 0 or not os.path.exists(out):
        with open(log, encoding="utf-8", errors="replace") as handle:
            print(f"FAIL: exit {code}, log: {handle.read()}\ncommand line: {line}")
        return 1
    with open(out, encoding="utf-8") as handle:
        path, argv = json.load(handle)
    folder = os.path.dirname(workbook).casefold()
    if folder not in (entry.casefold() for entry in path):
        print(f"FAIL: {folder} not on sys.path: {path}")
        return 1
    wb = f"--wb={os.path.basename(workbook)}"
    if wb not in argv:
        print(f"FAIL: {wb} not in argv: {argv}")
        return 1
    print(f"   RunPython's command line through cmd.exe: {os.path.dirname(workbook)} on sys.path")
    return 0


if __name__ == "__main__":
    sys.exit(main())
