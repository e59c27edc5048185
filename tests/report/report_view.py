"""Reading a rendered report the way a reader sees it: paragraphs in order, effective formatting."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph


def open_docx(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


def body_items(doc: Any) -> Iterator[Paragraph | Table]:
    """Top-level paragraphs and tables of the body, in document order."""
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:p"):
            yield Paragraph(child, doc)
        elif child.tag == qn("w:tbl"):
            yield Table(child, doc)


def all_paragraphs(doc: Any) -> list[Paragraph]:
    """Every paragraph, table cells included, in reading order (row by row, left to right)."""
    out: list[Paragraph] = []
    for item in body_items(doc):
        if isinstance(item, Paragraph):
            out.append(item)
        else:
            for row in item.rows:
                for cell in row.cells:
                    out.extend(cell.paragraphs)
    return out


def texts(doc: Any) -> list[str]:
    """Non-empty paragraph texts in reading order."""
    return [p.text for p in all_paragraphs(doc) if p.text.strip()]


def find(doc: Any, text: str) -> Paragraph:
    """The one paragraph whose text is exactly ``text``."""
    found = [p for p in all_paragraphs(doc) if p.text == text]
    assert len(found) == 1, f"{text!r} found {len(found)} times"
    return found[0]


def _style_chain(paragraph: Paragraph) -> Iterator[Any]:
    style = paragraph.style
    while style is not None:
        yield style
        style = style.base_style


def run_prop(paragraph: Paragraph, run: Any, name: str) -> Any:
    """A run's font property as Word resolves it: the run, then the paragraph's style chain."""
    value = getattr(run.font, name)
    if value is not None:
        return value
    for style in _style_chain(paragraph):
        value = getattr(style.font, name)
        if value is not None:
            return value
    return None


def para_prop(paragraph: Paragraph, name: str) -> Any:
    """A paragraph format property, direct or from its style chain."""
    value = getattr(paragraph.paragraph_format, name)
    if value is not None:
        return value
    for style in _style_chain(paragraph):
        value = getattr(style.paragraph_format, name)
        if value is not None:
            return value
    return None


def looks(paragraph: Paragraph) -> set[tuple[float, bool, bool]]:
    """The (size pt, bold, italic) of every run with text: one element when uniform."""
    out = set()
    for run in paragraph.runs:
        if run.text:
            size = run_prop(paragraph, run, "size")
            out.add(
                (
                    size.pt if size is not None else -1,
                    bool(run_prop(paragraph, run, "bold")),
                    bool(run_prop(paragraph, run, "italic")),
                )
            )
    return out


def has_bottom_rule(paragraph: Paragraph) -> bool:
    ppr = paragraph._p.pPr
    if ppr is None:
        return False
    bottom = ppr.find(qn("w:pBdr") + "/" + qn("w:bottom"))
    return bottom is not None and bottom.get(qn("w:val")) == "single"


def following(doc: Any, paragraph: Paragraph) -> Paragraph:
    """The next paragraph in the same container."""
    nxt = paragraph._p.getnext()
    assert nxt is not None and nxt.tag == qn("w:p")
    return Paragraph(nxt, paragraph._parent)


# --- The report as LibreOffice prints it (pdftotext -bbox) --------------------------------------

PT_PER_MM = 72 / 25.4


@dataclass(frozen=True)
class Columns:
    """The header's columns on the page, in points from the paper's left edge."""

    start: float
    boundary: float
    end: float

    @property
    def left_centre(self) -> float:
        return (self.start + self.boundary) / 2

    @property
    def right_centre(self) -> float:
        return (self.boundary + self.end) / 2


def columns_of(docx: Path) -> Columns:
    """Where the .docx puts the header table: page margin + table indent, then its grid."""
    doc = open_docx(Path(docx).read_bytes())
    body = doc.element.body
    margin = int(body.find(qn("w:sectPr")).find(qn("w:pgMar")).get(qn("w:left")))
    table = body.find(qn("w:tbl"))
    indent = table.find(qn("w:tblPr") + "/" + qn("w:tblInd"))
    start = margin + (int(indent.get(qn("w:w"))) if indent is not None else 0)
    left, right = (int(c.get(qn("w:w"))) for c in table.find(qn("w:tblGrid")))
    twip = 1 / 20  # points
    return Columns(start * twip, (start + left) * twip, (start + left + right) * twip)


def pdf_words(pdf: Any) -> list[tuple[int, float, float, float, float, str]]:
    """(page, xmin, ymin, xmax, ymax, word) for every word of a PDF, in points."""
    import html as html_module
    import re
    import subprocess

    html = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    out = []
    page = 0
    for line in html.splitlines():
        if "<page " in line:
            page += 1
        found = re.search(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>',
            line,
        )
        if found:
            x0, y0, x1, y1 = (float(v) for v in found.groups()[:4])
            out.append((page, x0, y0, x1, y1, html_module.unescape(found.group(5))))
    return out


def pdf_lines(
    words: list[tuple[int, float, float, float, float, str]],
) -> list[tuple[int, float, float, float, str]]:
    """Words grouped into printed lines: (page, baseline-ish y, xmin, xmax, text), top to bottom.

    Words of one line share their bottom within 1 pt; lines of the two header columns that stand
    level are one line here, so callers filter words by column first.
    """
    rows: list[list[tuple[int, float, float, float, float, str]]] = []
    for word in sorted(words, key=lambda w: (w[0], w[4], w[1])):
        if rows and rows[-1][0][0] == word[0] and abs(rows[-1][0][4] - word[4]) < 1.0:
            rows[-1].append(word)
        else:
            rows.append([word])
    return [
        (
            row[0][0],
            row[0][4],
            min(w[1] for w in row),
            max(w[3] for w in row),
            " ".join(w[5] for w in sorted(row, key=lambda w: w[1])),
        )
        for row in rows
    ]


def pdf_rules(pdf: Any, page: int = 1) -> list[tuple[float, float, float]]:
    """The horizontal lines drawn on a page: (xmin, xmax, y from the top), in points.

    Read from ``pdftocairo -svg``: each stroked ``M x y L x2 y`` path with its transform matrix.
    """
    import re
    import subprocess
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        svg = Path(folder) / "page.svg"
        subprocess.run(
            ["pdftocairo", "-svg", "-f", str(page), "-l", str(page), str(pdf), str(svg)],
            check=True,
            capture_output=True,
        )
        text = svg.read_text(encoding="utf-8")
    found = set()
    for match in re.finditer(
        r'd="M ([\d.]+) ([\d.]+) L ([\d.]+) ([\d.]+) "\s+transform="matrix\(([^)]*)\)"', text
    ):
        x0, y0, x1, y1 = (float(v) for v in match.groups()[:4])
        a, _b, _c, d, e, f = (float(v) for v in match.group(5).split(","))
        if abs(y0 - y1) < 0.01:
            found.add((round(min(x0, x1) * a + e, 1), round(max(x0, x1) * a + e, 1),
                       round(y0 * d + f, 1)))  # fmt: skip
    return sorted(found, key=lambda r: (r[2], r[0]))
