"""Run every check over a loaded repository and return the problems, sorted."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Collection
from dataclasses import dataclass

from ducha.cache import ParseCache
from ducha.config import CONFIG_NAME, Settings
from ducha.issues import Issue, Severity
from ducha.repository import Progress, Repository, Scan, load_repository, scan
from ducha.rules import RULES, Context


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
) -> tuple[ValidationResult, Repository | None]:
    """``validate`` over the repository on disk, reusing the last result when nothing changed.

    Also returns the repository when it had to be loaded, so a caller that needs the records
    does not load them twice.

    Nothing changed means: the same record files with the same sizes and modification times,
    the same config and ducha (the cache key), the same day (``planned-in-past`` depends on
    it), and every evidence file the records name still present or still absent.
    """
    scanned = scan(settings.root) if scanned is None else scanned
    fingerprint = hashlib.blake2b(repr((scanned, today)).encode(), digest_size=16).hexdigest()
    stored = cache.result(fingerprint)
    if stored is not None:
        issues, evidence = stored
        if all((settings.root / path).is_file() == present for path, present in evidence):
            return _select(issues, [CONFIG_NAME, *(path for path, _, _ in scanned)], only), None
    repo = load_repository(settings, cache, workers, scanned, progress)
    result = validate(repo, today)
    evidence = sorted({(p, (settings.root / p).is_file()) for p in _evidence_paths(repo)})
    cache.save_result(fingerprint, (result.issues, evidence))
    return _select(result.issues, repo.files, only), repo


def _evidence_paths(repo: Repository) -> set[str]:
    return {
        name
        for visit in repo.visits
        for f in visit.findings
        for r in f.reports
        for name in r.evidence
    }


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
    """Check the whole repository; report problems in ``only`` (relative paths) if given.

    Cross-record rules always see every record, so a reference from a selected file to an
    unselected one is still checked.
    """
    ctx = Context(repo, today)
    issues = list(repo.issues)
    for rule in RULES:
        issues.extend(rule(ctx))
    if only is not None:
        wanted = set(only)
        issues = [i for i in issues if i.position.path in wanted]
    unique = {(i.position, i.rule, i.key, repr(sorted(i.args.items(), key=str))): i for i in issues}
    files = len(repo.files) if only is None else len(set(repo.files) & set(only))
    return ValidationResult(files, tuple(sorted(unique.values(), key=Issue.sort_key)))
