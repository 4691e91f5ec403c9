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
    from ducha.outputs.report.issuing import Issuing
    from ducha.outputs.report.render import TemplateChoice


class Kind(StrEnum):
    """Memo kinds."""

    bulletin = "bulletin"
    notice = "notice"
    reminder = "reminder"
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
            help=h(
                "bulletin 通报｜notice 整改通知书｜reminder 督办单｜special 专报｜"
                "referral 移交函｜brief 日报。"
            )
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
        typer.Option("--number", min=1, help=h("印发用的发文字号或期号（默认取当年下一个空号）。")),
    ] = None,
    issue: Annotated[
        bool,
        typer.Option(
            "--issue", help=h("正式印发：给公文编号并记入 numbers.yaml（不加则是草稿，不占号）。")
        ),
    ] = False,
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
    from ducha.outputs.report import Request, memos, sequence, templates
    from ducha.outputs.report.issuing import Issuing
    from ducha.outputs.report.model import Fonts
    from ducha.store.writing import check_output

    settings, lang = open_repo(ctx)
    if list_templates:
        _print_templates(ctx, templates(settings.root), lang)
        return
    if kind is None:
        raise typer.BadParameter(text("report-kind-needed", lang), param_hint="KIND")
    if number is not None and not issue:
        raise typer.BadParameter(text("number-needs-issue", lang), param_hint="--number")
    day = parse_date(as_of) or cli.today()
    first, last = _period(kind, day, parse_date(start), parse_date(end), week, month)
    request = Request(first, last, day, None, Fonts(**settings.fonts), include_personal)
    repo = usable_records(ctx, settings, lang)
    whom = recipient.value if recipient else None
    wanted = memos(repo, kind.value, request, WorkCalendar(settings.calendar), unit, whom, lang)
    if not wanted:  # an empty memo is not made
        raise UserError(_nothing(kind.value, request, unit, whom, lang))
    targets = _targets([stem for stem, _ in wanted], output, output_format.value, lang)
    for target in targets:  # all refused or none: never half a set written
        if target is not None:
            check_output(target, settings.root, force=force)
    plan = Issuing(kind.value, sequence(kind.value), request, settings.organization.doc_prefix)
    if issue:
        _issue(ctx, plan, wanted, targets, number, output_format.value, settings.root, force=force)
    else:
        finals = plan.as_issued(wanted, settings.root)
        documents = _rendered(ctx, finals, output_format.value, settings.root, lang)
        _deliver(ctx, documents, targets, settings.root, force=force)
    if output_format.value == "pdf":
        from ducha.outputs.console import print_line
        from ducha.outputs.report.printing import font_substitutions

        notes = console_for(ctx, stderr=True)
        for wanted_font, used in font_substitutions(request.fonts):
            words = text("font-substituted", lang, wanted=wanted_font, used=used)
            print_line(notes, words, "yellow")  # broken by the Chinese rules, not mid-word


def _nothing(kind: str, request: Any, unit: str | None, whom: str | None, lang: Lang) -> str:
    """Why a request makes no memo."""
    if kind == "referral":
        return text("report-nothing", lang, recipient=whom or "discipline, police")
    end = min(request.end, request.as_of)
    shown = f"（{unit}）" if unit and lang == "zh" else f" ({unit})" if unit else ""
    return text(
        f"nothing-{kind}", lang, start=request.start, end=end, date=request.as_of, unit=shown
    )


def _issue(
    ctx: typer.Context,
    plan: Issuing,
    wanted: list[tuple[str, Any]],
    targets: list[Path | None],
    first: int | None,
    fmt: str,
    root: Path,
    *,
    force: bool,
) -> None:
    """Number, render and write the memos under the register's lock.

    The numbers are recorded before the memos are written, so that none is ever given twice;
    the numbers of memos a failed write left out are taken back.
    """
    from ducha.store.numbers import register

    lang = ctx.obj.early_lang()
    with register(root) as numbers:
        finals = plan.numbered(wanted, numbers, first, targets)
        documents = _rendered(ctx, finals, fmt, root, lang)
        if numbers.added:
            numbers.save()
        try:
            _deliver(ctx, documents, targets, root, force=force)
        except BaseException:
            numbers.forget([i for i in numbers.added if not _written(documents, targets, i.output)])
            numbers.save()
            raise


def _targets(stems: list[str], output: Path | None, fmt: str, lang: Lang) -> list[Path | None]:
    """Where each memo goes: a file, a file in a folder, or standard output (None)."""
    if output is None and fmt in ("docx", "pdf"):
        raise UserError(text("report-needs-output", lang, fmt=fmt))
    if output is None and len(stems) > 1:
        raise UserError(text("report-needs-folder", lang, count=len(stems)))
    if output is None:
        return [None]
    as_folder = len(stems) > 1 or output.is_dir() or str(output).endswith(("/", "\\"))
    return [output / f"{stem}.{fmt}" if as_folder else output for stem in stems]


def _rendered(
    ctx: typer.Context, finals: list[tuple[str, Any]], fmt: str, root: Path, lang: Lang
) -> list[Any]:
    from ducha.outputs.report import Document, render_memo

    documents = []
    with progress_bar(ctx, "progress-rendering") as progress:
        for stem, memo in finals:
            documents.append(Document(f"{stem}.{fmt}", render_memo(memo, fmt, root, lang), memo))
            if progress is not None:
                progress(len(documents), len(finals))
    return documents


def _deliver(
    ctx: typer.Context, documents: list[Any], targets: list[Path | None], root: Path, *, force: bool
) -> None:
    """Write the memos to their targets (one to standard output)."""
    from ducha.store.writing import write_output

    lang = ctx.obj.early_lang()
    notes = console_for(ctx, stderr=True)
    for document, target in zip(documents, targets, strict=True):
        if target is None:
            sys.stdout.write(document.content.decode("utf-8"))
        else:
            write_output(target, document.content, root, force=force)
            notes.print(text("report-written", lang, path=target), highlight=False)


def _written(documents: list[Any], targets: list[Path | None], output: str) -> bool:
    """Whether the memo meant for ``output`` is there, as rendered."""
    for document, target in zip(documents, targets, strict=True):
        if target is not None and str(target) == output:
            return target.is_file() and target.read_bytes() == document.content
    return False


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
