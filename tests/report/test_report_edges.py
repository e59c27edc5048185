"""Edge cases of the report: long lists, empty optional parts, awkward text, broken templates."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm
from report_view import find, open_docx, texts

from outreach_xl import render_school_report, validate
from outreach_xl.core.model import SchoolData, Submission
from outreach_xl.core.school_report import school_context
from outreach_xl.demo.sample import my_an_2020
from outreach_xl.errors import TemplateError
from outreach_xl.schema import Severity
from outreach_xl.word.render import bundled_template, render_docx
from support import with_changes

Reader = Callable[[SchoolData], Submission]


def _render(read_back: Reader, data: SchoolData) -> list[str]:
    return texts(open_docx(render_school_report(read_back(data))))


def test_many_items_all_present_in_order(read_back: Reader) -> None:
    content = [{"group": "Khác", "text": f"Nội dung số {i:03d} & <{i}>"} for i in range(80)]
    channels = [
        {"channel": "Mạng xã hội Zalo", "activity": f"Đăng tin lần {i:03d}.", "count": i}
        for i in range(40)
    ]
    results = [{"text": f"Kết quả {i:03d}"} for i in range(30)]
    data = with_changes(my_an_2020(), content_items=content, channels=channels, results=results)
    lines = _render(read_back, data)
    items = [line for line in lines if line.startswith("- Nội dung số")]
    assert items == [f"- Nội dung số {i:03d} & <{i}>" + (";" if i < 79 else ".") for i in range(80)]
    posted = [line for line in lines if line.startswith("- Mạng xã hội Zalo: đăng tin lần")]
    assert posted[0] == "- Mạng xã hội Zalo: đăng tin lần 000 (số tin, bài, lượt: 0);"
    assert posted[39] == "- Mạng xã hội Zalo: đăng tin lần 039 (số tin, bài, lượt: 39)."
    assert len([line for line in lines if line.startswith("- Kết quả")]) == 30


def test_empty_optional_parts_leave_no_heading(read_back: Reader) -> None:
    data = with_changes(
        my_an_2020(),
        {"addressee": None, "news_items": None, "parents_reached": None},
        results=[],
        followups=[],
    )
    lines = _render(read_back, data)
    assert not any(line.startswith(("IV.", "V.", "Kính gửi")) for line in lines)
    assert "- " not in lines and "-" not in lines
    start = lines.index("III. KẾT QUẢ ĐẠT ĐƯỢC")
    assert lines[start + 1] == "- Số cán bộ, giáo viên, nhân viên tham gia: 21;"


def test_filled_optional_parts_are_numbered_on(read_back: Reader) -> None:
    followups = [
        {"kind": "Kiến nghị, đề xuất", "text": "Đề nghị cấp thêm loa."},
        {"kind": "Khó khăn, hạn chế", "text": "Thiếu máy tính."},
        {"kind": "Khó khăn, hạn chế", "text": "- Đường truyền chậm."},
    ]
    data = with_changes(
        my_an_2020(),
        {
            "addressee": "Phòng Giáo dục và Đào tạo huyện Thủ Thừa",
            "news_items": 1200,
            "parents_reached": 150,
            "signer_authority": "KT. HIỆU TRƯỞNG",
            "signer_title": "Phó Hiệu trưởng",
        },
        followups=followups,
    )
    sub = read_back(data)
    doc = open_docx(render_school_report(sub))
    lines = texts(doc)
    four = lines.index("IV. KHÓ KHĂN, HẠN CHẾ")
    five = lines.index("V. KIẾN NGHỊ, ĐỀ XUẤT")
    assert lines[four + 1 : five] == ["- Thiếu máy tính;", "- Đường truyền chậm."]
    assert lines[five + 1] == "- Đề nghị cấp thêm loa."
    assert not any("NHIỆM VỤ" in line for line in lines)
    assert "- Số tin, bài đăng trên trang thông tin điện tử, mạng xã hội: 1.200;" in lines
    assert "- Số lượt phụ huynh được tuyên truyền: 150." in lines
    kinh_gui = find(doc, "Kính gửi: Phòng Giáo dục và Đào tạo huyện Thủ Thừa")
    assert kinh_gui.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert lines.index(kinh_gui.text) < lines.index("I. CÔNG TÁC TUYÊN TRUYỀN")
    signer = lines[lines.index("- Lưu: VT.") + 1 :]
    assert signer == ["KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG", "Nguyễn Thị Thu Hà"]


@pytest.mark.parametrize("authority", ["Q. HIỆU TRƯỞNG", "q.hiệu trưởng"])
def test_an_acting_head_signs_as_the_head_alone_the_title_below_said_and_left_out(
    read_back: Reader, authority: str
) -> None:
    """Decree 30 writes «Q. HIỆU TRƯỞNG» alone above the name (the acting head signs as the
    head); unlike KT., TL. or TUQ., no title of the signer's own goes below it. A deputy's title
    typed below is left out of the report, and the clerk is told, with the form to keep."""
    data = with_changes(
        my_an_2020(), {"signer_authority": authority, "signer_title": "PHÓ HIỆU TRƯỞNG"}
    )
    sub = read_back(data)
    lines = texts(open_docx(render_school_report(sub)))
    assert lines[lines.index("- Lưu: VT.") + 1 :] == ["Q. HIỆU TRƯỞNG", "Nguyễn Thị Thu Hà"]
    [said] = [f for f in validate(sub) if f.rule == "signs_alone"]
    assert said.severity is Severity.WARNING and said.label == "Người ký: chức vụ"
    assert said.message == (
        "Người được giao quyền ký «Q. HIỆU TRƯỞNG» không ghi chức vụ bên dưới (Nghị định "
        "30/2020/NĐ-CP); báo cáo đã bỏ dòng «PHÓ HIỆU TRƯỞNG»"
    )
    assert said.fix == (
        "Ghi «Q. HIỆU TRƯỞNG» vào ô này và để trống ô «Người ký: thẩm quyền (nếu ký thay)»"
    )
    kept = with_changes(my_an_2020(), {"signer_authority": None, "signer_title": "Q. Hiệu trưởng"})
    sub = read_back(kept)
    lines = texts(open_docx(render_school_report(sub)))
    assert lines[lines.index("- Lưu: VT.") + 1 :] == ["Q. HIỆU TRƯỞNG", "Nguyễn Thị Thu Hà"]
    assert not [f for f in validate(sub) if f.rule == "signs_alone"]
    for other in ("KT. HIỆU TRƯỞNG", "TL. HIỆU TRƯỞNG", "TUQ. HIỆU TRƯỞNG"):  # two lines
        signing = {"signer_authority": other, "signer_title": "TỔ TRƯỞNG VĂN PHÒNG"}
        sub = read_back(with_changes(my_an_2020(), signing))
        lines = texts(open_docx(render_school_report(sub)))
        assert lines[lines.index("- Lưu: VT.") + 1 :][:2] == [other, "TỔ TRƯỞNG VĂN PHÒNG"]


def test_tasks_name_the_next_year(read_back: Reader) -> None:
    data = with_changes(my_an_2020(), followups=[{"kind": "Nhiệm vụ năm tới", "text": "Làm tiếp."}])
    assert "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2021" in _render(read_back, data)


def test_ampersand_angle_brackets_and_quotes_come_through(read_back: Reader) -> None:
    odd = "A & B <b>đậm</b> \"kép\" 'đơn' “cong” 100% {{ x }} {% if %}"
    data = with_changes(
        my_an_2020(),
        {"school_name": 'Trường TH & THCS <Mỹ An> "A"', "organisation": odd},
        results=[{"text": odd}],
    )
    lines = [line.replace("\n", " ") for line in _render(read_back, data)]  # lines set by us
    assert f"{odd}." in lines and f"- {odd};" in lines  # a sentence, then a list item
    assert 'TRƯỜNG TH & THCS <MỸ AN> "A"' in lines
    assert 'Hoạt động thông tin đối ngoại của Trường TH & THCS <Mỹ An> "A" năm 2020' in lines


def test_control_characters_from_excel_are_dropped(read_back: Reader) -> None:
    bad = with_changes(my_an_2020(), results=[{"text": "Kết quả\x07 tốt\x08."}])
    sub = read_back(bad)
    assert "\x07" in sub.rows("results")[0].cells["text"].value  # the cell really holds it
    assert "- Kết quả tốt;" in texts(open_docx(render_school_report(sub)))


def test_very_long_names_wrap_inside_fixed_columns(read_back: Reader) -> None:
    long_body = "ỦY BAN NHÂN DÂN XÃ " + "MỸ AN " * 15
    long_school = "Trường Trung học cơ sở và Trung học phổ thông " + "Nguyễn Thị Minh Khai " * 6
    data = with_changes(
        my_an_2020(), {"managing_body": long_body.strip(), "school_name": long_school.strip()}
    )
    doc = open_docx(render_school_report(read_back(data)))
    header = doc.tables[0]
    layout = header._tbl.tblPr.find(qn("w:tblLayout"))
    assert layout.get(qn("w:type")) == "fixed"
    widths = [c.width for c in header.rows[0].cells]
    assert abs(sum(widths) - Mm(165)) <= Mm(0.2)
    assert header.rows[0].cells[0].paragraphs[1].text == long_school.strip().upper()


def test_a_name_of_thousands_of_words_is_left_whole_to_word_not_set(read_back: Reader) -> None:
    """Setting a header name tries every split into two and three lines: for a name typed as
    4,000 words that never ended. Past ``MAX_SET_CHARS`` the name is left to Word to wrap."""
    import time

    from outreach_xl.word.header_lines import MAX_SET_CHARS

    school = ("Trường " * 4000).strip()  # 27,999 characters: within a cell's 32,767
    assert len(school) > MAX_SET_CHARS
    sub = read_back(with_changes(my_an_2020(), {"school_name": school, "managing_body": school}))
    start = time.process_time()
    doc = open_docx(render_school_report(sub))
    assert time.process_time() - start < 20  # (it did not end in 30 s before)
    cell = doc.tables[0].rows[0].cells[0]
    assert [p.text for p in cell.paragraphs].count(school.upper()) == 2  # body and school, whole


# --- Templates -----------------------------------------------------------------------------------


def template_with(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the bundled template with one piece of document.xml replaced."""
    source = bundled_template()
    target = tmp_path / "mau.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                assert old in text
                data = text.replace(old, new, 1).encode("utf-8")
            zout.writestr(item, data)
    return target


def test_unknown_tag_is_named(tmp_path: Path, sample_sub: Submission) -> None:
    template = template_with(tmp_path, "{{ school_name_upper }}", "{{ ten_truong }}")
    with pytest.raises(TemplateError) as caught:
        render_school_report(sample_sub, template)
    message = caught.value.user_message()
    assert "ten_truong" in message and "không có trong dữ liệu" in message
    assert str(template) in message


def test_typo_in_a_tag_suggests_the_right_one(tmp_path: Path, sample_sub: Submission) -> None:
    template = template_with(tmp_path, "{{ signer_name }}", "{{ signer_nam }}")
    with pytest.raises(TemplateError) as caught:
        render_school_report(sample_sub, template)
    assert "{{ signer_nam }} (có phải {{ signer_name }}?)" in caught.value.message


def test_unknown_attribute_fails_loudly(tmp_path: Path, sample_sub: Submission) -> None:
    template = template_with(tmp_path, "{{ section.title }}", "{{ section.titel }}")
    sub_context = school_context(sample_sub)  # the attribute is looked up only in a section
    sub_context["followup_sections"] = [{"number": "IV", "title": "T", "lines": ["x"]}]
    with pytest.raises(TemplateError) as caught:
        render_docx(template, sub_context)
    assert "titel" in caught.value.message


def test_missing_end_of_loop_is_explained(tmp_path: Path, sample_sub: Submission) -> None:
    template = template_with(tmp_path, "{%p endfor %}", "")
    with pytest.raises(TemplateError) as caught:
        render_school_report(sample_sub, template)
    assert "endfor" in caught.value.message


def test_missing_template(tmp_path: Path, sample_sub: Submission) -> None:
    with pytest.raises(TemplateError) as caught:
        render_school_report(sample_sub, tmp_path / "khong_co.docx")
    assert "Không tìm thấy tệp mẫu" in caught.value.user_message()


def test_template_that_is_not_a_docx(tmp_path: Path, sample_sub: Submission) -> None:
    fake = tmp_path / "mau.docx"
    fake.write_text("not a zip")
    with pytest.raises(TemplateError) as caught:
        render_school_report(sample_sub, fake)
    assert ".docx" in caught.value.message


def test_sandbox_refuses_python_internals(tmp_path: Path, sample_sub: Submission) -> None:
    template = template_with(tmp_path, "{{ signer_name }}", "{{ signer_name.__class__.__mro__ }}")
    with pytest.raises(TemplateError):
        render_school_report(sample_sub, template)


def test_same_data_same_bytes(sample_sub: Submission) -> None:
    first = render_school_report(sample_sub)
    assert render_school_report(sample_sub) == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_document_properties_name_the_report(sample_doc: Any) -> None:
    props = sample_doc.core_properties
    assert props.title.startswith("Báo cáo hoạt động thông tin đối ngoại của Trường Mẫu giáo")
    assert props.author == "Trường Mẫu giáo Mỹ An"
    assert props.created.date().isoformat() == "2020-12-29"


def test_leading_signs_are_kept_unless_they_are_typed_bullets() -> None:
    from outreach_xl.core.school_report import _items

    assert _items(["- Tổ chức hội thi", "• Treo áp phích", "+84 912 345 678 (đường dây nóng)",
                   "-5% so với năm trước", "–  Dự hội thảo"]) == [
        "Tổ chức hội thi", "Treo áp phích", "+84 912 345 678 (đường dây nóng)",
        "-5% so với năm trước", "Dự hội thảo",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("typed", "cited"),
    [
        ("công văn", "Công văn"),
        ("CÔNG VĂN", "Công văn"),
        ("Kế hoạch", "Kế hoạch"),
        (None, "Công văn"),
    ],
)
def test_the_kind_of_the_cited_document_starts_with_a_capital(
    read_back: Reader, typed: str | None, cited: str
) -> None:
    lines = _render(read_back, with_changes(my_an_2020(), {"request_kind": typed}))
    assert any(line.startswith(f"Thực hiện {cited} số 23/PGDĐT ngày") for line in lines), lines


def test_list_items_typed_in_small_letters_start_with_a_capital(read_back: Reader) -> None:
    content = [
        {"group": "Khác", "text": "thành tựu đổi mới giáo dục địa phương"},
        {"group": "Khác", "text": "- đoàn giáo viên Hàn Quốc đến thăm trường"},
        {"group": "Khác", "text": "iPad cho giáo viên"},  # a word of its own case: kept
    ]
    results = [{"text": "phụ huynh nắm được hoạt động của trường"}]
    lines = _render(read_back, with_changes(my_an_2020(), content_items=content, results=results))
    at = lines.index("a) Nội dung tuyên truyền:")
    assert lines[at + 1 : at + 4] == [
        "- Thành tựu đổi mới giáo dục địa phương;",
        "- Đoàn giáo viên Hàn Quốc đến thăm trường;",
        "- iPad cho giáo viên.",
    ]
    assert "- Phụ huynh nắm được hoạt động của trường;" in lines


def test_recipients_typed_in_one_case_are_written_as_a_document_writes_them(
    read_back: Reader,
) -> None:
    typed = [
        "phòng gd&đt",
        "UBND XÃ MỸ AN",
        "NHƯ TRÊN",
        "ban đại diện cmhs",
        "Trang Web trường",
        "lưu vt",
    ]
    lines = _render(read_back, with_changes(my_an_2020(), recipients=[{"name": n} for n in typed]))
    at = lines.index("Nơi nhận:")
    assert lines[at + 1 : at + 7] == [
        "- Phòng GD&ĐT;",
        "- UBND xã Mỹ An;",
        "- Như trên;",
        "- Ban đại diện CMHS;",  # a word without a vowel is an abbreviation
        "- Trang Web trường;",  # typed in mixed case: as typed
        "- Lưu: VT.",
    ]
