"""The chase (催办) as text to paste into a group chat, and as JSON for other tools."""

from __future__ import annotations

from ducha.domain.chase import Chase, Item, Party, Urgency
from ducha.domain.index import Index
from ducha.domain.settings import Lang
from ducha.domain.workdays import WorkCalendar
from ducha.outputs.i18n import text

MARK = {Urgency.OVERDUE: "🔴", Urgency.DUE: "🟡", Urgency.UNVERIFIED: "⏳"}


def item_words(item: Item, lang: Lang) -> str:
    """Why an item is chased, in a few words: 超期 3 个工作日, 还剩 1 个工作日, 已等 6 个工作日."""
    if item.urgency is Urgency.OVERDUE:
        return text("chase-late", lang, days=item.days)
    if item.urgency is Urgency.DUE:
        return text("chase-left", lang, days=item.days) if item.days else text("due-today", lang)
    return text("chase-waited", lang, days=item.days)


def totals(found: Chase, lang: Lang) -> str:
    """超期 3 项、即将到期 2 项、待核验 1 项."""
    return text(
        "chase-totals",
        lang,
        red=found.count(Urgency.OVERDUE),
        yellow=found.count(Urgency.DUE),
        waiting=found.count(Urgency.UNVERIFIED),
    )


def _md(text_: str) -> str:
    """Text of a record made inert in Markdown: no links, emphasis or headings of its own."""
    flat = " ".join(text_.split())
    return "".join("\\" + c if c in "\\`*_[]<>#|~" else c for c in flat)


def chase_markdown(found: Chase, lang: Lang) -> str:
    """One message for the group chat: a heading, then each party with its items."""
    day = found.as_of.isoformat()
    lines = [f"**{text('chase-title', lang, date=day)}**", totals(found, lang), ""]
    if not found.parties:
        lines.append(text("chase-none", lang))
    for party in found.parties:
        lines.append(_party_heading(party, lang))
        for item in party.items:
            finding, deadline = item.status.finding, item.status.deadline
            due = text("chase-deadline", lang, date=deadline.isoformat()) if deadline else ""
            lines.append(
                text(
                    "chase-item",
                    lang,
                    mark=MARK[item.urgency],
                    why=item_words(item, lang),
                    description=_md(finding.description),
                    id=finding.id,
                    due=due,
                )
            )
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _party_heading(party: Party, lang: Lang) -> str:
    contact = (
        f"  {text('chase-contact', lang, contact=_md(party.contact))}" if party.contact else ""
    )
    return f"### {_md(party.name)}{contact}"


def chase_json(found: Chase, repo: Index, calendar: WorkCalendar) -> str:
    """``{"as_of", "by", "parties": [{"key", "name", "contact", "items": [...]}]}``."""
    from ducha.outputs.formats import document, finding_fields

    parties = [
        {
            "key": p.key,
            "name": p.name,
            "contact": p.contact,
            "items": [
                {
                    "urgency": i.urgency.value,
                    "working_days": i.days,
                    **finding_fields(i.status, repo, found.as_of, calendar),
                }
                for i in p.items
            ],
        }
        for p in found.parties
    ]
    head = {
        "as_of": found.as_of.isoformat(),
        "by": found.by,
        "within": found.within,
        "verify_within": found.verify_within,
    }
    return document(head, {"parties": parties})
