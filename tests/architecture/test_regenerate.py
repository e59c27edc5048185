"""``tools/regenerate.py`` knows every generated file the repository keeps, and nothing else."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from support import REPO

# Where generated files live (the frozen workbooks of tests/data/versions are kept, not made).
GENERATED = (
    "templates/*.docx",
    "workbook/*.xlsm",
    "workbook/samples/*",
    "tests/data/valid/*",
    "tests/data/invalid/*",
)


def _regenerate() -> object:
    spec = importlib.util.spec_from_file_location("regenerate", REPO / "tools" / "regenerate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_generated_file_has_its_builder() -> None:
    known = set(_regenerate().artifacts())  # type: ignore[attr-defined]
    kept = {p.relative_to(REPO) for pattern in GENERATED for p in REPO.glob(pattern)}
    assert kept - known == set(), "committed but built by nothing: add it to tools/regenerate.py"
    assert known - kept == set(), "built but not committed: run python tools/regenerate.py"
    assert all(isinstance(p, Path) and not p.is_absolute() for p in known)
