"""What the command line registers at start: the command a run names, or a listing of all.

Typer reads the signature of every registered command at every start; a run needs one.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping

import typer
import typer.main
import typer.models

# The main callback's options that take a value; every other option is a flag.
_VALUED = frozenset({"-C", "--repo", "--lang", "--color"})


def asked_command(argv: list[str]) -> str | None:
    """The command a command line names: its first word that is not an option or a value."""
    args = iter(argv)
    for arg in args:
        if arg in _VALUED:
            next(args, None)
        elif not arg.startswith("-"):
            return arg
    return None


def register_only(app: typer.Typer, name: str | None, environ: Mapping[str, str]) -> None:
    """Keep only the command about to run registered on ``app``.

    Typer reads the signature of every registered command at every start, a sizeable cost
    for all of ducha's, and a run needs one. With no known command (a typo) all stay, so that a typo
    gets its suggestions; so does shell completion. With no command at all nothing runs but
    help, which lists each command by its name and help: they stay without their parameters.
    """
    if "_DUCHA_COMPLETE" in environ:
        return
    if name is None:
        app.registered_commands[:] = [_listed(c) for c in app.registered_commands]
        return
    commands = [c for c in app.registered_commands if _command_name(c) == name]
    groups = [g for g in app.registered_groups if g.name == name]
    if commands or groups:
        app.registered_commands[:] = commands
        app.registered_groups[:] = groups


def _listed(info: typer.models.CommandInfo) -> typer.models.CommandInfo:
    """The command as help lists it: its name, help and panel, with no parameters to read."""
    callback = info.callback
    assert callback is not None

    def listed() -> None:
        raise AssertionError(callback.__name__)  # only listed: nothing runs without a command

    listed.__name__, listed.__doc__ = callback.__name__, callback.__doc__
    shown = copy.copy(info)
    shown.callback = listed
    return shown


def _command_name(info: typer.models.CommandInfo) -> str:
    if info.name:
        return info.name
    assert info.callback is not None
    return typer.main.get_command_name(info.callback.__name__)
