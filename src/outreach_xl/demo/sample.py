"""The reference report (Trường Mẫu giáo Mỹ An, 2020) entered as data, its typos corrected.

Everything the seed text says is here, in its order. The header and signer, missing from the seed,
are plausible values: the request came from Phòng GD&ĐT Thủ Thừa and the school sits in Mỹ An.
"""

from __future__ import annotations

import datetime as dt

from outreach_xl.core.model import SchoolData


def my_an_2020() -> SchoolData:
    """The seed report as the data a clerk would type into the school workbook."""
    return SchoolData(
        values={
            "managing_body": "PHÒNG GD&ĐT THỦ THỪA",
            "school_name": "Trường Mẫu giáo Mỹ An",
            "school_code": "80512101",
            "level": "Mẫu giáo",
            "commune": "Mỹ An",
            "district": "Thủ Thừa",
            "province": "Long An",
            "report_year": 2020,
            "doc_number": 5,
            "doc_symbol": "BC-MGMA",
            "place": "Mỹ An",
            "report_date": dt.date(2020, 12, 29),
            "request_kind": "Công văn",
            "request_number": "23/PGDĐT",
            "request_date": dt.date(2020, 1, 7),
            "request_issuer": "Phòng Giáo dục và Đào tạo huyện Thủ Thừa",
            "request_subject": "hoạt động thông tin đối ngoại của ngành Giáo dục và Đào tạo "
            "huyện Thủ Thừa năm 2020",
            "addressee": None,
            "staff_total": None,  # the seed gives no totals: no rate is claimed
            "pupil_total": None,
            "signer_authority": None,
            "signer_title": "HIỆU TRƯỞNG",
            "signer_name": "Nguyễn Thị Thu Hà",
            "organisation": "Nhà trường xây dựng Kế hoạch về hoạt động thông tin đối ngoại năm "
            "2020 và triển khai trong đội ngũ cán bộ, giáo viên, nhân viên.",
            "staff_participants": 21,
            "pupil_participants": 170,
            "sessions": 2,
            "news_items": None,
            "parents_reached": None,
        },
        tables={
            "recipients": [{"name": "Phòng GD&ĐT;"}, {"name": "Lưu: VT."}],
            "content_items": [
                {
                    "group": "Chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà "
                    "nước, của tỉnh về hợp tác quốc tế trong giáo dục",
                    "text": "Thông tin về chủ trương, đường lối của Đảng, chính sách, pháp luật "
                    "của Nhà nước, các chủ trương, chính sách của tỉnh trong hợp tác quốc tế về "
                    "lĩnh vực giáo dục và đào tạo đến cán bộ, giáo viên và học sinh tại các "
                    "đơn vị giáo dục trên địa bàn xã.",
                },
                {
                    "group": "Thành tích, gương điển hình tiên tiến của ngành và nhà trường",
                    "text": "Thông tin, tuyên truyền những thành tích và các tấm gương tiêu "
                    "biểu, điển hình tiên tiến của ngành nhằm thực hiện các mục tiêu phát triển "
                    "giáo dục và đào tạo và hội nhập quốc tế về lĩnh vực này.",
                },
                {
                    "group": "Hình ảnh đất nước, con người Việt Nam, lịch sử, văn hóa, tiềm "
                    "năng địa phương",
                    "text": "Giới thiệu hình ảnh đất nước, con người Việt Nam; truyền thống "
                    "lịch sử dân tộc, lịch sử địa phương; các giá trị văn hóa; tiềm năng hợp "
                    "tác về lĩnh vực giáo dục và đào tạo của tỉnh Long An.",
                },
                {
                    "group": "Phản bác thông tin xuyên tạc, sai sự thật",
                    "text": "Phản bác, phê phán lại các thông tin xuyên tạc, sai sự thật, ảnh "
                    "hưởng đến uy tín của ngành, trái với những chủ trương, chính sách của "
                    "Đảng, pháp luật của Nhà nước, của tỉnh liên quan đến lĩnh vực ngành.",
                },
            ],
            "channels": [
                {
                    "channel": "Góc tuyên truyền, bảng tin của trường, lớp",
                    "activity": "Tuyên truyền trên các phương tiện thông tin đại chúng như: góc "
                    "tuyên truyền của trường, lớp, đài phát thanh địa phương, mạng xã hội Zalo, "
                    "Facebook, trang thông tin điện tử,…",
                    "count": None,
                },
                {
                    "channel": "Trang thông tin điện tử (website) của trường",
                    "activity": "Thông tin trên Website của Trường. Nhà trường thông tin các "
                    "thành tích nổi bật, các tấm gương, điển hình tiên tiến (cán bộ, giáo viên, "
                    "học sinh) trên trang web của đơn vị mình; đồng thời thông tin thường xuyên "
                    "về các hoạt động chuyên môn của nhà trường để cán bộ, giáo viên, học sinh "
                    "và nhân dân được biết.",
                    "count": None,
                },
                {
                    "channel": "Báo chí",
                    "activity": "Cung cấp thông tin báo chí về tình hình phát triển giáo dục và "
                    "đào tạo trong năm học (quy mô trường, lớp; trường chuẩn, …).",
                    "count": None,
                },
                {
                    "channel": "Xã hội hóa giáo dục (huy động nguồn lực)",
                    "activity": "Thực hiện công tác xã hội hóa giáo dục bằng nhiều hình thức, "
                    "khuyến khích đa dạng hóa các loại hình giáo dục nhằm tạo điều kiện thuận "
                    "lợi cho việc xây dựng cơ sở vật chất cho nhà trường.",
                    "count": None,
                },
                {
                    "channel": "Sự kiện, hoạt động văn hóa, văn nghệ",
                    "activity": "Phối hợp, tổ chức và tham gia vào các hoạt động tuyên truyền "
                    "phục vụ các sự kiện chính trị - xã hội quan trọng và các sự kiện đối ngoại "
                    "lớn của huyện, của tỉnh.",
                    "count": None,
                },
            ],
            "results": [
                {
                    "text": "Xây dựng cơ sở dữ liệu ứng dụng công nghệ thông tin để tăng cường "
                    "hiệu quả giới thiệu về lĩnh vực giáo dục và đào tạo của tỉnh. Đăng tải các "
                    "văn bản quy phạm pháp luật về thông tin đối ngoại của tỉnh trên trang web "
                    "của đơn vị theo đúng quy định của pháp luật hiện hành."
                },
                {
                    "text": "Hoạt động thông tin đối ngoại về giáo dục và đào tạo được tổ chức "
                    "thực hiện thông qua nhiều loại hình thông tin đối ngoại như: các hoạt động "
                    "văn hóa – văn nghệ, các hoạt động mọi lúc, mọi nơi sao cho phù hợp, các "
                    "hoạt động tham quan, trải nghiệm của cán bộ, giáo viên và học sinh; các hội "
                    "nghị, hội thảo hợp tác quốc tế về lĩnh vực giáo dục và đào tạo."
                },
                {
                    "text": "Phối hợp, tổ chức và tham gia vào các hoạt động tuyên truyền phục "
                    "vụ các sự kiện chính trị - xã hội quan trọng và các sự kiện đối ngoại lớn "
                    "của tỉnh, của huyện."
                },
            ],
            "followups": [],
        },
    )
