"""督办单 (reminder) to one unit: red for what is overdue, yellow for what falls due soon.

Built from the chase (``domain/chase.py``), so a reminder names what ``ducha chase`` and
``ducha overdue`` list for the unit, no more and no less; a report waiting for its return
visit is the office's to chase, not the unit's, and stays out.
"""

from __future__ import annotations

from ducha.domain.chase import Urgency, chase
from ducha.domain.index import Index
from ducha.domain.overdue import Filters
from ducha.domain.workdays import WorkCalendar
from ducha.outputs.report.build import Request, _Context, heading, masked, para
from ducha.outputs.report.model import Block, Memo
from ducha.outputs.report.words import cn_date, days_words

_LIGHT = {Urgency.OVERDUE: "红色", Urgency.DUE: "黄色"}


def reminder(repo: Index, request: Request, calendar: WorkCalendar, unit: str) -> Memo | None:
    """督办单 to ``unit`` as of the request's day; None when nothing of it is red or yellow."""
    found = chase(repo, request.as_of, calendar, "unit", Filters(unit=unit))
    items = [
        i for p in found.parties for i in p.items if i.urgency in (Urgency.OVERDUE, Urgency.DUE)
    ]
    if not items:
        return None
    ctx = _Context(repo, request, calendar)
    red = any(i.urgency is Urgency.OVERDUE for i in items)
    light = _LIGHT[Urgency.OVERDUE if red else Urgency.DUE]
    hide = (lambda words: words) if request.include_personal else masked
    dates = days_words(sorted({i.status.visit.date for i in items}))
    yellow = any(i.urgency is Urgency.DUE for i in items)
    state = (
        "已超过或即将到达整改期限"
        if red and yellow
        else "已超过整改期限仍未整改到位"
        if red
        else "整改期限将至"
    )
    body: list[Block] = [
        para(f"{dates}督查发现你单位的下列问题{state}，现予{light}督办："),
        heading(1, 0, "督办事项"),
    ]
    limits = []
    for index, item in enumerate(items):
        finding, deadline = item.status.finding, item.status.deadline
        place = f"（{hide(finding.place)}）" if finding.place else ""
        body.append(heading(2, index, f"{hide(finding.description).rstrip('。')}{place}"))
        assert deadline is not None  # red and yellow findings have one
        if item.urgency is Urgency.OVERDUE:
            limit = calendar.add(request.as_of, max(repo.settings.immediate_days, 1))
            words = (
                f"【红色】原定整改期限{cn_date(deadline)}，已超期{item.days}个工作日，"
                f"限{cn_date(limit)}前整改到位。"
            )
        else:
            limit = deadline
            left = f"还剩{item.days}个工作日" if item.days else "今日到期"
            words = f"【黄色】整改期限{cn_date(deadline)}，{left}，请按期整改到位。"
        limits.append(limit)
        requirement = hide(finding.rectification).rstrip("。")
        body.append(para((f"整改要求：{requirement}。" if requirement else "") + words))
    office = repo.settings.organization.office
    body += [
        heading(1, 1, "办理要求"),
        para(
            f"请按上述期限将整改情况及佐证材料（照片、台账、制度文件等）书面报送{office}，"
            f"最迟不超过{cn_date(max(limits))}；逾期仍未整改到位的，将通报批评并严肃问责。"
        ),
    ]
    name = ctx.unit_name(unit)
    overdue = sum(1 for i in items if i.urgency is Urgency.OVERDUE)
    return ctx.memo(
        "reminder",
        f"{light}督办单",
        f"{name}：",
        body,
        attachments=(
            ctx.problem_table(((i.status.visit, i.status.finding) for i in items), for_unit=True),
        ),
        receipt="签收人：__________　　签收日期：______年____月____日",
        for_unit=True,
        data={
            "unit": unit,
            "unit_name": name,
            "light": "red" if red else "yellow",
            "overdue": overdue,
            "due": len(items) - overdue,
        },
    )
