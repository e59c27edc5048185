"""Checking files: read each workbook, validate it, and present the findings grouped by sheet."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from outreach_xl.core.model import Submission
from outreach_xl.core.validation import Finding, summary, validate
from outreach_xl.errors import OutreachError
from outreach_xl.files.reader import read_file


@dataclass
class CheckResult:
    """One file's outcome: its findings, or the error that made it unusable."""

    file: Path
    submission: Submission | None = None
    findings: list[Finding] = field(default_factory=list)
    failure: OutreachError | None = None

    @property
    def exit_code(self) -> int:
        """0 clean or warnings only, 1 findings with errors, 2 unusable input."""
        if self.failure is not None:
            return self.failure.exit_code
        return 1 if any(f.is_error for f in self.findings) else 0

    def lines(self) -> list[str]:
        """Human output: a heading per file, findings grouped under their sheet."""
        head = f"== {self.file}"
        if self.failure is not None:
            return [head, f"  KHÔNG DÙNG ĐƯỢC: {self.failure.user_message()}"]
        errors, warnings = summary(self.findings)
        if not self.findings:
            return [head, "  Tốt: không có lỗi, không có cảnh báo."]
        out = [head, f"  {errors} lỗi, {warnings} cảnh báo."]
        sheet = None
        for finding in self.findings:
            if finding.sheet != sheet:
                sheet = finding.sheet
                out.append(f"  [{sheet}]")
            out.append("    " + _line(finding))
        return out

    def as_dict(self) -> dict[str, Any]:
        errors, warnings = summary(self.findings)
        return {
            "file": str(self.file),
            "exit_code": self.exit_code,
            "errors": errors,
            "warnings": warnings,
            "failure": self.failure.as_dict() if self.failure else None,
            "findings": [f.as_dict() for f in self.findings],
        }


def _line(f: Finding) -> str:
    kind = "LỖI" if f.is_error else "cảnh báo"
    cell = f"{f.cell} " if f.cell else ""
    value = f" (giá trị: «{f.value}»)" if f.value else ""
    return f"{cell}{kind}: «{f.label}»{value}: {f.message}. Cách sửa: {f.fix.rstrip('.')}."


def check_file(path: Path) -> CheckResult:
    """Read and validate one file; an unusable file becomes a result, never an exception."""
    try:
        sub = read_file(path)
    except OutreachError as exc:
        return CheckResult(path, failure=exc.located(path.name))
    return CheckResult(path, sub, validate(sub))


def check_files(paths: Iterable[Path]) -> list[CheckResult]:
    return [check_file(Path(p)) for p in paths]
