"""The format of ``ducha.yaml`` as data, in the same terms as the records' (``schema.py``).

One definition serves the configuration's reader (``config.py``), the validator and the
editors' JSON Schema.
"""

from __future__ import annotations

from ducha.store.schema import (
    CODE_ID,
    Bool,
    Choice,
    Date,
    Deadline,
    Field,
    Int,
    Many,
    MapOf,
    Number,
    Obj,
    Seq,
    Text,
)

TERM = Obj(
    "term",
    (
        Field("code", Text(CODE_ID), True, "编码", "code"),
        Field("label", Text(), True, "中文名称", "Chinese label"),
        Field("en", Text(), False, "英文名称", "English label"),
    ),
)

SEVERITY = Obj(
    "severity",
    (
        *TERM.fields,
        Field("deadline", Deadline(), False, "默认整改期限", "default deadline"),
    ),
)

CALENDAR_YEAR = Obj(
    "calendar year",
    (
        Field("holidays", Many(Date()), False, "法定节假日（放假日）", "public holidays"),
        Field("workdays", Many(Date()), False, "调休上班日", "make-up working days"),
    ),
)

SOURCE_NAME = r"[^/\\\s.:][^/\\\s:]*"

SOURCE = Obj(
    "source",
    (
        Field("name", Text(SOURCE_NAME), True, "来源名称（编号的前缀，如 临川）", "name"),
        Field("path", Text(), False, "本仓库内的目录（子模块或克隆）", "folder in the hub"),
        Field("url", Text(), False, "git 地址（由 ducha sources sync 拉取）", "git URL"),
        Field("branch", Text(), False, "git 分支（默认远端的默认分支）", "git branch"),
    ),
)

CONFIG = Obj(
    "ducha.yaml",
    (
        Field("lang", Choice("lang"), False, "界面语言", "interface language"),
        Field(
            "organization",
            Obj(
                "organization",
                (
                    Field("name", Text(), False, "督查组织名称", "name"),
                    Field("office", Text(), False, "发文机关（公文落款）", "issuing office"),
                    Field(
                        "doc_prefix", Text(), False, "发文字号机关代字", "document number prefix"
                    ),
                    Field("contact", Text(), False, "联系人及电话", "contact"),
                    Field(
                        "mark",
                        Text(),
                        False,
                        "发文机关标志（默认：名称加“文件”）",
                        "issuing-body mark",
                    ),
                ),
            ),
            False,
            "组织",
            "organization",
        ),
        Field(
            "fonts",
            Obj(
                "fonts",
                (
                    Field("title", Text(), False, "标题字体（小标宋）", "title font"),
                    Field("body", Text(), False, "正文字体（仿宋）", "body font"),
                    Field(
                        "heading1",
                        Text(),
                        False,
                        "一级标题字体（黑体）",
                        "first-level heading font",
                    ),
                    Field(
                        "heading2",
                        Text(),
                        False,
                        "二级标题字体（楷体）",
                        "second-level heading font",
                    ),
                    Field("number", Text(), False, "页码字体（宋体）", "page-number font"),
                ),
            ),
            False,
            "公文字体",
            "memo fonts",
        ),
        Field(
            "fmt",
            Obj(
                "fmt",
                (
                    Field(
                        "values",
                        Choice("fmt_values"),
                        False,
                        "ducha fmt 把取值写成 labels（中文）或 codes",
                        "values as",
                    ),
                ),
            ),
            False,
            "ducha fmt 的写法",
            "how ducha fmt writes records",
        ),
        Field("focus_areas", Seq(TERM), False, "督查重点分类", "focus areas"),
        Field("severities", Seq(SEVERITY), False, "严重程度等级（由轻到重）", "severity levels"),
        Field(
            "deadlines",
            Obj(
                "deadlines",
                (
                    Field(
                        "immediate_days", Int(0), False, "立行立改折算工作日", "days for immediate"
                    ),
                    Field("yellow_days", Int(0), False, "黄灯提前工作日", "yellow-light window"),
                ),
            ),
            False,
            "期限",
            "deadlines",
        ),
        Field(
            "return_visits",
            Obj(
                "return_visits",
                (
                    Field(
                        "min_interval_days",
                        Int(0),
                        False,
                        "回访最短间隔（工作日）",
                        "minimum interval",
                    ),
                    Field(
                        "rest_days", Int(0), False, "同一单位两次督查最短间隔（天）", "rest period"
                    ),
                    Field(
                        "capacity_per_day", Int(1), False, "每组每日回访上限", "capacity per day"
                    ),
                    Field("random_share", Number(), False, "随机抽查比例", "random share"),
                    Field("cross_team", Bool(), False, "交叉督查", "cross-team"),
                    Field(
                        "stationed_after_days",
                        Int(1),
                        False,
                        "超期多少工作日转驻点督查",
                        "stationed after",
                    ),
                    Field(
                        "verify_within",
                        Int(1),
                        False,
                        "单位反馈后几个工作日内须回访核验（超过即催办）",
                        "working days to verify a report",
                    ),
                ),
            ),
            False,
            "回访规则",
            "return-visit rules",
        ),
        Field("sources", Seq(SOURCE), False, "汇总的记录仓库（市、省汇总库）", "sources of a hub"),
        Field(
            "calendar",
            MapOf(CALENDAR_YEAR),
            False,
            "补充节假日安排（按年）",
            "extra holiday schedule",
        ),
    ),
)
