"""The overdue list in the terminal."""

from __future__ import annotations

from rich.console import Console

from ducha.domain.index import Index
from ducha.domain.overdue import OverdueReport, Row, group_key, grouped
from ducha.domain.settings import Lang
from ducha.outputs.console import Cell, Column, print_line, print_rows
from ducha.outputs.i18n import text
from ducha.outputs.labels import Labels

# how much each column of the overdue list is needed: a narrow terminal drops the lowest first
_LIST = (
    ("col-late", False, 100),
    ("col-id", False, 100),
    ("col-unit", True, 90),
    ("col-district", False, 40),
    ("col-team", True, 20),
    ("col-focus", True, 25),
    ("col-severity", False, 60),
    ("col-description", True, 80),
    ("col-deadline", False, 100),
    ("col-responsible", True, 50),
    ("col-dispositions", True, 10),
)
_LIGHT_STYLE = {"red": "bold red", "yellow": "yellow", "green": "green"}


def short(value: str, limit: int = 30) -> str:
    """Cut text to ``limit`` characters with an ellipsis."""
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _late(row: Row, lang: Lang) -> Cell:
    days = row.working_days_late
    key = "late-days" if days > 0 else "left-days" if days < 0 else "due-today"
    return ("● " + text(key, lang, days=abs(days)), _LIGHT_STYLE[row.light.value])


def _print_list(console: Console, rows: list[Row], repo: Index, labels: Labels) -> None:
    """Every column that fits, the least needed left out on a narrow terminal."""
    lang = labels.lang
    cells: list[list[Cell]] = []
    for row in rows:
        finding, visit = row.status.finding, row.status.visit
        unit = repo.units.get(finding.unit)
        team = repo.teams.get(visit.team)
        cells.append(
            [
                _late(row, lang),
                finding.id + ("↺" if row.status.reopened else ""),
                unit.name if unit else finding.unit,
                unit.district if unit else "",
                team.name if team else visit.team,
                labels.focus(finding.focus),
                labels.severity(finding.severity),
                short(finding.description, 60),
                row.status.deadline.isoformat() if row.status.deadline else "",
                finding.responsible,
                labels.listed(labels.disposition(d) for d in finding.dispositions),
            ]
        )
    columns = [Column(text(key, lang), wraps, keep) for key, wraps, keep in _LIST]
    print_rows(console, columns, cells, lang=lang)


def print_overdue(
    console: Console, report: OverdueReport, repo: Index, labels: Labels, by: str | None
) -> None:
    """The overdue list as Rich tables, grouped with subtotals when asked."""
    lang = labels.lang
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
    print_line(console, title, "bold")
    if not report.rows:
        print_line(console, text("overdue-none", lang), "green")
    elif by is None:
        _print_list(console, list(report.rows), repo, labels)
    else:
        for name, rows in grouped(report.rows, group_key(repo, by)):
            red = sum(1 for r in rows if r.light.value == "red")
            subtotal = text("subtotal", lang, name=name or "—", count=len(rows), red=red)
            console.print()
            print_line(console, subtotal, "bold")
            _print_list(console, rows, repo, labels)
    stubborn = [
        r
        for r in report.rows
        if r.working_days_late > repo.settings.returns.stationed_after_days
        or r.status.reopened >= 2
    ]
    if stubborn:
        hint = text("stationed-hint", lang, days=repo.settings.returns.stationed_after_days)
        ids = labels.listed(r.status.id for r in stubborn)
        print_line(console, f"{hint}{text('colon', lang)}{ids}", "bold red")
    if report.unknown:
        _print_unknown(console, report, repo, labels)
    if report.awaiting:
        columns = [
            Column(text("col-id", lang)),
            Column(text("col-unit", lang), wraps=True, keep=90),
            Column(text("col-severity", lang), keep=60),
            Column(text("col-description", lang), wraps=True, keep=80),
            Column(text("col-deadline", lang)),
            Column(text("col-reported", lang), keep=95),
            Column(text("col-waited", lang), keep=70),
            Column(text("col-reported-late", lang), keep=30),
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
                    short(finding.description, 60),
                    status.deadline.isoformat() if status.deadline else "",
                    status.reported_on.isoformat() if status.reported_on else "",
                    str(item.waited),
                    text("yes", lang) if item.reported_late else "",
                ]
            )
        print_rows(console, columns, cells, lang=lang, title=text("awaiting-title", lang))


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
                short(finding.description, 60),
            ]
        )
    columns = [
        Column(text("col-id", lang)),
        Column(text("col-unit", lang), wraps=True, keep=90),
        Column(text("col-severity", lang), keep=60),
        Column(text("col-description", lang), wraps=True, keep=80),
    ]
    title = text("unknown-title", lang, count=len(report.unknown))
    print_rows(console, columns, cells, lang=lang, title=title)
    print_line(console, text("unknown-hint", lang), "yellow")
