"""Problems found in records: plain data with a position, never exceptions."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    """How bad a problem is. Errors fail ``validate``; warnings only with ``--strict``."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Position:
    """A place in a file: path relative to the repository root, 1-based line and column."""

    path: str
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)  # pickled in the parse cache: see model.py
class Issue:
    """One problem: where, how bad, which rule, and a catalogue message with its values."""

    position: Position
    severity: Severity
    rule: str
    key: str
    args: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    source: str = ""  # in a hub: the source whose file it is (its path leads to the file)

    def sort_key(self) -> tuple[str, int, int, str]:
        """Order problems by file, line, column, then rule."""
        return (self.position.path, self.position.line, self.position.column, self.rule)


def error(position: Position, rule: str, msg: str | None = None, **args: Any) -> Issue:
    """Make an error; the message key defaults to the rule id."""
    return Issue(position, Severity.ERROR, rule, msg or rule, args)


def warning(position: Position, rule: str, msg: str | None = None, **args: Any) -> Issue:
    """Make a warning; the message key defaults to the rule id."""
    return Issue(position, Severity.WARNING, rule, msg or rule, args)


class Phrase:
    """A catalogue entry used as a value inside another message; rendered in the same language."""

    __slots__ = ("args", "key")

    def __init__(self, key: str, **args: Any) -> None:
        self.key = key
        self.args = args

    def __repr__(self) -> str:
        return f"Phrase({self.key!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Phrase) and (self.key, self.args) == (other.key, other.args)

    def __hash__(self) -> int:
        return hash(self.key)
