"""Lay a memo out with Jinja templates: Markdown, HTML, DOCX (docxtpl), PDF (LibreOffice).

Templates come from the records repository's ``templates/`` first, then from those built into
ducha, so a team overrides one by placing a file of the same name. Every template runs in
Jinja's sandbox with undefined names as errors; record text is escaped for the output format.
"""

from __future__ import annotations

import contextlib
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
from ducha.outputs.report.model import FALLBACKS, Bar, Chart, Fonts, Memo, Table

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


def column_shares(table: Table) -> list[float]:
    """Each column's share of the type area, in per cent, as the Word tables have them."""
    from ducha.outputs.report.docx_tables import table_widths

    if not table.headers:
        return []
    widths = table_widths(table.headers, table.rows)
    total = sum(widths) or 1
    return [round(100 * width / total, 2) for width in widths]


_GENERIC = {"heading1": "sans-serif"}
_FACE_NAME = re.compile(r"[^\w .\-]")


def font_stack(fonts: Fonts, role: str) -> Any:
    """A CSS font-family list for a role: the configured face, then the free ones.

    The page is printed on the clerk's machine, not this one: every fallback is listed, and
    the browser takes the first it has. A name keeps only what a face's name holds, so a
    quote in ducha.yaml cannot end the style sheet's string.
    """
    from markupsafe import Markup

    names = dict.fromkeys((getattr(fonts, role), *FALLBACKS.get(role, ())))
    quoted = [f'"{_FACE_NAME.sub("", name)}"' for name in names if _FACE_NAME.sub("", name)]
    return Markup(", ".join([*quoted, _GENERIC.get(role, "serif")]))


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
    env.globals["column_shares"] = column_shares
    env.globals["font_stack"] = font_stack
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
            from ducha.outputs.report.docx_tables import fit_columns
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
            fit_columns(table)
        place_charts(template.docx, charts)
        if memo.unnumbered_record:
            from ducha.outputs.report.docx_pages import unnumbered_record_pages

            unnumbered_record_pages(template.docx)
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
