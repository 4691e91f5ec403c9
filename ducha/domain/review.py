"""What a change means: the difference between two complete states of the records.

Each side is a complete index. Every finding is described on each side by everything
written and derived about it (``FindingFacts``), and the two descriptions are compared
finding by finding: written fields, each report-back, each check, each deadline rule with
the date it resolves to, the state, evidence. ``ducha diff`` compares two sides;
``ducha log`` compares each commit with its parent through the same function.

Items hold values (dates, deadline rules, codes), never words: ``outputs/review.py`` says
them in the reader's language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ducha.domain.index import Index
from ducha.domain.lifecycle import State, known_deadline, status_with
from ducha.domain.model import Check, Due, Finding, Report, Visit
from ducha.domain.workdays import WorkCalendar

VISIT_FIELDS = (
    "date", "team", "units", "status", "methods", "focus", "inspectors", "summary",
    "returns_to", "to_check", "exemplars", "narrative",
)  # fmt: skip
FINDING_FIELDS = (
    "unit", "focus", "severity", "scope", "description", "place", "responsible",
    "rectification", "dispositions", "measure", "fixed_on_spot", "complainant",
)  # fmt: skip
UNIT_FIELDS = ("name", "district", "kind", "address", "contact")
TEAM_FIELDS = ("name", "leader", "members")

KIND_ORDER = (
    "config", "visit-added", "visit-removed", "visit-moved", "visit-edited", "finding-added",
    "finding-removed", "state", "deadline", "finding-edited", "report-added", "report-removed",
    "report-edited", "evidence-added", "evidence-removed", "evidence-changed", "check-recorded",
    "check-removed", "check-edited", "unit-added", "unit-removed", "unit-edited", "team-added",
    "team-removed", "team-edited",
)  # fmt: skip


class Deadline(NamedTuple):
    """A deadline rule as written and the day it resolves to (None: no calendar covers it)."""

    rule: Due
    date: dt.date | None


class CheckFacts(NamedTuple):
    """One return visit's verdict on a finding, with the deadline it sets."""

    visit: str
    date: dt.date
    result: str
    note: str
    deadline: Deadline | None  # None when the result closes the finding


class FindingFacts(NamedTuple):
    """Everything written and derived about one finding on one side."""

    finding: Finding
    visit_date: dt.date
    deadline: Deadline | None  # None when fixed on the spot
    checks: tuple[CheckFacts, ...]
    state: State
    current_deadline: dt.date | None


@dataclass(frozen=True, slots=True)
class Item:
    """One meaningful change; ``old`` and ``new`` are values (see the module notes)."""

    kind: str  # see KIND_ORDER
    subject: str  # a visit, finding, unit or team id, or a config section
    field: str = ""
    old: Any = None
    new: Any = None
    flag: str = ""  # extension | backdated | report-backdated


@dataclass(frozen=True, slots=True)
class Review:
    """The difference between two sides."""

    base: str
    target: str
    as_of: dt.date
    items: tuple[Item, ...]
    problems: tuple[Any, ...] = field(default=())  # errors the change brings (checks.Issue)

    @property
    def flagged(self) -> tuple[Item, ...]:
        """Items a reviewer must look at twice."""
        return tuple(i for i in self.items if i.flag)


def finding_facts(
    index: Index, as_of: dt.date, only: Iterable[str] | None = None
) -> dict[str, FindingFacts]:
    """Every finding of every done visit (or those in ``only``), described in full."""
    calendar = WorkCalendar(index.settings.calendar)
    wanted = None if only is None else set(only)
    # a finding's id is made on asking: the visits of the findings wanted are found by id
    visits = None if wanted is None else {finding_id.rpartition("/")[0] for finding_id in wanted}
    on = index.checks_of if wanted is None else index.checks_on(wanted).get
    found: dict[str, FindingFacts] = {}
    for visit in index.visits:
        if visit.planned or (visits is not None and visit.id not in visits):
            continue
        for finding in visit.findings:
            if wanted is None or finding.id in wanted:
                checks = on(finding.id) or ()
                found.setdefault(finding.id, _facts(index, visit, finding, checks, as_of, calendar))
    return found


def _facts(
    index: Index,
    visit: Visit,
    finding: Finding,
    on_it: tuple[tuple[Visit, Check], ...],
    as_of: dt.date,
    calendar: WorkCalendar,
) -> FindingFacts:
    settings, days = index.settings_of(visit), index.calendar_of(visit, calendar)

    def rule(due: Due, base: dt.date) -> Deadline:
        return Deadline(due, known_deadline(due, base, finding.severity, settings, days))

    checks = tuple(
        CheckFacts(
            v.id,
            v.date,
            c.result,
            c.note,
            None if c.result == "rectified" else rule(c.due, v.date),
        )
        for v, c in on_it
    )
    status = status_with(index, visit, finding, on_it, max(as_of, visit.date), calendar)
    own = None if finding.fixed_on_spot else rule(finding.due, visit.date)
    return FindingFacts(finding, visit.date, own, checks, status.state, status.deadline)


def affected(old: Index, new: Index, changed: set[str]) -> set[str]:
    """The findings whose facts the files ``changed`` can change, under the same settings.

    A finding's facts follow from its own visit, the checks on it and the settings alone:
    those of the changed files' visits, of every visit sharing one of their ids, and those
    their checks name. The property tests hold the answer equal to comparing every finding.
    """
    ids: set[str] = set()
    for index in (old, new):
        for visit in index.visits:
            if visit.path in changed:
                ids.add(visit.id)
                ids.update(c.finding.rpartition("/")[0] for c in visit.checks)
    return {f.id for index in (old, new) for v in index.visits if v.id in ids for f in v.findings}


def compare(
    old: Index,
    new: Index,
    as_of: dt.date,
    base: str,
    target: str,
    changed: set[str] = frozenset(),  # type: ignore[assignment]
    problems: tuple[Any, ...] = (),
) -> Review:
    """Everything that changed in meaning between ``old`` and ``new``.

    ``changed`` are the paths that differ (evidence files among them); ``problems`` the
    errors found on the new side and not on the old.
    """
    items = _config(old, new) + record_changes(old, new, changed or None)
    only = affected(old, new, changed) if old.settings == new.settings else None
    items += finding_changes(
        finding_facts(old, as_of, only), finding_facts(new, as_of, only), as_of, changed
    )
    return Review(base, target, as_of, ordered(items), problems)


def ordered(items: Iterable[Item]) -> tuple[Item, ...]:
    """Changes in the order a reviewer reads them: by kind, then subject and field."""
    return tuple(sorted(items, key=lambda i: (KIND_ORDER.index(i.kind), i.subject, i.field)))


def _fields(
    kind: str, subject: str, old: object, new: object, names: tuple[str, ...]
) -> list[Item]:
    return [
        Item(kind, subject, name, getattr(old, name), getattr(new, name))
        for name in names
        if getattr(old, name) != getattr(new, name)
    ]


def record_changes(old: Index, new: Index, changed: set[str] | None = None) -> list[Item]:
    """What was written differently about visits, units and teams (findings: see below).

    With ``changed``, the paths that differ between the two sides: a visit of any other
    file is the very same on both (``with_files``), so only the ids those files hold are
    compared. A test holds the answer equal to comparing every visit.
    """
    if changed is None:
        before = {v.id: v for v in reversed(old.visits)}
        after = {v.id: v for v in reversed(new.visits)}
    else:
        ids = {v.id for index in (old, new) for v in index.visits if v.path in changed}
        before = {i: v for i in ids if (v := old.visit(i)) is not None}
        after = {i: v for i in ids if (v := new.visit(i)) is not None}
    items = [
        Item("visit-added", i, new=after[i].path) for i in sorted(after.keys() - before.keys())
    ]
    items += [
        Item("visit-removed", i, old=before[i].path) for i in sorted(before.keys() - after.keys())
    ]
    for visit_id in sorted(before.keys() & after.keys()):
        a, b = before[visit_id], after[visit_id]
        if a is b:  # read from the same unchanged file: nothing to compare
            continue
        if a.path != b.path:
            items.append(Item("visit-moved", visit_id, old=a.path, new=b.path))
        items += _fields("visit-edited", visit_id, a, b, VISIT_FIELDS)
    items += _directory("unit", old.units, new.units, UNIT_FIELDS)
    items += _directory("team", old.teams, new.teams, TEAM_FIELDS)
    return items


def _directory(
    kind: str, old: Mapping[str, object], new: Mapping[str, object], names: tuple[str, ...]
) -> list[Item]:
    items = [Item(f"{kind}-added", i) for i in sorted(new.keys() - old.keys())]
    items += [Item(f"{kind}-removed", i) for i in sorted(old.keys() - new.keys())]
    for key in sorted(old.keys() & new.keys()):
        if old[key] is not new[key]:
            items += _fields(f"{kind}-edited", key, old[key], new[key], names)
    return items


def finding_changes(
    old: Mapping[str, FindingFacts],
    new: Mapping[str, FindingFacts],
    as_of: dt.date,
    changed: set[str] = frozenset(),  # type: ignore[assignment]
) -> list[Item]:
    """Finding by finding, every difference between two descriptions."""
    items = [
        Item("finding-added", i, new=new[i].finding.description)
        for i in sorted(new.keys() - old.keys())
    ]
    items += [
        Item("finding-removed", i, old=old[i].finding.description)
        for i in sorted(old.keys() - new.keys())
    ]
    for finding_id in sorted(old.keys() & new.keys()):
        a, b = old[finding_id], new[finding_id]
        if a == b and not changed:
            continue
        items += _fields("finding-edited", finding_id, a.finding, b.finding, FINDING_FIELDS)
        items += _reports(finding_id, a.finding.reports, b.finding.reports)
        items += _evidence(finding_id, a.finding, b.finding, changed)
        own = _deadline(finding_id, "", a.deadline, b.deadline, as_of)
        if not own and a.finding.due != b.finding.due:  # a rule no deadline shows (on the spot)
            own = [Item("finding-edited", finding_id, "due", a.finding.due, b.finding.due)]
        items += own
        items += _checks(finding_id, a.checks, b.checks, as_of)
        if a.state != b.state:
            items.append(Item("state", finding_id, old=a.state, new=b.state))
    return items


def _reports(subject: str, old: tuple[Report, ...], new: tuple[Report, ...]) -> list[Item]:
    items: list[Item] = []
    for n, (a, b) in enumerate(zip(old, new, strict=False), start=1):
        if a.date != b.date:
            flag = "report-backdated" if b.date < a.date else ""
            items.append(Item("report-edited", subject, f"reports[{n}].date", a.date, b.date, flag))
        if a.note != b.note:
            items.append(Item("report-edited", subject, f"reports[{n}].note", a.note, b.note))
    items += [Item("report-added", subject, new=r) for r in new[len(old) :]]
    items += [Item("report-removed", subject, old=r) for r in old[len(new) :]]
    return items


def _evidence(subject: str, old: Finding, new: Finding, changed: set[str]) -> list[Item]:
    before, after = set(old.files), set(new.files)
    items = [Item("evidence-added", subject, new=e) for e in sorted(after - before)]
    items += [Item("evidence-removed", subject, old=e) for e in sorted(before - after)]
    items += [Item("evidence-changed", subject, new=e) for e in sorted(before & after & changed)]
    return items


def _deadline(
    subject: str, where: str, old: Deadline | None, new: Deadline | None, as_of: dt.date
) -> list[Item]:
    if old == new or old is None or new is None:
        return []
    flag = ""
    if old.date is not None and new.date is not None:
        if new.date > old.date:
            flag = "extension"
        elif new.date < old.date and new.date < as_of:
            flag = "backdated"
    return [Item("deadline", subject, where, old, new, flag)]


def _checks(
    subject: str, old: tuple[CheckFacts, ...], new: tuple[CheckFacts, ...], as_of: dt.date
) -> list[Item]:
    before = _by_visit(old)
    after = _by_visit(new)
    items = [
        Item("check-recorded", subject, after[k].visit, new=after[k].result)
        for k in sorted(after.keys() - before.keys())
    ]
    items += [
        Item("check-removed", subject, before[k].visit, old=before[k].result)
        for k in sorted(before.keys() - after.keys())
    ]
    for key in sorted(before.keys() & after.keys()):
        a, b = before[key], after[key]
        for name in ("result", "note", "date"):
            if getattr(a, name) != getattr(b, name):
                items.append(
                    Item(
                        "check-edited",
                        subject,
                        f"{a.visit}.{name}",
                        getattr(a, name),
                        getattr(b, name),
                    )
                )
        items += _deadline(subject, a.visit, a.deadline, b.deadline, as_of)
    return items


def _by_visit(checks: tuple[CheckFacts, ...]) -> dict[tuple[str, int], CheckFacts]:
    """Checks keyed by visit and their order within it (a visit may check a finding twice)."""
    seen: dict[str, int] = {}
    keyed: dict[tuple[str, int], CheckFacts] = {}
    for check in checks:
        n = seen[check.visit] = seen.get(check.visit, 0) + 1
        keyed[(check.visit, n)] = check
    return keyed


def _config(old: Index, new: Index) -> list[Item]:
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


def about(item: Item, subject: str, visits_of_unit: set[str] = frozenset()) -> bool:  # type: ignore[assignment]
    """Whether a change concerns ``subject``: itself, a finding of it, or a visit to a unit."""
    if item.subject == subject or item.subject.startswith(subject + "/"):
        return True
    head = item.subject.rpartition("/")[0] if "/" in item.subject else item.subject
    return head in visits_of_unit
