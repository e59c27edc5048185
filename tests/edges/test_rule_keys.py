"""Every key a schema rule names is a field, table or column of its workbook, of the right kind.

A rule naming a misspelt key never fires (the value it reads is always empty), and no other test
would notice: the workbook just stops being checked.
"""

from __future__ import annotations

import dataclasses

import pytest

from outreach_xl.schema import DISTRICT, SCHOOL, Kind, WorkbookSchema

# Which attributes of a rule name what, and the kinds a named field may have.
FIELD_ATTRIBUTES = {
    "key": None,  # any kind; the rule type decides (below)
    "part": {Kind.INT},
    "whole": {Kind.INT},
    "year": {Kind.INT},
    "earlier": {Kind.DATE},
    "later": {Kind.DATE},
}
KEY_KINDS = {  # rule type name -> kinds its ``key`` field may have
    "Pattern": {Kind.TEXT},
    "PrefixIn": {Kind.TEXT},
    "DateInYear": {Kind.DATE},
    "NotZero": {Kind.INT},
}
TABLE_ATTRIBUTES = ("table",)
COLUMN_ATTRIBUTES = ("column", "columns")


def _named(schema: WorkbookSchema) -> list[tuple[object, str, str]]:
    """(rule, attribute, what it names) for every name in every rule."""
    out = []
    for rule in schema.rules:
        for f in dataclasses.fields(rule):  # type: ignore[arg-type]
            value = getattr(rule, f.name)
            if f.name in FIELD_ATTRIBUTES or f.name in TABLE_ATTRIBUTES:
                out.append((rule, f.name, value))
            elif f.name in COLUMN_ATTRIBUTES:
                out += [(rule, f.name, v) for v in ((value,) if isinstance(value, str) else value)]
    return out


@pytest.mark.parametrize("schema", [SCHOOL, DISTRICT], ids=lambda s: s.template_id)
def test_every_rule_names_existing_fields_tables_and_columns(schema: WorkbookSchema) -> None:
    fields = schema.fields()
    tables = schema.tables()
    for rule, attribute, name in _named(schema):
        where = f"{type(rule).__name__}.{attribute} = {name!r}"
        if attribute in FIELD_ATTRIBUTES:
            assert name in fields, f"{where}: no such field in {schema.template_id}"
            kinds = FIELD_ATTRIBUTES[attribute] or KEY_KINDS.get(type(rule).__name__)
            if kinds:
                assert fields[name][1].kind in kinds, f"{where}: a {fields[name][1].kind} field"
        elif attribute in TABLE_ATTRIBUTES:
            assert name in tables, f"{where}: no such table in {schema.template_id}"
        else:
            table = tables[rule.table][1]  # type: ignore[attr-defined]
            assert name in {c.key for c in table.columns}, f"{where}: no such column"


@pytest.mark.parametrize("schema", [SCHOOL, DISTRICT], ids=lambda s: s.template_id)
def test_every_rule_names_something(schema: WorkbookSchema) -> None:
    """The check above is not vacuous: each rule's names are found by it."""
    named = {id(rule) for rule, _, _ in _named(schema)}
    for rule in schema.rules:
        assert id(rule) in named, f"{rule!r} names nothing this test knows: teach it the attribute"
