"""Writing the dashboard site: built whole in a fresh folder beside it, then swapped in.

A reader of the site (a forge's pages, a browser open on it) sees the old site or the new
one, never half of each; a build that fails leaves the old site as it was. Pages are plain
writes into a folder nobody else knows yet, so tens of thousands of them cost no more than
writing them.

A hub's site keeps each source's pages in a folder of their own, and the mark file says what
each was made from. A source whose records, commit, day and options are as they were keeps
its folder: it is moved into the new build, just before the swap, instead of being made
again. ``test_site_builds.py`` holds every such build equal to one made from nothing.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ducha.errors import UserError
from ducha.store.writing import check_output

MARK = ".ducha-site"  # what says a folder holds a site ducha wrote, so it may be replaced


def site_folder_ok(folder: Path, root: Path, *, force: bool) -> bool:
    """Whether a site may be written to ``folder``: asked before the site is built.

    Never a link or a file, never into the records or over them; a folder of other files
    only with ``force`` (False).
    """
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise UserError("output-not-file", path=folder)
    check_output(folder / MARK, root, force=True)  # never into the records
    if root.resolve().is_relative_to(folder.resolve()):  # nor over them, whole
        raise UserError("output-in-records", path=folder)
    ours = (folder / MARK).is_file()
    return force or ours or not (folder.is_dir() and any(folder.iterdir()))


@dataclass(frozen=True, slots=True)
class Group:
    """A part of the site that owns its folders: a hub's source, or a repository's pages.

    ``key`` says what its pages were made from (None: nothing that can be told again);
    ``pages`` makes them, and is called only when the last build's pages will not do.
    """

    name: str
    key: str | None
    folders: tuple[str, ...]
    pages: Callable[[], Iterable[tuple[str, str]]]


@dataclass(frozen=True, slots=True)
class Written:
    """What a build wrote, and how many of its pages it kept from the last one."""

    pages: int
    kept: int


def write_site(
    folder: Path,
    front: Iterable[tuple[str, str]],
    groups: Iterable[Group],
    root: Path,
    *,
    force: bool,
) -> Written | None:
    """Write the site: None when ``folder`` is not the site's.

    ``folder`` is not the site's when it holds something else and ``force`` is off. With
    ``force`` a folder of other files keeps them: the pages are moved in among them. A
    group whose key is the one the last build in ``folder`` wrote it under keeps its
    folders as they are; they move into the new build just before it is swapped in.
    """
    if not site_folder_ok(folder, root, force=force):
        return None
    ours = (folder / MARK).is_file()
    last = _last_build(folder) if ours else {}
    folder.parent.mkdir(parents=True, exist_ok=True)
    built = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.new-"))
    kept_folders: list[str] = []
    made_groups: dict[str, dict[str, object]] = {}
    kept = 0
    try:
        writer = _Writer(built)
        writer.write(front)
        for group in groups:
            before = last.get(group.name)
            if (
                group.key is not None
                and before is not None
                and before[0] == group.key
                and all(_real_folder(folder, name) for name in group.folders)
            ):
                count = before[1]
                kept_folders += group.folders
                kept += count
            else:
                count = writer.write(group.pages())
            made_groups[group.name] = {"key": group.key, "pages": count}
        mark = {"ducha-site": 1, "groups": made_groups}
        (built / MARK).write_text(json.dumps(mark, ensure_ascii=False, indent=1) + "\n", "utf-8")
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
    return Written(writer.count + kept, kept)


class _Writer:
    """Pages into a folder nobody else knows yet: plain writes, each folder made once."""

    def __init__(self, built: Path) -> None:
        self.built = built
        self.made: set[Path] = set()
        self.count = 0

    def write(self, pages: Iterable[tuple[str, str]]) -> int:
        """Write each page as it comes; how many."""
        count = 0
        for name, content in pages:
            path = self.built / name
            if path.parent not in self.made:
                path.parent.mkdir(parents=True, exist_ok=True)
                self.made.add(path.parent)
            path.write_text(content, encoding="utf-8")
            count += 1
        self.count += count
        return count


def _last_build(folder: Path) -> dict[str, tuple[str, int]]:
    """Each group's key and page count as the last build wrote them; {} for anything odd.

    The mark is read as data only: a key that matches keeps folders that are there anyway.
    """
    try:
        found = json.loads((folder / MARK).read_text(encoding="utf-8"))
        groups = found["groups"]
        return {
            str(name): (g["key"], g["pages"])
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
