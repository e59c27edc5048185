"""A third round of shortcuts in the merge's per-file work (issue 14), each held to the code it
replaced (kept here as it was) or to the rule it stands for:

- ``validation._passes``: a whole number typed as one, within its field's bounds, is told to have
  nothing to check without ``_check_value``;
- ``choices.consonant_head`` and ``validation._unique_rows``: the heads of the consonants are taken
  first, their tails only for rows whose heads another row shares (``test_fast_paths`` and
  ``test_fast_paths_core`` hold ``_unique_rows`` to the old one).
"""

from __future__ import annotations

import math
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from outreach_xl.core.choices import consonant_ends, consonant_head
from outreach_xl.core.model import Cell, CellRef, coerce
from outreach_xl.core.validation import _check_value, _passes, _plan, validate
from outreach_xl.schema import LIMITS, SCHOOL, Field, Kind

# --- validation: a whole number in bounds -----------------------------------------------------


def old_passes(cell: Cell, spec: Any, more: bool, exact: frozenset[str]) -> bool:
    """``validation._passes`` before the shortcut."""
    raw = cell.raw
    if raw is None:
        return not spec.required
    if isinstance(raw, str):
        if not raw.strip():
            return not spec.required
        if "#" in raw:
            return False
    value = cell.value
    if value is None:
        return False
    if more:
        return value in exact
    return not isinstance(value, str) or len(value) < LIMITS.max_cell_chars


INT_CHECKS = [check for check in _plan(SCHOOL).field_checks if check[1].kind is Kind.INT]
NUMBERS = st.one_of(
    st.integers(-5, 2000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, 1.0, 2.5, -0.0, 1e15, 1e16, 10.0**LIMITS.max_int_digits, True, False]),
)
RAWS = st.one_of(
    NUMBERS,
    NUMBERS.map(str),
    st.sampled_from(["45 người", "1.200", " 12 ", "#REF!", "", " ", "mười", "12 học sinh"]),
    st.none(),
)
SPECS = st.builds(
    Field,
    key=st.just("n"),
    label=st.just("Số"),
    kind=st.just(Kind.INT),
    required=st.booleans(),
    min=st.one_of(st.none(), st.integers(-2, 3)),
    max=st.one_of(st.none(), st.integers(0, 1500)),
)


@settings(max_examples=1500, deadline=None)
@given(SPECS, RAWS)
def test_a_number_that_passes_has_nothing_to_check(spec: Field, raw: Any) -> None:
    cell = Cell(raw, coerce(Kind.INT, raw), CellRef("Thông tin chung", "C5"))
    passes = _passes(cell, spec, True, frozenset())
    assert not passes or not list(_check_value(cell, spec, SCHOOL, "Thông tin chung"))
    assert passes or not old_passes(cell, spec, True, frozenset())  # (it only adds passes)


def test_the_numbers_at_the_bounds() -> None:
    spec = Field("n", "Số", Kind.INT, min=1, max=10)

    def passes(raw: Any) -> bool:
        return _passes(Cell(raw, coerce(Kind.INT, raw)), spec, True, frozenset())

    assert passes(1.0) and passes(10.0) and passes(5)
    assert not passes(0.0) and not passes(11.0) and not passes(math.inf)
    assert not passes("5") and not passes("5 người") and not passes(True) and not passes(2.5)
    assert INT_CHECKS, "the school's template has whole-number fields"


@settings(max_examples=200, deadline=None)
@given(st.lists(RAWS, min_size=len(INT_CHECKS), max_size=len(INT_CHECKS)))
def test_the_findings_on_numbers_are_the_full_checks(raws: list[Any]) -> None:
    """``validate``'s findings on the school's whole-number fields are those of ``_check_value``
    run on every one of them."""
    from outreach_xl.core.model import Submission

    fields = {
        key: Cell(raw, coerce(Kind.INT, raw), CellRef(sheet, f"C{i + 5}"))
        for i, ((key, _, sheet, _, _), raw) in enumerate(zip(INT_CHECKS, raws, strict=True))
    }
    sub = Submission("a.xlsx", SCHOOL.template_id, SCHOOL.version, fields, {})
    checked = ("required", "formula_error", "type", "too_long", "bounds")  # (not the rules')
    found = {f for f in validate(sub) if f.cell and f.rule in checked}
    full = {
        f
        for (key, spec, sheet, _, _) in INT_CHECKS
        for f in _check_value(fields[key], spec, SCHOOL, sheet)
    }
    assert found == full


# --- validation: repeated rows, the heads first --------------------------------------------------

WORDS = st.sampled_from(
    ["Tuyên", "truyền", "  ", " ", "về", "ĐẢNG", "a", "e", "ơ", "Zalo", ".", "-", "1", "ồ", "đ",
     "\n", "Ưu", "\u0301", "中", "ß", "ﬁ", "ι"]
)  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(st.lists(WORDS, max_size=40).map("".join), st.integers(1, 20), st.integers(1, 60))
def test_the_head_is_the_first_end(text: str, size: int, window: int) -> None:
    assert consonant_head(text, size, window) == consonant_ends(text, size, window)[0]
    assert consonant_head(text) == consonant_ends(text)[0]
