"""``ducha show`` in the terminal."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console
from rich.markup import escape
from rich.text import Text

from ducha.domain.lifecycle import Status
from ducha.domain.show import FindingView, UnitView, VisitView
from ducha.outputs.console.overdue import short
from ducha.outputs.console.table import Cell, Column, print_rows
from ducha.outputs.i18n import text
from ducha.outputs.labels import Labels
from ducha.outputs.linebreak import lines, wrap


def _print_facts(console: Console, rows: list[tuple[str, str]]) -> None:
    """Name and value, the value (Rich markup) broken by the Chinese rules beside its name."""
    rows = [(key, value) for key, value in rows if value]
    names = max((cell_len(key) for key, _ in rows), default=0)
    width = max(console.width - names - 2, 12)
    for key, value in rows:
        shown = Text.from_markup(value)
        for number, (start, end) in enumerate(lines(shown.plain, width)):
            name = key + " " * (names - cell_len(key)) if number == 0 else " " * names
            line = Text(name, style="bold" if number == 0 else "")
            line.append("  ")
            line.append_text(shown[start:end])
            console.print(line, no_wrap=True, crop=False, soft_wrap=True)


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
            escape(labels.listed(finding.files)),
        ),
        (text("col-checked-by", lang), escape(labels.listed(view.status.checked_by))),
    ]


def _print_history(console: Console, status: Status, labels: Labels) -> None:
    lang = labels.lang
    columns = [
        Column(text("col-date", lang)),
        Column(text("col-event", lang), wraps=True),
        Column(text("col-visit", lang)),
        Column(text("col-summary", lang), wraps=True, keep=50, max_lines=20),
    ]
    rows: list[list[Cell]] = [
        [labels.date(e.date), text(f"event-{e.kind}", lang), e.visit, e.note] for e in status.events
    ]
    print_rows(console, columns, rows, lang=lang, title=text("col-history", lang))


def _print_statuses(console: Console, statuses: tuple[Status, ...], labels: Labels) -> None:
    lang = labels.lang
    columns = [
        Column(text("col-id", lang)),
        Column(text("col-focus", lang), wraps=True, keep=40),
        Column(text("col-severity", lang), keep=60),
        Column(text("col-description", lang), wraps=True, keep=80),
        Column(text("col-deadline", lang), keep=90),
        Column(text("col-state", lang)),
    ]
    rows: list[list[Cell]] = [
        [
            status.finding.id,
            labels.focus(status.finding.focus),
            labels.severity(status.finding.severity),
            short(status.finding.description, 60),
            status.deadline.isoformat() if status.deadline else "",
            _state(status, labels),
        ]
        for status in statuses
    ]
    print_rows(console, columns, rows, lang=lang, title=text("col-findings", lang))


def print_view(console: Console, view: FindingView | VisitView | UnitView, labels: Labels) -> None:
    """``ducha show``: one finding, visit or unit in full."""
    lang = labels.lang
    if isinstance(view, FindingView):
        _print_facts(console, _finding_facts(view, labels))
        _print_history(console, view.status, labels)
        return
    if isinstance(view, UnitView):
        unit = view.unit
        _print_facts(
            console,
            [
                (text("col-unit-id", lang), escape(unit.id)),
                (text("col-unit", lang), escape(unit.name)),
                (text("col-district", lang), escape(unit.district)),
                (text("col-kind", lang), escape(labels.unit_kind(unit.kind))),
                (
                    text("col-visit", lang),
                    escape(
                        labels.listed(labels.aside(v.id, labels.date(v.date)) for v in view.visits)
                    ),
                ),
            ],
        )
        if view.findings:
            _print_statuses(console, view.findings, labels)
        return
    visit = view.visit
    planned = text("show-planned", lang) if visit.planned else ""
    _print_facts(
        console,
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
                    labels.separated(f"{c.finding} {labels.result(c.result)}" for c in visit.checks)
                ),
            ),
            (text("col-checked-by", lang), escape(labels.listed(view.returned_by))),
            (
                text("col-exemplars", lang),
                escape(labels.separated(e.description for e in visit.exemplars)),
            ),
        ],
    )
    if view.findings:
        _print_statuses(console, view.findings, labels)
    if visit.narrative:
        console.print()
        width = max(console.width, 12)
        for paragraph in visit.narrative.splitlines():
            for line in wrap(paragraph, width):
                console.print(escape(line), no_wrap=True, crop=False, soft_wrap=True)
