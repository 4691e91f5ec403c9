from __future__ import annotations

import io
from pathlib import Path

from tests.helpers import RunCli


def test_list_shows_which_template_is_used(run_cli: RunCli, sample: Path) -> None:
    (sample / "templates").mkdir(exist_ok=True)
    (sample / "templates" / "bulletin.md.j2").write_text("{{ memo.title }}\n", encoding="utf-8")
    result = run_cli("-C", str(sample), "report", "--list")
    assert result.exit_code == 0
    lines = [line for line in result.output.splitlines() if "bulletin" in line]
    assert any("本仓库" in line and "md" in line for line in lines)
    assert any("内置" in line and "docx" in line for line in lines)
    override = run_cli("-C", str(sample), "report", "bulletin", "-f", "md", "--as-of", "2020-02-17")
    assert override.output == "关于2020年2月17日督查情况的通报\n"


def test_markdown_to_stdout_does_not_use_up_a_number(run_cli: RunCli, sample: Path) -> None:
    first = run_cli("-C", str(sample), "report", "bulletin", "-f", "md", "--as-of", "2020-02-17")
    assert first.exit_code == 0 and first.output.startswith("川疫督〔2020〕1号")
    assert not (sample / "numbers.yaml").exists()


def test_docx_to_a_file_records_its_number(run_cli: RunCli, sample: Path, tmp_path: Path) -> None:
    from docx import Document

    target = tmp_path / "通报.docx"
    args = (
        "-C",
        str(sample),
        "report",
        "bulletin",
        "--from",
        "2020-02-10",
        "--to",
        "2020-02-16",
        "--as-of",
        "2020-02-17",
    )
    result = run_cli(*args, "-o", str(target))
    assert result.exit_code == 0 and f"已生成 {target}" in result.output
    texts = [p.text for p in Document(io.BytesIO(target.read_bytes())).paragraphs]
    assert "川疫督〔2020〕1号" in texts
    assert "document: 1" in (sample / "numbers.yaml").read_text(encoding="utf-8")
    refused = run_cli(*args, "-o", str(target))  # an existing memo is never replaced silently
    assert refused.exit_code == 1 and "--force" in refused.output
    again = run_cli(*args, "-o", str(target), "--force")
    assert again.exit_code == 0
    assert "川疫督〔2020〕2号" in [
        p.text for p in Document(io.BytesIO(target.read_bytes())).paragraphs
    ]


def test_notices_for_every_unit_get_their_own_numbers(
    run_cli: RunCli, sample: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "notices"
    result = run_cli(
        "-C",
        str(sample),
        "report",
        "notice",
        "-f",
        "md",
        "--as-of",
        "2020-02-17",
        "-o",
        f"{folder}/",
    )
    assert result.exit_code == 0
    files = sorted(folder.iterdir())
    assert len(files) >= 10 and all(f.name.startswith("notice-") for f in files)
    numbers = {f.read_text(encoding="utf-8").splitlines()[0] for f in files}
    assert len(numbers) == len(files)


def test_binary_formats_need_an_output(run_cli: RunCli, sample: Path) -> None:
    result = run_cli("-C", str(sample), "report", "bulletin", "--as-of", "2020-02-17")
    assert result.exit_code == 1 and "请用 --output" in result.output


def test_nothing_to_refer(run_cli: RunCli, sample: Path) -> None:
    result = run_cli(
        "-C",
        str(sample),
        "report",
        "referral",
        "--recipient",
        "discipline",
        "-f",
        "md",
        "--as-of",
        "2020-02-24",
    )
    assert result.exit_code == 0 and "没有可移交的问题线索" in result.output


def test_template_error_is_a_clear_message(run_cli: RunCli, sample: Path) -> None:
    (sample / "templates").mkdir(exist_ok=True)
    (sample / "templates" / "bulletin.html.j2").write_text(
        "<p>\n{{ memo.titel }}\n", encoding="utf-8"
    )
    result = run_cli("-C", str(sample), "report", "bulletin", "-f", "html", "--as-of", "2020-02-17")
    assert result.exit_code == 1
    assert (
        result.output.startswith("模板 bulletin.html.j2 第 2 行出错") and "titel" in result.output
    )
