"""Time two checkouts of ducha against each other, alternately, on the same repository.

    python bench/compare.py OLD NEW             # two source trees, e.g. git worktrees
    python bench/compare.py OLD NEW --size 100000 --runs 5

This machine's speed moves by a third or more from minute to minute, so a table from one
time of day and a table from another say little about a change. Run alternately, old and
new see the same minutes. Each runs as ``python -m ducha`` with its tree first on
``PYTHONPATH`` and a parse cache of its own.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from run import AS_OF, ensure_repository, run

CASES: list[tuple[str, list[str], str]] = [
    # (label, arguments, how the cache is prepared before each timed run)
    ("ducha --help", ["--help"], "warm"),
    ("validate (cold, no cache)", ["validate"], "cold"),
    ("validate (warm, nothing changed)", ["validate"], "warm"),
    ("validate (warm, one file changed)", ["validate"], "edit"),
    ("overdue (warm)", ["overdue", "--as-of", AS_OF], "warm"),
    ("diff HEAD~1..HEAD", ["diff", "HEAD~1..HEAD"], "warm"),
]


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    root = ensure_repository(args.size)
    edited = next((root / "visits").rglob("*.yaml"))
    original = edited.read_bytes()
    print(f"{args.size:,} visits; {args.runs} runs of each, alternately (seconds, min–max)\n")
    print(f"| command | {args.old} | {args.new} |")
    print("|---|---:|---:|")
    with tempfile.TemporaryDirectory() as caches:
        trees = {tree: Path(caches) / str(n) for n, tree in enumerate((args.old, args.new))}
        for label, command, prepare in CASES:
            times: dict[Path, list[float]] = {tree: [] for tree in trees}
            for attempt in range(args.runs):
                for tree, cache in trees.items():
                    env = {**os.environ, "PYTHONPATH": str(tree.resolve())}
                    env["XDG_CACHE_HOME"] = str(cache)
                    env.pop("PYTHONDONTWRITEBYTECODE", None)
                    ducha = [sys.executable, "-m", "ducha", *command]
                    if prepare == "cold":
                        shutil.rmtree(cache / "ducha", ignore_errors=True)
                    else:
                        subprocess.run(ducha, cwd=root, env=env, capture_output=True, check=False)
                    if prepare == "edit":
                        edited.write_bytes(
                            original.replace(b"summary: ", f"summary: {attempt}".encode(), 1)
                        )
                    times[tree].append(run(ducha, root, env)[0])
                    edited.write_bytes(original)
            cells = [f"{min(t):.2f}–{max(t):.2f}" for t in times.values()]
            print(f"| {label} | {' | '.join(cells)} |")


if __name__ == "__main__":
    main()
