"""Small helpers shared by test modules (conftest modules are not importable by name)."""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path
from typing import Any

from outreach_xl.model import SchoolData


def digest(path: Path) -> str:
    """SHA-256 of a file, to prove an input was not changed."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


REPO = Path(__file__).resolve().parents[1]
"""The checkout the tests run from (the package under test may be installed elsewhere)."""
TEMPLATES = REPO / "templates"


def with_changes(
    data: SchoolData, values: dict[str, Any] | None = None, **tables: list[dict[str, Any]]
) -> SchoolData:
    """A copy of ``data`` with some fields and whole tables replaced."""
    return dataclasses.replace(
        data,
        values={**data.values, **(values or {})},
        tables={**data.tables, **tables},
    )
