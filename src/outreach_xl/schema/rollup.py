"""The roll-up's columns: one row per school in the merged table, and the submission tracker."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from outreach_xl.schema.lists import CHANNELS, CONTENT_GROUPS

# --- Roll-up columns (one row per school in the merged table) ------------------------------------


class CellKind(str, Enum):
    """What a roll-up cell holds, which fixes its number format and how it is read back."""

    TEXT = "text"
    INT = "int"
    RATE = "rate"  # a share, 0.857 shown 85.7%
    DATE = "date"
    MARK = "mark"  # True shown ``x`` (a channel used); counted in the totals row
    CHANGE = "change"  # a signed difference from last year, shown +3 or -2


@dataclass(frozen=True)
class Sum:
    """The totals row adds the column up."""


@dataclass(frozen=True)
class Count:
    """The totals row counts the schools with the mark."""


@dataclass(frozen=True)
class Rate:
    """The totals row holds ``part`` / ``whole`` (two columns' keys), over the schools that gave
    both figures."""

    part: str
    whole: str


SUM = Sum()
COUNT = Count()
Total = Sum | Count | Rate


@dataclass(frozen=True)
class RollupColumn:
    """A column of the roll-up: key into the row dict, heading, width, number format and total
    (None: the totals row leaves it blank, or another rule fills it, as the year-over-year ones)."""

    key: str
    heading: str
    width: int = 12
    kind: CellKind = CellKind.TEXT
    total: Total | None = None
    group: str = ""  # heading spanning several columns


def _channel_columns() -> tuple[RollupColumn, ...]:
    return tuple(
        RollupColumn(
            f"channel_{c.code}", c.heading, 5, CellKind.MARK, COUNT, "Kênh, hình thức đã dùng"
        )
        for c in CHANNELS.choices
    )


def _group_columns() -> tuple[RollupColumn, ...]:
    return tuple(
        RollupColumn(f"group_{c.code}", c.heading, 6, CellKind.INT, SUM, "Số nội dung theo nhóm")
        for c in CONTENT_GROUPS.choices
    )


ROLLUP_COLUMNS: tuple[RollupColumn, ...] = (
    RollupColumn("seq", "STT", 5, CellKind.INT),
    RollupColumn("school_code", "Mã trường", 12),
    RollupColumn("school_name", "Tên trường", 30),
    RollupColumn("level", "Cấp học", 9),
    RollupColumn("commune", "Xã/phường", 14),
    RollupColumn("doc_ref", "Số, ký hiệu", 14),
    RollupColumn("report_date", "Ngày báo cáo", 12, CellKind.DATE),
    RollupColumn(
        "staff_participants", "CB-GV-NV tham gia", 11, CellKind.INT, SUM, "Cán bộ, GV, NV"
    ),
    RollupColumn("staff_total", "Tổng số CB-GV-NV", 11, CellKind.INT, SUM, "Cán bộ, GV, NV"),
    RollupColumn(
        "staff_rate",
        "Tỉ lệ",
        8,
        CellKind.RATE,
        Rate("staff_participants", "staff_total"),
        "Cán bộ, GV, NV",
    ),
    RollupColumn("pupil_participants", "HS/trẻ tham gia", 11, CellKind.INT, SUM, "Học sinh, trẻ"),
    RollupColumn("pupil_total", "Tổng số HS/trẻ", 11, CellKind.INT, SUM, "Học sinh, trẻ"),
    RollupColumn(
        "pupil_rate",
        "Tỉ lệ",
        8,
        CellKind.RATE,
        Rate("pupil_participants", "pupil_total"),
        "Học sinh, trẻ",
    ),
    RollupColumn("sessions", "Số lần tuyên truyền", 11, CellKind.INT, SUM),
    RollupColumn("news_items", "Số tin, bài", 9, CellKind.INT, SUM),
    RollupColumn("parents_reached", "Phụ huynh", 10, CellKind.INT, SUM),
    *_channel_columns(),
    *_group_columns(),
    RollupColumn("difficulties", "Khó khăn, hạn chế", 40, CellKind.TEXT, None, "Khó khăn, đề xuất"),
    RollupColumn("proposals", "Kiến nghị, đề xuất", 40, CellKind.TEXT, None, "Khó khăn, đề xuất"),
    RollupColumn("status", "Tình trạng", 12, CellKind.TEXT, None, "Kiểm tra"),
    RollupColumn("excluded", "Không tính vào tổng vì", 30, CellKind.TEXT, None, "Kiểm tra"),
    RollupColumn("errors", "Số lỗi", 7, CellKind.INT, SUM, "Kiểm tra"),
    RollupColumn("warnings", "Số cảnh báo", 9, CellKind.INT, SUM, "Kiểm tra"),
    RollupColumn("file", "Tệp", 28),
)

# --- Year over year (only in a roll-up compared with last year's: rollup --previous) ------------

# (figure key, its label in the district report); ``channels_used`` is the number of channels a
# school used, and for the totals the number of channels used by at least one school.
YOY_MEASURES: tuple[tuple[str, str], ...] = (
    ("staff_participants", "Cán bộ, giáo viên, nhân viên tham gia"),
    ("pupil_participants", "Học sinh, trẻ tham gia"),
    ("sessions", "Số lần tuyên truyền"),
    ("news_items", "Số tin, bài đăng trên website, fanpage"),
    ("parents_reached", "Số phụ huynh được tuyên truyền"),
    ("channels_used", "Số kênh, hình thức tuyên truyền được sử dụng"),
)
_YOY_GROUPS = {
    "staff_participants": "CB-GV-NV tham gia",
    "pupil_participants": "HS/trẻ tham gia",
    "sessions": "Số lần tuyên truyền",
    "news_items": "Số tin, bài",
    "parents_reached": "Phụ huynh",
    "channels_used": "Số kênh, hình thức",
}
YOY_GROUP = "So với năm trước"


def _yoy_columns() -> tuple[RollupColumn, ...]:
    columns = [
        RollupColumn("channels_used", "Số kênh đã dùng năm nay", 9, CellKind.INT, None, YOY_GROUP),
        RollupColumn("prev_reported", "Năm trước đã nộp", 8, CellKind.MARK, None, YOY_GROUP),
    ]
    for key, _ in YOY_MEASURES:
        group = f"{_YOY_GROUPS[key]} (so với năm trước)"
        columns.append(RollupColumn(f"prev_{key}", "Năm trước", 9, CellKind.INT, None, group))
        columns.append(
            RollupColumn(f"change_{key}", "Tăng (+), giảm (-)", 9, CellKind.CHANGE, None, group)
        )
    return tuple(columns)


# Placed before the file column (not printed) when the roll-up is compared with last year's.
YOY_COLUMNS: tuple[RollupColumn, ...] = _yoy_columns()


def rollup_columns(with_previous: bool = False) -> tuple[RollupColumn, ...]:
    """The roll-up table's columns: ``ROLLUP_COLUMNS``, with the year-over-year ones if asked."""
    if not with_previous:
        return ROLLUP_COLUMNS
    return (*ROLLUP_COLUMNS[:-1], *YOY_COLUMNS, ROLLUP_COLUMNS[-1])


STATUS_COLUMNS: tuple[RollupColumn, ...] = (
    RollupColumn("seq", "STT", 5, CellKind.INT),
    RollupColumn("status", "Tình trạng", 24),
    RollupColumn("school_code", "Mã trường", 12),
    RollupColumn("school_name", "Tên trường", 32),
    RollupColumn("file", "Tệp", 34),
    RollupColumn("errors", "Số lỗi", 7, CellKind.INT),
    RollupColumn("warnings", "Số cảnh báo", 9, CellKind.INT),
    RollupColumn("reason", "Ghi chú, lý do", 70),
)
