"""Breaking text into lines of a given width in terminal cells, by Chinese rules.

A Chinese character is two cells wide and may end a line anywhere, except that closing
punctuation (。，、）…) never starts a line and opening punctuation (（《“…) never ends one
(避头尾, as GB/T 15834 and every Chinese typesetter have it). A run of Latin letters and
digits — an id such as ``20200205-2vs/1``, a date, a number, an English word — is one piece
and breaks only where it is wider than the whole line. So is a Chinese date (2020年2月5日).

``lines`` gives where each line starts and ends in the text, so that a styled text can be cut
at the same places; ``wrap`` gives the lines themselves.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rich.cells import cell_len

CLOSING = frozenset("。，、；：？！）》」』】〕〉”’…‥·%％,.;:!?)]}〗｝〙〛°")
OPENING = frozenset("（《「『【〔〈“‘([{〖｛〘〚")

# a Chinese date; a Latin run (ids, ISO dates, numbers, words); spaces; any other character
_PIECE = re.compile(
    r"\d{4}年\d{1,2}月\d{1,2}日|\d{1,2}月\d{1,2}日|\d{1,2}日"
    r"|[0-9A-Za-z↺#@&_+=\-−–./:~'’%]+"
    r"|[ \t]+"
    r"|\n"
    r"|.",
    re.DOTALL,
)


def _groups(value: str) -> list[tuple[int, int]]:
    """The text's unbreakable groups as (start, end): pieces glued by the punctuation rules."""
    groups: list[tuple[int, int]] = []
    glue_next = False
    for match in _PIECE.finditer(value):
        start, end = match.span()
        piece = match.group()
        if piece.isspace():
            groups.append((start, end))
            glue_next = False
            continue
        glue_back = piece[0] in CLOSING and groups and not value[groups[-1][0]].isspace()
        if (glue_back or glue_next) and groups:
            groups[-1] = (groups[-1][0], end)
        else:
            groups.append((start, end))
        glue_next = piece[-1] in OPENING
    return groups


def lines(value: str, width: int) -> list[tuple[int, int]]:
    """Where each line of ``value`` broken to ``width`` cells starts and ends.

    Spaces at a break belong to no line. A group wider than the line is cut by characters,
    the only place a line may break inside an id or a word.
    """
    width = max(width, 2)
    found: list[tuple[int, int]] = []
    start = end = -1  # the line being filled; -1 while it is empty
    used = 0  # its cells
    for group_start, group_end in _groups(value):
        piece = value[group_start:group_end]
        if piece == "\n":
            found.append((start, end) if start >= 0 else (group_start, group_start))
            start = end = -1
            continue
        if piece.isspace():  # counted once a piece follows it on the same line
            continue
        if start >= 0:
            grown = used + cell_len(value[end:group_end])  # the space before it, and it
            if grown <= width:
                end, used = group_end, grown
                continue
            found.append((start, end))
        size = cell_len(piece)
        if size <= width:
            start, end, used = group_start, group_end, size
            continue
        start, used = group_start, 0  # wider than a line: cut by characters
        for index in range(group_start, group_end):
            char = cell_len(value[index])
            if used + char > width and index > start:
                found.append((start, index))
                start, used = index, 0
            used += char
        end = group_end  # ``used`` is the cells of the cut's last line
    if start >= 0:
        found.append((start, end))
    return found or [(0, 0)]


@lru_cache(maxsize=8192)
def wrap(value: str, width: int) -> tuple[str, ...]:
    """``value`` broken into lines of at most ``width`` cells."""
    return tuple(value[a:b] for a, b in lines(value, width))


def cut(value: str, width: int, max_lines: int) -> tuple[str, ...]:
    """At most ``max_lines`` lines of ``value``, the last ending in … when text was left out."""
    found = wrap(value, width)
    if len(found) <= max_lines:
        return found
    last = found[max_lines - 1]
    while last and cell_len(last) + 1 > width:
        last = last[:-1]
    return (*found[: max_lines - 1], last + "…")


def break_points(value: str) -> list[int]:
    """Where a line may begin inside ``value``: the start of each group after the first."""
    return [start for start, _ in _groups(value)][1:]


def longest_piece(value: str) -> int:
    """Cells of the widest group of ``value``: the narrowest width that breaks no group."""
    return max((cell_len(value[a:b]) for a, b in _groups(value)), default=0)
