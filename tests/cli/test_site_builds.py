"""A site built on the last one is the site built from nothing, file for file.

A hub's site keeps a source's folder while the source's records, commit, the day and the
options are as the last build found them (``store/site.py``). Each test here changes
something, builds on the last site, builds the same site from nothing with ``--no-cache``
(nothing kept), and holds the two folders equal; and it says which sources were kept, so
that a build that keeps nothing, or everything, is caught as well.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ducha.store import pipeline
from tests.helpers import RunCli, git
from tests.hubs import COUNTIES, hub

AS_OF = "2020-02-21"
MOUNTS = {"临川": "counties/linchuan", "东乡": ".ducha/sources/东乡", "金溪": "counties/jinxi"}
MARK = ".ducha-site"
FIRST = "visits/2020/02/20200205-{p}1.yaml"
LETTERS = {"临川": "lc", "东乡": "dx", "金溪": "jx"}
READ = pipeline._loaded_and_checked  # the reading itself, whichever build counts it


def tree(folder: Path) -> dict[str, bytes]:
    """Every file of a site but its mark, by path."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != MARK
    }


class Builds:
    """Build the site on the last one, and from nothing, and compare them."""

    def __init__(
        self, root: Path, run_cli: RunCli, scratch: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        self.root, self.run_cli, self.scratch = root, run_cli, scratch
        self.out = scratch / "site"
        self.fresh = 0
        self.day = AS_OF
        # the sources whose records a build read, and the process that read them: a site's
        # workers read their own sources, so the log is a file each appends a line to
        self.log = scratch / "reads.log"

        def counted(settings: Any, *args: Any) -> Any:
            with self.log.open("a", encoding="utf-8") as log:
                log.write(f"{os.getpid()}\t{settings.root}\n")
            return READ(settings, *args)

        monkeypatch.setattr(pipeline, "_loaded_and_checked", counted)

    def reads(self) -> list[tuple[int, Path]]:
        """Each read of a source's records by the last build: by which process, which root."""
        if not self.log.exists():
            return []
        lines = self.log.read_text(encoding="utf-8").splitlines()
        return [(int(pid), Path(root).resolve()) for pid, root in (x.split("\t") for x in lines)]

    def build(self, *options: str) -> str:
        """Build on the last site; what it said."""
        self.log.unlink(missing_ok=True)
        done = self.run_cli(
            "site", "-o", str(self.out), "--as-of", self.day, *options, cwd=self.root
        )
        assert done.exit_code == 0, done.output
        return done.output

    def agree(self, *options: str, kept: set[str]) -> None:
        """Build on the last site and from nothing: the same files; ``kept`` sources kept."""
        before = tree(self.out) if self.out.exists() else {}
        said = self.build(*options)
        read = {root for _, root in self.reads()}
        assert read == {self.county(n).resolve() for n in COUNTIES if n not in kept}
        self.fresh += 1
        alone = self.scratch / f"fresh-{self.fresh}"
        done = self.run_cli(
            "--no-cache", "site", "-o", str(alone), "--as-of", AS_OF, *options, cwd=self.root
        )
        assert done.exit_code == 0, done.output
        now = tree(self.out)
        assert now == tree(alone)
        for name in COUNTIES:
            pages = {k: v for k, v in now.items() if k.startswith(f"sources/{name}/")}
            assert pages, name
            if name in kept:  # kept means the very files of the last build
                assert pages == {k: v for k, v in before.items() if k in pages}, name
        count = sum(1 for k in now if k.split("/")[1:2] and k.split("/")[1] in kept)
        assert (f"其中 {count} 个页面所依据的记录没有变化" in said) == bool(kept), said

    def county(self, name: str) -> Path:
        return self.root / MOUNTS[name]


@pytest.fixture
def builds(tmp_path: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> Builds:
    monkeypatch.setattr(pipeline, "RACY_NS", 0)  # files written in a test are not racy
    root, _ = hub(tmp_path)
    assert run_cli("sources", "sync", cwd=root).exit_code == 0
    made = Builds(root, run_cli, tmp_path, monkeypatch)
    made.agree(kept=set())
    return made


def test_nothing_changed_keeps_every_source(builds: Builds) -> None:
    builds.agree(kept=set(COUNTIES))


def test_an_edited_record_rebuilds_its_source_only(builds: Builds) -> None:
    visit = builds.county("临川") / FIRST.format(p="lc")
    visit.write_text(
        visit.read_text(encoding="utf-8").replace("3个工作日", "1个工作日"), encoding="utf-8"
    )
    builds.agree(kept={"东乡", "金溪"})
    builds.agree(kept=set(COUNTIES))


def test_a_commit_with_the_same_files_rebuilds_its_source(builds: Builds) -> None:
    county = builds.county("金溪")
    visit = county / FIRST.format(p="jx")
    visit.write_text(visit.read_text(encoding="utf-8") + "# 备注\n", encoding="utf-8")
    builds.agree(kept={"临川", "东乡"})
    git(county, "commit", "-q", "-am", "补充备注")  # the same files; the finding's page lists it
    builds.agree(kept={"临川", "东乡"})


def test_a_deleted_record_and_a_new_day_and_options(builds: Builds) -> None:
    (builds.county("东乡") / FIRST.format(p="dx")).unlink()
    builds.agree(kept={"临川", "金溪"})
    builds.agree("--internal", kept=set())
    builds.agree("--internal", kept=set(COUNTIES))
    builds.agree(kept=set())
    builds.agree("--as-of", "2020-02-28", kept=set())
    builds.run_cli("--lang", "en", "site", "-o", str(builds.out), "--as-of", AS_OF)
    builds.agree(kept=set())


def test_the_hubs_own_settings_rebuild_every_source(builds: Builds) -> None:
    config = builds.root / "ducha.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("抚州市", "抚州市汇总"), encoding="utf-8"
    )
    builds.agree(kept=set())


def test_a_sources_settings_rebuild_every_source(builds: Builds) -> None:
    # a hub names a severity as the first source that has it: one's terms are all's
    config = builds.county("东乡") / "ducha.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("特别严重", "特别重大"), encoding="utf-8"
    )
    builds.agree(kept=set())
    builds.agree(kept=set(COUNTIES))


def test_a_mark_or_a_folder_not_as_written_keeps_nothing_of_it(builds: Builds) -> None:
    mark = builds.out / MARK
    mark.write_text("{not json", encoding="utf-8")
    builds.agree(kept=set())
    lost = builds.out / "sources/临川"
    lost.rename(builds.scratch / "elsewhere")
    lost.symlink_to(builds.scratch / "elsewhere")  # a link where the folder was
    builds.agree(kept={"东乡", "金溪"})
    assert not (builds.out / "sources/临川").is_symlink()
    groups = json.loads(mark.read_text(encoding="utf-8"))["groups"]
    groups["东乡"]["pages"] = "x"
    mark.write_text(json.dumps({"groups": groups}), "utf-8")
    builds.agree(kept={"临川", "金溪"})
    groups = json.loads(mark.read_text(encoding="utf-8"))["groups"]
    urgent = groups["临川"]["data"]["urgent"]
    assert urgent, "临川 has overdue findings"
    urgent[0][10] = "javascript:alert(1)"  # a link the front page would carry
    groups["金溪"]["data"]["summary"]["lights"]["purple"] = 1
    groups["东乡"]["data"]["summary"]["weeks"].pop()
    mark.write_text(json.dumps({"groups": groups}), "utf-8")
    builds.agree(kept=set())
    assert "javascript:" not in (builds.out / "index.html").read_text(encoding="utf-8")


def _inodes(folder: Path) -> dict[str, int]:
    return {
        p.relative_to(folder).as_posix(): p.lstat().st_ino
        for p in folder.rglob("*")
        if p.is_file() and not p.is_symlink()
    }


def test_a_rebuilt_sources_unchanged_pages_are_the_last_builds_files(builds: Builds) -> None:
    before, inodes = tree(builds.out), _inodes(builds.out)
    visit = builds.county("临川") / FIRST.format(p="lc")
    visit.write_text(
        visit.read_text(encoding="utf-8").replace("3个工作日", "1个工作日"), encoding="utf-8"
    )
    builds.agree(kept={"东乡", "金溪"})
    now, linked = tree(builds.out), _inodes(builds.out)
    ours = [k for k in now if k.startswith("sources/临川/")]
    same = [k for k in ours if before.get(k) == now[k]]
    changed = [k for k in ours if before.get(k) != now[k]]
    assert same and changed
    assert all(linked[k] == inodes[k] for k in same)  # the very file, linked
    assert not any(linked[k] == inodes.get(k) for k in changed)
    assert all((builds.out / k).stat().st_nlink == 1 for k in ours)  # the old site is gone


def test_a_last_site_not_as_written_is_never_linked_to(builds: Builds) -> None:
    unit = builds.out / "sources/临川/units"
    pages = sorted(unit.glob("*.html"))
    pages += sorted((builds.out / "sources/临川/findings").glob("*.html"))[:1]
    assert len(pages) >= 4
    outside = builds.scratch / "outside.html"
    outside.write_bytes(pages[0].read_bytes())
    pages[0].unlink()
    pages[0].symlink_to(outside)  # the same bytes, through a link out of the site
    backup = builds.scratch / "backup.html"
    backup.hardlink_to(pages[1])  # the same bytes, a file with another name
    pages[2].chmod(0o600)  # the same bytes, a mode a write would not give
    pages[3].unlink()
    os.mkfifo(pages[3])  # a FIFO where a page was: opening it must not wait for a writer
    visit = builds.county("临川") / FIRST.format(p="lc")
    visit.write_text(visit.read_text(encoding="utf-8") + "# 又改\n", encoding="utf-8")
    builds.agree(kept={"东乡", "金溪"})
    for page in pages[:4]:
        found = page.lstat()
        assert not page.is_symlink() and found.st_nlink == 1, page
        assert found.st_mode & 0o777 == (builds.out / "index.html").stat().st_mode & 0o777
    assert backup.stat().st_nlink == 1
    assert outside.read_bytes() == pages[0].read_bytes()


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(data=JSON | st.fixed_dictionaries({"summary": JSON, "urgent": JSON, "findings": JSON}))
def test_whatever_a_mark_holds_it_is_a_share_or_nothing(data: object) -> None:
    import datetime as dt

    from ducha.outputs.site_front import FrontPart, kept_part

    found = kept_part(data, dt.date(2020, 2, 21), "临川")
    assert found is None or isinstance(found, FrontPart)


def _edit(root: Path, name: str, kind: int) -> bool:
    """A clerk's edit to a county: True when it changed anything."""
    county = root / MOUNTS[name]
    visit = county / FIRST.format(p=LETTERS[name])
    if kind == 2:
        git(county, "commit", "-q", "--allow-empty", "-m", "又一次提交")
        return True
    if not visit.exists():
        return False
    if kind == 0:
        visit.write_text(visit.read_text(encoding="utf-8") + "# 又改\n", encoding="utf-8")
    elif kind == 1:
        visit.write_text(
            visit.read_text(encoding="utf-8").replace("较重", "一般", 1), encoding="utf-8"
        )
    else:
        visit.unlink()
    return True


EDITS = st.lists(st.tuples(st.sampled_from(sorted(COUNTIES)), st.integers(0, 3)), max_size=3)


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(edits=EDITS, internal=st.booleans())
def test_any_edits_give_the_site_made_from_nothing(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, edits: list[tuple[str, int]], internal: bool
) -> None:
    monkeypatch.setattr(pipeline, "RACY_NS", 0)
    options = ("--internal",) if internal else ()
    with tempfile.TemporaryDirectory() as folder:
        root, _ = hub(Path(folder))
        assert run_cli("sources", "sync", cwd=root).exit_code == 0
        made = Builds(root, run_cli, Path(folder), monkeypatch)
        made.agree(*options, kept=set())
        for name, kind in edits:
            changed = _edit(root, name, kind)
            made.agree(*options, kept=set(COUNTIES) - ({name} if changed else set()))


def test_each_sources_commit_is_asked_once_a_build(
    builds: Builds, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ducha.store import vcs

    asked: list[str] = []
    real = vcs.run_git

    def counted(root: Path, *args: str, **kwargs: Any) -> Any:
        asked.append(args[0])
        return real(root, *args, **kwargs)

    monkeypatch.setattr(vcs, "run_git", counted)
    builds.agree(kept=set(COUNTIES))  # the fresh build asks again, once a source too
    assert asked.count("log") == asked.count("status") == 2 * len(COUNTIES)


def test_a_source_read_by_its_worker_gives_the_site_read_whole(
    builds: Builds, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With two workers each source is read by the worker that builds it; with one, the
    parent reads the hub whole. A new day rebuilds every source: both give the same files."""
    here = os.getpid()
    builds.day = "2020-02-24"
    builds.build()
    two = tree(builds.out)
    assert {pid for pid, _ in builds.reads()} - {here}, "no source read in a worker"
    assert len(builds.reads()) == len(COUNTIES)  # each once, the parent reading none
    assert all(pid != here for pid, _ in builds.reads())

    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    alone = builds.scratch / "one-worker"
    builds.log.unlink()
    done = builds.run_cli("site", "-o", str(alone), "--as-of", builds.day, cwd=builds.root)
    assert done.exit_code == 0, done.output
    assert tree(alone) == two
    one = builds.reads()
    assert len(one) == len(COUNTIES) and all(pid == here for pid, _ in one)
