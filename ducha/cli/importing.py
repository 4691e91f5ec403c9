"""The import command: a 台账 from Excel, WPS or a CSV file turned into records."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ducha import cli
from ducha.cli import DuchaCommand, app, console_for, h, open_repo, shown_base
from ducha.domain.settings import Lang
from ducha.outputs.i18n import text

if TYPE_CHECKING:
    from ducha.domain.index import Index
    from ducha.store.importing import ImportPlan
    from ducha.store.sheets import Table


def _import_form(
    ctx: typer.Context,
    repo: Index,
    table: Table,
    named: tuple[str, Lang],
    *,
    dry_run: bool,
    commit: bool,
) -> None:
    """Record the report-backs of a returned rectification form, or say which rows are wrong."""
    from ducha.outputs.console import print_issues, print_line
    from ducha.outputs.console.edits import print_edit
    from ducha.store.edit import apply
    from ducha.store.forms import plan_form

    shown, lang = named
    errors, out = console_for(ctx, stderr=True), console_for(ctx)
    plan = plan_form(repo, table, shown, cli.today())
    if plan.problems:
        print_issues(errors, plan.problems, lang)
        print_line(errors, text("import-problems", lang, count=len(plan.problems)), "bold red")
        raise typer.Exit(1)
    if plan.already:
        print_line(errors, text("form-already", lang, count=plan.already), "dim")
    key = "form-plan" if dry_run else "form-done"
    for edit in plan.edits:
        if not dry_run:
            apply(repo.root, edit)
        print_edit(out, edit, lang, dry_run=dry_run)
    print_line(out, text(key, lang, count=plan.recorded, unit=plan.unit))
    if commit and not dry_run and plan.edits:
        from ducha.store.vcs import Git

        paths = [repo.root / e.path for e in plan.edits]
        sha = Git(repo.root).add_and_commit(paths, text("form-message", lang, unit=plan.unit))
        errors.print(text("committed", lang, sha=sha[:8]), highlight=False)


@app.command("import", cls=DuchaCommand)
def import_sheet(
    ctx: typer.Context,
    sheet_file: Annotated[
        Path, typer.Argument(metavar="FILE", help=h("台账：.xlsx（Excel、WPS）或 .csv。"))
    ],
    sheet: Annotated[
        str | None, typer.Option("--sheet", help=h("导入哪个工作表（默认第一个）。"))
    ] = None,
    mapping_file: Annotated[
        Path | None,
        typer.Option(
            "--map",
            help=h("对照文件（YAML）：哪一列是什么；默认按常见表头和 ducha export 的表头。"),
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", "-n", help=h("只检查并说明将新建什么，什么也不写。"))
    ] = False,
    commit: Annotated[bool, typer.Option("--commit", help=h("把新建的文件提交到 git。"))] = False,
) -> None:
    """导入台账：每行一个问题（或一次没有问题的督查），按督查组、单位、日期归并成督查记录；有一行不对就什么也不写。"""
    from ducha.outputs.console import print_issues, print_line
    from ducha.store.importing import apply_import, plan_import, problems_in
    from ducha.store.ledger import Mapping, read_mapping
    from ducha.store.load import load_records
    from ducha.store.sheets import read_table

    settings, lang = open_repo(ctx)
    mapping = read_mapping(mapping_file) if mapping_file is not None else Mapping()
    table = read_table(sheet_file, sheet if sheet is not None else mapping.sheet)
    repo = load_records(settings, cli.parse_cache(ctx, settings)).index
    errors = console_for(ctx, stderr=True)
    from ducha.store.forms import header_row

    if header_row(table) is not None:  # a 整改情况表 a unit sent back
        _import_form(ctx, repo, table, (str(sheet_file), lang), dry_run=dry_run, commit=commit)
        return
    plan = plan_import(repo, table, str(sheet_file), mapping)
    if plan.problems:
        print_issues(errors, problems_in(plan), lang)
        print_line(errors, text("import-problems", lang, count=len(plan.problems)), "bold red")
        raise typer.Exit(1)
    _notes(ctx, plan, lang)
    findings = sum(v.findings for v in plan.visits)
    counts = {"units": len(plan.units), "visits": len(plan.visits), "findings": findings}
    out = console_for(ctx)
    base = shown_base(settings.root)
    if dry_run:
        print_line(out, text("import-plan", lang, **counts))
        for unit in plan.units:
            print_line(out, f"  units.yaml: {unit['id']} {unit['name']}（{unit['district']}）")
        for visit in plan.visits:
            print_line(out, f"  {base}{visit.path}")
        return
    written = apply_import(repo, plan)
    print_line(out, text("import-done", lang, **counts))
    for path in written:
        print_line(out, f"  {base}{path.relative_to(settings.root).as_posix()}")
    if commit and written:
        from ducha.store.vcs import Git

        message = text("import-message", lang, file=sheet_file.name)
        sha = Git(settings.root).add_and_commit(written, message)
        errors.print(text("committed", lang, sha=sha[:8]), highlight=False)


def _notes(ctx: typer.Context, plan: ImportPlan, lang: Lang) -> None:
    """What the import leaves out: columns no field reads, closings, rows already in."""
    from ducha.outputs.console import print_line

    errors = console_for(ctx, stderr=True)
    if plan.ignored:
        print_line(errors, text("import-ignored", lang, columns="、".join(plan.ignored)), "dim")
    if plan.closed_later:
        print_line(errors, text("import-closed-later", lang, count=plan.closed_later), "yellow")
    if plan.skipped:
        print_line(errors, text("import-skipped", lang, count=plan.skipped), "dim")
