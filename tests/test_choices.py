"""A typed value means the choice whose name it is, or the one choice whose names hold its words;
never a choice it only shares a word with, and never one of several."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from outreach_xl.core.choices import fold, key, match_choice, names_of, one_slip
from outreach_xl.schema import (
    CHANNELS,
    CONTENT_GROUPS,
    FOLLOWUP_KINDS,
    LEVELS,
    OTHER,
    SCHOOL_WORDS,
    Choice,
    ChoiceList,
)

LISTS = (LEVELS, CONTENT_GROUPS, CHANNELS, FOLLOWUP_KINDS)


@pytest.mark.parametrize(
    ("choices", "typed", "meant"),
    [
        (CONTENT_GROUPS, "văn hóa", "image"),  # part of «..., lịch sử, văn hóa, ...» only
        (CONTENT_GROUPS, "  LỊCH SỬ ", "image"),
        (CONTENT_GROUPS, "bien dao", "sovereignty"),  # an alias, typed without diacritics
        (CONTENT_GROUPS, "Thành tựu", None),  # no choice says it
        (CONTENT_GROUPS, "biển", None),  # one word is not enough
        (CONTENT_GROUPS, "Khác", OTHER),
        (CHANNELS, "tin điện tử", "website"),
        (CHANNELS, "Bảng tin tổ dân phố", None),  # more than a name: not the school's board
        (CHANNELS, "van hoa van", "culture"),
        (LEVELS, "trung học", None),  # THCS, THPT and both together: which one?
        (LEVELS, "cơ sở và trung học", "THCS&THPT"),
        (FOLLOWUP_KINDS, "năm tới", "tasks"),
        # one slip of the keys in a name of six letters or more: that name's choice
        (CHANNELS, "Facebok", "facebook"),
        (CHANNELS, "Fanpge", "facebook"),
        (CHANNELS, "Faecbook", "facebook"),  # two letters swapped
        (CHANNELS, "Webiste", "website"),
        (CHANNELS, "zaloo", None),  # «zalo» is too short to guess at
        (CHANNELS, "Facebk", None),  # two slips
        (LEVELS, "THCT", None),  # THCS? THPT? too short to guess at
        # «&» written as a dash, a slash, a comma, a plus or left out
        (LEVELS, "TH-THCS", "TH&THCS"),
        (LEVELS, "TH - THCS", "TH&THCS"),
        (LEVELS, "th/thcs", "TH&THCS"),
        (LEVELS, "THCS, THPT", "THCS&THPT"),
        (LEVELS, "THCS+THPT", "THCS&THPT"),
        # a name of one choice with words of the school's around it («của trường», «phụ huynh»)
        (CHANNELS, "Fanpage của trường", "facebook"),
        (CHANNELS, "Trang Facebook của nhà trường", "facebook"),
        (CHANNELS, "Nhóm Zalo phụ huynh các lớp", "zalo"),
        (CHANNELS, "Bảng tin nhà trường", "corner"),
        (CHANNELS, "Website nhà trường", "website"),
        (CHANNELS, "Cổng thông tin điện tử của trường", "website"),
        (CHANNELS, "Báo tường", None),  # «tường» is no word of the school's: not the press
        (CHANNELS, "Đăng tin trên Facebook của trường", None),  # what was done, not a channel
        (CHANNELS, "Zalo và Facebook của trường", None),  # two channels: which one?
        (LEVELS, "Trường THCS", "THCS"),
        (LEVELS, "Tiểu học và THCS", "TH&THCS"),
        (LEVELS, "Tiểu học - THCS", "TH&THCS"),
        (FOLLOWUP_KINDS, "Đề xuất, kiến nghị", "proposals"),  # two names of one choice
        (FOLLOWUP_KINDS, "Tồn tại, hạn chế", "difficulties"),
        (FOLLOWUP_KINDS, "Khó khăn, vướng mắc", "difficulties"),
        (FOLLOWUP_KINDS, "Phương hướng năm tới", "tasks"),
        (FOLLOWUP_KINDS, "Khó khăn và đề xuất", None),  # two kinds
        (CHANNELS, "Chào cờ đầu tuần", "gatherings"),
        (CONTENT_GROUPS, "Biển đảo quê hương", "sovereignty"),
    ],
)
def test_typed_values_and_the_choice_they_mean(
    choices: ChoiceList, typed: str, meant: str | None
) -> None:
    found = match_choice(choices, typed)
    assert (found.code if found else None) == meant


def _words(choices: ChoiceList) -> st.SearchStrategy[str]:
    """Runs of words cut from the names of a list's choices, in any case, and a stray word."""
    names = [fold(n).split() for c in choices.choices for n in names_of(c) if fold(n)]

    @st.composite
    def run(draw: st.DrawFn) -> str:
        words = draw(st.sampled_from(names))
        start = draw(st.integers(0, len(words) - 1))
        end = draw(st.integers(start + 1, len(words)))
        cut = words[start:end] + draw(
            st.lists(st.sampled_from(["xa", "tre", "truong"]), max_size=1)
        )
        return draw(st.sampled_from([str.upper, str.title, str]))(" ".join(cut))

    return run()


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_a_match_is_a_name_or_words_of_the_names_of_that_choice_only(data: st.DataObject) -> None:
    choices = data.draw(st.sampled_from(LISTS))
    typed = data.draw(_words(choices))
    found = match_choice(choices, typed)
    by_name = [c for c in choices.choices if key(typed) in {key(n) for n in names_of(c)}]
    words = f" {fold(typed)} "
    holding = {
        c.code
        for c in choices.choices
        if c.code != OTHER and any(words in f" {fold(n)} " for n in names_of(c))
    }
    if by_name:
        assert found == by_name[0]
    elif " " in fold(typed) and len(holding) == 1:
        assert found is not None and found.code in holding
    else:  # or a slip of the keys in one of its names, or its names among the school's words
        assert (
            found is None
            or _school_words_around(found, typed)
            or any(len(key(n)) >= 6 and _within_one(key(typed), key(n)) for n in names_of(found))
        )


def _school_words_around(choice: Choice, typed: str) -> bool:
    """Whether the typed words are names of ``choice`` and words of the school's (the slow way)."""
    rest = f" {fold(typed)} "
    for name in sorted((fold(n) for n in names_of(choice)), key=len, reverse=True):
        rest = rest.replace(f" {name} ", "  ") if name else rest
    return rest.strip() != fold(typed) and set(rest.split()) <= {fold(w) for w in SCHOOL_WORDS}


def _within_one(a: str, b: str) -> bool:
    """Levenshtein distance at most one, with a swap of neighbours counted one (the slow way)."""
    if a == b:
        return True
    edits = {a[:i] + a[i + 1 :] for i in range(len(a))}
    edits |= {a[:i] + a[i + 1] + a[i] + a[i + 2 :] for i in range(len(a) - 1)}
    letters = set(a + b)
    edits |= {a[:i] + c + a[i + 1 :] for i in range(len(a)) for c in letters}
    edits |= {a[:i] + c + a[i:] for i in range(len(a) + 1) for c in letters}
    return b in edits


@settings(max_examples=500, deadline=None)
@given(st.text("abcd", max_size=7), st.text("abcd", max_size=7))
def test_one_slip_is_an_edit_distance_of_exactly_one(typed: str, name: str) -> None:
    assert one_slip(typed, name) == (typed != name and _within_one(typed, name))
