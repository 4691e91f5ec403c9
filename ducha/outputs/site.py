"""The dashboard site's pages of one part: a page per finding and per unit, and their rows.

Every page stands alone (its style inline, its charts inline SVG), so it opens from
``file://`` and publishes as it is on a forge's pages. The front page's search reads each
part's rows from a script beside its pages (``search.js``), never from a server. Every value
from the records is escaped. The front page itself is ``site_front.py``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping

from ducha.domain.index import Index
from ducha.domain.model import Visit
from ducha.domain.site import LIGHTS, Line, Site
from ducha.outputs.i18n import text
from ducha.outputs.labels import Labels
from ducha.outputs.site_charts import COLOURS, e, wrapped
from ducha.store.vcs import Commit

STYLE = """
*{box-sizing:border-box}body{margin:0 auto;max-width:1100px;padding:12px;font:15px/1.6
"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;color:#222}
h1{font-size:22px;margin:8px 0}h2{font-size:18px;margin:20px 0 8px;border-bottom:2px solid
#c62828}a{color:#0d47a1}.cards{display:flex;flex-wrap:wrap;gap:8px}.card{flex:1 1 120px;
border:1px solid #ddd;border-radius:6px;padding:8px;text-align:center}.card b{display:block;
font-size:26px}.wrap{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:14px}
th,td{border:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}th{background:
#f5f5f5}tr{break-inside:avoid}thead{display:table-header-group}.dot{display:inline-block;
width:.8em;height:.8em;border-radius:50%;margin-right:4px}.muted{color:#666;font-size:13px}
svg{max-width:100%;height:auto}.filters{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0}
input,select{font:inherit;padding:4px}@media print{.filters{display:none}body{max-width:none;
padding:0}a{color:inherit;text-decoration:none}}@page{size:A4;margin:20mm 15mm}
"""


def slug(record_id: str) -> str:
    """A file name for an id (``20200205-2vs/1`` → ``20200205-2vs~1``)."""
    return record_id.replace("/", "~")


def group_of(record_id: str, repo: Index) -> str:
    """The part of the site a record's pages are in: its source on a hub, else ``""``."""
    return record_id.partition("/")[0] if repo.parts else ""


def folders_of(group: str) -> tuple[str, ...]:
    """The folders that hold a group's pages and nothing else's.

    A hub's sources each have a folder of their own (``sources/临川/``), which is what lets
    a build keep a source's pages while its records stay as they were.
    """
    return (f"sources/{group}",) if group else ("findings", "units")


def search_file(group: str) -> str:
    """Where a group's rows for the front page's search are: in its own folder."""
    return f"{folders_of(group)[0]}/search.js"


def page_of(kind: str, record_id: str, repo: Index) -> str:
    """A finding's or a unit's page, from the site's root."""
    if repo.parts:
        source, _, rest = record_id.partition("/")
        return f"sources/{source}/{kind}/{slug(rest)}.html"
    return f"{kind}/{slug(record_id)}.html"


Row = tuple[str, int, int, str, str, str, str, str, str, str, str, str]
"""A finding as a table and the search list it: light, its rank, days late, id, the light's
words, unit, district, severity, description, deadline, the finding's and the unit's pages."""


def part_pages(
    site: Site, repo: Index, labels: Labels, history: Mapping[str, list[Commit]], group: str
) -> Iterator[tuple[str, str]]:
    """The pages of one part's findings and units, each made when the writer asks for it.

    ``site`` and ``repo`` are the part's (``by_source``). A page is dropped once written, so
    the site's pages are never all in memory at once.
    """
    visits: dict[str, list[Visit]] = {}
    for visit in site.visits:
        for unit_id in visit.units:
            visits.setdefault(unit_id, []).append(visit)
    by_unit: dict[str, list[Row]] = {}
    rows: list[Row] = []
    for line in site.lines:
        row = row_of(line, repo, labels)
        rows.append(row)
        by_unit.setdefault(line.status.finding.unit, []).append(row)
        yield row[10], _finding(line, row, site, repo, labels, history)
    for unit_id in sorted(by_unit):
        path = page_of("units", unit_id, repo)
        found = visits.get(unit_id, [])
        yield path, _unit(unit_id, by_unit[unit_id], found, site, repo, labels, path)
    yield search_file(group), _search_rows(rows)


def row_of(line: Line, repo: Index, labels: Labels) -> Row:
    """A finding's row."""
    status, finding = line.status, line.status.finding
    unit = repo.units.get(finding.unit)
    return (
        line.light,
        LIGHTS.index(line.light),
        line.late,
        status.id,
        _light_words(line, labels),
        unit.name if unit else finding.unit,
        unit.district if unit and unit.district else "—",
        labels.severity(finding.severity),
        finding.description,
        labels.date(status.deadline) if status.deadline else "—",
        page_of("findings", status.id, repo),
        page_of("units", finding.unit, repo),
    )


def _search_rows(rows: list[Row]) -> str:
    """A part's findings as data for the front page's search, read on its first use.

    A script that adds rows, not a JSON file: a page opened from ``file://`` may load a
    script beside it but may not fetch a file. The values are JSON and the search puts them
    into the page as text, never as markup.
    """
    return f"DUCHA_ROWS.push({json.dumps(rows, ensure_ascii=False, separators=(',', ':'))});\n"


def _light_words(line: Line, labels: Labels) -> str:
    words = text(f"site-light-{line.light}", labels.lang)
    if line.light == "red":
        words += text("site-late", labels.lang, days=line.late)
    return words


def page(title: str, body: str, labels: Labels, depth: int = 0) -> str:
    """A page of the site: ``depth`` folders below its root."""
    up = "../" * depth
    home = f'<p class="muted"><a href="{up}index.html">{e(text("site-home", labels.lang))}</a></p>'
    return (
        f'<!DOCTYPE html>\n<html lang="{"zh-CN" if labels.lang == "zh" else "en"}"><head>'
        '<meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{e(title)}</title><style>{STYLE}</style></head><body>"
        f"{home if depth else ''}{body}</body></html>\n"
    )


def rows_table(rows: Iterable[Row], labels: Labels, name: str, depth: int = 0) -> str:
    """Findings as a table, links led from a page ``depth`` folders below the root."""
    up = "../" * depth
    heads = [
        "col-site-light",
        "col-id",
        "col-unit",
        "col-severity",
        "col-description",
        "col-deadline",
    ]
    head = "".join(f"<th>{e(text(h, labels.lang))}</th>" for h in heads)
    cells = "".join(
        f'<tr data-light="{r[0]}" data-group="{e(r[6])}"><td><span class="dot" '
        f'style="background:{COLOURS[r[0]]}"></span>{e(r[4])}</td>'
        f'<td><a href="{up}{e(r[10])}">{e(r[3])}</a></td>'
        f'<td><a href="{up}{e(r[11])}">{e(r[5])}</a></td>'
        f"<td>{e(r[7])}</td><td>{e(r[8])}</td><td>{e(r[9])}</td></tr>"
        for r in rows
    )
    return wrapped(f'<table id="{name}">', head, cells)


def _unit(
    unit_id: str,
    rows: list[Row],
    visits: list[Visit],
    site: Site,
    repo: Index,
    labels: Labels,
    path: str,
) -> str:
    lang = labels.lang
    unit = repo.units.get(unit_id)
    name = unit.name if unit else unit_id
    facts = [(text("col-id", lang), unit_id)]
    if unit is not None:
        facts += [(text("col-district", lang), unit.district or "—")]
    items = "".join(
        f"<li>{e(labels.date(v.date))} {e(v.id)} {e(v.summary if site.internal else '')}</li>"
        for v in visits
    )
    body = (
        f"<h1>{e(name)}</h1>{_facts(facts)}"
        f"<h2>{e(text('site-findings', lang, count=len(rows)))}</h2>"
        f"{rows_table(rows, labels, 'unit', depth=path.count('/'))}"
        f"<h2>{e(text('site-visits', lang))}</h2><ul>{items}</ul>"
    )
    return page(name, body, labels, depth=path.count("/"))


def _facts(rows: Iterable[tuple[str, str]]) -> str:
    cells = "".join(f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in rows)
    return f'<div class="wrap"><table class="facts">{cells}</table></div>'


def _finding(
    line: Line,
    row: Row,
    site: Site,
    repo: Index,
    labels: Labels,
    history: Mapping[str, list[Commit]],
) -> str:
    lang = labels.lang
    status, finding = line.status, line.status.finding
    facts = [
        (text("col-id", lang), status.id),
        (text("col-unit", lang), row[5]),
        (text("col-focus", lang), labels.focus(finding.focus)),
        (text("col-severity", lang), labels.severity(finding.severity)),
        (text("col-description", lang), finding.description),
        (text("col-deadline", lang), labels.date(status.deadline) if status.deadline else "—"),
    ]
    if site.internal:
        facts += [(text("col-responsible", lang), finding.responsible or "—")]
    events = [(labels.date(status.visit.date), text("site-found", lang), "")]
    events += [
        (labels.date(r.date), text("site-reported", lang), r.note if site.internal else "")
        for r in finding.reports
    ]
    for visit, check in repo.checks_of(status.id):
        if visit.date <= site.as_of:
            note = check.note if site.internal else ""
            events.append((labels.date(visit.date), labels.result(check.result), note))
    rows = "".join(f"<tr><td>{e(d)}</td><td>{e(w)}</td><td>{e(n)}</td></tr>" for d, w, n in events)
    files = [status.visit.path] + [v.path for v, _ in repo.checks_of(status.id)]
    commits = sorted(
        {c.sha: c for path in files for c in history.get(path, [])}.values(),
        key=lambda c: c.date,
        reverse=True,
    )
    recorded = "".join(
        f"<tr><td>{e(labels.date(c.date.date()))}</td><td>{e(c.author)}</td>"
        f"<td>{e(c.subject)}</td><td>{e(c.sha[:7])}</td></tr>"
        for c in commits
    )
    body = (
        f'<h1>{e(status.id)}</h1><p><span class="dot" style="background:{COLOURS[line.light]}">'
        f"</span>{e(row[4])}</p>{_facts(facts)}"
        f"<h2>{e(text('site-events', lang))}</h2>"
        f'<div class="wrap"><table>{rows}</table></div>'
        f"<h2>{e(text('site-recorded', lang))}</h2>"
        f'<div class="wrap"><table id="recorded">{recorded}</table></div>'
    )
    return page(status.id, body, labels, depth=row[10].count("/"))
