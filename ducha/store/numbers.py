"""The register of issued memos (``numbers.yaml``): a number is given once, to one memo.

A draft takes no number. A memo issued (``report --issue``) takes the next free number of its
sequence in its year, and the register records it with its kind, date and output, so that
issuing the same memo again gives it the same number. The register is read, numbered and
written under the records folder's lock, so that two clerks issuing at once never share a
number; ruamel's round-trip loader keeps the team's comments, and the file is replaced
atomically.

Layout::

    document:            # 发文字号（通报、整改通知书、移交函）
      2020:
        - {number: 5, kind: notice, memo: notice-HB-CZ-01-2020-02-17, date: 2020-02-17, output: …}
    special: {2020: […]} # 专报期号
    brief: {2020: […]}   # 日报期号

An older register held one number per sequence (``document: 4``): that is read as the last
number given in the year being issued, so that nothing is ever given twice.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ducha.errors import UserError
from ducha.store.writing import locked, replace_file

NUMBERS_NAME = "numbers.yaml"
_HEADER = (
    "# 公文编号登记：ducha report --issue 正式印发时在这里记下所用的号，每年从 1 号起；\n"
    "# 同一份公文再次印发仍用原号。草稿不占号。请勿手改已用的号。\n"
)


@dataclass(frozen=True, slots=True)
class Issue:
    """One memo given a number."""

    sequence: str  # document, special or brief
    year: int
    number: int
    kind: str
    memo: str  # what identifies the memo: kind, subject, period and date
    date: dt.date
    output: str


@dataclass(slots=True)
class Register:
    """The issued numbers, read under the lock; ``save`` writes what was added."""

    root: Path
    data: Any
    added: list[Issue] = field(default_factory=list)

    def _year(self, sequence: str, year: int) -> list[Any]:
        entries = self.data.get(sequence)
        if isinstance(entries, int):  # an older register: its count stands for this year
            return [{"number": entries, "kind": "", "memo": ""}]
        if not isinstance(entries, dict):
            return []
        found = entries.get(year)
        return list(found) if isinstance(found, list) else []

    def number_of(self, sequence: str, year: int, memo: str) -> int | None:
        """The number this memo was issued under, if it was."""
        for entry in self._year(sequence, year):
            if isinstance(entry, dict) and entry.get("memo") == memo and memo:
                number = entry.get("number")
                return number if isinstance(number, int) else None
        return None

    def taken(self, sequence: str, year: int) -> set[int]:
        """Every number of the sequence given in the year."""
        numbers = {e.get("number") for e in self._year(sequence, year) if isinstance(e, dict)}
        return {n for n in numbers if isinstance(n, int)}

    def next_free(self, sequence: str, year: int) -> int:
        """One past the highest number given in the year."""
        return max(self.taken(sequence, year), default=0) + 1

    def give(self, issue: Issue) -> None:
        """Record ``issue``; a number another memo holds is refused."""
        held = self.number_of(issue.sequence, issue.year, issue.memo)
        if held is not None:
            return
        if issue.number in self.taken(issue.sequence, issue.year):
            raise UserError("number-taken", number=issue.number, year=issue.year)
        entries: Any = self.data.get(issue.sequence)
        if not isinstance(entries, dict):
            legacy = entries if isinstance(entries, int) else None
            entries = self.data[issue.sequence] = {}
            if legacy:
                entries[issue.year] = [{"number": legacy, "kind": "", "memo": ""}]
        entries.setdefault(issue.year, []).append(
            {
                "number": issue.number,
                "kind": issue.kind,
                "memo": issue.memo,
                "date": issue.date.isoformat(),
                "output": issue.output,
            }
        )
        self.added.append(issue)

    def forget(self, issues: list[Issue]) -> None:
        """Take back numbers given in this run to memos that were not written."""
        names = {(i.sequence, i.year, i.memo) for i in issues}
        for sequence, year, _ in names:
            entries = self.data.get(sequence)
            if isinstance(entries, dict) and isinstance(entries.get(year), list):
                kept = [e for e in entries[year] if (sequence, year, e.get("memo")) not in names]
                entries[year] = kept
        self.added = [i for i in self.added if i not in issues]

    def save(self) -> None:
        """Write the register, comments kept, replacing the file atomically."""
        from ruamel.yaml import YAML

        yaml = YAML(typ="rt")
        yaml.default_flow_style = False
        stream = io.StringIO()
        yaml.dump(self.data, stream)
        replace_file(self.root / NUMBERS_NAME, stream.getvalue())


@contextlib.contextmanager
def register(root: Path) -> Iterator[Register]:
    """The register, held under the records folder's lock until the block ends."""
    with locked(root):
        yield Register(root, _read(root / NUMBERS_NAME))


def read_register(root: Path) -> Register:
    """The register as it stands, read without the lock: a draft's view of what was issued."""
    return Register(root, _read(root / NUMBERS_NAME))


def _read(file: Path) -> Any:
    """numbers.yaml as data; one that cannot be read is a clear error, never a wrong number."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    yaml = YAML(typ="rt")
    if not file.is_file():
        return _empty()
    try:
        data = yaml.load(file.read_text(encoding="utf-8"))
    except (YAMLError, UnicodeDecodeError, OSError) as exc:
        raise UserError("numbers-broken", path=file, detail=str(exc).splitlines()[0]) from exc
    if data is None:
        return _empty()
    if not isinstance(data, dict):
        raise UserError("numbers-broken", path=file, detail="not a mapping")
    return data


def _empty() -> Any:
    from ruamel.yaml.comments import CommentedMap

    data = CommentedMap()
    data.yaml_set_start_comment(_HEADER.replace("# ", "").rstrip("\n"))
    return data
