"""Every key a schema rule names is a field, table or column of its workbook, of the right kind.

A rule naming a misspelt key never fires (the value it reads is always empty), and no other test
would notice: the workbook just stops being checked. What a rule's attribute names is its type in
``schema.types``: ``FieldKey``, ``TableKey`` or ``ColumnKey``, so a new rule type is checked too.
"""

from __future__ import annotations

import dataclasses

import pytest

from outreach_xl.schema import (
    DISTRICT,
    SCHOOL,
    Kind,
    MinRows,
    NotGreater,
    Rule,
    UniqueRows,
    Words,
    WorkbookSchema,
)

# The kinds a named field may have, by the rule's attribute (``key``: by the rule type, below).
FIELD_KINDS = {
    "part": {Kind.INT},
    "whole": {Kind.INT},
    "year": {Kind.INT},
    "earlier": {Kind.DATE},
    "later": {Kind.DATE},
}
KEY_KINDS = {  # rule type name -> kinds its ``key`` field may have
    "Pattern": {Kind.TEXT},
    "PrefixIn": {Kind.TEXT},
    "SignsAlone": {Kind.TEXT},
    "DateInYear": {Kind.DATE},
    "NotZero": {Kind.INT},
    "NotADate": {Kind.INT},
}


def named(rule: Rule) -> list[tuple[str, str, str]]:
    """(attribute, what it names: field, table or column, the key) for every key a rule names,
    found by the attribute's type."""
    out = []
    for f in dataclasses.fields(rule):
        value, kind = getattr(rule, f.name), str(f.type)
        if kind == "FieldKey":
            out.append((f.name, "field", value))
        elif "FieldKey" in kind:  # tuple[FieldKey, ...]
            out += [(f.name, "field", v) for v in value]
        elif kind == "TableKey":
            out.append((f.name, "table", value))
        elif "ColumnKey" in kind:
            out += [(f.name, "column", v) for v in ((value,) if isinstance(value, str) else value)]
    return out


def wrong(rule: Rule, schema: WorkbookSchema) -> list[str]:
    """What is wrong with the keys a rule names, in ``schema``."""
    fields, tables = schema.fields(), schema.tables()
    found = []
    for attribute, what, key in named(rule):
        where = f"{type(rule).__name__}.{attribute} = {key!r}"
        if what == "field":
            if key not in fields:
                found.append(f"{where}: no such field in {schema.template_id}")
                continue
            kinds = FIELD_KINDS.get(attribute) or KEY_KINDS.get(type(rule).__name__)
            if kinds and fields[key][1].kind not in kinds:
                found.append(f"{where}: a {fields[key][1].kind.value} field")
        elif what == "table":
            if key not in tables:
                found.append(f"{where}: no such table in {schema.template_id}")
        else:
            table = tables.get(getattr(rule, "table", ""))
            if table is None or key not in {c.key for c in table[1].columns}:
                found.append(f"{where}: no such column")
    return found


@pytest.mark.parametrize("schema", [SCHOOL, DISTRICT], ids=lambda s: s.template_id)
def test_every_rule_names_existing_fields_tables_and_columns(schema: WorkbookSchema) -> None:
    problems = [p for rule in schema.rules for p in wrong(rule, schema)]
    assert not problems, problems


@pytest.mark.parametrize("schema", [SCHOOL, DISTRICT], ids=lambda s: s.template_id)
def test_every_rule_names_something(schema: WorkbookSchema) -> None:
    """The check above is not vacuous: each rule's names are found by it."""
    for rule in schema.rules:
        assert named(rule), f"{rule!r} names nothing: give its key attributes a key type"


def test_a_misspelt_key_is_caught() -> None:
    """The check itself: a misspelt field, table or column, and a field of the wrong kind."""
    words = Words("", "")
    assert wrong(NotGreater("staff_participants", "staff_totl", words=words), SCHOOL) == [
        "NotGreater.whole = 'staff_totl': no such field in outreach-xl/truong"
    ]
    assert wrong(NotGreater("school_name", "staff_total", words=words), SCHOOL) == [
        "NotGreater.part = 'school_name': a text field"
    ]
    assert wrong(MinRows("chanels", words=words), SCHOOL) == [
        "MinRows.table = 'chanels': no such table in outreach-xl/truong"
    ]
    rule = UniqueRows("channels", ("channel", "activty"), words=words)
    assert wrong(rule, SCHOOL) == ["UniqueRows.columns = 'activty': no such column"]
