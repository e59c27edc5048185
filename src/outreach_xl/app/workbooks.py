"""Making the workbooks users fill: blank school and district workbooks, and the filled sample."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from outreach_xl.core.model import SchoolData
from outreach_xl.files.output import output_path, write_atomic
from outreach_xl.schema import DISTRICT, SCHOOL, WorkbookSchema
from outreach_xl.xlsx.builder import build_workbook


def default_name(district: bool, year: int | None, suffix: str) -> str:
    """ASCII names only: xlwings passes the workbook name through cmd.exe, which mangles others."""
    year = year or dt.date.today().year
    stem = "TongHop_TTDN" if district else "BaoCao_TTDN"
    return f"{stem}_{year}{suffix}"


def workbook_bytes(schema: WorkbookSchema, data: SchoolData | None = None) -> bytes:
    """A plain .xlsx of a template, optionally filled."""
    return build_workbook(schema, data)


def new_workbook(
    output: Path | None,
    *,
    district: bool = False,
    year: int | None = None,
    force: bool = False,
    macros: bool = True,
    data: SchoolData | None = None,
) -> Path:
    """Write a blank workbook for a school (or a merging office) and return its path.

    ``data`` fills it (next year's workbook made from last year's, see ``app.carry``).

    With ``macros`` (the default) it is an .xlsm whose buttons start the Python running this
    (see ``xlsm.interpreter_conf``); without, a plain .xlsx to fill and check from the command line.
    """
    schema = DISTRICT if district else SCHOOL
    suffix = ".xlsm" if macros else ".xlsx"
    # Excel refuses to open a file whose extension does not match its content.
    hint = ", hoặc thêm --no-macros để tạo tệp .xlsx không có nút bấm" if macros else ""
    path = output_path(output, default_name(district, year, suffix), suffixes=(suffix,), other=hint)
    if macros:
        from outreach_xl.xlsx.macro_workbook import write_xlsm

        return write_xlsm(path, schema, force=force, data=data)
    return write_atomic(path, workbook_bytes(schema, data), force=force)
