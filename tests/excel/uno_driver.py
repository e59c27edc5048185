"""Run by Debian's /usr/bin/python3 (the one that can ``import uno``), never by pytest itself.

    /usr/bin/python3 uno_driver.py WORKBOOK PROFILE_DIR [--click URL ...]

Starts a private headless LibreOffice, opens WORKBOOK with macros allowed, and prints one JSON
object: every Basic module's source (library -> module -> text), every form control on every sheet
with its label and bound script URLs, and, for each --click URL, the script run and what the first
sheet's cells D1:D3 then hold (the test variant's stub RunPython writes there).
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
import uuid

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def start(profile):
    pipe = f"outreach_{uuid.uuid4().hex}"
    process = subprocess.Popen(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + 120
    while True:
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return process, ctx
        except NoConnectException:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise
            time.sleep(0.5)


def basic_sources(doc):
    out = {}
    libraries = doc.BasicLibraries
    for lib_name in libraries.getElementNames():
        libraries.loadLibrary(lib_name)
        lib = libraries.getByName(lib_name)
        out[lib_name] = {name: lib.getByName(name) for name in lib.getElementNames()}
    return out


def controls(doc):
    found = []
    sheets = doc.Sheets
    for index in range(sheets.Count):
        sheet = sheets.getByIndex(index)
        forms = sheet.DrawPage.Forms
        for f in range(forms.Count):
            form = forms.getByIndex(f)
            for c in range(form.Count):
                model = form.getByIndex(c)
                events = form.getScriptEvents(c)
                found.append(
                    {
                        "sheet": sheet.Name,
                        "label": getattr(model, "Label", ""),
                        "scripts": [
                            {
                                "listener": e.ListenerType,
                                "event": e.EventMethod,
                                "type": e.ScriptType,
                                "code": e.ScriptCode,
                            }
                            for e in events
                        ],
                    }
                )
    return found


def main():
    path, profile = sys.argv[1], sys.argv[2]
    clicks = [sys.argv[i + 1] for i, a in enumerate(sys.argv) if a == "--click"]
    process, ctx = start(profile)
    result = {}
    try:
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        url = uno.systemPathToFileUrl(os.path.abspath(path))
        doc = desktop.loadComponentFromURL(
            url,
            "_blank",
            0,
            (prop("Hidden", True), prop("MacroExecutionMode", 4)),  # ALWAYS_EXECUTE_NO_WARN
        )
        result["sheets"] = list(doc.Sheets.ElementNames)
        result["basic"] = basic_sources(doc)
        result["controls"] = controls(doc)
        result["clicks"] = []
        first = doc.Sheets.getByIndex(0)
        for script_url in clicks:
            for row in range(3):
                first.getCellByPosition(3, row).setString("")
            error = ""
            try:
                doc.getScriptProvider().getScript(script_url).invoke((), (), ())
            except Exception as exc:
                error = f"{type(exc).__name__}: {getattr(exc, 'Message', exc)}"
            result["clicks"].append(
                {
                    "url": script_url,
                    "error": error,
                    "cells": [first.getCellByPosition(3, row).getString() for row in range(3)],
                }
            )
        doc.close(True)
    finally:
        with contextlib.suppress(Exception):  # the desktop may never have been reached
            desktop.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
