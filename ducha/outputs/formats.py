"""Machine-readable forms of results: JSON documents and GitHub workflow annotations."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import TYPE_CHECKING, Any

from ducha.checks.issues import Issue
from ducha.domain.settings import Lang
from ducha.outputs.cells import csv_cell
from ducha.outputs.i18n import message
from ducha.outputs.visible import visible

if TYPE_CHECKING:
    from ducha.checks.validate import ValidationResult
    from ducha.domain.index import Index
    from ducha.domain.lifecycle import Status
    from ducha.domain.overdue import OverdueReport
    from ducha.domain.workdays import WorkCalendar


def document(head: dict[str, Any], lists: dict[str, list[dict[str, Any]]]) -> str:
    """A JSON document with one list item per line.

    ``json.dumps(indent=...)`` runs the pure-Python encoder; each item encoded whole (by
    msgspec, in C) keeps the document readable and diff-friendly.
    """
    import msgspec

    encode = msgspec.json.encode
    parts = [f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in head.items()]
    for key, items in lists.items():
        body = ",\n".join("    " + encode(item).decode() for item in items)
        parts.append(
            f"  {json.dumps(key)}: [\n{body}\n  ]" if items else f"  {json.dumps(key)}: []"
        )
    return "{\n" + ",\n".join(parts) + "\n}"


def issue_dict(issue: Issue, lang: Lang) -> dict[str, Any]:
    """One problem as a JSON object."""
    found: dict[str, Any] = {
        "path": issue.position.path,
        "line": issue.position.line,
        "column": issue.position.column,
        "severity": issue.severity.value,
        "rule": issue.rule,
        "message": message(issue, lang),
    }
    if issue.source:
        found["source"] = issue.source
    return found


def origins_value(repo: Index) -> dict[str, Any]:
    """A hub's answer says what it was computed from: ``{"sources": [...]}`` (else nothing)."""
    if not repo.origins:
        return {}
    return {
        "sources": [
            {
                "name": o.source,
                "commit": o.commit or None,
                "date": o.date.isoformat() if o.date else None,
                "uncommitted_changes": o.dirty,
            }
            for o in repo.origins
        ]
    }


def validation_json(result: ValidationResult, lang: Lang, *, strict: bool = False) -> str:
    """``{"ok", "files", "problems": [...]}`` as one JSON document."""
    head = {
        "ok": result.ok(strict=strict),
        "files": result.files,
        "errors": result.errors,
        "warnings": result.warnings,
    }
    return document(head, {"problems": [issue_dict(i, lang) for i in result.issues]})


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
        text_ = visible(_escape_data(message(issue, lang)))
        lines.append(f"::{issue.severity.value} {props}::{text_}")
    return "\n".join(lines)


def validation_gitlab(result: ValidationResult, lang: Lang, prefix: str = "") -> str:
    """A GitLab Code Quality report (the Code Climate JSON GitLab shows in merge requests).

    ``prefix`` is the records folder within the repository; the fingerprint stays the same
    while a problem does, so that GitLab tells new problems from old ones.
    """
    import hashlib

    severity = {"error": "major", "warning": "minor"}
    report = []
    for issue in result.issues:
        pos = issue.position
        words = message(issue, lang)
        key = f"{prefix}{pos.path}|{issue.rule}|{words}".encode()
        report.append(
            {
                "description": f"{words} [{issue.rule}]",
                "check_name": issue.rule,
                "fingerprint": hashlib.sha256(key).hexdigest(),
                "severity": severity[issue.severity.value],
                "location": {"path": prefix + pos.path, "lines": {"begin": pos.line}},
            }
        )
    return json.dumps(report, ensure_ascii=False, indent=2)


def finding_fields(
    status: Status, repo: Index, as_of: dt.date, calendar: WorkCalendar
) -> dict[str, Any]:
    """The facts about a finding that every export shares (codes, not labels)."""
    from ducha.outputs.rows import finding_row

    return finding_row(status, repo, as_of, calendar)


def overdue_json(report: OverdueReport, repo: Index, calendar: WorkCalendar) -> str:
    """``{"as_of", "within", "findings": [...], "awaiting_verification": [...]}``."""
    findings = [
        {
            **finding_fields(r.status, repo, report.as_of, calendar),
            "light": r.light.value,
            "working_days_late": r.working_days_late,
        }
        for r in report.rows
    ]
    awaiting = [
        {
            **finding_fields(a.status, repo, report.as_of, calendar),
            "waited_working_days": a.waited,
            "reported_late": a.reported_late,
        }
        for a in report.awaiting
    ]
    unknown = [finding_fields(s, repo, report.as_of, calendar) for s in report.unknown]
    head: dict[str, Any] = {"as_of": report.as_of.isoformat(), "within": report.within}
    head.update(origins_value(repo))
    return document(
        head,
        {"findings": findings, "awaiting_verification": awaiting, "deadline_unknown": unknown},
    )


OVERDUE_COLUMNS = (
    "light", "id", "unit_name", "district", "team", "focus", "severity", "description",
    "deadline", "working_days_late", "responsible", "dispositions", "state",
)  # fmt: skip


def overdue_csv(report: OverdueReport, repo: Index, lang: Lang, calendar: WorkCalendar) -> str:
    """CSV with a BOM so that Excel and WPS open the Chinese correctly; labels, not codes."""
    from ducha.outputs.labels import Labels
    from ducha.outputs.rows import Words, headers, labelled

    labels = Labels(repo.settings, lang)
    say = Words(labels)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers(OVERDUE_COLUMNS, labels))
    for row in report.rows:
        values = labelled(finding_fields(row.status, repo, report.as_of, calendar), say)
        values["working_days_late"] = row.working_days_late
        writer.writerow([csv_cell(values[name]) for name in OVERDUE_COLUMNS])
    return "\ufeff" + buffer.getvalue()
