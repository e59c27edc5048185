"""Rendering a Word template (docxtpl) with a context, safely, into deterministic .docx bytes.

- Before rendering, the template's tags are compared with the context: a tag the context does not
  have (a clerk's typo while rewording the template in Word) stops the report with a message naming
  it and the closest known tag.
- Rendering uses autoescape (``&`` and ``<`` in a school's text reach Word intact instead of
  breaking the XML), a strict undefined (``{{ section.titel }}`` fails instead of printing nothing)
  and a sandboxed environment (a template passed around by e-mail cannot run Python).
- The zip is rewritten with fixed timestamps, so the same data gives the same bytes.
"""

from __future__ import annotations

import difflib
import io
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from outreach_xl.errors import TemplateError

SCHOOL_TEMPLATE = "school_report.docx"
GUIDE_NAME = "HUONG_DAN_MAU.md"
PACKAGE_TEMPLATES = Path(__file__).resolve().parents[1] / "_templates"  # inside the wheel
REPO_TEMPLATES = Path(__file__).resolve().parents[3] / "templates"  # a source checkout

ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can hold


def bundled_template(name: str = SCHOOL_TEMPLATE) -> Path:
    """Where the template shipped with the program is: in the wheel, else in the checkout."""
    packaged = PACKAGE_TEMPLATES / name
    return packaged if packaged.is_file() else REPO_TEMPLATES / name


def deterministic_zip(data: bytes) -> bytes:
    """The same zip with fixed timestamps and attributes, entries in their original order."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.create_system = 0
            fixed.external_attr = 0
            target.writestr(fixed, source.read(info.filename), compresslevel=6)
    return out.getvalue()


def jinja_environment() -> Any:
    """Sandboxed, autoescaping, strict: how every report template is rendered."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)


def render_docx(
    template: str | Path,
    context: Mapping[str, Any],
    *,
    properties: Mapping[str, Any] | None = None,
) -> bytes:
    """Render ``template`` with ``context``; ``properties`` set document properties (title...)."""
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    path = Path(template)
    doc = _open(path)
    env = jinja_environment()
    data = dict(context)
    try:
        unknown = doc.get_undeclared_template_variables(env, data)
    except TemplateSyntaxError as exc:
        raise _syntax_error(exc, doc, path) from None
    if unknown:
        raise unknown_tags_error(sorted(unknown), data, path)
    try:
        doc.render(data, env, autoescape=True)
    except UndefinedError as exc:
        raise TemplateError(
            f"Mẫu báo cáo dùng một thẻ không có trong dữ liệu ({exc.message})",
            fix=f"Sửa thẻ cho đúng tên trong {GUIDE_NAME} (ví dụ {{{{ section.title }}}})",
            file=str(path),
        ) from None
    except TemplateSyntaxError as exc:
        raise _syntax_error(exc, doc, path) from None
    except SecurityError as exc:
        raise TemplateError(
            f"Mẫu báo cáo có thẻ truy cập vào phần bên trong chương trình ({exc})",
            fix=f"Chỉ dùng các thẻ liệt kê trong {GUIDE_NAME}",
            file=str(path),
        ) from None
    if properties:
        core = doc.docx.core_properties
        for key, value in properties.items():
            setattr(core, key, _fits(value))
    buffer = io.BytesIO()
    doc.save(buffer)
    return deterministic_zip(buffer.getvalue())


CORE_PROPERTY_CHARS = 255  # what Word's core properties (and python-docx) accept


def _fits(value: Any) -> Any:
    """A document property cut to what Word accepts: a school name can be any length."""
    if isinstance(value, str) and len(value) > CORE_PROPERTY_CHARS:
        return value[: CORE_PROPERTY_CHARS - 1] + "…"
    return value


def _open(path: Path) -> Any:
    from docxtpl import DocxTemplate

    if not path.is_file():
        raise TemplateError(
            "Không tìm thấy tệp mẫu báo cáo",
            fix="Kiểm tra đường dẫn sau --template, hoặc bỏ --template để dùng mẫu có sẵn",
            file=str(path),
        )
    doc = DocxTemplate(path)
    try:
        doc.init_docx()
    except Exception as exc:  # python-docx raises zip, XML and package errors of several kinds
        raise TemplateError(
            f"Tệp mẫu không phải tệp Word .docx hoặc đã hỏng ({type(exc).__name__})",
            fix="Mở mẫu bằng Word và lưu lại dạng «Word Document (*.docx)», không phải .doc",
            file=str(path),
        ) from None
    return doc


def unknown_tags_error(names: list[str], context: Mapping[str, Any], path: Path) -> TemplateError:
    """A message naming each unknown tag and, when one is close, the tag probably meant."""
    shown = []
    for name in names:
        close = difflib.get_close_matches(name, list(context), n=1, cutoff=0.6)
        hint = f" (có phải {{{{ {close[0]} }}}}?)" if close else ""
        shown.append(f"{{{{ {name} }}}}{hint}")
    many = len(names) > 1
    return TemplateError(
        f"Mẫu báo cáo có {'các thẻ' if many else 'thẻ'} không có trong dữ liệu: {', '.join(shown)}",
        fix=f"Sửa tên thẻ trong mẫu cho đúng danh sách thẻ ở {GUIDE_NAME}, rồi lưu mẫu và chạy lại",
        file=str(path),
        value=", ".join(names),
    )


def _syntax_error(exc: Exception, doc: Any, path: Path) -> TemplateError:
    """A broken tag: say which paragraph looks wrong and how tags must be written."""
    message = str(getattr(exc, "message", "") or exc)
    if "endfor" in message:
        what = "thiếu thẻ đóng {%p endfor %} cho một vòng lặp {%p for ... %}"
    elif "endif" in message:
        what = "thiếu thẻ đóng {%p endif %} cho một thẻ {%p if ... %}"
    else:
        what = f"thẻ viết sai cú pháp ({message})"
    suspect = _suspect_paragraph(doc)
    near = f" gần đoạn «{suspect}»" if suspect else ""
    return TemplateError(
        f"Mẫu báo cáo có {what}{near}",
        fix="Mỗi thẻ phải có đủ cặp {{ }} hoặc {%p %}; mỗi {%p for %} cần {%p endfor %}, "
        f"mỗi {{%p if %}} cần {{%p endif %}}; xem {GUIDE_NAME}",
        file=str(path),
    )


def _suspect_paragraph(doc: Any) -> str:
    """The first paragraph whose braces do not pair up, if any (text only, cut short)."""
    for text in _paragraph_texts(doc.docx):
        if text.count("{{") != text.count("}}") or text.count("{%") != text.count("%}"):
            return text if len(text) <= 60 else text[:59] + "…"
    return ""


def _paragraph_texts(document: Any) -> list[str]:
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                texts.extend(p.text for p in cell.paragraphs)
    return texts
