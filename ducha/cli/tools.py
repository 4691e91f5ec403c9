"""Commands for the team's tools: schema."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

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
