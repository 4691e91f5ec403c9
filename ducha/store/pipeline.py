"""The pipeline every command runs: find files → read (cache) → build the index → check.

``validation`` answers ``ducha validate``; ``usable`` gives the other commands the complete
index less the files in error, with the problems to report. Both build on ``load_records``,
so every command sees every record.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ducha.checks.issues import Issue, Severity
from ducha.checks.validate import ValidationResult, validate
from ducha.domain.index import Index
from ducha.domain.settings import Settings
from ducha.store.cache import RACY_NS, Cache
from ducha.store.codec import decode_issue, encode_issue
from ducha.store.files import Scan, newest_change_ns, scan, state_key
from ducha.store.kept_checks import (
    LastCheck,
    changed_files,
    full_check,
    keep,
    last_check,
    rechecked,
)
from ducha.store.load import Loaded, Progress, load_records, read_files

# Errors that leave a record's meaning whole: the record is still used by every command
# (a deadline no calendar covers shows as "deadline unknown").
USABLE_DESPITE = frozenset({"deadline-uncovered", "planned-twice"})


@dataclass(frozen=True, slots=True)
class Usable:
    """The index commands derive from (files in error left out) and what was wrong."""

    index: Index
    errors: tuple[Issue, ...]  # the errors of every file, to report
    left_out: frozenset[str]  # the files left out for them


def validation(
    settings: Settings,
    cache: Cache,
    today: dt.date,
    workers: int = 2,
    progress: Progress | None = None,
) -> ValidationResult:
    """Every problem of the repository on disk, the last answer reused while it holds.

    It holds while every record file keeps its size, times and inode, on the same day
    (``planned-in-past`` depends on it), under the same config and ducha (the cache key),
    and while every evidence file the records name is as it was.
    """
    if settings.is_hub:
        from ducha.store.hub import hub_validation

        def read(
            part: Settings, inner: Cache
        ) -> tuple[Index, tuple[Issue, ...], int, frozenset[str]]:
            # each source's index, for what is checked across sources (a unit listed twice)
            loaded, result = _loaded_and_checked(part, inner, today, workers, progress)
            return loaded.index, result.issues, result.files, frozenset()

        return hub_validation(settings, cache, read)
    scanned = scan(settings.root)
    state = state_key(scanned, today)
    kept = kept_validation(settings.root, cache, state)
    if kept is not None:
        return kept
    last = last_check(cache)
    changed = None if last is None else changed_files(last, scanned)
    if last is not None and changed:
        reads = read_files(settings, cache, changed)
        reread = {path: (r.record, r.declared, r.issues) for path, r in reads.items()}
        found = rechecked(last, settings, scanned, today, reread, evidence_state)
        if found is not None:
            _keep(cache, scanned, state, *found)
            return found[0]
    # tried already: every rule runs again
    loaded = load_records(settings, cache, workers, progress, scanned)
    return _validated(loaded, cache, state, today, recheck=False)


def kept_validation(root: Path, cache: Cache, state: str) -> ValidationResult | None:
    """The last validation kept under ``state`` (every file's scan and the day), if it holds."""
    answer = cache.answer("validation", state)
    if not isinstance(answer, dict):
        return None
    try:
        if any(evidence_state(root, path) != state for path, state in answer["evidence"]):
            return None
        issues = tuple(decode_issue(raw) for raw in answer["issues"])
        return ValidationResult(int(answer["files"]), issues)
    except (KeyError, IndexError, TypeError, ValueError):
        return None


def _checked(
    settings: Settings,
    cache: Cache,
    scanned: Scan,
    state: str,
    today: dt.date,
    workers: int,
    progress: Progress | None,
) -> tuple[Loaded, ValidationResult]:
    loaded = load_records(settings, cache, workers, progress, scanned)
    return loaded, _validated(loaded, cache, state, today)


def _validated(
    loaded: Loaded, cache: Cache, state: str, today: dt.date, *, recheck: bool = True
) -> ValidationResult:
    """The validation of the complete index: the last one's rules kept while they hold."""
    last = last_check(cache) if recheck else None
    changed = None if last is None else changed_files(last, loaded.scan)
    if last is not None and changed and loaded.own is not None:
        own = loaded.own
        reread = {st.path: (*loaded.by_file[st.path], own[st.path]) for st in changed}
        settings = loaded.index.settings
        found = rechecked(last, settings, loaded.scan, today, reread, evidence_state)
        if found is not None:
            _keep(cache, loaded.scan, state, *found)
            return found[0]
    result, last = full_check(loaded, today, evidence_state)
    if last is not None:
        _keep(cache, loaded.scan, state, result, last)
    return result


def _keep(
    cache: Cache, scanned: Scan, state: str, result: ValidationResult, last: LastCheck
) -> None:
    """Keep a validation for the next run, unless a file may yet change unseen (git's rule)."""
    if racy(scanned):
        return
    answer = {
        "files": result.files,
        "issues": [encode_issue(i) for i in result.issues],
        "evidence": [[path, state] for path, state in last.evidence],
    }
    cache.save_answer("validation", state, answer)
    keep(cache, last)


def staged_validation(
    settings: Settings,
    cache: Cache,
    git: Any,
    today: dt.date,
    workers: int = 2,
    progress: Progress | None = None,
) -> tuple[ValidationResult, list[str]]:
    """Every problem of what the next commit holds, and the staged files.

    The working tree's index with each file whose staged content differs from the working
    tree (or from HEAD) swapped for that content: a hook checks what is committed.
    """
    from ducha.store.load import with_files

    staged = sorted({c.path for c in git.changes("HEAD", staged=True) if c.status != "D"})
    differing = sorted(set(git.unstaged()) | set(staged))
    loaded = load_records(settings, cache, workers, progress)
    side = with_files(loaded, git.staged_contents(differing), settings)
    return validate(side.index, side.issues, side.source, today), staged


def racy(scanned: Scan) -> bool:
    """Whether a record file changed so lately that it may change again unseen (git's rule)."""
    return time.time_ns() - newest_change_ns(scanned) < RACY_NS


def evidence_state(root: Path, name: str) -> list[Any]:
    """What the evidence rule depends on: whether the file is there, where it leads, as what."""
    path = os.path.join(root, name)  # noqa: PTH118
    try:
        info = os.lstat(path)
    except (OSError, ValueError):
        return ["absent"]
    target = os.path.realpath(path) if os.path.islink(path) else ""  # noqa: PTH114
    return [info.st_mode, info.st_size, info.st_mtime_ns, info.st_ctime_ns, target]


def usable(
    settings: Settings,
    cache: Cache,
    today: dt.date,
    workers: int = 2,
    progress: Progress | None = None,
    scans: Mapping[Path, Scan] | None = None,
    unread: frozenset[Path] = frozenset(),
) -> Usable:
    """The complete index less the files with errors, and those errors.

    Which files have errors is the last validation's answer while it holds (as for
    ``validation``); otherwise the rules run again. A hub's is its sources' usable indexes
    side by side, each under its name. ``scans`` holds scans made a moment ago, by root.
    ``unread`` names the roots of a hub's sources whose records are not wanted (the site
    keeps their pages): each gives its settings, its commit and its last validation's
    errors, and no record.
    """
    if settings.is_hub:
        return _hub_usable(settings, cache, today, workers, progress, scans or {}, unread)
    scanned = (scans or {}).get(settings.root)
    loaded, result = _loaded_and_checked(settings, cache, today, workers, progress, scanned)
    errors = tuple(i for i in result.issues if i.severity is Severity.ERROR)
    left_out = (
        frozenset(i.position.path for i in errors if i.rule not in USABLE_DESPITE)
        | loaded.broken_files()
    )
    return Usable(loaded.index.without(set(left_out)), errors, left_out)


def _errors_only(
    settings: Settings, cache: Cache, today: dt.date, scans: Mapping[Path, Scan]
) -> tuple[Index, tuple[Issue, ...], int, frozenset[str]] | None:
    """A source without its records: its last validation's errors, while that holds."""
    scanned = scans.get(settings.root) or scan(settings.root)
    kept = kept_validation(settings.root, cache, state_key(scanned, today))
    if kept is None:
        return None
    errors = tuple(i for i in kept.issues if i.severity is Severity.ERROR)
    left_out = frozenset(i.position.path for i in errors if i.rule not in USABLE_DESPITE)
    return Index(settings), errors, kept.files, left_out


def _loaded_and_checked(
    settings: Settings,
    cache: Cache,
    today: dt.date,
    workers: int,
    progress: Progress | None,
    scanned: Scan | None = None,
) -> tuple[Loaded, ValidationResult]:
    """The complete index and its validation: the one kept while it holds, else checked.

    ``scanned`` is the scan the caller made a moment ago, if it made one.
    """
    scanned = scan(settings.root) if scanned is None else scanned
    state = state_key(scanned, today)
    kept = kept_validation(settings.root, cache, state)
    if kept is None:
        return _checked(settings, cache, scanned, state, today, workers, progress)
    return load_records(settings, cache, workers, progress, scanned), kept


def usable_source(
    settings: Settings, cache: Cache, today: dt.date, name: str, scans: Mapping[Path, Scan]
) -> Index:
    """One source of a hub as ``usable`` gives it in the hub's index, read alone, in this process.

    What the site's worker building a source's pages reads; its errors are the whole read's.
    """
    return _hub_usable(settings, cache, today, 1, None, scans, frozenset(), only=name).index


def _hub_usable(
    settings: Settings,
    cache: Cache,
    today: dt.date,
    workers: int,
    progress: Progress | None,
    scans: Mapping[Path, Scan],
    unread: frozenset[Path],
    only: str | None = None,
) -> Usable:
    from ducha.store.hub import read_hub

    def read(part: Settings, inner: Cache) -> tuple[Index, tuple[Issue, ...], int, frozenset[str]]:
        broken = tuple(i for i in part.issues if i.severity is Severity.ERROR)
        if broken:  # every deadline of the source depends on its config: none is told
            return Index(part), broken, 0, frozenset()
        if part.root in unread:
            kept = _errors_only(part, inner, today, scans)
            if kept is not None:
                return kept
        found = usable(part, inner, today, workers, progress, scans)
        return found.index, found.errors, len(found.index.files), found.left_out

    hub = read_hub(settings, cache, read, only=only)
    errors = tuple(i for i in (*settings.issues, *hub.issues) if i.severity is Severity.ERROR)
    return Usable(hub.index, errors, hub.left_out)
