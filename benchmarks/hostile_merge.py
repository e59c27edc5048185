"""The merge of N school workbooks with 5% of them hostile, against the same merge all clean.

Both folders hold N files: the hostile one has every 20th workbook replaced by a case of the hostile
corpus (tests/hostile/corpus.py: bombs, broken zips, other templates, 100,000 rows...). Each merge
runs as a process (`outreach-xl rollup`), alternately, several times; medians are printed with their
ratio. Target: the hostile merge within 20% of the clean one.

Usage: python benchmarks/hostile_merge.py [--n 1000] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]

from hostile.corpus import write_corpus  # noqa: E402
from rollup import generate  # noqa: E402  (benchmarks/rollup.py)


def hostile_copy(clean: Path, n: int) -> Path:
    """The clean folder with every 20th workbook replaced by a hostile file (cached)."""
    target = clean.parent / "hostile-schools"
    marker = target / ".done"
    if marker.exists():
        return target
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(clean, target)
    corpus = write_corpus(Path(tempfile.mkdtemp()) / "corpus", with_soffice=False)
    cases = sorted(corpus.values())
    for index, victim in enumerate(sorted(target.glob("s*.xlsx"))[::20]):
        victim.unlink()
        source = cases[index % len(cases)]
        shutil.copyfile(source, victim.with_name(f"h{index:04d}-{source.name}"))
    marker.write_text(str(n))
    return target


def merge_seconds(folder: Path, register: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the merge and every process it started)."""
    out = folder.parent / f"rollup-{folder.name}.xlsx"
    command = [sys.executable, "-m", "outreach_xl", "rollup", str(folder), "--register",
               str(register), "-o", str(out), "--force"]  # fmt: skip
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        sys.exit(f"merge failed ({done.returncode}): {done.stderr}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return seconds, cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    clean, register = generate(args.n)
    hostile = hostile_copy(clean, args.n)
    bad = sum(1 for p in hostile.iterdir() if p.name.startswith("h"))
    print(f"{args.n} workbooks; hostile folder: {bad} hostile files ({bad / args.n:.0%})")
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    times: dict[str, list[tuple[float, float]]] = {"clean": [], "hostile": []}
    for _ in range(args.runs):
        times["clean"].append(merge_seconds(clean, register))
        times["hostile"].append(merge_seconds(hostile, register))
    for name in ("clean", "hostile"):
        walls = [w for w, _ in times[name]]
        cpus = [c for _, c in times[name]]
        print(
            f"{name:7} merge: wall median {statistics.median(walls):.2f} s "
            f"(range {min(walls):.2f}-{max(walls):.2f}), "
            f"CPU median {statistics.median(cpus):.2f} s "
            f"(range {min(cpus):.2f}-{max(cpus):.2f}) over {args.runs} runs"
        )
    for what, index in (("wall", 0), ("CPU", 1)):
        clean_s = statistics.median(t[index] for t in times["clean"])
        hostile_s = statistics.median(t[index] for t in times["hostile"])
        print(f"ratio hostile / clean ({what}): {hostile_s / clean_s:.2f} (target at most 1.20)")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory of any merge process or worker: {peak:.0f} MB; load average after: "
          f"{os.getloadavg()[0]:.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
