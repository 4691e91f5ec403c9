"""Answers that agree: each case a new user found where two commands contradicted each other.

The records are written here by hand, for a small county of two teams and three units.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import RunCli, build_file_tree, git

UNITS = """units:
  - {id: DJ-01, name: 东街社区, district: 东城区, kind: 城市社区}
  - {id: XC-02, name: 西村, district: 西城区, kind: 农村村庄}
  - {id: NY-03, name: 南苑超市, district: 东城区, kind: 商超药店}
"""
TEAMS = """teams:
  - {id: A, name: 第一组, leader: 张组长}
  - {id: B, name: 第二组, leader: 李组长}
"""
# P: two findings, each due 3 working days after 2020-03-02 (a Monday): 2020-03-05
P = """id: 20200302-ppp
date: 2020-03-02
team: A
units: DJ-01
methods: [综合督查, 明查, 常规检查]
findings:
  - focus: 封闭管理
    severity: 一般
    description: 北门夜间无人值守
    deadline: 3个工作日
  - focus: 排查情况
    severity: 一般
    description: 外来人员登记不全
    deadline: 3个工作日
"""
# Q: a return visit that checks only P/1
Q = """id: 20200309-qqq
date: 2020-03-09
team: B
units: DJ-01
methods: [暗访, 杀回马枪]
returns_to: 20200302-ppp
checks:
  - finding: 20200302-ppp/1
    result: 整改到位
"""


def county(root: Path, **extra: str) -> Path:
    spec = {
        "ducha.yaml": "organization:\n  name: 某县督查组\n",
        "units.yaml": UNITS,
        "teams.yaml": TEAMS,
        "visits/2020/03/20200302-ppp.yaml": P,
    }
    spec.update({path.replace("__", "/"): text for path, text in extra.items()})
    return build_file_tree(root, spec)


def overdue_ids(run_cli: RunCli, root: Path, day: str, *options: str) -> dict[str, list[str]]:
    out = run_cli(*options, "-C", str(root), "overdue", "--as-of", day, "-f", "json")
    assert out.exit_code == 0, out.output
    document = json.loads(out.stdout)
    return {
        "red": [f["id"] for f in document["findings"] if f["light"] == "red"],
        "awaiting": [f["id"] for f in document["awaiting_verification"]],
    }


def shown_state(run_cli: RunCli, root: Path, finding: str, day: str) -> str:
    return run_cli("-C", str(root), "show", finding, "--as-of", day).output


@pytest.mark.parametrize("options", [(), ("--no-cache",)])
def test_a_finding_a_later_return_visit_closed_is_not_overdue(
    run_cli: RunCli, tmp_path: Path, options: tuple[str, ...]
) -> None:
    root = county(tmp_path, **{"visits__2020__03__20200309-qqq.yaml": Q})
    for _ in range(2):  # cold, then from the cache
        assert overdue_ids(run_cli, root, "2020-03-12", *options)["red"] == ["20200302-ppp/2"]
    assert "已销号" in shown_state(run_cli, root, "20200302-ppp/1", "2020-03-12")


def test_a_finding_closed_by_a_third_visit_after_a_reopen_is_not_awaiting(
    run_cli: RunCli, tmp_path: Path
) -> None:
    reopen = Q.replace("result: 整改到位", "result: 未整改到位\n    deadline: 2个工作日")
    report = P.replace(
        "    deadline: 3个工作日\n  - focus: 排查情况",
        "    deadline: 3个工作日\n    reports:\n      - {date: 2020-03-10, note: 已安排值守}\n"
        "  - focus: 排查情况",
    )
    third = (
        Q.replace("20200309-qqq", "20200313-rrr")
        .replace("2020-03-09", "2020-03-13")
        .replace("returns_to: 20200302-ppp", "returns_to: [20200302-ppp, 20200309-qqq]")
    )
    root = county(
        tmp_path,
        **{
            "visits__2020__03__20200302-ppp.yaml": report,
            "visits__2020__03__20200309-qqq.yaml": reopen,
            "visits__2020__03__20200313-rrr.yaml": third,
        },
    )
    assert run_cli("-C", str(root), "validate").exit_code == 0
    found = overdue_ids(run_cli, root, "2020-03-16")
    assert "20200302-ppp/1" not in found["awaiting"] + found["red"]
    export = json.loads(
        run_cli("-C", str(root), "export", "-f", "json", "--as-of", "2020-03-16").stdout
    )
    states = {row["id"]: row["state"] for row in export["rows"]}
    assert states["20200302-ppp/1"] in ("closed", "已销号")


@pytest.fixture
def history(repo: Path) -> Path:
    root = county(repo / "records", **{"visits__2020__03__20200309-qqq.yaml": Q})
    commit(repo, "初始")
    return root


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", message, "--no-gpg-sign")


def diff_lines(run_cli: RunCli, root: Path, *args: str) -> list[str]:
    result = run_cli("-C", str(root), "diff", *args)
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


def test_diff_sees_a_deleted_not_rectified_check(run_cli: RunCli, history: Path) -> None:
    check = history / "visits/2020/03/20200309-qqq.yaml"
    check.write_text(Q.replace("整改到位", "未整改到位"), encoding="utf-8")
    commit(history.parent, "未整改到位")
    check.write_text(Q.split("checks:")[0] + "checks: []\n", encoding="utf-8")
    lines = diff_lines(run_cli, history, "--as-of", "2020-03-10")
    assert "  删除了回访 20200309-qqq 对问题 20200302-ppp/1 的结果：未整改到位" in lines
    assert "没有实质性变化。" not in lines


@pytest.mark.parametrize("as_of", ["2020-03-03", "2020-03-10", "2020-04-30"])
def test_diff_flags_a_longer_return_deadline_whatever_the_as_of_date(
    run_cli: RunCli, history: Path, as_of: str
) -> None:
    check = history / "visits/2020/03/20200309-qqq.yaml"
    check.write_text(Q.replace("result: 整改到位", "result: 未整改到位\n    deadline: 2个工作日"))
    commit(history.parent, "未整改到位，2个工作日")
    check.write_text(Q.replace("result: 整改到位", "result: 未整改到位\n    deadline: 5个工作日"))
    lines = diff_lines(run_cli, history, "--as-of", as_of)
    assert (
        "  问题 20200302-ppp/1 整改期限：2个工作日（2020年3月11日） → "
        "5个工作日（2020年3月16日）（20200309-qqq）  ⚠ 延期"
    ) in lines


def test_diff_sees_a_change_to_an_earlier_report_back(run_cli: RunCli, history: Path) -> None:
    visit = history / "visits/2020/03/20200302-ppp.yaml"
    two = "    reports:\n      - {date: 2020-03-04, note: 已值守}\n      - {date: 2020-03-06, note: 补充}\n"
    visit.write_text(
        P.replace(
            "description: 外来人员登记不全\n    deadline: 3个工作日\n",
            "description: 外来人员登记不全\n    deadline: 3个工作日\n" + two,
        )
    )
    commit(history.parent, "反馈两次")
    visit.write_text(visit.read_text().replace("2020-03-04", "2020-03-03"))
    lines = diff_lines(run_cli, history, "--as-of", "2020-03-10")
    assert any("20200302-ppp/2 的整改反馈" in line and "⚠ 反馈日期被提前" in line for line in lines)


def log_of(run_cli: RunCli, root: Path, subject: str) -> list[dict[str, object]]:
    result = run_cli("-C", str(root), "log", subject, "-f", "json", "--as-of", "2020-03-20")
    assert result.exit_code == 0, result.output
    commits: list[dict[str, object]] = json.loads(result.stdout)["commits"]
    return commits


def test_log_shows_report_backs_states_check_deadlines_and_follows_moves(
    run_cli: RunCli, history: Path
) -> None:
    visit = history / "visits/2020/03/20200302-ppp.yaml"
    visit.write_text(
        P.replace(
            "description: 外来人员登记不全\n    deadline: 3个工作日\n",
            "description: 外来人员登记不全\n    deadline: 3个工作日\n"
            "    reports:\n      - {date: 2020-03-04, note: 已补登记}\n",
        ),
        encoding="utf-8",
    )
    commit(history.parent, "反馈，无佐证")
    check = history / "visits/2020/03/20200309-qqq.yaml"
    check.write_text(
        Q.replace(
            "20200302-ppp/1\n    result: 整改到位",
            "20200302-ppp/2\n    result: 未整改到位\n    deadline: 2个工作日",
        )
    )
    commit(history.parent, "回访：未整改到位")
    check.write_text(check.read_text().replace("2个工作日", "4个工作日"))
    commit(history.parent, "改期限")
    (history / "visits/2020/03/elsewhere").mkdir()
    git(
        history.parent,
        "mv",
        "records/visits/2020/03/20200302-ppp.yaml",
        "records/visits/2020/03/elsewhere/20200302-ppp.yaml",
    )
    commit(history.parent, "移动文件")
    found = log_of(run_cli, history, "20200302-ppp/2")
    messages = [c["message"] for c in found]
    assert messages == ["移动文件", "改期限", "回访：未整改到位", "反馈，无佐证", "初始"]
    texts: dict[str, list[str]] = {
        str(c["message"]): [str(ch["text"]) for ch in c["changes"]]  # type: ignore[attr-defined]
        for c in found
    }
    assert any("新增整改反馈" in t for t in texts["反馈，无佐证"])
    assert any("状态：已反馈待核验 → 重新整改" in t for t in texts["回访：未整改到位"])
    assert any("整改期限" in t and "⚠ 延期" in t for t in texts["改期限"])
    moved = (
        "督查 20200302-ppp 的文件移动：visits/2020/03/20200302-ppp.yaml → "
        "visits/2020/03/elsewhere/20200302-ppp.yaml"
    )
    assert texts["移动文件"] == [moved]
    unit = log_of(run_cli, history, "DJ-01")
    assert [c["message"] for c in unit] == messages


def test_validate_reports_every_problem_at_once(run_cli: RunCli, tmp_path: Path) -> None:
    visit = """id: 20200305-bad
date: 2020-3-5x
team: Z
units: [DJ-01, QQ-09]
methods: [暗访, 杀回马枪]
returns_to: 20200302-ppp
checks:
  - finding: 20200302-ppp/7
    result: 整改到位
  - finding: 20200301-nop/1
    result: 整改到位
findings:
  - focus: 封闭管里
    severity: 一般
    description: 没有佐证的反馈
    reports:
      - date: 2020-03-06
        evidence: evidence/none.jpg
  - focus: 宣传
    severity: 一般
    deadline: 2020-03-01
"""
    root = county(tmp_path, **{"visits__2020__03__20200305-bad.yaml": visit})
    out = run_cli("-C", str(root), "validate", "-f", "json")
    rules = sorted({p["rule"] for p in json.loads(out.stdout)["problems"]})
    assert out.exit_code == 1
    assert set(rules) >= {
        "bad-date",
        "unknown-team",
        "unknown-unit",
        "unknown-finding",
        "unknown-value",
        "evidence-missing",
        "missing-field",
    }, rules


def test_validate_reports_a_deadline_before_the_visit_beside_a_missing_description(
    run_cli: RunCli, tmp_path: Path
) -> None:
    visit = P.replace(
        "    description: 外来人员登记不全\n    deadline: 3个工作日", "    deadline: 2020-03-01"
    )
    root = county(tmp_path, **{"visits__2020__03__20200302-ppp.yaml": visit})
    rules = {
        p["rule"]
        for p in json.loads(run_cli("-C", str(root), "validate", "-f", "json").stdout)["problems"]
    }
    assert {"missing-field", "deadline-before-visit"} <= rules


def test_a_check_outside_the_origins_is_reported_despite_a_bad_date(
    run_cli: RunCli, tmp_path: Path
) -> None:
    other = P.replace("20200302-ppp", "20200303-ooo").replace("2020-03-02", "2020-03-03")
    bad = Q.replace("date: 2020-03-09", "date: 3月9日").replace(
        "finding: 20200302-ppp/1", "finding: 20200303-ooo/1"
    )
    root = county(
        tmp_path,
        **{
            "visits__2020__03__20200303-ooo.yaml": other,
            "visits__2020__03__20200309-qqq.yaml": bad,
        },
    )
    rules = {
        p["rule"]
        for p in json.loads(run_cli("-C", str(root), "validate", "-f", "json").stdout)["problems"]
    }
    assert {"bad-date", "check-not-in-origin"} <= rules


def test_stats_counts_an_exemplar_in_its_own_unit_and_focus(
    run_cli: RunCli, tmp_path: Path
) -> None:
    visit = """id: 20200304-two
date: 2020-03-04
team: A
units: [DJ-01, NY-03]
methods: [综合督查, 明查, 常规检查, 树立典型]
focus: [封闭管理, 防疫物资和生活必需品供应]
exemplars:
  - unit: NY-03
    focus: 防疫物资和生活必需品供应
    description: 平价蔬菜专柜
"""
    root = county(tmp_path, **{"visits__2020__03__20200304-two.yaml": visit})
    for by, owner in (("unit", "NY-03"), ("focus", "supplies")):
        out = run_cli(
            "-C",
            str(root),
            "stats",
            "--by",
            by,
            "--from",
            "2020-03-01",
            "--to",
            "2020-03-31",
            "--as-of",
            "2020-03-31",
            "-f",
            "json",
        )
        assert out.exit_code == 0, out.output
        groups = json.loads(out.stdout)["groups"]
        with_exemplar = [g["group"] for g in groups[1:] if g["exemplars"]]  # [0]: all
        assert with_exemplar == [owner], (by, groups)


def test_schedule_written_twice_books_nothing_twice(run_cli: RunCli, tmp_path: Path) -> None:
    root = county(tmp_path)
    first = run_cli("-C", str(root), "schedule", "--from", "2020-03-09", "--seed", "3", "--write")
    assert first.exit_code == 0, first.output
    planned = sorted((root / "visits").rglob("*.yaml"))
    again = run_cli("-C", str(root), "schedule", "--from", "2020-03-09", "--seed", "4", "--write")
    assert again.exit_code == 0
    assert sorted((root / "visits").rglob("*.yaml")) == planned
    assert run_cli("-C", str(root), "validate").exit_code == 0


def test_a_deadline_no_calendar_covers_is_positioned_and_the_rest_goes_on(
    run_cli: RunCli, tmp_path: Path
) -> None:
    # 3 working days from 30 December 2026 reach into 2027, which no calendar here covers
    far = P.replace("20200302-ppp", "20261230-far").replace("2020-03-02", "2026-12-30")
    root = county(tmp_path, **{"visits__2026__12__20261230-far.yaml": far})
    out = run_cli("-C", str(root), "validate")
    assert out.exit_code == 1
    assert "visits/2026/12/20261230-far.yaml:10:15: error:" in out.output
    assert "[deadline-uncovered]" in out.output
    listed = overdue_ids(run_cli, root, "2020-03-12")
    assert listed["red"] == ["20200302-ppp/1", "20200302-ppp/2"]
    table = run_cli("-C", str(root), "overdue", "--as-of", "2026-12-31")
    assert table.exit_code == 0 and "期限无法计算的问题 2 项" in table.output
    assert "20200302-ppp/1" in table.output  # the rest is listed as before
    plan = run_cli("-C", str(root), "schedule", "--from", "2020-03-09", "--seed", "1")
    assert plan.exit_code == 0


def test_validate_staged_checks_what_is_staged(run_cli: RunCli, history: Path) -> None:
    visit = history / "visits/2020/03/20200302-ppp.yaml"
    visit.write_text(P.replace("team: A", "team: Z"), encoding="utf-8")
    git(history.parent, "add", "-A")
    visit.write_text(P, encoding="utf-8")  # fixed in the working tree, not in the index
    staged = run_cli("-C", str(history), "validate", "--staged")
    assert staged.exit_code == 1 and "[unknown-team]" in staged.output
    git(history.parent, "add", "-A")
    assert run_cli("-C", str(history), "validate", "--staged").exit_code == 0


def test_an_ignored_visit_file_counts_in_diff_and_changed_as_in_overdue(
    run_cli: RunCli, history: Path
) -> None:
    (history.parent / ".gitignore").write_text("records/visits/2020/04/\n", encoding="utf-8")
    commit(history.parent, "忽略四月")
    hidden = P.replace("20200302-ppp", "20200401-hid").replace("2020-03-02", "2020-04-01")
    build_file_tree(history, {"visits/2020/04/20200401-hid.yaml": hidden})
    assert "20200401-hid/1" in overdue_ids(run_cli, history, "2020-04-20")["red"]
    assert any("新增督查 20200401-hid" in line for line in diff_lines(run_cli, history))
    (history / "visits/2020/04/20200401-hid.yaml").write_text(hidden.replace("team: A", "team: Z"))
    changed = run_cli("-C", str(history), "validate", "--changed")
    assert changed.exit_code == 1 and "20200401-hid.yaml" in changed.output


def test_validate_staged_before_the_first_commit(run_cli: RunCli, repo: Path) -> None:
    root = county(repo / "records")
    git(repo, "add", "-A")
    assert run_cli("-C", str(root), "validate", "--staged").exit_code == 0
    (root / "visits/2020/03/20200302-ppp.yaml").write_text(P.replace("team: A", "team: Z"))
    git(repo, "add", "-A")
    result = run_cli("-C", str(root), "validate", "--staged")
    assert result.exit_code == 1 and "[unknown-team]" in result.output
