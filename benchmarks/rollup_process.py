"""A/B of the merge as a process (``outreach-xl rollup FOLDER --register R -o OUT``): this
checkout's ``src`` against another ``src`` (e.g. main's, from ``git archive``), runs alternated,
on any folder of school workbooks (a subset of the national corpus, say).

Each run is measured from outside (wall; CPU of the merge and its workers; peak RSS of the whole
process tree, ``rollup.TreePeak``) and from inside: the merge process reports its own CPU and its
workers' (``RUSAGE_SELF`` and ``RUSAGE_CHILDREN`` at exit), so the parent's share is seen apart.

Usage: python benchmarks/rollup_process.py FOLDER REGISTER --base-src /tmp/base/src [--runs 4]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from rollup import load, run_measured

SRC = str(Path(__file__).resolve().parents[1] / "src")

INSIDE = r"""
import atexit, resource, sys
def report():
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    mine, theirs = me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime
    sys.stdout.write(f"\n#cpu {mine:.3f} {theirs:.3f}\n")
    sys.stdout.flush()
atexit.register(report)
sys.argv = ["outreach-xl", *sys.argv[1:]]
from outreach_xl.cli import main
raise SystemExit(main())
"""


def _spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} ({min(values):.2f}-{max(values):.2f})"


def one_run(src: str, folder: Path, register: Path, out: Path) -> dict[str, float]:
    command = [sys.executable, "-c", INSIDE, "rollup", str(folder), "--register", str(register),
               "-o", str(out), "--force"]  # fmt: skip
    wall, cpu, mb, stdout = run_measured(command, dict(os.environ, PYTHONPATH=src))
    marks = [line for line in stdout.splitlines() if line.startswith("#cpu ")]
    parent, workers = (float(v) for v in marks[-1].split()[1:]) if marks else (0.0, 0.0)
    return {"wall": wall, "cpu": cpu, "parent": parent, "workers": workers, "peak": mb}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("register", type=Path)
    parser.add_argument("--base-src", required=True)
    parser.add_argument("--runs", type=int, default=4)
    args = parser.parse_args()
    count = sum(1 for p in args.folder.iterdir() if p.suffix in (".xlsx", ".xlsm"))
    results: dict[str, list[dict[str, float]]] = {"base": [], "ours": []}
    with tempfile.TemporaryDirectory() as scratch:
        for run in range(args.runs):
            order = [("base", args.base_src), ("ours", SRC)]
            for name, src in order if run % 2 else order[::-1]:
                got = one_run(src, args.folder, args.register, Path(scratch) / f"{name}.xlsx")
                results[name].append(got)
                print(f"  {name}: wall {got['wall']:.2f} s, CPU {got['cpu']:.2f} s "
                      f"(parent {got['parent']:.2f}, workers {got['workers']:.2f}), "
                      f"tree peak {got['peak']:.0f} MB ({load()})", flush=True)  # fmt: skip
    print(f"\n{count} workbooks, {args.runs} runs each, median (range):")
    for name, runs in results.items():
        cells = []
        for key in ("wall", "cpu", "parent", "workers", "peak"):
            values = [r[key] for r in runs]
            cells.append(f"{key} {_spread(values)}")
        per = statistics.median(r["cpu"] for r in runs) * 1000 / count
        print(f"  {name}: " + ", ".join(cells) + f"; CPU {per:.3f} ms/workbook")
    for key in ("wall", "cpu", "parent"):
        pairs = zip(results["ours"], results["base"], strict=True)
        ratios = [o[key] / b[key] for o, b in pairs if b[key]]
        if ratios:
            print(f"  ours / base, {key}: {_spread(ratios)}")


if __name__ == "__main__":
    main()
