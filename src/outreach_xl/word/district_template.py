"""The district report template (``templates/district_report.docx``) from the school blocks.

Same national format (Nghị định 30): header table, ``BÁO CÁO`` and summary, body in the decree's
styles, recipients and signer. Only the texts differ; every figure is a tag filled from the roll-up
(``core.district_report.report_context``).
``python tools/regenerate.py`` rewrites it.
"""

from __future__ import annotations

from typing import Any

from outreach_xl.word.layout import (
    A4_DECREE,
    CLAUSE,
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

DISTRICT_TEMPLATE = "district_report.docx"


def district_body(doc: Any) -> None:
    add_addressee(doc)
    add_tag(doc, "{%p if citation %}")
    add_text(
        doc,
        "Thực hiện {{ citation }}; căn cứ báo cáo của các trường, {{ unit_name }} tổng hợp kết "
        "quả hoạt động thông tin đối ngoại năm {{ year }} của các trường như sau:",
    )
    add_tag(doc, "{%p else %}")
    add_text(
        doc,
        "Căn cứ báo cáo của các trường, {{ unit_name }} tổng hợp kết quả hoạt động thông tin đối "
        "ngoại năm {{ year }} của các trường như sau:",
    )
    add_tag(doc, "{%p endif %}")
    add_text(doc, "I. TÌNH HÌNH NỘP BÁO CÁO CỦA CÁC TRƯỜNG", SECTION)
    add_text(
        doc,
        "Số trường phải báo cáo: {{ registered }}; số trường đã gửi báo cáo: {{ reported }} "
        "({{ reported_rate }}).",
    )
    add_tag(doc, "{%p if missing %}")
    add_text(doc, "Các trường chưa gửi báo cáo ({{ missing | length }} trường):")
    add_list(doc, "missing_lines")
    add_tag(doc, "{%p if lapsed %}")
    add_text(
        doc,
        "Trong đó, {{ lapsed | length }} trường đã gửi báo cáo năm {{ previous_year }}: "
        "{{ lapsed | map(attribute='name') | join(', ') }}.",
    )
    add_tag(doc, "{%p endif %}")
    add_tag(doc, "{%p else %}")
    add_text(doc, "Tất cả các trường trong danh sách đã gửi báo cáo.")
    add_tag(doc, "{%p endif %}")
    add_tag(doc, "{%p if with_errors %}")
    add_text(doc, "Các trường có báo cáo còn sai sót, cần điều chỉnh:")
    add_list(doc, "with_errors_lines")
    add_tag(doc, "{%p endif %}")
    add_tag(doc, "{%p if unregistered %}")
    add_text(doc, "Các trường đã gửi báo cáo nhưng không có trong danh sách tổng hợp:")
    add_list(doc, "unregistered_lines")
    add_tag(doc, "{%p endif %}")
    add_text(doc, "II. KẾT QUẢ THỰC HIỆN", SECTION)
    add_text(doc, "1. Số liệu tổng hợp", CLAUSE)
    add_text(doc, "{{ rule }}")
    add_list(doc, "figures")
    add_tag(doc, "{%p if counted_note %}")
    add_text(doc, "{{ counted_note }}")
    add_tag(doc, "{%p endif %}")
    add_tag(doc, "{%p if channels %}")
    add_text(doc, "2. Hình thức tuyên truyền được sử dụng nhiều nhất", CLAUSE)
    add_list(doc, "channel_lines")
    add_tag(doc, "{%p endif %}")
    add_tag(doc, "{%p if groups %}")
    add_text(doc, "{{ groups_number }}. Nội dung tuyên truyền chủ yếu", CLAUSE)
    add_list(doc, "group_lines")
    add_tag(doc, "{%p endif %}")
    add_tag(doc, "{%p for section in followup_sections %}")
    add_text(doc, "{{ section.number }}. {{ section.title }}", SECTION)
    add_list(doc, "section.lines", "- {{ line }}", var="line")
    add_tag(doc, "{%p endfor %}")
    add_closing(
        doc,
        "Trên đây là báo cáo tổng hợp hoạt động thông tin đối ngoại năm {{ year }} của "
        "{{ unit_name }}./.",
    )


def build_district_template(page: Page = A4_DECREE) -> bytes:
    """The district report template, as bytes (deterministic)."""
    doc = start_document(page)
    add_header_table(doc, issuer_header("unit_name_upper"))
    add_title(doc, "BÁO CÁO", "{{ summary }}", Rule(55))
    district_body(doc)
    add_ending_table(doc, ending_spec())
    end_with_small_paragraph(doc)
    return document_bytes(doc, "Báo cáo tổng hợp hoạt động thông tin đối ngoại của các trường")
