"""Small helpers shared by test modules (conftest modules are not importable by name)."""

from __future__ import annotations

import dataclasses
import hashlib
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from outreach_xl.core.model import SchoolData


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


def soffice_convert(src: Path, target: str, outdir: Path) -> Path:
    """Convert a file with headless LibreOffice (private profile); the converted file's path.

    ``target`` is what ``--convert-to`` takes, e.g. ``xlsx`` or ``docx:MS Word 2007 XML``.
    """
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
             "--convert-to", target, "--outdir", str(outdir), str(src)],
            capture_output=True, text=True, timeout=180, check=False,
        )  # fmt: skip
    assert result.returncode == 0, result.stderr
    converted = outdir / f"{src.stem}.{target.split(':')[0]}"
    assert converted.exists(), result.stdout + result.stderr
    return converted
