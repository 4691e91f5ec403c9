"""Evidence files a clerk hands to ``report-back`` or ``check``: where they go, their hash.

A file from outside the repository is copied into ``evidence/<visit>/``; a name already
there is never replaced (the copy gets ``-2``, ``-3``… unless it is the same file). Every
file is recorded with its SHA-256, so ``validate`` sees when a file changes after it was
recorded.
"""

from __future__ import annotations

import hashlib
import stat
from dataclasses import dataclass
from pathlib import Path

from ducha.errors import UserError
from ducha.store.files import EVIDENCE_DIR

MAX_EVIDENCE_BYTES = 50 * 1024 * 1024  # a phone video is larger: a link to it belongs in a note


@dataclass(frozen=True, slots=True)
class Copy:
    """One evidence file: what it is recorded as, and where it comes from if it is copied."""

    recorded: str  # the repository-relative path written in the record
    digest: str  # SHA-256, hex
    source: Path | None = None  # outside the repository: copied in when the edit is applied


def sha256_of(path: Path) -> str:
    """The hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def gather(root: Path, visit_id: str, files: list[Path]) -> tuple[Copy, ...]:
    """Each file as it will be recorded: in place inside the repository, else copied in."""
    root = root.resolve()
    planned: dict[str, str] = {}  # recorded path -> digest, for several files of one name
    found = []
    for given in files:
        try:
            info = given.stat()
            resolved = given.resolve()
        except OSError as exc:
            raise UserError("evidence-unreadable", path=given, reason=exc.strerror) from exc
        if not stat.S_ISREG(info.st_mode):
            raise UserError("evidence-not-file", path=given)
        if info.st_size > MAX_EVIDENCE_BYTES:
            raise UserError(
                "evidence-too-large", path=given, size=info.st_size, limit=MAX_EVIDENCE_BYTES
            )
        try:
            digest = sha256_of(resolved)
        except OSError as exc:
            raise UserError("evidence-unreadable", path=given, reason=exc.strerror) from exc
        if resolved.is_relative_to(root):
            found.append(Copy(resolved.relative_to(root).as_posix(), digest))
            continue
        target = _free_name(root, f"{EVIDENCE_DIR}/{visit_id}", resolved.name, digest, planned)
        planned[target] = digest
        same = (root / target).is_file()
        found.append(Copy(target, digest, None if same else resolved))
    return tuple(found)


def _free_name(root: Path, folder: str, name: str, digest: str, planned: dict[str, str]) -> str:
    """``folder/name``, or ``name-2``… when another file holds it; the same file is reused."""
    stem, suffix = Path(name).stem, Path(name).suffix
    for n in range(1, 10_000):
        candidate = f"{folder}/{name if n == 1 else f'{stem}-{n}{suffix}'}"
        if candidate in planned:
            if planned[candidate] == digest:
                return candidate
            continue
        path = root / candidate
        if not path.exists() and not path.is_symlink():
            return candidate
        if path.is_file() and not path.is_symlink() and sha256_of(path) == digest:
            return candidate
    raise UserError("evidence-no-name", path=name)
