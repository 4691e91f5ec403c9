"""The messages of validate: what is wrong with a file, a record, or records taken together.

Part of the one catalogue (``i18n.CATALOGUE`` takes them in).
"""

from __future__ import annotations

PROBLEMS: dict[str, tuple[str, str]] = {
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
}
