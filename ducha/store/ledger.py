"""Reading a 台账's rows: which column is which, and each cell as a value of the record format.

A cell that cannot be read is a problem at its row and column; a row with one is left out
(and the import writes nothing). Units are found by id or by name (with the district when
two share a name); one the repository lacks is made from its name and district.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ducha.checks.issues import Issue, Phrase, Position, error
from ducha.domain.dates import parse_day
from ducha.domain.index import Index
from ducha.domain.vocab import DISPOSITIONS, METHODS, SCOPES, UNIT_KINDS, Vocabulary
from ducha.errors import UserError
from ducha.store.conform import value_hint
from ducha.store.deadlines import read_deadline
from ducha.store.sheets import Table

# the field a column fills -> the headers that name it by default: the headers ``ducha
# export`` writes first, then the words 台账 commonly use
HEADERS: dict[str, tuple[str, ...]] = {
    "id": ("编号", "问题编号"),
    "visit": ("督查编号",),
    "visit_date": ("督查日期", "检查日期", "督查时间", "检查时间", "日期"),
    "team": ("督查组", "检查组", "督查组编号"),
    "unit": ("单位编号",),
    "unit_name": ("单位", "被督查单位", "被检查单位", "单位名称"),
    "district": ("区县", "所在区县", "县区", "区（县）"),
    "kind": ("类型", "单位类型"),
    "methods": ("督查方式", "检查方式"),
    "focus": ("督查重点", "问题类别", "类别"),
    "severity": ("严重程度", "程度"),
    "scope": ("性质",),
    "place": ("具体位置", "位置", "地点"),
    "description": ("问题描述", "存在问题", "发现问题", "问题"),
    "responsible": ("责任方", "责任人", "责任单位"),
    "rectification": ("整改要求", "整改措施"),
    "deadline": ("整改期限", "整改时限", "期限"),
    "dispositions": ("结果运用",),
    "reported_on": ("反馈日期", "整改反馈日期", "整改完成时间"),
    "closed_on": ("销号日期",),
}
_SPLIT = re.compile(r"[、，,；;/\s]+")
_KIND_WORDS = (  # a new unit's kind from its name when the sheet has no kind column
    ("社区", "community"), ("村", "village"), ("医院", "medical"), ("卫生", "medical"),
    ("学校", "school"), ("中学", "school"), ("小学", "school"), ("幼儿园", "school"),
    ("超市", "shop"), ("药店", "shop"), ("药房", "shop"), ("公司", "enterprise"),
    ("厂", "enterprise"), ("卡点", "checkpoint"), ("车站", "transport"), ("客运", "transport"),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Mapping:
    """Which column is which: from a mapping file, or the default headers."""

    columns: dict[str, str] = field(default_factory=dict)  # header -> field
    sheet: str | None = None
    header_row: int | None = None


@dataclass(slots=True)
class Row:
    """One row, read: its number and its values by field."""

    number: int
    values: dict[str, Any]


def read_mapping(path: Path) -> Mapping:
    """A mapping file: ``{sheet, header_row, columns: {header: field}}``."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise UserError("mapping-unreadable", path=path, reason=str(exc).splitlines()[0]) from exc
    if not isinstance(data, dict) or not isinstance(data.get("columns"), dict):
        raise UserError("mapping-shape", path=path)
    columns = {str(k).strip(): str(v).strip() for k, v in data["columns"].items()}
    for target in columns.values():
        if target not in HEADERS:
            raise UserError("mapping-field", path=path, field=target, fields="、".join(HEADERS))
    row = data.get("header_row")
    sheet = data.get("sheet")
    return Mapping(
        columns,
        str(sheet) if sheet is not None else None,
        row if isinstance(row, int) and row > 0 else None,
    )


def find_header(table: Table, mapping: Mapping) -> tuple[int, dict[int, str], list[str]]:
    """The header row's number, the field of each column it names, and headers unread."""
    known = dict(mapping.columns)
    if not mapping.columns:
        known = {h: f for f, names in HEADERS.items() for h in names}
    candidates = (
        [mapping.header_row] if mapping.header_row else range(1, min(len(table.rows), 20) + 1)
    )
    for number in candidates:
        if number > len(table.rows):
            break
        cells = [clean(c) for c in table.rows[number - 1]]
        fields = {i: known[c] for i, c in enumerate(cells) if c in known}
        if len(set(fields.values())) >= 2:
            taken: dict[str, int] = {}
            for i, f in list(fields.items()):  # the first column of a field wins
                if f in taken:
                    del fields[i]
                taken.setdefault(f, i)
            ignored = [c for i, c in enumerate(cells) if c and i not in fields]
            return number, fields, ignored
    raise UserError("sheet-no-header", sheet=table.name)


def clean(value: Any) -> str:
    """A cell as text on one line ("" for an empty cell)."""
    return "" if value is None else " ".join(str(value).split())


class Reader:
    """Reads cells into values, saying where each one is wrong."""

    def __init__(self, repo: Index, shown: str, fields: dict[int, str], problems: list[Issue]):
        self.repo, self.shown, self.fields, self.problems = repo, shown, fields, problems
        self.settings = repo.settings
        self.teams_by_name = {t.name: t.id for t in repo.teams.values()}
        self.units_by_name: dict[str, list[str]] = {}
        for unit in repo.units.values():
            self.units_by_name.setdefault(unit.name, []).append(unit.id)
        self.fresh: dict[tuple[str, str], dict[str, Any]] = {}  # (name, district) -> new unit
        self.where: dict[str, int] = {f: i + 1 for i, f in fields.items()}

    def problem(self, number: int, name: str, key: str, **args: Any) -> None:
        """Say what is wrong in row ``number``, at the column of field ``name``."""
        position = Position(self.shown, number, self.where.get(name, 1))
        self.problems.append(error(position, key, **args))

    def row(self, number: int, cells: tuple[Any, ...]) -> Row | None:
        """A row's values by field, or None when one of its cells is wrong."""
        raw = {f: cells[i] if i < len(cells) else None for i, f in self.fields.items()}
        before = len(self.problems)
        values: dict[str, Any] = {}
        values["id"] = clean(raw.get("id")).lower()
        values["visit"] = clean(raw.get("visit")).lower()
        values["visit_date"] = self.day(number, "visit_date", raw.get("visit_date"))
        values["team"] = self.team(number, clean(raw.get("team")))
        values["unit"] = self.unit(number, raw)
        values["methods"] = self.many(number, "methods", raw.get("methods"), METHODS)
        for name in ("place", "description", "responsible", "rectification"):
            values[name] = str(raw.get(name) or "").strip()
        if values["description"]:
            values["focus"] = self.one(number, "focus", raw.get("focus"), self.settings.focus)
            values["severity"] = self.one(
                number, "severity", raw.get("severity"), self.settings.severity
            )
            values["scope"] = self.one(number, "scope", raw.get("scope"), SCOPES, required=False)
            values["deadline"] = self.deadline(number, raw.get("deadline"))
            values["dispositions"] = self.many(
                number, "dispositions", raw.get("dispositions"), DISPOSITIONS
            )
            for name in ("reported_on", "closed_on"):
                given = raw.get(name)
                values[name] = self.day(number, name, given) if clean(given) else None
        return Row(number, values) if len(self.problems) == before else None

    def day(self, number: int, name: str, value: Any) -> dt.date | None:
        """A date cell: a date, an Excel day number, or text as clerks write dates."""
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, int | float) and 20000 < value < 80000:  # an Excel day number
            return dt.date(1899, 12, 30) + dt.timedelta(days=int(value))
        found = parse_day(clean(value)) if clean(value) else None
        if found is None:
            key = "import-missing" if not clean(value) else "import-bad-date"
            self.problem(number, name, key, field=Phrase(f"ifield-{name}"), value=clean(value))
        return found

    def team(self, number: int, value: str) -> str:
        """A team by id (in any case) or by name."""
        if not value:
            self.problem(number, "team", "import-missing", field=Phrase("ifield-team"), value="")
            return ""
        by_id = {t.lower(): t for t in self.repo.teams}
        found = by_id.get(value.lower()) or self.teams_by_name.get(value)
        if found is None:
            self.problem(number, "team", "import-unknown-team", value=value)
            return ""
        return found

    def unit(self, number: int, raw: dict[str, Any]) -> str:
        """The unit's id: written, found by name, or to be added (name and district known)."""
        given, name = clean(raw.get("unit")), clean(raw.get("unit_name"))
        district = clean(raw.get("district"))
        by_id = {u.lower(): u for u in self.repo.units}
        if given:
            if given.lower() in by_id:
                return by_id[given.lower()]
            if not name:
                self.problem(number, "unit", "import-unknown-unit", value=given)
                return ""
        if not name:
            self.problem(
                number, "unit_name", "import-missing", field=Phrase("ifield-unit_name"), value=""
            )
            return ""
        known = self.units_by_name.get(name, [])
        if district:
            known = [u for u in known if self.repo.units[u].district == district]
        if len(known) == 1:
            return known[0]
        if len(known) > 1:
            self.problem(number, "unit_name", "import-unit-ambiguous", value=name)
            return ""
        if not district:
            self.problem(number, "district", "import-unit-needs-district", value=name)
            return ""
        return self.new_unit(number, name, district, raw.get("kind"), given)

    def new_unit(self, number: int, name: str, district: str, kind: Any, given: str) -> str:
        """The id of a unit to add, made once for each name and district."""
        if (name, district) in self.fresh:
            return str(self.fresh[(name, district)]["id"])
        code = self.one(number, "kind", kind, UNIT_KINDS, required=False) or guess_kind(name)
        taken = set(self.repo.units) | {str(u["id"]) for u in self.fresh.values()}
        unit_id = given or next(f"U{n:03d}" for n in range(1, 100_000) if f"U{n:03d}" not in taken)
        self.fresh[(name, district)] = {
            "id": unit_id,
            "name": name,
            "district": district,
            "kind": UNIT_KINDS.get(code).zh,
        }
        return unit_id

    def new_units(self, rows: list[Row]) -> list[dict[str, Any]]:
        """The units to add that ``rows`` use."""
        used = {r.values["unit"] for r in rows}
        return [u for u in self.fresh.values() if u["id"] in used]

    def one(
        self, number: int, name: str, value: Any, words: Vocabulary, *, required: bool = True
    ) -> str:
        """One value of ``words``, by label or code, with a hint when it is close to one."""
        text = clean(value)
        if not text:
            if required:
                self.problem(
                    number, name, "import-missing", field=Phrase(f"ifield-{name}"), value=""
                )
            return ""
        term = words.lookup(text)
        if term is None:
            self.problem(
                number,
                name,
                "import-bad-value",
                field=Phrase(f"ifield-{name}"),
                value=text,
                hint=value_hint(words, text),
                choices="、".join(t.zh for t in words.terms),
            )
            return ""
        return term.code

    def many(self, number: int, name: str, value: Any, words: Vocabulary) -> list[str]:
        """Several values in one cell, separated by 、 or commas."""
        parts = [p for p in _SPLIT.split(clean(value)) if p]
        return [code for p in parts if (code := self.one(number, name, p, words))]

    def deadline(self, number: int, value: Any) -> str:
        """A deadline as the record format writes it."""
        if value is None or not clean(value):
            return ""
        day = value.date() if isinstance(value, dt.datetime) else value
        if isinstance(day, dt.date):
            return day.isoformat()
        parsed = parse_day(clean(value))
        if parsed is not None:
            return parsed.isoformat()
        if read_deadline(clean(value)) is None:
            self.problem(number, "deadline", "import-bad-deadline", value=clean(value))
            return ""
        return clean(value)


def guess_kind(name: str) -> str:
    """A unit's kind from its name: 社区, 村, 医院…; other when the name does not say."""
    return next((kind for word, kind in _KIND_WORDS if word in name), "other")
