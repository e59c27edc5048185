"""Fixtures of the output tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from outputs.helpers import Place, make_place


@pytest.fixture
def place(tmp_path: Path) -> Place:
    """A school's workbook and a district (register, schools' folder) in tmp_path."""
    return make_place(tmp_path)
