"""The repository stands alone: what the code and tests point a reader to is in the repository."""

from __future__ import annotations

import re

import pytest

from support import REPO

SCANNED = ("src", "tests", "templates", "docs", "benchmarks")
_DOC_LINK = re.compile(r"\b((?:docs|templates)/[\w./-]+\.md)\b")


def _texts() -> list[tuple[str, str]]:
    files = [REPO / "README.md"]
    for folder in SCANNED:
        files += [p for p in (REPO / folder).rglob("*") if p.suffix in (".py", ".md")]
    return [(str(p.relative_to(REPO)), p.read_text(encoding="utf-8")) for p in sorted(files)]


def test_nothing_points_outside_the_repository() -> None:
    if not (REPO / "src").is_dir():
        pytest.skip("runs from a checkout")
    outside = "shared/" + "reference"  # split, so this file does not match itself
    for name, text in _texts():
        assert outside not in text, f"{name} points to {outside}, which is not in the repository"


def test_every_document_the_code_names_exists() -> None:
    if not (REPO / "src").is_dir():
        pytest.skip("runs from a checkout")
    for name, text in _texts():
        for link in _DOC_LINK.findall(text):
            assert (REPO / link).is_file(), f"{name} names {link}, which does not exist"
