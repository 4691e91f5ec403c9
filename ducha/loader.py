"""Read one record file into plain Python values and a map of where each value stands.

PyYAML's libyaml composer gives every node its position at C speed; ducha builds the values
itself from those nodes so that it controls scalar typing (YAML 1.2 core rules: ``no`` stays
text, only ``true``/``false`` are booleans), sees duplicate keys, and refuses alias bombs
before they expand.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ducha.fastyaml import DECLINED, plain_values
from ducha.issues import Issue, Position, error
from ducha.scalars import NUMERIC_START, SPECIAL, plain
from ducha.source import KeyPath, SourceMap

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

_TAGS = {
    yaml.ScalarNode: "tag:yaml.org,2002:str",
    yaml.SequenceNode: "tag:yaml.org,2002:seq",
    yaml.MappingNode: "tag:yaml.org,2002:map",
}

try:
    from yaml._yaml import CParser

    _HAVE_LIBYAML = True
except ImportError:  # PyYAML built without libyaml: the pure-Python composer, same results
    _HAVE_LIBYAML = False


def _compose(text: str) -> yaml.Node | None:
    """One document's node tree, with a position on every node."""
    if not _HAVE_LIBYAML:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    parser = _Composer(text)
    try:
        node: yaml.Node | None = parser.get_single_node()
        return node
    finally:
        parser.dispose()


if _HAVE_LIBYAML:

    class _Composer(CParser):
        """libyaml's composer without PyYAML's tag resolution.

        ducha types scalars itself (``_scalar``); skipping the resolver composes ~40% faster.
        """

        def resolve(self, kind: type[yaml.Node], value: str, implicit: object) -> str:
            del value, implicit
            return _TAGS[kind]

        def descend_resolver(self, parent: object, index: object) -> None:
            del parent, index

        def ascend_resolver(self) -> None:
            return None


_CONFLICT = re.compile(r"(<{7}|={7}|>{7})(\s|$)")


@dataclass(slots=True)
class Loaded:
    """What one file holds: its top-level value, positions, narrative and file-level problems."""

    data: Any
    source: SourceMap
    issues: list[Issue]
    narrative: str | None = None
    positioned: bool = True


class _TooComplex(Exception):
    pass


class _Builder:
    """Turns composed YAML nodes into plain values, recording positions as it goes."""

    def __init__(self, source: SourceMap, line_offset: int) -> None:
        self.source = source
        self.offset = line_offset
        self.nodes = 0
        self.issues: list[Issue] = []

    def _spot(self, node: yaml.Node) -> tuple[int, int]:
        return (node.start_mark.line + 1 + self.offset, node.start_mark.column + 1)

    def build(self, node: yaml.Node, keypath: KeyPath, depth: int = 0) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES or depth > MAX_DEPTH:
            raise _TooComplex
        self.source.values[keypath] = self._spot(node)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, keypath, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*keypath, i), depth + 1) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return _scalar(node)

    def _mapping(self, node: yaml.MappingNode, keypath: KeyPath, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(_scalar(key_node)) if isinstance(key_node, yaml.ScalarNode) else "?"
            spot = self._spot(key_node)
            if key in result:
                first = self.source.keys[(*keypath, key)]
                pos = Position(self.source.path, *spot)
                self.issues.append(error(pos, "duplicate-key", name=key, line=first[0]))
                continue
            self.source.keys[(*keypath, key)] = spot
            result[key] = self.build(value_node, (*keypath, key), depth + 1)
        return result


class _Duplicate(Exception):
    pass


def _plain(node: yaml.Node, budget: list[int], depth: int = 0) -> Any:
    """Values without positions: the fast path for the many files that have no problem.

    It runs for every node of every file read, so scalars, most of the nodes, are typed
    here without a call of their own.
    """
    kind = type(node)
    if kind is _ScalarNode:
        if depth > MAX_DEPTH:
            raise _TooComplex
        budget[0] -= 1
        return _scalar(node)  # type: ignore[arg-type]
    items = node.value
    if depth > MAX_DEPTH or (depth == MAX_DEPTH and items):  # as deep as _Builder allows
        raise _TooComplex
    budget[0] -= len(items) + 1
    if budget[0] < 0:
        raise _TooComplex
    if kind is _SequenceNode:
        return [
            _scalar(item) if type(item) is _ScalarNode else _plain(item, budget, depth + 1)
            for item in items
        ]
    return _plain_mapping(items, budget, depth)


def _plain_mapping(items: list[tuple[Any, Any]], budget: list[int], depth: int) -> Any:
    result: dict[str, Any] = {}
    for key_node, value_node in items:
        key = key_node.value
        if type(key_node) is not _ScalarNode:
            key = "?"
        elif not key_node.style and (key in SPECIAL or key[0] in NUMERIC_START):
            key = str(_scalar(key_node))
        if key in result:
            raise _Duplicate  # reported with positions by the full builder
        if type(value_node) is _ScalarNode:
            result[key] = _scalar(value_node)
        else:
            result[key] = _plain(value_node, budget, depth + 1)
    return result


_ScalarNode, _SequenceNode = yaml.ScalarNode, yaml.SequenceNode


def _scalar(node: yaml.ScalarNode) -> Any:
    value: str = node.value
    # quoted or block scalars are always text; most plain ones are words
    if node.style or (value not in SPECIAL and value[0] not in NUMERIC_START):
        return value
    return plain(value)


def _decode(raw: bytes, path: str) -> tuple[str | None, list[Issue]]:
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [error(Position(path, line, column), "encoding", byte=exc.start + 1)]


def _scan_lines(text: str, path: str, line_offset: int) -> list[Issue]:
    """Find tabs in indentation and merge-conflict markers, which the parser reports badly."""
    issues: list[Issue] = []
    if (
        "\t" not in text
        and "<<<<<<<" not in text
        and "=======" not in text
        and ">>>>>>>" not in text
    ):
        return issues
    for number, line in enumerate(text.splitlines(), start=1 + line_offset):
        match = _CONFLICT.match(line)
        if match:
            pos = Position(path, number, 1)
            issues.append(error(pos, "merge-conflict", marker=match.group(1)))
            continue
        indent = len(line) - len(line.lstrip(" \t"))
        tab = line.find("\t", 0, indent)
        if tab >= 0:
            issues.append(error(Position(path, number, tab + 1), "tab"))
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
    if markdown:
        parts = split_front_matter(text)
        if parts is None:
            return Loaded(None, source, [error(Position(path), "front-matter")])
        text, offset, narrative = parts
    issues = _scan_lines(text, path, offset)
    if issues:
        return Loaded(None, source, issues, narrative)
    if not positions:
        data = plain_values(text, MAX_NODES, MAX_DEPTH)
        if data is not DECLINED:
            return Loaded(data, source, [], narrative, positioned=False)
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1 + offset, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "?"
        return Loaded(
            None, source, [error(Position(path, line, column), "yaml-syntax", problem=problem)]
        )
    except yaml.YAMLError as exc:
        return Loaded(None, source, [error(Position(path), "yaml-syntax", problem=str(exc))])
    if node is None:
        return Loaded(None, source, [error(Position(path, 1 + offset, 1), "empty-file")], narrative)
    return _values(node, source, offset, narrative, positions)


def _values(
    node: yaml.Node, source: SourceMap, offset: int, narrative: str | None, positions: bool
) -> Loaded:
    too_complex = [error(Position(source.path, 1 + offset, 1), "too-complex")]
    if not positions:
        try:
            return Loaded(_plain(node, [MAX_NODES]), source, [], narrative, positioned=False)
        except _Duplicate:
            pass  # the full builder reports it where it stands
        except (_TooComplex, RecursionError):
            return Loaded(None, source, too_complex)
    builder = _Builder(source, offset)
    try:
        data = builder.build(node, ())
    except (_TooComplex, RecursionError):
        return Loaded(None, source, too_complex)
    return Loaded(data, source, builder.issues, narrative)


def load_file(file: Path, relpath: str, *, positions: bool = True) -> Loaded:
    """Read and parse one file; unreadable or oversized files come back as issues."""
    raw = read_limited(file)
    if isinstance(raw, int):
        return Loaded(None, SourceMap(relpath), [too_large(relpath, raw)])
    return load_bytes(raw, relpath, positions=positions)


def read_limited(file: Path | str) -> bytes | int:
    """A file's content, or its size when that is over ``MAX_BYTES`` (it is not read)."""
    # One open, one fstat and one read: a cold run reads thousands of files.
    with open(file, "rb") as stream:  # noqa: PTH123
        size = os.fstat(stream.fileno()).st_size
        return size if size > MAX_BYTES else stream.read()


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
