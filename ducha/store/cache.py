"""A parse cache: per file, its problems, its facts and the records built from it.

A folder per repository in the user's cache folder. Each folder of records (a month of
visits) has two pickles: the entries (size, modification time, content digest, the file's
problems and its facts for the cross-record rules) and the records themselves. ``validate``
needs only the entries, so after an edit it loads them, re-reads the edited file and rewrites
two small pickles; commands that need the records load those as well. An entry is reused
while the file's size and modification time are unchanged, or when its content hashes to the
same digest, and only under the same configuration and ducha code (the key); a record only
with its entry's digest. Answers drawn from every file (the validation result, the files
``overdue`` needs on a day) are kept under a key of every file's size and time, and the last
validation with each file's size and time, for the next to build on. Files are
replaced atomically, so two ducha processes at once can only lose each other's additions,
never corrupt the cache; a file that fails to load is discarded.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

# What unpickling a damaged or foreign file can raise.
_UNREADABLE = (
    pickle.UnpicklingError,
    EOFError,
    AttributeError,
    ImportError,
    IndexError,
    TypeError,
    ValueError,
    OSError,
)

FORMAT = 3  # bump when the shape of entries or of the model changes
_FORMER = ("parse-*.pickle",)  # what earlier formats left, removed when the cache is written


class Entry(NamedTuple):
    """What one file parsed to, short of its records: what ``validate`` needs of it."""

    size: int
    mtime_ns: int
    digest: bytes
    facts: Any  # facts.FileFacts: what the cross-record rules need of the file
    issues: tuple[Any, ...]


def digest(content: bytes) -> bytes:
    """A content key for a file."""
    return hashlib.blake2b(content, digest_size=16).digest()


# The layers whose code decides what the cache holds: every module of them, found by walking
# the folders (a hand-kept list once left five modules out), and the readers' and the
# calendar's versions. Not outputs/: problems are kept as rule keys and arguments, put into
# words when printed.
KEYED_LAYERS = ("domain", "checks", "store")
KEYED_PACKAGES = ("yaml-rs", "PyYAML", "chinesecalendar")


def code_files() -> list[Path]:
    """Every module whose code shapes a cached answer."""
    package = Path(__file__).resolve().parents[1]
    found = [package / "errors.py"]
    for layer in KEYED_LAYERS:
        found += sorted((package / layer).rglob("*.py"))
    return found


def cache_key(config_bytes: bytes) -> str:
    """What every entry depends on besides its own file: the config and ducha's own code."""
    from importlib.metadata import PackageNotFoundError, version

    hasher = hashlib.blake2b(config_bytes, digest_size=16)
    for file in code_files():
        hasher.update(file.read_bytes())
    for name in KEYED_PACKAGES:
        try:
            hasher.update(f"{name}={version(name)}".encode())
        except PackageNotFoundError:
            hasher.update(f"{name}=none".encode())
    return hasher.hexdigest()


def default_dir(environ: dict[str, str] | None = None) -> Path:
    """``$XDG_CACHE_HOME/ducha`` or ``~/.cache/ducha``."""
    env = os.environ if environ is None else environ
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ducha"


def shard_of(relpath: str) -> str:
    """Entries are stored by folder (a month of visits), so an edit rewrites one small file."""
    return relpath.rpartition("/")[0]


class ParseCache:
    """Entries and records by repository-relative path.

    A disabled cache (``folder=None``) keeps what it is given for the life of the process
    only, so that two passes over the records in one command parse each file once.
    """

    def __init__(self, folder: Path | None, root: Path, key: str) -> None:
        # entries as plain tuples: ten thousand of them unpickle four times faster than
        # named tuples or dataclasses
        self._entries: dict[str, dict[str, tuple[Any, ...]]] = {}  # shards loaded so far
        self._all_entries = False
        self._records: dict[str, dict[str, tuple[bytes, Any]]] = {}
        self._dirty_entries: set[str] = set()
        self._dirty_records: set[str] = set()
        self._folder: Path | None = None
        self._key = f"{FORMAT}|{sys.version_info[:2]}|{key}"
        if folder is not None:
            name = hashlib.blake2b(str(root.resolve()).encode(), digest_size=8).hexdigest()
            self._folder = folder / name

    @property
    def enabled(self) -> bool:
        """Whether entries are kept between runs."""
        return self._folder is not None

    def _file(self, kind: str, shard: str) -> Path:
        assert self._folder is not None
        return _shard_file(self._folder, kind, shard)

    def shard_writer(self) -> ShardWriter | None:
        """What a worker process needs to store whole shards of records itself."""
        return None if self._folder is None else ShardWriter(self._folder, self._key)

    def records_stored(self, shard: str) -> None:
        """A worker has stored this shard's records: read them from there when needed."""
        self._records.pop(shard, None)
        self._dirty_records.discard(shard)

    @property
    def _entries_by_shard(self) -> dict[str, dict[str, tuple[Any, ...]]]:
        # every shard, loaded on first use: a run answered from the result cache needs none
        if not self._all_entries:
            self._all_entries = True
            if self._folder is not None and self._folder.is_dir():
                for file in self._folder.glob("entries-*.pickle"):
                    stored = self._stored(file)
                    if stored is not None and stored[0] not in self._entries:
                        self._entries[stored[0]] = stored[1]
        return self._entries

    def _entries_of(self, shard: str) -> dict[str, tuple[Any, ...]]:
        # one shard: a run that looks at a few files (validate after an edit) loads theirs
        found = self._entries.get(shard)
        if found is None:
            stored = None
            if self._folder is not None and not self._all_entries:
                stored = self._stored(self._file("entries", shard))
            found = self._entries[shard] = {} if stored is None or stored[0] != shard else stored[1]
        return found

    def _records_of(self, shard: str) -> dict[str, tuple[bytes, Any]]:
        # one shard at a time: a run that re-reads one file loads one shard of records
        found = self._records.get(shard)
        if found is None:
            stored = None if self._folder is None else self._stored(self._file("records", shard))
            found = self._records[shard] = {} if stored is None or stored[0] != shard else stored[1]
        return found

    def _stored(self, file: Path) -> tuple[str, dict[str, Any]] | None:
        stored = _read(file)
        if (
            isinstance(stored, tuple)
            and len(stored) == 3
            and stored[0] == self._key
            and isinstance(stored[2], dict)
        ):
            return stored[1], stored[2]
        return None

    def result(self, fingerprint: str) -> Any:
        """What was stored for the whole repository in this exact state, if anything."""
        return self._load("result", fingerprint)

    def save_result(self, fingerprint: str, value: Any) -> None:
        """Remember a result for the whole repository in this state."""
        self._save("result", fingerprint, value)

    def derived(self, name: str, state: str) -> Any:
        """An answer named ``name`` derived from every file in this state, if one was stored."""
        return self._load(f"derived-{name}", state)

    def save_derived(self, name: str, state: str, value: Any) -> None:
        """Remember the answer named ``name`` for the files in this state (one state a name)."""
        self._save(f"derived-{name}", state, value)

    def latest(self, name: str) -> Any:
        """The last value stored under ``name`` by this configuration and code, in any state."""
        return self._load(f"latest-{name}", None)

    def save_latest(self, name: str, value: Any) -> None:
        """Remember ``value`` as the last one under ``name``."""
        self._save(f"latest-{name}", None, value)

    def settings(self) -> Any:
        """The settings read from the config this cache is keyed on, if they were stored."""
        return self._load("settings", None)

    def save_settings(self, value: Any) -> None:
        """Remember the settings read from the config this cache is keyed on."""
        self._save("settings", None, value)

    def _load(self, name: str, state: str | None) -> Any:
        # one value a file, stored under the cache's key and the state it holds for
        if self._folder is None:
            return None
        stored = _read(self._folder / f"{name}.pickle")
        if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == (self._key, state):
            return stored[1]
        return None

    def _save(self, name: str, state: str | None, value: Any) -> None:
        if self._folder is not None:
            _write(self._folder / f"{name}.pickle", ((self._key, state), value))

    def stored_entry(self, relpath: str) -> tuple[Any, ...] | None:
        """The entry kept for a file, whatever its size and time, as stored (see ``Entry``)."""
        return self._entries_of(shard_of(relpath)).get(relpath)

    def subset(self, entries: dict[str, Entry]) -> dict[str, tuple[Any]] | None:
        """The records of exactly these files in these versions, if they were kept together."""
        if self._folder is None:
            return None
        stored = _read(self._folder / f"subset-{_subset_key(entries)}.pickle")
        if isinstance(stored, tuple) and len(stored) == 3 and stored[0] == self._key:
            return stored[1]  # type: ignore[no-any-return]
        return None

    def subset_in_state(self, state: str) -> dict[str, tuple[Entry, tuple[Any]]] | None:
        """A set kept together, entries and records, found by its files' sizes and times.

        ``state`` is ``files.state_key`` of them; no folder of entries is read for the set.
        """
        if self._folder is None:
            return None
        index = _read(self._folder / "subset-states.pickle")
        name = index.get((self._key, state)) if isinstance(index, dict) else None
        stored = None if name is None else _read(self._folder / f"subset-{name}.pickle")
        if isinstance(stored, tuple) and len(stored) == 3 and stored[0] == self._key:
            records, entries = stored[1], stored[2]
            return {path: (tuple.__new__(Entry, entries[path]), records[path]) for path in records}
        return None

    def save_subset(self, found: dict[str, tuple[Entry, tuple[Any]]], state: str) -> None:
        """Keep these files' records together (``{path: (entry, (record,))}``).

        Found again by the files' digests, or by ``state`` while their sizes and times are
        as they were. The last few sets are kept; older ones are removed.
        """
        if self._folder is None:
            return
        key = _subset_key({path: entry for path, (entry, _) in found.items()})
        records = {path: record for path, (_, record) in found.items()}
        entries = {path: tuple(entry) for path, (entry, _) in found.items()}
        _write(self._folder / f"subset-{key}.pickle", (self._key, records, entries))
        kept = sorted(
            (f for f in self._folder.glob("subset-*.pickle") if f.name != "subset-states.pickle"),
            key=_modified,
            reverse=True,
        )
        for old in kept[_SUBSETS:]:
            _remove(old)
        names = {f.name[len("subset-") : -len(".pickle")] for f in kept[:_SUBSETS]}
        self._index_subset(state, key, names)

    def subset_state(self, state: str, entries: dict[str, Entry]) -> None:
        """Find the set kept for these entries by ``state`` from now on (its files touched)."""
        if self._folder is not None:
            self._index_subset(state, _subset_key(entries), None)

    def _index_subset(self, state: str, key: str, names: set[str] | None) -> None:
        assert self._folder is not None
        index = _read(self._folder / "subset-states.pickle")
        index = index if isinstance(index, dict) else {}
        if names is not None:  # sets removed: their states go too
            index = {k: v for k, v in index.items() if v in names}
        index[(self._key, state)] = key
        _write(self._folder / "subset-states.pickle", index)

    def get(self, relpath: str, size: int, mtime_ns: int) -> Entry | None:
        """The entry for a file whose size and modification time are unchanged."""
        entry = self._entries_of(shard_of(relpath)).get(relpath)
        if entry is not None and entry[0] == size and entry[1] == mtime_ns:
            return tuple.__new__(Entry, entry)  # cheaper than Entry._make, once per file
        return None

    def known(self, relpath: str) -> bool:
        """Whether there is an entry for the file, for any content."""
        return relpath in self._entries_of(shard_of(relpath))

    def same_content(self, relpath: str, content_digest: bytes) -> Entry | None:
        """The entry for a file touched but not changed (new time, same content)."""
        entry = self._entries_of(shard_of(relpath)).get(relpath)
        return Entry._make(entry) if entry is not None and entry[2] == content_digest else None

    def record(self, relpath: str, entry: Entry) -> tuple[Any] | None:
        """What the file of ``entry`` was built into, as a 1-tuple; None when it is not kept."""
        kept = self._records_of(shard_of(relpath)).get(relpath)
        return kept[1] if kept is not None and kept[0] == entry.digest else None

    def put(self, relpath: str, entry: Entry, record: tuple[Any] | None = None) -> None:
        """Remember an entry, and with it what the file was built into (a 1-tuple) if given."""
        shard = shard_of(relpath)
        entries = self._entries_of(shard)
        stored = tuple(entry)  # facts are plain tuples already (facts.file_facts)
        if entries.get(relpath) != stored:
            entries[relpath] = stored
            self._dirty_entries.add(shard)
        if record is not None:
            self._records_of(shard)[relpath] = (entry.digest, record)
            self._dirty_records.add(shard)

    def keep_only(self, relpaths: set[str]) -> None:
        """Forget files that no longer exist."""
        for name, entries in self._entries_by_shard.items():
            gone = entries.keys() - relpaths
            for relpath in gone:
                del entries[relpath]
                self._records_of(name).pop(relpath, None)
            if gone:
                self._dirty_entries.add(name)
                self._dirty_records.add(name)

    def save(self) -> None:
        """Write the changed shards atomically; a cache that cannot be written is skipped."""
        if self._folder is not None and (self._dirty_entries or self._dirty_records):
            for pattern in _FORMER:
                for former in self._folder.glob(pattern):
                    _remove(former)
        if self._folder is not None:
            for name in sorted(self._dirty_entries):
                entries = self._entries_of(name)
                _write(self._file("entries", name), (self._key, name, entries))
            for name in sorted(self._dirty_records):
                _write(self._file("records", name), (self._key, name, self._records_of(name)))
        self._dirty_entries.clear()
        self._dirty_records.clear()


@dataclass(frozen=True)
class ShardWriter:
    """Stores a whole shard of records the way the cache keeps them, from any process.

    Workers that parse a whole folder of records store them themselves, so that records
    ``validate`` does not need never travel back to the main process to be pickled there.
    """

    folder: Path
    key: str

    def write(self, shard: str, records: dict[str, tuple[bytes, Any]]) -> None:
        """Replace the shard's records (``{path: (digest, (record,))}``) atomically."""
        _write(_shard_file(self.folder, "records", shard), (self.key, shard, records))


_SUBSETS = 4  # sets of records kept together (see ParseCache.subset)


def _subset_key(entries: dict[str, Entry]) -> str:
    hasher = hashlib.blake2b(digest_size=16)
    for path in sorted(entries):
        hasher.update(path.encode() + b"\0" + entries[path].digest)
    return hasher.hexdigest()


def _remove(file: Path) -> None:
    """Remove a file the cache no longer needs; one that cannot be removed stays."""
    with contextlib.suppress(OSError):
        file.unlink(missing_ok=True)


def _modified(file: Path) -> float:
    try:
        return file.stat().st_mtime
    except OSError:
        return 0.0


def _shard_file(folder: Path, kind: str, shard: str) -> Path:
    name = hashlib.blake2b(shard.encode(), digest_size=8).hexdigest()
    return folder / f"{kind}-{name}.pickle"


def _read(file: Path) -> Any:
    """A pickled value, or None for a missing or damaged file."""
    try:
        with file.open("rb") as stream:
            return pickle.load(stream)
    except FileNotFoundError:
        return None
    except _UNREADABLE:  # corrupt, truncated, or from another version: never trusted
        return None


def _write(file: Path, value: Any) -> bool:
    """Replace ``file`` atomically with ``value``; False when it cannot be written."""
    from ducha.store.writing import replace_bytes

    try:
        replace_bytes(file, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        return False
    return True
