"""The dashboard site as files: a front page, a page per unit and per finding, no server.

Every page stands alone (its style inline, its charts inline SVG, its search a few lines of
script over the rows it holds), so it opens from ``file://`` and publishes as it is on a
forge's pages. Every value from the records is escaped; nothing is fetched.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from ducha.domain.index import Index
from ducha.domain.model import Visit
from ducha.domain.site import LIGHTS, Line, Site
from ducha.outputs.hub import origins_line
from ducha.outputs.i18n import text
from ducha.outputs.labels import Labels
from ducha.outputs.site_charts import COLOURS, e, rates_table, tally_chart, trend_chart, wrapped
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

SEARCH = """
(function(){var d=document,q=d.getElementById('q'),l=d.getElementById('light'),
g=d.getElementById('group'),n=d.getElementById('shown'),more=d.getElementById('more'),
body=d.querySelector('#all tbody'),cfg=JSON.parse(d.getElementById('search-files').textContent),
rows=null,asked=false;window.DUCHA_ROWS=[];
function load(then){if(rows){then();return;}if(asked)return;asked=true;var left=cfg.files.length;
function done(){if(--left>0)return;rows=[].concat.apply([],window.DUCHA_ROWS);
rows.forEach(function(r){r.t=(r[3]+' '+r[5]+' '+r[6]+' '+r[8]).toLowerCase();});
rows.sort(function(a,b){return a[1]-b[1]||b[2]-a[2]||(a[3]<b[3]?-1:a[3]>b[3]?1:0);});then();}
if(!left){left=1;done();return;}
cfg.files.forEach(function(f){var s=d.createElement('script');s.src=f;s.onload=s.onerror=done;
d.body.appendChild(s);});}
function cell(tr,words,href,colour){var td=d.createElement('td'),at=td;if(colour){
var dot=d.createElement('span');dot.className='dot';dot.style.background=colour;
td.appendChild(dot);}if(href){at=d.createElement('a');at.href=href;td.appendChild(at);}
at.appendChild(d.createTextNode(words));tr.appendChild(td);}
function show(){var w=q.value.trim().toLowerCase(),c=0,f=d.createDocumentFragment();
rows.forEach(function(r){if((w&&r.t.indexOf(w)<0)||(l.value&&r[0]!==l.value)
||(g.value&&r[6]!==g.value))return;if(++c>cfg.most)return;var tr=d.createElement('tr');
tr.dataset.light=r[0];tr.dataset.group=r[6];cell(tr,r[4],null,cfg.colours[r[0]]);
cell(tr,r[3],r[10]);cell(tr,r[5],r[11]);cell(tr,r[7]);cell(tr,r[8]);cell(tr,r[9]);
f.appendChild(tr);});body.replaceChildren(f);n.textContent=c;more.hidden=c<=cfg.most;}
function go(){load(show);}
[q,l,g].forEach(function(e){e.addEventListener('input',go);});
if(location.hash.length>1){q.value=decodeURIComponent(location.hash.slice(1));go();}})();
"""
SHOWN = 500  # rows a search lists at most; it counts every row that matches
URGENT = 300  # rows of the front page's overdue list: the most urgent


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


def site_files(
    site: Site, repo: Index, labels: Labels, history: Mapping[str, list[Commit]]
) -> Iterator[tuple[str, str]]:
    """Every page of the site with its path in the output folder, made as it is written."""
    yield "index.html", front_page(site, repo, labels)
    for part in site_parts(site, repo).values():
        yield from part_pages(part, site, repo, labels, history)


@dataclass(frozen=True, slots=True)
class SitePart:
    """What one group's pages show: its findings, and its visits by unit."""

    group: str
    lines: list[Line]
    visits: dict[str, list[Visit]]


def site_parts(site: Site, repo: Index) -> dict[str, SitePart]:
    """The findings and visits of each group that has pages (``group_of``), sorted by name."""
    found: dict[str, SitePart] = {}
    for line in site.lines:
        group = group_of(line.status.id, repo)
        part = found.get(group)
        if part is None:
            part = found[group] = SitePart(group, [], {})
        part.lines.append(line)
    for visit in site.visits:
        part = found.get(group_of(visit.id, repo))
        if part is not None:
            for unit_id in visit.units:
                part.visits.setdefault(unit_id, []).append(visit)
    return dict(sorted(found.items()))


def part_pages(
    part: SitePart, site: Site, repo: Index, labels: Labels, history: Mapping[str, list[Commit]]
) -> Iterator[tuple[str, str]]:
    """The pages of one group's findings and units, each made when the writer asks for it.

    A page is dropped once written, so the site's pages are never all in memory at once.
    """
    by_unit: dict[str, list[Line]] = {}
    for line in part.lines:
        path = page_of("findings", line.status.id, repo)
        yield path, _finding(line, site, repo, labels, history, path.count("/"))
        by_unit.setdefault(line.status.finding.unit, []).append(line)
    for unit_id in sorted(by_unit):
        path = page_of("units", unit_id, repo)
        visits = part.visits.get(unit_id, [])
        yield path, _unit(unit_id, by_unit[unit_id], visits, site, repo, labels, path)
    yield search_file(part.group), _search_rows(part.lines, repo, labels)


def _search_rows(lines: Sequence[Line], repo: Index, labels: Labels) -> str:
    """A group's findings as data for the front page's search, read on its first use.

    A script that adds rows, not a JSON file: a page opened from ``file://`` may load a
    script beside it but may not fetch a file. The values are JSON and the search puts them
    into the page as text, never as markup.
    """
    order = {light: i for i, light in enumerate(LIGHTS)}
    rows = []
    for line in lines:
        status, finding = line.status, line.status.finding
        unit = repo.units.get(finding.unit)
        rows.append(
            [
                line.light,
                order[line.light],
                line.late,
                status.id,
                _light_words(line, labels),
                _unit_name(repo, finding.unit),
                unit.district if unit and unit.district else "—",
                labels.severity(finding.severity),
                finding.description,
                labels.date(status.deadline) if status.deadline else "—",
                page_of("findings", status.id, repo),
                page_of("units", finding.unit, repo),
            ]
        )
    return f"DUCHA_ROWS.push({json.dumps(rows, ensure_ascii=False, separators=(',', ':'))});\n"


def _page(title: str, body: str, labels: Labels, depth: int = 0) -> str:
    up = "../" * depth
    home = f'<p class="muted"><a href="{up}index.html">{e(text("site-home", labels.lang))}</a></p>'
    return (
        f'<!DOCTYPE html>\n<html lang="{"zh-CN" if labels.lang == "zh" else "en"}"><head>'
        '<meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{e(title)}</title><style>{STYLE}</style></head><body>"
        f"{home if depth else ''}{body}</body></html>\n"
    )


def _light_words(line: Line, labels: Labels) -> str:
    words = text(f"site-light-{line.light}", labels.lang)
    if line.light == "red":
        words += text("site-late", labels.lang, days=line.late)
    return words


def _light(line: Line, labels: Labels) -> str:
    dot = f'<span class="dot" style="background:{COLOURS[line.light]}"></span>'
    return dot + e(_light_words(line, labels))


def _unit_name(repo: Index, unit_id: str) -> str:
    unit = repo.units.get(unit_id)
    return unit.name if unit else unit_id


def front_page(site: Site, repo: Index, labels: Labels) -> str:
    """The front page: the lights, the charts, the rates, the overdue list and every finding."""
    lang = labels.lang
    counts = {light: sum(1 for x in site.lines if x.light == light) for light in LIGHTS}
    cards = "".join(
        f'<div class="card" data-light="{light}"><b style="color:{COLOURS[light]}">'
        f"{counts[light]}</b>{e(text(f'site-light-{light}', lang))}</div>"
        for light in LIGHTS
        if light != "unknown" or counts[light]
    )
    title = text("site-title", lang, name=repo.settings.organization.name)
    body = [
        f"<h1>{e(title)}</h1>",
        f'<p class="muted">{e(text("site-as-of", lang, date=labels.date(site.as_of)))}'
        + (f"；{e(origins_line(repo.origins, labels))}" if repo.origins else "")
        + (f"；<b>{e(text('site-internal', lang))}</b>" if site.internal else "")
        + "</p>",
        f'<div class="cards" id="cards">{cards}</div>',
    ]
    for by, tallies in site.tallies.items():
        body.append(f"<h2>{e(text(f'site-by-{by}', lang))}</h2>{tally_chart(tallies, labels)}")
    body.append(f"<h2>{e(text('site-trend', lang))}</h2>{trend_chart(site, labels)}")
    for by, figures in site.rates.items():
        body.append(f"<h2>{e(text(f'site-rates-{by}', lang))}</h2>{rates_table(figures, labels)}")
    urgent = [x for x in site.lines if x.light in ("red", "yellow")]
    body.append(f"<h2>{e(text('site-overdue', lang, count=len(urgent)))}</h2>")
    if len(urgent) > URGENT:
        body.append(f'<p class="muted">{e(text("site-overdue-more", lang, shown=URGENT))}</p>')
    body.append(_table(urgent[:URGENT], repo, labels, "overdue"))
    body.append(f"<h2>{e(text('site-all', lang))}</h2>{_filters(site, labels)}")
    hint = text("site-search-hint", lang, count=len(site.lines), most=SHOWN)
    body.append(f'<p class="muted" id="hint">{e(hint)}</p>')
    body.append(f'<p class="muted" id="more" hidden>{e(text("site-search-more", lang))}</p>')
    body.append(_table([], repo, labels, "all"))
    files = sorted({search_file(group_of(x.status.id, repo)) for x in site.lines})
    found = json.dumps({"files": files, "most": SHOWN, "colours": COLOURS}, ensure_ascii=False)
    body.append(f'<script type="application/json" id="search-files">{_in_script(found)}</script>')
    body.append(f"<script>{SEARCH}</script>")
    return _page(title, "".join(body), labels)


def _in_script(data: str) -> str:
    """JSON inside a script element: no ``</`` or ``<!--`` can end it or open a comment."""
    return data.replace("<", "\\u003c")


def _filters(site: Site, labels: Labels) -> str:
    lang = labels.lang
    lights = "".join(
        f'<option value="{light}">{e(text(f"site-light-{light}", lang))}</option>'
        for light in LIGHTS
    )
    groups = "".join(
        f'<option value="{e(t.group)}">{e(t.group)}</option>'
        for t in site.tallies.get("district", ())
    )
    every = e(text("site-any", lang))
    return (
        '<div class="filters">'
        f'<input id="q" type="search" placeholder="{e(text("site-search", lang))}">'
        f'<select id="light"><option value="">{every}</option>{lights}</select>'
        f'<select id="group"><option value="">{every}</option>{groups}</select>'
        f'<span class="muted">{e(text("site-shown", lang))}<b id="shown"></b></span></div>'
    )


def _table(lines: Sequence[Line], repo: Index, labels: Labels, name: str, depth: int = 0) -> str:
    lang = labels.lang
    up = "../" * depth
    heads = ["col-light", "col-id", "col-unit", "col-severity", "col-description", "col-deadline"]
    head = "".join(f"<th>{e(text(h, lang))}</th>" for h in heads)
    rows = []
    for line in lines:
        finding, status = line.status.finding, line.status
        unit = repo.units.get(finding.unit)
        district = unit.district if unit and unit.district else "—"
        words = f"{status.id} {_unit_name(repo, finding.unit)} {district} {finding.description}"
        rows.append(
            f'<tr data-light="{line.light}" data-group="{e(district)}" '
            f'data-text="{e(words.lower())}"><td>{_light(line, labels)}</td>'
            f'<td><a href="{up}{e(page_of("findings", status.id, repo))}">{e(status.id)}</a></td>'
            f'<td><a href="{up}{e(page_of("units", finding.unit, repo))}">'
            f"{e(_unit_name(repo, finding.unit))}</a></td>"
            f"<td>{e(labels.severity(finding.severity))}</td><td>{e(finding.description)}</td>"
            f"<td>{e(labels.date(status.deadline) if status.deadline else '—')}</td></tr>"
        )
    return wrapped(f'<table id="{name}">', head, "".join(rows))


def _unit(
    unit_id: str,
    lines: list[Line],
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
        f"<h2>{e(text('site-findings', lang, count=len(lines)))}</h2>"
        f"{_table(lines, repo, labels, 'unit', depth=path.count('/'))}"
        f"<h2>{e(text('site-visits', lang))}</h2><ul>{items}</ul>"
    )
    return _page(name, body, labels, depth=path.count("/"))


def _facts(rows: Iterable[tuple[str, str]]) -> str:
    cells = "".join(f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in rows)
    return f'<div class="wrap"><table class="facts">{cells}</table></div>'


def _finding(
    line: Line,
    site: Site,
    repo: Index,
    labels: Labels,
    history: Mapping[str, list[Commit]],
    depth: int,
) -> str:
    lang = labels.lang
    status, finding = line.status, line.status.finding
    facts = [
        (text("col-id", lang), status.id),
        (text("col-unit", lang), _unit_name(repo, finding.unit)),
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
        f"<h1>{e(status.id)}</h1><p>{_light(line, labels)}</p>{_facts(facts)}"
        f"<h2>{e(text('site-events', lang))}</h2>"
        f'<div class="wrap"><table>{rows}</table></div>'
        f"<h2>{e(text('site-recorded', lang))}</h2>"
        f'<div class="wrap"><table id="recorded">{recorded}</table></div>'
    )
    return _page(status.id, body, labels, depth=depth)
