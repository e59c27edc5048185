"""The two macro-enabled workbooks: a template, its VBA project, its buttons and its xlwings.conf.

A school workbook carries the buttons ``Kiểm tra dữ liệu`` and ``Tạo báo cáo Word``, a district
workbook ``Tổng hợp các trường`` and ``Tạo báo cáo tổng hợp``; each button runs a sub of
``xl_macros/<school|district>.bas`` that only calls xlwings' ``RunPython`` with a fixed import of
``outreach_xl.excel``. The VBA project holds that module, xlwings' own VBA (from the installed,
pinned xlwings) and one document module per sheet code name, from one list.

The hidden ``xlwings.conf`` sheet tells the buttons which Python to start: ``outreach-xl new`` puts
the Python that runs it there; the files kept in ``workbook/`` carry xlwings' own defaults
(``pythonw`` / ``python``, found on the PATH: a stock Mac has no ``python``, so their guide sheet
says to make a file with ``outreach-xl new``). The sheet also turns off xlwings' adding of the
workbook's folder to ``sys.path``: for a workbook in a synced OneDrive folder that step fails in
English before our code runs, and a stray ``docx.py`` beside the workbook would shadow the real
package. Builds are byte-identical from run to run.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from outreach_xl.core.model import SchoolData
from outreach_xl.files.output import write_atomic
from outreach_xl.schema import DISTRICT, SCHOOL, WorkbookSchema
from outreach_xl.vba import Module, build_vba_project, outreach_modules, xlwings_modules
from outreach_xl.xlsx.builder import Button, build_workbook

CONF_SHEET = "xlwings.conf"
# What xlwings itself uses when no interpreter is configured: the committed files carry these.
NEUTRAL_CONF: Mapping[str, str] = {"Interpreter_Win": "pythonw", "Interpreter_Mac": "python"}
# Settings every workbook carries, whichever Python it names (see the module's docstring).
FIXED_CONF: Mapping[str, str] = {"ADD_WORKBOOK_TO_PYTHONPATH": "false"}
# The files kept in workbook/ (``python tools/regenerate.py`` rewrites them).
COMMITTED = {"truong.xlsm": SCHOOL, "tonghop.xlsm": DISTRICT}


@dataclass(frozen=True)
class MacroBook:
    """What makes a template macro-enabled: its .bas file and the buttons bound to its subs."""

    macros_file: str
    module: str
    buttons: tuple[Button, ...]


SCHOOL_MACROS = MacroBook(
    "school.bas",
    "OutreachSchool",
    (
        Button("OutreachSchool.CheckEntries", "Kiểm tra dữ liệu"),
        Button("OutreachSchool.MakeReport", "Tạo báo cáo Word"),
    ),
)
DISTRICT_MACROS = MacroBook(
    "district.bas",
    "OutreachDistrict",
    (
        Button("OutreachDistrict.MergeSchools", "Tổng hợp các trường"),
        Button("OutreachDistrict.MakeDistrictReport", "Tạo báo cáo tổng hợp"),
    ),
)


def macros_of(schema: WorkbookSchema) -> MacroBook:
    return DISTRICT_MACROS if schema.template_id == DISTRICT.template_id else SCHOOL_MACROS


def document_modules(schema: WorkbookSchema) -> list[str]:
    """``ThisWorkbook``, each sheet's code name, then the ``xlwings.conf`` sheet's.

    XlsxWriter names a sheet without an explicit code name ``Sheet<position>``; the conf sheet
    comes after the schema's sheets, so it is ``Sheet<n + 1>``.
    """
    return [*schema.code_names(), f"Sheet{len(schema.sheets) + 1}"]


def vba_modules(schema: WorkbookSchema) -> list[Module]:
    """xlwings' modules and ours, in project order."""
    return [*xlwings_modules(), *outreach_modules(macros_of(schema).macros_file)]


def fits_ansi(path: str, codepage: str | None = None) -> bool:
    """Whether ``path`` survives the ANSI code page: Windows' own (``mbcs``, strictly: no "best fit"
    of ``ă`` to ``a``, which would name another file); ASCII where there is no such code page."""
    try:
        path.encode(codepage or ("mbcs" if sys.platform == "win32" else "ascii"))
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def short_path(path: str) -> str:
    """Windows' 8.3 short form of an existing ``path`` (``GetShortPathNameW``), or ``path`` itself
    where there is none (not Windows, no such file, or 8.3 names turned off on that volume).

    Self-contained (its imports inside) so the test can run its source in a Windows Python.
    """
    import ctypes
    import sys

    if sys.platform != "win32":
        return path
    from ctypes import wintypes

    get = ctypes.windll.kernel32.GetShortPathNameW  # type: ignore[attr-defined,unused-ignore]
    get.argtypes = [wintypes.LPCWSTR, wintypes.LPWSTR, wintypes.DWORD]
    get.restype = wintypes.DWORD
    size = get(path, None, 0)
    if not size:
        return path
    buffer = ctypes.create_unicode_buffer(size)
    return buffer.value if get(path, buffer, size) else path


def ansi_path(path: str, shorten: Callable[[str], str] = short_path) -> str:
    """``path`` as xlwings' VBA can use it: VBA's ``GetAttr`` and ``Open`` take ANSI strings, so
    ``C:\\Users\\Nguyễn Văn A\\...`` fails ("Could not find Interpreter"). Such a path is given
    in its 8.3 short form (``C:\\Users\\NGUYNV~1\\...``) when that one fits; else unchanged."""
    if fits_ansi(path):
        return path
    short = shorten(path)
    return short if fits_ansi(short) else path


def interpreter_conf(executable: str | None = None, platform: str | None = None) -> dict[str, str]:
    """xlwings.conf pointing the buttons at this Python (the one that has outreach-xl installed).

    On Windows the windowless ``pythonw.exe`` beside it is used when present (no black console
    flashing up), in its ANSI-safe form (``ansi_path``); only this platform's key is set, the other
    keeps xlwings' default. Elsewhere (Linux: tests, or making files for others) both keys get the
    executable.
    """
    executable = executable or sys.executable
    platform = platform or sys.platform
    conf = dict(NEUTRAL_CONF)
    if platform.startswith("win"):
        windowless = Path(executable).with_name("pythonw.exe")
        conf["Interpreter_Win"] = ansi_path(str(windowless) if windowless.is_file() else executable)
    elif platform == "darwin":
        conf["Interpreter_Mac"] = executable
    else:
        conf = {"Interpreter_Win": executable, "Interpreter_Mac": executable}
    return conf


def build_xlsm(
    schema: WorkbookSchema = SCHOOL,
    conf: Mapping[str, str] = NEUTRAL_CONF,
    *,
    modules: Sequence[Module] | None = None,
    data: SchoolData | None = None,
) -> bytes:
    """The bytes of a macro-enabled workbook for ``schema``, blank or filled with ``data``.

    ``modules`` replaces the VBA modules (tests build a variant whose ``RunPython`` is a stub).
    """
    macros = macros_of(schema)
    project = build_vba_project(
        list(modules) if modules is not None else vba_modules(schema), document_modules(schema)
    )
    return build_workbook(
        schema,
        data,
        vba_project=project,
        buttons=macros.buttons,
        xlwings_conf={**conf, **FIXED_CONF},
    )


def write_xlsm(
    path: str | os.PathLike[str],
    schema: WorkbookSchema = SCHOOL,
    conf: Mapping[str, str] | None = None,
    *,
    force: bool = False,
    data: SchoolData | None = None,
) -> Path:
    """Write a macro-enabled workbook whose buttons start this machine's Python."""
    return write_atomic(
        path, build_xlsm(schema, conf or interpreter_conf(), data=data), force=force
    )
