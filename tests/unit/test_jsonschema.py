"""The editor schema says what validate says, wherever a JSON Schema can say it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from ducha.store.config import load_settings
from ducha.store.jsonschema import schema_for
from ducha.store.loader import load_bytes
from tests.helpers import EXAMPLES, SAMPLE, example_repo

# Invalid examples whose problem a JSON Schema can express (impossible dates, references
# and cross-file rules are for validate alone).
EXPRESSIBLE = [
    "unknown-field",
    "missing-field",
    "wrong-type",
    "number-as-id",
    "unknown-value",
    "chinese-date",
    "bad-deadline",
    "bad-id",
    "bare-no",
    "list-for-map",
    "config-unknown-field",
]


def _plain(value: Any) -> Any:
    """What the YAML language server sees: YAML 1.2 has no date type, dates are strings."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _errors(root: Path) -> list[str]:
    settings = load_settings(root)
    validators = {
        kind: Draft202012Validator(schema_for(kind, settings))
        for kind in ("visit", "units", "teams", "config")
    }
    found = []
    files = [
        (root / "ducha.yaml", "config"),
        (root / "units.yaml", "units"),
        (root / "teams.yaml", "teams"),
    ]
    files += [(p, "visit") for p in (root / "visits").rglob("*") if p.suffix in (".yaml", ".md")]
    for file, kind in files:
        loaded = load_bytes(file.read_bytes(), file.name)
        if loaded.data is None:
            continue
        errors = validators[kind].iter_errors(_plain(loaded.data))
        found += [f"{file.relative_to(root)}: {error.message}" for error in errors]
    return found


def test_schemas_are_valid_draft_2020_12() -> None:
    settings = load_settings(SAMPLE)
    for kind in ("visit", "units", "teams", "config"):
        Draft202012Validator.check_schema(schema_for(kind, settings))


def test_sample_records_pass() -> None:
    assert _errors(SAMPLE) == []


@pytest.mark.parametrize("name", sorted(p.name for p in (EXAMPLES / "valid").iterdir()))
def test_valid_examples_pass(tmp_path: Path, name: str) -> None:
    assert _errors(example_repo(tmp_path, "valid", name)) == []


@pytest.mark.parametrize("name", EXPRESSIBLE)
def test_invalid_examples_it_can_express_fail(tmp_path: Path, name: str) -> None:
    assert _errors(example_repo(tmp_path, "invalid", name)) != []


def test_titles_are_chinese_and_enums_carry_codes_and_labels() -> None:
    schema = schema_for("visit", load_settings(SAMPLE))
    methods = schema["properties"]["methods"]["anyOf"][0]["enum"]
    assert "unannounced" in methods and "暗访" in methods
    focus = schema["properties"]["focus"]["anyOf"][0]["enum"]
    assert "封闭管理" in focus and "closed-management" in focus
    assert (
        schema["properties"]["findings"]["items"]["properties"]["severity"]["title"] == "严重程度"
    )
