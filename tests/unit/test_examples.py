"""Each example under tests/examples/ gives exactly the problems its expected.txt lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import EXAMPLES, check, example_repo, summary

INVALID = sorted(p.name for p in (EXAMPLES / "invalid").iterdir())
VALID = sorted(p.name for p in (EXAMPLES / "valid").iterdir())


@pytest.mark.parametrize("name", INVALID)
def test_invalid_example(tmp_path: Path, name: str) -> None:
    root = example_repo(tmp_path, "invalid", name)
    expected = (
        (EXAMPLES / "invalid" / name / "expected.txt").read_text(encoding="utf-8").split("\n")
    )
    assert summary(check(root)) == [line for line in expected if line]


@pytest.mark.parametrize("name", VALID)
def test_valid_example(tmp_path: Path, name: str) -> None:
    root = example_repo(tmp_path, "valid", name)
    assert summary(check(root)) == []


def test_base_is_valid() -> None:
    assert summary(check(EXAMPLES / "base")) == []


def test_every_rule_has_an_invalid_example() -> None:
    from ducha.checks.rules import RULES
    from ducha.checks.visit_rules import VISIT_RULES

    seen = set()
    for name in INVALID:
        text = (EXAMPLES / "invalid" / name / "expected.txt").read_text(encoding="utf-8")
        seen |= {line.rsplit("[", 1)[1].rstrip("]") for line in text.splitlines() if "[" in line}
    rule_ids = {
        "yaml-syntax",
        "encoding",
        "tab",
        "merge-conflict",
        "empty-file",
        "front-matter",
        "too-complex",
        "duplicate-key",
        "unknown-field",
        "missing-field",
        "wrong-type",
        "unknown-value",
        "bad-date",
        "bad-deadline",
        "bad-id",
        "method-conflict",
        "duplicate-id",
        "unknown-unit",
        "unknown-team",
        "unknown-visit",
        "unknown-finding",
        "unit-not-visited",
        "unit-required",
        "deadline-before-visit",
        "report-before-visit",
        "return-before-origin",
        "check-not-in-origin",
        "check-without-return",
        "return-method",
        "evidence-missing",
        "evidence-outside",
        "file-location",
        "planned-has-results",
        "planned-in-past",
        "config-duplicate-code",
        "deadline-uncovered",
        "planned-twice",
    }
    assert (len(RULES), len(VISIT_RULES)) == (7, 6)
    assert rule_ids - seen == set()


@pytest.mark.parametrize("name", INVALID)
def test_invalid_example_is_put_into_words_by_the_cli(tmp_path: Path, name: str) -> None:
    # every problem's words rendered: a template asking for a value its problem lacks once
    # stopped validate with an internal error (exit 3) instead of the message
    from typer.testing import CliRunner

    from ducha import cli

    root = example_repo(tmp_path, "invalid", name)
    expected = (EXAMPLES / "invalid" / name / "expected.txt").read_text(encoding="utf-8")
    done = CliRunner().invoke(cli.app, ["--repo", str(root), "--no-cache", "validate"])
    said = done.stdout + done.stderr
    assert done.exit_code == (1 if " error [" in expected else 0), said
    for line in filter(None, expected.split("\n")):
        place, rule = line.split(" ")[0], line.rsplit("[", 1)[1].rstrip("]")
        assert any(place in out and f"[{rule}]" in out for out in said.splitlines()), line
