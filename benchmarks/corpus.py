"""A seeded corpus of school workbooks for the merge benchmarks: varied (default) or uniform.

Varied: a pool of distinct workbooks built by the real builder from seeded random data (1 to 60
content items, 1 to 20 channels, short and long texts, a quarter with a mistake, about two fifths
``.xlsm`` with the VBA project and buttons), and when ``soffice`` is on PATH a few of them re-saved
by LibreOffice Calc, as schools' files are re-saved by their spreadsheet program. Building and
re-saving are slow (LibreOffice takes seconds a file), so the pool is small and the corpus
replicates it: file ``i`` is pool member ``i % size`` (every fifth one from the re-saved share)
with its school code replaced by its own (same length, so only ``sharedStrings.xml`` changes):
every file is a distinct school.

Uniform: one file per demo school variant, built the same way (the corpus of the first version
of ``benchmarks/rollup.py``).

Files are cached under the temp folder per (kind, seed, n): ``generate(n)`` returns at once the
second time.
"""

from __future__ import annotations

import io
import random
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from outreach_xl.core.model import SchoolData
from outreach_xl.demo.district import SCHOOLS, register_data, school_data, with_mistakes
from outreach_xl.schema import CHANNELS, CONTENT_GROUPS, DISTRICT, FOLLOWUP_KINDS, LEVELS, SCHOOL
from outreach_xl.xlsx.builder import build_workbook
from outreach_xl.xlsx.macro_workbook import build_xlsm

PLACEHOLDER = "QQQQQQQQ"  # eight characters, like a school code
REGISTER_MAX = 4000  # the reader caps a sheet's rows; the other schools are "not in the register"
POOL = 40  # distinct workbooks built by the builder
RESAVED_POOL = 8  # of which re-saved by LibreOffice (the slow part)
RESAVED_EVERY = 5  # every fifth file of the corpus is a re-saved one
CODE_BASE = 80000000

WORDS = [
    "tuyên",
    "truyền",
    "chủ",
    "trương",
    "đường",
    "lối",
    "của",
    "Đảng",
    "chính",
    "sách",
    "pháp",
    "luật",
    "của",
    "Nhà",
    "nước",
    "về",
    "công",
    "tác",
    "đối",
    "ngoại",
    "biển",
    "đảo",
    "chủ",
    "quyền",
    "lãnh",
    "thổ",
    "hình",
    "ảnh",
    "đất",
    "nước",
    "con",
    "người",
    "Việt",
    "Nam",
    "thành",
    "tựu",
    "đổi",
    "mới",
    "giáo",
    "dục",
    "học",
    "sinh",
    "phụ",
    "huynh",
    "giáo",
    "viên",
    "nhà",
    "trường",
    "tổ",
    "chức",
    "hoạt",
    "động",
    "ngoại",
    "khóa",
    "hội",
    "thi",
    "tìm",
    "hiểu",
    "văn",
    "hóa",
    "truyền",
    "thống",
    "quê",
    "hương",
    "Long",
    "An",
    "năm",
    "học",
    "kế",
    "hoạch",
    "triển",
    "khai",
    "thực",
    "hiện",
]


def _text(rng: random.Random, long: bool) -> str:
    """A short sentence, or a long text of a few paragraphs (Alt+Enter line breaks)."""
    if not long:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 12))).capitalize() + "."
    paragraphs = []
    for _ in range(rng.randint(2, 5)):
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(30, 90)))
        paragraphs.append(words.capitalize() + ".")
    return "\n".join(paragraphs)


def varied_data(rng: random.Random, index: int) -> SchoolData:
    """One school's data: the demo sample with seeded counts, lists and text lengths."""
    school = SCHOOLS[index % len(SCHOOLS)]
    data = school_data(school)
    long = rng.random() < 0.3  # long texts everywhere in this file
    groups = [c.label for c in CONTENT_GROUPS.choices]
    channels = [c.label for c in CHANNELS.choices]
    kinds = [c.label for c in FOLLOWUP_KINDS.choices]
    content = [
        {"group": rng.choice(groups), "text": f"{i}. {_text(rng, long or rng.random() < 0.2)}"}
        for i in range(1, rng.randint(1, 60) + 1)
    ]
    chosen = [
        {
            "channel": rng.choice(channels),
            "activity": f"{i}. {_text(rng, long)}",
            "count": rng.choice([None, rng.randint(0, 500)]),
        }
        for i in range(1, rng.randint(1, 20) + 1)
    ]
    results = [{"text": f"{i}. {_text(rng, long)}"} for i in range(1, rng.randint(1, 8) + 1)]
    followups = [
        {"kind": rng.choice(kinds), "text": f"{i}. {_text(rng, long)}"}
        for i in range(1, rng.randint(0, 6) + 1)
    ]
    staff = rng.randint(5, 120)
    pupils = rng.randint(50, 2500)
    values: dict[str, Any] = dict(data.values)
    values.update(
        school_code=PLACEHOLDER,
        level=rng.choice([c.label for c in LEVELS.choices]),
        staff_total=staff,
        staff_participants=rng.randint(0, staff),
        pupil_total=pupils,
        pupil_participants=rng.randint(0, pupils),
        sessions=rng.randint(0, 40),
        news_items=rng.choice([None, rng.randint(0, 300)]),
        parents_reached=rng.choice([None, rng.randint(0, 3000)]),
        organisation=_text(rng, long),
    )
    data = SchoolData(
        values=values,
        tables=dict(
            data.tables, content_items=content, channels=chosen, results=results,
            followups=followups,
        ),
    )  # fmt: skip
    if index % 4 == 3:  # a quarter with a mistake, so the validator has findings to make
        data = with_mistakes(data, staff_participants=staff + 1)
    return data


def _uniform_data(index: int) -> SchoolData:
    school = SCHOOLS[index % len(SCHOOLS)]
    data = school_data(school)
    if index % 4 == 3:
        data = with_mistakes(data, staff_participants=999)
    return SchoolData(values=dict(data.values, school_code=PLACEHOLDER), tables=data.tables)


def _build_one(args: tuple[str, int, int]) -> tuple[str, bytes]:
    kind, seed, index = args
    if kind == "uniform":
        return ".xlsx", build_workbook(SCHOOL, _uniform_data(index))
    rng = random.Random(seed * 1_000_003 + index)
    data = varied_data(rng, index)
    if rng.random() < 0.4:
        return ".xlsm", build_xlsm(SCHOOL, data=data)
    return ".xlsx", build_workbook(SCHOOL, data)


def _resave(pool: Path, members: Sequence[Path]) -> list[Path]:
    """Re-save workbooks with LibreOffice Calc (in one soffice run, its own profile)."""
    out = pool / "resaved"
    out.mkdir(exist_ok=True)
    profile = pool / "lo-profile"
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), *map(str, members)],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    saved = [out / (m.stem + ".xlsx") for m in members]
    missing = [p for p in saved if not p.exists()]
    if missing:
        raise SystemExit(f"LibreOffice did not re-save {missing}")
    for path in saved:
        with zipfile.ZipFile(path) as archive:
            if PLACEHOLDER.encode() not in archive.read("xl/sharedStrings.xml"):
                raise SystemExit(f"{path}: the school code is not a shared string after re-save")
    return saved


def build_pool(kind: str, seed: int) -> tuple[list[bytes], list[str], list[bytes]]:
    """(built workbooks, their suffixes, LibreOffice re-saves), cached on disk."""
    pool = Path(tempfile.gettempdir()) / f"outreach-xl-bench-pool-{kind}-{seed}"
    pool.mkdir(parents=True, exist_ok=True)
    size = len(SCHOOLS) if kind == "uniform" else POOL
    built = sorted(pool.glob("p*.xls[xm]"))
    if len(built) < size:
        with ProcessPoolExecutor() as workers:
            made = list(workers.map(_build_one, [(kind, seed, i) for i in range(size)]))
        for i, (suffix, data) in enumerate(made):
            (pool / f"p{i:03d}{suffix}").write_bytes(data)
        built = sorted(pool.glob("p*.xls[xm]"))
    resaved: list[Path] = []
    if kind == "varied" and shutil.which("soffice"):
        resaved = sorted((pool / "resaved").glob("*.xlsx"))
        if len(resaved) < RESAVED_POOL:
            resaved = _resave(pool, built[:RESAVED_POOL])
    return (
        [p.read_bytes() for p in built],
        [p.suffix for p in built],
        [p.read_bytes() for p in resaved],
    )


def _members(data: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info, archive.read(info)) for info in archive.infolist()]


def source_of(i: int, built: int, resaved: int) -> tuple[bool, int]:
    """Which pool member file ``i`` copies: (re-saved?, index)."""
    if resaved and i % RESAVED_EVERY == RESAVED_EVERY - 1:
        return True, (i // RESAVED_EVERY) % resaved
    return False, i % built


def _write_range(args: tuple[Path, list[bytes], list[str], list[bytes], int, int]) -> None:
    folder, built, suffixes, resaved, start, stop = args
    parts = [_members(v) for v in built]
    saved = [_members(v) for v in resaved]
    for i in range(start, stop):
        is_saved, k = source_of(i, len(built), len(resaved))
        suffix = ".xlsx" if is_saved else suffixes[k]
        path = folder / f"s{i:05d}{suffix}"
        if path.exists():
            continue
        code = f"{CODE_BASE + i:08d}".encode()
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for info, content in (saved if is_saved else parts)[k]:
                if info.filename == "xl/sharedStrings.xml":
                    content = content.replace(PLACEHOLDER.encode(), code)
                archive.writestr(info, content, compress_type=zipfile.ZIP_DEFLATED)


def register_file(base: Path, n: int) -> Path:
    register = base / "register.xlsx"
    if not register.exists():
        values = dict(register_data().values)
        schools = [
            {"code": f"{CODE_BASE + i:08d}", "name": f"Trường số {i}", "level": "Tiểu học"}
            for i in range(min(n, REGISTER_MAX))
        ]
        tables = dict(register_data().tables, schools=schools)
        register.write_bytes(build_workbook(DISTRICT, SchoolData(values=values, tables=tables)))
    return register


def generate(n: int, kind: str = "varied", seed: int = 14) -> tuple[Path, Path]:
    """(schools folder, register file) of ``n`` workbooks, cached under the temp folder."""
    base = Path(tempfile.gettempdir()) / f"outreach-xl-bench-{kind}-{seed}-{n}"
    folder = base / "schools"
    folder.mkdir(parents=True, exist_ok=True)
    register = register_file(base, n)
    if sum(1 for _ in folder.glob("s*")) < n:
        built, suffixes, resaved = build_pool(kind, seed)
        step = max(1, min(500, n // 16))
        jobs = [(folder, built, suffixes, resaved, s, min(n, s + step)) for s in range(0, n, step)]
        with ProcessPoolExecutor() as workers:
            list(workers.map(_write_range, jobs))
    return folder, register


def files_of(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.startswith("s"))


if __name__ == "__main__":
    import sys
    import time

    start = time.perf_counter()
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    made, _ = generate(count, sys.argv[2] if len(sys.argv) > 2 else "varied")
    print(f"{count} workbooks in {made} ({time.perf_counter() - start:.1f} s)")
