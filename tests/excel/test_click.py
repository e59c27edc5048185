"""A click's own process: no button needs numpy or pandas, and nothing installed with outreach-xl
brings them in (xlwings imports both whenever they are there, which costs a school's every click
0.4 s to over 2 s before any work).

Each test runs the command a click runs (``remote.click_code``: xlwings' ``prepare_sys_path``,
then the .bas file's RunPython line) in a fresh Python on a remote-engine book, with numpy and
pandas made unimportable as in a Python installed from our ``pyproject.toml``.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import remote

from outreach_xl.demo.district import build_demo_district
from support import REPO

HEAVY = ("numpy", "pandas")
SAMPLE = REPO / "workbook" / "samples" / "BaoCao_TTDN_2020_MGMA.xlsx"
BUTTONS = [
    ("school.bas", "CheckEntries", "Không thấy lỗi nào"),
    ("school.bas", "MakeReport", "Đã tạo báo cáo Word"),
    ("district.bas", "MergeSchools", "Đã tổng hợp"),
    ("district.bas", "MakeDistrictReport", "chưa có kết quả tổng hợp"),  # imports all it needs
]


def click(command: str, book: Path, block: tuple[str, ...] = HEAVY) -> dict[str, Any]:
    payload = book.with_suffix(".payload.json")
    payload.write_text(json.dumps(remote.payload(book)), encoding="utf-8")
    env = {**os.environ, "XLWINGS_LICENSE_KEY": "noncommercial"}
    done = subprocess.run(
        [sys.executable, "-c", remote.click_code(command, payload, block)],
        capture_output=True,
        env=env,
        timeout=300,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-3000:]
    result: dict[str, Any] = json.loads(done.stdout.decode("utf-8").strip().splitlines()[-1])
    return result


def book_for(macros: str, folder: Path) -> Path:
    if macros == "school.bas":
        return Path(shutil.copy(SAMPLE, folder / SAMPLE.name))
    register, _ = build_demo_district(folder)
    return register


@pytest.mark.parametrize(("macros", "sub", "expected"), BUTTONS)
def test_no_button_needs_numpy_or_pandas(
    macros: str, sub: str, expected: str, tmp_path: Path
) -> None:
    result = click(remote.bas_command(macros, sub), book_for(macros, tmp_path))
    [alert] = result["alerts"]
    assert expected in alert, alert
    assert result["heavy"] == []
    askers = {asker for _, asker in result["asked"]}
    assert not any(a.startswith("outreach_xl") for a in askers), result["asked"]


def test_the_school_click_imports_neither_where_outreach_xl_is_installed(tmp_path: Path) -> None:
    """Without blocking anything: what sys.modules holds after a check, in this Python."""
    present = [name for name in HEAVY if importlib.util.find_spec(name) is not None]
    if present:
        pytest.skip(f"this Python has {present} installed, though outreach-xl does not need them")
    result = click(
        remote.bas_command("school.bas", "CheckEntries"), book_for("school.bas", tmp_path), ()
    )
    assert result["heavy"] == [] and result["asked"] == []


def _name(requirement: str) -> str:
    return re.split(r"[\s\[<>=!~;(]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_nothing_outreach_xl_depends_on_brings_numpy_or_pandas() -> None:
    """The runtime dependencies of ``pyproject.toml``, and theirs as installed, name neither."""
    tomllib = pytest.importorskip("tomllib")
    from packaging.requirements import Requirement

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    seen: set[str] = set()
    todo = [Requirement(r) for r in project["dependencies"]]
    while todo:
        requirement = todo.pop()
        name = _name(requirement.name)
        if name in seen or (requirement.marker and not requirement.marker.evaluate()):
            continue
        seen.add(name)
        try:
            requires = importlib.metadata.requires(name) or []
        except importlib.metadata.PackageNotFoundError:
            continue
        todo += [r for r in map(Requirement, requires) if not r.marker or r.marker.evaluate()]
    assert not seen & set(HEAVY), sorted(seen)
    assert "xlwings" in seen and "python-docx" in seen  # the walk did reach the dependencies
