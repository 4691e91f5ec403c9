"""Shell completion of the ids a clerk types: visits, findings, units, teams and districts.

Read from the same index every command uses (the parse cache makes it quick). Completion
never says anything on failure: a shell prints whatever it gets.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from ducha.domain.index import Index


def _index(ctx: typer.Context) -> Index | None:
    """The records of the repository the command line names (-C), else the nearest one."""
    from ducha.store.cache import Cache
    from ducha.store.config import CONFIG_NAME, find_root, load_settings
    from ducha.store.load import load_records

    repos = ctx.find_root().params.get("repo") or []
    try:
        root = find_root(Path(repos[0]) if repos else Path.cwd())
        config = (root / CONFIG_NAME).read_bytes()
        settings = load_settings(root, config)
        return load_records(settings, Cache.of(root, config, dict(os.environ))).index
    except Exception:  # noqa: BLE001  # a half-typed command line in a broken repository
        return None


def _matching(pairs: Iterable[tuple[str, str]], incomplete: str) -> list[tuple[str, str]]:
    return [(value, about[:40]) for value, about in pairs if value.startswith(incomplete)]


def records(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Visit, finding, unit and team ids, each with a few words of what it is."""
    index = _index(ctx)
    if index is None:
        return []
    pairs: list[tuple[str, str]] = []
    if "/" in incomplete:  # a finding of the visit typed so far
        pairs += [(f.id, f.description) for v in index.visits for f in v.findings]
    else:
        pairs += [(v.id, v.summary) for v in index.visits]
        pairs += [(u.id, u.name) for u in index.units.values()]
        pairs += [(t.id, t.name) for t in index.teams.values()]
    return _matching(pairs, incomplete)


def units(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Unit ids with their names."""
    index = _index(ctx)
    return _matching(((u.id, u.name) for u in index.units.values()), incomplete) if index else []


def teams(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Team ids with their names."""
    index = _index(ctx)
    return _matching(((t.id, t.name) for t in index.teams.values()), incomplete) if index else []


def districts(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """The districts the units are in."""
    index = _index(ctx)
    if index is None:
        return []
    return _matching(
        ((d, "") for d in sorted({u.district for u in index.units.values()})), incomplete
    )
