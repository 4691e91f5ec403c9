"""Writing the dashboard site: built whole in a fresh folder beside it, then swapped in.

A reader of the site (a forge's pages, a browser open on it) sees the old site or the new
one, never half of each; a build that fails leaves the old site as it was. Pages are plain
writes into a folder nobody else knows yet, so tens of thousands of them cost no more than
writing them; a page the same as the old site's is a link to its file.

A hub's site keeps each source's pages in a folder of their own, and the mark file says what
each was made from. A source whose records, commit, day and options are as they were keeps
its folder: it is moved into the new build, just before the swap, instead of being made
again. ``test_site_builds.py`` holds every such build equal to one made from nothing.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ducha.errors import UserError
from ducha.store.writing import check_output

MARK = ".ducha-site"  # what says a folder holds a site ducha wrote, so it may be replaced


def site_folder_ok(folder: Path, roots: Sequence[Path], *, force: bool) -> bool:
    """Whether a site may be written to ``folder``: asked before the site is built.

    Never a link or a file, never into the records of any of ``roots`` (a hub's and each of
    its sources') or over them; a folder of other files only with ``force`` (False).
    """
    if folder.is_symlink():
        raise UserError("output-link", path=folder)
    if folder.exists() and not folder.is_dir():
        raise UserError("output-not-folder", path=folder)
    for root in roots:
        try:
            check_output(folder / MARK, root, force=True)  # never into the records
        except UserError as exc:
            raise UserError(exc.key, **{**exc.values, "path": folder}) from exc
        if root.resolve().is_relative_to(folder.resolve()):  # nor over them, whole
            raise UserError("output-in-records", path=folder)
    ours = (folder / MARK).is_file()
    return force or ours or not (folder.is_dir() and any(folder.iterdir()))


Write = Callable[[Iterable[tuple[str, str]]], int]  # pages (path, content) in; how many


@dataclass(frozen=True, slots=True)
class Group:
    """A part of the site that owns its folders: a hub's source, or a repository's pages.

    ``key`` says what its pages were made from (None: nothing that can be told again).
    ``build`` writes its pages and returns what the front page takes of it as plain data,
    which the mark keeps; ``reuse`` makes the front page's share of such data (None: not
    what a build writes). The share always comes through ``reuse``, kept or just built, so
    that a kept part gives the front page exactly what a build would.
    """

    name: str
    key: str | None
    folders: tuple[str, ...]
    build: Callable[[Write], object]
    reuse: Callable[[object], Any]


@dataclass(frozen=True, slots=True)
class Written:
    """What a build wrote, and how many of its pages it kept from the last one."""

    pages: int
    kept: int


@dataclass(frozen=True, slots=True)
class Kept:
    """A group's pages as the last build left them: how many, and its data for the front."""

    pages: int
    data: object


def still_kept(folder: Path, groups: Iterable[Group]) -> dict[str, Kept]:
    """The groups whose pages in ``folder`` are what a build would write now, by name.

    Asked before the records are read: a kept group's records need not be. Its key must be
    the one the last build wrote, its folders real folders of the site, its data readable.
    """
    if not (folder / MARK).is_file() or folder.is_symlink():
        return {}
    last = _last_build(folder)
    found = {}
    for group in groups:
        before = last.get(group.name)
        if group.key is None or before is None or before[0] != group.key:
            continue
        if (
            all(_real_folder(folder, name) for name in group.folders)
            and group.reuse(before[2]) is not None
        ):
            found[group.name] = Kept(before[1], before[2])
    return found


def write_site(
    folder: Path,
    groups: Sequence[Group],
    front: Callable[[list[Any]], Iterable[tuple[str, str]]],
    roots: Sequence[Path],
    *,
    force: bool,
    kept: Mapping[str, Kept],
    workers: int = 1,
) -> Written | None:
    """Write each group's pages, then ``front`` of their shares; None: not the site's folder.

    ``folder`` is not the site's when it holds something else and ``force`` is off. With
    ``force`` a folder of other files keeps them: the pages are moved in among them. The
    groups in ``kept`` (``still_kept``) keep their folders as they are: they move into the
    new build just before it is swapped in. The others are built, ``workers`` at a time.
    """
    if not site_folder_ok(folder, roots, force=force):
        return None
    ours = (folder / MARK).is_file()
    folder.parent.mkdir(parents=True, exist_ok=True)
    built = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.new-"))
    kept_folders = [name for g in groups if g.name in kept for name in g.folders]
    try:
        done = {name: (k.pages, k.data) for name, k in kept.items()}
        todo = [g for g in groups if g.name not in kept]
        previous = folder if ours and not folder.is_symlink() else None
        built_now = _build(todo, built, previous, workers)
        done.update(zip((g.name for g in todo), built_now, strict=True))
        shares = []
        for group in groups:
            share = group.reuse(done[group.name][1])
            if share is None:  # what a build just wrote must read back
                raise RuntimeError(f"site part {group.name!r} does not read back")
            shares.append(share)
        writer = _Writer(built, previous)
        writer.write(front(shares))
        marks = {
            g.name: {"key": g.key, "pages": done[g.name][0], "data": done[g.name][1]}
            for g in groups
        }
        mark = json.dumps({"ducha-site": 2, "groups": marks}, ensure_ascii=False, default=str)
        (built / MARK).write_text(mark + "\n", encoding="utf-8")
        built.chmod(0o755)  # mkdtemp's 0700 would keep a web server out
        if folder.is_dir() and any(folder.iterdir()) and not ours:
            _merge(built, folder)
        else:
            _move(folder, built, kept_folders)
            try:
                _swap(built, folder)
            except OSError:
                _move(built, folder, kept_folders)
                raise
    except OSError as exc:
        raise UserError("write-failed", path=folder, reason=exc.strerror or str(exc)) from exc
    finally:
        shutil.rmtree(built, ignore_errors=True)
    pages = sum(count for count, _ in done.values()) + writer.count
    return Written(pages, sum(done[g.name][0] for g in groups if g.name in kept))


_PENDING: list[Group] = []  # the groups a forked worker builds, by number


def _build(
    groups: list[Group], built: Path, previous: Path | None, workers: int
) -> list[tuple[int, object]]:
    """Each group's pages written into ``built``: how many, and its data, in order.

    Forked workers, a group each at a time: each group's pages are its own, in folders of
    their own, so they are written side by side with nothing shared but the folder.
    ``previous`` is the site being replaced, whose pages a page the same may link to.
    """
    global _PENDING
    if workers < 2 or len(groups) < 2 or "fork" not in _start_methods():
        return [_build_one(group, built, previous) for group in groups]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    _PENDING = groups
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(min(workers, len(groups)), mp_context=context) as pool:
            numbers = range(len(groups))
            every = [built] * len(groups), [previous] * len(groups)
            return list(pool.map(_build_forked, numbers, *every))
    finally:
        _PENDING = []


def _start_methods() -> list[str]:
    import multiprocessing

    return multiprocessing.get_all_start_methods()


def _build_forked(number: int, built: Path, previous: Path | None) -> tuple[int, object]:
    return _build_one(_PENDING[number], built, previous)


def _build_one(group: Group, built: Path, previous: Path | None) -> tuple[int, object]:
    writer = _Writer(built, previous)
    data = group.build(writer.write)
    return writer.count, data


class _Writer:
    """Pages into a folder nobody else knows yet: plain writes, each folder made once.

    A page whose bytes are those of the same page in ``previous`` (the site being replaced)
    is a hard link to it instead: making a file and removing the old one cost a disk far
    more than reading it and linking (``bench/README.md``), and most pages of a part that
    changed are as they were. Only a plain file of the site's own folders is linked, ours, with
    no other name and the mode a write would give it; anything else is written afresh.
    """

    def __init__(self, built: Path, previous: Path | None = None) -> None:
        self.built = built
        self.previous = previous
        self.made: set[str] = set()
        self.real: dict[Path, bool] = {}
        self.count = 0
        self.mode = 0o666 & ~_umask()

    def write(self, pages: Iterable[tuple[str, str]]) -> int:
        """Write each page as it comes; how many."""
        count = 0
        root = str(self.built)
        for name, content in pages:
            # plain strings and descriptors: a Path a page costs as much as writing it
            path = f"{root}/{name}"
            folder = path.rpartition("/")[0]
            if folder not in self.made:
                Path(folder).mkdir(parents=True, exist_ok=True)
                self.made.add(folder)
            data = content.encode("utf-8")
            if self.previous is None or not self._linked(name, Path(path), data):
                _write_new(path, data, self.mode)
            count += 1
        self.count += count
        return count

    def _linked(self, name: str, path: Path, data: bytes) -> bool:
        """Whether ``path`` is now a link to the same page of the last site, its bytes ``data``."""
        if self.previous is None:
            return False
        old = self.previous / name
        if not self._real(old.parent):
            return False
        try:
            # non-blocking: a FIFO put where a page was must not hang the build
            fd = os.open(old, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK)
        except OSError:
            return False
        try:
            found = os.fstat(fd)
            if not self._plain(found, len(data)) or _read(fd, len(data) + 1) != data:
                return False
        finally:
            os.close(fd)
        try:
            os.link(old, path, follow_symlinks=False)
            if os.lstat(path).st_ino == found.st_ino:  # still the file just read
                return True
            path.unlink()
        except OSError:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        return False

    def _plain(self, found: os.stat_result, size: int) -> bool:
        return (
            stat.S_ISREG(found.st_mode)
            and found.st_nlink == 1
            and found.st_size == size
            and stat.S_IMODE(found.st_mode) == self.mode
            and found.st_uid == os.getuid()
        )

    def _real(self, folder: Path) -> bool:
        """Whether ``folder`` is a real folder of the last site, no link on the way to it."""
        if folder not in self.real:
            assert self.previous is not None
            name = folder.relative_to(self.previous).as_posix()
            self.real[folder] = name == "." or _real_folder(self.previous, name)
        return self.real[folder]


def _write_new(path: str, data: bytes, mode: int) -> None:
    """A page into the new build's folder, which only this build knows: a file made afresh."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC, mode)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def _umask() -> int:
    mask = os.umask(0o22)
    os.umask(mask)
    return mask


def _read(fd: int, limit: int) -> bytes:
    chunks, size = [], 0
    while size < limit:
        chunk = os.read(fd, limit - size)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _last_build(folder: Path) -> dict[str, tuple[str, int, object]]:
    """Each group's key, page count and data as the last build wrote them; {} for anything odd.

    The mark is read as data only: a key that matches keeps folders that are there anyway,
    and the group's ``reuse`` checks its data.
    """
    try:
        found = json.loads((folder / MARK).read_text(encoding="utf-8"))
        groups = found["groups"]
        return {
            str(name): (g["key"], g["pages"], g["data"])
            for name, g in groups.items()
            if isinstance(g["key"], str) and type(g["pages"]) is int and g["pages"] >= 0
        }
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def _real_folder(site: Path, name: str) -> bool:
    """Whether ``name`` is a folder of the site itself, no link on the way to it."""
    path = site
    for part in name.split("/"):
        path = path / part
        if path.is_symlink() or not path.is_dir():
            return False
    return True


def _move(source: Path, target: Path, names: list[str]) -> None:
    """Move the folders ``names`` from one site to the other; all back again if one fails."""
    moved: list[str] = []
    try:
        for name in names:
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            (source / name).replace(target / name)
            moved.append(name)
    except OSError:
        for name in reversed(moved):
            with contextlib.suppress(OSError):
                (target / name).replace(source / name)
        raise


def _swap(built: Path, folder: Path) -> None:
    """Put the new site where the old one was: two renames, the old one removed after."""
    old = None
    if folder.exists():
        old = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.old-"))
        folder.replace(old / "site")
    try:
        built.replace(folder)
    except OSError:
        if old is not None:
            (old / "site").replace(folder)
            old.rmdir()
        raise
    if old is not None:
        with contextlib.suppress(OSError):
            shutil.rmtree(old)


def _merge(built: Path, folder: Path) -> None:
    """Move each page into a folder of the clerk's own files, leaving those as they are."""
    for page in sorted(p for p in built.rglob("*") if p.is_file()):
        target = folder / page.relative_to(built)
        if target.is_symlink():
            raise UserError("output-link", path=target)
        target.parent.mkdir(parents=True, exist_ok=True)
        page.replace(target)
