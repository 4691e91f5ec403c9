"""Every message is written once per language, and both render."""

from __future__ import annotations

import re
import string
from pathlib import Path

from ducha.i18n import CATALOGUE, Phrase, text


def test_every_entry_has_both_languages_with_the_same_placeholders() -> None:
    for key, (zh, en) in CATALOGUE.items():
        assert (zh.strip() and en.strip()) or key == "no-hint", key
        names = {f[1] for f in string.Formatter().parse(zh) if f[1]}
        assert names == {f[1] for f in string.Formatter().parse(en) if f[1]}, key
        values = {name: Phrase("hint", suggestion="x") if name == "hint" else "x" for name in names}
        rendered = text(key, "zh", **values), text(key, "en", **values)
        assert all(rendered) or key == "no-hint", key


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
