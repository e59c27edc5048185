"""The choice lists (drop-downs) and the hidden sheets every workbook carries."""

from __future__ import annotations

from outreach_xl.schema.types import Choice, ChoiceList, Sheet

# --- Lists ---------------------------------------------------------------------------------------

LEVELS = ChoiceList(
    key="levels",
    name="DS_CapHoc",
    title="Cấp học",
    choices=(
        Choice("NT", "Nhà trẻ", "NT"),
        Choice("MG", "Mẫu giáo", "MG"),
        Choice("MN", "Mầm non", "MN"),
        Choice("TH", "Tiểu học", "TH"),
        Choice("THCS", "THCS", "THCS"),
        Choice("TH&THCS", "TH&THCS", "TH&THCS"),
        Choice("THCS&THPT", "THCS&THPT", "THCS&THPT"),
        Choice("THPT", "THPT", "THPT"),
        Choice("other", "Khác", "Khác"),
    ),
)

CONTENT_GROUPS = ChoiceList(
    key="content_groups",
    name="DS_NhomNoiDung",
    title="Nhóm nội dung tuyên truyền",
    strict=False,
    choices=(
        Choice(
            "policy",
            "Chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước, "
            "của tỉnh về hợp tác quốc tế trong giáo dục",
            "Chủ trương, chính sách",
        ),
        Choice(
            "achievements",
            "Thành tích, gương điển hình tiên tiến của ngành và nhà trường",
            "Thành tích, điển hình",
        ),
        Choice(
            "image",
            "Hình ảnh đất nước, con người Việt Nam, lịch sử, văn hóa, tiềm năng địa phương",
            "Hình ảnh VN, địa phương",
        ),
        Choice("sovereignty", "Chủ quyền biển, đảo, biên giới", "Biển, đảo, biên giới"),
        Choice(
            "rebuttal",
            "Phản bác thông tin xuyên tạc, sai sự thật",
            "Phản bác tin sai",
        ),
        Choice("other", "Khác", "Khác"),
    ),
)

CHANNELS = ChoiceList(
    key="channels",
    name="DS_HinhThuc",
    title="Hình thức, kênh tuyên truyền",
    strict=False,
    choices=(
        Choice("corner", "Góc tuyên truyền, bảng tin của trường, lớp", "Góc TT, bảng tin"),
        Choice("radio", "Đài truyền thanh địa phương, loa phát thanh của trường", "Đài, loa"),
        Choice("zalo", "Mạng xã hội Zalo", "Zalo"),
        Choice("facebook", "Facebook, fanpage", "Facebook"),
        Choice("website", "Trang thông tin điện tử (website) của trường", "Website"),
        Choice("press", "Báo chí", "Báo chí"),
        Choice(
            "gatherings",
            "Chào cờ, hội họp, tiết học, hoạt động trải nghiệm",
            "Chào cờ, họp, tiết học",
        ),
        Choice("culture", "Sự kiện, hoạt động văn hóa, văn nghệ", "Văn hóa, văn nghệ"),
        Choice("visits", "Tham quan, dã ngoại", "Tham quan"),
        Choice("conferences", "Hội nghị, hội thảo về hợp tác quốc tế", "Hội nghị, hội thảo"),
        Choice("contests", "Cuộc thi, áp phích, tờ rơi", "Thi, áp phích"),
        Choice("socialisation", "Xã hội hóa giáo dục (huy động nguồn lực)", "Xã hội hóa"),
        Choice("other", "Khác", "Khác"),
    ),
)

FOLLOWUP_KINDS = ChoiceList(
    key="followup_kinds",
    name="DS_LoaiDeXuat",
    title="Loại mục",
    choices=(
        Choice("difficulties", "Khó khăn, hạn chế"),
        Choice("tasks", "Nhiệm vụ năm tới"),
        Choice("proposals", "Kiến nghị, đề xuất"),
    ),
)

SIGNER_AUTHORITIES = ("KT.", "TM.", "Q.", "TL.", "TUQ.")


LISTS_SHEET = Sheet(name="Danh mục", code_name="Sheet7", hidden=True, kind="lists")
META_SHEET = Sheet(name="Thông tin mẫu", code_name="Sheet8", hidden=True, kind="meta")
