"""Driving ``outreach_xl.excel`` through xlwings' remote engine, the way Excel's buttons would.

The payload is the one xlwings' VBA client sends (``addin/Remote.bas``: client, version, book name,
active sheet, selection, names, and per worksheet its name, pictures, tables and values from A1 to
the end of the used range; empty cells null, dates ISO 8601 strings). The values come from a real
workbook file read by python-calamine. The book's name is given as a full path so that
``book.fullname`` has a folder, as it has in desktop Excel.

The remote engine is xlwings PRO code (PolyForm Noncommercial): it serves these tests only.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

import xlwings as xw

from outreach_xl.files.reader import load_grids


def _cell(value: Any) -> Any:
    if value == "" or value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S.000Z")
    if isinstance(value, dt.date):
        return f"{value.isoformat()}T00:00:00.000Z"
    return value


def payload(
    path: Path,
    name: str | None = None,
    extra: Mapping[str, Sequence[Sequence[Any]]] | None = None,
) -> dict[str, Any]:
    """The JSON xlwings' VBA client would send for the workbook at ``path``."""
    sheets = []
    grids = dict(load_grids(path))
    grids.update(extra or {})
    for sheet_name, grid in grids.items():
        values = [[_cell(v) for v in row] for row in grid] or [[]]
        sheets.append({"name": sheet_name, "pictures": [], "tables": [], "values": values})
    return {
        "client": "VBA",
        "version": xw.__version__,
        "book": {"name": name or str(path), "active_sheet_index": 0, "selection": "A1"},
        "names": [],
        "sheets": sheets,
    }


def caller(data: dict[str, Any]) -> xw.Book:
    """A remote Book from the payload, set as what ``xw.Book.caller()`` returns."""
    book = xw.Book(json=data)
    book.set_mock_caller()
    return book


def actions(book: xw.Book, func: str | None = None) -> list[dict[str, Any]]:
    found = book.json()["actions"]
    return [a for a in found if func is None or a["func"] == func]


def alerts(book: xw.Book) -> list[tuple[str, str]]:
    """(text, mode) of every message box queued."""
    return [(a["args"][0], a["args"][3]) for a in actions(book, "alert")]


def sheet_index(book: xw.Book, name: str) -> int:
    return [s.name for s in book.sheets].index(name)


def written_values(book: xw.Book, sheet: str) -> Iterator[tuple[int, int, list[list[Any]]]]:
    """(row, column, values) of every setValues on a sheet, 0-based."""
    position = sheet_index(book, sheet)
    for action in actions(book, "setValues"):
        if action["sheet_position"] == position:
            yield action["start_row"], action["start_column"], action["values"]


def painted(book: xw.Book, sheet: str) -> dict[tuple[int, int], str]:
    """(row, column) -> colour of every single-cell setRangeColor on a sheet, the last wins."""
    position = sheet_index(book, sheet)
    colours = {}
    for action in actions(book, "setRangeColor"):
        if action["sheet_position"] == position and action["row_count"] == 1:
            colours[(action["start_row"], action["start_column"])] = action["args"][0]
    return colours
