"""Each state transition of a finding, and each kind of deadline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ducha.domain.lifecycle import State, Status, statuses
from ducha.domain.workdays import WorkCalendar
from tests.helpers import SAMPLE, build_file_tree, load, load_all

D = dt.date
BASE = {
    "ducha.yaml": "deadlines: {immediate_days: 1}\n",
    "units.yaml": "units:\n  - {id: U1, name: 甲社区, district: 东区, kind: community}\n",
    "teams.yaml": (
        "teams:\n  - {id: T1, name: 第一组, leader: 王某}\n  - {id: T2, name: 第二组, leader: 李某}\n"
    ),
}
ORIGIN = "id: 20200205-aaa\ndate: 2020-02-05\nteam: T1\nunits: U1\nfindings:\n"


LATE = D(2020, 3, 31)


def state_of(tmp_path: Path, finding: str, *returns: str, as_of: dt.date = LATE) -> Status:
    spec = {**BASE, "visits/2020/02/20200205-aaa.yaml": ORIGIN + finding}
    for index, body in enumerate(returns):
        day = 10 + index * 5
        spec[f"visits/2020/02/202002{day}-r{index}x.yaml"] = (
            f"id: 202002{day}-r{index}x\ndate: 2020-02-{day}\nteam: T2\nunits: U1\n"
            "methods: 杀回马枪\nreturns_to: 20200205-aaa\nchecks:\n" + body
        )
    loaded = load_all(build_file_tree(tmp_path, spec))
    assert not [i for i in loaded.issues if i.severity.value == "error"], loaded.issues
    [status] = statuses(loaded.index, as_of, WorkCalendar())
    return status


F = "  - {focus: 宣传, severity: 一般, description: d%s}\n"


def test_new_finding_is_open_with_its_written_deadline(tmp_path: Path) -> None:
    status = state_of(tmp_path, F % ", deadline: 2020-02-12")
    assert (status.state, status.deadline) == (State.OPEN, D(2020, 2, 12))


def test_within_n_working_days_counts_from_the_day_after_the_visit(tmp_path: Path) -> None:
    # Wed 5 Feb + 3 working days = Mon 10 Feb
    assert state_of(tmp_path, F % ", deadline: 3个工作日").deadline == D(2020, 2, 10)


def test_immediate_uses_the_configured_days(tmp_path: Path) -> None:
    assert state_of(tmp_path, F % ", deadline: 立行立改").deadline == D(2020, 2, 6)


def test_no_deadline_takes_the_severity_default(tmp_path: Path) -> None:
    # default for 一般 (minor) is 5 working days: Wed 5 Feb -> Wed 12 Feb
    assert state_of(tmp_path, F % "").deadline == D(2020, 2, 12)


def test_fixed_on_the_spot_is_closed_at_once(tmp_path: Path) -> None:
    status = state_of(tmp_path, F % ", fixed_on_spot: true")
    assert (status.state, status.closed_on, status.deadline) == (State.CLOSED, D(2020, 2, 5), None)


def test_report_makes_it_reported_until_verified(tmp_path: Path) -> None:
    finding = F.replace("}", ", reports: {date: 2020-02-07}}") % ""
    status = state_of(tmp_path, finding)
    assert (status.state, status.reported_on) == (State.REPORTED, D(2020, 2, 7))


def test_rectified_check_closes_it(tmp_path: Path) -> None:
    finding = F.replace("}", ", reports: {date: 2020-02-07}}") % ""
    status = state_of(tmp_path, finding, "  - {finding: 20200205-aaa/1, result: 整改到位}\n")
    assert (status.state, status.closed_on) == (State.CLOSED, D(2020, 2, 10))


def test_not_rectified_reopens_with_the_check_deadline(tmp_path: Path) -> None:
    check = "  - {finding: 20200205-aaa/1, result: 未整改到位, deadline: 2个工作日}\n"
    status = state_of(tmp_path, F % "", check)
    assert (status.state, status.deadline, status.reopened) == (State.REOPENED, D(2020, 2, 12), 1)


def test_reopened_without_a_deadline_takes_the_policy_default_from_the_return_visit(
    tmp_path: Path,
) -> None:
    status = state_of(tmp_path, F % "", "  - {finding: 20200205-aaa/1, result: not-rectified}\n")
    assert status.deadline == D(2020, 2, 17)  # Mon 10 Feb + 5 working days


def test_relapse_after_closing_reopens(tmp_path: Path) -> None:
    status = state_of(
        tmp_path,
        F % "",
        "  - {finding: 20200205-aaa/1, result: 整改到位}\n",
        "  - {finding: 20200205-aaa/1, result: 反弹, deadline: 1个工作日}\n",
    )
    assert (status.state, status.relapsed, status.deadline) == (
        State.REOPENED,
        True,
        D(2020, 2, 17),
    )
    assert [e.kind for e in status.events] == ["opened", "rectified", "relapsed"]


def test_report_after_reopening_is_reported_again(tmp_path: Path) -> None:
    finding = F.replace("}", ", reports: [{date: 2020-02-07}, {date: 2020-02-11}]}") % ""
    status = state_of(tmp_path, finding, "  - {finding: 20200205-aaa/1, result: 未整改到位}\n")
    assert (status.state, status.reported_on) == (State.REPORTED, D(2020, 2, 11))


def test_state_as_of_an_earlier_date_ignores_later_events(tmp_path: Path) -> None:
    finding = F.replace("}", ", reports: {date: 2020-02-07}}") % ""
    status = state_of(
        tmp_path, finding, "  - {finding: 20200205-aaa/1, result: 整改到位}\n", as_of=D(2020, 2, 6)
    )
    assert status.state is State.OPEN


def test_a_finding_nothing_happened_to_is_derived_as_by_replaying_its_life() -> None:
    from ducha.domain.lifecycle import _derived, derive

    repo = load(SAMPLE)
    calendar = WorkCalendar()
    seen = 0
    for visit in repo.visits:
        for finding in visit.findings:
            for day in (visit.date, D(2020, 3, 31)):
                bare = finding._replace(reports=())
                fast = derive(bare, visit, (), day, repo.settings, calendar)
                assert fast == _derived(bare, visit, (), day, repo.settings, calendar)
                seen += 1
    assert seen > 50


def test_the_findings_told_closed_without_a_replay_are_exactly_those_derived_closed() -> None:
    # overdue and schedule skip replaying the findings they can tell are closed; they must
    # never skip one that is not, whatever the day
    repo = load(SAMPLE)
    calendar = WorkCalendar()
    day, skipped = D(2020, 2, 1), 0
    while day <= D(2020, 4, 1):
        every = statuses(repo, day, calendar)
        unclosed = statuses(repo, day, calendar, unclosed=True)
        assert unclosed == [s for s in every if s.state is not State.CLOSED], day
        skipped = max(skipped, len(every) - len(unclosed))
        day += dt.timedelta(days=1)
    assert skipped > 10
