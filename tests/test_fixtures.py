"""Every fixture workbook gives exactly the findings listed beside it; adding a file adds a test."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from data import make_fixtures
from outreach_xl import read_file, validate

DATA = Path(__file__).parent / "data"
INVALID = sorted((DATA / "invalid").glob("*.xlsx"))
VALID = sorted((DATA / "valid").glob("*.xlsx"))


def _findings(path: Path) -> set[tuple[str, ...]]:
    return {
        (f.rule, f.severity.value, f.sheet, f.label, f.message, f.fix)
        for f in validate(read_file(path))
    }


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_invalid_fixture_gives_its_findings(path: Path) -> None:
    """The findings written by hand, in the words the user reads (kept beside them)."""
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    keys = ("rule", "severity", "sheet", "label", "message", "fix")
    assert _findings(path) == {tuple(e[k] for k in keys) for e in expected}


@pytest.mark.parametrize("path", VALID, ids=[p.stem for p in VALID])
def test_valid_fixture_has_no_finding(path: Path) -> None:
    assert _findings(path) == set()


def test_every_rule_has_a_fixture() -> None:
    rules = {p.stem.split("-")[0] for p in INVALID}
    assert rules >= {
        "required", "type", "bounds", "choice", "not_greater", "min_rows", "pattern",
        "date_in_year", "date_not_after", "prefix", "duplicate", "last_row", "not_zero",
        "not_a_date", "day_first",
    }  # fmt: skip


def test_fixtures_are_up_to_date(tmp_path: Path) -> None:
    (tmp_path / "valid").mkdir()
    (tmp_path / "invalid").mkdir()
    fresh = make_fixtures.write_all(tmp_path)
    for path in fresh:
        committed = DATA / path.relative_to(tmp_path)
        assert committed.read_bytes() == path.read_bytes(), (
            f"stale: {committed}; run python tools/regenerate.py"
        )
        if path.suffix == ".xlsx" and path.parent.name == "invalid":
            json_path = path.with_suffix(".json")
            assert committed.with_suffix(".json").read_bytes() == json_path.read_bytes()
