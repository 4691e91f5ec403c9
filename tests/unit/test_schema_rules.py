"""Rule tests with the records written inside the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from ducha.outputs.i18n import message
from tests.helpers import build_file_tree, check, summary

BASE = {
    "ducha.yaml": "",
    "units.yaml": "units:\n  - {id: U1, name: 甲社区, district: 东区, kind: community}\n",
    "teams.yaml": "teams:\n  - {id: T1, name: 第一组, leader: 王某}\n",
}


def visit(body: str) -> dict[str, str]:
    return {
        **BASE,
        "visits/2020/02/20200205-aaa.yaml": "id: 20200205-aaa\ndate: 2020-02-05\nteam: T1\nunits: U1\n"
        + body,
    }


def test_empty_config_is_a_working_repository(tmp_path: Path) -> None:
    root = build_file_tree(tmp_path, visit("focus: 封闭管理\n"))
    assert summary(check(root)) == []


def test_unknown_field_suggests_the_closest_name(tmp_path: Path) -> None:
    root = build_file_tree(tmp_path, visit("sumary: 摘要\n"))
    [issue] = check(root).issues
    assert message(issue, "zh") == "未知字段 sumary；是不是 summary？"
    assert message(issue, "en") == "unknown field sumary; did you mean summary?"


def test_a_key_in_other_words_gets_the_field_it_means(tmp_path: Path) -> None:
    finding = "findings:\n  - unit: U1\n    focus: 封闭管理\n    severity: 一般\n    description: 卡点无人。\n"
    for key, meant in (("due", "deadline"), ("期限", "deadline"), ("整改要求", "rectification")):
        root = build_file_tree(tmp_path / key, visit(finding + f"    {key}: 3个工作日\n"))
        [issue] = check(root).issues
        assert message(issue, "zh") == f"未知字段 {key}；是不是 {meant}？", key


def test_unknown_value_lists_codes_and_labels(tmp_path: Path) -> None:
    root = build_file_tree(tmp_path, visit("methods: [突击]\n"))
    [issue] = check(root).issues
    assert issue.rule == "unknown-value"
    assert "unannounced（暗访）" in message(issue, "zh")


def test_wrong_type_names_both_types_in_the_language(tmp_path: Path) -> None:
    root = build_file_tree(
        tmp_path, visit("findings:\n  - focus: 宣传\n    severity: 一般\n    description: [a]\n")
    )
    [issue] = check(root).issues
    assert message(issue, "zh") == "findings[1].description 应为文字，实际是列表"
    assert message(issue, "en") == "findings[1].description must be text, not a list"


def test_deadline_forms(tmp_path: Path) -> None:
    body = "findings:\n" + "".join(
        f"  - {{focus: 宣传, severity: 一般, description: d, deadline: {d}}}\n"
        for d in ("2020-02-10", "3个工作日", "3 working days", "立行立改", "immediate", "5")
    )
    root = build_file_tree(tmp_path, visit(body))
    assert summary(check(root)) == []


def test_only_filters_reports_but_rules_see_everything(tmp_path: Path) -> None:
    from ducha.checks.validate import validate
    from tests.helpers import TODAY, load_all

    spec = visit("")
    spec["visits/2020/02/20200206-bbb.yaml"] = (
        "id: 20200206-bbb\ndate: 2020-02-06\nteam: T9\nunits: U1\nreturns_to: 20200205-aaa\nmethods: 杀回马枪\n"
    )
    root = build_file_tree(tmp_path, spec)
    loaded = load_all(root)
    repo, issues, source = loaded.index, loaded.issues, loaded.source
    only_first = validate(repo, issues, source, TODAY, ["visits/2020/02/20200205-aaa.yaml"])
    assert only_first.issues == ()
    assert only_first.files == 1
    only_second = validate(repo, issues, source, TODAY, ["visits/2020/02/20200206-bbb.yaml"])
    assert sorted(i.rule for i in only_second.issues) == ["return-checks-nothing", "unknown-team"]


# Each place a memo prints free text from (visit_rules._printed_texts)
PRINTED_TEXTS = [
    "summary",
    "place",
    "description",
    "rectification",
    "measure",
    "report",
    "exemplar",
    "check",
]


@pytest.mark.parametrize("where", PRINTED_TEXTS)
def test_personal_data_is_found_in_each_printed_text(tmp_path: Path, where: str) -> None:
    def text(name: str) -> str:
        return "电话13912345678" if name == where else "无"

    files = visit(
        f"summary: {text('summary')}\n"
        "findings:\n"
        f"  - {{focus: 宣传, severity: 一般, place: {text('place')},\n"
        f"      description: {text('description')}, rectification: {text('rectification')},\n"
        f"      measure: {text('measure')}, reports: [{{date: 2020-02-06, note: {text('report')}}}]}}\n"
        f"exemplars: [{{description: {text('exemplar')}}}]\n"
    )
    files["visits/2020/02/20200210-bbb.yaml"] = (
        "id: 20200210-bbb\ndate: 2020-02-10\nteam: T1\nunits: U1\n"
        "methods: [杀回马枪]\nreturns_to: 20200205-aaa\n"
        f"checks: [{{finding: 20200205-aaa/1, result: 整改到位, note: {text('check')}}}]\n"
    )
    root = build_file_tree(tmp_path, files)
    found = [i.position for i in check(root).issues if i.rule == "personal-data"]
    where_found = {
        "summary": ("aaa.yaml", 5),
        "place": ("aaa.yaml", 7),
        "description": ("aaa.yaml", 8),
        "rectification": ("aaa.yaml", 8),
        "measure": ("aaa.yaml", 9),
        "report": ("aaa.yaml", 9),
        "exemplar": ("aaa.yaml", 10),
        "check": ("bbb.yaml", 7),
    }
    expected = where_found[where]
    assert [(p.path[-8:], p.line) for p in found] == [expected]
