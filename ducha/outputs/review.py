"""A review (``ducha diff``) or a history (``ducha log``) as text, Markdown or JSON."""

from __future__ import annotations

from typing import Any

from ducha.domain.review import Item, Review
from ducha.domain.vocab import RESULTS
from ducha.outputs.i18n import CATALOGUE, Lang, message, text

_STATE_KEYS = {"open", "reported", "closed", "reopened"}


def _words(item: Item, lang: Lang) -> dict[str, str]:
    field = text(f"field-{item.field}", lang) if f"field-{item.field}" in CATALOGUE else item.field
    values = {"subject": item.subject, "field": field, "old": item.old, "new": item.new}
    if item.kind == "state":
        values["old"] = text(f"state-{item.old}", lang) if item.old in _STATE_KEYS else item.old
        values["new"] = text(f"state-{item.new}", lang) if item.new in _STATE_KEYS else item.new
    if item.kind == "check-recorded":
        values["new"] = RESULTS.label(item.new, lang)
    return values


def line(item: Item, lang: Lang) -> str:
    """One change as a sentence, with its flag."""
    sentence = text(f"diff-{item.kind}", lang, **_words(item, lang))
    return f"{sentence}  ⚠ {text(f'flag-{item.flag}', lang)}" if item.flag else sentence


def item_dict(item: Item, lang: Lang) -> dict[str, Any]:
    """One change as a JSON object."""
    return {
        "kind": item.kind,
        "subject": item.subject,
        "field": item.field,
        "old": item.old,
        "new": item.new,
        "flag": item.flag or None,
        "text": line(item, lang),
    }


def review_text(review: Review, lang: Lang, *, markdown: bool = False) -> str:
    """The review for a terminal, or as Markdown ready to paste into a merge request."""
    flagged = text("diff-flagged", lang, count=len(review.flagged)) if review.flagged else ""
    title = text(
        "diff-title",
        lang,
        base=review.base,
        target=review.target,
        count=len(review.items),
        flagged=flagged,
    )
    lines = [f"### {title}" if markdown else title, ""]
    bullet = "- " if markdown else "  "
    if not review.items:
        lines.append(text("diff-none", lang))
    for item in review.items:
        sentence = line(item, lang)
        lines.append(f"{bullet}**{sentence}**" if markdown and item.flag else f"{bullet}{sentence}")
    if review.problems:
        lines += ["", text("diff-problems", lang)]
        lines += [
            f"{bullet}`{p.position}` {message(p, lang)} [{p.rule}]"
            if markdown
            else f"{bullet}{p.position}: {message(p, lang)} [{p.rule}]"
            for p in review.problems
        ]
    return "\n".join(lines) + "\n"


def review_json(review: Review, lang: Lang) -> str:
    """``{"base", "target", "as_of", "changes": [...], "problems": [...]}``."""
    from ducha.outputs.formats import document, issue_dict

    head = {"base": review.base, "target": review.target, "as_of": review.as_of.isoformat()}
    return document(
        head,
        {
            "changes": [item_dict(i, lang) for i in review.items],
            "problems": [issue_dict(p, lang) for p in review.problems],
        },
    )
