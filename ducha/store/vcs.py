"""Git, and only here: the git binary does the work, asked through ``subprocess``.

Questions are asked in one pass each: ``diff --name-status`` for what changed, one
``cat-file --batch`` for every blob needed, one ``log --name-status`` for a history. Paths
are repository-relative to the records repository, which may sit in a subfolder of the git
work tree.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import subprocess
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from ducha.domain.index import Origin
from ducha.errors import GitError
from ducha.store.files import CONFIG_NAME, EVIDENCE_DIR, TEAMS_NAME, UNITS_NAME, VISITS_DIR

_K = TypeVar("_K")
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"  # git's id of the empty tree
RECORD_PATHS = (CONFIG_NAME, UNITS_NAME, TEAMS_NAME, VISITS_DIR, EVIDENCE_DIR)


@dataclass(frozen=True, slots=True)
class Change:
    """One file changed between two sides: A, M, D, or R (renamed from ``old``)."""

    status: str
    path: str
    old: str = ""
    blob: str = ""  # the new content's object id (from a history walk)


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
        # the git binary answers at once; importing GitPython to ask costs more than asking
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
        # revisions after --end-of-options: "--output=FILE" is a revision, never an option
        args += ["--end-of-options", self.commit(base)]
        if target is not None:
            args.append(self.commit(target))
        args += ["--", self.prefix or "."]
        fields = self._run(*args).decode("utf-8", "replace").split("\0")
        found = []
        for status, path in zip(fields[0::2], fields[1::2], strict=False):
            local = self._local(path)
            if local is not None and status:
                found.append(Change(status[0], local))
        if target is None and not staged:
            found += [Change("A", p) for p in self.untracked()]
        return found

    def commit(self, rev: str) -> str:
        """The commit a revision names (the empty tree for ``HEAD`` before the first commit).

        A revision git does not know is a clear error.
        """
        found = subprocess.run(
            [
                "git",
                "-C",
                str(self.work_tree),
                "rev-parse",
                "--verify",
                "--quiet",
                "--end-of-options",
                f"{rev}^{{commit}}",
            ],
            capture_output=True,
            check=False,
        )
        if found.returncode != 0 or not found.stdout.strip():
            if rev == "HEAD":  # no commit yet: the first one is compared with nothing
                return EMPTY_TREE
            raise GitError("bad-revision", rev=rev)
        return found.stdout.decode().strip()

    def untracked(self) -> list[str]:
        """Record files in the work tree that git does not track, ignored ones included.

        ducha's rule: every record file in the working tree counts, for every command,
        whether git tracks it or not; a diff against a commit shows the untracked ones as new.
        """
        specs = [self.prefix + name for name in RECORD_PATHS]
        output = self._run("ls-files", "--others", "-z", "--", *specs)
        return [
            local
            for path in output.decode("utf-8", "replace").split("\0")
            if path and (local := self._local(path))
        ]

    def blobs(self, rev: str, paths: list[str]) -> dict[str, bytes]:
        """The contents of ``paths`` at ``rev``, read in one ``cat-file --batch``."""
        if not paths:
            return {}
        sha = self.commit(rev)
        found = self.blobs_at([(sha, path) for path in paths])
        return {path: found[(sha, path)] for path in paths if (sha, path) in found}

    def objects(self, ids: set[str]) -> dict[str, bytes]:
        """The content of each blob id, in one ``cat-file --batch`` (no path to look up)."""
        ordered = sorted(i for i in ids if i and set(i) != {"0"})
        return self._batch({i: i for i in ordered})

    def blobs_at(self, specs: list[tuple[str, str]]) -> dict[tuple[str, str], bytes]:
        """The content of each (commit id, path) that exists, in one ``cat-file --batch``."""
        return self._batch({spec: f"{spec[0]}:{self.prefix}{spec[1]}" for spec in specs})

    def _batch(self, names: dict[_K, str]) -> dict[_K, bytes]:
        """Each object ``names`` asks for, in one ``cat-file --batch``; missing ones left out."""
        if not names:
            return {}
        request = "".join(f"{name}\n" for name in names.values()).encode("utf-8")
        output = self._run("cat-file", "--batch", stdin=request)
        found: dict[_K, bytes] = {}
        position = 0
        for key in names:
            end = output.index(b"\n", position)
            header = output[position:end].split()
            position = end + 1
            if len(header) == 3 and header[1] == b"blob":
                size = int(header[2])
                found[key] = output[position : position + size]
                position += size + 1
        return found

    def unstaged(self) -> list[str]:
        """Tracked record files whose working-tree content differs from the staged one."""
        output = self._run("diff", "--name-only", "-z", "--no-renames", "--", self.prefix or ".")
        return [
            local
            for path in output.decode("utf-8", "surrogateescape").split("\0")
            if path and (local := self._local(path)) is not None
        ]

    def staged_contents(self, paths: list[str]) -> dict[str, bytes | None]:
        """What the index (the next commit) holds for ``paths``; None where it holds nothing."""
        found = self.blobs_at([("", path) for path in paths])
        return {path: found.get(("", path)) for path in paths}

    def walk(self) -> tuple[list[Commit], bool]:
        """Every commit of the main line that touched the records, oldest first, renames found.

        One ``git log --first-parent -M``: a merge shows what it brought to the main line.
        Also says whether the clone is shallow, so that the history may be cut short.
        """
        output = self._run(
            "log",
            "--reverse",
            "--first-parent",
            "-m",
            "-M",
            # NUL never stands in an author, a subject or a path: a separator none can forge
            "--format=%x00%x1e%H%x00%aI%x00%an%x00%s",
            "--raw",
            "--no-abbrev",
            "-z",
            "--",
            self.prefix or ".",
        )
        commits = [
            self._commit_of(record)
            for record in output.decode("utf-8", "replace").split("\0\x1e")[1:]
        ]
        shallow = self._run("rev-parse", "--is-shallow-repository").decode().strip() == "true"
        return commits, shallow

    def _commit_of(self, record: str) -> Commit:
        sha, date, author, rest = record.split("\0", 3)
        subject, _, rest = rest.partition("\0")
        subject, _, first = subject.partition("\n")
        tokens = [t.strip("\n") for t in ([first] if first else []) + rest.split("\0")]
        tokens = [t for t in tokens if t]
        changes: list[Change] = []
        i = 0
        while i < len(tokens):
            fields = tokens[i].lstrip(":").split()
            status, blob = (fields[4], fields[3]) if len(fields) >= 5 else (tokens[i], "")
            two = status[:1] in ("R", "C")
            paths = tokens[i + 1 : i + 3 if two else i + 2]
            i += 3 if two else 2
            changes += self._change(status[:1], paths, blob)
        return Commit(sha, author, dt.datetime.fromisoformat(date), subject, tuple(changes))

    def _change(self, status: str, paths: list[str], blob: str) -> list[Change]:
        """A change of a walk within the records (a rename in or out: an add or a delete)."""
        if status in ("R", "C") and len(paths) == 2:
            old, new = self._local(paths[0]), self._local(paths[1])
            if new is not None:
                return [
                    Change(
                        "R" if status == "R" else "A", new, old or "" if status == "R" else "", blob
                    )
                ]
            return [Change("D", old)] if old is not None and status == "R" else []
        local = self._local(paths[0]) if paths else None
        return [] if local is None else [Change(status, local, "", blob)]

    def add_and_commit(self, paths: list[Path], message: str) -> str:
        """Commit exactly ``paths`` (new files), leaving anything else in the index alone."""
        relative = [str(p.resolve().relative_to(self.work_tree)) for p in paths]
        self._run("add", "--", *relative)
        self._run("commit", "--quiet", "-m", message, "--", *relative)
        return self.resolve("HEAD")


# a hub's git: no terminal prompt (a forge asking for a password fails, never hangs), and a
# URL is fetched as written (file://, https://, ssh://), never run as a command (ext::)
_HUB_GIT = ("-c", "protocol.ext.allow=never")


def run_git(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """Git in a folder that may not be a work tree yet (a hub's source, a clone to make)."""
    try:
        return subprocess.run(
            ["git", "-C", str(cwd), *_HUB_GIT, *args],
            capture_output=True,
            check=False,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0"},
        )
    except FileNotFoundError as exc:
        raise GitError("git-missing") from exc


_ASKED: dict[Path, Origin] | None = None  # within ``origins_asked_once``: each folder's


@contextlib.contextmanager
def origins_asked_once() -> Iterator[None]:
    """Within it, each folder's commit is asked of git once and remembered.

    For a run that keys what it keeps on the commits it saw first (the site): a commit
    made meanwhile can only make the next run's key differ, never keep a page too old.
    """
    global _ASKED
    _ASKED = {}
    try:
        yield
    finally:
        _ASKED = None


def origin_of(root: Path) -> Origin:
    """The commit a folder is at, its date, and whether it has changes not committed."""
    if _ASKED is None:
        return _origin_of(root)
    found = _ASKED.get(root)
    if found is None:
        found = _ASKED[root] = _origin_of(root)
    return found


@contextlib.contextmanager
def origins_ahead(roots: Iterable[Path]) -> Iterator[Callable[[Path], Origin]]:
    """``origin_of`` for many folders, asked of git side by side while the caller goes on.

    A hub's kept answer scans each source (Python, one core) and asks git two questions of
    each (processes, the other core): asked ahead, git's time hides behind the scans.
    """
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=4) as pool:
        asked = {root: pool.submit(origin_of, root) for root in dict.fromkeys(roots)}

        def found(root: Path) -> Origin:
            return asked[root].result() if root in asked else origin_of(root)

        yield found


def _origin_of(root: Path) -> Origin:
    def git(*args: str) -> bytes:
        try:
            done = run_git(root, *args)
        except GitError:
            return b""
        return done.stdout if done.returncode == 0 else b""

    commit, _, date = git("log", "-1", "--format=%H%x00%cI").decode().strip().partition("\0")
    if not date:
        return Origin("", "", None, dirty=False)
    dirty = bool(git("status", "--porcelain", "--", ".").strip())
    return Origin("", commit, dt.datetime.fromisoformat(date), dirty)


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
