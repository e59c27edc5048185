"""Outputs: atomic writes that survive interruption, never silent overwrites, safe file names."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from outreach_xl.errors import OutputError
from outreach_xl.files.output import ascii_name, atomic_target, write_atomic


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
