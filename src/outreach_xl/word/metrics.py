"""Advance widths of Times New Roman, to measure a header line before Word sets it.

Measured from Liberation Serif 2 (the metric twin of Times New Roman that LibreOffice uses in its
place) in thousandths of an em, for the printable ASCII characters and the Vietnamese letters
whose width is not their base letter's (the horned ``ơ ư`` and ``đ``); every other Vietnamese
letter is as wide as its base letter (``Ệ`` as ``E``). Regenerate with pillow and
fonts-liberation2: ``python -m outreach_xl.word.metrics``.
"""

from __future__ import annotations

import sys
import unicodedata

CHARS = (
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ["
    "\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ơưƠƯđĐ–—…«»“”‘’"
)
REGULAR = (
    250,
    333,
    408,
    500,
    500,
    833,
    778,
    180,
    333,
    333,
    500,
    564,
    250,
    333,
    250,
    278,
    500,
    500,
    500,
    500,
    500,
    500,
    500,
    500,
    500,
    500,
    278,
    278,
    564,
    564,
    564,
    444,
    921,
    722,
    667,
    667,
    722,
    611,
    556,
    722,
    722,
    333,
    389,
    722,
    611,
    889,
    722,
    722,
    556,
    722,
    667,
    556,
    611,
    722,
    722,
    944,
    722,
    722,
    611,
    333,
    278,
    333,
    469,
    500,
    333,
    444,
    500,
    444,
    500,
    444,
    333,
    500,
    500,
    278,
    278,
    500,
    278,
    778,
    500,
    500,
    500,
    500,
    333,
    389,
    278,
    500,
    500,
    722,
    500,
    500,
    444,
    480,
    200,
    480,
    541,
    529,
    542,
    722,
    776,
    500,
    722,
    500,
    1000,
    1000,
    500,
    500,
    444,
    444,
    333,
    333,
)
BOLD = (
    250,
    333,
    555,
    500,
    500,
    1000,
    833,
    278,
    333,
    333,
    500,
    570,
    250,
    333,
    250,
    278,
    500,
    500,
    500,
    500,
    500,
    500,
    500,
    500,
    500,
    500,
    333,
    333,
    570,
    570,
    570,
    500,
    930,
    722,
    667,
    722,
    722,
    667,
    611,
    778,
    778,
    389,
    500,
    778,
    667,
    944,
    722,
    778,
    611,
    778,
    722,
    556,
    667,
    722,
    722,
    1000,
    722,
    722,
    667,
    333,
    278,
    333,
    581,
    500,
    333,
    500,
    556,
    444,
    556,
    444,
    333,
    500,
    556,
    278,
    333,
    556,
    278,
    833,
    556,
    500,
    556,
    556,
    444,
    389,
    333,
    556,
    500,
    722,
    500,
    500,
    444,
    394,
    220,
    394,
    520,
    554,
    600,
    778,
    796,
    556,
    722,
    500,
    1000,
    1000,
    500,
    500,
    500,
    500,
    333,
    333,
)

_WIDTHS = {
    False: dict(zip(CHARS, REGULAR, strict=True)),
    True: dict(zip(CHARS, BOLD, strict=True)),
}
_UNKNOWN = 600  # a character outside the table counts as a wide letter


def char_width(char: str, bold: bool = False) -> int:
    """The advance of one character, thousandths of an em."""
    table = _WIDTHS[bold]
    if char in table:
        return table[char]
    decomposed = unicodedata.normalize("NFD", char)
    if decomposed[1:2] == "\u031b":  # a horned letter with a tone mark: as wide as ơ, ư
        return table.get(unicodedata.normalize("NFC", decomposed[:2]), _UNKNOWN)
    base = decomposed[:1]
    return table.get(base, _UNKNOWN)


def text_width_mm(text: str, size: float, bold: bool = False) -> float:
    """How wide ``text`` is printed in Times New Roman ``size`` points, in millimetres."""
    units = sum(char_width(c, bold) for c in unicodedata.normalize("NFC", text))
    return units / 1000 * size * 25.4 / 72


def _measure(font_dir: str) -> str:  # pragma: no cover - a developer's tool
    from PIL import ImageFont

    rows = []
    for name, style in (("REGULAR", "Regular"), ("BOLD", "Bold")):
        font = ImageFont.truetype(f"{font_dir}/LiberationSerif-{style}.ttf", 2048)
        widths = tuple(round(font.getlength(c) * 1000 / 2048) for c in CHARS)
        rows.append(f"{name} = {widths!r}")
    return "\n".join(rows)


if __name__ == "__main__":  # pragma: no cover
    print(_measure(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/liberation2"))
