"""A validation after an edit, built on the last one, against the full validation.

``store/kept_checks.py`` keeps the last validation's problems across records while every
changed file's facts are what they were. Each case here edits a hand-written county the way
a clerk does and asks the cached answer to be the answer with no cache at all, problem by
problem with its position and arguments.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ducha.store import kept_checks, pipeline
from ducha.store.cache import Cache, cache_key
from ducha.store.codec import encode_issue
from ducha.store.config import load_settings
from ducha.store.pipeline import usable, validation
from tests.cli.test_answers_agree import TEAMS, UNITS, Q
from tests.cli.test_answers_agree import P as ANSWERS_P
from tests.helpers import build_file_tree

DAY = dt.date(2020, 3, 12)
# P (two findings, due 2020-03-05) with evidence on its first, and Q, a return visit to it
P = ANSWERS_P.replace(
    "    deadline: 3个工作日\n  - focus",
    "    deadline: 3个工作日\n    evidence: [evidence/20200302-ppp/1.md]\n  - focus",
)
assert "evidence:" in P, "the evidence edits below need P to name the file"
# R names a unit the directory does not have: a problem across records, at R's line 4
R = """id: 20200303-rrr
date: 2020-03-03
team: B
units: ZZ-99
methods: [明查]
"""
S = """id: 20200304-sss
date: 2020-03-04
team: A
units: XC-02
methods: [暗访]
findings:
  - focus: 封闭管理
    severity: 一般
    description: 北门登记簿缺页
    deadline: 5个工作日
"""
EVIDENCE = "evidence/20200302-ppp/1.md"
FILES = {
    "ducha.yaml": "organization:\n  name: 某县督查组\n",
    "units.yaml": UNITS,
    "teams.yaml": TEAMS,
    "visits/2020/03/20200302-ppp.yaml": P,
    "visits/2020/03/20200309-qqq.yaml": Q,
    "visits/2020/03/20200303-rrr.yaml": R,
    "visits/2020/03/20200304-sss.yaml": S,
    EVIDENCE: "整改报告\n",
}
P_PATH, Q_PATH, R_PATH, S_PATH = list(FILES)[3:7]


def _replace(path: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        file = root / path
        if file.exists():
            file.write_text(file.read_text(encoding="utf-8").replace(old, new, 1), "utf-8")

    return edit


def _remove(path: str) -> Callable[[Path], None]:
    return lambda root: (root / path).unlink(missing_ok=True)


def _write(path: str, text: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        build_file_tree(root, {path: text})

    return edit


def _both(*edits: Callable[[Path], None]) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        for one in edits:
            one(root)

    return edit


# each a clerk's edit; those marked True leave every fact as it was, so the last
# validation's problems across records are kept (when the file is not cited by them)
EDITS: dict[str, tuple[Callable[[Path], None], bool]] = {
    "summary": (_replace(S_PATH, "methods:", "summary: 夜查东门\nmethods:"), True),
    "same-size": (_replace(S_PATH, "北门登记", "南门登记"), True),
    "comment-atop-cited": (_replace(R_PATH, "id:", "# 待核\nid:"), False),
    "comment-atop": (_replace(P_PATH, "id:", "# 复核过\nid:"), True),
    "unit-renamed": (_replace("units.yaml", "南苑超市", "南苑生鲜超市"), True),
    "unit-fixed": (_replace(R_PATH, "ZZ-99", "NY-03"), False),
    "unit-broken": (_replace(S_PATH, "XC-02", "XC-20"), False),
    "severity": (_replace(S_PATH, "severity: 一般", "severity: 较重"), False),
    "deadline": (_replace(S_PATH, "5个工作日", "2个工作日"), False),
    # read as meant (the file is in error, its facts are as they were)
    "full-width-colon": (_replace(S_PATH, "severity: 一般", "severity：一般"), True),
    "unknown-focus": (_replace(S_PATH, "focus: 封闭管理", "focus: 医疗救治"), True),
    "check-reopened": (_replace(Q_PATH, "result: 整改到位", "result: 未整改到位"), False),
    "evidence-removed": (_remove(EVIDENCE), False),
    "evidence-back": (_write(EVIDENCE, "整改报告（补）\n"), False),
    "summary-evidence-gone": (
        _both(_replace(S_PATH, "methods:", "summary: 复查\nmethods:"), _remove(EVIDENCE)),
        False,
    ),
    "visit-removed": (_remove(Q_PATH), False),
    "visit-added": (_write("visits/2020/03/20200305-ttt.yaml", S.replace("sss", "ttt")), False),
}


def _cache(root: Path, folder: Path | None) -> Cache:
    return Cache.for_repository(folder, root, cache_key((root / "ducha.yaml").read_bytes()))


def _answer(root: Path, folder: Path | None, day: dt.date) -> tuple[Any, ...]:
    """Every problem validate reports, and which files the other commands leave out."""
    result = validation(load_settings(root), _cache(root, folder), day)
    left_out = usable(load_settings(root), _cache(root, folder), day).left_out
    return result.files, [encode_issue(i) for i in result.issues], sorted(left_out)


@pytest.fixture
def kept(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bool]]:
    """Files written by a test count as settled; each recheck's outcome is recorded."""
    monkeypatch.setattr(pipeline, "RACY_NS", 0)
    outcomes: list[bool] = []
    real = kept_checks.rechecked

    def spy(*args: Any) -> Any:
        found = real(*args)
        outcomes.append(found is not None)
        return found

    monkeypatch.setattr(pipeline, "rechecked", spy)
    yield outcomes


@pytest.mark.parametrize("name", list(EDITS))
def test_each_edit_gives_the_answer_of_no_cache(
    tmp_path: Path, kept: list[bool], name: str
) -> None:
    root = build_file_tree(tmp_path / "county", FILES)
    folder = tmp_path / "cache"
    first = _answer(root, folder, DAY)
    assert first == _answer(root, None, DAY)
    assert [i[4] for i in first[1]] == ["unknown-unit"]  # R's, across records
    edit, facts_kept = EDITS[name]
    edit(root)
    kept.clear()
    assert _answer(root, folder, DAY) == _answer(root, None, DAY)
    # the cross-record problems were kept exactly when the facts allow it
    assert (True in kept) == facts_kept, kept


@pytest.mark.usefixtures("kept")
def test_a_line_added_atop_a_cited_file_moves_its_problem(tmp_path: Path) -> None:
    root = build_file_tree(tmp_path / "county", FILES)
    folder = tmp_path / "cache"
    _answer(root, folder, DAY)
    EDITS["comment-atop-cited"][0](root)
    _, issues, _ = _answer(root, folder, DAY)
    assert [(i[0], i[1], i[4]) for i in issues] == [(R_PATH, 5, "unknown-unit")]


def test_the_next_day_runs_every_rule_again(tmp_path: Path, kept: list[bool]) -> None:
    root = build_file_tree(tmp_path / "county", FILES)
    folder = tmp_path / "cache"
    _answer(root, folder, DAY)
    EDITS["summary"][0](root)
    later = DAY + dt.timedelta(days=30)
    kept.clear()
    assert _answer(root, folder, later) == _answer(root, None, later)
    assert True not in kept


@pytest.mark.usefixtures("kept")
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    steps=st.lists(
        st.tuples(st.sampled_from(list(EDITS)), st.integers(min_value=0, max_value=2)),
        min_size=1,
        max_size=5,
    )
)
def test_any_run_of_edits_and_days_gives_the_answer_of_no_cache(
    steps: list[tuple[str, int]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = build_file_tree(Path(folder) / "county", FILES)
        cache = Path(folder) / "cache"
        day = DAY
        _answer(root, cache, day)
        for name, days_later in steps:
            EDITS[name][0](root)
            day += dt.timedelta(days=days_later)
            assert _answer(root, cache, day) == _answer(root, None, day), (name, day)
