"""New records repositories, visits, units and teams: written atomically, never over a file.

Units and teams are appended to their files with ruamel's round-trip loader, so the team's
comments and key order stay as they were.
"""

from __future__ import annotations

import datetime as dt
import io
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from ducha.domain.index import Index
from ducha.domain.settings import Lang
from ducha.errors import RecordRefused, UserError
from ducha.store.config import CONFIG_NAME
from ducha.store.fmt import comments_kept
from ducha.store.writing import (
    create_new,
    fresh_visit_id,
    locked,
    replace_file,
    yaml_list,
    yaml_text,
)

MODELINE = "# yaml-language-server: $schema={path}\n"

CONFIG_TEMPLATE = """\
# yaml-language-server: $schema=schema/ducha.schema.json
# ducha 记录仓库配置。每一项都可省略，省略即用默认值；完整说明见 ducha 的 docs/records.md。
# lang: zh                      # 界面语言 zh|en

organization:
  name: {name}
  office: {office}          # 公文落款
  doc_prefix: 督                # 发文字号：督〔2020〕5号
  # contact: 督查组办公室 某某 0000-0000000
  # mark: {name}文件            # 发文机关标志（红头）

# focus_areas:                  # 督查重点（默认 13 项，见 docs/records.md）
#   - {{code: screening, label: 排查情况}}

# severities:                   # 严重程度，由轻到重；deadline 为默认整改期限
#   - {{code: minor, label: 一般, deadline: 5个工作日}}
#   - {{code: major, label: 较重, deadline: 3个工作日}}
#   - {{code: serious, label: 严重, deadline: 立行立改}}

# deadlines:
#   immediate_days: 1           # 立行立改折算的工作日
#   yellow_days: 2              # 期限前几个工作日亮黄灯

# return_visits:                # 回访（杀回马枪）规则
#   min_interval_days: 3
#   rest_days: 7
#   capacity_per_day: 3
#   random_share: 0.2
#   cross_team: false
#   stationed_after_days: 10
#   verify_within: 5            # 反馈后几个工作日内回访核验

# fonts:                        # 公文字体（默认为 GB/T 9704 规定的字体）
#   body: 仿宋_GB2312
"""

FILES = {
    "units.yaml": (
        MODELINE.format(path="schema/units.schema.json")
        + "# 被督查单位：id 一经使用不再更改。用 ducha new unit 添加。\nunits: []\n"
    ),
    "teams.yaml": MODELINE.format(path="schema/teams.schema.json")
    + "# 督查组。用 ducha new team 添加。\nteams: []\n",
    "visits/.gitkeep": "",
    "evidence/.gitkeep": "",
    "templates/README.md": (
        "本目录放本单位自己的公文模板；与内置模板同名的文件优先（ducha report --list）。\n"
    ),
    ".gitattributes": (
        "*.yaml text eol=lf\n*.yml text eol=lf\n*.md text eol=lf\n*.docx binary\n*.pdf binary\n"
    ),
    ".gitignore": ".ducha/\n",
}


PRE_COMMIT_CONFIG = """\
# 每次提交前校验记录：pip install pre-commit && pre-commit install
# pre-commit 自己把 ducha 装进它的环境（language: python），本机 PATH 上不必有 ducha；
# additional_dependencies 写的是 ducha 从哪里装（git 地址、wheel 文件或 PyPI 上的版本），可按需改。
repos:
  - repo: local
    hooks:
      - id: ducha-validate
        name: ducha validate
        entry: ducha validate
        language: python
        additional_dependencies: [{requirement}]
        pass_filenames: true
        require_serial: true
        files: (^|/)(ducha\\.yaml|units\\.yaml|teams\\.yaml|visits/.+\\.(ya?ml|md))$
"""


def installed_requirement() -> str:
    """How pip would install the ducha that is running: its git URL, file or version.

    Read from the installation's ``direct_url.json`` (PEP 610), so that the hook a new
    repository gets installs the same ducha where ``ducha`` is not on PATH.
    """
    import importlib.metadata
    import json

    version = "0"
    for found in importlib.metadata.distributions(name="ducha"):
        version = found.version
        raw = found.read_text("direct_url.json")
        if not raw:
            continue  # an egg-info beside the source, or an install from an index
        origin = json.loads(raw)
        url = str(origin.get("url", ""))
        vcs = origin.get("vcs_info")
        if isinstance(vcs, dict):
            revision = vcs.get("requested_revision") or vcs.get("commit_id")
            return f"ducha @ {vcs.get('vcs', 'git')}+{url}" + (f"@{revision}" if revision else "")
        if url:
            return f"ducha @ {url}"
    source = Path(__file__).resolve().parents[2]
    if (source / "pyproject.toml").is_file() and (source / "ducha").is_dir():
        return f"ducha @ {source.as_uri()}"  # run from a source checkout
    return f"ducha=={version}"


def init_repository(path: Path, name: str, lang: Lang, hook_requirement: str) -> list[Path]:
    """Lay out a new records repository at ``path``; refuse if one is already there.

    ``hook_requirement`` is what the pre-commit hook installs (``installed_requirement``).
    """
    from ducha.store.vcs import init as git_init

    if path.exists() and not path.is_dir():
        raise UserError("repo-not-dir", path=path)
    if (path / CONFIG_NAME).exists():
        raise UserError("already-repo", path=path)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError("write-failed", path=path, reason=exc.strerror or str(exc)) from exc
    git_init(path)
    written = []
    # quoted where YAML needs it: "河川市 #3 督查组" or "A: B" stay whole
    content = CONFIG_TEMPLATE.format(name=yaml_text(name), office=yaml_text(f"{name}办公室"))
    create_new(path / CONFIG_NAME, content)
    written.append(path / CONFIG_NAME)
    for relpath, content in FILES.items():
        target = path / relpath
        if not target.exists():
            create_new(target, content)
            written.append(target)
    hook = path / ".pre-commit-config.yaml"
    if not hook.exists():
        create_new(hook, PRE_COMMIT_CONFIG.format(requirement=yaml_text(hook_requirement)))
        written.append(hook)
    written += write_schemas(path, lang)
    return written


def write_schemas(root: Path, lang: Lang) -> list[Path]:
    """The editor schemas under ``schema/``, from the repository's configuration."""
    import json

    from ducha.store.config import load_settings
    from ducha.store.jsonschema import FILE_NAMES, schema_for
    from ducha.store.writing import replace_file

    settings = load_settings(root)
    written = []
    for kind, name in FILE_NAMES.items():
        target = root / "schema" / name
        replace_file(
            target,
            json.dumps(schema_for(kind, settings, lang), ensure_ascii=False, indent=2) + "\n",
        )
        written.append(target)
    return written


@dataclass(frozen=True, slots=True)
class NewVisit:
    """What a clerk knows before a visit."""

    team: str
    units: tuple[str, ...]
    date: dt.date
    methods: tuple[str, ...]


def new_visit(repo: Index, request: NewVisit) -> Path:
    """A complete visit skeleton with a fresh id in the right folder."""
    if request.team not in repo.teams:
        raise UserError("unknown-team", id=request.team)
    for unit in request.units:
        if unit not in repo.units:
            raise UserError("unknown-unit", id=unit)
    visit_id = fresh_visit_id(request.date, {v.id for v in repo.visits}, secrets.choice)
    path = visit_folder(repo.root, request.date) / f"{visit_id}.yaml"
    content = visit_text(visit_id, request.date, request.team, request.units, request.methods)
    refuse_if_invalid(repo, path.relative_to(repo.root).as_posix(), content)
    create_new(path, content)
    return path


def visit_folder(root: Path, day: dt.date) -> Path:
    """Where a visit of ``day`` is filed: ``visits/YYYY/MM``."""
    return root / "visits" / f"{day.year}" / f"{day.month:02d}"


def visit_text(
    visit_id: str,
    day: dt.date,
    team: str,
    units: tuple[str, ...],
    methods: tuple[str, ...],
    returns_to: tuple[str, ...] = (),
    checks: list[dict[str, Any]] | None = None,
) -> str:
    """A new visit file: what is known, and commented examples of what the clerk adds.

    A check whose ``result`` is None is written empty, with the choices beside it, and the
    finding's description (``"#"``) as a comment, for a return visit the clerk fills in.
    """
    lines = [
        MODELINE.format(path="../../../schema/visit.schema.json").rstrip(),
        f"id: {visit_id}",
        f"date: {day.isoformat()}",
        f"team: {yaml_text(team)}",
        f"units: {yaml_list(units)}",
        f"methods: {yaml_list(methods)}",
    ]
    if returns_to:
        lines.append(f"returns_to: {yaml_list(returns_to)}")
    lines += [
        "focus: []            # 督查重点，如 [封闭管理, 排查情况]",
        'summary: ""          # 督查情况摘要',
        "",
    ]
    if checks:
        lines.append("checks:")
        for check in checks:
            about = f"   # {_comment(check['#'])}" if check.get("#") else ""
            lines.append(f"  - finding: {check['finding']}{about}")
            result = check["result"]
            lines.append(
                f"    result: {yaml_text(result)}"
                if result
                else "    result:             # 整改到位｜未整改到位｜反弹"
            )
            lines += [f"    {k}: {yaml_text(check[k])}" for k in ("note", "deadline") if k in check]
            if check.get("evidence"):
                lines.append(f"    evidence: {yaml_list(check['evidence'])}")
                lines.append("    sha256:")
                lines += [f"      {yaml_text(k)}: {v}" for k, v in check["sha256"].items()]
        lines.append("")
    lines += [
        "findings: []",
        "# findings:",
        "#   - focus: 封闭管理",
        "#     severity: 一般           # 一般｜较重｜严重",
        "#     place: 小区北门",
        "#     description: 夜间无人值守，进出人员未测温登记。",
        "#     responsible: 社区党支部书记某某",
        "#     rectification: 落实24小时值守。",
        "#     deadline: 3个工作日      # 或日期 2020-02-10，或 立行立改",
        "",
        "exemplars: []",
    ]
    return "\n".join(lines) + "\n"


def _comment(text: str, width: int = 30) -> str:
    """One line of a description, short and printable, to stand in a comment."""
    first = "".join(c if c.isprintable() else " " for c in text.strip().split("\n", 1)[0])
    return first if len(first) <= width else first[: width - 1] + "…"


def refuse_if_invalid(
    repo: Index, relpath: str, content: str, before: str = "", allowed: frozenset[str] = frozenset()
) -> None:
    """Refuse what ``validate`` would reject in a file about to be written (nothing is written).

    Only problems the change brings count: an old one elsewhere in the file is not the new
    row's fault. Rules in ``allowed`` are left for the clerk (a result still to fill in).
    """
    from ducha.checks.issues import Issue, Severity
    from ducha.store.parse import parse_bytes

    def errors(text: str) -> list[Issue]:
        if not text:
            return []
        _, problems = parse_bytes(repo.settings, text.encode("utf-8"), relpath)
        return [p for p in problems if p.severity is Severity.ERROR]

    old = {(p.rule, repr(sorted(p.args.items(), key=str))) for p in errors(before)}
    new = tuple(
        p
        for p in errors(content)
        if (p.rule, repr(sorted(p.args.items(), key=str))) not in old and p.rule not in allowed
    )
    if new:
        raise RecordRefused("record-refused", problems=new, path=relpath)


def loaded_or_refused(yaml: Any, text: str, repo: Index, relpath: str, raw: bytes) -> Any:
    """``yaml.load(text)`` for an edit; a file ruamel cannot read is refused, not edited.

    ducha reads some slips as meant (a full-width colon after a field name) to report the
    rest of the file at once; ruamel, which must keep the file as written, cannot. The
    refusal lists the file's own problems (``raw`` is all of it, front matter and body).
    """
    from ruamel.yaml.error import YAMLError

    try:
        return yaml.load(text)
    except YAMLError as exc:
        _refuse_unreadable(repo, relpath, raw, exc)


def _refuse_unreadable(repo: Index, relpath: str, raw: bytes, exc: Exception) -> NoReturn:
    from ducha.checks.issues import Severity
    from ducha.store.parse import parse_bytes

    _, problems = parse_bytes(repo.settings, raw, relpath)
    errors = tuple(p for p in problems if p.severity is Severity.ERROR)
    if errors:
        raise RecordRefused("edit-file-in-error", problems=errors, path=relpath) from exc
    raise UserError("edit-unreadable", path=relpath, reason=type(exc).__name__) from exc


def append_row(repo: Index, kind: str, row: dict[str, object]) -> Path:
    """Add a unit or team to its file, keeping every comment; refuse an id already used."""
    from ruamel.yaml import YAML

    existing = repo.units if kind == "units" else repo.teams
    if row["id"] in existing:
        raise UserError("id-taken", id=row["id"])
    file = repo.root / f"{kind}.yaml"
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    with locked(repo.root):  # read, check and write as one step: two clerks at once lose nothing
        before = file.read_text(encoding="utf-8") if file.is_file() else ""
        data = loaded_or_refused(yaml, before, repo, file.name, before.encode()) if before else None
        if data is None:
            data = yaml.load(f"{kind}: []\n")
        if not hasattr(data, "get"):
            raise UserError("edit-unreadable", path=file.name, reason="not a mapping")
        rows = data.get(kind)
        if rows is None:
            data[kind] = rows = yaml.load("[]")
        if any(isinstance(r, dict) and r.get("id") == row["id"] for r in rows):
            raise UserError("id-taken", id=row["id"])
        if hasattr(rows, "fa"):
            rows.fa.set_block_style()
        rows.append(row)
        stream = io.StringIO()
        yaml.dump(data, stream)
        refuse_if_invalid(repo, file.name, stream.getvalue(), before)
        if not comments_kept(before, stream.getvalue()):  # inside [ ] or { }: ruamel drops them
            raise UserError("comments-would-be-lost", path=file.name)
        replace_file(file, stream.getvalue())
    return file
