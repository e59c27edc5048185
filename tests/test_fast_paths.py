"""The merge's per-file work took shortcuts (issue 14): each one must give exactly what the
straightforward code it replaced gave. That code is kept here, as it was, as the reference.

- ``model.clean_text`` and ``model.coerce``: a text already clean is given back without a split
  and a join per line;
- ``model.make_cell`` and the shared addresses of ``parse.read_grids``: fewer objects per cell;
- ``choices.consonants`` and ``validation._unique_rows``: only rows whose consonants agree are
  folded to look for repeated rows;
- ``merge.digest`` (no longer a JSON text), ``merge.summarise`` and ``merge.item_text``.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import hashlib
import json
import re
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from outreach_xl.core import parse
from outreach_xl.core.choices import _not_vowel_letter, caseless, code_of, consonants, fold
from outreach_xl.core.formats import nfc, one_item
from outreach_xl.core.legacy_text import unicode_of
from outreach_xl.core.merge import (
    MAX_ITEM_CHARS,
    MAX_ITEMS,
    FileFacts,
    digest,
    item_text,
    summarise,
)
from outreach_xl.core.model import (
    EMPTY,
    EXCEL_ERRORS,
    Cell,
    CellRef,
    Row,
    Submission,
    clean_text,
    coerce,
    make_cell,
    to_date,
    to_int,
)
from outreach_xl.core.parse import column_letter, read_grids, template_of
from outreach_xl.core.validation import Finding, _finding, _said, _unique_rows, validate
from outreach_xl.files.reader import load_grids
from outreach_xl.schema import (
    CHANNELS,
    CONTENT_GROUPS,
    FOLLOWUP_KINDS,
    KEY_COL,
    SCHOOL,
    TABLE_MARKER,
    VALUE_OFFSET,
    Kind,
    Severity,
    UniqueRows,
)

SAMPLE = Path(__file__).parent / "data" / "valid" / "my-an-2020.xlsx"

# --- The code replaced, as it was ----------------------------------------------------------------


def old_is_blank(raw: Any) -> bool:
    if raw is None:
        return True
    return isinstance(raw, str) and not raw.strip()


def old_is_excel_error(raw: Any) -> bool:
    return isinstance(raw, str) and "#" in raw and raw.strip().upper() in EXCEL_ERRORS


def old_clean_text(raw: Any) -> str:
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, dt.datetime):
        raw = raw.date()
    if isinstance(raw, dt.date):
        return raw.strftime("%d/%m/%Y")
    text = unicodedata.normalize("NFC", str(raw))
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u200b", "").replace("\ufeff", "")  # (a rule since, not a shortcut)
    if "\n" not in text:
        return " ".join(text.split())
    text = text.replace("\u00a0", " ")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line).strip()


def old_coerce(kind: Kind, raw: Any) -> Any:
    if old_is_blank(raw) or old_is_excel_error(raw):
        return None
    if kind is Kind.INT:
        return to_int(raw)
    if kind is Kind.DATE:
        return to_date(raw)
    text = old_clean_text(raw)
    if kind is not Kind.LONGTEXT and "\n" in text:
        text = " ".join(text.split())
    if isinstance(raw, str):  # text typed in TCVN3 or VNI (a rule since, not a shortcut)
        text = (unicode_of(text) or (text, ""))[0]
    return text or None


def old_read_grids(grids: dict[str, Any], source: str) -> Submission:
    """``read_grids`` of a school workbook whose keys, markers and headings are all in place."""
    grids = {nfc(name): grid for name, grid in grids.items()}
    schema, version = template_of(grids, source)
    fields: dict[str, Cell] = {}
    tables: dict[str, tuple[Row, ...]] = {}
    col = KEY_COL + VALUE_OFFSET
    for sheet in schema.input_sheets():
        grid = grids[sheet.name]
        keys: dict[str, int] = {}
        for index, line in enumerate(grid):
            if line and isinstance(line[KEY_COL], str) and line[KEY_COL]:
                keys.setdefault(line[KEY_COL].strip(), index)
        for spec in sheet.fields:
            index = keys[spec.key]
            raw = grid[index][col] if col < len(grid[index]) else None
            ref = CellRef(sheet.name, f"{column_letter(col)}{index + 1}")
            fields[spec.key] = Cell(raw, old_coerce(spec.kind, raw), ref)
        if sheet.table is None:
            continue
        header = keys[TABLE_MARKER + sheet.table.key]
        positions = {
            caseless(v): i
            for i, v in enumerate(grid[header])
            if i > KEY_COL and isinstance(v, str) and caseless(v)
        }
        columns = {c.key: (positions[caseless(c.label)], c.kind) for c in sheet.table.columns}
        rows = []
        for index in range(header + 1, len(grid)):
            line = grid[index]
            raws = {k: line[c] if c < len(line) else None for k, (c, _) in columns.items()}
            if all(old_is_blank(raw) for raw in raws.values()):
                continue
            cells = {
                k: Cell(
                    raws[k],
                    old_coerce(kind, raws[k]),
                    CellRef(sheet.name, f"{column_letter(c)}{index + 1}"),
                )
                for k, (c, kind) in columns.items()
            }
            rows.append(Row(cells, index + 1))
        tables[sheet.table.key] = tuple(rows)
    return Submission(source, schema.template_id, version, fields, tables)


def old_fold(value: Any) -> str:
    return fold(str(value)) if value is not None else ""


def old_unique_rows(rule: UniqueRows, sub: Submission) -> Iterator[Finding]:
    sheet, table = SCHOOL.tables()[rule.table]
    seen: dict[tuple[str, ...], int] = {}
    for row in sub.rows(rule.table):
        key = tuple(old_fold(row.value(c)) for c in rule.columns)
        if not any(key):
            continue
        if key in seen:
            first = row.cells[rule.columns[-1]]
            yield _finding(
                rule.severity,
                first,
                table.column(rule.columns[-1]).label,
                *_said(rule.words, row=seen[key], title=table.title),
                "duplicate",
                sheet.name,
            )
        else:
            seen[key] = row.number


def old_digest(sub: Submission) -> str:
    data = sub.data()
    text = json.dumps([data.values, data.tables], sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def old_item_text(value: Any) -> str:
    text = value if isinstance(value, str) else ""
    lines = [" ".join(line.split()) for line in text.split("\n")]  # (one_item: a rule since)
    return one_item([line for line in lines if line]).rstrip(" ;.,")


def old_followups(sub: Submission, kind: str) -> tuple[str, ...]:
    items = []
    for row in sub.rows("followups"):
        typed = row.value("kind")
        if code_of(FOLLOWUP_KINDS, typed if isinstance(typed, str) else "") != kind:
            continue
        text = old_item_text(row.value("text"))
        if text:
            items.append(text[:MAX_ITEM_CHARS])
    return tuple(items[:MAX_ITEMS])


def old_texts(sub: Submission, table: str, column: str) -> list[str]:
    return [v for v in (row.value(column) for row in sub.rows(table)) if isinstance(v, str) and v]


# --- What the shortcuts are fed ------------------------------------------------------------------

# Every character str.split() splits on, and the line breaks of every system.
WHITESPACE = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())
VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyÀÁẠẢÃĐẰẮẶẲẴỀẾỆỂỄƯỪỨỰỬỮàáạảãằắặẳẵầấậẩẫềếệểễìíịỉĩ"
# Latin letters whose fold has a consonant (ñ n, ç c, ß ss, ǰ j, ligatures, the Kelvin sign), marks
# alone, letters of other scripts, zero-width and other unprintable characters, punctuation.
OTHERS = (
    "ñÑçÇßǰŉﬁﬀKÅǆ\u0301\u0303\u0323\u031b\u0309\u034fΩωжЖ中文한\u200b\ufeff\u00ad&.,;:-–—!?()\"'/"
)
LETTERS = VIETNAMESE + VIETNAMESE.upper() + "0123456789" + OTHERS + "  "


@st.composite
def texts(draw: st.DrawFn, max_size: int = 300) -> str:
    """Texts as clerks type them (and worse): Vietnamese, NFC or NFD, lines, every whitespace."""
    pieces = st.sampled_from(LETTERS) | st.sampled_from(WHITESPACE) | st.just("\r\n")
    text = draw(
        st.one_of(
            st.lists(pieces, max_size=max_size).map("".join),
            st.text(st.sampled_from(VIETNAMESE + " .\n"), max_size=max_size),
            st.text(max_size=40),
        )
    )
    if draw(st.booleans()):
        text = unicodedata.normalize(draw(st.sampled_from(["NFC", "NFD", "NFKD"])), text)
    return text


LONG = st.builds(
    lambda part, times, sep: sep.join([part] * times),
    texts(60),
    st.integers(1, 40),
    st.sampled_from([" ", "\n", "  ", "\r\n", ". ", ""]),
)
RAWS = st.one_of(
    st.none(),
    texts(),
    LONG,
    st.integers(-(10**16), 10**16),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.sampled_from(sorted(EXCEL_ERRORS)).map(lambda e: f" {e.lower()} "),
    st.sampled_from(["", " ", "\u00a0", "21", " 1.200 ", "29/12/2020", "#N/A", "# 1", "a#b"]),
    st.sampled_from(["Tr\u00adêng  mÇm non\n", "Tröôøng maàm non\r\nTổ chức", "\u200b\ufeff"]),
)

# --- model: clean text and coercion --------------------------------------------------------------


def test_every_whitespace_but_the_space_is_unprintable() -> None:
    """What the clean-text shortcut stands on: ``isprintable`` is false for every character that
    ``str.split`` splits on, but the space."""
    assert WHITESPACE.startswith("\t\n")
    assert all(not c.isprintable() for c in WHITESPACE if c != " ")


@settings(max_examples=800, deadline=None)
@given(st.one_of(texts(), LONG, RAWS))
def test_clean_text_is_the_old_clean_text(raw: Any) -> None:
    got = clean_text(raw)
    assert got == old_clean_text(raw)
    assert type(got) is str


@settings(max_examples=800, deadline=None)
@given(st.sampled_from(list(Kind)), RAWS)
def test_coerce_is_the_old_coerce(kind: Kind, raw: Any) -> None:
    got, want = coerce(kind, raw), old_coerce(kind, raw)
    assert got == want and type(got) is type(want)


def test_clean_text_of_texts_already_clean_and_not() -> None:
    assert clean_text("Một dòng\nHai dòng") == "Một dòng\nHai dòng"
    assert clean_text("Một dòng\n\nHai dòng") == "Một dòng\nHai dòng"
    assert clean_text("Một dòng \nHai") == "Một dòng\nHai"
    assert clean_text("a\u2028b") == "a b"
    assert clean_text("a\u00a0b") == "a b"
    assert clean_text("\u200ba") == "a"  # unprintable, not whitespace: the long way, dropped

    class Text(str):
        pass

    assert type(clean_text(Text("a"))) is str


def test_make_cell_is_a_cell() -> None:
    ref = CellRef("Nội dung", "C8")
    for raw, value in [("21", 21), (None, None), ("x", "x")]:
        made, cell = make_cell(raw, value, ref), Cell(raw, value, ref)
        assert made == cell and hash(made) == hash(cell) and repr(made) == repr(cell)
        assert vars(made) == vars(cell) and type(made) is Cell
        with pytest.raises(dataclasses.FrozenInstanceError):
            made.value = 1  # type: ignore[misc]


# --- parse: the grids of a workbook --------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_grids() -> dict[str, Any]:
    return load_grids(SAMPLE)


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_read_grids_is_the_old_read_grids(
    sample_grids: dict[str, Any], data: st.DataObject
) -> None:
    grids = copy.deepcopy(sample_grids)
    sheets = [s.name for s in SCHOOL.input_sheets()]
    for _ in range(data.draw(st.integers(0, 30))):
        grid = grids[data.draw(st.sampled_from(sheets))]
        row = data.draw(st.integers(0, len(grid) + 3))
        col = data.draw(st.integers(2, 5))  # values and table columns, never the key column
        while len(grid) <= row:
            grid.append([None] * data.draw(st.integers(1, 6)))
        if str(grid[row][0]).startswith(TABLE_MARKER):
            continue
        while len(grid[row]) <= col:
            grid[row].append(None)
        grid[row][col] = data.draw(RAWS)
    want = old_read_grids(grids, "a.xlsx")
    for _ in range(2):  # the second time with every address made already
        got = read_grids(grids, "a.xlsx")
        assert got == want
        assert repr(got) == repr(want)
    parse._REFS.clear()
    parse._KEYS.clear()
    assert read_grids(grids, "a.xlsx") == want


def test_addresses_kept_are_bounded(sample_grids: dict[str, Any]) -> None:
    grids = copy.deepcopy(sample_grids)
    grid = grids["Kết quả"]
    grid.extend([[None, None, f"kết quả {i}"] for i in range(3 * parse._REFS_KEPT)])
    sub = read_grids(grids, "a.xlsx")
    assert sub == old_read_grids(grids, "a.xlsx")
    assert all(len(kept) <= parse._REFS_KEPT for kept in parse._REFS.values())


# --- validation: repeated rows -------------------------------------------------------------------

SKELETON = re.compile(r"[ aeiouyd]")


def test_consonants_of_every_character_taken_without_the_fold() -> None:
    """``consonants`` is what the fold keeps but vowels and spaces, for every character it takes
    without folding (worked out per character), between others."""
    shortcut = _not_vowel_letter()
    taken = [chr(c) for c in range(sys.maxunicode + 1) if not shortcut.match(chr(c))]
    assert len(taken) > 128 + 134  # ASCII and at least every Vietnamese letter
    for char in taken:
        text = f"Bê{char}t"
        assert consonants(text) == SKELETON.sub("", fold(text)).encode(), hex(ord(char))


@settings(max_examples=600, deadline=None)
@given(st.one_of(texts(), LONG))
def test_consonants_are_what_the_fold_keeps(text: str) -> None:
    assert consonants(text) == SKELETON.sub("", fold(text)).encode()


def _variant(draw: st.DrawFn, text: str) -> str:
    """The same text retyped: in capitals, without diacritics, decomposed, spaced or punctuated
    otherwise, or a different text after all."""
    how = draw(st.integers(0, 7))
    if how == 0:
        return text.upper()
    if how == 1:
        bare = unicodedata.normalize("NFD", text).replace("đ", "d").replace("Đ", "D")
        return "".join(c for c in bare if not unicodedata.combining(c))
    if how == 2:
        return unicodedata.normalize("NFD", text)
    if how == 3:
        return text.replace(" ", draw(st.sampled_from(["  ", " - ", ", ", "\u00a0", "."])))
    if how == 4:
        return f"{text}{draw(st.sampled_from(['.', ';', ' !', '']))}"
    if how == 5:
        return draw(texts(40))
    return text


@st.composite
def tables_with_repeats(draw: st.DrawFn) -> Submission:
    """A submission whose tables hold rows made of a few texts and their variants."""
    pool = draw(st.lists(st.one_of(texts(40), st.sampled_from(["", "a", "ư", "Zalo"])), min_size=1))
    pool += [None, 7, "7"]
    return rows_from_pool(draw, pool, 12)


def rows_from_pool(draw: st.DrawFn, pool: list[Any], most: int) -> Submission:
    """A submission whose every table of repeated rows holds up to ``most`` rows, each cell a
    value of ``pool`` (a text retyped in a variant)."""
    tables = {}
    for rule in SCHOOL.rules:
        if not isinstance(rule, UniqueRows):
            continue
        rows = []
        for number in range(draw(st.integers(0, most))):
            cells = {}
            for column in rule.columns:
                value = draw(st.sampled_from(pool))
                if isinstance(value, str):
                    value = _variant(draw, value)
                cells[column] = Cell(value, value, CellRef("x", f"C{number + 10}"))
            rows.append(Row(cells, number + 10))
        tables[rule.table] = tuple(rows)
    return Submission("a.xlsx", SCHOOL.template_id, SCHOOL.version, {}, tables)


@settings(max_examples=100, deadline=None)
@given(tables_with_repeats())
def test_repeated_rows_are_the_old_ones(sub: Submission) -> None:
    fields, tables = SCHOOL.fields(), SCHOOL.tables()
    for rule in SCHOOL.rules:
        if isinstance(rule, UniqueRows):
            got = list(_unique_rows(rule, sub, fields, tables))
            assert got == list(old_unique_rows(rule, sub))


def repeats_among_results(rows: list[str]) -> list[Any]:
    """The repeated rows found in a ``Kết quả`` table of these texts, the same as the old code
    finds."""
    sub = Submission(
        "a.xlsx",
        SCHOOL.template_id,
        SCHOOL.version,
        {},
        {"results": tuple(Row({"text": Cell(t, t)}, i + 10) for i, t in enumerate(rows))},
    )
    rule = next(r for r in SCHOOL.rules if isinstance(r, UniqueRows) and r.table == "results")
    found = list(_unique_rows(rule, sub, SCHOOL.fields(), SCHOOL.tables()))
    assert found == list(old_unique_rows(rule, sub))
    return found


def test_repeated_rows_found_however_retyped() -> None:
    rows = ["Tuyên truyền biển đảo", "TUYEN TRUYEN BIEN DAO.", "Tuyên  truyền, biển đảo", "khác"]
    assert len(repeats_among_results(rows)) == 2


# --- merge: the summary of a school --------------------------------------------------------------

VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.sampled_from(["", "None", "null", "1", "1.0", "true", "2021-01-05", "a", "ab", "b"]),
    texts(30),
)
KEYS = st.sampled_from(["text", "group", "kind", "a", "ab", "b", "", "Ấ"])


@st.composite
def submissions(draw: st.DrawFn) -> Submission:
    fields = draw(st.dictionaries(KEYS, VALUES.map(lambda v: Cell(v, v)), max_size=6))
    tables = {}
    for table in draw(st.lists(KEYS, max_size=3, unique=True)):
        keys = draw(st.lists(KEYS, max_size=3, unique=True))
        rows = []
        for number in range(draw(st.integers(0, 4))):
            if draw(st.integers(0, 4)) == 0:  # now and then a row of other keys
                keys = draw(st.lists(KEYS, max_size=3, unique=True))
            rows.append(Row({k: Cell(draw(VALUES), None) for k in keys}, number))
        tables[table] = tuple(
            Row({k: Cell(c.raw, c.raw) for k, c in row.cells.items()}, row.number) for row in rows
        )
    return Submission("a.xlsx", "school", 1, fields, tables)


def _alike(value: Any) -> Any:
    """A value the old JSON text could not tell from this one."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return value
    return type("Sub", (type(value),), {})(value)  # a subclass: JSON writes it as its base


def _retyped(draw: st.DrawFn, sub: Submission) -> Submission:
    """The same entries in another order or shape JSON cannot tell apart, or a small change."""
    how = draw(st.integers(0, 5))

    def mapping(cells: dict[str, Cell]) -> dict[str, Cell]:
        items = list(cells.items())
        if how == 0:
            items.reverse()
        if how == 1 and items:
            key, cell = items[0]
            items[0] = (key, Cell(cell.raw, _alike(cell.value)))
        if how == 2 and items:
            key, cell = items[0]
            items[0] = (key, Cell(cell.raw, draw(VALUES)))
        if how == 3 and len(items) > 1 and all(isinstance(c.value, str) for _, c in items[:2]):
            (k1, c1), (k2, c2) = items[:2]  # the same letters, cut apart elsewhere
            joined = c1.value + c2.value
            cut = draw(st.integers(0, len(joined)))
            items[:2] = [(k1, Cell(None, joined[:cut])), (k2, Cell(None, joined[cut:]))]
        if how == 4 and items:
            items.pop()
        return dict(items)

    tables = {
        k: tuple(Row(mapping(dict(r.cells)), r.number) for r in rows)
        for k, rows in sub.tables.items()
    }
    if how == 5 and tables:
        key = draw(st.sampled_from(sorted(tables)))
        tables[key] = tables[key][:-1]
    return dataclasses.replace(sub, fields=mapping(dict(sub.fields)), tables=tables)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_digest_tells_apart_what_the_json_text_did(data: st.DataObject) -> None:
    a = data.draw(submissions())
    b = _retyped(data.draw, a)
    assert (digest(a) == digest(b)) == (old_digest(a) == old_digest(b))
    assert digest(a) == digest(copy.deepcopy(a))
    assert re.fullmatch(r"[0-9a-f]{16}", digest(a))


def test_digest_of_texts_cut_apart_elsewhere_differs() -> None:
    def sub(*texts: str) -> Submission:
        cells = {str(i): Cell(t, t) for i, t in enumerate(texts)}
        return Submission("a.xlsx", "school", 1, cells, {})

    assert digest(sub("ab", "c")) != digest(sub("a", "bc"))
    assert digest(sub("1", "")) != digest(sub("", "1"))
    assert digest(sub("1")) != digest(Submission("a.xlsx", "school", 1, {"0": Cell(1, 1)}, {}))

    def table(*rows: dict[str, str]) -> Submission:
        cells = tuple(Row({k: Cell(v, v) for k, v in row.items()}) for row in rows)
        return Submission("a.xlsx", "school", 1, {}, {"t": cells})

    # The same letters, keys and values cut apart elsewhere (a table read column by column, and
    # row by row when its rows differ in keys).
    two = table({"a": "xy", "bc": "z"}, {"a": "xy", "bc": "z"})
    assert digest(two) != digest(table({"ax": "yx", "c": "z"}, {"ax": "yb", "c": "z"}))
    one = table({"a": "xy", "bc": "z"}, {"e": ""})
    assert digest(one) != digest(table({"ab": "xy", "c": "z"}, {"e": ""}))


@settings(max_examples=500, deadline=None)
@given(st.one_of(texts(), LONG, st.none(), st.integers()))
def test_item_text_is_the_old_item_text(value: Any) -> None:
    assert item_text(value) == old_item_text(value)


LABELS = st.one_of(
    st.sampled_from(
        [c.label for lst in (CHANNELS, CONTENT_GROUPS, FOLLOWUP_KINDS) for c in lst.choices]
    ),
    st.sampled_from(["facebook", "Zalo", "Web trường", "kho khan", "Đề xuất", "", "khác lạ"]),
    texts(20),
    st.none(),
)


BASE = read_grids(load_grids(SAMPLE), SAMPLE.name)


@st.composite
def schools(draw: st.DrawFn) -> Submission:

    def rows(table: str, columns: dict[str, Any]) -> tuple[Row, ...]:
        count = draw(st.integers(0, 20))
        return tuple(
            Row({k: EMPTY if v is None else Cell(v, v) for k, v in
                 {k: draw(s) for k, s in columns.items()}.items()}, i + 10)
            for i in range(count)
        )  # fmt: skip

    tables = {
        **BASE.tables,
        "channels": rows("channels", {"channel": LABELS, "activity": texts(40), "times": VALUES}),
        "content_items": rows("content_items", {"group": LABELS, "text": texts(40)}),
        "followups": rows("followups", {"kind": LABELS, "text": st.one_of(texts(), LONG)}),
    }
    return dataclasses.replace(BASE, tables=tables)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(schools())
def test_summarise_is_the_old_summarise(sub: Submission) -> None:
    findings = validate(sub)
    got = summarise(sub, findings, FileFacts("a.xlsx", 1.0))
    channels = {code_of(CHANNELS, r) for r in old_texts(sub, "channels", "channel")}
    groups: dict[str, int] = {}
    for label in old_texts(sub, "content_items", "group"):
        code = code_of(CONTENT_GROUPS, label)
        groups[code] = groups.get(code, 0) + 1
    assert got.channels == tuple(sorted(channels))
    assert got.groups == dict(sorted(groups.items()))
    assert list(got.groups) == sorted(groups)
    assert got.difficulties == old_followups(sub, "difficulties")
    assert got.proposals == old_followups(sub, "proposals")
    assert got.errors == sum(f.severity is Severity.ERROR for f in findings)
