"""The VBA project: streams per [MS-OVBA], read back by oletools, inside a real .xlsm."""

from __future__ import annotations

import io
import re
import shutil
import struct
import zipfile
from pathlib import Path

import olefile
import pytest
import xlsxwriter
from oletools.olevba import VBA_Parser

from outreach_xl.errors import OutreachError
from outreach_xl.vba import (
    Module,
    ModuleKind,
    VbaProjectError,
    build_vba_project,
    decompress,
    macro_module,
    outreach_modules,
    xlwings_modules,
)
from outreach_xl.vba.project import decrypt_data, encrypt_data, stored_source
from outreach_xl.vba.sources import macros_dir, xlwings_dir
from support import soffice_convert

DOCUMENTS = ["ThisWorkbook", "Sheet1", "Sheet2"]


@pytest.fixture(scope="module")
def modules() -> list[Module]:
    return [*xlwings_modules(), *outreach_modules("school.bas", "district.bas")]


@pytest.fixture(scope="module")
def project(modules: list[Module]) -> bytes:
    return build_vba_project(modules, DOCUMENTS)


@pytest.fixture(scope="module")
def ole(project: bytes) -> olefile.OleFileIO:
    return olefile.OleFileIO(io.BytesIO(project), raise_defects=olefile.DEFECT_INCORRECT)


def crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")


# --- layout and fixed streams --------------------------------------------------------------


def test_the_storage_layout_is_that_of_a_vba_project(ole: olefile.OleFileIO) -> None:
    names = sorted("/".join(path) for path in ole.listdir())
    expected = ["PROJECT", "PROJECTwm", "VBA/_VBA_PROJECT", "VBA/dir"]
    expected += [f"VBA/{name}" for name in DOCUMENTS]
    expected += ["VBA/xlwings", "VBA/OutreachSchool", "VBA/OutreachDistrict", "VBA/Dictionary"]
    assert names == sorted(expected)


def test_vba_project_stream_has_no_performance_cache(ole: olefile.OleFileIO) -> None:
    data = ole.openstream("VBA/_VBA_PROJECT").read()
    assert data == bytes.fromhex("CC61 FFFF 00 0000")


def read_dir_records(data: bytes) -> list[tuple[int, bytes]]:
    records = []
    position = 0
    while position < len(data):
        record_id, size = struct.unpack_from("<HI", data, position)
        position += 6
        if record_id == 0x0009:  # PROJECTVERSION: "size" is Reserved (4), then 4 + 2 bytes
            assert size == 4
            size = 6
        records.append((record_id, data[position : position + size]))
        position += size
    assert position == len(data)
    return records


def test_dir_stream_records_come_in_specification_order(ole: olefile.OleFileIO) -> None:
    records = read_dir_records(decompress(ole.openstream("VBA/dir").read()))
    ids = [record_id for record_id, _ in records]
    information = [0x01, 0x02, 0x14, 0x03, 0x04, 0x05, 0x40, 0x06, 0x3D, 0x07, 0x08, 0x09]
    information += [0x0C, 0x3C]
    references = [0x16, 0x3E, 0x0D]
    module = [0x19, 0x47, 0x1A, 0x32, 0x1C, 0x48, 0x31, 0x1E, 0x2C]
    expected = information + references + [0x0F, 0x13]
    for kind in [0x22, 0x22, 0x22, 0x21, 0x21, 0x21, 0x22]:
        expected += [*module, kind, 0x2B]
    expected += [0x10]
    assert ids == expected

    values = dict(records[:17])
    assert values[0x03] == struct.pack("<H", 1252)
    assert values[0x04] == b"VBAProject"
    assert values[0x09] == struct.pack("<IH", 1, 0)
    assert values[0x16] == b"stdole"
    libid_size = struct.unpack_from("<I", records[16][1])[0]
    libid = records[16][1][4 : 4 + libid_size].decode("cp1252")
    assert libid.startswith("*\\G{00020430-0000-0000-C000-000000000046}#2.0#0#")
    assert dict(records)[0x13] == b"\xff\xff"  # PROJECTCOOKIE
    assert dict(records)[0x0F] == struct.pack("<H", 7)
    module_names = [data for record_id, data in records if record_id == 0x19]
    assert module_names == [
        b"ThisWorkbook", b"Sheet1", b"Sheet2",
        b"xlwings", b"OutreachSchool", b"OutreachDistrict", b"Dictionary",
    ]  # fmt: skip
    assert all(data == b"\0\0\0\0" for record_id, data in records if record_id == 0x31)
    assert all(data == b"\xff\xff" for record_id, data in records if record_id == 0x2C)


def test_module_streams_are_just_the_compressed_source(
    ole: olefile.OleFileIO, modules: list[Module]
) -> None:
    for module in modules:
        stream = ole.openstream(f"VBA/{module.name}").read()
        assert decompress(stream) == stored_source(module).encode("cp1252")


def test_projectwm_maps_each_name_to_its_unicode_twin(ole: olefile.OleFileIO) -> None:
    data = ole.openstream("PROJECTwm").read()
    names = [*DOCUMENTS, "xlwings", "OutreachSchool", "OutreachDistrict", "Dictionary"]
    expected = b"".join(n.encode("ascii") + b"\0" + n.encode("utf-16-le") + b"\0\0" for n in names)
    assert data == expected + b"\0\0"


# --- the PROJECT stream ------------------------------------------------------------------------


def project_lines(ole: olefile.OleFileIO) -> list[str]:
    text = ole.openstream("PROJECT").read().decode("cp1252")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    return text.split("\r\n")[:-1]


def test_project_stream_lists_modules_and_properties(ole: olefile.OleFileIO) -> None:
    lines = project_lines(ole)
    assert re.fullmatch(r'ID="\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}"', lines[0])
    assert lines[1:8] == [
        "Document=ThisWorkbook/&H00000000",
        "Document=Sheet1/&H00000000",
        "Document=Sheet2/&H00000000",
        "Module=xlwings",
        "Module=OutreachSchool",
        "Module=OutreachDistrict",
        "Class=Dictionary",
    ]
    assert lines[8:11] == [
        'Name="VBAProject"',
        'HelpContextID="0"',
        'VersionCompatible32="393222000"',
    ]
    assert [line.split("=")[0] for line in lines[11:14]] == ["CMG", "DPB", "GC"]
    assert lines[14:18] == [
        "",
        "[Host Extender Info]",
        "&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000",
        "",
    ]
    assert lines[18] == "[Workspace]"
    assert [line.split("=")[0] for line in lines[19:]] == [
        *DOCUMENTS, "xlwings", "OutreachSchool", "OutreachDistrict", "Dictionary",
    ]  # fmt: skip


def test_cmg_dpb_gc_decrypt_to_unprotected_no_password_visible(ole: olefile.OleFileIO) -> None:
    lines = project_lines(ole)
    guid = lines[0][4:-1]
    project_key = sum(guid.encode("ascii")) % 256  # [MS-OVBA] 2.4.3.2 ProjKey
    values = {line.split("=")[0]: line.split("=", 1)[1].strip('"') for line in lines[11:14]}
    # ABNF lengths: CMG 22 to 28 hex digits, DPB at least 16, GC 16 to 22.
    assert 22 <= len(values["CMG"]) <= 28
    assert len(values["DPB"]) >= 16
    assert 16 <= len(values["GC"]) <= 22
    assert decrypt_data(bytes.fromhex(values["CMG"])) == (project_key, b"\0\0\0\0")
    assert decrypt_data(bytes.fromhex(values["DPB"])) == (project_key, b"\0")
    assert decrypt_data(bytes.fromhex(values["GC"])) == (project_key, b"\xff")


def test_decryption_matches_a_published_example() -> None:
    # CMG="41435A5A5E5A5E5A5E5A5E": seed 0x41, project key 0x1B, protection state 0.
    assert decrypt_data(bytes.fromhex("41435A5A5E5A5E5A5E5A5E")) == (0x1B, b"\0\0\0\0")


@pytest.mark.parametrize("seed", range(256))
def test_encryption_inverts_for_every_seed(seed: int) -> None:
    guid = "{9E394C0B-697E-4AEE-9FA6-446F51FB30DC}"
    encrypted = encrypt_data(b"\x01\x02secret", guid, seed, ignored=0x5A)
    assert len(encrypted) == 3 + (seed & 6) // 2 + 4 + 8
    assert decrypt_data(encrypted) == (sum(guid.encode()) % 256, b"\x01\x02secret")


# --- module sources ------------------------------------------------------------------------


def test_document_modules_get_the_attributes_excel_writes() -> None:
    workbook = stored_source(Module("ThisWorkbook", ModuleKind.DOCUMENT, ""))
    assert workbook == crlf(
        'Attribute VB_Name = "ThisWorkbook"\n'
        'Attribute VB_Base = "0{00020819-0000-0000-C000-000000000046}"\n'
        "Attribute VB_GlobalNameSpace = False\n"
        "Attribute VB_Creatable = False\n"
        "Attribute VB_PredeclaredId = True\n"
        "Attribute VB_Exposed = True\n"
        "Attribute VB_TemplateDerived = False\n"
        "Attribute VB_Customizable = True\n"
    )
    sheet = stored_source(Module("Sheet1", ModuleKind.DOCUMENT, "Option Explicit\n"))
    assert sheet.startswith('Attribute VB_Name = "Sheet1"\r\n')
    assert 'Attribute VB_Base = "0{00020820-0000-0000-C000-000000000046}"\r\n' in sheet
    assert sheet.endswith("Attribute VB_Customizable = True\r\nOption Explicit\r\n")


def test_class_export_header_is_dropped_and_attributes_kept() -> None:
    source = (xlwings_dir() / "addin" / "Dictionary.cls").read_text("ascii")
    stored = stored_source(Module("Dictionary", ModuleKind.CLASS, source))
    assert "VERSION 1.0 CLASS" not in stored and "MultiUse" not in stored
    header = stored.split("\r\n")[:9]
    assert header[:2] == [
        'Attribute VB_Name = "Dictionary"',
        'Attribute VB_Base = "0{FCFB3D2A-A0FA-1068-A738-08002B3371B5}"',
    ]
    assert "Attribute VB_Exposed = True" in header  # as the file says, not our default
    assert any(line.startswith("Attribute VB_Description = ") for line in header)
    body = source.split("Attribute VB_Description")[1].split("\n", 1)[1]
    assert stored.endswith(crlf(body))


def test_module_kind_may_be_given_as_a_plain_string() -> None:
    assert Module("A", "class", "").kind is ModuleKind.CLASS  # type: ignore[arg-type]
    with pytest.raises(VbaProjectError, match="form"):
        Module("A", "form", "")  # type: ignore[arg-type]


def test_standard_module_gets_vb_name_when_missing() -> None:
    stored = stored_source(Module("Tools", ModuleKind.STANDARD, "Sub A()\rEnd Sub"))
    assert stored == 'Attribute VB_Name = "Tools"\r\nSub A()\r\nEnd Sub\r\n'


def test_xlwings_bas_is_stored_as_shipped() -> None:
    (module,) = [m for m in xlwings_modules() if m.name == "xlwings"]
    shipped = (xlwings_dir() / "xlwings.bas").read_bytes().decode("ascii")
    assert stored_source(module) == crlf(shipped)


def test_our_macros_only_call_run_python_with_a_fixed_import() -> None:
    school, district = outreach_modules("school.bas", "district.bas")
    assert (school.name, district.name) == ("OutreachSchool", "OutreachDistrict")
    calls = {
        m.name: re.findall(r"Sub (\w+)\(\)\s+RunPython \"(.*?)\"\s+End Sub", m.source)
        for m in (school, district)
    }
    prefix = "import outreach_xl.excel as x; x."
    assert calls == {
        "OutreachSchool": [
            ("CheckEntries", prefix + "validate()"),
            ("MakeReport", prefix + "generate_report()"),
        ],
        "OutreachDistrict": [
            ("MergeSchools", prefix + "rollup()"),
            ("MakeDistrictReport", prefix + "district_report()"),
        ],
    }
    for path in macros_dir().glob("*.bas"):
        path.read_bytes().decode("ascii")
        assert "ActiveWorkbook.Name" not in path.read_text() and "ThisWorkbook.Name" not in (
            path.read_text()
        )


# --- errors --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("modules", "documents"),
    [
        ([Module("Bad", ModuleKind.STANDARD, "' Chào\n")], []),
        ([Module("Bad", ModuleKind.STANDARD, 'Attribute VB_Name = "Other"\n')], []),
        ([Module("1st", ModuleKind.STANDARD, "")], []),
        ([Module("a" * 32, ModuleKind.STANDARD, "")], []),
        ([Module("Same", ModuleKind.STANDARD, ""), Module("SAME", ModuleKind.CLASS, "")], []),
        ([Module("Sheet1", ModuleKind.STANDARD, "")], ["Sheet1"]),
        ([Module("sheet1", ModuleKind.STANDARD, "")], ["Sheet1"]),
        ([Module("Sheet9", ModuleKind.DOCUMENT, "")], ["Sheet1"]),
        ([Module("C", ModuleKind.CLASS, "VERSION 1.0 CLASS\nBEGIN\n")], []),
    ],
    ids=[
        "non-ascii",
        "vb-name-mismatch",
        "bad-identifier",
        "name-too-long",
        "case-blind-duplicate",
        "module-named-like-a-sheet",
        "module-named-like-a-sheet-case-blind",
        "document-not-listed",
        "class-header-without-end",
    ],
)
def test_bad_modules_raise_our_error(modules: list[Module], documents: list[str]) -> None:
    with pytest.raises(VbaProjectError) as caught:
        build_vba_project(modules, documents)
    assert isinstance(caught.value, OutreachError)
    assert caught.value.fix


def test_non_ascii_error_names_module_and_line() -> None:
    source = 'Sub A()\n    MsgBox "Kiểm tra"\nEnd Sub\n'
    with pytest.raises(VbaProjectError, match=r"«Bad», dòng 2") as caught:
        build_vba_project([Module("Bad", ModuleKind.STANDARD, source)], [])
    assert "U+1EC3" in str(caught.value)


def test_macro_module_rejects_non_ascii_files(tmp_path: Path) -> None:
    path = tmp_path / "bad.bas"
    path.write_bytes(b'Attribute VB_Name = "Bad"\r\n\' caf\xe9\r\n')
    with pytest.raises(VbaProjectError, match="dòng 2"):
        macro_module(path)
    with pytest.raises(VbaProjectError):
        macro_module(tmp_path / "x.txt")


# --- determinism ------------------------------------------------------------------------------


def test_same_input_gives_byte_identical_output(modules: list[Module], project: bytes) -> None:
    rebuilt = build_vba_project(
        [*xlwings_modules(), *outreach_modules("school.bas", "district.bas")], list(DOCUMENTS)
    )
    assert rebuilt == project


def test_a_different_project_gets_a_different_id(modules: list[Module]) -> None:
    def guid(data: bytes) -> str:
        ole = olefile.OleFileIO(io.BytesIO(data))
        return project_lines(ole)[0]

    one = build_vba_project(modules, DOCUMENTS)
    fewer_sheets = build_vba_project(modules, ["ThisWorkbook", "Sheet1"])
    last = modules[-1]
    edited = [*modules[:-1], Module(last.name, last.kind, last.source + "' edited\n")]
    assert len({guid(one), guid(fewer_sheets), guid(build_vba_project(edited, DOCUMENTS))}) == 3


# --- read back by oletools, alone and inside an .xlsm ----------------------------------------


def olevba_sources(data: bytes, filename: str) -> dict[str, str]:
    parser = VBA_Parser(filename, data=data)
    try:
        assert parser.detect_vba_macros()
        return {path.split("/")[-1]: code for _, path, _, code in parser.extract_macros()}
    finally:
        parser.close()


def test_oletools_reads_every_module_back_unchanged(project: bytes, modules: list[Module]) -> None:
    sources = olevba_sources(project, "vbaProject.bin")
    assert set(sources) == {*DOCUMENTS, *(m.name for m in modules)}
    for module in modules:
        assert crlf(sources[module.name]) == stored_source(module)
        # and the code itself is the file's, line for line, after the attribute lines
        read_back = [line for line in sources[module.name].splitlines() if line]
        original = [line for line in module.source.splitlines() if line]
        assert read_back[-20:] == original[-20:]
    assert 'RunPython "import outreach_xl.excel as x; x.validate()"' in sources["OutreachSchool"]


def build_xlsm(path: Path, project: bytes) -> None:
    workbook = xlsxwriter.Workbook(str(path))
    workbook.set_vba_name("ThisWorkbook")
    for name in DOCUMENTS[1:]:
        sheet = workbook.add_worksheet()
        sheet.set_vba_name(name)
        sheet.write("A1", "Kiểm tra")
    workbook.worksheets()[0].insert_button(
        "B3", {"macro": "OutreachSchool.CheckEntries", "caption": "Kiểm tra", "width": 120}
    )
    workbook.add_vba_project(io.BytesIO(project), is_stream=True)
    workbook.close()


def test_an_xlsm_built_with_xlsxwriter_opens_in_olevba(
    tmp_path: Path, project: bytes, modules: list[Module]
) -> None:
    path = tmp_path / "school.xlsm"
    build_xlsm(path, project)
    with zipfile.ZipFile(path) as archive:
        assert archive.read("xl/vbaProject.bin") == project
        workbook_xml = archive.read("xl/workbook.xml").decode()
        assert 'codeName="ThisWorkbook"' in workbook_xml
    sources = olevba_sources(path.read_bytes(), str(path))
    assert set(sources) == {*DOCUMENTS, *(m.name for m in modules)}
    for module in modules:
        assert crlf(sources[module.name]) == stored_source(module)


@pytest.mark.libreoffice
@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_the_xlsm(tmp_path: Path, project: bytes) -> None:
    path = tmp_path / "school.xlsm"
    build_xlsm(path, project)
    with zipfile.ZipFile(soffice_convert(path, "xlsx", tmp_path / "out")) as archive:
        assert "xl/workbook.xml" in archive.namelist()


@pytest.mark.libreoffice
@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_imports_every_module_with_its_kind(tmp_path: Path, project: bytes) -> None:
    # LibreOffice's own VBA importer (dir stream, PROJECT stream) is a second, independent reader:
    # converted to .ods, each module becomes Basic/VBAProject/<name>.xml with its module type.
    path = tmp_path / "school.xlsm"
    build_xlsm(path, project)
    kinds = {}
    with zipfile.ZipFile(soffice_convert(path, "ods", tmp_path / "out")) as archive:
        for name in archive.namelist():
            match = re.fullmatch(r"Basic/VBAProject/(\w+)\.xml", name)
            if match and match.group(1) != "script":
                xml = archive.read(name).decode()
                kind = re.search(r'script:moduleType="(\w+)"', xml)
                assert kind
                kinds[match.group(1)] = kind.group(1)
                if match.group(1) == "OutreachSchool":
                    assert "x.generate_report()" in xml
    assert kinds == {
        "ThisWorkbook": "document",
        "Sheet1": "document",
        "Sheet2": "document",
        "xlwings": "normal",
        "OutreachSchool": "normal",
        "OutreachDistrict": "normal",
        "Dictionary": "class",
    }
