"""Memos: the model, exact Markdown (golden files), the Word layout, escaping and the sandbox."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from ducha.domain.workdays import WorkCalendar
from ducha.errors import UserError
from ducha.outputs.report import produce
from ducha.outputs.report.build import Request, bulletin
from ducha.outputs.report.letters import notice, referral, special
from ducha.outputs.report.model import Memo
from ducha.outputs.report.render import render_docx, render_text
from ducha.outputs.report.words import cn_date, period_words
from tests.helpers import SAMPLE, build_file_tree, load

GOLDEN = Path(__file__).parents[1] / "golden"
WEEK = Request(dt.date(2020, 2, 10), dt.date(2020, 2, 16), dt.date(2020, 2, 17), 5)
CALENDAR = WorkCalendar()


def made(builder: Callable[..., Memo | None], *args: Any) -> Memo:
    """The memo a builder makes, where the records hold one."""
    memo = builder(*args)
    assert memo is not None
    return memo


def test_dates_and_periods_follow_the_standard() -> None:
    assert cn_date(dt.date(2020, 3, 7)) == "2020年3月7日"
    assert period_words(dt.date(2020, 2, 10), dt.date(2020, 2, 16)) == "2020年2月10日至16日"
    assert period_words(dt.date(2020, 2, 24), dt.date(2020, 3, 1)) == "2020年2月24日至3月1日"


def test_bulletin_model() -> None:
    memo = made(bulletin, load(SAMPLE), WEEK, CALENDAR)
    assert memo.title == "关于2020年2月10日至16日督查情况的通报"
    assert memo.doc_number == "川疫督〔2020〕5号"
    assert memo.mark == "河川市疫情防控督查组文件"
    assert (memo.data["visits"], memo.data["findings"], memo.data["report_back"]) == (
        16,
        16,
        "2020年2月24日",
    )
    headings = [b.text for b in memo.body if b.kind == "heading" and b.level == 1]
    assert headings == [
        "一、督查基本情况",
        "二、好的做法",
        "三、发现的主要问题",
        "四、超期未整改问题",
        "五、整改要求",
    ]
    charts = [b.chart for b in memo.body if b.chart]
    assert [c.title for c in charts] == ["各督查重点发现问题数", "各县区整改进度"]
    assert len(memo.attachments[0].rows) == 16


def test_a_bulletin_counts_what_its_return_visits_found_relapses_too() -> None:
    week = Request(dt.date(2020, 2, 17), dt.date(2020, 2, 23), dt.date(2020, 2, 23), None)
    memo = made(bulletin, load(SAMPLE), week, CALENDAR)
    [found] = [b.text for b in memo.body if b.text.startswith("杀回马枪回访核查问题")]
    assert found.startswith("杀回马枪回访核查问题8个，其中整改到位3个、未整改到位4个、反弹1个。")
    assert "临川县人民医院“医疗废物暂存点未每日消毒，转运交接记录不全”问题出现反弹" in found
    quiet = Request(dt.date(2020, 2, 3), dt.date(2020, 2, 5), dt.date(2020, 2, 5), None)
    early = made(bulletin, load(SAMPLE), quiet, CALENDAR)
    assert not any(b.text.startswith("杀回马枪回访核查") for b in early.body)  # none yet


def test_notice_lists_only_what_is_not_closed_and_no_personal_data() -> None:
    repo = load(SAMPLE)
    found = Request(dt.date(2020, 2, 17), dt.date(2020, 2, 23), dt.date(2020, 2, 17), 1)
    memo = notice(repo, found, CALENDAR, "CD-SQ-03")
    assert memo is not None and memo.for_unit and memo.receipt.startswith("签收人")
    text = " ".join(b.text for b in memo.body) + str(memo.attachments)
    assert "12345热线" in text
    assert "王某某" not in text  # the complainant stays out of what the unit receives
    assert notice(repo, WEEK, CALENDAR, "CD-SQ-01") is None  # both findings verified on 2020-02-11
    # once the unit has reported it fixed there is nothing left to demand of it
    later = Request(dt.date(2020, 2, 17), dt.date(2020, 2, 23), dt.date(2020, 2, 20), 1)
    assert notice(repo, later, CALENDAR, "CD-SQ-03") is None


def test_a_notice_demands_only_what_is_still_to_do_from_its_date_on() -> None:
    repo = load(SAMPLE)
    day = dt.date(2020, 2, 17)
    memo = notice(repo, Request(day, day, day, None), CALENDAR, "HB-CZ-01")
    assert memo is not None
    words = [b.text for b in memo.body]
    headings = [w for w in words if w.startswith(("一、", "二、", "三、", "（一）", "（二）"))]
    assert headings[0] == "一、存在的问题和整改要求" and headings[1].startswith("（一）")
    assert headings[-2:] == ["二、整改反馈", "三、回访核查"]
    assert words[0].startswith("2020年2月4日、10日，")  # the second date without the year again
    demands = " ".join(words)
    assert "原定整改期限2020年2月12日，已超期3个工作日，限2020年2月18日前整改到位" in demands
    assert "2月12日前" not in demands.replace("原定整改期限2020年2月12日", "")
    assert "督查组将在2020年2月18日后适时回访" in demands  # never a day already past
    assert "联系人：" in demands
    assert memo.doc_number == "（草稿，未编号）"


def test_special_and_referral() -> None:
    repo = load(SAMPLE)
    memo = made(special, repo, WEEK, CALENDAR)
    assert (memo.masthead, memo.issue) == ("督查专报", "第5期")
    assert any("直达配送机制" in b.text for b in memo.body)
    police = referral(repo, WEEK, CALENDAR, "police")
    assert police is not None and police.addressee == "市公安局："
    assert any("三无" in b.text for b in police.body)
    assert referral(repo, WEEK, CALENDAR, "discipline") is None  # that one was the week before


@pytest.mark.parametrize("kind", ["bulletin", "notice", "special", "referral", "brief"])
def test_markdown_matches_the_golden_file(kind: str, update_golden: bool) -> None:
    repo = load(SAMPLE)
    request = (
        WEEK
        if kind != "brief"
        else Request(dt.date(2020, 2, 13), dt.date(2020, 2, 13), dt.date(2020, 2, 13), 2)
    )
    documents = produce(
        repo,
        kind,
        "md",
        request,
        CALENDAR,
        "zh",
        unit="HB-CZ-01" if kind == "notice" else None,
        recipient="police" if kind == "referral" else None,
    )
    [document] = documents
    golden = GOLDEN / f"{kind}.md"
    if update_golden:
        golden.write_bytes(document.content)
    assert document.content.decode("utf-8") == golden.read_text(encoding="utf-8")


def test_docx_layout_meets_gbt_9704() -> None:
    from docx import Document
    from docx.shared import Pt

    content = render_docx(made(bulletin, load(SAMPLE), WEEK, CALENDAR), SAMPLE, "zh")
    document = Document(io.BytesIO(content))
    section = document.sections[0]
    sizes = [
        section.page_width,
        section.page_height,
        section.top_margin,
        section.bottom_margin,
        section.left_margin,
        section.right_margin,
    ]
    assert [round(m.mm) if m is not None else None for m in sizes] == [210, 297, 37, 35, 28, 26]
    styles = document.styles
    body = styles["公文正文"]
    assert body.font.size == Pt(16) and body.paragraph_format.first_line_indent == Pt(32)
    normal = styles["Normal"].paragraph_format
    assert normal.line_spacing == Pt(28.95) and str(normal.line_spacing_rule).startswith("EXACTLY")
    assert styles["公文标题"].font.size == Pt(22)

    def east_asian(name: str) -> str:
        fonts = styles[name].element.rPr.rFonts
        return str(
            fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
        )

    assert (
        east_asian("公文正文"),
        east_asian("公文标题"),
        east_asian("一级标题"),
        east_asian("二级标题"),
    ) == ("仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312")
    footer_xml = section.footer._element.xml + section.even_page_footer._element.xml
    assert footer_xml.count("PAGE") == 2 and footer_xml.count("— ") == 2
    assert document.settings.odd_and_even_pages_header_footer
    texts = [p.text for p in document.paragraphs]
    assert "川疫督〔2020〕5号" in texts and "关于2020年2月10日至16日\n督查情况的通报" in texts
    number = next(p for p in document.paragraphs if p.text == "川疫督〔2020〕5号")
    assert 'w:color="C00000"' in number._p.xml  # the red rule under the document number
    assert not any("{{" in t or "{%" in t for t in texts)


def test_fonts_come_from_the_config(tmp_path: Path) -> None:
    from docx import Document

    root = tmp_path / "records"
    shutil.copytree(SAMPLE, root)
    config = root / "ducha.yaml"
    config.write_text(
        config.read_text(encoding="utf-8") + "fonts:\n  body: Noto Serif CJK SC\n", encoding="utf-8"
    )
    repo = load(root)
    from ducha.outputs.report.model import Fonts

    memo = made(
        bulletin,
        repo,
        Request(WEEK.start, WEEK.end, WEEK.as_of, 1, Fonts(**repo.settings.fonts)),
        CALENDAR,
    )
    document = Document(io.BytesIO(render_docx(memo, root, "zh")))
    fonts = document.styles["公文正文"].element.rPr.rFonts
    assert (
        fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
        == "Noto Serif CJK SC"
    )


def _hostile(tmp_path: Path) -> Path:
    root = tmp_path / "records"
    shutil.copytree(SAMPLE, root)
    file = root / "visits/2020/02/20200213-2cr.yaml"
    text = file.read_text(encoding="utf-8")
    file.write_text(
        text.replace(
            "约300只。", "约300只。<script>alert(1)</script> [链接](http://x) {{ 7*7 }} <w:p/>"
        ),
        encoding="utf-8",
    )
    return root


def test_record_text_cannot_inject_markup(tmp_path: Path) -> None:
    from docx import Document

    root = _hostile(tmp_path)
    memo = made(bulletin, load(root), WEEK, CALENDAR)
    html = render_text(memo, "html", root, "zh")
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    markdown = render_text(memo, "md", root, "zh")
    assert (
        "\\<script\\>" in markdown
        and "\\[链接\\]" in markdown
        and "{{ 7*7 }}" not in markdown.replace("\\{\\{", "")
    )
    document = Document(io.BytesIO(render_docx(memo, root, "zh")))
    assert any(
        "<script>alert(1)</script>" in p.text and "{{ 7*7 }}" in p.text
        for t in document.tables
        for r in t.rows
        for c in r.cells
        for p in c.paragraphs
    )


@pytest.mark.parametrize(
    ("template", "cause"),
    [
        ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "unsafe"),
        ("{{ memo.title.__class__.__init__.__globals__ }}", "unsafe"),
        ("{{ no_such_name }}", "undefined"),
        ("{% for x in memo.body %}", "end of template"),
    ],
)
def test_repository_templates_run_in_the_sandbox(tmp_path: Path, template: str, cause: str) -> None:
    root = tmp_path / "records"
    shutil.copytree(SAMPLE, root)
    build_file_tree(root, {"templates/bulletin.md.j2": "标题\n" + template + "\n"})
    with pytest.raises(UserError) as caught:
        render_text(made(bulletin, load(root), WEEK, CALENDAR), "md", root, "zh")
    message = str(caught.value)
    assert message.startswith("模板 bulletin.md.j2 第 ") and cause in message


def test_a_repository_template_extends_the_html_layout_with_its_parts(tmp_path: Path) -> None:
    """docs/templates.md: a clerk's own 版记 block, drawn with the shipped rule macro."""
    root = tmp_path / "records"
    shutil.copytree(SAMPLE, root)
    own = """{% extends "memo.html.j2" %}
{% from "memo-parts.html.j2" import rule %}
{% block record %}<div class="blank-page"></div><div class="foot"><div class="fill"></div>
<div class="record">{{ rule(0.35) }}<p>本单位自定版记</p>{{ rule(0.35) }}</div></div>{% endblock %}
"""
    build_file_tree(root, {"templates/bulletin.html.j2": own})
    page = render_text(made(bulletin, load(root), WEEK, CALENDAR), "html", root, "zh")
    record = page[page.index('<div class="record">') :]
    assert "本单位自定版记" in record and record.count('height="0.35mm"') == 4  # two rules
    assert "印发" not in record


def test_template_outside_the_repository_is_ignored(tmp_path: Path) -> None:
    root = tmp_path / "records"
    shutil.copytree(SAMPLE, root)
    outside = tmp_path / "evil.md.j2"
    outside.write_text("EVIL", encoding="utf-8")
    (root / "templates").mkdir(exist_ok=True)
    (root / "templates" / "bulletin.md.j2").symlink_to(outside)
    from ducha.outputs.report.render import choose

    assert choose("bulletin", "md", root).origin == "builtin"  # type: ignore[union-attr]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_pdf_through_libreoffice() -> None:
    import subprocess
    import tempfile

    [document] = produce(load(SAMPLE), "bulletin", "pdf", WEEK, CALENDAR, "zh")
    assert document.content.startswith(b"%PDF")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(document.content)
        file.flush()
        info = subprocess.run(
            ["pdfinfo", file.name], capture_output=True, text=True, check=False
        ).stdout
    assert "A4" in info or "595.3" in info
    assert (
        int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:"))) >= 4
    )


def test_a_memo_never_counts_what_happened_after_its_date() -> None:
    repo = load(SAMPLE)
    day = dt.date(2020, 2, 17)
    week = Request(dt.date(2020, 2, 17), dt.date(2020, 2, 23), day, None)  # --week --as-of
    memo = made(bulletin, repo, week, CALENDAR)
    on_the_day = [v for v in repo.visits if v.date == day and not v.planned]
    assert memo.data["visits"] == len(on_the_day)
    assert memo.title == "关于2020年2月17日督查情况的通报"
    table = memo.attachments[0]
    assert all(row[2] == "2月17日" for row in table.rows)


def test_the_special_report_carries_what_was_marked_for_the_hq() -> None:
    repo = load(SAMPLE)
    first = Request(dt.date(2020, 2, 3), dt.date(2020, 2, 9), dt.date(2020, 2, 10), None)
    memo = made(special, repo, first, CALENDAR)
    marked = [
        f
        for v in repo.visits
        if first.start <= v.date <= first.end
        for f in v.findings
        if "hq" in f.dispositions and f.scope == "individual"
    ]
    assert marked  # the sample has such a finding
    words = " ".join(b.text for b in memo.body)
    assert all(f.description.rstrip("。") in words for f in marked)


def test_a_long_title_breaks_between_words_into_even_lines() -> None:
    from ducha.outputs.report.words import title_lines

    assert title_lines("关于2020年2月10日至16日督查情况的通报") == (
        "关于2020年2月10日至16日",
        "督查情况的通报",
    )
    assert title_lines("督查整改通知书") == ("督查整改通知书",)
    for title in (
        "关于2020年2月10日至16日督查发现共性问题及建议的报告",
        "关于2020年1月27日至2月16日督查发现共性问题及建议的报告",
        "关于2020年12月28日至2021年1月3日督查情况的通报",
    ):
        lines = title_lines(title)
        assert "".join(lines) == title and len(lines) == 2
        assert not lines[0].endswith(("通", "至", "年", "月")) and len(lines[1]) > 1


@pytest.mark.parametrize(
    "start", [dt.date(2020, 2, 3) + dt.timedelta(days=7 * n) for n in range(4)]
)
def test_a_bulletin_names_only_what_there_was(start: dt.date) -> None:
    """No "杀回马枪0次", and no 责任方 column when no record names who answers for it."""
    repo = load(SAMPLE)
    end = start + dt.timedelta(days=6)
    memo = bulletin(repo, Request(start, end, end + dt.timedelta(days=1), None), CALENDAR)
    if memo is None:
        return
    texts = [b.text for b in memo.body if b.kind == "paragraph"]
    assert not any(re.search(r"(?<!\d)0[次个]", t) for t in texts), texts
    visits = [v for v in repo.visits if start <= v.date <= end]
    covert, returns = sum(v.unannounced for v in visits), sum("return" in v.methods for v in visits)
    opening = next(t for t in texts if t.startswith("共开展督查"))
    assert (f"暗访{covert}次" in opening) == bool(covert)
    assert (f"杀回马枪{returns}次" in opening) == bool(returns)
    for table in (b.table for b in memo.body if b.table is not None):
        if "责任方" in table.headers:
            assert any(row[table.headers.index("责任方")] for row in table.rows)


def test_a_bulletin_without_a_named_responsible_has_no_column_for_it(tmp_path: Path) -> None:
    root = tmp_path / "records"
    shutil.copytree(SAMPLE, root)
    for path in (root / "visits").rglob("*"):
        if path.is_file() and path.suffix in (".yaml", ".md"):
            text = path.read_text(encoding="utf-8")
            path.write_text("\n".join(line for line in text.splitlines() if "responsible:" not in line) + "\n", encoding="utf-8")  # fmt: skip
    memo = made(bulletin, load(root), WEEK, CALENDAR)
    [table] = [b.table for b in memo.body if b.table is not None]
    assert table.headers == ("单位", "问题", "整改期限", "超期工作日")
    assert all(len(row) == 4 for row in table.rows)
