from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

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
