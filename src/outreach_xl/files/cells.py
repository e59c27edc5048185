"""The cell values of a plain workbook, read by us: exactly the grids python-calamine returns.

``read_cells`` takes the parts the container guard inflated and checked
(``reader._check_container``) and gives, per wanted sheet, what python-calamine 0.9.1's
``sheet.to_python(skip_empty_area=False)`` gives for it, value for value and type for type (found
by comparing the two on generated and real workbooks: ``tests/files``):

- a grid from A1 to the furthest cell holding a value (an empty cell, ``<v></v>``, a formula
  without a cached value, ``t="b"`` without a value do not count); ``""`` where nothing is;
- numbers as ``float``; a number whose style's format is a date one (builtin 14-22, 27-36, 45, 47,
  50-58, or a custom code starting with a date letter) as ``time`` below 1, ``date`` when whole,
  ``datetime`` otherwise, counted from 1899-12-30 in milliseconds rounded half away from zero,
  with Excel's phantom 1900-02-29 (below 60 a day is added);
- booleans as ``bool``; formula errors as ``""`` (``reader._with_errors`` puts their text back);
- text: line ends made ``\\n``, entities and character references resolved, a ``<t>`` without
  ``xml:space="preserve"`` stripped of XML white space at both ends, then ``_xHHHH_`` escapes
  decoded (only those up to ``_x00FF_``, in one pass from the left), rich text runs joined (each
  run on its own), phonetic runs left out; a formula's cached text as it is (never stripped).

It reads only what spreadsheet programs write, and declines (``Declined``: the caller reads the file
with python-calamine instead) on anything else or anything it is not sure of: markup that is not
plain (comments, CDATA, DOCTYPE, processing instructions, prefixed elements where values are, text
between cells, attributes in another order or quoting), entities other than XML's five, a number
that is not plain decimal, dates in the 1904 system or outside years 1900-9999, a time span format
(``[h]:mm``) or a format not known for sure on a number, ``t="d"``, cells out of order.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from operator import itemgetter
from typing import Any, NamedTuple

from outreach_xl.core.formats import nfc
from outreach_xl.core.parse import column_letter
from outreach_xl.schema import LIMITS

Grid = list[list[Any]]


Declined = NotImplementedError
"""Raised on a workbook this reader is not sure of: the caller reads it with python-calamine.
(A builtin, not an error of ours: it never leaves ``files``, whose reader catches it.)"""


WORKBOOK = "xl/workbook.xml"
WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"
PACKAGE_RELS = "_rels/.rels"
SHARED = "xl/sharedStrings.xml"
STYLES = "xl/styles.xml"
FIXED = (WORKBOOK, WORKBOOK_RELS, PACKAGE_RELS, SHARED, STYLES)
_FIXED_FOLDED = {name.lower() for name in FIXED}
# This reader holds every cell's (every string's) pieces at once, a few hundred bytes each: past
# these sizes of a sheet's cells and of the shared strings, python-calamine reads the file, which
# holds them more compactly. (A school's workbook is a few dozen KB.)
MAX_CELLS_BYTES = 2 * 1024 * 1024
MAX_STRINGS_BYTES = 4 * 1024 * 1024


def read_cells(
    parts: Mapping[str, bytes], names: Iterable[str], wanted: set[str] | None
) -> dict[str, Grid]:
    """The grids of the sheets whose NFC names are ``wanted`` (all when None), keyed by NFC name,
    in workbook order, formula errors as ``""``. ``parts``: the inflated parts (at least the package
    and workbook relationships, the workbook, the shared strings and styles if the zip has them,
    and the wanted sheets); ``names``: every part name in the zip."""
    book = Book(parts, names)
    grids: dict[str, Grid] = {}
    for name, part in book.sheets:
        if wanted is None or name in wanted:
            if part not in parts:
                raise Declined(f"{part}: not inflated")
            grids[name] = book.grid(part, parts[part]).grid
    return grids


class Sheet(NamedTuple):
    """One sheet read: its grid, its formula errors' texts by (row, column), and where its
    ``<sheetData>`` starts and ends in the part (its cells are all in there)."""

    grid: Grid
    errors: dict[tuple[int, int], str]
    start: int
    end: int


class Book:
    """The parts every sheet of a plain workbook is read with: its sheets, number formats and
    shared strings (these made text when a sheet first needs them)."""

    def __init__(self, parts: Mapping[str, bytes], names: Iterable[str]) -> None:
        for name in names:
            if name not in FIXED and name.lower() in _FIXED_FOLDED:
                raise Declined(f"{name}: a part python-calamine may take for {name.lower()}")
        if PACKAGE_RELS not in parts or WORKBOOK not in parts or WORKBOOK_RELS not in parts:
            raise Declined("no package or workbook relationships, or no workbook")
        self.sheets = _sheets(parts[PACKAGE_RELS], parts[WORKBOOK], parts[WORKBOOK_RELS])
        """(NFC name, part) of every sheet, in workbook order; names and parts each once."""
        self.formats = _formats(parts[STYLES]) if STYLES in parts else ()
        self.shared = parts.get(SHARED)
        self.strings: dict[bytes, str] | None = None

    def grid(self, part: str, xml: bytes) -> Sheet:
        """One sheet's grid (from A1 to the furthest cell holding a value) and error texts."""
        if self.strings is None:
            self.strings = _strings_by_index(_shared_strings(self.shared))
        return _grid(part, xml, self.strings, self.formats)


# --- Markup -----------------------------------------------------------------------------------

_BAD_REFERENCE = re.compile(rb"&(?!(?:lt|gt|amp|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});)")
_REFERENCE = re.compile(rb"&(?:lt|gt|amp|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});")
_TRIES = 64  # rare bytes looked for one by one (below): past this many, they are not rare


def _bad_reference(data: bytes, start: int = 0, end: int | None = None) -> bool:
    """Whether ``_BAD_REFERENCE`` is found in ``data[start:end]``: each ``&`` found by ``find``
    (a memchr) and its reference matched where it stands, rather than a search trying every
    position (three times faster on a part of a few ``&``)."""
    if end is None:
        end = len(data)
    at = data.find(b"&", start, end)
    tries = _TRIES
    while at >= 0:
        if _REFERENCE.match(data, at, end) is None:
            return True
        tries -= 1
        if not tries:  # (every & before ``at`` stands in a reference)
            return _BAD_REFERENCE.search(data, at, end) is not None
        at = data.find(b"&", at + 1, end)
    return False


def _holds(data: bytes, needle: bytes) -> bool:
    """``needle in data``, found through its first byte (a memchr) where that byte is rare: ``in``
    compares at every position, at a third of the speed."""
    first = needle[:1]
    at = data.find(first)
    tries = _TRIES
    while at >= 0:
        if data.startswith(needle, at):
            return True
        tries -= 1
        if not tries:
            return data.find(needle, at) >= 0
        at = data.find(first, at + 1)
    return False


_NUMERIC_REFERENCE = re.compile(rb"&#(x?)([0-9a-fA-F]+);")
_DECLARATION = re.compile(
    rb"""<\?xml version=(["'])1\.0\1 encoding=(["'])(?i:utf-8)\2(?: standalone=(["'])yes\3)?\?>"""
)
# The markup of a part, one match per tag: 1 the text before it, 2 "/" closing an empty element,
# 3 "<" of an end tag, 4 a "<" that opens no tag of the plain kind (a comment, CDATA, DOCTYPE,
# instruction, an attribute quoted otherwise, an odd name).
_TAG = re.compile(
    rb'([^<]*)(?:<[A-Za-z_][\w.:-]*(?: [A-Za-z_][\w.:-]*="[^"<]*")* ?(/?)>'
    rb"|(<)/[A-Za-z_][\w.:-]*>|(<))"
)


def _plain_markup(name: str, xml: bytes) -> tuple[int, int]:
    """Markup as spreadsheet programs write it, checked where a part is not read value by value
    (each part once per template: callers cache): an XML declaration (UTF-8) or none, then tags
    with attributes in double quotes, and text; UTF-8 throughout; no comment, CDATA, DOCTYPE or
    processing instruction; ``&`` only in references, to characters XML allows. Its elements'
    depth: (at the end, lowest on the way) from 0 at its start: python-calamine refuses an end tag
    with no element open."""
    start = 0
    if xml.startswith(b"<?"):
        declaration = _DECLARATION.match(xml)
        if declaration is None:
            raise Declined(f"{name}: an XML declaration other than UTF-8 1.0")
        start = declaration.end()
    try:
        xml.decode("utf-8")
    except UnicodeDecodeError:
        raise Declined(f"{name}: not UTF-8") from None
    depth = lowest = 0
    for _, empty, end, lone in _TAG.findall(xml, start):
        if lone:
            raise Declined(f"{name}: markup that is not plain tags and text")
        if end:
            depth -= 1
            lowest = min(lowest, depth)
        elif not empty:
            depth += 1
    if xml.find(b"&") >= 0:
        if _BAD_REFERENCE.search(xml):
            raise Declined(f"{name}: an entity other than XML's five, or a bare &")
        for hexadecimal, digits in _NUMERIC_REFERENCE.findall(xml):
            code = int(digits, 16 if hexadecimal else 10)
            if code == 0 or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
                raise Declined(f"{name}: a reference to U+{code:04X}")
    return depth, lowest


def _balanced(name: str, xml: bytes, *, whole: bool = True) -> None:
    """Plain markup that never ends an element it has not opened and, for a ``whole`` part, ends
    every one it opens (python-calamine reads such a part to the end of its root element)."""
    depth, lowest = _plain_markup(name, xml)
    if lowest < 0 or (whole and depth):
        raise Declined(f"{name}: its elements do not end as they start")


# One attribute as spreadsheet programs write it; a tag's attributes are a run of them.
_ATTRIBUTE = re.compile(rb' ([a-zA-Z][\w:.-]*)="([^"<>]*)"')
_ATTRIBUTES = re.compile(rb'(?: [a-zA-Z][\w:.-]*="[^"<>]*")*/?')


def _attributes(where: str, written: bytes) -> dict[bytes, bytes]:
    """The attributes of a tag (what follows its name), each once."""
    found = dict(_ATTRIBUTE.findall(written))
    if not _ATTRIBUTES.fullmatch(written) or len(found) != written.count(b'="'):
        raise Declined(f"{where}: attributes written otherwise")
    return found


# --- Text -------------------------------------------------------------------------------------

_ENTITY = re.compile(r"&(?:(lt|gt|amp|quot|apos)|#([0-9]{1,7})|#x([0-9a-fA-F]{1,6}));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
_ESCAPE = re.compile(r"_x00([0-9a-fA-F]{2})_")
_XML_SPACE = " \t\n\r"


def _resolve(match: re.Match[str]) -> str:
    named, decimal, hexadecimal = match.groups()
    if named:
        return _NAMED[named]
    code = int(decimal) if decimal else int(hexadecimal, 16)
    if code == 0 or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        raise Declined(f"a character reference to U+{code:04X}")
    return chr(code)


def _unescape(match: re.Match[str]) -> str:
    return chr(int(match.group(1), 16))


def _decoded(raw: bytes) -> str:
    """Bytes of a part as text: UTF-8, line ends made ``\\n``; ``&`` only in references."""
    if _bad_reference(raw):
        raise Declined("an entity other than XML's five, or a bare &")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Declined("text that is not UTF-8") from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _text(text: str, preserve: bool = True) -> str:
    """The value of a ``<t>`` (``preserve``: with ``xml:space="preserve"``) or of a ``<v>``, from
    its decoded content."""
    if "&" in text:
        text = _ENTITY.sub(_resolve, text)
    if not preserve:
        text = text.strip(_XML_SPACE)
    if "_x" in text:
        text = _ESCAPE.sub(_unescape, text)
    return text


def _name(raw: bytes) -> str:
    """A sheet name (an attribute value: entities resolved, nothing else)."""
    if b"_x" in raw or b"\t" in raw or b"\n" in raw or b"\r" in raw:
        raise Declined("a sheet name with escapes or control characters")
    return _text(_decoded(raw))


# A <t> of shared or inline text: (<t> or <t xml:space="preserve"> or <t/>, its text).
_T = re.compile(r'<t( xml:space="preserve")?>([^<]*)</t>|<t/>')
_T_ELEMENT = r'(?:<t(?: xml:space="preserve")?>[^<]*</t>|<t/>)'
# The body of a <si> or <is>: one <t>, or rich text runs, then phonetic runs.
_RICH = re.compile(
    rf"(?:{_T_ELEMENT}"
    r'|(?:<r>(?:<rPr/>|<rPr>(?:<[a-zA-Z]+(?: [a-zA-Z]+="[^"<>&]*")*/>)*</rPr>)?'
    rf"{_T_ELEMENT}</r>)+)?"
    rf'(?:<rPh(?: [a-zA-Z]+="[0-9]+")*>{_T_ELEMENT}</rPh>)*'
    r'(?:<phoneticPr(?: [a-zA-Z]+="[^"<>&]*")*/>)?'
)


def _rich(body: str) -> str:
    """The text of a ``<si>`` or ``<is>`` body (decoded)."""
    if not _RICH.fullmatch(body):
        raise Declined("shared or inline text of another shape")
    phonetic = body.find("<rPh")
    runs = body if phonetic < 0 else body[:phonetic]
    return "".join(_text(text, bool(preserve)) for preserve, text in _T.findall(runs))


# The shared strings, one match per <si>: 1 the text of a plain <t>, 2 the same with
# xml:space="preserve", 3 any other whole <si> (read by _rich).
_SI = re.compile(
    r'<si><t>([^<]*)</t></si>|<si><t xml:space="preserve">([^<]*)</t></si>|(<si>.*?</si>)', re.S
)
_SST_START = re.compile(rb'<sst(?: [a-zA-Z:]+="[^"<>]*")*>')


def _shared_strings(xml: bytes | None) -> list[str]:
    """Every shared string, in order."""
    if xml is None:
        return []
    start = xml.find(b"<sst")
    head = _SST_START.match(xml, start) if start >= 0 else None
    end = xml.rfind(b"</sst>")  # an earlier one would be markup the count below finds
    if head is None or end < head.end():
        raise Declined("shared strings: no plain <sst>")
    _balanced(SHARED, xml[: head.end()], whole=False)
    body = xml[head.end() : end]
    if len(body) > MAX_STRINGS_BYTES:
        raise Declined("shared strings: more than this reader holds at once")
    text = _decoded(body)
    escapes, markup = _holds(body, b"_x"), body.count(b"<")
    if not escapes:
        plain = _plain_strings(text, markup)
        if plain is not None:
            return plain
    found = _SI.findall(text)
    rich = [whole for _, _, whole in found if whole]
    if markup != 4 * (len(found) - len(rich)) + "".join(rich).count("<"):
        raise Declined("shared strings: markup other than <si> elements")
    if escapes:  # escapes somewhere: every string read the long way
        return [
            _text(one, False) if one else _text(kept) if kept else whole and _rich(whole[4:-5])
            for one, kept, whole in found
        ]
    return [
        (one.strip(_XML_SPACE) if "&" not in one else _text(one, False))
        if one
        else (kept if "&" not in kept else _text(kept))
        if kept
        else whole and _rich(whole[4:-5])
        for one, kept, whole in found
    ]


_PLAIN_SI = "<si><t>"
_KEPT_SI = '<si><t xml:space="preserve">'
_END_SI = "</t></si>"


def _plain_strings(text: str, markup: int) -> list[str] | None:
    """The strings of a body (decoded, without ``_x`` escapes; ``markup``: its count of ``<``)
    made only of ``<si><t>`` elements, or only of ``<si><t xml:space="preserve">`` ones, as
    spreadsheet programs write them (our builder the first, LibreOffice the second): what the
    general reading of ``_shared_strings`` gives, cut apart at the elements' tags in C instead of
    matched string by string. None for any other body.

    The tags hold four ``<`` per string: when the body holds no more, no text between them holds
    one, so the cuts are exactly the elements' texts."""
    start = _PLAIN_SI if text.startswith(_PLAIN_SI) else _KEPT_SI
    if not text.startswith(start) or not text.endswith(_END_SI):
        return None
    pieces = text[len(start) : -len(_END_SI)].split(_END_SI + start)
    if markup != 4 * len(pieces):
        return None
    if start is _KEPT_SI:
        return [piece if "&" not in piece else _text(piece) for piece in pieces]
    return [
        piece.strip(_XML_SPACE) if "&" not in piece else _text(piece, False) for piece in pieces
    ]


# --- Number formats ---------------------------------------------------------------------------

_NUMBER, _DATE, _UNSURE = 0, 1, 2
_BUILTIN_DATES = {str(i).encode() for i in (*range(14, 23), *range(27, 37), 45, 47, *range(50, 59))}
_BUILTIN_SPANS = {b"46"}
# Custom codes whose class is certain: a number (digits, separators, one colour) or a date (its
# first letter, after a locale tag, is a date letter: python-calamine decides at that letter).
_NUMBER_CODE = re.compile(
    rb"(?:General|@|(?:\[(?:Red|Blue|Black|Green|White|Yellow|Cyan)\])?"
    rb"[-0#?,.% ]*[0#?](?:[-0#?,.% ]*|E[-+][0#]+))(?:;.*)?",
    re.S,
)
_DATE_CODE = re.compile(rb"(?:\[\$-[0-9A-Fa-f]{1,8}\])?[dmyhsDMYHS]")
_NUMFMTS = re.compile(rb"<numFmts\b[^>]*?(?:/>|>(.*?)</numFmts>)", re.S)  # (empty or not)
_NUMFMT = re.compile(rb"<numFmt\b([^>]*)>")
_CELL_XFS = re.compile(rb"<cellXfs\b[^>]*?(?:/>|>(.*?)</cellXfs>)", re.S)
_XF = re.compile(rb"<xf\b([^>]*)>")
_PREFIXED = re.compile(rb"</?[A-Za-z_][\w.-]*:")
_STYLES_PREFIXED = re.compile(rb"</?[A-Za-z_][\w.-]*:(?:numFmts?|cellXfs|xf|styleSheet)\b")


@lru_cache(maxsize=16)  # files made from one template share their styles
def _formats(styles: bytes) -> tuple[int, ...]:
    """Per cell style (``s``), what a number in it is: a number, a date, or unsure."""
    _balanced(STYLES, styles)
    blocks = _NUMFMTS.findall(styles)
    xfs = _CELL_XFS.findall(styles)
    if len(blocks) > 1 or len(xfs) > 1 or _STYLES_PREFIXED.search(styles):
        raise Declined("styles: number formats or cell styles in several places, or prefixed")
    if styles.count(b"<numFmts") != len(blocks) or styles.count(b"<cellXfs") != len(xfs):
        raise Declined("styles: number formats or cell styles written otherwise")
    codes: dict[bytes, bytes] = {}
    for block in blocks:
        tags = _NUMFMT.findall(block)
        if _PREFIXED.search(block) or len(tags) != block.count(b"<"):
            raise Declined("styles: number formats written otherwise")
        for written in tags:
            attributes = _attributes("a number format", written)
            number, code = attributes.get(b"numFmtId"), attributes.get(b"formatCode")
            if number is None:
                raise Declined("styles: a number format without its id")
            if code:
                codes[number] = code
    found: list[int] = []
    for block in xfs:
        if _PREFIXED.search(block):
            raise Declined("styles: prefixed cell styles")
        for written in _XF.findall(block):
            number = _attributes("a cell style", written).get(b"numFmtId")
            found.append(_format_class(codes, number))
    return tuple(found)


def _format_class(codes: dict[bytes, bytes], number: bytes | None) -> int:
    if number is None:
        return _NUMBER
    code = codes.get(number)
    if code is None:
        if number in _BUILTIN_DATES:
            return _DATE
        return _UNSURE if number in _BUILTIN_SPANS else _NUMBER
    if _DATE_CODE.match(code):
        return _DATE
    return _NUMBER if _NUMBER_CODE.fullmatch(code) else _UNSURE


_EPOCH = dt.datetime(1899, 12, 30)
_MS_PER_DAY = 86_400_000
_LAST_DAY = 2_958_465  # 9999-12-31


def _date(value: float) -> Any:
    """A number in a date format, as python-calamine makes it a date, datetime or time."""
    if not 0 <= value < _LAST_DAY:
        raise Declined("a date outside years 1900-9999")
    days = value if value >= 60 else value + 1
    whole = int(days)
    if value >= 1 and days == whole:
        return (_EPOCH + dt.timedelta(days=whole)).date()
    scaled = days * _MS_PER_DAY
    ms = int(scaled)  # rounded half away from zero, as Rust's f64::round
    if scaled - ms >= 0.5:
        ms += 1
    moment = _EPOCH + dt.timedelta(milliseconds=ms)
    return moment.time() if value < 1 else moment


# --- Workbook ---------------------------------------------------------------------------------

_SHEETS = re.compile(rb"<sheets>(.*?)</sheets>", re.S)
_SHEET = re.compile(rb"<sheet\b([^>]*)>")
_WORKBOOK_PR = re.compile(rb"<workbookPr\b([^>]*)>")
_RELATIONSHIP = re.compile(rb"<Relationship\b([^>]*)>")
_WORKSHEET_TARGET = re.compile(r"(?:/xl/)?(worksheets/[A-Za-z0-9_.-]+\.xml)")
_STATES = (b"visible", b"hidden", b"veryHidden")
# The relationship types of a worksheet (another spelling: python-calamine finds no sheet there).
_WORKSHEETS = (
    b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet",
    b"http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet",
)
# The relationship types python-calamine takes for the workbook (any other spelling: no workbook).
_OFFICE_DOCUMENTS = (
    b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
    b"http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
)
_WORKBOOK_PREFIXED = re.compile(rb"</?[A-Za-z_][\w.-]*:(?:sheets?|workbookPr)\b")


@lru_cache(maxsize=16)  # files made from one template share these parts
def _sheets(package_rels: bytes, workbook: bytes, rels: bytes) -> tuple[tuple[str, str], ...]:
    """(name, part) of every sheet, in workbook order."""
    _balanced(PACKAGE_RELS, package_rels)
    _balanced(WORKBOOK, workbook)
    _balanced(WORKBOOK_RELS, rels)
    documents = [
        _attributes("a package relationship", written)
        for written in _RELATIONSHIP.findall(package_rels)
    ]
    documents = [found for found in documents if found.get(b"Type") in _OFFICE_DOCUMENTS]
    if len(documents) != 1 or documents[0].get(b"Target") not in (
        WORKBOOK.encode(),
        b"/xl/workbook.xml",
    ):
        raise Declined("package relationships: not one plain office document, the workbook")
    for written in _WORKBOOK_PR.findall(workbook):
        date1904 = _attributes("workbookPr", written).get(b"date1904")
        if date1904 not in (None, b"0", b"false"):
            raise Declined("dates in the 1904 system")
    blocks = _SHEETS.findall(workbook)
    if len(blocks) != 1 or _WORKBOOK_PREFIXED.search(workbook):
        raise Declined("workbook: sheets not listed the plain way")
    tags = _SHEET.findall(blocks[0])
    if len(tags) != blocks[0].count(b"<") or workbook.count(b"<sheet ") != len(tags):
        raise Declined("workbook: a sheet written otherwise")
    if b":Relationship" in rels:
        raise Declined("workbook relationships: prefixed")
    targets: dict[bytes, bytes] = {}
    relationships = _RELATIONSHIP.findall(rels)
    if len(relationships) != rels.count(b"<Relationship "):
        raise Declined("workbook relationships written otherwise")
    for written in relationships:
        attributes = _attributes("a workbook relationship", written)
        ident, target = attributes.get(b"Id"), attributes.get(b"Target")
        if ident is None or target is None or ident in targets or b"TargetMode" in attributes:
            raise Declined("a workbook relationship written otherwise")
        targets[ident] = target if attributes.get(b"Type") in _WORKSHEETS else b""
    found = []
    for written in tags:
        attributes = _attributes("a sheet", written)
        name, ident = attributes.get(b"name"), attributes.get(b"r:id")
        if name is None or ident is None or attributes.get(b"state", b"visible") not in _STATES:
            raise Declined("a sheet written otherwise")
        part = _WORKSHEET_TARGET.fullmatch(targets.get(ident, b"").decode("ascii", "replace"))
        if part is None:
            raise Declined("a sheet that is not a plain worksheet part")
        found.append((nfc(_name(name)), f"xl/{part.group(1)}"))
    if len({name for name, _ in found}) != len(found) or len({p for _, p in found}) != len(found):
        raise Declined("two sheets of the same name or part")
    return tuple(found)


# --- Sheets -----------------------------------------------------------------------------------

_COLUMNS = {column_letter(i).encode(): i for i in range(LIMITS.max_cols)}
_ROWS = {str(i + 1).encode(): i for i in range(LIMITS.max_rows)}

# One cell of <sheetData> as spreadsheet programs write it: 1 the whole cell, 2 its column letters,
# 3 row digits, 4 style, 5 type, 6 the text of its <v> (7 instead after a formula), 8 its <is>.
_CELL = re.compile(
    rb'(<c r="([A-Z]+)([0-9]+)"(?: s="([0-9]+)")?(?: t="([a-zA-Z]+)")?'
    rb"(?:><v>([^<]*)</v></c>|/>"  # the usual shapes first
    rb'|>(?:<f(?: [a-zA-Z]+="[^"]*")*(?:/>|>[^<]*</f>))?(?:<v>([^<]*)</v>|(<is>.*?</is>))?</c>))',
    re.S,
)
# A row's start tag, its r first (python-calamine reads it, and nothing else of the tag), with
# 1 "/" if it is empty; or a row's end tag, with 2 its "/".
_ROW = re.compile(rb'<(?:row r="[1-9][0-9]*"(?: [a-zA-Z]+="[^"]*")*(/?)|(/)row)>')
_SHEET_DATA = re.compile(rb"<sheetData(/?)>")
_DIMENSION = re.compile(
    rb'<dimension ref="[A-Z]{1,3}[1-9][0-9]{0,6}(?::[A-Z]{1,3}[1-9][0-9]{0,6})?"/>'
)


class _Seen:
    """Verdicts on the markup around a sheet's cells, which files made from one template share:
    each kept with the bytes it was given for, and found again by comparing bytes in place (no
    copy, no hash) among those of the same lengths (different sheets may share them)."""

    def __init__(self, check: Callable[[bytes], Any]) -> None:
        self.check = check
        self.known: dict[tuple[int, int], list[tuple[bytes, bytes, Any]]] = {}
        self.size = 0

    def _verdict(self, key: tuple[int, int], before: bytes, after: bytes) -> Any:
        verdict = self.check(before + after)  # (a Declined is not kept)
        if self.size >= 512:
            self.known.clear()
            self.size = 0
        self.known.setdefault(key, []).append((before, after, verdict))
        self.size += 1
        return verdict

    def head(self, xml: bytes, end: int) -> Any:
        """The verdict on ``xml[:end]`` with its ``<dimension>`` (it varies) taken out."""
        dimension = _DIMENSION.search(xml, 0, end)
        cut, resume = (dimension.start(), dimension.end()) if dimension else (end, end)
        key = (cut, end - resume)
        for before, after, verdict in self.known.get(key, ()):
            if xml.startswith(before) and xml.startswith(after, resume):
                return verdict
        return self._verdict(key, xml[:cut], xml[resume:end])

    def tail(self, xml: bytes, start: int) -> Any:
        """The verdict on ``xml[start:]``."""
        key = (0, len(xml) - start)
        for _, after, verdict in self.known.get(key, ()):
            if xml.endswith(after):
                return verdict
        return self._verdict(key, b"", xml[start:])


def _check_head(head: bytes) -> int:
    """What precedes a sheet's ``<sheetData>`` (its dimension taken out) is plain markup, with no
    other dimension and no prefixed element python-calamine would take for one of its own; the
    depth of elements open at its end."""
    depth, lowest = _plain_markup("a sheet", head)
    if lowest < 0 or b"<dimension" in head or b":dimension" in head:
        raise Declined("a sheet: a dimension written otherwise")
    if b"sheetData" in head or b":worksheet" in head:  # (sheetData with attributes, prefixed)
        raise Declined("a sheet: its cells' element or the sheet's written otherwise")
    return depth


_MERGE = re.compile(rb'<mergeCell ref="[A-Z]{1,3}[1-9][0-9]{0,6}(?::[A-Z]{1,3}[1-9][0-9]{0,6})?"/>')


def _check_tail(tail: bytes) -> tuple[int, int]:
    """What follows a sheet's cells (python-calamine parses it too, to the end, for merged ranges):
    plain markup, and merged ranges written the plain way. How many more elements it ends than it
    opens, and at most on the way (it ends those the cells' part left open, no more)."""
    depth, lowest = _plain_markup("a sheet", tail)
    if tail.count(b"<mergeCell ") != len(_MERGE.findall(tail)) or b":mergeCell" in tail:
        raise Declined("a sheet: a merged range written otherwise")
    return -depth, -lowest


_HEADS = _Seen(_check_head)
_TAILS = _Seen(_check_tail)
_DECIMAL = re.compile(rb"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_ERRORS = {b"#DIV/0!", b"#N/A", b"#NAME?", b"#NULL!", b"#NUM!", b"#REF!", b"#VALUE!"}
_COLUMNS = {column_letter(i).encode(): i for i in range(LIMITS.max_cols)}
_ROWS = {str(i + 1).encode(): i for i in range(LIMITS.max_rows)}
_INDEXES: list[bytes] = []  # b"0", b"1", ...: shared string indexes as cells write them


def _strings_by_index(strings: list[str]) -> dict[bytes, str]:
    while len(_INDEXES) < len(strings):
        _INDEXES.extend(str(i).encode() for i in range(len(_INDEXES), 2 * len(_INDEXES) + 256))
    return dict(zip(_INDEXES, strings, strict=False))


def _grid(part: str, xml: bytes, strings: dict[bytes, str], formats: tuple[int, ...]) -> Sheet:
    found = _SHEET_DATA.search(xml)
    if found is None:
        raise Declined(f"{part}: no plain <sheetData>")
    depth = _HEADS.head(xml, found.start())
    start = found.end()
    if found.group(1):  # <sheetData/>
        if _TAILS.tail(xml, start) != (depth, depth):
            raise Declined(f"{part}: its elements do not end as they start")
        return Sheet([], {}, start, start)
    end = xml.find(b"</sheetData>", start)
    if end < 0:
        raise Declined(f"{part}: no end of <sheetData>")
    if end - start > MAX_CELLS_BYTES:
        raise Declined(f"{part}: more cells than this reader holds at once")
    region = xml[start:end]
    if not region.isascii():  # python-calamine decodes every tag and text it reads
        try:
            region.decode("utf-8")
        except UnicodeDecodeError:
            raise Declined(f"{part}: cells that are not UTF-8") from None
    tokens = _CELL.findall(xml, start, end)
    rows_tags = _ROW.findall(xml, start, end)
    # nothing else in <sheetData> but row tags: every "<" one of theirs or the cells'
    if (
        xml.count(b"<", start, end)
        != b"".join([token[0] for token in tokens]).count(b"<") + len(rows_tags)
    ) or _bad_reference(xml, start, end):
        raise Declined(f"{part}: markup other than rows and cells in <sheetData>")
    depth += 1  # <sheetData>
    lowest = depth
    for empty, close in rows_tags:
        if close:
            depth -= 1
            if depth < lowest:
                lowest = depth
        elif not empty:
            depth += 1
    if lowest < 0 or _TAILS.tail(xml, end) != (depth, depth):
        raise Declined(f"{part}: its elements do not end as they start")
    placed: list[tuple[int, int, Any]] = []  # (row, column, value) of cells holding one
    place = placed.append
    row_of, column_of = _ROWS.__getitem__, _COLUMNS.__getitem__
    errors = {}
    try:
        for whole, letters, digits, style, kind, v, after_formula, inline in tokens:
            row = row_of(digits)  # every cell, empty or not, in the rows and columns read
            col = column_of(letters)
            if kind == b"s" and v:
                place((row, col, strings[v]))
                continue
            v = v or after_formula
            if not (v or inline or kind == b"str"):
                continue
            if kind == b"e" and b"<v>" in whole:
                errors[row, col] = v.decode("utf-8", "replace")
            value = _value(part, kind, v, style, inline, whole, formats)
            if value is not None:
                place((row, col, value))
    except KeyError:
        raise Declined(
            f"{part}: a cell beyond the columns or rows read, or no such string"
        ) from None
    if not placed:
        return Sheet([], errors, start, end)
    width = max(map(itemgetter(1), placed)) + 1
    grid = [[""] * width for _ in range(max(map(itemgetter(0), placed)) + 1)]
    for row, col, value in placed:
        grid[row][col] = value  # a later cell at the same place wins, as in python-calamine
    return Sheet(grid, errors, start, end)


def _value(
    part: str,
    kind: bytes,
    v: bytes,
    style: bytes,
    inline: bytes,
    whole: bytes,
    formats: tuple[int, ...],
) -> Any:
    """A cell's value other than a shared string's; None for a cell without one."""
    if not kind or kind == b"n":
        if not (v.isdigit() or _DECIMAL.fullmatch(v)):
            raise Declined(f"{part}: a number written otherwise")
        value = float(v)
        if style and len(style) < 10 and int(style) < len(formats):
            if formats[int(style)] == _DATE:
                return _date(value)
            if formats[int(style)] == _UNSURE:
                raise Declined(f"{part}: a number in a format not known for sure")
        return value
    if inline:
        if kind != b"inlineStr":
            raise Declined(f"{part}: inline text in a cell of another type")
        return _rich(_decoded(inline[4:-5]))
    if kind == b"str":
        return _text(_decoded(v)) if b"<v>" in whole else None
    if kind == b"b":
        if v not in (b"0", b"1"):
            raise Declined(f"{part}: a boolean written otherwise")
        return v == b"1"
    if kind == b"e":
        if v not in _ERRORS:
            raise Declined(f"{part}: an unknown error value")
        return ""
    raise Declined(f"{part}: a cell of type {kind!r}")
