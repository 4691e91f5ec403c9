"""Which files hold records (the one registry of file kinds and names), and the scan of them.

The scan's sizes, times and inodes decide whether a cached entry still holds. Everything
in ``visits/`` that looks like a record but is not a regular file (a FIFO, a folder, a
broken link) is listed apart, to be reported rather than opened.
"""

from __future__ import annotations

import hashlib
import os
import stat
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

import msgspec

CONFIG_NAME = "ducha.yaml"
UNITS_NAME = "units.yaml"
TEAMS_NAME = "teams.yaml"
NUMBERS_NAME = "numbers.yaml"
LOCK_NAME = "sources.lock"  # a hub's: the commit each source was synced at
SOURCES_DIR = ".ducha/sources"  # a hub's clones of the sources it fetches
VISITS_DIR = "visits"
EVIDENCE_DIR = "evidence"
TEMPLATES_DIR = "templates"
VISIT_SUFFIXES = (".yaml", ".yml", ".md")
DIRECTORY_FILES = (UNITS_NAME, TEAMS_NAME)


class Stat(NamedTuple):
    """A record file as the scan saw it."""

    path: str  # relative to the repository root, with /
    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int


class Scan(NamedTuple):
    """Every record file, and what stands where a record file would but is not one."""

    files: tuple[Stat, ...]
    odd: tuple[tuple[str, str], ...] = ()  # (path, what it is: fifo | folder | link | …)


def is_record_name(name: str) -> bool:
    """Whether a file name in ``visits/`` names a visit record (any case of the suffix)."""
    return name.lower().endswith(VISIT_SUFFIXES) and not name.startswith(".")


def _stat(path: str, info: os.stat_result) -> Stat:
    # tuple.__new__ in C: a NamedTuple's own __new__ is Python, once a file on every command
    return _new(Stat, (path, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino))


_new = tuple.__new__


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "fifo"
    if stat.S_ISLNK(mode):
        return "link"
    return "special"  # a device or a socket


def scan(root: Path) -> Scan:
    """Every record file with its size, times and inode: what decides cache validity."""
    found: list[Stat] = []
    odd: list[tuple[str, str]] = []
    for name in DIRECTORY_FILES:
        try:
            info = os.lstat(os.path.join(root, name))  # noqa: PTH118 — see _walk
        except FileNotFoundError:
            continue
        except OSError:
            odd.append((name, "unreadable"))
            continue
        if stat.S_ISREG(info.st_mode):
            found.append(_stat(name, info))
        else:
            odd.append((name, _kind(info.st_mode)))
    _walk(root, found, odd)
    return Scan(tuple(found), tuple(odd))


def _walk(root: Path, found: list[Stat], odd: list[tuple[str, str]]) -> None:
    """Visit files with their sizes and times, folder by folder in sorted order.

    Hidden folders and files are skipped. Plain strings and ``stat`` relative to an open
    folder, not ``Path``: this runs for every file on every command.
    """
    base = os.path.join(root, VISITS_DIR)  # noqa: PTH118
    if not os.path.isdir(base):  # noqa: PTH112
        return

    def unreadable(error: OSError) -> None:
        where = Path(error.filename or base).resolve()
        with_root = Path(root).resolve()
        rel = where.relative_to(with_root).as_posix() if where.is_relative_to(with_root) else base
        odd.append((rel, "unreadable"))

    for folder, dirs, names, fd in os.fwalk(base, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        relfolder = VISITS_DIR + folder[len(base) :].replace(os.sep, "/") + "/"
        names.sort()
        for name in names:
            if not (name.endswith(VISIT_SUFFIXES) or is_record_name(name)) or name[0] == ".":
                if "." not in name:  # a file where a year or month folder belongs
                    odd.append((relfolder + name, "not-folder"))
                continue
            path = relfolder + name
            # a name in another encoding cannot be printed or diffed
            if not path.isascii() and not _utf8(path):
                odd.append(
                    (path.encode("utf-8", "surrogateescape").decode("utf-8", "replace"), "name")
                )
                continue
            try:
                # not followed: a link could lead out of the repository
                info = os.stat(name, dir_fd=fd, follow_symlinks=False)
            except OSError:
                odd.append((path, "unreadable"))
                continue
            if stat.S_ISREG(info.st_mode):
                found.append(_stat(path, info))
            else:
                odd.append((path, _kind(info.st_mode)))
        odd.extend((relfolder + name, "folder") for name in dirs if is_record_name(name))


def _utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def newest_change_ns(scanned: Scan) -> int:
    """When the most recently changed record file changed (0 without files)."""
    files = scanned.files
    if not files:
        return 0
    return int(max(max(map(_MTIME, files)), max(map(_CTIME, files))))


_MTIME, _CTIME = itemgetter(2), itemgetter(3)  # Stat.mtime_ns, Stat.ctime_ns


def state_key(scanned: Scan, *context: object) -> str:
    """A key for the repository in the state ``scanned`` saw (and ``context``, such as a day).

    Answers kept under it hold while every record file keeps its size, times and inode.
    """
    data = msgspec.json.encode([scanned, [str(c) for c in context]])
    return hashlib.blake2b(data, digest_size=16).hexdigest()
