"""The terminal: Rich consoles, colour policy, and the text forms of results.

Rich is imported in this package and nowhere else. Views of one command live in a module of
their own, so that a command imports only what it prints.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import IO

from rich.cells import cell_len, set_cell_size
from rich.console import Console
from rich.markup import escape
from rich.segment import Segment
from rich.table import Table
from rich.text import Span, Text

from ducha.checks.issues import Issue, Severity
from ducha.domain.settings import Lang
from ducha.outputs.colour import ColorMode, colour_policy
from ducha.outputs.i18n import message
from ducha.outputs.visible import visible

__all__ = [
    "Cell",
    "ColorMode",
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
        console.print(
            f"[bold]{escape(base + str(issue.position))}[/]: [{style}]{issue.severity.value}[/]: "
            f"{escape(one_line(message(issue, lang)))} [dim]\\[{issue.rule}][/]"
        )


def print_line(console: Console, message: str, style: str = "") -> None:
    """Print plain text, styled as a whole."""
    console.print(escape(message), style=style or None)


Cell = str | tuple[str, str]  # text, or (text, Rich style)
GRID_FROM = 40  # rows from which a list prints one line per row instead of a wrapping table
_GAP = "  "


def print_rows(
    console: Console,
    headers: list[str],
    rows: list[list[Cell]],
    *,
    flexible: frozenset[int] = frozenset(),
    figures: frozenset[int] = frozenset(),
    title: str | None = None,
) -> None:
    """A list: a Rich table that wraps long text while it is short, then one line per row.

    A column in ``figures`` is at least as wide as its widest cell, so that on a narrow
    terminal its header wraps but a number is never split ("1000" over "0" reads as 1000).

    Rich lays a table out cell by cell; a list of thousands of findings prints
    as an aligned grid of plain strings instead, its ``flexible`` columns cut with an
    ellipsis to fit, and one style span per coloured cell.
    """
    if len(rows) < GRID_FROM:
        table = Table(header_style="bold", title=title, title_justify="left")
        for index, header in enumerate(headers):
            widest = max((cell_len(_text(row[index])) for row in rows), default=0)
            table.add_column(
                header,
                overflow="fold",
                no_wrap=index not in flexible,
                min_width=widest if index in figures else None,
            )
        for row in rows:
            table.add_row(*(Text(c) if isinstance(c, str) else Text(c[0], style=c[1]) for c in row))
        console.print(table)
    else:
        _print_grid(console, headers, rows, flexible, title)


def _text(cell: Cell) -> str:
    return cell if isinstance(cell, str) else cell[0]


def _print_grid(
    console: Console,
    headers: list[str],
    rows: list[list[Cell]],
    flexible: frozenset[int],
    title: str | None,
) -> None:
    plain = [[c if isinstance(c, str) else c[0] for c in row] for row in rows]
    sizes = [[_width(c) for c in row] for row in plain]
    widths = [max(_width(h), *(row[i] for row in sizes)) for i, h in enumerate(headers)]
    excess = sum(widths) + len(_GAP) * (len(widths) - 1) - console.width
    flex_total = sum(widths[i] for i in flexible)
    if excess > 0 and flex_total:
        for index in flexible:
            widths[index] = max(8, widths[index] - -(-excess * widths[index] // flex_total))
    lines = [title] if title else []
    spans = [Span(0, len(lines[0]), "bold")] if title else []
    offset = len(lines[0]) + 1 if title else 0
    header = _GAP.join(_fit(h, _width(h), w) for h, w in zip(headers, widths, strict=True)).rstrip()
    spans.append(Span(offset, offset + len(header), "bold"))
    lines.append(header)
    offset += len(header) + 1
    for row, cells, size in zip(rows, plain, sizes, strict=True):
        pieces = [_fit(c, s, w) for c, s, w in zip(cells, size, widths, strict=True)]
        start = offset
        for cell, piece in zip(row, pieces, strict=True):
            if not isinstance(cell, str):
                spans.append(Span(start, start + len(piece.rstrip()), cell[1]))
            start += len(piece) + len(_GAP)
        line = _GAP.join(pieces).rstrip()
        lines.append(line)
        offset += len(line) + 1
    if console.color_system is None:  # piped or NO_COLOR: nothing for Rich to render
        console.file.write("\n".join(lines) + "\n")
        return
    console.print(Text("\n".join(lines), spans=spans), no_wrap=True, crop=True)


@lru_cache(maxsize=65536)
def _width(value: str) -> int:
    """Terminal cells ``value`` takes; names, labels and dates repeat down a list."""
    return cell_len(value)


@lru_cache(maxsize=4096)
def _fit(value: str, size: int, width: int) -> str:
    """Pad or cut ``value`` (``size`` cells wide) to exactly ``width`` cells, a cut ending in …."""
    if size <= width:
        return value + " " * (width - size)
    return set_cell_size(value, width - 1) + "…"
