"""The district (merging office) side, pure: its workbook's configuration and register, and the
context of its own report, computed from a roll-up (never by re-reading the schools' folder)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from outreach_xl.core.choices import key
from outreach_xl.core.formats import (
    body_name,
    doc_reference,
    lower_first,
    percent,
    person_name,
    place_date,
    place_name,
    punctuate,
    roman,
    school_name,
    share,
    signer_authority,
    thousands,
    upper,
)
from outreach_xl.core.merge import RegisteredSchool, Rollup, SchoolStatus, ranked, rule_sentence
from outreach_xl.core.model import Submission
from outreach_xl.core.school_report import citation, recipients
from outreach_xl.core.validation import REQUEST_KEYS, Finding
from outreach_xl.core.year_over_year import (
    CHANNELS_USED,
    count_trend,
    counted_note,
    measure_totals,
    partial,
    trend,
)
from outreach_xl.schema import CHANNELS, CONTENT_GROUPS


@dataclass(frozen=True)
class DistrictConfig:
    """The ``Cấu hình`` sheet: who merges, for which year, and the header of its report."""

    managing_body: str = ""
    unit_name: str = ""
    report_year: int | None = None
    schools_folder: str = ""
    previous_rollup: str = ""  # last year's roll-up, to compare with (may be empty)
    doc_number: int | None = None
    doc_symbol: str = ""
    place: str = ""
    report_date: dt.date | None = None
    addressee: str = ""
    signer_authority: str = ""
    signer_title: str = ""
    signer_name: str = ""
    recipients: tuple[str, ...] = ()
    citation: str = ""  # the request from the level above, cited in full; "" when there is none


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
        unit_name=body_name(text("unit_name")),  # in one case: as sentences write it
        report_year=number("report_year"),
        schools_folder=text("schools_folder"),
        previous_rollup=text("previous_rollup"),
        doc_number=number("doc_number"),
        doc_symbol=text("doc_symbol"),
        place=text("place"),
        report_date=date if isinstance(date, dt.date) else None,
        addressee=text("addressee"),
        signer_authority=text("signer_authority"),
        signer_title=text("signer_title"),
        signer_name=text("signer_name"),
        recipients=tuple(r["name"] for r in sub.records("recipients") if r.get("name")),
        citation=citation(sub) if any(sub.value(k) for k in REQUEST_KEYS) else "",
    )
    schools: list[RegisteredSchool] = []
    seen: set[str] = set()
    for record in sub.records("schools"):
        code = record.get("code") or ""
        if not key(code) or key(code) in seen:
            continue  # the validator reports blank and repeated codes
        seen.add(key(code))
        schools.append(
            RegisteredSchool(
                code=code,
                name=school_name(record.get("name") or ""),
                level=record.get("level") or "",
                commune=record.get("commune") or "",
                abbr=record.get("abbr") or "",
            )
        )
    return District(config, tuple(schools), tuple(findings))


DISTRICT_TEMPLATE = "district_report.docx"  # built by district_template.py


TOP_CHANNELS = 5  # the report names the channels most used, not all thirteen


# The district report's own sections after I and II, in order, when the schools raised something.
FOLLOWUP_TITLES = (("difficulties", "KHÓ KHĂN, HẠN CHẾ"), ("proposals", "KIẾN NGHỊ, ĐỀ XUẤT"))
FIRST_FOLLOWUP_SECTION = 3


def report_context(config: DistrictConfig, rollup: Rollup) -> dict[str, Any]:
    """Everything the district's Word report says, as text, from the roll-up alone.

    Every figure, count and gathered item is over the schools the totals count (``rule``)."""
    t = rollup.totals
    year = config.report_year or rollup.year or ""
    channel_labels = {c.code: c.label for c in CHANNELS.choices}
    group_labels = {c.code: c.label for c in CONTENT_GROUPS.choices}
    by_group_label = {v: k for k, v in group_labels.items()}
    before = rollup.previous.totals if rollup.previous else {}
    figures = [
        (
            "staff_participants",
            participation("Cán bộ, giáo viên, nhân viên tham gia", "staff", t, rollup.counted),
        ),
        (
            "pupil_participants",
            participation("Học sinh, trẻ tham gia", "pupil", t, rollup.counted),
        ),
        ("sessions", f"Số lần tuyên truyền: {thousands(t['sessions'])}"),
    ]
    if t["news_items"] or before.get("news_items"):
        figures.append(
            ("news_items", f"Số tin, bài đăng trên website, fanpage: {thousands(t['news_items'])}")
        )
    if t["parents_reached"] or before.get("parents_reached"):
        figures.append(
            (
                "parents_reached",
                f"Số phụ huynh được tuyên truyền: {thousands(t['parents_reached'])}",
            )
        )
    channels = [
        {"label": label, "schools": n}
        for label, n in ranked(rollup.channel_counts, channel_labels)[:TOP_CHANNELS]
    ]
    date = config.report_date
    place = place_name(config.place)
    # Names typed all in capitals or all in small letters (a register, «Cấu hình») are written in
    # sentences as the decree writes them (``body_name``); names typed otherwise stay as typed.
    context = {
        "managing_body": upper(config.managing_body),
        "unit_name": body_name(config.unit_name),
        "unit_name_upper": upper(config.unit_name),
        "doc_ref": doc_reference(config.doc_number, config.doc_symbol),
        "place_date": place_date(place, date) if date else f"{place}, ngày ... tháng ... năm ...",
        "summary": f"Tổng hợp hoạt động thông tin đối ngoại của các trường năm {year}",
        "year": year,
        "addressee": body_name(config.addressee),
        "citation": config.citation,
        "signer_authority": signer_authority(config.signer_authority),
        "signer_title": upper(config.signer_title),
        "signer_name": person_name(config.signer_name),
        "recipients": recipients(config.recipients),
        "registered": rollup.registered,
        "reported": rollup.reported,
        "reported_rate": percent(rollup.reported, rollup.registered) if rollup.registered else "-",
        "missing": [
            {"code": e.school_code, "name": body_name(e.school_name), "note": _lower(e.reason)}
            for e in rollup.missing
        ],
        "with_errors": [
            {"code": e.school_code, "name": body_name(e.school_name), "errors": e.errors or 0}
            for e in rollup.schools
            if e.status is SchoolStatus.REPORTED_WITH_ERRORS
        ],
        "unregistered": [
            {"code": e.school_code, "name": body_name(e.school_name)}
            for e in rollup.schools
            if e.status is SchoolStatus.NOT_REGISTERED
        ],
        "counted": rollup.counted,
        "rule": rule_sentence(rollup, body_name),
        "figures": punctuate(_compared(figures, rollup)),
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
        "followup_sections": followup_sections(rollup),
        "previous_year": rollup.previous.year if rollup.previous else None,
        "counted_note": counted_note(rollup),
        "lapsed": [
            {"code": r.get("school_code") or "", "name": body_name(r.get("school_name") or "")}
            for r in rollup.rows
            if rollup.previous is not None and r.get("prev_reported") and not r.get("file")
        ],
    }
    return {**context, **list_lines(context)}


def list_lines(context: dict[str, Any]) -> dict[str, list[str]]:
    """The report's composed lists as lines, ended by the one list rule (``formats.punctuate``)."""
    return {
        "missing_lines": punctuate(
            [
                f"{m['name']} (mã {m['code']}{': ' + m['note'] if m['note'] else ''})"
                for m in context["missing"]
            ]
        ),
        "with_errors_lines": punctuate(
            [f"{e['name']} ({e['errors']} lỗi)" for e in context["with_errors"]]
        ),
        "unregistered_lines": punctuate(
            [f"{u['name']} (mã {u['code']})" for u in context["unregistered"]]
        ),
        "channel_lines": punctuate(
            [f"{c['label']}: {c['schools']} trường" for c in context["channels"]]
        ),
        "group_lines": punctuate(
            [
                f"{g['label']}: {g['count']} nội dung, ở {g['schools']} trường"
                for g in context["groups"]
            ]
        ),
    }


def participation(label: str, prefix: str, t: dict[str, Any], schools: int) -> str:
    """A participation figure with its rate, taken over the counted schools that gave the total:
    ``... tham gia: 150/160 (93,8%)``, or, when some gave none, the sum of all and the rate over
    those that did, saying how many."""
    rate_key = f"{prefix}_rate"
    part, whole, given = t[f"{rate_key}_part"], t[f"{rate_key}_whole"], t[f"{rate_key}_schools"]
    everyone = t[f"{prefix}_participants"]
    if given and given == schools and everyone == part:
        return f"{label}: {share(part, whole)}"
    if not given:
        return f"{label}: {thousands(everyone)} (không trường nào ghi tổng số để tính tỉ lệ)"
    return (
        f"{label}: {thousands(everyone)} (tỉ lệ {percent(part, whole)} tính trên {given}/"
        f"{schools} trường có ghi tổng số: {thousands(part)}/{thousands(whole)})"
    )


def followup_sections(rollup: Rollup) -> list[dict[str, Any]]:
    """Difficulties and proposals the schools raised, near-duplicates merged, each followed by
    the schools that raised it; numbered on from III, present only when not empty."""
    sections: list[dict[str, Any]] = []
    for kind, title in FOLLOWUP_TITLES:
        items = rollup.followups.get(kind, ())
        if not items:
            continue
        lines = [f"{item.text} ({', '.join(map(body_name, item.schools))})" for item in items]
        sections.append(
            {
                "number": roman(FIRST_FOLLOWUP_SECTION + len(sections)),
                "title": title,
                "lines": punctuate(lines),
            }
        )
    return sections


def _lower(reason: str) -> str:
    """A missing school's note, shown only when it says more than that nothing was sent."""
    if not reason.startswith("Chỉ có"):
        return ""
    return lower_first(reason)


def _compared(figures: list[tuple[str, str]], rollup: Rollup) -> list[str]:
    """Each figure followed by its change since last year (``tăng 12% so với năm 2024``) when
    the roll-up was compared with last year's, then the count of channels used."""
    if rollup.previous is None or partial(rollup.registered, rollup.previous):
        return [text for _, text in figures]
    before, year = rollup.previous.totals, rollup.previous.year
    now = measure_totals(rollup)
    out: list[str] = []
    for measure_key, text in figures:
        change = trend(now[measure_key], before.get(measure_key), year)
        out.append(f"{text}, {change}" if change else text)
    used = now[CHANNELS_USED]
    change = count_trend(used, before.get(CHANNELS_USED), year)
    out.append(
        f"Số kênh, hình thức tuyên truyền được sử dụng: {used}" + (f", {change}" if change else "")
    )
    return out
