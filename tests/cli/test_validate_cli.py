from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import EXAMPLES, RunCli, example_repo


def test_sample_records_are_clean(run_cli: RunCli, sample: Path) -> None:
    result = run_cli("-C", str(sample), "validate")
    assert result.exit_code == 0, result.output
    assert result.output == "检查了 48 个文件，没有发现问题\n"


def test_found_from_a_project_checkout_with_records_beside_the_code(
    run_cli: RunCli, sample: Path
) -> None:
    result = run_cli("validate", cwd=sample.parent)
    assert result.exit_code == 0


def test_problems_are_positioned_lines_and_exit_1(run_cli: RunCli, tmp_path: Path) -> None:
    root = example_repo(tmp_path, "invalid", "unknown-team")
    result = run_cli("-C", str(root), "validate", cwd=root)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "visits/2020/02/20200210-xyz.yaml:3:7: error: 督查组 T9 不存在（见 teams.yaml） [unknown-team]",
        "检查了 5 个文件：1 个错误，0 个警告",
    ]


def test_paths_are_printed_from_where_the_clerk_stands(run_cli: RunCli, tmp_path: Path) -> None:
    root = example_repo(tmp_path, "invalid", "unknown-team")
    above = run_cli("-C", "repo", "validate", cwd=tmp_path).output
    assert above.startswith("repo/visits/2020/02/20200210-xyz.yaml:3:7: error:")
    below = run_cli("validate", cwd=root / "visits").output
    assert below.startswith("../visits/2020/02/20200210-xyz.yaml:3:7: error:")


def test_github_annotations_point_from_the_git_work_tree(run_cli: RunCli, repo: Path) -> None:
    import shutil

    shutil.copytree(example_repo(repo.parent, "invalid", "unknown-team"), repo / "records")
    result = run_cli("-C", str(repo / "records"), "validate", "--format", "github")
    assert result.output.startswith("::error file=records/visits/2020/02/20200210-xyz.yaml,")


def test_warnings_pass_unless_strict(run_cli: RunCli, tmp_path: Path) -> None:
    root = example_repo(tmp_path, "invalid", "file-location")
    assert run_cli("-C", str(root), "validate").exit_code == 0
    assert run_cli("-C", str(root), "validate", "--strict").exit_code == 1


def test_json_document(run_cli: RunCli, tmp_path: Path) -> None:
    root = example_repo(tmp_path, "invalid", "bad-date")
    result = run_cli("-C", str(root), "--lang", "en", "validate", "--format", "json")
    assert result.exit_code == 1
    document = json.loads(result.output)
    assert document["ok"] is False and document["files"] == 5
    assert document["problems"] == [
        {
            "path": "visits/2020/02/20200210-xyz.yaml",
            "line": 2,
            "column": 7,
            "severity": "error",
            "rule": "bad-date",
            "message": "date: 2020-02-30 is not a valid date; write YYYY-MM-DD, e.g. 2020-02-12",
        }
    ]


def test_github_annotations(run_cli: RunCli, tmp_path: Path) -> None:
    root = example_repo(tmp_path, "invalid", "unknown-team")
    result = run_cli("-C", str(root), "--lang", "en", "validate", "--format", "github")
    assert result.output == (
        "::error file=visits/2020/02/20200210-xyz.yaml,line=3,col=7,title=unknown-team"
        "::team T9 does not exist (see teams.yaml)\n"
    )


def test_paths_limit_the_report(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = example_repo(tmp_path, "invalid", "unknown-team")
    monkeypatch.chdir(root)
    assert run_cli("validate", "visits/2020/02/20200203-abc.yaml").exit_code == 0
    assert run_cli("validate", "visits").exit_code == 1


def test_path_outside_the_repository_is_a_user_error(run_cli: RunCli, tmp_path: Path) -> None:
    root = example_repo(tmp_path, "valid", "return-visit")
    result = run_cli("-C", str(root), "validate", str(EXAMPLES))
    assert result.exit_code == 1
    assert "不在记录仓库" in result.output


@pytest.mark.parametrize(
    ("args", "env", "config", "expected"),
    [
        ((), None, "", "检查了"),
        ((), None, "lang: en\n", "checked"),
        ((), "zh", "lang: en\n", "检查了"),
        (("--lang", "en"), "zh", "lang: zh\n", "checked"),
    ],
)
def test_language_precedence(
    run_cli: RunCli,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
    env: str | None,
    config: str,
    expected: str,
) -> None:
    root = example_repo(tmp_path, "valid", "return-visit")
    (root / "ducha.yaml").write_text(config, encoding="utf-8")
    if env:
        monkeypatch.setenv("DUCHA_LANG", env)
    result = run_cli("-C", str(root), *args, "validate")
    assert result.output.startswith(expected)


def test_outside_a_repository(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("-C", str(tmp_path), "validate")
    assert result.exit_code == 1
    assert "未找到 ducha 记录仓库" in result.output


def test_usage_error_exits_2(run_cli: RunCli, sample: Path) -> None:
    assert run_cli("-C", str(sample), "validate", "--format", "xml").exit_code == 2
    assert run_cli("--lang", "fr", "validate").exit_code == 2


def test_internal_error_exits_3_without_traceback(
    run_cli: RunCli, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ducha.store.pipeline

    def boom(*_: object, **__: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(ducha.store.pipeline, "validation", boom)
    result = run_cli("-C", str(sample), "validate")
    assert result.exit_code == 3
    assert "内部错误" in result.output and "Traceback" not in result.output


def test_interrupt_exits_130(
    run_cli: RunCli, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ducha.store.pipeline

    def interrupted(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(ducha.store.pipeline, "validation", interrupted)
    assert run_cli("-C", str(sample), "validate").exit_code == 130


def test_validate_writes_nothing(run_cli: RunCli, sample: Path) -> None:
    before = {p: p.stat().st_mtime_ns for p in sample.rglob("*")}
    run_cli("-C", str(sample), "validate")
    assert {p: p.stat().st_mtime_ns for p in sample.rglob("*")} == before
