"""Commands for the team's tools: schema."""

from __future__ import annotations

import datetime as dt
import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ducha import cli
from ducha.cli import DuchaCommand, app, complete, console_for, h, open_repo, parse_cache
from ducha.cli.kept import kept
from ducha.domain.settings import Lang
from ducha.outputs.i18n import text

if TYPE_CHECKING:
    from ducha.domain.index import Index


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
        typer.Argument(help=h("visit｜units｜teams｜config；不写则全部写入 --output 目录。")),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help=h("写入的文件，或（不写 KIND 时）目录。"))
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=h("替换已存在的输出文件。"))] = False,
) -> None:
    """生成编辑器用的 JSON Schema（draft 2020-12），与校验规则同源，带中文说明。"""
    from ducha.store.jsonschema import FILE_NAMES, schema_for
    from ducha.store.writing import write_output

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
        content = json.dumps(schema_for(name, settings, lang), ensure_ascii=False, indent=2)
        write_output(target, (content + "\n").encode(), settings.root, force=force)
        notes.print(text("written", lang, path=target), highlight=False)


@app.command(cls=DuchaCommand)
def fmt(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None, typer.Argument(help=h("只整理这些文件或目录（默认：全部记录）。"))
    ] = None,
    check: Annotated[
        bool,
        typer.Option("--check", help=h("只检查不修改；有文件需要整理时返回 1（供 CI 使用）。")),
    ] = False,
) -> None:
    """整理记录格式：字段顺序、取值写法（中文名称或编码）、期限和日期的写法；保留全部注释。"""
    from ducha.checks.issues import Severity
    from ducha.checks.validate import validate as run_validate
    from ducha.cli.records import relative_paths
    from ducha.store.fmt import format_files, write
    from ducha.store.load import load_records

    settings, lang = open_repo(ctx)
    loaded = load_records(settings, parse_cache(ctx, settings))
    only = relative_paths(settings, paths or [], lang)
    candidates = [f for f in loaded.index.files[1:] if only is None or f in only]
    result = run_validate(loaded.index, loaded.issues, loaded.source, cli.today())
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
        elif write(settings, formatted):
            typer.echo(text("fmt-changed", lang, path=formatted.path))
        else:
            notes.print(text("fmt-edited-meanwhile", lang, path=formatted.path), style="yellow")
    notes.print(
        text("fmt-summary", lang, changed=len(changed), files=len(candidates)), highlight=False
    )
    raise typer.Exit(1 if (check and changed) or broken & set(candidates) else 0)


class ExportFormat(StrEnum):
    """Export forms."""

    csv = "csv"
    xlsx = "xlsx"
    json = "json"


class ExportWhat(StrEnum):
    """What one row is."""

    findings = "findings"
    visits = "visits"
    units = "units"
    form = "rectification-form"


@app.command(cls=DuchaCommand)
@kept(when=lambda options: options["output"] is None)
def export(
    ctx: typer.Context,
    output_format: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help=h("csv（带 BOM，Excel/WPS 直接打开）｜xlsx｜json。")),
    ] = ExportFormat.csv,
    what: Annotated[
        ExportWhat,
        typer.Option(
            "--what",
            help=h(
                "每行一个：findings 问题｜visits 督查｜units 单位；"
                "rectification-form 发给单位填写的整改情况表（xlsx，须 --unit）。"
            ),
        ),
    ] = ExportWhat.findings,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit", help=h("整改情况表发给哪个单位（编号）。"), autocompletion=complete.units
        ),
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help=h("状态、期限和灯按哪天推算（默认今天）。"))
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help=h("写入的文件（xlsx 必须指定）。"))
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=h("替换已存在的输出文件。"))] = False,
) -> None:
    """导出表格：每行一个问题（或督查、单位），含推算出的状态、期限和红黄绿灯。"""
    import sys

    from ducha.cli import parse_date, usable_records
    from ducha.domain.workdays import WorkCalendar
    from ducha.errors import UserError
    from ducha.outputs.export import sheet, to_text, to_xlsx, write_json
    from ducha.store.writing import check_output, write_output

    settings, lang = open_repo(ctx)
    repo = usable_records(ctx, settings, lang)
    day = parse_date(as_of) or cli.today()
    if what is ExportWhat.form:
        _export_form(ctx, repo, (unit, lang), day, output, force=force)
        return
    plain = output_format is ExportFormat.json  # for scripts: the same in either language
    table = sheet(what.value, repo, day, WorkCalendar(settings.calendar), lang, plain=plain)
    if output_format is ExportFormat.xlsx and output is None:
        raise UserError(text("export-needs-output", lang))
    if output is None:
        if output_format is ExportFormat.json:
            write_json(table, sys.stdout)
        else:
            sys.stdout.write(to_text(table, output_format.value))
        return
    check_output(output, settings.root, force=force)
    content = (
        to_xlsx(table, text(f"sheet-{what.value}", lang))
        if output_format is ExportFormat.xlsx
        else to_text(table, output_format.value).encode("utf-8")
    )
    write_output(output, content, settings.root, force=force)
    console_for(ctx, stderr=True).print(text("written", lang, path=output), highlight=False)


def _export_form(
    ctx: typer.Context,
    repo: Index,
    asked: tuple[str | None, Lang],
    day: dt.date,
    output: Path | None,
    *,
    force: bool,
) -> None:
    """The rectification form of one unit, as an Excel workbook."""
    from ducha.domain.workdays import WorkCalendar
    from ducha.errors import UserError
    from ducha.outputs.form import rectification_form
    from ducha.outputs.labels import Labels
    from ducha.store.writing import check_output, write_output

    unit, lang = asked
    if unit is None or unit not in repo.units:
        raise UserError("form-needs-unit", unit=unit or "")
    if output is None:
        raise UserError(text("export-needs-output", lang))
    check_output(output, repo.root, force=force)
    calendar = WorkCalendar(repo.settings.calendar)
    content = rectification_form(repo, unit, day, calendar, Labels(repo.settings, "zh"))
    write_output(output, content, repo.root, force=force)
    console_for(ctx, stderr=True).print(text("written", lang, path=output), highlight=False)


class StatsBy(StrEnum):
    """Groupings of stats."""

    district = "district"
    team = "team"
    focus = "focus"
    unit = "unit"
    source = "source"


class StatsFormat(StrEnum):
    """Output forms of stats."""

    table = "table"
    json = "json"


@app.command(cls=DuchaCommand)
@kept()
def stats(
    ctx: typer.Context,
    start: Annotated[
        str | None, typer.Option("--from", help=h("统计期起始日（默认：最早的督查）。"))
    ] = None,
    end: Annotated[
        str | None, typer.Option("--to", help=h("统计期截止日（默认：--as-of）。"))
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help=h("状态按哪天推算（默认今天）。"))
    ] = None,
    by: Annotated[
        StatsBy | None,
        typer.Option("--by", help=h("分组：district｜team｜focus｜unit｜source（汇总库的来源）。")),
    ] = None,
    output: Annotated[
        StatsFormat, typer.Option("--format", "-f", help="table｜json。")
    ] = StatsFormat.table,
) -> None:
    """督查统计：督查次数、覆盖单位、问题按严重程度和状态、整改率、按期率、反弹率、典型。"""
    import dataclasses
    import datetime as dt

    from ducha.cli import parse_date, usable_records
    from ducha.domain.stats import stats as compute
    from ducha.domain.workdays import WorkCalendar
    from ducha.outputs.console.stats import print_stats
    from ducha.outputs.formats import document, origins_value
    from ducha.outputs.labels import Labels

    settings, lang = open_repo(ctx)
    repo = usable_records(ctx, settings, lang)
    day = parse_date(as_of) or cli.today()
    first = parse_date(start) or min((v.date for v in repo.visits), default=day)
    last = parse_date(end) or day
    rows = compute(
        repo, first, last, day, WorkCalendar(settings.calendar), by.value if by else None
    )
    if output is StatsFormat.json:
        head = {
            "from": first.isoformat(),
            "to": last.isoformat(),
            "as_of": day.isoformat(),
            "by": by.value if by else None,
            **origins_value(repo),
        }
        typer.echo(document(head, {"groups": [dataclasses.asdict(r) for r in rows]}))
        return
    labels = Labels(repo.settings, lang)
    title = text(
        "stats-title", lang, start=labels.date(first), end=labels.date(last), as_of=labels.date(day)
    )
    print_stats(console_for(ctx), rows, repo, labels, by.value if by else None, title)
    cli.say_origins(ctx, repo, labels)
    del dt
