"""The slips of a Chinese input method get a 是不是 … at the exact place."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.helpers import RunCli, build_file_tree

BASE = {
    "ducha.yaml": "",
    "units.yaml": "units:\n  - {id: CD-SQ-01, name: 幸福里社区, district: 城东区, kind: 城市社区}\n",
    "teams.yaml": "teams:\n  - {id: T1, name: 一组, leader: 王某}\n",
}


def _validate(run_cli: RunCli, tmp_path: Path, visit: str) -> list[str]:
    root = build_file_tree(tmp_path / "r", {**BASE, "visits/2020/02/20200205-abc.yaml": visit})
    result = run_cli("--lang", "zh", "-C", str(root), "validate")
    assert result.exit_code == 1
    return [line for line in result.output.splitlines() if ": error: " in line]


def test_ids_in_the_wrong_case_or_one_character_off(run_cli: RunCli, tmp_path: Path) -> None:
    lines = _validate(
        run_cli,
        tmp_path,
        "id: 20200205-abc\ndate: 2020-02-05\nteam: t1\nunits: [CD-SQ-1]\n",
    )
    assert "20200205-abc.yaml:3:7: error: 督查组 t1 不存在；是不是 T1？" in lines[0]
    assert "20200205-abc.yaml:4:9: error: 被督查单位 CD-SQ-1 不存在；是不是 CD-SQ-01？" in lines[1]


def test_a_list_written_with_the_enumeration_comma(run_cli: RunCli, tmp_path: Path) -> None:
    [line] = _validate(
        run_cli,
        tmp_path,
        "id: 20200205-abc\ndate: 2020-02-05\nteam: T1\nunits: CD-SQ-01\nmethods: 暗访、专项督查\n",
    )
    assert ":5:10: error: " in line and "多个值要写成列表：[暗访, 专项督查]" in line


def test_a_value_one_character_off_or_cut_short(run_cli: RunCli, tmp_path: Path) -> None:
    lines = _validate(
        run_cli,
        tmp_path,
        "id: 20200205-abc\ndate: 2020-02-05\nteam: T1\nunits: CD-SQ-01\nmethods: [回马枪]\n"
        "findings:\n  - {focus: 封闭管里, severity: 一般, description: x}\n",
    )
    assert "是不是 杀回马枪？" in lines[0]
    assert ":7:13: error: " in lines[1] and "是不是 封闭管理？" in lines[1]


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("units: [CD-SQ-01\n", "方括号 [ ] 没有配对"),
        ('team: "T1\nunits: CD-SQ-01\n', "引号或括号没有配对"),
        ("summary: 原因: 无人值守\n", "值里有冒号时给整个值加引号"),
        ("findings:\n  - focus: 宣传\n   severity: 一般\n", "缩进不对"),
        ("summary: @张某\n", "请给整个值加引号"),
        ('summary: "C:\\q"\n', "反斜杠写法不对"),
        ("team: *组\n", "别名"),
    ],
)
def test_yaml_mistakes_are_explained_in_chinese(
    run_cli: RunCli, tmp_path: Path, body: str, words: str
) -> None:
    head = "id: 20200205-abc\ndate: 2020-02-05\n"
    [line] = _validate(run_cli, tmp_path, head + body)
    assert words in line and "[yaml-syntax]" in line
    assert not re.search(r"[a-z]{4,} [a-z]{3,}", line.split("error: ")[1].split(" [")[0])
    english = run_cli("--lang", "en", "-C", str(tmp_path / "r"), "validate").output
    assert "YAML syntax error: " in english  # libyaml's own words, in English


def test_ids_run_together_with_a_chinese_comma_are_told_to_be_a_list(
    sample: Path, run_cli: RunCli
) -> None:
    record = next((sample / "visits").rglob("20200205-2vs.yaml"))
    text = record.read_text(encoding="utf-8")
    units = next(line for line in text.splitlines() if line.startswith("units:"))
    record.write_text(text.replace(units, "units: [CD-SQ-01，CD-SQ-02]"), encoding="utf-8")
    done = run_cli("validate", cwd=sample)
    assert done.exit_code == 1
    assert "多个编号要写成列表 [CD-SQ-01, CD-SQ-02]" in done.stdout
    assert "[bad-id]" in done.stdout
