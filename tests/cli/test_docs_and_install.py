"""The README and --help agree, and the installed console script works."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ducha.cli import app
from tests.helpers import RunCli

README = Path(__file__).parents[2] / "README.md"


def _commands() -> list[str]:
    import typer.main

    group = typer.main.get_command(app)
    return sorted(group.commands)  # type: ignore[attr-defined]


def test_every_command_has_help_and_is_in_the_readme(run_cli: RunCli) -> None:
    readme = README.read_text(encoding="utf-8")
    for name in _commands():
        result = run_cli(name, "--help")
        assert result.exit_code == 0
        assert len(result.output) > 100
        assert re.search(rf"ducha (-C \S+ )?{name}\b", readme), (
            f"README does not show `ducha {name}`"
        )


def test_readme_command_list_matches_help() -> None:
    listed = re.findall(
        r"^\| `ducha ([\w-]+)", README.read_text(encoding="utf-8"), flags=re.MULTILINE
    )
    assert sorted(listed) == _commands()


def test_version(run_cli: RunCli) -> None:
    result = run_cli("--version")
    assert result.exit_code == 0 and result.output.startswith("ducha ")


@pytest.mark.skipif(shutil.which("ducha") is None, reason="ducha is not installed")
def test_installed_console_script(sample: Path) -> None:
    ok = subprocess.run(
        ["ducha", "-C", str(sample), "validate"], capture_output=True, text=True, check=False
    )
    assert ok.returncode == 0
    assert ok.stdout.strip() == "检查了 48 个文件，没有发现问题"
    bad = subprocess.run(
        ["ducha", "-C", str(sample), "--lang", "en", "overdue", "--as-of", "2020-02-30"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2
    assert "Traceback" not in bad.stderr


@pytest.mark.skipif(shutil.which("ducha") is None, reason="ducha is not installed")
@pytest.mark.parametrize("output", ["table", "json"])  # Rich, then plain echo, writes
def test_a_closed_pipe_stops_ducha_quietly(sample: Path, output: str) -> None:
    # ``ducha overdue | head -1`` once head has gone: the pipe has no reader left
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            ["ducha", "-C", str(sample), "overdue", "--as-of", "2020-02-21", "-f", output],
            stdout=write_end,
            stderr=subprocess.PIPE,
            check=False,
        )
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr.decode()) == (1, "")


@pytest.mark.skipif(shutil.which("ducha") is None, reason="ducha is not installed")
def test_installed_module_entry_point(sample: Path) -> None:
    import sys

    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "ducha",
            "-C",
            str(sample),
            "overdue",
            "--as-of",
            "2020-02-21",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and '"as_of": "2020-02-21"' in done.stdout


def test_every_subpackage_is_in_the_wheel_list() -> None:
    import tomllib

    root = Path(__file__).parents[2]
    listed = set(
        tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
            "packages"
        ]
    )
    found = {
        ".".join(p.parent.relative_to(root).parts) for p in (root / "ducha").rglob("__init__.py")
    }
    assert found | {"ducha.templates"} == listed


@pytest.mark.skipif(shutil.which("ducha") is None, reason="ducha is not installed")
def test_installed_templates_are_packaged(sample: Path) -> None:
    done = subprocess.run(
        ["ducha", "-C", str(sample), "report", "--list"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0
    from ducha.outputs.report import KINDS

    assert done.stdout.count("内置") == 3 * len(KINDS)  # md, html and docx of each kind


@pytest.mark.skipif(shutil.which("ducha") is None, reason="ducha is not installed")
def test_help_in_english() -> None:
    import os

    english = subprocess.run(
        ["ducha", "--lang", "en", "overdue", "--help"], capture_output=True, text=True, check=False
    )
    assert "List overdue (red) and soon-due (yellow) rectifications" in english.stdout
    assert "Only this district." in english.stdout
    by_env = subprocess.run(
        ["ducha", "--help"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "DUCHA_LANG": "en"},
    )
    assert "check inspection records" in by_env.stdout
    chinese = subprocess.run(
        ["ducha", "--help"],
        capture_output=True,
        text=True,
        check=False,
        env={k: v for k, v in os.environ.items() if k != "DUCHA_LANG"},
    )
    assert "督查记录校验" in chinese.stdout


def test_the_command_asked_for_is_found_among_the_options() -> None:
    from ducha.cli import asked_command

    assert asked_command(["-C", "validate", "--lang", "en", "overdue", "--as-of", "x"]) == "overdue"
    assert asked_command(["--no-cache", "--color", "never", "new", "visit"]) == "new"
    assert asked_command(["--repo=records", "validate"]) == "validate"
    assert asked_command(["--help"]) is None
    assert asked_command([]) is None


@pytest.mark.skipif(shutil.which("ducha") is None, reason="ducha is not installed")
def test_only_the_command_run_is_registered_yet_help_and_typos_see_them_all(
    sample: Path,
) -> None:
    def ducha(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["ducha", *args], capture_output=True, text=True, check=False)

    assert ducha("-C", str(sample), "--lang", "en", "validate").returncode == 0
    assert ducha("-C", str(sample), "new", "visit", "--help").stdout.startswith(
        "用法：ducha new visit"
    )
    typo = ducha("valdiate")
    assert typo.returncode == 2 and "是不是：validate？" in typo.stderr
    english = ducha("--lang", "en", "valdiate")
    assert english.returncode == 2 and "Did you mean validate?" in english.stderr
    listed = ducha("--help").stdout
    assert all(name in listed for name in ("validate", "overdue", "report", "new", "stats"))


@pytest.mark.parametrize("args", [["--help"], ["--lang", "en", "-h"], []])
def test_help_without_a_command_lists_every_command_as_in_full(args: list[str]) -> None:
    env = {**os.environ, "COLUMNS": "100"}
    listed = subprocess.run(["ducha", *args], capture_output=True, text=True, env=env, check=False)
    full = subprocess.run(
        [sys.executable, "-c", "from ducha.cli import app; app(prog_name='ducha')", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert "validate" in listed.stdout + listed.stderr
    assert (listed.returncode, listed.stdout, listed.stderr) == (
        full.returncode,
        full.stdout,
        full.stderr,
    )
