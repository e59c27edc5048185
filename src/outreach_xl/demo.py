"""``outreach-xl demo``: the main job end to end on the bundled sample, in a folder it names."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .checking import check_file
from .output import write_atomic
from .sample import my_an_2020
from .schema import SCHOOL
from .workbooks import workbook_bytes

SAMPLE_NAME = "BaoCao_TTDN_2020_MGMA.xlsx"
BLANK_NAME = "BaoCao_TTDN_mau_trong.xlsx"


def run_demo(folder: Path, *, force: bool = False, echo: Callable[[str], None] = print) -> int:
    """Build a blank and the sample workbook, check the sample; return the exit code."""
    folder.mkdir(parents=True, exist_ok=True)
    echo(f"Thư mục chạy thử: {folder.resolve()}")
    blank = write_atomic(folder / BLANK_NAME, workbook_bytes(SCHOOL), force=force)
    echo(f"- Tệp trống để điền: {blank.name}")
    sample = write_atomic(folder / SAMPLE_NAME, workbook_bytes(SCHOOL, my_an_2020()), force=force)
    echo(f"- Tệp mẫu đã điền (Trường Mẫu giáo Mỹ An, 2020): {sample.name}")
    result = check_file(sample)
    for line in result.lines():
        echo(line)
    return result.exit_code
