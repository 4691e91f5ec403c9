"""Commands that create records: init, new visit|unit|team."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ducha import cli
from ducha.cli import (
    DuchaCommand,
    app,
    complete,
    console_for,
    h,
    open_repo,
    parse_cache,
    parse_date,
)
from ducha.cli.helpformat import DuchaGroup
from ducha.domain.settings import Lang
from ducha.domain.vocab import METHODS
from ducha.outputs.i18n import text

if TYPE_CHECKING:
    from ducha.domain.index import Index

new_app = typer.Typer(
    cls=DuchaGroup,
    help=h("新建督查记录、被督查单位或督查组；已有文件从不覆盖。"),
    no_args_is_help=True,
)
app.add_typer(new_app, name="new")

CommitOption = Annotated[
    bool, typer.Option("--commit", help=h("只把新建的文件提交到 git（不加则不碰暂存区）。"))
]


def _commit(ctx: typer.Context, root: Path, paths: list[Path], message: str, lang: Lang) -> None:
    from ducha.store.vcs import Git

    sha = Git(root).add_and_commit(paths, message)
    console_for(ctx, stderr=True).print(text("committed", lang, sha=sha[:8]), highlight=False)


@app.command(cls=DuchaCommand)
def init(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help=h("新记录仓库的目录（不存在则创建）。"))],
    name: Annotated[
        str, typer.Option("--name", help=h("督查组织名称，写入 ducha.yaml。"))
    ] = "督查组",
    commit: CommitOption = False,
) -> None:
    """新建记录仓库：git init、带注释的 ducha.yaml、units/teams、templates/、pre-commit 配置。"""
    from ducha.store.create import init_repository, installed_requirement

    lang = ctx.obj.early_lang()
    written = init_repository(path, name, lang, installed_requirement())
    console = console_for(ctx)
    console.print(text("init-done", lang, path=path), highlight=False)
    for file in written:
        console.print(f"  {file.relative_to(path)}", highlight=False)
    if commit:
        _commit(ctx, path, written, text("init-message", lang), lang)


@new_app.command("visit", cls=DuchaCommand)
def new_visit(
    ctx: typer.Context,
    team: Annotated[
        str, typer.Option("--team", help=h("督查组编号。"), autocompletion=complete.teams)
    ],
    unit: Annotated[
        list[str] | None,
        typer.Option("--unit", help=h("被督查单位编号（可多次）。"), autocompletion=complete.units),
    ] = None,
    date: Annotated[str | None, typer.Option("--date", help=h("督查日期（默认今天）。"))] = None,
    method: Annotated[
        list[str] | None,
        typer.Option("--method", help=h("督查方式（可多次），如 暗访、专项督查。")),
    ] = None,
    returns_to: Annotated[
        str | None,
        typer.Option(
            "--returns-to",
            help=h("回访（杀回马枪）哪次督查：列出其未销号的问题，回访后逐条填结果。"),
            autocompletion=complete.records,
        ),
    ] = None,
    commit: CommitOption = False,
) -> None:
    """新建一次督查的记录骨架（新编号、放进正确的目录），打印其路径。"""
    from ducha.store.create import NewVisit
    from ducha.store.create import new_visit as create_visit
    from ducha.store.load import load_records

    settings, lang = open_repo(ctx)
    repo = load_records(settings, parse_cache(ctx, settings)).index
    day = parse_date(date) or cli.today()
    if returns_to is not None:
        methods = tuple(method or [METHODS.get("return").zh])
        path = _new_return_visit(ctx, repo, returns_to, (day, team), methods, lang)
    else:
        if not unit:
            raise typer.BadParameter(text("unit-needed", lang), param_hint="--unit")
        methods = tuple(method or ["综合督查", "明查", "常规检查"])
        path = create_visit(repo, NewVisit(team, tuple(unit), day, methods))
    typer.echo(path.relative_to(settings.root).as_posix())
    if commit:
        _commit(ctx, settings.root, [path], text("new-visit-message", lang, id=path.stem), lang)


def _new_return_visit(
    ctx: typer.Context,
    repo: Index,
    origin: str,
    when: tuple[dt.date, str],
    methods: tuple[str, ...],
    lang: Lang,
) -> Path:
    """A return visit listing the origin's open findings, their results left to fill in."""
    from ducha.domain.workdays import WorkCalendar
    from ducha.store.edit import apply
    from ducha.store.recording import prefilled_return

    day, team = when
    edit = prefilled_return(repo, origin, day, team, methods, WorkCalendar(repo.settings.calendar))
    apply(repo.root, edit)
    count = edit.after.count("  - finding: ")
    console_for(ctx, stderr=True).print(text("fill-results", lang, count=count), highlight=False)
    return repo.root / edit.path


@new_app.command("unit", cls=DuchaCommand)
def new_unit(
    ctx: typer.Context,
    unit_id: Annotated[str, typer.Option("--id", help=h("单位编号，如 CD-SQ-04。"))],
    name: Annotated[str, typer.Option("--name", help=h("单位名称。"))],
    district: Annotated[str, typer.Option("--district", help=h("所在区县。"))],
    kind: Annotated[
        str, typer.Option("--kind", help=h("类型：城市社区、农村村庄、企业、医疗机构……"))
    ],
    commit: CommitOption = False,
) -> None:
    """在 units.yaml 末尾添加一个被督查单位（保留原有注释）。"""
    row: dict[str, object] = {"id": unit_id, "name": name, "district": district, "kind": kind}
    _append_row(ctx, "units", row, "new-unit-message", commit=commit)


@new_app.command("team", cls=DuchaCommand)
def new_team(
    ctx: typer.Context,
    team_id: Annotated[str, typer.Option("--id", help=h("督查组编号，如 T6。"))],
    name: Annotated[str, typer.Option("--name", help=h("督查组名称。"))],
    leader: Annotated[str, typer.Option("--leader", help=h("组长。"))],
    member: Annotated[
        list[str] | None, typer.Option("--member", help=h("成员（可多次）。"))
    ] = None,
    commit: CommitOption = False,
) -> None:
    """在 teams.yaml 末尾添加一个督查组（保留原有注释）。"""
    row: dict[str, object] = {"id": team_id, "name": name, "leader": leader}
    if member:
        row["members"] = list(member)
    _append_row(ctx, "teams", row, "new-team-message", commit=commit)


def _append_row(
    ctx: typer.Context, kind: str, row: dict[str, object], message: str, *, commit: bool
) -> None:
    """Add a unit or team to units.yaml or teams.yaml."""
    from ducha.store.create import append_row
    from ducha.store.load import load_records

    settings, lang = open_repo(ctx)
    repo = load_records(settings, parse_cache(ctx, settings)).index
    path = append_row(repo, kind, row)
    typer.echo(path.relative_to(settings.root).as_posix())
    if commit:
        _commit(ctx, settings.root, [path], text(message, lang, id=row["id"]), lang)
