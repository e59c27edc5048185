"""Fixtures for the report tests: the sample read back from a real workbook, rendered once."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest

from outreach_xl import read_file, render_school_report
from outreach_xl.core.model import SchoolData, Submission
from outreach_xl.demo.sample import my_an_2020
from outreach_xl.schema import SCHOOL
from outreach_xl.xlsx.builder import build_workbook


@pytest.fixture(scope="session")
def read_back(tmp_path_factory: pytest.TempPathFactory) -> Callable[[SchoolData], Submission]:
    """Build a workbook from data, save it, read it: the Submission the report really sees."""
    folder = tmp_path_factory.mktemp("books")
    counter = iter(range(10**6))

    def read(data: SchoolData) -> Submission:
        path = folder / f"book{next(counter)}.xlsx"
        path.write_bytes(build_workbook(SCHOOL, data))
        return read_file(path)

    return read


@pytest.fixture(scope="session")
def sample_sub(read_back: Callable[[SchoolData], Submission]) -> Submission:
    return read_back(my_an_2020())


@pytest.fixture(scope="session")
def sample_bytes(sample_sub: Submission) -> bytes:
    return render_school_report(sample_sub)


@pytest.fixture()
def sample_doc(sample_bytes: bytes) -> Any:
    return docx.Document(io.BytesIO(sample_bytes))


@pytest.fixture(scope="session")
def sample_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample workbook file in a folder of its own (read-only use)."""
    path = tmp_path_factory.mktemp("sample") / "BaoCao_TTDN_2020_MGMA.xlsx"
    path.write_bytes(build_workbook(SCHOOL, my_an_2020()))
    return path
