"""The installed versions of the libraries an answer depends on, for the cache's keys."""

from __future__ import annotations

import os
import re
import sys
from typing import Any


def add_versions(hasher: Any, names: tuple[str, ...]) -> None:
    """Each installed distribution's version (or its absence) into ``hasher``.

    Read from the names of the metadata folders on ``sys.path`` (``name-1.2.dist-info``),
    every one that matches: importing ``importlib.metadata`` costs a command more than all
    the rest of its key. A folder that names no version is asked of ``importlib.metadata``.
    """
    wanted = {_normal(name): name for name in names}
    found: dict[str, list[str]] = {name: [] for name in names}
    for entry in sys.path:
        try:
            listing = os.listdir(entry or ".")  # noqa: PTH208 — names only, thousands
        except (OSError, ValueError):
            continue
        for item in listing:
            stem, dot, kind = item.rpartition(".")
            name = wanted.get(_normal(stem.partition("-")[0])) if dot else None
            if name is not None and kind in ("dist-info", "egg-info"):
                found[name].append(stem if "-" in stem else _metadata_version(name))
    for name in names:
        hasher.update(f"{name}={','.join(sorted(found[name])) or 'none'};".encode())


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def _metadata_version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"{name}-{version(name)}"
    except PackageNotFoundError:
        return "none"
