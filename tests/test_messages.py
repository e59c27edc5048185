"""No English reaches a user (issue 9, point 14): what the command line says when things go wrong.

Each case is a mistake a clerk makes (a Word file given to ``validate``, a folder where a file is
expected, a tag mistyped while rewording the template) and the test reads what is printed: in
Vietnamese, naming the thing, with no class name, no system text, no Jinja or argparse English.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from outreach_xl.cli import main
from outreach_xl.demo.sample import my_an_2020
from outreach_xl.word.render import bundled_template

MakeBook = Callable[..., Path]

# What English leaking through looks like: exception class names, system and library phrases.
ENGLISH = re.compile(
    r"[A-Z][a-z]+(?:Error|Exception)\b|Is a directory|File exists|No such file|Permission denied"
    r"|unexpected|expected token|show program|version number|Errno|Traceback|object has no"
)


def said(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert not ENGLISH.search(text), text
    return code, text


def test_a_word_file_given_to_validate_is_named_as_one(
    make_book: MakeBook, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    book = make_book(my_an_2020())
    docx = tmp_path / "BaoCao.docx"
    assert main(["report", str(book), "-o", str(docx)]) == 0
    capsys.readouterr()
    code, text = said(capsys, "validate", str(docx))
    assert code == 2
    assert "là văn bản Word, không phải bảng tính Excel" in text
    renamed = tmp_path / "doi-ten.xlsx"  # a Word file renamed .xlsx is still a Word file
    renamed.write_bytes(docx.read_bytes())
    assert "là văn bản Word" in said(capsys, "validate", str(renamed))[1]


def test_a_folder_where_a_file_is_expected(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, text = said(capsys, "validate", str(tmp_path))
    assert code == 2 and "Đây là một thư mục, không phải tệp báo cáo" in text


def test_a_broken_workbook_is_not_named_by_the_library(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    broken = tmp_path / "hong.xlsx"
    with zipfile.ZipFile(broken, "w") as archive:  # a zip that only looks like a workbook
        archive.writestr("xl/workbook.xml", "<workbook>")
        archive.writestr("xl/_rels/workbook.xml.rels", "<Relationships/>")
    code, text = said(capsys, "validate", str(broken))
    assert code == 2 and "Không đọc được nội dung bảng tính" in text
    assert "Calamine" not in text


def test_the_demo_into_a_file_is_refused_in_words(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    taken = tmp_path / "demo"
    taken.write_text("")
    code, text = said(capsys, "demo", str(taken))
    assert code == 2 and "trùng tên với thư mục" in text


def test_help_is_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    text = capsys.readouterr().out
    assert "--version        hiện phiên bản rồi thoát" in text
    assert not ENGLISH.search(text), text


def _template(tmp_path: Path, old: str, new: str) -> Path:
    target = tmp_path / "mau.docx"
    with zipfile.ZipFile(bundled_template()) as zin, zipfile.ZipFile(target, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.decode("utf-8").replace(old, new, 1).encode("utf-8")
            zout.writestr(item, data)
    return target


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("{{ school_name }}", "{{ ten_truong }}", "{{ ten_truong }} (có phải {{ school_name }}?)"),
        ("{{ signer_name }}", "{{ nguoi_ky }}", "{{ nguoi_ky }} (có phải {{ signer_name }}?)"),
        ("{{ report_year }}", "{{ report_yaer }}", "(có phải {{ report_year }}?)"),
        ("{{ school_name }}", "{{ school_name }", "thừa hoặc thiếu một dấu ngoặc }"),
    ],
)
def test_a_mistyped_tag_is_answered_with_the_real_one(
    make_book: MakeBook,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    old: str,
    new: str,
    expected: str,
) -> None:
    book = make_book(my_an_2020())
    template = _template(tmp_path, old, new)
    code, text = said(
        capsys, "report", str(book), "-o", str(tmp_path / "r.docx"), "--template", str(template)
    )
    assert code == 2 and expected in text
    assert not (tmp_path / "r.docx").exists()


def test_a_template_that_is_a_workbook(
    make_book: MakeBook, capsys: pytest.CaptureFixture[str]
) -> None:
    book = make_book(my_an_2020())
    code, text = said(capsys, "report", str(book), "-o", str(book.with_suffix(".docx")),
                      "--template", str(book))  # fmt: skip
    assert code == 2 and "Tệp mẫu không phải tệp Word .docx" in text


def test_a_bug_is_told_without_its_class_name_and_logged_for_support(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from outreach_xl import cli

    def broken(_: object) -> int:
        raise ValueError("document number must be positive")

    monkeypatch.setitem(cli.COMMANDS, "validate", (broken, "x"))
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr("tempfile.tempdir", None)
    code, text = said(capsys, "validate", "x.xlsx")
    assert code == 3 and "LỖI không mong đợi trong chương trình" in text
    assert "ValueError" in (tmp_path / "outreach-xl-loi.txt").read_text(encoding="utf-8")
