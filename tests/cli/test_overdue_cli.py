from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tests.helpers import RunCli


def test_table_lists_red_and_yellow(run_cli: RunCli, sample: Path) -> None:
    result = run_cli("-C", str(sample), "overdue", "--as-of", "2020-02-21")
    assert result.exit_code == 0
    first = result.output.splitlines()[0]
    assert first == "截至 2020年2月21日：超期 6 项，2 个工作日内到期 6 项，已反馈待核验 15 项"
    assert "20200204-vfz/1" in result.output and "建议驻点督查" in result.output


def test_fail_if_any(run_cli: RunCli, sample: Path) -> None:
    assert (
        run_cli("-C", str(sample), "overdue", "--as-of", "2020-02-21", "--fail-if-any").exit_code
        == 1
    )
    assert (
        run_cli("-C", str(sample), "overdue", "--as-of", "2020-02-03", "--fail-if-any").exit_code
        == 0
    )


def test_json(run_cli: RunCli, sample: Path) -> None:
    result = run_cli("-C", str(sample), "overdue", "--as-of", "2020-02-21", "--format", "json")
    document = json.loads(result.output)
    assert document["as_of"] == "2020-02-21"
    first = document["findings"][0]
    assert first == {
        "id": "20200214-8sv/2",
        "visit": "20200214-8sv",
        "visit_date": "2020-02-14",
        "unit": "HB-CZ-02",
        "unit_name": "河北区姬石镇前王村",
        "district": "河北区",
        "team": "T3",
        "focus": "performance",
        "severity": "minor",
        "scope": "individual",
        "description": "驻村干部未在岗，电话联系不上。",
        "responsible": "姬石镇驻前王村干部蒋某",
        "dispositions": [],
        "state": "open",
        "deadline": "2020-02-18",
        "reported_on": None,
        "closed_on": None,
        "light": "red",
        "working_days_late": 3,
    }
    assert {f["light"] for f in document["findings"]} == {"red", "yellow"}


def test_csv_opens_in_excel(run_cli: RunCli, sample: Path) -> None:
    result = run_cli("-C", str(sample), "overdue", "--as-of", "2020-02-21", "--format", "csv")
    assert result.output.startswith("\ufeff灯,编号,单位")
    rows = list(csv.reader(io.StringIO(result.output.lstrip("\ufeff"))))
    assert rows[1][:3] == ["红灯", "20200214-8sv/2", "河北区姬石镇前王村"]
    assert len(rows) == 1 + 12


def test_group_by_district_with_subtotals(run_cli: RunCli, sample: Path) -> None:
    result = run_cli("-C", str(sample), "overdue", "--as-of", "2020-02-21", "--by", "district")
    assert "河北区：5 项（超期 3 项）" in result.output


def test_filters(run_cli: RunCli, sample: Path) -> None:
    result = run_cli(
        "-C",
        str(sample),
        "overdue",
        "--as-of",
        "2020-02-21",
        "--severity",
        "严重",
        "--format",
        "json",
    )
    document = json.loads(result.output)
    assert [f["id"] for f in document["findings"]] == ["20200205-2vs/1"]
    bad = run_cli("-C", str(sample), "overdue", "--severity", "特别严重")
    assert bad.exit_code == 2


def test_broken_records_are_reported_and_left_out(run_cli: RunCli, sample: Path) -> None:
    broken = sample / "visits/2020/02/20200214-8sv.yaml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("team: T3", "team: [T3"), encoding="utf-8"
    )
    result = run_cli("-C", str(sample), "overdue", "--as-of", "2020-02-21", "--format", "json")
    assert result.exit_code == 0
    assert "yaml-syntax" in result.stderr and "1 个文件有错误，已跳过" in result.stderr
    assert "20200214-8sv/2" not in result.stdout


def test_broken_config_refuses(run_cli: RunCli, sample: Path) -> None:
    (sample / "ducha.yaml").write_text("deadlines: {yellow: 3}\n", encoding="utf-8")
    result = run_cli("-C", str(sample), "overdue")
    assert result.exit_code == 1
    assert "ducha.yaml:1:13: error: 未知字段 yellow" in result.output


def test_uncovered_year_is_a_clear_error(run_cli: RunCli, sample: Path) -> None:
    result = run_cli("-C", str(sample), "overdue", "--as-of", "2031-01-05")
    assert result.exit_code == 1
    assert "2031 年的节假日安排未知" in result.output  # the day asked about


def test_show_finding_visit_and_unit(run_cli: RunCli, sample: Path) -> None:
    finding = run_cli("-C", str(sample), "show", "20200204-vfz/1", "--as-of", "2020-02-24")
    assert finding.exit_code == 0
    assert "重新整改" in finding.output and "回访：未整改到位" in finding.output
    visit = run_cli("-C", str(sample), "show", "20200207-npd")
    assert "发热门诊严格落实" in visit.output and "## 督查情况" in visit.output
    unit = run_cli("-C", str(sample), "show", "HB-CZ-01")
    assert "20200204-vfz/1" in unit.output and "20200210-8u9/1" in unit.output
    missing = run_cli("-C", str(sample), "show", "nothing")
    assert missing.exit_code == 1 and "找不到 nothing" in missing.output


def overdue_json(run_cli: RunCli, sample: Path) -> str:
    """overdue on 2020-02-21 as JSON, which must succeed."""
    result = run_cli("-C", str(sample), "overdue", "--as-of", "2020-02-21", "-f", "json")
    assert result.exit_code == 0, result.output
    return result.stdout
