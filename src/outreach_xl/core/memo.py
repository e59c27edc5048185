"""Bounded memos of per-text work that repeats from workbook to workbook of a merge.

Drop-down columns, headings and markers hold the same few short texts in every school's file, so
parsing and validation remember what they made of them (``parse``: keys and typed values;
``validation``: the ends of their consonants). Each memo is bounded: emptied when full, and only
texts of at most ``SHORT`` characters are kept for values (free writing seldom repeats).
"""

from __future__ import annotations

from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")

SHORT = 64


def remember(memo: dict[K, V], key: K, value: V, kept: int) -> V:
    """``memo[key] = value``, the memo emptied first when it holds ``kept`` entries; ``value``."""
    if len(memo) >= kept:
        memo.clear()
    memo[key] = value
    return value
