"""Issue 10's inputs through the command line, as a clerk meets them: each case's exit code and
message, no traceback, every input's hash unchanged, and each file within 2 s and 500 MB.

Each command runs under a small wrapper process that reports the peak memory of the command and
everything it started (``ru_maxrss`` of its waited-for descendants), so a reader child counts too.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hostile.corpus import CASES, Case, sample_bytes, write_corpus
from support import digest

NEW_CASES = tuple(
    c for c in CASES if CASES.index(c) >= 25
)  # the issue-10 cases (after the lock file)
MAX_SECONDS = 2.0
MAX_MB = 500
SRC = Path(__file__).resolve().parents[2] / "src"

MEASURE = r"""
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True, timeout=100)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"code": done.returncode, "out": done.stdout, "err": done.stderr,
                  "seconds": seconds, "mb": peak}))
"""


def run_cli(*args: str | Path, cwd: Path | None = None) -> dict[str, object]:
    """``outreach-xl ARGS`` as a process: exit code, output, wall seconds and peak memory (MB)."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
    }
    command = [sys.executable, "-c", MEASURE, sys.executable, "-m", "outreach_xl", *map(str, args)]
    # A command that stalls is killed by the wrapper (100 s) and fails here, not the whole run.
    done = subprocess.run(
        command, capture_output=True, text=True, env=env, cwd=cwd, check=True, timeout=120
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("issue10")
    written = write_corpus(folder)
    return {name: path for name, path in written.items() if name in {c.name for c in NEW_CASES}}


def _exit_code(case: Case) -> int:
    return 2 if case.expect.error else 1 if case.expect.rules else 0


@pytest.mark.parametrize("case", NEW_CASES, ids=lambda c: c.name)
def test_validate_each_case(case: Case, corpus: dict[str, Path]) -> None:
    path = corpus[case.name]
    before = digest(path)
    result = run_cli("validate", path)
    assert result["code"] == _exit_code(case), result
    out = str(result["out"])
    assert "Traceback" not in out + str(result["err"]) and not str(result["err"]).strip()
    for word in case.expect.words:
        assert word in out
    if "bounds" in case.expect.rules:
        assert "Số quá lớn" in out and "Thông tin chung!" not in out  # the cell is named
        assert "C22 LỖI" in out  # staff_total
    if "type" in case.expect.rules:
        assert "C22 LỖI" in out and "Không phải số nguyên" in out
        assert "Không phải ngày hợp lệ" in out
    assert float(result["seconds"]) < MAX_SECONDS, result["seconds"]
    assert float(result["mb"]) < MAX_MB, result["mb"]
    assert digest(path) == before


@pytest.mark.parametrize(
    "name", ["long_school_name", "stray_far_cell", "shared_strings_count_2_64"]
)
def test_report_is_made(name: str, corpus: dict[str, Path], tmp_path: Path) -> None:
    source = corpus[name]
    before = digest(source)
    result = run_cli("report", source, "-o", tmp_path / "bao-cao.docx")
    assert result["code"] == 0, result
    assert (tmp_path / "bao-cao.docx").read_bytes()[:2] == b"PK"
    assert digest(source) == before


def test_long_school_name_is_cut_in_the_document_title(
    corpus: dict[str, Path], tmp_path: Path
) -> None:
    import docx

    out = tmp_path / "r.docx"
    assert run_cli("report", corpus["long_school_name"], "-o", out)["code"] == 0
    title = docx.Document(str(out)).core_properties.title
    assert len(title) == 255 and title.endswith("…") and "Mỹ An" in title


@pytest.mark.parametrize(
    "name", ["value_at_last_cell", "abort_written_otherwise", "five_thousand_digits"]
)
def test_report_refuses_with_the_message(
    name: str, corpus: dict[str, Path], tmp_path: Path
) -> None:
    result = run_cli("report", corpus[name], "-o", tmp_path / "bao-cao.docx")
    assert result["code"] in (1, 2), result
    assert "Cách sửa" in str(result["out"]) + str(result["err"])
    assert "Traceback" not in str(result["err"])
    assert not (tmp_path / "bao-cao.docx").exists()


def register_file(folder: Path) -> Path:
    """The demo district's workbook, its register holding the sample school."""
    from outreach_xl.demo.district import register_data
    from outreach_xl.schema import DISTRICT
    from outreach_xl.xlsx.builder import build_workbook

    path = folder / "phong-gd.xlsx"
    path.write_bytes(build_workbook(DISTRICT, register_data()))
    return path


def _folder_cases(folder: Path) -> dict[str, str]:
    """Names that are not regular files, each with the words its tracker line must hold."""
    good = folder / "truong.xlsx"
    good.write_bytes(sample_bytes())
    os.mkfifo(folder / "ong-dan.xlsx")
    (folder / "vong.xlsx").symlink_to("vong.xlsx")
    (folder / "lien-ket-hong.xlsx").symlink_to("khong-con.xlsx")
    (folder / "._truong.xlsx").write_bytes(b"\0\x05\x16\x07" + b"\0" * 60)
    (folder / "lien-ket.xlsx").symlink_to(good.name)
    sub = folder / "xa-my-an"
    sub.mkdir()
    (sub / "truong-2.xlsx").write_bytes(sample_bytes())
    return {
        "ong-dan.xlsx": "pipe",
        "vong.xlsx": "vòng quanh",
        "lien-ket-hong.xlsx": "không còn tồn tại",
        "._truong.xlsx": "máy Mac",
        "xa-my-an/": "--recursive",
    }


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and symlinks")
@pytest.mark.parametrize("recursive", [False, True])
def test_rollup_over_every_case_never_stops(
    corpus: dict[str, Path], tmp_path: Path, recursive: bool
) -> None:
    import openpyxl

    folder = tmp_path / "truong"
    folder.mkdir()
    for path in corpus.values():
        (folder / path.name).write_bytes(path.read_bytes())
    expected = _folder_cases(folder)
    regular = [p for p in folder.rglob("*.xlsx") if p.is_file() and not p.is_symlink()]
    hashes = {p: digest(p) for p in regular}
    register = register_file(tmp_path)
    out = tmp_path / "tong-hop.xlsx"
    args = ["rollup", folder, "--register", register, "-o", out]
    result = run_cli(*args, *(["--recursive"] if recursive else []))
    assert result["code"] == 0, result
    assert "Traceback" not in str(result["err"])
    assert float(result["mb"]) < MAX_MB
    assert {p: digest(p) for p in regular} == hashes
    book = openpyxl.load_workbook(out, read_only=True)
    lines = {
        str(row[4]): " ".join(str(v) for v in row if v is not None)
        for row in book["Tình trạng nộp"].iter_rows(values_only=True)
        if row and len(row) > 4 and row[4]
    }
    if recursive:
        expected.pop("xa-my-an/")
        assert "xa-my-an/truong-2.xlsx" in lines
    for name, words in expected.items():
        assert name in lines and words in lines[name], (name, lines.get(name))
    assert "Bỏ qua" in lines["tong-hop-cu.xlsx"] and "kết quả tổng hợp" in lines["tong-hop-cu.xlsx"]
    assert "bị dừng đột ngột" in lines["o-cuoi-viet-khac.xlsx"]
    # the roll-up written into the schools' folder is recognised by the next merge
    again = folder / "tong-hop-moi.xlsx"
    again.write_bytes(out.read_bytes())
    second = run_cli("rollup", folder, "--register", register, "-o", tmp_path / "lan-2.xlsx")
    assert second["code"] == 0, second
    book = openpyxl.load_workbook(tmp_path / "lan-2.xlsx", read_only=True)
    status = [
        r
        for r in book["Tình trạng nộp"].iter_rows(values_only=True)
        if r and "tong-hop-moi.xlsx" in r
    ]
    assert status and status[0][1] == "Bỏ qua, không đọc"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and symlinks")
@pytest.mark.parametrize("command", ["validate", "report"])
def test_single_file_commands_never_hang_on_a_pipe_or_a_link_loop(
    command: str, tmp_path: Path
) -> None:
    os.mkfifo(tmp_path / "ong-dan.xlsx")
    (tmp_path / "vong.xlsx").symlink_to("vong.xlsx")
    (tmp_path / "hong.xlsx").symlink_to("khong-con.xlsx")
    words = {"ong-dan.xlsx": "pipe", "vong.xlsx": "vòng quanh", "hong.xlsx": "không còn tồn tại"}
    for name, word in words.items():
        result = run_cli(command, tmp_path / name, cwd=tmp_path)
        assert result["code"] == 2, result
        assert word in str(result["out"]) + str(result["err"]) and "Cách sửa" in str(
            result["out"]
        ) + str(result["err"])
        assert float(result["seconds"]) < MAX_SECONDS
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(words)  # no report written
