"""Reading a folder: a fixture per status, sources untouched, one bad file never stops the merge."""

from __future__ import annotations

import gc
import hashlib
import shutil
from pathlib import Path

import pytest

from outreach_xl import read_district
from outreach_xl.core.merge import FileStatus, SchoolStatus
from outreach_xl.demo.district import SCHOOLS, expected_statuses, school_data
from outreach_xl.files import folder as collect
from outreach_xl.files.folder import collect as collect_files
from outreach_xl.files.folder import find_files, rollup_folder
from outreach_xl.schema import SCHOOL
from outreach_xl.xlsx.builder import build_workbook


def hashes(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def codes(rollup, status: SchoolStatus) -> tuple[str, ...]:
    return tuple(e.school_code for e in rollup.schools if e.status is status)


def test_every_school_status_has_a_fixture(demo) -> None:
    register, folder = demo
    district = read_district(register)
    rollup = rollup_folder(folder, district.register, year=2020, workers=1)
    expected = expected_statuses()
    assert codes(rollup, SchoolStatus.REPORTED) == expected["reported"]
    assert codes(rollup, SchoolStatus.REPORTED_WITH_ERRORS) == expected["reported_with_errors"]
    assert codes(rollup, SchoolStatus.MISSING) == expected["missing"]
    assert codes(rollup, SchoolStatus.NOT_REGISTERED) == expected["not_registered"]


def test_every_file_status_has_a_fixture(demo) -> None:
    register, folder = demo
    rollup = rollup_folder(folder, read_district(register).register, year=2020, workers=1)
    by_status = {
        status: [e.file for e in rollup.files if e.status is status] for status in FileStatus
    }
    assert len(by_status[FileStatus.VALID]) == 6
    assert by_status[FileStatus.WITH_ERRORS] == [
        "BaoCao_TTDN_2020_THCSNT.xlsx",
        "BaoCao_TTDN_2020_THCSTT.xlsx",
    ]
    assert by_status[FileStatus.DUPLICATE] == ["BaoCao_TTDN_2020_MNBT_ban_dau.xlsx"]
    assert by_status[FileStatus.SAME_CONTENT] == ["BaoCao_TTDN_2020_MGMA - Copy.xlsx"]
    assert by_status[FileStatus.WRONG_YEAR] == ["BaoCao_TTDN_2026_MGLT.xlsx"]
    assert by_status[FileStatus.NOT_OURS] == ["DanhSachLop_MyPhu.xlsx"]
    assert by_status[FileStatus.UNREADABLE] == ["BaoCao_TTDN_2020_hong.xlsx"]
    assert by_status[FileStatus.SKIPPED] == ["~$BaoCao_TTDN_2020_MGLT.xlsx"]
    assert all(e.reason for e in rollup.files if e.status not in (FileStatus.VALID,))


def test_sources_are_byte_identical_after_a_merge(demo, tmp_path) -> None:
    register, folder = demo
    before = hashes(folder.parent)
    rollup = rollup_folder(folder, read_district(register).register, workers=2)
    from outreach_xl.xlsx.rollup_workbook import write_rollup

    write_rollup(rollup, tmp_path / "out.xlsx")
    assert hashes(folder.parent) == before


def test_an_unexpected_exception_becomes_an_unreadable_status(demo, monkeypatch) -> None:
    _, folder = demo

    def boom(*args, **kwargs):
        raise RuntimeError("parser surprise")

    monkeypatch.setattr(collect, "read_grids", boom)
    results = list(collect_files(folder, workers=1))
    read = [r for r in results if r.failure is not FileStatus.SKIPPED]
    assert read and all(r.failure is FileStatus.UNREADABLE for r in read if r.summary is None)
    assert any("Lỗi không mong đợi khi đọc tệp" in r.reason for r in read)
    assert not any("RuntimeError" in r.reason for r in read)  # no class name reaches a user


def test_parallel_and_sequential_reading_agree(tmp_path, monkeypatch) -> None:
    data = build_workbook(SCHOOL, school_data(SCHOOLS[1]))
    for i in range(12):
        (tmp_path / f"s{i:02d}.xlsx").write_bytes(data)
    (tmp_path / "broken.xlsx").write_bytes(b"not a zip")
    monkeypatch.setattr(collect, "PARALLEL_FROM", 4)
    monkeypatch.setattr(collect, "CHUNK", 3)
    one = rollup_folder(tmp_path, workers=1)
    two = rollup_folder(tmp_path, workers=2)
    assert one == two
    assert one.count(FileStatus.SAME_CONTENT) == 11  # twelve copies of one file
    assert one.count(FileStatus.UNREADABLE) == 1
    assert gc.get_freeze_count() == 0  # frozen only while the workers start: never kept forever


def test_recursion_is_an_option_and_hidden_folders_are_skipped(tmp_path) -> None:
    data = build_workbook(SCHOOL, school_data(SCHOOLS[0]))
    (tmp_path / "a").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "a" / "x.xlsm").write_bytes(data)
    (tmp_path / ".git" / "y.xlsx").write_bytes(data)
    (tmp_path / "top.XLSX").write_bytes(data)
    (tmp_path / "notes.txt").write_text("x")
    assert [p.name for p in find_files(tmp_path)[0]] == ["top.XLSX"]
    assert sorted(p.name for p in find_files(tmp_path, recursive=True)[0]) == ["top.XLSX", "x.xlsm"]
    results = list(collect_files(tmp_path, recursive=True, workers=1))
    assert sorted(r.file for r in results) == ["a/x.xlsm", "top.XLSX"]


def test_the_register_and_output_are_not_read_as_schools(demo, tmp_path) -> None:
    register, folder = demo
    copy = tmp_path / "schools"
    shutil.copytree(folder, copy)
    shutil.copy(register, copy / register.name)
    out = copy / "ketqua.xlsx"
    out.write_bytes(b"old")
    books, _ = find_files(copy, exclude=(copy / register.name, out))
    assert register.name not in [p.name for p in books]
    assert "ketqua.xlsx" not in [p.name for p in books]


def test_an_empty_folder_gives_every_registered_school_missing(demo, tmp_path) -> None:
    register, _ = demo
    district = read_district(register)
    rollup = rollup_folder(tmp_path, district.register)
    assert len(rollup.missing) == len(district.register) == 8
    assert rollup.reported == 0
    assert all(r["status"] == SchoolStatus.MISSING.row_label for r in rollup.rows)


@pytest.mark.parametrize("name", ["~$lock.xlsx", "~$lock.xlsm"])
def test_lock_files_are_listed_as_skipped_not_read(tmp_path, name) -> None:
    (tmp_path / name).write_bytes(b"\x00" * 165)
    results = list(collect_files(tmp_path))
    assert [(r.file, r.failure) for r in results] == [(name, FileStatus.SKIPPED)]


def test_archives_and_documents_a_school_sent_are_listed_with_what_to_do(tmp_path) -> None:
    """A school told «chưa nộp» that sent a .zip, a Word file or a photo would say it did: each is
    listed in the tracker with what to do; our own reports beside their workbooks are not."""
    book = tmp_path / "BaoCao_TTDN_2020_MGMA.xlsx"
    book.write_bytes(build_workbook(SCHOOL, school_data(SCHOOLS[0])))
    for name in (
        "truong_my_phu.zip", "BaoCao.rar", "bao cao Long Thuong.docx", "scan.PDF", "anh.jpg",
        "BaoCao_TTDN_2020_MGMA.docx", "BaoCao_TTDN_2020_MGMA_2.pdf",  # made from the workbook
        "BaoCao_TongHop_TTDN_2020.docx",  # the district's own report
        "desktop.ini", "Thumbs.db",  # the system's: not a school's
    ):  # fmt: skip
        (tmp_path / name).write_bytes(b"x")
    books, others = find_files(tmp_path)
    assert books == [book]
    listed = {r.file: r for r in others}
    assert sorted(listed) == [
        "BaoCao.rar", "anh.jpg", "bao cao Long Thuong.docx", "scan.PDF", "truong_my_phu.zip"
    ]  # fmt: skip
    assert all(r.failure is FileStatus.SKIPPED for r in others)
    assert listed["truong_my_phu.zip"].reason.startswith("Tệp nén")  # collect reads inside
    assert "giải nén vào thư mục này" in listed["BaoCao.rar"].reason
    assert "nhờ trường gửi tệp Excel" in listed["bao cao Long Thuong.docx"].reason
    assert listed["anh.jpg"].reason.startswith("Ảnh")


def _zip(path: Path, members: dict[str, bytes], flag_bits: int = 0) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=(2020, 12, 29, 8, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            package.writestr(info, data)
    if flag_bits:  # (zipfile writes no encrypted member: the flag is set in both headers)
        data = bytearray(path.read_bytes())
        for magic, at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
            start = data.find(magic)
            data[start + at] |= flag_bits
        path.write_bytes(bytes(data))
    return path


def test_a_workbook_sent_zipped_is_read_from_inside_the_zip(tmp_path) -> None:
    """Its name in the tracker says where it was; the .zip is left as it came."""
    book = build_workbook(SCHOOL, school_data(SCHOOLS[0]))
    archive = _zip(tmp_path / "truong.zip", {"bao cao/BaoCao_MGMA.xlsx": book, "ghi chu.txt": b"x"})
    before = hashes(tmp_path)
    results = list(collect_files(tmp_path))
    assert [r.file for r in results] == ["truong.zip/BaoCao_MGMA.xlsx"]
    assert results[0].summary is not None and results[0].failure is None
    assert results[0].summary.school_code == SCHOOLS[0].code
    assert hashes(tmp_path) == before and archive.exists()


def test_a_merge_with_a_zip_removes_what_a_killed_merge_left_a_day_ago_and_nothing_else(
    tmp_path, monkeypatch
) -> None:
    """A merge killed outright cannot clean up the schools' workbooks it copied out of a zip."""
    import os
    import tempfile
    import time

    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    day_old = time.time() - collect.STALE_AFTER - 60
    left = {}
    for name, age in [("outreach-xl-zip-killed", day_old), ("outreach-xl-zip-running", None),
                      ("other-program-old", day_old)]:  # fmt: skip
        (temp / name).mkdir()
        (temp / name / "BaoCao.xlsx").write_bytes(b"x")
        if age is not None:
            os.utime(temp / name, (age, age))
        left[name] = temp / name
    schools = tmp_path / "schools"
    schools.mkdir()
    _zip(schools / "truong.zip", {"BaoCao.xlsx": build_workbook(SCHOOL, school_data(SCHOOLS[0]))})
    assert [r.failure for r in collect_files(schools)] == [None]
    assert not left["outreach-xl-zip-killed"].exists()
    assert left["outreach-xl-zip-running"].exists() and left["other-program-old"].exists()
    remaining = sorted(p.name for p in temp.iterdir())  # this merge's own folder is gone too
    assert remaining == ["other-program-old", "outreach-xl-zip-running"]


def test_a_vietnamese_name_windows_zipped_without_saying_utf8_is_shown_as_written(tmp_path) -> None:
    """Windows' own zip tool writes names in UTF-8 without the flag that says so."""
    book = build_workbook(SCHOOL, school_data(SCHOOLS[0]))
    name = "Báo cáo Mỹ An.xlsx"
    placeholder = "x" * len(name.encode("utf-8"))
    archive = _zip(tmp_path / "mg.zip", {placeholder: book})
    data = archive.read_bytes().replace(placeholder.encode(), name.encode("utf-8"))
    archive.write_bytes(data)
    [result] = list(collect_files(tmp_path))
    assert result.file == f"mg.zip/{name}" and result.summary is not None


@pytest.mark.parametrize(
    ("members", "flag_bits", "words"),
    [
        ({"a.txt": b"x"}, 0, "không có tệp Excel nào"),
        ({"a.xlsx": b"x"}, 0x1, "mật khẩu"),
        ({"a.xlsx": b"\0" * (21 * 1024 * 1024)}, 0, "quá lớn"),  # a zip bomb's way
    ],
)
def test_a_zip_that_cannot_be_read_is_listed_with_what_to_do(
    tmp_path, members: dict[str, bytes], flag_bits: int, words: str
) -> None:
    _zip(tmp_path / "truong.zip", members, flag_bits)
    [result] = list(collect_files(tmp_path))
    assert result.file == "truong.zip" and result.failure is FileStatus.SKIPPED
    assert words in result.reason and "Cách sửa" in result.reason


def test_a_zip_of_too_many_entries_is_refused_before_its_directory_is_read(tmp_path) -> None:
    """Millions of entries would make zipfile hold millions of objects: the count is read from
    the end record first."""
    from outreach_xl.files import archives

    names = {f"{i}.txt": b"" for i in range(archives.MAX_ENTRIES + 1)}
    _zip(tmp_path / "nhieu.zip", names)
    [result] = list(collect_files(tmp_path))
    assert result.failure is FileStatus.SKIPPED and "quá nhiều tệp" in result.reason
    assert f"({archives.MAX_ENTRIES + 1})" in result.reason


def test_a_zip_larger_than_all_it_may_unpack_is_refused_unread(tmp_path, monkeypatch) -> None:
    from outreach_xl.files import archives

    book = build_workbook(SCHOOL, school_data(SCHOOLS[0]))
    archive = _zip(tmp_path / "lon.zip", {"BaoCao.xlsx": book})
    monkeypatch.setattr(archives, "MAX_UNPACKED", archive.stat().st_size - 1)
    [result] = list(collect_files(tmp_path))
    assert result.failure is FileStatus.SKIPPED and result.reason.startswith("Tệp nén quá lớn")


def test_a_damaged_zip_is_listed_not_a_crash(tmp_path) -> None:
    (tmp_path / "hong.zip").write_bytes(b"PK\x03\x04" + b"\x00" * 50)
    [result] = list(collect_files(tmp_path))
    assert result.failure is FileStatus.SKIPPED and "bị hỏng" in result.reason
