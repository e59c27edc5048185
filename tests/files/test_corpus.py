"""Our cell reader gives exactly python-calamine's grids on every workbook of the repository and on
a varied generated corpus, and takes the fast path on our own templates and LibreOffice re-saves
of them (the reference: ``differential.before``, the reader as it was)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from files.differential import before, difference, fast, now, same, why_declined
from outreach_xl.schema import DISTRICT, SCHOOL
from support import REPO

REPOSITORY = sorted(
    [*(REPO / "tests" / "data").rglob("*.xls[xm]"), *(REPO / "workbook").rglob("*.xls[xm]")]
)
SHEETS = (None, SCHOOL.sheets_to_read(), DISTRICT.sheets_to_read())


@pytest.mark.parametrize("path", REPOSITORY, ids=lambda p: str(p.relative_to(REPO)))
def test_a_workbook_of_the_repository_reads_as_calamine_reads_it(path: Path) -> None:
    for sheets in SHEETS:
        ours, theirs = now(path, sheets), before(path, sheets)
        assert same(ours, theirs), difference(ours, theirs)


@pytest.mark.parametrize("path", REPOSITORY, ids=lambda p: str(p.relative_to(REPO)))
def test_every_workbook_of_the_repository_takes_the_fast_path(path: Path) -> None:
    """All of them are our templates (fixtures, old versions, samples) or LibreOffice re-saves of
    our outputs (tests/data/golden/*.calc.xlsx): none may fall back to python-calamine."""
    assert fast(path), why_declined(path)


def test_the_varied_corpus_reads_as_calamine_reads_it(varied: dict[str, Path]) -> None:
    differences = {}
    for name, path in varied.items():
        for sheets in SHEETS:
            ours, theirs = now(path, sheets), before(path, sheets)
            if not same(ours, theirs):
                differences[name, sheets is None] = difference(ours, theirs)
    assert not differences, differences


def test_the_varied_corpus_takes_the_fast_path(varied: dict[str, Path]) -> None:
    declined = {name: why_declined(path) for name, path in varied.items() if not fast(path)}
    assert not declined, declined
    assert {p.suffix for p in varied.values()} == {".xlsx", ".xlsm"}


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice (soffice)")
def test_the_libreoffice_resaves_are_in_the_corpus(varied: dict[str, Path]) -> None:
    """(So the two tests above cover them: re-saved parts differ in every byte from ours.)"""
    resaved = [path for name, path in varied.items() if name.startswith("lo-")]
    assert len(resaved) == 3
    import zipfile

    for path in resaved:
        with zipfile.ZipFile(path) as archive:
            assert b'appName="Calc"' in archive.read("xl/workbook.xml")
