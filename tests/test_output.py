"""Outputs: atomic writes that survive interruption, never silent overwrites, safe file names."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from outreach_xl.errors import OutputError
from outreach_xl.files.output import (
    ascii_name,
    atomic_target,
    check_target,
    is_stale_temporary,
    output_path,
    remove_stale_temporaries,
    same_file,
    scratch_folder,
    temporary_name,
    write_atomic,
)


def test_interrupted_write_leaves_the_previous_output_intact(tmp_path: Path) -> None:
    target = tmp_path / "BaoCao.docx"
    target.write_bytes(b"previous report")
    with pytest.raises(RuntimeError), atomic_target(target, force=True) as tmp:
        tmp.write_bytes(b"half a rep")
        raise RuntimeError("power cut")
    assert target.read_bytes() == b"previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["BaoCao.docx"]  # no temporary file left


def test_existing_output_needs_force(tmp_path: Path) -> None:
    target = tmp_path / "a.xlsx"
    target.write_bytes(b"mine")
    with pytest.raises(OutputError) as info:
        write_atomic(target, b"new")
    assert "--force" in info.value.user_message() and target.read_bytes() == b"mine"
    write_atomic(target, b"new", force=True)
    assert target.read_bytes() == b"new"


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as info:
        write_atomic(tmp_path / "khong" / "a.docx", b"x")
    assert "Thư mục" in info.value.user_message()


def test_an_input_is_refused_even_with_force(tmp_path: Path) -> None:
    school = tmp_path / "truong.xlsx"
    school.write_bytes(b"school data")
    with pytest.raises(OutputError) as info:
        write_atomic(school, b"report", force=True, inputs=[school])
    assert "trùng với tệp đầu vào «truong.xlsx»" in info.value.user_message()
    assert "thêm --force" not in info.value.user_message()
    assert school.read_bytes() == b"school data"
    assert [p.name for p in tmp_path.iterdir()] == ["truong.xlsx"]


def test_same_file_sees_links_and_relative_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    school = tmp_path / "a.xlsx"
    school.write_bytes(b"x")
    (tmp_path / "hard.xlsx").hardlink_to(school)
    (tmp_path / "soft.docx").symlink_to(school)
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    for other in ("hard.xlsx", "soft.docx", "../a.xlsx", "./../sub/../a.xlsx"):
        assert same_file(tmp_path / other if "/" not in other else Path(other), school), other
    assert not same_file(tmp_path / "b.xlsx", school)


def test_output_path_extension_and_folder(tmp_path: Path) -> None:
    assert output_path(None, "Mac.docx", suffixes=(".docx",)) == Path("Mac.docx")
    assert output_path(tmp_path, "Mac.docx", suffixes=(".docx",)) == tmp_path / "Mac.docx"
    assert output_path(tmp_path / "x.DOCX", "M.docx", suffixes=(".docx",)) == tmp_path / "x.DOCX"
    with pytest.raises(OutputError) as info:
        output_path(tmp_path / "x.xlsx", "M.docx", suffixes=(".docx",), other=", hoặc thêm --pdf")
    assert "Cách sửa: Đặt tên tệp kết quả là «x.docx», hoặc thêm --pdf." in str(info.value)


def test_a_folder_is_not_an_output_file(tmp_path: Path) -> None:
    (tmp_path / "ra.docx").mkdir()
    with pytest.raises(OutputError, match="tên một thư mục"):
        check_target(tmp_path / "ra.docx", force=True)


def test_scratch_folder_is_removed_and_full_disk_is_an_output_error(tmp_path: Path) -> None:
    target = tmp_path / "th.xlsx"
    with pytest.raises(OutputError) as info, scratch_folder(target) as scratch:
        (scratch / "rows").write_text("school data")
        raise OSError(28, "No space left on device")
    assert "Ổ đĩa đã đầy" in info.value.user_message()
    assert list(tmp_path.iterdir()) == []


def test_stale_temporaries_by_name_and_owner(tmp_path: Path) -> None:
    mine = tmp_path / temporary_name(".docx")
    other = tmp_path / ".~outreach-99999999-000000-0123abcd.docx"  # another machine, fresh
    lookalike = tmp_path / ".~outreach-bao-cao.docx"
    for path in (mine, other, lookalike):
        path.write_bytes(b"x")
    assert not is_stale_temporary(mine)
    assert not is_stale_temporary(other)
    assert is_stale_temporary(other, now=other.stat().st_mtime + 7200)
    assert not is_stale_temporary(lookalike, now=lookalike.stat().st_mtime + 10**6)
    assert remove_stale_temporaries(tmp_path) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MGMA", "MGMA"),
        ("ĐTMA", "DTMA"),
        ("Mỹ An", "MyAn"),
        ("CON", "TEPCON"),
        ("com1", "TEPcom1"),
        ("../../etc/passwd", "etcpasswd"),
        ("a\\b:c*?", "abc"),
        ("", "TEP"),
    ],
)
def test_ascii_name(text: str, expected: str) -> None:
    assert ascii_name(text) == expected


@given(st.text())
def test_ascii_name_is_always_a_safe_file_name(text: str) -> None:
    name = ascii_name(text)
    assert name and name.isascii() and name.isalnum() and len(name) <= 43
    assert name.upper() not in {"CON", "PRN", "AUX", "NUL"}
