"""Paragraphs pasted from an old .VnTime (TCVN3) or VNI-Times document: Excel shows them right in
the font they keep, but the cells hold the old codes. The check says so, cell by cell, with the
text it reads; the report and the roll-up print that text in Unicode.

The legacy forms were written by hand from the encodings' tables, not by the code under test.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from report_view import open_docx, texts

from outreach_xl.cli import main
from outreach_xl.demo.district import build_demo_district
from outreach_xl.demo.sample import my_an_2020
from support import with_changes

SOFT_HYPHEN = "\u00ad"  # TCVN3's ư
SCHOOL_TCVN3 = f"Tr{SOFT_HYPHEN}êng MÉu gi¸o Mü An"  # Trường Mẫu giáo Mỹ An
ORGANISATION_TCVN3 = (
    f"Nhµ tr{SOFT_HYPHEN}êng x©y dùng kÕ ho¹ch th«ng tin ®èi ngo¹i n¨m 2020;\n"
    "Tæ chøc tuyªn truyÒn ®Õn toµn thÓ c¸n bé, gi¸o viªn."
)
ITEM_VNI = "Giôùi thieäu truyeàn thoáng lòch söû ñòa phöông cho phuï huynh"
ACTIVITY_VNI = "Ñaêng tin treân trang Zalo cuûa tröôøng"
CHANNEL_TCVN3 = "M¹ng x· héi Zalo"  # a label typed (not picked) in TCVN3
DIFFICULTY_TCVN3 = "C¬ së vËt chÊt cßn thiÕu"  # Cơ sở vật chất còn thiếu
LEGACY_MARKS = set("µ¸¶·¹¨»¾¼½ÆÇËÐÎÏÑªÖרÜÞßäåæç¬ëîïñöøûüþ¡¢£¤¥¦\u00ad")


@pytest.fixture
def legacy_book(make_book: Callable[..., Path]) -> Path:
    data = my_an_2020()
    items = [dict(row) for row in data.tables["content_items"]]
    items[2]["text"] = ITEM_VNI
    channels = [dict(row) for row in data.tables["channels"]]
    channels[0]["activity"] = ACTIVITY_VNI
    channels[1]["channel"] = CHANNEL_TCVN3
    changed = with_changes(
        data,
        {"school_name": SCHOOL_TCVN3, "organisation": ORGANISATION_TCVN3},
        content_items=items,
        channels=channels,
        followups=[{"kind": "Khó khăn, hạn chế", "text": DIFFICULTY_TCVN3}],
    )
    return make_book(changed, name="mg-my-an.xlsx")


def test_the_check_names_each_cell_the_encoding_and_the_text_it_reads(
    legacy_book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", "--json", str(legacy_book)]) == 0  # warnings only
    findings = json.loads(capsys.readouterr().out)[0]["findings"]
    legacy = {(f["sheet"], f["cell"]): f for f in findings if f["rule"] == "legacy_font"}
    assert len(legacy) == 6, findings  # every cell pasted in an old font, and only those
    school = next(f for f in legacy.values() if "Trường Mẫu giáo Mỹ An" in f["message"])
    assert "TCVN3" in school["message"] and ".VnTime" in school["message"]
    assert school["value"] == SCHOOL_TCVN3
    assert all(f["severity"] == "warning" for f in legacy.values())
    vni = [f for f in legacy.values() if "VNI" in f["message"]]
    assert len(vni) == 2 and any("Đăng tin trên trang Zalo" in f["message"] for f in vni)
    channel = next(f for f in legacy.values() if f["value"] == CHANNEL_TCVN3)
    assert channel["label"] == "Kênh, hình thức" and "«Mạng xã hội Zalo»" in channel["message"]


def test_the_report_prints_the_legacy_text_in_unicode(
    legacy_book: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = legacy_book.with_suffix(".docx")
    assert main(["report", str(legacy_book), "-o", str(target)]) == 0
    out = capsys.readouterr().out
    assert "TCVN3" in out and "VNI" in out  # the warnings are said as the report is made
    lines = [" ".join(t.split()) for t in texts(open_docx(target.read_bytes()))]
    body = "\n".join(lines)
    assert not LEGACY_MARKS & set(body), [ln for ln in lines if LEGACY_MARKS & set(ln)]
    assert "TRƯỜNG MẪU GIÁO MỸ AN" in lines  # the header line, in capitals
    assert any("Nhà trường xây dựng kế hoạch thông tin đối ngoại năm 2020" in ln for ln in lines)
    assert any("Tổ chức tuyên truyền đến toàn thể cán bộ, giáo viên" in ln for ln in lines)
    assert any("Giới thiệu truyền thống lịch sử địa phương cho phụ huynh" in ln for ln in lines)
    # (after its channel's name, the activity starts in a small letter)
    assert any("đăng tin trên trang Zalo của trường;" in ln for ln in lines)


def test_the_rollup_counts_the_channel_and_quotes_the_text_in_unicode(
    legacy_book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    register, _ = build_demo_district(tmp_path / "district")
    out = tmp_path / "tong-hop.xlsx"
    folder = str(legacy_book.parent)
    assert main(["rollup", folder, "--register", str(register), "-o", str(out)]) == 0
    capsys.readouterr()
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_name("Tổng hợp").to_python()
    keys = next(row for row in rows if "school_code" in row)
    school = dict(zip(keys, next(row for row in rows if "80512101" in row), strict=True))
    assert school["channel_zalo"] == "x" and school["channel_other"] == ""
    assert school["difficulties"] == "Cơ sở vật chất còn thiếu"
