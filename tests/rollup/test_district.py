"""The district side: config and register, report figures equal the roll-up, template in step."""

from __future__ import annotations

import io

from docx import Document

from outreach_xl.app.district import (
    read_district,
    read_rollup,
    render_district_report,
    run_rollup,
    write_district_report,
)
from outreach_xl.core.district_report import DISTRICT_TEMPLATE, report_context
from outreach_xl.core.formats import thousands
from outreach_xl.files.folder import rollup_folder
from outreach_xl.word.district_template import DISTRICT_TEMPLATE as BUILT_NAME
from outreach_xl.word.district_template import build_district_template
from support import TEMPLATES


def text_of(docx: bytes) -> str:
    doc = Document(io.BytesIO(docx))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [c.text for row in table.rows for c in row.cells]
    return "\n".join(parts)


def test_the_register_and_config_are_read(demo) -> None:
    register, _ = demo
    district = read_district(register)
    assert district.config.report_year == 2020
    assert district.config.recipients[-1] == "Lưu: VT."
    assert [s.code for s in district.register][:2] == ["80512101", "80512102"]
    assert not district.errors


def test_the_report_figures_equal_the_rollup(demo, tmp_path) -> None:
    register, folder = demo
    run = run_rollup(folder, register, tmp_path / "tonghop.xlsx", workers=1)
    report = write_district_report(run.output, register, tmp_path / "bc.docx")
    text = text_of(report.read_bytes())
    r, t = run.rollup, run.rollup.totals
    assert f"số trường đã gửi báo cáo: {r.reported} " in text
    assert f"Số trường phải báo cáo: {r.registered};" in text
    # rates over the schools that gave the total (the Mỹ An sample gives none, as its seed)
    assert f"{thousands(t['staff_rate_part'])}/{thousands(t['staff_rate_whole'])}" in text
    assert f"{thousands(t['pupil_rate_part'])}/{thousands(t['pupil_rate_whole'])}" in text
    assert f"Số lần tuyên truyền: {t['sessions']};" in text
    for entry in r.missing:
        assert entry.school_name in text
    assert "Trường Tiểu học Tân Thành" in text  # the missing demo school
    # the roll-up read back from the workbook gives the same context as the one in memory
    back = read_rollup(run.output, 2020)
    assert back.totals == r.totals
    assert report_context(run.district.config, back) == report_context(run.district.config, r)


def test_an_empty_folder_reports_every_school_missing(demo, tmp_path) -> None:
    register, _ = demo
    district = read_district(register)
    empty = tmp_path / "empty"
    empty.mkdir()
    rollup = rollup_folder(empty, district.register)
    context = report_context(district.config, rollup)
    assert context["reported"] == 0 and len(context["missing"]) == 8
    text = text_of(render_district_report(district.config, rollup))
    assert "Các trường chưa gửi báo cáo (8 trường)" in text


def test_the_committed_template_is_the_built_one() -> None:
    assert DISTRICT_TEMPLATE == BUILT_NAME
    assert (TEMPLATES / DISTRICT_TEMPLATE).read_bytes() == build_district_template(), (
        "run python tools/regenerate.py"
    )


def test_lists_end_with_a_full_stop_whatever_is_filled(demo, tmp_path) -> None:
    register, _ = demo
    district = read_district(register)
    empty = tmp_path / "empty"
    empty.mkdir()
    context = report_context(district.config, rollup_folder(empty, district.register))
    figures = context["figures"]  # no news items, no parents: the last figure is the sessions
    assert figures[-1].startswith("Số lần tuyên truyền") and figures[-1].endswith(".")
    assert all(f.endswith(";") for f in figures[:-1])
    recipients = context["recipients"]
    assert recipients[-1] == "Lưu: VT." and all(r.endswith(";") for r in recipients[:-1])


def test_every_list_is_ended_by_the_one_rule_not_by_the_template(demo, tmp_path) -> None:
    """The district template has no punctuation logic of its own: its lists are lines that
    ``formats.punctuate`` ended, so a typed end (``Trường X.``) is replaced, never doubled."""
    from outreach_xl.core.district_report import list_lines

    assert b"loop.last" not in build_district_template()
    lines = list_lines(
        {
            "missing": [
                {"name": "Trường A", "code": "1", "note": ""},
                {"name": "Trường B", "code": "2", "note": "chỉ có tệp năm 2026"},
            ],
            "with_errors": [{"name": "Trường C", "errors": 2}],
            "unregistered": [],
            "channels": [{"label": "Zalo", "schools": 3}, {"label": "Website", "schools": 1}],
            "groups": [{"label": "Biển, đảo", "count": 4, "schools": 2}],
        }
    )
    assert lines["missing_lines"] == [
        "Trường A (mã 1);",
        "Trường B (mã 2: chỉ có tệp năm 2026).",
    ]
    assert lines["with_errors_lines"] == ["Trường C (2 lỗi)."]
    assert lines["unregistered_lines"] == []
    assert lines["channel_lines"] == ["Zalo: 3 trường;", "Website: 1 trường."]
    assert lines["group_lines"] == ["Biển, đảo: 4 nội dung, ở 2 trường."]
    register, _ = demo
    district = read_district(register)
    text = text_of(
        render_district_report(district.config, rollup_folder(tmp_path, district.register))
    )
    assert "- Trường Tiểu học Tân Thành (mã 80512106);" in text
