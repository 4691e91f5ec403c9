"""A city hub over three county repositories: every answer is the counties' answers combined.

Real git throughout: two counties cloned into the hub, one reached through a file:// URL
(the forge's stand-in) and fetched by ``ducha sources sync``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import RunCli, git
from tests.hubs import COUNTIES, hub

AS_OF = "2020-02-21"
MOUNTS = {"临川": "counties/linchuan", "东乡": ".ducha/sources/东乡", "金溪": "counties/jinxi"}


@pytest.fixture
def city(tmp_path: Path, run_cli: RunCli) -> Path:
    root, _ = hub(tmp_path)
    done = run_cli("sources", "sync", cwd=root)
    assert done.exit_code == 0, done.output
    return root


def _json(run_cli: RunCli, root: Path, *args: str) -> dict[str, Any]:
    done = run_cli(*args, cwd=root)
    assert done.exit_code == 0, done.output
    found: Any = json.loads(done.stdout)
    return found  # type: ignore[no-any-return]


def test_sync_clones_the_url_source_shallow_and_writes_the_lock(
    city: Path, run_cli: RunCli
) -> None:
    clone = city / ".ducha" / "sources" / "东乡"
    assert git(clone, "rev-parse", "--is-shallow-repository").strip() == "true"
    assert "东乡" in (city / "sources.lock").read_text(encoding="utf-8")
    assert git(city, "status", "--porcelain", "--ignored", ".ducha").strip() == "!! .ducha/"
    listed = run_cli("sources", cwd=city)
    assert listed.exit_code == 0
    assert "严重程度及期限" in listed.stdout  # 东乡's own severities are named
    again = run_cli("sources", "sync", cwd=city)
    assert "东乡：没有新提交" in again.stdout


def test_overdue_on_the_hub_is_each_county_overdue_under_its_name(
    city: Path, run_cli: RunCli
) -> None:
    combined = _json(run_cli, city, "overdue", "-f", "json", "--as-of", AS_OF)
    expected: dict[str, tuple[str, int, str]] = {}
    for name, mount in MOUNTS.items():
        alone = _json(run_cli, city / mount, "overdue", "-f", "json", "--as-of", AS_OF)
        for row in alone["findings"]:
            expected[f"{name}/{row['id']}"] = (
                row["light"],
                row["working_days_late"],
                row["deadline"],
            )
    found = {
        r["id"]: (r["light"], r["working_days_late"], r["deadline"]) for r in combined["findings"]
    }
    assert found == expected
    assert len(found) == 6
    assert {s["name"] for s in combined["sources"]} == set(COUNTIES)
    assert all(len(s["commit"]) == 40 for s in combined["sources"])


def test_each_finding_is_derived_under_its_own_sources_settings(
    city: Path, run_cli: RunCli
) -> None:
    rows = {
        r["id"]: r for r in _json(run_cli, city, "export", "-f", "json", "--as-of", AS_OF)["rows"]
    }
    # 东乡's 特别严重 is due at once (the next working day); 临川 knows only 一般, due in 5
    assert rows["东乡/20200217-dx4/1"]["deadline"] == "2020-02-18"
    assert rows["东乡/20200217-dx4/1"]["severity_label"] == "特别严重"
    assert rows["临川/20200217-lc4/1"]["deadline"] == "2020-02-24"
    for name, mount in MOUNTS.items():
        alone = _json(run_cli, city / mount, "export", "-f", "json", "--as-of", AS_OF)["rows"]
        for row in alone:
            mine = rows[f"{name}/{row['id']}"]
            assert (mine["state"], mine["deadline"], mine["light"]) == (
                row["state"],
                row["deadline"],
                row["light"],
            )


def test_each_source_lights_yellow_in_its_own_window(city: Path, run_cli: RunCli) -> None:
    """临川 shows yellow only on the day a deadline falls (yellow_days: 0), the hub 2 days before:
    its 一般 due on Monday is not yellow on Friday, in the hub as in 临川 alone."""
    config = city / MOUNTS["临川"] / "ducha.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "deadlines:\n  yellow_days: 0\n", encoding="utf-8")  # fmt: skip
    shop = "20200217-lc4/1"
    for where, prefix in ((city, "临川/"), (city / MOUNTS["临川"], "")):
        rows = _json(run_cli, where, "--no-cache", "overdue", "-f", "json", "--as-of", AS_OF)
        assert prefix + shop not in {r["id"] for r in rows["findings"]}, where
        exported = _json(run_cli, where, "--no-cache", "export", "-f", "json", "--as-of", AS_OF)
        [row] = [r for r in exported["rows"] if r["id"] == prefix + shop]
        assert row["light"] == "green"
        shown = run_cli("--no-cache", "show", prefix + shop, "--as-of", AS_OF, cwd=where)
        assert shown.exit_code == 0 and "黄" not in shown.stdout, shown.stdout
    # 东乡 keeps the hub's window: its 一般 due in 3 working days from 2020-02-17 is yellow
    rows = _json(run_cli, city, "--no-cache", "overdue", "-f", "json", "--as-of", AS_OF)
    yellow = {r["id"] for r in rows["findings"] if r["light"] == "yellow"}
    assert yellow and all(not i.startswith("临川/") for i in yellow)
    # an explicit window is the clerk's, for every source
    rows = _json(run_cli, city, "--no-cache", "overdue", "-f", "json", "--as-of", AS_OF, "--within", "2")  # fmt: skip
    assert "临川/" + shop in {r["id"] for r in rows["findings"] if r["light"] == "yellow"}


def test_stats_by_source_are_each_sources_own_figures(city: Path, run_cli: RunCli) -> None:
    args = ("stats", "-f", "json", "--as-of", AS_OF, "--from", "2020-02-01")
    groups = {g["group"]: g for g in _json(run_cli, city, *args, "--by", "source")["groups"]}
    for name, mount in MOUNTS.items():
        alone = _json(run_cli, city / mount, *args)["groups"][0]
        mine = groups[name]
        for key in ("visits", "findings", "by_state", "rectified", "on_time", "relapsed"):
            assert mine[key] == alone[key], (name, key)


def test_show_takes_a_namespaced_id(city: Path, run_cli: RunCli) -> None:
    done = run_cli("show", "东乡/20200217-dx4/1", "--as-of", AS_OF, cwd=city)
    assert done.exit_code == 0, done.output
    assert "特别严重" in done.stdout
    assert "汇总自：" in done.stdout


def test_validate_names_the_source_and_the_path_from_the_hub(city: Path, run_cli: RunCli) -> None:
    visit = city / "counties/linchuan/visits/2020/02/20200217-lc4.yaml"
    visit.write_text(
        visit.read_text(encoding="utf-8").replace("severity: 一般", "severity: 一班"),
        encoding="utf-8",
    )
    done = run_cli("validate", cwd=city)
    assert done.exit_code == 1
    line = next(x for x in done.output.splitlines() if "一班" in x)
    assert line.startswith("[临川] counties/linchuan/visits/2020/02/20200217-lc4.yaml:")
    problems = _json_problems(run_cli, city)
    assert {p["source"] for p in problems if p["severity"] == "error"} == {"临川"}


def _json_problems(run_cli: RunCli, root: Path) -> list[dict[str, Any]]:
    done = run_cli("validate", "-f", "json", cwd=root)
    problems: list[dict[str, Any]] = json.loads(done.stdout)["problems"]
    return problems


def test_diff_between_two_syncs_tells_what_changed_in_a_county(
    city: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    git(city, "add", "sources.lock")
    git(city, "commit", "-q", "-m", "第一次同步")
    upstream = tmp_path / "forge" / "东乡"
    check = upstream / "visits/2020/02/20200212-dx2.yaml"
    check.write_text(
        check.read_text(encoding="utf-8").replace("result: 整改到位", "result: 未整改到位"),
        encoding="utf-8",
    )
    git(upstream, "commit", "-q", "-am", "回访结果改为未整改到位")
    done = run_cli("sources", "sync", "--commit", cwd=city)
    assert done.exit_code == 0, done.output
    review = _json(run_cli, city, "diff", "HEAD~1..HEAD", "-f", "json", "--as-of", AS_OF)
    changes = {(c["kind"], c["subject"]) for c in review["changes"]}
    assert changes == {("state", "东乡/20200205-dx1/3"), ("check-edited", "东乡/20200205-dx1/3")}
    again = _json(run_cli, city, "diff", "-f", "json", "--as-of", AS_OF)
    assert again["changes"] == []  # the work tree's lock is the one committed


def test_a_unit_two_sources_list_is_reported_not_merged(city: Path, run_cli: RunCli) -> None:
    units = city / "counties/jinxi/units.yaml"
    units.write_text(
        units.read_text(encoding="utf-8")
        + "  - {id: LC-SQ-09, name: 临川城关镇东门社区, district: 临川, kind: 城市社区}\n",
        encoding="utf-8",
    )
    done = run_cli("validate", cwd=city)
    assert "unit-in-two-sources" in done.output
    assert "临川/LC-SQ-01" in done.output


def test_a_source_outside_the_hub_is_refused(city: Path, run_cli: RunCli) -> None:
    config = city / "ducha.yaml"
    config.write_text(
        config.read_text(encoding="utf-8") + "  - name: 外县\n    path: ../forge/临川\n",
        encoding="utf-8",
    )
    done = run_cli("validate", cwd=city)
    assert done.exit_code == 1
    assert "config-source-outside" in done.output
    (city / "counties" / "link").symlink_to(city.parent / "forge" / "金溪")
    config.write_text(
        config.read_text(encoding="utf-8").replace("../forge/临川", "counties/link"),
        encoding="utf-8",
    )
    done = run_cli("validate", cwd=city)
    assert "source-escapes" in done.output


PERSONAL = ("13900002222", "13800001111", "王某某", "李某某", "社区主任赵某", "已安排专人测温")


def test_the_site_holds_no_personal_data_nor_plans(
    city: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    done = run_cli("site", "-o", str(out), "--as-of", AS_OF, cwd=city)
    assert done.exit_code == 0, done.output
    pages = {
        p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in out.rglob("*.html")
    }
    assert "sources/临川/units/LC-YY-01.html" in pages
    everything = "\n".join(pages.values())
    assert not [word for word in PERSONAL if word in everything]
    assert "20200224-" not in everything  # the planned return visits
    assert "20200212-" not in everything  # the covert return visits, as visits
    internal = tmp_path / "internal"
    assert (
        run_cli("site", "-o", str(internal), "--as-of", AS_OF, "--internal", cwd=city).exit_code
        == 0
    )
    assert "社区主任赵某" in (internal / "sources/临川/findings/20200205-lc1~1.html").read_text(
        encoding="utf-8"
    )


def test_the_site_refuses_a_folder_of_other_files(
    city: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    out = tmp_path / "notes"
    out.mkdir()
    (out / "mine.txt").write_text("我的笔记", encoding="utf-8")
    done = run_cli("site", "-o", str(out), cwd=city)
    assert done.exit_code == 1
    assert (out / "mine.txt").read_text(encoding="utf-8") == "我的笔记"
    assert not (out / "index.html").exists()
    over = run_cli("site", "-o", str(city), "--force", cwd=city)
    assert over.exit_code == 1
    assert (city / "ducha.yaml").is_file()
    into = run_cli("site", "-o", "counties/linchuan/visits", "--force", cwd=city)
    assert into.exit_code == 1
    assert "counties/linchuan/visits 在记录之中" in into.output  # the folder named, not a mark
    mine = out / "mine.txt"
    onto = run_cli("site", "-o", str(mine), "--force", cwd=city)
    assert onto.exit_code == 1
    assert f"{mine} 不是目录" in onto.output
    assert mine.read_text(encoding="utf-8") == "我的笔记"


def test_the_site_is_replaced_whole_on_the_next_build(
    city: Path, run_cli: RunCli, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    assert run_cli("site", "-o", str(out), "--as-of", AS_OF, cwd=city).exit_code == 0
    stale = out / "sources/临川/findings/20200205-lc1~1.html"
    assert stale.is_file()
    visit = city / "counties/linchuan/visits/2020/02/20200205-lc1.yaml"
    visit.unlink()
    assert run_cli("site", "-o", str(out), "--as-of", AS_OF, cwd=city).exit_code == 0
    assert not stale.exists()
    assert (out / "index.html").is_file()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site.")] == []


BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(BROWSER is None, reason="needs Chromium")
def test_the_site_in_a_real_browser(city: Path, run_cli: RunCli, tmp_path: Path) -> None:
    assert BROWSER is not None
    out = tmp_path / "site"
    visit = city / "counties/linchuan/visits/2020/02/20200205-lc1.yaml"
    visit.write_text(
        visit.read_text(encoding="utf-8").replace("无人值守", "无人值守<i>斜体</i>"), "utf-8"
    )
    assert run_cli("site", "-o", str(out), "--as-of", AS_OF, cwd=city).exit_code == 0

    def dom(url: str) -> str:
        done = subprocess.run(
            [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", url],
            capture_output=True, text=True, timeout=60, check=True,
        )  # fmt: skip
        return done.stdout

    front = dom((out / "index.html").as_uri())
    assert front.count('data-light="red"') >= 4 + 1  # four rows and the card
    assert '<b id="shown"></b>' in front  # every finding's rows are read when asked for
    assert front.count("<svg") >= 4
    every = dom((out / "index.html").as_uri() + "#/")  # every id has a /
    assert '<b id="shown">12</b>' in every  # read from each source's search.js
    listed = every.split('<table id="all">')[1]
    assert listed.count("<tr data-light") == 12
    assert 'href="sources/东乡/findings/20200205-dx1~3.html"' in listed
    assert "无人值守&lt;i&gt;斜体&lt;/i&gt;" in listed  # a record's text stays text
    assert "<i>斜体" not in every
    searched = dom((out / "index.html").as_uri() + "#万家福")
    assert '<b id="shown">3</b>' in searched
    unit = dom((out / "sources/东乡/units/DX-YY-01.html").as_uri())
    assert "东乡人民医院" in unit
    assert "东乡/20200205-dx1/3" in unit
    shot = tmp_path / "front.png"
    subprocess.run(
        [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", f"--screenshot={shot}",
         "--window-size=390,1200", (out / "index.html").as_uri()],
        capture_output=True, timeout=60, check=True,
    )  # fmt: skip
    from PIL import Image

    with Image.open(shot) as image:
        rgb = image.convert("RGB")
        colours = {rgb.getpixel((x, y)) for x in range(0, 390, 5) for y in range(0, 1200, 5)}
    assert (198, 40, 40) in colours  # a red light drawn on a phone's width


def test_log_follows_a_hubs_id_into_its_sources_history(city: Path, run_cli: RunCli) -> None:
    county = city / "counties/linchuan"
    visit = county / "visits/2020/02/20200205-lc1.yaml"
    visit.write_text(
        visit.read_text(encoding="utf-8").replace("deadline: 3个工作日", "deadline: 5个工作日"),
        encoding="utf-8",
    )
    git(county, "commit", "-q", "-am", "延长整改期限")
    done = run_cli("log", "临川/20200205-lc1/1", "-f", "json", "--as-of", AS_OF, cwd=city)
    assert done.exit_code == 0, done.output
    commits = json.loads(done.stdout)["commits"]
    assert [c["message"] for c in commits] == ["延长整改期限", "临川：二月督查"]
    assert "来源 临川（counties/linchuan）" in done.stderr
    assert run_cli("log", "外县/20200205-lc1/1", cwd=city).exit_code == 1
