"""The records at other revisions: the sides of a diff, and the history of one record.

A side of a diff is the complete working-tree index with the files that differ swapped for
their content at that revision. A history walks the main line once, oldest first, keeping
the versions of the files that mention the record, and compares what each commit changed
about it with ``domain.review`` — the comparison ``diff`` makes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import msgspec

from ducha.domain.index import Index
from ducha.domain.review import (
    Item,
    Review,
    compare,
    finding_changes,
    finding_facts,
    ordered,
    record_changes,
)
from ducha.domain.settings import Settings
from ducha.store.cache import Cache
from ducha.store.config import load_settings
from ducha.store.files import CONFIG_NAME
from ducha.store.load import Loaded, with_files
from ducha.store.vcs import Commit, Git

Contents = dict[str, bytes | None]  # a side's files that differ from the working tree


class Sides:
    """Both sides of a diff, complete, and the paths that differ between them."""

    def __init__(self, old: Loaded, new: Loaded, changed: set[str]) -> None:
        self.old, self.new, self.changed = old, new, changed


def diff_sides(current: Loaded, git: Git, base: str, target: str) -> Sides:
    """Both sides of ``base..target`` (no target: the working tree), and the paths that differ.

    Git compares the working tree once; what differs between base and the working tree is
    among what differs between base and target, or between target and the working tree.
    """
    worktree = {c.path for c in git.changes(target or base)}
    between = {c.path for c in git.changes(base, target)} if target else set()
    old = _side(current, git, base, worktree | between)
    new = _side(current, git, target, worktree) if target else current
    return Sides(old, new, worktree | between)


def _side(current: Loaded, git: Git, rev: str, paths: set[str]) -> Loaded:
    ordered = sorted(paths)
    blobs = git.blobs(rev, ordered)
    contents: Contents = {path: blobs.get(path) for path in ordered}
    settings = current.index.settings
    if CONFIG_NAME in contents:
        raw = contents[CONFIG_NAME]
        settings = load_settings(settings.root, raw if raw is not None else b"")
    return with_files(current, contents, settings)


def review(sides: Sides, as_of: dt.date, base: str, target: str) -> Review:
    """What the change between two sides means."""
    old, new = sides.old, sides.new
    problems = tuple(
        sorted(
            {i for i in new.issues if i.severity.value == "error"} - set(old.issues),
            key=lambda i: i.sort_key(),
        )
    )
    return compare(old.index, new.index, as_of, base, target, sides.changed, problems)


@dataclass(frozen=True, slots=True)
class Entry:
    """One commit in the history of a record, with what it changed about that record."""

    commit: Commit
    items: tuple[Item, ...]


def _needles(index: Index, subject: str) -> tuple[str, set[str]] | None:
    """What ``subject`` is, and the words a file must hold to bear on it."""
    visit_id, _, number = subject.rpartition("/")
    if number.isdigit() and index.finding(subject) is not None:
        return "finding", {visit_id}
    if index.visit(subject) is not None:
        return "visit", {subject}
    if subject in index.units:
        return "unit", {subject} | {v.id for v in index.visits if subject in v.units}
    if subject in index.teams:
        return "team", {subject}
    return None


# a visit id written whole (schema.VISIT_ID): what ties a file to a visit and its findings
_VISIT_ID = re.compile(rb"(?<![0-9A-Za-z])[0-9]{8}-[a-z0-9]{3,8}(?![a-z0-9])")
MENTIONS = "mentions"  # the cache's name for the visit ids each blob names


def visit_ids(raw: bytes) -> list[str]:
    """The visit ids a file's content names, in order, each once."""
    return list(dict.fromkeys(m.decode() for m in _VISIT_ID.findall(raw)))


def log_of(
    settings: Settings,
    git: Git,
    subject: str,
    as_of: dt.date,
    current: Callable[[], Loaded],
    cache: Cache | None = None,
) -> tuple[list[Entry], bool] | None:
    """Each commit that changed ``subject`` (a visit, finding, unit or team), newest first.

    None when the id names nothing, in the history or in ``current`` (the working tree's
    records, read only when needed: a finding or visit the history holds needs none). A
    file bears on the subject when it names it (a finding's visit id is in every file that
    holds or checks it); what the subject's findings are on each side follows from those
    files alone, as it does in a full diff.
    """
    visit_id, slash, number = subject.partition("/")
    if _VISIT_ID.fullmatch(visit_id.encode()) and (not slash or number.isdigit()):
        kind = "finding" if slash else "visit"
        entries, shallow, seen = _history(settings, git, subject, as_of, kind, {visit_id}, cache)
        if seen:
            return entries, shallow
    found = _needles(current().index, subject)
    if found is None:
        return None
    entries, shallow, _ = _history(settings, git, subject, as_of, *found, cache)
    return entries, shallow


def _history(
    settings: Settings,
    git: Git,
    subject: str,
    as_of: dt.date,
    kind: str,
    needles: set[str],
    cache: Cache | None,
) -> tuple[list[Entry], bool, bool]:
    """The commits that changed the subject, newest first.

    Also whether the clone is shallow, and whether any commit held the subject at all.
    """
    commits, shallow = git.walk()
    contents = _contents(git, commits, kind, needles, cache or Cache(None, ""))
    state: dict[str, bytes] = {}
    config: bytes | None = None
    parsed: dict[tuple[str, bytes, bytes | None], tuple[object, tuple[str, ...]]] = {}
    entries: list[Entry] = []
    before = _mini(settings, state, parsed, None)
    seen = False
    for commit in commits:
        touched = False
        for change in commit.changes:
            if change.old and change.old in state:
                del state[change.old]
                touched = True
            raw = contents.get(change.blob)
            if change.path == CONFIG_NAME:
                config, touched = raw, True
            elif raw is not None and _bears(raw, kind, needles):
                state[change.path], touched = raw, True
            elif state.pop(change.path, None) is not None:
                touched = True
        if not touched:
            continue
        side_settings = load_settings(settings.root, config) if config is not None else settings
        after = _mini(side_settings, state, parsed, config)
        seen = seen or _holds(after, kind, subject)
        items = _changes(before, after, kind, subject, as_of)
        if items:
            entries.append(Entry(commit, tuple(items)))
        before = after
    entries.reverse()
    return entries, shallow, seen


def _holds(index: Index, kind: str, subject: str) -> bool:
    if kind == "finding":
        return index.finding(subject) is not None
    return kind == "visit" and index.visit(subject) is not None


def _bears(raw: bytes, kind: str, needles: set[str]) -> bool:
    """Whether a file with this content bears on the subject ``_needles`` gave."""
    if kind in ("finding", "visit"):
        return not needles.isdisjoint(visit_ids(raw))
    return any(n.encode() in raw for n in needles)


def _contents(
    git: Git, commits: list[Commit], kind: str, needles: set[str], cache: Cache
) -> dict[str, bytes]:
    """The content of each blob of ``commits`` that may bear on the subject, by id.

    Blobs never change, so the visit ids each names are kept in the cache: a finding's or a
    visit's history then reads only the blobs that name it (and every config).
    """
    blobs = {ch.blob for c in commits for ch in c.changes if ch.status != "D" and ch.blob}
    if kind not in ("finding", "visit"):
        return git.objects(blobs)
    configs = {ch.blob for c in commits for ch in c.changes if ch.path == CONFIG_NAME}
    known = _kept_mentions(cache)
    missing = blobs - known.keys()
    read = git.objects(missing)
    known.update((blob, visit_ids(read.get(blob, b""))) for blob in missing)
    wanted = {b for b in blobs if b in configs or not needles.isdisjoint(known[b])}
    contents = {b: read[b] for b in wanted if b in read}
    contents.update(git.objects(wanted - read.keys()))
    if missing or len(known) != len(blobs):
        kept = {blob: known[blob] for blob in sorted(blobs)}  # blobs no longer walked go
        cache.save_blob(MENTIONS, msgspec.msgpack.encode(kept))
    return contents


def _kept_mentions(cache: Cache) -> dict[str, list[str]]:
    data = cache.blob(MENTIONS)
    if data is None:
        return {}
    try:
        return msgspec.msgpack.decode(data, type=dict[str, list[str]])
    except (msgspec.DecodeError, msgspec.ValidationError):
        return {}


def _changes(old: Index, new: Index, kind: str, subject: str, as_of: dt.date) -> list[Item]:
    """What changed about ``subject`` between two indexes, as ``diff`` would say it."""
    ids = _finding_ids(old, kind, subject) | _finding_ids(new, kind, subject)
    items = finding_changes(
        finding_facts(old, as_of, ids), finding_facts(new, as_of, ids), as_of, set()
    )
    visits = {subject.rpartition("/")[0] if kind == "finding" else subject}
    if kind == "unit":
        visits = {v.id for v in (*old.visits, *new.visits) if subject in v.units} | {subject}
    items += [i for i in record_changes(old, new) if i.subject in visits]
    return list(ordered(items))


def _finding_ids(index: Index, kind: str, subject: str) -> set[str]:
    if kind == "finding":
        return {subject} if index.finding(subject) is not None else set()
    if kind == "visit":
        visit = index.visit(subject)
        return {f.id for f in visit.findings} if visit is not None else set()
    if kind == "unit":
        return {f.id for v in index.visits for f in v.findings if f.unit == subject}
    return set()


def _mini(
    settings: Settings,
    files: dict[str, bytes],
    parsed: dict[tuple[str, bytes, bytes | None], tuple[object, tuple[str, ...]]],
    config: bytes | None,
) -> Index:
    """The index of just these files, each parsed once whatever commit it is seen in."""
    from ducha.store.parse import parse_bytes

    rows: list[tuple[str, object, Iterable[str]]] = []
    for path in sorted(files):
        key = (path, files[path], config)
        if key not in parsed:
            payload, _ = parse_bytes(settings, files[path], path)
            parsed[key] = (payload[0], tuple(payload[1]))
        rows.append((path, *parsed[key]))
    return Index.of(settings, rows)
