"""Time each button's whole process as Excel starts it, against ``python -c "import xlwings"``.

A click starts a new Python with xlwings' ``import xlwings.utils;xlwings.utils.prepare_sys_path``
and then the .bas file's RunPython line (``import outreach_xl.excel as x; x.validate()``); here the
book is the remote engine's, from the sample workbook's payload (``tests/excel/remote.py``), so the
figure is start-up, imports, reading the book and the work, without Excel's own round trips.
Baseline and clicks are interleaved in one run (a busy machine slows both alike); medians printed.

Two settings: this Python as it is, and, when it has numpy or pandas (outreach-xl installs
neither; a shared or Anaconda Python may), with them made unimportable as in a Python installed
from our pyproject.toml. Target: the school click under 1.5x the baseline.
Usage: python benchmarks/click.py [--runs N]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "excel"))
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

import remote  # noqa: E402  (tests/excel/remote.py: the payload and the click's command)

from outreach_xl.demo.district import build_demo_district  # noqa: E402

SAMPLE = REPO / "workbook" / "samples" / "BaoCao_TTDN_2020_MGMA.xlsx"
HEAVY = ("numpy", "pandas")
BUTTONS = (
    ("Kiểm tra dữ liệu", "school.bas", "CheckEntries"),
    ("Tạo báo cáo Word", "school.bas", "MakeReport"),
    ("Tổng hợp các trường", "district.bas", "MergeSchools"),
)
TARGET = 1.5


def _seconds(code: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, stdin=subprocess.DEVNULL
    )
    return time.perf_counter() - start


def _baseline(block: tuple[str, ...]) -> str:
    """``import xlwings`` behind the same import blocker as the clicks (a no-op when empty)."""
    code = remote.click_code("pass;pass", Path("unused"), block)
    return code[: code.index("import xlwings.utils")] + "import xlwings\n"


def measure(
    runs: int, block: tuple[str, ...], folder: Path
) -> list[tuple[str, float, float, float]]:
    school = Path(shutil.copy(SAMPLE, folder / SAMPLE.name))
    register, _ = build_demo_district(folder / "district")
    books = {"school.bas": school, "district.bas": register}
    codes = {}
    for label, macros, sub in BUTTONS:
        payload = folder / f"{sub}.json"
        payload.write_text(json.dumps(remote.payload(books[macros])), encoding="utf-8")
        codes[label] = remote.click_code(remote.bas_command(macros, sub), payload, block)
    baseline = _baseline(block)
    times: dict[str, list[float]] = {label: [] for label in codes}
    base: list[float] = []
    _seconds(baseline)  # warm the disk cache and .pyc files
    for code in codes.values():
        _seconds(code)
    for _ in range(runs):
        base.append(_seconds(baseline))
        for label, code in codes.items():
            times[label].append(_seconds(code))
    rows = [("python -c 'import xlwings'", base), *times.items()]
    return [
        (
            label,
            statistics.median(t),
            statistics.median(t) / statistics.median(base),
            min(t) / min(base),
        )
        for label, t in rows
    ]


def main() -> None:
    args = argparse.ArgumentParser()
    args.add_argument("--runs", type=int, default=7)
    runs = args.parse_args().runs
    present = tuple(name for name in HEAVY if importlib.util.find_spec(name) is not None)
    settings = [("this Python" + (f" (has {', '.join(present)})" if present else ""), ())]
    if present:
        settings.append(("as installed from pyproject.toml (no numpy, no pandas)", HEAVY))
    school_ratio = 0.0
    for title, block in settings:
        with tempfile.TemporaryDirectory() as tmp:
            rows = measure(runs, block, Path(tmp))
        print(f"{title}: {runs} runs; median, its ratio, and the ratio of the fastest runs")
        for label, seconds, ratio, fastest in rows:
            print(f"  {label:28} {seconds * 1000:6.0f} ms  {ratio:5.2f}x  ({fastest:.2f}x)")
        school_ratio = rows[1][2]
    verdict = "meets" if school_ratio < TARGET else "MISSES"
    print(f"School click as installed: {school_ratio:.2f}x the baseline ({verdict} {TARGET}x).")


if __name__ == "__main__":
    main()
