"""Machine-readable forms of results: JSON documents and GitHub workflow annotations."""

from __future__ import annotations

import json
from typing import Any

from ducha.i18n import Lang
from ducha.issues import Issue
from ducha.validate import ValidationResult


def issue_dict(issue: Issue, lang: Lang) -> dict[str, Any]:
    """One problem as a JSON object."""
    return {
        "path": issue.position.path,
        "line": issue.position.line,
        "column": issue.position.column,
        "severity": issue.severity.value,
        "rule": issue.rule,
        "message": issue.message(lang),
    }


def validation_json(result: ValidationResult, lang: Lang, *, strict: bool = False) -> str:
    """``{"ok", "files", "problems": [...]}`` as one JSON document."""
    document = {
        "ok": result.ok(strict=strict),
        "files": result.files,
        "errors": result.errors,
        "warnings": result.warnings,
        "problems": [issue_dict(i, lang) for i in result.issues],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def validation_github(result: ValidationResult, lang: Lang, prefix: str = "") -> str:
    """GitHub/Gitea Actions workflow commands, one per problem.

    ``prefix`` is the records repository's path within the checked-out workspace, so that the
    annotations land on the right files.
    """
    lines = []
    for issue in result.issues:
        pos = issue.position
        props = ",".join(
            (
                f"file={_escape_property(prefix + pos.path)}",
                f"line={pos.line}",
                f"col={pos.column}",
                f"title={_escape_property(issue.rule)}",
            )
        )
        lines.append(f"::{issue.severity.value} {props}::{_escape_data(issue.message(lang))}")
    return "\n".join(lines)
