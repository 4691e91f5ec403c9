"""A hub's commands: sources (list), sources sync, site."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from ducha import cli
from ducha.cli import DuchaCommand, app, console_for, h, open_repo, say
from ducha.cli.helpformat import DuchaGroup
from ducha.errors import UserError
from ducha.outputs.i18n import text

sources_app = typer.Typer(
    cls=DuchaGroup,
    help=h("汇总库的来源：列出各来源及其提交（sync：用 git 拉取各来源）。"),
    invoke_without_command=True,
)
app.add_typer(sources_app, name="sources")


@sources_app.callback()
def sources(ctx: typer.Context) -> None:
    """List the hub's sources (the group's help is its ``help=``, in both languages)."""
    if ctx.invoked_subcommand is not None:
        return
    from ducha.outputs.console.sources import print_sources
    from ducha.outputs.labels import Labels
    from ducha.store.hub import listing

    settings, lang = open_repo(ctx)
    if not settings.is_hub:
        raise UserError(text("sources-none", lang))
    print_sources(console_for(ctx), listing(settings), Labels(settings, lang))


@sources_app.command(cls=DuchaCommand)
def sync(
    ctx: typer.Context,
    commit: Annotated[
        bool, typer.Option("--commit", help=h("把更新后的 sources.lock 提交到汇总库的 git。"))
    ] = False,
) -> None:
    """用 git 拉取每个来源（浅克隆、只取一个分支），并把各来源的提交写入 sources.lock。"""
    from ducha.outputs.hub import synced_line
    from ducha.outputs.labels import Labels
    from ducha.store.hub import listing
    from ducha.store.sync import lock_path, lock_text
    from ducha.store.sync import sync as fetch
    from ducha.store.writing import locked, replace_file

    settings, lang = open_repo(ctx)
    if not settings.is_hub:
        raise UserError(text("sources-none", lang))
    labels = Labels(settings, lang)
    with locked(settings.root):  # two clerks syncing at once would race on each clone
        done = fetch(settings)
        for row in done:
            say(ctx, synced_line(row, labels), "red" if row.outcome == "failed" else "")
        origins = [row.origin for row in listing(settings) if row.origin is not None]
        path = lock_path(settings)
        replace_file(path, lock_text(origins, cli.now()))
    say(ctx, text("sync-written", lang, path=path.name), "dim")
    if commit:
        from ducha.store.vcs import Git

        sha = Git(settings.root).add_and_commit([path], text("sync-message", lang))
        say(ctx, text("committed", lang, sha=sha[:8]), "dim")
    if any(row.outcome == "failed" for row in done):
        raise typer.Exit(cli.EXIT_PROBLEMS)


@app.command(cls=DuchaCommand)
def site(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("--output", "-o", help=h("站点目录（静态网页）。"))],
    as_of: Annotated[
        str | None, typer.Option("--as-of", help=h("以哪天为准（YYYY-MM-DD，默认今天）。"))
    ] = None,
    internal: Annotated[
        bool,
        typer.Option("--internal", help=h("内部版：含人员姓名、计划和暗访回访、反馈与回访说明。")),
    ] = False,
    force: Annotated[bool, typer.Option("--force", help=h("目录里已有别的内容时也写入。"))] = False,
) -> None:
    """生成督查看板静态站点：红绿灯、趋势、整改率排名、超期清单、每个单位和问题一页，可离线打开。"""
    from ducha.cli import parse_cache, parse_date, usable_records
    from ducha.outputs.site_build import build_site
    from ducha.store.files import Scan
    from ducha.store.hub import record_roots
    from ducha.store.pipeline import usable_source
    from ducha.store.site import site_folder_ok

    settings, lang = open_repo(ctx)
    if not site_folder_ok(output, record_roots(settings), force=force):  # before the work
        raise UserError(text("site-not-ours", lang, path=output))
    cache, scans = parse_cache(ctx, settings), dict[Path, Scan]()
    ctx.meta["ducha.scans"] = scans  # the records as this run reads them, for their states
    written = build_site(
        settings,
        cache,
        output,
        lambda unread: usable_records(ctx, settings, lang, unread),
        lambda name: usable_source(settings, cache, cli.today(), name, scans),
        today=cli.today(),
        as_of=parse_date(as_of) or cli.today(),
        lang=lang,
        internal=internal,
        force=force,
        scans=scans,
        workers=os.cpu_count() or 1,
    )
    if written is None:
        raise UserError(text("site-not-ours", lang, path=output))
    say(ctx, text("site-written", lang, path=output, pages=written.pages), "green")
    if written.kept:
        say(ctx, text("site-kept", lang, pages=written.kept), "dim")
