"""The parse cache never changes an answer: it is only ever faster, and it runs no code."""

from __future__ import annotations

import multiprocessing
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest

from ducha.store.cache import Cache, cache_key, safe_folder
from ducha.store.config import load_settings
from ducha.store.pipeline import usable, validation
from tests.helpers import TODAY, summary

VISIT = "visits/2020/02/20200203-af7.yaml"


def _cache(root: Path, folder: Path | None) -> Cache:
    key = cache_key((root / "ducha.yaml").read_bytes())
    return Cache.for_repository(folder, root, key)


def _answers(root: Path, folder: Path | None) -> tuple[list[str], list[str]]:
    """What validate says and what the other commands are given, through ``folder``."""
    settings = load_settings(root)
    problems = summary(validation(settings, _cache(root, folder), TODAY))
    index = usable(settings, _cache(root, folder), TODAY).index
    visits = sorted(f"{v.id}:{v.summary}:{v.findings}" for v in index.visits)
    return problems, visits


def _edit(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert old in text
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_cold_warm_and_uncached_answers_are_identical(sample: Path, tmp_path: Path) -> None:
    _edit(sample / "visits/2020/02/20200214-8sv.yaml", "team: T3", "team: T9")
    cold = _answers(sample, tmp_path / "cache")
    warm = _answers(sample, tmp_path / "cache")
    assert cold == warm == _answers(sample, None)
    assert cold[0] == ["visits/2020/02/20200214-8sv.yaml:3:7: error [unknown-team]"]


@pytest.mark.parametrize(
    "change",
    ["longer", "same-size", "same-size-old-time", "touched-only", "removed", "added"],
)
def test_every_kind_of_edit_gives_the_uncached_answer(
    sample: Path, tmp_path: Path, change: str
) -> None:
    folder = tmp_path / "cache"
    _answers(sample, folder)
    file = sample / VISIT
    info = file.stat()
    if change == "longer":
        _edit(file, "summary: ", "summary: 改过的")
    elif change in ("same-size", "same-size-old-time"):
        _edit(file, "summary: 专项", "summary: 综合")
        if change == "same-size-old-time":  # touch -r / cp -p / rsync -t
            os.utime(file, ns=(info.st_atime_ns, info.st_mtime_ns))
    elif change == "touched-only":
        os.utime(file, ns=(10**18, 10**18))
    elif change == "removed":
        file.unlink()
    else:
        (file.parent / "20200203-new.yaml").write_text(
            file.read_text(encoding="utf-8").replace("20200203-af7", "20200203-new"),
            encoding="utf-8",
        )
    assert _answers(sample, folder) == _answers(sample, None)


def test_an_entry_read_within_the_timestamp_tick_is_checked_by_content(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a file system with whole-second times and no change time: a file read right after an
    # edit, then edited again within the same second, looks unchanged but for its content
    import ducha.store.files

    def coarse(path: str, info: os.stat_result) -> ducha.store.files.Stat:
        second = info.st_mtime_ns // 10**9 * 10**9
        return ducha.store.files.Stat(path, info.st_size, second, second, info.st_ino)

    monkeypatch.setattr(ducha.store.files, "_stat", coarse)
    folder = tmp_path / "cache"
    file = sample / VISIT
    _edit(file, "summary: 专项", "summary: 综合")
    _answers(sample, folder)
    _edit(file, "summary: 综合", "summary: 其他")
    assert _answers(sample, folder) == _answers(sample, None)


def test_a_cache_file_holds_data_only_and_a_planted_one_runs_nothing(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pickle

    def no_pickle(*_: object, **__: object) -> None:
        raise AssertionError("the cache unpickled something")

    monkeypatch.setattr(pickle, "loads", no_pickle)
    monkeypatch.setattr(pickle, "load", no_pickle)
    folder = tmp_path / "cache"
    expected = _answers(sample, folder)
    [db] = folder.glob("*.sqlite3")
    with sqlite3.connect(db) as connection:
        rows = connection.execute("SELECT data FROM shards").fetchall()
        assert rows and all(isinstance(data, bytes) for (data,) in rows)  # MessagePack
        # entries planted with the right keys but the wrong shapes are read afresh, and so
        # is a pickle that would run a command
        planted = msgspec.msgpack.encode({"visits/2020/02/x": [1, 2]})
        connection.execute("UPDATE shards SET data = ?", (planted,))
        assert _answers(sample, folder) == expected
        connection.execute(
            "UPDATE shards SET data = ?", (b"\x80\x04cos\nsystem\n(S'touch /tmp/pwned'\ntR.",)
        )
        connection.execute('UPDATE answers SET data = \'["not", "an answer"]\'')
    assert _answers(sample, folder) == expected
    db.write_bytes(b"\x80\x04cos\nsystem\n(S'touch /tmp/pwned'\ntR.")  # a pickle, as before
    assert _answers(sample, folder) == expected


def test_a_cache_folder_others_can_write_or_own_is_made_private_or_refused(
    tmp_path: Path,
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)
    assert safe_folder(shared) is None
    assert shared.stat().st_mode & 0o777 == 0o700
    if os.getuid() == 0:  # root can hand a folder to another user
        foreign = tmp_path / "foreign"
        foreign.mkdir()
        os.chown(foreign, 65534, 65534)
        assert safe_folder(foreign) is not None
        cache = Cache.for_repository(foreign, tmp_path, "key")
        assert not cache.enabled and cache.refused
    link = tmp_path / "link"
    link.symlink_to(shared)
    assert safe_folder(link) is not None


def test_a_new_cache_folder_is_private_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        assert safe_folder(tmp_path / "xdg" / "ducha") is None
    finally:
        os.umask(old)
    assert (tmp_path / "xdg" / "ducha").stat().st_mode & 0o777 == 0o700


def test_config_change_invalidates(sample: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    _answers(sample, folder)
    _edit(sample / "ducha.yaml", "{code: major, label: 较重", "{code: major, label: 重")
    problems, _ = _answers(sample, folder)
    assert any("[unknown-value]" in p for p in problems)  # 较重 is no longer a label
    assert problems == _answers(sample, None)[0]


def test_evidence_replaced_by_a_link_out_of_the_repository_is_noticed(
    sample: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "cache"
    assert _answers(sample, folder)[0] == []
    evidence = sample / "evidence/20200205-2vs/1-医疗废物管理整改报告.md"
    outside = tmp_path / "outside.md"
    outside.write_text("外面的文件", encoding="utf-8")
    evidence.unlink()
    evidence.symlink_to(outside)
    assert _answers(sample, folder)[0] == _answers(sample, None)[0]
    assert any("[evidence-outside]" in p for p in _answers(sample, folder)[0])


def _worker(root: str, folder: str) -> None:
    for _ in range(5):
        _answers(Path(root), Path(folder))


def test_concurrent_runs_leave_a_valid_cache(sample: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    context = multiprocessing.get_context("spawn")
    processes = [context.Process(target=_worker, args=(str(sample), str(folder))) for _ in range(3)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(60)
        assert process.exitcode == 0
    assert _answers(sample, folder) == _answers(sample, None)


def test_parallel_cold_parse_matches_serial(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ducha.store.load

    serial = _answers(sample, None)
    monkeypatch.setattr(ducha.store.load, "PARALLEL_FROM", 2)
    assert _answers(sample, tmp_path / "cache") == serial


def test_a_files_own_problems_come_from_the_cache_with_positions(
    sample: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "cache"
    _edit(sample / VISIT, "team: T2", "team: T2\nfoo: 1")
    expected = _answers(sample, None)[0]
    assert any("unknown-field" in p for p in expected)
    assert _answers(sample, folder)[0] == expected
    assert _answers(sample, folder)[0] == expected  # now from the cache


def test_a_cache_that_cannot_be_written_changes_nothing(sample: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    expected = _answers(sample, None)
    _answers(sample, folder)
    [db] = folder.glob("*.sqlite3")
    db.chmod(0o400)
    folder.chmod(0o500)
    try:
        _edit(sample / VISIT, "summary: ", "summary: 改过的")
        assert _answers(sample, folder) == _answers(sample, None) != expected
    finally:
        folder.chmod(0o700)
        db.chmod(0o600)


def test_every_module_that_shapes_what_the_cache_holds_is_in_its_key() -> None:
    from ducha.store.cache import code_files

    code = (
        "import sys, ducha.store.pipeline, ducha.domain.overdue, ducha.store.parse, "
        "ducha.store.nodes, ducha.store.fastyaml, ducha.domain.review;"
        "print(' '.join(getattr(m, '__file__', '') or '' for n, m in list(sys.modules.items())"
        " if n.startswith('ducha.')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    used = {Path(name).resolve() for name in done.stdout.split() if name.endswith(".py")}
    keyed = set(code_files())
    left_out = {p for p in used - keyed if "outputs" not in p.parts and p.name != "__init__.py"}
    assert not left_out


def test_settings_from_the_cache_equal_settings_read_afresh(sample: Path, tmp_path: Path) -> None:
    from ducha.store.config import cached_settings

    folder = tmp_path / "cache"
    content = (sample / "ducha.yaml").read_bytes()
    fresh = load_settings(sample, content)
    first = cached_settings(sample, content, _cache(sample, folder))  # read, then kept
    kept = cached_settings(sample, content, _cache(sample, folder))  # from the cache
    assert first == kept == fresh
    broken = content + b"\nyellow: 3\n"  # a file with problems is read each time
    assert cached_settings(sample, broken, _cache(sample, folder)).issues
    assert cached_settings(sample, broken, _cache(sample, folder)) == load_settings(sample, broken)
    edited = content.replace("较重".encode(), "重".encode())  # another file: another answer
    assert cached_settings(sample, edited, _cache(sample, folder)) == load_settings(sample, edited)


class _Seen:
    def __init__(self) -> None:
        self.parts: list[str] = []

    def update(self, data: bytes) -> None:
        self.parts.append(data.decode())


def test_the_libraries_versions_in_the_key_are_those_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from importlib.metadata import version

    from ducha.store.replay import PACKAGES
    from ducha.store.versions import add_versions

    seen = _Seen()
    add_versions(seen, PACKAGES)

    def normal(text: str) -> str:
        return re.sub(r"[-_.]+", "_", text).lower()

    # one metadata folder each, as pip names it: the distribution's name, then its version
    assert [part.partition("=")[0] for part in seen.parts] == list(PACKAGES)
    assert [normal(part.partition("=")[2]) for part in seen.parts] == [
        normal(f"{name}-{version(name)};") for name in PACKAGES
    ]
    # a second installation of a reader on the path (a user site, a virtualenv) changes it
    (tmp_path / "PyYAML-99.0.dist-info").mkdir()
    (tmp_path / "yaml_rs.egg-info").mkdir()  # a development install: its metadata says
    monkeypatch.setattr(sys, "path", [*sys.path, str(tmp_path)])
    again = _Seen()
    add_versions(again, ("PyYAML", "yaml-rs", "no-such-dist"))
    assert (
        "PyYAML-99.0" in again.parts[0] and again.parts[0] != seen.parts[PACKAGES.index("PyYAML")]
    )
    assert again.parts[1] == f"yaml-rs=yaml-rs-{version('yaml-rs')},yaml_rs-{version('yaml-rs')};"
    assert again.parts[2] == "no-such-dist=none;"
