"""A worker process that dies (a native abort in the spreadsheet reader) costs only its file: the
file is marked unreadable with a reason and the merge goes on with fresh workers. The guard makes
such aborts unreachable from known inputs, so the death is simulated: the reading function is
replaced, in the parent, by one that aborts on some files; forked workers inherit it."""

from __future__ import annotations

import faulthandler
import multiprocessing
import os
from pathlib import Path

import pytest

from hostile.corpus import sample_bytes
from outreach_xl.core.merge import FileStatus
from outreach_xl.files import folder as collect
from outreach_xl.schema import LIMITS, SCHOOL, Kind

pytestmark = pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork", reason="workers must inherit the patched reader"
)


def test_a_dead_worker_costs_only_its_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = collect.load_grids

    def abort_on_crash(path: Path, sheets: object = None) -> object:
        if "crash" in Path(path).name:
            faulthandler.disable()  # pytest's handler would print the abort into the test log
            os.abort()
        return real(path, sheets)  # type: ignore[arg-type]

    monkeypatch.setattr(collect, "load_grids", abort_on_crash)
    monkeypatch.setattr(collect, "PARALLEL_FROM", 4)
    monkeypatch.setattr(collect, "CHUNK", 3)
    data = sample_bytes()
    for i in range(10):
        (tmp_path / f"s{i:02d}.xlsx").write_bytes(data)
    for name in ("s03-crash.xlsx", "s07-crash.xlsx"):
        (tmp_path / name).write_bytes(data)
    results = {r.file: r for r in collect.collect(tmp_path, workers=2)}
    assert len(results) == 12
    for name in ("s03-crash.xlsx", "s07-crash.xlsx"):
        assert results[name].failure is FileStatus.UNREADABLE
        assert "bị dừng đột ngột" in results[name].reason and "Cách sửa" in results[name].reason
    assert all(r.summary is not None for n, r in results.items() if "crash" not in n)


def test_every_whole_number_in_the_schema_is_bounded() -> None:
    """Bounds belong in the schema: every INT field and column has a minimum and a maximum, and
    no maximum needs more digits than a figure may have."""
    specs = [f for _, f in SCHOOL.fields().values()] + [
        c for _, t in SCHOOL.tables().values() for c in t.columns
    ]
    whole = [s for s in specs if s.kind is Kind.INT]
    assert whole
    for spec in whole:
        assert spec.min is not None and spec.max is not None, spec.key
        assert spec.max < 10**LIMITS.max_int_digits


def test_the_grid_is_wide_enough_for_every_sheet_we_read() -> None:
    from outreach_xl.core.merge import Rollup
    from outreach_xl.schema import rollup_columns
    from outreach_xl.xlsx.rollup_workbook import meta_cells

    # The widest sheet read back: a compared roll-up, its key row's metadata after the columns.
    widest = len(rollup_columns(with_previous=True)) + len(
        meta_cells(Rollup((), {}, {}, {}, {}, (), ()), "", "")
    )
    assert LIMITS.max_cols >= widest + 10  # plus room for columns a user inserts


def test_figures_past_fifteen_digits_are_not_numbers_but_bounds_findings() -> None:
    from outreach_xl.core.model import Cell, to_int
    from outreach_xl.core.validation import _past_limits

    assert to_int("9" * 15) == 10**15 - 1
    assert to_int("1" * 16) is None and to_int("1" * 5000) is None
    assert to_int(1e300) is None and to_int(float("inf")) is None
    staff = SCHOOL.fields()["staff_total"][1]
    for raw in ("1" * 5000, 1e300, float("inf"), "1e400", "1.000.000.000.000.000"):
        finding = _past_limits(Cell(raw, None), staff, "Thông tin chung")
        assert finding is not None and finding.rule == "bounds", raw
        assert "Số quá lớn (tối đa 100000)" in finding.message
    for raw in (float("nan"), "hai mươi", "1.5", True):
        assert _past_limits(Cell(raw, None), staff, "Thông tin chung") is None
