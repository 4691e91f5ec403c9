"""Find the records repository and read ``ducha.yaml`` into frozen settings.

Every setting has a default, so an empty ``ducha.yaml`` is a working repository. Problems in
the file are issues in the same form as record problems; the parts in error fall back to
their defaults so that ``validate`` can still check everything else.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ducha.errors import ConfigError
from ducha.outputs.i18n import Lang, text
from ducha.checks.issues import Issue, error
from ducha.domain.model import Due

if TYPE_CHECKING:
    from ducha.checks.source import SourceMap

from ducha.domain.vocab import (
    DISPOSITIONS,
    METHODS,
    RESULTS,
    SCOPES,
    UNIT_KINDS,
    VISIT_STATUS,
    Term,
    Vocabulary,
    vocabulary,
)

CONFIG_NAME = "ducha.yaml"

DEFAULT_FOCUS = (
    ("screening", "排查情况", "screening"),
    ("closed-management", "封闭管理", "closed management"),
    ("medical", "医疗机构内部防控", "infection control in medical institutions"),
    ("supplies", "防疫物资和生活必需品供应", "supplies"),
    ("agriculture", "农业畜牧业生产恢复", "farm and livestock recovery"),
    ("reopening", "企业开工复工", "enterprise reopening"),
    ("schools", "学校开学准备", "school reopening"),
    ("policies", "政策措施落实", "policy implementation"),
    ("publicity", "宣传", "publicity"),
    ("complaints", "群众反映问题办理", "handling of public complaints"),
    ("performance", "党组织、党员、干部履职", "performance of party organisations and cadres"),
    ("work-style", "干部工作作风", "cadres' work style"),
    ("accountability", "追责问责", "accountability"),
)

# Lightest first; the last level is "serious" wherever a command asks.
DEFAULT_SEVERITIES = (
    ("minor", "一般", "minor", Due("days", days=5)),
    ("major", "较重", "major", Due("days", days=3)),
    ("serious", "严重", "serious", Due("immediate")),
)

DEFAULT_DUE = Due("days", days=5)
FOCUS_VOCABULARY = vocabulary("focus", DEFAULT_FOCUS)
SEVERITY_VOCABULARY = vocabulary("severity", [row[:3] for row in DEFAULT_SEVERITIES])

FMT_VALUES = vocabulary(
    "fmt values", [("labels", "中文名称", "labels"), ("codes", "编码", "codes")]
)

LANGS = vocabulary("lang", [("zh", "中文", "Chinese"), ("en", "英文", "English")])


@dataclass(frozen=True, slots=True)
class Organization:
    """Who issues the memos."""

    name: str = "市疫情防控指挥部督查组"
    office: str = "市疫情防控指挥部督查组办公室"
    doc_prefix: str = "督"
    contact: str = ""
    mark: str = ""  # 发文机关标志 on memos; default: the name followed by 文件


@dataclass(frozen=True, slots=True)
class ReturnPolicy:
    """Rules for scheduling return visits (杀回马枪)."""

    min_interval_days: int = 3
    rest_days: int = 7
    capacity_per_day: int = 3
    random_share: float = 0.2
    cross_team: bool = False
    stationed_after_days: int = 10


@dataclass(frozen=True, slots=True)
class CalendarYear:
    """A year's official schedule supplied by the team, for years no package covers."""

    holidays: frozenset[dt.date] = frozenset()
    workdays: frozenset[dt.date] = frozenset()


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything ``ducha.yaml`` decides, with defaults filled in."""

    root: Path
    lang: Lang | None = None
    organization: Organization = Organization()
    focus: Vocabulary = FOCUS_VOCABULARY
    severity: Vocabulary = SEVERITY_VOCABULARY
    severity_due: dict[str, Due] = field(
        default_factory=lambda: {r[0]: r[3] for r in DEFAULT_SEVERITIES}
    )
    immediate_days: int = 1
    yellow_days: int = 2
    returns: ReturnPolicy = ReturnPolicy()
    calendar: dict[int, CalendarYear] = field(default_factory=dict)
    fonts: dict[str, str] = field(default_factory=dict)  # memo font overrides by role
    fmt_values: str = "labels"  # ducha fmt writes enumerated values as labels or codes
    issues: tuple[Issue, ...] = ()

    def vocabularies(self) -> dict[str, Vocabulary]:
        """Every vocabulary a record may draw on, by the name the schema uses."""
        return {
            "method": METHODS,
            "unit_kind": UNIT_KINDS,
            "scope": SCOPES,
            "disposition": DISPOSITIONS,
            "result": RESULTS,
            "visit_status": VISIT_STATUS,
            "focus": self.focus,
            "severity": self.severity,
            "lang": LANGS,
            "fmt_values": FMT_VALUES,
        }

    def severity_rank(self, code: str) -> int:
        """0 for the lightest level; higher is worse."""
        return self.severity.rank(code)

    def is_serious(self, code: str) -> bool:
        """Whether ``code`` is the heaviest severity level."""
        return self.severity_rank(code) == len(self.severity.codes) - 1


def find_root(start: Path, lang: Lang = "zh") -> Path:
    """Return the records repository that holds ``start``.

    Walks up from ``start`` to the first folder with a ``ducha.yaml``; failing that, takes a
    ``records/`` folder of ``start`` that has one (a project that keeps its records beside
    its code, like this one).
    """
    start = start.resolve()
    if not start.is_dir():
        raise ConfigError(text("repo-not-dir", lang, path=start))
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    if (start / "records" / CONFIG_NAME).is_file():
        return start / "records"
    raise ConfigError(text("no-repo", lang, start=start))


def load_settings(root: Path, content: bytes | None = None) -> Settings:
    """Read ``root/ducha.yaml`` (or ``content``, e.g. from git); problems become issues."""
    # here, not at the top: a run answered from the cache never parses YAML
    from ducha.store.conform import BAD, Conformer
    from ducha.store.loader import load_bytes, load_file
    from ducha.store.schema import CONFIG

    loaded = (
        load_file(root / CONFIG_NAME, CONFIG_NAME)
        if content is None
        else load_bytes(content, CONFIG_NAME)
    )
    issues = list(loaded.issues)
    if loaded.data is None:
        bad_empty = [i for i in issues if i.rule != "empty-file"]
        return Settings(root=root, issues=tuple(bad_empty))
    conformer = Conformer(Settings(root=root).vocabularies(), loaded.source)
    data = conformer.check(loaded.data, CONFIG)
    issues += conformer.issues
    values: dict[str, Any] = data if data is not BAD else {}
    return _settings(root, values, loaded.source, issues)


def _terms(
    values: dict[str, Any], name: str, source: SourceMap, issues: list[Issue]
) -> tuple[Term, ...]:
    """Terms from a configured list; a code listed twice is reported and its repeat dropped."""
    seen: set[str] = set()
    kept: list[Term] = []
    for index, row in enumerate(values.get(name) or []):
        if not row:
            continue
        if row["code"] in seen:
            pos = source.value((name, index, "code"))
            issues.append(error(pos, "config-duplicate-code", field=name, code=row["code"]))
            continue
        seen.add(row["code"])
        kept.append(Term(row["code"], row["label"], row.get("en", row["code"])))
    return tuple(kept)


def _settings(
    root: Path, values: dict[str, Any], source: SourceMap, issues: list[Issue]
) -> Settings:
    base = Settings(root=root)
    org = values.get("organization", {})
    deadlines = values.get("deadlines", {})
    kwargs: dict[str, Any] = {
        "lang": values.get("lang"),
        "organization": replace(base.organization, **org),
        "immediate_days": deadlines.get("immediate_days", base.immediate_days),
        "yellow_days": deadlines.get("yellow_days", base.yellow_days),
        "returns": replace(base.returns, **values.get("return_visits", {})),
        "fonts": dict(values.get("fonts", {})),
        "fmt_values": values.get("fmt", {}).get("values", "labels"),
    }
    focus = _terms(values, "focus_areas", source, issues)
    if focus:
        kwargs["focus"] = Vocabulary("focus", focus)
    severities = _terms(values, "severities", source, issues)
    if severities:
        kwargs["severity"] = Vocabulary("severity", severities)
        dues = {r["code"]: r["deadline"] for r in values["severities"] if r and "deadline" in r}
        kwargs["severity_due"] = {t.code: dues.get(t.code, DEFAULT_DUE) for t in severities}
    kwargs["calendar"] = {
        int(year): CalendarYear(
            frozenset(d for d in days.get("holidays", []) if d),
            frozenset(d for d in days.get("workdays", []) if d),
        )
        for year, days in values.get("calendar", {}).items()
        if str(year).isdigit()
    }
    return Settings(root=root, issues=tuple(issues), **kwargs)
