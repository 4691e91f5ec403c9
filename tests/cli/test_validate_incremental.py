"""validate after an edit builds on the last validation only where that stays true.

Each step edits the sample and compares validate, through the cache, with validate without
it: whether the cross-record rules ran again or their last problems were kept, the answer
must be the same.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

import ducha.checks.validate
from ducha import cli
from ducha.store.cache import ParseCache
from tests.helpers import TODAY, RunCli

RETURN = "visits/2020/02/20200210-8u9.yaml"  # checks findings of 20200204-vfz
ORIGIN = "visits/2020/02/20200204-vfz.yaml"
WITH_EVIDENCE = "visits/2020/02/20200205-2vs.yaml"
EVIDENCE = "evidence/20200205-2vs/1-医疗废物管理整改报告.md"


@pytest.fixture
def rules_run(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the cross-record rules ran."""
    runs: list[int] = []
    cross_record = ducha.checks.validate.cross_record

    def counted(ctx: object) -> object:
        runs.append(1)
        return cross_record(ctx)  # type: ignore[arg-type]

    monkeypatch.setattr(ducha.checks.validate, "cross_record", counted)
    return runs


def edit(root: Path, relpath: str, old: str, new: str) -> None:
    file = root / relpath
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(run_cli: RunCli, root: Path, *options: str) -> list[str]:
    out = run_cli("-C", str(root), *options, "validate", "-f", "json").stdout
    return [
        f"{i['path']}:{i['line']}:{i['column']} {i['rule']} {i['message']}"
        for i in json.loads(out)["problems"]
    ]


def check(run_cli: RunCli, root: Path, rules_run: list[int], *, rules_again: bool) -> list[str]:
    before = len(rules_run)
    found = problems(run_cli, root)
    assert (len(rules_run) > before) == rules_again
    assert found == problems(run_cli, root, "--no-cache")
    return found


def test_an_edit_that_leaves_facts_alone_keeps_the_last_cross_record_problems(
    run_cli: RunCli, sample: Path, rules_run: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    march = (sample / ORIGIN).read_text(encoding="utf-8").replace("20200204-vfz", "20200302-mar")
    march = march.replace("date: 2020-02-04", "date: 2020-03-02")
    (sample / "visits/2020/03").mkdir()
    (sample / "visits/2020/03/20200302-mar.yaml").write_text(march, encoding="utf-8")
    first = check(run_cli, sample, rules_run, rules_again=True)
    edit(sample, RETURN, "宣传标语和广播已落实。", "宣传标语和广播均已落实。")
    assert check(run_cli, sample, rules_run, rules_again=False) == first
    # and the entries of the folders with no change stay unread
    loaded: list[str] = []
    entries_of = ParseCache._entries_of

    def recorded(cache: ParseCache, shard: str) -> dict[str, tuple[object, ...]]:
        loaded.append(shard)
        return entries_of(cache, shard)

    edit(sample, RETURN, "均已落实。", "已落实。")
    with monkeypatch.context() as patch:
        patch.setattr(ParseCache, "_entries_of", recorded)
        assert problems(run_cli, sample) == first
    assert set(loaded) == {"visits/2020/02"}
    # a file's own problems move with its lines, the cross-record ones being kept
    edit(sample, "visits/2020/03/20200302-mar.yaml", "id:", "# 新加的一行\nid:")
    moved = check(run_cli, sample, rules_run, rules_again=False)
    assert [int(p.split(":")[1]) for p in moved] == [int(p.split(":")[1]) + 1 for p in first]


def test_an_edit_that_changes_facts_runs_the_rules_again(
    run_cli: RunCli, sample: Path, rules_run: list[int]
) -> None:
    check(run_cli, sample, rules_run, rules_again=True)
    edit(sample, RETURN, "finding: 20200204-vfz/2", "finding: 20200204-vfz/9")
    found = check(run_cli, sample, rules_run, rules_again=True)
    assert [p.split()[1] for p in found] == ["unknown-finding"]
    # a line above the problem moves it: kept problems that point into a file are not kept
    edit(sample, RETURN, "summary:", "# 新加的一行\nsummary:")
    moved = check(run_cli, sample, rules_run, rules_again=True)
    assert int(moved[0].split(":")[1]) == int(found[0].split(":")[1]) + 1


def test_a_problem_that_names_a_place_in_the_edited_file_is_found_again(
    run_cli: RunCli, sample: Path, rules_run: list[int]
) -> None:
    copy = (sample / ORIGIN).read_text(encoding="utf-8")
    (sample / "visits/2020/02/20200204-dup.yaml").write_text(copy, encoding="utf-8")
    [duplicate] = [
        p for p in check(run_cli, sample, rules_run, rules_again=True) if "duplicate-id" in p
    ]
    edit(sample, ORIGIN, "id:", "# 新加的一行\nid:")  # the message names the other's line
    again = [p for p in check(run_cli, sample, rules_run, rules_again=True) if "duplicate-id" in p]
    assert again != [duplicate]


def test_evidence_removed_or_another_day_runs_the_rules_again(
    run_cli: RunCli, sample: Path, rules_run: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    check(run_cli, sample, rules_run, rules_again=True)
    (sample / EVIDENCE).unlink()
    assert "evidence-missing" in " ".join(check(run_cli, sample, rules_run, rules_again=True))
    edit(sample, RETURN, "已落实。", "均已落实。")  # another file's text: still reported, kept
    assert "evidence-missing" in " ".join(check(run_cli, sample, rules_run, rules_again=False))
    edit(sample, WITH_EVIDENCE, "整改", "整改 ")  # the file it points into: found again
    assert "evidence-missing" in " ".join(check(run_cli, sample, rules_run, rules_again=True))

    monkeypatch.setattr(cli, "today", lambda: TODAY + dt.timedelta(days=1))
    edit(sample, WITH_EVIDENCE, "整改 ", "整改")
    check(run_cli, sample, rules_run, rules_again=True)


def test_a_file_another_command_read_since_runs_the_rules_again(
    run_cli: RunCli, sample: Path, rules_run: list[int]
) -> None:
    check(run_cli, sample, rules_run, rules_again=True)
    edit(sample, RETURN, "finding: 20200204-vfz/2", "finding: 20200204-vfz/9")
    run_cli("-C", str(sample), "fmt", "--check")  # reads the edited file into the cache
    found = check(run_cli, sample, rules_run, rules_again=True)
    assert [p.split()[1] for p in found] == ["unknown-finding"]
