"""export (read back from CSV, XLSX and JSON) and stats."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tests.helpers import RunCli

AS_OF = "2020-02-21"


def test_csv_of_findings_opens_in_excel(run_cli: RunCli, sample: Path) -> None:
    result = run_cli("-C", str(sample), "export", "--as-of", AS_OF)
    assert result.stdout.startswith("\ufeff编号,督查编号,督查日期")
    rows = list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert len(rows) == 43  # every finding of the 44 visits up to 21 February
    row = next(r for r in rows if r["编号"] == "20200214-8sv/2")
    assert (row["状态"], row["灯"], row["超期工作日"], row["整改期限"]) == (
        "待整改",
        "红灯",
        "3",
        "2020-02-18",
    )
    english = run_cli("-C", str(sample), "--lang", "en", "export", "--as-of", AS_OF)
    assert english.stdout.lstrip("\ufeff").startswith("id,visit,visit date")


def test_xlsx_has_header_frozen_panes_filters_and_widths(
    run_cli: RunCli, sample: Path, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    target = tmp_path / "问题.xlsx"
    result = run_cli("-C", str(sample), "export", "-f", "xlsx", "-o", str(target), "--as-of", AS_OF)
    assert result.exit_code == 0
    sheet = load_workbook(target).active
    assert sheet is not None
    assert [c.value for c in sheet[1]][:3] == ["编号", "督查编号", "督查日期"]
    assert sheet[1][0].font.bold
    assert sheet.freeze_panes == "B2" and sheet.auto_filter.ref == sheet.dimensions
    assert sheet.max_row == 44 and sheet.title == "问题清单"
    description = [c.value for c in sheet[1]].index("问题描述") + 1
    from openpyxl.utils import get_column_letter

    assert (
        sheet.column_dimensions[get_column_letter(description)].width >= 40
    )  # Chinese text counts double
    assert run_cli("-C", str(sample), "export", "-f", "xlsx").exit_code == 1


def test_json_visits_and_units(run_cli: RunCli, sample: Path) -> None:
    visits = json.loads(
        run_cli(
            "-C", str(sample), "export", "-f", "json", "--what", "visits", "--as-of", AS_OF
        ).stdout
    )["rows"]
    assert len(visits) == 44 and visits[0]["id"] == "20200203-af7"
    units = json.loads(
        run_cli(
            "-C", str(sample), "export", "-f", "json", "--what", "units", "--as-of", AS_OF
        ).stdout
    )["rows"]
    village = next(u for u in units if u["id"] == "HB-CZ-01")
    assert (village["visits"], village["open"], village["overdue"]) == (3, 2, 1)


def test_stats_overall_and_by_district(run_cli: RunCli, sample: Path) -> None:
    document = json.loads(
        run_cli(
            "-C", str(sample), "stats", "--as-of", "2020-02-28", "--by", "district", "-f", "json"
        ).stdout
    )
    overall, *groups = document["groups"]
    assert (overall["group"], overall["visits"], overall["findings"], overall["exemplars"]) == (
        "",
        45,
        43,
        8,
    )
    assert overall["by_severity"] == {"major": 17, "minor": 22, "serious": 4}
    assert sum(g["findings"] for g in groups) == overall["findings"]
    assert {g["group"] for g in groups} == {"城东区", "城西区", "河北区", "临川县", "郾水县"}
    assert overall["relapsed"] == round(
        1 / 14, 4
    )  # one relapse among the 14 findings return visits checked
    table = run_cli("-C", str(sample), "stats", "--as-of", "2020-02-28", "--by", "team")
    assert (
        table.exit_code == 0 and "整改率" in table.output and "第五督查组（暗访组）" in table.output
    )
