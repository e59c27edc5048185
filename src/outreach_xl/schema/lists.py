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
        Choice("THCS", "THCS", "THCS", ("Trung học cơ sở",)),
        Choice(
            "TH&THCS",
            "TH&THCS",
            "TH&THCS",
            ("TH và THCS", "Tiểu học và trung học cơ sở", "Tiểu học và THCS", "Tiểu học - THCS"),
        ),
        Choice(
            "THCS&THPT",
            "THCS&THPT",
            "THCS&THPT",
            ("THCS và THPT", "Trung học cơ sở và trung học phổ thông"),
        ),
        Choice("THPT", "THPT", "THPT", ("Trung học phổ thông",)),
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
            ("Chính sách, pháp luật", "Chủ trương, đường lối", "Hợp tác quốc tế"),
        ),
        Choice(
            "achievements",
            "Thành tích, gương điển hình tiên tiến của ngành và nhà trường",
            "Thành tích, điển hình",
            ("Thành tích", "Gương điển hình", "Điển hình tiên tiến", "Gương người tốt việc tốt"),
        ),
        Choice(
            "image",
            "Hình ảnh đất nước, con người Việt Nam, lịch sử, văn hóa, tiềm năng địa phương",
            "Hình ảnh VN, địa phương",
            ("Hình ảnh đất nước, con người", "Quảng bá hình ảnh", "Lịch sử, văn hóa"),
        ),
        Choice(
            "sovereignty",
            "Chủ quyền biển, đảo, biên giới",
            "Biển, đảo, biên giới",
            ("Biển đảo", "Chủ quyền biển đảo", "Biên giới", "Biển đảo quê hương"),
        ),
        Choice(
            "rebuttal",
            "Phản bác thông tin xuyên tạc, sai sự thật",
            "Phản bác tin sai",
            ("Thông tin sai sự thật", "Tin giả", "Thông tin xấu độc"),
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
        Choice(
            "corner",
            "Góc tuyên truyền, bảng tin của trường, lớp",
            "Góc TT, bảng tin",
            ("Bảng tin", "Góc tuyên truyền", "Bảng tin trường", "Bảng tin của trường"),
        ),
        Choice(
            "radio",
            "Đài truyền thanh địa phương, loa phát thanh của trường",
            "Đài, loa",
            ("Loa phát thanh", "Đài truyền thanh", "Đài phát thanh", "Loa", "Phát thanh"),
        ),
        Choice(
            "zalo",
            "Mạng xã hội Zalo",
            "Zalo",
            ("Nhóm Zalo", "Zalo nhóm lớp", "Zalo phụ huynh", "Zalo trường"),
        ),
        Choice(
            "facebook",
            "Facebook, fanpage",
            "Facebook",
            ("Fanpage", "FB", "Trang Facebook", "Facebook trường", "Fanpage trường"),
        ),
        Choice(
            "website",
            "Trang thông tin điện tử (website) của trường",
            "Website",
            (
                "Web trường",
                "Web",
                "Trang web",
                "Trang web trường",
                "Website trường",
                "Website của trường",
                "Trang thông tin điện tử",
                "Cổng thông tin điện tử",
            ),
        ),
        Choice("press", "Báo chí", "Báo chí", ("Báo", "Báo, đài", "Tạp chí")),
        Choice(
            "gatherings",
            "Chào cờ, hội họp, tiết học, hoạt động trải nghiệm",
            "Chào cờ, họp, tiết học",
            (
                "Chào cờ",
                "Chào cờ đầu tuần",
                "Sinh hoạt dưới cờ",
                "Hội họp",
                "Họp phụ huynh",
                "Tiết học",
                "Hoạt động trải nghiệm",
                "Trải nghiệm",
            ),
        ),
        Choice(
            "culture",
            "Sự kiện, hoạt động văn hóa, văn nghệ",
            "Văn hóa, văn nghệ",
            ("Văn nghệ", "Hội diễn văn nghệ", "Sự kiện văn hóa"),
        ),
        Choice("visits", "Tham quan, dã ngoại", "Tham quan", ("Dã ngoại", "Tham quan dã ngoại")),
        Choice(
            "conferences",
            "Hội nghị, hội thảo về hợp tác quốc tế",
            "Hội nghị, hội thảo",
            ("Hội nghị", "Hội thảo"),
        ),
        Choice(
            "contests",
            "Cuộc thi, áp phích, tờ rơi",
            "Thi, áp phích",
            ("Cuộc thi", "Hội thi", "Áp phích", "Tờ rơi", "Pa nô, áp phích"),
        ),
        Choice(
            "socialisation",
            "Xã hội hóa giáo dục (huy động nguồn lực)",
            "Xã hội hóa",
            ("Xã hội hóa giáo dục", "Huy động nguồn lực"),
        ),
        Choice("other", "Khác", "Khác"),
    ),
)

FOLLOWUP_KINDS = ChoiceList(
    key="followup_kinds",
    name="DS_LoaiDeXuat",
    title="Loại mục",
    choices=(
        Choice(
            "difficulties",
            "Khó khăn, hạn chế",
            "",
            ("Khó khăn", "Hạn chế", "Tồn tại", "Vướng mắc", "Khó khăn, vướng mắc"),
        ),
        Choice(
            "tasks",
            "Nhiệm vụ năm tới",
            "",
            ("Nhiệm vụ", "Phương hướng", "Phương hướng, nhiệm vụ", "Phương hướng năm tới"),
        ),
        Choice("proposals", "Kiến nghị, đề xuất", "", ("Kiến nghị", "Đề xuất", "Đề nghị")),
    ),
)

# Words a clerk writes around a choice's name that name the school's own, not another choice:
# «Fanpage của trường», «Nhóm Zalo phụ huynh các lớp», «Trường THCS» mean Facebook, Zalo, THCS.
SCHOOL_WORDS = (
    "của",
    "trường",
    "nhà",
    "lớp",
    "các",
    "phụ",
    "huynh",
    "học",
    "sinh",
    "nhóm",
    "trang",
    "cha",
    "mẹ",
    "chính",
    "thức",
)

SIGNER_AUTHORITIES = ("KT.", "TM.", "Q.", "TL.", "TUQ.")
# The acting head («Q. HIỆU TRƯỞNG») signs as the head: Decree 30 writes no title of the signer's
# own below it, as it does below KT., TL. and TUQ.
SIGNER_ALONE = ("Q.",)


LISTS_SHEET = Sheet(name="Danh mục", code_name="Sheet7", hidden=True, kind="lists")
META_SHEET = Sheet(name="Thông tin mẫu", code_name="Sheet8", hidden=True, kind="meta")
