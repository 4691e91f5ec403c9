"""The last validation kept file by file, and a validation after an edit that builds on it.

The rules across records see nothing of a file but its facts (``checks/facts.py``), and a
file's own problems depend on nothing but its content. So the last validation keeps, for
each file, the scan's size, times and inode, a digest of its facts and its own problems;
and for the whole, the problems across records, the files whose positions those cite, and
the state of every evidence file. After an edit the changed files are read again; when
each one's facts are what they were, none of them is cited, and the day and the evidence
are as they were, the problems across records are the last ones and only the changed
files' own are new. Anything else (a file added or removed, a fact changed) runs every
rule again. ``tests/unit/test_kept_checks.py`` holds it against the full validation.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

import msgspec

from ducha.checks.facts import FileFacts, file_facts
from ducha.checks.issues import Issue
from ducha.checks.validate import ValidationResult, combined, cross_record, evidence_paths
from ducha.domain.settings import Settings
from ducha.store.cache import Cache
from ducha.store.codec import decode_issue, encode_issue
from ducha.store.files import CONFIG_NAME, Scan, Stat
from ducha.store.load import Loaded, odd_files

NAME = "checked"
MOST_CHANGED = 400  # past this many edited files, reading them all again costs no more

# a file as the last validation saw it: the scan's (path, size, mtime, ctime, inode), then
# the digest of its facts
FileRow = tuple[str, int, int, int, int, bytes]
# what a changed file was read into: (record, ids declared in error, its own problems)
Reread = tuple[Any, tuple[str, ...], tuple[Issue, ...]]
EvidenceState = Callable[[Path, str], list[Any]]


class LastCheck(NamedTuple):
    """The last validation, as far as the next one can build on it."""

    day: int  # the ordinal of the day it was made for
    files: tuple[FileRow, ...]  # in the scan's order
    own: dict[str, list[Any]]  # each file's own problems (files with none left out), encoded
    cross: list[Any]  # the problems across records, encoded
    cited: list[str]  # the files those problems took positions from
    evidence: list[tuple[str, list[Any]]]  # each evidence file named, and its state


def facts_digest(facts: FileFacts) -> bytes:
    """A digest of one file's facts: equal digests, equal facts."""
    return hashlib.blake2b(msgspec.msgpack.encode(facts), digest_size=16).digest()


def full_check(
    loaded: Loaded, today: dt.date, evidence_state: EvidenceState
) -> tuple[ValidationResult, LastCheck | None]:
    """Every rule run over the complete index, and what the next validation may keep of it."""
    settings = loaded.index.settings
    cited: set[str] = set()

    def source(path: str) -> Any:
        cited.add(path)
        return loaded.source(path)

    facts = [
        (path, file_facts(record, declared)) for path, (record, declared) in loaded.by_file.items()
    ]
    cross = cross_record(facts, today, settings, source)
    result = combined(loaded.issues, cross, loaded.index.files)
    if loaded.own is None:
        return result, None
    digests = {path: facts_digest(f) for path, f in facts}
    evidence = [
        (path, evidence_state(settings.root, path)) for path in sorted(evidence_paths(loaded.index))
    ]
    last = LastCheck(
        today.toordinal(),
        tuple((*st, digests[st.path]) for st in loaded.scan.files),
        {path: [encode_issue(i) for i in own] for path, own in loaded.own.items() if own},
        [encode_issue(i) for i in cross],
        sorted(cited),
        evidence,
    )
    return result, last


def last_check(cache: Cache) -> LastCheck | None:
    """The last validation's kept parts, if there are any and they decode."""
    data = cache.blob(NAME)
    if data is None:
        return None
    try:
        return msgspec.msgpack.decode(data, type=LastCheck)
    except (msgspec.DecodeError, msgspec.ValidationError):
        return None


def keep(cache: Cache, last: LastCheck) -> None:
    """Keep ``last`` for the next validation."""
    cache.save_blob(NAME, msgspec.msgpack.encode(last))


def changed_files(last: LastCheck, scanned: Scan) -> list[Stat] | None:
    """The files changed since ``last``; None when files came or went (facts change then)."""
    if len(last.files) != len(scanned.files):
        return None
    changed: list[Stat] = []
    for row, st in zip(last.files, scanned.files, strict=True):
        if row[0] != st.path:
            return None
        if row[1:5] != st[1:]:
            changed.append(st)
            if len(changed) > MOST_CHANGED:
                return None
    return changed


def rechecked(
    last: LastCheck,
    settings: Settings,
    scanned: Scan,
    today: dt.date,
    reread: Mapping[str, Reread],
    evidence_state: EvidenceState,
) -> tuple[ValidationResult, LastCheck] | None:
    """The validation after the files of ``reread`` changed, if the last one's rules hold.

    ``scanned`` must be the scan ``changed_files`` compared with ``last``, and ``reread``
    every file it found changed.
    """
    if last.day != today.toordinal() or not reread or reread.keys() & set(last.cited):
        return None
    rows = {row[0]: row for row in last.files}
    for path, (record, declared, _) in reread.items():
        if facts_digest(file_facts(record, declared)) != rows[path][5]:
            return None
    if any(evidence_state(settings.root, path) != state for path, state in last.evidence):
        return None
    try:
        own = {path: tuple(decode_issue(raw) for raw in found) for path, found in last.own.items()}
        cross = [decode_issue(raw) for raw in last.cross]
    except (KeyError, IndexError, TypeError, ValueError, AttributeError, OverflowError):
        return None
    own.update((path, issues) for path, (_, _, issues) in reread.items())
    issues = [*settings.issues, *odd_files(scanned)]
    issues += [issue for st in scanned.files for issue in own.get(st.path, ())]
    files = (CONFIG_NAME, *(st.path for st in scanned.files))
    result = combined(tuple(issues), cross, files)
    kept = last._replace(
        files=tuple((*st, rows[st.path][5]) for st in scanned.files),
        own={path: [encode_issue(i) for i in found] for path, found in own.items() if found},
    )
    return result, kept
