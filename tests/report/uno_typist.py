"""Run by Debian's /usr/bin/python3 (the one that can ``import uno``), never by pytest itself.

    /usr/bin/python3 uno_typist.py BLANK_WORKBOOK TARGET ENTRIES_JSON PROFILE_DIR

Opens a blank school workbook in a private headless LibreOffice and types a school's entries into
it the way a clerk does: each value entered in its cell as typed text (LibreOffice turns "18" into a
number and "2020-12-28" into a date, as it does under the keyboard), table rows below their header
by column title; then saves it as .xlsx. ENTRIES_JSON holds ``{"fields": {key: text}, "tables":
{key: [{column title: text}]}}``.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path

import uno  # type: ignore[import-not-found]

# Starting a private LibreOffice and talking to it: the same helpers as the button checks.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "excel"))
from uno_driver import prop, start


def type_entries(doc, entries):
    fields, tables = entries.get("fields", {}), entries.get("tables", {})
    for name in doc.Sheets.ElementNames:
        sheet = doc.Sheets.getByName(name)
        for row in range(80):
            key = sheet.getCellByPosition(0, row).getString()  # column A: the row's key
            if key in fields:
                sheet.getCellByPosition(2, row).setFormula(str(fields[key]))
            if key.startswith("#table:") and key[7:] in tables:
                heads = [
                    sheet.getCellByPosition(c, row).getString().rstrip(" *") for c in range(1, 8)
                ]
                for i, record in enumerate(tables[key[7:]]):
                    for title, text in record.items():
                        cell = sheet.getCellByPosition(1 + heads.index(title), row + 1 + i)
                        cell.setFormula(str(text))


def main():
    blank, target, entries_path, profile = sys.argv[1:5]
    with open(entries_path, encoding="utf-8") as handle:
        entries = json.load(handle)
    process, ctx = start(profile)
    try:
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL(
            uno.systemPathToFileUrl(os.path.abspath(blank)), "_blank", 0, (prop("Hidden", True),)
        )
        type_entries(doc, entries)
        doc.storeToURL(
            uno.systemPathToFileUrl(os.path.abspath(target)),
            (prop("FilterName", "Calc MS Excel 2007 XML"),),
        )
        doc.close(True)
    finally:
        with contextlib.suppress(Exception):  # the desktop may never have been reached
            desktop.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


if __name__ == "__main__":
    main()
