"""The roll-up workbook: text stays text, figures round-trip, output is deterministic."""

from __future__ import annotations

import datetime as dt
import hashlib

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from outreach_xl import read_district, rollup_folder
from outreach_xl.core.merge import RegisteredSchool
from outreach_xl.demo.district import SCHOOLS, school_data, with_mistakes
from outreach_xl.errors import OutputError
from outreach_xl.schema import SCHOOL
from outreach_xl.xlsx.builder import build_workbook
from outreach_xl.xlsx.rollup_workbook import (
    CHART_SHEET,
    ROLLUP_SHEET,
    STATUS_SHEET,
    rows_from_grid,
    write_rollup,
)

HOSTILE = {
    "school_code": "=1+1",
    "school_name": '=HYPERLINK("http://x","bấm")',
    "commune": "+84 Mỹ An",
    "doc_symbol": "-BC",
}


@pytest.fixture
def hostile_rollup(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    data = with_mistakes(school_data(SCHOOLS[0]), **HOSTILE)
    (folder / "@evil.xlsx").write_bytes(build_workbook(SCHOOL, data))
    return rollup_folder(folder, (RegisteredSchool("=1+1", "@SUM(A1)", commune="-x"),))


def test_formula_looking_text_stays_text(hostile_rollup, tmp_path) -> None:
    out = write_rollup(hostile_rollup, tmp_path / "out.xlsx")
    book = openpyxl.load_workbook(out)
    seen = 0
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value[:1] in "=+-@":
                    assert cell.data_type == "s", (ws.title, cell.coordinate, cell.value)
                    seen += 1
    assert seen >= 5  # code, name, commune (table and tracker), file name
    table = book[ROLLUP_SHEET]
    values = {c.value for row in table.iter_rows() for c in row}
    assert {"=1+1", "@SUM(A1)", "+84 Mỹ An", "@evil.xlsx"} <= values


def test_the_table_reads_back_as_the_rollup_rows(demo, tmp_path) -> None:
    register, folder = demo
    rollup = rollup_folder(folder, read_district(register).register, workers=1)
    out = write_rollup(rollup, tmp_path / "out.xlsx")
    book = CalamineWorkbook.from_path(str(out))
    assert book.sheet_names == [ROLLUP_SHEET, STATUS_SHEET, CHART_SHEET]
    rows = rows_from_grid(book.get_sheet_by_name(ROLLUP_SHEET).to_python(skip_empty_area=False))
    assert len(rows) == len(rollup.rows)
    for got, want in zip(rows, rollup.rows, strict=True):
        for key, value in want.items():
            if isinstance(value, float):
                assert got[key] == pytest.approx(value)
            else:
                assert got[key] == value, key
    assert any(isinstance(r["report_date"], dt.date) for r in rows)


def test_the_totals_row_holds_the_totals(demo, tmp_path) -> None:
    register, folder = demo
    rollup = rollup_folder(folder, read_district(register).register, year=2020, workers=1)
    out = write_rollup(rollup, tmp_path / "out.xlsx")
    ws = openpyxl.load_workbook(out)[ROLLUP_SHEET]
    total_row = next(r for r in ws.iter_rows() if str(r[0].value).startswith("Tổng cộng"))
    assert total_row[0].value == "Tổng cộng (5 trường có báo cáo hợp lệ)"
    keys = [c.value for c in next(ws.iter_rows(min_row=3, max_row=3))]
    got = {k: c.value for k, c in zip(keys, total_row, strict=False)}
    # by hand: Mỹ An 21, Long Thượng 18, Mỹ Phú 35, Bình Thạnh 24, Mỹ Thạnh 15
    assert got["staff_participants"] == rollup.totals["staff_participants"] == 113
    assert got["channel_corner"] == rollup.totals["channel_corner"]
    assert got["pupil_rate"] == pytest.approx(rollup.totals["pupil_rate"])
    assert ws.freeze_panes == "D6"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage


def test_output_is_deterministic_and_never_overwritten_silently(demo, tmp_path) -> None:
    register, folder = demo
    rollup = rollup_folder(folder, read_district(register).register, workers=1)
    a = write_rollup(rollup, tmp_path / "a.xlsx")
    b = write_rollup(rollup, tmp_path / "b.xlsx")
    assert hashlib.sha256(a.read_bytes()).digest() == hashlib.sha256(b.read_bytes()).digest()
    with pytest.raises(OutputError):
        write_rollup(rollup, a)
    write_rollup(rollup, a, force=True)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".~")] == []


def test_the_workbook_has_native_charts(demo, tmp_path) -> None:
    register, folder = demo
    rollup = rollup_folder(folder, read_district(register).register, workers=1)
    out = write_rollup(rollup, tmp_path / "out.xlsx")
    import zipfile

    names = zipfile.ZipFile(out).namelist()
    assert sum(1 for n in names if n.startswith("xl/charts/chart")) == 2


RICH_LOOKING = {"school_name": "<r>Trường A&B</r>", "commune": "<r>x < y</r>"}


def test_text_shaped_like_rich_text_markup_is_written_as_text(tmp_path) -> None:
    """XlsxWriter writes ``<r>...</r>`` unescaped: the school's workbook and the roll-up must
    still open, and show the text as typed."""
    folder = tmp_path / "in"
    folder.mkdir()
    data = with_mistakes(school_data(SCHOOLS[0]), **RICH_LOOKING)
    (folder / "rich.xlsx").write_bytes(build_workbook(SCHOOL, data))
    code = data.values["school_code"]
    registered = (RegisteredSchool(code, "<r>Tên & mã</r>", commune="<r>y</r>"),)
    rollup = rollup_folder(folder, registered)
    assert len(rollup.rows) == 1  # the school's file was read
    out = write_rollup(rollup, tmp_path / "out.xlsx")
    for values in (_openpyxl_texts(out), _calamine_texts(out)):
        assert {"<r>Trường A&B</r>", "<r>x < y</r>"} <= values


def _openpyxl_texts(path) -> set[str]:
    book = openpyxl.load_workbook(path, read_only=True)
    return {v for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row
            if isinstance(v, str)}  # fmt: skip


def _calamine_texts(path) -> set[str]:
    book = CalamineWorkbook.from_path(str(path))
    return {v for name in book.sheet_names
            for row in book.get_sheet_by_name(name).to_python() for v in row
            if isinstance(v, str)}  # fmt: skip
