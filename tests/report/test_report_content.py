"""The sample report says everything the reference report says, in its order, typos corrected."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from report_view import open_docx, texts

from outreach_xl.core.formats import item_body
from outreach_xl.core.school_report import CONTEXT_KEYS, school_context
from outreach_xl.schema import CHANNELS

CLOSING = "Trên đây là báo cáo hoạt động thông tin đối ngoại của Trường Mẫu giáo Mỹ An năm 2020./."
SEED = Path(__file__).parent / "data" / "seed-report-mg-my-an-2020.txt"

# What the seed got wrong, and what the report must say instead.
TYPOS = {
    "vàhọc sinh": "và học sinh",
    "trangWeb": "trang web",
    "trang Web": "trang web",
    "phát luật": "pháp luật",
    "facbook": "Facebook",
    "zalo": "Zalo",
    "đài phát thành": "đài phát thanh",
    "hình ảnh, đất nước": "hình ảnh đất nước",
}


def _norm(text: str) -> str:
    return " ".join(text.split())


def seed_sections() -> dict[str, list[str]]:
    """The seed's list items per part, joined where the seed broke a line, typos corrected."""
    raw = unicodedata.normalize("NFC", SEED.read_text(encoding="utf-8"))  # the seed is decomposed
    raw = re.sub(r"thực\s*\nhiện", "thực hiện", raw)
    for wrong, right in TYPOS.items():
        raw = raw.replace(wrong, right)
    lines = [_norm(line) for line in raw.splitlines() if line.strip()]
    parts: dict[str, list[str]] = {"content": [], "channels": [], "results": [], "figures": []}
    part = ""
    for line in lines:
        if line.startswith("a) Nội dung tuyên truyền"):
            part = "content"
        elif line.startswith("b) Hình thức tuyên truyền"):
            part = "channels"
        elif line.startswith("III."):
            part = "results"
        elif line.startswith("Trên đây"):
            part = ""
        elif line.startswith("- ") and part:
            item = line[2:]
            if part == "results" and item.startswith("Số "):
                parts["figures"].append(item)
            else:
                parts[part].append(item)
    return parts


@pytest.fixture()
def report_lines(sample_bytes: bytes) -> list[str]:
    return [_norm(t) for t in texts(open_docx(sample_bytes))]


def _said(line: str) -> str:
    """What an item says: no dash, no channel name before it, no end mark, case aside."""
    text = item_body(line.removeprefix("- "))
    for label in CHANNELS.labels():
        text = text.removeprefix(f"{label}: ")
    return text.casefold()


def _index(lines: list[str], text: str) -> int:
    matches = [i for i, line in enumerate(lines) if line == text]
    assert len(matches) == 1, f"{text!r} appears {len(matches)} times in the report"
    return matches[0]


def test_seed_parsed_as_expected() -> None:
    parts = seed_sections()
    assert [len(parts[k]) for k in ("content", "channels", "results", "figures")] == [4, 5, 3, 3]


@pytest.mark.parametrize("part", ["content", "channels", "results"])
def test_every_seed_item_is_in_its_section_in_order(report_lines: list[str], part: str) -> None:
    heading = {
        "content": "a) Nội dung tuyên truyền:",
        "channels": "b) Hình thức tuyên truyền:",
        "results": "III. KẾT QUẢ ĐẠT ĐƯỢC",
    }[part]
    end = {
        "content": "b) Hình thức tuyên truyền:",
        "channels": "III. KẾT QUẢ ĐẠT ĐƯỢC",
        "results": CLOSING,
    }[part]
    start, stop = _index(report_lines, heading), _index(report_lines, end)
    section = report_lines[start + 1 : stop]
    said = [_said(line) for line in section]
    positions = [_index(said, _said(item)) for item in seed_sections()[part]]
    assert all(line.endswith(";") for line in section[:-1]), "every item but the last ends ;"
    assert positions == sorted(positions)
    if part != "results":
        assert len(section) == len(positions), "nothing but the seed's items in this part"


def test_figures_follow_the_results_with_the_seed_numbers(report_lines: list[str]) -> None:
    stop = _index(
        report_lines,
        "Trên đây là báo cáo hoạt động thông tin đối ngoại của Trường Mẫu giáo Mỹ An năm 2020./.",
    )
    figures = report_lines[stop - 3 : stop]
    assert figures == [
        "- Số cán bộ, giáo viên, nhân viên tham gia: 21;",  # no total typed: no rate claimed
        "- Số học sinh tham gia: 170;",
        "- Số lần tuyên truyền: 2.",
    ]
    seed_numbers = [re.search(r"\d+$", f).group() for f in seed_sections()["figures"]]  # type: ignore[union-attr]
    assert seed_numbers == ["21", "170", "2"]
    assert [re.search(r": (\d+)", f).group(1) for f in figures] == seed_numbers  # type: ignore[union-attr]


def test_sections_in_the_seed_order(report_lines: list[str]) -> None:
    order = [
        "BÁO CÁO",
        "Hoạt động thông tin đối ngoại của Trường Mẫu giáo Mỹ An năm 2020",
        "I. CÔNG TÁC TUYÊN TRUYỀN",
        "Nhà trường xây dựng Kế hoạch về hoạt động thông tin đối ngoại năm 2020 và triển khai "
        "trong đội ngũ cán bộ, giáo viên, nhân viên.",
        "II. NỘI DUNG THỰC HIỆN",
        "1. Hoạt động truyền thông, tuyên truyền",
        "a) Nội dung tuyên truyền:",
        "b) Hình thức tuyên truyền:",
        "III. KẾT QUẢ ĐẠT ĐƯỢC",
        "Trên đây là báo cáo hoạt động thông tin đối ngoại của Trường Mẫu giáo Mỹ An năm 2020./.",
        "Nơi nhận:",
        "- Phòng GD&ĐT;",
        "- Lưu: VT.",
    ]
    positions = [_index(report_lines, line) for line in order]
    assert positions == sorted(positions)


def test_citation_is_complete(report_lines: list[str]) -> None:
    preamble = report_lines[_index(report_lines, "I. CÔNG TÁC TUYÊN TRUYỀN") - 1]
    assert preamble == (
        "Thực hiện Công văn số 23/PGDĐT ngày 07/01/2020 của Phòng Giáo dục và Đào tạo huyện Thủ "
        "Thừa về hoạt động thông tin đối ngoại của ngành Giáo dục và Đào tạo huyện Thủ Thừa năm "
        "2020, Trường Mẫu giáo Mỹ An báo cáo kết quả triển khai thực hiện hoạt động thông tin đối "
        "ngoại năm 2020 với các nội dung như sau:"
    )


def test_no_typo_of_the_seed_survives(report_lines: list[str]) -> None:
    text = "\n".join(report_lines)
    for wrong in [*TYPOS, "Thủ thừa", "Trường mẫu giáo", "  "]:
        assert wrong not in text, wrong
    assert "2020Trường" not in text


def test_no_template_tag_left(report_lines: list[str]) -> None:
    text = "\n".join(report_lines)
    assert "{{" not in text and "{%" not in text and "}}" not in text


def test_context_has_exactly_the_documented_keys(sample_sub: Any) -> None:
    assert tuple(school_context(sample_sub)) == CONTEXT_KEYS
