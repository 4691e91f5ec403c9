"""The finding row: one builder for every table of findings (export, overdue CSV and JSON).

``finding_row`` gives codes and values (for JSON); ``labelled`` the same row with codes as
the reader's words (for CSV, XLSX and tables). Column names come from the catalogue
(``xcol-<key>``), the one table of them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ducha.domain.index import Index
from ducha.domain.lifecycle import State, Status
from ducha.domain.overdue import light_of
from ducha.domain.workdays import WorkCalendar
from ducha.errors import CalendarError
from ducha.outputs.i18n import text
from ducha.outputs.labels import Labels

FINDING_COLUMNS = (
    "id", "visit", "visit_date", "unit", "unit_name", "district", "team", "focus", "severity",
    "scope", "description", "responsible", "dispositions", "deadline", "state", "light",
    "working_days_late", "reported_on", "closed_on",
)  # fmt: skip


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def finding_row(
    status: Status, index: Index, as_of: dt.date, calendar: WorkCalendar
) -> dict[str, Any]:
    """Everything a table says about one finding, as codes and plain values."""
    finding, visit = status.finding, status.visit
    unit = index.units.get(finding.unit)
    light, late = None, 0
    if status.state in (State.OPEN, State.REOPENED) and status.deadline:
        try:
            days = index.calendar_of(visit, calendar)
            colour, late = light_of(status, as_of, index.yellow_days_of(visit), days)
            light = colour.value
        except CalendarError:
            light = None
    return {
        "id": finding.id,
        "visit": visit.id,
        "visit_date": visit.date.isoformat(),
        "unit": finding.unit,
        "unit_name": unit.name if unit else "",
        "district": unit.district if unit else "",
        "team": visit.team,
        "focus": finding.focus,
        "severity": finding.severity,
        "scope": finding.scope,
        "description": finding.description,
        "responsible": finding.responsible,
        "dispositions": list(finding.dispositions),
        "deadline": _iso(status.deadline),
        "state": status.state.value,
        "light": light,
        "working_days_late": max(late, 0),
        "reported_on": _iso(status.reported_on),
        "closed_on": _iso(status.closed_on),
    }


class Words:
    """The reader's word for each code in a table's rows, looked up once per table."""

    def __init__(self, labels: Labels) -> None:
        self.labels = labels
        self._found: dict[tuple[str, str], str] = {}
        self._lookups = {
            "focus": labels.focus,
            "severity": labels.severity,
            "scope": labels.scope,
            "disposition": labels.disposition,
        }

    def __call__(self, kind: str, code: str | None) -> str:
        """The word for ``code`` of ``kind`` (focus, severity, scope, disposition, state, light)."""
        if code is None:
            return ""
        key = (kind, code)
        word = self._found.get(key)
        if word is None:
            if kind in ("state", "light"):
                word = text(f"{kind}-{code}", self.labels.lang)
            else:
                word = self._lookups[kind](code)
            self._found[key] = word
        return word


_CODED = ("focus", "severity", "scope", "state", "light")


def labelled(row: dict[str, Any], say: Words) -> dict[str, Any]:
    """The row with codes in the reader's words and empty cells for nothing."""
    words = {key: "" if value is None else value for key, value in row.items()}
    for key in _CODED:
        words[key] = say(key, row[key])
    words["dispositions"] = say.labels.listed(say("disposition", d) for d in row["dispositions"])
    return words


def with_labels(row: dict[str, Any], say: Words) -> dict[str, Any]:
    """The row as codes, with each coded field's label after them (``focus_label``)."""
    return {
        **row,
        "focus_label": say("focus", row["focus"]),
        "severity_label": say("severity", row["severity"]),
        "scope_label": say("scope", row["scope"]),
        "state_label": say("state", row["state"]),
        "light_label": say("light", row["light"]),
        "dispositions_label": [say("disposition", d) for d in row["dispositions"]],
    }


def headers(keys: tuple[str, ...], labels: Labels) -> tuple[str, ...]:
    """The column names of ``keys`` in the reader's language."""
    return tuple(text(f"xcol-{key}", labels.lang) for key in keys)
