"""Reading a built workbook gives back the data it was built from, for any valid data."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from outreach_xl.core.legacy_text import unicode_of
from outreach_xl.core.model import SchoolData
from outreach_xl.core.parse import read_grids
from outreach_xl.files.reader import load_grids
from outreach_xl.schema import SCHOOL, Column, Field, Kind
from outreach_xl.xlsx.builder import build_workbook

ALPHABET = (
    "abcdeghiklmnopqrstuvxyĂÂĐÊÔƠƯăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
    "ABCDEGHIKLMNOPQRSTUVXYZ0123456789 .,;:-–()/&<>\"'=+@%"
)


def _text(spec: Field | Column) -> st.SearchStrategy[Any]:
    """Text that is already clean by construction (words joined by single spaces, lines by line
    breaks), so what must come back is the text itself: no oracle computed with ``clean_text``."""
    word = st.text(ALPHABET.replace(" ", ""), min_size=1, max_size=12)
    # (not a line the reader takes for text typed in an old 8-bit font, which it reads as the
    # Unicode it stands for: ``test_legacy_text``; random letters can look so, as ``bÊ``)
    line = st.lists(word, min_size=1, max_size=6).map(" ".join).filter(_not_legacy)
    if spec.kind is Kind.LONGTEXT:
        return st.lists(line, min_size=1, max_size=3).map("\n".join)
    return line


def _not_legacy(line: str) -> bool:
    return unicode_of(line) is None


def _value(spec: Field | Column) -> st.SearchStrategy[Any]:
    if spec.kind is Kind.INT:
        low = spec.min if spec.min is not None else 0
        high = spec.max if spec.max is not None else 10**6
        return st.integers(low, high)
    if spec.kind is Kind.DATE:
        return st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31))
    if spec.kind is Kind.CHOICE and spec.choices:
        return st.sampled_from(SCHOOL.choice_list(spec.choices).labels())
    return _text(spec)


def _maybe(spec: Field | Column) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), _value(spec))


@st.composite
def school_data(draw: st.DrawFn) -> SchoolData:
    values = {key: draw(_maybe(spec)) for key, (_, spec) in SCHOOL.fields().items()}
    tables = {}
    for key, (_, table) in SCHOOL.tables().items():
        rows = draw(st.lists(st.fixed_dictionaries({c.key: _maybe(c) for c in table.columns})))
        tables[key] = [r for r in rows if any(v is not None for v in r.values())]
    return SchoolData(values, tables)


def _read_back(data: SchoolData) -> SchoolData:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_filelike(io.BytesIO(build_workbook(SCHOOL, data)))
    grids = {
        n: book.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in book.sheet_names
    }
    return read_grids(grids, "roundtrip.xlsx").data()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(school_data())
def test_read_back_equals_built_data(data: SchoolData) -> None:
    back = _read_back(data)
    assert back.values == data.values
    assert back.tables == data.tables


def test_sample_round_trips_through_a_file(tmp_path, sample) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "s.xlsx"
    path.write_bytes(build_workbook(SCHOOL, sample))
    back = read_grids(load_grids(path), path.name).data()
    assert back == sample
