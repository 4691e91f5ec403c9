from __future__ import annotations

import datetime as dt
from pathlib import Path

from ducha.domain.overdue import Filters, Light, group_key, grouped, needed_files, overdue_report
from ducha.domain.workdays import WorkCalendar
from ducha.store.config import load_settings
from ducha.store.load import Repository, load_facts, load_repository
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


def _usable(repo: Repository) -> Repository:
    return repo.without(repo.broken_files())  # as the commands leave them out


def test_the_files_overdue_loads_give_the_report_all_files_give(sample: Path) -> None:
    # a return visit in error, though its check could be read: it counts neither way
    (sample / "visits/2020/02/20200220-zz8.yaml").write_text(
        "id: 20200220-zz8\ndate: 2020-02-20\nteam: T1\nunits: [HB-CZ-02]\n"
        "methods: [暗访, 杀回马枪]\nreturns_to: [20200214-8sv]\n"
        "checks: [{finding: 20200214-8sv/2, result: 整改到位}]\n"
        "findings: [{focus: 宣传, severity: 特重, description: 写错的严重程度}]\n",
        encoding="utf-8",
    )
    settings = load_settings(sample)
    whole = _usable(load_repository(settings))
    entries = load_facts(settings)
    calendar = WorkCalendar()
    day, seen = D(2020, 2, 3), 0
    while day <= D(2020, 3, 31):
        needed = needed_files(entries, day)
        part = _usable(load_repository(settings, only=needed))
        assert overdue_report(part, day, 2, calendar) == overdue_report(whole, day, 2, calendar)
        seen = max(seen, len(overdue_report(whole, day, 2, calendar).rows))
        day += dt.timedelta(days=1)
    assert seen > 0 and len(needed) < len(whole.files)
