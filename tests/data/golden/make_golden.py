"""Regenerate the golden files: our outputs re-saved by another program (LibreOffice).

    python tools/regenerate.py --golden    (which calls ``main`` here, after the other files)

XlsxWriter's way: a file made by another program is an independent authority. Each golden file is
one of our outputs opened and saved again by LibreOffice (Calc for workbooks, Writer for reports),
and ``tests/test_golden.py`` compares it with what the code makes now, on meaning (the parsed
submission, the roll-up's rows, the report's paragraphs and page setup), never byte for byte.

Run this after an intended change to what a workbook or a report says (a new paragraph, a new
roll-up column), look at the files, and commit them with the change.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
TESTS = HERE.parents[1]
sys.path.insert(0, str(TESTS))  # support.py

from outreach_xl import (  # noqa: E402
    read_district,
    read_file,
    render_school_report,
    rollup_folder,
    write_rollup,
)
from outreach_xl.app.district import render_district_report  # noqa: E402
from outreach_xl.demo.district import build_demo_district  # noqa: E402
from support import soffice_convert  # noqa: E402

SAMPLE = TESTS / "data" / "valid" / "my-an-2020.xlsx"
CALC = "xlsx:Calc MS Excel 2007 XML"
WRITER = "docx:MS Word 2007 XML"
GOLDEN = {
    "school-workbook.calc.xlsx": CALC,
    "school-report.writer.docx": WRITER,
    "rollup.calc.xlsx": CALC,
    "district-report.writer.docx": WRITER,
}


def fresh_outputs(folder: Path) -> dict[str, Path]:
    """What the code makes now, one file per golden file (same names, before re-saving)."""
    outputs = {"school-workbook.calc.xlsx": folder / "school-workbook.xlsx"}
    shutil.copy(SAMPLE, outputs["school-workbook.calc.xlsx"])
    report = folder / "school-report.docx"
    report.write_bytes(render_school_report(read_file(SAMPLE)))
    outputs["school-report.writer.docx"] = report
    register, schools = build_demo_district(folder / "demo")
    district = read_district(register)
    rollup = rollup_folder(schools, district.register, year=2020, exclude=[register], workers=1)
    outputs["rollup.calc.xlsx"] = write_rollup(
        rollup, folder / "rollup.xlsx", unit=district.config.unit_name
    )
    district_report = folder / "district-report.docx"
    district_report.write_bytes(render_district_report(district.config, rollup))
    outputs["district-report.writer.docx"] = district_report
    return outputs


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="outreach-golden-") as work:
        folder = Path(work)
        for name, source in fresh_outputs(folder).items():
            out = folder / "resaved" / name
            out.parent.mkdir(exist_ok=True)
            converted = soffice_convert(source, GOLDEN[name], out.parent)
            shutil.copy(converted, HERE / name)
            print(f"{name}: {source.name} re-saved by LibreOffice ({GOLDEN[name].split(':')[1]})")
    return 0
