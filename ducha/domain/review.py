"""What a change means: the semantic difference between two sides of the records.

Both sides are loaded by the same loader as ``validate``; a side with broken records is
reported, not crashed on. States and deadlines are derived on both sides as of one date, so
a reviewer sees "closed", "reopened" or "deadline extended", not a changed line of YAML.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from ducha.checks.issues import Issue, Severity
from ducha.domain.lifecycle import Status, statuses
from ducha.domain.lifecycle import deadline as derive_deadline
from ducha.domain.model import Due, Finding, Visit
from ducha.domain.vocab import DISPOSITIONS, METHODS, SCOPES
from ducha.domain.workdays import WorkCalendar
from ducha.store.load import Repository

VISIT_FIELDS = ("date", "team", "units", "status", "methods", "focus", "summary", "returns_to")
FINDING_FIELDS = (
    "unit",
    "focus",
    "severity",
    "scope",
    "description",
    "responsible",
    "dispositions",
    "due",
)


@dataclass(frozen=True, slots=True)
class Item:
    """One meaningful change."""

    kind: str  # see KIND_ORDER
    subject: str  # a visit, finding, unit or team id, or a config section
    field: str = ""
    old: str = ""
    new: str = ""
    flag: str = ""  # extension | backdated | report-backdated


@dataclass(frozen=True, slots=True)
class Review:
    """The difference between two sides."""

    base: str
    target: str
    as_of: dt.date
    items: tuple[Item, ...]
    problems: tuple[Issue, ...] = field(default=())

    @property
    def flagged(self) -> tuple[Item, ...]:
        """Items a reviewer must look at twice."""
        return tuple(i for i in self.items if i.flag)


KIND_ORDER = (
    "config", "visit-added", "visit-removed", "visit-edited", "finding-added", "finding-removed",
    "state", "deadline", "finding-edited", "evidence-added", "evidence-removed", "check-recorded",
    "unit-added", "unit-removed", "unit-edited", "team-added", "team-removed", "team-edited",
)  # fmt: skip


def _show(value: object) -> str:
    if isinstance(value, Due):
        return {
            "date": _show(value.date),
            "days": f"{value.days}个工作日",
            "immediate": "立行立改",
            "default": "默认",
        }[value.kind]
    if isinstance(value, tuple | list):
        return "、".join(_show(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _fields(
    kind: str, subject: str, old: object, new: object, names: tuple[str, ...]
) -> list[Item]:
    return [
        Item(kind, subject, name, _show(getattr(old, name)), _show(getattr(new, name)))
        for name in names
        if getattr(old, name) != getattr(new, name)
    ]


def _visits(old: Repository, new: Repository) -> list[Item]:
    before = {v.id: v for v in old.visits}
    after = {v.id: v for v in new.visits}
    items = [
        Item("visit-added", i, new=after[i].path) for i in sorted(after.keys() - before.keys())
    ]
    items += [
        Item("visit-removed", i, old=before[i].path) for i in sorted(before.keys() - after.keys())
    ]
    for visit_id in sorted(before.keys() & after.keys()):
        items += _fields("visit-edited", visit_id, before[visit_id], after[visit_id], VISIT_FIELDS)
        items += _checks(before[visit_id], after[visit_id])
    for visit_id in sorted(after.keys() - before.keys()):
        items += _checks(None, after[visit_id])
    return items


def _checks(old: Visit | None, new: Visit) -> list[Item]:
    known = {(c.finding, c.result) for c in old.checks} if old else set()
    return [
        Item("check-recorded", check.finding, new=check.result, old=new.id)
        for check in new.checks
        if (check.finding, check.result) not in known
    ]


def _all_findings(repo: Repository) -> dict[str, Finding]:
    return {f.id: f for v in repo.visits for f in v.findings}


def _findings(old: Repository, new: Repository) -> list[Item]:
    before, after = _all_findings(old), _all_findings(new)
    items = [
        Item("finding-added", i, new=after[i].description)
        for i in sorted(after.keys() - before.keys())
    ]
    items += [
        Item("finding-removed", i, old=before[i].description)
        for i in sorted(before.keys() - after.keys())
    ]
    for finding_id in sorted(before.keys() & after.keys()):
        a, b = before[finding_id], after[finding_id]
        items += _fields("finding-edited", finding_id, a, b, FINDING_FIELDS)
        old_evidence = {e for r in a.reports for e in r.evidence}
        new_evidence = {e for r in b.reports for e in r.evidence}
        items += [
            Item("evidence-added", finding_id, new=e) for e in sorted(new_evidence - old_evidence)
        ]
        items += [
            Item("evidence-removed", finding_id, old=e) for e in sorted(old_evidence - new_evidence)
        ]
        old_report = max((r.date for r in a.reports), default=None)
        new_report = max((r.date for r in b.reports), default=None)
        if old_report and new_report and new_report < old_report:
            items.append(
                Item(
                    "finding-edited",
                    finding_id,
                    "reports",
                    _show(old_report),
                    _show(new_report),
                    "report-backdated",
                )
            )
    return items


def _states(old: list[Status], new: list[Status], as_of: dt.date) -> list[Item]:
    before = {s.id: s for s in old}
    items = []
    for status in new:
        previous = before.get(status.id)
        if previous is None:
            continue
        if previous.state != status.state:
            items.append(Item("state", status.id, old=previous.state.value, new=status.state.value))
        if previous.deadline != status.deadline and previous.deadline and status.deadline:
            flag = "extension" if status.deadline > previous.deadline else ""
            if status.deadline < previous.deadline and status.deadline < as_of:
                flag = "backdated"
            if previous.state != status.state:
                flag = ""  # reopened: a new deadline, not an extension
            old_date, new_date = _show(previous.deadline), _show(status.deadline)
            items.append(Item("deadline", status.id, old=old_date, new=new_date, flag=flag))
    return items


def _directory(
    kind: str, old: dict[str, object], new: dict[str, object], names: tuple[str, ...]
) -> list[Item]:
    items = [Item(f"{kind}-added", i) for i in sorted(new.keys() - old.keys())]
    items += [Item(f"{kind}-removed", i) for i in sorted(old.keys() - new.keys())]
    for key in sorted(old.keys() & new.keys()):
        items += _fields(f"{kind}-edited", key, old[key], new[key], names)
    return items


def record_changes(old: Repository, new: Repository) -> list[Item]:
    """What was written differently: visits, findings, units and teams (no derived state)."""
    return (
        _visits(old, new)
        + _findings(old, new)
        + _directory("unit", dict(old.units), dict(new.units), ("name", "district", "kind"))
        + _directory("team", dict(old.teams), dict(new.teams), ("name", "leader", "members"))
    )


def _config(old: Repository, new: Repository) -> list[Item]:
    a, b = old.settings, new.settings
    checks = {
        "focus_areas": (a.focus.terms, b.focus.terms),
        "severities": ((a.severity.terms, a.severity_due), (b.severity.terms, b.severity_due)),
        "deadlines": ((a.immediate_days, a.yellow_days), (b.immediate_days, b.yellow_days)),
        "return_visits": (a.returns, b.returns),
        "calendar": (a.calendar, b.calendar),
        "organization": (a.organization, b.organization),
    }
    return [Item("config", name) for name, (x, y) in checks.items() if x != y]


def _part(repo: Repository, paths: set[str]) -> Repository:
    """The records of ``paths`` only: the rest is the same on both sides of a diff."""
    return replace(repo, visits=[v for v in repo.visits if v.path in paths], _index=None)


def affected(repo: Repository, paths: set[str]) -> set[str]:
    """Findings whose state the files ``paths`` can change: their own, and those they check."""
    found: set[str] = set()
    for visit in repo.visits:
        if visit.path in paths:
            found |= {f.id for f in visit.findings} | {c.finding for c in visit.checks}
    return found


def compare(
    old: Repository,
    new: Repository,
    as_of: dt.date,
    calendar: WorkCalendar,
    base: str,
    target: str,
    changed: set[str] | None = None,
) -> Review:
    """Everything that changed in meaning between ``old`` and ``new``.

    With ``changed`` (the files that differ) and an unchanged configuration, states are derived
    only for the findings those files can affect: a state depends on its own visit file and
    the return visits that check it, nothing else.
    """
    old_part, new_part = (
        (old, new) if changed is None else (_part(old, changed), _part(new, changed))
    )
    items = _config(old, new) + record_changes(old_part, new_part)
    only = None
    if (
        changed is not None
        and not any(i.kind == "config" for i in items)
        and "ducha.yaml" not in changed
    ):
        only = affected(old, changed) | affected(new, changed)
    items += _states(
        statuses(old, as_of, calendar, only), statuses(new, as_of, calendar, only), as_of
    )
    written = {i.subject for i in items if i.kind == "finding-edited" and i.field == "due"}
    items = [i for i in items if not (i.kind == "deadline" and i.subject in written)]  # said once
    items = [_flag_due(i, old, new, as_of, calendar) for i in items]
    items = [_labelled(i, new) for i in items]
    items.sort(key=lambda i: (KIND_ORDER.index(i.kind), i.subject, i.field))
    problems = tuple(sorted({*new.issues} - {*old.issues}, key=Issue.sort_key))
    errors = tuple(p for p in problems if p.severity is Severity.ERROR)
    return Review(base, target, as_of, tuple(items), errors)


def _flag_due(
    item: Item, old: Repository, new: Repository, as_of: dt.date, calendar: WorkCalendar
) -> Item:
    """A changed written deadline: derive both dates to see an extension or a move into the past."""
    if item.kind != "finding-edited" or item.field != "due":
        return item
    before, after = _all_findings(old)[item.subject], _all_findings(new)[item.subject]
    visit_before = old.visit(before.visit)
    visit_after = new.visit(after.visit)
    if visit_before is None or visit_after is None:
        return item
    was = derive_deadline(before.due, visit_before.date, before.severity, old.settings, calendar)
    now = derive_deadline(after.due, visit_after.date, after.severity, new.settings, calendar)
    flag = "backdated" if now < min(was, as_of) else "extension" if now > was else ""
    return replace(
        item,
        old=f"{item.old}（{was.isoformat()}）",
        new=f"{item.new}（{now.isoformat()}）",
        flag=flag,
    )


def _labelled(item: Item, repo: Repository) -> Item:
    """Codes in field changes as the words a reader knows (较重, not major)."""
    settings = repo.settings
    vocabularies = {
        "severity": settings.severity,
        "focus": settings.focus,
        "scope": SCOPES,
        "dispositions": DISPOSITIONS,
        "methods": METHODS,
    }
    vocabulary = vocabularies.get(item.field)
    if vocabulary is None:
        return item

    def words(value: str) -> str:
        return "、".join(vocabulary.label(code) for code in value.split("、")) if value else value

    return replace(item, old=words(item.old), new=words(item.new))
