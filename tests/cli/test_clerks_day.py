"""A clerk's whole cycle through the CLI on a fresh repository, checked step by step.

Import a 台账, chase, record a report-back with a photo, plan and record a return visit that
finds it not rectified, chase again, record the fix, render the reminder and a notice. After
every step validate is clean, the clerk's comments are still there, and git shows only what
the step meant to change.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from openpyxl import Workbook

from tests.helpers import RunCli, git


def _step(root: Path, expected: set[str], removed_ok: tuple[str, ...] = ()) -> list[str]:
    """The files the step changed (as git names them), committed; and the lines it added.

    It removes no line but ``removed_ok``: a step adds to what the clerk wrote.
    """
    status = git(root, "status", "--porcelain", "-uall", "-z").split("\0")[:-1]
    changed = {line[3:] for line in status}
    assert changed == expected
    git(root, "add", "-A")
    diff = git(root, "diff", "--cached", "-U0", "--no-color", "--", "*.yaml").splitlines()
    added = [line[1:] for line in diff if line.startswith("+") and not line.startswith("+++")]
    removed = [line for line in diff if line.startswith("-") and not line.startswith("---")]
    git(root, "commit", "-qm", "step")
    assert removed == [f"-{line}" for line in removed_ok], removed
    return added


def _clean(run_cli: RunCli, root: Path) -> None:
    result = run_cli("-C", str(root), "validate", "--strict")
    assert result.exit_code == 0, result.output


def _ledger(path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["城东区督查问题台账"])
    sheet.append(["督查日期", "督查组", "被督查单位", "区县", "问题描述", "督查重点", "严重程度", "整改期限"])  # fmt: skip
    sheet.append(["2020年2月10日", "第一组", "幸福里社区", "城东区", "北门夜间无人值守", "封闭管理", "较重", "3个工作日"])  # fmt: skip
    sheet.append(
        [None, None, None, None, "宣传栏内容过期", "宣传", "一般", dt.datetime(2020, 2, 24)]
    )
    for column in "ABCD":
        sheet.merge_cells(f"{column}3:{column}4")
    book.save(path)
    return path


def test_a_clerks_cycle(run_cli: RunCli, tmp_path: Path) -> None:
    root = tmp_path / "城东督查"
    assert run_cli("init", str(root), "--name", "城东区督查组", "--commit").exit_code == 0
    run_cli("-C", str(root), "new", "team", "--id", "T1", "--name", "第一组", "--leader", "王某", "--commit")  # fmt: skip
    _clean(run_cli, root)

    # 1. import the 台账: a unit and a visit, nothing else
    assert run_cli("-C", str(root), "import", str(_ledger(tmp_path / "台账.xlsx"))).exit_code == 0
    [visit_path] = [p for p in (root / "visits").rglob("*.yaml")]
    visit = visit_path.relative_to(root).as_posix()
    added = _step(root, {"units.yaml", visit}, ("units: []",))
    assert "    name: 幸福里社区" in added
    visit_id = visit_path.stem
    first, second = f"{visit_id}/1", f"{visit_id}/2"
    # the clerk annotates the imported record by hand
    text = visit_path.read_text(encoding="utf-8")
    visit_path.write_text(text.replace("findings:\n", "findings:\n  # 夜查发现\n"), "utf-8")
    _step(root, {visit})
    _clean(run_cli, root)

    # 2. chase: the first finding is due on the 13th
    chased = json.loads(run_cli("-C", str(root), "chase", "--as-of", "2020-02-12", "-f", "json").output)  # fmt: skip
    assert [(i["id"], i["urgency"]) for i in chased["parties"][0]["items"]] == [(first, "due")]

    # 3. a report-back with a photo
    photo = tmp_path / "值守照片.jpg"
    photo.write_bytes(b"\xff\xd8\xff photo")
    assert run_cli("-C", str(root), "report-back", first, "--date", "2020-02-12", "-e", str(photo)).exit_code == 0  # fmt: skip
    evidence = f"evidence/{visit_id}/值守照片.jpg"
    added = _step(root, {visit, evidence})
    assert added[:3] == ["    reports:", "      - date: 2020-02-12", "        evidence:"]
    _clean(run_cli, root)

    # 4. plan the return visit, then record what it found
    made = run_cli("-C", str(root), "new", "visit", "--team", "T1", "--date", "2020-02-14", "--returns-to", visit_id)  # fmt: skip
    assert made.exit_code == 0, made.output
    back = next(line for line in made.output.splitlines() if line.startswith("visits/"))
    assert run_cli("-C", str(root), "check", first, "未整改到位", "--visit", Path(back).stem, "--deadline", "2个工作日", "--note", "仍无人值守").exit_code == 0  # fmt: skip
    assert run_cli("-C", str(root), "check", second, "未整改到位", "--visit", Path(back).stem).exit_code == 0  # fmt: skip
    _step(root, {back})
    _clean(run_cli, root)

    # 5. chase again: reopened, two working days from the 14th, red on the 19th
    chased = json.loads(run_cli("-C", str(root), "chase", "--as-of", "2020-02-19", "-f", "json").output)  # fmt: skip
    items = {i["id"]: (i["urgency"], i["working_days"]) for i in chased["parties"][0]["items"]}
    assert items[first] == ("overdue", 1)
    md = run_cli("-C", str(root), "chase", "--as-of", "2020-02-19", "-f", "md").output
    assert f"🔴 超期 1 个工作日：北门夜间无人值守（{first}，期限 2020-02-18）" in md

    # 6. the fix, found on a return visit on the 20th
    assert run_cli("-C", str(root), "check", first, "整改到位", "--date", "2020-02-20", "--team", "T1").exit_code == 0  # fmt: skip
    [fixed] = [p for p in (root / "visits").rglob("20200220-*.yaml")]
    _step(root, {fixed.relative_to(root).as_posix()})
    _clean(run_cli, root)
    assert "已销号" in run_cli("-C", str(root), "show", first).output

    # 7. the reminder and the notice: only the second finding is left, and yellow
    reminder = run_cli("-C", str(root), "report", "reminder", "--as-of", "2020-02-21", "-f", "md")
    assert reminder.exit_code == 0, reminder.output
    assert "# 黄色督办单" in reminder.output and "宣传栏内容过期" in reminder.output
    assert "北门夜间无人值守" not in reminder.output
    notice = run_cli("-C", str(root), "report", "notice", "--as-of", "2020-02-21", "-f", "md")
    assert notice.exit_code == 0 and "宣传栏内容过期" in notice.output
    assert "北门夜间无人值守" not in notice.output

    text = visit_path.read_text(encoding="utf-8")
    assert "# 由 ducha import 自" in text and "  # 夜查发现\n" in text
    assert git(root, "status", "--porcelain") == ""  # memos went to the terminal, not the records
