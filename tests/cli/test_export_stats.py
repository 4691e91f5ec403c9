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


def test_xlsx_prints_as_it_is_with_dates_lights_and_widths(
    run_cli: RunCli, sample: Path, tmp_path: Path
) -> None:
    import datetime as dt

    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    target = tmp_path / "问题.xlsx"
    result = run_cli("-C", str(sample), "export", "-f", "xlsx", "-o", str(target), "--as-of", AS_OF)
    assert result.exit_code == 0
    sheet = load_workbook(target).active
    assert sheet is not None
    assert sheet["A1"].value == "问题清单" and sheet["A1"].font.bold  # a title above
    headers = [c.value for c in sheet[2]]
    assert headers[:3] == ["编号", "督查编号", "督查日期"] and sheet[2][0].font.bold
    assert sheet.freeze_panes == "B3" and sheet.auto_filter.ref.startswith("A2:")
    assert sheet.max_row == 45 and sheet.title == "问题清单"
    column = {name: i for i, name in enumerate(headers)}
    rows = list(sheet.iter_rows(min_row=3))
    assert all(isinstance(r[column["督查日期"]].value, dt.datetime) for r in rows)  # real dates
    red = [r for r in rows if r[column["灯"]].value == "红灯"]
    assert red and all(r[column["灯"]].fill.fgColor.rgb.endswith("FFC7CE") for r in red)
    assert rows[0][column["问题描述"]].alignment.wrap_text
    assert sheet.print_title_rows == "$2:$2"
    setup = sheet.page_setup
    assert (setup.orientation, str(setup.paperSize), setup.fitToWidth, setup.fitToHeight) == (
        "landscape",
        str(sheet.PAPERSIZE_A4),
        1,
        0,
    )
    fit = sheet.sheet_properties.pageSetUpPr
    assert fit is not None and fit.fitToPage
    description = column["问题描述"] + 1
    assert sheet.column_dimensions[get_column_letter(description)].width >= 40
    closed = [
        r for r in rows if r[column["状态"]].value == "已销号" and r[column["销号日期"]].value
    ]
    closed_late = [r for r in closed if r[column["整改期限"]].value is not None]
    assert closed_late  # a closed finding keeps the deadline it was closed under
    assert all(isinstance(r[column["整改期限"]].value, dt.datetime) for r in closed_late)
    assert run_cli("-C", str(sample), "export", "-f", "xlsx").exit_code == 1


def test_a_closed_finding_keeps_its_deadline_in_every_export(run_cli: RunCli, sample: Path) -> None:
    import json

    rows = json.loads(
        run_cli("-C", str(sample), "export", "-f", "json", "--as-of", "2020-03-01").stdout
    )["rows"]
    closed = {r["id"]: r for r in rows if r["state"] == "closed"}
    # closed by a return visit on 2020-02-12, after its deadline
    assert closed["20200203-af7/1"]["closed_on"] == "2020-02-12"
    assert closed["20200203-af7/1"]["deadline"] == "2020-02-04"
    on_spot = [r for r in closed.values() if r["closed_on"] == r["visit_date"]]
    assert on_spot and all(r["deadline"] is None for r in on_spot)  # 当场整改: none applied


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
