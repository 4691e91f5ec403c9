"""Every message is written once per language, and both render."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

from ducha.checks.issues import Phrase
from ducha.outputs.i18n import CATALOGUE, text


def test_every_entry_has_both_languages_with_the_same_placeholders() -> None:
    for key, (zh, en) in CATALOGUE.items():
        assert (zh.strip() and en.strip()) or key == "no-hint", key
        names = {f[1] for f in string.Formatter().parse(zh) if f[1]}
        assert names == {f[1] for f in string.Formatter().parse(en) if f[1]}, key
        counted = {f[1] for f in string.Formatter().parse(en) if f[1] and "|" in (f[2] or "")}
        values: dict[str, object] = {
            name: Phrase("hint", suggestion="x")
            if name == "hint"
            else 1
            if name in counted
            else "x"
            for name in names
        }
        rendered = text(key, "zh", **values), text(key, "en", **values)
        assert all(rendered) or key == "no-hint", key


def test_english_messages_use_english_punctuation_and_plurals() -> None:
    for key, (_, en) in CATALOGUE.items():
        quoted = re.sub(r"'[^']*'", "", en)  # a character named in quotes, as 'a colon ：'
        assert not set(quoted) & set("：，、；（）。“”"), key
        assert "(s)" not in en, key
    assert text("validate-summary", "en", files=1, errors=1, warnings=2) == (
        "checked 1 file: 1 error, 2 warnings"
    )


def test_every_message_key_used_in_the_code_exists() -> None:
    root = Path(__file__).parents[2] / "ducha"
    used: set[str] = set()
    for file in root.rglob("*.py"):
        source = file.read_text(encoding="utf-8")
        used |= set(re.findall(r'\btext\(\s*"([a-z][a-z0-9-]+)"', source))
        used |= set(
            re.findall(
                r'\b(?:error|warning)\([^,()]+(?:\([^()]*\))?,\s*"([a-z][a-z0-9-]+)"', source
            )
        )
    assert len(used) > 100
    assert used - set(CATALOGUE) == set()


RECORD_DATA = {
    "督查组",
    "综合督查",
    "明查",
    "常规检查",
}  # values written into records, not interface text
CJK = re.compile(r"[\u4e00-\u9fff]")


def _help_texts(tree: ast.Module) -> tuple[set[int], list[str]]:
    """Nodes that are help texts (h(...) arguments, command docstrings, the module docstring)
    and those among them with no English."""
    from ducha.cli.help import HELP

    allowed: set[int] = set()
    untranslated: list[str] = []
    if tree.body and isinstance(tree.body[0], ast.Expr):
        allowed.add(id(tree.body[0].value))  # the module docstring is for developers
    for node in ast.walk(tree):
        texts: list[ast.expr] = []
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "h":
            texts = list(node.args)
        elif isinstance(node, ast.FunctionDef) and any(
            "command" in ast.dump(d) for d in node.decorator_list
        ):
            first = node.body[0]
            texts = [first.value] if isinstance(first, ast.Expr) else []
        for argument in texts:
            allowed.add(id(argument))
            if isinstance(argument, ast.Constant) and argument.value not in HELP:
                untranslated.append(str(argument.value))
    return allowed, untranslated


def test_the_command_line_has_no_untranslated_interface_text() -> None:
    root = Path(__file__).parents[2] / "ducha"
    files = [
        *(f for f in root.joinpath("cli").glob("*.py") if f.name != "help.py"),  # the table
        *root.joinpath("outputs", "console").glob("*.py"),
        root / "outputs" / "formats.py",
        root / "outputs" / "review.py",
    ]
    untranslated, stray = [], []
    for file in files:
        tree = ast.parse(file.read_text(encoding="utf-8"))
        allowed, missing = _help_texts(tree)
        untranslated += missing
        stray += [
            f"{file.name}:{node.lineno}: {node.value}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and CJK.search(node.value)
            and id(node) not in allowed
            and node.value not in RECORD_DATA
        ]
    assert untranslated == []
    assert stray == []


def test_no_two_parts_of_the_catalogue_share_a_key() -> None:
    # a clerk's refusal once shadowed a problem's words of the same key, whose template asked
    # for values the problem does not carry: validate stopped with an internal error
    from ducha.outputs.clerk_words import CLERK
    from ducha.outputs.column_words import COLUMNS
    from ducha.outputs.hub_words import HUB
    from ducha.outputs.memo_words import MEMOS
    from ducha.outputs.problem_words import PROBLEMS
    from ducha.outputs.review_words import REVIEW

    parts = [PROBLEMS, COLUMNS, MEMOS, REVIEW, CLERK, HUB]
    assert sum(len(part) for part in parts) == len(set().union(*parts))


def _raised_with(tree: ast.Module) -> list[tuple[str, set[str], int]]:
    """(key, keyword names, line) of each problem or error made with a key and keywords."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or any(kw.arg is None for kw in node.keywords):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None) or ""
        where = 1 if name in ("error", "warning") else 0 if name.endswith("Error") else None
        if where is None or len(node.args) <= where:
            continue
        if where == 1 and len(node.args) > 2:  # error(position, rule, message key, ...)
            where = 2
        key = node.args[where]
        if isinstance(key, ast.Constant) and isinstance(key.value, str) and key.value in CATALOGUE:
            found.append((key.value, {kw.arg for kw in node.keywords if kw.arg}, node.lineno))
    return found


def test_every_problem_and_error_carries_the_values_its_words_ask_for() -> None:
    root = Path(__file__).parents[2] / "ducha"
    missing = []
    seen = 0
    for file in root.rglob("*.py"):
        for key, given, line in _raised_with(ast.parse(file.read_text(encoding="utf-8"))):
            seen += 1
            wanted = {f[1] for f in string.Formatter().parse(CATALOGUE[key][0]) if f[1]}
            if wanted - given - {"hint"}:
                missing.append(f"{file.name}:{line} {key} lacks {sorted(wanted - given)}")
    assert seen > 100
    assert missing == []
