"""``outreach-xl report``: errors stop it, warnings do not, nothing is overwritten, no pandas."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from report_view import open_docx, texts

from outreach_xl.app import school as reporting
from outreach_xl.app.school import ReportBlocked, write_school_report
from outreach_xl.cli import main
from outreach_xl.core.parse import read_grids
from outreach_xl.demo.sample import my_an_2020
from outreach_xl.files.reader import load_grids
from support import digest, with_changes

MakeBook = Callable[..., Path]


def test_report_next_to_the_input_with_the_default_name(
    make_book: MakeBook, capsys: pytest.CaptureFixture[str]
) -> None:
    book = make_book(my_an_2020(), name="so lieu.xlsx")
    assert main(["report", str(book)]) == 0
    target = book.with_name("BaoCao_TTDN_2020_MGMA.docx")
    assert target.is_file()
    assert str(target) in capsys.readouterr().out
    assert "TRƯỜNG MẪU GIÁO MỸ AN" in texts(open_docx(target.read_bytes()))


def test_abbreviation_with_d_stroke_is_ascii(make_book: MakeBook) -> None:
    book = make_book(with_changes(my_an_2020(), {"doc_symbol": "BC-MGĐA"}))
    assert main(["report", str(book)]) == 0
    assert book.with_name("BaoCao_TTDN_2020_MGDA.docx").is_file()


def test_existing_output_is_refused_without_force(
    make_book: MakeBook, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = make_book(my_an_2020())
    out = tmp_path / "bao cao.docx"
    out.write_bytes(b"old")
    before = digest(out)
    assert main(["report", str(book), "-o", str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert digest(out) == before
    assert main(["report", str(book), "-o", str(out), "--force"]) == 0
    assert out.read_bytes()[:2] == b"PK"
    assert not list(tmp_path.glob(".~outreach-*")), "no temporary file left behind"


def test_errors_stop_the_report(make_book: MakeBook, capsys: pytest.CaptureFixture[str]) -> None:
    bad = with_changes(
        my_an_2020(), {"staff_total": 21, "staff_participants": 30, "signer_name": None}
    )
    book = make_book(bad)
    assert main(["report", str(book)]) == 1
    err = capsys.readouterr().err
    assert "Chưa làm được báo cáo: tệp còn 2 lỗi" in err
    assert "Người ký: họ và tên" in err and "Số cán bộ, giáo viên, nhân viên tham gia" in err
    assert not list(book.parent.glob("*.docx"))


def test_warnings_are_printed_and_the_report_made(
    make_book: MakeBook, capsys: pytest.CaptureFixture[str]
) -> None:
    book = make_book(with_changes(my_an_2020(), {"sessions": 0}))
    assert main(["report", str(book)]) == 0
    out = capsys.readouterr().out
    assert "Cảnh báo" in out and "Số lần tuyên truyền" in out
    assert book.with_name("BaoCao_TTDN_2020_MGMA.docx").is_file()


def test_missing_template_is_exit_2(
    make_book: MakeBook, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = make_book(my_an_2020())
    assert main(["report", str(book), "--template", str(tmp_path / "khong.docx")]) == 2
    assert "Không tìm thấy tệp mẫu" in capsys.readouterr().err
    assert not list(book.parent.glob("*.docx"))


def test_pdf_without_libreoffice_says_how_to_get_it(
    make_book: MakeBook, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(reporting, "find_soffice", lambda: None)
    book = make_book(my_an_2020())
    assert main(["report", str(book), "--pdf"]) == 2
    err = capsys.readouterr().err
    assert "chưa cài LibreOffice" in err and "libreoffice.org" in err
    assert book.with_name("BaoCao_TTDN_2020_MGMA.docx").is_file(), "the Word file is still made"


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_pdf_with_libreoffice(make_book: MakeBook) -> None:
    book = make_book(my_an_2020())
    assert main(["report", str(book), "--pdf"]) == 0
    pdf = book.with_name("BaoCao_TTDN_2020_MGMA.pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-"


def test_from_grids_like_the_excel_button(make_book: MakeBook, tmp_path: Path) -> None:
    book = make_book(with_changes(my_an_2020(), {"sessions": 0}))
    sub = read_grids(load_grids(book), book.name)
    result = write_school_report(sub, tmp_path / "tu_nut_bam.docx")
    assert result.docx.is_file() and result.pdf is None
    assert [f.rule for f in result.warnings] == ["not_zero"]


def test_errors_raise_with_the_findings(make_book: MakeBook, tmp_path: Path) -> None:
    book = make_book(with_changes(my_an_2020(), {"pupil_total": 170, "pupil_participants": 999}))
    sub = read_grids(load_grids(book), book.name)
    with pytest.raises(ReportBlocked) as caught:
        write_school_report(sub, tmp_path / "x.docx")
    assert [f.rule for f in caught.value.findings] == ["not_greater"]
    assert caught.value.exit_code == 1
    assert "Số học sinh/trẻ tham gia" in caught.value.user_message()
    assert not (tmp_path / "x.docx").exists()


def test_report_path_never_imports_pandas(sample_book: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.docx"
    run = subprocess.run(
        [
            sys.executable,
            "-X",
            "importtime",
            "-m",
            "outreach_xl.cli",
            "report",
            str(sample_book),
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert out.is_file()
    imported = {line.split("|")[-1].strip() for line in run.stderr.splitlines() if "|" in line}
    assert "docxtpl" in imported
    assert not any(name.split(".")[0] in ("pandas", "numpy") for name in imported)


def test_demo_writes_the_sample_report(tmp_path: Path) -> None:
    assert main(["demo", str(tmp_path / "demo")]) == 0
    report = tmp_path / "demo" / "BaoCao_TTDN_2020_MGMA.docx"
    assert "III. KẾT QUẢ ĐẠT ĐƯỢC" in texts(open_docx(report.read_bytes()))


def test_help_lists_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    out = capsys.readouterr().out
    for option in ("--template", "--pdf", "--force", "-o"):
        assert option in out
