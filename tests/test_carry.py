"""Next year in one step: ``outreach-xl new --from LAST.xlsm`` (and ``--district``), issue 15.

The frozen workbooks of earlier template versions are in ``tests/data/versions/`` (see its
README); every test that makes next year's workbook starts from one of them.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from outreach_xl.cli import main
from outreach_xl.core.carry import carry_forward, next_year
from outreach_xl.core.model import Cell, Row, SchoolData, Submission
from outreach_xl.core.validation import Finding, validate
from outreach_xl.demo.sample import my_an_2020
from outreach_xl.errors import WrongPrevious
from outreach_xl.files.reader import read_file
from outreach_xl.schema import DISTRICT, SCHOOL, WorkbookSchema
from outreach_xl.xlsx.builder import build_workbook
from support import digest, soffice_convert

VERSIONS = Path(__file__).parent / "data" / "versions"
SCHOOL_FILES = sorted(VERSIONS.glob("truong-v*.xlsm"))
DISTRICT_FILES = sorted(VERSIONS.glob("tonghop-v*.xlsm"))


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def submission_of(data: SchoolData, schema: WorkbookSchema = SCHOOL) -> Submission:
    """A Submission holding ``data`` as already-parsed cells (no workbook involved)."""
    fields = {key: Cell(data.values.get(key), data.values.get(key)) for key in schema.fields()}
    tables = {
        key: tuple(
            Row({k: Cell(v, v) for k, v in record.items()}, number)
            for number, record in enumerate(data.tables.get(key, []), start=5)
        )
        for key in schema.tables()
    }
    return Submission("BaoCao_TTDN_2020.xlsm", schema.template_id, 1, fields, tables)


def findings_key(findings: list[Finding]) -> set[tuple[str, str, str, str]]:
    return {(f.rule, f.sheet, f.cell, f.label) for f in findings}


# --- The pure core -------------------------------------------------------------------------------


def test_the_school_schema_carries_what_stays_from_year_to_year() -> None:
    """The decision of issue 15, as the schema declares it."""
    carried = {key for key, (_, spec) in SCHOOL.fields().items() if spec.carry}
    assert carried == {
        "managing_body", "school_name", "school_code", "level", "commune", "district",
        "province", "doc_symbol", "place", "request_issuer", "addressee", "signer_authority",
        "signer_title", "signer_name",
    }  # fmt: skip
    tables = {key: table for key, (_, table) in SCHOOL.tables().items()}
    assert {key for key, table in tables.items() if table.carry} == {
        "recipients", "content_items", "channels",
    }  # fmt: skip
    assert [c.key for c in tables["channels"].columns if c.carry] == ["channel", "activity"]


def test_carry_forward_keeps_the_marked_values_and_nothing_else() -> None:
    sample = my_an_2020()
    data = carry_forward(submission_of(sample), SCHOOL)
    assert data.values["report_year"] == 2021
    assert data.values["school_name"] == "Trường Mẫu giáo Mỹ An"
    assert data.values["signer_name"] == sample.values["signer_name"]
    assert data.values["request_issuer"] == "Phòng Giáo dục và Đào tạo huyện Thủ Thừa"
    for key in ("doc_number", "report_date", "request_date", "request_number", "staff_total",
                "sessions", "organisation", "request_subject"):  # fmt: skip
        assert key not in data.values
    assert data.tables["recipients"] == sample.tables["recipients"]
    assert data.tables["content_items"] == sample.tables["content_items"]
    assert data.tables["channels"] == [
        {"channel": r["channel"], "activity": r["activity"]} for r in sample.tables["channels"]
    ]
    assert "results" not in data.tables and "followups" not in data.tables


def test_carried_rows_left_blank_are_dropped() -> None:
    sample = my_an_2020()
    rows = [{"channel": None, "activity": None, "count": 4}, *sample.tables["channels"][:1]]
    sub = submission_of(SchoolData(sample.values, {**sample.tables, "channels": rows}))
    assert len(carry_forward(sub, SCHOOL).tables["channels"]) == 1


@pytest.mark.parametrize(("last", "asked", "year"), [(2020, None, 2021), (2020, 2023, 2023)])
def test_next_year(last: int, asked: int | None, year: int) -> None:
    sub = submission_of(SchoolData({"report_year": last}))
    assert next_year(sub, SCHOOL, asked) == year


@pytest.mark.parametrize(("asked", "words"), [(2020, "cùng năm"), (2019, "muộn hơn năm 2019")])
def test_a_previous_workbook_of_the_asked_year_or_later_is_refused(asked: int, words: str) -> None:
    with pytest.raises(WrongPrevious) as caught:
        carry_forward(submission_of(my_an_2020()), SCHOOL, asked)
    assert "năm 2020" in caught.value.message and words in caught.value.message


def test_a_previous_workbook_without_a_year_needs_one_asked() -> None:
    sub = submission_of(SchoolData({"report_year": None}))
    with pytest.raises(WrongPrevious) as caught:
        next_year(sub, SCHOOL)
    assert "--year" in caught.value.fix
    assert next_year(sub, SCHOOL, 2025) == 2025


# --- Through the command line, from each earlier template version --------------------------------


@pytest.mark.parametrize("previous", SCHOOL_FILES, ids=lambda p: p.name)
def test_new_from_last_year_school_workbook(
    previous: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source = tmp_path / "nam-truoc" / previous.name
    source.parent.mkdir()
    shutil.copy(previous, source)
    before = digest(source)
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "new", "--from", str(source))
    assert (code, err) == (0, "")
    made = tmp_path / "BaoCao_TTDN_2021.xlsm"  # the default name says the new year
    assert f"Đã tạo: {made.name}" in out and "2021" in out
    assert digest(source) == before
    with zipfile.ZipFile(made) as book:
        assert "xl/vbaProject.bin" in book.namelist()  # buttons, like a blank `new`

    old, new = read_file(source), read_file(made)
    assert new.template_version == SCHOOL.version
    assert new.value("report_year") == old.value("report_year") + 1 == 2021
    for key, (_, spec) in SCHOOL.fields().items():
        if spec.carry:
            assert new.value(key) == old.value(key), key
        elif key != "report_year":
            assert new.cell(key).empty, key
    assert new.records("recipients") == old.records("recipients")
    assert new.records("content_items") == old.records("content_items")
    assert [{**r, "count": None} for r in old.records("channels")] == new.records("channels")
    assert any(r["count"] for r in old.records("channels"))  # the fixture had counts to drop
    assert old.records("followups") and not new.records("followups")
    assert not new.records("results")

    # Only the findings a blank workbook has, for the new year's missing values.
    blank = tmp_path / "trong.xlsx"
    blank.write_bytes(build_workbook(SCHOOL, SchoolData({"report_year": 2021})))
    carried = validate(new)
    assert carried and findings_key(carried) <= findings_key(validate(read_file(blank)))
    missing = {f.label for f in carried}
    assert all(not spec.carry for _, spec in SCHOOL.fields().values() if spec.label in missing)


@pytest.mark.parametrize("previous", SCHOOL_FILES, ids=lambda p: p.name)
def test_round_trip_carry_twice(previous: Path, tmp_path: Path) -> None:
    """2020 -> 2021 -> 2022: what carries survives being carried again, unchanged."""
    from outreach_xl.app.carry import carry_workbook

    first = carry_workbook(previous, tmp_path / "a.xlsx", macros=False)
    second = carry_workbook(first.path, tmp_path / "b.xlsx", macros=False)
    assert (first.year, second.year, second.previous_year) == (2021, 2022, 2021)
    one, two = read_file(first.path).data(), read_file(second.path).data()
    assert {**one.values, "report_year": 2022} == two.values
    assert one.tables == two.tables


@pytest.mark.parametrize("previous", DISTRICT_FILES, ids=lambda p: p.name)
def test_new_district_from_last_year(
    previous: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source = tmp_path / previous.name
    shutil.copy(previous, source)
    before = digest(source)
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "new", "--district", "--from", source.name)
    assert code == 0 and "danh sách trường" in out
    made = tmp_path / "TongHop_TTDN_2021.xlsm"
    assert digest(source) == before
    old, new = read_file(source, DISTRICT), read_file(made, DISTRICT)
    assert (old.template_version, new.template_version) == (
        int(previous.stem[-1]),
        DISTRICT.version,
    )
    assert old.cell("previous_rollup").empty  # a field added after v1 reads as empty
    assert new.records("schools") == old.records("schools") and len(old.records("schools")) == 8
    assert new.records("recipients") == old.records("recipients")
    assert new.value("report_year") == 2021
    assert new.value("unit_name") == old.value("unit_name") == "Phòng Giáo dục và Đào tạo"
    assert new.cell("doc_number").empty and new.cell("report_date").empty
    blank = tmp_path / "trong.xlsx"
    blank.write_bytes(build_workbook(DISTRICT, SchoolData({"report_year": 2021})))
    carried = validate(new, DISTRICT)
    assert findings_key(carried) <= findings_key(validate(read_file(blank, DISTRICT), DISTRICT))
    assert {f.label for f in carried} == {"Ngày báo cáo"}


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice (soffice)")
def test_new_from_a_workbook_resaved_by_libreoffice(tmp_path: Path) -> None:
    from outreach_xl.app.carry import carry_workbook

    [previous, *_] = SCHOOL_FILES
    source = tmp_path / previous.name
    shutil.copy(previous, source)
    resaved = soffice_convert(source, "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo")
    before = digest(resaved)
    from_original = carry_workbook(source, tmp_path / "a.xlsx", macros=False)
    from_resaved = carry_workbook(resaved, tmp_path / "b.xlsx", macros=False)
    assert digest(resaved) == before
    assert read_file(from_resaved.path).data() == read_file(from_original.path).data()


# --- What bad input gets -------------------------------------------------------------------------


def _one_message(code: int, out: str, err: str) -> str:
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("LỖI: ") and "Traceback" not in err
    return lines[0]


def test_from_a_file_that_is_not_ours(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from outreach_xl.demo.district import _foreign_workbook

    foreign = tmp_path / "DanhSachLop.xlsx"
    foreign.write_bytes(_foreign_workbook())
    monkeypatch.chdir(tmp_path)
    line = _one_message(*run(capsys, "new", "--from", foreign.name))
    assert "DanhSachLop.xlsx" in line and "không phải mẫu báo cáo của outreach-xl" in line
    assert "--from" in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["DanhSachLop.xlsx"]


def test_from_a_later_year_than_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    line = _one_message(*run(capsys, "new", "--from", str(SCHOOL_FILES[0]), "--year", "2019"))
    assert "năm 2020" in line and "muộn hơn năm 2019" in line and "Cách sửa" in line
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("argv", "words"),
    [(("--district", "--from", "truong"), "Bỏ --district"), (("--from", "tonghop"), "--district")],
)
def test_from_the_other_kind_of_workbook(
    argv: tuple[str, ...], words: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    files = {"truong": SCHOOL_FILES[0], "tonghop": DISTRICT_FILES[0]}
    args = [str(files.get(a, a)) for a in argv]
    line = _one_message(*run(capsys, "new", *args, "-o", str(tmp_path / "x.xlsm")))
    assert words in line
    assert not (tmp_path / "x.xlsm").exists()


def test_the_new_file_never_replaces_the_old_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "BaoCao_TTDN_2020.xlsx"
    source.write_bytes(build_workbook(SCHOOL, my_an_2020()))
    before = digest(source)
    argv = ("new", "--no-macros", "--force", "--from", str(source), "-o", str(source))
    line = _one_message(*run(capsys, *argv))
    assert "năm trước" in line and digest(source) == before


def test_guide_sheet_says_how(tmp_path: Path) -> None:
    from outreach_xl.xlsx.guide import guide_lines

    for schema, command in ((SCHOOL, "new --from"), (DISTRICT, "new --district --from")):
        assert any(command in text for _, text in guide_lines(schema))


def test_a_field_missing_from_a_current_file_is_still_an_error(tmp_path: Path) -> None:
    """``since`` excuses only files older than the field: a current one without the row is
    damaged."""
    from outreach_xl.core.parse import read_grids
    from outreach_xl.errors import MissingPart
    from outreach_xl.files.reader import load_grids

    [previous, *_] = DISTRICT_FILES
    path = tmp_path / "v.xlsx"
    path.write_bytes(build_workbook(DISTRICT, read_file(previous, DISTRICT).data()))
    grids = {name: [list(row) for row in grid] for name, grid in load_grids(path).items()}
    config = grids["Cấu hình"]
    del config[next(i for i, row in enumerate(config) if row and row[0] == "previous_rollup")]
    with pytest.raises(MissingPart):
        read_grids(grids, path.name, DISTRICT)
