"""Run every check over the records and return the problems, sorted."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ducha.checks.issues import Issue, Severity

if TYPE_CHECKING:  # the rules are imported only when the cache cannot answer
    from ducha.checks.facts import FileFacts
    from ducha.checks.source import SourceMap
    from ducha.domain.index import Index
    from ducha.domain.settings import Settings


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


def selected(result: ValidationResult, only: Collection[str] | None) -> ValidationResult:
    """The problems of ``only`` (relative paths), or all of them."""
    if only is None:
        return result
    wanted = set(only)
    kept = tuple(i for i in result.issues if i.position.path in wanted)
    records = [p for p in wanted if "/" not in p and p.endswith(".yaml") or p.startswith("visits/")]
    return ValidationResult(min(result.files, len(records)), kept)


def _select(
    issues: tuple[Issue, ...], files: list[str], only: Collection[str] | None
) -> ValidationResult:
    if only is None:
        return ValidationResult(len(files), issues)
    wanted = set(only)
    kept = tuple(i for i in issues if i.position.path in wanted)
    return ValidationResult(len(set(files) & wanted), kept)


def validate(
    index: Index,
    issues: Iterable[Issue],
    source: Callable[[str], SourceMap],
    today: dt.date,
    only: Collection[str] | None = None,
) -> ValidationResult:
    """Every problem of a complete index: those found while reading and across records.

    Problems are reported for ``only`` (relative paths) if given; cross-record rules always
    see every record, so a reference from a selected file to an unselected one is checked.
    """
    cross = cross_record(index_facts(index), today, index.settings, source)
    return combined(tuple(issues), cross, index.files, only)


def index_facts(index: Index) -> list[tuple[str, FileFacts]]:
    """The facts of every file of an index, as ``file_facts`` gives them file by file."""
    from ducha.checks.facts import FileFacts, visit_facts

    facts = [(v.path, FileFacts(visit_facts(v))) for v in index.visits]
    facts += [(u.path, FileFacts(units=((u.id, u.row),))) for u in index.unit_rows]
    facts += [(t.path, FileFacts(teams=((t.id, t.row),))) for t in index.team_rows]
    facts.append(("", FileFacts(declared=tuple(index.broken_ids))))
    return facts


def combined(
    issues: tuple[Issue, ...],
    cross: list[Issue],
    files: Collection[str],
    only: Collection[str] | None = None,
) -> ValidationResult:
    """The problems found while reading with those of the rules across records, each once."""
    result = _merged(issues, _unmasked(cross, list(issues)), len(files))
    return _select(result.issues, list(files), only)


# A directory file that cannot be read at all makes every reference to it unknown: its own
# error says it once, instead of one "unknown" per visit.
_UNREADABLE_RULES = frozenset({"not-a-record-file", "unreadable-file", "yaml-syntax", "encoding"})
_MASKED = {"units.yaml": "unknown-unit", "teams.yaml": "unknown-team"}


def _unmasked(cross: list[Issue], issues: list[Issue]) -> list[Issue]:
    unreadable = {
        i.position.path
        for i in issues
        if i.position.path in _MASKED and i.rule in _UNREADABLE_RULES
    }
    masked = {_MASKED[path] for path in unreadable}
    return [i for i in cross if i.rule not in masked]


def evidence_paths(index: Index) -> set[str]:
    """Every evidence file the records name."""
    found = {e for v in index.visits for f in v.findings for e in f.files}
    found |= {e for v in index.visits for c in v.checks for e in c.evidence}
    # a file named only by its hash is read by the hash rule: its state keeps a kept answer
    for visit in index.visits:
        found |= {name for c in visit.checks for name, _ in c.sha256}
        for finding in visit.findings:
            found |= {name for name, _ in finding.sha256}
            found |= {name for r in finding.reports for name, _ in r.sha256}
    return found


def cross_record(
    facts: Iterable[tuple[str, FileFacts]],
    today: dt.date,
    settings: Settings,
    source: Callable[[str], SourceMap],
) -> list[Issue]:
    """The problems of the rules that look across files, from every file's facts alone."""
    from ducha.checks.rules import RULES, Context, Facts

    ctx = Context(Facts.of(facts), today, settings.root, source, settings)
    return [issue for rule in RULES for issue in rule(ctx)]


def _merged(found: Iterable[Issue], cross: Iterable[Issue], files: int) -> ValidationResult:
    """The problems found while loading and those of the cross-record rules, each once."""
    issues = [*found, *cross]
    unique = {(i.position, i.rule, i.key, repr(sorted(i.args.items(), key=str))): i for i in issues}
    return ValidationResult(files, tuple(sorted(unique.values(), key=Issue.sort_key)))
