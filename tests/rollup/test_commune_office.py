"""The merging office after 1 July 2025: a commune (ward) People's Committee, through the command
line, as a clerk of «UBND phường Long An, tỉnh Tây Ninh» fills the district workbook by hand.

Found in a user QA round: the ward has no managing body above its own name (Decree 30 writes
«ỦY BAN NHÂN DÂN / PHƯỜNG LONG AN» alone), signs «TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ
TỊCH» on three lines, and its clerk types the register's names in one case or without «Trường».
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from outreach_xl.cli import main
from outreach_xl.core.model import SchoolData
from outreach_xl.core.school_report import recipients
from outreach_xl.demo.district import SCHOOLS, register_data, school_data
from outreach_xl.schema import DISTRICT, SCHOOL
from outreach_xl.xlsx.builder import build_workbook

MY_AN, LONG_THUONG = SCHOOLS[0], SCHOOLS[1]


def ward_register(**changes: object) -> SchoolData:
    """The demo register as a ward's People's Committee fills it (no managing body)."""
    data = register_data()
    values = {
        **data.values,
        "managing_body": None,
        "unit_name": "Ủy ban nhân dân phường Long An",
        "doc_symbol": "BC-UBND",
        "place": "Long An",
        "signer_authority": "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH",  # Alt+Enter, read as a space
        "signer_title": "PHÓ CHỦ TỊCH",
        "signer_name": "Nguyễn Văn Bình",
        **changes,
    }
    return dataclasses.replace(data, values=values)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out + err


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    schools = tmp_path / "truong"
    schools.mkdir()
    for school in (MY_AN, LONG_THUONG):
        (schools / f"{school.abbr}.xlsx").write_bytes(build_workbook(SCHOOL, school_data(school)))
    return schools


def report_of(capsys, tmp_path: Path, folder: Path, register: SchoolData) -> Document:
    book = tmp_path / "TongHop_TTDN_2020.xlsx"
    book.write_bytes(build_workbook(DISTRICT, register))
    code, out = run(capsys, "rollup", str(folder), "--register", str(book), "-o",
                    str(tmp_path / "th.xlsx"))  # fmt: skip
    assert code == 0, out
    assert "Cơ quan chủ quản" not in out  # no error left in «Cấu hình»
    code, out = run(capsys, "district-report", str(tmp_path / "th.xlsx"), "--register",
                    str(book), "-o", str(tmp_path / "bc.docx"))  # fmt: skip
    assert code == 0, out
    return Document(io.BytesIO((tmp_path / "bc.docx").read_bytes()))


def test_a_ward_without_a_managing_body_writes_its_report(capsys, tmp_path, folder) -> None:
    doc = report_of(capsys, tmp_path, folder, ward_register())
    header = doc.tables[0].rows[0].cells[0].text.split("\n")
    assert [line for line in header if line] == ["ỦY BAN NHÂN DÂN", "PHƯỜNG LONG AN"]


@pytest.mark.parametrize(
    "typed",
    [
        "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH",  # one line, or Alt+Enter read as a space
        "tm. ủy ban nhân dân kt.chủ tịch",
        "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH",
    ],
)
def test_the_signer_block_of_a_peoples_committee_is_three_lines(
    capsys, tmp_path, folder, typed
) -> None:
    doc = report_of(capsys, tmp_path, folder, ward_register(signer_authority=typed))
    signer = doc.tables[-1].rows[0].cells[1].text.split("\n")
    assert [line for line in signer if line] == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Văn Bình",
    ]


def test_register_names_typed_in_one_case_or_without_truong_are_written_whole(
    capsys, tmp_path, folder
) -> None:
    register = ward_register()
    schools = [dict(s) for s in register.tables["schools"]]
    schools[0]["name"] = "mẫu giáo mỹ an "  # «Trường» left out, small letters, a trailing space
    schools[1]["name"] = "TRƯỜNG MẪU GIÁO LONG THƯỢNG"
    schools[-1]["name"] = "tiểu học tân thành"  # sends nothing: named in «Chưa nộp»
    register = dataclasses.replace(
        register,
        values={**register.values, "unit_name": "ủy ban nhân dân phường long an"},
        tables={**register.tables, "schools": schools},
    )
    doc = report_of(capsys, tmp_path, folder, register)
    book = openpyxl.load_workbook(tmp_path / "th.xlsx")
    names = {
        sheet: {str(c.value) for row in book[sheet].iter_rows() for c in row if c.value}
        for sheet in ("Tổng hợp", "Tình trạng nộp")
    }
    for sheet, values in names.items():
        for name in ("Trường Mẫu giáo Mỹ An", "Trường Mẫu giáo Long Thượng"):
            assert name in values, (sheet, name)
        assert "Trường Tiểu học Tân Thành" in values, sheet
        assert not {"mẫu giáo mỹ an", "TRƯỜNG MẪU GIÁO LONG THƯỢNG"} & values, sheet
    assert str(book["Tổng hợp"]["A2"].value).startswith("Ủy ban nhân dân phường Long An.")
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Trường Tiểu học Tân Thành (mã" in text


# --- A provincial department (Sở GD&ĐT) ----------------------------------------------------------


def department_register() -> SchoolData:
    """The demo register as a provincial department's clerk types it, all in one case."""
    data = ward_register(
        managing_body="ubnd tỉnh tây ninh",
        unit_name="SỞ GIÁO DỤC VÀ ĐÀO TẠO",
        doc_symbol="BC-SGDĐT",
        place="tây ninh",
        signer_authority="kt. giám đốc",
        signer_title="phó giám đốc",
    )
    schools = [dict(s) for s in data.tables["schools"]]
    schools[-1]["name"] = "trường thpt thủ thừa (long an cũ)"  # the old province kept in brackets
    recipients = [{"name": "Như trên;"}, {"name": "UBND tỉnh;"}, {"name": "lưu: vt, vp"}]
    return dataclasses.replace(
        data, tables={**data.tables, "schools": schools, "recipients": recipients}
    )


def test_a_provincial_departments_report(capsys, tmp_path, folder) -> None:
    doc = report_of(capsys, tmp_path, folder, department_register())
    header = [line for line in doc.tables[0].rows[0].cells[0].text.split("\n") if line]
    assert header == ["UBND TỈNH TÂY NINH", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"]
    ending = doc.tables[-1].rows[0].cells
    assert [line for line in ending[1].text.split("\n") if line][:2] == [
        "KT. GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
    ]
    assert ending[0].text.split("\n")[-1] == "- Lưu: VT, VP."
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "- Trường THPT Thủ Thừa (Long An cũ) (mã" in text


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("lưu: vt, vp", "Lưu: VT, VP."),
        ("Lưu VT, VHXH", "Lưu: VT, VHXH."),
        ("lưu vt tổ cm", "Lưu: VT, tổ cm."),  # no comma: never glued (VTtổ)
        ("LƯU: VT.", "Lưu: VT."),
    ],
)
def test_the_archive_line_keeps_its_drafting_units_abbreviation(typed, printed) -> None:
    assert recipients(["Như trên;", typed]) == ["Như trên;", printed]


# --- A school still naming the abolished district level ------------------------------------------


@pytest.mark.parametrize(
    ("body", "warned"),
    [
        ("PHÒNG GD&ĐT THỦ THỪA", True),
        ("phòng giáo dục và đào tạo huyện thủ thừa", True),
        ("UBND HUYỆN THỦ THỪA", True),
        ("UBND XÃ THỦ THỪA", False),
        ("SỞ GD&ĐT TÂY NINH", False),
    ],
)
def test_a_school_naming_the_abolished_district_level_after_july_2025_is_warned(
    capsys, tmp_path, body, warned
) -> None:
    data = school_data(LONG_THUONG, year=2025)
    dates = {"report_date": dt.date(2025, 12, 10), "request_date": dt.date(2025, 11, 20)}
    data = dataclasses.replace(data, values={**data.values, **dates, "managing_body": body})
    path = tmp_path / "LT_2025.xlsx"
    path.write_bytes(build_workbook(SCHOOL, data))
    code, out = run(capsys, "validate", str(path))
    assert code == 0, out  # a warning: the school is still counted
    said = "C4" in out and "01/7/2025" in out and f"«{body}»" in out
    assert said is warned, out
    if warned:
        assert "UBND xã, phường" in out and "Sở GD&ĐT" in out  # what to write instead
    earlier = school_data(LONG_THUONG, year=2024)
    dates = {"report_date": dt.date(2024, 12, 10), "request_date": dt.date(2024, 11, 20)}
    earlier = dataclasses.replace(
        earlier, values={**earlier.values, **dates, "managing_body": body}
    )
    path.write_bytes(build_workbook(SCHOOL, earlier))
    code, out = run(capsys, "validate", str(path))
    assert code == 0 and "01/7/2025" not in out  # before the change, the name was right


def test_the_office_itself_naming_the_abolished_level_is_warned(capsys, tmp_path, folder) -> None:
    register = ward_register(
        managing_body="UBND HUYỆN THỦ THỪA", report_year=2025, report_date=dt.date(2025, 12, 15),
        request_date=dt.date(2025, 11, 1),
    )  # fmt: skip
    book = tmp_path / "TongHop_TTDN_2025.xlsx"
    book.write_bytes(build_workbook(DISTRICT, register))
    code, out = run(capsys, "rollup", str(folder), "--register", str(book), "-o",
                    str(tmp_path / "th.xlsx"))  # fmt: skip
    assert code == 0
    assert "Cấu hình!C4" in out and "«UBND HUYỆN THỦ THỪA»" in out and "01/7/2025" in out


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("KT.", "Chỉ ghi «KT.», thiếu chức vụ của người đứng đầu được ký thay"),
        ("Thay mặt UBND", "Thẩm quyền ký phải bắt đầu bằng «KT.», «TM.», «Q.», «TL.», «TUQ.»"),
    ],
)
def test_the_offices_signing_authority_is_checked_as_a_schools_is(
    capsys, tmp_path, folder, typed, said
) -> None:
    """«KT.» alone printed «KT.» above the deputy's title, and «Thay mặt UBND» the words the
    decree abbreviates, in the office's report: the school workbook refused both, the office's
    did not."""
    book = tmp_path / "TongHop_TTDN_2020.xlsx"
    book.write_bytes(build_workbook(DISTRICT, ward_register(signer_authority=typed)))
    code, out = run(capsys, "rollup", str(folder), "--register", str(book), "-o",
                    str(tmp_path / "th.xlsx"))  # fmt: skip
    assert code == 0
    code, out = run(capsys, "district-report", str(tmp_path / "th.xlsx"), "--register",
                    str(book), "-o", str(tmp_path / "bc.docx"))  # fmt: skip
    assert code == 1 and not (tmp_path / "bc.docx").exists()
    assert "Cấu hình!C19" in out and said in out
    assert "TM. ỦY BAN NHÂN DÂN" in out  # the fix shows a People's Committee's form
