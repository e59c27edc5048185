"""The district's use cases: read its workbook, merge a folder, write the roll-up and the report.

The pure parts (configuration, register, the report's context) are in ``core.district_report``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from outreach_xl.core.district_report import (
    DISTRICT_TEMPLATE,
    District,
    DistrictConfig,
    district_from,
    report_context,
)
from outreach_xl.core.merge import (
    FileStatus,
    Rollup,
    SchoolStatus,
    reported_phrase,
    rollup_from_rows,
    rule_sentence,
)
from outreach_xl.core.validation import Finding, validate
from outreach_xl.core.year_over_year import (
    check_previous,
    compare,
    former_note,
    in_common,
    in_common_of,
    unit_identity,
    unit_shown,
    with_previous,
)
from outreach_xl.errors import (
    InputNotFound,
    NotOurWorkbook,
    OutreachError,
    UnreadableFile,
    ValidationFailed,
)
from outreach_xl.files.folder import Progress, find_files, rollup_folder
from outreach_xl.files.output import (
    check_target,
    output_path,
    refuse_inputs,
    same_file,
    write_atomic,
)
from outreach_xl.files.reader import load_grids, read_file
from outreach_xl.schema import (
    DISTRICT,
    DISTRICT_CONFIG,
    DISTRICT_REGISTER,
    DISTRICT_REPORT_PREFIX,
)
from outreach_xl.xlsx.rollup_workbook import (
    ROLLUP_SHEET,
    previous_from_grid,
    rollup_meta,
    rows_from_grid,
    write_rollup,
)


def read_district(path: str | os.PathLike[str]) -> District:
    """Read and check a district workbook; raises ``ValidationFailed`` if the register is empty.

    Its findings come with it: ``district-report`` refuses any error (``require_config``),
    ``rollup`` the errors of what a merge needs (``MERGE_NEEDS``)."""
    file = Path(path)
    sub = read_file(file, expect=DISTRICT)
    district = district_from(sub, validate(sub, DISTRICT))
    require_register(district, file.name)
    return district


class ConfigBlocked(ValidationFailed):
    """The district workbook still has errors; ``findings`` lists them, and so does the message."""

    def __init__(
        self, findings: list[Finding], source: str, what: str, again: str = "chạy lại lệnh"
    ) -> None:
        super().__init__(
            f"Chưa {what} được: tệp tổng hợp còn {len(findings)} lỗi",
            fix="Sửa các lỗi dưới đây ở trang «Cấu hình» và «Danh sách trường», lưu lại rồi "
            + again,
            file=source,
        )
        self.findings = findings

    def user_message(self) -> str:
        return super().user_message() + "".join(f"\n  - {f.user_message()}" for f in self.findings)


# What a merge cannot do without: the year (a file of another year never enters the totals) and a
# register without errors. Other errors of «Cấu hình» are listed, and stop only the report.
MERGE_NEEDS = ("report_year",)


def require_config(
    district: District, source: str, *, for_merge: bool = False, again: str = "chạy lại lệnh"
) -> None:
    """Refuse, listing them, the district workbook's errors (for a merge: those it needs)."""
    errors = district.errors
    if for_merge:
        register = DISTRICT_REGISTER.name
        errors = [
            f
            for f in errors
            if f.sheet == register or any(f.label == _label(k) for k in MERGE_NEEDS)
        ]
    if errors:
        what = "tổng hợp" if for_merge else "làm báo cáo tổng hợp"
        raise ConfigBlocked(errors, source, what, again)


def _label(key: str) -> str:
    return DISTRICT.fields()[key][1].label


def schools_folder(setting: str, register: Path) -> Path:
    """The folder of the schools' files: the «Cấu hình» setting (relative to the district
    workbook), else the workbook's own folder."""
    here = register.resolve().parent
    folder = Path(setting.strip().strip('"')) if setting.strip() else here
    return folder if folder.is_absolute() else here / folder


def require_register(district: District, source: str, *, again: str = "chạy lại") -> None:
    """A merge needs the register: refuse, saying where to fill it, when it has no school."""
    if not district.register:
        raise ValidationFailed(
            "Trang «Danh sách trường» chưa có trường nào",
            fix=f"Điền mỗi trường một dòng (mã trường, tên trường) rồi {again}",
            file=source,
            sheet="Danh sách trường",
        )


def read_rollup(path: str | os.PathLike[str], year: int | None = None) -> Rollup:
    """A roll-up workbook written by ``rollup`` back into a Rollup (its ``Tổng hợp`` table),
    with last year's totals when it was compared with last year's."""
    return _read_rollup(path, year)[0]


def _read_rollup(
    path: str | os.PathLike[str], year: int | None = None
) -> tuple[Rollup, dict[str, Any]]:
    """The Rollup of a roll-up file and what its key row says of it (``rollup_meta``)."""
    file = Path(path)
    grids = load_grids(file, [ROLLUP_SHEET])
    grid = grids.get(ROLLUP_SHEET, [])
    rows = rows_from_grid(grid)
    if ROLLUP_SHEET not in grids or not rows:
        raise NotOurWorkbook(
            f"Tệp không phải kết quả tổng hợp của outreach-xl (không có bảng «{ROLLUP_SHEET}»)",
            fix="Chạy «outreach-xl rollup» trước, rồi dùng tệp kết quả của lệnh đó",
            file=file.name,
        )
    meta = rollup_meta(grid)
    rollup = rollup_from_rows(rows, year if year is not None else meta.get("year"))
    previous = previous_from_grid(grid)
    return (with_previous(rollup, previous) if previous else rollup), meta


def read_previous_rollup(
    paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]], district: District
) -> tuple[Rollup, str]:
    """Last year's roll-up of this unit, refused (naming both) if of another year, or of another
    unit with no school in common; with the name of that other unit (the former district office)
    when it shares some, cut to the schools in common (``in_common``), else with "".

    Several files (a department, or a ward made of parts of two districts, whose schools several
    former offices merged last year): each is checked so, and their schools of this year's
    register are joined (``in_common_of``), with the names of all of them.
    """
    files = [Path(paths)] if isinstance(paths, (str, os.PathLike)) else [Path(p) for p in paths]
    read = [_read_previous(file, district) for file in files]
    if len(read) == 1:
        previous, theirs, shared = read[0]
        if shared is None:
            return previous, ""
        return in_common(previous, shared), theirs
    codes = [s.code for s in district.register]
    names = "; ".join(dict.fromkeys(theirs for _, theirs, _ in read))
    return in_common_of([previous for previous, _, _ in read], codes), names


def _read_previous(file: Path, district: District) -> tuple[Rollup, str, frozenset[str] | None]:
    """One of last year's roll-ups, checked (``check_previous``): it, whose it is, and the codes
    it shares with this year's register when it is another unit's (None when it is this one's)."""
    if not file.is_file():
        raise UnreadableFile(
            "Không tìm thấy tệp tổng hợp năm trước",
            fix="Kiểm tra đường dẫn sau --previous hoặc ở ô «Tệp tổng hợp năm trước» trang "
            "«Cấu hình» (để trống nếu không so sánh với năm trước)",
            file=str(file),
        )
    previous, meta = _read_rollup(file)
    config = district.config
    theirs = unit_identity(str(meta.get("unit") or ""), str(meta.get("managing_body") or ""))
    shared = check_previous(
        previous,
        theirs,
        year=config.report_year,
        unit=unit_identity(config.unit_name, config.managing_body),
        register=[s.code for s in district.register],
        source=file.name,
    )
    shown = unit_shown(str(meta.get("unit") or ""), str(meta.get("managing_body") or ""))
    return previous, shown or "đơn vị khác (tệp không ghi tên)", shared


def previous_rollup_paths(
    district: District,
    given: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None,
    here: Path,
) -> list[Path]:
    """Last year's roll-ups: those given, else those «Cấu hình» names (relative to ``here``; several
    separated by «;» or one a line)."""
    if given:
        if isinstance(given, (str, os.PathLike)):
            return [Path(given)]
        return [Path(g) for g in given]
    named = [p.strip().strip('"') for p in re.split(r"[;\n]", district.config.previous_rollup)]
    return [p if p.is_absolute() else here / p for p in map(Path, filter(None, named))]


def render_district_report(
    config: DistrictConfig, rollup: Rollup, template: Path | None = None
) -> bytes:
    """The district's Word report as bytes."""
    from outreach_xl.word.render import render_docx

    return render_docx(
        template or district_template(),
        report_context(config, rollup),
        properties={
            "title": f"Báo cáo tổng hợp hoạt động thông tin đối ngoại năm {config.report_year}"
        },
    )


def district_template() -> Path:
    from outreach_xl.word.render import bundled_template

    return bundled_template(DISTRICT_TEMPLATE)


def district_report_name(year: int | None) -> str:
    """``BaoCao_TongHop_TTDN_2020.docx`` (ASCII, as the demo and the Excel button name it)."""
    return f"{DISTRICT_REPORT_PREFIX}{year or 'nam'}.docx"


def rollup_name(year: int | None) -> str:
    """``TongHop_TTDN_2020_ketqua.xlsx``: the roll-up's name when ``-o`` names a folder."""
    return f"TongHop_TTDN_{year or 'nam'}_ketqua.xlsx"


def write_district_report(
    rollup_path: str | os.PathLike[str],
    register: str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    force: bool = False,
) -> Path:
    """Read the district workbook and a roll-up, render the report, write it atomically.

    ``output`` ends in .docx, or names a folder (the default name inside it); it is never the
    roll-up, the register or the template read."""
    from outreach_xl.app.school import bundled_templates

    inputs = (Path(rollup_path), Path(register), district_template(), *bundled_templates())
    refuse_inputs(Path(output), inputs)
    district = read_district(register)
    require_config(district, Path(register).name)
    year = district.config.report_year
    target = output_path(output, district_report_name(year), suffixes=(".docx",), inputs=inputs)
    check_target(target, force=force, inputs=inputs)
    rollup = read_rollup(rollup_path, year)
    data = render_district_report(district.config, rollup)
    return write_atomic(target, data, force=force, inputs=inputs)


# --- The merge, end to end -----------------------------------------------------------------------


@dataclass(frozen=True)
class RollupRun:
    """What ``run_rollup`` did: the district read, the roll-up, and where it was written."""

    district: District
    rollup: Rollup
    output: Path
    folder: Path | None = None

    def summary_lines(self) -> list[str]:
        r = self.rollup
        lines = [f"Thư mục các trường: {self.folder}"] if self.folder else []
        lines += [
            f"{reported_phrase(r)}.",
            f"Chưa nộp: {len(r.missing)} trường"
            + (
                ": " + ", ".join(e.school_name or e.school_code for e in r.missing[:10])
                if r.missing
                else ""
            )
            + (" ..." if len(r.missing) > 10 else "")
            + ".",
        ]
        if r.count(SchoolStatus.NOT_REGISTERED):
            lines.append(
                f"Ngoài danh sách: {r.count(SchoolStatus.NOT_REGISTERED)} trường"
                " (xem «Tình trạng nộp»)."
            )
        lines.append(
            f"Tệp có lỗi hoặc không dùng được: {r.files_with_problems}; "
            f"tệp trùng: {r.count(FileStatus.DUPLICATE) + r.count(FileStatus.SAME_CONTENT)}; "
            f"tệp sai năm báo cáo: {r.count(FileStatus.WRONG_YEAR)}; "
            f"tệp bỏ qua: {r.count(FileStatus.SKIPPED)}."
        )
        lines.append(rule_sentence(r))
        if r.previous is not None:
            if r.previous.former:
                lines.append(former_note(r.previous, r.registered))
            lapsed = r.previous.lapsed
            names = ", ".join(e.school_name or e.school_code for e in lapsed[:10])
            more = " ..." if len(lapsed) > 10 else ""
            lines.append(
                f"So sánh với năm {r.previous.year}: {len(lapsed)} trường năm trước đã nộp, "
                f"năm nay chưa nộp{': ' + names + more if lapsed else ''}."
            )
        lines += register_warnings(self.district)
        errors = self.district.errors
        if errors:
            lines.append(
                f"Tệp tổng hợp còn {len(errors)} lỗi ở trang «Cấu hình», cần sửa trước khi làm báo "
                "cáo tổng hợp:"
            )
            lines += [f"  - {f.user_message()}" for f in errors]
        lines.append(f"Đã ghi: {self.output}")
        return lines


def register_warnings(district: District) -> list[str]:
    """What the district workbook's warnings change, said after a merge: the school codes typed
    twice in «Danh sách trường» (the merge goes on with the first row of each, so the school of
    the other row is missing from it), and a header naming the abolished district level (the
    report would print it). A level typed instead of picked changes nothing and is not said."""
    sheet = DISTRICT_REGISTER.name
    lines: list[str] = []
    twice = [f for f in district.findings if f.sheet == sheet and f.rule == "duplicate"]
    if twice:
        lines.append(f"Trang «{sheet}» có {len(twice)} mã trường ghi hai lần:")
        lines += [f"  - {f.user_message()}" for f in twice]
    # The office's own header naming the district level after 1 July 2025: its report would.
    gone = [f for f in district.findings if f.rule == "abolished_level"]
    if gone:
        lines.append(f"Trang «{DISTRICT_CONFIG.name}» ghi tên cơ quan cấp huyện, nay không còn:")
        lines += [f"  - {f.user_message()}" for f in gone]
    return lines


def run_rollup(
    folder: str | os.PathLike[str] | None,
    register: str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    recursive: bool = False,
    force: bool = False,
    workers: int | None = None,
    progress: Progress | None = None,
    previous: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
) -> RollupRun:
    """Read the register, merge every school workbook of ``folder`` (by default the one named in
    «Cấu hình», else the register's own folder), write the roll-up workbook; compared with last
    year's roll-up when ``previous`` is given or «Cấu hình» names one."""
    district = read_district(register)
    require_config(district, Path(register).name, for_merge=True)
    if folder is None:
        source = schools_folder(district.config.schools_folder, Path(register))
        fix = "Sửa ô «Thư mục chứa tệp của các trường» ở trang «Cấu hình», hoặc ghi thư mục " \
            "trên dòng lệnh"  # fmt: skip
    else:
        source = Path(folder)
        fix = "Kiểm tra lại đường dẫn thư mục"
    if not source.is_dir():
        raise InputNotFound(
            "Không tìm thấy thư mục chứa tệp của các trường", fix=fix, file=str(source)
        )
    year = district.config.report_year
    given = Path(output)
    named = given / rollup_name(year) if given.is_dir() else given
    # Fail before reading thousands of files; the output is never the register or a school's file.
    inputs = rollup_inputs(source, Path(register), recursive=recursive, output=named)
    last_year = previous_rollup_paths(district, previous, Path(register).parent)
    inputs += last_year  # never written over, even with --force
    target = output_path(output, rollup_name(year), suffixes=(".xlsx",), inputs=inputs)
    check_target(target, force=force, inputs=inputs)
    before = read_previous_rollup(last_year, district) if last_year else None
    rollup = rollup_folder(
        source,
        district.register,
        year=district.config.report_year,
        recursive=recursive,
        exclude=(Path(register), target, *last_year),
        workers=workers,
        progress=progress,
    )
    if before is not None:
        rollup = compare(rollup, before[0], former=before[1])
    written = write_rollup(
        rollup,
        target,
        unit=district.config.unit_name,
        managing_body=district.config.managing_body,
        force=force,
        inputs=inputs,
    )
    return RollupRun(district, rollup, written, source if folder is None else None)


def rollup_inputs(
    folder: Path, register: Path, *, recursive: bool = False, output: Path | None = None
) -> list[Path]:
    """What a merge reads: the register and every school workbook of the folder. A roll-up of
    ours already at ``output`` (a merge written into the schools' folder, run again) is not one:
    the merge does not read it, and ``--force`` may replace it."""
    books, _ = find_files(folder, recursive=recursive, exclude=(register,))
    if output is not None and output.is_file():
        # Read last run's roll-up (45,000 rows at national scale) only when it is in the folder.
        copies = _copies_of(output, books)
        if copies and is_own_rollup(output):
            books = [b for b in books if b not in copies]
    return [register, *books]


def _copies_of(target: Path, books: Sequence[Path]) -> list[Path]:
    """The books that are ``target`` (``same_file``), each stat'ed once."""
    try:
        info = os.stat(target)
    except OSError:
        return [b for b in books if same_file(target, b)]
    found = []
    for book in books:
        try:
            other = os.stat(book)
        except OSError:
            if same_file(target, book):
                found.append(book)
            continue
        if (other.st_dev, other.st_ino) == (info.st_dev, info.st_ino):  # as os.path.samefile
            found.append(book)
    return found


def is_own_rollup(path: Path) -> bool:
    """Whether ``path`` is a roll-up workbook written by ``rollup`` (its ``Tổng hợp`` table)."""
    try:
        read_rollup(path)
    except OutreachError:
        return False
    return True
