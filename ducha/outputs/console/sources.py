"""``ducha sources`` in the terminal: each source, where it is, its commit and what differs."""

from __future__ import annotations

from rich.console import Console

from ducha.outputs.console import Cell, Column, print_rows
from ducha.outputs.i18n import text
from ducha.outputs.labels import Labels
from ducha.store.hub import Listed


def print_sources(console: Console, rows: list[Listed], labels: Labels) -> None:
    """One row a source; nested hubs' sources follow their hub, named ``city/county``."""
    lang = labels.lang
    columns = [
        Column(text("col-source", lang)),
        Column(text("col-source-place", lang), wraps=True, keep=30),
        Column(text("col-commit", lang)),
        Column(text("col-commit-date", lang), keep=50),
        Column(text("col-differs", lang), wraps=True, keep=40),
    ]
    cells: list[list[Cell]] = []
    for row in rows:
        differs = (
            text("differs-sep", lang).join(text(f"differs-{d}", lang) for d in row.differs) or "—"
        )
        if row.origin is None:
            state: Cell = (
                text(row.problem or "source-state-missing", lang, name=row.name, path=row.place),
                "red",
            )
            cells.append([row.name, row.place, state, "", ""])
            continue
        commit: Cell = row.origin.commit[:7] or "—"
        if row.origin.dirty:
            commit = (f"{row.origin.commit[:7]} {text('source-state-dirty', lang)}", "yellow")
        date = labels.date(row.origin.date.date()) if row.origin.date else "—"
        cells.append([row.name, row.place, commit, date, differs])
    print_rows(
        console, columns, cells, lang=lang, title=text("sources-title", lang, count=len(rows))
    )
