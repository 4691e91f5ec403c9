"""The chase (催办) in the terminal: one short table per party to call."""

from __future__ import annotations

from rich.console import Console

from ducha.domain.chase import Chase, Urgency
from ducha.outputs.chase import item_words, totals
from ducha.outputs.console import Cell, Column, print_line, print_rows
from ducha.outputs.console.overdue import short
from ducha.outputs.i18n import text
from ducha.outputs.labels import Labels

_STYLE = {Urgency.OVERDUE: "bold red", Urgency.DUE: "yellow", Urgency.UNVERIFIED: "cyan"}


def print_chase(console: Console, found: Chase, labels: Labels) -> None:
    """A heading with the totals, then each party (the most overdue first) and its items."""
    lang = labels.lang
    print_line(console, text("chase-title", lang, date=labels.date(found.as_of)), "bold")
    print_line(console, totals(found, lang))
    if not found.parties:
        print_line(console, text("chase-none", lang), "green")
        return
    columns = [
        Column(text("col-chase-why", lang)),
        Column(text("col-id", lang)),
        Column(text("col-severity", lang), keep=40),
        Column(text("col-description", lang), wraps=True, keep=80),
        Column(text("col-deadline", lang), keep=60),
    ]
    for party in found.parties:
        console.print()
        heading = party.name
        if party.contact:
            heading += "  " + text("chase-contact", lang, contact=party.contact)
        cells: list[list[Cell]] = []
        for item in party.items:
            finding, deadline = item.status.finding, item.status.deadline
            cells.append(
                [
                    ("● " + item_words(item, lang), _STYLE[item.urgency]),
                    finding.id,
                    labels.severity(finding.severity),
                    short(finding.description, 60),
                    deadline.isoformat() if deadline else "",
                ]
            )
        print_rows(console, columns, cells, lang=lang, title=heading)
