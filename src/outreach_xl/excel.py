"""The xlwings entry points behind the workbooks' buttons (``xl_macros/*.bas`` call these).

School workbook: ``validate()`` (``Kiểm tra dữ liệu``), ``generate_report()`` (``Tạo báo cáo
Word``). District workbook: ``rollup()`` (``Tổng hợp các trường``), ``district_report()`` (``Tạo
báo cáo tổng hợp``).

Each reads the open workbook through ``xw.Book.caller()``, unsaved edits included: every sheet's
values from A1 become the grids that ``core.parse.read_grids`` parses, the same path as the command
line. Only the xlwings API both engines share is used (desktop Excel through ``RunPython``, and
the remote engine the tests drive), so colours are only ever set, never read: the cells marked by
the last check are found again from the ``Kiểm tra`` sheet's own rows.

Excel coerces what ``Range.Value`` writes as if it were typed: ``80512106`` becomes a number,
``0123`` loses its zero, ``1/2`` becomes a date, ``=...`` a formula. Every text column written here
gets the text number format (``@``) before its values, and text starting like a formula also a
leading ``'`` (``_text``); ``tests/excel/remote.py`` replays the writes through that rule.

Nothing here needs pandas or numpy: a click starts a new Python, and xlwings imports them when they
are installed (before our code: Excel's command starts with ``import xlwings.utils``), so the
package does not depend on them.

Every error reaches the user as a Vietnamese message box (``entry_point``), never a traceback; when
no box can be shown, the message goes to a UTF-8 file whose path is printed (``_last_resort``).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import xlwings as xw

from outreach_xl.core.formats import nfc
from outreach_xl.core.model import Submission
from outreach_xl.core.parse import SCHEMAS, Grid, read_grids
from outreach_xl.core.validation import Finding, summary
from outreach_xl.core.validation import validate as check
from outreach_xl.errors import InputTooLarge, OutputError, ValidationFailed
from outreach_xl.files.output import write_atomic
from outreach_xl.schema import DISTRICT, LIMITS, SCHOOL, WorkbookSchema

TITLE = "outreach-xl"
CHECK_SHEET = "Kiểm tra"
CHECK_HEADERS = ("Mức độ", "Trang", "Ô", "Mục", "Giá trị", "Vấn đề", "Cách sửa")
CHECK_WIDTHS = (10, 18, 8, 30, 24, 50, 50)
CHECK_HEADER_ROW = 3  # 1-based; findings start on the row below
CHECK_LINK_COLUMN = 3  # «Ô»: a HYPERLINK formula, which a text-formatted cell would show as text
CHECK_TEXT_COLUMNS = tuple(i for i in range(1, len(CHECK_HEADERS) + 1) if i != CHECK_LINK_COLUMN)
TEXT_FORMAT = "@"  # Excel's text number format: what is written stays as written
ERROR_FILL = "#FFC7CE"
WARNING_FILL = "#FFEB9C"
MAX_MESSAGE = 900  # characters in a message box; the rest is on the Kiểm tra sheet
MAX_LISTED = 8
_A1 = re.compile(r"^\$?([A-Z]{1,3})\$?(\d{1,7})$")
_FORMULA_START = ("=", "+", "-", "@")


# --- The guard every entry point runs in ---------------------------------------------------------


def entry_point(func: Callable[[Any], str | None]) -> Callable[[], None]:
    """Run ``func(book)`` on the calling workbook; show its message, or any error, in a box."""

    @functools.wraps(func)
    def run() -> None:
        book = None
        try:
            book = xw.Book.caller()
            message = func(book)
        except Exception as exc:  # OutreachError and, as the last guard, any bug
            _alert(book, user_message(exc), critical=True)
        else:
            if message:
                _alert(book, message)
        finally:
            _status(book, None)

    return run


def user_message(exc: BaseException) -> str:
    """What a user reads for an error: ours say where and how to fix; a bug says whom to ask."""
    from outreach_xl.errors import OutreachError

    if isinstance(exc, OutreachError):
        return exc.user_message()
    from outreach_xl.errors import unexpected_message

    return unexpected_message("Lỗi không mong đợi trong chương trình")


def _alert(book: Any, text: str, critical: bool = False) -> None:
    if len(text) > MAX_MESSAGE:
        text = text[: MAX_MESSAGE - 1] + "…"
    mode = "critical" if critical else "info"
    for app in _apps(book):
        try:
            app.alert(text, title=TITLE, mode=mode)
            return
        except Exception:  # no Excel to talk to: try the next, then stderr
            continue
    _last_resort(text)
    raise SystemExit(1)


LOG_NAME = "outreach-xl-loi.txt"


def _last_resort(text: str, folder: Path | None = None) -> Path | None:
    """Both message boxes failed: keep the message in a UTF-8 file and print where it is.

    xlwings shows what a failed ``RunPython`` wrote to stderr, but Python writes a redirected
    stderr in the ANSI code page (Vietnamese letters become ``\\u1ec5`` escapes) and VBA reads it
    back in that code page. So the message is appended to ``outreach-xl-loi.txt`` in the temporary
    folder (UTF-8 with a BOM, which Notepad opens right), and stderr gets, as UTF-8 bytes, the
    file's path (its 8.3 short form where the path does not fit the ANSI code page, so the popup
    shows it legibly) and the message. Returns the file, or ``None`` when it could not be written.
    """
    import tempfile

    target = (folder or Path(tempfile.gettempdir())) / LOG_NAME
    stamp = dt.datetime.now().strftime("%H:%M:%S %d/%m/%Y")
    log: Path | None = target
    try:
        with open(target, "a", encoding="utf-8-sig", newline="\r\n") as handle:
            handle.write(f"[{stamp}] {text}\n")
    except OSError:
        log = None
    head = f"outreach-xl: xem thông báo lỗi trong tệp {_legible(log)}\n" if log else ""
    message = f"{head}{text}\n"
    stream = getattr(sys.stderr, "buffer", None)
    if stream is not None:
        stream.write(message.encode("utf-8"))
        stream.flush()
    else:  # a stderr without bytes (a test's capture)
        sys.stderr.write(message)
    return log


def _legible(path: Path) -> str:
    """``path`` in a form an ANSI reader shows right (the 8.3 form where it has accents)."""
    try:  # this is the last resort: a broken install must not cost the message
        from outreach_xl.xlsx.macro_workbook import ansi_path

        return ansi_path(str(path))
    except Exception:
        return str(path)


def _apps(book: Any) -> Iterable[Any]:
    if book is not None:
        yield book.app
    try:
        yield xw.apps.active
    except Exception:
        return


def _status(book: Any, text: str | None) -> None:
    """Excel's status bar (``None`` gives it back to Excel); a no-op where there is none."""
    if book is None:
        return
    with contextlib.suppress(Exception):  # the remote engine has no status bar
        book.app.status_bar = text if text is not None else False


# --- Reading the open workbook -------------------------------------------------------------------


def sheet_grid(sheet: Any) -> list[list[Any]]:
    """A sheet's values from A1 to the end of its used range; empty cells are None."""
    last = sheet.used_range.last_cell
    rows, cols = last.row, last.column
    if rows > LIMITS.max_rows:
        raise InputTooLarge(
            f"Trang có quá nhiều dòng ({rows}, tối đa {LIMITS.max_rows})",
            fix="Xóa các dòng thừa ở cuối trang (chọn các dòng, bấm chuột phải, Xóa) rồi lưu",
            sheet=sheet.name,
        )
    values = sheet.range((1, 1), (rows, cols)).options(ndim=2).value
    return [["" if v is None else v for v in row] for row in values]


def book_grids(book: Any, names: Iterable[str]) -> dict[str, Grid]:
    """The grids of the named sheets that the workbook has (names compared in NFC)."""
    wanted = {nfc(n) for n in names}
    return {nfc(s.name): sheet_grid(s) for s in book.sheets if nfc(s.name) in wanted}


def _sheets_of(*schemas: WorkbookSchema) -> set[str]:
    return {s.name for schema in schemas for s in schema.sheets if s.kind in ("input", "meta")}


def read_book(
    book: Any, expect: WorkbookSchema | None, extra: Iterable[str] = ()
) -> tuple[Submission, dict[str, Grid]]:
    """The open workbook as a Submission (through ``read_grids``), and the grids it came from."""
    schemas = (expect,) if expect is not None else (SCHOOL, DISTRICT)
    grids = book_grids(book, _sheets_of(*schemas) | set(extra))
    return read_grids(grids, book.name, expect, dt.date.today()), grids


def _sheet(book: Any, name: str) -> Any | None:
    return next((s for s in book.sheets if nfc(s.name) == nfc(name)), None)


def _sheet_or_add(book: Any, name: str, after: str) -> Any:
    """The named sheet, cleared; created after ``after`` (or last) when missing."""
    sheet = _sheet(book, name)
    if sheet is None:
        anchor = _sheet(book, after)
        return book.sheets.add(name, after=anchor if anchor is not None else book.sheets[-1])
    sheet.clear()
    return sheet


def book_folder(book: Any) -> Path:
    """The folder of the open workbook; an error a user can act on when it has none."""
    full = str(book.fullname or "")
    if "://" in full:
        raise OutputError(
            "Tệp đang mở từ OneDrive/SharePoint (địa chỉ web), chương trình không ghi được tệp "
            "vào đó",
            fix="Chọn Tệp > Lưu thành, lưu một bản vào một thư mục trên máy rồi bấm lại nút",
            file=book.name,
        )
    path = Path(full)
    if not path.is_absolute() or not path.suffix:
        raise OutputError(
            "Tệp chưa được lưu nên chưa biết ghi kết quả vào thư mục nào",
            fix="Lưu tệp (Ctrl+S) vào một thư mục rồi bấm lại nút",
            file=book.name,
        )
    return path.parent


def free_name(path: Path) -> Path:
    """``path``, or ``stem_2``, ``stem_3``... when taken: an earlier report is never overwritten."""
    if not path.exists():
        return path
    for number in range(2, 1000):
        candidate = path.with_name(f"{path.stem}_{number}{path.suffix}")
        if not candidate.exists():
            return candidate
    raise OutputError(
        "Thư mục đã có quá nhiều báo cáo cùng tên",
        fix="Xóa hoặc chuyển bớt các tệp báo cáo cũ",
        file=str(path),
    )


def _text(value: Any) -> Any:
    """Text Excel must show as typed: a leading ``'`` keeps ``=1+1`` from becoming a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


# --- Kiểm tra dữ liệu ----------------------------------------------------------------------------


def marked_cells(grid: Grid | None) -> set[tuple[str, str]]:
    """(sheet, cell) of each finding row of an earlier ``Kiểm tra`` sheet: the cells it marked."""
    cells: set[tuple[str, str]] = set()
    for row in (grid or [])[CHECK_HEADER_ROW:]:
        if len(row) < 3 or not isinstance(row[1], str) or not isinstance(row[2], str):
            continue
        match = _A1.match(row[2].strip())
        if match:
            cells.add((nfc(row[1].strip()), f"{match.group(1)}{match.group(2)}"))
    return cells


def link_formula(sheet: str, cell: str) -> str:
    """``=HYPERLINK("#'Sheet'!C5","C5")``: a click takes the user to the cell."""
    target = f"#'{sheet.replace(chr(39), chr(39) * 2)}'!{cell or 'A1'}"
    shown = cell or "(cả trang)"
    return f'=HYPERLINK("{target.replace(chr(34), chr(34) * 2)}","{shown}")'


def show_findings(
    book: Any,
    schema: WorkbookSchema,
    findings: Sequence[Finding],
    previous: Grid | None,
    *,
    activate: bool = True,
) -> None:
    """Write the findings into ``Kiểm tra``, mark the bad input cells, unmark the fixed ones."""
    inputs = {nfc(s.name): s.name for s in schema.input_sheets()}
    marks: dict[tuple[str, str], str] = {}
    for f in findings:
        key = (nfc(f.sheet), f.cell)
        if key[0] in inputs and _A1.match(f.cell or "") and marks.get(key) != ERROR_FILL:
            marks[key] = ERROR_FILL if f.is_error else WARNING_FILL
    fixed = sorted(c for c in marked_cells(previous) - set(marks) if c[0] in inputs)
    if fixed:  # the builder (and XlsxWriter) only when there are cells to give their fill back
        from outreach_xl.xlsx.builder import INPUT_FILL

        for sheet_name, cell in fixed:
            _paint(book, sheet_name, cell, INPUT_FILL)
    for (sheet_name, cell), fill in sorted(marks.items()):
        _paint(book, sheet_name, cell, fill)
    last_input = schema.input_sheets()[-1].name
    sheet = _sheet_or_add(book, CHECK_SHEET, after=last_input)
    errors, warnings = summary(list(findings))
    stamp = dt.datetime.now().strftime("%H:%M %d/%m/%Y")
    if findings:
        line = f"{errors} lỗi, {warnings} cảnh báo (kiểm tra lúc {stamp}). Bấm vào ô ở cột «Ô» "
        line += "để đến chỗ cần sửa; ô lỗi được tô đỏ, ô cảnh báo tô vàng."
    else:
        line = f"Không thấy lỗi nào (kiểm tra lúc {stamp})."
    sheet.range("A1").value = [["KẾT QUẢ KIỂM TRA DỮ LIỆU"], [line]]
    rows: list[list[Any]] = [list(CHECK_HEADERS)]
    for f in findings:
        kind = "Lỗi" if f.is_error else "Cảnh báo"
        rows.append(
            [kind, f.sheet, f.cell, f.label, _text(f.value), _text(f.message), _text(f.fix)]
        )
    if findings:  # text stays text: a value "0123" or "1/2" is shown as the user typed it
        last_row = CHECK_HEADER_ROW + len(findings)
        for index in CHECK_TEXT_COLUMNS:
            body = sheet.range((CHECK_HEADER_ROW + 1, index), (last_row, index))
            body.number_format = TEXT_FORMAT
    sheet.range((CHECK_HEADER_ROW, 1)).value = rows
    if findings:
        first = CHECK_HEADER_ROW + 1
        links = [[link_formula(f.sheet, f.cell)] for f in findings]
        column = CHECK_LINK_COLUMN
        sheet.range((first, column), (first + len(findings) - 1, column)).formula = links
    sheet.range("A1").font.bold = True
    sheet.range((CHECK_HEADER_ROW, 1), (CHECK_HEADER_ROW, len(CHECK_HEADERS))).color = "#DDEBF7"
    for index, width in enumerate(CHECK_WIDTHS, start=1):
        sheet.range((1, index)).column_width = width
    if activate:
        sheet.activate()


def _paint(book: Any, sheet_name: str, cell: str, fill: str) -> None:
    sheet = _sheet(book, sheet_name)
    if sheet is not None:
        sheet.range(cell).color = fill


def _findings_message(findings: Sequence[Finding], head: str) -> str:
    listed = [f"- {f.user_message()}" for f in findings[:MAX_LISTED]]
    more = len(findings) - MAX_LISTED
    if more > 0:
        listed.append(f"... và {more} mục nữa.")
    return "\n".join([head, *listed, f"Xem đủ ở trang «{CHECK_SHEET}»."])


@entry_point
def validate(book: Any) -> str:
    """``Kiểm tra dữ liệu``: check the open workbook and list what to fix in ``Kiểm tra``."""
    sub, grids = read_book(book, None, [CHECK_SHEET])
    schema = SCHEMAS[sub.template_id]
    findings = check(sub, schema)
    show_findings(book, schema, findings, grids.get(CHECK_SHEET))
    errors, warnings = summary(findings)
    if not findings:
        return "Không thấy lỗi nào. Có thể bấm «Tạo báo cáo Word»."
    return _findings_message(findings, f"Có {errors} lỗi và {warnings} cảnh báo:")


# --- Tạo báo cáo Word ----------------------------------------------------------------------------


@entry_point
def generate_report(book: Any) -> str:
    """``Tạo báo cáo Word``: the school's report, written next to the workbook."""
    from outreach_xl.app.school import default_report_name, write_school_report

    sub, grids = read_book(book, SCHOOL, [CHECK_SHEET])
    findings = check(sub, SCHOOL)
    errors, warnings = summary(findings)
    if errors:
        show_findings(book, SCHOOL, findings, grids.get(CHECK_SHEET))
        raise ValidationFailed(
            _findings_message(
                [f for f in findings if f.is_error],
                f"Chưa làm được báo cáo: tệp còn {errors} lỗi. Sửa các ô tô đỏ rồi bấm lại:",
            )
        )
    folder = book_folder(book)
    target = free_name(folder / default_report_name(sub))
    result = write_school_report(sub, target)
    if grids.get(CHECK_SHEET) or findings:
        show_findings(book, SCHOOL, findings, grids.get(CHECK_SHEET), activate=False)
    note = f"\n(Còn {warnings} cảnh báo, xem trang «{CHECK_SHEET}».)" if warnings else ""
    return f"Đã tạo báo cáo Word:\n{result.docx}{note}"


# --- Tổng hợp các trường -------------------------------------------------------------------------


def _district(book: Any, extra: Iterable[str] = ()) -> tuple[Any, dict[str, Grid]]:
    from outreach_xl.core.district_report import district_from

    sub, grids = read_book(book, DISTRICT, extra)
    district = district_from(sub, check(sub, DISTRICT))
    return district, grids


def schools_folder(setting: str, book_dir: Path) -> Path:
    """The folder of the schools' files: the setting (relative to the workbook), else its own."""
    folder = Path(setting.strip().strip('"')) if setting.strip() else book_dir
    return folder if folder.is_absolute() else book_dir / folder


@entry_point
def rollup(book: Any) -> str:
    """``Tổng hợp các trường``: the schools' files merged into ``Tổng hợp``, ``Tình trạng nộp``."""
    from outreach_xl.app.district import (
        previous_rollup_paths,
        read_previous_rollup,
        register_warnings,
        require_config,
        require_register,
    )
    from outreach_xl.core.merge import summary_line
    from outreach_xl.core.year_over_year import compare, former_note
    from outreach_xl.errors import InputNotFound
    from outreach_xl.files.folder import LOCK_PREFIX, relative, rollup_folder

    district, _ = _district(book)
    require_register(district, book.name, again="bấm lại")
    require_config(district, book.name, for_merge=True, again="bấm lại")
    here = book_folder(book)
    folder = schools_folder(district.config.schools_folder, here)
    if not folder.is_dir():
        raise InputNotFound(
            "Không tìm thấy thư mục chứa tệp của các trường",
            fix="Sửa ô «Thư mục chứa tệp của các trường» ở trang «Cấu hình» (để trống thì dùng "
            "thư mục của tệp này)",
            file=str(folder),
        )

    def progress(done: int, total: int) -> None:
        _status(book, f"outreach-xl: đang đọc tệp của các trường {done}/{total}...")

    own = here / Path(book.fullname).name
    last_year = previous_rollup_paths(district, None, here)
    before = read_previous_rollup(last_year, district) if last_year else None
    result = rollup_folder(
        folder, district.register, year=district.config.report_year,
        exclude=(own, *last_year), progress=progress,
    )  # fmt: skip
    # Excel's lock file of this very workbook is not a school's: leave it out of the tracker.
    lock = relative(here / f"{LOCK_PREFIX}{own.name}", folder)
    result = dataclasses.replace(result, files=tuple(f for f in result.files if f.file != lock))
    if before is not None:
        result = compare(result, before[0], former=before[1])
    _status(book, "outreach-xl: đang ghi kết quả...")
    write_rollup_sheets(book, result, district.config.unit_name, district.config.managing_body)
    compared = (
        f"\n{former_note(result.previous, result.registered)}"
        if result.previous and result.previous.former
        else ""
    ) + (
        f"\nSo sánh với năm {result.previous.year}: {len(result.previous.lapsed)} trường năm "
        "trước đã nộp, năm nay chưa nộp (trang «Tình trạng nộp», mục C)."
        if result.previous
        else ""
    )
    warned = "".join(f"\n{line}" for line in register_warnings(district))
    return (
        f"Đã tổng hợp thư mục {folder}.\n{summary_line(result)}{compared}{warned}\n"
        "Kết quả ở trang «Tổng hợp» và «Tình trạng nộp». Lưu tệp (Ctrl+S) để giữ kết quả."
    )


def write_rollup_sheets(book: Any, result: Any, unit: str, managing_body: str = "") -> None:
    """The roll-up into ``Tổng hợp`` and the tracker into ``Tình trạng nộp``, where the roll-up
    file has them (``xlsx.rollup_layout``), so ``rows_from_grid`` reads the table back.

    Text columns (school code, name, file...) are formatted as text before they are written, so
    Excel keeps ``80512106`` and ``0123`` as typed instead of turning them into numbers.
    """
    from outreach_xl.core.merge import summary_line
    from outreach_xl.schema import STATUS_COLUMNS, CellKind
    from outreach_xl.xlsx import rollup_layout as layout
    from outreach_xl.xlsx.rollup_workbook import (
        CHANGE_FORMAT,
        HEAD_FILL,
        NO_ENTRIES,
        columns_of,
        compared_note,
        heading,
        meta_cells,
        rate_notes,
        shown,
        status_heading,
        status_sections,
        total_label,
    )

    def at(row: int, col: int = 0) -> tuple[int, int]:
        """A layout's 0-based cell as xlwings counts it."""
        return row + 1, col + 1

    table_at, status_at = layout.TABLE, layout.STATUS
    note = (f"{unit}. " if unit else "") + summary_line(result)
    cols = columns_of(result)
    last = len(cols) - 1
    sheet = _sheet_or_add(book, layout.ROLLUP_SHEET, after="Danh sách trường")
    sheet.range(at(table_at.title)).value = [[heading(result, unit)]]
    sheet.range(at(table_at.note)).value = [[note + compared_note(result)]]
    meta = meta_cells(result, unit, managing_body)
    sheet.range(at(table_at.keys)).value = [[c.key for c in cols] + meta]
    sheet.range(at(table_at.groups)).value = [[c.group or None for c in cols] + [None] * len(meta)]
    sheet.range(at(table_at.headings)).value = [[c.heading for c in cols] + [None] * len(meta)]
    total_row = table_at.total(len(result.rows))
    for index, col in enumerate(cols):
        sheet.range(at(table_at.title, index)).column_width = col.width
        body = sheet.range(at(table_at.first, index), at(total_row, index))
        if col.kind == CellKind.RATE:
            body.number_format = "0.0%"
        elif col.kind == CellKind.CHANGE:
            body.number_format = CHANGE_FORMAT
        elif col.kind == CellKind.DATE:
            body.number_format = "dd/mm/yyyy"
        elif col.kind == CellKind.TEXT:
            body.number_format = TEXT_FORMAT
    table = [[_text(shown(c, row.get(c.key))) for c in cols] for row in result.rows]
    if table:
        sheet.range(at(table_at.first)).value = table
    start = next(i for i, c in enumerate(cols) if c.total)
    totals = [total_label(result), *([None] * (start - 1))]
    totals += [_text(shown(c, result.totals.get(c.key), total=True)) for c in cols[start:]]
    sheet.range(at(total_row)).value = [totals]
    for offset, line in enumerate(rate_notes(result), start=1):  # as the file has them
        sheet.range(at(total_row + offset)).value = [[line]]
    sheet.range(at(table_at.keys), at(table_at.keys, last)).row_height = 0  # hidden
    sheet.range(at(table_at.title)).font.bold = True
    sheet.range(at(table_at.headings), at(table_at.headings, last)).color = HEAD_FILL

    status = _sheet_or_add(book, layout.STATUS_SHEET, after=layout.ROLLUP_SHEET)
    status.range(at(status_at.title)).value = [[status_heading(result)]]
    status.range(at(status_at.note)).value = [[note]]
    width = len(STATUS_COLUMNS)
    sections = status_sections(result)
    for (title, entries), row in zip(
        sections, status_at.sections([len(e) for _, e in sections]), strict=True
    ):
        status.range(at(row)).value = title
        if entries:
            for index, col in enumerate(STATUS_COLUMNS):
                if col.kind == CellKind.TEXT:
                    body = status.range(at(row + 2, index), at(row + 1 + len(entries), index))
                    body.number_format = TEXT_FORMAT
        lines: list[list[Any]] = [[c.heading for c in STATUS_COLUMNS]]
        lines += [
            [_text(e.row(seq)[c.key]) for c in STATUS_COLUMNS]
            for seq, e in enumerate(entries, start=1)
        ]
        status.range(at(row + 1)).value = lines
        status.range(at(row + 1), at(row + 1, width - 1)).color = HEAD_FILL
        if not entries:
            status.range(at(row + 2)).value = NO_ENTRIES
    for index, col in enumerate(STATUS_COLUMNS):
        status.range(at(status_at.title, index)).column_width = col.width
    status.range(at(status_at.title)).font.bold = True
    sheet.activate()


# --- Tạo báo cáo tổng hợp ------------------------------------------------------------------------


@entry_point
def district_report(book: Any) -> str:
    """``Tạo báo cáo tổng hợp``: the district's Word report from the ``Tổng hợp`` sheet."""
    from outreach_xl.app.district import (
        district_report_name,
        render_district_report,
        require_config,
    )
    from outreach_xl.core.merge import rollup_from_rows
    from outreach_xl.core.year_over_year import with_previous
    from outreach_xl.xlsx.rollup_layout import ROLLUP_SHEET
    from outreach_xl.xlsx.rollup_workbook import previous_from_grid, rows_from_grid

    district, grids = _district(book, [ROLLUP_SHEET])
    require_config(district, book.name, again="bấm lại")
    rows = rows_from_grid(grids.get(nfc(ROLLUP_SHEET), []))
    if not rows:
        raise ValidationFailed(
            f"Trang «{ROLLUP_SHEET}» chưa có kết quả tổng hợp",
            fix="Bấm nút «Tổng hợp các trường» trước, rồi bấm lại nút này",
            file=book.name,
            sheet=ROLLUP_SHEET,
        )
    config = district.config
    rollup = rollup_from_rows(rows, config.report_year)
    previous = previous_from_grid(grids.get(nfc(ROLLUP_SHEET), []))
    if previous is not None:
        rollup = with_previous(rollup, previous)
    data = render_district_report(config, rollup)
    folder = book_folder(book)
    target = free_name(folder / district_report_name(config.report_year))
    written = write_atomic(target, data)
    return f"Đã tạo báo cáo tổng hợp:\n{written}"


__all__ = [
    "district_report",
    "generate_report",
    "rollup",
    "validate",
]
