"""Helpers shared by the tests: file trees, git repositories, example repositories."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Protocol

from typer.testing import Result

from ducha.checks.validate import ValidationResult, validate
from ducha.domain.index import Index
from ducha.store.config import load_settings
from ducha.store.load import Loaded, load_records

EXAMPLES = Path(__file__).parent / "examples"
SAMPLE = Path(__file__).parent.parent / "records"
TODAY = dt.date(2020, 2, 21)

GIT_ENV = {
    "GIT_AUTHOR_NAME": "测试员",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "测试员",
    "GIT_COMMITTER_EMAIL": "test@example.com",
}


class RunCli(Protocol):
    """The ``run_cli`` fixture: run ducha with these arguments, optionally in ``cwd``."""

    def __call__(self, *args: str, cwd: Path | None = None) -> Result: ...


def build_file_tree(root: Path, spec: Mapping[str, str | bytes]) -> Path:
    """Write ``{relative path: content}`` under ``root``."""
    for relpath, content in spec.items():
        path = root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def example_repo(tmp_path: Path, kind: str, name: str) -> Path:
    """A copy of the base repository with one example case laid over it."""
    target = tmp_path / "repo"
    shutil.copytree(EXAMPLES / "base", target)
    case = EXAMPLES / kind / name
    for file in case.rglob("*"):
        if file.is_file() and file.name != "expected.txt":
            destination = target / file.relative_to(case)
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(file, destination)
    return target


def load_all(root: Path) -> Loaded:
    """Read the repository at ``root``, without a cache."""
    return load_records(load_settings(root))


def load(root: Path) -> Index:
    """The complete index of the repository at ``root``."""
    return load_all(root).index


def check(root: Path, today: dt.date = TODAY) -> ValidationResult:
    """Load and validate the repository at ``root``."""
    loaded = load_all(root)
    return validate(loaded.index, loaded.issues, loaded.source, today)


def summary(result: ValidationResult) -> list[str]:
    """Problems as ``path:line:col: severity [rule]``."""
    return [f"{i.position}: {i.severity.value} [{i.rule}]" for i in result.issues]


def git(root: Path, *args: str) -> str:
    """Run git in ``root`` with a fixed author."""
    import os

    env = {**os.environ, **GIT_ENV}
    done = subprocess.run(
        ["git", *args], cwd=root, env=env, check=True, capture_output=True, text=True
    )
    return done.stdout
