"""The district (merging office) workbook: configuration, register and the output sheets."""

from __future__ import annotations

from outreach_xl.schema.lists import LEVELS, SIGNER_AUTHORITIES
from outreach_xl.schema.school import (
    AFTER_SAVED,
    ARCHIVE_LAST,
    DAY_FIRST,
    DOC_SYMBOL,
    DOC_SYMBOL_LOOSE,
    RECIPIENT_ABOLISHED,
    REQUEST_ABOLISHED,
    REQUEST_BEFORE_REPORT,
    REQUEST_SWAPPED,
    abolished_level,
    abolished_recipients,
    doc_symbol_words,
)
from outreach_xl.schema.types import (
    Column,
    DateNotAfter,
    DayFirst,
    Field,
    Kind,
    LastRowStartsWith,
    NotLongAfterSaved,
    Pattern,
    PrefixIn,
    Sheet,
    Table,
    UniqueRows,
    Words,
    WorkbookSchema,
)

# --- The district (merging office) workbook ------------------------------------------------------

DISTRICT_GUIDE = Sheet(
    name="Hướng dẫn",
    code_name="Sheet1",
    title="TỔNG HỢP BÁO CÁO HOẠT ĐỘNG THÔNG TIN ĐỐI NGOẠI CỦA CÁC TRƯỜNG",
    kind="guide",
)

DISTRICT_CONFIG = Sheet(
    name="Cấu hình",
    code_name="Sheet2",
    title="CẤU HÌNH ĐƠN VỊ TỔNG HỢP",
    intro="Điền vào các ô màu vàng. Ô có dấu * là bắt buộc.",
    fields=(
        Field(
            "managing_body",
            "Cơ quan chủ quản",
            # Not required: a commune's People's Committee has no managing body above its name
            # (Decree 30 heads its documents «ỦY BAN NHÂN DÂN / XÃ MỸ AN» alone).
            help="Ví dụ: UBND HUYỆN THỦ THỪA (đến 30/6/2025); Sở GD&ĐT: UBND TỈNH TÂY NINH; "
            "UBND xã, phường: để trống.",
            carry=True,
        ),
        Field(
            "unit_name",
            "Đơn vị tổng hợp (tên đầy đủ)",
            required=True,
            help="Ví dụ: Phòng Giáo dục và Đào tạo; UBND xã Mỹ An; Sở Giáo dục và Đào tạo.",
            carry=True,
        ),
        Field("report_year", "Năm báo cáo", Kind.INT, required=True, min=2000, max=2100),
        Field(
            "schools_folder",
            "Thư mục chứa tệp của các trường",
            help="Đường dẫn thư mục; để trống thì dùng thư mục của tệp này.",
            carry=True,
        ),
        Field(
            "previous_rollup",
            "Tệp tổng hợp năm trước (nếu có)",
            help="Để so sánh với năm trước: tệp kết quả tổng hợp năm trước (ví dụ "
            "TongHop_TTDN_2024_ketqua.xlsx) hoặc tệp tổng hợp năm trước đã bấm «Tổng hợp các "
            "trường». Năm 2025, trường do nhiều phòng GD&ĐT cũ tổng hợp năm trước: ghi tệp của "
            "từng phòng, cách nhau bằng dấu ;. Để trống nếu không so sánh.",
            since=3,
        ),
        Field("doc_number", "Số văn bản", Kind.INT, min=1, max=99999),
        Field(
            "doc_symbol",
            "Ký hiệu văn bản",
            required=True,
            help="Ví dụ: BC-PGDĐT hoặc BC-UBND.",
            carry=True,
        ),
        Field(
            "place",
            "Địa danh (dòng ngày tháng)",
            required=True,
            help="Ví dụ: Thủ Thừa.",
            carry=True,
        ),
        Field("report_date", "Ngày báo cáo", Kind.DATE, required=True),
        Field(
            "addressee",
            "Kính gửi (nếu có)",
            help="Ví dụ: Sở Giáo dục và Đào tạo tỉnh Long An.",
            carry=True,
        ),
        Field(
            "request_kind",
            "Văn bản yêu cầu của cấp trên: loại",
            help="Ví dụ: Công văn, Kế hoạch. Để trống cả năm dòng nếu không có văn bản yêu cầu.",
            since=2,
        ),
        Field(
            "request_number",
            "Văn bản yêu cầu: số, ký hiệu",
            help="Ví dụ: 1234/SGDĐT-VP.",
            since=2,
        ),
        Field("request_date", "Văn bản yêu cầu: ngày ban hành", Kind.DATE, since=2),
        Field(
            "request_issuer",
            "Văn bản yêu cầu: cơ quan ban hành",
            help="Ghi đầy đủ. Ví dụ: Sở Giáo dục và Đào tạo tỉnh Long An.",
            since=2,
        ),
        Field(
            "request_subject",
            "Văn bản yêu cầu: về việc",
            Kind.LONGTEXT,
            help="Trích yếu, viết thường chữ đầu, không có chữ «về» ở đầu. Ví dụ: báo cáo hoạt "
            "động thông tin đối ngoại năm 2020.",
            since=2,
        ),
        Field(
            "signer_authority",
            "Người ký: thẩm quyền (nếu ký thay)",
            help="Ví dụ: KT. TRƯỞNG PHÒNG; KT. GIÁM ĐỐC; TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH "
            "(báo cáo in mỗi phần một dòng). Để trống nếu người đứng đầu ký.",
            carry=True,
        ),
        Field(
            "signer_title",
            "Người ký: chức vụ",
            required=True,
            help="Ví dụ: TRƯỞNG PHÒNG; PHÓ CHỦ TỊCH; PHÓ GIÁM ĐỐC.",
            carry=True,
        ),
        Field("signer_name", "Người ký: họ và tên", required=True, carry=True),
    ),
    table=Table(
        carry=True,
        key="recipients",
        name="NoiNhanHuyen",
        title="Nơi nhận (mỗi nơi một dòng, dòng cuối: Lưu: VT)",
        columns=(Column("name", "Nơi nhận", required=True, width=60),),
    ),
)

DISTRICT_REGISTER = Sheet(
    name="Danh sách trường",
    code_name="Sheet3",
    title="DANH SÁCH CÁC TRƯỜNG PHẢI BÁO CÁO",
    intro="Mỗi trường một dòng. Mã trường phải trùng với mã trường ghi trong tệp của trường.",
    table=Table(
        carry=True,
        key="schools",
        name="DanhSachTruong",
        title="Danh sách trường",
        columns=(
            Column("code", "Mã trường", required=True, width=14),
            Column("name", "Tên trường", required=True, width=40),
            Column("level", "Cấp học", Kind.CHOICE, choices="levels", width=12),
            Column("commune", "Xã/phường", width=20),
            Column("abbr", "Viết tắt", width=12),
        ),
    ),
)

# A school code twice in the register: the merge keeps the first row, so the other school would
# be missing from the roll-up without a word.
SAME_CODE = Words(
    "Mã trường trùng với dòng {row} của bảng «{title}»: khi tổng hợp chỉ dùng dòng {row}, dòng "
    "này bị bỏ qua",
    "Sửa lại mã trường cho đúng, hoặc xóa dòng này nếu là chép nhầm",
)

# The office's own header naming the district level in a report dated since 1 July 2025.
OFFICE_ABOLISHED = Words(
    "Từ {since} không còn cấp huyện, nhiều tỉnh đã hợp nhất; «{found}» là tên cũ: tên này sẽ in "
    "ở đầu báo cáo tổng hợp",
    "Ghi tên hiện nay. UBND xã, phường: để trống «Cơ quan chủ quản», «Đơn vị tổng hợp» ghi "
    "Ủy ban nhân dân xã (phường) ...; Sở GD&ĐT: «Cơ quan chủ quản» ghi UBND TỈNH ..., «Đơn vị "
    "tổng hợp» ghi Sở Giáo dục và Đào tạo",
)

# The district's own Word report is named so (``BaoCao_TongHop_TTDN_2020.docx``): a merge of the
# folder it is written to knows it for the district's own, not a document a school sent.
DISTRICT_REPORT_PREFIX = "BaoCao_TongHop_TTDN_"

DISTRICT_ROLLUP = Sheet(name="Tổng hợp", code_name="Sheet4", kind="output")
DISTRICT_STATUS = Sheet(name="Tình trạng nộp", code_name="Sheet5", kind="output")

DISTRICT = WorkbookSchema(
    template_id="outreach-xl/tonghop",
    version=3,  # 2: the request from the level above; 3: «Tệp tổng hợp năm trước»
    title="Tổng hợp báo cáo hoạt động thông tin đối ngoại",
    sheets=(
        DISTRICT_GUIDE,
        DISTRICT_CONFIG,
        DISTRICT_REGISTER,
        DISTRICT_ROLLUP,
        DISTRICT_STATUS,
        Sheet(name="Danh mục", code_name="Sheet6", hidden=True, kind="lists"),
        Sheet(name="Thông tin mẫu", code_name="Sheet7", hidden=True, kind="meta"),
    ),
    lists=(LEVELS,),
    rules=(
        Pattern(
            "doc_symbol",
            DOC_SYMBOL,
            words=doc_symbol_words("BC-PGDĐT"),
            loose=DOC_SYMBOL_LOOSE,
        ),
        DateNotAfter(
            "request_date", "report_date", words=REQUEST_BEFORE_REPORT, swapped=REQUEST_SWAPPED
        ),
        DayFirst(("report_date", "request_date"), words=DAY_FIRST),
        NotLongAfterSaved(("report_date", "request_date"), words=AFTER_SAVED),
        abolished_level("managing_body", words=OFFICE_ABOLISHED),
        abolished_level("unit_name", words=OFFICE_ABOLISHED),
        abolished_level("request_issuer", date="request_date", words=REQUEST_ABOLISHED),
        abolished_level("addressee", words=RECIPIENT_ABOLISHED),
        abolished_recipients(),
        PrefixIn(
            "signer_authority",
            SIGNER_AUTHORITIES,
            words=Words(
                "Thẩm quyền ký phải bắt đầu bằng {prefixes}",
                "Ví dụ: KT. TRƯỞNG PHÒNG; KT. GIÁM ĐỐC; TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH; để trống "
                "nếu người đứng đầu ký",
            ),
            bare=Words(
                "Chỉ ghi «{prefix}», thiếu chức vụ của người đứng đầu được ký thay",
                "Ghi đủ, ví dụ «KT. GIÁM ĐỐC» hoặc «TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH» (dòng "
                "chức vụ người ký ghi PHÓ GIÁM ĐỐC, PHÓ CHỦ TỊCH); để trống nếu người đứng đầu ký",
            ),
        ),
        UniqueRows("schools", ("code",), words=SAME_CODE),
        LastRowStartsWith("recipients", "name", "Lưu: VT", words=ARCHIVE_LAST),
    ),
)
