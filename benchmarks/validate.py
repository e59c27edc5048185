"""Time ``outreach-xl validate`` on the sample: whole process (median of runs) and in-process parts.

Prints figures measured in this run; the target is "well under a second" for the process.
Usage: python benchmarks/validate.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from outreach_xl import validate
from outreach_xl.core.parse import read_grids
from outreach_xl.demo.sample import my_an_2020
from outreach_xl.files.reader import load_grids
from outreach_xl.schema import SCHOOL
from outreach_xl.xlsx.builder import build_workbook


def _median_ms(func, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    args = argparse.ArgumentParser()
    args.add_argument("--runs", type=int, default=7)
    runs = args.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sample.xlsx"
        path.write_bytes(build_workbook(SCHOOL, my_an_2020()))
        grids = load_grids(path)
        sub = read_grids(grids, path.name)
        command = [sys.executable, "-m", "outreach_xl", "validate", str(path)]
        process = _median_ms(lambda: subprocess.run(command, capture_output=True, check=True), runs)
        bare = _median_ms(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), runs)
        load = _median_ms(lambda: load_grids(path), runs * 20)
        parse = _median_ms(lambda: read_grids(grids, path.name), runs * 20)
        check = _median_ms(lambda: validate(sub), runs * 20)
    print(f"outreach-xl validate (process, median of {runs}): {process:8.1f} ms")
    print(f"  bare python start-up in the same run:           {bare:8.1f} ms")
    print(
        f"  in-process: calamine load {load:.2f} ms, parse {parse:.2f} ms, validate {check:.2f} ms"
    )
    print(f"  ratio process / bare interpreter: {process / bare:.1f}x")


if __name__ == "__main__":
    main()
