"""Run every check over the records and return the problems, sorted."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ducha.config import CONFIG_NAME
from ducha.files import Scan, scan, state_key
from ducha.issues import Issue, Severity

if TYPE_CHECKING:  # the loader and the rules are imported only when the cache cannot answer
    from ducha.cache import ParseCache
    from ducha.config import Settings
    from ducha.repository import Progress, Repository
    from ducha.rules import Context, Index
    from ducha.source import SourceMap


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
    the cross-record rules run over the cached facts of the others.
    """
    scanned = scan(settings.root) if scanned is None else scanned
    fingerprint = state_key(scanned, today)
    files = [CONFIG_NAME, *(path for path, _, _ in scanned)]
    stored = cache.result(fingerprint)
    if stored is not None:
        issues, evidence = stored
        if all((settings.root / path).is_file() == present for path, present in evidence):
            return _select(issues, files, only)
    from ducha.repository import bulk, load_facts, source_in
    from ducha.rules import Context, Index

    sources: dict[str, SourceMap] = {}
    with bulk():
        entries = load_facts(settings, cache, workers, scanned, progress, sources)
        found = [*settings.issues, *(issue for _, entry in entries for issue in entry.issues)]
        index = Index.of((path, entry.facts) for path, entry in entries)
    lookup = functools.partial(source_in, settings.root, sources)
    result = _checked(found, Context(index, today, settings.root, lookup), len(files))
    evidence = sorted({(p, (settings.root / p).is_file()) for p in _evidence_paths(index)})
    cache.save_result(fingerprint, (result.issues, evidence))
    return _select(result.issues, files, only)


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
    from ducha.facts import FileFacts, visit_facts
    from ducha.rules import Context, Index

    facts = [(v.path, FileFacts(visit_facts(v))) for v in repo.visits]
    facts += [(u.path, FileFacts(units=((u.id, u.row),))) for u in repo.unit_rows]
    facts += [(t.path, FileFacts(teams=((t.id, t.row),))) for t in repo.team_rows]
    facts.append(("", FileFacts(declared=tuple(repo.broken_ids))))
    ctx = Context(Index.of(facts), today, repo.root, repo.source)
    result = _checked(repo.issues, ctx, len(repo.files))
    return _select(result.issues, repo.files, only)


def _checked(found: Iterable[Issue], ctx: Context, files: int) -> ValidationResult:
    """The problems found while loading plus those of the cross-record rules, each once."""
    from ducha.rules import RULES

    issues = list(found)
    for rule in RULES:
        issues.extend(rule(ctx))
    unique = {(i.position, i.rule, i.key, repr(sorted(i.args.items(), key=str))): i for i in issues}
    return ValidationResult(files, tuple(sorted(unique.values(), key=Issue.sort_key)))
