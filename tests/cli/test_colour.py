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
