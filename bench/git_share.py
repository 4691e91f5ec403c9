"""Run one ducha command in this process and say how much of its wall time was git's own.

    python bench/git_share.py sources sync     # prints "git S N" to stderr last

A hub's targets are set beyond git's own time (``sources sync`` fetches every source);
this times each git process ducha starts, around ``store.vcs.run_git``, so that the rest
is ducha's. ``run.py`` uses it for the sync row.
"""

from __future__ import annotations

import importlib
import sys
import time
from typing import Any

from ducha.store import vcs

spent = [0.0, 0]
_real = vcs.run_git


def _timed(*args: Any, **kwargs: Any) -> Any:
    started = time.perf_counter()
    try:
        return _real(*args, **kwargs)
    finally:
        spent[0] += time.perf_counter() - started
        spent[1] += 1


def main() -> None:
    """Run ``ducha ARGS`` with every git process it starts timed."""
    importlib.import_module("ducha.store.sync")  # so that its name for run_git is patched

    for module in list(sys.modules.values()):
        if getattr(module, "__name__", "").startswith("ducha") and (
            getattr(module, "run_git", None) is _real
        ):
            module.run_git = _timed  # type: ignore[attr-defined]
    from ducha.cli import main as run_ducha

    sys.argv = ["ducha", *sys.argv[1:]]
    try:
        run_ducha()
    except SystemExit:
        pass
    finally:
        print(f"git {spent[0]:.3f} {spent[1]}", file=sys.stderr)


if __name__ == "__main__":
    main()
