"""Memo commands: report."""

from __future__ import annotations

import datetime as dt
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ducha import cli
from ducha.cli import (
    DuchaCommand,
    app,
    complete,
    console_for,
    h,
    open_repo,
    parse_date,
    progress_bar,
    usable_records,
)
from ducha.domain.settings import Lang
from ducha.errors import UserError
from ducha.outputs.i18n import text

if TYPE_CHECKING:
    from ducha.outputs.report.render import TemplateChoice


class Kind(StrEnum):
    """Memo kinds."""

    bulletin = "bulletin"
    notice = "notice"
    special = "special"
    referral = "referral"
    brief = "brief"


class MemoFormat(StrEnum):
    """Memo formats."""

    docx = "docx"
    html = "html"
    md = "md"
    pdf = "pdf"


class Recipient(StrEnum):
    """Who a referral goes to."""

    discipline = "discipline"
    police = "police"


@app.command(cls=DuchaCommand)
def report(
    ctx: typer.Context,
    kind: Annotated[
        Kind | None,
        typer.Argument(
            help=h("bulletin 通报｜notice 整改通知书｜special 专报｜referral 移交函｜brief 日报。")
        ),
    ] = None,
    output_format: Annotated[
        MemoFormat, typer.Option("--format", "-f", help=h("格式：docx（打印用）｜html｜md｜pdf。"))
    ] = MemoFormat.docx,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help=h("写入的文件或目录（docx、pdf 必须指定；多份公文时为目录）。")
        ),
    ] = None,
    start: Annotated[
        str | None, typer.Option("--from", help=h("统计期起始日（YYYY-MM-DD）。"))
    ] = None,
    end: Annotated[str | None, typer.Option("--to", help=h("统计期截止日（YYYY-MM-DD）。"))] = None,
    week: Annotated[
        bool, typer.Option("--week", help=h("统计期为 --as-of 所在的一周（周一至周日）。"))
    ] = False,
    month: Annotated[
        bool, typer.Option("--month", help=h("统计期为 --as-of 所在的月份。"))
    ] = False,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help=h("成文日期和状态截止日（默认今天）。"))
    ] = None,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit",
            help=h("整改通知书的单位编号（不写则每个有未销号问题的单位一份）。"),
            autocompletion=complete.units,
        ),
    ] = None,
    recipient: Annotated[
        Recipient | None,
        typer.Option(
            "--recipient", help=h("移交函的对象：discipline 纪委｜police 公安（不写则两者都出）。")
        ),
    ] = None,
    number: Annotated[
        int | None,
        typer.Option(
            "--number", min=1, help=h("发文字号或期号（默认取 numbers.yaml 记录的下一个号）。")
        ),
    ] = None,
    include_personal: Annotated[
        bool,
        typer.Option(
            "--include-personal", help=h("发给单位的文书也印出反映人等个人信息（默认不印）。")
        ),
    ] = False,
    list_templates: Annotated[
        bool, typer.Option("--list", help=h("列出各种公文、各格式所用的模板及来源。"))
    ] = False,
    force: Annotated[bool, typer.Option("--force", help=h("替换已存在的输出文件。"))] = False,
) -> None:
    """生成公文：督查通报、整改通知书、督查专报、问题线索移交函、督查日报，符合 GB/T 9704 格式。"""
    from ducha.domain.workdays import WorkCalendar
    from ducha.outputs.report import Request, produce, sequence, templates
    from ducha.outputs.report.model import Fonts
    from ducha.outputs.report.numbers import last_number, record_number

    settings, lang = open_repo(ctx)
    if list_templates:
        _print_templates(ctx, templates(settings.root), lang)
        return
    if kind is None:
        raise typer.BadParameter(text("report-kind-needed", lang), param_hint="KIND")
    day = parse_date(as_of) or cli.today()
    first, last = _period(kind, day, parse_date(start), parse_date(end), week, month)
    numbered = sequence(kind.value)
    chosen = number or last_number(settings.root, numbered) + 1
    request = Request(first, last, day, chosen, Fonts(**settings.fonts), include_personal)
    repo = usable_records(ctx, settings, lang)
    calendar = WorkCalendar(settings.calendar)
    whom = recipient.value if recipient else None
    with progress_bar(ctx, "progress-rendering") as progress:
        documents = produce(
            repo, kind.value, output_format.value, request, calendar, lang, unit, whom, progress
        )
    notes = console_for(ctx, stderr=True)
    if output_format.value == "pdf":
        from ducha.outputs.report.render import font_substitutions

        for wanted, used in font_substitutions(request.fonts):
            notes.print(
                text("font-substituted", lang, wanted=wanted, used=used),
                highlight=False,
                style="yellow",
            )
    if not documents:
        notes.print(
            text("report-nothing", lang, recipient=recipient.value if recipient else kind.value),
            highlight=False,
        )
        return
    if _deliver(ctx, documents, output, output_format.value, settings.root, lang, force=force):
        record_number(settings.root, numbered, chosen + len(documents) - 1)


def _deliver(
    ctx: typer.Context,
    documents: list[Any],
    output: Path | None,
    fmt: str,
    root: Path,
    lang: Lang,
    *,
    force: bool,
) -> bool:
    """Write the memos where ``--output`` says (or one to standard output); True if to files."""
    from ducha.store.writing import check_output, write_output

    if output is None and fmt in ("docx", "pdf"):
        raise UserError(text("report-needs-output", lang, fmt=fmt))
    if output is None and len(documents) > 1:
        raise UserError(text("report-needs-folder", lang, count=len(documents)))
    if output is None:
        sys.stdout.write(documents[0].content.decode("utf-8"))
        return False
    as_folder = len(documents) > 1 or output.is_dir() or str(output).endswith(("/", "\\"))
    targets = [output / d.name if as_folder else output for d in documents]
    for target in targets:  # all refused or none: never half a set written
        check_output(target, root, force=force)
    notes = console_for(ctx, stderr=True)
    for document, target in zip(documents, targets, strict=True):
        write_output(target, document.content, root, force=force)
        notes.print(text("report-written", lang, path=target), highlight=False)
    return True


def _period(
    kind: Kind, day: dt.date, start: dt.date | None, end: dt.date | None, week: bool, month: bool
) -> tuple[dt.date, dt.date]:
    """The reporting period: --from/--to, else --week/--month, else the week of --as-of."""
    from ducha.outputs.report import month_of, week_of

    if month:
        return month_of(day)
    if week or (start is None and end is None and kind is not Kind.brief):
        return week_of(day)
    first, last = start or day, end or day
    if first > last:
        raise UserError("period-backwards", start=first, end=last)
    return first, last


def _print_templates(ctx: typer.Context, choices: list[TemplateChoice], lang: Lang) -> None:
    from ducha.outputs.console import Cell, Column, print_rows

    rows: list[list[Cell]] = [
        [c.kind, c.format, text(f"origin-{c.origin}", lang), str(c.path)] for c in choices
    ]
    headers = [text(k, lang) for k in ("col-report-kind", "col-format", "col-origin", "col-path")]
    columns = [*(Column(h) for h in headers[:3]), Column(headers[3], wraps=True)]
    print_rows(console_for(ctx), columns, rows, lang=lang, title=text("report-list-title", lang))
