"""Gathering near-duplicate difficulties at province scale: ``core.merge.gathered`` against the
pairwise scan it replaced, on the same seeded rows, in one run.

The rows: ``--schools`` counted roll-up rows, each with 1 to 5 difficulty lines. A line is either
one of the few hundred things many schools say (kinh phí, máy chiếu, tập huấn...) written again
with a school's variants (a typo, a word dropped or added, diacritics left out, capitals, a dash in
front, a full stop or a semicolon at the end), or a sentence of the school's own made from the same
phrases (so that the distinct items share words and letters, as real ones do). The baseline is
``gathered`` with a copy of the ``_Alike`` of before (every earlier item of a compatible length
visited for each new one). Both must give the same result; CPU time (``time.process_time``).

Usage: python benchmarks/gathered.py [--schools 4000] [--small 60] [--seed 7] [--no-old]
"""

from __future__ import annotations

import argparse
import difflib
import heapq
import random
import time
from collections.abc import Mapping, Sequence
from typing import Any

from outreach_xl.core import merge
from outreach_xl.core.choices import fold
from outreach_xl.core.merge import SIMILAR, Gathered, _positions, gathered, item_text

# --- the rows ----------------------------------------------------------------------------------

OPENINGS = ["", "", "", "Một số ", "Nhiều ", "Đa số ", "Phần lớn ", "Hiện nay ", "Nhà trường: "]
PEOPLE = ["giáo viên", "cán bộ, giáo viên", "nhân viên", "phụ huynh", "cán bộ quản lý",
          "giáo viên mới tuyển dụng", "phụ huynh học sinh", "tổ trưởng chuyên môn"]  # fmt: skip
LACKS = ["chưa được tập huấn", "chưa thành thạo", "còn lúng túng", "chưa quan tâm đúng mức",
         "chưa có kinh nghiệm", "ít tham gia", "chưa nắm vững quy định"]  # fmt: skip
ABOUT = ["về công tác thông tin đối ngoại", "trong việc đăng tin, bài lên trang thông tin điện tử",
         "đến việc sử dụng mạng xã hội", "về kỹ năng viết tin bài", "về biên soạn tài liệu",
         "trong công tác tuyên truyền biển, đảo", "về quy chế phát ngôn"]  # fmt: skip
MONEY = ["Kinh phí", "Nguồn kinh phí", "Kinh phí chi thường xuyên", "Ngân sách"]
FOR = ["dành cho", "cho", "phục vụ", "chi cho"]
WORK = ["công tác tuyên truyền", "công tác thông tin đối ngoại", "hoạt động truyền thông",
        "việc in ấn tài liệu", "hoạt động ngoại khóa"]  # fmt: skip
LOW = ["còn hạn chế", "chưa đáp ứng yêu cầu", "còn thấp", "chưa được bố trí", "rất ít"]
THINGS = ["máy chiếu", "loa phát thanh", "máy tính", "đường truyền internet",
          "tài liệu tuyên truyền", "pa-nô, áp phích", "máy ảnh", "bảng tin"]  # fmt: skip
PLACES = ["vùng sâu", "vùng xa", "các thôn bản", "xã đảo", "vùng đồng bào dân tộc thiểu số",
          "khu vực biên giới"]  # fmt: skip
COMMUNES = ["Mỹ An", "Tân Phú", "Hòa Bình", "Phước Long", "Đông Hải", "An Lạc", "Bình Minh",
            "Thạnh Lợi", "Long Hưng", "Vĩnh Thuận", "Hưng Yên", "Quảng Phú", "Ea Kar",
            "Cư Jút"]  # fmt: skip
SITE = ["chưa được cập nhật thường xuyên", "thường xuyên bị lỗi",
        "chưa có chuyên mục thông tin đối ngoại"]  # fmt: skip
JOINS = ["; ", ", ", "; đồng thời ", ". Ngoài ra, ", ", bên cạnh đó "]
TAILS = ["", "", "", "", " trong năm học 2024-2025", " do thiếu nhân lực",
         " do giáo viên kiêm nhiệm nhiều việc", ", ảnh hưởng đến chất lượng tuyên truyền",
         " nên hiệu quả chưa cao", " ở điểm trường lẻ"]  # fmt: skip


def sentence(rng: random.Random) -> str:
    """A difficulty as a school writes it, from the shared phrases."""
    c = rng.choice
    kind = rng.randrange(7)
    if kind == 0:
        text = f"{c(MONEY)} {c(FOR)} {c(WORK)} {c(LOW)}"
    elif kind == 1:
        text = f"{c(OPENINGS)}{c(PEOPLE)} {c(LACKS)} {c(ABOUT)}"
    elif kind == 2:
        text = f"Thiếu {c(THINGS)}, {c(THINGS)} phục vụ {c(WORK)}"
    elif kind == 3:
        text = f"{c(PEOPLE).capitalize()} ở {c(PLACES)} ít sử dụng {c(['mạng xã hội', 'Zalo'])}"
    elif kind == 4:
        text = (
            f"Địa bàn xã {c(COMMUNES)} {c(['rộng', 'chia cắt', 'đi lại khó khăn'])}, "
            f"{c(['nhiều điểm trường lẻ', 'dân cư thưa thớt'])} nên {c(WORK)} {c(LOW)}"
        )
    elif kind == 5:
        text = f"Trang thông tin điện tử của trường {c(SITE)}"
    else:
        n = rng.randrange(1, 12)
        text = f"Có {n:02d} điểm trường tại xã {c(COMMUNES)} chưa có {c(THINGS)}"
    return (text + c(TAILS)).strip()


def variant(text: str, rng: random.Random) -> str:
    """The same thing as another school types it."""
    for _ in range(rng.randrange(4)):
        how = rng.randrange(8)
        words = text.split()
        at = rng.randrange(len(text))
        if how == 0:  # a letter dropped
            text = text[:at] + text[at + 1 :]
        elif how == 1:  # two letters swapped
            text = text[:at] + text[at + 1 : at + 2] + text[at : at + 1] + text[at + 2 :]
        elif how == 2:  # a word added
            where = rng.randrange(len(words) + 1)
            words.insert(where, rng.choice(["còn", "rất", "vẫn", "hiện nay", "nhiều", "chung"]))
            text = " ".join(words)
        elif how == 3 and len(words) > 3:  # a word dropped
            del words[rng.randrange(len(words))]
            text = " ".join(words)
        elif how == 4:  # a word without its diacritics
            where = rng.randrange(len(words))
            words[where] = fold(words[where])
            text = " ".join(words)
        elif how == 5:
            text = text.upper() if rng.random() < 0.2 else text.lower()
        elif how == 6:
            text = rng.choice(["- ", "+ ", "• ", ""]) + text + rng.choice([";", ".", "", " ."])
        else:
            text = text.replace(",", "") if rng.random() < 0.5 else text.replace(" ", "  ", 1)
    return text


def rows(schools: int, seed: int) -> list[dict[str, Any]]:
    """``schools`` counted roll-up rows with their difficulties (seeded)."""
    rng = random.Random(seed)
    common = [sentence(rng) for _ in range(300)]  # what many schools say
    weights = [1 / (rank + 1) for rank in range(len(common))]
    clauses = sorted({sentence(rng) for _ in range(3000)})  # what a school's own lines are made of
    out = []
    for i in range(schools):
        lines = []
        for _ in range(rng.randint(1, 5)):
            if rng.random() < 0.1:
                lines.append(variant(rng.choices(common, weights)[0], rng))
                continue
            if rng.random() < 0.2:
                lines.append(variant(sentence(rng), rng))
                continue
            first, then = rng.sample(clauses, 2)
            own = f"{first}{rng.choice(JOINS)}{then[:1].lower()}{then[1:]}"
            lines.append(variant(own, rng) if rng.random() < 0.3 else own)
        out.append(
            {
                "school_code": f"{70000000 + i:08d}",
                "school_name": f"Trường số {i + 1}",
                "status": "Đã nộp",
                "difficulties": "\n".join(lines),
            }
        )
    return out


# --- the baseline: gathered and _Alike as they were ----------------------------------------------


def old_gathered(rows: Sequence[Mapping[str, Any]], kind: str) -> tuple[Gathered, ...]:
    """``gathered`` itself (unchanged) with the ``_Alike`` of before in place of today's."""
    today = merge._Alike
    merge._Alike = _OldAlike  # type: ignore[misc]
    try:
        return gathered(rows, kind)
    finally:
        merge._Alike = today  # type: ignore[misc]


class _OldAlike:
    def __init__(self) -> None:
        self.texts: list[str] = []
        self.letters: list[dict[str, int]] = []
        self.by_length: dict[int, list[int]] = {}

    def add(self, folded: str) -> None:
        self.by_length.setdefault(len(folded), []).append(len(self.texts))
        self.texts.append(folded)
        self.letters.append(_letter_counts(folded))

    def first(self, folded: str) -> int | None:
        size = len(folded)
        runs = [
            indexes
            for length, indexes in self.by_length.items()
            if 2.0 * min(length, size) / ((length + size) or 1) >= SIMILAR
        ]
        if not runs:
            return None
        mine = _letter_counts(folded)
        masks: dict[str, int] | None = None
        matcher: difflib.SequenceMatcher[str] | None = None
        for index in heapq.merge(*runs) if len(runs) > 1 else runs[0]:
            other = self.texts[index]
            total = len(other) + size
            common = 0
            for letter, count in self.letters[index].items():
                have = mine.get(letter)
                if have:
                    common += count if count < have else have
            if 2.0 * common / total < SIMILAR:
                continue
            if masks is None:
                masks = _positions(folded)
            if 2.0 * _common_subsequence(other, masks, size) / total < SIMILAR:
                continue
            if matcher is None:
                matcher = difflib.SequenceMatcher(None, "", folded)
            matcher.set_seq1(other)
            if matcher.ratio() >= SIMILAR:
                return index
        return None


def _letter_counts(text: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for letter in text:
        counts[letter] = counts.get(letter, 0) + 1
    return counts


def _common_subsequence(a: str, masks: Mapping[str, int], size: int) -> int:
    full = (1 << size) - 1
    row = full
    for letter in a:
        match = row & masks.get(letter, 0)
        row = ((row + match) | (row - match)) & full
    return size - row.bit_count()


# --- the run -----------------------------------------------------------------------------------


def timed(function: Any, table: list[dict[str, Any]]) -> tuple[float, tuple[Gathered, ...]]:
    start = time.process_time()
    result = function(table, "difficulties")
    return time.process_time() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=4000)
    parser.add_argument("--small", type=int, default=60, help="the district-scale run")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-old", action="store_true", help="time the new code only")
    args = parser.parse_args()
    for schools in (args.small, args.schools):
        table = rows(schools, args.seed)
        lines = sum(1 for r in table for line in r["difficulties"].split("\n") if item_text(line))
        new_s, new = timed(gathered, table)
        merged = sum(len(g.schools) for g in new)
        print(f"{schools} schools: {lines} lines, {len(new)} items gathered ({merged} mentions)")
        if args.no_old:
            print(f"  new {new_s:8.3f} s CPU")
            continue
        old_s, old = timed(old_gathered, table)
        same = "the same result" if old == new else "DIFFERENT RESULTS"
        print(
            f"  old {old_s:8.3f} s CPU, new {new_s:8.3f} s CPU: "
            f"{old_s / max(new_s, 1e-9):.1f}x, {same}"
        )
        if old != new:
            raise SystemExit(1)


if __name__ == "__main__":
    main()
