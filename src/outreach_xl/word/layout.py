"""The Decree 30 layout kit: reusable python-docx blocks the Word report templates are built from.

The templates built with it (``word.school_template``, ``word.district_template``) are
byte-identical from run to run (fixed document dates, fixed zip timestamps), so a committed file
can be compared with a fresh build, and a layout change shows up in it.

The blocks follow Nghị định 30/2020/NĐ-CP, Phụ lục I (see ``docs/decree30.md``):

- ``new_document``: clean styles, Times New Roman in every font slot of the defaults and styles;
- ``set_page``: A4 and the decree's margins;
- ``add_page_numbers``: Arabic number centred in the top margin, from page 2 on;
- ``add_header_table``: the two borderless columns (issuing body | national title), with the short
  rules under the school's name and the motto, and the ``Số:`` | place-and-date row;
- ``add_title``: ``BÁO CÁO``, the summary line and its short rule;
- ``add_text`` / ``add_tag``: body paragraphs in the decree's styles, and docxtpl control lines
  (``{%p for ... %}``) that vanish when the report is rendered;
- ``add_ending_table``: ``Nơi nhận`` and the recipients | the signer's authority, title and name.

A district report template is the same blocks with other texts.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from outreach_xl.word.header_lines import TITLE_SLACK_MM
from outreach_xl.word.metrics import text_width_mm
from outreach_xl.word.render import deterministic_zip

FONT = "Times New Roman"
FONT_SLOTS = ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia")
THEME_SLOTS = ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme")
LANGUAGE = "vi-VN"
FIXED_TIME = dt.datetime(2025, 1, 1, 0, 0, 0)

# Styles python-docx's default document brings that we keep (the rest are dropped so that no
# style can bring a theme font back).
KEPT_STYLES = ("Normal", "DefaultParagraphFont", "TableNormal", "NoList", "Header", "Footer")

Align = WD_ALIGN_PARAGRAPH


@dataclass(frozen=True)
class Page:
    """Paper and margins in millimetres (decree default: A4, 20 / 20 / 30 / 15)."""

    width: float = 210
    height: float = 297
    top: float = 20
    bottom: float = 20
    left: float = 30
    right: float = 15
    header: float = 10  # distance of the page number from the top edge
    footer: float = 10

    @property
    def text_width(self) -> float:
        return self.width - self.left - self.right


A4_DECREE = Page()


@dataclass(frozen=True)
class Text:
    """One paragraph of fixed look: text (may hold docxtpl tags), size in points, emphasis."""

    text: str
    size: float = 14
    bold: bool = False
    italic: bool = False
    align: Any = Align.CENTER
    before: float = 0  # space before, points
    after: float = 0


@dataclass(frozen=True)
class Rule:
    """A short solid line: the bottom border of an empty centred paragraph ``length`` mm wide."""

    length: float


@dataclass(frozen=True)
class Tag:
    """A docxtpl paragraph tag such as ``{%p for item in items %}``; the line vanishes on render."""

    tag: str


Block = Text | Rule | Tag


@dataclass(frozen=True)
class BodyStyle:
    """A paragraph style of the body: the decree's indent, spacing and alignment, plus emphasis."""

    style_id: str
    name: str
    bold: bool = False
    keep_next: bool = False


BODY = BodyStyle("BCNoiDung", "BC Nội dung")
SECTION = BodyStyle("BCMuc", "BC Mục (I, II, III)", bold=True, keep_next=True)
CLAUSE = BodyStyle("BCKhoan", "BC Khoản (1, 2)", bold=True, keep_next=True)
POINT = BodyStyle("BCDiem", "BC Điểm (a, b)", keep_next=True)
BODY_STYLES = (BODY, SECTION, CLAUSE, POINT)

BODY_SIZE = 14
FIRST_LINE_INDENT = Mm(12.7)
SPACE_AFTER = Pt(6)
LINE_SPACING = 1.15

# Cell margins Word puts left and right of the text in a table cell (Table Normal: 0.19 cm).
CELL_MARGIN_MM = 1.905


# --- Document and styles -------------------------------------------------------------------------


def new_document() -> Any:
    """python-docx's default document, cleaned: our fonts and language everywhere, no baggage."""
    doc = Document()
    _drop_baggage(doc)
    styles = doc.styles.element
    for style in list(styles.findall(qn("w:style"))):
        if style.get(qn("w:styleId")) not in KEPT_STYLES:
            styles.remove(style)
    _write_doc_defaults(styles)
    for rfonts in styles.iter(qn("w:rFonts")):
        _set_fonts(rfonts)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(BODY_SIZE)
    _set_fonts(normal.element.get_or_add_rPr().get_or_add_rFonts())
    for style in BODY_STYLES:
        _add_body_style(doc, style)
    _set_theme_fonts(doc)
    return doc


def _drop_baggage(doc: Any) -> None:
    """The python-docx sample thumbnail and the Word 2010 duplicate of the styles (theme fonts)."""
    package_rels = doc.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package_rels.pop(rid)
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.rels.pop(rid)


def _write_doc_defaults(styles: Any) -> None:
    """``w:docDefaults``: Times New Roman 14 in all slots, Vietnamese, no spacing."""
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(rpr):
        rpr.remove(child)
    rfonts = OxmlElement("w:rFonts")
    _set_fonts(rfonts)
    rpr.append(rfonts)
    for name in ("w:sz", "w:szCs"):
        size = OxmlElement(name)
        size.set(qn("w:val"), str(BODY_SIZE * 2))
        rpr.append(size)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), LANGUAGE)
    lang.set(qn("w:eastAsia"), LANGUAGE)
    lang.set(qn("w:bidi"), "ar-SA")
    rpr.append(lang)
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for child in list(ppr):
        ppr.remove(child)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")
    ppr.append(spacing)


def _set_fonts(rfonts: Any) -> None:
    """Times New Roman in the four font slots; theme references removed (they would win)."""
    for slot in THEME_SLOTS:
        if rfonts.get(qn(slot)) is not None:
            del rfonts.attrib[qn(slot)]
    for slot in FONT_SLOTS:
        rfonts.set(qn(slot), FONT)


def _set_theme_fonts(doc: Any) -> None:
    """The theme's heading and body fonts too, so a built-in style a clerk applies stays in TNR."""
    for rel in doc.part.rels.values():
        if rel.reltype == RT.THEME:
            part = rel.target_part
            blob = part.blob.decode("utf-8")
            for old in ('typeface="Calibri"', 'typeface="Cambria"'):
                blob = blob.replace(old, f'typeface="{FONT}"')
            part._blob = blob.encode("utf-8")


def _add_body_style(doc: Any, spec: BodyStyle) -> None:
    style = doc.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
    style.element.set(qn("w:styleId"), spec.style_id)
    style.base_style = doc.styles["Normal"]
    style.quick_style = True
    fmt = style.paragraph_format
    fmt.alignment = Align.JUSTIFY
    fmt.first_line_indent = FIRST_LINE_INDENT
    fmt.space_before = Pt(0)
    fmt.space_after = SPACE_AFTER
    fmt.line_spacing = LINE_SPACING
    fmt.widow_control = True
    if spec.keep_next:
        fmt.keep_with_next = True
    style.font.size = Pt(BODY_SIZE)
    style.font.bold = spec.bold
    _set_fonts(style.element.get_or_add_rPr().get_or_add_rFonts())


# --- Runs and paragraphs -------------------------------------------------------------------------


def add_run(paragraph: Paragraph, text: str, size: float, *, bold=False, italic=False) -> Any:
    """A run with the font in all four slots, its size (also for complex scripts) and emphasis."""
    run = paragraph.add_run(text)
    _format_rpr(run._r.get_or_add_rPr(), size, bold=bold, italic=italic)
    return run


def _format_rpr(rpr: Any, size: float, *, bold: bool = False, italic: bool = False) -> None:
    """``w:rPr`` children in schema order: rFonts, b, bCs, i, iCs, sz, szCs."""
    _set_fonts(rpr.get_or_add_rFonts())
    for flag, names in ((bold, ("w:b", "w:bCs")), (italic, ("w:i", "w:iCs"))):
        for name in names:
            element = OxmlElement(name)
            if not flag:
                element.set(qn("w:val"), "0")
            rpr.append(element)
    for name in ("w:sz", "w:szCs"):
        element = OxmlElement(name)
        element.set(qn("w:val"), str(round(size * 2)))
        rpr.append(element)


def _mark_format(paragraph: Paragraph, size: float) -> None:
    """The paragraph mark's font (Word sizes an empty paragraph by it)."""
    ppr = paragraph._p.get_or_add_pPr()
    rpr = OxmlElement("w:rPr")
    _format_rpr(rpr, size)
    ppr.append(rpr)


def add_text(
    container: Any, text: str, style: BodyStyle = BODY, *, size: float = BODY_SIZE
) -> Paragraph:
    """A body paragraph (style gives indent, spacing, alignment; the run carries the font)."""
    paragraph = container.add_paragraph(style=style.name)
    add_run(paragraph, text, size, bold=style.bold)
    return paragraph


def add_tag(container: Any, tag: str) -> Paragraph:
    """A docxtpl control paragraph, e.g. ``{%p for x in items %}``; removed on render."""
    paragraph = container.add_paragraph(style=BODY.name)
    add_run(paragraph, tag, BODY_SIZE)
    return paragraph


def _add_line(container: Any, spec: Text) -> Paragraph:
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment = spec.align
    fmt.space_before = Pt(spec.before)
    fmt.space_after = Pt(spec.after)
    fmt.first_line_indent = Mm(0)
    add_run(paragraph, spec.text, spec.size, bold=spec.bold, italic=spec.italic)
    return paragraph


def _add_rule(container: Any, rule: Rule, room: float) -> Paragraph:
    """An empty centred paragraph ``rule.length`` wide whose bottom border is the line."""
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    side = max((room - rule.length) / 2, 0)
    fmt.left_indent = Mm(side)
    fmt.right_indent = Mm(side)
    fmt.first_line_indent = Mm(0)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    _border(paragraph, "bottom")
    _mark_format(paragraph, 4)
    return paragraph


def _border(paragraph: Paragraph, edge: str) -> None:
    """``w:pBdr``: one solid 0.75 pt black edge, placed before ``w:spacing`` (schema order)."""
    ppr = paragraph._p.get_or_add_pPr()
    pbdr = OxmlElement("w:pBdr")
    line = OxmlElement(f"w:{edge}")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        line.set(qn(key), value)
    pbdr.append(line)
    anchor = ppr.find(qn("w:spacing"))
    if anchor is None:
        anchor = ppr.find(qn("w:ind"))
    if anchor is not None:
        anchor.addprevious(pbdr)
    else:
        ppr.append(pbdr)


def add_blocks(container: Any, blocks: Sequence[Block], room: float) -> None:
    """Paragraphs for a sequence of blocks in a cell or the body; ``room`` is the width in mm."""
    for block in blocks:
        if isinstance(block, Text):
            _add_line(container, block)
        elif isinstance(block, Rule):
            _add_rule(container, block, room)
        else:
            add_tag(container, block.tag)


# --- Page ----------------------------------------------------------------------------------------


def set_page(doc: Any, page: Page = A4_DECREE) -> None:
    """Paper size, orientation and margins of the (only) section."""
    section = doc.sections[0]
    section.page_width = Mm(page.width)
    section.page_height = Mm(page.height)
    section.top_margin = Mm(page.top)
    section.bottom_margin = Mm(page.bottom)
    section.left_margin = Mm(page.left)
    section.right_margin = Mm(page.right)
    section.header_distance = Mm(page.header)
    section.footer_distance = Mm(page.footer)
    section.gutter = Mm(0)


def add_page_numbers(doc: Any, size: float = 14) -> None:
    """Page number centred in the top margin, not on page 1 (``w:titlePg``, empty first header)."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    for paragraph in section.first_page_header.paragraphs:
        _mark_format(paragraph, size)
    header = section.header
    header.is_linked_to_previous = False
    paragraph = header.paragraphs[0]
    paragraph.paragraph_format.alignment = Align.CENTER
    _mark_format(paragraph, size)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2")):
        run = add_run(paragraph, "", size)
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text
    end = add_run(paragraph, "", size)
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    end._r.append(char)


# --- Tables --------------------------------------------------------------------------------------


def _twips(mm: float) -> str:
    return str(round(mm * 1440 / 25.4))


def add_borderless_table(
    doc: Any, widths: Sequence[float], rows: int = 1, cell_margin: float = CELL_MARGIN_MM
) -> Any:
    """A fixed-layout table as wide as the text, no borders, columns ``widths`` mm.

    Fixed layout makes long names wrap inside their column instead of widening it;
    ``cell_margin`` (mm, left and right of the text in each cell) may be 0 to give the text room.
    """
    table = doc.add_table(rows=rows, cols=len(widths))
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), _twips(sum(widths)))
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_w.addnext(borders)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    borders.addnext(layout)
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), _twips(cell_margin))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    layout.addnext(margins)
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), _twips(width))
    for row in table.rows:
        row_pr = row._tr.get_or_add_trPr()
        row_pr.append(OxmlElement("w:cantSplit"))
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Mm(width)
    return table


def fill_cell(
    cell: _Cell, blocks: Sequence[Block], width: float, cell_margin: float = CELL_MARGIN_MM
) -> None:
    """Put blocks in a cell, replacing the empty paragraph every new cell has."""
    first = cell.paragraphs[0]._p
    add_blocks(cell, blocks, width - 2 * cell_margin)
    first.getparent().remove(first)


@dataclass(frozen=True)
class HeaderSpec:
    """The two header columns: issuing body | national title, then the ``Số`` | date row."""

    left: Sequence[Block]
    right: Sequence[Block]
    left_below: Sequence[Block]
    right_below: Sequence[Block]
    # The right column gets the room the national title needs (``header_widths``: 97 mm for
    # 95.7 mm in 13 pt bold), the names the rest of the text width (68 mm), set on at most two
    # balanced lines after rendering, the header widened into the margins only when a name needs
    # it (``word.header_lines``); the header's cells have no inner margins.
    widths: tuple[float, float] = field(default_factory=lambda: header_widths())
    cell_margin: float = 0


TITLE_TEXT = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TITLE_SIZE = 13


def header_widths(page: Page = A4_DECREE) -> tuple[float, float]:
    """(left, right) columns of the header in mm: the right one as wide as the national title
    measured in Times New Roman bold plus a little room, the left one the rest of the text."""
    right = round(text_width_mm(TITLE_TEXT, TITLE_SIZE, bold=True) + 2 * TITLE_SLACK_MM + 0.05, 1)
    return round(page.text_width - right, 1), right


NATIONAL_TITLE: tuple[Block, ...] = (
    Text(TITLE_TEXT, TITLE_SIZE, bold=True),
    Text("Độc lập - Tự do - Hạnh phúc", 14, bold=True),
    Rule(60.5),  # as long as the motto in Times New Roman 14 bold (60.4 mm)
)


def add_header_table(doc: Any, spec: HeaderSpec) -> Any:
    """The header: two borderless columns, two rows (so ``Số`` and the date share a line)."""
    table = add_borderless_table(doc, spec.widths, rows=2, cell_margin=spec.cell_margin)
    for row, (left, right) in zip(
        table.rows, ((spec.left, spec.right), (spec.left_below, spec.right_below)), strict=True
    ):
        fill_cell(row.cells[0], left, spec.widths[0], spec.cell_margin)
        fill_cell(row.cells[1], right, spec.widths[1], spec.cell_margin)
    return table


def add_title(doc: Any, title: str, summary: str, rule: Rule, page: Page = A4_DECREE) -> None:
    """``BÁO CÁO`` (bold, centred), the summary line (bold, centred) and its short rule."""
    add_blocks(
        doc,
        (Text(title, 14, bold=True, before=18), Text(summary, 14, bold=True), rule),
        page.text_width,
    )
    doc.paragraphs[-1].paragraph_format.space_after = Pt(12)


@dataclass(frozen=True)
class EndingSpec:
    """The ending columns: recipients on the left, the signer on the right."""

    left: Sequence[Block]
    right: Sequence[Block]
    widths: tuple[float, float] = (75, 90)


def add_ending_table(doc: Any, spec: EndingSpec) -> Any:
    """Both columns start at the top of one row: ``Nơi nhận:`` stands level with the signer's first
    line whether or not there is an authority line (its tag paragraph vanishes on render)."""
    table = add_borderless_table(doc, spec.widths, rows=1)
    fill_cell(table.rows[0].cells[0], spec.left, spec.widths[0])
    fill_cell(table.rows[0].cells[1], spec.right, spec.widths[1])
    return table


# ``Nơi nhận:`` (12 pt) and the signer's title (14 pt) share a baseline when the smaller line
# starts this much lower: the difference of their ascents (0.891 em in Times New Roman).
RECIPIENTS_DROP = round((14 - 12) * 0.891, 1)


# --- Saving --------------------------------------------------------------------------------------


def document_bytes(doc: Any, title: str) -> bytes:
    """The .docx bytes with fixed properties and zip timestamps: the same input, the same bytes."""
    props = doc.core_properties
    props.title = title
    props.subject = ""
    props.author = "outreach-xl"
    props.last_modified_by = "outreach-xl"
    props.comments = "Mẫu báo cáo theo Nghị định 30/2020/NĐ-CP. Hướng dẫn: HUONG_DAN_MAU.md"
    props.revision = 1
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    props.language = LANGUAGE
    buffer = io.BytesIO()
    doc.save(buffer)
    return deterministic_zip(buffer.getvalue())


def issuer_header(name_tag: str) -> HeaderSpec:
    """The header of every report we make: the managing body (when filled) and the issuer's name
    (``name_tag``) with its short rule | the national title; then ``Số:`` | place and date."""
    return HeaderSpec(
        left=(
            Tag("{%p if managing_body %}"),
            Text("{{ managing_body }}", 13),
            Tag("{%p endif %}"),
            Text(f"{{{{ {name_tag} }}}}", 13, bold=True),
            Rule(25),  # 1/3-1/2 of a school name (TRƯỜNG MẪU GIÁO MỸ AN: 62 mm)
        ),
        right=NATIONAL_TITLE,
        left_below=(Text("Số: {{ doc_ref }}", 13, before=6),),
        right_below=(Text("{{ place_date }}", 14, italic=True, before=6),),
    )


def ending_spec() -> EndingSpec:
    """Recipients on the left, the signer on the right: the same in every report we make."""
    return EndingSpec(
        left=(
            Text("Nơi nhận:", 12, bold=True, italic=True, align=Align.LEFT, before=RECIPIENTS_DROP),
            Tag("{%p for name in recipients %}"),
            Text("- {{ name }}", 11, align=Align.LEFT),
            Tag("{%p endfor %}"),
        ),
        right=(
            Tag("{%p if signer_authority %}"),
            Text("{{ signer_authority }}", 14, bold=True),
            Tag("{%p endif %}"),
            Text("{{ signer_title }}", 14, bold=True),
            Text("{{ signer_name }}", 14, bold=True, before=80),
        ),
    )


def add_list(doc: Any, items: str, line: str = "", *, var: str = "item") -> None:
    """One paragraph per element of ``items`` (a docxtpl paragraph loop; ``- {{ var }}``)."""
    add_tag(doc, f"{{%p for {var} in {items} %}}")
    add_text(doc, line or f"- {{{{ {var} }}}}")
    add_tag(doc, "{%p endfor %}")


def add_addressee(doc: Any) -> None:
    """``Kính gửi: ...`` centred under the title, present only when filled."""
    add_tag(doc, "{%p if addressee %}")
    kinh_gui = add_text(doc, "Kính gửi: {{ addressee }}")
    kinh_gui.paragraph_format.alignment = Align.CENTER
    kinh_gui.paragraph_format.first_line_indent = Mm(0)
    kinh_gui.paragraph_format.space_after = Pt(12)
    add_tag(doc, "{%p endif %}")


def start_document(page: Page = A4_DECREE) -> Any:
    """An empty document with the decree's page, fonts and page numbers from page 2."""
    doc = new_document()
    set_page(doc, page)
    add_page_numbers(doc)
    body = doc.element.body
    for paragraph in list(body.findall(qn("w:p"))):  # the default document's empty paragraph
        body.remove(paragraph)
    return doc


def add_closing(doc: Any, text: str) -> Any:
    """The closing sentence, kept on the page of the signature block that follows it."""
    closing = add_text(doc, text)
    closing.paragraph_format.keep_with_next = True
    closing.paragraph_format.space_after = Pt(12)  # room above Nơi nhận and the signer
    return closing


def end_with_small_paragraph(doc: Any) -> None:
    """Word needs a paragraph after a last table; a tiny one cannot spill onto a new page."""
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(0)
    _mark_format(paragraph, 2)
