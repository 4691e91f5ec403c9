"""The terminal: Rich consoles, colour policy, and the text forms of results.

Rich is imported here and nowhere else.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import IO, Literal

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ducha.i18n import Lang, text
from ducha.issues import Issue, Severity
from ducha.labels import Labels
from ducha.lifecycle import Status
from ducha.overdue import OverdueReport, Row, group_key, grouped
from ducha.repository import Repository
from ducha.show import FindingView, UnitView, VisitView

ColorMode = Literal["auto", "always", "never"]

__all__ = ["ColorMode", "Console", "make_console", "print_issues", "print_line"]


def make_console(
    file: IO[str] | None = None,
    *,
    color: ColorMode = "auto",
    width: int | None = None,
    environ: Mapping[str, str] | None = None,
) -> Console:
    """A console that honours ``--color`` and ``NO_COLOR`` (``--color always`` wins)."""
    env = os.environ if environ is None else environ
    if color == "always":
        force, no_color = True, False
    elif color == "never" or "NO_COLOR" in env or env.get("TERM") == "dumb":
        force, no_color = False, True
    else:
        force, no_color = False, False
    return Console(
        file=file,
        force_terminal=force or None,
        no_color=no_color,
        width=width,
        highlight=False,
        soft_wrap=True,
    )


_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow"}


def print_issues(console: Console, issues: tuple[Issue, ...], lang: Lang) -> None:
    """One line per problem: ``path:line:col: error: message [rule]``."""
    for issue in issues:
        style = _STYLE[issue.severity]
        console.print(
            f"[bold]{escape(str(issue.position))}[/]: [{style}]{issue.severity.value}[/]: "
            f"{escape(issue.message(lang))} [dim]\\[{issue.rule}][/]"
        )


def print_line(console: Console, message: str, style: str = "") -> None:
    """Print plain text, styled as a whole."""
    console.print(escape(message), style=style or None)


_NO_WRAP = frozenset(
    {"col-late", "col-id", "col-severity", "col-deadline", "col-reported", "col-waited"}
)
WIDE = 150  # columns from which the overdue table shows every field
_LIGHT_STYLE = {"red": "bold red", "yellow": "yellow", "green": "green"}


def _short(value: str, limit: int = 30) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _late(row: Row, lang: Lang) -> str:
    style = _LIGHT_STYLE[row.light.value]
    days = row.working_days_late
    key = "late-days" if days > 0 else "left-days" if days < 0 else "due-today"
    word = text(key, lang, days=abs(days))
    return f"[{style}]● {escape(word)}[/]"


def _overdue_table(rows: list[Row], repo: Repository, labels: Labels, wide: bool) -> Table:
    """Every column on a wide terminal; unit and district merged, fewer columns on a narrow one."""
    lang = labels.lang
    keys = [
        "col-late",
        "col-id",
        "col-unit",
        "col-severity",
        "col-description",
        "col-deadline",
        "col-responsible",
    ]
    if wide:
        keys[3:3] = ["col-district", "col-team", "col-focus"]
        keys.append("col-dispositions")
    table = Table(header_style="bold")
    for key in keys:
        table.add_column(text(key, lang), overflow="fold", no_wrap=key in _NO_WRAP)
    for row in rows:
        finding, visit = row.status.finding, row.status.visit
        unit = repo.units.get(finding.unit)
        unit_name = unit.name if unit else finding.unit
        cells = [
            _late(row, lang),
            escape(finding.id) + ("↺" if row.status.reopened else ""),
            escape(unit_name if wide or unit is None else f"{unit_name}（{unit.district}）"),
            escape(labels.severity(finding.severity)),
            escape(_short(finding.description, 40 if wide else 16)),
            row.status.deadline.isoformat() if row.status.deadline else "",
            escape(finding.responsible),
        ]
        if wide:
            team = repo.teams.get(visit.team)
            cells[3:3] = [
                escape(unit.district if unit else ""),
                escape(team.name if team else visit.team),
                escape(labels.focus(finding.focus)),
            ]
            cells.append(escape("、".join(labels.disposition(d) for d in finding.dispositions)))
        table.add_row(*cells)
    return table


def print_overdue(
    console: Console, report: OverdueReport, repo: Repository, labels: Labels, by: str | None
) -> None:
    """The overdue list as Rich tables, grouped with subtotals when asked."""
    lang = labels.lang
    wide = console.width >= WIDE
    yellow = len(report.rows) - report.red
    title = text(
        "overdue-title",
        lang,
        date=labels.date(report.as_of),
        red=report.red,
        yellow=yellow,
        within=report.within,
        awaiting=len(report.awaiting),
    )
    console.print(f"[bold]{escape(title)}[/]")
    if not report.rows:
        console.print(escape(text("overdue-none", lang)), style="green")
    elif by is None:
        console.print(_overdue_table(list(report.rows), repo, labels, wide))
    else:
        for name, rows in grouped(report.rows, group_key(repo, by)):
            red = sum(1 for r in rows if r.light.value == "red")
            subtotal = text("subtotal", lang, name=name or "—", count=len(rows), red=red)
            console.print(f"\n[bold]{escape(subtotal)}[/]")
            console.print(_overdue_table(rows, repo, labels, wide))
    stubborn = [
        r
        for r in report.rows
        if r.working_days_late > repo.settings.returns.stationed_after_days
        or r.status.reopened >= 2
    ]
    if stubborn:
        hint = text("stationed-hint", lang, days=repo.settings.returns.stationed_after_days)
        console.print(
            f"[bold red]{escape(hint)}[/]：" + "、".join(escape(r.status.id) for r in stubborn)
        )
    if report.awaiting:
        table = Table(title=text("awaiting-title", lang), header_style="bold", title_justify="left")
        for key in (
            "col-id",
            "col-unit",
            "col-severity",
            "col-description",
            "col-deadline",
            "col-reported",
            "col-waited",
            "col-reported-late",
        ):
            table.add_column(text(key, lang), overflow="fold", no_wrap=key in _NO_WRAP)
        for item in report.awaiting:
            finding = item.status.finding
            unit = repo.units.get(finding.unit)
            table.add_row(
                escape(finding.id),
                escape(unit.name if unit else finding.unit),
                escape(labels.severity(finding.severity)),
                escape(_short(finding.description, 40 if wide else 12)),
                item.status.deadline.isoformat() if item.status.deadline else "",
                item.status.reported_on.isoformat() if item.status.reported_on else "",
                str(item.waited),
                text("yes", lang) if item.reported_late else "",
            )
        console.print(table)


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


def _finding_facts(view: FindingView, labels: Labels) -> list[tuple[str, str]]:
    lang = labels.lang
    finding, visit = view.status.finding, view.status.visit
    team = view.team.name if view.team else visit.team
    return [
        (text("col-id", lang), escape(finding.id)),
        (text("col-state", lang), f"[bold]{escape(_state(view.status, labels))}[/]"),
        (
            text("col-unit", lang),
            escape(f"{view.unit.name}（{view.unit.district}）" if view.unit else finding.unit),
        ),
        (
            text("col-visit", lang),
            escape(f"{visit.id}  {labels.date(visit.date)}  {team}"),
        ),
        (text("col-focus", lang), escape(labels.focus(finding.focus))),
        (
            text("col-severity", lang),
            escape(f"{labels.severity(finding.severity)}，{labels.scope(finding.scope)}"),
        ),
        (text("col-place", lang), escape(finding.place)),
        (text("col-description", lang), escape(finding.description)),
        (text("col-responsible", lang), escape(finding.responsible)),
        (text("col-rectification", lang), escape(finding.rectification)),
        (
            text("col-deadline", lang),
            labels.date(view.status.deadline) if view.status.deadline else "",
        ),
        (
            text("col-dispositions", lang),
            escape("、".join(labels.disposition(d) for d in finding.dispositions)),
        ),
        (
            text("col-evidence", lang),
            escape("、".join(e for r in finding.reports for e in r.evidence)),
        ),
        (text("col-checked-by", lang), escape("、".join(view.status.checked_by))),
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
            escape(_short(finding.description, 40)),
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
                        escape("、".join(f"{v.id}（{labels.date(v.date)}）" for v in view.visits)),
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
                (text("col-units", lang), escape("、".join(u.name for u in view.units if u))),
                (
                    text("col-methods", lang),
                    escape("、".join(labels.method(m) for m in visit.methods)),
                ),
                (text("col-focus", lang), escape("、".join(labels.focus(f) for f in visit.focus))),
                (text("col-summary", lang), escape(visit.summary)),
                (text("col-returns", lang), escape("、".join(visit.returns_to))),
                (
                    text("col-checks", lang),
                    escape(
                        "；".join(f"{c.finding} {labels.result(c.result)}" for c in visit.checks)
                    ),
                ),
                (text("col-checked-by", lang), escape("、".join(view.returned_by))),
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
