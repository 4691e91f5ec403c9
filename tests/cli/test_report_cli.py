from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest

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


def test_a_draft_takes_no_number(run_cli: RunCli, sample: Path) -> None:
    args = ("-C", str(sample), "report", "bulletin", "-f", "md", "--as-of", "2020-02-17")
    first, second = run_cli(*args), run_cli(*args)
    assert first.exit_code == 0 and first.output.startswith("（草稿，未编号）")
    assert second.output == first.output
    assert not (sample / "numbers.yaml").exists()
    refused = run_cli(*args, "--number", "3")
    assert refused.exit_code == 2 and "--issue" in refused.output


BULLETIN = ("report", "bulletin", "--from", "2020-02-10", "--to", "2020-02-16", "--as-of")


def _docx_texts(path: Path) -> list[str]:
    from docx import Document

    return [p.text for p in Document(io.BytesIO(path.read_bytes())).paragraphs]


def test_an_issued_memo_keeps_its_number_and_the_register_says_so(
    run_cli: RunCli, sample: Path, tmp_path: Path
) -> None:
    import yaml

    target = tmp_path / "通报.docx"
    args = ("-C", str(sample), *BULLETIN, "2020-02-17", "-o", str(target))
    result = run_cli(*args, "--issue")
    assert result.exit_code == 0 and f"已生成 {target}" in result.output
    assert "川疫督〔2020〕1号" in _docx_texts(target)
    register = yaml.safe_load((sample / "numbers.yaml").read_text(encoding="utf-8"))
    [entry] = register["document"][2020]
    assert (entry["number"], entry["kind"], entry["date"]) == (1, "bulletin", "2020-02-17")
    assert entry["output"] == str(target)
    refused = run_cli(*args, "--issue")  # an existing memo is never replaced silently
    assert refused.exit_code == 1 and "--force" in refused.output
    again = run_cli(*args, "--issue", "--force")  # the same memo, issued again: the same number
    assert again.exit_code == 0 and "川疫督〔2020〕1号" in _docx_texts(target)
    draft = run_cli("-C", str(sample), *BULLETIN, "2020-02-17", "-f", "md")
    assert draft.output.startswith("川疫督〔2020〕1号")  # re-rendered, still the issued number
    other = run_cli("-C", str(sample), *BULLETIN, "2020-02-18", "-f", "md", "--issue")
    assert other.output.startswith("川疫督〔2020〕2号")
    taken = run_cli(
        "-C", str(sample), *BULLETIN, "2020-02-19", "-f", "md", "--issue", "--number", "2"
    )
    assert taken.exit_code == 1 and "2 号已给了另一份公文" in taken.output
    next_year = run_cli("-C", str(sample), *BULLETIN, "2021-01-04", "-f", "md", "--issue")
    assert next_year.output.startswith("川疫督〔2021〕1号")  # numbers restart each year
    assert "# 公文编号登记" in (sample / "numbers.yaml").read_text(encoding="utf-8")


def test_an_older_register_is_carried_on_never_reused(run_cli: RunCli, sample: Path) -> None:
    (sample / "numbers.yaml").write_text("# 我们的登记\ndocument: 4\n", encoding="utf-8")
    issued = run_cli("-C", str(sample), *BULLETIN, "2020-02-17", "-f", "md", "--issue")
    assert issued.output.startswith("川疫督〔2020〕5号")
    text = (sample / "numbers.yaml").read_text(encoding="utf-8")
    assert text.startswith("# 我们的登记") and "number: 5" in text


def test_notices_for_every_unit_get_their_own_numbers(
    run_cli: RunCli, sample: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "notices"
    args = ("-C", str(sample), "report", "notice", "-f", "md", "--as-of", "2020-02-17")
    result = run_cli(*args, "-o", f"{folder}/", "--issue")
    assert result.exit_code == 0
    files = sorted(folder.iterdir())
    assert len(files) >= 10 and all(f.name.startswith("notice-") for f in files)
    numbers = {f.read_text(encoding="utf-8").splitlines()[0] for f in files}
    assert numbers == {f"川疫督〔2020〕{n}号" for n in range(1, len(files) + 1)}


def test_a_failed_write_takes_back_the_numbers_of_the_memos_left_out(
    run_cli: RunCli, sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yaml

    from ducha.store import writing

    real, calls = writing.write_output, []

    def failing(path: Path, *args: object, **kwargs: object) -> None:
        calls.append(path)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(writing, "write_output", failing)
    folder = tmp_path / "notices"
    args = ("-C", str(sample), "report", "notice", "-f", "md", "--as-of", "2020-02-17")
    failed = run_cli(*args, "-o", f"{folder}/", "--issue")
    assert failed.exit_code != 0
    register = yaml.safe_load((sample / "numbers.yaml").read_text(encoding="utf-8"))
    given = {e["number"]: Path(e["output"]).name for e in register["document"][2020]}
    assert given == {1: calls[0].name, 2: calls[1].name}  # what was written, and only that
    monkeypatch.setattr(writing, "write_output", real)
    again = run_cli(*args, "-o", f"{folder}/", "--issue", "--force")
    assert again.exit_code == 0
    register = yaml.safe_load((sample / "numbers.yaml").read_text(encoding="utf-8"))
    numbers = sorted(e["number"] for e in register["document"][2020])
    assert numbers == list(range(1, len(numbers) + 1))  # none skipped, none twice
    assert (folder / calls[0].name).read_text(encoding="utf-8").startswith("川疫督〔2020〕1号")


@pytest.mark.skipif(shutil.which("ducha") is None, reason="ducha is not installed")
def test_clerks_issuing_at_once_never_share_a_number(sample: Path) -> None:
    days = ["2020-02-17", "2020-02-18", "2020-02-19", "2020-02-20", "2020-02-21", "2020-02-24"]
    runs = [
        subprocess.Popen(
            ["ducha", "-C", str(sample), *BULLETIN, day, "-f", "md", "--issue"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for day in days
    ]
    firsts = [run.communicate(timeout=120)[0].splitlines()[0] for run in runs]
    assert sorted(firsts) == sorted(f"川疫督〔2020〕{n}号" for n in range(1, len(days) + 1))


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
    assert result.exit_code == 1 and "没有可移交的问题线索" in result.output


def test_an_empty_memo_is_not_made_and_says_why(run_cli: RunCli, sample: Path) -> None:
    base = ("-C", str(sample), "report")
    for args, why in (
        (("bulletin", "--from", "2019-01-01", "--to", "2019-01-31"), "没有督查，不出通报"),
        (("brief", "--as-of", "2020-02-16"), "2020-02-16 没有督查，不出日报"),
        (("special", "--from", "2020-02-01", "--to", "2020-02-02"), "不出专报"),
        (("notice", "--unit", "CD-SQ-01"), "没有待整改的问题（CD-SQ-01），不出整改通知书"),
    ):
        result = run_cli(
            *base, *args, "-f", "md", *(("--as-of", "2020-02-17") if "--as-of" not in args else ())
        )
        assert result.exit_code == 1 and why in result.output, (args, result.output)


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
