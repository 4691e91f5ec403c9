"""Everything ``ducha.yaml`` decides, as one frozen value with defaults filled in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ducha.domain.model import Due
from ducha.domain.vocab import (
    DISPOSITIONS,
    METHODS,
    RESULTS,
    SCOPES,
    UNIT_KINDS,
    VISIT_STATUS,
    Vocabulary,
    vocabulary,
)

Lang = Literal["zh", "en"]

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
    verify_within: int = 5  # working days a report may wait for a return visit before a chase


@dataclass(frozen=True, slots=True)
class CalendarYear:
    """A year's official schedule supplied by the team, for years no package covers."""

    holidays: frozenset[dt.date] = frozenset()
    workdays: frozenset[dt.date] = frozenset()


@dataclass(frozen=True, slots=True)
class Source:
    """A records repository a hub combines: a folder of the hub, or a git URL it fetches."""

    name: str  # its namespace: ``临川/20200205-2vs/1``
    path: str = ""  # relative to the hub (a submodule or a clone)
    url: str = ""  # fetched by ``ducha sources sync`` into the hub's .ducha/sources/<name>
    branch: str = ""


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
    sources: tuple[Source, ...] = ()  # a hub's records repositories
    # the problems found in ducha.yaml (checks.issues.Issue), kept with what they shaped
    issues: tuple[Any, ...] = ()

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

    @property
    def is_hub(self) -> bool:
        """Whether this repository combines others (``sources:`` in ``ducha.yaml``)."""
        return bool(self.sources)

    def severity_rank(self, code: str) -> int:
        """0 for the lightest level; higher is worse."""
        return self.severity.rank(code)

    def is_serious(self, code: str) -> bool:
        """Whether ``code`` is the heaviest severity level."""
        return self.severity_rank(code) == len(self.severity.codes) - 1
