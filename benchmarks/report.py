"""Timing the school report: the whole ``outreach-xl report`` process, and one render in-process.

Run: ``python benchmarks/report.py [--runs 7]``. Target: the process under about 0.6 s.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from outreach_xl import read_file, render_school_report, validate
from outreach_xl.demo.sample import my_an_2020
from outreach_xl.schema import SCHOOL
from outreach_xl.xlsx.builder import build_workbook

TARGET_SECONDS = 0.6


def time_process(book: Path, folder: Path, runs: int) -> list[float]:
    """Wall time of ``python -m outreach_xl.cli report`` as a fresh process, one output per run."""
    times = []
    for run in range(runs):
        out = folder / f"r{run}.docx"
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "outreach_xl.cli", "report", str(book), "-o", str(out)],
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - start)
    return times


def time_in_process(book: Path, runs: int) -> dict[str, list[float]]:
    """Read, validate and render separately, in this process (imports already paid)."""
    steps: dict[str, list[float]] = {"read": [], "validate": [], "render": []}
    for _ in range(runs):
        start = time.perf_counter()
        sub = read_file(book)
        steps["read"].append(time.perf_counter() - start)
        start = time.perf_counter()
        validate(sub)
        steps["validate"].append(time.perf_counter() - start)
        start = time.perf_counter()
        render_school_report(sub)
        steps["render"].append(time.perf_counter() - start)
    return steps


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        book = folder / "BaoCao_TTDN_2020_MGMA.xlsx"
        book.write_bytes(build_workbook(SCHOOL, my_an_2020()))
        time_in_process(book, 1)  # warm-up: imports
        steps = time_in_process(book, args.runs)
        process = time_process(book, folder, args.runs)
    median = statistics.median(process)
    print(
        f"outreach-xl report (whole process), median of {args.runs}: {median * 1000:.0f} ms "
        f"(min {min(process) * 1000:.0f}, max {max(process) * 1000:.0f}); target "
        f"{TARGET_SECONDS * 1000:.0f} ms: {'OK' if median < TARGET_SECONDS else 'TOO SLOW'}"
    )
    for name, values in steps.items():
        print(f"  in-process {name:8s} median {statistics.median(values) * 1000:6.1f} ms")
    return 0 if median < TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
