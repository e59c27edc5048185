"""Helpers of the output tests: a working folder with a school's workbook and a district
(register, schools' folder), and a way to run the command as a user does."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from outreach_xl.demo.district import build_demo_district
from support import digest

VALID = Path(__file__).resolve().parents[1] / "data" / "valid" / "my-an-2020.xlsx"


@dataclass(frozen=True)
class Place:
    """A working folder as a user has it: a school's file, a district register and the schools'
    folder, all inputs whose hashes must never change."""

    root: Path
    school: Path
    register: Path
    schools: Path

    def inputs(self) -> list[Path]:
        files = [self.school, self.register, *sorted(self.schools.rglob("*"))]
        return [p for p in files if p.is_file()]

    def hashes(self, extra: Iterable[Path] = ()) -> dict[Path, str]:
        return {p: digest(p) for p in [*self.inputs(), *extra]}


def make_place(tmp_path: Path) -> Place:
    school = tmp_path / "BaoCao_TTDN_2020_MGMA.xlsx"
    shutil.copyfile(VALID, school)
    register, schools = build_demo_district(tmp_path / "tong_hop")
    return Place(tmp_path, school, register, schools)


def cli(*argv: object, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``outreach-xl ARGS`` in its own process, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "outreach_xl", *map(str, argv)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
    )


def temporaries(folder: Path) -> list[str]:
    """Names of our temporary files and folders anywhere under ``folder``."""
    return sorted(p.name for p in folder.rglob(".~outreach-*"))
