"""The message catalogue: every user-facing sentence, once in Chinese and once in English."""

from __future__ import annotations

from typing import Any

from ducha.checks.issues import Issue, Phrase
from ducha.domain.settings import Lang
from ducha.errors import DuchaError, RecordRefused
from ducha.outputs.clerk_words import CLERK
from ducha.outputs.hub_words import HUB

LANGS: tuple[Lang, ...] = ("zh", "en")

# key -> (Chinese, English). Values are str.format templates.
CATALOGUE: dict[str, tuple[str, str]] = {
    # --- reading files
    "yaml-syntax": ("YAML 语法错误：{problem}", "YAML syntax error: {problem}"),
    "encoding": (
        "文件不是 UTF-8 编码（第 {byte} 字节无法解码，可能是 GBK）；请另存为 UTF-8",
        "file is not UTF-8 (byte {byte} cannot be decoded; GBK?); save it as UTF-8",
    ),
    "tab": (
        "缩进中有制表符（Tab）；YAML 只允许用空格缩进",
        "tab character in indentation; YAML indents with spaces only",
    ),
    "merge-conflict": (
        "合并冲突标记 {marker}：先解决 git 冲突",
        "merge-conflict marker {marker}: resolve the git conflict first",
    ),
    "empty-file": (
        "文件是空的（或只有注释），没有任何记录内容",
        "the file is empty or holds only comments",
    ),
    "front-matter": (
        "Markdown 记录须以 --- 开头的 YAML 头部（front matter），并以 --- 结束",
        "a Markdown record needs YAML front matter between two --- lines at the top",
    ),
    "too-large": (
        "文件过大（{size} 字节，上限 {limit} 字节）；一次督查应是一个小文件",
        "file too large ({size} bytes, limit {limit}); one visit is one small file",
    ),
    "too-complex": (
        "YAML 结构过深或展开后过大（锚点/别名）；已拒绝读取",
        "YAML nested too deeply or expands too far (anchors/aliases); refused",
    ),
    "duplicate-key": (
        "重复的字段 {name}（第一次出现在第 {line} 行）",
        "duplicate key {name} (first at line {line})",
    ),
    # --- shape of a record
    "unknown-field": ("未知字段 {field}{hint}", "unknown field {field}{hint}"),
    "hint": ("；是不是 {suggestion}？", "; did you mean {suggestion}?"),
    "missing-field": ("缺少必填字段 {field}", "missing required field {field}"),
    "wrong-type": (
        "{field} 应为{expected}，实际是{actual}",
        "{field} must be {expected}, not {actual}",
    ),
    "unknown-value": (
        "{field} 的值 {value} 不在可选范围内{hint}；可选：{choices}",
        "{field}: {value} is not an allowed value{hint}; choose from {choices}",
    ),
    "bad-date": (
        "{field} 的日期 {value} 不存在或格式不对；请写成 YYYY-MM-DD，例如 2020-02-12",
        "{field}: {value} is not a valid date; write YYYY-MM-DD, e.g. 2020-02-12",
    ),
    "bad-deadline": (
        "{field} 的值 {value} 看不懂；可写日期（2020-02-12）、「N个工作日」或「立行立改」",
        "{field}: cannot read {value}; write a date (2020-02-12), 'N working days' or 'immediate'",
    ),
    "bad-id": (
        "编号 {value} 格式不对；应为 {pattern}",
        "id {value} is malformed; expected {pattern}",
    ),
    "method-conflict": (
        "督查方式 {first} 与 {second} 是同一对中的两面，只能取其一",
        "methods {first} and {second} are two sides of one pair; keep one",
    ),
    # --- types, as words inside wrong-type
    "type-text": ("文字", "text"),
    "type-int": ("正整数", "a positive whole number"),
    "type-bool": ("true 或 false", "true or false"),
    "type-date": ("日期", "a date"),
    "type-list": ("列表", "a list"),
    "type-map": ("字段表（键: 值）", "a mapping (key: value)"),
    "type-number": ("数字", "a number"),
    "type-null": ("空值", "empty"),
    "type-deadline": ("期限", "a deadline"),
    "pattern-visit": ("日期-短码，如 20200205-k7m", "date-code, e.g. 20200205-k7m"),
    "pattern-code": ("字母、数字和 -，如 YH-SQ-01", "letters, digits and -, e.g. YH-SQ-01"),
    "pattern-finding": ("督查编号/序号，如 20200205-k7m/2", "visit id/number, e.g. 20200205-k7m/2"),
    "no-hint": ("", ""),
    # --- across records
    "duplicate-id": (
        "编号 {id} 重复：{other} 已使用",
        "id {id} is used twice: also at {other}",
    ),
    "unknown-unit": (
        "被督查单位 {id} 不存在（见 units.yaml）",
        "unit {id} does not exist (see units.yaml)",
    ),
    "unknown-team": (
        "督查组 {id} 不存在（见 teams.yaml）",
        "team {id} does not exist (see teams.yaml)",
    ),
    "unknown-visit": ("督查记录 {id} 不存在", "visit {id} does not exist"),
    "unknown-finding": ("问题 {id} 不存在", "finding {id} does not exist"),
    "unit-not-visited": (
        "问题所属单位 {id} 不在本次督查的单位（units）中",
        "the finding's unit {id} is not among this visit's units",
    ),
    "unit-required": (
        "本次督查涉及多个单位，须写明该条的 unit",
        "this visit covers several units; say which one with unit",
    ),
    "deadline-before-visit": (
        "整改期限 {deadline} 早于督查日期 {date}",
        "deadline {deadline} is before the visit date {date}",
    ),
    "report-before-visit": (
        "整改反馈日期 {reported} 早于督查日期 {date}",
        "report-back date {reported} is before the visit date {date}",
    ),
    "return-before-origin": (
        "回访日期 {date} 不晚于被回访的督查 {origin}（{origin_date}）",
        "return visit on {date} is not after the visit it returns to, {origin} ({origin_date})",
    ),
    "check-not-in-origin": (
        "问题 {finding} 不属于本次回访的督查（returns_to：{origins}）",
        "finding {finding} is not from a visit this one returns to (returns_to: {origins})",
    ),
    "check-without-return": (
        "记录了回访结果（checks），但没有写 returns_to",
        "records check results but names no visit in returns_to",
    ),
    "return-method": (
        "回访（returns_to）应标明督查方式「杀回马枪」",
        "a return visit (returns_to) should carry the method 'return'",
    ),
    "evidence-missing": (
        "佐证材料 {file} 不在仓库中",
        "evidence file {file} is not in the repository",
    ),
    "evidence-outside": (
        "佐证材料路径 {file} 指向仓库之外",
        "evidence path {file} points outside the repository",
    ),
    "file-location": (
        "文件位置与记录不符：应为 {expected}",
        "file location does not match the record: expected {expected}",
    ),
    "id-date": (
        "编号 {id} 开头的日期与督查日期 {date} 不符",
        "id {id} does not start with the visit date {date}",
    ),
    "planned-has-results": (
        "计划中的督查（status: planned）不应已有发现问题或回访结果",
        "a planned visit (status: planned) cannot have findings or check results yet",
    ),
    "planned-in-past": (
        "计划督查日期 {date} 已过，请补录结果或删除",
        "planned visit date {date} has passed; record its results or remove it",
    ),
    "personal-data": (
        "这段会印进公文的文字里像是有{kind}；个人信息请写在 contact、complainant 等字段",
        "this printed text seems to hold {kind}; keep personal data in contact or complainant",
    ),
    "personal-id-card": ("身份证号", "an ID-card number"),
    "personal-mobile": ("手机号", "a mobile number"),
    "config-duplicate-code": (
        "{field} 中的编码 {code} 重复",
        "{field}: code {code} is listed twice",
    ),
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
    # --- states, lights, column headers
    "state-open": ("待整改", "open"),
    "state-reported": ("已反馈待核验", "reported"),
    "state-closed": ("已销号", "closed"),
    "state-reopened": ("重新整改", "reopened"),
    "light-red": ("红灯", "red"),
    "light-yellow": ("黄灯", "yellow"),
    "light-green": ("绿灯", "green"),
    "col-light": ("灯", "light"),
    "col-id": ("问题编号", "finding"),
    "col-visit": ("督查编号", "visit"),
    "col-date": ("日期", "date"),
    "col-unit": ("单位", "unit"),
    "col-unit-id": ("单位编号", "unit id"),
    "col-district": ("区县", "district"),
    "col-team": ("督查组", "team"),
    "col-focus": ("督查重点", "focus"),
    "col-severity": ("程度", "severity"),
    "col-scope": ("性质", "scope"),
    "col-description": ("问题描述", "description"),
    "col-deadline": ("整改期限", "deadline"),
    "col-late": ("超期", "late"),
    "bad-severity": (
        "没有“{value}”这个程度；可用：{choices}",
        "no severity '{value}'; use one of {choices}",
    ),
    "no-such-command": (
        "没有 {name} 这个命令。是不是：{like}？",
        "No such command '{name}'. Did you mean {like}?",
    ),
    "completion-installed": (
        "已为 {shell} 安装命令补全：{path}；重开终端后生效。",
        "{shell} completion installed in {path}; it takes effect in a new terminal.",
    ),
    "columns-hidden": (
        "（终端 {width} 列，未显示：{columns}；加宽终端或设 COLUMNS=200 可看全部）",
        "({width} columns: {columns} not shown; widen the terminal or set COLUMNS=200 to see all)",
    ),
    "late-days": ("超 {days} 天", "{days} late"),
    "left-days": ("剩 {days} 天", "{days} left"),
    "colon": ("：", ": "),
    "repo-twice": (
        "-C 只能给一次：一次命令只处理一个记录仓库",
        "give -C once: a command works on one repository",
    ),
    "late-workdays": ("超期 {days} 个工作日", "{days} working days late"),
    "left-workdays": ("还有 {days} 个工作日", "{days} working days left"),
    "light-and-days": ("{light}，{days}", "{light}, {days}"),
    "due-today": ("今日到期", "due today"),
    "subtotal": ("{name}：{count} 项（超期 {red} 项）", "{name}: {count} ({red} overdue)"),
    "col-left": ("剩余工作日", "working days left"),
    "col-responsible": ("责任方", "responsible"),
    "col-dispositions": ("结果运用", "dispositions"),
    "col-state": ("状态", "state"),
    "col-reported": ("反馈日期", "reported"),
    "col-waited": ("已等（工作日）", "waited (working days)"),
    "col-reported-late": ("逾期反馈", "reported late"),
    "col-subtotal": ("小计", "subtotal"),
    "col-place": ("具体位置", "place"),
    "col-rectification": ("整改要求", "requirement"),
    "col-methods": ("督查方式", "methods"),
    "col-units": ("被督查单位", "units"),
    "col-summary": ("摘要", "summary"),
    "col-kind": ("类型", "kind"),
    "col-returns": ("回访", "returns to"),
    "col-checked-by": ("回访核查", "checked by"),
    "col-evidence": ("佐证材料", "evidence"),
    "col-history": ("经过", "history"),
    "col-event": ("事项", "event"),
    "col-findings": ("发现问题", "findings"),
    "col-exemplars": ("典型", "exemplars"),
    "col-checks": ("回访结果", "checks"),
    "col-leader": ("组长", "leader"),
    "yes": ("是", "yes"),
    "event-opened": ("督查发现", "found"),
    "event-fixed-on-spot": ("当场整改到位", "fixed on the spot"),
    "event-reported": ("单位反馈已整改", "unit reported it fixed"),
    "event-rectified": ("回访：整改到位", "return visit: rectified"),
    "event-not-rectified": ("回访：未整改到位", "return visit: not rectified"),
    "event-relapsed": ("回访：反弹", "return visit: relapsed"),
    "overdue-title": (
        "截至 {date}：超期 {red} 项，{within} 个工作日内到期 {yellow} 项，已反馈待核验 {awaiting} 项",
        "as of {date}: {red} overdue, {yellow} due within {within} working days, {awaiting} awaiting verification",
    ),
    "overdue-none": ("没有超期或临期的整改。", "nothing overdue or due soon."),
    "awaiting-title": ("已反馈、待回访核验", "reported fixed, awaiting verification"),
    "stationed-hint": (
        "超期超过 {days} 个工作日或两次未整改到位：建议驻点督查",
        "overdue beyond {days} working days or not rectified twice: consider a stationed inspection",
    ),
    "show-planned": ("（计划中，尚未督查）", "(planned, not yet done)"),
    # --- schedule
    "reason-relapsed": ("反弹", "relapsed"),
    "reason-not-rectified": ("未整改到位", "not rectified"),
    "reason-overdue": ("超期", "overdue"),
    "reason-serious": ("严重问题", "serious"),
    "reason-awaiting": ("反馈待核验", "awaiting verification"),
    "reason-common": ("共性问题", "common problem"),
    "reason-random": ("随机抽查", "random check"),
    "why-capacity": ("窗口内各组名额已满", "no team has room in the window"),
    "why-rest": ("减轻基层负担：距上次督查不足休整期", "rest period since the last visit"),
    "why-interval": ("距被回访督查不足最短间隔", "too soon after the visit being checked"),
    "why-team": ("交叉督查：没有其他组可派", "cross-team rule leaves no team"),
    "why-overdue-long": ("超期过久", "overdue too long"),
    "why-not-rectified-twice": ("两次未整改到位", "not rectified twice"),
    "schedule-title": (
        "{start} 至 {end} 回访安排（杀回马枪）：{count} 次，随机种子 {seed}",
        "return visits {start} to {end}: {count}, seed {seed}",
    ),
    "schedule-seed-hint": (
        "用 --seed {seed} 可重现同一安排；安排须保密，勿向被督查单位透露。",
        "--seed {seed} reproduces this plan; keep it from the units.",
    ),
    "left-out-title": ("窗口内排不下的必查单位", "must-do units the window could not take"),
    "stationed-title": (
        "建议改派驻点督查（紧盯不放、一督到底）",
        "consider a stationed inspection instead",
    ),
    "calendar-name": ("杀回马枪回访安排", "return visits"),
    "calendar-event": ("杀回马枪：{unit}（{team}）", "return visit: {unit} ({team})"),
    "calendar-event-anonymous": ("杀回马枪：{team}", "return visit: {team}"),
    "calendar-event-count": (
        "核查 {count} 个问题；单位见 ducha schedule 的安排（日历不写单位，以免泄露）",
        "{count} {count:finding|findings} to check; the unit is in the plan, not the calendar",
    ),
    "col-reasons": ("事由", "reasons"),
    "col-why": ("原因", "why"),
    "col-to-check": ("待核查问题", "findings to check"),
    "written": ("已写入 {path}", "wrote {path}"),
    "file-exists": ("{path} 已存在，未覆盖", "{path} exists; not overwritten"),
    "ics-written": (
        "已写入日历 {path}（{count} 个事件）",
        "wrote calendar {path} ({count} {count:event|events})",
    ),
    "planned-comment": (
        (
            "计划回访（杀回马枪），由 ducha schedule --seed {seed} 生成；暗访，勿向被督查单位透露。\n"
            "督查后：删除 status 行，补写 checks（回访结果）和 findings（新发现的问题）。"
        ),
        (
            "planned return visit from ducha schedule --seed {seed}; unannounced: keep it from the unit.\n"
            "After the visit: remove the status line, add checks (results) and findings."
        ),
    ),
    "planned-summary": ("回访核查：{reasons}", "return visit: {reasons}"),
    # --- report
    "template-error": (
        "模板 {name} 第 {line} 行出错：{cause}",
        "template {name}, line {line}: {cause}",
    ),
    "template-missing": ("找不到模板 {name}", "template {name} not found"),
    "no-libreoffice": (
        (
            "生成 PDF 需要 LibreOffice：Debian/Ubuntu 上 apt-get install libreoffice-writer，"
            "Windows/macOS 从 libreoffice.org 安装；或改用 --format docx 在 Word/WPS 中另存为 PDF。"
        ),
        (
            "PDF needs LibreOffice (apt-get install libreoffice-writer, or libreoffice.org); "
            "or use --format docx and save as PDF from Word/WPS."
        ),
    ),
    "pdf-failed": (
        "LibreOffice 转换 PDF 失败：{detail}",
        "LibreOffice could not convert to PDF: {detail}",
    ),
    "report-written": ("已生成 {path}", "wrote {path}"),
    "report-nothing": ("没有可移交的问题线索（{recipient}）", "nothing to refer to {recipient}"),
    "nothing-notice": (
        "截至 {date} 没有待整改的问题{unit}，不出整改通知书",
        "nothing left to fix as of {date}{unit}: no notice made",
    ),
    "nothing-reminder": (
        "截至 {date} 没有超期或即将到期的问题{unit}，不出督办单",
        "nothing overdue or due soon as of {date}{unit}: no reminder made",
    ),
    "nothing-bulletin": (
        "{start} 至 {end} 没有督查，不出通报",
        "no visits from {start} to {end}: no bulletin made",
    ),
    "nothing-special": (
        "{start} 至 {end} 没有共性问题或报市指挥部的问题，不出专报",
        "no common problem and none for the HQ from {start} to {end}: no special report made",
    ),
    "nothing-brief": ("{end} 没有督查，不出日报", "no visits on {end}: no brief made"),
    "report-needs-output": (
        "{fmt} 是二进制格式，请用 --output 指定文件或目录",
        "{fmt} is binary: give a file or folder with --output",
    ),
    "report-needs-folder": (
        "这次生成 {count} 份公文，请用 --output 指定一个目录（或用 --unit 只生成一份）",
        "this makes {count} memos: give a folder with --output (or one with --unit)",
    ),
    "report-list-title": (
        "公文模板（仓库 templates/ 中的同名文件优先）",
        "memo templates (the repository's templates/ wins)",
    ),
    "font-substituted": (
        "字体 {wanted} 未安装，PDF 中以 {used} 代替（可在 ducha.yaml 的 fonts 中改配）",
        "font {wanted} is not installed; the PDF uses {used} (set fonts in ducha.yaml)",
    ),
    "report-kind-needed": (
        "请指定公文种类：bulletin、notice、reminder、special、referral、brief",
        "name a memo kind: bulletin, notice, reminder, special, referral, brief",
    ),
    "col-report-kind": ("公文种类", "kind"),
    "col-format": ("格式", "format"),
    "col-origin": ("来源", "from"),
    "col-path": ("模板文件", "template file"),
    "origin-repository": ("本仓库", "repository"),
    "origin-builtin": ("内置", "built-in"),
    "unknown-unit-option": ("单位 {unit} 不存在", "unit {unit} does not exist"),
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
    # --- diff and log
    "diff-title": (
        "{base} → {target} 的变化：{count} 项{flagged}",
        "changes {base} → {target}: {count}{flagged}",
    ),
    "diff-flagged": ("，其中 {count} 项需特别注意", ", {count} to look at twice"),
    "diff-none": ("没有实质性变化。", "no changes in meaning."),
    "diff-working-tree": ("工作区", "working tree"),
    "diff-problems": ("变更后出现的错误：", "errors the change brings:"),
    "diff-config": (
        "配置 {subject} 已修改，会影响其他记录的读法",
        "config {subject} changed: other records read differently",
    ),
    "diff-visit-added": ("新增督查 {subject}（{new}）", "visit {subject} added ({new})"),
    "diff-visit-removed": ("删除督查 {subject}（{old}）", "visit {subject} removed ({old})"),
    "diff-visit-edited": (
        "督查 {subject} 的 {field}：{old} → {new}",
        "visit {subject} {field}: {old} → {new}",
    ),
    "diff-finding-added": ("新增问题 {subject}：{new}", "finding {subject} added: {new}"),
    "diff-finding-removed": ("删除问题 {subject}：{old}", "finding {subject} removed: {old}"),
    "diff-finding-edited": (
        "问题 {subject} 的 {field}：{old} → {new}",
        "finding {subject} {field}: {old} → {new}",
    ),
    "diff-state": ("问题 {subject} 状态：{old} → {new}", "finding {subject} state: {old} → {new}"),
    "diff-deadline": (
        "问题 {subject} 整改期限：{old} → {new}",
        "finding {subject} deadline: {old} → {new}",
    ),
    "diff-evidence-added": (
        "问题 {subject} 新增佐证材料 {new}",
        "finding {subject}: evidence {new} added",
    ),
    "diff-evidence-removed": (
        "问题 {subject} 删除佐证材料 {old}",
        "finding {subject}: evidence {old} removed",
    ),
    "diff-check-recorded": (
        "回访 {old} 记录了问题 {subject} 的结果：{new}",
        "return visit {old} recorded {subject}: {new}",
    ),
    "diff-unit-added": ("新增单位 {subject}", "unit {subject} added"),
    "diff-unit-removed": ("删除单位 {subject}", "unit {subject} removed"),
    "diff-unit-edited": (
        "单位 {subject} 的 {field}：{old} → {new}",
        "unit {subject} {field}: {old} → {new}",
    ),
    "diff-team-added": ("新增督查组 {subject}", "team {subject} added"),
    "diff-team-removed": ("删除督查组 {subject}", "team {subject} removed"),
    "diff-team-edited": (
        "督查组 {subject} 的 {field}：{old} → {new}",
        "team {subject} {field}: {old} → {new}",
    ),
    "field-date": ("督查日期", "date"),
    "field-team": ("督查组", "team"),
    "field-units": ("被督查单位", "units"),
    "field-status": ("状态", "status"),
    "field-methods": ("督查方式", "methods"),
    "field-focus": ("督查重点", "focus"),
    "field-summary": ("摘要", "summary"),
    "field-returns_to": ("回访的督查", "returns to"),
    "field-unit": ("单位", "unit"),
    "field-severity": ("严重程度", "severity"),
    "field-scope": ("性质", "scope"),
    "field-description": ("问题描述", "description"),
    "field-responsible": ("责任方", "responsible"),
    "field-dispositions": ("结果运用", "dispositions"),
    "field-due": ("整改期限", "deadline"),
    "field-reports": ("整改反馈日期", "report-back date"),
    "field-name": ("名称", "name"),
    "field-district": ("区县", "district"),
    "field-kind": ("类型", "kind"),
    "field-leader": ("组长", "leader"),
    "field-members": ("成员", "members"),
    "flag-extension": ("延期", "extended"),
    "flag-backdated": ("期限改到了过去的日期", "deadline moved into the past"),
    "flag-report-backdated": ("反馈日期被提前", "report-back date moved earlier"),
    "log-title": (
        "{subject} 的历史：{count} 次提交",
        "history of {subject}: {count} {count:commit|commits}",
    ),
    "log-shallow": (
        "这是浅克隆，更早的历史看不到（git fetch --unshallow 可补全）",
        "shallow clone: older history is not visible (git fetch --unshallow)",
    ),
    "log-created": ("新建", "created"),
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
