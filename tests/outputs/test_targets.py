"""Where outputs go, through the command line: never onto an input (links included, ``--force``
included), only with the extensions each command writes, a folder meaning the default name
inside it, the umask's normal mode, and of two runs creating one new file exactly one wins."""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from outputs.helpers import Place, cli, temporaries
from outreach_xl.app.school import bundled_templates
from outreach_xl.cli import main
from outreach_xl.errors import OutputError
from outreach_xl.files.output import is_stale_temporary, temporary_name, write_atomic

SAME = "trùng với tệp đầu vào"


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


# --- 1. Never an input, whatever the flags -------------------------------------------------------


def _hard_link(place: Place) -> Path:
    link = place.root / "lien-ket-cung.docx"
    os.link(place.school, link)
    return link


def _symlink(place: Place) -> Path:
    link = place.root / "lien-ket-mem.docx"
    link.symlink_to(place.school)
    return link


def _register_link(place: Place) -> Path:
    link = place.root / "so-truong.xlsx"
    link.symlink_to(place.register)
    return link


def _rollup(place: Place) -> Path:
    out = place.root / "ketqua.xlsx"
    assert (
        main(["rollup", str(place.schools), "--register", str(place.register), "-o", str(out)]) == 0
    )
    return out


Case = Callable[[Place], list[object]]
INPUT_CASES: dict[str, Case] = {
    "report onto its workbook": lambda p: ["report", p.school, "-o", p.school],
    "report onto a hard link of it": lambda p: ["report", p.school, "-o", _hard_link(p)],
    "report onto a symbolic link to it": lambda p: ["report", p.school, "-o", _symlink(p)],
    "report --pdf onto its workbook": lambda p: ["report", p.school, "--pdf", "-o", p.school],
    "report onto its own template": lambda p: [
        "report", p.school, "--template", bundled_templates()[-1], "-o", bundled_templates()[-1]
    ],
    "report onto a bundled template": lambda p: ["report", p.school, "-o", bundled_templates()[0]],
    "rollup onto the register": lambda p: [
        "rollup", p.schools, "--register", p.register, "-o", p.register
    ],
    "rollup onto a link to the register": lambda p: [
        "rollup", p.schools, "--register", p.register, "-o", _register_link(p)
    ],
    "rollup onto a school's file": lambda p: [
        "rollup", p.schools, "--register", p.register,
        "-o", p.schools / "BaoCao_TTDN_2020_MGMA.xlsx",
    ],
    "rollup --recursive onto a school's file below": lambda p: [
        "rollup", p.root / "tong_hop", "--recursive", "--register", p.register,
        "-o", p.schools / "BaoCao_TTDN_2020_MGLT.xlsx",
    ],
    "district-report onto the roll-up": lambda p: [
        "district-report", _rollup(p), "--register", p.register, "-o", p.root / "ketqua.xlsx"
    ],
    "district-report onto the register": lambda p: [
        "district-report", _rollup(p), "--register", p.register, "-o", p.register
    ],
    "district-report onto its template": lambda p: [
        "district-report", _rollup(p), "--register", p.register, "-o", bundled_templates()[0]
    ],
}  # fmt: skip


@pytest.mark.parametrize("case", INPUT_CASES, ids=list(INPUT_CASES))
def test_an_output_is_never_an_input_even_with_force(
    case: str, place: Place, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [*INPUT_CASES[case](place), "--force"]
    before = place.hashes(bundled_templates())
    code, _, err = run(capsys, *argv)
    assert code == 2, err
    assert err.startswith("LỖI: ") and SAME in err and "kể cả khi có --force" in err
    assert "Cách sửa: Chọn tên tệp kết quả khác" in err
    assert place.hashes(bundled_templates()) == before, "an input changed"
    assert temporaries(place.root) == []


def test_a_rollup_written_in_the_schools_folder_may_be_replaced(
    place: Place, capsys: pytest.CaptureFixture[str]
) -> None:
    target = place.schools / "TongHop_ketqua.xlsx"
    argv = ["rollup", place.schools, "--register", place.register, "-o", target]
    assert run(capsys, *argv)[0] == 0
    before = {p: h for p, h in place.hashes().items() if p != target}
    code, _, err = run(capsys, *argv, "--force")
    assert code == 0, err
    assert {p: h for p, h in place.hashes().items() if p != target} == before


def test_the_file_exists_message_names_force_only_for_an_old_output(
    place: Place, capsys: pytest.CaptureFixture[str]
) -> None:
    out = place.root / "bao-cao.docx"
    assert run(capsys, "report", place.school, "-o", out)[0] == 0
    code, _, err = run(capsys, "report", place.school, "-o", out)
    assert code == 2 and "đã có" in err and "--force để ghi đè tệp kết quả cũ" in err
    code, _, err = run(capsys, "report", place.school, "-o", place.school)
    assert code == 2 and SAME in err and "thêm --force" not in err


# --- 2. Names: the extensions each command writes; a folder means the default name ---------------


NAME_CASES: dict[str, tuple[Case, str]] = {
    "report as .xlsx": (lambda p: ["report", p.school, "-o", p.root / "baocao.xlsx"],
                        "«baocao.docx», hoặc thêm --pdf"),
    "report as .pdf without --pdf": (lambda p: ["report", p.school, "-o", p.root / "x.pdf"],
                                     "«x.docx», hoặc thêm --pdf"),
    "report without extension": (lambda p: ["report", p.school, "-o", p.root / "baocao"],
                                  "«baocao.docx»"),
    "rollup as .docx": (lambda p: ["rollup", p.schools, "--register", p.register,
                                   "-o", p.root / "T.docx"], "«T.xlsx»"),
    "rollup as .xlsm": (lambda p: ["rollup", p.schools, "--register", p.register,
                                   "-o", p.root / "T.xlsm"], "«T.xlsx»"),
    "district-report as .xlsx": (lambda p: ["district-report", _rollup(p), "--register",
                                            p.register, "-o", p.root / "bc.xlsx"], "«bc.docx»"),
    "new as .docx": (lambda p: ["new", "-o", p.root / "a.docx"], "«a.xlsm», hoặc thêm --no-macros"),
    "new --no-macros as .xlsm": (lambda p: ["new", "--no-macros", "-o", p.root / "a.xlsm"],
                                 "«a.xlsx»"),
}  # fmt: skip


@pytest.mark.parametrize("case", NAME_CASES, ids=list(NAME_CASES))
def test_an_output_name_has_the_extension_written(
    case: str, place: Place, capsys: pytest.CaptureFixture[str]
) -> None:
    make, expected = NAME_CASES[case]
    argv = make(place)
    before = set(place.root.rglob("*"))
    code, _, err = run(capsys, *argv, "--force")
    assert code == 2, err
    assert (
        "Tên tệp kết quả phải có đuôi" in err
        and f"Cách sửa: Đặt tên tệp kết quả là {expected}" in err
    )
    assert set(place.root.rglob("*")) == before, "something was written"


def test_report_pdf_may_be_named_by_the_pdf(
    place: Place, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from outreach_xl.app import school

    def fake_pdf(docx: Path, target: Path, *, force: bool = False, inputs: object = ()) -> Path:
        return write_atomic(target, b"%PDF-1.4 made from " + docx.name.encode(), force=force)

    monkeypatch.setattr(school, "convert_to_pdf", fake_pdf)
    code, out, err = run(capsys, "report", place.school, "--pdf", "-o", place.root / "bc.pdf")
    assert code == 0, err
    assert (place.root / "bc.docx").read_bytes()[:2] == b"PK"
    assert (place.root / "bc.pdf").read_bytes() == b"%PDF-1.4 made from bc.docx"
    assert "bc.docx" in out and "bc.pdf" in out


FOLDER_CASES: dict[str, tuple[Case, str]] = {
    "report": (lambda p: ["report", p.school, "-o", p.root / "ra"], "BaoCao_TTDN_2020_MGMA.docx"),
    "rollup": (lambda p: ["rollup", p.schools, "--register", p.register, "-o", p.root / "ra"],
               "TongHop_TTDN_2020_ketqua.xlsx"),
    "district-report": (lambda p: ["district-report", _rollup(p), "--register", p.register,
                                   "-o", p.root / "ra"], "BaoCao_TongHop_TTDN_2020.docx"),
    "new": (lambda p: ["new", "--year", "2021", "-o", p.root / "ra"], "BaoCao_TTDN_2021.xlsm"),
}  # fmt: skip


@pytest.mark.parametrize("case", FOLDER_CASES, ids=list(FOLDER_CASES))
def test_output_naming_a_folder_writes_the_default_name_inside(
    case: str, place: Place, capsys: pytest.CaptureFixture[str]
) -> None:
    (place.root / "ra").mkdir()
    make, name = FOLDER_CASES[case]
    argv = make(place)
    before = place.hashes()
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    assert [p.name for p in (place.root / "ra").iterdir()] == [name]
    assert str(place.root / "ra" / name) in out
    assert place.hashes() == before


# --- 3. Mode: what the umask gives any new file --------------------------------------------------


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
@pytest.mark.parametrize("umask", [0o022, 0o002, 0o077])
def test_outputs_have_the_umask_mode(
    umask: int, place: Place, capsys: pytest.CaptureFixture[str]
) -> None:
    old = os.umask(umask)
    try:
        outputs = [place.root / "bc.docx", place.root / "th.xlsx", place.root / "moi.xlsm"]
        assert run(capsys, "report", place.school, "-o", outputs[0])[0] == 0
        assert run(capsys, "rollup", place.schools, "--register", place.register, "-o",
                   outputs[1])[0] == 0  # fmt: skip
        assert run(capsys, "new", "-o", outputs[2])[0] == 0
        assert run(capsys, "report", place.school, "-o", outputs[0], "--force")[0] == 0
    finally:
        os.umask(old)
    for path in outputs:
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask, path.name


# --- 12. Two runs creating one new file: exactly one wins ----------------------------------------


def test_two_writers_of_one_new_file_one_wins(tmp_path: Path) -> None:
    for attempt in range(40):
        target = tmp_path / f"ketqua{attempt}.xlsx"
        barrier = threading.Barrier(2)
        outcomes: list[str] = []

        def write(
            data: bytes,
            target: Path = target,
            barrier: threading.Barrier = barrier,
            outcomes: list[str] = outcomes,
        ) -> None:
            barrier.wait()
            try:
                write_atomic(target, data)
                outcomes.append("wrote")
            except OutputError as exc:
                outcomes.append(exc.message)

        threads = [threading.Thread(target=write, args=(bytes([65 + i]) * 4096,)) for i in (0, 1)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert outcomes.count("wrote") == 1, outcomes
        [other] = [o for o in outcomes if o != "wrote"]
        assert "đã có" in other or "vừa được một lần chạy khác tạo ra" in other
        assert target.read_bytes() in (b"A" * 4096, b"B" * 4096)
    assert temporaries(tmp_path) == []


def test_two_merges_racing_for_one_new_output(place: Place) -> None:
    import subprocess
    import sys

    target = place.root / "ketqua.xlsx"
    argv = ["rollup", place.schools, "--register", place.register, "-o", target]
    for _ in range(3):
        target.unlink(missing_ok=True)
        procs = [
            subprocess.Popen([sys.executable, "-m", "outreach_xl", *map(str, argv)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)
        ]  # fmt: skip
        results = [(p.wait(timeout=120), p.stderr.read() if p.stderr else "") for p in procs]
        for proc in procs:
            for stream in (proc.stdout, proc.stderr):
                if stream:
                    stream.close()
        codes = sorted(code for code, _ in results)
        assert codes == [0, 2], results
        assert any("đã có" in err or "lần chạy khác" in err for _, err in results)
    assert temporaries(place.root) == []


def test_force_replaces_the_previous_output(place: Place) -> None:
    target = place.root / "bc.docx"
    target.write_bytes(b"old report")
    result = cli("report", place.school, "-o", target, "--force")
    assert result.returncode == 0, result.stderr
    assert target.read_bytes()[:2] == b"PK"


# --- 11. Stale temporaries of ours are removed, nothing else -------------------------------------


def test_a_later_run_removes_only_our_stale_temporaries(place: Place) -> None:
    import subprocess
    import sys
    import time

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    mine = temporary_name(".docx")  # this (live) process's own
    stale = mine.replace(f"-{os.getpid()}-", f"-{dead.pid}-")
    stale_dir = temporary_name(".d").replace(f"-{os.getpid()}-", f"-{dead.pid}-")
    other_host_new = ".~outreach-123-abcdef-0123abcd.xlsx"
    other_host_old = ".~outreach-124-abcdef-0123abcd.xlsx"
    old_style_old = ".~outreach-k2j4h5g6.docx"
    keep = [mine, other_host_new, ".~outreach-ghi-chu.txt", ".~outreach-1-abc.docx", "~$bc.docx"]
    for name in [*keep, stale, other_host_old, old_style_old]:
        (place.root / name).write_bytes(b"school data")
    (place.root / stale_dir).mkdir()
    (place.root / stale_dir / "tmpabc").write_text("rows")
    hour_ago = time.time() - 7200
    for name in (other_host_old, old_style_old):
        os.utime(place.root / name, (hour_ago, hour_ago))
    assert is_stale_temporary(place.root / stale) and not is_stale_temporary(place.root / mine)

    result = cli("report", place.school, "-o", place.root / "bc.docx")
    assert result.returncode == 0, result.stderr
    left = sorted(p.name for p in place.root.iterdir() if p.name.startswith((".~", "~$")))
    assert left == sorted(keep)
