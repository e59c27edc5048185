"""A small demo district: a register of eight schools and a folder of their workbooks.

The school workbooks are built with the real builder: Mỹ An's is the bundled sample itself (the
same file as the school demo's), the others variations of it: other names, codes, levels, figures,
channels (some typed instead of picked: «Zalo», «facebook», «Web trường»), difficulties and
proposals (some said twice in other words); two with mistakes (one with more staff taking part
than it has), one school twice (an earlier and a later report), one school's report of another
year, one exact copy of a file, one registered school that sent nothing, one school not in the
register, one file that is not our workbook, one damaged file and an Excel lock file.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import xlsxwriter

from outreach_xl.core.model import SchoolData
from outreach_xl.demo.sample import my_an_2020
from outreach_xl.files.output import write_atomic
from outreach_xl.schema import CHANNELS, CONTENT_GROUPS, DISTRICT, LEVELS, SCHOOL
from outreach_xl.xlsx.builder import build_workbook

YEAR = 2020
REGISTER_NAME = "TongHop_TTDN_2020.xlsx"
SCHOOLS_DIR = "truong"


@dataclass(frozen=True)
class DemoSchool:
    """What varies between the demo schools."""

    code: str
    name: str
    level: str  # level code (MG, TH, ...)
    commune: str
    abbr: str
    staff: tuple[int, int]  # taking part, total
    pupils: tuple[int, int]
    sessions: int
    channels: tuple[str, ...]  # channel codes
    groups: tuple[str, ...]  # content group codes, one content item each
    news: int | None = None
    parents: int | None = None
    report_date: dt.date = dt.date(2020, 12, 28)
    typed: tuple[tuple[str, str], ...] = ()  # (channel code, what the clerk typed instead)
    followups: tuple[tuple[str, str], ...] = ()  # (kind label, text)


DIFFICULTY = "Khó khăn, hạn chế"
PROPOSAL = "Kiến nghị, đề xuất"


SCHOOLS = (
    DemoSchool("80512101", "Trường Mẫu giáo Mỹ An", "MG", "Mỹ An", "MGMA", (21, 21), (170, 170),
               2, ("corner", "website", "press", "socialisation", "culture"),
               ("policy", "achievements", "image", "rebuttal")),
    DemoSchool("80512102", "Trường Mẫu giáo Long Thượng", "MG", "Long Thượng", "MGLT", (18, 20),
               (150, 162), 3, ("corner", "zalo", "facebook"), ("policy", "image"), news=12,
               parents=140, typed=(("zalo", "Zalo"), ("facebook", "facebook")),
               followups=((DIFFICULTY, "Kinh phí dành cho công tác tuyên truyền còn hạn chế."),
                          (PROPOSAL, "Đề nghị Phòng GD&ĐT tổ chức tập huấn về công tác thông "
                                     "tin đối ngoại cho giáo viên."))),
    DemoSchool("80512103", "Trường Tiểu học Mỹ Phú", "TH", "Mỹ Phú", "THMP", (35, 38),
               (610, 645), 6, ("corner", "radio", "website", "gatherings", "contests"),
               ("policy", "sovereignty", "image", "achievements"), news=25, parents=420,
               typed=(("website", "Web trường"),),
               followups=((DIFFICULTY, "- kinh phí dành cho công tác tuyên truyền còn hạn chế;"),
                          (DIFFICULTY, "Một số giáo viên chưa thành thạo việc đăng tin, bài lên "
                                       "trang thông tin điện tử."),
                          (PROPOSAL, "Đề nghị Phòng GD&ĐT tổ chức tập huấn công tác thông tin "
                                     "đối ngoại cho giáo viên"))),
    DemoSchool("80512104", "Trường THCS Nhị Thành", "THCS", "Nhị Thành", "THCSNT", (45, 42),
               (720, 760), 4, ("gatherings", "facebook", "conferences"),
               ("sovereignty", "rebuttal"), news=8,
               followups=((DIFFICULTY, "Thiếu máy chiếu phục vụ tuyên truyền."),)),
    DemoSchool("80512105", "Trường Mầm non Bình Thạnh", "MN", "Bình Thạnh", "MNBT", (24, 26),
               (210, 230), 3, ("corner", "zalo", "culture", "visits"), ("image", "achievements"),
               parents=190, report_date=dt.date(2021, 1, 8),
               followups=((DIFFICULTY, "Kinh phí cho công tác tuyên truyền còn hạn chế"),
                          (PROPOSAL, "Đề nghị hỗ trợ kinh phí mua loa phát thanh cho trường."))),
    DemoSchool("80512106", "Trường Tiểu học Tân Thành", "TH", "Tân Thành", "THTT", (30, 31),
               (480, 500), 2, ("corner",), ("policy",)),
    DemoSchool("80512107", "Trường THCS Thủ Thừa", "THCS", "Thị trấn Thủ Thừa", "THCSTT",
               (52, 55), (890, 940), 5, ("website", "press", "facebook", "gatherings"),
               ("policy", "achievements", "sovereignty")),
    DemoSchool("80512108", "Trường Mẫu giáo Mỹ Thạnh", "MG", "Mỹ Thạnh", "MGMT", (15, 16),
               (120, 131), 2, ("corner", "radio", "other"), ("image", "other"),
               followups=((DIFFICULTY, "Phụ huynh ở vùng sâu ít sử dụng mạng xã hội."),)),
)  # fmt: skip
UNREGISTERED = DemoSchool(
    "80512199", "Trường Tiểu học Long Thạnh", "TH", "Long Thạnh", "THLT", (28, 30), (400, 415), 3,
    ("corner", "zalo", "website"), ("policy", "image"), news=10,
)  # fmt: skip
MISSING_CODE = "80512106"


def register_data() -> SchoolData:
    """The district workbook's configuration and register, as builder data."""
    level_label = {c.code: c.label for c in LEVELS.choices}
    return SchoolData(
        values={
            "managing_body": "UBND HUYỆN THỦ THỪA",
            "unit_name": "Phòng Giáo dục và Đào tạo",
            "report_year": YEAR,
            "schools_folder": SCHOOLS_DIR,
            "doc_number": 12,
            "doc_symbol": "BC-PGDĐT",
            "place": "Thủ Thừa",
            "report_date": dt.date(2021, 1, 15),
            "addressee": "Sở Giáo dục và Đào tạo tỉnh Long An",
            "request_kind": "Công văn",
            "request_number": "2345/SGDĐT-VP",
            "request_date": dt.date(2020, 12, 1),
            "request_issuer": "Sở Giáo dục và Đào tạo tỉnh Long An",
            "request_subject": "báo cáo kết quả hoạt động thông tin đối ngoại năm 2020",
            "signer_authority": None,
            "signer_title": "TRƯỞNG PHÒNG",
            "signer_name": "Lê Văn Minh",
        },
        tables={
            "recipients": [
                {"name": "Sở GD&ĐT tỉnh Long An;"},
                {"name": "UBND huyện Thủ Thừa;"},
                {"name": "Lưu: VT."},
            ],
            "schools": [
                {
                    "code": s.code,
                    "name": s.name,
                    "level": level_label[s.level],
                    "commune": s.commune,
                    "abbr": s.abbr,
                }
                for s in SCHOOLS
            ],
        },
    )


def school_data(school: DemoSchool, year: int = YEAR) -> SchoolData:
    """A filled school workbook's data: the Mỹ An sample itself for Mỹ An in 2020, for the others
    (and for any school another year) the sample with the school's particulars."""
    base = my_an_2020()
    if school.code == base.values["school_code"] and year == YEAR:
        return base
    channel = {c.code: c.label for c in CHANNELS.choices}
    group = {c.code: c.label for c in CONTENT_GROUPS.choices}
    values: dict[str, Any] = dict(base.values)
    values.update(
        school_name=school.name,
        school_code=school.code,
        level={c.code: c.label for c in LEVELS.choices}[school.level],
        commune=school.commune,
        place=school.commune,
        doc_symbol=f"BC-{school.abbr}",
        doc_number=int(school.code[-2:]) + 3,
        report_date=school.report_date,
        staff_participants=school.staff[0],
        staff_total=school.staff[1],
        pupil_participants=school.pupils[0],
        pupil_total=school.pupils[1],
        sessions=school.sessions,
        news_items=school.news,
        parents_reached=school.parents,
    )
    if year != YEAR:  # the same school a later year: the request letter and dates of that year
        values.update(
            report_year=year,
            request_number=f"{year - 2000 + 3}/PGDĐT",
            request_date=dt.date(year, 1, 8),
            request_subject="hoạt động thông tin đối ngoại của ngành Giáo dục và Đào tạo "
            f"huyện Thủ Thừa năm {year}",
            organisation=f"Nhà trường xây dựng Kế hoạch về hoạt động thông tin đối ngoại năm "
            f"{year} và triển khai trong đội ngũ cán bộ, giáo viên, nhân viên.",
        )
    tables: dict[str, list[dict[str, Any]]] = {k: list(v) for k, v in base.tables.items()}
    tables["content_items"] = [
        {"group": group[code], "text": f"Tuyên truyền về {group[code].lower()} ({school.abbr}, "
                                       f"nội dung {i})."}
        for i, code in enumerate(school.groups, start=1)
    ]  # fmt: skip
    typed = dict(school.typed)
    typed.setdefault("other", "Bảng tin tổ dân phố")  # matches no choice: counts as «Khác»
    tables["channels"] = [
        {
            "channel": typed.get(code, channel[code]),
            "activity": f"{school.name} thực hiện tuyên truyền qua kênh này trong năm {year}.",
            "count": school.news if code in ("website", "facebook") else None,
        }
        for code in school.channels
    ]
    tables["followups"] = [{"kind": kind, "text": text} for kind, text in school.followups]
    return SchoolData(values=values, tables=tables)


def with_mistakes(data: SchoolData, **changes: Any) -> SchoolData:
    """A copy of ``data`` with some values replaced (tables by key too)."""
    values = dict(data.values)
    tables = dict(data.tables)
    for key, value in changes.items():
        if key in tables:
            tables[key] = value
        else:
            values[key] = value
    return SchoolData(values=values, tables=tables)


def school_files() -> list[tuple[str, bytes, dt.datetime]]:
    """(file name, bytes, modification time) of every file in the demo schools' folder."""
    stamp = dt.datetime(2021, 1, 10, 9, 0)
    files: list[tuple[str, bytes, dt.datetime]] = []
    for school in SCHOOLS:
        if school.code == MISSING_CODE:
            continue
        data = school_data(school)
        name = f"BaoCao_TTDN_{YEAR}_{school.abbr}.xlsx"
        if school.code == "80512107":  # wrong document symbol, and no content item at all
            data = with_mistakes(data, doc_symbol="bc thcs tt", content_items=[])
        files.append((name, build_workbook(SCHOOL, data), stamp))
        if school.code == "80512101":  # the same file again, as a copy saved by Windows
            files.append((f"BaoCao_TTDN_{YEAR}_{school.abbr} - Copy.xlsx", files[-1][1], stamp))
        if school.code == "80512102":  # next year's report, sent into this year's folder
            later = with_mistakes(
                data, report_year=2026, report_date=dt.date(2026, 12, 20), sessions=9,
                request_date=dt.date(2026, 1, 5),
            )  # fmt: skip
            files.append((f"BaoCao_TTDN_2026_{school.abbr}.xlsx", build_workbook(SCHOOL, later),
                          stamp + dt.timedelta(days=1)))  # fmt: skip
        if school.code == "80512105":  # an earlier report of the same school, sent first
            early = with_mistakes(data, report_date=dt.date(2020, 12, 20), sessions=1)
            files.append(
                (f"BaoCao_TTDN_{YEAR}_{school.abbr}_ban_dau.xlsx", build_workbook(SCHOOL, early),
                 stamp - dt.timedelta(days=20))
            )  # fmt: skip
    files.append(
        (f"BaoCao_TTDN_{YEAR}_{UNREGISTERED.abbr}.xlsx",
         build_workbook(SCHOOL, school_data(UNREGISTERED)), stamp)
    )  # fmt: skip
    files.append(("DanhSachLop_MyPhu.xlsx", _foreign_workbook(), stamp))
    files.append(("BaoCao_TTDN_2020_hong.xlsx", b"PK\x03\x04 not really a workbook", stamp))
    files.append(("~$BaoCao_TTDN_2020_MGLT.xlsx", b"\x0bNguoi dung" + b"\x00" * 150, stamp))
    return files


def _foreign_workbook() -> bytes:
    """An ordinary spreadsheet someone dropped in the folder by mistake."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    book.set_properties({"created": dt.datetime(2025, 1, 1)})
    ws = book.add_worksheet("Lớp 1A")
    for row, (name, born) in enumerate((("Họ và tên", "Năm sinh"), ("Nguyễn Văn An", "2014"))):
        ws.write_string(row, 0, name)
        ws.write_string(row, 1, born)
    book.close()
    return buffer.getvalue()


def build_demo_district(folder: Path, *, force: bool = False) -> tuple[Path, Path]:
    """Write the district workbook and the schools' folder; return (register file, folder)."""
    folder.mkdir(parents=True, exist_ok=True)
    register = write_atomic(
        folder / REGISTER_NAME, build_workbook(DISTRICT, register_data()), force=force
    )
    schools = folder / SCHOOLS_DIR
    schools.mkdir(exist_ok=True)
    for name, data, when in school_files():
        path = write_atomic(schools / name, data, force=force)
        os.utime(path, (when.timestamp(), when.timestamp()))
    return register, schools


def expected_statuses() -> dict[str, Sequence[str]]:
    """What the demo merge must find, for tests: school codes by status."""
    return {
        "reported": ("80512101", "80512102", "80512103", "80512105", "80512108"),
        "reported_with_errors": ("80512104", "80512107"),
        "missing": (MISSING_CODE,),
        "not_registered": (UNREGISTERED.code,),
    }


ROLLUP_NAME = "TongHop_TTDN_2020_ketqua.xlsx"
REPORT_NAME = "BaoCao_TongHop_TTDN_2020.docx"


def run_district_demo(
    folder: Path, *, force: bool = False, echo: Callable[[str], None] = print
) -> Path:
    """Build the demo district, merge it, write the roll-up and the district report; return the
    district's folder."""
    from outreach_xl.app.district import run_rollup, write_district_report

    base = folder / "tong_hop"
    register, schools = build_demo_district(base, force=force)
    echo(f"- Đơn vị tổng hợp mẫu: {base.name}/{register.name}, tệp các trường: {schools.name}/")
    run = run_rollup(schools, register, base / ROLLUP_NAME, force=force)
    for line in run.summary_lines():
        echo(f"  {line}")
    report = write_district_report(run.output, register, base / REPORT_NAME, force=force)
    echo(f"- Báo cáo tổng hợp (Word): {base.name}/{report.name}")
    run_next_year_demo(folder, base, force=force, echo=echo)
    return base


# --- The following year: the same district in 2021, compared with 2020 --------------------------

NEXT_YEAR = YEAR + 1
NEXT_BASE = "tong_hop_2021"
NEXT_REGISTER_NAME = "TongHop_TTDN_2021.xlsx"
NEXT_ROLLUP_NAME = "TongHop_TTDN_2021_ketqua.xlsx"
NEXT_REPORT_NAME = "BaoCao_TongHop_TTDN_2021.docx"
# In 2021 every registered school reports, with no mistake, except Mỹ Thạnh (reported in 2020);
# Tân Thành, missing in 2020, reports; Long Thạnh (not registered) sends nothing.
SCHOOLS_NEXT_YEAR = (
    DemoSchool("80512101", "Trường Mẫu giáo Mỹ An", "MG", "Mỹ An", "MGMA", (22, 22), (180, 185),
               3, ("corner", "website", "press", "socialisation", "culture", "zalo"),
               ("policy", "achievements", "image", "rebuttal"), news=6,
               report_date=dt.date(2021, 12, 28)),
    DemoSchool("80512102", "Trường Mẫu giáo Long Thượng", "MG", "Long Thượng", "MGLT", (19, 20),
               (155, 160), 4, ("corner", "zalo", "facebook", "website"), ("policy", "image"),
               news=15, parents=150, report_date=dt.date(2021, 12, 27)),
    DemoSchool("80512103", "Trường Tiểu học Mỹ Phú", "TH", "Mỹ Phú", "THMP", (36, 38),
               (630, 650), 7, ("corner", "radio", "website", "gatherings", "contests"),
               ("policy", "sovereignty", "image", "achievements"), news=30, parents=450,
               report_date=dt.date(2021, 12, 29)),
    DemoSchool("80512104", "Trường THCS Nhị Thành", "THCS", "Nhị Thành", "THCSNT", (40, 42),
               (735, 760), 5, ("gatherings", "facebook", "conferences"),
               ("sovereignty", "rebuttal"), news=10, report_date=dt.date(2021, 12, 28)),
    DemoSchool("80512105", "Trường Mầm non Bình Thạnh", "MN", "Bình Thạnh", "MNBT", (25, 26),
               (220, 230), 3, ("corner", "zalo", "culture", "visits"), ("image", "achievements"),
               parents=200, report_date=dt.date(2021, 12, 30)),
    DemoSchool("80512106", "Trường Tiểu học Tân Thành", "TH", "Tân Thành", "THTT", (29, 31),
               (470, 500), 2, ("corner", "radio"), ("policy",),
               report_date=dt.date(2021, 12, 28)),
    DemoSchool("80512107", "Trường THCS Thủ Thừa", "THCS", "Thị trấn Thủ Thừa", "THCSTT",
               (53, 55), (900, 940), 6, ("website", "press", "facebook", "gatherings"),
               ("policy", "achievements", "sovereignty"), news=20,
               report_date=dt.date(2021, 12, 28)),
)  # fmt: skip


def next_year_register(previous_register: Path, previous_rollup: str) -> SchoolData:
    """The 2021 district workbook: the 2020 one carried forward (``new --district --from``),
    then what is new that year, and last year's roll-up named in «Cấu hình»."""
    from outreach_xl.core.carry import carry_forward
    from outreach_xl.files.reader import read_file

    carried = carry_forward(read_file(previous_register, DISTRICT), DISTRICT)
    values = dict(carried.values)
    values.update(
        doc_number=9,
        report_date=dt.date(2022, 1, 14),
        request_kind="Công văn",
        request_number="2198/SGDĐT-VP",
        request_date=dt.date(2021, 12, 2),
        request_issuer="Sở Giáo dục và Đào tạo tỉnh Long An",
        request_subject=f"báo cáo kết quả hoạt động thông tin đối ngoại năm {NEXT_YEAR}",
        previous_rollup=previous_rollup,
    )
    return SchoolData(values=values, tables=carried.tables)


def next_year_school_files() -> list[tuple[str, bytes, dt.datetime]]:
    """(file name, bytes, modification time) of the 2021 schools' folder."""
    stamp = dt.datetime(2022, 1, 10, 9, 0)
    return [
        (f"BaoCao_TTDN_{NEXT_YEAR}_{school.abbr}.xlsx",
         build_workbook(SCHOOL, school_data(school, NEXT_YEAR)), stamp)
        for school in SCHOOLS_NEXT_YEAR
    ]  # fmt: skip


def build_next_year_district(
    folder: Path, previous_register: Path, previous_rollup: Path, *, force: bool = False
) -> tuple[Path, Path]:
    """Write the 2021 district workbook (naming the 2020 roll-up) and its schools' folder."""
    folder.mkdir(parents=True, exist_ok=True)
    relative = os.path.relpath(previous_rollup, folder)
    register = write_atomic(
        folder / NEXT_REGISTER_NAME,
        build_workbook(DISTRICT, next_year_register(previous_register, relative)),
        force=force,
    )
    schools = folder / SCHOOLS_DIR
    schools.mkdir(exist_ok=True)
    for name, data, when in next_year_school_files():
        path = write_atomic(schools / name, data, force=force)
        os.utime(path, (when.timestamp(), when.timestamp()))
    return register, schools


def run_next_year_demo(
    folder: Path, base: Path, *, force: bool = False, echo: Callable[[str], None] = print
) -> Path:
    """The demo district in 2021: its roll-up compared with 2020's (named in «Cấu hình»), and
    its report; return the 2021 folder."""
    from outreach_xl.app.district import run_rollup, write_district_report

    here = folder / NEXT_BASE
    register, schools = build_next_year_district(
        here, base / REGISTER_NAME, base / ROLLUP_NAME, force=force
    )
    echo(
        f"- Năm sau, cùng đơn vị: {here.name}/{register.name} (tạo từ tệp năm {YEAR}, so sánh "
        f"với {base.name}/{ROLLUP_NAME}), tệp các trường: {schools.name}/"
    )
    run = run_rollup(schools, register, here / NEXT_ROLLUP_NAME, force=force)
    for line in run.summary_lines():
        echo(f"  {line}")
    report = write_district_report(run.output, register, here / NEXT_REPORT_NAME, force=force)
    echo(
        f"- Báo cáo tổng hợp năm {NEXT_YEAR}, có so sánh với năm {YEAR}: {here.name}/{report.name}"
    )
    return here
