"""The records at other revisions: a side of a diff, and the history of one record."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from ducha.checks.issues import Issue
from ducha.checks.rules import Index
from ducha.domain.model import Visit
from ducha.domain.review import Item, record_changes
from ducha.domain.settings import Settings
from ducha.store.cache import Entry as CacheEntry
from ducha.store.cache import ParseCache
from ducha.store.config import CONFIG_NAME, load_settings
from ducha.store.files import TEAMS_NAME, UNITS_NAME, scan
from ducha.store.load import Repository, load_facts, load_repository, with_files
from ducha.store.parse import Payload, parse_bytes
from ducha.store.vcs import Commit, Git

Contents = dict[str, bytes | None]  # a side's files that differ from the working tree


def diff_sides(
    settings: Settings, cache: ParseCache, git: Git, base: str, target: str, workers: int
) -> tuple[Repository, Repository, set[str]]:
    """Both sides of ``base..target`` (no target: the working tree), and the files that differ.

    The records of the working tree are loaded only as far as the sides need them: the
    changed files, the visits whose findings they record or check, and every return visit
    that checks those findings (what a finding's state depends on). A changed ``ducha.yaml``
    can change every state, and then everything is loaded.
    """
    # Git compares the working tree once (each comparison stats every file); base and
    # target are compared tree to tree. What differs between base and the working tree is
    # among what differs between base and target, or between target and the working tree.
    worktree = {c.path for c in git.changes(target or base)}
    between = {c.path for c in git.changes(base, target)} if target else set()
    sides = [_contents(git, base, worktree | between)]
    if target:
        sides.append(_contents(git, target, worktree))
    changed = {path for side in sides for path in side}
    scanned = scan(settings.root)
    if CONFIG_NAME in changed:  # every state may change, and the sides read with other settings
        current = load_repository(settings, cache, workers, scanned)
        old = side_at(current, sides[0])
        return old, (side_at(current, sides[1]) if target else current), changed
    parsed = [_parsed(settings, side) for side in sides]
    needed = _needed(changed, parsed, load_facts(settings, cache, workers, scanned))
    current = load_repository(settings, cache, workers, scanned, only=needed)
    old = with_files(current, sides[0], parsed[0])
    return old, (with_files(current, sides[1], parsed[1]) if target else current), changed


Parsed = dict[str, tuple[Payload, list[Issue]]]  # a side's changed files, read


def _contents(git: Git, rev: str, paths: set[str]) -> Contents:
    ordered = sorted(paths)
    blobs = git.blobs(rev, ordered)
    return {path: blobs.get(path) for path in ordered}


def _parsed(settings: Settings, side: Contents) -> Parsed:
    return {path: parse_bytes(settings, raw, path) for path, raw in side.items() if raw is not None}


def _needed(
    changed: set[str], sides: list[Parsed], entries: list[tuple[str, CacheEntry]]
) -> set[str]:
    """The working tree's files that the states of the changed files' findings depend on."""
    index = Index.of((path, entry.facts) for path, entry in entries)
    visits: set[str] = set()  # visits whose findings' states may change
    for facts in index.visits:
        if facts.path in changed:
            visits |= {facts.id, *_visit_ids(target[2] for target in facts.targets)}
    for side in sides:
        for (record, _), _ in side.values():
            if isinstance(record, Visit):
                refs = [c.finding for c in record.checks] + list(record.to_check)
                visits |= {record.id, *_visit_ids(refs)}
    needed = changed | {UNITS_NAME, TEAMS_NAME}
    for facts in index.visits:
        checked = _visit_ids(target[2] for target in facts.targets)
        if facts.id in visits or not visits.isdisjoint(checked):
            needed.add(facts.path)
    return needed


def _visit_ids(references: Iterable[str]) -> set[str]:
    """The visits that finding references (``<visit id>/<n>``) name."""
    return {reference.rpartition("/")[0] for reference in references}


def side_at(current: Repository, contents: Contents) -> Repository:
    """The working tree's records with the files that differ swapped for another side's."""
    contents = dict(contents)
    base = current
    if CONFIG_NAME in contents:
        raw = contents.pop(CONFIG_NAME)
        settings = load_settings(current.root, raw) if raw is not None else current.settings
        base = replace(current, settings=settings)
    return with_files(base, contents)


@dataclass(frozen=True, slots=True)
class Entry:
    """One commit in the history of a record, with what it changed about that record."""

    commit: Commit
    items: tuple[Item, ...]


def log_files(entries: list[tuple[str, CacheEntry]], subject: str) -> set[str]:
    """The files ``log_of`` reads for ``subject``, told from every file's cached facts.

    A visit's or finding's own file and the files that check its findings; a unit's visits;
    always units and teams. Loading only these gives ``log_of`` what all files would.
    """
    visit_id = subject.partition("/")[0]
    index = Index.of((path, entry.facts) for path, entry in entries)
    found = {UNITS_NAME, TEAMS_NAME}
    for facts in index.visits:
        checked = _visit_ids(target[2] for target in facts.targets)
        if facts.id == visit_id or visit_id in checked or subject in facts.units:
            found.add(facts.path)
    return found


def _relevant_paths(current: Repository, subject: str) -> list[str]:
    visit_id, _, number = subject.partition("/")
    visit = current.visit(visit_id)
    if visit is not None and number:
        checkers = [v.path for v in current.visits if any(c.finding == subject for c in v.checks)]
        return [visit.path, *checkers]
    if visit is not None:
        return [visit.path]
    if subject in current.units:
        return ["units.yaml", *(v.path for v in current.visits if subject in v.units)]
    if subject in current.teams:
        return ["teams.yaml"]
    return []


def _about(item: Item, subject: str, visits_of_unit: set[str]) -> bool:
    if item.subject == subject or item.subject.startswith(subject + "/"):
        return True
    return item.kind == "visit-added" and item.subject in visits_of_unit


def log_of(current: Repository, git: Git, subject: str) -> tuple[list[Entry], bool] | None:
    """Each commit that changed ``subject`` (a visit, finding, unit or team), newest first.

    None when the id names nothing. One ``git log`` finds the commits and one
    ``git cat-file --batch`` reads every version needed.
    """
    paths = _relevant_paths(current, subject)
    if not paths:
        return None
    commits, shallow = git.history(paths)
    wanted = {(c.sha, ch.path) for c in commits for ch in c.changes if ch.path in paths}
    specs = sorted(
        {(sha, path) for sha, path in wanted} | {(f"{sha}^", path) for sha, path in wanted}
    )
    contents = _read_versions(git, specs)
    visits_of_unit = {v.id for v in current.visits if subject in v.units}
    entries = []
    for commit in commits:
        items: list[Item] = []
        for change in commit.changes:
            if change.path not in paths:
                continue
            old = _mini(current, change.path, contents.get((f"{commit.sha}^", change.path)))
            new = _mini(current, change.path, contents.get((commit.sha, change.path)))
            items += [i for i in record_changes(old, new) if _about(i, subject, visits_of_unit)]
        if items:
            entries.append(Entry(commit, tuple(items)))
    return entries, shallow


def _read_versions(git: Git, specs: list[tuple[str, str]]) -> dict[tuple[str, str], bytes]:
    by_rev: dict[str, list[str]] = {}
    for rev, path in specs:
        by_rev.setdefault(rev, []).append(path)
    return {
        (rev, path): raw
        for rev, paths in by_rev.items()
        for path, raw in git.blobs(rev, paths).items()
    }


def _mini(current: Repository, path: str, raw: bytes | None) -> Repository:
    """A repository holding just one file's records (empty when the file did not exist)."""
    return with_files(Repository(current.settings), {path: raw})
