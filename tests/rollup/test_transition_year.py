"""The 2025 transition year, through the command line: a ward's People's Committee merges its 2025
schools and compares with last year's roll-up, which the former DISTRICT office made of many more
schools under another unit name.

Found in a user QA round: the ward's 2 schools were 2 of the district's 8, so the comparison was
refused as «another unit's» (2/8 < half); had it been made, the district's other schools would have
been listed as «năm trước đã nộp, năm nay chưa nộp» and last year's totals would have been the
whole district's. Now the schools in common are compared, last year's totals count only them, and
the clerk is told last year's file was another unit's.

By hand, 2024 (demo figures): Mỹ An staff 21, pupils 170, sessions 2, no news; Long Thượng staff
18, pupils 150, sessions 3, news 12, parents 140. The two together: staff 39, pupils 320,
sessions 5, news 12, parents 140 (the district's eight: six more schools, 209 staff more).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from outreach_xl.app.district import read_rollup
from outreach_xl.cli import main
from outreach_xl.core.model import SchoolData
from outreach_xl.demo.district import SCHOOLS, register_data, school_data
from outreach_xl.schema import DISTRICT, SCHOOL
from outreach_xl.xlsx.builder import build_workbook
from outreach_xl.xlsx.rollup_workbook import ROLLUP_SHEET, STATUS_SHEET

MY_AN, LONG_THUONG = SCHOOLS[0], SCHOOLS[1]
FORMER = "«Phòng Giáo dục và Đào tạo huyện Thủ Thừa»"  # as a report names a district office


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out + err


def _year(data: SchoolData, year: int, **values: object) -> SchoolData:
    return dataclasses.replace(data, values={**data.values, "report_year": year, **values})


def district_2024(base: Path) -> Path:
    """The former district office's 2024 roll-up of its eight schools."""
    folder = base / "truong_2024"
    folder.mkdir(parents=True)
    for school in SCHOOLS:
        dated = dataclasses.replace(school, report_date=dt.date(2024, 12, 20))
        (folder / f"{school.abbr}.xlsx").write_bytes(
            build_workbook(SCHOOL, school_data(dated, 2024))
        )
    register = base / "TongHop_TTDN_2024.xlsx"
    data = _year(register_data(), 2024, report_date=dt.date(2025, 1, 10),
                 request_date=dt.date(2024, 12, 1))  # fmt: skip
    register.write_bytes(build_workbook(DISTRICT, data))
    result = base / "KetQua_2024.xlsx"
    assert main(["rollup", str(folder), "--register", str(register), "-o", str(result)]) == 0
    return result


def ward_2025(base: Path, schools: tuple = (MY_AN, LONG_THUONG)) -> tuple[Path, Path]:
    """A ward's 2025 register of two of those schools, and their 2025 workbooks."""
    folder = base / "truong_2025"
    folder.mkdir(parents=True)
    for school in schools:
        dated = dataclasses.replace(school, report_date=dt.date(2025, 12, 20))
        (folder / f"{school.abbr}.xlsx").write_bytes(
            build_workbook(SCHOOL, school_data(dated, 2025))
        )
    data = register_data()
    rows = {r["code"]: r for r in data.tables["schools"]}
    data = dataclasses.replace(
        data,
        values={**data.values, "report_year": 2025, "managing_body": None,
                "unit_name": "Ủy ban nhân dân phường Long An", "doc_symbol": "BC-UBND",
                "report_date": dt.date(2026, 1, 10), "request_date": dt.date(2025, 12, 1),
                "signer_authority": "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH",
                "signer_title": "PHÓ CHỦ TỊCH"},
        tables={**data.tables, "schools": [{**rows.get(s.code, rows[SCHOOLS[2].code]),
                                            "code": s.code, "name": s.name, "abbr": s.abbr}
                                           for s in schools]},
    )  # fmt: skip
    register = base / "TongHop_TTDN_2025.xlsx"
    register.write_bytes(build_workbook(DISTRICT, data))
    return register, folder


def cells(path: Path, sheet: str) -> list[str]:
    book = openpyxl.load_workbook(path)
    return [str(c.value) for row in book[sheet].iter_rows() for c in row if c.value is not None]


def last_years_totals(path: Path) -> dict[str, object]:
    rollup = read_rollup(path)
    assert rollup.previous is not None
    return dict(rollup.previous.totals)


def test_the_ward_compares_the_schools_it_shares_with_the_former_district(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    previous = district_2024(tmp_path)
    register, folder = ward_2025(tmp_path)
    capsys.readouterr()
    code, out = run(capsys, "rollup", str(folder), "--register", str(register), "-o",
                    str(tmp_path / "KetQua_2025.xlsx"), "--previous", str(previous))  # fmt: skip
    assert code == 0, out
    # Said plainly: last year's file was the former office's, and only the schools in common count.
    assert FORMER in out and "2 trường" in out
    assert "0 trường năm trước đã nộp, năm nay chưa nộp" in out
    for other in SCHOOLS[2:]:
        assert other.name not in out
    result = tmp_path / "KetQua_2025.xlsx"
    status = cells(result, STATUS_SHEET)
    for other in SCHOOLS[2:]:
        assert not any(other.name in c for c in status), other.name
    assert (
        "C. Các trường đã nộp báo cáo năm 2024, năm nay chưa nộp (chỉ các trường trong danh sách "
        f"năm nay có ở tệp tổng hợp của {FORMER})" in status
    )
    totals = last_years_totals(result)
    assert (totals["staff_participants"], totals["pupil_participants"]) == (39, 320)
    assert (totals["sessions"], totals["news_items"], totals["parents_reached"]) == (5, 12, 140)
    note = " ".join(cells(result, ROLLUP_SHEET)[:3])
    assert FORMER in note and "2 trường" in note

    # The ward's report: last year's figures are those of the same two schools, and it says so.
    code, out = run(capsys, "district-report", str(result), "--register", str(register), "-o",
                    str(tmp_path / "bc.docx"))  # fmt: skip
    assert code == 0, out
    text = "\n".join(p.text for p in Document(str(tmp_path / "bc.docx")).paragraphs)
    assert "Số lần tuyên truyền: 5, bằng năm 2024;" in text  # 2+3 both years
    assert (
        "Số liệu năm 2024 lấy từ tổng hợp năm 2024 của Phòng Giáo dục và Đào tạo huyện Thủ Thừa "
        "(đơn vị tổng hợp trước đây), chỉ gồm 2 trường có trong danh sách năm nay, tính "
        "trên 2 trường có báo cáo hợp lệ; số liệu năm 2025 trên 2 trường." in text
    )


def test_a_school_of_the_ward_missing_this_year_is_still_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Long Thượng, in the ward's register, sent nothing in 2025: it, and only it, is lapsed."""
    previous = district_2024(tmp_path)
    register, folder = ward_2025(tmp_path)
    (folder / f"{LONG_THUONG.abbr}.xlsx").unlink()
    capsys.readouterr()
    code, out = run(capsys, "rollup", str(folder), "--register", str(register), "-o",
                    str(tmp_path / "KetQua_2025.xlsx"), "--previous", str(previous))  # fmt: skip
    assert code == 0, out
    assert "1 trường năm trước đã nộp, năm nay chưa nộp: Trường Mẫu giáo Long Thượng." in out


# A school with a code the former district's file does not hold: two schools merged into a new one
# with a new code. The ward's 2025 totals count it, last year's cannot: the totals are not compared.
MERGED = dataclasses.replace(
    SCHOOLS[2], code="80512150", name="Trường Tiểu học Mỹ Phú Thạnh", abbr="THMPT"
)


def test_totals_are_not_compared_when_last_years_file_lacks_some_of_this_years_schools(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    previous = district_2024(tmp_path)
    register, folder = ward_2025(tmp_path, (MY_AN, LONG_THUONG, MERGED))
    capsys.readouterr()
    result = tmp_path / "KetQua_2025.xlsx"
    code, out = run(capsys, "rollup", str(folder), "--register", str(register), "-o",
                    str(result), "--previous", str(previous))  # fmt: skip
    assert code == 0, out
    assert "2/3 trường" in out and "không so sánh tổng số" in out
    rollup = read_rollup(result)
    assert rollup.totals["sessions"] == 11  # 2 + 3 + 6
    assert rollup.totals["prev_sessions"] == 5  # Mỹ An and Long Thượng in 2024: what it says
    assert all(rollup.totals[f"change_{k}"] is None for k in ("sessions", "staff_participants"))
    rows = {r["school_code"]: r for r in rollup.rows}
    assert rows[MY_AN.code]["change_sessions"] == 0 and rows[MERGED.code]["prev_sessions"] is None

    code, out = run(capsys, "district-report", str(result), "--register", str(register), "-o",
                    str(tmp_path / "bc.docx"))  # fmt: skip
    assert code == 0, out
    text = "\n".join(p.text for p in Document(str(tmp_path / "bc.docx")).paragraphs)
    assert "- Số lần tuyên truyền: 11;" in text  # no «tăng 120% so với năm 2024» (11 vs 5)
    assert "so với năm 2024" not in text
    assert "chỉ có 2/3 trường của danh sách năm nay" in text


# --- A school clerk starting the 2025 workbook from the 2024 one ----------------------------------


def test_a_school_workbook_carried_into_2025_names_what_still_names_the_district_level(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Long Thượng's 2024 workbook (managing body «PHÒNG GD&ĐT THỦ THỪA», request from and report
    to «Phòng Giáo dục và Đào tạo huyện Thủ Thừa», recipient «Phòng GD&ĐT;») carried into 2025:
    the clerk is told at once, and the check of the filled 2025 workbook warns on each of them."""
    import openpyxl

    last = tmp_path / "BaoCao_TTDN_2024.xlsx"
    dated = dataclasses.replace(LONG_THUONG, report_date=dt.date(2024, 12, 20))
    data = school_data(dated, 2024)
    data = _year(data, 2024, addressee="Phòng Giáo dục và Đào tạo huyện Thủ Thừa")
    recipients = [{"name": "Phòng GD&ĐT;"}, {"name": "Sở Giáo dục và Đào tạo tỉnh Long An;"},
                  {"name": "Lưu: VT."}]  # fmt: skip
    data = dataclasses.replace(data, tables={**data.tables, "recipients": recipients})
    last.write_bytes(build_workbook(SCHOOL, data))
    new = tmp_path / "BaoCao_TTDN_2025.xlsx"
    code, out = run(capsys, "new", "--from", str(last), "--no-macros", "-o", str(new))
    assert code == 0, out
    assert "«Cơ quan chủ quản» (PHÒNG GD&ĐT THỦ THỪA)" in out
    assert "«Văn bản yêu cầu: cơ quan ban hành» (Phòng Giáo dục và Đào tạo huyện Thủ Thừa)" in out
    assert "«Nơi nhận» (Phòng GD&ĐT;)" in out
    assert "«Kính gửi (nếu có)» (Phòng Giáo dục và Đào tạo huyện Thủ Thừa)" in out
    assert "01/7/2025" in out
    assert "«Tỉnh/thành phố» (Long An)" in out  # Long An merged into Tây Ninh
    assert "«Nơi nhận» (Sở Giáo dục và Đào tạo tỉnh Long An;)" in out

    # The clerk fills the dates of 2025 and checks: a warning on each, naming its cell.
    book = openpyxl.load_workbook(new)
    from outreach_xl.files.reader import read_file

    carried = read_file(new)
    for key, value in (("report_date", dt.datetime(2025, 12, 20)),
                       ("request_date", dt.datetime(2025, 11, 3))):  # fmt: skip
        ref = carried.cell(key).ref
        assert ref is not None
        book[ref.sheet][ref.cell].value = value
    book.save(new)
    code, out = run(capsys, "validate", str(new))
    warned = [line for line in out.splitlines() if "không còn cấp huyện" in line]
    assert len(warned) == 5, out  # managing body, request issuer, addressee, two recipients
    assert any("«Văn bản yêu cầu: cơ quan ban hành»" in line for line in warned)
    assert any("(giá trị: «Phòng GD&ĐT;»)" in line for line in warned)
    assert "tỉnh «LONG AN» đã hợp nhất với tỉnh khác" in out


def test_a_request_letter_dated_before_july_2025_may_come_from_the_district_office(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = school_data(dataclasses.replace(LONG_THUONG, report_date=dt.date(2025, 12, 20)), 2025)
    data = _year(data, 2025, request_date=dt.date(2025, 3, 3), managing_body="UBND XÃ LONG THƯỢNG",
                 province="Tây Ninh", addressee="Ủy ban nhân dân phường Long An")  # fmt: skip
    data = dataclasses.replace(
        data, tables={**data.tables, "recipients": [{"name": "UBND xã Long Thượng;"},
                                                    {"name": "Lưu: VT."}]}
    )  # fmt: skip
    path = tmp_path / "BaoCao_TTDN_2025.xlsx"
    path.write_bytes(build_workbook(SCHOOL, data))
    _, out = run(capsys, "validate", str(path))
    assert "không còn cấp huyện" not in out and "hợp nhất" not in out, out


def test_a_workbook_carried_into_2024_names_the_district_office_without_a_word(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    last = tmp_path / "BaoCao_TTDN_2023.xlsx"
    dated = dataclasses.replace(LONG_THUONG, report_date=dt.date(2023, 12, 20))
    last.write_bytes(build_workbook(SCHOOL, school_data(dated, 2023)))
    code, out = run(capsys, "new", "--from", str(last), "--no-macros", "-o",
                    str(tmp_path / "BaoCao_TTDN_2024.xlsx"))  # fmt: skip
    assert code == 0 and "cấp huyện" not in out, out


# --- A provincial department whose schools two district offices merged in 2024 --------------------


def test_a_department_compares_with_each_former_district_offices_rollup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Thủ Thừa's eight schools and Bến Lức's (the same figures under codes 80599xxx) in 2024; the
    department's 2025 register holds Mỹ An and Long Thượng of each. Given both files (--previous
    twice), every school is in one of them: totals are compared, none is lapsed. Given one, only
    that office's two schools are compared, and the totals are not."""
    thu_thua = district_2024(tmp_path / "thu_thua")
    ben_luc_schools = tuple(
        dataclasses.replace(
            s, code="80599" + s.code[5:], name=s.name + " (Bến Lức)", abbr=s.abbr + "BL"
        )
        for s in SCHOOLS
    )
    ben_luc = tmp_path / "ben_luc"
    folder = ben_luc / "truong_2024"
    folder.mkdir(parents=True)
    for school in ben_luc_schools:
        dated = dataclasses.replace(school, report_date=dt.date(2024, 12, 20))
        (folder / f"{school.abbr}.xlsx").write_bytes(
            build_workbook(SCHOOL, school_data(dated, 2024))
        )
    data = register_data()
    data = dataclasses.replace(
        data,
        values={**data.values, "report_year": 2024, "managing_body": "UBND HUYỆN BẾN LỨC",
                "report_date": dt.date(2025, 1, 10), "request_date": dt.date(2024, 12, 1)},
        tables={**data.tables, "schools": [{**r, "code": "80599" + r["code"][5:]}
                                           for r in data.tables["schools"]]},
    )  # fmt: skip
    (ben_luc / "TongHop.xlsx").write_bytes(build_workbook(DISTRICT, data))
    assert main(["rollup", str(folder), "--register", str(ben_luc / "TongHop.xlsx"), "-o",
                 str(ben_luc / "KetQua_2024.xlsx")]) == 0  # fmt: skip
    register, folder = ward_2025(tmp_path / "so", (MY_AN, LONG_THUONG, *ben_luc_schools[:2]))
    capsys.readouterr()
    result = tmp_path / "KetQua_2025.xlsx"
    code, out = run(capsys, "rollup", str(folder), "--register", str(register), "-o", str(result),
                    "--previous", str(thu_thua), "--previous",
                    str(ben_luc / "KetQua_2024.xlsx"))  # fmt: skip
    assert code == 0, out
    assert "Đào tạo huyện Thủ Thừa" in out and "Đào tạo huyện Bến Lức" in out
    assert "4/4 trường" in out and "không so sánh tổng số" not in out
    assert "0 trường năm trước đã nộp, năm nay chưa nộp" in out
    rollup = read_rollup(result)
    assert rollup.totals["prev_sessions"] == 10 and rollup.totals["change_sessions"] == 0

    code, out = run(capsys, "rollup", str(folder), "--register", str(register), "-o", str(result),
                    "--force", "--previous", str(thu_thua))  # fmt: skip
    assert code == 0, out
    assert "2/4 trường" in out and "không so sánh tổng số" in out
    assert "--previous" in out  # what to do: give every former office's file


def test_the_configuration_names_several_former_offices_files_separated_by_semicolons(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """«Tệp tổng hợp năm trước» naming two files: both are read, as with --previous twice."""
    import openpyxl

    from outreach_xl.files.reader import read_file

    first = district_2024(tmp_path / "a")
    second = tmp_path / "b" / "KetQua_2024.xlsx"
    second.parent.mkdir()
    second.write_bytes(first.read_bytes())  # the same schools: each counts once
    register, folder = ward_2025(tmp_path / "so")
    ref = read_file(register, DISTRICT).cell("previous_rollup").ref
    assert ref is not None
    book = openpyxl.load_workbook(register)
    book[ref.sheet][ref.cell].value = f"../a/KetQua_2024.xlsx; {second}"
    book.save(register)
    capsys.readouterr()
    result = tmp_path / "KetQua_2025.xlsx"
    code, out = run(capsys, "rollup", str(folder), "--register", str(register), "-o", str(result))
    assert code == 0, out
    assert "2/2 trường" in out
    assert read_rollup(result).totals["prev_sessions"] == 5  # 2 + 3, not twice


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("Sở GD&ĐT tỉnh Hoà Bình", "TỈNH HÒA BÌNH"),  # the tone mark's older place
        ("SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH HÒA BÌNH", "TỈNH HÒA BÌNH"),
        ("Sở GD&ĐT tỉnh Đăk Nông;", "TỈNH ĐĂK NÔNG"),  # as the name is also written
        ("UBND xã Hoà Bình", None),  # a commune of that name: not the province
        ("Cơ quan chủ quản: UBND xã Thuỷ An", None),
    ],
)
def test_a_merged_provinces_name_is_found_however_its_tone_marks_are_placed(
    typed: str, found: str | None
) -> None:
    from outreach_xl.core.validation import abolished_name
    from outreach_xl.schema.school import ABOLISHED_NAMES

    assert abolished_name(typed, ABOLISHED_NAMES) == found
