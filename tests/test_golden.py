"""Golden files made by another program: our outputs re-saved by LibreOffice, compared on meaning.

``tests/data/golden/`` holds a school workbook re-saved by Calc, the sample school report re-saved
by Writer, the demo district's roll-up re-saved by Calc and its report re-saved by Writer. A file
another program wrote is an independent authority: the reader must get the same submission and the
same roll-up from it as from ours, and the reports we make now must say what the golden ones say,
on pages set up the same way. No LibreOffice is needed to run these tests.

When a change to a report or the roll-up is intended, regenerate with
``python tools/regenerate.py --golden`` (needs LibreOffice), look, and commit.
"""

from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest

from outreach_xl import read_file, validate
from outreach_xl.app.district import read_rollup
from outreach_xl.core.model import Submission

GOLDEN = Path(__file__).parent / "data" / "golden"
SAMPLE = Path(__file__).parent / "data" / "valid" / "my-an-2020.xlsx"
REGENERATE = "if the change is intended: python tools/regenerate.py --golden, look, commit"


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """What the code makes now, keyed by the golden file's name."""
    sys.path.insert(0, str(GOLDEN))
    try:
        from make_golden import fresh_outputs
    finally:
        sys.path.remove(str(GOLDEN))
    return fresh_outputs(tmp_path_factory.mktemp("fresh"))


def test_every_golden_file_was_made_by_libreoffice() -> None:
    names = sorted(p.name for p in GOLDEN.iterdir() if p.suffix in (".xlsx", ".docx"))
    assert names == [
        "district-report.writer.docx",
        "rollup.calc.xlsx",
        "school-report.writer.docx",
        "school-workbook.calc.xlsx",
    ]
    for name in names:
        with zipfile.ZipFile(GOLDEN / name) as archive:
            app = archive.read("docProps/app.xml").decode("utf-8")
        assert "LibreOffice" in app, f"{name} was not saved by LibreOffice"


# --- Workbooks ---------------------------------------------------------------------------------


def _places(sub: Submission) -> dict[str, Any]:
    """Where every value sits: field cells, and each table's row numbers."""
    return {
        **{k: c.ref for k, c in sub.fields.items()},
        **{t: [r.number for r in rows] for t, rows in sub.tables.items()},
    }


def test_the_school_workbook_resaved_by_calc_reads_as_ours() -> None:
    ours, theirs = read_file(SAMPLE), read_file(GOLDEN / "school-workbook.calc.xlsx")
    assert (theirs.template_id, theirs.template_version) == (
        ours.template_id,
        ours.template_version,
    )
    assert theirs.data() == ours.data()
    assert _places(theirs) == _places(ours)
    assert validate(theirs) == validate(ours) == []


def test_the_rollup_resaved_by_calc_has_our_rows_and_totals(fresh: dict[str, Path]) -> None:
    ours = read_rollup(fresh["rollup.calc.xlsx"], 2020)
    theirs = read_rollup(GOLDEN / "rollup.calc.xlsx", 2020)
    assert len(theirs.rows) == len(ours.rows) == 9, REGENERATE
    for mine, golden in zip(ours.rows, theirs.rows, strict=True):
        assert mine.keys() == golden.keys()
        for key, value in mine.items():
            if isinstance(value, float):  # Calc keeps 15 significant digits
                assert golden[key] == pytest.approx(value, rel=1e-12), (mine["school_code"], key)
            else:
                assert golden[key] == value, (mine["school_code"], key, REGENERATE)
    assert theirs.totals.keys() == ours.totals.keys()
    for key, value in ours.totals.items():
        assert theirs.totals[key] == pytest.approx(value, rel=1e-12), key
    assert theirs.channel_counts == ours.channel_counts
    assert theirs.group_items == ours.group_items


# --- Reports -----------------------------------------------------------------------------------


def _paragraphs(doc: Any) -> Iterator[str]:
    """Every non-empty paragraph's text, table cells included, in reading order."""
    for block in doc.element.body.iterchildren():
        for p in block.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"):
            text = "".join(
                t.text or ""
                for t in p.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t")
            )
            if text.strip():
                yield text


def _page(doc: Any) -> list[tuple[Any, ...]]:
    """Each section's paper, orientation, margins (mm, to 0.1) and first-page header rule."""
    return [
        (
            *(round(v.mm, 1) for v in (s.page_width, s.page_height, s.top_margin, s.bottom_margin,
                                        s.left_margin, s.right_margin, s.header_distance)),
            s.orientation,
            s.different_first_page_header_footer,
            "PAGE" in s.header._element.xml,  # the page number field, on pages after the first
        )
        for s in doc.sections
    ]  # fmt: skip


@pytest.mark.parametrize("name", ["school-report.writer.docx", "district-report.writer.docx"])
def test_our_reports_say_what_the_writer_resaved_ones_say(
    fresh: dict[str, Path], name: str
) -> None:
    ours = docx.Document(io.BytesIO(fresh[name].read_bytes()))
    theirs = docx.Document(str(GOLDEN / name))
    assert list(_paragraphs(ours)) == list(_paragraphs(theirs)), REGENERATE
    assert _page(ours) == _page(theirs), REGENERATE


def test_the_page_setup_compared_is_the_decrees(fresh: dict[str, Path]) -> None:
    """A4, margins 20 / 20 / 30 / 15, numbers in the top margin from page 2 (docs/decree30.md)."""
    (page,) = _page(docx.Document(str(GOLDEN / "school-report.writer.docx")))
    assert page[:6] == (210.0, 297.0, 20.0, 20.0, 30.0, 15.0)
    assert page[-2:] == (True, True)
