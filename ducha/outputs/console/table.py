"""Tables in the terminal: which columns fit, how wide each is, and where text breaks.

An id, a date, a number or a short name is never broken: its column is as wide as its widest
cell. Long text wraps by the Chinese line-breaking rules (``outputs/linebreak.py``). When the
terminal is too narrow for every column, the least needed go first and a line under the
table names them. From ``GRID_FROM`` rows on, a table prints one line per row (long text cut
with …), so that a list of thousands stays a list.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rich.cells import cell_len, set_cell_size
from rich.console import Console
from rich.text import Span, Text

from ducha.domain.settings import Lang
from ducha.outputs.i18n import text
from ducha.outputs.linebreak import cut, longest_piece, wrap

Cell = str | tuple[str, str]  # text, or (text, Rich style)
GRID_FROM = 40  # rows from which a table prints one line per row
GAP = 2  # cells between two columns
TEXT_MIN = 12  # the narrowest a column of long text gets while another column could go
PIECE_MAX = 24  # an id or word up to this wide is never broken in a column of text
KEEP_ALWAYS = 100  # a column with this ``keep`` is never dropped


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its header, whether its text may wrap, and how much it is needed.

    ``keep`` orders the columns a narrow terminal drops, lowest first.
    """

    header: str
    wraps: bool = False
    keep: int = KEEP_ALWAYS
    max_lines: int = 3


@dataclass(frozen=True, slots=True)
class Layout:
    """The columns shown, in order, with their widths; and those left out."""

    shown: tuple[int, ...]
    widths: tuple[int, ...]
    hidden: tuple[int, ...]


def _header_words(header: str) -> list[str]:
    """Where a header may break: at a space, or before an opening bracket."""
    return [word for word in re.split(r" |(?=[（(])", header) if word]


def _header_min(header: str) -> int:
    return max((cell_len(word) for word in _header_words(header)), default=0)


def _header_lines(header: str, width: int) -> tuple[str, ...]:
    found: list[str] = []
    for word in _header_words(header):
        joined = f"{found[-1]} {word}" if found and word[0] not in "（(" else None
        if found and joined is None:
            joined = found[-1] + word
        if found and joined is not None and cell_len(joined) <= width:
            found[-1] = joined
        else:
            found.append(word)
    return tuple(found) or ("",)


def layout(
    columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int, *, one_line: bool = False
) -> Layout:
    """Fit ``columns`` into ``width`` cells: drop the least needed, then share out the room.

    With ``one_line`` text is cut, not broken, so no word in it sets a column's least width.
    """
    natural = [
        max([cell_len(c.header), *(_width(row[i]) for row in rows)]) for i, c in enumerate(columns)
    ]
    least = []
    for index, column in enumerate(columns):
        header = _header_min(column.header)
        if column.wraps:  # wide enough for the ids and words in it, up to a point
            pieces = 0 if one_line else max((_piece(row[index]) for row in rows), default=0)
            least.append(max(header, min(natural[index], TEXT_MIN), min(pieces, PIECE_MAX)))
        else:
            least.append(max([header, *(_width(row[index]) for row in rows)]))
    shown = list(range(len(columns)))

    def needed() -> int:
        return sum(least[i] for i in shown) + GAP * (len(shown) - 1)

    droppable = sorted(
        (i for i, c in enumerate(columns) if c.keep < KEEP_ALWAYS),
        key=lambda i: (columns[i].keep, -i),
    )
    for index in droppable:
        if needed() <= width:
            break
        shown.remove(index)
    widths = {i: least[i] for i in shown}
    room = width - needed()
    wanting = {
        i: natural[i] - least[i] for i in shown if columns[i].wraps and natural[i] > least[i]
    }
    while room > 0 and wanting:  # each column in turn up to its need, the smallest needs first
        share = room // len(wanting)
        met = {i: want for i, want in wanting.items() if want <= share}
        for index, want in (met or {i: share for i in wanting}).items():
            widths[index] += want
            room -= want
            wanting[index] -= want
        wanting = {i: want for i, want in wanting.items() if want > 0}
        if not met:
            break
    hidden = tuple(i for i in range(len(columns)) if i not in shown)
    return Layout(tuple(shown), tuple(widths[i] for i in shown), hidden)


@dataclass(slots=True)
class _Out:
    """The lines of a table and the style spans over them, as one text to print."""

    lines: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    offset: int = 0

    def add(self, line: str, style: str = "") -> int:
        """Append a line; where it starts in the text."""
        start = self.offset
        if style:
            self.spans.append(Span(start, start + len(line), style))
        self.lines.append(line)
        self.offset += len(line) + 1
        return start


def print_rows(
    console: Console,
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    *,
    lang: Lang,
    title: str | None = None,
) -> None:
    """A table that fits the terminal; a line under it names any column left out."""
    plain = [[c if isinstance(c, str) else c[0] for c in row] for row in rows]
    one_line = len(rows) >= GRID_FROM
    fit = layout(columns, plain, console.width, one_line=one_line)
    out = _Out()
    if title:
        out.add(title, "bold")
    headers = [
        _header_lines(columns[i].header, w) for i, w in zip(fit.shown, fit.widths, strict=True)
    ]
    for line in _join(headers, fit.widths):
        out.add(line, "bold")
    out.add((" " * GAP).join("─" * w for w in fit.widths), "dim")
    if one_line:  # a long list: one line a row, text cut with …
        for row, plain_row in zip(rows, plain, strict=True):
            parts = [_fit(plain_row[i], w) for i, w in zip(fit.shown, fit.widths, strict=True)]
            _styled(out, [row[i] for i in fit.shown], parts)
    else:
        _wrapped(out, rows, plain, columns, fit)
    _finish(console, out, fit, columns, lang)


def _wrapped(
    out: _Out,
    rows: Sequence[Sequence[Cell]],
    plain: list[list[str]],
    columns: Sequence[Column],
    fit: Layout,
) -> None:
    """Rows whose long text is broken into lines, a blank line between rows when it is."""
    cells = [
        [_cell(plain_row[i], columns[i], w) for i, w in zip(fit.shown, fit.widths, strict=True)]
        for plain_row in plain
    ]
    apart = any(len(piece) > 1 for row in cells for piece in row)
    for number, (row, pieces) in enumerate(zip(rows, cells, strict=True)):
        if apart and number:
            out.add("")
        shown = [row[i] for i in fit.shown]
        for depth in range(max(len(piece) for piece in pieces)):
            parts = [
                _fit(p[depth] if depth < len(p) else "", w)
                for p, w in zip(pieces, fit.widths, strict=True)
            ]
            _styled(out, shown, parts)


def _styled(out: _Out, cells: list[Cell], parts: list[str]) -> None:
    """One terminal line of cells, each styled cell's text spanned."""
    start = out.add((" " * GAP).join(parts).rstrip())
    for cell, part in zip(cells, parts, strict=True):
        if not isinstance(cell, str) and part.strip():
            out.spans.append(Span(start, start + len(part.rstrip()), cell[1]))
        start += len(part) + GAP


def _finish(
    console: Console, out: _Out, fit: Layout, columns: Sequence[Column], lang: Lang
) -> None:
    """The note on the columns left out, then everything printed at once."""
    if fit.hidden:
        hidden = ("、" if lang == "zh" else ", ").join(columns[i].header for i in fit.hidden)
        note = text("columns-hidden", lang, columns=hidden, width=console.width)
        for line in wrap(note, console.width):
            out.add(line, "dim")
    if console.color_system is None:  # piped or NO_COLOR: nothing for Rich to render
        console.file.write("\n".join(out.lines) + "\n")
        return
    console.print(Text("\n".join(out.lines), spans=out.spans), no_wrap=True, crop=True)


def _cell(value: str, column: Column, width: int) -> tuple[str, ...]:
    return cut(value, width, column.max_lines) if column.wraps else (value,)


def _join(cells: Sequence[Sequence[str]], widths: Sequence[int]) -> list[str]:
    """The terminal lines of one row whose cells are already broken into lines."""
    height = max((len(c) for c in cells), default=0)
    gap = " " * GAP
    return [
        gap.join(
            _fit(c[depth] if depth < len(c) else "", w) for c, w in zip(cells, widths, strict=True)
        ).rstrip()
        for depth in range(height)
    ]


@lru_cache(maxsize=65536)
def _width(value: str) -> int:
    """Terminal cells ``value`` takes; names, labels and dates repeat down a list."""
    return cell_len(value)


@lru_cache(maxsize=65536)
def _piece(value: str) -> int:
    return longest_piece(value)


@lru_cache(maxsize=4096)
def _fit(value: str, width: int) -> str:
    """Pad or cut ``value`` to exactly ``width`` cells, a cut ending in …."""
    size = _width(value)
    if size <= width:
        return value + " " * (width - size)
    return set_cell_size(value, width - 1) + "…"
