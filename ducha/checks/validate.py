"""Run every check over the records and return the problems, sorted."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ducha.checks.issues import Issue, Position, Severity
from ducha.store.config import CONFIG_NAME
from ducha.store.files import Scan, scan, state_key

if TYPE_CHECKING:  # the loader and the rules are imported only when the cache cannot answer
    from ducha.checks.rules import Context, Index
    from ducha.checks.source import SourceMap
    from ducha.domain.settings import Settings
    from ducha.store.cache import Entry, ParseCache
    from ducha.store.load import Progress, Repository


@dataclass(frozen=True, slots=True)
class ValidationResult:
    """What ``validate`` found: how many files it read and every problem."""

    files: int
    issues: tuple[Issue, ...]

    @property
    def errors(self) -> int:
        """Number of errors."""
        return sum(1 for i in self.issues if i.severity is Severity.ERROR)

    @property
    def warnings(self) -> int:
        """Number of warnings."""
        return len(self.issues) - self.errors

    def ok(self, *, strict: bool = False) -> bool:
        """No errors (and, when strict, no warnings either)."""
        return not self.issues if strict else self.errors == 0


def check_repository(
    settings: Settings,
    cache: ParseCache,
    today: dt.date,
    only: Collection[str] | None = None,
    workers: int = 2,
    scanned: Scan | None = None,
    progress: Progress | None = None,
) -> ValidationResult:
    """``validate`` over the repository on disk, from the cache wherever it can answer.

    When nothing changed the last result is reused. Nothing changed means: the same record
    files with the same sizes and modification times, the same config and ducha (the cache
    key), the same day (``planned-in-past`` depends on it), and every evidence file the
    records name still present or still absent. Otherwise only changed files are read again;
    the cross-record rules run over the cached facts of the others, unless the last
    problems they found still hold (``_still_true``).
    """
    scanned = scan(settings.root) if scanned is None else scanned
    fingerprint = state_key(scanned, today)
    files = [CONFIG_NAME, *(path for path, _, _ in scanned)]
    stored = cache.result(fingerprint)
    if stored is not None:
        issues, evidence = stored
        if all((settings.root / path).is_file() == present for path, present in evidence):
            return _select(issues, files, only)
    from ducha.checks.rules import Context, Index
    from ducha.store.load import bulk, load_facts, source_in

    sizes = {path: (size, mtime) for path, size, mtime in scanned}
    last = _last_validation(cache, sizes, today)
    sources: dict[str, SourceMap] = {}
    with bulk():
        kept = None
        if last is not None:  # read the files changed since; the others' entries stay unread
            before = last[1]
            changed = [item for item in scanned if item[0] in before]
            fresh = load_facts(settings, cache, workers, changed, progress, sources, complete=False)
            kept = _still_true(last, fresh, settings.root)
            found = [i for i in last[0][4] if i.position.path not in before]
            found += [issue for _, entry in fresh for issue in entry.issues]
        if kept is None:
            entries = load_facts(settings, cache, workers, scanned, progress, sources)
            found = [*settings.issues, *(issue for _, entry in entries for issue in entry.issues)]
            index = Index.of((path, entry.facts) for path, entry in entries)
            lookup = functools.partial(source_in, settings.root, sources)
            cross = cross_record(Context(index, today, settings.root, lookup))
            evidence = sorted({(p, (settings.root / p).is_file()) for p in _evidence_paths(index)})
        else:
            cross, evidence = kept
    result = _merged(found, cross, len(files))
    cache.save_result(fingerprint, (result.issues, evidence))
    cache.save_latest("validation", (today, sizes, tuple(cross), evidence, result.issues))
    return _select(result.issues, files, only)


# (the day, each file's size and time, the cross-record problems, evidence files seen or not,
# every problem)
_Last = tuple[
    dt.date,
    dict[str, tuple[int, int]],
    tuple[Issue, ...],
    list[tuple[str, bool]],
    tuple[Issue, ...],
]


def _last_validation(
    cache: ParseCache, sizes: dict[str, tuple[int, int]], today: dt.date
) -> tuple[_Last, dict[str, Any]] | None:
    """The last validation of the same files on the same day, if it can be built on.

    With it come the facts that the files changed since had then, taken from the cache
    before it reads them again.
    """
    last: _Last | None = cache.latest("validation")
    if not isinstance(last, tuple) or len(last) != 5:
        return None
    if last[0] != today or last[1].keys() != sizes.keys():
        return None
    before: dict[str, Any] = {}
    for path, state in sizes.items():
        if last[1][path] != state:
            stored = cache.stored_entry(path)
            if stored is None or (stored[0], stored[1]) != last[1][path]:
                return None  # read again since, by another command: its facts then are gone
            before[path] = stored[3]
    return last, before


def _still_true(
    last: tuple[_Last, dict[str, Any]], entries: list[tuple[str, Entry]], root: Path
) -> tuple[list[Issue], list[tuple[str, bool]]] | None:
    """The last cross-record problems and evidence, if nothing they depend on has changed.

    They depend on every file's facts, the day, positions in the files and the evidence
    files on disk. An edit that leaves a file's facts as they were (a description, a note:
    the usual edit) changes none of that, unless a problem points into the edited file.
    """
    (_, _, cross, evidence, _), before = last
    now = {path: entry.facts for path, entry in entries if path in before}
    if any(now.get(path) != facts for path, facts in before.items()):
        return None
    if any(_points_into(issue, before.keys()) for issue in cross):
        return None
    if any((root / path).is_file() != present for path, present in evidence):
        return None
    return list(cross), evidence


def _points_into(issue: Issue, paths: Collection[str]) -> bool:
    """Whether a problem stands in, or names a place in, one of ``paths``."""
    if issue.position.path in paths:
        return True
    return any(isinstance(v, Position) and v.path in paths for v in issue.args.values())


def _evidence_paths(index: Index) -> set[str]:
    return {name for visit in index.visits for _, _, _, name in visit.evidence}


def _select(
    issues: tuple[Issue, ...], files: list[str], only: Collection[str] | None
) -> ValidationResult:
    if only is None:
        return ValidationResult(len(files), issues)
    wanted = set(only)
    kept = tuple(i for i in issues if i.position.path in wanted)
    return ValidationResult(len(set(files) & wanted), kept)


def validate(
    repo: Repository, today: dt.date, only: Collection[str] | None = None
) -> ValidationResult:
    """Check a loaded repository; report problems in ``only`` (relative paths) if given.

    Cross-record rules always see every record, so a reference from a selected file to an
    unselected one is still checked.
    """
    from ducha.checks.facts import FileFacts, visit_facts
    from ducha.checks.rules import Context, Index

    facts = [(v.path, FileFacts(visit_facts(v))) for v in repo.visits]
    facts += [(u.path, FileFacts(units=((u.id, u.row),))) for u in repo.unit_rows]
    facts += [(t.path, FileFacts(teams=((t.id, t.row),))) for t in repo.team_rows]
    facts.append(("", FileFacts(declared=tuple(repo.broken_ids))))
    ctx = Context(Index.of(facts), today, repo.root, repo.source)
    result = _merged(repo.issues, cross_record(ctx), len(repo.files))
    return _select(result.issues, repo.files, only)


def cross_record(ctx: Context) -> list[Issue]:
    """The problems of the rules that look across files."""
    from ducha.checks.rules import RULES

    return [issue for rule in RULES for issue in rule(ctx)]


def _merged(found: Iterable[Issue], cross: Iterable[Issue], files: int) -> ValidationResult:
    """The problems found while loading and those of the cross-record rules, each once."""
    issues = [*found, *cross]
    unique = {(i.position, i.rule, i.key, repr(sorted(i.args.items(), key=str))): i for i in issues}
    return ValidationResult(files, tuple(sorted(unique.values(), key=Issue.sort_key)))
