"""Test-only: write bcryptprimitives.dll for Debian's Wine 8.0, which lacks it.

Rust's standard library (since 1.78) takes its random numbers from ``ProcessPrng`` in
bcryptprimitives.dll, a DLL every Windows 10 and 11 has and Wine only has from 9.x on; so under
Wine 8.0 python-calamine's extension fails to load ("DLL load failed ... Module not found").
smoke.sh writes this DLL into the Wine prefix's system32 (never into the installer).

It is a PE32+ DLL with no code: one export, ``ProcessPrng``, forwarded to
``advapi32.SystemFunction036`` (RtlGenRandom). Both take (buffer, length) in rcx, rdx and return
TRUE; RtlGenRandom's length is a ULONG, enough for the few bytes Rust asks for.

    python wine_bcryptprimitives.py OUT.dll
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

DLL_NAME = b"bcryptprimitives.dll"
EXPORTS = {b"ProcessPrng": b"advapi32.SystemFunction036"}

FILE_ALIGN = 0x200
SECTION_RVA = 0x1000
IMAGE_BASE = 0x180000000


def export_directory(rva: int) -> bytes:
    """IMAGE_EXPORT_DIRECTORY, its three tables and its strings, placed at ``rva``."""
    names = sorted(EXPORTS)
    count = len(names)
    header_size = 40
    functions_at = rva + header_size
    names_at = functions_at + 4 * count
    ordinals_at = names_at + 4 * count
    strings_at = ordinals_at + 2 * count
    strings = bytearray()

    def add(text: bytes) -> int:
        at = strings_at + len(strings)
        strings.extend(text + b"\0")
        return at

    dll_name_at = add(DLL_NAME)
    name_rvas = [add(name) for name in names]
    # An export whose address lies inside the export directory is a forwarder string.
    forwarder_rvas = [add(EXPORTS[name]) for name in names]
    header = struct.pack(
        "<IIHHIIIIIII",
        0,  # Characteristics
        0,  # TimeDateStamp
        0,  # MajorVersion
        0,  # MinorVersion
        dll_name_at,
        1,  # Base (first ordinal)
        count,  # NumberOfFunctions
        count,  # NumberOfNames
        functions_at,
        names_at,
        ordinals_at,
    )
    tables = (
        struct.pack(f"<{count}I", *forwarder_rvas)
        + struct.pack(f"<{count}I", *name_rvas)
        + struct.pack(f"<{count}H", *range(count))
    )
    return header + tables + bytes(strings)


def dll() -> bytes:
    exports = export_directory(SECTION_RVA)
    raw_size = -(-len(exports) // FILE_ALIGN) * FILE_ALIGN
    dos = bytearray(0x40)
    dos[0:2] = b"MZ"
    struct.pack_into("<I", dos, 0x3C, 0x40)  # e_lfanew
    coff = struct.pack(
        "<HHIIIHH",
        0x8664,  # Machine: AMD64
        1,  # NumberOfSections
        0,  # TimeDateStamp
        0,  # PointerToSymbolTable
        0,  # NumberOfSymbols
        240,  # SizeOfOptionalHeader (PE32+)
        0x2022,  # EXECUTABLE_IMAGE | LARGE_ADDRESS_AWARE | DLL
    )
    optional = struct.pack(
        "<HBBIIIIIQIIHHHHHHIIIIHHQQQQII",
        0x20B,  # PE32+
        14,  # linker version
        0,
        0,  # SizeOfCode
        raw_size,  # SizeOfInitializedData
        0,  # SizeOfUninitializedData
        0,  # AddressOfEntryPoint: none
        SECTION_RVA,  # BaseOfCode
        IMAGE_BASE,
        0x1000,  # SectionAlignment
        FILE_ALIGN,
        6,  # OS version
        0,
        0,  # image version
        0,
        6,  # subsystem version
        0,
        0,  # Win32VersionValue
        SECTION_RVA + 0x1000,  # SizeOfImage
        FILE_ALIGN,  # SizeOfHeaders
        0,  # CheckSum
        3,  # Subsystem: console
        0x0100,  # DllCharacteristics: NX_COMPAT (no code, no relocations)
        0x100000,  # stack reserve
        0x1000,  # stack commit
        0x100000,  # heap reserve
        0x1000,  # heap commit
        0,  # LoaderFlags
        16,  # NumberOfRvaAndSizes
    )
    directories = struct.pack("<II", SECTION_RVA, len(exports)) + bytes(8 * 15)
    section = struct.pack(
        "<8sIIIIIIHHI",
        b".edata",
        len(exports),  # VirtualSize
        SECTION_RVA,
        raw_size,
        FILE_ALIGN,  # PointerToRawData
        0,
        0,
        0,
        0,
        0x40000040,  # INITIALIZED_DATA | MEM_READ
    )
    headers = bytes(dos) + b"PE\0\0" + coff + optional + directories + section
    assert len(headers) <= FILE_ALIGN
    return headers.ljust(FILE_ALIGN, b"\0") + exports.ljust(raw_size, b"\0")


if __name__ == "__main__":
    Path(sys.argv[1]).write_bytes(dll())
