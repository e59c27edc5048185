"""Shared fixtures: the sample data and a helper that builds a workbook file in a temp folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from outreach_xl.core.model import SchoolData
from outreach_xl.demo.sample import my_an_2020
from outreach_xl.schema import SCHOOL, WorkbookSchema
from outreach_xl.xlsx.builder import build_workbook

DATA = Path(__file__).parent / "data"


@pytest.fixture
def sample() -> SchoolData:
    return my_an_2020()


@pytest.fixture
def make_book(tmp_path: Path) -> Callable[..., Path]:
    """Build a workbook from data into tmp_path and return its path."""

    def make(
        data: SchoolData | None = None, name: str = "book.xlsx", schema: WorkbookSchema = SCHOOL
    ) -> Path:
        path = tmp_path / name
        path.write_bytes(build_workbook(schema, data))
        return path

    return make
