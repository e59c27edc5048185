"""The district (merging office) side, pure: its workbook's configuration and register, and the
context of its own report, computed from a roll-up (never by re-reading the schools' folder)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from outreach_xl.core.choices import fold
from outreach_xl.core.formats import (
    doc_reference,
    percent,
    place_date,
    punctuate,
    share,
    thousands,
    upper,
)
from outreach_xl.core.merge import RegisteredSchool, Rollup, SchoolStatus, ranked
from outreach_xl.core.model import Submission
from outreach_xl.core.school_report import recipients
from outreach_xl.core.validation import Finding
from outreach_xl.schema import CHANNELS, CONTENT_GROUPS


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


DISTRICT_TEMPLATE = "district_report.docx"  # built by district_template.py


TOP_CHANNELS = 5  # the report names the channels most used, not all thirteen


def report_context(config: DistrictConfig, rollup: Rollup) -> dict[str, Any]:
    """Everything the district's Word report says, as text, from the roll-up alone."""
    t = rollup.totals
    year = config.report_year or rollup.year or ""
    channel_labels = {c.code: c.label for c in CHANNELS.choices}
    group_labels = {c.code: c.label for c in CONTENT_GROUPS.choices}
    by_group_label = {v: k for k, v in group_labels.items()}
    figures = [
        "Cán bộ, giáo viên, nhân viên tham gia: "
        f"{share(t['staff_participants'], t['staff_total'])}",
        f"Học sinh, trẻ tham gia: {share(t['pupil_participants'], t['pupil_total'])}",
        f"Số lần tuyên truyền: {thousands(t['sessions'])}",
    ]
    if t["news_items"]:
        figures.append(f"Số tin, bài đăng trên website, fanpage: {thousands(t['news_items'])}")
    if t["parents_reached"]:
        figures.append(f"Số phụ huynh được tuyên truyền: {thousands(t['parents_reached'])}")
    channels = [
        {"label": label, "schools": n}
        for label, n in ranked(rollup.channel_counts, channel_labels)[:TOP_CHANNELS]
    ]
    date = config.report_date
    return {
        "managing_body": upper(config.managing_body),
        "unit_name": config.unit_name,
        "unit_name_upper": upper(config.unit_name),
        "doc_ref": doc_reference(config.doc_number, config.doc_symbol),
        "place_date": place_date(config.place, date)
        if date
        else f"{config.place}, ngày ... tháng ... năm ...",
        "summary": f"Tổng hợp hoạt động thông tin đối ngoại của các trường năm {year}",
        "year": year,
        "addressee": config.addressee,
        "signer_authority": upper(config.signer_authority),
        "signer_title": upper(config.signer_title),
        "signer_name": config.signer_name,
        "recipients": recipients(config.recipients),
        "registered": rollup.registered,
        "reported": rollup.reported,
        "reported_rate": percent(rollup.reported, rollup.registered) if rollup.registered else "-",
        "missing": [{"code": e.school_code, "name": e.school_name} for e in rollup.missing],
        "with_errors": [
            {"code": e.school_code, "name": e.school_name, "errors": e.errors or 0}
            for e in rollup.schools
            if e.status is SchoolStatus.REPORTED_WITH_ERRORS
        ],
        "unregistered": [
            {"code": e.school_code, "name": e.school_name}
            for e in rollup.schools
            if e.status is SchoolStatus.NOT_REGISTERED
        ],
        "figures": punctuate(figures),
        "channels": channels,
        "groups": [
            {
                "label": label,
                "count": n,
                "schools": rollup.group_schools.get(by_group_label[label], 0),
            }
            for label, n in ranked(rollup.group_items, group_labels)
        ],
        "groups_number": 3 if channels else 2,
    }
