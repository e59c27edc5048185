"""The demo district's merge against numbers worked out by hand, school by school.

Every figure below was computed on paper from the demo schools' particulars
(``outreach_xl/demo/district.py``; Mỹ An's workbook is the bundled sample, number 05, dated
29/12/2020, which gives no staff or pupil totals, as its seed report): a school's figures,
channels and content groups as typed, with the demo's mistakes applied (80512104 reports more
staff taking part than it has; 80512107 typed a wrong document symbol and deleted all its content
items; 80512105 sent an earlier and a later report; 80512102 also sent next year's report; Mỹ An's
file is there twice; 80512106 sent nothing; 80512199 is not
in the register). Nothing here is computed with the code under test.

The totals follow the district's stated rule: they count the rows of registered schools whose
report has no error (status «Đã nộp»): 80512101, 102, 103, 105 and 108; not 104 and 107 (errors),
nor 80512199 (not registered).
"""

from __future__ import annotations

from typing import Any

import pytest

from outreach_xl import read_district, rollup_folder
from outreach_xl.core.district_report import report_context
from outreach_xl.core.merge import FileStatus, Rollup, SchoolStatus
from outreach_xl.demo.district import build_demo_district


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Rollup, Any]:
    register, schools = build_demo_district(tmp_path_factory.mktemp("demo"))
    district = read_district(register)
    rollup = rollup_folder(schools, district.register, year=2020, exclude=[register], workers=1)
    return rollup, district


def _row(rollup: Rollup, code: str) -> dict[str, Any]:
    (row,) = [r for r in rollup.rows if r["school_code"] == code]
    return row


# code: (level, doc ref, staff part, staff total, staff rate, pupils part, pupil total, pupil rate,
#        sessions, news items, parents, status)
ROWS = {
    # the sample's own number, 05; the others: the code's last two digits plus 3
    "80512101": ("MG", "05/BC-MGMA", 21, None, None, 170, None, None, 2, None, None, "Đã nộp"),
    # its 2020 report (3 sessions), not next year's (9 sessions) sent into the same folder
    "80512102": ("MG", "05/BC-MGLT", 18, 20, 0.9, 150, 162, 150 / 162, 3, 12, 140, "Đã nộp"),
    "80512103": ("TH", "06/BC-THMP", 35, 38, 35 / 38, 610, 645, 610 / 645, 6, 25, 420, "Đã nộp"),
    # 45 of 42: the rate is above 1, and the school is listed with its error
    "80512104": ("THCS", "07/BC-THCSNT", 45, 42, 45 / 42, 720, 760, 720 / 760, 4, 8, None,
                 "Có lỗi"),
    # the later report (08/01/2021, 3 sessions), not the earlier one (1 session)
    "80512105": ("MN", "08/BC-MNBT", 24, 26, 24 / 26, 210, 230, 210 / 230, 3, None, 190, "Đã nộp"),
    "80512106": ("TH", None, None, None, None, None, None, None, None, None, None, "Chưa nộp"),
    # the symbol as typed (bc thcs tt), upper-cased by nothing: the roll-up shows what was sent
    "80512107": ("THCS", "10/bc thcs tt", 52, 55, 52 / 55, 890, 940, 890 / 940, 5, None, None,
                 "Có lỗi"),
    "80512108": ("MG", "11/BC-MGMT", 15, 16, 15 / 16, 120, 131, 120 / 131, 2, None, None,
                 "Đã nộp"),
    "80512199": ("TH", "102/BC-THLT", 28, 30, 28 / 30, 400, 415, 400 / 415, 3, 10, None,
                 "Ngoài danh sách"),
}  # fmt: skip
KEYS = ("level", "doc_ref", "staff_participants", "staff_total", "staff_rate",
        "pupil_participants", "pupil_total", "pupil_rate", "sessions", "news_items",
        "parents_reached", "status")  # fmt: skip


@pytest.mark.parametrize("code", sorted(ROWS))
def test_each_schools_row(demo: tuple[Rollup, Any], code: str) -> None:
    row = _row(demo[0], code)
    for key, expected in zip(KEYS, ROWS[code], strict=True):
        if isinstance(expected, float):
            assert row[key] == pytest.approx(expected, abs=1e-12), (code, key)
        else:
            assert row[key] == expected, (code, key)


def test_the_rows_are_the_register_in_order_then_the_unregistered_school(
    demo: tuple[Rollup, Any],
) -> None:
    codes = [r["school_code"] for r in demo[0].rows]
    assert codes == [f"805121{n:02d}" for n in range(1, 9)] + ["80512199"]
    assert [r["seq"] for r in demo[0].rows] == list(range(1, 10))


def test_the_channels_and_groups_each_school_used(demo: tuple[Rollup, Any]) -> None:
    rollup = demo[0]
    marks = {r["school_code"]: sorted(k[8:] for k, v in r.items() if k.startswith("channel_") and v)
             for r in rollup.rows}  # fmt: skip
    assert marks["80512101"] == ["corner", "culture", "press", "socialisation", "website"]
    assert marks["80512108"] == ["corner", "other", "radio"]  # "Bảng tin tổ dân phố" is Khác
    assert marks["80512106"] == []
    groups = {k[6:]: v for k, v in _row(rollup, "80512107").items() if k.startswith("group_")}
    assert set(groups.values()) == {None}  # its content items were all deleted
    assert _row(rollup, "80512104")["group_rebuttal"] == 1


def test_the_totals(demo: tuple[Rollup, Any]) -> None:
    totals = demo[0].totals
    # staff taking part, schools 101, 102, 103, 105, 108: 21 + 18 + 35 + 24 + 15 = 113;
    # the totals, given by all but Mỹ An: 20 + 38 + 26 + 16 = 100
    assert totals["staff_participants"] == 113
    assert totals["staff_total"] == 100
    # the rate is over the four schools that gave both: 18 + 35 + 24 + 15 = 92 of 100
    assert (totals["staff_rate_schools"], totals["staff_rate_part"]) == (4, 92)
    assert totals["staff_rate"] == pytest.approx(0.92)
    # pupils: 170 + 150 + 610 + 210 + 120 = 1260 taking part; totals 162 + 645 + 230 + 131 = 1168;
    # the rate over the same four schools: 150 + 610 + 210 + 120 = 1090 of 1168
    assert totals["pupil_participants"] == 1260
    assert totals["pupil_total"] == 1168
    assert totals["pupil_rate_part"] == 1090
    assert totals["pupil_rate"] == pytest.approx(1090 / 1168)
    assert totals["sessions"] == 2 + 3 + 6 + 3 + 2 == 16
    assert totals["news_items"] == 12 + 25 == 37  # 101, 105 and 108 gave none
    assert totals["parents_reached"] == 140 + 420 + 190 == 750


def test_the_schools_counted_per_channel_and_the_items_per_group(
    demo: tuple[Rollup, Any],
) -> None:
    rollup = demo[0]
    # over the counted schools 101, 102, 103, 105, 108 only
    assert rollup.channel_counts == {
        "corner": 5,  # 101, 102, 103, 105, 108
        "radio": 2,  # 103, 108
        "zalo": 2,  # 102 (typed «Zalo»), 105
        "facebook": 1,  # 102 (typed «facebook»)
        "website": 2,  # 101, 103 (typed «Web trường»)
        "press": 1,  # 101
        "gatherings": 1,  # 103
        "culture": 2,  # 101, 105
        "visits": 1,  # 105
        "conferences": 0,  # only 104, whose report has an error
        "contests": 1,  # 103
        "socialisation": 1,  # 101
        "other": 1,  # 108
    }
    assert rollup.totals["channel_corner"] == 5
    assert rollup.group_items == {
        "policy": 3,  # 101, 102, 103
        "achievements": 3,  # 101, 103, 105
        "image": 5,  # 101, 102, 103, 105, 108
        "sovereignty": 1,  # 103
        "rebuttal": 1,  # 101
        "other": 1,  # 108
    }
    assert rollup.group_schools == rollup.group_items  # one item per group and school


def test_who_reported(demo: tuple[Rollup, Any]) -> None:
    rollup = demo[0]
    assert rollup.registered == 8
    assert rollup.reported == 7  # five clean, two with errors; 80512106 sent nothing
    assert rollup.count(SchoolStatus.REPORTED) == 5
    assert rollup.count(SchoolStatus.REPORTED_WITH_ERRORS) == 2
    assert [e.school_code for e in rollup.missing] == ["80512106"]
    files = {e.file: e.status for e in rollup.files}
    assert files["BaoCao_TTDN_2020_MNBT_ban_dau.xlsx"] is FileStatus.DUPLICATE
    assert files["BaoCao_TTDN_2020_MNBT.xlsx"] is FileStatus.VALID
    assert files["DanhSachLop_MyPhu.xlsx"] is FileStatus.NOT_OURS
    assert files["BaoCao_TTDN_2020_hong.xlsx"] is FileStatus.UNREADABLE
    assert files["~$BaoCao_TTDN_2020_MGLT.xlsx"] is FileStatus.SKIPPED
    assert files["BaoCao_TTDN_2020_MGMA - Copy.xlsx"] is FileStatus.SAME_CONTENT
    assert files["BaoCao_TTDN_2026_MGLT.xlsx"] is FileStatus.WRONG_YEAR


def test_the_district_report_says_the_same(demo: tuple[Rollup, Any]) -> None:
    rollup, district = demo
    context = report_context(district.config, rollup)
    assert (context["registered"], context["reported"]) == (8, 7)
    assert context["reported_rate"] == "87,5%"  # 7 / 8 = 0,875
    assert [(s["code"], s["name"]) for s in context["missing"]] == [
        ("80512106", "Trường Tiểu học Tân Thành")
    ]
    assert [s["code"] for s in context["with_errors"]] == ["80512104", "80512107"]
    assert [(s["code"], s["name"]) for s in context["unregistered"]] == [
        ("80512199", "Trường Tiểu học Long Thạnh")
    ]
    assert context["doc_ref"] == "12/BC-PGDĐT"
    assert context["place_date"] == "Thủ Thừa, ngày 15 tháng 01 năm 2021"
