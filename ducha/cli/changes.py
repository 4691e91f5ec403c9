"""Commands over git history: diff, log."""

from __future__ import annotations

import sys
from enum import StrEnum
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
from ducha.errors import UserError
from ducha.outputs.i18n import text

if TYPE_CHECKING:
    from ducha.domain.review import Review
    from ducha.outputs.labels import Labels


class ReviewFormat(StrEnum):
    """Output forms of diff and log."""

    text = "text"
    md = "md"
    json = "json"


@app.command(cls=DuchaCommand)
def diff(
    ctx: typer.Context,
    rev_range: Annotated[
        str | None,
        typer.Argument(
            metavar="[REV_RANGE]",
            help=h("如 main..feature、HEAD~3..HEAD；默认：工作区（含暂存）对 HEAD。"),
        ),
    ] = None,
    output: Annotated[
        ReviewFormat, typer.Option("--format", "-f", help=h("text｜md（贴到合并请求）｜json。"))
    ] = ReviewFormat.text,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help=h("按哪天推算状态和期限（默认今天）。"))
    ] = None,
) -> None:
    """以督查的语言说明改动：新增/删除的督查和问题、状态变化、期限延长或改到过去、回访结果等。"""
    import os

    from ducha.cli.kept import replayed
    from ducha.outputs.labels import Labels
    from ducha.store.history import diff_sides, review
    from ducha.store.load import load_records
    from ducha.store.vcs import Git

    settings, lang = open_repo(ctx)
    base, target = _range(rev_range)
    day = parse_date(as_of) or cli.today()
    if settings.is_hub:  # between two syncs: each source at the commits the locks name
        from ducha.store.hub_history import hub_review

        shown = target or text("diff-working-tree", lang)
        found = hub_review(settings, parse_cache(ctx, settings), day, base, target, shown)
        _print_review(output, found, Labels(settings, lang))
        return
    git = Git(settings.root)
    # the key covers the commits the names point at now besides the records; what git
    # tracks is no part of it: an untracked file counts as a tracked one does
    with replayed(ctx, [git.commit(base), git.commit(target) if target else None]):
        scanned = ctx.meta.get("ducha.scans", {}).get(settings.root)
        cache = parse_cache(ctx, settings)
        current = load_records(settings, cache, os.cpu_count() or 1, scanned=scanned)
        sides = diff_sides(current, git, base, target)
        result = review(sides, day, base, target or text("diff-working-tree", lang))
        _print_review(output, result, Labels(sides.new.index.settings, lang))


def _print_review(output: ReviewFormat, result: Review, labels: Labels) -> None:
    from ducha.outputs.review import review_json, review_text

    if output is ReviewFormat.json:
        typer.echo(review_json(result, labels))
    else:
        sys.stdout.write(review_text(result, labels, markdown=output is ReviewFormat.md))


def _range(rev_range: str | None) -> tuple[str, str]:
    """``A..B`` as (A, B); a single revision A as (A, "": the working tree)."""
    if rev_range is None:
        return "HEAD", ""
    if "..." in rev_range:
        raise UserError("bad-revision", rev=rev_range)
    base, dots, target = rev_range.partition("..")
    if not dots:
        return base, ""
    return base or "HEAD", target or "HEAD"


@app.command(cls=DuchaCommand)
def log(
    ctx: typer.Context,
    record_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help=h("督查编号、问题编号（督查编号/序号）、单位或督查组编号。"),
            autocompletion=complete.records,
        ),
    ],
    output: Annotated[
        ReviewFormat, typer.Option("--format", "-f", help="text｜md｜json。")
    ] = ReviewFormat.text,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help=h("按哪天推算状态和期限（默认今天）。"))
    ] = None,
) -> None:
    """一条记录在 git 中的历史：每次提交的日期、作者、说明和字段级改动（谁在何时销号）。"""
    import os

    from ducha.outputs.formats import document
    from ducha.outputs.labels import Labels
    from ducha.outputs.review import item_dict, line
    from ducha.store.history import log_of
    from ducha.store.load import Loaded, load_records
    from ducha.store.vcs import Git

    settings, lang = open_repo(ctx)
    cache = parse_cache(ctx, settings)
    if settings.is_hub:  # a source's record: its history is in the source's git
        from ducha.store.hub import source_of_id

        within = source_of_id(settings, cache, record_id)
        if within is None or within[0].settings is None or within[0].cache is None:
            raise UserError(text("unknown-id", lang, id=record_id))
        part, record_id = within
        settings, cache = within[0].settings, within[0].cache
        shown = text("log-in-source", lang, name=part.source.name, path=part.mount)
        console_for(ctx, stderr=True).print(shown, style="dim", highlight=False)
    git = Git(settings.root)
    day = parse_date(as_of) or cli.today()

    def current() -> Loaded:
        return load_records(settings, cache, os.cpu_count() or 1)

    found = log_of(settings, git, record_id, day, current, cache)
    labels = Labels(settings, lang)
    if found is None:
        raise UserError(text("unknown-id", lang, id=record_id))
    entries, shallow = found
    if output is ReviewFormat.json:
        commits = [
            {
                "commit": e.commit.sha,
                "author": e.commit.author,
                "date": e.commit.date.isoformat(),
                "message": e.commit.subject,
                "changes": [item_dict(i, labels) for i in e.items],
            }
            for e in entries
        ]
        typer.echo(document({"id": record_id, "shallow": shallow}, {"commits": commits}))
        return
    markdown = output is ReviewFormat.md
    lines = [
        ("### " if markdown else "")
        + text("log-title", lang, subject=record_id, count=len(entries))
    ]
    for entry in entries:
        commit = entry.commit
        head = f"{commit.date:%Y-%m-%d %H:%M}  {commit.author}  {commit.sha[:8]}  {commit.subject}"
        lines += ["", f"**{head}**" if markdown else head]
        lines += [("- " if markdown else "    ") + line(item, labels) for item in entry.items]
    from ducha.outputs.visible import visible

    sys.stdout.write(visible("\n".join(lines)) + "\n")
    if shallow:
        console_for(ctx, stderr=True).print(
            text("log-shallow", lang), style="yellow", highlight=False
        )
