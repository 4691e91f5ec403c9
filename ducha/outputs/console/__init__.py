"""The terminal: Rich consoles, colour policy, and the text forms of results.

Rich is imported in this package and nowhere else. Views of one command live in a module of
their own, so that a command imports only what it prints.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import IO

from rich.console import Console
from rich.markup import escape
from rich.segment import Segment

from ducha.checks.issues import Issue, Severity
from ducha.domain.settings import Lang
from ducha.outputs.colour import ColorMode, colour_policy
from ducha.outputs.console.table import Cell, Column, print_rows
from ducha.outputs.i18n import message
from ducha.outputs.linebreak import wrap
from ducha.outputs.visible import visible

__all__ = [
    "Cell",
    "ColorMode",
    "Column",
    "Console",
    "make_console",
    "print_issues",
    "print_line",
    "print_rows",
]


class SafeConsole(Console):
    """A Rich console that shows control characters in what it prints as symbols.

    Rich's own styles and cursor moves are separate segments and pass as they are; only the
    text of the records, commits and file names is made visible (``outputs/visible.py``).
    """

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        return super()._render_buffer(
            Segment(visible(s.text), s.style, s.control) if s.control is None else s for s in buffer
        )


def one_line(words: str) -> str:
    """A message on one line: a newline in a record's value cannot forge another problem."""
    return words.replace("\r\n", "⏎").replace("\n", "⏎").replace("\r", "⏎")


def make_console(
    file: IO[str] | None = None,
    *,
    color: ColorMode = "auto",
    width: int | None = None,
    environ: Mapping[str, str] | None = None,
) -> Console:
    """A console that honours ``--color`` and ``NO_COLOR`` (``--color always`` wins)."""
    force, no_color = colour_policy(color, os.environ if environ is None else environ)
    return SafeConsole(
        file=file,
        force_terminal=force or None,
        no_color=no_color,
        width=width,
        highlight=False,
        soft_wrap=True,
    )


_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow"}


def print_issues(console: Console, issues: tuple[Issue, ...], lang: Lang, base: str = "") -> None:
    """One line per problem: ``path:line:col: error: message [rule]``.

    ``base`` leads each path: the records folder as seen from where the clerk stands, so
    that an editor opens the file from the line as printed.
    """
    for issue in issues:
        style = _STYLE[issue.severity]
        source = f"[cyan]\\[{escape(issue.source)}][/] " if issue.source else ""
        console.print(
            f"{source}[bold]{escape(base + str(issue.position))}[/]: "
            f"[{style}]{issue.severity.value}[/]: "
            f"{escape(one_line(message(issue, lang)))} [dim]\\[{issue.rule}][/]"
        )


def print_line(console: Console, message: str, style: str = "") -> None:
    """Print plain text, styled as a whole, broken to the terminal by the Chinese rules."""
    width = max(console.width, 12)
    lines = [line for paragraph in message.split("\n") for line in wrap(paragraph, width)]
    console.print(escape("\n".join(lines)), style=style or None, no_wrap=True, crop=False)
