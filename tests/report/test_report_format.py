"""Every rule of docs/decree30.md that a .docx can show, checked on the sample report.

Read with python-docx and lxml; sizes and emphasis are resolved the way Word does (run, then the
paragraph style chain), so a rule holds whether it is set on the run or in a style.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree
from report_view import (
    all_paragraphs,
    body_items,
    find,
    following,
    has_bottom_rule,
    looks,
    para_prop,
)

FONT = "Times New Roman"
SLOTS = ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia")
THEMES = ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme")
TOLERANCE = Mm(0.2)

# Liberation Serif 2 has the metrics of Times New Roman and all Vietnamese glyphs.
_LIBERATION = Path("/usr/share/fonts/truetype/liberation2")


def width_mm(text: str, size: float, bold: bool = False) -> float:
    """Printed width of a line of Times New Roman (measured with its metric twin)."""
    fonts = pytest.importorskip("PIL.ImageFont")
    path = _LIBERATION / f"LiberationSerif-{'Bold' if bold else 'Regular'}.ttf"
    if not path.is_file():
        pytest.skip("Liberation Serif 2 (Times New Roman metrics) is not installed")
    return fonts.truetype(str(path), int(size * 10)).getlength(text) / 10 / 72 * 25.4


def _close(a: Any, b: Any) -> bool:
    return abs(int(a) - int(b)) <= TOLERANCE


def _parts(data: bytes) -> dict[str, Any]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: etree.fromstring(archive.read(name))
            for name in archive.namelist()
            if name.startswith("word/") and name.endswith(".xml")
        }


# --- Page ----------------------------------------------------------------------------------------


def test_a4_portrait_and_default_margins(sample_doc: Any) -> None:
    assert len(sample_doc.sections) == 1
    section = sample_doc.sections[0]
    assert _close(section.page_width, Mm(210)) and _close(section.page_height, Mm(297))
    assert _close(section.top_margin, Mm(20)) and _close(section.bottom_margin, Mm(20))
    assert _close(section.left_margin, Mm(30)) and _close(section.right_margin, Mm(15))


def test_every_run_has_times_new_roman_in_all_four_slots(sample_bytes: bytes) -> None:
    parts = _parts(sample_bytes)
    runs = 0
    for name, root in parts.items():
        if not re.match(r"word/(document|header\d*|footer\d*)\.xml$", name):
            continue
        for run in root.iter(qn("w:r")):
            runs += 1
            fonts = run.find(qn("w:rPr") + "/" + qn("w:rFonts"))
            assert fonts is not None, f"{name}: a run without fonts"
            assert [fonts.get(qn(s)) for s in SLOTS] == [FONT] * 4, name
            assert not any(fonts.get(qn(t)) for t in THEMES), name
    assert runs > 30


def test_styles_and_defaults_use_only_times_new_roman(sample_bytes: bytes) -> None:
    styles = _parts(sample_bytes)["word/styles.xml"]
    default = styles.find(
        f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}"
    )
    assert [default.get(qn(s)) for s in SLOTS] == [FONT] * 4
    every = list(styles.iter(qn("w:rFonts")))
    assert len(every) > 3
    for fonts in every:
        assert [fonts.get(qn(s)) for s in SLOTS] == [FONT] * 4
        assert not any(fonts.get(qn(t)) for t in THEMES)
    with zipfile.ZipFile(io.BytesIO(sample_bytes)) as archive:
        assert "word/stylesWithEffects.xml" not in archive.namelist()
        theme = archive.read("word/theme/theme1.xml").decode()
    assert "Calibri" not in theme and "Cambria" not in theme


def test_text_is_black(sample_bytes: bytes) -> None:
    for root in _parts(sample_bytes).values():
        for color in root.iter(qn("w:color")):
            assert color.get(qn("w:val")) in ("000000", "auto")


def test_page_numbers_from_page_two_centred_in_the_top_margin(
    sample_doc: Any, sample_bytes: bytes
) -> None:
    section = sample_doc.sections[0]
    assert section.different_first_page_header_footer  # w:titlePg
    assert section._sectPr.find(qn("w:titlePg")) is not None
    header = section.header
    assert not header.is_linked_to_previous
    instr = "".join(t.text for t in header._element.iter(qn("w:instrText")))
    assert instr.strip() == "PAGE"
    paragraph = header.paragraphs[0]
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    sizes = {r.font.size.pt for r in paragraph.runs}
    assert sizes and all(13 <= s <= 14 for s in sizes)
    first = section.first_page_header
    assert not first.is_linked_to_previous
    assert not list(first._element.iter(qn("w:instrText"))) and not first._element.xpath(
        ".//w:fldSimple"
    )
    assert section.header_distance < section.top_margin


# --- Header --------------------------------------------------------------------------------------


def _tables(doc: Any) -> list[Any]:
    return [item for item in body_items(doc) if not hasattr(item, "runs")]


def _borderless(table: Any) -> None:
    tbl_pr = table._tbl.tblPr
    borders = tbl_pr.find(qn("w:tblBorders"))
    assert borders is not None
    edges = list(borders)
    assert {e.tag.split("}")[1] for e in edges} >= {
        "top",
        "left",
        "bottom",
        "right",
        "insideH",
        "insideV",
    }
    assert all(e.get(qn("w:val")) in ("nil", "none") for e in edges)
    for cell_borders in table._tbl.iter(qn("w:tcBorders")):
        assert all(e.get(qn("w:val")) in ("nil", "none") for e in cell_borders)
    layout = tbl_pr.find(qn("w:tblLayout"))
    assert layout is not None and layout.get(qn("w:type")) == "fixed"


def test_header_and_ending_are_two_column_borderless_tables(sample_doc: Any) -> None:
    items = list(body_items(sample_doc))
    tables = _tables(sample_doc)
    assert len(tables) == 2
    assert not hasattr(items[0], "runs"), "the header comes first"
    text_width = Mm(165)
    for table in tables:
        _borderless(table)
        assert len(table.columns) == 2
        widths = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert abs(sum(widths) * 635 - text_width) <= TOLERANCE  # twips -> EMU


def test_header_left_column(sample_doc: Any) -> None:
    header = _tables(sample_doc)[0]
    left = [p for p in header.rows[0].cells[0].paragraphs]
    managing, school, rule = left
    assert managing.text == "PHÒNG GD&ĐT THỦ THỪA" and managing.text.isupper()
    assert looks(managing) == {(13, False, False)}
    assert school.text == "TRƯỜNG MẪU GIÁO MỸ AN" and school.text.isupper()
    assert looks(school) == {(13, True, False)}
    assert rule.text == "" and has_bottom_rule(rule)
    for paragraph in (managing, school):
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER


def _rule_length_mm(rule: Any, cell_width_mm: float) -> float:
    fmt = rule.paragraph_format
    return cell_width_mm - fmt.left_indent.mm - fmt.right_indent.mm


def _cell_width_mm(cell: Any) -> float:
    margins = cell._tc.getparent().getparent().tblPr.find(qn("w:tblCellMar"))
    side = 0.0
    if margins is not None:
        side = sum(int(m.get(qn("w:w"))) for m in margins) / 1440 * 25.4
    return cell.width.mm - side


def test_short_rule_under_the_school_name(sample_doc: Any) -> None:
    cell = _tables(sample_doc)[0].rows[0].cells[0]
    name, rule = cell.paragraphs[1], cell.paragraphs[2]
    length = _rule_length_mm(rule, _cell_width_mm(cell))
    text = width_mm(name.text, 13, bold=True)
    assert text / 3 <= length <= text / 2, (length, text)
    assert text <= _cell_width_mm(cell), "the sample's school name fits on one line"


def test_national_title_and_motto_with_a_rule_as_long_as_it(sample_doc: Any) -> None:
    cell = _tables(sample_doc)[0].rows[0].cells[1]
    title, motto, rule = cell.paragraphs
    assert title.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert looks(title) == {(13, True, False)}
    assert title.alignment == motto.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert motto.text == "Độc lập - Tự do - Hạnh phúc"
    assert looks(motto) == {(14, True, False)}
    assert has_bottom_rule(rule)
    length = _rule_length_mm(rule, _cell_width_mm(cell))
    assert abs(length - width_mm(motto.text, 14, bold=True)) <= 1.5
    assert width_mm(title.text, 13, bold=True) <= _cell_width_mm(cell), "title on one line"


def test_number_and_date_line_on_one_row(sample_doc: Any) -> None:
    row = _tables(sample_doc)[0].rows[1]
    (number,) = row.cells[0].paragraphs
    (date,) = row.cells[1].paragraphs
    assert number.text == "Số: 05/BC-MGMA"
    assert re.fullmatch(r"Số: (0[1-9]|[1-9]\d+)/[A-ZĐ]+-[A-Z0-9Đ&]+", number.text)
    assert looks(number) == {(13, False, False)}
    assert date.text == "Mỹ An, ngày 29 tháng 12 năm 2020"
    assert re.fullmatch(
        r"[^,]+, ngày (0[1-9]|[12]\d|3[01]) tháng (0[12]|[3-9]|1[0-2]) năm \d{4}", date.text
    )
    assert looks(date) == {(14, False, True)}
    assert date.alignment == WD_ALIGN_PARAGRAPH.CENTER


# --- Title and body ------------------------------------------------------------------------------


def test_title_and_summary_line(sample_doc: Any) -> None:
    title = find(sample_doc, "BÁO CÁO")
    assert looks(title) == {(14, True, False)} and title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    summary = following(sample_doc, title)
    assert summary.text == "Hoạt động thông tin đối ngoại của Trường Mẫu giáo Mỹ An năm 2020"
    assert looks(summary) == {(14, True, False)}
    assert summary.alignment == WD_ALIGN_PARAGRAPH.CENTER
    rule = following(sample_doc, summary)
    assert rule.text == "" and has_bottom_rule(rule)
    length = _rule_length_mm(rule, 165)
    text = width_mm(summary.text, 14, bold=True)
    assert text / 3 <= length <= text / 2, (length, text)


def _body(doc: Any) -> list[Any]:
    """Body paragraphs with text between the summary's rule and the ending table."""
    items = list(body_items(doc))
    start = next(i for i, p in enumerate(items) if getattr(p, "text", "") == "BÁO CÁO") + 3
    end = max(i for i, p in enumerate(items) if not hasattr(p, "runs"))
    return [p for p in items[start:end] if p.text.strip()]


def test_body_paragraphs_justified_indented_spaced(sample_doc: Any) -> None:
    body = _body(sample_doc)
    assert len(body) > 20
    for paragraph in body:
        assert para_prop(paragraph, "alignment") == WD_ALIGN_PARAGRAPH.JUSTIFY, paragraph.text
        indent = para_prop(paragraph, "first_line_indent")
        assert Mm(10) - TOLERANCE <= indent <= Mm(12.7) + TOLERANCE, paragraph.text
        assert para_prop(paragraph, "space_after") >= Pt(6)
        spacing = para_prop(paragraph, "line_spacing")
        assert isinstance(spacing, float) and 1.0 <= spacing <= 1.5
        sizes = {size for size, _, _ in looks(paragraph)}
        assert sizes and all(13 <= s <= 14 for s in sizes), paragraph.text


def test_headings_clauses_points_and_items(sample_doc: Any) -> None:
    body = _body(sample_doc)
    sections = [p for p in body if re.match(r"[IVX]+\. ", p.text)]
    assert [p.text for p in sections] == [
        "I. CÔNG TÁC TUYÊN TRUYỀN",
        "II. NỘI DUNG THỰC HIỆN",
        "III. KẾT QUẢ ĐẠT ĐƯỢC",
    ]
    for heading in sections:
        assert heading.text.isupper() and {b for _, b, _ in looks(heading)} == {True}
    clause = find(sample_doc, "1. Hoạt động truyền thông, tuyên truyền")
    assert {b for _, b, _ in looks(clause)} == {True}
    assert not clause.text[3:].isupper()
    for text in ("a) Nội dung tuyên truyền:", "b) Hình thức tuyên truyền:"):
        assert {b for _, b, _ in looks(find(sample_doc, text))} == {False}
    items = [p for p in body if p.text.startswith("- ")]
    assert len(items) == 4 + 5 + 3 + 3
    for item in items:
        assert looks(item) == {(14, False, False)}
    closing = body[-1]
    assert closing.text.endswith("năm 2020./.")


# --- Signature and recipients --------------------------------------------------------------------


def test_ending_recipients_and_signer(sample_doc: Any) -> None:
    ending = _tables(sample_doc)[1]
    left, right = ending.rows[0].cells
    place = left.paragraphs[0]
    assert place.text == "Nơi nhận:" and looks(place) == {(12, True, True)}
    recipients = [p for p in left.paragraphs[1:] if p.text]
    assert [p.text for p in recipients] == ["- Phòng GD&ĐT;", "- Lưu: VT."]
    for paragraph in recipients:
        assert looks(paragraph) == {(11, False, False)}
    signer = [p for p in right.paragraphs if p.text]
    assert [p.text for p in signer] == ["HIỆU TRƯỞNG", "Nguyễn Thị Thu Hà"]
    title, name = signer
    assert right.paragraphs[0].text == "HIỆU TRƯỞNG", "level with Nơi nhận"
    assert title.text.isupper()
    for paragraph in signer:
        assert looks(paragraph) == {(14, True, False)}
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert name.paragraph_format.space_before >= Pt(60), "room for the signature and the seal"


def test_no_empty_heading_or_item(sample_doc: Any) -> None:
    texts = [p.text for p in all_paragraphs(sample_doc)]
    assert "- " not in texts and "-" not in texts
    assert not any(t.startswith("IV.") for t in texts)
    assert not any("Kính gửi" in t for t in texts)
