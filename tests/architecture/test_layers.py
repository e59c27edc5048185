"""The package's folders are its layers: a module imports only from its own layer or lower ones."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import outreach_xl

PACKAGE = Path(outreach_xl.__file__).resolve().parent

# Lowest first. Modules of one rank may import each other; never a higher rank.
RANKS = {
    "errors": 0,
    "schema": 1,
    "core": 2,
    "files": 3,
    "vba": 3,
    "xlsx": 4,
    "word": 4,
    "app": 5,
    "demo": 6,
    "cli": 7,
    "excel": 7,
    "__main__": 8,
    "__init__": 8,
}
# The pure core must stay pure: no workbook, Word, Excel or data-frame library, no file reader.
CORE_FORBIDDEN = {
    "xlsxwriter",
    "docx",
    "docxtpl",
    "python_calamine",
    "xlwings",
    "pandas",
    "openpyxl",
}


def layer_of(module: str) -> str:
    """``outreach_xl.core.model`` -> ``core``; ``outreach_xl`` -> ``__init__``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).with_suffix("")
        name = ".".join(("outreach_xl", *rel.parts)).removesuffix(".__init__")
        found.append((name, path))
    return found


def imports_of(name: str, path: Path) -> list[tuple[int, str]]:
    """Every module an import statement names, relative ones made absolute, with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base]) if base else ".".join(anchor)
            found.append((node.lineno, base))
            # "from outreach_xl import core" names a layer too
            if base == "outreach_xl":
                found += [(node.lineno, f"outreach_xl.{alias.name}") for alias in node.names]
    return found


def test_every_top_level_module_has_a_rank() -> None:
    tops = {layer_of(name) for name, _ in modules()}
    assert tops <= set(RANKS), f"give these a rank in RANKS: {sorted(tops - set(RANKS))}"


@pytest.mark.parametrize(("name", "path"), modules(), ids=lambda v: str(v))
def test_no_module_imports_a_higher_layer(name: str, path: Path) -> None:
    mine = RANKS[layer_of(name)]
    wrong = [
        f"line {line}: {target}"
        for line, target in imports_of(name, path)
        if target.startswith("outreach_xl.")
        and target != "outreach_xl.__version__"
        and RANKS.get(layer_of(target), 99) > mine
    ]
    assert not wrong, f"{name} (layer {layer_of(name)}) imports a higher layer: {wrong}"


@pytest.mark.parametrize(
    ("name", "path"),
    [(n, p) for n, p in modules() if layer_of(n) in {"schema", "core"}],
    ids=lambda v: str(v),
)
def test_schema_and_core_import_no_io_library(name: str, path: Path) -> None:
    libraries = {target.split(".")[0] for _, target in imports_of(name, path)}
    assert not libraries & CORE_FORBIDDEN, f"{name} imports {sorted(libraries & CORE_FORBIDDEN)}"


def test_the_walker_sees_a_violation(tmp_path: Path) -> None:
    """The check itself: a core module importing the CLI or openpyxl is caught."""
    bad = tmp_path / "bad.py"
    bad.write_text("from outreach_xl.cli import main\nimport openpyxl\nfrom .. import excel\n")
    found = imports_of("outreach_xl.core.bad", bad)
    assert (1, "outreach_xl.cli") in found
    assert (2, "openpyxl") in found
    assert (3, "outreach_xl.excel") in found
