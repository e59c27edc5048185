"""A merge checks its output against every school file: ``refuse_inputs`` and ``find_files`` take
shortcuts for files that are not links (no path resolved per file); they must decide exactly as
the plain rules do (``same_file`` against each input; every path resolved), on every way a path
can name a file: itself, relative, through ``..``, a link to it or to its folder, a hard link, a
link that leads nowhere, a missing file, another file of the same name elsewhere."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest

from outreach_xl.errors import OutputError
from outreach_xl.files.folder import find_files
from outreach_xl.files.output import refuse_inputs, same_file

pytestmark = pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs links")


def tree(root: Path) -> list[Path]:
    """A folder of schools' files and their look-alikes; every path naming something in it."""
    schools = root / "truong"
    other = root / "khac"
    schools.mkdir()
    other.mkdir()
    for name in ("a.xlsx", "b.xlsm", "TongHop.xlsx"):
        (schools / name).write_bytes(b"x")
    (other / "a.xlsx").write_bytes(b"y")  # same name, another file
    os.link(schools / "a.xlsx", other / "cung.xlsx")  # hard link: same file, another name
    (other / "lk.xlsx").symlink_to(schools / "b.xlsm")  # a link to a school's file
    (other / "hong.xlsx").symlink_to(root / "khong-co.xlsx")  # leads nowhere
    (root / "lk-thu-muc").symlink_to(schools, target_is_directory=True)  # a link to the folder
    return [
        schools / "a.xlsx",
        schools / "b.xlsm",
        schools / "TongHop.xlsx",
        other / "a.xlsx",
        other / "cung.xlsx",
        other / "lk.xlsx",
        other / "hong.xlsx",
        root / "lk-thu-muc" / "a.xlsx",
        root / "lk-thu-muc" / "TongHop.xlsx",
        other / ".." / "truong" / "b.xlsm",
        schools / "moi.xlsx",  # does not exist
        root / "khong-co.xlsx",  # what the broken link names
        schools,
        schools / ".",
    ]


def test_refuse_inputs_is_same_file_against_each(tmp_path: Path, monkeypatch) -> None:
    paths = tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    relative = [Path(os.path.relpath(p, tmp_path)) for p in paths]
    everything = paths + relative + [str(p) for p in paths[:3]]
    checked = 0
    for target, inputs in itertools.product(everything, itertools.combinations(everything, 2)):
        expected = any(same_file(target, source) for source in inputs)
        try:
            refuse_inputs(Path(target), inputs)
            refused = False
        except OutputError:
            refused = True
        assert refused == expected, (target, inputs)
        checked += expected
    assert checked > 100  # the refusing cases are many, not a corner


def _plain_books(folder: Path, exclude: list[Path], recursive: bool) -> list[Path]:
    """``find_files``'s books by the plain rule: every path resolved and compared with the
    resolved excludes."""
    skip = {p.resolve() for p in exclude}
    books, _ = find_files(folder, recursive=recursive)  # nothing excluded
    return [b for b in books if b.resolve() not in skip]


@pytest.mark.parametrize("recursive", [False, True])
def test_find_files_excludes_what_resolving_every_path_excludes(
    tmp_path: Path, recursive: bool
) -> None:
    paths = tree(tmp_path)
    folder = tmp_path / "khac"
    (folder / "con").mkdir()
    (folder / "con" / "TongHop.xlsx").write_bytes(b"z")
    (folder / "con" / "lk2.xlsx").symlink_to(tmp_path / "truong" / "TongHop.xlsx")
    (folder / "TongHop.xlsx").symlink_to(tmp_path / "lk-thu-muc" / "TongHop.xlsx")
    files = [p for p in paths if p.suffix] + [folder / "con" / "TongHop.xlsx"]
    for count in (1, 2):
        for exclude in itertools.combinations(files, count):
            books, _ = find_files(folder, recursive=recursive, exclude=exclude)
            assert books == _plain_books(folder, list(exclude), recursive), exclude
