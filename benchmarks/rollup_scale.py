"""The merge's parent-side work at national scale, without reading 45,000 files: ``Merger.add``
of every result, ``Merger.finish`` and writing the roll-up, on results replicated from a sample
of the varied corpus (each copy its own school code and file name; the first ``--register``
codes in the register, as in ``benchmarks/corpus.py``).

Run it with one ``src`` or another on ``PYTHONPATH`` (the baseline in a process of its own: its
classes are not this checkout's); ``--ab BASE_SRC`` does that, alternating, and prints both.

Usage: python benchmarks/rollup_scale.py [--n 45000] [--register 4000] [--ab /tmp/base/src]
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import os
import pickle
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = str(HERE.parent / "src")
CACHE = Path("/tmp/outreach-xl-rollup-scale-sample.pickle")


def sample_results(count: int = 300) -> list:
    """FileResults of ``count`` files spread over the varied corpus (read once, cached)."""
    if CACHE.exists():
        return pickle.loads(CACHE.read_bytes())
    sys.path.insert(0, str(HERE))
    from corpus import files_of, generate

    from outreach_xl.files.folder import read_one

    folder, _ = generate(1000, "varied", 14)
    files = files_of(folder)
    files = files[:: max(1, len(files) // count)][:count]
    results = [read_one(p, p.parent) for p in files]
    CACHE.write_bytes(pickle.dumps(results))
    return results


def measure(n: int, registered: int) -> dict[str, float]:
    from outreach_xl.core.merge import Merger, RegisteredSchool
    from outreach_xl.xlsx.rollup_workbook import rollup_bytes

    sample = sample_results()
    results = []
    for i in range(n):
        result = sample[i % len(sample)]
        code = f"{80000000 + i:08d}"
        if result.summary is not None:
            summary = dataclasses.replace(result.summary, school_code=code, file=f"s{i:05d}.xlsx")
            result = dataclasses.replace(result, file=summary.file, summary=summary)
        else:
            result = dataclasses.replace(result, file=f"s{i:05d}.xlsx")
        results.append(result)
    register = [RegisteredSchool(f"{80000000 + i:08d}", f"Trường {i}") for i in range(registered)]
    clock = time.process_time
    t0 = clock()
    merger = Merger(register, 2020)
    for result in results:
        merger.add(result)
    t1 = clock()
    rollup = merger.finish()
    t2 = clock()
    data = rollup_bytes(rollup, "Sở Giáo dục", "UBND")
    t3 = clock()
    digest = hashlib.sha256(data).hexdigest()[:12]
    return {
        "add": t1 - t0,
        "finish": t2 - t1,
        "write": t3 - t2,
        "bytes": len(data),
        "sha256": digest,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=45000)
    parser.add_argument("--register", type=int, default=4000)
    parser.add_argument("--ab", help="the baseline's src folder: run both, alternating")
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    if not args.ab:
        print(measure(args.n, args.register))
        return
    sample_results()
    for run in range(args.runs):
        order = [("base", args.ab), ("ours", SRC)]
        for name, src in order if run % 2 else order[::-1]:
            command = [sys.executable, __file__, "--n", str(args.n), "--register",
                       str(args.register)]  # fmt: skip
            env = dict(os.environ, PYTHONPATH=src)
            out = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
            print(f"  {name}: {out.stdout.strip()}", flush=True)


if __name__ == "__main__":
    main()
