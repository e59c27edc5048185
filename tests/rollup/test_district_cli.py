"""Issue 9, points 9-13, through the command line: what ``rollup`` and ``district-report`` write.

The expected figures are worked out by hand from the demo district (``demo/district.py``), not
computed by the code under test. The schools the totals count are the five registered schools
whose report has no error (Mỹ An, Long Thượng, Mỹ Phú, Bình Thạnh's later report, Mỹ Thạnh):
- staff taking part 21 + 18 + 35 + 24 + 15 = 113; Mỹ An (the sample, like its seed) gives no
  total, so the rate is over the other four: 18 + 35 + 24 + 15 = 92 of 20 + 38 + 26 + 16 = 100;
- pupils 170 + 150 + 610 + 210 + 120 = 1.260; rate over four: 1.090 of 162 + 645 + 230 + 131 =
  1.168 (93,3%);
- sessions 2 + 3 + 6 + 3 + 2 = 16; news items 12 + 25 = 37; parents 140 + 420 + 190 = 750;
- channels: bảng tin at all 5; Zalo at Long Thượng (typed «Zalo») and Bình Thạnh; Facebook at
  Long Thượng only (typed «facebook»); website at Mỹ An and Mỹ Phú (typed «Web trường»); «Khác»
  at Mỹ Thạnh only («Bảng tin tổ dân phố» matches nothing).
Left out: Nhị Thành (45 of 42 staff), Thủ Thừa (wrong symbol, no content item), Long Thạnh (not
in the register); Tân Thành sent nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from docx import Document

from outreach_xl.cli import main
from outreach_xl.core.merge import FileStatus
from outreach_xl.core.model import SchoolData
from outreach_xl.demo.district import SCHOOLS, register_data, school_data, with_mistakes
from outreach_xl.schema import DISTRICT, SCHOOL
from outreach_xl.xlsx.builder import build_workbook

LONG_THUONG, MY_AN = SCHOOLS[1], SCHOOLS[0]


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out + err


def docx_text(path: Path) -> str:
    doc = Document(io.BytesIO(path.read_bytes()))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [c.text for row in table.rows for c in row.cells]
    return "\n".join(parts)


def table_rows(path: Path) -> tuple[list[dict[str, Any]], list[Any]]:
    """The school rows of «Tổng hợp» keyed by the hidden key row, and the totals row."""
    ws = openpyxl.load_workbook(path)["Tổng hợp"]
    grid = [[c.value for c in row] for row in ws.iter_rows()]
    keys = grid[2]  # column keys, then (after a blank) the roll-up's "#year", ... pairs
    keys = keys[: keys.index(None)] if None in keys else keys
    rows = [dict(zip(keys, r, strict=False)) for r in grid[5:] if isinstance(r[0], int)]
    total = next(r for r in grid if str(r[0]).startswith("Tổng cộng"))
    return rows, total


def tracker(path: Path) -> list[list[Any]]:
    ws = openpyxl.load_workbook(path)["Tình trạng nộp"]
    return [[c.value for c in row] for row in ws.iter_rows()]


def sheet_text(path: Path) -> str:
    book = openpyxl.load_workbook(path)
    return "\n".join(
        str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value
    )


@pytest.fixture(scope="module")
def merged(demo, tmp_path_factory) -> tuple[Path, Path, str]:
    """The demo district merged and reported by the two commands: (roll-up, report, output)."""
    register, folder = demo
    out = tmp_path_factory.mktemp("cli")
    code = main(["rollup", str(folder), "--register", str(register), "-o", str(out / "th.xlsx")])
    assert code == 0
    code = main(["district-report", str(out / "th.xlsx"), "--register", str(register), "-o",
                 str(out / "bc.docx")])  # fmt: skip
    assert code == 0
    return out / "th.xlsx", out / "bc.docx", docx_text(out / "bc.docx")


# --- 9. Another year's file never wins -----------------------------------------------------------


def write(folder: Path, name: str, data: SchoolData) -> None:
    (folder / name).write_bytes(build_workbook(SCHOOL, data))


def test_a_file_of_another_year_never_enters_the_totals(capsys, tmp_path) -> None:
    register = tmp_path / "TongHop.xlsx"
    register.write_bytes(build_workbook(DISTRICT, register_data()))
    folder = tmp_path / "truong"
    folder.mkdir()
    right = school_data(LONG_THUONG)
    write(folder, "LT_2020.xlsx", right)
    later = with_mistakes(
        right, report_year=2026, report_date=dt.date(2026, 12, 20),
        request_date=dt.date(2026, 1, 5), sessions=9, staff_participants=20,
    )  # fmt: skip
    write(folder, "LT_2026.xlsx", later)
    mine = school_data(MY_AN)
    write(folder, "MA.xlsx", mine)
    write(folder, "MA - Copy.xlsx", mine)
    code, _ = cli(capsys, "rollup", str(folder), "--register", str(register), "-o",
                  str(tmp_path / "th.xlsx"))  # fmt: skip
    assert code == 0
    rows, total = table_rows(tmp_path / "th.xlsx")
    lt = next(r for r in rows if r["school_code"] == LONG_THUONG.code)
    assert lt["file"] == "LT_2020.xlsx" and lt["sessions"] == 3 and lt["staff_participants"] == 18
    files = {r[4]: r for r in tracker(tmp_path / "th.xlsx") if r[4] and str(r[4]).endswith("xlsx")}
    assert files["LT_2026.xlsx"][1] == FileStatus.WRONG_YEAR
    assert "2026" in files["LT_2026.xlsx"][7] and "LT_2020.xlsx" in files["LT_2026.xlsx"][7]
    assert files["LT_2020.xlsx"][1] == FileStatus.VALID
    copy = files["MA.xlsx"] if files["MA.xlsx"][1] != FileStatus.VALID else files["MA - Copy.xlsx"]
    assert copy[1] == FileStatus.SAME_CONTENT
    assert "mới hơn" not in copy[7] and "giống hệt" in copy[7]
    keys = tracker(tmp_path / "th.xlsx")
    assert keys  # the tracker was written
    assert total[0] == "Tổng cộng (2 trường có báo cáo hợp lệ)"


# --- 10. What the totals count is the rule the report states -------------------------------------


def test_the_totals_count_what_the_report_says_they_count(merged) -> None:
    rollup, _, text = merged
    rule = (
        "Số liệu tổng hợp từ 5 trường có báo cáo hợp lệ; không tính: Trường THCS Nhị Thành "
        "(báo cáo còn 1 lỗi: Số cán bộ, giáo viên, nhân viên tham gia (45): lớn hơn «Tổng số "
        "cán bộ, giáo viên, nhân viên» (42)), Trường THCS Thủ Thừa (báo cáo còn 2 lỗi: "
    )
    assert rule in text
    assert "Trường Tiểu học Long Thạnh (không có trong «Danh sách trường»)." in text
    # the Mỹ An sample gives no totals (its seed gives none): rates over the 4 schools that do
    assert (
        "Cán bộ, giáo viên, nhân viên tham gia: 113 (tỉ lệ 92% tính trên 4/5 trường có ghi tổng "
        "số: 92/100);" in text
    )
    assert (
        "Học sinh, trẻ tham gia: 1.260 (tỉ lệ 93,3% tính trên 4/5 trường có ghi tổng số: "
        "1.090/1.168);" in text
    )
    assert "Số lần tuyên truyền: 16;" in text
    assert "Số tin, bài đăng trên website, fanpage: 37;" in text
    assert "Số phụ huynh được tuyên truyền: 750." in text
    assert "- Góc tuyên truyền, bảng tin của trường, lớp: 5 trường;" in text
    # the roll-up states the same rule and its totals row obeys it
    assert rule in sheet_text(rollup)
    rows, total = table_rows(rollup)
    assert total[0] == "Tổng cộng (5 trường có báo cáo hợp lệ)"
    keys = openpyxl.load_workbook(rollup)["Tổng hợp"]["A3":"BZ3"][0]
    at = {c.value: i for i, c in enumerate(keys) if c.value}
    assert total[at["staff_participants"]] == 113 and total[at["staff_total"]] == 100
    assert total[at["pupil_participants"]] == 1260 and total[at["sessions"]] == 16
    assert total[at["staff_rate"]] == pytest.approx(92 / 100)  # over the schools with a total
    assert total[at["channel_other"]] == 1  # Mỹ Thạnh only
    left = {r["school_code"]: r["excluded"] for r in rows}
    assert "(45)" in left["80512104"] and "Danh sách trường" in left["80512199"]
    assert left["80512101"] is None
    # the chart draws the counted schools only: no 107% bar, no school outside the register
    chart = openpyxl.load_workbook(rollup)["Biểu đồ"]
    drawn = [r for r in chart.iter_rows(min_row=3, values_only=True) if r[0]]
    assert [r[0] for r in drawn] == [
        "Trường Mẫu giáo Mỹ An",
        "Trường Mẫu giáo Long Thượng",
        "Trường Tiểu học Mỹ Phú",
        "Trường Mầm non Bình Thạnh",
        "Trường Mẫu giáo Mỹ Thạnh",
    ]
    assert all(v is None or v <= 1 for r in drawn for v in r[1:3])  # Mỹ An: no total, no bar
    assert drawn[0][1:3] == (None, None)


# --- 11. A blank «Cấu hình» stops the report, and rollup checks it too ---------------------------


def blank_config() -> SchoolData:
    data = register_data()
    return SchoolData(values={}, tables={"schools": data.tables["schools"]})


def test_a_blank_configuration_stops_the_district_report(capsys, merged, tmp_path) -> None:
    rollup, _, _ = merged
    register = tmp_path / "TongHop.xlsx"
    register.write_bytes(build_workbook(DISTRICT, blank_config()))
    target = tmp_path / "bc.docx"
    code, out = cli(capsys, "district-report", str(rollup), "--register", str(register), "-o",
                    str(target))  # fmt: skip
    assert code == 1 and not target.exists()
    assert "Chưa làm báo cáo tổng hợp được: tệp tổng hợp còn" in out
    for label in (
        "Đơn vị tổng hợp (tên đầy đủ)",
        "Năm báo cáo",
        "Ký hiệu văn bản",
        "Người ký: họ và tên",
    ):
        assert "Cấu hình!C" in out and f"«{label}»" in out


def test_rollup_checks_the_configuration_and_finds_its_folder(capsys, demo, tmp_path) -> None:
    register, folder = demo
    blank = tmp_path / "TongHop.xlsx"
    blank.write_bytes(build_workbook(DISTRICT, blank_config()))
    code, out = cli(capsys, "rollup", str(folder), "--register", str(blank), "-o",
                    str(tmp_path / "x.xlsx"))  # fmt: skip
    assert code == 1 and "«Năm báo cáo»" in out and not (tmp_path / "x.xlsx").exists()
    # no folder on the command line: the one named in «Cấu hình» (truong, beside the register)
    code, out = cli(capsys, "rollup", "--register", str(register), "-o", str(tmp_path / "y.xlsx"))
    assert code == 0 and f"Thư mục các trường: {folder}" in out
    rows, _ = table_rows(tmp_path / "y.xlsx")
    assert sum(1 for r in rows if r["file"]) == 8  # seven registered schools and Long Thạnh


# --- 12. Difficulties, proposals, and the request from the level above ---------------------------


def test_the_report_gathers_difficulties_and_proposals_and_cites_the_request(merged) -> None:
    _, _, text = merged
    assert (
        "Thực hiện Công văn số 2345/SGDĐT-VP ngày 01/12/2020 của Sở Giáo dục và Đào tạo tỉnh "
        "Long An về báo cáo kết quả hoạt động thông tin đối ngoại năm 2020; căn cứ báo cáo của "
        "các trường, Phòng Giáo dục và Đào tạo tổng hợp" in text
    )
    lines = text.splitlines()
    hard = lines.index("III. KHÓ KHĂN, HẠN CHẾ")
    asks = lines.index("IV. KIẾN NGHỊ, ĐỀ XUẤT")
    assert lines[hard + 1] == (
        "- Kinh phí dành cho công tác tuyên truyền còn hạn chế (Trường Mẫu giáo Long Thượng, "
        "Trường Tiểu học Mỹ Phú, Trường Mầm non Bình Thạnh);"
    )
    assert lines[asks - 1].endswith("(Trường Mẫu giáo Mỹ Thạnh).")
    assert lines[asks + 1] == (
        "- Đề nghị Phòng GD&ĐT tổ chức tập huấn về công tác thông tin đối ngoại cho giáo viên "
        "(Trường Mẫu giáo Long Thượng, Trường Tiểu học Mỹ Phú);"
    )
    assert lines[asks + 2].endswith("(Trường Mầm non Bình Thạnh).")
    assert "máy chiếu" not in text  # Nhị Thành's report is not counted


# --- 13. Typed labels count as what they mean ----------------------------------------------------


TYPED = [  # what a clerk types instead of picking, and the choice it means
    ("Zalo", "zalo"),
    ("facebook", "facebook"),
    ("Web trường", "website"),
    ("  LOA PHÁT THANH ", "radio"),
    ("Bảng tin tổ dân phố", "other"),  # matches nothing: «Khác»
]


def test_typed_channel_labels_warn_and_count_as_the_choice_they_mean(capsys, tmp_path) -> None:
    register = tmp_path / "TongHop.xlsx"
    register.write_bytes(build_workbook(DISTRICT, register_data()))
    folder = tmp_path / "truong"
    folder.mkdir()
    channels = [{"channel": typed, "activity": f"Đăng tin qua kênh {i}."}
                for i, (typed, _) in enumerate(TYPED)]  # fmt: skip
    write(folder, "LT.xlsx", with_mistakes(school_data(LONG_THUONG), channels=channels))
    code, out = cli(capsys, "validate", str(folder / "LT.xlsx"))
    assert code == 0
    assert "(giá trị: «Zalo»)" in out and "được hiểu là «Mạng xã hội Zalo»" in out
    assert "(giá trị: «facebook»)" in out and "Chọn «Facebook, fanpage»" in out
    assert "được hiểu là «Trang thông tin điện tử (website) của trường»" in out
    assert "được hiểu là «Đài truyền thanh địa phương, loa phát thanh của trường»" in out
    assert "(giá trị: «Bảng tin tổ dân phố»)" in out and "sẽ được tính là «Khác»" in out
    code, _ = cli(capsys, "rollup", str(folder), "--register", str(register), "-o",
                  str(tmp_path / "th.xlsx"))  # fmt: skip
    assert code == 0
    rows, _ = table_rows(tmp_path / "th.xlsx")
    lt = next(r for r in rows if r["school_code"] == LONG_THUONG.code)
    marked = {k[len("channel_") :] for k, v in lt.items() if k.startswith("channel_") and v == "x"}
    assert marked == {code for _, code in TYPED}


def test_the_demo_counts_typed_labels_under_their_choice(merged) -> None:
    rows, _ = table_rows(merged[0])
    lt = next(r for r in rows if r["school_code"] == LONG_THUONG.code)
    assert lt["channel_zalo"] == "x" and lt["channel_facebook"] == "x"
    assert lt["channel_other"] is None
    assert "- Mạng xã hội Zalo: 2 trường;" in merged[2]


def test_a_district_workbook_of_the_first_version_still_merges_and_reports(
    capsys, demo, tmp_path
) -> None:
    """Made before the request rows existed (template version 1): they read as empty."""
    _, folder = demo
    config = DISTRICT.sheet("Cấu hình")
    old_config = dataclasses.replace(config, fields=tuple(f for f in config.fields if f.since < 2))
    old = dataclasses.replace(
        DISTRICT,
        version=1,
        sheets=tuple(old_config if s.name == config.name else s for s in DISTRICT.sheets),
    )
    data = register_data()
    values = {k: v for k, v in data.values.items() if not k.startswith("request_")}
    register = tmp_path / "TongHop_v1.xlsx"
    register.write_bytes(build_workbook(old, SchoolData(values=values, tables=data.tables)))
    code, _ = cli(capsys, "rollup", str(folder), "--register", str(register), "-o",
                  str(tmp_path / "th.xlsx"))  # fmt: skip
    assert code == 0
    code, _ = cli(capsys, "district-report", str(tmp_path / "th.xlsx"), "--register",
                  str(register), "-o", str(tmp_path / "bc.docx"))  # fmt: skip
    assert code == 0
    assert "Căn cứ báo cáo của các trường, Phòng Giáo dục và Đào tạo tổng hợp" in docx_text(
        tmp_path / "bc.docx"
    )


def test_rollup_with_only_the_year_configured_merges_and_lists_what_the_report_needs(
    capsys, demo, tmp_path
) -> None:
    _, folder = demo
    data = register_data()
    register = tmp_path / "TongHop.xlsx"
    register.write_bytes(
        build_workbook(
            DISTRICT, SchoolData({"report_year": 2020}, {"schools": data.tables["schools"]})
        )
    )
    code, out = cli(capsys, "rollup", str(folder), "--register", str(register), "-o",
                    str(tmp_path / "th.xlsx"))  # fmt: skip
    assert code == 0 and (tmp_path / "th.xlsx").exists()
    assert "cần sửa trước khi làm báo cáo tổng hợp" in out and "«Người ký: họ và tên»" in out


# --- 8 (the roll-up's half). Rates over the schools that gave the total, saying how many ---------


def test_rates_are_over_the_schools_that_gave_the_total(capsys, demo, merged, tmp_path) -> None:
    register, _ = demo
    rollup = tmp_path / "th.xlsx"
    book = openpyxl.load_workbook(merged[0])
    ws = book["Tổng hợp"]
    keys = [c.value for c in ws[3]]
    my_an = next(
        r for r in ws.iter_rows(min_row=6) if r[keys.index("school_code")].value == MY_AN.code
    )
    my_an[keys.index("staff_total")].value = None  # Mỹ An gave no staff total
    my_an[keys.index("staff_rate")].value = None
    book.save(rollup)
    code, _ = cli(capsys, "district-report", str(rollup), "--register", str(register), "-o",
                  str(tmp_path / "bc.docx"))  # fmt: skip
    assert code == 0
    # by hand: 113 staff in all; 18 + 35 + 24 + 15 = 92 of 20 + 38 + 26 + 16 = 100 where given
    assert (
        "Cán bộ, giáo viên, nhân viên tham gia: 113 (tỉ lệ 92% tính trên 4/5 trường có ghi tổng "
        "số: 92/100);" in docx_text(tmp_path / "bc.docx")
    )
    assert (
        "Học sinh, trẻ tham gia: 1.260 (tỉ lệ 93,3% tính trên 4/5 trường có ghi tổng số: "
        "1.090/1.168);" in docx_text(tmp_path / "bc.docx")
    )


# --- A school code typed twice in the register ------------------------------------------------


def test_a_code_twice_in_the_register_is_said_after_the_merge(capsys, tmp_path) -> None:
    data = register_data()
    schools = [dict(s) for s in data.tables["schools"]]
    copied = {**schools[1], "name": "Trường Mẫu giáo Long Thượng B"}  # the code of row 2 again
    register = tmp_path / "TongHop.xlsx"
    register.write_bytes(build_workbook(DISTRICT, dataclasses.replace(
        data, tables={**data.tables, "schools": [*schools, copied]})))  # fmt: skip
    folder = tmp_path / "truong"
    folder.mkdir()
    write(folder, "LT.xlsx", school_data(LONG_THUONG))
    code, out = cli(capsys, "rollup", str(folder), "--register", str(register), "-o",
                    str(tmp_path / "th.xlsx"))  # fmt: skip
    assert code == 0
    first = 6  # the register's first school row
    assert "Trang «Danh sách trường» có 1 mã trường ghi hai lần:" in out
    assert (
        f"Danh sách trường!B{first + len(schools)} «Mã trường» (giá trị: «{LONG_THUONG.code}»): "
        f"Mã trường trùng với dòng {first + 1} của bảng «Danh sách trường»: khi tổng hợp chỉ "
        f"dùng dòng {first + 1}, dòng này bị bỏ qua"
    ) in out
    rows, _ = table_rows(tmp_path / "th.xlsx")
    assert [r["school_name"] for r in rows if r["school_code"] == LONG_THUONG.code] == [
        LONG_THUONG.name
    ]


# --- Names typed all in one case in the district workbook ----------------------------------------


def test_names_typed_in_one_case_are_written_as_the_decree_writes_them(capsys, tmp_path) -> None:
    data = register_data()
    values = {
        **data.values,
        "unit_name": "phòng giáo dục và đào tạo",
        "place": "thủ thừa",
        "addressee": "SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH LONG AN",
        "signer_name": "LÊ VĂN MINH",
    }
    schools = [dict(s) for s in data.tables["schools"]]
    schools[2]["name"] = "TRƯỜNG TIỂU HỌC MỸ PHÚ"  # sends a report with a proposal
    schools[1]["name"] = "trường mẫu giáo long thượng"  # sends none: listed as missing
    register = tmp_path / "TongHop.xlsx"
    register.write_bytes(build_workbook(DISTRICT, dataclasses.replace(
        data, values=values, tables={**data.tables, "schools": schools})))  # fmt: skip
    folder = tmp_path / "truong"
    folder.mkdir()
    my_phu = next(s for s in SCHOOLS if s.code == schools[2]["code"])
    write(folder, "MP.xlsx", school_data(my_phu))
    rollup, report = tmp_path / "th.xlsx", tmp_path / "bc.docx"
    assert (
        cli(capsys, "rollup", str(folder), "--register", str(register), "-o", str(rollup))[0] == 0
    )
    code, _ = cli(capsys, "district-report", str(rollup), "--register", str(register), "-o",
                  str(report))  # fmt: skip
    assert code == 0
    text = docx_text(report)
    assert "Thủ Thừa, ngày 15 tháng 01 năm 2021" in text
    assert "Kính gửi: Sở Giáo dục và Đào tạo tỉnh Long An" in text
    assert "căn cứ báo cáo của các trường, Phòng Giáo dục và Đào tạo tổng hợp" in text
    assert "- Trường Mẫu giáo Long Thượng (mã 80512102);" in text
    assert "(Trường Tiểu học Mỹ Phú)" in text  # after its proposal
    assert "\nLê Văn Minh" in text and "LÊ VĂN MINH" not in text
    assert "phòng giáo dục" not in text and "TRƯỜNG TIỂU HỌC MỸ PHÚ" not in text.split("BÁO CÁO")[1]
