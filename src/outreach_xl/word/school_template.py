"""The school report template (``templates/school_report.docx``), built from the layout kit.

``python tools/regenerate.py`` rewrites it. The output is byte-identical from run to run, so the
committed file can be compared with a fresh build.
"""

from __future__ import annotations

from typing import Any

from outreach_xl.word.layout import (
    A4_DECREE,
    CLAUSE,
    NATIONAL_TITLE,
    POINT,
    SECTION,
    HeaderSpec,
    Page,
    Rule,
    Tag,
    Text,
    add_addressee,
    add_closing,
    add_ending_table,
    add_header_table,
    add_list,
    add_tag,
    add_text,
    add_title,
    document_bytes,
    end_with_small_paragraph,
    ending_spec,
    start_document,
)


def school_header() -> HeaderSpec:
    return HeaderSpec(
        left=(
            Tag("{%p if managing_body %}"),
            Text("{{ managing_body }}", 13),
            Tag("{%p endif %}"),
            Text("{{ school_name_upper }}", 13, bold=True),
            Rule(25),  # 1/3-1/2 of a school name (TRƯỜNG MẪU GIÁO MỸ AN: 62 mm)
        ),
        right=NATIONAL_TITLE,
        left_below=(Text("Số: {{ doc_ref }}", 13, before=6),),
        right_below=(Text("{{ place_date }}", 14, italic=True, before=6),),
    )


def school_body(doc: Any) -> None:
    """The body in the reference report's order, optional parts wrapped in tags."""
    add_addressee(doc)
    add_text(
        doc,
        "Thực hiện {{ citation }}, {{ school_name }} báo cáo kết quả triển khai thực hiện hoạt "
        "động thông tin đối ngoại năm {{ report_year }} với các nội dung như sau:",
    )
    add_text(doc, "I. CÔNG TÁC TUYÊN TRUYỀN", SECTION)
    add_tag(doc, "{%p for text in organisation %}")
    add_text(doc, "{{ text }}")
    add_tag(doc, "{%p endfor %}")
    add_text(doc, "II. NỘI DUNG THỰC HIỆN", SECTION)
    add_text(doc, "1. Hoạt động truyền thông, tuyên truyền", CLAUSE)
    add_tag(doc, "{%p if content_items %}")
    add_text(doc, "a) Nội dung tuyên truyền:", POINT)
    add_list(doc, "content_items", var="text")
    add_tag(doc, "{%p endif %}")
    add_tag(doc, "{%p if channels %}")
    add_text(doc, "b) Hình thức tuyên truyền:", POINT)
    add_list(doc, "channels", var="text")
    add_tag(doc, "{%p endif %}")
    add_text(doc, "III. KẾT QUẢ ĐẠT ĐƯỢC", SECTION)
    add_list(doc, "results", var="text")
    add_list(doc, "figures", var="text")
    add_tag(doc, "{%p for section in followup_sections %}")
    add_text(doc, "{{ section.number }}. {{ section.title }}", SECTION)
    add_list(doc, "section.lines", var="text")
    add_tag(doc, "{%p endfor %}")
    add_closing(
        doc,
        "Trên đây là báo cáo hoạt động thông tin đối ngoại của {{ school_name }} năm "
        "{{ report_year }}./.",
    )


def build_school_template(page: Page = A4_DECREE) -> bytes:
    """The school report template, as bytes."""
    doc = start_document(page)
    add_header_table(doc, school_header())
    add_title(doc, "BÁO CÁO", "{{ summary }}", Rule(55))  # summary of the sample: 147 mm
    school_body(doc)
    add_ending_table(doc, ending_spec())
    end_with_small_paragraph(doc)
    return document_bytes(doc, "Báo cáo hoạt động thông tin đối ngoại của nhà trường")
