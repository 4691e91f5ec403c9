"""Check plain values against the schema, returning normalised values and positioned issues."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ducha.checks.issues import Issue, Phrase, error
from ducha.checks.source import KeyPath, SourceMap
from ducha.domain.vocab import Vocabulary
from ducha.store.deadlines import read_deadline
from ducha.store.schema import (
    Bool,
    Choice,
    Date,
    Deadline,
    Field,
    Int,
    Many,
    MapOf,
    Number,
    Obj,
    Seq,
    Text,
    Type,
)

_DATEISH = re.compile(r"\d{4}-\d{1,2}-\d{1,2}\Z")
# Written through YAML escapes ("\e[2K", "\x07"): characters that move a terminal's
# cursor, clear lines or set its title, and bidirectional overrides that reorder text.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class _Bad:
    """Marks a value that failed its type; callers drop it."""


BAD = _Bad()
PARTIAL = "\0partial"  # the key that marks a record built without some required field


@dataclass(slots=True)
class Conformer:
    """Walks one file's values with its source map, collecting issues."""

    vocabularies: Mapping[str, Vocabulary]
    source: SourceMap
    issues: list[Issue] = field(default_factory=list)

    def check(self, value: Any, spec: Type, keypath: KeyPath = ()) -> Any:
        """Return the normalised value, or ``BAD`` after recording why it is wrong."""
        # One dictionary lookup on the spec's exact type: this runs for every value of every
        # file read, and a chain of isinstance tests cost a fifth of the whole check.
        return _CHECKS[type(spec)](self, value, spec, keypath)

    def _fail(self, keypath: KeyPath, rule: str, msg: str | None = None, **args: Any) -> _Bad:
        self.issues.append(
            error(self.source.value(keypath), rule, msg, field=_name(keypath), **args)
        )
        return BAD

    def _type(self, value: Any, keypath: KeyPath, expected: str) -> _Bad:
        return self._fail(
            keypath,
            "wrong-type",
            expected=Phrase(f"type-{expected}"),
            actual=Phrase(f"type-{_kind(value)}"),
        )

    def _obj(self, value: Any, spec: Obj, keypath: KeyPath) -> Any:
        if not isinstance(value, dict):
            return self._type(value, keypath, "map")
        result: dict[str, Any] = {}
        fields = _fields(spec)
        for key, item in value.items():
            found = fields.get(key) if isinstance(key, str) else None
            if found is None:
                self._unknown(key, fields, keypath)
                continue
            if item is None:
                continue  # an empty value means "not given"
            checked = self.check(item, found.type, (*keypath, key))
            if checked is not BAD:
                result[key] = checked
        if self._complete(value, result, spec, keypath):
            return result
        if spec.partial:
            result[PARTIAL] = True
            return result
        return BAD

    def _complete(
        self, value: dict[Any, Any], result: dict[str, Any], spec: Obj, keypath: KeyPath
    ) -> bool:
        """Whether every required field is in ``result``; those not written are reported."""
        ok = True
        for name in _REQUIRED[id(spec)]:
            if name not in result:
                ok = False
                if value.get(name) is None:
                    pos = self.source.key(keypath) if keypath else self.source.value(())
                    self.issues.append(error(pos, "missing-field", field=_name((*keypath, name))))
        return ok

    def _unknown(self, key: Any, fields: dict[str, Field], keypath: KeyPath) -> None:
        """A key the schema does not know, with the closest one it does ("是不是 …")."""
        words = key if isinstance(key, str) else _yaml_word(key)
        close = closest_field(words, fields)
        hint = Phrase("hint", suggestion=close) if close else Phrase("no-hint")
        pos = self.source.key((*keypath, key))
        self.issues.append(error(pos, "unknown-field", field=words, hint=hint))

    def _list(self, value: Any, spec: Seq | Many, keypath: KeyPath) -> Any:
        if not isinstance(value, list):
            single_ok = isinstance(spec, Many) and (
                not isinstance(value, dict) or isinstance(spec.item, Obj)
            )
            if not single_ok:
                return self._type(value, keypath, "list")
            value = [value]
        # Bad items stay as None so that positions in the list (finding numbers) hold.
        return [
            None if (checked := self.check(item, spec.item, (*keypath, i))) is BAD else checked
            for i, item in enumerate(value)
        ]

    def _map_of(self, value: Any, spec: MapOf, keypath: KeyPath) -> Any:
        if not isinstance(value, dict):
            return self._type(value, keypath, "map")
        result = {}
        for key, item in value.items():
            checked = self.check(item, spec.value, (*keypath, key))
            if checked is not BAD:
                result[key] = checked
        return result

    def _choice(self, value: Any, spec: Choice, keypath: KeyPath) -> Any:
        vocabulary = self.vocabularies[spec.vocabulary]
        if not isinstance(value, str):
            return self._type(value, keypath, "text")
        term = vocabulary.lookup(value)
        if term is None:
            return self._fail(
                keypath,
                "unknown-value",
                value=value,
                choices=vocabulary.choices(),
                hint=value_hint(vocabulary, value),
            )
        return term.code

    def _date(self, value: Any, spec: Date, keypath: KeyPath) -> Any:
        del spec
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str) and _DATEISH.match(value.strip()):
            try:
                return dt.date(*(int(part) for part in value.strip().split("-")))
            except ValueError:
                pass
        return self._fail(keypath, "bad-date", value=value)

    def _deadline(self, value: Any, spec: Deadline, keypath: KeyPath) -> Any:
        del spec
        due = read_deadline(value)
        if due is not None:
            return due
        if isinstance(value, str) and _DATEISH.match(value.strip()):
            return self._fail(keypath, "bad-date", value=value)
        return self._fail(keypath, "bad-deadline", value=value)

    def _bool(self, value: Any, spec: Bool, keypath: KeyPath) -> Any:
        del spec
        return value if isinstance(value, bool) else self._type(value, keypath, "bool")

    def _int(self, value: Any, spec: Int, keypath: KeyPath) -> Any:
        if isinstance(value, int) and not isinstance(value, bool) and value >= spec.minimum:
            return value
        return self._type(value, keypath, "int")

    def _number(self, value: Any, spec: Number, keypath: KeyPath) -> Any:
        del spec
        if isinstance(value, int | float) and not isinstance(value, bool):
            if 0 <= value <= 1:
                return float(value)
            return self._fail(keypath, "out-of-range", value=value, low=0, high=1)
        return self._type(value, keypath, "number")

    def _text(self, value: Any, spec: Text, keypath: KeyPath) -> Any:
        if spec.pattern is not None:
            if not isinstance(value, str):
                return self._type(value, keypath, "text")
            if not _compiled(spec.pattern).fullmatch(value):
                parts = [p for p in _LIST_MARKS.split(value.strip()) if p]
                if len(parts) > 1 and all(_compiled(spec.pattern).fullmatch(p) for p in parts):
                    items = "[" + ", ".join(parts) + "]"  # ids run together with 、 or ，
                    return self._fail(keypath, "bad-id", "bad-id-list", value=value, items=items)
                return self._fail(
                    keypath, "bad-id", value=value, pattern=_pattern_example(spec.pattern)
                )
            return value
        if type(value) is str:
            found = CONTROL.search(value)
            if found is not None:
                code = f"U+{ord(found.group()):04X}"
                return self._fail(keypath, "control-character", code=code)
            return value
        if isinstance(value, bool | list | dict):
            return self._type(value, keypath, "text")
        return value.isoformat() if isinstance(value, dt.date) else str(value)


_CHECKS: dict[type, Any] = {
    Obj: Conformer._obj,
    Seq: Conformer._list,
    Many: Conformer._list,
    MapOf: Conformer._map_of,
    Choice: Conformer._choice,
    Date: Conformer._date,
    Deadline: Conformer._deadline,
    Text: Conformer._text,
    Int: Conformer._int,
    Number: Conformer._number,
    Bool: Conformer._bool,
}
_PATTERNS: dict[str, re.Pattern[str]] = {}


def _compiled(pattern: str) -> re.Pattern[str]:
    found = _PATTERNS.get(pattern)
    if found is None:
        found = _PATTERNS[pattern] = re.compile(pattern)
    return found


_FIELD_MAPS: dict[int, dict[str, Field]] = {}
_REQUIRED: dict[int, tuple[str, ...]] = {}


def _fields(spec: Obj) -> dict[str, Field]:
    """The fields of a schema object by name (the schema's objects live as long as the process).

    Also notes the names it requires, for ``_REQUIRED``.
    """
    found = _FIELD_MAPS.get(id(spec))
    if found is None:
        found = _FIELD_MAPS[id(spec)] = {f.name: f for f in spec.fields}
        _REQUIRED[id(spec)] = tuple(f.name for f in spec.fields if f.required)
    return found


# Words clerks write for a field, beside its name and its Chinese and English labels.
_FIELD_WORDS = {"due": "deadline", "due_date": "deadline", "deadline_date": "deadline"}


def closest_field(words: str, fields: dict[str, Field]) -> str | None:
    """The field a mistyped key most likely means: by its name, its labels, or a known word.

    ``due`` → deadline, ``问题描述`` → description, ``期限`` → deadline.
    """
    close = difflib.get_close_matches(words, list(fields), n=1, cutoff=0.6)
    if close:
        return close[0]
    folded = words.strip().lower()
    labels = {
        label: field.name
        for field in fields.values()
        for label in (field.zh, field.en.lower())
        if label
    }
    if folded in labels:
        return labels[folded]
    if _FIELD_WORDS.get(folded) in fields:
        return _FIELD_WORDS[folded]
    inside = [name for label, name in labels.items() if len(folded) >= 2 and folded in label]
    if inside:
        return inside[0]
    close = difflib.get_close_matches(folded, list(labels), n=1, cutoff=0.6)
    return labels[close[0]] if close else None


_LIST_MARKS = re.compile(r"\s*[、，,；;]\s*")


def value_hint(vocabulary: Vocabulary, value: str) -> Phrase:
    """是不是 …: the value meant, or the list a clerk wrote with 、 as one value."""
    parts = [p for p in _LIST_MARKS.split(value.strip()) if p]
    if len(parts) > 1 and all(vocabulary.lookup(p) for p in parts):
        return Phrase("hint-list", items="[" + ", ".join(parts) + "]")
    close = vocabulary.closest(value)
    return Phrase("hint", suggestion=close.zh) if close else Phrase("no-hint")


def _yaml_word(key: Any) -> str:
    """A key that is not text, as YAML writes it: ``~`` for null, ``true``, ``12``."""
    if key is None:
        return "~"
    if isinstance(key, bool):
        return "true" if key else "false"
    return str(key)


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, list):
        return "list"
    if isinstance(value, dict):
        return "map"
    return "text"


def _name(keypath: KeyPath) -> str:
    parts: list[str] = []
    for part in keypath:
        if isinstance(part, int):
            parts.append(f"[{part + 1}]")
        else:
            parts.append(f".{part}" if parts else part)
    return "".join(parts)


def _pattern_example(pattern: str) -> Phrase:
    if pattern.startswith("("):
        return Phrase("pattern-finding")
    return Phrase("pattern-visit" if pattern.startswith("[0-9]{8}") else "pattern-code")
