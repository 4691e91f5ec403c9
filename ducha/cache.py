"""A parse cache: per file, the built record and its file-local problems, keyed by content.

A folder per repository in the user's cache folder, with one pickle per folder of records
(a month of visits), so that an edit rewrites one small file. An entry is reused while the
file's size and modification time are unchanged, or when its content hashes to the same
digest, and only under the same configuration and ducha code (the key). Files are replaced
atomically, so two ducha processes at once can only lose each other's additions, never
corrupt the cache; a file that fails to load is discarded.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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

FORMAT = 2  # bump when the shape of entries or of the model changes


@dataclass(frozen=True)  # pickled: see model.py on slots
class Entry:
    """What one file parsed to."""

    size: int
    mtime_ns: int
    digest: bytes
    payload: Any  # (data built from the file, ids it declared) — see repository.py
    issues: tuple[Any, ...]


def digest(content: bytes) -> bytes:
    """A content key for a file."""
    return hashlib.blake2b(content, digest_size=16).digest()


# The modules whose code decides what an entry holds: any change to them invalidates the cache.
_PRODUCERS = (
    "build.py",
    "cache.py",
    "conform.py",
    "loader.py",
    "model.py",
    "repository.py",
    "schema.py",
    "vocab.py",
    "issues.py",
)


def cache_key(config_bytes: bytes) -> str:
    """What every entry depends on besides its own file: the config and ducha's own code."""
    here = Path(__file__).parent
    hasher = hashlib.blake2b(config_bytes, digest_size=16)
    for name in _PRODUCERS:
        hasher.update((here / name).read_bytes())
    return hasher.hexdigest()


def default_dir(environ: dict[str, str] | None = None) -> Path:
    """``$XDG_CACHE_HOME/ducha`` or ``~/.cache/ducha``."""
    env = os.environ if environ is None else environ
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ducha"


def _shard(relpath: str) -> str:
    """Entries are stored by folder (a month of visits), so an edit rewrites one small file."""
    return relpath.rpartition("/")[0]


class ParseCache:
    """Entries by repository-relative path; a disabled cache (``folder=None``) holds nothing."""

    def __init__(self, folder: Path | None, root: Path, key: str) -> None:
        self._shards: dict[str, dict[str, Entry]] | None = None
        self._dirty: set[str] = set()
        self._folder: Path | None = None
        self._key = f"{FORMAT}|{sys.version_info[:2]}|{key}"
        if folder is not None:
            name = hashlib.blake2b(str(root.resolve()).encode(), digest_size=8).hexdigest()
            self._folder = folder / name

    @property
    def enabled(self) -> bool:
        """Whether entries are kept between runs."""
        return self._folder is not None

    def _shard_file(self, shard: str) -> Path:
        assert self._folder is not None
        return (
            self._folder
            / f"parse-{hashlib.blake2b(shard.encode(), digest_size=8).hexdigest()}.pickle"
        )

    @property
    def _entries_by_shard(self) -> dict[str, dict[str, Entry]]:
        # loaded on first use: a run answered from the result cache never needs the entries
        if self._shards is None:
            self._shards = {}
            if self._folder is not None and self._folder.is_dir():
                for file in self._folder.glob("parse-*.pickle"):
                    stored = _read(file)
                    if (
                        stored is not None
                        and stored[0] == self._key
                        and isinstance(stored[2], dict)
                    ):
                        self._shards[stored[1]] = stored[2]
        return self._shards

    def result(self, fingerprint: str) -> Any:
        """What was stored for the whole repository in this exact state, if anything."""
        if self._folder is None:
            return None
        stored = _read(self._folder / "result.pickle")
        if stored is not None and stored[0] == (self._key, fingerprint):
            return stored[1]
        return None

    def save_result(self, fingerprint: str, value: Any) -> None:
        """Remember a result for the whole repository in this state."""
        if self._folder is not None:
            _write(self._folder / "result.pickle", ((self._key, fingerprint), value))

    def get(self, relpath: str, size: int, mtime_ns: int) -> Entry | None:
        """The entry for a file whose size and modification time are unchanged."""
        entry = self._entries_by_shard.get(_shard(relpath), {}).get(relpath)
        if entry is not None and entry.size == size and entry.mtime_ns == mtime_ns:
            return entry
        return None

    def same_content(self, relpath: str, content_digest: bytes) -> Entry | None:
        """The entry for a file touched but not changed (new time, same content)."""
        entry = self._entries_by_shard.get(_shard(relpath), {}).get(relpath)
        return entry if entry is not None and entry.digest == content_digest else None

    def put(self, relpath: str, entry: Entry) -> None:
        """Remember an entry."""
        shard = self._entries_by_shard.setdefault(_shard(relpath), {})
        if shard.get(relpath) != entry:
            shard[relpath] = entry
            self._dirty.add(_shard(relpath))

    def keep_only(self, relpaths: set[str]) -> None:
        """Forget files that no longer exist."""
        for name, entries in self._entries_by_shard.items():
            gone = entries.keys() - relpaths
            for relpath in gone:
                del entries[relpath]
            if gone:
                self._dirty.add(name)

    def save(self) -> None:
        """Write the changed shards atomically; a cache that cannot be written is skipped."""
        if self._folder is None:
            return
        for name in sorted(self._dirty):
            entries = self._entries_by_shard.get(name, {})
            _write(self._shard_file(name), (self._key, name, entries))
        self._dirty.clear()


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
    from ducha.writing import replace_bytes

    try:
        replace_bytes(file, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        return False
    return True
