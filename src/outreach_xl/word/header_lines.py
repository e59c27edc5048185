"""Names in the header's left column on balanced lines, broken between words, never inside one.

Word breaks a long name wherever the column ends: ``PHÒNG GIÁO DỤC VÀ ĐÀO / TẠO``, ``TRƯỜNG TIỂU
HỌC MỸ / PHÚ``. After rendering, each line of the left header cell that is too wide for it gets
explicit line breaks, computed from the printed width of Times New Roman (``word.metrics``):

- a name is cut only between words: never inside a compound (``ĐÀO TẠO``, ``TRUNG HỌC``), inside a
  proper name (``MỸ PHÚ``, ``NGUYỄN BỈNH KHIÊM``), or after an administrative unit (``XÃ | MỸ AN``);
- two lines if two can hold it, as even as possible; in 12 pt (the decree allows 12-13) when
  only that makes two lines enough; three even lines otherwise (a name longer than two lines of
  the column beside the national title cannot be set in two within the margins).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from outreach_xl.word.metrics import text_width_mm

# Syllable pairs that make one word: a name is never broken between them.
COMPOUNDS = frozenset(
    tuple(pair.split())
    for pair in (
        "giáo dục", "đào tạo", "trung học", "cơ sở", "phổ thông",
        "tiểu học", "mẫu giáo", "mầm non", "nhà trẻ", "ủy ban", "uỷ ban", "ban nhân",
        "nhân dân", "dân tộc", "nội trú", "bán trú", "thành phố", "thị xã", "thị trấn",
        "trung tâm", "thường xuyên", "nghề nghiệp", "văn hóa", "xã hội", "liên cấp", "hội đồng",
        "cộng hòa", "chủ nghĩa", "việt nam", "công an", "quân sự", "hành chính", "sự nghiệp",
        "tổng hợp", "kỹ thuật", "hướng nghiệp", "chuyên biệt", "hòa nhập", "thể dục", "thể thao",
        "hoạt động", "thông tin", "đối ngoại", "báo cáo", "tuyên truyền", "kết quả", "tổng kết",
    )
)  # fmt: skip
# Pairs inside a level's name (TRUNG HỌC | CƠ SỞ): a line breaks there only when it must.
TERMS = frozenset({("học", "cơ"), ("học", "phổ"), ("thông", "dân"), ("dân", "tộc")})
# Words of the generic part of a name; a run of other syllables is a proper name (kept whole).
GENERIC = frozenset(
    [
        "trường",
        "phòng",
        "sở",
        "bộ",
        "trung",
        "tâm",
        "ủy",
        "uỷ",
        "ban",
        "nhân",
        "dân",
        "giáo",
        "dục",
        "đào",
        "tạo",
        "và",
        "học",
        "cơ",
        "phổ",
        "thông",
        "tiểu",
        "mẫu",
        "mầm",
        "non",
        "nhà",
        "trẻ",
        "tộc",
        "nội",
        "bán",
        "trú",
        "liên",
        "cấp",
        "thường",
        "xuyên",
        "nghề",
        "nghiệp",
        "văn",
        "hóa",
        "xã",
        "hội",
        "kỹ",
        "thuật",
        "tổng",
        "hợp",
        "hướng",
        "chuyên",
        "biệt",
        "hòa",
        "nhập",
        "ubnd",
        "hđnd",
        "thcs",
        "thpt",
        "th",
        "mn",
        "mg",
        "gd&đt",
        "pgd&đt",
        "gdđt",
        "ptdtnt",
        "ptdtbt",
        "gdtx",
        "-",
    ]
)
# Administrative units: they belong with the name that follows them.
UNITS = frozenset({"xã", "phường", "huyện", "quận", "tỉnh", "trấn", "phố", "số"})

SIZES = (13.0, 12.0)  # the decree's range for the issuing body, largest first


def words_of(text: str, terms: bool = True) -> list[str]:
    """The name cut into the pieces a line may break between (each a word or a whole name);
    with ``terms``, a level's name (``TRUNG HỌC CƠ SỞ``) is one piece too."""
    syllables = text.split()
    pieces: list[list[str]] = []
    for i, syllable in enumerate(syllables):
        pair = (syllables[i - 1].casefold(), syllable.casefold()) if i else None
        if i and (_glued(syllables[i - 1], syllable) or (terms and pair in TERMS)):
            pieces[-1].append(syllable)
        else:
            pieces.append([syllable])
    return [" ".join(piece) for piece in pieces]


def _glued(before: str, after: str) -> bool:
    a, b = before.casefold(), after.casefold()
    if (a, b) in COMPOUNDS:
        return True
    if a in UNITS and b not in GENERIC:
        return True  # XÃ MỸ AN, SỐ 1
    if a == "năm" and b.isdigit():
        return True  # năm 2020
    if not (before[:1].isupper() and after[:1].isupper()):
        return False  # in a sentence, a proper name is the run of capitalised syllables
    return a not in GENERIC and b not in GENERIC and a not in UNITS and b not in UNITS


def balanced_lines(
    words: Sequence[str], room: float, size: float, bold: bool, count: int
) -> list[str] | None:
    """The split of ``words`` into ``count`` lines that fits ``room`` mm: fewest lines holding a
    single word, then the shortest widest line (ties: the earlier break), or None."""
    best: tuple[tuple[int, float], list[str]] | None = None
    for cuts in itertools.combinations(range(1, len(words)), count - 1):
        bounds = (0, *cuts, len(words))
        lines = [" ".join(words[a:b]) for a, b in itertools.pairwise(bounds)]
        widest = max(text_width_mm(line, size, bold) for line in lines)
        lonely = sum(" " not in line for line in lines)  # a word alone on a line looks lost
        score = (lonely, round(widest, 1))
        if widest <= room and (best is None or score < best[0]):
            best = (score, lines)
    return best[1] if best else None


def fit(
    text: str, room: float, size: float, bold: bool, sizes: Sequence[float] = SIZES
) -> tuple[list[str], float]:
    """The lines and size a name is set in, in a column ``room`` mm wide."""
    if text_width_mm(text, size, bold) <= room:
        return [text], size
    for count in (2, 3):
        found = []
        for terms in (True, False):
            for smaller in [s for s in sizes if s <= size] or [size]:
                lines = balanced_lines(words_of(text, terms), room, smaller, bold, count)
                if lines:  # fewest lone words, level names whole, the larger size: in that order
                    lonely = sum(" " not in line for line in lines)
                    found.append(((lonely, not terms, -smaller), lines, smaller))
        if found:
            _, lines, chosen = min(found, key=lambda f: f[0])
            return lines, chosen
    return [text], size  # a single huge word: let Word wrap it


# The margin kept free at each end of a line: Word and LibreOffice do not set a line to the hair.
SAFETY_MM = 1.0


def fit_header(document: Any) -> None:
    """Break the names in the left cell of the header (the document's first table) into lines."""
    body = document.element.body
    table = body.find(qn("w:tbl"))
    if table is None:
        return
    row = table.find(qn("w:tr"))
    cell = row.find(qn("w:tc")) if row is not None else None
    if cell is None:
        return
    room = _cell_width_mm(table, cell) - SAFETY_MM
    for paragraph in cell.findall(qn("w:p")):
        runs = [r for r in paragraph.findall(qn("w:r")) if r.find(qn("w:t")) is not None]
        if len(runs) != 1 or runs[0].find(qn("w:br")) is not None:
            continue  # a line a clerk formatted by hand is left as it is
        _fit_run(runs[0], room - _indents_mm(paragraph))


def fit_title(document: Any) -> None:
    """Break the summary line under ``BÁO CÁO`` between words, on balanced lines, in its size.

    The centred bold paragraphs that follow the header table (the title block) are measured
    against the text width of the page.
    """
    body = document.element.body
    table = body.find(qn("w:tbl"))
    section = body.find(qn("w:sectPr"))
    if table is None or section is None:
        return
    size_node, margins = section.find(qn("w:pgSz")), section.find(qn("w:pgMar"))
    if size_node is None or margins is None:
        return
    room = (
        _twips_to_mm(size_node.get(qn("w:w")))
        - _twips_to_mm(margins.get(qn("w:left")))
        - _twips_to_mm(margins.get(qn("w:right")))
        - SAFETY_MM
    )
    node = table.getnext()
    while node is not None and node.tag == qn("w:p"):
        align = node.find(qn("w:pPr") + "/" + qn("w:jc"))
        texts = "".join(t.text or "" for t in node.iter(qn("w:t")))
        if texts.strip() and (align is None or align.get(qn("w:val")) != "center"):
            break  # the body has started
        runs = [r for r in node.findall(qn("w:r")) if r.find(qn("w:t")) is not None]
        if len(runs) == 1 and runs[0].find(qn("w:br")) is None:
            _fit_run(runs[0], room - _indents_mm(node), sizes=())
        node = node.getnext()


def _fit_run(run: Any, room: float, sizes: Sequence[float] = SIZES) -> None:
    text_node = run.find(qn("w:t"))
    text = " ".join((text_node.text or "").split())
    rpr = run.find(qn("w:rPr"))
    size = _size(rpr)
    bold = rpr is not None and _on(rpr.find(qn("w:b")))
    lines, new_size = fit(text, room, size, bold, sizes)
    if len(lines) == 1 and new_size == size:
        return
    if new_size != size and rpr is not None:
        for name in ("w:sz", "w:szCs"):
            node = rpr.find(qn(name))
            if node is not None:
                node.set(qn("w:val"), str(round(new_size * 2)))
    run.remove(text_node)
    for i, line in enumerate(lines):
        if i:
            run.append(OxmlElement("w:br"))
        node = OxmlElement("w:t")
        node.text = line
        run.append(node)


def _size(rpr: Any) -> float:
    node = rpr.find(qn("w:sz")) if rpr is not None else None
    return int(node.get(qn("w:val"))) / 2 if node is not None else 14.0


def _on(node: Any) -> bool:
    return node is not None and node.get(qn("w:val")) not in ("0", "false", "off")


def _twips_to_mm(value: str | None) -> float:
    return int(value or 0) * 25.4 / 1440


def _cell_width_mm(table: Any, cell: Any) -> float:
    width = cell.find(qn("w:tcPr") + "/" + qn("w:tcW"))
    if width is not None and width.get(qn("w:type")) == "dxa":
        inner = _twips_to_mm(width.get(qn("w:w")))
    else:
        grid = table.find(qn("w:tblGrid") + "/" + qn("w:gridCol"))
        inner = _twips_to_mm(grid.get(qn("w:w")) if grid is not None else None)
    margins = table.find(qn("w:tblPr") + "/" + qn("w:tblCellMar"))
    if margins is not None:
        for edge in ("w:left", "w:right"):
            node = margins.find(qn(edge))
            if node is not None:
                inner -= _twips_to_mm(node.get(qn("w:w")))
    return inner


def _indents_mm(paragraph: Any) -> float:
    ind = paragraph.find(qn("w:pPr") + "/" + qn("w:ind"))
    if ind is None:
        return 0.0
    return sum(max(_twips_to_mm(ind.get(qn(k))), 0) for k in ("w:left", "w:right"))
