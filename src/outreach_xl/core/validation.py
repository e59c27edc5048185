"""The validator: a Submission in, a list of findings out. Pure, and it never raises on cell values.

Field rules (required, type, bounds, allowed values) come from the schema's fields and columns;
cross-field rules are the schema's ``rules``, interpreted here one function per rule type.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import typing
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from functools import cache
from typing import Any

from outreach_xl.core import formats as vn
from outreach_xl.core.choices import (
    caseless,
    consonant_ends,
    consonant_head,
    fold,
    is_exact,
    match_choice,
)
from outreach_xl.core.legacy_text import might_be_legacy, unicode_of
from outreach_xl.core.memo import SHORT, remember
from outreach_xl.core.model import (
    EMPTY,
    Cell,
    Submission,
    clean_text,
    short_year,
    to_date,
    typed_with_words,
)
from outreach_xl.schema import (
    DISTRICT,
    LIMITS,
    SCHOOL,
    AbolishedLevel,
    AbolishedLevelRows,
    ChoiceList,
    Column,
    DateInYear,
    DateNotAfter,
    DayFirst,
    Field,
    Kind,
    LastRowStartsWith,
    MinRows,
    NoLeadingWord,
    NotADate,
    NotGreater,
    NotLongAfterSaved,
    NotZero,
    Pattern,
    PrefixIn,
    ProperCase,
    Rule,
    Severity,
    SignsAlone,
    UniqueRows,
    Words,
    WorkbookSchema,
)


@dataclass(frozen=True)
class Finding:
    """One problem with the entries: where it is, what is wrong and how to fix it (Vietnamese)."""

    severity: Severity
    sheet: str
    cell: str
    label: str
    value: str
    message: str
    fix: str
    rule: str

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data

    def user_message(self) -> str:
        where = f"{self.sheet}!{self.cell}" if self.cell else self.sheet
        kind = "LỖI" if self.is_error else "Cảnh báo"
        value = f" (giá trị: «{self.value}»)" if self.value else ""
        fix = self.fix.rstrip(".")
        return f"{kind} {where} «{self.label}»{value}: {self.message}. Cách sửa: {fix}."


def validate(sub: Submission, schema: WorkbookSchema = SCHOOL) -> list[Finding]:
    """Every finding for a submission, errors first, then by sheet order and cell."""
    plan = _plan(schema)
    fields, tables = plan.fields, plan.tables
    findings = [*_check_fields(sub, plan), *_check_tables(sub, plan)]
    for rule, check in plan.rules:
        findings.extend(check(rule, sub, fields, tables))
    if any(f.rule in _SWAP_WARNINGS for f in findings):
        findings = _said_once(findings)
    if plan.district:
        findings.extend(district_findings(sub, fields))
    order = plan.order
    return sorted(
        findings,
        key=lambda f: (not f.is_error, order.get(f.sheet, 99), _cell_order(f.cell)),
    )


# The warnings that a date may have its day and month swapped, the first said before the second.
_SWAP_WARNINGS = ("day_first", "after_saved")


def _said_once(findings: list[Finding]) -> list[Finding]:
    """A cell's date told swapped once: by its date rule's error if there is one, else by the
    first of ``_SWAP_WARNINGS`` that says so."""
    said = {(f.sheet, f.cell) for f in findings if f.is_error and f.rule.startswith("date_")}
    kept = [f for f in findings if f.rule not in _SWAP_WARNINGS]
    for rule in _SWAP_WARNINGS:
        for f in findings:
            if f.rule == rule and (f.sheet, f.cell) not in said:
                kept.append(f)
                said.add((f.sheet, f.cell))
    return kept


# --- The plan: the schema read once --------------------------------------------------------------

# (key, spec, sheet name, whether a filled cell needs more than the type check, and the values
# that need nothing more: a list's labels as the drop-down writes them)
_Check = tuple[str, Field | Column, str, bool, frozenset[str]]


@dataclass(frozen=True)
class _Plan:
    """What ``validate`` needs of a schema, looked up once per schema rather than per cell: each
    field and table column with its sheet, the rules with their checks, the sheets' order."""

    schema: WorkbookSchema
    fields: dict[str, tuple[Any, Field]]
    tables: dict[str, tuple[Any, Any]]
    field_checks: tuple[_Check, ...]
    table_checks: tuple[tuple[str, tuple[_Check, ...]], ...]
    rules: tuple[tuple[Rule, Callable[..., Iterator[Finding]]], ...]
    order: dict[str, int]
    district: bool


# Keyed by the schema's id (the schema is kept in the plan, so its id is never reused while the
# entry lives; hashing a schema would walk all of it).
_PLANS: dict[int, _Plan] = {}


def _plan(schema: WorkbookSchema) -> _Plan:
    plan = _PLANS.get(id(schema))
    if plan is not None and plan.schema is schema:
        return plan
    inputs = schema.input_sheets()
    plan = _PLANS[id(schema)] = _Plan(
        schema,
        schema.fields(),
        schema.tables(),
        tuple(_check_of(f, s.name, schema) for s in inputs for f in s.fields),
        tuple(
            (s.table.key, tuple(_check_of(c, s.name, schema) for c in s.table.columns))
            for s in inputs
            if s.table
        ),
        tuple((rule, _RULES[type(rule)]) for rule in schema.rules),
        {s.name: i for i, s in enumerate(schema.sheets)},
        schema.template_id == DISTRICT.template_id,
    )
    return plan


def _check_of(spec: Field | Column, sheet: str, schema: WorkbookSchema) -> _Check:
    """A field's or column's check: a filled cell of the right type may still be out of bounds
    (a number) or typed instead of picked (a choice), unless it is a label ``_check_choice``
    finds nothing in (asked of ``_check_choice`` itself, once per label)."""
    if spec.kind is Kind.CHOICE and spec.choices:
        lst = schema.choice_list(spec.choices)
        exact = frozenset(
            c.label
            for c in lst.choices
            if c.label and not any(_check_choice(Cell(c.label, c.label), spec, lst, sheet))
        )
        return spec.key, spec, sheet, True, exact
    # (every number and date is checked in full: what was typed around it may need a word)
    return spec.key, spec, sheet, spec.kind in (Kind.INT, Kind.DATE), frozenset()


def _passes(cell: Cell, spec: Field | Column, more: bool, exact: frozenset[str]) -> bool:
    """A cell ``_check_value`` would find nothing in, told without it: blank and optional, or of
    the right type, no formula error, shorter than the limit, and no bounds or list to check, or
    a whole number typed as one within its bounds, or a label of its list as the drop-down writes
    it. Anything else (however rare) goes through ``_check_value``."""
    raw = cell.raw
    if raw is None:
        return not spec.required
    if isinstance(raw, str):
        if not raw.strip():
            return not spec.required
        if "#" in raw:  # perhaps a formula error: the full check
            return False
        # A text read as another (``coerce`` gives a clean one back as it is) may have been
        # typed in TCVN3 or VNI: the full check warns.
        if cell.value != raw and might_be_legacy(raw):
            return False
    value = cell.value
    if value is None:
        return False
    if more:
        if spec.kind is Kind.INT:  # a whole number typed as one (no words to warn of), in bounds
            return (
                not isinstance(raw, str)
                and (spec.min is None or value >= spec.min)
                and (spec.max is None or value <= spec.max)
            )
        return value in exact  # (labels are far shorter than the length limit)
    return not isinstance(value, str) or len(value) < LIMITS.max_cell_chars


def _cell_order(cell: str) -> tuple[int, str]:
    match = re.match(r"([A-Z]+)(\d+)", cell or "")
    return (int(match.group(2)), match.group(1)) if match else (0, "")


def _show(value: Any) -> str:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    text = clean_text(value) if value is not None else ""
    text = text.replace("\n", " ")
    return text if len(text) <= 60 else text[:59] + "…"


def _finding(
    severity: Severity, cell: Cell, label: str, message: str, fix: str, rule: str, sheet: str = ""
) -> Finding:
    ref = cell.ref
    return Finding(
        severity,
        ref.sheet if ref else sheet,
        ref.cell if ref else "",
        label,
        _show(cell.raw),
        message,
        fix,
        rule,
    )


# --- Fields and columns --------------------------------------------------------------------------


def _check_fields(sub: Submission, plan: _Plan) -> list[Finding]:
    out: list[Finding] = []
    cells = sub.fields
    for key, spec, sheet, more, exact in plan.field_checks:
        cell = cells.get(key, EMPTY)
        if not _passes(cell, spec, more, exact):
            out.extend(_check_value(cell, spec, plan.schema, sheet))
    return out


def _check_tables(sub: Submission, plan: _Plan) -> list[Finding]:
    out: list[Finding] = []
    for table, checks in plan.table_checks:
        for row in sub.rows(table):
            cells = row.cells
            for key, spec, sheet, more, exact in checks:
                cell = cells.get(key, EMPTY)
                if not _passes(cell, spec, more, exact):
                    found: Iterable[Finding] = _check_value(cell, spec, plan.schema, sheet)
                    if cell.empty and spec.kind is Kind.LONGTEXT:  # the item typed beside it?
                        found = _typed_beside(found, cells, checks, plan.schema)
                    out.extend(found)
    return out


def _typed_beside(
    found: Iterable[Finding],
    cells: Mapping[str, Cell],
    checks: tuple[_Check, ...],
    schema: WorkbookSchema,
) -> list[Finding]:
    """An empty text's findings, said to point at the item typed in the choice column beside it
    (six words or more that name no choice: «Tuyên truyền thành tích của nhà trường ...»)."""
    for key, spec, *_ in checks:
        value = cells.get(key, EMPTY).value
        if (
            spec.kind is Kind.CHOICE
            and spec.choices is not None
            and isinstance(value, str)
            and len(value.split()) >= _ITEM_WORDS
            and match_choice(schema.choice_list(spec.choices), value) is None
        ):
            return [
                replace(
                    f,
                    message=f"Chưa điền; nội dung có lẽ đã ghi vào ô «{spec.label}» bên cạnh",
                    fix=f"Chép «{_show(value)}» sang ô này, rồi chọn một mục trong danh sách "
                    f"ở ô «{spec.label}»",
                )
                if f.rule == "required"
                else f
                for f in found
            ]
    return list(found)


_ITEM_WORDS = 6  # a group, a channel or a kind typed by hand is shorter than that


def _check_value(
    cell: Cell, spec: Field | Column, schema: WorkbookSchema, sheet: str
) -> Iterator[Finding]:
    """Required, type, bounds and allowed values of one cell."""
    err = Severity.ERROR
    if cell.empty:
        if spec.required:
            yield _finding(
                err, cell, spec.label, "Chưa điền (bắt buộc)", _fill_hint(spec), "required", sheet
            )
        return
    if cell.excel_error:
        yield _finding(
            err,
            cell,
            spec.label,
            "Ô đang báo lỗi công thức của Excel",
            "Xóa công thức trong ô và gõ giá trị trực tiếp",
            "formula_error",
            sheet,
        )
        return
    if cell.invalid:
        yield _past_limits(cell, spec, sheet) or _finding(
            err, cell, spec.label, *_type_problem(spec, cell.raw, schema), "type", sheet
        )
        return
    value = cell.value
    if isinstance(value, str) and len(value) > LIMITS.max_cell_chars:
        yield _finding(
            err,
            cell,
            spec.label,
            f"Nội dung quá dài ({vn.thousands(len(value))} ký tự, "
            f"tối đa {vn.thousands(LIMITS.max_cell_chars)})",
            "Rút gọn nội dung hoặc tách thành nhiều dòng của bảng",
            "too_long",
            sheet,
        )
        return
    if isinstance(value, str) and isinstance(cell.raw, str):
        yield from _legacy_font(cell, spec, sheet)
    if spec.kind is Kind.INT:
        if isinstance(cell.raw, str) and typed_with_words(vn.nfc(cell.raw).strip()):
            yield _finding(
                Severity.WARNING,
                cell,
                spec.label,
                f"Ô số có kèm chữ; được hiểu là {value}",
                f"Chỉ ghi số vào ô: {value}",
                "type",
                sheet,
            )
        if spec.min is not None and value < spec.min:
            yield _finding(
                err,
                cell,
                spec.label,
                f"Số phải từ {spec.min} trở lên",
                f"Nhập một số nguyên không nhỏ hơn {spec.min}",
                "bounds",
                sheet,
            )
        elif spec.max is not None and value > spec.max:
            yield _finding(
                err,
                cell,
                spec.label,
                f"Số quá lớn (tối đa {spec.max})",
                "Kiểm tra lại số đã nhập",
                "bounds",
                sheet,
            )
    if spec.kind is Kind.DATE and isinstance(cell.raw, str) and short_year(cell.raw):
        yield _finding(
            Severity.WARNING,
            cell,
            spec.label,
            f"Năm ghi 2 chữ số; được hiểu là {_show(value)}",
            f"Ghi đủ năm 4 chữ số: {_show(value)}",
            "type",
            sheet,
        )
    if spec.kind is Kind.CHOICE and spec.choices:
        yield from _check_choice(cell, spec, schema.choice_list(spec.choices), sheet)


# The fonts a school's older documents use for each legacy encoding (``legacy_text``).
_LEGACY_FONTS = {"TCVN3": ".VnTime", "VNI": "VNI-Times"}


def _legacy_font(cell: Cell, spec: Field | Column, sheet: str) -> Iterator[Finding]:
    """A warning for text pasted in an old Vietnamese font (TCVN3 or VNI): Excel shows it right in
    that font, but the report (in Times New Roman) reads it as Unicode, as the warning says."""
    converted = unicode_of(clean_text(cell.raw))
    if converted is None:
        return
    text, encoding = converted
    yield _finding(
        Severity.WARNING,
        cell,
        spec.label,
        f"Chữ gõ bằng bảng mã cũ {encoding} (phông {_LEGACY_FONTS[encoding]}), ngoài Excel sẽ "
        f"hiện sai; được hiểu là «{_show(text)}»",
        f"Chuyển ô sang bảng mã Unicode (Unikey: chuyển mã từ {encoding} sang Unicode) hoặc gõ "
        "lại bằng Unicode, phông Times New Roman",
        "legacy_font",
        sheet,
    )


def _past_limits(cell: Cell, spec: Field | Column, sheet: str) -> Finding | None:
    """A whole number too large to be one (more digits than ``LIMITS.max_int_digits``, 1e400,
    infinity): the same finding as a number above the field's maximum, not "not a number"."""
    if spec.kind is not Kind.INT or not _too_large(cell.raw):
        return None
    most = f"{spec.max}" if spec.max is not None else f"{LIMITS.max_int_digits} chữ số"
    return _finding(
        Severity.ERROR,
        cell,
        spec.label,
        f"Số quá lớn (tối đa {most})",
        "Kiểm tra lại số đã nhập",
        "bounds",
        sheet,
    )


def _too_large(raw: Any) -> bool:
    """A number (or a number typed as text) of at least ``10**LIMITS.max_int_digits``."""
    if isinstance(raw, bool):
        return False
    if isinstance(raw, str):
        text = raw.strip().replace("\u00a0", " ")
        if not text.isascii():
            return False
        if _NUMBER_TEXT.fullmatch(text) and sum(c.isdigit() for c in text) > LIMITS.max_int_digits:
            return True
        try:
            raw = float(text.replace(",", "."))
        except ValueError:
            return False
    if isinstance(raw, (int, float)):
        return (
            not (isinstance(raw, float) and math.isnan(raw))
            and abs(raw) >= 10**LIMITS.max_int_digits
        )
    return False


_NUMBER_TEXT = re.compile(r"[+-]?[0-9][0-9.,\s]*")


def _check_choice(
    cell: Cell, spec: Field | Column, lst: ChoiceList, sheet: str
) -> Iterator[Finding]:
    """A value typed instead of picked: matched (folded, or by an alias) it is a warning naming
    the label it counts as; matching nothing it is «Khác» (or an error on a strict list)."""
    choice = match_choice(lst, cell.value)
    if choice is not None:
        if not is_exact(choice, cell.value):
            yield _finding(
                Severity.WARNING,
                cell,
                spec.label,
                f"Giá trị gõ tay, không đúng mục trong danh sách «{lst.title}»; "
                f"được hiểu là «{choice.label}»",
                f"Chọn «{choice.label}» trong danh sách thả xuống của ô",
                "choice_typed",
                sheet,
            )
        return
    if lst.strict:
        yield _finding(
            Severity.ERROR,
            cell,
            spec.label,
            f"Giá trị không có trong danh sách «{lst.title}»",
            "Chọn một mục trong danh sách thả xuống của ô",
            "choice",
            sheet,
        )
    else:
        yield _finding(
            Severity.WARNING,
            cell,
            spec.label,
            f"Giá trị không có trong danh sách «{lst.title}», sẽ được tính là «Khác»",
            "Chọn một mục trong danh sách nếu phù hợp, hoặc chọn «Khác»",
            "choice",
            sheet,
        )


def _type_problem(
    spec: Field | Column, raw: Any = None, schema: WorkbookSchema | None = None
) -> tuple[str, str]:
    if spec.kind is Kind.INT:
        thousands = _thousands_typed(raw)
        if thousands is not None:
            return (
                "Không phải số nguyên: máy đã hiểu dấu chấm là dấu thập phân",
                f"Nếu định ghi {vn.thousands(thousands)} thì gõ {thousands}, không có dấu chấm; "
                "nếu không, nhập số nguyên, ví dụ 21",
            )
        if type(raw) is float and 0 < raw < 1:  # 80% typed: Excel keeps 0.8, shown 80%
            return (
                "Không phải số nguyên: ô ghi một tỉ lệ "
                f"({vn.percent(round(raw * 1_000_000), 1_000_000)}), không phải số đếm",
                "Ghi số đếm được (số lần, số người...), chỉ gồm chữ số, ví dụ 21",
            )
        if isinstance(raw, dt.date):  # 3/5 typed: Excel made it a date (day and month)
            whole = _whole_label(schema, spec.key)
            return (
                f"Excel đã đổi số gõ có dấu «/» thành ngày {_show(raw)}",
                "Gõ lại chỉ một số (chữ số, không có dấu «/») vào ô này"
                + (f"; tổng số ghi vào ô «{whole}»" if whole else ""),
            )
        school_year = _SCHOOL_YEAR.match(raw) if isinstance(raw, str) else None
        if school_year and _is_year(spec):  # 2024-2025 in the report year's cell
            first, second = school_year.groups()
            return (
                f"Là năm học ({_show(raw)}), không phải một năm",
                f"Ghi một năm, 4 chữ số: năm của hoạt động được báo cáo ({first} hoặc {second})",
            )
        before_slash = _BEFORE_SLASH.match(raw) if isinstance(raw, str) else None
        if before_slash:  # 05/BC-MGMA in the number's cell, 21/25 in a count's
            number, rest = before_slash.groups()
            whole = _whole_label(schema, spec.key)
            return (
                "Không phải số nguyên (có dấu «/» và phần sau nó)",
                f"Ghi {number} vào ô này và {rest} vào ô «{whole}»"
                if whole and rest.isdigit()
                else f"Chỉ ghi {number} vào ô này; phần sau dấu «/» ({_show(rest)}: ký hiệu văn "
                "bản, tổng số...) ghi vào ô riêng của nó",
            )
        if _is_year(spec) and spec.help:  # «ví dụ 21» is no year
            return "Không phải số nguyên", f"Nhập số nguyên, chỉ gồm chữ số. {spec.help}"
        return "Không phải số nguyên", "Nhập số nguyên, chỉ gồm chữ số, ví dụ 21"
    if spec.kind is Kind.DATE:
        no_year = _NO_YEAR.match(raw) if isinstance(raw, str) else None
        if no_year:
            return (
                "Ngày chưa có năm",
                f"Ghi thêm năm (4 chữ số) sau «{no_year.group(1)}», dạng ngày/tháng/năm",
            )
        return "Không phải ngày hợp lệ", "Nhập ngày dạng ngày/tháng/năm, ví dụ 05/01/2021"
    return "Giá trị không hợp lệ", "Nhập lại giá trị"


_SCHOOL_YEAR = re.compile(r"\s*(?:năm\s+học\s*)?(\d{4})\s*[-–/]\s*(\d{4})\s*$", re.IGNORECASE)


def _is_year(spec: Field | Column) -> bool:
    """A field that holds a year (its least value is one: 2000)."""
    return spec.min is not None and spec.min >= 1900


_BEFORE_SLASH = re.compile(r"\s*(?:số\s*:?\s*)?(\d{1,9})\s*/\s*(\S.*?)\s*$", re.IGNORECASE)


def _whole_label(schema: WorkbookSchema | None, key: str) -> str | None:
    """The label of the total a count may not exceed (``NotGreater``), if it has one."""
    if schema is None:
        return None
    fields = schema.fields()
    for rule in schema.rules:
        if isinstance(rule, NotGreater) and rule.part == key and rule.whole in fields:
            return fields[rule.whole][1].label
    return None


_NO_YEAR = re.compile(r"\s*(\d{1,2}\s*[/.\-]\s*\d{1,2})\s*[/.\-]?\s*$")


def _thousands_typed(raw: Any) -> int | None:
    """The whole number a clerk most likely typed when a cell holds a number like 1.2 or 12.5:
    Vietnamese writes 1.200 for one thousand two hundred, and Excel or LibreOffice set to a
    locale whose decimal mark is the point reads it as 1.2. None for any other value (0.5 too:
    nobody writes 500 as 0.500, it is a share)."""
    if type(raw) is not float or not math.isfinite(raw) or raw.is_integer() or not 1 < raw < 1000:
        return None
    thousands = round(raw * 1000)
    return thousands if abs(raw * 1000 - thousands) < 1e-6 else None


def _fill_hint(spec: Field | Column) -> str:
    if spec.kind is Kind.CHOICE:
        return "Chọn một mục trong danh sách thả xuống của ô"
    if spec.help:
        return f"Điền vào ô này. {spec.help}"
    return "Điền vào ô này"


# --- Cross-field rules ---------------------------------------------------------------------------

Fields = dict[str, Any]
Tables = dict[str, Any]


def _label(fields: Fields, key: str) -> str:
    return fields[key][1].label if key in fields else key


def _said(words: Words, **names: Any) -> tuple[str, str]:
    """A rule's message and fix (``Words``, from the schema) with its ``{names}`` filled in."""
    return words.message.format_map(names), words.fix.format_map(names)


def _on_field(
    severity: Severity, sub: Submission, fields: Fields, key: str, rule: str, words: Words,
    **names: Any,
) -> Finding:  # fmt: skip
    """A finding on the field ``key`` in a rule's words (``rule`` is the finding's rule id)."""
    return _finding(severity, sub.cell(key), _label(fields, key), *_said(words, **names), rule)


def _on_column(
    severity: Severity, tables: Tables, table_key: str, column: str, cell: Cell, rule: str,
    words: Words, **names: Any,
) -> Finding:  # fmt: skip
    """A finding on a cell of a table's ``column`` in a rule's words (an empty table: its sheet)."""
    sheet, table = tables[table_key]
    label = table.column(column).label
    return _finding(severity, cell, label, *_said(words, **names), rule, sheet.name)


def _not_greater(rule: NotGreater, sub: Submission, fields: Fields, _: Tables) -> Iterator[Finding]:
    part, whole = sub.value(rule.part), sub.value(rule.whole)
    if isinstance(part, int) and isinstance(whole, int) and part > whole:
        yield _on_field(
            rule.severity,
            sub,
            fields,
            rule.part,
            "not_greater",
            rule.words,
            whole_label=_label(fields, rule.whole),
            whole=whole,
            whole_cell=_ref(sub.cell(rule.whole)),
        )


def _min_rows(rule: MinRows, sub: Submission, _: Fields, tables: Tables) -> Iterator[Finding]:
    if len(sub.rows(rule.table)) >= rule.count:
        return
    sheet, table = tables[rule.table]
    yield Finding(
        rule.severity,
        sheet.name,
        "",
        table.title,
        "",
        *_said(rule.words, title=table.title, count=rule.count),
        "min_rows",
    )


def _pattern(rule: Pattern, sub: Submission, fields: Fields, _: Tables) -> Iterator[Finding]:
    value = sub.value(rule.key)
    if value is None or re.fullmatch(rule.regex, value):
        return
    fixed = vn.symbol_as_written(value)
    if rule.loose is not None and re.fullmatch(rule.regex, fixed):
        yield _on_field(Severity.WARNING, sub, fields, rule.key, "pattern", rule.loose, fixed=fixed)
        return
    yield _on_field(rule.severity, sub, fields, rule.key, "pattern", rule.words)


def _date_in_year(
    rule: DateInYear, sub: Submission, fields: Fields, _: Tables
) -> Iterator[Finding]:
    date, year = sub.value(rule.key), sub.value(rule.year)
    if not isinstance(date, dt.date) or not isinstance(year, int):
        return

    def passes(day: dt.date) -> bool:
        return day.year == year or (day.year == year + 1 and day.month <= rule.grace_months)

    if passes(date):
        return
    names = {"year": year, "next_year": year + 1, "grace_months": rule.grace_months}
    swap = _swapped(sub.cell(rule.key), passes) if rule.swapped else {}
    words = rule.swapped if swap and rule.swapped else rule.words
    yield _on_field(rule.severity, sub, fields, rule.key, "date_in_year", words, **names, **swap)


def _date_not_after(
    rule: DateNotAfter, sub: Submission, fields: Fields, _: Tables
) -> Iterator[Finding]:
    early, late = sub.value(rule.earlier), sub.value(rule.later)
    if isinstance(early, dt.date) and isinstance(late, dt.date) and early > late:
        swap = _swapped(sub.cell(rule.earlier), lambda day: day <= late) if rule.swapped else {}
        words = rule.swapped if swap and rule.swapped else rule.words
        yield _on_field(
            rule.severity,
            sub,
            fields,
            rule.earlier,
            "date_not_after",
            words,
            later_label=_label(fields, rule.later),
            later=_show(late),
            **swap,
        )


def _swapped(cell: Cell, passes: Callable[[dt.date], bool]) -> dict[str, Any]:
    """What a rule's words for a swapped date name (``schema.types.SWAP``) when the cell's date
    with day and month exchanged would pass; {} when it would not, or cannot be swapped."""
    date = cell.value
    # Only a date Excel made of what was typed: text (29/12/2020, '05/01/2026) is read as
    # day/month already, and a day above 12 cannot have been read as a month.
    if not isinstance(cell.raw, dt.date) or not isinstance(date, dt.date):
        return {}
    if date.day > 12 or date.day == date.month:
        return {}
    typed = date.replace(month=date.day, day=date.month)
    if not passes(typed):
        return {}
    return {"shown": _show(date), "day": date.day, "month": date.month,
            "date_year": date.year, "typed": _show(typed), "iso": typed.isoformat()}  # fmt: skip


def _prefix_in(rule: PrefixIn, sub: Submission, fields: Fields, _: Tables) -> Iterator[Finding]:
    value = sub.value(rule.key)
    if value is None:
        return
    typed = vn.upper(value).strip()
    bare = next((p for p in rule.prefixes if typed.rstrip(". ") == p.rstrip(".")), None)
    if bare is not None:  # "KT." alone would print "KT." above the signer's own title
        yield _on_field(
            rule.severity,
            sub,
            fields,
            rule.key,
            "prefix_bare",
            rule.bare,
            prefixes=", ".join(rule.prefixes),
            prefix=bare,
        )
        return
    if typed.startswith(rule.prefixes):
        return
    yield _on_field(
        rule.severity,
        sub,
        fields,
        rule.key,
        "prefix",
        rule.words,
        prefixes=", ".join(f"«{p}»" for p in rule.prefixes),  # (not «TUQ..» at the end)
        prefix="",
    )


def _signs_alone(rule: SignsAlone, sub: Submission, fields: Fields, _: Tables) -> Iterator[Finding]:
    value, title = sub.value(rule.key), sub.value(rule.below)
    if not isinstance(value, str) or not isinstance(title, str):
        return
    authority, below = vn.signer_authority(vn.nfc(value)), vn.upper(" ".join(vn.nfc(title).split()))
    if below == authority:  # typed in both cells: printed once, nothing left out
        return
    if authority.startswith(rule.prefixes) and authority.rstrip(". ") not in (
        p.rstrip(".") for p in rule.prefixes
    ):  # (a prefix alone is PrefixIn's)
        yield _on_field(
            rule.severity,
            sub,
            fields,
            rule.below,
            "signs_alone",
            rule.words,
            authority=authority,
            title=below,
            key_label=_label(fields, rule.key),
        )


def _no_leading_word(
    rule: NoLeadingWord, sub: Submission, fields: Fields, _: Tables
) -> Iterator[Finding]:
    value = sub.value(rule.key)
    if not isinstance(value, str):
        return
    fixed = vn.request_subject(value)
    if fixed == value.strip():
        return
    fixed = fixed.rstrip(" .;,")
    yield _on_field(rule.severity, sub, fields, rule.key, "leading_word", rule.words, fixed=fixed)


def abolished_name(value: object, names: Sequence[str]) -> str | None:
    """The first of ``names`` (words in capitals) that ``value`` holds as whole words, whatever
    its case and the punctuation around it (``Phòng GD&ĐT;``); None if none."""
    if not isinstance(value, str):
        return None
    typed = f" {' '.join(_PUNCTUATION.sub(' ', _one_tone(vn.upper(value))).split())} "
    return next((name for name, toned in _toned(tuple(names)) if toned in typed), None)


@cache
def _toned(names: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Each name and its form for comparing (``_one_tone``, between spaces), made once a list."""
    return tuple((name, f" {_one_tone(name)} ") for name in names)


_PUNCTUATION = re.compile(r"[;,.:()\[\]\"«»]")
# Both places of a tone mark in oa, oe, uy, as clerks type them (HOÀ BÌNH, HÒA BÌNH): one
# form for comparing (both sides), not for showing.
_OLD_TONE = re.compile("O[ÀÁẢÃẠ]|O[ÈÉẺẼẸ]|U[ỲÝỶỸỴ]")
_NEW_TONE = dict(
    zip(
        ["OÀ", "OÁ", "OẢ", "OÃ", "OẠ", "OÈ", "OÉ", "OẺ", "OẼ", "OẸ", "UỲ", "UÝ", "UỶ", "UỸ", "UỴ"],
        ["ÒA", "ÓA", "ỎA", "ÕA", "ỌA", "ÒE", "ÓE", "ỎE", "ÕE", "ỌE", "ÙY", "ÚY", "ỦY", "ŨY", "ỤY"],
        strict=True,
    )
)


def _one_tone(text: str) -> str:
    return _OLD_TONE.sub(lambda found: _NEW_TONE[found.group()], text)


def since_text(since: tuple[int, int, int]) -> str:
    """``01/7/2025``: a date as the decree writes it."""
    day = dt.date(*since)
    return f"{vn.day_text(day.day)}/{vn.month_text(day.month)}/{day.year}"


def _dated_since(sub: Submission, date: str, since: tuple[int, int, int]) -> bool:
    value = sub.value(date)
    return isinstance(value, dt.date) and value >= dt.date(*since)


def _abolished_level(
    rule: AbolishedLevel, sub: Submission, fields: Fields, _: Tables
) -> Iterator[Finding]:
    if not _dated_since(sub, rule.date, rule.since):
        return
    found = abolished_name(sub.value(rule.key), rule.names)
    if found is None:
        return
    yield _on_field(
        rule.severity,
        sub,
        fields,
        rule.key,
        "abolished_level",
        rule.words,
        since=since_text(rule.since),
        found=found,
    )


def _abolished_level_rows(
    rule: AbolishedLevelRows, sub: Submission, _: Fields, tables: Tables
) -> Iterator[Finding]:
    if not _dated_since(sub, rule.date, rule.since):
        return
    for row in sub.rows(rule.table):
        cell = row.cells.get(rule.column, EMPTY)
        found = abolished_name(cell.value, rule.names)
        if found is not None:
            yield _on_column(
                rule.severity, tables, rule.table, rule.column, cell, "abolished_level",
                rule.words, since=since_text(rule.since), found=found,
            )  # fmt: skip


_CASE_FIXERS: dict[str, Callable[[str], str]] = {
    "body": vn.body_name,
    "person": vn.person_name,
    "place": vn.place_name,
}


def _proper_case(rule: ProperCase, sub: Submission, fields: Fields, _: Tables) -> Iterator[Finding]:
    value = sub.value(rule.key)
    if not isinstance(value, str):
        return
    fixed = _CASE_FIXERS[rule.kind](value)
    if fixed == " ".join(value.split()):
        return
    typed = "toàn chữ in hoa" if value == vn.upper(value) else "toàn chữ thường"
    yield _on_field(
        rule.severity,
        sub,
        fields,
        rule.key,
        "case",
        rule.words,
        typed=typed,
        shown=_show(fixed),
        fixed=fixed,
    )


def _unique_rows(rule: UniqueRows, sub: Submission, _: Fields, tables: Tables) -> Iterator[Finding]:
    rows = sub.rows(rule.table)
    if len(rows) < 2:  # nothing to repeat
        return
    sheet, table = tables[rule.table]
    columns = rule.columns
    # Rows alike when folded have the same consonants, and so the same ends of them
    # (``choices.consonant_ends``, cheap: a long text is not read through): a row whose ends no
    # other row shares is never a repeat nor repeated, and is not folded. The heads are taken
    # first, the tails only of rows whose heads another row shares (rows of the same ends have
    # the same heads): most tables have none.
    values = [[row.value(c) for row in rows] for c in columns]
    heads = [[_consonant_head(value) for value in column] for column in values]
    rough = heads[0] if len(heads) == 1 else list(zip(*heads, strict=True))
    counted = Counter(rough)
    alike = [i for i, head in enumerate(rough) if counted[head] > 1]
    if not alike:
        return
    ends = [[_consonant_ends(column[i]) for i in alike] for column in values]
    cheap = ends[0] if len(ends) == 1 else list(zip(*ends, strict=True))
    shared = Counter(cheap)
    seen: dict[tuple[str, ...], int] = {}
    for i, same in zip(alike, cheap, strict=True):
        if shared[same] == 1:
            continue
        row = rows[i]
        key = tuple(_fold(row.value(c)) for c in columns)
        if not any(key):
            continue
        if key in seen:
            first = row.cells[rule.columns[-1]]
            yield _finding(
                rule.severity,
                first,
                table.column(rule.columns[-1]).label,
                *_said(rule.words, row=seen[key], title=table.title),
                "duplicate",
                sheet.name,
            )
        else:
            seen[key] = row.number


def _fold(value: Any) -> str:
    return fold(str(value)) if value is not None else ""


def _consonant_ends(value: Any) -> tuple[bytes, bytes]:
    """``consonant_ends`` of what ``_fold`` folds, a short text's remembered (``_ENDS``)."""
    if type(value) is str and len(value) <= _SHORT:
        ends = _ENDS.get(value)
        if ends is None:
            ends = remember(_ENDS, value, consonant_ends(value), _ENDS_KEPT)
        return ends
    return consonant_ends(str(value)) if value is not None else (b"", b"")


def _consonant_head(value: Any) -> bytes:
    """``_consonant_ends(value)[0]``, a long text's without its tail (``consonant_head``)."""
    if type(value) is str and len(value) <= _SHORT:
        return _consonant_ends(value)[0]
    return consonant_head(str(value)) if value is not None else b""


# The ends of short texts, made once per merge rather than per file: the columns of repeated rows
# hold the same few short texts in every workbook (channels, kinds of follow-ups, recipients).
# Long texts (free writing, seldom the same) are not kept; forgotten when full.
_SHORT = SHORT
_ENDS_KEPT = 4096
_ENDS: dict[str, tuple[bytes, bytes]] = {}


def _last_row(
    rule: LastRowStartsWith, sub: Submission, _: Fields, tables: Tables
) -> Iterator[Finding]:
    rows = sub.rows(rule.table)
    last = rows[-1].cells.get(rule.column, EMPTY) if rows else EMPTY
    text = (last.value or "").lstrip("-– ").strip()
    if caseless(text).startswith(caseless(rule.prefix)):
        return
    yield _on_column(
        rule.severity, tables, rule.table, rule.column, last, "last_row", rule.words,
        title=tables[rule.table][1].title, prefix=rule.prefix,
    )  # fmt: skip


def _not_zero(rule: NotZero, sub: Submission, fields: Fields, _: Tables) -> Iterator[Finding]:
    if sub.value(rule.key) == 0:
        yield _on_field(rule.severity, sub, fields, rule.key, "not_zero", rule.words)


# Day numbers of 2000-01-01 and 2099-12-31 in Excel's count (serial 1 is 1900-01-01).
_DATE_SERIALS = range(36526, 73051)


def _not_a_date(
    rule: NotADate, sub: Submission, fields: Fields, tables: Tables
) -> Iterator[Finding]:
    cells = [(sub.cell(key), _label(fields, key)) for key in rule.keys]
    for column in rule.columns:
        label = next((c.label for c in tables[rule.table][1].columns if c.key == column), column)
        cells.extend((row.cells.get(column, EMPTY), label) for row in sub.rows(rule.table))
    for cell, label in cells:
        # (a number typed as text was typed so: only a cell holding a number was made of a date)
        if type(cell.value) is int and cell.value in _DATE_SERIALS and type(cell.raw) is float:
            date = _show(to_date(cell.value))
            yield _finding(rule.severity, cell, label, *_said(rule.words, date=date), "not_a_date")


def _day_first(rule: DayFirst, sub: Submission, fields: Fields, _: Tables) -> Iterator[Finding]:
    cells = [(key, sub.cell(key)) for key in rule.keys]
    evidence = next(((k, c) for k, c in cells if _day_first_text(c)), None)
    if evidence is None:
        return
    for key, cell in cells:
        swap = _swapped(cell, lambda _: True)
        if swap:
            yield _on_field(
                rule.severity, sub, fields, key, "day_first", rule.words,
                text_label=_label(fields, evidence[0]), text=clean_text(evidence[1].raw), **swap,
            )  # fmt: skip


def _not_long_after_saved(
    rule: NotLongAfterSaved, sub: Submission, fields: Fields, _: Tables
) -> Iterator[Finding]:
    if sub.saved is None:
        return
    limit = sub.saved + dt.timedelta(days=rule.days)
    for key in rule.keys:
        cell = sub.cell(key)
        if not isinstance(cell.value, dt.date) or cell.value <= limit:
            continue
        swap = _swapped(cell, lambda day: day <= limit)
        if swap:
            yield _on_field(
                rule.severity, sub, fields, key, "after_saved", rule.words,
                saved=_show(sub.saved), days=rule.days, **swap,
            )  # fmt: skip


def _day_first_text(cell: Cell) -> bool:
    """A date kept as text that an Excel reading day first would have made a date of."""
    date = cell.value
    return (
        isinstance(cell.raw, str)
        and isinstance(date, dt.date)
        and date.day > 12
        and bool(_DAY_FIRST_TEXT.match(cell.raw.strip()))
    )


_DAY_FIRST_TEXT = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$")


def _ref(cell: Cell) -> str:
    return f"{cell.ref.sheet}!{cell.ref.cell}" if cell.ref else ""


_RULES: dict[type, Callable[..., Iterator[Finding]]] = {
    AbolishedLevel: _abolished_level,
    AbolishedLevelRows: _abolished_level_rows,
    NotGreater: _not_greater,
    MinRows: _min_rows,
    Pattern: _pattern,
    DateInYear: _date_in_year,
    DateNotAfter: _date_not_after,
    PrefixIn: _prefix_in,
    SignsAlone: _signs_alone,
    NoLeadingWord: _no_leading_word,
    ProperCase: _proper_case,
    UniqueRows: _unique_rows,
    LastRowStartsWith: _last_row,
    NotZero: _not_zero,
    NotADate: _not_a_date,
    DayFirst: _day_first,
    NotLongAfterSaved: _not_long_after_saved,
}
if set(_RULES) != set(typing.get_args(Rule)):  # a bug: a rule type added without its check
    raise RuntimeError("every rule type of schema.Rule needs a check in validation._RULES")


# --- The district workbook's own rules -----------------------------------------------------------

REQUEST_KEYS = (
    "request_kind",
    "request_number",
    "request_date",
    "request_issuer",
    "request_subject",
)
REQUEST_NEEDED = REQUEST_KEYS[1:]  # the kind defaults to «Công văn»


def district_findings(sub: Submission, fields: Fields) -> Iterator[Finding]:
    """The request from the level above is cited in full (number, date, issuer, subject) or not
    at all: a citation in part would print a broken preamble."""
    if all(sub.cell(key).empty for key in REQUEST_KEYS):
        return
    for key in REQUEST_NEEDED:
        if sub.cell(key).empty:
            yield _finding(
                Severity.ERROR,
                sub.cell(key),
                _label(fields, key),
                "Chưa điền: văn bản yêu cầu của cấp trên đã ghi một phần, cần đủ số, ngày, "
                "cơ quan ban hành và trích yếu để dẫn trong báo cáo",
                "Điền ô này, hoặc xóa hết các dòng «Văn bản yêu cầu» nếu không có văn bản",
                "request_partial",
                fields[key][0].name if key in fields else "",
            )


def has_errors(findings: list[Finding]) -> bool:
    return any(f.is_error for f in findings)


def summary(findings: list[Finding]) -> tuple[int, int]:
    """(errors, warnings)."""
    errors = sum(f.is_error for f in findings)
    return errors, len(findings) - errors
