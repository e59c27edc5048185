"""Year over year (issue 15): the demo district's 2021 roll-up compared with its 2020 roll-up.

The demo's figures, worked out by hand from ``demo/district.py`` (SCHOOLS for 2020,
SCHOOLS_NEXT_YEAR for 2021), counted by the rule of the totals row (``merge.counted``: the reports
without errors of the schools in the register), the same rule both years:

2020: 5 schools counted: MGMA, MGLT, THMP, MNBT (its later file: 3 sessions), MGMT. Left out:
THCSNT (45 staff taking part out of 42: an error), THCSTT (errors), Long Thạnh (not registered);
Tân Thành sent nothing.
  staff taking part  21+18+35+24+15           = 113
  pupils taking part 170+150+610+210+120      = 1260
  sessions           2+3+6+3+2                = 16
  news items         12 (MGLT) + 25 (THMP)    = 37
  parents reached    140 (MGLT) + 420 (THMP) + 190 (MNBT) = 750
  channels used      all 13 but «Hội nghị, hội thảo» (only THCSNT used it) = 12
2021: 7 schools counted: every registered school but Mỹ Thạnh, none with an error.
  staff              22+19+36+40+25+29+53         = 224  -> +111,  111/113  = 98.23%  : 98,2%
  pupils             180+155+630+735+220+470+900  = 3290 -> +2030, 2030/1260 = 161.11% : 161,1%
  sessions           3+4+7+5+3+2+6                = 30   -> +14,   14/16    = 87.5%   : 87,5%
  news items         6+15+30+10+20                = 81   -> +44,   44/37    = 118.92% : 118,9%
  parents reached    150+450+200                  = 800  -> +50,   50/750   = 6.67%   : 6,7%
  channels used      all 13 but «Khác» (only Mỹ Thạnh used it) = 12 -> bằng năm 2020
Reported in 2020, not in 2021: Mỹ Thạnh (registered) and Long Thạnh (not registered).
One school row, Long Thượng (counted in 2020): staff 18 -> 19 (+1), sessions 3 -> 4 (+1), news
12 -> 15 (+3), parents 140 -> 150 (+10), channels 3 -> 4 (+1). Nhị Thành reported in 2020 but was
not counted: its row shows no 2020 figure.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from outreach_xl.app.district import read_rollup
from outreach_xl.cli import main
from outreach_xl.core.merge import SchoolStatus, rollup_from_rows
from outreach_xl.core.year_over_year import (
    check_previous,
    compare,
    count_trend,
    former_note,
    in_common,
    trend,
)
from outreach_xl.demo.district import (
    NEXT_BASE,
    NEXT_REGISTER_NAME,
    NEXT_REPORT_NAME,
    NEXT_ROLLUP_NAME,
    REGISTER_NAME,
    ROLLUP_NAME,
    SCHOOLS_DIR,
    run_district_demo,
)
from outreach_xl.errors import WrongPrevious
from outreach_xl.files.reader import load_grids
from outreach_xl.xlsx.rollup_workbook import (
    ROLLUP_SHEET,
    STATUS_SHEET,
    rollup_meta,
    rows_from_grid,
)
from support import digest

HAND_2020 = {"staff_participants": 113, "pupil_participants": 1260, "sessions": 16,
             "news_items": 37, "parents_reached": 750, "channels_used": 12}  # fmt: skip
HAND_2021 = {"staff_participants": 224, "pupil_participants": 3290, "sessions": 30,
             "news_items": 81, "parents_reached": 800, "channels_used": 12}  # fmt: skip
HAND_SENTENCES = [
    "Cán bộ, giáo viên, nhân viên tham gia: 224/234 (95,7%), tăng 98,2% so với năm 2020;",
    "Học sinh, trẻ tham gia: 3.290/3.425 (96,1%), tăng 161,1% so với năm 2020;",
    "Số lần tuyên truyền: 30, tăng 87,5% so với năm 2020;",
    "Số tin, bài đăng trên website, fanpage: 81, tăng 118,9% so với năm 2020;",
    "Số phụ huynh được tuyên truyền: 800, tăng 6,7% so với năm 2020;",
    "Số kênh, hình thức tuyên truyền được sử dụng: 12, bằng năm 2020.",
]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's two district years (2020 in tong_hop/, 2021 in tong_hop_2021/)."""
    folder = tmp_path_factory.mktemp("two-years")
    run_district_demo(folder, echo=lambda _: None)
    return folder


def rows_by_code(path: Path) -> dict[str, dict[str, Any]]:
    grid = load_grids(path, [ROLLUP_SHEET])[ROLLUP_SHEET]
    return {r["school_code"]: r for r in rows_from_grid(grid)}


def paragraphs(path: Path) -> list[str]:
    return [p.text.strip() for p in Document(str(path)).paragraphs if p.text.strip()]


# --- The demo district, against the numbers worked out by hand -----------------------------------


def test_totals_and_changes_equal_the_hand_figures(demo: Path) -> None:
    rollup = read_rollup(demo / NEXT_BASE / NEXT_ROLLUP_NAME)
    assert rollup.previous is not None and rollup.previous.year == 2020
    assert dict(rollup.previous.totals) == HAND_2020
    for key, then in HAND_2020.items():
        assert rollup.totals[f"prev_{key}"] == then
        assert rollup.totals[f"change_{key}"] == HAND_2021[key] - then
    assert rollup.totals["channels_used"] == 12
    before = read_rollup(demo / "tong_hop" / ROLLUP_NAME)  # the 2020 roll-up, on its own
    assert before.previous is None
    assert {k: before.totals[k] for k in HAND_2020 if k != "channels_used"} == {
        k: v for k, v in HAND_2020.items() if k != "channels_used"
    }


def test_each_school_row_has_last_years_figures_and_the_change(demo: Path) -> None:
    rows = rows_by_code(demo / NEXT_BASE / NEXT_ROLLUP_NAME)
    long_thuong = rows["80512102"]
    assert long_thuong["prev_reported"] is True
    assert [long_thuong[f"prev_{k}"] for k in ("staff_participants", "sessions", "news_items",
                                               "parents_reached", "channels_used")] == [
        18, 3, 12, 140, 3]  # fmt: skip
    assert [long_thuong[f"change_{k}"] for k in ("staff_participants", "sessions", "news_items",
                                                 "parents_reached", "channels_used")] == [
        1, 1, 3, 10, 1]  # fmt: skip
    my_thanh = rows["80512108"]  # reported in 2020, not in 2021
    assert (
        my_thanh["status"] == SchoolStatus.MISSING.row_label and my_thanh["prev_reported"] is True
    )
    assert (my_thanh["prev_sessions"], my_thanh["change_sessions"]) == (2, None)
    nhi_thanh = rows["80512104"]  # reported in 2020 with an error: not counted then
    assert nhi_thanh["prev_reported"] is True and nhi_thanh["prev_sessions"] is None
    tan_thanh = rows["80512106"]  # not in 2020, reports in 2021
    assert tan_thanh["prev_reported"] is None and tan_thanh["prev_sessions"] is None


def test_the_tracker_lists_who_reported_last_year_but_not_this_year(demo: Path) -> None:
    grid = load_grids(demo / NEXT_BASE / NEXT_ROLLUP_NAME, [STATUS_SHEET])[STATUS_SHEET]
    start = next(i for i, r in enumerate(grid) if str(r[0]).startswith("C. "))
    assert "năm 2020" in grid[start][0]
    listed = {r[2]: r for r in grid[start + 2 :] if r and r[2]}
    assert set(listed) == {"80512108", "80512199"}
    assert listed["80512108"][1] == SchoolStatus.LAPSED.value
    assert "BaoCao_TTDN_2020_MGMT.xlsx" in listed["80512108"][7]
    assert "không có trong «Danh sách trường»" in listed["80512199"][7]


def test_the_district_report_says_the_change_in_the_offices_words(demo: Path) -> None:
    text = paragraphs(demo / NEXT_BASE / NEXT_REPORT_NAME)
    figures = text.index("1. Số liệu tổng hợp")
    assert text[figures + 2 : figures + 8] == [f"- {s}" for s in HAND_SENTENCES]
    assert text[figures + 8] == (
        "Số liệu năm 2020 tính trên 5 trường có báo cáo hợp lệ, số liệu năm 2021 trên 7 trường."
    )
    assert "Trong đó, 1 trường đã gửi báo cáo năm 2020: Trường Mẫu giáo Mỹ Thạnh." in text


def test_without_last_year_the_report_compares_nothing(demo: Path) -> None:
    text = "\n".join(paragraphs(demo / "tong_hop" / "BaoCao_TongHop_TTDN_2020.docx"))
    assert "so với năm" not in text and "Số kênh" not in text and "Trong đó" not in text


def test_the_rollup_keeps_whose_and_which_year_it_is(demo: Path) -> None:
    grid = load_grids(demo / NEXT_BASE / NEXT_ROLLUP_NAME, [ROLLUP_SHEET])[ROLLUP_SHEET]
    assert rollup_meta(grid) == {
        "year": 2021, "unit": "Phòng Giáo dục và Đào tạo", "managing_body": "UBND HUYỆN THỦ THỪA",
        "previous_year": 2020, "previous_counted": 5,
    }  # fmt: skip


# --- Through the command line: --previous, and what bad input gets -------------------------------


def _one_message(code: int, out: str, err: str) -> str:
    assert code == 2 and out == "", (out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("LỖI: ") and "Traceback" not in err
    return lines[0]


def test_rollup_previous_on_the_command_line(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    here = demo / NEXT_BASE
    previous = demo / "tong_hop" / ROLLUP_NAME
    before = digest(previous)
    target = tmp_path / "ketqua.xlsx"
    argv = ["rollup", str(here / SCHOOLS_DIR), "--register", str(here / NEXT_REGISTER_NAME),
            "-o", str(target), "--previous", str(previous)]  # fmt: skip
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "So sánh với năm 2020: 2 trường năm trước đã nộp, năm nay chưa nộp" in out
    assert digest(previous) == before
    assert rows_by_code(target) == rows_by_code(here / NEXT_ROLLUP_NAME)


def test_a_previous_rollup_of_another_year_is_refused(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    here = demo / NEXT_BASE
    argv = ["rollup", str(here / SCHOOLS_DIR), "--register", str(here / NEXT_REGISTER_NAME),
            "-o", str(tmp_path / "x.xlsx"), "--previous", str(here / NEXT_ROLLUP_NAME)]  # fmt: skip
    line = _one_message(main(argv), *capsys.readouterr())
    assert "năm 2021" in line and "không phải năm 2020" in line and NEXT_ROLLUP_NAME in line
    assert not (tmp_path / "x.xlsx").exists()


def test_a_previous_rollup_of_another_district_is_refused_naming_both(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ben Luc's 2020 roll-up: the demo's, with other school codes and another managing body."""
    from outreach_xl.xlsx.rollup_workbook import write_rollup

    ours = read_rollup(demo / "tong_hop" / ROLLUP_NAME)
    rows = [{**r, "school_code": "805" + str(r["school_code"])[3:].replace("12", "99")}
            for r in ours.rows]  # fmt: skip
    other = tmp_path / "TongHop_BenLuc_2020.xlsx"
    write_rollup(rollup_from_rows(rows, 2020), other, unit="Phòng Giáo dục và Đào tạo",
                 managing_body="UBND HUYỆN BẾN LỨC")  # fmt: skip
    here = demo / NEXT_BASE
    argv = ["rollup", str(here / SCHOOLS_DIR), "--register", str(here / NEXT_REGISTER_NAME),
            "-o", str(tmp_path / "x.xlsx"), "--previous", str(other)]  # fmt: skip
    line = _one_message(main(argv), *capsys.readouterr())
    assert "«Phòng Giáo dục và Đào tạo (UBND HUYỆN BẾN LỨC)»" in line
    assert "«Phòng Giáo dục và Đào tạo (UBND HUYỆN THỦ THỪA)»" in line
    assert "0/9 trường" in line


def test_the_result_never_replaces_last_years_rollup(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    previous = tmp_path / ROLLUP_NAME
    shutil.copy(demo / "tong_hop" / ROLLUP_NAME, previous)
    before = digest(previous)
    here = demo / NEXT_BASE
    argv = ["rollup", str(here / SCHOOLS_DIR), "--register", str(here / NEXT_REGISTER_NAME),
            "-o", str(previous), "--previous", str(previous), "--force"]  # fmt: skip
    line = _one_message(main(argv), *capsys.readouterr())
    assert "tệp đầu vào" in line and ROLLUP_NAME in line and digest(previous) == before


def test_a_missing_previous_rollup_named_in_the_configuration(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    here = tmp_path / "2021"
    shutil.copytree(demo / NEXT_BASE, here)  # «Cấu hình» names ../tong_hop/..., not there
    argv = ["rollup", str(here / SCHOOLS_DIR), "--register", str(here / NEXT_REGISTER_NAME),
            "-o", str(tmp_path / "x.xlsx")]  # fmt: skip
    line = _one_message(main(argv), *capsys.readouterr())
    assert "Không tìm thấy tệp tổng hợp năm trước" in line and "«Cấu hình»" in line


# --- The pure core, with literals ----------------------------------------------------------------


def _row(code: str, sessions: int | None, *channels: str, file: str = "f.xlsx") -> dict[str, Any]:
    row: dict[str, Any] = {"school_code": code, "school_name": f"Trường {code}",
                           "sessions": sessions, "file": file if sessions is not None else None,
                           "status": (SchoolStatus.REPORTED if sessions is not None
                                      else SchoolStatus.MISSING).row_label}  # fmt: skip
    row.update({f"channel_{c}": True for c in channels})
    return row


def test_compare_with_literals() -> None:
    last = rollup_from_rows([_row("A", 4, "zalo"), _row("B", 2, "zalo", "press")], 2020)
    now = rollup_from_rows([_row("a", 5, "zalo", "radio"), _row("B", None), _row("C", 1)], 2021)
    result = compare(now, last)
    a, b, c = result.rows
    assert (a["prev_sessions"], a["change_sessions"], a["change_channels_used"]) == (4, 1, 1)
    assert (b["prev_sessions"], b["change_sessions"], b["prev_reported"]) == (2, None, True)
    assert (c["prev_sessions"], c["prev_reported"]) == (None, None)
    assert result.totals["prev_sessions"] == 6 and result.totals["change_sessions"] == 0
    assert (result.totals["channels_used"], result.totals["prev_channels_used"]) == (2, 2)
    assert result.previous is not None
    assert [e.school_code for e in result.previous.lapsed] == ["B"]


@pytest.mark.parametrize(
    ("now", "before", "text"),
    [(245, 219, "tăng 11,9% so với năm 2024"), (224, 200, "tăng 12% so với năm 2024"),
     (90, 100, "giảm 10% so với năm 2024"), (7, 7, "bằng năm 2024"),
     (12, 0, "năm 2024 không có"), (None, 3, ""), (3, None, "")],
)  # fmt: skip
def test_trend(now: int | None, before: int | None, text: str) -> None:
    assert trend(now, before, 2024) == text


def test_count_trend() -> None:
    assert count_trend(12, 10, 2024) == "nhiều hơn 2 so với năm 2024"
    assert count_trend(9, 10, 2024) == "ít hơn 1 so với năm 2024"


def test_a_renamed_office_with_the_same_schools_is_accepted() -> None:
    """Mid-2025 a commune took over some of the district office's schools: the schools in common
    are compared (tests/rollup/test_transition_year.py); with none in common it is refused."""
    last = rollup_from_rows([_row("A", 1), _row("B", 1), _row("C", 1)], 2024)
    assert check_previous(last, "Phòng GD&ĐT (UBND HUYỆN X)", year=2025, unit="UBND xã Y",
                          register=["A", "b", "D"], source="x.xlsx") == {"a", "b"}  # fmt: skip
    assert check_previous(last, "Phòng GD&ĐT (UBND HUYỆN X)", year=2025, unit="UBND xã Y",
                          register=["A", "D", "E"], source="x.xlsx") == {"a"}  # fmt: skip
    assert check_previous(last, "UBND xã Y", year=2025, unit="UBND xã Y", register=["D"],
                          source="x.xlsx") is None  # fmt: skip
    with pytest.raises(WrongPrevious):
        check_previous(last, "Phòng GD&ĐT (UBND HUYỆN X)", year=2025, unit="UBND xã Y",
                       register=["D", "E"], source="x.xlsx")  # fmt: skip


def test_in_common_counts_only_the_schools_in_common() -> None:
    last = rollup_from_rows([_row("A", 4), _row("B", 2), _row("C", 7)], 2024)
    now = rollup_from_rows([_row("A", 5), _row("D", 1)], 2025)
    result = compare(now, in_common(last, {"a"}), former="Phòng GD&ĐT (UBND HUYỆN X)")
    assert result.previous is not None
    assert (result.previous.totals["sessions"], result.previous.shared) == (4, 1)
    assert result.previous.lapsed == ()
    assert "chỉ so sánh 1/2 trường" in former_note(result.previous, 2)


def test_next_years_district_workbook_compares_with_the_one_it_came_from(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A button user's 2020 district workbook holds its own «Tổng hợp»: ``new --district --from``
    names it as last year's roll-up, so the 2021 merge compares without being told."""
    import openpyxl

    from outreach_xl.files.reader import read_file
    from outreach_xl.schema import DISTRICT

    merged = tmp_path / "2020" / "TongHop_TTDN_2020.xlsx"  # as saved after «Tổng hợp các trường»
    merged.parent.mkdir()
    book = openpyxl.load_workbook(demo / "tong_hop" / REGISTER_NAME)
    sheet = book[ROLLUP_SHEET]
    grid = load_grids(demo / "tong_hop" / ROLLUP_NAME, [ROLLUP_SHEET])[ROLLUP_SHEET]
    for r, line in enumerate(grid, start=1):
        for c, value in enumerate(line, start=1):
            sheet.cell(r, c).value = None if value == "" else value
    book.save(merged)
    before = digest(merged)

    made = tmp_path / "2021" / "TongHop_TTDN_2021.xlsx"
    made.parent.mkdir()
    argv = ["new", "--district", "--no-macros", "--from", str(merged), "-o", str(made)]
    assert main(argv) == 0
    assert "so sánh với năm 2020" in capsys.readouterr().out
    assert read_file(made, DISTRICT).value("previous_rollup") == "../2020/TongHop_TTDN_2020.xlsx"
    assert digest(merged) == before

    shutil.copytree(demo / NEXT_BASE / SCHOOLS_DIR, made.parent / SCHOOLS_DIR)
    out_file = tmp_path / "ketqua.xlsx"
    assert main(["rollup", str(made.parent / SCHOOLS_DIR), "--register", str(made),
                 "-o", str(out_file)]) == 0  # fmt: skip
    assert "So sánh với năm 2020" in capsys.readouterr().out
    assert dict(read_rollup(out_file).previous.totals) == HAND_2020  # type: ignore[union-attr]
