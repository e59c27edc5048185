"""The command line: exit codes, human and JSON output, no traceback, never overwriting."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from data.make_fixtures import SAMPLE_NAME, SAMPLES
from outreach_xl.cli import COMMANDS, main, parser
from outreach_xl.core.model import SchoolData
from outreach_xl.demo.sample import my_an_2020
from outreach_xl.files.reader import read_file
from outreach_xl.schema import SCHOOL
from outreach_xl.xlsx.builder import build_workbook

DATA = Path(__file__).parent / "data"
INVALID = DATA / "invalid"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_clean_sample_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", str(DATA / "valid" / "my-an-2020.xlsx"))
    assert code == 0 and "không có lỗi" in out


def test_validate_errors_exit_1_grouped_by_sheet(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", str(INVALID / "not_greater-staff.xlsx"))
    assert code == 1
    lines = out.splitlines()
    sheet_line = lines.index("  [Kết quả]")
    assert "LỖI" in lines[sheet_line + 1] and "C4" in lines[sheet_line + 1]


def test_validate_warnings_only_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", str(INVALID / "not_zero-sessions.xlsx"))
    assert code == 0 and "cảnh báo" in out


def test_validate_unusable_file_exits_2_without_traceback(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "ảnh.xlsx"
    bad.write_bytes(b"\x89PNG\r\n")
    code, out, err = run(capsys, "validate", str(bad))
    assert code == 2 and "ảnh.xlsx" in out and "Traceback" not in out + err


def test_validate_many_files_takes_the_worst_code(capsys: pytest.CaptureFixture[str]) -> None:
    files = [DATA / "valid" / "my-an-2020.xlsx", INVALID / "choice-level.xlsx"]
    code, out, _ = run(capsys, "validate", *map(str, files))
    assert code == 1 and out.count("== ") == 2


def test_validate_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate", "--json", str(INVALID / "pattern-symbol-space.xlsx"))
    results = json.loads(out)
    assert code == 1
    [finding] = results[0]["findings"]
    assert finding["rule"] == "pattern" and finding["sheet"] == "Thông tin chung"
    assert finding["cell"] == "C13" and finding["value"] == "BC MGMA"


def test_new_never_overwrites(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "moi.xlsx"
    target.write_bytes(b"my precious work")
    code, _, err = run(capsys, "new", "--no-macros", "-o", str(target))
    assert code == 2 and "--force" in err
    assert target.read_bytes() == b"my precious work"
    code, _, _ = run(capsys, "new", "--no-macros", "-o", str(target), "--force")
    assert code == 0 and target.read_bytes()[:2] == b"PK"


def test_new_into_missing_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "new", "--no-macros", "-o", str(tmp_path / "khong-co" / "a.xlsx"))
    assert code == 2 and "Thư mục" in err


def test_demo_builds_and_checks_the_sample(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "demo"
    code, out, _ = run(capsys, "demo", str(folder))
    assert code == 0
    assert (folder / "BaoCao_TTDN_2020_MGMA.xlsx").exists()
    assert (folder / "BaoCao_TTDN_mau_trong.xlsm").read_bytes()[:2] == b"PK"
    assert "không có lỗi" in out
    carried = read_file(folder / "BaoCao_TTDN_2021_MGMA.xlsm")  # the demo's next year
    assert carried.value("report_year") == 2021
    assert carried.value("school_name") == "Trường Mẫu giáo Mỹ An"


def test_every_command_has_help() -> None:
    text = parser().format_help()
    for name, (_, help_text) in COMMANDS.items():
        assert help_text and name in text


def test_console_script_runs(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}  # a console that cannot print Vietnamese
    proc = subprocess.run(
        [sys.executable, "-m", "outreach_xl", "validate", str(INVALID / "choice-level.xlsx")],
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 1
    assert "Cấp học" in proc.stdout.decode("utf-8")


def test_committed_sample_is_up_to_date(sample: SchoolData) -> None:
    committed = SAMPLES / SAMPLE_NAME
    assert committed.read_bytes() == build_workbook(SCHOOL, my_an_2020()), (
        "run python tools/regenerate.py"
    )


def test_builds_are_deterministic(sample: SchoolData) -> None:
    assert build_workbook(SCHOOL, sample) == build_workbook(SCHOOL, sample)
    assert build_workbook(SCHOOL) == build_workbook(SCHOOL)


BuildFn = Callable[..., bytes]


def test_school_check_path_does_not_import_pandas() -> None:
    sample = DATA / "valid" / "my-an-2020.xlsx"
    code = (
        "import sys; from outreach_xl.cli import main; "
        f"rc = main(['validate', {str(sample)!r}]); "
        "sys.exit(10 if 'pandas' in sys.modules else rc)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr.decode()


def test_argument_errors_are_in_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["validate"])
    err = capsys.readouterr().err
    assert info.value.code == 2
    assert "cách dùng" in err and "thiếu tham số bắt buộc" in err and "usage" not in err
