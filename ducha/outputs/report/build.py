"""Build each memo kind's model from the records: the figures, the wording, the tables.

Memos are official documents and always Chinese, whatever the interface language. Builders
take the records, the period and ``as_of`` and read no clock and no file.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ducha.domain.index import Index
from ducha.domain.lifecycle import State, statuses
from ducha.domain.model import Finding, Visit
from ducha.domain.overdue import Light, overdue_report
from ducha.domain.settings import Settings
from ducha.domain.vocab import METHODS
from ducha.domain.workdays import WorkCalendar
from ducha.outputs.labels import Labels
from ducha.outputs.report.model import Bar, Block, Chart, Fonts, Memo, Table
from ducha.outputs.report.words import (
    cn_date,
    doc_number,
    period_words,
    title_lines,
)

STATE_WORDS = {
    State.OPEN: "待整改",
    State.REPORTED: "已反馈待核验",
    State.CLOSED: "已销号",
    State.REOPENED: "重新整改",
}
NUMERALS = "一二三四五六七八九十"
RECIPIENTS = {"discipline": "市纪委监委", "police": "市公安局"}


@dataclass(frozen=True, slots=True)
class Request:
    """What to report on."""

    start: dt.date
    end: dt.date
    as_of: dt.date
    number: int | None  # None: a draft, numbered when it is issued
    fonts: Fonts = field(default_factory=Fonts)
    include_personal: bool = False


def heading(level: int, index: int, text: str) -> Block:
    """一、 （一） 1. numbering by level."""
    mark = (
        f"{NUMERALS[index]}、"
        if level == 1
        else f"（{NUMERALS[index]}）"
        if level == 2
        else f"{index + 1}."
    )
    return Block("heading", f"{mark}{text}", level=level)


def para(text: str) -> Block:
    """A body paragraph."""
    return Block("paragraph", text)


def masked(words: str) -> str:
    """Text for a unit's eyes: ID-card and mobile numbers shown as 139****5678."""
    from ducha.checks.visit_rules import personal_spans

    for start, end, _ in reversed(personal_spans(words)):
        digits = "".join(c for c in words[start:end] if c.isalnum()).translate(_HALF_WIDTH)
        shown = digits[:3] + "*" * (len(digits) - 7) + digits[-4:]
        words = words[:start] + shown + words[end:]
    return words


_HALF_WIDTH = str.maketrans("０１２３４５６７８９Ｘｘ", "0123456789Xx")


class _Context:
    """The records seen from one request: visits in the period, states as of ``as_of``."""

    def __init__(self, repo: Index, request: Request, calendar: WorkCalendar) -> None:
        self.repo = repo
        self.request = request
        self.calendar = calendar
        self.settings: Settings = repo.settings
        self.labels = Labels(repo.settings, "zh")
        # a memo never counts what happened after its date
        self.end = min(request.end, request.as_of)
        done = [v for v in repo.visits if not v.planned]
        self.visits = sorted(
            (v for v in done if request.start <= v.date <= self.end),
            key=lambda v: (v.date, v.id),
        )
        self.states = {s.id: s for s in statuses(repo, request.as_of, calendar)}

    def unit_name(self, code: str) -> str:
        unit = self.repo.units.get(code)
        return unit.name if unit else code

    def district(self, code: str) -> str:
        unit = self.repo.units.get(code)
        return unit.district if unit else ""

    def findings(self) -> list[tuple[Visit, Finding]]:
        return [(v, f) for v in self.visits for f in v.findings]

    def memo(
        self, kind: str, title: str, addressee: str, body: list[Block], **extra: object
    ) -> Memo:
        org = self.settings.organization
        fields: dict[str, object] = {
            "doc_number": doc_number(org.doc_prefix, self.request.as_of.year, self.request.number),
            "mark": org.mark or f"{org.name}文件",
            "date": cn_date(self.request.as_of),
            "signature": org.office,
            "printed_by": org.office,
            "printed_on": cn_date(self.request.as_of),
            "fonts": self.request.fonts,
            "title_lines": title_lines(title),
        }
        fields.update(extra)
        return Memo(kind, title, addressee, tuple(body), org.name, org.office, **fields)  # type: ignore[arg-type]

    def _private(self, words: str, for_unit: bool) -> str:
        """Free text as a memo for a unit may print it (personal numbers masked)."""
        return masked(words) if for_unit and not self.request.include_personal else words

    def short_date(self, day: dt.date) -> str:
        """A date in a table: 2月10日 in the memo's year, in full otherwise."""
        return f"{day.month}月{day.day}日" if day.year == self.request.as_of.year else cn_date(day)

    def problem_table(
        self, pairs: Iterable[tuple[Visit, Finding]], *, for_unit: bool = False
    ) -> Table:
        rows = []
        for index, (visit, finding) in enumerate(pairs, start=1):
            state = self.states.get(finding.id)
            row = [
                str(index),
                self.unit_name(finding.unit),
                self.short_date(visit.date),
                self.labels.focus(finding.focus),
                self._private(
                    (f"{finding.place}：" if finding.place else "") + finding.description, for_unit
                ),
                self.short_date(state.deadline) if state and state.deadline else "—",
                STATE_WORDS[state.state] if state else "",
            ]
            if for_unit:
                row.pop(1)
            rows.append(tuple(row))
        headers = ["序号", "单位", "督查日期", "督查重点", "问题", "整改期限", "整改状态"]
        if for_unit:
            headers.pop(1)
        return Table(tuple(headers), tuple(rows), "问题清单")


# The sides of each pair worth naming in a memo; the others are the ordinary case.
_NOTABLE_METHODS = (
    "comprehensive",
    "special",
    "unannounced",
    "return",
    "joint",
    "stationed",
    "dispersed",
)


def how_words(methods: Iterable[str]) -> str:
    """A visit's 督查方式: its methods, leaving out its purposes (发现问题、树立典型)."""
    return "、".join(METHODS.label(m) for m in methods if METHODS_PURPOSE.get(m) is None)


METHODS_PURPOSE = {t.code: t for t in METHODS.terms if t.group == "purpose"}


def _kinds_of_visit(visits: list[Visit]) -> str:
    """The kinds of visit there were, e.g. "，其中暗访2次、杀回马枪1次" (empty if none)."""
    covert = sum(v.unannounced for v in visits)
    returns = sum("return" in v.methods for v in visits)
    parts = [f"{name}{n}次" for name, n in (("暗访", covert), ("杀回马枪", returns)) if n]
    return f"，其中{'、'.join(parts)}" if parts else ""


def _methods_words(visits: list[Visit]) -> str:
    counts = Counter(m for v in visits for m in v.methods)
    return "、".join(
        f"{METHODS.label(code)}{counts[code]}次" for code in _NOTABLE_METHODS if counts[code]
    )


def _returns_found(ctx: _Context) -> list[Block]:
    """What the period's return visits found: rectified, not rectified, relapsed, and where."""
    results = [(v, c) for v in ctx.visits for c in v.checks if c.result]
    if not results:
        return []
    counted = Counter(c.result for _, c in results)
    words = "、".join(
        f"{label}{counted[code]}个"
        for code, label in (
            ("rectified", "整改到位"),
            ("not-rectified", "未整改到位"),
            ("relapsed", "反弹"),
        )
        if counted[code]
    )
    sentence = f"杀回马枪回访核查问题{len(results)}个，其中{words}。"
    bad = []
    for _, check in results:
        finding = ctx.repo.finding(check.finding)
        if check.result != "rectified" and finding is not None:
            what = "出现反弹" if check.result == "relapsed" else "仍未整改到位"
            bad.append(
                f"{ctx.unit_name(finding.unit)}“{finding.description.rstrip('。')}”问题{what}"
            )
    if bad:
        sentence += "；".join(bad) + "，均已责令重新限期整改。"
    return [para(sentence)]


def bulletin(repo: Index, request: Request, calendar: WorkCalendar) -> Memo | None:
    """督查通报 for a period; None when no visit was made in it."""
    ctx = _Context(repo, request, calendar)
    if not ctx.visits:
        return None
    pairs = ctx.findings()
    units = sorted({u for v in ctx.visits for u in v.units})
    districts = sorted({ctx.district(u) for u in units if ctx.district(u)})
    severity = Counter(f.severity for _, f in pairs)
    severity_words = "、".join(
        f"{ctx.labels.severity(code)}{severity[code]}个"
        for code in reversed(repo.settings.severity.codes)
        if severity[code]
    )
    on_spot = sum(1 for _, f in pairs if f.fixed_on_spot)
    exemplars = [(v, e) for v in ctx.visits for e in v.exemplars]
    period = period_words(request.start, ctx.end)
    body: list[Block] = [
        para(
            f"{period}，督查组采取{_methods_words(ctx.visits) or '多种'}等方式，对{len(districts)}个县区"
            f"{len(units)}个单位开展督查。现将有关情况通报如下。"
        ),
        heading(1, 0, "督查基本情况"),
        para(
            f"共开展督查{len(ctx.visits)}次{_kinds_of_visit(ctx.visits)}，覆盖{'、'.join(districts) or '—'}"
            f"{len(units)}个单位；{f'发现问题{len(pairs)}个（{severity_words}）' if pairs else '未发现问题'}"
            f"{f'，当场整改到位{on_spot}个' if on_spot else ''}"
            f"{f'，发现典型做法{len(exemplars)}个' if exemplars else ''}。"
        ),
    ]
    body += _returns_found(ctx)
    focus_counts = Counter(f.focus for _, f in pairs)
    if focus_counts:
        bars = tuple(Bar(ctx.labels.focus(code), n) for code, n in focus_counts.most_common())
        body.append(Block("chart", chart=Chart("各督查重点发现问题数", bars)))
    section = 1
    if exemplars:
        body.append(heading(1, section, "好的做法"))
        section += 1
        body += [
            para(f"{i}. {ctx.unit_name(e.unit)}：{e.description}")
            for i, (_, e) in enumerate(exemplars, 1)
        ]
    if pairs:
        body.append(heading(1, section, "发现的主要问题"))
        section += 1
        by_focus: dict[str, list[tuple[Visit, Finding]]] = defaultdict(list)
        for visit, finding in pairs:
            by_focus[finding.focus].append((visit, finding))
        for index, (code, items) in enumerate(
            sorted(by_focus.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        ):
            body.append(heading(2, index, f"{ctx.labels.focus(code)}方面（{len(items)}个）"))
            cases = "；".join(
                f"{ctx.unit_name(f.unit)}，{f.description.rstrip('。')}" for _, f in items[:3]
            )
            body.append(para(f"主要表现为：{cases}。"))
    body += _overdue_section(ctx, section)
    section += 1
    report_back = cn_date(calendar.add(request.as_of, 5))
    body += [
        heading(1, section, "整改要求"),
        para(
            "（一）对本通报指出的问题，各被督查单位要立行立改，举一反三，逐条建立台账，明确责任人和整改时限。"
        ),
        para("（二）共性问题由各县区、各有关部门统筹研究，从制度和政策层面推动解决。"),
        para(
            f"（三）请于{report_back}前将整改情况（附佐证材料）书面报送{repo.settings.organization.office}。"
        ),
    ]
    return ctx.memo(
        "bulletin",
        f"关于{period}督查情况的通报",
        "各县区疫情防控指挥部，市直各有关单位：",
        body,
        attachments=(ctx.problem_table(pairs),),
        data={
            "visits": len(ctx.visits),
            "units": len(units),
            "findings": len(pairs),
            "report_back": report_back,
        },
    )


def _overdue_section(ctx: _Context, section: int) -> list[Block]:
    report = overdue_report(
        ctx.repo.without({v.path for v in ctx.repo.visits if v.planned}),
        ctx.request.as_of,
        0,
        ctx.calendar,
    )
    red = [r for r in report.rows if r.light is Light.RED]
    blocks = [heading(1, section, "超期未整改问题")]
    if not red:
        blocks.append(para(f"截至{cn_date(ctx.request.as_of)}，没有超期未整改的问题。"))
    else:
        blocks.append(
            para(
                f"截至{cn_date(ctx.request.as_of)}，仍有{len(red)}个问题超过整改期限未整改到位，责令限期整改："
            )
        )
        headers: tuple[str, ...] = ("单位", "问题", "整改期限", "超期工作日", "责任方")
        rows: tuple[tuple[str, ...], ...] = tuple(
            (
                ctx.unit_name(r.status.finding.unit),
                r.status.finding.description,
                cn_date(r.status.deadline) if r.status.deadline else "",
                str(r.working_days_late),
                r.status.finding.responsible,
            )
            for r in red
        )
        if not any(row[-1] for row in rows):  # no record names who answers for it
            headers, rows = headers[:-1], tuple(row[:-1] for row in rows)
        blocks.append(Block("table", table=Table(headers, rows)))
    by_district: dict[str, Counter[State]] = defaultdict(Counter)
    for status in ctx.states.values():
        if status.visit.date <= ctx.end:
            by_district[ctx.district(status.finding.unit) or "—"][status.state] += 1
    if by_district:
        bars = tuple(
            Bar(
                name,
                sum(c.values()),
                (
                    ("已销号", c[State.CLOSED]),
                    ("待核验", c[State.REPORTED]),
                    ("未整改", c[State.OPEN] + c[State.REOPENED]),
                ),
            )
            for name, c in sorted(by_district.items())
        )
        blocks.append(
            Block("chart", chart=Chart("各县区整改进度", bars, ("已销号", "待核验", "未整改")))
        )
    return blocks
