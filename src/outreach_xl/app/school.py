"""Making a school's Word report: read, validate, render, write. The edge of the report path.

Two entry points:

- ``make_school_report(path, ...)``: from a workbook file (the ``outreach-xl report`` command);
- ``write_school_report(sub, target, ...)``: from a Submission already read (the Excel button reads
  the open workbook's grids with ``read_grids`` and calls this).

Errors found by the validator stop the report (``ValidationFailed``, listing them); warnings come
back with the result and the report is made. Outputs are written atomically and never over an
existing file without ``force``. Nothing here imports pandas: a school's machine never needs it.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from outreach_xl.core.formats import body_abbreviation, lower_first
from outreach_xl.core.model import Submission
from outreach_xl.core.school_report import school_context
from outreach_xl.core.validation import Finding, validate
from outreach_xl.errors import OutputError, ValidationFailed, os_reason
from outreach_xl.files.output import (
    ascii_name,
    check_target,
    output_path,
    scratch_folder,
    write_atomic,
)
from outreach_xl.files.reader import read_file
from outreach_xl.word.render import (
    PACKAGE_TEMPLATES,
    REPO_TEMPLATES,
    bundled_template,
    render_docx,
)

PDF_TIMEOUT = 180  # seconds; LibreOffice's first start on a machine creates its profile
LIBREOFFICE_URL = "https://www.libreoffice.org/download/download-libreoffice/"


@dataclass(frozen=True)
class ReportResult:
    """What was written, and the warnings the report was made despite."""

    docx: Path
    pdf: Path | None = None
    warnings: list[Finding] = field(default_factory=list)


def default_report_name(sub: Submission) -> str:
    """``BaoCao_TTDN_2020_MGMA.docx``: the year, and the school's abbreviation from its symbol."""
    year = sub.value("report_year")
    symbol = sub.value("doc_symbol") or ""
    abbr = ascii_name(body_abbreviation(str(symbol)), fallback="TRUONG")
    return f"BaoCao_TTDN_{year or 'nam'}_{abbr}.docx"


def make_school_report(
    path: str | os.PathLike[str],
    output: str | os.PathLike[str] | None = None,
    template: str | os.PathLike[str] | None = None,
    force: bool = False,
    pdf: bool = False,
    *,
    echo: Callable[[str], None] | None = None,
) -> Path:
    """Read a school workbook and write its report; return the .docx path.

    The default output is ``BaoCao_TTDN_<year>_<ABBR>.docx`` next to the input (or in the folder
    ``output`` names). With ``pdf``, ``output`` may name the PDF: the .docx goes beside it.
    Warnings are passed to ``echo`` one line each (nothing is printed when it is None).
    """
    source = Path(path)
    sub = read_file(source)
    inputs = (source, *([Path(template)] if template else []))
    target = report_path(output, source.with_name(default_report_name(sub)), pdf=pdf, inputs=inputs)
    result = write_school_report(
        sub, target, template=template, force=force, pdf=pdf, inputs=inputs
    )
    if echo is not None:
        for finding in result.warnings:
            echo(finding.user_message())
    return result.docx


def report_path(
    output: str | os.PathLike[str] | None,
    default: Path,
    *,
    pdf: bool = False,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> Path:
    """The .docx to write: ``output`` must end in .docx (or .pdf with ``pdf``, the .docx then
    going beside it); a folder means the default name inside it."""
    inputs = (*inputs, *bundled_templates())
    if pdf:
        path = output_path(output, default, suffixes=(".docx", ".pdf"), inputs=inputs)
        return path.with_suffix(".docx")
    hint = ", hoặc thêm --pdf để tạo cả tệp PDF"
    return output_path(output, default, suffixes=(".docx",), other=hint, inputs=inputs)


def bundled_templates() -> list[Path]:
    """Every Word template shipped with the program: no output may ever replace one."""
    folders = {bundled_template().parent, PACKAGE_TEMPLATES, REPO_TEMPLATES}
    return sorted({p for folder in folders if folder.is_dir() for p in folder.glob("*.docx")})


def write_school_report(
    sub: Submission,
    target: str | os.PathLike[str],
    *,
    template: str | os.PathLike[str] | None = None,
    force: bool = False,
    pdf: bool = False,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> ReportResult:
    """Validate a submission and write its report to ``target`` (and a PDF beside it if asked).

    Neither output may be one of ``inputs`` (the workbook read) or the Word template used.
    """
    findings = validate(sub)
    errors = [f for f in findings if f.is_error]
    if errors:
        raise ReportBlocked(errors, sub.source)
    docx = Path(target)
    pdf_path = docx.with_suffix(".pdf") if pdf else None
    template_path = Path(template) if template else bundled_template()
    protected = (*inputs, template_path, *bundled_templates())
    check_target(docx, force=force, inputs=protected)
    if pdf_path is not None:
        check_target(pdf_path, force=force, inputs=protected)
    data = render_school_report(sub, template_path)
    written = write_atomic(docx, data, force=force, inputs=protected)
    if pdf_path is not None:
        convert_to_pdf(written, pdf_path, force=force, inputs=protected)
    return ReportResult(written, pdf_path, [f for f in findings if not f.is_error])


def render_school_report(sub: Submission, template: str | os.PathLike[str] | None = None) -> bytes:
    """The report's .docx bytes (no validation, no writing): the in-process render step."""
    context = school_context(sub)
    date = sub.value("report_date")
    moment = dt.datetime.combine(date, dt.time()) if isinstance(date, dt.date) else None
    properties: dict[str, object] = {
        "title": f"Báo cáo {lower_first(context['summary'])}",
        "author": context["school_name"],
        "last_modified_by": context["school_name"],
    }
    if moment is not None:
        properties.update(created=moment, modified=moment)
    return render_docx(
        Path(template) if template else bundled_template(), context, properties=properties
    )


class ReportBlocked(ValidationFailed):
    """The entries still have errors; ``findings`` lists them, and so does the message."""

    def __init__(self, findings: list[Finding], source: str) -> None:
        super().__init__(
            f"Chưa làm được báo cáo: tệp còn {len(findings)} lỗi",
            fix="Sửa các lỗi dưới đây trong tệp Excel, lưu lại rồi chạy lại lệnh",
            file=source,
        )
        self.findings = findings

    def user_message(self) -> str:
        return super().user_message() + "".join(f"\n  - {f.user_message()}" for f in self.findings)


# --- PDF through LibreOffice ---------------------------------------------------------------------


def find_soffice() -> str | None:
    """LibreOffice's command: on PATH, or where its installers put it on Windows and macOS."""
    for name in ("soffice", "soffice.exe", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    candidates = [
        Path(os.environ.get("PROGRAMFILES", r"C:\Program Files"))
        / "LibreOffice/program/soffice.exe",
        Path(os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)"))
        / "LibreOffice/program/soffice.exe",
        Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"),
    ]
    return next((str(p) for p in candidates if p.is_file()), None)


def convert_to_pdf(
    docx: Path,
    target: Path,
    *,
    force: bool = False,
    inputs: Iterable[str | os.PathLike[str]] = (),
) -> Path:
    """Convert with ``soffice --headless --convert-to pdf`` in a private profile; atomic write."""
    soffice = find_soffice()
    if soffice is None:
        raise OutputError(
            f"Đã tạo tệp Word «{docx.name}» nhưng chưa tạo được PDF: máy chưa cài LibreOffice",
            fix=f"Cài LibreOffice miễn phí từ {LIBREOFFICE_URL} rồi chạy lại với --pdf; hoặc mở "
            "tệp Word và chọn Tệp > Lưu thành > PDF",
            file=str(target),
        )
    # A profile of its own: a LibreOffice the user has open would otherwise swallow the job. The
    # PDF itself goes to a folder of ours beside the output, never TMPDIR: a killed run's copy of
    # the school's report is removed by the next run writing there.
    with (
        tempfile.TemporaryDirectory(prefix="outreach-pdf-") as work,
        scratch_folder(target) as folder,
    ):
        command = [
            soffice,
            f"-env:UserInstallation={(Path(work) / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(Path(folder).resolve()),  # soffice cannot export to a relative ".~..." folder
            str(Path(docx).resolve()),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=PDF_TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise _pdf_failed(docx, target, f"quá {PDF_TIMEOUT} giây chưa xong") from None
        except OSError as exc:
            raise _pdf_failed(docx, target, os_reason(exc)) from None
        produced = folder / f"{docx.stem}.pdf"
        if not produced.is_file():
            raise _pdf_failed(docx, target, "LibreOffice không tạo ra tệp")
        data = produced.read_bytes()
    return write_atomic(target, data, force=force, inputs=(*inputs, docx))


def _pdf_failed(docx: Path, target: Path, why: str) -> OutputError:
    return OutputError(
        f"Đã tạo tệp Word «{docx.name}» nhưng LibreOffice không chuyển được sang PDF ({why})",
        fix="Đóng LibreOffice nếu đang mở rồi chạy lại; hoặc mở tệp Word và lưu dạng PDF",
        file=str(target),
    )
