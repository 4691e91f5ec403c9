"""County records repositories and a city hub over them, written by hand, in real git.

Three counties, each with its own organisation, units, team and visits from February 2020:
a finding overdue on TODAY (2020-02-21), one reported and waiting, one rectified on a return
visit, one reopened. 东乡 has its own severity scale (a 特别严重 level, due at once) and
一般 due in 3 working days, so that a hub must derive its findings under its own settings.
"""

from __future__ import annotations

from pathlib import Path

from tests.helpers import git

CONFIG = """\
organization:
  name: {county}疫情防控督查组
  office: {county}疫情防控督查组办公室
  doc_prefix: {short}督
{extra}"""

DONGXIANG_SEVERITIES = """\
severities:
  - {code: minor, label: 一般, deadline: 3个工作日}
  - {code: major, label: 较重, deadline: 2个工作日}
  - {code: serious, label: 严重, deadline: 1个工作日}
  - {code: critical, label: 特别严重, deadline: 立行立改}
"""

UNITS = """\
units:
  - {{id: {p}-SQ-01, name: {county}城关镇东门社区, district: {county}, kind: 城市社区}}
  - {{id: {p}-YY-01, name: {county}人民医院, district: {county}, kind: 医疗机构, contact: 院办 张某 13800001111}}
  - {{id: {p}-CS-01, name: 万家福超市, district: {county}, kind: 商超药店}}
"""

TEAMS = """\
teams:
  - id: T1
    name: {county}第一督查组
    leader: 王某某
    members: [李某某]
"""

FIRST = """\
id: 20200205-{p_low}1
date: 2020-02-05
team: T1
units: [{p}-SQ-01, {p}-YY-01]
methods: [综合督查, 明查]
inspectors: [王某某, 李某某]
summary: {county}首轮督查。
findings:
  - unit: {p}-SQ-01
    focus: 封闭管理
    severity: 较重
    description: {county}东门社区出入口无人值守，外来人员未登记。
    responsible: 社区主任赵某
    deadline: 3个工作日
  - unit: {p}-YY-01
    focus: 医疗机构内部防控
    severity: 一般
    description: {county}人民医院预检分诊台未落实测温登记。
    deadline: 2020-02-10
    reports:
      - date: 2020-02-09
        note: 已安排专人测温。
  - unit: {p}-YY-01
    focus: 医疗机构内部防控
    severity: 一般
    description: {county}人民医院发热门诊标识不清。
    deadline: 5个工作日
    reports:
      - date: 2020-02-10
        note: 已更换标识。
"""

RETURN = """\
id: 20200212-{p_low}2
date: 2020-02-12
team: T1
units: [{p}-YY-01]
methods: [杀回马枪, 暗访]
returns_to: [20200205-{p_low}1]
summary: 杀回马枪回访{county}人民医院。
checks:
  - finding: 20200205-{p_low}1/3
    result: 整改到位
    note: 标识已更换。
"""

PLANNED = """\
id: 20200224-{p_low}3
date: 2020-02-24
team: T1
units: [{p}-SQ-01]
status: planned
methods: [杀回马枪, 暗访]
returns_to: [20200205-{p_low}1]
to_check: [20200205-{p_low}1/1]
summary: 计划暗访{county}东门社区。
"""

SHOP = """\
id: 20200217-{p_low}4
date: 2020-02-17
team: T1
units: [{p}-CS-01]
methods: [明查]
summary: 督查万家福超市。
findings:
  - focus: 防疫物资和生活必需品供应
    severity: {shop_severity}
    description: {county}万家福超市口罩价格未明码标价，投诉人孙某反映哄抬价格。
    complainant: 孙某 13900002222
"""

COUNTIES = {"临川": "LC", "东乡": "DX", "金溪": "JX"}


def county(folder: Path, name: str) -> Path:
    """A county's records repository, committed, on branch main."""
    p = COUNTIES[name]
    values = {"county": name, "p": p, "p_low": p.lower(), "short": name[0]}
    extra = DONGXIANG_SEVERITIES if name == "东乡" else ""
    values["shop_severity"] = "特别严重" if name == "东乡" else "一般"
    files = {
        "ducha.yaml": CONFIG.format(extra=extra, **values),
        "units.yaml": UNITS.format(**values),
        "teams.yaml": TEAMS.format(**values),
        f"visits/2020/02/20200205-{p.lower()}1.yaml": FIRST.format(**values),
        f"visits/2020/02/20200212-{p.lower()}2.yaml": RETURN.format(**values),
        f"visits/2020/02/20200224-{p.lower()}3.yaml": PLANNED.format(**values),
        f"visits/2020/02/20200217-{p.lower()}4.yaml": SHOP.format(**values),
    }
    folder.mkdir(parents=True)
    for path, content in files.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(content, encoding="utf-8")
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", ".")
    git(folder, "commit", "-q", "-m", f"{name}：二月督查")
    return folder


HUB_CONFIG = """\
organization:
  name: 抚州市疫情防控督查组
  office: 抚州市疫情防控督查组办公室
  doc_prefix: 抚疫督
sources:
  - name: 临川
    path: counties/linchuan
  - name: 东乡
    url: {dongxiang}
    branch: main
  - name: 金溪
    path: counties/jinxi
"""


def hub(tmp: Path) -> tuple[Path, dict[str, Path]]:
    """A city hub: 临川 and 金溪 cloned into it, 东乡 reached through a file:// URL."""
    upstream = {name: county(tmp / "forge" / name, name) for name in COUNTIES}
    root = tmp / "city"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    for name, path in (("临川", "counties/linchuan"), ("金溪", "counties/jinxi")):
        git(root, "clone", "-q", str(upstream[name]), path)
    (root / ".gitignore").write_text("counties/\n", encoding="utf-8")
    config = HUB_CONFIG.format(dongxiang=upstream["东乡"].as_uri())
    (root / "ducha.yaml").write_text(config, encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "抚州市汇总库")
    return root, upstream
