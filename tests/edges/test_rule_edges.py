"""Every limit of the school workbook's checks, exactly at the limit and one step past it.

The values are literals (the numbers the form's help texts promise the clerk), not read from the
schema, so a changed limit in the schema fails here too. Each case changes one cell of the filled
sample (which has no finding at all) and looks only at the rule under test.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from outreach_xl import read_file, validate
from outreach_xl.cli import main
from outreach_xl.core.model import Cell, Row, Submission, coerce
from outreach_xl.core.validation import Finding
from outreach_xl.demo.sample import my_an_2020
from outreach_xl.schema import LIMITS, SCHOOL, Severity
from outreach_xl.xlsx.builder import build_workbook
from support import with_changes

SAMPLE = Path(__file__).parents[1] / "data" / "valid" / "my-an-2020.xlsx"


@pytest.fixture(scope="module")
def sample() -> Submission:
    sub = read_file(SAMPLE)
    assert validate(sub) == []
    return sub


def changed(sub: Submission, **raws: Any) -> Submission:
    """The submission with some fields as if these raw values had been typed into them."""
    fields = dict(sub.fields)
    for key, raw in raws.items():
        _, spec = SCHOOL.fields()[key]
        fields[key] = Cell(raw, coerce(spec.kind, raw), sub.cell(key).ref)
    return dataclasses.replace(sub, fields=fields)


def with_rows(sub: Submission, table: str, rows: list[dict[str, Any]]) -> Submission:
    """The submission with a table's rows replaced by these raw values."""
    _, spec = SCHOOL.tables()[table]
    kinds = {c.key: c.kind for c in spec.columns}
    new = tuple(
        Row({k: Cell(v, coerce(kinds[k], v)) for k, v in row.items()}, number=10 + i)
        for i, row in enumerate(rows)
    )
    return dataclasses.replace(sub, tables={**sub.tables, table: new})


def found(sub: Submission, rule: str) -> list[Finding]:
    return [f for f in validate(sub) if f.rule == rule]


# --- Numbers: each field's bounds --------------------------------------------------------------

BOUNDS = {  # field key: (smallest allowed, largest allowed), as the form promises
    "report_year": (2000, 2100),
    "doc_number": (1, 99999),
    "staff_total": (0, 100000),
    "pupil_total": (0, 1000000),
    "staff_participants": (0, 100000),
    "pupil_participants": (0, 1000000),
    "sessions": (0, 100000),
    "news_items": (0, 100000),
    "parents_reached": (0, 1000000),
}


def test_the_bounds_above_are_every_number_field_of_the_school_workbook() -> None:
    numbers = {
        key: (spec.min, spec.max)
        for key, (_, spec) in SCHOOL.fields().items()
        if spec.kind.name == "INT"
    }
    assert numbers == BOUNDS


@pytest.mark.parametrize("key", sorted(BOUNDS))
def test_a_number_at_its_bounds_is_accepted_and_one_past_is_refused(
    sample: Submission, key: str
) -> None:
    low, high = BOUNDS[key]
    # the totals go with the participants so that the participants rule stays quiet
    quiet = {"staff_total": 100000, "pupil_total": 1000000}
    # each a number, and as text (a cell formatted as text, or a program that keeps it so)
    for value in (low, high):
        extra = {k: v for k, v in quiet.items() if k != key and value > 21}
        for raw in (value, str(value)):
            assert found(changed(sample, **{key: raw, **extra}), "bounds") == [], (key, raw)
    for value in (low - 1, high + 1):
        for raw in (value, str(value)):
            bounds = found(changed(sample, **{key: raw}), "bounds")
            assert [(f.cell, f.severity) for f in bounds] == [
                (sample.cell(key).ref.cell, Severity.ERROR)  # type: ignore[union-attr]
            ], (key, raw)


@pytest.mark.parametrize(
    ("raw", "meant"),
    [
        (1.2, "gõ 1200"),  # 1.200 typed where the point is the decimal mark
        (12.5, "gõ 12500"),
        (1.025, "gõ 1025"),
        (999.999, "gõ 999999"),
        (1.2345, None),  # not thousands written with a point
        (1200.5, None),
        (-1.2, None),
        (0.5, None),  # nobody writes 500 as 0.500: a share (50%), said as one below
    ],
)
def test_a_number_with_a_point_is_refused_saying_what_was_likely_typed(
    sample: Submission, raw: float, meant: str | None
) -> None:
    [finding] = found(changed(sample, pupil_participants=raw), "type")
    assert finding.severity is Severity.ERROR and "Không phải số nguyên" in finding.message
    if meant is None:
        assert "dấu chấm" not in finding.message + finding.fix
    else:
        assert "máy đã hiểu dấu chấm là dấu thập phân" in finding.message
        assert meant + ", không có dấu chấm" in finding.fix


@pytest.mark.parametrize(("raw", "shown"), [(0.8, "80%"), (0.125, "12,5%"), (0.05, "5%")])
def test_a_share_typed_in_a_count_is_refused_as_a_share(
    sample: Submission, raw: float, shown: str
) -> None:
    """80% typed in a count: Excel and LibreOffice keep 0.8 (shown 80%); the clerk is told it is a
    share, not a number to retype as 800."""
    [finding] = found(changed(sample, sessions=raw), "type")
    assert finding.severity is Severity.ERROR
    assert finding.message == f"Không phải số nguyên: ô ghi một tỉ lệ ({shown}), không phải số đếm"
    assert finding.fix == "Ghi số đếm được (số lần, số người...), chỉ gồm chữ số, ví dụ 21"
    assert "dấu chấm" not in finding.message + finding.fix


def test_an_item_typed_in_the_group_column_says_where_it_went(sample: Submission) -> None:
    """The item typed in «Nhóm nội dung», «Nội dung» left empty: the empty cell's error points at
    the text beside it and says to move it; a short value there (a group) is no item."""
    typed = "Tuyên truyền thành tích của nhà trường năm học 2024-2025"
    sub = with_rows(sample, "content_items", [{"group": typed, "text": None}])
    [finding] = found(sub, "required")
    assert finding.label == "Nội dung"
    assert finding.message == "Chưa điền; nội dung có lẽ đã ghi vào ô «Nhóm nội dung» bên cạnh"
    assert finding.fix == (
        f"Chép «{typed}» sang ô này, rồi chọn một mục trong danh sách ở ô «Nhóm nội dung»"
    )
    for group in ("Khác", "Tuyên truyền pháp luật khác", "Biển đảo, biên giới của lớp"):
        # a label, a short value, or words of one choice's names: a group, not an item
        sub = with_rows(sample, "content_items", [{"group": group, "text": None}])
        [finding] = found(sub, "required")
        assert finding.message == "Chưa điền (bắt buộc)", group


def test_a_count_typed_with_its_word_is_read_and_said(sample: Submission) -> None:
    [finding] = found(changed(sample, pupil_participants="150 trẻ"), "type")
    assert finding.severity is Severity.WARNING and finding.value == "150 trẻ"
    assert "được hiểu là 150" in finding.message and finding.fix == "Chỉ ghi số vào ô: 150"
    assert found(changed(sample, pupil_participants="150"), "type") == []


def test_a_number_typed_after_its_label_is_read_and_said(sample: Submission) -> None:
    [finding] = found(changed(sample, doc_number="Số 05"), "type")
    assert finding.severity is Severity.WARNING and "được hiểu là 5" in finding.message


def test_a_number_typed_with_what_follows_its_slash_says_what_to_keep(sample: Submission) -> None:
    [finding] = found(changed(sample, doc_number="05/BC-MGMA"), "type")
    assert finding.severity is Severity.ERROR
    assert finding.fix.startswith("Chỉ ghi 05 vào ô này; phần sau dấu «/» (BC-MGMA: ký hiệu")
    [count] = found(changed(sample, staff_participants="30/35"), "type")
    assert count.fix == "Ghi 30 vào ô này và 35 vào ô «Tổng số cán bộ, giáo viên, nhân viên»"


def test_a_count_excel_made_a_date_says_so(sample: Submission) -> None:
    """3/5 typed in a count's cell: Excel keeps it as the 3rd of May (or the 5th of March)."""
    [finding] = found(changed(sample, staff_participants=dt.datetime(2026, 5, 3)), "type")
    assert finding.message == "Excel đã đổi số gõ có dấu «/» thành ngày 03/05/2026"
    assert finding.fix.endswith("tổng số ghi vào ô «Tổng số cán bộ, giáo viên, nhân viên»")


def test_a_count_that_is_a_date_of_this_century_as_excel_counts_days_is_refused(
    sample: Submission,
) -> None:
    """3/5 typed in a number cell: Excel and LibreOffice keep the 5th of March 2026 as 46086."""
    [finding] = found(changed(sample, staff_participants=46086.0), "not_a_date")
    assert finding.severity is Severity.ERROR and "ngày 05/03/2026" in finding.message
    assert found(changed(sample, staff_participants="46086"), "not_a_date") == []  # typed so
    assert found(changed(sample, parents_reached=36525.0), "not_a_date") == []  # 1999-12-31
    assert len(found(changed(sample, parents_reached=36526.0), "not_a_date")) == 1  # 2000-01-01
    assert len(found(changed(sample, parents_reached=73050.0), "not_a_date")) == 1  # 2099-12-31
    assert found(changed(sample, parents_reached=73051.0), "not_a_date") == []
    row = {"channel": "Mạng xã hội Zalo", "activity": "Đăng tin", "count": 45000.0}
    [channel] = found(with_rows(sample, "channels", [row]), "not_a_date")
    assert channel.label == "Số tin bài/lượt" and "ngày 15/03/2023" in channel.message


def test_a_year_in_two_figures_is_read_and_said_and_a_missing_year_named(
    sample: Submission,
) -> None:
    [short] = found(changed(sample, report_date="29/12/20"), "type")
    assert short.severity is Severity.WARNING and short.fix == "Ghi đủ năm 4 chữ số: 29/12/2020"
    [none] = found(changed(sample, report_date="29/12"), "type")
    assert none.severity is Severity.ERROR and none.message == "Ngày chưa có năm"
    assert found(changed(sample, report_date="29/12/2020"), "type") == []


def test_the_count_column_of_channels_is_bounded_too(sample: Submission) -> None:
    row = {"channel": "Mạng xã hội Zalo", "activity": "Đăng tin"}
    for count, errors in ((0, 0), (100000, 0), (-1, 1), (100001, 1)):
        sub = with_rows(sample, "channels", [{**row, "count": count}])
        assert len(found(sub, "bounds")) == errors, count


def test_text_at_excels_length_limit_is_accepted_and_one_more_character_is_refused(
    sample: Submission,
) -> None:
    assert LIMITS.max_cell_chars == 32767  # Excel's own limit for one cell
    assert found(changed(sample, organisation="a" * 32767), "too_long") == []
    assert len(found(changed(sample, organisation="a" * 32768), "too_long")) == 1


# --- Participants and totals -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("part", "whole"),
    [("staff_participants", "staff_total"), ("pupil_participants", "pupil_total")],
)
def test_participants_equal_to_the_total_pass_and_one_more_is_an_error(
    sample: Submission, part: str, whole: str
) -> None:
    total = 40
    assert found(changed(sample, **{part: total, whole: total}), "not_greater") == []
    over = found(changed(sample, **{part: total + 1, whole: total}), "not_greater")
    assert [(f.cell, f.severity) for f in over] == [
        (sample.cell(part).ref.cell, Severity.ERROR)  # type: ignore[union-attr]
    ]
    assert "(40)" in over[0].message


# --- Dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "ok"),
    [
        (dt.date(2020, 1, 1), True),  # the first day of the report year
        (dt.date(2020, 12, 31), True),
        (dt.date(2021, 3, 31), True),  # the last day of the three months' grace
        (dt.date(2021, 4, 1), False),  # one day past it
        (dt.date(2019, 12, 31), False),  # the day before the year
        (dt.date(2022, 1, 15), False),  # in the grace months, but of the year after
    ],
)
def test_the_report_date_may_be_in_its_year_or_the_first_three_months_after(
    sample: Submission, date: dt.date, ok: bool
) -> None:
    assert sample.value("report_year") == 2020
    findings = found(changed(sample, report_date=date), "date_in_year")
    assert (findings == []) is ok
    if not ok:
        assert "năm 2020 (hoặc 3 tháng đầu năm 2021)" in findings[0].message


@pytest.mark.parametrize(
    ("raw", "typed"),
    [
        (dt.date(2021, 5, 1), "05/01/2021"),  # 05/01/2021 typed under US dates: 1 May
        (dt.date(2021, 4, 2), "04/02/2021"),  # 04/02 typed: 2 April; meant 4 February, in grace
        (dt.date(2021, 12, 12), None),  # the same either way
        (dt.date(2021, 5, 13), None),  # a 13th cannot have been read as a month
        (dt.date(2019, 3, 4), None),  # exchanged, still a year too early
        ("01/05/2021", None),  # typed as text: read day first already
    ],
)
def test_a_report_date_that_passes_with_day_and_month_exchanged_says_excel_may_have_swapped_them(
    sample: Submission, raw: Any, typed: str | None
) -> None:
    (finding,) = found(changed(sample, report_date=raw), "date_in_year")
    assert "năm 2020 (hoặc 3 tháng đầu năm 2021)" in finding.message
    assert ("đảo ngày và tháng" in finding.message) is (typed is not None)
    if typed is not None:
        day, month, year = typed.split("/")
        assert f"Nếu bạn đã gõ {typed} " in finding.fix
        assert f"{year}-{month}-{day}" in finding.fix


def test_a_request_letter_after_the_report_only_when_excel_swapped_its_day_and_month_says_so(
    sample: Submission,
) -> None:
    report = "15/01/2021"  # a 15th stays text under US dates, read right
    swapped = found(
        changed(sample, request_date=dt.date(2021, 7, 1), report_date=report), "date_not_after"
    )
    assert "ô đang là ngày 1 tháng 7 năm 2021" in swapped[0].message
    assert "Nếu bạn đã gõ 07/01/2021 " in swapped[0].fix and "2021-01-07" in swapped[0].fix
    late = found(
        changed(sample, request_date=dt.date(2021, 2, 20), report_date=report), "date_not_after"
    )  # the 20th of February cannot be what US dates made of a day typed first
    assert "đảo" not in late[0].message and "đảo" not in late[0].fix


@pytest.mark.parametrize(
    ("report", "letter", "warned"),
    [
        ("29/12/2020", dt.date(2020, 7, 1), "07/01/2020"),  # a text 29th: this Excel reads m/d
        ("29.12.2020", dt.date(2020, 7, 1), "07/01/2020"),
        (dt.date(2020, 12, 29), dt.date(2020, 7, 1), None),  # both dates: nothing to go by
        ("2020-12-29", dt.date(2020, 7, 1), None),  # year first: any Excel keeps that as text
        ("09/12/2020", dt.date(2020, 7, 1), None),  # a day of at most 12 proves nothing
        ("29/12/2020", dt.date(2020, 7, 13), None),  # a 13th cannot be a month read first
        ("29/12/2020", dt.date(2020, 7, 7), None),  # the same either way
    ],
)
def test_a_date_beside_one_excel_kept_as_text_day_first_is_warned_it_may_be_swapped(
    sample: Submission, report: Any, letter: dt.date, warned: str | None
) -> None:
    findings = found(changed(sample, report_date=report, request_date=letter), "day_first")
    assert [f.value for f in findings] == ([letter.strftime("%d/%m/%Y")] if warned else [])
    if warned:
        (finding,) = findings
        assert finding.severity is Severity.WARNING and finding.cell == "C18"
        assert f"«Ngày báo cáo» gõ «{report}»" in finding.message
        day, month, year = warned.split("/")
        assert f"Nếu bạn đã gõ {warned} " in finding.fix and f"{year}-{month}-{day}" in finding.fix


def test_a_swapped_date_a_date_rule_already_refuses_is_not_warned_twice(sample: Submission) -> None:
    sub = changed(sample, report_date="15/01/2021", request_date=dt.date(2021, 7, 1))
    on_request = [f.rule for f in validate(sub) if f.cell == "C18"]
    assert on_request == ["date_not_after"]


@pytest.mark.parametrize(
    ("saved", "report", "typed"),
    [
        (dt.date(2020, 3, 12), dt.date(2020, 12, 3), "12/03/2020"),  # US dates: 3 December
        (None, dt.date(2020, 12, 3), None),  # the day it was saved not known
        (dt.date(2020, 12, 29), dt.date(2020, 12, 3), None),  # before its saving: no sign
        (dt.date(2020, 11, 5), dt.date(2020, 12, 3), None),  # within a month of it
        (dt.date(2020, 3, 12), dt.date(2020, 12, 13), None),  # a 13th cannot be a month
        (dt.date(2020, 3, 12), dt.date(2020, 10, 11), None),  # exchanged, as far after
    ],
)
def test_a_date_long_after_its_file_was_saved_is_warned_when_exchanged_it_would_not_be(
    sample: Submission, saved: dt.date | None, report: dt.date, typed: str | None
) -> None:
    sub = dataclasses.replace(changed(sample, report_date=report), saved=saved)
    findings = found(sub, "after_saved")
    assert [f.cell for f in findings] == (["C15"] if typed else [])
    if typed:
        (finding,) = findings
        assert finding.severity is Severity.WARNING and finding.value == "03/12/2020"
        assert "hơn 31 ngày sau ngày tệp được lưu hay được kiểm tra (12/03/2020)" in finding.message
        assert f"Nếu bạn đã gõ {typed} " in finding.fix and "2020-03-12" in finding.fix


def test_a_date_told_swapped_by_a_rule_is_not_told_again_by_a_warning(sample: Submission) -> None:
    text_report = changed(sample, report_date="29/12/2020", request_date=dt.date(2020, 7, 1))
    sub = dataclasses.replace(text_report, saved=dt.date(2020, 1, 2))
    assert [f.rule for f in validate(sub) if f.cell == "C18"] == ["day_first"]
    late = changed(sample, report_date="15/01/2021", request_date=dt.date(2021, 7, 1))
    sub = dataclasses.replace(late, saved=dt.date(2021, 1, 15))
    assert [f.rule for f in validate(sub) if f.cell == "C18"] == ["date_not_after"]


def test_a_workbook_saved_long_before_its_report_date_is_warned_through_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The day a file was saved is its modification time, read at the edge."""
    import os

    from outreach_xl.cli import main
    from outreach_xl.files.folder import read_one

    data = my_an_2020()
    book = tmp_path / "BaoCao.xlsx"
    book.write_bytes(build_workbook(SCHOOL, dataclasses.replace(
        data, values={**data.values, "report_date": dt.date(2020, 12, 3)})))  # fmt: skip
    saved = dt.datetime(2020, 3, 12, 9, 0).timestamp()
    os.utime(book, (saved, saved))
    main(["validate", str(book)])
    out = capsys.readouterr().out
    assert "(12/03/2020): có thể Excel đã đảo ngày và tháng" in out and "2020-03-12" in out
    warned = read_one(book, tmp_path).summary
    os.utime(book, None)  # saved today: nothing to say
    main(["validate", str(book)])
    assert "đảo ngày" not in capsys.readouterr().out
    unwarned = read_one(book, tmp_path).summary
    assert warned and unwarned and warned.warnings == unwarned.warnings + 1  # the merge's too


def test_the_templates_date_cells_let_a_day_first_text_through_with_a_warning() -> None:
    """An Excel set to US dates keeps 20/12/2025 as text: a stop would refuse what the cell's own
    message asks for, over and over; the reader reads that text day first."""
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(build_workbook(SCHOOL, my_an_2020())))
    ref = read_file(SAMPLE).cell("report_date").ref
    assert ref is not None
    sheet = book[ref.sheet]
    rules = [v for v in sheet.data_validations.dataValidation if ref.cell in v.sqref]
    assert [(v.type, v.errorStyle) for v in rules] == [("date", "warning")]
    assert "2021-01-05" in rules[0].error and "2021-01-05" in rules[0].prompt


def test_a_request_letter_of_the_reports_own_day_passes_and_a_day_later_is_an_error(
    sample: Submission,
) -> None:
    day = dt.date(2020, 12, 29)
    assert found(changed(sample, request_date=day, report_date=day), "date_not_after") == []
    late = found(
        changed(sample, request_date=day + dt.timedelta(1), report_date=day), "date_not_after"
    )
    assert len(late) == 1 and late[0].severity is Severity.ERROR
    assert "29/12/2020" in late[0].message


# --- Tables ------------------------------------------------------------------------------------


@pytest.mark.parametrize("table", ["content_items", "channels"])
def test_one_row_is_enough_and_none_is_an_error(sample: Submission, table: str) -> None:
    one = [{k: c.raw for k, c in sample.rows(table)[0].cells.items()}]
    assert found(with_rows(sample, table, one), "min_rows") == []
    empty = found(with_rows(sample, table, []), "min_rows")
    assert len(empty) == 1 and empty[0].severity is Severity.ERROR


def test_duplicate_rows_are_found_whatever_their_case_and_spacing(sample: Submission) -> None:
    same = [{"text": "Tổ chức hội thi vẽ tranh."}, {"text": "  tổ chức HỘI THI   vẽ tranh. "}]
    assert len(found(with_rows(sample, "results", same), "duplicate")) == 1
    other = [{"text": "Tổ chức hội thi vẽ tranh."}, {"text": "Tổ chức hội thi kể chuyện."}]
    assert found(with_rows(sample, "results", other), "duplicate") == []


@pytest.mark.parametrize(
    ("last", "warned"),
    [
        ("Lưu: VT.", False),
        ("- Lưu: VT", False),
        ("– Lưu: VT, tổ văn phòng.", False),
        ("lưu: vt", False),
        ("Lưu VT", True),
        ("Phòng GD&ĐT", True),
    ],
)
def test_the_last_recipient_is_the_records_office(
    sample: Submission, last: str, warned: bool
) -> None:
    rows = [{"name": "Phòng GD&ĐT;"}, {"name": last}]
    findings = found(with_rows(sample, "recipients", rows), "last_row")
    assert (len(findings) == 1) is warned
    if warned:
        assert findings[0].severity is Severity.WARNING


# --- Text rules --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("symbol", "said"),
    [
        ("BC-MGMA", None),
        ("BC-PGDĐT", None),  # Đ is kept in abbreviations
        ("BC-TH&THCS", None),
        ("BC-THCS2", None),
        # What the report prints in capitals without spaces is right: said, with that form.
        ("bc-mgma", "BC-MGMA"),
        ("BC-MG MA", "BC-MGMA"),
        ("bc-pgdđt", "BC-PGDĐT"),
        # Wrong even so: refused.
        ("bc mgma", Severity.ERROR),
        ("BC-", Severity.ERROR),
        ("KH-MGMA", Severity.ERROR),
        ("bc-mg.ma", Severity.ERROR),
    ],
)
def test_the_document_symbol(sample: Submission, symbol: str, said: str | Severity | None) -> None:
    findings = found(changed(sample, doc_symbol=symbol), "pattern")
    if said is None:
        assert findings == []
    elif said is Severity.ERROR:
        assert [f.severity for f in findings] == [Severity.ERROR]
        assert "Không đúng dạng ký hiệu văn bản" in findings[0].message
    else:
        [finding] = findings
        assert finding.severity is Severity.WARNING and finding.value == symbol
        assert f"báo cáo sẽ ghi «{said}»" in finding.message and finding.fix == f"Ghi: «{said}»"


@pytest.mark.parametrize(
    ("authority", "ok"),
    [
        (None, True),
        ("KT. HIỆU TRƯỞNG", True),
        ("kt. hiệu trưởng", True),
        ("TL. HIỆU TRƯỞNG", True),
        ("TM. BAN GIÁM HIỆU", True),
        ("Q. HIỆU TRƯỞNG", True),
        ("TUQ. HIỆU TRƯỞNG", True),
        ("HIỆU TRƯỞNG", False),
        ("K.T HIỆU TRƯỞNG", False),
    ],
)
def test_the_signing_authority_starts_with_a_decree_prefix(
    sample: Submission, authority: str | None, ok: bool
) -> None:
    assert (found(changed(sample, signer_authority=authority), "prefix") == []) is ok


def test_a_wrong_signing_authority_names_the_prefixes_as_a_clerk_reads_them(
    sample: Submission, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """«P. HIỆU TRƯỞNG» (P. for phó): the prefixes are named one by one, and the sentence does
    not end in «TUQ..» (the last prefix's own point, then the message's)."""
    [finding] = found(changed(sample, signer_authority="P. HIỆU TRƯỞNG"), "prefix")
    assert finding.message == "Thẩm quyền ký phải bắt đầu bằng «KT.», «TM.», «Q.», «TL.», «TUQ.»"
    book = tmp_path / "BaoCao.xlsx"
    data = with_changes(my_an_2020(), {"signer_authority": "P. HIỆU TRƯỞNG"})
    book.write_bytes(build_workbook(data=data))
    assert main(["validate", str(book)]) == 1
    out = capsys.readouterr().out
    assert "«TUQ.». Cách sửa: Ví dụ: KT. HIỆU TRƯỞNG;" in out and ".." not in out


@pytest.mark.parametrize("typed", ["2024-2025", "2024 - 2025", "2024/2025", "2024–2025"])
def test_a_school_year_typed_as_the_report_year_is_said_to_be_one(
    sample: Submission, typed: str
) -> None:
    [finding] = found(changed(sample, report_year=typed), "type")
    assert finding.severity is Severity.ERROR
    assert finding.message == f"Là năm học ({typed}), không phải một năm"
    assert finding.fix == "Ghi một năm, 4 chữ số: năm của hoạt động được báo cáo (2024 hoặc 2025)"
    [other] = found(changed(sample, report_year="năm nay"), "type")
    assert (
        other.fix == "Nhập số nguyên, chỉ gồm chữ số. Năm của hoạt động được báo cáo, ví dụ 2020."
    )
    [count] = found(changed(sample, staff_participants="2024-2025"), "type")  # not a year's field
    assert count.fix == "Nhập số nguyên, chỉ gồm chữ số, ví dụ 21"


def test_zero_sessions_is_a_warning_and_one_is_nothing(sample: Submission) -> None:
    zero = found(changed(sample, sessions=0), "not_zero")
    assert [f.severity for f in zero] == [Severity.WARNING]
    assert found(changed(sample, sessions=1), "not_zero") == []


def test_an_unknown_level_is_an_error_and_an_unknown_channel_a_warning(sample: Submission) -> None:
    level = found(changed(sample, level="Đại học"), "choice")
    assert [f.severity for f in level] == [Severity.ERROR]
    row = {"channel": "Bảng tin tổ dân phố", "activity": "Dán thông báo"}
    channel = found(with_rows(sample, "channels", [row]), "choice")
    assert [f.severity for f in channel] == [Severity.WARNING]


def test_a_cell_of_spaces_is_empty_not_a_wrong_value(sample: Submission) -> None:
    findings = validate(changed(sample, school_name="   ", sessions="  "))
    assert {(f.label, f.rule) for f in findings} == {
        ("Tên trường (đầy đủ)", "required"),
        ("Số lần tuyên truyền", "required"),
    }


def test_errors_come_before_warnings_whatever_their_sheets(sample: Submission) -> None:
    """A warning on the first sheet (the last recipient), an error on a later one (sessions)."""
    sub = with_rows(changed(sample, sessions=-1), "recipients", [{"name": "Phòng GD&ĐT"}])
    findings = validate(sub)
    assert [f.rule for f in findings] == ["bounds", "last_row"]


def test_the_checks_follow_the_schema_they_are_given(sample: Submission) -> None:
    """Validation reads a schema once and keeps what it read: a schema that differs (here the
    school name made optional) must get its own checks, before and after the school's own."""
    sheet, _ = SCHOOL.fields()["school_name"]
    relaxed_sheet = dataclasses.replace(
        sheet,
        fields=tuple(
            dataclasses.replace(f, required=False) if f.key == "school_name" else f
            for f in sheet.fields
        ),
    )
    relaxed = dataclasses.replace(
        SCHOOL, sheets=tuple(relaxed_sheet if s is sheet else s for s in SCHOOL.sheets)
    )
    blank = changed(sample, school_name=None)
    for _ in range(2):
        assert [f.rule for f in validate(blank, relaxed)] == []
        assert [f.rule for f in validate(blank, SCHOOL)] == ["required"]
