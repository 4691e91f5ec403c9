"""Find the records repository and read ``ducha.yaml`` into frozen settings.

Every setting has a default, so an empty ``ducha.yaml`` is a working repository. Problems in
the file are issues in the same form as record problems; the parts in error fall back to
their defaults so that ``validate`` can still check everything else.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ducha.checks.issues import Issue, error
from ducha.domain.settings import DEFAULT_DUE, CalendarYear, Settings, Source
from ducha.errors import ConfigError
from ducha.store.cache import Cache, digest

if TYPE_CHECKING:
    from ducha.checks.source import SourceMap

from ducha.domain.vocab import (
    Term,
    Vocabulary,
)

CONFIG_NAME = "ducha.yaml"


def find_root(start: Path) -> Path:
    """Return the records repository that holds ``start``.

    Walks up from ``start`` to the first folder with a ``ducha.yaml``; failing that, takes a
    ``records/`` folder of ``start`` that has one (a project that keeps its records beside
    its code, like this one).
    """
    start = start.resolve()
    if not start.is_dir():
        raise ConfigError("repo-not-dir", path=start)
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    if (start / "records" / CONFIG_NAME).is_file():
        return start / "records"
    raise ConfigError("no-repo", start=start)


def load_settings(root: Path, content: bytes | None = None) -> Settings:
    """Read ``root/ducha.yaml`` (or ``content``, e.g. from git); problems become issues."""
    # here, not at the top: a run answered from the cache never parses YAML
    from ducha.store.config_schema import CONFIG
    from ducha.store.conform import BAD, Conformer
    from ducha.store.loader import load_bytes, load_file

    loaded = (
        load_file(root / CONFIG_NAME, CONFIG_NAME)
        if content is None
        else load_bytes(content, CONFIG_NAME)
    )
    issues = list(loaded.issues)
    if loaded.data is None:
        bad_empty = [i for i in issues if i.rule != "empty-file"]
        return Settings(root=root, issues=tuple(bad_empty))
    conformer = Conformer(Settings(root=root).vocabularies(), loaded.source)
    data = conformer.check(loaded.data, CONFIG)
    issues += conformer.issues
    values: dict[str, Any] = data if data is not BAD else {}
    return _settings(root, values, loaded.source, issues)


def _terms(
    values: dict[str, Any], name: str, source: SourceMap, issues: list[Issue]
) -> tuple[Term, ...]:
    """Terms from a configured list; a code listed twice is reported and its repeat dropped."""
    seen: set[str] = set()
    kept: list[Term] = []
    for index, row in enumerate(values.get(name) or []):
        if not row:
            continue
        if row["code"] in seen:
            pos = source.value((name, index, "code"))
            issues.append(error(pos, "config-duplicate-code", field=name, code=row["code"]))
            continue
        seen.add(row["code"])
        kept.append(Term(row["code"], row["label"], row.get("en", row["code"])))
    return tuple(kept)


def _sources(values: dict[str, Any], source: SourceMap, issues: list[Issue]) -> tuple[Source, ...]:
    """The hub's sources; one named twice, or with neither or both of path and url, is left out.

    A path must stay inside the hub (a submodule or a clone): a hub reached through a URL
    must not make ducha read the fetching machine's other folders.
    """
    kept: list[Source] = []
    for index, row in enumerate(values.get("sources") or []):
        if not row:
            continue
        where = source.value(("sources", index, "name"))
        path, url = row.get("path", "").strip(), row.get("url", "").strip()
        if bool(path) == bool(url):
            issues.append(error(where, "config-source-where", name=row["name"]))
        elif path and (path.startswith(("/", "\\")) or ".." in Path(path).parts or ":" in path):
            issues.append(error(where, "config-source-outside", name=row["name"], path=path))
        elif row["name"] in {s.name for s in kept}:
            issues.append(error(where, "config-source-twice", name=row["name"]))
        else:
            kept.append(Source(row["name"], path, url, row.get("branch", "").strip()))
    return tuple(kept)


def _settings(
    root: Path, values: dict[str, Any], source: SourceMap, issues: list[Issue]
) -> Settings:
    base = Settings(root=root)
    org = values.get("organization", {})
    deadlines = values.get("deadlines", {})
    kwargs: dict[str, Any] = {
        "lang": values.get("lang"),
        "organization": replace(base.organization, **org),
        "immediate_days": deadlines.get("immediate_days", base.immediate_days),
        "yellow_days": deadlines.get("yellow_days", base.yellow_days),
        "returns": replace(base.returns, **values.get("return_visits", {})),
        "fonts": dict(values.get("fonts", {})),
        "fmt_values": values.get("fmt", {}).get("values", "labels"),
    }
    focus = _terms(values, "focus_areas", source, issues)
    if focus:
        kwargs["focus"] = Vocabulary("focus", focus)
    severities = _terms(values, "severities", source, issues)
    if severities:
        kwargs["severity"] = Vocabulary("severity", severities)
        dues = {r["code"]: r["deadline"] for r in values["severities"] if r and "deadline" in r}
        kwargs["severity_due"] = {t.code: dues.get(t.code, DEFAULT_DUE) for t in severities}
    kwargs["sources"] = _sources(values, source, issues)
    kwargs["calendar"] = {
        int(year): CalendarYear(
            frozenset(d for d in days.get("holidays", []) if d),
            frozenset(d for d in days.get("workdays", []) if d),
        )
        for year, days in values.get("calendar", {}).items()
        if str(year).isdigit()
    }
    return Settings(root=root, issues=tuple(issues), **kwargs)


def cached_settings(root: Path, content: bytes, cache: Cache) -> Settings:
    """``load_settings``, kept in the cache under the file's digest while it reads cleanly.

    Decoded by msgspec into the settings classes, every field's type checked; a file with
    problems is read each time, so that its problems are always reported.
    """
    import msgspec

    key = digest(content) + str(root)
    kept = cache.answer_bytes("settings", key)
    if kept is not None:
        try:
            return msgspec.json.decode(kept, type=Settings, dec_hook=_path_from)
        except (msgspec.DecodeError, msgspec.ValidationError, TypeError, ValueError):
            pass
    settings = load_settings(root, content)
    if not settings.issues:
        cache.save_answer_bytes("settings", key, msgspec.json.encode(settings, enc_hook=_path_to))
    return settings


def _path_to(value: object) -> object:
    if isinstance(value, Path):
        return str(value)
    raise NotImplementedError(type(value))


def _path_from(kind: type, value: object) -> object:
    if kind is Path and isinstance(value, str):
        return Path(value)
    raise NotImplementedError(kind)
