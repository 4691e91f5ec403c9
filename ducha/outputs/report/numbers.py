"""Memo numbers kept in the repository (``numbers.yaml``), so that a number is never used twice.

The file is edited in place with ruamel's round-trip loader, keeping the team's comments, and
replaced atomically.
"""

from __future__ import annotations

import io
from pathlib import Path

from ducha.errors import UserError
from ducha.store.writing import locked, replace_file

NUMBERS_NAME = "numbers.yaml"
_HEADER = "# 公文编号登记：ducha report 写出一份公文后自动记下所用编号，下次从下一个号开始。\n"


def last_number(root: Path, kind: str) -> int:
    """The last number used for ``kind`` (0 when none)."""
    file = root / NUMBERS_NAME
    if not file.is_file():
        return 0
    data = _read(file) or {}
    value = data.get(kind, 0) if isinstance(data, dict) else 0
    return value if isinstance(value, int) else 0


def record_number(root: Path, kind: str, number: int) -> None:
    """Remember that ``number`` was used for ``kind`` (never lowering what is recorded)."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    file = root / NUMBERS_NAME
    with locked(root):
        data = _read(file) if file.is_file() else None
        if not isinstance(data, dict):
            data = yaml.load(_HEADER + "{}\n")
        if isinstance(data.get(kind), int) and data[kind] >= number:
            return
        data[kind] = number
        stream = io.StringIO()
        yaml.dump(data, stream)
        replace_file(file, stream.getvalue())


def _read(file: Path) -> object:
    """numbers.yaml as data; one that cannot be read is a clear error, never a wrong number."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        return YAML(typ="rt").load(file.read_text(encoding="utf-8"))
    except (YAMLError, UnicodeDecodeError, OSError) as exc:
        raise UserError("numbers-broken", path=file, detail=str(exc).splitlines()[0]) from exc
