"""A hub: a records repository whose ``ducha.yaml`` lists ``sources:``, read as one.

Each source is a records repository of its own (a folder of the hub, or a clone that
``ducha sources sync`` keeps in ``.ducha/sources/<name>``), read and checked under its own
``ducha.yaml`` with its own cache. Its index is then put under its name: ids become
``临川/20200205-2vs/1``, paths lead from the hub's root, and the index keeps each source's
settings so that every finding is derived under them (``Index.parts``). A source that is a
hub itself is read the same way, one level down (``抚州/临川/…``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from ducha.checks.issues import Issue, Position, error, warning
from ducha.checks.validate import ValidationResult
from ducha.domain.index import Index, Origin, namespace_of
from ducha.domain.model import Unit
from ducha.domain.settings import Settings, Source
from ducha.domain.vocab import Vocabulary
from ducha.errors import GitError
from ducha.store.cache import Cache
from ducha.store.config import cached_settings, load_settings
from ducha.store.files import CONFIG_NAME, SOURCES_DIR, VISITS_DIR
from ducha.store.namespace import namespaced
from ducha.store.vcs import Commit, Git, origin_of


@dataclass(frozen=True, slots=True)
class Part:
    """One source of a hub as found on disk."""

    source: Source
    root: Path  # its records repository
    mount: str  # its folder, from the hub's root, with /
    position: Position  # where ducha.yaml names it
    settings: Settings | None  # None: not there (not yet synced, or not a records repository)
    config: bytes = b""
    cache: Cache | None = None  # its own cache, when read through the hub's


def source_root(hub: Path, source: Source) -> Path:
    """Where a source's records are: its folder in the hub, or the clone sync keeps."""
    return hub / source.path if source.path else hub / SOURCES_DIR / source.name


def parts(settings: Settings, cache: Cache | None = None) -> tuple[list[Part], list[Issue]]:
    """Each source of the hub, read as far as its ``ducha.yaml``, and what is wrong with them.

    With the hub's ``cache``, each source's settings come from its own cache as a single
    repository's do (``cached_settings``): a warm run parses no ``ducha.yaml``.
    """
    hub = settings.root
    try:
        config_lines = (hub / CONFIG_NAME).read_text(encoding="utf-8", errors="replace")
    except OSError:
        config_lines = ""
    found: list[Part] = []
    issues: list[Issue] = []
    for source in settings.sources:
        root = source_root(hub, source)
        mount = root.relative_to(hub).as_posix()
        position = _named_at(config_lines, source.name)
        real = Path(os.path.realpath(root))
        config = root / CONFIG_NAME
        if not real.is_relative_to(os.path.realpath(hub)):
            issues.append(error(position, "source-escapes", name=source.name, path=mount))
            continue
        if not config.is_file():
            rule = "source-not-synced" if source.url else "source-missing"
            issues.append(error(position, rule, name=source.name, path=mount))
            found.append(Part(source, root, mount, position, None))
            continue
        content = config.read_bytes()
        if cache is None:
            found.append(Part(source, root, mount, position, load_settings(root, content), content))
            continue
        inner = cache.beside(root, content)
        read = cached_settings(root, content, inner)
        found.append(Part(source, root, mount, position, read, content, inner))
    if (hub / VISITS_DIR).is_dir():
        issues.append(warning(Position(VISITS_DIR), "hub-own-visits"))
    return found, issues


def _named_at(config: str, name: str) -> Position:
    """The line of ``ducha.yaml`` naming a source (the settings keep no positions)."""
    for number, line in enumerate(config.splitlines(), 1):
        if "name" in line and name in line:
            return Position(CONFIG_NAME, number, line.index(name) + 1)
    return Position(CONFIG_NAME)


@dataclass(frozen=True, slots=True)
class HubRead:
    """A hub's sources combined: the index, every problem, and the commit of each source."""

    index: Index
    issues: tuple[Issue, ...]
    files: int
    left_out: frozenset[str]  # files left out for their errors, from the hub's root


# How one repository is read: (its settings, its cache) → (index, problems, files, left out).
Reader = Callable[[Settings, Cache], tuple[Index, tuple[Issue, ...], int, frozenset[str]]]


def read_hub(
    settings: Settings, cache: Cache, read: Reader, *, depth: int = 0, only: str | None = None
) -> HubRead:
    """Every source read with ``read`` under its own settings and cache, then combined.

    ``read`` is the single repository's reading (the whole validation, or the usable index),
    so a hub's answer is by construction the sources' answers put side by side. ``only``
    names the one source to read (its part of the answer, as ``by_source`` would cut it).
    """
    found, issues = parts(settings, cache)
    if only is not None:
        found = [part for part in found if part.source.name == only]
    indexes: list[Index] = []
    files = 0
    left_out: set[str] = set()
    for part in found:
        if part.settings is None or part.cache is None:
            continue
        inner = part.cache
        if part.settings.is_hub and depth < MAX_DEPTH:
            sub = read_hub(part.settings, inner, read, depth=depth + 1)
            index, problems, count, out = sub.index, sub.issues, sub.files, sub.left_out
        elif part.settings.is_hub:
            issues.append(error(part.position, "source-too-deep", name=part.source.name))
            continue
        else:
            index, problems, count, out = read(part.settings, inner)
            index = replace(index, origins=(origin_of(part.root),), _lookups={})
        indexes.append(namespaced(index, part.source.name, part.mount))
        issues += [moved(i, part.source.name, part.mount) for i in problems]
        files += count
        left_out |= {f"{part.mount}/{path}" for path in out}
    index = combined(settings, indexes)
    issues += twice_known(index)
    return HubRead(index, tuple(sorted(issues, key=_order)), files, frozenset(left_out))


MAX_DEPTH = 3  # a province over cities over counties; deeper is a loop


def _order(issue: Issue) -> tuple[str, str, int, int, str]:
    return (issue.source, *issue.sort_key())


def moved(issue: Issue, name: str, mount: str) -> Issue:
    """A source's problem as the hub reports it: its path from the hub, its source named."""
    position = replace(issue.position, path=f"{mount}/{issue.position.path}")
    source = f"{name}/{issue.source}" if issue.source else name
    return replace(issue, position=position, source=source)


def hub_validation(settings: Settings, cache: Cache, read: Reader) -> ValidationResult:
    """Every problem of every source, and the hub's own."""
    result = read_hub(settings, cache, read)
    return ValidationResult(result.files, (*settings.issues, *result.issues))


def combined(settings: Settings, indexes: list[Index]) -> Index:
    """The sources' indexes side by side, with the hub's settings over them all.

    The vocabularies a hub shows with are its own and then each source's terms it lacks, so
    that a source's own severity or focus area is named as that source names it.
    """
    shown = settings
    for index in indexes:
        for sub in index.parts.values():
            shown = _with_terms(shown, sub)
    units = {key: value for index in indexes for key, value in index.units.items()}
    teams = {key: value for index in indexes for key, value in index.teams.items()}
    return Index(
        shown,
        units,
        teams,
        tuple(v for index in indexes for v in index.visits),
        tuple(u for index in indexes for u in index.unit_rows),
        tuple(t for index in indexes for t in index.team_rows),
        tuple(f for index in indexes for f in index.files),
        frozenset(b for index in indexes for b in index.broken_ids),
        {key: value for index in indexes for key, value in index.parts.items()},
        tuple(o for index in indexes for o in index.origins),
    )


def _with_terms(settings: Settings, other: Settings) -> Settings:
    def merged(mine: Vocabulary, theirs: Vocabulary) -> Vocabulary:
        extra = tuple(t for t in theirs.terms if t.code not in mine.codes)
        return Vocabulary(mine.name, mine.terms + extra) if extra else mine

    return replace(
        settings,
        focus=merged(settings.focus, other.focus),
        severity=merged(settings.severity, other.severity),
    )


def twice_known(index: Index) -> list[Issue]:
    """A unit listed by two sources (the same name in the same district): told, not merged."""
    first: dict[tuple[str, str], Unit] = {}
    found: list[Issue] = []
    for unit in index.unit_rows:
        key = (unit.name.strip(), unit.district.strip())
        seen = first.setdefault(key, unit)
        source, other = namespace_of(unit.id), namespace_of(seen.id)
        if seen is not unit and source != other:
            found.append(
                replace(
                    warning(
                        Position(unit.path),
                        "unit-in-two-sources",
                        name=unit.name,
                        id=unit.id,
                        other=seen.id,
                    ),
                    source=source,
                )
            )
    return found


@dataclass(frozen=True, slots=True)
class Listed:
    """A source as ``ducha sources`` lists it."""

    name: str  # its namespace
    place: str  # its folder, or its URL and branch
    origin: Origin | None  # None: not there
    differs: tuple[str, ...]  # the settings it derives under that differ from the hub's
    problem: str = ""  # the rule of what keeps it from being read, if anything


def listing(settings: Settings, prefix: str = "", depth: int = 0) -> list[Listed]:
    """Every source of the hub (and of the hubs among them), where it stands."""
    found, issues = parts(settings)
    problems = {i.args.get("name"): i.rule for i in issues}
    rows: list[Listed] = []
    for part in found:
        source = part.source
        place = source.path or (f"{source.url}#{source.branch}" if source.branch else source.url)
        name = f"{prefix}{source.name}"
        if part.settings is None:
            rows.append(Listed(name, place, None, (), problems.get(source.name, "")))
            continue
        origin = origin_of(part.root)._replace(source=name)
        rows.append(Listed(name, place, origin, differences(settings, part.settings)))
        if part.settings.is_hub and depth < MAX_DEPTH:
            rows += listing(part.settings, f"{name}/", depth + 1)
    return rows


def differences(hub: Settings, source: Settings) -> tuple[str, ...]:
    """What a source derives its findings under that the hub's own settings would not."""
    found = []
    if source.calendar != hub.calendar:
        found.append("calendar")
    if source.severity != hub.severity or source.severity_due != hub.severity_due:
        found.append("severities")
    if source.focus != hub.focus:
        found.append("focus")
    if (source.immediate_days, source.yellow_days) != (hub.immediate_days, hub.yellow_days):
        found.append("deadlines")
    if source.returns != hub.returns:
        found.append("return-visits")
    return tuple(found)


def record_roots(settings: Settings, depth: int = 0) -> list[Path]:
    """The records repositories a run reads: a hub's own and each source's found on disk."""
    found = [settings.root]
    if not settings.is_hub or depth >= MAX_DEPTH:
        return found
    for part in parts(settings)[0]:
        if part.settings is not None:
            found += record_roots(part.settings, depth + 1)
    return found


def recorded(settings: Settings, source: str | None = None) -> dict[str, list[Commit]]:
    """Each record file's commits, newest first, paths from the hub's root (or the repository's).

    One ``git log`` a repository: who recorded what, and when, for the site's pages. On a
    hub, ``source`` names the one source whose files are wanted (None: all of them).
    """
    roots = [("", settings.root)]
    if settings.is_hub:
        roots = [
            (f"{p.mount}/", p.root)
            for p in parts(settings)[0]
            if p.settings is not None and source in (None, p.source.name)
        ]
    found: dict[str, list[Commit]] = {}
    for prefix, root in roots:
        try:
            commits, _ = Git(root).walk()
        except GitError:
            continue
        for commit in reversed(commits):
            for change in commit.changes:
                found.setdefault(prefix + change.path, []).append(commit)
    return found


def source_of_id(
    settings: Settings, cache: Cache, record_id: str, depth: int = 0
) -> tuple[Part, str] | None:
    """The source a hub's id names and the id within it (``临川/20200205-2vs/1``)."""
    name, _, rest = record_id.partition("/")
    found, _ = parts(settings, cache)
    part = next((p for p in found if p.source.name == name and p.settings is not None), None)
    if part is None or part.settings is None or part.cache is None or not rest:
        return None
    if part.settings.is_hub and depth < MAX_DEPTH:
        inner = source_of_id(part.settings, part.cache, rest, depth + 1)
        return None if inner is None else (inner[0], inner[1])
    return part, rest
