"""Which files hold records, and the scan of their sizes and times that decides what changed.

Kept apart from the loader so that a run answered from the cache imports nothing heavier.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
from pathlib import Path

UNITS_NAME = "units.yaml"
TEAMS_NAME = "teams.yaml"
VISITS_DIR = "visits"
VISIT_SUFFIXES = (".yaml", ".yml", ".md")

Scan = list[tuple[str, int, int]]  # (relative path, size, modification time in ns)


def scan(root: Path) -> Scan:
    """Every record file with its size and modification time: what decides cache validity."""
    found: Scan = []
    for name in (UNITS_NAME, TEAMS_NAME):
        try:
            info = os.stat(os.path.join(root, name))  # noqa: PTH116, PTH118 — see _walk
        except OSError:
            continue
        if stat.S_ISREG(info.st_mode):
            found.append((name, info.st_size, info.st_mtime_ns))
    found += _walk(root)
    return found


def _walk(root: Path) -> Scan:
    """Visit files with their sizes and times, folder by folder in sorted order.

    Hidden folders and files are skipped. Plain strings and ``stat`` relative to an open
    folder, not ``Path``: this runs for every file on every command, and at 10,000 files the
    difference is a sizeable part of a run that finds nothing changed.
    """
    base = os.path.join(root, VISITS_DIR)  # noqa: PTH118
    if not os.path.isdir(base):  # noqa: PTH112
        return []
    found: Scan = []
    for folder, dirs, names, fd in os.fwalk(base):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        relfolder = VISITS_DIR + folder[len(base) :].replace(os.sep, "/")
        for name in sorted(names):
            if name.endswith(VISIT_SUFFIXES) and not name.startswith("."):
                info = os.stat(name, dir_fd=fd)
                found.append((f"{relfolder}/{name}", info.st_size, info.st_mtime_ns))
    return found


def state_key(scanned: Scan, *context: object) -> str:
    """A key for the repository in the state ``scanned`` saw (and ``context``, such as a day).

    Answers cached under it hold while every record file keeps its size and time.
    """
    # pickle, not repr: half the time for 10,000 files, and the same bytes for the same scan
    # (a difference could only cost a cache miss, never a wrong answer)
    data = pickle.dumps((scanned, context), protocol=pickle.HIGHEST_PROTOCOL)
    return hashlib.blake2b(data, digest_size=16).hexdigest()
