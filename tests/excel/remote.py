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
import re
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


CALLED: list[xw.Book] = []  # every book made by ``caller``, for a check after the test


def caller(data: dict[str, Any]) -> xw.Book:
    """A remote Book from the payload, set as what ``xw.Book.caller()`` returns."""
    book = xw.Book(json=data)
    book.set_mock_caller()
    CALLED.append(book)
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


# --- What Excel would make of the writes ---------------------------------------------------------
# The remote engine queues values as JSON and applies nothing; desktop Excel writes each string
# through Range.Value as if it were typed, turning what looks like a number, a percentage, a date,
# a time or a boolean into one, and text starting with = + - @ into a formula (or an error). Only a
# cell formatted as text ("@") or a leading ' (never shown) keeps a string as it is.


class Formula(str):
    """Text Excel would take for a formula (``=x``, ``+x``, ``-x``, ``@x``, ``#N/A``)."""


class ExcelDate(str):
    """Text Excel would turn into a date or a time serial number (shown as a date)."""


_NUMBER = re.compile(
    r"""^[+-]?\(?[$€£₫]?\s*           # sign, accounting brackets, currency
        (\d[\d\s.,']*)?\d?             # digits with any grouping and decimal separators
        (\d|\.\d+|,\d+)                # at least one digit in the end
        ([eE][+-]?\d+)?\s*[%₫]?\)?$    # exponent, percent or dong sign, closing bracket
    """,
    re.VERBOSE,
)
_FRACTION = re.compile(r"^[+-]?\d+\s+\d+/\d+$")  # 3 1/2; a bare 1/2 is a date
_DATE = re.compile(
    r"""^(\d{1,4}[/.\-]\d{1,2}([/.\-]\d{1,4})?             # 1/2, 15/03/2020, 2020-03-15
        |\d{1,2}[\s\-]?[A-Za-z]{3,9}([\s\-]?\d{2,4})?      # 1-Jan, 1 Jan 2020
        |[A-Za-z]{3,9}[\s\-]\d{1,4}(,?\s\d{2,4})?          # Jan-2020, March 15, 2020
        )?(\s*\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*([AaPp][Mm])?)?$  # a time, alone or after
    """,
    re.VERBOSE,
)
_MONTHS = (
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
)  # fmt: skip
_ERROR = re.compile(r"^#(N/A|NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!|SPILL!|CALC!)$", re.IGNORECASE)
# How xlwings sends a Python date or datetime: Excel turning it back into a date is the intent.
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$")


def _looks_like_date(text: str) -> bool:
    if not _DATE.match(text) or not any(ch.isdigit() for ch in text):
        return False
    words = re.findall(r"[A-Za-z]+", text)
    return all(w.lower()[:3] in _MONTHS or w.lower() in ("am", "pm") for w in words)


def _number(text: str) -> float:
    """The number Excel (English settings) reads in a text that looks like one."""
    negative = text.startswith("-") or (text.startswith("(") and text.endswith(")"))
    percent = text.endswith("%")
    digits = re.sub(r"[^\d.,/eE ]", "", text).strip()
    if "/" in digits:
        whole, _, fraction = digits.rpartition(" ")
        top, bottom = fraction.split("/")
        number = float(whole or 0) + int(top) / max(int(bottom), 1)
    else:
        digits = digits.replace(" ", "")
        if "," in digits and ("." in digits or re.match(r"^\d{1,3}(,\d{3})+$", digits)):
            digits = digits.replace(",", "")  # thousands separators
        number = float(digits.replace(",", "."))
    number = -number if negative else number
    return number / 100 if percent else number


def excel_coerce(value: Any, text_format: bool = False) -> Any:
    """What a cell holds after Excel is given ``value`` through ``Range.Value``.

    A deliberately broad rule (it covers both the English and the Vietnamese regional settings,
    where ``,`` and ``.`` swap roles): a string it leaves alone is safe on either.
    """
    if not isinstance(value, str):
        return value
    if value.startswith("'"):
        return value[1:]
    if text_format or not value.strip():
        return value
    text = value.strip()
    if text.upper() in ("TRUE", "FALSE"):
        return text.upper() == "TRUE"
    if _NUMBER.match(text) or _FRACTION.match(text):
        return _number(text)
    if _looks_like_date(text):
        return ExcelDate(value)
    if text.startswith(("=", "+", "-", "@")) or _ERROR.match(text):
        return Formula(value)
    return value


def excel_view(book: xw.Book) -> dict[str, dict[tuple[int, int], Any]]:
    """Each sheet's written cells as Excel would hold them after the queued actions, in order:
    ``addSheet`` and ``sheetClear`` change the sheets, ``setNumberFormat`` marks text cells,
    ``setValues`` goes through ``excel_coerce``, ``setFormula`` is kept as the formula written."""
    names = [s.name for s in book.sheets]
    return _replay(book, names)[0]


def coerced(book: xw.Book) -> list[tuple[str, int, int, str, Any]]:
    """(sheet, row, column, written, held) of every string Excel would not keep as written.

    ISO dates are left out: they are how xlwings sends a Python date, which is meant to become one.
    """
    return _replay(book, [s.name for s in book.sheets])[1]


def _replay(
    book: xw.Book, final_names: list[str]
) -> tuple[dict[str, dict[tuple[int, int], Any]], list[tuple[str, int, int, str, Any]]]:
    added = [a["args"][1] for a in actions(book, "addSheet")]
    names = [n for n in final_names if n not in added]  # the sheets before the first action
    cells: dict[str, dict[tuple[int, int], Any]] = {n: {} for n in final_names}
    text_cells: dict[str, set[tuple[int, int]]] = {n: set() for n in final_names}
    changed: list[tuple[str, int, int, str, Any]] = []
    for action in actions(book):
        func = action["func"]
        if func == "addSheet":
            names.insert(action["args"][0], action["args"][1])
            continue
        if action.get("sheet_position") is None:
            continue
        sheet = names[action["sheet_position"]]
        row, col = action["start_row"], action["start_column"]
        if func == "sheetClear":
            cells[sheet].clear()
            text_cells[sheet].clear()
        elif func == "setNumberFormat":
            span = [
                (row + i, col + j)
                for i in range(action["row_count"])
                for j in range(action["column_count"])
            ]
            if action["args"][0] == "@":
                text_cells[sheet].update(span)
            else:
                text_cells[sheet].difference_update(span)
        elif func in ("setValues", "setFormula"):
            for i, line in enumerate(action["values"]):
                for j, value in enumerate(line):
                    at = (row + i, col + j)
                    if func == "setFormula":
                        held: Any = Formula(value) if str(value).startswith("=") else value
                    else:
                        held = excel_coerce(value, at in text_cells[sheet])
                        meant = value[1:] if isinstance(value, str) and value[:1] == "'" else value
                        if (
                            isinstance(value, str)
                            and not ISO_DATE.match(value)
                            and (type(held) is not str or held != meant)
                        ):
                            changed.append((sheet, at[0], at[1], value, held))
                    cells[sheet][at] = None if held == "" else held
    return cells, changed


# --- One click, as its own process ----------------------------------------------------------------
# Each click starts a new Python with ``-c``: xlwings' VBA (``addin/Main.bas``, ExecuteWindows) puts
# ``import xlwings.utils;xlwings.utils.prepare_sys_path("...")`` before the RunPython command of our
# .bas file. Here the book is the remote one the payload describes, set as the caller in between.


def bas_command(macros_file: str, sub: str) -> str:
    """The Python that ``Sub <sub>`` of ``xl_macros/<macros_file>`` hands to RunPython."""
    from outreach_xl.vba import outreach_modules

    [module] = outreach_modules(macros_file)
    match = re.search(rf'Sub {sub}\(\)\s+RunPython "([^"]+)"', module.source)
    assert match, f"no RunPython in Sub {sub} of {macros_file}"
    return match.group(1)


def click_code(command: str, payload_file: Path, block: Sequence[str] = ()) -> str:
    """``python -c`` code of a click running ``command`` on the payload's book; the top-level
    modules in ``block`` cannot be imported (as in a Python without them), and the module that
    asked for each is recorded. It prints JSON: alerts, such modules imported, who asked."""
    module, _, call = command.rpartition(";")
    return f"""import sys, json
class _Blocker:
    asked = []
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {tuple(block)!r}:
            frame = sys._getframe(1)
            while frame and frame.f_globals.get("__name__", "").startswith("importlib"):
                frame = frame.f_back
            self.asked.append([name, frame.f_globals.get("__name__", "?") if frame else "?"])
            raise ImportError(name)
        return None
sys.meta_path.insert(0, _Blocker())
import xlwings.utils;xlwings.utils.prepare_sys_path("false;;;;;")
import xlwings as xw
with open({str(payload_file)!r}, encoding="utf-8") as f:
    xw.Book(json=json.load(f)).set_mock_caller()
{module.strip()};{call.strip()}
book = xw.Book.caller()
print(json.dumps({{
    "alerts": [a["args"][0] for a in book.json()["actions"] if a["func"] == "alert"],
    "heavy": sorted(n for n in sys.modules if n.split(".")[0] in ("numpy", "pandas")),
    "asked": _Blocker.asked,
}}))
"""
