from __future__ import annotations

import datetime as dt
from pathlib import Path

from ducha.domain.overdue import Filters, Light, group_key, grouped, overdue_report
from ducha.domain.workdays import WorkCalendar
from tests.helpers import SAMPLE, build_file_tree, load

D = dt.date


def test_red_yellow_and_awaiting(tmp_path: Path) -> None:
    spec = {
        "ducha.yaml": "",
        "units.yaml": "units:\n  - {id: U1, name: 甲, district: 东区, kind: community}\n",
        "teams.yaml": "teams:\n  - {id: T1, name: 一组, leader: 王某}\n",
        "visits/2020/02/20200203-aaa.yaml": (
            "id: 20200203-aaa\ndate: 2020-02-03\nteam: T1\nunits: U1\nfindings:\n"
            "  - {focus: 宣传, severity: 一般, description: late, deadline: 2020-02-05}\n"
            "  - {focus: 宣传, severity: 一般, description: soon, deadline: 2020-02-11}\n"
            "  - {focus: 宣传, severity: 一般, description: later, deadline: 2020-02-28}\n"
            "  - {focus: 宣传, severity: 一般, description: reported, deadline: 2020-02-05,"
            " reports: {date: 2020-02-04}}\n"
            "  - {focus: 宣传, severity: 严重, description: late-serious, deadline: 2020-02-05}\n"
        ),
    }
    repo = load(build_file_tree(tmp_path, spec))
    report = overdue_report(repo, D(2020, 2, 10), 1, WorkCalendar())
    assert [(r.status.finding.description, r.light, r.working_days_late) for r in report.rows] == [
        ("late-serious", Light.RED, 3),  # same lateness: the more serious first
        ("late", Light.RED, 3),
        ("soon", Light.YELLOW, -1),
    ]
    [waiting] = report.awaiting
    assert (waiting.status.finding.description, waiting.waited, waiting.reported_late) == (
        "reported",
        4,
        False,
    )


def test_sample_campaign_is_believable() -> None:
    repo = load(SAMPLE)
    report = overdue_report(repo, D(2020, 2, 21), 2, WorkCalendar())
    assert report.red >= 5
    assert len(report.awaiting) >= 10
    # the village whose checkpoint failed two return visits is among the red
    assert any(r.status.reopened >= 2 and r.light is Light.RED for r in report.rows)
    by_district = grouped(report.rows, group_key(repo, "district"))
    assert sum(len(rows) for _, rows in by_district) == len(report.rows)
    only = overdue_report(repo, D(2020, 2, 21), 2, WorkCalendar(), Filters(district="河北区"))
    assert only.rows and all(
        repo.units[r.status.finding.unit].district == "河北区" for r in only.rows
    )
