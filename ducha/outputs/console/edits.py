"""What a recording command changes, shown before (``--dry-run``) or after it is written."""

from __future__ import annotations

import difflib

from rich.console import Console
from rich.markup import escape

from ducha.domain.settings import Lang
from ducha.outputs.i18n import text
from ducha.store.edit import Edit

_STYLES = {"+": "green", "-": "red", "@": "cyan"}


def print_edit(console: Console, edit: Edit, lang: Lang, *, dry_run: bool) -> None:
    """The evidence copied and the record written; a dry run adds the change as a diff."""
    for copy in edit.copies:
        if copy.source is not None:
            key = "would-copy" if dry_run else "copied"
            console.print(escape(text(key, lang, source=copy.source, path=copy.recorded)))
    if not dry_run:
        console.print(escape(text("recorded", lang, path=edit.path)))
        return
    console.print(escape(text("would-write", lang, path=edit.path)))
    before = edit.before.replace("\r\n", "\n").splitlines(keepends=True)
    after = edit.after.replace("\r\n", "\n").splitlines(keepends=True)
    old = "/dev/null" if edit.created else f"a/{edit.path}"
    for line in difflib.unified_diff(before, after, old, f"b/{edit.path}"):
        shown = line.rstrip("\n")
        style = _STYLES.get(shown[:1], "") if not shown.startswith(("+++", "---")) else "bold"
        console.print(escape(shown), style=style or None, no_wrap=True, crop=False)
