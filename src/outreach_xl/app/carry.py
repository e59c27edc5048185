"""Next year in one step: ``outreach-xl new --from LAST.xlsm`` (and ``new --district --from``).

Reads last year's workbook (never writing to it), keeps what the schema marks ``carry`` (see
``core.carry``), and writes a new workbook for the next year the way ``new`` does.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from outreach_xl.app.workbooks import default_name, new_workbook
from outreach_xl.core.carry import carry_forward
from outreach_xl.core.model import SchoolData
from outreach_xl.core.validation import abolished_name, since_text
from outreach_xl.errors import NotOurWorkbook, OutputError
from outreach_xl.files.reader import load_grids, read_file
from outreach_xl.schema import (
    DISTRICT,
    SCHOOL,
    AbolishedLevel,
    AbolishedLevelRows,
    WorkbookSchema,
)
from outreach_xl.xlsx.rollup_workbook import ROLLUP_SHEET, rows_from_grid


@dataclass(frozen=True)
class Carried:
    """What ``carry_workbook`` wrote: the new file, its year, and the year it was made from."""

    path: Path
    year: int
    previous_year: int | None
    previous_rollup: str | None = None  # what «Tệp tổng hợp năm trước» was set to, if anything
    # (label, value) of each carried value naming a level abolished before the new year's report
    # (the district level, from 1 July 2025: ``PHÒNG GD&ĐT THỦ THỪA``), and since when
    abolished: tuple[tuple[str, str], ...] = ()
    abolished_since: str = ""


def carry_workbook(
    source: str | os.PathLike[str],
    output: Path | None = None,
    *,
    district: bool = False,
    year: int | None = None,
    force: bool = False,
    macros: bool = True,
) -> Carried:
    """Write next year's workbook made from ``source`` (last year's); ``source`` is only read."""
    previous_file = Path(source)
    schema = DISTRICT if district else SCHOOL
    try:
        previous = read_file(previous_file, expect=None)  # either kind, to say which one it is
    except NotOurWorkbook as exc:
        exc.fix = (
            "Sau --from, chọn tệp năm trước tạo từ mẫu outreach-xl (như "
            f"{default_name(district, 2024, '.xlsm')}); không có tệp đó thì tạo tệp trống bằng "
            "«outreach-xl new»"
        )
        raise
    if previous.template_id != schema.template_id:
        other = SCHOOL if district else DISTRICT
        raise NotOurWorkbook(
            f"Đây là tệp «{other.title}», không phải «{schema.title}»",
            fix="Bỏ --district để tạo tệp của trường"
            if district
            else "Thêm --district để tạo tệp tổng hợp của đơn vị",
            file=previous_file.name,
        )
    data = carry_forward(previous, schema, year)
    new_year = data.values[schema.year_key]
    target = output or Path(default_name(district, new_year, ".xlsm" if macros else ".xlsx"))
    if target.exists() and target.resolve() == previous_file.resolve():
        raise OutputError(
            "Tệp mới không được ghi đè lên tệp năm trước",
            fix="Đặt tên khác cho tệp mới (-o TÊN_TỆP)",
            file=str(target),
        )
    if district and _has_rollup(previous_file):
        # The button merges into the district workbook itself: last year's is last year's roll-up.
        data = SchoolData(
            values={**data.values, "previous_rollup": _relative(previous_file, target.parent)},
            tables=data.tables,
        )
    written = new_workbook(target, district=district, force=force, macros=macros, data=data)
    last = previous.value(schema.year_key)
    compared = data.values.get("previous_rollup") if district else None
    gone, since = abolished_names(data, schema, new_year)
    return Carried(
        written, new_year, last if isinstance(last, int) else None, compared, gone, since
    )


def abolished_names(
    data: SchoolData, schema: WorkbookSchema, year: int
) -> tuple[tuple[tuple[str, str], ...], str]:
    """The carried values that name a level gone before a report of ``year`` is dated (its
    report is dated at the year's end: a 2025 report names no district office), with their
    labels, and the date the level went; the check of the filled workbook says it again, cell
    by cell, once its dates are typed."""
    fields, tables = schema.fields(), schema.tables()
    found: list[tuple[str, str]] = []
    since = ""
    for rule in schema.rules:
        if isinstance(rule, AbolishedLevel) and year >= rule.since[0]:
            value = data.values.get(rule.key)
            if abolished_name(value, rule.names):
                found.append((fields[rule.key][1].label, str(value)))
                since = since_text(rule.since)
        elif isinstance(rule, AbolishedLevelRows) and year >= rule.since[0]:
            label = tables[rule.table][1].column(rule.column).label
            for row in data.tables.get(rule.table, ()):
                if abolished_name(row.get(rule.column), rule.names):
                    found.append((label, str(row.get(rule.column))))
                    since = since_text(rule.since)
    return tuple(found), since


def _has_rollup(path: Path) -> bool:
    """Whether a district workbook holds a merged table (its button's «Tổng hợp» was saved)."""
    return bool(rows_from_grid(load_grids(path, [ROLLUP_SHEET]).get(ROLLUP_SHEET, [])))


def _relative(path: Path, folder: Path) -> str:
    """``path`` as seen from ``folder`` (as «Cấu hình» reads it), absolute across drives."""
    try:
        return os.path.relpath(path.resolve(), folder.resolve())
    except ValueError:  # Windows: another drive
        return str(path.resolve())
