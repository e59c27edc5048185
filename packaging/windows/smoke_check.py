"""The Linux side of smoke.sh: are the files the installed (Windows) Python made under Wine sane?

Each output is compared on meaning with the one the Linux package made from the same input:
the Word reports paragraph by paragraph and cell by cell, the roll-up workbook value by value.
The workbooks the Start-menu launcher made must be macro-enabled and name the installed
pythonw.exe in their xlwings.conf sheet.
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from pathlib import Path

import docx
from python_calamine import CalamineWorkbook

REPORT = "BaoCao_TTDN_2020_MGMA.docx"
ROLLUP = "Tổng hợp ba trường.xlsx"
DISTRICT_REPORT = "Báo cáo ba trường.docx"
DEMO_FILES = (
    "BaoCao_TTDN_mau_trong.xlsm",
    "BaoCao_TTDN_2020_MGMA.xlsx",
    "BaoCao_TTDN_2020_MGMA.docx",
    "tong_hop/TongHop_TTDN_2020_ketqua.xlsx",
    "tong_hop/BaoCao_TongHop_TTDN_2020.docx",
)


class Failed(Exception):
    pass


def docx_text(path: Path) -> list[str]:
    """Every paragraph, then every table cell, in document order of each."""
    document = docx.Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return lines


def workbook_values(path: Path) -> dict[str, list[list[object]]]:
    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def same(what: str, wine: object, linux: object) -> None:
    if wine != linux:
        raise Failed(
            f"{what}: the Windows build's output differs from Linux's\n"
            f"  wine:  {str(wine)[:400]}\n  linux: {str(linux)[:400]}"
        )
    print(f"   same as Linux: {what}")


def check_macro_book(path: Path, interpreter: str) -> None:
    with zipfile.ZipFile(path) as z:
        if "xl/vbaProject.bin" not in z.namelist():
            raise Failed(f"{path.name} has no VBA project")
    conf = dict((row[0], row[1]) for row in workbook_values(path)["xlwings.conf"] if len(row) >= 2)
    if not str(conf.get("Interpreter_Win")).isascii():
        raise Failed(f"{path.name}: Interpreter_Win does not fit the ANSI code page")
    if conf.get("Interpreter_Win") != interpreter:
        raise Failed(
            f"{path.name}: Interpreter_Win is {conf.get('Interpreter_Win')!r}, "
            f"expected {interpreter!r}"
        )
    print(f"   {path.name}: VBA project, Interpreter_Win = {interpreter}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--wine", type=Path, required=True, help="folder the Wine run wrote")
    p.add_argument("--linux", type=Path, required=True, help="folder the Linux run wrote")
    p.add_argument("--school-book", type=Path, required=True)
    p.add_argument("--district-book", type=Path, required=True)
    p.add_argument("--interpreter", required=True, help="expected Interpreter_Win")
    p.add_argument("--validate-output", type=Path, required=True)
    args = p.parse_args(argv)
    try:
        validate = args.validate_output.read_text(encoding="utf-8")
        if "không có lỗi" not in validate:
            raise Failed(f"validate did not find the sample clean:\n{validate}")
        print("   validate: the sample is clean")
        check_macro_book(args.school_book, args.interpreter)
        check_macro_book(args.district_book, args.interpreter)
        if "Danh sách trường" not in workbook_values(args.district_book):
            raise Failed(f"{args.district_book.name} is not a district workbook")
        for name in DEMO_FILES:
            if not (args.wine / "Chạy thử" / name).is_file():
                raise Failed(f"demo did not write {name}")
        print(f"   demo wrote {len(DEMO_FILES)} files")
        same(REPORT, docx_text(args.wine / REPORT), docx_text(args.linux / REPORT))
        same(ROLLUP, workbook_values(args.wine / ROLLUP), workbook_values(args.linux / ROLLUP))
        rollup_text = str(workbook_values(args.wine / ROLLUP))
        for school in ("Mỹ An", "Long Thượng", "Mỹ Phú"):
            if school not in rollup_text:
                raise Failed(f"{ROLLUP} has no row for {school}")
        same(
            DISTRICT_REPORT,
            docx_text(args.wine / DISTRICT_REPORT),
            docx_text(args.linux / DISTRICT_REPORT),
        )
    except Failed as failure:
        print(f"smoke_check.py: FAIL: {failure}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
