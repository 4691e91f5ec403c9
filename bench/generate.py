"""Generate a synthetic but realistic records repository for benchmarks.

    python bench/generate.py 10000 /tmp/ducha-10k [--commits 300]

Visits run from January 2024 to October 2026 (years the official calendar covers), by
teams of a city's districts, with 0-5 findings each. The files are written as people write
them: comments, block scalars (``|`` and ``>``), quoted strings, flow and block lists, and
15% are Markdown visits with a narrative after the front matter. About a quarter of the
visits are return visits (杀回马枪); units report back on 70% of findings, and many stay
open, as across a province they do. A git history of about ``--commits`` commits.
"""

from __future__ import annotations

import argparse
import datetime as dt
import heapq
import random
import subprocess
from pathlib import Path

DISTRICTS = [
    "城东区",
    "城西区",
    "河北区",
    "临川县",
    "郾水县",
    "高新区",
    "经开区",
    "沙澧区",
    "召陵区",
    "舞阳县",
]
KINDS = ["城市社区", "农村村庄", "企业", "医疗机构", "商超药店", "学校", "机关单位", "交通卡点"]
PLACES = {
    "城市社区": "社区",
    "农村村庄": "村",
    "企业": "有限公司",
    "医疗机构": "卫生院",
    "商超药店": "大药房",
    "学校": "小学",
    "机关单位": "局",
    "交通卡点": "卡点",
}
FOCUS = [
    "排查情况",
    "封闭管理",
    "医疗机构内部防控",
    "防疫物资和生活必需品供应",
    "企业开工复工",
    "学校开学准备",
    "政策措施落实",
    "宣传",
    "群众反映问题办理",
    "干部工作作风",
]
PROBLEMS = [
    "出入口夜间无人值守，进出人员未测温、未登记。",
    "返乡人员台账信息不全，部分住户未登记来源地。",
    "发热门诊与普通门诊共用通道，未设独立出入口。",
    "口罩标价明显高于进价，涉嫌哄抬物价。",
    "复工员工健康台账不全，隔离期未标注。",
    "开学防控预案未明确发热学生处置流程。",
    "政策实施细则未出台，企业不知如何申请。",
    "防控宣传标语少，广播未按时播放。",
    "群众投诉超期未回复，未建立办理台账。",
    "重复要求基层填报同类表格，增加基层负担。",
    "医疗废物暂存点未每日消毒，转运记录不全。",
    "测温枪电量不足，测温流于形式。",
]
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
SCOPES = ["综合督查", "专项督查"]
VISIBILITY = ["明查", "暗访"]
SEVERITIES = ["一般", "一般", "一般", "较重", "较重", "严重"]


class Returns:
    """The secretariat's book of findings to verify and return visits planned, by unit."""

    def __init__(self) -> None:
        # a unit's visits with findings not yet verified: (visit id, date, finding numbers)
        self.pending: dict[str, list[tuple[str, dt.date, list[int]]]] = {}
        self.planned: list[tuple[dt.date, str]] = []  # (due date, unit), a heap
        self.units: set[str] = set()  # units with a return visit planned

    def plan(self, rng: random.Random, unit: str, day: dt.date, days: tuple[int, int]) -> None:
        """Plan a return visit to ``unit``, unless one is planned already."""
        if unit not in self.units:
            self.units.add(unit)
            heapq.heappush(self.planned, (day + dt.timedelta(days=rng.randint(*days)), unit))

    def due(self, day: dt.date) -> str | None:
        """The unit whose planned return visit is due on ``day``, if any."""
        if self.planned and self.planned[0][0] <= day:
            unit = heapq.heappop(self.planned)[1]
            self.units.discard(unit)
            return unit
        return None


def _return_visit(
    rng: random.Random, lines: list[str], book: Returns, unit: str, day: dt.date
) -> str | None:
    """A return visit (杀回马枪) checking the findings of the unit's visits not yet verified.

    A finding not fixed is checked again one to two weeks later.
    """
    origins = [p for p in book.pending.get(unit, []) if (day - p[1]).days >= 5]
    if not origins:
        return None
    lines[3] = f"units: [{unit}]"
    lines += [
        "methods: [暗访, 杀回马枪]",
        f"returns_to: [{', '.join(o[0] for o in origins)}]",
        "summary: 杀回马枪，回访整改情况。",
        "checks:",
    ]
    for origin in origins:
        fixed = True
        for n in origin[2]:
            result = rng.choice(["整改到位"] * 6 + ["未整改到位"] * 3 + ["反弹"])
            fixed = fixed and result == "整改到位"
            lines += [f"  - finding: {origin[0]}/{n}", f"    result: {result}"]
            if rng.random() < 0.5:
                lines.append("    note: >\n      现场核查，查阅台账，\n      询问值守人员。")
            else:
                lines.append("    note: '现场核查。'")
            if result != "整改到位":
                lines.append("    deadline: 3个工作日")
        if fixed:
            book.pending[unit].remove(origin)
    if book.pending[unit]:
        book.plan(rng, unit, day, (7, 14))
    return "\n".join(lines) + "\n"


def _methods(rng: random.Random) -> list[str]:
    """A flow list or, half the time, a block list with a comment."""
    if rng.random() < 0.5:
        return [f"methods: [{rng.choice(SCOPES)}, {rng.choice(VISIBILITY)}, 常规检查]"]
    return [
        "methods:  # 督查方式",
        f"  - {rng.choice(SCOPES)}",
        f"  - {rng.choice(VISIBILITY)}",
        "  - 常规检查",
    ]


def _visit(rng: random.Random, vid: str, day: dt.date, team: str, unit: str, book: Returns) -> str:
    """One visit's YAML: a return visit when one is due, else an ordinary one.

    A third of findings are fixed on the spot and units report back on 95% of the rest; the
    secretariat plans a return visit to 97% of the units left with something to fix, one to
    three weeks on, as a working secretariat does.
    """
    lines = [f"id: {vid}", f"date: {day.isoformat()}", f"team: {team}", f"units: [{unit}]"]
    # about a quarter of visits go back somewhere; the others are new inspections
    returning = book.due(day) if rng.random() < 0.3 else None
    if returning is not None:
        found = _return_visit(rng, lines, book, returning, day)
        if found is not None:
            return found
        lines[3] = f"units: [{unit}]"
    lines += _methods(rng)
    lines += [
        f"focus: [{rng.choice(FOCUS)}]",
        '"summary": "督查防控措施落实情况，发现问题当场反馈。"'
        if rng.random() < 0.2
        else 'summary: "督查防控措施落实情况，发现问题当场反馈。"',
    ]
    count = rng.choice([0, 1, 2, 2, 3, 3, 4, 5])
    if count:
        lines.append("findings:")
    to_verify = []
    for n in range(1, count + 1):
        lines += [f"  # 问题 {n}", f"  - focus: {rng.choice(FOCUS)}"]
        lines.append(f"    severity: {rng.choice(SEVERITIES)}  # 严重程度")
        if rng.random() < 0.3:
            lines += ["    description: |", f"      {rng.choice(PROBLEMS)}", "      已当场指出。"]
        else:
            lines.append(f"    description: {rng.choice(PROBLEMS)}")
        lines += [
            "    responsible: 责任单位负责人某某",
            "    rectification: '立即整改，限期反馈。'",
            f"    deadline: {rng.choice(['3个工作日', '5个工作日', '立行立改', '10个工作日'])}",
        ]
        if rng.random() < 1 / 5:
            lines.append("    fixed_on_spot: true")
            continue
        to_verify.append(n)
        if rng.random() < 0.7:
            reported = day + dt.timedelta(days=rng.randint(1, 6))
            lines += [
                "    reports:",
                f"      - date: {reported.isoformat()}",
                "        note: 已整改。",
            ]
    if to_verify:
        book.pending.setdefault(unit, []).append((vid, day, to_verify))
        if rng.random() < 0.8:
            book.plan(rng, unit, day, (7, 21))
    return "\n".join(lines) + "\n"


def _as_markdown(text: str) -> str:
    """The visit as Markdown: the YAML as front matter, then the narrative a clerk writes."""
    return (
        "---\n"
        + text
        + "---\n\n## 督查情况\n\n督查组按照工作方案，采取明查暗访相结合的方式开展督查。\n\n"
        "- 查阅台账资料，核对人员信息；\n- 现场查看值守情况。\n"
    )


def generate(visits: int, target: Path, commits: int, seed: int = 7, county: str = "") -> None:
    """Write the repository and its git history (``county``: a name before every unit's)."""
    rng = random.Random(seed)
    target.mkdir(parents=True)
    units = max(50, visits // 10)
    teams = max(5, visits // 500)
    organization = f"{county}基准测试督查组"
    (target / "ducha.yaml").write_text(f"organization:\n  name: {organization}\n", encoding="utf-8")
    rows = ["units:"]
    unit_ids = []
    for i in range(units):
        district = DISTRICTS[i % len(DISTRICTS)]
        kind = KINDS[i % len(KINDS)]
        unit_ids.append(f"U{i:05d}")
        name = f"{county}{district}第{i}号{PLACES[kind]}"
        rows.append(f"  - {{id: U{i:05d}, name: {name}, district: {district}, kind: {kind}}}")
    (target / "units.yaml").write_text("\n".join(rows) + "\n", encoding="utf-8")
    team_rows = ["teams:"] + [
        f"  - {{id: T{i}, name: 第{i}督查组, leader: 组长{i}}}" for i in range(teams)
    ]
    (target / "teams.yaml").write_text("\n".join(team_rows) + "\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q", "-b", "main", str(target)], check=True)
    git = [
        "git",
        "-C",
        str(target),
        "-c",
        "user.name=bench",
        "-c",
        "user.email=bench@example.com",
        "-c",
        "gc.auto=0",
    ]
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "配置、单位和督查组"], check=True)
    start, end = dt.date(2024, 1, 2), dt.date(2026, 10, 30)
    span = (end - start).days
    days = sorted(start + dt.timedelta(days=rng.randrange(span)) for _ in range(visits))
    book = Returns()
    per_commit = max(1, visits // max(1, commits - 1))
    used: set[str] = set()
    for index, day in enumerate(days):
        while True:
            vid = day.strftime("%Y%m%d") + "-" + "".join(rng.choice(ALPHABET) for _ in range(4))
            if vid not in used:
                used.add(vid)
                break
        folder = target / "visits" / f"{day.year}" / f"{day.month:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        unit = rng.choice(unit_ids)
        team = f"T{rng.randrange(teams)}"
        text = _visit(rng, vid, day, team, unit, book)
        if rng.random() < 0.15:
            (folder / f"{vid}.md").write_text(_as_markdown(text), encoding="utf-8")
        else:
            (folder / f"{vid}.yaml").write_text(
                f"# {day:%m月%d日} 督查记录\n" + text, encoding="utf-8"
            )
        if (index + 1) % per_commit == 0 or index == len(days) - 1:
            subprocess.run([*git, "add", "-A"], check=True)
            subprocess.run([*git, "commit", "-qm", f"督查记录至 {day.isoformat()}"], check=True)
    # packed, as a clerk's clone is (git packs on clone, fetch and its own gc --auto)
    subprocess.run([*git, "gc", "-q"], check=True)


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("visits", type=int)
    parser.add_argument("target", type=Path)
    parser.add_argument("--commits", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--county", default="", help="a county's name, before every unit's")
    args = parser.parse_args()
    generate(args.visits, args.target, args.commits, args.seed, args.county)


if __name__ == "__main__":
    main()
