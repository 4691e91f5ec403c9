"""The terminal: Rich consoles, colour policy, and the text forms of results.

Rich is imported here and nowhere else.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import IO, Literal

from rich.console import Console
from rich.markup import escape

from ducha.i18n import Lang
from ducha.issues import Issue, Severity

ColorMode = Literal["auto", "always", "never"]

__all__ = ["ColorMode", "Console", "make_console", "print_issues", "print_line"]


def make_console(
    file: IO[str] | None = None,
    *,
    color: ColorMode = "auto",
    width: int | None = None,
    environ: Mapping[str, str] | None = None,
) -> Console:
    """A console that honours ``--color`` and ``NO_COLOR`` (``--color always`` wins)."""
    env = os.environ if environ is None else environ
    if color == "always":
        force, no_color = True, False
    elif color == "never" or "NO_COLOR" in env or env.get("TERM") == "dumb":
        force, no_color = False, True
    else:
        force, no_color = False, False
    return Console(
        file=file,
        force_terminal=force or None,
        no_color=no_color,
        width=width,
        highlight=False,
        soft_wrap=True,
    )


_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow"}


def print_issues(console: Console, issues: tuple[Issue, ...], lang: Lang) -> None:
    """One line per problem: ``path:line:col: error: message [rule]``."""
    for issue in issues:
        style = _STYLE[issue.severity]
        console.print(
            f"[bold]{escape(str(issue.position))}[/]: [{style}]{issue.severity.value}[/]: "
            f"{escape(issue.message(lang))} [dim]\\[{issue.rule}][/]"
        )


def print_line(console: Console, message: str, style: str = "") -> None:
    """Print plain text, styled as a whole."""
    console.print(escape(message), style=style or None)
