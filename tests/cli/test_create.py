"""init and new: complete, valid, never overwriting, committing only when asked."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import RunCli, git


def test_init_lays_out_a_valid_repository(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "督查记录"
    result = run_cli("init", str(target), "--name", "某市督查组")
    assert result.exit_code == 0
    for name in (
        "ducha.yaml",
        "units.yaml",
        "teams.yaml",
        "templates/README.md",
        ".gitattributes",
        ".pre-commit-config.yaml",
    ):
        assert (target / name).is_file(), name
    assert (target / ".git").is_dir()
    assert "name: 某市督查组" in (target / "ducha.yaml").read_text(encoding="utf-8")
    assert run_cli("-C", str(target), "validate").exit_code == 0
    assert git(target, "status", "--porcelain").strip() != ""  # nothing committed without --commit
    again = run_cli("init", str(target))
    assert again.exit_code == 1 and "已经是记录仓库" in again.output


def add_team_and_unit(run_cli: RunCli, target: Path) -> tuple[int, int]:
    """``ducha new team`` T1 and ``ducha new unit`` U1; their exit codes."""
    team = run_cli(
        "-C", str(target), "new", "team", "--id", "T1", "--name", "第一组", "--leader", "王某"
    )
    unit = run_cli(
        "-C", str(target), "new", "unit", "--id", "U1", "--name", "幸福社区",
        "--district", "东区", "--kind", "城市社区",
    )  # fmt: skip
    return team.exit_code, unit.exit_code


def test_new_visit_unit_and_team(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "records"
    run_cli("init", str(target), "--commit")
    assert git(target, "status", "--porcelain").strip() == ""
    assert add_team_and_unit(run_cli, target) == (0, 0)
    result = run_cli(
        "-C",
        str(target),
        "new",
        "visit",
        "--team",
        "T1",
        "--unit",
        "U1",
        "--date",
        "2020-02-05",
        "--method",
        "暗访",
        "--commit",
    )
    assert result.exit_code == 0
    relpath = result.stdout.strip()
    assert relpath.startswith("visits/2020/02/20200205-") and relpath.endswith(".yaml")
    assert run_cli("-C", str(target), "validate", "--strict").exit_code == 0
    # --commit committed just the visit; units.yaml and teams.yaml are still only changed
    assert sorted(git(target, "status", "--porcelain").split()) == [
        "M",
        "M",
        "teams.yaml",
        "units.yaml",
    ]
    assert git(target, "log", "-1", "--format=%s").strip().startswith("新增督查记录 20200205-")
    duplicate = run_cli(
        "-C",
        str(target),
        "new",
        "unit",
        "--id",
        "U1",
        "--name",
        "x",
        "--district",
        "x",
        "--kind",
        "企业",
    )
    assert duplicate.exit_code == 1 and "已被使用" in duplicate.output
    unknown = run_cli("-C", str(target), "new", "visit", "--team", "T9", "--unit", "U1")
    assert unknown.exit_code == 1 and "T9" in unknown.output


def test_new_unit_keeps_every_comment(run_cli: RunCli, sample: Path) -> None:
    before = (sample / "units.yaml").read_text(encoding="utf-8")
    assert (
        run_cli(
            "-C",
            str(sample),
            "new",
            "unit",
            "--id",
            "YS-JG-01",
            "--name",
            "郾水县市场监督管理局",
            "--district",
            "郾水县",
            "--kind",
            "机关单位",
        ).exit_code
        == 0
    )
    after = (sample / "units.yaml").read_text(encoding="utf-8")
    assert after.startswith(before)
    assert (
        after[len(before) :]
        == "  - id: YS-JG-01\n    name: 郾水县市场监督管理局\n    district: 郾水县\n    kind: 机关单位\n"
    )


@pytest.mark.skipif(
    shutil.which("pre-commit") is None or shutil.which("ducha") is None,
    reason="needs pre-commit and an installed ducha",
)
def test_pre_commit_hook_passes_good_records_and_stops_bad_ones(
    run_cli: RunCli, tmp_path: Path
) -> None:
    target = tmp_path / "records"
    run_cli("init", str(target), "--commit")
    add_team_and_unit(run_cli, target)
    env = {
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "PATH": __import__("os").environ["PATH"],
        "HOME": str(tmp_path),
    }

    def pre_commit() -> subprocess.CompletedProcess[str]:
        git(target, "add", "-A")
        command = ["pre-commit", "run", "--all-files"]
        return subprocess.run(
            command, cwd=target, env=env, capture_output=True, text=True, check=False
        )

    good = pre_commit()
    assert good.returncode == 0, good.stdout + good.stderr
    (target / "visits" / "bad.yaml").write_text(
        "id: 20200205-abc\ndate: 2020-02-30\nteam: T1\nunits: U1\n", encoding="utf-8"
    )
    bad = pre_commit()
    assert bad.returncode == 1
    assert "visits/bad.yaml:2:7: error" in bad.stdout and "[bad-date]" in bad.stdout


def test_shipped_pre_commit_hook_definition() -> None:
    import re

    import yaml

    [hook] = yaml.safe_load(
        (Path(__file__).parents[2] / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    )
    assert (hook["id"], hook["entry"], hook["language"]) == (
        "ducha-validate",
        "ducha validate",
        "python",
    )
    pattern = re.compile(hook["files"])
    for path in (
        "ducha.yaml",
        "records/units.yaml",
        "visits/2020/02/20200205-abc.yaml",
        "records/visits/2020/02/x.md",
    ):
        assert pattern.search(path), path
    for path in ("README.md", "templates/bulletin.md.j2", "evidence/照片.md"):
        assert not pattern.search(path), path
