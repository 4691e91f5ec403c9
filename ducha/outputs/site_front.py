"""The site's front page: every part's summary added up, and the search over every finding.

Each part of the site (a hub's source) hands the front page its summary and its most urgent
rows (``front_part``); a part whose pages the last build kept hands them from the mark it
wrote then (``kept_part``), checked as data first: a mark that is not exactly what a build
writes keeps nothing, and its part is made again.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import msgspec

from ducha.domain.index import Index
from ducha.domain.site import LIGHTS, Site, Summary, Week, front_of, week_starts
from ducha.domain.stats import Counts
from ducha.outputs.hub import origins_line
from ducha.outputs.i18n import text
from ducha.outputs.labels import Labels
from ducha.outputs.site import Row, page, row_of, rows_table, search_file
from ducha.outputs.site_charts import COLOURS, e, rates_table, tally_chart, trend_chart

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
_PAGE = re.compile(r"(sources/[^/]+/)?(findings|units)/[^/]+\.html")


@dataclass(frozen=True, slots=True)
class FrontPart:
    """What the front page takes of one part: its summary, its most urgent rows, its count."""

    summary: Summary
    urgent: tuple[Row, ...]  # its red and yellow, the most urgent first, at most URGENT
    findings: int
    search: str  # its search file


def front_part(site: Site, repo: Index, labels: Labels, group: str) -> FrontPart:
    """A part's share of the front page, from its site (``repo`` is the part's index)."""
    urgent = [line for line in site.lines[:URGENT] if line.light in ("red", "yellow")]
    rows = tuple(row_of(line, repo, labels) for line in urgent)
    return FrontPart(site.summary, rows, len(site.lines), search_file(group))


def kept_data(part: FrontPart) -> dict[str, Any]:
    """A part's share as plain data, for the mark."""
    data: dict[str, Any] = msgspec.to_builtins(part.summary)
    return {"summary": data, "urgent": part.urgent, "findings": part.findings}


class _Counts(msgspec.Struct, forbid_unknown_fields=True):
    visits: int
    units: int
    findings: int
    by_severity: dict[str, int]
    by_state: dict[str, int]
    closed: int
    timely: int
    due: int
    relapsed: int
    checked: int
    exemplars: int


class _Week(msgspec.Struct, forbid_unknown_fields=True):
    start: dt.date
    found: int
    closed: int
    overdue: int


class _Summary(msgspec.Struct, forbid_unknown_fields=True):
    lights: dict[str, int]
    tallies: dict[str, dict[str, dict[str, int]]]
    weeks: list[_Week]
    rates: dict[str, dict[str, _Counts]]


class _Kept(msgspec.Struct, forbid_unknown_fields=True):
    summary: _Summary
    urgent: list[tuple[str, int, int, str, str, str, str, str, str, str, str, str]]
    findings: int


def kept_part(data: object, as_of: dt.date, group: str) -> FrontPart | None:
    """A part's share as the last build kept it, or None when it is not one a build writes."""
    try:
        kept = msgspec.convert(data, _Kept)
    except (msgspec.ValidationError, TypeError):
        return None
    every = set(LIGHTS)
    summary = kept.summary
    lights_ok = set(summary.lights) == every and all(
        set(counts) == every for groups in summary.tallies.values() for counts in groups.values()
    )
    weeks_ok = [w.start for w in summary.weeks] == week_starts(as_of)
    rows_ok = len(kept.urgent) <= URGENT and all(
        r[0] in ("red", "yellow")
        and r[1] == LIGHTS.index(r[0])
        and _PAGE.fullmatch(r[10])
        and _PAGE.fullmatch(r[11])
        for r in kept.urgent
    )
    groups_ok = set(summary.tallies) <= {"district", "team", "source"} and set(summary.rates) <= {
        "district",
        "source",
    }
    if not (lights_ok and weeks_ok and rows_ok and groups_ok):
        return None
    rates = {
        by: {
            name: Counts(
                **{k: v for k, v in msgspec.structs.asdict(c).items() if not k.startswith("by_")},
                by_severity=Counter(c.by_severity),
                by_state=Counter(c.by_state),
            )
            for name, c in groups.items()
        }
        for by, groups in summary.rates.items()
    }
    weeks = tuple(Week(w.start, w.found, w.closed, w.overdue) for w in summary.weeks)
    found = Summary(summary.lights, summary.tallies, weeks, rates)
    return FrontPart(found, tuple(kept.urgent), kept.findings, search_file(group))


def front_page(
    parts: Sequence[FrontPart], repo: Index, as_of: dt.date, labels: Labels, *, internal: bool
) -> str:
    """The front page: the lights, the charts, the rates, the overdue list, the search."""
    lang = labels.lang
    front = front_of(p.summary for p in parts)
    counts = front.lights
    cards = "".join(
        f'<div class="card" data-light="{light}"><b style="color:{COLOURS[light]}">'
        f"{counts[light]}</b>{e(text(f'site-light-{light}', lang))}</div>"
        for light in LIGHTS
        if light != "unknown" or counts[light]
    )
    title = text("site-title", lang, name=repo.settings.organization.name)
    body = [
        f"<h1>{e(title)}</h1>",
        f'<p class="muted">{e(text("site-as-of", lang, date=labels.date(as_of)))}'
        + (f"；{e(origins_line(repo.origins, labels))}" if repo.origins else "")
        + (f"；<b>{e(text('site-internal', lang))}</b>" if internal else "")
        + "</p>",
        f'<div class="cards" id="cards">{cards}</div>',
    ]
    for by, tallies in front.tallies.items():
        body.append(f"<h2>{e(text(f'site-by-{by}', lang))}</h2>{tally_chart(tallies, labels)}")
    body.append(f"<h2>{e(text('site-trend', lang))}</h2>{trend_chart(front.weeks, labels)}")
    for by, figures in front.rates.items():
        body.append(f"<h2>{e(text(f'site-rates-{by}', lang))}</h2>{rates_table(figures, labels)}")
    urgent = sorted((r for p in parts for r in p.urgent), key=lambda r: (r[1], -r[2], r[3]))
    count = counts["red"] + counts["yellow"]
    body.append(f"<h2>{e(text('site-overdue', lang, count=count))}</h2>")
    if count > URGENT:
        body.append(f'<p class="muted">{e(text("site-overdue-more", lang, shown=URGENT))}</p>')
    body.append(rows_table(urgent[:URGENT], labels, "overdue"))
    districts = [t.group for t in front.tallies.get("district", ())]
    body.append(f"<h2>{e(text('site-all', lang))}</h2>{_filters(districts, labels)}")
    total = sum(p.findings for p in parts)
    hint = text("site-search-hint", lang, count=total, most=SHOWN)
    body.append(f'<p class="muted" id="hint">{e(hint)}</p>')
    body.append(f'<p class="muted" id="more" hidden>{e(text("site-search-more", lang))}</p>')
    body.append(rows_table([], labels, "all"))
    files = sorted(p.search for p in parts if p.findings)
    found = json.dumps({"files": files, "most": SHOWN, "colours": COLOURS}, ensure_ascii=False)
    body.append(f'<script type="application/json" id="search-files">{_in_script(found)}</script>')
    body.append(f"<script>{SEARCH}</script>")
    return page(title, "".join(body), labels)


def _in_script(data: str) -> str:
    """JSON inside a script element: no ``</`` or ``<!--`` can end it or open a comment."""
    return data.replace("<", "\\u003c")


def _filters(districts: list[str], labels: Labels) -> str:
    lang = labels.lang
    lights = "".join(
        f'<option value="{light}">{e(text(f"site-light-{light}", lang))}</option>'
        for light in LIGHTS
    )
    groups = "".join(f'<option value="{e(group)}">{e(group)}</option>' for group in districts)
    every = e(text("site-any", lang))
    return (
        '<div class="filters">'
        f'<input id="q" type="search" placeholder="{e(text("site-search", lang))}">'
        f'<select id="light"><option value="">{every}</option>{lights}</select>'
        f'<select id="group"><option value="">{every}</option>{groups}</select>'
        f'<span class="muted">{e(text("site-shown", lang))}<b id="shown"></b></span></div>'
    )
