"""The school report's content: a Submission in, the template's context out. Pure, no I/O.

Every tag of ``templates/school_report.docx`` is a key of the dict ``school_context`` returns, and
``CONTEXT_KEYS`` lists them (with their meaning in ``templates/HUONG_DAN_MAU.md``). Text is
composed, trimmed and stripped of characters Word refuses; escaping ``&`` and ``<`` is left to the
renderer (autoescape), so the text here is what the reader will see.

The sections follow the reference report (Trường Mẫu giáo Mỹ An, 2020): the request letter cited
in full, I. organisation, II.1.a) content items, II.1.b) channels, III. results and figures, then
the optional sections (difficulties, next year's tasks, proposals) numbered on from IV, present
only when they have something in them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from outreach_xl.core import formats as vn
from outreach_xl.core.choices import code_of, fold, match_choice, names_of
from outreach_xl.core.model import Submission, paragraphs
from outreach_xl.schema import CHANNELS, FOLLOWUP_KINDS, OTHER, SIGNER_ALONE

# Titles of the optional sections, in report order; {next_year} is the year after the report's.
FOLLOWUP_TITLES: tuple[tuple[str, str], ...] = (
    ("difficulties", "KHÓ KHĂN, HẠN CHẾ"),
    ("tasks", "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM {next_year}"),
    ("proposals", "KIẾN NGHỊ, ĐỀ XUẤT"),
)
FIRST_FOLLOWUP_SECTION = 4  # I, II and III are always there

CONTEXT_KEYS: tuple[str, ...] = (
    "managing_body",
    "school_name",
    "school_name_upper",
    "doc_ref",
    "place_date",
    "report_year",
    "summary",
    "addressee",
    "citation",
    "organisation",
    "content_items",
    "channels",
    "results",
    "figures",
    "followup_sections",
    "recipients",
    "signer_authority",
    "signer_title",
    "signer_name",
)


def school_context(sub: Submission) -> dict[str, Any]:
    """The template context of a school's report (values already in the decree's formats)."""
    year = sub.value("report_year")
    typed_school = _text(sub.value("school_name"))
    school = vn.body_name(typed_school)  # in a sentence; capitals only when typed so
    report_date = sub.value("report_date")
    results, figure_lines = _section_three(sub)
    context: dict[str, Any] = {
        "managing_body": vn.upper(_text(sub.value("managing_body"))),
        "school_name": school,
        "school_name_upper": vn.upper(typed_school),
        "doc_ref": vn.doc_reference(sub.value("doc_number"), _text(sub.value("doc_symbol"))),
        "place_date": (
            vn.place_date(vn.place_name(_text(sub.value("place"))), report_date)
            if isinstance(report_date, dt.date)
            else ""
        ),
        "report_year": str(year or ""),
        "summary": summary_line(school, year),
        "addressee": vn.body_name(_text(sub.value("addressee"))),
        "citation": citation(sub),
        "organisation": [_sentence(vn.xml_safe(p)) for p in paragraphs(sub.value("organisation"))],
        "content_items": vn.punctuate(_items(r.get("text") for r in sub.records("content_items"))),
        "channels": vn.punctuate(
            [c for c in (channel_line(r) for r in sub.records("channels")) if c]
        ),
        "results": results,
        "figures": figure_lines,
        "followup_sections": followup_sections(sub),
        "recipients": recipients(r.get("name") for r in sub.records("recipients")),
        "signer_authority": _signer(sub)[0],
        "signer_title": _signer(sub)[1],
        "signer_name": vn.person_name(_text(sub.value("signer_name"))),
    }
    if tuple(context) != CONTEXT_KEYS:  # a bug: the templates' tags and the context differ
        raise RuntimeError(f"report context keys {tuple(context)} are not CONTEXT_KEYS")
    return context


def summary_line(school: str, year: int | None) -> str:
    """The trích yếu under ``BÁO CÁO``."""
    tail = f" năm {year}" if year else ""
    return f"Hoạt động thông tin đối ngoại của {school}{tail}"


def citation(sub: Submission) -> str:
    """The request letter cited in full: type, number, date, issuing body and subject."""
    kind = vn.document_kind(_text(sub.value("request_kind"))) or "Công văn"
    number = _text(sub.value("request_number"))
    date = sub.value("request_date")
    issuer = vn.body_name(_text(sub.value("request_issuer")))
    subject = vn.request_subject(" ".join(paragraphs(sub.value("request_subject"))))
    subject = subject.rstrip(" .;,")
    parts = [f"{kind} số {number}" if number else kind]
    if isinstance(date, dt.date):
        parts.append(f"ngày {vn.short_date(date)}")
    if issuer:
        parts.append(f"của {issuer}")
    if subject:
        parts.append(f"về {subject}")
    return vn.xml_safe(" ".join(parts))


def _section_three(sub: Submission) -> tuple[list[str], list[str]]:
    """Results then figures: one list to the reader, so one punctuation (``;``..., ``.``)."""
    results = _items(r.get("text") for r in sub.records("results"))
    lines = vn.punctuate(results + figures(sub))
    return lines[: len(results)], lines[len(results) :]


def figures(sub: Submission) -> list[str]:
    """Section III's figures (unpunctuated), with total and rate only when the school gave it."""
    lines: list[str] = []
    staff = sub.value("staff_participants")
    if staff is not None:
        share = vn.share(staff, sub.value("staff_total"))
        lines.append(f"Số cán bộ, giáo viên, nhân viên tham gia: {share}")
    pupils = sub.value("pupil_participants")
    if pupils is not None:
        lines.append(f"Số học sinh tham gia: {vn.share(pupils, sub.value('pupil_total'))}")
    sessions = sub.value("sessions")
    if sessions is not None:
        lines.append(f"Số lần tuyên truyền: {vn.thousands(sessions)}")
    news = sub.value("news_items")
    if news is not None:
        lines.append(
            f"Số tin, bài đăng trên trang thông tin điện tử, mạng xã hội: {vn.thousands(news)}"
        )
    parents = sub.value("parents_reached")
    if parents is not None:
        lines.append(f"Số lượt phụ huynh được tuyên truyền: {vn.thousands(parents)}")
    return lines


def followup_sections(sub: Submission) -> list[dict[str, Any]]:
    """Difficulties, tasks and proposals that have rows, numbered IV, V, VI in that order."""
    year = sub.value("report_year")
    rows = sub.records("followups")
    sections: list[dict[str, Any]] = []
    for kind, title in FOLLOWUP_TITLES:
        items = _items(r.get("text") for r in rows if _kind_code(r.get("kind")) == kind)
        if not items:
            continue
        next_year = str(year + 1) if isinstance(year, int) else "tới"
        sections.append(
            {
                "number": vn.roman(FIRST_FOLLOWUP_SECTION + len(sections)),
                "title": title.format(next_year=next_year),
                "lines": vn.punctuate(items),  # not "items": Jinja would find the dict's method
            }
        )
    return sections


def recipients(names: Iterable[Any]) -> list[str]:
    """``Nơi nhận`` lines without their dash: each ends with ``;``, the last with ``.``."""
    cleaned = [_text(n).lstrip("-–+•* ").rstrip(" ;.,") for n in names]  # names never start so
    cleaned = [_archive(n) if _ARCHIVE.match(n) else vn.recipient_name(n) for n in cleaned]
    return vn.punctuate([n for n in cleaned if n])


# --- helpers -------------------------------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    return vn.xml_safe(" ".join(vn.nfc(str(value)).split()))


def _sentence(text: str) -> str:
    """A paragraph of prose ends as a sentence: ``... nhân viên;`` -> ``... nhân viên.``."""
    if text.endswith(("?", "!", "…", "./.")):
        return text
    return f"{vn.item_body(text)}."


_ARCHIVE = re.compile(r"^lưu\s*:?\s*vt\b\s*", re.IGNORECASE)


def _archive(line: str) -> str:
    """``Lưu: VT`` and what follows it, each part after a comma: the drafting unit's abbreviation
    in capitals as any abbreviation of a recipient (``lưu: vt, vp`` -> ``Lưu: VT, VP``)."""
    parts = [p.strip() for p in _ARCHIVE.sub("", line).split(",") if p.strip()]
    return ", ".join(["Lưu: VT", *(vn.recipient_name(p) if " " not in p else p for p in parts)])


def _authority(value: Any) -> str:
    return vn.signer_authority(_text(value))


def _signer(sub: Submission) -> tuple[str, str]:
    """The signing authority's line and the signer's title's: an acting head's «Q. HIỆU TRƯỞNG»
    is the whole title (Decree 30 writes nothing of the signer's own below it)."""
    authority = _authority(sub.value("signer_authority"))
    title = vn.upper(_text(sub.value("signer_title")))
    if authority.startswith(SIGNER_ALONE):
        return "", authority
    return authority, title


def _channel_lines(sub: Submission) -> list[str]:
    return [c for c in (channel_line(r) for r in sub.records("channels")) if c]


def _items(values: Iterable[Any]) -> list[str]:
    """List items as single paragraphs, their leading dash (typed by habit) removed, each
    starting with a capital as a list item does."""
    out = []
    for value in values:
        lines = paragraphs(value if isinstance(value, str) else _text(value))
        text = vn.one_item([vn.xml_safe(line) for line in lines])
        if text:
            out.append(vn.upper_first(text))
    return out


def channel_line(row: dict[str, Any]) -> str:
    """A ``Hình thức`` row as the reference report reads: the channel, what was done, the count.

    ``Mạng xã hội Zalo: đăng 8 bài về ... (số tin, bài, lượt: 8)``. The channel is the list's
    label (a typed label is matched to it); «Khác» names nothing, and a text that already starts
    with the channel's name is not preceded by it again. Unpunctuated (``punctuate`` ends it).
    """
    found = _items([row.get("activity")])
    if not found:
        return ""
    text = found[0]
    name = _channel_name(row.get("channel"))
    typed = _text(row.get("channel"))
    choice = match_choice(CHANNELS, typed)
    spoken = [*(names_of(choice) if choice else ()), typed]
    if name and not any(_starts_with(text, n) for n in spoken if n):
        text = f"{name}: {vn.continued(text)}"
    count = row.get("count")
    if isinstance(count, int):
        text = f"{vn.item_body(text)} (số tin, bài, lượt: {vn.thousands(count)})"
    return text


def _channel_name(typed: Any) -> str:
    """The list's label for what was typed; a label not on the list as typed; «Khác»: none."""
    text = _text(typed)
    choice = match_choice(CHANNELS, text)
    if choice is None:
        return text
    return "" if choice.code == OTHER else choice.label


def _starts_with(text: str, name: str) -> bool:
    folded, head = fold(text), fold(name)
    return bool(head) and (folded == head or folded.startswith(head + " "))


def _kind_code(label: Any) -> str:
    return code_of(FOLLOWUP_KINDS, _text(label))
