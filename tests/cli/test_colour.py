from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import RunCli, example_repo


def test_colour_follows_the_option_and_no_color(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = example_repo(tmp_path, "invalid", "unknown-team")
    assert "\x1b[" in run_cli("-C", str(root), "--color", "always", "validate").output
    assert "\x1b[" not in run_cli("-C", str(root), "--color", "never", "validate").output
    assert "\x1b[" not in run_cli("-C", str(root), "validate").output  # not a terminal
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run_cli("-C", str(root), "validate").output
    assert (
        "\x1b[" in run_cli("-C", str(root), "--color", "always", "validate").output
    )  # the option wins


def test_the_all_clear_line_is_coloured_only_when_asked(
    run_cli: RunCli, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    coloured = run_cli("-C", str(sample), "--color", "always", "validate").output
    assert "\x1b[" in coloured and "没有发现问题" in coloured
    plain = run_cli("-C", str(sample), "validate").output  # not a terminal: no Rich at all
    assert plain == "检查了 48 个文件，没有发现问题\n"
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in run_cli("-C", str(sample), "validate").output
