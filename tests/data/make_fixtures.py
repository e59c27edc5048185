"""Generate the fixture workbooks: the valid sample, and one invalid workbook per validation rule.

Each ``invalid/<rule>-<case>.xlsx`` has a sibling ``.json`` listing the findings it must produce
(rule, severity, sheet, field label, written here by hand) and the words the user reads for each
(message and fix, taken from the validator when the files are made: a change of wording shows
in the diff of these files, and fails the test until they are made again). Run
``python tools/regenerate.py`` after a schema change (it writes these and every other generated
file); ``tests/test_fixtures.py`` fails when the files are out of date.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from outreach_xl.core.model import SchoolData
from outreach_xl.core.validation import validate
from outreach_xl.demo.sample import my_an_2020
from outreach_xl.files.reader import read_file
from outreach_xl.xlsx.builder import build_workbook

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
SAMPLES = REPO / "workbook" / "samples"
SAMPLE_NAME = "BaoCao_TTDN_2020_MGMA.xlsx"
Mutation = Callable[[dict[str, Any], dict[str, list[dict[str, Any]]]], None]


def _set(key: str, value: Any) -> Mutation:
    def apply(values: dict[str, Any], _: dict[str, list[dict[str, Any]]]) -> None:
        values[key] = value

    return apply


def _both(*mutations: Mutation) -> Mutation:
    def apply(values: dict[str, Any], tables: dict[str, list[dict[str, Any]]]) -> None:
        for mutation in mutations:
            mutation(values, tables)

    return apply


def _tables(func: Callable[[dict[str, list[dict[str, Any]]]], None]) -> Mutation:
    def apply(_: dict[str, Any], tables: dict[str, list[dict[str, Any]]]) -> None:
        func(tables)

    return apply


def _expect(rule: str, severity: str, sheet: str, label: str) -> dict[str, str]:
    return {"rule": rule, "severity": severity, "sheet": sheet, "label": label}


GEN = "Thông tin chung"
RES = "Kết quả"

# name -> (mutation, expected findings)
CASES: dict[str, tuple[Mutation, list[dict[str, str]]]] = {
    "required-school-name": (
        _set("school_name", None),
        [_expect("required", "error", GEN, "Tên trường (đầy đủ)")],
    ),
    "required-report-date-blank-text": (
        _set("report_date", "   "),
        [_expect("required", "error", GEN, "Ngày báo cáo")],
    ),
    "type-staff-total-words": (
        _set("staff_total", "hai mươi mốt"),
        [_expect("type", "error", GEN, "Tổng số cán bộ, giáo viên, nhân viên")],
    ),
    "type-report-date-nonsense": (
        _set("report_date", "31/02/2020"),
        [_expect("type", "error", GEN, "Ngày báo cáo")],
    ),
    "type-count-decimal": (
        _tables(lambda t: t["channels"][0].update(count=2.5)),
        [_expect("type", "error", "Hình thức", "Số tin bài/lượt")],
    ),
    "bounds-negative-sessions": (
        _set("sessions", -1),
        [_expect("bounds", "error", RES, "Số lần tuyên truyền")],
    ),
    "choice-level": (
        _set("level", "Đại học"),
        [_expect("choice", "error", GEN, "Cấp học")],
    ),
    "choice-channel-own": (
        _tables(lambda t: t["channels"][0].update(channel="Truyền hình")),
        [_expect("choice", "warning", "Hình thức", "Kênh, hình thức")],
    ),
    "not_greater-staff": (
        _both(_set("staff_total", 21), _set("staff_participants", 30)),
        [_expect("not_greater", "error", RES, "Số cán bộ, giáo viên, nhân viên tham gia")],
    ),
    "not_greater-pupils": (
        _both(_set("pupil_total", 170), _set("pupil_participants", 171)),
        [_expect("not_greater", "error", RES, "Số học sinh/trẻ tham gia")],
    ),
    "min_rows-content": (
        _tables(lambda t: t.update(content_items=[])),
        [_expect("min_rows", "error", "Nội dung", "Nội dung tuyên truyền")],
    ),
    "min_rows-channels": (
        _tables(lambda t: t.update(channels=[])),
        [_expect("min_rows", "error", "Hình thức", "Hình thức tuyên truyền")],
    ),
    "pattern-symbol-space": (
        _set("doc_symbol", "BC MGMA"),
        [_expect("pattern", "error", GEN, "Ký hiệu văn bản")],
    ),
    "pattern-symbol-lowercase": (  # the report prints it in capitals: said, not refused
        _set("doc_symbol", "bc-mgma"),
        [_expect("pattern", "warning", GEN, "Ký hiệu văn bản")],
    ),
    "date_in_year-too-late": (
        _set("report_date", dt.date(2021, 6, 15)),
        [_expect("date_in_year", "error", GEN, "Ngày báo cáo")],
    ),
    "date_in_year-too-early": (
        _set("report_date", dt.date(2019, 12, 31)),
        [
            _expect("date_in_year", "error", GEN, "Ngày báo cáo"),
            _expect("date_not_after", "error", GEN, "Văn bản yêu cầu: ngày ban hành"),
        ],
    ),
    "date_in_year-us-order": (  # 05/01/2021 typed in an Excel set to US dates: 1 May
        _set("report_date", dt.date(2021, 5, 1)),
        [_expect("date_in_year", "error", GEN, "Ngày báo cáo")],
    ),
    "date_not_after-us-order": (  # 07/01/2021 typed so: 1 July, after the report of 15 January
        _both(_set("request_date", dt.date(2021, 7, 1)), _set("report_date", "15/01/2021")),
        [_expect("date_not_after", "error", GEN, "Văn bản yêu cầu: ngày ban hành")],
    ),
    "day_first-request": (  # 29/12/2020 kept as text: this Excel read 07/01/2020 as 1 July
        _both(_set("report_date", "29/12/2020"), _set("request_date", dt.date(2020, 7, 1))),
        [_expect("day_first", "warning", GEN, "Văn bản yêu cầu: ngày ban hành")],
    ),
    "date_not_after-request": (
        _set("request_date", dt.date(2021, 1, 7)),
        [_expect("date_not_after", "error", GEN, "Văn bản yêu cầu: ngày ban hành")],
    ),
    "abolished_level-managing-body": (
        _both(
            _set("report_year", 2025),
            _set("report_date", dt.date(2025, 12, 10)),
            _set("request_date", dt.date(2025, 11, 20)),
        ),
        [
            _expect("abolished_level", "warning", GEN, "Cơ quan chủ quản"),
            # last year's request issuer and recipient, as ``new --from`` carries them
            _expect("abolished_level", "warning", GEN, "Văn bản yêu cầu: cơ quan ban hành"),
            _expect("abolished_level", "warning", GEN, "Nơi nhận"),
            _expect("abolished_level", "warning", GEN, "Tỉnh/thành phố"),  # Long An, merged
        ],
    ),
    "prefix-signer": (
        _set("signer_authority", "Thay mặt Hiệu trưởng"),
        [_expect("prefix", "error", GEN, "Người ký: thẩm quyền (nếu ký thay)")],
    ),
    "prefix_bare-signer": (
        _both(_set("signer_authority", "KT."), _set("signer_title", "PHÓ HIỆU TRƯỞNG")),
        [_expect("prefix_bare", "error", GEN, "Người ký: thẩm quyền (nếu ký thay)")],
    ),
    "leading_word-subject": (
        _set("request_subject", "về hoạt động thông tin đối ngoại năm 2020"),
        [_expect("leading_word", "warning", GEN, "Văn bản yêu cầu: về việc")],
    ),
    "case-school-capitals": (
        _set("school_name", "TRƯỜNG MẪU GIÁO MỸ AN"),
        [_expect("case", "warning", GEN, "Tên trường (đầy đủ)")],
    ),
    "case-signer-lower": (
        _set("signer_name", "nguyễn thị thu hà"),
        [_expect("case", "warning", GEN, "Người ký: họ và tên")],
    ),
    "duplicate-content": (
        _tables(lambda t: t["content_items"].append(dict(t["content_items"][1]))),
        [_expect("duplicate", "warning", "Nội dung", "Nội dung")],
    ),
    "last_row-recipients": (
        _tables(lambda t: t.update(recipients=[{"name": "Phòng GD&ĐT;"}])),
        [_expect("last_row", "warning", GEN, "Nơi nhận")],
    ),
    "not_zero-sessions": (
        _set("sessions", 0),
        [_expect("not_zero", "warning", RES, "Số lần tuyên truyền")],
    ),
    "not_a_date-parents": (  # 3/5 typed: Excel keeps the 5th of March 2026 as 46086
        _set("parents_reached", 46086),
        [_expect("not_a_date", "error", RES, "Số phụ huynh được tuyên truyền")],
    ),
}


def mutated(mutation: Mutation) -> SchoolData:
    base = my_an_2020()
    values = dict(base.values)
    tables = copy.deepcopy({k: list(v) for k, v in base.tables.items()})
    mutation(values, tables)
    return SchoolData(values, tables)


def fixture_files() -> dict[Path, bytes]:
    """Every fixture's bytes by its path under ``tests/data``."""
    found = {Path("valid") / "my-an-2020.xlsx": build_workbook(data=my_an_2020())}
    for name, (mutation, expected) in CASES.items():
        path = Path("invalid") / f"{name}.xlsx"
        found[path] = build_workbook(data=mutated(mutation))
        text = json.dumps(_with_words(expected, found[path]), ensure_ascii=False, indent=2) + "\n"
        found[path.with_suffix(".json")] = text.encode("utf-8")
    return found


def _with_words(expected: list[dict[str, str]], workbook: bytes) -> list[dict[str, str]]:
    """Each expected finding with the message and fix the validator gives it (none if it gives
    no such finding: the test then fails on the finding itself)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fixture.xlsx"
        path.write_bytes(workbook)
        found = validate(read_file(path))
    words = {(f.rule, f.severity.value, f.sheet, f.label): (f.message, f.fix) for f in found}
    out = []
    for e in expected:
        key = (e["rule"], e["severity"], e["sheet"], e["label"])
        message, fix = words.get(key, ("", ""))
        out.append({**e, "message": message, "fix": fix})
    return out


def files() -> dict[Path, bytes]:
    """The fixtures and the filled sample users open first, by their path in the repository."""
    here = HERE.relative_to(REPO)
    found = {SAMPLES.relative_to(REPO) / SAMPLE_NAME: build_workbook(data=my_an_2020())}
    found.update({here / rel: data for rel, data in fixture_files().items()})
    return found


def write_all(folder: Path = HERE) -> list[Path]:
    """Write every fixture workbook and its findings into ``folder``; the workbooks' paths."""
    written = []
    for rel, data in fixture_files().items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)
        if rel.suffix == ".xlsx":
            written.append(folder / rel)
    return written
