"""The school workbook: its sheets, fields, tables and cross-field rules."""

from __future__ import annotations

from outreach_xl.schema.lists import (
    CHANNELS,
    CONTENT_GROUPS,
    FOLLOWUP_KINDS,
    LEVELS,
    LISTS_SHEET,
    META_SHEET,
    SIGNER_ALONE,
    SIGNER_AUTHORITIES,
)
from outreach_xl.schema.types import (
    AbolishedLevel,
    AbolishedLevelRows,
    Column,
    DateInYear,
    DateNotAfter,
    DayFirst,
    Field,
    Kind,
    LastRowStartsWith,
    MinRows,
    NoLeadingWord,
    NotADate,
    NotGreater,
    NotLongAfterSaved,
    NotZero,
    Pattern,
    PrefixIn,
    ProperCase,
    Sheet,
    SignsAlone,
    Table,
    UniqueRows,
    Words,
    WorkbookSchema,
)

# --- The school workbook -------------------------------------------------------------------------

SCHOOL_GUIDE = Sheet(
    name="Hướng dẫn",
    code_name="Sheet1",
    title="BÁO CÁO HOẠT ĐỘNG THÔNG TIN ĐỐI NGOẠI CỦA NHÀ TRƯỜNG",
    kind="guide",
)

SCHOOL_GENERAL = Sheet(
    name="Thông tin chung",
    code_name="Sheet2",
    title="THÔNG TIN CHUNG",
    intro="Điền vào các ô màu vàng. Ô có dấu * là bắt buộc. Không xóa cột A (ẩn).",
    fields=(
        Field(
            "managing_body",
            "Cơ quan chủ quản",
            required=True,
            help="Dòng đầu góc trái văn bản, chữ in hoa. Ví dụ: PHÒNG GD&ĐT THỦ THỪA "
            "hoặc UBND XÃ MỸ AN (từ 01/7/2025).",
            carry=True,
        ),
        Field(
            "school_name",
            "Tên trường (đầy đủ)",
            required=True,
            help="Viết hoa chữ cái đầu như trong câu văn. Ví dụ: Trường Mẫu giáo Mỹ An.",
            carry=True,
        ),
        Field(
            "school_code",
            "Mã trường",
            required=True,
            help="Mã trường theo danh sách của đơn vị tổng hợp (để ghép báo cáo).",
            carry=True,
        ),
        Field("level", "Cấp học", Kind.CHOICE, required=True, choices="levels", carry=True),
        Field("commune", "Xã/phường/thị trấn", required=True, help="Ví dụ: Mỹ An.", carry=True),
        Field(
            "district",
            "Quận/huyện",
            help="Để trống nếu địa phương không còn cấp huyện (từ 01/7/2025).",
            carry=True,
        ),
        Field("province", "Tỉnh/thành phố", required=True, help="Ví dụ: Long An.", carry=True),
        Field(
            "report_year",
            "Năm báo cáo",
            Kind.INT,
            required=True,
            min=2000,
            max=2100,
            help="Năm của hoạt động được báo cáo, ví dụ 2020.",
        ),
        Field(
            "doc_number",
            "Số văn bản",
            Kind.INT,
            min=1,
            max=99999,
            help="Có thể để trống cho văn thư điền khi vào sổ.",
        ),
        Field(
            "doc_symbol",
            "Ký hiệu văn bản",
            required=True,
            help="BC- và chữ viết tắt tên trường, in hoa, không dấu cách. Ví dụ: BC-MGMA.",
            carry=True,
        ),
        Field(
            "place",
            "Địa danh (dòng ngày tháng)",
            required=True,
            help="Tên xã/phường nơi trường đóng. Ví dụ: Mỹ An.",
            carry=True,
        ),
        Field(
            "report_date",
            "Ngày báo cáo",
            Kind.DATE,
            required=True,
            help="Ngày ký báo cáo, dạng ngày/tháng/năm, ví dụ 05/01/2021.",
        ),
        Field(
            "request_kind",
            "Văn bản yêu cầu: loại",
            required=True,
            help="Ví dụ: Công văn, Kế hoạch, Hướng dẫn.",
        ),
        Field(
            "request_number",
            "Văn bản yêu cầu: số, ký hiệu",
            required=True,
            help="Ví dụ: 23/PGDĐT.",
        ),
        Field(
            "request_date",
            "Văn bản yêu cầu: ngày ban hành",
            Kind.DATE,
            required=True,
            help="Dạng ngày/tháng/năm, ví dụ 07/01/2020.",
        ),
        Field(
            "request_issuer",
            "Văn bản yêu cầu: cơ quan ban hành",
            required=True,
            help="Ghi đầy đủ. Ví dụ: Ủy ban nhân dân xã Mỹ An; Phòng Giáo dục và Đào tạo huyện "
            "Thủ Thừa (đến 30/6/2025).",
            carry=True,
        ),
        Field(
            "request_subject",
            "Văn bản yêu cầu: về việc",
            Kind.LONGTEXT,
            required=True,
            help="Trích yếu, viết thường chữ đầu, không ghi chữ «về» ở đầu (báo cáo tự thêm). "
            "Ví dụ: hoạt động thông tin đối ngoại năm 2020.",
        ),
        Field(
            "addressee",
            "Kính gửi (nếu có)",
            help="Ví dụ: Ủy ban nhân dân xã Mỹ An; Phòng Giáo dục và Đào tạo huyện Thủ Thừa (đến "
            "30/6/2025). Để trống nếu không cần.",
            carry=True,
        ),
        Field(
            "staff_total",
            "Tổng số cán bộ, giáo viên, nhân viên",
            Kind.INT,
            min=0,
            max=100000,
            help="Có thể để trống. Khi có tổng số, báo cáo ghi thêm tỉ lệ tham gia (21/25, 84%).",
        ),
        Field(
            "pupil_total",
            "Tổng số học sinh/trẻ",
            Kind.INT,
            min=0,
            max=1000000,
            help="Có thể để trống. Khi có tổng số, báo cáo ghi thêm tỉ lệ tham gia.",
        ),
        Field(
            "signer_authority",
            "Người ký: thẩm quyền (nếu ký thay)",
            help="Để trống nếu Hiệu trưởng ký. Ký thay thì ghi: KT. HIỆU TRƯỞNG.",
            carry=True,
        ),
        Field(
            "signer_title",
            "Người ký: chức vụ",
            required=True,
            help="In hoa. Ví dụ: HIỆU TRƯỞNG hoặc PHÓ HIỆU TRƯỞNG.",
            carry=True,
        ),
        Field(
            "signer_name",
            "Người ký: họ và tên",
            required=True,
            help="Ví dụ: Trần Thị Thu Hà.",
            carry=True,
        ),
    ),
    table=Table(
        carry=True,
        key="recipients",
        name="NoiNhan",
        title="Nơi nhận (mỗi nơi một dòng, dòng cuối: Lưu: VT)",
        columns=(
            Column(
                "name",
                "Nơi nhận",
                required=True,
                width=60,
                help="Ví dụ: UBND xã Mỹ An; Phòng GD&ĐT (đến 30/6/2025). Dòng cuối: Lưu: VT.",
            ),
        ),
    ),
)

SCHOOL_CONTENT = Sheet(
    name="Nội dung",
    code_name="Sheet3",
    title="I. CÔNG TÁC TUYÊN TRUYỀN VÀ II.1.a) NỘI DUNG TUYÊN TRUYỀN",
    intro="Mỗi nội dung tuyên truyền một dòng; chọn nhóm trong danh sách.",
    fields=(
        Field(
            "organisation",
            "Công tác tổ chức, triển khai (mục I)",
            Kind.LONGTEXT,
            required=True,
            width_hint=6,
            help="Nhà trường đã xây dựng kế hoạch gì, triển khai đến ai. Mỗi đoạn một dòng "
            "(Alt+Enter để xuống dòng trong ô).",
        ),
    ),
    table=Table(
        carry=True,
        key="content_items",
        name="NoiDung",
        title="Nội dung tuyên truyền",
        columns=(
            Column(
                "group",
                "Nhóm nội dung",
                Kind.CHOICE,
                required=True,
                choices="content_groups",
                width=40,
            ),
            Column("text", "Nội dung", Kind.LONGTEXT, required=True, width=80),
        ),
    ),
)

SCHOOL_CHANNELS = Sheet(
    name="Hình thức",
    code_name="Sheet4",
    title="II.1.b) HÌNH THỨC TUYÊN TRUYỀN",
    intro="Mỗi kênh hoặc hình thức một dòng: chọn kênh, ghi việc đã làm, số lượt (nếu có).",
    table=Table(
        carry=True,
        key="channels",
        name="HinhThuc",
        title="Hình thức tuyên truyền",
        columns=(
            Column(
                "channel",
                "Kênh, hình thức",
                Kind.CHOICE,
                required=True,
                choices="channels",
                width=40,
            ),
            Column("activity", "Việc đã thực hiện", Kind.LONGTEXT, required=True, width=70),
            Column(
                "count",
                "Số tin bài/lượt",
                Kind.INT,
                min=0,
                max=100000,
                width=14,
                help="Số nguyên từ 0 trở lên; có thể để trống.",
                carry=False,
            ),
        ),
    ),
)

SCHOOL_RESULTS = Sheet(
    name="Kết quả",
    code_name="Sheet5",
    title="III. KẾT QUẢ ĐẠT ĐƯỢC",
    intro="Điền số liệu, rồi mỗi kết quả một dòng trong bảng bên dưới.",
    fields=(
        Field(
            "staff_participants",
            "Số cán bộ, giáo viên, nhân viên tham gia",
            Kind.INT,
            required=True,
            min=0,
            max=100000,
        ),
        Field(
            "pupil_participants",
            "Số học sinh/trẻ tham gia",
            Kind.INT,
            required=True,
            min=0,
            max=1000000,
        ),
        Field("sessions", "Số lần tuyên truyền", Kind.INT, required=True, min=0, max=100000),
        Field(
            "news_items",
            "Số tin, bài đăng trên website/fanpage",
            Kind.INT,
            min=0,
            max=100000,
            help="Có thể để trống.",
        ),
        Field(
            "parents_reached",
            "Số phụ huynh được tuyên truyền",
            Kind.INT,
            min=0,
            max=1000000,
            help="Có thể để trống.",
        ),
    ),
    table=Table(
        key="results",
        name="KetQua",
        title="Kết quả đạt được",
        columns=(Column("text", "Kết quả", Kind.LONGTEXT, required=True, width=110),),
    ),
)

SCHOOL_FOLLOWUPS = Sheet(
    name="Khó khăn, đề xuất",
    code_name="Sheet6",
    title="KHÓ KHĂN, NHIỆM VỤ NĂM TỚI, KIẾN NGHỊ (nếu có)",
    intro="Không bắt buộc. Mỗi ý một dòng; mục nào để trống sẽ không có trong báo cáo.",
    table=Table(
        key="followups",
        name="DeXuat",
        title="Khó khăn, nhiệm vụ, kiến nghị",
        columns=(
            Column(
                "kind",
                "Loại",
                Kind.CHOICE,
                required=True,
                choices="followup_kinds",
                width=26,
            ),
            Column("text", "Nội dung", Kind.LONGTEXT, required=True, width=90),
        ),
    ),
)


# --- What the rules tell the user (``Words``: the validator fills the ``{names}``) ----------------
# The district workbook's rules use the same words where they check the same thing.

DOC_SYMBOL = r"^BC-[A-Z0-9Đ&]+$"


def doc_symbol_words(example: str) -> Words:
    """A document symbol not in the form ``BC-<body>``, with the workbook's own example."""
    return Words(
        "Không đúng dạng ký hiệu văn bản",
        f"Viết in hoa, không dấu cách, dạng {example} "
        "(BC- rồi chữ viết tắt tên đơn vị: chữ in hoa, chữ số, Đ, &)",
    )


# A symbol typed in small letters or with spaces (``bc-mgma``, ``BC-MG MA``) is the symbol the
# report prints in capitals without spaces: said, not refused.
DOC_SYMBOL_LOOSE = Words(
    "Ký hiệu văn bản viết in hoa, không có dấu cách; báo cáo sẽ ghi «{fixed}»", "Ghi: «{fixed}»"
)


PART_OF_WHOLE = Words(
    "Lớn hơn «{whole_label}» ({whole})",
    "Số tham gia không thể vượt tổng số; kiểm tra lại cả hai ô (ô tổng số: {whole_cell})",
)
NO_ROWS = Words(
    "Bảng «{title}» chưa có dòng nào (cần ít nhất {count})", "Điền ít nhất một dòng vào bảng"
)
REQUEST_BEFORE_REPORT = Words(
    "Sau «{later_label}» ({later})",
    "Văn bản yêu cầu phải ban hành trước ngày báo cáo; kiểm tra lại hai ngày",
)
# An Excel set to US dates (common on Windows in English) reads 05/01/2026 typed in a date cell
# as 1 May; 29/12/2020, which cannot be month/day, stays text and is read right. So a real date
# whose day and month exchanged would pass a date rule is most likely such a reading.
_SWAP_FIX = (
    "Nếu bạn đã gõ {typed} thì Excel trên máy này hiểu ngày theo kiểu Mỹ (tháng/ngày/năm). "
    "Gõ lại ngày theo dạng năm-tháng-ngày: {iso} (Excel nào cũng hiểu đúng)"
)
REQUEST_SWAPPED = Words(
    "Sau «{later_label}» ({later}): ô đang là ngày {day} tháng {month} năm {date_year}; có thể "
    "Excel đã đảo ngày và tháng",
    _SWAP_FIX,
)
DAY_FIRST = Words(
    "Ô đang là ngày {day} tháng {month} năm {date_year}, nhưng «{text_label}» gõ «{text}» thì "
    "Excel không hiểu là ngày: Excel trên máy này đọc tháng trước ngày, nên ngày và tháng ở ô "
    "này có thể đã bị đảo",
    "Nếu bạn đã gõ {typed} thì gõ lại dạng năm-tháng-ngày: {iso}; nếu ô đúng là ngày {shown} thì "
    "bỏ qua cảnh báo này",
)
AFTER_SAVED = Words(
    "Ô đang là ngày {day} tháng {month} năm {date_year}, hơn {days} ngày sau ngày tệp được lưu "
    "hay được kiểm tra ({saved}): có thể Excel đã đảo ngày và tháng",
    "Nếu bạn đã gõ {typed} thì gõ lại dạng năm-tháng-ngày: {iso}; nếu ô đúng là ngày {shown} thì "
    "bỏ qua cảnh báo này",
)
SAME_ROW = Words(
    "Trùng với dòng {row} của bảng «{title}»", "Xóa một trong hai dòng nếu là chép nhầm"
)
# From 1 July 2025 there is no district level (Nghị quyết 202/2025/QH15, Luật Tổ chức chính quyền
# địa phương 2025): a header naming it, in a report dated since, names a body that is no more.
DISTRICT_LEVEL_ABOLISHED = (2025, 7, 1)
DISTRICT_LEVEL_NAMES = (
    "PHÒNG GD&ĐT",
    "PHÒNG GDĐT",
    "PHÒNG GD-ĐT",
    "PHÒNG GIÁO DỤC",
    "PGD&ĐT",
    "PGDĐT",
    "HUYỆN",
    "QUẬN",
    "THỊ XÃ",
)
# The provinces merged into others on the same day (Nghị quyết 202/2025/QH15: 63 became 34), as
# a body's name writes them after «TỈNH» (Long An is now part of Tây Ninh).
MERGED_PROVINCES = (
    "HÀ GIANG", "YÊN BÁI", "BẮC KẠN", "HÒA BÌNH", "VĨNH PHÚC", "BẮC GIANG", "THÁI BÌNH",
    "HẢI DƯƠNG", "HÀ NAM", "NAM ĐỊNH", "QUẢNG BÌNH", "QUẢNG NAM", "KON TUM", "BÌNH ĐỊNH",
    "NINH THUẬN", "ĐẮK NÔNG", "BÌNH THUẬN", "PHÚ YÊN", "BÌNH DƯƠNG", "BÀ RỊA", "BÌNH PHƯỚC",
    "LONG AN", "TIỀN GIANG", "BẾN TRE", "TRÀ VINH", "SÓC TRĂNG", "HẬU GIANG", "BẠC LIÊU",
    "KIÊN GIANG",
    "BẮC CẠN", "ĐĂK NÔNG", "ĐẮC NÔNG", "KONTUM",  # as they are also written
)  # fmt: skip
# What a body's name may hold that names a level or a province gone since 1 July 2025.
ABOLISHED_NAMES = DISTRICT_LEVEL_NAMES + tuple(f"TỈNH {name}" for name in MERGED_PROVINCES)
ABOLISHED_LEVEL = Words(
    "Từ {since} không còn cấp huyện, nhiều tỉnh đã hợp nhất; «{found}» là tên cũ: báo cáo ngày "
    "này không gửi cơ quan đó được, đầu văn bản không ghi tên nó",
    "Ghi cơ quan quản lý trường hiện nay, in hoa: UBND xã, phường nơi trường đóng (mầm non, "
    "tiểu học, THCS), ví dụ UBND XÃ MỸ AN; Sở GD&ĐT của tỉnh (THPT), ví dụ SỞ GD&ĐT TÂY NINH",
)


# A request letter dated since then cannot come from a district office: the issuer typed last
# year, carried into this year's workbook (``new --from``), left as it was.
REQUEST_ABOLISHED = Words(
    "Từ {since} không còn cấp huyện, nhiều tỉnh đã hợp nhất; «{found}» là tên cũ: văn bản yêu "
    "cầu ngày này không do cơ quan đó ban hành; báo cáo sẽ ghi «Thực hiện ... của» cơ quan này",
    "Ghi cơ quan đã ban hành văn bản yêu cầu năm nay, như trên văn bản, ví dụ Ủy ban nhân dân xã "
    "Mỹ An, Sở Giáo dục và Đào tạo tỉnh Tây Ninh",
)
# A report dated since then cannot be sent to a district office: a recipient carried from last year.
RECIPIENT_ABOLISHED = Words(
    "Từ {since} không còn cấp huyện, nhiều tỉnh đã hợp nhất; «{found}» là tên cũ: báo cáo ngày "
    "này không gửi nơi này được",
    "Ghi nơi nhận hiện nay, thường là cơ quan đã yêu cầu báo cáo, ví dụ «UBND xã Mỹ An;», «Sở "
    "GD&ĐT;»; xóa dòng này nếu không cần",
)


PROVINCE_MERGED = Words(
    "Từ {since} tỉnh «{found}» đã hợp nhất với tỉnh khác (63 tỉnh, thành phố còn 34)",
    "Ghi tỉnh, thành phố hiện nay, ví dụ Tây Ninh (gồm cả Long An cũ)",
)


def abolished_level(
    key: str,
    date: str = "report_date",
    words: Words = ABOLISHED_LEVEL,
    names: tuple[str, ...] = ABOLISHED_NAMES,
) -> AbolishedLevel:
    """The district level, or a merged province, named in ``key`` of a document dated (``date``)
    since 1 July 2025."""
    return AbolishedLevel(key, date, DISTRICT_LEVEL_ABOLISHED, names, words=words)


def abolished_recipients(table: str = "recipients", column: str = "name") -> AbolishedLevelRows:
    """The district level named in a recipient of a report dated since 1 July 2025."""
    return AbolishedLevelRows(
        table,
        column,
        "report_date",
        DISTRICT_LEVEL_ABOLISHED,
        ABOLISHED_NAMES,
        words=RECIPIENT_ABOLISHED,
    )


ARCHIVE_LAST = Words(
    "Dòng cuối của «{title}» nên là «{prefix}.»", "Thêm dòng «{prefix}.» ở cuối danh sách nơi nhận"
)
CASE = Words("Viết {typed}; trong câu văn báo cáo ghi «{shown}»", "Ghi: «{fixed}»")
CASE_IN_HEADER = Words(
    "Viết {typed}; trong câu văn báo cáo ghi «{shown}» (dòng tên ở đầu văn bản vẫn in hoa như "
    "quy định)",
    "Ghi: «{fixed}»",
)


SCHOOL = WorkbookSchema(
    template_id="outreach-xl/truong",
    version=1,
    title="Báo cáo hoạt động thông tin đối ngoại (trường)",
    sheets=(
        SCHOOL_GUIDE,
        SCHOOL_GENERAL,
        SCHOOL_CONTENT,
        SCHOOL_CHANNELS,
        SCHOOL_RESULTS,
        SCHOOL_FOLLOWUPS,
        LISTS_SHEET,
        META_SHEET,
    ),
    lists=(LEVELS, CONTENT_GROUPS, CHANNELS, FOLLOWUP_KINDS),
    rules=(
        NotGreater("staff_participants", "staff_total", words=PART_OF_WHOLE),
        NotGreater("pupil_participants", "pupil_total", words=PART_OF_WHOLE),
        MinRows("content_items", 1, words=NO_ROWS),
        MinRows("channels", 1, words=NO_ROWS),
        Pattern(
            "doc_symbol",
            DOC_SYMBOL,
            words=doc_symbol_words("BC-MGMA"),
            loose=DOC_SYMBOL_LOOSE,
        ),
        DateInYear(
            "report_date",
            "report_year",
            grace_months=3,
            words=Words(
                "Ngày báo cáo không thuộc năm {year} (hoặc {grace_months} tháng đầu năm "
                "{next_year})",
                "Kiểm tra lại ngày báo cáo và năm báo cáo",
            ),
            swapped=Words(
                "Ô đang là ngày {day} tháng {month} năm {date_year}, không thuộc năm {year} "
                "(hoặc {grace_months} tháng đầu năm {next_year}); có thể Excel đã đảo ngày và "
                "tháng",
                _SWAP_FIX,
            ),
        ),
        DateNotAfter(
            "request_date", "report_date", words=REQUEST_BEFORE_REPORT, swapped=REQUEST_SWAPPED
        ),
        DayFirst(("report_date", "request_date"), words=DAY_FIRST),
        NotLongAfterSaved(("report_date", "request_date"), words=AFTER_SAVED),
        abolished_level("managing_body"),
        abolished_level("request_issuer", date="request_date", words=REQUEST_ABOLISHED),
        abolished_level("addressee", words=RECIPIENT_ABOLISHED),
        abolished_recipients(),
        abolished_level("province", words=PROVINCE_MERGED, names=MERGED_PROVINCES),
        PrefixIn(
            "signer_authority",
            SIGNER_AUTHORITIES,
            words=Words(
                "Thẩm quyền ký phải bắt đầu bằng {prefixes}",
                "Ví dụ: KT. HIỆU TRƯỞNG; để trống nếu người đứng đầu ký",
            ),
            bare=Words(
                "Chỉ ghi «{prefix}», thiếu chức vụ của người đứng đầu được ký thay",
                "Ghi đủ, ví dụ «{prefix} HIỆU TRƯỞNG» (dòng dưới là chức vụ người ký, ví dụ "
                "PHÓ HIỆU TRƯỞNG); để trống nếu Hiệu trưởng tự ký",
            ),
        ),
        SignsAlone(
            "signer_authority",
            "signer_title",
            SIGNER_ALONE,
            words=Words(
                "Người được giao quyền ký «{authority}» không ghi chức vụ bên dưới (Nghị định "
                "30/2020/NĐ-CP); báo cáo đã bỏ dòng «{title}»",
                "Ghi «{authority}» vào ô này và để trống ô «{key_label}»",
            ),
        ),
        NoLeadingWord(
            "request_subject",
            words=Words(
                "Bắt đầu bằng «về» mà báo cáo đã viết «... về» trước trích yếu; báo cáo đã tự bỏ "
                "chữ thừa",
                "Ghi: «{fixed}»",
            ),
        ),
        ProperCase("school_name", "body", words=CASE_IN_HEADER),
        ProperCase("request_issuer", "body", words=CASE),
        ProperCase("addressee", "body", words=CASE),
        ProperCase("place", "place", words=CASE),
        ProperCase("signer_name", "person", words=CASE),
        UniqueRows("content_items", ("text",), words=SAME_ROW),
        UniqueRows("channels", ("channel", "activity"), words=SAME_ROW),
        UniqueRows("results", ("text",), words=SAME_ROW),
        UniqueRows("followups", ("kind", "text"), words=SAME_ROW),
        UniqueRows("recipients", ("name",), words=SAME_ROW),
        LastRowStartsWith("recipients", "name", "Lưu: VT", words=ARCHIVE_LAST),
        NotADate(
            (
                "doc_number",
                "staff_total",
                "pupil_total",
                "staff_participants",
                "pupil_participants",
                "sessions",
                "news_items",
                "parents_reached",
            ),
            "channels",
            ("count",),
            words=Words(
                "Là số Excel dùng cho ngày {date}: có lẽ số gõ có dấu «/» (như 3/5) đã bị đổi "
                "thành ngày",
                "Gõ lại chỉ một số, bằng chữ số, không có dấu «/»",
            ),
        ),
        NotZero(
            "sessions",
            words=Words(
                "Bằng 0: trong năm không có lần tuyên truyền nào?",
                "Kiểm tra lại; nếu đúng là 0 thì có thể bỏ qua cảnh báo này",
            ),
        ),
    ),
)
