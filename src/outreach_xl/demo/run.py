"""``outreach-xl demo``: the main job end to end on the bundled sample, in a folder it names."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from outreach_xl.app.check import check_file
from outreach_xl.app.workbooks import new_workbook, workbook_bytes
from outreach_xl.demo.sample import my_an_2020
from outreach_xl.files.output import write_atomic
from outreach_xl.schema import SCHOOL

SAMPLE_NAME = "BaoCao_TTDN_2020_MGMA.xlsx"
NEXT_YEAR_NAME = "BaoCao_TTDN_2021_MGMA.xlsm"
BLANK_NAME = "BaoCao_TTDN_mau_trong.xlsm"


def run_demo(folder: Path, *, force: bool = False, echo: Callable[[str], None] = print) -> int:
    """Build a blank and the sample workbook, check the sample; return the exit code."""
    folder.mkdir(parents=True, exist_ok=True)
    echo(f"Thư mục chạy thử: {folder.resolve()}")
    blank = new_workbook(folder / BLANK_NAME, force=force)
    echo(f"- Tệp trống để điền, có nút bấm cho Excel: {blank.name}")
    sample = write_atomic(folder / SAMPLE_NAME, workbook_bytes(SCHOOL, my_an_2020()), force=force)
    echo(f"- Tệp mẫu đã điền (Trường Mẫu giáo Mỹ An, 2020): {sample.name}")
    result = check_file(sample)
    for line in result.lines():
        echo(line)
    if result.submission is not None and result.exit_code == 0:
        from outreach_xl.app.school import default_report_name, write_school_report

        target = folder / default_report_name(result.submission)
        report = write_school_report(result.submission, target, force=force)
        echo(f"- Báo cáo Word của trường mẫu: {report.docx.name}")
    from outreach_xl.app.carry import carry_workbook

    carried = carry_workbook(sample, folder / NEXT_YEAR_NAME, force=force)
    echo(
        f"- Năm sau: tệp năm {carried.year} tạo từ tệp mẫu năm {carried.previous_year} "
        f"(«outreach-xl new --from {sample.name}»), giữ thông tin chung, người ký, nơi nhận, "
        f"nội dung và kênh tuyên truyền: {carried.path.name}"
    )
    from outreach_xl.demo.district import run_district_demo

    run_district_demo(folder, force=force, echo=echo)
    return result.exit_code
