"""Usage errors in Chinese: what Typer's copy of Click says in English, said again.

Its messages are written into the exceptions as English sentences; the kind of error and its
parts (the option, the parameter) are kept on the exception, and the sentences that carry a
value are matched here.
"""

from __future__ import annotations

import re

from typer._click import exceptions as errors

from ducha.cli.help import ERRORS_ZH, KINDS_ZH, NUMBERS_ZH, SENTENCES_ZH

_SENTENCES = tuple((re.compile(pattern, re.DOTALL), chinese) for pattern, chinese in SENTENCES_ZH)


def sentence(english: str) -> str:
    """One of Click's sentences in Chinese; anything else (ducha's own words) as it is."""
    for pattern, chinese in _SENTENCES:
        match = pattern.fullmatch(english.strip())
        if match:
            parts = dict(match.groupdict())
            if "kind" in parts:
                parts["kind"] = KINDS_ZH.get(parts["kind"], parts["kind"])
            if "number" in parts:
                parts["number"] = NUMBERS_ZH.get(parts["number"], parts["number"])
            return chinese.format(**parts)
    return english


def _hint(exc: errors.BadParameter) -> str | None:
    if exc.param_hint is not None:
        hint = exc.param_hint
    elif exc.param is not None:
        hint = exc.param.get_error_hint(exc.ctx)  # type: ignore[arg-type]
    else:
        return None
    return hint if isinstance(hint, str) else " / ".join(f"'{h}'" for h in hint)


def chinese_message(exc: errors.ClickException) -> str:
    """What went wrong with the command line, in Chinese."""
    if isinstance(exc, errors.NoSuchOption):
        if exc.possibilities:
            like = ERRORS_ZH["list"].join(sorted(exc.possibilities))
            return ERRORS_ZH["no-such-option-like"].format(name=exc.option_name, like=like)
        return ERRORS_ZH["no-such-option"].format(name=exc.option_name)
    if isinstance(exc, errors.MissingParameter):
        kind = exc.param_type or (exc.param.param_type_name if exc.param else "parameter")
        hint = _hint(exc)
        word = ERRORS_ZH.get(f"missing-{kind}", ERRORS_ZH["missing-parameter"])
        return word.format(hint=f" {hint}" if hint else "")
    if isinstance(exc, errors.BadParameter):
        hint = _hint(exc)
        said = sentence(exc.message)
        if hint:
            return ERRORS_ZH["bad-value-for"].format(hint=hint, message=said)
        return ERRORS_ZH["bad-value"].format(message=said)
    if isinstance(exc, errors.FileError):
        return ERRORS_ZH["file-error"].format(name=exc.ui_filename, message=exc.message)
    return sentence(exc.format_message())
