"""The report as LibreOffice prints it: stable page count, nothing outside the margins, numbering.

Needs LibreOffice and poppler-utils (pdfinfo, pdftotext); skipped where they are missing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from report_view import columns_of, pdf_words

from outreach_xl.app.school import convert_to_pdf, render_school_report
from outreach_xl.core.model import SchoolData, Submission
from outreach_xl.demo.sample import my_an_2020
from support import with_changes

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.slow,
    pytest.mark.skipif(
        not all(shutil.which(t) for t in ("soffice", "pdfinfo", "pdftotext")),
        reason="LibreOffice or poppler-utils not installed",
    ),
]

MM = 72 / 25.4  # PDF points per millimetre


def _pdf(sub: Submission, folder: Path, name: str = "r") -> Path:
    docx = folder / f"{name}.docx"
    docx.write_bytes(render_school_report(sub))
    return convert_to_pdf(docx, folder / f"{name}.pdf")


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))  # type: ignore[union-attr]


def _inside_margins(pdf: Path) -> None:
    """The body inside the decree's margins; the header of page 1 (above ``BÁO CÁO``) reaches
    into them only as far as printers print (15 mm from the left edge, 10 from the right)."""
    words = pdf_words(pdf)
    title = min(w[2] for w in words if w[0] == 1 and w[5] == "BÁO")
    for page, x0, y0, x1, _, word in words:
        header = page == 1 and y0 < title
        assert x0 >= (15 if header else 30) * MM - 1, (page, word, x0)
        assert x1 <= (210 - (10 if header else 15)) * MM + 1, (page, word, x1)


def test_sample_pages_stable_and_inside_margins(sample_sub: Submission, tmp_path: Path) -> None:
    first = _pdf(sample_sub, tmp_path, "a")
    second = _pdf(sample_sub, tmp_path, "b")
    assert _pages(first) == _pages(second) >= 2
    _inside_margins(first)
    words = pdf_words(first)
    top = [w for w in words if w[4] < 20 * MM]  # wholly in the top margin
    assert not [w for w in top if w[0] == 1], "no page number on page 1"
    for page in range(2, _pages(first) + 1):
        numbers = [w for w in top if w[0] == page]
        assert [w[5] for w in numbers] == [str(page)]
        centre = (numbers[0][1] + numbers[0][3]) / 2
        assert abs(centre - (30 + 165 / 2) * MM) < 3 * MM, "centred over the text"


def test_many_items_run_to_several_pages(
    read_back: Callable[[SchoolData], Submission], tmp_path: Path
) -> None:
    content = [{"group": "Khác", "text": f"Nội dung tuyên truyền số {i} " * 6} for i in range(60)]
    sub = read_back(with_changes(my_an_2020(), content_items=content))
    pdf = _pdf(sub, tmp_path)
    assert _pages(pdf) >= 5
    _inside_margins(pdf)
    text = " ".join(w[5] for w in pdf_words(pdf))
    assert "Nguyễn" in text and text.count("tuyên truyền số 59") == 6


def test_very_long_names_stay_inside_the_header(
    read_back: Callable[[SchoolData], Submission], tmp_path: Path
) -> None:
    data = with_changes(
        my_an_2020(),
        {
            "managing_body": "ỦY BAN NHÂN DÂN XÃ MỸ AN HUYỆN THỦ THỪA TỈNH LONG AN " * 2,
            "school_name": "Trường Trung học cơ sở và Trung học phổ thông Nguyễn Thị Minh Khai "
            "thành phố Tân An",
            "place": "Thị trấn Thủ Thừa huyện Thủ Thừa",
        },
    )
    pdf = _pdf(read_back(data), tmp_path)
    _inside_margins(pdf)
    first = [w for w in pdf_words(pdf) if w[0] == 1]
    left_column_end = columns_of(pdf.with_suffix(".docx")).boundary
    school_words = [w for w in first if w[5] in ("KHAI", "TÂN")]
    assert school_words and all(w[3] <= left_column_end + 1 for w in school_words)
