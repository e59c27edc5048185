"""``kill -9`` at random moments: the previous output stays readable and whole, no temporary file
of ours is left once the next run has written beside it, none with school data in TMPDIR, and
the merge's worker processes end with it."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from outputs.helpers import Place, temporaries
from outreach_xl.files.folder import PARALLEL_FROM
from support import digest

pytestmark = pytest.mark.skipif(os.name != "posix", reason="kill -9 is POSIX")
TRIES = 12  # per command; about 8 s each on a shared two-core machine


def start(argv: list[object], tmpdir: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "TMPDIR": str(tmpdir), "TEMP": str(tmpdir), "TMP": str(tmpdir)}
    return subprocess.Popen(
        [sys.executable, "-m", "outreach_xl", *map(str, argv)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )


def finish(proc: subprocess.Popen[bytes]) -> tuple[int, str]:
    _, err = proc.communicate(timeout=120)
    return proc.returncode, err.decode("utf-8", "replace")


def readable(path: Path) -> None:
    with zipfile.ZipFile(path) as book:
        assert book.testzip() is None


def kill_repeatedly(argv: list[object], target: Path, tmp_path: Path) -> None:
    """Write once, then start ``argv --force`` and kill it at random moments; each time the
    output is the previous one, bytes for bytes (outputs are deterministic)."""
    tmpdir = tmp_path / "tmpdir"
    tmpdir.mkdir()
    began = time.monotonic()
    code, err = finish(start(argv, tmpdir))
    took = time.monotonic() - began
    assert code == 0, err
    previous = digest(target)
    rng = random.Random(20201229)
    for _ in range(TRIES):
        proc = start([*argv, "--force"], tmpdir)
        # Most of a run is starting Python; aim at its second half, where it writes.
        time.sleep(rng.uniform(0.3 * took, 1.1 * took))
        proc.send_signal(signal.SIGKILL)
        finish(proc)
        readable(target)
        assert digest(target) == previous
    code, err = finish(start([*argv, "--force"], tmpdir))
    assert code == 0, err
    assert digest(target) == previous
    assert temporaries(target.parent) == []
    assert list(tmpdir.iterdir()) == [], "a temporary file was left in TMPDIR"


@pytest.mark.slow
def test_report_killed_at_random_moments(place: Place, tmp_path: Path) -> None:
    target = place.root / "BaoCao.docx"
    inputs = place.hashes()
    kill_repeatedly(["report", place.school, "-o", target], target, tmp_path)
    assert place.hashes() == inputs


@pytest.mark.slow
def test_rollup_killed_at_random_moments(place: Place, tmp_path: Path) -> None:
    target = place.root / "TongHop_ketqua.xlsx"
    inputs = place.hashes()
    argv: list[object] = ["rollup", place.schools, "--register", place.register, "-o", target]
    kill_repeatedly(argv, target, tmp_path)
    assert place.hashes() == inputs


def children(pid: int) -> set[int]:
    """Processes whose parent is ``pid`` (Linux /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: the merge uses no pool")
def test_merge_workers_end_when_the_merge_is_killed(place: Place, tmp_path: Path) -> None:
    folder = tmp_path / "nhieu"
    folder.mkdir()
    books = sorted(place.schools.glob("BaoCao_TTDN_2020_M*.xlsx"))
    for index in range(PARALLEL_FROM + 40):
        shutil.copyfile(books[index % len(books)], folder / f"truong_{index:03}.xlsx")
    proc = start(["rollup", folder, "--register", place.register, "-o", tmp_path / "th.xlsx"],
                 tmp_path)  # fmt: skip
    workers: set[int] = set()
    deadline = time.monotonic() + 30
    while not workers and time.monotonic() < deadline and proc.poll() is None:
        workers = children(proc.pid)
        time.sleep(0.02)
    assert workers, "the merge started no worker process"
    time.sleep(0.2)  # the pool starts its workers one after another
    workers |= children(proc.pid)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 5
    while any(running(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = [w for w in workers if running(w)]
    for pid in left:  # do not leave them to the next test
        os.kill(pid, signal.SIGKILL)
    assert left == [], "worker processes outlived the merge"
