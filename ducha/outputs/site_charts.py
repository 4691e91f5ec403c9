"""The dashboard's charts and rate tables: inline SVG and plain HTML, every value escaped."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from functools import lru_cache

from ducha.domain.site import LIGHTS, Tally, Week
from ducha.domain.stats import Figures
from ducha.outputs.i18n import text
from ducha.outputs.labels import Labels

COLOURS = {
    "red": "#c62828",
    "yellow": "#f9a825",
    "awaiting": "#1565c0",
    "green": "#2e7d32",
    "closed": "#9e9e9e",
    "unknown": "#6d4c41",
}


@lru_cache(maxsize=1 << 16, typed=True)  # a site escapes the same names and dates by the million
def e(value: object) -> str:
    """A value escaped for HTML text and attributes."""
    return html.escape(str(value), quote=True)


def wrapped(table: str, head: str, rows: str) -> str:
    """A table that scrolls sideways on a phone rather than squeezing its columns."""
    body = f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody>"
    return f'<div class="wrap">{table}{body}</table></div>'


def tally_chart(tallies: Iterable[Tally], labels: Labels) -> str:
    """Stacked bars, one a group: the labels in a column of their own, never clipped."""
    rows = list(tallies)
    label_w, bar_w, row_h = 200, 460, 26
    most = max((t.total for t in rows), default=1) or 1
    parts = []
    for i, tally in enumerate(rows):
        y = i * row_h
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 17}" text-anchor="end" font-size="13">'
            f"{e(tally.group[:16])}</text>"
        )
        x = float(label_w)
        for light in LIGHTS:
            width = bar_w * tally.counts[light] / most
            if width:
                parts.append(
                    f'<rect x="{x:.1f}" y="{y + 4}" width="{width:.1f}" height="{row_h - 8}" '
                    f'fill="{COLOURS[light]}"><title>{e(text(f"site-light-{light}", labels.lang))}'
                    f" {tally.counts[light]}</title></rect>"
                )
                x += width
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 17}" font-size="12">{tally.total}</text>')
    legend = " ".join(
        f'<span class="dot" style="background:{COLOURS[light]}"></span>'
        f"{e(text(f'site-light-{light}', labels.lang))}"
        for light in LIGHTS[:5]
    )
    height = max(len(rows), 1) * row_h
    return (
        f'<svg class="chart" viewBox="0 0 {label_w + bar_w + 40} {height}" role="img">'
        f'{"".join(parts)}</svg><p class="muted">{legend}</p>'
    )


def trend_chart(weeks: Sequence[Week], labels: Labels) -> str:
    """Three bars a week: found, closed, overdue at the week's end."""
    lang = labels.lang
    series = (("found", "#1565c0"), ("closed", "#2e7d32"), ("overdue-count", "#c62828"))
    most = max((max(w.found, w.closed, w.overdue) for w in weeks), default=1) or 1
    col_w, height, base = 80, 160, 140
    parts = []
    for i, week in enumerate(weeks):
        x = 40 + i * col_w
        for j, (key, colour) in enumerate(series):
            value = getattr(week, key.partition("-")[0])
            h = 110 * value / most
            parts.append(
                f'<rect x="{x + j * 18}" y="{base - h:.1f}" width="16" height="{h:.1f}" '
                f'fill="{colour}"><title>{e(text(f"site-{key}", lang))} {value}</title></rect>'
                f'<text x="{x + j * 18 + 8}" y="{base - h - 3:.1f}" font-size="10" '
                f'text-anchor="middle">{value}</text>'
            )
        parts.append(
            f'<text x="{x + 26}" y="{base + 14}" font-size="11" text-anchor="middle">'
            f"{week.start.month}/{week.start.day}</text>"
        )
    legend = " ".join(
        f'<span class="dot" style="background:{c}"></span>{e(text(f"site-{k}", lang))}'
        for k, c in series
    )
    width = 40 + len(weeks) * col_w
    return (
        f'<svg class="chart" id="trend" viewBox="0 0 {width} {height}" role="img">'
        f'{"".join(parts)}</svg><p class="muted">{legend}{e(text("site-trend-note", lang))}</p>'
    )


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def rates_table(figures: Sequence[Figures], labels: Labels) -> str:
    """Each group's rates, ranked."""
    lang = labels.lang
    heads = ["site-rank", "col-group", "xcol-findings", "stats-rectified", "stats-on-time"]
    head = "".join(f"<th>{e(text(h, lang))}</th>" for h in heads)
    head += f"<th>{e(text('site-relapse-rate', lang))}</th>"
    rows = "".join(
        f"<tr><td>{i}</td><td>{e(f.group)}</td><td>{f.findings}</td><td>{_rate(f.rectified)}</td>"
        f"<td>{_rate(f.on_time)}</td>"
        f"<td>{_rate(f.relapsed)}</td></tr>"
        for i, f in enumerate(figures, 1)
    )
    return wrapped('<table class="rates">', head, rows)
