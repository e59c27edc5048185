"""Names in the header's left column on at most two balanced lines, broken between words.

Word breaks a long name wherever the column ends: ``PHÒNG GIÁO DỤC VÀ ĐÀO / TẠO``, ``TRƯỜNG TIỂU
HỌC MỸ / PHÚ``. After rendering, each line of the left header cell that is too wide for it gets
explicit line breaks, computed from the printed width of Times New Roman (``word.metrics``):

- a name is cut only between words: never inside a compound (``ĐÀO TẠO``, ``TRUNG HỌC``), inside a
  proper name (``MỸ PHÚ``, ``NGUYỄN BỈNH KHIÊM``), or after an administrative unit (``XÃ | MỸ AN``);
- two lines if two can hold it, as even as possible (the shorter at least 3/4 of the longer when
  a split allows it), in 12 pt (the decree allows 12-13) when only that makes two lines enough;
  the names of the column share one size;
- when a name needs more than the 68 mm the national title leaves within the margins (``TRƯỜNG
  TRUNG HỌC CƠ SỞ VÀ TRUNG HỌC PHỔ THÔNG NGUYỄN BỈNH KHIÊM`` needs 94.3 mm a line in 12 pt), the
  header table reaches into the page's margins as Vietnamese offices do (no closer than 15 mm to
  the paper's left edge and 10 mm to its right one, the widening shared 3:1 by the two margins),
  just as far as the name needs, with the national title in 13 pt, or in 12 pt (the motto then in
  13 pt) if that is still not enough; the short rules stay centred under the name and the motto;
- three even lines in the built header for a name two lines cannot hold even then.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
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
TERMS = frozenset(
    {
        ("học", "cơ"),
        ("học", "phổ"),
        ("thông", "dân"),
        ("dân", "tộc"),
        ("tộc", "nội"),
        ("tộc", "bán"),
    }
)
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


# Two lines are balanced when the shorter is at least this share of the longer.
BALANCE = 0.75
# A name longer than this cannot fit three lines of a header column in any size the decree
# allows: it is left to Word to wrap, not set (trying every split of a name typed as thousands
# of words costs the cube of its length).
MAX_SET_CHARS = 240


@dataclass(frozen=True)
class Setting:
    """One way to set a name: its lines, their size, and the widest line in millimetres."""

    lines: tuple[str, ...]
    size: float
    width: float


def settings(text: str, size: float, bold: bool, sizes: Sequence[float] = SIZES) -> list[Setting]:
    """Every way to set a name on one or two lines, best first: one line in its own size; then
    two lines with fewest lone words, balanced, level names whole, the larger size, in that order.
    The first whose ``width`` fits a column is the one to use (see ``choose``)."""
    found: list[tuple[tuple[int, ...], Setting]] = [
        ((1,), Setting((text,), size, text_width_mm(text, size, bold)))
    ]
    if len(text) > MAX_SET_CHARS:
        return [found[0][1]]
    for terms in (True, False):
        for smaller in [s for s in sizes if s <= size] or [size]:
            for lonely_ok in (False, True):
                lines = _best_split(words_of(text, terms), smaller, bold, lonely_ok)
                if lines is None:
                    continue
                widths = [text_width_mm(line, smaller, bold) for line in lines]
                lonely = sum(" " not in line for line in lines)
                unbalanced = min(widths) < BALANCE * max(widths)
                key = (2, lonely, int(unbalanced), int(not terms), -round(smaller * 2))
                setting = Setting(tuple(lines), smaller, max(widths))
                if all(setting != other for _, other in found):
                    found.append((key, setting))
    found.sort(key=lambda f: f[0])
    return [setting for _, setting in found]


def _best_split(words: Sequence[str], size: float, bold: bool, lonely_ok: bool) -> list[str] | None:
    """The two-line split with the shortest widest line, among those with no lone word (or any)."""
    best: tuple[float, list[str]] | None = None
    for cut in range(1, len(words)):
        lines = [" ".join(words[:cut]), " ".join(words[cut:])]
        if not lonely_ok and any(" " not in line for line in lines):
            continue
        widest = round(max(text_width_mm(line, size, bold) for line in lines), 1)
        if best is None or widest < best[0]:
            best = (widest, lines)
    return best[1] if best else None


def choose(options: Sequence[Setting], room: float) -> Setting | None:
    """The best setting whose widest line fits ``room`` mm, or None."""
    return next((o for o in options if o.width <= room), None)


def fit(
    text: str, room: float, size: float, bold: bool, sizes: Sequence[float] = SIZES
) -> tuple[list[str], float]:
    """The lines and size a name is set in, in a column ``room`` mm wide: one or two lines if
    they can hold it (``settings``), three even lines otherwise."""
    chosen = choose(settings(text, size, bold, sizes), room)
    if chosen is not None:
        return list(chosen.lines), chosen.size
    if len(text) > MAX_SET_CHARS:
        return [text], size
    found = []
    for terms in (True, False):
        for smaller in [s for s in sizes if s <= size] or [size]:
            lines = balanced_lines(words_of(text, terms), room, smaller, bold, 3)
            if lines:  # fewest lone words, level names whole, the larger size: in that order
                lonely = sum(" " not in line for line in lines)
                found.append(((lonely, not terms, -smaller), lines, smaller))
    if found:
        _, lines, chosen_size = min(found, key=lambda f: f[0])
        return lines, chosen_size
    return [text], size  # a single huge word: let Word wrap it


# The margin kept free at each end of a line: Word and LibreOffice do not set a line to the hair.
SAFETY_MM = 1.0
# How close to the paper's edges the header may reach when a name needs it, in mm: every office
# printer prints there (the decree's margins are 30 left and 15 right).
EDGE_LEFT_MM = 15.0
EDGE_RIGHT_MM = 10.0
# Room left on each side of the national title in its column (97 mm for 95.7 mm in 13 pt bold).
TITLE_SLACK_MM = 0.65
TITLE_SIZES = (13.0, 12.0)  # the decree's range for CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
MOTTO_SIZE_WITH = {12.0: 13.0}  # the motto one point larger than a 12 pt title (13-14 allowed)


@dataclass(frozen=True)
class Geometry:
    """Where the header's columns are: the left edge from the page's left margin (negative: in
    the margin), the two widths, the size of the national title; all in mm and points."""

    indent: float
    left: float
    right: float
    title_size: float


@dataclass
class _Name:
    run: Any
    text: str
    size: float
    bold: bool
    indents: float
    options: list[Setting]


def fit_header(document: Any) -> None:
    """Set the names in the left cell of the header (the document's first table) on at most two
    balanced lines, widening the header into the page's margins (and the national title to 12 pt)
    only when a name needs it; three lines when even that cannot hold it."""
    body = document.element.body
    table = body.find(qn("w:tbl"))
    if table is None:
        return
    row = table.find(qn("w:tr"))
    cells = row.findall(qn("w:tc")) if row is not None else []
    if not cells:
        return
    names = list(_names(cells[0]))
    built = _built_geometry(table, cells)
    geometry = _choose_geometry(names, built, _page_reach(body), cells)
    rooms = [geometry.left - SAFETY_MM - n.indents for n in names]
    chosen = [choose(n.options, room) for n, room in zip(names, rooms, strict=True)]
    sizes = [c.size if c else fit(n.text, r, n.size, n.bold)[1]
             for c, n, r in zip(chosen, names, rooms, strict=True)]  # fmt: skip
    size = min(sizes, default=0.0)  # the names of the column in one size: the smallest chosen
    widest = 0.0  # the widest line of the issuing body's name (bold), for its rule
    for name, setting, room in zip(names, chosen, rooms, strict=True):
        if setting is None:  # too long for two lines even in the widest header: three lines
            _set(name.run, *fit(name.text, room, size, name.bold))
            continue
        if setting.size > size:
            setting = choose(settings(name.text, size, name.bold, (size,)), room) or setting
        _set(name.run, list(setting.lines), setting.size)
        if name.bold:
            widest = max(widest, setting.width)
    if geometry != built:
        _apply_geometry(table, cells, geometry, built, widest)


def _names(cell: Any) -> Any:
    for paragraph in cell.findall(qn("w:p")):
        runs = [r for r in paragraph.findall(qn("w:r")) if r.find(qn("w:t")) is not None]
        if len(runs) != 1 or runs[0].find(qn("w:br")) is not None:
            continue  # a line a clerk formatted by hand is left as it is
        text_node = runs[0].find(qn("w:t"))
        text = " ".join((text_node.text or "").split())
        if not text:
            continue
        rpr = runs[0].find(qn("w:rPr"))
        size = _size(rpr)
        bold = rpr is not None and _on(rpr.find(qn("w:b")))
        yield _Name(runs[0], text, size, bold, _indents_mm(paragraph),
                    settings(text, size, bold))  # fmt: skip


def _built_geometry(table: Any, cells: Sequence[Any]) -> Geometry:
    title = _title_run(cells)
    return Geometry(
        indent=0.0,
        left=_cell_width_mm(table, cells[0]),
        right=_cell_width_mm(table, cells[1]) if len(cells) > 1 else 0.0,
        title_size=_size(title.find(qn("w:rPr"))) if title is not None else 13.0,
    )


def _page_reach(body: Any) -> tuple[float, float, float] | None:
    """(text width, how far the header may reach into the left and the right margin) in mm."""
    section = body.find(qn("w:sectPr"))
    if section is None:
        return None
    size_node, margins = section.find(qn("w:pgSz")), section.find(qn("w:pgMar"))
    if size_node is None or margins is None:
        return None
    left = _twips_to_mm(margins.get(qn("w:left")))
    right = _twips_to_mm(margins.get(qn("w:right")))
    text_width = _twips_to_mm(size_node.get(qn("w:w"))) - left - right
    return text_width, max(left - EDGE_LEFT_MM, 0), max(right - EDGE_RIGHT_MM, 0)


def _choose_geometry(
    names: Sequence[_Name],
    built: Geometry,
    page: tuple[float, float, float] | None,
    cells: Sequence[Any],
) -> Geometry:
    """The built header if every name that two lines can hold at all fits it on two lines; else
    the narrowest widening into the margins that makes them fit, the national title in 13 pt,
    then in 12 pt; the built header if none does."""
    title = _title_run(cells)
    if page is None or title is None or built.right <= 0:
        return built
    text_width, reach_left, reach_right = page
    title_text = "".join(t.text or "" for t in title.iter(qn("w:t")))
    widenings = []  # (title size, right column, widest left column), in the order tried
    for size in [s for s in TITLE_SIZES if s <= built.title_size]:
        right = text_width_mm(title_text, size, bold=True) + 2 * TITLE_SLACK_MM
        right = min(round(right + 0.05, 1), built.right)
        widenings.append((size, right, text_width + reach_left + reach_right - right))
    widest = max([built.left] + [w[2] for w in widenings])
    names = [n for n in names if choose(n.options, widest - SAFETY_MM - n.indents)]

    def fits(left: float) -> list[Setting] | None:
        chosen = [choose(n.options, left - SAFETY_MM - n.indents) for n in names]
        return None if any(c is None for c in chosen) else chosen  # type: ignore[return-value]

    if fits(built.left) is not None:
        return built
    for size, right, most in widenings:
        chosen = fits(most)
        if chosen is None:
            continue
        needed = max(c.width + SAFETY_MM + n.indents for c, n in zip(chosen, names, strict=True))
        left = max(built.left, round(needed + 0.05, 1))
        extra = max(left + right - text_width, 0)  # shared by the margins as their room is
        reach = reach_left + reach_right
        into_left = extra * reach_left / reach if extra and reach else 0.0
        return Geometry(indent=-round(into_left, 1), left=left, right=right, title_size=size)
    return built


def _title_run(cells: Sequence[Any]) -> Any:
    """The run of the national title: the first text run of the right cell."""
    if len(cells) < 2:
        return None
    for run in cells[1].iter(qn("w:r")):
        if "".join(t.text or "" for t in run.findall(qn("w:t"))).strip():
            return run
    return None


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
    bold = rpr is not None and _on(rpr.find(qn("w:b")))
    _set(run, *fit(text, room, _size(rpr), bold, sizes))


def _set(run: Any, lines: Sequence[str], size: float) -> None:
    """Write ``lines`` into the run, separated by line breaks, in ``size`` points."""
    text_node = run.find(qn("w:t"))
    rpr = run.find(qn("w:rPr"))
    if list(lines) == [text_node.text] and size == _size(rpr):
        return
    _resize(run, size)
    run.remove(text_node)
    for i, line in enumerate(lines):
        if i:
            run.append(OxmlElement("w:br"))
        node = OxmlElement("w:t")
        node.text = line
        run.append(node)


def _resize(run: Any, size: float) -> None:
    rpr = run.find(qn("w:rPr"))
    if rpr is None or size == _size(rpr):
        return
    for name in ("w:sz", "w:szCs"):
        node = rpr.find(qn(name))
        if node is not None:
            node.set(qn("w:val"), str(round(size * 2)))


def _apply_geometry(
    table: Any, cells: Sequence[Any], geometry: Geometry, built: Geometry, widest: float
) -> None:
    """Move and widen the header table, resize the national title and the motto, and keep the
    short rules centred under the name (1/3-1/2 of its widest line) and as long as the motto."""
    tbl_pr = table.find(qn("w:tblPr"))
    widths = (geometry.left, geometry.right)
    tbl_w = tbl_pr.find(qn("w:tblW"))
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), _twips(sum(widths)))
    indent = tbl_pr.find(qn("w:tblInd"))
    if indent is None:
        indent = OxmlElement("w:tblInd")
        anchor = tbl_pr.find(qn("w:jc"))
        (anchor if anchor is not None else tbl_w).addnext(indent)
    indent.set(qn("w:w"), _twips(geometry.indent))
    indent.set(qn("w:type"), "dxa")
    for col, width in zip(
        table.find(qn("w:tblGrid")).findall(qn("w:gridCol")), widths, strict=False
    ):
        col.set(qn("w:w"), _twips(width))
    for row in table.findall(qn("w:tr")):
        for cell, width in zip(row.findall(qn("w:tc")), widths, strict=False):
            tc_w = cell.find(qn("w:tcPr") + "/" + qn("w:tcW"))
            if tc_w is not None:
                tc_w.set(qn("w:w"), _twips(width))
                tc_w.set(qn("w:type"), "dxa")
    for paragraph in cells[0].findall(qn("w:p")):
        length = _rule_length(paragraph, built.left)
        if length is not None:
            if widest:
                length = min(max(length, widest / 3), widest / 2)
            _centre_rule(paragraph, length, geometry.left)
    title = _title_run(cells)
    if title is None or geometry.title_size == built.title_size:
        for paragraph in cells[1].findall(qn("w:p")):
            length = _rule_length(paragraph, built.right)
            if length is not None:
                _centre_rule(paragraph, length, geometry.right)
        return
    _resize(title, geometry.title_size)
    motto_size = MOTTO_SIZE_WITH.get(geometry.title_size)
    motto = None
    for paragraph in cells[1].findall(qn("w:p")):
        runs = [r for r in paragraph.findall(qn("w:r")) if "".join(
            t.text or "" for t in r.findall(qn("w:t"))).strip()]  # fmt: skip
        if runs and runs[0] is not title and motto is None:
            motto = runs[0]
            if motto_size is not None:
                _resize(motto, motto_size)
            continue
        length = _rule_length(paragraph, built.right)
        if length is not None:
            if motto is not None:
                motto_text = "".join(t.text or "" for t in motto.findall(qn("w:t")))
                length = text_width_mm(motto_text, _size(motto.find(qn("w:rPr"))), bold=True) + 0.1
            _centre_rule(paragraph, length, geometry.right)


def _rule_length(paragraph: Any, cell_width: float) -> float | None:
    """The length of a short rule (an empty paragraph with a bottom border), or None."""
    if "".join(t.text or "" for t in paragraph.iter(qn("w:t"))).strip():
        return None
    if paragraph.find(qn("w:pPr") + "/" + qn("w:pBdr") + "/" + qn("w:bottom")) is None:
        return None
    return cell_width - _indents_mm(paragraph)


def _centre_rule(paragraph: Any, length: float, cell_width: float) -> None:
    ind = paragraph.find(qn("w:pPr") + "/" + qn("w:ind"))
    if ind is None:
        return
    side = _twips(max((cell_width - length) / 2, 0))
    ind.set(qn("w:left"), side)
    ind.set(qn("w:right"), side)


def _twips(mm: float) -> str:
    return str(round(mm * 1440 / 25.4))


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
