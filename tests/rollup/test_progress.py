"""The merge's progress on stderr: files per second and the time left, only on a terminal or
with ``--progress``; stdout (the summary) never carries it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from outreach_xl.cli import ProgressBar


def _rollup(register: Path, folder: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    src = Path(__file__).resolve().parents[2] / "src"
    env = dict(os.environ, PYTHONPATH=str(src))
    return subprocess.run(
        [sys.executable, "-m", "outreach_xl", "rollup", str(folder), "--register", str(register),
         "-o", str(out), *extra],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip


def test_the_bar_is_shown_with_the_flag_and_not_into_a_pipe_without(demo, tmp_path) -> None:
    register, folder = demo
    quiet = _rollup(register, folder, tmp_path / "a.xlsx")
    assert quiet.returncode == 0 and quiet.stderr == ""
    shown = _rollup(register, folder, tmp_path / "b.xlsx", "--progress")
    assert shown.returncode == 0
    lines = shown.stderr.splitlines()
    assert lines[0].startswith("[") and " 0/" in lines[0]
    assert "tệp/giây" in lines[-1] and "xong trong" in lines[-1] and "\r" not in shown.stderr
    assert shown.stdout == quiet.stdout.replace("a.xlsx", "b.xlsx")


def test_time_left_from_the_rate_so_far(capsys: pytest.CaptureFixture[str]) -> None:
    now = [100.0]
    bar = ProgressBar(every_line=0, clock=lambda: now[0])
    bar(0, 45000)
    now[0] += 10
    bar(1500, 45000)
    now[0] += 290
    bar(45000, 45000)
    first, middle, last = capsys.readouterr().err.splitlines()
    assert first == f"[{'.' * 30}] 0/45000 tệp"
    assert middle.endswith("1500/45000 tệp · 150 tệp/giây · còn khoảng 4 phút 50 giây")
    assert last.endswith("45000/45000 tệp · 150 tệp/giây · xong trong 5 phút 00 giây")
    ProgressBar(shown=False)(3, 10)
    assert capsys.readouterr().err == ""
