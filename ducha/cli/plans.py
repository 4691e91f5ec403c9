"""Planning commands: schedule (杀回马枪)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ducha import cli
from ducha.cli import (
    DuchaCommand,
    app,
    console_for,
    h,
    open_repo,
    parse_date,
    usable_records,
)
from ducha.outputs.i18n import text


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
