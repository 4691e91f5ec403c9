"""``ducha stats`` in the terminal: a table with bars for the rates."""

from __future__ import annotations

from rich.console import Console

from ducha.domain.index import Index
from ducha.domain.stats import Figures
from ducha.outputs.console import Cell, Column, print_line, print_rows
from ducha.outputs.i18n import text
from ducha.outputs.labels import Labels


def _bar(rate: float | None, width: int) -> Cell:
    if rate is None:
        return "—"
    filled = round(rate * width)
    style = "green" if rate >= 0.8 else "yellow" if rate >= 0.5 else "red"
    return ("█" * filled + "░" * (width - filled) + f" {rate:.0%}", style)


def print_stats(
    console: Console,
    rows: list[Figures],
    repo: Index,
    labels: Labels,
    by: str | None,
    title: str,
) -> None:
    """The overall figures, then one row per group."""
    lang = labels.lang

    def name(group: str) -> str:
        if not group:
            return text("stats-all", lang)
        if by == "focus":
            return labels.focus(group)
        if by == "team":
            team = repo.teams.get(group)
            return team.name if team else group
        if by == "unit":
            unit = repo.units.get(group)
            return unit.name if unit else group
        return group

    print_line(console, title, "bold")
    bar = 10 if console.width >= 130 else 3  # bars take room a narrow terminal does not have
    severities = list(reversed(repo.settings.severity.codes))
    keys = [
        "col-group",
        "xcol-visits",
        "col-units-covered",
        "xcol-findings",
        *("" for _ in severities),
        "stats-rectified",
        "stats-on-time",
        "stats-relapsed",
        "xcol-exemplars",
    ]
    headers = [
        text(k, lang) if k else labels.severity(severities[i - 4]) for i, k in enumerate(keys)
    ]
    table: list[list[Cell]] = [
        [
            (name(figures.group), "bold") if not figures.group else name(figures.group),
            str(figures.visits),
            str(figures.units),
            str(figures.findings),
            *(str(figures.by_severity.get(code, 0)) for code in severities),
            _bar(figures.rectified, bar),
            _bar(figures.on_time, bar),
            _bar(1 - figures.relapsed if figures.relapsed is not None else None, bar),
            str(figures.exemplars),
        ]
        for figures in rows
    ]
    # the group's name may wrap; counts and rates never break. A narrow terminal drops the
    # counts by severity first, then exemplars and units covered: the rates are what is read
    columns = [Column(headers[0], wraps=True), *(Column(h) for h in headers[1:])]
    for index in range(4, 4 + len(severities)):
        columns[index] = Column(headers[index], keep=40 - index)
    rates = len(headers) - 4
    for offset, keep in enumerate((90, 80, 70)):
        columns[rates + offset] = Column(headers[rates + offset], keep=keep)
    columns[-1] = Column(headers[-1], keep=50)
    columns[2] = Column(headers[2], keep=60)
    print_rows(console, columns, table, lang=lang)
