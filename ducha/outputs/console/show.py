"""``ducha show`` in the terminal."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ducha.domain.lifecycle import Status
from ducha.domain.show import FindingView, UnitView, VisitView
from ducha.outputs.console.overdue import short
from ducha.outputs.i18n import text
from ducha.outputs.labels import Labels


def _facts(rows: list[tuple[str, str]]) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    for key, value in rows:
        if value:
            table.add_row(key, value)
    return table


def _state(status: Status, labels: Labels) -> str:
    return text(f"state-{status.state.value}", labels.lang)


_LIGHT_STYLE = {"red": "bold red", "yellow": "yellow", "green": "green"}


def _deadline(view: FindingView, labels: Labels) -> str:
    """The deadline, with its light and working days late or left, as overdue shows it."""
    if view.status.deadline is None:
        return text("deadline-unknown", labels.lang) if view.status.deadline_unknown else ""
    day = escape(labels.date(view.status.deadline))
    if view.light is None or view.late is None:
        return day
    key = "late-workdays" if view.late > 0 else "left-workdays" if view.late < 0 else "due-today"
    light = text(f"light-{view.light.value}", labels.lang)
    days = text(key, labels.lang, days=abs(view.late))
    words = text("light-and-days", labels.lang, light=light, days=days)
    return f"{day}  [{_LIGHT_STYLE[view.light.value]}]● {escape(words)}[/]"


def _finding_facts(view: FindingView, labels: Labels) -> list[tuple[str, str]]:
    lang = labels.lang
    finding, visit = view.status.finding, view.status.visit
    team = view.team.name if view.team else visit.team
    return [
        (text("col-id", lang), escape(finding.id)),
        (text("col-state", lang), f"[bold]{escape(_state(view.status, labels))}[/]"),
        (
            text("col-unit", lang),
            escape(labels.aside(view.unit.name, view.unit.district) if view.unit else finding.unit),
        ),
        (
            text("col-visit", lang),
            escape(f"{visit.id}  {labels.date(visit.date)}  {team}"),
        ),
        (text("col-focus", lang), escape(labels.focus(finding.focus))),
        (
            text("col-severity", lang),
            escape(labels.listed((labels.severity(finding.severity), labels.scope(finding.scope)))),
        ),
        (text("col-place", lang), escape(finding.place)),
        (text("col-description", lang), escape(finding.description)),
        (text("col-responsible", lang), escape(finding.responsible)),
        (text("col-rectification", lang), escape(finding.rectification)),
        (text("col-deadline", lang), _deadline(view, labels)),
        (
            text("col-dispositions", lang),
            escape(labels.listed(labels.disposition(d) for d in finding.dispositions)),
        ),
        (
            text("col-evidence", lang),
            escape(labels.listed(e for r in finding.reports for e in r.evidence)),
        ),
        (text("col-checked-by", lang), escape(labels.listed(view.status.checked_by))),
    ]


def _history(status: Status, labels: Labels) -> Table:
    table = Table(title=text("col-history", labels.lang), title_justify="left", header_style="bold")
    table.add_column(text("col-date", labels.lang))
    table.add_column(text("col-event", labels.lang))
    table.add_column(text("col-visit", labels.lang))
    table.add_column(text("col-summary", labels.lang), overflow="fold")
    for event in status.events:
        table.add_row(
            labels.date(event.date),
            text(f"event-{event.kind}", labels.lang),
            event.visit,
            escape(event.note),
        )
    return table


def _status_table(statuses: tuple[Status, ...], labels: Labels) -> Table:
    lang = labels.lang
    table = Table(title=text("col-findings", lang), title_justify="left", header_style="bold")
    for key in (
        "col-id",
        "col-focus",
        "col-severity",
        "col-description",
        "col-deadline",
        "col-state",
    ):
        table.add_column(text(key, lang), overflow="fold")
    for status in statuses:
        finding = status.finding
        table.add_row(
            escape(finding.id),
            escape(labels.focus(finding.focus)),
            escape(labels.severity(finding.severity)),
            escape(short(finding.description, 40)),
            status.deadline.isoformat() if status.deadline else "",
            escape(_state(status, labels)),
        )
    return table


def print_view(console: Console, view: FindingView | VisitView | UnitView, labels: Labels) -> None:
    """``ducha show``: one finding, visit or unit in full."""
    lang = labels.lang
    if isinstance(view, FindingView):
        console.print(_facts(_finding_facts(view, labels)))
        console.print(_history(view.status, labels))
        return
    if isinstance(view, UnitView):
        unit = view.unit
        console.print(
            _facts(
                [
                    (text("col-unit-id", lang), escape(unit.id)),
                    (text("col-unit", lang), escape(unit.name)),
                    (text("col-district", lang), escape(unit.district)),
                    (text("col-kind", lang), escape(labels.unit_kind(unit.kind))),
                    (
                        text("col-visit", lang),
                        escape(
                            labels.listed(
                                labels.aside(v.id, labels.date(v.date)) for v in view.visits
                            )
                        ),
                    ),
                ]
            )
        )
        if view.findings:
            console.print(_status_table(view.findings, labels))
        return
    visit = view.visit
    planned = text("show-planned", lang) if visit.planned else ""
    console.print(
        _facts(
            [
                (text("col-visit", lang), escape(visit.id) + escape(planned)),
                (text("col-date", lang), labels.date(visit.date)),
                (text("col-team", lang), escape(view.team.name if view.team else visit.team)),
                (text("col-units", lang), escape(labels.listed(u.name for u in view.units if u))),
                (
                    text("col-methods", lang),
                    escape(labels.listed(labels.method(m) for m in visit.methods)),
                ),
                (
                    text("col-focus", lang),
                    escape(labels.listed(labels.focus(f) for f in visit.focus)),
                ),
                (text("col-summary", lang), escape(visit.summary)),
                (text("col-returns", lang), escape(labels.listed(visit.returns_to))),
                (
                    text("col-checks", lang),
                    escape(
                        "；".join(f"{c.finding} {labels.result(c.result)}" for c in visit.checks)
                    ),
                ),
                (text("col-checked-by", lang), escape(labels.listed(view.returned_by))),
                (
                    text("col-exemplars", lang),
                    escape("；".join(e.description for e in visit.exemplars)),
                ),
            ]
        )
    )
    if view.findings:
        console.print(_status_table(view.findings, labels))
    if visit.narrative:
        console.print()
        console.print(escape(visit.narrative))
