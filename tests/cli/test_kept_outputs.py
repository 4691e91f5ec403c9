"""A reading command's output written again from the cache is the output computed afresh.

Each test runs the real command line three ways: with ``--no-cache`` (the full computation),
with the cache (which keeps the output), and again (which writes the kept output back
without reading a record), and holds the three equal, byte for byte, exit code included;
then it changes what the output came from and holds the next run equal to a fresh one.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
import struct
import subprocess
import tempfile
import time
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ducha import cli
from ducha.store import pipeline
from ducha.store.cache import RACY_NS
from ducha.store.replay import plain
from tests.helpers import TODAY, build_file_tree, git
from tests.hubs import hub
from tests.unit.test_properties import edited, records, write

COMMANDS = (
    ("overdue", "--as-of", "2020-04-20"),
    ("overdue", "--as-of", "2020-04-20", "-f", "json"),
    ("overdue", "--as-of", "2020-04-20", "-f", "csv", "--within", "5", "--by", "unit"),
    ("overdue", "--as-of", "2020-03-20", "--fail-if-any"),
    ("stats", "--as-of", "2020-04-20"),
    ("stats", "--as-of", "2020-04-20", "--by", "district", "-f", "json"),
    ("export", "-f", "json", "--as-of", "2020-04-20"),
    ("export", "--what", "visits"),
    ("show", "U1", "--as-of", "2020-04-20"),
)

Run = tuple[int, str, str]


class Counted:
    """The full computation, counted: a replayed run reads no record.

    What is counted is ``pipeline.usable`` (the reading commands' one way to their records)
    unless another function of another module is named (``diff`` calls ``load_records``).
    """

    def __init__(
        self, monkeypatch: pytest.MonkeyPatch, module: Any = pipeline, name: str = "usable"
    ) -> None:
        self.calls = 0
        real = getattr(module, name)

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, counted)


@pytest.fixture
def ducha(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    monkeypatch.setattr(cli, "today", lambda: TODAY)
    runner = CliRunner()

    def run(root: Path, *args: str) -> Run:
        done = runner.invoke(cli.app, ["--repo", str(root), *args], catch_exceptions=False)
        return done.exit_code, done.stdout, done.stderr

    yield run


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by a test are seconds old, not the milliseconds the racy rule refuses."""
    monkeypatch.setattr(pipeline, "RACY_NS", 0)


def age(root: Path, seconds: int) -> None:
    """Give every file of ``root`` the modification time of ``seconds`` ago."""
    when = time.time() - seconds
    for folder, _, names in os.walk(root):
        for name in names:
            os.utime(Path(folder) / name, (when, when))


def three_ways(ducha: Any, counted: Counted, root: Path, args: tuple[str, ...]) -> Run:
    fresh: Run = ducha(root, "--no-cache", *args)
    first = ducha(root, *args)
    before = counted.calls
    again = ducha(root, *args)
    assert counted.calls == before, f"{args}: not replayed"
    assert first == fresh, args
    assert again == fresh, args
    return fresh


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_every_kept_output_is_the_fresh_one_before_and_after_an_edit(
    data: st.DataObject,
    ducha: Any,
    settled: None,  # noqa: ARG001 — a fixture used for its effect (marks do not reach @given)
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    counted = Counted(monkeypatch)
    visits = data.draw(records())
    later = data.draw(edited(visits))
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "r"
        monkeypatch.setenv("XDG_CACHE_HOME", str(Path(folder) / "cache"))
        write(root, visits)
        age(root, 100)
        for args in COMMANDS:
            three_ways(ducha, counted, root, args)
        write(root, later)
        age(root, 50)
        for args in COMMANDS:
            before = counted.calls
            after = ducha(root, *args)
            assert counted.calls == before + 1, f"{args}: replayed after an edit"
            assert after == ducha(root, "--no-cache", *args), args


RECORD = """\
id: 20200302-ab1
date: 2020-03-02
team: A
units: U1
findings:
  - focus: 封闭管理
    severity: 一般
    description: 出入口无人值守
    deadline: 3个工作日
    evidence: [evidence/gate.jpg]
"""


def small(tmp_path: Path) -> Path:
    root = tmp_path / "r"
    build_file_tree(
        root,
        {
            "ducha.yaml": "",
            "units.yaml": "units:\n  - {id: U1, name: 东大街社区, district: 临川区, kind: 城市社区}\n",
            "teams.yaml": "teams:\n  - {id: A, name: 第一督查组, leader: 王明}\n",
            "visits/2020/03/20200302-ab1.yaml": RECORD,
            "evidence/gate.jpg": b"\xff\xd8\xff\xe0 a photograph",
        },
    )
    age(root, 100)
    return root


@pytest.mark.usefixtures("settled")
def test_a_deleted_evidence_file_is_not_answered_from_the_kept_output(
    tmp_path: Path, ducha: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = small(tmp_path)
    args = ("overdue", "--as-of", "2020-03-20")
    kept = three_ways(ducha, Counted(monkeypatch), root, args)
    assert "出入口无人值守" in kept[1]
    (root / "evidence/gate.jpg").unlink()
    after = ducha(root, *args)
    assert after == ducha(root, "--no-cache", *args)
    assert "出入口无人值守" not in after[1]  # its record is left out for the missing photo
    assert "evidence/gate.jpg" in after[2]


@pytest.mark.usefixtures("settled")
def test_the_terminal_width_and_the_language_are_part_of_the_key(
    tmp_path: Path, ducha: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = small(tmp_path)
    counted = Counted(monkeypatch)
    args = ("overdue", "--as-of", "2020-03-20")
    wide = three_ways(ducha, counted, root, args)
    monkeypatch.setenv("COLUMNS", "60")
    narrow = three_ways(ducha, counted, root, args)
    monkeypatch.setenv("DUCHA_LANG", "en")
    english = three_ways(ducha, counted, root, args)
    assert len({wide, narrow, english}) == 3
    assert "overdue" in english[1].lower()


def test_a_file_changed_a_moment_ago_keeps_no_output(
    tmp_path: Path, ducha: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It could change again within its timestamp's tick, unseen (git's racy rule)."""
    root = small(tmp_path)
    (root / "visits/2020/03/20200302-ab1.yaml").write_text(RECORD, encoding="utf-8")
    counted = Counted(monkeypatch)
    ducha(root, "overdue")
    ducha(root, "overdue")
    assert counted.calls == 2


@pytest.mark.usefixtures("settled")
@pytest.mark.parametrize(
    ("written", "planted"),
    [
        ("出入口".encode(), b"\x1b]0;pwnd\x07"),  # the same length: only the controls refuse it
        ("出".encode(), b"\xff\xfe\xfd"),  # the same length, not UTF-8
    ],
    ids=["terminal-control", "not-utf8"],
)
def test_a_planted_output_is_not_written(
    tmp_path: Path, ducha: Any, monkeypatch: pytest.MonkeyPatch, written: bytes, planted: bytes
) -> None:
    root = small(tmp_path)
    args = ("overdue", "--as-of", "2020-03-20")
    fresh = three_ways(ducha, Counted(monkeypatch), root, args)
    [database] = Path(os.environ["XDG_CACHE_HOME"]).rglob("*.sqlite3")
    db = sqlite3.connect(database)
    [(key, data)] = db.execute("SELECT key, data FROM outputs").fetchall()
    count = struct.unpack_from(">BI", data, 4)[1]
    head, text = data[: 9 + 5 * count], zlib.decompress(data[9 + 5 * count :])
    changed = text.replace(written, planted)
    assert changed != text
    with db:
        db.execute(
            "UPDATE outputs SET data = ? WHERE key = ?", (head + zlib.compress(changed), key)
        )
    db.close()
    assert ducha(root, *args) == fresh


@pytest.mark.skipif(shutil.which("ducha") is None, reason="ducha is not installed")
@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_a_kept_output_is_written_in_the_terminals_encoding(tmp_path: Path, encoding: str) -> None:
    root = small(tmp_path)
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    args = ["ducha", "--repo", str(root), "overdue", "--as-of", "2020-03-20", "-f", "csv"]

    def run(*extra: str) -> tuple[int, bytes, bytes]:
        command = [*args[:1], *extra, *args[1:]]
        done = subprocess.run(command, check=False, env=env, capture_output=True)
        return done.returncode, done.stdout, done.stderr

    fresh = run("--no-cache")
    assert "出入口".encode(encoding) in fresh[1]
    # another process: a file whose change (its ctime, which aging it set) is under two
    # seconds old is racy there, and no output made from it is kept
    time.sleep(RACY_NS / 1e9)
    kept = 0
    for _ in range(4):  # until the validation and then the output are kept
        assert run() == fresh
        [database] = Path(os.environ["XDG_CACHE_HOME"]).rglob("*.sqlite3")
        with contextlib.closing(sqlite3.connect(database)) as db:
            kept = db.execute("SELECT count(*) FROM outputs").fetchone()[0]
        if kept:
            break
    assert kept == 1
    assert run() == fresh  # written back from the cache


def test_a_hubs_kept_output_follows_a_new_commit_in_a_source(
    tmp_path: Path, ducha: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, _ = hub(tmp_path)
    assert ducha(root, "sources", "sync")[0] == 0
    age(root, 100)
    monkeypatch.setattr(pipeline, "RACY_NS", 0)
    counted = Counted(monkeypatch)
    args = ("overdue", "--as-of", "2020-03-20")
    fresh = three_ways(ducha, counted, root, args)
    linchuan = root / "counties/linchuan"
    commit = git(linchuan, "rev-parse", "--short", "HEAD").strip()
    assert commit in fresh[1]
    git(linchuan, "commit", "-q", "--allow-empty", "-m", "周报")
    after = ducha(root, *args)
    assert after == ducha(root, "--no-cache", *args)
    assert git(linchuan, "rev-parse", "--short", "HEAD").strip() in after[1]


CONTROL = re.compile(
    rb"[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f]|\x1b(?!\[[0-9;]*m)|\r(?!\n)|\xc2[\x80-\x9f]"
)


@given(
    st.lists(
        st.sampled_from(
            [
                "表",
                "a",
                "\n",
                "\t",
                "\r\n",
                "\r",
                "\x1b[1;32m",
                "\x1b[0m",
                "\x1b]0;t\x07",
                "\x1b[2J",
                "\x1b",
                "\x07",
                "\x00",
                "\x7f",
                "\x85",
                "\x9b",
                "·",
                "é",
                "\u2028",
            ]
        ),
        max_size=12,
    )
)
def test_plain_text_is_told_as_the_strict_pattern_tells_it(pieces: list[str]) -> None:
    """The fast check (bytes deleted, not a pattern run) agrees with the pattern."""
    text = "".join(pieces).encode("utf-8")
    assert plain(text) == (CONTROL.search(text) is None)


@pytest.mark.usefixtures("settled")
def test_validate_after_edits_says_what_validate_without_a_cache_says(
    tmp_path: Path, ducha: Any
) -> None:
    """Each edit a clerk makes, then validate: the kept cross-record problems or a full run,
    the same lines and exit code as no cache at all."""
    root = small(tmp_path)
    visit = root / "visits/2020/03/20200302-ab1.yaml"
    second = root / "visits/2020/03/20200303-ab2.yaml"
    edits: list[Callable[[], object]] = [
        lambda: second.write_text(RECORD.replace("ab1", "ab2").replace("U1", "U9"), "utf-8"),
        lambda: visit.write_text(RECORD.replace("description:", "# 已核\n    description:")),
        lambda: second.write_text(second.read_text("utf-8").replace("team: A", "team: A\n")),
        lambda: visit.write_text(RECORD.replace("severity: 一般", "severity：一般"), "utf-8"),
        lambda: (root / "evidence/gate.jpg").unlink(),
        lambda: visit.write_text(RECORD, "utf-8"),
    ]
    assert ducha(root, "validate") == ducha(root, "--no-cache", "validate")
    for edit in edits:
        edit()
        kept = ducha(root, "validate")
        assert kept == ducha(root, "--no-cache", "validate")
    assert kept[0] == 1 and "20200303-ab2.yaml:5:8" in kept[1]  # moved down by a line


DIFFS = (
    ("diff", "HEAD~1..HEAD", "--as-of", "2020-04-20"),
    ("diff", "HEAD~1..HEAD", "--as-of", "2020-04-20", "-f", "json"),
    ("diff", "HEAD~1", "--as-of", "2020-04-20", "-f", "md"),
    ("diff", "--as-of", "2020-04-20"),
)


def commit_all(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "--allow-empty", "-m", message)


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_a_kept_diff_is_the_fresh_one_as_commits_files_and_tracking_move(
    data: st.DataObject,
    ducha: Any,
    settled: None,  # noqa: ARG001 — a fixture used for its effect (marks do not reach @given)
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ducha.store import load

    counted = Counted(monkeypatch, load, "load_records")
    first = data.draw(records())
    second = data.draw(edited(first))
    third = data.draw(edited(second))
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "r"
        monkeypatch.setenv("XDG_CACHE_HOME", str(Path(folder) / "cache"))
        write(root, first)
        git(root, "init", "-q")
        commit_all(root, "first")
        write(root, second)
        commit_all(root, "second")
        age(root, 100)

        def all_fresh(replayed: dict[tuple[str, ...], bool]) -> None:
            ducha(root, "validate")  # the evidence files as they are: none is kept without it
            for args in DIFFS:
                before = counted.calls
                got = ducha(root, *args)
                assert (counted.calls == before) is replayed.get(args, False), (args, got)
                assert got == ducha(root, "--no-cache", *args), args

        ducha(root, "validate")
        for args in DIFFS:
            three_ways(ducha, counted, root, args)
        # HEAD moves: HEAD~1..HEAD names two other commits, the working tree as it was
        commit_all(root, "third, empty")
        all_fresh(replayed={})
        all_fresh(replayed={args: True for args in DIFFS})
        # the working tree changes, and then only what git tracks
        write(root, third)
        age(root, 60)
        all_fresh(replayed={})
        all_fresh(replayed={args: True for args in DIFFS})
        # what git tracks is no part of the answer: an untracked file counts as new
        tracked = sorted(str(p.relative_to(root)) for p in (root / "visits").rglob("*.yaml"))
        git(root, "rm", "-q", "--cached", tracked[0])
        all_fresh(replayed={args: True for args in DIFFS})
