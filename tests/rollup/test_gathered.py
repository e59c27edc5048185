"""Gathering near-duplicate items takes shortcuts (equal texts, length and letter bounds): the
result must be what comparing every pair with ``SequenceMatcher.ratio`` gives."""

from __future__ import annotations

import difflib

from hypothesis import given, settings
from hypothesis import strategies as st

from outreach_xl.core.choices import fold
from outreach_xl.core.merge import SIMILAR, Gathered, gathered, item_text

WORDS = ["kinh phí", "còn hạn chế", "thiếu", "máy chiếu", "giáo viên", "tập huấn", "Kinh phí;", "x"]


def _naive(rows: list[dict[str, object]], kind: str) -> tuple[Gathered, ...]:
    """The rule in its plainest form: the first earlier item whose folded text is equal or at
    least SIMILAR alike."""
    found: list[tuple[str, str, list[str]]] = []
    for row in rows:
        school = str(row["school_name"])
        for line in str(row.get(kind) or "").split("\n"):
            text = item_text(line)
            if not text:
                continue
            folded = fold(text)
            same = next(
                (
                    f
                    for f in found
                    if f[0] == folded
                    or difflib.SequenceMatcher(None, f[0], folded).ratio() >= SIMILAR
                ),
                None,
            )
            if same is None:
                found.append((folded, text[:1].upper() + text[1:], [school]))
            elif school not in same[2]:
                same[2].append(school)
    order = sorted(range(len(found)), key=lambda i: (-len(found[i][2]), i))
    return tuple(Gathered(found[i][1], tuple(found[i][2])) for i in order)


lines = st.lists(st.sampled_from(WORDS), min_size=0, max_size=5).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(lines, max_size=4), max_size=12))
def test_gathered_is_the_pairwise_rule(schools: list[list[str]]) -> None:
    rows = [
        {"school_name": f"Trường {i}", "status": "Đã nộp", "difficulties": "\n".join(items)}
        for i, items in enumerate(schools)
    ]
    assert gathered(rows, "difficulties") == _naive(rows, "difficulties")


LONG = ["kinh phí dành cho công tác tuyên truyền còn hạn chế", "thiếu máy chiếu phục vụ",
        "phụ huynh ở vùng sâu ít sử dụng mạng xã hội", "giáo viên chưa được tập huấn",
        "đề nghị cấp trên hỗ trợ tài liệu tuyên truyền biển đảo"]  # fmt: skip


def edit(draw: st.DrawFn, text: str, letters: str) -> str:
    """``text`` with one of ``letters`` inserted, or a letter dropped or changed, at a drawn
    place."""
    at = draw(st.integers(0, len(text)))
    how = draw(st.sampled_from(["insert", "drop", "change"]))
    letter = draw(st.sampled_from(letters))
    if how == "insert":
        return text[:at] + letter + text[at:]
    if how == "drop":
        return text[:at] + text[at + 1 :]
    return text[:at] + letter + text[at + 1 :]


@st.composite
def edited(draw: st.DrawFn) -> str:
    """A sentence or two of the long ones, then a few letters inserted, dropped or changed: near
    duplicates on both sides of SIMILAR."""
    text = " ".join(draw(st.lists(st.sampled_from(LONG), min_size=1, max_size=2)))
    for _ in range(draw(st.integers(0, 12))):
        text = edit(draw, text, "aăâeêioôơuưy đxz,")
    return text


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(edited(), max_size=4), max_size=10))
def test_gathered_is_the_pairwise_rule_on_long_edited_texts(schools: list[list[str]]) -> None:
    rows = [
        {"school_name": f"Trường {i % 7}", "status": "Đã nộp", "proposals": "\n".join(items)}
        for i, items in enumerate(schools)
    ]
    assert gathered(rows, "proposals") == _naive(rows, "proposals")


def test_the_first_alike_item_wins_whatever_its_length() -> None:
    """A text alike two earlier items (not alike each other) joins the earlier one, even when the
    later one has a length seen first (items are kept by length)."""
    texts = [
        "giao vien chua duoc tap huan ve cong tac tuyen truye",  # 52 letters, alike none
        "zinh phizdazh chz czng tac tuyen truyen con han che",  # 51
        "kinh phi danh cho cong tac tuyez trzyzn con zan chzz",  # 52
        "kinh phi danh cho cong tac tuyen truyen con han che",  # alike the two above
    ]
    rows = [
        {"school_name": f"T{i}", "status": "Đã nộp", "difficulties": text}
        for i, text in enumerate(texts)
    ]
    got = gathered(rows, "difficulties")
    assert got == _naive(rows, "difficulties")
    assert [g.schools for g in got] == [("T1", "T3"), ("T0",), ("T2",)]


def test_the_merge_writes_the_rollup_without_gathering(demo, tmp_path, monkeypatch) -> None:
    """Gathering compares every distinct item with the earlier ones: the merge, which does not
    write them, never pays for it; the roll-up's follow-ups are gathered when first read."""
    from outreach_xl import read_district, rollup_folder
    from outreach_xl.core import merge
    from outreach_xl.xlsx.rollup_workbook import write_rollup

    register, folder = demo

    def refused(rows: object, kind: str) -> tuple[Gathered, ...]:
        raise AssertionError(f"gathered {kind} during the merge")

    monkeypatch.setattr(merge, "gathered", refused)
    rollup = rollup_folder(folder, read_district(register).register, year=2020, workers=1)
    write_rollup(rollup, tmp_path / "out.xlsx")
    monkeypatch.undo()
    assert set(rollup.followups) == {"difficulties", "proposals"}
    for kind in ("difficulties", "proposals"):
        assert rollup.followups[kind] == gathered(rollup.rows, kind)
        assert rollup.followups.get(kind) is rollup.followups[kind]  # gathered once
    assert rollup.followups["difficulties"]  # the demo schools raise some
    assert dict(rollup.followups) == {
        k: gathered(rollup.rows, k) for k in ("difficulties", "proposals")
    }


def test_an_item_is_kept_as_the_school_report_writes_it() -> None:
    """Numbered, bulleted or dashed, an item is the same item; a figure in front stays."""
    assert item_text("1. Thiếu kinh phí;") == item_text("- Thiếu kinh phí.") == "Thiếu kinh phí"
    assert item_text("a) Thiếu máy chiếu") == "Thiếu máy chiếu"
    assert item_text("-5% kinh phí so với năm trước") == "-5% kinh phí so với năm trước"
    assert item_text("- Thiếu phòng học\n- Thiếu giáo viên") == ("Thiếu phòng học; thiếu giáo viên")
