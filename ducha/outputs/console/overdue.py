"""The overdue list in the terminal."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from ducha.domain.index import Index
from ducha.domain.overdue import OverdueReport, Row, group_key, grouped
from ducha.domain.settings import Lang
from ducha.outputs.console import Cell, print_rows
from ducha.outputs.i18n import text
from ducha.outputs.labels import Labels

WIDE = 150  # columns from which the overdue list shows every field
_LIGHT_STYLE = {"red": "bold red", "yellow": "yellow", "green": "green"}
_FLEXIBLE = (
    "col-unit",
    "col-description",
    "col-responsible",
    "col-team",
    "col-focus",
    "col-dispositions",
)


def short(value: str, limit: int = 30) -> str:
    """Cut text to ``limit`` characters with an ellipsis."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _late(row: Row, lang: Lang) -> Cell:
    days = row.working_days_late
    key = "late-days" if days > 0 else "left-days" if days < 0 else "due-today"
    return ("● " + text(key, lang, days=abs(days)), _LIGHT_STYLE[row.light.value])


def _print_list(console: Console, rows: list[Row], repo: Index, labels: Labels, wide: bool) -> None:
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
    cells: list[list[Cell]] = []
    for row in rows:
        finding, visit = row.status.finding, row.status.visit
        unit = repo.units.get(finding.unit)
        unit_name = unit.name if unit else finding.unit
        line = [
            _late(row, lang),
            finding.id + ("↺" if row.status.reopened else ""),
            unit_name if wide or unit is None else labels.aside(unit_name, unit.district),
            labels.severity(finding.severity),
            short(finding.description, 40 if wide else 16),
            row.status.deadline.isoformat() if row.status.deadline else "",
            finding.responsible,
        ]
        if wide:
            team = repo.teams.get(visit.team)
            line[3:3] = [
                unit.district if unit else "",
                team.name if team else visit.team,
                labels.focus(finding.focus),
            ]
            line.append(labels.listed(labels.disposition(d) for d in finding.dispositions))
        cells.append(line)
    flexible = frozenset(i for i, key in enumerate(keys) if key in _FLEXIBLE)
    print_rows(console, [text(k, lang) for k in keys], cells, flexible=flexible)


def print_overdue(
    console: Console, report: OverdueReport, repo: Index, labels: Labels, by: str | None
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
        _print_list(console, list(report.rows), repo, labels, wide)
    else:
        for name, rows in grouped(report.rows, group_key(repo, by)):
            red = sum(1 for r in rows if r.light.value == "red")
            subtotal = text("subtotal", lang, name=name or "—", count=len(rows), red=red)
            console.print(f"\n[bold]{escape(subtotal)}[/]")
            _print_list(console, rows, repo, labels, wide)
    stubborn = [
        r
        for r in report.rows
        if r.working_days_late > repo.settings.returns.stationed_after_days
        or r.status.reopened >= 2
    ]
    if stubborn:
        hint = text("stationed-hint", lang, days=repo.settings.returns.stationed_after_days)
        console.print(
            f"[bold red]{escape(hint)}[/]{text('colon', lang)}"
            + labels.listed(escape(r.status.id) for r in stubborn)
        )
    if report.unknown:
        _print_unknown(console, report, repo, labels)
    if report.awaiting:
        keys = [
            "col-id",
            "col-unit",
            "col-severity",
            "col-description",
            "col-deadline",
            "col-reported",
            "col-waited",
            "col-reported-late",
        ]
        cells: list[list[Cell]] = []
        for item in report.awaiting:
            finding, status = item.status.finding, item.status
            unit = repo.units.get(finding.unit)
            cells.append(
                [
                    finding.id,
                    unit.name if unit else finding.unit,
                    labels.severity(finding.severity),
                    short(finding.description, 40 if wide else 12),
                    status.deadline.isoformat() if status.deadline else "",
                    status.reported_on.isoformat() if status.reported_on else "",
                    str(item.waited),
                    text("yes", lang) if item.reported_late else "",
                ]
            )
        flexible = frozenset({1, 3})
        print_rows(
            console,
            [text(k, lang) for k in keys],
            cells,
            flexible=flexible,
            title=text("awaiting-title", lang),
        )


def _print_unknown(console: Console, report: OverdueReport, repo: Index, labels: Labels) -> None:
    """Findings whose deadline or lateness no calendar can tell, with what to do about it."""
    lang = labels.lang
    cells: list[list[Cell]] = []
    for status in report.unknown:
        finding = status.finding
        unit = repo.units.get(finding.unit)
        cells.append(
            [
                finding.id,
                unit.name if unit else finding.unit,
                labels.severity(finding.severity),
                short(finding.description, 40),
            ]
        )
    keys = ["col-id", "col-unit", "col-severity", "col-description"]
    title = text("unknown-title", lang, count=len(report.unknown))
    headers = [text(k, lang) for k in keys]
    print_rows(console, headers, cells, flexible=frozenset({1, 3}), title=title)
    console.print(escape(text("unknown-hint", lang)), style="yellow")
