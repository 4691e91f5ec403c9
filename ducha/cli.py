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
from typing import Annotated, Any

import typer
from typer.core import TyperCommand

from ducha.config import Settings, find_root, load_settings
from ducha.console import Console, make_console, print_issues, print_line
from ducha.errors import DuchaError, UserError
from ducha.i18n import Lang, parse_lang, text

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
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


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
    version: Annotated[bool, typer.Option("--version", help="显示版本号。")] = False,
) -> None:
    """督查：督查记录校验、整改超期提醒、回访安排与公文生成。"""
    if version:
        from ducha import __version__

        typer.echo(f"ducha {__version__}")
        raise typer.Exit(EXIT_OK)
    if lang is not None and parse_lang(lang) is None:
        raise typer.BadParameter(text("bad-lang", "zh", lang=lang), param_hint="--lang")
    ctx.obj = Options(repo, lang, color)


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
    options: Options = ctx.obj
    lang = options.early_lang()
    root = find_root(options.repo if options.repo is not None else Path.cwd(), lang)
    settings = load_settings(root)
    explicit = parse_lang(options.lang_option) or parse_lang(os.environ.get("DUCHA_LANG"))
    return settings, explicit or settings.lang or "zh"


def _console(ctx: typer.Context, *, stderr: bool = False) -> Console:
    options: Options = ctx.obj
    return make_console(sys.stderr if stderr else sys.stdout, color=options.color.value)


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
    from ducha.formats import validation_github, validation_json
    from ducha.repository import load_repository
    from ducha.validate import validate as run_validate

    settings, lang = open_repo(ctx)
    only = _relative_paths(settings, paths or [], lang)
    result = run_validate(load_repository(settings), today(), only)
    if output is ValidateFormat.json:
        typer.echo(validation_json(result, lang, strict=strict))
    elif output is ValidateFormat.github:
        if result.issues:
            typer.echo(validation_github(result, lang))
    else:
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


def main() -> None:
    """Console-script entry point."""
    app()
