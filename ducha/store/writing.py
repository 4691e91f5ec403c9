"""Creating record files: atomically, and never over an existing file.

A new file is written to a temporary file in the same folder and then linked into place; the
link fails if the name exists, so a person's file is never replaced, and a reader never sees
a half-written one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import stat
import string
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from ducha.errors import UserError
from ducha.store.files import (
    CONFIG_NAME,
    EVIDENCE_DIR,
    LOCK_NAME,
    NUMBERS_NAME,
    TEAMS_NAME,
    TEMPLATES_DIR,
    UNITS_NAME,
    VISITS_DIR,
)

# Short codes a person can read aloud: no 0/o, 1/l/i to confuse.
ID_ALPHABET = "".join(c for c in string.ascii_lowercase + string.digits if c not in "01ilo")

_PLAIN = re.compile(r"[\w\u4e00-\u9fff/.-]+")


def fresh_visit_id(day: dt.date, taken: set[str], pick: Callable[[str], str]) -> str:
    """A visit id ``YYYYMMDD-xxx`` not in ``taken`` (which it joins); ``pick`` draws one letter."""
    while True:
        visit_id = f"{day:%Y%m%d}-" + "".join(pick(ID_ALPHABET) for _ in range(3))
        if visit_id not in taken:
            taken.add(visit_id)
            return visit_id


def yaml_text(value: str) -> str:
    """A YAML scalar for ``value``: plain when that is safe, else a JSON (double-quoted) string."""
    if _PLAIN.fullmatch(value) and value.lower() not in (
        "true",
        "false",
        "null",
        "yes",
        "no",
        "on",
        "off",
    ):
        return value
    return json.dumps(value, ensure_ascii=False)


def yaml_list(values: list[str] | tuple[str, ...]) -> str:
    """A flow sequence of scalars."""
    return "[" + ", ".join(yaml_text(v) for v in values) + "]"


STALE_SECONDS = 600  # a temporary file older than this was left by a run that was killed


def sweep(folder: Path, now: float) -> None:
    """Remove the temporary files killed runs left in ``folder`` (a live run's are younger)."""
    with contextlib.suppress(OSError):
        for left in folder.glob(".ducha-*.tmp"):
            with contextlib.suppress(OSError):
                if now - left.lstat().st_mtime > STALE_SECONDS and left.is_file():
                    left.unlink()


def create_new(path: Path, content: str) -> None:
    """Write ``content`` to a new file at ``path``; refuse if ``path`` exists."""
    create_new_bytes(path, content.encode("utf-8"))


def create_new_bytes(path: Path, content: bytes) -> None:
    """Write ``content`` to a new file at ``path``; refuse if ``path`` exists."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        sweep(path.parent, time.time())
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".ducha-", suffix=".tmp")
    except OSError as exc:
        raise UserError("write-failed", path=path, reason=exc.strerror or str(exc)) from exc
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _mode_for(path))  # noqa: PTH101
        try:
            os.link(temporary, path)
        except FileExistsError as exc:
            raise UserError("file-exists", path=path) from exc
    except OSError as exc:
        raise UserError("write-failed", path=path, reason=exc.strerror or str(exc)) from exc
    finally:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()


@contextlib.contextmanager
def locked(root: Path) -> Iterator[None]:
    """Hold the repository's write lock: one writer of a shared file at a time.

    A lock on the records folder itself (``flock`` works on folders), so no lock file
    appears among the records; a second ``ducha new unit`` waits for the first to finish.
    """
    import fcntl

    fd = os.open(root, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def replace_file(path: Path, content: str) -> None:
    """Write a generated file (a schema, a memo, an edited record) whole, as UTF-8 with LF."""
    replace_bytes(path, content.encode("utf-8"))


def replace_bytes(path: Path, content: bytes) -> None:
    """Replace ``path`` atomically: a temporary file in the same folder, renamed over it.

    A reader sees the old file or the new one, never half of either. A replaced file keeps
    its mode; a new one gets the mode the umask gives (``mkstemp`` alone would make it 0600).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    sweep(path.parent, time.time())
    mode = _mode_for(path)
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".ducha-", suffix=".tmp")
    except OSError as exc:
        raise UserError("write-failed", path=path, reason=exc.strerror or str(exc)) from exc
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)  # noqa: PTH101
        Path(temporary).replace(path)
    except OSError as exc:  # a full disk, a folder made read-only: the old file stays whole
        raise UserError("write-failed", path=path, reason=exc.strerror or str(exc)) from exc
    finally:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()


def _mode_for(path: Path) -> int:
    """The mode a written file gets: the one it has, or what the umask allows a new one."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


# Where outputs never go: the records themselves (a memo written over a visit is lost work).
_RECORD_PARTS = (VISITS_DIR, EVIDENCE_DIR, TEMPLATES_DIR)
_RECORD_FILES = (CONFIG_NAME, UNITS_NAME, TEAMS_NAME, NUMBERS_NAME, LOCK_NAME)


def check_output(path: Path, root: Path | None, *, force: bool) -> None:
    """Refuse an output path that would replace what it must not.

    Never a symlink, a device, a FIFO or a folder, never into the records of ``root``; an
    existing file only with ``force``.
    """
    try:
        info = path.lstat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise UserError("output-unusable", path=path, reason=exc.strerror or str(exc)) from exc
    if info is not None and stat.S_ISLNK(info.st_mode):
        raise UserError("output-link", path=path)
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise UserError("output-not-file", path=path)
    if root is not None and _in_records(path, root):
        raise UserError("output-in-records", path=path)
    if info is not None and not force:
        raise UserError("output-exists", path=path)


def _in_records(path: Path, root: Path) -> bool:
    try:
        relative = path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    parts = relative.parts
    return bool(parts) and (
        parts[0] in _RECORD_PARTS or (len(parts) == 1 and parts[0] in _RECORD_FILES)
    )


def write_output(path: Path, content: bytes, root: Path | None, *, force: bool) -> None:
    """Write a memo, a table, a calendar or a schema where it may go (``check_output``)."""
    check_output(path, root, force=force)
    try:
        replace_bytes(path, content)
    except OSError as exc:
        raise UserError("output-unusable", path=path, reason=exc.strerror or str(exc)) from exc
