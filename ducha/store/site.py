"""Writing the dashboard site: built whole in a fresh folder beside it, then swapped in.

A reader of the site (a forge's pages, a browser open on it) sees the old site or the new
one, never half of each; a build that fails leaves the old site as it was. Pages are plain
writes into a folder nobody else knows yet, so tens of thousands of them cost no more than
writing them.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterable
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


def write_site(
    folder: Path, pages: Iterable[tuple[str, str]], root: Path, *, force: bool
) -> int | None:
    """Write every page as it comes: how many, or None when ``folder`` is not the site's.

    ``folder`` is not the site's when it holds something else and ``force`` is off. With
    ``force`` a folder of other files keeps them: the pages are moved in among them.
    """
    if not site_folder_ok(folder, root, force=force):
        return None
    ours = (folder / MARK).is_file()
    folder.parent.mkdir(parents=True, exist_ok=True)
    built = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.new-"))
    try:
        names = []
        made: set[Path] = set()
        for name, content in pages:
            path = built / name
            if path.parent not in made:
                path.parent.mkdir(parents=True, exist_ok=True)
                made.add(path.parent)
            path.write_text(content, encoding="utf-8")
            names.append(name)
        (built / MARK).write_text("\n".join(sorted(names)) + "\n", encoding="utf-8")
        built.chmod(0o755)  # mkdtemp's 0700 would keep a web server out
        if folder.is_dir() and any(folder.iterdir()) and not ours:
            _merge(built, folder)
        else:
            _swap(built, folder)
    except OSError as exc:
        raise UserError("write-failed", path=folder, reason=exc.strerror or str(exc)) from exc
    finally:
        shutil.rmtree(built, ignore_errors=True)
    return len(names)


def _swap(built: Path, folder: Path) -> None:
    """Put the new site where the old one was: two renames, the old one removed after."""
    old = None
    if folder.exists():
        old = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.old-"))
        folder.replace(old / "site")
    built.replace(folder)
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
