"""Where each key and value of a record file stands: the positions problems point to.

Apart from the loader, so that code that only reads positions does not import YAML.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ducha.checks.issues import Position

KeyPath = tuple[str | int, ...]


@dataclass
class SourceMap:
    """Where each key and value of a file stands; 1-based lines and columns."""

    path: str
    keys: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    values: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)

    def key(self, keypath: KeyPath) -> Position:
        """Position of the key that names ``keypath``, else of its value."""
        spot = self.keys.get(keypath) or self.values.get(keypath)
        return self._position(spot, keypath)

    def value(self, keypath: KeyPath) -> Position:
        """Position of the value at ``keypath``, else of the nearest enclosing one."""
        return self._position(self.values.get(keypath), keypath)

    def item(self, keypath: KeyPath, index: int) -> KeyPath:
        """Key path of item ``index`` of a one-or-list value; a lone value is its own item."""
        return (*keypath, index) if (*keypath, 0) in self.values else keypath

    def _position(self, spot: tuple[int, int] | None, keypath: KeyPath) -> Position:
        while spot is None and keypath:
            lone = isinstance(keypath[-1], int)  # item 0 of a lone value is the value itself
            keypath = keypath[:-1]
            if lone:
                spot = self.values.get(keypath) or self.keys.get(keypath)
            else:
                spot = self.keys.get(keypath) or self.values.get(keypath)
        line, column = spot or (1, 1)
        return Position(self.path, line, column)
