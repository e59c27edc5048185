"""The pure merge: it knows its totals, its duplicates and its statuses, whatever the file order."""

from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from outreach_xl.core.merge import (
    FIGURES,
    ROW_STATUS,
    FileResult,
    FileStatus,
    Gathered,
    RegisteredSchool,
    SchoolStatus,
    SchoolSummary,
    counted,
    gathered,
    merge,
    totals,
)
from outreach_xl.schema import CHANNELS, CONTENT_GROUPS, COUNT, ROLLUP_COLUMNS, SUM

CODES = [f"S{i}" for i in range(8)]
REGISTER = tuple(RegisteredSchool(code, f"Trường {code}") for code in CODES[:6])
OK = SchoolStatus.REPORTED.row_label  # the table's status of a counted row
FAULTY = SchoolStatus.REPORTED_WITH_ERRORS.row_label
# Figures of a participation pair: summed only where the part does not exceed the whole.
PAIRED = {"staff_participants", "staff_total", "pupil_participants", "pupil_total"}

figure = st.one_of(st.none(), st.integers(0, 2000))


@st.composite
def summaries(draw: st.DrawFn, index: int) -> SchoolSummary:
    code = draw(st.sampled_from(CODES))
    return SchoolSummary(
        file=f"f{index:03d}.xlsx",
        mtime=draw(st.floats(0, 1e6)),
        school_code=code,
        school_name=f"Trường {code}",
        report_date=draw(st.one_of(st.none(), st.dates(dt.date(2020, 1, 1), dt.date(2021, 3, 1)))),
        figures={key: draw(figure) for key in FIGURES},
        channels=tuple(sorted(draw(st.sets(st.sampled_from([c.code for c in CHANNELS.choices]))))),
        groups={
            c.code: draw(st.integers(1, 5)) for c in CONTENT_GROUPS.choices if draw(st.booleans())
        },
        errors=draw(st.integers(0, 2)),
        warnings=draw(st.integers(0, 2)),
    )


@st.composite
def results(draw: st.DrawFn) -> list[FileResult]:
    count = draw(st.integers(0, 14))
    out = []
    for i in range(count):
        if draw(st.integers(0, 5)) == 0:
            out.append(FileResult(f"f{i:03d}.xlsx", failure=FileStatus.UNREADABLE, reason="hỏng"))
        else:
            s = draw(summaries(i))
            out.append(FileResult(s.file, s.mtime, s))
    return out


@settings(max_examples=150, deadline=None)
@given(results(), st.randoms())
def test_totals_equal_the_sum_of_the_schools_in_any_order(files, rnd) -> None:
    first = merge(files, REGISTER)
    shuffled = list(files)
    rnd.shuffle(shuffled)
    second = merge(shuffled, REGISTER)
    assert first.rows == second.rows
    assert first.totals == second.totals
    assert first.schools == second.schools
    assert first.files == second.files
    for col in ROLLUP_COLUMNS:
        values = [r[col.key] for r in first.rows if counted(r)]  # the totals' rule
        if col.total == SUM and col.key not in PAIRED:
            assert first.totals[col.key] == sum(v for v in values if v is not None)
        elif col.total == COUNT:
            assert first.totals[col.key] == sum(1 for v in values if v)
    # one row per registered school, then one per other school that reported
    kept = {f.summary.school_code for f in files if f.summary}
    assert len(first.rows) == len(REGISTER) + len(kept - {s.code for s in REGISTER})
    # every file appears exactly once in the tracker
    assert sorted(e.file for e in first.files) == sorted(f.file for f in files)


@settings(max_examples=100, deadline=None)
@given(results())
def test_the_kept_report_of_a_school_is_its_latest(files) -> None:
    rollup = merge(files, REGISTER)
    used = {r["school_code"]: r["file"] for r in rollup.rows if r["file"]}
    for code, file in used.items():
        mine = [f.summary for f in files if f.summary and f.summary.school_code == code]
        latest = max(mine, key=lambda s: (s.report_date or dt.date.min, s.mtime, s.file))
        assert file == latest.file
    duplicates = [e for e in rollup.files if e.status is FileStatus.DUPLICATE]
    assert len(duplicates) == sum(1 for f in files if f.summary) - len(used)


def summary(code: str, file: str, date: dt.date | None, mtime: float = 0.0, **kw) -> SchoolSummary:
    return SchoolSummary(file, mtime, code, f"Trường {code}", report_date=date, **kw)


def test_a_later_report_date_wins_over_a_later_file_time() -> None:
    old = summary("S0", "moi_sua.xlsx", dt.date(2020, 12, 1), mtime=999.0)
    new = summary("S0", "cu.xlsx", dt.date(2020, 12, 20), mtime=1.0)
    rollup = merge(
        [FileResult(old.file, old.mtime, old), FileResult(new.file, new.mtime, new)], REGISTER
    )
    assert rollup.rows[0]["file"] == "cu.xlsx"
    dup = next(e for e in rollup.files if e.status is FileStatus.DUPLICATE)
    assert dup.file == "moi_sua.xlsx"
    assert "cu.xlsx" in dup.reason


def test_same_report_date_then_file_time_decides() -> None:
    a = summary("S1", "a.xlsx", dt.date(2020, 12, 1), mtime=5.0)
    b = summary("S1", "b.xlsx", dt.date(2020, 12, 1), mtime=9.0)
    rollup = merge([FileResult(b.file, 9.0, b), FileResult(a.file, 5.0, a)], REGISTER)
    assert rollup.rows[1]["file"] == "b.xlsx"


def test_an_empty_folder_leaves_every_registered_school_missing() -> None:
    rollup = merge([], REGISTER)
    assert [e.status for e in rollup.schools] == [SchoolStatus.MISSING] * len(REGISTER)
    assert rollup.reported == 0 and rollup.registered == len(REGISTER)
    assert rollup.totals["staff_participants"] == 0
    assert rollup.totals["staff_rate"] is None
    assert rollup.files == ()


def test_a_school_without_code_is_matched_by_its_registered_name() -> None:
    s = SchoolSummary("x.xlsx", 0.0, "", "trường  s2", errors=1)
    rollup = merge([FileResult("x.xlsx", 0.0, s)], REGISTER)
    assert rollup.schools[2].status is SchoolStatus.REPORTED_WITH_ERRORS
    assert rollup.rows[2]["file"] == "x.xlsx"


def test_a_school_without_code_or_known_name_is_a_file_with_errors() -> None:
    s = SchoolSummary("x.xlsx", 0.0, "", "Trường lạ", errors=1)
    rollup = merge([FileResult("x.xlsx", 0.0, s)], REGISTER)
    assert rollup.files[0].status is FileStatus.WITH_ERRORS
    assert "mã trường" in rollup.files[0].reason
    assert rollup.reported == 0


def test_rates_come_from_the_sums_not_an_average_of_rates() -> None:
    rows = [
        {"staff_participants": 1, "staff_total": 2, "status": OK},
        {"staff_participants": 9, "staff_total": 10, "status": OK},
    ]
    assert totals(rows)["staff_rate"] == 10 / 12


def test_a_report_of_another_year_is_noted() -> None:
    s = SchoolSummary("x.xlsx", 0.0, "S0", "Trường S0", report_year=2019)
    rollup = merge([FileResult("x.xlsx", 0.0, s)], REGISTER, year=2020)
    assert "2019" in rollup.schools[0].reason


def test_a_part_above_its_whole_is_never_summed() -> None:
    rows = [
        {"staff_participants": 45, "staff_total": 42, "sessions": 4, "status": OK},
        {"staff_participants": 9, "staff_total": 10, "sessions": 1, "status": OK},
    ]
    t = totals(rows)
    assert (t["staff_participants"], t["staff_total"], t["sessions"]) == (9, 10, 5)
    assert t["staff_rate"] == 0.9 and t["staff_rate_schools"] == 1


def test_rates_are_taken_over_the_schools_that_gave_the_total() -> None:
    rows = [
        {"staff_participants": 21, "staff_total": None, "status": OK},  # no total given
        {"staff_participants": 18, "staff_total": 20, "status": OK},
        {"staff_participants": 35, "staff_total": 38, "status": OK},
        {"staff_participants": 99, "staff_total": 100, "status": FAULTY},  # not counted
    ]
    t = totals(rows)
    assert t["staff_participants"] == 74 and t["staff_total"] == 58
    assert (t["staff_rate_part"], t["staff_rate_whole"], t["staff_rate_schools"]) == (53, 58, 2)
    assert t["staff_rate"] == 53 / 58


def test_near_duplicate_items_are_merged_with_every_school_that_raised_them() -> None:
    rows = [
        {"school_name": "A", "status": OK, "difficulties": "Kinh phí còn hạn chế.\nÍt máy"},
        {"school_name": "B", "status": OK, "difficulties": "- kinh phi con han che;"},
        {"school_name": "C", "status": OK, "difficulties": "Kinh phí vẫn còn hạn chế"},
        {"school_name": "D", "status": FAULTY, "difficulties": "Kinh phí còn hạn chế"},
    ]
    items = gathered(rows, "difficulties")
    assert items[0] == Gathered("Kinh phí còn hạn chế", ("A", "B", "C"))
    assert items[1] == Gathered("Ít máy", ("A",))


def test_a_school_with_only_another_years_file_is_missing_and_told_why() -> None:
    s = SchoolSummary("x2026.xlsx", 0.0, "S0", "Trường S0", report_year=2026)
    rollup = merge([FileResult(s.file, 0.0, s)], REGISTER, year=2020)
    assert rollup.schools[0].status is SchoolStatus.MISSING
    assert "Chỉ có báo cáo năm 2026 (tệp «x2026.xlsx»)" in rollup.schools[0].reason
    assert rollup.files[0].status is FileStatus.WRONG_YEAR and rollup.counted == 0


def test_codes_typed_with_spaces_or_dashes_match_the_register() -> None:
    s = SchoolSummary("x.xlsx", 0.0, " s-0 ", "Trường S0")
    rollup = merge([FileResult("x.xlsx", 0.0, s)], REGISTER)
    assert rollup.schools[0].status is SchoolStatus.REPORTED and rollup.counted == 1


def test_a_code_that_lost_its_leading_zeros_matches_the_register_and_is_noted() -> None:
    register = (RegisteredSchool("00123456", "Trường A"), RegisteredSchool("80512101", "Trường B"))
    lost = SchoolSummary("a.xlsx", 0.0, "123456", "TH A")  # typed into a number cell; the
    # name as the school writes it, not as registered: the digits alone match it
    kept = SchoolSummary("b.xlsx", 0.0, "80512101", "Trường B")
    rollup = merge([FileResult(s.file, 0.0, s) for s in (lost, kept)], register)
    assert [e.status for e in rollup.schools] == [SchoolStatus.REPORTED] * 2
    assert rollup.rows[0]["school_code"] == "00123456" and rollup.counted == 2
    assert "«123456», trong danh sách là «00123456»" in rollup.schools[0].reason
    assert rollup.schools[1].reason == ""
    # the other way round: the register lost them, the school kept them
    back = merge([FileResult("a.xlsx", 0.0, dataclasses.replace(lost, school_code="0123456"))],
                 (RegisteredSchool("123456", "Trường A"),))  # fmt: skip
    assert back.schools[0].status is SchoolStatus.REPORTED and back.counted == 1


def test_a_file_started_from_a_neighbours_keeps_its_code_but_counts_for_the_school_it_names() -> (
    None
):
    """Trường B copied Trường A's filled workbook, retyped its name, kept A's code: B's report
    counts for B (noted), and A's own file is not dropped as B's duplicate."""
    register = (RegisteredSchool("80512101", "Trường A"), RegisteredSchool("80512103", "Trường B"))
    own = SchoolSummary("a.xlsx", 1.0, "80512101", "Trường A")
    copied = SchoolSummary("b.xlsx", 2.0, "80512101", "TRƯỜNG  B")
    rollup = merge([FileResult(s.file, s.mtime, s) for s in (own, copied)], register)
    assert [(e.school_code, e.status, e.file) for e in rollup.schools] == [
        ("80512101", SchoolStatus.REPORTED, "a.xlsx"),
        ("80512103", SchoolStatus.REPORTED, "b.xlsx"),
    ]
    assert "là mã của «Trường A»; tệp ghi tên «TRƯỜNG  B»" in rollup.schools[1].reason
    assert rollup.counted == 2 and not [e for e in rollup.files if e.status is FileStatus.DUPLICATE]


def test_a_mistyped_code_with_the_schools_registered_name_counts_for_it_noted() -> None:
    register = (RegisteredSchool("80512101", "Trường A"), RegisteredSchool("80512103", "Trường B"))
    s = SchoolSummary("b.xlsx", 0.0, "80512130", "Trường B")  # 03 typed 30
    rollup = merge([FileResult("b.xlsx", 0.0, s)], register)
    entry = rollup.schools[1]
    assert (entry.school_code, entry.status) == ("80512103", SchoolStatus.REPORTED)
    assert "(«80512130») không có trong danh sách; tệp ghi tên «Trường B»" in entry.reason
    stranger = SchoolSummary("c.xlsx", 0.0, "80512199", "Trường C")  # no registered name either
    assert merge([FileResult("c.xlsx", 0.0, stranger)], register).schools[-1].status is (
        SchoolStatus.NOT_REGISTERED
    )


def test_a_name_two_registered_schools_share_moves_no_file() -> None:
    register = (
        RegisteredSchool("1", "Trường Tiểu học Mỹ An"),
        RegisteredSchool("2", "Trường Tiểu học Mỹ An"),  # two communes, one name
        RegisteredSchool("3", "Trường C"),
    )
    s = SchoolSummary("x.xlsx", 0.0, "1", "Trường Tiểu học Mỹ An")
    rollup = merge([FileResult("x.xlsx", 0.0, s)], register)
    assert rollup.schools[0].status is SchoolStatus.REPORTED and rollup.schools[0].reason == ""
    nameless = SchoolSummary("y.xlsx", 0.0, "", "Trường Tiểu học Mỹ An")  # no code: whose?
    assert merge([FileResult("y.xlsx", 0.0, nameless)], register).counted == 0


def test_two_files_of_one_school_with_and_without_its_zeros_are_duplicates() -> None:
    register = (RegisteredSchool("00123456", "Trường A"),)
    a = SchoolSummary("a.xlsx", 1.0, "123456", "Trường A")
    b = SchoolSummary("b.xlsx", 2.0, "00123456", "Trường A")
    rollup = merge([FileResult(s.file, s.mtime, s) for s in (a, b)], register)
    assert len(rollup.rows) == 1 and rollup.rows[0]["file"] == "b.xlsx"
    assert [e.status for e in rollup.files if e.file == "a.xlsx"] == [FileStatus.DUPLICATE]


def test_digits_shared_by_two_registered_codes_match_neither() -> None:
    register = (RegisteredSchool("0123", "Trường A"), RegisteredSchool("123", "Trường B"))
    s = SchoolSummary("x.xlsx", 0.0, "00123", "Trường C")
    rollup = merge([FileResult("x.xlsx", 0.0, s)], register)
    assert rollup.schools[-1].status is SchoolStatus.NOT_REGISTERED and rollup.counted == 0
    letters = SchoolSummary("y.xlsx", 0.0, "0A1", "Trường D")  # not digits: taken as it is
    assert merge([FileResult("y.xlsx", 0.0, letters)], (RegisteredSchool("A1", "D"),)).counted == 0


def test_every_school_status_with_a_row_has_one_label_read_back_as_itself() -> None:
    with_rows = [s for s in SchoolStatus if s is not SchoolStatus.LAPSED]  # a tracker line only
    labels = [status.row_label for status in with_rows]
    assert len(set(labels)) == len(with_rows)
    assert all(ROW_STATUS[status.row_label] is status for status in with_rows)
    rows = [{"status": label} for label in labels]
    assert [counted(r) for r in rows] == [s is SchoolStatus.REPORTED for s in with_rows]
