"""Help and usage errors at 80 columns, in the clerk's language, commands grouped as they work."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from rich.cells import cell_len

from tests.helpers import RunCli

pytestmark = pytest.mark.skipif(shutil.which("ducha") is None, reason="ducha is not installed")

COMMANDS = [
    [], ["new"], ["new", "visit"], ["validate"], ["overdue"], ["show"], ["schedule"], ["report"],
    ["export"], ["stats"], ["diff"], ["log"], ["init"], ["schema"], ["fmt"],
]  # fmt: skip
ENGLISH_WORDS = (
    "Usage",
    "Options",
    "Commands",
    "Show this message",
    "Install completion",
    "default:",
)


def _ducha(*args: str, columns: int = 80) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": str(columns)}
    env.pop("DUCHA_LANG", None)
    return subprocess.run(["ducha", *args], capture_output=True, text=True, env=env, check=False)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "ducha")
def test_help_fits_80_columns_and_is_chinese_in_chinese(command: list[str]) -> None:
    shown = _ducha(*command, "--help")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith("用法：ducha")
    for line in shown.stdout.splitlines():
        assert cell_len(line) <= 80, line
        assert not line.lstrip().startswith(("，", "。", "、", "）")), line
    assert not [w for w in ENGLISH_WORDS if w in shown.stdout]
    english = _ducha("--lang", "en", *command, "--help")
    assert english.stdout.startswith("Usage: ducha") and "Options:" in english.stdout


def test_commands_are_listed_in_groups_as_a_clerk_works() -> None:
    listed = _ducha("--help").stdout
    headings = ["记录：", "检查：", "期限与回访：", "公文与表格：", "git 审阅：", "设置："]
    places = [listed.index(h) for h in headings]
    assert places == sorted(places)
    assert listed.index("validate") > listed.index("检查：") > listed.index("show")
    assert listed.index("init") > listed.index("设置：")
    english = _ducha("--lang", "en", "--help").stdout
    assert "Records:" in english and "Review in git:" in english


def test_usage_errors_are_chinese_in_chinese_and_english_in_english(sample: Path) -> None:
    wrong = _ducha("-C", str(sample), "overdue", "--severity", "x")
    assert wrong.returncode == 2
    assert "错误：--severity 的值不对：没有“x”这个程度" in wrong.stderr
    assert "Error" not in wrong.stderr and "Invalid value" not in wrong.stderr
    assert "用 'ducha overdue -h' 查看帮助。" in wrong.stderr
    missing = _ducha("-C", str(sample), "overdue", "--as-of")
    assert missing.returncode == 2 and "选项 '--as-of' 需要一个值。" in missing.stderr
    unknown = _ducha("schedule", "--start", "1")
    assert "没有选项 --start。" in unknown.stderr
    number = _ducha("-C", str(sample), "overdue", "--within", "abc")
    assert "'abc' 不是整数。" in number.stderr
    date = _ducha("-C", str(sample), "--lang", "en", "overdue", "--as-of", "2020-13-01")
    assert date.returncode == 2 and "bad date 2020-13-01" in date.stderr
    assert not any("\u4e00" <= c <= "\u9fff" for c in date.stderr)


def test_the_in_process_runner_sees_the_same_chinese_errors(run_cli: RunCli, sample: Path) -> None:
    result = run_cli("-C", str(sample), "stats", "--by", "nothing")
    assert result.exit_code == 2 and "错误：" in result.output and "Error" not in result.output
