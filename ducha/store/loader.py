"""Read one record file into plain Python values and a map of where each value stands.

Bytes are decoded, tabs and conflict markers found, Markdown front matter split off; then
the YAML is read by yaml-rs when no positions are asked for and the text is plain
(``fastyaml.py``), and otherwise by libyaml (``nodes.py``), which gives every value its
position. ducha types scalars itself either way (``scalars.py``).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ducha.checks.issues import Issue, Position, error
from ducha.checks.source import KeyPath, SourceMap
from ducha.store.fastyaml import DECLINED, plain_values

__all__ = [
    "MAX_BYTES",
    "KeyPath",
    "Loaded",
    "SourceMap",
    "load_bytes",
    "load_file",
    "load_text",
    "read_limited",
    "too_large",
]

MAX_BYTES = 2 * 1024 * 1024
MAX_NODES = 100_000
MAX_DEPTH = 64

_CONFLICT = re.compile(r"(<{7}|={7}|>{7})(\s|$)")
# What the YAML spec forbids in a stream (§5.1): C0 controls but tab and line breaks, DEL,
# C1 controls but NEL, surrogates, U+FFFE and U+FFFF. Found before either reader runs, so
# that both report them alike (yaml-rs would stop at a NUL and say nothing).
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_MAX_REPORTED = 10


@dataclass(slots=True)
class Loaded:
    """What one file holds: its top-level value, positions, narrative and file-level problems."""

    data: Any
    source: SourceMap
    issues: list[Issue]
    narrative: str | None = None
    positioned: bool = True


def _decode(raw: bytes, path: str) -> tuple[str | None, list[Issue]]:
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        start = raw.rfind(b"\n", 0, exc.start) + 1
        # the column in characters, as an editor counts it, not in bytes
        column = len(raw[start : exc.start].decode("utf-8", "replace").lstrip("\ufeff")) + 1
        return None, [error(Position(path, line, column), "encoding", byte=exc.start + 1)]


# What a Chinese input method types by mistake: a full-width colon after a field name
# (field names are ASCII, so this is never meant), full-width spaces as indentation.
_WIDE_COLON = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][\w-]*)\s*\uff1a")
_WIDE_INDENT = re.compile(r"^[ ]*\u3000")


def _input_method(line: str, number: int, path: str) -> list[Issue]:
    found = _WIDE_COLON.match(line)
    if found is not None:
        column = found.end()
        return [error(Position(path, number, column), "full-width-colon", field=found.group(2))]
    indent = _WIDE_INDENT.match(line)
    if indent is not None:
        return [error(Position(path, number, indent.end()), "full-width-space")]
    return []


@dataclass(frozen=True, slots=True)
class _Repaired:
    """A text with each full-width colon after a field name read as the colon it meant.

    ``key：value`` is read as ``key: value``: the space put in moves the rest of its line one
    column on, and ``moved_back`` puts what was found there back where the clerk sees it.
    """

    text: str
    shifted: dict[int, int]  # line → the column past which positions are one too far on

    def moved_back(self, source: SourceMap, issues: list[Issue]) -> list[Issue]:
        """``issues`` and ``source`` at the columns of the text as written."""
        if not self.shifted:
            return issues
        for spots in (source.keys, source.values):
            for keypath, (line, column) in spots.items():
                if column > self.shifted.get(line, column):
                    spots[keypath] = (line, column - 1)
        return [self._back(issue) for issue in issues]

    def _back(self, issue: Issue) -> Issue:
        at = issue.position
        if at.column <= self.shifted.get(at.line, at.column):
            return issue
        return replace(issue, position=replace(at, column=at.column - 1))


def _repaired(text: str, issues: list[Issue], offset: int) -> _Repaired | None:
    """The text as meant when its only problems are full-width colons after field names."""
    if any(issue.rule != "full-width-colon" for issue in issues):
        return None
    lines = text.splitlines(keepends=True)  # as ``_scan_lines`` numbers them
    shifted: dict[int, int] = {}
    for issue in issues:
        index, at = issue.position.line - 1 - offset, issue.position.column - 1
        line = lines[index]
        spaced = line[at + 1 : at + 2] in ("", " ", "\t", "\r", "\n")
        lines[index] = line[:at] + (":" if spaced else ": ") + line[at + 1 :]
        if not spaced:
            shifted[issue.position.line] = issue.position.column
    return _Repaired("".join(lines), shifted)


def _scan_lines(text: str, path: str, line_offset: int) -> list[Issue]:
    """Find tabs in indentation and merge-conflict markers, which the parser reports badly."""
    issues: list[Issue] = []
    if (
        "\t" not in text
        and "<<<<<<<" not in text
        and "=======" not in text
        and ">>>>>>>" not in text
        and "\uff1a" not in text
        and "\u3000" not in text
    ):
        return issues
    for number, line in enumerate(text.splitlines(), start=1 + line_offset):
        match = _CONFLICT.match(line)
        if match:
            pos = Position(path, number, 1)
            issues.append(error(pos, "merge-conflict", marker=match.group(1)))
            continue
        issues += _input_method(line, number, path)
        indent = len(line) - len(line.lstrip(" \t"))
        tab = line.find("\t", 0, indent)
        if tab >= 0:
            issues.append(error(Position(path, number, tab + 1), "tab"))
    return issues


def _forbidden(text: str, path: str) -> list[Issue]:
    """Each character the YAML spec forbids, where it stands (the first few)."""
    if not _FORBIDDEN.search(text):
        return []
    issues: list[Issue] = []
    for match in _FORBIDDEN.finditer(text):
        start = match.start()
        line = text.count("\n", 0, start) + 1
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        code = f"U+{ord(match.group()):04X}"
        issues.append(error(Position(path, line, column), "forbidden-character", code=code))
        if len(issues) == _MAX_REPORTED:
            break
    return issues


def split_front_matter(text: str) -> tuple[str, int, str] | None:
    """Split Markdown into (YAML text, its first line's offset, body), or None."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return "".join(lines[1:index]), 1, "".join(lines[index + 1 :]).strip("\n")
    return None


def load_text(text: str, path: str, *, markdown: bool = False, positions: bool = True) -> Loaded:
    """Parse one record's text; problems come back as issues, never exceptions.

    Without ``positions`` the source map stays empty (``Loaded.positioned`` is False): a
    caller that finds a problem reads the file again with them.
    """
    source = SourceMap(path)
    narrative: str | None = None
    offset = 0
    forbidden = _forbidden(text, path)
    if forbidden:
        return Loaded(None, source, forbidden)
    if markdown:
        parts = split_front_matter(text)
        if parts is None:
            return Loaded(None, source, [error(Position(path), "front-matter")])
        text, offset, narrative = parts
    issues = _scan_lines(text, path, offset)
    repaired = _repaired(text, issues, offset) if issues else None
    if repaired is not None:  # read as meant, to report the file's other problems at once
        from ducha.store.nodes import node_values

        data, more, _ = node_values(repaired.text, source, offset, True)
        return Loaded(data, source, issues + repaired.moved_back(source, more), narrative)
    if issues:
        return Loaded(None, source, issues, narrative)
    if not positions:
        data = plain_values(text, MAX_NODES, MAX_DEPTH)
        if data is not DECLINED:
            return Loaded(data, source, [], narrative, positioned=False)
    from ducha.store.nodes import node_values  # libyaml: for positions, and what yaml-rs declines

    data, issues, positioned = node_values(text, source, offset, positions)
    return Loaded(data, source, issues, narrative, positioned)


def load_file(file: Path, relpath: str, *, positions: bool = True) -> Loaded:
    """Read and parse one file; unreadable or oversized files come back as issues."""
    raw = read_limited(file)
    if isinstance(raw, int):
        return Loaded(None, SourceMap(relpath), [too_large(relpath, raw)])
    return load_bytes(raw, relpath, positions=positions)


def read_limited(file: Path | str) -> bytes | int:
    """A file's content, or its size when that is over ``MAX_BYTES`` (it is not read)."""
    # Plain descriptor calls: open() builds two file objects and asks the file more
    # questions, and a cold run reads thousands of files.
    # non-blocking: a FIFO put where a record was expected must not hang the run
    fd = os.open(file, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_BINARY", 0))
    try:
        size = os.fstat(fd).st_size
        if size > MAX_BYTES:
            return size
        parts, total = [os.read(fd, size + 1)], 0
        while parts[-1] and total <= MAX_BYTES:  # to the end, should the file have grown
            total += len(parts[-1])
            parts.append(os.read(fd, _CHUNK))
        data = b"".join(parts)
        return len(data) if len(data) > MAX_BYTES else data
    finally:
        os.close(fd)


_CHUNK = 64 * 1024


def too_large(relpath: str, size: int) -> Issue:
    """The problem of a file over ``MAX_BYTES``, which is not parsed."""
    return error(Position(relpath), "too-large", size=size, limit=MAX_BYTES)


def load_bytes(raw: bytes, relpath: str, *, positions: bool = True) -> Loaded:
    """Parse one file's bytes (from disk or from a git blob) the same way."""
    if len(raw) > MAX_BYTES:
        return Loaded(None, SourceMap(relpath), [too_large(relpath, len(raw))])
    text, issues = _decode(raw, relpath)
    if text is None:
        return Loaded(None, SourceMap(relpath), issues)
    return load_text(text, relpath, markdown=relpath.lower().endswith(".md"), positions=positions)
