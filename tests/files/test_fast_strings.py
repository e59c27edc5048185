"""The shared strings of a body made of one kind of plain element are cut apart at the elements'
tags (``cells._plain_strings``) instead of matched string by string: what they give must be what
the general reading gives, kept here as it was before the shortcut (the reference), on bodies
made to resemble the two shapes the shortcut takes and to break them in every way."""

from __future__ import annotations

import re
from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st

from outreach_xl.files import cells
from outreach_xl.files.cells import (
    _SST_START,
    MAX_STRINGS_BYTES,
    SHARED,
    Declined,
    _balanced,
    _decoded,
    _rich,
    _text,
)

_SI = re.compile(
    r'<si><t>([^<]*)</t></si>|<si><t xml:space="preserve">([^<]*)</t></si>|(<si>.*?</si>)', re.S
)
_XML_SPACE = " \t\n\r"


def old_shared_strings(xml: bytes | None) -> list[str]:
    """``cells._shared_strings`` before the shortcut."""
    if xml is None:
        return []
    start = xml.find(b"<sst")
    head = _SST_START.match(xml, start) if start >= 0 else None
    end = xml.rfind(b"</sst>")
    if head is None or end < head.end():
        raise Declined("shared strings: no plain <sst>")
    _balanced(SHARED, xml[: head.end()], whole=False)
    body = xml[head.end() : end]
    if len(body) > MAX_STRINGS_BYTES:
        raise Declined("shared strings: more than this reader holds at once")
    found = _SI.findall(_decoded(body))
    rich = [whole for _, _, whole in found if whole]
    if body.count(b"<") != 4 * (len(found) - len(rich)) + "".join(rich).count("<"):
        raise Declined("shared strings: markup other than <si> elements")
    if b"_" in body and b"_x" in body:
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


def _outcome(read: Callable[[bytes], list[str]], xml: bytes) -> object:
    try:
        return read(xml)
    except Declined:
        return Declined


# What a string's text may hold: letters of both scripts, spaces and line ends (trimmed or not),
# references of every kind, escapes, and now and then markup that is not a text's.
PIECES = st.sampled_from(
    ["a", "Đ", "ệ", " ", "\t", "\n", "\r\n", "&amp;", "&lt;", "&#32;", "&#x41;", "&#95;x0041_",
     "_x0041_", "_x", "GD&amp;ĐT", "<", "</t>", "</t></si><si><t>", '<t xml:space="preserve">',
     "&bad;", "&", ">", '"']
)  # fmt: skip
TEXTS = st.lists(PIECES, max_size=6).map("".join)
PLAIN = TEXTS.map(lambda t: f"<si><t>{t}</t></si>")
KEPT = TEXTS.map(lambda t: f'<si><t xml:space="preserve">{t}</t></si>')
OTHER = st.sampled_from(
    ["<si><r><t>a</t></r><r><t>b</t></r></si>", "<si><t/></si>", "<si/>", " ", "\n", "x",
     '<si><t>a</t><rPh sb="0" eb="1"><t>b</t></rPh></si>']
)  # fmt: skip


@st.composite
def bodies(draw: st.DrawFn) -> bytes:
    """A shared strings part: mostly of one kind of element (the shortcut's shapes), sometimes
    mixed with the other kind, rich text, or stray text between elements."""
    kind = draw(st.sampled_from([PLAIN, KEPT]))
    elements = draw(st.lists(kind, max_size=8))
    if draw(st.booleans()):
        at = draw(st.integers(0, len(elements)))
        elements.insert(at, draw(st.one_of(PLAIN, KEPT, OTHER)))
    body = "".join(elements)
    return (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="x" count="1">'
        + body.encode("utf-8")
        + b"</sst>"
    )


@settings(max_examples=1500, deadline=None)
@given(bodies())
def test_strings_cut_apart_are_the_strings_matched(xml: bytes) -> None:
    assert _outcome(cells._shared_strings, xml) == _outcome(old_shared_strings, xml)


def test_the_shapes_taken_and_not() -> None:
    def sst(body: str) -> bytes:
        return b'<sst xmlns="x">' + body.encode() + b"</sst>"

    plain = "<si><t> a </t></si><si><t>GD&amp;ĐT</t></si><si><t></t></si>"
    kept = '<si><t xml:space="preserve"> a </t></si><si><t xml:space="preserve">&lt;b</t></si>'
    assert cells._shared_strings(sst(plain)) == ["a", "GD&ĐT", ""]
    assert cells._shared_strings(sst(kept)) == [" a ", "<b"]
    text = plain[7:-9]
    assert cells._plain_strings(plain, plain.count("<")) == ["a", "GD&ĐT", ""]
    assert cells._plain_strings(kept, kept.count("<")) == [" a ", "<b"]
    assert cells._plain_strings(plain + kept, 20) is None  # mixed: matched one by one
    assert cells._plain_strings(text, text.count("<")) is None
    odd = "<si><t>a<b</t></si>"  # a "<" in a text: not one of the shapes
    assert cells._plain_strings(odd, odd.count("<")) is None
    assert _outcome(cells._shared_strings, sst(odd)) is Declined


# --- Rare bytes found one by one -----------------------------------------------------------------

REFERENCES = st.lists(
    st.sampled_from(
        [b"&", b"&amp;", b"&lt;", b"&gt", b"&#12;", b"&#x1F;", b"&#x;", b"&#12345678;", b"&quot;",
         b"&apos;", b"&nbsp;", b";", b"a", b"_", b"_x", b"x", b"\xc4\x91"]
    ),
    max_size=160,  # past the tries of one by one, now and then
).map(b"".join)  # fmt: skip


@settings(max_examples=1500, deadline=None)
@given(REFERENCES, st.integers(0, 40), st.integers(0, 400))
def test_a_bad_reference_is_found_as_the_search_finds_it(data: bytes, start: int, end: int) -> None:
    found = cells._BAD_REFERENCE.search(data, start, end) is not None
    assert cells._bad_reference(data, start, end) is found
    assert cells._bad_reference(data) is (cells._BAD_REFERENCE.search(data) is not None)


@settings(max_examples=1000, deadline=None)
@given(REFERENCES, st.sampled_from([b"_x", b"&a", b"x;", b"&#x"]))
def test_bytes_held_are_found_as_in_finds_them(data: bytes, needle: bytes) -> None:
    assert cells._holds(data, needle) is (needle in data)


def test_many_rare_bytes() -> None:
    good = b"&amp;" * 100
    assert not cells._bad_reference(good) and cells._bad_reference(good + b"&x")
    assert cells._bad_reference(good + b"&x", 0, len(good) + 1)
    assert not cells._bad_reference(good + b"&x", 0, len(good))
    assert not cells._holds(b"_" * 200, b"_x") and cells._holds(b"_" * 200 + b"x", b"_x")
