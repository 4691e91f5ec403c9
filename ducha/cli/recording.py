"""Commands that record what happened to a finding: report-back, check."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ducha import cli
from ducha.cli import DuchaCommand, app, complete, console_for, h, open_repo, parse_date
from ducha.domain.settings import Lang, Settings
from ducha.outputs.i18n import text

if TYPE_CHECKING:
    from ducha.domain.index import Index
    from ducha.store.edit import Edit  # the round-trip editor loads only when a record is edited

DryRunOption = Annotated[
    bool, typer.Option("--dry-run", "-n", help=h("只显示将作的改动，什么也不写。"))
]
CommitOption = Annotated[
    bool, typer.Option("--commit", help=h("把改动的文件（和复制进来的佐证材料）提交到 git。"))
]
NoteOption = Annotated[str, typer.Option("--note", help=h("情况说明。"))]
FindingArgument = Annotated[
    str,
    typer.Argument(
        metavar="FINDING", help=h("问题编号，如 20200205-2vs/1。"), autocompletion=complete.records
    ),
]


def _records(ctx: typer.Context) -> tuple[Settings, Lang, Index]:
    from ducha.store.load import load_records

    settings, lang = open_repo(ctx)
    return settings, lang, load_records(settings, cli.parse_cache(ctx, settings)).index


def _finish(
    ctx: typer.Context,
    settings: Settings,
    lang: Lang,
    edit: Edit,
    *,
    dry_run: bool,
    commit: str | None,
) -> None:
    """Show the edit, write it unless a dry run, and commit what it wrote if asked."""
    from ducha.outputs.console.edits import print_edit
    from ducha.store.edit import apply

    if not dry_run:
        apply(settings.root, edit)
    print_edit(console_for(ctx), edit, lang, dry_run=dry_run)
    if commit is not None and not dry_run:
        from ducha.store.vcs import Git

        paths = [settings.root / edit.path]
        paths += [settings.root / c.recorded for c in edit.copies if c.source is not None]
        sha = Git(settings.root).add_and_commit(paths, commit)
        console_for(ctx, stderr=True).print(text("committed", lang, sha=sha[:8]), highlight=False)


@app.command("report-back", cls=DuchaCommand)
def report_back(
    ctx: typer.Context,
    finding: FindingArgument,
    date: Annotated[str | None, typer.Option("--date", help=h("反馈日期（默认今天）。"))] = None,
    evidence: Annotated[
        list[Path] | None,
        typer.Option(
            "--evidence",
            "-e",
            help=h("佐证材料（可多次）；仓库外的文件复制到 evidence/督查编号/，记下 SHA-256。"),
        ),
    ] = None,
    note: NoteOption = "",
    dry_run: DryRunOption = False,
    commit: CommitOption = False,
) -> None:
    """记录单位的整改反馈：写进原督查记录，保留注释和字段顺序。"""
    from ducha.store.recording import report_back as plan_report

    settings, lang, repo = _records(ctx)
    day = parse_date(date) or cli.today()
    edit = plan_report(repo, finding, day, list(evidence or []), note, cli.today())
    message = text("report-back-message", lang, id=finding.strip())
    _finish(ctx, settings, lang, edit, dry_run=dry_run, commit=message if commit else None)


@app.command("check", cls=DuchaCommand)
def check(
    ctx: typer.Context,
    finding: Annotated[
        str,
        typer.Argument(
            metavar="FINDING",
            help=h("被回访的问题编号，如 20200205-2vs/1。"),
            autocompletion=complete.records,
        ),
    ],
    result: Annotated[
        str, typer.Argument(metavar="RESULT", help=h("回访结果：整改到位｜未整改到位｜反弹。"))
    ],
    visit: Annotated[
        str | None,
        typer.Option(
            "--visit", help=h("记在哪次回访（督查编号）；计划中的回访记上结果即为已完成。")
        ),
    ] = None,
    date: Annotated[
        str | None, typer.Option("--date", help=h("回访日期：记在当天该单位的回访，没有则新建。"))
    ] = None,
    team: Annotated[
        str | None,
        typer.Option(
            "--team", help=h("回访的督查组（新建回访时必填）。"), autocompletion=complete.teams
        ),
    ] = None,
    method: Annotated[
        list[str] | None,
        typer.Option("--method", help=h("新建回访的督查方式（默认 杀回马枪）。")),
    ] = None,
    evidence: Annotated[
        list[Path] | None,
        typer.Option(
            "--evidence", "-e", help=h("回访时拍的照片等（可多次），复制进仓库并记下 SHA-256。")
        ),
    ] = None,
    note: NoteOption = "",
    deadline: Annotated[
        str,
        typer.Option(
            "--deadline", help=h("未整改到位或反弹时的新期限：日期、N个工作日或立行立改。")
        ),
    ] = "",
    dry_run: DryRunOption = False,
    commit: CommitOption = False,
) -> None:
    """记录回访（杀回马枪）结果：加到当天的回访记录，没有就新建一个。"""
    from ducha.store.recording import Verdict, Where, record_check

    settings, lang, repo = _records(ctx)
    if visit is None and date is None:
        date = cli.today().isoformat()
    where = Where(visit or "", parse_date(date), team or "", tuple(method or ()))
    verdict = Verdict(finding, result, note, deadline, tuple(evidence or ()))
    edit = record_check(repo, verdict, where, cli.today())
    message = text("check-message", lang, id=finding.strip(), result=result)
    _finish(ctx, settings, lang, edit, dry_run=dry_run, commit=message if commit else None)


@app.command("attach", cls=DuchaCommand)
def attach(
    ctx: typer.Context,
    finding: FindingArgument,
    files: Annotated[
        list[Path], typer.Argument(metavar="FILE...", help=h("督查时拍的照片、扫描件、录音等。"))
    ],
    dry_run: DryRunOption = False,
    commit: CommitOption = False,
) -> None:
    """给问题附上督查现场的佐证材料：复制到 evidence/督查编号/，记下 SHA-256，核对照片拍摄日期。"""
    from ducha.store.recording import attach as plan_attach

    settings, lang, repo = _records(ctx)
    edit = plan_attach(repo, finding, list(files))
    message = text("attach-message", lang, id=finding.strip())
    _finish(ctx, settings, lang, edit, dry_run=dry_run, commit=message if commit else None)
