"""The VBA project writer: vbaProject.bin from module source text ([MS-OVBA], [MS-CFB]).

from outreach_xl.vba import build_vba_project, macro_module, xlwings_modules

modules = [*xlwings_modules(), macro_module("xl_macros/school.bas")]
data = build_vba_project(modules, ["ThisWorkbook", "Sheet1"])
workbook.add_vba_project(io.BytesIO(data), is_stream=True)
"""

from outreach_xl.vba.compression import VbaCompressionError, compress, decompress
from outreach_xl.vba.project import Module, ModuleKind, VbaProjectError, build_vba_project
from outreach_xl.vba.sources import macro_module, macros_dir, outreach_modules, xlwings_modules

__all__ = [
    "Module",
    "ModuleKind",
    "VbaCompressionError",
    "VbaProjectError",
    "build_vba_project",
    "compress",
    "decompress",
    "macro_module",
    "macros_dir",
    "outreach_modules",
    "xlwings_modules",
]
