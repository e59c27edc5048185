"""The schema is consistent: unique keys and names, limits Excel imposes on names and messages."""

from __future__ import annotations

import re

import pytest

from outreach_xl.schema import DISTRICT, ROLLUP_COLUMNS, SCHOOL, Kind, WorkbookSchema

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
