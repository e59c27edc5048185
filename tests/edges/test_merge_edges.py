"""The merge at its edges: totals of zero, counts of findings, template versions it cannot read."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from outreach_xl import read_file, rollup_folder
from outreach_xl.core.merge import (
    FileFacts,
    FileResult,
    FileStatus,
    RegisteredSchool,
    SchoolSummary,
    merge,
    rate,
    summarise,
)
from outreach_xl.core.validation import Finding
from outreach_xl.errors import UnsupportedTemplate
from outreach_xl.schema import SCHOOL, Severity
from outreach_xl.xlsx.builder import build_workbook

SAMPLE = Path(__file__).parents[1] / "data" / "valid" / "my-an-2020.xlsx"


@pytest.mark.parametrize(
    ("part", "whole", "share"),
    [(3, 4, 0.75), (0, 4, 0.0), (4, 4, 1.0), (5, 4, 1.25), (3, 0, None), (0, 0, None),
     (None, 4, None), (3, None, None)],
)  # fmt: skip
def test_rate(part: int | None, whole: int | None, share: float | None) -> None:
    assert rate(part, whole) == share


def _summary(code: str, **figures: int | None) -> SchoolSummary:
    return SchoolSummary(f"{code}.xlsx", 0.0, code, f"Trường {code}", figures=figures)


def test_a_school_with_a_total_of_zero_has_no_rate_and_does_not_stop_the_merge() -> None:
    rollup = merge(
        [FileResult("a.xlsx", summary=_summary("A", staff_participants=0, staff_total=0)),
         FileResult("b.xlsx", summary=_summary("B", staff_participants=3, staff_total=4))],
        [RegisteredSchool("A", "Trường A"), RegisteredSchool("B", "Trường B")],
    )  # fmt: skip
    rates = [r["staff_rate"] for r in rollup.rows]
    assert rates == [None, 0.75]
    assert rollup.totals["staff_rate"] == 0.75  # 3 of 0 + 4
    assert rollup.totals["pupil_rate"] is None  # nobody gave a pupil total


def test_the_per_school_rates_use_the_schools_own_totals() -> None:
    summary = _summary(
        "A", staff_participants=9, staff_total=10, pupil_participants=150, pupil_total=200
    )
    (row,) = merge([FileResult("a.xlsx", summary=summary)], [RegisteredSchool("A", "A")]).rows
    assert (row["staff_rate"], row["pupil_rate"]) == (0.9, 0.75)  # 9/10, 150/200


def test_items_per_group_are_items_and_schools_per_group_are_schools() -> None:
    summary = dataclasses.replace(_summary("A"), groups={"policy": 3, "image": 1})
    other = dataclasses.replace(_summary("B"), groups={"policy": 2})
    rollup = merge(
        [FileResult("a.xlsx", summary=summary), FileResult("b.xlsx", summary=other)],
        [RegisteredSchool("A", "Trường A"), RegisteredSchool("B", "Trường B")],
    )
    assert (rollup.group_items["policy"], rollup.group_schools["policy"]) == (5, 2)  # 3 + 2 items
    assert (rollup.group_items["image"], rollup.group_schools["image"]) == (1, 1)


def _finding(severity: Severity, message: str) -> Finding:
    return Finding(severity, "Kết quả", "C5", "Số lần", "", message, "Sửa", "rule")


def test_a_summary_counts_errors_and_warnings_apart() -> None:
    sub = read_file(SAMPLE)
    findings = [
        _finding(Severity.ERROR, "Lỗi một"),
        _finding(Severity.WARNING, "Cảnh báo một"),
        _finding(Severity.WARNING, "Cảnh báo hai"),
    ]
    summary = summarise(sub, findings, FileFacts("a.xlsx"))
    assert (summary.errors, summary.warnings) == (1, 2)
    assert len(summary.problems) == 1 and "Lỗi một" in summary.problems[0]
    assert summary.level == "MG"  # the level's short heading, as the roll-up's column shows it


@pytest.mark.parametrize("version", [0, 2])
def test_a_workbook_of_an_unknown_template_version_is_refused(tmp_path: Path, version: int) -> None:
    path = tmp_path / "v.xlsx"
    sample = read_file(SAMPLE).data()
    path.write_bytes(build_workbook(dataclasses.replace(SCHOOL, version=version), sample))
    with pytest.raises(UnsupportedTemplate):
        read_file(path)


def test_the_current_template_version_is_read(tmp_path: Path) -> None:
    path = tmp_path / "v1.xlsx"
    path.write_bytes(
        build_workbook(dataclasses.replace(SCHOOL, version=1), read_file(SAMPLE).data())
    )
    assert read_file(path).template_version == 1


def test_a_file_of_a_newer_template_is_listed_as_not_ours_in_the_merge(tmp_path: Path) -> None:
    """The merge's "unsupported template" branch: the tracker says which version and what to do."""
    sample = read_file(SAMPLE).data()
    (tmp_path / "moi.xlsx").write_bytes(
        build_workbook(dataclasses.replace(SCHOOL, version=2), sample)
    )
    (tmp_path / "cu.xlsx").write_bytes(build_workbook(SCHOOL, sample))
    rollup = rollup_folder(tmp_path, workers=1)
    files = {e.file: e for e in rollup.files}
    assert files["cu.xlsx"].status is FileStatus.VALID
    newer = files["moi.xlsx"]
    assert newer.status is FileStatus.NOT_OURS
    assert "phiên bản 2" in newer.reason and "outreach-xl mới nhất" in newer.reason
