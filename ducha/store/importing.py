"""A 台账 (one row per finding, or per visit without one) turned into visits and units.

Every row is read before anything is written (``ledger.py``): one problem means nothing is
written. Rows are grouped into visits by their visit id when the sheet has one (an export of
``ducha export`` does), else by date, team and unit. A row whose finding id is already in
the repository is skipped, so an exported sheet with rows added imports only the new ones.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ducha.checks.issues import Issue
from ducha.domain.index import Index
from ducha.domain.vocab import DISPOSITIONS, METHODS, SCOPES
from ducha.errors import UserError
from ducha.store.ledger import Mapping, Reader, Row, clean, find_header
from ducha.store.sheets import Table


@dataclass(frozen=True, slots=True)
class NewVisit:
    """A visit file to create."""

    path: str
    content: str
    findings: int


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """What an import would write, or the problems that stop it."""

    units: tuple[dict[str, Any], ...]
    visits: tuple[NewVisit, ...]
    skipped: int  # rows already in the repository
    # rows closed after the visit: only a return visit closes a finding (ducha check)
    closed_later: int
    ignored: tuple[str, ...]  # headers no field reads
    problems: tuple[Issue, ...]


def plan_import(repo: Index, table: Table, shown: str, mapping: Mapping) -> ImportPlan:
    """Read every row of ``table`` (``shown`` names its file in problems) into new records."""
    header, fields, ignored = find_header(table, mapping)
    problems: list[Issue] = []
    reader = Reader(repo, shown, fields, problems)
    rows = [
        reader.row(number, cells)
        for number, cells in enumerate(table.rows[header:], start=header + 1)
        if any(clean(c) for c in cells)
    ]
    read = [r for r in rows if r is not None]
    kept = [r for r in read if not (r.values.get("id") and repo.finding(r.values["id"]))]
    skipped = len(read) - len(kept)
    units = reader.new_units(kept)
    visits = _visits(repo, kept, shown, reader) if not problems else []
    if not problems and not visits and not skipped:
        raise UserError("sheet-empty", sheet=table.name)
    later = sum(
        1
        for r in kept
        if r.values.get("closed_on") and r.values["closed_on"] != r.values["visit_date"]
    )
    return ImportPlan(tuple(units), tuple(visits), skipped, later, tuple(ignored), tuple(problems))


def _visits(repo: Index, rows: list[Row], shown: str, reader: Reader) -> list[NewVisit]:
    """Rows grouped into visits, each written as a new file (none may exist yet)."""
    import secrets

    from ducha.store.create import refuse_if_invalid, visit_folder
    from ducha.store.writing import fresh_visit_id

    groups: dict[tuple[Any, ...], list[Row]] = {}
    for row in rows:
        v = row.values
        key = ("id", v["visit"]) if v["visit"] else ("day", v["visit_date"], v["team"], v["unit"])
        groups.setdefault(key, []).append(row)
    taken = {v.id for v in repo.visits}
    made = []
    for key, members in groups.items():
        first = members[0].values
        day: dt.date = first["visit_date"]
        if key[0] == "id":
            visit_id = str(key[1])
            if visit_id in taken:
                reader.problem(members[0].number, "visit", "import-visit-exists", value=visit_id)
                continue
            if not re.fullmatch(rf"{day:%Y%m%d}-[a-z0-9]{{3,8}}", visit_id):
                reader.problem(
                    members[0].number, "visit", "import-bad-visit-id", value=visit_id, date=day
                )
                continue
            taken.add(visit_id)
        else:
            visit_id = fresh_visit_id(day, taken, secrets.choice)
        path = (visit_folder(repo.root, day) / f"{visit_id}.yaml").relative_to(repo.root)
        content = _visit_text(visit_id, members, shown, repo)
        refuse_if_invalid(repo, path.as_posix(), content)  # what validate says, said now
        count = sum(1 for m in members if m.values["description"])
        made.append(NewVisit(path.as_posix(), content, count))
    return made


def _visit_text(visit_id: str, rows: list[Row], shown: str, repo: Index) -> str:
    from ducha.store.create import MODELINE
    from ducha.store.writing import yaml_list, yaml_text

    first = rows[0].values
    numbers = [r.number for r in rows]
    span = f"{numbers[0]}" if len(numbers) == 1 else f"{numbers[0]}–{numbers[-1]}"
    units = list(dict.fromkeys(r.values["unit"] for r in rows))
    methods = list(dict.fromkeys(m for r in rows for m in r.values["methods"]))
    lines = [
        MODELINE.format(path="../../../schema/visit.schema.json").rstrip(),
        f"# 由 ducha import 自 {_comment(shown)} 第 {span} 行导入",
        f"id: {visit_id}",
        f"date: {first['visit_date'].isoformat()}",
        f"team: {yaml_text(first['team'])}",
        f"units: {yaml_list(units)}",
    ]
    if methods:
        lines.append(f"methods: {yaml_list([METHODS.get(m).zh for m in methods])}")
    found = [r.values for r in rows if r.values["description"]]
    lines.append("findings:" if found else "findings: []")
    settings = repo.settings
    for v in found:
        lines.append(f"  - focus: {yaml_text(settings.focus.label(v['focus']))}")
        if len(units) > 1:
            lines.append(f"    unit: {yaml_text(v['unit'])}")
        lines.append(f"    severity: {yaml_text(settings.severity.label(v['severity']))}")
        if v["scope"]:
            lines.append(f"    scope: {yaml_text(SCOPES.get(v['scope']).zh)}")
        lines += [
            f"    {name}: {yaml_text(v[name])}"
            for name in ("place", "description", "responsible", "rectification")
            if v[name]
        ]
        if v["deadline"]:
            lines.append(f"    deadline: {yaml_text(v['deadline'])}")
        if v["dispositions"]:
            words = [DISPOSITIONS.get(d).zh for d in v["dispositions"]]
            lines.append(f"    dispositions: {yaml_list(words)}")
        if v["closed_on"] is not None and v["closed_on"] == first["visit_date"]:
            lines.append("    fixed_on_spot: true")  # closed the day it was found: 当场整改
        elif v["reported_on"] is not None:
            lines.append(f"    reports: [{{date: {v['reported_on'].isoformat()}}}]")
    return "\n".join(lines) + "\n"


def _comment(text: str) -> str:
    return "".join(c if c.isprintable() else " " for c in text)


def problems_in(plan: ImportPlan) -> tuple[Issue, ...]:
    """The plan's problems in row order."""
    return tuple(sorted(plan.problems, key=lambda p: (p.position.line, p.position.column)))


def apply_import(repo: Index, plan: ImportPlan) -> list[Path]:
    """Write a plan that has no problems: its units, then its visits (none over a file)."""
    from ducha.store.create import append_row
    from ducha.store.writing import create_new

    assert not plan.problems
    written = [append_row(repo, "units", dict(unit)) for unit in plan.units]
    for visit in plan.visits:
        create_new(repo.root / visit.path, visit.content)
        written.append(repo.root / visit.path)
    return list(dict.fromkeys(written))
