"""The words of schedule and report: return-visit plans, and the memos' set phrases.

Part of the one catalogue (``i18n.CATALOGUE`` takes them in).
"""

from __future__ import annotations

MEMOS: dict[str, tuple[str, str]] = {
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
}
