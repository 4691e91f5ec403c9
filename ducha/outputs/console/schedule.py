"""A return-visit plan in the terminal: by day and team, then what was left out."""

from __future__ import annotations

from rich.console import Console

from ducha.domain.index import Index
from ducha.domain.schedule import Plan
from ducha.outputs.console import Cell, Column, print_line, print_rows
from ducha.outputs.i18n import text
from ducha.outputs.labels import Labels


def print_plan(console: Console, plan: Plan, repo: Index, labels: Labels) -> None:
    """The plan as tables, with the seed that reproduces it."""
    lang = labels.lang

    def unit(code: str) -> tuple[str, str]:
        found = repo.units.get(code)
        return (found.name, found.district) if found else (code, "")

    def team(code: str) -> str:
        found = repo.teams.get(code)
        return found.name if found else code

    def reasons(codes: tuple[str, ...]) -> str:
        return labels.listed(text(f"reason-{r}", lang) for r in codes)

    title = text(
        "schedule-title",
        lang,
        start=labels.date(plan.start),
        end=labels.date(plan.end),
        count=len(plan.visits),
        seed=plan.seed,
    )
    print_line(console, title, "bold")
    print_line(console, text("schedule-seed-hint", lang, seed=plan.seed), "dim")
    columns = [
        Column(text("col-date", lang)),
        Column(text("col-team", lang), wraps=True, keep=90),
        Column(text("col-unit", lang), wraps=True),
        Column(text("col-district", lang), keep=50),
        Column(text("col-reasons", lang), wraps=True, keep=60),
        Column(text("col-to-check", lang), wraps=True, keep=70, max_lines=6),
    ]
    rows: list[list[Cell]] = []
    for visit in plan.visits:
        name, district = unit(visit.unit)
        rows.append(
            [
                visit.date.isoformat(),
                team(visit.team),
                name,
                district,
                reasons(visit.reasons),
                labels.listed(visit.findings),
            ]
        )
    print_rows(console, columns, rows, lang=lang)
    if plan.left_out:
        columns = [
            Column(text("col-unit", lang), wraps=True),
            Column(text("col-district", lang), keep=50),
            Column(text("col-reasons", lang), wraps=True, keep=60),
            Column(text("col-why", lang), wraps=True),
            Column(text("col-to-check", lang), wraps=True, keep=70, max_lines=6),
        ]
        rows = [
            [
                *unit(item.candidate.unit),
                reasons(item.candidate.reasons),
                (text(f"why-{item.why}", lang), "yellow"),
                labels.listed(item.candidate.findings),
            ]
            for item in plan.left_out
        ]
        print_rows(
            console,
            columns,
            rows,
            lang=lang,
            title=text("left-out-title", lang),
        )
    if plan.stationed:
        columns = [
            Column(text("col-unit", lang), wraps=True),
            Column(text("col-district", lang), keep=50),
            Column(text("col-why", lang), wraps=True),
            Column(text("col-findings", lang), wraps=True, keep=70, max_lines=6),
        ]
        rows = [
            [*unit(s.unit), (text(f"why-{s.why}", lang), "bold red"), labels.listed(s.findings)]
            for s in plan.stationed
        ]
        print_rows(
            console,
            columns,
            rows,
            lang=lang,
            title=text("stationed-title", lang),
        )
