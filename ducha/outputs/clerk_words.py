"""The messages of a clerk's day: slips of an input method, recording, chasing, importing.

Part of the one catalogue (``i18n.CATALOGUE`` takes them in); kept apart because these
commands came together and their wording is reviewed together.
"""

from __future__ import annotations

CLERK: dict[str, tuple[str, str]] = {
    # --- the slips of an input method, and YAML mistakes, told in the clerk's words
    "bad-id-list": (
        "编号 {value} 格式不对：多个编号要写成列表 {items}（逗号用英文的“,”）",
        "id {value} is malformed: several ids are written as a list {items}",
    ),
    "hint-list": (
        "；多个值要写成列表：{items}",
        "; several values are written as a list: {items}",
    ),
    "unknown-team-near": (
        "督查组 {id} 不存在；是不是 {suggestion}？（编号区分大小写）",
        "team {id} does not exist; did you mean {suggestion}? (ids are case-sensitive)",
    ),
    "unknown-unit-near": (
        "被督查单位 {id} 不存在；是不是 {suggestion}？（编号区分大小写）",
        "unit {id} does not exist; did you mean {suggestion}? (ids are case-sensitive)",
    ),
    # what libyaml found (store/nodes.py); in Chinese its English words are left out
    # ({detail:.0} prints nothing), in English they are the message
    "yp-brackets": (
        "方括号 [ ] 没有配对，或列表项之间少了逗号（是不是用了中文逗号“，”？）{detail:.0}",
        "{detail}",
    ),
    "yp-braces": ("花括号 {{ }} 没有配对，或项之间少了逗号{detail:.0}", "{detail}"),
    "yp-end": ("文件在引号或括号中途结束：引号或括号没有配对{detail:.0}", "{detail}"),
    "yp-colon": (
        "这里不能再有冒号：值里有冒号时给整个值加引号，或检查这一行的缩进{detail:.0}",
        "{detail}",
    ),
    "yp-dash": ("缩进不对：列表的每一项应以 - 开头，并与上一项对齐{detail:.0}", "{detail}"),
    "yp-indent": ("缩进不对：这一行没有和同级的字段对齐{detail:.0}", "{detail}"),
    "yp-no-colon": ("缺少冒号（是不是用了中文冒号“：”？）{detail:.0}", "{detail}"),
    "yp-alias": ("别名 *… 没有对应的锚点 &…{detail:.0}", "{detail}"),
    "yp-anchor": ("锚点 &… 重复{detail:.0}", "{detail}"),
    "yp-start": (
        "这个字符不能作为值的开头（如 @ 或 `）：请给整个值加引号{detail:.0}",
        "{detail}",
    ),
    "yp-escape": (
        "双引号里的反斜杠写法不对：改用单引号，或把 \\ 写成 \\\\{detail:.0}",
        "{detail}",
    ),
    "yp-name": ("锚点或别名的名字不对（只能用字母和数字）{detail:.0}", "{detail}"),
    "yp-documents": ("一个文件只能有一条记录（多了 --- 分隔线？）{detail:.0}", "{detail}"),
    "yp-other": (
        "写法有误（常见原因：缩进不齐、引号或括号不配对、值里有冒号却没加引号）{detail:.0}",
        "{detail}",
    ),
    # --- recording
    "unknown-finding-id": (
        "没有问题 {id}（问题编号是“督查编号/序号”，如 20200205-2vs/1；ducha show 督查编号 可查）",
        "no finding {id} (a finding id is <visit id>/<n>, e.g. 20200205-2vs/1; see ducha show)",
    ),
    "unknown-visit-id": ("没有督查 {id}", "no visit {id}"),
    "date-in-future": ("日期 {date} 还没到", "{date} is in the future"),
    "recording-report-before-visit": (
        "反馈日期 {date} 早于督查 {visit} 的日期 {visit_date}",
        "report date {date} is before visit {visit} ({visit_date})",
    ),
    "finding-closed": (
        "问题 {id} 已于 {date} 销号，无需再反馈",
        "finding {id} was closed on {date}; nothing to report",
    ),
    "unknown-result": (
        "回访结果 {value} 不对；可选：{choices}",
        "{value} is not a result; choose from {choices}",
    ),
    "deadline-when-rectified": (
        "整改到位的问题不需要新期限（--deadline 只用于未整改到位或反弹）",
        "a rectified finding needs no new deadline (--deadline is for not rectified or relapsed)",
    ),
    "check-before-origin": (
        "回访日期 {date} 不晚于被回访督查 {visit} 的日期 {visit_date}",
        "the return visit's date {date} is not after visit {visit} ({visit_date})",
    ),
    "already-checked": (
        "督查 {visit} 已记录了问题 {id} 的回访结果；要改请直接编辑该文件",
        "visit {visit} already records a result for {id}; edit that file to change it",
    ),
    "check-other-unit": (
        "督查 {visit} 没有去问题所在单位 {unit}",
        "visit {visit} did not go to the finding's unit {unit}",
    ),
    "check-needs-visit": (
        "请用 --visit 指定回访记录，或用 --date（和 --team）说明哪天哪个组回访",
        "name the return visit with --visit, or give --date (and --team)",
    ),
    "check-ambiguous": (
        "当天有多次回访该单位的督查：{ids}；请用 --visit 指定",
        "several return visits to the unit that day: {ids}; choose one with --visit",
    ),
    "check-needs-team": (
        "{date} 没有回访该单位的督查记录；新建需要 --team",
        "no return visit to the unit on {date}; give --team to create one",
    ),
    "nothing-to-check": (
        "督查 {visit} 没有未销号的问题，无需回访",
        "visit {visit} has no finding left open; nothing to check",
    ),
    "edit-unreadable": ("无法读取 {path}：{reason}", "cannot read {path}: {reason}"),
    "edit-file-in-error": (
        "{path} 本身有错误，先改正再记录（文件没有改动）",
        "{path} has errors of its own: fix them first (the file is untouched)",
    ),
    "edit-stale": (
        "{path} 在此期间被修改（同事保存或 git pull）；未写入，请重新运行",
        "{path} changed meanwhile (a colleague's save, a git pull); nothing written, run again",
    ),
    "evidence-unreadable": ("无法读取佐证材料 {path}：{reason}", "cannot read {path}: {reason}"),
    "evidence-not-file": ("佐证材料 {path} 不是普通文件", "evidence {path} is not a regular file"),
    "evidence-too-large": (
        "佐证材料 {path} 过大（{size} 字节，上限 {limit} 字节）；大文件请在说明中写明存放位置",
        "evidence {path} is too large ({size} bytes, limit {limit}); say where it is kept instead",
    ),
    "evidence-no-name": (
        "evidence/ 下已有太多名为 {path} 的文件",
        "too many files named {path} under evidence/",
    ),
    "evidence-hash": (
        "佐证材料 {file} 在记录之后被改动过（SHA-256 不符）",
        "evidence file {file} changed after it was recorded (SHA-256 differs)",
    ),
    "return-without-origin": (
        "方式是杀回马枪，却没有写 returns_to（回访的是哪次督查？）",
        "a return visit (杀回马枪) without returns_to: which visit does it return to?",
    ),
    "return-checks-nothing": (
        "回访督查没有 checks：被回访的问题整改得怎样？（ducha check 可记录）",
        "a return visit without checks: how were the findings found? (record with ducha check)",
    ),
    "attach-nothing": ("请给出要附上的文件", "name the files to attach"),
    "attach-already": ("这些文件已附在问题 {id} 上", "these files are already on finding {id}"),
    "attach-message": ("{id} 附佐证材料", "{id}: evidence attached"),
    "photo-date": (
        "照片 {file} 拍摄于 {taken}，不是督查当天（{first}）",
        "photo {file} was taken on {taken}, not on the day of the visit ({first})",
    ),
    "photo-date-span": (
        "照片 {file} 拍摄于 {taken}，不在督查（{first}）到反馈（{last}）之间",
        "photo {file} was taken on {taken}, outside the visit ({first}) to the report ({last})",
    ),
    "would-write": ("将写入 {path}：", "would write {path}:"),
    "would-copy": ("将复制 {source} → {path}", "would copy {source} to {path}"),
    "copied": ("已复制 {source} → {path}", "copied {source} to {path}"),
    "recorded": ("已写入 {path}", "wrote {path}"),
    "fill-results": (
        "已列出 {count} 个待核查的问题；回访后逐条填写 result（validate 在填完前报错）",
        (
            "{count} {count:finding|findings} listed; fill in each result after the visit "
            "(validate reports them until then)"
        ),
    ),
    # --- chasing
    "chase-title": ("督办提醒（{date}）", "Chase list ({date})"),
    "chase-totals": (
        "超期 {red} 项，即将到期 {yellow} 项，反馈后待核验超时 {waiting} 项",
        "{red} overdue, {yellow} due soon, {waiting} reported but not verified in time",
    ),
    "chase-none": ("今天没有需要催办的问题。", "Nothing to chase today."),
    "chase-late": ("超期 {days} 个工作日", "{days} working {days:day|days} late"),
    "chase-left": ("还剩 {days} 个工作日", "{days} working {days:day|days} left"),
    "chase-waited": (
        "已反馈 {days} 个工作日未核验",
        "reported {days} working {days:day|days} ago, not verified",
    ),
    "chase-deadline": ("，期限 {date}", ", due {date}"),
    "chase-contact": ("联系人：{contact}", "contact: {contact}"),
    "chase-item": (
        "- {mark} {why}：{description}（{id}{due}）",
        "- {mark} {why}: {description} ({id}{due})",
    ),
    "col-chase-why": ("催办事由", "why"),
    "col-contact": ("联系人", "contact"),
    # --- importing a 台账
    "sheet-unreadable": ("无法读取表格 {path}：{reason}", "cannot read the sheet {path}: {reason}"),
    "sheet-too-large": (
        "表格 {path} 过大（{size}，上限 {limit}）",
        "the sheet {path} is too large ({size}, limit {limit})",
    ),
    "sheet-kind": (
        "{path}：只能导入 .xlsx 或 .csv（WPS 的 .et、Excel 的 .xls 请先另存为 .xlsx）",
        "{path}: only .xlsx or .csv can be imported (save .et or .xls as .xlsx first)",
    ),
    "sheet-missing": (
        "{path} 中没有工作表 {sheet}；有：{sheets}",
        "{path} has no sheet {sheet}; it has {sheets}",
    ),
    "sheet-no-header": (
        (
            "工作表 {sheet} 的前 20 行里找不到表头（督查日期、督查组、单位、问题描述……）；"
            "用 --map 指定哪一列是什么"
        ),
        (
            "no header row in the first 20 rows of {sheet} (督查日期, 督查组, 单位, 问题描述…); "
            "name the columns with --map"
        ),
    ),
    "sheet-empty": ("工作表 {sheet} 没有可导入的行", "the sheet {sheet} has no rows to import"),
    "mapping-unreadable": ("无法读取对照文件 {path}：{reason}", "cannot read {path}: {reason}"),
    "mapping-shape": (
        "{path}：对照文件应有 columns: {{表头: 字段}}",
        "{path}: a mapping has columns: {{header: field}}",
    ),
    "mapping-field": (
        "{path}：没有字段 {field}；可用：{fields}",
        "{path}: there is no field {field}; use one of {fields}",
    ),
    "import-missing": ("缺少{field}", "{field} is missing"),
    "import-bad-date": (
        "{field} {value} 不是日期（可写 2020-02-05、2020/2/5 或 2020年2月5日）",
        "{field} {value} is not a date (write 2020-02-05, 2020/2/5 or 2020年2月5日)",
    ),
    "import-unknown-team": (
        "督查组 {value} 不在 teams.yaml（编号或名称）；先用 ducha new team 添加",
        "team {value} is not in teams.yaml (by id or name); add it with ducha new team",
    ),
    "import-unknown-unit": (
        "单位编号 {value} 不在 units.yaml，这一行也没有单位名称可以新建",
        "unit {value} is not in units.yaml, and the row has no unit name to add it by",
    ),
    "import-unit-ambiguous": (
        "有不止一个单位叫 {value}；请填区县或单位编号",
        "more than one unit is called {value}; give its district or id",
    ),
    "import-unit-needs-district": (
        "单位 {value} 不在 units.yaml；新建需要区县",
        "unit {value} is not in units.yaml; adding it needs its district",
    ),
    "import-bad-value": (
        "{field} {value} 不对{hint}；可选：{choices}",
        "{field} {value} is not allowed{hint}; choose from {choices}",
    ),
    "import-bad-deadline": (
        "整改期限 {value} 不对；写日期、N个工作日或立行立改",
        "deadline {value} is not a date, N个工作日 or 立行立改",
    ),
    "import-visit-exists": (
        "督查 {value} 已在仓库中；已有督查的新问题请直接写进记录",
        "visit {value} is already in the repository; add findings to its record instead",
    ),
    "import-bad-visit-id": (
        "督查编号 {value} 与督查日期 {date} 不符（应为 日期-短码）",
        "visit id {value} does not match the date {date} (date-code)",
    ),
    "import-problems": (
        "{count} 个问题，什么也没有写入",
        "{count} {count:problem|problems}; nothing was written",
    ),
    "import-plan": (
        "将新建 {units} 个单位、{visits} 次督查（{findings} 个问题）",
        (
            "would add {units} {units:unit|units} and {visits} {visits:visit|visits} "
            "({findings} {findings:finding|findings})"
        ),
    ),
    "import-done": (
        "已新建 {units} 个单位、{visits} 次督查（{findings} 个问题）",
        (
            "added {units} {units:unit|units} and {visits} {visits:visit|visits} "
            "({findings} {findings:finding|findings})"
        ),
    ),
    "import-skipped": (
        "{count} 行的问题已在仓库中，跳过",
        "{count} {count:row|rows} already in the repository, skipped",
    ),
    "import-closed-later": (
        "{count} 行的销号日期晚于督查日期，未导入：回访销号要有回访记录（ducha check）",
        (
            "{count} {count:row|rows} closed after the visit: not imported; a return visit closes "
            "a finding (ducha check)"
        ),
    ),
    "ifield-reported_on": ("反馈日期", "date reported"),
    "ifield-closed_on": ("销号日期", "date closed"),
    "form-needs-unit": (
        "整改情况表要用 --unit 指定单位（编号）；{unit} 不在 units.yaml",
        "a rectification form needs --unit with a unit's id; {unit} is not in units.yaml",
    ),
    "form-no-unit": (
        (
            "整改情况表第二行没有认得的单位编号（{value}）；"
            "请用 ducha export --what rectification-form 导出的表"
        ),
        "the form's second row names no known unit ({value}); use a form ducha export wrote",
    ),
    "form-unknown-finding": ("没有问题 {id}", "no finding {id}"),
    "form-no-id": (
        "这一行没有问题编号：只能填写表中已列出的问题",
        "the row has no finding id: fill in only the findings the form lists",
    ),
    "form-other-unit": (
        "问题 {id} 不是单位 {unit} 的，不能由这张表反馈",
        "finding {id} is not unit {unit}'s; this form cannot report on it",
    ),
    "form-future": ("问题 {id} 的完成日期 {date} 还没到", "{id}: {date} is in the future"),
    "form-before-visit": (
        "问题 {id} 的完成日期 {date} 早于督查日期",
        "{id}: {date} is before the visit",
    ),
    "form-closed": ("问题 {id} 在 {date} 已销号", "{id} was closed by {date}"),
    "ifield-done_on": ("完成日期", "date done"),
    "form-plan": (
        "将记录 {count} 条整改反馈（单位 {unit}）",
        "would record {count} {count:report|reports} (unit {unit})",
    ),
    "form-done": (
        "已记录 {count} 条整改反馈（单位 {unit}）",
        "recorded {count} {count:report|reports} (unit {unit})",
    ),
    "form-already": (
        "{count} 条已经记录过，跳过",
        "{count} already recorded, skipped",
    ),
    "form-message": ("{unit} 整改情况表反馈", "{unit}: report-backs from the rectification form"),
    "import-ignored": ("未导入的列：{columns}", "columns not imported: {columns}"),
    "import-message": ("导入台账 {file}", "import {file}"),
    **{
        f"ifield-{name}": (zh, en)
        for name, zh, en in (
            ("visit_date", "督查日期", "visit date"),
            ("team", "督查组", "team"),
            ("unit_name", "单位名称", "unit name"),
            ("focus", "督查重点", "focus area"),
            ("severity", "严重程度", "severity"),
            ("scope", "性质", "scope"),
            ("kind", "单位类型", "unit kind"),
            ("methods", "督查方式", "method"),
            ("dispositions", "结果运用", "disposition"),
        )
    },
    "unit-needed": ("请用 --unit 给出被督查单位", "give the units visited with --unit"),
    "report-back-message": ("{id} 整改反馈", "{id}: report back"),
    "check-message": ("{id} 回访结果：{result}", "{id}: return visit result: {result}"),
}
