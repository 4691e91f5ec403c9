"""What goes to a unit never shows plans or personal data."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import RunCli


def test_notices_never_show_planned_visits(run_cli: RunCli, sample: Path, tmp_path: Path) -> None:
    run_cli("-C", str(sample), "schedule", "--from", "2020-02-18", "--seed", "5", "--write")
    planned = {
        p.stem
        for p in (sample / "visits").rglob("*.yaml")
        if "status: planned" in p.read_text(encoding="utf-8")
    }
    assert planned
    folder = tmp_path / "notices"
    result = run_cli(
        "-C",
        str(sample),
        "report",
        "notice",
        "-f",
        "md",
        "--as-of",
        "2020-02-21",
        "-o",
        f"{folder}/",
    )
    assert result.exit_code == 0
    text = "".join(p.read_text(encoding="utf-8") for p in folder.iterdir())
    assert text and not any(visit_id in text for visit_id in planned)
    assert "杀回马枪" not in text and "计划" not in text
    assert "王某某" not in text  # the complainant of 20200217-cew/1


def test_personal_data_only_when_asked(run_cli: RunCli, sample: Path) -> None:
    args = (
        "-C",
        str(sample),
        "report",
        "notice",
        "--unit",
        "CD-SQ-03",
        "-f",
        "md",
        "--as-of",
        "2020-02-17",  # before the unit reported it fixed: a notice is for what is still to do
    )
    assert "王某某" not in run_cli(*args).output
    assert "反映人：王某某" in run_cli(*args, "--include-personal").output
