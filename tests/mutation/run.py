"""A small mutation run: hand-made mutants of the core, each applied to a copy of ``src/``.

    python tests/mutation/run.py                 # every mutant against its tests
    python tests/mutation/run.py --full          # survivors again against the whole suite
    python tests/mutation/run.py F1 V3 --show    # some mutants; print pytest's output

Each mutant replaces one exact piece of text in one file of ``src/outreach_xl`` (a ``<=`` turned
``<``, a misspelt key, a dropped normalisation). The runner copies ``src/`` into a temporary folder
(the ``templates``, ``xl_macros`` and ``workbook`` folders are linked, not copied), applies one
mutant at a time, and runs pytest on the mutant's tests with ``PYTHONPATH`` pointing at the copy.
A mutant is **killed** when a test fails, **survived** when they all pass, and **stale** when its
text is no longer in the file (the code moved on: rewrite the mutant). Before any mutant, the same
tests run on the unchanged copy and must pass, or no result would mean anything; with ``--full``,
so must the whole suite, before the first survivor is run against it.

The list is the point: each mutant is a mistake a person could make, and ``docs/mutation.md``
records which test kills it. A mutant that survives is either a missing test or a change no user
would notice (then say why in ``docs/mutation.md``).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
LINKED = ("templates", "xl_macros", "workbook")

# Test sets, by the part of the core a mutant touches (fast ones: the run takes minutes, not hours).
FORMATS = ("tests/report/test_vnformat.py", "tests/test_doctests.py", "tests/edges")
MODEL = ("tests/test_model.py", "tests/test_roundtrip.py", "tests/test_reader.py", "tests/edges")
RULES = ("tests/test_fixtures.py", "tests/test_schema.py", "tests/edges")
MERGE = ("tests/rollup/test_core.py", "tests/rollup/test_district.py", "tests/edges")
PARSE = ("tests/test_reader.py", "tests/hostile/test_hostile_inputs.py", "tests/edges")
# the shortcuts of issue 14 against the code they replaced
FAST = ("tests/test_fast_paths.py", "tests/test_fast_paths_core.py")
# the shortcuts of the cell reader against the code they replaced, and against python-calamine
FAST_FILES = ("tests/files/test_fast_strings.py", "tests/files/test_cells.py")
# the third round of shortcuts of issue 14 against the code they replaced
FAST_THIRD = ("tests/test_fast_paths_third.py", *RULES)
# near-duplicate difficulties gathered: the pairwise rule, and the bounds of its shortcuts
GATHERED = ("tests/rollup/test_gathered.py", "tests/rollup/test_gathered_bounds.py")
LEGACY = ("tests/test_legacy_text.py", "tests/report/test_legacy_fonts.py")
# the folder a merge reads, archives included
COLLECT = ("tests/rollup/test_collect.py",)
# what a clerk typed, as the school report prints it
TYPED = ("tests/report/test_report_typed.py",)
# the merging office after 1 July 2025 (a commune's People's Committee), as its clerk types it
OFFICE = ("tests/rollup/test_commune_office.py", "tests/test_doctests.py")
# the 2025 transition year: a ward or department compared with a former district office's roll-up
TRANSITION = ("tests/rollup/test_transition_year.py", "tests/rollup/test_year_over_year.py")
FULL = ("tests",)


@dataclass(frozen=True)
class Mutant:
    """One mistake: in ``file`` (under src/outreach_xl), ``old`` (exactly once) becomes ``new``."""

    id: str
    file: str
    old: str
    new: str
    what: str
    tests: tuple[str, ...]


M = Mutant
MUTANTS: tuple[Mutant, ...] = (
    # --- core/formats.py: Decree 30 dates, numbers, references ---------------------------------
    M(
        "F1",
        "core/formats.py",
        'return f"{month:02d}" if month <= 2 else',
        'return f"{month:02d}" if month < 2 else',
        "February written without its leading zero (tháng 2)",
        FORMATS,
    ),
    M(
        "F2",
        "core/formats.py",
        'return f"{month:02d}" if month <= 2 else',
        'return f"{month:02d}" if month <= 3 else',
        "March written with a leading zero (tháng 03)",
        FORMATS,
    ),
    M(
        "F3",
        "core/formats.py",
        'return f"{day:02d}"',
        'return f"{day}"',
        "day below 10 without its leading zero (ngày 5)",
        FORMATS,
    ),
    M(
        "F4",
        "core/formats.py",
        'return f"{number:02d}/{symbol}"',
        'return f"{number}/{symbol}"',
        "document number below 10 without its leading zero (5/BC-MGMA)",
        FORMATS,
    ),
    M(
        "F5",
        "core/formats.py",
        'return sign + f"{abs(number):,}".replace(",", ".")',
        'return sign + f"{abs(number):,}".replace(",", " ")',
        "thousands grouped by spaces, not dots",
        FORMATS,
    ),
    M(
        "F6",
        "core/formats.py",
        'sign = "-" if number < 0 else ""',
        'sign = "-" if number <= 0 else ""',
        "zero written -0",
        FORMATS,
    ),
    M(
        "F7",
        "core/formats.py",
        "tenths = (part * 2000 + whole) // (2 * whole)",
        "tenths = (part * 2000) // (2 * whole)",
        "rates truncated instead of rounded half up",
        FORMATS,
    ),
    M(
        "F8",
        "core/formats.py",
        'f"{thousands(whole_part)},{rest}%"',
        'f"{thousands(whole_part)}.{rest}%"',
        "decimal point instead of the Vietnamese decimal comma in a rate",
        FORMATS,
    ),
    M(
        "F9",
        "core/formats.py",
        "if whole is None or whole <= 0:\n        return thousands(part)",
        "if whole is None or whole < 0:\n        return thousands(part)",
        "a figure out of a total of 0 crashes the report",
        FORMATS,
    ),
    M("F10", "core/formats.py", '(9, "IX"), ', "", "section IX written VIIII", FORMATS),
    M(
        "F11",
        "core/formats.py",
        'out.append(f"{body}." if i == len(lines) - 1 else f"{body};")',
        'out.append(f"{body}." if i == len(lines) else f"{body};")',
        "the last list item ends with ';'",
        FORMATS,
    ),
    M(
        "F12",
        "core/formats.py",
        'return symbol.split("-", 1)[1] if "-" in symbol else symbol',
        'return symbol.split("-", 1)[0] if "-" in symbol else symbol',
        "the body's abbreviation taken from the wrong side of the symbol (BC)",
        FORMATS,
    ),
    # --- core/model.py: what a cell means ---------------------------------------------------------
    M(
        "C1",
        "core/model.py",
        "    if isinstance(raw, bool):\n        return None\n    if isinstance(raw, int):",
        "    if isinstance(raw, int):",
        "TRUE in a number cell read as 1",
        MODEL,
    ),
    M(
        "C2",
        "core/model.py",
        "if math.isfinite(raw) and raw.is_integer():\n            return _bounded(int(raw))",
        "if math.isfinite(raw):\n            return _bounded(int(raw))",
        "21.5 read as the whole number 21",
        MODEL,
    ),
    M(
        "C3",
        "core/model.py",
        r'_INT_TEXT = re.compile(r"^[+]?\d{1,3}(?:[.,\s]\d{3})+$',
        r'_INT_TEXT = re.compile(r"^[+]?\d{1,3}(?:[.,\s]\d{2,3})+$',
        "'1.20' read as 120",
        MODEL,
    ),
    M(
        "C4",
        "core/model.py",
        "_EXCEL_EPOCH = dt.date(1899, 12, 30)",
        "_EXCEL_EPOCH = dt.date(1899, 12, 31)",
        "every date typed as an Excel serial number one day late",
        MODEL,
    ),
    M(
        "C5",
        "core/model.py",
        "        if match:\n            day, month, year = (int(g) for g in match.groups())",
        "        if match:\n            month, day, year = (int(g) for g in match.groups())",
        "dd/mm/yyyy text read in the American order",
        MODEL,
    ),
    M(
        "C6",
        "core/model.py",
        '    if kind is not Kind.LONGTEXT and "\\n" in text:  # (one line: clean_text spaced it)\n'
        '        text = " ".join(text.split())\n',
        "",
        "a one-line field keeps the line breaks typed into it",
        MODEL,
    ),
    M(
        "C7",
        "core/model.py",
        '.replace("\\r\\n", "\\n").replace("\\r", "\\n")',
        '.replace("\\r\\n", "\\n")',
        "a lone \\r (old Mac line break) joins two paragraphs into one",
        MODEL,
    ),
    M(
        "C8",
        "core/model.py",
        '    text = unicodedata.normalize("NFC", text)\n',
        "",
        "decomposed Vietnamese (from a Mac) kept decomposed",
        MODEL,
    ),
    M(
        "C9",
        "core/model.py",
        'return "\\n".join(line for line in lines if line).strip()',
        'return "\\n".join(lines).strip()',
        "empty lines kept inside long text",
        MODEL,
    ),
    M(
        "C10",
        "core/model.py",
        'lines = [" ".join(line.split()) for line in text.split("\\n")]',
        'lines = [line.strip() for line in text.split("\\n")]',
        "double spaces kept inside a line",
        MODEL,
    ),
    M(
        "C11",
        "core/model.py",
        "    if isinstance(raw, float) and raw.is_integer():\n        raw = int(raw)\n",
        "",
        "a whole number shown as 21.0 in text",
        MODEL,
    ),
    M(
        "C12",
        "core/model.py",
        "return isinstance(raw, str) and not raw.strip()",
        "return isinstance(raw, str) and not raw",
        "a cell of spaces counted as filled",
        MODEL,
    ),
    M(
        "C13",
        "core/model.py",
        ' and "  " not in text and',
        " and",
        "a text with a double space taken as clean already (the shortcut of clean_text)",
        FAST,
    ),
    # --- core/validation.py: the rule checks ------------------------------------------------------
    M(
        "V1",
        "core/validation.py",
        "isinstance(whole, int) and part > whole:",
        "isinstance(whole, int) and part >= whole:",
        "participants equal to the total flagged as an error",
        RULES,
    ),
    M(
        "V2",
        "core/validation.py",
        "isinstance(whole, int) and part > whole:",
        "isinstance(whole, int) and part > whole + 1:",
        "participants one more than the total accepted",
        RULES,
    ),
    M(
        "V3",
        "core/validation.py",
        "day.year == year + 1 and day.month <= rule.grace_months",
        "day.year == year + 1 and day.month < rule.grace_months",
        "a report dated in the last month of grace (March) refused",
        RULES,
    ),
    M(
        "V4",
        "core/validation.py",
        "day.year == year + 1 and day.month <= rule.grace_months",
        "day.year == year + 1 and day.month <= rule.grace_months + 1",
        "a report dated one month after the grace accepted",
        RULES,
    ),
    M(
        "V5",
        "core/validation.py",
        "return day.year == year or (",
        "return day.year <= year or (",
        "a report dated in an earlier year accepted",
        RULES,
    ),
    M(
        "V6",
        "core/validation.py",
        "isinstance(late, dt.date) and early > late:",
        "isinstance(late, dt.date) and early >= late:",
        "a request letter dated the report's day refused",
        RULES,
    ),
    M(
        "V7",
        "core/validation.py",
        "if len(sub.rows(rule.table)) >= rule.count:",
        "if len(sub.rows(rule.table)) > rule.count:",
        "a table with exactly the minimum rows refused",
        RULES,
    ),
    M(
        "V8",
        "core/validation.py",
        "if spec.min is not None and value < spec.min:",
        "if spec.min is not None and value <= spec.min:",
        "a number equal to its minimum refused",
        RULES,
    ),
    M(
        "V9",
        "core/validation.py",
        "elif spec.max is not None and value > spec.max:",
        "elif spec.max is not None and value >= spec.max:",
        "a number equal to its maximum refused",
        RULES,
    ),
    M(
        "V10",
        "core/validation.py",
        "if isinstance(value, str) and len(value) > LIMITS.max_cell_chars:",
        "if isinstance(value, str) and len(value) >= LIMITS.max_cell_chars:",
        "a cell exactly at Excel's length limit refused",
        RULES,
    ),
    M(
        "V11",
        "core/validation.py",
        "typed = vn.upper(value).strip()",
        "typed = value.strip()",
        "'kt. hiệu trưởng' refused for its case",
        RULES,
    ),
    M(
        "V12",
        "core/validation.py",
        "if caseless(text).startswith(caseless(rule.prefix)):",
        "if text.startswith(rule.prefix):",
        "'lưu: vt' as the last recipient warned about",
        RULES,
    ),
    M(
        "V13",
        "core/validation.py",
        'return fold(str(value)) if value is not None else ""',
        'return str(value) if value is not None else ""',
        "duplicate rows differing in case not found",
        RULES,
    ),
    M(
        "V14",
        "core/validation.py",
        "if sub.value(rule.key) == 0:",
        "if sub.value(rule.key) == 1:",
        "zero sessions not warned about",
        RULES,
    ),
    M(
        "V15",
        "core/validation.py",
        "    if lst.strict:\n",
        "    if not lst.strict:\n",
        "an unknown level is only a warning, an unknown channel an error",
        RULES,
    ),
    M(
        "V16",
        "core/validation.py",
        "key=lambda f: (not f.is_error,",
        "key=lambda f: (f.is_error,",
        "warnings listed before errors",
        RULES,
    ),
    M(
        "V17",
        "core/validation.py",
        'if typed.rstrip(". ") == p.rstrip(".")',
        'if typed == p.rstrip(".")',
        "a bare «KT.» (nothing after it) accepted: the report prints KT. above the signer",
        RULES,
    ),
    M(
        "V18",
        "core/choices.py",
        'return text.encode("ascii", "ignore").translate(_LOWER, _NOT_CONSONANT)',
        'return text.encode("ascii", "ignore").translate(None, _NOT_CONSONANT)',
        "rows differing only in case never compared (their consonants kept their case)",
        (*RULES, *FAST),
    ),
    M(
        "V19",
        "core/choices.py",
        "return head[:size], tail[-size:]",
        "return head[:size], tail[:size]",
        "the end of a long text's consonants taken from the start of its last characters: rows "
        "alike never compared",
        (*RULES, *FAST),
    ),
    M(
        "V20",
        "core/choices.py",
        "if len(head) >= size and len(tail) >= size:",
        "if len(head) >= size:",
        "a long text ending in few consonants keyed by fewer of them: rows alike never compared",
        (*RULES, *FAST),
    ),
    M(
        "V21",
        "core/memo.py",
        "if len(memo) >= kept:",
        "if len(memo) > kept:",
        "one more short text remembered than the bound (a merge's memory grows past it)",
        (*RULES, *FAST),
    ),
    M(
        "P6",
        "core/parse.py",
        "memo = _SHORT_VALUES.get(kind)",
        "memo = _SHORT_VALUES.get(Kind.TEXT)",
        "the values of short texts remembered for one kind and given to every kind: a number "
        "typed in a column of numbers read as a text",
        (*PARSE, *FAST),
    ),
    M(
        "P7",
        "core/parse.py",
        "memos = tuple(_short_values(kind) for kind in kinds)",
        "memos = tuple(_short_values(kinds[0]) for kind in kinds)",
        "a table's short texts remembered for its first column's kind only",
        (*PARSE, *FAST),
    ),
    M(
        "P8",
        "files/cells.py",
        "    if markup != 4 * len(pieces):",
        "    if markup < 4 * len(pieces):",
        "shared strings cut apart at their tags though a text holds markup (a rich text, or a "
        "«<» the file was not meant to hold, read as part of a string)",
        FAST_FILES,
    ),
    M(
        "P9",
        "files/cells.py",
        '        return [piece if "&" not in piece else _text(piece) for piece in pieces]',
        '        return [piece.strip() if "&" not in piece else _text(piece) for piece in pieces]',
        'texts kept as typed (xml:space="preserve", as LibreOffice saves every text) trimmed '
        "of their spaces and line ends",
        FAST_FILES,
    ),
    M(
        "P12",
        "files/cells.py",
        "        if _REFERENCE.match(data, at, end) is None:",
        "        if _REFERENCE.match(data, at) is None:",
        "a reference cut by the end of the cells read as whole (a broken & taken for a character)",
        FAST_FILES,
    ),
    M(
        "P13",
        "files/cells.py",
        "        at = data.find(first, at + 1)",
        "        at = data.find(first, at + 2)",
        "an escape right after another underscore (__x0041_) not seen: the text read unescaped",
        FAST_FILES,
    ),
    M(
        "P14",
        "core/choices.py",
        "        if len(head) >= size:\n            return head[:size]\n",
        "        if len(head) >= size - 1:\n            return head[:size]\n",
        "the head of a long text's consonants taken from its first characters though they hold one "
        "consonant too few (a row retyped with other spacing not seen as a repeat)",
        (*FAST_THIRD, *FAST),
    ),
    M(
        "P10",
        "core/validation.py",
        "                and (spec.max is None or value <= spec.max)\n",
        "                and (spec.max is None or value <= spec.max + 1)\n",
        "a whole number one above its field's maximum told to have nothing to check (no error)",
        FAST_THIRD,
    ),
    M(
        "P11",
        "core/validation.py",
        "                not isinstance(raw, str)\n                and (spec.min",
        "                (spec.min",
        "a count typed with its words («45 người») told to have nothing to check (no warning)",
        FAST_THIRD,
    ),
    # --- schema: the rules' data ------------------------------------------------------------------
    M(
        "S1",
        "schema/school.py",
        'NotGreater("staff_participants", "staff_total", words=PART_OF_WHOLE)',
        'NotGreater("staff_participant", "staff_total", words=PART_OF_WHOLE)',
        "a rule naming a misspelt key (never fires)",
        RULES,
    ),
    M(
        "S2",
        "schema/school.py",
        "grace_months=3,",
        "grace_months=2,",
        "two months of grace instead of three",
        RULES,
    ),
    M(
        "S3",
        "schema/school.py",
        r'DOC_SYMBOL = r"^BC-[A-Z0-9Đ&]+$"',
        r'DOC_SYMBOL = r"^BC-[A-Z0-9&]+$"',
        "a symbol with Đ refused",
        RULES,
    ),
    M(
        "S4",
        "schema/school.py",
        'MinRows("channels", 1, words=NO_ROWS)',
        'MinRows("channels", 0, words=NO_ROWS)',
        "a report with no channel at all accepted",
        RULES,
    ),
    M(
        "S5",
        "schema/school.py",
        'LastRowStartsWith("recipients", "name", "Lưu: VT", words=ARCHIVE_LAST)',
        'LastRowStartsWith("recipients", "name", "Lưu VT", words=ARCHIVE_LAST)',
        "the last-recipient rule expects other words",
        RULES,
    ),
    M(
        "S6",
        "schema/school.py",
        "            min=1,\n            max=99999,",
        "            min=0,\n            max=99999,",
        "document number 0 accepted",
        RULES,
    ),
    # --- core/merge.py: the roll-up arithmetic ----------------------------------------------------
    M(
        "G1",
        "core/merge.py",
        's.figures.get("staff_total"))',  # a school's staff rate: its staff taking part / ...
        's.figures.get("pupil_total"))',
        "a school's staff rate divided by its pupils",
        MERGE,
    ),
    M(
        "G2",
        "core/merge.py",
        "if part is None or not whole:",
        "if part is None:",
        "a total of 0 crashes the merge",
        MERGE,
    ),
    M(
        "G3",
        "core/merge.py",
        'out[key] = rate(out[f"{key}_part"], out[f"{key}_whole"])',
        'out[key] = rate(out[f"{key}_whole"], out[f"{key}_part"])',
        "the overall rate upside down",
        MERGE,
    ),
    M(
        "G4",
        "core/merge.py",
        "out[col.key] = sum(1 for r in rows if r.get(col.key))",
        "out[col.key] = len(rows)",
        "a channel counted for every school",
        MERGE,
    ),
    M(
        "G5",
        "core/merge.py",
        "return (s.report_date or dt.date.min, s.mtime, s.file)",
        "return (s.mtime, s.report_date or dt.date.min, s.file)",
        "the file saved last wins over the later report",
        MERGE,
    ),
    M(
        "G6",
        "core/merge.py",
        "warnings=len(findings) - len(errors),",
        "warnings=len(findings),",
        "errors counted as warnings too",
        MERGE,
    ),
    M(
        "G7",
        "core/merge.py",
        "        if not code:\n            return named\n",
        "        if not code:\n            return None\n",
        "a file without a school code never matched by its name",
        MERGE,
    ),
    M(
        "G8",
        "core/formats.py",
        '(f"{number:02d}" if number is not None else "", symbol)',
        '(f"{number}" if number is not None else "", symbol)',
        "the roll-up's document numbers without the leading zero",
        MERGE,
    ),
    M(
        "G9",
        "core/merge.py",
        '        row["status"] = SchoolStatus.REPORTED_WITH_ERRORS.row_label\n',
        '        row["status"] = SchoolStatus.REPORTED.row_label\n',
        "a report with errors labelled «Đã nộp» (and counted in the totals)",
        MERGE,
    ),
    M(
        "G10",
        "core/merge.py",
        'c.code: sum(_number(r.get(f"group_{c.code}")) or 0 for r in used)',
        'c.code: sum(1 for r in used if r.get(f"group_{c.code}"))',
        "content items per group counted as schools",
        MERGE,
    ),
    M(
        "G11",
        "core/merge.py",
        "return self.count(SchoolStatus.REPORTED) + self.count(SchoolStatus.REPORTED_WITH_ERRORS)",
        "return self.count(SchoolStatus.REPORTED)",
        "schools that reported with errors not counted",
        MERGE,
    ),
    M(
        "G12",
        "core/merge.py",
        "    return choice.heading if choice else label\n",
        "    return choice.label if choice else label\n",
        "level shown as its full label in the roll-up",
        MERGE,
    ),
    M(
        "G13",
        "core/merge.py",
        'return row.get("status") == COUNTED_STATUS',
        'return row.get("status") != "Chưa nộp"',
        "the totals count reports with errors and unregistered schools too",
        MERGE,
    ),
    M(
        "G14",
        "core/merge.py",
        "    shape += map(len, values)\n",
        "",
        "the digest of texts cut apart elsewhere alike (two different files «same content»)",
        FAST,
    ),
    # --- core/parse.py and the merge's reading side -----------------------------------------------
    M(
        "P1",
        "core/parse.py",
        "    if number > schema.version:",
        "    if number > schema.version + 1:",
        "a workbook from the next template version read as if it were this one",
        PARSE,
    ),
    M(
        "P2",
        "core/parse.py",
        "    if number is None or number < 1:",
        "    if number is None or number < 0:",
        "template version 0 accepted",
        PARSE,
    ),
    M(
        "P3",
        "files/folder.py",
        "    except (NotOurWorkbook, UnsupportedTemplate) as exc:",
        "    except (NotOurWorkbook,) as exc:",
        "a file from a newer template listed as unreadable, not as 'not our template'",
        MERGE,
    ),
    M(
        "P4",
        "core/parse.py",
        "        letters = chr(65 + rem) + letters",
        "        letters = chr(66 + rem) + letters",
        "cell addresses in messages one column off",
        PARSE,
    ),
    M(
        "P5",
        "core/parse.py",
        "        refs[row] = made",
        "        refs[row + 1] = made",
        "a row's shared addresses kept under the next row (messages one row off, later files)",
        (*PARSE, *FAST),
    ),
    # --- the merge's own work at scale: rows written as XML, near-duplicates, many inputs ------
    M(
        "W1",
        "xlsx/rollup_workbook.py",
        'value = value.replace("&", "&amp;").replace("<", "&lt;")',
        'value = value.replace("<", "&lt;")',
        "a school's & written bare into the roll-up's XML (a file Excel refuses to open)",
        ("tests/rollup/test_row_xml.py",),
    ),
    M(
        "G15",
        "core/merge.py",
        "score = self.base - 2 * _DEN * unmatched - ",
        "score = self.base - 2 * _DEN * (unmatched + self.ones) - ",
        "the common-subsequence bound one short: alike difficulties listed apart",
        GATHERED,
    ),
    M(
        "G18",
        "core/merge.py",
        "        shortest = -(-_NUM * size // _KEEP)  # the lengths that can be alike (3.)\n",
        "        shortest = -(-_NUM * size // _KEEP) + 1  # the lengths that can be alike (3.)\n",
        "the shortest length alike one too long: a short item alike a longer text missed",
        GATHERED,
    ),
    M(
        "G19",
        "core/merge.py",
        "        longest = _KEEP * size // _NUM\n",
        "        longest = _KEEP * size // _NUM - 1\n",
        "the longest length alike one too short: a long item alike a shorter text missed",
        GATHERED,
    ),
    M(
        "G20",
        "core/merge.py",
        "    return max(2 * _LANE, _LANE * (letters // _LANE + 1))\n",
        "    return max(2 * _LANE, _LANE * (-(-letters // _LANE)))\n",
        "a field without its spare bit: a full item's carry spills into the next item",
        GATHERED,
    ),
    M(
        "G21",
        "core/merge.py",
        "        score = self.base - 2 * _DEN * unmatched - _NUM * size * self.ones\n",
        "        score = self.base - 2 * _DEN * unmatched - _NUM * size * self.ones - self.ones\n",
        "the packed test strict (> for >=): a pair at exactly 0.85 listed apart",
        GATHERED,
    ),
    M(
        "G22",
        "core/merge.py",
        "                unmatched += have\n",
        "                pass\n",
        "a counted letter the text lacks taken as matched (the bound too high: only slower)",
        GATHERED,
    ),
    M(
        "G23",
        "core/merge.py",
        "if not at & 31 and size - row.bit_count() + left - at < need:",
        "if not at & 31 and size - row.bit_count() + left - at <= need:",
        "the one-pair LCS given up one letter early: a pair at exactly 0.85 listed apart",
        GATHERED,
    ),
    M(
        "G16",
        "core/merge.py",
        "return (self._by_digits.get(digits) if digits is not None else None) or named or code",
        "return named or code",
        "a code that lost its leading zeros never matched to the register (school left out)",
        MERGE,
    ),
    M(
        "G17",
        "core/merge.py",
        "self._by_digits[digits] = None if digits in self._by_digits else key",
        "self._by_digits[digits] = key",
        "two registered codes alike but for leading zeros: a file matched to the last one",
        MERGE,
    ),
    M(
        "V22",
        "core/validation.py",
        "if rule.loose is not None and re.fullmatch(rule.regex, fixed):",
        "if False:",
        "a symbol in small letters refused as an error (the school left out of the totals)",
        RULES,
    ),
    M(
        "V23",
        "core/validation.py",
        "return thousands if abs(raw * 1000 - thousands) < 1e-6 else None",
        "return thousands",
        "any number with a point said to be thousands typed with a dot (1.2345 as 1235)",
        RULES,
    ),
    M(
        "V24",
        "core/validation.py",
        "if isinstance(cell.raw, str) and typed_with_words(vn.nfc(cell.raw).strip()):",
        "if False:",
        "a count typed with its word (45 người) read as 45 without a word to the clerk",
        RULES,
    ),
    M(
        "C15",
        "core/model.py",
        'match = _DATE_TEXT.match(raw) or _WRITTEN_DATE.match(unicodedata.normalize("NFC", raw))',
        "match = _DATE_TEXT.match(raw)",
        "a date written out (ngày 5 tháng 1 năm 2026) refused as not a date",
        MODEL,
    ),
    M(
        "C16",
        "core/legacy_text.py",
        "return any(len(found) > 1 and _SIGN.search(found) for found in word.findall(text))",
        "return True",
        "a lone sign between figures (6×8) taken for TCVN3: Unicode text rewritten (Phũng 6ì8)",
        LEGACY,
    ),
    M(
        "C17",
        "core/legacy_text.py",
        "and all(map(_is_syllable, changed))",
        "",
        "a foreign name (Müller, München) taken for TCVN3 and rewritten in the report",
        LEGACY,
    ),
    M(
        "C18",
        "core/model.py",
        "        text = legacy_as_unicode(text)\n",
        "        pass\n",
        "text pasted in a .VnTime or VNI font printed as its old codes (Tr\u00adêng mÇm non)",
        LEGACY,
    ),
    M(
        "V25",
        "core/validation.py",
        "        yield from _legacy_font(cell, spec, sheet)\n",
        "        pass\n",
        "text in an old font read as Unicode without a word to the clerk",
        LEGACY,
    ),
    M(
        "R1",
        "core/formats.py",
        r"[-–—+•*·●○▪►✓\uf0a7\uf0b7]+(?=\s|[^\W\d_])",
        r"[-–—+•*·●○▪►✓\uf0a7\uf0b7]+(?=\s)",
        "a dash typed without its space (-Tham gia) printed after the report's own (- -Tham gia)",
        TYPED,
    ),
    M(
        "R2",
        "core/formats.py",
        r"|\d{1,2}\.(?=\s)",
        "",
        "a list number typed before an item (1. Đăng 25 tin) printed after the report's dash",
        TYPED,
    ),
    M(
        "R3",
        "core/formats.py",
        'elif _LIST_MARK.match(line) or text.endswith(";"):',
        "elif False:",
        "two bulleted lines of one cell run together (biển đảo - Giới thiệu văn hóa)",
        TYPED,
    ),
    M(
        "C19",
        "core/model.py",
        'text = text.replace("\\u200b", "").replace("\\ufeff", "")',
        "pass",
        "an invisible space pasted from a web page kept in the text (góc\\u200b tuyên truyền)",
        MODEL + TYPED,
    ),
    M(
        "C20",
        "core/model.py",
        "            year += 2000\n",
        "",
        "a year typed in two figures (29/12/20) read as the year 20",
        MODEL,
    ),
    M(
        "C21",
        "core/model.py",
        'text = _LABEL_WORD.sub("", text, count=1) if text[:1] in "sSnN" else text',
        "pass",
        "a number typed after its field's word (Số 05, năm 2020) refused as not a number",
        MODEL,
    ),
    M(
        "V26",
        "core/validation.py",
        "        if before_slash:  # 05/BC-MGMA in the number's cell, 21/25 in a count's\n",
        "        if False:\n",
        "05/BC-MGMA in the number's cell told only 'not a whole number'",
        RULES,
    ),
    M(
        "V27",
        "core/validation.py",
        "        if no_year:\n",
        "        if False:\n",
        "a date without its year (29/12) told only 'not a valid date'",
        RULES,
    ),
    M(
        "V28",
        "core/validation.py",
        "if spec.kind is Kind.DATE and isinstance(cell.raw, str) and short_year(cell.raw):",
        "if False:",
        "a year typed in two figures read as this century's without a word to the clerk",
        RULES,
    ),
    M(
        "C22",
        "core/legacy_text.py",
        "|(?<=[a-z])[{_CAPITAL_SIGNS}](?![A-Z])|",
        "|",
        "TCVN3 text whose only signs are letters Unicode has as capitals (ThiÕu kinh phÝ) kept",
        LEGACY,
    ),
    M(
        "V29",
        "core/validation.py",
        "cell.value in _DATE_SERIALS and type(cell.raw) is float",
        "False",
        "3/5 typed in a count, made 46086 by Excel, counted as 46,086 staff (silently)",
        RULES,
    ),
    M(
        "V30",
        "core/validation.py",
        "_DATE_SERIALS = range(36526, 73051)",
        "_DATE_SERIALS = range(36526, 73050)",
        "the last day of the century's number let through as a count",
        RULES,
    ),
    M(
        "V41",
        "core/validation.py",
        "if not isinstance(cell.raw, dt.date) or not isinstance(date, dt.date):\n        return {}",
        "if not isinstance(date, dt.date):\n        return {}",
        "a date typed as text (read day first already) said to be swapped by a US-dates Excel",
        RULES,
    ),
    M(
        "V42",
        "core/validation.py",
        "    if date.day > 12 or date.day == date.month:",
        "    if date.day == date.month:",
        "the 13th of a month said to be what a US-dates Excel made of a day typed first",
        RULES,
    ),
    M(
        "A4",
        "files/folder.py",
        "entry.stat().st_mtime < limit",
        "entry.stat().st_mtime > limit",
        "a running merge's unpacked workbooks swept away by another merge, a killed one's kept",
        COLLECT,
    ),
    M(
        "V31",
        "core/validation.py",
        "if type(raw) is float and 0 < raw < 1:",
        "if False:",
        "80% typed in a count (kept 0.8) refused without saying it is a share",
        RULES,
    ),
    M(
        "V32",
        "core/validation.py",
        "or raw.is_integer() or not 1 < raw < 1000:",
        "or raw.is_integer() or not 0 < raw < 1000:",
        "80% typed in a count (kept 0.8): the clerk told to type 800",
        RULES,
    ),
    M(
        "V34",
        "core/validation.py",
        "if authority.startswith(rule.prefixes) and authority.rstrip",
        "if False and authority.rstrip",
        "a deputy's title typed below «Q. HIỆU TRƯỞNG» left out of the report without a word",
        ("tests/report/test_report_edges.py",),
    ),
    M(
        "V40",
        "core/school_report.py",
        "    if authority.startswith(SIGNER_ALONE):\n",
        "    if False:\n",
        "«Q. HIỆU TRƯỞNG» printed above a title of the signer's own (a form Decree 30 lacks)",
        ("tests/report/test_report_edges.py",),
    ),
    M(
        "G30",
        "core/validation.py",
        "if school_year and _is_year(spec):",
        "if False:",
        "2024-2025 in the report year's cell: the clerk told to type a whole number like 21",
        RULES,
    ),
    M(
        "G31",
        "core/validation.py",
        "if _is_year(spec) and spec.help:",
        "if False:",
        "a year's cell holding words: the clerk given 21 as the example of a year",
        RULES,
    ),
    M(
        "G32",
        "core/validation.py",
        'prefixes=", ".join(f"«{p}»" for p in rule.prefixes),',
        'prefixes=", ".join(rule.prefixes),',
        "a wrong signing authority's message ending «TUQ..» (the prefix's point, the sentence's)",
        RULES,
    ),
    M(
        "V37",
        "core/validation.py",
        "if cell.empty and spec.kind is Kind.LONGTEXT:  # the item typed beside it?",
        "if False:",
        "an item typed in «Nhóm nội dung»: the clerk told only that «Nội dung» is empty",
        RULES,
    ),
    M(
        "V38",
        "core/validation.py",
        "and len(value.split()) >= _ITEM_WORDS",
        "and len(value.split()) >= 0",
        "a short group typed by hand beside an empty item said to be the item, to be moved",
        RULES,
    ),
    M(
        "V39",
        "core/validation.py",
        "            and match_choice(schema.choice_list(spec.choices), value) is None\n",
        "\n",
        "a group named by the words of one choice beside an empty item said to be the item",
        RULES,
    ),
    M(
        "V43",
        "core/validation.py",
        "        and date.day > 12\n",
        "\n",
        "a text 09/12/2020 taken to prove that the Excel reads month first: every date warned",
        RULES,
    ),
    M(
        "V44",
        "core/validation.py",
        "        findings = _said_once(findings)\n",
        "        pass\n",
        "a swapped date told twice on one cell: the date rule's error and the warning beside it",
        RULES,
    ),
    M(
        "V45",
        "core/validation.py",
        "swap = _swapped(cell, lambda day: day <= limit)",
        "swap = _swapped(cell, lambda day: True)",
        "a date as long after its saving with day and month exchanged warned as swapped anyway",
        RULES,
    ),
    M(
        "V46",
        "core/validation.py",
        "        if not isinstance(cell.value, dt.date) or cell.value <= limit:\n",
        "        if not isinstance(cell.value, dt.date):\n",
        "a date before its file's saving warned as swapped (reports cite old letters)",
        RULES,
    ),
    M(
        "V47",
        "files/folder.py",
        "sub = read_grids(grids, name, SCHOOL, saved_on(path, mtime))",
        "sub = read_grids(grids, name, SCHOOL)",
        "a merge never weighing a school's dates against the day its file was saved",
        RULES,
    ),
    M(
        "V48",
        "core/validation.py",
        "_PUNCTUATION.sub(' ', _one_tone(vn.upper(value)))",
        "_PUNCTUATION.sub(' ', vn.upper(value))",
        "«tỉnh Hoà Bình» (the tone mark's older place) not found a merged province",
        ("tests/rollup/test_transition_year.py",),
    ),
    M(
        "V49",
        "core/year_over_year.py",
        '    return f"{unit_name} {level}{place[len(level) :]}"',
        "    return unit_identity(unit_name, managing_body)",
        "the former district office named «... (UBND HUYỆN THỦ THỪA)» in a report, as stored",
        ("tests/rollup/test_transition_year.py",),
    ),
    M(
        "C23",
        "core/parse.py",
        "col = KEY_COL + VALUE_OFFSET + _inserted_before_labels(grid, sheet, rows)",
        "col = KEY_COL + VALUE_OFFSET",
        "a column inserted before the labels: the labels read as the values (school «Tên trường»)",
        PARSE,
    ),
    M(
        "A1",
        "files/archives.py",
        "            if size > cap:\n",
        "            if False:\n",
        "a zip member inflated without a cap (a zip bomb fills the disk)",
        COLLECT,
    ),
    M(
        "A2",
        "files/archives.py",
        '        return base.encode("cp437").decode("utf-8")\n',
        "        return base\n",
        "a Vietnamese name zipped by Windows shown garbled in the tracker (BaÌ\u0081o caÌ\u0081o)",
        COLLECT,
    ),
    M(
        "G24",
        "core/merge.py",
        "return named if named is not None and named != code else code",
        "return code",
        "a school's report kept under the neighbour's code it started from: the neighbour's own "
        "dropped as its duplicate, the school missing",
        MERGE,
    ),
    M(
        "G25",
        "core/merge.py",
        "self._by_name[name] = None if name in self._by_name else key",
        "self._by_name[name] = key",
        "a name two registered schools share moves a file to the other school",
        MERGE,
    ),
    M(
        "G26",
        "core/merge.py",
        "return (self._by_digits.get(digits) if digits is not None else None) or named or code",
        "return (self._by_digits.get(digits) if digits is not None else None) or code",
        "a mistyped code with the school's registered name: the school left «chưa nộp»",
        MERGE,
    ),
    M(
        "C24",
        "core/legacy_text.py",
        "readers = (_vni, _tcvn3) if _VNI_SIGN.search(text) else (_tcvn3, _vni)",
        "readers = (_tcvn3, _vni)",
        "VNI with a mark after a or e read as TCVN3 first (keá as keỏ)",
        LEGACY,
    ),
    M(
        "A3",
        "files/archives.py",
        "        if entries > MAX_ENTRIES:",
        "        if False:",
        "a zip of millions of entries opened: its directory held whole in memory",
        COLLECT,
    ),
    M(
        "C25",
        "core/parse.py",
        "    col += _inserted_before_values(grid, sheet, rows, col)\n",
        "",
        "a column inserted between the labels and the values: every field read empty",
        PARSE,
    ),
    M(
        "C27",
        "core/parse.py",
        "return shift if not helped(col + shift) and helped(col + shift + 1) else 0",
        "return shift if not helped(col + shift) else 0",
        "a note typed over a help text beside an empty value read as the value",
        PARSE,
    ),
    M(
        "C26",
        "core/legacy_text.py",
        "if found is not None and might_be_legacy(found[0]) and _reading(found[0]) is not None:",
        "if False:",
        "a legacy reading that reads again (g£, gÊ, gấ): the cell changes at each reading",
        LEGACY,
    ),
    M(
        "F13",
        "core/formats.py",
        'return any(c.isalpha() for c in bare) and not any(c in "aeiouy" for c in bare)',
        "return False",
        "an abbreviation of a recipient typed in one case written in small letters (cmhs)",
        FORMATS,
    ),
    M(
        "C14",
        "core/choices.py",
        "return next(iter(found.values())) if len(found) == 1 else None",
        "return next(iter(found.values())) if found else None",
        "words shared by several choices taken for the first of them (trung học as THCS)",
        ("tests/test_choices.py", "tests/test_doctests.py"),
    ),
    M(
        "D1",
        "core/formats.py",
        "for part in _AUTHORITY_PART.split(text))",
        "for part in [text])",
        "TM. ỦY BAN NHÂN DÂN and KT. CHỦ TỊCH on one line of the signature block",
        OFFICE,
    ),
    M(
        "D2",
        "schema/district.py",
        '"Cơ quan chủ quản",\n            # Not required',
        '"Cơ quan chủ quản",\n            required=True,\n            # Not required',
        "a commune's People's Committee (no managing body) kept from its own report",
        OFFICE,
    ),
    M(
        "D3",
        "core/district_report.py",
        'name=school_name(record.get("name") or ""),',
        'name=record.get("name") or "",',
        "a register's names printed as typed (mẫu giáo mỹ an) in the roll-up and tracker",
        OFFICE,
    ),
    M(
        "D4",
        "core/formats.py",
        'return f"Trường {name}" if _LEVEL_FIRST.match(name) else name',
        "return name",
        "a school's name typed without «Trường» left so (Mẫu giáo Mỹ An)",
        OFFICE,
    ),
    M(
        "D5",
        "core/district_report.py",
        'unit_name=body_name(text("unit_name")),',
        'unit_name=text("unit_name"),',
        "the unit's name typed in small letters heading the roll-up so",
        OFFICE,
    ),
    M(
        "D6",
        "core/school_report.py",
        '*(vn.recipient_name(p) if " " not in p else p for p in parts)',
        "*parts",
        "the drafting unit typed in small letters after Lưu: VT left so (Lưu: VT, vp)",
        OFFICE,
    ),
    M(
        "D7",
        "core/school_report.py",
        'return ", ".join(["Lưu: VT", *',
        'return "".join(["Lưu: VT", *',
        "what follows Lưu: VT glued to it (Lưu: VTtổ cm)",
        OFFICE,
    ),
    M(
        "D8",
        "core/formats.py",
        "    at = len(word) - len(word.lstrip(_OPENING))\n",
        "    at = 0\n",
        "a name's first letter after a bracket left small: (long An Cũ)",
        OFFICE,
    ),
    M(
        "D9",
        "core/formats.py",
        "    if word.casefold() in _FORMER:\n        return word.lower()\n",
        "",
        "the word «cũ» of a former name in brackets given a capital: (Long An Cũ)",
        OFFICE,
    ),
    M(
        "D10",
        "core/validation.py",
        "return isinstance(value, dt.date) and value >= dt.date(*since)",
        "return isinstance(value, dt.date)",
        "a 2024 report naming Phòng GD&ĐT, right then, warned as if the level were gone",
        (*OFFICE, "tests/test_fixtures.py"),
    ),
    M(
        "T1",
        "core/year_over_year.py",
        "            if code in keep:\n                rows.setdefault(code, r)",
        "            if True:\n                rows.setdefault(code, r)",
        "a ward compared with the whole former district: its other schools lapsed, its totals last "
        "year's",
        TRANSITION,
    ),
    M(
        "T2",
        "core/year_over_year.py",
        "    if not shared:\n        other",
        "    if len(shared) * 2 < len(codes):\n        other",
        "a ward sharing 2 of the former district office's 8 schools refused its comparison",
        TRANSITION,
    ),
    M(
        "T3",
        "core/year_over_year.py",
        "    if not shared:\n        other",
        "    if False:\n        other",
        "another district's roll-up with no school in common compared as last year's",
        TRANSITION,
    ),
    M(
        "T4",
        "core/year_over_year.py",
        "return bool(previous.former) and (previous.shared or 0) < registered",
        "return bool(previous.former) and (previous.shared or 0) < registered - 1",
        "a ward's 3 schools' totals compared with 2 of them last year (tăng 120% so với năm 2024)",
        TRANSITION,
    ),
    M(
        "T5",
        "core/validation.py",
        "_PUNCTUATION.sub(' ', _one_tone(vn.upper(value)))",
        "_one_tone(vn.upper(value))",
        "a recipient «Phòng GD&ĐT;» carried into 2025 not warned (the semicolon hid the name)",
        (*TRANSITION, *RULES),
    ),
    M(
        "T6",
        "core/validation.py",
        "    if not _dated_since(sub, rule.date, rule.since):\n        return\n    for row in",
        "    for row in",
        "a 2020 report's recipient «Phòng GD&ĐT;», right then, warned as if the level were gone",
        (*TRANSITION, *RULES),
    ),
    M(
        "T7",
        "app/carry.py",
        "if isinstance(rule, AbolishedLevel) and year >= rule.since[0]:",
        "if isinstance(rule, AbolishedLevel):",
        "a workbook carried into 2024 told that its Phòng GD&ĐT no longer exists",
        (*TRANSITION, "tests/test_carry.py"),
    ),
    M(
        "T8",
        "schema/school.py",
        'abolished_level("request_issuer", date="request_date", words=REQUEST_ABOLISHED),\n',
        "",
        "a carried request issuer «Phòng Giáo dục và Đào tạo huyện ...» not warned in 2025",
        (*TRANSITION, *RULES),
    ),
    M(
        "T9",
        "cli.py",
        '        action="append",\n        help="tệp kết quả tổng hợp năm trước',
        '        help="tệp kết quả tổng hợp năm trước',
        "a department's --previous given twice (two former offices): only the last file compared",
        TRANSITION,
    ),
    M(
        "T10",
        "app/district.py",
        'named = [p.strip().strip(\'"\') for p in re.split(r"[;\\n]", ',
        'named = [p.strip().strip(\'"\') for p in re.split(r"[\\n]", ',
        "«Tệp tổng hợp năm trước» naming two files with a semicolon: «not found»",
        TRANSITION,
    ),
    M(
        "V33",
        "core/choices.py",
        "_SLIP_MIN = 6  #",
        "_SLIP_MIN = 4  #",
        "a slip guessed in a short name: «zaloo» taken for Zalo, «THSC» for whichever comes first",
        ("tests/test_choices.py", "tests/test_doctests.py"),
    ),
    M(
        "V35",
        "core/choices.py",
        "swapped and longer[at + 2 :] == shorter[at + 2 :]",
        "False",
        "two neighbouring keys swapped (Faecbook): counted as «Khác»",
        ("tests/test_choices.py", "tests/test_doctests.py"),
    ),
    M(
        "V36",
        "core/choices.py",
        " or _slipped(listed[3], folded)\n",
        "\n",
        "a channel typed with a slip (Facebok) counted as «Khác» and printed as typed",
        ("tests/test_choices.py", "tests/test_doctests.py"),
    ),
    M(
        "G27",
        "core/choices.py",
        "if len(found) != 1 or not all(c or w in school",
        "if not found or not all(c or w in school",
        "«Zalo và Facebook của trường» counted under whichever channel was listed first",
        ("tests/test_choices.py", "tests/test_doctests.py"),
    ),
    M(
        "G28",
        "core/choices.py",
        "not all(c or w in school for w, c in",
        "not all(c for w, c in",
        "«Fanpage của trường», «Nhóm Zalo phụ huynh» counted as «Khác» in the roll-up",
        ("tests/test_choices.py", "tests/test_doctests.py"),
    ),
    M(
        "G29",
        "core/choices.py",
        "        or _among_school_words(listed[2], folded)\n",
        "",
        "a channel named with the school's words around it (Bảng tin nhà trường) counted as «Khác»",
        ("tests/test_choices.py", "tests/test_doctests.py"),
    ),
    M(
        "O1",
        "files/output.py",
        "        return not stat.S_ISLNK(os.lstat(path).st_mode)\n",
        "        return True\n",
        "an input that is a link to the output let through (the shortcut trusts the name)",
        ("tests/outputs/test_many_inputs.py", "tests/test_output.py"),
    ),
)


@dataclass
class Result:
    mutant: Mutant
    outcome: str  # killed | survived | stale | error
    by: str = ""
    seconds: float = 0.0
    output: str = ""


def _copy_tree(work: Path) -> Path:
    shutil.copytree(REPO / "src", work / "src", ignore=shutil.ignore_patterns("__pycache__"))
    for name in LINKED:
        if (REPO / name).exists():
            (work / name).symlink_to(REPO / name)
    return work / "src" / "outreach_xl"


def _pytest(work: Path, tests: tuple[str, ...], timeout: int) -> tuple[int, str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(work / "src"),
        "PYTHONDONTWRITEBYTECODE": "1",
        "HYPOTHESIS_PROFILE": os.environ.get("HYPOTHESIS_PROFILE", "default"),
    }
    tests = tuple(t for t in tests if (REPO / t.split("::")[0]).exists())
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-rf", "-p", "no:cacheprovider",
               "-o", "addopts=", *tests]  # fmt: skip
    try:
        proc = subprocess.run(
            command, cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return 124, "timeout"
    return proc.returncode, proc.stdout + proc.stderr


_FAILED = re.compile(r"^(?:FAILED|ERROR) (.+?)(?: - .*)?$", re.MULTILINE)


def _killer(output: str) -> str:
    """The first failing test's id (pytest escapes non-ASCII in ids: undone), or the last line."""
    found = _FAILED.findall(output)
    if found:
        test = found[0].encode("ascii", "backslashreplace").decode("unicode_escape")
        return test.replace("\r", "\\r").replace("\n", "\\n")
    return output.strip().splitlines()[-1][:120] if output.strip() else ""


def run(mutants: list[Mutant], *, full: bool, show: bool, timeout: int) -> list[Result]:
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="outreach-mutants-") as tmp:
        work = Path(tmp)
        package = _copy_tree(work)
        probe = subprocess.run(
            [sys.executable, "-c", "import outreach_xl; print(outreach_xl.__file__)"],
            env={**os.environ, "PYTHONPATH": str(work / "src")}, capture_output=True, text=True,
        )  # fmt: skip
        if not probe.stdout.startswith(str(package)):
            raise SystemExit(f"the copy is not the package imported: {probe.stdout}{probe.stderr}")
        for tests in sorted({m.tests for m in mutants}):
            code, output = _pytest(work, tests, timeout)
            if code != 0:
                raise SystemExit(f"tests fail before any mutant: {' '.join(tests)}\n{output}")
        full_suite_checked = False
        for mutant in mutants:
            path = package / mutant.file
            original = path.read_text(encoding="utf-8")
            if original.count(mutant.old) != 1:
                results.append(Result(mutant, "stale", f"text found {original.count(mutant.old)}x"))
                print(f"{mutant.id:4} stale", flush=True)
                continue
            path.write_text(original.replace(mutant.old, mutant.new), encoding="utf-8")
            start = time.perf_counter()
            try:
                code, output = _pytest(work, mutant.tests, timeout)
                if code == 0 and full:
                    path.write_text(original, encoding="utf-8")
                    if not full_suite_checked:  # a failure there would pass for a kill
                        base_code, base_output = _pytest(work, FULL, timeout * 4)
                        if base_code != 0:
                            raise SystemExit(f"the whole suite fails unmutated\n{base_output}")
                        full_suite_checked = True
                    path.write_text(original.replace(mutant.old, mutant.new), encoding="utf-8")
                    code, output = _pytest(work, FULL, timeout * 4)
            finally:
                path.write_text(original, encoding="utf-8")
            outcome = "survived" if code == 0 else "killed"
            result = Result(mutant, outcome, _killer(output) if code else "", 0.0, output)
            result.seconds = time.perf_counter() - start
            results.append(result)
            print(f"{mutant.id:4} {outcome:8} {result.seconds:5.1f}s {result.by}", flush=True)
            if show:
                print(output)
    return results


def markdown(results: list[Result]) -> str:
    lines = ["| id | file | the mistake | outcome | killed by |", "|---|---|---|---|---|"]
    for r in results:
        by = r.by.replace("|", "\\|")
        m = r.mutant
        lines.append(f"| {m.id} | `{m.file}` | {m.what} | {r.outcome} | `{by}` |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("ids", nargs="*", help="mutant ids to run (default: all)")
    parser.add_argument("--full", action="store_true", help="run survivors against every test")
    parser.add_argument("--show", action="store_true", help="print pytest's output")
    parser.add_argument("--markdown", type=Path, help="also write the result table here")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per pytest run")
    args = parser.parse_args(argv)
    chosen = [m for m in MUTANTS if not args.ids or m.id in args.ids]
    ids = [m.id for m in MUTANTS]
    if len(set(ids)) != len(ids):
        raise SystemExit("two mutants share an id")
    results = run(chosen, full=args.full, show=args.show, timeout=args.timeout)
    table = markdown(results)
    print()
    print(table)
    if args.markdown:
        args.markdown.write_text(table + "\n", encoding="utf-8")
    counts = {o: sum(r.outcome == o for r in results) for o in ("killed", "survived", "stale")}
    print(f"\n{len(results)} mutants: " + ", ".join(f"{n} {o}" for o, n in counts.items()))
    return 1 if counts["survived"] or counts["stale"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
