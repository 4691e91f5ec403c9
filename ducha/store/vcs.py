"""Git, and only here: the git binary does the work, asked through ``subprocess``.

Questions are asked in one pass each: ``diff --name-status`` for what changed, one
``cat-file --batch`` for every blob needed, one ``log --name-status`` for a history. Paths
are repository-relative to the records repository, which may sit in a subfolder of the git
work tree.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from ducha.errors import GitError


@dataclass(frozen=True, slots=True)
class Change:
    """One file changed between two sides: A, M, D (renames come as D + A)."""

    status: str
    path: str


@dataclass(frozen=True, slots=True)
class Commit:
    """One commit of a history, with the record files it touched."""

    sha: str
    author: str
    date: dt.datetime
    subject: str
    changes: tuple[Change, ...] = field(default=())


class Git:
    """A records repository inside a git work tree."""

    def __init__(self, records_root: Path) -> None:
        # the git binary answers in milliseconds; importing GitPython to ask costs ~70 ms
        try:
            found = subprocess.run(
                ["git", "-C", str(records_root), "rev-parse", "--show-toplevel"],
                capture_output=True,
                check=False,
            )
        except FileNotFoundError as exc:
            raise GitError("git-missing") from exc
        if found.returncode != 0 or not found.stdout.strip():
            raise GitError("not-git", path=records_root)
        self.work_tree = Path(found.stdout.decode("utf-8").strip()).resolve()
        prefix = records_root.resolve().relative_to(self.work_tree).as_posix()
        self.prefix = "" if prefix == "." else prefix + "/"
        self.records_root = records_root

    def _run(self, *args: str, stdin: bytes | None = None) -> bytes:
        command = ["git", "-C", str(self.work_tree), *args]
        done = subprocess.run(command, input=stdin, capture_output=True, check=False)
        if done.returncode != 0:
            raise GitError(
                "git-failed",
                command=" ".join(args[:3]),
                detail=done.stderr.decode(errors="replace").strip(),
            )
        return done.stdout

    def _local(self, path: str) -> str | None:
        return path[len(self.prefix) :] if path.startswith(self.prefix) else None

    def resolve(self, rev: str) -> str:
        """The commit a revision names."""
        return self._run("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").decode().strip()

    def changes(
        self, base: str, target: str | None = None, *, staged: bool = False
    ) -> list[Change]:
        """Record files that differ between ``base`` and ``target`` (None: the working tree)."""
        args = ["diff", "--name-status", "-z", "--no-renames"]
        if staged:
            args.append("--cached")
        args.append(base)
        if target is not None:
            args.append(target)
        args += ["--", self.prefix or "."]
        fields = self._run(*args).decode("utf-8").split("\0")
        found = []
        for status, path in zip(fields[0::2], fields[1::2], strict=False):
            local = self._local(path)
            if local is not None and status:
                found.append(Change(status[0], local))
        if target is None and not staged:
            found += [Change("A", p) for p in self.untracked()]
        return found

    def untracked(self) -> list[str]:
        """New record files git does not know yet (and does not ignore)."""
        output = self._run(
            "ls-files", "--others", "--exclude-standard", "-z", "--", self.prefix or "."
        )
        return [
            local
            for path in output.decode("utf-8").split("\0")
            if path and (local := self._local(path))
        ]

    def blobs(self, rev: str, paths: list[str]) -> dict[str, bytes]:
        """The contents of ``paths`` at ``rev``, read in one ``cat-file --batch``."""
        if not paths:
            return {}
        request = "".join(f"{rev}:{self.prefix}{path}\n" for path in paths).encode("utf-8")
        output = self._run("cat-file", "--batch", stdin=request)
        found: dict[str, bytes] = {}
        position = 0
        for path in paths:
            end = output.index(b"\n", position)
            header = output[position:end].split()
            position = end + 1
            if len(header) == 3 and header[1] == b"blob":
                size = int(header[2])
                found[path] = output[position : position + size]
                position += size + 1
        return found

    def history(self, paths: list[str]) -> tuple[list[Commit], bool]:
        """Commits that touched ``paths``, newest first, in one ``git log``.

        Also says whether the clone is shallow, so that the history may be cut short.
        """
        if not paths:
            return [], False
        specs = [self.prefix + p for p in paths]
        output = self._run(
            "log",
            "--format=%x1e%H%x1f%an%x1f%aI%x1f%s",
            "--name-status",
            "-z",
            "--no-renames",
            "--",
            *specs,
        )
        commits = []
        for record in output.decode("utf-8").split("\x1e")[1:]:
            head, _, rest = record.partition("\0")
            head, _, first = head.partition("\n")
            sha, author, date, subject = head.split("\x1f")
            tokens = [t.strip("\n") for t in ([first] if first else []) + rest.split("\0")]
            tokens = [t for t in tokens if t]
            changes = tuple(
                Change(status[0], local)
                for status, path in zip(tokens[0::2], tokens[1::2], strict=False)
                if (local := self._local(path)) is not None
            )
            commits.append(Commit(sha, author, dt.datetime.fromisoformat(date), subject, changes))
        shallow = self._run("rev-parse", "--is-shallow-repository").decode().strip() == "true"
        return commits, shallow

    def add_and_commit(self, paths: list[Path], message: str) -> str:
        """Commit exactly ``paths`` (new files), leaving anything else in the index alone."""
        relative = [str(p.resolve().relative_to(self.work_tree)) for p in paths]
        self._run("add", "--", *relative)
        self._run("commit", "--quiet", "-m", message, "--", *relative)
        return self.resolve("HEAD")


def init(path: Path) -> bool:
    """``git init`` unless ``path`` is already inside a work tree; True when it created one."""
    try:
        import git
    except ImportError as exc:
        raise GitError("git-missing") from exc
    try:
        git.Repo(path, search_parent_directories=True)
        return False
    except git.InvalidGitRepositoryError:
        git.Repo.init(path)
        return True
