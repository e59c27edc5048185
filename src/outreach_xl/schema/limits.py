"""Caps that keep one hostile file from exhausting memory or time."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Limits:
    """Caps that keep one hostile file from exhausting memory or time."""

    max_file_bytes: int = 20 * 1024 * 1024
    max_uncompressed_bytes: int = 100 * 1024 * 1024
    max_zip_ratio: int = 200
    max_rows: int = 5000
    max_cell_chars: int = 32767  # Excel's own limit for one cell
    extra: dict[str, int] = field(default_factory=dict)


LIMITS = Limits()
