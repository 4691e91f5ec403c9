"""What the terminal and the team's tools see: options, lights in show, JSON for scripts."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import RunCli


def test_two_repositories_at_once_are_refused_not_the_last_taken(
    run_cli: RunCli, sample: Path, tmp_path: Path
) -> None:
    result = run_cli("-C", str(sample), "-C", str(tmp_path), "validate")
    assert result.exit_code == 2 and "-C" in result.output


def test_show_gives_a_findings_light_and_working_days_as_overdue_does(
    run_cli: RunCli, sample: Path
) -> None:
    shown = run_cli("-C", str(sample), "show", "20200214-8sv/2", "--as-of", "2020-02-21").output
    assert "● 红灯，超期 3 个工作日" in shown
    english = run_cli(
        "-C", str(sample), "--lang", "en", "show", "20200214-8sv/2", "--as-of", "2020-02-21"
    )
    assert "● red, 3 working days late" in english.output
    yellow = run_cli("-C", str(sample), "show", "20200219-uze/1", "--as-of", "2020-02-21").output
    assert "● 黄灯，还有 1 个工作日" in yellow
    table = json.loads(
        run_cli("-C", str(sample), "overdue", "--as-of", "2020-02-21", "-f", "json").stdout
    )
    late = {f["id"]: f["working_days_late"] for f in table["findings"]}
    assert late["20200214-8sv/2"] == 3


def test_export_json_carries_codes_with_labels_the_same_in_either_language(
    run_cli: RunCli, sample: Path
) -> None:
    args = ["-C", str(sample), "export", "-f", "json", "--as-of", "2020-02-21"]
    chinese = run_cli(*args).stdout
    assert chinese == run_cli("--lang", "en", *args).stdout
    row = json.loads(chinese)["rows"][0]
    assert (row["severity"], row["severity_label"]) == ("serious", "严重")
    assert (row["state"], row["state_label"]) == ("closed", "已销号")


def test_gitlab_code_quality_report(run_cli: RunCli, repo: Path) -> None:
    import shutil

    from tests.helpers import example_repo

    shutil.copytree(example_repo(repo.parent, "invalid", "unknown-team"), repo / "records")
    out = run_cli("-C", str(repo / "records"), "validate", "--format", "gitlab").stdout
    [entry] = json.loads(out)
    assert entry["location"] == {
        "path": "records/visits/2020/02/20200210-xyz.yaml",
        "lines": {"begin": 3},
    }
    assert entry["check_name"] == "unknown-team" and entry["severity"] == "major"
    again = json.loads(
        run_cli("-C", str(repo / "records"), "validate", "--format", "gitlab").stdout
    )
    assert again[0]["fingerprint"] == entry["fingerprint"]


def test_several_notices_to_standard_output_ask_for_a_folder(run_cli: RunCli, sample: Path) -> None:
    result = run_cli("-C", str(sample), "report", "notice", "-f", "md", "--as-of", "2020-02-17")
    assert result.exit_code == 1 and "目录" in result.output and "二进制" not in result.output
