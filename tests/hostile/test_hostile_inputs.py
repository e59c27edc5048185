"""Every case of the hostile corpus gets its clear message or its right handling, and no input file
is ever changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from hostile.corpus import CASES, Case, write_corpus
from outreach_xl.app.check import check_file, check_files
from support import digest

HAS_SOFFICE = shutil.which("soffice") is not None


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_corpus(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="session")
def hashes(corpus: dict[str, Path]) -> dict[str, str]:
    return {name: digest(path) for name, path in corpus.items()}


def _case_path(case: Case, corpus: dict[str, Path]) -> Path:
    if case.name not in corpus:
        pytest.skip("needs LibreOffice (soffice) to generate")
    return corpus[case.name]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_each_case_is_handled(case: Case, corpus: dict[str, Path]) -> None:
    path = _case_path(case, corpus)
    result = check_file(path)
    expect = case.expect
    if expect.error:
        assert result.failure is not None, f"expected {expect.error}, got {result.findings}"
        assert type(result.failure).__name__ == expect.error
        message = result.failure.user_message()
        assert path.name in message and "Cách sửa" in message
        for word in expect.words:
            assert word in message
        assert result.exit_code == 2
    else:
        assert result.failure is None, result.failure.user_message()
        assert {f.rule for f in result.findings} == set(expect.rules)
        for finding in result.findings:
            assert finding.cell and finding.fix and finding.sheet


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_each_case_reads_as_before_our_cell_reader(case: Case, corpus: dict[str, Path]) -> None:
    """The same grids, or the same error, as the guard over zipfile and python-calamine gave
    (``files.differential.before``): for the school's sheets and for all of them."""
    from files.differential import before, difference, now, same
    from outreach_xl.schema import SCHOOL

    path = _case_path(case, corpus)
    for sheets in (SCHOOL.sheets_to_read(), None):
        ours, theirs = now(path, sheets), before(path, sheets)
        assert same(ours, theirs), difference(ours, theirs)


def test_no_input_file_is_changed(corpus: dict[str, Path], hashes: dict[str, str]) -> None:
    check_files(corpus.values())
    assert {name: digest(path) for name, path in corpus.items()} == hashes


def test_one_bad_file_never_stops_the_others(corpus: dict[str, Path]) -> None:
    results = check_files(corpus.values())
    assert len(results) == len(corpus)
    assert {r.exit_code for r in results} == {0, 1, 2}


def test_nfd_text_reads_as_the_nfc_sample(corpus: dict[str, Path]) -> None:
    from outreach_xl.demo.sample import my_an_2020
    from outreach_xl.files.reader import read_file

    assert read_file(corpus["nfd_text"]).data() == my_an_2020()


@pytest.mark.skipif(not HAS_SOFFICE, reason="needs LibreOffice (soffice)")
def test_ods_saved_by_libreoffice_reads_as_the_sample(corpus: dict[str, Path]) -> None:
    from outreach_xl.demo.sample import my_an_2020
    from outreach_xl.files.reader import read_file

    assert read_file(corpus["ods"], expect=None).data() == my_an_2020()


@pytest.mark.skipif(not HAS_SOFFICE, reason="needs LibreOffice (soffice)")
def test_xls_saved_for_an_older_office_reads_as_the_sample(corpus: dict[str, Path]) -> None:
    from outreach_xl.demo.sample import my_an_2020
    from outreach_xl.files.reader import read_file

    assert read_file(corpus["xls"], expect=None).data() == my_an_2020()


def test_formula_looking_text_is_read_as_text(corpus: dict[str, Path]) -> None:
    from outreach_xl.files.reader import read_file

    sub = read_file(corpus["formula_injection"])
    assert sub.value("signer_name") == "=cmd|' /C calc'!A0"
    assert [r["text"][0] for r in sub.records("results")] == ["=", "+", "-", "@"]


def test_every_case_is_in_the_docs_table() -> None:
    from support import REPO

    table = (REPO / "docs" / "hostile-inputs.md").read_text(encoding="utf-8")
    for case in CASES:
        assert f"| `{case.name}` (`{case.file_name}`) | {case.note} |" in table, case.name
