"""JSON Schema (draft 2020-12) for record files, from ``schema.py`` and ``config_schema.py``.

The enumerations come from the repository's configuration (its focus areas and severities),
so the editor offers exactly the values ``validate`` accepts: each code and Chinese label.
"""

from __future__ import annotations

from typing import Any

from ducha.domain.settings import Settings
from ducha.domain.vocab import IMMEDIATE, Vocabulary
from ducha.store.config_schema import CONFIG
from ducha.store.schema import (
    TEAMS_FILE,
    UNITS_FILE,
    VISIT,
    Bool,
    Choice,
    Date,
    Deadline,
    Int,
    Many,
    MapOf,
    Number,
    Obj,
    Seq,
    Text,
    Type,
)

DRAFT = "https://json-schema.org/draft/2020-12/schema"
KINDS = {"visit": VISIT, "units": UNITS_FILE, "teams": TEAMS_FILE, "config": CONFIG}
FILE_NAMES = {
    "visit": "visit.schema.json",
    "units": "units.schema.json",
    "teams": "teams.schema.json",
    "config": "ducha.schema.json",
}
DATE_PATTERN = r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$"
DAYS_PATTERN = r"^[0-9]+\s*(个)?\s*(工作日|working\s*days?|wd)$"


def _choice(vocabulary: Vocabulary) -> dict[str, Any]:
    values: list[str] = []
    for term in vocabulary.terms:
        values += [v for v in (term.code, term.zh) if v not in values]
    return {"enum": values, "description": "；".join(f"{t.code}：{t.zh}" for t in vocabulary.terms)}


def _type(spec: Type, vocabularies: dict[str, Vocabulary], lang: str) -> dict[str, Any]:  # noqa: C901 — one branch per type
    if isinstance(spec, Obj):
        return _object(spec, vocabularies, lang)
    if isinstance(spec, Seq):
        return {"type": "array", "items": _type(spec.item, vocabularies, lang)}
    if isinstance(spec, Many):
        item = _type(spec.item, vocabularies, lang)
        return {"anyOf": [item, {"type": "array", "items": item}]}
    if isinstance(spec, MapOf):
        return {"type": "object", "additionalProperties": _type(spec.value, vocabularies, lang)}
    if isinstance(spec, Choice):
        return _choice(vocabularies[spec.vocabulary])
    if isinstance(spec, Date):
        return {"type": "string", "format": "date", "pattern": DATE_PATTERN}
    if isinstance(spec, Deadline):
        days = {"type": "string", "pattern": DAYS_PATTERN, "description": "N个工作日"}
        on_a_date = {
            "type": "string",
            "pattern": DATE_PATTERN,
            "description": "日期，如 2020-02-12",
        }
        return {"anyOf": [on_a_date, {"type": "integer", "minimum": 1}, days, _choice(IMMEDIATE)]}
    if isinstance(spec, Int):
        return {"type": "integer", "minimum": spec.minimum}
    if isinstance(spec, Number):
        return {"type": "number", "minimum": 0, "maximum": 1}
    if isinstance(spec, Bool):
        return {"type": "boolean"}
    assert isinstance(spec, Text)
    if spec.pattern is not None:
        return {"type": "string", "pattern": f"^{spec.pattern}$"}
    return {"type": ["string", "number"]}


def _object(spec: Obj, vocabularies: dict[str, Vocabulary], lang: str) -> dict[str, Any]:
    properties = {}
    for field in spec.fields:
        schema = _type(field.type, vocabularies, lang)
        schema["title"] = field.zh if lang == "zh" else field.en
        schema["description"] = field.zh + (f"（{field.en}）" if lang == "zh" else "")
        properties[field.name] = schema
    required = [f.name for f in spec.fields if f.required]
    result: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    if required:
        result["required"] = required
    return result


def schema_for(kind: str, settings: Settings, lang: str = "zh") -> dict[str, Any]:
    """The JSON Schema of one kind of file: visit, units, teams or config."""
    body = _object(KINDS[kind], settings.vocabularies(), lang)
    titles = {"visit": "督查记录", "units": "被督查单位", "teams": "督查组", "config": "ducha 配置"}
    return {
        "$schema": DRAFT,
        "$id": f"https://ducha.invalid/schema/{FILE_NAMES[kind]}",
        "title": titles[kind],
        **body,
    }
