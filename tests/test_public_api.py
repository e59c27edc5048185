"""The public surface: ``import outreach_xl`` is cheap, its few names work, its example runs."""

from __future__ import annotations

import importlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import outreach_xl
from outreach_xl.demo.district import build_demo_district

DATA = Path(__file__).parent / "data"
HEAVY = {"pandas", "numpy", "docx", "docxtpl", "python_calamine", "xlsxwriter", "xlwings"}


def _loaded_after(code: str) -> set[str]:
    """Top-level packages a fresh interpreter has loaded after running ``code``."""
    probe = f"import sys\n{code}\nprint(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True
    )
    return set(out.stdout.split())


def test_import_outreach_xl_loads_no_heavy_library() -> None:
    assert _loaded_after("import outreach_xl") & HEAVY == set()


def test_the_school_functions_do_not_load_pandas() -> None:
    code = "import outreach_xl as ox\nox.read_file, ox.validate, ox.make_school_report"
    loaded = _loaded_after(code)
    assert "pandas" not in loaded and "numpy" not in loaded


def test_every_public_name_is_the_object_of_its_module() -> None:
    assert sorted(outreach_xl.__all__) == sorted([*outreach_xl._EXPORTS, "__version__"])
    for name, module in outreach_xl._EXPORTS.items():
        assert getattr(outreach_xl, name) is getattr(importlib.import_module(module), name)
        assert name in dir(outreach_xl)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_thing"):
        outreach_xl.no_such_thing  # noqa: B018


def _example() -> str:
    """The code block of the package docstring, as written there."""
    doc = outreach_xl.__doc__ or ""
    block = doc.split("::\n\n", 1)[1].split("\n\n", 1)[0]
    return "\n".join(line[4:] for line in block.splitlines())


def test_the_docstring_example_runs_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Six lines from a school workbook to the district report, on the demo district."""
    example = _example()
    assert example.count("\n") + 1 <= 8 and "import outreach_xl as ox" in example
    build_demo_district(tmp_path)  # TongHop_TTDN_2020.xlsx and truong/
    shutil.copy(DATA / "valid" / "my-an-2020.xlsx", tmp_path / "BaoCao_TTDN_2020_MGMA.xlsx")
    monkeypatch.chdir(tmp_path)
    exec(compile(example, "outreach_xl.__doc__", "exec"), {})
    for name in ("BaoCao_MGMA.docx", "TongHop_ketqua.xlsx", "BaoCao_TH.docx"):
        assert (tmp_path / name).stat().st_size > 5000, name
