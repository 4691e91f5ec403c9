"""report-back, check and new visit --returns-to: edits that keep what the clerk wrote."""

from __future__ import annotations

import hashlib
import os
import re
import stat
from pathlib import Path

import pytest

from tests.helpers import RunCli, git

VISIT = """\
# 城东夜查（手写）
id: 20200210-k7m
date: 2020-02-10
team: T1
units: U1
methods: [综合督查, 暗访]
findings:
  # 北门
  - focus: 封闭管理
    severity: 较重
    description: 北门夜间无人值守。
    deadline: 3个工作日   # 组长定的

  - focus: 宣传
    severity: 一般
    description: 宣传栏内容过期。

exemplars: []
"""
VISIT_PATH = "visits/2020/02/20200210-k7m.yaml"


@pytest.fixture
def records(run_cli: RunCli, tmp_path: Path) -> Path:
    """A fresh ``ducha init`` repository with a team, a unit and one hand-written visit."""
    root = tmp_path / "records"
    assert run_cli("init", str(root), "--commit").exit_code == 0
    assert run_cli("-C", str(root), "new", "team", "--id", "T1", "--name", "一组", "--leader", "王某").exit_code == 0  # fmt: skip
    assert run_cli("-C", str(root), "new", "unit", "--id", "U1", "--name", "幸福社区", "--district", "东区", "--kind", "城市社区").exit_code == 0  # fmt: skip
    (root / VISIT_PATH).parent.mkdir(parents=True)
    (root / VISIT_PATH).write_text(VISIT, encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "visit")
    return root


def _diff(root: Path) -> list[str]:
    """The lines git sees added and removed in the working tree."""
    out = git(root, "diff", "--no-color", "-U0")
    return [
        line
        for line in out.splitlines()
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_report_back_adds_a_report_and_nothing_else(
    run_cli: RunCli, records: Path, tmp_path: Path
) -> None:
    photo = tmp_path / "北门照片.jpg"
    photo.write_bytes(b"\xff\xd8 a photo")
    result = run_cli(
        "-C", str(records), "report-back", "20200210-k7m/1", "--date", "2020年2月12日",
        "-e", str(photo), "--note", "已安排专人值守",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    copied = records / "evidence/20200210-k7m/北门照片.jpg"
    assert copied.read_bytes() == photo.read_bytes()
    digest = hashlib.sha256(photo.read_bytes()).hexdigest()
    assert _diff(records) == [
        "+    reports:",
        "+      - date: 2020-02-12",
        "+        evidence:",
        "+          - evidence/20200210-k7m/北门照片.jpg",
        "+        sha256:",
        f"+          evidence/20200210-k7m/北门照片.jpg: {digest}",
        "+        note: 已安排专人值守",
    ]
    text = (records / VISIT_PATH).read_text(encoding="utf-8")
    assert "# 城东夜查（手写）" in text and "# 组长定的" in text and "# 北门" in text
    assert run_cli("-C", str(records), "validate").exit_code == 0
    shown = run_cli("-C", str(records), "show", "20200210-k7m/1")
    assert "已反馈待核验" in shown.output and "已安排专人值守" in shown.output


def test_a_dry_run_shows_the_change_and_writes_nothing(
    run_cli: RunCli, records: Path, tmp_path: Path
) -> None:
    photo = tmp_path / "scan.pdf"
    photo.write_bytes(b"%PDF-1.4")
    result = run_cli(
        "-C", str(records), "report-back", "20200210-k7m/2", "--date", "2020-02-12",
        "-e", str(photo), "--dry-run",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "+    reports:" in result.output and "将复制" in result.output
    assert git(records, "status", "--porcelain") == ""


def test_evidence_of_the_same_name_is_never_replaced(
    run_cli: RunCli, records: Path, tmp_path: Path
) -> None:
    first, second = tmp_path / "a" / "照片.jpg", tmp_path / "b" / "照片.jpg"
    for file, content in ((first, b"one"), (second, b"two")):
        file.parent.mkdir()
        file.write_bytes(content)
    for file in (first, second, first):
        result = run_cli("-C", str(records), "report-back", "20200210-k7m/1", "--date", "2020-02-12", "-e", str(file))  # fmt: skip
        assert result.exit_code == 0, result.output
    folder = records / "evidence/20200210-k7m"
    assert sorted(p.name for p in folder.iterdir()) == ["照片-2.jpg", "照片.jpg"]
    assert (folder / "照片.jpg").read_bytes() == b"one"
    assert (folder / "照片-2.jpg").read_bytes() == b"two"
    assert run_cli("-C", str(records), "validate").exit_code == 0
    (folder / "照片.jpg").write_bytes(b"swapped")  # a file changed after it was recorded
    result = run_cli("-C", str(records), "validate")
    assert "[evidence-hash]" in result.output and "照片.jpg" in result.output


def test_evidence_inside_the_repository_is_recorded_where_it_is(
    run_cli: RunCli, records: Path
) -> None:
    inside = records / "evidence" / "整改报告.md"
    inside.write_text("整改报告", encoding="utf-8")
    result = run_cli("-C", str(records), "report-back", "20200210-k7m/1", "--date", "2020-02-12", "-e", str(inside))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "- evidence/整改报告.md" in (records / VISIT_PATH).read_text(encoding="utf-8")
    assert not (records / "evidence/20200210-k7m").exists()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("20200210-k7m/9", "--date", "2020-02-12"), "没有问题 20200210-k7m/9"),
        (("20200210-k7m/1", "--date", "2020-03-01"), "还没到"),
        (("20200210-k7m/1", "--date", "2020-02-09"), "早于督查"),
        (("20200210-k7m/1", "--date", "2月12日"), "日期 2月12日 不对"),
        (("20200210-k7m/1", "-e", "/nonexistent/x.jpg"), "无法读取佐证材料"),
    ],
)
def test_report_back_refuses_with_a_reason(
    run_cli: RunCli, records: Path, args: tuple[str, ...], words: str
) -> None:
    result = run_cli("-C", str(records), "report-back", *args)
    assert result.exit_code in (1, 2) and words in result.output, result.output
    assert "Traceback" not in result.output
    assert git(records, "status", "--porcelain") == ""


def test_a_full_width_slash_and_capitals_name_the_same_finding(
    run_cli: RunCli, records: Path
) -> None:
    result = run_cli("-C", str(records), "report-back", "20200210-K7M／2", "--date", "2020-02-12")
    assert result.exit_code == 0, result.output
    assert "reports:" in (records / VISIT_PATH).read_text(encoding="utf-8")


def test_edits_keep_line_ends_bom_and_mode(run_cli: RunCli, records: Path) -> None:
    path = records / VISIT_PATH
    path.write_bytes(b"\xef\xbb\xbf" + VISIT.replace("\n", "\r\n").encode("utf-8"))
    os.chmod(path, 0o640)  # noqa: PTH101
    result = run_cli("-C", str(records), "report-back", "20200210-k7m/2", "--date", "2020-02-12")
    assert result.exit_code == 0, result.output
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\n" not in raw.replace(b"\r\n", b"")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert run_cli("-C", str(records), "validate").exit_code == 0


def test_a_comment_inside_brackets_is_never_lost(run_cli: RunCli, records: Path) -> None:
    path = records / VISIT_PATH
    path.write_text(
        VISIT.replace("methods: [综合督查, 暗访]", "methods: [综合督查,  # 综合\n  暗访]"),
        encoding="utf-8",
    )
    before = path.read_bytes()
    result = run_cli("-C", str(records), "report-back", "20200210-k7m/2", "--date", "2020-02-12")
    assert result.exit_code == 1 and "注释" in result.output
    assert path.read_bytes() == before


def test_a_closed_finding_takes_no_report(run_cli: RunCli, records: Path) -> None:
    assert run_cli("-C", str(records), "check", "20200210-k7m/1", "整改到位", "--date", "2020-02-14", "--team", "T1").exit_code == 0  # fmt: skip
    result = run_cli("-C", str(records), "report-back", "20200210-k7m/1", "--date", "2020-02-17")
    assert result.exit_code == 1 and "已于 2020-02-14 销号" in result.output


def test_check_creates_then_adds_to_the_days_return_visit(run_cli: RunCli, records: Path) -> None:
    first = run_cli(
        "-C", str(records), "check", "20200210-k7m/1", "未整改到位", "--date", "2020-02-14",
        "--team", "T1", "--note", "仍无人值守", "--deadline", "2个工作日",
    )  # fmt: skip
    assert first.exit_code == 0, first.output
    made = list((records / "visits/2020/02").glob("20200214-*.yaml"))
    assert len(made) == 1
    second = run_cli("-C", str(records), "check", "20200210-k7m/2", "rectified", "--date", "2020-02-14")  # fmt: skip
    assert second.exit_code == 0, second.output
    assert list((records / "visits/2020/02").glob("20200214-*.yaml")) == made
    text = made[0].read_text(encoding="utf-8")
    assert "returns_to: [20200210-k7m]" in text and "methods: [杀回马枪]" in text
    assert (
        text.index("result: 未整改到位") < text.index("result: 整改到位") < text.index("findings:")
    )
    assert "    deadline: 2个工作日\n  - finding: 20200210-k7m/2" in text  # no blank line between
    assert run_cli("-C", str(records), "validate").exit_code == 0
    overdue = run_cli("-C", str(records), "overdue", "--as-of", "2020-02-21", "-f", "json")
    assert '"20200210-k7m/1"' in overdue.output  # reopened: 2 working days from the 14th
    again = run_cli("-C", str(records), "check", "20200210-k7m/2", "整改到位", "--date", "2020-02-14")  # fmt: skip
    assert again.exit_code == 1 and "已记录了问题" in again.output


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("20200210-k7m/1", "整改好了", "--date", "2020-02-14", "--team", "T1"), "可选：整改到位"),
        (("20200210-k7m/1", "整改到位", "--date", "2020-02-14"), "新建需要 --team"),
        (("20200210-k7m/1", "整改到位", "--date", "2020-02-10", "--team", "T1"), "不晚于"),
        (("20200210-k7m/1", "整改到位", "--date", "2020-02-14", "--team", "T9"), "督查组 T9 不存在"),
        (("20200210-k7m/1", "整改到位", "--deadline", "3个工作日", "--date", "2020-02-14", "--team", "T1"), "不需要新期限"),
        (("20200210-k7m/1", "未整改到位", "--deadline", "下周", "--date", "2020-02-14", "--team", "T1"), "deadline"),
    ],
)  # fmt: skip
def test_check_refuses_with_a_reason(
    run_cli: RunCli, records: Path, args: tuple[str, ...], words: str
) -> None:
    result = run_cli("-C", str(records), "check", *args)
    assert result.exit_code == 1 and words in result.output, result.output
    assert git(records, "status", "--porcelain") == ""


def test_a_planned_return_visit_is_done_once_its_first_result_is_in(
    run_cli: RunCli, records: Path
) -> None:
    planned = records / "visits/2020/02/20200214-pln.yaml"
    planned.write_text(
        "id: 20200214-pln\ndate: 2020-02-14\nstatus: planned   # 由 schedule 安排\nteam: T1\n"
        "units: [U1]\nmethods: [暗访, 常规检查]\nreturns_to: 20200210-k7m\n"
        "to_check: [20200210-k7m/1, 20200210-k7m/2]\n",
        encoding="utf-8",
    )
    result = run_cli("-C", str(records), "check", "20200210-k7m/1", "整改到位", "--visit", "20200214-pln")  # fmt: skip
    assert result.exit_code == 0, result.output
    text = planned.read_text(encoding="utf-8")
    assert re.search(r"^status: 已完成 +# 由 schedule 安排$", text, re.MULTILINE)
    assert "methods: [暗访, 杀回马枪]" in text
    assert "checks:\n  - finding: 20200210-k7m/1\n    result: 整改到位\n" in text
    assert run_cli("-C", str(records), "validate").exit_code == 0


def test_new_return_visit_lists_the_open_findings_for_results(
    run_cli: RunCli, records: Path
) -> None:
    assert run_cli("-C", str(records), "check", "20200210-k7m/2", "整改到位", "--date", "2020-02-12", "--team", "T1").exit_code == 0  # fmt: skip
    made = run_cli("-C", str(records), "new", "visit", "--team", "T1", "--date", "2020-02-17", "--returns-to", "20200210-k7m")  # fmt: skip
    assert made.exit_code == 0, made.output
    path = records / next(x for x in made.output.splitlines() if x.startswith("visits/"))
    text = path.read_text(encoding="utf-8")
    assert "  - finding: 20200210-k7m/1   # 北门夜间无人值守。\n    result: " in text
    assert "20200210-k7m/2" not in text  # closed on the 12th
    result = run_cli("-C", str(records), "validate")
    assert result.exit_code == 1 and "checks[1].result" in result.output  # until filled in
    filled = run_cli("-C", str(records), "check", "20200210-k7m/1", "反弹", "--visit", path.stem)
    assert filled.exit_code == 0, filled.output
    assert run_cli("-C", str(records), "validate").exit_code == 0


def test_a_return_visit_that_verifies_nothing_is_reported(run_cli: RunCli, records: Path) -> None:
    made = run_cli("-C", str(records), "new", "visit", "--team", "T1", "--unit", "U1", "--date", "2020-02-14", "--method", "杀回马枪")  # fmt: skip
    assert made.exit_code == 0, made.output
    result = run_cli("-C", str(records), "validate")
    assert "[return-without-origin]" in result.output


def test_commit_records_the_file_and_its_evidence(
    run_cli: RunCli, records: Path, tmp_path: Path
) -> None:
    photo = tmp_path / "p.jpg"
    photo.write_bytes(b"jpeg")
    result = run_cli("-C", str(records), "report-back", "20200210-k7m/1", "--date", "2020-02-12", "-e", str(photo), "--commit")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert git(records, "status", "--porcelain") == ""
    shown = git(records, "show", "--stat", "--format=%s", "HEAD")
    assert "20200210-k7m/1" in shown and "evidence/20200210-k7m/p.jpg" in shown


def _photo(path: Path, taken: str | None) -> Path:
    """A small JPEG, with the day a camera would write into it."""
    from PIL import Image

    image = Image.new("RGB", (64, 48), "red")
    exif = Image.Exif()
    if taken is not None:
        exif.get_ifd(0x8769)[0x9003] = f"{taken.replace('-', ':')} 09:30:00"
    image.save(path, "JPEG", exif=exif)
    return path


def test_photos_on_a_finding_and_a_check_are_dated_against_the_visits(
    run_cli: RunCli, records: Path, tmp_path: Path
) -> None:
    same_day = _photo(tmp_path / "现场.jpg", "2020-02-10")
    old = _photo(tmp_path / "旧照片.jpg", "2019-12-01")
    result = run_cli("-C", str(records), "attach", "20200210-k7m/1", str(same_day), str(old))
    assert result.exit_code == 0, result.output
    text = (records / VISIT_PATH).read_text(encoding="utf-8")
    assert "    evidence:\n      - evidence/20200210-k7m/现场.jpg\n" in text
    assert text.index("    evidence:") < text.index("    sha256:") < text.index("  - focus: 宣传")
    checked = run_cli("-C", str(records), "validate")
    assert checked.exit_code == 0  # a warning, not an error
    [warned] = [line for line in checked.output.splitlines() if "[photo-date]" in line]
    assert "旧照片.jpg 拍摄于 2019-12-01，不是督查当天（2020-02-10）" in warned
    later = _photo(tmp_path / "回访.jpg", "2020-02-14")
    result = run_cli(
        "-C", str(records), "check", "20200210-k7m/1", "整改到位", "--date", "2020-02-14",
        "--team", "T1", "-e", str(later),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    [made] = list((records / "visits/2020/02").glob("20200214-*.yaml"))
    assert f"evidence/{made.stem}/回访.jpg" in made.read_text(encoding="utf-8")
    assert "[photo-date]" not in run_cli("-C", str(records), "validate").output.replace(warned, "")
    shown = run_cli("-C", str(records), "show", "20200210-k7m/1")
    assert "现场.jpg" in shown.output


def test_a_report_photo_from_before_the_visit_is_questioned(
    run_cli: RunCli, records: Path, tmp_path: Path
) -> None:
    photo = _photo(tmp_path / "整改后.jpg", "2020-02-09")  # the day before the problem was found
    result = run_cli("-C", str(records), "report-back", "20200210-k7m/1", "--date", "2020-02-12", "-e", str(photo))  # fmt: skip
    assert result.exit_code == 0
    checked = run_cli("-C", str(records), "validate")
    assert "不在督查（2020-02-10）到反馈（2020-02-12）之间 [photo-date]" in checked.output


def test_a_broken_or_hostile_image_has_no_date_and_breaks_nothing(
    run_cli: RunCli, records: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "坏.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe1\x00\x10Exif\x00\x00MM\x00*" + b"\xff" * 64)
    undated = _photo(tmp_path / "无日期.jpg", None)
    result = run_cli("-C", str(records), "attach", "20200210-k7m/2", str(broken), str(undated))
    assert result.exit_code == 0, result.output
    checked = run_cli("-C", str(records), "validate", "--strict")
    assert checked.exit_code == 0, checked.output
    again = run_cli("-C", str(records), "attach", "20200210-k7m/2", str(undated))
    assert again.exit_code == 1 and "已附在问题" in again.output


def test_a_notice_lists_the_photos_and_shows_them_in_html(
    run_cli: RunCli, records: Path, tmp_path: Path
) -> None:
    import base64
    import io

    from PIL import Image

    photo = _photo(tmp_path / "北门.jpg", "2020-02-10")
    assert run_cli("-C", str(records), "attach", "20200210-k7m/1", str(photo)).exit_code == 0
    md = run_cli("-C", str(records), "report", "notice", "--as-of", "2020-02-11", "-f", "md")
    assert md.exit_code == 0 and "现场佐证材料：北门.jpg。" in md.output
    html = run_cli("-C", str(records), "report", "notice", "--as-of", "2020-02-11", "-f", "html")
    assert html.exit_code == 0
    [src] = re.findall(r'src="data:image/jpeg;base64,([^"]+)"', html.output)
    with Image.open(io.BytesIO(base64.b64decode(src))) as shown:
        assert shown.size == (64, 48) and shown.format == "JPEG"
    out = tmp_path / "通知书.docx"
    docx = run_cli("-C", str(records), "report", "notice", "--as-of", "2020-02-11", "-o", str(out))
    assert docx.exit_code == 0
    import zipfile

    with zipfile.ZipFile(out) as archive:
        media = [n for n in archive.namelist() if n.startswith("word/media/")]
        assert len(media) == 1
        with Image.open(io.BytesIO(archive.read(media[0]))) as placed:
            assert placed.format == "JPEG"  # the thumbnail, not the original bytes
        assert "<w:drawing>" in archive.read("word/document.xml").decode("utf-8")


def test_a_photo_path_leading_out_of_the_repository_is_never_read(
    run_cli: RunCli, records: Path, tmp_path: Path
) -> None:
    outside = _photo(tmp_path / "secret.jpg", "2020-02-10")
    link = records / "evidence" / "link.jpg"
    link.symlink_to(outside)
    path = records / VISIT_PATH
    path.write_text(
        VISIT.replace(
            "    deadline: 3个工作日", "    evidence: [evidence/link.jpg]\n    deadline: 3个工作日"
        ),
        encoding="utf-8",
    )
    assert "[evidence-outside]" in run_cli("-C", str(records), "validate").output
    from ducha.outputs.report.model import Block, Memo
    from ducha.outputs.report.photos import with_thumbnails

    memo = Memo("notice", "t", "", (Block("photos", photos=("evidence/link.jpg",)),), "o", "o")
    assert with_thumbnails(memo, records).body[0].photos == ()


def test_a_markdown_record_keeps_its_narrative(run_cli: RunCli, records: Path) -> None:
    record = records / "visits/2020/02/20200211-mdx.md"
    narrative = "\n## 督查情况\n\n当天下午走访社区，横幅破损。\n"
    record.write_text(
        "---\n# 手写的 Markdown 记录\nid: 20200211-mdx\ndate: 2020-02-11\nteam: T1\nunits: U1\n"
        "findings:\n  - focus: 宣传\n    severity: 一般\n    description: 横幅破损。\n---\n"
        + narrative,
        encoding="utf-8",
    )
    result = run_cli("-C", str(records), "report-back", "20200211-mdx/1", "--date", "2020-02-12", "--note", "已更换")  # fmt: skip
    assert result.exit_code == 0, result.output
    text = record.read_text(encoding="utf-8")
    assert text.startswith("---\n# 手写的 Markdown 记录\n")
    assert text.endswith(
        "    reports:\n      - date: 2020-02-12\n        note: 已更换\n---\n" + narrative
    )
    assert run_cli("-C", str(records), "validate").exit_code == 0


def test_a_finding_written_in_flow_style_takes_a_report(run_cli: RunCli, records: Path) -> None:
    path = records / VISIT_PATH
    path.write_text(
        VISIT.replace(
            "  - focus: 宣传\n    severity: 一般\n    description: 宣传栏内容过期。\n",
            "  - {focus: 宣传, severity: 一般, description: 宣传栏内容过期。}\n",
        ),
        encoding="utf-8",
    )
    result = run_cli("-C", str(records), "report-back", "20200210-k7m/2", "--date", "2020-02-12")
    assert result.exit_code == 0, result.output
    assert run_cli("-C", str(records), "validate").exit_code == 0
    shown = run_cli("-C", str(records), "show", "20200210-k7m/2")
    assert "已反馈待核验" in shown.output


def test_the_kept_validation_sees_a_file_named_only_by_its_hash_change(
    run_cli: RunCli, records: Path
) -> None:
    """Differential: the validation reused from the cache equals a fresh one."""
    scan = records / "evidence" / "扫描件.pdf"
    scan.write_bytes(b"%PDF one")
    digest = hashlib.sha256(b"%PDF one").hexdigest()
    path = records / VISIT_PATH
    path.write_text(
        VISIT.replace(
            "    deadline: 3个工作日   # 组长定的",
            f"    deadline: 3个工作日   # 组长定的\n    sha256: {{evidence/扫描件.pdf: {digest}}}",
        ),
        encoding="utf-8",
    )
    assert run_cli("-C", str(records), "validate", "--strict").exit_code == 0  # kept now
    scan.write_bytes(b"%PDF two, swapped")
    kept = run_cli("-C", str(records), "validate").output
    fresh = run_cli("--no-cache", "-C", str(records), "validate").output
    assert kept == fresh and "[evidence-hash]" in fresh
