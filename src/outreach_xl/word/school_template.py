"""The school report template (``templates/school_report.docx``), built from the layout kit.

``python tools/regenerate.py`` rewrites it. The output is byte-identical from run to run, so the
committed file can be compared with a fresh build.
"""

from __future__ import annotations

from typing import Any

from outreach_xl.word.layout import (
    A4_DECREE,
    CLAUSE,
    POINT,
    SECTION,
    Page,
    Rule,
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
    issuer_header,
    start_document,
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
    add_header_table(doc, issuer_header("school_name_upper"))
    add_title(doc, "BÁO CÁO", "{{ summary }}", Rule(55))  # summary of the sample: 147 mm
    school_body(doc)
    add_ending_table(doc, ending_spec())
    end_with_small_paragraph(doc)
    return document_bytes(doc, "Báo cáo hoạt động thông tin đối ngoại của nhà trường")
