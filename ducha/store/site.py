"""Writing the dashboard site: into a folder of its own, page by page, each page whole."""

from __future__ import annotations

from pathlib import Path

from ducha.errors import UserError
from ducha.store.writing import check_output, replace_file

MARK = ".ducha-site"  # what says a folder holds a site ducha wrote, so it may be rewritten


def write_site(folder: Path, pages: dict[str, str], root: Path, *, force: bool) -> bool:
    """Write every page; False when ``folder`` holds something else (and ``force`` is off).

    Pages of an earlier build that this one no longer has are removed, and only those: the
    mark lists what ducha wrote.
    """
    mark = folder / MARK
    if folder.exists() and not folder.is_dir():
        raise UserError("output-not-file", path=folder)
    if folder.is_dir() and any(folder.iterdir()) and not mark.is_file() and not force:
        return False
    earlier = set(mark.read_text(encoding="utf-8").split("\n")) if mark.is_file() else set()
    for name, content in pages.items():
        path = folder / name
        check_output(path, root, force=True)
        replace_file(path, content)
    for name in sorted(earlier - set(pages) - {""}):
        stale = folder / name
        if (
            stale.is_file()
            and not stale.is_symlink()
            and stale.resolve().is_relative_to(folder.resolve())
        ):
            stale.unlink()
    replace_file(mark, "\n".join(sorted(pages)) + "\n")
    return True
