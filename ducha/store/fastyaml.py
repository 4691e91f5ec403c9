"""A faster reading of the record files that use nothing unusual, with yaml-rs (Rust).

yaml-rs is several times faster than libyaml's composer and ducha's value builder (figures
in bench/README.md): most of what a cold ``validate`` spends beyond the checks themselves.
It reads only text that avoids every construct on which the two could differ, its values
are typed by ducha's own rules (``scalars.py``), and on anything else, any error included,
it declines: libyaml reads the file, and reports problems where they stand. Without the
package (no wheel for a platform) every file goes to libyaml, with the same results.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from ducha.store.scalars import NUMERIC_START, SPECIAL, key_text, plain

_loads: Callable[..., Any] | None
try:
    from yaml_rs import loads as _loads
except ImportError:  # wheels exist for the usual platforms
    _loads = None

DECLINED: Any = object()

# Quoted and block scalars (always text to ducha), anchors and aliases, tags, directives,
# complex keys, reserved indicators, tabs, carriage returns, backslashes, byte-order marks.
_CHARACTERS = ("'", '"', "|", ">", "&", "*", "!", "%", "?", "@", "`", "\t", "\r", "\\", "\ufeff")
# Numbers YAML 1.2 reads and ducha leaves as text (0x1F, 0o17, 0b101, 1_000), documents
# other than one, nested sequences on one line and deep indentation (yaml-rs recurses, and
# crashes at some thousands of levels; ducha refuses more than 64 with positions).
_STRINGS = ("0x", "0o", "0b", "- - ", "\n---", "\n...", "\n" + " " * 40)
_DIGIT_UNDERSCORE = re.compile(r"[0-9]_")


class _Decline(Exception):
    pass


def plain_values(text: str, max_nodes: int, max_depth: int) -> Any:
    """The values of one YAML document, typed as ``loader.py`` types them, or ``DECLINED``.

    It declines well before ``max_nodes`` values, so that libyaml alone decides which files
    are too complex.
    """
    if (
        _loads is None
        or any(c in text for c in _CHARACTERS)
        or any(s in text for s in _STRINGS)
        or text.startswith(("---", "..."))
        or ("_" in text and _DIGIT_UNDERSCORE.search(text))
        # a colon followed by neither space nor line end (``a:]``, ``:x``): YAML 1.2 reads
        # some of these where libyaml, a YAML 1.1 parser, stops
        or text.count(":") != text.count(": ") + text.count(":\n")
    ):
        return DECLINED
    try:
        value = _loads(text, parse_datetime=False)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # noqa: BLE001 - a syntax error, reported by libyaml with its position
        return DECLINED  # (or a panic in yaml-rs, which pyo3 raises as a BaseException)
    if value is None:  # nothing but comments: libyaml says so
        return DECLINED
    try:
        return _item(value, [max_nodes // 2], max_depth + 1)
    except _Decline:
        return DECLINED


def _typed(value: Any, budget: list[int], depth: int) -> Any:
    """A container with its text typed by ducha's rules; raises ``_Decline`` on the unexpected.

    Scalars, most of the values, are typed here without a call of their own.
    """
    if depth < 0 or (depth == 0 and value):
        raise _Decline  # nested too deep: libyaml says so
    budget[0] -= len(value) + 1
    if budget[0] < 0:
        raise _Decline  # too many values: libyaml says so
    if type(value) is list:
        return [
            item
            if type(item) is str and item[:1] not in NUMERIC_START and item not in SPECIAL
            else _item(item, budget, depth)
            for item in value
        ]
    result: dict[str, Any] = {}
    for key, item in value.items():
        if type(key) is not str or key[:1] in NUMERIC_START or key in SPECIAL:
            key = _key(key)
        if key in result:
            raise _Decline  # two keys ducha reads as one: libyaml reports it
        if type(item) is str and item[:1] not in NUMERIC_START and item not in SPECIAL:
            result[key] = item  # a word, as most values are
        else:
            result[key] = _item(item, budget, depth)
    return result


def _item(value: Any, budget: list[int], depth: int) -> Any:
    kind = type(value)
    if kind is str:  # every scalar was plain (no quotes, no blocks): ducha types it
        return value if value[:1] not in NUMERIC_START and value not in SPECIAL else plain(value)
    if kind is dict or kind is list:
        return _typed(value, budget, depth - 1)
    if kind is float and not math.isfinite(value):
        raise _Decline  # .inf, .nan: text to ducha
    if kind is int or kind is float or kind is bool or value is None:
        return value
    raise _Decline


def _key(key: Any) -> str:
    """A mapping key as ``loader.py`` makes it: the text of its typed value."""
    if type(key) is str:
        return key_text(plain(key))
    if key is None:
        raise _Decline  # an empty key, which libyaml refuses
    if type(key) is int or type(key) is bool or (type(key) is float and math.isfinite(key)):
        return key_text(key)
    raise _Decline
