"""Shell completion of the ids a clerk types, from the same records every command reads."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("ducha") is None, reason="ducha is not installed")


def _complete(words: str, cwd: Path, shell: str = "bash") -> list[str]:
    env = {**os.environ, "_DUCHA_COMPLETE": f"complete_{shell}"}
    if shell == "bash":
        env |= {"COMP_WORDS": words, "COMP_CWORD": str(len(words.split()) - 1)}
    else:
        env |= {"_TYPER_COMPLETE_ARGS": words}
    done = subprocess.run(["ducha"], cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0 and not done.stderr, done.stderr
    return done.stdout.split()


def test_ids_complete_from_the_records(sample: Path, tmp_path: Path) -> None:
    assert _complete("ducha show 20200205-2", sample) == ["20200205-2vs"]
    assert _complete("ducha show 20200205-2vs/", sample) == ["20200205-2vs/1"]
    assert "CD-SQ-01" in _complete("ducha log CD-SQ", sample)
    assert _complete("ducha overdue --team T", sample) == ["T1", "T2", "T3", "T4", "T5"]
    assert _complete(f"ducha -C {sample} overdue --district 城", tmp_path) == ["城东区", "城西区"]
    assert "HB-CZ-01" in _complete("ducha report notice --unit HB-", sample)
    assert _complete("ducha new visit --team T4", sample) == ["T4"]
    zsh = " ".join(_complete("ducha show 20200205-2vs/", sample, "zsh"))
    assert "医疗废物暂存点" in zsh  # what the id is, beside it


def test_completion_says_nothing_where_there_are_no_records(tmp_path: Path) -> None:
    assert _complete("ducha show 2020", tmp_path) == []
    (tmp_path / "ducha.yaml").write_text("lang: [broken\n", encoding="utf-8")
    assert _complete("ducha show 2020", tmp_path) == []
