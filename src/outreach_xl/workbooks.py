"""Making the workbooks users fill: blank school and district workbooks, and the filled sample."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .builder import build_workbook
from .model import SchoolData
from .output import write_atomic
from .schema import DISTRICT, SCHOOL, WorkbookSchema


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
    macros: bool = False,
) -> Path:
    """Write a blank workbook for a school (or a merging office) and return its path."""
    schema = DISTRICT if district else SCHOOL
    suffix = ".xlsm" if macros else ".xlsx"
    path = output or Path(default_name(district, year, suffix))
    return write_atomic(path, workbook_bytes(schema), force=force)
