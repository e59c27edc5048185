"""The one description of every workbook: sheets, fields, lists, rules and roll-up columns.

The workbook builder, the readers, the validator, the report context and the roll-up all derive
from the objects defined here; no other module lists cells.

Layout convention shared by builder and reader (so an inserted row or a moved table breaks nothing):
- column A of every input sheet is hidden and holds the machine key of the row: a field key for a
  form row, ``#table:<key>`` on the header row of a list table;
- on a form row the label is in the column after the key and the value in the one after that;
- each sheet holds at most one list table, always below its form rows, so it can grow downwards;
  its columns are found by their header text, every row below the header is a data row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

TABLE_MARKER = "#table:"
KEY_COL = 0  # column A
LABEL_OFFSET = 1
VALUE_OFFSET = 2
HELP_OFFSET = 3


class Kind(str, Enum):
    """The type of a field or column, which fixes how it is validated in Excel and parsed."""

    TEXT = "text"
    LONGTEXT = "longtext"  # several paragraphs in one cell, one per line
    INT = "int"
    DATE = "date"
    CHOICE = "choice"  # one value of a named list


class Severity(str, Enum):
    """Errors stop a report; warnings are shown and the report is made."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Choice:
    """One entry of a drop-down list: a stable code, the label users see, a short column heading."""

    code: str
    label: str
    short: str = ""

    @property
    def heading(self) -> str:
        return self.short or self.label


@dataclass(frozen=True)
class ChoiceList:
    """A named drop-down list, written to the hidden lists sheet, referenced by a defined name."""

    key: str
    name: str  # Excel defined name (ASCII)
    title: str
    choices: tuple[Choice, ...]
    strict: bool = True  # False: other values are allowed with a warning (users add their own)

    def labels(self) -> tuple[str, ...]:
        return tuple(c.label for c in self.choices)

    def by_label(self, label: str) -> Choice | None:
        folded = label.casefold()
        for choice in self.choices:
            if choice.label.casefold() == folded:
                return choice
        return None

    def code_of(self, label: str) -> str:
        """The code of a label; labels not on the list count as 'other'."""
        choice = self.by_label(label)
        return choice.code if choice else OTHER


OTHER = "other"


@dataclass(frozen=True)
class Field:
    """One labelled input cell of a form sheet."""

    key: str
    label: str
    kind: Kind = Kind.TEXT
    required: bool = False
    help: str = ""
    choices: str | None = None  # key of a ChoiceList
    min: int | None = None
    max: int | None = None
    width_hint: int = 0  # rows of height for long text


@dataclass(frozen=True)
class Column:
    """One column of a list table."""

    key: str
    label: str
    kind: Kind = Kind.TEXT
    required: bool = False
    help: str = ""
    choices: str | None = None
    min: int | None = None
    max: int | None = None
    width: int = 30


@dataclass(frozen=True)
class Table:
    """A list that grows downwards (an Excel table): content items, channels, results..."""

    key: str
    name: str  # Excel table name (ASCII, unique in the workbook)
    title: str
    columns: tuple[Column, ...]
    help: str = ""

    def column(self, key: str) -> Column:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(key)


@dataclass(frozen=True)
class Sheet:
    """A worksheet: its Vietnamese name, its VBA code name, a title, form fields and one table."""

    name: str
    code_name: str
    title: str = ""
    intro: str = ""
    fields: tuple[Field, ...] = ()
    table: Table | None = None
    hidden: bool = False
    kind: str = "input"  # input | guide | lists | meta | output


# --- Cross-field rules: declared here, checked by validate.py ------------------------------------


@dataclass(frozen=True)
class NotGreater:
    """``part`` may not exceed ``whole`` (participants and totals)."""

    part: str
    whole: str
    severity: Severity = Severity.ERROR


@dataclass(frozen=True)
class MinRows:
    """A table needs at least ``count`` filled rows."""

    table: str
    count: int = 1
    severity: Severity = Severity.ERROR


@dataclass(frozen=True)
class Pattern:
    """A text field must match a regular expression (document symbols)."""

    key: str
    regex: str
    example: str
    severity: Severity = Severity.ERROR


@dataclass(frozen=True)
class DateInYear:
    """A date must fall in the report year or the first ``grace_months`` months of the next."""

    key: str
    year: str
    grace_months: int = 3
    severity: Severity = Severity.ERROR


@dataclass(frozen=True)
class DateNotAfter:
    """``earlier`` may not be after ``later`` (the request letter precedes the report)."""

    earlier: str
    later: str
    severity: Severity = Severity.ERROR


@dataclass(frozen=True)
class UniqueRows:
    """The same row twice in a list is most likely a copy-paste slip."""

    table: str
    columns: tuple[str, ...]
    severity: Severity = Severity.WARNING


@dataclass(frozen=True)
class LastRowStartsWith:
    """The recipients list ends with the archive line ``Lưu: VT`` (Nghị định 30)."""

    table: str
    column: str
    prefix: str
    severity: Severity = Severity.WARNING


@dataclass(frozen=True)
class NotZero:
    """A figure of zero is allowed but unusual (no session held at all)."""

    key: str
    severity: Severity = Severity.WARNING


@dataclass(frozen=True)
class PrefixIn:
    """A text field, when filled, must start with one of the given prefixes (``KT.``, ``TM.``)."""

    key: str
    prefixes: tuple[str, ...]
    severity: Severity = Severity.ERROR


Rule = (
    NotGreater
    | MinRows
    | Pattern
    | DateInYear
    | DateNotAfter
    | UniqueRows
    | LastRowStartsWith
    | NotZero
    | PrefixIn
)


@dataclass(frozen=True)
class WorkbookSchema:
    """A whole workbook template: its id and version (stored in the file), sheets, lists, rules."""

    template_id: str
    version: int
    title: str
    sheets: tuple[Sheet, ...]
    lists: tuple[ChoiceList, ...]
    rules: tuple[Rule, ...] = ()

    def sheet(self, name: str) -> Sheet:
        for sheet in self.sheets:
            if sheet.name == name:
                return sheet
        raise KeyError(name)

    def input_sheets(self) -> tuple[Sheet, ...]:
        return tuple(s for s in self.sheets if s.kind == "input")

    def fields(self) -> dict[str, tuple[Sheet, Field]]:
        return {f.key: (s, f) for s in self.sheets for f in s.fields}

    def tables(self) -> dict[str, tuple[Sheet, Table]]:
        return {s.table.key: (s, s.table) for s in self.sheets if s.table}

    def choice_list(self, key: str) -> ChoiceList:
        for lst in self.lists:
            if lst.key == key:
                return lst
        raise KeyError(key)

    def meta_sheet(self) -> Sheet:
        return next(s for s in self.sheets if s.kind == "meta")

    def sheets_to_read(self) -> tuple[str, ...]:
        """What a reader needs: the input sheets and the template metadata, not the guide."""
        return (*(s.name for s in self.input_sheets()), self.meta_sheet().name)

    def code_names(self) -> tuple[str, ...]:
        """Document module names in sheet order: the one list XlsxWriter and the VBA writer use."""
        return ("ThisWorkbook", *(s.code_name for s in self.sheets))


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
        ),
        Field(
            "school_name",
            "Tên trường (đầy đủ)",
            required=True,
            help="Viết hoa chữ cái đầu như trong câu văn. Ví dụ: Trường Mẫu giáo Mỹ An.",
        ),
        Field(
            "school_code",
            "Mã trường",
            required=True,
            help="Mã trường theo danh sách của đơn vị tổng hợp (để ghép báo cáo).",
        ),
        Field("level", "Cấp học", Kind.CHOICE, required=True, choices="levels"),
        Field("commune", "Xã/phường/thị trấn", required=True, help="Ví dụ: Mỹ An."),
        Field(
            "district",
            "Quận/huyện",
            help="Để trống nếu địa phương không còn cấp huyện (từ 01/7/2025).",
        ),
        Field("province", "Tỉnh/thành phố", required=True, help="Ví dụ: Long An."),
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
        ),
        Field(
            "place",
            "Địa danh (dòng ngày tháng)",
            required=True,
            help="Tên xã/phường nơi trường đóng. Ví dụ: Mỹ An.",
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
            help="Ghi đầy đủ. Ví dụ: Phòng Giáo dục và Đào tạo huyện Thủ Thừa.",
        ),
        Field(
            "request_subject",
            "Văn bản yêu cầu: về việc",
            Kind.LONGTEXT,
            required=True,
            help="Trích yếu, viết thường chữ đầu. Ví dụ: hoạt động thông tin đối ngoại năm 2020.",
        ),
        Field(
            "addressee",
            "Kính gửi (nếu có)",
            help="Ví dụ: Phòng Giáo dục và Đào tạo huyện Thủ Thừa. Để trống nếu không cần.",
        ),
        Field(
            "staff_total",
            "Tổng số cán bộ, giáo viên, nhân viên",
            Kind.INT,
            required=True,
            min=0,
            max=100000,
        ),
        Field(
            "pupil_total",
            "Tổng số học sinh/trẻ",
            Kind.INT,
            required=True,
            min=0,
            max=1000000,
        ),
        Field(
            "signer_authority",
            "Người ký: thẩm quyền (nếu ký thay)",
            help="Để trống nếu Hiệu trưởng ký. Ký thay thì ghi: KT. HIỆU TRƯỞNG.",
        ),
        Field(
            "signer_title",
            "Người ký: chức vụ",
            required=True,
            help="In hoa. Ví dụ: HIỆU TRƯỞNG hoặc PHÓ HIỆU TRƯỞNG.",
        ),
        Field("signer_name", "Người ký: họ và tên", required=True, help="Ví dụ: Trần Thị Thu Hà."),
    ),
    table=Table(
        key="recipients",
        name="NoiNhan",
        title="Nơi nhận (mỗi nơi một dòng, dòng cuối: Lưu: VT)",
        columns=(
            Column(
                "name",
                "Nơi nhận",
                required=True,
                width=60,
                help="Ví dụ: Phòng GD&ĐT. Dòng cuối: Lưu: VT.",
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

LISTS_SHEET = Sheet(name="Danh mục", code_name="Sheet7", hidden=True, kind="lists")
META_SHEET = Sheet(name="Thông tin mẫu", code_name="Sheet8", hidden=True, kind="meta")

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
        NotGreater("staff_participants", "staff_total"),
        NotGreater("pupil_participants", "pupil_total"),
        MinRows("content_items", 1),
        MinRows("channels", 1),
        Pattern("doc_symbol", r"^BC-[A-Z0-9Đ&]+$", "BC-MGMA"),
        DateInYear("report_date", "report_year", grace_months=3),
        DateNotAfter("request_date", "report_date"),
        PrefixIn("signer_authority", SIGNER_AUTHORITIES),
        UniqueRows("content_items", ("text",)),
        UniqueRows("channels", ("channel", "activity")),
        UniqueRows("results", ("text",)),
        UniqueRows("followups", ("kind", "text")),
        UniqueRows("recipients", ("name",)),
        LastRowStartsWith("recipients", "name", "Lưu: VT"),
        NotZero("sessions"),
    ),
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
            required=True,
            help="Ví dụ: UBND HUYỆN THỦ THỪA; từ 01/7/2025: UBND TỈNH TÂY NINH hoặc để trống.",
        ),
        Field(
            "unit_name",
            "Đơn vị tổng hợp (tên đầy đủ)",
            required=True,
            help="Ví dụ: Phòng Giáo dục và Đào tạo; UBND xã Mỹ An; Sở Giáo dục và Đào tạo.",
        ),
        Field("report_year", "Năm báo cáo", Kind.INT, required=True, min=2000, max=2100),
        Field(
            "schools_folder",
            "Thư mục chứa tệp của các trường",
            help="Đường dẫn thư mục; để trống thì dùng thư mục của tệp này.",
        ),
        Field("doc_number", "Số văn bản", Kind.INT, min=1, max=99999),
        Field(
            "doc_symbol",
            "Ký hiệu văn bản",
            required=True,
            help="Ví dụ: BC-PGDĐT hoặc BC-UBND.",
        ),
        Field("place", "Địa danh (dòng ngày tháng)", required=True, help="Ví dụ: Thủ Thừa."),
        Field("report_date", "Ngày báo cáo", Kind.DATE, required=True),
        Field(
            "addressee",
            "Kính gửi (nếu có)",
            help="Ví dụ: Sở Giáo dục và Đào tạo tỉnh Long An.",
        ),
        Field("signer_authority", "Người ký: thẩm quyền (nếu ký thay)"),
        Field("signer_title", "Người ký: chức vụ", required=True, help="Ví dụ: TRƯỞNG PHÒNG."),
        Field("signer_name", "Người ký: họ và tên", required=True),
    ),
    table=Table(
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

DISTRICT_ROLLUP = Sheet(name="Tổng hợp", code_name="Sheet4", kind="output")
DISTRICT_STATUS = Sheet(name="Tình trạng nộp", code_name="Sheet5", kind="output")

DISTRICT = WorkbookSchema(
    template_id="outreach-xl/tonghop",
    version=1,
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
        Pattern("doc_symbol", r"^BC-[A-Z0-9Đ&]+$", "BC-PGDĐT"),
        UniqueRows("schools", ("code",)),
        LastRowStartsWith("recipients", "name", "Lưu: VT"),
    ),
)


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
    RollupColumn("status", "Tình trạng", 12, "text", "", "Kiểm tra"),
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


@dataclass(frozen=True)
class Limits:
    """Caps that keep one hostile file from exhausting memory or time."""

    max_file_bytes: int = 20 * 1024 * 1024
    max_uncompressed_bytes: int = 100 * 1024 * 1024
    max_zip_ratio: int = 200
    max_rows: int = 5000
    max_cell_chars: int = 32767  # Excel's own limit for one cell
    extra: dict[str, int] = field(default_factory=dict)


LIMITS = Limits()
