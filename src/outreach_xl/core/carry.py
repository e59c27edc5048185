"""Next year's workbook from last year's: what carries over is marked in the schema (``carry``).

Pure: a read ``Submission`` in, the ``SchoolData`` of the new workbook out. Fields and tables
marked ``carry`` keep their values (a table's rows keep only the columns marked ``carry``); the
schema's year field becomes last year + 1; everything else (numbers, dates, counts, results,
difficulties) starts empty, as in a blank workbook.
"""

from __future__ import annotations

from typing import Any

from outreach_xl.core.model import SchoolData, Submission, is_blank
from outreach_xl.errors import WrongPrevious
from outreach_xl.schema import WorkbookSchema


def next_year(previous: Submission, schema: WorkbookSchema, year: int | None = None) -> int:
    """The year of the new workbook: ``year`` when asked, else the previous year + 1.

    Refuses a previous workbook of the asked year or later, and one without a year when none is
    asked.
    """
    last = previous.value(schema.year_key)
    label = schema.fields()[schema.year_key][1].label
    if year is None:
        if not isinstance(last, int):
            cell = previous.cell(schema.year_key)
            raise WrongPrevious(
                f"Tệp năm trước chưa có «{label}» nên không biết tệp mới cho năm nào",
                fix="Thêm năm của tệp mới vào lệnh, ví dụ --year 2025",
                file=previous.source,
                sheet=cell.ref.sheet if cell.ref else None,
                cell=cell.ref.cell if cell.ref else None,
                value=cell.raw,
            )
        return last + 1
    if isinstance(last, int) and last >= year:
        when = "cùng năm với" if last == year else f"muộn hơn năm {year} của"
        raise WrongPrevious(
            f"Tệp là báo cáo năm {last}, {when} tệp mới cần tạo (tệp cho năm sau chỉ tạo "
            "được từ tệp của năm trước)",
            fix=f"Chọn tệp của năm {year - 1}, hoặc bỏ --year để tạo tệp năm {last + 1}",
            file=previous.source,
        )
    return year


def carry_forward(
    previous: Submission, schema: WorkbookSchema, year: int | None = None
) -> SchoolData:
    """What next year's workbook starts with, from last year's (see the module docstring)."""
    values: dict[str, Any] = {}
    for sheet in schema.input_sheets():
        for spec in sheet.fields:
            if spec.carry:
                values[spec.key] = previous.value(spec.key)
    values[schema.year_key] = next_year(previous, schema, year)
    tables: dict[str, list[dict[str, Any]]] = {}
    for _, table in schema.tables().values():
        if not table.carry:
            continue
        keep = [col.key for col in table.columns if col.carry]
        rows = [{key: record.get(key) for key in keep} for record in previous.records(table.key)]
        tables[table.key] = [row for row in rows if not all(is_blank(v) for v in row.values())]
    return SchoolData(values=values, tables=tables)
