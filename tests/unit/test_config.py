from __future__ import annotations

from pathlib import Path

import pytest

from ducha.errors import ConfigError
from ducha.outputs.i18n import describe
from ducha.store.config import find_root, load_settings
from tests.helpers import build_file_tree


def test_find_root_walks_up(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"ducha.yaml": "", "visits/2020/02/x.txt": ""})
    assert find_root(tmp_path / "visits" / "2020" / "02") == tmp_path.resolve()


def test_find_root_takes_a_records_folder_beside_the_code(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"records/ducha.yaml": ""})
    assert find_root(tmp_path) == (tmp_path / "records").resolve()


def test_outside_a_repository_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as raised:
        find_root(tmp_path)
    assert "ducha.yaml" in describe(raised.value, "zh")
    assert "create ducha.yaml" in describe(raised.value, "en")


def test_defaults_fill_an_empty_config(tmp_path: Path) -> None:
    build_file_tree(tmp_path, {"ducha.yaml": ""})
    settings = load_settings(tmp_path)
    assert len(settings.focus.terms) == 13
    assert settings.severity.codes == ("minor", "major", "serious")
    assert settings.is_serious("serious") and not settings.is_serious("minor")
    assert settings.issues == ()


def test_configured_taxonomy_and_policies(tmp_path: Path) -> None:
    build_file_tree(
        tmp_path,
        {
            "ducha.yaml": (
                "lang: en\nfocus_areas:\n  - {code: masks, label: 口罩}\n"
                "severities:\n  - {code: low, label: 低, deadline: 2个工作日}\n  - {code: high, label: 高}\n"
                "deadlines: {yellow_days: 4}\nreturn_visits: {rest_days: 10}\n"
            )
        },
    )
    settings = load_settings(tmp_path)
    assert settings.lang == "en"
    assert settings.focus.codes == ("masks",)
    assert settings.severity_due["low"].days == 2
    assert settings.severity_due["high"].days == 5
    assert (settings.yellow_days, settings.returns.rest_days) == (4, 10)
