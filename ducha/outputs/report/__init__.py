"""Memos: build the model for a kind, lay it out in a format, name the files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from ducha.domain.index import Index
from ducha.domain.settings import Lang
from ducha.domain.workdays import WorkCalendar
from ducha.errors import UserError
from ducha.outputs.i18n import text
from ducha.outputs.report.build import RECIPIENTS as RECIPIENT_NAMES
from ducha.outputs.report.build import Request, bulletin
from ducha.outputs.report.letters import brief, notice, referral, special, units_with_open_findings
from ducha.outputs.report.model import Memo
from ducha.outputs.report.printing import render_pdf
from ducha.outputs.report.reminders import reminder
from ducha.outputs.report.render import (
    TemplateChoice,
    choose,
    render_docx,
    render_text,
)
from ducha.outputs.report.words import doc_number, issue_number

KINDS = ("bulletin", "notice", "reminder", "special", "referral", "brief")
RECIPIENTS = tuple(RECIPIENT_NAMES)  # discipline, police

__all__ = [
    "KINDS",
    "RECIPIENTS",
    "Document",
    "Request",
    "memo_name",
    "memos",
    "produce",
    "render_memo",
    "templates",
    "with_number",
]


@dataclass(frozen=True, slots=True)
class Document:
    """One rendered memo and the file name it would take."""

    name: str
    content: bytes
    memo: Memo


def memos(
    repo: Index,
    kind: str,
    request: Request,
    calendar: WorkCalendar,
    unit: str | None,
    recipient: str | None,
    lang: Lang,
) -> list[tuple[str, Memo]]:
    """The memos a request asks for, each with a file stem."""
    stamp = request.as_of.isoformat()
    if kind in ("notice", "reminder"):
        if unit is not None and unit not in repo.units:
            raise UserError(text("unknown-unit-option", lang, unit=unit))
        units = [unit] if unit else units_with_open_findings(repo, request, calendar)
        to_unit = notice if kind == "notice" else reminder
        # each notice is a document of its own, with its own number
        notices: list[tuple[str, Memo]] = []
        for u in units:
            memo = to_unit(repo, _nth(request, len(notices)), calendar, u)
            if memo is not None:
                notices.append((f"{kind}-{u}-{stamp}", memo))
        return notices
    if kind == "referral":
        found: list[tuple[str, Memo]] = []
        for whom in [recipient] if recipient else list(RECIPIENTS):
            memo = referral(repo, _nth(request, len(found)), calendar, whom)
            if memo is not None:
                found.append((f"referral-{whom}-{stamp}", memo))
        return found
    builder = {"bulletin": bulletin, "special": special, "brief": brief}[kind]
    made = builder(repo, request, calendar)
    return [(f"{kind}-{stamp}", made)] if made is not None else []


def _nth(request: Request, offset: int) -> Request:
    """The request for the next memo of a set: the next number, or a draft again."""
    if request.number is None:
        return request
    return replace(request, number=request.number + offset)


def memo_name(stem: str, request: Request) -> str:
    """What identifies a memo in the register: its kind, subject and date, and its period."""
    return f"{stem}@{request.start.isoformat()}..{request.end.isoformat()}"


def with_number(memo: Memo, sequence_name: str, prefix: str, year: int, number: int) -> Memo:
    """The draft ``memo`` as issued under ``number``."""
    if sequence_name == "document":
        return replace(memo, doc_number=doc_number(prefix, year, number))
    return replace(memo, issue=issue_number(number))


def render_memo(memo: Memo, fmt: str, root: Path, lang: Lang) -> bytes:
    """One memo laid out in ``fmt``."""
    if fmt == "docx":
        return render_docx(memo, root, lang)
    if fmt == "pdf":
        return render_pdf(memo, root, lang)
    return render_text(memo, fmt, root, lang).encode("utf-8")


def produce(
    repo: Index,
    kind: str,
    fmt: str,
    request: Request,
    calendar: WorkCalendar,
    lang: Lang,
    unit: str | None = None,
    recipient: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Document]:
    """Every document of a request, rendered."""
    documents = []
    wanted = memos(repo, kind, request, calendar, unit, recipient, lang)
    for stem, memo in wanted:
        content = render_memo(memo, fmt, repo.root, lang)
        documents.append(Document(f"{stem}.{fmt}", content, memo))
        if progress is not None:
            progress(len(documents), len(wanted))
    return documents


def sequence(kind: str) -> str:
    """The number sequence a kind draws on: 专报 and 日报 have issues, the rest share 发文字号."""
    return kind if kind in ("special", "brief") else "document"


def templates(root: Path) -> list[TemplateChoice]:
    """Which template each kind and format uses."""
    found = []
    for kind in KINDS:
        for fmt in ("md", "html", "docx"):
            choice = choose(kind, fmt, root)
            if choice is not None:
                found.append(choice)
    return found


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """Monday to Sunday around ``day``."""
    start = day - dt.timedelta(days=day.weekday())
    return start, start + dt.timedelta(days=6)


def month_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """The calendar month around ``day``."""
    start = day.replace(day=1)
    following = (start + dt.timedelta(days=32)).replace(day=1)
    return start, following - dt.timedelta(days=1)
