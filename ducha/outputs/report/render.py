"""Lay a memo out with Jinja templates: Markdown, HTML, DOCX (docxtpl), PDF (LibreOffice).

Templates come from the records repository's ``templates/`` first, then from those built into
ducha, so a team overrides one by placing a file of the same name. Every template runs in
Jinja's sandbox with undefined names as errors; record text is escaped for the output format.
"""

from __future__ import annotations

import contextlib
import itertools
import re
import signal
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ducha.domain.settings import Lang
from ducha.errors import UserError
from ducha.outputs.i18n import text
from ducha.outputs.report.model import Bar, Chart, Fonts, Memo

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#~])")


def builtin_dir() -> Path:
    """The built-in templates: ``ducha/templates`` in the wheel, ``templates/`` in a checkout."""
    package = Path(__file__).resolve().parents[2]  # ducha/
    for candidate in (package / "templates", package.parent / "templates"):
        if (candidate / "memo.md.j2").is_file():
            return candidate
    return package / "templates"


@dataclass(frozen=True, slots=True)
class TemplateChoice:
    """Which file renders a kind in a format, and where it comes from."""

    kind: str
    format: str
    path: Path
    origin: str  # repository | builtin


def template_name(kind: str, fmt: str) -> str:
    """``bulletin.md.j2``, ``bulletin.docx`` ..."""
    return f"{kind}.docx" if fmt in ("docx", "pdf") else f"{kind}.{fmt}.j2"


def choose(kind: str, fmt: str, repo_root: Path) -> TemplateChoice | None:
    """The template the repository overrides, else the built-in one."""
    name = template_name(kind, fmt)
    local = _inside(repo_root / "templates", name)
    if local is not None:
        return TemplateChoice(kind, fmt, local, "repository")
    builtin = builtin_dir() / name
    return TemplateChoice(kind, fmt, builtin, "builtin") if builtin.is_file() else None


def _inside(folder: Path, name: str) -> Path | None:
    """``folder/name`` if it is a file that really lies in ``folder`` (no symlink out)."""
    candidate = folder / name
    if not candidate.is_file():
        return None
    if not candidate.resolve().is_relative_to(folder.resolve()):
        return None
    return candidate


def md(value: Any) -> str:
    """Escape record text for Markdown, so it cannot add headings, links or tables."""
    return _MD_SPECIAL.sub(r"\\\1", str(value)).replace("\r", " ").replace("\n", " ")


def bar_text(bar: Bar, top: int, width: int = 20) -> str:
    """A bar drawn with block characters (█ ▓ ░ for the parts), for Markdown and Word."""
    glyphs = "█▓░▒"
    if bar.parts:
        return "".join(glyphs[i % 4] * round(n * width / top) for i, (_, n) in enumerate(bar.parts))
    return "█" * max(1, round(bar.value * width / top)) if bar.value else ""


# Bounds on what a template may make: the sandbox already caps range() at 100,000 items.
MAX_REPEAT = 1_000_000  # characters or items a * may make
MAX_POWER = 1_000  # exponent a ** may take
TIME_LIMIT = 20.0  # seconds a memo may take to render


def _environment(repo_root: Path, fmt: str) -> Any:
    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined, TemplateNotFound
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import SandboxedEnvironment

    class ConfinedLoader(FileSystemLoader):
        """A folder's templates, with every include and symlink resolved inside it."""

        def get_source(self, environment: Any, template: str) -> Any:
            source, filename, uptodate = super().get_source(environment, template)
            real = Path(filename).resolve()
            roots = [Path(p).resolve() for p in self.searchpath]
            if not real.is_file() or not any(real.is_relative_to(root) for root in roots):
                raise TemplateNotFound(template)
            return source, filename, uptodate

    class BoundedEnvironment(SandboxedEnvironment):
        """The sandbox, with ``*`` and ``**`` kept from making what no memo needs."""

        intercepted_binops = frozenset({"*", "**"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "*":
                sized = [v for v in (left, right) if isinstance(v, str | list | tuple)]
                counts = [v for v in (left, right) if isinstance(v, int)]
                if sized and counts and len(sized[0]) * max(counts[0], 0) > MAX_REPEAT:
                    raise SecurityError(f"{operator}: more than {MAX_REPEAT} items")
            if operator == "**" and isinstance(right, int | float) and abs(right) > MAX_POWER:
                raise SecurityError(f"{operator}: exponent over {MAX_POWER}")
            return super().call_binop(context, operator, left, right)

    loaders = [ConfinedLoader(str(repo_root / "templates")), ConfinedLoader(str(builtin_dir()))]
    env = BoundedEnvironment(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        autoescape=fmt == "html",
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.pop("lipsum", None)  # lipsum(10**6) would run for ever
    env.filters["md"] = md
    env.globals["bar_text"] = bar_text
    return env


class RenderTimeout(Exception):
    """A template ran past ``TIME_LIMIT``."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Stop a render that runs past ``seconds`` (a loop of loops in a template)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: Any) -> None:
        del signum, frame
        raise RenderTimeout

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def render_text(memo: Memo, fmt: str, repo_root: Path, lang: Lang) -> str:
    """Markdown or HTML."""
    import jinja2

    name = template_name(memo.kind, fmt)
    env = _environment(repo_root, fmt)
    if fmt == "html":
        from ducha.outputs.report.photos import with_thumbnails

        memo = with_thumbnails(memo, repo_root)
    try:
        with time_limit(TIME_LIMIT):
            return str(env.get_template(name).render(memo=memo))
    except RenderTimeout as exc:
        raise UserError(
            text(
                "template-error",
                lang,
                name=name,
                line=_line_of(exc),
                cause=text("template-too-long", lang, seconds=int(TIME_LIMIT)),
            )
        ) from exc
    except RecursionError as exc:
        raise UserError(
            text(
                "template-error", lang, name=name, line="?", cause=text("template-recursion", lang)
            )
        ) from exc
    except jinja2.TemplateSyntaxError as exc:
        raise UserError(
            text("template-error", lang, name=exc.name or name, line=exc.lineno, cause=exc.message)
        ) from exc
    except jinja2.TemplateNotFound as exc:
        raise UserError(text("template-missing", lang, name=exc.name)) from exc
    except (
        jinja2.UndefinedError,
        jinja2.exceptions.SecurityError,
        TypeError,
        ValueError,
        ArithmeticError,
        MemoryError,
    ) as exc:
        raise UserError(
            text("template-error", lang, name=name, line=_line_of(exc), cause=exc)
        ) from exc


def _line_of(exc: BaseException) -> str:
    """The template line a render error came from, read off its traceback."""
    tb = exc.__traceback__
    line = "?"
    while tb is not None:
        if (
            tb.tb_frame.f_code.co_filename.endswith(".j2")
            or "template" in tb.tb_frame.f_code.co_name
        ):
            line = str(tb.tb_lineno)
        tb = tb.tb_next
    return line


def render_docx(memo: Memo, repo_root: Path, lang: Lang) -> bytes:
    """A Word document from the kind's .docx template, which a clerk may edit in Word."""
    import io

    import jinja2
    from docxtpl import DocxTemplate

    choice = choose(memo.kind, "docx", repo_root)
    if choice is None:
        raise UserError(text("template-missing", lang, name=template_name(memo.kind, "docx")))
    problem = docx_problem(choice.path)
    if problem is not None:
        raise UserError(
            text("template-error", lang, name=choice.path.name, line="-", cause=problem)
        )
    template = DocxTemplate(str(choice.path))
    env = _environment(repo_root, "docx")
    try:
        with time_limit(TIME_LIMIT):
            from ducha.outputs.report.docx_chart import chart_mark, place_charts
            from ducha.outputs.report.photos import docx_images

            photos = docx_images(memo, repo_root, template)
            charts: list[Chart] = []
            context = {
                "memo": memo,
                "photos": photos,
                "chart_mark": lambda chart: chart_mark(chart, charts),
            }
            template.render(context, jinja_env=env, autoescape=True)
        _apply_fonts(template.docx, memo.fonts)
        for table in template.docx.tables:
            _fit_columns(table)
        place_charts(template.docx, charts)
    except (RenderTimeout, RecursionError, ArithmeticError, MemoryError, ValueError) as exc:
        raise UserError(
            text("template-error", lang, name=choice.path.name, line="?", cause=type(exc).__name__)
        ) from exc
    except jinja2.TemplateError as exc:
        line = getattr(exc, "lineno", None) or "?"
        raise UserError(
            text("template-error", lang, name=choice.path.name, line=line, cause=exc)
        ) from exc
    stream = io.BytesIO()
    template.save(stream)
    return stream.getvalue()


MAX_DOCX_BYTES = 50_000_000  # what a template may unpack to: a zip bomb stops here
MAX_DOCX_PARTS = 2_000


def docx_problem(path: Path) -> str | None:
    """Why a .docx template must not be opened, or None: not a zip, a bomb, no document."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
            if len(parts) > MAX_DOCX_PARTS or sum(p.file_size for p in parts) > MAX_DOCX_BYTES:
                return "too large unpacked (zip bomb?)"
            names = {p.filename for p in parts}
            if "word/document.xml" not in names:
                return "not a Word document (no word/document.xml)"
            for part in parts:
                if part.filename.endswith((".xml", ".rels")):
                    head = archive.read(part)
                    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                        return f"{part.filename} declares entities (an entity bomb?)"
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        return f"not a readable .docx ({exc})"
    return None


# Which Word styles (from make_docx.py) take which configured font.
_STYLE_ROLES = {
    **dict.fromkeys(("Normal", "公文正文", "主送机关", "发文字号", "发文机关署名"), "body"),
    **dict.fromkeys(("成文日期", "版记", "图表", "表格文字"), "body"),
    **dict.fromkeys(("公文标题", "发文机关标志", "刊头"), "title"),
    **dict.fromkeys(("一级标题", "图表标题"), "heading1"),
    "二级标题": "heading2",
    "页码": "number",
}


def _apply_fonts(document: Any, fonts: Fonts) -> None:
    """Set the configured faces on the template's styles, by role."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for style in document.styles:
        role = _STYLE_ROLES.get(style.name)
        if role is None:
            continue
        rpr = style.element.get_or_add_rPr()
        names = rpr.find(qn("w:rFonts"))
        if names is None:
            names = OxmlElement("w:rFonts")
            rpr.insert(0, names)
        for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            names.set(qn(attribute), getattr(fonts, role))


TYPE_AREA_TWIPS = 8845  # 156 mm
_CHAR_TWIPS = 210  # a 10.5 pt (五号) character of the tables
_PADDING_TWIPS = 216  # Word's cell margins, both sides
_WORD = 4  # characters: a cell this short is one word, set on one line
_TOKEN = re.compile(r"(\d{4}年)?\d{1,2}月\d{1,2}日|\d{4}-\d\d-\d\d|[\d.,%+\-−]+")
_TOKEN_SHARE = 0.6  # of the width, at most, for the columns that never wrap


def _fit_columns(table: Any) -> None:
    """Column widths by content across the type area: 问题 wide, dates and counts narrow.

    Word and LibreOffice otherwise split the width evenly: a date breaks after each
    character and a long column of text runs to many pages. Columns of dates, counts and
    single words get what their longest cell needs; the columns of text share the rest.
    """
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Twips

    from ducha.outputs.report.docx_chart import set_grid

    rows = [[cell.text.strip() for cell in row.cells] for row in table.rows]
    if not rows or not rows[0]:
        return
    columns = len(rows[0])
    body = [[row[i] for row in rows[1:] if i < len(row)] or [""] for i in range(columns)]
    widths = column_widths(rows[0], body)
    table.autofit = False
    tbl_pr = table._tbl.tblPr  # python-docx has no layout property
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    # the template's grid has the columns it was drawn with; the rendered table has more
    set_grid(table, widths)
    for row in table.rows:
        for index, cell in enumerate(row.cells):
            if index < columns:
                cell.width = Twips(widths[index])


def column_widths(
    headers: list[str], body: list[list[str]], total: int = TYPE_AREA_TWIPS
) -> list[int]:
    """Twips per column, summing to ``total``.

    A column of tokens (dates, counts, words of up to four characters) gets its longest
    cell, its header over two lines at most; the columns of text share what is left by the
    square root of their length (a 40-character 问题 beside a 12-character 单位 gets twice
    its width, not three times), none wider than its longest cell needs while another wraps.
    """

    def need(chars: float) -> int:
        # half a character to spare: faces set digits wider than the half counted
        return int((min(chars, 60) + 0.5) * _CHAR_TWIPS) + _PADDING_TWIPS

    tokens = [
        i
        for i, cells in enumerate(body)
        if all(_chars(c) <= _WORD or _TOKEN.fullmatch(c) for c in cells)
    ]
    needs = []
    for i, cells in enumerate(body):
        header = _chars(headers[i]) if i < len(headers) else 0
        if i in tokens and header > _WORD:  # over two lines: 超期 over （工作日）
            header = max(header * 0.7, _WORD)
        needs.append(need(max(*(_chars(c) for c in cells), header)))
    widths = [0] * len(body)
    token_need = sum(needs[i] for i in tokens)
    texts = [i for i in range(len(body)) if i not in tokens]
    if not texts:
        return _spread(needs, total)
    room = total - min(token_need, int(total * _TOKEN_SHARE))
    for i in tokens:  # squeezed alike only when the tokens would take more than their share
        widths[i] = needs[i] * (total - room) // max(token_need, 1)
    open_ = list(texts)
    while open_:
        weights = sum(needs[i] ** 0.5 for i in open_)
        capped = [i for i in open_ if room * needs[i] ** 0.5 / weights >= needs[i]]
        if not capped:
            for i in open_:
                widths[i] = int(room * needs[i] ** 0.5 / weights)
            break
        for i in capped:
            widths[i] = needs[i]
            room -= needs[i]
            open_.remove(i)
    return _spread(widths, total)


def _spread(widths: list[int], total: int) -> list[int]:
    """``widths`` scaled to fill ``total`` exactly."""
    have = sum(widths) or 1
    scaled = [w * total // have for w in widths]
    scaled[scaled.index(max(scaled))] += total - sum(scaled)
    return scaled


def _chars(words: str) -> float:
    """Characters a cell's text takes at its font size: a Latin letter or digit about 0.6.

    Where Chinese meets Latin or digits (2020年2月12日) a quarter of a character more: the
    gap word processors set there.
    """
    wide = [ord(c) >= 0x2E80 for c in words.strip()]
    gaps = sum(1 for a, b in itertools.pairwise(wide) if a != b)
    return sum(1.0 if w else 0.6 for w in wide) + 0.25 * gaps
