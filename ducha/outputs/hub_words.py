"""The messages of a hub: its sources, their syncs, and what differs between them.

Part of the one catalogue (``i18n.CATALOGUE`` takes them in).
"""

from __future__ import annotations

HUB: dict[str, tuple[str, str]] = {
    "config-source-where": (
        "来源 {name} 要写 path（本仓库内的目录）或 url（git 地址）之一",
        "source {name} needs either a path (a folder of the hub) or a url (a git address)",
    ),
    "config-source-outside": (
        "来源 {name} 的目录 {path} 不在汇总库内：请用子模块或克隆到汇总库的目录中",
        "source {name}: {path} is outside the hub; use a submodule or a clone inside it",
    ),
    "config-source-twice": ("来源 {name} 重复", "source {name} is listed twice"),
    "origins": ("汇总自：{sources}", "Combined from: {sources}"),
    "origin": ("{name} {commit}（{date}）", "{name} {commit} ({date})"),
    "origin-dirty": ("（含未提交的改动）", " (with uncommitted changes)"),
    "origin-no-git": ("{name}（不在 git 中）", "{name} (not in git)"),
    "source-missing": (
        (
            "来源 {name} 的目录 {path} 不是记录仓库（没有 ducha.yaml）："
            "子模块是否已取下（git submodule update --init）？"
        ),
        (
            "source {name}: {path} is not a records repository (no ducha.yaml); "
            "is the submodule checked out (git submodule update --init)?"
        ),
    ),
    "source-not-synced": (
        "来源 {name} 还没有取下：运行 ducha sources sync",
        "source {name} has not been fetched yet: run ducha sources sync",
    ),
    "source-escapes": (
        "来源 {name} 的目录 {path} 通过链接指向汇总库以外，不读",
        "source {name}: {path} leads outside the hub through a link; not read",
    ),
    "source-too-deep": (
        "来源 {name} 的汇总层级太深（最多三级），是不是互相引用了？",
        "source {name} nests hubs too deep (three levels at most); do they list each other?",
    ),
    "hub-own-visits": (
        "汇总库自己的 visits/ 不参与汇总：本级的督查记录请放在一个来源仓库里",
        "a hub's own visits/ are not combined: keep this level's records in a source of their own",
    ),
    "unit-in-two-sources": (
        (
            "单位“{name}”（{id}）也出现在另一个来源（{other}）："
            "汇总时按两个单位分别统计，请核对是否同一单位"
        ),
        (
            "unit {name} ({id}) is also listed by another source ({other}); "
            "they are counted apart: check whether they are one unit"
        ),
    ),
}
HUB.update(
    {
        "sources-title": ("汇总库的来源（{count} 个）", "The hub's sources ({count})"),
        "sources-none": (
            "这个仓库不是汇总库：ducha.yaml 里没有 sources:",
            "this repository is not a hub: ducha.yaml lists no sources:",
        ),
        "col-source": ("来源", "source"),
        "col-source-place": ("位置", "where"),
        "col-commit": ("提交", "commit"),
        "col-commit-date": ("提交日期", "committed"),
        "col-differs": ("与汇总库不同的设置", "settings unlike the hub's"),
        "differs-calendar": ("节假日安排", "holiday schedule"),
        "differs-severities": ("严重程度及期限", "severities and deadlines"),
        "differs-focus": ("督查重点分类", "focus areas"),
        "differs-deadlines": ("期限折算", "deadline days"),
        "differs-return-visits": ("回访规则", "return-visit rules"),
        "source-state-missing": ("未取下", "not there"),
        "source-state-dirty": ("有未提交的改动", "uncommitted changes"),
        "sync-cloned": ("{name}：已克隆 {after}", "{name}: cloned at {after}"),
        "sync-updated": ("{name}：{before} → {after}", "{name}: {before} → {after}"),
        "sync-unchanged": ("{name}：没有新提交（{after}）", "{name}: nothing new ({after})"),
        "sync-kept": (
            "{name}：本地目录，按现状读取（{after}）；要随远端更新请在 sources 里写 branch",
            "{name}: a local folder, read as it is ({after}); name a branch to follow the remote",
        ),
        "sync-refused": (
            "{name}：目录里有未提交的改动，没有更新（{after}）",
            "{name}: its folder has uncommitted changes; not updated ({after})",
        ),
        "sync-failed": ("{name}：同步失败：{detail}", "{name}: sync failed: {detail}"),
        "sync-written": ("已写入 {path}", "wrote {path}"),
    }
)
HUB["sync-message"] = (
    "ducha：同步各来源（sources.lock）",
    "ducha: sync the sources (sources.lock)",
)
HUB["differs-sep"] = ("、", ", ")
HUB.update(
    {
        "site-title": ("{name}督查督办情况", "{name}: inspections and rectification"),
        "site-home": ("← 返回首页", "← front page"),
        "site-as-of": ("数据截至 {date}", "as of {date}"),
        "site-internal": (
            "内部版：含人员、计划和暗访回访，不得外传",
            "internal build: people, plans and covert return visits included; not for circulation",
        ),
        "site-light-red": ("超期", "overdue"),
        "site-light-yellow": ("临期", "due soon"),
        "site-light-awaiting": ("待核验", "awaiting verification"),
        "site-light-green": ("整改中", "in progress"),
        "site-light-closed": ("已销号", "closed"),
        "site-light-unknown": ("期限不明", "deadline unknown"),
        "site-late": (" {days} 个工作日", " {days} working days"),
        "site-by-district": ("各县区红绿灯", "Lights by district"),
        "site-by-team": ("各督查组红绿灯", "Lights by team"),
        "site-by-source": ("各来源红绿灯", "Lights by source"),
        "site-trend": ("近八周趋势", "The last eight weeks"),
        "site-trend-note": (
            "（每周发现、销号的问题数，及周末时超期未整改的问题数）",
            " (findings found and closed each week, and overdue at the week's end)",
        ),
        "site-found": ("发现", "found"),
        "site-closed": ("销号", "closed"),
        "site-overdue-count": ("超期", "overdue"),
        "site-rates-district": (
            "各县区整改率、按期率、反弹率（累计）",
            "Rates by district (to date)",
        ),
        "site-rates-source": ("各来源整改率、按期率、反弹率（累计）", "Rates by source (to date)"),
        "site-rank": ("名次", "rank"),
        "site-relapse-rate": ("反弹率", "relapse rate"),
        "site-overdue": ("超期和临期的整改（{count} 项）", "Overdue and due soon ({count})"),
        "site-all": ("全部问题", "Every finding"),
        "site-overdue-more": (
            "这里列出最紧急的 {shown} 项；其余在下面“全部问题”里选“超期”或“临期”查看。",
            "The {shown} most urgent are listed here; search below for the rest.",
        ),
        "site-search-hint": (
            "共 {count} 个问题。输入编号、单位或问题的关键词，或选状态、县区，列出相符的（至多 {most} 项）。",
            "{count} findings. Type an id, a unit or words, or pick a light (at most {most}).",
        ),
        "site-search-more": (
            "相符的问题太多，只列出最紧急的一部分；请加关键词或筛选条件缩小范围。",
            "More match than are listed (the most urgent first): narrow the search.",
        ),
        "site-search": ("搜索编号、单位、问题……", "search ids, units, findings…"),
        "site-any": ("全部", "all"),
        "site-shown": ("显示 ", "shown: "),
        "site-findings": ("问题（{count} 个）", "Findings ({count})"),
        "site-visits": ("督查经过", "Visits"),
        "site-events": ("经过", "History"),
        "site-reported": ("单位反馈已整改", "reported fixed"),
        "site-recorded": ("记录经过（git）", "Recorded (git)"),
        "col-site-light": ("状态", "light"),
        "site-written": (
            "已生成站点 {path}（{pages} 个页面）",
            "wrote the site {path} ({pages} pages)",
        ),
        "site-kept": (
            "其中 {pages} 个页面所依据的记录没有变化，沿用上次生成的",
            "{pages} of them kept from the last build: their records have not changed",
        ),
        "output-not-folder": (
            "{path} 不是目录；看板要写到一个目录里",
            "{path} is not a folder: a site is written into a folder",
        ),
        "site-not-ours": (
            "{path} 已有其他内容，不是 ducha 生成的站点；换一个目录，或加 --force",
            "{path} holds something else than a ducha site; choose another folder or add --force",
        ),
    }
)
HUB["log-in-source"] = ("来源 {name}（{path}）中的记录：", "a record of source {name} ({path}):")
