"""A workbook read both ways, to compare: the reader as it is, and the reader as it was.

As it is: ``files.reader.load_grids`` (the guard reading a plain zip directly, our own cell reader
``files.cells`` reading the values wherever it is sure). As it was, kept as the reference: the same
guard over Python's zipfile (``reader._inspect_zipfile``, which the reader still uses for any zip
that is not plain) and python-calamine reading the values (``reader._read``), a file the guard is
unsure of read in a child process, exactly what ``load_grids`` did before our cell reader.

An outcome is the grids, or the error (its class and the user's message). Grids are compared value
for value and type for type (a ``float`` is not an ``int``, a ``date`` not a ``datetime``; NaN
equals NaN); no padding is normalised: our reader gives python-calamine's grid shape exactly.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from unittest import mock

from outreach_xl.core.formats import nfc
from outreach_xl.errors import OutreachError
from outreach_xl.files import cells, reader
from outreach_xl.files.plainzip import NotPlain, PlainZip

Outcome = tuple[str, Any]


def _outcome(read: Any) -> Outcome:
    try:
        return "grids", read()
    except OutreachError as exc:
        return "error", (type(exc).__name__, exc.user_message())


def now(path: Path, sheets: Sequence[str] | None = None) -> Outcome:
    """What ``load_grids`` gives today."""
    return _outcome(lambda: reader.load_grids(path, sheets))


def before(path: Path, sheets: Sequence[str] | None = None) -> Outcome:
    """What ``load_grids`` gave before our cell reader: zipfile under the guard, calamine after."""

    def read() -> dict[str, Any]:
        wanted = None if sheets is None else {nfc(n) for n in sheets}
        with mock.patch.object(reader, "_inspect_zip", reader._inspect_zipfile):
            guarded = reader._check_container(path, wanted)
        if guarded.unsure:
            return reader._read_isolated(path, sheets, guarded.unsure)
        assert guarded.grids is None  # the zipfile path never reads values itself
        return reader._read(path, wanted, guarded)

    return _outcome(read)


def fast(path: Path, sheets: Sequence[str] | None = None) -> bool:
    """Whether our cell reader read the file (the guard vouched for it and it declined nothing)."""
    wanted = None if sheets is None else {nfc(n) for n in sheets}
    try:
        return reader._check_container(path, wanted).grids is not None
    except OutreachError:
        return False


def why_declined(path: Path, sheets: Sequence[str] | None = None) -> str:
    """Why our cell reader does not read the file ("" when it does)."""
    if fast(path, sheets):
        return ""
    try:
        package = PlainZip(path.read_bytes())
    except NotPlain as exc:
        return f"not a plain zip: {exc}"
    except OSError as exc:
        return f"cannot open: {exc}"
    parts: dict[str, bytes] = {}
    try:
        for name in package.entries:
            if name.startswith("xl/") or name == cells.PACKAGE_RELS:
                parts[name] = package.inflate(name)
        book = cells.Book(parts, package.entries)
        wanted = None if sheets is None else {nfc(n) for n in sheets}
        for name, part in book.sheets:
            if wanted is None or name in wanted:
                book.grid(part, parts[part])
    except NotPlain as exc:  # (the same builtin as cells.Declined)
        return str(exc)
    except KeyError as exc:
        return f"no part {exc}"
    return "the guard's own checks (cells outside <sheetData>, prefixed cells, a copy for calamine)"


def same_value(a: Any, b: Any) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def same(a: Outcome, b: Outcome) -> bool:
    """The same error, or grids equal value for value and type for type."""
    if a[0] != b[0]:
        return False
    if a[0] == "error":
        return bool(a[1] == b[1])
    x, y = a[1], b[1]
    if list(x) != list(y):
        return False
    for name in x:
        if len(x[name]) != len(y[name]):
            return False
        for row_x, row_y in zip(x[name], y[name], strict=True):
            if len(row_x) != len(row_y) or not all(map(same_value, row_x, row_y)):
                return False
    return True


def difference(a: Outcome, b: Outcome) -> str:
    """The first difference between two outcomes, for a failing test's message."""
    if a[0] != b[0] or a[0] == "error":
        return f"{a[0]} {str(a[1])[:300]} / {b[0]} {str(b[1])[:300]}"
    x, y = a[1], b[1]
    if list(x) != list(y):
        return f"sheets {list(x)} / {list(y)}"
    for name in x:
        if len(x[name]) != len(y[name]):
            return f"{name}: {len(x[name])} rows / {len(y[name])}"
        for r, (row_x, row_y) in enumerate(zip(x[name], y[name], strict=True)):
            if len(row_x) != len(row_y):
                return f"{name} row {r + 1}: {len(row_x)} columns / {len(row_y)}"
            for c, (u, v) in enumerate(zip(row_x, row_y, strict=True)):
                if not same_value(u, v):
                    return f"{name} row {r + 1} column {c + 1}: {u!r} / {v!r}"
    return ""


def survey(folder: Path, sheets: Sequence[str] | None = None) -> None:
    """Print how many workbooks of a folder our cell reader reads, why it declines the others,
    and whether every one reads as before."""
    import collections

    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".xlsx", ".xlsm"))
    reasons: collections.Counter[str] = collections.Counter()
    differ = []
    for path in files:
        if not fast(path, sheets):
            reasons[why_declined(path, sheets)] += 1
        ours, theirs = now(path, sheets), before(path, sheets)
        if not same(ours, theirs):
            differ.append((path.name, difference(ours, theirs)))
    read = len(files) - sum(reasons.values())
    print(f"{read} of {len(files)} workbooks read by our cell reader ({read / len(files):.1%})")
    for reason, count in reasons.most_common():
        print(f"  declined ({count}): {reason}")
    print(f"{len(differ)} read otherwise than before" + "".join(f"\n  {d}" for d in differ))


if __name__ == "__main__":  # python tests/files/differential.py FOLDER [school]
    import sys

    from outreach_xl.schema import SCHOOL

    survey(Path(sys.argv[1]), SCHOOL.sheets_to_read() if sys.argv[2:] == ["school"] else None)
