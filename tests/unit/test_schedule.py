"""The return-visit plan never breaks a rule, accounts for every must-do unit, and is reproducible."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ducha.domain.index import Index
from ducha.domain.model import Check, Due, Finding, Report, Team, Unit, Visit
from ducha.domain.schedule import Plan, candidates, plan
from ducha.domain.settings import ReturnPolicy, Settings
from ducha.domain.workdays import WorkCalendar
from tests.helpers import SAMPLE, load

CALENDAR = WorkCalendar()
FEB = [dt.date(2020, 2, d) for d in range(3, 29) if CALENDAR.is_workday(dt.date(2020, 2, d))]


@st.composite
def repositories(draw: st.DrawFn) -> Index:
    districts = ["东区", "西区", "北区"]
    units = [
        Unit(f"U{i}", f"单位{i}", draw(st.sampled_from(districts)), "community")
        for i in range(draw(st.integers(2, 10)))
    ]
    teams = [Team(f"T{i}", f"第{i}组", "组长") for i in range(draw(st.integers(1, 4)))]
    policy = ReturnPolicy(
        min_interval_days=draw(st.integers(0, 4)),
        rest_days=draw(st.integers(0, 10)),
        capacity_per_day=draw(st.integers(1, 3)),
        random_share=draw(st.sampled_from([0.0, 0.2, 1.0])),
        cross_team=draw(st.booleans()),
        stationed_after_days=draw(st.integers(2, 15)),
    )
    visits: list[Visit] = []
    for index in range(draw(st.integers(0, 14))):
        day = draw(st.sampled_from(FEB))
        unit = draw(st.sampled_from(units)).id
        visit_id = f"{day:%Y%m%d}-v{index:02d}"
        findings = tuple(
            Finding(
                visit_id,
                n,
                unit,
                "screening",
                draw(st.sampled_from(["minor", "major", "serious"])),
                "问题",
                scope=draw(st.sampled_from(["individual", "common"])),
                due=Due("days", days=draw(st.integers(1, 5))),
                fixed_on_spot=draw(st.booleans()) and draw(st.booleans()),
                reports=(Report(day + dt.timedelta(days=draw(st.integers(1, 6)))),)
                if draw(st.booleans())
                else (),
            )
            for n in range(1, draw(st.integers(0, 3)) + 1)
        )
        earlier = [v for v in visits if v.date < day and v.findings and unit in v.units]
        checks: tuple[Check, ...] = ()
        returns: tuple[str, ...] = ()
        if bool(earlier) and draw(st.booleans()):
            origin = earlier[-1]
            returns = (origin.id,)
            checks = tuple(
                Check(f.id, draw(st.sampled_from(["rectified", "not-rectified", "relapsed"])))
                for f in origin.findings
            )
        team = draw(st.sampled_from(teams)).id
        visits.append(
            Visit(
                visit_id,
                day,
                team,
                (unit,),
                f"visits/{visit_id}.yaml",
                findings=findings,
                checks=checks,
                returns_to=returns,
            )
        )
    planned_day = draw(st.sampled_from(FEB))
    if draw(st.booleans()):
        visits.append(
            Visit(
                f"{planned_day:%Y%m%d}-pln",
                planned_day,
                teams[0].id,
                (units[0].id,),
                "visits/p.yaml",
                status="planned",
            )
        )
    return Index(
        replace(Settings(root=Path()), returns=policy),
        {u.id: u for u in units},
        {t.id: t for t in teams},
        tuple(visits),
    )


def check_plan(repo: Index, result: Plan, capacity: int) -> None:
    policy = repo.settings.returns
    must, stationed = candidates(repo, result.start, CALENDAR)
    by_unit = {c.unit: c for c in must}
    planned_units = [v.unit for v in result.visits]
    assert len(planned_units) == len(set(planned_units)), "a unit twice in one plan"
    load: dict[tuple[dt.date, str], int] = {}
    for visit in repo.visits:
        if visit.planned:
            load[(visit.date, visit.team)] = load.get((visit.date, visit.team), 0) + 1
    for planned in result.visits:
        assert planned.date in result.days and CALENDAR.is_workday(planned.date)
        assert result.start <= planned.date <= result.end
        load[(planned.date, planned.team)] = load.get((planned.date, planned.team), 0) + 1
        origins = [v for v in repo.visits if v.id in planned.origins]
        assert all(planned.date >= CALENDAR.add(o.date, policy.min_interval_days) for o in origins)
        if policy.cross_team and planned.unit in by_unit:
            assert planned.team not in by_unit[planned.unit].origin_teams
        exempt = planned.unit in by_unit and by_unit[planned.unit].exempt
        if not exempt:
            others = [v.date for v in repo.visits if planned.unit in v.units]
            others += [v.date for v in result.visits if v.unit == planned.unit and v is not planned]
            assert all(abs(planned.date - d) >= dt.timedelta(days=policy.rest_days) for d in others)
    for (day, team), count in load.items():
        if any(v.date == day and v.team == team for v in result.visits):
            assert count <= capacity, (day, team, count)
    accounted = {v.unit for v in result.visits} | {item.candidate.unit for item in result.left_out}
    assert {c.unit for c in must} <= accounted
    assert not {s.unit for s in stationed} & {v.unit for v in result.visits}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    repositories(),
    st.sampled_from(FEB),
    st.integers(1, 21),
    st.integers(0, 10**6),
    st.sampled_from([None, 1, 2]),
)
def test_no_constraint_is_ever_broken(
    repo: Index, start: dt.date, days: int, seed: int, capacity: int | None
) -> None:
    result = plan(repo, start, days, seed, CALENDAR, capacity)
    check_plan(repo, result, capacity or repo.settings.returns.capacity_per_day)
    assert plan(repo, start, days, seed, CALENDAR, capacity) == result


def test_sample_plan_is_one_a_secretariat_would_sign() -> None:
    repo = load(SAMPLE)
    result = plan(repo, dt.date(2020, 2, 24), 14, 42, CALENDAR)
    check_plan(repo, result, repo.settings.returns.capacity_per_day)
    # the relapsed hospital goes first in line, the twice-unrectified village gets a stationed inspector
    assert any(v.unit == "LC-YY-01" and "relapsed" in v.reasons for v in result.visits)
    assert [s.unit for s in result.stationed] == ["HB-CZ-01"]
    assert any("random" in v.reasons for v in result.visits)
    # cross-team is on in the sample: nobody checks their own team's findings
    for visit in result.visits:
        origin_teams = {v.team for v in repo.visits if v.id in visit.origins}
        if "random" not in visit.reasons:
            assert visit.team not in origin_teams


def test_different_seeds_give_different_dates() -> None:
    repo = load(SAMPLE)
    plans = {
        tuple((v.unit, v.date) for v in plan(repo, dt.date(2020, 2, 24), 14, seed, CALENDAR).visits)
        for seed in range(5)
    }
    assert len(plans) > 1


def test_a_tight_window_reports_what_it_left_out() -> None:
    repo = load(SAMPLE)
    result = plan(repo, dt.date(2020, 2, 24), 1, 7, CALENDAR, capacity=1)
    assert result.left_out
    assert {item.why for item in result.left_out} <= {"capacity", "rest", "interval", "team"}
    must, _ = candidates(repo, dt.date(2020, 2, 24), CALENDAR)
    assert len(result.left_out) + len(
        [v for v in result.visits if "random" not in v.reasons]
    ) == len(must)
