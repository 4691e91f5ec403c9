from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import RunCli, check, load, summary


def test_table_prints_the_seed(run_cli: RunCli, sample: Path) -> None:
    result = run_cli(
        "-C", str(sample), "schedule", "--from", "2020-02-24", "--days", "14", "--seed", "42"
    )
    assert result.exit_code == 0
    assert result.output.startswith(
        "2020年2月24日 至 2020年3月8日 回访安排（杀回马枪）：22 次，随机种子 42"
    )
    assert "用 --seed 42 可重现同一安排" in result.output
    assert "建议改派驻点督查" in result.output and "两次未整改到位" in result.output


def test_without_a_seed_one_is_chosen_and_printed(run_cli: RunCli, sample: Path) -> None:
    result = run_cli("-C", str(sample), "schedule", "--from", "2020-02-24", "--format", "json")
    seed = json.loads(result.output)["seed"]
    again = run_cli(
        "-C",
        str(sample),
        "schedule",
        "--from",
        "2020-02-24",
        "--format",
        "json",
        "--seed",
        str(seed),
    )
    assert json.loads(again.output) == json.loads(result.output)


def test_json_document(run_cli: RunCli, sample: Path) -> None:
    result = run_cli(
        "-C", str(sample), "schedule", "--from", "2020-02-24", "--seed", "42", "--format", "json"
    )
    document = json.loads(result.output)
    assert (document["seed"], document["from"], document["to"]) == (42, "2020-02-24", "2020-03-08")
    first = document["visits"][0]
    assert set(first) == {
        "date",
        "team",
        "unit",
        "unit_name",
        "district",
        "reasons",
        "findings",
        "returns_to",
    }
    assert document["stationed"] == [
        {
            "unit": "HB-CZ-01",
            "unit_name": "河北区姬石镇后谢村",
            "district": "河北区",
            "why": "not-rectified-twice",
            "findings": ["20200204-vfz/1", "20200210-8u9/1"],
        }
    ]
    assert document["left_out"] == []


def _events(path: Path) -> list[Any]:
    from icalendar import Calendar

    return [c for c in Calendar.from_ical(path.read_bytes()).walk() if c.name == "VEVENT"]


def test_ics_events_name_no_unit_unless_asked_and_a_re_plan_moves_them(
    run_cli: RunCli, sample: Path, tmp_path: Path
) -> None:
    first, again = tmp_path / "plan.ics", tmp_path / "replan.ics"
    args = ["-C", str(sample), "schedule", "--from", "2020-02-24"]
    assert run_cli(*args, "--seed", "42", "--ics", str(first)).exit_code == 0
    assert run_cli(*args, "--seed", "7", "--ics", str(again)).exit_code == 0
    events = _events(first)
    assert len(events) == 22
    assert {str(e["class"]) for e in events} == {"PRIVATE"}
    names = [u.name for u in load(sample).units.values()]
    for event in events:
        words = str(event["summary"]) + str(event.get("description", ""))
        assert "location" not in event
        assert not [n for n in names if n in words], words
        assert str(event["summary"]).startswith("杀回马枪：第")  # the team
    # the same unit and findings keep their UID whatever day the new seed gives them
    plan = {
        (v["unit"], tuple(v["findings"])): v["date"]
        for v in json.loads(run_cli(*args, "--seed", "42", "-f", "json").stdout)["visits"]
    }
    replan = {
        (v["unit"], tuple(v["findings"])): v["date"]
        for v in json.loads(run_cli(*args, "--seed", "7", "-f", "json").stdout)["visits"]
    }
    uids = {str(e["uid"]): e.decoded("dtstart").isoformat() for e in events}
    moved = {str(e["uid"]): e.decoded("dtstart").isoformat() for e in _events(again)}
    common = set(plan) & set(replan)
    assert len(common) >= 15
    assert len(set(uids) & set(moved)) == len(common)
    assert any(plan[k] != replan[k] for k in common)  # some moved, under the same UID
    assert sorted(uids.values()) == sorted(plan.values())
    named = tmp_path / "named.ics"
    assert run_cli(*args, "--seed", "42", "--ics", str(named), "--ics-names").exit_code == 0
    shown = " ".join(str(e["summary"]) + str(e["location"]) for e in _events(named))
    assert "河北区姬石镇前王村" in shown or "城东区康宁大药房" in shown


def test_write_creates_planned_visits_that_validate_and_round_trip(
    run_cli: RunCli, sample: Path
) -> None:
    plan = json.loads(
        run_cli(
            "-C",
            str(sample),
            "schedule",
            "--from",
            "2020-02-24",
            "--seed",
            "42",
            "--format",
            "json",
        ).output
    )
    before = {p for p in (sample / "visits").rglob("*") if p.is_file()}
    result = run_cli(
        "-C", str(sample), "schedule", "--from", "2020-02-24", "--seed", "42", "--write"
    )
    assert result.exit_code == 0
    created = {p for p in (sample / "visits").rglob("*") if p.is_file()} - before
    assert len(created) == 22
    assert not list((sample / "visits").rglob(".ducha-*"))
    # validate accepts them (as of the day they were planned: no "planned date has passed")
    import datetime as dt

    assert summary(check(sample, dt.date(2020, 2, 24))) == []
    repo = load(sample)
    planned = sorted(
        (v.date.isoformat(), v.units[0], v.to_check, v.returns_to) for v in repo.visits if v.planned
    )
    expected = sorted(
        (v["date"], v["unit"], tuple(v["findings"]), tuple(v["returns_to"])) for v in plan["visits"]
    )
    assert planned == expected
    text = next(iter(created)).read_text(encoding="utf-8")
    assert text.startswith("# 计划回访（杀回马枪），由 ducha schedule --seed 42 生成")
    assert "status: planned" in text and "methods: [暗访, 杀回马枪]" in text


def test_planned_visits_are_not_counted_as_done(run_cli: RunCli, sample: Path) -> None:
    before = run_cli(
        "-C", str(sample), "overdue", "--as-of", "2020-03-10", "--format", "json"
    ).output
    run_cli("-C", str(sample), "schedule", "--from", "2020-02-24", "--seed", "42", "--write")
    after = run_cli(
        "-C", str(sample), "overdue", "--as-of", "2020-03-10", "--format", "json"
    ).output
    assert json.loads(after) == json.loads(before)


def test_write_never_overwrites(
    run_cli: RunCli, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ducha.outputs.schedule as output

    run_cli("-C", str(sample), "schedule", "--from", "2020-02-24", "--seed", "42", "--write")
    existing = max((sample / "visits").rglob("*.yaml"))
    original = existing.read_bytes()
    monkeypatch.setattr(output, "write_planned", _clash_with(existing, output.write_planned))
    result = run_cli(
        "-C", str(sample), "schedule", "--from", "2020-02-24", "--seed", "7", "--write"
    )
    assert result.exit_code == 1
    assert "已存在，未覆盖" in result.output
    assert existing.read_bytes() == original


def _clash_with(existing: Path, real):  # type: ignore[no-untyped-def]
    """A write_planned whose first file name is one that already exists."""
    from ducha.store import writing

    def write(plan, repo, lang):
        writing.create_new(existing, "id: x\n")
        return real(plan, repo, lang)

    return write
