"""The roll-up's columns: one row per school in the merged table, and the submission tracker."""

from __future__ import annotations

from dataclasses import dataclass

from outreach_xl.schema.lists import CHANNELS, CONTENT_GROUPS

# --- Roll-up columns (one row per school in the merged table) ------------------------------------


@dataclass(frozen=True)
class RollupColumn:
    """A column of the roll-up: key into the row dict, heading, width, number format and total."""

    key: str
    heading: str
    width: int = 12
    kind: str = "text"  # text | int | rate | date | mark
    total: str = ""  # "" | "sum" | "count" (marks) | "rate:<part>/<whole>"
    group: str = ""  # heading spanning several columns


def _channel_columns() -> tuple[RollupColumn, ...]:
    return tuple(
        RollupColumn(f"channel_{c.code}", c.heading, 5, "mark", "count", "Kênh, hình thức đã dùng")
        for c in CHANNELS.choices
    )


def _group_columns() -> tuple[RollupColumn, ...]:
    return tuple(
        RollupColumn(f"group_{c.code}", c.heading, 6, "int", "sum", "Số nội dung theo nhóm")
        for c in CONTENT_GROUPS.choices
    )


ROLLUP_COLUMNS: tuple[RollupColumn, ...] = (
    RollupColumn("seq", "STT", 5, "int"),
    RollupColumn("school_code", "Mã trường", 12),
    RollupColumn("school_name", "Tên trường", 30),
    RollupColumn("level", "Cấp học", 9),
    RollupColumn("commune", "Xã/phường", 14),
    RollupColumn("doc_ref", "Số, ký hiệu", 14),
    RollupColumn("report_date", "Ngày báo cáo", 12, "date"),
    RollupColumn("staff_participants", "CB-GV-NV tham gia", 11, "int", "sum", "Cán bộ, GV, NV"),
    RollupColumn("staff_total", "Tổng số CB-GV-NV", 11, "int", "sum", "Cán bộ, GV, NV"),
    RollupColumn(
        "staff_rate",
        "Tỉ lệ",
        8,
        "rate",
        "rate:staff_participants/staff_total",
        "Cán bộ, GV, NV",
    ),
    RollupColumn("pupil_participants", "HS/trẻ tham gia", 11, "int", "sum", "Học sinh, trẻ"),
    RollupColumn("pupil_total", "Tổng số HS/trẻ", 11, "int", "sum", "Học sinh, trẻ"),
    RollupColumn(
        "pupil_rate",
        "Tỉ lệ",
        8,
        "rate",
        "rate:pupil_participants/pupil_total",
        "Học sinh, trẻ",
    ),
    RollupColumn("sessions", "Số lần tuyên truyền", 11, "int", "sum"),
    RollupColumn("news_items", "Số tin, bài", 9, "int", "sum"),
    RollupColumn("parents_reached", "Phụ huynh", 10, "int", "sum"),
    *_channel_columns(),
    *_group_columns(),
    RollupColumn("difficulties", "Khó khăn, hạn chế", 40, "text", "", "Khó khăn, đề xuất"),
    RollupColumn("proposals", "Kiến nghị, đề xuất", 40, "text", "", "Khó khăn, đề xuất"),
    RollupColumn("status", "Tình trạng", 12, "text", "", "Kiểm tra"),
    RollupColumn("excluded", "Không tính vào tổng vì", 30, "text", "", "Kiểm tra"),
    RollupColumn("errors", "Số lỗi", 7, "int", "sum", "Kiểm tra"),
    RollupColumn("warnings", "Số cảnh báo", 9, "int", "sum", "Kiểm tra"),
    RollupColumn("file", "Tệp", 28),
)

STATUS_COLUMNS: tuple[RollupColumn, ...] = (
    RollupColumn("seq", "STT", 5, "int"),
    RollupColumn("status", "Tình trạng", 24),
    RollupColumn("school_code", "Mã trường", 12),
    RollupColumn("school_name", "Tên trường", 32),
    RollupColumn("file", "Tệp", 34),
    RollupColumn("errors", "Số lỗi", 7, "int"),
    RollupColumn("warnings", "Số cảnh báo", 9, "int"),
    RollupColumn("reason", "Ghi chú, lý do", 70),
)
