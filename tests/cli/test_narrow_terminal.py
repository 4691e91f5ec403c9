"""Every table at 80 and 160 columns, in Chinese and English: what must never break."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rich.cells import cell_len

from ducha.outputs.linebreak import CLOSING
from tests.helpers import RunCli

COMMANDS = {
    "overdue": ["overdue", "--as-of", "2020-02-17"],
    "overdue-by": ["overdue", "--as-of", "2020-02-17", "--by", "district"],
    "show-finding": ["show", "20200205-2vs/1", "--as-of", "2020-02-17"],
    "show-visit": ["show", "20200205-2vs", "--as-of", "2020-02-17"],
    "show-unit": ["show", "HB-CZ-01", "--as-of", "2020-02-17"],
    "schedule": ["schedule", "--from", "2020-02-18", "--seed", "7"],
    "stats-district": ["stats", "--as-of", "2020-02-17", "--by", "district"],
    "stats-team": ["stats", "--as-of", "2020-02-17", "--by", "team"],
    "templates": ["report", "--list"],
}
_ID = re.compile(r"\d{8}-[0-9a-z]{3}(?:/\d+)?")


def _ids_expected(run_cli: RunCli, sample: Path, name: str) -> set[str]:
    """The ids the full answer holds, from the same command's JSON where it has one."""
    if name.startswith("overdue"):
        found = json.loads(
            run_cli("-C", str(sample), "overdue", "--as-of", "2020-02-17", "-f", "json").stdout
        )
        return {f["id"] for f in found["findings"]} | {
            f["id"] for f in found["awaiting_verification"]
        }
    if name == "schedule":
        plan = json.loads(run_cli("-C", str(sample), *COMMANDS[name], "-f", "json").stdout)
        return {f for v in plan["visits"] for f in v["findings"]}
    if name == "show-finding":
        return {"20200205-2vs/1", "20200210-j46", "20200217-ev4"}
    if name == "show-unit":
        return {"20200204-vfz/1", "20200210-8u9/1"}
    return set()


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("width", [80, 160])
@pytest.mark.parametrize("name", list(COMMANDS))
def test_no_id_date_or_number_breaks_and_no_line_starts_with_closing_punctuation(
    run_cli: RunCli,
    sample: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    width: int,
    lang: str,
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    result = run_cli("-C", str(sample), "--lang", lang, *COMMANDS[name])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) > 3
    for line in lines:
        assert cell_len(line) <= width, line
        for piece in re.split(r"\s{2,}", line.strip()):
            assert not (piece and piece[0] in CLOSING), line
            assert not re.search(r"\d{4}年(\d{1,2}月?)?$", piece), line  # a Chinese date cut
            for found in re.findall(r"(?<![\d-])\d{4}-\d[\d-]*", piece):
                assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", found), line  # an ISO date cut
            for found in _ID.findall(piece):
                rest = piece[piece.index(found) + len(found) :]
                assert not rest.startswith("/") or re.match(r"/\d", rest), line
    shown = set(_ID.findall(result.stdout))
    missing = _ids_expected(run_cli, sample, name) - shown
    assert not missing, result.stdout


def test_a_narrow_terminal_says_which_columns_it_left_out(
    run_cli: RunCli, sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    narrow = run_cli("-C", str(sample), "overdue", "--as-of", "2020-02-17").stdout
    assert "未显示：区县、督查组、督查重点、责任方、结果运用" in narrow.replace("\n", "")
    assert "COLUMNS=200" in narrow
    monkeypatch.setenv("COLUMNS", "240")
    wide = run_cli("-C", str(sample), "overdue", "--as-of", "2020-02-17").stdout
    assert "未显示" not in wide and "责任方" in wide.splitlines()[1]
