"""The command line: parse options, call one library function, map the result to an exit code.

Exit codes: 0 ok; 1 problems found or a user error; 2 usage error; 3 internal error;
130 interrupted.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperCommand

from ducha.cli.help import help_text
from ducha.cli.helpformat import LANG, DuchaContext, DuchaGroup, install_words
from ducha.cli.startup import asked_command, register_only
from ducha.domain.settings import Lang
from ducha.errors import ConfigError, DuchaError
from ducha.outputs.i18n import parse_lang, text

if TYPE_CHECKING:  # the library is imported inside each command, so that --help starts fast
    from collections.abc import Iterator

    from ducha.domain.index import Index
    from ducha.domain.settings import Settings
    from ducha.outputs.console import Console
    from ducha.outputs.labels import Labels
    from ducha.store.cache import Cache
    from ducha.store.load import Progress

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


def _help_lang(argv: list[str], environ: Mapping[str, str]) -> Lang:
    """The language of --help, decided before any option is parsed: --lang, then DUCHA_LANG."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return parse_lang(argv[index + 1]) or "zh"
        if arg.startswith("--lang="):
            return parse_lang(arg.split("=", 1)[1]) or "zh"
    return parse_lang(environ.get("DUCHA_LANG")) or "zh"


HELP_LANG = _help_lang(sys.argv, os.environ)


def h(chinese: str) -> str:
    """A help text in the language of this run."""
    return help_text(chinese, HELP_LANG)


class DuchaCommand(TyperCommand):
    """Runs a command body and turns what stops it into an exit code; the only such place."""

    context_class = DuchaContext

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if kwargs.get("help"):
            kwargs["help"] = h(kwargs["help"])
        super().__init__(*args, **kwargs)

    def invoke(self, ctx: Any) -> Any:
        lang = ctx.obj.early_lang() if isinstance(ctx.obj, Options) else "zh"
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, typer.BadParameter):
            raise
        except BaseException as exc:
            code = exit_code(exc, lang)
            if code is None:
                raise
            raise typer.Exit(code) from exc


def exit_code(exc: BaseException, lang: Lang) -> int | None:
    """Say what stopped the run and give its exit code; None for what is not ours to map.

    The one place where exceptions become exit codes (commands and the global options alike).
    """
    if isinstance(exc, DuchaError):
        from ducha.outputs.i18n import describe

        _stderr(describe(exc, lang))
        return EXIT_PROBLEMS
    if isinstance(exc, KeyboardInterrupt):
        _stderr(text("interrupted", lang))
        return EXIT_INTERRUPTED
    if isinstance(exc, BrokenPipeError):  # ``ducha overdue | head``: the reader has gone
        # quietly, with 1 as Click and Rich do; Python would complain again when it flushes
        # standard output on the way out, so that goes nowhere now
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_PROBLEMS
    if isinstance(exc, Exception):  # an escaped bug: say so plainly, no traceback
        _stderr(text("internal", lang, error=f"{type(exc).__name__}: {exc}"))
        return EXIT_INTERNAL
    return None


def _stderr(message: str) -> None:
    sys.stderr.write(message.rstrip("\n") + "\n")


install_words()

app = typer.Typer(
    name="ducha",
    cls=DuchaGroup,
    help=h("督查：督查记录校验、整改超期提醒、回访安排与公文生成。"),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: Rich's help renderer would cost every start (bench/README.md)
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
        list[Path] | None,
        typer.Option(
            "-C", "--repo", help=h("记录仓库路径（默认：从当前目录向上查找 ducha.yaml）。")
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang", help=h("界面语言 zh|en（也可用 DUCHA_LANG 或 ducha.yaml 的 lang）。")
        ),
    ] = None,
    color: Annotated[
        Color, typer.Option("--color", help=h("着色：auto|always|never（遵守 NO_COLOR）。"))
    ] = Color.auto,
    no_cache: Annotated[
        bool,
        typer.Option("--no-cache", help=h("不读也不写解析缓存（缓存在 $XDG_CACHE_HOME/ducha）。")),
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", help=h("显示版本号。"), is_eager=True, callback=_print_version),
    ] = False,
) -> None:
    """Global options: repository, language, colour, cache."""
    del version
    if lang is not None and parse_lang(lang) is None:
        raise typer.BadParameter(text("bad-lang", LANG.get(), lang=lang), param_hint="--lang")
    if repo is not None and len(repo) > 1:  # Click would silently take the last
        chosen = parse_lang(lang) or parse_lang(os.environ.get("DUCHA_LANG")) or "zh"
        raise typer.BadParameter(text("repo-twice", chosen), param_hint="-C")
    ctx.obj = Options(repo[0] if repo else None, lang, color, cache=not no_cache)


def today() -> dt.date:
    """The only reading of the calendar day."""
    return dt.date.today()


def now() -> dt.datetime:
    """The only reading of the time of day (when a calendar file was made)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def parse_date(value: str | None) -> dt.date | None:
    """Parse a date option: ISO, 2020/2/5 or the Chinese year-month-day form."""
    from ducha.domain.dates import parse_day

    if value is None:
        return None
    day = parse_day(value)
    if day is None:
        raise typer.BadParameter(text("bad-as-of", LANG.get(), value=value))
    return day


def open_repo(ctx: typer.Context) -> tuple[Settings, Lang]:
    """Find the repository, read its settings, and settle the interface language.

    Language precedence: ``--lang``, then ``DUCHA_LANG``, then ``lang`` in ``ducha.yaml``, then zh.
    """
    from ducha.store.config import CONFIG_NAME, cached_settings, find_root

    found: tuple[Settings, Lang] | None = ctx.meta.get("ducha.repo")
    if found is not None:  # asked again in the run (a kept output's key, then the command)
        return found
    options: Options = ctx.obj
    root = find_root(options.repo if options.repo is not None else Path.cwd())
    try:
        content = (root / CONFIG_NAME).read_bytes()
    except OSError as exc:
        raise ConfigError(
            "config-unreadable", path=root / CONFIG_NAME, reason=exc.strerror
        ) from exc
    settings = cached_settings(root, content, _cache_for(ctx, root, content))
    explicit = parse_lang(options.lang_option) or parse_lang(os.environ.get("DUCHA_LANG"))
    opened: tuple[Settings, Lang] = (settings, explicit or settings.lang or "zh")
    ctx.meta["ducha.repo"] = opened
    return opened


def console_for(ctx: typer.Context, *, stderr: bool = False) -> Console:
    from ducha.outputs.console import make_console

    options: Options = ctx.obj
    return make_console(sys.stderr if stderr else sys.stdout, color=options.color.value)


def _terminal(ctx: typer.Context, stream: IO[str]) -> bool:
    """Whether Rich would treat ``stream`` as a terminal, decided without importing Rich."""
    options: Options = ctx.obj
    return options.color.value == "always" or bool(os.environ.get("FORCE_COLOR")) or stream.isatty()


def say(ctx: typer.Context, message: str, style: str = "") -> None:
    """Print a line on standard output, through Rich only when it will be in colour.

    Most runs in hooks and CI print one plain line; they need not load Rich for it.
    """
    from ducha.outputs.colour import colour_policy

    options: Options = ctx.obj
    _, no_color = colour_policy(options.color.value, os.environ)
    if no_color or not _terminal(ctx, sys.stdout):
        typer.echo(message)
        return
    from ducha.outputs.console import print_line

    print_line(console_for(ctx), message, style)


def parse_cache(ctx: typer.Context, settings: Settings) -> Cache:
    """The parse cache for this repository (one that keeps nothing with ``--no-cache``)."""
    from ducha.store.config import CONFIG_NAME

    found: Cache | None = ctx.meta.get("ducha.cache")  # made by open_repo, keyed on the config
    if found is not None:
        return found
    return _cache_for(ctx, settings.root, (settings.root / CONFIG_NAME).read_bytes())


def _cache_for(ctx: typer.Context, root: Path, config: bytes) -> Cache:
    """One parse cache per run, keyed on the config as first read."""
    from ducha.store.cache import Cache

    found: Cache | None = ctx.meta.get("ducha.cache")
    if found is None:
        options: Options = ctx.obj
        found = Cache.of(root, config, dict(os.environ), keep=options.cache)
        ctx.meta["ducha.cache"] = found
        if found.refused:
            _stderr(text("cache-refused", options.early_lang(), reason=found.refused))
    return found


@contextlib.contextmanager
def progress_bar(ctx: typer.Context, label: str = "progress-parsing") -> Iterator[Progress | None]:
    """A parse progress bar on a terminal (standard error), shown once files are being parsed.

    Nothing is shown when output is piped or when every file came from the cache.
    """
    if not _terminal(ctx, sys.stderr):
        yield None
        return
    console = console_for(ctx, stderr=True)
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn
    from rich.progress import Progress as Bar

    lang = ctx.obj.early_lang()
    bar = Bar(
        TextColumn(text(label, lang)),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
    )
    task = bar.add_task("parse", total=None)

    def update(done: int, total: int) -> None:
        if not bar.live.is_started:
            ctx.meta["ducha.bar-shown"] = True  # a run that drew a bar is not kept to replay
            bar.start()
        bar.update(task, completed=done, total=total)

    try:
        yield update
    finally:
        bar.stop()


def shown_base(root: Path) -> str:
    """What leads a repository-relative path to make it relative to the current folder."""
    try:
        relative = os.path.relpath(root, Path.cwd())
    except ValueError:  # another drive (Windows)
        return f"{root}{os.sep}"
    return "" if relative == "." else relative.replace(os.sep, "/") + "/"


def usable_records(
    ctx: typer.Context, settings: Settings, lang: Lang, unread: frozenset[Path] = frozenset()
) -> Index:
    """The complete index for a command that derives from the records (``unread``: ``usable``).

    Files with errors are reported as ``validate`` reports them (on stderr) and left out; a
    broken ``ducha.yaml`` stops the command, since every deadline depends on it.
    """
    from ducha.checks.issues import Severity
    from ducha.outputs.i18n import message
    from ducha.store.pipeline import usable

    config_errors = [i for i in settings.issues if i.severity is Severity.ERROR]
    if config_errors:
        lines = [text("config-broken", lang)]
        lines += [f"{i.position}: error: {message(i, lang)} [{i.rule}]" for i in config_errors]
        raise ConfigError("\n".join(lines))
    with progress_bar(ctx) as progress:
        cache, scans = parse_cache(ctx, settings), ctx.meta.get("ducha.scans")
        workers = os.cpu_count() or 1
        found = usable(settings, cache, today(), workers, progress, scans, unread)
    if found.errors:
        from ducha.outputs.console import print_issues, print_line

        console = console_for(ctx, stderr=True)
        print_issues(console, found.errors, lang, shown_base(settings.root))
        if found.left_out:
            print_line(console, text("skipped-broken", lang, count=len(found.left_out)), "yellow")
    return found.index


def say_origins(ctx: typer.Context, repo: Index, labels: Labels) -> None:
    """A hub's answer ends with the commit of each source it was computed from."""
    if repo.origins:
        from ducha.outputs.hub import origins_line

        say(ctx, origins_line(repo.origins, labels), "dim")


# The commands register themselves on ``app``; imported last, since they use the helpers above.
import ducha.cli.changes  # noqa: E402
import ducha.cli.create  # noqa: E402
import ducha.cli.hub  # noqa: E402
import ducha.cli.importing  # noqa: E402
import ducha.cli.memos  # noqa: E402
import ducha.cli.plans  # noqa: E402
import ducha.cli.recording  # noqa: E402
import ducha.cli.records  # noqa: E402
import ducha.cli.tools  # noqa: E402, F401

__all__ = ["app", "asked_command", "main"]


def main() -> None:
    """Console-script entry point."""
    # A run lives for seconds and builds hundreds of thousands of small records and states
    # that live to its end, with no cycles among them: collecting garbage would only walk
    # them again and again (bench/README.md has what it cost), and frees nothing.
    gc.disable()
    register_only(app, asked_command(sys.argv[1:]), os.environ)
    try:
        app()
    except BaseException as exc:
        code = exit_code(exc, HELP_LANG)
        if code is None:
            raise
        sys.exit(code)
