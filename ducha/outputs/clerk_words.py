"""The messages of a clerk's day: recording results, chasing units, importing a 台账.

Part of the one catalogue (``i18n.CATALOGUE`` takes them in); kept apart because these
commands came together and their wording is reviewed together.
"""

from __future__ import annotations

CLERK: dict[str, tuple[str, str]] = {
    # --- recording
    "unknown-finding-id": (
        "没有问题 {id}（问题编号是“督查编号/序号”，如 20200205-2vs/1；ducha show 督查编号 可查）",
        "no finding {id} (a finding id is <visit id>/<n>, e.g. 20200205-2vs/1; see ducha show)",
    ),
    "unknown-visit-id": ("没有督查 {id}", "no visit {id}"),
    "date-in-future": ("日期 {date} 还没到", "{date} is in the future"),
    "report-before-visit": (
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
    "col-why": ("催办事由", "why"),
    "col-contact": ("联系人", "contact"),
    "unit-needed": ("请用 --unit 给出被督查单位", "give the units visited with --unit"),
    "report-back-message": ("{id} 整改反馈", "{id}: report back"),
    "check-message": ("{id} 回访结果：{result}", "{id}: return visit result: {result}"),
}
