"""Property tests on the pure core: whatever the cells hold, reading and validating give findings,
never an exception."""

from __future__ import annotations

import copy
import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from outreach_xl.core.model import EXCEL_ERRORS
from outreach_xl.core.parse import read_grids
from outreach_xl.core.validation import validate
from outreach_xl.demo.sample import my_an_2020
from outreach_xl.files.reader import load_grids, read_file
from outreach_xl.schema import SCHOOL, TABLE_MARKER
from outreach_xl.xlsx.builder import build_workbook
from support import soffice_convert

ANY_CELL = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.times(),
    st.sampled_from(sorted(EXCEL_ERRORS)),
    st.sampled_from(["", "  ", "21", "1.200", "29/12/2020", "=1+1", "Khác", "Lưu: VT."]),
)


@pytest.fixture(scope="module")
def sample_grids(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    path = tmp_path_factory.mktemp("g") / "s.xlsx"
    path.write_bytes(build_workbook(SCHOOL, my_an_2020()))
    return load_grids(path)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_validator_never_raises_on_any_cell_values(
    sample_grids: dict[str, Any], data: st.DataObject
) -> None:
    grids = copy.deepcopy(sample_grids)
    sheets = [s.name for s in SCHOOL.input_sheets()]
    for _ in range(data.draw(st.integers(1, 25))):
        grid = grids[data.draw(st.sampled_from(sheets))]
        row = data.draw(st.integers(0, len(grid) + 3))
        col = data.draw(st.integers(2, 4))  # values and table columns, never the key column
        while len(grid) <= row:
            grid.append([None] * 5)
        if str(grid[row][0]).startswith(TABLE_MARKER):
            continue  # header labels are the template's structure, not cell values
        while len(grid[row]) <= col:
            grid[row].append(None)
        grid[row][col] = data.draw(ANY_CELL)
    findings = validate(read_grids(grids, "bat-ky.xlsx"))
    for finding in findings:
        assert finding.message and finding.fix and finding.sheet


@given(st.lists(st.one_of(st.none(), st.text(max_size=5)), max_size=4))
def test_blank_or_short_grids_give_a_clear_error_not_a_crash(row: list[Any]) -> None:
    from outreach_xl.errors import OutreachError

    grids = {"Thông tin mẫu": [row], "Khác": [row]}
    with pytest.raises(OutreachError):
        read_grids(grids, "rong.xlsx")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice (soffice)")
def test_workbook_resaved_by_libreoffice_calc_reads_the_same(tmp_path: Path) -> None:
    src = tmp_path / "in" / "mau.xlsx"
    src.parent.mkdir()
    src.write_bytes(build_workbook(SCHOOL, my_an_2020()))
    resaved = soffice_convert(src, "xlsx:Calc MS Excel 2007 XML", tmp_path)
    assert resaved.read_bytes() != src.read_bytes()
    assert read_file(resaved).data() == my_an_2020()
    assert validate(read_file(resaved)) == []


def test_dates_survive_as_dates_not_times() -> None:
    assert isinstance(my_an_2020().values["report_date"], dt.date)
