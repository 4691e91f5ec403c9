"""Normalise record files in place, keeping every comment: ``ducha fmt``.

Keys go in the schema's order, enumerated values are written as labels (or codes, as
``fmt.values`` in ducha.yaml says), deadlines in one spelling (``3个工作日``, ``立行立改``)
and dates as YYYY-MM-DD. Only files without problems are touched; running it twice
changes nothing the second time.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from typing import Any

from ducha.domain.settings import Settings
from ducha.domain.vocab import Vocabulary
from ducha.store.deadlines import spell
from ducha.store.loader import split_front_matter
from ducha.store.schema import (
    TEAMS_FILE,
    UNITS_FILE,
    VISIT,
    Choice,
    Date,
    Deadline,
    Many,
    Obj,
    Seq,
    Type,
)


@dataclass(frozen=True, slots=True)
class Formatted:
    """A file's text before and after."""

    path: str
    before: str
    after: str

    @property
    def changed(self) -> bool:
        """Whether formatting changes the file."""
        return self.before != self.after


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never reflow a long description
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _spell(vocabulary: Vocabulary, value: Any, labels: bool) -> Any:
    if not isinstance(value, str):
        return value
    term = vocabulary.lookup(value)
    if term is None:
        return value
    return term.zh if labels else term.code


def _deadline(value: Any, labels: bool) -> Any:
    return spell(value, labels=labels)


def _walk(node: Any, spec: Type, settings: Settings, labels: bool) -> Any:  # noqa: C901 — one branch per type
    vocabularies = settings.vocabularies()
    if isinstance(spec, Obj) and hasattr(node, "keys"):
        order = [f.name for f in spec.fields]
        known = [k for k in order if k in node] + [k for k in node if k not in order]
        for position, key in enumerate(
            known
        ):  # move keys into schema order; comments travel with them
            if list(node.keys())[position] != key:
                value = node.pop(key)
                node.insert(position, key, value)
        for field in spec.fields:
            if field.name in node and node[field.name] is not None:
                node[field.name] = _walk(node[field.name], field.type, settings, labels)
        return node
    if isinstance(spec, Seq | Many) and isinstance(node, list):
        for index, item in enumerate(node):
            node[index] = _walk(item, spec.item, settings, labels)
        return node
    if isinstance(spec, Many):
        return _walk(node, spec.item, settings, labels)
    if isinstance(spec, Choice):
        return _spell(vocabularies[spec.vocabulary], node, labels)
    if isinstance(spec, Deadline):
        return _deadline(node, labels)
    if isinstance(spec, Date):
        return _date(node)
    return node


def _date(value: Any) -> Any:
    """YYYY-MM-DD, zero-padded; anything that is not a real date is left for validate."""
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", value.strip()):
        try:
            return dt.date(*(int(part) for part in value.strip().split("-")))
        except ValueError:
            return value
    return value


def format_text(text: str, relpath: str, settings: Settings) -> str:
    """The normalised text of one record file (a visit, units.yaml or teams.yaml)."""
    spec = {"units.yaml": UNITS_FILE, "teams.yaml": TEAMS_FILE}.get(relpath, VISIT)
    head, body, tail = "", text, ""
    if relpath.endswith(".md"):
        parts = split_front_matter(text)
        if parts is None:
            return text
        body = parts[0]
        head = text[: text.index(body)] if body else "---\n"
        tail = text[len(head) + len(body) :]
    yaml = _yaml()
    data = yaml.load(body)
    if data is None:
        return text
    data = _walk(data, spec, settings, settings.fmt_values != "codes")
    stream = io.StringIO()
    yaml.dump(data, stream)
    after = head + stream.getvalue() + tail
    # ruamel drops comments inside [ ] and { }, and a comment above an item travels with
    # the key before it when keys move: such a file is left exactly as it is
    return after if comments_in_place(text, after) else text


def comments_in_place(before: str, after: str) -> bool:
    """Whether every comment of ``before`` is in ``after``, before the same line of data."""
    return _comments(before) == _comments(after)


def comments_kept(before: str, after: str) -> bool:
    """Whether every comment of ``before`` is still somewhere in ``after``."""
    from collections import Counter

    kept = Counter(c for c, _ in _comments(after))
    return all(kept[c] >= n for c, n in Counter(c for c, _ in _comments(before)).items())


def _comments(text: str) -> list[tuple[str, tuple[object, ...]]]:
    """Each comment with what it belongs to: the list item or the field below it, or its line.

    A comment above a list item stays above the same item (counted in order); one above a
    field stays above that field, wherever fmt moves it; one at a line's end stays on it.
    """
    found: list[tuple[str, tuple[object, ...]]] = []
    pending: list[str] = []
    items, seen = 0, False
    for line in text.splitlines():
        code, comment = _split_comment(line)
        if not code.strip():
            if comment:
                pending.append(comment)
            continue
        stripped = code.strip()
        starts_item = stripped.startswith("- ") or stripped == "-"
        items += starts_item
        indent = len(code) - len(code.lstrip())
        anchor: tuple[object, ...] = (
            ("item", indent, items) if starts_item else ("key", _key_of(code))
        )
        if not seen:  # above the first line of data: the file's own heading
            anchor, seen = ("top",), True
        found += [(c, anchor) for c in pending]
        pending = []
        if comment:
            found.append((comment, ("on", _key_of(code))))
    return found + [(c, ("end",)) for c in pending]


def _key_of(code: str) -> str:
    """The field a line of data is about (its values may be respelled by fmt)."""
    stripped = code.strip().lstrip("- ").strip()
    return stripped.split(":", 1)[0].strip() if ":" in stripped else stripped[:1]


def _split_comment(line: str) -> tuple[str, str]:
    """A line's data and its comment: ``#`` after a space, outside quotes."""
    quote = ""
    for i, char in enumerate(line):
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char == "#" and (i == 0 or line[i - 1] in " \t"):
            return line[:i], line[i:].strip()
    return line, ""


def format_files(settings: Settings, relpaths: list[str]) -> list[Formatted]:
    """Format each file; the caller decides whether to write."""
    results = []
    for relpath in relpaths:
        file = settings.root / relpath
        before = file.read_text(encoding="utf-8-sig")
        results.append(Formatted(relpath, before, format_text(before, relpath, settings)))
    return results


def write(settings: Settings, formatted: Formatted) -> bool:
    """Replace a changed file atomically, unless it changed since it was read (then False).

    An edit a clerk saves while ``fmt`` runs is never overwritten.
    """
    from ducha.store.writing import locked, replace_file

    path = settings.root / formatted.path
    with locked(settings.root):
        if path.read_text(encoding="utf-8-sig") != formatted.before:
            return False
        replace_file(path, formatted.after)
    return True
