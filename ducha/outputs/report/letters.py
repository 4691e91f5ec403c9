"""Memos to one unit, to the HQ, to the authorities, and the daily brief.

Notice (整改通知书), special report (督查专报), referral (问题线索移交函) and brief (督查日报),
built on the shared context in ``build.py``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

from ducha.domain.index import Index
from ducha.domain.lifecycle import State, Status, statuses
from ducha.domain.model import Finding, Visit
from ducha.domain.workdays import WorkCalendar
from ducha.outputs.report.build import (
    RECIPIENTS,
    Request,
    _Context,
    heading,
    how_words,
    masked,
    para,
)
from ducha.outputs.report.model import Bar, Block, Chart, Memo
from ducha.outputs.report.photos import photos_of
from ducha.outputs.report.words import cn_date, days_words, issue_number, period_words


def notice(repo: Index, request: Request, calendar: WorkCalendar, unit: str) -> Memo | None:
    """整改通知书 to one unit: its findings not yet closed, deadlines, how to report back.

    None when the unit has nothing left to fix.
    """
    ctx = _Context(repo, request, calendar)
    mine = sorted(
        (s for s in ctx.states.values() if s.finding.unit == unit and s.visit.date <= ctx.end),
        key=lambda s: (s.visit.date, s.id),
    )
    to_fix = [s for s in mine if s.state in (State.OPEN, State.REOPENED)]
    awaiting = [s for s in mine if s.state is State.REPORTED]
    if not to_fix:
        return None
    name = ctx.unit_name(unit)
    dates = days_words(sorted({s.visit.date for s in to_fix}))
    body: list[Block] = [
        para(f"{dates}，督查组对你单位开展督查，发现以下问题，现通知你单位限期整改："),
        heading(1, 0, "存在的问题和整改要求"),
    ]
    hide = (lambda words: words) if request.include_personal else masked
    limits = []
    for index, status in enumerate(to_fix):
        finding = status.finding
        place = f"（{hide(finding.place)}）" if finding.place else ""
        body.append(heading(2, index, f"{hide(finding.description).rstrip('。')}{place}"))
        limit, when = _limit(status, request, repo, calendar)
        if limit is not None:
            limits.append(limit)
        requirement = hide(finding.rectification).rstrip("。")
        body.append(para((f"整改要求：{requirement}。" if requirement else "") + when))
        if finding.evidence:
            names = "、".join(Path(e).name for e in finding.evidence)
            body.append(para(f"现场佐证材料：{names}。"))
            shown = photos_of(finding.evidence)
            if shown is not None:
                body.append(shown)
        if request.include_personal and finding.complainant:
            body.append(para(f"反映人：{finding.complainant}（个人信息，注意保密）。"))
    section = 1
    if awaiting:
        body.append(heading(1, section, "已反馈待核验的问题"))
        section += 1
        listed = "；".join(hide(s.finding.description).rstrip("。") for s in awaiting)
        body.append(para(f"你单位已反馈整改以下问题，督查组将回访核验，请保持整改成效：{listed}。"))
    office = repo.settings.organization.office
    contact = repo.settings.organization.contact
    if contact and not contact.startswith("联系"):
        contact = f"联系人：{contact}"
    body += [
        heading(1, section, "整改反馈"),
        para(
            f"请于每项问题整改期限届满前，将整改情况及佐证材料（照片、台账、制度文件等）书面报送"
            f"{office}。{contact.rstrip('。') + '。' if contact else ''}"
        ),
        heading(1, section + 1, "回访核查"),
        para(
            f"督查组将在{cn_date(max(limits, default=request.as_of))}后适时回访核查整改情况，"
            "对整改不到位的将通报批评并严肃问责。"
        ),
    ]
    return ctx.memo(
        "notice",
        "督查整改通知书",
        f"{name}：",
        body,
        attachments=(ctx.problem_table(((s.visit, s.finding) for s in to_fix), for_unit=True),),
        receipt="签收人：__________　　签收日期：______年____月____日",
        for_unit=True,
        data={"unit": unit, "unit_name": name, "findings": len(to_fix), "awaiting": len(awaiting)},
    )


def _limit(
    status: Status, request: Request, repo: Index, calendar: WorkCalendar
) -> tuple[dt.date | None, str]:
    """The day a finding must be fixed by, as of the notice, and the sentence that says so.

    A deadline already passed is not repeated as if it were still to come: the notice says
    how late it is and gives a new, near limit.
    """
    deadline = status.deadline
    if deadline is None:
        return None, "整改期限另行通知。"
    if deadline >= request.as_of:
        return deadline, f"整改期限：{cn_date(deadline)}前。"
    late = calendar.between(deadline, request.as_of)
    limit = calendar.add(request.as_of, max(repo.settings.immediate_days, 1))
    return limit, (
        f"原定整改期限{cn_date(deadline)}，已超期{late}个工作日，限{cn_date(limit)}前整改到位。"
    )


def units_with_open_findings(repo: Index, request: Request, calendar: WorkCalendar) -> list[str]:
    """Units that get a notice when none is named."""
    found = {
        s.finding.unit
        for s in statuses(repo, request.as_of, calendar)
        if s.state in (State.OPEN, State.REOPENED) and s.visit.date <= request.as_of
    }
    return sorted(u for u in found if u)


def special(repo: Index, request: Request, calendar: WorkCalendar) -> Memo | None:
    """督查专报 to the HQ on common problems and those marked for it, with suggested measures.

    None when there is neither.
    """
    ctx = _Context(repo, request, calendar)
    common = [(v, f) for v, f in ctx.findings() if f.scope == "common" or "hq" in f.dispositions]
    if not common:
        return None
    by_focus: dict[str, list[tuple[Visit, Finding]]] = defaultdict(list)
    for visit, finding in common:
        by_focus[finding.focus].append((visit, finding))
    period = period_words(request.start, min(request.end, request.as_of))
    body: list[Block] = [
        para(
            f"{period}，督查组在督查中发现{len(common)}个共性问题，涉及{len(by_focus)}个方面，"
            "需从政策层面统筹解决。现将有关情况和建议报告如下。"
        ),
    ]
    bars = []
    for index, (code, items) in enumerate(
        sorted(by_focus.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    ):
        units = sorted({f.unit for _, f in items})
        body.append(heading(1, index, f"{ctx.labels.focus(code)}方面"))
        descriptions = "；".join(dict.fromkeys(f.description.rstrip("。") for _, f in items))
        where = "、".join(ctx.unit_name(u) for u in units)
        seen = f"见于{where}。" if len(units) == 1 else f"见于{where}，共{len(units)}个单位。"
        body.append(para(f"问题：{descriptions}。{seen}"))
        measures = "；".join(dict.fromkeys(f.measure.rstrip("。") for _, f in items if f.measure))
        body.append(para(f"建议：{measures or '请市指挥部研究制定统一政策措施'}。"))
        bars.append(Bar(ctx.labels.focus(code), len(units)))
    if bars:
        body.insert(1, Block("chart", chart=Chart("共性问题涉及单位数", tuple(bars))))
    return ctx.memo(
        "special",
        f"关于{period}督查发现共性问题及建议的报告",
        "",
        body,
        masthead="督查专报",
        issue=issue_number(request.number),
        cc="报送：市疫情防控指挥部。",
        copies="（共印10份）",
        data={"common": len(common), "areas": len(by_focus)},
    )


def referral(repo: Index, request: Request, calendar: WorkCalendar, recipient: str) -> Memo | None:
    """问题线索移交函 to the discipline commission or the police; None when nothing to refer."""
    ctx = _Context(repo, request, calendar)
    items = [(v, f) for v, f in ctx.findings() if recipient in f.dispositions]
    if not items:
        return None
    body: list[Block] = [
        para(
            f"督查组在督查中发现以下问题线索，依规移交你{'委' if recipient == 'discipline' else '局'}处理："
        )
    ]
    for index, (visit, finding) in enumerate(items):
        evidence = "、".join(finding.files)
        body += [
            heading(1, index, finding.description.rstrip("。")),
            para(
                f"发现时间：{cn_date(visit.date)}。地点：{ctx.unit_name(finding.unit)}"
                f"{f'（{finding.place}）' if finding.place else ''}。"
            ),
            para(
                f"责任人（单位）：{finding.responsible or '待核实'}。督查记录：{visit.id}，问题编号{finding.id}。"
            ),
        ]
        if evidence:
            body.append(para(f"现有证据材料：{evidence}。"))
            shown = photos_of(finding.files)
            if shown is not None:
                body.append(shown)
    contact = repo.settings.organization.contact or repo.settings.organization.office
    body.append(para(f"请将处理结果及时反馈督查组。联系人：{contact}。"))
    return ctx.memo(
        "referral",
        "问题线索移交函",
        f"{RECIPIENTS[recipient]}：",
        body,
        data={"recipient": recipient, "findings": len(items)},
        # 信函格式 (GB/T 9704 §10.1): the organ's name as the mark, no 印发机关 or 印发日期
        mark=repo.settings.organization.mark.removesuffix("文件")
        or repo.settings.organization.name,
        printed_by="",
        printed_on="",
    )


def brief(repo: Index, request: Request, calendar: WorkCalendar) -> Memo | None:
    """督查日报: one day's visits and findings, for the evening report; None on a day without."""
    day = request.as_of
    ctx = _Context(repo, Request(day, day, day, request.number, request.fonts), calendar)
    if not ctx.visits:
        return None
    pairs = ctx.findings()
    on_spot = sum(f.fixed_on_spot for _, f in pairs)
    body: list[Block] = [
        para(
            f"{cn_date(day)}，各督查组共开展督查{len(ctx.visits)}次，其中暗访{sum(v.unannounced for v in ctx.visits)}次，"
            f"发现问题{len(pairs)}个{f'，当场整改{on_spot}个' if on_spot else ''}。"
        ),
    ]
    for index, visit in enumerate(ctx.visits):
        team = repo.teams.get(visit.team)
        units = "、".join(ctx.unit_name(u) for u in visit.units)
        body.append(heading(1, index, f"{team.name if team else visit.team}：{units}"))
        methods = how_words(visit.methods)
        body.append(para(f"督查方式：{methods or '—'}。{visit.summary}"))
        body += [para(f"{n}. {f.description}") for n, f in enumerate(visit.findings, 1)]
        body += [para(f"典型：{e.description}") for e in visit.exemplars]
    return ctx.memo(
        "brief",
        f"{cn_date(day)}督查日报",
        "",
        body,
        masthead="督查日报",
        issue=issue_number(request.number),
        cc="报送：市疫情防控指挥部领导。",
        data={"visits": len(ctx.visits), "findings": len(pairs)},
    )
