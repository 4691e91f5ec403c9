"""The parse cache never changes an answer: it is only ever faster."""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ducha.checks.validate import check_repository, validate
from ducha.store.cache import ParseCache, cache_key
from ducha.store.config import load_settings
from ducha.store.load import load_repository
from tests.helpers import TODAY, summary


def _load(root: Path, folder: Path | None) -> tuple[list[str], list[str]]:
    settings = load_settings(root)
    cache = ParseCache(folder, root, cache_key((root / "ducha.yaml").read_bytes()))
    repo = load_repository(settings, cache)
    result = validate(repo, TODAY)
    return summary(result), sorted(f"{v.id}:{v.summary}" for v in repo.visits)


def _check(root: Path, folder: Path | None) -> list[str]:
    """What ``validate`` reports: the cross-record rules over cached facts, no records loaded."""
    settings = load_settings(root)
    cache = ParseCache(folder, root, cache_key((root / "ducha.yaml").read_bytes()))
    return summary(check_repository(settings, cache, TODAY))


def test_cached_and_uncached_results_are_identical(sample: Path, tmp_path: Path) -> None:
    broken = sample / "visits/2020/02/20200214-8sv.yaml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("team: T3", "team: T9"), encoding="utf-8"
    )
    cold = _load(sample, tmp_path / "cache")
    warm = _load(sample, tmp_path / "cache")
    uncached = _load(sample, None)
    assert cold == warm == uncached
    assert cold[0] == ["visits/2020/02/20200214-8sv.yaml:3:7: error [unknown-team]"]


def test_a_changed_file_is_read_again(sample: Path, tmp_path: Path) -> None:
    _load(sample, tmp_path / "cache")
    file = sample / "visits/2020/02/20200203-af7.yaml"
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("summary: ", "summary: 改过的", 1), encoding="utf-8")
    os.utime(file, ns=(1, 1))  # even with an old timestamp: the size differs
    problems, visits = _load(sample, tmp_path / "cache")
    assert any(v.startswith("20200203-af7:改过的") for v in visits)
    # same size, new content: caught by the new modification time
    file.write_text(text.replace("summary: 专项", "summary: 综合", 1), encoding="utf-8")
    _, visits = _load(sample, tmp_path / "cache")
    assert any(v.startswith("20200203-af7:综合") for v in visits)
    assert problems == []


def test_a_touched_but_unchanged_file_keeps_its_entry(sample: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    _load(sample, folder)
    file = sample / "visits/2020/02/20200203-af7.yaml"
    os.utime(file, ns=(10**18, 10**18))
    settings = load_settings(sample)
    cache = ParseCache(folder, sample, cache_key((sample / "ducha.yaml").read_bytes()))
    repo = load_repository(settings, cache)
    assert "visits/2020/02/20200203-af7.yaml" not in repo.sources  # answered from the cache


def test_a_corrupt_cache_is_discarded(sample: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    expected = _load(sample, folder)
    files = list(folder.rglob("*.pickle"))
    assert files
    for file in files:
        file.write_bytes(file.read_bytes()[:100])
    assert _load(sample, folder) == expected
    for file in files:
        file.write_bytes(b"not a pickle at all")
    assert _load(sample, folder) == expected


def test_config_change_invalidates(sample: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    _load(sample, folder)
    config = sample / "ducha.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "{code: major, label: 较重", "{code: major, label: 重"
        ),
        encoding="utf-8",
    )
    problems, _ = _load(sample, folder)
    assert any("[unknown-value]" in p for p in problems)  # 较重 is no longer a label


def _worker(root: str, folder: str) -> None:
    for _ in range(5):
        _load(Path(root), Path(folder))


def test_concurrent_runs_leave_a_valid_cache(sample: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    context = multiprocessing.get_context("spawn")
    processes = [context.Process(target=_worker, args=(str(sample), str(folder))) for _ in range(3)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(60)
        assert process.exitcode == 0
    assert not [p for p in folder.rglob(".tmp-*")]  # no half-written files left behind
    assert _load(sample, folder) == _load(sample, None)


def test_parallel_cold_parse_matches_serial(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ducha.store.load

    serial = _load(sample, None)
    monkeypatch.setattr(ducha.store.load, "PARALLEL_FROM", 2)
    assert _load(sample, tmp_path / "cache") == serial


def test_an_edit_rechecks_the_files_that_refer_to_it(sample: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    assert _check(sample, folder) == []
    origin = sample / "visits/2020/02/20200204-vfz.yaml"
    text = origin.read_text(encoding="utf-8")
    # the second finding goes; the return visit that checks it is not touched
    origin.write_text(text[: text.index("  # 2")], encoding="utf-8")
    expected = ["visits/2020/02/20200210-8u9.yaml:16:14: error [unknown-finding]"]
    assert _check(sample, folder) == expected
    assert _check(sample, folder) == expected  # now from the stored result
    assert _check(sample, None) == expected
    origin.write_text(text, encoding="utf-8")
    assert _check(sample, folder) == []


def test_a_files_own_problems_come_from_the_cache_with_positions(
    sample: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "cache"
    visit = sample / "visits/2020/02/20200204-vfz.yaml"
    text = visit.read_text(encoding="utf-8")
    visit.write_text(text.replace("南口卡点", "南口卡点，联系 13812345678"), encoding="utf-8")
    expected = ["visits/2020/02/20200204-vfz.yaml:13:12: warning [personal-data]"]
    assert _check(sample, folder) == expected
    other = sample / "visits/2020/02/20200203-af7.yaml"
    other.write_text(other.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert _check(sample, folder) == expected  # the warned file is answered by the cache
    assert _load(sample, folder)[0] == expected == _check(sample, None)


def test_records_lost_from_the_cache_are_read_again(sample: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    expected = _load(sample, None)
    assert _check(sample, folder) == expected[0]
    for file in folder.rglob("records-*.pickle"):
        file.unlink()
    assert _load(sample, folder) == expected


def test_workers_store_whole_folders_of_records_and_validate_never_sees_them(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ducha.store.load

    expected = _load(sample, None)
    monkeypatch.setattr(ducha.store.load, "PARALLEL_FROM", 2)
    folder = tmp_path / "cache"
    assert _check(sample, folder) == expected[0]  # workers parse and store the records
    assert list(folder.rglob("records-*.pickle"))
    assert _load(sample, folder) == expected  # read back as the workers stored them
    # a folder partly changed: those records come back to be stored with the rest
    for name in ("20200203-af7", "20200204-vfz"):
        file = sample / f"visits/2020/02/{name}.yaml"
        file.write_text(file.read_text(encoding="utf-8") + "\n# 改\n", encoding="utf-8")
    assert _check(sample, folder) == expected[0]
    assert _load(sample, folder) == expected


def test_what_an_earlier_format_left_is_removed(sample: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    _load(sample, folder)
    [shard] = {p.parent for p in folder.rglob("entries-*.pickle")}
    former = shard / "parse-0123456789abcdef.pickle"
    former.write_bytes(b"an earlier ducha's shard")
    file = sample / "visits/2020/02/20200203-af7.yaml"
    file.write_text(file.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert _load(sample, folder) == _load(sample, None)
    assert not former.exists()


def test_records_validate_left_stale_are_read_again_when_needed(
    sample: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "cache"
    _load(sample, folder)  # records stored
    file = sample / "visits/2020/02/20200203-af7.yaml"
    file.write_text(
        file.read_text(encoding="utf-8").replace("summary: ", "summary: 改过的", 1),
        encoding="utf-8",
    )
    assert _check(sample, folder) == []  # validate re-reads the file, keeps no record of it
    _, visits = _load(sample, folder)
    assert any(v.startswith("20200203-af7:改过的") for v in visits)


def test_a_set_of_files_asked_for_again_comes_back_together(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ducha.store.load

    folder = tmp_path / "cache"
    settings = load_settings(sample)
    key = cache_key((sample / "ducha.yaml").read_bytes())
    only = {"units.yaml", "teams.yaml", "visits/2020/02/20200203-af7.yaml"}

    def part() -> list[str]:
        cache = ParseCache(folder, sample, key)
        return sorted(
            f"{v.id}:{v.summary}" for v in load_repository(settings, cache, only=only).visits
        )

    first = part()
    for file in folder.rglob("records-*.pickle"):
        file.unlink()  # from now on only the set kept together can answer

    def no_parsing(*_: object) -> None:
        raise AssertionError("a file was read again")

    with monkeypatch.context() as patch:
        patch.setattr(ducha.store.load, "_parse_one", no_parsing)
        assert part() == first and len(first) == 1
    file = sample / "visits/2020/02/20200203-af7.yaml"
    file.write_text(
        file.read_text(encoding="utf-8").replace("summary: ", "summary: 改过的", 1),
        encoding="utf-8",
    )
    assert part()[0].startswith("20200203-af7:改过的")  # a changed file is another set


def test_a_cache_that_cannot_be_written_changes_nothing(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ducha.store.writing

    expected = _load(sample, None)
    folder = tmp_path / "cache"
    _load(sample, folder)  # a cache to fail to replace, and former files to fail to remove
    [shard] = {p.parent for p in folder.rglob("entries-*.pickle")}
    (shard / "parse-0123456789abcdef.pickle").write_bytes(b"former")

    def refuse(*_: object, **__: object) -> None:
        raise PermissionError("read-only")

    monkeypatch.setattr(ducha.store.writing, "replace_bytes", refuse)
    monkeypatch.setattr(Path, "unlink", refuse)
    file = sample / "visits/2020/02/20200203-af7.yaml"
    file.write_text(file.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert _check(sample, folder) == expected[0]
    assert _load(sample, folder) == expected
    settings = load_settings(sample)
    cache = ParseCache(folder, sample, cache_key((sample / "ducha.yaml").read_bytes()))
    assert load_repository(settings, cache, only={"units.yaml", file.name}).files


def test_every_module_that_shapes_what_the_cache_holds_is_in_its_key() -> None:
    from ducha.store.cache import code_files

    code = (
        "import sys, ducha.checks.validate, ducha.domain.overdue, ducha.store.parse, "
        "ducha.store.nodes, ducha.store.fastyaml;"
        "print(' '.join(getattr(m, '__file__', '') or '' for n, m in list(sys.modules.items())"
        " if n.startswith('ducha.')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    used = {Path(name).resolve() for name in done.stdout.split() if name.endswith(".py")}
    keyed = set(code_files())
    left_out = {p for p in used - keyed if "outputs" not in p.parts and p.name != "__init__.py"}
    assert not left_out
