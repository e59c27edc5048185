"""A/B of writing the roll-up workbook: this checkout's ``rollup_bytes`` against another commit's,
in one process, on the same roll-up, interleaved, CPU time (``time.process_time``).

The roll-up is the one ``benchmarks/rollup.py`` times (``write_times``): a Merger fed ``--schools``
results read from the varied corpus, each made a distinct school. The other commit's
``xlsx/rollup_workbook.py`` is loaded from git under another module name (everything else it
imports is this checkout's); both outputs are compared byte for byte before timing.

Usage: python benchmarks/rollup_write.py [--schools 1000] [--rounds 7] [--base main] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import importlib.util
import io
import pstats
import statistics
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import files_of, generate

from outreach_xl.core.merge import Rollup
from outreach_xl.xlsx import rollup_workbook
from rollup import rollup_of_schools

REPO = Path(__file__).resolve().parents[1]


def baseline(ref: str) -> ModuleType:
    """``xlsx/rollup_workbook.py`` as it is at ``ref``, as a module of its own."""
    source = subprocess.run(
        ["git", "show", f"{ref}:src/outreach_xl/xlsx/rollup_workbook.py"],
        cwd=REPO, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    spec = importlib.util.spec_from_loader("rollup_workbook_base", loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    exec(compile(source, f"{ref}:rollup_workbook.py", "exec"), module.__dict__)
    return module


def rollup_of(schools: int, sample: int = 150) -> Rollup:
    folder, _ = generate(1000, "varied", 14)
    files = files_of(folder)
    return rollup_of_schools(files[:: max(1, len(files) // sample)][:sample], schools)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--schools", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--base", default="main", help="git ref of the baseline")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    base = baseline(args.base)
    rollup = rollup_of(args.schools)
    ours = rollup_workbook.rollup_bytes(rollup, "Phòng Giáo dục", "UBND")
    theirs = base.rollup_bytes(rollup, "Phòng Giáo dục", "UBND")
    print(f"{args.schools} schools: {len(ours):,} bytes, identical to {args.base}'s: "
          f"{ours == theirs}")  # fmt: skip
    times: dict[str, list[float]] = {"base": [], "ours": []}
    for r in range(args.rounds):
        order = [("base", base), ("ours", rollup_workbook)]
        for name, module in order if r % 2 else order[::-1]:
            t0 = time.process_time()
            module.rollup_bytes(rollup, "Phòng Giáo dục", "UBND")
            times[name].append(time.process_time() - t0)
    for name, values in times.items():
        print(f"  {name}: CPU s median {statistics.median(values):.3f} "
              f"({min(values):.3f}-{max(values):.3f})")  # fmt: skip
    ratios = [o / b for o, b in zip(times["ours"], times["base"], strict=True)]
    print(f"  ours / base: {statistics.median(ratios):.2f} ({min(ratios):.2f}-{max(ratios):.2f})")
    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        rollup_workbook.rollup_bytes(rollup, "Phòng Giáo dục", "UBND")
        prof.disable()
        text = io.StringIO()
        pstats.Stats(prof, stream=text).sort_stats("tottime").print_stats(25)
        print(text.getvalue())


if __name__ == "__main__":
    main()
