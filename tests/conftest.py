from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from tests.helpers import SAMPLE, TODAY, RunCli, git


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite tests/golden/ from the current output"
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(autouse=True)
def _clean_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # Tests must not depend on the developer's language or colour settings.
    for name in ("DUCHA_LANG", "NO_COLOR", "DUCHA_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    # each test gets its own parse cache, never the developer's
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def today() -> dt.date:
    return TODAY


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A private copy of the bundled sample records."""
    target = tmp_path / "records"
    shutil.copytree(SAMPLE, target)
    return target


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """An empty git repository with a fixed author."""
    root = tmp_path / "git-repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    return root


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch) -> RunCli:
    """Run ducha through typer's CliRunner, with the clock fixed at TODAY."""
    from ducha import cli

    monkeypatch.setattr(cli, "today", lambda: TODAY)
    runner = CliRunner()

    def run(*args: str, cwd: Path | None = None) -> Result:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        return runner.invoke(cli.app, list(args), catch_exceptions=False)

    return run
