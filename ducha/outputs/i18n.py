"""The message catalogue: every user-facing sentence, once in Chinese and once in English.

The catalogue is one dictionary; its parts live beside it by subject (``*_words.py``: the
problems validate reports, tables' words, memos, diff and log, a clerk's day, a hub) and
are taken in here, so that a key is defined once and looked up in one place.
"""

from __future__ import annotations

from typing import Any

from ducha.checks.issues import Issue, Phrase
from ducha.domain.settings import Lang
from ducha.errors import DuchaError, RecordRefused
from ducha.outputs.clerk_words import CLERK
from ducha.outputs.column_words import COLUMNS
from ducha.outputs.hub_words import HUB
from ducha.outputs.memo_words import MEMOS
from ducha.outputs.problem_words import PROBLEMS
from ducha.outputs.review_words import REVIEW

LANGS: tuple[Lang, ...] = ("zh", "en")

# key -> (Chinese, English). Values are str.format templates.
CATALOGUE: dict[str, tuple[str, str]] = {
    **PROBLEMS,
    # --- run-stopping errors
    "no-repo": (
        (
            "未找到 ducha 记录仓库：{start} 及其上级目录中都没有 ducha.yaml。"
            "在记录仓库中运行，或用 -C 指定路径；新建仓库只需在根目录创建一个 ducha.yaml。"
        ),
        (
            "no ducha records repository: no ducha.yaml in {start} or above. "
            "Run inside one or pass -C PATH; to start one, create ducha.yaml at its root."
        ),
    ),
    "repo-not-dir": ("{path} 不是目录", "{path} is not a directory"),
    "path-outside": ("{path} 不在记录仓库 {root} 中", "{path} is not inside the repository {root}"),
    "path-missing": ("{path} 不存在", "{path} does not exist"),
    "config-broken": (
        "ducha.yaml 有错误，无法继续：",
        "ducha.yaml has errors; cannot go on:",
    ),
    "bad-lang": (
        "不支持的界面语言 {lang}；可选 zh、en",
        "unknown interface language {lang}; use zh or en",
    ),
    "full-width-colon": (
        "{field} 后面是全角冒号“：”；字段名后要用半角冒号加空格“: ”（切换到英文标点）",
        "a full-width colon '：' after {field}: a field name takes an ASCII colon and a space",
    ),
    "full-width-space": (
        "缩进里有全角空格；YAML 只认半角空格缩进",
        "a full-width space in the indentation: YAML indents with ASCII spaces only",
    ),
    "forbidden-character": (
        "文件中有不允许的控制字符 {code}（YAML 不允许；常见于从别处粘贴的文字），请删除",
        "forbidden control character {code} (YAML does not allow it; often pasted in): remove it",
    ),
    "control-character": (
        "{field} 中有控制字符 {code}（可能改动终端显示），请删除",
        "{field} holds control character {code} (it can change what a terminal shows): remove it",
    ),
    "out-of-range": (
        "{field} 应在 {low} 到 {high} 之间，实际是 {value}",
        "{field} must be between {low} and {high}, not {value}",
    ),
    "config-unreadable": ("读不了 {path}：{reason}", "cannot read {path}: {reason}"),
    "comments-would-be-lost": (
        "{path} 的 [ ] 或 {{ }} 里有注释，改写会丢掉它们，所以没有改；请把这些注释移到括号外，或手工添加",
        "{path} has comments inside [ ] or {{ }} that rewriting would drop: left unchanged; move them out or add by hand",
    ),
    "write-failed": (
        "无法写入 {path}：{reason}（原有文件没有改动）",
        "cannot write {path}: {reason} (the file as it was is untouched)",
    ),
    "record-refused": (
        "{path} 没有写入：它通不过校验",
        "{path} not written: it would not pass validate",
    ),
    "period-backwards": (
        "--from {start} 在 --to {end} 之后；起始日要早于截止日",
        "--from {start} is after --to {end}: the period must start before it ends",
    ),
    "number-taken": (
        "{year} 年的 {number} 号已给了另一份公文（见 numbers.yaml）；换一个 --number，或不写它取下一个号",
        (
            "number {number} of {year} belongs to another memo (see numbers.yaml): choose "
            "another --number, or leave it out for the next one"
        ),
    ),
    "number-needs-issue": (
        "--number 只在印发时用：加 --issue（草稿不编号）",
        "--number is for issuing: add --issue (a draft has no number)",
    ),
    "numbers-broken": (
        "{path} 读不了（{detail}）；请先修好它，编号才不会重复",
        "{path} cannot be read ({detail}): mend it first, so that no number is used twice",
    ),
    "template-too-long": ("渲染超过 {seconds} 秒，已停止", "ran past {seconds} s: stopped"),
    "template-recursion": ("模板互相包含，没有尽头", "templates include each other without end"),
    "fmt-edited-meanwhile": (
        "{path} 在整理期间被修改过，未替换；请再运行一次 ducha fmt",
        "{path} was edited while fmt ran: left as it is; run ducha fmt again",
    ),
    "output-exists": (
        "{path} 已存在；要替换它请加 --force",
        "{path} exists: add --force to replace it",
    ),
    "output-link": ("{path} 是符号链接，不写入", "{path} is a symbolic link: not written"),
    "output-not-file": (
        "{path} 不是普通文件（目录、设备或管道），不写入",
        "{path} is not a regular file (a folder, device or pipe): not written",
    ),
    "output-in-records": (
        "{path} 在记录之中（visits、evidence、templates 或配置文件），不写入；请写到别处",
        "{path} is among the records (visits, evidence, templates or a config file): write elsewhere",
    ),
    "output-unusable": ("无法写入 {path}：{reason}", "cannot write {path}: {reason}"),
    "deadline-uncovered": (
        (
            "这个期限按工作日计算要用到 {year} 年的节假日安排，但日历里没有这一年；"
            "请在 ducha.yaml 的 calendar 下列出 {year} 年的 holidays 和 workdays，或写明具体日期"
        ),
        (
            "this deadline counts working days into {year}, a year no calendar covers; "
            "list {year}'s holidays and workdays under calendar: in ducha.yaml, or give a date"
        ),
    ),
    "planned-twice": (
        "问题 {finding} 已列入 {other} 的回访计划，不要重复安排",
        "finding {finding} is already in the planned return visit at {other}",
    ),
    "not-a-record-file": (
        "这里应是记录文件，却是{kind}；请移走或改名",
        "a record file was expected here, but this is {kind}; move or rename it",
    ),
    "odd-fifo": ("一个管道（FIFO）", "a pipe (FIFO)"),
    "odd-folder": ("一个目录", "a folder"),
    "odd-link": (
        "一个符号链接（不跟随，以免读到仓库外）",
        "a symbolic link (not followed: it could lead out of the repository)",
    ),
    "odd-special": ("一个设备文件", "a device"),
    "odd-unreadable": ("读不了的文件或目录", "a file or folder that cannot be read"),
    "odd-not-folder": (
        "一个没有扩展名的文件（这里应是年或月的目录，或 .yaml/.md 记录）",
        "a file without a suffix (a year or month folder, or a .yaml/.md record, belongs here)",
    ),
    "odd-name": ("不是 UTF-8 编码的文件名", "a file name not in UTF-8"),
    "unreadable-file": ("无法读取：{reason}", "cannot be read: {reason}"),
    "bad-revision": (
        "git 中没有 {rev} 这个版本（两个版本之间用 A..B）",
        "git knows no revision {rev} (give a range as A..B)",
    ),
    "diff-visit-moved": (
        "督查 {subject} 的文件移动：{old} → {new}",
        "visit {subject} moved: {old} → {new}",
    ),
    "diff-report-added": (
        "问题 {subject} 新增整改反馈：{new}",
        "finding {subject}: report-back added: {new}",
    ),
    "diff-report-removed": (
        "问题 {subject} 删除整改反馈：{old}",
        "finding {subject}: report-back removed: {old}",
    ),
    "diff-report-edited": (
        "问题 {subject} 的整改反馈（{field}）：{old} → {new}",
        "finding {subject} report-back ({field}): {old} → {new}",
    ),
    "diff-evidence-changed": (
        "问题 {subject} 的佐证材料 {new} 内容有变化",
        "finding {subject}: evidence {new} changed",
    ),
    "diff-check-removed": (
        "删除了回访 {field} 对问题 {subject} 的结果：{old}",
        "return visit {field}'s result on {subject} removed: {old}",
    ),
    "diff-check-edited": (
        "回访 {visit} 对问题 {subject} 的{field}：{old} → {new}",
        "return visit {visit} on {subject}, {field}: {old} → {new}",
    ),
    "unknown-title": (
        "期限无法计算的问题 {count} 项",
        "{count} {count:finding|findings} whose deadline is unknown",
    ),
    "unknown-hint": (
        (
            "这些问题的期限要数到日历数据之外的年份；ducha validate 指出在哪里，"
            "在 ducha.yaml 的 calendar 下补上那一年的节假日安排即可"
        ),
        (
            "their deadlines count into a year no calendar covers; ducha validate says where; "
            "list that year's holidays under calendar: in ducha.yaml"
        ),
    ),
    "due-days": ("{days}个工作日", "{days} working days"),
    "due-immediate": ("立行立改", "at once"),
    "due-default": ("默认期限", "the default deadline"),
    "deadline-at": ("{rule}（{date}）", "{rule} ({date})"),
    "deadline-unknown": ("期限无法计算", "deadline unknown"),
    "report-value": ("{date} {note}", "{date} {note}"),
    "field-place": ("具体位置", "place"),
    "field-rectification": ("整改要求", "what must be done"),
    "field-measure": ("建议措施", "suggested measure"),
    "field-fixed_on_spot": ("当场整改", "fixed on the spot"),
    "field-complainant": ("反映人", "complainant"),
    "field-inspectors": ("参加人员", "inspectors"),
    "field-to_check": ("计划回访的问题", "findings to check"),
    "field-exemplars": ("典型", "exemplars"),
    "field-narrative": ("正文", "narrative"),
    "field-address": ("地址", "address"),
    "field-contact": ("联系人", "contact"),
    "field-result": ("回访结果", "result"),
    "field-note": ("说明", "note"),
    "no": ("否", "no"),
    "nothing": ("（无）", "(none)"),
    "calendar-uncovered": (
        (
            "{year} 年的节假日安排未知（日历数据只到 {last} 年），无法计算工作日。"
            "请在 ducha.yaml 的 calendar 下列出 {year} 年的 holidays 和 workdays（调休上班日），"
            "或升级 chinesecalendar。"
        ),
        (
            "the holiday schedule for {year} is unknown (calendar data ends in {last}); cannot count "
            "working days. List {year}'s holidays and make-up workdays under calendar in ducha.yaml, "
            "or upgrade chinesecalendar."
        ),
    ),
    "validate-ok": (
        "检查了 {files} 个文件，没有发现问题",
        "checked {files} {files:file|files}: no problems",
    ),
    "validate-summary": (
        "检查了 {files} 个文件：{errors} 个错误，{warnings} 个警告",
        (
            "checked {files} {files:file|files}: {errors} {errors:error|errors}, "
            "{warnings} {warnings:warning|warnings}"
        ),
    ),
    **COLUMNS,
    **MEMOS,
    # --- git
    "git-missing": (
        "需要 git：请先安装 git（apt-get install git，或 git-scm.com）",
        "git is needed: install git first",
    ),
    "not-git": (
        "{path} 不在 git 仓库中；这个命令需要 git 历史（git init 后提交记录）",
        "{path} is not in a git repository; this command needs git history",
    ),
    "git-failed": ("git {command} 失败：{detail}", "git {command} failed: {detail}"),
    **REVIEW,
    "already-repo": (
        "{path} 已经是记录仓库（有 ducha.yaml），未作任何改动",
        "{path} already holds a records repository; nothing changed",
    ),
    "id-taken": ("编号 {id} 已被使用", "id {id} is already used"),
    "init-done": ("已在 {path} 建立记录仓库：", "created a records repository in {path}:"),
    "committed": ("已提交 {sha}", "committed {sha}"),
    "init-message": ("建立督查记录仓库", "create the records repository"),
    "new-visit-message": ("新增督查记录 {id}", "add visit {id}"),
    "new-unit-message": ("新增被督查单位 {id}", "add unit {id}"),
    "new-team-message": ("新增督查组 {id}", "add team {id}"),
    "fmt-skipped": (
        "{path} 有错误，未整理（先用 ducha validate 修正）",
        "{path} has errors; left as it is (see ducha validate)",
    ),
    "fmt-would-change": ("需要整理：{path}", "would reformat {path}"),
    "fmt-changed": ("已整理：{path}", "reformatted {path}"),
    "fmt-summary": (
        "{files} 个文件中 {changed} 个需要整理",
        "{changed} of {files} {files:file|files} {changed:needs|need} formatting",
    ),
    "xcol-id": ("编号", "id"),
    "xcol-visit": ("督查编号", "visit"),
    "xcol-visit_date": ("督查日期", "visit date"),
    "xcol-unit": ("单位编号", "unit"),
    "xcol-unit_name": ("单位", "unit name"),
    "xcol-district": ("区县", "district"),
    "xcol-team": ("督查组", "team"),
    "xcol-focus": ("督查重点", "focus"),
    "xcol-severity": ("严重程度", "severity"),
    "xcol-scope": ("性质", "scope"),
    "xcol-description": ("问题描述", "description"),
    "xcol-responsible": ("责任方", "responsible"),
    "xcol-dispositions": ("结果运用", "dispositions"),
    "xcol-deadline": ("整改期限", "deadline"),
    "xcol-state": ("状态", "state"),
    "xcol-light": ("灯", "light"),
    "xcol-working_days_late": ("超期工作日", "working days late"),
    "xcol-reported_on": ("反馈日期", "reported on"),
    "xcol-closed_on": ("销号日期", "closed on"),
    "xcol-date": ("督查日期", "date"),
    "xcol-team_name": ("督查组名称", "team name"),
    "xcol-units": ("单位编号", "units"),
    "xcol-unit_names": ("被督查单位", "unit names"),
    "xcol-methods": ("督查方式", "methods"),
    "xcol-findings": ("问题数", "findings"),
    "xcol-exemplars": ("典型数", "exemplars"),
    "xcol-returns_to": ("回访的督查", "returns to"),
    "xcol-path": ("文件", "file"),
    "xcol-name": ("名称", "name"),
    "xcol-kind": ("类型", "kind"),
    "xcol-visits": ("督查次数", "visits"),
    "xcol-last_visit": ("最近督查", "last visit"),
    "xcol-open": ("未销号", "not closed"),
    "xcol-overdue": ("超期", "overdue"),
    "sheet-findings": ("问题清单", "findings"),
    "sheet-visits": ("督查记录", "visits"),
    "sheet-units": ("被督查单位", "units"),
    "export-needs-output": (
        "xlsx 是二进制格式，请用 --output 指定文件",
        "xlsx is binary: give a file with --output",
    ),
    "stats-title": (
        "{start} 至 {end} 督查统计（状态截至 {as_of}）",
        "figures {start} to {end} (states as of {as_of})",
    ),
    "stats-all": ("合计", "all"),
    "stats-rectified": ("整改率", "rectified"),
    "stats-on-time": ("按期率", "on time"),
    "stats-relapsed": ("未反弹", "not relapsed"),
    "col-group": ("分组", "group"),
    "col-units-covered": ("单位数", "units"),
    "progress-parsing": ("读取记录", "reading records"),
    "progress-rendering": ("生成公文", "writing memos"),
    "internal": (
        "ducha 内部错误（这是 ducha 的缺陷，请报告）：{error}",
        "internal error in ducha (a bug; please report it): {error}",
    ),
    "interrupted": ("已中断", "interrupted"),
    "unknown-id": (
        "找不到 {id}：既不是督查记录、问题，也不是单位",
        "{id} is not a visit, finding or unit",
    ),
    "bad-as-of": ("日期 {value} 不对；请写成 YYYY-MM-DD", "bad date {value}; write YYYY-MM-DD"),
    "cache-refused": (
        "不使用解析缓存（{reason}）：缓存目录须只属于当前用户",
        "not using the parse cache ({reason}): its folder must belong to this user alone",
    ),
    "skipped-broken": (
        "{count} 个文件有错误，已跳过（用 ducha validate 查看）",
        "{count} {count:file|files} with errors {count:was|were} left out (see ducha validate)",
    ),
    **CLERK,
    **HUB,
}


def text(key: str, lang: Lang, /, **args: Any) -> str:
    """Render catalogue entry ``key`` in ``lang`` with its values."""
    zh, en = CATALOGUE[key]
    template = zh if lang == "zh" else en
    if not args:
        return template
    values = {
        name: text(value.key, lang, **value.args)
        if isinstance(value, Phrase)
        else Count(value)
        if isinstance(value, int) and not isinstance(value, bool)
        else value
        for name, value in args.items()
    }
    return template.format(**values)


class Count(int):
    """A number that also picks an English word's form: ``{files:file|files}``."""

    def __format__(self, spec: str) -> str:
        if "|" in spec:
            one, many = spec.split("|", 1)
            return one if self == 1 else many
        return int.__format__(self, spec)


def parse_lang(value: str | None) -> Lang | None:
    """Return the language a setting names, or None when it names none."""
    if value is None or not value.strip():
        return None
    folded = value.strip().lower().replace("_", "-")
    if folded in ("zh", "zh-cn", "zh-hans", "cn", "chinese", "中文"):
        return "zh"
    if folded.startswith("en"):
        return "en"
    return None


def message(issue: Issue, lang: Lang) -> str:
    """A problem's message in the interface language."""
    return text(issue.key, lang, **issue.args)


def describe(error: DuchaError, lang: Lang) -> str:
    """What stopped a run, in words: its catalogue entry, or the words it was raised with."""
    words = text(error.key, lang, **error.values) if error.key in CATALOGUE else error.key
    if isinstance(error, RecordRefused):
        lines = [
            f"{p.position}: {p.severity.value}: {message(p, lang)} [{p.rule}]"
            for p in error.problems
            if isinstance(p, Issue)
        ]
        words = "\n".join([words, *lines])
    return words
