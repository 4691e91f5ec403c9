"""ducha fmt: normalises, keeps every comment, changes nothing twice, leaves broken files alone."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ducha.store.config import load_settings
from ducha.store.fmt import format_text
from tests.helpers import EXAMPLES, SAMPLE, RunCli, example_repo

MESSY = """# 一条写得乱的记录
date: 2020-2-5
id: 20200205-mss   # 编号
units: A-01
team: T1
methods: [unannounced, routine]
findings:
  # 第一个问题
  - description: 北门无人值守
    severity: major     # 较重
    focus: closed-management
    deadline: 3 working days
"""

TIDY = """# 一条写得乱的记录
id: 20200205-mss   # 编号
date: 2020-02-05
team: T1
units: A-01
methods: [暗访, 常规检查]
findings:
  # 第一个问题
  - focus: 封闭管理
    severity: 较重        # 较重
    description: 北门无人值守
    deadline: 3个工作日
"""


def _record_files(root: Path) -> list[Path]:
    return [root / "units.yaml", root / "teams.yaml", *sorted((root / "visits").rglob("*.*"))]


# every valid example but the one written in codes on purpose, which does need normalising
ALREADY_TIDY = [
    SAMPLE,
    *sorted(p for p in (EXAMPLES / "valid").iterdir() if p.name != "codes-and-labels"),
]


@pytest.mark.parametrize("root", ALREADY_TIDY, ids=lambda p: p.name)
def test_samples_and_valid_examples_round_trip_unchanged(root: Path, tmp_path: Path) -> None:
    if root != SAMPLE:
        root = example_repo(tmp_path, "valid", root.name)
    settings = load_settings(root)
    for file in _record_files(root):
        if file.is_file() and file.suffix in (".yaml", ".md"):
            text = file.read_text(encoding="utf-8-sig")
            relpath = file.relative_to(root).as_posix()
            assert format_text(text, relpath, settings) == text, relpath


def test_fmt_normalises_and_keeps_comments(run_cli: RunCli, tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(EXAMPLES / "base", root)
    messy = root / "visits/2020/02/20200205-mss.yaml"
    messy.write_text(MESSY, encoding="utf-8")
    check = run_cli("-C", str(root), "fmt", "--check")
    assert check.exit_code == 1 and "需要整理：visits/2020/02/20200205-mss.yaml" in check.stdout
    assert messy.read_text(encoding="utf-8") == MESSY  # --check writes nothing
    assert run_cli("-C", str(root), "fmt").exit_code == 0
    assert messy.read_text(encoding="utf-8") == TIDY
    again = run_cli("-C", str(root), "fmt", "--check")
    assert again.exit_code == 0
    assert run_cli("-C", str(root), "validate", "--strict").exit_code == 0


def test_codes_when_the_config_says_so(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(EXAMPLES / "base", root)
    (root / "ducha.yaml").write_text("fmt:\n  values: codes\n", encoding="utf-8")
    tidy = format_text(TIDY, "visits/2020/02/20200205-mss.yaml", load_settings(root))
    assert (
        "methods: [unannounced, routine]" in tidy
        and "severity: major" in tidy
        and "deadline: 3\n" in tidy
    )


def test_broken_files_are_left_alone(run_cli: RunCli, tmp_path: Path) -> None:
    root = example_repo(tmp_path, "invalid", "merge-conflict")
    broken = root / "visits/2020/02/20200210-xyz.yaml"
    before = broken.read_bytes()
    result = run_cli("-C", str(root), "fmt")
    assert result.exit_code == 1 and "有错误，未整理" in result.output
    assert broken.read_bytes() == before


def test_fmt_leaves_a_file_whose_comments_it_would_drop_or_move() -> None:
    settings = load_settings(SAMPLE)
    in_flow = (
        "id: 20200205-flw\ndate: 2020-02-05\nteam: T1\nunits: A-01\n"
        "methods: [暗访,  # 事先没有通知\n  常规检查]\n"
    )
    assert format_text(in_flow, "visits/2020/02/20200205-flw.yaml", settings) == in_flow
    moved = (
        "id: 20200205-mvd\ndate: 2020-02-05\nteam: T1\nunits: A-01\nfindings:\n"
        "  - description: 第三个\n    focus: 宣传\n    severity: 一般\n"
        "  # 4\n"
        "  - focus: 宣传\n    severity: 一般\n    description: 第四个\n"
    )
    after = format_text(moved, "visits/2020/02/20200205-mvd.yaml", settings)
    lines = after.splitlines()
    assert lines[lines.index("  # 4") + 1].startswith("  - ")  # still above finding 4


def test_new_unit_never_drops_a_comment(run_cli: RunCli, sample: Path) -> None:
    units = sample / "units.yaml"
    text = units.read_text(encoding="utf-8")
    first = text.index("  - {")
    units.write_text(
        text[:first]
        + "  - {id: X-01,  # 注释在花括号里\n     name: 甲, district: 乙, kind: 企业}\n"
        + text[first:],
        encoding="utf-8",
    )
    before = units.read_text(encoding="utf-8")
    result = run_cli(
        "-C",
        str(sample),
        "new",
        "unit",
        "--id",
        "N-9",
        "--name",
        "新",
        "--district",
        "东城区",
        "--kind",
        "企业",
    )
    if result.exit_code == 0:
        assert "# 注释在花括号里" in units.read_text(encoding="utf-8")
    else:
        assert "注释" in result.output and units.read_text(encoding="utf-8") == before
