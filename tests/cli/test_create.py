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


CLEAN_PATH = "/usr/bin:/bin"  # git and a shell; no ducha, no pre-commit


def _pre_commit(target: Path, home: Path) -> subprocess.CompletedProcess[str]:
    """The real pre-commit, run from a PATH without ducha: the hook must install it itself."""
    import os
    import sys

    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "PYENV"))},
        "PATH": CLEAN_PATH,
        "PRE_COMMIT_HOME": str(home / "pre-commit-home"),
        "HOME": str(home),
    }
    git(target, "add", "-A")
    command = [sys.executable, "-m", "pre_commit", "run", "--all-files"]
    return subprocess.run(command, cwd=target, env=env, capture_output=True, text=True, check=False)


def _passes_good_and_stops_bad(target: Path, home: Path) -> None:
    good = _pre_commit(target, home)
    assert good.returncode == 0, good.stdout + good.stderr
    (target / "visits" / "bad.yaml").write_text(
        "id: 20200205-abc\ndate: 2020-02-30\nteam: T1\nunits: U1\n", encoding="utf-8"
    )
    bad = _pre_commit(target, home)
    assert bad.returncode == 1
    assert "visits/bad.yaml:2:7: error" in bad.stdout and "[bad-date]" in bad.stdout


needs_pre_commit = pytest.mark.skipif(
    __import__("importlib").util.find_spec("pre_commit") is None
    or shutil.which("ducha", path=CLEAN_PATH) is not None
    or shutil.which("git", path=CLEAN_PATH) is None,
    reason="needs pre-commit, and git on a PATH without ducha",
)


@needs_pre_commit
def test_the_hook_ducha_init_writes_installs_ducha_itself(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "records"
    run_cli("init", str(target), "--commit")
    config = (target / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert "language: python" in config and "additional_dependencies: [" in config
    add_team_and_unit(run_cli, target)
    _passes_good_and_stops_bad(target, tmp_path)


@needs_pre_commit
def test_the_documented_hook_from_a_tagged_ducha_repository(
    run_cli: RunCli, tmp_path: Path
) -> None:
    import re

    project = Path(__file__).parents[2]
    source = tmp_path / "ducha-src"
    git(tmp_path, "clone", "-q", "--no-local", str(project), str(source))
    # the committed tree: that is what a forge serves at a tag
    documented = (project / "docs" / "ci.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```yaml\n(.*?)```", documented, re.DOTALL) if "rev:" in b)
    rev = re.search(r"rev: (\S+)", block)
    assert rev is not None
    git(source, "tag", "-f", rev.group(1))
    target = tmp_path / "records"
    run_cli("init", str(target), "--commit")
    add_team_and_unit(run_cli, target)
    config = re.sub(r"repo: \S+", f"repo: {source.as_uri()}", block)
    (target / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    _passes_good_and_stops_bad(target, tmp_path)


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
