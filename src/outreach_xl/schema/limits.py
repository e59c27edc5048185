"""Caps that keep one hostile file from exhausting memory or time.

Every number here bounds something a file declares or contains; the reader checks them before a
parser allocates anything, and the validator turns values past them into findings.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Limits:
    """Caps that keep one hostile file from exhausting memory or time."""

    max_file_bytes: int = 20 * 1024 * 1024
    max_uncompressed_bytes: int = 100 * 1024 * 1024
    # One part the spreadsheet reader parses (a sheet, the shared strings): inflated with a running
    # cap, whatever the zip headers declare.
    max_part_bytes: int = 32 * 1024 * 1024
    max_zip_ratio: int = 200
    max_rows: int = 5000
    # Columns a reader keeps: a school sheet uses at most 7 (key, label, value, help, or a list's
    # columns); the roll-up read back (district-report, rollup --previous) is the widest: its
    # columns, the year-over-year ones when compared, and the key row's metadata after them
    # (about 65 in all). The rest is room for columns a user inserts. Cells further right are
    # never read (a grid is never built wider than this).
    max_cols: int = 128
    # Cells that lie outside the rows and columns above and are dropped before reading; more is
    # refused rather than rewritten.
    max_stray_cells: int = 10_000
    max_cell_chars: int = 32767  # Excel's own limit for one cell
    # A whole number longer than Excel can hold exactly (15 significant digits) is not a figure.
    max_int_digits: int = 15
    # A file the guard cannot vouch for is read in a child process with at most this much more
    # memory and time; past them the child is stopped and the file is reported unreadable.
    max_read_memory: int = 400 * 1024 * 1024
    max_read_seconds: float = 20.0
    extra: dict[str, int] = field(default_factory=dict)


LIMITS = Limits()
