"""The examples in the package's docstrings run, against the package the tests import.

(A test module rather than ``--doctest-modules``: CI runs the tests against the installed wheel,
and pytest's doctest collection would import ``src/`` beside it.)
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from types import ModuleType

import pytest

import outreach_xl

SKIP = {"outreach_xl.__main__", "outreach_xl.excel"}  # runs the CLI; needs xlwings' engine


def _modules() -> list[ModuleType]:
    names = [m.name for m in pkgutil.walk_packages(outreach_xl.__path__, "outreach_xl.")]
    return [importlib.import_module(n) for n in ["outreach_xl", *names] if n not in SKIP]


WITH_EXAMPLES = [m for m in _modules() if any(t.examples for t in doctest.DocTestFinder().find(m))]


def test_the_formats_have_examples() -> None:
    assert "outreach_xl.core.formats" in [m.__name__ for m in WITH_EXAMPLES]


@pytest.mark.parametrize("module", WITH_EXAMPLES, ids=lambda m: m.__name__)
def test_docstring_examples(module: ModuleType) -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, report=False, verbose=False)
    assert result.attempted > 0
    assert result.failed == 0, (
        f"{result.failed} example(s) of {module.__name__} fail (printed above); "
        f"python -m doctest -v {module.__file__} shows them all"
    )
