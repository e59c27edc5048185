"""The merge, pure: per-school summaries and the register in, one row per school and a tracker out.

Nothing here touches a file. ``summarise`` turns a read Submission, its findings and a few file
facts into a ``SchoolSummary`` (a handful of numbers, small enough to keep 45,000 of them);
``merge`` joins the summaries with the register (the district's list of schools that must report)
into a ``Rollup``: rows keyed like ``schema.ROLLUP_COLUMNS``, totals, per-channel and per-group
counts, and the status of every school and every file.

A workbook whose report year is not the merge's year never competes: it is listed as «Sai năm báo
cáo» and the right year's file is used. Two workbooks of one school (same school code): the later
report wins, by report date, then file time, then file name (so the result does not depend on the
order the files were read); the other is listed as a duplicate («trùng nội dung» when both hold the
same entries), never dropped silently.

What the totals count (``COUNTED_STATUS``): the reports without errors of the schools in the
register. Every sum, rate, count of channels and groups, chart and gathered difficulty or proposal
is taken over those rows only; ``rule_sentence`` says so, naming every school left out and why.
Rates are taken over the counted schools that gave both figures of a pair (a total is optional),
and a pair whose part exceeds its whole is never summed.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import hashlib
import sys
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from fractions import Fraction
from typing import Any

from outreach_xl.core.choices import code_of, fold, match_choice
from outreach_xl.core.choices import key as code_key
from outreach_xl.core.formats import doc_reference, lower_first, one_item
from outreach_xl.core.model import EMPTY, Submission, spaced_once
from outreach_xl.core.validation import Finding
from outreach_xl.schema import (
    CHANNELS,
    CONTENT_GROUPS,
    COUNT,
    FOLLOWUP_KINDS,
    LEVELS,
    ROLLUP_COLUMNS,
    SCHOOL,
    STATUS_COLUMNS,
    SUM,
    Rate,
)

# The school's own figures the roll-up sums: its summed columns that are fields of the workbook.
FIGURES = tuple(c.key for c in ROLLUP_COLUMNS if c.total == SUM and c.key in SCHOOL.fields())
MAX_PROBLEMS = 3  # error messages kept per file: enough to tell the school what to fix
GATHERED = ("difficulties", "proposals")  # follow-up kinds the district report gathers
MAX_ITEM_CHARS = 400  # one gathered difficulty or proposal, as the roll-up keeps it
MAX_ITEMS = 12  # per school and kind
SIMILAR = 0.85  # two items this alike (folded) are one item said twice


class SchoolStatus(str, Enum):
    """Where a school stands in the merge; the value is the label users read in the tracker
    (``Tình trạng nộp``), ``row_label`` the shorter one of the roll-up table's status column."""

    REPORTED = "Đã nộp"
    REPORTED_WITH_ERRORS = "Đã nộp, có lỗi"
    MISSING = "Chưa nộp"
    NOT_REGISTERED = "Đã nộp, không có trong danh sách"
    LAPSED = "Năm trước đã nộp, năm nay chưa nộp"  # only in a roll-up compared with last year's

    @property
    def row_label(self) -> str:
        """The status column of the school's row in the roll-up table (``LAPSED`` has no row)."""
        return ROW_LABELS[self]


ROW_LABELS: Mapping[SchoolStatus, str] = {  # every status but LAPSED, which is the tracker's alone
    SchoolStatus.REPORTED: "Đã nộp",
    SchoolStatus.REPORTED_WITH_ERRORS: "Có lỗi",
    SchoolStatus.MISSING: "Chưa nộp",
    SchoolStatus.NOT_REGISTERED: "Ngoài danh sách",
}
ROW_STATUS = {label: status for status, label in ROW_LABELS.items()}  # a written table read back
COUNTED_STATUS = SchoolStatus.REPORTED.row_label  # the one row status the totals count


class FileStatus(str, Enum):
    """What became of one file found in the folder; the value is the label users read."""

    VALID = "Hợp lệ"
    WITH_ERRORS = "Đọc được, có lỗi"
    DUPLICATE = "Trùng trường, không dùng"
    SAME_CONTENT = "Trùng nội dung, không dùng"
    WRONG_YEAR = "Sai năm báo cáo"
    NOT_OURS = "Không phải mẫu báo cáo"
    UNREADABLE = "Không đọc được"
    SKIPPED = "Bỏ qua, không đọc"


@dataclass(frozen=True)
class FileFacts:
    """What the merge needs to know about a file besides its content."""

    name: str  # path relative to the merged folder, with forward slashes
    mtime: float = 0.0


@dataclass(frozen=True)
class RegisteredSchool:
    """One line of the district's register (``Danh sách trường``)."""

    code: str
    name: str
    level: str = ""
    commune: str = ""
    abbr: str = ""


@dataclass(frozen=True)
class SchoolSummary:
    """The little the roll-up keeps of one school workbook."""

    file: str
    mtime: float
    school_code: str
    school_name: str
    level: str = ""
    commune: str = ""
    report_year: int | None = None
    doc_number: int | None = None
    doc_symbol: str = ""
    report_date: dt.date | None = None
    figures: Mapping[str, int | None] = field(default_factory=dict)
    channels: tuple[str, ...] = ()  # channel codes used, sorted, unique
    groups: Mapping[str, int] = field(default_factory=dict)  # content items per group code
    errors: int = 0
    warnings: int = 0
    problems: tuple[str, ...] = ()  # the first few error messages
    faults: tuple[str, ...] = ()  # the same errors in short: "label: what is wrong"
    difficulties: tuple[str, ...] = ()
    proposals: tuple[str, ...] = ()
    digest: str = ""  # of the entries: two files holding the same entries have the same digest

    def later_than(self, other: SchoolSummary) -> bool:
        return _recency(self) > _recency(other)


@dataclass(frozen=True)
class FileResult:
    """One file's outcome from the reading side: a summary, or why there is none."""

    file: str
    mtime: float = 0.0
    summary: SchoolSummary | None = None
    failure: FileStatus | None = None  # NOT_OURS, UNREADABLE or SKIPPED when summary is None
    reason: str = ""


@dataclass(frozen=True)
class StatusEntry:
    """One line of the tracker; ``row()`` gives it keyed like ``schema.STATUS_COLUMNS``."""

    status: SchoolStatus | FileStatus
    school_code: str = ""
    school_name: str = ""
    file: str = ""
    errors: int | None = None
    warnings: int | None = None
    reason: str = ""

    def row(self, seq: int) -> dict[str, Any]:
        values = {
            "seq": seq,
            "status": self.status.value,
            "school_code": self.school_code,
            "school_name": self.school_name,
            "file": self.file,
            "errors": self.errors,
            "warnings": self.warnings,
            "reason": self.reason,
        }
        return {c.key: values[c.key] for c in STATUS_COLUMNS}


@dataclass(frozen=True)
class PreviousYear:
    """What a roll-up compared with last year's keeps of it (``core.year_over_year``)."""

    year: int | None
    totals: Mapping[str, int | None] = field(default_factory=dict)  # YOY_MEASURES keys
    lapsed: tuple[StatusEntry, ...] = ()  # schools that reported last year and not this year
    counted: int | None = None  # schools last year's totals counted
    # Last year's roll-up was another unit's (the former district office's, before 1 July 2025):
    # its name, and the schools of this year's register found in it (``shared``), the only ones
    # its figures, totals and lapsed schools are taken from.
    former: str = ""
    shared: int | None = None


@dataclass(frozen=True)
class Rollup:
    """The merged table, its totals and counts, and the tracker (schools, then files)."""

    rows: tuple[dict[str, Any], ...]
    totals: dict[str, Any]
    channel_counts: dict[str, int]  # channel code -> schools that used it
    group_items: dict[str, int]  # content group code -> content items
    group_schools: dict[str, int]  # content group code -> schools with at least one item
    schools: tuple[StatusEntry, ...]
    files: tuple[StatusEntry, ...]
    year: int | None = None
    followups: Mapping[str, tuple[Gathered, ...]] = field(default_factory=dict)
    previous: PreviousYear | None = None  # set when compared with last year's roll-up

    def count(self, status: SchoolStatus | FileStatus) -> int:
        pool = self.schools if isinstance(status, SchoolStatus) else self.files
        return sum(1 for entry in pool if entry.status is status)

    @property
    def registered(self) -> int:
        return sum(1 for e in self.schools if e.status is not SchoolStatus.NOT_REGISTERED)

    @property
    def reported(self) -> int:
        """Registered schools that sent a report (with or without errors)."""
        return self.count(SchoolStatus.REPORTED) + self.count(SchoolStatus.REPORTED_WITH_ERRORS)

    @property
    def counted(self) -> int:
        """Schools whose figures the totals count (``COUNTED_STATUS``)."""
        return sum(1 for r in self.rows if counted(r))

    @property
    def excluded(self) -> tuple[tuple[str, str], ...]:
        """(school, why) of every school that sent a report the totals do not count."""
        return tuple(
            (str(r.get("school_name") or r.get("school_code")), str(r.get("excluded") or ""))
            for r in self.rows
            if r.get("file") and not counted(r)
        )

    @property
    def missing(self) -> tuple[StatusEntry, ...]:
        return tuple(e for e in self.schools if e.status is SchoolStatus.MISSING)

    @property
    def files_with_problems(self) -> int:
        """Files that need someone to act: read with errors, not ours, unreadable."""
        bad = (FileStatus.WITH_ERRORS, FileStatus.NOT_OURS, FileStatus.UNREADABLE)
        return sum(1 for e in self.files if e.status in bad)


# --- One workbook into a summary -----------------------------------------------------------------


def level_short(label: str | None) -> str:
    """``Mẫu giáo`` (or ``mau giao``, ``MG``) -> ``MG``; anything else is kept as typed."""
    if not label:
        return ""
    choice = match_choice(LEVELS, label)
    return choice.heading if choice else label


def summarise(sub: Submission, findings: Sequence[Finding], facts: FileFacts) -> SchoolSummary:
    """The roll-up's view of one school workbook."""
    # (each label typed is matched once: a school writes the same few many times)
    channels = {code_of(CHANNELS, r) for r in set(_texts(sub, "channels", "channel"))}
    groups: dict[str, int] = {}
    for label, count in Counter(_texts(sub, "content_items", "group")).items():
        code = code_of(CONTENT_GROUPS, label)
        groups[code] = groups.get(code, 0) + count
    errors = [f for f in findings if f.is_error]
    followups = _followups(sub)
    return SchoolSummary(
        file=facts.name,
        mtime=facts.mtime,
        school_code=_text(sub.value("school_code")),
        school_name=_text(sub.value("school_name")),
        level=level_short(sub.value("level")),
        commune=_text(sub.value("commune")),
        report_year=_int(sub.value("report_year")),
        doc_number=_int(sub.value("doc_number")),
        doc_symbol=_text(sub.value("doc_symbol")),
        report_date=sub.value("report_date")
        if isinstance(sub.value("report_date"), dt.date)
        else None,
        figures={key: _int(sub.value(key)) for key in FIGURES},
        channels=tuple(sorted(channels)),
        groups=dict(sorted(groups.items())),
        errors=len(errors),
        warnings=len(findings) - len(errors),
        problems=tuple(f.user_message() for f in errors[:MAX_PROBLEMS]),
        faults=tuple(_fault(f) for f in errors[:MAX_PROBLEMS]),
        difficulties=followups["difficulties"],
        proposals=followups["proposals"],
        digest=digest(sub),
    )


def digest(sub: Submission) -> str:
    """A fingerprint of a workbook's entries (not of its file: a copy saved again matches).

    Two submissions get one digest when their fields and table rows hold the same values, keys
    in any order, a date and its ISO text alike: what a JSON text of ``sub.data()`` with sorted
    keys and ``default=str`` tells apart, and no more. Hashed: the keys and values as texts,
    after the whole numbers that say how to cut them apart again and what each value was.
    """
    texts: list[str] = []
    shape: list[int] = []
    _mappings([sub.fields], texts, shape)
    for key, rows in sorted(sub.tables.items()):
        texts.append(key)
        shape.append(len(key))
        _mappings([row.cells for row in rows], texts, shape)
    numbers = array("q", [len(shape), *shape])
    if sys.byteorder == "big":  # (the same digest on every machine)
        numbers.byteswap()
    hashed = hashlib.sha256(numbers.tobytes())
    hashed.update("".join(texts).encode("utf-16-le"))  # (in C, faster than UTF-8 for Vietnamese)
    return hashed.hexdigest()[:16]


def _mappings(mappings: Sequence[Mapping[str, Any]], texts: list[str], shape: list[int]) -> None:
    """Mappings of cells by key (a table's rows), for ``digest``: their count; then, when there
    are several and all have the same keys (a table as read), the count of keys (else -1) and key
    by key its length and every mapping's value; else mapping by mapping its count of keys, their
    lengths and its values. Keys sorted; the keys and values as texts in the same order."""
    shape.append(len(mappings))
    if not mappings:
        return
    order = sorted(mappings[0])
    if len(mappings) > 1 and set(map(len, mappings)) == {len(order)}:
        try:  # the same keys in all (as many, and each of the first's in every one)
            columns = [[cells[key].value for cells in mappings] for key in order]
        except KeyError:
            pass
        else:
            shape.append(len(order))
            for key, values in zip(order, columns, strict=True):
                texts.append(key)
                shape.append(len(key))
                _values(values, texts, shape)
            return
    shape.append(-1)
    for cells in mappings:
        order = sorted(cells)
        shape.append(len(order))
        texts += order
        shape += map(len, order)
        _values([cells[key].value for key in order], texts, shape)


# How ``digest`` marks a value that is not a text (``_values``), in the three low bits of its
# number (the rest: the length of its text).
_TEXT, _NONE, _FALSE, _TRUE, _INT, _FLOAT = range(6)
_ONLY_TEXT = frozenset({str})


def _values(values: list[Any], texts: list[str], shape: list[int]) -> None:
    """Values, for ``digest``: when none is None, a truth value or a number, 1 and the lengths
    of their texts; else 0 and each one's mark and length. The texts (a date as its ISO text, as
    JSON's ``default=str`` had it, a number as JSON writes it) to ``texts``."""
    if not set(map(type, values)) <= _ONLY_TEXT:  # (the usual column is all texts: at C speed)
        if any(v is None or isinstance(v, (int, float)) for v in values):
            shape.append(0)
            _marked(values, texts, shape)
            return
        values = [v if isinstance(v, str) else str(v) for v in values]
    shape.append(1)
    texts += values
    shape += map(len, values)


def _marked(values: list[Any], texts: list[str], shape: list[int]) -> None:
    for value in values:
        if isinstance(value, str):
            texts.append(value)
            shape.append(len(value) << 3)
        elif value is None:
            shape.append(_NONE)
        elif value is True or value is False:
            shape.append(_TRUE if value else _FALSE)
        else:
            if isinstance(value, int):
                text, mark = int.__repr__(value), _INT
            elif isinstance(value, float):
                text, mark = float.__repr__(value), _FLOAT
            else:
                text, mark = str(value), _TEXT
            texts.append(text)
            shape.append(len(text) << 3 | mark)


def _followups(sub: Submission) -> dict[str, tuple[str, ...]]:
    """The school's items of each gathered follow-up kind, one line each, as the roll-up keeps
    them (one pass over the rows for all kinds)."""
    items: dict[str, list[str]] = {kind: [] for kind in GATHERED}
    for row in sub.rows("followups"):
        kept = items.get(code_of(FOLLOWUP_KINDS, _text(row.value("kind"))))
        if kept is None:
            continue
        text = item_text(row.value("text"))
        if text:
            kept.append(text[:MAX_ITEM_CHARS])
    return {kind: tuple(kept[:MAX_ITEMS]) for kind, kept in items.items()}


def item_text(value: Any) -> str:
    """A typed list item on one line, as the school report writes it (``formats.one_item``): no
    habit dash or list number in front, no ``;`` or ``.`` at the end."""
    lines = _text(value).split("\n")
    # (a line spaced once already is what the split and join would give back)
    lines = [line if spaced_once(line) else " ".join(line.split()) for line in lines]
    return one_item([line for line in lines if line]).rstrip(" ;.,")


def _fault(f: Finding) -> str:
    """An error in short, for the reason a school is left out of the totals."""
    value = f" ({f.value})" if f.value else ""
    return f"{f.label}{value}: {lower_first(f.message)}"


def _texts(sub: Submission, table: str, column: str) -> list[str]:
    values = [row.cells.get(column, EMPTY).value for row in sub.rows(table)]  # (Row.value, inline)
    return [v for v in values if isinstance(v, str) and v]


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _recency(s: SchoolSummary) -> tuple[dt.date, float, str]:
    return (s.report_date or dt.date.min, s.mtime, s.file)


# --- The merge -----------------------------------------------------------------------------------


class Merger:
    """Takes file results one at a time (as workers finish) and keeps one summary per school."""

    def __init__(self, register: Sequence[RegisteredSchool] = (), year: int | None = None) -> None:
        self.register: dict[str, RegisteredSchool] = {}
        for school in register:
            self.register.setdefault(code_key(school.code), school)
        # A registered name, to the school's key (None where two schools share the name).
        self._by_name: dict[str, str | None] = {}
        for key, school in self.register.items():
            if school.name:
                name = code_key(school.name)
                self._by_name[name] = None if name in self._by_name else key
        # A code of digits, by its digits without leading zeros (None where two share them).
        self._by_digits: dict[str, str | None] = {}
        for key in self.register:
            digits = _without_zeros(key)
            if digits is not None:
                self._by_digits[digits] = None if digits in self._by_digits else key
        self.year = year
        self.best: dict[str, SchoolSummary] = {}
        self.dropped: list[tuple[str, SchoolSummary]] = []  # (school key, summary) duplicates
        self.wrong_year: list[tuple[str, SchoolSummary]] = []  # (school key, summary)
        self.others: list[FileResult] = []  # failures, and summaries with no school to match

    def key_of(self, summary: SchoolSummary) -> str | None:
        """The register key of a summary: its code, or (no code) its name if registered. A code
        of digits not in the register is the registered one with the same digits but for
        leading zeros, if only one has them: a spreadsheet that takes ``00123456`` for a number
        keeps ``123456``, in a school's workbook or in the register."""
        code = code_key(summary.school_code)
        named = self._by_name.get(code_key(summary.school_name))
        if not code:
            return named
        if code in self.register:
            # A school that started from a neighbour's file and kept its code names itself:
            # its name, another registered school's exactly, says whose report it is.
            return named if named is not None and named != code else code
        digits = _without_zeros(code)
        # (a code mistyped, but the school's registered name: the name says whose report it is)
        return (self._by_digits.get(digits) if digits is not None else None) or named or code

    def add(self, result: FileResult) -> None:
        summary = result.summary
        if summary is None:
            self.others.append(result)
            return
        key = self.key_of(summary)
        if key is None:
            self.others.append(result)
            return
        if self._wrong_year(summary):
            self.wrong_year.append((key, summary))
            return
        kept = self.best.get(key)
        if kept is None:
            self.best[key] = summary
        elif summary.later_than(kept):
            self.dropped.append((key, kept))
            self.best[key] = summary
        else:
            self.dropped.append((key, summary))

    def _wrong_year(self, s: SchoolSummary) -> bool:
        return self.year is not None and s.report_year is not None and s.report_year != self.year

    def finish(self) -> Rollup:
        rows: list[dict[str, Any]] = []
        schools: list[StatusEntry] = []
        wrong_year: dict[str, list[SchoolSummary]] = {}  # each school's files of another year
        for key, s in self.wrong_year:
            wrong_year.setdefault(key, []).append(s)
        for key, school in self.register.items():
            summary = self.best.get(key)
            if summary is None:
                reason = self._only_wrong_year(wrong_year.get(key, ())) or _missing()
                rows.append(_missing_row(school, reason))
                schools.append(
                    StatusEntry(SchoolStatus.MISSING, school.code, school.name, reason=reason)
                )
            else:
                rows.append(_row(summary, school))
                schools.append(self._school_entry(summary, school))
        unregistered = sorted(
            (k for k in self.best if k not in self.register), key=lambda k: (k, self.best[k].file)
        )
        for key in unregistered:
            summary = self.best[key]
            rows.append(_row(summary, None))
            schools.append(self._school_entry(summary, None))
        for seq, row in enumerate(rows, start=1):
            row["seq"] = seq
        return rollup_of(tuple(rows), tuple(schools), self._file_entries(), self.year)

    def _only_wrong_year(self, summaries: Sequence[SchoolSummary]) -> str:
        """Why a registered school has no row of this year's, when its only files are of another
        year (``summaries``: those files)."""
        files = sorted(s.file for s in summaries)
        if not files:
            return ""
        years = sorted({s.report_year for s in summaries if s.report_year})
        shown = ", ".join(str(y) for y in years)
        return (
            f"Chỉ có báo cáo năm {shown} (tệp «{'», «'.join(files)}»), không có báo cáo năm "
            f"{self.year}"
        )

    def _school_entry(self, s: SchoolSummary, school: RegisteredSchool | None) -> StatusEntry:
        notes: list[str] = []
        typed = code_key(s.school_code)
        owner = self.register.get(typed)
        if school is not None and owner is not None and owner is not school:
            notes.append(
                f"Mã trường trong tệp («{s.school_code}») là mã của «{owner.name}»; tệp ghi tên "
                f"«{s.school_name}» nên được tính cho trường này. Nhờ trường sửa mã trường trong "
                "tệp cho đúng"
            )
        elif school is not None and typed and typed != code_key(school.code):
            if _without_zeros(typed) == _without_zeros(code_key(school.code)):
                notes.append(
                    f"Mã trường trong tệp là «{s.school_code}», trong danh sách là "
                    f"«{school.code}»: coi là một (bảng tính bỏ số 0 ở đầu khi hiểu mã là số); "
                    "nên sửa cho giống nhau"
                )
            else:
                notes.append(
                    f"Mã trường trong tệp («{s.school_code}») không có trong danh sách; tệp ghi "
                    f"tên «{s.school_name}» nên được tính cho trường này (mã «{school.code}»). "
                    "Nhờ trường sửa mã trường trong tệp cho đúng"
                )
        if school is None:
            status = SchoolStatus.NOT_REGISTERED
            notes.append("Mã trường không có trong «Danh sách trường»: kiểm tra mã hoặc bổ sung")
        elif s.errors:
            status = SchoolStatus.REPORTED_WITH_ERRORS
        else:
            status = SchoolStatus.REPORTED
        if status is not SchoolStatus.REPORTED:
            notes.append("Không tính vào số liệu tổng hợp")
        if s.errors:
            notes.append(f"{s.errors} lỗi: " + " | ".join(s.problems))
        return StatusEntry(
            status,
            school.code if school else s.school_code,
            school.name if school else s.school_name,
            s.file,
            s.errors,
            s.warnings,
            "; ".join(notes),
        )

    def _file_entries(self) -> tuple[StatusEntry, ...]:
        entries: list[StatusEntry] = []
        for s in self.best.values():
            status = FileStatus.WITH_ERRORS if s.errors else FileStatus.VALID
            reason = " | ".join(s.problems) if s.errors else ""
            entries.append(
                StatusEntry(
                    status, s.school_code, s.school_name, s.file, s.errors, s.warnings, reason
                )
            )
        for key, s in self.dropped:
            kept = self.best[key]
            status, reason = _duplicate(s, kept)
            entries.append(
                StatusEntry(
                    status, s.school_code, s.school_name, s.file, s.errors, s.warnings, reason
                )
            )
        for key, s in self.wrong_year:
            reason = (
                f"Năm báo cáo {s.report_year}, khác năm tổng hợp {self.year}: không tính vào "
                "tổng hợp"
            )
            if key in self.best:
                reason += f"; dùng tệp «{self.best[key].file}» (năm {self.year})"
            entries.append(
                StatusEntry(
                    FileStatus.WRONG_YEAR, s.school_code, s.school_name, s.file, s.errors,
                    s.warnings, reason,
                )
            )  # fmt: skip
        for r in self.others:
            if r.summary is not None:  # read, but no school code and no registered name
                s = r.summary
                reason = "Không có mã trường, không ghép được vào danh sách"
                if s.problems:
                    reason += " | " + " | ".join(s.problems)
                entries.append(
                    StatusEntry(
                        FileStatus.WITH_ERRORS, "", s.school_name, s.file, s.errors, s.warnings,
                        reason,
                    )
                )  # fmt: skip
            else:
                entries.append(
                    StatusEntry(r.failure or FileStatus.UNREADABLE, file=r.file, reason=r.reason)
                )
        return tuple(sorted(entries, key=lambda e: (e.file, e.status.name)))


def _without_zeros(code: str) -> str | None:
    """A code of ASCII digits without its leading zeros (``0`` for zeros only); None for any
    other code."""
    if not (code.isascii() and code.isdigit()):
        return None
    return code.lstrip("0") or "0"


def _duplicate(s: SchoolSummary, kept: SchoolSummary) -> tuple[FileStatus, str]:
    """Why a school's other file is not used: same entries, or which one is the later report."""
    if s.digest and s.digest == kept.digest:
        return FileStatus.SAME_CONTENT, (
            f"Nội dung giống hệt tệp «{kept.file}» (cùng trường, cùng số liệu); dùng tệp đó"
        )
    if (kept.report_date or dt.date.min) > (s.report_date or dt.date.min):
        why = f"có ngày báo cáo mới hơn{_dated(kept)}"
    elif kept.mtime > s.mtime:
        why = "cùng ngày báo cáo, được lưu sau"
    else:
        why = "cùng ngày báo cáo và giờ lưu, chọn theo tên tệp"
    return FileStatus.DUPLICATE, (
        f"Cùng mã trường với tệp «{kept.file}», tệp đó {why} nên được dùng; tệp này"
        f"{_dated(s)} không dùng"
    )


def merge(
    results: Iterable[FileResult],
    register: Sequence[RegisteredSchool] = (),
    year: int | None = None,
) -> Rollup:
    """All file results and the register into a Rollup (the result does not depend on order)."""
    merger = Merger(register, year)
    for result in results:
        merger.add(result)
    return merger.finish()


def _dated(s: SchoolSummary) -> str:
    return f" (ngày báo cáo {s.report_date:%d/%m/%Y})" if s.report_date else ""


def _missing() -> str:
    return "Chưa có tệp báo cáo của trường trong thư mục"


_ROW_KEYS = tuple(c.key for c in ROLLUP_COLUMNS)


def _blank_row() -> dict[str, Any]:
    return dict.fromkeys(_ROW_KEYS)


def _missing_row(school: RegisteredSchool, reason: str = "") -> dict[str, Any]:
    row = _blank_row()
    row.update(
        school_code=school.code,
        school_name=school.name,
        level=level_short(school.level),
        commune=school.commune,
        status=SchoolStatus.MISSING.row_label,
        excluded=reason or None,
    )
    return row


def _row(s: SchoolSummary, school: RegisteredSchool | None) -> dict[str, Any]:
    row = _blank_row()
    row.update(
        school_code=school.code if school else s.school_code,
        school_name=(school.name if school else "") or s.school_name,
        level=s.level or (level_short(school.level) if school else ""),
        commune=s.commune or (school.commune if school else ""),
        doc_ref=doc_reference(s.doc_number, s.doc_symbol, as_typed=True),
        report_date=s.report_date,
        errors=s.errors,
        warnings=s.warnings,
        file=s.file,
    )
    row.update(s.figures)
    row["staff_rate"] = rate(s.figures.get("staff_participants"), s.figures.get("staff_total"))
    row["pupil_rate"] = rate(s.figures.get("pupil_participants"), s.figures.get("pupil_total"))
    for code in s.channels:
        row[f"channel_{code}"] = True
    for code, count in s.groups.items():
        row[f"group_{code}"] = count
    for kind in GATHERED:
        row[kind] = "\n".join(getattr(s, kind)) or None
    if school is None:
        row["status"] = SchoolStatus.NOT_REGISTERED.row_label
        row["excluded"] = NOT_REGISTERED_REASON
    elif s.errors:
        row["status"] = SchoolStatus.REPORTED_WITH_ERRORS.row_label
        row["excluded"] = f"Báo cáo còn {s.errors} lỗi: " + "; ".join(s.faults)
    else:
        row["status"] = SchoolStatus.REPORTED.row_label
    return row


NOT_REGISTERED_REASON = "Không có trong «Danh sách trường»"


def counted(row: Mapping[str, Any]) -> bool:
    """Whether a roll-up row enters the totals: a registered school's report without errors."""
    return row.get("status") == COUNTED_STATUS


def rate(part: int | None, whole: int | None) -> float | None:
    """A share between 0 and 1 (more when the figures are wrong); None when it cannot be known."""
    if part is None or not whole:
        return None
    return part / whole


def totals(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The totals row over the rows the totals count (``counted``), keyed like ROLLUP_COLUMNS:
    sums, counts of marks, and overall rates; ``<rate>_schools`` says over how many schools a
    rate was taken (those that gave both figures), ``<rate>_part`` and ``<rate>_whole`` its sums.
    """
    rows = [r for r in rows if counted(r)]
    out: dict[str, Any] = {}
    pairs = {
        c.key: (c.total.part, c.total.whole) for c in ROLLUP_COLUMNS if isinstance(c.total, Rate)
    }
    impossible = {  # row index -> keys of a pair whose part exceeds its whole: never summed
        (i, key)
        for i, r in enumerate(rows)
        for part, whole in pairs.values()
        if _number(r.get(part)) is not None
        and _number(r.get(whole)) is not None
        and r[part] > r[whole]
        for key in (part, whole)
    }
    for col in ROLLUP_COLUMNS:
        if col.total == SUM:
            out[col.key] = sum(
                v
                for i, r in enumerate(rows)
                if (v := _number(r.get(col.key))) is not None and (i, col.key) not in impossible
            )
        elif col.total == COUNT:
            out[col.key] = sum(1 for r in rows if r.get(col.key))
    for key, (part, whole) in pairs.items():
        given = [
            (r[part], r[whole])
            for r in rows
            if _number(r.get(part)) is not None
            and _number(r.get(whole)) is not None
            and r[whole] > 0
            and r[part] <= r[whole]
        ]
        out[f"{key}_schools"] = len(given)
        out[f"{key}_part"] = sum(p for p, _ in given)
        out[f"{key}_whole"] = sum(w for _, w in given)
        out[key] = rate(out[f"{key}_part"], out[f"{key}_whole"])
    return out


def _number(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _mark_counts(
    rows: Sequence[Mapping[str, Any]], prefix: str, choices: Iterable[Any]
) -> dict[str, int]:
    return {c.code: sum(1 for r in rows if r.get(prefix + c.code)) for c in choices}


def ranked(counts: Mapping[str, int], labels: Mapping[str, str]) -> list[tuple[str, int]]:
    """(label, count) pairs, largest first, zero counts left out; ties keep the list's order."""
    order = list(labels)
    items = [(code, n) for code, n in counts.items() if n]
    items.sort(key=lambda item: (-item[1], order.index(item[0]) if item[0] in order else 99))
    return [(labels.get(code, code), n) for code, n in items]


def rollup_from_rows(rows: Sequence[Mapping[str, Any]], year: int | None = None) -> Rollup:
    """A Rollup rebuilt from the rows of a written ``Tổng hợp`` table (files are not known)."""
    table = tuple(dict(r) for r in rows)
    schools = tuple(
        StatusEntry(
            ROW_STATUS.get(str(r.get("status") or ""), SchoolStatus.REPORTED),
            str(r.get("school_code") or ""),
            str(r.get("school_name") or ""),
            str(r.get("file") or ""),
            r.get("errors"),
            r.get("warnings"),
            str(r.get("excluded") or ""),
        )
        for r in table
    )
    return rollup_of(table, schools, (), year)


@dataclass(frozen=True)
class Gathered:
    """A difficulty or proposal as the schools said it, near-duplicates merged: its text (as the
    first school wrote it) and every school that raised it, in table order."""

    text: str
    schools: tuple[str, ...]


def gathered(rows: Sequence[Mapping[str, Any]], kind: str) -> tuple[Gathered, ...]:
    """The items of one follow-up kind from the counted rows, near-duplicates merged (folded
    texts equal or at least ``SIMILAR`` alike); raised by most schools first, then first seen."""
    found: list[tuple[str, str, list[str]]] = []  # (folded, text, schools)
    exact: dict[str, int] = {}  # folded text -> its index in found
    raised: list[set[str]] = []  # the schools of found[i], to tell a new one at once
    alike = _Alike()
    for row in rows:
        if not counted(row):
            continue
        school = str(row.get("school_name") or row.get("school_code") or "")
        for line in str(row.get(kind) or "").split("\n"):
            text = item_text(line)
            if not text:
                continue
            folded = fold(text)
            # An equal text is the first alike one: no earlier item was alike to it when added.
            index = exact.get(folded)
            if index is None:
                index = alike.first(folded)
            if index is None:
                exact[folded] = len(found)
                found.append((folded, text[:1].upper() + text[1:], [school]))
                raised.append({school})
                alike.add(folded)
            elif school not in raised[index]:
                found[index][2].append(school)
                raised[index].add(school)
    order = sorted(range(len(found)), key=lambda i: (-len(found[i][2]), i))
    return tuple(Gathered(found[i][1], tuple(found[i][2])) for i in order)


class _Alike:
    """The folded items gathered so far, in order, and ``first``: the index of the first one at
    least ``SIMILAR`` alike a new text (``SequenceMatcher(None, item, text).ratio()``).

    ``ratio`` takes hundreds of microseconds and the longest common subsequence (LCS) of a pair
    tens, one pair at a time in Python, so a new text is first held against every earlier item of
    a length that can reach ``SIMILAR`` at once, with an upper bound of the LCS that is nearly as
    sharp and a tenth of the work: the order of the letters but the commonest (``_COUNTED``: space
    and ``n a h o i u t``, seven letters in ten of folded Vietnamese), and the number of those.
    The items are packed side by side in one integer per shelf (``_Shelf``), and the bit-vector
    recurrence runs over all of them together, in C. The few items that pass have their LCS
    computed, then ``ratio``. (Letters in common, letter pairs in common and prefix filters over
    rare letters were measured on province-scale difficulties: at 0.85 they keep most pairs.)

    Why no alike item is ever passed over, so that ``first`` is the pairwise rule; n is the new
    text's length, l an earlier item's, t = n + l, and 17/20 is ``_NUM/_DEN``:

    1. ``ratio`` is ``2.0 * m / t``, m the letters of its matching blocks; the blocks are in order
       in both texts, so they are a common subsequence: m <= LCS.
    2. ``2.0 * m / t >= SIMILAR`` exactly when ``40 * m >= 17 * t``: SIMILAR is the double
       nearest 17/20, a division is rounded correctly (so monotonically), and 2m/t below 17/20 is
       below it by at least 1/(20 t), far more than a rounding for any t below 2**40. So an alike
       item has ``40 * LCS >= 17 * t``.
    3. LCS <= min(n, l), so an alike item has ``23 * min(n, l) >= 17 * max(n, l)``: l is in
       [ceil(17n/23), floor(23n/17)], and every shelf that can hold such an l is scanned.
    4. LCS(A, B) <= LCS(A', B') + sum over c in _COUNTED of min(A's c, B's c), where A' and B'
       are A and B without the letters of _COUNTED: a common subsequence without those letters is
       one of A' and B', and holds no more of a letter c than A or B does.
    5. An item's A' sits in a field of ``width`` bits, at least one more than A' has letters. In
       Hyyrö's recurrence ``(row + u) | (row - u)``, u = row & (where the letter is), u lies
       within row, so ``row - u`` is ``row ^ u`` (quicker on long integers) and touches no other
       bit; the carry of ``row + u`` out of an item's top letter lands in the spare bit above it,
       which the mask clears at once. So each field runs as the recurrence for its item alone:
       LCS(A', B') = (A' letters) - (the field's set bits).
    6. The set bits are counted per 16-bit lane and the lanes of a field summed by one
       multiplication (a field has fewer than 2**16 bits: no lane overflows). To them is added,
       per letter c of _COUNTED, how many more A has than B (``(count | top) - B's``, whose top
       bit tells which count is the larger). l minus that sum is the bound of 4; then per field
       ``23 * l - 40 * (the sum) - 17 * n``, which is ``40 * bound - 17 * t``, is computed above
       an offset of 2**(width - 1): its size is at most 63 * (l + _BAND) (the sum <= l, and a
       band scanned holds no l below ceil(17n/23) - _BAND), below the offset (l < _LONG, width
       >= 32), so no field borrows from or carries into another, and the offset bit is set
       exactly when it is >= 0.
    7. Items of ``_LONG`` letters or more are held one by one.

    So every alike item passes; those that pass are taken earliest first, their LCS computed and
    then ``ratio`` itself, and the first that reaches ``SIMILAR`` is returned: the earliest alike
    item, never a later one. (An empty text is alike only another empty one; ``gathered`` finds
    those by equality before it asks.)"""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.bands: dict[int, dict[int, _Shelf]] = {}  # l // _BAND -> field width -> its shelf
        self.long: list[int] = []  # indexes of items of _LONG letters or more

    def add(self, folded: str) -> None:
        index = len(self.texts)
        self.texts.append(folded)
        if len(folded) >= _LONG:
            self.long.append(index)
            return
        ordered = folded.translate(_UNCOUNTED)
        width = _width(len(ordered))
        shelves = self.bands.setdefault(len(folded) // _BAND, {})
        shelf = shelves.get(width)
        if shelf is None:
            shelf = shelves[width] = _Shelf(width)
        shelf.add(index, folded, ordered)

    def first(self, folded: str) -> int | None:
        size = len(folded)
        shortest = -(-_NUM * size // _KEEP)  # the lengths that can be alike (3.)
        longest = _KEEP * size // _NUM
        ordered = folded.translate(_UNCOUNTED)
        counted = {c: folded.count(c) for c in _COUNTED}
        passed: list[int] = []
        for band in range(shortest // _BAND, min(longest, _LONG - 1) // _BAND + 1):
            for shelf in self.bands.get(band, {}).values():
                passed += shelf.alike(ordered, counted, size)
        if self.long and longest >= _LONG:
            passed += (i for i in self.long if shortest <= len(self.texts[i]) <= longest)
        if not passed:
            return None
        passed.sort()
        masks = _positions(folded)
        matcher: difflib.SequenceMatcher[str] | None = None
        for index in passed:
            other = self.texts[index]
            need = -(-_NUM * (len(other) + size) // (2 * _DEN))  # the least LCS alike (2.)
            if not _reaches(other, masks, size, need):
                continue
            if matcher is None:
                matcher = difflib.SequenceMatcher(None, "", folded)
            matcher.set_seq1(other)
            if matcher.ratio() >= SIMILAR:
                return index
        return None


# SIMILAR as the fraction whose nearest double it is (17/20), for the whole-number test of
# ``_Alike`` (2.); _KEEP = 2 * _DEN - _NUM.
_NUM, _DEN = Fraction(SIMILAR).limit_denominator(100).as_integer_ratio()
_KEEP = 2 * _DEN - _NUM
_COUNTED = " nahoiut"  # letters whose number, not order, bounds the LCS (4.)
_UNCOUNTED = str.maketrans("", "", _COUNTED)
_LANE = 16  # bits of a lane in which set bits are counted; a field is a whole number of lanes
_BAND = 32  # letters: the items of lengths l // _BAND alike are shelved together
_LONG = 4096  # letters: an item this long is held alone (6. holds below it)
if float(Fraction(_NUM, _DEN)) != SIMILAR or (2 * _DEN + _KEEP) * (_LONG + _BAND) >= 2**31:
    raise ValueError(f"SIMILAR = {SIMILAR} is no fraction of a small denominator")


def _width(letters: int) -> int:
    """The bits of the field of an item of that many letters not counted: whole lanes, at least
    one bit more than the letters (5.), and at least 32 (6.)."""
    return max(2 * _LANE, _LANE * (letters // _LANE + 1))


class _Shelf:
    """Items of one band of lengths whose texts without the counted letters fit one field width,
    side by side: item k (``indexes[k]``) in bits ``k * width`` and up. Per letter not counted,
    the bits where it is (``masks``); per counted letter, its number in each item (``counts``);
    the bits of the letters not counted (``full``); per field ``2**(width-1) + 23 * length``
    (``base``), 1 (``ones``) and 0xFFFF (``lane``), all kept as items come, for ``alike``."""

    __slots__ = ("base", "counts", "full", "indexes", "lane", "masks", "ones", "spread", "width")

    def __init__(self, width: int) -> None:
        self.width = width
        self.indexes: list[int] = []
        self.masks: dict[str, int] = {}
        self.counts: dict[str, int] = {}
        self.full = self.base = self.ones = self.lane = 0
        self.spread = int.from_bytes(b"\x01\x00" * (width // _LANE), "little")  # 1 per lane

    def add(self, index: int, text: str, ordered: str) -> None:
        at = self.width * len(self.indexes)
        self.indexes.append(index)
        masks, counts = self.masks, self.counts
        for letter, bits in _positions(ordered).items():
            masks[letter] = masks.get(letter, 0) | bits << at
        for letter in _COUNTED:
            count = text.count(letter)
            if count:
                counts[letter] = counts.get(letter, 0) | count << at
        self.full |= ((1 << len(ordered)) - 1) << at
        self.base |= ((1 << (self.width - 1)) + _KEEP * len(text)) << at
        self.ones |= 1 << at
        self.lane |= 0xFFFF << at

    def alike(self, ordered: str, counted: Mapping[str, int], size: int) -> list[int]:
        """The indexes, in order, of the items whose bound of the LCS (4.) with a text of
        ``size`` letters lets ``ratio`` reach SIMILAR: ``ordered`` is the text without the
        counted letters, ``counted`` the number of each of those in it (5., 6.)."""
        masks, full, width = self.masks, self.full, self.width
        row = full
        for letter in ordered:
            bits = masks.get(letter)
            if bits is not None:
                match = row & bits
                row = ((row + match) | (row ^ match)) & full  # (row ^ match is row - match)
        m1, m2, m4, m8 = _lane_masks((width * len(self.indexes)).bit_length())
        lanes = row - ((row >> 1) & m1)
        lanes = (lanes & m2) + ((lanes >> 2) & m2)
        lanes = (lanes + (lanes >> 4)) & m4
        lanes = (lanes + (lanes >> 8)) & m8  # set bits per lane
        unmatched = ((lanes * self.spread) >> (width - _LANE)) & self.lane  # per field
        top = self.ones << (width - 1)
        for letter, have in self.counts.items():
            mine = counted[letter]
            if not mine:
                unmatched += have
                continue
            over = (have | top) - mine * self.ones  # top bit set where have >= mine
            larger = over & top
            unmatched += over & (larger - (larger >> (width - 1)))  # have - mine there
        score = self.base - 2 * _DEN * unmatched - _NUM * size * self.ones
        hits = score & top
        found = []
        while hits:
            lowest = hits & -hits
            found.append(self.indexes[lowest.bit_length() // width - 1])
            hits ^= lowest
        return found


@functools.cache
def _lane_masks(bits: int) -> tuple[int, int, int, int]:
    """0x5555..., 0x3333..., 0x0F0F... and 0x00FF00FF... of 2**bits bits (at least as long as
    the numbers they mask: an ``&`` costs the shorter one's length)."""
    size = (1 << bits) // 8 + 2
    return (
        int.from_bytes(b"\x55" * size, "little"),
        int.from_bytes(b"\x33" * size, "little"),
        int.from_bytes(b"\x0f" * size, "little"),
        int.from_bytes(b"\xff\x00" * size, "little"),
    )


def _positions(text: str) -> dict[str, int]:
    """Each letter's positions in ``text`` as the bits of an integer."""
    masks: dict[str, int] = {}
    for at, letter in enumerate(text):
        masks[letter] = masks.get(letter, 0) | (1 << at)
    return masks


def _reaches(a: str, masks: Mapping[str, int], size: int, need: int) -> bool:
    """Whether the longest common subsequence of ``a`` and the text of ``size`` letters whose
    ``_positions`` are ``masks`` has ``need`` letters (Allison and Dix's bit-vector recurrence,
    one pass over ``a``, given up once the letters of ``a`` left cannot make up the rest)."""
    full = (1 << size) - 1
    row = full
    left = len(a)
    for at, letter in enumerate(a, 1):
        match = row & masks.get(letter, 0)
        row = ((row + match) | (row ^ match)) & full
        if not at & 31 and size - row.bit_count() + left - at < need:
            return False
    return size - row.bit_count() >= need


def reported_phrase(rollup: Rollup) -> str:
    """``Đã nộp: 7/8 trường trong danh sách (2 có lỗi)``: the summary's first words everywhere."""
    return (
        f"Đã nộp: {rollup.reported}/{rollup.registered} trường trong danh sách"
        f" ({rollup.count(SchoolStatus.REPORTED_WITH_ERRORS)} có lỗi)"
    )


def summary_line(rollup: Rollup) -> str:
    """Who sent what, then what the totals count (the rule, naming each school left out): the
    note above both roll-up sheets and the button's message."""
    return (
        f"{reported_phrase(rollup)}; "
        f"chưa nộp: {len(rollup.missing)}; "
        f"ngoài danh sách: {rollup.count(SchoolStatus.NOT_REGISTERED)}; "
        f"tệp cần xem lại: {rollup.files_with_problems}. {rule_sentence(rollup)}"
    )


def rule_sentence(rollup: Rollup, named: Callable[[str], str] = str) -> str:
    """What the totals count, in words: ``Số liệu tổng hợp từ 5 trường có báo cáo hợp lệ; không
    tính: <school> (<why>), ...`` (the schools that sent a report left out, each with why; each
    name as ``named`` writes it)."""
    head = f"Số liệu tổng hợp từ {rollup.counted} trường có báo cáo hợp lệ"
    left = [f"{named(name)} ({lower_first(why)})" for name, why in rollup.excluded]
    return head + ("; không tính: " + ", ".join(left) if left else "") + "."


def rollup_of(
    rows: tuple[dict[str, Any], ...],
    schools: tuple[StatusEntry, ...],
    files: tuple[StatusEntry, ...],
    year: int | None,
) -> Rollup:
    """A Rollup with its totals, channel/group counts and gathered items derived from the rows
    the totals count."""
    used = [r for r in rows if counted(r)]
    return Rollup(
        rows=rows,
        totals=totals(rows),
        channel_counts=_mark_counts(used, "channel_", CHANNELS.choices),
        group_items={
            c.code: sum(_number(r.get(f"group_{c.code}")) or 0 for r in used)
            for c in CONTENT_GROUPS.choices
        },
        group_schools={
            c.code: sum(1 for r in used if r.get(f"group_{c.code}")) for c in CONTENT_GROUPS.choices
        },
        schools=schools,
        files=files,
        year=year,
        followups=Followups(rows),
    )


class Followups(Mapping[str, tuple[Gathered, ...]]):
    """``{kind: gathered(rows, kind)}`` for each kind of ``GATHERED``, each gathered when first
    asked for: the merge writes the roll-up without them (comparing every distinct item with the
    earlier ones grows with the square of their number); the district report, which lists them,
    reads them back from the roll-up's rows."""

    def __init__(self, rows: Sequence[Mapping[str, Any]]) -> None:
        self._rows = rows
        self._done: dict[str, tuple[Gathered, ...]] = {}

    def __getitem__(self, kind: str) -> tuple[Gathered, ...]:
        if kind not in GATHERED:
            raise KeyError(kind)
        if kind not in self._done:
            self._done[kind] = gathered(self._rows, kind)
        return self._done[kind]

    def __contains__(self, kind: object) -> bool:
        return kind in GATHERED

    def __iter__(self) -> Iterator[str]:
        return iter(GATHERED)

    def __len__(self) -> int:
        return len(GATHERED)

    def __repr__(self) -> str:
        return repr(dict(self))
