"""The one exception tree: drawn in errors.py's docstring, and the drawing is the truth."""

from __future__ import annotations

import ast
import builtins
import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest

import outreach_xl
from outreach_xl import errors
from outreach_xl.cli import main
from outreach_xl.errors import OutreachError

SRC = Path(outreach_xl.__file__).parent
_NODE = re.compile(r"^(?P<indent>[\s│├└─]*?)(?P<name>[A-Z]\w+)(?: \[(?P<builtin>\w+)\])?\s")


def _drawing() -> list[tuple[int, str, str | None]]:
    """(depth, class name, builtin base) for each line of the tree in the docstring."""
    doc = errors.__doc__ or ""
    block = doc.split("::\n\n", 1)[1].split("\n\n", 1)[0]
    nodes = []
    for line in block.splitlines():
        match = _NODE.match(line[4:])
        assert match, line
        nodes.append((len(match["indent"]) // 4, match["name"], match["builtin"]))
    return nodes


def _every_module() -> list[object]:
    names = [m.name for m in pkgutil.walk_packages([str(SRC)], "outreach_xl.")]
    skip = {"outreach_xl.__main__", "outreach_xl.excel"}  # runs main; needs xlwings' engine
    return [importlib.import_module(n) for n in names if n not in skip]


def _our_exceptions() -> dict[str, type[BaseException]]:
    found: dict[str, type[BaseException]] = {}
    for module in _every_module():
        for name, obj in vars(module).items():
            if (
                inspect.isclass(obj)
                and issubclass(obj, BaseException)
                and obj.__module__.startswith("outreach_xl")
            ):
                found[name] = obj
    return found


def test_the_drawing_matches_the_classes() -> None:
    classes = _our_exceptions()
    parents: list[str] = []
    for depth, name, builtin in _drawing():
        assert name in classes, f"{name} is drawn in errors.py but defined nowhere"
        cls = classes[name]
        del parents[depth:]
        if parents:
            assert cls.__bases__[0].__name__ == parents[-1], name
        if builtin:
            assert issubclass(cls, getattr(builtins, builtin)), name
        parents.append(name)


def test_every_exception_we_define_is_drawn_and_is_an_outreach_error() -> None:
    drawn = {name for _, name, _ in _drawing()}
    for name, cls in _our_exceptions().items():
        assert issubclass(cls, OutreachError), f"{name} is outside the tree"
        assert name in drawn, f"{name} is missing from the drawing in errors.py"


def test_no_assert_is_used_as_a_runtime_check() -> None:
    """``python -O`` drops asserts: a check that matters raises."""
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        lines = [n.lineno for n in ast.walk(tree) if isinstance(n, ast.Assert)]
        assert not lines, f"{path.relative_to(SRC)}: assert on lines {lines}"


def test_the_vba_writer_errors_are_developer_errors() -> None:
    from outreach_xl.vba.cfb import CfbError
    from outreach_xl.vba.compression import VbaCompressionError
    from outreach_xl.vba.project import VbaProjectError

    for cls in (CfbError, VbaCompressionError, VbaProjectError):
        assert issubclass(cls, errors.DeveloperError)
        assert not issubclass(cls, errors.InputError)


def test_a_missing_schools_folder_is_an_input_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from outreach_xl.app.district import run_rollup
    from outreach_xl.demo.district import build_demo_district

    register, _ = build_demo_district(tmp_path)
    missing = tmp_path / "khong-co"
    with pytest.raises(errors.InputNotFound) as info:
        run_rollup(missing, register, tmp_path / "o.xlsx")
    assert isinstance(info.value, errors.InputError)
    assert isinstance(info.value, FileNotFoundError)
    assert not isinstance(info.value, errors.OutputError)
    code = main(["rollup", str(missing), "--register", str(register), "-o", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2
    assert "Không tìm thấy thư mục chứa tệp của các trường" in err and "khong-co" in err


def _crash(*_: object, **__: object) -> None:
    raise ZeroDivisionError("lỗi lập trình giả")


@pytest.mark.parametrize("debug", ["", "0", "1"])
def test_debug_switch_prints_the_traceback_of_an_unexpected_error(
    debug: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import outreach_xl.app.check

    monkeypatch.setattr(outreach_xl.app.check, "check_files", _crash)
    monkeypatch.setenv(errors.DEBUG_VARIABLE, debug)
    assert main(["validate", str(tmp_path / "x.xlsx")]) == 3
    err = capsys.readouterr().err
    assert "LỖI không mong đợi" in err and "người hỗ trợ kỹ thuật" in err
    assert ("Traceback (most recent call last)" in err) is (debug == "1")
    assert ("in _crash" in err) is (debug == "1")
    assert ("ZeroDivisionError: lỗi lập trình giả" in err) is (debug == "1")


def test_debug_switch_never_adds_a_traceback_to_a_users_own_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv(errors.DEBUG_VARIABLE, "1")
    assert main(["validate", str(tmp_path / "khong-co.xlsx")]) == 2
    assert "Traceback" not in capsys.readouterr().out


@pytest.mark.parametrize("debug", ["", "1"])
def test_debug_switch_in_the_buttons(
    debug: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    excel = pytest.importorskip("outreach_xl.excel")
    shown: list[str] = []
    monkeypatch.setattr(excel, "_alert", lambda book, text, critical=False: shown.append(text))
    monkeypatch.setattr(excel.xw.Book, "caller", staticmethod(_crash))
    monkeypatch.setenv(errors.DEBUG_VARIABLE, debug)
    excel.entry_point(lambda book: None)()
    assert shown and shown[0].startswith("Lỗi không mong đợi")
    assert "Traceback" not in shown[0] and "ZeroDivisionError" not in shown[0]
    assert ("Traceback (most recent call last)" in capsys.readouterr().err) is (debug == "1")


def test_a_bug_in_our_reading_code_is_not_disguised_as_a_damaged_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The reader turns the library's errors into "cannot read"; a bug of ours stays a bug."""
    from outreach_xl.files import reader

    sample = Path(__file__).parents[1] / "data" / "valid" / "my-an-2020.xlsx"

    def broken(*_: object) -> None:
        raise TypeError("lỗi lập trình giả")

    monkeypatch.setattr(reader, "_with_errors", broken)
    with pytest.raises(TypeError, match="lỗi lập trình giả"):
        reader.load_grids(sample)


def test_the_librarys_errors_still_read_as_an_unreadable_file(tmp_path: Path) -> None:
    from outreach_xl.files.reader import load_grids

    path = tmp_path / "hong.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    with pytest.raises(errors.UnreadableFile):
        load_grids(path)
