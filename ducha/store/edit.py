"""Changes to a visit file a clerk asks for by command: a report-back, a return-visit result.

Each change is worked out first as an ``Edit`` (the text before and after, the evidence to
copy), which ``--dry-run`` shows and ``apply`` writes. The file is edited with ruamel's
round-trip loader, so comments and key order stay; an edit that would lose a comment, or
leave the file failing ``validate``, is refused before anything is written. ``apply`` holds
the repository's lock and writes only if the file is still what the edit was made from.
"""

from __future__ import annotations

import contextlib
import copy
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ducha.domain.index import Index
from ducha.errors import UserError
from ducha.store.evidence import Copy
from ducha.store.fmt import comments_kept
from ducha.store.loader import split_front_matter
from ducha.store.writing import create_new, create_new_bytes, locked, replace_file


@dataclass(frozen=True, slots=True)
class Edit:
    """One record file's text before and after a change ("" before: a new file)."""

    path: str  # repository-relative
    before: str
    after: str
    copies: tuple[Copy, ...] = ()

    @property
    def created(self) -> bool:
        """Whether the edit makes a new file."""
        return not self.before


def round_trip() -> Any:
    """The ruamel loader every edit uses: quotes kept, long lines never reflowed."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def edited(repo: Index, relpath: str, change: Callable[[Any], None]) -> Edit:
    """The edit that ``change`` (given the file's data, changing it in place) makes."""
    from ducha.store.create import loaded_or_refused, refuse_if_invalid

    file = repo.root / relpath
    try:
        raw = file.read_bytes()
        before = raw.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError("edit-unreadable", path=relpath, reason=str(exc)) from exc
    head, body, tail = _split(before.replace("\r\n", "\n"), relpath)
    yaml = round_trip()
    data = loaded_or_refused(yaml, body, repo, relpath, raw)
    if not hasattr(data, "keys"):
        raise UserError("edit-unreadable", path=relpath, reason="not a mapping")
    change(data)
    stream = io.StringIO()
    yaml.dump(data, stream)
    after = head + stream.getvalue() + tail
    if "\r\n" in before:  # a file saved on Windows keeps its line ends: git shows one line
        after = after.replace("\n", "\r\n")
    if raw.startswith(b"\xef\xbb\xbf"):
        after = "\ufeff" + after
    # ruamel drops comments inside [ ] and { }: such a file is not edited
    if not comments_kept(before, after.removeprefix("\ufeff")):
        raise UserError("comments-would-be-lost", path=relpath)
    refuse_if_invalid(repo, relpath, after, before)
    return Edit(relpath, before, after)


def _split(text: str, relpath: str) -> tuple[str, str, str]:
    """A file's front-matter head, YAML and Markdown tail (only YAML for a .yaml file)."""
    if not relpath.endswith(".md"):
        return "", text, ""
    parts = split_front_matter(text)
    if parts is None:
        raise UserError("edit-unreadable", path=relpath, reason="no front matter")
    body = parts[0]
    head = text[: text.index(body)] if body else "---\n"
    return head, body, text[len(head) + len(body) :]


def apply(root: Path, edit: Edit) -> None:
    """Write an edit: copy its evidence in, then the record, under the repository's lock.

    If the file changed since the edit was worked out (a colleague's save, a ``git pull``),
    nothing is written. A copy made for a record that then cannot be written is removed.
    """
    path = root / edit.path
    with locked(root):
        try:
            now = path.read_bytes().decode("utf-8-sig") if path.exists() else ""
        except (OSError, UnicodeDecodeError) as exc:
            raise UserError("edit-unreadable", path=edit.path, reason=str(exc)) from exc
        if now != edit.before:
            raise UserError("edit-stale", path=edit.path)
        made: list[Path] = []
        try:
            for copy in edit.copies:
                if copy.source is not None:
                    create_new_bytes(root / copy.recorded, copy.source.read_bytes())
                    made.append(root / copy.recorded)
            if edit.created:
                create_new(path, edit.after)
            else:
                replace_file(path, edit.after)
        except BaseException:
            for file in made:
                with contextlib.suppress(OSError):
                    file.unlink()
            raise


def add_item(node: Any, key: str, item: Any, order: tuple[str, ...] = ()) -> None:
    """Add ``item`` to the list ``node[key]``: made if missing, a single value wrapped.

    A new key goes where ``order`` (the schema's) puts it among the keys there. The blank
    lines that closed the list (or the mapping, when the key is its last) close it still.
    """
    from ruamel.yaml.comments import CommentedSeq

    items = node.get(key)
    if isinstance(items, list):
        if items:
            _with_tail_moved(items, _last_scalar(items), lambda: items.append(item))
            return
        style = getattr(items, "fa", None)
        if style is not None:
            style.set_block_style()  # ``[]`` written by ``new visit``: items go below
        _with_tail_moved(items, (node, key), lambda: items.append(item))
        return
    fresh = CommentedSeq([item] if items is None else [items, item])
    if items is not None:
        node[key] = fresh
        return
    later = order[order.index(key) + 1 :] if key in order else ()
    place = next((i for i, k in enumerate(node) if k in later), None)
    if place is not None:
        node.insert(place, key, fresh)
        return
    _with_tail_moved(node, _last_scalar(node), lambda: node.__setitem__(key, fresh))


def mapping_at(node: Any, key: str, order: tuple[str, ...]) -> Any:
    """``node[key]`` as a mapping to add to: made where ``order`` puts it if missing."""
    from ruamel.yaml.comments import CommentedMap

    value = node.get(key)
    if isinstance(value, dict):
        return value
    made = CommentedMap()
    later = order[order.index(key) + 1 :] if key in order else ()
    place = next((i for i, k in enumerate(node) if k in later), None)
    if value is not None or place is None:
        node[key] = made
    else:
        node.insert(place, key, made)
    return made


def _with_tail_moved(owner: Any, before: tuple[Any, Any] | None, add: Callable[[], None]) -> None:
    """Run ``add`` (which adds a last child to ``owner``), keeping blank lines last.

    ruamel keeps the blank lines after a block with its last scalar (``before``); a child
    added after it would come below them, away from its siblings.
    """
    add()
    after = _last_scalar(owner)
    if before is None or after is None or before == after:
        return
    token = _tail_token(*before)
    if token is None or not token.value.endswith("\n\n"):
        return
    text = token.value.rstrip("\n")
    moved = copy.copy(token)
    moved.value = "\n" * (len(token.value) - len(text))
    token.value = text + "\n" if text else "\n"
    container, key = after
    notes: Any = container.ca
    notes.items[key] = [moved, None] if isinstance(container, list) else [None, None, moved, None]


def _last_scalar(node: Any) -> tuple[Any, Any] | None:
    """The container and key of the last scalar written under ``node``."""
    while isinstance(node, dict | list) and node:
        key = len(node) - 1 if isinstance(node, list) else list(node)[-1]
        value = node[key]
        if not (isinstance(value, dict | list) and value):
            return node, key
        node = value
    return None


def _tail_token(container: Any, key: Any) -> Any:
    entry = getattr(container, "ca", None)
    found = entry.items.get(key) if entry is not None else None
    if not found:
        return None
    return found[0] if isinstance(container, list) else found[2]
