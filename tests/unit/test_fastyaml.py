"""The fast reader (yaml-rs) gives exactly what libyaml gives, or leaves the file to libyaml."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from ducha.store import fastyaml
from ducha.store.fastyaml import DECLINED, plain_values
from ducha.store.loader import MAX_DEPTH, MAX_NODES, load_text
from tests.helpers import EXAMPLES, check, summary
from tests.unit.test_fuzz import SETTINGS, keys, mutated, values

ROOT = Path(__file__).parents[2]
ALL_FILES = [
    *(ROOT / "records").rglob("*.yaml"),
    *EXAMPLES.rglob("*.yaml"),
    *EXAMPLES.rglob("*.md"),
]


def _decodes(file: Path) -> bool:
    try:
        file.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return False  # reported as an encoding problem before any parser sees it
    return True


RECORD_FILES = sorted(f for f in ALL_FILES if _decodes(f))


def fast(text: str) -> Any:
    return plain_values(text, MAX_NODES, MAX_DEPTH)


def same(a: Any, b: Any) -> bool:
    """Equal values of the same types all the way down (True is not 1, 1 is not 1.0)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def agrees(text: str) -> bool:
    """The fast reader declined, or read what libyaml reads from a file without problems."""
    got = fast(text)
    if got is DECLINED:
        return True
    expected = load_text(text, "t.yaml")
    return not expected.issues and same(got, expected.data)


def yaml_part(file: Path) -> str:
    text = file.read_bytes().decode("utf-8-sig")  # as ducha reads it
    return text.split("---")[1] if file.suffix == ".md" and text.startswith("---") else text


def test_fast_reader_is_installed() -> None:
    # the benchmark's figures depend on it; a missing wheel would only make ducha slower
    assert fastyaml._loads is not None


@pytest.mark.parametrize("file", RECORD_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_sample_and_example_file_reads_the_same(file: Path) -> None:
    assert agrees(yaml_part(file))


def test_most_sample_records_take_the_fast_path() -> None:
    taken = [f for f in (ROOT / "records").rglob("*.yaml") if fast(yaml_part(f)) is not DECLINED]
    assert len(taken) >= 0.8 * len(list((ROOT / "records").rglob("*.yaml")))


SCALARS = [
    "007", "+12", "-0", "12345678901234567890", "1e3", "1.", "+.5", "-.5e-3", "inf", ".inf",
    "-.Inf", ".nan", "NaN", "1_000", "0b101", "0x1F", "0o17", "1:20", "2026-03-04", "2026-3-4",
    "2026-02-30", "2026-03-04T10:00:00", "true", "True", "tRue", "yes", "no", "on", "null",
    "NULL", "~", "", "0.0", "1e400", "12.0.1", "3个工作日", "立行立改", "a b", "a#b", "a: b",
]  # fmt: skip


@pytest.mark.parametrize("scalar", SCALARS)
def test_each_kind_of_plain_scalar_reads_the_same(scalar: str) -> None:
    assert agrees(f"k: {scalar}\n")
    assert agrees(f"k: [{scalar}, x]\n")
    assert agrees(f"{scalar}: v\n")


@pytest.mark.parametrize(
    "text",
    [
        "k: '2026-03-04'\n",  # a quoted date is text
        'k: "007"\n',
        "k: |\n  2026-03-04\n",  # a block scalar is text
        "a: &x [1]\nb: *x\n",
        "k: !!str 1\n",
        "k: 0x1F\n",  # YAML 1.2 reads these as numbers; ducha, as text
        "k: 1_000\n",
        "k: .inf\n",
        "a: 1\n---\nb: 2\n",
        "- - - x\n",  # yaml-rs recurses: deep nesting on one line
        "a:\n" + " " * 40 + "b: 1\n",
        "k: 1\nk: 2\n",  # duplicate keys: libyaml reports where they stand
        "2026-3-4: a\n2026-03-04: b\n",  # two keys ducha reads as one
        "# only a comment\n",
        "a: b: c\n",  # syntax errors: libyaml reports them
        # colons YAML 1.2 reads and libyaml refuses (found by a differential fuzz)
        "methods: [明查, 常规检查:]\n",
        ": id: 1\nb: 2\n",
        "a: [: x]\n",
        "a:\n  - x\n  : y\n",
        "k: {: v}\n",
    ],
)
def test_what_libyaml_must_read_is_declined(text: str) -> None:
    assert fast(text) is DECLINED


def test_a_nesting_that_crashes_yaml_rs_is_never_given_to_it() -> None:
    # Indentation cannot nest that deep within MAX_BYTES; one line of dashes and flow
    # brackets can.
    deep = ["'- ' * 50000 + 'x'", "'a: ' + '[' * 300000"]
    for text in deep:
        code = f"from ducha.store.fastyaml import plain_values as p; print(p({text}, 100000, 64))"
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr


@SETTINGS
@given(st.dictionaries(keys, values, max_size=10))
def test_generated_documents_read_the_same(data: dict[str, object]) -> None:
    assert agrees(yaml.safe_dump(data, allow_unicode=True))


@SETTINGS
@given(mutated())
def test_mutated_records_read_the_same_or_are_declined(text: str) -> None:
    assert agrees(text)


def test_thousands_of_mutations_of_sample_records_read_the_same_or_are_declined() -> None:
    bases = [yaml_part(f) for f in (ROOT / "records" / "visits").rglob("*.yaml")]
    rng = random.Random(20261127)
    pieces = [*" :-#[]{},\n0a中.1_~", ": ", "- ", "\n  ", "\n- ", "2026-1-1", "null", "x: y"]
    for _ in range(3000):
        text = rng.choice(bases)
        for _ in range(rng.randint(1, 3)):
            lines = text.split("\n")
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            at = rng.randrange(len(text) + 1)
            text = rng.choice(
                [
                    text[:at] + text[at + 1 :],
                    text[:at] + rng.choice(pieces) + text[at:],
                    "\n".join([*lines[:j], lines[i], *lines[j:]]),
                    "\n".join(" " * (k == i) + line for k, line in enumerate(lines)),
                    "\n".join(
                        line[(k == i and line.startswith(" ")) :] for k, line in enumerate(lines)
                    ),
                ]
            )
        assert agrees(text), text


def test_without_yaml_rs_the_sample_validates_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    with_it = summary(check(ROOT / "records"))
    monkeypatch.setattr(fastyaml, "_loads", None)
    assert fast("k: v\n") is DECLINED
    assert summary(check(ROOT / "records")) == with_it


def test_a_panic_in_yaml_rs_leaves_the_file_to_libyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    class PanicException(BaseException):  # what pyo3 raises for a panic in Rust
        pass

    def panics(text: str, **options: object) -> object:
        raise PanicException(text, options)

    monkeypatch.setattr(fastyaml, "_loads", panics)
    assert fast("k: v\n") is DECLINED

    def interrupted(text: str, **options: object) -> object:
        raise KeyboardInterrupt(text, options)

    monkeypatch.setattr(fastyaml, "_loads", interrupted)
    with pytest.raises(KeyboardInterrupt):
        fast("k: v\n")
