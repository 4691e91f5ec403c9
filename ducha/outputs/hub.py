"""A hub's words: where each source stands, and what an answer was computed from."""

from __future__ import annotations

from collections.abc import Iterable

from ducha.domain.index import Origin
from ducha.outputs.i18n import text
from ducha.outputs.labels import Labels
from ducha.store.sync import Synced


def origin_words(origin: Origin, labels: Labels) -> str:
    """``临川 1a2b3c4（2026年11月30日）``, with a mark when there were uncommitted changes."""
    if not origin.commit:
        return text("origin-no-git", labels.lang, name=origin.source)
    words = text(
        "origin",
        labels.lang,
        name=origin.source,
        commit=origin.commit[:7],
        date=labels.date(origin.date.date()) if origin.date else "",
    )
    return words + (text("origin-dirty", labels.lang) if origin.dirty else "")


def origins_line(origins: Iterable[Origin], labels: Labels) -> str:
    """The line a hub's answer ends with."""
    parts = [origin_words(o, labels) for o in origins]
    separator = text("differs-sep", labels.lang)
    return text("origins", labels.lang, sources=separator.join(parts))


def synced_line(row: Synced, labels: Labels) -> str:
    """One source's sync, as the clerk reads it."""
    return text(
        f"sync-{row.outcome}",
        labels.lang,
        name=row.name,
        before=row.before[:7],
        after=row.after[:7],
        detail=row.detail,
    )
