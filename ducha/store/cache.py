"""The parse cache: one SQLite file per records repository, holding plain JSON, never code.

Per folder of records (a month of visits) one row holds each file's entry: its size,
modification and change times, inode, content digest, and what it was read into (the
record, the ids it declared in error, its problems), as MessagePack. Commands load every row and
build the complete index from them: caching is a property of reading, never a choice of
which files a command sees. Answers drawn from every file (the last validation) are kept
under a key of every file's state, and so are reading commands' outputs (``replay.py``).

Trust: the folder is made 0700 and refused when another user owns it or others may write
to it; rows are decoded by the record classes themselves (``codec.py``), so a planted or
damaged file can only fail to decode, and then its files are read afresh. SQLite gives
atomic writes and concurrent readers; a cache that cannot be opened or written is left
alone and the run goes on without it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import stat
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import msgspec

from ducha.domain.model import Team, Unit, Visit
from ducha.store.versions import add_versions

FORMAT = 5  # bump when the shape of entries or of the model changes

# An entry whose file changed less than this before it was read may have changed again in
# the same timestamp tick without its size, times or inode showing it (git's "racy" rule):
# such an entry is checked by content on its next use.
RACY_NS = 2_000_000_000

# The layers whose code decides what the cache holds: every module of them, found by walking
# the folders (a hand-kept list once left five modules out), and the readers' and the
# calendar's versions. Not outputs/: problems are kept as rule keys and arguments, put into
# words when printed.
KEYED_LAYERS = ("domain", "checks", "store")
KEYED_PACKAGES = ("yaml-rs", "PyYAML", "chinesecalendar")


class Entry(NamedTuple):
    """What the cache knows of one file: its state when read, and what it was read into.

    Stored as MessagePack and decoded by msgspec into these very classes, every field's type
    checked: a row of another shape is refused, never turned into objects of its choosing.
    """

    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int
    digest: str
    racy: bool
    visit: Visit | None = None
    units: tuple[Unit, ...] = ()
    teams: tuple[Team, ...] = ()
    declared: tuple[str, ...] = ()  # ids written in the file while it was in error
    issues: tuple[Any, ...] = ()  # its problems, as codec.encode_issue writes them


@lru_cache(maxsize=1)
def _decoder() -> msgspec.msgpack.Decoder[dict[str, Entry]]:
    return msgspec.msgpack.Decoder(dict[str, Entry])


def digest(content: bytes) -> str:
    """A content key for a file."""
    return hashlib.blake2b(content, digest_size=16).hexdigest()


def code_files() -> list[Path]:
    """Every module whose code shapes a cached answer."""
    package = Path(__file__).resolve().parents[1]
    found = [package / "errors.py"]
    for layer in KEYED_LAYERS:
        found += sorted((package / layer).rglob("*.py"))
    return found


@lru_cache(maxsize=1)
def _code_digest() -> bytes:
    """Ducha's own code and the readers' versions, read once a run (a hub opens many caches)."""
    hasher = hashlib.blake2b(str(FORMAT).encode(), digest_size=16)
    for file in code_files():
        hasher.update(file.read_bytes())
    add_versions(hasher, KEYED_PACKAGES)
    return hasher.digest()


def cache_key(config_bytes: bytes) -> str:
    """What every entry depends on besides its own file: the config and ducha's own code."""
    hasher = hashlib.blake2b(config_bytes, digest_size=16)
    hasher.update(_code_digest())
    return hasher.hexdigest()


def default_dir(environ: dict[str, str] | None = None) -> Path:
    """``$XDG_CACHE_HOME/ducha`` or ``~/.cache/ducha``."""
    env = os.environ if environ is None else environ
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ducha"


def shard_of(relpath: str) -> str:
    """Entries are stored by folder (a month of visits), so an edit rewrites one small row."""
    return relpath.rpartition("/")[0]


def _by_shard(entries: dict[str, Entry], shards: set[str]) -> dict[str, dict[str, Entry]]:
    """The entries of each of ``shards``, by path (a shard with none: empty)."""
    rows: dict[str, dict[str, Entry]] = {shard: {} for shard in shards}
    for path, entry in entries.items():
        shard = shard_of(path)
        if shard in rows:
            rows[shard][path] = entry
    return rows


def safe_folder(folder: Path) -> str | None:
    """Make ``folder`` ours alone (0700) if it can be; why it cannot be used, or None."""
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=0o700)
        info = folder.lstat()
    except OSError as exc:
        return f"{folder}: {exc.strerror or exc}"
    if not stat.S_ISDIR(info.st_mode):
        return f"{folder}: not a folder"
    if info.st_uid != os.getuid():
        return f"{folder}: owned by another user"
    if info.st_mode & 0o077:
        try:
            folder.chmod(0o700)
        except OSError as exc:
            return f"{folder}: {exc.strerror or exc}"
    return None


class Cache:
    """Entries by repository-relative path, and answers by name, in one SQLite file.

    A cache without a file (``path=None``) keeps nothing between runs.
    """

    def __init__(self, path: Path | None, key: str) -> None:
        self.path = path
        self._key = key
        self._db: sqlite3.Connection | None = None
        self.refused: str | None = None  # why the cache could not be used, if it could not
        if path is not None:
            self._open(path)

    @classmethod
    def for_repository(cls, folder: Path | None, root: Path, key: str) -> Cache:
        """The cache of the repository at ``root`` in ``folder`` (None: no cache)."""
        if folder is None:
            return cls(None, key)
        reason = safe_folder(folder)
        if reason is not None:
            cache = cls(None, key)
            cache.refused = reason
            return cache
        name = hashlib.blake2b(str(root.resolve()).encode(), digest_size=8).hexdigest()
        return cls(folder / f"{name}.sqlite3", key)

    @classmethod
    def of(cls, root: Path, config: bytes, environ: dict[str, str], *, keep: bool = True) -> Cache:
        """The cache a run on ``root`` uses: in the user's cache folder, keyed on its config."""
        folder = default_dir(environ) if keep else None
        return cls.for_repository(folder, root, cache_key(config) if folder else "")

    def beside(self, root: Path, config: bytes) -> Cache:
        """The cache of another repository (a hub's source), kept as this one is kept."""
        if self.path is None:
            return Cache(None, "")
        return Cache.for_repository(self.path.parent, root, cache_key(config))

    @property
    def key(self) -> str:
        """What every entry depends on besides its own file (``cache_key``)."""
        return self._key

    @property
    def enabled(self) -> bool:
        """Whether entries are kept between runs."""
        return self._db is not None

    def _open(self, path: Path) -> None:
        try:
            if path.is_symlink() or (path.exists() and path.stat().st_uid != os.getuid()):
                self.refused = f"{path}: not a file of this user"
                return
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
            os.close(fd)
            db = sqlite3.connect(path, timeout=10, isolation_level=None)
            db.execute("PRAGMA trusted_schema=OFF")
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("CREATE TABLE IF NOT EXISTS meta(name TEXT PRIMARY KEY, value TEXT)")
            db.execute("CREATE TABLE IF NOT EXISTS shards(name TEXT PRIMARY KEY, data BLOB)")
            db.execute(
                "CREATE TABLE IF NOT EXISTS answers(name TEXT PRIMARY KEY, state TEXT, data TEXT)"
            )
            db.execute(
                "CREATE TABLE IF NOT EXISTS outputs(key TEXT PRIMARY KEY, used INTEGER, data BLOB)"
            )
            found = db.execute("SELECT value FROM meta WHERE name = 'key'").fetchone()
            if found is None or found[0] != self._key:
                with db:
                    db.execute("BEGIN IMMEDIATE")
                    db.execute("DELETE FROM shards")
                    db.execute("DELETE FROM answers")
                    db.execute("DELETE FROM outputs")
                    db.execute("INSERT OR REPLACE INTO meta VALUES ('key', ?)", (self._key,))
            self._db = db
        except (OSError, sqlite3.Error) as exc:
            self.refused = f"{path}: {exc}"
            self._discard(path)

    def _discard(self, path: Path) -> None:
        """A damaged cache file is removed, to be made anew by the next run."""
        if isinstance(self.refused, str) and "not a database" in self.refused:
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(OSError):
                    Path(f"{path}{suffix}").unlink()
        self._db = None

    def entries(self) -> dict[str, Entry]:
        """Every entry kept; a row that does not decode is left out (its files are read)."""
        if self._db is None:
            return {}
        found: dict[str, Entry] = {}
        try:
            rows = self._db.execute("SELECT data FROM shards").fetchall()
        except sqlite3.Error:
            return {}
        decoder = _decoder()
        for (data,) in rows:
            try:
                found.update(decoder.decode(data))
            except (msgspec.DecodeError, msgspec.ValidationError, TypeError):
                continue
        return found

    def entries_of(self, shards: set[str]) -> dict[str, Entry]:
        """The entries kept in ``shards`` (folders of files), as ``entries`` gives them."""
        if self._db is None or not shards:
            return {}
        found: dict[str, Entry] = {}
        decoder = _decoder()
        try:
            for shard in sorted(shards):
                row = self._db.execute(
                    "SELECT data FROM shards WHERE name = ?", (shard,)
                ).fetchone()
                if row is None:
                    continue
                with contextlib.suppress(msgspec.DecodeError, msgspec.ValidationError, TypeError):
                    found.update(decoder.decode(row[0]))
        except sqlite3.Error:
            return {}
        return found

    def update(self, entries: dict[str, Entry], shards: set[str]) -> None:
        """Write the entries of ``shards`` as ``entries`` holds them; the others stay."""
        if self._db is None:
            return
        rows = _by_shard(entries, shards)
        encode = msgspec.msgpack.encode
        with contextlib.suppress(sqlite3.Error), self._db:
            self._db.execute("BEGIN IMMEDIATE")
            for name, data in rows.items():
                if data:
                    self._db.execute(
                        "INSERT OR REPLACE INTO shards VALUES (?, ?)", (name, encode(data))
                    )
                else:
                    self._db.execute("DELETE FROM shards WHERE name = ?", (name,))

    def blob(self, name: str) -> bytes | None:
        """The bytes kept under ``name`` by ``save_blob``, or None."""
        if self._db is None:
            return None
        try:
            row = self._db.execute(
                "SELECT data FROM answers WHERE name = ? AND state = ''", (name,)
            ).fetchone()
        except sqlite3.Error:
            return None
        return row[0] if row is not None and isinstance(row[0], bytes) else None

    def save_blob(self, name: str, data: bytes) -> None:
        """Keep ``data`` under ``name``, in place of what was kept there."""
        if self._db is None:
            return
        with contextlib.suppress(sqlite3.Error):
            self._db.execute("INSERT OR REPLACE INTO answers VALUES (?, '', ?)", (name, data))

    def store(self, entries: dict[str, Entry], shards: set[str]) -> None:
        """Write the entries of ``shards`` as ``entries`` holds them; drop the other shards."""
        if self._db is None:
            return
        rows = _by_shard(entries, shards)
        try:
            with self._db:
                self._db.execute("BEGIN IMMEDIATE")
                kept = {shard_of(path) for path in entries}
                for (name,) in self._db.execute("SELECT name FROM shards").fetchall():
                    if name not in kept:
                        self._db.execute("DELETE FROM shards WHERE name = ?", (name,))
                encode = msgspec.msgpack.encode
                self._db.executemany(
                    "INSERT OR REPLACE INTO shards VALUES (?, ?)",
                    [(name, encode(data)) for name, data in rows.items() if data],
                )
        except sqlite3.Error:
            return

    def answer(self, name: str, state: str) -> Any:
        """The answer kept under ``name`` for ``state`` (plain JSON values), or None."""
        kept = self.answer_bytes(name, state)
        if kept is None:
            return None
        try:
            return json.loads(kept)
        except ValueError:
            return None

    def answer_bytes(self, name: str, state: str) -> bytes | None:
        """The bytes kept under ``name`` for ``state``, or None."""
        if self._db is None:
            return None
        try:
            row = self._db.execute(
                "SELECT data FROM answers WHERE name = ? AND state = ?", (name, state)
            ).fetchone()
        except sqlite3.Error:
            return None
        return None if row is None else str(row[0]).encode()

    def save_answer_bytes(self, name: str, state: str, data: bytes) -> None:
        """Keep ``data`` (JSON text) under ``name`` for ``state``."""
        if self._db is None:
            return
        with contextlib.suppress(sqlite3.Error):
            self._db.execute(
                "INSERT OR REPLACE INTO answers VALUES (?, ?, ?)", (name, state, data.decode())
            )

    def save_answer(self, name: str, state: str, value: Any) -> None:
        """Keep ``value`` (plain JSON values) under ``name`` for ``state``."""
        if self._db is None:
            return
        data = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        with contextlib.suppress(sqlite3.Error):
            self._db.execute("INSERT OR REPLACE INTO answers VALUES (?, ?, ?)", (name, state, data))

    def output(self, key: str) -> bytes | None:
        """The output kept under ``key`` (see ``replay.py``), or None."""
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT data FROM outputs WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None
        return row[0] if row is not None and isinstance(row[0], bytes) else None

    def save_output(self, key: str, data: bytes, used: int, keep: int) -> None:
        """Keep ``data`` under ``key``, and only the ``keep`` outputs used last."""
        if self._db is None:
            return
        with contextlib.suppress(sqlite3.Error), self._db:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute("INSERT OR REPLACE INTO outputs VALUES (?, ?, ?)", (key, used, data))
            self._db.execute(
                "DELETE FROM outputs WHERE key NOT IN "
                "(SELECT key FROM outputs ORDER BY used DESC LIMIT ?)",
                (keep,),
            )
