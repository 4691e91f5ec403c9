"""Exceptions that stop a run. Problems found in records are data (see ``checks/issues.py``).

An error carries a catalogue key and its values, not words: the layers below the output
layer never choose a language. The command line puts it into words
(``outputs.i18n.describe``); an error raised with ready words keeps them.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "CalendarError",
    "ConfigError",
    "DuchaError",
    "GitError",
    "RecordLoadError",
    "RecordRefused",
    "UserError",
]


class DuchaError(Exception):
    """Base of every error ducha raises on purpose: a catalogue key (or words) and values."""

    def __init__(self, key: str, /, **values: Any) -> None:
        super().__init__(key)
        self.key = key
        self.values = values

    def __str__(self) -> str:
        return self.key


class UserError(DuchaError):
    """Something the user can fix."""


class RecordRefused(UserError):
    """A record ducha was asked to write would not pass ``validate``: nothing is written.

    ``problems`` are the ``checks.issues.Issue`` values found, put into words with the rest.
    """

    def __init__(self, key: str, /, problems: tuple[object, ...] = (), **values: object) -> None:
        super().__init__(key, **values)
        self.problems = problems


class ConfigError(UserError):
    """The repository or its ``ducha.yaml`` cannot be used."""


class RecordLoadError(UserError):
    """A record file cannot be read at all (not a problem inside it)."""


class CalendarError(UserError):
    """A working-day count reaches a year that no calendar covers."""


class GitError(UserError):
    """Git failed or is not available."""
