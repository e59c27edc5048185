"""Time the whole merge (``outreach-xl rollup``: read, check, aggregate, write) as a process.

Generates N school workbooks with the real builder: one per demo variant, built with a placeholder
school code, then copied with the code replaced (same length, so only sharedStrings.xml is
re-deflated): every file is a distinct school. Files are cached in a temp folder per N.

Prints ms per workbook, wall and CPU seconds of the merge process (its workers included), the peak
resident memory of any child process (ru_maxrss), and the ratio against a plain openpyxl reader of
the same files (read-only, values, the same sheets), run in its own process in the same run.

The register holds at most 4,000 schools (the reader caps a sheet at 5,000 rows); the other schools
count as "not in the register", which costs the merge the same.

Usage: python benchmarks/rollup.py [--n 1000] [--baseline-max 1000]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from outreach_xl.core.model import SchoolData
from outreach_xl.demo.district import SCHOOLS, register_data, school_data, with_mistakes
from outreach_xl.schema import DISTRICT, SCHOOL
from outreach_xl.xlsx.builder import build_workbook

PLACEHOLDER = "QQQQQQQQ"  # eight characters, like a school code
REGISTER_MAX = 4000

BASELINE = r"""
import sys, time
from pathlib import Path
import openpyxl
SHEETS = sys.argv[3].split("|")
files = sorted(Path(sys.argv[1]).glob("*.xlsx"))[: int(sys.argv[2])]
start = time.perf_counter()
rows = []
for path in files:
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    values = {}
    for name in SHEETS:
        for row in book[name].iter_rows(values_only=True):
            if row and isinstance(row[0], str):
                values[row[0]] = row[2] if len(row) > 2 else None
    book.close()
    rows.append(values.get("school_code"))
print(len(files), time.perf_counter() - start)
"""


def _variants() -> list[bytes]:
    out = []
    for index, school in enumerate(SCHOOLS):
        data = school_data(school)
        if index % 4 == 3:  # a quarter with a mistake, so the validator has findings to make
            data = with_mistakes(data, staff_participants=999)
        values = dict(data.values, school_code=PLACEHOLDER)
        out.append(build_workbook(SCHOOL, SchoolData(values=values, tables=data.tables)))
    return out


def _members(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as archive:
        return [(info, archive.read(info)) for info in archive.infolist()]


def _write_range(args: tuple[Path, list[bytes], int, int]) -> None:
    folder, variants, start, stop = args
    parts = [_members(v) for v in variants]
    for i in range(start, stop):
        path = folder / f"s{i:05d}.xlsx"
        if path.exists():
            continue
        code = f"{80000000 + i:08d}".encode()
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for info, content in parts[i % len(parts)]:
                if info.filename == "xl/sharedStrings.xml":
                    content = content.replace(PLACEHOLDER.encode(), code)
                archive.writestr(info, content, compress_type=zipfile.ZIP_DEFLATED)


def generate(n: int) -> tuple[Path, Path]:
    """(schools folder, register file), cached under the temp folder."""
    base = Path(tempfile.gettempdir()) / f"outreach-xl-bench-rollup-{n}"
    folder = base / "schools"
    folder.mkdir(parents=True, exist_ok=True)
    register = base / "register.xlsx"
    if not register.exists():
        values = dict(register_data().values)
        schools = [
            {"code": f"{80000000 + i:08d}", "name": f"Trường số {i}", "level": "Tiểu học"}
            for i in range(min(n, REGISTER_MAX))
        ]
        tables = dict(register_data().tables, schools=schools)
        register.write_bytes(build_workbook(DISTRICT, SchoolData(values=values, tables=tables)))
    have = sum(1 for _ in folder.glob("s*.xlsx"))
    if have < n:
        variants = _variants()
        step = max(1, n // 16)
        jobs = [(folder, variants, s, min(n, s + step)) for s in range(0, n, step)]
        with ProcessPoolExecutor() as pool:
            list(pool.map(_write_range, jobs))
    return folder, register


def _children() -> resource.struct_rusage:
    return resource.getrusage(resource.RUSAGE_CHILDREN)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--baseline-max", type=int, default=1000, help="files the baseline reads")
    args = parser.parse_args()
    start = time.perf_counter()
    folder, register = generate(args.n)
    print(f"{args.n} workbooks ready in {time.perf_counter() - start:.1f} s ({folder})")
    out = folder.parent / "rollup.xlsx"
    before = _children()
    start = time.perf_counter()
    command = [sys.executable, "-m", "outreach_xl", "rollup", str(folder), "--register",
               str(register), "-o", str(out), "--force"]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = _children()
    if done.returncode:
        sys.exit(f"merge failed ({done.returncode}): {done.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    peak_mb = after.ru_maxrss / 1024  # kilobytes on Linux
    per = wall * 1000 / args.n
    print(done.stdout.strip())
    print(
        f"merge process: {per:.3f} ms per workbook, {wall:.2f} s wall, {cpu:.2f} s CPU "
        f"(all processes), peak RSS of a child {peak_mb:.0f} MB, cores {os.cpu_count()}"
    )
    sample = min(args.n, args.baseline_max)
    start = time.perf_counter()
    base = subprocess.run(
        [
            sys.executable,
            "-c",
            BASELINE,
            str(folder),
            str(sample),
            "|".join(SCHOOL.sheets_to_read()),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    base_wall = time.perf_counter() - start
    count, inner = base.stdout.split()
    base_per = base_wall * 1000 / int(count)
    print(
        f"openpyxl baseline (read-only, values, same sheets, {count} files): {base_per:.3f} ms "
        f"per workbook ({base_wall:.2f} s process, {float(inner):.2f} s reading)"
    )
    print(f"ratio openpyxl / outreach-xl per workbook: {base_per / per:.1f}x")


if __name__ == "__main__":
    main()
