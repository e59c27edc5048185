"""Rebuild every generated file the repository commits, from the code and data it is built from.

    python tools/regenerate.py           # write every artifact that differs from a fresh build
    python tools/regenerate.py --check   # only list the stale ones; exit status 1 if there are any
    python tools/regenerate.py --golden  # also re-save the golden files with LibreOffice

The artifacts, each byte-identical from run to run (the tests compare the committed file with a
fresh build and name this command when they differ):

- ``templates/school_report.docx``, ``templates/district_report.docx``: the Word templates
  (``outreach_xl.word.school_template``, ``outreach_xl.word.district_template``);
- ``workbook/truong.xlsm``, ``workbook/tonghop.xlsm``: the macro workbooks with xlwings' neutral
  interpreter settings (``outreach_xl.xlsx.macro_workbook``);
- ``workbook/samples/BaoCao_TTDN_2020_MGMA.xlsx``, the filled sample, and ``tests/data/valid/``,
  ``tests/data/invalid/`` (a workbook per rule and its expected findings):
  ``tests/data/make_fixtures.py``.

The golden files (``tests/data/golden/``, ``tests/data/golden/make_golden.py``) are our outputs
re-saved by LibreOffice, compared on meaning by ``tests/test_golden.py``: their bytes are
LibreOffice's, so they are made only when asked (``--golden``, after an intended change to what a
report or the roll-up says), and ``--check`` does not look at them.

It lives outside the package because the fixtures are test data, and it builds from this checkout's
``src/`` whichever ``outreach_xl`` the running Python has installed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def artifacts() -> dict[Path, Callable[[], bytes]]:
    """Every generated file (relative to the repository) and how to build its bytes."""
    sys.path[:0] = [str(REPO / "src"), str(REPO / "tests")]  # this checkout, not an installed copy
    from data import make_fixtures
    from outreach_xl.word.district_template import DISTRICT_TEMPLATE, build_district_template
    from outreach_xl.word.render import SCHOOL_TEMPLATE
    from outreach_xl.word.school_template import build_school_template
    from outreach_xl.xlsx.macro_workbook import COMMITTED, build_xlsm

    found: dict[Path, Callable[[], bytes]] = {
        Path("templates") / SCHOOL_TEMPLATE: build_school_template,
        Path("templates") / DISTRICT_TEMPLATE: build_district_template,
    }
    for name, schema in COMMITTED.items():
        found[Path("workbook") / name] = lambda schema=schema: build_xlsm(schema)
    fixtures = make_fixtures.files()
    for rel in fixtures:
        found[rel] = lambda rel=rel: fixtures[rel]
    return found


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    check, golden = args == ["--check"], args == ["--golden"]
    if args and not (check or golden):
        print(__doc__)
        return 2
    stale = []
    for rel, build in artifacts().items():
        path = REPO / rel
        fresh = build()
        if path.is_file() and path.read_bytes() == fresh:
            continue
        stale.append(rel)
        if not check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(fresh)
    for rel in stale:
        print(f"{'stale' if check else 'written'}: {rel.as_posix()}")
    if golden:
        sys.path.insert(0, str(REPO / "tests" / "data" / "golden"))
        import make_golden

        make_golden.main()
    return 1 if check and stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
