"""Outputs kept whole: what a reading command wrote, written again while all it came from holds.

``overdue``, ``stats``, ``show`` and the like write the same characters for the same records,
day, options, environment, terminal and code. Their output is kept in the repository's cache
under a key of all of these and written again, character for character, when the key comes
back; any change to any of them is another key, and the command runs in full.

The records' part of the key is the scan of every record file with the day, and it counts
only while the last validation kept under it still holds (every evidence file it names as it
was), since a missing evidence file leaves its record out. No output is kept while a record
file changed so lately that it could change again without its times showing it.

A kept output is refused unless its text is plain text with colour codes at most: whatever
a cache file holds, it cannot move the cursor, retitle the terminal or write to the
clipboard. A test holds every kept output equal to the one computed afresh.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import struct
import sys
import zlib
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import msgspec

from ducha.domain.settings import Settings
from ducha.store.cache import Cache
from ducha.store.files import Scan, scan, state_key
from ducha.store.pipeline import kept_validation, racy
from ducha.store.versions import add_versions

KEEP = 24  # outputs kept a repository: the commands of a day's work
LIMIT = 256 * 1024 * 1024  # bytes; a longer output is written, not kept
# the libraries whose versions shape what a command prints
PACKAGES = (
    "rich",
    "typer",
    "msgspec",
    "ruamel.yaml",
    "yaml-rs",
    "PyYAML",
    "chinesecalendar",
    "Jinja2",
    "GitPython",
)
STDOUT, STDERR = 1, 2
_MAGIC = b"dch2"
_HEAD = struct.Struct(">BI")  # a piece of text: its stream, its length in bytes
_COUNT = struct.Struct(">BI")  # the exit code, how many pieces

# Every byte but C0 controls (tab and line feed aside) and DEL: what is left is to look at.
_ORDINARY = bytes(b for b in range(256) if b >= 0x20 and b != 0x7F or b in (0x09, 0x0A))
_NOT_COLOUR = re.compile(rb"\x1b(?!\[[0-9;]*m)")
_C1 = re.compile(rb"\xc2[\x80-\x9f]")  # C1 controls, as UTF-8


class Output(NamedTuple):
    """What a run wrote, in order, and its exit code: pieces of UTF-8 text, checked."""

    code: int
    text: bytes
    spans: tuple[tuple[int, int, int], ...]  # (STDOUT or STDERR, start, end) in ``text``

    def runs(self) -> Iterator[tuple[int, memoryview]]:
        """The text as UTF-8, each stretch written on one stream in one piece, in order.

        An export is written a line at a time: thousands of pieces, each in turn.
        """
        view = memoryview(self.text)
        stream, start, end = -1, 0, 0
        for piece, begin, finish in self.spans:
            if piece != stream or begin != end:
                if stream != -1:
                    yield stream, view[start:end]
                stream, start = piece, begin
            end = finish
        if stream != -1:
            yield stream, view[start:end]


def plain(text: bytes) -> bool:
    """Whether ``text`` is printable text, line ends and colour codes, and nothing else.

    Ordinary bytes are deleted and what is left is looked at: a pattern run over every byte
    of a large export would cost more than writing it.
    """
    rest = text.replace(b"\r\n", b"\n").translate(None, _ORDINARY)
    if rest.strip(b"\x1b"):  # a control other than escape
        return False
    if rest and _NOT_COLOUR.search(text):
        return False
    return b"\xc2" not in text or not _C1.search(text)


class Recorder:
    """What a run writes, compressed as it goes (an export of 100 MB keeps 10)."""

    def __init__(self, limit: int = LIMIT) -> None:
        self._zip = zlib.compressobj(1)
        self._parts: list[bytes] = []
        self._heads: list[bytes] = []
        self._left = limit
        self.spoiled = False

    def add(self, stream: int, text: str) -> None:
        """Record ``text`` written on ``stream``."""
        if self.spoiled or not text:
            return
        try:
            data = text.encode("utf-8")
        except (UnicodeEncodeError, AttributeError):  # a lone surrogate, or not text
            self.spoil()
            return
        if len(data) > self._left:
            self.spoil()
            return
        self._left -= len(data)
        self._heads.append(_HEAD.pack(stream, len(data)))
        self._parts.append(self._zip.compress(data))

    def spoil(self) -> None:
        """The run cannot be replayed (it wrote bytes, too much, or failed)."""
        self.spoiled = True
        self._parts, self._heads = [], []

    def finish(self, code: int) -> bytes | None:
        """The record to keep, or None."""
        if self.spoiled or code not in (0, 1):
            return None
        head = _MAGIC + _COUNT.pack(code, len(self._heads)) + b"".join(self._heads)
        return head + b"".join(self._parts) + self._zip.flush()


def records_state(
    settings: Settings, cache: Cache, today: dt.date, scans: dict[Path, Scan]
) -> str | None:
    """The records' part of an output's key, or None when no output may be kept or used.

    A hub's is its sources' states with the commit each is at (which its answers name);
    ``scans`` gets the scan of every repository looked at, for the run to use.
    """
    if not cache.enabled:
        return None
    if settings.is_hub:
        return _hub_state(settings, cache, today, scans, 0)
    scanned = scans.get(settings.root)
    if scanned is None:
        scanned = scans[settings.root] = scan(settings.root)
    if racy(scanned):
        return None
    state = state_key(scanned, today)
    return state if kept_validation(settings.root, cache, state) is not None else None


def _hub_state(
    settings: Settings, cache: Cache, today: dt.date, scans: dict[Path, Scan], depth: int
) -> str | None:
    issues, states = _part_states(settings, cache, today, scans, depth)
    if any(state is None for _, state in states):
        return None
    return _digest([cache.key, issues, [state for _, state in states]])


def source_states(
    settings: Settings, cache: Cache, today: dt.date, scans: dict[Path, Scan]
) -> dict[str, str | None]:
    """The state of each source of a hub with the commit it is at; ``""`` for a repository.

    What the site keys each source's pages on: one source's records or commit move, the
    others' stay. None where no state holds (``records_state``). Each includes the hub's
    ``ducha.yaml`` and every source's, which every page's wording depends on.
    """
    from ducha.store.hub import parts
    from ducha.store.vcs import origin_of

    if not cache.enabled:
        return {}
    if not settings.is_hub:
        state = records_state(settings, cache, today, scans)
        whole = None if state is None else _digest([cache.key, state, origin_of(settings.root)])
        return {"": whole}
    issues, states = _part_states(settings, cache, today, scans, 0)
    # the hub names a term as the first source that has it: every source's config counts
    configs = [part.cache.key for part in parts(settings, cache)[0] if part.cache is not None]
    return {
        name: None if state is None else _digest([cache.key, configs, issues, state])
        for name, state in states
    }


def _part_states(
    settings: Settings, cache: Cache, today: dt.date, scans: dict[Path, Scan], depth: int
) -> tuple[list[object], list[tuple[str, object | None]]]:
    """What is wrong with a hub's sources, and each source's state (None: none holds)."""
    from ducha.store.hub import MAX_DEPTH, parts
    from ducha.store.vcs import origins_ahead

    found, issues = parts(settings, cache)
    states: list[tuple[str, object | None]] = []
    leaves = [p.root for p in found if p.cache and p.settings and not p.settings.is_hub]
    with origins_ahead(leaves if depth < MAX_DEPTH else []) as origin_of:
        for part in found:
            if part.settings is None or part.cache is None or depth >= MAX_DEPTH:
                states.append((part.source.name, [part.source.name, None]))
                continue
            state = records_state(part.settings, part.cache, today, scans)
            origin = None if part.settings.is_hub else origin_of(part.root)
            piece = [part.source.name, part.mount, part.cache.key, state, origin]
            states.append((part.source.name, None if state is None else piece))
    problems: list[object] = [i.sort_key() for i in issues]
    problems.sort(key=str)
    return problems, states


def _digest(pieces: object) -> str:
    data = msgspec.json.encode(pieces, enc_hook=str)
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def output_key(state: str, context: object) -> str:
    """The key of an output made from records in ``state`` under ``context`` (plain values)."""
    hasher = hashlib.blake2b(state.encode(), digest_size=16)
    hasher.update(_code_digest())
    hasher.update(msgspec.json.encode(context, enc_hook=str))
    return hasher.hexdigest()


def kept_output(cache: Cache, key: str) -> Output | None:
    """The output kept under ``key``, if there is one and it is plain text (``plain``)."""
    data = cache.output(key)
    if data is None or data[:4] != _MAGIC or len(data) < 4 + _COUNT.size:
        return None
    code, count = _COUNT.unpack_from(data, 4)
    at = 4 + _COUNT.size
    if code not in (0, 1) or len(data) < at + count * _HEAD.size:
        return None
    spans: list[tuple[int, int, int]] = []
    end = 0
    for stream, size in _HEAD.iter_unpack(data[at : at + count * _HEAD.size]):
        if stream not in (STDOUT, STDERR):
            return None
        spans.append((stream, end, end + size))
        end += size
    unzip = zlib.decompressobj()
    try:  # never more than an output may hold, whatever the file claims
        text = unzip.decompress(data[at + count * _HEAD.size :], LIMIT + 1)
    except zlib.error:
        return None
    if not unzip.eof or unzip.unconsumed_tail or len(text) != end or not plain(text):
        return None
    output = Output(code, text, tuple(spans))
    try:
        for _, run in output.runs():  # each stretch whole UTF-8, before any is written
            str(run, "utf-8")
    except UnicodeDecodeError:
        return None
    return output


def keep_output(cache: Cache, key: str, record: bytes, used: int) -> None:
    """Keep ``record`` (``Recorder.finish``) under ``key``; ``used`` orders them by age."""
    cache.save_output(key, record, used, KEEP)


@lru_cache(maxsize=1)
def _code_digest() -> bytes:
    """Every module of ducha and its templates, the libraries' versions and Python's."""
    package = Path(__file__).resolve().parents[1]
    hasher = hashlib.blake2b(sys.version.encode(), digest_size=16)
    for file in sorted(package.rglob("*")):
        if file.suffix in (".py", ".j2", ".html", ".css", ".md", ".yaml", ".xml"):
            hasher.update(file.relative_to(package).as_posix().encode())
            hasher.update(file.read_bytes())
    add_versions(hasher, PACKAGES)
    return hasher.digest()
