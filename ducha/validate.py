"""Run every check over a loaded repository and return the problems, sorted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from ducha.issues import Issue, Severity
from ducha.repository import Repository
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
