"""The committed template is what the script builds, uses exactly the context's tags, documented."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from docxtpl import DocxTemplate

from outreach_xl.core.school_report import CONTEXT_KEYS
from outreach_xl.word.render import GUIDE_NAME, SCHOOL_TEMPLATE, jinja_environment
from outreach_xl.word.school_template import build_school_template
from support import TEMPLATES as REPO_TEMPLATES

COMMITTED = REPO_TEMPLATES / SCHOOL_TEMPLATE


def test_committed_template_equals_a_fresh_build() -> None:
    fresh = build_school_template()
    assert COMMITTED.read_bytes() == fresh, "run: python tools/regenerate.py"


def test_build_is_deterministic() -> None:
    assert build_school_template() == build_school_template()


def test_zip_has_fixed_times_and_no_leftovers() -> None:
    with zipfile.ZipFile(io.BytesIO(build_school_template())) as archive:
        infos = archive.infolist()
        names = [i.filename for i in infos]
        core = archive.read("docProps/core.xml").decode()
    assert names[0] == "[Content_Types].xml"
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert not any("thumbnail" in n or "stylesWithEffects" in n for n in names)
    assert "2025-01-01T00:00:00Z" in core and "python-docx" not in core


def test_template_uses_exactly_the_context_keys() -> None:
    used = DocxTemplate(COMMITTED).get_undeclared_template_variables(jinja_environment())
    assert used == set(CONTEXT_KEYS)


def test_guide_documents_every_tag() -> None:
    guide = (REPO_TEMPLATES / GUIDE_NAME).read_text(encoding="utf-8")
    for key in CONTEXT_KEYS:
        assert re.search(rf"`(\{{\{{ )?{key}( \}}\}})?`", guide), key
    for attribute in ("section.number", "section.title", "section.lines"):
        assert attribute in guide


@pytest.mark.parametrize("tag", ["{%p for", "{%p if"])
def test_every_block_is_closed_on_its_own_paragraph(tag: str) -> None:
    doc = DocxTemplate(COMMITTED)
    doc.init_docx()
    texts = [p.text for p in doc.docx.paragraphs]
    for table in doc.docx.tables:
        texts += [p.text for row in table.rows for cell in row.cells for p in cell.paragraphs]
    opened = [t for t in texts if t.startswith(tag)]
    closing = "{%p endfor %}" if "for" in tag else "{%p endif %}"
    assert opened and len(opened) == texts.count(closing)
    assert all(t.strip().endswith("%}") for t in opened)
