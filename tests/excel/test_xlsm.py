"""The macro-enabled workbooks: deterministic, up to date in workbook/, read back by olevba, made
by ``outreach-xl new`` with this machine's Python in their xlwings.conf."""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

import pytest
from oletools.olevba import VBA_Parser

from outreach_xl.app.workbooks import new_workbook
from outreach_xl.cli import main
from outreach_xl.files.reader import load_grids, read_file
from outreach_xl.schema import DISTRICT, SCHOOL, WorkbookSchema
from outreach_xl.vba.project import stored_source
from outreach_xl.xlsx.macro_workbook import (
    COMMITTED,
    CONF_SHEET,
    DISTRICT_MACROS,
    FIXED_CONF,
    NEUTRAL_CONF,
    SCHOOL_MACROS,
    ansi_path,
    build_xlsm,
    document_modules,
    fits_ansi,
    interpreter_conf,
    macros_of,
    vba_modules,
)
from support import REPO

SCHEMAS = [SCHOOL, DISTRICT]
IDS = ["school", "district"]

COMMITTED_DIR = REPO / "workbook"  # the checkout, not the installed package


def crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")


def olevba_sources(data: bytes, filename: str) -> dict[str, str]:
    parser = VBA_Parser(filename, data=data)
    try:
        assert parser.detect_vba_macros()
        return {path.split("/")[-1]: code for _, path, _, code in parser.extract_macros()}
    finally:
        parser.close()


@pytest.mark.parametrize("schema", SCHEMAS, ids=IDS)
def test_building_twice_gives_identical_bytes(schema: WorkbookSchema) -> None:
    assert build_xlsm(schema) == build_xlsm(schema)


@pytest.mark.parametrize("name", sorted(COMMITTED))
def test_committed_workbooks_are_up_to_date(name: str) -> None:
    path = COMMITTED_DIR / name
    assert path.read_bytes() == build_xlsm(COMMITTED[name]), (
        f"workbook/{name} is out of date with its sources: run `python tools/regenerate.py`"
    )


@pytest.mark.parametrize("schema", SCHEMAS, ids=IDS)
def test_olevba_reads_every_module_back_unchanged(schema: WorkbookSchema) -> None:
    data = build_xlsm(schema)
    sources = olevba_sources(data, "book.xlsm")
    modules = vba_modules(schema)
    assert set(sources) == {*document_modules(schema), *(m.name for m in modules)}
    for module in modules:
        assert crlf(sources[module.name]) == stored_source(module)
    assert {m.name for m in modules} == {"xlwings", "Dictionary", macros_of(schema).module}


@pytest.mark.parametrize("schema", SCHEMAS, ids=IDS)
def test_every_sheet_code_name_has_its_document_module(schema: WorkbookSchema) -> None:
    with zipfile.ZipFile(_write(schema)) as archive:
        names = [
            re.search(r'codeName="(\w+)"', archive.read(n).decode()).group(1)  # type: ignore[union-attr]
            for n in sorted(archive.namelist(), key=_sheet_number)
            if n.startswith("xl/worksheets/sheet")
        ]
        workbook = archive.read("xl/workbook.xml").decode()
    assert 'workbookPr codeName="ThisWorkbook"' in workbook
    assert ["ThisWorkbook", *names] == document_modules(schema)


def _sheet_number(name: str) -> int:
    match = re.search(r"sheet(\d+)\.xml$", name)
    return int(match.group(1)) if match else 0


def _write(schema: WorkbookSchema, conf: dict[str, str] | None = None) -> Path:
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="xlsm-"))
    path = folder / "book.xlsm"
    path.write_bytes(build_xlsm(schema, conf or NEUTRAL_CONF))
    return path


@pytest.mark.parametrize("schema", SCHEMAS, ids=IDS)
def test_buttons_are_on_the_first_sheet_with_vietnamese_captions(schema: WorkbookSchema) -> None:
    with zipfile.ZipFile(_write(schema)) as archive:
        vml = archive.read("xl/drawings/vmlDrawing1.vml").decode()
        rels = archive.read("xl/worksheets/_rels/sheet1.xml.rels").decode()
    assert "vmlDrawing1.vml" in rels
    bound = re.findall(r"<x:FmlaMacro>\[0\]!([\w.]+)</x:FmlaMacro>", vml)
    captions = re.findall(r"<font [^>]*>([^<]+)</font>", vml)
    buttons = macros_of(schema).buttons
    assert bound == [b.macro for b in buttons]
    assert captions == [b.caption for b in buttons]


def test_button_captions_and_subs() -> None:
    assert [(b.caption, b.macro) for b in SCHOOL_MACROS.buttons] == [
        ("Kiểm tra dữ liệu", "OutreachSchool.CheckEntries"),
        ("Tạo báo cáo Word", "OutreachSchool.MakeReport"),
    ]
    assert [(b.caption, b.macro) for b in DISTRICT_MACROS.buttons] == [
        ("Tổng hợp các trường", "OutreachDistrict.MergeSchools"),
        ("Tạo báo cáo tổng hợp", "OutreachDistrict.MakeDistrictReport"),
    ]


@pytest.mark.parametrize("schema", SCHEMAS, ids=IDS)
def test_every_button_calls_a_sub_of_its_module(schema: WorkbookSchema) -> None:
    macros = macros_of(schema)
    source = next(m.source for m in vba_modules(schema) if m.name == macros.module)
    subs = set(re.findall(r"^Sub (\w+)\(\)", source, re.MULTILINE))
    for button in macros.buttons:
        module, sub = button.macro.split(".")
        assert module == macros.module and sub in subs


@pytest.mark.parametrize("name", sorted(COMMITTED))
def test_committed_workbooks_have_a_hidden_neutral_xlwings_conf(name: str) -> None:
    path = COMMITTED_DIR / name
    grids = load_grids(path)
    conf = {row[0]: row[1] for row in grids[CONF_SHEET]}
    assert conf == {**NEUTRAL_CONF, "ADD_WORKBOOK_TO_PYTHONPATH": "false"}
    with zipfile.ZipFile(path) as archive:
        workbook = archive.read("xl/workbook.xml").decode()
    assert re.search(r'<sheet name="xlwings.conf" sheetId="\d+" state="hidden"', workbook)


@pytest.mark.parametrize("name", sorted(COMMITTED))
def test_committed_workbooks_are_blank_templates_the_reader_accepts(name: str) -> None:
    sub = read_file(COMMITTED_DIR / name, expect=COMMITTED[name])
    assert sub.template_id == COMMITTED[name].template_id


def test_interpreter_conf_per_platform(tmp_path: Path) -> None:
    python = tmp_path / "python.exe"
    assert interpreter_conf(str(python), "win32") == {
        "Interpreter_Win": str(python),
        "Interpreter_Mac": "python",
    }
    (tmp_path / "pythonw.exe").write_bytes(b"")
    assert interpreter_conf(str(python), "win32")["Interpreter_Win"] == str(
        tmp_path / "pythonw.exe"
    )
    assert interpreter_conf("/opt/py/bin/python3", "darwin") == {
        "Interpreter_Win": "pythonw",
        "Interpreter_Mac": "/opt/py/bin/python3",
    }
    assert set(interpreter_conf("/usr/bin/python3", "linux").values()) == {"/usr/bin/python3"}


def test_new_writes_an_xlsm_pointing_at_this_python(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new", "--year", "2025"]) == 0
    assert main(["new", "--district", "--year", "2025"]) == 0
    for name, schema in (("BaoCao_TTDN_2025.xlsm", SCHOOL), ("TongHop_TTDN_2025.xlsm", DISTRICT)):
        path = tmp_path / name
        assert name.isascii()
        conf = {row[0]: row[1] for row in load_grids(path)[CONF_SHEET]}
        assert sys.executable in conf.values()
        assert conf["ADD_WORKBOOK_TO_PYTHONPATH"] == "false"
        assert path.read_bytes() == build_xlsm(schema, interpreter_conf())
        with zipfile.ZipFile(path) as archive:
            assert "xl/vbaProject.bin" in archive.namelist()


def test_new_without_macros_writes_a_plain_xlsx(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new", "--no-macros", "--year", "2025"]) == 0
    with zipfile.ZipFile(tmp_path / "BaoCao_TTDN_2025.xlsx") as archive:
        assert "xl/vbaProject.bin" not in archive.namelist()


def test_new_refuses_an_extension_that_does_not_match(tmp_path: Path, capsys) -> None:
    assert main(["new", "-o", str(tmp_path / "a.xlsx")]) == 2
    assert "--no-macros" in capsys.readouterr().err
    assert main(["new", "--no-macros", "-o", str(tmp_path / "a.xlsm")]) == 2
    assert not list(tmp_path.iterdir())


def test_new_workbook_never_overwrites(tmp_path: Path) -> None:
    path = new_workbook(tmp_path / "a.xlsm")
    before = path.read_bytes()
    with pytest.raises(Exception, match="đã có"):
        new_workbook(path)
    assert path.read_bytes() == before


ONEDRIVE = "https://d.docs.live.net/4f2a9c/Documents/BaoCao_TTDN_2025.xlsm"


def test_the_conf_keeps_xlwings_from_resolving_a_onedrive_url() -> None:
    """What xlwings' RunPython runs first: ``prepare_sys_path("<ADD_WORKBOOK_TO_PYTHONPATH>;
    <active book>;<this book>;<three OneDrive/SharePoint settings>")``. With xlwings' default
    (true) a synced OneDrive workbook fails there, in English, before our code; with ours it
    passes and leaves sys.path alone (no stray docx.py from the user's folder)."""
    import xlwings.utils

    before = list(sys.path)
    with pytest.raises(Exception, match="OneDrive"):
        xlwings.utils.prepare_sys_path(f"true;{ONEDRIVE};{ONEDRIVE};;;")
    assert sys.path == before
    ours = {**interpreter_conf(), **FIXED_CONF}["ADD_WORKBOOK_TO_PYTHONPATH"]
    xlwings.utils.prepare_sys_path(f"{ours};{ONEDRIVE};{ONEDRIVE};;;")
    assert sys.path == before


def test_ansi_path_shortens_only_what_the_code_page_cannot_carry() -> None:
    shortened: list[str] = []

    def shorten(path: str) -> str:
        shortened.append(path)
        return "C:\\Users\\NGUYNV~1\\python\\pythonw.exe"

    plain = "C:\\Users\\Lan\\python\\pythonw.exe"
    assert ansi_path(plain, shorten) == plain and not shortened
    accented = "C:\\Users\\Nguyễn Văn A\\python\\pythonw.exe"
    assert ansi_path(accented, shorten) == "C:\\Users\\NGUYNV~1\\python\\pythonw.exe"
    assert shortened == [accented]
    # No 8.3 name on that volume: the long path is all there is.
    assert ansi_path(accented, lambda path: path) == accented
    assert fits_ansi(plain) and not fits_ansi(accented)


@pytest.mark.parametrize("name", sorted(COMMITTED))
def test_committed_workbooks_say_on_their_first_sheet_which_files_find_python(name: str) -> None:
    grids = load_grids(COMMITTED_DIR / name)
    first = next(iter(grids))
    text = " ".join(str(v) for row in grids[first] for v in row if v)
    assert "«outreach-xl new»" in text and "máy Mac" in text
    assert "Could not find Interpreter" in text


def test_a_workbook_without_buttons_does_not_speak_of_them(tmp_path: Path) -> None:
    path = new_workbook(tmp_path / "a.xlsx", macros=False)
    grids = load_grids(path)
    text = " ".join(str(v) for row in next(iter(grids.values())) for v in row if v)
    assert "Could not find Interpreter" not in text
