"""The merge of N school workbooks with 5% of them hostile, against the same merge all clean.

Both folders hold N files: the hostile one has every 20th workbook replaced by a case of the hostile
corpus (tests/hostile/corpus.py: bombs, broken zips, other templates, 100,000 rows...). Each merge
runs as a process (`outreach-xl rollup`), alternately, several times; medians are printed with their
ratio. Target: the hostile merge within 20% of the clean one.

Usage: python benchmarks/hostile_merge.py [--n 1000] [--runs 3]
"""

from __future__ import annotations

import argparse
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


def merge_seconds(folder: Path, register: Path) -> float:
    out = folder.parent / f"rollup-{folder.name}.xlsx"
    command = [sys.executable, "-m", "outreach_xl", "rollup", str(folder), "--register",
               str(register), "-o", str(out), "--force"]  # fmt: skip
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"merge failed ({done.returncode}): {done.stderr}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    clean, register = generate(args.n)
    hostile = hostile_copy(clean, args.n)
    bad = sum(1 for p in hostile.iterdir() if p.name.startswith("h"))
    print(f"{args.n} workbooks; hostile folder: {bad} hostile files ({bad / args.n:.0%})")
    times: dict[str, list[float]] = {"clean": [], "hostile": []}
    for _ in range(args.runs):
        times["clean"].append(merge_seconds(clean, register))
        times["hostile"].append(merge_seconds(hostile, register))
    clean_s = statistics.median(times["clean"])
    hostile_s = statistics.median(times["hostile"])
    print(f"clean merge   (median of {args.runs}): {clean_s:.2f} s")
    print(f"hostile merge (median of {args.runs}): {hostile_s:.2f} s")
    print(f"ratio hostile / clean: {hostile_s / clean_s:.2f} (target at most 1.20)")


if __name__ == "__main__":
    main()
