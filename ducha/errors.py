"""Exceptions that stop a run. Problems found in records are data (see ``issues.py``)."""

from __future__ import annotations

__all__ = [
    "CalendarError",
    "ConfigError",
    "DuchaError",
    "GitError",
    "RecordLoadError",
    "UserError",
]


class DuchaError(Exception):
    """Base of every error ducha raises on purpose."""


class UserError(DuchaError):
    """Something the user can fix; ``str()`` is the whole message shown to them."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ConfigError(UserError):
    """The repository or its ``ducha.yaml`` cannot be used."""


class RecordLoadError(UserError):
    """A record file cannot be read at all (not a problem inside it)."""


class CalendarError(UserError):
    """A working-day count reaches a year that no calendar covers."""


class GitError(UserError):
    """Git failed or is not available."""
