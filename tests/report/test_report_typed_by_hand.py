"""A second school typed by hand into the blank workbook through LibreOffice, with a clerk's usual
slips (names in capitals and in small letters, labels typed instead of picked, a subject starting
with «về», a bare «KT.», stray marks at the ends of lines), then reported line by line. A fifth
school (TH&THCS, after the 2025 merger) with other slips: a date read month first, 1.180 and 80%
in counts, TH-THCS, Facebok, channels named with the school's words, an acting head's «Q.» above a
deputy's title, rows left empty; its report and its line of the roll-up read line by line.

UNO is only importable by Debian's own /usr/bin/python3, so ``uno_typist.py`` runs there.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from report_view import open_docx, texts

from outreach_xl.cli import main
from outreach_xl.core.model import SchoolData
from outreach_xl.schema import DISTRICT
from outreach_xl.xlsx.builder import build_workbook

SYSTEM_PYTHON = "/usr/bin/python3"
TYPIST = Path(__file__).with_name("uno_typist.py")


def _uno_missing() -> str:
    if shutil.which("soffice") is None:
        return "LibreOffice (soffice) is not installed"
    probe = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import uno"], capture_output=True, timeout=60, check=False
    )
    return "" if probe.returncode == 0 else "python3-uno is not installed for /usr/bin/python3"


MISSING = _uno_missing() if Path(SYSTEM_PYTHON).exists() else f"{SYSTEM_PYTHON} is missing"
pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.slow,
    pytest.mark.skipif(bool(MISSING), reason=MISSING),
]

ENTRIES: dict[str, Any] = {
    "fields": {
        "managing_body": "Phòng GD&ĐT Cần Giuộc",
        "school_name": "TRƯỜNG MẪU GIÁO LONG THƯỢNG",
        "school_code": "80509876",
        "level": "mẫu giáo",
        "commune": "Long Thượng",
        "district": "Cần Giuộc",
        "province": "Long An",
        "report_year": "2020",
        "doc_number": "7",
        "doc_symbol": "BC-MGLT",
        "place": "LONG THƯỢNG",
        "report_date": "2020-12-28",
        "request_kind": "Công văn",
        "request_number": "45/PGDĐT",
        "request_date": "2020-01-10",
        "request_issuer": "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO HUYỆN CẦN GIUỘC",
        "request_subject": "về hoạt động thông tin đối ngoại của ngành giáo dục năm 2020.",
        "signer_authority": "KT.",
        "signer_title": "Phó Hiệu trưởng",
        "signer_name": "nguyễn văn a",
        "organisation": "Nhà trường xây dựng kế hoạch thông tin đối ngoại năm 2020, triển khai "
        "đến toàn thể cán bộ, giáo viên, nhân viên;",
        "staff_participants": "18",
        "pupil_participants": "150",
        "sessions": "3",
    },
    "tables": {
        "recipients": [
            {"Nơi nhận": "- Phòng GD&ĐT;"},
            {"Nơi nhận": "UBND xã Long Thượng."},
            {"Nơi nhận": "Lưu VT"},
        ],
        "content_items": [
            {
                "Nhóm nội dung": "Khác",
                "Nội dung": "Tuyên truyền về truyền thống lịch sử địa phương Long Thượng;",
            },
            {
                "Nhóm nội dung": "Chủ quyền biển, đảo, biên giới",
                "Nội dung": "- Giới thiệu biển đảo quê hương qua tranh ảnh..",
            },
        ],
        "channels": [
            {
                "Kênh, hình thức": "zalo",
                "Việc đã thực hiện": "Đăng 8 bài về hoạt động của trường trên nhóm phụ huynh",
                "Số tin bài/lượt": "8",
            },
            {
                "Kênh, hình thức": "Facebook",
                "Việc đã thực hiện": "Facebook trường đăng 12 tin, ảnh hoạt động.",
                "Số tin bài/lượt": "12",
            },
        ],
        "results": [
            {"Kết quả": "Phụ huynh nắm được hoạt động của trường;"},
            {"Kết quả": "Trẻ biết về biển đảo quê hương.."},
        ],
    },
}


def typed(folder: Path, entries: dict[str, Any]) -> Path:
    folder.mkdir()
    tmp_path = folder
    blank = tmp_path / "trong.xlsx"
    assert main(["new", "--no-macros", "-o", str(blank)]) == 0
    (tmp_path / "entries.json").write_text(json.dumps(entries, ensure_ascii=False), "utf-8")
    target = tmp_path / "BaoCao_TTDN_2020_MGLT.xlsx"
    subprocess.run(
        [SYSTEM_PYTHON, str(TYPIST), str(blank), str(target), str(tmp_path / "entries.json"),
         str(tmp_path / "profile")],
        check=True, timeout=300, capture_output=True,
    )  # fmt: skip
    return target


def test_a_school_typed_by_hand_reads_right_line_by_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = typed(tmp_path / "lan1", ENTRIES)
    assert main(["report", str(book)]) == 1  # the bare «KT.» stops it, saying what to type
    assert "Ghi đủ, ví dụ «KT. HIỆU TRƯỞNG»" in capsys.readouterr().err
    fixed = json.loads(json.dumps(ENTRIES))
    fixed["fields"]["signer_authority"] = "KT. HIỆU TRƯỞNG"
    book = typed(tmp_path / "lan2", fixed)
    assert main(["report", str(book)]) == 0
    out = capsys.readouterr().out
    for warned in ("Tên trường (đầy đủ)", "Người ký: họ và tên", "Văn bản yêu cầu: về việc"):
        assert warned in out
    lines = texts(open_docx(book.with_suffix(".docx").read_bytes()))
    assert [" ".join(line.split()) for line in lines] == [
        "PHÒNG GD&ĐT CẦN GIUỘC",
        "TRƯỜNG MẪU GIÁO LONG THƯỢNG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 07/BC-MGLT",
        "Long Thượng, ngày 28 tháng 12 năm 2020",
        "BÁO CÁO",
        "Hoạt động thông tin đối ngoại của Trường Mẫu giáo Long Thượng năm 2020",
        "Thực hiện Công văn số 45/PGDĐT ngày 10/01/2020 của Phòng Giáo dục và Đào tạo huyện Cần "
        "Giuộc về hoạt động thông tin đối ngoại của ngành giáo dục năm 2020, Trường Mẫu giáo Long "
        "Thượng báo cáo kết quả triển khai thực hiện hoạt động thông tin đối ngoại năm 2020 với "
        "các nội dung như sau:",
        "I. CÔNG TÁC TUYÊN TRUYỀN",
        "Nhà trường xây dựng kế hoạch thông tin đối ngoại năm 2020, triển khai đến toàn thể cán "
        "bộ, giáo viên, nhân viên.",
        "II. NỘI DUNG THỰC HIỆN",
        "1. Hoạt động truyền thông, tuyên truyền",
        "a) Nội dung tuyên truyền:",
        "- Tuyên truyền về truyền thống lịch sử địa phương Long Thượng;",
        "- Giới thiệu biển đảo quê hương qua tranh ảnh.",
        "b) Hình thức tuyên truyền:",
        "- Mạng xã hội Zalo: đăng 8 bài về hoạt động của trường trên nhóm phụ huynh (số tin, bài, "
        "lượt: 8);",
        "- Facebook trường đăng 12 tin, ảnh hoạt động (số tin, bài, lượt: 12).",
        "III. KẾT QUẢ ĐẠT ĐƯỢC",
        "- Phụ huynh nắm được hoạt động của trường;",
        "- Trẻ biết về biển đảo quê hương;",
        "- Số cán bộ, giáo viên, nhân viên tham gia: 18;",
        "- Số học sinh tham gia: 150;",
        "- Số lần tuyên truyền: 3.",
        "Trên đây là báo cáo hoạt động thông tin đối ngoại của Trường Mẫu giáo Long Thượng năm "
        "2020./.",
        "Nơi nhận:",
        "- Phòng GD&ĐT;",
        "- UBND xã Long Thượng;",
        "- Lưu: VT.",
        "KT. HIỆU TRƯỞNG",
        "PHÓ HIỆU TRƯỞNG",
        "Nguyễn Văn A",
    ]


# --- A fifth school: a primary and lower-secondary school (TH&THCS) after the 2025 merger --------

FIFTH: dict[str, Any] = {
    "fields": {
        "managing_body": "UBND xã Long Hậu",
        "school_name": "Trường TH&THCS  Long Hậu ",  # two spaces inside, one at the end
        "school_code": "80507788\u00a0",  # pasted from a web page, with its no-break space
        "level": "TH-THCS",  # a dash for «&»
        "commune": "Long Hậu",
        "district": "Cần Giuộc",  # a district no longer there (from 01/7/2025): printed nowhere
        "province": "Long An",
        "report_year": "2025",
        "doc_number": "12",
        "doc_symbol": "BC-THCSLH",
        "place": "Long Hậu",
        "report_date": "05/01/2026",  # read month first by LibreOffice in English: 1 May
        "request_kind": "Kế hoạch",
        "request_number": "102/KH-UBND",
        "request_date": "05-01-2025",  # dashes: kept as text, read day first
        "request_issuer": "Ủy ban nhân dân xã Long Hậu",
        "request_subject": "thực hiện công tác thông tin đối ngoại năm 2025",
        "staff_total": "62 ",
        "pupil_total": "1250",
        "signer_authority": "Q. HIỆU TRƯỞNG",  # an acting head ...
        "signer_title": "PHÓ HIỆU TRƯỞNG",  # ... who is a deputy: no title below Q.
        "signer_name": "võ  thị  ngọc  hân",
        "organisation": "Nhà trường xây dựng Kế hoạch số 15/KH-THCSLH về thông tin đối ngoại "
        "năm 2025.",
        "staff_participants": "58",
        "pupil_participants": "1.180",  # Vietnamese thousands: 1.18 in English
        "sessions": "80%",  # a share: 0.8
        "news_items": "1,250",  # English thousands: 1250
        "parents_reached": "250",
    },
    "tables": {
        "recipients": [
            {"Nơi nhận": "Như trên;"},
            {},  # a row left empty
            {"Nơi nhận": "UBND xã Long Hậu (để b/c);"},
            {"Nơi nhận": "Lưu: VT, HS."},
        ],
        "content_items": [
            {
                "Nhóm nội dung": "Chủ quyền biển, đảo, biên giới",
                "Nội dung": "Tuyên truyền chủ quyền biển đảo cho học sinh khối 8, 9",
            },
            {},
            {
                "Nhóm nội dung": "phản bác tin sai",
                "Nội dung": "Hướng dẫn học sinh nhận biết tin giả trên mạng xã hội",
            },
        ],
        "channels": [
            {
                "Kênh, hình thức": "Facebok",
                "Việc đã thực hiện": "Đăng tin hoạt động trên fanpage trường",
                "Số tin bài/lượt": "125",
            },
            {
                "Kênh, hình thức": "Nhóm Zalo phụ huynh các lớp",
                "Việc đã thực hiện": "Gửi thông báo, hình ảnh hoạt động",
                "Số tin bài/lượt": "40",
            },
            {
                "Kênh, hình thức": "Loa phát thanh của trường",
                "Việc đã thực hiện": "Phát thanh giờ ra chơi thứ Hai hằng tuần",
                "Số tin bài/lượt": "35 lượt",
            },
            {
                "Kênh, hình thức": "Youtube",
                "Việc đã thực hiện": "Đăng video ngày hội đọc sách",
                "Số tin bài/lượt": "\uff13",  # a full-width 3
            },
        ],
        "results": [
            {"Kết quả": "Học sinh hiểu rõ hơn về chủ quyền biển, đảo;"},
            {},
            {"Kết quả": "Phụ huynh phối hợp tốt với nhà trường."},
        ],
        "followups": [
            {"Loại": "khó khăn:", "Nội dung": "Chưa có cán bộ chuyên trách"},
            {"Loại": "Đề xuất, kiến nghị", "Nội dung": "Đề nghị tập huấn kỹ năng viết tin bài"},
        ],
    },
}


def test_a_fifth_school_typed_by_hand_reads_right_in_its_report_and_the_roll_up(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = typed(tmp_path / "lan1", FIFTH)
    assert main(["validate", str(book)]) == 1
    out = capsys.readouterr().out
    for said in (
        "«Ngày báo cáo» (giá trị: «01/05/2026»): Ô đang là ngày 1 tháng 5 năm 2026, không thuộc "
        "năm 2025 (hoặc 3 tháng đầu năm 2026); có thể Excel đã đảo ngày và tháng",
        "Gõ lại ngày theo dạng năm-tháng-ngày: 2026-01-05",
        "«Số học sinh/trẻ tham gia» (giá trị: «1.18»): Không phải số nguyên: máy đã hiểu dấu chấm "
        "là dấu thập phân. Cách sửa: Nếu định ghi 1.180 thì gõ 1180",
        "«Số lần tuyên truyền» (giá trị: «0.8»): Không phải số nguyên: ô ghi một tỉ lệ (80%)",
        "«Cấp học» (giá trị: «TH-THCS»): Giá trị gõ tay, không đúng mục trong danh sách «Cấp "
        "học»; được hiểu là «TH&THCS»",
        "«Kênh, hình thức» (giá trị: «Facebok»): Giá trị gõ tay, không đúng mục trong danh sách "
        "«Hình thức, kênh tuyên truyền»; được hiểu là «Facebook, fanpage»",
        "được hiểu là «Mạng xã hội Zalo»",
        "«Người ký: chức vụ» (giá trị: «PHÓ HIỆU TRƯỞNG»): Người được giao quyền ký «Q. HIỆU "
        "TRƯỞNG» không ghi chức vụ bên dưới",
        "«Loại» (giá trị: «Đề xuất, kiến nghị»): Giá trị gõ tay",
    ):
        assert said in out, said
    assert out.count("LỖI") == 3 and "«Khác»" in out  # Youtube: warned, counted as «Khác»
    fixed = json.loads(json.dumps(FIFTH))
    fixed["fields"].update(
        report_date="ngày 05 tháng 01 năm 2026", pupil_participants="1180", sessions="8"
    )
    book = typed(tmp_path / "lan2", fixed)
    assert main(["report", str(book)]) == 0
    capsys.readouterr()
    report = book.with_name("BaoCao_TTDN_2025_THCSLH.docx")
    lines = [" ".join(line.split()) for line in texts(open_docx(report.read_bytes()))]
    assert lines == [
        "UBND XÃ LONG HẬU",
        "TRƯỜNG TH&THCS LONG HẬU",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 12/BC-THCSLH",
        "Long Hậu, ngày 05 tháng 01 năm 2026",
        "BÁO CÁO",
        "Hoạt động thông tin đối ngoại của Trường TH&THCS Long Hậu năm 2025",
        "Thực hiện Kế hoạch số 102/KH-UBND ngày 05/01/2025 của Ủy ban nhân dân xã Long Hậu về "
        "thực hiện công tác thông tin đối ngoại năm 2025, Trường TH&THCS Long Hậu báo cáo kết quả "
        "triển khai thực hiện hoạt động thông tin đối ngoại năm 2025 với các nội dung như sau:",
        "I. CÔNG TÁC TUYÊN TRUYỀN",
        "Nhà trường xây dựng Kế hoạch số 15/KH-THCSLH về thông tin đối ngoại năm 2025.",
        "II. NỘI DUNG THỰC HIỆN",
        "1. Hoạt động truyền thông, tuyên truyền",
        "a) Nội dung tuyên truyền:",
        "- Tuyên truyền chủ quyền biển đảo cho học sinh khối 8, 9;",
        "- Hướng dẫn học sinh nhận biết tin giả trên mạng xã hội.",
        "b) Hình thức tuyên truyền:",
        "- Facebook, fanpage: đăng tin hoạt động trên fanpage trường (số tin, bài, lượt: 125);",
        "- Mạng xã hội Zalo: gửi thông báo, hình ảnh hoạt động (số tin, bài, lượt: 40);",
        "- Phát thanh giờ ra chơi thứ Hai hằng tuần (số tin, bài, lượt: 35);",
        "- Youtube: đăng video ngày hội đọc sách (số tin, bài, lượt: 3).",
        "III. KẾT QUẢ ĐẠT ĐƯỢC",
        "- Học sinh hiểu rõ hơn về chủ quyền biển, đảo;",
        "- Phụ huynh phối hợp tốt với nhà trường;",
        "- Số cán bộ, giáo viên, nhân viên tham gia: 58/62 (93,5%);",
        "- Số học sinh tham gia: 1.180/1.250 (94,4%);",
        "- Số lần tuyên truyền: 8;",
        "- Số tin, bài đăng trên trang thông tin điện tử, mạng xã hội: 1.250;",
        "- Số lượt phụ huynh được tuyên truyền: 250.",
        "IV. KHÓ KHĂN, HẠN CHẾ",
        "- Chưa có cán bộ chuyên trách.",
        "V. KIẾN NGHỊ, ĐỀ XUẤT",
        "- Đề nghị tập huấn kỹ năng viết tin bài.",
        "Trên đây là báo cáo hoạt động thông tin đối ngoại của Trường TH&THCS Long Hậu năm 2025./.",
        "Nơi nhận:",
        "- Như trên;",
        "- UBND xã Long Hậu (để b/c);",
        "- Lưu: VT, HS.",
        "Q. HIỆU TRƯỞNG",
        "Võ Thị Ngọc Hân",
    ]
    # The roll-up line: each figure where it belongs, each channel and group counted once.
    schools = tmp_path / "truong"
    schools.mkdir()
    shutil.copy(book, schools / book.name)
    register = tmp_path / "TongHop.xlsx"
    listed = {"code": "80507788", "name": "Trường TH&THCS Long Hậu", "level": "TH&THCS"}
    register.write_bytes(
        build_workbook(DISTRICT, SchoolData({"report_year": 2025}, {"schools": [listed]}))
    )
    rollup = tmp_path / "TongHop_kq.xlsx"
    assert main(["rollup", str(schools), "--register", str(register), "-o", str(rollup)]) == 0
    sheet = openpyxl.load_workbook(rollup)["Tổng hợp"]
    keys = [c.value for c in sheet[3]]
    row = {k: c.value for k, c in zip(keys, sheet[6], strict=False) if isinstance(k, str)}
    assert {k: row[k] for k in ("school_code", "level", "doc_ref", "report_date")} == {
        "school_code": "80507788",
        "level": "TH&THCS",
        "doc_ref": "12/BC-THCSLH",
        "report_date": dt.datetime(2026, 1, 5),
    }
    figures = ("staff_participants", "staff_total", "pupil_participants", "pupil_total",
               "sessions", "news_items", "parents_reached")  # fmt: skip
    assert [row[k] for k in figures] == [58, 62, 1180, 1250, 8, 1250, 250]
    marked = {k for k, v in row.items() if k.startswith(("channel_", "group_")) and v}
    assert marked == {
        "channel_facebook", "channel_zalo", "channel_radio", "channel_other",
        "group_sovereignty", "group_rebuttal",
    }  # fmt: skip
    assert row["difficulties"] == "Chưa có cán bộ chuyên trách"
    assert row["proposals"] == "Đề nghị tập huấn kỹ năng viết tin bài"
