"""The record format as data: every file kind, its fields, their types and their titles.

The types are NamedTuples rather than dataclasses: they are created at every start, and a
NamedTuple costs one compiled function where a frozen dataclass costs four.

One definition serves the validator (``conform.py``) and the documentation (``ducha.yaml``'s
own format, in the same terms, is ``config_schema.py``); the enumerated
vocabularies are named here and resolved against the repository's configuration.
"""

from __future__ import annotations

from typing import NamedTuple

VISIT_ID = r"[0-9]{8}-[a-z0-9]{3,8}"
CODE_ID = r"[A-Za-z0-9][A-Za-z0-9_.-]*"
FINDING_REF = rf"({VISIT_ID})/([1-9][0-9]*)"


class Text(NamedTuple):
    """A string, optionally matching a pattern."""

    pattern: str | None = None


class Int(NamedTuple):
    """A whole number of at least ``minimum``."""

    minimum: int = 1


class Number(NamedTuple):
    """A number between 0 and 1 (a share)."""


class Bool(NamedTuple):
    """true or false."""


class Date(NamedTuple):
    """A calendar date written YYYY-MM-DD."""


class Deadline(NamedTuple):
    """A date, ``N个工作日`` (N working days) or ``立行立改`` (fix at once)."""


class Choice(NamedTuple):
    """One value of the named vocabulary, by code or label."""

    vocabulary: str


class Many(NamedTuple):
    """A list of items; a single item is accepted as a list of one."""

    item: Type


class Seq(NamedTuple):
    """A list of items."""

    item: Type


class MapOf(NamedTuple):
    """A mapping whose keys are free (e.g. years) and whose values share one type."""

    value: Type


class Field(NamedTuple):
    """One key of a mapping."""

    name: str
    type: Type
    required: bool = False
    zh: str = ""
    en: str = ""


class Obj(NamedTuple):
    """A mapping with known keys."""

    name: str
    fields: tuple[Field, ...]
    # a record whose required fields are missing or wrong is still built from the rest, so
    # that every other problem in it is found in the same run (it is marked PARTIAL)
    partial: bool = False

    def field(self, name: str) -> Field | None:
        """Return the field called ``name``."""
        return next((f for f in self.fields if f.name == name), None)


Type = Text | Int | Number | Bool | Date | Deadline | Choice | Many | Seq | MapOf | Obj

UNIT = Obj(
    "unit",
    (
        Field("id", Text(CODE_ID), True, "单位编号", "unit id"),
        Field("name", Text(), True, "单位名称", "name"),
        Field("district", Text(), True, "所在区县", "district"),
        Field("kind", Choice("unit_kind"), True, "单位类型", "kind"),
        Field("address", Text(), False, "地址", "address"),
        Field("contact", Text(), False, "联系人及电话（个人信息）", "contact (personal data)"),
        Field("note", Text(), False, "备注", "note"),
    ),
)
UNITS_FILE = Obj("units.yaml", (Field("units", Seq(UNIT), True, "被督查单位", "units inspected"),))

TEAM = Obj(
    "team",
    (
        Field("id", Text(CODE_ID), True, "督查组编号", "team id"),
        Field("name", Text(), True, "督查组名称", "name"),
        Field("leader", Text(), True, "组长", "leader"),
        Field("members", Many(Text()), False, "成员", "members"),
        Field("note", Text(), False, "备注", "note"),
    ),
)
TEAMS_FILE = Obj("teams.yaml", (Field("teams", Seq(TEAM), True, "督查组", "teams"),))

HASHES = MapOf(Text("[0-9a-f]{64}"))  # evidence file -> its SHA-256 when recorded

REPORT = Obj(
    "report",
    (
        Field("date", Date(), True, "反馈日期", "date reported"),
        Field("evidence", Many(Text()), False, "佐证材料（仓库内路径）", "evidence files"),
        Field(
            "sha256",
            MapOf(Text("[0-9a-f]{64}")),
            False,
            "佐证材料的 SHA-256（ducha report-back 记下）",
            "SHA-256 of the evidence (written by ducha report-back)",
        ),
        Field("note", Text(), False, "整改情况说明", "note"),
    ),
    partial=True,
)

FINDING = Obj(
    "finding",
    (
        Field("unit", Text(CODE_ID), False, "被督查单位（多单位督查时必填）", "unit"),
        Field("focus", Choice("focus"), True, "督查重点", "focus area"),
        Field("scope", Choice("scope"), False, "个性/共性问题（默认个性）", "individual or common"),
        Field("severity", Choice("severity"), True, "严重程度", "severity"),
        Field("place", Text(), False, "具体位置", "exact place"),
        Field("description", Text(), True, "问题描述", "description"),
        Field("responsible", Text(), False, "责任人或责任单位", "who is responsible"),
        Field("complainant", Text(), False, "反映人（个人信息）", "complainant (personal data)"),
        Field("rectification", Text(), False, "整改要求", "what must be done"),
        Field("deadline", Deadline(), False, "整改期限：日期、N个工作日或立行立改", "deadline"),
        Field("fixed_on_spot", Bool(), False, "当场整改到位", "fixed on the spot"),
        Field("dispositions", Many(Choice("disposition")), False, "结果运用", "dispositions"),
        Field("measure", Text(), False, "建议措施（共性问题）", "suggested measure"),
        Field(
            "evidence",
            Many(Text()),
            False,
            "现场佐证材料（照片、录音等，仓库内路径）",
            "evidence taken",
        ),
        Field(
            "sha256",
            MapOf(Text("[0-9a-f]{64}")),
            False,
            "佐证材料的 SHA-256",
            "SHA-256 of the evidence",
        ),
        Field("reports", Many(REPORT), False, "整改反馈", "report back"),
    ),
    partial=True,
)

CHECK = Obj(
    "check",
    (
        Field("finding", Text(FINDING_REF), True, "回访的问题（督查编号/序号）", "finding checked"),
        Field("result", Choice("result"), True, "回访结果", "result"),
        Field("note", Text(), False, "回访情况", "note"),
        Field("deadline", Deadline(), False, "未整改到位时的新期限", "new deadline"),
        Field("evidence", Many(Text()), False, "回访佐证材料（仓库内路径）", "evidence taken"),
        Field(
            "sha256",
            MapOf(Text("[0-9a-f]{64}")),
            False,
            "佐证材料的 SHA-256",
            "SHA-256 of the evidence",
        ),
    ),
    partial=True,
)

EXEMPLAR = Obj(
    "exemplar",
    (
        Field("unit", Text(CODE_ID), False, "单位", "unit"),
        Field("focus", Choice("focus"), False, "督查重点", "focus area"),
        Field("description", Text(), True, "典型做法", "good practice"),
    ),
    partial=True,
)

VISIT = Obj(
    "visit",
    (
        Field("id", Text(VISIT_ID), True, "督查编号（日期-短码）", "visit id"),
        Field("date", Date(), True, "督查日期", "date"),
        Field("status", Choice("visit_status"), False, "状态：已完成（默认）或计划", "status"),
        Field("team", Text(CODE_ID), True, "督查组", "team"),
        Field("units", Many(Text(CODE_ID)), True, "被督查单位", "units visited"),
        Field("methods", Many(Choice("method")), False, "督查方式", "methods"),
        Field("focus", Many(Choice("focus")), False, "督查重点", "focus areas"),
        Field(
            "returns_to",
            Many(Text(VISIT_ID)),
            False,
            "回访的督查（杀回马枪）",
            "visits returned to",
        ),
        Field(
            "to_check", Many(Text(FINDING_REF)), False, "计划回访待核查的问题", "findings to check"
        ),
        Field("inspectors", Many(Text()), False, "参加人员", "inspectors present"),
        Field("summary", Text(), False, "督查情况摘要", "summary"),
        Field("checks", Seq(CHECK), False, "回访结果", "results of checks"),
        Field("findings", Seq(FINDING), False, "发现问题", "findings"),
        Field("exemplars", Seq(EXEMPLAR), False, "典型", "exemplars"),
    ),
    partial=True,
)
