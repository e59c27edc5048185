"""Issue 9, point 6, on the printed page: long real names in the header on at most two lines.

"TRƯỜNG TRUNG HỌC CƠ SỞ VÀ TRUNG HỌC PHỔ THÔNG NGUYỄN BỈNH KHIÊM" needs about 94 mm per line
even in 12 pt: beside the national title (95.7 mm in 13 pt bold) only 68 mm are left within the
decree's margins. Like Vietnamese offices do, the header then reaches into the margins (at least
15 mm from the paper's left edge, 10 mm from its right one) and the national title is set in
12 pt, which the decree allows. Each test makes the report through the command line
(``outreach-xl report --pdf``, ``rollup`` then ``district-report``), reads the header's columns
from the .docx and checks on the PDF LibreOffice prints (``pdftotext -bbox``, ``pdftocairo -svg``)
where every line of the header stands.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from report_view import PT_PER_MM, Columns, columns_of, pdf_lines, pdf_rules, pdf_words

from outreach_xl.app.school import convert_to_pdf
from outreach_xl.cli import main
from outreach_xl.demo.district import build_demo_district, register_data
from outreach_xl.demo.sample import my_an_2020
from outreach_xl.schema import DISTRICT, SCHOOL
from outreach_xl.word.metrics import text_width_mm
from outreach_xl.xlsx.builder import build_workbook
from support import with_changes

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.slow,
    pytest.mark.skipif(
        not all(shutil.which(t) for t in ("soffice", "pdftotext", "pdftocairo")),
        reason="LibreOffice or poppler-utils not installed",
    ),
]

LONG_SCHOOL = "Trường Trung học cơ sở và Trung học phổ thông Nguyễn Bỉnh Khiêm"
PRINTABLE = (15 * PT_PER_MM, (210 - 10) * PT_PER_MM)  # what every office printer prints
TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"

Word = tuple[int, float, float, float, float, str]
Line = tuple[int, float, float, float, str]


@dataclass(frozen=True)
class Header:
    columns: Columns
    left: list[Line]  # the printed lines of the left column, top to bottom
    right: list[Line]
    words: list[Word]
    rules: list[tuple[float, float, float]]  # (x0, x1, y) of the short rules above the title


def printed_header(pdf: Path, docx: Path) -> Header:
    """The header of page 1 (everything above ``BÁO CÁO``), split at the column boundary."""
    columns = columns_of(docx)
    words = pdf_words(pdf)
    title = min(w[2] for i, w in enumerate(words) if w[0] == 1 and w[5] == "BÁO"
                and words[i + 1][5] == "CÁO")  # fmt: skip
    header = [w for w in words if w[0] == 1 and w[4] < title]
    left = [w for w in header if w[1] < columns.boundary]
    right = [w for w in header if w[1] >= columns.boundary]
    rules = [r for r in pdf_rules(pdf) if r[2] < title]
    return Header(columns, pdf_lines(left), pdf_lines(right), header, rules)


def split_names(lines: list[Line], managing: str, name: str) -> tuple[list[Line], list[Line]]:
    """The printed lines of the managing body and of the name, each read back whole."""
    texts = [line[4] for line in lines]
    for cut in range(1, len(texts)):
        if " ".join(texts[:cut]) == managing:
            rest = texts[cut:]
            end = next(i for i in range(1, len(rest) + 1) if " ".join(rest[:i]) == name)
            return lines[:cut], lines[cut : cut + end]
    raise AssertionError(f"{managing!r} then {name!r} not printed whole in {texts}")


def check_header(pdf: Path, docx: Path, managing: str, name: str) -> Header:
    """What every header must be, whatever the names; returns it for the caller's own checks."""
    header = printed_header(pdf, docx)
    cols = header.columns
    for word in header.words:  # on the printer's paper
        assert PRINTABLE[0] - 0.5 <= word[1] and word[3] <= PRINTABLE[1] + 0.5, word
    for line in header.left:  # nothing of the left column runs into the right one
        assert line[3] <= cols.boundary + 0.5, (line, cols)
    right = [line[4] for line in header.right]
    assert right[:2] == [TITLE, MOTTO], "the national title and the motto, one line each"
    managing_lines, name_lines = split_names(header.left, managing, name)
    assert 1 <= len(managing_lines) <= 2 and 1 <= len(name_lines) <= 2
    for line in managing_lines + name_lines:
        centre = (line[2] + line[3]) / 2
        assert abs(centre - cols.left_centre) < 1.5, ("centred in its column", line, cols)
    left_rules = [r for r in header.rules if r[1] <= cols.boundary]
    right_rules = [r for r in header.rules if r[0] >= cols.boundary]
    assert len(left_rules) == len(right_rules) == 1, header.rules
    (x0, x1, y), widest = left_rules[0], max(line[3] - line[2] for line in name_lines)
    assert abs((x0 + x1) / 2 - cols.left_centre) < 1.5, "the rule centred under the name"
    assert widest / 3 - 1 <= x1 - x0 <= widest / 2 + 1, "1/3 to 1/2 of the name's length"
    assert 0 < y - name_lines[-1][1] < 12, "right under the name's last line"
    motto = next(line for line in header.right if line[4] == MOTTO)
    (x0, x1, y) = right_rules[0]
    assert abs((x0 + x1) / 2 - cols.right_centre) < 1.5, "the motto's rule centred under it"
    assert abs((x1 - x0) - (motto[3] - motto[2])) < 1.5, "as long as the motto"
    number = next(line for line in header.left if line[4].startswith("Số:"))
    date = next(line for line in header.right if ", ngày " in line[4])
    number_top = min(w[2] for w in header.words if w[5] == "Số:")
    date_top = min(w[2] for w in header.words if w[4] >= date[1] - 1 and w[1] >= cols.boundary)
    assert abs(number_top - date_top) < 1.5, ("Số and the date on one row", number, date)
    assert abs((number[2] + number[3]) / 2 - cols.left_centre) < 1.5
    return header


def school_report(tmp_path: Path, capsys: pytest.CaptureFixture[str], **values: str) -> Path:
    book = tmp_path / "BaoCao.xlsx"
    book.write_bytes(build_workbook(SCHOOL, with_changes(my_an_2020(), values)))
    target = tmp_path / "BaoCao.docx"
    assert main(["report", str(book), "-o", str(target), "--pdf"]) == 0, capsys.readouterr().err
    return target


def name_is_two_balanced_lines(header: Header, managing: str, name: str) -> list[str]:
    _, lines = split_names(header.left, managing, name)
    assert len(lines) == 2, [line[4] for line in lines]
    widths = [line[3] - line[2] for line in lines]
    assert min(widths) >= 0.75 * max(widths), ("balanced", lines)
    return [line[4] for line in lines]


@pytest.mark.parametrize("managing", ["UBND XÃ BÌNH THẠNH", "ỦY BAN NHÂN DÂN XÃ TÂN PHƯỚC TÂY"])
def test_the_longest_school_name_stands_on_two_balanced_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], managing: str
) -> None:
    docx = school_report(tmp_path, capsys, managing_body=managing, school_name=LONG_SCHOOL)
    header = check_header(docx.with_suffix(".pdf"), docx, managing, LONG_SCHOOL.upper())
    lines = name_is_two_balanced_lines(header, managing, LONG_SCHOOL.upper())
    assert lines == ["TRƯỜNG TRUNG HỌC CƠ SỞ VÀ TRUNG HỌC", "PHỔ THÔNG NGUYỄN BỈNH KHIÊM"]
    # it took the margins' room: the header reaches 15 mm from the left edge, 10 from the right
    cols = header.columns
    assert cols.start < 30 * PT_PER_MM and cols.end > 195 * PT_PER_MM
    title = next(line for line in header.right if line[4] == TITLE)
    assert abs((title[3] - title[2]) - text_width_mm(TITLE, 12, bold=True) * PT_PER_MM) < 2, (
        "the national title in 12 pt"
    )
    managing_lines, _ = split_names(header.left, managing, LONG_SCHOOL.upper())
    assert len(managing_lines) == 1


def test_the_sample_header_stays_within_the_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docx = school_report(tmp_path, capsys)
    header = check_header(docx.with_suffix(".pdf"), docx, "PHÒNG GD&ĐT THỦ THỪA",
                          "TRƯỜNG MẪU GIÁO MỸ AN")  # fmt: skip
    edges = (header.columns.start, header.columns.boundary, header.columns.end)
    for edge, mm in zip(edges, (30, 30 + 68, 210 - 15), strict=True):  # not widened: 68 | 97 mm
        assert abs(edge - mm * PT_PER_MM) < 0.1, (edges, mm)
    assert [line[4] for line in header.left][:2] == [
        "PHÒNG GD&ĐT THỦ THỪA",
        "TRƯỜNG MẪU GIÁO MỸ AN",
    ]
    title = next(line for line in header.right if line[4] == TITLE)
    assert abs((title[3] - title[2]) - text_width_mm(TITLE, 13, bold=True) * PT_PER_MM) < 2


def test_the_district_office_name_stands_on_two_balanced_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, folder = build_demo_district(tmp_path / "demo")
    register = tmp_path / "TongHop.xlsx"
    unit = "Phòng Giáo dục và Đào tạo huyện Thủ Thừa"
    data = with_changes(
        register_data(), {"unit_name": unit, "managing_body": "UBND HUYỆN THỦ THỪA"}
    )
    register.write_bytes(build_workbook(DISTRICT, data))
    rollup, docx = tmp_path / "th.xlsx", tmp_path / "bc.docx"
    assert main(["rollup", str(folder), "--register", str(register), "-o", str(rollup)]) == 0
    assert main(["district-report", str(rollup), "--register", str(register), "-o", str(docx)]) == 0
    capsys.readouterr()
    pdf = convert_to_pdf(docx, tmp_path / "bc.pdf")
    header = check_header(pdf, docx, "UBND HUYỆN THỦ THỪA", unit.upper())
    lines = name_is_two_balanced_lines(header, "UBND HUYỆN THỦ THỪA", unit.upper())
    assert lines == ["PHÒNG GIÁO DỤC VÀ", "ĐÀO TẠO HUYỆN THỦ THỪA"]
