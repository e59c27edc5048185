"""The shortcuts of ``merge._Alike`` at their edges: gathering must stay the pairwise rule (the
first earlier item whose folded text is equal or ``SequenceMatcher(...).ratio() >= SIMILAR``) for
short texts, texts of one to three letters, repeated letters, texts empty once folded, Vietnamese
diacritics, texts at exactly the threshold; and a shelf must find exactly the items whose bound of
the LCS reaches the threshold, each field computed as if its item were alone."""

from __future__ import annotations

import difflib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_gathered import _naive, edit

from outreach_xl.core import merge
from outreach_xl.core.merge import SIMILAR, _Alike, _Shelf, _width, gathered


def _lcs(a: str, b: str) -> int:
    """The longest common subsequence, by the textbook table."""
    row = [0] * (len(b) + 1)
    for x in a:
        before = 0
        for j, y in enumerate(b, 1):
            before, row[j] = row[j], before + 1 if x == y else max(row[j], row[j - 1])
    return row[-1]


def _pairwise_first(kept: list[str], text: str) -> int | None:
    return next(
        (
            i
            for i, k in enumerate(kept)
            if difflib.SequenceMatcher(None, k, text).ratio() >= SIMILAR
        ),
        None,
    )


def _rows(schools: list[list[str]], kind: str = "difficulties") -> list[dict[str, object]]:
    return [
        {"school_name": f"Trường {i % 5}", "status": "Đã nộp", kind: "\n".join(items)}
        for i, items in enumerate(schools)
    ]


def test_the_whole_number_test_is_the_float_test() -> None:
    """``2.0 * m / t >= SIMILAR`` and ``40 * m >= 17 * t`` agree for every m <= t (step 2)."""
    assert (merge._NUM, merge._DEN) == (17, 20)
    for t in range(1, 2401):
        for m in range(t + 1):
            assert (2.0 * m / t >= SIMILAR) == (2 * merge._DEN * m >= merge._NUM * t), (m, t)


# --- tiny texts: few letters, repeated letters, punctuation only, diacritics --------------------

TINY = ["a", "b", "c", "ă", "Â", "đ", "Đ", "á", " ", ",", "!", "-", ";", ".", "aa", "ba"]
tiny = st.lists(st.sampled_from(TINY), max_size=7).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(tiny, max_size=5), max_size=14))
def test_tiny_texts_are_gathered_by_the_pairwise_rule(schools: list[list[str]]) -> None:
    rows = _rows(schools)
    assert gathered(rows, "difficulties") == _naive(rows, "difficulties")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text("ab", max_size=12), max_size=30))
def test_first_is_the_earliest_alike_on_repeated_letters(texts: list[str]) -> None:
    """Every text added, alike or not (so many earlier items are alike), empty ones too."""
    _each_first_is_the_pairwise_one(texts)


def _each_first_is_the_pairwise_one(texts: list[str]) -> None:
    """Each text's ``first`` among the texts before it is the pairwise rule's; every text added."""
    alike, kept = _Alike(), []
    for text in texts:
        assert alike.first(text) == _pairwise_first(kept, text), (kept, text)
        alike.add(text)
        kept.append(text)


# --- around the threshold: edits of one text, across field widths --------------------------------


@st.composite
def near(draw: st.DrawFn) -> list[str]:
    """A text of 1 to 60 letters over a few letters, then variants of it with a few letters
    inserted, dropped or changed: ratios on both sides of SIMILAR, at it, lengths across the
    16-bit field widths."""
    base = draw(st.text("abcde ", min_size=1, max_size=60))
    out = [base]
    for _ in range(draw(st.integers(1, 8))):
        text = draw(st.sampled_from(out))
        for _ in range(draw(st.integers(0, 6))):
            text = edit(draw, text, "abcdexyz ")
        out.append(text)
    return out


@settings(max_examples=400, deadline=None)
@given(near())
def test_first_is_the_earliest_alike_near_the_threshold(texts: list[str]) -> None:
    _each_first_is_the_pairwise_one(texts)


@settings(max_examples=150, deadline=None)
@given(near())
def test_long_items_compared_one_by_one_are_the_pairwise_rule(texts: list[str]) -> None:
    """Items of ``_LONG`` letters or more take their own way (here from 12 letters)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(merge, "_LONG", 12)
        alike, kept = _Alike(), []
        for text in texts:
            assert alike.first(text) == _pairwise_first(kept, text), (kept, text)
            alike.add(text)
            kept.append(text)


def test_exactly_at_the_threshold() -> None:
    """17 letters in common of 20 + 20 is 0.85, alike; 16 is not (0.80); a letter more moves
    the ratio off it (34/41), and the text joins the other item it is alike."""
    base = "abcdefghijklmnopqrst"
    at = "abcdefghijklmnopqXYZ"  # ratio 34/40
    below = "abcdefghijklmnopWXYZ"  # 32/40
    assert difflib.SequenceMatcher(None, fold_(base), fold_(at)).ratio() == SIMILAR
    rows = _rows([[base], [below], [at], [at + "u"], [base[:-1]]])
    got = gathered(rows, "difficulties")
    assert got == _naive(rows, "difficulties")
    assert [g.schools for g in got] == [
        ("Trường 0", "Trường 2", "Trường 4"),
        ("Trường 1", "Trường 3"),
    ]


def fold_(text: str) -> str:
    from outreach_xl.core.choices import fold

    return fold(text)


# --- Vietnamese, folded -------------------------------------------------------------------------

PHRASES = ["Kinh phí", "kinh phi", "KINH PHÍ", "còn hạn chế", "con han che", "thiếu", "Thiếu",
           "đường truyền", "Đường truyền", "duong truyen", "máy chiếu", "ở điểm trường lẻ", "ĐT",
           "đ", "Đ", "ă", "—", "!!", ";", "…"]  # fmt: skip
vietnamese = st.lists(st.sampled_from(PHRASES), max_size=6).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(vietnamese, max_size=4), max_size=12))
def test_vietnamese_folded_is_the_pairwise_rule(schools: list[list[str]]) -> None:
    rows = _rows(schools, "proposals")
    assert gathered(rows, "proposals") == _naive(rows, "proposals")


# --- the bound and the packed shelves ------------------------------------------------------------


def _bound(a: str, b: str) -> int:
    """The bound of ``_Alike``'s step 4, plainly: the LCS without the counted letters, plus the
    counted letters in common."""
    drop = str.maketrans("", "", merge._COUNTED)
    counted = sum(min(a.count(c), b.count(c)) for c in merge._COUNTED)
    return _lcs(a.translate(drop), b.translate(drop)) + counted


@settings(max_examples=500, deadline=None)
@given(st.text("anhtbc ", max_size=30), st.text("anhtbc ", max_size=30))
def test_the_bound_is_never_below_the_lcs(a: str, b: str) -> None:
    assert _lcs(a, b) <= _bound(a, b) <= min(len(a), len(b))


LETTERS = "abcnt z"  # a, n, t and the space counted; b, c, z ordered


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(LETTERS, max_size=70), min_size=1, max_size=40),
    st.text(LETTERS, max_size=70),
)
def test_a_shelf_finds_exactly_the_items_whose_bound_reaches_the_threshold(
    items: list[str], text: str
) -> None:
    """Items packed side by side, many to a shelf, fields of several widths: each field is its
    item's bound with the text alone (no carry or borrow between neighbours), and the hits are
    exactly the items with ``40 * bound >= 17 * (both lengths)``, in order."""
    shelves: dict[int, _Shelf] = {}
    for index, item in enumerate(items):
        ordered = item.translate(merge._UNCOUNTED)
        width = _width(len(ordered))
        shelves.setdefault(width, _Shelf(width)).add(index, item, ordered)
    counted = {c: text.count(c) for c in merge._COUNTED}
    ordered = text.translate(merge._UNCOUNTED)
    got = [i for shelf in shelves.values() for i in shelf.alike(ordered, counted, len(text))]
    want = [
        i for i, item in enumerate(items) if 40 * _bound(item, text) >= 17 * (len(item) + len(text))
    ]
    assert sorted(got) == want


@pytest.mark.parametrize("letters", [1, 15, 16, 17, 30, 31, 32, 33, 47, 48, 63, 64, 65])
def test_a_full_field_keeps_its_carry_to_itself(letters: int) -> None:
    """An item whose every letter matches carries out of its top letter at every step: the spare
    bit above it must take the carry, not the next item's first bit."""
    shelf = _Shelf(_width(letters))
    for index, item in enumerate(["b" * letters, "c" * letters, "b" * letters, "c" * letters]):
        shelf.add(index, item, item)
    counted = dict.fromkeys(merge._COUNTED, 0)
    assert shelf.alike("b" * letters, counted, letters) == [0, 2]
    assert shelf.alike("c" * letters, counted, letters) == [1, 3]


def _text(size: int) -> str:
    """``size`` letters of a sentence, counted and not."""
    return ("thieu may chieu phuc vu tuyen truyen o diem truong le " * 20)[:size]


@pytest.mark.parametrize("long_from", [4096, 1])
def test_the_shortest_and_the_longest_alike_lengths(long_from: int) -> None:
    """For every length n up to 300, a text's prefix of exactly the least length that can be
    alike it (ceil(17n/23)) is found, and one letter shorter is not; the same for the text
    within one of the greatest length (floor(23n/17)): off by one at a band's edge, or in the
    long items' test, and an alike item is missed."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(merge, "_LONG", long_from)
        for n in range(1, 301):
            text = _text(n)
            shortest, longest = -(-17 * n // 23), 23 * n // 17
            for other in (
                text[:shortest],
                text[: shortest - 1],
                _text(longest),
                _text(longest + 1),
            ):
                if not other:
                    continue
                alike = _Alike()
                alike.add(other)
                want = _pairwise_first([other], text)
                assert alike.first(text) == want, (n, len(other))
                if n < 200:  # (no junk in SequenceMatcher yet)
                    assert (want == 0) == (shortest <= len(other) <= longest), (n, len(other))
