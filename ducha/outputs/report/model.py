"""The plain model a memo template receives: header fields, body blocks and the data behind them.

Everything here is text, numbers and lists, already in the reader's words (labels, dates
written 2020年2月12日), so that a template only lays it out. ``docs/templates.md`` lists it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar of a chart; ``parts`` splits it into coloured segments (e.g. closed/open)."""

    label: str
    value: int
    parts: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Chart:
    """A horizontal bar chart."""

    title: str
    bars: tuple[Bar, ...]
    legend: tuple[str, ...] = ()

    @property
    def top(self) -> int:
        """The largest value, for scaling."""
        return max((b.value for b in self.bars), default=0) or 1


@dataclass(frozen=True, slots=True)
class Table:
    """A table with a header row."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    title: str = ""


@dataclass(frozen=True, slots=True)
class Block:
    """One piece of the body: a heading (level 1–3), a paragraph, a table, a chart, photos."""

    kind: str  # heading | paragraph | table | chart | photos
    text: str = ""
    level: int = 0
    table: Table | None = None
    chart: Chart | None = None
    # evidence photos, by repository path; inline thumbnails once an HTML memo is laid out
    photos: tuple[str, ...] = ()


# For each role, the faces to use in order when the configured one is missing: the common
# Windows names first, then free faces with Simplified Chinese glyphs (Debian packages
# fonts-noto-cjk, fonts-noto-cjk-extra, fonts-arphic-ukai).
FALLBACKS = {
    "title": (
        "方正小标宋简体",
        "FZXiaoBiaoSong-B05S",
        "Noto Serif CJK SC Black",
        "Noto Serif CJK SC",
    ),
    "body": ("仿宋_GB2312", "仿宋", "FangSong", "Noto Serif CJK SC"),
    "heading1": ("黑体", "SimHei", "Noto Sans CJK SC"),
    "heading2": ("楷体_GB2312", "楷体", "KaiTi", "AR PL UKai CN", "Noto Serif CJK SC"),
    "number": ("宋体", "SimSun", "Noto Serif CJK SC"),
}


@dataclass(frozen=True, slots=True)
class Fonts:
    """Font names from ducha.yaml (the standard's faces by default)."""

    title: str = "方正小标宋简体"
    body: str = "仿宋_GB2312"
    heading1: str = "黑体"
    heading2: str = "楷体_GB2312"
    number: str = "宋体"


@dataclass(frozen=True, slots=True)
class Memo:
    """One memo, ready to lay out."""

    kind: str
    title: str
    addressee: str
    body: tuple[Block, ...]
    organization: str
    office: str
    mark: str = ""  # 发文机关标志, e.g. 河川市疫情防控督查组文件
    doc_number: str = ""
    date: str = ""
    signature: str = ""
    attachments: tuple[Table, ...] = ()
    receipt: str = ""
    masthead: str = ""  # 督查专报 / 督查日报
    issue: str = ""  # 第3期
    note: str = ""  # 按语
    cc: str = ""
    printed_by: str = ""
    printed_on: str = ""
    copies: str = ""
    for_unit: bool = False  # meant for a unit: no personal data, no plans
    title_lines: tuple[str, ...] = ()  # the title broken between words, for print
    blank_before_record: bool = False  # the 版记 on a page of its own, an even one
    # with blank_before_record: a blank page before it, in a section without page numbers
    unnumbered_record: bool = False
    fonts: Fonts = Fonts()
    data: dict[str, Any] = field(default_factory=dict)  # the figures behind the text
