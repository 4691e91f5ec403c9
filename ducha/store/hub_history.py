"""A hub between two syncs: each source's records at the commits two ``sources.lock`` name.

``ducha diff A..B`` on a hub reads ``sources.lock`` at A and at B (no B: the lock in the
work tree), takes each source's two commits from them, and compares the complete
combined indexes as ``diff`` compares one repository's: what changed in each county since
the last sync, said finding by finding.
"""

from __future__ import annotations

import datetime as dt

from ducha.checks.issues import Issue, Severity
from ducha.domain.index import Index
from ducha.domain.review import Review, compare
from ducha.domain.settings import Settings
from ducha.store.cache import Cache
from ducha.store.files import LOCK_NAME
from ducha.store.history import diff_sides
from ducha.store.hub import combined, moved, parts
from ducha.store.load import load_records
from ducha.store.namespace import namespaced
from ducha.store.sync import lock_path, read_lock
from ducha.store.vcs import Git


def hub_review(
    settings: Settings, cache: Cache, as_of: dt.date, base: str, target: str, shown_target: str
) -> Review:
    """What changed in every source between the syncs at ``base`` and ``target``."""
    git = Git(settings.root)
    before = read_lock(git.blobs(base, [LOCK_NAME]).get(LOCK_NAME))
    if target:
        after = read_lock(git.blobs(target, [LOCK_NAME]).get(LOCK_NAME))
    else:
        lock = lock_path(settings)
        after = read_lock(lock.read_bytes() if lock.is_file() else None)
    olds: list[Index] = []
    news: list[Index] = []
    changed: set[str] = set()
    problems: list[Issue] = []
    found, _ = parts(settings, cache)
    for part in found:
        name = part.source.name
        if part.settings is None or part.settings.is_hub:
            continue
        current = load_records(part.settings, part.cache)
        source_git = Git(part.root)
        old_commit, new_commit = before.get(name), after.get(name, "")
        new_rev = new_commit if target or new_commit else ""
        if old_commit is None:  # a source the earlier sync did not have: all of it is new
            old_index = Index(part.settings)
            new_side = diff_sides(current, source_git, new_rev or "HEAD", new_rev).new
            paths = set(new_side.index.files)
        else:
            sides = diff_sides(current, source_git, old_commit, new_rev)
            old_index, new_side, paths = sides.old.index, sides.new, sides.changed
        olds.append(namespaced(old_index, name, part.mount))
        news.append(namespaced(new_side.index, name, part.mount))
        changed |= {f"{part.mount}/{path}" for path in paths}
        problems += [
            moved(i, name, part.mount) for i in new_side.issues if i.severity is Severity.ERROR
        ]
    return compare(
        combined(settings, olds),
        combined(settings, news),
        as_of,
        base,
        shown_target,
        changed,
        tuple(problems),
    )
