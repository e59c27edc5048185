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
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from outreach_xl.errors import TemplateError
from outreach_xl.word.header_lines import fit_header, fit_title

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
        name = _undefined_name(str(exc.message or ""))
        raise TemplateError(
            f"Mẫu báo cáo dùng một thẻ không có trong dữ liệu{name}",
            fix=f"Sửa thẻ cho đúng tên trong {GUIDE_NAME} (ví dụ {{{{ section.title }}}})",
            file=str(path),
        ) from None
    except TemplateSyntaxError as exc:
        raise _syntax_error(exc, doc, path) from None
    except SecurityError:
        raise TemplateError(
            "Mẫu báo cáo có thẻ truy cập vào phần bên trong chương trình",
            fix=f"Chỉ dùng các thẻ liệt kê trong {GUIDE_NAME}",
            file=str(path),
        ) from None
    fit_header(doc.docx)
    fit_title(doc.docx)
    keep_ending_together(doc.docx)
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


def keep_ending_together(document: Any, lines_before: int = 3) -> None:
    """The closing sentence and the last lines of the body stay on the page of the ending table.

    Without this the closing sentence can stand alone at the top of an otherwise empty last page
    above the signature. ``keep with next`` is set on the paragraphs just before the document's
    last table (the recipients and signer), counting ``lines_before`` written paragraphs: the
    closing sentence and the two lines above it.
    """
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tables = document.element.body.findall(qn("w:tbl"))
    if not tables:
        return
    node = tables[-1].getprevious()
    kept = 0
    while node is not None and node.tag == qn("w:p") and kept < lines_before:
        if "".join(t.text or "" for t in node.iter(qn("w:t"))).strip():
            ppr = node.find(qn("w:pPr"))
            if ppr is None:
                ppr = OxmlElement("w:pPr")
                node.insert(0, ppr)
            if ppr.find(qn("w:keepNext")) is None:
                keep = OxmlElement("w:keepNext")
                style = ppr.find(qn("w:pStyle"))
                if style is not None:
                    style.addnext(keep)
                else:
                    ppr.insert(0, keep)
            kept += 1
        node = node.getprevious()


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
    except Exception:  # python-docx raises zip, XML and package errors of several kinds
        raise TemplateError(
            "Tệp mẫu không phải tệp Word .docx hoặc đã hỏng",
            fix="Mở mẫu bằng Word và lưu lại dạng «Word Document (*.docx)», không phải .doc",
            file=str(path),
        ) from None
    return doc


def unknown_tags_error(names: list[str], context: Mapping[str, Any], path: Path) -> TemplateError:
    """A message naming each unknown tag and, when one is close, the tag probably meant."""
    shown = []
    for name in names:
        close = nearest_tag(name, context)
        hint = f" (có phải {{{{ {close} }}}}?)" if close else ""
        shown.append(f"{{{{ {name} }}}}{hint}")
    many = len(names) > 1
    return TemplateError(
        f"Mẫu báo cáo có {'các thẻ' if many else 'thẻ'} không có trong dữ liệu: {', '.join(shown)}",
        fix=f"Sửa tên thẻ trong mẫu cho đúng danh sách thẻ ở {GUIDE_NAME}, rồi lưu mẫu và chạy lại",
        file=str(path),
        value=", ".join(names),
    )


# Tags as a Vietnamese clerk may name them (ASCII, the way tags are typed): each points to the
# real tag, so ``{{ ten_truong }}`` is answered with ``{{ school_name }}``.
TAG_WORDS: dict[str, tuple[str, ...]] = {
    "managing_body": ("co_quan_chu_quan", "chu_quan", "co_quan"),
    "school_name": ("ten_truong", "truong", "ten_don_vi"),
    "school_name_upper": ("ten_truong_in_hoa", "ten_truong_hoa", "truong_in_hoa"),
    "unit_name": ("ten_don_vi", "don_vi"),
    "unit_name_upper": ("ten_don_vi_in_hoa", "don_vi_in_hoa"),
    "doc_ref": ("so_ky_hieu", "so_van_ban", "so", "ky_hieu"),
    "place_date": ("dia_danh_ngay", "ngay_thang", "dia_danh", "ngay"),
    "report_year": ("nam_bao_cao", "nam"),
    "year": ("nam_bao_cao", "nam"),
    "summary": ("trich_yeu",),
    "addressee": ("kinh_gui", "noi_gui"),
    "citation": ("can_cu", "van_ban_yeu_cau", "cong_van"),
    "organisation": ("cong_tac_to_chuc", "to_chuc", "trien_khai"),
    "content_items": ("noi_dung", "noi_dung_tuyen_truyen"),
    "channels": ("hinh_thuc", "hinh_thuc_tuyen_truyen", "kenh"),
    "results": ("ket_qua", "ket_qua_dat_duoc"),
    "figures": ("so_lieu", "con_so"),
    "followup_sections": ("kho_khan", "de_xuat", "kien_nghi", "nhiem_vu"),
    "recipients": ("noi_nhan",),
    "signer_authority": ("tham_quyen", "ky_thay"),
    "signer_title": ("chuc_vu", "chuc_danh"),
    "signer_name": ("nguoi_ky", "ho_ten", "ten_nguoi_ky"),
}


def nearest_tag(name: str, context: Mapping[str, Any]) -> str | None:
    """The real tag a mistyped one most likely meant, by its English or Vietnamese name."""
    spellings: dict[str, str] = {key: key for key in context}
    for key, words in TAG_WORDS.items():
        if key in context:
            for word in words:
                spellings.setdefault(word, key)
    folded = name.strip().casefold().replace(" ", "_")
    if folded in spellings:
        return spellings[folded]
    close = difflib.get_close_matches(folded, list(spellings), n=1, cutoff=0.6)
    return spellings[close[0]] if close else None


def _undefined_name(message: str) -> str:
    """The tag name in Jinja's (English) undefined message, as `` «name»``, or nothing."""
    found = re.search(r"attribute '([^']+)'|'([^']+)' is undefined", message)
    if not found:
        return ""
    return f" «{found.group(1) or found.group(2)}»"


# Jinja's syntax messages (English) as a clerk can act on them.
_SYNTAX_WORDS = (
    ("unexpected '}'", "thừa hoặc thiếu một dấu ngoặc }"),
    ("unexpected '%'", "thừa hoặc thiếu một dấu %"),
    ("unexpected end of template", "một thẻ chưa được đóng"),
    ("unexpected char", "có ký tự lạ trong thẻ"),
    ("expected token", "trong thẻ có chữ thừa hoặc thiếu dấu"),
    ("Encountered unknown tag", "có thẻ {% %} không hợp lệ"),
    ("unexpected", "thẻ viết không đúng"),
)


def _syntax_error(exc: Exception, doc: Any, path: Path) -> TemplateError:
    """A broken tag: say which paragraph looks wrong and how tags must be written."""
    message = str(getattr(exc, "message", "") or exc)
    if "endfor" in message:
        what = "thiếu thẻ đóng {%p endfor %} cho một vòng lặp {%p for ... %}"
    elif "endif" in message:
        what = "thiếu thẻ đóng {%p endif %} cho một thẻ {%p if ... %}"
    else:
        said = next((vi for en, vi in _SYNTAX_WORDS if en in message), "")
        what = f"thẻ viết sai cú pháp ({said})" if said else "thẻ viết sai cú pháp"
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
