"""Load a records repository: units, teams and visits, with their problems and positions.

Each file comes from the parse cache while it is unchanged, and is otherwise read by
``parse.py`` (on two cores when there are many). A command loads every file, the files it
names (``only``), or for ``validate`` just each file's facts and problems.
"""

from __future__ import annotations

import gc
import os
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ducha.checks.facts import file_facts
from ducha.checks.issues import Issue, Position, Severity
from ducha.checks.source import KeyPath, SourceMap
from ducha.domain.model import Team, Unit, Visit
from ducha.domain.settings import Settings
from ducha.store.cache import Entry, ParseCache, ShardWriter, digest, shard_of
from ducha.store.config import CONFIG_NAME
from ducha.store.files import Scan, scan, state_key

if TYPE_CHECKING:
    from ducha.store.parse import Payload


@dataclass(slots=True)
class Repository:
    """Everything the records say, plus what was wrong with them."""

    settings: Settings
    units: dict[str, Unit] = field(default_factory=dict)
    teams: dict[str, Team] = field(default_factory=dict)
    visits: list[Visit] = field(default_factory=list)
    sources: dict[str, SourceMap] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    # every row as written, duplicates included, for the duplicate-id rule
    unit_rows: list[Unit] = field(default_factory=list)
    team_rows: list[Team] = field(default_factory=list)
    # ids of records written but in error; references to them are not reported again
    broken_ids: set[str] = field(default_factory=set)
    _index: dict[str, Visit] | None = None

    @property
    def root(self) -> Path:
        """The repository's root folder."""
        return self.settings.root

    def visit(self, visit_id: str) -> Visit | None:
        """The first visit with this id."""
        if self._index is None:
            self._index = {}
            for visit in self.visits:
                self._index.setdefault(visit.id, visit)
        return self._index.get(visit_id)

    def source(self, path: str) -> SourceMap:
        """The positions in a file; a file the cache answered for is re-read when first asked."""
        return source_in(self.root, self.sources, path)

    def without(self, paths: set[str]) -> Repository:
        """The same repository with the visits of ``paths`` left out."""
        return replace(self, visits=[v for v in self.visits if v.path not in paths], _index=None)

    def broken_files(self) -> set[str]:
        """Files with at least one error."""
        return {i.position.path for i in self.issues if i.severity is Severity.ERROR}


def source_in(root: Path, sources: dict[str, SourceMap], path: str) -> SourceMap:
    """The positions in a file from ``sources``, or read from disk when first asked."""
    found = sources.get(path)
    if found is None:
        found = sources[path] = LazySourceMap(path, root)
    return found


class LazySourceMap(SourceMap):
    """A source map that parses its file on first use (most files never need positions)."""

    def __init__(self, path: str, root: Path) -> None:
        super().__init__(path)
        self._root: Path | None = root

    def _fill(self) -> None:
        if self._root is not None:
            from ducha.store.loader import load_file

            loaded = load_file(self._root / self.path, self.path).source
            self.keys, self.values, self._root = loaded.keys, loaded.values, None

    def key(self, keypath: KeyPath) -> Position:  # noqa: D102
        self._fill()
        return super().key(keypath)

    def value(self, keypath: KeyPath) -> Position:  # noqa: D102
        self._fill()
        return super().value(keypath)

    def item(self, keypath: KeyPath, index: int) -> KeyPath:  # noqa: D102
        self._fill()
        return super().item(keypath, index)


def with_files(
    repo: Repository,
    contents: dict[str, bytes | None],
    parsed: Mapping[str, tuple[Payload, list[Issue]]] | None = None,
) -> Repository:
    """The same records with some files replaced (bytes) or removed (None): another side.

    ``parsed`` holds what some of the new contents were already read into.
    """
    changed = set(contents)
    side = Repository(
        repo.settings,
        visits=[v for v in repo.visits if v.path not in changed],
        files=[f for f in repo.files if f not in changed or contents[f] is not None],
        issues=[i for i in repo.issues if i.position.path not in changed],
        unit_rows=[u for u in repo.unit_rows if u.path not in changed],
        team_rows=[t for t in repo.team_rows if t.path not in changed],
        broken_ids=set(repo.broken_ids),
    )
    from ducha.store.parse import parse_bytes

    side.files += [f for f in sorted(changed) if f not in side.files and contents[f] is not None]
    for relpath in sorted(changed):
        raw = contents[relpath]
        if parsed is not None and relpath in parsed:
            _add(side, *parsed[relpath])
        elif raw is not None:
            _add(side, *parse_bytes(repo.settings, raw, relpath))
    for unit in side.unit_rows:
        side.units.setdefault(unit.id, unit)
    for team in side.team_rows:
        side.teams.setdefault(team.id, team)
    return side


PARALLEL_FROM = 1500  # files to parse before a second process pays for itself


Progress = Callable[[int, int], None]  # (files parsed, files to parse)


def load_repository(
    settings: Settings,
    cache: ParseCache | None = None,
    workers: int = 2,
    scanned: Scan | None = None,
    progress: Progress | None = None,
    only: set[str] | None = None,
) -> Repository:
    """Read every record file of the repository at ``settings.root`` (or those in ``only``)."""
    repo = Repository(settings, issues=list(settings.issues))
    repo.files.append(CONFIG_NAME)
    if only is not None:
        scanned = [f for f in (scan(settings.root) if scanned is None else scanned) if f[0] in only]
    with bulk():
        files = refresh(
            settings,
            cache,
            workers,
            scanned,
            progress,
            repo.sources,
            records=True,
            complete=only is None,
        )
        for relpath, entry, record in files:
            repo.files.append(relpath)
            _add(repo, (record, entry.facts[3]), list(entry.issues))  # facts: see file_facts
    return repo


@contextmanager
def bulk() -> Iterator[None]:
    """A pass that makes many small objects which live until the process ends.

    Collecting garbage while they are made only slows the pass down, and afterwards they are
    kept out of every collection.
    """
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc_was_enabled:
            gc.enable()
    gc.freeze()


def load_facts(
    settings: Settings,
    cache: ParseCache | None = None,
    workers: int = 2,
    scanned: Scan | None = None,
    progress: Progress | None = None,
    sources: dict[str, SourceMap] | None = None,
    *,
    complete: bool = True,
) -> list[tuple[str, Entry]]:
    """Every record file's problems and facts, without loading the records the cache holds.

    Unless the scan is ``complete`` (some files only), the cache keeps what it holds for
    the files not in it.
    """
    files = refresh(
        settings, cache, workers, scanned, progress, sources, records=False, complete=complete
    )
    return [(relpath, entry) for relpath, entry, _ in files]


def refresh(
    settings: Settings,
    cache: ParseCache | None,
    workers: int,
    scanned: Scan | None,
    progress: Progress | None,
    sources: dict[str, SourceMap] | None,
    *,
    records: bool,
    complete: bool = True,
) -> list[tuple[str, Entry, Any]]:
    """Each record file with its cache entry, parsing the files the cache cannot answer for.

    With ``records`` each file also comes with what it was built into; without, that is
    None for a file the cache answered for. Unless the scan is ``complete``, the cache keeps
    what it holds for files not in it.
    """
    cache = cache or ParseCache(None, settings.root, "")
    listed = scan(settings.root) if scanned is None else scanned
    # A command that loads some files (overdue, diff, log) often asks for the same ones,
    # unchanged, again: their records are kept together, to be read without whole folders.
    state = state_key(listed) if records and not complete else ""
    together = cache.subset_in_state(state) if state else None
    if together is None or together.keys() != {path for path, _, _ in listed}:
        entries = _entries(cache, settings.root, listed)
        together = _kept_together(cache, listed, state, entries) if state else None
    if together is not None:
        return [(path, together[path][0], together[path][1][0]) for path, _, _ in listed]
    found: dict[str, tuple[Entry, Any]] = {}
    misses: list[tuple[str, int, int]] = []
    for relpath, size, mtime in listed:
        entry, record = entries.get(relpath), None
        if entry is not None and records:
            kept = cache.record(relpath, entry)
            entry, record = (None, None) if kept is None else (entry, kept[0])
        if entry is None:
            misses.append((relpath, size, mtime))
        else:
            found[relpath] = (entry, record)
    # Whole folders of records read afresh: when the caller does not need the records,
    # the workers store them in the cache themselves rather than send them back.
    writer = None if records else cache.shard_writer()
    whole = _whole_shards(listed, misses) if writer is not None else set()
    jobs = [m[0] for m in misses]
    parsed, stored = _parse_misses(settings, jobs, workers, sources, progress, writer, whole)
    # A caller without records leaves the stored ones as they are: a stale record no longer
    # matches its file's digest, and the next command that needs it reads that file again.
    keep = records or not cache.enabled
    for (relpath, size, mtime), (record, key, facts, issues) in zip(misses, parsed, strict=True):
        entry = Entry(size, mtime, key, facts, issues)
        own = keep and shard_of(relpath) not in stored
        cache.put(relpath, entry, (record,) if own else None)
        found[relpath] = (entry, record)
    for shard in stored:
        cache.records_stored(shard)
    if complete:
        cache.keep_only({relpath for relpath, _, _ in listed})
    elif records:
        cache.save_subset({path: (e, (r,)) for path, (e, r) in found.items()}, state)
    cache.save()
    return [(relpath, *found[relpath]) for relpath, _, _ in listed]


def _kept_together(
    cache: ParseCache, listed: Scan, state: str, entries: dict[str, Entry]
) -> dict[str, tuple[Entry, tuple[Any]]] | None:
    """The files of ``listed`` with their records, if they were kept together as they are.

    Found by the digests of their contents (files touched but not changed), and noted under
    ``state``, their new sizes and times, to be found without reading a folder of entries.
    """
    if len(entries) < len(listed):
        return None
    kept = cache.subset(entries)
    if kept is None:
        return None
    cache.subset_state(state, entries)
    cache.save()
    return {path: (entries[path], kept[path]) for path, _, _ in listed}


def _entries(cache: ParseCache, root: Path, listed: Scan) -> dict[str, Entry]:
    """The cache's entry for each file it can answer for."""
    entries: dict[str, Entry] = {}
    for relpath, size, mtime in listed:
        entry = cache.get(relpath, size, mtime)
        if entry is None and cache.known(relpath):  # touched, perhaps not changed
            with open(os.path.join(root, relpath), "rb") as stream:  # noqa: PTH118, PTH123
                key = digest(stream.read())
            entry = cache.same_content(relpath, key)
            if entry is not None:
                entry = Entry(size, mtime, key, entry.facts, entry.issues)
                cache.put(relpath, entry)
        if entry is not None:
            entries[relpath] = entry
    return entries


def _whole_shards(listed: Scan, misses: Scan) -> set[str]:
    """The shards (folders of records) whose every file is to be read again."""
    missed = Counter(shard_of(relpath) for relpath, _, _ in misses)
    listed_by_shard = Counter(shard_of(relpath) for relpath, _, _ in listed)
    return {shard for shard, count in missed.items() if listed_by_shard[shard] == count}


# (what the file was built into, its content's digest, its facts, its problems)
Parsed = tuple[Any, bytes, Any, tuple[Issue, ...]]


def _parse_one(settings: Settings, relpath: str) -> tuple[Parsed, SourceMap | None]:
    from ducha.store.parse import parse_file  # only when a file has to be read

    file = os.path.join(settings.root, relpath)  # noqa: PTH118 (thousands of files: no Path)
    (record, declared), issues, source, key = parse_file(settings, file, relpath)
    return (record, key, file_facts(record, declared), tuple(issues)), source


def _parse_many(
    settings: Settings, relpaths: list[str], writer: ShardWriter | None = None
) -> list[Parsed]:
    """Parse files in a worker process; source maps stay behind (they are re-read on demand).

    With a ``writer`` the files are a whole shard: its records are stored here and do not
    come back.
    """
    parsed = [_parse_one(settings, relpath)[0] for relpath in relpaths]
    if writer is None:
        return parsed
    writer.write(
        shard_of(relpaths[0]),
        {
            path: (key, (record,))
            for path, (record, key, _, _) in zip(relpaths, parsed, strict=True)
        },
    )
    return [(None, key, facts, issues) for _, key, facts, issues in parsed]


def _can_fork() -> bool:
    import multiprocessing  # here, not at the top: most runs parse a file or two, if any

    return "fork" in multiprocessing.get_all_start_methods()


def _parse_misses(
    settings: Settings,
    relpaths: list[str],
    workers: int,
    sources: dict[str, SourceMap] | None,
    progress: Progress | None = None,
    writer: ShardWriter | None = None,
    whole_shards: set[str] | frozenset[str] = frozenset(),
) -> tuple[list[Parsed], set[str]]:
    """Each file parsed, in order, and the shards whose records ``writer`` stored."""
    if workers < 2 or len(relpaths) < PARALLEL_FROM or not _can_fork():
        results = []
        for done, relpath in enumerate(relpaths, start=1):
            parsed, source = _parse_one(settings, relpath)
            if source is not None and sources is not None:
                sources[relpath] = source
            results.append(parsed)
            if progress is not None and (done % 200 == 0 or done == len(relpaths)):
                progress(done, len(relpaths))
        return results, set()
    # A chunk is a whole shard (stored by the worker) or a slice of the other misses, small
    # enough to show progress.
    by_shard: dict[str, list[str]] = {}
    for relpath in relpaths:
        by_shard.setdefault(shard_of(relpath), []).append(relpath)
    chunks: list[tuple[list[str], ShardWriter | None]] = []
    rest = [p for shard, paths in by_shard.items() if shard not in whole_shards for p in paths]
    size = max(200, -(-len(relpaths) // (workers * 8)))
    chunks += [(rest[i : i + size], None) for i in range(0, len(rest), size)]
    chunks += [(by_shard[shard], writer) for shard in by_shard if shard in whole_shards]
    chunks.sort(key=lambda chunk: -len(chunk[0]))  # largest first: no worker waits at the end
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    finished: dict[str, Parsed] = {}
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        parts = pool.map(_parse_many, [settings] * len(chunks), *zip(*chunks, strict=True))
        for (paths, _), part in zip(chunks, parts, strict=True):
            finished.update(zip(paths, part, strict=True))
            if progress is not None:
                progress(len(finished), len(relpaths))
    stored = {shard for shard in by_shard if shard in whole_shards and writer is not None}
    return [finished[relpath] for relpath in relpaths], stored


def _add(repo: Repository, payload: Payload, issues: list[Issue]) -> None:
    repo.issues.extend(issues)
    record, declared = payload
    repo.broken_ids.update(declared)
    if isinstance(record, Visit):
        repo.visits.append(record)
    elif isinstance(record, tuple):
        for row in record:
            if isinstance(row, Unit):
                repo.units.setdefault(row.id, row)
                repo.unit_rows.append(row)
            else:
                repo.teams.setdefault(row.id, row)
                repo.team_rows.append(row)
