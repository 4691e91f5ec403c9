"""chase: who to call, agreeing with overdue, pasteable into a group chat."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.helpers import RunCli, build_file_tree

UNITS = """\
units:
  - {id: U1, name: 幸福社区, district: 东区, kind: 城市社区, contact: 张某 13900000000}
  - {id: U2, name: 光明村, district: 西区, kind: 农村村庄}
"""
TEAMS = (
    "teams:\n  - {id: T1, name: 第一组, leader: 王某}\n  - {id: T2, name: 第二组, leader: 李某}\n"
)


def _visit(visit_id: str, team: str, unit: str, findings: str) -> str:
    day = f"{visit_id[:4]}-{visit_id[4:6]}-{visit_id[6:8]}"
    return f"id: {visit_id}\ndate: {day}\nteam: {team}\nunits: {unit}\nfindings:\n{findings}"


@pytest.fixture
def office(tmp_path: Path) -> Path:
    """Monday 2020-02-17: U1 has one late, one due tomorrow; U2 one report long unverified."""
    return build_file_tree(
        tmp_path / "records",
        {
            "ducha.yaml": "organization: {name: 督查组}\n",
            "units.yaml": UNITS,
            "teams.yaml": TEAMS,
            "visits/2020/02/20200210-aaa.yaml": _visit(
                "20200210-aaa", "T1", "U1",
                "  - {focus: 宣传, severity: 一般, description: '宣传栏过期 [点我](http://x) **急**', deadline: 2020-02-12}\n"
                "  - {focus: 宣传, severity: 一般, description: 横幅破损, deadline: 2020-02-18}\n"
                "  - {focus: 宣传, severity: 一般, description: 已整改的, deadline: 2020-02-12, fixed_on_spot: true}\n",
            ),
            "visits/2020/02/20200203-bbb.yaml": _visit(
                "20200203-bbb", "T2", "U2",
                "  - focus: 封闭管理\n    severity: 较重\n    description: 卡点无人\n"
                "    responsible: 村支书赵某\n    reports: [{date: 2020-02-05}]\n"
                "  - focus: 封闭管理\n    severity: 较重\n    description: 刚反馈的\n"
                "    reports: [{date: 2020-02-14}]\n",
            ),
        },
    )  # fmt: skip


def test_chase_groups_what_to_call_about_by_unit(run_cli: RunCli, office: Path) -> None:
    result = run_cli("-C", str(office), "chase", "--as-of", "2020-02-17", "-f", "json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    parties = {p["key"]: p for p in found["parties"]}
    assert list(parties) == ["U1", "U2"]  # the one with something overdue first
    assert parties["U1"]["contact"] == "张某 13900000000"
    assert [(i["id"], i["urgency"], i["working_days"]) for i in parties["U1"]["items"]] == [
        ("20200210-aaa/1", "overdue", 3),
        ("20200210-aaa/2", "due", 1),
    ]
    # reported on the 5th: 8 working days by the 17th, past verify_within (5); the 14th's is not
    assert [(i["id"], i["urgency"], i["working_days"]) for i in parties["U2"]["items"]] == [
        ("20200203-bbb/1", "unverified", 8)
    ]


def test_markdown_for_the_group_chat_keeps_record_text_inert(run_cli: RunCli, office: Path) -> None:
    result = run_cli("-C", str(office), "chase", "--as-of", "2020-02-17", "-f", "md")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "**督办提醒（2020-02-17）**"
    assert lines[1] == "超期 1 项，即将到期 1 项，反馈后待核验超时 1 项"
    assert "### 幸福社区（东区）  联系人：张某 13900000000" in lines
    late = next(line for line in lines if "20200210-aaa/1" in line)
    assert late.startswith("- 🔴 超期 3 个工作日：宣传栏过期 \\[点我\\](http://x) \\*\\*急\\*\\*")
    assert late.endswith("（20200210-aaa/1，期限 2020-02-12）")


def test_chase_by_team_and_responsible(run_cli: RunCli, office: Path) -> None:
    by_team = json.loads(run_cli("-C", str(office), "chase", "--as-of", "2020-02-17", "--by", "team", "-f", "json").output)  # fmt: skip
    assert [(p["key"], p["contact"]) for p in by_team["parties"]] == [
        ("T1", "王某"),
        ("T2", "李某"),
    ]
    by_person = json.loads(run_cli("-C", str(office), "chase", "--as-of", "2020-02-17", "--by", "responsible", "-f", "json").output)  # fmt: skip
    assert "村支书赵某" in [p["key"] for p in by_person["parties"]]


def test_fail_if_red_and_a_quiet_day(run_cli: RunCli, office: Path) -> None:
    assert run_cli("-C", str(office), "chase", "--as-of", "2020-02-17", "--fail-if-red").exit_code == 1  # fmt: skip
    yellow_only = run_cli("-C", str(office), "chase", "--as-of", "2020-02-05", "--fail-if-red")
    assert yellow_only.exit_code == 0 and "超期 0 项，即将到期 1 项" in yellow_only.output
    quiet = run_cli("-C", str(office), "chase", "--as-of", "2020-02-01", "--fail-if-red")
    assert quiet.exit_code == 0 and "今天没有需要催办的问题" in quiet.output


def test_the_table_fits_80_columns(
    run_cli: RunCli, office: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = run_cli("-C", str(office), "chase", "--as-of", "2020-02-17")
    assert result.exit_code == 0
    from rich.cells import cell_len

    assert max(cell_len(line) for line in result.output.splitlines()) <= 80
    assert "● 超期 3 个工作日" in result.output


@pytest.mark.parametrize("days", [0, 3, 9, 15, 25])
def test_chase_agrees_with_overdue(run_cli: RunCli, sample: Path, days: int) -> None:
    day = (dt.date(2020, 2, 5) + dt.timedelta(days=days)).isoformat()
    chased = json.loads(run_cli("-C", str(sample), "chase", "--as-of", day, "-f", "json").output)
    listed = json.loads(run_cli("-C", str(sample), "overdue", "--as-of", day, "-f", "json").output)
    items = [i for p in chased["parties"] for i in p["items"]]
    lights = {"red": "overdue", "yellow": "due"}
    assert sorted((i["id"], i["urgency"]) for i in items if i["urgency"] != "unverified") == sorted(
        (f["id"], lights[f["light"]]) for f in listed["findings"]
    )
    waited = {a["id"] for a in listed["awaiting_verification"] if a["waited_working_days"] > 5}
    assert {i["id"] for i in items if i["urgency"] == "unverified"} == waited


def test_the_reminder_names_what_the_chase_lists_for_the_unit(
    run_cli: RunCli, office: Path
) -> None:
    memo = run_cli("-C", str(office), "report", "reminder", "--as-of", "2020-02-17", "--unit", "U1", "-f", "md")  # fmt: skip
    assert memo.exit_code == 0, memo.output
    assert "# 红色督办单" in memo.output and "幸福社区：" in memo.output
    assert "【红色】原定整改期限2020年2月12日，已超期3个工作日" in memo.output
    assert "【黄色】整改期限2020年2月18日，还剩1个工作日" in memo.output
    assert "13900000000" not in memo.output  # a unit-facing memo: no contact numbers
    yellow = run_cli("-C", str(office), "report", "reminder", "--as-of", "2020-02-05", "--unit", "U2", "-f", "md")  # fmt: skip
    assert yellow.exit_code == 0 and "# 黄色督办单" in yellow.output
    assert "【红色】" not in yellow.output
    # U2's only item on the 17th is a report waiting for its return visit: the office's job
    none = run_cli("-C", str(office), "report", "reminder", "--as-of", "2020-02-17", "--unit", "U2", "-f", "md")  # fmt: skip
    assert none.exit_code == 1 and "不出督办单" in none.output


def test_reminders_for_every_unit_with_red_or_yellow(
    run_cli: RunCli, sample: Path, tmp_path: Path
) -> None:
    out = tmp_path / "督办单"
    result = run_cli("-C", str(sample), "report", "reminder", "--as-of", "2020-02-21", "-f", "md", "-o", str(out))  # fmt: skip
    assert result.exit_code == 0, result.output
    chased = json.loads(run_cli("-C", str(sample), "chase", "--as-of", "2020-02-21", "-f", "json").output)  # fmt: skip
    expected = {
        p["key"] for p in chased["parties"] if any(i["urgency"] != "unverified" for i in p["items"])
    }
    assert expected  # the sample has red and yellow on the 21st
    assert {p.name for p in out.iterdir()} == {f"reminder-{k}-2020-02-21.md" for k in expected}
