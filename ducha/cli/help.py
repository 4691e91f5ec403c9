"""The command line's help texts in English: written in Chinese in the code, looked up here.

Only the command line uses them; messages of the library are in ``ducha/outputs/i18n.py``.
"""

from __future__ import annotations

from ducha.domain.settings import Lang

# Chinese (as written in the code) to English.
HELP: dict[str, str] = {
    "督查：督查记录校验、整改超期提醒、回访安排与公文生成。": "ducha (督查): check inspection records, track overdue rectifications, schedule return visits, write memos.",
    "记录仓库路径（默认：从当前目录向上查找 ducha.yaml）。": "Records repository (default: the nearest ducha.yaml at or above the current folder).",
    "界面语言 zh|en（也可用 DUCHA_LANG 或 ducha.yaml 的 lang）。": "Interface language zh|en (also DUCHA_LANG, or lang in ducha.yaml).",
    "着色：auto|always|never（遵守 NO_COLOR）。": "Colour: auto|always|never (honours NO_COLOR).",
    "不读也不写解析缓存（缓存在 $XDG_CACHE_HOME/ducha）。": "Neither read nor write the parse cache ($XDG_CACHE_HOME/ducha).",
    "显示版本号。": "Show the version.",
    "如 main..feature、HEAD~3..HEAD；默认：工作区（含暂存）对 HEAD。": "e.g. main..feature or HEAD~3..HEAD; default: working tree and index against HEAD.",
    "text｜md（贴到合并请求）｜json。": "text | md (for a merge request) | json.",
    "按哪天推算状态和期限（默认今天）。": "Derive states and deadlines as of this day (default: today).",
    "督查编号、问题编号（督查编号/序号）、单位或督查组编号。": "A visit id, finding id (visit/n), unit id or team id.",
    "text｜md｜json。": "text | md | json.",
    "新建督查记录、被督查单位或督查组；已有文件从不覆盖。": "Create a visit record, a unit or a team; existing files are never overwritten.",
    "只把新建的文件提交到 git（不加则不碰暂存区）。": "Commit just the new files to git (without it the index is left alone).",
    "新记录仓库的目录（不存在则创建）。": "Folder of the new records repository (created if missing).",
    "督查组织名称，写入 ducha.yaml。": "Name of the inspection organisation, written to ducha.yaml.",
    "督查组编号。": "Team id.",
    "被督查单位编号（可多次）。": "Unit id (repeatable).",
    "督查日期（默认今天）。": "Date of the visit (default: today).",
    "督查方式（可多次），如 暗访、专项督查。": "Method (repeatable), e.g. 暗访 or 专项督查.",
    "单位编号，如 CD-SQ-04。": "Unit id, e.g. CD-SQ-04.",
    "单位名称。": "Unit name.",
    "所在区县。": "District.",
    "类型：城市社区、农村村庄、企业、医疗机构……": "Kind: community, village, enterprise, medical …",
    "督查组编号，如 T6。": "Team id, e.g. T6.",
    "督查组名称。": "Team name.",
    "组长。": "Team leader.",
    "成员（可多次）。": "Member (repeatable).",
    "bulletin 通报｜notice 整改通知书｜special 专报｜referral 移交函｜brief 日报。": "bulletin | notice (to a unit) | special (report to HQ) | referral | brief (daily).",
    "格式：docx（打印用）｜html｜md｜pdf。": "Format: docx (for printing) | html | md | pdf.",
    "写入的文件或目录（docx、pdf 必须指定；多份公文时为目录）。": "File or folder to write (required for docx and pdf; a folder for several memos).",
    "统计期起始日（YYYY-MM-DD）。": "First day of the period (YYYY-MM-DD).",
    "统计期截止日（YYYY-MM-DD）。": "Last day of the period (YYYY-MM-DD).",
    "统计期为 --as-of 所在的一周（周一至周日）。": "The period is the week (Monday to Sunday) of --as-of.",
    "统计期为 --as-of 所在的月份。": "The period is the month of --as-of.",
    "成文日期和状态截止日（默认今天）。": "Date of the memo and of the states it reports (default: today).",
    "整改通知书的单位编号（不写则每个有未销号问题的单位一份）。": "Unit of the notice (default: one notice per unit with findings not closed).",
    "移交函的对象：discipline 纪委｜police 公安（不写则两者都出）。": "Referral to: discipline (commission) | police (default: both).",
    "正式印发：给公文编号并记入 numbers.yaml（不加则是草稿，不占号）。": "Issue the memo: give it a number and record it in numbers.yaml (without it, a draft that takes no number).",
    "印发用的发文字号或期号（默认取当年下一个空号）。": "Document or issue number to issue under (default: the next free one of the year).",
    "发给单位的文书也印出反映人等个人信息（默认不印）。": "Print personal data such as complainants even in memos to units (default: left out).",
    "列出各种公文、各格式所用的模板及来源。": "List which template each memo kind and format uses, and where it comes from.",
    "窗口起始日（YYYY-MM-DD，默认今天）。": "First day of the window (YYYY-MM-DD, default: today).",
    "窗口天数（日历日；只排工作日）。": "Days in the window (calendar days; only working days are used).",
    "随机种子：同一种子、同一记录得到同一安排。": "Random seed: the same seed on the same records gives the same plan.",
    "每组每个工作日最多回访几家（默认取 ducha.yaml）。": "Return visits per team per working day (default: from ducha.yaml).",
    "输出格式：table|json。": "Output: table|json.",
    "另写一个 iCalendar 文件（每次回访一个私密事件）。": "Also write an iCalendar file (one private event per visit).",
    "输出格式：text|json|github|gitlab（GitLab 代码质量报告）。": "Output: text|json|github|gitlab (a GitLab Code Quality report).",
    "替换已存在的输出文件。": "Replace an output file that exists.",
    "日历事件写出单位名称和问题（默认不写：日历常与他人共享）。": "Write unit names and findings into the calendar events (default: left out, as calendars are shared).",
    "替换已存在的 --ics 文件。": "Replace an --ics file that exists.",
    "把安排写成计划督查记录（status: planned），不覆盖已有文件。": "Write the plan as planned visit records (status: planned); never overwrites.",
    "只报告这些文件或目录中的问题（跨记录规则仍看全部）。": "Report problems in these files or folders only (cross-record rules still see everything).",
    "输出格式：text|json|github。": "Output: text|json|github.",
    "有警告也返回 1。": "Exit 1 on warnings too.",
    "只报告相对 --base（默认 HEAD）改动过的文件中的问题。": "Report problems only in files changed since --base (default: HEAD).",
    "--changed 的比较基准，如 main。": "What --changed compares with, e.g. main.",
    "只报告已暂存（git add）文件中的问题。": "Report problems only in staged files (git add).",
    "以哪天为准（YYYY-MM-DD，默认今天）。": "As of this day (YYYY-MM-DD, default: today).",
    "同时列出 N 个工作日内到期的（黄灯）；默认取 ducha.yaml。": "Also list findings due within N working days (yellow); default from ducha.yaml.",
    "分组小计：unit|district|team|focus。": "Group with subtotals: unit|district|team|focus.",
    "只看该区县。": "Only this district.",
    "只看该单位（编号）。": "Only this unit (id).",
    "只看该督查组（编号）。": "Only this team (id).",
    "只看该严重程度（编码或名称）。": "Only this severity (code or label).",
    "输出格式：table|json|csv。": "Output: table|json|csv.",
    "有超期（红灯）时返回 1，供定时提醒任务使用。": "Exit 1 when something is overdue (red), for a scheduled reminder.",
    "督查编号、问题编号（督查编号/序号）或单位编号。": "A visit id, finding id (visit/n) or unit id.",
    "visit｜units｜teams｜config；不写则全部写入 --output 目录。": "visit | units | teams | config; without it, all four into the --output folder.",
    "写入的文件，或（不写 KIND 时）目录。": "File to write, or (without KIND) a folder.",
    "只整理这些文件或目录（默认：全部记录）。": "Format only these files or folders (default: every record).",
    "只检查不修改；有文件需要整理时返回 1（供 CI 使用）。": "Check only; exit 1 when a file would change (for CI).",
    "csv（带 BOM，Excel/WPS 直接打开）｜xlsx｜json。": "csv (with a BOM for Excel/WPS) | xlsx | json.",
    "每行一个：findings 问题｜visits 督查｜units 单位。": "One row per: finding | visit | unit.",
    "状态、期限和灯按哪天推算（默认今天）。": "States, deadlines and lights as of this day (default: today).",
    "写入的文件（xlsx 必须指定）。": "File to write (required for xlsx).",
    "统计期起始日（默认：最早的督查）。": "First day of the period (default: the first visit).",
    "统计期截止日（默认：--as-of）。": "Last day of the period (default: --as-of).",
    "状态按哪天推算（默认今天）。": "States as of this day (default: today).",
    "分组：district｜team｜focus｜unit。": "Group by: district | team | focus | unit.",
    "table｜json。": "table | json.",
    "以督查的语言说明改动：新增/删除的督查和问题、状态变化、期限延长或改到过去、回访结果等。": "Say what a change means: visits and findings added or removed, state changes, deadlines extended or moved into the past, return-visit results.",
    "一条记录在 git 中的历史：每次提交的日期、作者、说明和字段级改动（谁在何时销号）。": "The git history of one record: date, author, message and field-level change of each commit (who closed it, and when).",
    "新建记录仓库：git init、带注释的 ducha.yaml、units/teams、templates/、pre-commit 配置。": "Create a records repository: git init, a commented ducha.yaml, units and teams, templates/, a pre-commit config.",
    "新建一次督查的记录骨架（新编号、放进正确的目录），打印其路径。": "Write a complete visit skeleton with a fresh id in the right folder and print its path.",
    "在 units.yaml 末尾添加一个被督查单位（保留原有注释）。": "Append a unit to units.yaml (keeping every comment).",
    "在 teams.yaml 末尾添加一个督查组（保留原有注释）。": "Append a team to teams.yaml (keeping every comment).",
    "生成公文：督查通报、整改通知书、督查专报、问题线索移交函、督查日报，符合 GB/T 9704 格式。": "Write memos in the GB/T 9704 format: bulletin, rectification notice, special report, referral letter, daily brief.",
    "安排杀回马枪：在窗口内的工作日里，不可预测又可重现地安排回访，并说明每一次的事由。": "Plan return visits (杀回马枪) on the working days of a window: unpredictable, reproducible, each with its reasons.",
    "校验所有记录：语法、字段、取值、日期、引用、回访与佐证材料，一次报告全部问题。": "Check every record (syntax, fields, values, dates, references, return visits, evidence) and report all problems at once.",
    "列出超期（红灯）和临期（黄灯）的整改，以及已反馈待核验的问题；按中国工作日计算。": "List overdue (red) and soon-due (yellow) rectifications and those awaiting verification, in Chinese working days.",
    "显示一次督查、一个问题或一个单位的全部情况，含状态、期限和回访经过。": "Show one visit, finding or unit in full, with its state, deadline and return visits.",
    "生成编辑器用的 JSON Schema（draft 2020-12），与校验规则同源，带中文说明。": "Write JSON Schema (draft 2020-12) for editors, from the definitions the validator uses, with Chinese titles.",
    "整理记录格式：字段顺序、取值写法（中文名称或编码）、期限和日期的写法；保留全部注释。": "Normalise records (key order, labels or codes, deadline and date spelling), keeping every comment.",
    "导出表格：每行一个问题（或督查、单位），含推算出的状态、期限和红黄绿灯。": "Export a table: one row per finding (or visit, or unit) with derived state, deadline and light.",
    "督查统计：督查次数、覆盖单位、问题按严重程度和状态、整改率、按期率、反弹率、典型。": "Figures: visits, units covered, findings by severity and state, rectification, on-time and relapse rates, exemplars.",
    "记录": "Records",
    "检查": "Checks",
    "期限与回访": "Deadlines and return visits",
    "公文与表格": "Memos and tables",
    "git 审阅": "Review in git",
    "设置": "Set-up",
    "其他": "Other",
}

# The commands in the order a clerk works, grouped under these headings in ``ducha --help``.
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("记录", ("new", "show", "fmt")),
    ("检查", ("validate",)),
    ("期限与回访", ("overdue", "schedule")),
    ("公文与表格", ("report", "export", "stats")),
    ("git 审阅", ("diff", "log")),
    ("设置", ("init", "schema")),
)

OTHER = "其他"  # commands in no group
USAGE_ZH = {"[OPTIONS]": "[选项]", "COMMAND": "命令", "[ARGS]": "[参数]"}

# Words of Typer's copy of Click in Chinese: headings, the help option, Typer's default and
# required marks (``CellFormatter``, ``install_words``), and its completion options.
CLICK_ZH: dict[str, str] = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Arguments": "参数",
    "Show this message and exit.": "显示本帮助并退出。",
    "default: {default}": "默认：{default}",
    "required": "必填",
    "env var: {var}": "环境变量：{var}",
    "(dynamic)": "（动态）",
    "Aborted!": "已中止。",
    "Missing command.": "缺少命令。",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "Install completion for the current shell.": "为当前 shell 安装命令补全（重开终端后生效）。",
    "Show completion for the current shell, to copy it or customize the installation.": (
        "显示当前 shell 的补全脚本，可自行复制安装。"
    ),
}

ERRORS_ZH = {
    "try": "用 '{command} {option}' 查看帮助。",
    "error": "错误：{message}",
    "list": "、",
    "colon": "：",
    "no-such-option": "没有选项 {name}。",
    "no-such-option-like": "没有选项 {name}。是不是：{like}？",
    "missing-option": "缺少选项{hint}。",
    "missing-argument": "缺少参数{hint}。",
    "missing-parameter": "缺少参数{hint}。",
    "bad-value-for": "{hint} 的值不对：{message}",
    "bad-value": "值不对：{message}",
    "file-error": "无法打开文件 {name}：{message}",
}

KINDS_ZH = {"File": "文件", "Directory": "目录", "Path": "路径", "file": "文件", "path": "路径"}
NUMBERS_ZH = {
    "integer": "整数",
    "int": "整数",
    "int range": "整数",
    "float": "数",
    "float range": "数",
}

# Sentences of Typer's copy of Click that carry a value, and their Chinese.
SENTENCES_ZH: tuple[tuple[str, str], ...] = (
        (r"(?P<value>.*) is not one of (?P<choices>.*)\.", "{value} 不在可选值 {choices} 之中。"),
        (r"(?P<value>.*) is not a valid (?P<number>integer|float|int range|float range|int|float)\.", "{value} 不是{number}。"),
        (r"(?P<value>.*) is not a valid boolean\. Recognized values: (?P<states>.*)", "{value} 不是是非值，可用：{states}"),
        (r"(?P<value>.*) is not in the range (?P<range>.*)\.", "{value} 超出范围 {range}。"),
        (r"(?P<value>.*) does not match the formats? (?P<formats>.*)\.", "{value} 不合格式 {formats}。"),
        (r"Option (?P<name>.*) requires an argument\.", "选项 {name} 需要一个值。"),
        (r"Option (?P<name>.*) requires (?P<count>\d+) arguments\.", "选项 {name} 需要 {count} 个值。"),
        (r"Option (?P<name>.*) does not take a value\.", "选项 {name} 不带值。"),
        (r"Got unexpected extra argument\(s\) \((?P<args>.*)\)", "多出的参数：{args}"),
        (r"No such command (?P<name>.*)\.", "没有命令 {name}。"),
        (r"Missing command\.", "缺少命令。"),
        (r"(?P<kind>File|Directory|Path) (?P<name>.*) does not exist\.", "{kind} {name} 不存在。"),
        (r"(?P<kind>File|Directory|Path) (?P<name>.*) is a directory\.", "{kind} {name} 是目录。"),
        (r"(?P<kind>File|Directory|Path) (?P<name>.*) is a file\.", "{kind} {name} 是文件。"),
        (r"(?P<kind>File|Directory|Path) (?P<name>.*) is not readable\.", "{kind} {name} 不可读。"),
        (r"(?P<kind>File|Directory|Path) (?P<name>.*) is not writable\.", "{kind} {name} 不可写。"),
)  # fmt: skip


def help_text(chinese: str, lang: Lang) -> str:
    """A command-line help text in ``lang``."""
    return chinese if lang == "zh" else HELP.get(chinese, chinese)
