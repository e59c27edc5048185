"""A seeded mutation fuzzer for the reader, validator and report: byte flips of the file, XML-level
mutations of each part, and extreme cell values, each written as one file.

``mutants(seed, count)`` gives (name, bytes, what was done), the same for the same seed.
``python tests/hostile/fuzz.py DRIVER FILE...`` is the driver the test runs in a child process: it
runs ``outreach-xl validate`` (and ``report`` for files that validate) on each file in-process and
prints one JSON line per file (exit code, seconds, peak memory so far), flushing before each file so
that a crash names the file it happened on.
"""

from __future__ import annotations

import io
import json
import random
import re
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

if not __package__:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hostile.corpus import sample_bytes

EXTREME_NUMBERS = (
    b"1e308", b"1e400", b"-1e400", b"NaN", b"INF", b"-0", b"9" * 5000, b"", b"4294967295",
    b"18446744073709551615", b"-1", b"1.5", b"2958466", b"0x10", b"1e-400", b" 7 ",
)  # fmt: skip
EXTREME_REFS = (
    b"XFD1048576", b"C99999999999", b"A0", b"", b"XFE1", b"AAAAAAAA1", b"A-1", b"$A$1", b"a1",
    b"XFD4999", b"B5001", b"A1048577", b"1A",
)  # fmt: skip
EXTREME_COUNTS = (b"4294967295", b"18446744073709551615", b"-1", b"", b"1e9", b"99999999999")
CELL_TYPES = (b"s", b"str", b"inlineStr", b"e", b"b", b"n", b"d", b"zz", b"")
TEXTS = (
    "x" * 40000, "\u0001\u0002", "=cmd|' /C calc'!A0", "&lt;&amp;", "\ud7ff" * 10, "Ā" * 300,
    "]]>", "<![CDATA[x]]>",
)  # fmt: skip

Mutation = Callable[[random.Random, bytes], bytes]


def _flip(rng: random.Random, data: bytes) -> bytes:
    raw = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        raw[rng.randrange(len(raw))] = rng.randrange(256)
    return bytes(raw)


def _truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data))]


def _duplicate(rng: random.Random, data: bytes) -> bytes:
    start = rng.randrange(len(data))
    end = min(len(data), start + rng.randint(1, 2000))
    return data[:end] + data[start:end] * rng.randint(1, 50) + data[end:]


def _sub_one(pattern: bytes, rng: random.Random, data: bytes, new: bytes) -> bytes:
    found = list(re.finditer(pattern, data))
    if not found:
        return data
    match = rng.choice(found)
    return data[: match.start(1)] + new + data[match.end(1) :]


def _ref(rng: random.Random, data: bytes) -> bytes:
    return _sub_one(rb'\sr="([^"]*)"', rng, data, rng.choice(EXTREME_REFS))


def _count(rng: random.Random, data: bytes) -> bytes:
    return _sub_one(rb'[cC]ount="([^"]*)"', rng, data, rng.choice(EXTREME_COUNTS))


def _type(rng: random.Random, data: bytes) -> bytes:
    return _sub_one(rb'\st="([^"]*)"', rng, data, rng.choice(CELL_TYPES))


def _value(rng: random.Random, data: bytes) -> bytes:
    return _sub_one(rb"<v>([^<]*)</v>", rng, data, rng.choice(EXTREME_NUMBERS))


def _text(rng: random.Random, data: bytes) -> bytes:
    text = rng.choice(TEXTS).encode("utf-8", "surrogatepass")
    return _sub_one(rb"<t[^>]*>([^<]*)</t>", rng, data, text)


def _extra_cell(rng: random.Random, data: bytes) -> bytes:
    ref = rng.choice(EXTREME_REFS)
    value = rng.choice(EXTREME_NUMBERS)
    kind = rng.choice(CELL_TYPES)
    cell = b'<row r="7"><c r="' + ref + b'" t="' + kind + b'"><v>' + value + b"</v></c></row>"
    return data.replace(b"</sheetData>", cell + b"</sheetData>", 1)


def _drop_tag(rng: random.Random, data: bytes) -> bytes:
    found = list(re.finditer(rb"</[a-zA-Z:]+>", data))
    if not found:
        return data
    match = rng.choice(found)
    return data[: match.start()] + data[match.end() :]


XML_MUTATIONS: tuple[Mutation, ...] = (
    _flip, _truncate, _duplicate, _ref, _ref, _count, _type, _value, _value, _text, _extra_cell,
    _extra_cell, _drop_tag,
)  # fmt: skip


def _rezip(parts: list[tuple[zipfile.ZipInfo, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for info, body in parts:
            archive.writestr(info, body, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def mutants(seed: int, count: int) -> Iterator[tuple[str, bytes, str]]:
    """``count`` mutated workbooks: a third byte flips of the whole file, the rest XML-level
    mutations (one to three) of a part chosen at random, every part in turn."""
    rng = random.Random(seed)
    base = sample_bytes()
    with zipfile.ZipFile(io.BytesIO(base)) as archive:
        parts = [(info, archive.read(info)) for info in archive.infolist()]
    names = [info.filename for info, _ in parts]
    for index in range(count):
        if index % 3 == 0:
            yield f"f{index:04d}-bytes.xlsx", _flip(rng, base), "byte flips of the file"
            continue
        target = names[index % len(names)] if index % 2 else rng.choice(names[:11])
        done = []
        changed = []
        for info, body in parts:
            if info.filename == target:
                for _ in range(rng.randint(1, 3)):
                    mutation = rng.choice(XML_MUTATIONS)
                    body = mutation(rng, body)
                    done.append(mutation.__name__.strip("_"))
            changed.append((info, body))
        what = f"{target}: {', '.join(done)}"
        yield f"f{index:04d}-xml.xlsx", _rezip(changed), what


def drive(files: list[str], out_dir: str) -> None:
    """Run validate (then report when it validates) on each file in this process."""
    import contextlib
    import resource
    import time

    from outreach_xl.cli import main

    for file in files:
        print(json.dumps({"start": file}), flush=True)
        sink = io.StringIO()
        start = time.perf_counter()
        try:
            with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
                code = main(["validate", file])
                if code == 0:
                    report = str(Path(out_dir) / (Path(file).stem + ".docx"))
                    code = main(["report", file, "-o", report, "--force"])
        except BaseException as exc:  # a panic or anything escaping main is a finding
            code = -1
            sink.write(f"{type(exc).__name__}: {exc}")
        seconds = time.perf_counter() - start
        peak = max(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        )
        text = sink.getvalue()
        result = {"file": file, "code": code, "seconds": seconds, "mb": peak / 1024}
        result["traceback"] = "Traceback" in text or "không mong đợi" in text
        result["tail"] = text[-300:]
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["DRIVER"]:
        drive(sys.argv[3:], sys.argv[2])
    else:
        target = Path(sys.argv[1] if len(sys.argv) > 1 else "fuzz-corpus")
        target.mkdir(parents=True, exist_ok=True)
        for name, data, what in mutants(int(sys.argv[2]) if len(sys.argv) > 2 else 10, 300):
            (target / name).write_bytes(data)
            print(name, what)
