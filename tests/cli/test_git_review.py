"""diff, log and validate --changed on real git repositories with several commits."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import shutil
from pathlib import Path

import pytest

from tests.helpers import SAMPLE, RunCli, git

RETURN = """id: 20200225-zz9
date: 2020-02-25
team: T1
units: [HB-CZ-02]
methods: [暗访, 杀回马枪]
returns_to: [20200214-8sv]
checks:
  - finding: 20200214-8sv/2
    result: {result}
"""


@pytest.fixture
def history(repo: Path) -> Path:
    """The sample records in a git repository (as a subfolder), one commit."""
    shutil.copytree(SAMPLE, repo / "records")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "初始记录", "--no-gpg-sign")
    return repo / "records"


def commit_return(history: Path, result: str, message: str = "回访前王村") -> None:
    """Commit a return visit that checks 20200214-8sv/2 with ``result`` (and all else)."""
    (history / "visits/2020/02/20200225-zz9.yaml").write_text(
        RETURN.format(result=result), encoding="utf-8"
    )
    git(history.parent, "add", "-A")
    git(history.parent, "commit", "-qm", message, "--no-gpg-sign")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_working_tree_diff_names_every_kind_of_change(run_cli: RunCli, history: Path) -> None:
    visits = history / "visits/2020/02"
    edit(visits / "20200214-8sv.yaml", "deadline: 2个工作日", "deadline: 2020-02-28")
    edit(visits / "20200219-uze.yaml", "severity: 一般", "severity: 较重")
    edit(visits / "20200212-yaw.yaml", "deadline: 2020-02-21", "deadline: 2020-02-13")
    edit(history / "units.yaml", "name: 城东区康宁大药房", "name: 城东区康宁大药房（已更名）")
    (visits / "20200225-zz9.yaml").write_text(RETURN.format(result="整改到位"), encoding="utf-8")
    result = run_cli("-C", str(history), "diff", "--as-of", "2020-02-26")
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "HEAD → 工作区 的变化：7 项，其中 2 项需特别注意",
        "",
        "  新增督查 20200225-zz9（visits/2020/02/20200225-zz9.yaml）",
        "  问题 20200214-8sv/2 状态：待整改 → 已销号",
        "  问题 20200212-yaw/1 整改期限：2020年2月21日 → 2020年2月13日  ⚠ 期限改到了过去的日期",
        "  问题 20200214-8sv/2 整改期限：2个工作日（2020年2月18日） → 2020年2月28日  ⚠ 延期",
        "  问题 20200219-uze/1 的 严重程度：一般 → 较重",
        "  回访 20200225-zz9 记录了问题 20200214-8sv/2 的结果：整改到位",
        "  单位 CD-YD-01 的 名称：城东区康宁大药房 → 城东区康宁大药房（已更名）",
    ]


def test_range_diff_sees_a_reopened_finding_and_markdown_for_a_merge_request(
    run_cli: RunCli, history: Path
) -> None:
    visits = history / "visits/2020/02"
    commit_return(history, "整改到位")
    edit(visits / "20200225-zz9.yaml", "result: 整改到位", "result: 反弹")
    git(history.parent, "commit", "-qam", "更正：反弹", "--no-gpg-sign")
    result = run_cli(
        "-C", str(history), "diff", "HEAD~1..HEAD", "--as-of", "2020-02-26", "-f", "md"
    )
    expected = [
        "### HEAD~1 → HEAD 的变化：2 项",
        "",
        "- 问题 20200214-8sv/2 状态：已销号 → 重新整改",
        "- 回访 20200225-zz9 对问题 20200214-8sv/2 的回访结果：整改到位 → 反弹",
    ]
    assert result.output.splitlines() == expected
    # edits not yet committed are no part of a range between commits
    edit(visits / "20200225-zz9.yaml", "result: 反弹", "result: 整改到位")
    edit(visits / "20200219-uze.yaml", "severity: 一般", "severity: 较重")
    again = run_cli("-C", str(history), "diff", "HEAD~1..HEAD", "--as-of", "2020-02-26", "-f", "md")
    assert again.output.splitlines() == expected
    git(history.parent, "checkout", "--", ".")
    document = json.loads(
        run_cli(
            "-C", str(history), "diff", "HEAD~2..HEAD", "--as-of", "2020-02-26", "-f", "json"
        ).output
    )
    # reopened: the check brings its own deadline, no extension of the first one
    assert [c["kind"] for c in document["changes"]] == ["visit-added", "state", "check-recorded"]
    assert not any(c["flag"] for c in document["changes"])


def test_a_side_with_broken_records_is_reported_not_crashed_on(
    run_cli: RunCli, history: Path
) -> None:
    edit(history / "visits/2020/02/20200214-8sv.yaml", "team: T3", "team: [T3")
    result = run_cli("-C", str(history), "diff", "--as-of", "2020-02-26")
    assert result.exit_code == 0
    assert "删除督查 20200214-8sv" in result.output
    assert "变更后出现的错误：" in result.output and "[yaml-syntax]" in result.output


def test_log_answers_who_closed_it_and_when(run_cli: RunCli, history: Path) -> None:
    commit_return(history, "整改到位", "回访前王村，销号")
    result = run_cli("-C", str(history), "log", "20200214-8sv/2", "-f", "json")
    document = json.loads(result.output)
    assert (document["id"], document["shallow"]) == ("20200214-8sv/2", False)
    assert [c["message"] for c in document["commits"]] == ["回访前王村，销号", "初始记录"]
    assert document["commits"][0]["author"] == "测试员"
    assert [c["text"] for c in document["commits"][0]["changes"]] == [
        "回访 20200225-zz9 记录了问题 20200214-8sv/2 的结果：整改到位"
    ]
    unit = run_cli("-C", str(history), "log", "HB-CZ-02")
    assert "新增督查 20200225-zz9" in unit.output
    assert run_cli("-C", str(history), "log", "no-such").exit_code == 1


def test_log_tells_per_commit_what_diff_of_that_commit_tells(history: Path) -> None:
    """log compares each commit with its parent the way diff does: the same items."""
    from ducha.domain.review import about
    from ducha.store.config import load_settings
    from ducha.store.history import diff_sides, log_of, review
    from ducha.store.load import load_records
    from ducha.store.vcs import Git

    edit(history / "teams.yaml", "name: 第一督查组", "name: 第一督查组（综合）")
    commit_return(history, "反弹", "回访前王村；改组名")
    current = load_records(load_settings(history))
    day = dt.date(2020, 3, 2)
    shas = git(history.parent, "rev-list", "--reverse", "HEAD").split()
    for subject in ("20200214-8sv/2", "20200214-8sv", "20200225-zz9", "HB-CZ-02", "T1"):
        found = log_of(current.index.settings, Git(history), subject, day, lambda: current)
        assert found is not None
        entries, _ = found
        by_commit = {e.commit.sha: list(e.items) for e in entries}
        for parent, sha in itertools.pairwise(shas):
            sides = diff_sides(current, Git(history), parent, sha)
            whole = review(sides, day, parent, sha).items
            visits = {v.id for v in sides.new.index.visits if subject in v.units}
            visits |= {v.id for v in sides.old.index.visits if subject in v.units}
            expected = [i for i in whole if about(i, subject, visits)]
            assert by_commit.get(sha, []) == expected, (subject, sha)
        assert entries


def test_log_from_the_cache_is_the_log_without_and_follows_a_deleted_visit(
    run_cli: RunCli, history: Path
) -> None:
    """The visit ids each blob names are kept: the next log, and one after more commits,
    say what a log with no cache says; a visit deleted since keeps its history."""
    subjects = ("20200214-8sv/2", "20200214-8sv", "20200225-zz9", "HB-CZ-02", "T1")

    def logs(*options: str) -> list[str]:
        found = [run_cli(*options, "-C", str(history), "log", s, "-f", "json") for s in subjects]
        assert all(r.exit_code == 0 for r in found), [r.output for r in found]
        return [r.stdout for r in found]

    commit_return(history, "未整改到位")
    first = logs()
    assert logs() == first == logs("--no-cache")
    commit_return(history, "整改到位", "回访前王村，销号")
    (history / "visits/2020/02/20200225-zz9.yaml").unlink()
    git(history.parent, "commit", "-qam", "删去回访", "--no-gpg-sign")
    assert logs() == logs("--no-cache") != first
    gone = json.loads(logs()[0])["commits"]
    assert [c["message"] for c in gone] == [
        "删去回访",
        "回访前王村，销号",
        "回访前王村",
        "初始记录",
    ]
    (history / "visits/2020/02/20200214-8sv.yaml").unlink()  # not committed
    kept = run_cli("-C", str(history), "log", "20200214-8sv/2")
    assert kept.exit_code == 0 and "删去回访" in kept.output
    assert run_cli("-C", str(history), "log", "20200214-8sv/9").exit_code == 1
    assert run_cli("-C", str(history), "log", "20990101-abc").exit_code == 1


def test_validate_changed_and_staged(run_cli: RunCli, history: Path) -> None:
    edit(history / "visits/2020/02/20200214-8sv.yaml", "team: T3", "team: T9")
    edit(history / "visits/2020/02/20200203-af7.yaml", "team: T2", "team: T8")
    git(history.parent, "add", "records/visits/2020/02/20200214-8sv.yaml")
    staged = run_cli("-C", str(history), "validate", "--staged")
    assert staged.exit_code == 1
    assert "20200214-8sv.yaml" in staged.output and "20200203-af7.yaml" not in staged.output
    changed = run_cli("-C", str(history), "validate", "--changed")
    assert "20200214-8sv.yaml" in changed.output and "20200203-af7.yaml" in changed.output
    git(history.parent, "reset", "-q")
    git(history.parent, "checkout", "-q", "--", ".")
    assert run_cli("-C", str(history), "validate", "--changed").exit_code == 0


def test_history_commands_outside_git_say_they_need_it(run_cli: RunCli, sample: Path) -> None:
    result = run_cli("-C", str(sample), "log", "20200214-8sv/2")
    assert result.exit_code == 1 and "不在 git 仓库中" in result.output
    assert run_cli("-C", str(sample), "validate").exit_code == 0  # the rest works


def test_works_on_a_detached_head_and_a_shallow_clone(
    run_cli: RunCli, history: Path, tmp_path: Path
) -> None:
    commit_return(history, "整改到位", "回访")
    git(history.parent, "checkout", "-q", "--detach", "HEAD")
    assert run_cli("-C", str(history), "diff", "HEAD~1..HEAD").exit_code == 0
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{history.parent}", str(clone))
    result = run_cli("-C", str(clone / "records"), "log", "20200214-8sv/2")
    assert result.exit_code == 0 and "浅克隆" in result.output


def test_an_edit_to_a_checked_finding_counts_the_return_visit_it_did_not_touch(
    run_cli: RunCli, history: Path
) -> None:
    # diff loads only the records a change can affect: here, the return visit that checked
    # the edited finding must be among them, or the state before would be wrong
    visits = history / "visits/2020/02"
    commit_return(history, "未整改到位")
    report = "deadline: 2个工作日\n    reports:\n      - date: 2020-02-26\n        note: 已到岗。"
    edit(visits / "20200214-8sv.yaml", "deadline: 2个工作日", report)
    result = run_cli("-C", str(history), "diff", "--as-of", "2020-02-27")
    assert "  问题 20200214-8sv/2 状态：重新整改 → 已反馈待核验" in result.output.splitlines()
