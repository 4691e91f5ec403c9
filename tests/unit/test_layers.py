"""The package's folders are its layers, and imports only go down through them.

domain (the model and everything derived from it) ← checks (problems and rules) ← store
(files, the cache, git; builds the index) ← outputs (every word a user reads) ← cli.
``errors.py`` and the package's ``__init__`` stand beside every layer.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "ducha"
LAYERS = ("domain", "checks", "store", "outputs", "cli")
SHARED = {"ducha", "ducha.errors", "ducha.__main__"}


def _layer(module: str) -> int | None:
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in LAYERS:
        return LAYERS.index(parts[1])
    return None


def _module_of(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(tree: ast.AST) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):  # inside functions and TYPE_CHECKING blocks too
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            if node.module == "ducha":
                found += [(node.lineno, f"ducha.{alias.name}") for alias in node.names]
    return [(line, name) for line, name in found if name == "ducha" or name.startswith("ducha.")]


def upward_imports() -> list[str]:
    """Every import of a higher layer, as ``file:line: module -> module``."""
    problems: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module_of(path)
        own = _layer(module)
        if own is None:
            continue
        for line, target in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            theirs = _layer(target)
            if theirs is not None and theirs > own:
                problems.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {module} -> {target}")
    return problems


def test_imports_only_go_down_through_the_layers() -> None:
    assert upward_imports() == []


def test_every_module_lives_in_a_layer() -> None:
    loose = {
        _module_of(path)
        for path in PACKAGE.rglob("*.py")
        if _layer(_module_of(path)) is None and _module_of(path) not in SHARED
    }
    assert loose == set()


def test_the_check_sees_an_upward_import() -> None:
    tree = ast.parse("def f():\n    from ducha.outputs.i18n import text\n")
    assert _imports(tree) == [(2, "ducha.outputs.i18n")]
    assert _layer("ducha.outputs.i18n") == 3 > (_layer("ducha.domain.model") or 0)
