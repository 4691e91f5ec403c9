"""Read one record file into what the repository keeps of it: its record(s) and problems.

Each file is parsed and checked against its schema on its own, and a visit against the
rules about a visit alone (``visit_rules.py``); a file in error contributes whatever could
still be built from it. Imported only when a file has to be read: a run the cache answers
in full never loads YAML.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ducha.checks.issues import Issue
from ducha.checks.source import SourceMap
from ducha.checks.visit_rules import check_visit
from ducha.domain.settings import Settings
from ducha.store.build import build_visit, directory_row
from ducha.store.cache import digest
from ducha.store.conform import BAD, Conformer
from ducha.store.files import TEAMS_NAME, UNITS_NAME
from ducha.store.loader import Loaded, load_bytes, read_limited, too_large
from ducha.store.schema import TEAMS_FILE, UNITS_FILE, VISIT, Obj

Payload = tuple[Any, tuple[str, ...]]  # (Visit | rows | None, ids declared by a file in error)


def parse_bytes(settings: Settings, raw: bytes, relpath: str) -> tuple[Payload, list[Issue]]:
    """``parse_file`` for content that is not on disk (a git blob)."""
    payload, issues, _ = _parse_raw(settings, raw, relpath)
    return payload, issues


def _parse_raw(
    settings: Settings, raw: bytes, relpath: str
) -> tuple[Payload, list[Issue], SourceMap | None]:
    loaded = load_bytes(raw, relpath, positions=False)
    result = _conform(settings, loaded, relpath)
    if result[1] and not loaded.positioned:
        loaded = load_bytes(raw, relpath)
        result = _conform(settings, loaded, relpath)
    return result[0], result[1], (loaded.source if loaded.positioned else None)


def parse_file(
    settings: Settings, file: Path | str, relpath: str
) -> tuple[Payload, list[Issue], SourceMap | None, str]:
    """Read one file into what the repository keeps of it: its record(s) and its problems.

    Files are first read without positions; one with a problem is read again with them, so
    that its problems say where they stand. The source map comes back only when it was made;
    last comes the content's digest, the cache's key for it (empty for a file too large to
    read).
    """
    raw = read_limited(file)
    if isinstance(raw, int):
        return (None, ()), [too_large(relpath, raw)], None, ""
    return (*_parse_raw(settings, raw, relpath), digest(raw))


def _conform(settings: Settings, loaded: Loaded, relpath: str) -> tuple[Payload, list[Issue]]:
    issues = list(loaded.issues)
    kind = _KINDS.get(relpath)
    if loaded.data is None:
        return (None, ()), issues
    conformer = Conformer(settings.vocabularies(), loaded.source)
    data = conformer.check(loaded.data, VISIT if kind is None else kind[0])
    issues += conformer.issues
    if kind is not None:
        rows = [] if data is BAD else data.get(kind[1]) or []
        built = tuple(directory_row(kind[1], row, relpath, i) for i, row in enumerate(rows) if row)
        return (built, ()), issues
    if data is BAD or "id" not in data:
        return (None, tuple(_raw_ids(loaded.data))), issues
    visit = build_visit(data, relpath, loaded.narrative or "")
    issues += check_visit(visit, loaded.source)
    written = len(data.get("findings") or [])
    kept = {f.n for f in visit.findings}
    broken = tuple(f"{visit.id}/{n}" for n in range(1, written + 1) if n not in kept)
    return (visit, broken), issues


def _raw_ids(raw: Any) -> list[str]:
    """The visit id and finding ids a file in error tried to declare."""
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        return []
    findings = raw.get("findings")
    count = len(findings) if isinstance(findings, list) else 0
    return [raw["id"], *(f"{raw['id']}/{n}" for n in range(1, count + 1))]


_KINDS: dict[str, tuple[Obj, str]] = {
    UNITS_NAME: (UNITS_FILE, "units"),
    TEAMS_NAME: (TEAMS_FILE, "teams"),
}
