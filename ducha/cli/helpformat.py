"""Help and usage errors as a clerk reads them: in their language, measured in terminal cells.

Click counts a Chinese character as one column and wraps help with ``textwrap``, so that the
terminal breaks its lines a second time; its own words (Usage, Options, Error: …) are English.
``CellFormatter`` measures in cells and breaks by the Chinese rules; ``click_words`` is what
Click's and Typer's message lookups (``gettext``) answer in a Chinese run; the commands are
listed in groups, as a clerk works.
"""

from __future__ import annotations

import contextvars
import os
import re
import sys
from collections.abc import Iterator, Sequence
from typing import Any

import typer.core
from typer._click import exceptions as errors
from typer._click.core import Command, Context, Parameter
from typer._click.formatting import HelpFormatter
from typer.core import TyperGroup, TyperOption

from ducha.cli.help import CLICK_ZH, ERRORS_ZH, GROUPS, OTHER, USAGE_ZH, help_text
from ducha.domain.settings import Lang
from ducha.outputs.i18n import text
from ducha.outputs.linebreak import wrap

LANG: contextvars.ContextVar[Lang] = contextvars.ContextVar("ducha_help_lang", default="zh")


def _cells(value: str) -> int:
    from rich.cells import cell_len

    return cell_len(value)


def click_words(message: str) -> str:
    """Click's or Typer's English message in the language of this run."""
    return CLICK_ZH.get(message, message) if LANG.get() == "zh" else message


def install_words() -> None:
    """Answer Typer's own message lookups (``gettext``: default, required) in the run's language.

    Typer's copy of Click writes its words into its messages; those are put into the run's
    language where they are shown (``DuchaGroup.main``, ``CellFormatter``).
    """
    typer.core._ = click_words  # type: ignore[attr-defined]


class CellFormatter(HelpFormatter):
    """Click's help layout, measured in terminal cells and broken by the Chinese rules."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        """The usage line, its words in the run's language."""
        if LANG.get() == "zh":
            args = re.sub(r"\[OPTIONS\]|COMMAND|\[ARGS\]", lambda m: USAGE_ZH[m.group()], args)
        if prefix is None:
            prefix = click_words("Usage:") + ("" if LANG.get() == "zh" else " ")
        start = f"{' ' * self.current_indent}{prefix}{prog} "
        self._hanging(start, args)

    def write_heading(self, heading: str) -> None:
        """A section heading, in the run's language."""
        colon = ERRORS_ZH["colon"] if LANG.get() == "zh" else ":"
        self.write(f"{' ' * self.current_indent}{click_words(heading)}{colon}\n")

    def write_text(self, text: str) -> None:
        """Paragraphs, broken to the width and indented."""
        indent = " " * self.current_indent
        paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
        for number, paragraph in enumerate(paragraphs):
            if number:
                self.write("\n")
            joined = " ".join(line.strip() for line in paragraph.splitlines())
            for line in wrap(joined, max(self.width - self.current_indent, 20)):
                self.write(f"{indent}{line}\n")

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        """Terms and their help, the help wrapped beside the terms."""
        rows = list(rows)
        first = min(max((_cells(term) for term, _ in rows), default=0), col_max) + col_spacing
        indent = " " * self.current_indent
        room = max(self.width - self.current_indent - first, 20)
        for term, help_ in rows:
            help_ = click_words(help_)
            self.write(f"{indent}{term}")
            lines = wrap(" ".join(help_.split()), room) if help_ else ()
            if not lines:
                self.write("\n")
                continue
            if _cells(term) <= first - col_spacing:
                self.write(" " * (first - _cells(term)))
            else:
                self.write("\n" + indent + " " * first)
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(f"{indent}{' ' * first}{line}\n")

    def _hanging(self, start: str, rest: str) -> None:
        """``start`` then ``rest``, its further lines under its first."""
        width = self.width - _cells(start)
        if width < 20:
            self.write(start.rstrip() + "\n")
            start, width = " " * (self.current_indent + 4), self.width - self.current_indent - 4
        lines = wrap(rest, width) if rest else ("",)
        self.write(start + lines[0] + "\n")
        for line in lines[1:]:
            self.write(" " * _cells(start) + line + "\n")


class DuchaContext(Context):
    """A context whose help is laid out by ``CellFormatter``."""

    formatter_class = CellFormatter


class DuchaGroup(TyperGroup):
    """The ``ducha`` group: Chinese usage errors, commands listed in the clerk's groups."""

    context_class = DuchaContext

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if isinstance(param, TyperOption) and param.name == "install_completion":
                param.callback = _install_completion

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Run, with usage errors in the language asked for on the command line."""
        from ducha.cli import _help_lang

        token = LANG.set(_help_lang(sys.argv[1:] if args is None else list(args), os.environ))
        try:
            try:
                result = super().main(
                    args, prog_name, complete_var, False, windows_expand_args, **extra
                )
            except errors.ClickException as exc:
                if not standalone_mode:
                    raise
                show_error(exc)
                sys.exit(exc.exit_code)
            except typer.Abort:
                if not standalone_mode:
                    raise
                typer.echo(click_words("Aborted!"), err=True)
                sys.exit(1)
            if standalone_mode:
                sys.exit(result if isinstance(result, int) else 0)
            return result
        finally:
            LANG.reset(token)

    def resolve_command(
        self, ctx: Context, args: list[str]
    ) -> tuple[str | None, Command | None, list[str]]:
        """A mistyped command, with the likely ones (Typer says so only in English)."""
        try:
            return self._click_resolve_command(ctx, args)
        except errors.UsageError as exc:
            from difflib import get_close_matches

            matches = get_close_matches(args[0], list(self.commands)) if args else []
            if matches:
                lang = LANG.get()
                like = (ERRORS_ZH["list"] if lang == "zh" else ", ").join(matches)
                exc.message = text("no-such-command", lang, name=args[0], like=like)
            raise

    def format_commands(self, ctx: Context, formatter: HelpFormatter) -> None:
        """The commands in groups, as a clerk works: records, checks, deadlines, memos, git."""
        lang = LANG.get()
        known = {name: self.get_command(ctx, name) for name in self.list_commands(ctx)}
        groups = _groups(known) if ctx.parent is None else iter([("Commands", list(known))])
        for title, names in groups:
            rows = []
            for name in names:
                command = known[name]
                if command is not None and not command.hidden:
                    rows.append((name, _first_paragraph(command.help or "")))
            if rows:
                with formatter.section(click_words(help_text(title, lang))):
                    formatter.write_dl(rows)


def _groups(known: dict[str, Command | None]) -> Iterator[tuple[str, list[str]]]:
    listed: set[str] = set()
    for title, names in GROUPS:
        present = [n for n in names if n in known]
        listed.update(present)
        yield title, present
    rest = [n for n in known if n not in listed]
    if rest:
        yield OTHER, rest


def _first_paragraph(help_: str) -> str:
    return help_.split("\n\n")[0].replace("\n", " ").strip()


def _install_completion(ctx: Context, _param: Parameter, value: Any) -> Any:
    """Typer's --install-completion, saying what it did in the run's language."""
    if not value or ctx.resilient_parsing:
        return value
    from typer._completion_shared import install

    shell, path = install(shell=value if isinstance(value, str) else None)
    typer.echo(text("completion-installed", LANG.get(), shell=shell, path=path))
    raise typer.Exit(0)


def show_error(exc: errors.ClickException) -> None:
    """A usage error as Click shows it, in the run's language."""
    if LANG.get() != "zh" or isinstance(exc, errors.NoArgsIsHelpError):
        exc.show()
        return
    from ducha.cli.usage import chinese_message

    lines = []
    context = exc.ctx if isinstance(exc, errors.UsageError) else None
    if context is not None:
        lines.append(context.get_usage())
        option = context.help_option_names[0]
        lines.append(ERRORS_ZH["try"].format(command=context.command_path, option=option) + "\n")
    lines.append(ERRORS_ZH["error"].format(message=chinese_message(exc)))
    typer.echo("\n".join(lines), err=True)
