"""A return-visit plan as JSON, as an iCalendar file, and as planned visit records."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from pathlib import Path
from typing import Any

from ducha.domain.index import Index
from ducha.domain.schedule import Plan, PlannedVisit
from ducha.domain.settings import Lang
from ducha.outputs.formats import document
from ducha.outputs.i18n import text
from ducha.store.writing import create_new, fresh_visit_id, yaml_list, yaml_text


def plan_json(plan: Plan, repo: Index) -> str:
    """``{"seed", "from", "to", "visits": [...], "left_out": [...], "stationed": [...]}``."""

    def unit(code: str) -> dict[str, str]:
        found = repo.units.get(code)
        return {
            "unit": code,
            "unit_name": found.name if found else "",
            "district": found.district if found else "",
        }

    visits = [
        {
            "date": v.date.isoformat(),
            "team": v.team,
            **unit(v.unit),
            "reasons": list(v.reasons),
            "findings": list(v.findings),
            "returns_to": list(v.origins),
        }
        for v in plan.visits
    ]
    left_out = [
        {
            **unit(item.candidate.unit),
            "why": item.why,
            "reasons": list(item.candidate.reasons),
            "findings": list(item.candidate.findings),
        }
        for item in plan.left_out
    ]
    stationed = [
        {**unit(s.unit), "why": s.why, "findings": list(s.findings)} for s in plan.stationed
    ]
    head: dict[str, Any] = {
        "seed": plan.seed,
        "from": plan.start.isoformat(),
        "to": plan.end.isoformat(),
    }
    return document(head, {"visits": visits, "left_out": left_out, "stationed": stationed})


def event_uid(visit: PlannedVisit, organisation: str) -> str:
    """The same event for the same unit and findings, whatever day or seed a re-plan gives.

    A calendar that reads the file again moves the event instead of adding one. The unit is
    hashed, since the UID is seen by whoever the calendar is shared with.
    """
    checked = ",".join(sorted(visit.findings)) or ",".join(sorted(visit.origins))
    digest = hashlib.sha256(f"{organisation}|{visit.unit}|{checked}".encode()).hexdigest()
    return f"{digest[:24]}@ducha"


def plan_ics(plan: Plan, repo: Index, lang: Lang, stamp: dt.datetime, *, names: bool) -> bytes:
    """One all-day, private event per visit, for the inspectors' calendars.

    By default an event says the team and how many findings it checks, never the unit: a
    calendar is shared more widely than a secret plan should be. ``names`` writes the unit,
    its district, the reasons and the findings too.
    """
    from icalendar import Calendar, Event  # slow to import: only --ics pays for it

    calendar = Calendar()
    calendar.add("prodid", "-//ducha//schedule//ZH")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", text("calendar-name", lang))
    for visit in plan.visits:
        unit = repo.units.get(visit.unit)
        team_found = repo.teams.get(visit.team)
        team = team_found.name if team_found else visit.team
        event = Event()
        event.add("uid", event_uid(visit, repo.settings.organization.name))
        event.add("dtstamp", stamp)
        event.add("dtstart", visit.date)
        event.add("dtend", visit.date + dt.timedelta(days=1))
        event.add("class", "PRIVATE")
        event.add("transp", "TRANSPARENT")
        if names:
            name = unit.name if unit else visit.unit
            event.add("summary", text("calendar-event", lang, unit=name, team=team))
            event.add("location", f"{unit.district if unit else ''} {name}".strip())
            reasons = ("、" if lang == "zh" else ", ").join(
                text(f"reason-{r}", lang) for r in visit.reasons
            )
            event.add("description", "\n".join([team, reasons, *visit.findings]))
        else:
            event.add("summary", text("calendar-event-anonymous", lang, team=team))
            count = len(visit.findings)
            event.add("description", text("calendar-event-count", lang, count=count))
        calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical


def planned_record(visit: PlannedVisit, visit_id: str, plan: Plan, lang: Lang) -> str:
    """A planned visit record that ``validate`` accepts and a clerk completes after the visit."""
    comment = text("planned-comment", lang, seed=plan.seed)
    reasons = "、".join(text(f"reason-{r}", lang) for r in visit.reasons)
    lines = [
        *(f"# {line}" for line in comment.splitlines()),
        f"id: {visit_id}",
        f"date: {visit.date}",
        "status: planned",
        f"team: {yaml_text(visit.team)}",
        f"units: {yaml_list([visit.unit])}",
        "methods: [暗访, 杀回马枪]",
        f"returns_to: {yaml_list(visit.origins)}",
    ]
    if visit.findings:
        lines.append(f"to_check: {yaml_list(visit.findings)}")
    lines.append(f"summary: {yaml_text(text('planned-summary', lang, reasons=reasons))}")
    return "\n".join(lines) + "\n"


def write_planned(plan: Plan, repo: Index, lang: Lang) -> list[Path]:
    """Create one planned visit file per visit; existing files are never touched."""
    rng = random.Random(plan.seed)
    taken = {v.id for v in repo.visits}
    written = []
    for visit in plan.visits:
        visit_id = fresh_visit_id(visit.date, taken, rng.choice)
        path = (
            repo.root
            / "visits"
            / f"{visit.date.year}"
            / f"{visit.date.month:02d}"
            / f"{visit_id}.yaml"
        )
        create_new(path, planned_record(visit, visit_id, plan, lang))
        written.append(path)
    return written
