"""Commands for the team's tools: schema."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ducha import cli
from ducha.cli import DuchaCommand, app, console_for, open_repo
from ducha.i18n import text


class SchemaKind(StrEnum):
    """Which file a schema describes."""

    visit = "visit"
    units = "units"
    teams = "teams"
    config = "config"


@app.command(cls=DuchaCommand)
def schema(
    ctx: typer.Context,
    kind: Annotated[
        SchemaKind | None,
        typer.Argument(help="visit｜units｜teams｜config；不写则全部写入 --output 目录。"),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="写入的文件，或（不写 KIND 时）目录。")
    ] = None,
) -> None:
    """生成编辑器用的 JSON Schema（draft 2020-12），与校验规则同源，带中文说明。"""
    from ducha.jsonschema import FILE_NAMES, schema_for
    from ducha.writing import replace_file

    settings, lang = open_repo(ctx)
    kinds = [kind.value] if kind else list(FILE_NAMES)
    if output is None and len(kinds) == 1:
        typer.echo(json.dumps(schema_for(kinds[0], settings, lang), ensure_ascii=False, indent=2))
        return
    folder = output if output is not None and (kind is None or output.is_dir()) else None
    notes = console_for(ctx, stderr=True)
    for name in kinds:
        target = (
            (folder or Path("schema")) / FILE_NAMES[name]
            if folder is not None or output is None
            else output
        )
        assert target is not None
        replace_file(
            target,
            json.dumps(schema_for(name, settings, lang), ensure_ascii=False, indent=2) + "\n",
        )
        notes.print(text("written", lang, path=target), highlight=False)


@app.command(cls=DuchaCommand)
def fmt(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None, typer.Argument(help="只整理这些文件或目录（默认：全部记录）。")
    ] = None,
    check: Annotated[
        bool, typer.Option("--check", help="只检查不修改；有文件需要整理时返回 1（供 CI 使用）。")
    ] = False,
) -> None:
    """整理记录格式：字段顺序、取值写法（中文名称或编码）、期限和日期的写法；保留全部注释。"""
    from ducha.cli.records import relative_paths
    from ducha.fmt import format_files, write
    from ducha.issues import Severity
    from ducha.repository import load_repository
    from ducha.validate import validate as run_validate

    settings, lang = open_repo(ctx)
    repo = load_repository(settings)
    only = relative_paths(settings, paths or [], lang)
    candidates = [f for f in repo.files[1:] if only is None or f in only]
    result = run_validate(repo, cli.today())
    broken = {i.position.path for i in result.issues if i.severity is Severity.ERROR}
    notes = console_for(ctx, stderr=True)
    for path in sorted(broken & set(candidates)):
        notes.print(text("fmt-skipped", lang, path=path), style="yellow", highlight=False)
    changed = [
        f for f in format_files(settings, [c for c in candidates if c not in broken]) if f.changed
    ]
    for formatted in changed:
        if check:
            typer.echo(text("fmt-would-change", lang, path=formatted.path))
        else:
            write(settings, formatted)
            typer.echo(text("fmt-changed", lang, path=formatted.path))
    notes.print(
        text("fmt-summary", lang, changed=len(changed), files=len(candidates)), highlight=False
    )
    raise typer.Exit(1 if (check and changed) or broken & set(candidates) else 0)
