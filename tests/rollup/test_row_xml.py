"""The roll-up's data rows written as XML by ``_RowWriter`` are byte for byte what XlsxWriter's
own calls, cell by cell, write for the same rows (the reference: the writer with the XML path off),
on generated rows of every kind of value: texts with edge spaces, ``&<>``, control characters and
``_xHHHH_`` look-alikes, rich-text look-alikes, over-long texts, numbers, dates, marks, blanks."""

from __future__ import annotations

import datetime as dt
import zipfile
from io import BytesIO
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from outreach_xl import read_district, rollup_folder
from outreach_xl.core.merge import ROW_LABELS, FileStatus, SchoolStatus, StatusEntry, rollup_of
from outreach_xl.schema import ROLLUP_COLUMNS, CellKind
from outreach_xl.xlsx import rollup_workbook
from outreach_xl.xlsx.rollup_workbook import rollup_bytes

EDGES = ["  lề", "cuối  ", "a & b < c > d", "_x0041_", "x\x01y\x1f", "<r>a</r>", "<r>b & c</r>",
         "\ufffe", "dòng 1\ndòng 2", "=1+1", " "]  # fmt: skip
TEXTS = st.one_of(
    st.text(max_size=30),
    st.sampled_from(EDGES),
    st.text(alphabet="ab_x0123456789ABCDEF\t\n\x02 &<>", max_size=40),
    st.builds(lambda n, c: c * n, st.integers(16380, 16400), st.sampled_from(["a", "ệ", "😀"])),
)
NUMBERS = st.one_of(st.integers(-(10**12), 10**12), st.floats(-1e9, 1e9, allow_nan=False))
BLANK = st.sampled_from([None, "", False])
BY_KIND = {  # what a column of each kind may hold (the chart sheet takes rates as numbers)
    CellKind.TEXT: st.one_of(TEXTS, BLANK, st.sampled_from([True, 7, 2.5, dt.date(2020, 2, 29)])),
    CellKind.INT: st.one_of(st.integers(0, 10**6), NUMBERS, BLANK),
    CellKind.RATE: st.one_of(st.floats(0, 3, allow_nan=False), st.none()),
    CellKind.DATE: st.one_of(st.dates(), st.datetimes(), BLANK),
    CellKind.MARK: st.sampled_from([True, 1, "x", None, False]),
    CellKind.CHANGE: st.one_of(st.integers(-1000, 1000), BLANK),
}


@st.composite
def rows(draw: st.DrawFn) -> dict[str, Any]:
    row = {col.key: draw(BY_KIND[col.kind]) for col in ROLLUP_COLUMNS}
    row["status"] = draw(st.sampled_from([*ROW_LABELS.values(), None, "?"]))
    return row


ENTRIES = st.builds(
    StatusEntry,
    st.sampled_from([*SchoolStatus, *FileStatus]),
    TEXTS,
    TEXTS,
    TEXTS,
    st.one_of(st.none(), st.integers(0, 99)),
    st.one_of(st.none(), st.integers(0, 99)),
    TEXTS,
)


def cell_by_cell(rollup: Any, monkeypatch: pytest.MonkeyPatch) -> bytes:
    """The reference: the same workbook with every data cell through XlsxWriter's own calls."""
    with monkeypatch.context() as patch:
        patch.setattr(rollup_workbook, "_writes_row_xml", lambda ws: False)
        return rollup_bytes(rollup, "Phòng Giáo dục & Đào tạo", "UBND")


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(rows(), max_size=6),
    st.lists(ENTRIES, max_size=4),
    st.lists(ENTRIES, max_size=4),
    st.sampled_from([None, 2020]),
)
def test_rows_as_xml_are_what_xlsxwriter_writes(table, schools, files, year) -> None:
    rollup = rollup_of(tuple(table), tuple(schools), tuple(files), year)
    with pytest.MonkeyPatch.context() as monkeypatch:
        reference = cell_by_cell(rollup, monkeypatch)
    ours = rollup_bytes(rollup, "Phòng Giáo dục & Đào tạo", "UBND")
    assert parts(ours) == parts(reference)
    assert ours == reference


def test_a_real_rollup_goes_the_xml_way_and_reads_the_same(
    demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    register, folder = demo
    rollup = rollup_folder(folder, read_district(register).register, year=2020, workers=1)
    by_cells: list[int] = []
    real = rollup_workbook._RowWriter._write_cells
    with monkeypatch.context() as patch:

        def counted(self: Any, row: int, values: Any, fill: str) -> None:
            by_cells.append(row)
            real(self, row, values, fill)

        patch.setattr(rollup_workbook._RowWriter, "_write_cells", counted)
        ours = rollup_bytes(rollup, "Phòng Giáo dục & Đào tạo", "UBND")
    # Every data row of both sheets went the XML way but the tracker's last (held by XlsxWriter
    # until the workbook closes).
    assert len(by_cells) == 1
    assert ours == cell_by_cell(rollup, monkeypatch)
