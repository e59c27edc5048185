"""A second school typed by hand into the blank workbook through LibreOffice, with a clerk's usual
slips (names in capitals and in small letters, labels typed instead of picked, a subject starting
with «về», a bare «KT.», stray marks at the ends of lines), then reported line by line.

UNO is only importable by Debian's own /usr/bin/python3, so ``uno_typist.py`` runs there.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from report_view import open_docx, texts

from outreach_xl.cli import main

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
