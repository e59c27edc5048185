"""Fixtures of the roll-up tests: the demo district, generated with the real builder in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from outreach_xl.demo.district import build_demo_district


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(register workbook, schools folder) of the demo district."""
    return build_demo_district(tmp_path_factory.mktemp("district"))
