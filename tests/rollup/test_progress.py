"""The merge's progress on stderr: files per second and the time left, only on a terminal or
with ``--progress``; stdout (the summary) never carries it."""

from __future__ import annotations

import contextlib
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


def test_almost_done_rather_than_zero_seconds_left(capsys: pytest.CaptureFixture[str]) -> None:
    now = [0.0]
    bar = ProgressBar(every_line=0, clock=lambda: now[0])
    bar(0, 1000)
    now[0] += 10
    bar(998, 1000)
    assert (
        capsys.readouterr().err.splitlines()[-1].endswith("998/1000 tệp · 100 tệp/giây · sắp xong")
    )


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_on_a_terminal_the_bar_is_redrawn_then_the_writing_is_announced(demo, tmp_path) -> None:
    """As a clerk sees it in a console: the bar redrawn in place on stderr (files per second,
    time taken), then a line saying the roll-up is being written, then the summary."""
    register, folder = demo
    src = Path(__file__).resolve().parents[2] / "src"
    main, terminal = os.openpty()
    with os.fdopen(main, "rb", buffering=0) as screen:
        proc = subprocess.Popen(
            [sys.executable, "-m", "outreach_xl", "rollup", str(folder), "--register",
             str(register), "-o", str(tmp_path / "out.xlsx")],
            stdout=subprocess.PIPE, stderr=terminal, env=dict(os.environ, PYTHONPATH=str(src)),
        )  # fmt: skip
        os.close(terminal)
        stdout, _ = proc.communicate(timeout=120)
        shown = b""
        with contextlib.suppress(OSError):  # the terminal's other end closed: all read
            while chunk := screen.read(65536):
                shown += chunk
    assert proc.returncode == 0
    text = shown.decode().replace("\r\n", "\n")  # the terminal shows "\n" as "\r\n"
    assert text.startswith("\r[") and " 0/" in text
    bar, writing = text.split("\r")[-1].split("\n")[:2]
    assert "tệp/giây · xong trong" in bar
    assert writing.strip() == "Đã đọc xong các tệp; đang tổng hợp và ghi tệp kết quả..."
    assert "Đã ghi:" in stdout.decode() and "tệp/giây" not in stdout.decode()
