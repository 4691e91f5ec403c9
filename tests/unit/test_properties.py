"""Properties of generated repositories: every command agrees, the cache changes nothing, and
diff names exactly the findings whose derived facts differ.

A repository is drawn as visits with findings (deadlines in days or dates, report-backs),
chains of return visits (rectified, not rectified with a new deadline, relapsed), planned
visits, and then edited: a check's result changed or removed, a report-back moved or
added, a deadline or a severity changed, a visit removed or a return visit added.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ducha.domain.lifecycle import State, statuses
from ducha.domain.overdue import Light, light_of, overdue_report
from ducha.domain.review import affected, finding_facts, record_changes
from ducha.domain.show import FindingView, describe
from ducha.domain.stats import stats
from ducha.domain.workdays import WorkCalendar
from ducha.outputs.export import findings as export_findings
from ducha.outputs.labels import Labels
from ducha.store.cache import Cache, cache_key
from ducha.store.config import load_settings
from ducha.store.history import diff_sides, review
from ducha.store.load import load_records
from ducha.store.pipeline import usable
from ducha.store.vcs import Git
from tests.helpers import GIT_ENV, build_file_tree

UNITS = "units:\n" + "".join(
    f"  - {{id: U{i}, name: 单位{i}, district: 区{i % 2}, kind: 城市社区}}\n" for i in range(1, 4)
)
TEAMS = "teams:\n  - {id: A, name: 甲组, leader: 甲}\n  - {id: B, name: 乙组, leader: 乙}\n"
START = dt.date(2020, 3, 2)
AS_OF = dt.date(2020, 4, 20)
RESULTS = ("整改到位", "未整改到位", "反弹")

Finding = dict[str, Any]
Visit = dict[str, Any]


@st.composite
def records(draw: st.DrawFn) -> list[Visit]:
    """Origin visits, return visits that check what came before, and planned visits."""
    visits: list[Visit] = []
    day = START
    for n in range(draw(st.integers(1, 4))):
        day += dt.timedelta(days=draw(st.integers(0, 3)))
        findings: list[Finding] = []
        for _ in range(draw(st.integers(1, 3))):
            due = draw(st.sampled_from(["3个工作日", "5个工作日", "date", None, "立行立改"]))
            finding: Finding = {
                "severity": draw(st.sampled_from(["一般", "较重", "严重"])),
                "deadline": (day + dt.timedelta(days=draw(st.integers(1, 9))))
                if due == "date"
                else due,
                "fixed": draw(st.booleans()) and draw(st.booleans()),
                "reports": sorted(
                    day + dt.timedelta(days=d)
                    for d in draw(st.lists(st.integers(1, 15), max_size=2, unique=True))
                ),
            }
            findings.append(finding)
        unit = f"U{draw(st.integers(1, 3))}"
        visits.append(
            {"id": f"{day:%Y%m%d}-o{n}a", "date": day, "unit": unit, "findings": findings}
        )
    for n in range(draw(st.integers(0, 4))):
        origin = draw(st.sampled_from([v for v in visits if v.get("findings")]))
        day = origin["date"] + dt.timedelta(days=draw(st.integers(2, 20)))
        refs = [f"{origin['id']}/{i}" for i in range(1, len(origin["findings"]) + 1)]
        chosen = draw(st.lists(st.sampled_from(refs), min_size=1, max_size=len(refs), unique=True))
        checks = [
            {
                "finding": ref,
                "result": draw(st.sampled_from(RESULTS)),
                "deadline": draw(st.sampled_from([None, "2个工作日", "4个工作日"])),
            }
            for ref in chosen
        ]
        planned = draw(st.booleans()) and draw(st.booleans())
        visits.append(
            {
                "id": f"{day:%Y%m%d}-r{n}b",
                "date": day,
                "unit": origin["unit"],
                "returns_to": origin["id"],
                "checks": [] if planned else checks,
                "to_check": chosen if planned else [],
                "planned": planned,
            }
        )
    return visits


def visit_yaml(visit: Visit) -> str:
    lines = [
        f"id: {visit['id']}",
        f"date: {visit['date']}",
        f"team: {'B' if visit.get('returns_to') else 'A'}",
        f"units: {visit['unit']}",
    ]
    if visit.get("planned"):
        lines.append("status: planned")
    if visit.get("returns_to"):
        lines += ["methods: [暗访, 杀回马枪]", f"returns_to: {visit['returns_to']}"]
    if visit.get("to_check"):
        lines.append(f"to_check: [{', '.join(visit['to_check'])}]")
    if visit.get("checks"):
        lines.append("checks:")
        for check in visit["checks"]:
            lines += [f"  - finding: {check['finding']}", f"    result: {check['result']}"]
            if check["deadline"] and check["result"] != "整改到位":
                lines.append(f"    deadline: {check['deadline']}")
    if visit.get("findings"):
        lines.append("findings:")
        for i, finding in enumerate(visit["findings"], start=1):
            lines += finding_yaml(i, finding)
    return "\n".join(lines) + "\n"


def finding_yaml(i: int, finding: Finding) -> list[str]:
    lines = [
        "  - focus: 封闭管理",
        f"    severity: {finding['severity']}",
        f"    description: 问题{i}",
    ]
    if finding["deadline"]:
        lines.append(f"    deadline: {finding['deadline']}")
    if finding["fixed"]:
        lines.append("    fixed_on_spot: true")
    if finding["reports"]:
        lines.append("    reports:")
        lines += [f"      - date: {d}" for d in finding["reports"]]
    return lines


def write(root: Path, visits: list[Visit]) -> None:
    if (root / "visits").exists():
        shutil.rmtree(root / "visits")
    spec = {"ducha.yaml": "", "units.yaml": UNITS, "teams.yaml": TEAMS}
    for visit in visits:
        date = visit["date"]
        spec[f"visits/{date:%Y}/{date:%m}/{visit['id']}.yaml"] = visit_yaml(visit)
    build_file_tree(root, spec)


@st.composite
def edited(draw: st.DrawFn, visits: list[Visit]) -> list[Visit]:
    """The same records after one or two edits a clerk makes."""
    import copy

    result = copy.deepcopy(visits)
    for _ in range(draw(st.integers(1, 2))):
        kind = draw(
            st.sampled_from(
                ["result", "uncheck", "report", "deadline", "severity", "drop", "add", "redate"]
            )
        )
        returns = [v for v in result if v.get("checks")]
        origins = [v for v in result if v.get("findings")]
        if kind in ("result", "uncheck") and returns:
            visit = draw(st.sampled_from(returns))
            i = draw(st.integers(0, len(visit["checks"]) - 1))
            if kind == "result":
                visit["checks"][i]["result"] = draw(st.sampled_from(RESULTS))
            else:
                del visit["checks"][i]
        elif kind in ("report", "deadline", "severity") and origins:
            finding = draw(st.sampled_from(draw(st.sampled_from(origins))["findings"]))
            if kind == "report":
                finding["reports"] = [START + dt.timedelta(days=draw(st.integers(1, 25)))]
            elif kind == "deadline":
                finding["deadline"] = draw(st.sampled_from(["2个工作日", "8个工作日", None]))
            else:
                finding["severity"] = draw(st.sampled_from(["一般", "较重", "严重"]))
        elif kind == "drop" and len(result) > 1:
            result.remove(draw(st.sampled_from(result[1:])))
        elif kind == "add":  # another visit like one of them, in a file of its own
            added = copy.deepcopy(draw(st.sampled_from(result)))
            added["date"] += dt.timedelta(days=draw(st.integers(0, 40)))
            added["id"] = f"{added['date']:%Y%m%d}-nw{len(result)}"
            result.append(added)
        elif kind == "redate":  # a later date, in another month's folder: the file moves
            visit = draw(st.sampled_from(result))
            visit["date"] += dt.timedelta(days=draw(st.integers(25, 40)))
    return result


def _answers(root: Path, cache: Cache) -> dict[str, tuple[Any, ...]]:
    """Each finding's state, deadline and light as overdue, show, export and stats tell it."""
    found = usable(load_settings(root), cache, AS_OF)
    index, calendar = found.index, WorkCalendar()
    labels = Labels(index.settings, "en")
    told: dict[str, tuple[Any, ...]] = {}
    for status in statuses(index, AS_OF, calendar):
        light = ""
        if status.state in (State.OPEN, State.REOPENED) and status.deadline:
            light = light_of(status, AS_OF, 2, calendar)[0].value
        told[status.id] = (status.state.value, status.deadline, light)
    # the findings told closed without a replay are those derived closed
    unclosed = {s.id for s in statuses(index, AS_OF, calendar, unclosed=True)}
    assert unclosed == {i for i, (state, _, _) in told.items() if state != "closed"}
    # show
    for finding_id, expected in told.items():
        view = describe(index, finding_id, AS_OF, calendar)
        assert isinstance(view, FindingView)
        assert (view.status.state.value, view.status.deadline) == expected[:2], finding_id
    # overdue: every red or yellow finding, and no other open one
    report = overdue_report(index, AS_OF, 2, calendar)
    lights = {r.status.id: r.light.value for r in report.rows}
    for finding_id, (state, _, light) in told.items():
        if light in (Light.RED.value, Light.YELLOW.value):
            assert lights.get(finding_id) == light, finding_id
        else:
            assert finding_id not in lights, finding_id
        awaiting = {a.status.id for a in report.awaiting}
        assert (finding_id in awaiting) == (state == "reported"), finding_id
    # export
    sheet = export_findings(index, AS_OF, calendar, labels)
    column = {key: i for i, key in enumerate(sheet.keys)}
    for row in sheet.rows:
        state, deadline, _ = told[row[column["id"]]]
        assert row[column["deadline"]] == (deadline.isoformat() if deadline else "")
        assert row[column["state"]] == labels_state(state)
    assert len(sheet.rows) == len(told)
    # stats: the states counted are the states derived
    [whole] = stats(index, START, AS_OF, AS_OF, calendar)
    counted: dict[str, int] = {}
    for state, _, _ in told.values():
        counted[state] = counted.get(state, 0) + 1
    assert whole.by_state == counted
    return told


def labels_state(state: str) -> str:
    from ducha.outputs.i18n import text

    return text(f"state-{state}", "en")


CACHE_SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@CACHE_SETTINGS
@given(st.data())
def test_commands_agree_and_the_cache_changes_nothing(data: st.DataObject) -> None:
    visits = data.draw(records())
    later = data.draw(edited(visits))
    with tempfile.TemporaryDirectory() as folder:
        root, cache_dir = Path(folder) / "r", Path(folder) / "cache"
        write(root, visits)
        key = cache_key(b"")
        uncached = _answers(root, Cache(None, ""))
        assert _answers(root, Cache.for_repository(cache_dir, root, key)) == uncached  # cold
        assert _answers(root, Cache.for_repository(cache_dir, root, key)) == uncached  # warm
        write(root, later)
        assert _answers(root, Cache.for_repository(cache_dir, root, key)) == _answers(
            root, Cache(None, "")
        )


def _but_the_day(facts: dict[str, Any]) -> dict[str, Any]:
    """Each finding's facts but its visit's day, which diff tells of the visit."""
    return {i: f._replace(visit_date=None) for i, f in facts.items()}


def _git(root: Path, *args: str) -> str:
    import os

    done = subprocess.run(
        ["git", *args], cwd=root, env={**os.environ, **GIT_ENV}, check=True, capture_output=True
    )
    return done.stdout.decode()


@settings(max_examples=20, deadline=None)
@given(st.data())
def test_diff_names_exactly_the_findings_whose_derived_facts_differ(data: st.DataObject) -> None:
    visits = data.draw(records())
    later = data.draw(edited(visits))
    with tempfile.TemporaryDirectory() as folder:
        base, target = Path(folder) / "base", Path(folder) / "target"
        write(base, visits)
        write(target, later)
        old = _but_the_day(finding_facts(load_records(load_settings(base)).index, AS_OF))
        new = _but_the_day(finding_facts(load_records(load_settings(target)).index, AS_OF))
        expected = {i for i in old.keys() | new.keys() if old.get(i) != new.get(i)}
        redated = {
            v["id"] for v in later for w in visits if v["id"] == w["id"] and v["date"] != w["date"]
        }
        # the same two states as two commits of one repository, diffed with the working tree
        work = Path(folder) / "work"
        write(work, visits)
        _git(work, "init", "-q")
        _git(work, "add", "-A")
        _git(work, "commit", "-qm", "base", "--no-gpg-sign")
        write(work, later)
        current = load_records(load_settings(work))
        sides = diff_sides(current, Git(work), "HEAD", "")
        items = review(sides, AS_OF, "HEAD", "").items
        named = {i.subject for i in items if "/" in i.subject}
        assert named == expected
        # a visit's new day is told once, of the visit, not again of each of its findings
        assert {i.subject for i in items if i.kind == "visit-edited" and i.field == "date"} == (
            redated
        )
        # the visits of the changed files alone, compared, say what comparing every one says
        old_index, new_index = sides.old.index, sides.new.index
        every = record_changes(old_index, new_index)
        assert record_changes(old_index, new_index, sides.changed) == every
        # the checks of the findings asked for, found alone, are those of the whole lookup
        wanted = affected(old_index, new_index, sides.changed)
        for index in (old_index, new_index):
            whole = finding_facts(index, AS_OF)
            assert finding_facts(index, AS_OF, wanted) == {
                i: facts for i, facts in whole.items() if i in wanted
            }


def week_counts(index: Any, as_of: dt.date, calendar: WorkCalendar) -> list[tuple[int, ...]]:
    """The site's weekly counts by their plain definition: everything derived at each week's end."""
    from ducha.domain.site import WEEKS

    monday = as_of - dt.timedelta(days=as_of.weekday())
    found: list[tuple[int, ...]] = []
    for back in range(WEEKS - 1, -1, -1):
        start = monday - dt.timedelta(weeks=back)
        end = min(start + dt.timedelta(days=6), as_of)
        every = statuses(index, end, calendar)
        found.append(
            (
                sum(1 for s in every if start <= s.visit.date <= end),
                sum(1 for s in every if s.closed_on is not None and start <= s.closed_on <= end),
                sum(
                    1
                    for s in every
                    if s.state in (State.OPEN, State.REOPENED)
                    and s.deadline is not None
                    and s.deadline < end
                ),
            )
        )
    return found


@CACHE_SETTINGS
@given(st.data())
def test_the_sites_weekly_counts_are_those_derived_at_each_weeks_end(
    data: st.DataObject,
) -> None:
    from ducha.domain.site import site_model

    visits = data.draw(records())
    as_of = data.draw(st.dates(START, AS_OF + dt.timedelta(days=20)))
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "r"
        write(root, visits)
        index = usable(load_settings(root), Cache(None, ""), as_of).index
        calendar = WorkCalendar(index.settings.calendar)
        site = site_model(index, as_of, calendar, internal=False)
        assert [(w.found, w.closed, w.overdue) for w in site.summary.weeks] == week_counts(
            index, as_of, calendar
        )
