"""The words of diff and log: what a change means, field by field.

Part of the one catalogue (``i18n.CATALOGUE`` takes them in).
"""

from __future__ import annotations

REVIEW: dict[str, tuple[str, str]] = {
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
}
