"""Planning commands: schedule (杀回马枪)."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ducha import cli
from ducha.cli import (
    DuchaCommand,
    app,
    complete,
    console_for,
    h,
    open_repo,
    parse_date,
    usable_records,
)
from ducha.outputs.i18n import text


class ChaseFormat(StrEnum):
    """Output forms of ``chase``."""

    table = "table"
    md = "md"
    json = "json"


class ChaseBy(StrEnum):
    """Whom ``chase`` groups by."""

    unit = "unit"
    team = "team"
    responsible = "responsible"


@app.command(cls=DuchaCommand)
def chase(
    ctx: typer.Context,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help=h("以哪天为准（YYYY-MM-DD，默认今天）。"))
    ] = None,
    by: Annotated[
        ChaseBy,
        typer.Option("--by", help=h("按谁催：unit 单位｜team 督查组｜responsible 责任人。")),
    ] = ChaseBy.unit,
    district: Annotated[
        str | None,
        typer.Option("--district", help=h("只看该区县。"), autocompletion=complete.districts),
    ] = None,
    output: Annotated[
        ChaseFormat,
        typer.Option("--format", "-f", help=h("输出格式：table｜md（直接贴进工作群）｜json。")),
    ] = ChaseFormat.table,
    fail_if_red: Annotated[
        bool,
        typer.Option("--fail-if-red", help=h("有超期（红灯）时返回 1，供每天早上的定时任务使用。")),
    ] = False,
) -> None:
    """今天该催谁（催办）：按单位列出超期、即将到期、反馈后久未核验的问题和联系人；内部使用。"""
    from ducha.domain.chase import Urgency
    from ducha.domain.chase import chase as make_chase
    from ducha.domain.overdue import Filters
    from ducha.domain.workdays import WorkCalendar

    settings, lang = open_repo(ctx)
    day = parse_date(as_of) or cli.today()
    repo = usable_records(ctx, settings, lang)
    calendar = WorkCalendar(settings.calendar)
    found = make_chase(repo, day, calendar, by.value, Filters(district=district))
    if output is ChaseFormat.json:
        from ducha.outputs.chase import chase_json

        typer.echo(chase_json(found, repo, calendar))
    elif output is ChaseFormat.md:
        from ducha.outputs.chase import chase_markdown

        sys.stdout.write(chase_markdown(found, lang))
    else:
        from ducha.outputs.console.chase import print_chase
        from ducha.outputs.labels import Labels

        print_chase(console_for(ctx), found, Labels(settings, lang))
    raise typer.Exit(1 if fail_if_red and found.count(Urgency.OVERDUE) else 0)


class ScheduleFormat(StrEnum):
    """Output forms of ``schedule``."""

    table = "table"
    json = "json"


@app.command(cls=DuchaCommand)
def schedule(
    ctx: typer.Context,
    start: Annotated[
        str | None, typer.Option("--from", help=h("窗口起始日（YYYY-MM-DD，默认今天）。"))
    ] = None,
    days: Annotated[
        int, typer.Option("--days", min=1, max=366, help=h("窗口天数（日历日；只排工作日）。"))
    ] = 14,
    seed: Annotated[
        int | None, typer.Option("--seed", help=h("随机种子：同一种子、同一记录得到同一安排。"))
    ] = None,
    capacity: Annotated[
        int | None,
        typer.Option(
            "--capacity", min=1, help=h("每组每个工作日最多回访几家（默认取 ducha.yaml）。")
        ),
    ] = None,
    output: Annotated[
        ScheduleFormat, typer.Option("--format", "-f", help=h("输出格式：table|json。"))
    ] = ScheduleFormat.table,
    ics: Annotated[
        Path | None,
        typer.Option("--ics", help=h("另写一个 iCalendar 文件（每次回访一个私密事件）。")),
    ] = None,
    write: Annotated[
        bool,
        typer.Option(
            "--write", help=h("把安排写成计划督查记录（status: planned），不覆盖已有文件。")
        ),
    ] = False,
    names: Annotated[
        bool,
        typer.Option(
            "--ics-names", help=h("日历事件写出单位名称和问题（默认不写：日历常与他人共享）。")
        ),
    ] = False,
    force: Annotated[bool, typer.Option("--force", help=h("替换已存在的 --ics 文件。"))] = False,
) -> None:
    """安排杀回马枪：在窗口内的工作日里，不可预测又可重现地安排回访，并说明每一次的事由。"""
    import secrets

    from ducha.domain.schedule import plan as make_plan
    from ducha.domain.workdays import WorkCalendar

    settings, lang = open_repo(ctx)
    first = parse_date(start) or cli.today()
    chosen = seed if seed is not None else secrets.randbelow(1_000_000)
    repo = usable_records(ctx, settings, lang)
    proposal = make_plan(repo, first, days, chosen, WorkCalendar(settings.calendar), capacity)
    if output is ScheduleFormat.json:
        from ducha.outputs.schedule import plan_json

        typer.echo(plan_json(proposal, repo))
    else:
        from ducha.outputs.console.schedule import print_plan
        from ducha.outputs.labels import Labels

        print_plan(console_for(ctx), proposal, repo, Labels(settings, lang))
    notes = console_for(ctx, stderr=True)
    if ics is not None:
        from ducha.outputs.schedule import plan_ics
        from ducha.store.writing import write_output

        stamp = cli.now()
        calendar = plan_ics(proposal, repo, lang, stamp, names=names)
        write_output(ics, calendar, settings.root, force=force)
        notes.print(
            text("ics-written", lang, path=ics, count=len(proposal.visits)), highlight=False
        )
    if write:
        from ducha.outputs.schedule import write_planned

        for path in write_planned(proposal, repo, lang):
            notes.print(
                text("written", lang, path=path.relative_to(settings.root)), highlight=False
            )
