"""Building the dashboard site a part at a time, keeping the parts that have not changed.

A hub's site is its sources' parts side by side (``by_source``) and a front page that adds
up their summaries. A part whose key (its records' state and commit, every ``ducha.yaml``,
the day, the options, the code) is the one the last build in the folder wrote keeps its
pages, and its records are not even read; the others are derived and written afresh.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from ducha.domain.index import Index, by_source
from ducha.domain.settings import Lang, Settings
from ducha.domain.site import site_model
from ducha.domain.workdays import WorkCalendar
from ducha.outputs.labels import Labels
from ducha.outputs.site import folders_of, part_pages
from ducha.outputs.site_front import FrontPart, front_page, front_part, kept_data, kept_part
from ducha.store.cache import Cache
from ducha.store.files import Scan
from ducha.store.hub import parts, record_roots, recorded
from ducha.store.replay import output_key, source_states
from ducha.store.site import Group, Write, Written, still_kept, write_site
from ducha.store.vcs import origins_asked_once


def build_site(
    settings: Settings,
    cache: Cache,
    folder: Path,
    load: Callable[[frozenset[Path]], Index],
    load_source: Callable[[str], Index],
    *,
    today: dt.date,
    as_of: dt.date,
    lang: Lang,
    internal: bool,
    force: bool,
    scans: dict[Path, Scan],
    workers: int,
) -> Written | None:
    """Write the site into ``folder``; None when it is not the site's (``write_site``).

    ``load`` reads the records less the sources at the roots it is given (``usable``), and
    ``load_source`` one source of a hub alone (``usable_source``). With several workers each
    source is read by the worker that builds its pages, side by side with the others; with
    one, the hub is read whole first. ``test_site_builds.py`` holds the two sites equal.
    """
    with origins_asked_once():  # the keys are made of the commits first seen
        options = ["site", as_of, internal, lang]

        def key_of(state: str | None) -> str | None:
            return None if state is None else output_key(state, options)

        def reuse(name: str) -> Callable[[object], FrontPart | None]:
            return lambda data: kept_part(data, as_of, name)

        before = source_states(settings, cache, today, scans)
        candidates = {
            name: Group(name, key_of(state), folders_of(name), _never, reuse(name))
            for name, state in before.items()
        }
        kept = still_kept(folder, candidates.values())
        alone = settings.is_hub and workers > 1
        repo = load(_unread(settings, cache, kept, alone=alone))
        after = source_states(settings, cache, today, scans)
        labels = Labels(repo.settings, lang)
        calendar = WorkCalendar(settings.calendar)
        split = by_source(repo)

        def part_of(name: str) -> Index:
            if not alone:
                return split[name]
            part = by_source(load_source(name)).get(name)
            if part is None:  # gone since the parent looked: the part as the parent found it
                return split[name]
            # the part as ``by_source`` cuts it from the whole hub, under the hub's settings
            return replace(part, settings=repo.settings, _lookups={})

        def group(name: str) -> Group:
            if name in kept:
                return candidates[name]
            state = after.get(name)
            key = key_of(state) if before.get(name) in (None, state) else None

            def build(write: Write) -> object:
                part = part_of(name)
                model = site_model(part, as_of, calendar, internal=internal)
                write(part_pages(model, part, labels, recorded(settings, name or None), name))
                return kept_data(front_part(model, part, labels, name))

            return Group(name, key, folders_of(name), build, reuse(name))

        groups = [group(name) for name in split]

        def front(shares: list[FrontPart]) -> list[tuple[str, str]]:
            return [("index.html", front_page(shares, repo, as_of, labels, internal=internal))]

        return write_site(
            folder, groups, front, record_roots(settings), force=force, kept=kept, workers=workers
        )


def _unread(
    settings: Settings, cache: Cache, kept: Iterable[str], *, alone: bool
) -> frozenset[Path]:
    """The roots whose records the parent leaves unread: the kept sources', or all (``alone``).

    An unread source still gives its settings, its commit and its last validation's errors.
    """
    if alone:
        return frozenset(record_roots(settings))
    found = parts(settings, cache)[0] if settings.is_hub else []
    roots = {p.source.name: p.root for p in found}
    return frozenset(roots[name] for name in kept if name in roots)


def _never(_: Write) -> object:
    raise AssertionError("a part whose pages are kept is never built")
