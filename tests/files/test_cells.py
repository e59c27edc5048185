"""What python-calamine 0.9.1 gives for each way a cell can be written, and our cell reader with it:
each case a cell (or shared string, or number format) put into a real workbook, read both ways
(``differential``), and taking our reader's fast path or not as stated. The values python-calamine
gives are written out too, so a change of python-calamine shows here first."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from files.differential import before, difference, fast, now, same, why_declined
from hostile.corpus import RESULTS_PART, SHARED_PART, rewrite, sample_bytes
from outreach_xl.files import cells

SHEET = "Kết quả"
ROW = 40  # a row below the sample's results, in column F


def _book(tmp_path: Path, cell: bytes, strings: bytes = b"", formats: bytes = b"") -> Path:
    """The sample with one cell at F40 of «Kết quả» (``{s}`` in it: the index of ``strings``,
    appended to the shared strings; ``{x}``: the index of a cell style with number format
    ``formats`` (a numFmtId, or a custom code given as ``code`` bytes)."""
    data = sample_bytes()
    changes: dict[str, Any] = {}
    if strings:

        def add_string(xml: bytes) -> bytes:
            count = xml.count(b"<si>") + xml.count(b"<si/>")
            nonlocal cell
            cell = cell.replace(b"{s}", str(count).encode())
            return xml.replace(b"</sst>", strings + b"</sst>")

        changes[SHARED_PART] = add_string
    if formats:

        def add_format(xml: bytes) -> bytes:
            nonlocal cell
            code = formats
            if not code.isdigit():
                xml = xml.replace(
                    b"</numFmts>", b'<numFmt numFmtId="300" formatCode="' + code + b'"/></numFmts>'
                )
                code = b"300"
            start = xml.index(b"<cellXfs")
            count = xml.count(b"<xf ", start, xml.index(b"</cellXfs>"))
            cell = cell.replace(b"{x}", str(count).encode())
            return xml.replace(b"</cellXfs>", b'<xf numFmtId="' + code + b'"/></cellXfs>', 1)

        changes["xl/styles.xml"] = add_format

    def add_cell(xml: bytes) -> bytes:
        row = b'<row r="%d">' % ROW + cell.replace(b"ROW", str(ROW).encode()) + b"</row>"
        return xml.replace(b"</sheetData>", row + b"</sheetData>", 1)

    path = tmp_path / "x.xlsx"
    data = rewrite(data, {k: v for k, v in changes.items() if k == SHARED_PART})
    data = rewrite(data, {k: v for k, v in changes.items() if k != SHARED_PART})
    path.write_bytes(rewrite(data, {RESULTS_PART: add_cell}))
    return path


def _value(path: Path) -> Any:
    outcome = now(path, [SHEET])
    assert outcome[0] == "grids", outcome
    grid = outcome[1][SHEET]
    return grid[ROW - 1][5] if len(grid) >= ROW and len(grid[ROW - 1]) > 5 else "(empty)"


def _both(path: Path, taken: bool) -> None:
    ours, theirs = now(path, [SHEET]), before(path, [SHEET])
    assert same(ours, theirs), difference(ours, theirs)
    assert fast(path, [SHEET]) is taken, why_declined(path, [SHEET])


TEXT = [  # shared string <si> body, value
    (b"<t>hi</t>", "hi"),
    (b"<t> a &amp; b </t>", "a & b"),  # stripped without xml:space, after entities
    (b'<t xml:space="preserve"> a </t>', " a "),
    (b"<t>&#32;a&#13;</t>", "a"),  # references stripped too
    (b"<t>\n a \t\n</t>", "a"),
    (b"<t>a\r\nb\rc</t>", "a\nb\nc"),  # line ends made \n (a &#13; stays \r)
    (b"<t>a&#13;b</t>", "a\rb"),
    (b"<t>_x0020_a </t>", " a"),  # escapes after stripping
    (b"<t>x_x000D_y_x005F_x000D_</t>", "x\ry_x000D_"),  # one pass, left to right
    (b"<t>_x00e9__x0100__xD800_</t>", "é_x0100__xD800_"),  # only up to _x00FF_
    (b"<t>&lt;&gt;&quot;&apos;&#233;&#xE9;&#x1F600;</t>", "<>\"'éé😀"),
    (b"<t>\xc2\xa0a\xe3\x80\x80</t>", "\xa0a\u3000"),  # no-break spaces are not stripped
    (b"<t/>", ""),
    (b"", ""),
    (b'<r><t>a</t></r><r><rPr><b/></rPr><t xml:space="preserve"> b </t></r>', "a b "),
    (b"<r><rPr/><t> a </t></r><r><t>_x00</t></r><r><t>41_</t></r>", "a_x0041_"),  # each run alone
    (b'<t>ab</t><rPh sb="0" eb="1"><t>X</t></rPh><phoneticPr fontId="1"/>', "ab"),
]


@pytest.mark.parametrize(("body", "value"), TEXT, ids=lambda x: repr(x)[:30])
def test_a_shared_string(body: bytes, value: str, tmp_path: Path) -> None:
    path = _book(tmp_path, b'<c r="FROW" t="s"><v>{s}</v></c>', strings=b"<si>" + body + b"</si>")
    assert _value(path) == value
    _both(path, taken=True)


CELLS = [  # cell, value, read by our reader
    (b'<c r="FROW"><v>1</v></c>', 1.0, True),
    (b'<c r="FROW" t="n"><v>-1.5E-3</v></c>', -0.0015, True),
    (b'<c r="FROW"><v>12345678901234567890</v></c>', 1.2345678901234567e19, True),
    (b'<c r="FROW"><v>1e400</v></c>', float("inf"), True),
    (b'<c r="FROW"><v>-0</v></c>', -0.0, True),
    (b'<c r="FROW" t="b"><v>1</v></c>', True, True),
    (b'<c r="FROW" t="b"><v>0</v></c>', False, True),
    (b'<c r="FROW" t="str"><f>A1</f><v> a &amp;_x000D_\r\nb </v></c>', " a &\r\nb ", True),
    (b'<c r="FROW" t="str"><f>A1</f><v></v></c>', "", True),
    (b'<c r="FROW" t="e"><f>1/0</f><v>#DIV/0!</v></c>', "#DIV/0!", True),  # (put back)
    (b'<c r="FROW" t="inlineStr"><is><t> x </t></is></c>', "x", True),
    (b'<c r="FROW" t="inlineStr"><is></is></c>', "", True),
    (b'<c r="FROW" s="1"/>', "(empty)", True),
    (b'<c r="FROW"><v></v></c>', "(empty)", True),
    (b'<c r="FROW"><f>1+1</f></c>', "(empty)", True),
    (b'<c r="FROW" t="s"><v></v></c>', "(empty)", True),
    (b'<c r="FROW"><v>1</v></c><c r="FROW"><v>2</v></c>', 2.0, True),  # the later one
    (b'<c r="GROW"><v>1</v></c><c r="FROW"><v>2</v></c>', 2.0, True),  # out of order
    # declined: python-calamine reads these
    (b'<c r="FROW" t="d"><v>2020-12-29</v></c>', dt.date(2020, 12, 29), False),
    (b'<c r="FROW"><v>NaN</v></c>', float("nan"), False),
    (b'<c r="FROW"><v> 7 </v></c>', " 7 ", False),  # not a number: text
    (b'<c r="FROW" t="b"><v>true</v></c>', True, False),
    (b'<c r="FROW" t="s"><v>007</v></c>', "BÁO CÁO KẾT QUẢ", False),
    (b'<c r="FROW" cm="1"><v>1</v></c>', 1.0, False),
    (b"<c r='FROW'><v>1</v></c>", 1.0, False),
]


@pytest.mark.parametrize(("cell", "value", "taken"), CELLS, ids=lambda x: repr(x)[:40])
def test_a_cell(cell: bytes, value: Any, taken: bool, tmp_path: Path) -> None:
    path = _book(tmp_path, cell)
    found = _value(path)
    if isinstance(value, float) and value != value:
        assert found != found
    elif cell.find(b't="s"><v>007') < 0:
        assert found == value and type(found) is type(value)
    _both(path, taken)


DATES = [  # number format, value, what python-calamine makes of it
    (b"14", b"44194", dt.date(2020, 12, 29)),
    (b"14", b"44194.25", dt.datetime(2020, 12, 29, 6, 0)),
    (b"14", b"0.5", dt.time(12, 0)),
    (b"14", b"0", dt.time(0, 0)),
    (b"14", b"59", dt.date(1900, 2, 28)),
    (b"14", b"60", dt.date(1900, 2, 28)),  # Excel's phantom 29 February 1900
    (b"14", b"61", dt.date(1900, 3, 1)),
    # counted from 1899-12-30 with the day added below 60, then rounded to the millisecond
    (b"14", b"0.437064681712963", dt.time(10, 29, 22, 388000)),
    (b"14", b"2958464.9999999", dt.datetime(9999, 12, 30, 23, 59, 59, 991000)),
    (b"22", b"44194.000000001", dt.datetime(2020, 12, 29, 0, 0)),
    (b"27", b"44194", dt.date(2020, 12, 29)),  # East Asian date ids count as dates too
    (b"49", b"44194", 44194.0),  # text format
    (b"dd/mm/yyyy", b"44194", dt.date(2020, 12, 29)),
    (b"[$-42A]dd/mm/yyyy;@", b"44194", dt.date(2020, 12, 29)),
    (b"Standard", b"44194", dt.date(2020, 12, 29)),  # (its "S": python-calamine's rule)
    (b"#,##0.00", b"44194", 44194.0),
    (b"[Red]0;[Blue]-0", b"44194", 44194.0),
    (b"General", b"44194", 44194.0),
]


@pytest.mark.parametrize(("code", "number", "value"), DATES, ids=lambda x: repr(x)[:24])
def test_a_number_in_a_format(code: bytes, number: bytes, value: Any, tmp_path: Path) -> None:
    path = _book(tmp_path, b'<c r="FROW" s="{x}"><v>' + number + b"</v></c>", formats=code)
    found = _value(path)
    assert found == value and type(found) is type(value)
    _both(path, taken=True)


UNSURE = [  # declined: python-calamine reads them
    (b"46", b"1.5"),  # a time span
    (b"[h]:mm:ss", b"1.5"),
    ("&quot;Năm &quot;0".encode(), b"2020"),
    (b"14", b"-1"),  # a date before 1900
    (b"14", b"2958465"),  # 31 December 9999, the last day python-calamine makes a date of
]


@pytest.mark.parametrize(("code", "number"), UNSURE, ids=lambda x: repr(x)[:24])
def test_a_number_in_a_format_not_known_for_sure(
    code: bytes, number: bytes, tmp_path: Path
) -> None:
    _both(_book(tmp_path, b'<c r="FROW" s="{x}"><v>' + number + b"</v></c>", formats=code), False)


def test_a_sheet_of_more_cells_than_the_reader_holds_is_read_by_calamine(tmp_path: Path) -> None:
    big = b"".join(
        b'<row r="%d"><c r="F%d"><v>%d.25</v></c><c r="G%d" t="str"><v>%s</v></c></row>'
        % (n, n, n, n, b"x" * 400)
        for n in range(41, 4900)
    )
    assert len(big) > cells.MAX_CELLS_BYTES

    def add(xml: bytes) -> bytes:
        return xml.replace(b"</sheetData>", big + b"</sheetData>", 1)

    path = tmp_path / "big.xlsx"
    path.write_bytes(rewrite(sample_bytes(), {RESULTS_PART: add}))
    _both(path, taken=False)


BROKEN = [  # what python-calamine refuses in a sheet, and our reader declines (the same message)
    b'<c r="FROW"><f>\x9b</f><v>1</v></c>',  # not UTF-8, where no value is read
    b'<c r="FROW"><f>a & b</f><v>1</v></c>',  # a bare &
    b'<c r="FROW" t="str"><v>&#0;</v></c>',  # a reference to no character
    b'<c r="FROW" t="e"><v>#SPILL!</v></c>',  # an error value it does not know
    b'<c r="FROW" t="b"><v>2</v></c>',
    b'<c r="FROW" t="zz"><v>1</v></c>',
    b'<c r="FROW" t="n"><v>abc</v></c>',
    b'<c r="FROW" t="s"><v>99999</v></c>',  # no such shared string
    b'<c r="FROW"><v>1</v></c></row></row></row></row><row r="41">',  # ends no element open
]


@pytest.mark.parametrize("cell", BROKEN, ids=lambda x: repr(x)[:40])
def test_a_broken_cell_is_refused_as_calamine_refuses_it(cell: bytes, tmp_path: Path) -> None:
    path = _book(tmp_path, cell)
    ours, theirs = now(path, [SHEET]), before(path, [SHEET])
    assert theirs[0] == "error", theirs
    assert same(ours, theirs), difference(ours, theirs)


def _sub(old: bytes, new: bytes) -> Any:
    def change(xml: bytes) -> bytes:
        assert old in xml, old
        return xml.replace(old, new, 1)

    return change


# Parts python-calamine reads whole: anything it refuses there, our reader declines (found by the
# differential fuzzers: tests/files/test_fuzz.py).
BROKEN_PARTS = {
    "package relationship type misspelt": (
        "_rels/.rels",
        _sub(b"relationships/officeDocument", b"relationshkps/officeDocument"),
    ),
    "package relationships never closed": ("_rels/.rels", _sub(b"</Relationships>", b"")),
    "a sheet's relationship type misspelt": (
        "xl/_rels/workbook.xml.rels",
        _sub(b"relationships/worksheet", b"relationships/workshee+"),
    ),
    "workbook: a defined name's attribute broken": (
        "xl/workbook.xml",
        _sub(b"<definedName name=", b"<definedName name"),
    ),
    "workbook: an end tag not UTF-8": (
        "xl/workbook.xml",
        _sub(b"</definedName>", b"</d\xa0finedName>"),
    ),
    "styles cut short": ("xl/styles.xml", lambda xml: xml[: len(xml) // 2]),
    "sheet: an unclosed quote after the cells": (
        RESULTS_PART,
        _sub(b"</sheetData>", b'</sheetData><foo a="1>'),
    ),
    "sheet: a merged range A0": (
        RESULTS_PART,
        _sub(b"</sheetData>", b'</sheetData><mergeCells><mergeCell ref="A0"/></mergeCells>'),
    ),
    "sheet: text not UTF-8 after the cells": (
        RESULTS_PART,
        _sub(b"</sheetData>", b"</sheetData>\xff"),
    ),
    "sheet: one more end than starts": (RESULTS_PART, lambda xml: xml + b"</worksheet>"),
}


@pytest.mark.parametrize(("part", "change"), BROKEN_PARTS.values(), ids=BROKEN_PARTS.keys())
def test_a_broken_part_is_refused_as_calamine_refuses_it(
    part: str, change: Any, tmp_path: Path
) -> None:
    path = tmp_path / "x.xlsx"
    path.write_bytes(rewrite(sample_bytes(), {part: change}))
    ours, theirs = now(path, [SHEET]), before(path, [SHEET])
    assert theirs[0] == "error", theirs
    assert same(ours, theirs), difference(ours, theirs)


def test_a_shared_string_without_its_end_is_read_as_calamine_reads_it(tmp_path: Path) -> None:
    """python-calamine reads on to the next string's end (and shifts the strings after it): our
    reader declines, so the values are calamine's."""
    path = tmp_path / "x.xlsx"
    path.write_bytes(rewrite(sample_bytes(), {SHARED_PART: _sub(b"</si>", b"")}))
    _both(path, taken=False)


def test_a_cell_outside_the_cells_is_the_guards_as_before(tmp_path: Path) -> None:
    """A value below the last row written after ``<sheetData>`` (python-calamine never reads it):
    the guard refuses it as before, our reader does not stand in for the guard there."""
    path = tmp_path / "x.xlsx"
    stray = b'<extLst><c r="A6000"><v>1</v></c></extLst>'
    path.write_bytes(
        rewrite(sample_bytes(), {RESULTS_PART: _sub(b"</worksheet>", stray + b"</worksheet>")})
    )
    ours, theirs = now(path, [SHEET]), before(path, [SHEET])
    assert theirs[0] == "error" and theirs[1][0] == "InputTooLarge", theirs
    assert same(ours, theirs), difference(ours, theirs)
