"""The district (merging office) side: its workbook's configuration and register, and the context of
its own report, computed from a roll-up (never by re-reading the schools' folder).

``read_district`` reads the district workbook through the one reader; ``report_context`` is pure.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .collect import Progress, rollup_folder
from .errors import OutputError, ValidationFailed
from .model import Submission
from .output import check_target
from .reader import read_file
from .rollup import FileStatus, RegisteredSchool, Rollup, SchoolStatus, fold, ranked, rate
from .rollup_writer import write_rollup
from .schema import CHANNELS, CONTENT_GROUPS, DISTRICT
from .validate import Finding, validate


@dataclass(frozen=True)
class DistrictConfig:
    """The ``Cấu hình`` sheet: who merges, for which year, and the header of its report."""

    managing_body: str = ""
    unit_name: str = ""
    report_year: int | None = None
    schools_folder: str = ""
    doc_number: int | None = None
    doc_symbol: str = ""
    place: str = ""
    report_date: dt.date | None = None
    addressee: str = ""
    signer_authority: str = ""
    signer_title: str = ""
    signer_name: str = ""
    recipients: tuple[str, ...] = ()


@dataclass(frozen=True)
class District:
    """A read district workbook: configuration, register, and what the validator found."""

    config: DistrictConfig
    register: tuple[RegisteredSchool, ...]
    findings: tuple[Finding, ...]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]


def district_from(sub: Submission, findings: Sequence[Finding] = ()) -> District:
    """A District from a read district workbook (pure)."""

    def text(key: str) -> str:
        value = sub.value(key)
        return value if isinstance(value, str) else ""

    def number(key: str) -> int | None:
        value = sub.value(key)
        return value if isinstance(value, int) else None

    date = sub.value("report_date")
    config = DistrictConfig(
        managing_body=text("managing_body"),
        unit_name=text("unit_name"),
        report_year=number("report_year"),
        schools_folder=text("schools_folder"),
        doc_number=number("doc_number"),
        doc_symbol=text("doc_symbol"),
        place=text("place"),
        report_date=date if isinstance(date, dt.date) else None,
        addressee=text("addressee"),
        signer_authority=text("signer_authority"),
        signer_title=text("signer_title"),
        signer_name=text("signer_name"),
        recipients=tuple(r["name"] for r in sub.records("recipients") if r.get("name")),
    )
    schools: list[RegisteredSchool] = []
    seen: set[str] = set()
    for record in sub.records("schools"):
        code = record.get("code") or ""
        if not fold(code) or fold(code) in seen:
            continue  # the validator reports blank and repeated codes
        seen.add(fold(code))
        schools.append(
            RegisteredSchool(
                code=code,
                name=record.get("name") or "",
                level=record.get("level") or "",
                commune=record.get("commune") or "",
                abbr=record.get("abbr") or "",
            )
        )
    return District(config, tuple(schools), tuple(findings))


def read_district(path: str | os.PathLike[str]) -> District:
    """Read and check a district workbook; raises ``ValidationFailed`` if the register is empty."""
    file = Path(path)
    sub = read_file(file, expect=DISTRICT)
    district = district_from(sub, validate(sub, DISTRICT))
    if not district.register:
        raise ValidationFailed(
            "Trang «Danh sách trường» chưa có trường nào",
            fix="Điền mỗi trường một dòng (mã trường, tên trường) rồi chạy lại",
            file=file.name,
            sheet="Danh sách trường",
        )
    return district


# --- The district report's context (pure) --------------------------------------------------------


def report_context(config: DistrictConfig, rollup: Rollup) -> dict[str, Any]:
    """Everything the district's Word report says, as plain values, from the roll-up alone."""
    totals = rollup.totals
    channel_labels = {c.code: c.label for c in CHANNELS.choices}
    group_labels = {c.code: c.label for c in CONTENT_GROUPS.choices}
    missing = [{"code": e.school_code, "name": e.school_name} for e in rollup.missing]
    with_errors = [
        {"code": e.school_code, "name": e.school_name, "errors": e.errors}
        for e in rollup.schools
        if e.status is SchoolStatus.REPORTED_WITH_ERRORS
    ]
    unregistered = [
        {"code": e.school_code, "name": e.school_name}
        for e in rollup.schools
        if e.status is SchoolStatus.NOT_REGISTERED
    ]
    date = config.report_date
    return {
        "managing_body": config.managing_body.upper(),
        "unit_name": config.unit_name.upper(),
        "doc_number": f"{config.doc_number:02d}" if config.doc_number else "",
        "doc_symbol": config.doc_symbol,
        "place": config.place,
        "date_line": date_line(config.place, date),
        "year": config.report_year or rollup.year or "",
        "addressee": config.addressee,
        "signer_authority": config.signer_authority.upper(),
        "signer_title": config.signer_title.upper(),
        "signer_name": config.signer_name,
        "recipients": list(config.recipients),
        "registered": rollup.registered,
        "reported": rollup.reported,
        "reported_rate": percent(rate(rollup.reported, rollup.registered)),
        "reported_with_errors": with_errors,
        "missing": missing,
        "unregistered": unregistered,
        "staff_participants": totals.get("staff_participants", 0),
        "staff_total": totals.get("staff_total", 0),
        "staff_rate": percent(totals.get("staff_rate")),
        "pupil_participants": totals.get("pupil_participants", 0),
        "pupil_total": totals.get("pupil_total", 0),
        "pupil_rate": percent(totals.get("pupil_rate")),
        "sessions": totals.get("sessions", 0),
        "news_items": totals.get("news_items", 0),
        "parents_reached": totals.get("parents_reached", 0),
        "channels": [
            {"label": label, "schools": n}
            for label, n in ranked(rollup.channel_counts, channel_labels)
        ],
        "groups": [
            {"label": label, "items": n, "schools": rollup.group_schools.get(code, 0)}
            for (label, n), code in _with_codes(rollup.group_items, group_labels)
        ],
    }


def _with_codes(
    counts: dict[str, int], labels: dict[str, str]
) -> list[tuple[tuple[str, int], str]]:
    by_label = {v: k for k, v in labels.items()}
    return [((label, n), by_label.get(label, label)) for label, n in ranked(counts, labels)]


def percent(value: float | None) -> str:
    """0.8571 -> ``85,7%`` (Vietnamese decimal comma); None -> ``-``."""
    if value is None:
        return "-"
    text = f"{value * 100:.1f}".replace(".", ",")
    return f"{text.removesuffix(',0')}%"


def date_line(place: str, date: dt.date | None) -> str:
    """``Thủ Thừa, ngày 05 tháng 01 năm 2021`` (leading zero on the day; on the month for 1, 2)."""
    if date is None:
        return f"{place}, ngày     tháng     năm     " if place else ""
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    return f"{place}, ngày {date.day:02d} tháng {month} năm {date.year}"


# --- The merge, end to end -----------------------------------------------------------------------


@dataclass(frozen=True)
class RollupRun:
    """What ``run_rollup`` did: the district read, the roll-up, and where it was written."""

    district: District
    rollup: Rollup
    output: Path

    def summary_lines(self) -> list[str]:
        r = self.rollup
        lines = [
            f"Đã nộp: {r.reported}/{r.registered} trường trong danh sách"
            f" ({r.count(SchoolStatus.REPORTED_WITH_ERRORS)} có lỗi).",
            f"Chưa nộp: {len(r.missing)} trường"
            + (
                ": " + ", ".join(e.school_name or e.school_code for e in r.missing[:10])
                if r.missing
                else ""
            )
            + (" ..." if len(r.missing) > 10 else "")
            + ".",
        ]
        if r.count(SchoolStatus.NOT_REGISTERED):
            lines.append(
                f"Ngoài danh sách: {r.count(SchoolStatus.NOT_REGISTERED)} trường"
                " (xem «Tình trạng nộp»)."
            )
        lines.append(
            f"Tệp có lỗi hoặc không dùng được: {r.files_with_problems}; "
            f"tệp trùng: {r.count(FileStatus.DUPLICATE)}; "
            f"tệp tạm bỏ qua: {r.count(FileStatus.SKIPPED)}."
        )
        lines.append(f"Đã ghi: {self.output}")
        return lines


def run_rollup(
    folder: str | os.PathLike[str],
    register: str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    recursive: bool = False,
    force: bool = False,
    workers: int | None = None,
    progress: Progress | None = None,
) -> RollupRun:
    """Read the register, merge every school workbook of ``folder``, write the roll-up workbook."""
    source = Path(folder)
    if not source.is_dir():
        raise OutputError(
            "Không tìm thấy thư mục chứa tệp của các trường",
            fix="Kiểm tra lại đường dẫn thư mục",
            file=str(source),
        )
    target = Path(output)
    check_target(target, force=force)  # fail before reading thousands of files
    district = read_district(register)
    rollup = rollup_folder(
        source,
        district.register,
        year=district.config.report_year,
        recursive=recursive,
        exclude=(Path(register), target),
        workers=workers,
        progress=progress,
    )
    written = write_rollup(rollup, target, unit=district.config.unit_name, force=force)
    return RollupRun(district, rollup, written)
