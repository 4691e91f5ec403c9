"""Enumerated values: each has a stable ASCII code and a Chinese (and English) label.

Records may use either the code or the Chinese label; both mean the same value, and memos
print the Chinese label.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Term:
    """One allowed value."""

    code: str
    zh: str
    en: str
    group: str = ""  # for methods: the pair this side belongs to


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """A closed set of terms, looked up by code or by label."""

    name: str
    terms: tuple[Term, ...]
    _rank: dict[str, int] = field(init=False, repr=False, compare=False)
    _by_text: dict[str, Term] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_rank", {t.code: i for i, t in enumerate(self.terms)})
        by_text: dict[str, Term] = {}
        for term in reversed(self.terms):  # the first term wins a clash
            by_text.update({term.en.lower(): term, term.zh: term, term.code: term})
        object.__setattr__(self, "_by_text", by_text)

    def rank(self, code: str) -> int:
        """The position of ``code`` in the vocabulary (0 for an unknown code)."""
        return self._rank.get(code, 0)

    def lookup(self, text: str) -> Term | None:
        """Return the term whose code or label is ``text``."""
        folded = text.strip()
        return self._by_text.get(folded) or self._by_text.get(folded.lower())

    def get(self, code: str) -> Term:
        """Return the term with this code (which is known to exist)."""
        for term in self.terms:
            if term.code == code:
                return term
        raise KeyError(code)

    def label(self, code: str, lang: str = "zh") -> str:
        """Return the label of a code in ``lang``; unknown codes print as they are."""
        for term in self.terms:
            if term.code == code:
                return term.zh if lang == "zh" else term.en
        return code

    def closest(self, text: str) -> Term | None:
        """The term a mistyped value most likely means: 封闭管里 → 封闭管理, 回马枪 → 杀回马枪."""
        import difflib

        folded = text.strip().lower()
        words = {w: t for t in self.terms for w in (t.zh, t.code, t.en.lower())}
        inside = [t for w, t in words.items() if len(folded) >= 2 and folded in w]
        if len({t.code for t in inside}) == 1:
            return inside[0]
        close = difflib.get_close_matches(folded, list(words), n=1, cutoff=0.6)
        return words[close[0]] if close else None

    def choices(self) -> str:
        """List the allowed values for a message: ``code（标签）``."""
        return "、".join(f"{t.code}（{t.zh}）" for t in self.terms)

    @property
    def codes(self) -> tuple[str, ...]:
        """Return every code, in order."""
        return tuple(t.code for t in self.terms)


def vocabulary(
    name: str, rows: Iterable[tuple[str, str, str] | tuple[str, str, str, str]]
) -> Vocabulary:
    """Build a vocabulary from ``(code, zh, en[, group])`` rows."""
    return Vocabulary(name, tuple(Term(*row) for row in rows))


# The seven pairs of methods the seed names; a visit carries at most one side of each pair.
METHODS = vocabulary(
    "method",
    [
        ("comprehensive", "综合督查", "comprehensive", "scope"),
        ("special", "专项督查", "special", "scope"),
        ("announced", "明查", "announced", "visibility"),
        ("unannounced", "暗访", "unannounced", "visibility"),
        ("routine", "常规检查", "routine", "recurrence"),
        ("return", "杀回马枪", "return visit", "recurrence"),
        ("tiered", "分级督查", "tiered", "level"),
        ("joint", "市县区一体督查", "joint", "level"),
        ("daily", "日常督查", "daily", "presence"),
        ("stationed", "驻点督查", "stationed", "presence"),
        ("concentrated", "集中督查", "concentrated", "deployment"),
        ("dispersed", "分散督查", "dispersed", "deployment"),
        ("problems", "发现问题", "finding problems", "purpose"),
        ("exemplars", "树立典型", "setting exemplars", "purpose"),
    ],
)

UNIT_KINDS = vocabulary(
    "unit kind",
    [
        ("community", "城市社区", "urban community"),
        ("village", "农村村庄", "village"),
        ("enterprise", "企业", "enterprise"),
        ("medical", "医疗机构", "medical institution"),
        ("shop", "商超药店", "shop or pharmacy"),
        ("school", "学校", "school"),
        ("government", "机关单位", "government office"),
        ("checkpoint", "交通卡点", "traffic checkpoint"),
        ("transport", "客运场站", "transport station"),
        ("other", "其他", "other"),
    ],
)

SCOPES = vocabulary(
    "problem scope",
    [
        ("individual", "个性问题", "individual"),
        ("common", "共性问题", "common"),
    ],
)

DISPOSITIONS = vocabulary(
    "disposition",
    [
        ("hq", "报市指挥部", "submit to the city HQ"),
        ("report-up", "请示汇报", "report upward"),
        ("discipline", "移交纪委", "refer to the discipline commission"),
        ("police", "移交公安", "refer to the police"),
    ],
)

RESULTS = vocabulary(
    "check result",
    [
        ("rectified", "整改到位", "rectified"),
        ("not-rectified", "未整改到位", "not rectified"),
        ("relapsed", "反弹", "relapsed"),
    ],
)

VISIT_STATUS = vocabulary(
    "visit status",
    [
        ("done", "已完成", "done"),
        ("planned", "计划", "planned"),
    ],
)

IMMEDIATE = vocabulary("immediate", [("immediate", "立行立改", "immediate")])
