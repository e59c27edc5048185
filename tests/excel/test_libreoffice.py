"""LibreOffice, an independent reader, opens the built .xlsm through UNO: every module is there with
its source, every button is bound to a sub that exists, and (in a variant whose ``RunPython`` is a
stub that writes its argument into D1) a click runs the right Python command.

UNO is only importable by Debian's own /usr/bin/python3, so ``uno_driver.py`` runs there in a
subprocess with a private LibreOffice profile and answers in JSON.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from outreach_xl.schema import DISTRICT, SCHOOL, WorkbookSchema
from outreach_xl.vba import Module, outreach_modules
from outreach_xl.vba.project import stored_source
from outreach_xl.xlsx.macro_workbook import build_xlsm, document_modules, macros_of, vba_modules

SYSTEM_PYTHON = "/usr/bin/python3"
DRIVER = Path(__file__).with_name("uno_driver.py")
SCHEMAS = [SCHOOL, DISTRICT]
IDS = ["school", "district"]


def _uno_missing() -> str:
    if shutil.which("soffice") is None:
        return "LibreOffice (soffice) is not installed"
    if not Path(SYSTEM_PYTHON).exists():
        return f"{SYSTEM_PYTHON} is missing"
    probe = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import uno"], capture_output=True, timeout=60, check=False
    )
    return "" if probe.returncode == 0 else "python3-uno is not installed for /usr/bin/python3"


MISSING = _uno_missing()
pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.slow,
    pytest.mark.skipif(bool(MISSING), reason=MISSING),
]

# The stub replaces xlwings' module: LibreOffice cannot compile xlwings' own VBA.
STUB = Module(
    "xlwings",
    "standard",
    'Attribute VB_Name = "xlwings"\r\nOption Explicit\r\n\r\n'
    "Sub RunPython(PythonCommand As String)\r\n"
    '    ThisWorkbook.Worksheets(1).Range("D1").Value = PythonCommand\r\n'
    "End Sub\r\n",
)


def open_in_libreoffice(path: Path, tmp_path: Path, clicks: Sequence[str] = ()) -> dict[str, Any]:
    command = [SYSTEM_PYTHON, str(DRIVER), str(path), str(tmp_path / "lo-profile")]
    for url in clicks:
        command += ["--click", url]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def code_lines(text: str) -> list[str]:
    """A module's code without attribute lines and LibreOffice's own header lines."""
    skip = ("attribute ", "rem attribute ", "option vbasupport", "option classmodule")
    lines = text.replace("\r\n", "\n").split("\n")
    kept = [line.rstrip() for line in lines if not line.lower().startswith(skip)]
    while kept and not kept[-1]:
        kept.pop()
    return kept


def _buttons(opened: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(sheet, caption, script URL) of each form control's click."""
    return [
        (c["sheet"], c["label"], s["code"])
        for c in opened["controls"]
        for s in c["scripts"]
        if s["event"] == "actionPerformed"
    ]


_URL = re.compile(r"^vnd\.sun\.star\.script:(\w+)\.(\w+)\.(\w+)\?language=Basic&location=document$")


@pytest.mark.parametrize("schema", SCHEMAS, ids=IDS)
def test_modules_are_imported_with_identical_source(schema: WorkbookSchema, tmp_path: Path) -> None:
    path = tmp_path / "book.xlsm"
    path.write_bytes(build_xlsm(schema))
    opened = open_in_libreoffice(path, tmp_path)
    project = opened["basic"]["VBAProject"]
    modules = vba_modules(schema)
    assert set(project) == {*document_modules(schema), *(m.name for m in modules)}
    for module in modules:  # as stored: a class's export header (VERSION, BEGIN..END) is dropped
        assert code_lines(project[module.name]) == code_lines(stored_source(module)), module.name
    assert opened["sheets"][0] == schema.sheets[0].name
    assert "xlwings.conf" in opened["sheets"]


@pytest.mark.parametrize("schema", SCHEMAS, ids=IDS)
def test_each_button_is_bound_to_a_sub_that_exists(schema: WorkbookSchema, tmp_path: Path) -> None:
    path = tmp_path / "book.xlsm"
    path.write_bytes(build_xlsm(schema))
    opened = open_in_libreoffice(path, tmp_path)
    macros = macros_of(schema)
    buttons = _buttons(opened)
    assert [(sheet, caption) for sheet, caption, _ in buttons] == [
        (schema.sheets[0].name, b.caption) for b in macros.buttons
    ]
    for (_, _, url), button in zip(buttons, macros.buttons, strict=True):
        match = _URL.match(url)
        assert match, url
        library, module, sub = match.groups()
        assert f"{module}.{sub}" == button.macro
        source = opened["basic"][library][module]
        assert re.search(rf"^Sub {sub}\(\)", source, re.MULTILINE), f"{sub} not in {module}"


@pytest.mark.parametrize("schema", SCHEMAS, ids=IDS)
def test_clicking_a_button_runs_its_python_command(schema: WorkbookSchema, tmp_path: Path) -> None:
    macros = macros_of(schema)
    path = tmp_path / "stub.xlsm"
    path.write_bytes(build_xlsm(schema, modules=[STUB, *outreach_modules(macros.macros_file)]))
    urls = [url for _, _, url in _buttons(open_in_libreoffice(path, tmp_path))]
    assert len(urls) == len(macros.buttons)
    clicked = open_in_libreoffice(path, tmp_path, urls)["clicks"]
    expected = {
        "OutreachSchool.CheckEntries": "x.validate()",
        "OutreachSchool.MakeReport": "x.generate_report()",
        "OutreachDistrict.MergeSchools": "x.rollup()",
        "OutreachDistrict.MakeDistrictReport": "x.district_report()",
    }
    for click, button in zip(clicked, macros.buttons, strict=True):
        assert click["error"] == ""
        assert click["cells"][0] == f"import outreach_xl.excel as x; {expected[button.macro]}"
