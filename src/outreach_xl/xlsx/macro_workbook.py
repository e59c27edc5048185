"""The two macro-enabled workbooks: a template, its VBA project, its buttons and its xlwings.conf.

A school workbook carries the buttons ``Kiểm tra dữ liệu`` and ``Tạo báo cáo Word``, a district
workbook ``Tổng hợp các trường`` and ``Tạo báo cáo tổng hợp``; each button runs a sub of
``xl_macros/<school|district>.bas`` that only calls xlwings' ``RunPython`` with a fixed import of
``outreach_xl.excel``. The VBA project holds that module, xlwings' own VBA (from the installed,
pinned xlwings) and one document module per sheet code name, from one list.

The hidden ``xlwings.conf`` sheet tells the buttons which Python to start: ``outreach-xl new`` puts
the Python that runs it there; the files kept in ``workbook/`` carry xlwings' own defaults
(``pythonw`` / ``python``, found on the PATH). Builds are byte-identical from run to run.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from outreach_xl.files.output import write_atomic
from outreach_xl.schema import DISTRICT, SCHOOL, WorkbookSchema
from outreach_xl.vba import Module, build_vba_project, outreach_modules, xlwings_modules
from outreach_xl.xlsx.builder import Button, build_workbook

CONF_SHEET = "xlwings.conf"
# What xlwings itself uses when no interpreter is configured: the committed files carry these.
NEUTRAL_CONF: Mapping[str, str] = {"Interpreter_Win": "pythonw", "Interpreter_Mac": "python"}
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


def interpreter_conf(executable: str | None = None, platform: str | None = None) -> dict[str, str]:
    """xlwings.conf pointing the buttons at this Python (the one that has outreach-xl installed).

    On Windows the windowless ``pythonw.exe`` beside it is used when present (no black console
    flashing up); only this platform's key is set, the other keeps xlwings' default. Elsewhere
    (Linux: tests, or making files for others) both keys get the executable.
    """
    executable = executable or sys.executable
    platform = platform or sys.platform
    conf = dict(NEUTRAL_CONF)
    if platform.startswith("win"):
        windowless = Path(executable).with_name("pythonw.exe")
        conf["Interpreter_Win"] = str(windowless) if windowless.is_file() else executable
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
) -> bytes:
    """The bytes of a blank macro-enabled workbook for ``schema``.

    ``modules`` replaces the VBA modules (tests build a variant whose ``RunPython`` is a stub).
    """
    macros = macros_of(schema)
    project = build_vba_project(
        list(modules) if modules is not None else vba_modules(schema), document_modules(schema)
    )
    return build_workbook(schema, vba_project=project, buttons=macros.buttons, xlwings_conf=conf)


def write_xlsm(
    path: str | os.PathLike[str],
    schema: WorkbookSchema = SCHOOL,
    conf: Mapping[str, str] | None = None,
    *,
    force: bool = False,
) -> Path:
    """Write a macro-enabled workbook whose buttons start this machine's Python."""
    return write_atomic(path, build_xlsm(schema, conf or interpreter_conf()), force=force)


def committed_dir() -> Path:
    """``workbook/`` of the source checkout."""
    return Path(__file__).resolve().parents[3] / "workbook"


def write_committed(folder: Path | None = None) -> list[Path]:
    """Rebuild ``workbook/truong.xlsm`` and ``workbook/tonghop.xlsm`` (neutral interpreter)."""
    folder = folder or committed_dir()
    return [
        write_atomic(folder / name, build_xlsm(schema), force=True)
        for name, schema in COMMITTED.items()
    ]


if (
    __name__ == "__main__"
):  # python -m outreach_xl.xlsx.macro_workbook: refresh the committed workbooks
    for written in write_committed():
        print(written)
