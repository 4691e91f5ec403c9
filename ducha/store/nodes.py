"""libyaml's node tree into plain values: with a position for every key and value, or fast.

PyYAML's libyaml composer gives every node its position at C speed; ducha builds the values
itself from those nodes so that it controls scalar typing (``scalars.py``: ``no`` stays
text, only ``true``/``false`` are booleans), sees duplicate keys, and refuses alias bombs
before they expand. Imported only for a file that needs it: one with a problem (read with
positions) or one ``fastyaml.py`` declines.
"""

from __future__ import annotations

from typing import Any

import yaml

from ducha.checks.issues import Issue, Phrase, Position, error
from ducha.checks.source import KeyPath, SourceMap
from ducha.store.loader import MAX_DEPTH, MAX_NODES
from ducha.store.scalars import NUMERIC_START, SPECIAL, key_text, plain

# libyaml's words for a problem -> what a clerk is told (outputs/i18n.py, "yp-…")
_PROBLEMS = (
    ("did not find expected ',' or ']'", "yp-brackets"),
    ("did not find expected ',' or '}'", "yp-braces"),
    ("found unexpected end of stream", "yp-end"),
    ("mapping values are not allowed", "yp-colon"),
    ("did not find expected '-' indicator", "yp-dash"),
    ("did not find expected key", "yp-indent"),
    ("expected <block end>", "yp-indent"),
    ("could not find expected ':'", "yp-no-colon"),
    ("found undefined alias", "yp-alias"),
    ("found duplicate anchor", "yp-anchor"),
    ("found character that cannot start any token", "yp-start"),
    ("found unknown escape character", "yp-escape"),
    ("expected alphabetic or numeric character", "yp-name"),
    ("found unexpected ':'", "yp-colon"),
    ("expected a single document", "yp-documents"),
    ("expected '<document start>'", "yp-documents"),
)


def yaml_problem(words: str) -> Phrase:
    """What libyaml found, in the clerk's words (its own English only in English)."""
    key = next((k for found, k in _PROBLEMS if found in words), "yp-other")
    return Phrase(key, detail=words)


def node_values(
    text: str, source: SourceMap, offset: int, positions: bool
) -> tuple[Any, list[Issue], bool]:
    """The value of one document, its problems, and whether ``source`` was filled.

    Problems come back as issues, never exceptions. Without ``positions`` the values are
    built without them, unless a duplicate key needs its position.
    """
    path = source.path
    try:
        node = _compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1 + offset, mark.column + 1) if mark else (1, 1)
        problem = yaml_problem(exc.problem or exc.context or "?")
        return None, [error(Position(path, line, column), "yaml-syntax", problem=problem)], True
    except yaml.YAMLError as exc:
        return None, [error(Position(path), "yaml-syntax", problem=yaml_problem(str(exc)))], True
    if node is None:
        return None, [error(Position(path, 1 + offset, 1), "empty-file")], True
    too_complex = [error(Position(path, 1 + offset, 1), "too-complex")]
    if not positions:
        try:
            return _plain(node, [MAX_NODES]), [], False
        except _Duplicate:
            pass  # the full builder reports it where it stands
        except (_TooComplex, RecursionError):
            return None, too_complex, True
    builder = _Builder(source, offset)
    try:
        data = builder.build(node, ())
    except (_TooComplex, RecursionError):
        return None, too_complex, True
    return data, builder.issues, True


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
            key = key_text(_scalar(key_node)) if isinstance(key_node, yaml.ScalarNode) else "?"
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
            key = key_text(_scalar(key_node))
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
