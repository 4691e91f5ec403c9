"""Load a records repository into its complete index, with every file's problems.

The one place that reads records for every command: find the files, take each from the
cache while it is unchanged or read it afresh (on two cores when there are many), and build
the index. There is no loading of a subset: a command always derives from every record.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from ducha.checks.issues import Issue, Phrase, Position, Severity, error
from ducha.checks.source import KeyPath, SourceMap
from ducha.domain.index import Index
from ducha.domain.model import Team, Unit, Visit
from ducha.domain.settings import Settings
from ducha.store.cache import RACY_NS, Cache, Entry, digest, shard_of
from ducha.store.codec import decode_issue, encode_issue
from ducha.store.files import CONFIG_NAME, Scan, Stat, scan

PARALLEL_FROM = 1500  # files to parse before a second process pays for itself

Progress = Callable[[int, int], None]  # (files parsed, files to parse)


class Read(NamedTuple):
    """One file as read: what it was built into, ids declared in error, problems, digest."""

    record: Any
    declared: tuple[str, ...]
    issues: tuple[Issue, ...]
    digest: str


@dataclass(frozen=True, slots=True)
class Loaded:
    """The complete index and every problem found while reading (config problems first)."""

    index: Index
    issues: tuple[Issue, ...]
    sources: dict[str, SourceMap]
    scan: Scan
    # each file's record and the ids it declared in error, in file order (config first)
    by_file: dict[str, tuple[Any, tuple[str, ...]]]
    own: dict[str, tuple[Issue, ...]] | None = None  # each record file's problems, if known

    def source(self, path: str) -> SourceMap:
        """The positions in a file; a file the cache answered for is re-read when first asked."""
        return source_in(self.index.root, self.sources, path)

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

    def __init__(self, path: str, root: Path | None, content: bytes | None = None) -> None:
        super().__init__(path)
        self._root: Path | None = root
        self._content = content  # a side's content (a git blob) rather than the file on disk
        self._pending = True

    def _fill(self) -> None:
        if not self._pending:
            return
        self._pending = False
        from ducha.store.loader import load_bytes, load_file

        try:
            if self._content is not None:
                loaded = load_bytes(self._content, self.path).source
            elif self._root is not None:
                loaded = load_file(self._root / self.path, self.path).source
            else:
                return
        except OSError:
            return
        self.keys, self.values = loaded.keys, loaded.values

    def key(self, keypath: KeyPath) -> Position:  # noqa: D102
        self._fill()
        return super().key(keypath)

    def value(self, keypath: KeyPath) -> Position:  # noqa: D102
        self._fill()
        return super().value(keypath)

    def item(self, keypath: KeyPath, index: int) -> KeyPath:  # noqa: D102
        self._fill()
        return super().item(keypath, index)


def load_records(
    settings: Settings,
    cache: Cache | None = None,
    workers: int = 2,
    progress: Progress | None = None,
    scanned: Scan | None = None,
) -> Loaded:
    """Read every record file of the repository at ``settings.root`` into its index."""
    cache = cache or Cache(None, "")
    scanned = scan(settings.root) if scanned is None else scanned
    sources: dict[str, SourceMap] = {}
    issues = [*settings.issues, *odd_files(scanned)]
    by_file: dict[str, tuple[Any, tuple[str, ...]]] = {CONFIG_NAME: (None, ())}
    own: dict[str, tuple[Issue, ...]] = {}
    with bulk():
        reads = _read_all(settings, cache, scanned, workers, progress, sources)
        for st in scanned.files:
            read = reads[st.path]
            by_file[st.path] = (read.record, read.declared)
            own[st.path] = read.issues
            if read.issues:
                issues += read.issues
        index = Index.of(settings, ((path, *rest) for path, rest in by_file.items()))
    return Loaded(index, tuple(issues), sources, scanned, by_file, own)


def odd_files(scanned: Scan) -> list[Issue]:
    """A problem for each file the scan found that is no record (a link, a fifo, unreadable)."""
    return [
        error(Position(path), "not-a-record-file", kind=Phrase(f"odd-{kind}"))
        for path, kind in scanned.odd
    ]


def _racy(st: Stat, now_ns: int) -> bool:
    return now_ns - max(st.mtime_ns, st.ctime_ns) < RACY_NS


def _read_all(
    settings: Settings,
    cache: Cache,
    scanned: Scan,
    workers: int,
    progress: Progress | None,
    sources: dict[str, SourceMap],
) -> dict[str, Read]:
    """Each file, from the cache while it holds, read afresh otherwise; the cache updated."""
    now_ns = time.time_ns()
    kept = cache.entries()
    reads: dict[str, Read] = {}
    entries: dict[str, Entry] = {}
    changed: set[str] = {shard_of(path) for path in kept.keys() - {s.path for s in scanned.files}}
    misses: list[Stat] = []
    for st in scanned.files:
        entry = kept.get(st.path)
        if (
            entry is not None
            and not entry.racy
            and not entry.issues
            and (entry.size, entry.mtime_ns, entry.ctime_ns, entry.inode) == st[1:]
        ):
            # the common case, spelled out: an unchanged file without problems
            entries[st.path] = entry
            reads[st.path] = Read(_record_of(entry), entry.declared, (), entry.digest)
            continue
        found = _kept_read(settings.root, st, entry, now_ns)
        if found is None:
            misses.append(st)
            continue
        if found[0] is not entry:
            changed.add(shard_of(st.path))
        entries[st.path], reads[st.path] = found
    parsed = _parse_misses(settings, [st.path for st in misses], workers, sources, progress)
    for st, read in zip(misses, parsed, strict=True):
        reads[st.path], entries[st.path] = read, _entry(st, read, now_ns)
        changed.add(shard_of(st.path))
    if changed:
        cache.store(entries, changed)
    return reads


def read_files(settings: Settings, cache: Cache, stats: list[Stat]) -> dict[str, Read]:
    """Some files, from their folders' entries while they hold, read afresh otherwise.

    The entries of those folders are brought up to date; no other folder is read.
    """
    now_ns = time.time_ns()
    entries = cache.entries_of({shard_of(st.path) for st in stats})
    reads: dict[str, Read] = {}
    changed: set[str] = set()
    for st in stats:
        entry = entries.get(st.path)
        found = _kept_read(settings.root, st, entry, now_ns)
        if found is None:
            read = parse_one(settings, st.path)[0]
            found = _entry(st, read, now_ns), read
        if found[0] is not entry:
            changed.add(shard_of(st.path))
        entries[st.path], reads[st.path] = found
    if changed:
        cache.update(entries, changed)
    return reads


def _kept_read(root: Path, st: Stat, entry: Entry | None, now_ns: int) -> tuple[Entry, Read] | None:
    """A file's entry (brought up to date) and what it was read into, while the entry holds."""
    found = None if entry is None else _still_valid(root, st, entry, now_ns)
    decoded = None if found is None else _decoded(found)
    return None if found is None or decoded is None else (found, decoded)


def _entry(st: Stat, read: Read, now_ns: int) -> Entry:
    """What the cache keeps of a file just read."""
    record = read.record
    rows = record if isinstance(record, tuple) else ()
    return Entry(
        st.size,
        st.mtime_ns,
        st.ctime_ns,
        st.inode,
        read.digest,
        _racy(st, now_ns),
        record if isinstance(record, Visit) else None,
        tuple(row for row in rows if isinstance(row, Unit)),
        tuple(row for row in rows if isinstance(row, Team)),
        read.declared,
        tuple(encode_issue(i) for i in read.issues),
    )


def _still_valid(root: Path, st: Stat, entry: Entry, now_ns: int) -> Entry | None:
    """The entry if it still describes the file (checked by content where in doubt)."""
    same = (entry.size, entry.mtime_ns, entry.ctime_ns, entry.inode) == st[1:]
    if same and not entry.racy:
        return entry
    if entry.size != st.size:
        return None
    from ducha.store.loader import read_limited

    try:
        raw = read_limited(os.path.join(root, st.path))  # noqa: PTH118
    except OSError:
        return None
    if isinstance(raw, int) or digest(raw) != entry.digest:
        return None
    return entry._replace(
        mtime_ns=st.mtime_ns, ctime_ns=st.ctime_ns, inode=st.inode, racy=_racy(st, now_ns)
    )


def _record_of(entry: Entry) -> Any:
    """What an entry says its file was built into: a visit, rows of units and teams, or None."""
    if entry.visit is None and (entry.units or entry.teams):
        return (*entry.units, *entry.teams)
    return entry.visit


def _decoded(entry: Entry) -> Read | None:
    """What an entry says the file was read into; None when it does not decode."""
    try:
        issues = tuple(decode_issue(i) for i in entry.issues)
    except (KeyError, IndexError, TypeError, ValueError, AttributeError, OverflowError):
        return None
    return Read(_record_of(entry), entry.declared, issues, entry.digest)


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


def parse_one(settings: Settings, relpath: str) -> tuple[Read, SourceMap | None]:
    """Read one record file from disk."""
    from ducha.store.parse import parse_file  # only when a file has to be read

    file = os.path.join(settings.root, relpath)  # noqa: PTH118 (thousands of files: no Path)
    try:
        (record, declared), issues, source, key = parse_file(settings, file, relpath)
    except OSError as exc:
        problem = error(Position(relpath), "unreadable-file", reason=exc.strerror or str(exc))
        return Read(None, (), (problem,), ""), None
    return Read(record, tuple(declared), tuple(issues), key), source


def _parse_many(settings: Settings, relpaths: list[str]) -> list[Read]:
    """Parse files in a worker process; source maps stay behind (they are re-read on demand)."""
    return [parse_one(settings, relpath)[0] for relpath in relpaths]


def _can_fork() -> bool:
    import multiprocessing  # here, not at the top: most runs parse a file or two, if any

    return "fork" in multiprocessing.get_all_start_methods()


def _parse_misses(
    settings: Settings,
    relpaths: list[str],
    workers: int,
    sources: dict[str, SourceMap],
    progress: Progress | None = None,
) -> list[Read]:
    """Each file parsed, in order."""
    if workers < 2 or len(relpaths) < PARALLEL_FROM or not _can_fork():
        results = []
        for done, relpath in enumerate(relpaths, start=1):
            parsed, source = parse_one(settings, relpath)
            if source is not None:
                sources[relpath] = source
            results.append(parsed)
            if progress is not None and (done % 200 == 0 or done == len(relpaths)):
                progress(done, len(relpaths))
        return results
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    size = max(200, -(-len(relpaths) // (workers * 8)))
    chunks = [relpaths[i : i + size] for i in range(0, len(relpaths), size)]
    finished: list[Read] = []
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        for part in pool.map(_parse_many, [settings] * len(chunks), chunks):
            finished += part
            if progress is not None:
                progress(len(finished), len(relpaths))
    return finished


def with_files(loaded: Loaded, contents: dict[str, bytes | None], settings: Settings) -> Loaded:
    """The same records with some files replaced (bytes) or removed (None): another side.

    ``settings`` are those of that side (its ``ducha.yaml``). Every other file is as in
    ``loaded``: the side is as complete as the working tree's index.
    """
    from ducha.store.parse import parse_bytes

    if not contents and settings is loaded.index.settings:
        return loaded  # a side that differs in nothing: the records as they are
    by_file = dict(loaded.by_file)
    sources: dict[str, SourceMap] = {
        path: source for path, source in loaded.sources.items() if path not in contents
    }
    issues = [*settings.issues]
    issues += [
        i
        for i in loaded.issues
        if i.position.path not in contents and i not in loaded.index.settings.issues
    ]
    for relpath in sorted(contents):
        raw = contents[relpath]
        if relpath == CONFIG_NAME:
            continue
        if raw is None:
            by_file.pop(relpath, None)
            continue
        (record, declared), found = parse_bytes(settings, raw, relpath)
        by_file[relpath] = (record, tuple(declared))
        sources[relpath] = LazySourceMap(relpath, None, raw)
        issues += found
    ordered = dict(sorted(by_file.items(), key=lambda item: _file_order(item[0])))
    index = Index.of(settings, ((path, *rest) for path, rest in ordered.items()))
    return Loaded(index, tuple(issues), sources, loaded.scan, ordered)


def _file_order(path: str) -> tuple[int, str]:
    """ducha.yaml, then units.yaml and teams.yaml, then visits in path order."""
    return (0 if path == CONFIG_NAME else 1 if "/" not in path else 2, path)
