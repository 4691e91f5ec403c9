"""The records at other revisions: a side of a diff, and the history of one record."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ducha.config import CONFIG_NAME, load_settings
from ducha.repository import Repository, with_files
from ducha.review import Item, record_changes
from ducha.vcs import Commit, Git


def side_at(current: Repository, git: Git, rev: str) -> tuple[Repository, set[str]]:
    """The records as they were at ``rev``, and the files that differ from the working tree.

    The working tree's records, with the files that differ swapped for their content at
    ``rev``: only those are parsed.
    """
    paths = [c.path for c in git.changes(rev)]
    blobs = git.blobs(rev, paths)
    contents = {path: blobs.get(path) for path in paths}
    base = current
    if CONFIG_NAME in contents:
        raw = contents.pop(CONFIG_NAME)
        settings = load_settings(current.root, raw) if raw is not None else current.settings
        base = replace(current, settings=settings)
    return with_files(base, contents), set(paths)


@dataclass(frozen=True, slots=True)
class Entry:
    """One commit in the history of a record, with what it changed about that record."""

    commit: Commit
    items: tuple[Item, ...]


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
