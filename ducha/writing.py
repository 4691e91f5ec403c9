"""Creating record files: atomically, and never over an existing file.

A new file is written to a temporary file in the same folder and then linked into place; the
link fails if the name exists, so a person's file is never replaced, and a reader never sees
a half-written one.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
from pathlib import Path

from ducha.errors import UserError
from ducha.i18n import Lang, text

_PLAIN = re.compile(r"[\w\u3000-\u303f\u4e00-\u9fff\uff00-\uffef/.-]+")


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


def create_new(path: Path, content: str, lang: Lang) -> None:
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
            raise UserError(text("file-exists", lang, path=path)) from exc
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
