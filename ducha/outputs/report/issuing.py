"""Numbers on memos: a draft has none; an issued memo has the number the register gave it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ducha.outputs.report import Request, memo_name, with_number
from ducha.outputs.report.model import Memo
from ducha.store.numbers import Issue, Register, read_register

Wanted = list[tuple[str, Memo]]


@dataclass(frozen=True, slots=True)
class Issuing:
    """The memos of one ``report`` run and the number sequence they draw on."""

    kind: str
    sequence: str  # document, special or brief
    request: Request
    prefix: str  # 发文字号's organisation part

    def numbered(
        self, wanted: Wanted, numbers: Register, first: int | None, targets: list[Path | None]
    ) -> Wanted:
        """Each memo with its number: the one it was issued under, else the next free one.

        ``first`` (``--number``) numbers the memos not yet issued from there on.
        """
        year = self.request.as_of.year
        found = []
        for offset, ((stem, memo), target) in enumerate(zip(wanted, targets, strict=True)):
            name = memo_name(stem, self.request)
            number = numbers.number_of(self.sequence, year, name)
            if number is None:
                number = (
                    first + offset if first is not None else numbers.next_free(self.sequence, year)
                )
                output = str(target) if target is not None else "-"
                numbers.give(
                    Issue(self.sequence, year, number, self.kind, name, self.request.as_of, output)
                )
            found.append((stem, with_number(memo, self.sequence, self.prefix, year, number)))
        return found

    def as_issued(self, wanted: Wanted, root: Path) -> Wanted:
        """Drafts, except a memo issued before, which keeps its number."""
        year = self.request.as_of.year
        issued = read_register(root)  # once for the set, not once a memo
        found = []
        for stem, memo in wanted:
            number = issued.number_of(self.sequence, year, memo_name(stem, self.request))
            if number is not None:
                memo = with_number(memo, self.sequence, self.prefix, year, number)
            found.append((stem, memo))
        return found
