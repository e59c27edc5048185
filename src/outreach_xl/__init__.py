"""outreach-xl: school and district reports on foreign information work, from Excel to Word.

The few functions a script needs, importable from here (the modules behind them are the layers
described in README.md)::

    import outreach_xl as ox
    sub = ox.read_file("BaoCao_TTDN_2020_MGMA.xlsx")            # a school workbook, read
    print([f.user_message() for f in ox.validate(sub)])         # what its clerk must fix
    ox.make_school_report("BaoCao_TTDN_2020_MGMA.xlsx", "BaoCao_MGMA.docx")
    district = ox.read_district("TongHop_TTDN_2020.xlsx")       # the register of schools
    ox.write_rollup(ox.rollup_folder("truong", district.register), "TongHop_ketqua.xlsx")
    ox.write_district_report("TongHop_ketqua.xlsx", "TongHop_TTDN_2020.xlsx", "BaoCao_TH.docx")

Every error these raise is an ``OutreachError`` (see ``outreach_xl.errors``) whose
``user_message()`` says in Vietnamese what is wrong, where, and how to fix it.

``import outreach_xl`` stays cheap: each name is imported on first use (module ``__getattr__``),
so the command line and a school's button never load pandas, python-docx or the district side.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# name -> the module that defines it; imported when the name is first used.
_EXPORTS = {
    # a school: read, check, report
    "read_file": "outreach_xl.files.reader",
    "validate": "outreach_xl.core.validation",
    "make_school_report": "outreach_xl.app.school",
    "render_school_report": "outreach_xl.app.school",
    # a district: its register, the merge, the roll-up workbook, its report
    "read_district": "outreach_xl.app.district",
    "rollup_folder": "outreach_xl.files.folder",
    "write_rollup": "outreach_xl.xlsx.rollup_workbook",
    "run_rollup": "outreach_xl.app.district",
    "write_district_report": "outreach_xl.app.district",
    # what they return, and the one base of every error they raise
    "Submission": "outreach_xl.core.model",
    "Finding": "outreach_xl.core.validation",
    "Rollup": "outreach_xl.core.merge",
    "OutreachError": "outreach_xl.errors",
}

__all__ = [
    "Finding",
    "OutreachError",
    "Rollup",
    "Submission",
    "__version__",
    "make_school_report",
    "read_district",
    "read_file",
    "render_school_report",
    "rollup_folder",
    "run_rollup",
    "validate",
    "write_district_report",
    "write_rollup",
]

if TYPE_CHECKING:  # for type checkers and editors; at run time __getattr__ imports on demand
    from outreach_xl.app.district import read_district, run_rollup, write_district_report
    from outreach_xl.app.school import make_school_report, render_school_report
    from outreach_xl.core.merge import Rollup
    from outreach_xl.core.model import Submission
    from outreach_xl.core.validation import Finding, validate
    from outreach_xl.errors import OutreachError
    from outreach_xl.files.folder import rollup_folder
    from outreach_xl.files.reader import read_file
    from outreach_xl.xlsx.rollup_workbook import write_rollup


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'outreach_xl' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
