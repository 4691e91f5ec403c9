"""A hub's sources through git: fetch them, tell which commit each is at, keep the lock.

A source given by URL is cloned shallow (``--depth 1``, one branch) into the hub's
``.ducha/sources/<name>``, and later fetched the same way: git talks to the forge and
nothing else touches the network. Each synced commit is kept under ``refs/ducha/synced/``
so that ``diff`` can still read a county's records as they were at an earlier sync. A
source given by path (a submodule, a clone) is the clerk's: it is fetched only when a
branch is named and its work tree is clean, and never rewritten otherwise.

``sources.lock`` records what each sync found (source, commit, its date); committed in the
hub, it lets ``diff`` compare two syncs.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ducha.domain.index import Origin
from ducha.domain.settings import Settings, Source
from ducha.errors import GitError
from ducha.store.files import LOCK_NAME
from ducha.store.hub import source_root
from ducha.store.loader import load_bytes
from ducha.store.vcs import run_git
from ducha.store.writing import replace_file


def _ok(cwd: Path, *args: str) -> str:
    done = run_git(cwd, *args)
    if done.returncode != 0:
        raise GitError(
            "git-failed",
            command=" ".join(args[:2]),
            detail=done.stderr.decode(errors="replace").strip(),
        )
    return done.stdout.decode("utf-8", "replace").strip()


@dataclass(frozen=True, slots=True)
class Synced:
    """What one source's sync did."""

    name: str  # its namespace
    outcome: str  # cloned | updated | unchanged | kept (a path source) | refused | failed
    before: str  # the commit it was at ("" when new)
    after: str
    detail: str = ""


def sync(settings: Settings, prefix: str = "") -> list[Synced]:
    """Fetch every source of the hub (and of the hubs among them), newest commit of its branch."""
    from ducha.store.config import load_settings

    done: list[Synced] = []
    for source in settings.sources:
        name = f"{prefix}{source.name}"
        root = source_root(settings.root, source)
        try:
            done.append(_fetched(root, source, name) if source.url else _path(root, source, name))
        except GitError as exc:
            done.append(Synced(name, "failed", "", "", exc.args[0] if exc.args else str(exc)))
            continue
        config = root / "ducha.yaml"
        if config.is_file() and prefix.count("/") < 3:
            inner = load_settings(root, config.read_bytes())
            if inner.is_hub:
                done += sync(inner, f"{name}/")
    return done


def _head(root: Path) -> str:
    done = run_git(root, "rev-parse", "--verify", "--quiet", "HEAD")
    return done.stdout.decode().strip() if done.returncode == 0 else ""


def _fetched(root: Path, source: Source, name: str) -> Synced:
    if not (root / ".git").exists():
        _ignore_ours(root.parent.parent)
        root.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=root.parent, prefix=".clone-") as temp:
            into = Path(temp) / "clone"
            branch = ("--branch", source.branch) if source.branch else ()
            _ok(root.parent, "clone", "--quiet", "--depth", "1", "--single-branch", *branch,
                "--", source.url, str(into))  # fmt: skip
            into.replace(root)  # whole or not at all: a failed clone leaves nothing
        after = _head(root)
        _keep(root, after)
        return Synced(name, "cloned", "", after)
    before = _head(root)
    if run_git(root, "status", "--porcelain").stdout.strip():
        return Synced(name, "refused", before, before, "changed")
    _ok(root, "fetch", "--quiet", "--depth", "1", "origin", source.branch or "HEAD")
    after = _ok(root, "rev-parse", "FETCH_HEAD")
    if after != before:
        _ok(root, "checkout", "--quiet", "--detach", after)
        _keep(root, after)
    return Synced(name, "updated" if after != before else "unchanged", before, after)


def _path(root: Path, source: Source, name: str) -> Synced:
    if not (root / ".git").exists():
        return Synced(name, "failed", "", "", "missing")
    before = _head(root)
    if not source.branch:
        return Synced(name, "kept", before, before)
    if run_git(root, "status", "--porcelain").stdout.strip():
        return Synced(name, "refused", before, before, "changed")
    _ok(root, "fetch", "--quiet", "origin", source.branch)
    after = _ok(root, "rev-parse", "FETCH_HEAD")
    if after != before:
        _ok(root, "checkout", "--quiet", "--detach", after)
    return Synced(name, "updated" if after != before else "unchanged", before, after)


def _keep(root: Path, commit: str) -> None:
    """Keep a synced commit reachable: a later shallow fetch must not lose an earlier state."""
    if commit:
        _ok(root, "update-ref", f"refs/ducha/synced/{commit}", commit)


def _ignore_ours(folder: Path) -> None:
    """The hub's ``.ducha`` folder holds clones, never anything to commit."""
    folder.mkdir(parents=True, exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        replace_file(ignore, "*\n")


def lock_text(origins: list[Origin], when: dt.datetime) -> str:
    """``sources.lock``: each source's commit and its date, as the last sync found them."""
    lines = [
        "# ducha sources sync 写入：每个来源同步到的提交。提交本文件，diff 就能比较两次同步。",
        f"synced: {when.isoformat(timespec='seconds')}",
        "sources:",
    ]
    for origin in origins:
        date = origin.date.isoformat() if origin.date else ""
        # quoted always: a commit of digits alone must not be read back as a number
        lines += [
            f"  - name: {_quoted(origin.source)}",
            f"    commit: {_quoted(origin.commit)}",
            f"    date: {_quoted(date)}",
        ]
    return "\n".join(lines) + "\n"


def _quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


def read_lock(content: bytes | None) -> dict[str, str]:
    """Each source's commit in a ``sources.lock`` (empty when there is none or it is unreadable)."""
    if not content:
        return {}
    data = load_bytes(content, LOCK_NAME, positions=False).data  # the records' own reader
    rows = data.get("sources") if isinstance(data, dict) else None
    if not isinstance(rows, list):
        return {}
    return {
        str(row["name"]): str(row["commit"])
        for row in rows
        if isinstance(row, dict) and row.get("name") and row.get("commit")
    }


def lock_path(settings: Settings) -> Path:
    """Where the hub's lock is."""
    return settings.root / LOCK_NAME
