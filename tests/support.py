"""Small helpers shared by test modules (conftest modules are not importable by name)."""

from __future__ import annotations

import hashlib
from pathlib import Path


def digest(path: Path) -> str:
    """SHA-256 of a file, to prove an input was not changed."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


REPO = Path(__file__).resolve().parents[1]
"""The checkout the tests run from (the package under test may be installed elsewhere)."""
TEMPLATES = REPO / "templates"
