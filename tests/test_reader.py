"""The reader finds fields by key, survives inserted rows, accepts typed-as-text values, and says
clearly what is wrong with a file it cannot use."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from outreach_xl.core.model import SchoolData
from outreach_xl.errors import (
    InputTooLarge,
    MissingPart,
    NotOurWorkbook,
    OutreachError,
    UnreadableFile,
    UnsupportedTemplate,
)
from outreach_xl.files.reader import read_file
from outreach_xl.schema import DISTRICT, LIMITS, SCHOOL
from support import digest

MakeBook = Callable[..., Path]


def _edit(src: Path, dst: Path, change: Callable[[openpyxl.Workbook], None]) -> Path:
    """A user's edit of a copy of the workbook (openpyxl here only stands in for the user)."""
    book = openpyxl.load_workbook(src)
    change(book)
    book.save(dst)
    return dst


def test_a_column_inserted_before_the_labels_moves_the_values_with_them(
    make_book: MakeBook, sample: SchoolData, tmp_path: Path
) -> None:
    """A clerk inserts a column for notes between the hidden keys and the labels: the values are
    read from where they went (D, not the labels now in C), and findings point there."""

    def insert(book: openpyxl.Workbook) -> None:
        book["Thông tin chung"].insert_cols(2)

    path = _edit(make_book(sample), tmp_path / "chen-cot.xlsx", insert)
    sub = read_file(path)
    assert sub.data() == sample
    ref = sub.cell("school_name").ref
    assert ref is not None and ref.cell.startswith("D")


def test_a_column_inserted_between_the_labels_and_the_values_is_followed(
    make_book: MakeBook, sample: SchoolData, tmp_path: Path
) -> None:
    """A column inserted right of the labels pushes the values one column right (D): they are
    read there. A blank workbook so edited reads empty, as before."""

    def insert(book: openpyxl.Workbook) -> None:
        book["Thông tin chung"].insert_cols(3)

    sub = read_file(_edit(make_book(sample), tmp_path / "chen-cot-c.xlsx", insert))
    assert sub.data() == sample
    ref = sub.cell("school_name").ref
    assert ref is not None and ref.cell.startswith("D")
    blank = read_file(_edit(make_book(SchoolData()), tmp_path / "trong.xlsx", insert))
    assert blank.value("school_name") is None


def test_a_note_typed_over_a_help_text_beside_an_empty_value_is_not_read_as_the_value(
    make_book: MakeBook, sample: SchoolData, tmp_path: Path
) -> None:
    """«Nội dung» has one field: its value left empty and its help text typed over is no column
    inserted (the help texts did not move right), so the value stays empty where it is."""

    def note(book: openpyxl.Workbook) -> None:
        book["Nội dung"]["C4"] = None
        book["Nội dung"]["D4"] = "sẽ bổ sung sau"

    sub = read_file(_edit(make_book(sample), tmp_path / "ghi-chu.xlsx", note))
    cell = sub.cell("organisation")
    assert cell.value is None and cell.ref is not None and cell.ref.cell == "C4"


def test_fields_are_where_the_layout_puts_them(make_book: MakeBook, sample: SchoolData) -> None:
    sub = read_file(make_book(sample))
    ref = sub.cell("school_name").ref
    assert ref is not None and (ref.sheet, ref.cell) == ("Thông tin chung", "C5")
    assert sub.rows("content_items")[0].cells["text"].ref.cell == "C8"  # type: ignore[union-attr]


def test_row_inserted_in_general_sheet_breaks_nothing(
    make_book: MakeBook, sample: SchoolData, tmp_path: Path
) -> None:
    def insert(book: openpyxl.Workbook) -> None:
        ws = book["Thông tin chung"]
        ws.insert_rows(5, amount=2)
        ws["B5"] = "Ghi chú riêng của trường"
        ws["C5"] = "không phải một trường dữ liệu"

    edited = _edit(make_book(sample), tmp_path / "edited.xlsx", insert)
    sub = read_file(edited)
    assert sub.data() == sample
    assert sub.cell("school_name").ref.cell == "C7"  # type: ignore[union-attr]


def test_row_inserted_in_a_list_is_read_in_place(
    make_book: MakeBook, sample: SchoolData, tmp_path: Path
) -> None:
    def insert(book: openpyxl.Workbook) -> None:
        ws = book["Nội dung"]
        ws.insert_rows(9)  # between the first (row 8) and second content item
        ws["B9"] = "Chủ quyền biển, đảo, biên giới"
        ws["C9"] = "Tuyên truyền về chủ quyền biển, đảo Việt Nam."

    sub = read_file(_edit(make_book(sample), tmp_path / "edited.xlsx", insert))
    texts = [r["text"] for r in sub.records("content_items")]
    assert len(texts) == 5
    assert texts[1] == "Tuyên truyền về chủ quyền biển, đảo Việt Nam."
    assert texts[0] == sample.tables["content_items"][0]["text"]
    assert texts[2:] == [r["text"] for r in sample.tables["content_items"][1:]]


def test_rows_typed_below_a_list_are_read(
    make_book: MakeBook, sample: SchoolData, tmp_path: Path
) -> None:
    def append(book: openpyxl.Workbook) -> None:
        ws = book["Kết quả"]
        ws.cell(ws.max_row + 3, 2, "Một kết quả gõ xa bên dưới bảng.")

    sub = read_file(_edit(make_book(sample), tmp_path / "edited.xlsx", append))
    assert sub.records("results")[-1] == {"text": "Một kết quả gõ xa bên dưới bảng."}


def test_numbers_and_dates_typed_as_text_are_accepted(make_book: MakeBook) -> None:
    data = SchoolData(
        {"staff_total": "21", "pupil_total": " 1.200 ", "report_date": "29/12/2020",
         "request_date": "7-1-2020", "report_year": "2020"},
        {"channels": [{"channel": "Báo chí", "activity": "Đưa tin", "count": "3"}]},
    )  # fmt: skip
    sub = read_file(make_book(data))
    assert sub.value("staff_total") == 21
    assert sub.value("pupil_total") == 1200
    assert sub.value("report_year") == 2020
    assert sub.value("report_date") == dt.date(2020, 12, 29)
    assert sub.value("request_date") == dt.date(2020, 1, 7)
    assert sub.records("channels")[0]["count"] == 3


def test_reading_never_changes_the_file(make_book: MakeBook, sample: SchoolData) -> None:
    path = make_book(sample)
    before, mtime = digest(path), path.stat().st_mtime_ns
    read_file(path)
    assert digest(path) == before and path.stat().st_mtime_ns == mtime


# --- Bad inputs: one clear Vietnamese message each ---------------------------------------------


def _message(exc: OutreachError) -> str:
    text = exc.user_message()
    assert "Traceback" not in text and "Cách sửa" in text
    return text


def test_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "thu.xlsx"
    path.write_text("Kính gửi thầy cô", encoding="utf-8")
    with pytest.raises(UnreadableFile) as info:
        read_file(path)
    assert "không phải là bảng tính" in _message(info.value) and "thu.xlsx" in info.value.where()


def test_truncated_workbook(make_book: MakeBook, sample: SchoolData, tmp_path: Path) -> None:
    data = make_book(sample).read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(UnreadableFile) as info:
        read_file(path)
    assert "hỏng" in _message(info.value)


def test_a_zipped_workbook_checked_alone_says_to_unzip_it(
    make_book: MakeBook, sample: SchoolData, tmp_path: Path
) -> None:
    path = tmp_path / "truong.zip"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("BaoCao.xlsx", make_book(sample).read_bytes())
    with pytest.raises(UnreadableFile) as info:
        read_file(path)
    assert "tệp nén" in _message(info.value) and "Giải nén" in _message(info.value)


def test_a_damaged_old_xls_is_unreadable_not_a_crash(tmp_path: Path) -> None:
    """An OLE2 file that is no workbook: read in a child (as every .xls), told unreadable."""
    path = tmp_path / "cu.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)
    with pytest.raises(UnreadableFile) as info:
        read_file(path)
    assert "Không đọc được nội dung bảng tính" in _message(info.value)


def test_workbook_that_is_not_ours(tmp_path: Path) -> None:
    path = tmp_path / "khac.xlsx"
    book = openpyxl.Workbook()
    book.active["A1"] = "Bảng chấm công"
    book.save(path)
    with pytest.raises(NotOurWorkbook) as info:
        read_file(path)
    assert "outreach-xl new" in _message(info.value)


def test_district_workbook_given_as_school(make_book: MakeBook) -> None:
    with pytest.raises(NotOurWorkbook) as info:
        read_file(make_book(schema=DISTRICT))
    assert "không phải" in _message(info.value)


def _set_meta(book: openpyxl.Workbook, version: object) -> None:
    book["Thông tin mẫu"]["B2"] = version


def test_newer_template_version(make_book: MakeBook, tmp_path: Path) -> None:
    path = _edit(make_book(), tmp_path / "moi.xlsx", lambda b: _set_meta(b, SCHOOL.version + 1))
    with pytest.raises(UnsupportedTemplate) as info:
        read_file(path)
    assert "phiên bản outreach-xl mới nhất" in _message(info.value)


def test_unknown_template_version(make_book: MakeBook, tmp_path: Path) -> None:
    path = _edit(make_book(), tmp_path / "la.xlsx", lambda b: _set_meta(b, "abc"))
    with pytest.raises(UnsupportedTemplate):
        read_file(path)


def test_missing_sheet(make_book: MakeBook, tmp_path: Path) -> None:
    def rename(book: openpyxl.Workbook) -> None:
        book["Hình thức"].title = "Kênh"

    with pytest.raises(MissingPart) as info:
        read_file(_edit(make_book(), tmp_path / "doi-ten.xlsx", rename))
    assert "Hình thức" in _message(info.value)


def test_missing_field(make_book: MakeBook, tmp_path: Path) -> None:
    def delete(book: openpyxl.Workbook) -> None:
        book["Kết quả"].delete_rows(6)  # the row of "Số lần tuyên truyền"

    with pytest.raises(MissingPart) as info:
        read_file(_edit(make_book(), tmp_path / "xoa-dong.xlsx", delete))
    assert info.value.sheet == "Kết quả" and "Số lần tuyên truyền" in _message(info.value)


def test_missing_table_column(make_book: MakeBook, tmp_path: Path) -> None:
    def rename(book: openpyxl.Workbook) -> None:
        ws = book["Hình thức"]
        for row in ws.iter_rows():
            for cell in row:
                if cell.value == "Việc đã thực hiện":
                    cell.value = "Việc làm"

    with pytest.raises(MissingPart) as info:
        read_file(_edit(make_book(), tmp_path / "cot.xlsx", rename))
    assert "Việc đã thực hiện" in _message(info.value)


def test_zip_bomb_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (200 * 1024 * 1024))
    with pytest.raises(InputTooLarge) as info:
        read_file(path)
    assert "quá lớn" in _message(info.value)


# --- The guard before calamine (issue 10) --------------------------------------------------------


def _results_sheet_with(cell: bytes) -> bytes:
    from hostile.corpus import RESULTS_PART, rewrite, sample_bytes

    def add(xml: bytes) -> bytes:
        return xml.replace(b"</sheetData>", b'<row r="7">' + cell + b"</row></sheetData>", 1)

    return rewrite(sample_bytes(), {RESULTS_PART: add})


def _first_column_past_the_limit() -> bytes:
    from outreach_xl.core.parse import column_letter
    from outreach_xl.schema import LIMITS

    return f"{column_letter(LIMITS.max_cols)}7".encode()


@pytest.mark.parametrize(
    "ref",
    [b"AAAAAAAA1", b"XFD1", _first_column_past_the_limit(), b"ZZZZZZZZZZZZZZZZZZZZ7"],
    ids=lambda r: r.decode(),
)
def test_a_value_right_of_the_last_column_is_never_read(ref: bytes, tmp_path: Path) -> None:
    """Found by the fuzzer: a stray reference with many letters and one digit (calamine aborted)."""
    from outreach_xl.files.reader import load_grids

    path = tmp_path / "x.xlsx"
    path.write_bytes(_results_sheet_with(b'<c r="' + ref + b'" t="str"><v>-0</v></c>'))
    grids = load_grids(path, ["Kết quả"])
    assert max(len(row) for row in grids["Kết quả"]) <= LIMITS.max_cols


def test_the_guard_reads_a_part_no_further_than_it_declares(tmp_path: Path) -> None:
    """Python's zipfile inflates up to 2 GB per read() before cutting to the declared size: the
    guard asks for one byte more than declared, and a longer part fails its checksum."""
    import io
    import zipfile

    from outreach_xl.files.reader import _inflate

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("p.xml", b"x" * 10_000)
    raw = bytearray(buffer.getvalue())
    raw[22:26] = (100).to_bytes(4, "little")  # local header: declares 100 bytes
    central = raw.find(b"PK\x01\x02")
    raw[central + 24 : central + 28] = (100).to_bytes(4, "little")
    with zipfile.ZipFile(io.BytesIO(bytes(raw))) as archive, pytest.raises(zipfile.BadZipFile):
        _inflate(tmp_path / "p.xlsx", archive, "p.xml")  # the caller says "Tệp bị hỏng"


def test_shared_strings_elsewhere_are_read_in_a_child(tmp_path: Path) -> None:
    """A package laid out otherwise than the guard checks (here the shared strings under another
    name) is not trusted: it is read by a child process, and calamine's own refusal comes back as
    the usual message."""
    import io

    from hostile.corpus import sample_bytes
    from outreach_xl.errors import UnreadableFile
    from outreach_xl.files import reader

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(sample_bytes())) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            name = info.filename
            if name == "xl/sharedStrings.xml":
                name = "xl/strings2.xml"
            if name == "xl/_rels/workbook.xml.rels":
                body = body.replace(b'Target="sharedStrings.xml"', b'Target="strings2.xml"')
            dst.writestr(name, body, compress_type=zipfile.ZIP_DEFLATED)
    path = tmp_path / "x.xlsx"
    path.write_bytes(out.getvalue())
    assert reader._check_container(path, {"Kết quả"}).unsure
    with pytest.raises(UnreadableFile, match="Không đọc được một trang"):
        read_file(path)


# --- Our own cell reader (files/cells.py) and the plain zip reader (files/plainzip.py) ------------


def test_a_template_is_read_without_calamine(
    make_book: MakeBook, sample: SchoolData, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Our templates take the fast path: the guard reads their values, calamine never runs."""
    from outreach_xl.files import reader

    def refuse(*args: object) -> None:
        raise AssertionError("python-calamine was asked to read a plain template")

    monkeypatch.setattr(reader, "_read", refuse)
    assert read_file(make_book(sample)).data() == sample


def test_a_cell_the_cell_reader_is_not_sure_of_is_read_by_calamine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A date written as ISO text (``t="d"``, which Excel never writes for a cell) sends the file
    to python-calamine, which reads it as a date."""
    from hostile.corpus import RESULTS_PART, rewrite, sample_bytes
    from outreach_xl.files import reader

    def add(xml: bytes) -> bytes:
        cell = b'<row r="40"><c r="F40" t="d"><v>2020-12-29</v></c></row>'
        return xml.replace(b"</sheetData>", cell + b"</sheetData>", 1)

    path = tmp_path / "iso.xlsx"
    path.write_bytes(rewrite(sample_bytes(), {RESULTS_PART: add}))
    calls = []
    read = reader._read
    monkeypatch.setattr(reader, "_read", lambda *a: calls.append(a) or read(*a))
    grids = reader.load_grids(path, ["Kết quả"])
    assert calls and grids["Kết quả"][39][5] == dt.date(2020, 12, 29)


def test_a_zip_with_a_comment_is_read_through_zipfile(
    make_book: MakeBook, sample: SchoolData, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Not the plain layout (a comment after the central directory): read as before, same data."""
    from outreach_xl.files import reader

    src = make_book(sample)
    path = tmp_path / "comment.xlsx"
    with zipfile.ZipFile(src) as archive, zipfile.ZipFile(path, "w") as copy:
        for info in archive.infolist():
            copy.writestr(info, archive.read(info))
        copy.comment = b"saved by some tool"
    calls = []
    inspect = reader._inspect_zipfile
    monkeypatch.setattr(reader, "_inspect_zipfile", lambda *a: calls.append(a) or inspect(*a))
    assert read_file(path).data() == sample
    assert calls
