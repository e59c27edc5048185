"""A second round of shortcuts in the merge's per-file work (issue 14), each held to the code it
replaced (kept here or in ``test_fast_paths``, as it was):

- ``choices.consonant_ends`` and ``validation._unique_rows``: rows are folded only when the ends
  of their consonants agree, taken from the ends of a long text without reading it through;
- ``parse._coerce`` (and its inline copy in ``parse._read_table``): a short text's value is
  remembered per kind, across workbooks (``test_fast_paths`` holds ``read_grids`` to the old one,
  twice on the same grids);
- ``validation._consonant_ends``: a short text's ends are remembered too.
"""

from __future__ import annotations

import sys
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from outreach_xl.core import parse, validation
from outreach_xl.core.choices import consonant_ends, consonants
from outreach_xl.core.model import Submission, coerce
from outreach_xl.core.parse import read_grids
from outreach_xl.core.validation import _unique_rows
from outreach_xl.files.reader import load_grids
from outreach_xl.schema import SCHOOL, TABLE_MARKER, Kind, UniqueRows
from test_fast_paths import (
    LONG,
    RAWS,
    SAMPLE,
    old_read_grids,
    old_unique_rows,
    repeats_among_results,
    rows_from_pool,
    texts,
)

# --- validation: repeated rows -------------------------------------------------------------------


def old_consonant_ends(text: str, size: int) -> tuple[bytes, bytes]:
    whole = consonants(text)
    return whole[:size], whole[-size:]


ODD = st.text(max_size=30)  # any character, marks and other scripts too


@settings(max_examples=800, deadline=None)
@given(
    st.lists(st.one_of(texts(), LONG, ODD), min_size=1, max_size=4).map("".join),
    st.integers(1, 40),
    st.integers(1, 80),
)
def test_consonant_ends_are_the_ends_of_the_consonants(text: str, size: int, window: int) -> None:
    assert consonant_ends(text, size, window) == old_consonant_ends(text, size)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(texts(), ODD), min_size=2, max_size=6), st.integers(0, 5))
def test_consonants_of_a_text_are_those_of_its_parts(parts: list[str], form: int) -> None:
    """What ``consonant_ends`` stands on: a text cut anywhere (inside a word, between a letter
    and its mark) has the consonants of its parts, one after the other."""
    text = "".join(parts)
    if form:
        text = unicodedata.normalize(("NFC", "NFD", "NFKC", "NFKD", "NFC")[form - 1], text)
    for cut in range(len(text) + 1):
        assert consonants(text) == consonants(text[:cut]) + consonants(text[cut:])


def test_consonants_of_every_character_do_not_depend_on_its_neighbours() -> None:
    """Every character, between a Vietnamese letter and a mark, gives the consonants it gives
    alone."""
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        assert consonants(f"Bư{char}\u0301t") == b"b" + consonants(char) + b"t", hex(code)


LONG_ITEMS = st.builds(
    lambda head, middle, tail: f"{head} {middle} {tail}",
    texts(60),
    st.one_of(LONG, st.just("")),
    texts(60),
)


@st.composite
def long_rows_with_repeats(draw: st.DrawFn) -> Submission:
    """Tables of long texts (past the windows ``consonant_ends`` reads), retyped, or alike at
    their start or end only."""
    pool = draw(st.lists(LONG_ITEMS, min_size=1, max_size=4))
    pool += [f"{pool[0]} khác", f"Khác {pool[0]}", "a" * 200, None]
    return rows_from_pool(draw, pool, 8)


@settings(max_examples=150, deadline=None)
@given(long_rows_with_repeats())
def test_repeated_long_rows_are_the_old_ones(sub: Submission) -> None:
    fields, tables = SCHOOL.fields(), SCHOOL.tables()
    for rule in SCHOOL.rules:
        if isinstance(rule, UniqueRows):
            assert list(_unique_rows(rule, sub, fields, tables)) == list(old_unique_rows(rule, sub))


def test_long_rows_retyped_are_repeats() -> None:
    text = "Tuyên truyền về chủ quyền biển đảo Việt Nam " * 5 + "cho học sinh toàn trường"
    rows = [
        text,
        unicodedata.normalize("NFD", text.upper()) + ".",
        text.replace(" ", "  "),
        text + " lớp 9",
        "lớp 9 " + text,
    ]
    assert len(repeats_among_results(rows)) == 2


# --- parse: the values of short texts ------------------------------------------------------------

SHORT = st.one_of(
    st.sampled_from(["12", " 12 ", "1.200", "01/02/2024", "2024-02-01", "Zalo", "#REF!", "", " "]),
    st.text(max_size=70),
    RAWS,
)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(list(Kind)), SHORT), min_size=1, max_size=20))
def test_a_short_texts_value_is_remembered_for_its_kind(cells: list[tuple[Kind, object]]) -> None:
    """The same texts again and again, and each under every kind: each time ``coerce``'s value."""
    raws = [raw for _, raw in cells]
    for kind, raw in [*cells, *cells, *((kind, raw) for kind in Kind for raw in raws)]:
        got = parse._coerce(parse._short_values(kind), kind, raw)
        want = coerce(kind, raw)
        assert got == want and type(got) is type(want), (kind, raw)


def test_the_values_remembered_are_bounded() -> None:
    memo = parse._short_values(Kind.TEXT)
    for number in range(2 * parse._SHORT_KEPT + 5):
        assert parse._coerce(memo, Kind.TEXT, f" văn bản {number} ") == f"văn bản {number}"
        assert len(memo) <= parse._SHORT_KEPT
    long = "x" * (parse._SHORT + 1)
    assert parse._coerce(memo, Kind.TEXT, long) == long and long not in memo


@pytest.mark.parametrize("text", ["7", " 07 ", "01/02/2024", "Zalo", "Khác", "#N/A"])
def test_a_text_in_columns_of_every_kind_has_each_ones_value(text: str) -> None:
    """The same short text typed in every column of a row below each table (choices, texts,
    numbers, dates), and in every field, read twice: the old parse's values each time."""
    grids = load_grids(SAMPLE)
    for grid in grids.values():
        for index, row in enumerate(grid):
            if str(row[0]).startswith(TABLE_MARKER):
                grid.insert(index + 1, [None, *[text] * (len(row) - 1)])
                break
        for row in grid:
            if isinstance(row[0], str) and row[0] and not row[0].startswith(TABLE_MARKER):
                row[2:3] = [text]
    want = old_read_grids(grids, "a.xlsx")
    assert read_grids(grids, "a.xlsx") == want
    assert read_grids(grids, "a.xlsx") == want


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(), SHORT, LONG), min_size=1, max_size=20))
def test_the_ends_of_short_texts_are_remembered_as_they_are(values: list[object]) -> None:
    for value in [*values, *values]:
        want = consonant_ends(str(value)) if value is not None else (b"", b"")
        assert validation._consonant_ends(value) == want, value


def test_the_ends_remembered_are_bounded() -> None:
    for number in range(2 * validation._ENDS_KEPT + 5):
        assert validation._consonant_ends(f"kênh {number}") == consonant_ends(f"kênh {number}")
        assert len(validation._ENDS) <= validation._ENDS_KEPT
    long = "x" * (validation._SHORT + 1)
    assert validation._consonant_ends(long) == consonant_ends(long)
    assert long not in validation._ENDS
