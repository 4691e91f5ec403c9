"""A review (``ducha diff``) or a history (``ducha log``) as text, Markdown or JSON.

Items carry values; here they become words in the reader's language: codes as labels,
deadline rules with the day they resolve to, dates, report-backs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from ducha.domain.lifecycle import State
from ducha.domain.model import Due, Exemplar, Report
from ducha.domain.review import Deadline, Item, Review
from ducha.domain.settings import Lang
from ducha.domain.vocab import VISIT_STATUS
from ducha.outputs.i18n import CATALOGUE, message, text
from ducha.outputs.labels import Labels
from ducha.outputs.visible import visible

_LIST = {"zh": "、", "en": ", "}

# which vocabulary a field's codes come from
_CODED = {
    "severity": "severity",
    "focus": "focus",
    "scope": "scope",
    "dispositions": "disposition",
    "methods": "method",
    "result": "result",
    "status": "status",
    "kind": "unit_kind",
}


def show(value: Any, labels: Labels, field: str = "") -> str:
    """A value of an item in words."""
    lang = labels.lang
    if value is None or value == "" or value == ():
        return text("nothing", lang)
    for kind, say in _SAYS:
        if isinstance(value, kind):
            return say(value, labels)
    if isinstance(value, tuple | list):
        return _LIST[lang].join(show(v, labels, field) for v in value)
    if isinstance(value, str) and field.rpartition(".")[2] in _CODED:
        return _label(value, labels, _CODED[field.rpartition(".")[2]])
    return str(value)


def _deadline(value: Deadline, labels: Labels) -> str:
    date = labels.date(value.date) if value.date else text("deadline-unknown", labels.lang)
    if value.rule.kind == "date":
        return date
    return text("deadline-at", labels.lang, rule=show(value.rule, labels), date=date)


def _report(value: Report, labels: Labels) -> str:
    note = value.note
    if value.evidence:
        note = f"{note} [{_LIST[labels.lang].join(value.evidence)}]".strip()
    return text("report-value", labels.lang, date=labels.date(value.date), note=note).strip()


def _due(due: Due, labels: Labels) -> str:
    lang = labels.lang
    if due.kind == "date":
        return labels.date(due.date)
    if due.kind == "days":
        return text("due-days", lang, days=due.days)
    return text(f"due-{due.kind}", lang)


# The first class a value is an instance of says how it is put into words (bool before the
# rest: it is no date, but ``State`` is a str).
_SAYS: tuple[tuple[type, Callable[[Any, Labels], str]], ...] = (
    (State, lambda value, labels: text(f"state-{value.value}", labels.lang)),
    (Deadline, _deadline),
    (Due, _due),
    (Report, _report),
    (Exemplar, lambda value, _: str(value.description)),
    (bool, lambda value, labels: text("yes" if value else "no", labels.lang)),
    (dt.date, lambda value, labels: labels.date(value)),
)


def _label(code: str, labels: Labels, kind: str) -> str:
    if kind == "status":
        return VISIT_STATUS.label(code, labels.lang)
    found = {
        "severity": labels.severity,
        "focus": labels.focus,
        "scope": labels.scope,
        "disposition": labels.disposition,
        "method": labels.method,
        "result": labels.result,
        "unit_kind": labels.unit_kind,
    }[kind]
    return found(code)


def _field(item: Item, lang: Lang) -> str:
    name = item.field.rpartition(".")[2] if item.kind != "check-removed" else item.field
    if item.kind in ("deadline", "check-recorded", "check-removed") or not item.field:
        return item.field
    head = item.field.partition(".")[0]
    words = text(f"field-{name}", lang) if f"field-{name}" in CATALOGUE else name
    if head != item.field and not head.startswith("reports"):
        return f"{head} {words}"
    return words


def _words(item: Item, labels: Labels) -> dict[str, str]:
    field = item.field
    if item.kind in ("check-recorded", "check-removed"):
        field = "result"
    words = {
        "subject": item.subject,
        "field": _field(item, labels.lang),
        "old": show(item.old, labels, field),
        "new": show(item.new, labels, field),
    }
    if item.kind == "check-edited":
        visit, _, name = item.field.partition(".")
        words["visit"] = visit
        key = f"field-{name}"
        words["field"] = text(key, labels.lang) if key in CATALOGUE else name
    return words


def line(item: Item, labels: Labels) -> str:
    """One change as a sentence, with its flag."""
    lang = labels.lang
    words = _words(item, labels)
    if item.kind == "check-recorded":
        words["old"] = item.field
    sentence = text(f"diff-{item.kind}", lang, **words)
    if item.kind == "deadline" and item.field:
        sentence = f"{sentence}（{item.field}）" if lang == "zh" else f"{sentence} ({item.field})"
    return f"{sentence}  ⚠ {text(f'flag-{item.flag}', lang)}" if item.flag else sentence


def _plain(value: Any) -> Any:
    """A value as JSON: codes stay codes, dates ISO, deadlines as their rule and day."""
    if isinstance(value, State):
        return value.value
    if isinstance(value, Deadline):
        return {"rule": _plain(value.rule), "date": _plain(value.date)}
    if isinstance(value, Due):
        return {"kind": value.kind, "date": _plain(value.date), "days": value.days}
    if isinstance(value, Report):
        return {"date": _plain(value.date), "evidence": list(value.evidence), "note": value.note}
    if isinstance(value, Exemplar):
        return {"unit": value.unit, "focus": value.focus, "description": value.description}
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def item_dict(item: Item, labels: Labels) -> dict[str, Any]:
    """One change as a JSON object: values as codes, and the sentence beside them."""
    return {
        "kind": item.kind,
        "subject": item.subject,
        "field": item.field,
        "old": _plain(item.old),
        "new": _plain(item.new),
        "flag": item.flag or None,
        "text": line(item, labels),
    }


def review_text(review: Review, labels: Labels, *, markdown: bool = False) -> str:
    """The review for a terminal, or as Markdown ready to paste into a merge request."""
    lang = labels.lang
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
        sentence = line(item, labels)
        lines.append(f"{bullet}**{sentence}**" if markdown and item.flag else f"{bullet}{sentence}")
    if review.problems:
        lines += ["", text("diff-problems", lang)]
        lines += [
            f"{bullet}`{p.position}` {message(p, lang)} [{p.rule}]"
            if markdown
            else f"{bullet}{p.position}: {message(p, lang)} [{p.rule}]"
            for p in review.problems
        ]
    return visible("\n".join(lines)) + "\n"


def review_json(review: Review, labels: Labels) -> str:
    """``{"base", "target", "as_of", "changes": [...], "problems": [...]}``."""
    from ducha.outputs.formats import document, issue_dict

    head = {"base": review.base, "target": review.target, "as_of": review.as_of.isoformat()}
    return document(
        head,
        {
            "changes": [item_dict(i, labels) for i in review.items],
            "problems": [issue_dict(p, labels.lang) for p in review.problems],
        },
    )
