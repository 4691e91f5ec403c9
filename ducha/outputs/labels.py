"""Codes to the words a reader sees, in the interface language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ducha.domain.settings import Lang, Settings
from ducha.domain.vocab import DISPOSITIONS, METHODS, RESULTS, SCOPES, UNIT_KINDS


@dataclass(frozen=True, slots=True)
class Labels:
    """Label lookups for one repository and language."""

    settings: Settings
    lang: Lang

    def focus(self, code: str) -> str:
        """A focus area's label."""
        return self.settings.focus.label(code, self.lang)

    def severity(self, code: str) -> str:
        """A severity level's label."""
        return self.settings.severity.label(code, self.lang)

    def disposition(self, code: str) -> str:
        """A disposition's label."""
        return DISPOSITIONS.label(code, self.lang)

    def method(self, code: str) -> str:
        """A method's label."""
        return METHODS.label(code, self.lang)

    def scope(self, code: str) -> str:
        """Individual or common."""
        return SCOPES.label(code, self.lang)

    def result(self, code: str) -> str:
        """A return visit's result."""
        return RESULTS.label(code, self.lang)

    def unit_kind(self, code: str) -> str:
        """A kind of unit."""
        return UNIT_KINDS.label(code, self.lang)

    def listed(self, items: Iterable[str]) -> str:
        """Items in a row: 甲、乙 in Chinese, "a, b" in English."""
        return ("、" if self.lang == "zh" else ", ").join(items)

    def separated(self, items: Iterable[str]) -> str:
        """Phrases in a row: 甲；乙 in Chinese, "a; b" in English."""
        return ("；" if self.lang == "zh" else "; ").join(items)

    def aside(self, main: str, extra: str) -> str:
        """A word with another beside it: 甲（乙） in Chinese, "a (b)" in English."""
        return f"{main}（{extra}）" if self.lang == "zh" else f"{main} ({extra})"

    def date(self, day: dt.date | None) -> str:
        """2020年2月12日 in Chinese (no zero padding), ISO in English."""
        if day is None:
            return "—"
        return f"{day.year}年{day.month}月{day.day}日" if self.lang == "zh" else day.isoformat()
