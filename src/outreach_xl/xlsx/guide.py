"""The Vietnamese text of each workbook's first sheet: what to fill, in which order, buttons."""

from __future__ import annotations

from outreach_xl.schema import SCHOOL, WorkbookSchema

_SCHOOL = (
    (True, "Các bước thực hiện"),
    (
        False,
        "1. Trang «Thông tin chung»: điền tên cơ quan chủ quản, tên trường, mã trường, năm báo "
        "cáo, ký hiệu văn bản, văn bản yêu cầu báo cáo, tổng số cán bộ và học sinh, người ký "
        "và nơi nhận (mỗi nơi một dòng, dòng cuối là «Lưu: VT»).",
    ),
    (
        False,
        "2. Trang «Nội dung»: viết công tác tổ chức, triển khai (mục I); rồi mỗi nội dung "
        "tuyên truyền một dòng, chọn nhóm nội dung trong danh sách.",
    ),
    (
        False,
        "3. Trang «Hình thức»: mỗi kênh, hình thức tuyên truyền một dòng: chọn kênh, ghi việc "
        "đã làm và số tin bài hoặc số lượt (nếu có).",
    ),
    (
        False,
        "4. Trang «Kết quả»: điền số cán bộ, học sinh tham gia, số lần tuyên truyền; rồi mỗi "
        "kết quả một dòng.",
    ),
    (
        False,
        "5. Trang «Khó khăn, đề xuất» (không bắt buộc): khó khăn, nhiệm vụ năm tới, kiến nghị. "
        "Mục nào để trống sẽ không có trong báo cáo.",
    ),
    (True, "Các nút ở trên"),
    (
        False,
        "• «Kiểm tra dữ liệu»: kiểm tra các ô đã điền; lỗi và cảnh báo hiện ở trang «Kiểm tra», "
        "ô có lỗi được tô đỏ. Bấm vào địa chỉ ô để đến chỗ cần sửa.",
    ),
    (
        False,
        "• «Tạo báo cáo Word»: tạo tệp báo cáo .docx đúng thể thức Nghị định 30/2020/NĐ-CP, "
        "lưu cạnh tệp này. Nếu còn lỗi, báo cáo chưa được tạo.",
    ),
    (True, "Lưu ý"),
    (
        False,
        "• Ô màu vàng là ô để điền. Ô có dấu * là bắt buộc. Không xóa cột A (cột ẩn) và không "
        "đổi tên các trang, tiêu đề cột của bảng.",
    ),
    (
        False,
        "• Muốn thêm dòng vào bảng: gõ ngay vào dòng dưới cùng của bảng, hoặc bấm chuột phải "
        "> Chèn > Dòng của bảng. Có thể dán văn bản từ Word vào ô; chữ dán từ văn bản cũ gõ "
        "bằng phông .VnTime (TCVN3) hay VNI-Times được đọc thành chữ Unicode, và nút «Kiểm tra» "
        "chỉ ra các ô đó.",
    ),
    (
        False,
        "• Ô ngày: gõ ngày/tháng/năm, ví dụ 05/01/2021, rồi nhìn lại ô. Máy đặt ngày kiểu Mỹ thì "
        "Excel đảo ngày và tháng (ô hiện 01/05/2021) hoặc báo «Excel chưa hiểu đây là ngày» (bấm "
        "Yes để giữ): gõ dạng năm-tháng-ngày, 2021-01-05, máy nào cũng hiểu đúng.",
    ),
    (
        False,
        "• Không dùng Excel? Có thể điền bằng LibreOffice hoặc WPS rồi dùng lệnh "
        "«outreach-xl validate» và «outreach-xl report» trên máy tính.",
    ),
    (
        False,
        "• Năm sau không phải điền lại từ đầu: mở cửa sổ lệnh trong thư mục chứa tệp này và gõ "
        "«outreach-xl new --from <tên tệp này>», ví dụ «outreach-xl new --from "
        "BaoCao_TTDN_2024.xlsm». Chương trình tạo tệp mới cho năm sau (BaoCao_TTDN_2025.xlsm): "
        "giữ thông tin chung của trường, ký hiệu văn bản, cơ quan ban hành văn bản yêu cầu, "
        "người ký, nơi nhận, các nội dung và các kênh tuyên truyền (không giữ số lượt); để trống "
        "số văn bản, ngày tháng, các số liệu, kết quả và khó khăn. Tệp năm nay không bị sửa.",
    ),
)

_DISTRICT = (
    (True, "Các bước thực hiện"),
    (
        False,
        "1. Trang «Cấu hình»: tên cơ quan chủ quản, đơn vị tổng hợp, năm báo cáo, thư mục chứa "
        "tệp của các trường, ký hiệu văn bản, văn bản yêu cầu của cấp trên (nếu có), người ký "
        "và nơi nhận. Trang này còn lỗi thì chưa tạo được báo cáo tổng hợp. Muốn so sánh với "
        "năm trước: ghi vào ô «Tệp tổng hợp năm trước» đường dẫn tệp kết quả tổng hợp năm trước.",
    ),
    (
        False,
        "2. Trang «Danh sách trường»: mỗi trường phải báo cáo một dòng; mã trường phải trùng "
        "với mã trường trong tệp của trường.",
    ),
    (
        False,
        "3. Chép tệp báo cáo (.xlsx, .xlsm) của các trường vào thư mục đã khai báo.",
    ),
    (True, "Các nút ở trên"),
    (
        False,
        "• «Tổng hợp các trường»: đọc mọi tệp trong thư mục, điền trang «Tổng hợp» (mỗi trường "
        "một dòng, có dòng tổng) và trang «Tình trạng nộp» (trường đã nộp, nộp có lỗi, chưa "
        "nộp, tệp không đọc được và lý do). Tệp của các trường không bị sửa. Nếu có tệp tổng "
        "hợp năm trước: thêm số liệu năm trước và mức tăng, giảm của từng trường và của cả đơn "
        "vị, và danh sách trường năm trước đã nộp, năm nay chưa nộp.",
    ),
    (
        False,
        "• «Tạo báo cáo tổng hợp»: tạo báo cáo Word của đơn vị từ số liệu tổng hợp, lưu cạnh "
        "tệp này.",
    ),
    (True, "Lưu ý"),
    (
        False,
        "• Một trường gửi hai tệp: chương trình giữ báo cáo có ngày muộn hơn và ghi tệp kia là "
        "«trùng» trong trang «Tình trạng nộp» («trùng nội dung» nếu hai tệp giống hệt nhau).",
    ),
    (
        False,
        "• Tệp có năm báo cáo khác năm ở trang «Cấu hình» không bao giờ được tính: ghi là «Sai "
        "năm báo cáo».",
    ),
    (
        False,
        "• Số liệu tổng hợp chỉ gồm báo cáo không có lỗi của các trường trong danh sách; trang "
        "«Tổng hợp» và báo cáo Word ghi rõ trường nào không được tính và vì sao.",
    ),
    (
        False,
        "• Năm sau: gõ «outreach-xl new --district --from <tên tệp này>» (ví dụ «outreach-xl "
        "new --district --from TongHop_TTDN_2024.xlsm») để có tệp tổng hợp năm sau giữ nguyên "
        "trang «Cấu hình» (trừ năm, số và ngày văn bản) và «Danh sách trường». Tệp năm nay "
        "không bị sửa.",
    ),
)


# The committed workbook/*.xlsm name xlwings' default "python", which a stock Mac lacks and a
# Windows PC may not have on its PATH: only a file made by ``outreach-xl new`` names the Python
# that has outreach-xl installed. The first sheet of every workbook with buttons says so.
_INTERPRETER = (
    False,
    "• Các nút bấm chạy chương trình Python được ghi sẵn trong tệp. Chỉ tệp tạo bằng lệnh "
    "«outreach-xl new» trên chính máy này mới gọi đúng chương trình đó; tệp mẫu tải về "
    "(truong.xlsm, tonghop.xlsm) gọi «python» chung, máy Mac thường không có. Nếu bấm nút mà "
    "Excel báo không tìm thấy Python («Could not find Interpreter»), hãy tạo tệp mới bằng lệnh "
    "«outreach-xl new» rồi chép dữ liệu sang.",
)


def guide_lines(schema: WorkbookSchema, buttons: bool = False) -> tuple[tuple[bool, str], ...]:
    """(is_heading, text) lines of the guide sheet of a template (with buttons: which Python)."""
    lines = _SCHOOL if schema.template_id == SCHOOL.template_id else _DISTRICT
    return (*lines, _INTERPRETER) if buttons else lines
