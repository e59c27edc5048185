"""The district's use cases: read its workbook, merge a folder, write the roll-up and the report.

The pure parts (configuration, register, the report's context) are in ``core.district_report``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from outreach_xl.core.district_report import (
    DISTRICT_TEMPLATE,
    District,
    DistrictConfig,
    district_from,
    report_context,
)
from outreach_xl.core.merge import (
    FileStatus,
    Rollup,
    SchoolStatus,
    rollup_from_rows,
)
from outreach_xl.core.validation import validate
from outreach_xl.errors import NotOurWorkbook, OutputError, OutreachError, ValidationFailed
from outreach_xl.files.folder import Progress, find_files, rollup_folder
from outreach_xl.files.output import (
    check_target,
    output_path,
    refuse_inputs,
    same_file,
    write_atomic,
)
from outreach_xl.files.reader import load_grids, read_file
from outreach_xl.schema import DISTRICT
from outreach_xl.xlsx.rollup_workbook import ROLLUP_SHEET, rows_from_grid, write_rollup


def read_district(path: str | os.PathLike[str]) -> District:
    """Read and check a district workbook; raises ``ValidationFailed`` if the register is empty."""
    file = Path(path)
    sub = read_file(file, expect=DISTRICT)
    district = district_from(sub, validate(sub, DISTRICT))
    require_register(district, file.name)
    return district


def require_register(district: District, source: str, *, again: str = "chạy lại") -> None:
    """A merge needs the register: refuse, saying where to fill it, when it has no school."""
    if not district.register:
        raise ValidationFailed(
            "Trang «Danh sách trường» chưa có trường nào",
            fix=f"Điền mỗi trường một dòng (mã trường, tên trường) rồi {again}",
            file=source,
            sheet="Danh sách trường",
        )


def read_rollup(path: str | os.PathLike[str], year: int | None = None) -> Rollup:
    """A roll-up workbook written by ``rollup`` back into a Rollup (its ``Tổng hợp`` table)."""
    file = Path(path)
    grids = load_grids(file, [ROLLUP_SHEET])
    rows = rows_from_grid(grids.get(ROLLUP_SHEET, []))
    if ROLLUP_SHEET not in grids or not rows:
        raise NotOurWorkbook(
            f"Tệp không phải kết quả tổng hợp của outreach-xl (không có bảng «{ROLLUP_SHEET}»)",
            fix="Chạy «outreach-xl rollup» trước, rồi dùng tệp kết quả của lệnh đó",
            file=file.name,
        )
    return rollup_from_rows(rows, year)


def render_district_report(
    config: DistrictConfig, rollup: Rollup, template: Path | None = None
) -> bytes:
    """The district's Word report as bytes."""
    from outreach_xl.word.render import render_docx

    return render_docx(
        template or district_template(),
        report_context(config, rollup),
        properties={
            "title": f"Báo cáo tổng hợp hoạt động thông tin đối ngoại năm {config.report_year}"
        },
    )


def district_template() -> Path:
    from outreach_xl.word.render import bundled_template

    return bundled_template(DISTRICT_TEMPLATE)


def district_report_name(year: int | None) -> str:
    """``BaoCao_TongHop_TTDN_2020.docx`` (ASCII, as the demo and the Excel button name it)."""
    return f"BaoCao_TongHop_TTDN_{year or 'nam'}.docx"


def rollup_name(year: int | None) -> str:
    """``TongHop_TTDN_2020_ketqua.xlsx``: the roll-up's name when ``-o`` names a folder."""
    return f"TongHop_TTDN_{year or 'nam'}_ketqua.xlsx"


def write_district_report(
    rollup_path: str | os.PathLike[str],
    register: str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    force: bool = False,
) -> Path:
    """Read the district workbook and a roll-up, render the report, write it atomically.

    ``output`` ends in .docx, or names a folder (the default name inside it); it is never the
    roll-up, the register or the template read."""
    from outreach_xl.app.school import bundled_templates

    inputs = (Path(rollup_path), Path(register), district_template(), *bundled_templates())
    refuse_inputs(Path(output), inputs)
    district = read_district(register)
    year = district.config.report_year
    target = output_path(output, district_report_name(year), suffixes=(".docx",), inputs=inputs)
    check_target(target, force=force, inputs=inputs)
    rollup = read_rollup(rollup_path, year)
    data = render_district_report(district.config, rollup)
    return write_atomic(target, data, force=force, inputs=inputs)


# --- The merge, end to end -----------------------------------------------------------------------


@dataclass(frozen=True)
class RollupRun:
    """What ``run_rollup`` did: the district read, the roll-up, and where it was written."""

    district: District
    rollup: Rollup
    output: Path

    def summary_lines(self) -> list[str]:
        r = self.rollup
        lines = [
            f"Đã nộp: {r.reported}/{r.registered} trường trong danh sách"
            f" ({r.count(SchoolStatus.REPORTED_WITH_ERRORS)} có lỗi).",
            f"Chưa nộp: {len(r.missing)} trường"
            + (
                ": " + ", ".join(e.school_name or e.school_code for e in r.missing[:10])
                if r.missing
                else ""
            )
            + (" ..." if len(r.missing) > 10 else "")
            + ".",
        ]
        if r.count(SchoolStatus.NOT_REGISTERED):
            lines.append(
                f"Ngoài danh sách: {r.count(SchoolStatus.NOT_REGISTERED)} trường"
                " (xem «Tình trạng nộp»)."
            )
        lines.append(
            f"Tệp có lỗi hoặc không dùng được: {r.files_with_problems}; "
            f"tệp trùng: {r.count(FileStatus.DUPLICATE)}; "
            f"tệp tạm bỏ qua: {r.count(FileStatus.SKIPPED)}."
        )
        lines.append(f"Đã ghi: {self.output}")
        return lines


def run_rollup(
    folder: str | os.PathLike[str],
    register: str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    recursive: bool = False,
    force: bool = False,
    workers: int | None = None,
    progress: Progress | None = None,
) -> RollupRun:
    """Read the register, merge every school workbook of ``folder``, write the roll-up workbook."""
    source = Path(folder)
    if not source.is_dir():
        raise OutputError(
            "Không tìm thấy thư mục chứa tệp của các trường",
            fix="Kiểm tra lại đường dẫn thư mục",
            file=str(source),
        )
    district = read_district(register)
    year = district.config.report_year
    given = Path(output)
    named = given / rollup_name(year) if given.is_dir() else given
    # Fail before reading thousands of files; the output is never the register or a school's file.
    inputs = rollup_inputs(source, Path(register), recursive=recursive, output=named)
    target = output_path(output, rollup_name(year), suffixes=(".xlsx",), inputs=inputs)
    check_target(target, force=force, inputs=inputs)
    rollup = rollup_folder(
        source,
        district.register,
        year=district.config.report_year,
        recursive=recursive,
        exclude=(Path(register), target),
        workers=workers,
        progress=progress,
    )
    written = write_rollup(
        rollup, target, unit=district.config.unit_name, force=force, inputs=inputs
    )
    return RollupRun(district, rollup, written)


def rollup_inputs(
    folder: Path, register: Path, *, recursive: bool = False, output: Path | None = None
) -> list[Path]:
    """What a merge reads: the register and every school workbook of the folder. A roll-up of
    ours already at ``output`` (a merge written into the schools' folder, run again) is not one:
    the merge does not read it, and ``--force`` may replace it."""
    books, _ = find_files(folder, recursive=recursive, exclude=(register,))
    ours = output is not None and output.is_file() and is_own_rollup(output)
    if ours and output is not None:
        books = [b for b in books if not same_file(output, b)]
    return [register, *books]


def is_own_rollup(path: Path) -> bool:
    """Whether ``path`` is a roll-up workbook written by ``rollup`` (its ``Tổng hợp`` table)."""
    try:
        read_rollup(path)
    except OutreachError:
        return False
    return True
