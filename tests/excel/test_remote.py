"""``outreach_xl.excel`` run unchanged by xlwings' remote engine: each entry point reads the payload
Excel's VBA client would send, and its writes, colours and message boxes are asserted as the queued
actions (``book.json()["actions"]``), since the remote engine does not apply them to its reads.

Every test's writes also go through Excel's coercion rule (``remote.excel_view``): a string that
desktop Excel would turn into a number, a date or a formula fails the test (``_as_excel_keeps_it``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import remote  # tests/excel/remote.py (sets XLWINGS_LICENSE_KEY before importing xlwings)
import xlwings as xw

import outreach_xl.excel as excel
from outreach_xl.app.district import read_district
from outreach_xl.core.merge import Rollup, SchoolStatus
from outreach_xl.core.model import SchoolData
from outreach_xl.core.parse import address
from outreach_xl.demo.district import build_demo_district
from outreach_xl.demo.sample import my_an_2020
from outreach_xl.files.folder import rollup_folder
from outreach_xl.files.reader import load_grids, read_file
from outreach_xl.schema import SCHOOL
from outreach_xl.xlsx.builder import INPUT_FILL, build_workbook
from outreach_xl.xlsx.rollup_layout import TABLE
from outreach_xl.xlsx.rollup_workbook import (
    ROLLUP_SHEET,
    STATUS_SHEET,
    rate_notes,
    rows_from_grid,
    write_rollup,
)

CHECK = excel.CHECK_SHEET


@pytest.fixture(autouse=True)
def _no_mock_caller_left() -> Iterator[None]:
    yield
    if hasattr(xw.Book, "_mock_caller"):
        del xw.Book._mock_caller


@pytest.fixture(autouse=True)
def _as_excel_keeps_it() -> Iterator[None]:
    """After each test, every string its entry points wrote stays that string in Excel."""
    remote.CALLED.clear()
    yield
    changed = [c for book in remote.CALLED for c in remote.coerced(book)]
    remote.CALLED.clear()
    assert not changed, f"Excel would change (sheet, row, col, written, held): {changed}"


def school_file(folder: Path, data: SchoolData, name: str = "BaoCao_TTDN_2020.xlsx") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(build_workbook(SCHOOL, data))
    return path


def with_values(data: SchoolData, **values: Any) -> SchoolData:
    return dataclasses.replace(data, values={**data.values, **values})


def cell_of(path: Path, key: str) -> tuple[str, str, int, int]:
    """(sheet, A1 address, row, column), 0-based, of a field's value cell."""
    ref = read_file(path).cell(key).ref
    assert ref is not None
    letters = "".join(ch for ch in ref.cell if ch.isalpha())
    row = int("".join(ch for ch in ref.cell if ch.isdigit())) - 1
    col = sum((ord(ch) - 64) * 26**i for i, ch in enumerate(reversed(letters))) - 1
    assert address(row, col) == ref.cell
    return ref.sheet, ref.cell, row, col


def check_rows(book: xw.Book) -> list[list[Any]]:
    """The header and finding rows written into Kiểm tra."""
    rows = [v for r, _, v in remote.written_values(book, CHECK) if r == excel.CHECK_HEADER_ROW - 1]
    assert len(rows) == 1
    return rows[0]


# --- validate --------------------------------------------------------------------------------


def test_validate_a_clean_workbook(tmp_path: Path) -> None:
    book = remote.caller(remote.payload(school_file(tmp_path, my_an_2020())))
    excel.validate()
    assert remote.actions(book, "addSheet")[0]["args"][1] == CHECK
    assert check_rows(book) == [list(excel.CHECK_HEADERS)]
    [(text, mode)] = remote.alerts(book)
    assert "Không thấy lỗi nào" in text and mode == "info"
    assert excel.ERROR_FILL not in remote.painted(book, "Thông tin chung").values()


def test_validate_lists_links_and_marks_errors(tmp_path: Path) -> None:
    data = with_values(
        my_an_2020(), staff_total=21, staff_participants=30, pupil_total="nhiều", school_name="=1+1"
    )
    path = school_file(tmp_path, data)
    book = remote.caller(remote.payload(path))
    excel.validate()
    rows = check_rows(book)
    assert rows[0] == list(excel.CHECK_HEADERS)
    errors = [r for r in rows[1:] if r[0] == "Lỗi"]
    assert errors, rows
    sheet, cell, row, col = cell_of(path, "pupil_total")
    assert any(r[1] == sheet and r[2] == cell and r[4] == "nhiều" for r in errors)
    assert remote.painted(book, sheet)[(row, col)] == excel.ERROR_FILL
    formulas = [a for a in remote.actions(book, "setFormula")]
    assert len(formulas) == 1 and len(formulas[0]["values"]) == len(rows) - 1
    assert f'=HYPERLINK("#\'{sheet}\'!{cell}","{cell}")' in [f[0] for f in formulas[0]["values"]]
    [(text, _)] = remote.alerts(book)
    assert text.startswith(f"Có {len(errors)} lỗi") and "Kiểm tra" in text


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    data = with_values(my_an_2020(), staff_total="=SUM(A1:A9)")
    book = remote.caller(remote.payload(school_file(tmp_path, data)))
    excel.validate()
    values = [r[4] for r in check_rows(book)[1:]]
    assert "'=SUM(A1:A9)" in values and "=SUM(A1:A9)" not in values


def test_validate_clears_the_marks_of_fixed_cells(tmp_path: Path) -> None:
    path = school_file(tmp_path, with_values(my_an_2020(), pupil_total="nhiều"))
    first = remote.caller(remote.payload(path))
    excel.validate()
    sheet, _, row, col = cell_of(path, "pupil_total")
    # The Kiểm tra sheet as Excel now shows it (a link shows its cell's address); the cell is fixed.
    grid = [["KẾT QUẢ KIỂM TRA DỮ LIỆU"], [None], *check_rows(first)]
    fixed = school_file(tmp_path / "fixed", my_an_2020())
    book = remote.caller(remote.payload(fixed, str(path), extra={CHECK: grid}))
    excel.validate()
    assert remote.painted(book, sheet)[(row, col)].upper() == INPUT_FILL.upper()
    assert not remote.actions(book, "addSheet")  # the existing sheet is cleared and reused
    [cleared] = remote.actions(book, "sheetClear")
    assert cleared["sheet_position"] == remote.sheet_index(book, CHECK)


def test_a_workbook_that_is_not_ours_gets_a_message_box(tmp_path: Path) -> None:
    path = tmp_path / "other.xlsx"
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path))
    workbook.add_worksheet("Sheet1").write("A1", "x")
    workbook.close()
    book = remote.caller(remote.payload(path))
    excel.validate()
    [(text, mode)] = remote.alerts(book)
    assert mode == "critical" and "không phải mẫu báo cáo" in text


def test_a_bug_becomes_a_vietnamese_message_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: Any) -> Any:
        raise RuntimeError("hỏng")

    monkeypatch.setattr(excel, "check", broken)
    book = remote.caller(remote.payload(school_file(tmp_path, my_an_2020())))
    excel.validate()
    [(text, mode)] = remote.alerts(book)
    assert mode == "critical"
    assert text.startswith("Lỗi không mong đợi trong chương trình. Tệp của bạn không bị thay đổi")
    assert "Traceback" not in text and "RuntimeError" not in text


# --- generate_report -------------------------------------------------------------------------


def test_generate_report_writes_next_to_the_workbook(tmp_path: Path) -> None:
    path = school_file(tmp_path, my_an_2020())
    book = remote.caller(remote.payload(path))
    excel.generate_report()
    [(text, mode)] = remote.alerts(book)
    docx = tmp_path / "BaoCao_TTDN_2020_MGMA.docx"
    assert mode == "info" and docx.is_file() and str(docx) in text
    again = remote.caller(remote.payload(path))
    excel.generate_report()
    assert (tmp_path / "BaoCao_TTDN_2020_MGMA_2.docx").is_file()  # the first is never overwritten
    assert docx.read_bytes() == (tmp_path / "BaoCao_TTDN_2020_MGMA_2.docx").read_bytes()
    assert "_2.docx" in remote.alerts(again)[0][0]


def test_generate_report_uses_unsaved_edits(tmp_path: Path) -> None:
    path = school_file(tmp_path, my_an_2020())
    data = remote.payload(path)
    edited = school_file(tmp_path / "edited", with_values(my_an_2020(), doc_symbol="BC-MGLT"))
    data["sheets"] = remote.payload(edited)["sheets"]  # what Excel shows, not what is saved
    remote.caller(data)
    excel.generate_report()
    assert (tmp_path / "BaoCao_TTDN_2020_MGLT.docx").is_file()


def test_generate_report_refuses_a_workbook_with_errors(tmp_path: Path) -> None:
    path = school_file(tmp_path, with_values(my_an_2020(), staff_total=21, staff_participants=30))
    book = remote.caller(remote.payload(path))
    excel.generate_report()
    [(text, mode)] = remote.alerts(book)
    assert mode == "critical" and text.startswith("Chưa làm được báo cáo")
    assert not list(tmp_path.glob("*.docx"))
    sheet, _, row, col = cell_of(path, "staff_participants")
    assert remote.painted(book, sheet)[(row, col)] == excel.ERROR_FILL


def test_generate_report_into_a_missing_folder(tmp_path: Path) -> None:
    path = school_file(tmp_path, my_an_2020())
    book = remote.caller(remote.payload(path, str(tmp_path / "da-xoa" / path.name)))
    excel.generate_report()
    [(text, mode)] = remote.alerts(book)
    assert mode == "critical" and "không tồn tại" in text
    assert not list(tmp_path.rglob("*.docx"))


def test_generate_report_for_a_workbook_never_saved(tmp_path: Path) -> None:
    book = remote.caller(remote.payload(school_file(tmp_path, my_an_2020()), "Book1"))
    excel.generate_report()
    [(text, mode)] = remote.alerts(book)
    assert mode == "critical" and "chưa được lưu" in text and "Ctrl+S" in text


# --- rollup, district_report -----------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_district(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return build_demo_district(tmp_path_factory.mktemp("district"))


def grid_from_actions(book: xw.Book, sheet: str) -> list[list[Any]]:
    """The sheet as Excel would hold it after the queued writes (coercions included)."""
    cells = remote.excel_view(book)[sheet]
    rows = max(r for r, _ in cells) + 1
    cols = max(c for _, c in cells) + 1
    return [[cells.get((r, c)) for c in range(cols)] for r in range(rows)]


def test_rollup_fills_the_two_sheets(demo_district: tuple[Path, Path]) -> None:
    register, _ = demo_district
    book = remote.caller(remote.payload(register))
    excel.rollup()
    [(text, mode)] = remote.alerts(book)
    assert mode == "info" and "Đã nộp: 7/8" in text
    rows = rows_from_grid(grid_from_actions(book, ROLLUP_SHEET))
    assert len(rows) == 9  # 8 registered schools and one not in the register
    assert {r["school_code"] for r in rows} >= {"80512101", "80512106"}
    status = grid_from_actions(book, STATUS_SHEET)
    assert any(row[1] == SchoolStatus.MISSING.value for row in status)
    assert not any("~$" in str(row[4]) and register.name in str(row[4]) for row in status)


def _held(value: Any) -> Any:
    """A cell compared across the two writers: a date as its ISO text, a rate to 9 places."""
    if isinstance(value, (dt.date, remote.ExcelDate)):
        return str(value)[:10]
    return round(value, 9) if isinstance(value, float) else value


def assert_button_lays_out_as_the_file(register: Path, tmp_path: Path) -> Rollup:
    """One layout (``xlsx.rollup_layout``): the button's two sheets hold, cell for cell, what the
    roll-up file of the same merge holds; only a group heading, one merged cell in the file, is
    written over each of its columns by the button. The notes under the totals row on a rate
    taken over fewer schools (``rate_notes``) are in both."""
    from outreach_xl.app.district import previous_rollup_paths, read_previous_rollup
    from outreach_xl.core.year_over_year import compare

    book = remote.caller(remote.payload(register))
    excel.rollup()
    button = remote.excel_view(book)
    district = read_district(register)
    config = district.config
    folder = excel.schools_folder(config.schools_folder, register.parent)
    merged = rollup_folder(folder, district.register, year=config.report_year, workers=1)
    last_year = previous_rollup_paths(district, None, register.parent)
    if last_year:
        before, former = read_previous_rollup(last_year, district)
        merged = compare(merged, before, former=former)
    out = write_rollup(
        merged, tmp_path / "rollup.xlsx", unit=config.unit_name, managing_body=config.managing_body
    )
    for sheet, grid in load_grids(out, [ROLLUP_SHEET, STATUS_SHEET]).items():
        file = {
            (r, c): _held(v) for r, row in enumerate(grid) for c, v in enumerate(row) if v != ""
        }
        held = {k: _held(v) for k, v in button[sheet].items() if v is not None}
        if sheet == ROLLUP_SHEET:
            held = {k: v for k, v in held.items() if k[0] != TABLE.groups or k in file}
            below = {k: v for k, v in file.items() if k[0] > TABLE.total(len(merged.rows))}
            assert list(below.values()) == rate_notes(merged)
        assert held == file, sheet
    return merged


def test_the_button_lays_the_sheets_out_as_the_file_does(
    demo_district: tuple[Path, Path], tmp_path: Path
) -> None:
    assert_button_lays_out_as_the_file(demo_district[0], tmp_path)


def test_compared_with_last_year_too(tmp_path: Path) -> None:
    """The year-over-year columns and the tracker's section C stand where the file has them."""
    from outreach_xl.app.district import run_rollup
    from outreach_xl.demo.district import ROLLUP_NAME, build_next_year_district

    register_2020, schools_2020 = build_demo_district(tmp_path / "tong_hop")
    run_rollup(schools_2020, register_2020, tmp_path / "tong_hop" / ROLLUP_NAME)
    register, _ = build_next_year_district(
        tmp_path / "tong_hop_2021", register_2020, tmp_path / "tong_hop" / ROLLUP_NAME
    )
    merged = assert_button_lays_out_as_the_file(register, tmp_path)
    assert merged.previous is not None and merged.previous.lapsed  # section C is there


def test_rollup_with_a_missing_schools_folder(
    demo_district: tuple[Path, Path], tmp_path: Path
) -> None:
    register, _ = demo_district
    alone = tmp_path / register.name
    shutil.copy(register, alone)  # its Cấu hình points at ./truong, which is not there
    book = remote.caller(remote.payload(alone))
    excel.rollup()
    [(text, mode)] = remote.alerts(book)
    assert mode == "critical" and "Không tìm thấy thư mục" in text


def test_district_report_from_the_rollup_sheet(demo_district: tuple[Path, Path]) -> None:
    register, _ = demo_district
    merged = remote.caller(remote.payload(register))
    excel.rollup()
    table = grid_from_actions(merged, ROLLUP_SHEET)
    book = remote.caller(remote.payload(register, extra={ROLLUP_SHEET: table}))
    excel.district_report()
    [(text, mode)] = remote.alerts(book)
    docx = register.parent / "BaoCao_TongHop_TTDN_2020.docx"
    assert mode == "info" and str(docx) in text and docx.is_file()


def test_district_report_before_any_rollup(demo_district: tuple[Path, Path]) -> None:
    register, _ = demo_district
    book = remote.caller(remote.payload(register))
    excel.district_report()
    [(text, mode)] = remote.alerts(book)
    assert mode == "critical" and "Tổng hợp các trường" in text


# --- Excel's coercions -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "held"),
    [
        ("80512106", 80512106.0),
        ("0123", 123.0),
        ("50%", 0.5),
        ("1,234", 1234.0),
        ("-5", -5.0),
        ("1/2", remote.ExcelDate("1/2")),
        ("15/03/2020", remote.ExcelDate("15/03/2020")),
        ("10:30", remote.ExcelDate("10:30")),
        ("TRUE", True),
        ("=1+1", remote.Formula("=1+1")),
        ("-abc", remote.Formula("-abc")),
        ("@x", remote.Formula("@x")),
        ("'=1+1", "=1+1"),
        ("'0123", "0123"),
        ("Trường Mẫu giáo Mỹ An", "Trường Mẫu giáo Mỹ An"),
        ("8/2020/QĐ-UBND", "8/2020/QĐ-UBND"),
    ],
)
def test_the_coercion_rule(written: str, held: Any) -> None:
    assert remote.excel_coerce(written) == held
    assert type(remote.excel_coerce(written)) is type(held)
    kept = written[1:] if written.startswith("'") else written
    assert remote.excel_coerce(written, text_format=True) == kept


def test_codes_stay_text_from_the_merge_to_the_report(
    demo_district: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A code with a leading zero, merged, read back from the sheet as Excel holds it, reported."""
    import outreach_xl.files.folder as folder

    real = folder.rollup_folder

    def zero_first(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        rows = [{**r, "school_code": "0" + r["school_code"][1:]} for r in result.rows]
        return dataclasses.replace(result, rows=tuple(rows))

    monkeypatch.setattr(folder, "rollup_folder", zero_first)
    register, _ = demo_district
    merged = remote.caller(remote.payload(register))
    excel.rollup()
    table = grid_from_actions(merged, ROLLUP_SHEET)
    codes = {r["school_code"] for r in rows_from_grid(table)}
    assert "00512106" in codes and all(isinstance(c, str) for c in codes), codes
    book = remote.caller(remote.payload(register, extra={ROLLUP_SHEET: table}))
    excel.district_report()
    [(text, mode)] = remote.alerts(book)
    assert mode == "info", text


def test_a_code_excel_made_a_number_reads_back_without_dot_zero() -> None:
    grid = [["seq", "school_code"], [None, None], ["STT", "Mã trường"], [1, 80512106.0]]
    assert rows_from_grid(grid)[0]["school_code"] == "80512106"


# --- OneDrive / SharePoint -------------------------------------------------------------------

ONEDRIVE = "https://d.docs.live.net/4f2a9c/Documents/{}"


@pytest.mark.parametrize("button", ["generate_report", "rollup"])
def test_a_workbook_opened_from_onedrive_asks_for_a_local_copy(
    button: str, tmp_path: Path, demo_district: tuple[Path, Path]
) -> None:
    path = school_file(tmp_path, my_an_2020()) if button == "generate_report" else demo_district[0]
    book = remote.caller(remote.payload(path, ONEDRIVE.format(path.name)))
    getattr(excel, button)()
    [(text, mode)] = remote.alerts(book)
    assert mode == "critical" and "OneDrive" in text and "thư mục trên máy" in text, text
    assert not list(tmp_path.rglob("*.docx"))


# --- When no message box can be shown --------------------------------------------------------


def test_the_last_resort_message_is_utf8_and_kept_in_a_file(tmp_path: Path) -> None:
    """No Excel answers: the message goes to stderr as UTF-8 (not the ANSI code page, with its
    escapes, which Python would use on Windows) and to a UTF-8 file whose path it names."""
    import os
    import subprocess
    import sys

    text = "Lỗi ở ô C5 của trang «Thông tin chung»: «Nguyễn Văn Ấn»"
    code = f"import outreach_xl.excel as x; x._alert(None, {text!r}, critical=True)"
    env = {
        **os.environ,
        "TMPDIR": str(tmp_path),
        "PYTHONIOENCODING": "cp1252:backslashreplace",  # what a redirected stderr gets on Windows
        "XLWINGS_LICENSE_KEY": "noncommercial",
    }
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, env=env, timeout=120, check=False
    )
    assert done.returncode == 1
    stderr = done.stderr.decode("utf-8")  # strict: any cp1252 byte or escape would fail here
    log = tmp_path / excel.LOG_NAME
    assert text in stderr and str(log) in stderr and "\\u" not in stderr
    saved = log.read_bytes()
    assert saved.startswith(b"\xef\xbb\xbf") and text in saved.decode("utf-8-sig")


def test_rollup_and_report_compared_with_last_year(tmp_path: Path) -> None:
    """The 2021 demo district names the 2020 roll-up in «Cấu hình»: the button compares."""
    from outreach_xl.app.district import run_rollup
    from outreach_xl.demo.district import ROLLUP_NAME, build_next_year_district

    register_2020, schools_2020 = build_demo_district(tmp_path / "tong_hop")
    run_rollup(schools_2020, register_2020, tmp_path / "tong_hop" / ROLLUP_NAME)
    register, _ = build_next_year_district(
        tmp_path / "tong_hop_2021", register_2020, tmp_path / "tong_hop" / ROLLUP_NAME
    )
    merged = remote.caller(remote.payload(register))
    excel.rollup()
    [(text, mode)] = remote.alerts(merged)
    assert mode == "info" and "So sánh với năm 2020: 2 trường" in text
    table = grid_from_actions(merged, ROLLUP_SHEET)
    rows = {r["school_code"]: r for r in rows_from_grid(table)}
    assert (rows["80512102"]["prev_sessions"], rows["80512102"]["change_sessions"]) == (3, 1)
    status = grid_from_actions(merged, STATUS_SHEET)
    assert any(str(row[0]).startswith("C. ") and "2020" in str(row[0]) for row in status)
    book = remote.caller(remote.payload(register, extra={ROLLUP_SHEET: table}))
    excel.district_report()
    [(text, mode)] = remote.alerts(book)
    docx = register.parent / "BaoCao_TongHop_TTDN_2021.docx"
    assert mode == "info" and docx.is_file()
    from docx import Document

    body = [p.text for p in Document(str(docx)).paragraphs]
    assert "- Số lần tuyên truyền: 30, tăng 87,5% so với năm 2020;" in body  # 30 vs 16


def test_a_ward_compares_with_the_former_district_offices_rollup(tmp_path: Path) -> None:
    """2025: a ward's register of two of the demo district's schools names the district office's
    roll-up of the year before in «Tệp tổng hợp năm trước»: the button compares those two
    schools, says whose file it was, and the report button says it in the report."""
    from docx import Document

    from outreach_xl.app.district import run_rollup
    from outreach_xl.demo.district import SCHOOLS, register_data, school_data
    from outreach_xl.schema import DISTRICT

    def year_of(data: SchoolData, year: int, **values: Any) -> SchoolData:
        return with_values(data, report_year=year, request_date=dt.date(year, 12, 1), **values)

    for year, schools in ((2024, SCHOOLS), (2025, SCHOOLS[:2])):
        folder = tmp_path / str(year) / "truong"
        for s in schools:
            dated = dataclasses.replace(s, report_date=dt.date(year, 12, 20))
            school_file(folder, school_data(dated, year), f"{s.abbr}.xlsx")
    register_2024 = tmp_path / "2024" / "TongHop_TTDN_2024.xlsx"
    register_2024.write_bytes(
        build_workbook(DISTRICT, year_of(register_data(), 2024, report_date=dt.date(2025, 1, 5)))
    )
    run_rollup(tmp_path / "2024" / "truong", register_2024, tmp_path / "2024" / "KetQua.xlsx")
    data = year_of(register_data(), 2025, report_date=dt.date(2026, 1, 5), managing_body=None,
                   unit_name="Ủy ban nhân dân phường Long An", doc_symbol="BC-UBND",
                   signer_authority="TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH",
                   signer_title="PHÓ CHỦ TỊCH", previous_rollup="../2024/KetQua.xlsx")  # fmt: skip
    codes = {s.code for s in SCHOOLS[:2]}
    data = dataclasses.replace(
        data, tables={**data.tables, "schools": [r for r in data.tables["schools"]
                                                 if r["code"] in codes]}
    )  # fmt: skip
    register = tmp_path / "2025" / "TongHop_TTDN_2025.xlsx"
    register.write_bytes(build_workbook(DISTRICT, data))

    merged = remote.caller(remote.payload(register))
    excel.rollup()
    [(text, mode)] = remote.alerts(merged)
    former = "«Phòng Giáo dục và Đào tạo huyện Thủ Thừa», đơn vị tổng hợp trước đây"
    assert mode == "info" and former in text and "chỉ so sánh 2/2 trường" in text, text
    assert "So sánh với năm 2024: 0 trường" in text
    assert all(s.name not in text for s in SCHOOLS[2:])
    table = grid_from_actions(merged, ROLLUP_SHEET)
    book = remote.caller(remote.payload(register, extra={ROLLUP_SHEET: table}))
    excel.district_report()
    [(text, mode)] = remote.alerts(book)
    assert mode == "info", text
    body = [
        p.text for p in Document(str(register.parent / "BaoCao_TongHop_TTDN_2025.docx")).paragraphs
    ]
    assert "- Số lần tuyên truyền: 5, bằng năm 2024;" in body  # 2 + 3, not the district's 23
    assert any("(đơn vị tổng hợp trước đây), chỉ gồm 2 trường" in p for p in body)
