"""Year over year, pure: this year's roll-up compared with last year's (``rollup --previous``).

Each school's row gains last year's figures and the change (``schema.YOY_COLUMNS``), the totals
gain last year's totals and the change, and the tracker gains the schools that reported last year
but not this year. Last year's totals are last year's roll-up's own totals, counted by the same
rule (``merge.totals`` over its rows, re-derived here from those rows: ``merge.counted``), not a
sum over this year's rows: a school that stopped reporting still counts in last year's figure, as
it did in last year's report. A school's row shows last year's figures only when last year's
totals counted them.

The measures are ``schema.YOY_MEASURES``: the school's figures, and ``channels_used`` (for a school
the channels it used; for the totals the channels at least one school used).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from outreach_xl.core.choices import key as code_key
from outreach_xl.core.formats import body_name, nfc, percent, thousands
from outreach_xl.core.merge import (
    PreviousYear,
    Rollup,
    SchoolStatus,
    StatusEntry,
    counted,
    rollup_from_rows,
)
from outreach_xl.errors import WrongPrevious
from outreach_xl.schema import CHANNELS, YOY_MEASURES

CHANNELS_USED = "channels_used"


def reported(row: Mapping[str, Any]) -> bool:
    """A roll-up row of a school that sent a workbook (a missing school's row has no file)."""
    return bool(row.get("file"))


def channels_used(row: Mapping[str, Any]) -> int | None:
    """How many channels a school used; None for a school that did not report."""
    if not reported(row):
        return None
    return sum(1 for c in CHANNELS.choices if row.get(f"channel_{c.code}"))


def measure(row: Mapping[str, Any], key: str) -> int | None:
    value = channels_used(row) if key == CHANNELS_USED else row.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def measure_totals(rollup: Rollup) -> dict[str, int | None]:
    """The roll-up's totals of each measure, by the rule its totals row uses."""
    out: dict[str, int | None] = {}
    for key, _ in YOY_MEASURES:
        if key == CHANNELS_USED:
            out[key] = sum(1 for n in rollup.channel_counts.values() if n)
        else:
            value = rollup.totals.get(key)
            out[key] = value if isinstance(value, int) else None
    return out


def difference(now: int | None, before: int | None) -> int | None:
    if now is None or before is None:
        return None
    return now - before


def compare(current: Rollup, previous: Rollup, *, former: str = "") -> Rollup:
    """``current`` with last year's figures and the change in each row, the totals, the tracker.

    ``former``: last year's roll-up was that other unit's, already cut to the schools in common
    (``in_common``): said wherever last year's figures are shown.
    """
    last_year = {code_key(str(r.get("school_code") or "")): r for r in previous.rows if reported(r)}
    rows: list[dict[str, Any]] = []
    for row in current.rows:
        new = dict(row)
        new[CHANNELS_USED] = channels_used(row)
        before = last_year.get(code_key(str(row.get("school_code") or "")))
        new["prev_reported"] = True if before is not None else None
        if before is not None and not counted(before):
            before = None  # last year's figures of a school last year's totals left out
        for key, _ in YOY_MEASURES:
            then = measure(before, key) if before is not None else None
            new[f"prev_{key}"] = then
            new[f"change_{key}"] = difference(measure(row, key), then)
        rows.append(new)
    listed = {code_key(str(r.get("school_code") or "")) for r in current.rows}
    this_year = {code_key(str(r.get("school_code") or "")) for r in current.rows if reported(r)}
    lapsed = tuple(
        _lapsed(row, previous.year, current.year, registered=code in listed)
        for code, row in last_year.items()
        if code not in this_year
    )
    return with_previous(
        dataclasses.replace(current, rows=tuple(rows)),
        PreviousYear(
            previous.year,
            measure_totals(previous),
            lapsed,
            previous.counted,
            former=former,
            shared=len(previous.rows) if former else None,
        ),
    )


def in_common(previous: Rollup, codes: Collection[str]) -> Rollup:
    """Last year's roll-up of another unit cut to the schools of ``codes`` (this year's register):
    its totals, counted by the same rule, are those schools' alone."""
    return in_common_of((previous,), codes)


def in_common_of(previous: Sequence[Rollup], codes: Collection[str]) -> Rollup:
    """Several roll-ups of last year (those of each former district office whose schools are now
    this unit's) as one, cut to the schools of ``codes``; a school in two of them counts once, as
    the first has it."""
    keep = {code_key(c) for c in codes}
    rows: dict[str, Mapping[str, Any]] = {}
    for rollup in previous:
        for r in rollup.rows:
            code = code_key(str(r.get("school_code") or ""))
            if code in keep:
                rows.setdefault(code, r)
    return rollup_from_rows(list(rows.values()), previous[0].year if previous else None)


def with_previous(rollup: Rollup, previous: PreviousYear) -> Rollup:
    """The totals of the year-over-year columns, from this year's totals and last year's; no
    change when last year's are of fewer schools than this year's register (``partial``)."""
    totals = dict(rollup.totals)
    now = measure_totals(rollup)
    totals[CHANNELS_USED] = now[CHANNELS_USED]
    apart = partial(rollup.registered, previous)
    for key, _ in YOY_MEASURES:
        totals[f"prev_{key}"] = previous.totals.get(key)
        totals[f"change_{key}"] = None if apart else difference(now[key], previous.totals.get(key))
    return dataclasses.replace(rollup, totals=totals, previous=previous)


def partial(registered: int, previous: PreviousYear) -> bool:
    """Last year's file was another unit's and holds only some of this year's ``registered``
    schools (a school with a new code, a school come from another former district office): its
    totals and this year's count different schools, so the totals are not compared."""
    return bool(previous.former) and (previous.shared or 0) < registered


def _lapsed(
    row: Mapping[str, Any], last: int | None, year: int | None, *, registered: bool
) -> StatusEntry:
    then = f"năm {last}" if last else "năm trước"
    now = f"năm {year}" if year else "năm nay"
    reason = f"Đã nộp báo cáo {then} (tệp «{row.get('file')}»), {now} chưa nộp"
    if not registered:
        reason += "; không có trong «Danh sách trường» năm nay"
    return StatusEntry(
        SchoolStatus.LAPSED,
        str(row.get("school_code") or ""),
        str(row.get("school_name") or ""),
        reason=reason,
    )


# --- Which roll-up may be last year's ------------------------------------------------------------


def check_previous(
    previous: Rollup,
    previous_unit: str,
    *,
    year: int | None,
    unit: str,
    register: Collection[str],
    source: str,
) -> frozenset[str] | None:
    """Refuse a roll-up that is not last year's of this unit, naming both; return the codes to
    compare when it is another unit's that shares schools with this one, None when it is this
    unit's own.

    Another year: its year must be ``year - 1``. Another unit (its name differs): in 2025 the
    district offices were abolished and their schools passed to the communes, wards or the
    province, so last year's roll-up of a ward's or a department's schools is a former district
    office's, with other schools too: its schools in this year's register are compared, the others
    left out. With none in common it is refused.
    """
    if year is not None and previous.year != year - 1:
        shown = f"năm {previous.year}" if previous.year else "không rõ năm"
        raise WrongPrevious(
            f"Tệp tổng hợp dùng để so sánh là của {shown}, không phải năm {year - 1} "
            f"(năm trước của năm tổng hợp {year})",
            fix=f"Chọn tệp kết quả tổng hợp năm {year - 1} của đơn vị",
            file=source,
        )
    codes = {code_key(str(r.get("school_code") or "")) for r in previous.rows} - {""}
    shared = codes & {code_key(c) for c in register}
    if code_key(previous_unit) == code_key(unit):
        return None
    if not shared:
        other = f"«{previous_unit}»" if previous_unit else "một đơn vị khác"
        raise WrongPrevious(
            f"Tệp tổng hợp năm trước là của {other}, không phải của «{unit}» "
            f"({len(shared)}/{len(codes)} trường của tệp đó có trong danh sách trường năm nay)",
            fix="Chọn tệp kết quả tổng hợp năm trước của chính đơn vị mình",
            file=source,
        )
    return frozenset(shared)


def unit_identity(unit_name: str, managing_body: str) -> str:
    """``Phòng Giáo dục và Đào tạo (UBND HUYỆN THỦ THỪA)``: every district office has the same
    unit name, so its managing body tells them apart."""
    if unit_name and managing_body:
        return f"{unit_name} ({managing_body})"
    return unit_name or managing_body


_PEOPLES_COMMITTEE = re.compile(r"^(?:UBND|ỦY BAN NHÂN DÂN)\s+", re.IGNORECASE)
_LEVELS = ("thành phố", "thị xã", "huyện", "quận")


def unit_shown(unit_name: str, managing_body: str) -> str:
    """A unit as a report names it: a district office under its People's Committee by the
    district's name (``Phòng Giáo dục và Đào tạo huyện Thủ Thừa``), else as ``unit_identity``.

    >>> unit_shown("Phòng Giáo dục và Đào tạo", "UBND HUYỆN THỦ THỪA")
    'Phòng Giáo dục và Đào tạo huyện Thủ Thừa'
    >>> unit_shown("Phòng Giáo dục và Đào tạo", "ỦY BAN NHÂN DÂN THÀNH PHỐ TÂN AN")
    'Phòng Giáo dục và Đào tạo thành phố Tân An'
    >>> unit_shown("Trường X", "SỞ GD&ĐT TÂY NINH"), unit_shown("", "UBND HUYỆN A")
    ('Trường X (SỞ GD&ĐT TÂY NINH)', 'UBND HUYỆN A')
    """
    place = _PEOPLES_COMMITTEE.sub("", managing_body.strip())
    if not unit_name or place == managing_body.strip():
        return unit_identity(unit_name, managing_body)
    place = body_name(nfc(place).lower())
    level = next((w for w in _LEVELS if place.lower().startswith(f"{w} ")), None)
    if level is None:
        return unit_identity(unit_name, managing_body)
    return f"{unit_name} {level}{place[len(level) :]}"


# --- What the district report says ---------------------------------------------------------------


def former_note(previous: PreviousYear, registered: int) -> str:
    """Whose last year's figures are when last year's roll-up was another unit's; "" if ours."""
    if not previous.former:
        return ""
    then = f"năm {previous.year}" if previous.year else "năm trước"
    note = (
        f"Tệp tổng hợp {then} là của «{previous.former}», đơn vị tổng hợp trước đây: chỉ so sánh "
        f"{previous.shared}/{registered} trường của danh sách trường năm nay có trong tệp đó; số "
        f"liệu {then} là của các trường ấy, các trường khác của tệp đó không được tính."
    )
    if partial(registered, previous):
        note += (
            f" Các trường còn lại không có trong tệp (mã trường mới, hoặc trước đây thuộc đơn vị "
            f"khác) nên không so sánh tổng số với {then}, chỉ so sánh từng trường. Nếu các trường "
            f"đó do phòng GD&ĐT cũ khác tổng hợp {then}, ghi thêm tệp tổng hợp của phòng đó (mỗi "
            "tệp một --previous, hoặc các tệp cách nhau bằng dấu ; ở ô «Tệp tổng hợp năm trước»)."
        )
    return note


def counted_note(rollup: Rollup) -> str:
    """On how many schools each year's figures rest, when the roll-up is compared: a change
    partly comes from which schools sent a valid report."""
    previous = rollup.previous
    if previous is None:
        return ""
    then = f"năm {previous.year}" if previous.year else "năm trước"
    now = f"năm {rollup.year}" if rollup.year else "năm nay"
    source = ""
    if partial(rollup.registered, previous):  # the figures above are not compared
        return (
            f"Tổng hợp {then} của {previous.former} (đơn vị tổng hợp trước đây) chỉ có "
            f"{previous.shared}/{rollup.registered} trường của danh sách năm nay, nên số liệu "
            f"trên không so sánh với {then}."
        )
    if previous.former:  # the former district office's roll-up, cut to the schools in common
        source = (
            f"Số liệu {then} lấy từ tổng hợp {then} của {previous.former} (đơn vị tổng hợp trước "
            f"đây), chỉ gồm {previous.shared} trường có trong danh sách năm nay"
        )
    if previous.counted is None:
        return f"{source}." if source else ""
    if source:
        return (
            f"{source}, tính trên {previous.counted} trường có báo cáo hợp lệ; số liệu {now} "
            f"trên {rollup.counted} trường."
        )
    return (
        f"Số liệu {then} tính trên {previous.counted} trường có báo cáo hợp lệ, số liệu {now} "
        f"trên {rollup.counted} trường."
    )


def trend(now: int | None, before: int | None, year: int | None) -> str:
    """``tăng 12% so với năm 2024``, ``giảm 5,9% ...``, ``bằng năm 2024``; "" when unknown.

    With nothing last year a percentage means nothing: ``năm 2024 không có``.
    """
    if now is None or before is None:
        return ""
    then = f"năm {year}" if year else "năm trước"
    if now == before:
        return f"bằng {then}"
    if before == 0:
        return f"{then} không có"
    word = "tăng" if now > before else "giảm"
    return f"{word} {percent(abs(now - before), before)} so với {then}"


def count_trend(now: int | None, before: int | None, year: int | None) -> str:
    """For small counts (channels): ``nhiều hơn 2 so với năm 2024``, ``ít hơn 1 ...``."""
    if now is None or before is None:
        return ""
    then = f"năm {year}" if year else "năm trước"
    if now == before:
        return f"bằng {then}"
    word = "nhiều hơn" if now > before else "ít hơn"
    return f"{word} {thousands(abs(now - before))} so với {then}"
