"""The command line: parse options, call one library function, map the result to an exit code.

Exit codes: 0 ok; 1 problems found or a user error; 2 usage error; 3 internal error;
130 interrupted.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand

from ducha.errors import ConfigError, DuchaError, UserError
from ducha.i18n import Lang, parse_lang, text

if TYPE_CHECKING:  # the library is imported inside each command, so that --help starts fast
    from ducha.cache import ParseCache
    from ducha.config import Settings
    from ducha.console import Console
    from ducha.repository import Repository

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


class Color(StrEnum):
    """When to colour output."""

    auto = "auto"
    always = "always"
    never = "never"


@dataclass(slots=True)
class Options:
    """The global options, handed to every command."""

    repo: Path | None
    lang_option: str | None
    color: Color
    cache: bool = True

    def early_lang(self) -> Lang:
        """The language before ``ducha.yaml`` is read: ``--lang``, then ``DUCHA_LANG``, then zh."""
        return parse_lang(self.lang_option) or parse_lang(os.environ.get("DUCHA_LANG")) or "zh"


class DuchaCommand(TyperCommand):
    """Runs a command body and turns what stops it into an exit code; the only such place."""

    def invoke(self, ctx: Any) -> Any:  # noqa: D102
        lang = ctx.obj.early_lang() if isinstance(ctx.obj, Options) else "zh"
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, typer.BadParameter):
            raise
        except DuchaError as exc:
            _stderr(str(exc))
            raise typer.Exit(EXIT_PROBLEMS) from exc
        except KeyboardInterrupt as exc:
            _stderr(text("interrupted", lang))
            raise typer.Exit(EXIT_INTERRUPTED) from exc
        except Exception as exc:  # an escaped bug: say so plainly, no traceback
            _stderr(text("internal", lang, error=f"{type(exc).__name__}: {exc}"))
            raise typer.Exit(EXIT_INTERNAL) from exc


def _stderr(message: str) -> None:
    sys.stderr.write(message.rstrip("\n") + "\n")


app = typer.Typer(
    name="ducha",
    help="督查：督查记录校验、整改超期提醒、回访安排与公文生成。",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: Rich's help renderer costs ~150 ms at every start
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(value: bool) -> None:
    if value:
        from ducha import __version__

        typer.echo(f"ducha {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def _global(
    ctx: typer.Context,
    repo: Annotated[
        Path | None,
        typer.Option("-C", "--repo", help="记录仓库路径（默认：从当前目录向上查找 ducha.yaml）。"),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="界面语言 zh|en（也可用 DUCHA_LANG 或 ducha.yaml 的 lang）。"),
    ] = None,
    color: Annotated[
        Color, typer.Option("--color", help="着色：auto|always|never（遵守 NO_COLOR）。")
    ] = Color.auto,
    no_cache: Annotated[
        bool,
        typer.Option("--no-cache", help="不读也不写解析缓存（缓存在 $XDG_CACHE_HOME/ducha）。"),
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", help="显示版本号。", is_eager=True, callback=_print_version)
    ] = False,
) -> None:
    """督查：督查记录校验、整改超期提醒、回访安排与公文生成。"""
    del version
    if lang is not None and parse_lang(lang) is None:
        raise typer.BadParameter(text("bad-lang", "zh", lang=lang), param_hint="--lang")
    ctx.obj = Options(repo, lang, color, cache=not no_cache)


def today() -> dt.date:
    """The only reading of the clock."""
    return dt.date.today()


def parse_date(value: str | None) -> dt.date | None:
    """Parse an ISO date option."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(text("bad-as-of", "zh", value=value)) from exc


def open_repo(ctx: typer.Context) -> tuple[Settings, Lang]:
    """Find the repository, read its settings, and settle the interface language.

    Language precedence: ``--lang``, then ``DUCHA_LANG``, then ``lang`` in ``ducha.yaml``, then zh.
    """
    from ducha.config import find_root, load_settings

    options: Options = ctx.obj
    lang = options.early_lang()
    root = find_root(options.repo if options.repo is not None else Path.cwd(), lang)
    settings = load_settings(root)
    explicit = parse_lang(options.lang_option) or parse_lang(os.environ.get("DUCHA_LANG"))
    return settings, explicit or settings.lang or "zh"


def _console(ctx: typer.Context, *, stderr: bool = False) -> Console:
    from ducha.console import make_console

    options: Options = ctx.obj
    return make_console(sys.stderr if stderr else sys.stdout, color=options.color.value)


def parse_cache(ctx: typer.Context, settings: Settings) -> ParseCache:
    """The parse cache for this repository (a disabled one with ``--no-cache``)."""
    from ducha.cache import ParseCache, cache_key, default_dir
    from ducha.config import CONFIG_NAME

    options: Options = ctx.obj
    folder = default_dir(dict(os.environ)) if options.cache else None
    key = cache_key((settings.root / CONFIG_NAME).read_bytes()) if folder is not None else ""
    return ParseCache(folder, settings.root, key)


def _relative_paths(settings: Settings, paths: list[Path], lang: Lang) -> list[str] | None:
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


@app.command(cls=DuchaCommand)
def validate(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="只报告这些文件或目录中的问题（跨记录规则仍看全部）。"),
    ] = None,
    output: Annotated[
        ValidateFormat, typer.Option("--format", "-f", help="输出格式：text|json|github。")
    ] = ValidateFormat.text,
    strict: Annotated[bool, typer.Option("--strict", help="有警告也返回 1。")] = False,
) -> None:
    """校验所有记录：语法、字段、取值、日期、引用、回访与佐证材料，一次报告全部问题。"""
    from ducha.validate import check_repository

    settings, lang = open_repo(ctx)
    only = _relative_paths(settings, paths or [], lang)
    result, _ = check_repository(
        settings, parse_cache(ctx, settings), today(), only, os.cpu_count() or 1
    )
    if output is ValidateFormat.json:
        from ducha.formats import validation_json

        typer.echo(validation_json(result, lang, strict=strict))
    elif output is ValidateFormat.github:
        from ducha.formats import validation_github

        if result.issues:
            typer.echo(validation_github(result, lang))
    else:
        from ducha.console import print_issues, print_line

        console = _console(ctx)
        print_issues(console, result.issues, lang)
        if result.issues:
            summary = text(
                "validate-summary",
                lang,
                files=result.files,
                errors=result.errors,
                warnings=result.warnings,
            )
        else:
            summary = text("validate-ok", lang, files=result.files)
        print_line(console, summary, "bold green" if result.ok(strict=strict) else "bold red")
    raise typer.Exit(EXIT_OK if result.ok(strict=strict) else EXIT_PROBLEMS)


def usable_records(ctx: typer.Context, settings: Settings, lang: Lang) -> Repository:
    """Load the records for a command that reads them.

    Broken records are reported as ``validate`` reports them (on stderr) and left out; a
    broken ``ducha.yaml`` stops the command, since every deadline depends on it.
    """
    from ducha.console import print_issues, print_line
    from ducha.issues import Severity
    from ducha.repository import load_repository, scan
    from ducha.validate import check_repository

    config_errors = [i for i in settings.issues if i.severity is Severity.ERROR]
    if config_errors:
        lines = [text("config-broken", lang)]
        lines += [f"{i.position}: error: {i.message(lang)} [{i.rule}]" for i in config_errors]
        raise ConfigError("\n".join(lines))
    cache = parse_cache(ctx, settings)
    workers = os.cpu_count() or 1
    scanned = scan(settings.root)
    result, loaded = check_repository(settings, cache, today(), None, workers, scanned)
    repo = loaded or load_repository(settings, cache, workers, scanned)
    errors = tuple(i for i in result.issues if i.severity is Severity.ERROR)
    if errors:
        console = _console(ctx, stderr=True)
        print_issues(console, errors, lang)
        broken = repo.broken_files()
        print_line(console, text("skipped-broken", lang, count=len(broken)), "yellow")
        repo = repo.without(broken)
    return repo


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


@app.command(cls=DuchaCommand)
def overdue(
    ctx: typer.Context,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="以哪天为准（YYYY-MM-DD，默认今天）。")
    ] = None,
    within: Annotated[
        int | None,
        typer.Option(
            "--within", min=0, help="同时列出 N 个工作日内到期的（黄灯）；默认取 ducha.yaml。"
        ),
    ] = None,
    by: Annotated[
        GroupBy | None, typer.Option("--by", help="分组小计：unit|district|team|focus。")
    ] = None,
    district: Annotated[str | None, typer.Option("--district", help="只看该区县。")] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="只看该单位（编号）。")] = None,
    team: Annotated[str | None, typer.Option("--team", help="只看该督查组（编号）。")] = None,
    severity: Annotated[
        str | None, typer.Option("--severity", help="只看该严重程度（编码或名称）。")
    ] = None,
    output: Annotated[
        OverdueFormat, typer.Option("--format", "-f", help="输出格式：table|json|csv。")
    ] = OverdueFormat.table,
    fail_if_any: Annotated[
        bool, typer.Option("--fail-if-any", help="有超期（红灯）时返回 1，供定时提醒任务使用。")
    ] = False,
) -> None:
    """列出超期（红灯）和临期（黄灯）的整改，以及已反馈待核验的问题；按中国工作日计算。"""
    from ducha.console.overdue import print_overdue
    from ducha.formats import overdue_csv, overdue_json
    from ducha.labels import Labels
    from ducha.overdue import Filters, overdue_report
    from ducha.workdays import WorkCalendar

    settings, lang = open_repo(ctx)
    day = parse_date(as_of) or today()
    level = settings.severity.lookup(severity) if severity else None
    if severity and level is None:
        raise typer.BadParameter(settings.severity.choices(), param_hint="--severity")
    filters = Filters(district, unit, team, level.code if level else None)
    repo = usable_records(ctx, settings, lang)
    calendar = WorkCalendar(settings.calendar, lang)
    window = settings.yellow_days if within is None else within
    report = overdue_report(repo, day, window, calendar, filters)
    if output is OverdueFormat.json:
        typer.echo(overdue_json(report, repo))
    elif output is OverdueFormat.csv:
        sys.stdout.write(overdue_csv(report, repo, lang))
    else:
        print_overdue(_console(ctx), report, repo, Labels(settings, lang), by.value if by else None)
    raise typer.Exit(EXIT_PROBLEMS if fail_if_any and report.red else EXIT_OK)


class ScheduleFormat(StrEnum):
    """Output forms of ``schedule``."""

    table = "table"
    json = "json"


@app.command(cls=DuchaCommand)
def schedule(
    ctx: typer.Context,
    start: Annotated[
        str | None, typer.Option("--from", help="窗口起始日（YYYY-MM-DD，默认今天）。")
    ] = None,
    days: Annotated[
        int, typer.Option("--days", min=1, max=366, help="窗口天数（日历日；只排工作日）。")
    ] = 14,
    seed: Annotated[
        int | None, typer.Option("--seed", help="随机种子：同一种子、同一记录得到同一安排。")
    ] = None,
    capacity: Annotated[
        int | None,
        typer.Option("--capacity", min=1, help="每组每个工作日最多回访几家（默认取 ducha.yaml）。"),
    ] = None,
    output: Annotated[
        ScheduleFormat, typer.Option("--format", "-f", help="输出格式：table|json。")
    ] = ScheduleFormat.table,
    ics: Annotated[
        Path | None, typer.Option("--ics", help="另写一个 iCalendar 文件（每次回访一个私密事件）。")
    ] = None,
    write: Annotated[
        bool,
        typer.Option("--write", help="把安排写成计划督查记录（status: planned），不覆盖已有文件。"),
    ] = False,
) -> None:
    """安排杀回马枪：在窗口内的工作日里，不可预测又可重现地安排回访，并说明每一次的事由。"""
    import secrets

    from ducha.schedule import plan as make_plan
    from ducha.workdays import WorkCalendar

    settings, lang = open_repo(ctx)
    first = parse_date(start) or today()
    chosen = seed if seed is not None else secrets.randbelow(1_000_000)
    repo = usable_records(ctx, settings, lang)
    proposal = make_plan(repo, first, days, chosen, WorkCalendar(settings.calendar, lang), capacity)
    if output is ScheduleFormat.json:
        from ducha.schedule_output import plan_json

        typer.echo(plan_json(proposal, repo))
    else:
        from ducha.console.schedule import print_plan
        from ducha.labels import Labels

        print_plan(_console(ctx), proposal, repo, Labels(settings, lang))
    notes = _console(ctx, stderr=True)
    if ics is not None:
        from ducha.schedule_output import plan_ics

        ics.write_bytes(plan_ics(proposal, repo, lang))
        notes.print(
            text("ics-written", lang, path=ics, count=len(proposal.visits)), highlight=False
        )
    if write:
        from ducha.schedule_output import write_planned

        for path in write_planned(proposal, repo, lang):
            notes.print(
                text("written", lang, path=path.relative_to(settings.root)), highlight=False
            )


@app.command(cls=DuchaCommand)
def show(
    ctx: typer.Context,
    record_id: Annotated[
        str, typer.Argument(metavar="ID", help="督查编号、问题编号（督查编号/序号）或单位编号。")
    ],
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="以哪天为准（YYYY-MM-DD，默认今天）。")
    ] = None,
) -> None:
    """显示一次督查、一个问题或一个单位的全部情况，含状态、期限和回访经过。"""
    from ducha.console.show import print_view
    from ducha.labels import Labels
    from ducha.show import describe
    from ducha.workdays import WorkCalendar

    settings, lang = open_repo(ctx)
    repo = usable_records(ctx, settings, lang)
    day = parse_date(as_of) or today()
    calendar = WorkCalendar(settings.calendar, lang)
    view = describe(repo, record_id, day, calendar)
    if view is None:
        raise UserError(text("unknown-id", lang, id=record_id))
    print_view(_console(ctx), view, Labels(settings, lang))


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    except DuchaError as exc:  # raised outside a command (the global options)
        _stderr(str(exc))
        sys.exit(EXIT_PROBLEMS)
    except KeyboardInterrupt:
        sys.exit(EXIT_INTERRUPTED)
    except Exception as exc:  # noqa: BLE001 — a bug outside any command: still no traceback
        _stderr(text("internal", "zh", error=f"{type(exc).__name__}: {exc}"))
        sys.exit(EXIT_INTERNAL)
