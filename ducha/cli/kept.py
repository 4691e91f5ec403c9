"""A reading command's output, written again from the cache while all it came from holds.

The keeping itself (keys, what holds, what may be written back) is ``store/replay.py``; this
module only catches what a run writes on its way to the terminal, and writes it back.
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TextIO

import typer

if TYPE_CHECKING:
    from ducha.store.files import Scan
    from ducha.store.replay import Recorder

# Variables a shell changes from one command to the next without meaning anything to ducha.
_VOLATILE = frozenset({"_", "OLDPWD", "SHLVL"})


class _Tee:
    """A text stream that records what passes through it on its way to the real one."""

    def __init__(self, real: IO[str], stream: int, record: Recorder) -> None:
        self._real = real
        self._stream = stream
        self._record = record

    def write(self, text: str) -> int:
        written = self._real.write(text)
        self._record.add(self._stream, text)
        return written

    def __getattr__(self, name: str) -> Any:  # isatty, fileno, flush, encoding …
        if name == "buffer":  # bytes written past the text: not kept
            self._record.spoil()
        return getattr(self._real, name)


def _put(stream: TextIO, data: memoryview) -> None:
    """Write UTF-8 text to a text stream: as it is when the stream encodes UTF-8."""
    buffer = getattr(stream, "buffer", None)
    if buffer is not None and codecs.lookup(stream.encoding or "ascii").name == "utf-8":
        stream.flush()  # what is already written as text comes first
        buffer.write(data)
        buffer.flush()
    else:
        stream.write(str(data, "utf-8"))


def _terminal(fd: int) -> list[object]:
    try:
        return [os.isatty(fd), tuple(os.get_terminal_size(fd))]
    except OSError:
        return [False, None]


@contextlib.contextmanager
def replayed(ctx: typer.Context, *context: object) -> Iterator[None]:
    """Run the body, or write what it wrote last time when nothing it depends on has changed.

    ``context`` holds what the key must cover besides the records, the command and its
    options, the environment, the working folder and the terminal (a hub's sources' commits).
    """
    from ducha.cli import open_repo, parse_cache, today
    from ducha.store.replay import (
        STDERR,
        STDOUT,
        Recorder,
        keep_output,
        kept_output,
        output_key,
        records_state,
    )

    settings, _ = open_repo(ctx)
    cache = parse_cache(ctx, settings)
    if not cache.enabled:
        yield
        return
    scans: dict[Path, Scan] = {}
    ctx.meta["ducha.scans"] = scans
    key_context = [
        ctx.command_path,
        sorted(ctx.params.items()),
        sorted(ctx.find_root().params.items()),
        str(Path.cwd()),
        sorted((k, v) for k, v in os.environ.items() if k not in _VOLATILE),
        [_terminal(fd) for fd in (0, 1, 2)],
        list(context),
    ]
    state = records_state(settings, cache, today(), scans)
    if state is not None:
        found = kept_output(cache, output_key(state, key_context))
        if found is not None:
            for stream, data in found.runs():
                _put(sys.stdout if stream == STDOUT else sys.stderr, data)
            raise typer.Exit(found.code)
    record = Recorder()
    real_out, real_err = sys.stdout, sys.stderr
    sys.stdout = _Tee(real_out, STDOUT, record)
    sys.stderr = _Tee(real_err, STDERR, record)
    code = 0
    try:
        yield
    except typer.Exit as stop:
        code = stop.exit_code
        raise
    except BaseException:
        record.spoil()
        raise
    finally:
        sys.stdout, sys.stderr = real_out, real_err
        kept = record.finish(code)
        if kept is not None and not ctx.meta.get("ducha.bar-shown"):
            # the records as the run found them: the validation it kept is under this state
            after = records_state(settings, cache, today(), scans)
            # a hub's sources' commits are asked again: one moved meanwhile keeps nothing
            if after is not None and state in (None, after):
                keep_output(cache, output_key(after, key_context), kept, time.time_ns())


def kept(
    when: Callable[[dict[str, Any]], bool] | None = None,
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Make a reading command replay its output (``replayed``), when ``when`` its options.

    Under ``app.command``: Typer reads the options from the command's own signature.
    """

    def wrap(command: Callable[..., None]) -> Callable[..., None]:
        @functools.wraps(command)
        def run(*args: Any, **kwargs: Any) -> None:
            ctx = kwargs["ctx"]
            if when is not None and not when(ctx.params):
                command(*args, **kwargs)
                return
            with replayed(ctx):
                command(*args, **kwargs)

        return run

    return wrap
