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
import string
import tempfile
from collections.abc import Callable
from pathlib import Path

from ducha.errors import UserError

# Short codes a person can read aloud: no 0/o, 1/l/i to confuse.
ID_ALPHABET = "".join(c for c in string.ascii_lowercase + string.digits if c not in "01ilo")

_PLAIN = re.compile(r"[\w\u3000-\u303f\u4e00-\u9fff\uff00-\uffef/.-]+")


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


def create_new(path: Path, content: str) -> None:
    """Write ``content`` to a new file at ``path``; refuse if ``path`` exists."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".ducha-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError as exc:
            raise UserError("file-exists", path=path) from exc
    finally:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()


def replace_file(path: Path, content: str) -> None:
    """Write a generated file (a schema, a memo, an edited record) whole, as UTF-8 with LF."""
    replace_bytes(path, content.encode("utf-8"))


def replace_bytes(path: Path, content: bytes) -> None:
    """Replace ``path`` atomically: a temporary file in the same folder, renamed over it.

    A reader sees the old file or the new one, never half of either.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".ducha-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        Path(temporary).replace(path)
    finally:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
