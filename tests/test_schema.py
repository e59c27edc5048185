"""The schema is consistent: unique keys and names, limits Excel imposes on names and messages."""

from __future__ import annotations

import dataclasses
import re

import pytest

from outreach_xl.schema import (
    DISTRICT,
    ROLLUP_COLUMNS,
    SCHOOL,
    SUM,
    CellKind,
    Kind,
    Rate,
    Words,
    WorkbookSchema,
)

SCHEMAS = [SCHOOL, DISTRICT]


@pytest.mark.parametrize("schema", SCHEMAS, ids=lambda s: s.template_id)
def test_keys_and_names_are_unique(schema: WorkbookSchema) -> None:
    keys = [f.key for s in schema.sheets for f in s.fields]
    assert len(keys) == len(set(keys))
    assert len({s.name for s in schema.sheets}) == len(schema.sheets)
    assert len(set(schema.code_names())) == len(schema.code_names())
    tables = [s.table for s in schema.sheets if s.table]
    assert len({t.name for t in tables}) == len(tables)


@pytest.mark.parametrize("schema", SCHEMAS, ids=lambda s: s.template_id)
def test_names_fit_excel_rules(schema: WorkbookSchema) -> None:
    for sheet in schema.sheets:
        assert len(sheet.name) <= 31 and not re.search(r"[\\/?*\[\]:]", sheet.name)
        assert re.fullmatch(r"Sheet\d+", sheet.code_name)
        if sheet.table:
            assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", sheet.table.name)
    for lst in schema.lists:
        assert re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", lst.name)
        assert all(len(c.label) <= 255 for c in lst.choices)


@pytest.mark.parametrize("schema", SCHEMAS, ids=lambda s: s.template_id)
def test_choices_refer_to_lists_of_the_schema(schema: WorkbookSchema) -> None:
    specs = [f for s in schema.sheets for f in s.fields]
    specs += [c for s in schema.sheets if s.table for c in s.table.columns]
    for spec in specs:
        if spec.kind is Kind.CHOICE:
            assert spec.choices is not None
            schema.choice_list(spec.choices)  # raises KeyError when missing


def test_rollup_columns_are_unique() -> None:
    keys = [c.key for c in ROLLUP_COLUMNS]
    assert len(keys) == len(set(keys))


# --- Rules: their words use only what the validator fills (the keys they name: tests/edges) ----


@pytest.mark.parametrize("schema", SCHEMAS, ids=lambda s: s.template_id)
def test_rule_words_use_only_what_the_validator_fills(schema: WorkbookSchema) -> None:
    for rule in schema.rules:
        for spec in dataclasses.fields(rule):
            words = getattr(rule, spec.name)
            if isinstance(words, Words):
                assert words.message and words.fix, f"{rule!r}: {spec.name} says nothing"
                unknown = words.names() - set(rule.fills)
                assert not unknown, f"{type(rule).__name__}.{spec.name} uses {unknown}"


def test_rates_divide_two_summed_columns_of_the_rollup() -> None:
    summed = {c.key for c in ROLLUP_COLUMNS if c.total == SUM}
    rates = [c.total for c in ROLLUP_COLUMNS if isinstance(c.total, Rate)]
    assert rates and all({r.part, r.whole} <= summed for r in rates), rates
    assert all(c.kind is CellKind.RATE for c in ROLLUP_COLUMNS if isinstance(c.total, Rate))
