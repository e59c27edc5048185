"""Time the whole merge (``outreach-xl rollup``: read, check, aggregate, write) against the reader.

The corpus (``benchmarks/corpus.py``) is varied by default: 1 to 60 content items, 1 to 20
channels, short and long texts, ``.xlsx`` and ``.xlsm``, every fifth file re-saved by LibreOffice
Calc when soffice is present; ``--uniform`` takes the demo-variant corpus of the first version.

Printed in one run, baselines and the merge interleaved, with the load average beside each figure:

1. The merge as a process (its workers included), run as installed (modules compiled once, as
   pip and the installer leave them): wall, CPU, ms of CPU per workbook, peak memory of the
   whole process tree (RSS of the merge and its workers summed, sampled from /proc).
2. Per workbook, in this process, CPU, over a sample of files, stage by stage, each file through
   every stage in turn (rounds repeated: median and range over rounds):
   container guard (with our own cell reader in its pass), calamine load (only for the files the
   cell reader declines), parse, validate, summarise; and, on the same files, raw
   python-calamine reading the same sheets, bare inflate of those parts, the reading floor (the
   least a reader in Python does: inflate the parts, decode the strings, one regular expression
   over each sheet's cells, no work per cell), and an openpyxl read-only merge of the same cells.
3. Writing the roll-up: ms per school, and for 1,000 schools.
4. With ``--raw-all``: raw python-calamine over every file of the corpus on every core (the
   floor the merge is compared with at national scale), run before and after the merge.

Usage: python benchmarks/rollup.py [--n 1000] [--sample 150] [--rounds 3] [--runs 1]
       [--uniform] [--raw-all] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import re
import resource
import statistics
import subprocess
import sys
import threading
import time
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import RESAVED_EVERY, files_of, generate

from outreach_xl.core.merge import FileFacts, Merger, Rollup, summarise
from outreach_xl.core.parse import read_grids
from outreach_xl.core.validation import validate
from outreach_xl.files import cells, reader
from outreach_xl.files.folder import read_one
from outreach_xl.files.plainzip import PlainZip
from outreach_xl.schema import SCHOOL
from outreach_xl.xlsx.rollup_workbook import rollup_bytes

SHEETS = SCHOOL.sheets_to_read()


def load() -> str:
    return "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


# --- The process tree's memory -------------------------------------------------------------------


def _tree_rss_kb(root: int) -> int:
    """Sum of the resident memory of ``root`` and every descendant (from /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry), int(fields[1])
        children.setdefault(ppid, []).append(pid)
        rss[pid] = int(fields[21]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


class TreePeak:
    """Samples the tree's summed RSS every ``every`` seconds while a process runs."""

    def __init__(self, pid: int, every: float = 0.05) -> None:
        self.pid, self.every, self.peak_kb = pid, every, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, _tree_rss_kb(self.pid))
            self._stop.wait(self.every)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak_kb / 1024


def run_measured(
    command: list[str], env: dict[str, str] | None = None
) -> tuple[float, float, float, str]:
    """(wall s, CPU s of the process and its children, peak tree MB, stdout)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    peak = TreePeak(proc.pid)
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    mb = peak.stop()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode:
        sys.exit(f"{command[:4]} failed ({proc.returncode}): {err[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, mb, out


# --- Stages and baselines, one file at a time ----------------------------------------------------


def raw_calamine(path: Path) -> Any:
    """python-calamine alone: the same sheets, every value, nothing else."""
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    try:
        wanted = {unicodedata.normalize("NFC", n) for n in SHEETS}
        return [
            book.get_sheet_by_name(n).to_python(skip_empty_area=False)
            for n in book.sheet_names
            if unicodedata.normalize("NFC", n) in wanted
        ]
    finally:
        book.close()


def bare_inflate(path: Path) -> int:
    """Inflate the parts a reader of those sheets needs: every worksheet, shared strings,
    workbook and its relationships (the floor under any reader)."""
    size = 0
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            name = info.filename
            if name.startswith("xl/worksheets/sheet") or name in (
                "xl/sharedStrings.xml",
                "xl/workbook.xml",
                "xl/_rels/workbook.xml.rels",
            ):
                size += len(archive.read(info))
    return size


def reading_floor(path: Path) -> int:
    """The least any reader of those sheets written in Python does: read the file, parse the
    zip directory, inflate (CRC-checked) the workbook, its relationships, the shared strings,
    styles and the sheets, decode the shared strings, and find every cell of each sheet with one
    regular expression: no check, and no work per cell or per string in Python."""
    data = path.read_bytes()
    package = PlainZip(data)
    fixed = {name: package.inflate(name) for name in cells.FIXED if name in package.entries}
    sheets = cells._sheets(fixed[cells.PACKAGE_RELS], fixed[cells.WORKBOOK],
                           fixed[cells.WORKBOOK_RELS])  # fmt: skip
    found = len(_STRING.findall(fixed[cells.SHARED].decode("utf-8")))
    for name, part in sheets:
        if name in WANTED:
            found += len(cells._CELL.findall(package.inflate(part)))
    return found


_STRING = re.compile(r"<t[^>]*>([^<]*)</t>")


def openpyxl_merge(path: Path) -> Any:
    """What a plain openpyxl merge of the same cells would do: read-only, values, same sheets."""
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    values = {}
    try:
        for name in SHEETS:
            for row in book[name].iter_rows(values_only=True):
                if row and isinstance(row[0], str):
                    values[row[0]] = row[2] if len(row) > 2 else None
    finally:
        book.close()
    return values.get("school_code")


WANTED = {unicodedata.normalize("NFC", n) for n in SHEETS}


def guard(path: Path) -> Any:
    """The container guard as the merge runs it; for a plain workbook its pass over each sheet is
    our own cell reader's, which reads the values as it goes."""
    return reader._check_container(path, WANTED)


def calamine_load(path: Path, guarded: Any) -> Any:
    """``load_grids`` after its guard: the grids our cell reader read in the guard's pass, or
    python-calamine's for a file it declined (sheet selection, caps, putting formula errors back;
    a file the guard is unsure of is read in a child)."""
    if guarded.unsure:
        return reader._read_isolated(path, SHEETS, guarded.unsure)
    return reader._read_checked(path, WANTED, guarded)


def kind_of(path: Path) -> str:
    """Which share of the corpus a file belongs to (``corpus.source_of``)."""
    if int(path.stem[1:]) % RESAVED_EVERY == RESAVED_EVERY - 1 and path.suffix == ".xlsx":
        return "re-saved by LibreOffice"
    return f"built {path.suffix}"


def stage_times(
    files: list[Path], rounds: int, openpyxl_every: int, by_kind: dict[str, list[float]]
) -> dict[str, list[float]]:
    """ms per workbook of CPU, per stage, one value per round; ``by_kind`` gets, per kind of
    file, (read_one ms, raw calamine ms) sums and a count."""
    names = ["guard + our reader", "calamine load", "parse", "validate", "summarise",
             "read_one (all)", "raw calamine", "bare inflate", "reading floor",
             "openpyxl merge"]  # fmt: skip
    out: dict[str, list[float]] = {n: [] for n in names}
    clock = time.process_time
    for r in range(rounds):
        spent = dict.fromkeys(names, 0.0)
        counted = dict.fromkeys(names, 0)
        for i, path in enumerate(files):
            order = [0, 1, 2] if (i + r) % 2 else [2, 1, 0]  # baselines before or after
            for step in order:
                if step == 0:
                    t0 = clock()
                    guarded = guard(path)
                    t1 = clock()
                    grids = calamine_load(path, guarded)
                    t2 = clock()
                    sub = read_grids(grids, path.name, SCHOOL)
                    t3 = clock()
                    findings = validate(sub, SCHOOL)
                    t4 = clock()
                    summarise(sub, findings, FileFacts(path.name, 0.0))
                    t5 = clock()
                    read_one(path, path.parent)
                    t6 = clock()
                    marks = (("guard + our reader", t0, t1), ("calamine load", t1, t2),
                             ("parse", t2, t3), ("validate", t3, t4), ("summarise", t4, t5),
                             ("read_one (all)", t5, t6))  # fmt: skip
                    for name, a, b in marks:
                        spent[name] += b - a
                        counted[name] += 1
                    kind = by_kind.setdefault(kind_of(path), [0.0, 0.0, 0.0])
                    kind[0] += (t6 - t5) * 1000
                    kind[2] += 1
                elif step == 1:
                    t0 = clock()
                    raw_calamine(path)
                    t1 = clock()
                    bare_inflate(path)
                    t2 = clock()
                    reading_floor(path)
                    t3 = clock()
                    spent["raw calamine"] += t1 - t0
                    spent["bare inflate"] += t2 - t1
                    spent["reading floor"] += t3 - t2
                    counted["reading floor"] += 1
                    by_kind.setdefault(kind_of(path), [0.0, 0.0, 0.0])[1] += (t1 - t0) * 1000
                    counted["raw calamine"] += 1
                    counted["bare inflate"] += 1
                elif i % openpyxl_every == 0:
                    t0 = clock()
                    openpyxl_merge(path)
                    spent["openpyxl merge"] += clock() - t0
                    counted["openpyxl merge"] += 1
        for name in names:
            out[name].append(spent[name] * 1000 / max(1, counted[name]))
    return out


def _spread(values: list[float]) -> str:
    if len(values) == 1:
        return f"{values[0]:7.3f}"
    return f"{statistics.median(values):7.3f} ({min(values):.3f}-{max(values):.3f})"


def rollup_of_schools(files: list[Path], schools: int) -> Rollup:
    """A roll-up of ``schools`` schools: the files merged in this process, repeated to reach the
    count, each result made a school of its own (code, file name, digest)."""
    merger = Merger()
    for i in range(schools):
        path = files[i % len(files)]
        result = read_one(path, path.parent)
        if result.summary is not None:
            code = f"{90000000 + i:08d}"
            result.summary.__dict__.update(school_code=code, file=f"{code}.xlsx", digest=code)
        merger.add(result)
    return merger.finish()


def write_times(files: list[Path], schools: int, rounds: int) -> list[float]:
    """CPU seconds to write a roll-up of ``schools`` schools (``rollup_of_schools``), one value
    per round."""
    rollup = rollup_of_schools(files, schools)
    times = []
    for _ in range(rounds):
        t0 = time.process_time()
        rollup_bytes(rollup, "Phòng Giáo dục", "UBND")
        times.append(time.process_time() - t0)
    return times


# --- Raw python-calamine over the whole corpus, on every core ------------------------------------


def _raw_chunk(paths: list[Path]) -> int:
    for path in paths:
        raw_calamine(path)
    return len(paths)


RAW_ALL = r"""
import sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from concurrent.futures import ProcessPoolExecutor
import rollup
files = rollup.files_of(Path(sys.argv[2]))
chunks = [files[i : i + 32] for i in range(0, len(files), 32)]
with ProcessPoolExecutor() as pool:
    print(sum(pool.map(rollup._raw_chunk, chunks)))
"""


def raw_all(folder: Path) -> tuple[float, float, float]:
    here = str(Path(__file__).resolve().parent)
    command = [sys.executable, "-c", RAW_ALL, here, str(folder)]
    wall, cpu, mb, _ = run_measured(command, installed_env())
    return wall, cpu, mb


# An installed package runs from compiled bytecode (pip and the Windows installer compile it);
# a checkout run with PYTHONDONTWRITEBYTECODE set would compile every module in every run.
PYCACHE = Path("/tmp/outreach-xl-bench-pycache")


def installed_env(src: str | None = None) -> dict[str, str]:
    """The environment of a merge run as installed: bytecode written once and reused (kept
    outside the checkout); ``src``: another checkout's ``src`` first on the path."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    if src:
        env["PYTHONPATH"] = src
    return env


def compile_once(src: str | None = None) -> None:
    """Compile the package's modules (ours, or another checkout's) as an install would."""
    import outreach_xl

    where = src or str(Path(outreach_xl.__file__).resolve().parent.parent)
    command = [sys.executable, "-m", "compileall", "-q", where]
    subprocess.run(command, env=installed_env(src), check=True, stdout=subprocess.DEVNULL)


def merge_run(
    folder: Path, register: Path, src: str | None = None
) -> tuple[float, float, float, str]:
    """The merge as a user runs it; ``src``: another checkout's ``src`` (the baseline)."""
    out = folder.parent / ("rollup-baseline.xlsx" if src else "rollup.xlsx")
    command = [sys.executable, "-m", "outreach_xl", "rollup", str(folder), "--register",
               str(register), "-o", str(out), "--force"]  # fmt: skip
    wall, cpu, mb, stdout = run_measured(command, installed_env(src))
    return wall, cpu, mb, stdout.splitlines()[0] if stdout else ""


def profile(files: list[Path]) -> None:
    """cProfile of read_one over the sample: where our own time goes."""
    prof = cProfile.Profile()
    prof.enable()
    for path in files:
        read_one(path, path.parent)
    prof.disable()
    text = io.StringIO()
    pstats.Stats(prof, stream=text).sort_stats("tottime").print_stats(25)
    print(text.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1000, help="workbooks in the merged folder")
    parser.add_argument("--uniform", action="store_true", help="the demo-variant corpus")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--sample", type=int, default=150, help="files timed stage by stage")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the stage timing")
    parser.add_argument("--runs", type=int, default=1, help="merge runs (interleaved with raw)")
    parser.add_argument("--openpyxl-every", type=int, default=3, help="openpyxl on every k-th")
    parser.add_argument("--raw-all", action="store_true", help="raw calamine over the corpus")
    parser.add_argument("--no-stages", action="store_true")
    parser.add_argument(
        "--baseline-src",
        help="another checkout's src folder (e.g. main's, from git archive): its merge is run "
        "before or after ours in every run, alternately",
    )
    parser.add_argument("--profile", action="store_true", help="cProfile read_one on the sample")
    args = parser.parse_args()
    kind = "uniform" if args.uniform else "varied"
    start = time.perf_counter()
    folder, register = generate(args.n, kind, args.seed)
    files = files_of(folder)
    print(f"{args.n} {kind} workbooks ready in {time.perf_counter() - start:.1f} s ({folder})")
    step = max(1, len(files) // args.sample)
    sample = files[::step][: args.sample]
    cores = os.cpu_count()

    compile_once()
    if args.baseline_src:
        compile_once(args.baseline_src)
    merges: list[tuple[float, float, float]] = []
    bases: list[tuple[float, float, float]] = []
    raws: list[tuple[float, float, float]] = []
    for run in range(args.runs):
        if args.raw_all and run % 2 == 0:
            raws.append(raw_all(folder))
            print(
                f"  raw calamine, all files, {cores} cores: {raws[-1][0]:.2f} s wall, "
                f"{raws[-1][1]:.2f} s CPU, tree peak {raws[-1][2]:.0f} MB ({load()})"
            )
        order = [None, args.baseline_src] if run % 2 else [args.baseline_src, None]
        for src in order if args.baseline_src else [None]:
            wall, cpu, mb, first = merge_run(folder, register, src)
            (bases if src else merges).append((wall, cpu, mb))
            print(f"  {'baseline merge' if src else 'merge'}: {wall:.2f} s wall, {cpu:.2f} s CPU "
                  f"({cpu * 1000 / args.n:.3f} ms/workbook), tree peak {mb:.0f} MB ({load()}) "
                  f"[{first}]")  # fmt: skip
        if args.raw_all and run % 2 == 1:
            raws.append(raw_all(folder))
            print(
                f"  raw calamine, all files, {cores} cores: {raws[-1][0]:.2f} s wall, "
                f"{raws[-1][1]:.2f} s CPU, tree peak {raws[-1][2]:.0f} MB ({load()})"
            )
    merge_cpu = [m[1] * 1000 / args.n for m in merges] or [float("nan")]
    if merges:
        print(f"\nmerge process, {args.n} workbooks, {cores} cores, {args.runs} run(s):")
        print(f"  wall s        {_spread([m[0] for m in merges])}")
        print(f"  CPU ms/book   {_spread(merge_cpu)}")
        print(f"  tree peak MB  {_spread([m[2] for m in merges])}")
        if bases:
            print(f"  baseline ({args.baseline_src}): wall s {_spread([b[0] for b in bases])}, "
                  f"CPU ms/book {_spread([b[1] * 1000 / args.n for b in bases])}, "
                  f"tree peak MB {_spread([b[2] for b in bases])}")  # fmt: skip
        if raws:
            print(f"  raw calamine over the same files: wall s {_spread([r[0] for r in raws])}, "
                  f"CPU s {_spread([r[1] for r in raws])}")  # fmt: skip
            merge_wall = statistics.median([m[0] for m in merges])
            raw_wall = statistics.median([r[0] for r in raws])
            raw_cpu = statistics.median([r[1] for r in raws])
            floor = raw_cpu / (cores or 1)
            print(
                f"  merge / raw calamine: wall {merge_wall / raw_wall:.2f}x, CPU "
                f"{statistics.median([m[1] for m in merges]) / raw_cpu:.2f}x"
            )
            print(
                f"  merge wall / (raw calamine CPU spread over {cores} cores = {floor:.2f} s): "
                f"{merge_wall / floor:.2f}x (target at most 1.5x)"
            )

    if args.no_stages:
        return
    print(f"\nper workbook, CPU ms, {len(sample)} files, {args.rounds} rounds, median (range) "
          f"[{load()}]:")  # fmt: skip
    by_kind: dict[str, list[float]] = {}
    times = stage_times(sample, args.rounds, args.openpyxl_every, by_kind)
    ours = [
        sum(v)
        for v in zip(times["guard + our reader"], times["parse"], times["validate"], strict=True)
    ]
    for name, values in times.items():
        print(f"  {name:<22}{_spread(values)}")
    print(f"  {'our work (guard+our reader+parse+validate)':<22} {_spread(ours)}")
    raw = statistics.median(times["raw calamine"])
    print(f"  our work / raw calamine: {statistics.median(ours) / raw:.2f}x")
    print(f"  merge process CPU / raw calamine: {statistics.median(merge_cpu) / raw:.2f}x "
          f"(target at most 2x)")  # fmt: skip
    print(f"  openpyxl merge / merge process CPU: "
          f"{statistics.median(times['openpyxl merge']) / statistics.median(merge_cpu):.1f}x "
          f"(target at least 10x)")  # fmt: skip
    budget = statistics.median(times["openpyxl merge"]) / 10
    floor = statistics.median(times["reading floor"])
    print(f"  at 10x openpyxl the whole merge may cost {budget:.3f} ms per workbook; reading "
          f"alone costs at least {floor:.3f} ms ({floor / budget:.0%} of it), python-calamine "
          f"{raw:.3f} ms ({raw / budget:.0%})")  # fmt: skip
    print("  by kind of file (mean over rounds):")
    for kind, (ours_ms, raw_ms, count) in sorted(by_kind.items()):
        files = int(count // args.rounds)
        print(f"    {kind:<24} {files:4d} files: read_one {ours_ms / count:.3f}, "
              f"raw calamine {raw_ms / count:.3f} ms")  # fmt: skip
    writes = write_times(sample, 1000, args.rounds)
    print(f"\nwriting the roll-up of 1,000 schools: CPU s {_spread(writes)} "
          f"({statistics.median(writes):.3f} ms per school) [{load()}]")  # fmt: skip
    if args.profile:
        profile(sample)


if __name__ == "__main__":
    main()
