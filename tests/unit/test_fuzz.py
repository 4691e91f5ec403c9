"""Nothing crashes: arbitrary and mutated input only ever produces positioned problems."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ducha.checks.issues import Issue
from ducha.outputs.i18n import message
from ducha.store.loader import load_text
from tests.helpers import EXAMPLES, check

BASE_VISIT = (EXAMPLES / "base" / "visits/2020/02/20200203-abc.yaml").read_text(encoding="utf-8")
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.dates().map(str),
    st.sampled_from(["暗访", "整改到位", "立行立改", "3个工作日", "A-01", "T1", "no", "~"]),
)
keys = st.sampled_from(
    [
        "id",
        "date",
        "team",
        "units",
        "methods",
        "focus",
        "findings",
        "checks",
        "returns_to",
        "severity",
        "description",
        "deadline",
        "reports",
        "evidence",
        "unit",
        "result",
        "finding",
        "x",
    ]
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=6)),
    max_leaves=25,
)


def _check_repo(files: dict[str, str]) -> list[Issue]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "repo"
        shutil.copytree(EXAMPLES / "base", root)
        for relpath, content in files.items():
            (root / relpath).parent.mkdir(parents=True, exist_ok=True)
            (root / relpath).write_text(content, encoding="utf-8")
        result = check(root, dt.date(2020, 2, 21))
    for issue in result.issues:
        assert isinstance(issue, Issue) and issue.position.line >= 1 and issue.position.column >= 1
        assert message(issue, "zh") and message(issue, "en")
    return list(result.issues)


@SETTINGS
@given(st.text(max_size=300))
def test_arbitrary_text_never_raises(text: str) -> None:
    loaded = load_text(text, "t.yaml")
    for issue in loaded.issues:
        message(issue, "zh")


@SETTINGS
@given(st.dictionaries(keys, values, max_size=10))
def test_arbitrary_structures_are_reported_not_raised(data: dict[str, object]) -> None:
    _check_repo({"visits/2020/02/20200210-fzz.yaml": yaml.safe_dump(data, allow_unicode=True)})


@st.composite
def mutated(draw: st.DrawFn) -> str:
    text = BASE_VISIT
    for _ in range(draw(st.integers(1, 4))):
        lines = text.splitlines(keepends=True)
        operation = draw(st.sampled_from(["delete", "insert", "duplicate", "swap", "truncate"]))
        if operation == "delete" and text:
            start = draw(st.integers(0, len(text) - 1))
            text = text[:start] + text[start + draw(st.integers(1, 10)) :]
        elif operation == "insert":
            start = draw(st.integers(0, len(text)))
            text = (
                text[:start]
                + draw(st.text(alphabet=":-[]{}#&*!|>'\"%@` \t\n甲乙0123", max_size=6))
                + text[start:]
            )
        elif operation == "duplicate" and lines:
            index = draw(st.integers(0, len(lines) - 1))
            text = "".join(lines[: index + 1] + lines[index:])
        elif operation == "swap" and len(lines) > 1:
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            text = "".join(lines)
        elif operation == "truncate":
            text = text[: draw(st.integers(0, len(text)))]
    return text


@SETTINGS
@given(mutated())
def test_mutated_records_are_reported_not_raised(text: str) -> None:
    _check_repo({"visits/2020/02/20200203-abc.yaml": text})


def test_a_50_mb_file_is_refused_quickly(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(EXAMPLES / "base", root)
    with (root / "visits/2020/02/20200210-big.yaml").open("w", encoding="utf-8") as stream:
        stream.write("summary: ")
        for _ in range(50):
            stream.write("督" * (1024 * 1024 // 3))
    issues = check(root, dt.date(2020, 2, 21)).issues
    assert [i.rule for i in issues] == ["too-large"]


def test_deep_nesting_and_alias_bombs_are_refused() -> None:
    deep = "a: " + "[" * 200 + "]" * 200
    assert [i.rule for i in load_text(deep, "t.yaml").issues] == ["too-complex"]
    deep_maps = "".join("  " * i + f"k{i}:\n" for i in range(200)) + "  " * 200 + "v: 1\n"
    assert [i.rule for i in load_text(deep_maps, "t.yaml").issues] == ["too-complex"]
    bomb = "a: &a [x,x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{n}: &{n} [{', '.join(['*' + p] * 10)}]\n"
        for p, n in zip("abcdefgh", "bcdefghi", strict=True)
    )
    assert [i.rule for i in load_text(bomb, "t.yaml").issues] == ["too-complex"]
