"""The report says what the school typed, the way a records office wants it (issue 9, 1-8).

Each test goes through ``outreach-xl report`` as a clerk would, on a workbook holding the kind of
entry a clerk really types (a label typed instead of picked, a subject starting with ``về``, a bare
``KT.``, names in capitals), and reads the .docx (or the PDF LibreOffice prints) that comes out.
"""

from __future__ import annotations

import itertools
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from report_view import (
    PT_PER_MM,
    Columns,
    columns_of,
    open_docx,
    pdf_lines,
    pdf_rules,
    pdf_words,
    texts,
)

from outreach_xl.cli import main
from outreach_xl.core.model import SchoolData
from outreach_xl.demo.sample import my_an_2020
from support import with_changes

MakeBook = Callable[..., Path]
LEFT_MM, RIGHT_MM = 30, 15  # the decree's margins


def report(
    make_book: MakeBook, data: SchoolData, capsys: pytest.CaptureFixture[str], *extra: str
) -> tuple[list[str], str]:
    """Run ``outreach-xl report`` on a workbook of ``data``; the report's lines and the output."""
    book = make_book(data, name=f"book{next(_BOOKS)}.xlsx")
    target = book.with_suffix(".docx")
    assert main(["report", str(book), "-o", str(target), *extra]) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    return [" ".join(t.split()) for t in texts(open_docx(target.read_bytes()))], out


_BOOKS = itertools.count()


def between(lines: list[str], start: str, stop: str) -> list[str]:
    return lines[lines.index(start) + 1 : lines.index(stop)]


# --- 1. The channel is named ---------------------------------------------------------------------


def test_each_channel_row_names_its_channel_then_what_was_done_then_the_count(
    make_book: MakeBook, capsys: pytest.CaptureFixture[str]
) -> None:
    channels = [
        {
            "channel": "Mạng xã hội Zalo",
            "activity": "Đăng 8 bài về hoạt động của trường",
            "count": 8,
        },
        {"channel": "facebook", "activity": "Chia sẻ 12 tin trên fanpage của trường.", "count": 12},
        {"channel": "Mạng xã hội Zalo", "activity": "Zalo nhóm phụ huynh: 30 tin", "count": None},
        {"channel": "Báo chí", "activity": "Báo chí đưa 2 tin về trường;", "count": None},
        {"channel": "Khác", "activity": "Tuyên truyền qua tờ gấp", "count": None},
        {"channel": "Truyền hình", "activity": "Phóng sự về ngày khai giảng", "count": 1},
    ]
    lines, _ = report(make_book, with_changes(my_an_2020(), channels=channels), capsys)
    assert between(lines, "b) Hình thức tuyên truyền:", "III. KẾT QUẢ ĐẠT ĐƯỢC") == [
        "- Mạng xã hội Zalo: đăng 8 bài về hoạt động của trường (số tin, bài, lượt: 8);",
        "- Facebook, fanpage: chia sẻ 12 tin trên fanpage của trường (số tin, bài, lượt: 12);",
        "- Zalo nhóm phụ huynh: 30 tin;",  # begins with the channel's name: not said twice
        "- Báo chí đưa 2 tin về trường;",
        "- Tuyên truyền qua tờ gấp;",  # «Khác» names nothing
        "- Truyền hình: phóng sự về ngày khai giảng (số tin, bài, lượt: 1).",
    ]


# --- 2. "về về" ----------------------------------------------------------------------------------


def test_a_subject_typed_with_ve_is_cited_once_and_warned(
    make_book: MakeBook, capsys: pytest.CaptureFixture[str]
) -> None:
    data = with_changes(
        my_an_2020(), {"request_subject": "Về hoạt động thông tin đối ngoại năm 2020."}
    )
    lines, out = report(make_book, data, capsys)
    preamble = next(line for line in lines if line.startswith("Thực hiện Công văn"))
    assert "về về" not in preamble.casefold()
    assert "Phòng Giáo dục và Đào tạo huyện Thủ Thừa về hoạt động thông tin đối ngoại năm " in (
        preamble
    )
    assert "Văn bản yêu cầu: về việc" in out and "Ghi: «hoạt động thông tin đối ngoại" in out


# --- 3. A bare signing authority ----------------------------------------------------------------


@pytest.mark.parametrize("typed", ["KT.", "kt", "TL. ", "Q."])
def test_a_bare_authority_stops_the_report_and_says_what_to_type(
    make_book: MakeBook, capsys: pytest.CaptureFixture[str], typed: str
) -> None:
    data = with_changes(
        my_an_2020(), {"signer_authority": typed, "signer_title": "PHÓ HIỆU TRƯỞNG"}
    )
    book = make_book(data)
    assert main(["report", str(book)]) == 1
    err = capsys.readouterr().err
    prefix = typed.strip().upper().rstrip(".") + "."
    assert f"Ghi đủ, ví dụ «{prefix} HIỆU TRƯỞNG»" in err
    assert not list(book.parent.glob("*.docx"))


def test_a_full_authority_is_printed_above_the_title(
    make_book: MakeBook, capsys: pytest.CaptureFixture[str]
) -> None:
    data = with_changes(
        my_an_2020(), {"signer_authority": "kt.hiệu trưởng", "signer_title": "Phó Hiệu trưởng"}
    )
    lines, _ = report(make_book, data, capsys)
    assert lines[lines.index("- Lưu: VT.") + 1 :] == [
        "KT. HIỆU TRƯỞNG",
        "PHÓ HIỆU TRƯỞNG",
        "Nguyễn Thị Thu Hà",
    ]


# --- 4. Case -------------------------------------------------------------------------------------


def test_names_typed_in_one_case_are_written_as_the_decree_writes_them(
    make_book: MakeBook, capsys: pytest.CaptureFixture[str]
) -> None:
    data = with_changes(
        my_an_2020(),
        {
            "school_name": "TRƯỜNG MẪU GIÁO LONG THƯỢNG",
            "signer_name": "nguyễn văn a",
            "place": "LONG THƯỢNG",
            "request_issuer": "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO HUYỆN CẦN GIUỘC",
            "managing_body": "Phòng GD&ĐT Cần Giuộc",
        },
    )
    lines, out = report(make_book, data, capsys)
    text = "\n".join(lines)
    assert "PHÒNG GD&ĐT CẦN GIUỘC" in lines  # the header in capitals, whatever was typed
    assert "TRƯỜNG MẪU GIÁO LONG THƯỢNG" in text.replace("\n", " ")
    assert "Hoạt động thông tin đối ngoại của Trường Mẫu giáo Long Thượng năm 2020" in lines
    assert "của Phòng Giáo dục và Đào tạo huyện Cần Giuộc về" in text
    assert ", Trường Mẫu giáo Long Thượng báo cáo kết quả" in text
    assert lines[-1] == "Nguyễn Văn A"
    assert any(line.startswith("Long Thượng, ngày 29 tháng 12 năm 2020") for line in lines)
    assert "TRƯỜNG MẪU GIÁO LONG THƯỢNG năm" not in text and "nguyễn văn a" not in text
    assert "Ghi: «Trường Mẫu giáo Long Thượng»" in out and "Ghi: «Nguyễn Văn A»" in out


# --- 5. Punctuation ------------------------------------------------------------------------------


def test_every_list_ends_its_items_with_one_mark_whatever_was_typed(
    make_book: MakeBook, capsys: pytest.CaptureFixture[str]
) -> None:
    endings = ["", ".", ";", ";.", "..", " ;", ",", ":"]
    content = [{"group": "Khác", "text": f"Nội dung {i}{e}"} for i, e in enumerate(endings)]
    channels = [
        {"channel": "Báo chí", "activity": f"Báo chí đưa tin {i}{e}", "count": None}
        for i, e in enumerate(endings)
    ]
    results = [{"text": f"Kết quả {i}{e}"} for i, e in enumerate(endings)]
    followups = [
        {"kind": "Khó khăn, hạn chế", "text": f"Khó khăn {i}{e}"} for i, e in enumerate(endings)
    ]
    recipients = [{"name": f"Nơi {i}{e}"} for i, e in enumerate(endings[:-1])] + [
        {"name": "Lưu: VT;."}
    ]
    data = with_changes(
        my_an_2020(),
        content_items=content,
        channels=channels,
        results=results,
        followups=followups,
        recipients=recipients,
    )
    lines, _ = report(make_book, data, capsys)
    lists = [
        between(lines, "a) Nội dung tuyên truyền:", "b) Hình thức tuyên truyền:"),
        between(lines, "b) Hình thức tuyên truyền:", "III. KẾT QUẢ ĐẠT ĐƯỢC"),
        between(lines, "III. KẾT QUẢ ĐẠT ĐƯỢC", "IV. KHÓ KHĂN, HẠN CHẾ"),  # results, then figures
        between(lines, "IV. KHÓ KHĂN, HẠN CHẾ", next(x for x in lines if x.startswith("Trên đây"))),
        between(lines, "Nơi nhận:", "HIỆU TRƯỞNG"),
    ]
    for items in lists:
        assert items and all(i.startswith("- ") for i in items), items
        assert [i[-1] for i in items] == [";"] * (len(items) - 1) + ["."], items
        assert not [i for i in items if re.search(r"[;.,: ][;.]$", i)], items
    assert lists[2][len(endings) - 1] == "- Kết quả 7;"  # the last result, figures after it
    assert lists[-1][-1] == "- Lưu: VT."


def test_list_marks_typed_or_pasted_before_an_item_are_the_reports_own_dash(
    make_book: MakeBook, capsys: pytest.CaptureFixture[str]
) -> None:
    typed = [
        "1. Đăng 25 tin trên trang web",
        "2) Tổ chức 3 buổi tuyên truyền",
        "a) Học sinh tham gia cuộc thi vẽ tranh",
        "-Tham gia hội thi cấp huyện",
        "\uf0b7 Phối hợp với Đoàn xã",  # Word's bullet, pasted with the text
        "• Xây dựng góc\u200b tuyên truyền",  # and a web page's invisible space
        "1.200 học sinh xem triển lãm",  # a figure, not a number of a list
        "+84 là mã vùng trong số điện thoại trên tờ gấp",
    ]
    data = with_changes(my_an_2020(), results=[{"text": t} for t in typed])
    lines, _ = report(make_book, data, capsys)
    closing = next(x for x in lines if x.startswith("Trên đây"))
    results = between(lines, "III. KẾT QUẢ ĐẠT ĐƯỢC", closing)
    assert results[: len(typed)] == [
        "- Đăng 25 tin trên trang web;",
        "- Tổ chức 3 buổi tuyên truyền;",
        "- Học sinh tham gia cuộc thi vẽ tranh;",
        "- Tham gia hội thi cấp huyện;",
        "- Phối hợp với Đoàn xã;",
        "- Xây dựng góc tuyên truyền;",
        "- 1.200 học sinh xem triển lãm;",
        "- +84 là mã vùng trong số điện thoại trên tờ gấp;",
    ]


def test_the_lines_of_one_cell_are_one_item_whether_wrapped_or_bulleted(
    make_book: MakeBook, capsys: pytest.CaptureFixture[str]
) -> None:
    content = [
        {"group": "Khác", "text": "* Tuyên truyền về chủ quyền biển đảo\n- Giới thiệu văn hóa"},
        {"group": "Khác", "text": "Tuyên truyền pháp luật;\nPhổ biến nội quy trường học."},
        {"group": "Khác", "text": "Tuyên truyền về truyền thống\ncủa quê hương Mỹ An"},  # wrapped
        {"group": "Khác", "text": "Giới thiệu:\n- Việt Nam đất nước con người"},
    ]
    lines, _ = report(make_book, with_changes(my_an_2020(), content_items=content), capsys)
    assert between(lines, "a) Nội dung tuyên truyền:", "b) Hình thức tuyên truyền:") == [
        "- Tuyên truyền về chủ quyền biển đảo; giới thiệu văn hóa;",
        "- Tuyên truyền pháp luật; phổ biến nội quy trường học;",
        "- Tuyên truyền về truyền thống của quê hương Mỹ An;",
        "- Giới thiệu: Việt Nam đất nước con người.",
    ]


def test_prose_ends_as_a_sentence_and_the_archive_line_as_the_decree_writes_it(
    make_book: MakeBook, capsys: pytest.CaptureFixture[str]
) -> None:
    data = with_changes(
        my_an_2020(),
        {"organisation": "Nhà trường xây dựng kế hoạch;\nTriển khai đến toàn thể giáo viên,"},
        recipients=[{"name": "Phòng GD&ĐT"}, {"name": "lưu vt"}],
    )
    lines, _ = report(make_book, data, capsys)
    assert between(lines, "I. CÔNG TÁC TUYÊN TRUYỀN", "II. NỘI DUNG THỰC HIỆN") == [
        "Nhà trường xây dựng kế hoạch.",
        "Triển khai đến toàn thể giáo viên.",
    ]
    assert between(lines, "Nơi nhận:", "HIỆU TRƯỞNG") == ["- Phòng GD&ĐT;", "- Lưu: VT."]


# --- 8. Rates only when the school typed totals --------------------------------------------------


def test_no_rate_without_a_total_and_a_rate_with_one(
    make_book: MakeBook, capsys: pytest.CaptureFixture[str]
) -> None:
    lines, _ = report(make_book, my_an_2020(), capsys)
    text = "\n".join(lines)
    assert "- Số cán bộ, giáo viên, nhân viên tham gia: 21;" in lines
    assert "- Số học sinh tham gia: 170;" in lines
    assert "%" not in text and "21/21" not in text
    typed = with_changes(my_an_2020(), {"staff_total": 25, "pupil_total": 200})
    lines, _ = report(make_book, typed, capsys)
    assert "- Số cán bộ, giáo viên, nhân viên tham gia: 21/25 (84%);" in lines
    assert "- Số học sinh tham gia: 170/200 (85%);" in lines


def test_the_sample_leaves_the_totals_empty_and_checks_clean(
    capsys: pytest.CaptureFixture[str],
) -> None:
    sample = Path(__file__).parents[2] / "workbook" / "samples" / "BaoCao_TTDN_2020_MGMA.xlsx"
    assert my_an_2020().values["staff_total"] is None
    assert my_an_2020().values["pupil_total"] is None
    assert main(["validate", str(sample)]) == 0
    assert "Tốt: không có lỗi, không có cảnh báo." in capsys.readouterr().out


def test_a_long_summary_line_breaks_between_words_not_inside_one(
    make_book: MakeBook, capsys: pytest.CaptureFixture[str]
) -> None:
    school = "Trường Trung học cơ sở và Trung học phổ thông Nguyễn Bỉnh Khiêm"
    book = make_book(with_changes(my_an_2020(), {"school_name": school}))
    target = book.with_suffix(".docx")
    assert main(["report", str(book), "-o", str(target)]) == 0
    summary = next(
        p for p in open_docx(target.read_bytes()).paragraphs if p.text.startswith("Hoạt động")
    )
    assert summary.text.split("\n") == [
        "Hoạt động thông tin đối ngoại của Trường Trung học cơ sở",
        "và Trung học phổ thông Nguyễn Bỉnh Khiêm năm 2020",
    ]


# --- 6 and 7. On the page, as LibreOffice prints it ----------------------------------------------

needs_pdf = [
    pytest.mark.libreoffice,
    pytest.mark.slow,
    pytest.mark.skipif(
        not all(shutil.which(t) for t in ("soffice", "pdftotext")),
        reason="LibreOffice or poppler-utils not installed",
    ),
]


def printed(make_book: MakeBook, data: SchoolData, capsys: pytest.CaptureFixture[str]) -> Any:
    return pdf_words(printed_pdf(make_book, data, capsys))


def printed_pdf(make_book: MakeBook, data: SchoolData, capsys: pytest.CaptureFixture[str]) -> Path:
    book = make_book(data)
    target = book.with_name("in.docx")
    assert main(["report", str(book), "-o", str(target), "--pdf"]) == 0, capsys.readouterr().err
    return target.with_suffix(".pdf")


def header_left_lines(words: Any, columns: Columns) -> list[tuple[int, float, float, float, str]]:
    """The printed lines of the header's left column on page 1, above the title."""
    title = min(w[2] for w in words if w[0] == 1 and w[5] == "BÁO")
    left = [w for w in words if w[0] == 1 and w[4] < title and w[1] < columns.boundary]
    return [line for line in pdf_lines(left) if not line[4].startswith("Số:")]


@pytest.mark.parametrize(
    ("managing", "school", "expected"),
    [
        (
            "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO THỦ THỪA",
            "Trường Tiểu học Mỹ Phú",
            ["PHÒNG GIÁO DỤC VÀ", "ĐÀO TẠO THỦ THỪA", "TRƯỜNG TIỂU HỌC MỸ PHÚ"],
        ),
        (
            "ỦY BAN NHÂN DÂN XÃ MỸ AN HUYỆN THỦ THỪA",
            "Trường Trung học cơ sở Nguyễn Thị Minh Khai",
            [
                "ỦY BAN NHÂN DÂN",
                "XÃ MỸ AN HUYỆN THỦ THỪA",
                "TRƯỜNG TRUNG HỌC CƠ SỞ",
                "NGUYỄN THỊ MINH KHAI",
            ],
        ),
        (
            "UBND XÃ MỸ AN",
            "TRƯỜNG MẪU GIÁO LONG THƯỢNG",
            ["UBND XÃ MỸ AN", "TRƯỜNG MẪU GIÁO", "LONG THƯỢNG"],
        ),
    ],
)
@pytest.mark.parametrize("_", [pytest.param(None, marks=needs_pdf)])
def test_header_names_break_between_words_on_balanced_lines(
    make_book: MakeBook,
    capsys: pytest.CaptureFixture[str],
    managing: str,
    school: str,
    expected: list[str],
    _: None,
) -> None:
    data = with_changes(my_an_2020(), {"managing_body": managing, "school_name": school})
    pdf = printed_pdf(make_book, data, capsys)
    columns = columns_of(pdf.with_suffix(".docx"))
    lines = header_left_lines(pdf_words(pdf), columns)
    assert [line[4] for line in lines] == expected
    assert abs(columns.start - LEFT_MM * PT_PER_MM) < 0.1, "names this long need no widening"
    for _page, _y, x0, x1, _text in lines:
        assert abs((x0 + x1) / 2 - columns.left_centre) < 1.5, "each line centred in the column"
        assert x0 >= columns.start - 1 and x1 <= columns.boundary + 1
    [rule] = [r for r in pdf_rules(pdf) if r[1] <= columns.boundary]  # the rule under the name
    assert abs((rule[0] + rule[1]) / 2 - columns.left_centre) < 1.5, "centred under the name"
    assert 0 < rule[2] - lines[-1][1] < 12, "right under the name's last line"


# A name two lines cannot hold beside the national title: tests/report/test_header_layout.py.


@pytest.mark.parametrize("authority", [None, "KT. HIỆU TRƯỞNG"])
@pytest.mark.parametrize("_", [pytest.param(None, marks=needs_pdf)])
def test_recipients_stand_level_with_the_signer(
    make_book: MakeBook, capsys: pytest.CaptureFixture[str], authority: str | None, _: None
) -> None:
    values = {"signer_authority": authority}
    if authority:
        values["signer_title"] = "PHÓ HIỆU TRƯỞNG"
    words = printed(make_book, with_changes(my_an_2020(), values), capsys)
    recipients = next(w for w in words if w[5] == "Nơi")
    signer = next(
        w
        for w in words
        if w[0] == recipients[0] and w[5] in ("KT.", "HIỆU") and w[1] > recipients[3]
    )
    baseline = recipients[4] - 0.216 * 12, signer[4] - 0.216 * 14  # glyph box bottom - descent
    assert abs(baseline[0] - baseline[1]) < 1.0, (recipients, signer)


@pytest.mark.parametrize("_", [pytest.param(None, marks=needs_pdf)])
def test_the_closing_sentence_never_opens_the_last_page_alone(
    make_book: MakeBook, capsys: pytest.CaptureFixture[str], _: None
) -> None:
    words = printed(make_book, my_an_2020(), capsys)  # the sample fills its pages to the end
    closing = next(w for w in words if w[5] == "Trên" and words[words.index(w) + 1][5] == "đây")
    body_top = 20 * PT_PER_MM + 2  # below the page number in the top margin
    above = [w for w in words if w[0] == closing[0] and body_top < w[4] < closing[2]]
    assert above, "at least one line of the body stands above the closing sentence on its page"


@pytest.mark.parametrize("_", [pytest.param(None, marks=needs_pdf)])
def test_pdf_of_a_report_named_relative_to_the_current_folder(
    make_book: MakeBook,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    _: None,
) -> None:
    book = make_book(my_an_2020())
    monkeypatch.chdir(book.parent)  # outreach-xl report BaoCao.xlsx --pdf, as the README says
    assert main(["report", book.name, "--pdf"]) == 0, capsys.readouterr().err
    assert (book.parent / "BaoCao_TTDN_2020_MGMA.pdf").read_bytes()[:5] == b"%PDF-"
