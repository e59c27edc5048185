"""A district merge over the hostile corpus: every file gets a status, the merge goes on, inputs
stay untouched, and text that looks like a formula stays text in the roll-up."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from hostile.corpus import CASES, sample_bytes, write_corpus
from outreach_xl import rollup_folder, write_rollup
from outreach_xl.core.merge import FileStatus, Rollup
from support import digest

EXPECTED_STATUS = {
    "NotOurWorkbook": {FileStatus.NOT_OURS},
    "UnsupportedTemplate": {FileStatus.NOT_OURS},
    "UnreadableFile": {FileStatus.UNREADABLE},
    "MissingPart": {FileStatus.UNREADABLE},
    "InputTooLarge": {FileStatus.UNREADABLE},
    "OwnOutput": {FileStatus.SKIPPED},
}


@pytest.fixture(scope="module")
def merged(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Path], Rollup]:
    folder = tmp_path_factory.mktemp("district")
    corpus = write_corpus(folder / "hostile")
    (folder / "good.xlsx").write_bytes(sample_bytes())
    hashes = {name: digest(path) for name, path in corpus.items()}
    rollup = rollup_folder(folder, recursive=True, workers=2)
    assert {name: digest(path) for name, path in corpus.items()} == hashes, "an input changed"
    return folder, corpus, rollup


def test_every_file_gets_a_status(merged: tuple[Path, dict[str, Path], Rollup]) -> None:
    folder, corpus, rollup = merged
    by_file = {entry.file: entry for entry in rollup.files}
    for case in CASES:
        if case.name not in corpus:
            continue
        entry = by_file[corpus[case.name].relative_to(folder).as_posix()]
        if case.name in ("office_lock_file", "own_rollup"):
            assert entry.status is FileStatus.SKIPPED
        elif case.expect.error:
            assert entry.status in EXPECTED_STATUS[case.expect.error], case.name
            assert entry.reason and "Cách sửa" in entry.reason, case.name
        else:
            assert entry.status in {
                FileStatus.VALID,
                FileStatus.WITH_ERRORS,
                FileStatus.DUPLICATE,
                FileStatus.SAME_CONTENT,  # the hostile copies of the sample hold its entries
            }


def test_the_good_school_is_in_the_rollup(merged: tuple[Path, dict[str, Path], Rollup]) -> None:
    _, _, rollup = merged
    assert any(row["school_code"] == "80512101" for row in rollup.rows)


def test_formula_looking_text_stays_text_in_the_output(
    merged: tuple[Path, dict[str, Path], Rollup], tmp_path: Path
) -> None:
    _, _, rollup = merged
    out = write_rollup(rollup, tmp_path / "tong-hop.xlsx")
    book = openpyxl.load_workbook(out)
    texts = [
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and cell.value[:1] in "=+-@"
    ]
    assert {c.value[:1] for c in texts} >= {"=", "+", "@"}, "the corpus text must reach the output"
    assert all(cell.data_type == "s" for cell in texts)
    assert not any(
        cell.data_type == "f" for s in book.worksheets for r in s.iter_rows() for cell in r
    )


def test_lock_files_and_hostile_files_do_not_stop_the_merge(
    merged: tuple[Path, dict[str, Path], Rollup],
) -> None:
    _, corpus, rollup = merged
    assert len(rollup.files) == len(corpus) + 1
