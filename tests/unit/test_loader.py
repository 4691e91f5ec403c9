from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ducha.store.loader import MAX_BYTES, load_file, load_text, read_limited


def test_yaml_12_scalars_keep_no_and_yes_as_text() -> None:
    loaded = load_text("a: no\nb: yes\nc: true\nd: 2020-02-03\ne: '7'\nf: 7\ng: ~\n", "t.yaml")
    assert loaded.data == {
        "a": "no",
        "b": "yes",
        "c": True,
        "d": dt.date(2020, 2, 3),
        "e": "7",
        "f": 7,
        "g": None,
    }


def test_impossible_date_stays_text_for_the_schema_to_report() -> None:
    assert load_text("d: 2020-02-30\n", "t.yaml").data == {"d": "2020-02-30"}


def test_positions_are_one_based_and_point_at_keys_and_values() -> None:
    loaded = load_text("top:\n  - name: 甲\n    kind: 乙\n", "t.yaml")
    assert str(loaded.source.key(("top", 0, "kind"))) == "t.yaml:3:5"
    assert str(loaded.source.value(("top", 0, "kind"))) == "t.yaml:3:11"
    # a missing path falls back to the nearest enclosing one
    assert str(loaded.source.value(("top", 0, "absent"))) == "t.yaml:2:5"


def test_duplicate_key_keeps_the_first_and_reports_the_second() -> None:
    loaded = load_text("a: 1\nb: 2\na: 3\n", "t.yaml")
    assert loaded.data == {"a": 1, "b": 2}
    [issue] = loaded.issues
    assert (issue.rule, issue.position.line, issue.args["line"]) == ("duplicate-key", 3, 1)


def test_markdown_front_matter_positions_count_the_whole_file() -> None:
    loaded = load_text("---\nid: x\nteam: T1\n---\n\n## 情况\n正文\n", "v.md", markdown=True)
    assert loaded.data == {"id": "x", "team": "T1"}
    assert loaded.source.value(("team",)).line == 3
    assert loaded.narrative == "## 情况\n正文"


def test_deep_nesting_is_refused_not_crashed_on() -> None:
    text = "a: " + "[" * 200 + "]" * 200 + "\n"
    [issue] = load_text(text, "t.yaml").issues
    assert issue.rule == "too-complex"


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("a: " + "x" * (MAX_BYTES + 10) + "\n", encoding="utf-8")
    [issue] = load_file(big, "big.yaml").issues
    assert issue.rule == "too-large"
    assert issue.args["size"] == big.stat().st_size


def test_gbk_file_reports_the_first_bad_byte(tmp_path: Path) -> None:
    file = tmp_path / "gbk.yaml"
    file.write_bytes("id: 甲\n".encode("gbk"))
    [issue] = load_file(file, "gbk.yaml").issues
    assert (issue.rule, issue.position.line, issue.position.column) == ("encoding", 1, 5)


def test_a_file_that_grew_after_its_size_was_taken_is_read_to_the_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    small, big = tmp_path / "small.yaml", tmp_path / "big.yaml"
    small.write_bytes(b"id: x\n" * 20_000)
    big.write_bytes(b"a" * (MAX_BYTES + 10))
    monkeypatch.setattr(os, "fstat", lambda _: os.stat_result((0,) * 6 + (3,) * 4))
    assert read_limited(small) == small.read_bytes()
    assert read_limited(big) == MAX_BYTES + 10


_MEANT = """id: 20200302-ppp
date: 2020-03-02
team: A
units: [DJ-01, DJ-02]
summary: >
  折叠的
  摘要
findings:
  - focus: 封闭管理
    severity: 一般
    description: "北门：夜间无人值守"
    deadline: 3个工作日
    reports:
      - date: 2020-03-05
        note: 已整改
extra: 1
extra: 2
"""
_KEYED = [n for n, line in enumerate(_MEANT.splitlines()) if re.match(r"\s*(- )?\w+:( |$)", line)]


@settings(max_examples=60, deadline=None)
@given(
    slips=st.dictionaries(st.sampled_from(_KEYED), st.booleans(), min_size=1),
    markdown=st.booleans(),
)
def test_a_full_width_colon_is_read_as_meant_and_every_position_is_as_written(
    slips: dict[int, bool], markdown: bool
) -> None:
    """Any field names typed with '：' (a space after it or not): the same values and the
    same other problems as the text typed as meant, at the columns of the text as written."""
    lines = _MEANT.splitlines(keepends=True)
    shifted: dict[int, int] = {}  # line → the column of the colon, where none was typed after
    colons = []
    for n, spaced in slips.items():
        colon = lines[n].index(":")
        rest = lines[n][colon + 1 :]
        if spaced or rest == "\n":
            lines[n] = lines[n][:colon] + "：" + rest
        else:
            lines[n] = lines[n][:colon] + "：" + rest.removeprefix(" ")
            shifted[n + 1] = colon + 1
        colons.append((n + 1, colon + 1))
    head, tail, path = ("---\n", "---\n正文。\n", "t.md") if markdown else ("", "", "t.yaml")
    meant = load_text(head + _MEANT + tail, path, markdown=markdown)
    typed = load_text(head + "".join(lines) + tail, path, markdown=markdown)
    down = 1 if markdown else 0

    def written(line: int, column: int) -> tuple[int, int]:
        past = column > shifted.get(line - down, column)
        return line, column - 1 if past else column

    assert typed.data == meant.data
    for mine, theirs in (
        (typed.source.keys, meant.source.keys),
        (typed.source.values, meant.source.values),
    ):
        assert mine == {k: written(*spot) for k, spot in theirs.items()}
    expected = [(line + down, column, "full-width-colon") for line, column in colons]
    expected += [(*written(i.position.line, i.position.column), i.rule) for i in meant.issues]
    found = [(i.position.line, i.position.column, i.rule) for i in typed.issues]
    assert sorted(found) == sorted(expected)
    assert any(rule == "duplicate-key" for *_, rule in found)
