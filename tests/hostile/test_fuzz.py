"""The seeded mutation fuzzer (tests/hostile/fuzz.py) through validate, report and the merge: no
traceback, no exit code other than 0, 1 or 2, no file over 2 s or 500 MB, inputs unchanged.

``OUTREACH_FUZZ_CASES`` and ``OUTREACH_FUZZ_SEED`` run a longer or different campaign locally.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hostile.fuzz import mutants
from support import digest

CASES = int(os.environ.get("OUTREACH_FUZZ_CASES", "300"))
SEED = int(os.environ.get("OUTREACH_FUZZ_SEED", "20261201"))
SRC = Path(__file__).resolve().parents[2] / "src"
TESTS = Path(__file__).resolve().parents[1]
MAX_SECONDS = 2.0
MAX_MB = 500


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    folder = tmp_path_factory.mktemp("fuzz")
    what = {}
    for name, data, done in mutants(SEED, CASES):
        (folder / name).write_bytes(data)
        what[name] = done
    return folder, what


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), str(TESTS)])}


def test_validate_and_report_on_every_mutant(
    fuzzed: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    folder, what = fuzzed
    files = sorted(folder.iterdir())
    hashes = {p: digest(p) for p in files}
    results: dict[str, dict[str, object]] = {}
    remaining = [str(p) for p in files]
    crashes = []
    while remaining:  # a driver that dies names its file; the others run in a new driver
        command = [sys.executable, str(TESTS / "hostile" / "fuzz.py"), "DRIVER", str(tmp_path)]
        done = subprocess.run(
            [*command, *remaining], capture_output=True, text=True, env=_env(), timeout=600
        )
        started = None
        for line in done.stdout.splitlines():
            record = json.loads(line)
            if "start" in record:
                started = record["start"]
            else:
                results[str(record["file"])] = record
                started = None
        remaining = [f for f in remaining if f not in results and f != started]
        if started is not None:
            crashes.append((started, done.returncode, done.stderr[-500:]))
    assert not crashes, crashes
    bad = {
        Path(f).name: (r["code"], round(float(r["seconds"]), 2), r["tail"], what[Path(f).name])
        for f, r in results.items()
        if r["code"] not in (0, 1, 2) or r["traceback"] or float(r["seconds"]) > MAX_SECONDS
    }
    assert not bad, bad
    assert max(float(r["mb"]) for r in results.values()) < MAX_MB
    codes = {r["code"] for r in results.values()}
    assert {0, 2} <= codes, codes  # the mutants reach the reader, the validator and the report
    assert {p: digest(p) for p in files} == hashes


def test_the_merge_over_every_mutant(fuzzed: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    from hostile.test_hostile_cli import register_file, run_cli

    folder, what = fuzzed
    out = tmp_path / "tong-hop.xlsx"
    result = run_cli("rollup", folder, "--register", register_file(tmp_path), "-o", out)
    assert result["code"] == 0, result
    assert "Traceback" not in str(result["err"]) and "không mong đợi" not in str(result["out"])
    assert float(result["mb"]) < MAX_MB
    import openpyxl

    book = openpyxl.load_workbook(out, read_only=True)
    listed = {r[4] for r in book["Tình trạng nộp"].iter_rows(values_only=True) if r and len(r) > 4}
    assert set(what) <= listed
