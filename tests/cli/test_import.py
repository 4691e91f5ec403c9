"""import: a 台账 from Excel, WPS or CSV into records; every bad cell named, or nothing written."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.helpers import SAMPLE, RunCli, git

TEAMS = "# 督查组\nteams:\n  - {id: T1, name: 第一督查组, leader: 王某}\n"
UNITS = "# 单位，手写的注释\nunits:\n  - {id: CD-01, name: 幸福里社区, district: 城东区, kind: 城市社区}\n"


@pytest.fixture
def office(tmp_path: Path) -> Path:
    root = tmp_path / "records"
    root.mkdir()
    (root / "ducha.yaml").write_text("organization: {name: 某县督查组}\n", encoding="utf-8")
    (root / "teams.yaml").write_text(TEAMS, encoding="utf-8")
    (root / "units.yaml").write_text(UNITS, encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "start")
    return root


def _ledger(path: Path) -> Path:
    """A 台账 as offices keep it: a title, merged date/team/unit cells, mixed date forms."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "问题台账"
    sheet.append(["2020年2月疫情防控督查问题台账"])
    sheet.merge_cells("A1:H1")
    sheet.append(["序号", "督查日期", "督查组", "被督查单位", "区县", "存在问题", "问题类别", "严重程度", "整改时限"])  # fmt: skip
    sheet.append([1, dt.datetime(2020, 2, 5), "第一督查组", "幸福里社区", "城东区", "北门夜间无人值守", "封闭管理", "较重", "3个工作日"])  # fmt: skip
    sheet.append([2, None, None, None, None, '宣传栏内容过期: "旧" # 不是注释', "宣传", "一般", "2020年2月10日"])  # fmt: skip
    for column in "BCDE":
        sheet.merge_cells(f"{column}3:{column}4")
    sheet.append([3, "2020/2/6", "T1", "光明村", "城西区", "卡点脱岗\n登记不全", "封闭管理", "严重", "立行立改"])  # fmt: skip
    sheet.append([4, "2020年2月7日", "t1", "城东人民医院", "城东区", None, None, None, None])
    book.save(path)
    return path


def test_a_ledger_becomes_visits_and_units(run_cli: RunCli, office: Path, tmp_path: Path) -> None:
    ledger = _ledger(tmp_path / "台账.xlsx")
    dry = run_cli("-C", str(office), "import", str(ledger), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert (
        "将新建 2 个单位、3 次督查（3 个问题）" in dry.output and "未导入的列：序号" in dry.output
    )
    assert git(office, "status", "--porcelain") == ""
    done = run_cli("-C", str(office), "import", str(ledger), "--commit")
    assert done.exit_code == 0, done.output
    assert git(office, "status", "--porcelain") == ""
    assert run_cli("-C", str(office), "validate").exit_code == 0
    units = (office / "units.yaml").read_text(encoding="utf-8")
    assert units.startswith("# 单位，手写的注释") and "光明村" in units and "城东人民医院" in units
    exported = json.loads(run_cli("-C", str(office), "export", "-f", "json").output)
    rows = {(r["visit_date"], r["unit_name"], r["description"]): r for r in exported["rows"]}
    first = rows[("2020-02-05", "幸福里社区", "北门夜间无人值守")]
    assert (first["focus"], first["severity"], first["deadline"]) == ("closed-management", "major", "2020-02-10")  # fmt: skip
    second = rows[("2020-02-05", "幸福里社区", '宣传栏内容过期: "旧" # 不是注释')]
    assert second["visit"] == first["visit"]  # merged cells: one visit
    assert second["deadline"] == "2020-02-10"
    assert rows[("2020-02-06", "光明村", "卡点脱岗\n登记不全")]["severity"] == "serious"
    visits = json.loads(
        run_cli("-C", str(office), "export", "--what", "visits", "-f", "json").output
    )
    assert sorted((v["date"], v["findings"]) for v in visits["rows"]) == [
        ("2020-02-05", 2), ("2020-02-06", 1), ("2020-02-07", 0)
    ]  # fmt: skip


def test_every_bad_cell_is_named_and_nothing_is_written(
    run_cli: RunCli, office: Path, tmp_path: Path
) -> None:
    ledger = tmp_path / "台账.csv"
    rows = [
        ["督查日期", "督查组", "单位", "区县", "问题描述", "督查重点", "严重程度", "整改期限"],
        ["2020-02-30", "T1", "幸福里社区", "", "a", "宣传", "一般", ""],
        ["2020-02-05", "第九组", "幸福里社区", "", "b", "宣传", "一般", ""],
        ["2020-02-05", "T1", "新单位", "", "c", "宣传", "一般", ""],
        ["2020-02-05", "T1", "幸福里社区", "", "d", "封闭管里", "一般", "下周"],
        ["2020-02-05", "T1", "幸福里社区", "", "e", "宣传", "", ""],
    ]
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    ledger.write_bytes(buffer.getvalue().encode("gb18030"))  # as Excel saves it on Windows
    result = run_cli("-C", str(office), "import", str(ledger))
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if ": error: " in line]
    assert [line.split(": error: ")[0] for line in lines] == [
        f"{ledger}:2:1", f"{ledger}:3:2", f"{ledger}:4:4", f"{ledger}:5:6", f"{ledger}:5:8",
        f"{ledger}:6:7",
    ]  # fmt: skip
    assert "是不是 封闭管理" in lines[3] and "第九组" in lines[1] and "区县" in lines[2]
    assert "6 个问题，什么也没有写入" in result.output
    assert git(office, "status", "--porcelain") == ""


def test_a_mapping_names_other_headers(run_cli: RunCli, office: Path, tmp_path: Path) -> None:
    ledger = tmp_path / "检查记录.csv"
    ledger.write_text(
        "\ufeff检查时间,检查组别,点位名称,具体问题,问题分类,问题等级\n"
        "2020.2.5,T1,幸福里社区,消毒记录缺失,医疗机构内部防控,一般\n",
        encoding="utf-8",
    )
    mapping = tmp_path / "对照.yaml"
    mapping.write_text(
        "columns:\n  检查时间: visit_date\n  检查组别: team\n  点位名称: unit_name\n"
        "  具体问题: description\n  问题分类: focus\n  问题等级: severity\n",
        encoding="utf-8",
    )
    assert run_cli("-C", str(office), "import", str(ledger)).exit_code == 1  # no known header
    result = run_cli("-C", str(office), "import", str(ledger), "--map", str(mapping))
    assert result.exit_code == 0, result.output
    assert run_cli("-C", str(office), "validate").exit_code == 0
    bad = tmp_path / "坏的.yaml"
    bad.write_text("columns:\n  检查时间: when\n", encoding="utf-8")
    refused = run_cli("-C", str(office), "import", str(ledger), "--map", str(bad))
    assert refused.exit_code == 1 and "没有字段 when" in refused.output


def test_export_then_import_round_trips(run_cli: RunCli, tmp_path: Path) -> None:
    """The sample's findings exported to Excel and imported into a fresh repository agree."""
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    for name in ("ducha.yaml", "units.yaml", "teams.yaml"):
        shutil.copy(SAMPLE / name, fresh / name)
    sheet = tmp_path / "导出.xlsx"
    as_of = "2020-02-07"  # before any report or return visit: states are the findings' own
    assert run_cli("-C", str(SAMPLE), "export", "--as-of", as_of, "-f", "xlsx", "-o", str(sheet)).exit_code == 0  # fmt: skip
    result = run_cli("-C", str(fresh), "import", str(sheet))
    assert result.exit_code == 0, result.output
    assert run_cli("-C", str(fresh), "validate").exit_code == 0

    def findings(root: Path) -> list[tuple[object, ...]]:
        out = run_cli("-C", str(root), "export", "--as-of", as_of, "-f", "json").output
        keys = ("id", "visit_date", "unit", "team", "focus", "severity", "scope", "description", "responsible", "dispositions", "deadline", "state", "reported_on", "closed_on")  # fmt: skip
        return sorted(tuple(json.dumps(r[k]) for k in keys) for r in json.loads(out)["rows"])

    assert findings(fresh) == findings(SAMPLE)
    before = sorted(p.name for p in fresh.rglob("*.yaml"))
    again = run_cli("-C", str(fresh), "import", str(sheet))  # nothing new to import
    assert again.exit_code == 0 and "20 行的问题已在仓库中，跳过" in again.output
    assert sorted(p.name for p in fresh.rglob("*.yaml")) == before


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("x.xls", b"\xd0\xcf\x11\xe0", "只能导入 .xlsx 或 .csv"),
        ("x.xlsx", b"not a zip", "无法读取表格"),
        ("x.csv", b"", "找不到表头"),
    ],
)
def test_files_that_are_not_ledgers(
    run_cli: RunCli, office: Path, tmp_path: Path, name: str, content: bytes, words: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = run_cli("-C", str(office), "import", str(path))
    assert result.exit_code == 1 and words in result.output, result.output
    assert "Traceback" not in result.output


def _form(run_cli: RunCli, root: Path, unit: str, path: Path, as_of: str) -> Path:
    result = run_cli("-C", str(root), "export", "--what", "rectification-form", "--unit", unit, "--as-of", as_of, "-o", str(path))  # fmt: skip
    assert result.exit_code == 0, result.output
    return path


def test_a_rectification_form_goes_out_and_comes_back_as_report_backs(
    run_cli: RunCli, sample: Path, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    git(sample, "init", "-q", "-b", "main")
    git(sample, "add", "-A")
    git(sample, "commit", "-qm", "records")
    form = _form(run_cli, sample, "HB-CZ-01", tmp_path / "整改情况表.xlsx", "2020-02-21")
    book = load_workbook(form)
    sheet = book.active
    assert sheet is not None and sheet.protection.sheet  # the unit fills in its columns only
    assert "单位编号：HB-CZ-01" in str(sheet["A2"].value)
    ids = [sheet.cell(r, 1).value for r in range(4, sheet.max_row + 1)]
    assert ids and all(str(i).count("/") == 1 for i in ids)
    assert not sheet["F4"].protection.locked and sheet["A4"].protection.locked
    sheet["F4"] = "已安排党员轮流值守，设立登记台"
    sheet["G4"] = dt.datetime(2020, 2, 21)
    sheet["H4"] = "值守表、照片3张"
    book.save(form)
    result = run_cli("-C", str(sample), "import", str(form))
    assert result.exit_code == 0, result.output
    assert "已记录 1 条整改反馈（单位 HB-CZ-01）" in result.output
    added = [line for line in git(sample, "diff", "-U0").splitlines() if line.startswith("+ ")]
    assert added == [
        "+    reports:",
        "+      - date: 2020-02-21",
        "+        note: 已安排党员轮流值守，设立登记台（佐证材料：值守表、照片3张）",
    ]
    assert run_cli("-C", str(sample), "validate").exit_code == 0
    shown = run_cli("-C", str(sample), "show", str(ids[0]), "--as-of", "2020-02-21")
    assert "已反馈待核验" in shown.output
    again = run_cli("-C", str(sample), "import", str(form))
    assert again.exit_code == 0 and "1 条已经记录过，跳过" in again.output


def test_a_form_row_for_another_units_finding_is_refused(
    run_cli: RunCli, sample: Path, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    form = _form(run_cli, sample, "HB-CZ-01", tmp_path / "表.xlsx", "2020-02-21")
    book = load_workbook(form)
    sheet = book.active
    assert sheet is not None
    sheet.protection.sheet = False  # a unit that unprotects the sheet and edits an id
    sheet["A4"] = "20200205-2vs/1"  # the county hospital's finding
    sheet["F4"] = "已整改"
    sheet["G4"] = "2020-02-20"
    book.save(form)
    before = sorted((p, p.read_bytes()) for p in sample.rglob("*.yaml"))
    result = run_cli("-C", str(sample), "import", str(form))
    assert result.exit_code == 1
    assert f"{form}:4:1: error: 问题 20200205-2vs/1 不是单位 HB-CZ-01 的" in result.output
    assert sorted((p, p.read_bytes()) for p in sample.rglob("*.yaml")) == before
