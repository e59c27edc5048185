"""The VBA project storage of [MS-OVBA] 2.2, written from module source text.

    vbaProject.bin (compound file)
    |-- VBA/               storage
    |   |-- _VBA_PROJECT   2.3.4.1: version 0xFFFF, no performance cache
    |   |-- dir            2.3.4.2: project information, references, modules (compressed)
    |   `-- <module>       2.3.4.3: one stream per module, compressed source at offset 0
    |-- PROJECT            2.3.1: text properties, CMG/DPB/GC, [Host Extender Info], [Workspace]
    `-- PROJECTwm          2.3.3: module name map

With version 0xFFFF and no performance cache, the host has nothing compiled to trust: it reads
and compiles the sources. Everything here is deterministic: the project's GUID is derived from
its modules and the data encryption uses fixed seeds, so the same modules give the same bytes.

Functions named `_<record>` each build the record of that name in the specification.
"""

from __future__ import annotations

import re
import struct
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from outreach_xl.errors import DeveloperError
from outreach_xl.vba.cfb import Storage, write_compound_file
from outreach_xl.vba.compression import compress

__all__ = [
    "Module",
    "ModuleKind",
    "VbaProjectError",
    "build_vba_project",
    "decrypt_data",
    "encrypt_data",
    "project_id",
    "stored_source",
]

CODE_PAGE = 1252
LCID = 0x0409
PROJECT_NAME = "VBAProject"
PROJECT_VERSION = (1, 0)  # PROJECTVERSION major, minor: ours to choose

# 2.3.4.2.2 References: what Excel writes for OLE Automation. The path is only a hint; the host
# finds the library by GUID and version in the registry.
STDOLE_NAME = "stdole"
STDOLE_LIBID = (
    r"*\G{00020430-0000-0000-C000-000000000046}#2.0#0#C:\Windows\System32\stdole2.tlb"
    "#OLE Automation"
)

# Attribute VB_Base of each kind of document and of class modules, as Excel writes them.
WORKBOOK_BASE = "0{00020819-0000-0000-C000-000000000046}"
WORKSHEET_BASE = "0{00020820-0000-0000-C000-000000000046}"
CLASS_BASE = "0{FCFB3D2A-A0FA-1068-A738-08002B3371B5}"
WORKBOOK_CODE_NAME = "ThisWorkbook"

HOST_EXTENDER = "&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000"

# Fixed seeds for data encryption (2.4.3.2 says random; fixed keeps builds byte-identical).
_SEED_CMG, _SEED_DPB, _SEED_GC = 0x21, 0x43, 0x65

_KNOWN_ATTRIBUTES = (
    "VB_Name",
    "VB_Base",
    "VB_GlobalNameSpace",
    "VB_Creatable",
    "VB_PredeclaredId",
    "VB_Exposed",
    "VB_TemplateDerived",
    "VB_Customizable",
    "VB_Description",
)
_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,30}\Z")
_ATTRIBUTE = re.compile(r"Attribute\s+(VB_\w+)\s*=\s*(.*)\Z", re.IGNORECASE)


class VbaProjectError(DeveloperError):
    """A module that cannot go into a VBA project: bad name, bad characters, bad attributes."""


class ModuleKind(str, Enum):
    """The three kinds of module this writer knows ([MS-OVBA] 2.3.4.2.3.2.8 MODULETYPE)."""

    STANDARD = "standard"  # procedural module, .bas
    CLASS = "class"  # class module, .cls
    DOCUMENT = "document"  # ThisWorkbook and one per worksheet code name


@dataclass(frozen=True)
class Module:
    """One VBA module: its name (also its stream name), kind, and source text as written."""

    name: str
    kind: ModuleKind
    source: str

    def __post_init__(self) -> None:
        # Accept the plain strings "standard", "class", "document" as well as the enum.
        if not isinstance(self.kind, ModuleKind):
            try:
                object.__setattr__(self, "kind", ModuleKind(self.kind))
            except ValueError:
                raise VbaProjectError(
                    f"Loại mô-đun VBA «{self.kind}» không có",
                    fix="Dùng một trong: standard, class, document",
                    value=self.kind,
                ) from None


def build_vba_project(modules: Sequence[Module], document_modules: Sequence[str]) -> bytes:
    """The bytes of a vbaProject.bin holding `modules` and the document modules named.

    `document_modules` are the code names the workbook uses, e.g. ["ThisWorkbook", "Sheet1"]:
    the same list the caller gives XlsxWriter's set_vba_name. A Module of kind DOCUMENT in
    `modules` supplies code for one of them; the others get the standard attributes only.
    """
    ordered = _ordered_modules(modules, document_modules)
    sources = {module.name: stored_source(module) for module in ordered}
    guid = project_id(ordered, sources)

    vba = Storage(
        streams={
            "_VBA_PROJECT": _vba_project_stream(),
            "dir": compress(_dir_stream(ordered)),
            # 2.3.4.3 Module Stream: PerformanceCache (empty, MODULEOFFSET 0) + CompressedSource.
            **{m.name: compress(_encode(sources[m.name], m.name)) for m in ordered},
        }
    )
    root = Storage(
        streams={
            "PROJECT": _project_stream(ordered, guid),
            "PROJECTwm": _projectwm_stream(ordered),
        },
        storages={"VBA": vba},
    )
    return write_compound_file(root)


# --- modules and their source --------------------------------------------------------------------


def _ordered_modules(modules: Sequence[Module], document_modules: Sequence[str]) -> list[Module]:
    """Documents first in the order given, then standard modules, then classes (Excel's order)."""
    given = {module.name: module for module in modules}
    documents = []
    for name in document_modules:
        supplied = given.pop(name, None)
        if supplied is not None and supplied.kind is not ModuleKind.DOCUMENT:
            raise VbaProjectError(
                f"«{name}» vừa là tên mã (code name) của trang tính vừa là tên một mô-đun "
                f"{supplied.kind.value}",
                fix="Đổi tên mô-đun hoặc tên mã của trang tính",
                value=name,
            )
        documents.append(supplied or Module(name, ModuleKind.DOCUMENT, ""))
    stray = [m.name for m in given.values() if m.kind is ModuleKind.DOCUMENT]
    if stray:
        raise VbaProjectError(
            f"Mô-đun tài liệu «{stray[0]}» không có trong danh sách document_modules",
            fix="Thêm tên mã đó vào document_modules, đúng như đã đặt bằng set_vba_name",
            value=stray[0],
        )
    rest = list(given.values())
    ordered = (
        documents
        + [m for m in rest if m.kind is ModuleKind.STANDARD]
        + [m for m in rest if m.kind is ModuleKind.CLASS]
    )
    seen: set[str] = set()
    for module in [*ordered, *(m for m in modules if m not in ordered)]:
        _check_name(module.name)
        if module.name.upper() in seen:
            raise VbaProjectError(
                f"Hai mô-đun VBA cùng tên «{module.name}»",
                fix="Đặt cho mỗi mô-đun một tên riêng (VBA không phân biệt hoa thường)",
                value=module.name,
            )
        seen.add(module.name.upper())
    return ordered


def _check_name(name: str) -> None:
    if not _IDENTIFIER.match(name):
        raise VbaProjectError(
            f"Tên mô-đun VBA «{name}» không hợp lệ",
            fix="Tên bắt đầu bằng chữ cái, chỉ gồm chữ cái không dấu, chữ số và dấu gạch dưới, "
            "tối đa 31 ký tự",
            value=name,
        )


def stored_source(module: Module) -> str:
    """The source text as the module stream stores it: CRLF lines, leading Attribute lines.

    - every line ending becomes CRLF;
    - a .cls export header (VERSION 1.0 CLASS, BEGIN ... END) is dropped;
    - `Attribute VB_Name` is added when missing (and must match the module's name);
    - class and document modules get the attributes Excel itself writes when missing
      (VB_Base, VB_TemplateDerived, VB_Customizable, ...), in Excel's order. The document
      named "ThisWorkbook" gets the Workbook base, every other document the Worksheet base.
    """
    _check_ascii(module)
    lines = module.source.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if module.kind is ModuleKind.CLASS:
        lines = _strip_class_header(lines, module.name)

    attributes: dict[str, str] = {}
    body_start = 0
    for line in lines:
        match = _ATTRIBUTE.match(line.strip())
        if not match:
            break
        attributes.setdefault(_canonical_attribute(match.group(1)), match.group(2).strip())
        body_start += 1
    body = lines[body_start:]

    name = attributes.get("VB_Name")
    if name is not None and name.strip('"') != module.name:
        raise VbaProjectError(
            f"Mô-đun «{module.name}» ghi Attribute VB_Name = {name}: hai tên không khớp",
            fix="Sửa dòng Attribute VB_Name cho đúng tên mô-đun",
            value=name,
        )
    wanted = _standard_attributes(module)
    merged = {key: attributes.get(key, value) for key, value in wanted.items()}
    merged.update(attributes)
    header = [f"Attribute {key} = {value}" for key, value in merged.items()]
    return "".join(line + "\r\n" for line in header + body)


def _standard_attributes(module: Module) -> dict[str, str]:
    """The Attribute lines a module of this kind carries in an Excel-saved project, in order."""
    attributes = {"VB_Name": f'"{module.name}"'}
    if module.kind is ModuleKind.STANDARD:
        return attributes
    if module.kind is ModuleKind.DOCUMENT:
        base = WORKBOOK_BASE if module.name == WORKBOOK_CODE_NAME else WORKSHEET_BASE
        predeclared, exposed, customizable = "True", "True", "True"
    else:
        base, predeclared, exposed, customizable = CLASS_BASE, "False", "False", "False"
    attributes.update(
        {
            "VB_Base": f'"{base}"',
            "VB_GlobalNameSpace": "False",
            "VB_Creatable": "False",
            "VB_PredeclaredId": predeclared,
            "VB_Exposed": exposed,
            "VB_TemplateDerived": "False",
            "VB_Customizable": customizable,
        }
    )
    return attributes


def _canonical_attribute(name: str) -> str:
    """`vb_name` -> `VB_Name`: VBA reads attribute names case-blind, we compare them by key."""
    return next((k for k in _KNOWN_ATTRIBUTES if k.lower() == name.lower()), name)


def _strip_class_header(lines: list[str], name: str) -> list[str]:
    """Drop the `VERSION 1.0 CLASS` / `BEGIN` ... `END` block a .cls export starts with."""
    if not lines or not lines[0].strip().upper().startswith("VERSION "):
        return lines
    for index, line in enumerate(lines[1:], start=1):
        if line.strip().upper() == "END":
            return lines[index + 1 :]
    raise VbaProjectError(
        f"Mô-đun lớp «{name}»: khối BEGIN của tệp .cls không có dòng END",
        fix="Xuất lại tệp .cls từ trình soạn VBA, hoặc xóa phần đầu VERSION/BEGIN",
    )


def _check_ascii(module: Module) -> None:
    for number, line in enumerate(module.source.splitlines(), start=1):
        for char in line:
            if not (char.isascii() and (char.isprintable() or char == "\t")):
                raise VbaProjectError(
                    f"Mô-đun VBA «{module.name}», dòng {number}: ký tự {char!r} "
                    f"(U+{ord(char):04X}) không phải ASCII in được",
                    fix="Mã VBA chỉ dùng ASCII; chữ tiếng Việt người dùng thấy phải đặt "
                    "trong Python (outreach_xl.excel)",
                    value=line.strip(),
                )


def _encode(text: str, module_name: str) -> bytes:
    """MBCS text in the project's code page (1252)."""
    try:
        return text.encode(f"cp{CODE_PAGE}")
    except UnicodeEncodeError as error:
        raise VbaProjectError(
            f"«{module_name}»: không mã hóa được bằng bảng mã {CODE_PAGE}",
            fix="Chỉ dùng ký tự ASCII trong tên và mã VBA",
            value=text[error.start : error.end],
        ) from error


def project_id(modules: Sequence[Module], sources: dict[str, str] | None = None) -> str:
    """A GUID for the project, `{XXXXXXXX-...}`, derived from its modules: stable across builds."""
    sources = sources or {m.name: stored_source(m) for m in modules}
    text = "\0".join(f"{m.name}\0{m.kind.value}\0{sources[m.name]}" for m in modules)
    guid = uuid.uuid5(uuid.NAMESPACE_URL, "outreach-xl:vba-project:" + text)
    return "{" + str(guid).upper() + "}"


# --- VBA/_VBA_PROJECT (2.3.4.1) --------------------------------------------------------------


def _vba_project_stream() -> bytes:
    """Reserved1 0x61CC, Version 0xFFFF (no cache: compile from source), Reserved2, Reserved3."""
    return struct.pack("<HHBH", 0x61CC, 0xFFFF, 0x00, 0x0000)


# --- VBA/dir (2.3.4.2) -------------------------------------------------------------------------


def _record(record_id: int, payload: bytes) -> bytes:
    """Id (2 bytes), Size (4 bytes), then Size bytes."""
    return struct.pack("<HI", record_id, len(payload)) + payload


def _text_record(record_id: int, text: str, unicode_id: int | None = None) -> bytes:
    """A string record, with its UTF-16 twin after a Reserved id when the record has one."""
    data = _record(record_id, _encode(text, text))
    if unicode_id is not None:
        data += _record(unicode_id, text.encode("utf-16-le"))
    return data


def _u32(record_id: int, value: int) -> bytes:
    return _record(record_id, struct.pack("<I", value))


def _u16(record_id: int, value: int) -> bytes:
    return _record(record_id, struct.pack("<H", value))


def _dir_stream(modules: Sequence[Module]) -> bytes:
    """The decompressed dir stream: PROJECTINFORMATION, PROJECTREFERENCES, PROJECTMODULES."""
    return (
        _projectinformation()
        + _projectreferences()
        + _projectmodules(modules)
        + struct.pack("<HI", 0x0010, 0)  # Terminator, Reserved
    )


def _projectinformation() -> bytes:
    """2.3.4.2.1 PROJECTINFORMATION, records in the specification's order."""
    major, minor = PROJECT_VERSION
    return b"".join(
        [
            _u32(0x0001, 0x00000001),  # PROJECTSYSKIND: 32-bit Windows
            _u32(0x0002, LCID),  # PROJECTLCID
            _u32(0x0014, LCID),  # PROJECTLCIDINVOKE
            _u16(0x0003, CODE_PAGE),  # PROJECTCODEPAGE
            _text_record(0x0004, PROJECT_NAME),  # PROJECTNAME
            _text_record(0x0005, "", unicode_id=0x0040),  # PROJECTDOCSTRING
            _text_record(0x0006, "", unicode_id=0x003D),  # PROJECTHELPFILEPATH (1 and 2)
            _u32(0x0007, 0),  # PROJECTHELPCONTEXT
            _u32(0x0008, 0),  # PROJECTLIBFLAGS
            # PROJECTVERSION: Id, Reserved (a size field that says 4), VersionMajor, VersionMinor.
            struct.pack("<HIIH", 0x0009, 4, major, minor),
            _text_record(0x000C, "", unicode_id=0x003C),  # PROJECTCONSTANTS
        ]
    )


def _projectreferences() -> bytes:
    """2.3.4.2.2 PROJECTREFERENCES: OLE Automation (stdole), as a REFERENCENAME and a
    REFERENCEREGISTERED."""
    return _referencename(STDOLE_NAME) + _referenceregistered(STDOLE_LIBID)


def _referencename(name: str) -> bytes:
    return _text_record(0x0016, name, unicode_id=0x003E)


def _referenceregistered(libid: str) -> bytes:
    encoded = _encode(libid, "REFERENCEREGISTERED")
    payload = struct.pack("<I", len(encoded)) + encoded + struct.pack("<IH", 0, 0)
    return _record(0x000D, payload)


def _projectmodules(modules: Sequence[Module]) -> bytes:
    """2.3.4.2.3 PROJECTMODULES: Count, PROJECTCOOKIE, then one MODULE record each."""
    return (
        _u16(0x000F, len(modules))
        + _u16(0x0013, 0xFFFF)  # PROJECTCOOKIE
        + b"".join(_module_record(module) for module in modules)
    )


def _module_record(module: Module) -> bytes:
    """2.3.4.2.3.2 MODULE."""
    module_type = 0x0021 if module.kind is ModuleKind.STANDARD else 0x0022
    return b"".join(
        [
            _record(0x0019, _encode(module.name, module.name)),  # MODULENAME
            _record(0x0047, module.name.encode("utf-16-le")),  # MODULENAMEUNICODE
            _text_record(0x001A, module.name, unicode_id=0x0032),  # MODULESTREAMNAME
            _text_record(0x001C, "", unicode_id=0x0048),  # MODULEDOCSTRING
            _u32(0x0031, 0),  # MODULEOFFSET: the source starts the stream
            _u32(0x001E, 0),  # MODULEHELPCONTEXT
            _u16(0x002C, 0xFFFF),  # MODULECOOKIE
            struct.pack("<HI", module_type, 0),  # MODULETYPE, Reserved
            struct.pack("<HI", 0x002B, 0),  # Terminator, Reserved
        ]
    )


# --- PROJECT (2.3.1) and PROJECTwm (2.3.3) -----------------------------------------------------


def _project_stream(modules: Sequence[Module], guid: str) -> bytes:
    """The PROJECT stream: ProjectProperties, [Host Extender Info], [Workspace]; CRLF lines."""
    lines = [f'ID="{guid}"']
    for module in modules:
        if module.kind is ModuleKind.DOCUMENT:
            lines.append(f"Document={module.name}/&H00000000")
        elif module.kind is ModuleKind.STANDARD:
            lines.append(f"Module={module.name}")
        else:
            lines.append(f"Class={module.name}")
    # 2.3.1.15-17: protection state 0, no password (one 0x00 byte), visible (0xFF).
    cmg = encrypt_data(struct.pack("<I", 0), guid, _SEED_CMG).hex().upper()
    dpb = encrypt_data(bytes([0x00]), guid, _SEED_DPB).hex().upper()
    gc = encrypt_data(bytes([0xFF]), guid, _SEED_GC).hex().upper()
    lines += [
        f'Name="{PROJECT_NAME}"',
        'HelpContextID="0"',
        'VersionCompatible32="393222000"',
        f'CMG="{cmg}"',
        f'DPB="{dpb}"',
        f'GC="{gc}"',
        "",
        "[Host Extender Info]",
        HOST_EXTENDER,
        "",
        "[Workspace]",
    ]
    lines += [f"{module.name}=0, 0, 0, 0, C" for module in modules]
    return _encode("".join(line + "\r\n" for line in lines), "PROJECT")


def _projectwm_stream(modules: Sequence[Module]) -> bytes:
    """2.3.3 PROJECTwm: each module's MBCS and UTF-16 names, null-terminated; then 0x0000."""
    out = bytearray()
    for module in modules:
        out += _encode(module.name, module.name) + b"\x00"
        out += module.name.encode("utf-16-le") + b"\x00\x00"
    return bytes(out + b"\x00\x00")


# --- data encryption (2.4.3) -------------------------------------------------------------------


def _project_key(guid: str) -> int:
    """2.4.3.2 ProjKey: the sum of the bytes of the ProjectCLSID string `{...}`, modulo 256."""
    return sum(guid.encode("ascii")) & 0xFF


def encrypt_data(data: bytes, guid: str, seed: int, ignored: int = 0x00) -> bytes:
    """[MS-OVBA] 2.4.3.2 Encryption of `data` with the project's key and a given seed.

    The specification picks the seed and the ignored bytes at random; they are parameters here
    so the output is reproducible. Returns the Encrypted Data Structure (2.4.3.1) as bytes.
    """
    version = 2
    proj_key = _project_key(guid)
    version_enc = seed ^ version
    proj_key_enc = seed ^ proj_key
    out = bytearray([seed, version_enc, proj_key_enc])
    unencrypted_byte_1, encrypted_byte_1, encrypted_byte_2 = proj_key, proj_key_enc, version_enc

    def put(byte: int) -> None:
        nonlocal unencrypted_byte_1, encrypted_byte_1, encrypted_byte_2
        byte_enc = byte ^ ((encrypted_byte_2 + unencrypted_byte_1) & 0xFF)
        out.append(byte_enc)
        encrypted_byte_2, encrypted_byte_1, unencrypted_byte_1 = encrypted_byte_1, byte_enc, byte

    for _ in range((seed & 6) // 2):  # IgnoredLength
        put(ignored)
    for byte in struct.pack("<I", len(data)) + data:  # DataLengthEnc, DataEnc
        put(byte)
    return bytes(out)


def decrypt_data(encrypted: bytes) -> tuple[int, bytes]:
    """[MS-OVBA] 2.4.3.3 Decryption: (ProjKey, Data) from an Encrypted Data Structure."""
    if len(encrypted) < 7:
        raise VbaProjectError(
            "Dữ liệu mã hóa của dự án VBA quá ngắn", value=encrypted.hex().upper()
        )
    seed, version_enc, proj_key_enc = encrypted[:3]
    if seed ^ version_enc != 2:
        raise VbaProjectError(
            "Dữ liệu mã hóa của dự án VBA có phiên bản khác 2", value=encrypted.hex().upper()
        )
    proj_key = seed ^ proj_key_enc
    unencrypted_byte_1, encrypted_byte_1, encrypted_byte_2 = proj_key, proj_key_enc, version_enc
    plain = bytearray()
    for byte_enc in encrypted[3:]:
        byte = byte_enc ^ ((encrypted_byte_2 + unencrypted_byte_1) & 0xFF)
        plain.append(byte)
        encrypted_byte_2, encrypted_byte_1, unencrypted_byte_1 = encrypted_byte_1, byte_enc, byte
    ignored_length = (seed & 6) // 2
    (length,) = struct.unpack_from("<I", plain, ignored_length)
    data = bytes(plain[ignored_length + 4 :])
    if len(data) != length:
        raise VbaProjectError(
            f"Dữ liệu mã hóa của dự án VBA dài {len(data)} byte, phần đầu ghi {length}",
            value=encrypted.hex().upper(),
        )
    return proj_key, data
