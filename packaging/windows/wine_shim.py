"""Test-only: work around two functions that Debian's Wine 8.0 leaves as stubs.

Wine 8.0's ucrtbase.dll exports crealf, cimagf, creal, cimag, creall and cimagl as stubs that abort
the process when called ("Call from ... to unimplemented function ucrtbase.dll.crealf"); numpy 2.x
calls them while importing, so pandas and xlwings cannot be imported under that Wine. Windows
has them. smoke.sh installs this module with a .pth file into the Wine prefix's copy of the
installed Python (never into the installer); it writes a few instructions over each stub, for the
x64 calling convention of the Microsoft C runtime:

    crealf(_Fcomplex z)  z (8 bytes) in rcx       ->  movd xmm0, ecx; ret
    cimagf(_Fcomplex z)                           ->  shr rcx, 32; movd xmm0, ecx; ret
    creal(_Dcomplex z)   z (16 bytes) by pointer  ->  movsd xmm0, [rcx]; ret
    cimag(_Dcomplex z)                            ->  movsd xmm0, [rcx+8]; ret
    (creall, cimagl: long double is double on Windows, as creal, cimag)

Second, propsys.dll's VariantToString is a stub too, and Python 3.12's platform module reaches it
through the _wmi extension (platform.machine(), which pandas calls on import); with _wmi hidden,
platform falls back to the registry, as on a Windows without WMI.

It does nothing unless running under Wine.
"""

from __future__ import annotations

import ctypes
import sys


def _under_wine() -> bool:
    try:
        return hasattr(ctypes.WinDLL("ntdll"), "wine_get_version")
    except (OSError, AttributeError):
        return False


CODE = {
    b"crealf": bytes.fromhex("660f6ec1c3"),
    b"cimagf": bytes.fromhex("48c1e920660f6ec1c3"),
    b"creal": bytes.fromhex("f20f1001c3"),
    b"cimag": bytes.fromhex("f20f104108c3"),
    b"creall": bytes.fromhex("f20f1001c3"),
    b"cimagl": bytes.fromhex("f20f104108c3"),
}


def patch() -> None:
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.GetModuleHandleW.restype = ctypes.c_void_p
    kernel32.GetProcAddress.restype = ctypes.c_void_p
    kernel32.GetProcAddress.argtypes = [ctypes.c_void_p, ctypes.c_char_p]
    kernel32.VirtualProtect.argtypes = [
        ctypes.c_void_p,
        ctypes.c_size_t,
        ctypes.c_ulong,
        ctypes.POINTER(ctypes.c_ulong),
    ]
    ucrtbase = kernel32.GetModuleHandleW("ucrtbase.dll")
    if not ucrtbase:
        return
    for name, code in CODE.items():
        address = kernel32.GetProcAddress(ucrtbase, name)
        if not address:
            continue
        old = ctypes.c_ulong()
        if kernel32.VirtualProtect(address, len(code), 0x40, ctypes.byref(old)):
            ctypes.memmove(address, code, len(code))
            kernel32.VirtualProtect(address, len(code), old.value, ctypes.byref(old))


if _under_wine():
    patch()
    sys.modules.setdefault("_wmi", None)  # type: ignore[arg-type]
