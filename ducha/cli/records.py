"""Commands that read the records: validate, overdue, show."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ducha import cli
from ducha.cli import (
    EXIT_OK,
    EXIT_PROBLEMS,
    DuchaCommand,
    app,
    complete,
    console_for,
    h,
    open_repo,
    parse_cache,
    parse_date,
    progress_bar,
    say,
    usable_records,
)
from ducha.cli.kept import kept
from ducha.domain.settings import Lang
from ducha.errors import UserError
from ducha.outputs.i18n import text

if TYPE_CHECKING:
    from ducha.domain.settings import Settings


def relative_paths(settings: Settings, paths: list[Path], lang: Lang) -> list[str] | None:
    """Turn PATH arguments into repository-relative file paths (folders expand)."""
    if not paths:
        return None
    root = settings.root.resolve()
    selected: list[str] = []
    for path in paths:
        full = path.resolve()
        if not full.exists():
            raise UserError(text("path-missing", lang, path=path))
        if not full.is_relative_to(root):
            raise UserError(text("path-outside", lang, path=path, root=root))
        files = [full] if full.is_file() else [p for p in full.rglob("*") if p.is_file()]
        selected.extend(f.relative_to(root).as_posix() for f in files)
    return selected


class ValidateFormat(StrEnum):
    """Output forms of ``validate``."""

    text = "text"
    json = "json"
    github = "github"
    gitlab = "gitlab"


@app.command(cls=DuchaCommand)
def validate(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help=h("只报告这些文件或目录中的问题（跨记录规则仍看全部）。")),
    ] = None,
    output: Annotated[
        ValidateFormat,
        typer.Option(
            "--format", "-f", help=h("输出格式：text|json|github|gitlab（GitLab 代码质量报告）。")
        ),
    ] = ValidateFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help=h("有警告也返回 1。"))] = False,
    changed: Annotated[
        bool,
        typer.Option("--changed", help=h("只报告相对 --base（默认 HEAD）改动过的文件中的问题。")),
    ] = False,
    base: Annotated[
        str, typer.Option("--base", help=h("--changed 的比较基准，如 main。"))
    ] = "HEAD",
    staged: Annotated[
        bool, typer.Option("--staged", help=h("只报告已暂存（git add）文件中的问题。"))
    ] = False,
) -> None:
    """校验所有记录：语法、字段、取值、日期、引用、回访与佐证材料，一次报告全部问题。"""
    from ducha.checks.validate import selected
    from ducha.store.pipeline import staged_validation, validation

    settings, lang = open_repo(ctx)
    only = relative_paths(settings, paths or [], lang)
    cache, workers = parse_cache(ctx, settings), os.cpu_count() or 1
    with progress_bar(ctx) as progress:
        if staged:
            from ducha.store.vcs import Git

            result, touched = staged_validation(
                settings, cache, Git(settings.root), cli.today(), workers, progress
            )
        else:
            result = validation(settings, cache, cli.today(), workers, progress)
            touched = None
            if changed:
                from ducha.store.vcs import Git

                changes = Git(settings.root).changes(base)
                touched = [c.path for c in changes if c.status != "D"]
    if touched is not None:
        only = touched if only is None else [p for p in only if p in touched]
    result = selected(result, only)
    if output is ValidateFormat.json:
        from ducha.outputs.formats import validation_json

        typer.echo(validation_json(result, lang, strict=strict))
    elif output is ValidateFormat.github:
        from ducha.outputs.formats import validation_github

        if result.issues:
            typer.echo(validation_github(result, lang, _workspace_base(settings.root)))
    elif output is ValidateFormat.gitlab:
        from ducha.outputs.formats import validation_gitlab

        typer.echo(validation_gitlab(result, lang, _workspace_base(settings.root)))
    else:
        if result.issues:
            from ducha.outputs.console import print_issues

            print_issues(console_for(ctx), result.issues, lang, cli.shown_base(settings.root))
            summary = text(
                "validate-summary",
                lang,
                files=result.files,
                errors=result.errors,
                warnings=result.warnings,
            )
        else:
            summary = text("validate-ok", lang, files=result.files)
        say(ctx, summary, "bold green" if result.ok(strict=strict) else "bold red")
    raise typer.Exit(EXIT_OK if result.ok(strict=strict) else EXIT_PROBLEMS)


def _workspace_base(root: Path) -> str:
    """The records folder within the git work tree: where a forge's annotations point."""
    from ducha.errors import GitError
    from ducha.store.vcs import Git

    try:
        return Git(root).prefix
    except GitError:  # no work tree: the repository's own paths
        return ""


class OverdueFormat(StrEnum):
    """Output forms of ``overdue``."""

    table = "table"
    json = "json"
    csv = "csv"


class GroupBy(StrEnum):
    """Groupings of ``overdue``."""

    unit = "unit"
    district = "district"
    team = "team"
    focus = "focus"
    source = "source"


@app.command(cls=DuchaCommand)
@kept()
def overdue(
    ctx: typer.Context,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help=h("以哪天为准（YYYY-MM-DD，默认今天）。"))
    ] = None,
    within: Annotated[
        int | None,
        typer.Option(
            "--within",
            min=0,
            help=h(
                "同时列出 N 个工作日内到期的（黄灯）；默认取 ducha.yaml（汇总库中各取其来源的）。"
            ),
        ),
    ] = None,
    by: Annotated[
        GroupBy | None,
        typer.Option("--by", help=h("分组小计：unit|district|team|focus|source（汇总库的来源）。")),
    ] = None,
    district: Annotated[
        str | None,
        typer.Option("--district", help=h("只看该区县。"), autocompletion=complete.districts),
    ] = None,
    unit: Annotated[
        str | None,
        typer.Option("--unit", help=h("只看该单位（编号）。"), autocompletion=complete.units),
    ] = None,
    team: Annotated[
        str | None,
        typer.Option("--team", help=h("只看该督查组（编号）。"), autocompletion=complete.teams),
    ] = None,
    severity: Annotated[
        str | None, typer.Option("--severity", help=h("只看该严重程度（编码或名称）。"))
    ] = None,
    output: Annotated[
        OverdueFormat, typer.Option("--format", "-f", help=h("输出格式：table|json|csv。"))
    ] = OverdueFormat.table,
    fail_if_any: Annotated[
        bool, typer.Option("--fail-if-any", help=h("有超期（红灯）时返回 1，供定时提醒任务使用。"))
    ] = False,
) -> None:
    """列出超期（红灯）和临期（黄灯）的整改，以及已反馈待核验的问题；按中国工作日计算。"""
    from ducha.domain.overdue import Filters, overdue_report
    from ducha.domain.workdays import WorkCalendar
    from ducha.outputs.console.overdue import print_overdue
    from ducha.outputs.formats import overdue_csv, overdue_json
    from ducha.outputs.labels import Labels

    settings, lang = open_repo(ctx)
    day = parse_date(as_of) or cli.today()
    level = settings.severity.lookup(severity) if severity else None
    if severity and level is None:
        raise typer.BadParameter(
            text("bad-severity", lang, value=severity, choices=settings.severity.choices()),
            param_hint="--severity",
        )
    filters = Filters(district, unit, team, level.code if level else None)
    repo = usable_records(ctx, settings, lang)
    calendar = WorkCalendar(settings.calendar)
    report = overdue_report(repo, day, within, calendar, filters)
    if output is OverdueFormat.json:
        typer.echo(overdue_json(report, repo, calendar))
    elif output is OverdueFormat.csv:
        sys.stdout.write(overdue_csv(report, repo, lang, calendar))
    else:
        labels = Labels(repo.settings, lang)
        print_overdue(console_for(ctx), report, repo, labels, by.value if by else None)
        cli.say_origins(ctx, repo, labels)
    raise typer.Exit(EXIT_PROBLEMS if fail_if_any and report.red else EXIT_OK)


@app.command(cls=DuchaCommand)
@kept()
def show(
    ctx: typer.Context,
    record_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help=h("督查编号、问题编号（督查编号/序号）或单位编号。"),
            autocompletion=complete.records,
        ),
    ],
    as_of: Annotated[
        str | None, typer.Option("--as-of", help=h("以哪天为准（YYYY-MM-DD，默认今天）。"))
    ] = None,
) -> None:
    """显示一次督查、一个问题或一个单位的全部情况，含状态、期限和回访经过。"""
    from ducha.domain.show import describe
    from ducha.domain.workdays import WorkCalendar
    from ducha.outputs.console.show import print_view
    from ducha.outputs.labels import Labels

    settings, lang = open_repo(ctx)
    repo = usable_records(ctx, settings, lang)
    day = parse_date(as_of) or cli.today()
    calendar = WorkCalendar(settings.calendar)
    view = describe(repo, record_id, day, calendar)
    if view is None:
        raise UserError(text("unknown-id", lang, id=record_id))
    labels = Labels(repo.settings, lang)
    print_view(console_for(ctx), view, labels)
    cli.say_origins(ctx, repo, labels)
